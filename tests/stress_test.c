// SPDX-License-Identifier: GPL-2.0
/*
 * Stress, meant for the debug kernel (KASAN, lockdep, kmemleak; see
 * scripts/builtin-kernel.sh): for NSFENCE_STRESS_SECONDS (default 60),
 *
 *   4 hammers   root in their own user namespace, each loops on hooked
 *               operations: open+write /dev/null, open /proc/sys for
 *               write and write back the value read, and every
 *               AUTOLOAD_EVERY rounds socket(AF_TIPC) (a net-pf-30
 *               auto-load that never finds a module: unfenced, it runs
 *               modprobe, which on a debug kernel costs more than a
 *               thousand other operations);
 *   4 fencers   fencer i fences hammer i's user namespace, unfences it,
 *               and every few rounds fences a short-lived namespace and
 *               lets it die so that LIST reclaims its fence;
 *   the test    every RELOAD_EVERY seconds of fencing (once half-way
 *               through on a debug kernel, where a reload takes tens of
 *               seconds), pauses the fencers (no fence is left), unloads
 *               the module and loads it again, twice, while the hammers
 *               go on (a loadable module only); the time of the reloads
 *               does not count as fencing time.
 *
 * The kernel must stay silent: the VM runner fails the run on any KASAN,
 * lockdep, RCU or sleep-in-atomic report, and the suite ends with a
 * kmemleak scan.  With nsfence built in, the hooks are a real LSM's (no
 * ftrace, no reloads): 20 s there, the only run of these races through
 * the LSM attach mode.  With a loadable module on a kernel without lockdep
 * (the Debian kernels) it skips, unless NSFENCE_STRESS_SECONDS is set.
 */
#define _GNU_SOURCE
#include "kernel.h"
#include "ktap.h"
#include "nsfence.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#define NR_PAIRS 4
#define AUTOLOAD_EVERY 32
#define RELOAD_EVERY 4
#define SYSCTL_FILE "/proc/sys/kernel/printk_ratelimit"

/**
 * struct shared - state shared by the test and its children
 * @stop: everyone ends
 * @pause: fencers unfence and wait (module reload ahead)
 * @paused: fencer i is unfenced and waiting
 * @ops: hooked operations done by the hammers
 * @denied: of those, refused with EPERM (the hammer was fenced)
 * @fences: fences added by the fencers
 * @reclaims: short-lived fenced namespaces that died
 * @errors: unexpected failures of fencers, with the last one in @what
 * @what: the last unexpected failure
 */
struct shared {
	volatile int stop;
	volatile int pause;
	volatile int paused[NR_PAIRS];
	volatile long ops[NR_PAIRS];
	volatile long denied[NR_PAIRS];
	volatile long fences[NR_PAIRS];
	volatile long reclaims[NR_PAIRS];
	volatile long errors;
	char what[160];
};

static struct shared *sh;

static void fencer_error(int i, const char *op, int err)
{
	__atomic_add_fetch(&sh->errors, 1, __ATOMIC_SEQ_CST);
	snprintf(sh->what, sizeof(sh->what), "fencer %d: %s: %s", i, op,
		 strerror(-err));
}

/* Root of a new user namespace mapping the host's 0..65535. */
static void map_root(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	ASSERT_EQ(0, kernel_write_file(path, "0 0 65536\n"));
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	ASSERT_EQ(0, kernel_write_file(path, "0 0 65536\n"));
}

static void count(int i, int ret)
{
	sh->ops[i]++;
	if (ret < 0 && errno == EPERM)
		sh->denied[i]++;
}

static void hammer_loop(int i)
{
	unsigned long round = 0;
	char buf[32];
	ssize_t n;
	int fd;

	while (!sh->stop) {
		fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		count(i, fd);
		if (fd >= 0) {
			count(i, write(fd, "x", 1));
			close(fd);
		}
		/* Open for write, write back what is there: changes nothing. */
		fd = open(SYSCTL_FILE, O_RDWR | O_CLOEXEC);
		count(i, fd);
		if (fd >= 0) {
			n = read(fd, buf, sizeof(buf));
			if (n > 0 && lseek(fd, 0, SEEK_SET) == 0)
				count(i, write(fd, buf, n));
			close(fd);
		}
		if (round++ % AUTOLOAD_EVERY)
			continue;
		fd = socket(AF_TIPC, SOCK_RDM, 0);
		count(i, fd);
		if (fd >= 0)
			close(fd);
	}
	_exit(0);
}

/* A hammer, root in its own user namespace; returns its pid. */
static pid_t start_hammer(int i)
{
	int ready[2], go[2];
	pid_t pid;
	char c;

	ASSERT_OK(pipe(ready));
	ASSERT_OK(pipe(go));
	pid = ASSERT_OK(fork());
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(ready[0]);
		close(go[1]);
		if (unshare(CLONE_NEWUSER) || write(ready[1], "r", 1) != 1 ||
		    read(go[0], &c, 1) != 1 || setresgid(0, 0, 0) ||
		    setresuid(0, 0, 0))
			_exit(1);
		hammer_loop(i);
	}
	close(ready[1]);
	close(go[0]);
	ASSERT_EQ(1, read(ready[0], &c, 1));
	map_root(pid);
	ASSERT_EQ(1, write(go[1], "g", 1));
	close(ready[0]);
	close(go[1]);
	return pid;
}

static int fence_ns(struct nsfence *h, pid_t pid, uint32_t *inum)
{
	struct nsfence_fence_req req = {
		.pid = pid, .ns_type = NSFENCE_NS_USER,
		.classes = NSFENCE_CLASSES_ALL, .mode = NSFENCE_MODE_ENFORCE,
	};
	int ret = nsfence_ns_inum(pid, NSFENCE_NS_USER, &req.ns_inum);

	if (ret)
		return ret;
	*inum = req.ns_inum;
	return nsfence_fence(h, &req);
}

static int count_cb(const struct nsfence_fence_info *f, void *arg)
{
	(void)f;
	(*(int *)arg)++;
	return 0;
}

/*
 * LIST, which also reclaims dead fences.  A dump that a concurrent change
 * interrupted fails with EAGAIN (NLM_F_DUMP_INTR): try again.
 */
static int list_count(struct nsfence *h, int *n)
{
	int ret, tries = 0;

	do {
		*n = 0;
		ret = nsfence_list(h, count_cb, n);
	} while (ret == -EAGAIN && ++tries < 100);
	return ret;
}

/* A namespace that dies right after being fenced: LIST reclaims it. */
static void short_lived_fence(struct nsfence *h, int i)
{
	int ready[2], release[2], n = 0, ret;
	uint32_t inum;
	pid_t pid;
	char c;

	if (pipe(ready) || pipe(release))
		return fencer_error(i, "pipe", -errno);
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(release[1]);
		if (unshare(CLONE_NEWUSER) || write(ready[1], "r", 1) != 1)
			_exit(1);
		if (read(release[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	if (pid > 0 && read(ready[0], &c, 1) == 1) {
		ret = fence_ns(h, pid, &inum);
		if (ret)
			fencer_error(i, "fence short-lived", ret);
		else
			sh->reclaims[i]++;
	}
	close(ready[0]);
	close(release[1]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	ret = list_count(h, &n);
	if (ret)
		fencer_error(i, "list", ret);
}

static void fencer_loop(int i, pid_t hammer)
{
	struct nsfence *h = NULL;
	unsigned int round = 0;
	uint32_t inum;
	int ret;

	srand(getpid());
	while (!sh->stop) {
		if (sh->pause) {
			if (h)
				nsfence_close(h);
			h = NULL;
			sh->paused[i] = 1;
			while (sh->pause && !sh->stop)
				usleep(1000);
			sh->paused[i] = 0;
			continue;
		}
		if (!h) {
			ret = nsfence_open(&h);
			if (ret) {
				h = NULL;
				fencer_error(i, "open", ret);
				usleep(10000);
				continue;
			}
		}
		ret = fence_ns(h, hammer, &inum);
		if (ret) {
			fencer_error(i, "fence", ret);
			continue;
		}
		sh->fences[i]++;
		usleep(rand() % 5000);
		if (++round % 4 == 0)
			short_lived_fence(h, i);
		ret = nsfence_unfence(h, NSFENCE_NS_USER, inum);
		if (ret)
			fencer_error(i, "unfence", ret);
		usleep(rand() % 2000);
	}
	if (h)
		nsfence_close(h);
	_exit(0);
}

static pid_t start_fencer(int i, pid_t hammer)
{
	pid_t pid = ASSERT_OK(fork());

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		fencer_loop(i, hammer);
	}
	return pid;
}

static int fence_count(void)
{
	struct nsfence *h;
	int n = 0;

	ASSERT_EQ(0, nsfence_open(&h));
	ASSERT_EQ(0, list_count(h, &n));
	nsfence_close(h);
	return n;
}

/* Pause the fencers, wait until no fence is left. */
static void quiesce(void)
{
	int i, all, tries;

	sh->pause = 1;
	for (tries = 0; tries < 3000; tries++) {
		for (all = 1, i = 0; i < NR_PAIRS; i++)
			all &= sh->paused[i];
		if (all)
			break;
		usleep(10000);
	}
	ASSERT_TRUE(all);
	/* Short-lived namespaces are freed asynchronously. */
	for (tries = 0; tries < 100 && fence_count(); tries++)
		usleep(100000);
	ASSERT_EQ(0, fence_count());
}

static int stress_seconds(void)
{
	const char *s = getenv("NSFENCE_STRESS_SECONDS");
	struct stat st;

	if (s)
		return atoi(s);
	if (!stat("/proc/lockdep", &st))
		return 60;
	if (nsfence_module_builtin())
		return 20;
	ktap_skip("a loadable module on a kernel without lockdep; make check-kernels runs it on the debug kernel");
	return 0;
}

static void fence_hammer_reload(void)
{
	pid_t hammers[NR_PAIRS], fencers[NR_PAIRS];
	char path[256];
	long ops = 0, denied = 0, fences = 0, reclaims = 0;
	int seconds = stress_seconds(), i, reloads = 0, fenced = 0;
	int reload_every = seconds >= 40 ? seconds / 2 : RELOAD_EVERY;
	bool reload = !nsfence_module_builtin() &&
		      !nsfence_module_path(path, sizeof(path));

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(sh != MAP_FAILED);
	ASSERT_EQ(0, fence_count());
	for (i = 0; i < NR_PAIRS; i++)
		hammers[i] = start_hammer(i);
	for (i = 0; i < NR_PAIRS; i++)
		fencers[i] = start_fencer(i, hammers[i]);

	while (fenced < seconds) {
		sleep(1);
		fenced++;
		if (!reload || fenced % reload_every || fenced >= seconds)
			continue;
		quiesce();
		/* Twice in a row, the hammers running all along. */
		for (i = 0; i < 2; i++) {
			ASSERT_EQ(0, nsfence_module_unload());
			usleep(20000);
			ASSERT_EQ(0, nsfence_module_load(NULL));
			reloads++;
		}
		sh->pause = 0;
	}
	sh->stop = 1;
	for (i = 0; i < NR_PAIRS; i++) {
		ASSERT_EQ(fencers[i], waitpid(fencers[i], NULL, 0));
		kill(hammers[i], SIGKILL);
		ASSERT_EQ(hammers[i], waitpid(hammers[i], NULL, 0));
		ops += sh->ops[i];
		denied += sh->denied[i];
		fences += sh->fences[i];
		reclaims += sh->reclaims[i];
	}
	ktap_print("%d s: %ld hooked operations (%ld denied), %ld fences, %ld reclaimed, %d reloads",
		   seconds, ops, denied, fences, reclaims, reloads);
	if (sh->errors)
		ktap_fail(__FILE__, __LINE__, "%ld fencer errors, last: %s",
			  sh->errors, sh->what);
	ASSERT_TRUE(fences > 0);
	ASSERT_TRUE(denied > 0);
	ASSERT_TRUE(denied < ops);
	ASSERT_TRUE(reclaims > 0);
	ASSERT_TRUE(!reload || reloads > 0);
	/* Every fence goes away with its namespace. */
	for (i = 0; i < 100 && fence_count(); i++)
		usleep(100000);
	ASSERT_EQ(0, fence_count());
}

/* Nothing of the above made the kernel complain. */
static void kernel_log_clean(void)
{
	char line[512];

	if (kernel_log_has_problem(line, sizeof(line)))
		ktap_fail(__FILE__, __LINE__, "kernel log: %s", line);
}

static const struct ktap_case cases[] = {
	KTAP_CASE_T(fence_hammer_reload, 480),
	KTAP_CASE(kernel_log_clean),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
