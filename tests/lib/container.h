/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test containers: a child in new namespaces, fenced (or not) by the
 * parent before it runs a single line of the test body.
 *
 *   rootful:  new pid, mount, net, uts, ipc namespaces; no user namespace;
 *             full capabilities; fenced by its pid namespace.
 *   userns:   the same plus a new user namespace mapping 0..65535 to the
 *             host's 0..65535 (a "privileged" user-namespace container:
 *             without nsfence, its root passes the DAC checks of root-owned
 *             files); fenced by its user namespace.
 */
#ifndef NSFENCE_TESTS_CONTAINER_H
#define NSFENCE_TESTS_CONTAINER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "nsfence.h"

enum container_kind {
	CONTAINER_ROOTFUL,
	CONTAINER_USERNS,
};

/**
 * struct container_opts - how to start and fence a test container
 * @kind: rootful or user-namespace container
 * @fence: fence it before the body runs (else it runs unfenced)
 * @classes: deny classes of the fence (0 means NSFENCE_CLASSES_ALL)
 * @no_classes: really fence with no deny class (self-protection only)
 * @audit: audit mode instead of enforce
 * @share_net: stay in the caller's network namespace
 * @share_uts: stay in the caller's uts namespace (the host's hostname)
 * @nr_devices: device exceptions of the fence
 * @devices: the exceptions
 */
struct container_opts {
	enum container_kind kind;
	bool fence;
	uint32_t classes;
	bool no_classes;
	bool audit;
	bool share_net;
	bool share_uts;
	unsigned int nr_devices;
	const struct nsfence_devrule *devices;
};

/**
 * container_run() - run @body(@arg) in a new container
 *
 * Return: the body's exit status (0..255; a body killed by a signal gives
 * 128 + signal), or a negative errno when the container could not be
 * started or fenced (the body then never runs).
 */
int container_run(const struct container_opts *opts, int (*body)(void *),
		  void *arg);

/*
 * A body's exit status for "this kernel cannot do that": the case that
 * sees it from container_run() skips (with the reason the body printed).
 */
#define BODY_SKIP 77

/**
 * struct parked - a child parked in a new user namespace until killed
 * @pid: the child
 * @inum: inode number of its user namespace
 */
struct parked {
	pid_t pid;
	uint32_t inum;
};

/* Forks a child into a new user namespace; it waits there (a test asserts). */
void park(struct parked *p);
/* Kills and reaps a parked child. */
void unpark(struct parked *p);

/*
 * A process of the host (the initial pid namespace), paused until
 * host_sleeper_stop() (or until its parent dies): a target outside
 * every test container.
 */
pid_t host_sleeper(void);
void host_sleeper_stop(pid_t pid);

/* The module-wide counters (STATUS); 0 or -errno. */
int counters_get(struct nsfence_counters *c);

/*
 * The fence count, once it reached @want or 10 s passed: the fence of a
 * dead namespace goes at the next command after the namespace's last
 * other reference is dropped, which the kernel does a little later.
 */
uint32_t fence_count_wait(uint32_t want);

#endif /* NSFENCE_TESTS_CONTAINER_H */
