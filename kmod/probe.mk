# SPDX-License-Identifier: GPL-2.0
#
# Probes of the kernel being built against; kmod/compat.h turns their
# results into code.  Included by the top-level Kbuild (loadable module)
# and by kmod/Makefile (built-in).  A probe asks the kernel's own headers
# whether an interface exists, rather than trusting a version number.

nsfence-hdr = $(srctree)/include/linux

# 6.7: security_sb_kern_mount() takes a const struct super_block.
ccflags-y += $(shell grep -qs 'sb_kern_mount, const struct super_block' \
	$(nsfence-hdr)/lsm_hook_defs.h && echo -DNSFENCE_HAVE_CONST_SB_KERN_MOUNT)

# 6.7: so does security_quotactl().
ccflags-y += $(shell grep -qs 'quotactl, int cmds, int type, int id, const struct super_block' \
	$(nsfence-hdr)/lsm_hook_defs.h && echo -DNSFENCE_HAVE_CONST_QUOTACTL)

# 6.9: the LSM hook that sees a new BPF program before the verifier is
# bpf_prog_load (bpf_prog_alloc_security before).
ccflags-y += $(shell grep -qs ' 0, bpf_prog_load, struct bpf_prog \*prog' \
	$(nsfence-hdr)/lsm_hook_defs.h && echo -DNSFENCE_HAVE_BPF_PROG_LOAD_HOOK)

# 6.8: security_add_hooks() names the LSM with a struct lsm_id.
ccflags-y += $(shell grep -qs '^struct lsm_id {' \
	$(nsfence-hdr)/lsm_hooks.h && echo -DNSFENCE_HAVE_LSM_ID)

# 6.10: the perf_event_open LSM hook takes only the type.
ccflags-y += $(shell grep -qs 'perf_event_open, int type' \
	$(nsfence-hdr)/lsm_hook_defs.h && echo -DNSFENCE_HAVE_PERF_OPEN_TYPE_ONLY)
