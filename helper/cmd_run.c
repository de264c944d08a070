// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence run [--deny CLASSES] [--audit] [--allow-device RULE]... [--net]
 *             [--hostname NAME] -- CMD [ARGS...]
 *
 * Three processes:
 *
 *   nsfence (parent)          sandbox init (pid 1)        CMD (pid 2)
 *   clone(NEWUSER|NEWNS|...) ----> blocks on the pipe
 *   allocates the id range
 *   writes uid_map, gid_map
 *   fences the user ns
 *   writes "go" ------------------> drops groups, becomes 0:0,
 *                                  mounts /proc, fork --------> execvp(CMD)
 *   forwards signals -------------> forwards signals ----------> ...
 *   waits, frees the range <------- exits with CMD's status <--- exits
 *
 * Fail closed: if anything before "go" fails the parent kills the child;
 * a child that reads EOF instead of "go" exits without running CMD.
 * The init process exists because a pid namespace's init ignores signals
 * it has no handler for: CMD as pid 1 could not be stopped with SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <grp.h>

#include <linux/sched.h>

#include "cli.h"
#include "idrange.h"

static int run_cmd(int argc, char **argv);

const struct cli_cmd cmd_run = {
	.name = "run",
	.run = run_cmd,
	.summary = "run a command in new, fenced namespaces",
	.usage =
	"Usage: nsfence run [--deny CLASSES] [--audit] [--allow-device RULE]...\n"
	"                   [--net] [--hostname NAME] [--] CMD [ARGS...]\n"
	"\n"
	"Run CMD as root of new user, mount, pid, uts, ipc and cgroup\n"
	"namespaces (and a network namespace with --net), with an exclusive\n"
	"range of 65536 host ids, and a fence on the new user namespace that\n"
	"is in place before CMD starts.  If the fence cannot be set, CMD does\n"
	"not run.  Needs root.\n"
	"\n"
	"  -d, --deny CLASSES       deny classes (default all), as for fence\n"
	"  -a, --audit              allow and report instead of denying\n"
	"  -D, --allow-device RULE  allow a device (\"c 10:237 rw\"); repeatable\n"
	"  -N, --net                also a new network namespace (only lo)\n"
	"  -H, --hostname NAME      host name in the new uts namespace\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit: the status of CMD (128+N when killed by signal N); 125 when\n"
	"nsfence itself failed (usage, module not loaded, setup, fencing),\n"
	"126 when CMD could not be executed, 127 when CMD was not found.\n",
};

struct run_opts {
	struct nsfence_fence_req req;
	struct nsfence_devrule devices[NSFENCE_MAX_DEVICES];
	bool net;
	const char *hostname;
	char **argv;
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

/* pid 1 of the sandbox: start CMD, reap orphans, pass signals on. */
static void run_init(const struct run_opts *o, const sigset_t *oldmask,
		     const sigset_t *set)
{
	struct signalfd_siginfo si;
	int sfd, st, err;
	pid_t cmd, w;

	cmd = fork();
	if (cmd < 0) {
		cli_error(NULL, -errno, "run: fork");
		_exit(EXIT_RUN_FAIL);
	}
	if (!cmd) {
		sigprocmask(SIG_SETMASK, oldmask, NULL);
		execvp(o->argv[0], o->argv);
		err = errno;
		cli_error(NULL, -err, "run: %s", o->argv[0]);
		_exit(err == ENOENT ? EXIT_RUN_NOENT : EXIT_RUN_NOEXEC);
	}

	sfd = signalfd(-1, set, SFD_CLOEXEC);
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

/* Has the writer of @fd closed it (the parent exited)? */
static bool run_parent_gone(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) != 0 && (p.revents & (POLLHUP | POLLERR));
}

/* The cloned child: wait for "go", finish the sandbox, become its init. */
static void run_child(const struct run_opts *o, int go_fd, int nl_fd,
		      const sigset_t *oldmask, const sigset_t *set)
{
	char c;

	close(nl_fd);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		_exit(EXIT_RUN_FAIL);
	/* EOF: the parent failed or died before fencing us. Never run CMD. */
	if (read(go_fd, &c, 1) != 1 || c != 'g')
		_exit(EXIT_RUN_FAIL);

	if (setgroups(0, NULL) < 0) {
		cli_error(NULL, -errno, "run: setgroups");
		_exit(EXIT_RUN_FAIL);
	}
	if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0) {
		cli_error(NULL, -errno, "run: become root of the namespace");
		_exit(EXIT_RUN_FAIL);
	}
	/*
	 * A credential change clears the parent-death signal: set it again,
	 * then make sure the parent did not die in between (it keeps its end
	 * of the pipe open for its whole life: hang-up means gone).
	 */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || run_parent_gone(go_fd))
		_exit(EXIT_RUN_FAIL);
	close(go_fd);
	if (o->hostname && sethostname(o->hostname, strlen(o->hostname)) < 0) {
		cli_error(NULL, -errno, "run: sethostname %s", o->hostname);
		_exit(EXIT_RUN_FAIL);
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		cli_error(NULL, -errno, "run: make / private");
		_exit(EXIT_RUN_FAIL);
	}
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL) < 0) {
		cli_error(NULL, -errno, "run: mount /proc");
		_exit(EXIT_RUN_FAIL);
	}
	run_init(o, oldmask, set);
}

static pid_t run_clone(uint64_t flags)
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

static int run_write_map(pid_t pid, const char *file, uint32_t base)
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

/*
 * Parent side between clone and "go": ids, maps, fence.  Returns 0, or an
 * error already reported.
 */
static int run_setup(struct nsfence *h, struct run_opts *o, pid_t child,
		     struct idrange *ids)
{
	char err[128];
	int ret;

	ret = idrange_alloc(&idrange_default_conf, child, ids, err,
			    sizeof(err));
	if (ret < 0) {
		cli_error(NULL, ret, "run: id range: %s", err);
		return ret;
	}
	ret = run_write_map(child, "uid_map", ids->base);
	if (!ret)
		ret = run_write_map(child, "gid_map", ids->base);
	if (ret < 0) {
		cli_error(NULL, ret, "run: write id maps of pid %ld",
			  (long)child);
		goto out_release;
	}

	o->req.pid = (uint32_t)child;
	o->req.ns_type = NSFENCE_NS_USER;
	ret = nsfence_ns_inum(child, NSFENCE_NS_USER, &o->req.ns_inum);
	if (ret < 0) {
		cli_error(NULL, ret, "run: /proc/%ld/ns/user", (long)child);
		goto out_release;
	}
	ret = nsfence_fence(h, &o->req);
	if (ret < 0) {
		cli_error_admin(h, ret, "run: fence pid %ld", (long)child);
		goto out_release;
	}
	return 0;

out_release:
	idrange_release(&idrange_default_conf, ids);
	return ret;
}

static int run_parse(int argc, char **argv, struct run_opts *o)
{
	static const struct option opts[] = {
		{ "deny", required_argument, NULL, 'd' },
		{ "audit", no_argument, NULL, 'a' },
		{ "allow-device", required_argument, NULL, 'D' },
		{ "net", no_argument, NULL, 'N' },
		{ "hostname", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	/* '+': options end at CMD, so CMD's own options stay its own. */
	while ((c = getopt_long(argc, argv, "+:d:aD:NH:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (nsfence_parse_classes(optarg, &o->req.classes) < 0) {
				cli_usage_error(&cmd_run, "bad class list '%s'",
						optarg);
				return EXIT_RUN_FAIL;
			}
			break;
		case 'a':
			o->req.mode = NSFENCE_MODE_AUDIT;
			break;
		case 'D':
			if (o->req.nr_devices >= NSFENCE_MAX_DEVICES ||
			    nsfence_parse_devrule(optarg,
						  &o->devices[o->req.nr_devices]) < 0) {
				cli_usage_error(&cmd_run,
						"bad or too many device rules '%s'",
						optarg);
				return EXIT_RUN_FAIL;
			}
			o->req.nr_devices++;
			break;
		case 'N':
			o->net = true;
			break;
		case 'H':
			o->hostname = optarg;
			break;
		case 'h':
			cli_help(&cmd_run);
			return -1;
		default:
			cli_bad_option(&cmd_run, c, argv);
			return EXIT_RUN_FAIL;
		}
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_run, "CMD is missing");
		return EXIT_RUN_FAIL;
	}
	o->argv = argv + optind;
	return 0;
}

static int run_cmd(int argc, char **argv)
{
	uint64_t flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID |
			 CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP;
	struct run_opts o = {
		.req = {
			.classes = NSFENCE_CLASSES_ALL,
			.mode = NSFENCE_MODE_ENFORCE,
		},
	};
	sigset_t set, oldmask;
	struct idrange ids;
	struct nsfence *h;
	int go[2], ret, st;
	pid_t child;

	o.req.devices = o.devices;
	ret = run_parse(argc, argv, &o);
	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	if (o.net)
		flags |= CLONE_NEWNET;

	/* Fail before creating anything when the module is missing. */
	if (cli_open(&h, "run"))
		return EXIT_RUN_FAIL;
	if (pipe2(go, O_CLOEXEC) < 0) {
		cli_error(NULL, -errno, "run: pipe");
		nsfence_close(h);
		return EXIT_RUN_FAIL;
	}

	/* Blocked before clone: no signal is lost or acted on too early. */
	run_sigset(&set);
	sigprocmask(SIG_BLOCK, &set, &oldmask);
	fflush(NULL);

	child = run_clone(flags);
	if (child < 0) {
		cli_error(NULL, -errno, "run: clone");
		ret = EXIT_RUN_FAIL;
		goto out_close;
	}
	if (!child) {
		close(go[1]);
		run_child(&o, go[0], nsfence_fd(h), &oldmask, &set);
		_exit(EXIT_RUN_FAIL);
	}
	close(go[0]);
	go[0] = -1;

	if (run_setup(h, &o, child, &ids) < 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		ret = EXIT_RUN_FAIL;
		goto out_close;
	}
	nsfence_close(h);
	h = NULL;
	/* go[1] stays open until we exit: the child watches it. */
	if (write(go[1], "g", 1) != 1) {
		cli_error(NULL, -errno, "run: start pid %ld", (long)child);
		kill(child, SIGKILL);
	}

	st = run_wait_forward(child, &set);
	if (st >= 0) {
		ret = run_status(st);
	} else {
		cli_error(NULL, st, "run: wait for pid %ld", (long)child);
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		ret = EXIT_RUN_FAIL;
	}
	idrange_release(&idrange_default_conf, &ids);

	/*
	 * The signal mask stays: a signal still pending must not kill us
	 * between here and exit and hide CMD's status.
	 */
out_close:
	if (go[0] >= 0)
		close(go[0]);
	if (go[1] >= 0)
		close(go[1]);
	nsfence_close(h);
	return ret;
}
