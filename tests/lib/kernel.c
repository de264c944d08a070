// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "kernel.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10
#define KMEMLEAK "/sys/kernel/debug/kmemleak"

int nsfence_module_path(char *buf, size_t len)
{
	struct utsname u;

	if (uname(&u) < 0)
		return -errno;
	snprintf(buf, len, "/lib/modules/%s/extra/nsfence.ko", u.release);
	return access(buf, R_OK) ? -errno : 0;
}

bool nsfence_module_loaded(void)
{
	struct stat st;

	return stat("/sys/module/nsfence", &st) == 0;
}

bool nsfence_module_builtin(void)
{
	struct stat st;

	return nsfence_module_loaded() &&
	       stat("/sys/module/nsfence/initstate", &st) != 0;
}

int nsfence_module_load(const char *params)
{
	char path[256];
	int fd, ret;

	ret = nsfence_module_path(path, sizeof(path));
	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, params ? params : "", 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

int nsfence_module_unload(void)
{
	return syscall(SYS_delete_module, "nsfence", O_NONBLOCK) ? -errno : 0;
}

static const char *const problems[] = {
	"Kernel panic", "BUG: ", "Oops: ", "WARNING: CPU", "general protection fault",
	"kernel BUG at", "Call Trace:", "UBSAN:", "KASAN:", "possible circular locking",
	"suspicious RCU usage", "INFO: task", "unreferenced object",
};

bool kernel_log_has_problem(char *buf, size_t len)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *log, *line, *save = NULL;
	bool found = false;
	size_t i;

	if (size <= 0)
		size = 1 << 20;
	log = calloc(1, size + 1);
	if (!log) {
		snprintf(buf, len, "out of memory reading the kernel log");
		return true;
	}
	size = klogctl(SYSLOG_ACTION_READ_ALL, log, size);
	if (size < 0) {
		snprintf(buf, len, "klogctl: %s", strerror(errno));
		free(log);
		return true;
	}
	log[size] = '\0';
	for (line = strtok_r(log, "\n", &save); line && !found;
	     line = strtok_r(NULL, "\n", &save)) {
		for (i = 0; i < sizeof(problems) / sizeof(problems[0]); i++) {
			if (strstr(line, problems[i])) {
				snprintf(buf, len, "%s", line);
				found = true;
				break;
			}
		}
	}
	free(log);
	return found;
}

bool kernel_is_debug(char *buf, size_t len)
{
	struct stat st;
	bool lockdep = stat("/proc/lockdep", &st) == 0;
	bool kmemleak = stat(KMEMLEAK, &st) == 0;

	snprintf(buf, len, "%s%s%s", lockdep ? "lockdep" : "",
		 lockdep && kmemleak ? " " : "", kmemleak ? "kmemleak" : "");
	return lockdep || kmemleak;
}

bool kmemleak_available(void)
{
	return access(KMEMLEAK, W_OK) == 0;
}

int kernel_write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -EIO;
}

static int kmemleak_cmd(const char *cmd)
{
	return kernel_write_file(KMEMLEAK, cmd);
}

/*
 * kmemleak reports an object that stayed unreferenced, unchanged, in two
 * scans and is older than 5 s: wait that long, then scan twice.
 */
unsigned long *kmemleak_scan_leaks(void)
{
	unsigned long *addrs = NULL, addr, *grown;
	size_t n = 0;
	char line[256];
	FILE *fp;

	sleep(6);
	if (kmemleak_cmd("scan") || kmemleak_cmd("scan"))
		return NULL;
	fp = fopen(KMEMLEAK, "re");
	if (!fp)
		return NULL;
	addrs = calloc(1, sizeof(*addrs));
	while (addrs && fgets(line, sizeof(line), fp)) {
		if (sscanf(line, "unreferenced object 0x%lx", &addr) != 1)
			continue;
		grown = realloc(addrs, (n + 2) * sizeof(*addrs));
		if (!grown) {
			free(addrs);
			addrs = NULL;
			break;
		}
		addrs = grown;
		addrs[n++] = addr;
		addrs[n] = 0;
	}
	fclose(fp);
	return addrs;
}

void kmemleak_print(unsigned long addr)
{
	char line[256], want[64];
	bool on = false;
	FILE *fp = fopen(KMEMLEAK, "re");

	if (!fp)
		return;
	snprintf(want, sizeof(want), "unreferenced object 0x%lx ", addr);
	while (fgets(line, sizeof(line), fp)) {
		if (!strncmp(line, "unreferenced object ", 20))
			on = !strncmp(line, want, strlen(want));
		if (on)
			printf("# %s", line);
	}
	fclose(fp);
	fflush(stdout);
}
