// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - denial counters and reports
 *
 * Counters are exact (atomic64); printed reports are rate-limited.  Runs
 * from hooks, possibly with preemption disabled: nothing here sleeps or
 * allocates.
 *
 * Denial events: when someone listens on the "denials" group, a hook
 * formats its event into a small queue under a spinlock, within a
 * per-fence rate limit, and kicks an irq_work; that schedules a work item
 * which sends the queued events with GFP_KERNEL from process context.
 * Whatever does not make it (rate limit, full queue, no memory, a
 * listener's full socket) is counted as dropped.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/irq_work.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include "genl.h"
#include "knobs.h"
#include "report.h"
#include "sysctl.h"

/* Events queued and not yet sent; a power of two. */
#define EVENT_QUEUE_LEN		256
/* At most EVENT_BURST events per fence every EVENT_INTERVAL. */
#define EVENT_BURST		100
#define EVENT_INTERVAL		HZ

static atomic64_t global_denied[__NSFENCE_CLASS_COUNT];
static atomic64_t global_audited[__NSFENCE_CLASS_COUNT];

/* At most 10 reports every 5 seconds, all classes together. */
static DEFINE_RATELIMIT_STATE(report_ratelimit, 5 * HZ, 10);

static atomic64_t events_dropped;
static DEFINE_SPINLOCK(event_lock);
/* Protected by event_lock; free-running indexes. */
static struct nsfence_event event_queue[EVENT_QUEUE_LEN];
static unsigned int event_head;
static unsigned int event_tail;
/* Set at module exit: no new event is queued. */
static bool events_stopped;

static void event_work_fn(struct work_struct *work);
static DECLARE_WORK(event_work, event_work_fn);

static void event_irq_work_fn(struct irq_work *work)
{
	schedule_work(&event_work);
}

static struct irq_work event_irq_work = IRQ_WORK_INIT(event_irq_work_fn);

static bool event_pop(struct nsfence_event *ev)
{
	unsigned long flags;
	bool found = false;

	spin_lock_irqsave(&event_lock, flags);
	if (event_head != event_tail) {
		*ev = event_queue[event_tail % EVENT_QUEUE_LEN];
		event_tail++;
		found = true;
	}
	spin_unlock_irqrestore(&event_lock, flags);
	return found;
}

/* Process context: sends what the hooks queued. */
static void event_work_fn(struct work_struct *work)
{
	struct nsfence_event ev;

	while (event_pop(&ev)) {
		if (nsfence_genl_event(&ev, atomic64_read(&events_dropped)))
			atomic64_inc(&events_dropped);
		cond_resched();
	}
}

/*
 * A window of EVENT_INTERVAL with at most EVENT_BURST events.  Racy by
 * design at a window's edge (a few events more or less), never blocking.
 */
static bool event_allowed(struct nsfence_stats *stats)
{
	unsigned long now = jiffies;
	unsigned long start = READ_ONCE(stats->ev_window);

	if (!time_in_range(now, start, start + EVENT_INTERVAL) &&
	    cmpxchg(&stats->ev_window, start, now) == start)
		atomic_set(&stats->ev_count, 0);
	return atomic_inc_return(&stats->ev_count) <= EVENT_BURST;
}

/*
 * A file of a real file system (a module, a kexec image) by its path as
 * %pD prints it; a sysctl by its path below /proc/sys
 * ("kernel/ostype"); any other pseudo file by its file system and its
 * path there ("sysfs:/module/printk/parameters/time").
 */
static void event_file(char *buf, size_t size, const struct file *file)
{
	const char *fstype = file->f_path.dentry->d_sb->s_type->name;
	size_t prefix = strlen(fstype) + 1;
	const char *path;
	size_t len;

	if (!nsfence_knob_fs(file_inode(file)->i_sb)) {
		snprintf(buf, size, "%pD", file);
		return;
	}
	/* Relative to the superblock: "/sys/kernel/ostype" in procfs. */
	path = dentry_path_raw(file->f_path.dentry, buf, size);
	if (IS_ERR(path)) {
		strscpy(buf, "?", size);
		return;
	}
	len = strlen(path);
	if (nsfence_sysctl_file(file) && !strncmp(path, "/sys/", 5)) {
		memmove(buf, path + 5, len - 4);
		return;
	}
	if (prefix + len >= size) {
		memmove(buf, path, len + 1);
		return;
	}
	/* The path sits at the end of @buf: move it first. */
	memmove(buf + prefix, path, len + 1);
	memcpy(buf, fstype, prefix - 1);
	buf[prefix - 1] = ':';
}

/* The object as events (NSFENCE_A_OBJECT) and the kernel log spell it. */
static void event_object(char *buf, size_t size,
			 const struct nsfence_object *object)
{
	const struct nsfence_dev_request *dev;

	switch (object->kind) {
	case NSFENCE_OBJ_NAME:
		strscpy(buf, object->name, size);
		break;
	case NSFENCE_OBJ_FSTYPE:
		snprintf(buf, size, "fstype %s", object->name);
		break;
	case NSFENCE_OBJ_FILE:
		event_file(buf, size, object->file);
		break;
	case NSFENCE_OBJ_DENTRY:
		snprintf(buf, size, "%pd", object->dentry);
		break;
	case NSFENCE_OBJ_DEVICE:
		dev = object->dev;
		snprintf(buf, size, "%c %u:%u",
			 dev->type == NSFENCE_DEV_BLOCK ? 'b' : 'c',
			 dev->major, dev->minor);
		break;
	case NSFENCE_OBJ_LOCKDOWN:
		snprintf(buf, size, "lockdown %s",
			 nsfence_policy_lockdown_name(object->reason));
		break;
	case NSFENCE_OBJ_CAP:
		if (object->cap == CAP_SYS_MODULE)
			strscpy(buf, "cap_sys_module", size);
		else if (object->cap == CAP_DAC_READ_SEARCH)
			strscpy(buf, "cap_dac_read_search", size);
		else if (object->cap == CAP_SYS_TIME)
			strscpy(buf, "cap_sys_time", size);
		else
			snprintf(buf, size, "capability %d", object->cap);
		break;
	default:
		strscpy(buf, "?", size);
		break;
	}
}

static void event_queue_one(enum nsfence_class class, bool denied,
			    const struct nsfence_fence *fence,
			    const struct nsfence_object *object)
{
	struct nsfence_event ev;
	unsigned long flags;
	bool queued = false;

	/* Cheap first: nobody listens most of the time. */
	if (!nsfence_genl_listening())
		return;
	if (!event_allowed(fence->stats))
		goto drop;
	ev.class = class;
	ev.mode = denied ? NSFENCE_MODE_ENFORCE : NSFENCE_MODE_AUDIT;
	ev.pid = task_pid_nr(current);
	ev.tgid = task_tgid_nr(current);
	ev.ns_type = fence->ns_type;
	ev.ns_inum = fence->ns_inum;
	/* Not get_task_comm(): no task_lock() here. */
	memcpy(ev.comm, current->comm, sizeof(ev.comm));
	ev.comm[sizeof(ev.comm) - 1] = '\0';
	event_object(ev.object, sizeof(ev.object), object);

	spin_lock_irqsave(&event_lock, flags);
	if (!READ_ONCE(events_stopped) &&
	    event_head - event_tail < EVENT_QUEUE_LEN) {
		event_queue[event_head % EVENT_QUEUE_LEN] = ev;
		event_head++;
		queued = true;
	}
	spin_unlock_irqrestore(&event_lock, flags);
	if (!queued)
		goto drop;
	irq_work_queue(&event_irq_work);
	return;

drop:
	atomic64_inc(&events_dropped);
	atomic64_inc(&fence->stats->dropped);
}

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

/**
 * nsfence_report() - count and report one operation a fence hit
 * @class: the operation's class
 * @denied: true if the operation is denied, false if only audited
 * @fence: the strictest fence that hit
 * @object: what the operation acts on
 * @quiet: count only, print and send nothing (the kernel asked for no
 *	audit)
 *
 * Called under rcu_read_lock(), @fence stays valid until it returns.
 */
void nsfence_report(enum nsfence_class class, bool denied,
		    const struct nsfence_fence *fence,
		    const struct nsfence_object *object, bool quiet)
{
	char text[NSFENCE_OBJECT_MAX];

	if (class >= __NSFENCE_CLASS_COUNT)
		return;
	if (denied)
		atomic64_inc(&global_denied[class]);
	else
		atomic64_inc(&global_audited[class]);

	if (quiet)
		return;
	event_queue_one(class, denied, fence, object);
	if (!__ratelimit(&report_ratelimit))
		return;
	event_object(text, sizeof(text), object);
	pr_notice("%s class=%s comm=\"%s\" pid=%d fence=%s:%u object=\"%s\"\n",
		  denied ? "denied" : "audit",
		  nsfence_policy_class_name(class), current->comm,
		  task_pid_nr(current),
		  nsfence_fence_ns_name(fence),
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

/**
 * nsfence_report_dropped() - events not delivered
 *
 * Return: the number of denial events dropped since the module was
 * loaded: rate-limited, queue full, out of memory, or a listener's
 * socket full.
 */
u64 nsfence_report_dropped(void)
{
	return atomic64_read(&events_dropped);
}

/**
 * nsfence_report_exit() - stop sending events
 *
 * Called after the hooks are detached and before the family goes away:
 * whatever is still queued is dropped, and no work is left running.
 */
void nsfence_report_exit(void)
{
	unsigned long flags;

	spin_lock_irqsave(&event_lock, flags);
	WRITE_ONCE(events_stopped, true);
	spin_unlock_irqrestore(&event_lock, flags);
	irq_work_sync(&event_irq_work);
	cancel_work_sync(&event_work);
}
