// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - global kernel knobs outside /proc/sys
 *
 * /proc/sys is not the only place where a root task changes the whole
 * kernel: module parameters and most other sysfs attributes, procfs files
 * such as /proc/sysrq-trigger, configfs and efivarfs are global too, and
 * some pseudo files even name a program the kernel runs as host root
 * (cgroup v1's release_agent, a binfmt_misc interpreter).  A user
 * namespace does not help: an identity-mapped root owns their inodes, and
 * kernfs checks nothing but the mode bits.
 *
 * The rule is the one of sysctls: a fenced task writes only what its own
 * namespaces own.  What can be owned: the sysfs attributes of its own
 * network namespace's devices, the /proc/PID files of its own processes,
 * its own user namespace's binfmt_misc instance (6.7 and later).
 * Writing a file that makes the kernel run a program as host root is
 * self-protection; every other global file belongs to the sysctl class.
 *
 * /proc/sys itself is judged by sysctl.c; this file never sees it.
 */

#include <linux/ctype.h>
#include <linux/dcache.h>
#include <linux/kernfs.h>
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "cgroups.h"
#include "knobs.h"
#include "policy.h"
#include "scope.h"

/*
 * kernfs frees a directory's old name right after a rename, under a lock
 * nsfence cannot take here: names are only read of nodes that are never
 * renamed, a file (attributes are not renamed) and the directories of
 * fixed paths, and only from the top down, after the depth matched.
 */
static unsigned int kn_depth(const struct kernfs_node *kn)
{
	unsigned int depth = 0;

	for (; kn && kn->parent; kn = kn->parent)
		depth++;
	return depth;
}

static const struct kernfs_node *kn_up(const struct kernfs_node *kn,
				       unsigned int levels)
{
	while (kn && levels--)
		kn = kn->parent;
	return kn;
}

/*
 * Is @kn at @path, given from the top of sysfs down ("module", NULL,
 * "parameters" for /sys/module/M/parameters/P: NULL matches any name
 * without reading it), with its own name not compared?
 */
static bool kn_under(const struct kernfs_node *kn, unsigned int depth,
		     const char *const *path, unsigned int n)
{
	unsigned int i;

	if (depth != n + 1)
		return false;
	for (i = 0; i < n; i++) {
		const struct kernfs_node *dir = kn_up(kn, depth - 1 - i);

		if (path[i] && strcmp(dir->name, path[i]))
			return false;
	}
	return true;
}

/*
 * sysfs attributes that name a program the kernel runs as host root, set
 * how a module's code works, or put a kernel image in place: module
 * parameters (/sys/module/M/parameters/P: nfs.cache_getent,
 * nfsd.cltrack_prog, drbd.usermode_helper, ...), the uevent helper, the
 * machine-check trigger, /sys/power (suspend, hibernate, resume from an
 * image).
 */
static bool sysfs_runs_helper(const struct kernfs_node *kn)
{
	static const char *const module_param[] = { "module", NULL, "parameters" };
	static const char *const kernel[] = { "kernel" };
	static const char *const mce[] = {
		"devices", "system", "machinecheck", NULL,
	};
	unsigned int depth = kn_depth(kn);
	const struct kernfs_node *top;

	if (!depth)
		return false;
	top = kn_up(kn, depth - 1);
	/* Top-level directories are never renamed. */
	if (!strcmp(top->name, "power"))
		return true;
	if (kn_under(kn, depth, module_param, ARRAY_SIZE(module_param)))
		return true;
	if (kn_under(kn, depth, kernel, ARRAY_SIZE(kernel)))
		return !strcmp(kn->name, "uevent_helper");
	if (kn_under(kn, depth, mce, ARRAY_SIZE(mce)))
		return !strcmp(kn->name, "trigger");
	return false;
}

/*
 * kernfs tags only the directories of network devices (and their links)
 * with a network namespace; an attribute inherits its directory's tag.
 * The open file (or the path) pins its node, and every node its parent.
 */
static enum nsfence_class sysfs_class(const struct inode *inode)
{
	const struct kernfs_node *kn = inode->i_private;
	const struct kernfs_node *p;

	if (!kn)
		return NSFENCE_CLASS_SYSCTL;
	for (p = kn; p; p = p->parent)
		if (p->ns)
			return nsfence_scope_net(p->ns) ? NSFENCE_CLASS_NONE :
							  NSFENCE_CLASS_SYSCTL;
	return sysfs_runs_helper(kn) ? NSFENCE_CLASS_SELF :
				       NSFENCE_CLASS_SYSCTL;
}

/* /proc/PID/...: its process must be the task's own. */
static enum nsfence_class proc_pid_class(struct super_block *sb,
					 const char *name)
{
	struct task_struct *task;
	enum nsfence_class class;
	unsigned int nr;

	if (kstrtouint(name, 10, &nr))
		return NSFENCE_CLASS_SYSCTL;
	rcu_read_lock();
	task = pid_task(find_pid_ns(nr, proc_pid_ns(sb)), PIDTYPE_PID);
	/* A process that is gone cannot be written to anyway. */
	class = !task || nsfence_scope_task(task) ? NSFENCE_CLASS_NONE :
						    NSFENCE_CLASS_SELF;
	rcu_read_unlock();
	return class;
}

static enum nsfence_class proc_class(const struct dentry *dentry)
{
	const struct dentry *root = dentry->d_sb->s_root;
	const struct dentry *top = dentry;
	const char *name;

	/* procfs never renames: the parent chain is stable. */
	while (top != root && top->d_parent != root)
		top = top->d_parent;
	if (top == root)
		return NSFENCE_CLASS_NONE;
	name = top->d_name.name;
	if (isdigit(name[0]))
		return proc_pid_class(dentry->d_sb, name);
	/* /proc/sys: judged by sysctl.c, by owner. */
	if (!strcmp(name, "sys"))
		return NSFENCE_CLASS_NONE;
	/* sysrq-trigger, irq/, mtrr, acpi/, driver/, ...: all global. */
	return NSFENCE_CLASS_SYSCTL;
}

/**
 * nsfence_knob_class() - class of a change to a pseudo file
 * @path: a file being opened for write, written, chmod'ed or chown'ed by
 *	a task that is not in the initial namespaces; nsfence_knob_fs() is
 *	true for its file system and it is not a /proc/sys entry
 *
 * Return: %NSFENCE_CLASS_SELF if the change would make the kernel run a
 * program as host root (or reach a process outside the task's scope),
 * %NSFENCE_CLASS_SYSCTL if it sets a global knob, else
 * %NSFENCE_CLASS_NONE.
 */
enum nsfence_class nsfence_knob_class(const struct path *path)
{
	const struct dentry *dentry = path->dentry;
	const struct inode *inode = d_inode(dentry);
	struct super_block *sb = dentry->d_sb;

	if (!inode)
		return NSFENCE_CLASS_NONE;
	switch (sb->s_magic) {
	case PROC_SUPER_MAGIC:
		return proc_class(dentry);
	case SYSFS_MAGIC:
		return sysfs_class(inode);
	case CGROUP_SUPER_MAGIC:
		/* Only the v1 root has it; the rest of a cgroup is the task's. */
		return strcmp(dentry->d_name.name, "release_agent") ?
		       NSFENCE_CLASS_NONE : NSFENCE_CLASS_SELF;
	case CGROUP2_SUPER_MAGIC:
		return nsfence_cgroup_class(dentry);
	case BINFMTFS_MAGIC:
		return nsfence_scope_user_ns(sb->s_user_ns) ?
		       NSFENCE_CLASS_NONE : NSFENCE_CLASS_SELF;
	case SECURITYFS_MAGIC:
		/* LSM policy loads; nsfence's own files are read-only. */
		return NSFENCE_CLASS_SELF;
	case EFIVARFS_MAGIC:
		/* Boot entries, Secure Boot keys: what runs at the next boot. */
		return NSFENCE_CLASS_SELF;
	case NSFENCE_CONFIGFS_MAGIC:
		return NSFENCE_CLASS_SYSCTL;
	case BPF_FS_MAGIC:
		/* A pin made readable or writable by every user. */
		return NSFENCE_CLASS_SELF;
	default:
		return NSFENCE_CLASS_NONE;
	}
}

/**
 * nsfence_knob_dir_class() - class of making or removing an entry
 * @dir: the directory of the entry
 *
 * configfs objects (a USB gadget, an NVMe target, ...) are made with
 * mkdir and symlink, efivarfs variables with create and unlink: global
 * too.  The entries of a bpffs are the host's pinned BPF objects when
 * its instance is mounted in: removing or renaming over a pin can detach
 * a host BPF link, a pin made where a host agent looks for its own gives
 * the agent the container's map.  A fenced task may not pin (hooks.c),
 * so it has no entries of its own there to change.  In the other pseudo
 * file systems that nsfence judges, users cannot make entries, or they
 * are the task's own (cgroups below its container's: cgroups.c).
 *
 * Return: %NSFENCE_CLASS_SELF (efivarfs: what runs at the next boot;
 * bpffs), %NSFENCE_CLASS_SYSCTL or %NSFENCE_CLASS_NONE.
 */
enum nsfence_class nsfence_knob_dir_class(const struct path *dir)
{
	switch (dir->dentry->d_sb->s_magic) {
	case NSFENCE_CONFIGFS_MAGIC:
		return NSFENCE_CLASS_SYSCTL;
	case EFIVARFS_MAGIC:
	case BPF_FS_MAGIC:
		return NSFENCE_CLASS_SELF;
	case CGROUP2_SUPER_MAGIC:
		return nsfence_cgroup_dir_class(dir->dentry);
	default:
		return NSFENCE_CLASS_NONE;
	}
}
