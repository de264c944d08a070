// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - denial counters and reports
 *
 * Counters are exact (atomic64); printed reports are rate-limited.  Runs
 * from hooks, possibly with preemption disabled: nothing here sleeps or
 * allocates.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>

#include "report.h"

static atomic64_t global_denied[__NSFENCE_CLASS_COUNT];
static atomic64_t global_audited[__NSFENCE_CLASS_COUNT];

/* At most 10 reports every 5 seconds, all classes together. */
static DEFINE_RATELIMIT_STATE(report_ratelimit, 5 * HZ, 10);

/**
 * nsfence_report_fence_hit() - count a hit on one fence
 * @fence: the fence that denied or audited the operation
 * @class: the operation's class
 * @denied: true if @fence denies, false if it only audits
 *
 * Every fence of a nested chain that hits counts its own hit, so that an
 * audit fence below an enforcing one still sees what it would deny.
 */
void nsfence_report_fence_hit(const struct nsfence_fence *fence,
			      enum nsfence_class class, bool denied)
{
	if (class >= __NSFENCE_CLASS_COUNT)
		return;
	if (denied)
		atomic64_inc(&fence->stats->denied[class]);
	else
		atomic64_inc(&fence->stats->audited[class]);
}

static void format_object(char *buf, size_t size,
			  const struct nsfence_object *object)
{
	const struct nsfence_dev_request *dev;

	switch (object->kind) {
	case NSFENCE_OBJ_NAME:
		snprintf(buf, size, "module %s", object->name);
		break;
	case NSFENCE_OBJ_FSTYPE:
		snprintf(buf, size, "mount -t %s", object->name);
		break;
	case NSFENCE_OBJ_FILE:
		snprintf(buf, size, "file %pD4", object->file);
		break;
	case NSFENCE_OBJ_DENTRY:
		snprintf(buf, size, "mknod %pd", object->dentry);
		break;
	case NSFENCE_OBJ_DEVICE:
		dev = object->dev;
		snprintf(buf, size, "device %c %u:%u",
			 dev->type == NSFENCE_DEV_BLOCK ? 'b' : 'c',
			 dev->major, dev->minor);
		break;
	case NSFENCE_OBJ_LOCKDOWN:
		snprintf(buf, size, "lockdown %s",
			 nsfence_policy_lockdown_name(object->reason));
		break;
	case NSFENCE_OBJ_CAP:
		snprintf(buf, size, "capability %d", object->cap);
		break;
	default:
		snprintf(buf, size, "unknown");
		break;
	}
}

/**
 * nsfence_report() - count and report one operation a fence hit
 * @class: the operation's class
 * @denied: true if the operation is denied, false if only audited
 * @fence: the strictest fence that hit
 * @object: what the operation acts on
 * @quiet: count only, print nothing (the kernel asked for no audit)
 */
void nsfence_report(enum nsfence_class class, bool denied,
		    const struct nsfence_fence *fence,
		    const struct nsfence_object *object, bool quiet)
{
	char text[96];

	if (class >= __NSFENCE_CLASS_COUNT)
		return;
	if (denied)
		atomic64_inc(&global_denied[class]);
	else
		atomic64_inc(&global_audited[class]);

	/*
	 * The "denials" multicast event of a later version is sent from
	 * here, with GFP_ATOMIC and its own rate limit per fence.
	 */

	if (quiet || !__ratelimit(&report_ratelimit))
		return;
	format_object(text, sizeof(text), object);
	pr_notice("%s class=%s comm=\"%s\" pid=%d fence=%s:%u %s\n",
		  denied ? "denied" : "audit",
		  nsfence_policy_class_name(class), current->comm,
		  task_pid_nr(current),
		  fence->ns_type == NSFENCE_NS_USER ? "user" : "pid",
		  fence->ns_inum, text);
}

/**
 * nsfence_report_denied() - global count of denials of a class
 * @class: the class
 *
 * Return: the number of operations denied since the module was loaded.
 */
u64 nsfence_report_denied(enum nsfence_class class)
{
	if (class >= __NSFENCE_CLASS_COUNT)
		return 0;
	return atomic64_read(&global_denied[class]);
}

/**
 * nsfence_report_audited() - global count of audit hits of a class
 * @class: the class
 *
 * Return: the number of operations allowed and reported since load.
 */
u64 nsfence_report_audited(enum nsfence_class class)
{
	if (class >= __NSFENCE_CLASS_COUNT)
		return 0;
	return atomic64_read(&global_audited[class]);
}
