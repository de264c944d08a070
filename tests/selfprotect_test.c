// SPDX-License-Identifier: GPL-2.0
/*
 * Self-protection holds whatever a fence's classes and mode: a fence with
 * no class, and a fence in audit mode, still deny every way to put code
 * into the kernel or read its memory (init_module, finit_module,
 * kexec_file_load, /dev/mem, /proc/kcore, ioperm, a BPF program of an
 * allowed type that reads kernel memory: its verifier is denied
 * CAP_PERFMON), unloading nsfence by force
 * (delete_module), the sysfs files that
 * name a host-root helper or put a kernel image in place (module
 * parameters, /sys/power), typing into a terminal (TIOCSTI), and the
 * host-wide reach of a rootful container's capabilities: open by handle,
 * fanotify filesystem marks, BPF objects by global id, the host's bpffs
 * (its pins got, removed, renamed over, or planted), /proc/PID writes to
 * host processes.  Also here, of
 * the sysctl class: the host's clocks, its host and domain names
 * (sethostname(2) in the host's uts namespace), its network configuration
 * (CAP_NET_ADMIN in the host's network namespace), and chmod of global
 * knobs.  swapon(2) and swapoff(2) are self-protection.
 *
 * Every case runs the same body in an unfenced rootful container too:
 * the control, which shows the operation goes through without nsfence
 * (or, where it would change the host, gets past every permission check:
 * a module image the kernel then rejects as malformed).
 */
#define _GNU_SOURCE
#include "bpfprog.h"
#include "container.h"
#include "expect.h"
#include "files.h"
#include "ktap.h"

#include <fcntl.h>
#include <sys/capability.h>
#include <sys/utsname.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/fanotify.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/timex.h>
#include <time.h>

#define MEM_NODE "/tmp/nsfence-selfprotect-mem"
#define MODULE_PARAM "/sys/module/printk/parameters/time"
#define POWER_STATE "/sys/power/state"
#define NOT_A_MODULE "/etc/passwd"
#define NO_SUCH_SWAP "/tmp/nsfence-selfprotect-no-such-swap"

static const struct container_opts no_class = {
	.kind = CONTAINER_ROOTFUL, .fence = true, .no_classes = true,
};
static const struct container_opts audit = {
	.kind = CONTAINER_ROOTFUL, .fence = true, .audit = true,
};
static const struct container_opts all_classes = {
	.kind = CONTAINER_ROOTFUL, .fence = true,
};
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };

static bool fenced(const struct container_opts *o)
{
	return o->fence;
}

/* Runs @body in a container of kind @o; a BODY_SKIP status skips. */
static void run(const struct container_opts *o, int (*body)(void *))
{
	bool denied = fenced(o);
	int ret = container_run(o, body, &denied);

	if (ret == BODY_SKIP)
		ktap_skip("this kernel lacks what the case needs (see above)");
	ASSERT_EQ(0, ret);
}

/* ------------------------------------------------------------------------
 * Code into the kernel, kernel memory, raw I/O
 */

static int body_kernel_code(void *arg)
{
	bool denied = *(bool *)arg;
	/* Longer than an ELF header: the kernel checks the size first. */
	static const char image[256] = "not an ELF module";
	int fd = ASSERT_OK(open(NOT_A_MODULE, O_RDONLY | O_CLOEXEC));

	/* Unfenced, the kernel gets past every check to the image: ENOEXEC. */
	expect_denied_or_not("init_module", denied,
			     errno_of(syscall(SYS_init_module, image,
					      sizeof(image), "")));
	expect_denied_or_not("finit_module", denied,
			     errno_of(syscall(SYS_finit_module, fd, "", 0)));
	/* O_TRUNC would unload even a pinned nsfence: no module named so. */
	expect_denied_or_not("delete_module", denied,
			     errno_of(syscall(SYS_delete_module,
					      "nsfence_no_such_module",
					      O_NONBLOCK | O_TRUNC)));
	expect_denied_or_not("kexec_file_load", denied,
			     errno_of(syscall(SYS_kexec_file_load, fd, fd, 1,
					      "", 0UL)));
	close(fd);
	expect_denied_or_ok("/proc/kcore", denied, try_open("/proc/kcore", O_RDONLY));
	expect_denied_or_ok("/dev/mem", denied, try_open(MEM_NODE, O_RDONLY));
	expect_denied_or_ok("ioperm", denied, errno_of(ioperm(0x80, 1, 1)));
	ioperm(0x80, 1, 0);
	/* Unfenced, past the capability check to the missing file: ENOENT. */
	expect_denied_or_not("swapon", denied,
			     errno_of(swapon(NO_SUCH_SWAP, 0)));
	expect_denied_or_not("swapoff", denied, errno_of(swapoff(NO_SUCH_SWAP)));
	return 0;
}

static void kernel_code(const struct container_opts *o)
{
	unlink(MEM_NODE);
	ASSERT_OK(mknod(MEM_NODE, S_IFCHR | 0600, makedev(1, 1)));
	run(o, body_kernel_code);
	unlink(MEM_NODE);
}

static void kernel_code_denied_no_class(void) { kernel_code(&no_class); }
static void kernel_code_denied_audit(void) { kernel_code(&audit); }
static void kernel_code_unfenced(void) { kernel_code(&unfenced); }

/* ------------------------------------------------------------------------
 * sysfs files that name a helper or put a kernel image in place
 */

static int body_helper_paths(void *arg)
{
	bool denied = *(bool *)arg;

	expect_rewrite(MODULE_PARAM, denied ? EPERM : 0);
	/* Opened for write only: a write would suspend the VM. */
	if (access(POWER_STATE, F_OK))
		ktap_print("%s: %s (a kernel without power management)",
			   POWER_STATE, strerror(errno));
	else
		expect_denied_or_ok(POWER_STATE, denied,
				    try_open(POWER_STATE, O_WRONLY));
	return 0;
}

static void helper_paths_denied_no_class(void) { run(&no_class, body_helper_paths); }
static void helper_paths_denied_audit(void) { run(&audit, body_helper_paths); }
static void helper_paths_unfenced(void) { run(&unfenced, body_helper_paths); }

/* ------------------------------------------------------------------------
 * TIOCSTI: typing into a terminal (a pty of its own stands for the host's)
 */

static int body_tiocsti(void *arg)
{
	bool denied = *(bool *)arg;
	int master, slave;
	char c = '#';

	master = ASSERT_OK(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
	ASSERT_OK(grantpt(master));
	ASSERT_OK(unlockpt(master));
	slave = ASSERT_OK(open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC));
	/* Not its controlling tty: root's CAP_SYS_ADMIN lets it through. */
	expect_denied_or_ok("TIOCSTI", denied, errno_of(ioctl(slave, TIOCSTI, &c)));
	close(slave);
	close(master);
	return 0;
}

static void tiocsti_denied_no_class(void) { run(&no_class, body_tiocsti); }
static void tiocsti_denied_audit(void) { run(&audit, body_tiocsti); }
static void tiocsti_unfenced(void) { run(&unfenced, body_tiocsti); }

/* ------------------------------------------------------------------------
 * open_by_handle_at: any inode of a host filesystem from a handle
 */

#define HANDLE_FILE "/tmp/nsfence-selfprotect-handle"

static struct {
	struct file_handle fh;
	unsigned char bytes[MAX_HANDLE_SZ];
} handle;

static int body_open_by_handle(void *arg)
{
	bool denied = *(bool *)arg;
	int mount_fd = ASSERT_OK(open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	int fd = open_by_handle_at(mount_fd, &handle.fh, O_RDONLY | O_CLOEXEC);

	expect_denied_or_ok("open_by_handle_at", denied, errno_of(fd));
	if (fd >= 0)
		close(fd);
	close(mount_fd);
	return 0;
}

static void open_by_handle(const struct container_opts *o)
{
	int mount_id, fd;

	fd = ASSERT_OK(open(HANDLE_FILE, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
	close(fd);
	handle.fh.handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, HANDLE_FILE, &handle.fh, &mount_id, 0)) {
		unlink(HANDLE_FILE);
		ktap_skip("name_to_handle_at on /tmp: %s", strerror(errno));
	}
	run(o, body_open_by_handle);
	unlink(HANDLE_FILE);
}

static void open_by_handle_denied(void) { open_by_handle(&all_classes); }
static void open_by_handle_denied_no_class(void) { open_by_handle(&no_class); }
static void open_by_handle_unfenced(void) { open_by_handle(&unfenced); }

/* ------------------------------------------------------------------------
 * fanotify: a mark on a whole (host) filesystem
 */

static int body_fanotify(void *arg)
{
	bool denied = *(bool *)arg;
	int fd = fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC, O_RDONLY);

	if (fd < 0) {
		ktap_print("fanotify_init: %s", strerror(errno));
		return BODY_SKIP;
	}
	expect_denied_or_ok("fanotify filesystem mark", denied,
			    errno_of(fanotify_mark(fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM,
						   FAN_OPEN, AT_FDCWD, "/tmp")));
	/* A mark on one file it reaches anyway stays allowed. */
	ASSERT_OK(fanotify_mark(fd, FAN_MARK_ADD, FAN_OPEN, AT_FDCWD, "/tmp"));
	close(fd);
	return 0;
}

static void fanotify_denied(void) { run(&all_classes, body_fanotify); }
static void fanotify_denied_no_class(void) { run(&no_class, body_fanotify); }
static void fanotify_unfenced(void) { run(&unfenced, body_fanotify); }

/* ------------------------------------------------------------------------
 * BPF objects of the host: by global id, and pinned in the host's bpffs
 */

static char pin_dir[] = "/tmp/nsfence-selfprotect-bpf-XXXXXX";

static int body_bpf_by_id(void *arg)
{
	bool denied = *(bool *)arg;
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	/* Unfenced, it finds the host's program loaded by the case. */
	expect_denied_or_ok("BPF_PROG_GET_NEXT_ID", denied,
			    errno_of(bpf_cmd(BPF_PROG_GET_NEXT_ID, &attr)));
	return 0;
}

/*
 * A socket filter (an allowed type) that reads the current task_struct
 * through bpf_get_current_task_btf(): kernel memory (a "probe" load on
 * 6.1, a plain one on 6.12, which trusts the pointer).
 */
static const struct bpf_insn prog_task_read[] = {
	INSN_CALL(BPF_FUNC_get_current_task_btf),
	INSN(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_0, 0, 0),
	INSN_MOV64_IMM(BPF_REG_0, 0),
	INSN_EXIT(),
};

static int body_bpf_kernel_read(void *arg)
{
	bool denied = *(bool *)arg;
	int fd = bpf_load(BPF_PROG_TYPE_SOCKET_FILTER, prog_task_read,
			  KTAP_COUNT(prog_task_read));

	if (!denied && fd < 0) {
		bpf_print_log();
		ktap_print("a socket filter may not read the task here: %s",
			   strerror(errno));
		return BODY_SKIP;
	}
	/*
	 * Fenced, the verifier is denied CAP_PERFMON: the helper that
	 * hands out the task's pointer is unknown to the program.
	 */
	if (denied && fd < 0 && errno == EINVAL &&
	    (bpf_log_has("unknown func bpf_get_current_task_btf") ||
	     bpf_log_has("cannot use helper bpf_get_current_task_btf"))) {
		ktap_print("refused by the verifier without CAP_PERFMON");
		return 0;
	}
	/* Else not EPERM: the verifier refused it (no kernel BTF), as unfenced. */
	if (denied && fd < 0 && errno != EPERM) {
		bpf_print_log();
		ktap_print("the verifier refuses the program here: %s",
			   strerror(errno));
		return BODY_SKIP;
	}
	expect_denied_or_ok("socket filter reading task_struct", denied, errno_of(fd));
	if (fd >= 0)
		close(fd);
	return 0;
}

/*
 * A container with CAP_SYS_ADMIN and no CAP_BPF or CAP_PERFMON, as
 * Debian 12's Docker makes a --privileged one: CAP_SYS_ADMIN stands in for
 * CAP_BPF, and a fence leaves that (runc in Docker-in-Docker loads its
 * cgroup device programs), not the stand-in for CAP_PERFMON.  Before 6.9
 * the kernel asks CAP_BPF before any hook of bpf(2) can tell a new call
 * began, and a fence leaves no stand-in (kmod/bpfload.c): the program is
 * refused there.
 */
static bool bpf_cap_asked_after_hook(void)
{
	unsigned int major = 0, minor = 0;
	struct utsname u;

	ASSERT_OK(uname(&u));
	ASSERT_EQ(2, sscanf(u.release, "%u.%u", &major, &minor));
	return major > 6 || (major == 6 && minor >= 9);
}

static int body_bpf_without_cap_bpf(void *arg)
{
	bool denied = *(bool *)arg;
	cap_t caps = cap_get_proc();
	const cap_value_t drop[] = { CAP_BPF, CAP_PERFMON };

	ASSERT_TRUE(caps != NULL);
	ASSERT_OK(cap_set_flag(caps, CAP_EFFECTIVE, 2, drop, CAP_CLEAR));
	ASSERT_OK(cap_set_flag(caps, CAP_PERMITTED, 2, drop, CAP_CLEAR));
	ASSERT_OK(cap_set_proc(caps));
	cap_free(caps);
	bpf_expect_load("cgroup device program with CAP_SYS_ADMIN for CAP_BPF",
			BPF_PROG_TYPE_CGROUP_DEVICE, bpf_prog_return0,
			KTAP_COUNT(bpf_prog_return0),
			denied && !bpf_cap_asked_after_hook() ? EPERM : 0);
	return body_bpf_kernel_read(arg);
}

static void bpf_without_cap_bpf_denied(void) { run(&all_classes, body_bpf_without_cap_bpf); }
static void bpf_without_cap_bpf_unfenced(void) { run(&unfenced, body_bpf_without_cap_bpf); }

static void bpf_kernel_read_denied(void) { run(&all_classes, body_bpf_kernel_read); }
static void bpf_kernel_read_denied_no_class(void) { run(&no_class, body_bpf_kernel_read); }
static void bpf_kernel_read_unfenced(void) { run(&unfenced, body_bpf_kernel_read); }

static void bpf_by_id(const struct container_opts *o)
{
	int prog = bpf_load(BPF_PROG_TYPE_SOCKET_FILTER, bpf_prog_return0,
			    KTAP_COUNT(bpf_prog_return0));

	if (prog < 0) {
		bpf_print_log();
		ktap_fail(__FILE__, __LINE__, "host socket filter: %s", strerror(errno));
	}
	run(o, body_bpf_by_id);
	close(prog);
}

static void bpf_by_id_denied(void) { bpf_by_id(&all_classes); }
static void bpf_by_id_denied_no_class(void) { bpf_by_id(&no_class); }
static void bpf_by_id_unfenced(void) { bpf_by_id(&unfenced); }

/* A path in the host's bpffs of this case. */
static const char *pinned(const char *name)
{
	static char path[4][sizeof(pin_dir) + 16];
	static unsigned int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", pin_dir, name);
	return p;
}

static int body_bpf_pinned(void *arg)
{
	bool denied = *(bool *)arg;
	union bpf_attr attr;
	int fd, map;

	memset(&attr, 0, sizeof(attr));
	attr.pathname = (uintptr_t)pinned("prog");
	fd = bpf_cmd(BPF_OBJ_GET, &attr);
	expect_denied_or_ok("BPF_OBJ_GET of a host tracing program", denied,
			    errno_of(fd));
	if (fd >= 0)
		close(fd);
	/* A host agent's map: rewritten through a descriptor. */
	attr.pathname = (uintptr_t)pinned("map");
	fd = bpf_cmd(BPF_OBJ_GET, &attr);
	expect_denied_or_ok("BPF_OBJ_GET of a host map", denied, errno_of(fd));
	if (fd >= 0)
		close(fd);
	/* Unpinning a host link's last pin detaches it. */
	expect_denied_or_ok("unlink a host pin", denied,
			    errno_of(unlink(pinned("unlink"))));
	expect_denied_or_ok("rename over a host pin", denied,
			    errno_of(rename(pinned("from"), pinned("to"))));
	expect_denied_or_ok("chmod a host pin", denied,
			    errno_of(chmod(pinned("map"), 0666)));
	expect_denied_or_ok("mkdir in the host's bpffs", denied,
			    errno_of(mkdir(pinned("dir"), 0700)));
	/* Its own map, where a host agent would take it for its own. */
	map = ASSERT_OK(bpf_array_map());
	memset(&attr, 0, sizeof(attr));
	attr.pathname = (uintptr_t)pinned("planted");
	attr.bpf_fd = map;
	expect_denied_or_ok("BPF_OBJ_PIN in the host's bpffs", denied,
			    errno_of(bpf_cmd(BPF_OBJ_PIN, &attr)));
	close(map);
	return 0;
}

/* Pins @fd at @name in the case's bpffs. */
static void pin(int fd, const char *name)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.pathname = (uintptr_t)pinned(name);
	attr.bpf_fd = fd;
	ASSERT_OK(bpf_cmd(BPF_OBJ_PIN, &attr));
}

static void bpf_pinned(const struct container_opts *o)
{
	int prog, map, ret;

	/* Mounts of this case only: its own mount namespace, all private. */
	ASSERT_OK(unshare(CLONE_NEWNS));
	ASSERT_OK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_TRUE(mkdtemp(pin_dir));
	ASSERT_OK(mount("bpf", pin_dir, "bpf", 0, NULL));
	prog = bpf_load(BPF_PROG_TYPE_RAW_TRACEPOINT, bpf_prog_return0,
			KTAP_COUNT(bpf_prog_return0));
	if (prog < 0) {
		bpf_print_log();
		umount(pin_dir);
		rmdir(pin_dir);
		ktap_skip("no raw tracepoint programs here: %s", strerror(errno));
	}
	map = ASSERT_OK(bpf_array_map());
	pin(prog, "prog");
	pin(map, "map");
	pin(map, "unlink");
	pin(map, "from");
	pin(map, "to");
	ret = container_run(o, body_bpf_pinned, &(bool){ fenced(o) });
	close(map);
	close(prog);
	umount2(pin_dir, MNT_DETACH);
	rmdir(pin_dir);
	ASSERT_EQ(0, ret);
}

static void bpf_pinned_denied(void) { bpf_pinned(&all_classes); }
static void bpf_pinned_denied_no_class(void) { bpf_pinned(&no_class); }
static void bpf_pinned_unfenced(void) { bpf_pinned(&unfenced); }

/* ------------------------------------------------------------------------
 * Host processes: a /proc/PID write without a ptrace check
 */

static pid_t host_pid;

static int body_host_process(void *arg)
{
	bool denied = *(bool *)arg;
	char path[64];

	/*
	 * A signal through a host /proc/PID directory (pidfd_send_signal())
	 * is refused by the kernel itself (EINVAL) across pid namespaces.
	 */
	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", host_pid);
	expect_rewrite(path, denied ? EPERM : 0);
	/* Its own processes stay its own. */
	expect_rewrite("/proc/self/oom_score_adj", 0);
	return 0;
}

static void host_process(const struct container_opts *o)
{
	int ret;

	host_pid = host_sleeper();
	ret = container_run(o, body_host_process, &(bool){ fenced(o) });
	host_sleeper_stop(host_pid);
	ASSERT_EQ(0, ret);
}

static void host_process_denied(void) { host_process(&all_classes); }
static void host_process_denied_no_class(void) { host_process(&no_class); }
static void host_process_unfenced(void) { host_process(&unfenced); }

/* ------------------------------------------------------------------------
 * Class sysctl: the host's clocks, chmod of global knobs
 */

static int body_clock(void *arg)
{
	bool denied = *(bool *)arg;
	struct timex tx = { .modes = 0 };
	struct timespec now;

	ASSERT_OK(clock_gettime(CLOCK_REALTIME, &now));
	/* The time it is: a success changes (almost) nothing. */
	expect_denied_or_ok("clock_settime", denied,
			    errno_of(clock_settime(CLOCK_REALTIME, &now)));
	ASSERT_NE(-1, adjtimex(&tx));
	tx.modes = ADJ_FREQUENCY;
	expect_denied_or_ok("adjtimex(ADJ_FREQUENCY)", denied, errno_of(adjtimex(&tx)));
	return 0;
}

static void clock_denied(void) { run(&all_classes, body_clock); }
static void clock_unfenced(void) { run(&unfenced, body_clock); }

/* sethostname(2), setdomainname(2) of the names they have: no change. */
static int body_uts_names(void *arg)
{
	bool denied = *(bool *)arg;
	char name[256];

	ASSERT_OK(gethostname(name, sizeof(name)));
	expect_denied_or_ok("sethostname", denied,
			    errno_of(sethostname(name, strlen(name))));
	ASSERT_OK(getdomainname(name, sizeof(name)));
	expect_denied_or_ok("setdomainname", denied,
			    errno_of(setdomainname(name, strlen(name))));
	return 0;
}

static const struct container_opts host_uts = {
	.kind = CONTAINER_ROOTFUL, .fence = true, .share_uts = true,
};
static const struct container_opts host_uts_unfenced = {
	.kind = CONTAINER_ROOTFUL, .share_uts = true,
};

static void host_uts_names_denied(void) { run(&host_uts, body_uts_names); }
static void host_uts_names_unfenced(void) { run(&host_uts_unfenced, body_uts_names); }

/* Its own uts namespace: the names are its own. */
static void own_uts_names_allowed(void)
{
	bool denied = false;

	ASSERT_EQ(0, container_run(&all_classes, body_uts_names, &denied));
}

/* SIOCSIFMTU of lo to the MTU it has: a success changes nothing. */
static int body_net_config(void *arg)
{
	bool denied = *(bool *)arg;
	struct ifreq ifr;
	int fd = ASSERT_OK(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ASSERT_OK(ioctl(fd, SIOCGIFMTU, &ifr));
	expect_denied_or_ok("SIOCSIFMTU lo", denied,
			    errno_of(ioctl(fd, SIOCSIFMTU, &ifr)));
	close(fd);
	return 0;
}

static const struct container_opts host_net = {
	.kind = CONTAINER_ROOTFUL, .fence = true, .share_net = true,
};
static const struct container_opts host_net_unfenced = {
	.kind = CONTAINER_ROOTFUL, .share_net = true,
};

static void host_net_config_denied(void) { run(&host_net, body_net_config); }
static void host_net_config_unfenced(void) { run(&host_net_unfenced, body_net_config); }

/* Its own network namespace: Docker-in-Docker configures it. */
static void own_net_config_allowed(void)
{
	bool denied = false;

	ASSERT_EQ(0, container_run(&all_classes, body_net_config, &denied));
}

/* chmod to the mode it has: a success changes nothing. */
static int chmod_same(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return errno;
	return errno_of(chmod(path, st.st_mode & 07777));
}

static int body_knob_chmod(void *arg)
{
	bool denied = *(bool *)arg;

	expect_denied_or_ok("chmod " MODULE_PARAM, denied, chmod_same(MODULE_PARAM));
	expect_denied_or_ok("chmod /proc/sysrq-trigger", denied,
			    chmod_same("/proc/sysrq-trigger"));
	return 0;
}

static void knob_chmod_denied(void) { run(&all_classes, body_knob_chmod); }
static void knob_chmod_unfenced(void) { run(&unfenced, body_knob_chmod); }

static const struct ktap_case cases[] = {
	KTAP_CASE(kernel_code_denied_no_class),
	KTAP_CASE(kernel_code_denied_audit),
	KTAP_CASE(kernel_code_unfenced),
	KTAP_CASE(helper_paths_denied_no_class),
	KTAP_CASE(helper_paths_denied_audit),
	KTAP_CASE(helper_paths_unfenced),
	KTAP_CASE(tiocsti_denied_no_class),
	KTAP_CASE(tiocsti_denied_audit),
	KTAP_CASE(tiocsti_unfenced),
	KTAP_CASE(open_by_handle_denied),
	KTAP_CASE(open_by_handle_denied_no_class),
	KTAP_CASE(open_by_handle_unfenced),
	KTAP_CASE(fanotify_denied),
	KTAP_CASE(fanotify_denied_no_class),
	KTAP_CASE(fanotify_unfenced),
	KTAP_CASE(bpf_by_id_denied),
	KTAP_CASE(bpf_by_id_denied_no_class),
	KTAP_CASE(bpf_by_id_unfenced),
	KTAP_CASE(bpf_kernel_read_denied),
	KTAP_CASE(bpf_kernel_read_denied_no_class),
	KTAP_CASE(bpf_kernel_read_unfenced),
	KTAP_CASE(bpf_without_cap_bpf_denied),
	KTAP_CASE(bpf_without_cap_bpf_unfenced),
	KTAP_CASE(bpf_pinned_denied),
	KTAP_CASE(bpf_pinned_denied_no_class),
	KTAP_CASE(bpf_pinned_unfenced),
	KTAP_CASE(host_process_denied),
	KTAP_CASE(host_process_denied_no_class),
	KTAP_CASE(host_process_unfenced),
	KTAP_CASE(clock_denied),
	KTAP_CASE(clock_unfenced),
	KTAP_CASE(host_uts_names_denied),
	KTAP_CASE(host_uts_names_unfenced),
	KTAP_CASE(own_uts_names_allowed),
	KTAP_CASE(host_net_config_denied),
	KTAP_CASE(host_net_config_unfenced),
	KTAP_CASE(own_net_config_allowed),
	KTAP_CASE(knob_chmod_denied),
	KTAP_CASE(knob_chmod_unfenced),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
