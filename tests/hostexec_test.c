// SPDX-License-Identifier: GPL-2.0
/*
 * Programs the kernel runs as host root, or loads for a task, that a
 * privileged container tries to choose, and the rules of nsfence that
 * keep them the host's:
 *
 *   a cgroup v1 release_agent, run when a cgroup of its hierarchy
 *     empties: the file, and the mount option of a new hierarchy;
 *   a binfmt_misc interpreter, run for every matching file: registering
 *     one, writing the status, disabling the host's entries (a user
 *     namespace's own instance, 6.7+, stays its own);
 *   the usermode-helper sysctls (core_pattern, modprobe, poweroff_cmd,
 *     hotplug, usermodehelper/bset and inheritable): self-protection,
 *     denied by every fence whatever its classes and mode;
 *   a module a kernel thread loads for a fenced task (the crypto manager
 *     instantiating "hmac(md4)").
 *
 * Each escape runs, fenced, in the container kinds it applies to (rootful;
 * user namespace), and the same body runs in an unfenced container of the
 * same kind: the control, which shows that the escape works on this
 * kernel without nsfence.  Where the kernel itself refuses a user
 * namespace (a release agent), one case shows it, fenced or not.  What a
 * control changes in the host (a release agent, a binfmt_misc entry, the
 * md4 module) is undone before its case ends, and a helper sysctl is only
 * written its own value: the other test programs run in the same VM.
 *
 *   host (the case: its own mount namespace, unfenced)
 *    `-- container: new pid/mnt/net/uts/ipc [+user] ns, fenced (or not)
 *        before the body runs; it sees the host's /proc, /sys and /dev
 */
#define _GNU_SOURCE
#include "container.h"
#include "files.h"
#include "ktap.h"
#include "mounts.h"

#include <fcntl.h>
#include <linux/keyctl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

static const struct container_opts rootful = { .kind = CONTAINER_ROOTFUL, .fence = true };
static const struct container_opts userns = { .kind = CONTAINER_USERNS, .fence = true };
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };
static const struct container_opts unfenced_userns = { .kind = CONTAINER_USERNS };

/* ------------------------------------------------------------------------
 * 1. cgroup v1 release_agent: a program the kernel runs as host root when
 *    a cgroup of the hierarchy empties (notify_on_release).
 */

/* "none,name=nsfence<suffix><tag>[,release_agent=<agent>]" */
static void cgroup_v1_opts(char *buf, size_t len, const char *dir, char tag,
			   const char *agent)
{
	snprintf(buf, len, "none,name=nsfence%s%c%s%s", strrchr(dir, '-') + 1, tag,
		 agent ? ",release_agent=" : "", agent ? agent : "");
}

static int body_release_agent(void *arg)
{
	int fenced = *(int *)arg;
	char dir[] = MNT_TEMPLATE, opts[128], path[128], value[64];

	own_mounts();
	make_mountpoint(dir);
	/* Mounting a named hierarchy is allowed, fenced or not. */
	cgroup_v1_opts(opts, sizeof(opts), dir, 'a', NULL);
	ASSERT_OK(mount("cgroup", dir, "cgroup", 0, opts));
	snprintf(path, sizeof(path), "%s/release_agent", dir);
	if (fenced) {
		ASSERT_EQ(EPERM, write_text(path, "/nsfence-agent\n"));
	} else {
		ASSERT_EQ(0, write_text(path, "/nsfence-agent\n"));
		read_value(path, value, sizeof(value));
		ASSERT_EQ(0, strcmp("/nsfence-agent\n", value));
		ASSERT_EQ(0, write_text(path, "\n"));
	}
	/* notify_on_release is the cgroup's own: it stays writable. */
	snprintf(path, sizeof(path), "%s/notify_on_release", dir);
	expect_rewrite(path, 0);
	ASSERT_OK(umount(dir));

	/* The same as a mount option, on a new hierarchy. */
	cgroup_v1_opts(opts, sizeof(opts), dir, 'b', "/nsfence-agent");
	snprintf(path, sizeof(path), "%s/release_agent", dir);
	if (fenced) {
		ASSERT_ERRNO(EPERM, mount("cgroup", dir, "cgroup", 0, opts));
	} else {
		ASSERT_OK(mount("cgroup", dir, "cgroup", 0, opts));
		read_value(path, value, sizeof(value));
		ASSERT_EQ(0, strcmp("/nsfence-agent\n", value));
		ASSERT_EQ(0, write_text(path, "\n"));
		ASSERT_OK(umount(dir));
	}
	ASSERT_OK(rmdir(dir));
	return 0;
}

static void release_agent_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_release_agent, &fenced));
}

static void release_agent_allowed_unfenced(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_release_agent, &fenced));
}

struct release_agent_args {
	char host_dir[sizeof(MNT_TEMPLATE)];	/* a hierarchy of the host */
	char name[32];				/* its name */
};

static int body_release_agent_userns(void *arg)
{
	const struct release_agent_args *a = arg;
	char dir[] = MNT_TEMPLATE, opts[128], path[128];
	int err;

	/* The host's hierarchy, as the container inherited its mount. */
	snprintf(path, sizeof(path), "%s/release_agent", a->host_dir);
	err = write_text(path, "/nsfence-agent\n");
	ASSERT_NE(0, err);
	ktap_print("release_agent write: %s", strerror(err));

	/*
	 * Mounted again from a cgroup namespace of its own (only the initial
	 * one may create a hierarchy), with the agent as a mount option.
	 */
	own_mounts();
	ASSERT_OK(unshare(CLONE_NEWCGROUP));
	make_mountpoint(dir);
	snprintf(opts, sizeof(opts), "none,name=%s,release_agent=/nsfence-agent", a->name);
	ASSERT_EQ(-1, mount("cgroup", dir, "cgroup", 0, opts));
	ktap_print("release_agent mount option: %s", strerror(errno));
	ASSERT_OK(rmdir(dir));
	return 0;
}

/*
 * Documentation: in a user namespace the kernel itself refuses a release
 * agent (it needs CAP_SYS_ADMIN in the initial one), fenced or not.
 */
static void release_agent_refused_userns(void)
{
	struct release_agent_args a = { .host_dir = MNT_TEMPLATE };
	char opts[64];
	int ret;

	own_mounts();
	make_mountpoint(a.host_dir);
	snprintf(a.name, sizeof(a.name), "nsfence%d", getpid());
	snprintf(opts, sizeof(opts), "none,name=%s", a.name);
	ASSERT_OK(mount("cgroup", a.host_dir, "cgroup", 0, opts));
	ret = container_run(&userns, body_release_agent_userns, &a);
	if (!ret)
		ret = container_run(&unfenced_userns, body_release_agent_userns, &a);
	remove_mountpoint(a.host_dir);
	ASSERT_EQ(0, ret);
}

/* ------------------------------------------------------------------------
 * 2. binfmt_misc: an interpreter the kernel runs, as the caller, for every
 *    matching file; disabling or removing the host's entries.
 */

struct binfmt_args {
	int fenced;
	char host_dir[sizeof(MNT_TEMPLATE)];	/* the initial instance */
	char entry[32];		/* what the container registers */
	char host_entry[32];	/* registered by the host */
};

static void require_binfmt_misc(void)
{
	if (!file_has("/proc/filesystems", "binfmt_misc") &&
	    system("/sbin/modprobe -q binfmt_misc"))
		ktap_print("modprobe binfmt_misc failed");
	if (!file_has("/proc/filesystems", "binfmt_misc"))
		ktap_skip("no binfmt_misc in this kernel");
}

/* Registers @name (extension "nsfx", interpreter /bin/true): 0 or errno. */
static int binfmt_register(const char *dir, const char *name)
{
	char path[128], rule[128];

	snprintf(path, sizeof(path), "%s/register", dir);
	snprintf(rule, sizeof(rule), ":%s:E::nsfx::/bin/true:\n", name);
	return write_text(path, rule);
}

/* Writes @cmd ("0" disable, "1" enable, "-1" remove) to an entry. */
static int binfmt_entry_write(const char *dir, const char *name, const char *cmd)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return write_text(path, cmd);
}

static bool binfmt_has(const char *dir, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* Writes the status ("1" enabled, "0" disabled) back: 0 or errno. */
static int binfmt_rewrite_status(const char *dir)
{
	char path[128], value[32];

	snprintf(path, sizeof(path), "%s/status", dir);
	read_value(path, value, sizeof(value));
	return write_text(path, strncmp(value, "enabled", 7) ? "0\n" : "1\n");
}

/*
 * The escape on the binfmt_misc instance mounted at @dir: register an
 * entry, write the status, disable an entry of the host.
 */
static void binfmt_escape(const char *dir, const struct binfmt_args *a)
{
	char path[128], value[128];

	snprintf(path, sizeof(path), "%s/%s", dir, a->host_entry);
	if (a->fenced) {
		ASSERT_EQ(EPERM, binfmt_register(dir, a->entry));
		ASSERT_TRUE(!binfmt_has(dir, a->entry));
		ASSERT_EQ(EPERM, binfmt_rewrite_status(dir));
		ASSERT_EQ(EPERM, binfmt_entry_write(dir, a->host_entry, "0\n"));
		read_value(path, value, sizeof(value));
		ASSERT_EQ(0, strncmp("enabled", value, 7));
	} else {
		ASSERT_EQ(0, binfmt_register(dir, a->entry));
		ASSERT_TRUE(binfmt_has(dir, a->entry));
		ASSERT_EQ(0, binfmt_entry_write(dir, a->entry, "-1\n"));
		ASSERT_TRUE(!binfmt_has(dir, a->entry));
		ASSERT_EQ(0, binfmt_rewrite_status(dir));
		ASSERT_EQ(0, binfmt_entry_write(dir, a->host_entry, "0\n"));
		read_value(path, value, sizeof(value));
		ASSERT_EQ(0, strncmp("disabled", value, 8));
	}
}

/* Rootful: a binfmt_misc mount of its own is the initial instance. */
static int body_binfmt_rootful(void *arg)
{
	const struct binfmt_args *a = arg;
	char dir[] = MNT_TEMPLATE;

	own_mounts();
	make_mountpoint(dir);
	ASSERT_OK(mount("binfmt_misc", dir, "binfmt_misc", 0, NULL));
	binfmt_escape(dir, a);
	remove_mountpoint(dir);
	return 0;
}

/* User namespace: the host's instance, mounted where the container sees it. */
static int body_binfmt_host_instance(void *arg)
{
	const struct binfmt_args *a = arg;

	binfmt_escape(a->host_dir, a);
	return 0;
}

/*
 * Mounts the initial instance in the case's own mount namespace (the
 * container inherits it), registers a host entry, runs @body, and removes
 * whatever was registered, whatever the body did.
 */
static void binfmt_case(const struct container_opts *o, int (*body)(void *), int fenced)
{
	struct binfmt_args a = { .fenced = fenced, .host_dir = MNT_TEMPLATE };
	int ret;

	require_binfmt_misc();
	own_mounts();
	make_mountpoint(a.host_dir);
	ASSERT_OK(mount("binfmt_misc", a.host_dir, "binfmt_misc", 0, NULL));
	snprintf(a.entry, sizeof(a.entry), "nsfence%dc", getpid());
	snprintf(a.host_entry, sizeof(a.host_entry), "nsfence%dh", getpid());
	ASSERT_EQ(0, binfmt_register(a.host_dir, a.host_entry));
	ret = container_run(o, body, &a);
	if (binfmt_has(a.host_dir, a.entry))
		binfmt_entry_write(a.host_dir, a.entry, "-1\n");
	ASSERT_EQ(0, binfmt_entry_write(a.host_dir, a.host_entry, "-1\n"));
	remove_mountpoint(a.host_dir);
	ASSERT_EQ(0, ret);
}

static void binfmt_misc_denied_rootful(void)
{
	binfmt_case(&rootful, body_binfmt_rootful, 1);
}

static void binfmt_misc_allowed_unfenced(void)
{
	binfmt_case(&unfenced, body_binfmt_rootful, 0);
}

static void binfmt_misc_host_instance_denied_userns(void)
{
	binfmt_case(&userns, body_binfmt_host_instance, 1);
}

static void binfmt_misc_host_instance_allowed_unfenced_userns(void)
{
	binfmt_case(&unfenced_userns, body_binfmt_host_instance, 0);
}

static int body_binfmt_own_instance(void *arg)
{
	const struct binfmt_args *a = arg;
	char dir[] = MNT_TEMPLATE;

	own_mounts();
	make_mountpoint(dir);
	if (mount("binfmt_misc", dir, "binfmt_misc", 0, NULL)) {
		ktap_print("mount binfmt_misc: %s", strerror(errno));
		ASSERT_OK(rmdir(dir));
		return BODY_SKIP;
	}
	ASSERT_EQ(0, binfmt_register(dir, a->entry));
	ASSERT_TRUE(binfmt_has(dir, a->entry));
	ASSERT_EQ(0, binfmt_rewrite_status(dir));
	ASSERT_EQ(0, binfmt_entry_write(dir, a->entry, "-1\n"));
	ASSERT_TRUE(!binfmt_has(dir, a->entry));
	remove_mountpoint(dir);
	return 0;
}

/* A user namespace's own binfmt_misc instance (6.7+) stays its own. */
static void binfmt_misc_own_instance_allowed_userns(void)
{
	struct binfmt_args a = { .fenced = 1 };
	int ret;

	require_binfmt_misc();
	snprintf(a.entry, sizeof(a.entry), "nsfence%dc", getpid());
	ret = container_run(&userns, body_binfmt_own_instance, &a);
	if (ret == BODY_SKIP)
		ktap_skip("binfmt_misc has no user-namespace instances before 6.7");
	ASSERT_EQ(0, ret);
}

/* ------------------------------------------------------------------------
 * 3. Usermode-helper sysctls (self-protection): core_pattern and the
 *    other programs the kernel runs as host root.  Denied by every fence,
 *    whatever its classes and mode.
 */

/*
 * @init_caps: writing also needs CAP_SETPCAP and CAP_SYS_MODULE in the
 * initial user namespace (the kernel refuses a user namespace anyway).
 */
static const struct {
	const char *path;
	bool init_caps;
} helper_sysctls[] = {
	{ "/proc/sys/kernel/core_pattern", false },
	{ "/proc/sys/kernel/modprobe", false },
	{ "/proc/sys/kernel/poweroff_cmd", false },
	{ "/proc/sys/kernel/hotplug", false },
	{ "/proc/sys/kernel/usermodehelper/bset", true },
	{ "/proc/sys/kernel/usermodehelper/inheritable", true },
};

struct helper_args {
	int fenced;
	int userns;
};

static int body_helper_sysctls(void *arg)
{
	const struct helper_args *a = arg;
	const char *path;
	size_t i;

	for (i = 0; i < KTAP_COUNT(helper_sysctls); i++) {
		path = helper_sysctls[i].path;
		if (access(path, F_OK)) {
			ktap_print("%s: not in this kernel", path);
			continue;
		}
		if (a->userns && helper_sysctls[i].init_caps)
			ASSERT_NE(0, rewrite(path));
		else
			expect_rewrite(path, a->fenced ? EPERM : 0);
	}
	/* core_pattern and modprobe are in every kernel of the matrix. */
	ASSERT_OK(access(helper_sysctls[0].path, F_OK));
	ASSERT_OK(access(helper_sysctls[1].path, F_OK));
	return 0;
}

/* @o fences without the sysctl class: the denials are self-protection. */
static void helper_sysctls_denied(const struct container_opts *o)
{
	struct helper_args a = { .fenced = 1, .userns = o->kind == CONTAINER_USERNS };
	struct nsfence_counters before, after;

	ASSERT_EQ(0, counters_get(&before));
	ASSERT_EQ(0, container_run(o, body_helper_sysctls, &a));
	ASSERT_EQ(0, counters_get(&after));
	ASSERT_LE(after.denied[NSFENCE_CLASS_SELF] - 2, before.denied[NSFENCE_CLASS_SELF]);
}

static void helper_sysctls_denied_modules_devices(void)
{
	struct container_opts o = rootful;

	o.classes = (1U << NSFENCE_CLASS_MODULES) | (1U << NSFENCE_CLASS_DEVICES);
	helper_sysctls_denied(&o);
}

/* Audit mode lets the classes through, never self-protection. */
static void helper_sysctls_denied_audit(void)
{
	struct container_opts o = rootful;

	o.audit = true;
	helper_sysctls_denied(&o);
}

static void helper_sysctls_denied_no_class(void)
{
	struct container_opts o = rootful;

	o.no_classes = true;
	helper_sysctls_denied(&o);
}

/* An identity-mapped root passes the sysctls' DAC checks. */
static void helper_sysctls_denied_no_class_userns(void)
{
	struct container_opts o = userns;

	o.no_classes = true;
	helper_sysctls_denied(&o);
}

static void helper_sysctls_allowed_unfenced(void)
{
	struct helper_args a = { .fenced = 0 };

	ASSERT_EQ(0, container_run(&unfenced, body_helper_sysctls, &a));
}

static void helper_sysctls_allowed_unfenced_userns(void)
{
	struct helper_args a = { .fenced = 0, .userns = 1 };

	ASSERT_EQ(0, container_run(&unfenced_userns, body_helper_sysctls, &a));
}

/* ------------------------------------------------------------------------
 * 4. A module loaded by a kernel thread for a fenced task: the task's own
 *    request_module("crypto-hmac(md4)") is denied, then the crypto
 *    manager's kernel thread builds hmac(md4) and requests crypto-md4.
 *    Trigger: KEYCTL_DH_COMPUTE with the KDF hash "hmac(md4)".
 *
 *    The control runs first: for 30 s after a fenced task's crypto
 *    request was denied, a kernel thread's crypto request is denied too,
 *    whoever it works for.
 */

#define MD4 "md4"

static bool proc_modules_has(const char *name)
{
	char line[512];
	size_t len = strlen(name);
	bool found = false;
	FILE *f = fopen("/proc/modules", "r");

	ASSERT_TRUE(f);
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, name, len) && line[len] == ' ';
	fclose(f);
	return found;
}

static void require_md4_module(void)
{
	char path[256];
	struct utsname u;

	ASSERT_OK(uname(&u));
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.builtin", u.release);
	if (file_has(path, "/" MD4 ".ko"))
		ktap_skip("md4 is built into this kernel");
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
	if (!file_has(path, "/" MD4 ".ko"))
		ktap_skip("no md4 module for this kernel");
	syscall(SYS_delete_module, MD4, O_NONBLOCK);
	if (proc_modules_has(MD4))
		ktap_skip("md4 is loaded and cannot be unloaded");
}

static int32_t add_user_key(const char *desc, const void *data, size_t len)
{
	return syscall(SYS_add_key, "user", desc, data, len, KEY_SPEC_PROCESS_KEYRING);
}

static int body_dh_hmac_md4(void *arg)
{
	static const unsigned char prime[] = { 23 }, base[] = { 5 }, private[] = { 6 };
	struct keyctl_kdf_params kdf = { .hashname = "hmac(md4)" };
	struct keyctl_dh_params params;
	char out[32];
	long ret;

	(void)arg;
	params.private = ASSERT_OK(add_user_key("nsfence-dh-private", private, 1));
	params.prime = ASSERT_OK(add_user_key("nsfence-dh-prime", prime, 1));
	params.base = ASSERT_OK(add_user_key("nsfence-dh-base", base, 1));
	/* Fails anyway (a 5-bit prime): what counts is what it loaded. */
	ret = syscall(SYS_keyctl, KEYCTL_DH_COMPUTE, &params, out, sizeof(out), &kdf);
	ktap_print("KEYCTL_DH_COMPUTE hmac(md4): %ld (%s)", ret,
		   ret < 0 ? strerror(errno) : "ok");
	return 0;
}

static void kthread_module_load(const struct container_opts *o, bool expect_loaded)
{
	bool loaded = false;
	int i, ret;

	require_md4_module();
	ret = container_run(o, body_dh_hmac_md4, NULL);
	/* The request waited for the crypto manager; allow a straggler. */
	for (i = 0; i < 20 && !(loaded = proc_modules_has(MD4)); i++)
		usleep(100000);
	syscall(SYS_delete_module, MD4, O_NONBLOCK);
	ASSERT_EQ(0, ret);
	ASSERT_EQ(expect_loaded, loaded);
	ASSERT_TRUE(!proc_modules_has(MD4));
}

static void kthread_module_load_allowed_unfenced(void)
{
	kthread_module_load(&unfenced, true);
}

static void kthread_module_load_denied_rootful(void)
{
	kthread_module_load(&rootful, false);
}

static void kthread_module_load_denied_userns(void)
{
	kthread_module_load(&userns, false);
}

static const struct ktap_case cases[] = {
	/* 1. cgroup v1 release_agent */
	KTAP_CASE(release_agent_denied_rootful),
	KTAP_CASE(release_agent_allowed_unfenced),
	KTAP_CASE(release_agent_refused_userns),
	/* 2. binfmt_misc */
	KTAP_CASE(binfmt_misc_denied_rootful),
	KTAP_CASE(binfmt_misc_allowed_unfenced),
	KTAP_CASE(binfmt_misc_host_instance_denied_userns),
	KTAP_CASE(binfmt_misc_host_instance_allowed_unfenced_userns),
	KTAP_CASE(binfmt_misc_own_instance_allowed_userns),
	/* 3. usermode-helper sysctls */
	KTAP_CASE(helper_sysctls_denied_modules_devices),
	KTAP_CASE(helper_sysctls_denied_audit),
	KTAP_CASE(helper_sysctls_denied_no_class),
	KTAP_CASE(helper_sysctls_denied_no_class_userns),
	KTAP_CASE(helper_sysctls_allowed_unfenced),
	KTAP_CASE(helper_sysctls_allowed_unfenced_userns),
	/* 4. module load by a kernel thread: the control first */
	KTAP_CASE(kthread_module_load_allowed_unfenced),
	KTAP_CASE(kthread_module_load_denied_rootful),
	KTAP_CASE(kthread_module_load_denied_userns),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
