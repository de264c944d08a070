/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small kselftest-style harness for the nsfence tests (written for this
 * project; it follows the kselftest conventions, not the kernel's code).
 *
 * Each test case runs in its own forked child, so a crash or a failed
 * assertion ends that case only.  Output is TAP 13 / KTAP: "ok N name",
 * "not ok N name", "ok N name # SKIP reason", diagnostics behind "# ".
 * Exit status: 0 all passed, 1 a case failed, 4 every case skipped.
 *
 * Assertions put the expected value first, as the Landlock selftests do:
 *   ASSERT_EQ(-1, open(path, O_WRONLY));
 *   ASSERT_EQ(EPERM, errno);
 */
#ifndef NSFENCE_TESTS_KTAP_H
#define NSFENCE_TESTS_KTAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/**
 * struct ktap_case - one test case
 * @name: printed on its result line
 * @fn: the body; it returns normally to pass, or leaves through an
 *	assertion or ktap_skip()
 * @timeout: seconds before the case is killed and failed (0: 120)
 */
struct ktap_case {
	const char *name;
	void (*fn)(void);
	unsigned int timeout;
};

#define KTAP_CASE(f) { .name = #f, .fn = f }
#define KTAP_CASE_T(f, t) { .name = #f, .fn = f, .timeout = (t) }
#define KTAP_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Runs every case; returns the process exit status. */
int ktap_run(const struct ktap_case *cases, unsigned int n);
/* ktap_run() after @setup and before @teardown (NULL: none), run once. */
int ktap_run_with(const struct ktap_case *cases, unsigned int n,
		  void (*setup)(void), void (*teardown)(void));

/* Inside a case: a "# " diagnostic line. */
void ktap_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Inside a case: fail it now, with a message. */
void ktap_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
/* Inside a case: skip it, with the reason printed on its result line. */
void ktap_skip(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#define ASSERT_EQ(expected, seen) do {					\
	long long _e = (long long)(expected), _s = (long long)(seen);	\
	if (_e != _s) {							\
		int _errno = errno;					\
		ktap_fail(__FILE__, __LINE__,				\
			  "%s == %s: expected %lld, got %lld (errno %d: %s)", \
			  #expected, #seen, _e, _s, _errno, strerror(_errno)); \
	}								\
} while (0)

#define ASSERT_NE(unexpected, seen) do {				\
	long long _e = (long long)(unexpected), _s = (long long)(seen);	\
	if (_e == _s) {							\
		int _errno = errno;					\
		ktap_fail(__FILE__, __LINE__,				\
			  "%s != %s: got %lld (errno %d: %s)",		\
			  #unexpected, #seen, _s, _errno, strerror(_errno)); \
	}								\
} while (0)

#define ASSERT_TRUE(cond) do {						\
	if (!(cond)) {							\
		int _errno = errno;					\
		ktap_fail(__FILE__, __LINE__, "%s is false (errno %d: %s)", \
			  #cond, _errno, strerror(_errno));		\
	}								\
} while (0)

#define ASSERT_LE(bound, seen) do {					\
	long long _b = (long long)(bound), _s = (long long)(seen);	\
	if (_s > _b)							\
		ktap_fail(__FILE__, __LINE__, "%s <= %s: %lld > %lld",	\
			  #seen, #bound, _s, _b);			\
} while (0)

/* A call that must fail with one errno: ASSERT_ERRNO(EPERM, open(...)). */
#define ASSERT_ERRNO(err, call) do {					\
	errno = 0;							\
	long long _r = (long long)(call);				\
	int _errno = errno;						\
	if (_r != -1 || _errno != (err))				\
		ktap_fail(__FILE__, __LINE__,				\
			  "%s: expected -1 with %s, got %lld (errno %d: %s)", \
			  #call, strerror(err), _r, _errno, strerror(_errno)); \
} while (0)

/* A call that must succeed (return >= 0); evaluates to its result. */
#define ASSERT_OK(call) ({						\
	errno = 0;							\
	long long _r = (long long)(call);				\
	if (_r < 0) {							\
		int _errno = errno;					\
		ktap_fail(__FILE__, __LINE__, "%s: got %lld (errno %d: %s)", \
			  #call, _r, _errno, strerror(_errno));		\
	}								\
	_r;								\
})

#endif /* NSFENCE_TESTS_KTAP_H */
