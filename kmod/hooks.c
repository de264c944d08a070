// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - the LSM hooks
 *
 * One function per LSM hook, with the LSM hook's own signature: a
 * static-key fast path, a cheap filter on the object, the lookup of the
 * task's fences under RCU, the policy of each fence, then a report.
 * Hooks may run from an ftrace callback with preemption disabled: they
 * never sleep and never allocate.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/kdev_t.h>
#include <linux/kernel.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "fence.h"
#include "hooks.h"
#include "policy.h"
#include "report.h"
#include "sysctl.h"

/**
 * struct hook_request - one operation to decide on
 * @class: its deny class
 * @dev: for device accesses, the device; else NULL
 * @object: what it acts on, for the report
 * @quiet: count, but print nothing
 */
struct hook_request {
	enum nsfence_class class;
	const struct nsfence_dev_request *dev;
	struct nsfence_object object;
	bool quiet;
};

/**
 * struct hook_verdict - what the fences of a task said so far
 * @req: the operation
 * @culprit: the fence to name in the report: the first enforcing fence
 *	that denies, else the first auditing fence that hits
 * @hit: at least one fence denies or audits
 * @denied: at least one fence denies in enforce mode
 */
struct hook_verdict {
	const struct hook_request *req;
	const struct nsfence_fence *culprit;
	bool hit;
	bool denied;
};

static void hook_visit(const struct nsfence_fence *fence, void *arg)
{
	struct hook_verdict *verdict = arg;
	const struct hook_request *req = verdict->req;
	bool enforce;

	if (!nsfence_policy_denies(&fence->policy, req->class, req->dev))
		return;
	/* Self-protection holds even in audit mode. */
	enforce = req->class == NSFENCE_CLASS_SELF ||
		  fence->policy.mode == NSFENCE_MODE_ENFORCE;
	nsfence_report_fence_hit(fence, req->class, enforce);
	if (!verdict->hit || (enforce && !verdict->denied))
		verdict->culprit = fence;
	verdict->hit = true;
	verdict->denied |= enforce;
}

/*
 * Each fence of the task is asked on its own; the strictest answer wins.
 * That is also why a child fence's device exceptions cannot lift what a
 * parent fence denies.
 */
static int hook_check(const struct user_namespace *user_ns,
		      const struct hook_request *req)
{
	const struct pid_namespace *pid_ns = nsfence_current_pid_ns();
	struct hook_verdict verdict = { .req = req };

	if (nsfence_ns_initial(user_ns, pid_ns))
		return 0;
	rcu_read_lock();
	nsfence_fence_walk(user_ns, pid_ns, hook_visit, &verdict);
	if (verdict.hit)
		nsfence_report(req->class, verdict.denied, verdict.culprit,
			       &req->object, req->quiet);
	rcu_read_unlock();
	return verdict.denied ? -EPERM : 0;
}

static int hook_modules(const struct hook_request *req)
{
	return hook_check(current_user_ns(), req);
}

static int hook_sysctl_write(struct file *file)
{
	const struct cred *cred = current_cred();
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_FILE, .file = file },
	};

	/* Ownership is only worth computing for a task that may be fenced. */
	if (nsfence_ns_initial(cred->user_ns, nsfence_current_pid_ns()))
		return 0;
	if (nsfence_sysctl_owned(file, cred))
		return 0;
	return hook_check(cred->user_ns, &req);
}

static int hook_device(const struct nsfence_dev_request *dev)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_DEVICES,
		.dev = dev,
		.object = { .kind = NSFENCE_OBJ_DEVICE, .dev = dev },
	};

	if (nsfence_policy_dev_base_allowed(dev))
		return 0;
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_kernel_module_request() - module auto-load
 * @kmod_name: the module alias about to be requested
 *
 * Runs in the requesting task before modprobe is spawned: the load itself
 * later runs with the initial credentials, so this is the place to deny.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_kernel_module_request(char *kmod_name)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_MODULES,
		.object = { .kind = NSFENCE_OBJ_NAME, .name = kmod_name },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	return hook_modules(&req);
}

/**
 * nsfence_hook_kernel_load_data() - init_module(2) and kexec_load(2)
 * @id: what is being loaded
 * @contents: ignored: the load is denied before its contents matter
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_kernel_load_data(enum kernel_load_data_id id, bool contents)
{
	struct hook_request req = {
		.class = NSFENCE_CLASS_MODULES,
		.object = { .kind = NSFENCE_OBJ_NAME },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	switch (id) {
	case LOADING_MODULE:
		req.object.name = "init_module";
		break;
	case LOADING_KEXEC_IMAGE:
	case LOADING_KEXEC_INITRAMFS:
		req.object.name = "kexec_load";
		break;
	default:
		return 0;
	}
	return hook_modules(&req);
}

/**
 * nsfence_hook_kernel_read_file() - finit_module(2) and kexec_file_load(2)
 * @file: the file being read
 * @id: what it is read for
 * @contents: ignored: the read is denied before its contents matter
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_kernel_read_file(struct file *file,
				  enum kernel_read_file_id id, bool contents)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_MODULES,
		.object = { .kind = NSFENCE_OBJ_FILE, .file = file },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	switch (id) {
	case READING_MODULE:
	case READING_KEXEC_IMAGE:
	case READING_KEXEC_INITRAMFS:
		return hook_modules(&req);
	default:
		return 0;
	}
}

/**
 * nsfence_hook_capable() - CAP_SYS_MODULE, e.g. for delete_module(2)
 * @cred: the credentials being checked
 * @ns: ignored: a fence follows the task, not the target namespace
 * @cap: the capability
 * @opts: %CAP_OPT_NOAUDIT silences the report
 *
 * Called for every capability check in the system: anything but
 * CAP_SYS_MODULE leaves at the first instruction.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_capable(const struct cred *cred, struct user_namespace *ns,
			 int cap, unsigned int opts)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_MODULES,
		.object = { .kind = NSFENCE_OBJ_CAP, .cap = cap },
		.quiet = opts & CAP_OPT_NOAUDIT,
	};

	if (cap != CAP_SYS_MODULE)
		return 0;
	if (!nsfence_maybe_fenced())
		return 0;
	return hook_check(cred->user_ns, &req);
}

/**
 * nsfence_hook_locked_down() - a per-namespace kernel lockdown
 * @what: the lockdown reason
 *
 * Reasons of the self-protection class are denied to every fenced task,
 * whatever its fences' classes and modes.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_locked_down(enum lockdown_reason what)
{
	const struct hook_request req = {
		.class = nsfence_policy_lockdown_class(what),
		.object = { .kind = NSFENCE_OBJ_LOCKDOWN, .reason = what },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (req.class == NSFENCE_CLASS_NONE)
		return 0;
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_file_open() - device nodes and sysctl files
 * @file: the file being opened
 *
 * At open time a device node still has the generic f_op, so the inode's
 * type and i_rdev tell what it is.  Sysctl files are checked when opened
 * for writing; nsfence_hook_file_permission() catches the rest.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_file_open(struct file *file)
{
	const struct inode *inode = file_inode(file);
	struct nsfence_dev_request dev;

	if (!nsfence_maybe_fenced())
		return 0;
	if (S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) {
		dev.type = S_ISBLK(inode->i_mode) ? NSFENCE_DEV_BLOCK :
						    NSFENCE_DEV_CHAR;
		dev.major = MAJOR(inode->i_rdev);
		dev.minor = MINOR(inode->i_rdev);
		dev.access = 0;
		if (file->f_mode & FMODE_READ)
			dev.access |= NSFENCE_DEV_READ;
		if (file->f_mode & FMODE_WRITE)
			dev.access |= NSFENCE_DEV_WRITE;
		/* Open mode 3 gives ioctl access only, which can do both. */
		if (!dev.access)
			dev.access = NSFENCE_DEV_READ | NSFENCE_DEV_WRITE;
		return hook_device(&dev);
	}
	if ((file->f_mode & FMODE_WRITE) && nsfence_sysctl_file(file))
		return hook_sysctl_write(file);
	return 0;
}

/**
 * nsfence_hook_file_permission() - writes to sysctl files
 * @file: the file
 * @mask: the access about to happen
 *
 * Catches every write (write, splice, sendfile, io_uring) through a file
 * opened before the fence existed or passed in from outside.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_file_permission(struct file *file, int mask)
{
	if (!nsfence_maybe_fenced())
		return 0;
	if (!(mask & MAY_WRITE) || !nsfence_sysctl_file(file))
		return 0;
	return hook_sysctl_write(file);
}

/**
 * nsfence_hook_path_mknod() - creating device nodes
 * @dir: ignored: the node is judged by what it gives access to
 * @dentry: ignored, for the same reason
 * @mode: type and permissions of the new node
 * @dev: device number, as userspace encoded it
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_mknod(const struct path *dir, struct dentry *dentry,
			    umode_t mode, unsigned int dev)
{
	const dev_t kdev = new_decode_dev(dev);
	const struct nsfence_dev_request req = {
		.type = S_ISBLK(mode) ? NSFENCE_DEV_BLOCK : NSFENCE_DEV_CHAR,
		.major = MAJOR(kdev),
		.minor = MINOR(kdev),
		.access = NSFENCE_DEV_MKNOD,
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (!S_ISCHR(mode) && !S_ISBLK(mode))
		return 0;
	return hook_device(&req);
}

/**
 * nsfence_hook_fs_context_parse_param() - block-device mounts, early
 * @fc: the filesystem context
 * @param: the parameter being parsed
 *
 * Both mount(2) and fsconfig(2) pass the "source" through here before any
 * device is opened or any superblock parsed.  The device is still a
 * string, so device exceptions cannot apply: mounting a block-device
 * filesystem is always denied to a fence with the devices class.
 *
 * Return: -ENOPARAM to let the parameter through (0 would tell the VFS
 * that the LSM consumed it), or -EPERM.
 */
int nsfence_hook_fs_context_parse_param(struct fs_context *fc,
					struct fs_parameter *param)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_DEVICES,
		.object = {
			.kind = NSFENCE_OBJ_FSTYPE,
			.name = fc->fs_type ? fc->fs_type->name : "?",
		},
	};

	if (!nsfence_maybe_fenced())
		return -ENOPARAM;
	if (!fc->fs_type || !(fc->fs_type->fs_flags & FS_REQUIRES_DEV) ||
	    !param->key || strcmp(param->key, "source"))
		return -ENOPARAM;
	return hook_check(current_user_ns(), &req) ?: -ENOPARAM;
}

/**
 * nsfence_hook_sb_kern_mount() - block-device mounts, backstop
 * @sb: the superblock about to be mounted
 *
 * Catches whatever reached a block device without going through
 * nsfence_hook_fs_context_parse_param(), after the fact: by now the
 * kernel has opened the device and parsed the superblock.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_sb_kern_mount(NSFENCE_SB_KERN_MOUNT_CONST struct super_block *sb)
{
	const struct nsfence_dev_request dev = {
		.type = NSFENCE_DEV_BLOCK,
		.major = MAJOR(sb->s_dev),
		.minor = MINOR(sb->s_dev),
		.access = NSFENCE_DEV_READ | NSFENCE_DEV_WRITE,
	};
	const struct hook_request req = {
		.class = NSFENCE_CLASS_DEVICES,
		.object = { .kind = NSFENCE_OBJ_DEVICE, .dev = &dev },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (!sb->s_bdev)
		return 0;
	return hook_check(current_user_ns(), &req);
}

/*
 * The nsfence family lives in the initial network namespace only, and its
 * "denials" group asks for CAP_SYS_ADMIN there; a privileged container
 * that shares that namespace passes the kernel's check, and genetlink
 * offers no way to refuse a subscriber.  So nsfence itself keeps fenced
 * tasks out of every generic netlink group of the initial namespace: the
 * setsockopt hook is not told which group is being joined, and one rule
 * for bind(2) and setsockopt(2) is easier to reason about than two.
 */
static bool hook_genl_socket(const struct socket *sock)
{
	const struct sock *sk = sock->sk;

	return sk && sk->sk_family == AF_NETLINK &&
	       sk->sk_protocol == NETLINK_GENERIC;
}

static int hook_genl_subscribe(const char *what)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME, .name = what },
	};

	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_socket_bind() - multicast groups joined by bind(2)
 * @sock: the socket
 * @address: the address, already copied from userspace
 * @addrlen: its length
 *
 * A &struct sockaddr_nl with a non-zero nl_groups joins groups 1 to 32.
 * Anything malformed is left to netlink_bind() to refuse.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_socket_bind(struct socket *sock, struct sockaddr *address,
			     int addrlen)
{
	const struct sockaddr_nl *nladdr = (const struct sockaddr_nl *)address;

	if (!nsfence_maybe_fenced())
		return 0;
	if (!hook_genl_socket(sock) || !net_eq(sock_net(sock->sk), &init_net))
		return 0;
	if (addrlen < (int)sizeof(*nladdr) || nladdr->nl_family != AF_NETLINK ||
	    !nladdr->nl_groups)
		return 0;
	return hook_genl_subscribe("netlink bind groups");
}

/**
 * nsfence_hook_socket_setsockopt() - multicast groups joined by setsockopt(2)
 * @sock: the socket
 * @level: the option's level
 * @optname: the option
 *
 * NETLINK_ADD_MEMBERSHIP joins any group; NETLINK_LISTEN_ALL_NSID would
 * let a socket in a container's own namespace receive the groups of the
 * initial one.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_socket_setsockopt(struct socket *sock, int level, int optname)
{
	if (!nsfence_maybe_fenced())
		return 0;
	if (level != SOL_NETLINK || !hook_genl_socket(sock))
		return 0;
	switch (optname) {
	case NETLINK_ADD_MEMBERSHIP:
		if (!net_eq(sock_net(sock->sk), &init_net))
			return 0;
		return hook_genl_subscribe("netlink add membership");
	case NETLINK_LISTEN_ALL_NSID:
		return hook_genl_subscribe("netlink listen all nsid");
	default:
		return 0;
	}
}

/*
 * Adapters for the attach layer, which only has raw argument registers.
 * The x86-64 ABI leaves the bits of a register above a narrow argument
 * undefined: every narrow argument is truncated to its own width first.
 */
static int call_kernel_module_request(const unsigned long *args)
{
	return nsfence_hook_kernel_module_request((char *)args[0]);
}

static int call_kernel_load_data(const unsigned long *args)
{
	return nsfence_hook_kernel_load_data((int)args[0], (u8)args[1]);
}

static int call_kernel_read_file(const unsigned long *args)
{
	return nsfence_hook_kernel_read_file((struct file *)args[0],
					     (int)args[1], (u8)args[2]);
}

static int call_capable(const unsigned long *args)
{
	return nsfence_hook_capable((const struct cred *)args[0],
				    (struct user_namespace *)args[1],
				    (int)args[2], (unsigned int)args[3]);
}

static int call_locked_down(const unsigned long *args)
{
	return nsfence_hook_locked_down((int)args[0]);
}

static int call_file_open(const unsigned long *args)
{
	return nsfence_hook_file_open((struct file *)args[0]);
}

static int call_file_permission(const unsigned long *args)
{
	return nsfence_hook_file_permission((struct file *)args[0],
					    (int)args[1]);
}

static int call_path_mknod(const unsigned long *args)
{
	return nsfence_hook_path_mknod((const struct path *)args[0],
				       (struct dentry *)args[1],
				       (umode_t)args[2], (unsigned int)args[3]);
}

static int call_fs_context_parse_param(const unsigned long *args)
{
	return nsfence_hook_fs_context_parse_param((struct fs_context *)args[0],
						   (struct fs_parameter *)args[1]);
}

static int call_sb_kern_mount(const unsigned long *args)
{
	return nsfence_hook_sb_kern_mount((struct super_block *)args[0]);
}

static int call_socket_bind(const unsigned long *args)
{
	return nsfence_hook_socket_bind((struct socket *)args[0],
					(struct sockaddr *)args[1],
					(int)args[2]);
}

static int call_socket_setsockopt(const unsigned long *args)
{
	return nsfence_hook_socket_setsockopt((struct socket *)args[0],
					      (int)args[1], (int)args[2]);
}

#define NSFENCE_HOOK(hook, n) {				\
	.name = #hook,					\
	.target = "security_" #hook,			\
	.nargs = (n),					\
	.call = call_##hook,				\
}

/* The order is the order of attachment and of the STATUS hook list. */
const struct nsfence_hook nsfence_hooks[NSFENCE_HOOKS_COUNT] = {
	NSFENCE_HOOK(kernel_module_request, 1),
	NSFENCE_HOOK(kernel_load_data, 2),
	NSFENCE_HOOK(kernel_read_file, 3),
	NSFENCE_HOOK(capable, 4),
	NSFENCE_HOOK(locked_down, 1),
	NSFENCE_HOOK(file_open, 1),
	NSFENCE_HOOK(file_permission, 2),
	NSFENCE_HOOK(path_mknod, 4),
	NSFENCE_HOOK(fs_context_parse_param, 2),
	NSFENCE_HOOK(sb_kern_mount, 1),
	NSFENCE_HOOK(socket_bind, 3),
	NSFENCE_HOOK(socket_setsockopt, 3),
};

/**
 * nsfence_hooks_format() - comma-separated list of the hooks
 * @buf: where to write
 * @size: size of @buf
 *
 * Return: the length written, without the final NUL.
 */
size_t nsfence_hooks_format(char *buf, size_t size)
{
	size_t len = 0;
	unsigned int i;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < NSFENCE_HOOKS_COUNT; i++)
		len += scnprintf(buf + len, size - len, "%s%s", i ? "," : "",
				 nsfence_hooks[i].name);
	return len;
}
