// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence CLI: a fenced sandbox (see sandbox.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/sched.h>

#include "cli.h"
#include "sandbox.h"

void sandbox_test_pause(const char *step)
{
	const char *want = getenv(SANDBOX_PAUSE_ENV);

	if (!want || strcmp(want, step))
		return;
	fprintf(stderr, "nsfence: test pause at %s (pid %ld)\n", step,
		(long)getpid());
	fflush(stderr);
	for (;;)
		pause();
}

void sandbox_opts_init(struct sandbox_opts *o, const char *ctx)
{
	memset(o, 0, sizeof(*o));
	o->req.classes = NSFENCE_CLASSES_ALL;
	o->req.mode = NSFENCE_MODE_ENFORCE;
	o->req.devices = o->devices;
	o->ctx = ctx;
}

/* Has the writer of @fd closed it (the parent exited)? */
static bool sandbox_parent_gone(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) != 0 && (p.revents & (POLLHUP | POLLERR));
}

/*
 * --rootfs: make @dir a mount point (bind-mount it on itself), mount a
 * /proc of the new pid namespace in it, and pivot_root into it.  /proc is
 * mounted before the old root goes: a user namespace may only mount proc
 * while a fully visible proc is in its mount namespace.
 */
static int sandbox_enter_rootfs(const char *ctx, const char *dir)
{
	if (mount(dir, dir, NULL, MS_BIND | MS_REC, NULL) < 0) {
		cli_error(NULL, -errno, "%s: bind-mount %s", ctx, dir);
		return -1;
	}
	if (chdir(dir) < 0) {
		cli_error(NULL, -errno, "%s: chdir %s", ctx, dir);
		return -1;
	}
	if (mount("proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL) < 0) {
		cli_error(NULL, -errno, "%s: mount %s/proc", ctx, dir);
		return -1;
	}
	/* The old root ends up stacked on "." and is detached at once. */
	if (syscall(SYS_pivot_root, ".", ".") < 0) {
		cli_error(NULL, -errno, "%s: pivot_root %s", ctx, dir);
		return -1;
	}
	if (umount2(".", MNT_DETACH) < 0) {
		cli_error(NULL, -errno, "%s: detach the old root", ctx);
		return -1;
	}
	if (chdir("/") < 0) {
		cli_error(NULL, -errno, "%s: chdir /", ctx);
		return -1;
	}
	return 0;
}

/* The cloned child: wait for "go", finish the sandbox, call @fn. */
static void sandbox_child(const struct sandbox_opts *o, int go_fd, int nl_fd,
			  sandbox_fn fn, void *arg)
{
	const char *ctx = o->ctx;
	char c;

	close(nl_fd);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		_exit(EXIT_RUN_FAIL);
	/* EOF: the parent failed or died before fencing us. Never go on. */
	if (read(go_fd, &c, 1) != 1 || c != 'g')
		_exit(EXIT_RUN_FAIL);
	sandbox_test_pause("child-go");

	if (setgroups(0, NULL) < 0) {
		cli_error(NULL, -errno, "%s: setgroups", ctx);
		_exit(EXIT_RUN_FAIL);
	}
	if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0) {
		cli_error(NULL, -errno, "%s: become root of the namespace", ctx);
		_exit(EXIT_RUN_FAIL);
	}
	/*
	 * A credential change clears the parent-death signal: set it again,
	 * then make sure the parent did not die in between (it keeps its end
	 * of the pipe open for its whole life: hang-up means gone).
	 */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || sandbox_parent_gone(go_fd))
		_exit(EXIT_RUN_FAIL);
	close(go_fd);
	if (o->hostname && sethostname(o->hostname, strlen(o->hostname)) < 0) {
		cli_error(NULL, -errno, "%s: sethostname %s", ctx, o->hostname);
		_exit(EXIT_RUN_FAIL);
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		cli_error(NULL, -errno, "%s: make / private", ctx);
		_exit(EXIT_RUN_FAIL);
	}
	if (o->rootfs) {
		if (sandbox_enter_rootfs(ctx, o->rootfs) < 0)
			_exit(EXIT_RUN_FAIL);
	} else if (mount("proc", "/proc", "proc",
			 MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		cli_error(NULL, -errno, "%s: mount /proc", ctx);
		_exit(EXIT_RUN_FAIL);
	}
	fn(arg);
	_exit(EXIT_RUN_FAIL);
}

static pid_t sandbox_clone(uint64_t flags)
{
	struct clone_args ca = {
		.flags = flags,
		.exit_signal = SIGCHLD,
	};
	long ret;

	ret = syscall(SYS_clone3, &ca, sizeof(ca));
	if (ret < 0 && errno == ENOSYS)
		ret = syscall(SYS_clone, (unsigned long)flags | SIGCHLD, NULL,
			      NULL, NULL, NULL);
	return (pid_t)ret;
}

static int sandbox_write_map(pid_t pid, const char *file, uint32_t base)
{
	char path[64], map[64];
	int fd, len, ret = 0;

	snprintf(path, sizeof(path), "/proc/%ld/%s", (long)pid, file);
	len = snprintf(map, sizeof(map), "0 %u %u\n", base, IDRANGE_SIZE);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, map, (size_t)len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

/* Parent side between clone and "go": ids, maps, fence. */
static int sandbox_setup(struct sandbox *sb, struct sandbox_opts *o,
			 struct nsfence *h)
{
	const char *ctx = o->ctx;
	pid_t child = sb->pid;
	char err[128];
	int ret;

	ret = idrange_alloc(&idrange_default_conf, child, &sb->ids, err,
			    sizeof(err));
	if (ret < 0) {
		cli_error(NULL, ret, "%s: id range: %s", ctx, err);
		return ret;
	}
	sandbox_test_pause("ids");
	ret = sandbox_write_map(child, "uid_map", sb->ids.base);
	if (!ret)
		ret = sandbox_write_map(child, "gid_map", sb->ids.base);
	if (ret < 0) {
		cli_error(NULL, ret, "%s: write id maps of pid %ld", ctx,
			  (long)child);
		goto out_release;
	}
	sandbox_test_pause("mapped");

	o->req.pid = (uint32_t)child;
	o->req.ns_type = NSFENCE_NS_USER;
	ret = nsfence_ns_inum(child, NSFENCE_NS_USER, &o->req.ns_inum);
	if (ret < 0) {
		cli_error(NULL, ret, "%s: /proc/%ld/ns/user", ctx, (long)child);
		goto out_release;
	}
	ret = nsfence_fence(h, &o->req);
	if (ret < 0) {
		cli_error_admin(h, ret, "%s: fence pid %ld", ctx, (long)child);
		goto out_release;
	}
	sb->user_ns = o->req.ns_inum;
	sandbox_test_pause("fenced");
	return 0;

out_release:
	idrange_release(&idrange_default_conf, &sb->ids);
	return ret;
}

int sandbox_start(struct sandbox *sb, struct sandbox_opts *o,
		  struct nsfence *h, sandbox_fn fn, void *arg)
{
	uint64_t flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID |
			 CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP;
	int go[2], ret;

	memset(sb, 0, sizeof(*sb));
	sb->go_fd = -1;
	if (o->net)
		flags |= CLONE_NEWNET;
	if (pipe2(go, O_CLOEXEC) < 0) {
		ret = -errno;
		cli_error(NULL, ret, "%s: pipe", o->ctx);
		return ret;
	}
	fflush(NULL);
	sb->pid = sandbox_clone(flags);
	if (sb->pid < 0) {
		ret = -errno;
		cli_error(NULL, ret, "%s: clone", o->ctx);
		close(go[0]);
		close(go[1]);
		return ret;
	}
	if (!sb->pid) {
		close(go[1]);
		sandbox_child(o, go[0], nsfence_fd(h), fn, arg);
		_exit(EXIT_RUN_FAIL);
	}
	close(go[0]);
	sb->go_fd = go[1];
	sandbox_test_pause("cloned");

	ret = sandbox_setup(sb, o, h);
	if (ret < 0)
		goto out_kill;
	/* go_fd stays open until we exit: the child watches it. */
	if (write(sb->go_fd, "g", 1) != 1) {
		ret = -errno;
		cli_error(NULL, ret, "%s: start pid %ld", o->ctx, (long)sb->pid);
		idrange_release(&idrange_default_conf, &sb->ids);
		goto out_kill;
	}
	return 0;

out_kill:
	kill(sb->pid, SIGKILL);
	waitpid(sb->pid, NULL, 0);
	close(sb->go_fd);
	sb->go_fd = -1;
	return ret;
}

void sandbox_end(struct sandbox *sb)
{
	idrange_release(&idrange_default_conf, &sb->ids);
	if (sb->go_fd >= 0)
		close(sb->go_fd);
	sb->go_fd = -1;
}
