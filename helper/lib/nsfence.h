/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnsfence - userspace access to the nsfence generic netlink family.
 *
 * Every function that can fail returns 0 (or a documented non-negative
 * value) on success and a negative errno on failure.  A handle keeps the
 * kernel's extended-ACK text of its last failed call (nsfence_errmsg());
 * the library keeps no other state.  A handle must not be used by two
 * threads at once; separate handles are independent.
 *
 * Link with: libnsfence.a $(pkg-config --libs libnl-genl-3.0)
 * Include path: -I<top>/uapi (this header includes <linux/nsfence.h>).
 */
#ifndef NSFENCE_LIB_H
#define NSFENCE_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/nsfence.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this library and of the nsfence CLI built with it. */
#define NSFENCE_LIB_VERSION "0.1.0"

/* Size of the buffer nsfence_errmsg() returns, including the NUL. */
#define NSFENCE_ERRMSG_MAX 256

/**
 * struct nsfence - opaque handle: netlink socket, family id, last error text
 */
struct nsfence;

/**
 * nsfence_open() - connect to the nsfence generic netlink family
 * @out: receives the new handle; untouched on failure
 *
 * Return: 0, -ENOENT when the family is not registered (module not loaded),
 * or another negative errno (-ENOMEM, -EPROTONOSUPPORT, ...).
 */
int nsfence_open(struct nsfence **out);

/** nsfence_close() - close a handle; NULL is accepted. */
void nsfence_close(struct nsfence *h);

/**
 * nsfence_fd() - the handle's netlink socket (close-on-exec)
 *
 * For poll(), or for a forked child that must not keep the socket: it
 * may close() it and must then not use @h again.  -EINVAL for NULL.
 */
int nsfence_fd(const struct nsfence *h);

/**
 * nsfence_errmsg() - explanation of the last failed call on @h
 *
 * The kernel's extended-ACK message (or, when the kernel gave none but
 * named a missing attribute, "missing attribute NAME"; or a short text for
 * errors the library found itself, e.g. a malformed reply).  "" when the
 * last call succeeded or no text is known.  Never NULL; "" for h == NULL.
 * Valid until the next call on @h.
 */
const char *nsfence_errmsg(const struct nsfence *h);

/**
 * struct nsfence_devrule - one device exception, device-cgroup style
 * @type: NSFENCE_DEV_CHAR or NSFENCE_DEV_BLOCK
 * @major: major number or NSFENCE_DEV_ANY
 * @minor: minor number or NSFENCE_DEV_ANY
 * @access: NSFENCE_DEV_READ | NSFENCE_DEV_WRITE | NSFENCE_DEV_MKNOD
 */
struct nsfence_devrule {
	uint32_t type, major, minor, access;
};

/**
 * struct nsfence_fence_req - arguments of nsfence_fence()
 * @pid: a task of the namespace, in the caller's pid namespace
 * @ns_type: NSFENCE_NS_USER or NSFENCE_NS_PID
 * @ns_inum: inode number of the namespace (nsfence_ns_inum())
 * @classes: bit mask of (1U << NSFENCE_CLASS_*); sent as given, so 0 is a
 *	fence with self-protection only.  Use NSFENCE_CLASSES_ALL for all.
 * @mode: NSFENCE_MODE_ENFORCE (0) or NSFENCE_MODE_AUDIT
 * @nr_devices: number of entries in @devices (0: none sent)
 * @devices: device exceptions added to the default allow-list
 *
 * Values are not checked by the library (the kernel checks them and
 * explains a refusal in nsfence_errmsg()); only @devices == NULL with
 * @nr_devices > 0 (-EINVAL) and @nr_devices > NSFENCE_REQ_MAX_DEVICES
 * (-E2BIG) are refused locally.
 */
struct nsfence_fence_req {
	uint32_t pid, ns_type, ns_inum, classes, mode;
	unsigned int nr_devices;
	const struct nsfence_devrule *devices;
};

/* Local sanity cap on nr_devices; the kernel's limit is NSFENCE_MAX_DEVICES. */
#define NSFENCE_REQ_MAX_DEVICES 1024

/** nsfence_fence() - FENCE: fence a namespace or replace its policy. */
int nsfence_fence(struct nsfence *h, const struct nsfence_fence_req *req);

/** nsfence_unfence() - UNFENCE: remove the fence of a namespace. */
int nsfence_unfence(struct nsfence *h, uint32_t ns_type, uint32_t ns_inum);

/** nsfence_lock() - LOCK: one way, until reboot. */
int nsfence_lock(struct nsfence *h);

/**
 * struct nsfence_counters - per-class counters, indexed by enum nsfence_class
 * @denied: operations denied (enforce mode)
 * @audited: operations allowed and reported (audit mode)
 *
 * Classes the kernel did not report stay 0; classes unknown to this
 * library (a newer kernel) are ignored.
 */
struct nsfence_counters {
	uint64_t denied[__NSFENCE_CLASS_COUNT], audited[__NSFENCE_CLASS_COUNT];
};

/**
 * struct nsfence_status - reply of STATUS
 * @version: family version (NSFENCE_A_VERSION)
 * @locked: 1 when locked, else 0
 * @attach: "ftrace" or "lsm" (truncated to fit, always NUL-terminated)
 * @hooks: comma-separated hook list (truncated to fit, NUL-terminated)
 * @fence_count: number of fences
 * @dropped: denial events not delivered since the module was loaded
 * @counters: module-wide counters per class
 */
struct nsfence_status {
	uint32_t version;
	int locked;
	char attach[16];
	char hooks[512];
	uint32_t fence_count;
	uint64_t dropped;
	struct nsfence_counters counters;
};

/**
 * nsfence_get_status() - STATUS
 *
 * @st is zeroed first.  Return: 0, -EPROTO for a malformed reply (no
 * NSFENCE_A_VERSION, wrong type or size of an attribute), or -errno.
 */
int nsfence_get_status(struct nsfence *h, struct nsfence_status *st);

/**
 * struct nsfence_fence_info - one fence of a LIST dump
 * @ns_type: NSFENCE_NS_USER or NSFENCE_NS_PID
 * @ns_inum: inode number of the namespace
 * @classes: deny classes
 * @mode: enum nsfence_mode
 * @created_ns: CLOCK_BOOTTIME nanoseconds of the fence's creation
 * @nr_devices: number of valid entries in @devices
 * @devices: device exceptions of the fence
 * @counters: counters of the fence
 * @dropped: denial events of the fence that were dropped (rate limit,
 *	full queue)
 */
struct nsfence_fence_info {
	uint32_t ns_type, ns_inum, classes, mode;
	uint64_t created_ns;
	uint64_t dropped;
	unsigned int nr_devices;
	struct nsfence_devrule devices[NSFENCE_MAX_DEVICES];
	struct nsfence_counters counters;
};

/* Called once per fence; a non-zero return stops the listing. */
typedef int (*nsfence_list_cb)(const struct nsfence_fence_info *f, void *arg);

/**
 * nsfence_list() - LIST: call @cb for every fence
 *
 * @f passed to @cb is only valid during the call.  When @cb returns
 * non-zero, @cb is not called again, the rest of the dump is read and
 * dropped (the handle stays usable) and nsfence_list() returns that value.
 * Return: 0 after the last fence, @cb's non-zero value, -EPROTO for a
 * malformed message (no NS_TYPE/NS_INUM, more than NSFENCE_MAX_DEVICES
 * device rules, ...), or -errno (-EAGAIN: dump interrupted, retry).
 */
int nsfence_list(struct nsfence *h, nsfence_list_cb cb, void *arg);

/**
 * struct nsfence_event - one event of the "denials" multicast group
 * @cls: enum nsfence_class
 * @mode: NSFENCE_MODE_ENFORCE (denied) or NSFENCE_MODE_AUDIT (allowed)
 * @pid: the task, in the initial pid namespace
 * @tgid: its thread group, in the initial pid namespace
 * @ns_type: type of the namespace of the fence that hit
 * @ns_inum: inode number of that namespace
 * @comm: the task's comm (NUL-terminated)
 * @object: what was denied, as the kernel spells it (NSFENCE_A_OBJECT)
 * @dropped: events dropped module-wide so far, at the time of this event
 */
struct nsfence_event {
	uint32_t cls, mode, pid, tgid, ns_type, ns_inum;
	char comm[17];
	char object[NSFENCE_OBJECT_MAX];
	uint64_t dropped;
};

/**
 * struct nsfence_monitor - opaque: a socket subscribed to "denials"
 */
struct nsfence_monitor;

/**
 * nsfence_monitor_open() - subscribe to denial events
 * @out: receives the handle
 *
 * A socket of its own, joined to the "denials" group of the family, with
 * sequence checks off and a large receive buffer.
 * Return: 0, -ENOENT (module not loaded), -EPERM (needs CAP_SYS_ADMIN;
 * the kernel may refuse fenced callers), or -errno.
 */
int nsfence_monitor_open(struct nsfence_monitor **out);

/** nsfence_monitor_close() - unsubscribe and free; NULL is accepted. */
void nsfence_monitor_close(struct nsfence_monitor *m);

/** nsfence_monitor_fd() - the socket, for poll(); -EINVAL for NULL. */
int nsfence_monitor_fd(const struct nsfence_monitor *m);

/* Called once per event; a non-zero return stops nsfence_monitor_next(). */
typedef int (*nsfence_event_cb)(const struct nsfence_event *ev, void *arg);

/**
 * nsfence_monitor_next() - wait for events and pass them to @cb
 *
 * Blocks until at least one datagram arrives (unless the socket was made
 * non-blocking through nsfence_monitor_fd()), then calls @cb for each
 * event in it, in order.  Messages that are not well-formed events are
 * skipped.
 * Return: the number of events passed to @cb, @cb's non-zero value,
 * -ENOBUFS when the socket's buffer overran (events were lost; the
 * socket stays usable), -EINTR (a signal), -EAGAIN (non-blocking, nothing
 * there), or -errno.
 */
int nsfence_monitor_next(struct nsfence_monitor *m, nsfence_event_cb cb,
			 void *arg);

/**
 * nsfence_ns_inum() - inode number of a task's namespace
 * @pid: the task (0: the calling process, "/proc/self")
 * @ns_type: NSFENCE_NS_USER ("/proc/PID/ns/user") or NSFENCE_NS_PID
 *	("/proc/PID/ns/pid")
 * @inum: receives st_ino of that file
 *
 * Return: 0, -EINVAL (bad @pid or @ns_type), -EOVERFLOW (inode above
 * 32 bits), or the -errno of stat() (-ENOENT: no such process).
 */
int nsfence_ns_inum(pid_t pid, uint32_t ns_type, uint32_t *inum);

/**
 * nsfence_default_ns_type() - the namespace type `nsfence fence` picks
 * @pid: the task (> 0)
 * @ns_type: receives NSFENCE_NS_USER when the task's user namespace is
 *	not the one of /proc/1, else NSFENCE_NS_PID
 * @inum: when not NULL, receives the inode number of that namespace
 *
 * Return: 0, -EINVAL when the task is in the user AND pid namespaces of
 * /proc/1 (nothing to fence) or @pid <= 0, or -errno from
 * nsfence_ns_inum() (-EACCES when /proc/1/ns is not readable).
 */
int nsfence_default_ns_type(pid_t pid, uint32_t *ns_type, uint32_t *inum);

/** nsfence_ns_type_name() - "user", "pid", or NULL when unknown. */
const char *nsfence_ns_type_name(uint32_t ns_type);

/** nsfence_parse_ns_type() - "user"/"pid" to NSFENCE_NS_*; -EINVAL. */
int nsfence_parse_ns_type(const char *s, uint32_t *ns_type);

/** nsfence_mode_name() - "enforce", "audit", or NULL when unknown. */
const char *nsfence_mode_name(uint32_t mode);

/**
 * nsfence_parse_classes() - class list to bit mask
 * @s: comma-separated names of deny classes ("modules", "sysctl",
 *	"devices"), or "all", or "none"; no spaces, no empty items.
 *	"self" is not a deny class and is refused.
 * @mask: receives the mask; untouched on failure
 *
 * Return: 0 or -EINVAL.
 */
int nsfence_parse_classes(const char *s, uint32_t *mask);

/**
 * nsfence_format_classes() - bit mask to class list
 *
 * Writes the names of the set bits in class order, comma-separated
 * ("modules,sysctl,devices" for NSFENCE_CLASSES_ALL; bit NSFENCE_CLASS_SELF
 * as "self"), bits unknown to the library as one hexadecimal item
 * ("modules,0x30"), and "none" for 0.
 * Return: 0, -EINVAL (@buf NULL or @len 0), or -ENOSPC when the text did not
 * fit (@buf then holds a truncated, NUL-terminated text).
 */
int nsfence_format_classes(uint32_t mask, char *buf, size_t len);

/**
 * nsfence_parse_devrule() - parse a device rule in device-cgroup syntax
 * @s: "TYPE MAJOR:MINOR ACCESS": TYPE is c or b; MAJOR (0-4095) and MINOR
 *	(0-1048575) are decimal numbers or "*"; ACCESS is one or more of r,
 *	w, m, each at most once, in any order.  Fields are separated by
 *	blanks; leading and trailing blanks are ignored.  Examples:
 *	"c 10:237 rw", "b 7:* rwm", "c *:* m".
 * @r: receives the rule; untouched on failure
 *
 * Return: 0 or -EINVAL.
 */
int nsfence_parse_devrule(const char *s, struct nsfence_devrule *r);

/**
 * nsfence_format_devrule() - format a rule as nsfence_parse_devrule() reads it
 *
 * Access letters in the order "rwm"; "*" for NSFENCE_DEV_ANY.
 * Return: 0, -EINVAL (unknown type, empty or unknown access bits, @buf NULL
 * or @len 0), or -ENOSPC (truncated, NUL-terminated).
 */
int nsfence_format_devrule(const struct nsfence_devrule *r, char *buf,
			   size_t len);

/**
 * nsfence_class_name() - name of a class
 * Return: "modules", "sysctl", "devices", "self", or NULL for an
 * unknown class.
 */
const char *nsfence_class_name(unsigned int cls);

#ifdef __cplusplus
}
#endif

#endif /* NSFENCE_LIB_H */
