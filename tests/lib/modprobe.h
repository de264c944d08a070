/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Proof that the kernel did (or did not) spawn modprobe: kernel.modprobe
 * points to a script that appends its arguments to a mark file, then runs
 * the real modprobe.
 */
#ifndef NSFENCE_TESTS_MODPROBE_H
#define NSFENCE_TESTS_MODPROBE_H

#include <stdbool.h>

/* Installs the marking modprobe; 0 or -errno. */
int modprobe_mark_install(void);
/* Forgets every earlier mark. */
void modprobe_mark_reset(void);
/* Did modprobe run with an argument containing @needle since the reset? */
bool modprobe_mark_seen(const char *needle);
/* Unloads a module if loaded (delete_module), ignoring "not loaded". */
void module_unload_quiet(const char *name);
/* Is the module @name loaded? */
bool module_loaded(const char *name);

#endif /* NSFENCE_TESTS_MODPROBE_H */
