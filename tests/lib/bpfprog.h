/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hand-assembled BPF programs for the tests, loaded with the raw bpf(2)
 * syscall (no libbpf: a few instructions are all a test needs).
 */
#ifndef NSFENCE_TESTS_BPFPROG_H
#define NSFENCE_TESTS_BPFPROG_H

#include <linux/bpf.h>

#define INSN(c, d, s, o, i) \
	{ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
#define INSN_MOV64_IMM(d, i)	INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define INSN_MOV64_REG(d, s)	INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define INSN_ADD64_IMM(d, i)	INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define INSN_ST_DW(d, o, i)	INSN(BPF_ST | BPF_MEM | BPF_DW, d, 0, o, i)
#define INSN_CALL(f)		INSN(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define INSN_EXIT()		INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* "r0 = 0; exit": loads as any program type. */
extern const struct bpf_insn bpf_prog_return0[2];

/* BPF_PROG_LOAD of a GPL program, verifier log kept: fd or -1 (errno). */
int bpf_load(__u32 type, const struct bpf_insn *insns, unsigned int count);
/* The last load's verifier log, as "# " lines. */
void bpf_print_log(void);
/* Does the last load's verifier log contain @text? */
int bpf_log_has(const char *text);
/* A one-entry array map (4-byte key and value): fd or -1 (errno). */
int bpf_array_map(void);
/*
 * Loads a program that must load (@expected 0), fail with one errno
 * (@expected > 0) or fail with any errno (@expected -1); the verifier's
 * log is printed when it does not, and the case fails.
 */
void bpf_expect_load(const char *what, __u32 type, const struct bpf_insn *insns,
		     unsigned int count, int expected);
/* bpf(2) with a zeroed attribute union the caller filled: result, errno. */
int bpf_cmd(int cmd, union bpf_attr *attr);

#endif /* NSFENCE_TESTS_BPFPROG_H */
