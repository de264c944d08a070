// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/security/nsfence/{status,fences}: read-only, in the format
 * nsfence(8) documents, saying what STATUS and LIST say; refused to a
 * fenced reader.
 */
#define _GNU_SOURCE
#include "container.h"
#include "ktap.h"

#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define SFS "/sys/kernel/security/nsfence/"

static char *slurp(const char *path)
{
	static char buf[65536];
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT)
		ktap_skip("%s: no such file", path);
	ASSERT_OK(fd);
	while ((n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	ASSERT_OK(n);
	buf[len] = '\0';
	close(fd);
	return buf;
}

static void files_read_only(void)
{
	struct stat st;
	int fd;

	slurp(SFS "status");
	ASSERT_OK(stat(SFS "status", &st));
	ASSERT_EQ(0444, st.st_mode & 07777);
	ASSERT_OK(stat(SFS "fences", &st));
	ASSERT_EQ(0444, st.st_mode & 07777);
	/* Root passes the mode bits; the file has no write method. */
	fd = open(SFS "status", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		ASSERT_EQ(-1, write(fd, "locked 0\n", 9));
		close(fd);
	}
}

static void status_matches(void)
{
	struct nsfence_status st;
	char *text, *line, *save, expect[600];
	const char *names[] = { "modules", "sysctl", "devices", "self" };
	unsigned int cls, found = 0;
	struct nsfence *h;

	ASSERT_EQ(0, nsfence_open(&h));
	ASSERT_EQ(0, nsfence_get_status(h, &st));
	text = slurp(SFS "status");
	nsfence_close(h);
	ktap_print("status:\n%s", text);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		snprintf(expect, sizeof(expect), "version %u", st.version);
		found += !strcmp(line, expect);
		snprintf(expect, sizeof(expect), "locked %d", st.locked);
		found += !strcmp(line, expect);
		snprintf(expect, sizeof(expect), "attach %s", st.attach);
		found += !strcmp(line, expect);
		snprintf(expect, sizeof(expect), "hooks %s", st.hooks);
		found += !strcmp(line, expect);
		snprintf(expect, sizeof(expect), "fences %u", st.fence_count);
		found += !strcmp(line, expect);
		snprintf(expect, sizeof(expect), "dropped %" PRIu64, st.dropped);
		found += !strcmp(line, expect);
		for (cls = 0; cls < 4; cls++) {
			snprintf(expect, sizeof(expect), "class %s denied %" PRIu64 " audited %" PRIu64,
				 names[cls], st.counters.denied[cls], st.counters.audited[cls]);
			found += !strcmp(line, expect);
		}
	}
	/* Nothing was denied in between: every line matches. */
	ASSERT_EQ(10, found);
}

struct fence_lines {
	char text[65536];
	unsigned int n;
	unsigned int matched;
};

static int compare_cb(const struct nsfence_fence_info *f, void *arg)
{
	struct fence_lines *fl = arg;
	char line[1024], classes[64], dev[64];
	int len;
	unsigned int i, cls;

	nsfence_format_classes(f->classes, classes, sizeof(classes));
	len = snprintf(line, sizeof(line), "%s %u classes=%s mode=%s created=%" PRIu64
		       " dropped=%" PRIu64 " allow=",
		       nsfence_ns_type_name(f->ns_type), f->ns_inum, classes,
		       nsfence_mode_name(f->mode), f->created_ns, f->dropped);
	for (i = 0; i < f->nr_devices; i++) {
		nsfence_format_devrule(&f->devices[i], dev, sizeof(dev));
		/* "c 10:237 rw" -> "c:10:237:rw" */
		for (char *p = dev; *p; p++)
			if (*p == ' ')
				*p = ':';
		len += snprintf(line + len, sizeof(line) - len, "%s%s", i ? "," : "", dev);
	}
	if (!f->nr_devices)
		len += snprintf(line + len, sizeof(line) - len, "-");
	len += snprintf(line + len, sizeof(line) - len, " denied=");
	for (cls = 0; cls < __NSFENCE_CLASS_COUNT; cls++)
		len += snprintf(line + len, sizeof(line) - len, "%s%" PRIu64, cls ? "," : "",
				f->counters.denied[cls]);
	len += snprintf(line + len, sizeof(line) - len, " audited=");
	for (cls = 0; cls < __NSFENCE_CLASS_COUNT; cls++)
		len += snprintf(line + len, sizeof(line) - len, "%s%" PRIu64, cls ? "," : "",
				f->counters.audited[cls]);
	strcat(line, "\n");
	fl->n++;
	if (strstr(fl->text, line))
		fl->matched++;
	else
		ktap_print("no line: %s", line);
	return 0;
}

static void fences_match(void)
{
	struct nsfence_devrule rules[] = {
		{ NSFENCE_DEV_CHAR, 10, 237, NSFENCE_DEV_READ | NSFENCE_DEV_WRITE },
		{ NSFENCE_DEV_BLOCK, 7, NSFENCE_DEV_ANY, NSFENCE_DEV_READ },
	};
	struct nsfence_fence_req req = {
		.ns_type = NSFENCE_NS_USER, .classes = (1U << NSFENCE_CLASS_SYSCTL) |
		(1U << NSFENCE_CLASS_DEVICES), .mode = NSFENCE_MODE_AUDIT,
		.nr_devices = 2, .devices = rules,
	};
	struct fence_lines *fl = calloc(1, sizeof(*fl));
	struct parked a, b;
	struct nsfence *h;

	ASSERT_EQ(0, nsfence_open(&h));
	park(&a);
	park(&b);
	req.pid = a.pid;
	req.ns_inum = a.inum;
	ASSERT_EQ(0, nsfence_fence(h, &req));
	req.pid = b.pid;
	req.ns_inum = b.inum;
	req.nr_devices = 0;
	req.classes = NSFENCE_CLASSES_ALL;
	req.mode = NSFENCE_MODE_ENFORCE;
	ASSERT_EQ(0, nsfence_fence(h, &req));
	strcpy(fl->text, slurp(SFS "fences"));
	ktap_print("fences:\n%s", fl->text);
	ASSERT_EQ(0, nsfence_list(h, compare_cb, fl));
	ASSERT_TRUE(fl->n >= 2);
	ASSERT_EQ(fl->n, fl->matched);
	kill(a.pid, SIGKILL);
	kill(b.pid, SIGKILL);
	waitpid(a.pid, NULL, 0);
	waitpid(b.pid, NULL, 0);
	nsfence_close(h);
}

static int body_fenced_reader(void *arg)
{
	(void)arg;
	ASSERT_ERRNO(EPERM, open(SFS "status", O_RDONLY | O_CLOEXEC));
	ASSERT_ERRNO(EPERM, open(SFS "fences", O_RDONLY | O_CLOEXEC));
	return 0;
}

static void fenced_reader_refused(void)
{
	struct container_opts o = { .kind = CONTAINER_ROOTFUL, .fence = true, .share_net = true };

	slurp(SFS "status");
	ASSERT_EQ(0, container_run(&o, body_fenced_reader, NULL));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(files_read_only),
	KTAP_CASE(status_matches),
	KTAP_CASE(fences_match),
	KTAP_CASE(fenced_reader_refused),
};

int main(void)
{
	return ktap_run(cases, KTAP_COUNT(cases));
}
