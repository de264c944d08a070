// SPDX-License-Identifier: GPL-2.0
/*
 * Reading and writing the kernel's memory through its tracing
 * interfaces, and the rules of nsfence that close them to a privileged
 * container:
 *
 *   BPF: tracing programs (a raw tracepoint), which see all of the
 *     kernel's memory; the helpers bpf_probe_read_kernel[_str] and
 *     bpf_probe_write_user, lockdown reasons, refused even in a program
 *     type the fence allows (a socket filter still loads without them);
 *   perf_event_open: cpu-wide and kernel-mode counters, raw samples of a
 *     tracepoint (a task's own user-mode counter stays allowed).
 *
 * Rootful containers only: a user namespace cannot load BPF at all
 * (kernel.unprivileged_bpf_disabled).  Each denial runs its body in an
 * unfenced rootful container too: the control, which shows that the
 * program loads, or the counter opens, on this kernel without nsfence.
 * Nothing outlives its case: every program and counter loaded or opened
 * is closed, and none is ever attached or enabled.
 *
 *   host (the case, unfenced)
 *    `-- container: new pid/mnt/net/uts/ipc ns, fenced (or not) before
 *        the body runs
 */
#define _GNU_SOURCE
#include "bpfprog.h"
#include "container.h"
#include "files.h"
#include "ktap.h"

#include <linux/perf_event.h>
#include <stdlib.h>
#include <sys/syscall.h>

static const struct container_opts rootful = { .kind = CONTAINER_ROOTFUL, .fence = true };
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };

/* ------------------------------------------------------------------------
 * BPF: programs that call the helpers in question (bpfprog.h loads them)
 */

/* bpf_probe_read_kernel[_str](fp - 8, 8, NULL); r0 = 0; exit */
#define PROG_READ_KERNEL(helper) {			\
	INSN_MOV64_REG(BPF_REG_1, BPF_REG_10),		\
	INSN_ADD64_IMM(BPF_REG_1, -8),			\
	INSN_MOV64_IMM(BPF_REG_2, 8),			\
	INSN_MOV64_IMM(BPF_REG_3, 0),			\
	INSN_CALL(helper),				\
	INSN_MOV64_IMM(BPF_REG_0, 0),			\
	INSN_EXIT(),					\
}

static const struct bpf_insn prog_read_kernel[] =
	PROG_READ_KERNEL(BPF_FUNC_probe_read_kernel);
static const struct bpf_insn prog_read_kernel_str[] =
	PROG_READ_KERNEL(BPF_FUNC_probe_read_kernel_str);

/* *(u64 *)(fp - 8) = 0; bpf_probe_write_user(NULL, fp - 8, 8); r0 = 0; exit */
static const struct bpf_insn prog_write_user[] = {
	INSN_ST_DW(BPF_REG_10, -8, 0),
	INSN_MOV64_IMM(BPF_REG_1, 0),
	INSN_MOV64_REG(BPF_REG_2, BPF_REG_10),
	INSN_ADD64_IMM(BPF_REG_2, -8),
	INSN_MOV64_IMM(BPF_REG_3, 8),
	INSN_CALL(BPF_FUNC_probe_write_user),
	INSN_MOV64_IMM(BPF_REG_0, 0),
	INSN_EXIT(),
};

#define PROG(type, insns) (type), (insns), KTAP_COUNT(insns)

/* ------------------------------------------------------------------------
 * perf_event_open
 */

/* A software cpu-clock counter; @user_only excludes kernel and hypervisor. */
static int perf_open(pid_t pid, int cpu, bool user_only)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.disabled = 1,
		.exclude_kernel = user_only,
		.exclude_hv = user_only,
	};

	return syscall(SYS_perf_event_open, &attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

/* A per-task, user-only tracepoint counter sampling raw trace data. */
static int perf_open_tracepoint(__u64 id)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_TRACEPOINT,
		.size = sizeof(attr),
		.config = id,
		.sample_period = 1,
		.sample_type = PERF_SAMPLE_RAW,
		.disabled = 1,
		.exclude_kernel = 1,
		.exclude_hv = 1,
	};

	return syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
}

/* perf_open...() must give an fd (@expected 0) or fail with @expected. */
#define EXPECT_PERF(expected, call) do {				\
	int _fd;							\
	if (expected) {							\
		ASSERT_ERRNO(expected, call);				\
	} else {							\
		_fd = ASSERT_OK(call);					\
		close(_fd);						\
	}								\
} while (0)

/* ------------------------------------------------------------------------
 * 1. BPF: tracing programs see (and write) all of the kernel's memory; the
 *    helpers bpf_probe_read_kernel and bpf_probe_write_user are lockdown
 *    reasons.  A user namespace cannot load BPF at all
 *    (kernel.unprivileged_bpf_disabled): rootful only.
 */

static int body_bpf_tracing(void *arg)
{
	int fenced = *(int *)arg;

	bpf_expect_load("raw_tracepoint r0 = 0",
		    PROG(BPF_PROG_TYPE_RAW_TRACEPOINT, bpf_prog_return0), fenced ? EPERM : 0);
	/*
	 * Namespaced BPF keeps working in the fence: socket filters, and the
	 * device programs with which runc and crun enforce a cgroup v2
	 * device list (Docker-in-Docker, systemd in a container).
	 */
	bpf_expect_load("socket_filter r0 = 0",
		    PROG(BPF_PROG_TYPE_SOCKET_FILTER, bpf_prog_return0), 0);
	bpf_expect_load("cgroup_device r0 = 0",
		    PROG(BPF_PROG_TYPE_CGROUP_DEVICE, bpf_prog_return0), 0);
	return 0;
}

static void bpf_tracing_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_bpf_tracing, &fenced));
}

static void bpf_tracing_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_bpf_tracing, &fenced));
}

static const struct {
	const char *what;
	const struct bpf_insn *insns;
	unsigned int count;
} read_kernel_progs[] = {
	{ "socket_filter bpf_probe_read_kernel",
	  prog_read_kernel, KTAP_COUNT(prog_read_kernel) },
	{ "socket_filter bpf_probe_read_kernel_str",
	  prog_read_kernel_str, KTAP_COUNT(prog_read_kernel_str) },
};

static int body_bpf_read_kernel(void *arg)
{
	int fenced = *(int *)arg, fd;
	size_t i;

	for (i = 0; i < KTAP_COUNT(read_kernel_progs); i++) {
		if (fenced) {
			bpf_expect_load(read_kernel_progs[i].what, BPF_PROG_TYPE_SOCKET_FILTER,
				    read_kernel_progs[i].insns, read_kernel_progs[i].count, -1);
			continue;
		}
		fd = bpf_load(BPF_PROG_TYPE_SOCKET_FILTER, read_kernel_progs[i].insns,
			      read_kernel_progs[i].count);
		if (fd < 0) {
			ktap_print("%s: %s", read_kernel_progs[i].what, strerror(errno));
			bpf_print_log();
			return BODY_SKIP;
		}
		close(fd);
	}
	/* The same program type without the helper loads. */
	bpf_expect_load("socket_filter r0 = 0",
		    PROG(BPF_PROG_TYPE_SOCKET_FILTER, bpf_prog_return0), 0);
	return 0;
}

/* A socket filter, allowed in the fence, cannot read kernel memory. */
static void bpf_read_kernel_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_bpf_read_kernel, &fenced));
}

static void bpf_read_kernel_allowed_unfenced(void)
{
	int fenced = 0, ret;

	ret = container_run(&unfenced, body_bpf_read_kernel, &fenced);
	if (ret == BODY_SKIP)
		ktap_skip("this kernel offers socket filters no bpf_probe_read_kernel");
	ASSERT_EQ(0, ret);
}

static int body_bpf_write_user(void *arg)
{
	int fenced = *(int *)arg;

	bpf_expect_load("raw_tracepoint bpf_probe_write_user",
		    PROG(BPF_PROG_TYPE_RAW_TRACEPOINT, prog_write_user), fenced ? -1 : 0);
	return 0;
}

static void bpf_write_user_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_bpf_write_user, &fenced));
}

static void bpf_write_user_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_bpf_write_user, &fenced));
}

/* ------------------------------------------------------------------------
 * 2. perf_event_open: system-wide and kernel-mode counters, raw trace data.
 */

static int body_perf(void *arg)
{
	int fenced = *(int *)arg, deny = fenced ? EPERM : 0;

	/* cpu-wide (PERF_SECURITY_CPU, and PERF_SECURITY_KERNEL). */
	EXPECT_PERF(deny, perf_open(-1, 0, false));
	/* cpu-wide, user mode only: PERF_SECURITY_CPU alone. */
	EXPECT_PERF(deny, perf_open(-1, 0, true));
	/* Its own task, kernel mode counted: PERF_SECURITY_KERNEL. */
	EXPECT_PERF(deny, perf_open(0, -1, false));
	/* Its own task, user mode only: allowed everywhere. */
	EXPECT_PERF(0, perf_open(0, -1, true));
	return 0;
}

static void perf_system_wide_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_perf, &fenced));
}

static void perf_system_wide_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_perf, &fenced));
}

struct tracepoint_args {
	int fenced;
	__u64 id;
};

static int body_perf_tracepoint(void *arg)
{
	const struct tracepoint_args *a = arg;

	/* Raw samples of a tracepoint: PERF_SECURITY_TRACEPOINT. */
	EXPECT_PERF(a->fenced ? EPERM : 0, perf_open_tracepoint(a->id));
	return 0;
}

static void perf_tracepoint(const struct container_opts *o, int fenced)
{
	static const char *const paths[] = {
		"/sys/kernel/tracing/events/sched/sched_switch/id",
		"/sys/kernel/debug/tracing/events/sched/sched_switch/id",
	};
	struct tracepoint_args a = { .fenced = fenced };
	char value[32] = "";
	size_t i;

	for (i = 0; i < KTAP_COUNT(paths) && !value[0]; i++)
		if (!access(paths[i], R_OK))
			read_value(paths[i], value, sizeof(value));
	if (!value[0])
		ktap_skip("no tracefs with sched:sched_switch");
	a.id = strtoull(value, NULL, 10);
	ASSERT_EQ(0, container_run(o, body_perf_tracepoint, &a));
}

static void perf_tracepoint_raw_denied_rootful(void)
{
	perf_tracepoint(&rootful, 1);
}

static void perf_tracepoint_raw_allowed_unfenced(void)
{
	perf_tracepoint(&unfenced, 0);
}

static const struct ktap_case cases[] = {
	/* 1. BPF */
	KTAP_CASE(bpf_tracing_denied_rootful),
	KTAP_CASE(bpf_tracing_allowed_unfenced),
	KTAP_CASE(bpf_read_kernel_denied_rootful),
	KTAP_CASE(bpf_read_kernel_allowed_unfenced),
	KTAP_CASE(bpf_write_user_denied_rootful),
	KTAP_CASE(bpf_write_user_allowed_unfenced),
	/* 2. perf_event_open */
	KTAP_CASE(perf_system_wide_denied_rootful),
	KTAP_CASE(perf_system_wide_allowed_unfenced),
	KTAP_CASE(perf_tracepoint_raw_denied_rootful),
	KTAP_CASE(perf_tracepoint_raw_allowed_unfenced),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
