// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include "mounts.h"
#include "ktap.h"

#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <unistd.h>

void own_mounts(void)
{
	ASSERT_OK(unshare(CLONE_NEWNS));
	ASSERT_OK(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
}

void make_mountpoint(char *dir)
{
	ASSERT_TRUE(mkdtemp(dir));
}

void remove_mountpoint(const char *dir)
{
	ASSERT_OK(umount2(dir, MNT_DETACH));
	ASSERT_OK(rmdir(dir));
}
