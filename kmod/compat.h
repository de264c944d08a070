/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - kernel-version differences
 *
 * Every difference between the kernels nsfence builds against (Debian's
 * 6.1 and 6.12) is resolved in this file and nowhere else.  The
 * NSFENCE_HAVE_* macros come from kmod/probe.mk, which greps the target
 * kernel's headers; the versions named below are only for the reader.
 */
#ifndef _NSFENCE_COMPAT_H
#define _NSFENCE_COMPAT_H

#include <linux/ns_common.h>
#include <linux/refcount.h>

/*
 * security_sb_kern_mount() and its LSM hook take a const super_block
 * since 6.7.  Hook prototypes spell the parameter
 * "NSFENCE_SB_KERN_MOUNT_CONST struct super_block *sb".
 */
#ifdef NSFENCE_HAVE_CONST_SB_KERN_MOUNT
#define NSFENCE_SB_KERN_MOUNT_CONST const
#else
#define NSFENCE_SB_KERN_MOUNT_CONST
#endif

/*
 * The perf_event_open LSM hook lost its perf_event_attr argument in 6.10.
 * nsfence_hook_perf_event_open() takes only the type; the built-in LSM
 * registers a wrapper with NSFENCE_PERF_OPEN_PARAMS, and the ftrace
 * attach finds the type in raw argument NSFENCE_PERF_OPEN_TYPE_ARG.
 */
struct perf_event_attr;
#ifdef NSFENCE_HAVE_PERF_OPEN_TYPE_ONLY
#define NSFENCE_PERF_OPEN_PARAMS int type
#define NSFENCE_PERF_OPEN_NARGS 1
#else
#define NSFENCE_PERF_OPEN_PARAMS struct perf_event_attr *attr, int type
#define NSFENCE_PERF_OPEN_NARGS 2
#endif
#define NSFENCE_PERF_OPEN_TYPE_ARG (NSFENCE_PERF_OPEN_NARGS - 1)

/*
 * security_add_hooks() names the LSM with a struct lsm_id since 6.8 (the
 * LSM syscalls), with a number from uapi/linux/lsm.h; before, with a
 * plain string.  A kernel that builds nsfence in defines LSM_ID_NSFENCE
 * in its uapi/linux/lsm.h; LSM_ID_UNDEF keeps the file compiling before
 * that patch exists.
 */
#ifdef NSFENCE_HAVE_LSM_ID
#include <uapi/linux/lsm.h>
#ifndef LSM_ID_NSFENCE
#define LSM_ID_NSFENCE LSM_ID_UNDEF
#endif
#define NSFENCE_DEFINE_LSM_ID(var)					\
	static const struct lsm_id var = {				\
		.name = "nsfence",					\
		.id = LSM_ID_NSFENCE,					\
	}
#define NSFENCE_LSM_ID_ARG(var) (&(var))
#else
#define NSFENCE_DEFINE_LSM_ID(var) static const char var[] = "nsfence"
#define NSFENCE_LSM_ID_ARG(var) (var)
#endif

/*
 * Subscribing to a multicast group can require CAP_SYS_ADMIN since 6.7
 * (struct genl_multicast_group gained flags); denial events name the
 * processes of every container, so ask for it where the kernel can.
 * Tested by the flag's own macro rather than by version.
 */
#include <net/genetlink.h>
#ifdef GENL_MCAST_CAP_SYS_ADMIN
#define NSFENCE_MCGRP(grp) { .name = (grp), .flags = GENL_MCAST_CAP_SYS_ADMIN }
#else
#define NSFENCE_MCGRP(grp) { .name = (grp) }
#endif

/**
 * nsfence_ns_refcount() - number of references to a namespace
 * @ns: the namespace's common part
 *
 * The counter is &ns_common.count (a refcount_t) in 6.1 and 6.12; later
 * kernels rename it, hence the accessor.
 *
 * Return: the current reference count.
 */
static inline unsigned int nsfence_ns_refcount(const struct ns_common *ns)
{
	return refcount_read(&ns->count);
}

/*
 * Architecture differences.  sethostname(2) and setdomainname(2) have no
 * LSM hook: their capability check is told apart from every other
 * CAP_SYS_ADMIN check by the system call being made.  On x86-64 a task
 * may also enter through the ia32 table (other numbers) or the x32 one
 * (the same numbers with __X32_SYSCALL_BIT).
 */
#include <asm/syscall.h>
#include <asm/unistd.h>
#include <linux/sched/task_stack.h>

/**
 * nsfence_syscall_sets_uts_name() - is the current task in sethostname(2)
 *	or setdomainname(2)
 *
 * Return: true if the system call the current task is making sets the
 * host or domain name of its uts namespace.
 */
static inline bool nsfence_syscall_sets_uts_name(void)
{
	long nr = syscall_get_nr(current, task_pt_regs(current));

#ifdef CONFIG_X86_64
	if (in_ia32_syscall())
		return nr == __NR_ia32_sethostname ||
		       nr == __NR_ia32_setdomainname;
	nr &= ~__X32_SYSCALL_BIT;
#endif
	return nr == __NR_sethostname || nr == __NR_setdomainname;
}

#endif /* _NSFENCE_COMPAT_H */
