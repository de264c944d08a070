// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence check [--json]: verify that nsfence is active.
 *
 * Starts a fenced sandbox exactly as `run` does (sandbox.h) and, one
 * probe at a time, has it try an operation of each deny class.  Errno
 * values alone prove little: the sandbox's root is an unprivileged host
 * id, so the kernel's own checks refuse much of this already.  A probe
 * therefore only holds when its fence's own denial counter (LIST) moved
 * by the probe and the operation failed; a positive control (a sysctl of
 * the sandbox's own network namespace) must succeed without a denial.
 *
 *   parent                           sandbox (pid 1, fenced root)
 *   counters of the fence
 *   probe number  ----------------->  tries the operation
 *                 <-----------------  errno (0: it worked), detail
 *   counters of the fence: delta
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"
#include "sandbox.h"

#ifndef AF_TIPC
#define AF_TIPC 30
#endif

static int check_cmd(int argc, char **argv);

const struct cli_cmd cmd_check = {
	.name = "check",
	.run = check_cmd,
	.summary = "verify that nsfence is active (fenced sandbox battery)",
	.usage =
	"Usage: nsfence check [--json]\n"
	"\n"
	"Start a fenced sandbox as 'nsfence run' does and show, one row per\n"
	"check, that the module is loaded, that the sandbox's uid_map is an\n"
	"exclusive \"0 BASE 65536\" block, that its user namespace is fenced,\n"
	"and that inside it module loading, module auto-loading, a global\n"
	"sysctl write, a raw device open and mknod are denied by nsfence (the\n"
	"operation fails and the fence's denial counter moves), while a\n"
	"sysctl of the sandbox's own network namespace stays writable.\n"
	"Needs root.\n"
	"\n"
	"  -j, --json   print a JSON object\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit: 0 every check holds, 1 a check failed (or check could not\n"
	"run), 2 usage, 3 module not loaded.\n",
};

#define CHECK_SYSCTL_GLOBAL "/proc/sys/kernel/printk_ratelimit"
/*
 * Per-netns sysctls, tried in order: 6.1 hides net.core.* from a netns
 * whose owner is not the initial user namespace.
 */
static const char *const check_sysctl_own[] = {
	"/proc/sys/net/ipv4/ip_unprivileged_port_start",
	"/proc/sys/net/core/somaxconn",
	"/proc/sys/net/unix/max_dgram_qlen",
};
#define CHECK_DEVICE "/dev/kmsg"
#define CHECK_MKNOD_DIR "/tmp"
#define CHECK_MKNOD_PATH CHECK_MKNOD_DIR "/nsfence-check-mem"
#define CHECK_NOFS "nsfence-check-nofs"
#define CHECK_PROBE_TIMEOUT_MS 30000
#define CHECK_MAX_ROWS 16
#define CHECK_DETAIL 192

enum check_probe {
	PROBE_INIT_MODULE = 1,
	PROBE_AUTOLOAD,
	PROBE_SYSCTL_GLOBAL,
	PROBE_SYSCTL_OWN,
	PROBE_DEVICE,
	PROBE_MKNOD,
};

/* The sandbox's answer to one probe. */
struct check_reply {
	int err;			/* errno of the operation, 0: it worked */
	char what[CHECK_DETAIL];	/* the operation, as tried */
};

struct check_row {
	const char *name;
	bool ok;
	char detail[CHECK_DETAIL * 2];
};

struct check_state {
	struct check_row rows[CHECK_MAX_ROWS];
	unsigned int nr_rows;
	struct sandbox sb;
	bool started;
	struct nsfence *h;
	int sock;		/* parent's end of the probe socket */
	bool lsm;		/* nsfence is a built-in LSM (attach "lsm") */
};

/* What the sandbox needs: its end of the socket, the sysctl fd. */
struct check_child_arg {
	int sock, other_sock, sysctl_fd;
};

static const char *check_errname(int err)
{
	const char *name = err ? strerrorname_np(err) : "success";

	return name ? name : "unknown error";
}

static struct check_row *check_add(struct check_state *cs, const char *name,
				   bool ok, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static struct check_row *check_add(struct check_state *cs, const char *name,
				   bool ok, const char *fmt, ...)
{
	struct check_row *r;
	va_list ap;

	if (cs->nr_rows >= CHECK_MAX_ROWS)
		return NULL;
	r = &cs->rows[cs->nr_rows++];
	r->name = name;
	r->ok = ok;
	va_start(ap, fmt);
	vsnprintf(r->detail, sizeof(r->detail), fmt, ap);
	va_end(ap);
	return r;
}

/* ----- inside the sandbox ----------------------------------------- */

static int probe_read_value(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/* Write @value to @fd; 0 or errno. */
static int probe_write(int fd, const char *value)
{
	ssize_t len = (ssize_t)strlen(value);

	if (write(fd, value, (size_t)len) == len)
		return 0;
	return errno ? errno : EIO;
}

static void probe_init_module(struct check_reply *r)
{
	/* Not a module: the kernel must refuse before it reads a byte. */
	static const char image[64];

	snprintf(r->what, sizeof(r->what), "init_module()");
	if (syscall(SYS_init_module, image, sizeof(image), "") == 0)
		r->err = 0;
	else
		r->err = errno;
}

static void probe_autoload(struct check_reply *r)
{
	int fd;

	fd = socket(AF_TIPC, SOCK_RDM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		r->err = errno;
		snprintf(r->what, sizeof(r->what),
			 "socket(AF_TIPC) (auto-load of net-pf-30)");
		return;
	}
	/*
	 * TIPC is registered already: nothing to load there.  A file
	 * system type that does not exist makes mount(2) request
	 * "fs-NAME" on every call.
	 */
	close(fd);
	snprintf(r->what, sizeof(r->what),
		 "mount -t %s (auto-load of fs-%s; AF_TIPC is registered)",
		 CHECK_NOFS, CHECK_NOFS);
	if (mount("none", "/", CHECK_NOFS, 0, NULL) == 0)
		r->err = 0;
	else
		r->err = errno;
}

static void probe_sysctl_global(struct check_reply *r, int fd)
{
	char value[64];
	int ret, fd2, open_err;

	snprintf(r->what, sizeof(r->what),
		 "write to %s through an fd opened before the fence",
		 CHECK_SYSCTL_GLOBAL);
	if (fd < 0) {
		r->err = EBADF;
		return;
	}
	ret = probe_read_value(CHECK_SYSCTL_GLOBAL, value, sizeof(value));
	if (ret < 0) {
		r->err = -ret;
		return;
	}
	/* The value is written back unchanged: a success changes nothing. */
	r->err = probe_write(fd, value);

	/* For the record: a new open for write is a DAC matter here. */
	fd2 = open(CHECK_SYSCTL_GLOBAL, O_WRONLY | O_CLOEXEC);
	open_err = fd2 < 0 ? errno : 0;
	if (fd2 >= 0)
		close(fd2);
	snprintf(r->what, sizeof(r->what),
		 "write to %s through an fd opened before the fence "
		 "(open for write inside: %s)", CHECK_SYSCTL_GLOBAL,
		 check_errname(open_err));
}

static void probe_sysctl_own(struct check_reply *r)
{
	const char *path = NULL;
	char value[64];
	size_t i;
	int fd, ret = -ENOENT;

	for (i = 0; ret == -ENOENT && i < sizeof(check_sysctl_own) /
					   sizeof(check_sysctl_own[0]); i++) {
		path = check_sysctl_own[i];
		ret = probe_read_value(path, value, sizeof(value));
	}
	snprintf(r->what, sizeof(r->what), "write to %s of its own netns",
		 path);
	if (ret < 0) {
		r->err = -ret;
		return;
	}
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		r->err = errno;
		return;
	}
	r->err = probe_write(fd, value);
	close(fd);
}

static void probe_device(struct check_reply *r)
{
	int fd;

	snprintf(r->what, sizeof(r->what), "open %s (c 1:11) read-only",
		 CHECK_DEVICE);
	fd = open(CHECK_DEVICE, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		close(fd);
		r->err = 0;
		return;
	}
	r->err = errno;
}

static void probe_mknod(struct check_reply *r)
{
	snprintf(r->what, sizeof(r->what), "mknod %s c 1:1 (/dev/mem)",
		 CHECK_MKNOD_PATH);
	/* A private tmpfs: nothing is left behind, whatever happens. */
	if (mount("tmpfs", CHECK_MKNOD_DIR, "tmpfs", MS_NOSUID | MS_NOEXEC,
		  "size=64k") < 0) {
		r->err = errno;
		snprintf(r->what, sizeof(r->what), "mount a tmpfs on %s",
			 CHECK_MKNOD_DIR);
		return;
	}
	if (mknod(CHECK_MKNOD_PATH, S_IFCHR | 0600, makedev(1, 1)) == 0)
		r->err = 0;
	else
		r->err = errno;
	unlink(CHECK_MKNOD_PATH);
	umount2(CHECK_MKNOD_DIR, MNT_DETACH);
}

/* pid 1 of the sandbox: answer probes until the socket closes. */
static void check_child(void *p)
{
	const struct check_child_arg *a = p;
	struct check_reply r;
	unsigned char probe;
	ssize_t n;

	close(a->other_sock);
	for (;;) {
		n = recv(a->sock, &probe, 1, 0);
		if (n != 1)
			_exit(n == 0 ? 0 : 1);
		memset(&r, 0, sizeof(r));
		errno = 0;
		switch (probe) {
		case PROBE_INIT_MODULE:
			probe_init_module(&r);
			break;
		case PROBE_AUTOLOAD:
			probe_autoload(&r);
			break;
		case PROBE_SYSCTL_GLOBAL:
			probe_sysctl_global(&r, a->sysctl_fd);
			break;
		case PROBE_SYSCTL_OWN:
			probe_sysctl_own(&r);
			break;
		case PROBE_DEVICE:
			probe_device(&r);
			break;
		case PROBE_MKNOD:
			probe_mknod(&r);
			break;
		default:
			r.err = EINVAL;
			snprintf(r.what, sizeof(r.what), "probe %u", probe);
		}
		if (send(a->sock, &r, sizeof(r), MSG_NOSIGNAL) != sizeof(r))
			_exit(1);
	}
}

/* ----- the parent -------------------------------------------------- */

struct check_find {
	uint32_t inum;
	struct nsfence_fence_info info;
};

static int check_find_cb(const struct nsfence_fence_info *f, void *arg)
{
	struct check_find *cf = arg;

	if (f->ns_type != NSFENCE_NS_USER || f->ns_inum != cf->inum)
		return 0;
	cf->info = *f;
	return 1;
}

/* The sandbox's fence; 0, -ENOENT when it is not listed, or -errno. */
static int check_fence_info(struct check_state *cs,
			    struct nsfence_fence_info *info)
{
	static struct check_find cf;	/* large: keep it off the stack */
	int ret;

	cf.inum = cs->sb.user_ns;
	ret = nsfence_list(cs->h, check_find_cb, &cf);
	if (ret < 0)
		return ret;
	if (ret != 1)
		return -ENOENT;
	*info = cf.info;
	return 0;
}

/* Ask the sandbox for one probe; 0 or -errno (with @r->what set). */
static int check_ask(struct check_state *cs, enum check_probe probe,
		     struct check_reply *r)
{
	struct pollfd p = { .fd = cs->sock, .events = POLLIN };
	unsigned char b = (unsigned char)probe;
	ssize_t n;
	int ret;

	memset(r, 0, sizeof(*r));
	if (send(cs->sock, &b, 1, MSG_NOSIGNAL) != 1)
		return -errno;
	ret = poll(&p, 1, CHECK_PROBE_TIMEOUT_MS);
	if (ret < 0)
		return -errno;
	if (!ret)
		return -ETIMEDOUT;
	n = recv(cs->sock, r, sizeof(*r), 0);
	if (n < 0)
		return -errno;
	if (n != sizeof(*r))
		return -EPIPE;	/* the sandbox died */
	r->what[sizeof(r->what) - 1] = '\0';
	return 0;
}

/**
 * check_denial() - one probe of a deny class
 * @cs: state
 * @name: row name
 * @probe: what the sandbox tries
 * @cls: the class whose fence counter must move
 * @expect_denied: true: the operation must fail and the counter move;
 *	false (positive control): it must work and the counter stay
 */
static void check_denial(struct check_state *cs, const char *name,
			 enum check_probe probe, enum nsfence_class cls,
			 bool expect_denied)
{
	static struct nsfence_fence_info before, after;
	struct check_reply r;
	uint64_t delta;
	bool ok, cap_first = false;
	int ret;

	ret = check_fence_info(cs, &before);
	if (ret < 0) {
		check_add(cs, name, false, "fence counters: %s",
			  strerror(-ret));
		return;
	}
	ret = check_ask(cs, probe, &r);
	if (ret < 0) {
		check_add(cs, name, false, "sandbox did not answer: %s",
			  strerror(-ret));
		return;
	}
	ret = check_fence_info(cs, &after);
	if (ret < 0) {
		check_add(cs, name, false, "%s: %s; fence counters: %s",
			  r.what, check_errname(r.err), strerror(-ret));
		return;
	}
	delta = after.counters.denied[cls] - before.counters.denied[cls];
	/*
	 * A built-in LSM runs after the capability LSM, which refuses
	 * init_module to a user-namespace root (no CAP_SYS_MODULE in the
	 * initial namespace) before nsfence is asked: denied, not counted.
	 */
	if (expect_denied && cs->lsm && probe == PROBE_INIT_MODULE &&
	    r.err == EPERM && !delta)
		cap_first = true;
	if (expect_denied)
		ok = r.err && (delta > 0 || cap_first);
	else
		ok = !r.err && !delta;
	check_add(cs, name, ok, "%s: %s; %s denials +%" PRIu64 "%s", r.what,
		  check_errname(r.err), nsfence_class_name(cls), delta,
		  cap_first ? " (refused by the capability check, before the nsfence LSM)" :
		  ok ? "" : expect_denied ?
			(r.err ? " (not nsfence's denial)" : " (allowed!)") :
			" (must be allowed)");
}

static void check_module(struct check_state *cs)
{
	struct nsfence_status st;
	unsigned int hooks = 0;
	const char *p;
	int ret;

	ret = nsfence_get_status(cs->h, &st);
	if (ret < 0) {
		check_add(cs, "module loaded", false, "STATUS: %s%s%s",
			  strerror(-ret), nsfence_errmsg(cs->h)[0] ? ": " : "",
			  nsfence_errmsg(cs->h));
		return;
	}
	for (p = st.hooks; *p; p++)
		hooks += *p == ',';
	if (st.hooks[0])
		hooks++;
	cs->lsm = !strcmp(st.attach, "lsm");
	check_add(cs, "module loaded", st.version > 0,
		  "family version %u, attach %s, %u hooks, %s, %u fences",
		  st.version, st.attach[0] ? st.attach : "-", hooks,
		  st.locked ? "locked" : "not locked", st.fence_count);
}

/* "0 BASE 65536" as the only line of /proc/PID/FILE. */
static bool check_one_map(pid_t pid, const char *file, uint32_t want,
			  char *seen, size_t len)
{
	char path[64], buf[256], *nl;
	unsigned long inside, base, count;
	int ret;

	snprintf(path, sizeof(path), "/proc/%ld/%s", (long)pid, file);
	ret = probe_read_value(path, buf, sizeof(buf));
	if (ret < 0) {
		snprintf(seen, len, "%s", strerror(-ret));
		return false;
	}
	nl = strchr(buf, '\n');
	if (nl && nl[1]) {
		snprintf(seen, len, "more than one line");
		return false;
	}
	if (sscanf(buf, "%lu %lu %lu", &inside, &base, &count) != 3) {
		snprintf(seen, len, "unreadable");
		return false;
	}
	snprintf(seen, len, "%lu %lu %lu", inside, base, count);
	return inside == 0 && base == want && base != 0 &&
	       count == IDRANGE_SIZE;
}

static void check_uid_map(struct check_state *cs)
{
	char uid[64], gid[64];
	struct stat sb;
	bool ok, held;

	ok = check_one_map(cs->sb.pid, "uid_map", cs->sb.ids.base, uid,
			   sizeof(uid));
	ok &= check_one_map(cs->sb.pid, "gid_map", cs->sb.ids.base, gid,
			    sizeof(gid));
	held = stat(cs->sb.ids.path, &sb) == 0;
	check_add(cs, "uid_map exclusive", ok && held,
		  "uid_map \"%s\", gid_map \"%s\"; block %u %s", uid, gid,
		  cs->sb.ids.base,
		  held ? "held by this sandbox only" : "allocation file missing");
}

static void check_fenced(struct check_state *cs)
{
	static struct nsfence_fence_info info;
	char classes[64];
	int ret;

	ret = check_fence_info(cs, &info);
	if (ret < 0) {
		check_add(cs, "sandbox fenced", false, "user ns %u: %s",
			  cs->sb.user_ns, ret == -ENOENT ? "no fence listed" :
			  strerror(-ret));
		return;
	}
	nsfence_format_classes(info.classes, classes, sizeof(classes));
	check_add(cs, "sandbox fenced",
		  info.mode == NSFENCE_MODE_ENFORCE &&
		  info.classes == NSFENCE_CLASSES_ALL,
		  "user ns %u: %s, %s",
		  info.ns_inum, nsfence_mode_name(info.mode) ?: "?", classes);
}

static int check_print_json(const struct check_state *cs, bool all_ok)
{
	struct json_object *obj = json_object_new_object();
	struct json_object *arr, *row;
	unsigned int i;

	if (!obj)
		return -ENOMEM;
	arr = json_object_new_array();
	if (out_add(obj, "ok", json_object_new_boolean(all_ok)) < 0 ||
	    out_add(obj, "checks", arr) < 0)
		goto out_put;
	if (cs->started) {
		row = json_object_new_object();
		if (out_add(obj, "sandbox", row) < 0 ||
		    out_add(row, "pid", json_object_new_int64(cs->sb.pid)) < 0 ||
		    out_add(row, "user_ns",
			    json_object_new_int64(cs->sb.user_ns)) < 0 ||
		    out_add(row, "id_base",
			    json_object_new_int64(cs->sb.ids.base)) < 0)
			goto out_put;
	}
	for (i = 0; i < cs->nr_rows; i++) {
		row = json_object_new_object();
		if (!row || json_object_array_add(arr, row) < 0) {
			json_object_put(row);
			goto out_put;
		}
		if (out_add(row, "name",
			    json_object_new_string(cs->rows[i].name)) < 0 ||
		    out_add(row, "ok",
			    json_object_new_boolean(cs->rows[i].ok)) < 0 ||
		    out_add(row, "detail",
			    json_object_new_string(cs->rows[i].detail)) < 0)
			goto out_put;
	}
	return out_json_print(obj);

out_put:
	json_object_put(obj);
	return -ENOMEM;
}

static void check_print_text(const struct check_state *cs, bool all_ok)
{
	unsigned int i, good = 0;

	if (cs->started)
		printf("sandbox: pid %ld, user namespace %u, ids %u-%u\n\n",
		       (long)cs->sb.pid, cs->sb.user_ns, cs->sb.ids.base,
		       cs->sb.ids.base + IDRANGE_SIZE - 1);
	printf("%-22s %-6s %s\n", "CHECK", "RESULT", "DETAIL");
	for (i = 0; i < cs->nr_rows; i++) {
		printf("%-22s %-6s %s\n", cs->rows[i].name,
		       cs->rows[i].ok ? "ok" : "FAIL", cs->rows[i].detail);
		good += cs->rows[i].ok;
	}
	printf("\n%u of %u checks hold: nsfence is %s.\n", good, cs->nr_rows,
	       all_ok ? "active" : good > 1 ? "NOT fully active" : "NOT active");
}

/* Start the sandbox; a failure is a row. */
static int check_start(struct check_state *cs)
{
	static struct sandbox_opts o;
	struct check_child_arg a;
	int sv[2], ret;

	sandbox_opts_init(&o, "check");
	o.net = true;		/* its own netns: the positive control */
	o.hostname = "nsfence-check";
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		ret = -errno;
		check_add(cs, "sandbox started", false, "socketpair: %s",
			  strerror(-ret));
		return ret;
	}
	/* Opened by the host's root before the fence exists. */
	a.sysctl_fd = open(CHECK_SYSCTL_GLOBAL, O_WRONLY | O_CLOEXEC);
	a.sock = sv[1];
	a.other_sock = sv[0];
	ret = sandbox_start(&cs->sb, &o, cs->h, check_child, &a);
	close(sv[1]);
	if (a.sysctl_fd >= 0)
		close(a.sysctl_fd);
	if (ret < 0) {
		close(sv[0]);
		check_add(cs, "sandbox started", false,
			  "cannot start a fenced sandbox: %s", strerror(-ret));
		return ret;
	}
	cs->sock = sv[0];
	cs->started = true;
	return 0;
}

static void check_stop(struct check_state *cs)
{
	close(cs->sock);
	kill(cs->sb.pid, SIGKILL);
	waitpid(cs->sb.pid, NULL, 0);
	sandbox_end(&cs->sb);
}

static int check_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct check_state cs;
	bool json = false, nomodule = false, all_ok;
	unsigned int i;
	int c, ret;

	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			return cli_help(&cmd_check);
		default:
			return cli_bad_option(&cmd_check, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_check, "unexpected argument '%s'",
				       argv[optind]);
	if (cli_lacks_sys_admin()) {
		cli_msg("check: needs root (CAP_SYS_ADMIN) to start a fenced "
			"sandbox");
		return EXIT_FAIL;
	}

	ret = nsfence_open(&cs.h);
	if (ret < 0) {
		nomodule = ret == -ENOENT;
		check_add(&cs, "module loaded", false,
			  ret == -ENOENT ? "generic netlink family \"%s\" not "
			  "found: modprobe nsfence" : "%s: %s",
			  NSFENCE_GENL_NAME, strerror(-ret));
		goto out_print;
	}
	check_module(&cs);
	if (!cs.rows[0].ok || check_start(&cs) < 0)
		goto out_print;

	check_uid_map(&cs);
	check_fenced(&cs);
	check_denial(&cs, "module load", PROBE_INIT_MODULE,
		     NSFENCE_CLASS_MODULES, true);
	check_denial(&cs, "module auto-load", PROBE_AUTOLOAD,
		     NSFENCE_CLASS_MODULES, true);
	check_denial(&cs, "global sysctl write", PROBE_SYSCTL_GLOBAL,
		     NSFENCE_CLASS_SYSCTL, true);
	check_denial(&cs, "own netns sysctl", PROBE_SYSCTL_OWN,
		     NSFENCE_CLASS_SYSCTL, false);
	check_denial(&cs, "raw device open", PROBE_DEVICE,
		     NSFENCE_CLASS_DEVICES, true);
	check_denial(&cs, "mknod", PROBE_MKNOD, NSFENCE_CLASS_DEVICES, true);
	check_stop(&cs);

out_print:
	all_ok = cs.nr_rows > 0;
	for (i = 0; i < cs.nr_rows; i++)
		all_ok &= cs.rows[i].ok;
	if (json) {
		if (check_print_json(&cs, all_ok) < 0)
			cli_msg("check: output: %s", strerror(ENOMEM));
	} else {
		check_print_text(&cs, all_ok);
	}
	nsfence_close(cs.h);
	if (nomodule) {
		cli_msg("check: generic netlink family \"%s\" not found: is "
			"the module loaded? modprobe nsfence",
			NSFENCE_GENL_NAME);
		return EXIT_NOMODULE;
	}
	/* A sandbox that did not start has said why already. */
	if (!all_ok && cs.started)
		cli_msg("check: a check failed");
	return all_ok ? EXIT_OK : EXIT_FAIL;
}
