// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libnsfence: namespace identities from /proc/PID/ns.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "nsfence.h"

static int nsf_ns_path(pid_t pid, uint32_t ns_type, char *buf, size_t len)
{
	const char *name = nsfence_ns_type_name(ns_type);

	/* The default fence is on no namespace of a process. */
	if (!name || ns_type == NSFENCE_NS_DEFAULT || pid < 0)
		return -EINVAL;
	if (pid)
		snprintf(buf, len, "/proc/%ld/ns/%s", (long)pid, name);
	else
		snprintf(buf, len, "/proc/self/ns/%s", name);
	return 0;
}

int nsfence_ns_inum(pid_t pid, uint32_t ns_type, uint32_t *inum)
{
	char path[64];
	struct stat sb;
	int ret;

	if (!inum)
		return -EINVAL;
	ret = nsf_ns_path(pid, ns_type, path, sizeof(path));
	if (ret < 0)
		return ret;
	if (stat(path, &sb) < 0)
		return -errno;
	if (sb.st_ino > UINT32_MAX)
		return -EOVERFLOW;
	*inum = (uint32_t)sb.st_ino;
	return 0;
}

int nsfence_default_ns_type(pid_t pid, uint32_t *ns_type, uint32_t *inum)
{
	uint32_t task_ns, init_ns;
	int ret;

	if (pid <= 0 || !ns_type)
		return -EINVAL;

	ret = nsfence_ns_inum(pid, NSFENCE_NS_USER, &task_ns);
	if (ret < 0)
		return ret;
	ret = nsfence_ns_inum(1, NSFENCE_NS_USER, &init_ns);
	if (ret < 0)
		return ret;
	if (task_ns != init_ns) {
		*ns_type = NSFENCE_NS_USER;
		goto out;
	}

	ret = nsfence_ns_inum(pid, NSFENCE_NS_PID, &task_ns);
	if (ret < 0)
		return ret;
	ret = nsfence_ns_inum(1, NSFENCE_NS_PID, &init_ns);
	if (ret < 0)
		return ret;
	if (task_ns == init_ns)
		return -EINVAL;
	*ns_type = NSFENCE_NS_PID;
out:
	if (inum)
		*inum = task_ns;
	return 0;
}
