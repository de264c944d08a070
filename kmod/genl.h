/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - the generic netlink family
 */
#ifndef _NSFENCE_GENL_H
#define _NSFENCE_GENL_H

int nsfence_genl_init(void);
void nsfence_genl_exit(void);

#endif /* _NSFENCE_GENL_H */
