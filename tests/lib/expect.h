/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Expected outcomes of an attack, fenced (EPERM) and in the unfenced
 * control, for the cases that run one body both ways.
 */
#ifndef NSFENCE_TESTS_EXPECT_H
#define NSFENCE_TESTS_EXPECT_H

#include <stdbool.h>

/* The errno of a call that returned @ret (negative on failure), or 0. */
int errno_of(long ret);

void expect_denied_or_ok_at(const char *file, int line, const char *what,
			    bool denied, int err);
void expect_denied_or_not_at(const char *file, int line, const char *what,
			     bool denied, int err);

/* Fails the case unless @err is EPERM (@denied) or 0 (the control). */
#define expect_denied_or_ok(what, denied, err) \
	expect_denied_or_ok_at(__FILE__, __LINE__, what, denied, err)
/*
 * Fails the case unless @err is EPERM (@denied) or anything but EPERM:
 * the control of an attack that the kernel itself then rejects.
 */
#define expect_denied_or_not(what, denied, err) \
	expect_denied_or_not_at(__FILE__, __LINE__, what, denied, err)

#endif /* NSFENCE_TESTS_EXPECT_H */
