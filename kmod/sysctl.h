/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - recognising /proc/sys files and their owners
 */
#ifndef _NSFENCE_SYSCTL_H
#define _NSFENCE_SYSCTL_H

#include <linux/types.h>

struct cred;
struct file;

void nsfence_sysctl_init(void);
int nsfence_sysctl_prepare(void);
bool nsfence_sysctl_file(const struct file *file);
bool nsfence_sysctl_owned(const struct file *file, const struct cred *cred);
bool nsfence_sysctl_runs_helper(const struct file *file);

#endif /* _NSFENCE_SYSCTL_H */
