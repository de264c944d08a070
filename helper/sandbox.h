/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence CLI: a fenced sandbox, shared by `run` and `check`.
 *
 *   nsfence (parent)               sandbox child
 *   clone(NEWUSER|NEWNS|NEWPID|..) --> blocks on the "go" pipe
 *   allocates the id range
 *   writes uid_map, gid_map
 *   fences the new user namespace
 *   writes "go" --------------------> drops groups, becomes 0:0, hostname,
 *                                     private mounts, /proc (or --rootfs:
 *                                     bind, /proc, pivot_root), then the
 *                                     caller's function
 *
 * Fail closed: if anything before "go" fails the parent kills the child;
 * a child that reads EOF instead of "go" exits without running anything.
 * The child has PR_SET_PDEATHSIG = SIGKILL: when the parent dies, the
 * child dies, and with it (pid 1 of its pid namespace) the whole sandbox.
 *
 * There is no way to share the caller's user or pid namespace: the fence
 * is set on the new user namespace, whose pid namespace is new as well.
 */
#ifndef NSFENCE_SANDBOX_H
#define NSFENCE_SANDBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "nsfence.h"
#include "idrange.h"

/*
 * Test hook: when the environment variable NSFENCE_TEST_PAUSE names a
 * step, the process reaching it prints "nsfence: test pause at STEP (pid
 * N)" on stderr and waits until it is killed.  Steps, in order:
 *   parent: cloned, ids, mapped, fenced, started
 *   child:  child-go (after "go", before its credentials change)
 *   run's sandbox init: child-exec (before CMD is started)
 */
#define SANDBOX_PAUSE_ENV "NSFENCE_TEST_PAUSE"
void sandbox_test_pause(const char *step);

/**
 * struct sandbox_opts - what the sandbox is
 * @req: the fence: classes, mode, device rules (pid and namespace are
 *	filled in by sandbox_start())
 * @devices: storage for @req.devices
 * @net: also a new network namespace
 * @hostname: host name of the new uts namespace, or NULL
 * @rootfs: a directory to pivot_root into, or NULL to keep the root
 * @ctx: "run", "check": the prefix of error messages
 */
struct sandbox_opts {
	struct nsfence_fence_req req;
	struct nsfence_devrule devices[NSFENCE_MAX_DEVICES];
	bool net;
	const char *hostname;
	const char *rootfs;
	const char *ctx;
};

/* Defaults: every class, enforce, no device rule, no net, no rootfs. */
void sandbox_opts_init(struct sandbox_opts *o, const char *ctx);

/**
 * struct sandbox - a started sandbox
 * @pid: its first process (pid 1 inside), in the caller's pid namespace
 * @ids: its id range
 * @user_ns: inode number of its fenced user namespace
 * @go_fd: the parent's end of the "go" pipe; open while the parent lives
 */
struct sandbox {
	pid_t pid;
	struct idrange ids;
	uint32_t user_ns;
	int go_fd;
};

/*
 * Runs in the sandbox as its root (uid and gid 0, no supplementary
 * groups), after the fence holds and the mounts are made.  Must not
 * return; it ends with _exit().
 */
typedef void (*sandbox_fn)(void *arg);

/**
 * sandbox_start() - create, fence and start a sandbox
 * @sb: receives the sandbox
 * @o: its options (o->req is updated with the pid and namespace)
 * @h: an open nsfence handle (its socket is closed in the child)
 * @fn: what the sandbox runs
 * @arg: argument of @fn
 *
 * Signals should be blocked by the caller if it wants them for itself:
 * the child inherits the mask as it is.
 *
 * Return: 0 when the sandbox runs, or -errno after the error was printed
 * (the child, if any, was killed and reaped; nothing of @fn ran).
 */
int sandbox_start(struct sandbox *sb, struct sandbox_opts *o,
		  struct nsfence *h, sandbox_fn fn, void *arg);

/* Release the id range and close the pipe; after the child was reaped. */
void sandbox_end(struct sandbox *sb);

#endif /* NSFENCE_SANDBOX_H */
