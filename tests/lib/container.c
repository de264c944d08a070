// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "container.h"
#include "ktap.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define STACK_SIZE (1 << 20)

struct child_args {
	int go_fd;		/* reads one byte: 'G' go, anything else: die */
	int parent_fd;		/* the parent's end, closed in the child */
	int (*body)(void *);
	void *arg;
};

static int child_main(void *p)
{
	struct child_args *a = p;
	char c = 0;

	close(a->parent_fd);
	/* Nothing of the body runs before the parent said the fence holds. */
	if (read(a->go_fd, &c, 1) != 1 || c != 'G')
		_exit(125);
	close(a->go_fd);
	fflush(stdout);
	_exit(a->body(a->arg) & 0xff);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t len = strlen(text);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

static int map_ids(pid_t pid)
{
	char path[64];
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	ret = write_file(path, "0 0 65536\n");
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "/proc/%d/setgroups", pid);
	ret = write_file(path, "deny\n");
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	return write_file(path, "0 0 65536\n");
}

static int fence_child(const struct container_opts *o, pid_t pid)
{
	struct nsfence_fence_req req = {
		.pid = pid,
		.ns_type = o->kind == CONTAINER_USERNS ? NSFENCE_NS_USER : NSFENCE_NS_PID,
		.classes = o->no_classes ? 0 : (o->classes ? o->classes : NSFENCE_CLASSES_ALL),
		.mode = o->audit ? NSFENCE_MODE_AUDIT : NSFENCE_MODE_ENFORCE,
		.nr_devices = o->nr_devices,
		.devices = o->devices,
	};
	struct nsfence *h;
	int ret;

	ret = nsfence_ns_inum(pid, req.ns_type, &req.ns_inum);
	if (ret)
		return ret;
	ret = nsfence_open(&h);
	if (ret)
		return ret;
	ret = nsfence_fence(h, &req);
	if (ret)
		fprintf(stdout, "# fence pid %d: %s: %s\n", pid, strerror(-ret),
			nsfence_errmsg(h));
	nsfence_close(h);
	return ret;
}

int container_run(const struct container_opts *o, int (*body)(void *), void *arg)
{
	int flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | SIGCHLD;
	struct child_args a = { .body = body, .arg = arg };
	int fds[2], status, ret = 0;
	char *stack;
	pid_t pid;

	if (!o->share_net)
		flags |= CLONE_NEWNET;
	if (!o->share_uts)
		flags |= CLONE_NEWUTS;
	if (o->kind == CONTAINER_USERNS)
		flags |= CLONE_NEWUSER;
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED) {
		ret = -errno;
		goto out_close;
	}
	a.go_fd = fds[0];
	a.parent_fd = fds[1];
	fflush(stdout);
	pid = clone(child_main, stack + STACK_SIZE, flags, &a);
	if (pid < 0) {
		ret = -errno;
		goto out_unmap;
	}
	if (o->kind == CONTAINER_USERNS)
		ret = map_ids(pid);
	if (!ret && o->fence)
		ret = fence_child(o, pid);
	/* Fail closed: without its go byte the child exits, body unrun. */
	if (!ret && write(fds[1], "G", 1) != 1)
		ret = -errno;
	close(fds[1]);
	fds[1] = -1;
	if (ret)
		kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) < 0) {
		if (!ret)
			ret = -errno;
	} else if (!ret) {
		ret = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
out_unmap:
	munmap(stack, STACK_SIZE);
out_close:
	close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	return ret;
}

int counters_get(struct nsfence_counters *c)
{
	struct nsfence_status st;
	struct nsfence *h;
	int ret;

	ret = nsfence_open(&h);
	if (ret)
		return ret;
	ret = nsfence_get_status(h, &st);
	nsfence_close(h);
	if (!ret)
		*c = st.counters;
	return ret;
}

void park(struct parked *p)
{
	int fds[2];
	char c;

	ASSERT_OK(pipe(fds));
	p->pid = ASSERT_OK(fork());
	if (p->pid == 0) {
		close(fds[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (unshare(CLONE_NEWUSER) || write(fds[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(fds[1]);
	ASSERT_EQ(1, read(fds[0], &c, 1));
	close(fds[0]);
	ASSERT_EQ(0, nsfence_ns_inum(p->pid, NSFENCE_NS_USER, &p->inum));
}

void unpark(struct parked *p)
{
	kill(p->pid, SIGKILL);
	waitpid(p->pid, NULL, 0);
}

uint32_t fence_count_wait(uint32_t want)
{
	struct nsfence_status st;
	struct nsfence *h;
	int i;

	ASSERT_EQ(0, nsfence_open(&h));
	for (i = 0; i < 100; i++) {
		ASSERT_EQ(0, nsfence_get_status(h, &st));
		if (st.fence_count == want)
			break;
		usleep(100000);
	}
	nsfence_close(h);
	return st.fence_count;
}

pid_t host_sleeper(void)
{
	pid_t pid = ASSERT_OK(fork());

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		pause();
		_exit(0);
	}
	return pid;
}

void host_sleeper_stop(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}
