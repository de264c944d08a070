/* SPDX-License-Identifier: GPL-2.0 */
/* Test helpers about the running kernel: the module, its log. */
#ifndef NSFENCE_TESTS_KERNEL_H
#define NSFENCE_TESTS_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

/* Path of the nsfence module file inside the test VM. */
int nsfence_module_path(char *buf, size_t len);
/* Is the module loaded (/sys/module/nsfence exists)? */
bool nsfence_module_loaded(void);
/*
 * Is nsfence built into the kernel?  Built-in code has /sys/module/nsfence
 * (for its parameters) but no initstate, which only modules have.
 */
bool nsfence_module_builtin(void);
/* finit_module() of the module file; 0 or -errno. */
int nsfence_module_load(const char *params);
/* delete_module("nsfence", O_NONBLOCK); 0 or -errno. */
int nsfence_module_unload(void);
/*
 * Copies into @buf (NUL-terminated) the first kernel log line that must
 * never appear (oops, BUG, WARNING, lockdep, KASAN...); returns true if one
 * was found.
 */
bool kernel_log_has_problem(char *buf, size_t len);
/*
 * Is this a debug kernel, where every hooked call costs many times more
 * (lockdep: /proc/lockdep; kmemleak: /sys/kernel/debug/kmemleak)?  Writes
 * what was found ("lockdep kmemleak") into @buf.
 */
bool kernel_is_debug(char *buf, size_t len);
/* Writes @s to the file @path (a procfs or debugfs knob): 0 or -errno. */
int kernel_write_file(const char *path, const char *s);
/* Can kmemleak be asked for a scan (a kmemleak kernel, debugfs mounted)? */
bool kmemleak_available(void);
/*
 * Scans for leaks and returns the addresses kmemleak reports, in a
 * malloc()ed, 0-terminated array (NULL on error: a test asserts).
 */
unsigned long *kmemleak_scan_leaks(void);
/* Prints, as TAP comments, kmemleak's report of the object at @addr. */
void kmemleak_print(unsigned long addr);

#endif /* NSFENCE_TESTS_KERNEL_H */
