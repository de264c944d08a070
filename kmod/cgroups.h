/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - the cgroups a fenced task owns
 */
#ifndef _NSFENCE_CGROUPS_H
#define _NSFENCE_CGROUPS_H

#include <linux/nsfence.h>

#include "policy.h"

struct dentry;

enum nsfence_class nsfence_cgroup_class(const struct dentry *dentry);
enum nsfence_class nsfence_cgroup_dir_class(const struct dentry *dir);
enum nsfence_class nsfence_cgroup_fd_class(int fd);
bool nsfence_cgroup_clone_into_judged(void);

#endif /* _NSFENCE_CGROUPS_H */
