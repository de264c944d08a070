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

#include "knobs.h"
#include "policy.h"
#include "scope.h"

/*
 * kernfs tags only the directories of network devices (and their links)
 * with a network namespace; an attribute inherits its directory's tag.
 */
static bool sysfs_owned(const struct inode *inode)
{
	const struct kernfs_node *kn = inode->i_private;

	/* The open file pins its node, and every node pins its parent. */
	for (; kn; kn = kn->parent)
		if (kn->ns)
			return nsfence_scope_net(kn->ns);
	return false;
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

static enum nsfence_class proc_class(const struct file *file)
{
	const struct dentry *dentry = file->f_path.dentry;
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
 * nsfence_knob_class() - class of a write to a pseudo file
 * @file: a file being opened for write, or written, by a task that is
 *	not in the initial namespaces; nsfence_knob_fs() is true for it and
 *	it is not a /proc/sys entry
 *
 * Return: %NSFENCE_CLASS_SELF if the write would make the kernel run a
 * program as host root (or reach a process outside the task's scope),
 * %NSFENCE_CLASS_SYSCTL if it sets a global knob, else
 * %NSFENCE_CLASS_NONE.
 */
enum nsfence_class nsfence_knob_class(const struct file *file)
{
	const struct inode *inode = file_inode(file);
	struct super_block *sb = inode->i_sb;

	if (S_ISDIR(inode->i_mode))
		return NSFENCE_CLASS_NONE;
	switch (sb->s_magic) {
	case PROC_SUPER_MAGIC:
		return proc_class(file);
	case SYSFS_MAGIC:
		return sysfs_owned(inode) ? NSFENCE_CLASS_NONE :
					    NSFENCE_CLASS_SYSCTL;
	case CGROUP_SUPER_MAGIC:
		/* Only the v1 root has it; the rest of a cgroup is the task's. */
		return strcmp(file->f_path.dentry->d_name.name,
			      "release_agent") ? NSFENCE_CLASS_NONE :
						 NSFENCE_CLASS_SELF;
	case BINFMTFS_MAGIC:
		return nsfence_scope_user_ns(sb->s_user_ns) ?
		       NSFENCE_CLASS_NONE : NSFENCE_CLASS_SELF;
	case SECURITYFS_MAGIC:
		/* LSM policy loads; nsfence's own files are read-only. */
		return NSFENCE_CLASS_SELF;
	case NSFENCE_CONFIGFS_MAGIC:
	case EFIVARFS_MAGIC:
		return NSFENCE_CLASS_SYSCTL;
	default:
		return NSFENCE_CLASS_NONE;
	}
}
