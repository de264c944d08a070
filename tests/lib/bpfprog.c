// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "bpfprog.h"
#include "ktap.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

const struct bpf_insn bpf_prog_return0[2] = {
	INSN_MOV64_IMM(BPF_REG_0, 0),
	INSN_EXIT(),
};

static char bpf_log[1 << 16];

int bpf_cmd(int cmd, union bpf_attr *attr)
{
	return syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

int bpf_load(__u32 type, const struct bpf_insn *insns, unsigned int count)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
	attr.insns = (uintptr_t)insns;
	attr.insn_cnt = count;
	attr.license = (uintptr_t)"GPL";
	attr.log_buf = (uintptr_t)bpf_log;
	attr.log_size = sizeof(bpf_log);
	attr.log_level = 1;
	bpf_log[0] = '\0';
	return bpf_cmd(BPF_PROG_LOAD, &attr);
}

void bpf_print_log(void)
{
	char *line, *save = NULL;

	for (line = strtok_r(bpf_log, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		ktap_print("verifier: %s", line);
}

int bpf_log_has(const char *text)
{
	return strstr(bpf_log, text) != NULL;
}

int bpf_array_map(void)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	return bpf_cmd(BPF_MAP_CREATE, &attr);
}

void bpf_expect_load(const char *what, __u32 type, const struct bpf_insn *insns,
		     unsigned int count, int expected)
{
	int fd = bpf_load(type, insns, count), err = errno;

	if (fd >= 0)
		close(fd);
	if (expected == 0 ? fd >= 0 : fd < 0 && (expected < 0 || err == expected)) {
		if (fd < 0)
			ktap_print("%s: refused: %s", what, strerror(err));
		return;
	}
	bpf_print_log();
	ktap_fail(__FILE__, __LINE__, "load %s: expected %s, got %s", what,
		  expected == 0 ? "success" : expected < 0 ? "an error" : strerror(expected),
		  fd >= 0 ? "success" : strerror(err));
}
