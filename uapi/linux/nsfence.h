/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nsfence - generic netlink contract between the nsfence kernel module
 * and userspace.
 *
 * Family NSFENCE_GENL_NAME, version NSFENCE_GENL_VERSION, registered in the
 * initial network namespace only.  Every attribute is validated by a strict
 * policy; unknown attributes, commands and bits are rejected with an extack
 * message.  Nothing else crosses the kernel/user boundary.
 */
#ifndef _UAPI_LINUX_NSFENCE_H
#define _UAPI_LINUX_NSFENCE_H

#include <linux/types.h>

#define NSFENCE_GENL_NAME	"nsfence"
#define NSFENCE_GENL_VERSION	1
#define NSFENCE_MCGRP_DENIALS	"denials"

/**
 * enum nsfence_cmd - generic netlink commands
 * @NSFENCE_CMD_UNSPEC: invalid
 * @NSFENCE_CMD_STATUS: read the module status (any unfenced caller)
 * @NSFENCE_CMD_FENCE: fence a namespace, or replace its policy (admin)
 * @NSFENCE_CMD_UNFENCE: remove a fence by namespace type and inode (admin)
 * @NSFENCE_CMD_LIST: dump every fence (any unfenced caller)
 * @NSFENCE_CMD_LOCK: one-way switch: no unfence, no loosening, no unload
 * @NSFENCE_CMD_DENIAL: event on the "denials" multicast group, never a
 *	request.  Attributes: CLASS, MODE, PID, TGID (initial pid namespace),
 *	COMM, NS_TYPE and NS_INUM of the fence that hit, OBJECT, DROPPED.
 *	Subscribing needs CAP_SYS_ADMIN and an unfenced caller.
 */
enum nsfence_cmd {
	NSFENCE_CMD_UNSPEC,
	NSFENCE_CMD_STATUS,
	NSFENCE_CMD_FENCE,
	NSFENCE_CMD_UNFENCE,
	NSFENCE_CMD_LIST,
	NSFENCE_CMD_LOCK,
	NSFENCE_CMD_DENIAL,

	__NSFENCE_CMD_MAX,
};

#define NSFENCE_CMD_MAX (__NSFENCE_CMD_MAX - 1)

/**
 * enum nsfence_ns_type - kinds of namespace a fence can be put on
 * @NSFENCE_NS_USER: a user namespace (and every namespace below it)
 * @NSFENCE_NS_PID: a pid namespace (and every namespace below it)
 * @NSFENCE_NS_DEFAULT: the default fence (at most one, NS_INUM 0): every
 *	task outside the initial user and pid namespaces that no fence of
 *	its user and pid namespace chains applies to.  FENCE and UNFENCE
 *	name it by NS_TYPE alone; a fence on a namespace takes its place
 *	there (an exemption, when it is looser: refused once locked)
 */
enum nsfence_ns_type {
	NSFENCE_NS_USER = 1,
	NSFENCE_NS_PID = 2,
	NSFENCE_NS_DEFAULT = 3,
};

/**
 * enum nsfence_class - deny classes, as bit numbers
 * @NSFENCE_CLASS_MODULES: module auto-load (also by a kernel thread for
 *	the task: the crypto manager), module unload (CAP_SYS_MODULE)
 * @NSFENCE_CLASS_SYSCTL: global kernel knobs: writes (and chmod, chown) to
 *	/proc/sys entries not owned by the task's own non-initial
 *	namespaces, to sysfs (but its own netns's devices), to procfs outside
 *	/proc/PID, to configfs (entries made or removed too); syslog(2)
 *	actions that consume or change the log or the console; the host's
 *	clocks (CAP_SYS_TIME), host and domain names, network configuration
 *	(CAP_NET_ADMIN in the host's network namespace); TIOCCONS
 * @NSFENCE_CLASS_DEVICES: raw device access: block devices, char devices
 *	outside the allow-list, mknod, block-device mounts, TIOCSSERIAL
 * @NSFENCE_CLASS_SELF: self-protection, implied by every fence, enforced
 *	in audit mode too, reported on its own (never set in
 *	NSFENCE_A_CLASSES): switching nsfence off; code into the kernel
 *	(init_module, kexec) or a program run as host root (usermode-helper
 *	sysctls, module parameters, release_agent, binfmt_misc); kernel
 *	memory and raw hardware (/dev/mem, kcore, I/O ports, ...); tracing
 *	BPF and perf, BPF objects by global id or pinned in bpffs (and
 *	changes to bpffs), CAP_PERFMON to the BPF verifier; swapon, swapoff;
 *	TIOCSTI; fanotify
 *	filesystem marks and open by handle on host filesystems; processes
 *	outside the fence (ptrace, signals, /proc/PID writes)
 */
enum nsfence_class {
	NSFENCE_CLASS_MODULES,
	NSFENCE_CLASS_SYSCTL,
	NSFENCE_CLASS_DEVICES,
	NSFENCE_CLASS_SELF,

	__NSFENCE_CLASS_COUNT,
};

#define NSFENCE_CLASSES_ALL \
	((1U << NSFENCE_CLASS_MODULES) | (1U << NSFENCE_CLASS_SYSCTL) | \
	 (1U << NSFENCE_CLASS_DEVICES))

/**
 * enum nsfence_mode - what a fence does on a hit
 * @NSFENCE_MODE_ENFORCE: deny with -EPERM, count and report
 * @NSFENCE_MODE_AUDIT: allow, count and report
 */
enum nsfence_mode {
	NSFENCE_MODE_ENFORCE,
	NSFENCE_MODE_AUDIT,
};

/* Access bits of a device exception, as in the device cgroup: r, w, m. */
#define NSFENCE_DEV_READ	0x1U
#define NSFENCE_DEV_WRITE	0x2U
#define NSFENCE_DEV_MKNOD	0x4U
#define NSFENCE_DEV_ACCESS_ALL \
	(NSFENCE_DEV_READ | NSFENCE_DEV_WRITE | NSFENCE_DEV_MKNOD)

/* A major or minor of NSFENCE_DEV_ANY matches every number ("*"). */
#define NSFENCE_DEV_ANY		0xffffffffU

/* Device kinds of a device exception. */
#define NSFENCE_DEV_CHAR	1
#define NSFENCE_DEV_BLOCK	2

/* Longest NSFENCE_A_OBJECT of an event, including the final NUL. */
#define NSFENCE_OBJECT_MAX	128

/* At most this many device exceptions in one fence. */
#define NSFENCE_MAX_DEVICES	64

/**
 * enum nsfence_attr - top-level attributes
 * @NSFENCE_A_UNSPEC: invalid
 * @NSFENCE_A_VERSION: u32, family version (STATUS)
 * @NSFENCE_A_LOCKED: u8, 1 when locked (STATUS)
 * @NSFENCE_A_ATTACH: string, "ftrace" (loadable) or "lsm" (built-in)
 * @NSFENCE_A_HOOKS: string, comma-separated list of attached hooks
 * @NSFENCE_A_FENCE_COUNT: u32, number of fences (STATUS)
 * @NSFENCE_A_PID: u32, a pid in the caller's pid namespace (FENCE; events)
 * @NSFENCE_A_NS_TYPE: u32, enum nsfence_ns_type
 * @NSFENCE_A_NS_INUM: u32, the namespace's inode number, as the caller
 *	sees it in /proc/PID/ns/; FENCE refuses a mismatch (pid reuse guard)
 * @NSFENCE_A_CLASSES: u32, bit mask of enum nsfence_class (no SELF bit)
 * @NSFENCE_A_MODE: u32, enum nsfence_mode
 * @NSFENCE_A_DEVICES: nested, list of NSFENCE_A_DEVICE
 * @NSFENCE_A_DEVICE: nested, enum nsfence_dev_attr
 * @NSFENCE_A_CREATED: u64, CLOCK_BOOTTIME nanoseconds of the fence's creation
 * @NSFENCE_A_COUNTERS: nested, list of NSFENCE_A_COUNTER
 * @NSFENCE_A_COUNTER: nested, enum nsfence_counter_attr
 * @NSFENCE_A_TGID: u32, thread group of the task (events)
 * @NSFENCE_A_COMM: string, the task's comm (events)
 * @NSFENCE_A_CLASS: u32, enum nsfence_class (events)
 * @NSFENCE_A_OBJECT: string, at most NSFENCE_OBJECT_MAX bytes with the
 *	NUL, what was denied (events): a module name or alias ("net-pf-30"),
 *	"init_module", "kexec_load", a module file's path, "cap_sys_module",
 *	a sysctl path below /proc/sys ("kernel/core_pattern"), a device
 *	("c 1:1", "b 254:0"), a filesystem type ("fstype ext4"), a
 *	lockdown reason ("lockdown tracefs"), a pseudo file by its file
 *	system and path ("sysfs:/module/printk/parameters/time",
 *	"proc:/sysrq-trigger"), or the operation
 *	("syslog", "cap_sys_time", "ioctl TIOCSTI", "bpf tracing program",
 *	"process outside the fence", "cgroup release_agent", ...)
 * @NSFENCE_A_DROPPED: u64, events not delivered (rate limit, full queue,
 *	no memory, listener overrun): module-wide in STATUS and events, of
 *	one fence in LIST
 * @NSFENCE_A_PAD: padding for 64-bit attributes
 */
enum nsfence_attr {
	NSFENCE_A_UNSPEC,
	NSFENCE_A_VERSION,
	NSFENCE_A_LOCKED,
	NSFENCE_A_ATTACH,
	NSFENCE_A_HOOKS,
	NSFENCE_A_FENCE_COUNT,
	NSFENCE_A_PID,
	NSFENCE_A_NS_TYPE,
	NSFENCE_A_NS_INUM,
	NSFENCE_A_CLASSES,
	NSFENCE_A_MODE,
	NSFENCE_A_DEVICES,
	NSFENCE_A_DEVICE,
	NSFENCE_A_CREATED,
	NSFENCE_A_COUNTERS,
	NSFENCE_A_COUNTER,
	NSFENCE_A_TGID,
	NSFENCE_A_COMM,
	NSFENCE_A_CLASS,
	NSFENCE_A_OBJECT,
	NSFENCE_A_DROPPED,
	NSFENCE_A_PAD,

	__NSFENCE_A_MAX,
};

#define NSFENCE_A_MAX (__NSFENCE_A_MAX - 1)

/**
 * enum nsfence_dev_attr - attributes of one device exception
 * @NSFENCE_DEV_A_UNSPEC: invalid
 * @NSFENCE_DEV_A_TYPE: u32, NSFENCE_DEV_CHAR or NSFENCE_DEV_BLOCK
 * @NSFENCE_DEV_A_MAJOR: u32, major number or NSFENCE_DEV_ANY
 * @NSFENCE_DEV_A_MINOR: u32, minor number or NSFENCE_DEV_ANY
 * @NSFENCE_DEV_A_ACCESS: u32, NSFENCE_DEV_READ | _WRITE | _MKNOD
 */
enum nsfence_dev_attr {
	NSFENCE_DEV_A_UNSPEC,
	NSFENCE_DEV_A_TYPE,
	NSFENCE_DEV_A_MAJOR,
	NSFENCE_DEV_A_MINOR,
	NSFENCE_DEV_A_ACCESS,

	__NSFENCE_DEV_A_MAX,
};

#define NSFENCE_DEV_A_MAX (__NSFENCE_DEV_A_MAX - 1)

/**
 * enum nsfence_counter_attr - attributes of one per-class counter
 * @NSFENCE_CNT_A_UNSPEC: invalid
 * @NSFENCE_CNT_A_CLASS: u32, enum nsfence_class
 * @NSFENCE_CNT_A_DENIED: u64, operations denied (enforce mode)
 * @NSFENCE_CNT_A_AUDITED: u64, operations allowed and reported (audit mode)
 * @NSFENCE_CNT_A_PAD: padding for 64-bit attributes
 */
enum nsfence_counter_attr {
	NSFENCE_CNT_A_UNSPEC,
	NSFENCE_CNT_A_CLASS,
	NSFENCE_CNT_A_DENIED,
	NSFENCE_CNT_A_AUDITED,
	NSFENCE_CNT_A_PAD,

	__NSFENCE_CNT_A_MAX,
};

#define NSFENCE_CNT_A_MAX (__NSFENCE_CNT_A_MAX - 1)

#endif /* _UAPI_LINUX_NSFENCE_H */
