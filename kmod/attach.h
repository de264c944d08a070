/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - attaching the hooks to the kernel
 *
 * Two implementations, one linked in: attach_probe.c (loadable module,
 * ftrace) and attach_lsm.c (built into a kernel, a real LSM).
 */
#ifndef _NSFENCE_ATTACH_H
#define _NSFENCE_ATTACH_H

#include <linux/types.h>

int nsfence_attach(void);
void nsfence_detach(void);
const char *nsfence_attach_method(void);
bool nsfence_attach_active(void);

#endif /* _NSFENCE_ATTACH_H */
