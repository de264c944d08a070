// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libnsfence: the commands of the family.  Requests are built here and
 * every reply attribute is validated against a policy before it is read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "internal.h"

#define U32_POLICY { .type = NLA_U32, .maxlen = sizeof(uint32_t) }
#define U64_POLICY { .type = NLA_U64, .maxlen = sizeof(uint64_t) }

/* Top-level attributes of STATUS and LIST replies. */
static struct nla_policy nsf_reply_policy[NSFENCE_A_MAX + 1] = {
	[NSFENCE_A_VERSION] = U32_POLICY,
	[NSFENCE_A_LOCKED] = { .type = NLA_U8, .maxlen = sizeof(uint8_t) },
	[NSFENCE_A_ATTACH] = { .type = NLA_STRING },
	[NSFENCE_A_HOOKS] = { .type = NLA_STRING },
	[NSFENCE_A_FENCE_COUNT] = U32_POLICY,
	[NSFENCE_A_NS_TYPE] = U32_POLICY,
	[NSFENCE_A_NS_INUM] = U32_POLICY,
	[NSFENCE_A_CLASSES] = U32_POLICY,
	[NSFENCE_A_MODE] = U32_POLICY,
	[NSFENCE_A_DEVICES] = { .type = NLA_NESTED },
	[NSFENCE_A_CREATED] = U64_POLICY,
	[NSFENCE_A_COUNTERS] = { .type = NLA_NESTED },
	[NSFENCE_A_DROPPED] = U64_POLICY,
};

static struct nla_policy nsf_dev_policy[NSFENCE_DEV_A_MAX + 1] = {
	[NSFENCE_DEV_A_TYPE] = U32_POLICY,
	[NSFENCE_DEV_A_MAJOR] = U32_POLICY,
	[NSFENCE_DEV_A_MINOR] = U32_POLICY,
	[NSFENCE_DEV_A_ACCESS] = U32_POLICY,
};

static struct nla_policy nsf_cnt_policy[NSFENCE_CNT_A_MAX + 1] = {
	[NSFENCE_CNT_A_CLASS] = U32_POLICY,
	[NSFENCE_CNT_A_DENIED] = U64_POLICY,
	[NSFENCE_CNT_A_AUDITED] = U64_POLICY,
};

/* Send a request without attributes and wait for its ACK. */
static int nsf_simple(struct nsfence *h, uint8_t cmd)
{
	struct nl_msg *msg;

	msg = nsf_msg_new(h, cmd, 0, 0);
	if (!msg)
		return -ENOMEM;
	return nsf_request(h, msg, NULL, NULL);
}

static int nsf_put_devices(struct nl_msg *msg,
			   const struct nsfence_fence_req *req)
{
	struct nlattr *list, *dev;
	unsigned int i;

	list = nla_nest_start(msg, NSFENCE_A_DEVICES);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < req->nr_devices; i++) {
		const struct nsfence_devrule *r = &req->devices[i];

		dev = nla_nest_start(msg, NSFENCE_A_DEVICE);
		if (!dev ||
		    nla_put_u32(msg, NSFENCE_DEV_A_TYPE, r->type) < 0 ||
		    nla_put_u32(msg, NSFENCE_DEV_A_MAJOR, r->major) < 0 ||
		    nla_put_u32(msg, NSFENCE_DEV_A_MINOR, r->minor) < 0 ||
		    nla_put_u32(msg, NSFENCE_DEV_A_ACCESS, r->access) < 0)
			return -EMSGSIZE;
		nla_nest_end(msg, dev);
	}
	nla_nest_end(msg, list);
	return 0;
}

int nsfence_fence(struct nsfence *h, const struct nsfence_fence_req *req)
{
	struct nl_msg *msg;
	int ret;

	if (!h || !req)
		return -EINVAL;
	h->errmsg[0] = '\0';
	if (req->nr_devices && !req->devices) {
		nsf_set_errmsg(h, "device rules missing");
		return -EINVAL;
	}
	if (req->nr_devices > NSFENCE_REQ_MAX_DEVICES) {
		nsf_set_errmsg(h, "too many device rules (%u)",
			       req->nr_devices);
		return -E2BIG;
	}

	/* 4 u32 of 8 bytes plus a nest header per rule, plus the rest. */
	msg = nsf_msg_new(h, NSFENCE_CMD_FENCE, 0,
			  1024 + (size_t)req->nr_devices * 40);
	if (!msg)
		return -ENOMEM;
	/* The default fence is on no process's namespace. */
	if (req->ns_type != NSFENCE_NS_DEFAULT &&
	    (nla_put_u32(msg, NSFENCE_A_PID, req->pid) < 0 ||
	     nla_put_u32(msg, NSFENCE_A_NS_INUM, req->ns_inum) < 0))
		goto out_msgsize;
	if (nla_put_u32(msg, NSFENCE_A_NS_TYPE, req->ns_type) < 0 ||
	    nla_put_u32(msg, NSFENCE_A_CLASSES, req->classes) < 0 ||
	    nla_put_u32(msg, NSFENCE_A_MODE, req->mode) < 0)
		goto out_msgsize;
	if (req->nr_devices) {
		ret = nsf_put_devices(msg, req);
		if (ret < 0)
			goto out_msgsize;
	}
	return nsf_request(h, msg, NULL, NULL);

out_msgsize:
	nlmsg_free(msg);
	nsf_set_errmsg(h, "request does not fit in a netlink message");
	return -EMSGSIZE;
}

int nsfence_unfence(struct nsfence *h, uint32_t ns_type, uint32_t ns_inum)
{
	struct nl_msg *msg;

	if (!h)
		return -EINVAL;
	h->errmsg[0] = '\0';
	msg = nsf_msg_new(h, NSFENCE_CMD_UNFENCE, 0, 0);
	if (!msg)
		return -ENOMEM;
	if (nla_put_u32(msg, NSFENCE_A_NS_TYPE, ns_type) < 0 ||
	    (ns_type != NSFENCE_NS_DEFAULT &&
	     nla_put_u32(msg, NSFENCE_A_NS_INUM, ns_inum) < 0)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	return nsf_request(h, msg, NULL, NULL);
}

int nsfence_lock(struct nsfence *h)
{
	if (!h)
		return -EINVAL;
	h->errmsg[0] = '\0';
	return nsf_simple(h, NSFENCE_CMD_LOCK);
}

/*
 * Parse the generic netlink header and top-level attributes of a reply to
 * @cmd into @tb.
 */
static int nsf_parse_reply(struct nsfence *h, struct nlmsghdr *nlh,
			   uint8_t cmd, struct nlattr **tb)
{
	struct genlmsghdr *gnlh;

	if (!genlmsg_valid_hdr(nlh, 0)) {
		nsf_set_errmsg(h, "reply too short");
		return -EPROTO;
	}
	gnlh = genlmsg_hdr(nlh);
	if (gnlh->cmd != cmd) {
		nsf_set_errmsg(h, "reply of command %u to command %u",
			       gnlh->cmd, cmd);
		return -EPROTO;
	}
	if (genlmsg_parse(nlh, 0, tb, NSFENCE_A_MAX, nsf_reply_policy) < 0) {
		nsf_set_errmsg(h, "malformed attribute in reply");
		return -EPROTO;
	}
	return 0;
}

static int nsf_parse_counters(struct nsfence *h, struct nlattr *list,
			      struct nsfence_counters *c)
{
	struct nlattr *tb[NSFENCE_CNT_A_MAX + 1];
	struct nlattr *pos;
	uint32_t cls;
	int rem;

	nla_for_each_nested(pos, list, rem) {
		if (nla_type(pos) != NSFENCE_A_COUNTER)
			continue;
		if (nla_parse_nested(tb, NSFENCE_CNT_A_MAX, pos,
				     nsf_cnt_policy) < 0 ||
		    !tb[NSFENCE_CNT_A_CLASS]) {
			nsf_set_errmsg(h, "malformed counter in reply");
			return -EPROTO;
		}
		cls = nla_get_u32(tb[NSFENCE_CNT_A_CLASS]);
		if (cls >= __NSFENCE_CLASS_COUNT)
			continue;	/* a class newer than this library */
		if (tb[NSFENCE_CNT_A_DENIED])
			c->denied[cls] = nla_get_u64(tb[NSFENCE_CNT_A_DENIED]);
		if (tb[NSFENCE_CNT_A_AUDITED])
			c->audited[cls] =
				nla_get_u64(tb[NSFENCE_CNT_A_AUDITED]);
	}
	return 0;
}

static int nsf_parse_devices(struct nsfence *h, struct nlattr *list,
			     struct nsfence_fence_info *f)
{
	struct nlattr *tb[NSFENCE_DEV_A_MAX + 1];
	struct nsfence_devrule *r;
	struct nlattr *pos;
	int rem;

	nla_for_each_nested(pos, list, rem) {
		if (nla_type(pos) != NSFENCE_A_DEVICE)
			continue;
		if (f->nr_devices >= NSFENCE_MAX_DEVICES) {
			nsf_set_errmsg(h, "more than %u device rules in reply",
				       NSFENCE_MAX_DEVICES);
			return -EPROTO;
		}
		if (nla_parse_nested(tb, NSFENCE_DEV_A_MAX, pos,
				     nsf_dev_policy) < 0 ||
		    !tb[NSFENCE_DEV_A_TYPE] || !tb[NSFENCE_DEV_A_MAJOR] ||
		    !tb[NSFENCE_DEV_A_MINOR] || !tb[NSFENCE_DEV_A_ACCESS]) {
			nsf_set_errmsg(h, "malformed device rule in reply");
			return -EPROTO;
		}
		r = &f->devices[f->nr_devices++];
		r->type = nla_get_u32(tb[NSFENCE_DEV_A_TYPE]);
		r->major = nla_get_u32(tb[NSFENCE_DEV_A_MAJOR]);
		r->minor = nla_get_u32(tb[NSFENCE_DEV_A_MINOR]);
		r->access = nla_get_u32(tb[NSFENCE_DEV_A_ACCESS]);
	}
	return 0;
}

int nsf_parse_status(struct nsfence *h, struct nlmsghdr *nlh,
		     struct nsfence_status *st)
{
	struct nlattr *tb[NSFENCE_A_MAX + 1];
	int ret;

	ret = nsf_parse_reply(h, nlh, NSFENCE_CMD_STATUS, tb);
	if (ret < 0)
		return ret;
	if (!tb[NSFENCE_A_VERSION]) {
		nsf_set_errmsg(h, "reply lacks VERSION");
		return -EPROTO;
	}
	st->version = nla_get_u32(tb[NSFENCE_A_VERSION]);
	if (tb[NSFENCE_A_LOCKED])
		st->locked = nla_get_u8(tb[NSFENCE_A_LOCKED]) ? 1 : 0;
	if (tb[NSFENCE_A_ATTACH])
		nla_strlcpy(st->attach, tb[NSFENCE_A_ATTACH],
			    sizeof(st->attach));
	if (tb[NSFENCE_A_HOOKS])
		nla_strlcpy(st->hooks, tb[NSFENCE_A_HOOKS], sizeof(st->hooks));
	if (tb[NSFENCE_A_FENCE_COUNT])
		st->fence_count = nla_get_u32(tb[NSFENCE_A_FENCE_COUNT]);
	if (tb[NSFENCE_A_DROPPED])
		st->dropped = nla_get_u64(tb[NSFENCE_A_DROPPED]);
	if (tb[NSFENCE_A_COUNTERS])
		return nsf_parse_counters(h, tb[NSFENCE_A_COUNTERS],
					  &st->counters);
	return 0;
}

static int nsf_status_reply(struct nsfence *h, struct nlmsghdr *nlh,
			    void *arg)
{
	return nsf_parse_status(h, nlh, arg);
}

int nsfence_get_status(struct nsfence *h, struct nsfence_status *st)
{
	struct nl_msg *msg;

	if (!h || !st)
		return -EINVAL;
	h->errmsg[0] = '\0';
	memset(st, 0, sizeof(*st));
	msg = nsf_msg_new(h, NSFENCE_CMD_STATUS, 0, 0);
	if (!msg)
		return -ENOMEM;
	return nsf_request(h, msg, nsf_status_reply, st);
}

struct nsf_list_ctx {
	nsfence_list_cb cb;
	void *arg;
	struct nsfence_fence_info info;
};

int nsf_parse_fence(struct nsfence *h, struct nlmsghdr *nlh,
		    struct nsfence_fence_info *f)
{
	struct nlattr *tb[NSFENCE_A_MAX + 1];
	int ret;

	ret = nsf_parse_reply(h, nlh, NSFENCE_CMD_LIST, tb);
	if (ret < 0)
		return ret;
	if (!tb[NSFENCE_A_NS_TYPE] || !tb[NSFENCE_A_NS_INUM]) {
		nsf_set_errmsg(h, "fence without NS_TYPE or NS_INUM in reply");
		return -EPROTO;
	}

	memset(f, 0, sizeof(*f));
	f->ns_type = nla_get_u32(tb[NSFENCE_A_NS_TYPE]);
	f->ns_inum = nla_get_u32(tb[NSFENCE_A_NS_INUM]);
	if (tb[NSFENCE_A_CLASSES])
		f->classes = nla_get_u32(tb[NSFENCE_A_CLASSES]);
	if (tb[NSFENCE_A_MODE])
		f->mode = nla_get_u32(tb[NSFENCE_A_MODE]);
	if (tb[NSFENCE_A_CREATED])
		f->created_ns = nla_get_u64(tb[NSFENCE_A_CREATED]);
	if (tb[NSFENCE_A_DROPPED])
		f->dropped = nla_get_u64(tb[NSFENCE_A_DROPPED]);
	if (tb[NSFENCE_A_DEVICES]) {
		ret = nsf_parse_devices(h, tb[NSFENCE_A_DEVICES], f);
		if (ret < 0)
			return ret;
	}
	if (tb[NSFENCE_A_COUNTERS]) {
		ret = nsf_parse_counters(h, tb[NSFENCE_A_COUNTERS],
					 &f->counters);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int nsf_list_reply(struct nsfence *h, struct nlmsghdr *nlh, void *arg)
{
	struct nsf_list_ctx *ctx = arg;
	int ret;

	ret = nsf_parse_fence(h, nlh, &ctx->info);
	if (ret < 0)
		return ret;
	/* Non-zero: stop calling cb; nsfence_list() returns the value. */
	return ctx->cb(&ctx->info, ctx->arg);
}

int nsfence_list(struct nsfence *h, nsfence_list_cb cb, void *arg)
{
	struct nsf_list_ctx *ctx;
	struct nl_msg *msg;
	int ret;

	if (!h || !cb)
		return -EINVAL;
	h->errmsg[0] = '\0';

	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->cb = cb;
	ctx->arg = arg;

	msg = nsf_msg_new(h, NSFENCE_CMD_LIST, NLM_F_DUMP, 0);
	if (!msg) {
		ret = -ENOMEM;
		goto out_free;
	}
	ret = nsf_request(h, msg, nsf_list_reply, ctx);
out_free:
	free(ctx);
	return ret;
}
