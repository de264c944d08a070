// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "readall.h"

char *read_all(int fd, size_t max, size_t *len, int *err)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap), *nbuf;
	ssize_t r;

	if (!buf) {
		*err = ENOMEM;
		return NULL;
	}
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max) {
				*err = EFBIG;
				goto out_free;
			}
			nbuf = realloc(buf, cap * 2);
			if (!nbuf) {
				*err = ENOMEM;
				goto out_free;
			}
			buf = nbuf;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*err = errno;
			goto out_free;
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;

out_free:
	free(buf);
	return NULL;
}
