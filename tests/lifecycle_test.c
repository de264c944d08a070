// SPDX-License-Identifier: GPL-2.0
/*
 * Module and fence life cycle: the module unloads and loads again cleanly,
 * also while other CPUs run hooked system calls; it cannot be unloaded
 * while a fence exists; a fence goes away with its namespace, and a new
 * namespace that reuses the inode number is not fenced.  The kernel log
 * stays free of oops, BUG and WARN.
 */
#define _GNU_SOURCE
#include "container.h"
#include "kernel.h"
#include "ktap.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

static int count_cb(const struct nsfence_fence_info *f, void *arg)
{
	(void)f;
	(*(int *)arg)++;
	return 0;
}

static int fence_count(struct nsfence *h)
{
	int n = 0;

	ASSERT_EQ(0, nsfence_list(h, count_cb, &n));
	return n;
}

/*
 * Unloading needs a module without fences: those of containers of earlier
 * tests go away with their namespaces (reclaim runs on every LIST).
 */
static void require_module_file(void)
{
	char path[256];
	struct nsfence *h;
	int i;

	if (nsfence_module_builtin())
		ktap_skip("nsfence is built into this kernel: no unload, no load");
	if (nsfence_module_path(path, sizeof(path)))
		ktap_skip("no module file at %s", path);
	if (nsfence_open(&h) == 0) {
		for (i = 0; i < 50 && fence_count(h); i++)
			usleep(100000);
		ASSERT_EQ(0, fence_count(h));
		nsfence_close(h);
	}
}

/* The VM loaded the module at boot (scripts/vm without --no-module). */
static void module_is_loaded(void)
{
	ASSERT_TRUE(nsfence_module_loaded());
}

/* Unload and load again, several times; each state is visible in sysfs. */
static void unload_load_cycles(void)
{
	int i;

	require_module_file();
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, nsfence_module_unload());
		ASSERT_TRUE(!nsfence_module_loaded());
		ASSERT_EQ(0, nsfence_module_load(NULL));
		ASSERT_TRUE(nsfence_module_loaded());
	}
}

/* Loading twice is refused by the kernel, and the first copy stays. */
static void double_load_refused(void)
{
	require_module_file();
	ASSERT_EQ(-EEXIST, nsfence_module_load(NULL));
	ASSERT_TRUE(nsfence_module_loaded());
}

/* Forks a task that loops on system calls every hook sees. */
static pid_t start_hammer(void)
{
	pid_t pid = ASSERT_OK(fork());

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;) {
			int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

			if (fd >= 0) {
				if (write(fd, "x", 1) < 0)
					_exit(1);
				close(fd);
			}
			fd = open("/proc/sys/kernel/ostype", O_RDONLY | O_CLOEXEC);
			if (fd >= 0)
				close(fd);
			fd = socket(AF_UNIX, SOCK_DGRAM, 0);
			if (fd >= 0)
				close(fd);
		}
	}
	return pid;
}

/*
 * Unload while two other tasks hammer hooked calls: no oops, no hang.
 * Each cycle costs ~15 s under TCG (~25 s on the debug kernel): every
 * hook is an ftrace_ops of its own, and each unregistration waits for an
 * RCU-tasks grace period.  8 cycles keep make check in its time.
 */
static void unload_under_load(void)
{
	pid_t a, b;
	int i;

	require_module_file();
	a = start_hammer();
	b = start_hammer();
	for (i = 0; i < 8; i++) {
		ASSERT_EQ(0, nsfence_module_unload());
		usleep(10000);
		ASSERT_EQ(0, nsfence_module_load(NULL));
		usleep(10000);
	}
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
}

/* A child parked in a new user namespace until its pipe closes. */
static pid_t park_userns(int *release_fd)
{
	int ready[2], release[2];
	pid_t pid;
	char c;

	ASSERT_OK(pipe(ready));
	ASSERT_OK(pipe(release));
	pid = ASSERT_OK(fork());
	if (pid == 0) {
		close(ready[0]);
		close(release[1]);
		if (unshare(CLONE_NEWUSER))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		/* Returns when the parent closes its end (or dies). */
		if (read(release[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);
	*release_fd = release[1];
	return pid;
}

static int fence_user(struct nsfence *h, pid_t pid, uint32_t *inum)
{
	struct nsfence_fence_req req = {
		.pid = pid, .ns_type = NSFENCE_NS_USER, .classes = NSFENCE_CLASSES_ALL,
	};

	ASSERT_EQ(0, nsfence_ns_inum(pid, NSFENCE_NS_USER, &req.ns_inum));
	*inum = req.ns_inum;
	return nsfence_fence(h, &req);
}

/*
 * While a fence exists the module pins itself: delete_module(O_NONBLOCK),
 * as rmmod calls it, fails with EWOULDBLOCK ("Module nsfence is in use").
 */
static void pinned_while_fenced(void)
{
	struct nsfence *h;
	uint32_t inum;
	int release;
	pid_t pid;

	require_module_file();
	ASSERT_EQ(0, nsfence_open(&h));
	pid = park_userns(&release);
	ASSERT_EQ(0, fence_user(h, pid, &inum));
	ASSERT_EQ(-EWOULDBLOCK, nsfence_module_unload());
	ASSERT_TRUE(nsfence_module_loaded());
	ASSERT_EQ(0, nsfence_unfence(h, NSFENCE_NS_USER, inum));
	nsfence_close(h);
	ASSERT_EQ(0, nsfence_module_unload());
	ASSERT_EQ(0, nsfence_module_load(NULL));
	close(release);
	waitpid(pid, NULL, 0);
}

/* The fence of a dead namespace is reclaimed; the module is free again. */
static void reclaim_after_namespace_dies(void)
{
	struct nsfence *h;
	uint32_t inum;
	int release, i, before;
	pid_t pid;

	ASSERT_EQ(0, nsfence_open(&h));
	/* Fences of earlier containers go as their namespaces die. */
	for (i = 0; i < 50 && fence_count(h); i++)
		usleep(100000);
	before = fence_count(h);
	pid = park_userns(&release);
	ASSERT_EQ(0, fence_user(h, pid, &inum));
	ASSERT_EQ(before + 1, fence_count(h));
	close(release);
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	/* The namespace is freed asynchronously; reclaim runs on every LIST. */
	for (i = 0; i < 50 && fence_count(h) != before; i++)
		usleep(100000);
	ASSERT_EQ(before, fence_count(h));
	nsfence_close(h);
}

static int body_fenced(void *arg)
{
	int *fenced = arg;
	int fd = open("/proc/sys/kernel/printk_ratelimit", O_WRONLY | O_CLOEXEC);

	ASSERT_EQ(*fenced ? -1 : 1, fd < 0 ? -1 : 1);
	return 0;
}

/* Inode numbers are reused at once: a new namespace must start unfenced. */
static void no_stale_fence_on_reused_inum(void)
{
	struct container_opts fenced = { .kind = CONTAINER_USERNS, .fence = true };
	struct container_opts plain = { .kind = CONTAINER_USERNS };
	struct nsfence *h;
	int i, yes = 1, no = 0;

	ASSERT_EQ(0, container_run(&fenced, body_fenced, &yes));
	ASSERT_EQ(0, nsfence_open(&h));
	for (i = 0; i < 50 && fence_count(h) != 0; i++)
		usleep(100000);
	nsfence_close(h);
	for (i = 0; i < 10; i++)
		ASSERT_EQ(0, container_run(&plain, body_fenced, &no));
}

/* Nothing of the above made the kernel complain. */
static void kernel_log_clean(void)
{
	char line[512];

	if (kernel_log_has_problem(line, sizeof(line)))
		ktap_fail(__FILE__, __LINE__, "kernel log: %s", line);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(module_is_loaded),
	KTAP_CASE(unload_load_cycles),
	KTAP_CASE(double_load_refused),
	/* 20 cycles of synchronize_rcu_tasks(): minutes on a debug kernel. */
	KTAP_CASE_T(unload_under_load, 900),
	KTAP_CASE(pinned_while_fenced),
	KTAP_CASE(reclaim_after_namespace_dies),
	KTAP_CASE(no_stale_fence_on_reused_inum),
	KTAP_CASE(kernel_log_clean),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
