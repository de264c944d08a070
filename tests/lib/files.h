/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small file helpers of the test programs: read a pseudo file, write one
 * (or write its own value back, which changes nothing), try an open.
 * Each returns an errno rather than failing the case, unless it says so.
 */
#ifndef NSFENCE_TESTS_FILES_H
#define NSFENCE_TESTS_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* Reads @path into @buf (NUL-terminated); fails the case on error. */
void read_value(const char *path, char *buf, size_t len);
/* Writes @text to @path: 0, or the errno of open() or write(). */
int write_text(const char *path, const char *text);
/* Writes @path's current value back: 0 or errno (nothing changes). */
int rewrite(const char *path);
/* Fails the case, naming @path, unless rewrite(@path) gives @expected. */
void expect_rewrite(const char *path, int expected);
/* open() then close(): 0 or errno. */
int try_open(const char *path, int flags);
/* Does a line of the file @path contain @needle? */
bool file_has(const char *path, const char *needle);

#endif /* NSFENCE_TESTS_FILES_H */
