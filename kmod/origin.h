/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - module loads that kernel threads do for fenced tasks
 */
#ifndef _NSFENCE_ORIGIN_H
#define _NSFENCE_ORIGIN_H

#include <linux/types.h>

void nsfence_origin_record(const char *kmod_name, const void *fence_key);
bool nsfence_origin_match(const char *kmod_name, const void **fence_key);

#endif /* _NSFENCE_ORIGIN_H */
