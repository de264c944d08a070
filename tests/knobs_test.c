// SPDX-License-Identifier: GPL-2.0
/*
 * Global knobs outside /proc/sys that a privileged container reaches
 * through syscalls and the host's /proc and /sys, and the rules of
 * nsfence that keep them the host's:
 *
 *   syslog(2) and /proc/kmsg: changing the console log level, switching
 *     the console, clearing or consuming the log (reading the whole log,
 *     dmesg, stays allowed);
 *   /proc/sysrq-trigger: reboot, crash, OOM-kill the host;
 *   sysfs: module parameters, and every attribute not of the container's
 *     own network namespace (its own lo stays writable);
 *   securityfs: the lockdown level, LSM policies.
 *
 * Each escape runs, fenced, in the container kinds it applies to (rootful;
 * rootful in the host's network namespace; user namespace; syslog is
 * rootful only: it needs CAP_SYSLOG in the initial user namespace), and
 * the same body runs in an unfenced container of the same kind: the
 * control, which shows that the escape works on this kernel without
 * nsfence.  Nothing changes for good: /proc/sysrq-trigger and securityfs
 * are only opened for write, a sysfs file is only written its own value,
 * and kernel.printk (the console log level a syslog control changes) is
 * written back before the case ends: the other test programs run in the
 * same VM.
 *
 *   host (the case, unfenced)
 *    `-- container: new pid/mnt/net/uts/ipc [+user] ns, fenced (or not)
 *        before the body runs; it sees the host's /proc and /sys
 */
#define _GNU_SOURCE
#include "container.h"
#include "files.h"
#include "ktap.h"
#include "mounts.h"

#include <fcntl.h>
#include <sys/klog.h>
#include <sys/mount.h>

/* syslog(2) actions (include/linux/syslog.h). */
#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

#define PRINTK_SYSCTL "/proc/sys/kernel/printk"
#define MODULE_PARAM "module/printk/parameters/time"
/* Not tx_queue_len: its store wants CAP_NET_ADMIN in the initial namespace. */
#define LO_MTU "class/net/lo/mtu"
#define LOCKDOWN "/sys/kernel/security/lockdown"
#define SECURITYFS_LSM "/sys/kernel/security/lsm"

static const struct container_opts rootful = { .kind = CONTAINER_ROOTFUL, .fence = true };
static const struct container_opts rootful_host_net = {
	.kind = CONTAINER_ROOTFUL, .fence = true, .share_net = true,
};
static const struct container_opts userns = { .kind = CONTAINER_USERNS, .fence = true };
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };
static const struct container_opts unfenced_host_net = {
	.kind = CONTAINER_ROOTFUL, .share_net = true,
};
static const struct container_opts unfenced_userns = { .kind = CONTAINER_USERNS };

/* ------------------------------------------------------------------------
 * 1. syslog(2): changing the console log level, switching the console,
 *    clearing the log.  Reading the whole log stays allowed (dmesg).
 *    Needs CAP_SYSLOG in the initial user namespace: rootful only.
 */

/* kernel.printk: console, default, minimum console, boot default level. */
static int printk_level(int field)
{
	int levels[4] = { 0 };
	char value[64];

	read_value(PRINTK_SYSCTL, value, sizeof(value));
	ASSERT_EQ(4, sscanf(value, "%d %d %d %d", &levels[0], &levels[1],
			    &levels[2], &levels[3]));
	return levels[field];
}

static int console_loglevel(void)
{
	return printk_level(0);
}

static int minimum_console_loglevel(void)
{
	return printk_level(2);
}

static int body_syslog(void *arg)
{
	int fenced = *(int *)arg, old = console_loglevel();
	int level = old == 7 ? 6 : 7;
	char buf[4096];

	if (fenced) {
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, level));
		ASSERT_EQ(old, console_loglevel());
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0));
		ASSERT_EQ(old, console_loglevel());
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0));
		/*
		 * Reached only when the fence holds: the log is the VM
		 * runner's, which searches it after every program.
		 */
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_CLEAR, NULL, 0));
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_READ_CLEAR, buf, sizeof(buf)));
		ASSERT_ERRNO(EPERM, klogctl(SYSLOG_ACTION_READ, buf, sizeof(buf)));
		ASSERT_EQ(EPERM, try_open("/proc/kmsg", O_RDONLY));
	} else {
		ASSERT_EQ(0, klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, level));
		ASSERT_EQ(level, console_loglevel());
		ASSERT_EQ(0, klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0));
		ASSERT_EQ(minimum_console_loglevel(), console_loglevel());
		ASSERT_EQ(0, klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0));
		ASSERT_EQ(level, console_loglevel());
		ASSERT_EQ(0, try_open("/proc/kmsg", O_RDONLY));
	}
	/* dmesg stays. */
	ASSERT_OK(klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf)));
	ASSERT_OK(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0));
	ASSERT_OK(klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0));
	return 0;
}

/* Runs the body, then writes kernel.printk back, whatever it did. */
static void syslog_case(const struct container_opts *o, int fenced)
{
	char printk[64];
	int ret;

	read_value(PRINTK_SYSCTL, printk, sizeof(printk));
	ret = container_run(o, body_syslog, &fenced);
	ASSERT_EQ(0, write_text(PRINTK_SYSCTL, printk));
	ASSERT_EQ(0, ret);
}

static void syslog_denied_rootful(void) { syslog_case(&rootful, 1); }
static void syslog_allowed_unfenced(void) { syslog_case(&unfenced, 0); }

/* ------------------------------------------------------------------------
 * 2. /proc/sysrq-trigger: reboot, crash, OOM-kill the host.  Opened for
 *    write only; nothing is ever written.
 */

static int body_sysrq(void *arg)
{
	int expected = *(int *)arg ? EPERM : 0;

	ASSERT_EQ(expected, try_open("/proc/sysrq-trigger", O_WRONLY));
	return 0;
}

static void sysrq_trigger_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_sysrq, &fenced));
}

/* An identity-mapped root passes the file's DAC check. */
static void sysrq_trigger_denied_userns(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&userns, body_sysrq, &fenced));
}

static void sysrq_trigger_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_sysrq, &fenced));
}

static void sysrq_trigger_allowed_unfenced_userns(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced_userns, body_sysrq, &fenced));
}

/* ------------------------------------------------------------------------
 * 3. sysfs: module parameters are the host's; the attributes of the
 *    container's own network namespace stay its own.  Every write puts
 *    the current value back.
 */

struct sysfs_args {
	int fenced;
	int own_netns;	/* lo of /sys is not the host's */
};

static int body_sysfs(void *arg)
{
	const struct sysfs_args *a = arg;
	int deny = a->fenced ? EPERM : 0;
	char dir[] = MNT_TEMPLATE, path[128];

	/* The host's /sys. */
	expect_rewrite("/sys/" MODULE_PARAM, deny);
	if (!a->own_netns)
		expect_rewrite("/sys/" LO_MTU, deny);

	/* A sysfs of its own: it shows its network namespace's devices. */
	own_mounts();
	make_mountpoint(dir);
	ASSERT_OK(mount("sysfs", dir, "sysfs", 0, NULL));
	snprintf(path, sizeof(path), "%s/" MODULE_PARAM, dir);
	expect_rewrite(path, deny);
	snprintf(path, sizeof(path), "%s/" LO_MTU, dir);
	expect_rewrite(path, a->own_netns ? 0 : deny);
	remove_mountpoint(dir);
	return 0;
}

static void sysfs_case(const struct container_opts *o, int fenced)
{
	struct sysfs_args a = { .fenced = fenced, .own_netns = !o->share_net };

	if (access("/sys/" MODULE_PARAM, W_OK))
		ktap_skip("no writable /sys/%s", MODULE_PARAM);
	ASSERT_EQ(0, container_run(o, body_sysfs, &a));
}

static void sysfs_denied_rootful(void) { sysfs_case(&rootful, 1); }
static void sysfs_denied_rootful_host_net(void) { sysfs_case(&rootful_host_net, 1); }
static void sysfs_denied_userns(void) { sysfs_case(&userns, 1); }
static void sysfs_allowed_unfenced(void) { sysfs_case(&unfenced, 0); }
static void sysfs_allowed_unfenced_host_net(void) { sysfs_case(&unfenced_host_net, 0); }
static void sysfs_allowed_unfenced_userns(void) { sysfs_case(&unfenced_userns, 0); }

/* ------------------------------------------------------------------------
 * 4. securityfs: the lockdown level, LSM policies.  Opened for write
 *    only; nothing is ever written.
 */

struct securityfs_args {
	int fenced;
	const char *path;
};

static int body_securityfs(void *arg)
{
	const struct securityfs_args *a = arg;
	int expected = a->fenced ? EPERM : 0;

	ASSERT_EQ(expected, try_open(a->path, O_WRONLY));
	return 0;
}

/*
 * Without the lockdown LSM (the built-in kernel's config), the read-only
 * "lsm" file: root opens it for write all the same (CAP_DAC_OVERRIDE),
 * and the open is what the rule refuses.
 */
static void securityfs(const struct container_opts *o, int fenced)
{
	struct securityfs_args a = { .fenced = fenced, .path = LOCKDOWN };

	if (access(a.path, F_OK))
		a.path = SECURITYFS_LSM;
	if (access(a.path, F_OK))
		ktap_skip("no %s nor %s", LOCKDOWN, SECURITYFS_LSM);
	ASSERT_EQ(0, container_run(o, body_securityfs, &a));
}

static void securityfs_denied_rootful(void) { securityfs(&rootful, 1); }
static void securityfs_denied_userns(void) { securityfs(&userns, 1); }
static void securityfs_allowed_unfenced(void) { securityfs(&unfenced, 0); }
static void securityfs_allowed_unfenced_userns(void) { securityfs(&unfenced_userns, 0); }

static const struct ktap_case cases[] = {
	/* 1. syslog(2) */
	KTAP_CASE(syslog_denied_rootful),
	KTAP_CASE(syslog_allowed_unfenced),
	/* 2. /proc/sysrq-trigger */
	KTAP_CASE(sysrq_trigger_denied_rootful),
	KTAP_CASE(sysrq_trigger_denied_userns),
	KTAP_CASE(sysrq_trigger_allowed_unfenced),
	KTAP_CASE(sysrq_trigger_allowed_unfenced_userns),
	/* 3. sysfs */
	KTAP_CASE(sysfs_denied_rootful),
	KTAP_CASE(sysfs_denied_rootful_host_net),
	KTAP_CASE(sysfs_denied_userns),
	KTAP_CASE(sysfs_allowed_unfenced),
	KTAP_CASE(sysfs_allowed_unfenced_host_net),
	KTAP_CASE(sysfs_allowed_unfenced_userns),
	/* 4. securityfs */
	KTAP_CASE(securityfs_denied_rootful),
	KTAP_CASE(securityfs_denied_userns),
	KTAP_CASE(securityfs_allowed_unfenced),
	KTAP_CASE(securityfs_allowed_unfenced_userns),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
