// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - attaching the hooks when loadable
 *
 * A module cannot add LSM hooks (security_add_hooks() is __init and the
 * hook lists are read-only after boot).  Instead, one ftrace_ops per
 * hook sits on the kernel's security_*() function; on deny, the callback
 * moves the saved instruction pointer to a stub that returns -EPERM, so
 * the security_*() function never runs.  The stub is reached by the RET
 * of the ftrace trampoline, not by an indirect call: no ENDBR is needed
 * and the kernel's own functions are never called indirectly (IBT).
 *
 * FTRACE_OPS_FL_PERMANENT makes "sysctl kernel.ftrace_enabled=0" fail
 * with EBUSY instead of silently switching the hooks off.
 *
 * The callback guards itself against recursion (and disables preemption
 * by doing so) rather than asking ftrace to with FTRACE_OPS_FL_RECURSION:
 * that flag puts ftrace_ops_assist_func() between the trampoline and the
 * callback, one more indirect call on every security_*() call it hooks,
 * which a profile of a fenced open() showed costing more than the
 * callback itself.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/ftrace.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <linux/trace_recursion.h>

#include "attach.h"
#include "hooks.h"

/**
 * struct probe - one attached hook
 * @ops: the ftrace_ops on the hook's security_*() function
 * @hook: the hook it calls
 */
struct probe {
	struct ftrace_ops ops;
	const struct nsfence_hook *hook;
};

static struct probe probes[NSFENCE_HOOKS_COUNT];

/*
 * Where a denied security_*() call goes instead: the stack still holds
 * its caller's return address, so this returns straight to the caller.
 */
static noinline notrace int probe_deny(void)
{
	return -EPERM;
}

static void notrace probe_callback(unsigned long ip, unsigned long parent_ip,
				   struct ftrace_ops *ops,
				   struct ftrace_regs *fregs)
{
	const struct probe *probe = container_of(ops, struct probe, ops);
	unsigned long args[NSFENCE_HOOK_MAX_ARGS];
	struct pt_regs *regs = ftrace_get_regs(fregs);
	unsigned int i;
	int bit;

	/* Only NULL without FTRACE_OPS_FL_SAVE_REGS. */
	if (unlikely(!regs))
		return;
	/* Also disables preemption: hooks never sleep. */
	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (bit < 0)
		return;
	for (i = 0; i < probe->hook->nargs; i++)
		args[i] = regs_get_kernel_argument(regs, i);
	if (probe->hook->call(args) == -EPERM) {
		regs->ax = (unsigned long)-EPERM;
		instruction_pointer_set(regs, (unsigned long)probe_deny);
	}
	ftrace_test_recursion_unlock(bit);
}

static int probe_attach(struct probe *probe, const struct nsfence_hook *hook)
{
	char target[KSYM_NAME_LEN];
	int err;

	probe->hook = hook;
	probe->ops.func = probe_callback;
	probe->ops.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
			   FTRACE_OPS_FL_PERMANENT;
	/* ftrace_set_filter() wants a writable buffer. */
	strscpy(target, hook->target, sizeof(target));
	err = ftrace_set_filter(&probe->ops, (unsigned char *)target,
				strlen(target), 1);
	if (err) {
		pr_err("cannot filter on %s: %d\n", hook->target, err);
		goto free_filter;
	}
	err = register_ftrace_function(&probe->ops);
	if (err) {
		pr_err("cannot attach to %s: %d\n", hook->target, err);
		goto free_filter;
	}
	return 0;

free_filter:
	ftrace_free_filter(&probe->ops);
	return err;
}

static void probe_unregister(struct probe *probe)
{
	int err = unregister_ftrace_function(&probe->ops);

	if (err)
		pr_err("cannot detach from %s: %d\n", probe->hook->target, err);
}

static void probe_detach_all(unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		probe_unregister(&probes[i]);
	/*
	 * A callback may still run on another CPU, or a task may have been
	 * preempted on its way through the trampoline to probe_deny(): wait
	 * for every task to pass a voluntary schedule point before the
	 * module's text can go away.
	 */
	synchronize_rcu_tasks();
	for (i = 0; i < count; i++)
		ftrace_free_filter(&probes[i].ops);
}

/**
 * nsfence_attach() - attach every hook, or none
 *
 * Return: 0, or the error of the first hook that could not be attached.
 */
int nsfence_attach(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < NSFENCE_HOOKS_COUNT; i++) {
		err = probe_attach(&probes[i], &nsfence_hooks[i]);
		if (err)
			goto detach_attached;
	}
	return 0;

detach_attached:
	probe_detach_all(i);
	return err;
}

/**
 * nsfence_detach() - detach every hook
 *
 * Returns once no CPU can be running a callback or be about to enter
 * the deny stub.
 */
void nsfence_detach(void)
{
	probe_detach_all(NSFENCE_HOOKS_COUNT);
}

/**
 * nsfence_attach_method() - how the hooks are attached
 *
 * Return: "ftrace".
 */
const char *nsfence_attach_method(void)
{
	return "ftrace";
}

/**
 * nsfence_attach_active() - do the hooks run
 *
 * Return: true: a loaded module has attached every hook.
 */
bool nsfence_attach_active(void)
{
	return true;
}
