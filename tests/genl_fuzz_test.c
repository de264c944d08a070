// SPDX-License-Identifier: GPL-2.0
/*
 * A fuzzer of the "nsfence" family: random and mutated requests (unknown
 * commands, wrong attribute types and sizes, truncated and oversized
 * attributes, nested garbage, reply-only attributes, out-of-range values,
 * floods), as root and as an unprivileged user.  Every request must be
 * answered; every request built to be malformed must be answered with an
 * error; afterwards the fence count is back to where it was, nothing
 * leaked, and the kernel log is clean.  "Nothing leaked": on a kmemleak
 * kernel, no object that kmemleak reports after a case was not already
 * reported before the first; elsewhere, the slab memory is back to where it was
 * (not on a kmemleak kernel: its KASAN quarantine keeps freed objects
 * for a while, megabytes of them after this many messages).
 *
 * NSFENCE_FUZZ_COUNT messages per identity (default 100000, so
 * 200000 in all; a quarter of that on a debug kernel, where KASAN and
 * lockdep make each message ~30 times slower: the TAP output says so),
 * NSFENCE_FUZZ_SEED for a fixed seed.
 *
 * As root the fuzzer never sends a well-formed LOCK (it would lock the
 * module for the rest of the VM's life): a LOCK always carries an
 * attribute, which the family refuses.
 */
#define _GNU_SOURCE
#include "container.h"
#include "kernel.h"
#include "ktap.h"

#include <grp.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

#define BUF_LEN 8192

/* Kinds of message; the first ones are malformed by construction. */
enum kind {
	K_UNKNOWN_CMD,		/* cmd 0, DENIAL, or above the last */
	K_UNKNOWN_ATTR,		/* type 0 or above NSFENCE_A_MAX */
	K_TRUNCATED,		/* nla_len beyond the message */
	K_BAD_SIZE,		/* a u32 attribute of another size */
	K_OUT_OF_RANGE,		/* a value the policy's range refuses */
	K_NESTED_GARBAGE,	/* DEVICES holding anything but valid DEVICEs */
	K_REPLY_ONLY,		/* attributes of replies and events, oversized */
	K_FOREIGN_ATTR,		/* valid attribute, wrong command */
	K_SHORT,		/* shorter than a generic netlink header */
	K_MALFORMED_LAST = K_SHORT,
	K_MUTATED,		/* a well-formed request with bytes flipped */
	K_RANDOM,		/* random attributes */
	K_COUNT,
};

struct fuzzer {
	int fd;
	int family;
	uint32_t seq;
	bool root;
	pid_t target;		/* a parked child: FENCE may really succeed */
	uint32_t target_inum;
	unsigned char msg[BUF_LEN];
	size_t len;
	/* results */
	unsigned long sent, answered, errors, acks, malformed, malformed_ok;
	unsigned long flood_sent, flood_answered;
	unsigned long by_kind[K_COUNT];
};

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)random() % n : 0;
}

static void put_hdr(struct fuzzer *f, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)f->msg;
	struct genlmsghdr *g = (struct genlmsghdr *)(f->msg + NLMSG_HDRLEN);

	memset(f->msg, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_type = f->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh->nlmsg_seq = ++f->seq;
	g->cmd = cmd;
	g->version = rnd(4) ? NSFENCE_GENL_VERSION : rnd(256);
	g->reserved = rnd(8) ? 0 : rnd(65536);
	f->len = NLMSG_HDRLEN + GENL_HDRLEN;
}

/* Appends an attribute; @len bytes of payload from @data (random if NULL). */
static struct nlattr *put_attr(struct fuzzer *f, uint16_t type, const void *data,
			       size_t len)
{
	struct nlattr *a = (struct nlattr *)(f->msg + f->len);
	size_t i;

	if (f->len + NLA_HDRLEN + NLA_ALIGN(len) > BUF_LEN)
		return NULL;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	for (i = 0; i < len; i++)
		((unsigned char *)a)[NLA_HDRLEN + i] = data ? ((const unsigned char *)data)[i] :
							       rnd(256);
	memset((unsigned char *)a + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	f->len += NLA_HDRLEN + NLA_ALIGN(len);
	return a;
}

static void put_u32(struct fuzzer *f, uint16_t type, uint32_t v)
{
	put_attr(f, type, &v, sizeof(v));
}

static struct nlattr *nest_start(struct fuzzer *f, uint16_t type)
{
	return put_attr(f, type | NLA_F_NESTED, NULL, 0);
}

static void nest_end(struct fuzzer *f, struct nlattr *a)
{
	if (a)
		a->nla_len = (unsigned char *)f->msg + f->len - (unsigned char *)a;
}

static void put_device(struct fuzzer *f, uint32_t type, uint32_t major, uint32_t minor,
		       uint32_t access)
{
	struct nlattr *d = nest_start(f, NSFENCE_A_DEVICE);

	put_u32(f, NSFENCE_DEV_A_TYPE, type);
	put_u32(f, NSFENCE_DEV_A_MAJOR, major);
	put_u32(f, NSFENCE_DEV_A_MINOR, minor);
	put_u32(f, NSFENCE_DEV_A_ACCESS, access);
	nest_end(f, d);
}

/* A well-formed FENCE of the parked child (it may succeed as root). */
static void put_valid_fence(struct fuzzer *f)
{
	struct nlattr *list;
	unsigned int i, n = rnd(4);

	put_hdr(f, NSFENCE_CMD_FENCE, 0);
	put_u32(f, NSFENCE_A_PID, f->target);
	put_u32(f, NSFENCE_A_NS_TYPE, NSFENCE_NS_USER);
	put_u32(f, NSFENCE_A_NS_INUM, f->target_inum);
	put_u32(f, NSFENCE_A_CLASSES, rnd(8));
	put_u32(f, NSFENCE_A_MODE, rnd(2));
	if (!n)
		return;
	list = nest_start(f, NSFENCE_A_DEVICES);
	for (i = 0; i < n; i++)
		put_device(f, 1 + rnd(2), rnd(300), rnd(300), 1 + rnd(7));
	nest_end(f, list);
}

static const uint8_t known_cmds[] = {
	NSFENCE_CMD_STATUS, NSFENCE_CMD_FENCE, NSFENCE_CMD_UNFENCE,
	NSFENCE_CMD_LIST, NSFENCE_CMD_LOCK,
};

static uint8_t some_cmd(void)
{
	return known_cmds[rnd(sizeof(known_cmds))];
}

static uint16_t cmd_flags(uint8_t cmd)
{
	/* LIST is a dump; a dump flag on the others is refused. */
	if (cmd == NSFENCE_CMD_LIST)
		return rnd(8) ? NLM_F_DUMP : 0;
	return rnd(16) ? 0 : NLM_F_DUMP;
}

static void build(struct fuzzer *f, enum kind k)
{
	static const uint16_t u32_attrs[] = {
		NSFENCE_A_PID, NSFENCE_A_NS_TYPE, NSFENCE_A_NS_INUM,
		NSFENCE_A_CLASSES, NSFENCE_A_MODE,
	};
	static const uint16_t reply_attrs[] = {
		NSFENCE_A_VERSION, NSFENCE_A_LOCKED, NSFENCE_A_ATTACH,
		NSFENCE_A_HOOKS, NSFENCE_A_FENCE_COUNT, NSFENCE_A_DEVICE,
		NSFENCE_A_CREATED, NSFENCE_A_COUNTERS, NSFENCE_A_COUNTER,
		NSFENCE_A_TGID, NSFENCE_A_COMM, NSFENCE_A_CLASS,
		NSFENCE_A_OBJECT, NSFENCE_A_DROPPED, NSFENCE_A_PAD,
	};
	uint8_t cmd = some_cmd();
	struct nlattr *list, *a;
	unsigned int i, n;
	size_t sz;

	put_hdr(f, cmd, cmd_flags(cmd));
	switch (k) {
	case K_UNKNOWN_CMD:
		n = rnd(3);
		cmd = n == 0 ? 0 : n == 1 ? NSFENCE_CMD_DENIAL : NSFENCE_CMD_MAX + 1 + rnd(250);
		put_hdr(f, cmd, rnd(4) ? 0 : NLM_F_DUMP);
		for (i = rnd(3); i; i--)
			put_u32(f, u32_attrs[rnd(5)], rnd(5));
		break;
	case K_UNKNOWN_ATTR:
		if (rnd(3))
			put_u32(f, u32_attrs[rnd(5)], 1);
		put_attr(f, rnd(4) ? NSFENCE_A_MAX + 1 + rnd(1000) : 0, NULL, rnd(64));
		break;
	case K_TRUNCATED:
		put_u32(f, NSFENCE_A_NS_TYPE, 1);
		a = put_attr(f, u32_attrs[rnd(5)], NULL, 4);
		a->nla_len = 4 + 4 + 1 + rnd(2000);
		break;
	case K_BAD_SIZE:
		sz = rnd(2) ? rnd(4) : 5 + rnd(200);
		put_attr(f, u32_attrs[rnd(5)], NULL, sz);
		break;
	case K_OUT_OF_RANGE:
		switch (rnd(5)) {
		case 0: put_u32(f, NSFENCE_A_NS_TYPE, rnd(2) ? 0 : NSFENCE_NS_DEFAULT + 1 + rnd(1000)); break;
		case 1: put_u32(f, NSFENCE_A_CLASSES, 8 << rnd(28)); break;
		case 2: put_u32(f, NSFENCE_A_MODE, 2 + rnd(1000)); break;
		case 3: put_u32(f, NSFENCE_A_PID, rnd(2) ? 0 : 0x400000 + rnd(100000)); break;
		default: put_u32(f, NSFENCE_A_NS_INUM, 0); break;
		}
		break;
	case K_NESTED_GARBAGE:
		list = nest_start(f, NSFENCE_A_DEVICES);
		switch (rnd(6)) {
		case 0: /* raw bytes */
			put_attr(f, rnd(10), NULL, 1 + rnd(100));
			break;
		case 1: /* a DEVICE with a bad access mask or type */
			put_device(f, rnd(2) ? 3 + rnd(10) : 1, 1, 3, rnd(2) ? 8 + rnd(100) : 1);
			break;
		case 2: /* a DEVICE without ACCESS */
			a = nest_start(f, NSFENCE_A_DEVICE);
			put_u32(f, NSFENCE_DEV_A_TYPE, 1);
			put_u32(f, NSFENCE_DEV_A_MAJOR, 1);
			put_u32(f, NSFENCE_DEV_A_MINOR, 3);
			nest_end(f, a);
			break;
		case 3: /* too many */
			for (i = 0; i < NSFENCE_MAX_DEVICES + 1 + rnd(40); i++)
				put_device(f, 1, 1, i, 1);
			break;
		case 4: /* an unknown attribute inside a DEVICE */
			a = nest_start(f, NSFENCE_A_DEVICE);
			put_u32(f, NSFENCE_DEV_A_MAX + 1 + rnd(100), 1);
			nest_end(f, a);
			break;
		default: /* a DEVICE of the wrong size field */
			a = nest_start(f, NSFENCE_A_DEVICE);
			put_attr(f, NSFENCE_DEV_A_MAJOR, NULL, rnd(2) ? 2 : 8);
			nest_end(f, a);
			break;
		}
		nest_end(f, list);
		/* DEVICES is only valid in FENCE: make it look like one. */
		((struct genlmsghdr *)(f->msg + NLMSG_HDRLEN))->cmd = NSFENCE_CMD_FENCE;
		((struct nlmsghdr *)f->msg)->nlmsg_flags &= ~NLM_F_DUMP;
		break;
	case K_REPLY_ONLY:
		put_attr(f, reply_attrs[rnd(KTAP_COUNT(reply_attrs))], NULL,
			 rnd(2) ? rnd(16) : 256 + rnd(4000));
		break;
	case K_FOREIGN_ATTR:
		/* STATUS, LIST and LOCK take none; UNFENCE takes no PID. */
		cmd = (uint8_t[]){ NSFENCE_CMD_STATUS, NSFENCE_CMD_LIST, NSFENCE_CMD_LOCK,
				   NSFENCE_CMD_UNFENCE }[rnd(4)];
		put_hdr(f, cmd, cmd == NSFENCE_CMD_LIST ? NLM_F_DUMP : 0);
		if (cmd == NSFENCE_CMD_UNFENCE) {
			put_u32(f, NSFENCE_A_NS_TYPE, 1);
			put_u32(f, NSFENCE_A_NS_INUM, 1 + rnd(100));
			put_u32(f, (uint16_t[]){ NSFENCE_A_PID, NSFENCE_A_CLASSES,
						 NSFENCE_A_MODE }[rnd(3)], 1);
		} else {
			put_u32(f, u32_attrs[rnd(5)], 1 + rnd(2));
		}
		break;
	case K_SHORT:
		f->len = NLMSG_HDRLEN + rnd(GENL_HDRLEN);
		break;
	case K_MUTATED:
		if (rnd(2)) {
			put_valid_fence(f);
		} else {
			put_hdr(f, NSFENCE_CMD_UNFENCE, 0);
			put_u32(f, NSFENCE_A_NS_TYPE, 1 + rnd(2));
			put_u32(f, NSFENCE_A_NS_INUM, rnd(2) ? f->target_inum : rnd(100000));
		}
		for (i = 1 + rnd(6); i; i--)
			f->msg[NLMSG_HDRLEN + rnd(f->len - NLMSG_HDRLEN)] ^= 1U << rnd(8);
		break;
	case K_RANDOM:
	default:
		for (i = rnd(6); i; i--) {
			n = rnd(NSFENCE_A_MAX + 3);
			if (rnd(4))
				put_u32(f, n, rnd(2) ? rnd(4) : (uint32_t)random());
			else
				put_attr(f, n | (rnd(4) ? 0 : NLA_F_NESTED), NULL, rnd(80));
		}
		break;
	}
	((struct nlmsghdr *)f->msg)->nlmsg_len = f->len;
}

/* Never a well-formed LOCK as root: append an attribute LOCK refuses. */
static void defuse(struct fuzzer *f)
{
	struct genlmsghdr *g = (struct genlmsghdr *)(f->msg + NLMSG_HDRLEN);

	if (!f->root || f->len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    g->cmd != NSFENCE_CMD_LOCK)
		return;
	put_attr(f, NSFENCE_A_MAX + 1, NULL, 4);
	((struct nlmsghdr *)f->msg)->nlmsg_len = f->len;
}

static void send_msg(struct fuzzer *f, int flags)
{
	ssize_t n = send(f->fd, f->msg, f->len, flags);

	ASSERT_TRUE(n == (ssize_t)f->len || (flags && errno == EAGAIN));
}

/*
 * Reads the answers to request @seq: 1 with *err set (0 for an ACK or a
 * dump's success), or 0 when none came within a second.
 */
static int answer(struct fuzzer *f, uint32_t seq, int *err)
{
	static unsigned char buf[65536];
	struct pollfd p = { .fd = f->fd, .events = POLLIN };
	struct nlmsghdr *nlh;
	int rem;
	ssize_t n;

	for (;;) {
		if (poll(&p, 1, 1000) <= 0)
			return 0;
		n = recv(f->fd, buf, sizeof(buf), 0);
		if (n < 0 && errno == ENOBUFS)
			continue;
		ASSERT_OK(n);
		rem = (int)n;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, rem); nlh = NLMSG_NEXT(nlh, rem)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				*err = ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
				return 1;
			}
			/* A dump ends with DONE, and no ACK after it. */
			if (nlh->nlmsg_type == NLMSG_DONE) {
				*err = 0;
				if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					memcpy(err, NLMSG_DATA(nlh), sizeof(int));
				return 1;
			}
		}
	}
}

static void fuzz_one(struct fuzzer *f, enum kind k)
{
	const struct genlmsghdr *g = (struct genlmsghdr *)(f->msg + NLMSG_HDRLEN);
	uint32_t seq;
	int err = 0;

	build(f, k);
	defuse(f);
	seq = ((struct nlmsghdr *)f->msg)->nlmsg_seq;
	send_msg(f, 0);
	f->sent++;
	f->by_kind[k]++;
	if (!answer(f, seq, &err)) {
		ktap_fail(__FILE__, __LINE__, "kind %d, seq %u: no answer", k, seq);
	}
	f->answered++;
	if (err)
		f->errors++;
	else
		f->acks++;
	/* An unprivileged caller never gets a mutating command through. */
	if (!f->root && !err && f->len >= NLMSG_HDRLEN + GENL_HDRLEN &&
	    (g->cmd == NSFENCE_CMD_FENCE || g->cmd == NSFENCE_CMD_UNFENCE ||
	     g->cmd == NSFENCE_CMD_LOCK))
		ktap_fail(__FILE__, __LINE__, "unprivileged command %u accepted", g->cmd);
	if (k <= K_MALFORMED_LAST) {
		f->malformed++;
		if (err < 0)
			f->malformed_ok++;
		else
			ktap_fail(__FILE__, __LINE__, "malformed kind %d (cmd %u, %zu bytes) accepted",
				  k, ((struct genlmsghdr *)(f->msg + NLMSG_HDRLEN))->cmd, f->len);
	}
}

/* Requests sent back to back without reading: the socket overflows. */
static void flood(struct fuzzer *f)
{
	static unsigned char buf[65536];
	unsigned int i;
	ssize_t n;

	for (i = 0; i < 2000; i++) {
		build(f, (enum kind)rnd(K_COUNT));
		defuse(f);
		if (send(f->fd, f->msg, f->len, MSG_DONTWAIT) == (ssize_t)f->len)
			f->flood_sent++;
	}
	while (poll(&(struct pollfd){ .fd = f->fd, .events = POLLIN }, 1, 500) > 0) {
		n = recv(f->fd, buf, sizeof(buf), 0);
		if (n > 0)
			f->flood_answered++;
	}
}

static int open_socket(struct fuzzer *f)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1;

	ASSERT_TRUE(sk != NULL);
	ASSERT_EQ(0, genl_connect(sk));
	f->family = genl_ctrl_resolve(sk, NSFENCE_GENL_NAME);
	nl_socket_free(sk);
	if (f->family < 0)
		return -ENOENT;
	f->fd = ASSERT_OK(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC));
	ASSERT_OK(bind(f->fd, (struct sockaddr *)&sa, sizeof(sa)));
	setsockopt(f->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(f->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return 0;
}

#define FUZZ_DEFAULT 100000UL
#define FUZZ_DEBUG_DIVISOR 4

static unsigned long fuzz_count(void)
{
	const char *s = getenv("NSFENCE_FUZZ_COUNT");
	char debug[64];

	if (s && atol(s) > 0)
		return (unsigned long)atol(s);
	if (kernel_is_debug(debug, sizeof(debug))) {
		ktap_print("%lu messages: %lu scaled down by %d on a debug kernel (%s)",
			   FUZZ_DEFAULT / FUZZ_DEBUG_DIVISOR, FUZZ_DEFAULT,
			   FUZZ_DEBUG_DIVISOR, debug);
		return FUZZ_DEFAULT / FUZZ_DEBUG_DIVISOR;
	}
	return FUZZ_DEFAULT;
}

static void fuzz_run(struct fuzzer *f, unsigned long count)
{
	unsigned long i;

	for (i = 0; i < count; i++) {
		if (i % 20000 == 10000)
			flood(f);
		fuzz_one(f, (enum kind)rnd(K_COUNT));
	}
	ktap_print("%s: %lu messages (%lu malformed, all refused: %lu), %lu errors, %lu acks; flood: %lu sent, %lu datagrams back",
		   f->root ? "root" : "nobody", f->sent, f->malformed, f->malformed_ok,
		   f->errors, f->acks, f->flood_sent, f->flood_answered);
	ASSERT_EQ(count, f->answered);
	ASSERT_EQ(f->malformed, f->malformed_ok);
}

static long meminfo(const char *key)
{
	char line[256];
	long v = -1;
	FILE *fp = fopen("/proc/meminfo", "re");

	ASSERT_TRUE(fp != NULL);
	while (fgets(line, sizeof(line), fp))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ':')
			v = atol(line + strlen(key) + 1);
	fclose(fp);
	return v;
}

static void drop_caches(void)
{
	FILE *fp = fopen("/proc/sys/vm/drop_caches", "we");

	if (fp) {
		fputs("3\n", fp);
		fclose(fp);
	}
}

/* How many of @after are not in @before (both 0-terminated). */
static unsigned int new_leaks(const unsigned long *before,
			      const unsigned long *after, bool print)
{
	unsigned int i, j, n = 0;

	for (i = 0; after[i]; i++) {
		for (j = 0; before[j] && before[j] != after[i]; j++)
			;
		if (before[j])
			continue;
		n++;
		if (print && n <= 10)
			kmemleak_print(after[i]);
	}
	return n;
}

static unsigned int count_addrs(const unsigned long *a)
{
	unsigned int n = 0;

	while (a[n])
		n++;
	return n;
}

/*
 * On a kmemleak kernel: what kmemleak reported before any fuzzing, taken
 * once for both cases (a scan takes ~10 s there).
 */
static unsigned long *leak_baseline;

static void remove_default_fence(void)
{
	struct nsfence *h;
	int ret;

	ASSERT_EQ(0, nsfence_open(&h));
	ret = nsfence_unfence(h, NSFENCE_NS_DEFAULT, 0);
	if (!ret)
		ktap_print("the fuzzing set a default fence: removed");
	ASSERT_TRUE(ret == 0 || ret == -ENOENT);
	nsfence_close(h);
}

static void fuzz_as(bool root)
{
	struct fuzzer *f = calloc(1, sizeof(*f));
	long slab_before = 0, slab_after;
	unsigned long *leaks_after;
	bool kmemleak = kmemleak_available();
	uint32_t fences_before;
	const char *seed_s = getenv("NSFENCE_FUZZ_SEED");
	unsigned int seed = seed_s ? (unsigned int)atol(seed_s) : (unsigned int)time(NULL);
	unsigned long count;
	unsigned int leaks;
	char problem[512];
	struct parked p;
	pid_t pid;
	int status;

	ASSERT_TRUE(f != NULL);
	if (!nsfence_module_loaded())
		ktap_skip("module not loaded");
	ktap_print("seed %u", seed);
	count = fuzz_count();
	fences_before = fence_count_wait(0);
	if (kmemleak) {
		ASSERT_TRUE(leak_baseline != NULL);
	} else {
		drop_caches();
		slab_before = meminfo("Slab");
	}
	park(&p);
	fflush(stdout);
	pid = ASSERT_OK(fork());
	if (pid == 0) {
		srandom(seed);
		f->root = root;
		f->target = p.pid;
		f->target_inum = p.inum;
		if (!root) {
			ASSERT_OK(setgroups(0, NULL));
			ASSERT_OK(setresgid(65534, 65534, 65534));
			ASSERT_OK(setresuid(65534, 65534, 65534));
		}
		ASSERT_EQ(0, open_socket(f));
		fuzz_run(f, count);
		fflush(stdout);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status);
	kill(p.pid, SIGKILL);
	waitpid(p.pid, NULL, 0);
	/*
	 * A FENCE of type default needs no other attribute: root's fuzzing
	 * may well have set one.  It is no namespace's, so nothing reclaims
	 * it: remove it, or every program after this one runs fenced.
	 */
	if (root)
		remove_default_fence();
	ASSERT_EQ(fences_before, fence_count_wait(fences_before));
	if (kmemleak) {
		leaks_after = kmemleak_scan_leaks();
		ASSERT_TRUE(leaks_after != NULL);
		leaks = new_leaks(leak_baseline, leaks_after, true);
		ktap_print("kmemleak: %u suspected leaks before the fuzzing, %u after, %u new (the leak verdict on a kmemleak kernel)",
			   count_addrs(leak_baseline), count_addrs(leaks_after), leaks);
		ASSERT_EQ(0, leaks);
		free(leaks_after);
	} else {
		drop_caches();
		slab_after = meminfo("Slab");
		ktap_print("slab: %ld kB before, %ld kB after", slab_before, slab_after);
		/* A leak per message would be megabytes; allow for caches' noise. */
		ASSERT_LE(slab_before + 4096, slab_after);
	}
	ASSERT_TRUE(!kernel_log_has_problem(problem, sizeof(problem)));
	free(f);
}

static void fuzz_root(void)
{
	fuzz_as(true);
}

static void fuzz_unprivileged(void)
{
	fuzz_as(false);
}

static const struct ktap_case cases[] = {
	KTAP_CASE_T(fuzz_root, 900),
	KTAP_CASE_T(fuzz_unprivileged, 900),
};

int main(void)
{
	/* A case asserts that it was taken. */
	if (kmemleak_available())
		leak_baseline = kmemleak_scan_leaks();
	return ktap_run(cases, KTAP_COUNT(cases));
}
