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
	LSM_HOOK_INIT(fs_context_parse_param,
		      nsfence_hook_fs_context_parse_param),
	LSM_HOOK_INIT(sb_kern_mount, nsfence_hook_sb_kern_mount),
	LSM_HOOK_INIT(socket_bind, nsfence_hook_socket_bind),
	LSM_HOOK_INIT(socket_setsockopt, nsfence_hook_socket_setsockopt),
};

static_assert(ARRAY_SIZE(nsfence_lsm_hooks) == NSFENCE_HOOKS_COUNT);

static int __init nsfence_lsm_init(void)
{
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
 * nsfence_attach() - nothing to do: the hooks are attached at boot
 *
 * Return: 0.
 */
int nsfence_attach(void)
{
	return 0;
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
 * Return: "lsm".
 */
const char *nsfence_attach_method(void)
{
	return "lsm";
}
