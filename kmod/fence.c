// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - the fence registry
 *
 * Fences live in an RCU hash table keyed by the namespace pointer, which
 * the hooks read locklessly, and in a list for LIST and reclaim.  Writers
 * serialise on one mutex.  A static key stays off while no fence exists,
 * so that an unfenced system pays one patched branch per hook.  It is
 * switched off only once no fence has existed for RECLAIM_INTERVAL:
 * patching kernel text costs more than the hooks' walk of an empty table,
 * and sandboxes that come and go one after the other would otherwise
 * patch it twice each.
 *
 * Removed fences are freed after a grace period without waiting for it
 * (call_rcu(), then a work item, since dropping a namespace reference may
 * sleep): FENCE, UNFENCE and LIST reclaim dead fences first and must not
 * block for a grace period each time.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/hashtable.h>
#include <linux/jiffies.h>
#include <linux/llist.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "fence.h"

/*
 * 4096 buckets (32 KiB): a denied operation of a fenced task looks its
 * fences up, and with 64 buckets 10,000 fences made that 36% slower
 * (chains of ~156; make bench, denied-10k-fences); with 1024, 2-6%.
 */
#define FENCE_HASH_BITS		12
#define RECLAIM_INTERVAL	(2 * HZ)

DEFINE_STATIC_KEY_FALSE(nsfence_active);

/* One-way switch; also the "locked" module parameter (see main.c). */
bool nsfence_locked;

static DEFINE_HASHTABLE(fence_table, FENCE_HASH_BITS);
static LIST_HEAD(fence_list);
static DEFINE_MUTEX(fence_mutex);
static unsigned int fence_count;
static u64 fence_next_id = 1;
/* Changes with every add, replace and removal: LIST dump consistency. */
static unsigned int fence_generation = 1;
static bool lock_pinned;
/* When the last fence went away (jiffies); under fence_mutex. */
static unsigned long fence_idle_since;
/* When nsfence_fence_reclaim() last walked the list; under fence_mutex. */
static unsigned long reclaim_last;

static void reclaim_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(reclaim_work, reclaim_work_fn);

/* Removed fences whose grace period is over, to be freed by free_work. */
static LLIST_HEAD(free_list);
static void free_work_fn(struct work_struct *work);
static DECLARE_WORK(free_work, free_work_fn);

/*
 * The default fence: for every task outside the initial namespaces that
 * no fence of its chains applies to.  It is in the table and the list
 * like any fence, keyed by an address no namespace can have, and also
 * here, so that the hooks find it without a lookup.
 */
static const u8 fence_default_key;
static const struct nsfence_fence __rcu *fence_default;

/**
 * nsfence_fence_default_key() - the key of the default fence
 *
 * Return: an address that is no namespace's.
 */
const void *nsfence_fence_default_key(void)
{
	return &fence_default_key;
}

static bool fence_is_default(const struct nsfence_fence *fence)
{
	return fence->ns_type == NSFENCE_NS_DEFAULT;
}

static struct ns_common *fence_ns_common(const struct nsfence_fence *fence)
{
	if (fence->ns_type == NSFENCE_NS_USER)
		return &fence->user_ns->ns;
	return &fence->pid_ns->ns;
}

static void fence_drop_ns_ref(const struct nsfence_fence *fence)
{
	if (fence->ns_type == NSFENCE_NS_USER)
		put_user_ns(fence->user_ns);
	else if (fence->ns_type == NSFENCE_NS_PID)
		put_pid_ns(fence->pid_ns);
}

/* Keeps fence_default in step with the table; under fence_mutex. */
static void fence_default_set_locked(const struct nsfence_fence *fence)
{
	lockdep_assert_held(&fence_mutex);
	rcu_assign_pointer(fence_default, fence);
}

/**
 * nsfence_fence_alloc() - allocate an unpublished fence
 * @n_devices: number of device exceptions it will carry
 *
 * The caller fills in the namespace (with a reference it owns), the
 * classes, the mode and the device exceptions, then hands the fence to
 * nsfence_fence_add().
 *
 * Return: the fence, or NULL if out of memory or @n_devices is too big.
 */
struct nsfence_fence *nsfence_fence_alloc(u32 n_devices)
{
	struct nsfence_fence *fence;

	if (n_devices > NSFENCE_MAX_DEVICES)
		return NULL;
	fence = kzalloc(struct_size(fence, devices, n_devices), GFP_KERNEL);
	if (!fence)
		return NULL;
	fence->policy.n_devices = n_devices;
	fence->policy.devices = fence->devices;
	return fence;
}

/**
 * nsfence_fence_free() - free a fence that no reader can see
 * @fence: an unpublished fence, or one removed after a grace period
 *
 * Drops the namespace reference and the counters the fence owns.
 */
void nsfence_fence_free(struct nsfence_fence *fence)
{
	if (!fence)
		return;
	if (fence->key)
		fence_drop_ns_ref(fence);
	kfree(fence->stats);
	kfree(fence);
}

static struct nsfence_fence *fence_find_locked(const void *key)
{
	struct nsfence_fence *fence;

	hash_for_each_possible(fence_table, fence, hash_node,
			       (unsigned long)key)
		if (fence->key == key)
			return fence;
	return NULL;
}

static const struct nsfence_fence *fence_find_rcu(const void *key)
{
	struct nsfence_fence *fence;

	hash_for_each_possible_rcu(fence_table, fence, hash_node,
				   (unsigned long)key)
		if (fence->key == key)
			return fence;
	return NULL;
}

static void fence_unlink_locked(struct nsfence_fence *fence,
				struct list_head *dead)
{
	lockdep_assert_held(&fence_mutex);
	if (fence_is_default(fence))
		fence_default_set_locked(NULL);
	hash_del_rcu(&fence->hash_node);
	list_move_tail(&fence->list_node, dead);
	fence_generation++;
	if (--fence_count)
		return;
	/* The static key goes off later, in reclaim_work_fn(). */
	fence_idle_since = jiffies;
	schedule_delayed_work(&reclaim_work, RECLAIM_INTERVAL);
	/* The last fence is gone: the module may be unloaded again. */
	module_put(THIS_MODULE);
}

static void free_work_fn(struct work_struct *work)
{
	struct llist_node *list = llist_del_all(&free_list);
	struct nsfence_fence *fence, *next;

	llist_for_each_entry_safe(fence, next, list, free_node)
		nsfence_fence_free(fence);
}

/* Softirq context: dropping the namespace reference may sleep. */
static void fence_free_rcu(struct rcu_head *head)
{
	struct nsfence_fence *fence = container_of(head, struct nsfence_fence,
						   rcu);

	if (llist_add(&fence->free_node, &free_list))
		schedule_work(&free_work);
}

static void fence_free_dead(struct list_head *dead)
{
	struct nsfence_fence *fence, *next;

	/*
	 * Hooks may still hold these fences and compare their namespace
	 * pointers: the namespaces are put only after a grace period, so
	 * that their memory cannot be reused by new ones under a hook.
	 */
	list_for_each_entry_safe(fence, next, dead, list_node) {
		list_del(&fence->list_node);
		call_rcu(&fence->rcu, fence_free_rcu);
	}
}

static bool fence_ns_initial(const struct nsfence_fence *fence)
{
	if (fence->ns_type == NSFENCE_NS_USER)
		return fence->user_ns == &init_user_ns;
	if (fence->ns_type == NSFENCE_NS_PID)
		return fence->pid_ns == &init_pid_ns;
	return false;
}

static void fence_replace_locked(struct nsfence_fence *old,
				 struct nsfence_fence *new)
{
	/* Same namespace, same fence: only the policy changes. */
	new->id = old->id;
	new->created = old->created;
	new->stats = old->stats;
	hlist_replace_rcu(&old->hash_node, &new->hash_node);
	list_replace(&old->list_node, &new->list_node);
	if (fence_is_default(new))
		fence_default_set_locked(new);
	fence_generation++;
}

static int fence_insert_locked(struct nsfence_fence *new)
{
	/* Self-protection: no unloading while a fence exists. */
	if (!fence_count && !try_module_get(THIS_MODULE))
		return -ENODEV;
	new->stats = kzalloc(sizeof(*new->stats), GFP_KERNEL);
	if (!new->stats)
		goto put_module;
	new->id = fence_next_id++;
	new->created = ktime_get_boottime_ns();
	hash_add_rcu(fence_table, &new->hash_node, (unsigned long)new->key);
	list_add_tail(&new->list_node, &fence_list);
	if (fence_is_default(new))
		fence_default_set_locked(new);
	fence_generation++;
	if (fence_count++)
		return 0;
	/* A no-op while the key is still on from earlier fences. */
	static_branch_enable(&nsfence_active);
	schedule_delayed_work(&reclaim_work, RECLAIM_INTERVAL);
	return 0;

put_module:
	if (!fence_count)
		module_put(THIS_MODULE);
	return -ENOMEM;
}

static bool fence_not_looser_than_default_locked(const struct nsfence_fence *fence)
{
	const struct nsfence_fence *dflt;

	dflt = rcu_dereference_protected(fence_default,
					 lockdep_is_held(&fence_mutex));
	return !dflt || nsfence_policy_not_looser(&dflt->policy,
						  &fence->policy);
}

/**
 * nsfence_fence_add() - fence a namespace, or replace its fence's policy
 * @fence: from nsfence_fence_alloc(), with namespace, reference and
 *	policy filled in; always consumed
 * @extack: where to explain a refusal
 *
 * A namespace already fenced gets a new fence that keeps the old one's
 * identity and counters.  When locked, the new policy must not be looser
 * than the old; nor, for a namespace not fenced yet, than the default
 * fence's: a fence in a chain takes the default's place, so a looser one
 * would be an exemption, and the lock freezes those too.
 *
 * Return: 0, -EINVAL for an initial namespace, -EPERM for a loosening
 * while locked, -ENOMEM or -ENODEV.
 */
int nsfence_fence_add(struct nsfence_fence *fence,
		      struct netlink_ext_ack *extack)
{
	struct nsfence_fence *old;
	int err = 0;

	if (fence_ns_initial(fence)) {
		NL_SET_ERR_MSG(extack, "the initial namespace cannot be fenced");
		err = -EINVAL;
		goto free_fence;
	}

	mutex_lock(&fence_mutex);
	old = fence_find_locked(fence->key);
	if (!old && READ_ONCE(nsfence_locked) && !fence_is_default(fence) &&
	    !fence_not_looser_than_default_locked(fence)) {
		NL_SET_ERR_MSG(extack,
			       "locked: a fence looser than the default fence would exempt its namespace");
		mutex_unlock(&fence_mutex);
		err = -EPERM;
		goto free_fence;
	}
	if (!old) {
		err = fence_insert_locked(fence);
		if (err)
			NL_SET_ERR_MSG(extack, "cannot register the fence");
		mutex_unlock(&fence_mutex);
		if (err)
			goto free_fence;
		return 0;
	}
	if (READ_ONCE(nsfence_locked) &&
	    !nsfence_policy_not_looser(&old->policy, &fence->policy)) {
		NL_SET_ERR_MSG(extack, "locked: a fence can only be tightened");
		mutex_unlock(&fence_mutex);
		err = -EPERM;
		goto free_fence;
	}
	/*
	 * The registry holds one reference per fenced namespace: the old
	 * fence's, which passes to the new one.
	 */
	fence_drop_ns_ref(fence);
	fence_replace_locked(old, fence);
	mutex_unlock(&fence_mutex);
	kfree_rcu(old, rcu);
	return 0;

free_fence:
	nsfence_fence_free(fence);
	return err;
}

/**
 * nsfence_fence_remove() - remove the fence of a namespace
 * @ns_type: enum nsfence_ns_type
 * @ns_inum: inode number of the namespace
 * @extack: where to explain a refusal
 *
 * Return: 0, -EPERM when locked, -ENOENT when no such fence exists
 * (locked or not).
 */
int nsfence_fence_remove(u32 ns_type, u32 ns_inum,
			 struct netlink_ext_ack *extack)
{
	struct nsfence_fence *fence;
	LIST_HEAD(dead);
	int err = -ENOENT;

	mutex_lock(&fence_mutex);
	list_for_each_entry(fence, &fence_list, list_node) {
		if (fence->ns_type != ns_type || fence->ns_inum != ns_inum)
			continue;
		/* Removing what does not exist is no loosening: -ENOENT. */
		if (READ_ONCE(nsfence_locked)) {
			NL_SET_ERR_MSG(extack, "locked: fences cannot be removed");
			err = -EPERM;
			break;
		}
		fence_unlink_locked(fence, &dead);
		err = 0;
		break;
	}
	if (err == -ENOENT)
		NL_SET_ERR_MSG(extack, "no fence on this namespace");
	mutex_unlock(&fence_mutex);
	fence_free_dead(&dead);
	return err;
}

/**
 * nsfence_fence_reclaim() - remove the fences of dead namespaces
 *
 * There is no hook for a namespace's death: a fence whose namespace has
 * no reference left but the fence's own is removed, and the namespace
 * put.  Nothing can take a new reference to such a namespace: no task,
 * file, mount or child namespace refers to it any more.
 *
 * The walk visits every fence; netlink commands call this first, so a
 * burst of them (an orchestrator fencing many containers) walks at most
 * once per jiffy: with 10,000 fences the walk made each FENCE ~13 times
 * slower.  A namespace's death is asynchronous anyway, and a dead fence
 * holds its namespace: nothing depends on an earlier reclaim.
 */
void nsfence_fence_reclaim(void)
{
	struct nsfence_fence *fence, *next;
	LIST_HEAD(dead);

	mutex_lock(&fence_mutex);
	if (!time_after(jiffies, reclaim_last)) {
		mutex_unlock(&fence_mutex);
		return;
	}
	reclaim_last = jiffies;
	list_for_each_entry_safe(fence, next, &fence_list, list_node)
		if (!fence_is_default(fence) &&
		    nsfence_ns_refcount(fence_ns_common(fence)) == 1)
			fence_unlink_locked(fence, &dead);
	mutex_unlock(&fence_mutex);
	fence_free_dead(&dead);
}

/*
 * Every RECLAIM_INTERVAL while fences exist, and until the static key is
 * off once none does.
 */
static void reclaim_work_fn(struct work_struct *work)
{
	nsfence_fence_reclaim();
	mutex_lock(&fence_mutex);
	if (fence_count ||
	    (static_key_enabled(&nsfence_active) &&
	     time_before(jiffies, fence_idle_since + RECLAIM_INTERVAL)))
		schedule_delayed_work(&reclaim_work, RECLAIM_INTERVAL);
	else if (static_key_enabled(&nsfence_active))
		static_branch_disable(&nsfence_active);
	mutex_unlock(&fence_mutex);
}

/**
 * nsfence_fence_dump() - visit the fences in creation order
 * @cursor: id of the last fence visited; updated as @fill succeeds
 * @generation: receives the registry's generation, which changes with
 *	every change of the registry: a dump in several parts whose
 *	generations differ may have missed a change (NLM_F_DUMP_INTR)
 * @fill: called for each fence after @cursor, under the registry mutex;
 *	a non-zero return stops the walk
 * @arg: passed to @fill
 *
 * The cursor is a fence id, not a pointer, so a dump can restart after
 * fences came and went.
 *
 * Return: 0, or what @fill returned.
 */
int nsfence_fence_dump(u64 *cursor, unsigned int *generation,
		       int (*fill)(const struct nsfence_fence *fence, void *arg),
		       void *arg)
{
	const struct nsfence_fence *fence;
	int err = 0;

	mutex_lock(&fence_mutex);
	*generation = fence_generation;
	list_for_each_entry(fence, &fence_list, list_node) {
		if (fence->id <= *cursor)
			continue;
		err = fill(fence, arg);
		if (err)
			break;
		*cursor = fence->id;
	}
	mutex_unlock(&fence_mutex);
	return err;
}

/**
 * nsfence_fence_count() - number of fences
 *
 * Return: the number of fences, possibly already stale.
 */
unsigned int nsfence_fence_count(void)
{
	return READ_ONCE(fence_count);
}

/**
 * nsfence_fence_lock() - set the one-way lock
 *
 * From now on no fence can be removed or loosened, and the module stays
 * pinned until reboot by a reference that is never dropped.
 */
void nsfence_fence_lock(void)
{
	mutex_lock(&fence_mutex);
	if (!lock_pinned) {
		__module_get(THIS_MODULE);
		lock_pinned = true;
	}
	WRITE_ONCE(nsfence_locked, true);
	mutex_unlock(&fence_mutex);
}

/**
 * nsfence_fence_walk() - visit every fence that applies to a task
 * @user_ns: the task's credential user namespace
 * @pid_ns: the task's active pid namespace, or NULL
 * @visit: called for each fence found, or NULL
 * @arg: passed to @visit
 *
 * One hash lookup per level of each namespace chain, initial namespaces
 * excluded.  When none finds a fence, the default fence applies, if one
 * is set and the task is not in the initial namespaces: a container of
 * any engine, whenever it was started.  The caller holds
 * rcu_read_lock(); @visit must not sleep.
 *
 * Return: true if at least one fence applies.
 */
bool nsfence_fence_walk(const struct user_namespace *user_ns,
			const struct pid_namespace *pid_ns,
			void (*visit)(const struct nsfence_fence *fence,
				      void *arg),
			void *arg)
{
	const struct user_namespace *user_ns_start = user_ns;
	const struct pid_namespace *pid_ns_start = pid_ns;
	const struct nsfence_fence *fence;
	bool found = false;

	for (; user_ns && user_ns != &init_user_ns; user_ns = user_ns->parent) {
		fence = fence_find_rcu(user_ns);
		if (!fence)
			continue;
		found = true;
		if (visit)
			visit(fence, arg);
	}
	for (; pid_ns && pid_ns != &init_pid_ns; pid_ns = pid_ns->parent) {
		fence = fence_find_rcu(pid_ns);
		if (!fence)
			continue;
		found = true;
		if (visit)
			visit(fence, arg);
	}
	if (found || nsfence_ns_initial(user_ns_start, pid_ns_start))
		return found;
	fence = rcu_dereference(fence_default);
	if (!fence)
		return false;
	if (visit)
		visit(fence, arg);
	return true;
}

/**
 * nsfence_fence_find() - the fence on a namespace
 * @key: the namespace pointer (only compared)
 *
 * The caller holds rcu_read_lock().
 *
 * Return: the fence, or NULL.
 */
const struct nsfence_fence *nsfence_fence_find(const void *key)
{
	return fence_find_rcu(key);
}

/**
 * nsfence_current_is_fenced() - is any fence on the current task
 *
 * Return: true if the current task's user or pid namespace, or one of
 * their ancestors, is fenced.
 */
bool nsfence_current_is_fenced(void)
{
	const struct user_namespace *user_ns = current_user_ns();
	const struct pid_namespace *pid_ns = nsfence_current_pid_ns();
	bool fenced;

	if (!nsfence_maybe_fenced() || nsfence_ns_initial(user_ns, pid_ns))
		return false;
	rcu_read_lock();
	fenced = nsfence_fence_walk(user_ns, pid_ns, NULL, NULL);
	rcu_read_unlock();
	return fenced;
}

/**
 * nsfence_fence_exit() - tear the registry down at module unload
 *
 * The module is pinned while fences exist, so none should be left; any
 * that are get freed without touching the module's reference count.
 */
void nsfence_fence_exit(void)
{
	struct nsfence_fence *fence, *next;
	LIST_HEAD(dead);

	cancel_delayed_work_sync(&reclaim_work);
	mutex_lock(&fence_mutex);
	WARN_ON(!list_empty(&fence_list));
	list_for_each_entry_safe(fence, next, &fence_list, list_node) {
		hash_del_rcu(&fence->hash_node);
		list_move_tail(&fence->list_node, &dead);
	}
	fence_count = 0;
	mutex_unlock(&fence_mutex);
	static_branch_disable(&nsfence_active);
	fence_free_dead(&dead);
	/* Every fence removed so far is freed before the module goes. */
	rcu_barrier();
	flush_work(&free_work);
}
