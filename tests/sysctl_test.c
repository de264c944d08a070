// SPDX-License-Identifier: GPL-2.0
/*
 * Class "sysctl": a fenced task cannot write a /proc/sys entry that is not
 * owned by one of its own non-initial namespaces, neither by opening it
 * for write nor through a file descriptor opened earlier or passed in;
 * the entries of its own namespaces stay writable.
 *
 * Global entry used: kernel.printk_ratelimit (its value is written back
 * unchanged, so an unexpected success changes nothing).
 */
#define _GNU_SOURCE
#include "container.h"
#include "ktap.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sched.h>

#define GLOBAL_SYSCTL "/proc/sys/kernel/printk_ratelimit"

static const struct container_opts rootful = { .kind = CONTAINER_ROOTFUL, .fence = true };
static const struct container_opts userns = { .kind = CONTAINER_USERNS, .fence = true };
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };

static void read_value(const char *path, char *buf, size_t len)
{
	int fd = ASSERT_OK(open(path, O_RDONLY | O_CLOEXEC));
	ssize_t n = ASSERT_OK(read(fd, buf, len - 1));

	buf[n] = '\0';
	close(fd);
}

/* Opens @path for write; writes its current value back; 0 or errno. */
static int rewrite(const char *path)
{
	char value[128];
	ssize_t len;
	int fd;

	read_value(path, value, sizeof(value));
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	len = strlen(value);
	if (write(fd, value, len) != len) {
		int err = errno;

		close(fd);
		return err;
	}
	close(fd);
	return 0;
}

static int body_global_denied(void *arg)
{
	(void)arg;
	ASSERT_EQ(EPERM, rewrite(GLOBAL_SYSCTL));
	ASSERT_EQ(EPERM, rewrite("/proc/sys/kernel/core_pattern"));
	ASSERT_EQ(EPERM, rewrite("/proc/sys/vm/overcommit_memory"));
	/* Reading stays allowed. */
	ASSERT_NE(-1, open(GLOBAL_SYSCTL, O_RDONLY | O_CLOEXEC));
	return 0;
}

static int body_global_allowed(void *arg)
{
	(void)arg;
	ASSERT_EQ(0, rewrite(GLOBAL_SYSCTL));
	return 0;
}

static void global_denied_rootful(void)
{
	ASSERT_EQ(0, container_run(&rootful, body_global_denied, NULL));
}

static void global_denied_userns(void)
{
	ASSERT_EQ(0, container_run(&userns, body_global_denied, NULL));
}

static void global_allowed_unfenced(void)
{
	ASSERT_EQ(0, container_run(&unfenced, body_global_allowed, NULL));
}

static int body_nested(void *arg)
{
	(void)arg;
	ASSERT_OK(unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS));
	ASSERT_EQ(EPERM, rewrite(GLOBAL_SYSCTL));
	return 0;
}

/* Namespaces created inside the fence are still fenced. */
static void global_denied_nested_userns(void)
{
	ASSERT_EQ(0, container_run(&userns, body_nested, NULL));
}

static int inherited_fd = -1;

static int body_write_fd(void *arg)
{
	const char *value = arg;
	ssize_t len = strlen(value);

	ASSERT_EQ(-1, write(inherited_fd, value, len));
	ASSERT_EQ(EPERM, errno);
	return 0;
}

/* An fd opened for write before the fence cannot be used after it. */
static void fd_opened_before_fence(void)
{
	char value[64];

	read_value(GLOBAL_SYSCTL, value, sizeof(value));
	inherited_fd = ASSERT_OK(open(GLOBAL_SYSCTL, O_WRONLY | O_CLOEXEC));
	ASSERT_EQ(0, container_run(&rootful, body_write_fd, value));
	ASSERT_EQ(0, container_run(&userns, body_write_fd, value));
	close(inherited_fd);
}

static int body_own_namespaces(void *arg)
{
	const int *userns_kind = arg;

	/* Own network namespace. */
	ASSERT_EQ(0, rewrite("/proc/sys/net/ipv4/ip_forward"));
	ASSERT_EQ(0, rewrite("/proc/sys/net/ipv4/ping_group_range"));
	/* Own uts namespace: hostname and domainname. */
	ASSERT_EQ(0, rewrite("/proc/sys/kernel/hostname"));
	ASSERT_EQ(0, rewrite("/proc/sys/kernel/domainname"));
	/* Own ipc namespace: SysV IPC and POSIX message queues. */
	ASSERT_EQ(0, rewrite("/proc/sys/kernel/shmmax"));
	ASSERT_EQ(0, rewrite("/proc/sys/kernel/msgmax"));
	ASSERT_EQ(0, rewrite("/proc/sys/kernel/sem"));
	ASSERT_EQ(0, rewrite("/proc/sys/fs/mqueue/msg_max"));
	/* Own user namespace (user.*) is ours only in a userns container. */
	ASSERT_EQ(*userns_kind ? 0 : EPERM,
		  rewrite("/proc/sys/user/max_user_namespaces"));
	return 0;
}

static void own_namespaces_allowed_rootful(void)
{
	int userns_kind = 0;

	ASSERT_EQ(0, container_run(&rootful, body_own_namespaces, &userns_kind));
}

static void own_namespaces_allowed_userns(void)
{
	int userns_kind = 1;

	ASSERT_EQ(0, container_run(&userns, body_own_namespaces, &userns_kind));
}

static int body_host_net(void *arg)
{
	(void)arg;
	/* net.* of the initial network namespace is host-global. */
	ASSERT_EQ(EPERM, rewrite("/proc/sys/net/ipv4/ip_forward"));
	return 0;
}

static void host_netns_denied(void)
{
	struct container_opts o = rootful;

	o.share_net = true;
	ASSERT_EQ(0, container_run(&o, body_host_net, NULL));
}

static void audit_allows_and_counts(void)
{
	struct container_opts o = { .kind = CONTAINER_ROOTFUL, .fence = true, .audit = true };
	struct nsfence_counters before, after;

	ASSERT_EQ(0, counters_get(&before));
	ASSERT_EQ(0, container_run(&o, body_global_allowed, NULL));
	ASSERT_EQ(0, counters_get(&after));
	ASSERT_LE(after.audited[NSFENCE_CLASS_SYSCTL] - 1, before.audited[NSFENCE_CLASS_SYSCTL]);
	ASSERT_EQ(before.denied[NSFENCE_CLASS_SYSCTL], after.denied[NSFENCE_CLASS_SYSCTL]);
}

static void denial_is_counted(void)
{
	struct nsfence_counters before, after;

	ASSERT_EQ(0, counters_get(&before));
	ASSERT_EQ(0, container_run(&rootful, body_global_denied, NULL));
	ASSERT_EQ(0, counters_get(&after));
	ASSERT_LE(after.denied[NSFENCE_CLASS_SYSCTL] - 2, before.denied[NSFENCE_CLASS_SYSCTL]);
	/* core_pattern runs a helper as host root: self-protection. */
	ASSERT_LE(after.denied[NSFENCE_CLASS_SELF] - 1, before.denied[NSFENCE_CLASS_SELF]);
}

static void allowed_without_class(void)
{
	struct container_opts o = {
		.kind = CONTAINER_ROOTFUL, .fence = true,
		.classes = 1U << NSFENCE_CLASS_MODULES,
	};

	ASSERT_EQ(0, container_run(&o, body_global_allowed, NULL));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(global_denied_rootful),
	KTAP_CASE(global_denied_userns),
	KTAP_CASE(global_allowed_unfenced),
	KTAP_CASE(global_denied_nested_userns),
	KTAP_CASE(fd_opened_before_fence),
	KTAP_CASE(own_namespaces_allowed_rootful),
	KTAP_CASE(own_namespaces_allowed_userns),
	KTAP_CASE(host_netns_denied),
	KTAP_CASE(audit_allows_and_counts),
	KTAP_CASE(denial_is_counted),
	KTAP_CASE(allowed_without_class),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
