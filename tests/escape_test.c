// SPDX-License-Identifier: GPL-2.0
/*
 * Host-root escapes a privileged container tries first, and the rules of
 * nsfence that close them:
 *
 *   programs the kernel runs as host root: a cgroup v1 release_agent, a
 *     binfmt_misc interpreter, the usermode-helper sysctls (core_pattern,
 *     modprobe...: self-protection, denied by every fence whatever its
 *     classes and mode);
 *   reading or writing the kernel and other processes: tracing BPF, the
 *     BPF helpers that read kernel or write user memory, system-wide and
 *     kernel perf events, ptrace access to processes outside the fence;
 *   global knobs outside /proc/sys: module parameters and the other sysfs
 *     attributes not of the container's own network namespace,
 *     /proc/sysrq-trigger, the syslog(2) actions that change the log,
 *     securityfs;
 *   terminals: /dev/console, TIOCSTI and TIOCLINUX;
 *   a module a kernel thread loads for a fenced task (the crypto manager
 *     instantiating "hmac(md4)").
 *
 * Each escape runs, fenced, in the container kinds it applies to (rootful;
 * rootful in the host's network namespace; user namespace), and the same
 * body runs in an unfenced container of the same kind: the control, which
 * shows that the escape works on this kernel without nsfence.  What a
 * control changes in the host (a release agent, a binfmt_misc entry, the
 * console log level, the md4 module) is undone before its case ends: the
 * other test programs run in the same VM.
 *
 *   host (the case: its own mount namespace, unfenced)
 *    `-- container: new pid/mnt/net/uts/ipc [+user] ns, fenced (or not)
 *        before the body runs; it sees the host's /proc, /sys and /dev
 */
#define _GNU_SOURCE
#include "bpfprog.h"
#include "container.h"
#include "files.h"
#include "ktap.h"

#include <fcntl.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>

/* A body's exit status for "this kernel cannot do that": the case skips. */
#define BODY_SKIP 77

/* Mount points, made on the host's /tmp (a tmpfs) and removed after use. */
#define MNT_TEMPLATE "/tmp/nsfence-escape-XXXXXX"

/* syslog(2) actions (include/linux/syslog.h). */
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

#define PRINTK_SYSCTL "/proc/sys/kernel/printk"
#define MODULE_PARAM "module/printk/parameters/time"
/* Not tx_queue_len: its store wants CAP_NET_ADMIN in the initial namespace. */
#define LO_MTU "class/net/lo/mtu"
#define LOCKDOWN "/sys/kernel/security/lockdown"
#define SECURITYFS_LSM "/sys/kernel/security/lsm"
#define LEGACY_TIOCSTI "/proc/sys/dev/tty/legacy_tiocsti"

static const struct container_opts rootful = { .kind = CONTAINER_ROOTFUL, .fence = true };
static const struct container_opts rootful_host_net = {
	.kind = CONTAINER_ROOTFUL, .fence = true, .share_net = true,
};
static const struct container_opts userns = { .kind = CONTAINER_USERNS, .fence = true };
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };
static const struct container_opts unfenced_host_net = {
	.kind = CONTAINER_ROOTFUL, .share_net = true,
};
static const struct container_opts unfenced_userns = { .kind = CONTAINER_USERNS };

/* ------------------------------------------------------------------------
 * Mounts
 */

/*
 * A mount namespace of the caller's own, every mount private: what is
 * mounted next is neither seen by the VM's namespace nor propagated to it.
 */
static void own_mounts(void)
{
	ASSERT_OK(unshare(CLONE_NEWNS));
	ASSERT_OK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
}

/* @dir: a MNT_TEMPLATE buffer, made into a fresh directory. */
static void make_mountpoint(char *dir)
{
	ASSERT_TRUE(mkdtemp(dir));
}

static void remove_mountpoint(const char *dir)
{
	ASSERT_OK(umount2(dir, MNT_DETACH));
	ASSERT_OK(rmdir(dir));
}

/* ------------------------------------------------------------------------
 * BPF: programs that call the helpers in question (bpfprog.h loads them)
 */

/* bpf_probe_read_kernel[_str](fp - 8, 8, NULL); r0 = 0; exit */
#define PROG_READ_KERNEL(helper) {			\
	INSN_MOV64_REG(BPF_REG_1, BPF_REG_10),		\
	INSN_ADD64_IMM(BPF_REG_1, -8),			\
	INSN_MOV64_IMM(BPF_REG_2, 8),			\
	INSN_MOV64_IMM(BPF_REG_3, 0),			\
	INSN_CALL(helper),				\
	INSN_MOV64_IMM(BPF_REG_0, 0),			\
	INSN_EXIT(),					\
}

static const struct bpf_insn prog_read_kernel[] =
	PROG_READ_KERNEL(BPF_FUNC_probe_read_kernel);
static const struct bpf_insn prog_read_kernel_str[] =
	PROG_READ_KERNEL(BPF_FUNC_probe_read_kernel_str);

/* *(u64 *)(fp - 8) = 0; bpf_probe_write_user(NULL, fp - 8, 8); r0 = 0; exit */
static const struct bpf_insn prog_write_user[] = {
	INSN_ST_DW(BPF_REG_10, -8, 0),
	INSN_MOV64_IMM(BPF_REG_1, 0),
	INSN_MOV64_REG(BPF_REG_2, BPF_REG_10),
	INSN_ADD64_IMM(BPF_REG_2, -8),
	INSN_MOV64_IMM(BPF_REG_3, 8),
	INSN_CALL(BPF_FUNC_probe_write_user),
	INSN_MOV64_IMM(BPF_REG_0, 0),
	INSN_EXIT(),
};

#define PROG(type, insns) (type), (insns), KTAP_COUNT(insns)

/* ------------------------------------------------------------------------
 * perf_event_open
 */

/* A software cpu-clock counter; @user_only excludes kernel and hypervisor. */
static int perf_open(pid_t pid, int cpu, bool user_only)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.disabled = 1,
		.exclude_kernel = user_only,
		.exclude_hv = user_only,
	};

	return syscall(SYS_perf_event_open, &attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

/* A per-task, user-only tracepoint counter sampling raw trace data. */
static int perf_open_tracepoint(__u64 id)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.config = id,
		.sample_period = 1,
		.sample_type = PERF_SAMPLE_RAW,
		.disabled = 1,
		.exclude_kernel = 1,
		.exclude_hv = 1,
	};

	return syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

/* perf_open...() must give an fd (@expected 0) or fail with @expected. */
#define EXPECT_PERF(expected, call) do {				\
	int _fd;							\
	if (expected) {							\
		ASSERT_ERRNO(expected, call);				\
	} else {							\
		_fd = ASSERT_OK(call);					\
		close(_fd);						\
	}								\
} while (0)

/* ------------------------------------------------------------------------
 * 1. cgroup v1 release_agent: a program the kernel runs as host root when
 *    a cgroup of the hierarchy empties (notify_on_release).
 */

/* "none,name=nsfence<suffix><tag>[,release_agent=<agent>]" */
static void cgroup_v1_opts(char *buf, size_t len, const char *dir, char tag,
			   const char *agent)
{
	snprintf(buf, len, "none,name=nsfence%s%c%s%s", strrchr(dir, '-') + 1, tag,
		 agent ? ",release_agent=" : "", agent ? agent : "");
}

static int body_release_agent(void *arg)
{
	int fenced = *(int *)arg;
	char dir[] = MNT_TEMPLATE, opts[128], path[128], value[64];

	own_mounts();
	make_mountpoint(dir);
	/* Mounting a named hierarchy is allowed, fenced or not. */
	cgroup_v1_opts(opts, sizeof(opts), dir, 'a', NULL);
	ASSERT_OK(mount("cgroup", dir, "cgroup", 0, opts));
	snprintf(path, sizeof(path), "%s/release_agent", dir);
	if (fenced) {
		ASSERT_EQ(EPERM, write_text(path, "/nsfence-agent\n"));
	} else {
		ASSERT_EQ(0, write_text(path, "/nsfence-agent\n"));
		read_value(path, value, sizeof(value));
		ASSERT_EQ(0, strcmp("/nsfence-agent\n", value));
		ASSERT_EQ(0, write_text(path, "\n"));
	}
	/* notify_on_release is the cgroup's own: it stays writable. */
	snprintf(path, sizeof(path), "%s/notify_on_release", dir);
	expect_rewrite(path, 0);
	ASSERT_OK(umount(dir));

	/* The same as a mount option, on a new hierarchy. */
	cgroup_v1_opts(opts, sizeof(opts), dir, 'b', "/nsfence-agent");
	snprintf(path, sizeof(path), "%s/release_agent", dir);
	if (fenced) {
		ASSERT_ERRNO(EPERM, mount("cgroup", dir, "cgroup", 0, opts));
	} else {
		ASSERT_OK(mount("cgroup", dir, "cgroup", 0, opts));
		read_value(path, value, sizeof(value));
		ASSERT_EQ(0, strcmp("/nsfence-agent\n", value));
		ASSERT_EQ(0, write_text(path, "\n"));
		ASSERT_OK(umount(dir));
	}
	ASSERT_OK(rmdir(dir));
	return 0;
}

static void release_agent_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_release_agent, &fenced));
}

static void release_agent_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_release_agent, &fenced));
}

struct release_agent_args {
	char host_dir[sizeof(MNT_TEMPLATE)];	/* a hierarchy of the host */
	char name[32];				/* its name */
};

static int body_release_agent_userns(void *arg)
{
	const struct release_agent_args *a = arg;
	char dir[] = MNT_TEMPLATE, opts[128], path[128];
	int err;

	/* The host's hierarchy, as the container inherited its mount. */
	snprintf(path, sizeof(path), "%s/release_agent", a->host_dir);
	err = write_text(path, "/nsfence-agent\n");
	ASSERT_NE(0, err);
	ktap_print("release_agent write: %s", strerror(err));

	/*
	 * Mounted again from a cgroup namespace of its own (only the initial
	 * one may create a hierarchy), with the agent as a mount option.
	 */
	own_mounts();
	ASSERT_OK(unshare(CLONE_NEWCGROUP));
	make_mountpoint(dir);
	snprintf(opts, sizeof(opts), "none,name=%s,release_agent=/nsfence-agent", a->name);
	ASSERT_EQ(-1, mount("cgroup", dir, "cgroup", 0, opts));
	ktap_print("release_agent mount option: %s", strerror(errno));
	ASSERT_OK(rmdir(dir));
	return 0;
}

/*
 * Documentation: in a user namespace the kernel itself refuses a release
 * agent (it needs CAP_SYS_ADMIN in the initial one), fenced or not.
 */
static void release_agent_refused_userns(void)
{
	struct release_agent_args a = { .host_dir = MNT_TEMPLATE };
	char opts[64];
	int ret;

	own_mounts();
	make_mountpoint(a.host_dir);
	snprintf(a.name, sizeof(a.name), "nsfence%d", getpid());
	snprintf(opts, sizeof(opts), "none,name=%s", a.name);
	ASSERT_OK(mount("cgroup", a.host_dir, "cgroup", 0, opts));
	ret = container_run(&userns, body_release_agent_userns, &a);
	if (!ret)
		ret = container_run(&unfenced_userns, body_release_agent_userns, &a);
	remove_mountpoint(a.host_dir);
	ASSERT_EQ(0, ret);
}

/* ------------------------------------------------------------------------
 * 2. binfmt_misc: an interpreter the kernel runs, as the caller, for every
 *    matching file; disabling or removing the host's entries.
 */

struct binfmt_args {
	int fenced;
	char host_dir[sizeof(MNT_TEMPLATE)];	/* the initial instance */
	char entry[32];		/* what the container registers */
	char host_entry[32];	/* registered by the host */
};

static void require_binfmt_misc(void)
{
	if (!file_has("/proc/filesystems", "binfmt_misc") &&
	    system("/sbin/modprobe -q binfmt_misc"))
		ktap_print("modprobe binfmt_misc failed");
	if (!file_has("/proc/filesystems", "binfmt_misc"))
		ktap_skip("no binfmt_misc in this kernel");
}

/* Registers @name (extension "nsfx", interpreter /bin/true): 0 or errno. */
static int binfmt_register(const char *dir, const char *name)
{
	char path[128], rule[128];

	snprintf(path, sizeof(path), "%s/register", dir);
	snprintf(rule, sizeof(rule), ":%s:E::nsfx::/bin/true:\n", name);
	return write_text(path, rule);
}

/* Writes @cmd ("0" disable, "1" enable, "-1" remove) to an entry. */
static int binfmt_entry_write(const char *dir, const char *name, const char *cmd)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return write_text(path, cmd);
}

static bool binfmt_has(const char *dir, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* Writes the status ("1" enabled, "0" disabled) back: 0 or errno. */
static int binfmt_rewrite_status(const char *dir)
{
	char path[128], value[32];

	snprintf(path, sizeof(path), "%s/status", dir);
	read_value(path, value, sizeof(value));
	return write_text(path, strncmp(value, "enabled", 7) ? "0\n" : "1\n");
}

/*
 * The escape on the binfmt_misc instance mounted at @dir: register an
 * entry, write the status, disable an entry of the host.
 */
static void binfmt_escape(const char *dir, const struct binfmt_args *a)
{
	char path[128], value[128];

	snprintf(path, sizeof(path), "%s/%s", dir, a->host_entry);
	if (a->fenced) {
		ASSERT_EQ(EPERM, binfmt_register(dir, a->entry));
		ASSERT_TRUE(!binfmt_has(dir, a->entry));
		ASSERT_EQ(EPERM, binfmt_rewrite_status(dir));
		ASSERT_EQ(EPERM, binfmt_entry_write(dir, a->host_entry, "0\n"));
		read_value(path, value, sizeof(value));
		ASSERT_EQ(0, strncmp("enabled", value, 7));
	} else {
		ASSERT_EQ(0, binfmt_register(dir, a->entry));
		ASSERT_TRUE(binfmt_has(dir, a->entry));
		ASSERT_EQ(0, binfmt_entry_write(dir, a->entry, "-1\n"));
		ASSERT_TRUE(!binfmt_has(dir, a->entry));
		ASSERT_EQ(0, binfmt_rewrite_status(dir));
		ASSERT_EQ(0, binfmt_entry_write(dir, a->host_entry, "0\n"));
		read_value(path, value, sizeof(value));
		ASSERT_EQ(0, strncmp("disabled", value, 8));
	}
}

/* Rootful: a binfmt_misc mount of its own is the initial instance. */
static int body_binfmt_rootful(void *arg)
{
	const struct binfmt_args *a = arg;
	char dir[] = MNT_TEMPLATE;

	own_mounts();
	make_mountpoint(dir);
	ASSERT_OK(mount("binfmt_misc", dir, "binfmt_misc", 0, NULL));
	binfmt_escape(dir, a);
	remove_mountpoint(dir);
	return 0;
}

/* User namespace: the host's instance, mounted where the container sees it. */
static int body_binfmt_host_instance(void *arg)
{
	const struct binfmt_args *a = arg;

	binfmt_escape(a->host_dir, a);
	return 0;
}

/*
 * Mounts the initial instance in the case's own mount namespace (the
 * container inherits it), registers a host entry, runs @body, and removes
 * whatever was registered, whatever the body did.
 */
static void binfmt_case(const struct container_opts *o, int (*body)(void *), int fenced)
{
	struct binfmt_args a = { .fenced = fenced, .host_dir = MNT_TEMPLATE };
	int ret;

	require_binfmt_misc();
	own_mounts();
	make_mountpoint(a.host_dir);
	ASSERT_OK(mount("binfmt_misc", a.host_dir, "binfmt_misc", 0, NULL));
	snprintf(a.entry, sizeof(a.entry), "nsfence%dc", getpid());
	snprintf(a.host_entry, sizeof(a.host_entry), "nsfence%dh", getpid());
	ASSERT_EQ(0, binfmt_register(a.host_dir, a.host_entry));
	ret = container_run(o, body, &a);
	if (binfmt_has(a.host_dir, a.entry))
		binfmt_entry_write(a.host_dir, a.entry, "-1\n");
	ASSERT_EQ(0, binfmt_entry_write(a.host_dir, a.host_entry, "-1\n"));
	remove_mountpoint(a.host_dir);
	ASSERT_EQ(0, ret);
}

static void binfmt_misc_denied_rootful(void)
{
	binfmt_case(&rootful, body_binfmt_rootful, 1);
}

static void binfmt_misc_allowed_unfenced(void)
{
	binfmt_case(&unfenced, body_binfmt_rootful, 0);
}

static void binfmt_misc_host_instance_denied_userns(void)
{
	binfmt_case(&userns, body_binfmt_host_instance, 1);
}

static void binfmt_misc_host_instance_allowed_unfenced_userns(void)
{
	binfmt_case(&unfenced_userns, body_binfmt_host_instance, 0);
}

static int body_binfmt_own_instance(void *arg)
{
	const struct binfmt_args *a = arg;
	char dir[] = MNT_TEMPLATE;

	own_mounts();
	make_mountpoint(dir);
	if (mount("binfmt_misc", dir, "binfmt_misc", 0, NULL)) {
		ktap_print("mount binfmt_misc: %s", strerror(errno));
		ASSERT_OK(rmdir(dir));
		return BODY_SKIP;
	}
	ASSERT_EQ(0, binfmt_register(dir, a->entry));
	ASSERT_TRUE(binfmt_has(dir, a->entry));
	ASSERT_EQ(0, binfmt_rewrite_status(dir));
	ASSERT_EQ(0, binfmt_entry_write(dir, a->entry, "-1\n"));
	ASSERT_TRUE(!binfmt_has(dir, a->entry));
	remove_mountpoint(dir);
	return 0;
}

/* A user namespace's own binfmt_misc instance (6.7+) stays its own. */
static void binfmt_misc_own_instance_allowed_userns(void)
{
	struct binfmt_args a = { .fenced = 1 };
	int ret;

	require_binfmt_misc();
	snprintf(a.entry, sizeof(a.entry), "nsfence%dc", getpid());
	ret = container_run(&userns, body_binfmt_own_instance, &a);
	if (ret == BODY_SKIP)
		ktap_skip("binfmt_misc has no user-namespace instances before 6.7");
	ASSERT_EQ(0, ret);
}

/* ------------------------------------------------------------------------
 * 3. Usermode-helper sysctls (self-protection): core_pattern and the
 *    other programs the kernel runs as host root.  Denied by every fence,
 *    whatever its classes and mode.
 */

/*
 * @init_caps: writing also needs CAP_SETPCAP and CAP_SYS_MODULE in the
 * initial user namespace (the kernel refuses a user namespace anyway).
 */
static const struct {
	const char *path;
	bool init_caps;
} helper_sysctls[] = {
	{ "/proc/sys/kernel/core_pattern", false },
	{ "/proc/sys/kernel/modprobe", false },
	{ "/proc/sys/kernel/poweroff_cmd", false },
	{ "/proc/sys/kernel/hotplug", false },
	{ "/proc/sys/kernel/usermodehelper/bset", true },
	{ "/proc/sys/kernel/usermodehelper/inheritable", true },
};

struct helper_args {
	int fenced;
	int userns;
};

static int body_helper_sysctls(void *arg)
{
	const struct helper_args *a = arg;
	const char *path;
	size_t i;

	for (i = 0; i < KTAP_COUNT(helper_sysctls); i++) {
		path = helper_sysctls[i].path;
		if (access(path, F_OK)) {
			ktap_print("%s: not in this kernel", path);
			continue;
		}
		if (a->userns && helper_sysctls[i].init_caps)
			ASSERT_NE(0, rewrite(path));
		else
			expect_rewrite(path, a->fenced ? EPERM : 0);
	}
	/* core_pattern and modprobe are in every kernel of the matrix. */
	ASSERT_OK(access(helper_sysctls[0].path, F_OK));
	ASSERT_OK(access(helper_sysctls[1].path, F_OK));
	return 0;
}

/* @o fences without the sysctl class: the denials are self-protection. */
static void helper_sysctls_denied(const struct container_opts *o)
{
	struct helper_args a = { .fenced = 1, .userns = o->kind == CONTAINER_USERNS };
	struct nsfence_counters before, after;

	ASSERT_EQ(0, counters_get(&before));
	ASSERT_EQ(0, container_run(o, body_helper_sysctls, &a));
	ASSERT_EQ(0, counters_get(&after));
	ASSERT_LE(after.denied[NSFENCE_CLASS_SELF] - 2, before.denied[NSFENCE_CLASS_SELF]);
}

static void helper_sysctls_denied_modules_devices(void)
{
	struct container_opts o = rootful;

	o.classes = (1U << NSFENCE_CLASS_MODULES) | (1U << NSFENCE_CLASS_DEVICES);
	helper_sysctls_denied(&o);
}

/* Audit mode lets the classes through, never self-protection. */
static void helper_sysctls_denied_audit(void)
{
	struct container_opts o = rootful;

	o.audit = true;
	helper_sysctls_denied(&o);
}

static void helper_sysctls_denied_no_class(void)
{
	struct container_opts o = rootful;

	o.no_classes = true;
	helper_sysctls_denied(&o);
}

/* An identity-mapped root passes the sysctls' DAC checks. */
static void helper_sysctls_denied_no_class_userns(void)
{
	struct container_opts o = userns;

	o.no_classes = true;
	helper_sysctls_denied(&o);
}

static void helper_sysctls_allowed_unfenced(void)
{
	struct helper_args a = { .fenced = 0 };

	ASSERT_EQ(0, container_run(&unfenced, body_helper_sysctls, &a));
}

static void helper_sysctls_allowed_unfenced_userns(void)
{
	struct helper_args a = { .fenced = 0, .userns = 1 };

	ASSERT_EQ(0, container_run(&unfenced_userns, body_helper_sysctls, &a));
}

/* ------------------------------------------------------------------------
 * 4. BPF: tracing programs see (and write) all of the kernel's memory; the
 *    helpers bpf_probe_read_kernel and bpf_probe_write_user are lockdown
 *    reasons.  A user namespace cannot load BPF at all
 *    (kernel.unprivileged_bpf_disabled): rootful only.
 */

static int body_bpf_tracing(void *arg)
{
	int fenced = *(int *)arg;

	bpf_expect_load("raw_tracepoint r0 = 0",
		    PROG(BPF_PROG_TYPE_RAW_TRACEPOINT, bpf_prog_return0), fenced ? EPERM : 0);
	/* Namespaced BPF keeps working in the fence. */
	bpf_expect_load("socket_filter r0 = 0",
		    PROG(BPF_PROG_TYPE_SOCKET_FILTER, bpf_prog_return0), 0);
	return 0;
}

static void bpf_tracing_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_bpf_tracing, &fenced));
}

static void bpf_tracing_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_bpf_tracing, &fenced));
}

static const struct {
	const char *what;
	const struct bpf_insn *insns;
	unsigned int count;
} read_kernel_progs[] = {
	{ "socket_filter bpf_probe_read_kernel",
	  prog_read_kernel, KTAP_COUNT(prog_read_kernel) },
	{ "socket_filter bpf_probe_read_kernel_str",
	  prog_read_kernel_str, KTAP_COUNT(prog_read_kernel_str) },
};

static int body_bpf_read_kernel(void *arg)
{
	int fenced = *(int *)arg, fd;
	size_t i;

	for (i = 0; i < KTAP_COUNT(read_kernel_progs); i++) {
		if (fenced) {
			bpf_expect_load(read_kernel_progs[i].what, BPF_PROG_TYPE_SOCKET_FILTER,
				    read_kernel_progs[i].insns, read_kernel_progs[i].count, -1);
			continue;
		}
		fd = bpf_load(BPF_PROG_TYPE_SOCKET_FILTER, read_kernel_progs[i].insns,
			      read_kernel_progs[i].count);
		if (fd < 0) {
			ktap_print("%s: %s", read_kernel_progs[i].what, strerror(errno));
			bpf_print_log();
			return BODY_SKIP;
		}
		close(fd);
	}
	/* The same program type without the helper loads. */
	bpf_expect_load("socket_filter r0 = 0",
		    PROG(BPF_PROG_TYPE_SOCKET_FILTER, bpf_prog_return0), 0);
	return 0;
}

/* A socket filter, allowed in the fence, cannot read kernel memory. */
static void bpf_read_kernel_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_bpf_read_kernel, &fenced));
}

static void bpf_read_kernel_allowed_unfenced(void)
{
	int fenced = 0, ret;

	ret = container_run(&unfenced, body_bpf_read_kernel, &fenced);
	if (ret == BODY_SKIP)
		ktap_skip("this kernel offers socket filters no bpf_probe_read_kernel");
	ASSERT_EQ(0, ret);
}

static int body_bpf_write_user(void *arg)
{
	int fenced = *(int *)arg;

	bpf_expect_load("raw_tracepoint bpf_probe_write_user",
		    PROG(BPF_PROG_TYPE_RAW_TRACEPOINT, prog_write_user), fenced ? -1 : 0);
	return 0;
}

static void bpf_write_user_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_bpf_write_user, &fenced));
}

static void bpf_write_user_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_bpf_write_user, &fenced));
}

/* ------------------------------------------------------------------------
 * 5. perf_event_open: system-wide and kernel-mode counters, raw trace data.
 */

static int body_perf(void *arg)
{
	int fenced = *(int *)arg, deny = fenced ? EPERM : 0;

	/* cpu-wide (PERF_SECURITY_CPU, and PERF_SECURITY_KERNEL). */
	EXPECT_PERF(deny, perf_open(-1, 0, false));
	/* cpu-wide, user mode only: PERF_SECURITY_CPU alone. */
	EXPECT_PERF(deny, perf_open(-1, 0, true));
	/* Its own task, kernel mode counted: PERF_SECURITY_KERNEL. */
	EXPECT_PERF(deny, perf_open(0, -1, false));
	/* Its own task, user mode only: allowed everywhere. */
	EXPECT_PERF(0, perf_open(0, -1, true));
	return 0;
}

static void perf_system_wide_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_perf, &fenced));
}

static void perf_system_wide_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_perf, &fenced));
}

struct tracepoint_args {
	int fenced;
	__u64 id;
};

static int body_perf_tracepoint(void *arg)
{
	const struct tracepoint_args *a = arg;

	/* Raw samples of a tracepoint: PERF_SECURITY_TRACEPOINT. */
	EXPECT_PERF(a->fenced ? EPERM : 0, perf_open_tracepoint(a->id));
	return 0;
}

static void perf_tracepoint(const struct container_opts *o, int fenced)
{
	static const char *const paths[] = {
		"/sys/kernel/tracing/events/sched/sched_switch/id",
		"/sys/kernel/debug/tracing/events/sched/sched_switch/id",
	};
	struct tracepoint_args a = { .fenced = fenced };
	char value[32] = "";
	size_t i;

	for (i = 0; i < KTAP_COUNT(paths) && !value[0]; i++)
		if (!access(paths[i], R_OK))
			read_value(paths[i], value, sizeof(value));
	if (!value[0])
		ktap_skip("no tracefs with sched:sched_switch");
	a.id = strtoull(value, NULL, 10);
	ASSERT_EQ(0, container_run(o, body_perf_tracepoint, &a));
}

static void perf_tracepoint_raw_denied_rootful(void)
{
	perf_tracepoint(&rootful, 1);
}

static void perf_tracepoint_raw_allowed_unfenced(void)
{
	perf_tracepoint(&unfenced, 0);
}

/* ------------------------------------------------------------------------
 * 6. Processes outside the fence: ptrace_may_access() through the host's
 *    /proc (the container sees it).  A new pid namespace cannot name a
 *    host pid in ptrace(), process_vm_readv(), pidfd_open() or kcmp():
 *    /proc is the way in.
 */

struct process_args {
	int denied;
	pid_t pid;	/* in the initial pid namespace */
};

/* ptrace access refused: EPERM from the hook, or EACCES from /proc. */
static void expect_ptrace_denied(const char *what, int err)
{
	if (err != EPERM && err != EACCES)
		ktap_fail(__FILE__, __LINE__, "%s: expected EPERM or EACCES, got %s",
			  what, err ? strerror(err) : "success");
}

/* Opens @proc/@pid/environ and mem, reads its mount namespace link. */
static void access_process(const char *proc, pid_t pid, bool denied)
{
	char path[128], link[64];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%d/environ", proc, pid);
	if (denied)
		expect_ptrace_denied(path, try_open(path, O_RDONLY));
	else
		ASSERT_EQ(0, try_open(path, O_RDONLY));
	snprintf(path, sizeof(path), "%s/%d/mem", proc, pid);
	if (denied)
		expect_ptrace_denied(path, try_open(path, O_RDONLY));
	else
		ASSERT_EQ(0, try_open(path, O_RDONLY));
	snprintf(path, sizeof(path), "%s/%d/ns/mnt", proc, pid);
	n = readlink(path, link, sizeof(link));
	if (denied) {
		ASSERT_EQ(-1, n);
		expect_ptrace_denied(path, errno);
	} else {
		ASSERT_NE(-1, n);
	}
}

static int body_host_process(void *arg)
{
	const struct process_args *a = arg;

	access_process("/proc", a->pid, a->denied);
	return 0;
}

static void host_process(const struct container_opts *o, int denied)
{
	struct process_args a = { .denied = denied };
	int ret;

	a.pid = host_sleeper();
	ret = container_run(o, body_host_process, &a);
	host_sleeper_stop(a.pid);
	ASSERT_EQ(0, ret);
}

static void host_process_denied_rootful(void) { host_process(&rootful, 1); }
static void host_process_allowed_unfenced(void) { host_process(&unfenced, 0); }

/*
 * Documentation: from a user namespace the kernel itself refuses (the
 * capability check of ptrace wants the target in the caller's user
 * namespace or below), fenced or not.
 */
static void host_process_refused_userns(void)
{
	host_process(&userns, 1);
	host_process(&unfenced_userns, 1);
}

static int body_own_process(void *arg)
{
	char dir[] = MNT_TEMPLATE;
	pid_t child;

	(void)arg;
	/* A proc of its own pid namespace, where its child has a number. */
	own_mounts();
	make_mountpoint(dir);
	ASSERT_OK(mount("proc", dir, "proc", 0, NULL));
	child = ASSERT_OK(fork());
	if (child == 0) {
		pause();
		_exit(0);
	}
	access_process(dir, child, false);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	remove_mountpoint(dir);
	return 0;
}

/* Processes inside the fence stay reachable. */
static void own_process_allowed_rootful(void)
{
	ASSERT_EQ(0, container_run(&rootful, body_own_process, NULL));
}

static void own_process_allowed_userns(void)
{
	ASSERT_EQ(0, container_run(&userns, body_own_process, NULL));
}

/* ------------------------------------------------------------------------
 * 7. syslog(2): changing the console log level, switching the console,
 *    clearing the log.  Reading the whole log stays allowed (dmesg).
 *    Needs CAP_SYSLOG in the initial user namespace: rootful only.
 */

/* kernel.printk: console, default, minimum console, boot default level. */
static int printk_level(int field)
{
	int levels[4] = { 0 };
	char value[64];

	read_value(PRINTK_SYSCTL, value, sizeof(value));
	ASSERT_EQ(4, sscanf(value, "%d %d %d %d", &levels[0], &levels[1],
			    &levels[2], &levels[3]));
	return levels[field];
}

static int console_loglevel(void)
{
	return printk_level(0);
}

static int minimum_console_loglevel(void)
{
	return printk_level(2);
}

static int body_syslog(void *arg)
{
	int fenced = *(int *)arg, old = console_loglevel();
	int level = old == 7 ? 6 : 7;
	char buf[4096];

	if (fenced) {
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, level));
		ASSERT_EQ(old, console_loglevel());
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0));
		ASSERT_EQ(old, console_loglevel());
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0));
		/*
		 * Reached only when the fence holds: the log is the VM
		 * runner's, which searches it after every program.
		 */
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_CLEAR, NULL, 0));
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_READ_CLEAR, buf, sizeof(buf)));
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_READ, buf, sizeof(buf)));
		ASSERT_EQ(EPERM, try_open("/proc/kmsg", O_RDONLY));
	} else {
		ASSERT_EQ(0, klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, level));
		ASSERT_EQ(level, console_loglevel());
		ASSERT_EQ(0, klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0));
		ASSERT_EQ(minimum_console_loglevel(), console_loglevel());
		ASSERT_EQ(0, klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0));
		ASSERT_EQ(level, console_loglevel());
		ASSERT_EQ(0, try_open("/proc/kmsg", O_RDONLY));
	}
	/* dmesg stays. */
	ASSERT_OK(klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf)));
	ASSERT_OK(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0));
	ASSERT_OK(klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0));
	return 0;
}

/* Runs the body, then writes kernel.printk back, whatever it did. */
static void syslog_case(const struct container_opts *o, int fenced)
{
	char printk[64];
	int ret;

	read_value(PRINTK_SYSCTL, printk, sizeof(printk));
	ret = container_run(o, body_syslog, &fenced);
	ASSERT_EQ(0, write_text(PRINTK_SYSCTL, printk));
	ASSERT_EQ(0, ret);
}

static void syslog_denied_rootful(void) { syslog_case(&rootful, 1); }
static void syslog_allowed_unfenced(void) { syslog_case(&unfenced, 0); }

/* ------------------------------------------------------------------------
 * 8. /proc/sysrq-trigger: reboot, crash, OOM-kill the host.  Opened for
 *    write only; nothing is ever written.
 */

static int body_sysrq(void *arg)
{
	int expected = *(int *)arg ? EPERM : 0;

	ASSERT_EQ(expected, try_open("/proc/sysrq-trigger", O_WRONLY));
	return 0;
}

static void sysrq_trigger_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_sysrq, &fenced));
}

/* An identity-mapped root passes the file's DAC check. */
static void sysrq_trigger_denied_userns(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&userns, body_sysrq, &fenced));
}

static void sysrq_trigger_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_sysrq, &fenced));
}

static void sysrq_trigger_allowed_unfenced_userns(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced_userns, body_sysrq, &fenced));
}

/* ------------------------------------------------------------------------
 * 9. sysfs: module parameters are the host's; the attributes of the
 *    container's own network namespace stay its own.  Every write puts
 *    the current value back.
 */

struct sysfs_args {
	int fenced;
	int own_netns;	/* lo of /sys is not the host's */
};

static int body_sysfs(void *arg)
{
	const struct sysfs_args *a = arg;
	int deny = a->fenced ? EPERM : 0;
	char dir[] = MNT_TEMPLATE, path[128];

	/* The host's /sys. */
	expect_rewrite("/sys/" MODULE_PARAM, deny);
	if (!a->own_netns)
		expect_rewrite("/sys/" LO_MTU, deny);

	/* A sysfs of its own: it shows its network namespace's devices. */
	own_mounts();
	make_mountpoint(dir);
	ASSERT_OK(mount("sysfs", dir, "sysfs", 0, NULL));
	snprintf(path, sizeof(path), "%s/" MODULE_PARAM, dir);
	expect_rewrite(path, deny);
	snprintf(path, sizeof(path), "%s/" LO_MTU, dir);
	expect_rewrite(path, a->own_netns ? 0 : deny);
	remove_mountpoint(dir);
	return 0;
}

static void sysfs_case(const struct container_opts *o, int fenced)
{
	struct sysfs_args a = { .fenced = fenced, .own_netns = !o->share_net };

	if (access("/sys/" MODULE_PARAM, W_OK))
		ktap_skip("no writable /sys/%s", MODULE_PARAM);
	ASSERT_EQ(0, container_run(o, body_sysfs, &a));
}

static void sysfs_denied_rootful(void) { sysfs_case(&rootful, 1); }
static void sysfs_denied_rootful_host_net(void) { sysfs_case(&rootful_host_net, 1); }
static void sysfs_denied_userns(void) { sysfs_case(&userns, 1); }
static void sysfs_allowed_unfenced(void) { sysfs_case(&unfenced, 0); }
static void sysfs_allowed_unfenced_host_net(void) { sysfs_case(&unfenced_host_net, 0); }
static void sysfs_allowed_unfenced_userns(void) { sysfs_case(&unfenced_userns, 0); }

/* ------------------------------------------------------------------------
 * 10. Terminals: the host's console; TIOCSTI types into a terminal as if
 *     its user did, TIOCLINUX pastes the console selection.
 */

static void require_console(void)
{
	struct stat st;

	if (stat("/dev/console", &st) || !S_ISCHR(st.st_mode) ||
	    st.st_rdev != makedev(5, 1))
		ktap_skip("no /dev/console (c 5:1)");
}

static int body_console(void *arg)
{
	int expected = *(int *)arg ? EPERM : 0;

	ASSERT_EQ(expected, try_open("/dev/console", O_WRONLY | O_NOCTTY));
	return 0;
}

static void console(const struct container_opts *o, int fenced)
{
	require_console();
	ASSERT_EQ(0, container_run(o, body_console, &fenced));
}

static void console_denied_rootful(void) { console(&rootful, 1); }
static void console_denied_userns(void) { console(&userns, 1); }
static void console_allowed_unfenced(void) { console(&unfenced, 0); }
static void console_allowed_unfenced_userns(void) { console(&unfenced_userns, 0); }

static int body_tiocsti(void *arg)
{
	int fenced = *(int *)arg, master, slave;
	char c = 'x', subcode = 6;	/* TIOCL_GETSHIFTSTATE */
	struct pollfd pfd;
	struct termios t;

	/* A terminal of its own, its controlling terminal, in raw mode. */
	master = ASSERT_OK(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
	ASSERT_OK(grantpt(master));
	ASSERT_OK(unlockpt(master));
	slave = ASSERT_OK(open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC));
	ASSERT_OK(setsid());
	ASSERT_OK(ioctl(slave, TIOCSCTTY, 0));
	ASSERT_OK(tcgetattr(slave, &t));
	cfmakeraw(&t);
	ASSERT_OK(tcsetattr(slave, TCSANOW, &t));

	if (fenced) {
		ASSERT_ERRNO(EPERM, ioctl(slave, TIOCSTI, &c));
		ASSERT_ERRNO(EPERM, ioctl(slave, TIOCLINUX, &subcode));
	} else {
		/* The byte is now input of the terminal. */
		ASSERT_EQ(0, ioctl(slave, TIOCSTI, &c));
		pfd = (struct pollfd){ .fd = slave, .events = POLLIN };
		ASSERT_EQ(1, poll(&pfd, 1, 1000));
		c = 0;
		ASSERT_EQ(1, read(slave, &c, 1));
		ASSERT_EQ('x', c);
		/* No virtual console: the tty layer answers, not a policy. */
		errno = 0;
		ASSERT_EQ(-1, ioctl(slave, TIOCLINUX, &subcode));
		ASSERT_NE(EPERM, errno);
	}
	close(slave);
	close(master);
	return 0;
}

/*
 * Without CAP_SYS_ADMIN (a user namespace), 6.2+ refuses TIOCSTI unless
 * dev.tty.legacy_tiocsti is 1: it is set for the case, then put back.
 */
static void tiocsti(const struct container_opts *o, int fenced)
{
	char legacy[16] = "";
	int ret;

	if (o->kind == CONTAINER_USERNS && !access(LEGACY_TIOCSTI, F_OK)) {
		read_value(LEGACY_TIOCSTI, legacy, sizeof(legacy));
		ASSERT_EQ(0, write_text(LEGACY_TIOCSTI, "1\n"));
	}
	ret = container_run(o, body_tiocsti, &fenced);
	if (legacy[0])
		ASSERT_EQ(0, write_text(LEGACY_TIOCSTI, legacy));
	ASSERT_EQ(0, ret);
}

static void tiocsti_denied_rootful(void) { tiocsti(&rootful, 1); }
static void tiocsti_denied_userns(void) { tiocsti(&userns, 1); }
static void tiocsti_allowed_unfenced(void) { tiocsti(&unfenced, 0); }
static void tiocsti_allowed_unfenced_userns(void) { tiocsti(&unfenced_userns, 0); }

/* ------------------------------------------------------------------------
 * 11. A module loaded by a kernel thread for a fenced task: the task's own
 *     request_module("crypto-hmac(md4)") is denied, then the crypto
 *     manager's kernel thread builds hmac(md4) and requests crypto-md4.
 *     Trigger: KEYCTL_DH_COMPUTE with the KDF hash "hmac(md4)".
 *
 *     The control runs first: for 30 s after a fenced task's crypto
 *     request was denied, a kernel thread's crypto request is denied too,
 *     whoever it works for.
 */

#define MD4 "md4"

static bool proc_modules_has(const char *name)
{
	char line[512];
	size_t len = strlen(name);
	bool found = false;
	FILE *f = fopen("/proc/modules", "r");

	ASSERT_TRUE(f);
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, name, len) && line[len] == ' ';
	fclose(f);
	return found;
}

static void require_md4_module(void)
{
	char path[256];
	struct utsname u;

	ASSERT_OK(uname(&u));
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.builtin", u.release);
	if (file_has(path, "/" MD4 ".ko"))
		ktap_skip("md4 is built into this kernel");
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
	if (!file_has(path, "/" MD4 ".ko"))
		ktap_skip("no md4 module for this kernel");
	syscall(SYS_delete_module, MD4, O_NONBLOCK);
	if (proc_modules_has(MD4))
		ktap_skip("md4 is loaded and cannot be unloaded");
}

static int32_t add_user_key(const char *desc, const void *data, size_t len)
{
	return syscall(SYS_add_key, "user", desc, data, len, KEY_SPEC_PROCESS_KEYRING);
}

static int body_dh_hmac_md4(void *arg)
{
	static const unsigned char prime[] = { 23 }, base[] = { 5 }, private[] = { 6 };
	struct keyctl_kdf_params kdf = { .hashname = "hmac(md4)" };
	struct keyctl_dh_params params;
	char out[32];
	long ret;

	(void)arg;
	params.private = ASSERT_OK(add_user_key("nsfence-dh-private", private, 1));
	params.prime = ASSERT_OK(add_user_key("nsfence-dh-prime", prime, 1));
	params.base = ASSERT_OK(add_user_key("nsfence-dh-base", base, 1));
	/* Fails anyway (a 5-bit prime): what counts is what it loaded. */
	ret = syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, &params, out, sizeof(out), &kdf);
	ktap_print("KEYCTL_DH_COMPUTE hmac(md4): %ld (%s)", ret,
		   ret < 0 ? strerror(errno) : "ok");
	return 0;
}

static void kthread_module_load(const struct container_opts *o, bool expect_loaded)
{
	bool loaded = false;
	int i, ret;

	require_md4_module();
	ret = container_run(o, body_dh_hmac_md4, NULL);
	/* The request waited for the crypto manager; allow a straggler. */
	for (i = 0; i < 20 && !(loaded = proc_modules_has(MD4)); i++)
		usleep(100000);
	syscall(SYS_delete_module, MD4, O_NONBLOCK);
	ASSERT_EQ(0, ret);
	ASSERT_EQ(expect_loaded, loaded);
	ASSERT_TRUE(!proc_modules_has(MD4));
}

static void kthread_module_load_allowed_unfenced(void)
{
	kthread_module_load(&unfenced, true);
}

static void kthread_module_load_denied_rootful(void)
{
	kthread_module_load(&rootful, false);
}

static void kthread_module_load_denied_userns(void)
{
	kthread_module_load(&userns, false);
}

/* ------------------------------------------------------------------------
 * 12. securityfs: the lockdown level, LSM policies.  Opened for write
 *     only; nothing is ever written.
 */

struct securityfs_args {
	int fenced;
	const char *path;
};

static int body_securityfs(void *arg)
{
	const struct securityfs_args *a = arg;
	int expected = a->fenced ? EPERM : 0;

	ASSERT_EQ(expected, try_open(a->path, O_WRONLY));
	return 0;
}

/*
 * Without the lockdown LSM (the built-in kernel's config), the read-only
 * "lsm" file: root opens it for write all the same (CAP_DAC_OVERRIDE),
 * and the open is what the rule refuses.
 */
static void securityfs(const struct container_opts *o, int fenced)
{
	struct securityfs_args a = { .fenced = fenced, .path = LOCKDOWN };

	if (access(a.path, F_OK))
		a.path = SECURITYFS_LSM;
	if (access(a.path, F_OK))
		ktap_skip("no %s nor %s", LOCKDOWN, SECURITYFS_LSM);
	ASSERT_EQ(0, container_run(o, body_securityfs, &a));
}

static void securityfs_denied_rootful(void) { securityfs(&rootful, 1); }
static void securityfs_denied_userns(void) { securityfs(&userns, 1); }
static void securityfs_allowed_unfenced(void) { securityfs(&unfenced, 0); }
static void securityfs_allowed_unfenced_userns(void) { securityfs(&unfenced_userns, 0); }

static const struct ktap_case cases[] = {
	/* 1. cgroup v1 release_agent */
	KTAP_CASE(release_agent_denied_rootful),
	KTAP_CASE(release_agent_allowed_unfenced),
	KTAP_CASE(release_agent_refused_userns),
	/* 2. binfmt_misc */
	KTAP_CASE(binfmt_misc_denied_rootful),
	KTAP_CASE(binfmt_misc_allowed_unfenced),
	KTAP_CASE(binfmt_misc_host_instance_denied_userns),
	KTAP_CASE(binfmt_misc_host_instance_allowed_unfenced_userns),
	KTAP_CASE(binfmt_misc_own_instance_allowed_userns),
	/* 3. usermode-helper sysctls */
	KTAP_CASE(helper_sysctls_denied_modules_devices),
	KTAP_CASE(helper_sysctls_denied_audit),
	KTAP_CASE(helper_sysctls_denied_no_class),
	KTAP_CASE(helper_sysctls_denied_no_class_userns),
	KTAP_CASE(helper_sysctls_allowed_unfenced),
	KTAP_CASE(helper_sysctls_allowed_unfenced_userns),
	/* 4. BPF */
	KTAP_CASE(bpf_tracing_denied_rootful),
	KTAP_CASE(bpf_tracing_allowed_unfenced),
	KTAP_CASE(bpf_read_kernel_denied_rootful),
	KTAP_CASE(bpf_read_kernel_allowed_unfenced),
	KTAP_CASE(bpf_write_user_denied_rootful),
	KTAP_CASE(bpf_write_user_allowed_unfenced),
	/* 5. perf_event_open */
	KTAP_CASE(perf_system_wide_denied_rootful),
	KTAP_CASE(perf_system_wide_allowed_unfenced),
	KTAP_CASE(perf_tracepoint_raw_denied_rootful),
	KTAP_CASE(perf_tracepoint_raw_allowed_unfenced),
	/* 6. processes outside the fence */
	KTAP_CASE(host_process_denied_rootful),
	KTAP_CASE(host_process_allowed_unfenced),
	KTAP_CASE(host_process_refused_userns),
	KTAP_CASE(own_process_allowed_rootful),
	KTAP_CASE(own_process_allowed_userns),
	/* 7. syslog(2) */
	KTAP_CASE(syslog_denied_rootful),
	KTAP_CASE(syslog_allowed_unfenced),
	/* 8. /proc/sysrq-trigger */
	KTAP_CASE(sysrq_trigger_denied_rootful),
	KTAP_CASE(sysrq_trigger_denied_userns),
	KTAP_CASE(sysrq_trigger_allowed_unfenced),
	KTAP_CASE(sysrq_trigger_allowed_unfenced_userns),
	/* 9. sysfs */
	KTAP_CASE(sysfs_denied_rootful),
	KTAP_CASE(sysfs_denied_rootful_host_net),
	KTAP_CASE(sysfs_denied_userns),
	KTAP_CASE(sysfs_allowed_unfenced),
	KTAP_CASE(sysfs_allowed_unfenced_host_net),
	KTAP_CASE(sysfs_allowed_unfenced_userns),
	/* 10. terminals */
	KTAP_CASE(console_denied_rootful),
	KTAP_CASE(console_denied_userns),
	KTAP_CASE(console_allowed_unfenced),
	KTAP_CASE(console_allowed_unfenced_userns),
	KTAP_CASE(tiocsti_denied_rootful),
	KTAP_CASE(tiocsti_denied_userns),
	KTAP_CASE(tiocsti_allowed_unfenced),
	KTAP_CASE(tiocsti_allowed_unfenced_userns),
	/* 11. module load by a kernel thread: the control first */
	KTAP_CASE(kthread_module_load_allowed_unfenced),
	KTAP_CASE(kthread_module_load_denied_rootful),
	KTAP_CASE(kthread_module_load_denied_userns),
	/* 12. securityfs */
	KTAP_CASE(securityfs_denied_rootful),
	KTAP_CASE(securityfs_denied_userns),
	KTAP_CASE(securityfs_allowed_unfenced),
	KTAP_CASE(securityfs_allowed_unfenced_userns),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
