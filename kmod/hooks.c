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

#include <linux/bpf.h>
#include <linux/btrfs.h>
#include <linux/capability.h>
#include <linux/cryptouser.h>
#include <linux/fsnotify_backend.h>
#include <linux/ioctl.h>
#include <linux/kdev_t.h>
#include <linux/perf_event.h>
#include <linux/quota.h>
#include <linux/ptrace.h>
#include <linux/syslog.h>
#include <linux/tty.h>
#include <linux/kernel.h>
#include <linux/magic.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/nsproxy.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "fence.h"
#include "hooks.h"
#include "bpfload.h"
#include "cgroups.h"
#include "knobs.h"
#include "netns.h"
#include "origin.h"
#include "policy.h"
#include "report.h"
#include "scope.h"
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
 * parent fence denies.  @culprit_key, when not NULL, is set to the
 * namespace of the fence named in the report.
 */
static int hook_decide(const struct user_namespace *user_ns,
		       const struct hook_request *req,
		       const void **culprit_key)
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
	if (verdict.denied && culprit_key)
		*culprit_key = verdict.culprit->key;
	rcu_read_unlock();
	return verdict.denied ? -EPERM : 0;
}

static int hook_check(const struct user_namespace *user_ns,
		      const struct hook_request *req)
{
	return hook_decide(user_ns, req, NULL);
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

	struct hook_request helper_req = req;

	/* Ownership is only worth computing for a task that may be fenced. */
	if (nsfence_ns_initial(cred->user_ns, nsfence_current_pid_ns()))
		return 0;
	if (nsfence_sysctl_owned(file, cred))
		return 0;
	/* core_pattern, modprobe, ...: whoever sets them runs as host root. */
	if (nsfence_sysctl_runs_helper(file)) {
		helper_req.class = NSFENCE_CLASS_SELF;
		return hook_check(cred->user_ns, &helper_req);
	}
	return hook_check(cred->user_ns, &req);
}

/*
 * Changes to pseudo files outside /proc/sys (see knobs.c): @path for a
 * chmod or chown of it, @dir and @dentry for an entry made or removed.
 */
static int hook_knob_change(const struct path *path, const struct path *dir,
			    const struct dentry *dentry)
{
	const struct user_namespace *user_ns = current_user_ns();
	struct hook_request req = {
		.object = { .kind = NSFENCE_OBJ_DENTRY, .dentry = dentry },
	};

	if (!nsfence_knob_fs(dentry->d_sb))
		return 0;
	if (nsfence_ns_initial(user_ns, nsfence_current_pid_ns()))
		return 0;
	req.class = path ? nsfence_knob_class(path) :
			   nsfence_knob_dir_class(dir);
	if (req.class == NSFENCE_CLASS_NONE)
		return 0;
	return hook_check(user_ns, &req);
}

/* Writes to pseudo files outside /proc/sys: see knobs.c. */
static int hook_knob_write(struct file *file)
{
	const struct user_namespace *user_ns = current_user_ns();
	struct hook_request req = {
		.object = { .kind = NSFENCE_OBJ_FILE, .file = file },
	};

	if (!nsfence_knob_fs(file_inode(file)->i_sb) ||
	    S_ISDIR(file_inode(file)->i_mode))
		return 0;
	if (nsfence_ns_initial(user_ns, nsfence_current_pid_ns()))
		return 0;
	req.class = nsfence_knob_class(&file->f_path);
	if (req.class == NSFENCE_CLASS_NONE)
		return 0;
	return hook_check(user_ns, &req);
}

static int hook_device(const struct nsfence_dev_request *dev)
{
	struct hook_request req = {
		.class = NSFENCE_CLASS_DEVICES,
		.dev = dev,
		.object = { .kind = NSFENCE_OBJ_DEVICE, .dev = dev },
	};

	if (nsfence_policy_dev_base_allowed(dev))
		return 0;
	if (nsfence_policy_dev_loads_kernel(dev)) {
		req.class = NSFENCE_CLASS_SELF;
		req.dev = NULL;
	}
	return hook_check(current_user_ns(), &req);
}

/*
 * A kernel thread acting for a fenced task (see origin.c): denied, and
 * counted against the fence when it still exists.
 */
static int hook_kthread_module_request(char *kmod_name)
{
	const struct nsfence_object object = {
		.kind = NSFENCE_OBJ_NAME, .name = kmod_name,
	};
	const struct nsfence_fence *fence;
	const void *key;

	if (!nsfence_origin_match(kmod_name, &key))
		return 0;
	rcu_read_lock();
	fence = nsfence_fence_find(key);
	if (fence) {
		nsfence_report_fence_hit(fence, NSFENCE_CLASS_MODULES, true);
		nsfence_report(NSFENCE_CLASS_MODULES, true, fence, &object,
			       false);
	}
	rcu_read_unlock();
	return -EPERM;
}

/**
 * nsfence_hook_kernel_module_request() - module auto-load
 * @kmod_name: the module alias about to be requested
 *
 * Runs in the requesting task before modprobe is spawned: the load itself
 * later runs with the initial credentials, so this is the place to deny.
 * A denied crypto request is remembered, so that the crypto manager's
 * kernel thread, which goes on to load its parts, is denied too.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_kernel_module_request(char *kmod_name)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_MODULES,
		.object = { .kind = NSFENCE_OBJ_NAME, .name = kmod_name },
	};
	const void *key = NULL;
	int err;

	if (!nsfence_maybe_fenced())
		return 0;
	if (current->flags & PF_KTHREAD)
		return hook_kthread_module_request(kmod_name);
	err = hook_decide(current_user_ns(), &req, &key);
	if (err && key)
		nsfence_origin_record(kmod_name, key);
	return err;
}

/**
 * nsfence_hook_kernel_load_data() - init_module(2) and kexec_load(2)
 * @id: what is being loaded
 * @contents: ignored: the load is denied before its contents matter
 *
 * Code of the task's choosing into the kernel: self-protection, whatever
 * the fence's classes (with the modules class, the CAP_SYS_MODULE check
 * before it already denies init_module).
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_kernel_load_data(enum kernel_load_data_id id, bool contents)
{
	struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
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
 * Self-protection, as nsfence_hook_kernel_load_data().
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_kernel_read_file(struct file *file,
				  enum kernel_read_file_id id, bool contents)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
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

/*
 * A capability asked in the initial user namespace of a task of that
 * namespace (a rootful container's) that has it: the checks below judge
 * only those.  A user namespace's root is refused such a capability by
 * the capability LSM anyway, and a check the kernel refuses anyway is
 * none of nsfence's business.
 */
static bool host_cap_held(const struct cred *cred,
			  const struct user_namespace *ns, int cap)
{
	return ns == &init_user_ns && cred->user_ns == &init_user_ns &&
	       cap_raised(cred->cap_effective, cap);
}

/*
 * Capabilities that act on the host whenever they are asked in the
 * initial user namespace, which is where a rootful container's are:
 *
 * CAP_DAC_READ_SEARCH lets open_by_handle_at(2) open any inode of a host
 * filesystem from a file handle, outside every mount the container was
 * given (the "shocker" escape).  It is judged only in that system call
 * (told apart as in compat.h): elsewhere the kernel asks for it on the
 * task's behalf too (overlayfs copy-up with its mounter's credentials,
 * reads the mode bits refuse), and those stay as they are.
 *
 * CAP_SYS_TIME sets the host's clocks (settimeofday, clock_settime,
 * adjtimex, RTC): time namespaces only offset two clocks, at creation.
 *
 * Asked only of a task that has the capability: a check the kernel
 * refuses anyway is none of nsfence's business.  The price, in the
 * threat model: the offsets of a rootful container's own time namespace.
 */
static int hook_capable_host(const struct cred *cred,
			     const struct user_namespace *ns, int cap,
			     unsigned int opts)
{
	struct hook_request req = {
		.object = { .kind = NSFENCE_OBJ_CAP, .cap = cap },
		.quiet = opts & CAP_OPT_NOAUDIT,
	};

	if (!host_cap_held(cred, ns, cap))
		return 0;
	if (cap == CAP_DAC_READ_SEARCH) {
		if (!nsfence_syscall_opens_by_handle())
			return 0;
		req.class = NSFENCE_CLASS_SELF;
	} else {
		req.class = NSFENCE_CLASS_SYSCTL;
	}
	return hook_check(cred->user_ns, &req);
}

/*
 * sethostname(2) and setdomainname(2) in the host's uts namespace: the
 * syscall twins of kernel.hostname and kernel.domainname, which have no
 * hook of their own (see compat.h).  Their CAP_SYS_ADMIN check is asked
 * in the uts namespace's owner: the initial user namespace, for a
 * rootful container that shares the host's uts namespace.
 */
static int hook_capable_uts_name(const struct cred *cred,
				 const struct user_namespace *ns,
				 unsigned int opts)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME, .name = "host uts name" },
		.quiet = opts & CAP_OPT_NOAUDIT,
	};
	const struct nsproxy *nsproxy = current->nsproxy;

	if (!host_cap_held(cred, ns, CAP_SYS_ADMIN) ||
	    !nsproxy || nsproxy->uts_ns != &init_uts_ns)
		return 0;
	if (!nsfence_syscall_sets_uts_name())
		return 0;
	return hook_check(cred->user_ns, &req);
}

/*
 * What the BPF verifier gives a program loaded with CAP_PERFMON (or
 * CAP_SYS_ADMIN standing in for it): the helpers that hand out kernel
 * pointers to any program type (bpf_get_current_task_btf(), the
 * bpf_skc_to_*() casts), loads through them that
 * 6.12 trusts and does not rewrite into probe loads, kernel addresses
 * stored into maps, and no Spectre v1 masking.  A fenced task's program
 * is verified as if its loader had neither: asked only in
 * bpf(BPF_PROG_LOAD) (told apart as in compat.h) and only of a task that
 * has the capability.  CAP_SYS_ADMIN asked before the verifier stands in
 * for CAP_BPF (may it load at all) and is left alone (bpfload.c); the
 * verifier's own CAP_BPF question is answered no, like its CAP_PERFMON
 * one, for a task that has no CAP_BPF.  Quiet: the verifier asks for
 * every program, and a program that needs none of this loads as before.
 */
static int hook_capable_bpf_load(const struct cred *cred,
				 const struct user_namespace *ns, int cap)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_CAP, .cap = cap },
		.quiet = true,
	};

	if (!host_cap_held(cred, ns, cap))
		return 0;
	if (!nsfence_syscall_loads_bpf_prog())
		return 0;
	/* Standing in for CAP_BPF or CAP_NET_ADMIN: see bpfload.c. */
	if (cap == CAP_SYS_ADMIN && nsfence_bpfload_before_verifier())
		return 0;
	return hook_check(cred->user_ns, &req);
}

/*
 * swapon(2) and swapoff(2) have no hook either; their CAP_SYS_ADMIN check
 * is asked in the initial user namespace whatever the task's namespaces.
 * The swap areas are the host's: the memory of every process on the
 * host goes to a swap file that a container chose, where it reads it.
 */
static int hook_capable_swap(const struct cred *cred,
			     const struct user_namespace *ns,
			     unsigned int opts)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME, .name = "swap area" },
		.quiet = opts & CAP_OPT_NOAUDIT,
	};

	if (!host_cap_held(cred, ns, CAP_SYS_ADMIN))
		return 0;
	if (!nsfence_syscall_swaps())
		return 0;
	return hook_check(cred->user_ns, &req);
}

/*
 * A rootful container that shares the host's network namespace (docker
 * --network=host) configures the host's network with CAP_NET_ADMIN:
 * addresses, routes, firewall rules, interfaces.  Asked in the owner of
 * the network namespace, the initial user namespace, like the
 * CAP_NET_ADMIN of a container's own network namespace: the two are told
 * apart by the task's network namespace.  Also refused there: the socket
 * options that ask for CAP_NET_ADMIN (SO_RCVBUFFORCE, SO_SNDBUFFORCE;
 * SO_MARK and IP_TRANSPARENT when CAP_NET_RAW, asked first, is missing),
 * which the kernel checks the same way.  The doors to the host's
 * namespace that a task in a namespace of its own has (a socket kept from
 * before it moved, rtnetlink attributes naming the host's) are closed
 * where the socket is seen: hook_host_socket() and netns.c.
 */
static int hook_capable_host_net(const struct cred *cred,
				 const struct user_namespace *ns,
				 unsigned int opts)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME, .name = "host network" },
		.quiet = opts & CAP_OPT_NOAUDIT,
	};
	const struct nsproxy *nsproxy = current->nsproxy;

	if (!host_cap_held(cred, ns, CAP_NET_ADMIN))
		return 0;
	if (!nsproxy || nsproxy->net_ns != &init_net)
		return 0;
	return hook_check(cred->user_ns, &req);
}

/**
 * nsfence_hook_capable() - CAP_SYS_MODULE and host-only capabilities
 * @cred: the credentials being checked
 * @ns: the namespace the capability is asked in; a module fence follows
 *	the task, not the target namespace
 * @cap: the capability
 * @opts: %CAP_OPT_NOAUDIT silences the report
 *
 * Called for every capability check in the system: anything but
 * CAP_SYS_MODULE (init_module(2), delete_module(2)), CAP_DAC_READ_SEARCH
 * (open_by_handle_at(2)), CAP_SYS_TIME, CAP_PERFMON (the BPF verifier),
 * CAP_SYS_ADMIN (the verifier, swapon(2), sethostname(2) in the host's
 * uts namespace) and CAP_NET_ADMIN (the host's network namespace) leaves
 * at the first instructions.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_capable(const struct cred *cred, struct user_namespace *ns,
			 int cap, unsigned int opts)
{
	struct hook_request req = {
		.class = NSFENCE_CLASS_MODULES,
		.object = { .kind = NSFENCE_OBJ_CAP, .cap = cap },
		.quiet = opts & CAP_OPT_NOAUDIT,
	};
	int err;

	switch (cap) {
	case CAP_SYS_MODULE:
		if (!nsfence_maybe_fenced())
			return 0;
		/*
		 * delete_module(2) with O_TRUNC unloads even a module that
		 * LOCK pinned: nsfence itself.  Self-protection.
		 */
		if (nsfence_syscall_deletes_module())
			req.class = NSFENCE_CLASS_SELF;
		return hook_check(cred->user_ns, &req);
	case CAP_DAC_READ_SEARCH:
	case CAP_SYS_TIME:
		if (!nsfence_maybe_fenced())
			return 0;
		return hook_capable_host(cred, ns, cap, opts);
	case CAP_PERFMON:
		if (!nsfence_maybe_fenced())
			return 0;
		return hook_capable_bpf_load(cred, ns, cap);
	case CAP_SYS_ADMIN:
		if (!nsfence_maybe_fenced())
			return 0;
		err = hook_capable_bpf_load(cred, ns, cap);
		if (!err)
			err = hook_capable_swap(cred, ns, opts);
		if (err)
			return err;
		return hook_capable_uts_name(cred, ns, opts);
	case CAP_NET_ADMIN:
		if (!nsfence_maybe_fenced())
			return 0;
		return hook_capable_host_net(cred, ns, opts);
	default:
		return 0;
	}
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
 * nsfence_hook_file_open() - device nodes, sysctls and other knobs
 * @file: the file being opened
 *
 * At open time a device node still has the generic f_op, so the inode's
 * type and i_rdev tell what it is.  Sysctl and other pseudo files are
 * checked when opened for writing; nsfence_hook_file_permission() catches
 * the rest.
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
	if (!(file->f_mode & FMODE_WRITE))
		return 0;
	if (nsfence_sysctl_file(file))
		return hook_sysctl_write(file);
	return hook_knob_write(file);
}

/**
 * nsfence_hook_file_permission() - writes to sysctl and other knob files
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
	if (!(mask & MAY_WRITE))
		return 0;
	if (nsfence_sysctl_file(file))
		return hook_sysctl_write(file);
	return hook_knob_write(file);
}

/**
 * nsfence_hook_path_mknod() - creating device nodes and other files
 * @dir: the directory: a device node is judged by what it gives access
 *	to, any other file by where it is made (an efivarfs variable)
 * @dentry: the new entry
 * @mode: type and permissions of the new node
 * @dev: device number, as userspace encoded it
 *
 * Also called for open(O_CREAT) of a regular file.
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
		return hook_knob_change(NULL, dir, dentry);
	return hook_device(&req);
}

/*
 * cgroup v1 takes the program it runs as host root when a cgroup empties
 * as a mount option too (and on remount).
 */
static int hook_release_agent_param(void)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "cgroup release_agent" },
	};

	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_path_mkdir() - directories of configfs objects
 * @dir: the parent directory
 * @dentry: the new entry
 * @mode: ignored
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_mkdir(const struct path *dir, struct dentry *dentry,
			    umode_t mode)
{
	if (!nsfence_maybe_fenced())
		return 0;
	return hook_knob_change(NULL, dir, dentry);
}

/**
 * nsfence_hook_path_rmdir() - removing configfs objects
 * @dir: the parent directory
 * @dentry: the entry
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_rmdir(const struct path *dir, struct dentry *dentry)
{
	if (!nsfence_maybe_fenced())
		return 0;
	return hook_knob_change(NULL, dir, dentry);
}

/**
 * nsfence_hook_path_unlink() - removing efivarfs variables
 * @dir: the parent directory
 * @dentry: the entry
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_unlink(const struct path *dir, struct dentry *dentry)
{
	if (!nsfence_maybe_fenced())
		return 0;
	return hook_knob_change(NULL, dir, dentry);
}

/**
 * nsfence_hook_path_rename() - moving pinned BPF objects
 * @old_dir: the directory of the entry
 * @old_dentry: the entry
 * @new_dir: the directory it moves to
 * @new_dentry: the entry it replaces, or a negative one
 * @flags: ignored
 *
 * Renaming over a pin in bpffs unpins the object it held (a host BPF
 * link is detached when that was its last reference).
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_rename(const struct path *old_dir,
			     struct dentry *old_dentry,
			     const struct path *new_dir,
			     struct dentry *new_dentry, unsigned int flags)
{
	int err;

	if (!nsfence_maybe_fenced())
		return 0;
	err = hook_knob_change(NULL, old_dir, old_dentry);
	if (err)
		return err;
	return hook_knob_change(NULL, new_dir, new_dentry);
}

/**
 * nsfence_hook_path_symlink() - links between configfs objects
 * @dir: the parent directory
 * @dentry: the new entry
 * @old_name: ignored
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_symlink(const struct path *dir, struct dentry *dentry,
			      const char *old_name)
{
	if (!nsfence_maybe_fenced())
		return 0;
	return hook_knob_change(NULL, dir, dentry);
}

/**
 * nsfence_hook_path_chmod() - modes of pseudo files
 * @path: the file
 * @mode: ignored: any new mode of a global knob is a global change
 *
 * sysfs and procfs keep a mode set on their entries: a host knob made
 * writable for everyone is a host knob given away.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_chmod(const struct path *path, umode_t mode)
{
	if (!nsfence_maybe_fenced())
		return 0;
	return hook_knob_change(path, NULL, path->dentry);
}

/**
 * nsfence_hook_path_chown() - owners of pseudo files
 * @path: the file
 * @uid: ignored
 * @gid: ignored
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_chown(const struct path *path, kuid_t uid, kgid_t gid)
{
	if (!nsfence_maybe_fenced())
		return 0;
	return hook_knob_change(path, NULL, path->dentry);
}

/**
 * nsfence_hook_path_notify() - fanotify marks on a whole filesystem
 * @path: a path of the filesystem
 * @mask: ignored
 * @obj_type: %FSNOTIFY_OBJ_TYPE_SB for a filesystem mark
 *
 * A filesystem mark reports every access to every file of it, with a
 * file descriptor opened for the listener (read-write if it asks): one
 * path of a host filesystem in the container (a bind-mounted
 * /etc/hosts) would open every host file.  A filesystem of the task's own
 * user namespace stays markable; inode and mount marks only see what the
 * task reaches already.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_path_notify(const struct path *path, u64 mask,
			     unsigned int obj_type)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "fanotify filesystem mark" },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (obj_type != FSNOTIFY_OBJ_TYPE_SB ||
	    nsfence_scope_user_ns(path->dentry->d_sb->s_user_ns))
		return 0;
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_fs_context_parse_param() - block-device mounts, early
 * @fc: the filesystem context
 * @param: the parameter being parsed
 *
 * Both mount(2) and fsconfig(2) pass the "source" through here before any
 * device is opened or any superblock parsed.  The device is still a
 * string, so device exceptions cannot apply: mounting a block-device
 * filesystem is always denied to a fence with the devices class.  The
 * "release_agent" option of cgroup v1 is self-protection.
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
	if (!fc->fs_type || !param->key)
		return -ENOPARAM;
	if (!strcmp(param->key, "release_agent") &&
	    !strcmp(fc->fs_type->name, "cgroup"))
		return hook_release_agent_param() ?: -ENOPARAM;
	if (!(fc->fs_type->fs_flags & FS_REQUIRES_DEV) ||
	    strcmp(param->key, "source"))
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

/*
 * A socket of the host's network namespace, used from a namespace of the
 * task's own by a task with CAP_NET_ADMIN in the initial user namespace
 * (a rootful container that opened it before unshare(CLONE_NEWNET), or
 * inside a setns(2) to the host's): the kernel checks CAP_NET_ADMIN in
 * the socket's namespace, which hook_capable_host_net() cannot tell from
 * the task's own.  Judged wherever the socket configures its namespace:
 * netlink messages, the socket ioctls that do (SIOCSIF*, SIOCADDRT,
 * SIOCGSKNS, which gives a descriptor of the namespace), the socket
 * options of netfilter and multicast routing (netns.c).  The rest sets
 * the socket's own state: a socket passed in by the host's systemd
 * (socket activation) keeps working.
 */
static int hook_host_socket(const struct sock *sk)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "host network socket" },
	};

	if (!host_cap_held(current_cred(), &init_user_ns, CAP_NET_ADMIN) ||
	    !nsfence_netns_kept_host_socket(sk))
		return 0;
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
 * initial one.  Netfilter and multicast routing options of a socket of
 * the host's network namespace kept in another one (hook_host_socket()).
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_socket_setsockopt(struct socket *sock, int level, int optname)
{
	int err;

	if (!nsfence_maybe_fenced())
		return 0;
	if (nsfence_netns_sockopt_configures(level, optname)) {
		err = hook_host_socket(sock->sk);
		if (err)
			return err;
	}
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
 * crypto_user (NETLINK_CRYPTO) is in every network namespace, and asks
 * CAP_NET_ADMIN in the initial user namespace of whoever changes the
 * kernel's algorithms: their priorities (which implementation every host
 * user of an algorithm gets), new template instances, deletions.  A
 * rootful container has it, from a network namespace of its own too.
 * Reading them (CRYPTO_MSG_GETALG, GETSTAT) is left alone.
 */
static bool crypto_user_changes(const struct sk_buff *skb)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)skb->data;
	int rem = skb->len;

	for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem))
		if (nlh->nlmsg_type != CRYPTO_MSG_GETALG &&
		    nlh->nlmsg_type != CRYPTO_MSG_GETSTAT)
			return true;
	return false;
}

static int hook_crypto_user(const struct sk_buff *skb)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME, .name = "crypto_user" },
	};

	if (!host_cap_held(current_cred(), &init_user_ns, CAP_NET_ADMIN) ||
	    !crypto_user_changes(skb))
		return 0;
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_netlink_send() - netlink requests to the host's network
 * @sk: the sending socket
 * @skb: the messages, already copied from userspace
 *
 * A socket of the host's namespace used from another one
 * (hook_host_socket()), and rtnetlink attributes that name the host's
 * namespace from a socket of another one (netns.c): the latter whatever
 * the task's capabilities, since a veth pair's peer is created where its
 * attributes say with no capability check of the kernel's own.  And
 * changes to the kernel's crypto algorithms (hook_crypto_user()).
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_netlink_send(struct sock *sk, struct sk_buff *skb)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "host network namespace" },
	};
	int err;

	if (!nsfence_maybe_fenced())
		return 0;
	err = hook_host_socket(sk);
	if (err)
		return err;
	if (sk->sk_protocol == NETLINK_CRYPTO)
		return hook_crypto_user(skb);
	if (sk->sk_protocol != NETLINK_ROUTE ||
	    !nsfence_netns_rtnl_names_host(sk, skb))
		return 0;
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_syslog() - syslog(2) and /proc/kmsg
 * @type: the SYSLOG_ACTION_* number
 *
 * The kernel log's read position, its contents and the console's level
 * are global: a fenced task may read the log, not consume or change it.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_syslog(int type)
{
	const struct hook_request req = {
		.class = nsfence_policy_syslog_class(type),
		.object = { .kind = NSFENCE_OBJ_NAME, .name = "syslog" },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (req.class == NSFENCE_CLASS_NONE)
		return 0;
	return hook_check(current_user_ns(), &req);
}

/*
 * The quotactl(2) commands that change quotas; the others read them (and
 * the kernel lets anyone read their own).
 */
static bool quota_changes(int cmd)
{
	switch (cmd) {
	case Q_QUOTAON:
	case Q_QUOTAOFF:
	case Q_SETINFO:
	case Q_SETQUOTA:
	case Q_XQUOTAON:
	case Q_XQUOTAOFF:
	case Q_XQUOTARM:
	case Q_XSETQLIM:
		return true;
	default:
		return false;
	}
}

/**
 * nsfence_hook_quotactl() - disk quotas of host file systems
 * @cmds: the quotactl(2) command, without its type
 * @type: ignored: user, group or project quotas alike
 * @id: ignored
 * @sb: ignored: see below
 *
 * Quota changes ask CAP_SYS_ADMIN in the initial user namespace
 * (fs/quota/quota.c: check_quotactl_permission()), which a rootful
 * container has: it would turn quotas on or off on a host file system,
 * or set the limits of host users, through any path or descriptor of
 * that file system it holds (a bind-mounted /etc/hosts is on the host's
 * /var).  Whose a superblock is cannot be told for a rootful container
 * (its own mounts are in the initial user namespace too), so every
 * change is refused; a quota on a file system the container made itself
 * is a false denial.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_quotactl(int cmds, int type, int id,
			  NSFENCE_QUOTACTL_CONST struct super_block *sb)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME, .name = "quota" },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (!quota_changes(cmds) ||
	    !host_cap_held(current_cred(), &init_user_ns, CAP_SYS_ADMIN))
		return 0;
	return hook_check(current_user_ns(), &req);
}

/*
 * TIOCSTI types into a tty and TIOCLINUX pastes the console selection
 * into one: into a host root shell, that is host-root code, so it is
 * self-protection.  TIOCCONS sends the system console's output to the
 * task's tty: a global setting.
 */
static int hook_tty_ioctl(unsigned int cmd)
{
	struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME },
	};

	switch (cmd) {
	case TIOCSTI:
		req.object.name = "ioctl TIOCSTI";
		break;
	case TIOCLINUX:
		req.object.name = "ioctl TIOCLINUX";
		break;
	case TIOCCONS:
		req.object.name = "ioctl TIOCCONS";
		req.class = NSFENCE_CLASS_SYSCTL;
		break;
	default:
		return 0;
	}
	return hook_check(current_user_ns(), &req);
}

/*
 * XFS's own open-by-handle ioctls (XFS_IOC_OPEN_BY_HANDLE and the other
 * *_BY_HANDLE ones, 'X' 106-108 and 122-123) ask only for CAP_SYS_ADMIN:
 * with XFS_IOC_FSBULKSTAT listing every inode, the same escape as
 * open_by_handle_at(2).  'X' 119-121 are the generic FIFREEZE, FITHAW
 * and FITRIM.
 */
static bool xfs_by_handle(const struct file *file, unsigned int cmd)
{
	if (_IOC_TYPE(cmd) != 'X' ||
	    file_inode(file)->i_sb->s_magic != XFS_SUPER_MAGIC)
		return false;
	switch (_IOC_NR(cmd)) {
	case 106 ... 108:
	case 122 ... 123:
		return true;
	default:
		return false;
	}
}

/*
 * BTRFS_IOC_TREE_SEARCH and _V2 (nr 17 of both) ask only for
 * CAP_SYS_ADMIN and return the filesystem's items, the inline data of
 * small files among them: any file of a host btrfs.
 */
static bool btrfs_tree_search(const struct file *file, unsigned int cmd)
{
	return _IOC_TYPE(cmd) == BTRFS_IOCTL_MAGIC && _IOC_NR(cmd) == 17 &&
	       file_inode(file)->i_sb->s_magic == BTRFS_SUPER_MAGIC;
}

static int hook_ioctl(struct file *file, unsigned int cmd)
{
	struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (S_ISSOCK(file_inode(file)->i_mode)) {
		const struct socket *sock = sock_from_file(file);

		if (!sock || !nsfence_netns_sock_ioctl_configures(cmd))
			return 0;
		return hook_host_socket(sock->sk);
	}
	if (xfs_by_handle(file, cmd))
		req.object.name = "ioctl XFS by handle";
	else if (btrfs_tree_search(file, cmd))
		req.object.name = "ioctl btrfs tree search";
	else
		return hook_tty_ioctl(cmd);
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_file_ioctl() - ioctls that reach beyond the file
 * @file: the file
 * @cmd: the ioctl
 * @arg: ignored
 *
 * Typing into a terminal (see hook_tty_ioctl()), XFS's open by handle,
 * btrfs's tree search, a socket of the host's network namespace used from
 * another one (hook_host_socket()).
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_file_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	return hook_ioctl(file, cmd);
}

/**
 * nsfence_hook_file_ioctl_compat() - the same for 32-bit callers
 * @file: the file
 * @cmd: the ioctl
 * @arg: ignored
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_file_ioctl_compat(struct file *file, unsigned int cmd,
				   unsigned long arg)
{
	return hook_ioctl(file, cmd);
}

/**
 * nsfence_hook_bpf() - tracing BPF programs
 * @cmd: the bpf(2) command
 * @attr: its attributes, already copied from userspace
 * @size: their size
 *
 * Loading a tracing program is denied; what a program of an allowed type
 * may call (bpf_probe_read_kernel, bpf_probe_write_user) is judged by the
 * verifier through security_locked_down().  Program, map, link and BTF
 * ids are global: walking them or opening an object by id reaches the
 * host's (a BPF LSM link to detach, an agent's map to rewrite).  So do
 * pinned objects, when the host's bpffs is mounted in (a privileged
 * container given /sys): getting one, and pinning one where a host agent
 * would take it for its own.  Which bpffs instance a path is in cannot
 * be told here without resolving the path a second time, so both are
 * denied in every instance (knobs.c denies the other changes to bpffs).
 * Flow dissector and socket lookup programs attach to the network
 * namespace a descriptor names: not to the host's.  Programs of a cgroup
 * outside the container's are the host's (cgroups.c).
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_bpf(int cmd, union bpf_attr *attr, unsigned int size)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "bpf tracing program" },
	};
	const struct hook_request req_by_id = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "bpf object by id" },
	};
	const struct hook_request req_pinned = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "bpf pinned object" },
	};
	const struct hook_request req_host_net = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "host network namespace" },
	};
	const struct hook_request req_host_cgroup = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "bpf on a host cgroup" },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (cmd == BPF_PROG_LOAD)
		nsfence_bpfload_begin();
	if (cmd == BPF_OBJ_GET || cmd == BPF_OBJ_PIN)
		return hook_check(current_user_ns(), &req_pinned);
	if (cmd == BPF_PROG_LOAD &&
	    nsfence_policy_bpf_prog_sees_kernel(attr->prog_type))
		return hook_check(current_user_ns(), &req);
	if (nsfence_policy_bpf_cmd_by_id(cmd))
		return hook_check(current_user_ns(), &req_by_id);
	if (cmd == BPF_LINK_CREATE &&
	    (attr->link_create.attach_type == BPF_FLOW_DISSECTOR ||
	     attr->link_create.attach_type == BPF_SK_LOOKUP) &&
	    nsfence_netns_fd_is_host(attr->link_create.target_fd))
		return hook_check(current_user_ns(), &req_host_net);
	if (((cmd == BPF_PROG_ATTACH || cmd == BPF_PROG_DETACH) &&
	     nsfence_cgroup_fd_class(attr->target_fd) != NSFENCE_CLASS_NONE) ||
	    (cmd == BPF_LINK_CREATE &&
	     nsfence_cgroup_fd_class(attr->link_create.target_fd) !=
	     NSFENCE_CLASS_NONE))
		return hook_check(current_user_ns(), &req_host_cgroup);
	return 0;
}

/**
 * nsfence_hook_bpf_prog() - a file descriptor for a BPF program
 * @prog: the program
 *
 * Every new descriptor of a program: at load (after the verifier), and
 * from a pinned path in bpffs or from a program id.  A tracing program
 * that the host pinned is as much out of a fenced task's reach as one it
 * would load.  A program of any other type is denied too when it reads
 * memory through a pointer the verifier could not check (a kernel object
 * reached from bpf_get_current_task_btf(), bpf_rdonly_cast(), ...).
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_bpf_prog(struct bpf_prog *prog)
{
	struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "bpf tracing program" },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (nsfence_policy_bpf_prog_sees_kernel(prog->type))
		return hook_check(current_user_ns(), &req);
	if (!nsfence_policy_bpf_reads_kernel(prog->insnsi, prog->len))
		return 0;
	req.object.name = "bpf program reading kernel memory";
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_bpf_prog_load() - a new BPF program, before the verifier
 *
 * Marks the end of the loader's capability checks (bpfload.c).  Its
 * arguments differ across kernel versions (compat.h); none is needed.
 *
 * Return: 0.
 */
int nsfence_hook_bpf_prog_load(void)
{
	if (nsfence_maybe_fenced())
		nsfence_bpfload_verifying();
	return 0;
}

/**
 * nsfence_hook_perf_event_open() - system-wide and kernel perf events
 * @type: PERF_SECURITY_*
 *
 * Counting the task's own user-space work stays allowed; watching every
 * CPU, the kernel or its tracepoints sees other tasks and kernel memory.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_perf_event_open(int type)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "perf system-wide or kernel event" },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (type != PERF_SECURITY_CPU && type != PERF_SECURITY_KERNEL &&
	    type != PERF_SECURITY_TRACEPOINT)
		return 0;
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_task_alloc() - clone3(2) into another cgroup
 * @task: the new task, not running yet
 * @clone_flags: the flags of clone(2) or clone3(2)
 *
 * CLONE_INTO_CGROUP of a rootful task in the host's cgroup namespace: it
 * moves a child to any host cgroup the kernel's mode bits allow, the root
 * one included, past the cgroup.procs writes that cgroups.c judges (see
 * nsfence_cgroup_clone_into_judged()).  A user-namespaced task is left to
 * those mode bits: rootless Podman's crun starts containers this way in
 * the cgroups delegated to its user.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_task_alloc(struct task_struct *task,
			    unsigned long clone_flags)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SYSCTL,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "clone into a host cgroup" },
	};

	if (!nsfence_maybe_fenced())
		return 0;
	if (!((u64)clone_flags & CLONE_INTO_CGROUP) ||
	    current_user_ns() != &init_user_ns ||
	    !nsfence_cgroup_clone_into_judged())
		return 0;
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_ptrace_access_check() - processes outside the fence
 * @child: the task being accessed
 * @mode: the access; only its %PTRACE_MODE_NOAUDIT bit matters: reading
 *	a host process's memory or namespaces is as bad as writing it
 *
 * Every ptrace_may_access(): ptrace attach, /proc/PID/mem and environ,
 * the /proc/PID/ns links, process_vm_readv/writev, pidfd_getfd, kcmp.
 * A fenced task reaches a process outside its own namespaces through a
 * host /proc mounted into the container.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_ptrace_access_check(struct task_struct *child,
				     unsigned int mode)
{
	const struct hook_request req = {
		.class = NSFENCE_CLASS_SELF,
		.object = { .kind = NSFENCE_OBJ_NAME,
			    .name = "process outside the fence" },
		/* ps and top over a host /proc: counted, not reported. */
		.quiet = mode & PTRACE_MODE_NOAUDIT,
	};
	bool inside;

	if (!nsfence_maybe_fenced())
		return 0;
	if (nsfence_ns_initial(current_user_ns(), nsfence_current_pid_ns()))
		return 0;
	rcu_read_lock();
	inside = nsfence_scope_task(child);
	rcu_read_unlock();
	if (inside)
		return 0;
	return hook_check(current_user_ns(), &req);
}

/**
 * nsfence_hook_task_kill() - signals to processes outside the fence
 * @p: the target
 * @info: ignored
 * @sig: ignored: even signal 0 probes for a host process
 * @cred: the sender's credentials for an asynchronous signal (SIGIO of
 *	a file, USB), else NULL: only a task's own kill is judged
 *
 * From its own pid namespace a fenced task names only processes of that
 * namespace or below, and the kernel refuses a signal through a host
 * /proc/PID directory across pid namespaces.  What is left: a process
 * that joined the container's pid namespace from the host with host
 * credentials, which an identity-mapped root may signal by uid.
 *
 * Return: 0 or -EPERM.
 */
int nsfence_hook_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			   int sig, const struct cred *cred)
{
	if (cred)
		return 0;
	return nsfence_hook_ptrace_access_check(p, 0);
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

static int call_path_mkdir(const unsigned long *args)
{
	return nsfence_hook_path_mkdir((const struct path *)args[0],
				       (struct dentry *)args[1],
				       (umode_t)args[2]);
}

static int call_path_rmdir(const unsigned long *args)
{
	return nsfence_hook_path_rmdir((const struct path *)args[0],
				       (struct dentry *)args[1]);
}

static int call_path_unlink(const unsigned long *args)
{
	return nsfence_hook_path_unlink((const struct path *)args[0],
					(struct dentry *)args[1]);
}

static int call_path_rename(const unsigned long *args)
{
	return nsfence_hook_path_rename((const struct path *)args[0],
					(struct dentry *)args[1],
					(const struct path *)args[2],
					(struct dentry *)args[3],
					(unsigned int)args[4]);
}

static int call_path_symlink(const unsigned long *args)
{
	return nsfence_hook_path_symlink((const struct path *)args[0],
					 (struct dentry *)args[1],
					 (const char *)args[2]);
}

static int call_path_chmod(const unsigned long *args)
{
	return nsfence_hook_path_chmod((const struct path *)args[0],
				       (umode_t)args[1]);
}

static int call_path_chown(const unsigned long *args)
{
	return nsfence_hook_path_chown((const struct path *)args[0],
				       KUIDT_INIT((uid_t)args[1]),
				       KGIDT_INIT((gid_t)args[2]));
}

static int call_path_notify(const unsigned long *args)
{
	return nsfence_hook_path_notify((const struct path *)args[0],
					(u64)args[1], (unsigned int)args[2]);
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

static int call_netlink_send(const unsigned long *args)
{
	return nsfence_hook_netlink_send((struct sock *)args[0],
					 (struct sk_buff *)args[1]);
}

static int call_syslog(const unsigned long *args)
{
	return nsfence_hook_syslog((int)args[0]);
}

static int call_quotactl(const unsigned long *args)
{
	return nsfence_hook_quotactl((int)args[0], (int)args[1], (int)args[2],
				     (struct super_block *)args[3]);
}

static int call_file_ioctl(const unsigned long *args)
{
	return nsfence_hook_file_ioctl((struct file *)args[0],
				       (unsigned int)args[1], args[2]);
}

static int call_file_ioctl_compat(const unsigned long *args)
{
	return nsfence_hook_file_ioctl_compat((struct file *)args[0],
					      (unsigned int)args[1], args[2]);
}

#ifdef CONFIG_BPF_SYSCALL
static int call_bpf(const unsigned long *args)
{
	return nsfence_hook_bpf((int)args[0], (union bpf_attr *)args[1],
				(unsigned int)args[2]);
}

static int call_bpf_prog(const unsigned long *args)
{
	return nsfence_hook_bpf_prog((struct bpf_prog *)args[0]);
}

static int call_bpf_prog_load(const unsigned long *args)
{
	return nsfence_hook_bpf_prog_load();
}
#endif

#ifdef CONFIG_PERF_EVENTS
static int call_perf_event_open(const unsigned long *args)
{
	return nsfence_hook_perf_event_open((int)args[NSFENCE_PERF_OPEN_TYPE_ARG]);
}
#endif

static int call_task_alloc(const unsigned long *args)
{
	return nsfence_hook_task_alloc((struct task_struct *)args[0], args[1]);
}

static int call_task_kill(const unsigned long *args)
{
	return nsfence_hook_task_kill((struct task_struct *)args[0],
				      (struct kernel_siginfo *)args[1],
				      (int)args[2], (const struct cred *)args[3]);
}

static int call_ptrace_access_check(const unsigned long *args)
{
	return nsfence_hook_ptrace_access_check((struct task_struct *)args[0],
						(unsigned int)args[1]);
}

#define NSFENCE_HOOK_AT(hook, fn, n) {			\
	.name = #hook,					\
	.target = #fn,					\
	.nargs = (n),					\
	.call = call_##hook,				\
}

#define NSFENCE_HOOK(hook, n) NSFENCE_HOOK_AT(hook, security_##hook, n)

/*
 * The order is the order of attachment and of the STATUS hook list.  The
 * size comes from the initialisers: a count other than NSFENCE_HOOKS_COUNT
 * conflicts with the declaration in hooks.h.
 */
const struct nsfence_hook nsfence_hooks[] = {
	NSFENCE_HOOK(kernel_module_request, 1),
	NSFENCE_HOOK(kernel_load_data, 2),
	NSFENCE_HOOK(kernel_read_file, 3),
	NSFENCE_HOOK(capable, 4),
	NSFENCE_HOOK(locked_down, 1),
	NSFENCE_HOOK(file_open, 1),
	NSFENCE_HOOK(file_permission, 2),
	NSFENCE_HOOK(path_mknod, 4),
	NSFENCE_HOOK(path_mkdir, 3),
	NSFENCE_HOOK(path_rmdir, 2),
	NSFENCE_HOOK(path_unlink, 2),
	NSFENCE_HOOK(path_rename, 5),
	NSFENCE_HOOK(path_symlink, 3),
	NSFENCE_HOOK(path_chmod, 2),
	NSFENCE_HOOK(path_chown, 3),
	NSFENCE_HOOK(path_notify, 3),
	NSFENCE_HOOK(fs_context_parse_param, 2),
	NSFENCE_HOOK(sb_kern_mount, 1),
	NSFENCE_HOOK(socket_bind, 3),
	NSFENCE_HOOK(socket_setsockopt, 3),
	NSFENCE_HOOK(netlink_send, 2),
	NSFENCE_HOOK(syslog, 1),
	NSFENCE_HOOK(quotactl, 4),
	NSFENCE_HOOK(file_ioctl, 3),
	NSFENCE_HOOK(file_ioctl_compat, 3),
#ifdef CONFIG_BPF_SYSCALL
	NSFENCE_HOOK(bpf, 3),
	NSFENCE_HOOK(bpf_prog, 1),
	{
		.name = NSFENCE_BPF_PROG_LOAD_NAME,
		.target = NSFENCE_BPF_PROG_LOAD_TARGET,
		.nargs = NSFENCE_BPF_PROG_LOAD_NARGS,
		.call = call_bpf_prog_load,
	},
#endif
#ifdef CONFIG_PERF_EVENTS
	NSFENCE_HOOK(perf_event_open, NSFENCE_PERF_OPEN_NARGS),
#endif
	NSFENCE_HOOK(ptrace_access_check, 2),
	NSFENCE_HOOK(task_kill, 4),
	NSFENCE_HOOK(task_alloc, 2),
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
