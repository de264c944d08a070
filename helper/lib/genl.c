// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libnsfence: the netlink socket, the family, and one request/reply round
 * with extended-ACK error messages.
 *
 * libnl 3.7 does not parse extended ACKs, so the socket asks for them with
 * NETLINK_EXT_ACK (and NETLINK_CAP_ACK: no echo of the request) and the
 * error and NLMSG_DONE handlers read NLMSGERR_ATTR_MSG themselves.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "internal.h"

/* State of one nsf_request(), shared by the libnl callbacks. */
struct nsf_round {
	struct nsfence *h;
	nsf_reply_fn fn;
	void *arg;
	int ret;	/* first error (-errno) or fn's stop value */
	int done;	/* ACK, error or NLMSG_DONE seen */
};

int nsf_nlerr_to_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
	case NLE_SUCCESS:
		return 0;
	case NLE_INTR:
		return -EINTR;
	case NLE_BAD_SOCK:
		return -EBADF;
	case NLE_AGAIN:
	case NLE_DUMP_INTR:
		return -EAGAIN;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_EXIST:
		return -EEXIST;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_RANGE:
		return -ERANGE;
	case NLE_MSGSIZE:
		return -EMSGSIZE;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:
		return -EAFNOSUPPORT;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NOATTR:
	case NLE_MISSING_ATTR:
	case NLE_AF_MISMATCH:
	case NLE_SEQ_MISMATCH:
	case NLE_MSG_TRUNC:
	case NLE_MSG_TOOSHORT:
	case NLE_MSGTYPE_NOSUPPORT:
	case NLE_OBJ_MISMATCH:
	case NLE_PARSE_ERR:
	case NLE_ATTRSIZE:
		return -EPROTO;
	case NLE_MSG_OVERFLOW:
		return -ENOBUFS;
	case NLE_NOADDR:
		return -EADDRNOTAVAIL;
	case NLE_BUSY:
		return -EBUSY;
	case NLE_PROTO_MISMATCH:
		return -EPROTONOSUPPORT;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_PERM:
		return -EPERM;
	case NLE_NODEV:
		return -ENODEV;
	case NLE_IMMUTABLE:
		return -EROFS;
	default:
		return -EIO;
	}
}

void nsf_set_errmsg(struct nsfence *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h->errmsg, sizeof(h->errmsg), fmt, ap);
	va_end(ap);
}

const char *nsfence_errmsg(const struct nsfence *h)
{
	return h ? h->errmsg : "";
}

static int nsf_set_sockopt(struct nl_sock *sk, int opt)
{
	int one = 1;

	if (setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, opt, &one,
		       sizeof(one)) < 0)
		return -errno;
	return 0;
}

int nsf_connect(struct nsfence **out)
{
	struct nsfence *h;
	int ret;

	if (!out)
		return -EINVAL;

	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;

	h->sk = nl_socket_alloc();
	if (!h->sk) {
		ret = -ENOMEM;
		goto out_free;
	}

	ret = genl_connect(h->sk);
	if (ret < 0) {
		ret = nsf_nlerr_to_errno(ret);
		goto out_free_sock;
	}

	/* Never leak the socket into a program we exec. */
	ret = fcntl(nl_socket_get_fd(h->sk), F_SETFD, FD_CLOEXEC);
	if (ret < 0) {
		ret = -errno;
		goto out_free_sock;
	}

	/* Old kernels lack these options: error texts are then just absent. */
	nsf_set_sockopt(h->sk, NETLINK_EXT_ACK);
	nsf_set_sockopt(h->sk, NETLINK_CAP_ACK);

	*out = h;
	return 0;

out_free_sock:
	nl_socket_free(h->sk);
out_free:
	free(h);
	return ret;
}

int nsfence_fd(const struct nsfence *h)
{
	return h ? nl_socket_get_fd(h->sk) : -EINVAL;
}

int nsfence_open(struct nsfence **out)
{
	struct nsfence *h;
	int ret;

	if (!out)
		return -EINVAL;
	ret = nsf_connect(&h);
	if (ret < 0)
		return ret;
	ret = genl_ctrl_resolve(h->sk, NSFENCE_GENL_NAME);
	if (ret < 0) {
		nsfence_close(h);
		return nsf_nlerr_to_errno(ret);
	}
	h->family = ret;
	*out = h;
	return 0;
}

void nsfence_close(struct nsfence *h)
{
	if (!h)
		return;
	nl_socket_free(h->sk);
	free(h);
}

struct nl_msg *nsf_msg_new(const struct nsfence *h, uint8_t cmd, int flags,
			   size_t size)
{
	struct nl_msg *msg;

	msg = size ? nlmsg_alloc_size(size) : nlmsg_alloc();
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, h->family, 0, flags,
			 cmd, NSFENCE_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static const char *const nsf_attr_names[NSFENCE_A_MAX + 1] = {
	[NSFENCE_A_VERSION] = "VERSION",
	[NSFENCE_A_LOCKED] = "LOCKED",
	[NSFENCE_A_ATTACH] = "ATTACH",
	[NSFENCE_A_HOOKS] = "HOOKS",
	[NSFENCE_A_FENCE_COUNT] = "FENCE_COUNT",
	[NSFENCE_A_PID] = "PID",
	[NSFENCE_A_NS_TYPE] = "NS_TYPE",
	[NSFENCE_A_NS_INUM] = "NS_INUM",
	[NSFENCE_A_CLASSES] = "CLASSES",
	[NSFENCE_A_MODE] = "MODE",
	[NSFENCE_A_DEVICES] = "DEVICES",
	[NSFENCE_A_DEVICE] = "DEVICE",
	[NSFENCE_A_CREATED] = "CREATED",
	[NSFENCE_A_COUNTERS] = "COUNTERS",
	[NSFENCE_A_COUNTER] = "COUNTER",
	[NSFENCE_A_TGID] = "TGID",
	[NSFENCE_A_COMM] = "COMM",
	[NSFENCE_A_CLASS] = "CLASS",
	[NSFENCE_A_OBJECT] = "OBJECT",
	[NSFENCE_A_DROPPED] = "DROPPED",
	[NSFENCE_A_PAD] = "PAD",
};

static struct nla_policy nsf_extack_policy[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
	[NLMSGERR_ATTR_OFFS] = { .type = NLA_U32, .maxlen = sizeof(uint32_t) },
	[NLMSGERR_ATTR_MISS_TYPE] = { .type = NLA_U32,
				      .maxlen = sizeof(uint32_t) },
	[NLMSGERR_ATTR_MISS_NEST] = { .type = NLA_U32,
				      .maxlen = sizeof(uint32_t) },
};

/*
 * Read the extended-ACK attributes that start @off bytes into @nlh (an
 * NLMSG_ERROR or NLMSG_DONE message) into h->errmsg.
 */
static void nsf_read_extack(struct nsfence *h, struct nlmsghdr *nlh,
			    size_t off)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	uint32_t miss;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= nlh->nlmsg_len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + off),
		      (int)(nlh->nlmsg_len - off), nsf_extack_policy) < 0)
		return;

	if (tb[NLMSGERR_ATTR_MSG]) {
		nla_strlcpy(h->errmsg, tb[NLMSGERR_ATTR_MSG],
			    sizeof(h->errmsg));
	} else if (tb[NLMSGERR_ATTR_MISS_TYPE]) {
		miss = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		if (!tb[NLMSGERR_ATTR_MISS_NEST] && miss <= NSFENCE_A_MAX &&
		    nsf_attr_names[miss])
			nsf_set_errmsg(h, "missing attribute %s",
				       nsf_attr_names[miss]);
		else
			nsf_set_errmsg(h, "missing attribute %u", miss);
	}
}

static int nsf_on_error(struct sockaddr_nl *nla, struct nlmsgerr *err,
			void *arg)
{
	struct nsf_round *r = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)err - NLMSG_HDRLEN);
	size_t off = NLMSG_HDRLEN + sizeof(*err);

	(void)nla;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - NLMSG_HDRLEN;
	nsf_read_extack(r->h, nlh, NLMSG_ALIGN(off));

	if (!r->ret)
		r->ret = err->error < 0 ? err->error : -EPROTO;
	r->done = 1;
	return NL_STOP;
}

static int nsf_on_ack(struct nl_msg *msg, void *arg)
{
	struct nsf_round *r = arg;

	(void)msg;
	r->done = 1;
	return NL_STOP;
}

/* NLMSG_DONE of a dump: its payload is the dump's error code. */
static int nsf_on_finish(struct nl_msg *msg, void *arg)
{
	struct nsf_round *r = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int err;

	if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(err))) {
		memcpy(&err, NLMSG_DATA(nlh), sizeof(err));
		if (err < 0) {
			nsf_read_extack(r->h, nlh,
					NLMSG_ALIGN(NLMSG_LENGTH(sizeof(err))));
			if (!r->ret)
				r->ret = err;
		}
	}
	r->done = 1;
	return NL_STOP;
}

static int nsf_on_valid(struct nl_msg *msg, void *arg)
{
	struct nsf_round *r = arg;
	int ret;

	/* After an error or a stop, drain the rest without parsing it. */
	if (!r->fn || r->ret)
		return NL_OK;
	ret = r->fn(r->h, nlmsg_hdr(msg), r->arg);
	if (ret)
		r->ret = ret;
	return NL_OK;
}

int nsf_request(struct nsfence *h, struct nl_msg *msg, nsf_reply_fn fn,
		void *arg)
{
	struct nsf_round r = { .h = h, .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int ret;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, nsf_on_error, &r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, nsf_on_ack, &r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, nsf_on_finish, &r);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, nsf_on_valid, &r);

	ret = nl_send_auto(h->sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		r.ret = nsf_nlerr_to_errno(ret);
		goto out;
	}

	while (!r.done) {
		ret = nl_recvmsgs(h->sk, cb);
		if (ret == -NLE_DUMP_INTR && r.done && r.ret <= 0) {
			if (!r.ret) {
				r.ret = -EAGAIN;
				nsf_set_errmsg(h, "dump interrupted by a concurrent change");
			}
			break;
		}
		if (ret < 0 && !r.done) {
			if (!r.ret || r.ret > 0)
				r.ret = nsf_nlerr_to_errno(ret);
			if (r.ret == -EPROTO && !h->errmsg[0])
				nsf_set_errmsg(h, "bad netlink reply: %s",
					       nl_geterror(ret));
			break;
		}
	}
out:
	nl_cb_put(cb);
	return r.ret;
}
