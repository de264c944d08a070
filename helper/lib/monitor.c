// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libnsfence: denial events.  A socket of its own joined to the "denials"
 * group; datagrams are read with recv() so that an overrun (ENOBUFS) is
 * seen as such, and parsed with libnl's message helpers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "internal.h"

/* Room for a burst of events while the reader is busy. */
#define NSF_MONITOR_RCVBUF	(4 << 20)
#define NSF_MONITOR_BUFLEN	65536

struct nsfence_monitor {
	struct nl_sock *sk;
	int family;
	unsigned char *buf;
};

#define U32_POLICY { .type = NLA_U32, .maxlen = sizeof(uint32_t) }

static struct nla_policy nsf_event_policy[NSFENCE_A_MAX + 1] = {
	[NSFENCE_A_CLASS] = U32_POLICY,
	[NSFENCE_A_MODE] = U32_POLICY,
	[NSFENCE_A_PID] = U32_POLICY,
	[NSFENCE_A_TGID] = U32_POLICY,
	[NSFENCE_A_NS_TYPE] = U32_POLICY,
	[NSFENCE_A_NS_INUM] = U32_POLICY,
	[NSFENCE_A_COMM] = { .type = NLA_STRING },
	[NSFENCE_A_OBJECT] = { .type = NLA_STRING },
	[NSFENCE_A_DROPPED] = { .type = NLA_U64, .maxlen = sizeof(uint64_t) },
};

int nsfence_monitor_open(struct nsfence_monitor **out)
{
	struct nsfence_monitor *m;
	int ret, grp;

	if (!out)
		return -EINVAL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->buf = malloc(NSF_MONITOR_BUFLEN);
	m->sk = nl_socket_alloc();
	if (!m->buf || !m->sk) {
		ret = -ENOMEM;
		goto out_free;
	}
	/* Events are not answers: they carry no sequence number of ours. */
	nl_socket_disable_seq_check(m->sk);
	ret = genl_connect(m->sk);
	if (ret < 0) {
		ret = nsf_nlerr_to_errno(ret);
		goto out_free;
	}
	if (fcntl(nl_socket_get_fd(m->sk), F_SETFD, FD_CLOEXEC) < 0) {
		ret = -errno;
		goto out_free;
	}
	m->family = genl_ctrl_resolve(m->sk, NSFENCE_GENL_NAME);
	if (m->family < 0) {
		ret = nsf_nlerr_to_errno(m->family);
		goto out_free;
	}
	grp = genl_ctrl_resolve_grp(m->sk, NSFENCE_GENL_NAME,
				    NSFENCE_MCGRP_DENIALS);
	if (grp < 0) {
		ret = nsf_nlerr_to_errno(grp);
		goto out_free;
	}
	/* Not through libnl: its error codes lose EPERM. */
	if (setsockopt(nl_socket_get_fd(m->sk), SOL_NETLINK,
		       NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) < 0) {
		ret = -errno;
		goto out_free;
	}
	/* Best effort; SO_RCVBUFFORCE needs CAP_NET_ADMIN. */
	grp = NSF_MONITOR_RCVBUF;
	if (setsockopt(nl_socket_get_fd(m->sk), SOL_SOCKET, SO_RCVBUFFORCE,
		       &grp, sizeof(grp)) < 0)
		setsockopt(nl_socket_get_fd(m->sk), SOL_SOCKET, SO_RCVBUF,
			   &grp, sizeof(grp));
	*out = m;
	return 0;

out_free:
	nsfence_monitor_close(m);
	return ret;
}

void nsfence_monitor_close(struct nsfence_monitor *m)
{
	if (!m)
		return;
	if (m->sk)
		nl_socket_free(m->sk);
	free(m->buf);
	free(m);
}

int nsfence_monitor_fd(const struct nsfence_monitor *m)
{
	return m ? nl_socket_get_fd(m->sk) : -EINVAL;
}

/* 0 for a well-formed event, -EPROTO otherwise. */
static int nsf_parse_event(const struct nsfence_monitor *m,
			   struct nlmsghdr *nlh, struct nsfence_event *ev)
{
	struct nlattr *tb[NSFENCE_A_MAX + 1];

	if (nlh->nlmsg_type != m->family || !genlmsg_valid_hdr(nlh, 0) ||
	    genlmsg_hdr(nlh)->cmd != NSFENCE_CMD_DENIAL)
		return -EPROTO;
	if (genlmsg_parse(nlh, 0, tb, NSFENCE_A_MAX, nsf_event_policy) < 0)
		return -EPROTO;
	if (!tb[NSFENCE_A_CLASS] || !tb[NSFENCE_A_MODE] ||
	    !tb[NSFENCE_A_NS_TYPE] || !tb[NSFENCE_A_NS_INUM])
		return -EPROTO;
	memset(ev, 0, sizeof(*ev));
	ev->cls = nla_get_u32(tb[NSFENCE_A_CLASS]);
	ev->mode = nla_get_u32(tb[NSFENCE_A_MODE]);
	ev->ns_type = nla_get_u32(tb[NSFENCE_A_NS_TYPE]);
	ev->ns_inum = nla_get_u32(tb[NSFENCE_A_NS_INUM]);
	if (tb[NSFENCE_A_PID])
		ev->pid = nla_get_u32(tb[NSFENCE_A_PID]);
	if (tb[NSFENCE_A_TGID])
		ev->tgid = nla_get_u32(tb[NSFENCE_A_TGID]);
	if (tb[NSFENCE_A_COMM])
		nla_strlcpy(ev->comm, tb[NSFENCE_A_COMM], sizeof(ev->comm));
	if (tb[NSFENCE_A_OBJECT])
		nla_strlcpy(ev->object, tb[NSFENCE_A_OBJECT],
			    sizeof(ev->object));
	if (tb[NSFENCE_A_DROPPED])
		ev->dropped = nla_get_u64(tb[NSFENCE_A_DROPPED]);
	return 0;
}

int nsfence_monitor_next(struct nsfence_monitor *m, nsfence_event_cb cb,
			 void *arg)
{
	struct nsfence_event ev;
	struct nlmsghdr *nlh;
	int n = 0, ret, rem;
	ssize_t len;

	if (!m || !cb)
		return -EINVAL;
	len = recv(nl_socket_get_fd(m->sk), m->buf, NSF_MONITOR_BUFLEN, 0);
	if (len < 0)
		return -errno;
	rem = (int)len;
	for (nlh = (struct nlmsghdr *)m->buf; nlmsg_ok(nlh, rem);
	     nlh = nlmsg_next(nlh, &rem)) {
		if (nsf_parse_event(m, nlh, &ev) < 0)
			continue;
		ret = cb(&ev, arg);
		if (ret)
			return ret;
		n++;
	}
	return n;
}
