// SPDX-License-Identifier: GPL-2.0
#include "expect.h"
#include "ktap.h"

#include <errno.h>
#include <string.h>

int errno_of(long ret)
{
	return ret < 0 ? errno : 0;
}

void expect_denied_or_ok_at(const char *file, int line, const char *what,
			    bool denied, int err)
{
	if (err == (denied ? EPERM : 0))
		return;
	ktap_fail(file, line, "%s: expected %s, got %s", what,
		  denied ? "EPERM" : "success", err ? strerror(err) : "success");
}

void expect_denied_or_not_at(const char *file, int line, const char *what,
			     bool denied, int err)
{
	if (denied ? err == EPERM : err != EPERM)
		return;
	ktap_fail(file, line, "%s: expected %s, got %s", what,
		  denied ? "EPERM" : "anything but EPERM",
		  err ? strerror(err) : "success");
}
