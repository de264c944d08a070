// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of libnsfence and the helper's id ranges; no module needed.
 * TAP 13 on stdout; exit 0 when every test passed, else 1.
 *
 * The request/reply machinery is exercised against the kernel's own
 * generic netlink controller ("nlctrl"): a dump, and a request the kernel
 * rejects with an extended-ACK message.  Reply parsing is exercised on
 * messages built here.  $NSFENCE, when set, names a CLI binary to check.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "internal.h"
#include "nsfence.h"
#include "../idrange.h"

struct tap {
	int n, failed;
};

static void tap_ok(struct tap *t, int cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void tap_ok(struct tap *t, int cond, const char *fmt, ...)
{
	va_list ap;

	t->n++;
	if (!cond)
		t->failed++;
	printf("%sok %d ", cond ? "" : "not ", t->n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void tap_skip(struct tap *t, const char *desc, const char *why)
{
	t->n++;
	printf("ok %d %s # SKIP %s\n", t->n, desc, why);
}

/* ---- names ---- */

static void test_class_names(struct tap *t)
{
	tap_ok(t, !strcmp(nsfence_class_name(NSFENCE_CLASS_MODULES), "modules") &&
	       !strcmp(nsfence_class_name(NSFENCE_CLASS_SYSCTL), "sysctl") &&
	       !strcmp(nsfence_class_name(NSFENCE_CLASS_DEVICES), "devices") &&
	       !strcmp(nsfence_class_name(NSFENCE_CLASS_SELF), "self"),
	       "class_name: the four class names");
	tap_ok(t, nsfence_class_name(__NSFENCE_CLASS_COUNT) == NULL &&
	       nsfence_class_name(~0U) == NULL, "class_name: NULL when unknown");
	tap_ok(t, !strcmp(nsfence_ns_type_name(NSFENCE_NS_USER), "user") &&
	       !strcmp(nsfence_ns_type_name(NSFENCE_NS_PID), "pid") &&
	       !strcmp(nsfence_ns_type_name(NSFENCE_NS_DEFAULT), "default") &&
	       !nsfence_ns_type_name(0) && !nsfence_ns_type_name(4),
	       "ns_type_name");
	tap_ok(t, !strcmp(nsfence_mode_name(NSFENCE_MODE_ENFORCE), "enforce") &&
	       !strcmp(nsfence_mode_name(NSFENCE_MODE_AUDIT), "audit") &&
	       !nsfence_mode_name(2), "mode_name");
}

static void test_parse_ns_type(struct tap *t)
{
	uint32_t v = 77;

	tap_ok(t, !nsfence_parse_ns_type("user", &v) && v == NSFENCE_NS_USER,
	       "parse_ns_type: user");
	tap_ok(t, !nsfence_parse_ns_type("pid", &v) && v == NSFENCE_NS_PID,
	       "parse_ns_type: pid");
	tap_ok(t, !nsfence_parse_ns_type("default", &v) && v == NSFENCE_NS_DEFAULT,
	       "parse_ns_type: default");
	tap_ok(t, nsfence_parse_ns_type("net", &v) == -EINVAL &&
	       nsfence_parse_ns_type("", &v) == -EINVAL &&
	       nsfence_parse_ns_type("User", &v) == -EINVAL,
	       "parse_ns_type: rejects net, empty, User");
}

static void test_parse_classes(struct tap *t)
{
	static const struct {
		const char *s;
		uint32_t mask;
	} good[] = {
		{ "modules,sysctl,devices", NSFENCE_CLASSES_ALL },
		{ "all", NSFENCE_CLASSES_ALL },
		{ "none", 0 },
		{ "modules", 1U << NSFENCE_CLASS_MODULES },
		{ "sysctl", 1U << NSFENCE_CLASS_SYSCTL },
		{ "devices", 1U << NSFENCE_CLASS_DEVICES },
		{ "devices,modules", (1U << NSFENCE_CLASS_DEVICES) |
				     (1U << NSFENCE_CLASS_MODULES) },
		{ "sysctl,sysctl", 1U << NSFENCE_CLASS_SYSCTL },
		{ "none,sysctl", 1U << NSFENCE_CLASS_SYSCTL },
		{ "all,modules", NSFENCE_CLASSES_ALL },
	};
	static const char *const bad[] = {
		"", "self", "foo", "modules,", ",modules", "modules,,sysctl",
		"MODULES", "all ", " all", "modules sysctl", "modules,self",
	};
	uint32_t mask;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		mask = 0xdead;
		tap_ok(t, !nsfence_parse_classes(good[i].s, &mask) &&
		       mask == good[i].mask, "parse_classes \"%s\" = %#x",
		       good[i].s, good[i].mask);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mask = 0xdead;
		tap_ok(t, nsfence_parse_classes(bad[i], &mask) == -EINVAL &&
		       mask == 0xdead, "parse_classes \"%s\" = -EINVAL, mask untouched",
		       bad[i]);
	}
	tap_ok(t, nsfence_parse_classes(NULL, &mask) == -EINVAL,
	       "parse_classes NULL = -EINVAL");
}

static void test_format_classes(struct tap *t)
{
	char buf[64], tiny[5];
	uint32_t m, back;
	int all_ok = 1;

	tap_ok(t, !nsfence_format_classes(NSFENCE_CLASSES_ALL, buf, sizeof(buf)) &&
	       !strcmp(buf, "modules,sysctl,devices"),
	       "format_classes all = \"modules,sysctl,devices\"");
	tap_ok(t, !nsfence_format_classes(0, buf, sizeof(buf)) &&
	       !strcmp(buf, "none"), "format_classes 0 = \"none\"");
	tap_ok(t, !nsfence_format_classes(1U << NSFENCE_CLASS_SYSCTL, buf,
					  sizeof(buf)) && !strcmp(buf, "sysctl"),
	       "format_classes sysctl");
	tap_ok(t, !nsfence_format_classes(1U << NSFENCE_CLASS_SELF, buf,
					  sizeof(buf)) && !strcmp(buf, "self"),
	       "format_classes self bit = \"self\"");
	tap_ok(t, !nsfence_format_classes(0x31, buf, sizeof(buf)) &&
	       !strcmp(buf, "modules,0x30"), "format_classes unknown bits in hex");
	tap_ok(t, nsfence_format_classes(NSFENCE_CLASSES_ALL, tiny,
					 sizeof(tiny)) == -ENOSPC &&
	       strlen(tiny) < sizeof(tiny), "format_classes -ENOSPC, NUL-terminated");
	tap_ok(t, nsfence_format_classes(1, NULL, 4) == -EINVAL &&
	       nsfence_format_classes(1, buf, 0) == -EINVAL,
	       "format_classes -EINVAL on no buffer");
	for (m = 0; m <= NSFENCE_CLASSES_ALL; m++) {
		if (nsfence_format_classes(m, buf, sizeof(buf)) ||
		    nsfence_parse_classes(buf, &back) || back != m)
			all_ok = 0;
	}
	tap_ok(t, all_ok, "format_classes/parse_classes round trip of every mask");
}

static void test_parse_devrule(struct tap *t)
{
	static const struct {
		const char *s;
		struct nsfence_devrule r;
	} good[] = {
		{ "c 10:237 rw", { NSFENCE_DEV_CHAR, 10, 237,
				   NSFENCE_DEV_READ | NSFENCE_DEV_WRITE } },
		{ "b 7:* rwm", { NSFENCE_DEV_BLOCK, 7, NSFENCE_DEV_ANY,
				 NSFENCE_DEV_ACCESS_ALL } },
		{ "c *:* m", { NSFENCE_DEV_CHAR, NSFENCE_DEV_ANY,
			       NSFENCE_DEV_ANY, NSFENCE_DEV_MKNOD } },
		{ "  c 1:3 r  ", { NSFENCE_DEV_CHAR, 1, 3, NSFENCE_DEV_READ } },
		{ "c\t1:3\tmr", { NSFENCE_DEV_CHAR, 1, 3,
				 NSFENCE_DEV_READ | NSFENCE_DEV_MKNOD } },
		{ "b 4095:1048575 w", { NSFENCE_DEV_BLOCK, 4095, 1048575,
					NSFENCE_DEV_WRITE } },
		{ "c 0:0 wr", { NSFENCE_DEV_CHAR, 0, 0,
			       NSFENCE_DEV_READ | NSFENCE_DEV_WRITE } },
	};
	static const char *const bad[] = {
		"", "a 1:3 r", "c 1:3", "c 1:3 ", "c 1:3 rr", "c 1:3 x",
		"c 1 r", "c 1:3r", "c1:3 r", "c 4096:0 r", "c 0:1048576 r",
		"c -1:3 r", "c 1:3 r extra", "c :3 r", "c 1: r", "C 1:3 r",
		"c 1:3 R", "c 99999999999999999999:1 r", "c 0x1:3 r", "c 1:**  r",
	};
	struct nsfence_devrule r, poison = { 9, 9, 9, 9 };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		r = poison;
		tap_ok(t, !nsfence_parse_devrule(good[i].s, &r) &&
		       !memcmp(&r, &good[i].r, sizeof(r)),
		       "parse_devrule \"%s\"", good[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = poison;
		tap_ok(t, nsfence_parse_devrule(bad[i], &r) == -EINVAL &&
		       !memcmp(&r, &poison, sizeof(r)),
		       "parse_devrule \"%s\" = -EINVAL, rule untouched", bad[i]);
	}
}

static void test_format_devrule(struct tap *t)
{
	static const char *const texts[] = {
		"c 10:237 rw", "b 7:* rwm", "c *:* m", "b 0:0 r",
	};
	struct nsfence_devrule r;
	char buf[64], tiny[6];
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		tap_ok(t, !nsfence_parse_devrule(texts[i], &r) &&
		       !nsfence_format_devrule(&r, buf, sizeof(buf)) &&
		       !strcmp(buf, texts[i]), "format_devrule \"%s\" round trip",
		       texts[i]);
	nsfence_parse_devrule("c 1:3 mwr", &r);
	tap_ok(t, !nsfence_format_devrule(&r, buf, sizeof(buf)) &&
	       !strcmp(buf, "c 1:3 rwm"), "format_devrule access in rwm order");
	r = (struct nsfence_devrule){ 3, 1, 3, NSFENCE_DEV_READ };
	tap_ok(t, nsfence_format_devrule(&r, buf, sizeof(buf)) == -EINVAL,
	       "format_devrule unknown type = -EINVAL");
	r = (struct nsfence_devrule){ NSFENCE_DEV_CHAR, 1, 3, 0 };
	tap_ok(t, nsfence_format_devrule(&r, buf, sizeof(buf)) == -EINVAL,
	       "format_devrule no access = -EINVAL");
	r = (struct nsfence_devrule){ NSFENCE_DEV_CHAR, 1, 3, 8 };
	tap_ok(t, nsfence_format_devrule(&r, buf, sizeof(buf)) == -EINVAL,
	       "format_devrule unknown access bit = -EINVAL");
	r = (struct nsfence_devrule){ NSFENCE_DEV_CHAR, 10, 237, 3 };
	tap_ok(t, nsfence_format_devrule(&r, tiny, sizeof(tiny)) == -ENOSPC &&
	       strlen(tiny) < sizeof(tiny), "format_devrule -ENOSPC");
}

/* ---- namespaces ---- */

static void test_ns_inum(struct tap *t)
{
	struct stat sb;
	uint32_t inum = 0;

	tap_ok(t, !stat("/proc/self/ns/user", &sb) &&
	       !nsfence_ns_inum(getpid(), NSFENCE_NS_USER, &inum) &&
	       inum == sb.st_ino, "ns_inum: user ns of getpid() = st_ino");
	tap_ok(t, !stat("/proc/self/ns/pid", &sb) &&
	       !nsfence_ns_inum(0, NSFENCE_NS_PID, &inum) && inum == sb.st_ino,
	       "ns_inum: pid 0 is the caller, pid ns");
	tap_ok(t, nsfence_ns_inum(getpid(), NSFENCE_NS_DEFAULT, &inum) == -EINVAL &&
	       nsfence_ns_inum(getpid(), 4, &inum) == -EINVAL &&
	       nsfence_ns_inum(-1, NSFENCE_NS_USER, &inum) == -EINVAL,
	       "ns_inum: -EINVAL on bad type or pid");
	tap_ok(t, nsfence_ns_inum(0x3ffffffe, NSFENCE_NS_USER, &inum) == -ENOENT,
	       "ns_inum: -ENOENT for a pid that does not exist");
}

/* ---- netlink machinery against nlctrl ---- */

static int count_msgs(struct nsfence *h, struct nlmsghdr *nlh, void *arg)
{
	(void)h;
	(void)nlh;
	++*(int *)arg;
	return 0;
}

static int count_stop(struct nsfence *h, struct nlmsghdr *nlh, void *arg)
{
	(void)h;
	(void)nlh;
	(void)arg;
	return 42;
}

static void test_open(struct tap *t)
{
	struct nsfence *h = NULL;
	int ret;

	tap_ok(t, !strcmp(nsfence_errmsg(NULL), ""), "errmsg(NULL) = \"\"");
	ret = nsfence_open(&h);
	if (!ret) {
		tap_skip(t, "open = -ENOENT without the module",
			 "family nsfence is registered");
		nsfence_close(h);
		return;
	}
	tap_ok(t, ret == -ENOENT && !h, "open = -ENOENT without the module (%d)",
	       ret);
	tap_ok(t, nsfence_open(NULL) == -EINVAL, "open(NULL) = -EINVAL");
}

static void test_machinery(struct tap *t)
{
	struct nsfence *h;
	struct nl_msg *msg;
	int n = 0, ret, flags;

	if (nsf_connect(&h) < 0) {
		tap_skip(t, "nlctrl machinery", "no generic netlink socket");
		return;
	}
	h->family = GENL_ID_CTRL;

	flags = fcntl(nsfence_fd(h), F_GETFD);
	tap_ok(t, flags >= 0 && (flags & FD_CLOEXEC), "socket is close-on-exec");

	msg = nsf_msg_new(h, CTRL_CMD_GETFAMILY, NLM_F_DUMP, 0);
	ret = nsf_request(h, msg, count_msgs, &n);
	tap_ok(t, ret == 0 && n > 0, "dump of nlctrl families: %d messages", n);

	/* A 1-byte CTRL_ATTR_FAMILY_ID fails the u16 policy. */
	msg = nsf_msg_new(h, CTRL_CMD_GETFAMILY, 0, 0);
	nla_put_u8(msg, CTRL_ATTR_FAMILY_ID, 1);
	ret = nsf_request(h, msg, NULL, NULL);
	printf("# bad request: %d (%s) \"%s\"\n", ret, strerror(-ret),
	       nsfence_errmsg(h));
	tap_ok(t, ret < 0 && ret != -EPROTO, "kernel error comes back as -errno");
	tap_ok(t, nsfence_errmsg(h)[0] != '\0', "extack text read: \"%s\"",
	       nsfence_errmsg(h));

	/* The socket stays usable: the same dump again. */
	h->errmsg[0] = '\0';
	n = 0;
	msg = nsf_msg_new(h, CTRL_CMD_GETFAMILY, NLM_F_DUMP, 0);
	ret = nsf_request(h, msg, count_msgs, &n);
	tap_ok(t, ret == 0 && n > 0, "handle usable after an error");

	/* A stop value from the reply function drains the rest of the dump. */
	msg = nsf_msg_new(h, CTRL_CMD_GETFAMILY, NLM_F_DUMP, 0);
	ret = nsf_request(h, msg, count_stop, &n);
	tap_ok(t, ret == 42, "reply function's stop value returned");
	msg = nsf_msg_new(h, CTRL_CMD_GETFAMILY, NLM_F_DUMP, 0);
	n = 0;
	ret = nsf_request(h, msg, count_msgs, &n);
	tap_ok(t, ret == 0 && n > 0, "handle usable after a stopped dump");

	nsfence_close(h);
}

/* ---- reply parsing on built messages ---- */

static struct nl_msg *reply_new(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 1, 1, 0x42, 0, 0, cmd, NSFENCE_GENL_VERSION);
	return msg;
}

static void put_counter(struct nl_msg *msg, uint32_t cls, uint64_t denied,
			uint64_t audited)
{
	struct nlattr *c = nla_nest_start(msg, NSFENCE_A_COUNTER);

	nla_put_u32(msg, NSFENCE_CNT_A_CLASS, cls);
	nla_put_u64(msg, NSFENCE_CNT_A_DENIED, denied);
	nla_put_u64(msg, NSFENCE_CNT_A_AUDITED, audited);
	nla_nest_end(msg, c);
}

static void put_counters(struct nl_msg *msg)
{
	struct nlattr *list = nla_nest_start(msg, NSFENCE_A_COUNTERS);

	put_counter(msg, NSFENCE_CLASS_MODULES, 3, 1);
	put_counter(msg, NSFENCE_CLASS_SELF, 7, 0);
	put_counter(msg, 99, 5, 5);	/* from a newer kernel: ignored */
	nla_nest_end(msg, list);
}

static void put_dev(struct nl_msg *msg, uint32_t type, uint32_t major,
		    uint32_t minor, uint32_t access)
{
	struct nlattr *d = nla_nest_start(msg, NSFENCE_A_DEVICE);

	nla_put_u32(msg, NSFENCE_DEV_A_TYPE, type);
	nla_put_u32(msg, NSFENCE_DEV_A_MAJOR, major);
	nla_put_u32(msg, NSFENCE_DEV_A_MINOR, minor);
	nla_put_u32(msg, NSFENCE_DEV_A_ACCESS, access);
	nla_nest_end(msg, d);
}

static void test_parse_status(struct tap *t, struct nsfence *h)
{
	struct nsfence_status st;
	struct nl_msg *msg;
	int ret;

	msg = reply_new(NSFENCE_CMD_STATUS);
	nla_put_u32(msg, NSFENCE_A_VERSION, 1);
	nla_put_u8(msg, NSFENCE_A_LOCKED, 1);
	nla_put_string(msg, NSFENCE_A_ATTACH, "ftrace-and-more-than-16-bytes");
	nla_put_string(msg, NSFENCE_A_HOOKS, "file_open,sb_mount");
	nla_put_u32(msg, NSFENCE_A_FENCE_COUNT, 2);
	put_counters(msg);
	memset(&st, 0xff, sizeof(st));
	memset(&st.counters, 0, sizeof(st.counters));
	ret = nsf_parse_status(h, nlmsg_hdr(msg), &st);
	tap_ok(t, !ret && st.version == 1 && st.locked == 1 &&
	       !strcmp(st.attach, "ftrace-and-more") &&
	       !strcmp(st.hooks, "file_open,sb_mount") && st.fence_count == 2 &&
	       st.counters.denied[NSFENCE_CLASS_MODULES] == 3 &&
	       st.counters.audited[NSFENCE_CLASS_MODULES] == 1 &&
	       st.counters.denied[NSFENCE_CLASS_SELF] == 7,
	       "parse status reply (attach truncated, unknown class ignored)");
	nlmsg_free(msg);

	msg = reply_new(NSFENCE_CMD_STATUS);
	nla_put_u8(msg, NSFENCE_A_VERSION, 1);
	ret = nsf_parse_status(h, nlmsg_hdr(msg), &st);
	tap_ok(t, ret == -EPROTO, "status: VERSION of the wrong size = -EPROTO");
	nlmsg_free(msg);

	msg = reply_new(NSFENCE_CMD_STATUS);
	nla_put_u32(msg, NSFENCE_A_FENCE_COUNT, 2);
	ret = nsf_parse_status(h, nlmsg_hdr(msg), &st);
	tap_ok(t, ret == -EPROTO && nsfence_errmsg(h)[0],
	       "status: no VERSION = -EPROTO with a message");
	nlmsg_free(msg);

	msg = reply_new(NSFENCE_CMD_LIST);
	nla_put_u32(msg, NSFENCE_A_VERSION, 1);
	ret = nsf_parse_status(h, nlmsg_hdr(msg), &st);
	tap_ok(t, ret == -EPROTO, "status: reply of another command = -EPROTO");
	nlmsg_free(msg);

	msg = reply_new(NSFENCE_CMD_STATUS);
	nla_put_u32(msg, NSFENCE_A_VERSION, 1);
	nla_put(msg, NSFENCE_A_HOOKS, 3, "abc");	/* no NUL */
	ret = nsf_parse_status(h, nlmsg_hdr(msg), &st);
	tap_ok(t, ret == -EPROTO, "status: unterminated string = -EPROTO");
	nlmsg_free(msg);
}

static void test_parse_fence(struct tap *t, struct nsfence *h)
{
	struct nsfence_fence_info *f = calloc(1, sizeof(*f));
	struct nlattr *list;
	struct nl_msg *msg;
	unsigned int i;
	int ret;

	msg = reply_new(NSFENCE_CMD_LIST);
	nla_put_u32(msg, NSFENCE_A_NS_TYPE, NSFENCE_NS_USER);
	nla_put_u32(msg, NSFENCE_A_NS_INUM, 4026532281U);
	nla_put_u32(msg, NSFENCE_A_CLASSES, NSFENCE_CLASSES_ALL);
	nla_put_u32(msg, NSFENCE_A_MODE, NSFENCE_MODE_AUDIT);
	nla_put_u64(msg, NSFENCE_A_CREATED, 123456789012ULL);
	list = nla_nest_start(msg, NSFENCE_A_DEVICES);
	put_dev(msg, NSFENCE_DEV_CHAR, 10, 237, 3);
	put_dev(msg, NSFENCE_DEV_BLOCK, 7, NSFENCE_DEV_ANY, 7);
	nla_nest_end(msg, list);
	put_counters(msg);
	ret = nsf_parse_fence(h, nlmsg_hdr(msg), f);
	tap_ok(t, !ret && f->ns_type == NSFENCE_NS_USER &&
	       f->ns_inum == 4026532281U && f->classes == NSFENCE_CLASSES_ALL &&
	       f->mode == NSFENCE_MODE_AUDIT && f->created_ns == 123456789012ULL &&
	       f->nr_devices == 2 && f->devices[0].major == 10 &&
	       f->devices[0].minor == 237 && f->devices[0].access == 3 &&
	       f->devices[1].type == NSFENCE_DEV_BLOCK &&
	       f->devices[1].minor == NSFENCE_DEV_ANY &&
	       f->counters.denied[NSFENCE_CLASS_MODULES] == 3,
	       "parse list message");
	nlmsg_free(msg);

	msg = reply_new(NSFENCE_CMD_LIST);
	nla_put_u32(msg, NSFENCE_A_NS_TYPE, NSFENCE_NS_USER);
	ret = nsf_parse_fence(h, nlmsg_hdr(msg), f);
	tap_ok(t, ret == -EPROTO, "list: no NS_INUM = -EPROTO");
	nlmsg_free(msg);

	msg = nlmsg_alloc_size(16384);
	genlmsg_put(msg, 1, 1, 0x42, 0, 0, NSFENCE_CMD_LIST, 1);
	nla_put_u32(msg, NSFENCE_A_NS_TYPE, NSFENCE_NS_PID);
	nla_put_u32(msg, NSFENCE_A_NS_INUM, 5);
	list = nla_nest_start(msg, NSFENCE_A_DEVICES);
	for (i = 0; i <= NSFENCE_MAX_DEVICES; i++)
		put_dev(msg, NSFENCE_DEV_CHAR, 1, i, 1);
	nla_nest_end(msg, list);
	ret = nsf_parse_fence(h, nlmsg_hdr(msg), f);
	tap_ok(t, ret == -EPROTO, "list: more than %u devices = -EPROTO",
	       NSFENCE_MAX_DEVICES);
	nlmsg_free(msg);

	msg = reply_new(NSFENCE_CMD_LIST);
	nla_put_u32(msg, NSFENCE_A_NS_TYPE, NSFENCE_NS_PID);
	nla_put_u32(msg, NSFENCE_A_NS_INUM, 5);
	list = nla_nest_start(msg, NSFENCE_A_DEVICES);
	{
		struct nlattr *d = nla_nest_start(msg, NSFENCE_A_DEVICE);

		nla_put_u32(msg, NSFENCE_DEV_A_TYPE, NSFENCE_DEV_CHAR);
		nla_nest_end(msg, d);
	}
	nla_nest_end(msg, list);
	ret = nsf_parse_fence(h, nlmsg_hdr(msg), f);
	tap_ok(t, ret == -EPROTO, "list: incomplete device rule = -EPROTO");
	nlmsg_free(msg);
	free(f);
}

static void test_parsing(struct tap *t)
{
	struct nsfence *h;

	if (nsf_connect(&h) < 0) {
		tap_skip(t, "reply parsing", "no generic netlink socket");
		return;
	}
	test_parse_status(t, h);
	test_parse_fence(t, h);
	nsfence_close(h);
}

static void test_fence_local_checks(struct tap *t)
{
	struct nsfence_fence_req req = { .nr_devices = 1 };
	struct nsfence *h;

	if (nsf_connect(&h) < 0) {
		tap_skip(t, "fence local checks", "no generic netlink socket");
		return;
	}
	tap_ok(t, nsfence_fence(h, &req) == -EINVAL && nsfence_errmsg(h)[0],
	       "fence: devices NULL with nr_devices 1 = -EINVAL");
	tap_ok(t, nsfence_fence(h, NULL) == -EINVAL &&
	       nsfence_fence(NULL, &req) == -EINVAL, "fence: NULL = -EINVAL");
	nsfence_close(h);
}

/* ---- id ranges ---- */

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (!pid)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

static void test_idrange(struct tap *t)
{
	char dir[] = "/tmp/nsfence-unit-XXXXXX", run[64], su[64],
	     sg[64], err[128], cmd[256], rec[128];
	struct idrange_conf conf;
	struct idrange a, b, c;
	int ret;

	if (!mkdtemp(dir)) {
		tap_skip(t, "id ranges", "no temporary directory");
		return;
	}
	snprintf(run, sizeof(run), "%s/run", dir);
	snprintf(su, sizeof(su), "%s/subuid", dir);
	snprintf(sg, sizeof(sg), "%s/subgid", dir);
	conf = (struct idrange_conf){ run, su, sg, "nsfence" };

	/* No files: the default pool. */
	ret = idrange_alloc(&conf, getpid(), &a, err, sizeof(err));
	tap_ok(t, !ret && a.base == 100000, "idrange: first default block 100000");
	ret = idrange_alloc(&conf, getpid(), &b, err, sizeof(err));
	tap_ok(t, !ret && b.base == 165536, "idrange: second default block 165536");
	tap_ok(t, !idrange_release(&conf, &a), "idrange: release");
	ret = idrange_alloc(&conf, getpid(), &c, err, sizeof(err));
	tap_ok(t, !ret && c.base == 100000, "idrange: released block reused");
	idrange_release(&conf, &b);
	idrange_release(&conf, &c);

	/* A record whose owner died is reclaimed. */
	snprintf(rec, sizeof(rec), "%s/ids/100000", run);
	snprintf(cmd, sizeof(cmd), "%ld 12345\n", (long)dead_pid());
	write_file(rec, cmd);
	ret = idrange_alloc(&conf, getpid(), &a, err, sizeof(err));
	tap_ok(t, !ret && a.base == 100000, "idrange: dead owner's block reclaimed");
	/* A stale release (record now names someone else) leaves it alone. */
	b = a;
	b.owner_start++;
	tap_ok(t, idrange_release(&conf, &b) == -ESTALE,
	       "idrange: release of a record that is not ours = -ESTALE");
	idrange_release(&conf, &a);

	/* A zombie owner (same pid and start time, but exited) too. */
	{
		unsigned long long start = 0;
		pid_t z = fork();

		if (!z)
			_exit(0);
		usleep(100000);
		idrange_proc_start(z, &start);
		snprintf(cmd, sizeof(cmd), "%ld %llu\n", (long)z, start);
		write_file(rec, cmd);
		ret = idrange_alloc(&conf, getpid(), &a, err, sizeof(err));
		tap_ok(t, start && !ret && a.base == 100000,
		       "idrange: zombie owner's block reclaimed");
		idrange_release(&conf, &a);
		waitpid(z, NULL, 0);
	}

	/* Other users' subordinate ids are skipped by the default pool. */
	write_file(su, "alice:100000:65536\n# comment\nbob:231072:65536\n");
	write_file(sg, "alice:100000:65536\n");
	ret = idrange_alloc(&conf, getpid(), &a, err, sizeof(err));
	ret = ret ? ret : idrange_alloc(&conf, getpid(), &b, err, sizeof(err));
	tap_ok(t, !ret && a.base == 165536 && b.base == 296608,
	       "idrange: default pool skips other users' ranges (%u, %u)",
	       a.base, b.base);
	idrange_release(&conf, &a);
	idrange_release(&conf, &b);

	/* Entries of user nsfence: the pool, in both files. */
	write_file(su, "alice:100000:65536\nnsfence:300000:131072\n");
	write_file(sg, "nsfence:300000:200000\n");
	ret = idrange_alloc(&conf, getpid(), &a, err, sizeof(err));
	ret = ret ? ret : idrange_alloc(&conf, getpid(), &b, err, sizeof(err));
	tap_ok(t, !ret && a.base == 300000 && b.base == 365536,
	       "idrange: blocks from the nsfence subuid/subgid entries");
	ret = idrange_alloc(&conf, getpid(), &c, err, sizeof(err));
	tap_ok(t, ret == -ENOSPC && err[0], "idrange: pool exhausted = -ENOSPC (%s)",
	       err);
	idrange_release(&conf, &a);
	idrange_release(&conf, &b);

	write_file(sg, "alice:100000:65536\n");
	ret = idrange_alloc(&conf, getpid(), &a, err, sizeof(err));
	tap_ok(t, ret == -EINVAL, "idrange: nsfence in subuid only = -EINVAL");

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

/* ---- the CLI ---- */

static int run_cli(const char *bin, const char *args, char *out, size_t len)
{
	char cmd[PATH_MAX + 256];
	size_t n = 0;
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "%s %s 2>&1", bin, args);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	if (out && len) {
		n = fread(out, 1, len - 1, p);
		out[n] = '\0';
	}
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_cli(struct tap *t)
{
	const char *bin = getenv("NSFENCE");
	struct nsfence *h;
	char out[4096];
	int ret;

	if (!bin) {
		tap_skip(t, "CLI", "NSFENCE not set");
		return;
	}
	ret = run_cli(bin, "--version", out, sizeof(out));
	tap_ok(t, ret == 0 && !strcmp(out, "nsfence 0.1.0\n"),
	       "cli: --version prints \"nsfence 0.1.0\"");
	ret = run_cli(bin, "--help", out, sizeof(out));
	tap_ok(t, ret == 0 && strstr(out, "Usage: nsfence"), "cli: --help");
	ret = run_cli(bin, "help list", out, sizeof(out));
	tap_ok(t, ret == 0 && strstr(out, "nsfence list"), "cli: help list");
	ret = run_cli(bin, "fence", out, sizeof(out));
	tap_ok(t, ret == 2 && strstr(out, "--pid is required"),
	       "cli: fence without --pid exits 2");
	ret = run_cli(bin, "fence --pid 1 --deny self", out, sizeof(out));
	tap_ok(t, ret == 2, "cli: fence --deny self exits 2");
	ret = run_cli(bin, "fence --pid 1 --allow-device 'c 1:3'", out,
		      sizeof(out));
	tap_ok(t, ret == 2, "cli: bad --allow-device exits 2");
	ret = run_cli(bin, "frobnicate", out, sizeof(out));
	tap_ok(t, ret == 2 && strchr(out, '\n') && !strchr(strchr(out, '\n') + 1, '\n'),
	       "cli: unknown command exits 2 with one line");
	ret = run_cli(bin, "run", out, sizeof(out));
	tap_ok(t, ret == 125, "cli: run without CMD exits 125");

	if (!nsfence_open(&h)) {
		nsfence_close(h);
		tap_skip(t, "cli: status exits 3", "family nsfence is registered");
		tap_skip(t, "cli: run exits 125", "family nsfence is registered");
		return;
	}
	ret = run_cli(bin, "status", out, sizeof(out));
	tap_ok(t, ret == 3 && strstr(out, "modprobe nsfence") &&
	       !strchr(strchr(out, '\n') + 1, '\n'),
	       "cli: status exits 3 with one line and the modprobe hint");
	ret = run_cli(bin, "run -- /bin/echo SHOULD-NOT-RUN", out, sizeof(out));
	tap_ok(t, ret == 125 && !strstr(out, "SHOULD-NOT-RUN\n"),
	       "cli: run without the module exits 125, CMD never runs");
}

int main(void)
{
	struct tap t = { 0 };

	printf("TAP version 13\n");
	test_class_names(&t);
	test_parse_ns_type(&t);
	test_parse_classes(&t);
	test_format_classes(&t);
	test_parse_devrule(&t);
	test_format_devrule(&t);
	test_ns_inum(&t);
	test_open(&t);
	test_machinery(&t);
	test_parsing(&t);
	test_fence_local_checks(&t);
	test_idrange(&t);
	test_cli(&t);
	printf("1..%d\n", t.n);
	printf("# %d passed, %d failed\n", t.n - t.failed, t.failed);
	return t.failed ? 1 : 0;
}
