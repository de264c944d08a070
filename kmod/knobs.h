/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - global kernel knobs outside /proc/sys
 */
#ifndef _NSFENCE_KNOBS_H
#define _NSFENCE_KNOBS_H

#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/types.h>
#include <linux/nsfence.h>

/* configfs has no entry in uapi/linux/magic.h. */
#define NSFENCE_CONFIGFS_MAGIC	0x62656570

/**
 * nsfence_knob_fs() - may a write to this file system set a global knob
 * @sb: the file's superblock
 *
 * The cheap filter every write of a maybe-fenced task goes through.
 *
 * Return: true for the pseudo file systems nsfence_knob_class() judges.
 */
static inline bool nsfence_knob_fs(const struct super_block *sb)
{
	switch (sb->s_magic) {
	case PROC_SUPER_MAGIC:
	case SYSFS_MAGIC:
	case CGROUP_SUPER_MAGIC:
	case CGROUP2_SUPER_MAGIC:
	case BINFMTFS_MAGIC:
	case SECURITYFS_MAGIC:
	case NSFENCE_CONFIGFS_MAGIC:
	case EFIVARFS_MAGIC:
	case BPF_FS_MAGIC:
		return true;
	default:
		return false;
	}
}

struct path;

enum nsfence_class nsfence_knob_class(const struct path *path);
enum nsfence_class nsfence_knob_dir_class(const struct path *dir);

#endif /* _NSFENCE_KNOBS_H */
