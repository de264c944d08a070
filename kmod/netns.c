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
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ioctl.h>
#include <linux/module.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/nsproxy.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/string.h>
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

/*
 * The peer of a pair, with namespace attributes of its own, and created
 * in @base when it has none.  The kind is compared as rtnetlink does, on
 * its copy up to the first NUL.
 */
static bool linkinfo_names_host(const struct net *base,
				const struct nlattr *linkinfo)
{
	const struct nlattr *kind = NULL, *data = NULL, *nla;
	char name[MODULE_NAME_LEN];
	int rem;

	nla_for_each_nested(nla, linkinfo, rem) {
		if (nla_type(nla) == IFLA_INFO_KIND)
			kind = nla;
		else if (nla_type(nla) == IFLA_INFO_DATA)
			data = nla;
	}
	if (!kind || !data)
		return false;
	nla_strscpy(name, kind, sizeof(name));
	if (strcmp(name, "veth") && strcmp(name, "vxcan") &&
	    strcmp(name, "netkit"))
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

/* The namespace IFLA_NET_NS_PID, _FD or IFLA_*NETNSID names, referenced. */
static struct net *link_attr_net(const struct net *base,
				 const struct nlattr *nla)
{
	struct net *net;
	u32 val;

	if (!u32_attr(nla, &val))
		return NULL;
	switch (nla_type(nla)) {
	case IFLA_NET_NS_PID:
		net = get_net_ns_by_pid(val);
		break;
	case IFLA_NET_NS_FD:
		net = get_net_ns_by_fd(val);
		break;
	default:
		net = get_net_ns_by_id(base, val);
		break;
	}
	return IS_ERR(net) ? NULL : net;
}

/*
 * IFLA_* of RTM_{NEW,SET,DEL,GET}LINK, looked up where rtnetlink looks
 * them up (net/core/rtnetlink.c: rtnl_newlink_create()): the destination
 * namespace (IFLA_NET_NS_PID, _FD or IFLA_TARGET_NETNSID, in @base) first;
 * IFLA_LINK_NETNSID in the destination; a pair's peer with the link's
 * namespace, or @base, as where it lands without attributes of its own.
 * Every value of a repeated attribute is looked at, not only the last.
 */
static bool link_names_host(const struct net *base, const struct nlattr *attrs,
			    int len, bool peer)
{
	const struct nlattr *nla, *link_id = NULL, *linkinfo = NULL;
	struct net *dest = NULL, *link = NULL, *net;
	bool host = false;
	int rem;

	nla_for_each_attr(nla, attrs, len, rem) {
		switch (nla_type(nla)) {
		case IFLA_NET_NS_PID:
		case IFLA_NET_NS_FD:
		case IFLA_TARGET_NETNSID:
			net = link_attr_net(base, nla);
			if (!net)
				break;
			host |= net_eq(net, &init_net);
			if (dest)
				put_net(dest);
			dest = net;
			break;
		case IFLA_LINK_NETNSID:
			host |= id_is_host(base, nla);
			link_id = nla;
			break;
		case IFLA_LINKINFO:
			linkinfo = peer ? NULL : nla;
			break;
		default:
			break;
		}
	}
	if (!host && link_id && dest) {
		link = link_attr_net(dest, link_id);
		host = link && net_eq(link, &init_net);
	}
	if (!host && linkinfo)
		host = linkinfo_names_host(link ?: base, linkinfo);
	if (link)
		put_net(link);
	if (dest)
		put_net(dest);
	return host;
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
 * the sender's context.  A descriptor (or pid) that another thread swaps
 * between this check and rtnetlink's own lookup is not seen: a gap for a
 * task that holds a descriptor of the host's namespace, which an
 * unprivileged user namespace can (docs/threat-model.md, section 4).
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
 * nsfence_netns_sock_ioctl_configures() - may a socket ioctl change its netns
 * @cmd: the ioctl
 *
 * The socket ioctls (type 0x89, linux/sockios.h) but the first seven,
 * which set or read the socket's own state (FIOSETOWN, SIOCSPGRP,
 * SIOCATMARK, SIOCGSTAMP...): interfaces, routes, ARP, bridges, tunnels
 * (SIOCDEVPRIVATE), SIOCGSKNS.  FIONBIO and FIONREAD are not of that type.
 *
 * Return: true for the ioctls a kept host socket may not make.
 */
bool nsfence_netns_sock_ioctl_configures(unsigned int cmd)
{
	return _IOC_TYPE(cmd) == 0x89 && _IOC_NR(cmd) > 0x07;
}

/**
 * nsfence_netns_sockopt_configures() - may a socket option change its netns
 * @level: the option's level
 * @optname: the option
 *
 * The options that netfilter (x_tables, arptables, ebtables, IPVS) and
 * multicast routing take at the IP levels: numbers 64 and up for IPv4
 * (IPT_BASE_CTL, ARPT_BASE_CTL, EBT_BASE_CTL, MRT_BASE, IP_VS_BASE_CTL),
 * 64-65 and 200 and up for IPv6 (IP6T_BASE_CTL, MRT6_BASE), where IPv6's
 * own options run to the 80s.  The others set the socket's own state.
 *
 * Return: true for the options a kept host socket may not set.
 */
bool nsfence_netns_sockopt_configures(int level, int optname)
{
	switch (level) {
	case SOL_IP:
		return optname >= 64;
	case SOL_IPV6:
		return optname == 64 || optname == 65 || optname >= 200;
	default:
		return false;
	}
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
