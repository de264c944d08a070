/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - where a task's bpf(BPF_PROG_LOAD) is: before the verifier or in it
 */
#ifndef _NSFENCE_BPFLOAD_H
#define _NSFENCE_BPFLOAD_H

#include <linux/types.h>

void nsfence_bpfload_begin(void);
void nsfence_bpfload_verifying(void);
bool nsfence_bpfload_before_verifier(void);

#endif /* _NSFENCE_BPFLOAD_H */
