// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - what a fenced task may reach
 *
 * A fenced task may act on objects that its own namespaces own: a
 * process in its pid namespace or below, a user namespace at or below its
 * own, its own network namespace.  Everything else belongs to the host
 * (or to another container).  In a rootful container the task's user
 * namespace is the initial one, so only its pid namespace scopes it; in
 * a user-namespace container both do.
 *
 * Only the current task's namespaces are followed; the caller holds
 * rcu_read_lock() when it passes another task.
 */

#include <linux/cred.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/user_namespace.h>
#include <net/net_namespace.h>

#include "fence.h"
#include "scope.h"

static bool user_ns_below(const struct user_namespace *ns,
			  const struct user_namespace *top)
{
	while (ns && ns->level > top->level)
		ns = ns->parent;
	return ns == top;
}

static bool pid_ns_below(const struct pid_namespace *ns,
			 const struct pid_namespace *top)
{
	while (ns && ns->level > top->level)
		ns = ns->parent;
	return ns == top;
}

/**
 * nsfence_scope_user_ns() - is a user namespace the current task's own
 * @ns: the namespace an object belongs to (a superblock's s_user_ns, ...)
 *
 * Return: true if @ns is the current task's user namespace or below it,
 * and that is not the initial one.
 */
bool nsfence_scope_user_ns(const struct user_namespace *ns)
{
	const struct user_namespace *own = current_user_ns();

	return own != &init_user_ns && user_ns_below(ns, own);
}

/**
 * nsfence_scope_net() - is a network namespace the current task's own
 * @net: the namespace an object belongs to
 *
 * Return: true if @net is the current task's network namespace and that
 * is not the initial one.
 */
bool nsfence_scope_net(const struct net *net)
{
	/* Only the current task changes its own nsproxy. */
	const struct nsproxy *nsproxy = current->nsproxy;

	return nsproxy && net == nsproxy->net_ns && net != &init_net;
}

/**
 * nsfence_scope_task() - is another task inside the current task's scope
 * @task: the target; the caller holds rcu_read_lock()
 *
 * Inside means: in the current task's pid namespace or below (unless that
 * is the initial one), and with credentials in its user namespace or
 * below (unless that is the initial one).
 *
 * Return: true if the current task may act on @task as on its own.
 */
bool nsfence_scope_task(struct task_struct *task)
{
	const struct pid_namespace *own_pid = nsfence_current_pid_ns();
	const struct user_namespace *own_user = current_user_ns();
	const struct pid_namespace *pid_ns;

	if (own_pid && own_pid != &init_pid_ns) {
		pid_ns = ns_of_pid(task_pid(task));
		if (!pid_ns || !pid_ns_below(pid_ns, own_pid))
			return false;
	}
	if (own_user != &init_user_ns &&
	    !user_ns_below(__task_cred(task)->user_ns, own_user))
		return false;
	return true;
}
