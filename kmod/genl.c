// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - the generic netlink family
 *
 * The only way in from userspace.  Registered in the initial network
 * namespace only.  Every attribute has a strict policy, every command
 * accepts only its own attributes, and every refusal says why in the
 * extended ack.  A fenced caller can do nothing; the mutating commands
 * also need CAP_SYS_ADMIN in the initial user namespace.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/sched/task.h>
#include <linux/threads.h>
#include <linux/user_namespace.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "attach.h"
#include "compat.h"
#include "fence.h"
#include "genl.h"
#include "hooks.h"
#include "policy.h"
#include "report.h"
#include "sysctl.h"

/* Serialises the doit handlers: the family runs with parallel_ops. */
static DEFINE_MUTEX(genl_mutex);

/* Events may only be sent once the family exists (built-in: early hooks). */
static bool genl_registered;

/* Not const: 6.1's nla_policy points to a mutable range. */
static struct netlink_range_validation pid_range __ro_after_init = {
	.min = 1,
	.max = PID_MAX_LIMIT,
};

static const struct nla_policy dev_policy[NSFENCE_DEV_A_MAX + 1] = {
	[NSFENCE_DEV_A_TYPE] = NLA_POLICY_RANGE(NLA_U32, NSFENCE_DEV_CHAR,
						NSFENCE_DEV_BLOCK),
	[NSFENCE_DEV_A_MAJOR] = { .type = NLA_U32 },
	[NSFENCE_DEV_A_MINOR] = { .type = NLA_U32 },
	[NSFENCE_DEV_A_ACCESS] = NLA_POLICY_MASK(NLA_U32,
						 NSFENCE_DEV_ACCESS_ALL),
};

/*
 * Attributes that only appear in replies and events are left out (type
 * NLA_UNSPEC): strict validation rejects them in requests.
 */
static const struct nla_policy nsfence_policy[NSFENCE_A_MAX + 1] = {
	[NSFENCE_A_PID] = NLA_POLICY_FULL_RANGE(NLA_U32, &pid_range),
	[NSFENCE_A_NS_TYPE] = NLA_POLICY_RANGE(NLA_U32, NSFENCE_NS_USER,
					       NSFENCE_NS_DEFAULT),
	[NSFENCE_A_NS_INUM] = NLA_POLICY_MIN(NLA_U32, 1),
	[NSFENCE_A_CLASSES] = NLA_POLICY_MASK(NLA_U32, NSFENCE_CLASSES_ALL),
	[NSFENCE_A_MODE] = NLA_POLICY_MAX(NLA_U32, NSFENCE_MODE_AUDIT),
	/*
	 * Every entry is validated against dev_policy; count_devices()
	 * checks that each is a DEVICE and parse_devices() that each has
	 * all four attributes and valid numbers.
	 */
	[NSFENCE_A_DEVICES] = NLA_POLICY_NESTED_ARRAY(dev_policy),
};

static struct genl_family nsfence_family;

static int check_caller(struct netlink_ext_ack *extack)
{
	/* A fenced task can never switch enforcement off. */
	if (!nsfence_current_is_fenced())
		return 0;
	NL_SET_ERR_MSG(extack, "caller is fenced");
	return -EPERM;
}

static int check_admin(const struct sk_buff *skb,
		       struct netlink_ext_ack *extack)
{
	int err = check_caller(extack);

	if (err)
		return err;
	/* GENL_ADMIN_PERM only checked CAP_NET_ADMIN. */
	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(extack, "CAP_SYS_ADMIN required");
		return -EPERM;
	}
	return 0;
}

static int check_attrs(const struct genl_info *info, unsigned long allowed)
{
	int type;

	for (type = NSFENCE_A_UNSPEC + 1; type <= NSFENCE_A_MAX; type++) {
		if (!info->attrs[type] || (allowed & BIT(type)))
			continue;
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[type],
				    "attribute not valid for this command");
		return -EINVAL;
	}
	return 0;
}

static int put_counter(struct sk_buff *skb, enum nsfence_class class,
		       u64 denied, u64 audited)
{
	struct nlattr *nest = nla_nest_start(skb, NSFENCE_A_COUNTER);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NSFENCE_CNT_A_CLASS, class) ||
	    nla_put_u64_64bit(skb, NSFENCE_CNT_A_DENIED, denied,
			      NSFENCE_CNT_A_PAD) ||
	    nla_put_u64_64bit(skb, NSFENCE_CNT_A_AUDITED, audited,
			      NSFENCE_CNT_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* @stats NULL: the global counters. */
static int put_counters(struct sk_buff *skb,
			const struct nsfence_stats *stats)
{
	struct nlattr *nest = nla_nest_start(skb, NSFENCE_A_COUNTERS);
	enum nsfence_class class;
	u64 denied, audited;

	if (!nest)
		return -EMSGSIZE;
	for (class = 0; class < __NSFENCE_CLASS_COUNT; class++) {
		if (stats) {
			denied = atomic64_read(&stats->denied[class]);
			audited = atomic64_read(&stats->audited[class]);
		} else {
			denied = nsfence_report_denied(class);
			audited = nsfence_report_audited(class);
		}
		if (put_counter(skb, class, denied, audited)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_devices(struct sk_buff *skb,
		       const struct nsfence_fence_policy *policy)
{
	struct nlattr *list, *dev;
	u32 i;

	if (!policy->n_devices)
		return 0;
	list = nla_nest_start(skb, NSFENCE_A_DEVICES);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < policy->n_devices; i++) {
		const struct nsfence_dev_rule *rule = &policy->devices[i];

		dev = nla_nest_start(skb, NSFENCE_A_DEVICE);
		if (!dev)
			goto cancel_list;
		if (nla_put_u32(skb, NSFENCE_DEV_A_TYPE, rule->type) ||
		    nla_put_u32(skb, NSFENCE_DEV_A_MAJOR, rule->major) ||
		    nla_put_u32(skb, NSFENCE_DEV_A_MINOR, rule->minor) ||
		    nla_put_u32(skb, NSFENCE_DEV_A_ACCESS, rule->access))
			goto cancel_list;
		nla_nest_end(skb, dev);
	}
	nla_nest_end(skb, list);
	return 0;

cancel_list:
	nla_nest_cancel(skb, list);
	return -EMSGSIZE;
}

static int cmd_status(struct sk_buff *skb, struct genl_info *info)
{
	char hooks[NSFENCE_HOOKS_TEXT_MAX];
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = check_caller(info->extack);
	if (!err)
		err = check_attrs(info, 0);
	if (err)
		return err;

	nsfence_fence_reclaim();
	nsfence_hooks_format(hooks, sizeof(hooks));
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &nsfence_family, 0,
				NSFENCE_CMD_STATUS);
	if (!hdr)
		goto free_msg;
	if (nla_put_u32(msg, NSFENCE_A_VERSION, NSFENCE_GENL_VERSION) ||
	    nla_put_u8(msg, NSFENCE_A_LOCKED, READ_ONCE(nsfence_locked)) ||
	    nla_put_string(msg, NSFENCE_A_ATTACH, nsfence_attach_method()) ||
	    nla_put_string(msg, NSFENCE_A_HOOKS, hooks) ||
	    nla_put_u32(msg, NSFENCE_A_FENCE_COUNT, nsfence_fence_count()) ||
	    nla_put_u64_64bit(msg, NSFENCE_A_DROPPED, nsfence_report_dropped(),
			      NSFENCE_A_PAD) ||
	    put_counters(msg, NULL))
		goto free_msg;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

free_msg:
	nlmsg_free(msg);
	NL_SET_ERR_MSG(info->extack, "reply does not fit");
	return -EMSGSIZE;
}

static int count_devices(const struct nlattr *devices, u32 *count,
			 struct netlink_ext_ack *extack)
{
	const struct nlattr *dev;
	int rem;

	*count = 0;
	nla_for_each_nested(dev, devices, rem) {
		if (nla_type(dev) != NSFENCE_A_DEVICE) {
			NL_SET_ERR_MSG_ATTR(extack, dev,
					    "DEVICES holds only DEVICE entries");
			return -EINVAL;
		}
		if (++*count > NSFENCE_MAX_DEVICES) {
			NL_SET_ERR_MSG_ATTR(extack, dev,
					    "too many device exceptions");
			return -E2BIG;
		}
	}
	if (rem) {
		NL_SET_ERR_MSG_ATTR(extack, devices, "trailing data in DEVICES");
		return -EINVAL;
	}
	if (!*count) {
		NL_SET_ERR_MSG_ATTR(extack, devices, "DEVICES is empty");
		return -EINVAL;
	}
	return 0;
}

static int parse_devices(const struct nlattr *devices,
			 struct nsfence_dev_rule *rules, u32 count,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NSFENCE_DEV_A_MAX + 1];
	const struct nlattr *dev;
	u32 i = 0;
	int rem, err;

	nla_for_each_nested(dev, devices, rem) {
		if (i >= count)
			break;
		err = nla_parse_nested(tb, NSFENCE_DEV_A_MAX, dev, dev_policy,
				       extack);
		if (err)
			return err;
		if (NL_REQ_ATTR_CHECK(extack, dev, tb, NSFENCE_DEV_A_TYPE) ||
		    NL_REQ_ATTR_CHECK(extack, dev, tb, NSFENCE_DEV_A_MAJOR) ||
		    NL_REQ_ATTR_CHECK(extack, dev, tb, NSFENCE_DEV_A_MINOR) ||
		    NL_REQ_ATTR_CHECK(extack, dev, tb, NSFENCE_DEV_A_ACCESS)) {
			NL_SET_ERR_MSG_ATTR(extack, dev,
					    "DEVICE needs TYPE, MAJOR, MINOR and ACCESS");
			return -EINVAL;
		}
		rules[i].type = nla_get_u32(tb[NSFENCE_DEV_A_TYPE]);
		rules[i].major = nla_get_u32(tb[NSFENCE_DEV_A_MAJOR]);
		rules[i].minor = nla_get_u32(tb[NSFENCE_DEV_A_MINOR]);
		rules[i].access = nla_get_u32(tb[NSFENCE_DEV_A_ACCESS]);
		if (!nsfence_policy_dev_rule_valid(&rules[i])) {
			NL_SET_ERR_MSG_ATTR(extack, dev,
					    "invalid device number or access");
			return -EINVAL;
		}
		i++;
	}
	return 0;
}

/* Takes the namespace reference the fence will hold. */
static int resolve_ns(struct genl_info *info, struct nsfence_fence *fence)
{
	const u32 type = nla_get_u32(info->attrs[NSFENCE_A_NS_TYPE]);
	struct user_namespace *user_ns;
	struct pid_namespace *pid_ns;
	const struct ns_common *ns;
	struct task_struct *task;
	struct pid *pid;
	u32 nr, inum;

	if (type == NSFENCE_NS_DEFAULT) {
		fence->ns_type = type;
		fence->key = nsfence_fence_default_key();
		return 0;
	}
	nr = nla_get_u32(info->attrs[NSFENCE_A_PID]);
	inum = nla_get_u32(info->attrs[NSFENCE_A_NS_INUM]);
	/* The pid is a number in the caller's pid namespace. */
	pid = find_get_pid(nr);
	task = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!task) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NSFENCE_A_PID],
				    "no such process");
		return -ESRCH;
	}

	fence->ns_type = type;
	rcu_read_lock();
	if (type == NSFENCE_NS_USER) {
		/* The objective credentials: what the task is, not borrows. */
		user_ns = get_user_ns(__task_cred(task)->user_ns);
		fence->user_ns = user_ns;
		ns = &user_ns->ns;
	} else {
		pid_ns = task_active_pid_ns(task);
		if (pid_ns)
			get_pid_ns(pid_ns);
		fence->pid_ns = pid_ns;
		ns = pid_ns ? &pid_ns->ns : NULL;
	}
	rcu_read_unlock();
	put_task_struct(task);

	if (!ns) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NSFENCE_A_PID],
				    "process is exiting");
		return -ESRCH;
	}
	/* The pid may have been reused since the caller looked. */
	if (ns->inum != inum) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[NSFENCE_A_NS_INUM],
				    "namespace changed");
		return -ESTALE;
	}
	fence->ns_inum = inum;
	return 0;
}

static int fence_from_request(struct genl_info *info,
			      struct nsfence_fence **fencep)
{
	struct nlattr **attrs = info->attrs;
	struct nsfence_fence *fence;
	u32 n_devices = 0;
	int err;

	if (attrs[NSFENCE_A_DEVICES]) {
		err = count_devices(attrs[NSFENCE_A_DEVICES], &n_devices,
				    info->extack);
		if (err)
			return err;
	}
	fence = nsfence_fence_alloc(n_devices);
	if (!fence)
		return -ENOMEM;
	fence->policy.classes = attrs[NSFENCE_A_CLASSES] ?
		nla_get_u32(attrs[NSFENCE_A_CLASSES]) : NSFENCE_CLASSES_ALL;
	fence->policy.mode = attrs[NSFENCE_A_MODE] ?
		nla_get_u32(attrs[NSFENCE_A_MODE]) : NSFENCE_MODE_ENFORCE;
	if (n_devices) {
		err = parse_devices(attrs[NSFENCE_A_DEVICES], fence->devices,
				    n_devices, info->extack);
		if (err)
			goto free_fence;
	}
	err = resolve_ns(info, fence);
	if (err)
		goto free_fence;
	*fencep = fence;
	return 0;

free_fence:
	nsfence_fence_free(fence);
	return err;
}

/*
 * A fence is on the namespace of a process (PID, NS_TYPE, NS_INUM), or it
 * is the default fence (NS_TYPE default alone).
 */
static int check_fence_target(struct genl_info *info)
{
	struct nlattr **attrs = info->attrs;

	if (GENL_REQ_ATTR_CHECK(info, NSFENCE_A_NS_TYPE)) {
		NL_SET_ERR_MSG(info->extack, "NS_TYPE is required");
		return -EINVAL;
	}
	if (nla_get_u32(attrs[NSFENCE_A_NS_TYPE]) == NSFENCE_NS_DEFAULT) {
		if (!attrs[NSFENCE_A_PID] && !attrs[NSFENCE_A_NS_INUM])
			return 0;
		NL_SET_ERR_MSG(info->extack,
			       "the default fence is on no process's namespace: no PID, no NS_INUM");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, NSFENCE_A_PID) ||
	    GENL_REQ_ATTR_CHECK(info, NSFENCE_A_NS_INUM)) {
		NL_SET_ERR_MSG(info->extack, "PID, NS_TYPE and NS_INUM are required");
		return -EINVAL;
	}
	return 0;
}

static int cmd_fence(struct sk_buff *skb, struct genl_info *info)
{
	struct nsfence_fence *fence;
	int err;

	err = check_admin(skb, info->extack);
	if (!err)
		err = check_attrs(info, BIT(NSFENCE_A_PID) |
				  BIT(NSFENCE_A_NS_TYPE) |
				  BIT(NSFENCE_A_NS_INUM) |
				  BIT(NSFENCE_A_CLASSES) |
				  BIT(NSFENCE_A_MODE) |
				  BIT(NSFENCE_A_DEVICES));
	if (err)
		return err;
	err = check_fence_target(info);
	if (err)
		return err;

	if (!nsfence_attach_active()) {
		NL_SET_ERR_MSG(info->extack,
			       "nsfence is built in but not in the LSM order (lsm=): it would enforce nothing");
		return -EOPNOTSUPP;
	}

	mutex_lock(&genl_mutex);
	nsfence_fence_reclaim();
	/*
	 * Sysctl files must be recognisable before any fence exists: the
	 * helper sysctls (core_pattern, ...) are self-protection.
	 */
	err = nsfence_sysctl_prepare();
	if (err) {
		NL_SET_ERR_MSG(info->extack, "cannot open /proc/sys/kernel/ostype");
		goto unlock;
	}
	err = fence_from_request(info, &fence);
	if (err)
		goto unlock;
	err = nsfence_fence_add(fence, info->extack);
unlock:
	mutex_unlock(&genl_mutex);
	return err;
}

static int cmd_unfence(struct sk_buff *skb, struct genl_info *info)
{
	u32 type, inum = 0;
	int err;

	err = check_admin(skb, info->extack);
	if (!err)
		err = check_attrs(info, BIT(NSFENCE_A_NS_TYPE) |
				  BIT(NSFENCE_A_NS_INUM));
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, NSFENCE_A_NS_TYPE))
		return -EINVAL;
	type = nla_get_u32(info->attrs[NSFENCE_A_NS_TYPE]);
	/* The default fence's namespace number is 0. */
	if (type != NSFENCE_NS_DEFAULT &&
	    GENL_REQ_ATTR_CHECK(info, NSFENCE_A_NS_INUM)) {
		NL_SET_ERR_MSG(info->extack, "NS_TYPE and NS_INUM are required");
		return -EINVAL;
	}
	if (info->attrs[NSFENCE_A_NS_INUM])
		inum = nla_get_u32(info->attrs[NSFENCE_A_NS_INUM]);

	mutex_lock(&genl_mutex);
	nsfence_fence_reclaim();
	err = nsfence_fence_remove(type, inum, info->extack);
	mutex_unlock(&genl_mutex);
	return err;
}

static int cmd_lock(struct sk_buff *skb, struct genl_info *info)
{
	int err;

	err = check_admin(skb, info->extack);
	if (!err)
		err = check_attrs(info, 0);
	if (err)
		return err;
	mutex_lock(&genl_mutex);
	nsfence_fence_lock();
	mutex_unlock(&genl_mutex);
	return 0;
}

/**
 * struct list_ctx - state of one LIST dump pass
 * @skb: the message being filled
 * @cb: the dump's callback state
 * @generation: the registry's generation during this pass
 */
struct list_ctx {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	unsigned int generation;
};

static int list_fill(const struct nsfence_fence *fence, void *arg)
{
	struct list_ctx *ctx = arg;
	struct sk_buff *skb = ctx->skb;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(ctx->cb->skb).portid,
			  ctx->cb->nlh->nlmsg_seq, &nsfence_family,
			  NLM_F_MULTI, NSFENCE_CMD_LIST);
	if (!hdr)
		return -EMSGSIZE;
	/* NLM_F_DUMP_INTR when the registry changed between two parts. */
	ctx->cb->seq = ctx->generation;
	genl_dump_check_consistent(ctx->cb, hdr);
	if (nla_put_u32(skb, NSFENCE_A_NS_TYPE, fence->ns_type) ||
	    nla_put_u32(skb, NSFENCE_A_NS_INUM, fence->ns_inum) ||
	    nla_put_u32(skb, NSFENCE_A_CLASSES, fence->policy.classes) ||
	    nla_put_u32(skb, NSFENCE_A_MODE, fence->policy.mode) ||
	    nla_put_u64_64bit(skb, NSFENCE_A_CREATED, fence->created,
			      NSFENCE_A_PAD) ||
	    nla_put_u64_64bit(skb, NSFENCE_A_DROPPED,
			      atomic64_read(&fence->stats->dropped),
			      NSFENCE_A_PAD) ||
	    put_devices(skb, &fence->policy) ||
	    put_counters(skb, fence->stats)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int cmd_list(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct list_ctx ctx = { .skb = skb, .cb = cb };
	/* Restartable: the cursor is the id of the last fence sent. */
	u64 cursor = cb->args[0];
	int err;

	err = check_caller(cb->extack);
	if (err)
		return err;
	/* LIST takes no attribute (the policy checked their form). */
	if (nlmsg_attrlen(cb->nlh, GENL_HDRLEN)) {
		NL_SET_ERR_MSG(cb->extack, "LIST takes no attribute");
		return -EINVAL;
	}
	nsfence_fence_reclaim();
	err = nsfence_fence_dump(&cursor, &ctx.generation, list_fill, &ctx);
	cb->args[0] = cursor;
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	if (err)
		return err;
	return skb->len;
}

static const struct genl_small_ops nsfence_ops[] = {
	{
		.cmd = NSFENCE_CMD_STATUS,
		.doit = cmd_status,
	},
	{
		.cmd = NSFENCE_CMD_FENCE,
		.flags = GENL_ADMIN_PERM,
		.doit = cmd_fence,
	},
	{
		.cmd = NSFENCE_CMD_UNFENCE,
		.flags = GENL_ADMIN_PERM,
		.doit = cmd_unfence,
	},
	{
		.cmd = NSFENCE_CMD_LIST,
		.dumpit = cmd_list,
	},
	{
		.cmd = NSFENCE_CMD_LOCK,
		.flags = GENL_ADMIN_PERM,
		.doit = cmd_lock,
	},
};

static const struct genl_multicast_group nsfence_mcgrps[] = {
	NSFENCE_MCGRP(NSFENCE_MCGRP_DENIALS),
};

static struct genl_family nsfence_family __ro_after_init = {
	.name = NSFENCE_GENL_NAME,
	.version = NSFENCE_GENL_VERSION,
	.maxattr = NSFENCE_A_MAX,
	.policy = nsfence_policy,
	/* A container with its own netns cannot even resolve the family. */
	.netnsok = false,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = nsfence_ops,
	.n_small_ops = ARRAY_SIZE(nsfence_ops),
	.mcgrps = nsfence_mcgrps,
	.n_mcgrps = ARRAY_SIZE(nsfence_mcgrps),
};

/**
 * nsfence_genl_init() - register the family
 *
 * Return: 0 or the error of genl_register_family().
 */
int nsfence_genl_init(void)
{
	int err = genl_register_family(&nsfence_family);

	if (err)
		return err;
	/* Pairs with nsfence_genl_listening(): publish the group offset. */
	smp_store_release(&genl_registered, true);
	return 0;
}

/**
 * nsfence_genl_listening() - does anyone listen to denial events
 *
 * Cheap, and safe from any context.
 *
 * Return: true if a socket is subscribed to the "denials" group.
 */
bool nsfence_genl_listening(void)
{
	/* Pairs with nsfence_genl_init(): the group offset is set. */
	return smp_load_acquire(&genl_registered) &&
	       genl_has_listeners(&nsfence_family, &init_net, 0);
}

/**
 * nsfence_genl_event() - send one denial event to the "denials" group
 * @ev: the event
 * @dropped: events dropped so far, module-wide
 *
 * Process context only (allocates with GFP_KERNEL).
 *
 * Return: 0 (also when nobody listens any more), or -ENOMEM, -EMSGSIZE
 * or -ENOBUFS when the event was lost for at least one listener.
 */
int nsfence_genl_event(const struct nsfence_event *ev, u64 dropped)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put(msg, 0, 0, &nsfence_family, 0, NSFENCE_CMD_DENIAL);
	if (!hdr)
		goto free_msg;
	if (nla_put_u32(msg, NSFENCE_A_CLASS, ev->class) ||
	    nla_put_u32(msg, NSFENCE_A_MODE, ev->mode) ||
	    nla_put_u32(msg, NSFENCE_A_PID, ev->pid) ||
	    nla_put_u32(msg, NSFENCE_A_TGID, ev->tgid) ||
	    nla_put_string(msg, NSFENCE_A_COMM, ev->comm) ||
	    nla_put_u32(msg, NSFENCE_A_NS_TYPE, ev->ns_type) ||
	    nla_put_u32(msg, NSFENCE_A_NS_INUM, ev->ns_inum) ||
	    nla_put_string(msg, NSFENCE_A_OBJECT, ev->object) ||
	    nla_put_u64_64bit(msg, NSFENCE_A_DROPPED, dropped, NSFENCE_A_PAD))
		goto free_msg;
	genlmsg_end(msg, hdr);
	err = genlmsg_multicast(&nsfence_family, msg, 0, 0, GFP_KERNEL);
	return err == -ESRCH ? 0 : err;

free_msg:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/**
 * nsfence_genl_exit() - unregister the family
 *
 * Waits for running commands to finish.
 */
void nsfence_genl_exit(void)
{
	WRITE_ONCE(genl_registered, false);
	genl_unregister_family(&nsfence_family);
}
