// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - where a task's bpf(BPF_PROG_LOAD) is: before the verifier or in it
 *
 * The kernel asks CAP_SYS_ADMIN in place of three capabilities while it
 * loads a BPF program: CAP_BPF (may the task load programs at all, asked
 * first), CAP_NET_ADMIN (network program types) and CAP_PERFMON (what the
 * verifier lets the program do with kernel pointers).  nsfence refuses
 * the last one to a fenced task (hooks.c: hook_capable_bpf_load()), but a
 * capability check does not say what it stands in for.  Where it is asked
 * does: the loader's checks come before the LSM hook that sees the new
 * program (bpf_prog_load since 6.9, bpf_prog_alloc_security before), the
 * verifier's after it.  A container that has CAP_SYS_ADMIN and not CAP_BPF
 * (Debian 12's Docker 20.10 gives --privileged no CAP_BPF) then loads its
 * programs, verified as an unprivileged loader's: runc and crun in
 * Docker-in-Docker load their cgroup device programs.
 *
 * The state is one word per slot of a small table, indexed by a hash of
 * the task: the task's address, with the low bit set once the verifier
 * runs.  The bpf hook writes it at the start of every bpf(BPF_PROG_LOAD)
 * of a maybe-fenced task.  A slot taken over by another task that loads a
 * program at the same moment leaves the first with no state: it is then
 * treated as in the verifier, which refuses and never allows more.
 *
 * Before 6.9 the first CAP_BPF question comes before the bpf hook, where
 * the state of the task's previous call is all there is: there, no
 * CAP_SYS_ADMIN is left to a fenced task in bpf(BPF_PROG_LOAD), and a
 * container without CAP_BPF loads no program (docs/threat-model.md).
 */

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/hash.h>
#include <linux/sched.h>

#include "bpfload.h"
#include "compat.h"

#define BPFLOAD_SLOTS_SHIFT	8
#define BPFLOAD_VERIFYING	1UL

static unsigned long bpfload_slots[1 << BPFLOAD_SLOTS_SHIFT];

static unsigned long *bpfload_slot(void)
{
	return &bpfload_slots[hash_ptr(current, BPFLOAD_SLOTS_SHIFT)];
}

/**
 * nsfence_bpfload_begin() - the current task enters bpf(BPF_PROG_LOAD)
 */
void nsfence_bpfload_begin(void)
{
	WRITE_ONCE(*bpfload_slot(), (unsigned long)current);
}

/**
 * nsfence_bpfload_verifying() - the loader's checks are done
 *
 * Called by the LSM hook that sees the new program, before the verifier.
 */
void nsfence_bpfload_verifying(void)
{
	const unsigned long me = (unsigned long)current;

	cmpxchg(bpfload_slot(), me, me | BPFLOAD_VERIFYING);
}

/**
 * nsfence_bpfload_before_verifier() - are the loader's checks going on
 *
 * Return: true if the current task is in bpf(BPF_PROG_LOAD) and its
 * program has not reached the LSM hook that precedes the verifier.
 */
bool nsfence_bpfload_before_verifier(void)
{
	if (!NSFENCE_BPF_CAP_AFTER_BPF_HOOK)
		return false;
	return READ_ONCE(*bpfload_slot()) == (unsigned long)current;
}
