// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - what reaches the host's network namespace from another one
 *
 * A rootful container's network namespace is owned by the initial user
 * namespace, as the host's is, so the kernel's CAP_NET_ADMIN checks
 * cannot tell "configure my own network" from "configure the host's".
 * hooks.c refuses CAP_NET_ADMIN to a fenced task whose network namespace
 * is the host's; this file finds the doors to the host's namespace that a
 * task in a namespace of its own still has:
 *
 * - a socket it opened in the host's namespace and kept when it moved to
 *   a namespace of its own (unshare(CLONE_NEWNET), setns(2)): rtnetlink,
 *   nftables and the SIOCSIF* ioctls act on the socket's namespace;
 * - rtnetlink attributes that name another namespace by pid, by nsfs file
 *   descriptor or by id: Docker's containers have an id for the host's
 *   namespace from birth (the host end of their veth pair), with which
 *   RTM_DELLINK deletes the host's interfaces; a veth pair's peer is
 *   created in the namespace its attributes name with no capability
 *   check at all in 6.1 and 6.12;
 * - BPF links that attach to a network namespace by file descriptor.
 *
 * Only the host's namespace is looked for: a container's own nested
 * namespaces (Docker-in-Docker moves veth ends into them) stay reachable.
 */

#include <linux/can/vxcan.h>
#include <linux/err.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/nsproxy.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/veth.h>
#include <net/net_namespace.h>
#include <net/netlink.h>

#include "netns.h"

/*
 * The peer of a veth, vxcan or netkit pair is described, with its own
 * namespace attributes, in attribute 1 of IFLA_INFO_DATA (VETH_INFO_PEER,
 * VXCAN_INFO_PEER, IFLA_NETKIT_PEER_INFO): an ifinfomsg and IFLA_*.
 */
#define PEER_INFO	1
static_assert(VETH_INFO_PEER == PEER_INFO && VXCAN_INFO_PEER == PEER_INFO);

static bool task_in_host_netns(void)
{
	const struct nsproxy *nsproxy = current->nsproxy;

	return !nsproxy || net_eq(nsproxy->net_ns, &init_net);
}

/* Drops the reference that get_net_ns_by_*() took. */
static bool put_is_host(struct net *net)
{
	bool host;

	if (IS_ERR_OR_NULL(net))
		return false;
	host = net_eq(net, &init_net);
	put_net(net);
	return host;
}

/**
 * nsfence_netns_fd_is_host() - is a descriptor the host's network namespace
 * @fd: a file descriptor of the current task
 *
 * Return: true when @fd is an nsfs file of the initial network namespace.
 */
bool nsfence_netns_fd_is_host(int fd)
{
	return put_is_host(get_net_ns_by_fd(fd));
}

static bool u32_attr(const struct nlattr *nla, u32 *val)
{
	if (nla_len(nla) < (int)sizeof(u32))
		return false;
	*val = nla_get_u32(nla);
	return true;
}

/* An id of @base's table (IFLA_TARGET_NETNSID and its kin). */
static bool id_is_host(const struct net *base, const struct nlattr *nla)
{
	u32 id;

	return u32_attr(nla, &id) && put_is_host(get_net_ns_by_id(base, id));
}

/* A pid of the task's pid namespace (IFLA_NET_NS_PID, NETNSA_PID). */
static bool pid_is_host(const struct nlattr *nla)
{
	u32 pid;

	return u32_attr(nla, &pid) && put_is_host(get_net_ns_by_pid(pid));
}

static bool fd_is_host(const struct nlattr *nla)
{
	u32 fd;

	return u32_attr(nla, &fd) && nsfence_netns_fd_is_host(fd);
}

static bool link_names_host(const struct net *base, const struct nlattr *attrs,
			    int len, bool peer);

/* The peer of a pair, with namespace attributes of its own. */
static bool linkinfo_names_host(const struct net *base,
				const struct nlattr *linkinfo)
{
	const struct nlattr *kind = NULL, *data = NULL, *nla;
	int rem;

	nla_for_each_nested(nla, linkinfo, rem) {
		if (nla_type(nla) == IFLA_INFO_KIND)
			kind = nla;
		else if (nla_type(nla) == IFLA_INFO_DATA)
			data = nla;
	}
	if (!kind || !data)
		return false;
	if (nla_strcmp(kind, "veth") && nla_strcmp(kind, "vxcan") &&
	    nla_strcmp(kind, "netkit"))
		return false;
	nla_for_each_nested(nla, data, rem) {
		const struct ifinfomsg *ifm = nla_data(nla);

		if (nla_type(nla) != PEER_INFO ||
		    nla_len(nla) < (int)sizeof(*ifm))
			continue;
		/* As rtnl_nla_parse_ifinfomsg() reads it. */
		if (link_names_host(base, (const struct nlattr *)(ifm + 1),
				    nla_len(nla) - sizeof(*ifm), true))
			return true;
	}
	return false;
}

/*
 * IFLA_* of RTM_{NEW,SET,DEL,GET}LINK.  An id is looked up in the
 * socket's namespace, which is where the kernel looks for all but
 * IFLA_LINK_NETNSID of a link created elsewhere: that one's base is the
 * namespace the other attributes name, which is the host's (refused) or
 * one reached through ids, pids or descriptors of the container's.
 */
static bool link_names_host(const struct net *base, const struct nlattr *attrs,
			    int len, bool peer)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, attrs, len, rem) {
		switch (nla_type(nla)) {
		case IFLA_NET_NS_PID:
			if (pid_is_host(nla))
				return true;
			break;
		case IFLA_NET_NS_FD:
			if (fd_is_host(nla))
				return true;
			break;
		case IFLA_TARGET_NETNSID:
		case IFLA_LINK_NETNSID:
			if (id_is_host(base, nla))
				return true;
			break;
		case IFLA_LINKINFO:
			if (!peer && linkinfo_names_host(base, nla))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

static bool addr_names_host(const struct net *base, const struct nlattr *attrs,
			    int len)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, attrs, len, rem)
		if (nla_type(nla) == IFA_TARGET_NETNSID && id_is_host(base, nla))
			return true;
	return false;
}

/* RTM_{NEW,DEL,GET}NSID: NETNSA_NSID is a number, not a namespace. */
static bool nsid_names_host(const struct net *base, const struct nlattr *attrs,
			    int len)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, attrs, len, rem) {
		switch (nla_type(nla)) {
		case NETNSA_PID:
			if (pid_is_host(nla))
				return true;
			break;
		case NETNSA_FD:
			if (fd_is_host(nla))
				return true;
			break;
		case NETNSA_TARGET_NSID:
			if (id_is_host(base, nla))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

static bool msg_names_host(const struct net *base, const struct nlmsghdr *nlh)
{
	switch (nlh->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
	case RTM_GETLINK:
	case RTM_SETLINK:
		if (nlh->nlmsg_len < nlmsg_msg_size(sizeof(struct ifinfomsg)))
			return false;
		return link_names_host(base,
				       nlmsg_attrdata(nlh, sizeof(struct ifinfomsg)),
				       nlmsg_attrlen(nlh, sizeof(struct ifinfomsg)),
				       false);
	case RTM_NEWADDR:
	case RTM_DELADDR:
	case RTM_GETADDR:
		if (nlh->nlmsg_len < nlmsg_msg_size(sizeof(struct ifaddrmsg)))
			return false;
		return addr_names_host(base,
				       nlmsg_attrdata(nlh, sizeof(struct ifaddrmsg)),
				       nlmsg_attrlen(nlh, sizeof(struct ifaddrmsg)));
	case RTM_NEWNSID:
	case RTM_DELNSID:
	case RTM_GETNSID:
		if (nlh->nlmsg_len < nlmsg_msg_size(sizeof(struct rtgenmsg)))
			return false;
		return nsid_names_host(base,
				       nlmsg_attrdata(nlh, sizeof(struct rtgenmsg)),
				       nlmsg_attrlen(nlh, sizeof(struct rtgenmsg)));
	default:
		return false;
	}
}

/**
 * nsfence_netns_rtnl_names_host() - an rtnetlink request that names the host
 * @sk: the sending socket, of protocol NETLINK_ROUTE
 * @skb: what is being sent: one or more messages, as rtnetlink reads them
 *
 * Every attribute the kernel reads as another network namespace (pid,
 * nsfs descriptor or id) is resolved as the kernel will resolve it, in
 * the sender's context.  A descriptor swapped by another thread between
 * this check and rtnetlink's lookup is not seen: a task that has a
 * descriptor of the host's namespace has one only because it held it
 * before it left (docs/threat-model.md, section 4).
 *
 * Return: true when one of them is the host's network namespace and the
 * socket's is not.
 */
bool nsfence_netns_rtnl_names_host(const struct sock *sk,
				   const struct sk_buff *skb)
{
	const struct net *base = sock_net(sk);
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)skb->data;
	int rem = skb->len;

	if (net_eq(base, &init_net))
		return false;
	for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem))
		if (msg_names_host(base, nlh))
			return true;
	return false;
}

/**
 * nsfence_netns_kept_host_socket() - a host socket in another namespace
 * @sk: the socket being used
 *
 * Return: true when @sk belongs to the host's network namespace and the
 * current task does not.
 */
bool nsfence_netns_kept_host_socket(const struct sock *sk)
{
	return sk && net_eq(sock_net(sk), &init_net) && !task_in_host_netns();
}
