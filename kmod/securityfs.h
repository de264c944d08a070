/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - read-only files in securityfs
 */
#ifndef _NSFENCE_SECURITYFS_H
#define _NSFENCE_SECURITYFS_H

int nsfence_securityfs_init(void);
void nsfence_securityfs_exit(void);

#endif /* _NSFENCE_SECURITYFS_H */
