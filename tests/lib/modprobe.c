// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "modprobe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MARK_SCRIPT "/tmp/nsfence-modprobe"
#define MARK_LOG "/tmp/nsfence-modprobe.log"

int modprobe_mark_install(void)
{
	static const char script[] =
		"#!/bin/sh\necho \"$*\" >>" MARK_LOG "\nexec /sbin/modprobe \"$@\"\n";
	FILE *f = fopen(MARK_SCRIPT, "w");

	if (!f)
		return -errno;
	fputs(script, f);
	if (fclose(f))
		return -errno;
	if (chmod(MARK_SCRIPT, 0755))
		return -errno;
	f = fopen("/proc/sys/kernel/modprobe", "w");
	if (!f)
		return -errno;
	fputs(MARK_SCRIPT "\n", f);
	return fclose(f) ? -errno : 0;
}

void modprobe_mark_reset(void)
{
	unlink(MARK_LOG);
}

bool modprobe_mark_seen(const char *needle)
{
	char line[256];
	bool seen = false;
	FILE *f = fopen(MARK_LOG, "r");

	if (!f)
		return false;
	while (!seen && fgets(line, sizeof(line), f))
		seen = strstr(line, needle) != NULL;
	fclose(f);
	return seen;
}

bool module_loaded(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/%s/initstate", name);
	return access(path, F_OK) == 0;
}

void module_unload_quiet(const char *name)
{
	syscall(SYS_delete_module, name, O_NONBLOCK);
}
