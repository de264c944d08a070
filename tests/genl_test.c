// SPDX-License-Identifier: GPL-2.0
/*
 * The control plane: generic netlink family "nsfence".  Who may do what,
 * which targets are refused, and that malformed requests are rejected.
 *
 *   caller                              STATUS/LIST   FENCE/UNFENCE/LOCK  denials
 *   host root                           yes           yes                 yes
 *   unprivileged user                   yes           EPERM               EPERM
 *   root of an unfenced user namespace  yes           EPERM               EPERM
 *   fenced root, initial netns          EPERM         EPERM               EPERM (1)
 *   fenced root, own netns              family invisible (ENOENT)         EPERM (2)
 *
 * (1) the kernel's own check (CAP_SYS_ADMIN) passes: nsfence's socket
 * hooks refuse, by setsockopt(2) and by bind(2) alike.
 * (2) a guessed group id joined in its own netns receives nothing; the
 * way to the initial netns' groups, NETLINK_LISTEN_ALL_NSID, is refused.
 */
#define _GNU_SOURCE
#include "container.h"
#include "kernel.h"
#include "ktap.h"

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <signal.h>
#include <stdlib.h>
#include <grp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static struct nsfence *open_or_skip(void)
{
	struct nsfence *h;
	int ret = nsfence_open(&h);

	if (ret == -ENOENT)
		ktap_skip("nsfence family not registered");
	ASSERT_EQ(0, ret);
	return h;
}

static int fence_pid(struct nsfence *h, pid_t pid, uint32_t type, uint32_t inum)
{
	struct nsfence_fence_req req = {
		.pid = pid, .ns_type = type, .ns_inum = inum,
		.classes = NSFENCE_CLASSES_ALL, .mode = NSFENCE_MODE_ENFORCE,
	};

	return nsfence_fence(h, &req);
}

static void status_reports(void)
{
	struct nsfence *h = open_or_skip();
	struct nsfence_status st;

	ASSERT_EQ(0, nsfence_get_status(h, &st));
	ASSERT_EQ(NSFENCE_GENL_VERSION, st.version);
	/* A built-in nsfence is a real LSM; a module attaches by ftrace. */
	ASSERT_EQ(0, strcmp(st.attach, nsfence_module_builtin() ? "lsm" : "ftrace"));
	ASSERT_TRUE(strstr(st.hooks, "file_open") != NULL);
	ASSERT_TRUE(strstr(st.hooks, "kernel_module_request") != NULL);
	nsfence_close(h);
}

static void initial_namespaces_refused(void)
{
	struct nsfence *h = open_or_skip();
	uint32_t inum;

	ASSERT_EQ(0, nsfence_ns_inum(0, NSFENCE_NS_USER, &inum));
	ASSERT_EQ(-EINVAL, fence_pid(h, getpid(), NSFENCE_NS_USER, inum));
	ktap_print("user: %s", nsfence_errmsg(h));
	ASSERT_EQ(0, nsfence_ns_inum(0, NSFENCE_NS_PID, &inum));
	ASSERT_EQ(-EINVAL, fence_pid(h, getpid(), NSFENCE_NS_PID, inum));
	ktap_print("pid: %s", nsfence_errmsg(h));
	nsfence_close(h);
}

static void stale_inum_refused(void)
{
	struct nsfence *h = open_or_skip();
	struct parked p;

	park(&p);
	ASSERT_EQ(-ESTALE, fence_pid(h, p.pid, NSFENCE_NS_USER, p.inum + 1));
	ASSERT_TRUE(nsfence_errmsg(h)[0] != '\0');
	unpark(&p);
	nsfence_close(h);
}

static void dead_pid_refused(void)
{
	struct nsfence *h = open_or_skip();
	pid_t pid = ASSERT_OK(fork());

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	ASSERT_EQ(-ESRCH, fence_pid(h, pid, NSFENCE_NS_USER, 12345));
	nsfence_close(h);
}

struct find {
	uint32_t inum;
	int found;
	struct nsfence_fence_info info;
};

static int find_cb(const struct nsfence_fence_info *f, void *arg)
{
	struct find *x = arg;

	if (f->ns_inum == x->inum) {
		x->found++;
		x->info = *f;
	}
	return 0;
}

static int count_cb(const struct nsfence_fence_info *f, void *arg)
{
	(void)f;
	(*(int *)arg)++;
	return 0;
}

static int listed(struct nsfence *h, uint32_t inum, struct nsfence_fence_info *info)
{
	struct find x = { .inum = inum };

	ASSERT_EQ(0, nsfence_list(h, find_cb, &x));
	if (info)
		*info = x.info;
	return x.found;
}

static void fence_list_unfence(void)
{
	struct nsfence_devrule rule = {
		.type = NSFENCE_DEV_CHAR, .major = 10, .minor = 237, .access = NSFENCE_DEV_READ,
	};
	struct nsfence_fence_req req = {
		.classes = 1U << NSFENCE_CLASS_SYSCTL, .mode = NSFENCE_MODE_AUDIT,
		.nr_devices = 1, .devices = &rule, .ns_type = NSFENCE_NS_USER,
	};
	struct nsfence *h = open_or_skip();
	struct nsfence_fence_info info;
	struct parked p;

	park(&p);
	req.pid = p.pid;
	req.ns_inum = p.inum;
	ASSERT_EQ(0, nsfence_fence(h, &req));
	ASSERT_EQ(1, listed(h, p.inum, &info));
	ASSERT_EQ(NSFENCE_NS_USER, info.ns_type);
	ASSERT_EQ(1U << NSFENCE_CLASS_SYSCTL, info.classes);
	ASSERT_EQ(NSFENCE_MODE_AUDIT, info.mode);
	ASSERT_EQ(1, info.nr_devices);
	ASSERT_EQ(237, info.devices[0].minor);
	ASSERT_NE(0, info.created_ns);
	/* Fencing again replaces the policy: still one fence. */
	req.classes = NSFENCE_CLASSES_ALL;
	req.mode = NSFENCE_MODE_ENFORCE;
	ASSERT_EQ(0, nsfence_fence(h, &req));
	ASSERT_EQ(1, listed(h, p.inum, &info));
	ASSERT_EQ(NSFENCE_CLASSES_ALL, info.classes);
	ASSERT_EQ(0, nsfence_unfence(h, NSFENCE_NS_USER, p.inum));
	ASSERT_EQ(0, listed(h, p.inum, NULL));
	ASSERT_EQ(-ENOENT, nsfence_unfence(h, NSFENCE_NS_USER, p.inum));
	unpark(&p);
	nsfence_close(h);
}

/* Drops to uid/gid 65534 with no capabilities. */
static void become_nobody(void)
{
	ASSERT_OK(setgroups(0, NULL));
	ASSERT_OK(setresgid(65534, 65534, 65534));
	ASSERT_OK(setresuid(65534, 65534, 65534));
}

static int genl_socket(void)
{
	return ASSERT_OK(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC));
}

/* setsockopt() of an int option on a fresh generic netlink socket. */
static int genl_sockopt(int optname, int value)
{
	int fd = genl_socket();
	int ret = setsockopt(fd, SOL_NETLINK, optname, &value, sizeof(value));
	int err = ret < 0 ? -errno : 0;

	close(fd);
	return err;
}

/* bind() of a fresh generic netlink socket to multicast @groups. */
static int genl_bind_groups(uint32_t groups)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = groups };
	int fd = genl_socket();
	int ret = bind(fd, (struct sockaddr *)&addr, sizeof(addr));
	int err = ret < 0 ? -errno : 0;

	close(fd);
	return err;
}

/* Group 0x10 is nlctrl's "notify", present in every network namespace. */
#define CTRL_NOTIFY_GROUP 0x10

/* Runs @body(@p) in a child process, which must exit 0. */
static void in_child(void (*body)(const struct parked *p), const struct parked *p)
{
	pid_t pid = ASSERT_OK(fork());
	int status;

	if (pid == 0) {
		body(p);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status);
}

static void body_unprivileged(const struct parked *p)
{
	struct nsfence_monitor *m;
	struct nsfence_status st;
	struct nsfence *h;
	int n = 0;

	become_nobody();
	ASSERT_EQ(0, nsfence_open(&h));
	ASSERT_EQ(0, nsfence_get_status(h, &st));
	ASSERT_EQ(-EPERM, fence_pid(h, p->pid, NSFENCE_NS_USER, p->inum));
	ASSERT_EQ(-EPERM, nsfence_unfence(h, NSFENCE_NS_USER, p->inum));
	ASSERT_EQ(-EPERM, nsfence_lock(h));
	ASSERT_EQ(0, nsfence_list(h, count_cb, &n));
	/* Denial events name every container's tasks: admin only. */
	ASSERT_EQ(-EPERM, nsfence_monitor_open(&m));
}

static void unprivileged_refused(void)
{
	struct parked p;

	park(&p);
	in_child(body_unprivileged, &p);
	unpark(&p);
}

/* Root of a user namespace it created itself is no admin of the host. */
static void body_userns_root(const struct parked *p)
{
	struct nsfence_monitor *m;
	struct nsfence *h;

	ASSERT_OK(unshare(CLONE_NEWUSER));
	ASSERT_EQ(0, nsfence_open(&h));
	ASSERT_EQ(-EPERM, fence_pid(h, p->pid, NSFENCE_NS_USER, p->inum));
	ASSERT_EQ(-EPERM, nsfence_unfence(h, NSFENCE_NS_USER, p->inum));
	ASSERT_EQ(-EPERM, nsfence_lock(h));
	ASSERT_EQ(-EPERM, nsfence_monitor_open(&m));
}

static void userns_root_refused(void)
{
	struct parked p;

	park(&p);
	in_child(body_userns_root, &p);
	unpark(&p);
}

static int body_fenced_admin(void *arg)
{
	struct nsfence_monitor *m;
	struct nsfence_status st;
	struct nsfence *h;
	uint32_t own;
	int n = 0;

	(void)arg;
	ASSERT_EQ(0, nsfence_ns_inum(0, NSFENCE_NS_PID, &own));
	ASSERT_EQ(0, nsfence_open(&h));
	/* Fenced callers get nothing, not even the status or the list. */
	ASSERT_EQ(-EPERM, nsfence_get_status(h, &st));
	ASSERT_EQ(-EPERM, nsfence_list(h, count_cb, &n));
	ASSERT_EQ(-EPERM, fence_pid(h, 1, NSFENCE_NS_PID, 1));
	/* Its own fence: the one it would most like to remove. */
	ASSERT_EQ(-EPERM, nsfence_unfence(h, NSFENCE_NS_PID, own));
	ASSERT_EQ(-EPERM, nsfence_lock(h));
	nsfence_close(h);
	/* No denial events: not by the library, not by hand. */
	ASSERT_EQ(-EPERM, nsfence_monitor_open(&m));
	ASSERT_EQ(-EPERM, genl_sockopt(NETLINK_ADD_MEMBERSHIP, CTRL_NOTIFY_GROUP));
	ASSERT_EQ(-EPERM, genl_bind_groups(1U << (CTRL_NOTIFY_GROUP - 1)));
	ASSERT_EQ(-EPERM, genl_sockopt(NETLINK_LISTEN_ALL_NSID, 1));
	/* A socket without groups still works: it is only the groups. */
	ASSERT_EQ(0, genl_bind_groups(0));
	return 0;
}

/* The same socket operations as the fenced cases, allowed to the host. */
static void host_root_joins_groups(void)
{
	ASSERT_EQ(0, genl_sockopt(NETLINK_ADD_MEMBERSHIP, CTRL_NOTIFY_GROUP));
	ASSERT_EQ(0, genl_bind_groups(1U << (CTRL_NOTIFY_GROUP - 1)));
	ASSERT_EQ(0, genl_sockopt(NETLINK_LISTEN_ALL_NSID, 1));
}

/* A privileged, fenced container sharing the host's netns (--net=host). */
static void fenced_root_host_net_refused(void)
{
	struct container_opts o = { .kind = CONTAINER_ROOTFUL, .fence = true, .share_net = true };
	struct nsfence *h = open_or_skip();

	ASSERT_EQ(0, container_run(&o, body_fenced_admin, NULL));
	nsfence_close(h);
}

static int body_no_events(void *arg)
{
	struct nsfence_monitor *m;

	(void)arg;
	ASSERT_EQ(-EPERM, nsfence_monitor_open(&m));
	return 0;
}

/* Self-protection holds for a fence with no class, in audit mode. */
static void audit_fence_still_refused(void)
{
	struct container_opts o = {
		.kind = CONTAINER_ROOTFUL, .fence = true, .share_net = true,
		.no_classes = true, .audit = true,
	};

	ASSERT_EQ(0, container_run(&o, body_no_events, NULL));
}

static int body_private_net(void *arg)
{
	struct nsfence_monitor *m;
	struct nsfence *h;

	(void)arg;
	ASSERT_EQ(-ENOENT, nsfence_open(&h));
	ASSERT_EQ(-ENOENT, nsfence_monitor_open(&m));
	/* Its own netns' groups stay open to it ... */
	ASSERT_EQ(0, genl_sockopt(NETLINK_ADD_MEMBERSHIP, CTRL_NOTIFY_GROUP));
	ASSERT_EQ(0, genl_bind_groups(1U << (CTRL_NOTIFY_GROUP - 1)));
	/* ... but not the way to the initial netns' groups. */
	ASSERT_EQ(-EPERM, genl_sockopt(NETLINK_LISTEN_ALL_NSID, 1));
	return 0;
}

static void fenced_root_private_net_sees_nothing(void)
{
	struct container_opts o = { .kind = CONTAINER_ROOTFUL, .fence = true };

	ASSERT_EQ(0, container_run(&o, body_private_net, NULL));
}

/* Raw requests the library would never build: the kernel must reject them. */
static int raw_request(uint8_t cmd, int attr_type, uint32_t value)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg;
	int family, ret;

	ASSERT_TRUE(sk != NULL);
	ASSERT_EQ(0, genl_connect(sk));
	family = genl_ctrl_resolve(sk, NSFENCE_GENL_NAME);
	ASSERT_TRUE(family > 0);
	msg = nlmsg_alloc();
	ASSERT_TRUE(genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
				NLM_F_REQUEST | NLM_F_ACK, cmd, NSFENCE_GENL_VERSION));
	if (attr_type > 0)
		ASSERT_EQ(0, nla_put_u32(msg, attr_type, value));
	ASSERT_TRUE(nl_send_auto(sk, msg) >= 0);
	nlmsg_free(msg);
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, NULL, NULL);
	ret = nl_wait_for_ack(sk);
	nl_socket_free(sk);
	return ret;
}

static void malformed_requests_rejected(void)
{
	struct nsfence *h = open_or_skip();

	nsfence_close(h);
	/* Unknown command. */
	ASSERT_NE(0, raw_request(200, 0, 0));
	/* Unknown attribute on a known command. */
	ASSERT_NE(0, raw_request(NSFENCE_CMD_UNFENCE, NSFENCE_A_MAX + 1, 1));
	/* Out-of-range namespace type. */
	ASSERT_NE(0, raw_request(NSFENCE_CMD_UNFENCE, NSFENCE_A_NS_TYPE, 7));
	/* FENCE without its required attributes. */
	ASSERT_NE(0, raw_request(NSFENCE_CMD_FENCE, NSFENCE_A_MODE, 0));
	/* The event command is no request. */
	ASSERT_NE(0, raw_request(NSFENCE_CMD_DENIAL, 0, 0));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(status_reports),
	KTAP_CASE(initial_namespaces_refused),
	KTAP_CASE(stale_inum_refused),
	KTAP_CASE(dead_pid_refused),
	KTAP_CASE(fence_list_unfence),
	KTAP_CASE(unprivileged_refused),
	KTAP_CASE(userns_root_refused),
	KTAP_CASE(host_root_joins_groups),
	KTAP_CASE(fenced_root_host_net_refused),
	KTAP_CASE(audit_fence_still_refused),
	KTAP_CASE(fenced_root_private_net_sees_nothing),
	KTAP_CASE(malformed_requests_rejected),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
