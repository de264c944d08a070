// SPDX-License-Identifier: GPL-2.0
/*
 * The nsfence test harness: one forked child per case, TAP 13 output.
 * The child reports a skip reason through a pipe; its exit status says
 * pass (0), fail (1) or skip (KTAP_SKIP_STATUS).
 */
#define _GNU_SOURCE
#include "ktap.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#define KTAP_SKIP_STATUS 4
#define KTAP_DEFAULT_TIMEOUT 120

/* The pipe a case writes its skip reason to; valid in the child only. */
static int skip_fd = -1;

void ktap_print(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

void ktap_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	_exit(1);
}

void ktap_skip(const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (skip_fd >= 0 && write(skip_fd, reason, strlen(reason)) < 0)
		_exit(1);
	fflush(stdout);
	_exit(KTAP_SKIP_STATUS);
}

/* Runs one case in a child; returns 0 pass, 1 fail, 4 skip. */
static int run_case(const struct ktap_case *c, unsigned int num)
{
	unsigned int timeout = c->timeout ? c->timeout : KTAP_DEFAULT_TIMEOUT;
	char reason[256] = "";
	int fds[2], status;
	ssize_t len;
	pid_t pid;

	fflush(stdout);
	if (pipe2(fds, O_CLOEXEC) < 0) {
		printf("not ok %u %s # pipe: %s\n", num, c->name, strerror(errno));
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		printf("not ok %u %s # fork: %s\n", num, c->name, strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return 1;
	}
	if (pid == 0) {
		close(fds[0]);
		skip_fd = fds[1];
		/* A case that hangs is killed by the alarm, not by the runner. */
		alarm(timeout);
		c->fn();
		fflush(stdout);
		_exit(0);
	}
	close(fds[1]);
	len = read(fds[0], reason, sizeof(reason) - 1);
	reason[len > 0 ? len : 0] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0) {
		printf("not ok %u %s # waitpid: %s\n", num, c->name, strerror(errno));
		return 1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("ok %u %s\n", num, c->name);
		return 0;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == KTAP_SKIP_STATUS) {
		printf("ok %u %s # SKIP %s\n", num, c->name, reason);
		return KTAP_SKIP_STATUS;
	}
	if (WIFSIGNALED(status))
		printf("# %s: killed by signal %d%s\n", c->name, WTERMSIG(status),
		       WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
	printf("not ok %u %s\n", num, c->name);
	return 1;
}

int ktap_run(const struct ktap_case *cases, unsigned int n)
{
	unsigned int i, pass = 0, fail = 0, skip = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%u\n", n);
	for (i = 0; i < n; i++) {
		switch (run_case(&cases[i], i + 1)) {
		case 0:
			pass++;
			break;
		case KTAP_SKIP_STATUS:
			skip++;
			break;
		default:
			fail++;
		}
	}
	printf("# Totals: pass:%u fail:%u xfail:0 xpass:0 skip:%u error:0\n",
	       pass, fail, skip);
	if (fail)
		return 1;
	return skip == n ? KTAP_SKIP_STATUS : 0;
}

int ktap_run_with(const struct ktap_case *cases, unsigned int n,
		  void (*setup)(void), void (*teardown)(void))
{
	int ret;

	if (setup)
		setup();
	ret = ktap_run(cases, n);
	if (teardown)
		teardown();
	return ret;
}
