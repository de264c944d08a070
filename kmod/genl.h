/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - the generic netlink family
 */
#ifndef _NSFENCE_GENL_H
#define _NSFENCE_GENL_H

#include <linux/types.h>

struct nsfence_event;

int nsfence_genl_init(void);
void nsfence_genl_exit(void);
bool nsfence_genl_listening(void);
int nsfence_genl_event(const struct nsfence_event *ev, u64 dropped);

#endif /* _NSFENCE_GENL_H */
