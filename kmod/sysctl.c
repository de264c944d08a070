// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - recognising /proc/sys files and their owners
 *
 * No sysctl hook exists and nothing needed is exported.  A sysctl file
 * is a procfs file whose f_op is the one sampled from a known entry; its
 * ctl_table header hangs off the private struct proc_inode.  That struct
 * is not public, so only its tail is mirrored here, and the mirror is
 * checked on known entries before it is trusted.  Should the check fail,
 * no sysctl counts as owned (fail closed): a path is no substitute for
 * the owner, as a file of the initial namespace opened before
 * unshare(CLONE_NEWNET) still has a "net/" path.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init_task.h>
#include <linux/ipc_namespace.h>
#include <linux/magic.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>

#include "policy.h"
#include "sysctl.h"

/**
 * struct proc_inode_tail - the last members of fs/proc's struct proc_inode
 * @sysctl: header of the sysctl table the inode belongs to
 * @sysctl_entry: the sysctl's entry in that table
 * @sibling_inodes: list of the header's inodes
 * @ns_ops: namespace operations of /proc/PID/ns files
 * @vfs_inode: the inode embedded in struct proc_inode
 *
 * Identical in 6.1 and 6.12 (and since 5.8).  Every member is pointer
 * aligned, so the offset of @sysctl from @vfs_inode is the same as in the
 * real struct whatever precedes it.
 */
struct proc_inode_tail {
	struct ctl_table_header *sysctl;
	const struct ctl_table *sysctl_entry;
	struct hlist_node sibling_inodes;
	const void *ns_ops;
	struct inode vfs_inode;
};

/**
 * struct sysctl_sample - what was learnt from one known sysctl file
 * @fops: its file operations
 * @set: its header's set, when the layout check passed
 * @entry: its ctl_table entry, when the layout check passed
 * @layout_ok: the mirrored proc_inode gave back the expected entry
 */
struct sysctl_sample {
	const struct file_operations *fops;
	const struct ctl_table_set *set;
	const struct ctl_table *entry;
	bool layout_ok;
};

static DEFINE_MUTEX(sample_mutex);
/* Published last, with release semantics: the rest is valid once set. */
static const struct file_operations *sysctl_fops;
static bool layout_ok;
static const struct ctl_table *uts_hostname;
static const struct ctl_table *uts_domainname;
static const struct ipc_namespace *initial_ipc_ns;

static const struct proc_inode_tail *proc_tail(const struct inode *inode)
{
	return container_of(inode, struct proc_inode_tail, vfs_inode);
}

/* Read through pointers that the self-test has not validated yet. */
static bool peek(void *dst, const void *src, size_t size)
{
	return src && !copy_from_kernel_nofault(dst, src, size);
}

static bool check_layout(const struct inode *inode, const char *procname,
			 const void *data, struct sysctl_sample *sample)
{
	const struct proc_inode_tail *tail = proc_tail(inode);
	struct ctl_table_header *head;
	struct ctl_table entry;
	struct ctl_table_set *set;
	char name[16];
	size_t len = strlen(procname) + 1;

	if (len > sizeof(name))
		return false;
	if (!peek(&head, &tail->sysctl, sizeof(head)) ||
	    !peek(&set, &head->set, sizeof(set)) || !set)
		return false;
	if (!peek(&entry, tail->sysctl_entry, sizeof(entry)) ||
	    !peek(name, entry.procname, len) || memcmp(name, procname, len))
		return false;
	if (data && entry.data != data)
		return false;
	sample->set = set;
	sample->entry = tail->sysctl_entry;
	return true;
}

static int sample_one(const char *path, const char *procname,
		      const void *data, struct sysctl_sample *sample)
{
	struct file *file;
	int err = 0;

	file = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	if (file_inode(file)->i_sb->s_magic != PROC_SUPER_MAGIC) {
		err = -ENODEV;
		goto close_file;
	}
	sample->fops = file->f_op;
	sample->layout_ok = check_layout(file_inode(file), procname, data,
					 sample);
close_file:
	filp_close(file, NULL);
	return err;
}

static int sample_locked(void)
{
	struct sysctl_sample ostype = {}, hostname = {}, domainname = {};
	bool ok;
	int err;

	lockdep_assert_held(&sample_mutex);
	if (sysctl_fops)
		return 0;
	err = sample_one("/proc/sys/kernel/ostype", "ostype", NULL, &ostype);
	if (!err)
		err = sample_one("/proc/sys/kernel/hostname", "hostname",
				 init_uts_ns.name.nodename, &hostname);
	if (!err)
		err = sample_one("/proc/sys/kernel/domainname", "domainname",
				 init_uts_ns.name.domainname, &domainname);
	if (err)
		return err;

	/* All three are global entries of the same "kernel" table. */
	ok = ostype.layout_ok && hostname.layout_ok && domainname.layout_ok &&
	     hostname.fops == ostype.fops && domainname.fops == ostype.fops &&
	     hostname.set == ostype.set && domainname.set == ostype.set;
	if (ok) {
		uts_hostname = hostname.entry;
		uts_domainname = domainname.entry;
	} else {
		pr_warn("proc_inode layout self-test failed: no sysctl counts as a namespace's own, fenced tasks write none\n");
	}
	initial_ipc_ns = init_task.nsproxy->ipc_ns;
	layout_ok = ok;
	/* Pairs with the acquires of readers: publish everything above. */
	smp_store_release(&sysctl_fops, ostype.fops);
	return 0;
}

/**
 * nsfence_sysctl_init() - sample /proc/sys at module load
 *
 * Not fatal: when /proc is not reachable yet, the first FENCE samples it
 * (nsfence_sysctl_prepare()).
 */
void nsfence_sysctl_init(void)
{
	int err;

	mutex_lock(&sample_mutex);
	err = sample_locked();
	mutex_unlock(&sample_mutex);
	if (err)
		pr_info("/proc/sys not reachable (%d), sampling it later\n",
			err);
}

/**
 * nsfence_sysctl_prepare() - make sure sysctl files can be recognised
 *
 * Called before a fence with the sysctl class is added.  May sleep.
 *
 * Return: 0, or the error of opening /proc/sys/kernel/ostype.
 */
int nsfence_sysctl_prepare(void)
{
	int err;

	/* Pairs with sample_locked(): a non-NULL f_op means all is set. */
	if (smp_load_acquire(&sysctl_fops))
		return 0;
	mutex_lock(&sample_mutex);
	err = sample_locked();
	mutex_unlock(&sample_mutex);
	return err;
}

/**
 * nsfence_sysctl_file() - is a file a /proc/sys entry
 * @file: an open file
 *
 * Return: true if @file is a sysctl file (never a directory).
 */
bool nsfence_sysctl_file(const struct file *file)
{
	const struct file_operations *fops;

	/* Pairs with sample_locked(): layout_ok and entries are valid. */
	fops = smp_load_acquire(&sysctl_fops);
	return fops && file->f_op == fops &&
	       file_inode(file)->i_sb->s_magic == PROC_SUPER_MAGIC;
}

static void sysctl_env(struct nsfence_sysctl_env *env,
		       const struct cred *cred)
{
	/* Only the current task changes its own nsproxy. */
	const struct nsproxy *nsproxy = current->nsproxy;

	memset(env, 0, sizeof(*env));
	if (cred->user_ns != &init_user_ns)
		env->user_set = &cred->user_ns->set;
	env->uts_hostname = uts_hostname;
	env->uts_domainname = uts_domainname;
	if (!nsproxy)
		return;
	if (nsproxy->net_ns != &init_net)
		env->net_set = &nsproxy->net_ns->sysctls;
	if (nsproxy->ipc_ns != initial_ipc_ns) {
		env->ipc_set = &nsproxy->ipc_ns->ipc_set;
		env->mq_set = &nsproxy->ipc_ns->mq_set;
	}
	env->uts_private = nsproxy->uts_ns != &init_uts_ns;
}

/**
 * nsfence_sysctl_runs_helper() - does a sysctl name a program run as root
 * @file: a file for which nsfence_sysctl_file() is true
 *
 * Does not sleep.  Only asked for writes that no namespace of the task
 * owns, so the path is built rarely.
 *
 * Return: true for kernel.core_pattern, kernel.modprobe and the other
 * usermode-helper knobs (nsfence_policy_sysctl_runs_helper()).
 */
bool nsfence_sysctl_runs_helper(const struct file *file)
{
	char buf[128];
	const char *path;

	/* Relative to the proc superblock: "/sys/kernel/core_pattern". */
	path = dentry_path_raw(file->f_path.dentry, buf, sizeof(buf));
	if (IS_ERR(path) || strncmp(path, "/sys/", 5))
		return false;
	return nsfence_policy_sysctl_runs_helper(path + 5);
}

/**
 * nsfence_sysctl_owned() - does a sysctl belong to the task's namespaces
 * @file: a file for which nsfence_sysctl_file() is true
 * @cred: the task's credentials
 *
 * Does not sleep.
 *
 * Return: true if writing @file only changes the task's own, non-initial
 * namespaces.
 */
bool nsfence_sysctl_owned(const struct file *file, const struct cred *cred)
{
	const struct proc_inode_tail *tail;
	const struct ctl_table_header *head;
	struct nsfence_sysctl_env env;

	/*
	 * Without a known layout the owner cannot be read: fail closed.
	 * Names are no substitute: after unshare(CLONE_NEWNET), a file of
	 * the initial namespace opened earlier still says "net/...".
	 */
	if (!READ_ONCE(layout_ok))
		return false;
	sysctl_env(&env, cred);
	/* The inode holds a count on its header. */
	tail = proc_tail(file_inode(file));
	head = tail->sysctl;
	return nsfence_policy_sysctl_owned(head ? head->set : NULL,
					   tail->sysctl_entry, &env);
}
