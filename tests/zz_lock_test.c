// SPDX-License-Identifier: GPL-2.0
/*
 * The one-way lock.  Once locked: UNFENCE fails with EPERM, a fence can
 * only be tightened (audit mode, fewer classes or more device exceptions
 * fail with EPERM), the module cannot be unloaded (EWOULDBLOCK), and new
 * fences still work.  The default fence can be set and tightened, not
 * loosened, removed or escaped by a looser fence on a namespace.
 *
 * Irreversible until reboot, hence the name: the in-VM runner runs zz_*
 * programs last.  Two modes:
 *   zz_lock_test             locks the loaded module with the LOCK command
 *   zz_lock_test --at-load   unloads the module, installs
 *                            contrib/modprobe.d/nsfence.conf and loads it
 *                            again with modprobe: locked from the start
 */
#define _GNU_SOURCE
#include "container.h"
#include "kernel.h"
#include "ktap.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static bool at_load;

static struct nsfence *open_locked(void)
{
	struct nsfence_status st;
	struct nsfence *h;

	ASSERT_EQ(0, nsfence_open(&h));
	ASSERT_EQ(0, nsfence_get_status(h, &st));
	ASSERT_EQ(1, st.locked);
	return h;
}

static int copy_file(const char *from, const char *to)
{
	char buf[4096];
	int in, out;
	ssize_t n;

	in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	mkdir("/etc/modprobe.d", 0755);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return -errno;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			break;
	close(in);
	close(out);
	return n ? -EIO : 0;
}

/* Locks, by the mode's own means. */
static void lock_it(void)
{
	struct nsfence_status st;
	struct nsfence *h;
	char buf[8] = "";
	int fd;

	if (at_load) {
		ASSERT_EQ(0, fence_count_wait(0));
		ASSERT_EQ(0, nsfence_module_unload());
		ASSERT_TRUE(!nsfence_module_loaded());
		ASSERT_EQ(0, copy_file("/extra/tests/nsfence.conf",
				       "/etc/modprobe.d/nsfence.conf"));
		ASSERT_EQ(0, system("modprobe nsfence"));
		fd = ASSERT_OK(open("/sys/module/nsfence/parameters/locked", O_RDONLY));
		ASSERT_OK(read(fd, buf, sizeof(buf) - 1));
		close(fd);
		ASSERT_EQ('Y', buf[0]);
	} else {
		ASSERT_EQ(0, nsfence_open(&h));
		ASSERT_EQ(0, nsfence_get_status(h, &st));
		ASSERT_EQ(0, st.locked);
		ASSERT_EQ(0, nsfence_lock(h));
		/* Locking again changes nothing and is no error. */
		ASSERT_EQ(0, nsfence_lock(h));
		nsfence_close(h);
	}
	nsfence_close(open_locked());
}

static void unfence_refused(void)
{
	struct nsfence *h = open_locked();
	struct nsfence_fence_req req = {
		.ns_type = NSFENCE_NS_USER, .classes = NSFENCE_CLASSES_ALL,
	};
	struct parked p;

	park(&p);
	req.pid = p.pid;
	req.ns_inum = p.inum;
	/* Adding fences still works. */
	ASSERT_EQ(0, nsfence_fence(h, &req));
	ASSERT_EQ(-EPERM, nsfence_unfence(h, NSFENCE_NS_USER, p.inum));
	ktap_print("unfence: %s", nsfence_errmsg(h));
	ASSERT_TRUE(strstr(nsfence_errmsg(h), "locked") != NULL);
	unpark(&p);
	nsfence_close(h);
}

static void loosening_refused(void)
{
	struct nsfence_devrule rule = {
		NSFENCE_DEV_CHAR, 10, 237, NSFENCE_DEV_READ | NSFENCE_DEV_WRITE,
	};
	struct nsfence_devrule narrower = {
		NSFENCE_DEV_CHAR, 10, 237, NSFENCE_DEV_READ,
	};
	struct nsfence_fence_req req = {
		.ns_type = NSFENCE_NS_USER,
		.classes = (1U << NSFENCE_CLASS_MODULES) | (1U << NSFENCE_CLASS_DEVICES),
		.nr_devices = 1, .devices = &rule,
	};
	struct nsfence *h = open_locked();
	struct parked p;

	park(&p);
	req.pid = p.pid;
	req.ns_inum = p.inum;
	ASSERT_EQ(0, nsfence_fence(h, &req));
	/* Audit mode. */
	req.mode = NSFENCE_MODE_AUDIT;
	ASSERT_EQ(-EPERM, nsfence_fence(h, &req));
	ktap_print("audit: %s", nsfence_errmsg(h));
	req.mode = NSFENCE_MODE_ENFORCE;
	/* Fewer classes. */
	req.classes = 1U << NSFENCE_CLASS_MODULES;
	ASSERT_EQ(-EPERM, nsfence_fence(h, &req));
	req.classes = (1U << NSFENCE_CLASS_MODULES) | (1U << NSFENCE_CLASS_DEVICES);
	/* More device exceptions: a wider one, then an extra one. */
	rule.access |= NSFENCE_DEV_MKNOD;
	ASSERT_EQ(-EPERM, nsfence_fence(h, &req));
	rule.access &= ~NSFENCE_DEV_MKNOD;
	/* Tightening is fine: more classes, a narrower exception, none. */
	req.classes = NSFENCE_CLASSES_ALL;
	req.devices = &narrower;
	ASSERT_EQ(0, nsfence_fence(h, &req));
	req.nr_devices = 0;
	ASSERT_EQ(0, nsfence_fence(h, &req));
	req.nr_devices = 1;
	req.devices = &narrower;
	ASSERT_EQ(-EPERM, nsfence_fence(h, &req));
	unpark(&p);
	nsfence_close(h);
}

static int body_denied(void *arg)
{
	(void)arg;
	ASSERT_ERRNO(EPERM, open("/dev/kmsg", O_RDONLY | O_CLOEXEC));
	ASSERT_ERRNO(EPERM, open("/proc/sys/kernel/core_pattern", O_WRONLY | O_CLOEXEC));
	return 0;
}

static void fencing_still_works(void)
{
	struct container_opts o = { .kind = CONTAINER_USERNS, .fence = true };

	nsfence_close(open_locked());
	ASSERT_EQ(0, container_run(&o, body_denied, NULL));
}

static void unload_refused(void)
{
	struct nsfence *h = open_locked();
	struct nsfence_status st;

	ASSERT_EQ(0, nsfence_get_status(h, &st));
	if (!strcmp(st.attach, "lsm"))
		ktap_skip("built in: never unloadable");
	/* Even with no fence left. */
	ASSERT_EQ(0, fence_count_wait(0));
	ASSERT_EQ(-EWOULDBLOCK, nsfence_module_unload());
	ASSERT_NE(0, system("rmmod nsfence 2>/dev/null"));
	ASSERT_TRUE(nsfence_module_loaded());
	ASSERT_EQ(0, nsfence_get_status(h, &st));
	ASSERT_EQ(1, st.locked);
	nsfence_close(h);
}

static void securityfs_says_locked(void)
{
	char buf[4096];
	ssize_t n;
	int fd = open("/sys/kernel/security/nsfence/status", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		ktap_skip("no securityfs file");
	n = ASSERT_OK(read(fd, buf, sizeof(buf) - 1));
	buf[n] = '\0';
	close(fd);
	ASSERT_TRUE(strstr(buf, "\nlocked 1\n") != NULL);
}

/*
 * The default fence under the lock: it can be set (nothing was loosened),
 * tightened, not loosened nor removed, and no fence looser than it can be
 * made on a namespace (an exemption).  Last: it stays until reboot.
 */
static void default_frozen(void)
{
	struct nsfence_fence_req dflt = {
		.ns_type = NSFENCE_NS_DEFAULT,
		.classes = 1U << NSFENCE_CLASS_DEVICES,
	};
	struct nsfence_fence_req req = { .ns_type = NSFENCE_NS_USER };
	struct container_opts o = { .kind = CONTAINER_USERNS };
	struct nsfence *h = open_locked();
	struct parked p;

	/* Removing a default fence that does not exist loosens nothing. */
	ASSERT_EQ(-ENOENT, nsfence_unfence(h, NSFENCE_NS_DEFAULT, 0));
	ASSERT_EQ(0, system("echo '{\"version\": 1, \"autoFence\": {\"enabled\": false}, \"locked\": true}' >/tmp/nsfence-off.json && nsfence apply /tmp/nsfence-off.json >/dev/null"));
	ASSERT_EQ(0, nsfence_fence(h, &dflt));
	dflt.classes = 0;
	ASSERT_EQ(-EPERM, nsfence_fence(h, &dflt));
	ktap_print("loosen the default: %s", nsfence_errmsg(h));
	dflt.classes = NSFENCE_CLASSES_ALL;
	ASSERT_EQ(0, nsfence_fence(h, &dflt));
	ASSERT_EQ(-EPERM, nsfence_unfence(h, NSFENCE_NS_DEFAULT, 0));
	ktap_print("remove the default: %s", nsfence_errmsg(h));

	park(&p);
	req.pid = p.pid;
	req.ns_inum = p.inum;
	req.classes = 1U << NSFENCE_CLASS_MODULES;
	ASSERT_EQ(-EPERM, nsfence_fence(h, &req));
	ktap_print("exempt a namespace: %s", nsfence_errmsg(h));
	ASSERT_TRUE(strstr(nsfence_errmsg(h), "default") != NULL);
	req.classes = NSFENCE_CLASSES_ALL;
	ASSERT_EQ(0, nsfence_fence(h, &req));
	unpark(&p);
	nsfence_close(h);
	/* And an unfenced container is fenced by it. */
	ASSERT_EQ(0, container_run(&o, body_denied, NULL));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(lock_it),
	KTAP_CASE(unfence_refused),
	KTAP_CASE(loosening_refused),
	KTAP_CASE(fencing_still_works),
	KTAP_CASE(unload_refused),
	KTAP_CASE(securityfs_says_locked),
	KTAP_CASE(default_frozen),
};

int main(int argc, char **argv)
{
	at_load = argc > 1 && !strcmp(argv[1], "--at-load");
	return ktap_run(cases, KTAP_COUNT(cases));
}
