/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence CLI: exclusive 65536-id ranges for the user namespaces of
 * `nsfence run`.
 *
 * The pool: the /etc/subuid and /etc/subgid entries of user "nsfence"
 * (by name or uid); a block must lie inside both.  Without any entry for
 * "nsfence" in either file: 100000, 165536, ... upward, skipping blocks
 * that overlap another user's subuid/subgid entries.  Allocations are
 * files RUN_DIR/ids/BASE naming the owner ("PID STARTTIME"), created and
 * removed under flock(RUN_DIR/ids.lock); a file whose owner died (pid
 * gone or reused) is reclaimed.
 */
#ifndef NSFENCE_IDRANGE_H
#define NSFENCE_IDRANGE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define IDRANGE_SIZE 65536U
#define IDRANGE_DEFAULT_START 100000U

/**
 * struct idrange_conf - where the pool and the allocations live
 * @run_dir: "/run/nsfence"
 * @subuid: "/etc/subuid"
 * @subgid: "/etc/subgid"
 * @user: "nsfence"
 */
struct idrange_conf {
	const char *run_dir, *subuid, *subgid, *user;
};

/* The defaults above. */
extern const struct idrange_conf idrange_default_conf;

/**
 * struct idrange - one allocated range
 * @base: first host id; maps "0 BASE 65536" for uids and gids
 * @owner: pid (in the caller's pid namespace) whose life keeps it
 * @owner_start: that process's start time (/proc/PID/stat field 22)
 * @path: the allocation file
 */
struct idrange {
	uint32_t base;
	pid_t owner;
	unsigned long long owner_start;
	char path[PATH_MAX];
};

/*
 * Allocate a free range for @owner.  Returns 0, or -errno with a reason in
 * @err (-ENOSPC: pool exhausted; -EINVAL: inconsistent subuid/subgid).
 */
int idrange_alloc(const struct idrange_conf *conf, pid_t owner,
		  struct idrange *r, char *err, size_t errlen);

/* Release @r if its file still names its owner; 0 or -errno. */
int idrange_release(const struct idrange_conf *conf, const struct idrange *r);

/* Start time of @pid from /proc/PID/stat; 0 or -errno. */
int idrange_proc_start(pid_t pid, unsigned long long *start);

#endif /* NSFENCE_IDRANGE_H */
