// SPDX-License-Identifier: GPL-2.0
/*
 * Class "modules": a fenced task can neither load a module (init_module,
 * finit_module, auto-load), nor unload one, nor load a kexec kernel.
 *
 * Each operation runs in a rootful container (fenced by its pid namespace,
 * full capabilities) and in a user-namespace container (fenced by its user
 * namespace), and the same operation from an unfenced container shows what
 * the kernel does without the fence.
 *
 *   host (unfenced, loads the modules the cases need)
 *    `-- container: new pid/mnt/net/uts/ipc [+user] ns, fenced before the
 *        body runs (parent writes the go byte only after FENCE succeeded)
 */
#define _GNU_SOURCE
#include "container.h"
#include "ktap.h"
#include "modprobe.h"

#include <fcntl.h>
#include <linux/kexec.h>
#include <linux/module.h>
#include <stdlib.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#ifndef AF_KCM
#define AF_KCM 41
#endif

/*
 * KCM is a module on both cloud kernels, has no dependencies, and its
 * socket family auto-loads it through the alias net-pf-41 (Debian's tipc
 * has no net-pf-30 alias: its auto-load request reaches modprobe but
 * loads nothing, so it cannot show that an unfenced load works).
 */
#define TEST_MODULE "kcm"
#define TEST_ALIAS "net-pf-41"

static const struct container_opts rootful = { .kind = CONTAINER_ROOTFUL, .fence = true };
static const struct container_opts userns = { .kind = CONTAINER_USERNS, .fence = true };
static const struct container_opts unfenced = { .kind = CONTAINER_ROOTFUL };

/* Path of the test module's file for the running kernel. */
static void module_file(char *buf, size_t len, int *flags)
{
	struct utsname u;

	ASSERT_OK(uname(&u));
	snprintf(buf, len, "/lib/modules/%s/kernel/net/kcm/kcm.ko", u.release);
	*flags = 0;
	if (access(buf, R_OK) == 0)
		return;
	strncat(buf, ".xz", len - strlen(buf) - 1);
	*flags = MODULE_INIT_COMPRESSED_FILE;
	if (access(buf, R_OK))
		ktap_skip("no %s module file for this kernel", TEST_MODULE);
}

static void setup_autoload(void)
{
	ASSERT_EQ(0, modprobe_mark_install());
	module_unload_quiet(TEST_MODULE);
	if (module_loaded(TEST_MODULE))
		ktap_skip("%s is loaded and cannot be unloaded", TEST_MODULE);
	modprobe_mark_reset();
}

static int body_autoload(void *arg)
{
	int *expect_ok = arg;
	int fd = socket(AF_KCM, SOCK_DGRAM, 0);

	if (*expect_ok) {
		ASSERT_NE(-1, fd);
	} else {
		/* The kernel ignores request_module()'s error: no family. */
		ASSERT_EQ(-1, fd);
		ASSERT_EQ(EAFNOSUPPORT, errno);
	}
	return 0;
}

static void autoload(const struct container_opts *o, int expect_ok)
{
	struct nsfence_counters before, after;

	setup_autoload();
	ASSERT_EQ(0, counters_get(&before));
	ASSERT_EQ(0, container_run(o, body_autoload, &expect_ok));
	ASSERT_EQ(0, counters_get(&after));
	ASSERT_EQ(expect_ok, modprobe_mark_seen(TEST_ALIAS));
	ASSERT_EQ(expect_ok, module_loaded(TEST_MODULE));
	if (!expect_ok)
		ASSERT_LE(after.denied[NSFENCE_CLASS_MODULES] - 1,
			  before.denied[NSFENCE_CLASS_MODULES]);
	module_unload_quiet(TEST_MODULE);
}

/* socket(AF_KCM) would load net-pf-41: the request never reaches modprobe. */
static void autoload_denied_rootful(void) { autoload(&rootful, 0); }
static void autoload_denied_userns(void) { autoload(&userns, 0); }
static void autoload_allowed_unfenced(void) { autoload(&unfenced, 1); }

static int body_nested_autoload(void *arg)
{
	(void)arg;
	/* A namespace created inside the fence stays inside it. */
	ASSERT_OK(unshare(CLONE_NEWUSER | CLONE_NEWNET));
	ASSERT_EQ(-1, socket(AF_KCM, SOCK_DGRAM, 0));
	return 0;
}

static void autoload_denied_nested_userns(void)
{
	setup_autoload();
	ASSERT_EQ(0, container_run(&userns, body_nested_autoload, NULL));
	ASSERT_TRUE(!modprobe_mark_seen(TEST_ALIAS));
	ASSERT_TRUE(!module_loaded(TEST_MODULE));
}

static void autoload_denied_nested_rootful(void)
{
	setup_autoload();
	ASSERT_EQ(0, container_run(&rootful, body_nested_autoload, NULL));
	ASSERT_TRUE(!modprobe_mark_seen(TEST_ALIAS));
	ASSERT_TRUE(!module_loaded(TEST_MODULE));
}

struct load_args {
	char path[256];
	int flags;
	int expect;	/* 0: success, else the errno */
};

static int body_finit(void *p)
{
	struct load_args *a = p;
	int fd = ASSERT_OK(open(a->path, O_RDONLY | O_CLOEXEC));

	if (a->expect) {
		ASSERT_ERRNO(a->expect, syscall(SYS_finit_module, fd, "", a->flags));
	} else {
		ASSERT_EQ(0, syscall(SYS_finit_module, fd, "", a->flags));
	}
	return 0;
}

static void finit(const struct container_opts *o, int expect)
{
	struct load_args a = { .expect = expect };

	module_file(a.path, sizeof(a.path), &a.flags);
	module_unload_quiet(TEST_MODULE);
	ASSERT_EQ(0, container_run(o, body_finit, &a));
	ASSERT_EQ(!expect, module_loaded(TEST_MODULE));
	module_unload_quiet(TEST_MODULE);
}

static void finit_module_denied_rootful(void) { finit(&rootful, EPERM); }
static void finit_module_denied_userns(void) { finit(&userns, EPERM); }
static void finit_module_allowed_unfenced(void) { finit(&unfenced, 0); }

static int body_init_module(void *p)
{
	static const char image[64] = "not an ELF image";
	int *expect = p;

	ASSERT_ERRNO(*expect, syscall(SYS_init_module, image, sizeof(image), ""));
	return 0;
}

/* init_module: the fence answers EPERM before the image is even parsed. */
static void init_module_denied_rootful(void)
{
	int expect = EPERM;

	ASSERT_EQ(0, container_run(&rootful, body_init_module, &expect));
}

static void init_module_denied_userns(void)
{
	int expect = EPERM;

	ASSERT_EQ(0, container_run(&userns, body_init_module, &expect));
}

static void init_module_unfenced_parses(void)
{
	int expect = ENOEXEC;

	ASSERT_EQ(0, container_run(&unfenced, body_init_module, &expect));
}

static int body_delete(void *p)
{
	int *expect = p;

	if (*expect)
		ASSERT_ERRNO(*expect, syscall(SYS_delete_module, TEST_MODULE, O_NONBLOCK));
	else
		ASSERT_EQ(0, syscall(SYS_delete_module, TEST_MODULE, O_NONBLOCK));
	return 0;
}

static void delete(const struct container_opts *o, int expect)
{
	if (system("modprobe -q " TEST_MODULE) || !module_loaded(TEST_MODULE))
		ktap_skip("cannot load %s to unload it", TEST_MODULE);
	ASSERT_EQ(0, container_run(o, body_delete, &expect));
	ASSERT_EQ(!!expect, module_loaded(TEST_MODULE));
	module_unload_quiet(TEST_MODULE);
}

static void delete_module_denied_rootful(void) { delete(&rootful, EPERM); }
static void delete_module_denied_userns(void) { delete(&userns, EPERM); }
static void delete_module_allowed_unfenced(void) { delete(&unfenced, 0); }

static int body_kexec(void *p)
{
	int *fenced = p;
	int fd;

	/* nr_segments == 0 unloads: harmless, and refused only by policy. */
	if (*fenced)
		ASSERT_ERRNO(EPERM, syscall(SYS_kexec_load, 0UL, 0UL, NULL,
					    KEXEC_ARCH_DEFAULT));
	else
		ASSERT_EQ(0, syscall(SYS_kexec_load, 0UL, 0UL, NULL, KEXEC_ARCH_DEFAULT));

	/* Not a kernel image: unfenced, the parser says so; fenced, EPERM. */
	fd = ASSERT_OK(open("/proc/self/exe", O_RDONLY | O_CLOEXEC));
	ASSERT_ERRNO(*fenced ? EPERM : ENOEXEC,
		     syscall(SYS_kexec_file_load, fd, -1, 1UL, "",
			     KEXEC_FILE_NO_INITRAMFS));
	return 0;
}

static void kexec_denied_rootful(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&rootful, body_kexec, &fenced));
}

static void kexec_denied_userns(void)
{
	int fenced = 1;

	ASSERT_EQ(0, container_run(&userns, body_kexec, &fenced));
}

static void kexec_unfenced_reaches_kernel(void)
{
	int fenced = 0;

	ASSERT_EQ(0, container_run(&unfenced, body_kexec, &fenced));
}

/* Audit mode: the operation goes through and is counted as audited. */
static void autoload_audit_allows_and_counts(void)
{
	struct container_opts o = { .kind = CONTAINER_ROOTFUL, .fence = true, .audit = true };
	struct nsfence_counters before, after;
	int expect_ok = 1;

	setup_autoload();
	ASSERT_EQ(0, counters_get(&before));
	ASSERT_EQ(0, container_run(&o, body_autoload, &expect_ok));
	ASSERT_EQ(0, counters_get(&after));
	ASSERT_TRUE(modprobe_mark_seen(TEST_ALIAS));
	ASSERT_LE(after.audited[NSFENCE_CLASS_MODULES] - 1,
		  before.audited[NSFENCE_CLASS_MODULES]);
	ASSERT_EQ(before.denied[NSFENCE_CLASS_MODULES], after.denied[NSFENCE_CLASS_MODULES]);
	module_unload_quiet(TEST_MODULE);
}

/* A fence without the modules class leaves module auto-load alone. */
static void autoload_allowed_without_class(void)
{
	struct container_opts o = {
		.kind = CONTAINER_ROOTFUL, .fence = true,
		.classes = (1U << NSFENCE_CLASS_SYSCTL) | (1U << NSFENCE_CLASS_DEVICES),
	};

	autoload(&o, 1);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(autoload_denied_rootful),
	KTAP_CASE(autoload_denied_userns),
	KTAP_CASE(autoload_denied_nested_userns),
	KTAP_CASE(autoload_denied_nested_rootful),
	KTAP_CASE(autoload_allowed_unfenced),
	KTAP_CASE(autoload_audit_allows_and_counts),
	KTAP_CASE(autoload_allowed_without_class),
	KTAP_CASE(finit_module_denied_rootful),
	KTAP_CASE(finit_module_denied_userns),
	KTAP_CASE(finit_module_allowed_unfenced),
	KTAP_CASE(init_module_denied_rootful),
	KTAP_CASE(init_module_denied_userns),
	KTAP_CASE(init_module_unfenced_parses),
	KTAP_CASE(delete_module_denied_rootful),
	KTAP_CASE(delete_module_denied_userns),
	KTAP_CASE(delete_module_allowed_unfenced),
	KTAP_CASE(kexec_denied_rootful),
	KTAP_CASE(kexec_denied_userns),
	KTAP_CASE(kexec_unfenced_reaches_kernel),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
