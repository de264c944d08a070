/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mounts of a test: in a mount namespace of the caller's own, where
 * nothing propagates to the VM's, on mount points made on the host's
 * /tmp (a tmpfs) and removed after use.
 */
#ifndef NSFENCE_TESTS_MOUNTS_H
#define NSFENCE_TESTS_MOUNTS_H

/* A mkdtemp() template: char dir[] = MNT_TEMPLATE; make_mountpoint(dir). */
#define MNT_TEMPLATE "/tmp/nsfence-mnt-XXXXXX"

/*
 * A mount namespace of the caller's own, every mount private: what is
 * mounted next is neither seen by the VM's namespace nor propagated to it.
 */
void own_mounts(void);
/* @dir: a MNT_TEMPLATE buffer, made into a fresh directory. */
void make_mountpoint(char *dir);
/* Detaches what is mounted on @dir, then removes it. */
void remove_mountpoint(const char *dir);

#endif /* NSFENCE_TESTS_MOUNTS_H */
