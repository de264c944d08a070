// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - attaching the hooks when built into the kernel
 *
 * A real LSM: the hooks are added at LSM initialisation, before any
 * fence can exist, and stay for the life of the system.  The rest of
 * nsfence (registry, netlink family) comes up later from its initcall.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/lsm_hooks.h>

#include "attach.h"
#include "compat.h"
#include "hooks.h"

NSFENCE_DEFINE_LSM_ID(nsfence_lsmid);

#ifdef CONFIG_PERF_EVENTS
/* The hook's arguments differ between kernels (see compat.h). */
#ifdef CONFIG_BPF_SYSCALL
/* Its arguments change across versions (compat.h); nsfence needs none. */
static int lsm_bpf_prog_load(NSFENCE_BPF_PROG_LOAD_PARAMS)
{
	return nsfence_hook_bpf_prog_load();
}
#endif

static int lsm_perf_event_open(NSFENCE_PERF_OPEN_PARAMS)
{
	return nsfence_hook_perf_event_open(type);
}
#endif

static struct security_hook_list nsfence_lsm_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(kernel_module_request,
		      nsfence_hook_kernel_module_request),
	LSM_HOOK_INIT(kernel_load_data, nsfence_hook_kernel_load_data),
	LSM_HOOK_INIT(kernel_read_file, nsfence_hook_kernel_read_file),
	LSM_HOOK_INIT(capable, nsfence_hook_capable),
	LSM_HOOK_INIT(locked_down, nsfence_hook_locked_down),
	LSM_HOOK_INIT(file_open, nsfence_hook_file_open),
	LSM_HOOK_INIT(file_permission, nsfence_hook_file_permission),
	LSM_HOOK_INIT(path_mknod, nsfence_hook_path_mknod),
	LSM_HOOK_INIT(path_mkdir, nsfence_hook_path_mkdir),
	LSM_HOOK_INIT(path_rmdir, nsfence_hook_path_rmdir),
	LSM_HOOK_INIT(path_unlink, nsfence_hook_path_unlink),
	LSM_HOOK_INIT(path_rename, nsfence_hook_path_rename),
	LSM_HOOK_INIT(path_symlink, nsfence_hook_path_symlink),
	LSM_HOOK_INIT(path_chmod, nsfence_hook_path_chmod),
	LSM_HOOK_INIT(path_chown, nsfence_hook_path_chown),
	LSM_HOOK_INIT(path_notify, nsfence_hook_path_notify),
	LSM_HOOK_INIT(fs_context_parse_param,
		      nsfence_hook_fs_context_parse_param),
	LSM_HOOK_INIT(sb_kern_mount, nsfence_hook_sb_kern_mount),
	LSM_HOOK_INIT(socket_bind, nsfence_hook_socket_bind),
	LSM_HOOK_INIT(socket_setsockopt, nsfence_hook_socket_setsockopt),
	LSM_HOOK_INIT(netlink_send, nsfence_hook_netlink_send),
	LSM_HOOK_INIT(syslog, nsfence_hook_syslog),
	LSM_HOOK_INIT(quotactl, nsfence_hook_quotactl),
	LSM_HOOK_INIT(file_ioctl, nsfence_hook_file_ioctl),
	LSM_HOOK_INIT(file_ioctl_compat, nsfence_hook_file_ioctl_compat),
#ifdef CONFIG_BPF_SYSCALL
	LSM_HOOK_INIT(bpf, nsfence_hook_bpf),
	LSM_HOOK_INIT(bpf_prog, nsfence_hook_bpf_prog),
	LSM_HOOK_INIT(NSFENCE_BPF_PROG_LOAD_HOOK, lsm_bpf_prog_load),
#endif
#ifdef CONFIG_PERF_EVENTS
	LSM_HOOK_INIT(perf_event_open, lsm_perf_event_open),
#endif
	LSM_HOOK_INIT(ptrace_access_check, nsfence_hook_ptrace_access_check),
	LSM_HOOK_INIT(task_kill, nsfence_hook_task_kill),
	LSM_HOOK_INIT(task_alloc, nsfence_hook_task_alloc),
};

static_assert(ARRAY_SIZE(nsfence_lsm_hooks) == NSFENCE_HOOKS_COUNT);

/*
 * Set when the LSM framework initialised nsfence: a kernel booted with an
 * lsm= (or CONFIG_LSM) that leaves nsfence out never calls the init
 * below, and its hooks never run.
 */
static bool nsfence_lsm_enabled __ro_after_init;

static int __init nsfence_lsm_init(void)
{
	nsfence_lsm_enabled = true;
	security_add_hooks(nsfence_lsm_hooks, ARRAY_SIZE(nsfence_lsm_hooks),
			   NSFENCE_LSM_ID_ARG(nsfence_lsmid));
	pr_info("LSM initialised\n");
	return 0;
}

DEFINE_LSM(nsfence) = {
	.name = "nsfence",
	.init = nsfence_lsm_init,
};

/**
 * nsfence_attach() - check that the hooks were attached at boot
 *
 * Return: 0, or -ENOPKG when nsfence is not in the LSM order: then no
 * hook runs, and nsfence must not accept a fence it would not enforce.
 */
int nsfence_attach(void)
{
	return nsfence_lsm_enabled ? 0 : -ENOPKG;
}

/**
 * nsfence_detach() - nothing to do: a built-in LSM is never removed
 */
void nsfence_detach(void)
{
}

/**
 * nsfence_attach_method() - how the hooks are attached
 *
 * Return: "lsm", or "none" when nsfence is not in the LSM order.
 */
const char *nsfence_attach_method(void)
{
	return nsfence_lsm_enabled ? "lsm" : "none";
}

/**
 * nsfence_attach_active() - do the hooks run
 *
 * Return: true if the LSM framework initialised nsfence at boot.
 */
bool nsfence_attach_active(void)
{
	return nsfence_lsm_enabled;
}
