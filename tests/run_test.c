// SPDX-License-Identifier: GPL-2.0
/*
 * `nsfence run`, `fence --pid`, `check` and the CLI's answers to bad
 * input, through the real nsfence binary ($NSFENCE, else nsfence on PATH).
 *
 * The same program is the payload the tests start in sandboxes:
 *
 *   run_test --probe ACTION[=EXPECTED]...
 *
 * runs each action in order as its very first work, prints "ACTION
 * RESULT" (RESULT: "ok" or the errno name) and exits with the number of
 * actions whose result differs from EXPECTED.  Actions:
 *   tipc          socket(AF_TIPC): the auto-load of net-pf-30
 *   sysctl-fd:N   write kernel.printk_ratelimit's value to fd N
 *   sysctl        open kernel.printk_ratelimit for write and write it
 *   mknod:PATH    mknod PATH c 1:1, then unlink it
 *   init_module   init_module() of a non-module
 *   uidmap        print "uid_map ..." and "gid_map ..." of itself
 *   mark:PATH     write "USERNS_INUM PID" to PATH
 *   hold          wait for EOF on stdin
 *   sleep         sleep until killed
 */
#define _GNU_SOURCE
#include "container.h"
#include "ktap.h"
#include "modprobe.h"

#include <dirent.h>
#include <grp.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>

#ifndef AF_TIPC
#define AF_TIPC 30
#endif

#define GLOBAL_SYSCTL "/proc/sys/kernel/printk_ratelimit"
#define IDS_DIR "/run/nsfence/ids"
#define MARK "/tmp/run_test.mark"

static char self_exe[PATH_MAX];

/* ----- the probe ---------------------------------------------------- */

static int probe_read(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return errno;
	buf[n] = '\0';
	return 0;
}

static int probe_write_value(int fd)
{
	char value[64];
	ssize_t len;
	int err = probe_read(GLOBAL_SYSCTL, value, sizeof(value));

	if (err)
		return err;
	len = (ssize_t)strlen(value);
	return write(fd, value, len) == len ? 0 : errno;
}

static int probe_action(const char *act)
{
	static const char image[64];
	char buf[256];
	int fd, err;

	if (!strcmp(act, "tipc")) {
		fd = socket(AF_TIPC, SOCK_RDM, 0);
		if (fd < 0)
			return errno;
		close(fd);
		return 0;
	}
	if (!strncmp(act, "sysctl-fd:", 10))
		return probe_write_value(atoi(act + 10));
	if (!strcmp(act, "sysctl")) {
		fd = open(GLOBAL_SYSCTL, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			return errno;
		err = probe_write_value(fd);
		close(fd);
		return err;
	}
	if (!strncmp(act, "mknod:", 6)) {
		if (mknod(act + 6, S_IFCHR | 0600, makedev(1, 1)) < 0)
			return errno;
		unlink(act + 6);
		return 0;
	}
	if (!strcmp(act, "init_module"))
		return syscall(SYS_init_module, image, sizeof(image), "") ? errno : 0;
	if (!strcmp(act, "uidmap")) {
		err = probe_read("/proc/self/uid_map", buf, sizeof(buf));
		if (err)
			return err;
		printf("uid_map %s", buf);
		err = probe_read("/proc/self/gid_map", buf, sizeof(buf));
		if (err)
			return err;
		printf("gid_map %s", buf);
		fflush(stdout);
		return 0;
	}
	if (!strncmp(act, "mark:", 5)) {
		struct stat sb;
		FILE *f;

		if (stat("/proc/self/ns/user", &sb) < 0)
			return errno;
		f = fopen(act + 5, "we");
		if (!f)
			return errno;
		fprintf(f, "%lu %d\n", (unsigned long)sb.st_ino, getpid());
		return fclose(f) ? errno : 0;
	}
	if (!strcmp(act, "hold")) {
		while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
			;
		return 0;
	}
	if (!strcmp(act, "sleep")) {
		for (;;)
			pause();
	}
	return EINVAL;
}

static int probe_main(int argc, char **argv)
{
	int i, bad = 0;

	for (i = 2; i < argc; i++) {
		char act[256], *want;
		const char *seen;
		int err;

		snprintf(act, sizeof(act), "%s", argv[i]);
		want = strchr(act, '=');
		if (want)
			*want++ = '\0';
		err = probe_action(act);
		seen = err ? strerrorname_np(err) : "ok";
		printf("%s %s\n", act, seen ? seen : "?");
		fflush(stdout);
		if (want && strcmp(want, seen ? seen : "?"))
			bad++;
	}
	return bad > 100 ? 100 : bad;
}

/* ----- running nsfence ------------------------------------------------ */

static const char *nsfence_bin(void)
{
	const char *p = getenv("NSFENCE");

	return p && *p ? p : "nsfence";
}

/**
 * struct proc_opts - how to start a process
 * @env: "NAME=VALUE" added to the environment, or NULL
 * @uid: run as this uid and gid (0: as we are)
 * @sysctl_fd: open GLOBAL_SYSCTL for write as fd 3 of the process
 * @pipe_in: give it a pipe as stdin (else /dev/null)
 */
struct proc_opts {
	const char *env;
	uid_t uid;
	bool sysctl_fd;
	bool pipe_in;
};

struct proc {
	pid_t pid;
	int in, out, err;	/* our ends; -1 when not piped */
};

static void proc_start(struct proc *p, const struct proc_opts *o,
		       char *const argv[])
{
	int in[2] = { -1, -1 }, out[2], err[2];

	if (o->pipe_in)
		ASSERT_OK(pipe2(in, O_CLOEXEC));
	ASSERT_OK(pipe2(out, O_CLOEXEC));
	ASSERT_OK(pipe2(err, O_CLOEXEC));
	fflush(stdout);
	p->pid = ASSERT_OK(fork());
	if (!p->pid) {
		int fd;

		if (o->pipe_in) {
			dup2(in[0], 0);
		} else {
			fd = open("/dev/null", O_RDONLY);
			dup2(fd, 0);
		}
		dup2(out[1], 1);
		dup2(err[1], 2);
		if (o->sysctl_fd) {
			fd = open(GLOBAL_SYSCTL, O_WRONLY);
			if (fd < 0 || dup2(fd, 3) < 0)
				_exit(99);
		}
		if (o->env)
			putenv((char *)o->env);
		if (o->uid) {
			if (setgroups(0, NULL) < 0 ||
			    setresgid(o->uid, o->uid, o->uid) < 0 ||
			    setresuid(o->uid, o->uid, o->uid) < 0 ||
			    getuid() != o->uid || geteuid() != o->uid)
				_exit(98);
		}
		execvp(argv[0], argv);
		_exit(97);
	}
	if (o->pipe_in)
		close(in[0]);
	close(out[1]);
	close(err[1]);
	p->in = in[1];
	p->out = out[0];
	p->err = err[0];
}

/* Read until EOF or @timeout_ms; returns the length read. */
static size_t read_all(int fd, char *buf, size_t len, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t n = 0;
	ssize_t r;

	while (n + 1 < len && poll(&pfd, 1, timeout_ms) > 0) {
		r = read(fd, buf + n, len - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	return n;
}

/* Read one line (without the newline); false on EOF or timeout. */
static bool read_line(int fd, char *buf, size_t len, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t n = 0;
	char c;

	while (n + 1 < len) {
		if (poll(&pfd, 1, timeout_ms) <= 0 || read(fd, &c, 1) != 1)
			return false;
		if (c == '\n')
			break;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return true;
}

static int wait_status(pid_t pid)
{
	int st;

	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

struct result {
	int rc;
	char out[8192], err[4096];
};

/* Run to the end, with @input on stdin (NULL: /dev/null). */
static void run_capture(const struct proc_opts *o, const char *input,
			char *const argv[], struct result *r)
{
	struct proc_opts po = *o;
	struct proc p;

	po.pipe_in = input != NULL;
	proc_start(&p, &po, argv);
	if (input) {
		ASSERT_EQ((ssize_t)strlen(input),
			  write(p.in, input, strlen(input)));
		close(p.in);
	}
	read_all(p.out, r->out, sizeof(r->out), 60000);
	read_all(p.err, r->err, sizeof(r->err), 60000);
	close(p.out);
	close(p.err);
	r->rc = wait_status(p.pid);
}

#define NSF(...) ((char *const[]){ (char *)nsfence_bin(), __VA_ARGS__, NULL })
#define PROBE(...) (char *)self_exe, "--probe", __VA_ARGS__

static const struct proc_opts as_root;

/* ----- helpers -------------------------------------------------------- */

/* Each line of @text as a "# " diagnostic. */
static void print_lines(const char *text)
{
	const char *p = text, *nl;

	while (*p) {
		nl = strchrnul(p, '\n');
		ktap_print("%.*s", (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	}
}

static void need_nsfence(void)
{
	struct nsfence *h;
	int ret = nsfence_open(&h);

	if (ret == -ENOENT)
		ktap_skip("the nsfence module is not loaded");
	ASSERT_EQ(0, ret);
	nsfence_close(h);
}

/* Is the user namespace @inum fenced? */
static int find_inum_cb(const struct nsfence_fence_info *f, void *arg)
{
	return f->ns_type == NSFENCE_NS_USER && f->ns_inum == *(uint32_t *)arg;
}

static bool user_ns_fenced(uint32_t inum)
{
	struct nsfence *h;
	int ret;

	ASSERT_EQ(0, nsfence_open(&h));
	ret = nsfence_list(h, find_inum_cb, &inum);
	nsfence_close(h);
	ASSERT_LE(1, ret);
	return ret == 1;
}

static unsigned int count_blocks(void)
{
	unsigned int n = 0;
	struct dirent *d;
	DIR *dir = opendir(IDS_DIR);

	if (!dir)
		return 0;
	while ((d = readdir(dir)))
		n += d->d_name[0] != '.';
	closedir(dir);
	return n;
}

/* "uid_map 0 BASE 65536" from a probe's output line; returns BASE. */
static unsigned long parse_map(const char *line, const char *which)
{
	unsigned long inside, base, count;
	char name[16];

	if (sscanf(line, "%15s %lu %lu %lu", name, &inside, &base, &count) != 4)
		ktap_fail(__FILE__, __LINE__, "unreadable map line '%s'", line);
	if (strcmp(name, which) || inside != 0 || count != 65536 || !base)
		ktap_fail(__FILE__, __LINE__, "%s: expected '0 BASE 65536' "
			  "with BASE > 0, got '%s'", which, line);
	return base;
}

/* Reap every descendant (we are their subreaper) within @secs. */
static void reap_all(unsigned int secs)
{
	time_t end = time(NULL) + secs;

	for (;;) {
		pid_t w = waitpid(-1, NULL, WNOHANG);

		if (w < 0 && errno == ECHILD)
			return;
		if (time(NULL) > end)
			ktap_fail(__FILE__, __LINE__, "a process of the "
				  "sandbox survived %u s after its helper "
				  "was killed", secs);
		if (w <= 0)
			usleep(20000);
	}
}

/* ----- run ------------------------------------------------------------ */

/* The sandbox's uid_map and gid_map are one "0 BASE 65536" line. */
static void uid_map_is_exclusive_block(void)
{
	static struct result r;
	unsigned long ub, gb;
	char *nl;

	need_nsfence();
	run_capture(&as_root, NULL, NSF("run", "--", PROBE("uidmap")), &r);
	print_lines(r.out);
	print_lines(r.err);
	ASSERT_EQ(0, r.rc);
	nl = strchr(r.out, '\n');
	ASSERT_TRUE(nl);
	*nl = '\0';
	ub = parse_map(r.out, "uid_map");
	gb = parse_map(nl + 1, "gid_map");
	ASSERT_EQ(ub, gb);
	ASSERT_LE(4294967295UL - 65536, ub);
	/* Released on exit. */
	ASSERT_EQ(0, count_blocks());
}

#define NR_CONCURRENT 20

/* 20 sandboxes alive together hold 20 different blocks; all are freed. */
static void concurrent_runs_get_distinct_blocks(void)
{
	struct proc_opts o = { .pipe_in = true };
	static struct proc p[NR_CONCURRENT];
	unsigned long base[NR_CONCURRENT];
	char line[256];
	int i, j;

	need_nsfence();
	ASSERT_EQ(0, count_blocks());
	for (i = 0; i < NR_CONCURRENT; i++)
		proc_start(&p[i], &o, NSF("run", "--", PROBE("uidmap", "hold")));
	for (i = 0; i < NR_CONCURRENT; i++) {
		if (!read_line(p[i].out, line, sizeof(line), 60000))
			ktap_fail(__FILE__, __LINE__, "run %d printed no uid_map", i);
		base[i] = parse_map(line, "uid_map");
		for (j = 0; j < i; j++)
			if (base[j] == base[i])
				ktap_fail(__FILE__, __LINE__, "runs %d and %d "
					  "share block %lu", j, i, base[i]);
	}
	for (i = 1, j = 0; i < NR_CONCURRENT; i++)
		if (base[i] < base[j])
			j = i;
	ktap_print("%d distinct blocks, lowest base %lu", NR_CONCURRENT, base[j]);
	/* Every one is still running: 20 allocations. */
	ASSERT_EQ(NR_CONCURRENT, count_blocks());
	for (i = 0; i < NR_CONCURRENT; i++)
		close(p[i].in);
	for (i = 0; i < NR_CONCURRENT; i++) {
		ASSERT_EQ(0, wait_status(p[i].pid));
		close(p[i].out);
		close(p[i].err);
	}
	ASSERT_EQ(0, count_blocks());
}

/* kill -9 of `nsfence run`: its block stays behind and is reclaimed. */
static void killed_owner_block_reclaimed(void)
{
	struct proc_opts o = { .pipe_in = true };
	unsigned long stale, again;
	char line[256], path[64];
	struct proc p;

	need_nsfence();
	ASSERT_OK(prctl(PR_SET_CHILD_SUBREAPER, 1));
	ASSERT_EQ(0, count_blocks());
	proc_start(&p, &o, NSF("run", "--", PROBE("uidmap", "hold")));
	ASSERT_TRUE(read_line(p.out, line, sizeof(line), 60000));
	stale = parse_map(line, "uid_map");
	ASSERT_OK(kill(p.pid, SIGKILL));
	reap_all(20);
	snprintf(path, sizeof(path), IDS_DIR "/%lu", stale);
	/* Nobody released it... */
	ASSERT_OK(access(path, F_OK));
	ASSERT_EQ(1, count_blocks());
	close(p.in);
	close(p.out);
	close(p.err);

	/* ...and the next run takes it over. */
	proc_start(&p, &o, NSF("run", "--", PROBE("uidmap", "hold")));
	ASSERT_TRUE(read_line(p.out, line, sizeof(line), 60000));
	again = parse_map(line, "uid_map");
	ASSERT_EQ(stale, again);
	ASSERT_EQ(1, count_blocks());
	close(p.in);
	ASSERT_EQ(0, wait_status(p.pid));
	ASSERT_EQ(0, count_blocks());
}

#define NR_LOOPS 200

/*
 * The payload's first action is a denied operation: the fence must be in
 * place before it.  An unfenced payload would load tipc (its socket would
 * work); the write to the inherited sysctl fd is EPERM either way (the
 * kernel re-checks a sysctl's permission on write), so the counters prove
 * that nsfence denied it every time.
 */
static void fence_before_exec_200(void)
{
	struct proc_opts o = { .sysctl_fd = true };
	struct nsfence_counters before, after;
	static struct result r;
	int i;

	need_nsfence();
	module_unload_quiet("tipc");
	if (module_loaded("tipc"))
		ktap_skip("tipc is loaded and cannot be unloaded: no auto-load to deny");
	ASSERT_EQ(0, counters_get(&before));
	for (i = 0; i < NR_LOOPS; i++) {
		run_capture(&o, NULL, NSF("run", "--", PROBE("tipc=EAFNOSUPPORT",
						  "sysctl-fd:3=EPERM")), &r);
		if (r.rc) {
			print_lines(r.out);
			print_lines(r.err);
			ktap_fail(__FILE__, __LINE__, "run %d: exit %d", i, r.rc);
		}
	}
	ASSERT_EQ(0, counters_get(&after));
	ktap_print("modules denied +%llu, sysctl denied +%llu in %d runs",
		   (unsigned long long)(after.denied[NSFENCE_CLASS_MODULES] -
					before.denied[NSFENCE_CLASS_MODULES]),
		   (unsigned long long)(after.denied[NSFENCE_CLASS_SYSCTL] -
					before.denied[NSFENCE_CLASS_SYSCTL]),
		   NR_LOOPS);
	ASSERT_LE(after.denied[NSFENCE_CLASS_MODULES] - NR_LOOPS,
		  before.denied[NSFENCE_CLASS_MODULES]);
	ASSERT_LE(after.denied[NSFENCE_CLASS_SYSCTL] - NR_LOOPS,
		  before.denied[NSFENCE_CLASS_SYSCTL]);
	ASSERT_EQ(false, module_loaded("tipc"));
}

/*
 * kill -9 of the helper at each step of `run`: CMD never runs before the
 * fence holds, and no process of the sandbox outlives the helper.
 */
static void kill9_at_each_step(void)
{
	static const char *const steps[] = {
		"cloned", "ids", "mapped", "fenced", "child-go", "child-exec",
		"started",
	};
	char env[64], line[256], mark[64];
	unsigned long inum;
	unsigned int i;
	struct proc p;
	int pid;

	need_nsfence();
	ASSERT_OK(prctl(PR_SET_CHILD_SUBREAPER, 1));
	for (i = 0; i < KTAP_COUNT(steps); i++) {
		struct proc_opts o = { .env = env };
		bool started = !strcmp(steps[i], "started");
		FILE *f;

		unlink(MARK);
		snprintf(env, sizeof(env), "NSFENCE_TEST_PAUSE=%s", steps[i]);
		proc_start(&p, &o, NSF("run", "--", PROBE("mark:" MARK, "sleep")));
		if (!read_line(p.err, line, sizeof(line), 30000))
			ktap_fail(__FILE__, __LINE__, "%s: no pause", steps[i]);
		if (!strstr(line, "test pause at "))
			ktap_fail(__FILE__, __LINE__, "%s: %s", steps[i], line);
		if (started) {
			/* CMD is running: it must be fenced already. */
			int tries = 1000, n = 0;

			/* Until the mark is there and complete. */
			while (n != 2 && --tries) {
				usleep(10000);
				f = fopen(MARK, "re");
				if (!f)
					continue;
				n = fscanf(f, "%lu %d", &inum, &pid);
				fclose(f);
			}
			if (n != 2)
				ktap_fail(__FILE__, __LINE__, "started: CMD left no mark");
			ASSERT_EQ(true, user_ns_fenced((uint32_t)inum));
		} else {
			/* Give a wrongly started CMD time to show up. */
			usleep(200000);
		}
		ASSERT_OK(kill(p.pid, SIGKILL));
		reap_all(20);
		if (!started && !access(MARK, F_OK))
			ktap_fail(__FILE__, __LINE__, "%s: CMD ran", steps[i]);
		snprintf(mark, sizeof(mark), "%s", steps[i]);
		ktap_print("%s: killed; %s", mark, started ?
			   "CMD was fenced and is gone" : "CMD never ran");
		close(p.out);
		close(p.err);
	}
	unlink(MARK);
}

/* --rootfs: CMD sees DIR as / and a /proc of its own pid namespace. */
static void rootfs_pivots(void)
{
	static struct result r;
	char dir[] = "/tmp/run_test.rootXXXXXX", path[PATH_MAX];

	need_nsfence();
	if (access("/bin/busybox", X_OK))
		ktap_skip("no /bin/busybox to put in the root");
	ASSERT_TRUE(mkdtemp(dir));
	/* The sandbox's root is a host id of its block: it must get in. */
	ASSERT_OK(chmod(dir, 0755));
	snprintf(path, sizeof(path), "%s/bin", dir);
	ASSERT_OK(mkdir(path, 0755));
	snprintf(path, sizeof(path), "%s/proc", dir);
	ASSERT_OK(mkdir(path, 0755));
	snprintf(path, sizeof(path), "%s/only-in-rootfs", dir);
	ASSERT_OK(mkdir(path, 0755));
	snprintf(path, sizeof(path), "cp /bin/busybox %s/bin/busybox", dir);
	ASSERT_EQ(0, system(path));
	run_capture(&as_root, NULL, NSF("run", "--rootfs", dir, "--",
					"/bin/busybox", "sh", "-c",
					"/bin/busybox ls /; /bin/busybox cat /proc/self/uid_map; echo pid $$"),
		    &r);
	print_lines(r.out);
	print_lines(r.err);
	ASSERT_EQ(0, r.rc);
	ASSERT_TRUE(strstr(r.out, "only-in-rootfs"));
	ASSERT_TRUE(!strstr(r.out, "extra"));
	ASSERT_TRUE(strstr(r.out, "pid 2\n"));
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	ASSERT_EQ(0, system(path));
}

/* ----- fence --pid ------------------------------------------------------ */

/* The child of @parent (first found), or 0. */
static pid_t child_of(pid_t parent)
{
	struct dirent *d;
	pid_t found = 0;
	DIR *dir = opendir("/proc");

	while (dir && !found && (d = readdir(dir))) {
		char path[300], buf[1024], *pp;
		pid_t pid = atoi(d->d_name);

		if (pid <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		if (probe_read(path, buf, sizeof(buf)))
			continue;
		pp = strstr(buf, "\nPPid:");
		if (pp && atoi(pp + 6) == parent)
			found = pid;
	}
	if (dir)
		closedir(dir);
	return found;
}

/* In a child: enter @pid's namespace @type and try the sysctl; errno. */
static int sysctl_write_in(pid_t pid, const char *type, int nstype)
{
	char path[64];
	int fd, st;
	pid_t c;

	c = ASSERT_OK(fork());
	if (!c) {
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid, type);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, nstype) < 0)
			_exit(200);
		/* A pid namespace applies to children only. */
		if (nstype == CLONE_NEWPID) {
			pid_t g = fork();

			if (g < 0)
				_exit(201);
			if (g) {
				if (waitpid(g, &st, 0) != g || !WIFEXITED(st))
					_exit(202);
				_exit(WEXITSTATUS(st));
			}
		}
		fd = open(GLOBAL_SYSCTL, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			_exit(errno);
		_exit(probe_write_value(fd));
	}
	return wait_status(c);
}

static void fence_pid_running(const char *what, char *const argv[],
			      const char *type, int nstype)
{
	struct nsfence_counters before, after;
	static struct result r;
	char pidbuf[16];
	pid_t u, inner = 0;
	int err, tries = 500;
	struct proc p;

	need_nsfence();
	if (access("/usr/bin/unshare", X_OK))
		ktap_skip("no /usr/bin/unshare");
	proc_start(&p, &as_root, argv);
	u = p.pid;
	while (!inner && --tries) {
		usleep(10000);
		inner = child_of(u);
	}
	if (!inner) {
		kill(u, SIGKILL);
		ktap_fail(__FILE__, __LINE__, "%s: no process inside", what);
	}
	usleep(100000);	/* the child has exec'd sleep */

	err = sysctl_write_in(inner, type, nstype);
	ktap_print("%s: before the fence: %s", what, err ? strerror(err) : "written");
	if (err != 0 && err != EACCES)
		ktap_fail(__FILE__, __LINE__, "before: unexpected %d", err);

	snprintf(pidbuf, sizeof(pidbuf), "%d", inner);
	run_capture(&as_root, NULL, NSF("fence", "--pid", pidbuf), &r);
	ktap_print("fence --pid %s: rc %d", pidbuf, r.rc);
	print_lines(r.err);
	ASSERT_EQ(0, r.rc);

	ASSERT_EQ(0, counters_get(&before));
	err = sysctl_write_in(inner, type, nstype);
	ASSERT_EQ(0, counters_get(&after));
	ktap_print("%s: after the fence: %s", what, err ? strerror(err) : "written");
	ASSERT_EQ(EPERM, err);
	ASSERT_LE(after.denied[NSFENCE_CLASS_SYSCTL] - 1,
		  before.denied[NSFENCE_CLASS_SYSCTL]);
	kill(u, SIGKILL);
	kill(inner, SIGKILL);
	waitpid(u, NULL, 0);
}

/* unshare -Urpf: a user-namespace container whose root is host root. */
static void fence_pid_userns_container(void)
{
	fence_pid_running("userns",
			  (char *const[]){ "unshare", "-Urpf", "--mount-proc",
					   "sleep", "1000", NULL },
			  "user", CLONE_NEWUSER);
}

/* unshare -pf: a rootful container; its pid namespace is fenced. */
static void fence_pid_rootful_container(void)
{
	fence_pid_running("rootful",
			  (char *const[]){ "unshare", "-pf", "--mount-proc",
					   "sleep", "1000", NULL },
			  "pid", CLONE_NEWPID);
}

/* ----- check ---------------------------------------------------------- */

static void check_passes_with_module(void)
{
	static struct result r;

	need_nsfence();
	run_capture(&as_root, NULL, NSF("check"), &r);
	print_lines(r.out);
	print_lines(r.err);
	ASSERT_EQ(0, r.rc);
	ASSERT_TRUE(!strstr(r.out, "FAIL"));
	ASSERT_TRUE(strstr(r.out, "nsfence is active"));
	/* Every class has its row. */
	ASSERT_TRUE(strstr(r.out, "module auto-load "));
	ASSERT_TRUE(strstr(r.out, "global sysctl write "));
	ASSERT_TRUE(strstr(r.out, "raw device open "));
	ASSERT_TRUE(strstr(r.out, "mknod "));

	run_capture(&as_root, NULL, NSF("check", "--json"), &r);
	ASSERT_EQ(0, r.rc);
	ASSERT_TRUE(!strncmp(r.out, "{\n  \"ok\": true,", 15));
	ASSERT_TRUE(!strstr(r.out, "\"ok\": false"));
	ASSERT_EQ(0, count_blocks());
}

/* ----- bad input ---------------------------------------------------- */

/**
 * struct bad_case - a command line that must be refused
 * @argv: arguments after "nsfence"; "@PID" is replaced by a live task in
 *	a user namespace of its own
 * @input: stdin, or NULL
 * @rc: the exit status expected (any non-zero when -1)
 * @nonroot: run as uid 65534
 */
struct bad_case {
	const char *argv[8];
	const char *input;
	int rc;
	bool nonroot;
};

#define STATE(pid) "{\"ociVersion\": \"1.0.2\", \"id\": \"t1\", " \
	"\"status\": \"creating\", \"pid\": " pid ", \"bundle\": \"/tmp\"}"

static const struct bad_case bad_cases[] = {
	{ { "no-such-command" }, NULL, 2, false },
	{ { "help", "no-such-command" }, NULL, 2, false },
	{ { "monitor", "--bogus" }, NULL, 2, false },
	{ { "monitor", "--fence", "abc" }, NULL, 2, false },
	{ { "monitor", "extra" }, NULL, 2, false },
	{ { "status", "--bogus" }, NULL, 2, false },
	{ { "status", "extra" }, NULL, 2, false },
	{ { "list", "--bogus" }, NULL, 2, false },
	{ { "lock", "--bogus" }, NULL, 2, false },
	{ { "fence", "--bogus" }, NULL, 2, false },
	{ { "fence" }, NULL, 2, false },
	{ { "fence", "--pid" }, NULL, 2, false },
	{ { "fence", "--pid", "abc" }, NULL, 2, false },
	{ { "fence", "--pid", "12x" }, NULL, 2, false },
	{ { "fence", "--pid", "-5" }, NULL, 2, false },
	{ { "fence", "--pid", "0" }, NULL, 2, false },
	{ { "fence", "--pid", "99999999999" }, NULL, 2, false },
	{ { "fence", "--pid", "999999" }, NULL, 1, false },
	{ { "fence", "--pid", "1" }, NULL, 1, false },
	{ { "fence", "--pid", "@PID", "--ns", "net" }, NULL, 2, false },
	{ { "fence", "--pid", "@PID", "--deny", "bogus" }, NULL, 2, false },
	{ { "fence", "--pid", "@PID", "--allow-device", "x 1:1 r" }, NULL, 2, false },
	{ { "unfence" }, NULL, 2, false },
	{ { "unfence", "--bogus" }, NULL, 2, false },
	{ { "unfence", "--pid" }, NULL, 2, false },
	{ { "unfence", "--pid", "abc" }, NULL, 2, false },
	{ { "unfence", "--ns", "user", "--inum", "xyz" }, NULL, 2, false },
	{ { "unfence", "--pid", "999999" }, NULL, 1, false },
	{ { "run", "--bogus", "true" }, NULL, 125, false },
	{ { "run" }, NULL, 125, false },
	{ { "run", "--deny", "bogus", "true" }, NULL, 125, false },
	{ { "run", "--rootfs" }, NULL, 125, false },
	{ { "run", "--rootfs", "/no/such/dir", "true" }, NULL, 125, false },
	{ { "run", "--", "/no/such/cmd" }, NULL, 127, false },
	{ { "check", "--bogus" }, NULL, 2, false },
	{ { "check", "extra" }, NULL, 2, false },
	{ { "oci-hook", "--bogus" }, "{}", 2, false },
	{ { "oci-hook", "--deny", "bogus" }, STATE("1"), 2, false },
	{ { "oci-hook", "extra" }, STATE("1"), 2, false },
	{ { "oci-hook" }, "", 1, false },
	{ { "oci-hook" }, "not json", 1, false },
	{ { "oci-hook" }, "[1, 2]", 1, false },
	{ { "oci-hook" }, "{\"ociVersion\": \"1.0.2\", \"id\": \"t1\", \"status\": \"creating\"}", 1, false },
	{ { "oci-hook" }, STATE("\"abc\""), 1, false },
	{ { "oci-hook" }, STATE("-3"), 1, false },
	{ { "oci-hook" }, STATE("999999"), 1, false },
	{ { "oci-hook" }, STATE("1"), 1, false },
	{ { "oci-hook" }, STATE("1") " trailing", 1, false },
	{ { "oci-hook" }, "{\"ociVersion\": \"1.0.2\", \"id\": \"t1\", \"status\": \"stopped\", \"pid\": 1}", 1, false },
	/* Not root. */
	{ { "fence", "--pid", "@PID" }, NULL, 1, true },
	{ { "unfence", "--ns", "user", "--inum", "4026531837" }, NULL, 1, true },
	{ { "lock" }, NULL, 1, true },
	{ { "run", "true" }, NULL, 125, true },
	{ { "check" }, NULL, 1, true },
	{ { "oci-hook" }, STATE("@PID"), 1, true },
};

/* A task in a user namespace of its own (a fence target); killed later. */
static pid_t userns_target(void)
{
	int fds[2];
	pid_t pid;
	char c;

	ASSERT_OK(pipe(fds));
	pid = ASSERT_OK(fork());
	if (!pid) {
		close(fds[0]);
		if (unshare(CLONE_NEWUSER) < 0)
			_exit(1);
		if (write(fds[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[1]);
	ASSERT_EQ(1, read(fds[0], &c, 1));
	close(fds[0]);
	return pid;
}

/* Each bad command line: one line on stderr, nothing on stdout, its rc. */
static void bad_input_one_line_error(void)
{
	char pidbuf[16], state[256];
	static struct result r;
	unsigned int i, j, failed = 0;
	pid_t target;

	need_nsfence();
	target = userns_target();
	snprintf(pidbuf, sizeof(pidbuf), "%d", target);
	for (i = 0; i < KTAP_COUNT(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct proc_opts o = { .uid = c->nonroot ? 65534 : 0 };
		char *argv[10] = { (char *)nsfence_bin() };
		const char *input = c->input;
		char *nl, shown[256] = "";
		bool ok;

		for (j = 0; c->argv[j]; j++) {
			argv[j + 1] = !strcmp(c->argv[j], "@PID") ? pidbuf :
				      (char *)c->argv[j];
			snprintf(shown + strlen(shown), sizeof(shown) - strlen(shown),
				 " %s", argv[j + 1]);
		}
		if (input && strstr(input, "@PID")) {
			snprintf(state, sizeof(state), STATE("%s"), pidbuf);
			input = state;
		}
		run_capture(&o, input, argv, &r);
		nl = strchr(r.err, '\n');
		ok = r.rc != 0 && (c->rc < 0 || r.rc == c->rc) && !r.out[0] &&
		     nl && !nl[1] && !strncmp(r.err, "nsfence: ", 9);
		ktap_print("%snsfence%s -> %d: %.*s", c->nonroot ? "(uid 65534) " : "",
			   shown, r.rc, nl ? (int)(nl - r.err) : 15,
			   nl ? r.err : "(no error line)");
		if (!ok) {
			ktap_print("  ^ FAILED: expected exit %d, one line on stderr, "
				   "nothing on stdout; stdout: %.200s", c->rc, r.out);
			failed++;
		}
	}
	kill(target, SIGKILL);
	waitpid(target, NULL, 0);
	ASSERT_EQ(0, failed);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(uid_map_is_exclusive_block),
	KTAP_CASE_T(concurrent_runs_get_distinct_blocks, 300),
	KTAP_CASE(killed_owner_block_reclaimed),
	KTAP_CASE_T(fence_before_exec_200, 900),
	KTAP_CASE_T(kill9_at_each_step, 300),
	KTAP_CASE(rootfs_pivots),
	KTAP_CASE(fence_pid_userns_container),
	KTAP_CASE(fence_pid_rootful_container),
	KTAP_CASE(check_passes_with_module),
	KTAP_CASE_T(bad_input_one_line_error, 300),
};

int main(int argc, char **argv)
{
	ssize_t n;

	if (argc > 1 && !strcmp(argv[1], "--probe"))
		return probe_main(argc, argv);
	n = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (n <= 0)
		return 1;
	self_exe[n] = '\0';
	return ktap_run(cases, KTAP_COUNT(cases));
}
