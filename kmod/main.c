// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - fence containers away from the kernel's global resources
 *
 * Tasks in a fenced user or pid namespace are denied kernel module
 * loading, writes to global sysctls and raw device access.  This file
 * only wires the parts together, in order.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "attach.h"
#include "fence.h"
#include "genl.h"
#include "report.h"
#include "securityfs.h"
#include "sysctl.h"

module_param_named(locked, nsfence_locked, bool, 0444);
MODULE_PARM_DESC(locked,
		 "Lock at load time: no unfence, no loosening, no unload");

static int __init nsfence_init(void)
{
	int err;

	nsfence_sysctl_init();
	err = nsfence_genl_init();
	if (err) {
		pr_err("cannot register the netlink family: %d\n", err);
		goto exit_registry;
	}
	/* Not fatal: the netlink family says the same. */
	if (nsfence_securityfs_init())
		pr_warn("no securityfs files\n");
	/* Last: from here on, hooks run. */
	err = nsfence_attach();
	if (err == -ENOPKG) {
		/* Stay, so that status can say why every FENCE is refused. */
		pr_err("built in, but not in the LSM order (lsm= or CONFIG_LSM): no hook runs, every FENCE is refused\n");
		return 0;
	}
	if (err) {
		pr_err("cannot attach the hooks: %d\n", err);
		goto exit_events;
	}
	if (nsfence_locked)
		nsfence_fence_lock();
	pr_info("loaded, hooks attached by %s%s\n", nsfence_attach_method(),
		nsfence_locked ? ", locked" : "");
	return 0;

exit_events:
	nsfence_report_exit();
	nsfence_securityfs_exit();
	nsfence_genl_exit();
exit_registry:
	nsfence_fence_exit();
	return err;
}

static void __exit nsfence_exit(void)
{
	/* Reverse order: no hook may run once the registry is gone. */
	nsfence_detach();
	nsfence_report_exit();
	nsfence_securityfs_exit();
	nsfence_genl_exit();
	nsfence_fence_exit();
	pr_info("unloaded\n");
}

module_init(nsfence_init);
module_exit(nsfence_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nsfence: deny fenced namespaces modules, global sysctls and raw devices");
MODULE_VERSION("0.1.0");
