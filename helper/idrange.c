// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence CLI: exclusive id ranges (see idrange.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "idrange.h"

const struct idrange_conf idrange_default_conf = {
	.run_dir = "/run/nsfence",
	.subuid = "/etc/subuid",
	.subgid = "/etc/subgid",
	.user = "nsfence",
};

/* Highest base whose block still ends below id 4294967295 ((uid_t)-1). */
#define IDRANGE_BASE_MAX (UINT32_MAX - IDRANGE_SIZE)

struct id_span {
	uint64_t start, end;	/* [start, end) */
};

struct id_spans {
	struct id_span *v;
	size_t n, cap;
};

/* The entries of one subid file: ours and everybody else's. */
struct subid_file {
	struct id_spans own, other;
};

static int spans_add(struct id_spans *s, uint64_t start, uint64_t count)
{
	struct id_span *v;

	if (s->n == s->cap) {
		v = realloc(s->v, (s->cap ? s->cap * 2 : 8) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->v = v;
		s->cap = s->cap ? s->cap * 2 : 8;
	}
	s->v[s->n].start = start;
	s->v[s->n].end = start + count;
	s->n++;
	return 0;
}

static bool spans_cover(const struct id_spans *s, uint64_t start,
			uint64_t end)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].start <= start && end <= s->v[i].end)
			return true;
	return false;
}

static bool spans_overlap(const struct id_spans *s, uint64_t start,
			  uint64_t end)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].start < end && start < s->v[i].end)
			return true;
	return false;
}

static void subid_free(struct subid_file *f)
{
	free(f->own.v);
	free(f->other.v);
}

/* Is @name a number, i.e. a uid rather than a user name? */
static bool subid_name_is_uid(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if (*name < '0' || *name > '9')
			return false;
	return true;
}

/*
 * Read "NAME-or-UID:START:COUNT" lines of @path; a missing file is empty.
 * Malformed lines are skipped, as shadow-utils does.  @user's uid is
 * looked up only when a line names a uid: getpwnam() may go through NSS
 * modules (LDAP, sssd, ...), too slow for every 'nsfence run'.
 */
static int subid_load(const char *path, const char *user, struct subid_file *f)
{
	char uidbuf[16] = "", line[512];
	unsigned long long start, count;
	bool uid_looked_up = false;
	struct passwd *pw;
	char *name, *p, *end;
	int ret = 0;
	FILE *fp;

	memset(f, 0, sizeof(*f));
	fp = fopen(path, "re");
	if (!fp)
		return errno == ENOENT ? 0 : -errno;

	while (!ret && fgets(line, sizeof(line), fp)) {
		name = line;
		p = strchr(line, ':');
		if (!p || line[0] == '#')
			continue;
		*p++ = '\0';
		errno = 0;
		start = strtoull(p, &end, 10);
		if (errno || end == p || *end != ':')
			continue;
		p = end + 1;
		count = strtoull(p, &end, 10);
		if (errno || end == p || (*end && *end != '\n') || !count ||
		    start > UINT32_MAX || count > UINT32_MAX)
			continue;
		if (!uid_looked_up && subid_name_is_uid(name)) {
			pw = getpwnam(user);
			if (pw)
				snprintf(uidbuf, sizeof(uidbuf), "%lu",
					 (unsigned long)pw->pw_uid);
			uid_looked_up = true;
		}
		if (!strcmp(name, user) || (uidbuf[0] && !strcmp(name, uidbuf)))
			ret = spans_add(&f->own, start, count);
		else
			ret = spans_add(&f->other, start, count);
	}
	if (!ret && ferror(fp))
		ret = -EIO;
	fclose(fp);
	if (ret)
		subid_free(f);
	return ret;
}

/* State letter (field 3) and start time (field 22) of /proc/PID/stat. */
static int proc_stat(pid_t pid, char *state, unsigned long long *start)
{
	char path[64], buf[1024], *p;
	ssize_t n;
	int fd, i;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';

	/* comm may hold anything: fields restart after its last ')'. */
	p = strrchr(buf, ')');
	if (!p)
		return -EPROTO;
	/* Field 3 (state) follows; starttime is field 22. */
	for (i = 3; i <= 22; i++) {
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
		if (!*p)
			return -EPROTO;
		if (i == 3)
			*state = *p;
	}
	*start = strtoull(p, NULL, 10);
	return 0;
}

int idrange_proc_start(pid_t pid, unsigned long long *start)
{
	char state;

	return proc_stat(pid, &state, start);
}

/* Is the owner recorded in an allocation file still alive? */
static bool owner_alive(pid_t pid, unsigned long long start)
{
	unsigned long long now;
	char state;

	if (pid <= 0)
		return false;
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return false;
	if (proc_stat(pid, &state, &now) < 0)
		return false;
	/* A zombie (or dead) owner no longer uses its ids. */
	return now == start && state != 'Z' && state != 'X';
}

static int write_owner(int fd, const struct idrange *r)
{
	char buf[64];
	ssize_t n;
	int len;

	len = snprintf(buf, sizeof(buf), "%ld %llu\n", (long)r->owner,
		       r->owner_start);
	if (ftruncate(fd, 0) < 0)
		return -errno;
	n = pwrite(fd, buf, (size_t)len, 0);
	if (n < 0)
		return -errno;
	return n == len ? 0 : -EIO;
}

static int read_owner(int fd, pid_t *pid, unsigned long long *start)
{
	char buf[64];
	long p;
	ssize_t n;

	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	if (sscanf(buf, "%ld %llu", &p, start) != 2)
		return -EPROTO;
	*pid = (pid_t)p;
	return 0;
}

/*
 * Claim block @base for @r if it is free or its owner died.  Returns 1 when
 * claimed, 0 when in use, or -errno.
 */
static int try_claim(const char *dir, uint32_t base, struct idrange *r)
{
	unsigned long long start;
	pid_t pid;
	int fd, ret;

	snprintf(r->path, sizeof(r->path), "%s/%" PRIu32, dir, base);
	fd = open(r->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return -errno;
	if (fd < 0) {
		fd = open(r->path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		if (!read_owner(fd, &pid, &start) && owner_alive(pid, start)) {
			close(fd);
			return 0;
		}
	}
	r->base = base;
	ret = write_owner(fd, r);
	close(fd);
	return ret < 0 ? ret : 1;
}

static int lock_dir(const struct idrange_conf *conf, char *ids, size_t len)
{
	char path[PATH_MAX];
	int fd;

	if (mkdir(conf->run_dir, 0700) < 0 && errno != EEXIST)
		return -errno;
	snprintf(ids, len, "%s/ids", conf->run_dir);
	if (mkdir(ids, 0700) < 0 && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/ids.lock", conf->run_dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}

/* Walk the candidate blocks of the pool; claim the first free one. */
static int claim_from_pool(const struct subid_file *su,
			   const struct subid_file *sg, const char *dir,
			   struct idrange *r, char *err, size_t errlen)
{
	uint64_t b;
	size_t i;
	int ret;

	if (su->own.n || sg->own.n) {
		for (i = 0; i < su->own.n; i++) {
			for (b = su->own.v[i].start;
			     b + IDRANGE_SIZE <= su->own.v[i].end &&
			     b <= IDRANGE_BASE_MAX; b += IDRANGE_SIZE) {
				if (!spans_cover(&sg->own, b, b + IDRANGE_SIZE))
					continue;
				ret = try_claim(dir, (uint32_t)b, r);
				if (ret)
					return ret < 0 ? ret : 0;
			}
		}
		snprintf(err, errlen, "no free block of %u ids in the subuid "
			 "and subgid ranges of the nsfence user", IDRANGE_SIZE);
		return su->own.n && sg->own.n ? -ENOSPC : -EINVAL;
	}

	for (b = IDRANGE_DEFAULT_START; b <= IDRANGE_BASE_MAX;
	     b += IDRANGE_SIZE) {
		if (spans_overlap(&su->other, b, b + IDRANGE_SIZE) ||
		    spans_overlap(&sg->other, b, b + IDRANGE_SIZE))
			continue;
		ret = try_claim(dir, (uint32_t)b, r);
		if (ret)
			return ret < 0 ? ret : 0;
	}
	snprintf(err, errlen, "no free block of %u ids left", IDRANGE_SIZE);
	return -ENOSPC;
}

int idrange_alloc(const struct idrange_conf *conf, pid_t owner,
		  struct idrange *r, char *err, size_t errlen)
{
	struct subid_file su, sg;
	char ids[PATH_MAX];
	int lock, ret;

	err[0] = '\0';
	memset(r, 0, sizeof(*r));
	r->owner = owner;
	ret = idrange_proc_start(owner, &r->owner_start);
	if (ret < 0) {
		snprintf(err, errlen, "/proc/%ld/stat", (long)owner);
		return ret;
	}

	ret = subid_load(conf->subuid, conf->user, &su);
	if (ret < 0) {
		snprintf(err, errlen, "%s", conf->subuid);
		return ret;
	}
	ret = subid_load(conf->subgid, conf->user, &sg);
	if (ret < 0) {
		snprintf(err, errlen, "%s", conf->subgid);
		goto out_su;
	}

	lock = lock_dir(conf, ids, sizeof(ids));
	if (lock < 0) {
		ret = lock;
		snprintf(err, errlen, "%s", conf->run_dir);
		goto out_sg;
	}
	ret = claim_from_pool(&su, &sg, ids, r, err, errlen);
	if (ret < 0 && !err[0])
		snprintf(err, errlen, "%s", r->path);
	close(lock);
out_sg:
	subid_free(&sg);
out_su:
	subid_free(&su);
	return ret;
}

int idrange_release(const struct idrange_conf *conf, const struct idrange *r)
{
	unsigned long long start;
	char ids[PATH_MAX];
	int lock, fd, ret;
	pid_t pid;

	lock = lock_dir(conf, ids, sizeof(ids));
	if (lock < 0)
		return lock;
	fd = open(r->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		goto out_unlock;
	}
	ret = read_owner(fd, &pid, &start);
	close(fd);
	if (!ret && (pid != r->owner || start != r->owner_start))
		ret = -ESTALE;	/* reclaimed by somebody else: not ours */
	if (!ret && unlink(r->path) < 0)
		ret = -errno;
out_unlock:
	close(lock);
	return ret;
}
