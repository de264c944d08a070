// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence CLI: text tables and JSON documents for read commands.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "output.h"

int out_add(struct json_object *obj, const char *key, struct json_object *val)
{
	if (!val)
		return -ENOMEM;
	if (json_object_object_add(obj, key, val) < 0) {
		json_object_put(val);
		return -ENOMEM;
	}
	return 0;
}

/* Append @val to the JSON array @arr; same ownership rules as out_add(). */
static int out_append(struct json_object *arr, struct json_object *val)
{
	if (!val)
		return -ENOMEM;
	if (json_object_array_add(arr, val) < 0) {
		json_object_put(val);
		return -ENOMEM;
	}
	return 0;
}

struct json_object *out_classes_json(uint32_t mask)
{
	struct json_object *arr = json_object_new_array();
	const char *name;
	unsigned int cls;

	if (!arr)
		return NULL;
	for (cls = 0; cls < 32; cls++) {
		if (!(mask & (1U << cls)))
			continue;
		name = nsfence_class_name(cls);
		if (out_append(arr, name ? json_object_new_string(name) :
				   json_object_new_int((int)cls)) < 0)
			goto out_put;
	}
	return arr;

out_put:
	json_object_put(arr);
	return NULL;
}

struct json_object *out_counters_json(const struct nsfence_counters *c)
{
	struct json_object *obj = json_object_new_object();
	struct json_object *one;
	unsigned int cls;

	if (!obj)
		return NULL;
	for (cls = 0; cls < __NSFENCE_CLASS_COUNT; cls++) {
		one = json_object_new_object();
		if (!one)
			goto out_put;
		if (out_add(one, "denied", json_object_new_uint64(c->denied[cls])) < 0 ||
		    out_add(one, "audited",
			    json_object_new_uint64(c->audited[cls])) < 0) {
			json_object_put(one);
			goto out_put;
		}
		if (out_add(obj, nsfence_class_name(cls), one) < 0)
			goto out_put;
	}
	return obj;

out_put:
	json_object_put(obj);
	return NULL;
}

void out_devices_text(const struct nsfence_devrule *d, unsigned int n)
{
	char buf[64];
	unsigned int i;

	if (!n)
		fputs("-", stdout);
	for (i = 0; i < n; i++) {
		if (nsfence_format_devrule(&d[i], buf, sizeof(buf)) < 0)
			snprintf(buf, sizeof(buf), "?");
		printf("%s%s", i ? ", " : "", buf);
	}
}

struct json_object *out_devices_json(const struct nsfence_devrule *d,
				     unsigned int n)
{
	struct json_object *arr = json_object_new_array();
	char buf[64];
	unsigned int i;

	if (!arr)
		return NULL;
	for (i = 0; i < n; i++) {
		if (nsfence_format_devrule(&d[i], buf, sizeof(buf)) < 0)
			snprintf(buf, sizeof(buf), "? %u %u:%u %#x", d[i].type,
				 d[i].major, d[i].minor, d[i].access);
		if (out_append(arr, json_object_new_string(buf)) < 0) {
			json_object_put(arr);
			return NULL;
		}
	}
	return arr;
}

int out_json_print(struct json_object *obj)
{
	const char *text;
	int ret = 0;

	text = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY |
						   JSON_C_TO_STRING_SPACED |
						   JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text)
		ret = -ENOMEM;
	else if (puts(text) == EOF)
		ret = -EIO;
	json_object_put(obj);
	return ret;
}

void out_counters_table(const struct nsfence_counters *c, const char *indent)
{
	unsigned int cls;

	printf("%s%-8s %12s %12s\n", indent, "CLASS", "DENIED", "AUDITED");
	for (cls = 0; cls < __NSFENCE_CLASS_COUNT; cls++)
		printf("%s%-8s %12" PRIu64 " %12" PRIu64 "\n", indent,
		       nsfence_class_name(cls), c->denied[cls],
		       c->audited[cls]);
}

void out_age(uint64_t ns, char *buf, size_t len)
{
	uint64_t s = ns / 1000000000ULL;

	if (s < 60)
		snprintf(buf, len, "%" PRIu64 "s", s);
	else if (s < 3600)
		snprintf(buf, len, "%" PRIu64 "m%02" PRIu64 "s", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, len, "%" PRIu64 "h%02" PRIu64 "m", s / 3600,
			 s % 3600 / 60);
	else
		snprintf(buf, len, "%" PRIu64 "d%02" PRIu64 "h", s / 86400,
			 s % 86400 / 3600);
}

uint64_t out_sum(const uint64_t v[__NSFENCE_CLASS_COUNT])
{
	uint64_t sum = 0;
	unsigned int cls;

	for (cls = 0; cls < __NSFENCE_CLASS_COUNT; cls++)
		sum += v[cls];
	return sum;
}
