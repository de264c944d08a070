// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - pure policy decisions
 *
 * Which class a lockdown reason belongs to, whether a device is allowed,
 * whether a sysctl belongs to one of the task's own namespaces, and
 * whether a new policy loosens an old one.  No hooks, no current task,
 * no locks: everything comes in as arguments.
 */

#include <linux/bits.h>
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "compat.h"
#include "policy.h"

/**
 * nsfence_policy_lockdown_class() - deny class of a lockdown reason
 * @reason: the reason passed to security_locked_down()
 *
 * The kernel already names every operation that would breach the kernel
 * as a lockdown reason; nsfence applies a subset of them to fenced tasks
 * only: most of them as self-protection, since they put code into the
 * kernel or expose its memory, whatever the fence's classes.  Reasons
 * that are no concern of nsfence (the xfrm keys of a namespace's own
 * SAs) belong to no class and are always allowed.
 *
 * Return: the class, or %NSFENCE_CLASS_NONE.
 */
enum nsfence_class nsfence_policy_lockdown_class(enum lockdown_reason reason)
{
	switch (reason) {
	case LOCKDOWN_TIOCSSERIAL:
		return NSFENCE_CLASS_DEVICES;
	/*
	 * Self-protection: code into the kernel (unsigned modules, kexec),
	 * raw access to kernel memory, I/O ports, MSRs, PCI, ACPI and
	 * firmware, which can do the same, another task's memory through
	 * BPF, and the ways to switch nsfence off.
	 */
	case LOCKDOWN_MODULE_SIGNATURE:
	case LOCKDOWN_KEXEC:
	case LOCKDOWN_DEV_MEM:
	case LOCKDOWN_EFI_TEST:
	case LOCKDOWN_PCI_ACCESS:
	case LOCKDOWN_IOPORT:
	case LOCKDOWN_MSR:
	case LOCKDOWN_ACPI_TABLES:
	case LOCKDOWN_DEVICE_TREE:
	case LOCKDOWN_PCMCIA_CIS:
	case LOCKDOWN_MMIOTRACE:
	case LOCKDOWN_KCORE:
	case LOCKDOWN_MODULE_PARAMETERS:
	case LOCKDOWN_DEBUGFS:
	case LOCKDOWN_KPROBES:
	case LOCKDOWN_TRACEFS:
	case LOCKDOWN_BPF_WRITE_USER:
	case LOCKDOWN_BPF_READ_KERNEL:
	case LOCKDOWN_PERF:
	case LOCKDOWN_DBG_READ_KERNEL:
	case LOCKDOWN_DBG_WRITE_KERNEL:
	case LOCKDOWN_XMON_WR:
	case LOCKDOWN_XMON_RW:
		return NSFENCE_CLASS_SELF;
	/*
	 * XFRM_SECRET: the keys of a network namespace's own SAs.
	 * HIBERNATION: asked by every read of /sys/power/state; the ways to
	 * hibernate or resume (/sys/power, /dev/snapshot) are judged as
	 * files, and reboot(2) only kills a child pid namespace's init.
	 */
	default:
		return NSFENCE_CLASS_NONE;
	}
}

/**
 * nsfence_policy_lockdown_name() - short name of a lockdown reason
 * @reason: the reason passed to security_locked_down()
 *
 * Return: a static string for reports.
 */
const char *nsfence_policy_lockdown_name(enum lockdown_reason reason)
{
	switch (reason) {
	case LOCKDOWN_MODULE_SIGNATURE:
		return "unsigned module";
	case LOCKDOWN_KEXEC:
		return "kexec";
	case LOCKDOWN_DEV_MEM:
		return "/dev/mem";
	case LOCKDOWN_EFI_TEST:
		return "efi_test";
	case LOCKDOWN_PCI_ACCESS:
		return "pci access";
	case LOCKDOWN_IOPORT:
		return "ioport";
	case LOCKDOWN_MSR:
		return "msr";
	case LOCKDOWN_ACPI_TABLES:
		return "acpi tables";
	case LOCKDOWN_DEVICE_TREE:
		return "device tree";
	case LOCKDOWN_PCMCIA_CIS:
		return "pcmcia cis";
	case LOCKDOWN_TIOCSSERIAL:
		return "tiocsserial";
	case LOCKDOWN_MMIOTRACE:
		return "mmiotrace";
	case LOCKDOWN_KCORE:
		return "/proc/kcore";
	case LOCKDOWN_MODULE_PARAMETERS:
		return "module parameters";
	case LOCKDOWN_DEBUGFS:
		return "debugfs";
	case LOCKDOWN_KPROBES:
		return "kprobes";
	case LOCKDOWN_TRACEFS:
		return "tracefs";
	case LOCKDOWN_BPF_WRITE_USER:
		return "bpf write user";
	case LOCKDOWN_BPF_READ_KERNEL:
		return "bpf read kernel";
	case LOCKDOWN_PERF:
		return "perf kernel data";
	case LOCKDOWN_DBG_READ_KERNEL:
	case LOCKDOWN_DBG_WRITE_KERNEL:
		return "kernel debugger";
	case LOCKDOWN_XMON_WR:
	case LOCKDOWN_XMON_RW:
		return "xmon";
	default:
		return "lockdown";
	}
}

/*
 * The base allow-list: runc's default devices, plus fuse and tun (see
 * DESIGN.md).  Every open() of a device node by a fenced task asks it,
 * so it is a switch on the major rather than a table walk.
 */
#define MEM_MINORS	(BIT(3) | BIT(5) | BIT(7) | BIT(8) | BIT(9))
#define MISC_FUSE	229
#define MISC_TUN	200

/**
 * nsfence_policy_dev_base_allowed() - is a device access always allowed
 * @req: the access
 *
 * Opening a char device of the base allow-list is allowed whatever the
 * access.  mknod is only allowed for the char 0:0 node, which is how
 * overlayfs and image unpackers spell a whiteout; a node for any other
 * device needs an exception with the 'm' bit.  Block devices are never
 * in the base allow-list.
 *
 * Return: true if no fence can deny @req.
 */
bool nsfence_policy_dev_base_allowed(const struct nsfence_dev_request *req)
{
	if (req->type != NSFENCE_DEV_CHAR)
		return false;
	if (req->access & NSFENCE_DEV_MKNOD)
		return req->major == 0 && req->minor == 0;
	switch (req->major) {
	case 1:		/* null, zero, full, random, urandom */
		return req->minor < 32 && (MEM_MINORS & BIT(req->minor));
	case 5:		/* tty and ptmx; console is the host's (TIOCSTI) */
		return req->minor == 0 || req->minor == 2;
	case 10:	/* misc: fuse, net/tun */
		return req->minor == MISC_FUSE || req->minor == MISC_TUN;
	case 136 ... 143:	/* pts */
		return true;
	default:
		return false;
	}
}

#define MISC_SNAPSHOT	231

/**
 * nsfence_policy_dev_loads_kernel() - does a device put code in the kernel
 * @req: the access
 *
 * /dev/snapshot writes a hibernation image and restores a kernel from
 * one: self-protection, whatever the fence's classes and exceptions.
 * (/dev/mem and the like are judged by their lockdown reasons.)
 *
 * Return: true if opening the device is self-protection.
 */
bool nsfence_policy_dev_loads_kernel(const struct nsfence_dev_request *req)
{
	return req->type == NSFENCE_DEV_CHAR && req->major == 10 &&
	       req->minor == MISC_SNAPSHOT && !(req->access & NSFENCE_DEV_MKNOD);
}

static bool number_matches(u32 rule, u32 number)
{
	return rule == NSFENCE_DEV_ANY || rule == number;
}

/**
 * nsfence_policy_dev_excepted() - does a fence's exception allow an access
 * @rules: the fence's device exceptions
 * @n_rules: number of entries in @rules
 * @req: the access
 *
 * Return: true if one rule matches the device and grants every access
 * bit of @req.
 */
bool nsfence_policy_dev_excepted(const struct nsfence_dev_rule *rules,
				 u32 n_rules,
				 const struct nsfence_dev_request *req)
{
	u32 i;

	for (i = 0; i < n_rules; i++) {
		const struct nsfence_dev_rule *rule = &rules[i];

		if (rule->type == req->type &&
		    number_matches(rule->major, req->major) &&
		    number_matches(rule->minor, req->minor) &&
		    (rule->access & req->access) == req->access)
			return true;
	}
	return false;
}

/**
 * nsfence_policy_dev_rule_valid() - is a device exception well formed
 * @rule: the exception, as userspace sent it
 *
 * Majors have 12 bits and minors 20 bits in the kernel's dev_t.
 *
 * Return: true if @rule has a known type, numbers that fit a dev_t (or
 * are %NSFENCE_DEV_ANY) and a non-empty, known access mask.
 */
bool nsfence_policy_dev_rule_valid(const struct nsfence_dev_rule *rule)
{
	if (rule->type != NSFENCE_DEV_CHAR && rule->type != NSFENCE_DEV_BLOCK)
		return false;
	if (rule->major != NSFENCE_DEV_ANY && rule->major > 0xfff)
		return false;
	if (rule->minor != NSFENCE_DEV_ANY && rule->minor > 0xfffff)
		return false;
	return rule->access && !(rule->access & ~NSFENCE_DEV_ACCESS_ALL);
}

/**
 * nsfence_policy_sysctl_owned() - does a sysctl belong to the task
 * @set: the sysctl's &ctl_table_header.set
 * @entry: the sysctl's &struct ctl_table entry (compared, never read)
 * @env: the task's own sets
 *
 * Exactly four sysctl roots are per namespace (net, ipc, mq, user); a
 * write is allowed when the entry hangs off the task's own, non-initial
 * one.  The uts entries live in the global table but act on the task's
 * uts namespace, so they are allowed when that one is not the initial.
 *
 * Return: true if a write to the entry stays inside the task's namespaces.
 */
bool nsfence_policy_sysctl_owned(const struct ctl_table_set *set,
				 const struct ctl_table *entry,
				 const struct nsfence_sysctl_env *env)
{
	if (set && (set == env->net_set || set == env->ipc_set ||
		    set == env->mq_set || set == env->user_set))
		return true;
	if (entry && env->uts_private &&
	    (entry == env->uts_hostname || entry == env->uts_domainname))
		return true;
	return false;
}

/*
 * The sysctls that name a program the kernel runs as root of the initial
 * namespaces (a usermode helper), or widen what such a program may do.
 * Whoever writes one runs code as host root: self-protection, whatever
 * the fence's classes and mode.
 */
static const char *const helper_sysctls[] = {
	"kernel/core_pattern",
	"kernel/modprobe",
	"kernel/poweroff_cmd",
	"kernel/hotplug",
	"kernel/usermodehelper/bset",
	"kernel/usermodehelper/inheritable",
};

/**
 * nsfence_policy_sysctl_runs_helper() - does a sysctl name a root helper
 * @relpath: the sysctl's path relative to /proc/sys, e.g. "kernel/modprobe"
 *
 * Return: true if writing @relpath decides what the kernel runs, or with
 * which capabilities, as root of the initial namespaces.
 */
bool nsfence_policy_sysctl_runs_helper(const char *relpath)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(helper_sysctls); i++)
		if (!strcmp(relpath, helper_sysctls[i]))
			return true;
	return false;
}

/**
 * nsfence_policy_syslog_class() - deny class of a syslog(2) action
 * @type: the SYSLOG_ACTION_* number
 *
 * Reading the whole log stays allowed (dmesg); consuming it for every
 * reader, clearing it and setting the console's log level are global.
 * Opening /proc/kmsg is a consuming read.
 *
 * Return: %NSFENCE_CLASS_SYSCTL or %NSFENCE_CLASS_NONE.
 */
enum nsfence_class nsfence_policy_syslog_class(int type)
{
	switch (type) {
	case 1:		/* SYSLOG_ACTION_OPEN (/proc/kmsg) */
	case 2:		/* SYSLOG_ACTION_READ */
	case 4:		/* SYSLOG_ACTION_READ_CLEAR */
	case 5:		/* SYSLOG_ACTION_CLEAR */
	case 6:		/* SYSLOG_ACTION_CONSOLE_OFF */
	case 7:		/* SYSLOG_ACTION_CONSOLE_ON */
	case 8:		/* SYSLOG_ACTION_CONSOLE_LEVEL */
		return NSFENCE_CLASS_SYSCTL;
	default:
		return NSFENCE_CLASS_NONE;
	}
}

/**
 * nsfence_policy_bpf_cmd_by_id() - does a bpf(2) command reach by global id
 * @cmd: the bpf(2) command
 *
 * A program by id is left to the bpf_prog hook, which judges its type:
 * crun looks up the device programs of a container's cgroup that way.
 *
 * Return: true for the commands that walk programs, maps, links and BTF
 * objects by their system-wide ids, or open a map, link or BTF by one.
 */
bool nsfence_policy_bpf_cmd_by_id(int cmd)
{
	switch (cmd) {
	case BPF_PROG_GET_NEXT_ID:
	case BPF_MAP_GET_NEXT_ID:
	case BPF_BTF_GET_NEXT_ID:
	case BPF_LINK_GET_NEXT_ID:
	case BPF_MAP_GET_FD_BY_ID:
	case BPF_BTF_GET_FD_BY_ID:
	case BPF_LINK_GET_FD_BY_ID:
		return true;
	default:
		return false;
	}
}

/**
 * nsfence_policy_bpf_reads_kernel() - does a verified program read memory
 *	the verifier could not check
 * @insns: the program as the verifier rewrote it
 * @len: its number of instructions
 *
 * A load through a pointer to a kernel object that the verifier cannot
 * prove valid is rewritten into a "probe" load, which may read any
 * kernel address: bpf_get_current_task_btf(), bpf_rdonly_cast() and
 * friends hand such pointers to any program type.
 *
 * Return: true if one instruction is a probe load.
 */
bool nsfence_policy_bpf_reads_kernel(const struct bpf_insn *insns, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++) {
		if (BPF_CLASS(insns[i].code) != BPF_LDX)
			continue;
		switch (BPF_MODE(insns[i].code)) {
		case BPF_PROBE_MEM:
		case NSFENCE_BPF_PROBE_MEMSX:
		case NSFENCE_BPF_PROBE_MEM32:
			return true;
		}
	}
	return false;
}

/**
 * nsfence_policy_bpf_prog_sees_kernel() - is a BPF program type tracing
 * @type: enum bpf_prog_type of a BPF_PROG_LOAD
 *
 * Tracing programs run in the context of every task on the system (or
 * replace kernel functions): they read and write memory that is not the
 * fence's.  Socket, cgroup, traffic-control and XDP programs act on the
 * objects they are attached to, which the fence may own.
 *
 * Return: true if a fenced task may not load a program of @type.
 */
bool nsfence_policy_bpf_prog_sees_kernel(u32 type)
{
	switch (type) {
	case BPF_PROG_TYPE_KPROBE:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
	case BPF_PROG_TYPE_EXT:
	case BPF_PROG_TYPE_STRUCT_OPS:
		return true;
	default:
		return false;
	}
}

/**
 * nsfence_policy_denies() - does one fence deny an operation
 * @fence: the fence's policy
 * @class: the operation's class
 * @dev: for %NSFENCE_CLASS_DEVICES, the device access; else NULL
 *
 * Each fence of a task is asked on its own: a child fence's exceptions
 * therefore never lift a parent fence's denial.  Self-protection is
 * implied by every fence.  The mode is not looked at here.
 *
 * Return: true if @fence denies (or, in audit mode, reports) the operation.
 */
bool nsfence_policy_denies(const struct nsfence_fence_policy *fence,
			   enum nsfence_class class,
			   const struct nsfence_dev_request *dev)
{
	if (class == NSFENCE_CLASS_SELF)
		return true;
	if (class >= NSFENCE_CLASS_SELF || !(fence->classes & BIT(class)))
		return false;
	if (class == NSFENCE_CLASS_DEVICES && dev)
		return !nsfence_policy_dev_excepted(fence->devices,
						    fence->n_devices, dev);
	return true;
}

static bool rule_covered(const struct nsfence_dev_rule *old, u32 n_old,
			 const struct nsfence_dev_rule *rule)
{
	u32 i;

	for (i = 0; i < n_old; i++) {
		if (old[i].type == rule->type &&
		    number_matches(old[i].major, rule->major) &&
		    number_matches(old[i].minor, rule->minor) &&
		    (old[i].access & rule->access) == rule->access)
			return true;
	}
	return false;
}

/**
 * nsfence_policy_not_looser() - is a new policy at least as strict
 * @old: the policy in force
 * @new: the replacement
 *
 * Once locked, a fence may only be tightened: the same or more classes,
 * enforce stays enforce, and every new device exception is already
 * granted by an old one.
 *
 * Return: true if @new allows nothing that @old denies.
 */
bool nsfence_policy_not_looser(const struct nsfence_fence_policy *old,
			       const struct nsfence_fence_policy *new)
{
	u32 i;

	if (old->classes & ~new->classes)
		return false;
	if (old->mode == NSFENCE_MODE_ENFORCE &&
	    new->mode != NSFENCE_MODE_ENFORCE)
		return false;
	for (i = 0; i < new->n_devices; i++)
		if (!rule_covered(old->devices, old->n_devices,
				  &new->devices[i]))
			return false;
	return true;
}

/**
 * nsfence_policy_class_name() - name of a deny class
 * @class: the class
 *
 * Return: a static string, as the helper spells the class.
 */
const char *nsfence_policy_class_name(enum nsfence_class class)
{
	switch (class) {
	case NSFENCE_CLASS_MODULES:
		return "modules";
	case NSFENCE_CLASS_SYSCTL:
		return "sysctl";
	case NSFENCE_CLASS_DEVICES:
		return "devices";
	case NSFENCE_CLASS_SELF:
		return "self";
	default:
		return "none";
	}
}
