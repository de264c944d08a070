// SPDX-License-Identifier: GPL-2.0
/*
 * Disk quotas of host file systems: quotactl(2) changes ask CAP_SYS_ADMIN
 * in the initial user namespace, which a rootful container has, and name
 * the file system by a path (or, quotactl_fd(2), by a descriptor) that the
 * container reaches.  The host mounts an ext4 image with quotas
 * (quota.img, made at build time by mkfs.ext4 -O quota) on a loop device;
 * a rootful container sets a user's limits on it (Q_SETQUOTA, to none:
 * nothing changes) and reads them (Q_GETQUOTA, allowed).  Fenced: the
 * change is refused (kmod/hooks.c: nsfence_hook_quotactl()); the control,
 * unfenced, changes it.
 */
#define _GNU_SOURCE
#include "container.h"
#include "ktap.h"

#include <fcntl.h>
#include <limits.h>
#include <linux/loop.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/quota.h>
#include <sys/stat.h>
#include <unistd.h>

#define IMAGE		"quota.img"
#define MOUNTPOINT	"/tmp/nsfence-quota"
/* A user with no files there: its limits are set to none. */
#define SOME_UID	4242

static const struct container_opts fenced = {
	.kind = CONTAINER_ROOTFUL, .fence = true,
};
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };

static char loop_dev[32];
static const char *missing;

static int body_setquota(void *arg)
{
	bool denied = *(bool *)arg;
	struct dqblk dq;
	int err;

	memset(&dq, 0, sizeof(dq));
	ASSERT_OK(quotactl(QCMD(Q_GETQUOTA, USRQUOTA), loop_dev, SOME_UID,
			   (caddr_t)&dq));
	dq.dqb_valid = QIF_LIMITS;
	dq.dqb_bhardlimit = dq.dqb_bsoftlimit = 0;
	dq.dqb_ihardlimit = dq.dqb_isoftlimit = 0;
	err = quotactl(QCMD(Q_SETQUOTA, USRQUOTA), loop_dev, SOME_UID,
		       (caddr_t)&dq) ? errno : 0;
	if (err == (denied ? EPERM : 0))
		return 0;
	ktap_fail(__FILE__, __LINE__, "Q_SETQUOTA on a host file system: "
		  "expected %s, got %s", denied ? "EPERM" : "success",
		  err ? strerror(err) : "success");
	return 1;
}

static void run(const struct container_opts *o)
{
	bool denied = o->fence;

	if (missing)
		ktap_skip("%s", missing);
	ASSERT_EQ(0, container_run(o, body_setquota, &denied));
}

static void setquota_denied(void) { run(&fenced); }
static void setquota_unfenced(void) { run(&unfenced); }

static const struct ktap_case cases[] = {
	KTAP_CASE(setquota_denied),
	KTAP_CASE(setquota_unfenced),
};

/* The image, next to this program. */
static void image_path(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - sizeof(IMAGE) - 1);
	char *slash;

	buf[n > 0 ? n : 0] = '\0';
	slash = strrchr(buf, '/');
	strcpy(slash ? slash + 1 : buf, IMAGE);
}

/* The image on a free loop device, mounted with user quotas. */
static void setup(void)
{
	char image[PATH_MAX];
	int ctl, nr, loop, img = -1;

	image_path(image, sizeof(image));
	/* fs/quota registers fs.quota: no such sysctl, no CONFIG_QUOTA. */
	if (access("/proc/sys/fs/quota", F_OK)) {
		missing = "no disk quotas (CONFIG_QUOTA) on this kernel";
		return;
	}
	if (system("modprobe -q loop"))
		ktap_print("# modprobe loop failed");
	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	nr = ctl < 0 ? -1 : ioctl(ctl, LOOP_CTL_GET_FREE);
	if (nr < 0) {
		missing = "no loop devices";
		goto out;
	}
	snprintf(loop_dev, sizeof(loop_dev), "/dev/loop%d", nr);
	img = open(image, O_RDWR | O_CLOEXEC);
	loop = open(loop_dev, O_RDWR | O_CLOEXEC);
	if (img < 0 || loop < 0 || ioctl(loop, LOOP_SET_FD, img)) {
		fprintf(stderr, "nsfence: quota_test: %s on %s: %s\n", image,
			loop_dev, strerror(errno));
		exit(1);
	}
	close(loop);
	if ((mkdir(MOUNTPOINT, 0755) && errno != EEXIST) ||
	    mount(loop_dev, MOUNTPOINT, "ext4", 0, "usrquota")) {
		fprintf(stderr, "nsfence: quota_test: mount %s: %s\n", loop_dev,
			strerror(errno));
		exit(1);
	}
out:
	if (img >= 0)
		close(img);
	if (ctl >= 0)
		close(ctl);
}

static void teardown(void)
{
	int loop;

	if (missing)
		return;
	umount(MOUNTPOINT);
	rmdir(MOUNTPOINT);
	loop = open(loop_dev, O_RDWR | O_CLOEXEC);
	if (loop >= 0) {
		ioctl(loop, LOOP_CLR_FD, 0);
		close(loop);
	}
}

int main(void)
{
	return ktap_run_with(cases, KTAP_COUNT(cases), setup, teardown);
}
