/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - pure policy decisions
 *
 * Nothing here knows about hooks, the current task or locking: callers
 * pass in plain values and pointers, and get a yes or no back.
 */
#ifndef _NSFENCE_POLICY_H
#define _NSFENCE_POLICY_H

#include <linux/security.h>
#include <linux/sysctl.h>
#include <linux/types.h>
#include <linux/nsfence.h>

/**
 * struct nsfence_dev_rule - one device exception of a fence
 * @type: %NSFENCE_DEV_CHAR or %NSFENCE_DEV_BLOCK
 * @major: major number, or %NSFENCE_DEV_ANY
 * @minor: minor number, or %NSFENCE_DEV_ANY
 * @access: %NSFENCE_DEV_READ, %NSFENCE_DEV_WRITE and %NSFENCE_DEV_MKNOD bits
 */
struct nsfence_dev_rule {
	u32 type;
	u32 major;
	u32 minor;
	u32 access;
};

/**
 * struct nsfence_dev_request - a device access to decide on
 * @type: %NSFENCE_DEV_CHAR or %NSFENCE_DEV_BLOCK
 * @major: major number of the device
 * @minor: minor number of the device
 * @access: access bits the operation needs (never zero)
 */
struct nsfence_dev_request {
	u32 type;
	u32 major;
	u32 minor;
	u32 access;
};

/**
 * struct nsfence_sysctl_env - the sysctl sets a task owns
 * @net_set: &net.sysctls of the task's network namespace, or NULL when
 *	that is the initial one
 * @ipc_set: &ipc_namespace.ipc_set of the task, or NULL when initial
 * @mq_set: &ipc_namespace.mq_set of the task, or NULL when initial
 * @user_set: &user_namespace.set of the task, or NULL when initial
 * @uts_private: the task's uts namespace is not the initial one
 * @uts_hostname: the kernel.hostname entry, or NULL when unknown
 * @uts_domainname: the kernel.domainname entry, or NULL when unknown
 *
 * Only pointers are compared, never followed: a dying namespace frees
 * its struct while sysctl headers pointing at it still live.
 */
struct nsfence_sysctl_env {
	const struct ctl_table_set *net_set;
	const struct ctl_table_set *ipc_set;
	const struct ctl_table_set *mq_set;
	const struct ctl_table_set *user_set;
	bool uts_private;
	const struct ctl_table *uts_hostname;
	const struct ctl_table *uts_domainname;
};

/**
 * struct nsfence_fence_policy - the part of a fence that policy reads
 * @classes: bit mask of enum nsfence_class (no %NSFENCE_CLASS_SELF bit)
 * @mode: enum nsfence_mode
 * @n_devices: number of entries in @devices
 * @devices: device exceptions
 */
struct nsfence_fence_policy {
	u32 classes;
	u32 mode;
	u32 n_devices;
	const struct nsfence_dev_rule *devices;
};

/* No class: an operation nsfence does not restrict. */
#define NSFENCE_CLASS_NONE __NSFENCE_CLASS_COUNT

enum nsfence_class nsfence_policy_lockdown_class(enum lockdown_reason reason);
const char *nsfence_policy_lockdown_name(enum lockdown_reason reason);
bool nsfence_policy_dev_base_allowed(const struct nsfence_dev_request *req);
bool nsfence_policy_dev_loads_kernel(const struct nsfence_dev_request *req);
bool nsfence_policy_dev_excepted(const struct nsfence_dev_rule *rules,
				 u32 n_rules,
				 const struct nsfence_dev_request *req);
bool nsfence_policy_dev_rule_valid(const struct nsfence_dev_rule *rule);
bool nsfence_policy_sysctl_owned(const struct ctl_table_set *set,
				 const struct ctl_table *entry,
				 const struct nsfence_sysctl_env *env);
bool nsfence_policy_sysctl_runs_helper(const char *relpath);
enum nsfence_class nsfence_policy_syslog_class(int type);
struct bpf_insn;

bool nsfence_policy_bpf_cmd_by_id(int cmd);
bool nsfence_policy_bpf_reads_kernel(const struct bpf_insn *insns, u32 len);
bool nsfence_policy_bpf_prog_sees_kernel(u32 type);
bool nsfence_policy_denies(const struct nsfence_fence_policy *fence,
			   enum nsfence_class class,
			   const struct nsfence_dev_request *dev);
bool nsfence_policy_not_looser(const struct nsfence_fence_policy *old,
			       const struct nsfence_fence_policy *new);
const char *nsfence_policy_class_name(enum nsfence_class class);

#endif /* _NSFENCE_POLICY_H */
