// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup v2: a fenced container owns the cgroups below its own, and of
 * its own only cgroup.procs, cgroup.threads and cgroup.subtree_control
 * (kmod/cgroups.c).  The host mounts a cgroup2 tree with two cgroups:
 * "ctr", where each container starts, and "victim", a host service.  A
 * rootful container, in the host's cgroup namespace (--cgroupns=host) or
 * in one of its own (Docker's default on cgroup v2), tries to:
 *
 * - raise the limit the host set on its own cgroup;
 * - change a host cgroup's limit, freeze it, make a cgroup in it;
 * - move itself to the root cgroup, out of every limit;
 * - attach a BPF program to a host cgroup (it would run for every task
 *   there: on the root cgroup, the whole host);
 * - in the host's cgroup namespace, start a child in a host cgroup with
 *   clone3(CLONE_INTO_CGROUP), which writes no cgroup.procs;
 *
 * and does what systemd, Docker-in-Docker and kind do below their root:
 * make a cgroup, set its limit, attach a BPF program to it, move itself
 * in and back, remove it.
 *
 * Each case runs unfenced too: the control, in which all of it works.
 * Limits are set to "max" and freezing to "0": nothing changes.
 */
#define _GNU_SOURCE
#include "bpfprog.h"
#include "container.h"
#include "expect.h"
#include "files.h"
#include "ktap.h"

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CG		"/tmp/nsfence-cgroup"
#define CTR		CG "/ctr"
#define CHILD		CTR "/child"
#define VICTIM		CG "/victim"
#define VICTIM_SUB	VICTIM "/sub"

static const struct container_opts fenced = {
	.kind = CONTAINER_ROOTFUL, .fence = true,
};
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };

/* Why the cases skip, when the set-up found cgroup v2 missing. */
static const char *missing;

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

/* The clone3(2) arguments, as the kernel's ABI lays them out (v2). */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

/* clone3(CLONE_INTO_CGROUP) of a child that exits at once: 0 or errno. */
static int clone_into(const char *cgroup)
{
	struct clone3_args args = { .flags = CLONE_INTO_CGROUP,
				    .exit_signal = SIGCHLD };
	int fd = open(cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long pid;
	int status;

	if (fd < 0)
		return errno;
	args.cgroup = fd;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		_exit(0);
	close(fd);
	if (pid < 0)
		return errno;
	waitpid(pid, &status, 0);
	return 0;
}

/* BPF_PROG_ATTACH of a cgroup skb program, detached again: 0 or errno. */
static int bpf_attach_to(const char *cgroup)
{
	int prog = bpf_load(BPF_PROG_TYPE_CGROUP_SKB, bpf_prog_return0,
			    KTAP_COUNT(bpf_prog_return0));
	int fd = open(cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	union bpf_attr attr;
	int err = 0;

	ASSERT_OK(prog);
	ASSERT_OK(fd);
	memset(&attr, 0, sizeof(attr));
	attr.target_fd = fd;
	attr.attach_bpf_fd = prog;
	attr.attach_type = BPF_CGROUP_INET_INGRESS;
	if (bpf_cmd(BPF_PROG_ATTACH, &attr))
		err = errno;
	else
		ASSERT_OK(bpf_cmd(BPF_PROG_DETACH, &attr));
	close(fd);
	close(prog);
	return err;
}

static int move_self(const char *cgroup)
{
	char path[128], pid[16];

	snprintf(path, sizeof(path), "%s/cgroup.procs", cgroup);
	snprintf(pid, sizeof(pid), "%d", getpid());
	return write_text(path, pid);
}

/*
 * What a container may do below its own cgroup, fenced or not: done by a
 * process other than the container's init, which stays in the cgroup the
 * runtime put it in (kmod/cgroups.c: own_cgroup()).
 */
static void own_subtree_steps(void)
{
	expect_denied_or_ok("mkdir below its own cgroup", false,
			    errno_of(mkdir(CHILD, 0755)));
	expect_denied_or_ok("limit below its own cgroup", false,
			    write_text(CHILD "/cgroup.max.descendants", "max"));
	expect_denied_or_ok("bpf program on a cgroup below its own", false,
			    bpf_attach_to(CHILD));
	expect_denied_or_ok("move into a cgroup below its own", false,
			    move_self(CHILD));
	expect_denied_or_ok("move back to its own cgroup (cgroup.procs)", false,
			    move_self(CTR));
	expect_denied_or_ok("rmdir below its own cgroup", false,
			    errno_of(rmdir(CHILD)));
}

static void own_subtree(void)
{
	int status;
	pid_t pid = ASSERT_OK(fork());

	if (pid == 0) {
		own_subtree_steps();
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(0, status);
}

static void escapes(bool denied)
{
	expect_denied_or_ok("raise its own cgroup's limit", denied,
			    write_text(CTR "/cgroup.max.descendants", "max"));
	expect_denied_or_ok("change a host cgroup's limit", denied,
			    write_text(VICTIM "/cgroup.max.descendants", "max"));
	expect_denied_or_ok("freeze a host cgroup", denied,
			    write_text(VICTIM "/cgroup.freeze", "0"));
	expect_denied_or_ok("mkdir in a host cgroup", denied,
			    errno_of(mkdir(VICTIM_SUB, 0755)));
	expect_denied_or_ok("bpf program on a host cgroup", denied, bpf_attach_to(VICTIM));
	/* Last: in the control, the body leaves its limits here. */
	expect_denied_or_ok("move itself to the root cgroup", denied, move_self(CG));
}

static int body_host_cgroupns(void *arg)
{
	bool denied = *(bool *)arg;

	own_subtree();
	expect_denied_or_ok("clone3 into a host cgroup", denied, clone_into(VICTIM));
	escapes(denied);
	return 0;
}

static int body_own_cgroupns(void *arg)
{
	ASSERT_OK(unshare(CLONE_NEWCGROUP));
	own_subtree();
	escapes(*(bool *)arg);
	return 0;
}

/* Each case starts its container in CTR and cleans up after it. */
static void run(const struct container_opts *o, int (*body)(void *))
{
	bool denied = o->fence;
	int ret;

	if (missing)
		ktap_skip("%s", missing);
	ASSERT_EQ(0, move_self(CTR));
	ret = container_run(o, body, &denied);
	ASSERT_EQ(0, move_self(CG));
	rmdir(VICTIM_SUB);
	rmdir(CHILD);
	ASSERT_EQ(0, ret);
}

static void host_cgroupns_denied(void) { run(&fenced, body_host_cgroupns); }
static void host_cgroupns_unfenced(void) { run(&unfenced, body_host_cgroupns); }
static void own_cgroupns_denied(void) { run(&fenced, body_own_cgroupns); }
static void own_cgroupns_unfenced(void) { run(&unfenced, body_own_cgroupns); }

static const struct ktap_case cases[] = {
	KTAP_CASE(host_cgroupns_denied),
	KTAP_CASE(host_cgroupns_unfenced),
	KTAP_CASE(own_cgroupns_denied),
	KTAP_CASE(own_cgroupns_unfenced),
};

static void setup(void)
{
	if ((mkdir(CG, 0755) && errno != EEXIST) ||
	    mount("cgroup2", CG, "cgroup2", 0, NULL)) {
		missing = "no cgroup2 file system on this kernel";
		return;
	}
	if ((mkdir(CTR, 0755) && errno != EEXIST) ||
	    (mkdir(VICTIM, 0755) && errno != EEXIST)) {
		perror("nsfence: cgroup_test: set-up");
		exit(1);
	}
}

static void teardown(void)
{
	if (missing)
		return;
	rmdir(CTR);
	rmdir(VICTIM);
	umount(CG);
	rmdir(CG);
}

int main(void)
{
	return ktap_run_with(cases, KTAP_COUNT(cases), setup, teardown);
}
