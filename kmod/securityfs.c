// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - read-only files in securityfs
 *
 * /sys/kernel/security/nsfence/status and .../fences show what the
 * STATUS and LIST commands return, as stable line-oriented text (the
 * format is documented in nsfence(8)).  Like the commands, they refuse
 * fenced readers.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/seq_file.h>

#include "attach.h"
#include "fence.h"
#include "hooks.h"
#include "policy.h"
#include "report.h"
#include "securityfs.h"

static struct dentry *sfs_dir;
static struct dentry *sfs_status;
static struct dentry *sfs_fences;

/* "modules,sysctl,devices", or "none". */
static void show_classes(struct seq_file *m, u32 classes)
{
	enum nsfence_class class;
	bool first = true;

	for (class = 0; class < __NSFENCE_CLASS_COUNT; class++) {
		if (!(classes & BIT(class)))
			continue;
		seq_printf(m, "%s%s", first ? "" : ",",
			   nsfence_policy_class_name(class));
		first = false;
	}
	if (first)
		seq_puts(m, "none");
}

/* "c:10:200:rw,b:7:*:rwm", or "-". */
static void show_devices(struct seq_file *m,
			 const struct nsfence_fence_policy *policy)
{
	const struct nsfence_dev_rule *rule;
	u32 i;

	if (!policy->n_devices) {
		seq_putc(m, '-');
		return;
	}
	for (i = 0; i < policy->n_devices; i++) {
		rule = &policy->devices[i];
		seq_printf(m, "%s%c:", i ? "," : "",
			   rule->type == NSFENCE_DEV_BLOCK ? 'b' : 'c');
		if (rule->major == NSFENCE_DEV_ANY)
			seq_puts(m, "*:");
		else
			seq_printf(m, "%u:", rule->major);
		if (rule->minor == NSFENCE_DEV_ANY)
			seq_puts(m, "*:");
		else
			seq_printf(m, "%u:", rule->minor);
		if (rule->access & NSFENCE_DEV_READ)
			seq_putc(m, 'r');
		if (rule->access & NSFENCE_DEV_WRITE)
			seq_putc(m, 'w');
		if (rule->access & NSFENCE_DEV_MKNOD)
			seq_putc(m, 'm');
	}
}

static int status_show(struct seq_file *m, void *v)
{
	enum nsfence_class class;
	char hooks[NSFENCE_HOOKS_TEXT_MAX];

	nsfence_fence_reclaim();
	nsfence_hooks_format(hooks, sizeof(hooks));
	seq_printf(m, "version %u\n", NSFENCE_GENL_VERSION);
	seq_printf(m, "locked %u\n", READ_ONCE(nsfence_locked) ? 1 : 0);
	seq_printf(m, "attach %s\n", nsfence_attach_method());
	seq_printf(m, "hooks %s\n", hooks);
	seq_printf(m, "fences %u\n", nsfence_fence_count());
	seq_printf(m, "dropped %llu\n", nsfence_report_dropped());
	for (class = 0; class < __NSFENCE_CLASS_COUNT; class++)
		seq_printf(m, "class %s denied %llu audited %llu\n",
			   nsfence_policy_class_name(class),
			   nsfence_report_denied(class),
			   nsfence_report_audited(class));
	return 0;
}

static void show_counters(struct seq_file *m, const char *name,
			  const atomic64_t *counters)
{
	enum nsfence_class class;

	seq_printf(m, " %s=", name);
	for (class = 0; class < __NSFENCE_CLASS_COUNT; class++)
		seq_printf(m, "%s%lld", class ? "," : "",
			   (long long)atomic64_read(&counters[class]));
}

static int fences_fill(const struct nsfence_fence *fence, void *arg)
{
	struct seq_file *m = arg;

	seq_printf(m, "%s %u classes=",
		   nsfence_fence_ns_name(fence),
		   fence->ns_inum);
	show_classes(m, fence->policy.classes);
	seq_printf(m, " mode=%s created=%llu dropped=%lld allow=",
		   fence->policy.mode == NSFENCE_MODE_AUDIT ?
		   "audit" : "enforce",
		   fence->created,
		   (long long)atomic64_read(&fence->stats->dropped));
	show_devices(m, &fence->policy);
	show_counters(m, "denied", fence->stats->denied);
	show_counters(m, "audited", fence->stats->audited);
	seq_putc(m, '\n');
	return 0;
}

static int fences_show(struct seq_file *m, void *v)
{
	unsigned int generation;
	u64 cursor = 0;

	nsfence_fence_reclaim();
	/* Under the registry mutex: one consistent snapshot. */
	return nsfence_fence_dump(&cursor, &generation, fences_fill, m);
}

static int sfs_open(struct inode *inode, struct file *file)
{
	/* What a fenced task may not ask over netlink, it may not read. */
	if (nsfence_current_is_fenced())
		return -EPERM;
	return single_open(file, inode->i_private, NULL);
}

static const struct file_operations sfs_fops = {
	.owner = THIS_MODULE,
	.open = sfs_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/**
 * nsfence_securityfs_init() - create /sys/kernel/security/nsfence/
 *
 * Return: 0, or the error of securityfs (-ENODEV without securityfs).
 */
int nsfence_securityfs_init(void)
{
	int err;

	sfs_dir = securityfs_create_dir("nsfence", NULL);
	if (IS_ERR(sfs_dir)) {
		err = PTR_ERR(sfs_dir);
		goto out;
	}
	sfs_status = securityfs_create_file("status", 0444, sfs_dir,
					    status_show, &sfs_fops);
	if (IS_ERR(sfs_status)) {
		err = PTR_ERR(sfs_status);
		goto remove_dir;
	}
	sfs_fences = securityfs_create_file("fences", 0444, sfs_dir,
					    fences_show, &sfs_fops);
	if (IS_ERR(sfs_fences)) {
		err = PTR_ERR(sfs_fences);
		goto remove_status;
	}
	return 0;

remove_status:
	securityfs_remove(sfs_status);
remove_dir:
	securityfs_remove(sfs_dir);
out:
	sfs_dir = NULL;
	sfs_status = NULL;
	sfs_fences = NULL;
	return err;
}

/**
 * nsfence_securityfs_exit() - remove /sys/kernel/security/nsfence/
 *
 * Waits for no reader: securityfs_remove() cuts new opens, and an open
 * file keeps the module pinned through its f_op owner.
 */
void nsfence_securityfs_exit(void)
{
	securityfs_remove(sfs_fences);
	securityfs_remove(sfs_status);
	securityfs_remove(sfs_dir);
}
