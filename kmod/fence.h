/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - the fence registry
 */
#ifndef _NSFENCE_FENCE_H
#define _NSFENCE_FENCE_H

#include <linux/atomic.h>
#include <linux/jump_label.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/netlink.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/user_namespace.h>
#include <linux/nsfence.h>

#include "policy.h"

/**
 * struct nsfence_stats - per-class hit counters of one fence
 * @denied: operations denied, by class (enforce mode and self-protection)
 * @audited: operations allowed and reported, by class (audit mode)
 * @dropped: denial events of this fence that were not delivered
 * @ev_window: jiffies when the current rate-limit window of events began
 * @ev_count: events let through in that window
 *
 * Kept apart from &struct nsfence_fence so that replacing a fence's
 * policy keeps its counters.
 */
struct nsfence_stats {
	atomic64_t denied[__NSFENCE_CLASS_COUNT];
	atomic64_t audited[__NSFENCE_CLASS_COUNT];
	atomic64_t dropped;
	unsigned long ev_window;
	atomic_t ev_count;
};

/**
 * struct nsfence_fence - a mark on one user or pid namespace
 * @hash_node: entry in the RCU hash table, keyed by the namespace pointer
 * @list_node: entry in the registry list (writers, LIST and reclaim)
 * @rcu: frees a replaced or removed fence after readers are done with it
 * @free_node: entry in the list of removed fences waiting to be freed
 * @user_ns: the fenced user namespace (when @ns_type is %NSFENCE_NS_USER)
 * @pid_ns: the fenced pid namespace (when @ns_type is %NSFENCE_NS_PID)
 * @key: the namespace pointer, whatever its type; for the default fence,
 *	nsfence_fence_default_key()
 * @ns_type: enum nsfence_ns_type
 * @ns_inum: inode number of the namespace
 * @id: registry-wide sequence number, the cursor of a LIST dump
 * @created: CLOCK_BOOTTIME nanoseconds when the namespace was fenced
 * @stats: hit counters, shared with the fences this one replaced
 * @policy: classes, mode and device exceptions; points into @devices
 * @devices: device exceptions, immutable once the fence is published
 *
 * A published fence is never modified: a new policy is a new fence that
 * takes the old one's place.  The fence holds a real reference to its
 * namespace, so neither the pointer nor the inode number can be reused
 * while the fence exists.
 */
struct nsfence_fence {
	struct hlist_node hash_node;
	struct list_head list_node;
	struct rcu_head rcu;
	struct llist_node free_node;
	union {
		struct user_namespace *user_ns;
		struct pid_namespace *pid_ns;
		const void *key;
	};
	u32 ns_type;
	u32 ns_inum;
	u64 id;
	u64 created;
	struct nsfence_stats *stats;
	struct nsfence_fence_policy policy;
	struct nsfence_dev_rule devices[];
};

DECLARE_STATIC_KEY_FALSE(nsfence_active);

extern bool nsfence_locked;

/**
 * nsfence_maybe_fenced() - fast path of every hook
 *
 * Return: false when no fence exists at all (switched off 2 to 4 s
 * after the last fence went away): one patched branch.
 */
static __always_inline bool nsfence_maybe_fenced(void)
{
	return static_branch_unlikely(&nsfence_active);
}

/**
 * nsfence_ns_initial() - is a task in the initial user and pid namespaces
 * @user_ns: the task's credential user namespace
 * @pid_ns: the task's active pid namespace, or NULL
 *
 * Such a task can never be fenced: the initial namespaces are refused.
 *
 * Return: true if no fence can apply.
 */
static inline bool nsfence_ns_initial(const struct user_namespace *user_ns,
				      const struct pid_namespace *pid_ns)
{
	return user_ns == &init_user_ns && (!pid_ns || pid_ns == &init_pid_ns);
}

/**
 * nsfence_current_pid_ns() - active pid namespace of the current task
 *
 * task_active_pid_ns() without the out-of-line call: hooks run often.
 * The current task's struct pid cannot go away under it.
 *
 * Return: the namespace, or NULL for a task that is being reaped.
 */
static inline struct pid_namespace *nsfence_current_pid_ns(void)
{
	return ns_of_pid(task_pid(current));
}

/**
 * nsfence_fence_ns_name() - what a fence is on, for logs and securityfs
 * @fence: the fence
 *
 * Return: "user", "pid" or "default".
 */
static inline const char *nsfence_fence_ns_name(const struct nsfence_fence *fence)
{
	switch (fence->ns_type) {
	case NSFENCE_NS_USER:
		return "user";
	case NSFENCE_NS_PID:
		return "pid";
	default:
		return "default";
	}
}

const void *nsfence_fence_default_key(void);
struct nsfence_fence *nsfence_fence_alloc(u32 n_devices);
void nsfence_fence_free(struct nsfence_fence *fence);
int nsfence_fence_add(struct nsfence_fence *fence,
		      struct netlink_ext_ack *extack);
int nsfence_fence_remove(u32 ns_type, u32 ns_inum,
			 struct netlink_ext_ack *extack);
void nsfence_fence_reclaim(void);
int nsfence_fence_dump(u64 *cursor, unsigned int *generation,
		       int (*fill)(const struct nsfence_fence *fence, void *arg),
		       void *arg);
unsigned int nsfence_fence_count(void);
void nsfence_fence_lock(void);
bool nsfence_fence_walk(const struct user_namespace *user_ns,
			const struct pid_namespace *pid_ns,
			void (*visit)(const struct nsfence_fence *fence,
				      void *arg),
			void *arg);
const struct nsfence_fence *nsfence_fence_find(const void *key);
bool nsfence_current_is_fenced(void);
void nsfence_fence_exit(void);

#endif /* _NSFENCE_FENCE_H */
