// SPDX-License-Identifier: GPL-2.0
/*
 * The default fence (auto-fence): set by the host administrator, it
 * applies to every task outside the initial user and pid namespaces that
 * no fence on its namespaces applies to: rootful and user-namespace
 * containers alike, and containers that were running before it was set.
 * A fence on a namespace takes its place there (an exemption when it is
 * looser); the host itself is never fenced.
 *
 * Each case shows the operations denied under the default fence, and the
 * same container (the control) doing them once the default is removed.
 * The one-way lock's hold on the default is in zz_lock_test.
 */
#define _GNU_SOURCE
#include "container.h"
#include "files.h"
#include "ktap.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#define GLOBAL_SYSCTL "/proc/sys/vm/overcommit_memory"
/* A block device: no capability check of the kernel's own stands first. */
#define BLK_NODE "/tmp/nsfence-autofence-loop0"

static void set_default(uint32_t classes)
{
	struct nsfence_fence_req req = {
		.ns_type = NSFENCE_NS_DEFAULT,
		.classes = classes,
		.mode = NSFENCE_MODE_ENFORCE,
	};
	struct nsfence *h;
	int ret;

	ASSERT_EQ(0, nsfence_open(&h));
	ret = nsfence_fence(h, &req);
	if (ret)
		ktap_print("fence default: %s: %s", strerror(-ret), nsfence_errmsg(h));
	ASSERT_EQ(0, ret);
	nsfence_close(h);
}

/* Removes the default fence if there is one: 0 or -ENOENT. */
static int clear_default(void)
{
	struct nsfence *h;
	int ret;

	ASSERT_EQ(0, nsfence_open(&h));
	ret = nsfence_unfence(h, NSFENCE_NS_DEFAULT, 0);
	nsfence_close(h);
	return ret;
}

struct default_info {
	unsigned int found;
	uint64_t denied;
};

static int find_default(const struct nsfence_fence_info *f, void *arg)
{
	struct default_info *d = arg;
	unsigned int c;

	if (f->ns_type != NSFENCE_NS_DEFAULT)
		return 0;
	d->found++;
	ASSERT_EQ(0, f->ns_inum);
	for (c = 0; c < __NSFENCE_CLASS_COUNT; c++)
		d->denied += f->counters.denied[c];
	return 0;
}

static struct default_info list_default(void)
{
	struct default_info d = { 0 };
	struct nsfence *h;

	ASSERT_EQ(0, nsfence_open(&h));
	ASSERT_EQ(0, nsfence_list(h, find_default, &d));
	nsfence_close(h);
	return d;
}

/*
 * A block device (devices), a global sysctl
 * (sysctl), a helper sysctl (self-protection): EPERM when @arg says
 * denied, else each gets through.
 */
static int body_escape(void *arg)
{
	bool denied = *(bool *)arg;

	ASSERT_EQ(denied ? EPERM : 0, try_open(BLK_NODE, O_RDONLY));
	ASSERT_EQ(denied ? EPERM : 0, rewrite(GLOBAL_SYSCTL));
	ASSERT_EQ(denied ? EPERM : 0,
		  try_open("/proc/sys/kernel/core_pattern", O_WRONLY));
	return 0;
}

static void default_and_control(const struct container_opts *o)
{
	bool denied = true;
	struct default_info d;

	clear_default();
	set_default(NSFENCE_CLASSES_ALL);
	d = list_default();
	ASSERT_EQ(1, d.found);
	ASSERT_EQ(0, container_run(o, body_escape, &denied));
	d = list_default();
	ktap_print("denials counted on the default fence: %llu",
		   (unsigned long long)d.denied);
	ASSERT_TRUE(d.denied >= 3);
	/* The host is never fenced. */
	ASSERT_EQ(0, try_open(BLK_NODE, O_RDONLY));
	ASSERT_EQ(0, clear_default());
	ASSERT_EQ(0, list_default().found);
	denied = false;
	ASSERT_EQ(0, container_run(o, body_escape, &denied));
}

static void default_fences_rootful(void)
{
	const struct container_opts o = { .kind = CONTAINER_ROOTFUL };

	default_and_control(&o);
}

static void default_fences_userns(void)
{
	const struct container_opts o = { .kind = CONTAINER_USERNS };

	default_and_control(&o);
}

/* The pipe a running container waits on before it tries. */
static int go_pipe[2];

static int body_escape_later(void *arg)
{
	char c;

	ASSERT_EQ(1, read(go_pipe[0], &c, 1));
	*(bool *)arg = c == 'D';
	return body_escape(arg);
}

/* A container started before the default was set, then after it goes. */
static void running_container(char verdict, bool set)
{
	const struct container_opts o = { .kind = CONTAINER_ROOTFUL };
	bool denied = false;
	int status;
	pid_t pid;

	ASSERT_OK(pipe(go_pipe));
	pid = ASSERT_OK(fork());
	if (!pid) {
		close(go_pipe[1]);
		_exit(container_run(&o, body_escape_later, &denied) ? 1 : 0);
	}
	close(go_pipe[0]);
	/* Its body is at its first line, blocked on the pipe, unfenced. */
	usleep(200 * 1000);
	if (set)
		set_default(NSFENCE_CLASSES_ALL);
	else
		ASSERT_EQ(0, clear_default());
	ASSERT_EQ(1, write(go_pipe[1], &verdict, 1));
	close(go_pipe[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}

static void default_fences_running_container(void)
{
	clear_default();
	running_container('D', true);
	ASSERT_EQ(0, clear_default());
}

static void default_removed_from_running_container(void)
{
	clear_default();
	set_default(NSFENCE_CLASSES_ALL);
	running_container('A', false);
}

/* A fence on the container's namespace takes the default's place. */
static int body_exempt(void *arg)
{
	(void)arg;
	ASSERT_EQ(0, try_open(BLK_NODE, O_RDONLY));
	ASSERT_EQ(0, rewrite(GLOBAL_SYSCTL));
	/* Self-protection is in every fence. */
	ASSERT_EQ(EPERM, try_open("/proc/sys/kernel/core_pattern", O_WRONLY));
	return 0;
}

static void explicit_fence_exempts(void)
{
	const struct container_opts o = {
		.kind = CONTAINER_ROOTFUL, .fence = true, .no_classes = true,
	};

	clear_default();
	set_default(NSFENCE_CLASSES_ALL);
	ASSERT_EQ(0, container_run(&o, body_exempt, NULL));
	ASSERT_EQ(0, clear_default());
}

/* One default fence: replaced, not added to; removing none is ENOENT. */
static void default_replaced(void)
{
	clear_default();
	ASSERT_EQ(-ENOENT, clear_default());
	set_default(1U << NSFENCE_CLASS_MODULES);
	set_default(NSFENCE_CLASSES_ALL);
	ASSERT_EQ(1, list_default().found);
	ASSERT_EQ(0, clear_default());
}

static const struct ktap_case cases[] = {
	KTAP_CASE(default_fences_rootful),
	KTAP_CASE(default_fences_userns),
	KTAP_CASE(default_fences_running_container),
	KTAP_CASE(default_removed_from_running_container),
	KTAP_CASE(explicit_fence_exempts),
	KTAP_CASE(default_replaced),
};

int main(void)
{
	int ret;

	if (system("modprobe -q loop"))
		printf("# modprobe loop failed\n");
	unlink(BLK_NODE);
	if (mknod(BLK_NODE, S_IFBLK | 0600, makedev(7, 0)))
		printf("# mknod %s: %s\n", BLK_NODE, strerror(errno));
	ret = ktap_run(cases, KTAP_COUNT(cases));
	unlink(BLK_NODE);

	/* Never leave a default fence to the programs that run next. */
	clear_default();
	return ret;
}
