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
 * The LSM hook that runs in bpf(BPF_PROG_LOAD) after the loader's
 * capability checks and before the verifier (see bpfload.c): since 6.9
 * bpf_prog_load, called by security_bpf_prog_load(); before,
 * bpf_prog_alloc_security, called by security_bpf_prog_alloc().
 */
#ifdef NSFENCE_HAVE_BPF_PROG_LOAD_HOOK
#define NSFENCE_BPF_PROG_LOAD_HOOK	bpf_prog_load
#define NSFENCE_BPF_PROG_LOAD_NAME	"bpf_prog_load"
#define NSFENCE_BPF_PROG_LOAD_TARGET	"security_bpf_prog_load"
#define NSFENCE_BPF_PROG_LOAD_NARGS	3
#define NSFENCE_BPF_PROG_LOAD_PARAMS	struct bpf_prog *prog, \
					union bpf_attr *attr, \
					struct bpf_token *token
#else
#define NSFENCE_BPF_PROG_LOAD_HOOK	bpf_prog_alloc_security
#define NSFENCE_BPF_PROG_LOAD_NAME	"bpf_prog_alloc_security"
#define NSFENCE_BPF_PROG_LOAD_TARGET	"security_bpf_prog_alloc"
#define NSFENCE_BPF_PROG_LOAD_NARGS	1
#define NSFENCE_BPF_PROG_LOAD_PARAMS	struct bpf_prog_aux *aux
#endif

/*
 * Since 6.9 bpf(2) asks a loader for CAP_BPF inside bpf_prog_load(), after
 * the bpf LSM hook at the start of the call; before, __sys_bpf() asked it
 * first thing (for unprivileged_bpf_disabled), where no hook marks that a
 * new call began (bpfload.c).
 */
#ifdef NSFENCE_HAVE_BPF_PROG_LOAD_HOOK
#define NSFENCE_BPF_CAP_AFTER_BPF_HOOK	true
#else
#define NSFENCE_BPF_CAP_AFTER_BPF_HOOK	false
#endif

/* The same for security_quotactl(), since 6.7. */
#ifdef NSFENCE_HAVE_CONST_QUOTACTL
#define NSFENCE_QUOTACTL_CONST const
#else
#define NSFENCE_QUOTACTL_CONST
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
 * BPF "probe" loads of the verifier: BPF_PROBE_MEM everywhere, the
 * sign-extending and arena variants since 6.6 and 6.9.  An absent one
 * is given BPF_PROBE_MEM's value, which the switches using them already
 * name.
 */
#include <linux/filter.h>
#ifdef BPF_PROBE_MEMSX
#define NSFENCE_BPF_PROBE_MEMSX BPF_PROBE_MEMSX
#else
#define NSFENCE_BPF_PROBE_MEMSX (BPF_PROBE_MEM + 0x100)
#endif
#ifdef BPF_PROBE_MEM32
#define NSFENCE_BPF_PROBE_MEM32 BPF_PROBE_MEM32
#else
#define NSFENCE_BPF_PROBE_MEM32 (BPF_PROBE_MEM + 0x200)
#endif

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

/*
 * Is the current system call one of @calls: pairs of its ia32 and 64-bit
 * numbers (NSFENCE_SYSCALL())?  x32 calls are the 64-bit ones with
 * __X32_SYSCALL_BIT.
 */
static inline bool nsfence_syscall_is(const long (*calls)[2], unsigned int n)
{
	long nr = syscall_get_nr(current, task_pt_regs(current));
	unsigned int table = 1, i;

#ifdef CONFIG_X86_64
	if (in_ia32_syscall())
		table = 0;
	else
		nr &= ~__X32_SYSCALL_BIT;
#endif
	if (nr < 0)
		return false;
	for (i = 0; i < n; i++)
		if (nr == calls[i][table])
			return true;
	return false;
}

#ifdef CONFIG_X86_64
#define NSFENCE_SYSCALL(name)	{ __NR_ia32_##name, __NR_##name }
#else
#define NSFENCE_SYSCALL(name)	{ -1, __NR_##name }
#endif

/**
 * nsfence_syscall_sets_uts_name() - is the current task in sethostname(2)
 *	or setdomainname(2)
 *
 * Return: true if the system call the current task is making sets the
 * host or domain name of its uts namespace.
 */
static inline bool nsfence_syscall_sets_uts_name(void)
{
	static const long calls[][2] = {
		NSFENCE_SYSCALL(sethostname),
		NSFENCE_SYSCALL(setdomainname),
	};

	return nsfence_syscall_is(calls, ARRAY_SIZE(calls));
}

/**
 * nsfence_syscall_opens_by_handle() - is the current task in
 *	open_by_handle_at(2)
 *
 * Return: true if the system call the current task is making opens a
 * file by its handle.
 */
static inline bool nsfence_syscall_opens_by_handle(void)
{
	static const long calls[][2] = { NSFENCE_SYSCALL(open_by_handle_at) };

	return nsfence_syscall_is(calls, ARRAY_SIZE(calls));
}

/**
 * nsfence_syscall_deletes_module() - is the current task in delete_module(2)
 *
 * Return: true if the system call the current task is making unloads a
 * module.
 */
static inline bool nsfence_syscall_deletes_module(void)
{
	static const long calls[][2] = { NSFENCE_SYSCALL(delete_module) };

	return nsfence_syscall_is(calls, ARRAY_SIZE(calls));
}

/**
 * nsfence_syscall_swaps() - is the current task in swapon(2) or swapoff(2)
 *
 * Return: true if the system call the current task is making turns a
 * swap area on or off.
 */
static inline bool nsfence_syscall_swaps(void)
{
	static const long calls[][2] = {
		NSFENCE_SYSCALL(swapon),
		NSFENCE_SYSCALL(swapoff),
	};

	return nsfence_syscall_is(calls, ARRAY_SIZE(calls));
}

/**
 * nsfence_syscall_loads_bpf_prog() - is the current task in
 *	bpf(BPF_PROG_LOAD)
 *
 * Return: true if the system call the current task is making loads a BPF
 * program: the verifier asks for CAP_PERFMON (or CAP_SYS_ADMIN in its
 * place) while it checks it.
 */
static inline bool nsfence_syscall_loads_bpf_prog(void)
{
	static const long calls[][2] = { NSFENCE_SYSCALL(bpf) };
	unsigned long args[6];

	if (!nsfence_syscall_is(calls, ARRAY_SIZE(calls)))
		return false;
	syscall_get_arguments(current, task_pt_regs(current), args);
	return (int)args[0] == BPF_PROG_LOAD;
}

#endif /* _NSFENCE_COMPAT_H */
