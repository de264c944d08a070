// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libnsfence: names and text forms of classes, modes, namespace types and
 * device rules.  Pure functions, no netlink.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nsfence.h"

/* Largest major and minor numbers Linux has (MINORBITS = 20). */
#define NSF_MAJOR_MAX 4095U
#define NSF_MINOR_MAX 1048575U

static const char *const nsf_class_names[__NSFENCE_CLASS_COUNT] = {
	[NSFENCE_CLASS_MODULES] = "modules",
	[NSFENCE_CLASS_SYSCTL] = "sysctl",
	[NSFENCE_CLASS_DEVICES] = "devices",
	[NSFENCE_CLASS_SELF] = "self",
};

const char *nsfence_class_name(unsigned int cls)
{
	return cls < __NSFENCE_CLASS_COUNT ? nsf_class_names[cls] : NULL;
}

const char *nsfence_ns_type_name(uint32_t ns_type)
{
	switch (ns_type) {
	case NSFENCE_NS_USER:
		return "user";
	case NSFENCE_NS_PID:
		return "pid";
	case NSFENCE_NS_DEFAULT:
		return "default";
	default:
		return NULL;
	}
}

int nsfence_parse_ns_type(const char *s, uint32_t *ns_type)
{
	if (!s || !ns_type)
		return -EINVAL;
	if (!strcmp(s, "user"))
		*ns_type = NSFENCE_NS_USER;
	else if (!strcmp(s, "pid"))
		*ns_type = NSFENCE_NS_PID;
	else if (!strcmp(s, "default"))
		*ns_type = NSFENCE_NS_DEFAULT;
	else
		return -EINVAL;
	return 0;
}

const char *nsfence_mode_name(uint32_t mode)
{
	switch (mode) {
	case NSFENCE_MODE_ENFORCE:
		return "enforce";
	case NSFENCE_MODE_AUDIT:
		return "audit";
	default:
		return NULL;
	}
}

/* One class item of a list, @len bytes at @s, to its bit. */
static int nsf_class_item(const char *s, size_t len, uint32_t *mask)
{
	unsigned int cls;

	if (len == 3 && !strncmp(s, "all", len)) {
		*mask |= NSFENCE_CLASSES_ALL;
		return 0;
	}
	if (len == 4 && !strncmp(s, "none", len))
		return 0;
	for (cls = 0; cls < __NSFENCE_CLASS_COUNT; cls++) {
		if (!(NSFENCE_CLASSES_ALL & (1U << cls)))
			continue;	/* "self" cannot be requested */
		if (strlen(nsf_class_names[cls]) == len &&
		    !strncmp(s, nsf_class_names[cls], len)) {
			*mask |= 1U << cls;
			return 0;
		}
	}
	return -EINVAL;
}

int nsfence_parse_classes(const char *s, uint32_t *mask)
{
	uint32_t m = 0;
	const char *end;
	size_t len;

	if (!s || !mask || !*s)
		return -EINVAL;
	for (;;) {
		end = strchr(s, ',');
		len = end ? (size_t)(end - s) : strlen(s);
		if (!len || nsf_class_item(s, len, &m) < 0)
			return -EINVAL;
		if (!end)
			break;
		s = end + 1;
	}
	*mask = m;
	return 0;
}

/*
 * Append to a NUL-terminated text in @buf of @len bytes.  Returns 0, or
 * -ENOSPC once something did not fit (the text stays truncated).
 */
static int nsf_append(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int nsf_append(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= len - used ? -ENOSPC : 0;
}

int nsfence_format_classes(uint32_t mask, char *buf, size_t len)
{
	uint32_t unknown = mask;
	unsigned int cls;
	int ret = 0;

	if (!buf || !len)
		return -EINVAL;
	buf[0] = '\0';
	if (!mask)
		return nsf_append(buf, len, "none");

	for (cls = 0; cls < __NSFENCE_CLASS_COUNT && !ret; cls++) {
		if (!(mask & (1U << cls)))
			continue;
		unknown &= ~(1U << cls);
		ret = nsf_append(buf, len, "%s%s", buf[0] ? "," : "",
				 nsf_class_names[cls]);
	}
	if (unknown && !ret)
		ret = nsf_append(buf, len, "%s0x%x", buf[0] ? "," : "",
				 unknown);
	return ret;
}

static int nsf_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Decimal number up to @max, or "*"; advances *@s. */
static int nsf_devnum(const char **s, uint32_t max, uint32_t *out)
{
	const char *p = *s;
	unsigned long v = 0;

	if (*p == '*') {
		*out = NSFENCE_DEV_ANY;
		*s = p + 1;
		return 0;
	}
	if (*p < '0' || *p > '9')
		return -EINVAL;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > max)
			return -EINVAL;
		p++;
	}
	*out = (uint32_t)v;
	*s = p;
	return 0;
}

int nsfence_parse_devrule(const char *s, struct nsfence_devrule *r)
{
	struct nsfence_devrule rule = { 0 };
	uint32_t bit;

	if (!s || !r)
		return -EINVAL;
	while (nsf_is_blank(*s))
		s++;

	switch (*s++) {
	case 'c':
		rule.type = NSFENCE_DEV_CHAR;
		break;
	case 'b':
		rule.type = NSFENCE_DEV_BLOCK;
		break;
	default:
		return -EINVAL;
	}
	if (!nsf_is_blank(*s))
		return -EINVAL;
	while (nsf_is_blank(*s))
		s++;

	if (nsf_devnum(&s, NSF_MAJOR_MAX, &rule.major) < 0 || *s++ != ':' ||
	    nsf_devnum(&s, NSF_MINOR_MAX, &rule.minor) < 0)
		return -EINVAL;
	if (!nsf_is_blank(*s))
		return -EINVAL;
	while (nsf_is_blank(*s))
		s++;

	for (; *s && !nsf_is_blank(*s); s++) {
		switch (*s) {
		case 'r':
			bit = NSFENCE_DEV_READ;
			break;
		case 'w':
			bit = NSFENCE_DEV_WRITE;
			break;
		case 'm':
			bit = NSFENCE_DEV_MKNOD;
			break;
		default:
			return -EINVAL;
		}
		if (rule.access & bit)
			return -EINVAL;
		rule.access |= bit;
	}
	while (nsf_is_blank(*s))
		s++;
	if (*s || !rule.access)
		return -EINVAL;

	*r = rule;
	return 0;
}

static void nsf_devnum_str(uint32_t v, char *buf, size_t len)
{
	if (v == NSFENCE_DEV_ANY)
		snprintf(buf, len, "*");
	else
		snprintf(buf, len, "%u", v);
}

int nsfence_format_devrule(const struct nsfence_devrule *r, char *buf,
			   size_t len)
{
	char major[12], minor[12];
	char type;

	if (!r || !buf || !len)
		return -EINVAL;
	buf[0] = '\0';
	if (r->type == NSFENCE_DEV_CHAR)
		type = 'c';
	else if (r->type == NSFENCE_DEV_BLOCK)
		type = 'b';
	else
		return -EINVAL;
	if (!r->access || (r->access & ~NSFENCE_DEV_ACCESS_ALL))
		return -EINVAL;

	nsf_devnum_str(r->major, major, sizeof(major));
	nsf_devnum_str(r->minor, minor, sizeof(minor));
	return nsf_append(buf, len, "%c %s:%s %s%s%s", type, major, minor,
			  r->access & NSFENCE_DEV_READ ? "r" : "",
			  r->access & NSFENCE_DEV_WRITE ? "w" : "",
			  r->access & NSFENCE_DEV_MKNOD ? "m" : "");
}
