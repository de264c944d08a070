// SPDX-License-Identifier: GPL-2.0
/*
 * Class "devices": a fenced task cannot open block devices or char devices
 * outside the allow-list (plus its fence's exceptions), cannot mknod
 * devices (the 0:0 overlayfs whiteout excepted), cannot mount a block
 * device (mount(2) and fsopen/fsconfig), and gets none of the lockdown
 * reasons of raw hardware access (ioperm, iopl, /proc/kcore).  Those, and
 * /dev/mem behind its node, are self-protection: denied in audit mode too.
 *
 * Device nodes are made by the unfenced test on /tmp: c 1:1 (mem),
 * b 7:0 (loop0, the loop module is loaded first).
 */
#define _GNU_SOURCE
#include "container.h"
#include "ktap.h"

#include <fcntl.h>
#include <linux/mount.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#define MEM_NODE "/tmp/nsfence-mem"
#define BLK_NODE "/tmp/nsfence-loop0"

static const struct container_opts rootful = { .kind = CONTAINER_ROOTFUL, .fence = true };
static const struct container_opts userns = { .kind = CONTAINER_USERNS, .fence = true };
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };

static void make_nodes(void)
{
	if (system("modprobe -q loop"))
		ktap_print("modprobe loop failed");
	unlink(MEM_NODE);
	unlink(BLK_NODE);
	ASSERT_OK(mknod(MEM_NODE, S_IFCHR | 0600, makedev(1, 1)));
	ASSERT_OK(mknod(BLK_NODE, S_IFBLK | 0600, makedev(7, 0)));
}

/* open(): 0 on success, else errno. */
static int try_open(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* @arg: 0 unfenced, 1 fenced, AUDITED fenced in audit mode. */
#define AUDITED 2

static int body_open(void *arg)
{
	int fenced = *(int *)arg, deny = fenced == 1 ? EPERM : 0;
	/* /dev/mem is kernel memory: self-protection, audit mode too. */
	int deny_mem = fenced ? EPERM : 0;

	/* The allow-list. */
	ASSERT_EQ(0, try_open("/dev/null", O_RDWR));
	ASSERT_EQ(0, try_open("/dev/zero", O_RDONLY));
	ASSERT_EQ(0, try_open("/dev/full", O_RDWR));
	ASSERT_EQ(0, try_open("/dev/urandom", O_RDONLY));
	ASSERT_EQ(0, try_open("/dev/random", O_RDONLY));
	ASSERT_EQ(0, try_open("/dev/ptmx", O_RDWR));
	/* Outside it. */
	ASSERT_EQ(deny_mem, try_open(MEM_NODE, O_RDONLY));
	ASSERT_EQ(deny, try_open(BLK_NODE, O_RDONLY));
	ASSERT_EQ(deny, try_open(BLK_NODE, O_RDWR));
	ASSERT_EQ(deny, try_open("/dev/kmsg", O_RDONLY));
	/* A regular file is no device. */
	ASSERT_EQ(0, try_open("/etc/passwd", O_RDONLY));
	return 0;
}

static void open_rootful(void)
{
	int fenced = 1;

	make_nodes();
	ASSERT_EQ(0, container_run(&rootful, body_open, &fenced));
}

static void open_userns(void)
{
	int fenced = 1;

	make_nodes();
	ASSERT_EQ(0, container_run(&userns, body_open, &fenced));
}

static void open_unfenced(void)
{
	int fenced = 0;

	make_nodes();
	ASSERT_EQ(0, container_run(&unfenced, body_open, &fenced));
}

static int body_exception(void *arg)
{
	(void)arg;
	ASSERT_EQ(0, try_open("/dev/kmsg", O_RDONLY));
	ASSERT_EQ(EPERM, try_open("/dev/kmsg", O_WRONLY));
	ASSERT_EQ(EPERM, try_open(BLK_NODE, O_RDONLY));
	/* Raw memory stays denied by its lockdown reason, exception or not. */
	ASSERT_EQ(EPERM, try_open(MEM_NODE, O_RDONLY));
	return 0;
}

/* A fence's exception "c 1:11 r" opens exactly that, for reading only. */
static void exception_read_only(void)
{
	struct nsfence_devrule rules[] = {
		{ .type = NSFENCE_DEV_CHAR, .major = 1, .minor = 11, .access = NSFENCE_DEV_READ },
		{ .type = NSFENCE_DEV_CHAR, .major = 1, .minor = 1, .access = NSFENCE_DEV_READ },
	};
	struct container_opts o = rootful;

	o.nr_devices = 2;
	o.devices = rules;
	make_nodes();
	ASSERT_EQ(0, container_run(&o, body_exception, NULL));
}

static int body_mknod(void *arg)
{
	int fenced = *(int *)arg;

	ASSERT_OK(mount("none", "/mnt", "tmpfs", 0, NULL));
	if (fenced) {
		ASSERT_ERRNO(EPERM, mknod("/mnt/mem", S_IFCHR | 0600, makedev(1, 1)));
		ASSERT_ERRNO(EPERM, mknod("/mnt/blk", S_IFBLK | 0600, makedev(7, 0)));
		ASSERT_ERRNO(EPERM, mknod("/mnt/null", S_IFCHR | 0600, makedev(1, 3)));
	} else {
		ASSERT_OK(mknod("/mnt/mem", S_IFCHR | 0600, makedev(1, 1)));
		ASSERT_OK(mknod("/mnt/blk", S_IFBLK | 0600, makedev(7, 0)));
	}
	/* The overlayfs whiteout (char 0:0), fifos and files stay allowed. */
	ASSERT_OK(mknod("/mnt/whiteout", S_IFCHR | 0600, makedev(0, 0)));
	ASSERT_OK(mknod("/mnt/fifo", S_IFIFO | 0600, 0));
	ASSERT_OK(mknod("/mnt/file", S_IFREG | 0600, 0));
	return 0;
}

static void mknod_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_mknod, &fenced));
}

static void mknod_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_mknod, &fenced));
}

static int body_mount(void *arg)
{
	int fenced = *(int *)arg, fs;

	/* mount(2): refused before the device is opened or parsed. */
	errno = 0;
	ASSERT_EQ(-1, mount(BLK_NODE, "/mnt", "ext4", MS_RDONLY, NULL));
	if (fenced)
		ASSERT_EQ(EPERM, errno);
	else
		ASSERT_NE(EPERM, errno);

	/* fsopen/fsconfig: the "source" of a block filesystem is refused. */
	fs = ASSERT_OK(syscall(SYS_fsopen, "ext4", FSOPEN_CLOEXEC));
	errno = 0;
	if (fenced)
		ASSERT_ERRNO(EPERM, syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING,
					    "source", BLK_NODE, 0));
	else
		ASSERT_EQ(0, syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING,
				     "source", BLK_NODE, 0));
	close(fs);

	/* A filesystem without a device stays mountable. */
	ASSERT_OK(mount("none", "/mnt", "tmpfs", 0, NULL));
	ASSERT_OK(umount("/mnt"));
	return 0;
}

static void require_ext4(void)
{
	if (system("grep -qw ext4 /proc/filesystems"))
		ktap_skip("ext4 not in /proc/filesystems");
}

static void mount_block_rootful(void)
{
	int fenced = 1;

	require_ext4();
	make_nodes();
	ASSERT_EQ(0, container_run(&rootful, body_mount, &fenced));
}

static void mount_block_unfenced(void)
{
	int fenced = 0;

	require_ext4();
	make_nodes();
	ASSERT_EQ(0, container_run(&unfenced, body_mount, &fenced));
}

static int body_raw(void *arg)
{
	int fenced = *(int *)arg;

	if (fenced) {
		ASSERT_ERRNO(EPERM, ioperm(0x80, 1, 1));
		ASSERT_ERRNO(EPERM, iopl(3));
		ASSERT_EQ(EPERM, try_open("/proc/kcore", O_RDONLY));
	} else {
		ASSERT_EQ(0, ioperm(0x80, 1, 1));
		ASSERT_EQ(0, try_open("/proc/kcore", O_RDONLY));
	}
	return 0;
}

static void raw_hardware_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_raw, &fenced));
}

static void raw_hardware_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_raw, &fenced));
}

static void denial_is_counted(void)
{
	struct nsfence_counters before, after;
	int fenced = 1;

	make_nodes();
	ASSERT_EQ(0, counters_get(&before));
	ASSERT_EQ(0, container_run(&rootful, body_open, &fenced));
	ASSERT_EQ(0, counters_get(&after));
	ASSERT_LE(after.denied[NSFENCE_CLASS_DEVICES] - 4, before.denied[NSFENCE_CLASS_DEVICES]);
}

static void audit_allows(void)
{
	struct container_opts o = rootful;
	int fenced = AUDITED;

	o.audit = true;
	make_nodes();
	ASSERT_EQ(0, container_run(&o, body_open, &fenced));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(open_rootful),
	KTAP_CASE(open_userns),
	KTAP_CASE(open_unfenced),
	KTAP_CASE(exception_read_only),
	KTAP_CASE(mknod_rootful),
	KTAP_CASE(mknod_unfenced),
	KTAP_CASE(mount_block_rootful),
	KTAP_CASE(mount_block_unfenced),
	KTAP_CASE(raw_hardware_rootful),
	KTAP_CASE(raw_hardware_unfenced),
	KTAP_CASE(denial_is_counted),
	KTAP_CASE(audit_allows),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
