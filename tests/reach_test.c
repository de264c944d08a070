// SPDX-License-Identifier: GPL-2.0
/*
 * What lies outside a privileged container and is still within its
 * reach, and the rules of nsfence that hold it off:
 *
 *   processes outside the fence: ptrace access to a host process through
 *     the host's /proc, which the container sees (its environ, mem and
 *     ns/mnt); the container's own processes stay reachable;
 *   terminals: opening the host's /dev/console; TIOCSTI, which types into
 *     a terminal as if its user did, and TIOCLINUX, which pastes the
 *     console selection.
 *
 * Each escape runs, fenced, in a rootful and a user-namespace container,
 * and the same body runs in an unfenced container of the same kind: the
 * control, which shows that the escape works on this kernel without
 * nsfence.  From a user namespace the kernel itself refuses a host
 * process, fenced or not: one case shows it.  What a case changes in the
 * host is undone before it ends: the host process it starts is killed,
 * and dev.tty.legacy_tiocsti, set for a user namespace's TIOCSTI (6.2+),
 * is put back: the other test programs run in the same VM.
 *
 *   host (the case, unfenced)
 *    `-- container: new pid/mnt/net/uts/ipc [+user] ns, fenced (or not)
 *        before the body runs; it sees the host's /proc and /dev
 */
#define _GNU_SOURCE
#include "container.h"
#include "files.h"
#include "ktap.h"
#include "mounts.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>

#define LEGACY_TIOCSTI "/proc/sys/dev/tty/legacy_tiocsti"

static const struct container_opts rootful = { .kind = CONTAINER_ROOTFUL, .fence = true };
static const struct container_opts userns = { .kind = CONTAINER_USERNS, .fence = true };
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };
static const struct container_opts unfenced_userns = { .kind = CONTAINER_USERNS };

/* ------------------------------------------------------------------------
 * 1. Processes outside the fence: ptrace_may_access() through the host's
 *    /proc (the container sees it).  A new pid namespace cannot name a
 *    host pid in ptrace(), process_vm_readv(), pidfd_open() or kcmp():
 *    /proc is the way in.
 */

struct process_args {
	int denied;
	pid_t pid;	/* in the initial pid namespace */
};

/* ptrace access refused: EPERM from the hook, or EACCES from /proc. */
static void expect_ptrace_denied(const char *what, int err)
{
	if (err != EPERM && err != EACCES)
		ktap_fail(__FILE__, __LINE__, "%s: expected EPERM or EACCES, got %s",
			  what, err ? strerror(err) : "success");
}

/* Opens @proc/@pid/environ and mem, reads its mount namespace link. */
static void access_process(const char *proc, pid_t pid, bool denied)
{
	char path[128], link[64];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%d/environ", proc, pid);
	if (denied)
		expect_ptrace_denied(path, try_open(path, O_RDONLY));
	else
		ASSERT_EQ(0, try_open(path, O_RDONLY));
	snprintf(path, sizeof(path), "%s/%d/mem", proc, pid);
	if (denied)
		expect_ptrace_denied(path, try_open(path, O_RDONLY));
	else
		ASSERT_EQ(0, try_open(path, O_RDONLY));
	snprintf(path, sizeof(path), "%s/%d/ns/mnt", proc, pid);
	n = readlink(path, link, sizeof(link));
	if (denied) {
		ASSERT_EQ(-1, n);
		expect_ptrace_denied(path, errno);
	} else {
		ASSERT_NE(-1, n);
	}
}

static int body_host_process(void *arg)
{
	const struct process_args *a = arg;

	access_process("/proc", a->pid, a->denied);
	return 0;
}

static void host_process(const struct container_opts *o, int denied)
{
	struct process_args a = { .denied = denied };
	int ret;

	a.pid = host_sleeper();
	ret = container_run(o, body_host_process, &a);
	host_sleeper_stop(a.pid);
	ASSERT_EQ(0, ret);
}

static void host_process_denied_rootful(void) { host_process(&rootful, 1); }
static void host_process_allowed_unfenced(void) { host_process(&unfenced, 0); }

/*
 * Documentation: from a user namespace the kernel itself refuses (the
 * capability check of ptrace wants the target in the caller's user
 * namespace or below), fenced or not.
 */
static void host_process_refused_userns(void)
{
	host_process(&userns, 1);
	host_process(&unfenced_userns, 1);
}

static int body_own_process(void *arg)
{
	char dir[] = MNT_TEMPLATE;
	pid_t child;

	(void)arg;
	/* A proc of its own pid namespace, where its child has a number. */
	own_mounts();
	make_mountpoint(dir);
	ASSERT_OK(mount("proc", dir, "proc", 0, NULL));
	child = ASSERT_OK(fork());
	if (child == 0) {
		pause();
		_exit(0);
	}
	access_process(dir, child, false);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	remove_mountpoint(dir);
	return 0;
}

/* Processes inside the fence stay reachable. */
static void own_process_allowed_rootful(void)
{
	ASSERT_EQ(0, container_run(&rootful, body_own_process, NULL));
}

static void own_process_allowed_userns(void)
{
	ASSERT_EQ(0, container_run(&userns, body_own_process, NULL));
}

/* ------------------------------------------------------------------------
 * 2. Terminals: the host's console; TIOCSTI types into a terminal as if
 *    its user did, TIOCLINUX pastes the console selection.
 */

static void require_console(void)
{
	struct stat st;

	if (stat("/dev/console", &st) || !S_ISCHR(st.st_mode) ||
	    st.st_rdev != makedev(5, 1))
		ktap_skip("no /dev/console (c 5:1)");
}

static int body_console(void *arg)
{
	int expected = *(int *)arg ? EPERM : 0;

	ASSERT_EQ(expected, try_open("/dev/console", O_WRONLY | O_NOCTTY));
	return 0;
}

static void console(const struct container_opts *o, int fenced)
{
	require_console();
	ASSERT_EQ(0, container_run(o, body_console, &fenced));
}

static void console_denied_rootful(void) { console(&rootful, 1); }
static void console_denied_userns(void) { console(&userns, 1); }
static void console_allowed_unfenced(void) { console(&unfenced, 0); }
static void console_allowed_unfenced_userns(void) { console(&unfenced_userns, 0); }

static int body_tiocsti(void *arg)
{
	int fenced = *(int *)arg, master, slave;
	char c = 'x', subcode = 6;	/* TIOCL_GETSHIFTSTATE */
	struct pollfd pfd;
	struct termios t;

	/* A terminal of its own, its controlling terminal, in raw mode. */
	master = ASSERT_OK(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
	ASSERT_OK(grantpt(master));
	ASSERT_OK(unlockpt(master));
	slave = ASSERT_OK(open(ptsname(master), O_RDWR | O_NOCTTY | O_CLOEXEC));
	ASSERT_OK(setsid());
	ASSERT_OK(ioctl(slave, TIOCSCTTY, 0));
	ASSERT_OK(tcgetattr(slave, &t));
	cfmakeraw(&t);
	ASSERT_OK(tcsetattr(slave, TCSANOW, &t));

	if (fenced) {
		ASSERT_ERRNO(EPERM, ioctl(slave, TIOCSTI, &c));
		ASSERT_ERRNO(EPERM, ioctl(slave, TIOCLINUX, &subcode));
	} else {
		/* The byte is now input of the terminal. */
		ASSERT_EQ(0, ioctl(slave, TIOCSTI, &c));
		pfd = (struct pollfd){ .fd = slave, .events = POLLIN };
		ASSERT_EQ(1, poll(&pfd, 1, 1000));
		c = 0;
		ASSERT_EQ(1, read(slave, &c, 1));
		ASSERT_EQ('x', c);
		/* No virtual console: the tty layer answers, not a policy. */
		errno = 0;
		ASSERT_EQ(-1, ioctl(slave, TIOCLINUX, &subcode));
		ASSERT_NE(EPERM, errno);
	}
	close(slave);
	close(master);
	return 0;
}

/*
 * Without CAP_SYS_ADMIN (a user namespace), 6.2+ refuses TIOCSTI unless
 * dev.tty.legacy_tiocsti is 1: it is set for the case, then put back.
 */
static void tiocsti(const struct container_opts *o, int fenced)
{
	char legacy[16] = "";
	int ret;

	if (o->kind == CONTAINER_USERNS && !access(LEGACY_TIOCSTI, F_OK)) {
		read_value(LEGACY_TIOCSTI, legacy, sizeof(legacy));
		ASSERT_EQ(0, write_text(LEGACY_TIOCSTI, "1\n"));
	}
	ret = container_run(o, body_tiocsti, &fenced);
	if (legacy[0])
		ASSERT_EQ(0, write_text(LEGACY_TIOCSTI, legacy));
	ASSERT_EQ(0, ret);
}

static void tiocsti_denied_rootful(void) { tiocsti(&rootful, 1); }
static void tiocsti_denied_userns(void) { tiocsti(&userns, 1); }
static void tiocsti_allowed_unfenced(void) { tiocsti(&unfenced, 0); }
static void tiocsti_allowed_unfenced_userns(void) { tiocsti(&unfenced_userns, 0); }

static const struct ktap_case cases[] = {
	/* 1. processes outside the fence */
	KTAP_CASE(host_process_denied_rootful),
	KTAP_CASE(host_process_allowed_unfenced),
	KTAP_CASE(host_process_refused_userns),
	KTAP_CASE(own_process_allowed_rootful),
	KTAP_CASE(own_process_allowed_userns),
	/* 2. terminals */
	KTAP_CASE(console_denied_rootful),
	KTAP_CASE(console_denied_userns),
	KTAP_CASE(console_allowed_unfenced),
	KTAP_CASE(console_allowed_unfenced_userns),
	KTAP_CASE(tiocsti_denied_rootful),
	KTAP_CASE(tiocsti_denied_userns),
	KTAP_CASE(tiocsti_allowed_unfenced),
	KTAP_CASE(tiocsti_allowed_unfenced_userns),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
