// SPDX-License-Identifier: GPL-2.0
/*
 * Denial events on the "denials" multicast group: a listener receives
 * exactly the events of a scripted sequence of denials, in order, with
 * class, mode, task and object; audit-mode hits are marked audit; a storm
 * of denials from one fenced task keeps the system responsive, counters
 * exact, and events rate-limited with every lost event counted as
 * dropped (received + dropped == denials).
 *
 * The storm's size is NSFENCE_STORM, else 1000000 (about 5 to 25 s
 * under TCG on the Debian kernels and the built-in one), divided by
 * STORM_DEBUG_DIVISOR on a debug kernel (lockdep, kmemleak: each denial
 * costs a hundred times more there); the TAP output says which.
 */
#define _GNU_SOURCE
#include "container.h"
#include "kernel.h"
#include "ktap.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>

#define MAX_EVENTS 4096
#define STORM_DEFAULT 1000000UL
#define STORM_DEBUG_DIVISOR 50

#define SEQUENCE_OPS 5

/*
 * What the container tells the test: its pid namespace's inode, and how
 * each operation of the sequence ended (0 or its errno).
 */
struct shared {
	uint32_t pid_inum;
	int err[SEQUENCE_OPS];
};

struct expect {
	uint32_t cls;
	uint32_t mode;
	const char *object;
};

struct collected {
	uint32_t inum;
	unsigned int n;
	unsigned int others;
	const char *comm;
	struct nsfence_event ev[64];
};

static struct nsfence_monitor *monitor_or_skip(void)
{
	struct nsfence_monitor *m;
	int ret = nsfence_monitor_open(&m);

	if (ret == -ENOENT)
		ktap_skip("nsfence family not registered");
	ASSERT_EQ(0, ret);
	return m;
}

static int collect_cb(const struct nsfence_event *ev, void *arg)
{
	struct collected *c = arg;

	if (ev->ns_inum != c->inum) {
		c->others++;
		return 0;
	}
	if (c->n < KTAP_COUNT(c->ev))
		c->ev[c->n] = *ev;
	c->n++;
	return 0;
}

/* Read events until @quiet_ms pass without one. */
static void drain(struct nsfence_monitor *m, nsfence_event_cb cb, void *arg,
		  int quiet_ms)
{
	struct pollfd p = { .fd = nsfence_monitor_fd(m), .events = POLLIN };
	int ret;

	while (poll(&p, 1, quiet_ms) > 0) {
		ret = nsfence_monitor_next(m, cb, arg);
		ASSERT_TRUE(ret >= 0 || ret == -ENOBUFS);
	}
}

/*
 * Read events until @c holds @want of them, or SEQUENCE_WAIT_MS passed
 * without one (events are sent from a work item, which a loaded machine
 * may run late), then until SEQUENCE_QUIET_MS pass without one (to see
 * any surplus).
 */
#define SEQUENCE_WAIT_MS 30000
#define SEQUENCE_QUIET_MS 500
static void drain_sequence(struct nsfence_monitor *m, struct collected *c,
			   unsigned int want)
{
	struct pollfd p = { .fd = nsfence_monitor_fd(m), .events = POLLIN };
	int ret;

	while (poll(&p, 1, c->n < want ? SEQUENCE_WAIT_MS : SEQUENCE_QUIET_MS) > 0) {
		ret = nsfence_monitor_next(m, collect_cb, c);
		ASSERT_TRUE(ret >= 0 || ret == -ENOBUFS);
	}
}

static void publish_inum(struct shared *sh)
{
	struct stat st;

	ASSERT_OK(stat("/proc/self/ns/pid", &st));
	sh->pid_inum = (uint32_t)st.st_ino;
}

/*
 * The same five operations in both modes; each hits exactly one hook
 * once.  In audit mode they succeed, so what they create is removed.
 */
static int body_sequence(void *arg)
{
	struct shared *sh = arg;
	int fd, ret;

	publish_inum(sh);
	prctl(PR_SET_NAME, "nsf-events");
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
	sh->err[0] = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	fd = open("/dev/kmsg", O_RDONLY | O_CLOEXEC);
	sh->err[1] = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	ret = mknod("/tmp/nsf-events-blk", S_IFBLK | 0600, makedev(254, 0));
	sh->err[2] = ret ? errno : 0;
	if (!ret)
		unlink("/tmp/nsf-events-blk");
	/* CAP_SYS_MODULE is checked first; too short for anything else. */
	ret = syscall(SYS_init_module, NULL, 0UL, "");
	sh->err[3] = ret ? errno : 0;
	fd = open("/proc/sys/vm/overcommit_memory", O_WRONLY | O_CLOEXEC);
	sh->err[4] = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	return 0;
}

static const struct expect sequence[SEQUENCE_OPS] = {
	{ NSFENCE_CLASS_SYSCTL, 0, "vm/drop_caches" },
	{ NSFENCE_CLASS_DEVICES, 0, "c 1:11" },
	{ NSFENCE_CLASS_DEVICES, 0, "b 254:0" },
	{ NSFENCE_CLASS_MODULES, 0, "cap_sys_module" },
	{ NSFENCE_CLASS_SYSCTL, 0, "vm/overcommit_memory" },
};

static uint64_t class_hits(const struct nsfence_status *st, bool audit,
			   uint32_t cls)
{
	return audit ? st->counters.audited[cls] : st->counters.denied[cls];
}

static void run_sequence(bool audit)
{
	struct container_opts o = {
		.kind = CONTAINER_ROOTFUL, .fence = true, .audit = audit,
	};
	uint32_t mode = audit ? NSFENCE_MODE_AUDIT : NSFENCE_MODE_ENFORCE;
	struct nsfence_monitor *m = monitor_or_skip();
	struct nsfence_status before, after;
	struct collected *c;
	struct shared *sh;
	struct nsfence *h;
	unsigned int i;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	c = calloc(1, sizeof(*c));
	ASSERT_TRUE(sh != MAP_FAILED && c);
	ASSERT_EQ(0, nsfence_open(&h));
	ASSERT_EQ(0, nsfence_get_status(h, &before));
	ASSERT_EQ(0, container_run(&o, body_sequence, sh));
	ASSERT_NE(0, sh->pid_inum);
	c->inum = sh->pid_inum;
	drain_sequence(m, c, KTAP_COUNT(sequence));
	ASSERT_EQ(0, nsfence_get_status(h, &after));
	for (i = 0; i < c->n && i < KTAP_COUNT(c->ev); i++)
		ktap_print("%s %s comm=%s pid=%u tgid=%u fence=%u object=\"%s\"",
			   c->ev[i].mode == NSFENCE_MODE_AUDIT ? "audit" : "denied",
			   nsfence_class_name(c->ev[i].cls), c->ev[i].comm,
			   c->ev[i].pid, c->ev[i].tgid, c->ev[i].ns_inum,
			   c->ev[i].object);
	/* Where an event went missing: not counted, or counted and dropped. */
	ktap_print("%s: sysctl +%llu, devices +%llu, modules +%llu; events dropped +%llu; events of other fences %u",
		   audit ? "audited" : "denied",
		   (unsigned long long)(class_hits(&after, audit, NSFENCE_CLASS_SYSCTL) -
					class_hits(&before, audit, NSFENCE_CLASS_SYSCTL)),
		   (unsigned long long)(class_hits(&after, audit, NSFENCE_CLASS_DEVICES) -
					class_hits(&before, audit, NSFENCE_CLASS_DEVICES)),
		   (unsigned long long)(class_hits(&after, audit, NSFENCE_CLASS_MODULES) -
					class_hits(&before, audit, NSFENCE_CLASS_MODULES)),
		   (unsigned long long)(after.dropped - before.dropped), c->others);
	ktap_print("results: %s, %s, %s, %s, %s", strerror(sh->err[0]),
		   strerror(sh->err[1]), strerror(sh->err[2]),
		   strerror(sh->err[3]), strerror(sh->err[4]));
	/* Enforced, each operation is refused; audited, none is. */
	for (i = 0; i < SEQUENCE_OPS; i++)
		if ((sh->err[i] == EPERM) == audit)
			ktap_fail(__FILE__, __LINE__, "operation %u (%s): %s", i,
				  sequence[i].object, strerror(sh->err[i]));
	ASSERT_EQ(KTAP_COUNT(sequence), c->n);
	for (i = 0; i < KTAP_COUNT(sequence); i++) {
		ASSERT_EQ(sequence[i].cls, c->ev[i].cls);
		ASSERT_EQ(mode, c->ev[i].mode);
		ASSERT_EQ(NSFENCE_NS_PID, c->ev[i].ns_type);
		ASSERT_NE(0, c->ev[i].pid);
		ASSERT_EQ(c->ev[0].tgid, c->ev[i].tgid);
		ASSERT_EQ(0, strcmp("nsf-events", c->ev[i].comm));
		if (strcmp(sequence[i].object, c->ev[i].object))
			ktap_fail(__FILE__, __LINE__, "event %u: object \"%s\", expected \"%s\"",
				  i, c->ev[i].object, sequence[i].object);
	}
	ASSERT_EQ(before.dropped, after.dropped);
	nsfence_close(h);
	nsfence_monitor_close(m);
}

static void sequence_enforce(void)
{
	run_sequence(false);
}

static void sequence_audit(void)
{
	run_sequence(true);
}

/* Without a listener nothing is queued, so nothing is dropped either. */
static void no_listener_no_drops(void)
{
	struct container_opts o = { .kind = CONTAINER_ROOTFUL, .fence = true };
	struct nsfence_status before, after;
	struct shared sh;
	struct nsfence *h;

	if (nsfence_open(&h) == -ENOENT)
		ktap_skip("nsfence family not registered");
	ASSERT_EQ(0, nsfence_get_status(h, &before));
	ASSERT_EQ(0, container_run(&o, body_sequence, &sh));
	ASSERT_EQ(0, nsfence_get_status(h, &after));
	ASSERT_EQ(before.dropped, after.dropped);
	ASSERT_EQ(before.counters.denied[NSFENCE_CLASS_DEVICES] + 2,
		  after.counters.denied[NSFENCE_CLASS_DEVICES]);
	nsfence_close(h);
}

static unsigned long storm_count(void)
{
	const char *s = getenv("NSFENCE_STORM");
	char debug[64];

	if (s && atol(s) > 0) {
		ktap_print("storm: %ld denials (NSFENCE_STORM)", atol(s));
		return (unsigned long)atol(s);
	}
	if (kernel_is_debug(debug, sizeof(debug))) {
		ktap_print("storm: %lu denials: %lu scaled down by %d on a debug kernel (%s)",
			   STORM_DEFAULT / STORM_DEBUG_DIVISOR, STORM_DEFAULT,
			   STORM_DEBUG_DIVISOR, debug);
		return STORM_DEFAULT / STORM_DEBUG_DIVISOR;
	}
	ktap_print("storm: %lu denials", STORM_DEFAULT);
	return STORM_DEFAULT;
}

static int body_storm(void *arg)
{
	unsigned long i, n = *(unsigned long *)arg, denied = 0;

	prctl(PR_SET_NAME, "nsf-storm");
	for (i = 0; i < n; i++)
		if (open("/dev/kmsg", O_RDONLY | O_CLOEXEC) < 0 && errno == EPERM)
			denied++;
	return denied == n ? 0 : 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct storm_count {
	uint64_t received;
	uint64_t others;
	uint64_t last_dropped;
};

static int storm_cb(const struct nsfence_event *ev, void *arg)
{
	struct storm_count *s = arg;

	if (strcmp(ev->comm, "nsf-storm")) {
		s->others++;
		return 0;
	}
	s->received++;
	s->last_dropped = ev->dropped;
	return 0;
}

/*
 * One fenced task denied NSFENCE_STORM times in a row while a listener
 * is subscribed (and reads only afterwards, so its buffer takes the
 * burst) and while the parent measures how late 10 ms sleeps wake up.
 */
static void storm(void)
{
	struct container_opts o = { .kind = CONTAINER_ROOTFUL, .fence = true };
	unsigned long n = storm_count();
	struct nsfence_monitor *m = monitor_or_skip();
	struct nsfence_status before, after;
	struct storm_count sc = { 0 };
	double start, t, late, worst = 0;
	struct nsfence *h;
	int status, probes = 0;
	pid_t pid;

	ASSERT_EQ(0, nsfence_open(&h));
	ASSERT_EQ(0, nsfence_get_status(h, &before));
	start = now_s();
	fflush(stdout);
	pid = ASSERT_OK(fork());
	if (pid == 0)
		_exit(container_run(&o, body_storm, &n));
	while (waitpid(pid, &status, WNOHANG) == 0) {
		t = now_s();
		usleep(10000);
		late = now_s() - t - 0.010;
		if (late > worst)
			worst = late;
		/* The control plane answers during the storm too. */
		if (++probes % 50 == 0)
			ASSERT_EQ(0, nsfence_get_status(h, &after));
	}
	t = now_s() - start;
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
	drain(m, storm_cb, &sc, 1500);
	ASSERT_EQ(0, nsfence_get_status(h, &after));
	ktap_print("storm: %lu denials in %.1f s (%.0f/s); events received %llu, dropped %llu; devices counter +%llu; worst 10 ms sleep late by %.0f ms",
		   n, t, n / t, (unsigned long long)sc.received,
		   (unsigned long long)(after.dropped - before.dropped),
		   (unsigned long long)(after.counters.denied[NSFENCE_CLASS_DEVICES] -
					before.counters.denied[NSFENCE_CLASS_DEVICES]),
		   worst * 1000);
	/* Counters are exact, rate limit or not. */
	ASSERT_EQ(n, after.counters.denied[NSFENCE_CLASS_DEVICES] -
		     before.counters.denied[NSFENCE_CLASS_DEVICES]);
	/* Every denial is either an event received or a drop counted. */
	ASSERT_EQ(0, sc.others);
	ASSERT_EQ(n, sc.received + (after.dropped - before.dropped));
	/* Rate-limited: 100 per second and fence, plus a window's slack. */
	ASSERT_LE((uint64_t)(t + 2) * 100, sc.received);
	ASSERT_TRUE(after.dropped > before.dropped);
	/*
	 * Responsive: the parent kept running and the control plane kept
	 * answering during the storm (asserted above).  How late its sleeps
	 * woke is reported, not asserted: no timed assertions under TCG.
	 */
	ASSERT_TRUE(probes > 0);
	nsfence_close(h);
	nsfence_monitor_close(m);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(sequence_enforce),
	KTAP_CASE(sequence_audit),
	KTAP_CASE(no_listener_no_drops),
	KTAP_CASE_T(storm, 900),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
