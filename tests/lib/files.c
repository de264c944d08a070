// SPDX-License-Identifier: GPL-2.0
#include "files.h"
#include "ktap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void read_value(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		ktap_fail(__FILE__, __LINE__, "open %s: %s", path, strerror(errno));
	n = read(fd, buf, len - 1);
	if (n < 0)
		ktap_fail(__FILE__, __LINE__, "read %s: %s", path, strerror(errno));
	buf[n] = '\0';
	close(fd);
}

int write_text(const char *path, const char *text)
{
	ssize_t len = strlen(text);
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (write(fd, text, len) != len)
		err = errno;
	close(fd);
	return err;
}

int rewrite(const char *path)
{
	char value[256];

	read_value(path, value, sizeof(value));
	return write_text(path, value);
}

void expect_rewrite(const char *path, int expected)
{
	int err = rewrite(path);

	if (err != expected)
		ktap_fail(__FILE__, __LINE__, "write back %s: expected %s, got %s",
			  path, expected ? strerror(expected) : "success",
			  err ? strerror(err) : "success");
}

int try_open(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

bool file_has(const char *path, const char *needle)
{
	char line[512];
	bool found = false;
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}
