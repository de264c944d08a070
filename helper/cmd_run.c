// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence run [--deny CLASSES] [--audit] [--allow-device RULE]... [--net]
 *             [--hostname NAME] [--rootfs DIR] -- CMD [ARGS...]
 *
 * Three processes:
 *
 *   nsfence (parent)          sandbox init (pid 1)        CMD (pid 2)
 *   sandbox_start(): clone, ids, maps, fence, "go" (see sandbox.h)
 *                             becomes root, mounts, vfork -> execvp(CMD)
 *   forwards signals -------> forwards signals ----------> ...
 *   waits, frees the range <- exits with CMD's status <--- exits
 *
 * The init process exists because a pid namespace's init ignores signals
 * it has no handler for: CMD as pid 1 could not be stopped with SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "sandbox.h"

static int run_cmd(int argc, char **argv);

const struct cli_cmd cmd_run = {
	.name = "run",
	.run = run_cmd,
	.summary = "run a command in new, fenced namespaces",
	.usage =
	"Usage: nsfence run [--deny CLASSES] [--audit] [--allow-device RULE]...\n"
	"                   [--net] [--hostname NAME] [--rootfs DIR]\n"
	"                   [--] CMD [ARGS...]\n"
	"\n"
	"Run CMD as root of new user, mount, pid, uts, ipc and cgroup\n"
	"namespaces (and a network namespace with --net), with an exclusive\n"
	"range of 65536 host ids, and a fence on the new user namespace that\n"
	"is in place before CMD starts.  If the fence cannot be set, CMD does\n"
	"not run.  The host's user and pid namespaces are never shared.\n"
	"Needs root.\n"
	"\n"
	"  -d, --deny CLASSES       deny classes (default all), as for fence\n"
	"  -a, --audit              allow and report instead of denying\n"
	"  -D, --allow-device RULE  allow a device (\"c 10:237 rw\"); repeatable\n"
	"  -N, --net                also a new network namespace (only lo)\n"
	"  -H, --hostname NAME      host name in the new uts namespace\n"
	"  -r, --rootfs DIR         pivot_root into DIR (bind-mounted on\n"
	"                           itself), with a new /proc in DIR/proc\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit: the status of CMD (128+N when killed by signal N); 125 when\n"
	"nsfence itself failed (usage, module not loaded, setup, fencing),\n"
	"126 when CMD could not be executed, 127 when CMD was not found.\n",
};

/* Signals passed on to the sandbox; SIGCHLD is watched as well. */
static const int run_fwd_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGWINCH,
};

static void run_sigset(sigset_t *set)
{
	size_t i;

	sigemptyset(set);
	sigaddset(set, SIGCHLD);
	for (i = 0; i < sizeof(run_fwd_signals) / sizeof(run_fwd_signals[0]); i++)
		sigaddset(set, run_fwd_signals[i]);
}

/* Exit status of a waited-for process, shell style. */
static int run_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return EXIT_RUN_FAIL;
}

/*
 * Wait for @pid while forwarding signals to it.  A signal the kernel sent
 * (a terminal's ^C, hangup, resize) already reached the whole foreground
 * process group, sandbox included: only signals sent by a process are
 * passed on.  Returns @pid's wait status, or -errno.
 */
static int run_wait_forward(pid_t pid, const sigset_t *set)
{
	struct signalfd_siginfo si;
	int sfd, st, ret = -EINTR;
	pid_t w;

	sfd = signalfd(-1, set, SFD_CLOEXEC);
	if (sfd < 0)
		return -errno;
	for (;;) {
		/* Also catches a SIGCHLD that came before signalfd(). */
		w = waitpid(pid, &st, WNOHANG);
		if (w == pid) {
			ret = st;
			break;
		}
		if (w < 0 && errno != EINTR) {
			ret = -errno;
			break;
		}
		if (read(sfd, &si, sizeof(si)) != sizeof(si)) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		if (si.ssi_signo != SIGCHLD && si.ssi_code != SI_KERNEL)
			kill(pid, (int)si.ssi_signo);
	}
	close(sfd);
	return ret;
}

/* What the sandbox's init needs: CMD and the signal masks. */
struct run_init_arg {
	char **argv;
	const sigset_t *oldmask, *set;
};

/* errno of a failed execvp() in run_spawn()'s child; shared by vfork(). */
static volatile int run_exec_errno;

/*
 * Start CMD with vfork(): no copy of the page tables of this process
 * for a child that only calls execvp() (the sandbox's init would fork
 * and tear them down again on every run).  The child shares our memory
 * until it has executed CMD or exited: it only restores the signal mask,
 * calls execvp() and leaves its errno for us.  Returns the pid, or the
 * -errno of execvp() (the child is then reaped); exits when vfork fails.
 */
static pid_t run_spawn(const struct run_init_arg *a)
{
	pid_t pid;
	int err;

	run_exec_errno = 0;
	pid = vfork();
	if (pid < 0) {
		cli_error(NULL, -errno, "run: fork");
		_exit(EXIT_RUN_FAIL);
	}
	if (!pid) {
		sigprocmask(SIG_SETMASK, a->oldmask, NULL);
		execvp(a->argv[0], a->argv);
		run_exec_errno = errno;
		_exit(EXIT_RUN_NOEXEC);
	}
	err = run_exec_errno;
	if (err) {
		waitpid(pid, NULL, 0);
		return -err;
	}
	return pid;
}

/* pid 1 of the sandbox: start CMD, reap orphans, pass signals on. */
static void run_init(void *p)
{
	const struct run_init_arg *a = p;
	struct signalfd_siginfo si;
	int sfd, st;
	pid_t cmd, w;

	sandbox_test_pause("child-exec");
	cmd = run_spawn(a);
	if (cmd < 0) {
		cli_error(NULL, cmd, "run: %s", a->argv[0]);
		_exit(cmd == -ENOENT ? EXIT_RUN_NOENT : EXIT_RUN_NOEXEC);
	}

	sfd = signalfd(-1, a->set, SFD_CLOEXEC);
	if (sfd < 0) {
		cli_error(NULL, -errno, "run: signalfd");
		kill(cmd, SIGKILL);
		waitpid(cmd, NULL, 0);
		_exit(EXIT_RUN_FAIL);
	}
	for (;;) {
		while ((w = waitpid(-1, &st, WNOHANG)) > 0)
			if (w == cmd)
				_exit(run_status(st));
		if (w < 0 && errno == ECHILD)
			_exit(EXIT_RUN_FAIL);
		if (read(sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo != SIGCHLD && si.ssi_code != SI_KERNEL)
			kill(cmd, (int)si.ssi_signo);
	}
}

static int run_parse(int argc, char **argv, struct sandbox_opts *o,
		     char ***cmd_argv)
{
	static const struct option opts[] = {
		{ "deny", required_argument, NULL, 'd' },
		{ "audit", no_argument, NULL, 'a' },
		{ "allow-device", required_argument, NULL, 'D' },
		{ "net", no_argument, NULL, 'N' },
		{ "hostname", required_argument, NULL, 'H' },
		{ "rootfs", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, ret;

	/* '+': options end at CMD, so CMD's own options stay its own. */
	while ((c = getopt_long(argc, argv, "+:d:aD:NH:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'N':
			o->net = true;
			break;
		case 'H':
			o->hostname = optarg;
			break;
		case 'r':
			if (!optarg[0]) {
				cli_usage_error(&cmd_run, "empty --rootfs");
				return EXIT_RUN_FAIL;
			}
			o->rootfs = optarg;
			break;
		case 'h':
			cli_help(&cmd_run);
			return -1;
		default:
			/* Usage errors of run end in its own exit code. */
			ret = cli_fence_option(&cmd_run, c, optarg, &o->req, o->devices);
			if (ret < 0)
				cli_bad_option(&cmd_run, c, argv);
			if (ret)
				return EXIT_RUN_FAIL;
		}
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_run, "CMD is missing");
		return EXIT_RUN_FAIL;
	}
	*cmd_argv = argv + optind;
	return 0;
}

/* --rootfs must name a directory with a proc directory in it. */
static int run_check_rootfs(const char *dir)
{
	char path[4096];
	struct stat sb;

	if (stat(dir, &sb) < 0) {
		cli_error(NULL, -errno, "run: --rootfs %s", dir);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		cli_error(NULL, -ENOTDIR, "run: --rootfs %s", dir);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/proc", dir);
	if (stat(path, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		cli_msg("run: --rootfs %s: no proc directory in it", dir);
		return -1;
	}
	return 0;
}

static int run_cmd(int argc, char **argv)
{
	struct run_init_arg ia;
	struct sandbox_opts o;
	sigset_t set, oldmask;
	struct sandbox sb;
	struct nsfence *h;
	int ret, st;

	sandbox_opts_init(&o, "run");
	ret = run_parse(argc, argv, &o, &ia.argv);
	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	if (o.rootfs && run_check_rootfs(o.rootfs) < 0)
		return EXIT_RUN_FAIL;

	/* Fail before creating anything when the module is missing. */
	if (cli_open(&h, "run"))
		return EXIT_RUN_FAIL;

	/* Blocked before clone: no signal is lost or acted on too early. */
	run_sigset(&set);
	sigprocmask(SIG_BLOCK, &set, &oldmask);
	ia.oldmask = &oldmask;
	ia.set = &set;

	ret = sandbox_start(&sb, &o, h, run_init, &ia);
	nsfence_close(h);
	if (ret < 0)
		return EXIT_RUN_FAIL;
	sandbox_test_pause("started");

	st = run_wait_forward(sb.pid, &set);
	if (st >= 0) {
		ret = run_status(st);
	} else {
		cli_error(NULL, st, "run: wait for pid %ld", (long)sb.pid);
		kill(sb.pid, SIGKILL);
		waitpid(sb.pid, NULL, 0);
		ret = EXIT_RUN_FAIL;
	}
	sandbox_end(&sb);
	/*
	 * The signal mask stays: a signal still pending must not kill us
	 * between here and exit and hide CMD's status.
	 */
	return ret;
}
