/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a whole small input: the OCI state on stdin, the settings file.
 */
#ifndef NSFENCE_HELPER_READALL_H
#define NSFENCE_HELPER_READALL_H

#include <stddef.h>

/*
 * Reads @fd to its end into a NUL-terminated buffer the caller frees.
 * Returns it with its length in @len, or NULL with an errno value in
 * @err (EFBIG past @max bytes).
 */
char *read_all(int fd, size_t max, size_t *len, int *err);

#endif /* NSFENCE_HELPER_READALL_H */
