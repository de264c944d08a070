// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence benchmarks, run inside one VM boot (scripts/bench.sh).
 *
 * Every case compares two configurations, A (with what is measured) and
 * B (the baseline), in interleaved rounds: A, B, A, B, ...  Each sample
 * is the mean time of one operation over a batch.  The ratio of a case
 * is median(A) / median(B).  Under TCG absolute times mean little: only
 * the ratios are claims.
 *
 * Output: a human table on stdout between "BENCH-TABLE-BEGIN/END", and
 * the same as JSON between "BENCH-JSON-BEGIN/END" (json-c).
 *
 *   bench [--rounds N] [--smoke] [--nsfence PATH] [--crun-bundle DIR]
 */
#define _GNU_SOURCE
#include "kernel.h"
#include "nsfence.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ROUNDS 50
#define MAX_CASES 16

/**
 * struct bench_case - one row of the result table
 * @name: short name, as in the JSON
 * @what: A / B in words
 * @target: the goal for the ratio (0: report only)
 * @unit: what one sample measures
 * @a: samples of configuration A
 * @b: samples of configuration B
 * @n: samples taken of each
 */
struct bench_case {
	const char *name;
	const char *what;
	double target;
	const char *unit;
	double a[MAX_ROUNDS], b[MAX_ROUNDS];
	unsigned int n;
};

struct bench {
	unsigned int rounds;
	long batch;		/* operations per sample for syscall loops */
	int runs;		/* command runs per sample */
	const char *nsfence;	/* the helper binary */
	const char *bundle;	/* crun bundle, or NULL */
	struct bench_case cases[MAX_CASES];
	unsigned int nr_cases;
	char notes[4096];
};

static void die(const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void note(struct bench *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void note(struct bench *b, const char *fmt, ...)
{
	size_t len = strlen(b->notes);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->notes + len, sizeof(b->notes) - len, fmt, ap);
	va_end(ap);
}

static struct bench_case *add_case(struct bench *b, const char *name,
				   const char *what, double target, const char *unit)
{
	struct bench_case *c = &b->cases[b->nr_cases++];

	c->name = name;
	c->what = what;
	c->target = target;
	c->unit = unit;
	return c;
}

/* ----- operations measured ----------------------------------------- */

enum op {
	OP_OPEN_FILE,		/* open+close of a regular file */
	OP_OPEN_NULL,		/* open+close of /dev/null */
	OP_SYSCTL_NET,		/* write of the own netns net.ipv4.ip_forward */
	OP_DENIED_OPEN,		/* open of a global sysctl for write (denied) */
	OP_DENIED_DEV,		/* open of a c 1:1 (/dev/mem) node (denied) */
};

#define BENCH_FILE "/tmp/bench-file"
/* c 1:1: outside the devices allow-list, denied at file_open. */
#define BENCH_MEM "/tmp/bench-mem"

/* Mean nanoseconds of one operation over @n. */
static double run_op(enum op op, long n)
{
	static const char one[] = "1\n";
	double start = now_ns();
	int fd = -1;
	long i;

	for (i = 0; i < n; i++) {
		switch (op) {
		case OP_OPEN_FILE:
			fd = open(BENCH_FILE, O_RDONLY | O_CLOEXEC);
			break;
		case OP_OPEN_NULL:
			fd = open("/dev/null", O_RDWR | O_CLOEXEC);
			break;
		case OP_SYSCTL_NET:
			fd = open("/proc/sys/net/ipv4/ip_forward", O_WRONLY | O_CLOEXEC);
			if (fd >= 0 && write(fd, one, 2) != 2)
				return -1;
			break;
		case OP_DENIED_OPEN:
			fd = open("/proc/sys/kernel/printk_ratelimit", O_WRONLY | O_CLOEXEC);
			break;
		case OP_DENIED_DEV:
			fd = open(BENCH_MEM, O_RDONLY | O_CLOEXEC);
			/* Denied, and by nsfence: the same error every time. */
			if (fd >= 0 || errno != EPERM)
				return -1;
			break;
		}
		if (fd >= 0)
			close(fd);
		else if (op != OP_DENIED_OPEN && op != OP_DENIED_DEV)
			return -1;
	}
	return (now_ns() - start) / n;
}

/*
 * A worker: a child in @depth nested user namespaces (each mapping its
 * root to the parent's), with its own network namespace, that runs
 * operations on request.  It lives across module loads and unloads, so
 * "the same task" is measured with and without nsfence.
 */
struct worker {
	pid_t pid;
	int cmd, res;
	uint32_t outer_inum;	/* its outermost user namespace (depth 1) */
	pid_t holder;		/* a task that stays at depth 1, to fence it by */
};

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t len = strlen(text);
	int ret = 0;

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != len)
		ret = -1;
	close(fd);
	return ret;
}

static int enter_userns(void)
{
	if (unshare(CLONE_NEWUSER))
		return -1;
	if (write_text("/proc/self/setgroups", "deny") ||
	    write_text("/proc/self/uid_map", "0 0 1") ||
	    write_text("/proc/self/gid_map", "0 0 1"))
		return -1;
	return 0;
}

static void worker_start(struct worker *w, int depth)
{
	int cmd[2], res[2], i;
	uint32_t inum = 0;

	if (pipe(cmd) || pipe(res))
		die("pipe");
	w->pid = fork();
	if (w->pid < 0)
		die("fork");
	if (w->pid == 0) {
		struct { int op; long n; } req;
		double t;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(cmd[1]);
		close(res[0]);
		pid_t holder = 0;

		for (i = 0; i < depth; i++) {
			if (enter_userns())
				_exit(1);
			if (i > 0)
				continue;
			/* FENCE names a namespace by a task in it. */
			nsfence_ns_inum(0, NSFENCE_NS_USER, &inum);
			holder = fork();
			if (holder == 0) {
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				pause();
				_exit(0);
			}
		}
		if (unshare(CLONE_NEWNET))
			_exit(1);
		if (write(res[1], &inum, sizeof(inum)) != sizeof(inum) ||
		    write(res[1], &holder, sizeof(holder)) != sizeof(holder))
			_exit(1);
		while (read(cmd[0], &req, sizeof(req)) == sizeof(req)) {
			t = run_op(req.op, req.n);
			if (write(res[1], &t, sizeof(t)) != sizeof(t))
				_exit(1);
		}
		_exit(0);
	}
	close(cmd[0]);
	close(res[1]);
	w->cmd = cmd[1];
	w->res = res[0];
	if (read(w->res, &w->outer_inum, sizeof(w->outer_inum)) != sizeof(w->outer_inum) ||
	    read(w->res, &w->holder, sizeof(w->holder)) != sizeof(w->holder))
		die("worker start");
}

static double worker_run(struct worker *w, enum op op, long n)
{
	struct { int op; long n; } req = { op, n };
	double t;

	if (write(w->cmd, &req, sizeof(req)) != sizeof(req) ||
	    read(w->res, &t, sizeof(t)) != sizeof(t))
		die("worker");
	if (t < 0) {
		fprintf(stderr, "bench: operation %d failed in the worker\n", op);
		exit(1);
	}
	return t;
}

/* ----- the module and fences ----------------------------------------- */

static struct nsfence *open_family(void)
{
	struct nsfence *h;
	int ret = nsfence_open(&h);

	if (ret) {
		errno = -ret;
		die("nsfence_open");
	}
	return h;
}

static void module_set(bool loaded)
{
	int ret = loaded ? nsfence_module_load(NULL) : nsfence_module_unload();

	if (ret && ret != (loaded ? -EEXIST : -ENOENT)) {
		errno = -ret;
		die(loaded ? "load nsfence" : "unload nsfence");
	}
}

static void fence(struct nsfence *h, pid_t pid, uint32_t inum)
{
	struct nsfence_fence_req req = {
		.pid = pid, .ns_type = NSFENCE_NS_USER, .ns_inum = inum,
		.classes = NSFENCE_CLASSES_ALL,
	};
	int ret = nsfence_fence(h, &req);

	if (ret) {
		fprintf(stderr, "bench: fence pid %d: %s: %s\n", pid, strerror(-ret),
			nsfence_errmsg(h));
		exit(1);
	}
}

/* Sets the default fence (all classes), or removes it. */
static void fence_default(struct nsfence *h, bool on)
{
	struct nsfence_fence_req req = {
		.ns_type = NSFENCE_NS_DEFAULT, .classes = NSFENCE_CLASSES_ALL,
	};
	int ret = on ? nsfence_fence(h, &req) :
		       nsfence_unfence(h, NSFENCE_NS_DEFAULT, 0);

	if (ret) {
		fprintf(stderr, "bench: %s the default fence: %s: %s\n",
			on ? "set" : "remove", strerror(-ret), nsfence_errmsg(h));
		exit(1);
	}
}

/*
 * Many fences at once: children each unshare a user namespace; the
 * bench fences it and keeps it alive through an open namespace fd, so the
 * child can exit and the fence stays (reclaim sees a second reference).
 */
struct fence_pool {
	int *fds;
	uint32_t *inums;
	int count;
};

static void pool_fill(struct nsfence *h, struct fence_pool *p, int count)
{
	int i, go[2];
	char path[64], c;
	pid_t pid;

	p->fds = calloc(count, sizeof(*p->fds));
	p->inums = calloc(count, sizeof(*p->inums));
	if (!p->fds || !p->inums)
		die("calloc");

	for (i = 0; i < count; i++) {
		if (pipe(go))
			die("pipe");
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			close(go[0]);
			if (unshare(CLONE_NEWUSER))
				_exit(1);
			if (write(go[1], "r", 1) != 1)
				_exit(1);
			pause();
			_exit(0);
		}
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			die("pool child");
		close(go[0]);
		snprintf(path, sizeof(path), "/proc/%d/ns/user", pid);
		p->fds[i] = open(path, O_RDONLY | O_CLOEXEC);
		if (p->fds[i] < 0 || nsfence_ns_inum(pid, NSFENCE_NS_USER, &p->inums[i]))
			die("pool ns");
		fence(h, pid, p->inums[i]);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	p->count = count;
}

static void pool_drain(struct nsfence *h, struct fence_pool *p)
{
	int i;

	for (i = 0; i < p->count; i++) {
		nsfence_unfence(h, NSFENCE_NS_USER, p->inums[i]);
		close(p->fds[i]);
	}
	free(p->fds);
	free(p->inums);
	p->count = 0;
}

static long meminfo_kb(const char *key)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ':')
			v = atol(line + strlen(key) + 1);
	fclose(f);
	return v;
}

/*
 * Kernel Slab in kB, after dropping what can be reclaimed (the dentries
 * and inodes of /proc/PID files looked at) and asking every SLUB cache to
 * give back its empty slabs: otherwise caches and slabs kept for reuse
 * after a mass free look like memory still in use.
 */
static long slab_kb(void)
{
	char path[512];
	struct dirent *d;
	DIR *dir;

	sync();
	write_text("/proc/sys/vm/drop_caches", "2");
	dir = opendir("/sys/kernel/slab");

	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink", d->d_name);
		write_text(path, "1");
	}
	if (dir)
		closedir(dir);
	return meminfo_kb("Slab");
}

/* ----- commands ------------------------------------------------------ */

/* Mean wall time of @runs runs of @argv, in nanoseconds; exits on failure. */
static double time_command(char *const argv[], int runs)
{
	double start = now_ns();
	int status, i;
	pid_t pid;

	for (i = 0; i < runs; i++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			int null = open("/dev/null", O_RDWR);

			dup2(null, 1);
			dup2(null, 2);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0)
			die("waitpid");
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "bench: %s exited with status %d\n", argv[0], status);
			exit(1);
		}
	}
	return (now_ns() - start) / runs;
}

/* ----- the cases ----------------------------------------------------- */

static void bench_syscalls(struct bench *b)
{
	struct bench_case *unfenced = add_case(b, "open-unfenced",
		"unfenced open+close, module + 1000 fences / no module", 1.03, "ns/op");
	struct bench_case *fenced = add_case(b, "open-fenced",
		"fenced open+close, module / same task, no module", 1.05, "ns/op");
	struct bench_case *devnull = add_case(b, "devnull-fenced",
		"fenced open+close /dev/null, module / no module", 1.05, "ns/op");
	struct bench_case *sysctl = add_case(b, "sysctl-own-netns",
		"fenced write of own net.ipv4.ip_forward, module / no module", 1.10, "ns/op");
	struct bench_case *deep = add_case(b, "open-depth32",
		"fenced open+close at user ns depth 32 / depth 1", 1.10, "ns/op");
	struct bench_case *dflt = add_case(b, "open-default",
		"open+close under the default fence, module + 1000 fences / no module",
		1.05, "ns/op");
	struct bench_case *dflt_deep = add_case(b, "open-default-d32",
		"open+close under the default fence at user ns depth 32, module / no module",
		1.10, "ns/op");
	struct fence_pool pool = { 0 };
	struct worker w1, w32;
	struct nsfence *h;
	unsigned int r;

	worker_start(&w1, 1);
	worker_start(&w32, 32);
	for (r = 0; r < b->rounds; r++) {
		/* A: module loaded, 1000 fences, the workers fenced. */
		module_set(true);
		h = open_family();
		pool_fill(h, &pool, 999);
		fence(h, w1.holder, w1.outer_inum);
		fence(h, w32.holder, w32.outer_inum);
		unfenced->a[r] = run_op(OP_OPEN_FILE, b->batch);
		fenced->a[r] = worker_run(&w1, OP_OPEN_FILE, b->batch);
		devnull->a[r] = worker_run(&w1, OP_OPEN_NULL, b->batch);
		sysctl->a[r] = worker_run(&w1, OP_SYSCTL_NET, b->batch / 4);
		deep->a[r] = worker_run(&w32, OP_OPEN_FILE, b->batch);
		deep->b[r] = worker_run(&w1, OP_OPEN_FILE, b->batch);
		/* The same workers under the default fence, not their own. */
		nsfence_unfence(h, NSFENCE_NS_USER, w1.outer_inum);
		nsfence_unfence(h, NSFENCE_NS_USER, w32.outer_inum);
		fence_default(h, true);
		dflt->a[r] = worker_run(&w1, OP_OPEN_FILE, b->batch);
		dflt_deep->a[r] = worker_run(&w32, OP_OPEN_FILE, b->batch);
		fence_default(h, false);
		pool_drain(h, &pool);
		nsfence_close(h);
		/* B: no module at all. */
		module_set(false);
		unfenced->b[r] = run_op(OP_OPEN_FILE, b->batch);
		fenced->b[r] = worker_run(&w1, OP_OPEN_FILE, b->batch);
		devnull->b[r] = worker_run(&w1, OP_OPEN_NULL, b->batch);
		sysctl->b[r] = worker_run(&w1, OP_SYSCTL_NET, b->batch / 4);
		dflt->b[r] = worker_run(&w1, OP_OPEN_FILE, b->batch);
		dflt_deep->b[r] = worker_run(&w32, OP_OPEN_FILE, b->batch);
	}
	unfenced->n = fenced->n = devnull->n = sysctl->n = deep->n = b->rounds;
	dflt->n = dflt_deep->n = b->rounds;
	module_set(true);
	kill(w1.pid, SIGKILL);
	kill(w32.pid, SIGKILL);
	waitpid(w1.pid, NULL, 0);
	waitpid(w32.pid, NULL, 0);
}

/*
 * Namespaces that can be fenced again and again: FENCE names a namespace
 * by a task in it, so each is held by a task that only waits.  The tasks
 * share our memory (CLONE_VM, a 4 KiB stack each): 10,000 of them cost
 * no page tables and little kernel memory.
 */
struct holder_pool {
	pid_t *pids;
	uint32_t *inums;
	char *stacks;
	int count;
	double fence_first_ns, fence_last_ns;	/* FENCE, first and last tenth */
	double unfence_ns;			/* UNFENCE, mean */
};

#define HOLDER_STACK 4096

static int holder_fn(void *arg)
{
	(void)arg;
	/* Nothing that touches our (shared) libc state: a bare wait. */
	for (;;)
		syscall(SYS_pause);
	return 0;
}

static void holders_start(struct holder_pool *p, int count)
{
	int i;

	p->pids = calloc(count, sizeof(*p->pids));
	p->inums = calloc(count, sizeof(*p->inums));
	p->stacks = mmap(NULL, (size_t)count * HOLDER_STACK, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!p->pids || !p->inums || p->stacks == MAP_FAILED)
		die("holders");
	for (i = 0; i < count; i++) {
		p->pids[i] = clone(holder_fn, p->stacks + (size_t)(i + 1) * HOLDER_STACK,
				   CLONE_VM | CLONE_NEWUSER | SIGCHLD, NULL);
		if (p->pids[i] < 0 || nsfence_ns_inum(p->pids[i], NSFENCE_NS_USER, &p->inums[i]))
			die("holder");
	}
	p->count = count;
}

static void holders_stop(struct holder_pool *p)
{
	int i;

	for (i = 0; i < p->count; i++)
		kill(p->pids[i], SIGKILL);
	for (i = 0; i < p->count; i++)
		waitpid(p->pids[i], NULL, 0);
	munmap(p->stacks, (size_t)p->count * HOLDER_STACK);
	free(p->pids);
	free(p->inums);
	p->count = 0;
}

/* Fence every namespace of @p; times the first and last tenth of FENCEs. */
static void holders_fence(struct nsfence *h, struct holder_pool *p)
{
	int i, tenth = p->count / 10 ? p->count / 10 : 1;
	double start = now_ns();

	for (i = 0; i < p->count; i++) {
		if (i == tenth)
			p->fence_first_ns = (now_ns() - start) / tenth;
		if (i == p->count - tenth)
			start = now_ns();
		fence(h, p->pids[i], p->inums[i]);
	}
	p->fence_last_ns = (now_ns() - start) / tenth;
}

static void holders_unfence(struct nsfence *h, struct holder_pool *p)
{
	double start = now_ns();
	int i, ret;

	for (i = 0; i < p->count; i++) {
		ret = nsfence_unfence(h, NSFENCE_NS_USER, p->inums[i]);
		if (ret) {
			errno = -ret;
			die("unfence");
		}
	}
	p->unfence_ns = p->count ? (now_ns() - start) / p->count : 0;
}

/*
 * 10,000 fences / 1 fence, interleaved: every round fences the 9,999
 * namespaces of a holder pool (A samples) and unfences them again (B
 * samples); the worker's own fence stays.  Kernel memory: Slab before
 * the pool, with it fenced and unfenced, and after it is gone.
 */
static void bench_many_fences(struct bench *b, int count)
{
	struct bench_case *c = add_case(b, "open-10k-fences",
		"fenced open+close with 10,000 fences / with 1 fence", 1.05, "ns/op");
	struct bench_case *denied = add_case(b, "denied-10k-fences",
		"fenced denied open (c 1:1, fence lookup) with 10,000 fences / with 1 fence",
		1.05, "ns/op");
	struct bench_case *mem = add_case(b, "fences-memory",
		"kernel Slab after 10,000 fences and their namespaces are gone / before",
		0, "kB");
	long slab_before, slab_fenced = 0, slab_unfenced = 0, slab_after;
	double fence_first = 0, fence_last = 0, unfence = 0;
	struct holder_pool pool = { 0 };
	struct nsfence *h;
	struct worker w;
	unsigned int r;

	worker_start(&w, 1);
	h = open_family();
	fence(h, w.holder, w.outer_inum);
	slab_before = slab_kb();
	holders_start(&pool, count - 1);
	for (r = 0; r < b->rounds; r++) {
		holders_fence(h, &pool);
		if (!r)
			slab_fenced = slab_kb();
		c->a[r] = worker_run(&w, OP_OPEN_FILE, b->batch);
		denied->a[r] = worker_run(&w, OP_DENIED_DEV, b->batch);
		holders_unfence(h, &pool);
		if (!r) {
			/* Removed fences are freed after a grace period. */
			sleep(1);
			slab_unfenced = slab_kb();
		}
		c->b[r] = worker_run(&w, OP_OPEN_FILE, b->batch);
		denied->b[r] = worker_run(&w, OP_DENIED_DEV, b->batch);
		fence_first += pool.fence_first_ns / b->rounds;
		fence_last += pool.fence_last_ns / b->rounds;
		unfence += pool.unfence_ns / b->rounds;
	}
	c->n = denied->n = b->rounds;
	holders_stop(&pool);
	nsfence_unfence(h, NSFENCE_NS_USER, w.outer_inum);
	nsfence_close(h);
	kill(w.pid, SIGKILL);
	waitpid(w.pid, NULL, 0);
	/* Namespaces and fences are freed through RCU and workqueues. */
	sleep(3);
	slab_after = slab_kb();
	mem->a[0] = slab_after;
	mem->b[0] = slab_before;
	mem->n = 1;
	note(b, "fences: FENCE %.0f us each for the first tenth of %d, %.0f us for "
	     "the last tenth; UNFENCE %.0f us each (means over the rounds).\n",
	     fence_first / 1e3, count - 1, fence_last / 1e3, unfence / 1e3);
	note(b, "fences-memory: Slab %ld kB before, %ld kB with %d namespaces (held by "
	     "tasks) fenced, %ld kB unfenced: %.0f bytes per fence, %.0f per fence "
	     "incl. its user namespace and holding task; %ld kB after.\n",
	     slab_before, slab_fenced, count - 1, slab_unfenced,
	     (slab_fenced - slab_unfenced) * 1024.0 / (count - 1),
	     (slab_fenced - slab_before) * 1024.0 / (count - 1), slab_after);
}

/*
 * The listener of the monitor case: a child subscribed to the denials
 * group through libnsfence (what "nsfence monitor" does, without the
 * printing), counting events until its control pipe is closed.
 */
struct listener {
	pid_t pid;
	int ctl;	/* closing it stops the listener */
	int res;	/* its counts */
};

struct listen_counts {
	uint64_t events;	/* events received */
	uint64_t overruns;	/* ENOBUFS: the socket's buffer overflowed */
};

static int count_event(const struct nsfence_event *ev, void *arg)
{
	struct listen_counts *n = arg;

	(void)ev;
	n->events++;
	return 0;
}

static void listener_child(int ctl, int res)
{
	struct listen_counts n = { 0 };
	struct nsfence_monitor *m;
	struct pollfd p[2];
	int ret;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	ret = nsfence_monitor_open(&m);
	if (ret) {
		fprintf(stderr, "bench: nsfence_monitor_open: %s\n", strerror(-ret));
		_exit(1);
	}
	if (write(res, "r", 1) != 1)
		_exit(1);
	p[0].fd = nsfence_monitor_fd(m);
	p[0].events = POLLIN;
	p[1].fd = ctl;
	p[1].events = POLLIN;
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		/* Events first: what is queued when told to stop still counts. */
		if (p[0].revents & POLLIN) {
			ret = nsfence_monitor_next(m, count_event, &n);
			if (ret == -ENOBUFS)
				n.overruns++;
			else if (ret < 0 && ret != -EINTR)
				_exit(1);
			continue;
		}
		if (p[1].revents)
			break;
	}
	nsfence_monitor_close(m);
	if (write(res, &n, sizeof(n)) != sizeof(n))
		_exit(1);
	_exit(0);
}

static void listener_start(struct listener *l)
{
	int ctl[2], res[2];
	char c;

	if (pipe(ctl) || pipe(res))
		die("pipe");
	l->pid = fork();
	if (l->pid < 0)
		die("fork");
	if (l->pid == 0) {
		close(ctl[1]);
		close(res[0]);
		listener_child(ctl[0], res[1]);
	}
	close(ctl[0]);
	close(res[1]);
	l->ctl = ctl[1];
	l->res = res[0];
	/* Subscribed before the first denial. */
	if (read(l->res, &c, 1) != 1)
		die("listener start");
}

static void listener_stop(struct listener *l, struct listen_counts *n)
{
	int status;

	close(l->ctl);
	if (read(l->res, n, sizeof(*n)) != sizeof(*n))
		die("listener result");
	close(l->res);
	if (waitpid(l->pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		die("listener exit");
}

/*
 * A fenced task doing @count denied opens (a c 1:1 node: the devices
 * class), with a listener on the denials group and without.  Events are
 * rate-limited to 100 per second and fence in the kernel: nearly all are
 * dropped there, cheaply; the ratio shows what a listener costs the
 * denied task.
 */
static void bench_monitor(struct bench *b, long count)
{
	struct bench_case *c = add_case(b, "denied-monitor",
		"fenced task, 1,000,000 denied opens, monitor listening / not", 0, "ns/op");
	struct listen_counts n, total = { 0 };
	struct nsfence_status before, after;
	uint64_t dropped = 0, denied = 0;
	struct listener l;
	struct nsfence *h;
	struct worker w;
	double secs = 0;
	unsigned int r;
	int ret;

	worker_start(&w, 1);
	h = open_family();
	fence(h, w.holder, w.outer_inum);
	for (r = 0; r < b->rounds; r++) {
		listener_start(&l);
		ret = nsfence_get_status(h, &before);
		c->a[r] = worker_run(&w, OP_DENIED_DEV, count);
		/* Let the work item send what is still queued. */
		usleep(300000);
		ret = ret ?: nsfence_get_status(h, &after);
		if (ret) {
			errno = -ret;
			die("nsfence status");
		}
		listener_stop(&l, &n);
		total.events += n.events;
		total.overruns += n.overruns;
		dropped += after.dropped - before.dropped;
		denied += after.counters.denied[NSFENCE_CLASS_DEVICES] -
			  before.counters.denied[NSFENCE_CLASS_DEVICES];
		secs += c->a[r] * count / 1e9;
		c->b[r] = worker_run(&w, OP_DENIED_DEV, count);
	}
	c->n = b->rounds;
	nsfence_unfence(h, NSFENCE_NS_USER, w.outer_inum);
	nsfence_close(h);
	kill(w.pid, SIGKILL);
	waitpid(w.pid, NULL, 0);
	note(b, "denied-monitor: %ld denied opens per sample; with the listener, "
	     "%u rounds: %.1f s, %" PRIu64 " denials counted, %" PRIu64
	     " events received (%.0f/s), %" PRIu64 " dropped (rate limit, queue), "
	     "%" PRIu64 " socket overruns.\n", count, b->rounds, secs, denied,
	     total.events, secs > 0 ? total.events / secs : 0, dropped,
	     total.overruns);
}

static void bench_commands(struct bench *b)
{
	struct bench_case *vs_unshare = add_case(b, "run-vs-unshare",
		"nsfence run -- /bin/true / unshare -Urpf --mount-proc /bin/true", 1.5, "ns/run");
	struct bench_case *vs_crun = b->bundle ? add_case(b, "run-vs-crun",
		"nsfence run -- /bin/true / crun run (busybox bundle)", 1.0, "ns/run") : NULL;
	struct bench_case *start = add_case(b, "startup-vs-unshare",
		"nsfence --version / unshare --version (loading and starting the program)",
		0, "ns/run");
	char *run[] = { (char *)b->nsfence, "run", "--", "/bin/true", NULL };
	char *version[] = { (char *)b->nsfence, "--version", NULL };
	char *unshare_version[] = { "unshare", "--version", NULL };
	char *unshare_argv[] = { "unshare", "-Urpf", "--mount-proc", "/bin/true", NULL };
	char *crun[] = { "crun", "run", "--no-pivot", "--bundle", (char *)b->bundle,
			 "bench-ctr", NULL };
	unsigned int r;

	for (r = 0; r < b->rounds; r++) {
		vs_unshare->a[r] = time_command(run, b->runs);
		vs_unshare->b[r] = time_command(unshare_argv, b->runs);
		if (vs_crun) {
			vs_crun->a[r] = vs_unshare->a[r];
			vs_crun->b[r] = time_command(crun, b->runs);
		}
		start->a[r] = time_command(version, b->runs);
		start->b[r] = time_command(unshare_version, b->runs);
	}
	vs_unshare->n = start->n = b->rounds;
	if (vs_crun)
		vs_crun->n = b->rounds;
	note(b, "run-vs-unshare, run-vs-crun, startup-vs-unshare: each sample is the "
	     "mean of %d runs.\n", b->runs);
}

/* ----- statistics and output ----------------------------------------- */

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

static double median(const double *v, unsigned int n)
{
	double s[MAX_ROUNDS];

	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static double minimum(const double *v, unsigned int n)
{
	double m = v[0];
	unsigned int i;

	for (i = 1; i < n; i++)
		m = v[i] < m ? v[i] : m;
	return m;
}

static double maximum(const double *v, unsigned int n)
{
	double m = v[0];
	unsigned int i;

	for (i = 1; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

static json_object *pair(double a, double b)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "a", json_object_new_double(a));
	json_object_object_add(o, "b", json_object_new_double(b));
	return o;
}

static void output(const struct bench *b, const char *kernel)
{
	json_object *root = json_object_new_object(), *cases = json_object_new_array();
	unsigned int i;

	printf("BENCH-TABLE-BEGIN\n");
	printf("kernel %s, %u rounds, ratio = median(A) / median(B)\n\n", kernel, b->rounds);
	printf("%-18s %8s %7s %6s %13s %23s %23s\n", "case", "ratio", "target", "met",
	       "unit", "A median (min-max)", "B median (min-max)");
	for (i = 0; i < b->nr_cases; i++) {
		const struct bench_case *c = &b->cases[i];
		double ma = median(c->a, c->n), mb = median(c->b, c->n);
		double ratio = mb > 0 ? ma / mb : 0;
		json_object *o = json_object_new_object();
		char a[64], bb[64], target[16];

		snprintf(a, sizeof(a), "%.0f (%.0f-%.0f)", ma, minimum(c->a, c->n), maximum(c->a, c->n));
		snprintf(bb, sizeof(bb), "%.0f (%.0f-%.0f)", mb, minimum(c->b, c->n), maximum(c->b, c->n));
		if (c->target)
			snprintf(target, sizeof(target), "%.2f", c->target);
		else
			snprintf(target, sizeof(target), "report");
		printf("%-18s %8.3f %7s %6s %13s %23s %23s\n", c->name, ratio, target,
		       c->target ? (ratio <= c->target ? "yes" : "NO") : "-", c->unit, a, bb);
		json_object_object_add(o, "name", json_object_new_string(c->name));
		json_object_object_add(o, "what", json_object_new_string(c->what));
		json_object_object_add(o, "unit", json_object_new_string(c->unit));
		json_object_object_add(o, "ratio", json_object_new_double(ratio));
		json_object_object_add(o, "target", c->target ?
				       json_object_new_double(c->target) : NULL);
		json_object_object_add(o, "met", c->target ?
				       json_object_new_boolean(ratio <= c->target) : NULL);
		json_object_object_add(o, "median", pair(ma, mb));
		json_object_object_add(o, "min", pair(minimum(c->a, c->n), minimum(c->b, c->n)));
		json_object_object_add(o, "max", pair(maximum(c->a, c->n), maximum(c->b, c->n)));
		json_object_array_add(cases, o);
	}
	printf("\n%s", b->notes);
	printf("BENCH-TABLE-END\n");
	json_object_object_add(root, "kernel", json_object_new_string(kernel));
	json_object_object_add(root, "rounds", json_object_new_int(b->rounds));
	json_object_object_add(root, "cases", cases);
	json_object_object_add(root, "notes", json_object_new_string(b->notes));
	printf("BENCH-JSON-BEGIN\n%s\nBENCH-JSON-END\n",
	       json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY));
	json_object_put(root);
}

int main(int argc, char **argv)
{
	struct bench b = { .rounds = 5, .batch = 20000, .runs = 5, .nsfence = "nsfence" };
	struct rlimit nofile = { 65536, 65536 };
	long denials = 1000000;
	int fences = 10000, i;
	char kernel[128];
	FILE *f;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--smoke")) {
			b.rounds = 1;
			b.batch = 200;
			b.runs = 1;
			fences = 50;
			denials = 2000;
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			b.rounds = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--nsfence") && i + 1 < argc) {
			b.nsfence = argv[++i];
		} else if (!strcmp(argv[i], "--crun-bundle") && i + 1 < argc) {
			b.bundle = argv[++i];
		} else {
			fprintf(stderr, "usage: bench [--rounds N] [--smoke] [--nsfence PATH] [--crun-bundle DIR]\n");
			return 2;
		}
	}
	if (b.rounds < 1 || b.rounds > MAX_ROUNDS) {
		fprintf(stderr, "bench: --rounds must be 1..%d\n", MAX_ROUNDS);
		return 2;
	}
	if (setrlimit(RLIMIT_NOFILE, &nofile))
		die("setrlimit");
	write_text("/proc/sys/user/max_user_namespaces", "100000");
	f = fopen(BENCH_FILE, "w");
	if (!f || fclose(f))
		die(BENCH_FILE);
	unlink(BENCH_MEM);
	if (mknod(BENCH_MEM, S_IFCHR | 0600, makedev(1, 1)))
		die("mknod " BENCH_MEM);
	f = fopen("/proc/sys/kernel/osrelease", "r");
	if (!f || !fgets(kernel, sizeof(kernel), f))
		die("osrelease");
	fclose(f);
	kernel[strcspn(kernel, "\n")] = '\0';

	bench_syscalls(&b);
	bench_many_fences(&b, fences);
	bench_monitor(&b, denials);
	bench_commands(&b);
	output(&b, kernel);
	return 0;
}
