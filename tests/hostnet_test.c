// SPDX-License-Identifier: GPL-2.0
/*
 * The host's network namespace, reached from a container's own: the doors
 * that the rule "CAP_NET_ADMIN in the host's network namespace is the
 * sysctl class" (selfprotect_test host_net_config_*) does not see, since
 * the capability check names no namespace a rootful container does not
 * own as well.
 *
 * - kept_socket: sockets opened in the host's namespace, kept across
 *   unshare(CLONE_NEWNET): an ioctl (SIOCSIFMTU of the host's lo), an
 *   rtnetlink request (RTM_SETLINK of it) and an iptables option still act
 *   on the host; the options and ioctls of the socket's own state
 *   (IP_TOS, SO_REUSEADDR, FIONBIO) stay allowed;
 * - by_fd: rtnetlink attributes naming the host's namespace by an nsfs
 *   descriptor held from before: a dummy interface created there, a veth
 *   pair whose peer is, an id given to it (RTM_NEWNSID);
 * - by_id: RTM_DELLINK with IFLA_TARGET_NETNSID, the id that Docker's
 *   containers have for the host's namespace (here given by the host
 *   beforehand), deletes a host interface;
 * - veth_peer_userns: in a user-namespaced container, where the kernel
 *   checks no capability for the peer's namespace at all; veth_peer_nul_kind
 *   the same with the kind "veth\0x", which rtnetlink reads as "veth";
 * - sk_lookup: a BPF socket lookup program attached to the host's
 *   namespace by descriptor (it would steer the host's connections);
 * - crypto_user: from a rootful container's own namespace, CAP_NET_ADMIN
 *   (asked in the initial user namespace) changes the kernel's crypto
 *   algorithms for the whole host (CRYPTO_MSG_UPDATEALG, to the priority
 *   the algorithm has); reading them stays allowed.
 *
 * Each runs in an unfenced container too: the control, in which the
 * attack works: the kernel says yes, and the host sees from outside the
 * dummy interface appear and its own deleted.  A veth peer is not looked
 * for: it goes when the container's namespace, with the other end, does.
 */
#define _GNU_SOURCE
#include "bpfprog.h"
#include "container.h"
#include "expect.h"
#include "ktap.h"

#include <fcntl.h>
#include <linux/cryptouser.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

/* Interfaces the attacks make or remove in the host's namespace. */
#define HOST_DUMMY	"nsfhdummy0"
#define HOST_PEER	"nsfhpeer0"
#define HOST_PEER_USERNS "nsfhpeer1"
#define HOST_PEER_NUL_KIND "nsfhpeer2"
#define OWN_VETH	"nsfveth0"
#define HOST_VICTIM	"nsfhvictim0"
/* The id the host gives its own namespace in the container's (by_id). */
#define HOST_NSID	7

static const struct container_opts rootful_fenced = {
	.kind = CONTAINER_ROOTFUL, .fence = true, .share_net = true,
};
static const struct container_opts rootful_unfenced = {
	.kind = CONTAINER_ROOTFUL, .share_net = true,
};
static const struct container_opts own_net_fenced = {
	.kind = CONTAINER_ROOTFUL, .fence = true,
};
static const struct container_opts own_net_unfenced = {
	.kind = CONTAINER_ROOTFUL,
};
static const struct container_opts userns_fenced = {
	.kind = CONTAINER_USERNS, .fence = true,
};
static const struct container_opts userns_unfenced = {
	.kind = CONTAINER_USERNS,
};

/* The host's network namespace, for bodies and the by_id set-up. */
static int host_netns = -1;

/* ------------------------------------------------------------------------
 * rtnetlink through libnl: errno-style results
 */

static int errno_of_nl(int nlerr)
{
	switch (-nlerr) {
	case 0:
		return 0;
	case NLE_PERM:
		return EPERM;
	case NLE_OPNOTSUPP:
		return EOPNOTSUPP;
	case NLE_EXIST:
		return EEXIST;
	case NLE_OBJ_NOTFOUND:
		return ENODEV;
	default:
		ktap_print("# netlink: %s", nl_geterror(nlerr));
		return EIO;
	}
}

/* An rtnetlink socket in the task's network namespace, as it is now. */
static struct nl_sock *rtnl_open(void)
{
	struct nl_sock *sk = nl_socket_alloc();

	ASSERT_TRUE(sk != NULL);
	ASSERT_EQ(0, nl_connect(sk, NETLINK_ROUTE));
	return sk;
}

static struct nl_msg *link_msg(int type, int flags, int ifindex)
{
	struct ifinfomsg ifm = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);

	ASSERT_TRUE(msg != NULL);
	ASSERT_EQ(0, nlmsg_append(msg, &ifm, sizeof(ifm), NLMSG_ALIGNTO));
	return msg;
}

/* Sends @msg, frees it, waits for the kernel's answer: 0 or an errno. */
static int rtnl_call(struct nl_sock *sk, struct nl_msg *msg)
{
	int err = nl_send_auto(sk, msg);

	nlmsg_free(msg);
	if (err < 0)
		return errno_of_nl(err);
	return errno_of_nl(nl_wait_for_ack(sk));
}

static int set_mtu(struct nl_sock *sk, int ifindex, unsigned int mtu)
{
	struct nl_msg *msg = link_msg(RTM_SETLINK, 0, ifindex);

	ASSERT_EQ(0, nla_put_u32(msg, IFLA_MTU, mtu));
	return rtnl_call(sk, msg);
}

/* A dummy interface @name in the namespace of descriptor @netns. */
static int new_dummy_in(struct nl_sock *sk, const char *name, int netns)
{
	struct nl_msg *msg = link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	struct nlattr *info;

	ASSERT_EQ(0, nla_put_string(msg, IFLA_IFNAME, name));
	if (netns >= 0)
		ASSERT_EQ(0, nla_put_u32(msg, IFLA_NET_NS_FD, netns));
	info = nla_nest_start(msg, IFLA_LINKINFO);
	ASSERT_TRUE(info != NULL);
	ASSERT_EQ(0, nla_put_string(msg, IFLA_INFO_KIND, "dummy"));
	nla_nest_end(msg, info);
	return rtnl_call(sk, msg);
}

/*
 * A veth pair: @name here, @peer in the namespace of descriptor @netns.
 * The kind is given with @kind_len bytes of "veth\0x": rtnetlink reads it
 * up to the NUL.
 */
static int new_veth_peer_kind(struct nl_sock *sk, const char *name,
			      const char *peer, int netns, int kind_len)
{
	struct nl_msg *msg = link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	struct nlattr *info, *data, *peer_info;
	struct ifinfomsg *ifm;

	ASSERT_EQ(0, nla_put_string(msg, IFLA_IFNAME, name));
	info = nla_nest_start(msg, IFLA_LINKINFO);
	ASSERT_TRUE(info != NULL);
	ASSERT_EQ(0, nla_put(msg, IFLA_INFO_KIND, kind_len, "veth\0x"));
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	peer_info = nla_nest_start(msg, VETH_INFO_PEER);
	ASSERT_TRUE(data != NULL && peer_info != NULL);
	ifm = nlmsg_reserve(msg, sizeof(*ifm), NLMSG_ALIGNTO);
	ASSERT_TRUE(ifm != NULL);
	memset(ifm, 0, sizeof(*ifm));
	ASSERT_EQ(0, nla_put_string(msg, IFLA_IFNAME, peer));
	ASSERT_EQ(0, nla_put_u32(msg, IFLA_NET_NS_FD, netns));
	nla_nest_end(msg, peer_info);
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	return rtnl_call(sk, msg);
}

static int new_veth_peer_in(struct nl_sock *sk, const char *name,
			    const char *peer, int netns)
{
	return new_veth_peer_kind(sk, name, peer, netns, sizeof("veth"));
}

static int del_link(struct nl_sock *sk, const char *name, int target_nsid)
{
	struct nl_msg *msg = link_msg(RTM_DELLINK, 0, 0);

	ASSERT_EQ(0, nla_put_string(msg, IFLA_IFNAME, name));
	if (target_nsid >= 0)
		ASSERT_EQ(0, nla_put_s32(msg, IFLA_TARGET_NETNSID, target_nsid));
	return rtnl_call(sk, msg);
}

/* Gives the namespace of descriptor @netns the id @nsid in @sk's. */
static int new_nsid(struct nl_sock *sk, int netns, int nsid)
{
	struct rtgenmsg gen = { .rtgen_family = AF_UNSPEC };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWNSID, 0);

	ASSERT_TRUE(msg != NULL);
	ASSERT_EQ(0, nlmsg_append(msg, &gen, sizeof(gen), NLMSG_ALIGNTO));
	ASSERT_EQ(0, nla_put_u32(msg, NETNSA_FD, netns));
	ASSERT_EQ(0, nla_put_s32(msg, NETNSA_NSID, nsid));
	return rtnl_call(sk, msg);
}

/* ------------------------------------------------------------------------
 * Shared by the cases
 */

/* Seen from the host: does @name exist in the host's namespace? */
static bool host_has(const char *name)
{
	return if_nametoindex(name) != 0;
}

/* Removes what a control run made in the host's namespace. */
static void host_remove(const char *name)
{
	struct nl_sock *sk;

	if (!host_has(name))
		return;
	sk = rtnl_open();
	ASSERT_EQ(0, del_link(sk, name, -1));
	nl_socket_free(sk);
}

static void run(const struct container_opts *o, int (*body)(void *))
{
	bool denied = o->fence;
	int ret = container_run(o, body, &denied);

	if (ret == BODY_SKIP)
		ktap_skip("this kernel lacks what the case needs (see above)");
	ASSERT_EQ(0, ret);
}

/* A body that finds a link kind missing skips rather than fails. */
static void skip_unless_made(const char *what, int err)
{
	if (err != EOPNOTSUPP)
		return;
	ktap_print("# %s: link kind not available (module missing)", what);
	fflush(stdout);
	_exit(BODY_SKIP);
}

/* ------------------------------------------------------------------------
 * Sockets of the host's namespace kept across unshare(CLONE_NEWNET)
 */

static int body_kept_socket(void *arg)
{
	bool denied = *(bool *)arg;
	int inet = ASSERT_OK(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	struct nl_sock *rtnl = rtnl_open();
	int tos = 0, lo = if_nametoindex("lo");
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ASSERT_OK(ioctl(inet, SIOCGIFMTU, &ifr));
	ASSERT_OK(unshare(CLONE_NEWNET));

	/* The host's lo, to the MTU it has: a success changes nothing. */
	expect_denied_or_ok("SIOCSIFMTU on a kept host socket", denied,
			    errno_of(ioctl(inet, SIOCSIFMTU, &ifr)));
	expect_denied_or_ok("RTM_SETLINK on a kept host socket", denied,
			    set_mtu(rtnl, lo, ifr.ifr_mtu));
	/*
	 * An iptables option (IPT_SO_SET_ADD_COUNTERS, with nothing valid
	 * in it): refused fenced; unfenced, rejected by x_tables itself.
	 */
	expect_denied_or_not("IPT_SO_SET_ADD_COUNTERS on a kept host socket",
			     denied, errno_of(setsockopt(inet, IPPROTO_IP, 65,
							 &tos, sizeof(tos))));
	/* Options and ioctls of the socket's own state: left alone. */
	expect_denied_or_ok("IP_TOS on a kept host socket", false,
			    errno_of(setsockopt(inet, IPPROTO_IP, IP_TOS, &tos, sizeof(tos))));
	expect_denied_or_ok("SO_REUSEADDR on a kept host socket", false,
			    errno_of(setsockopt(inet, SOL_SOCKET, SO_REUSEADDR, &tos,
				   sizeof(tos))));
	expect_denied_or_ok("FIONBIO on a kept host socket", false,
			    errno_of(ioctl(inet, FIONBIO, &tos)));
	nl_socket_free(rtnl);
	close(inet);
	return 0;
}

static void kept_socket_denied(void) { run(&rootful_fenced, body_kept_socket); }
static void kept_socket_unfenced(void) { run(&rootful_unfenced, body_kept_socket); }

/* Its own socket in its own namespace: Docker-in-Docker's dockerd. */
static int body_own_socket(void *arg)
{
	struct nl_sock *rtnl;
	int inet;
	struct ifreq ifr;

	(void)arg;
	ASSERT_OK(unshare(CLONE_NEWNET));
	inet = ASSERT_OK(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	rtnl = rtnl_open();
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	ASSERT_OK(ioctl(inet, SIOCGIFMTU, &ifr));
	expect_denied_or_ok("SIOCSIFMTU on its own socket", false,
			    errno_of(ioctl(inet, SIOCSIFMTU, &ifr)));
	expect_denied_or_ok("RTM_SETLINK on its own socket", false,
			    set_mtu(rtnl, if_nametoindex("lo"), ifr.ifr_mtu));
	nl_socket_free(rtnl);
	close(inet);
	return 0;
}

static void own_socket_allowed(void) { run(&rootful_fenced, body_own_socket); }

/* ------------------------------------------------------------------------
 * The host's namespace named by a descriptor held from before
 */

static int body_by_fd(void *arg)
{
	bool denied = *(bool *)arg;
	struct nl_sock *rtnl;
	int err;

	ASSERT_OK(unshare(CLONE_NEWNET));
	rtnl = rtnl_open();
	/* First: the veth peer below gives the host's namespace an id. */
	expect_denied_or_ok("RTM_NEWNSID for the host's namespace", denied,
			    new_nsid(rtnl, host_netns, HOST_NSID));
	err = new_dummy_in(rtnl, HOST_DUMMY, host_netns);
	skip_unless_made("dummy", err);
	expect_denied_or_ok("dummy created in the host's namespace", denied, err);
	err = new_veth_peer_in(rtnl, OWN_VETH, HOST_PEER, host_netns);
	skip_unless_made("veth", err);
	expect_denied_or_ok("veth peer created in the host's namespace", denied, err);
	nl_socket_free(rtnl);
	return 0;
}

static void by_fd(const struct container_opts *o)
{
	run(o, body_by_fd);
	ASSERT_EQ(!o->fence, host_has(HOST_DUMMY));
	host_remove(HOST_DUMMY);
}

static void by_fd_denied(void) { by_fd(&rootful_fenced); }
static void by_fd_unfenced(void) { by_fd(&rootful_unfenced); }

/*
 * The peer of a veth pair is made in the namespace its attributes name
 * with no capability check of the kernel's (6.1, 6.12): an unprivileged
 * user namespace that holds a descriptor of the host's namespace (its
 * creator's /proc/PID/ns/net) adds interfaces to the host.
 */
static int body_veth_peer_userns(void *arg)
{
	bool denied = *(bool *)arg;
	struct nl_sock *rtnl = rtnl_open();
	int err;

	err = new_veth_peer_in(rtnl, OWN_VETH, HOST_PEER_USERNS, host_netns);
	skip_unless_made("veth", err);
	expect_denied_or_ok("veth peer created in the host's namespace", denied, err);
	nl_socket_free(rtnl);
	return 0;
}

/* The same, with a kind that is "veth" only up to its NUL. */
static int body_veth_peer_nul_kind(void *arg)
{
	bool denied = *(bool *)arg;
	struct nl_sock *rtnl = rtnl_open();
	int err;

	err = new_veth_peer_kind(rtnl, OWN_VETH, HOST_PEER_NUL_KIND, host_netns,
				 sizeof("veth\0x"));
	skip_unless_made("veth", err);
	expect_denied_or_ok("veth peer (kind \"veth\\0x\") created in the host's namespace",
			    denied, err);
	nl_socket_free(rtnl);
	return 0;
}

static void veth_peer_nul_kind_denied(void) { run(&userns_fenced, body_veth_peer_nul_kind); }
static void veth_peer_nul_kind_unfenced(void) { run(&userns_unfenced, body_veth_peer_nul_kind); }

static void veth_peer_userns_denied(void) { run(&userns_fenced, body_veth_peer_userns); }
static void veth_peer_userns_unfenced(void) { run(&userns_unfenced, body_veth_peer_userns); }

/* "r0 = SK_PASS; exit": an sk_lookup program that changes nothing. */
static const struct bpf_insn prog_sk_pass[] = {
	INSN_MOV64_IMM(0, 1),
	INSN_EXIT(),
};

static int body_sk_lookup(void *arg)
{
	bool denied = *(bool *)arg;
	union bpf_attr attr;
	int prog, link;

	ASSERT_OK(unshare(CLONE_NEWNET));
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SK_LOOKUP;
	attr.expected_attach_type = BPF_SK_LOOKUP;
	attr.insns = (uintptr_t)prog_sk_pass;
	attr.insn_cnt = sizeof(prog_sk_pass) / sizeof(prog_sk_pass[0]);
	attr.license = (uintptr_t)"GPL";
	prog = ASSERT_OK(bpf_cmd(BPF_PROG_LOAD, &attr));
	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = prog;
	attr.link_create.target_fd = host_netns;
	attr.link_create.attach_type = BPF_SK_LOOKUP;
	link = bpf_cmd(BPF_LINK_CREATE, &attr);
	expect_denied_or_ok("sk_lookup link on the host's namespace", denied, errno_of(link));
	if (link >= 0)
		close(link);
	close(prog);
	return 0;
}

static void sk_lookup_denied(void) { run(&rootful_fenced, body_sk_lookup); }
static void sk_lookup_unfenced(void) { run(&rootful_unfenced, body_sk_lookup); }

/* ------------------------------------------------------------------------
 * crypto_user: the kernel's algorithms, from any network namespace
 */

/* An algorithm of /proc/crypto, found by setup() (no module: built in). */
static struct crypto_user_alg crypto_alg;
static unsigned int crypto_priority;
static bool have_crypto_user;

/* CRYPTO_MSG_@type of crypto_alg, with its priority when @priority. */
static int crypto_call(int type, bool priority)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg;
	int err;

	ASSERT_TRUE(sk != NULL);
	ASSERT_EQ(0, nl_connect(sk, NETLINK_CRYPTO));
	msg = nlmsg_alloc_simple(type, 0);
	ASSERT_TRUE(msg != NULL);
	ASSERT_EQ(0, nlmsg_append(msg, &crypto_alg, sizeof(crypto_alg),
				  NLMSG_ALIGNTO));
	if (priority)
		ASSERT_EQ(0, nla_put_u32(msg, CRYPTOCFGA_PRIORITY_VAL,
					 crypto_priority));
	err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	/* GETALG answers with the algorithm, then the ack. */
	if (err >= 0 && type == CRYPTO_MSG_GETALG)
		err = nl_recvmsgs_default(sk);
	else if (err >= 0)
		err = nl_wait_for_ack(sk);
	nl_socket_free(sk);
	return errno_of_nl(err);
}

static int body_crypto_user(void *arg)
{
	bool denied = *(bool *)arg;

	expect_denied_or_ok("CRYPTO_MSG_GETALG", false, crypto_call(CRYPTO_MSG_GETALG, false));
	expect_denied_or_ok("CRYPTO_MSG_UPDATEALG to the priority it has", denied,
			    crypto_call(CRYPTO_MSG_UPDATEALG, true));
	return 0;
}

static void crypto_user(const struct container_opts *o)
{
	if (!have_crypto_user)
		ktap_skip("no crypto_user (CONFIG_CRYPTO_USER) on this kernel");
	run(o, body_crypto_user);
}

static void crypto_user_denied(void) { crypto_user(&own_net_fenced); }
static void crypto_user_unfenced(void) { crypto_user(&own_net_unfenced); }

/* The first built-in algorithm of /proc/crypto: name, driver, priority. */
static void find_crypto_alg(void)
{
	char line[256], name[CRYPTO_MAX_NAME] = "", driver[CRYPTO_MAX_NAME] = "";
	FILE *f = fopen("/proc/crypto", "re");
	unsigned int priority;
	bool builtin = false;

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "name : %63s", name) == 1)
			builtin = false;
		else if (sscanf(line, "driver : %63s", driver) == 1)
			continue;
		else if (!strcmp(line, "module       : kernel\n"))
			builtin = true;
		else if (builtin && sscanf(line, "priority : %u", &priority) == 1)
			break;
	}
	if (f)
		fclose(f);
	if (!builtin || !*driver)
		return;
	strcpy(crypto_alg.cru_name, name);
	strcpy(crypto_alg.cru_driver_name, driver);
	crypto_priority = priority;
}

/* ------------------------------------------------------------------------
 * The host's namespace named by its id in the container's
 */

/* A network namespace in which the host's has the id HOST_NSID. */
static int nsid_netns = -1;

static int body_by_id(void *arg)
{
	bool denied = *(bool *)arg;
	struct nl_sock *rtnl;

	ASSERT_OK(setns(nsid_netns, CLONE_NEWNET));
	rtnl = rtnl_open();
	expect_denied_or_ok("RTM_DELLINK of a host interface by netnsid", denied,
			    del_link(rtnl, HOST_VICTIM, HOST_NSID));
	nl_socket_free(rtnl);
	return 0;
}

static void by_id(const struct container_opts *o)
{
	struct nl_sock *rtnl = rtnl_open();
	int err = new_dummy_in(rtnl, HOST_VICTIM, -1);

	nl_socket_free(rtnl);
	if (err == EOPNOTSUPP)
		ktap_skip("no dummy interfaces on this kernel");
	ASSERT_EQ(0, err);
	run(o, body_by_id);
	ASSERT_EQ(o->fence, host_has(HOST_VICTIM));
	host_remove(HOST_VICTIM);
}

static void by_id_denied(void) { by_id(&rootful_fenced); }
static void by_id_unfenced(void) { by_id(&rootful_unfenced); }

/*
 * Made once by the host, before any case: the bodies inherit the two
 * namespace descriptors.  The host loads crypto_user, which a fenced
 * container could not.
 */
static void setup(void)
{
	struct nl_sock *rtnl;
	int err;

	rtnl = nl_socket_alloc();
	if (rtnl && !nl_connect(rtnl, NETLINK_CRYPTO))
		find_crypto_alg();
	have_crypto_user = crypto_alg.cru_driver_name[0];
	nl_socket_free(rtnl);

	host_netns = open("/proc/self/ns/net", O_RDONLY);
	if (host_netns < 0 || unshare(CLONE_NEWNET)) {
		perror("nsfence: hostnet_test: set-up");
		exit(1);
	}
	nsid_netns = open("/proc/self/ns/net", O_RDONLY);
	rtnl = nl_socket_alloc();
	err = rtnl && !nl_connect(rtnl, NETLINK_ROUTE) ?
	      new_nsid(rtnl, host_netns, HOST_NSID) : EIO;
	nl_socket_free(rtnl);
	if (nsid_netns < 0 || err || setns(host_netns, CLONE_NEWNET)) {
		fprintf(stderr, "nsfence: hostnet_test: set-up: %s\n",
			strerror(err ? err : errno));
		exit(1);
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(kept_socket_denied),
	KTAP_CASE(kept_socket_unfenced),
	KTAP_CASE(own_socket_allowed),
	KTAP_CASE(by_fd_denied),
	KTAP_CASE(by_fd_unfenced),
	KTAP_CASE(veth_peer_userns_denied),
	KTAP_CASE(veth_peer_userns_unfenced),
	KTAP_CASE(veth_peer_nul_kind_denied),
	KTAP_CASE(veth_peer_nul_kind_unfenced),
	KTAP_CASE(sk_lookup_denied),
	KTAP_CASE(sk_lookup_unfenced),
	KTAP_CASE(crypto_user_denied),
	KTAP_CASE(crypto_user_unfenced),
	KTAP_CASE(by_id_denied),
	KTAP_CASE(by_id_unfenced),
};

int main(void)
{
	return ktap_run_with(cases, KTAP_COUNT(cases), setup, NULL);
}
