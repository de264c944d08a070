/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - denial counters and reports
 */
#ifndef _NSFENCE_REPORT_H
#define _NSFENCE_REPORT_H

#include <linux/sched.h>
#include <linux/security.h>
#include <linux/types.h>
#include <linux/nsfence.h>

#include "fence.h"
#include "policy.h"

struct dentry;
struct file;

/**
 * enum nsfence_object_kind - how to print the object of an operation
 * @NSFENCE_OBJ_NAME: a string (module name)
 * @NSFENCE_OBJ_FSTYPE: a filesystem type name (mount)
 * @NSFENCE_OBJ_FILE: an open file (sysctl, device node)
 * @NSFENCE_OBJ_DENTRY: a dentry (mknod target)
 * @NSFENCE_OBJ_DEVICE: a device number
 * @NSFENCE_OBJ_LOCKDOWN: a lockdown reason
 * @NSFENCE_OBJ_CAP: a capability number
 */
enum nsfence_object_kind {
	NSFENCE_OBJ_NAME,
	NSFENCE_OBJ_FSTYPE,
	NSFENCE_OBJ_FILE,
	NSFENCE_OBJ_DENTRY,
	NSFENCE_OBJ_DEVICE,
	NSFENCE_OBJ_LOCKDOWN,
	NSFENCE_OBJ_CAP,
};

/**
 * struct nsfence_object - what an operation acts on, for reports
 * @kind: which member is valid
 * @name: for %NSFENCE_OBJ_NAME and %NSFENCE_OBJ_FSTYPE
 * @file: for %NSFENCE_OBJ_FILE
 * @dentry: for %NSFENCE_OBJ_DENTRY
 * @dev: for %NSFENCE_OBJ_DEVICE
 * @reason: for %NSFENCE_OBJ_LOCKDOWN
 * @cap: for %NSFENCE_OBJ_CAP
 *
 * Only pointers are kept: the text is built when a report is printed,
 * which is rare and rate-limited.
 */
struct nsfence_object {
	enum nsfence_object_kind kind;
	union {
		const char *name;
		const struct file *file;
		const struct dentry *dentry;
		const struct nsfence_dev_request *dev;
		enum lockdown_reason reason;
		int cap;
	};
};

/**
 * struct nsfence_event - one denial event on its way to the listeners
 * @class: enum nsfence_class of the operation
 * @mode: %NSFENCE_MODE_ENFORCE if denied, %NSFENCE_MODE_AUDIT if allowed
 * @pid: the task's pid in the initial pid namespace
 * @tgid: its thread group id in the initial pid namespace
 * @ns_type: type of the namespace of the fence that hit
 * @ns_inum: inode number of that namespace
 * @comm: the task's comm
 * @object: what the operation acts on, as text (see NSFENCE_A_OBJECT)
 */
struct nsfence_event {
	u32 class;
	u32 mode;
	u32 pid;
	u32 tgid;
	u32 ns_type;
	u32 ns_inum;
	char comm[TASK_COMM_LEN];
	char object[NSFENCE_OBJECT_MAX];
};

void nsfence_report_fence_hit(const struct nsfence_fence *fence,
			      enum nsfence_class class, bool denied);
void nsfence_report(enum nsfence_class class, bool denied,
		    const struct nsfence_fence *fence,
		    const struct nsfence_object *object, bool quiet);
u64 nsfence_report_denied(enum nsfence_class class);
u64 nsfence_report_audited(enum nsfence_class class);
u64 nsfence_report_dropped(void);
void nsfence_report_exit(void);

#endif /* _NSFENCE_REPORT_H */
