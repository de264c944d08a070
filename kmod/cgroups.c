// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - the cgroups a fenced task owns
 *
 * cgroupfs (v2) is where the host sets a container's limits and groups
 * its own services.  A rootful container may write every file of a
 * cgroup2 mount (a privileged one has /sys/fs/cgroup read-write): with a
 * cgroup namespace of its own it sees only its cgroup, and could still
 * raise the limits the host put there (memory.max, pids.max); in the
 * host's cgroup namespace (--cgroupns=host) with the host's tree, it
 * could freeze host services, change their limits, or move itself to the
 * root cgroup, out of every limit.
 *
 * The rule is cgroup v2 delegation ("Delegation Containment",
 * Documentation/admin-guide/cgroup-v2.rst): a fenced task owns the cgroups
 * strictly below its container's cgroup, and of that cgroup itself only
 * cgroup.procs, cgroup.threads and cgroup.subtree_control (moving its
 * tasks between its cgroups, enabling controllers for them).  Its
 * container's cgroup is the root of its cgroup namespace or, in the
 * host's, the cgroup it is in.  systemd, Docker-in-Docker and kind
 * create and manage cgroups below their root: that works.
 *
 * A user-namespaced task writes only what the kernel's permission checks
 * let it, which for a host cgroup means one delegated to its user
 * (chowned by systemd for rootless Podman): those files are left alone.
 * Files owned by host root are judged for it too, for an identity-mapped
 * user namespace whose root is host root.
 */

#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/kernfs.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/proc_ns.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "cgroups.h"

static bool delegated_file(const char *name)
{
	return !strcmp(name, "cgroup.procs") ||
	       !strcmp(name, "cgroup.threads") ||
	       !strcmp(name, "cgroup.subtree_control");
}

/* The current task's cgroup namespace, or NULL for the host's. */
static const struct cgroup_namespace *own_cgroup_ns(void)
{
	const struct nsproxy *nsproxy = current->nsproxy;

	if (!nsproxy || nsproxy->cgroup_ns->ns.inum == PROC_CGROUP_INIT_INO)
		return NULL;
	return nsproxy->cgroup_ns;
}

/*
 * The container's cgroup of the current task; under rcu_read_lock().  In
 * the host's cgroup namespace, the cgroups of the task and of its pid
 * namespace's init have it as their nearest common ancestor: runtimes
 * start a container's init in its cgroup, and each of the two can only
 * move below it.  (A task that moved below it is judged as from that
 * cgroup, not from the one it left.)
 */
static struct cgroup *own_cgroup(void)
{
	const struct cgroup_namespace *ns = own_cgroup_ns();
	const struct pid_namespace *pid_ns = task_active_pid_ns(current);
	struct task_struct *reaper;
	struct cgroup *cgrp, *init_cgrp;

	if (ns)
		return ns->root_cset->dfl_cgrp;
	cgrp = task_dfl_cgroup(current);
	reaper = pid_ns ? READ_ONCE(pid_ns->child_reaper) : NULL;
	if (!reaper || pid_ns->ns.inum == PROC_PID_INIT_INO)
		return cgrp;
	init_cgrp = task_dfl_cgroup(reaper);
	while (cgroup_parent(cgrp) && !cgroup_is_descendant(init_cgrp, cgrp))
		cgrp = cgroup_parent(cgrp);
	return cgrp;
}

/* Left to the kernel's own checks: see the top of this file. */
static bool judged(const struct inode *inode)
{
	return current_user_ns() == &init_user_ns ||
	       uid_eq(inode->i_uid, GLOBAL_ROOT_UID);
}

/*
 * The cgroup of a cgroup directory's kernfs node.  A removed cgroup is
 * freed an RCU grace period after its node was deactivated: a node still
 * active inside this read-side section keeps its cgroup until the end of
 * it.  A removed one is nobody's: its files refuse every write anyway.
 */
static struct cgroup *kn_cgroup(const struct kernfs_node *kn)
{
	if (!kn || atomic_read(&kn->active) < 0)
		return NULL;
	return kn->priv;
}

/*
 * @kn is a cgroup directory, @file one of its files or %NULL for the
 * directory itself.
 */
static enum nsfence_class cgroup_class(const struct kernfs_node *kn,
				       const char *file, bool dir_is_own)
{
	enum nsfence_class class = NSFENCE_CLASS_SYSCTL;
	struct cgroup *cgrp, *own;

	rcu_read_lock();
	cgrp = kn_cgroup(kn);
	own = own_cgroup();
	if (!cgrp || (cgrp != own && cgroup_is_descendant(cgrp, own)))
		class = NSFENCE_CLASS_NONE;
	else if (cgrp == own && (dir_is_own || (file && delegated_file(file))))
		class = NSFENCE_CLASS_NONE;
	rcu_read_unlock();
	return class;
}

/**
 * nsfence_cgroup_class() - class of writing or changing a cgroup2 entry
 * @dentry: a file or a directory of a cgroup2 file system
 *
 * Return: %NSFENCE_CLASS_SYSCTL if @dentry is not the current task's
 * (see the top of this file), else %NSFENCE_CLASS_NONE.
 */
enum nsfence_class nsfence_cgroup_class(const struct dentry *dentry)
{
	const struct inode *inode = d_inode(dentry);
	struct kernfs_node *kn = inode->i_private;

	if (!judged(inode) || !kn)
		return NSFENCE_CLASS_NONE;
	if (kernfs_type(kn) == KERNFS_DIR)
		return cgroup_class(kn, NULL, false);
	return cgroup_class(kn->parent, kn->name, false);
}

/**
 * nsfence_cgroup_fd_class() - class of attaching BPF to a cgroup
 * @fd: the target descriptor of bpf(BPF_PROG_ATTACH, _DETACH,
 *	BPF_LINK_CREATE)
 *
 * A program attached to a cgroup runs for every task below it: on the
 * root cgroup, for the whole host (connect, sysctl, device programs).
 * Programs of the container's cgroup and below are its own (runc and
 * systemd attach device programs there).  The descriptor is resolved
 * here and again by the kernel: one swapped in between is not seen.
 *
 * Return: %NSFENCE_CLASS_SYSCTL for a cgroup2 directory outside the
 * container's cgroup, else %NSFENCE_CLASS_NONE (not a cgroup: not for
 * this rule).
 */
enum nsfence_class nsfence_cgroup_fd_class(int fd)
{
	enum nsfence_class class = NSFENCE_CLASS_NONE;
	struct cgroup *cgrp = cgroup_get_from_fd(fd);
	struct cgroup *own;

	if (IS_ERR(cgrp))
		return NSFENCE_CLASS_NONE;
	rcu_read_lock();
	own = own_cgroup();
	if (!cgroup_is_descendant(cgrp, own))
		class = NSFENCE_CLASS_SYSCTL;
	rcu_read_unlock();
	cgroup_put(cgrp);
	return class;
}

/**
 * nsfence_cgroup_clone_into_judged() - is clone3(CLONE_INTO_CGROUP) refused
 *
 * clone3(2) with CLONE_INTO_CGROUP starts a child in the cgroup a
 * descriptor names, with no write to cgroup.procs for the hooks to see
 * (kernel/cgroup/cgroup.c: cgroup_css_set_fork() checks the mode bits
 * only).  In the host's cgroup namespace that is any host cgroup, the
 * root one included, and moves the nearest common ancestor that
 * own_cgroup() takes.  With a cgroup namespace of its own the container's
 * cgroup stays the namespace's root whatever its tasks do; there,
 * systemd 255 and later starts its services this way.
 *
 * Return: true when the current task is in the initial cgroup namespace.
 */
bool nsfence_cgroup_clone_into_judged(void)
{
	return !own_cgroup_ns();
}

/**
 * nsfence_cgroup_dir_class() - class of making or removing a cgroup
 * @dir: the cgroup2 directory the entry is made in or removed from
 *
 * A cgroup made or removed in the container's cgroup or below it is one
 * below it: the task's own.
 *
 * Return: %NSFENCE_CLASS_SYSCTL or %NSFENCE_CLASS_NONE.
 */
enum nsfence_class nsfence_cgroup_dir_class(const struct dentry *dir)
{
	const struct inode *inode = d_inode(dir);

	if (!judged(inode) || !inode->i_private)
		return NSFENCE_CLASS_NONE;
	return cgroup_class(inode->i_private, NULL, true);
}
