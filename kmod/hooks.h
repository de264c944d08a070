/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - the LSM hooks
 */
#ifndef _NSFENCE_HOOKS_H
#define _NSFENCE_HOOKS_H

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/kernel_read_file.h>
#include <linux/path.h>
#include <linux/security.h>
#include <linux/skbuff.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/types.h>

#include "compat.h"

struct sock;

struct kernel_siginfo;
struct bpf_prog;
union bpf_attr;

/* Number of entries in nsfence_hooks[]: bpf and perf only when built. */
#define NSFENCE_HOOKS_COUNT	(28 + 3 * IS_ENABLED(CONFIG_BPF_SYSCALL) + \
				 IS_ENABLED(CONFIG_PERF_EVENTS))

/* Room for nsfence_hooks_format(): every name and a comma, with margin. */
#define NSFENCE_HOOKS_TEXT_MAX	512

/* Most arguments any hooked function takes. */
#define NSFENCE_HOOK_MAX_ARGS	5

/**
 * struct nsfence_hook - one hook, as the attach layer sees it
 * @name: the LSM hook's name
 * @target: the kernel function that calls the LSM hook
 * @nargs: number of arguments of @target
 * @call: unpacks @nargs raw arguments and calls the typed hook
 *
 * A hook denies by returning -EPERM; anything else means "let the kernel
 * go on" (0, or -ENOPARAM for fs_context_parse_param).
 */
struct nsfence_hook {
	const char *name;
	const char *target;
	unsigned int nargs;
	int (*call)(const unsigned long *args);
};

extern const struct nsfence_hook nsfence_hooks[NSFENCE_HOOKS_COUNT];

int nsfence_hook_kernel_module_request(char *kmod_name);
int nsfence_hook_kernel_load_data(enum kernel_load_data_id id, bool contents);
int nsfence_hook_kernel_read_file(struct file *file,
				  enum kernel_read_file_id id, bool contents);
int nsfence_hook_capable(const struct cred *cred, struct user_namespace *ns,
			 int cap, unsigned int opts);
int nsfence_hook_locked_down(enum lockdown_reason what);
int nsfence_hook_file_open(struct file *file);
int nsfence_hook_file_permission(struct file *file, int mask);
int nsfence_hook_path_mknod(const struct path *dir, struct dentry *dentry,
			    umode_t mode, unsigned int dev);
int nsfence_hook_path_mkdir(const struct path *dir, struct dentry *dentry,
			    umode_t mode);
int nsfence_hook_path_rmdir(const struct path *dir, struct dentry *dentry);
int nsfence_hook_path_unlink(const struct path *dir, struct dentry *dentry);
int nsfence_hook_path_rename(const struct path *old_dir,
			     struct dentry *old_dentry,
			     const struct path *new_dir,
			     struct dentry *new_dentry, unsigned int flags);
int nsfence_hook_path_symlink(const struct path *dir, struct dentry *dentry,
			      const char *old_name);
int nsfence_hook_path_chmod(const struct path *path, umode_t mode);
int nsfence_hook_path_chown(const struct path *path, kuid_t uid, kgid_t gid);
int nsfence_hook_path_notify(const struct path *path, u64 mask,
			     unsigned int obj_type);
int nsfence_hook_fs_context_parse_param(struct fs_context *fc,
					struct fs_parameter *param);
int nsfence_hook_sb_kern_mount(NSFENCE_SB_KERN_MOUNT_CONST struct super_block *sb);
int nsfence_hook_socket_bind(struct socket *sock, struct sockaddr *address,
			     int addrlen);
int nsfence_hook_socket_setsockopt(struct socket *sock, int level, int optname);
int nsfence_hook_netlink_send(struct sock *sk, struct sk_buff *skb);
int nsfence_hook_syslog(int type);
int nsfence_hook_quotactl(int cmds, int type, int id,
			  NSFENCE_QUOTACTL_CONST struct super_block *sb);
int nsfence_hook_file_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg);
int nsfence_hook_file_ioctl_compat(struct file *file, unsigned int cmd,
				   unsigned long arg);
int nsfence_hook_bpf(int cmd, union bpf_attr *attr, unsigned int size);
int nsfence_hook_bpf_prog(struct bpf_prog *prog);
int nsfence_hook_bpf_prog_load(void);
int nsfence_hook_perf_event_open(int type);
int nsfence_hook_ptrace_access_check(struct task_struct *child,
				     unsigned int mode);
int nsfence_hook_task_alloc(struct task_struct *task,
			    unsigned long clone_flags);
int nsfence_hook_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			   int sig, const struct cred *cred);
size_t nsfence_hooks_format(char *buf, size_t size);

#endif /* _NSFENCE_HOOKS_H */
