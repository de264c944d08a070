// SPDX-License-Identifier: GPL-2.0
/*
 * The administrator's settings file: parsed with json-c, checked value by
 * value.  Anything the schema does not name is an error, not ignored: a
 * misspelt "loked" must not leave a host unlocked in silence.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json.h>

#include "readall.h"
#include "settings.h"

#define SCHEMA_VERSION 1

/* Where a check failed, for the message. */
struct where {
	char *err;
	size_t errlen;
};

static int fail(struct where *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct where *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->err, w->errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static const char *type_name(const struct json_object *v)
{
	return json_type_to_name(json_object_get_type(v));
}

/* Every key of @obj (at @path) must be one of @allowed ("a, b, c"). */
static int only_keys(struct where *w, const char *path,
		     struct json_object *obj, const char *const *keys,
		     const char *allowed)
{
	unsigned int i;

	json_object_object_foreach(obj, key, val) {
		(void)val;
		for (i = 0; keys[i]; i++)
			if (!strcmp(key, keys[i]))
				break;
		if (!keys[i])
			return fail(w, "%s.%s: unknown key (allowed: %s)", path,
				    key, allowed);
	}
	return 0;
}

static int get_bool(struct where *w, const char *path, struct json_object *v,
		    bool *out)
{
	if (!json_object_is_type(v, json_type_boolean))
		return fail(w, "%s: %s where true or false is allowed", path,
			    type_name(v));
	*out = json_object_get_boolean(v);
	return 0;
}

static int parse_classes(struct where *w, struct json_object *arr,
			 uint32_t *mask)
{
	static const char path[] = "$.autoFence.classes";
	size_t i, n;

	if (!json_object_is_type(arr, json_type_array))
		return fail(w, "%s: %s where a list of classes is allowed (modules, sysctl, devices)",
			    path, type_name(arr));
	*mask = 0;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		struct json_object *v = json_object_array_get_idx(arr, i);
		uint32_t one;

		/* One name each: "modules,sysctl" in one string is no class. */
		if (!json_object_is_type(v, json_type_string) ||
		    strchr(json_object_get_string(v), ',') ||
		    nsfence_parse_classes(json_object_get_string(v), &one) ||
		    !strcmp(json_object_get_string(v), "all") ||
		    !strcmp(json_object_get_string(v), "none"))
			return fail(w, "%s[%zu]: %s is not a class (modules, sysctl, devices; self-protection is always on)",
				    path, i, json_object_to_json_string(v));
		if (*mask & one)
			return fail(w, "%s[%zu]: \"%s\" is listed twice", path,
				    i, json_object_get_string(v));
		*mask |= one;
	}
	return 0;
}

static int parse_devices(struct where *w, struct json_object *arr,
			 struct settings *s)
{
	static const char path[] = "$.autoFence.allowDevices";
	size_t i, n;

	if (!json_object_is_type(arr, json_type_array))
		return fail(w, "%s: %s where a list of device rules is allowed (\"c 10:200 rwm\")",
			    path, type_name(arr));
	n = json_object_array_length(arr);
	if (n > NSFENCE_MAX_DEVICES)
		return fail(w, "%s: %zu rules, at most %d are allowed", path, n,
			    NSFENCE_MAX_DEVICES);
	for (i = 0; i < n; i++) {
		struct json_object *v = json_object_array_get_idx(arr, i);

		if (!json_object_is_type(v, json_type_string) ||
		    nsfence_parse_devrule(json_object_get_string(v),
					  &s->devices[i]))
			return fail(w, "%s[%zu]: %s is not a device rule (TYPE MAJOR:MINOR ACCESS: c or b, numbers or *, some of rwm; \"c 10:200 rwm\")",
				    path, i, json_object_to_json_string(v));
	}
	s->nr_devices = (unsigned int)n;
	return 0;
}

static int parse_auto_fence(struct where *w, struct json_object *obj,
			    struct settings *s)
{
	static const char *const keys[] = {
		"enabled", "classes", "mode", "allowDevices", NULL,
	};
	struct json_object *v;
	const char *mode;
	int ret;

	if (!json_object_is_type(obj, json_type_object))
		return fail(w, "$.autoFence: %s where an object is allowed",
			    type_name(obj));
	ret = only_keys(w, "$.autoFence", obj, keys,
			"enabled, classes, mode, allowDevices");
	if (ret)
		return ret;
	if (!json_object_object_get_ex(obj, "enabled", &v))
		return fail(w, "$.autoFence.enabled: missing (true or false)");
	ret = get_bool(w, "$.autoFence.enabled", v, &s->auto_fence);
	if (ret)
		return ret;
	if (json_object_object_get_ex(obj, "classes", &v)) {
		ret = parse_classes(w, v, &s->classes);
		if (ret)
			return ret;
	}
	if (json_object_object_get_ex(obj, "mode", &v)) {
		mode = json_object_get_string(v);
		if (!json_object_is_type(v, json_type_string) ||
		    (strcmp(mode, "enforce") && strcmp(mode, "audit")))
			return fail(w, "$.autoFence.mode: %s is not a mode (\"enforce\", \"audit\")",
				    json_object_to_json_string(v));
		s->mode = strcmp(mode, "audit") ? NSFENCE_MODE_ENFORCE :
						  NSFENCE_MODE_AUDIT;
	}
	if (json_object_object_get_ex(obj, "allowDevices", &v))
		return parse_devices(w, v, s);
	return 0;
}

static int parse_root(struct where *w, struct json_object *root,
		      struct settings *s)
{
	static const char *const keys[] = {
		"version", "autoFence", "locked", NULL,
	};
	struct json_object *v;
	int ret;

	if (!json_object_is_type(root, json_type_object))
		return fail(w, "$: %s where an object is allowed", type_name(root));
	ret = only_keys(w, "$", root, keys, "version, autoFence, locked");
	if (ret)
		return ret;
	if (!json_object_object_get_ex(root, "version", &v))
		return fail(w, "$.version: missing (%d)", SCHEMA_VERSION);
	if (!json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) != SCHEMA_VERSION)
		return fail(w, "$.version: %s is not a version this nsfence reads (%d)",
			    json_object_to_json_string(v), SCHEMA_VERSION);
	if (!json_object_object_get_ex(root, "autoFence", &v))
		return fail(w, "$.autoFence: missing (an object with \"enabled\")");
	ret = parse_auto_fence(w, v, s);
	if (ret)
		return ret;
	if (json_object_object_get_ex(root, "locked", &v))
		return get_bool(w, "$.locked", v, &s->locked);
	return 0;
}

int settings_parse(const char *text, size_t len, struct settings *s,
		   char *err, size_t errlen)
{
	struct where w = { .err = err, .errlen = errlen };
	struct json_object *root;
	struct json_tokener *tok;
	enum json_tokener_error jerr;
	size_t end;
	int ret;

	memset(s, 0, sizeof(*s));
	s->classes = NSFENCE_CLASSES_ALL;
	s->mode = NSFENCE_MODE_ENFORCE;
	if (len > SETTINGS_MAX)
		return fail(&w, "larger than %d bytes", SETTINGS_MAX);
	if (memchr(text, '\0', len))
		return fail(&w, "not JSON: a NUL byte");
	tok = json_tokener_new();
	if (!tok)
		return -ENOMEM;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (jerr == json_tokener_continue) {
		ret = fail(&w, "not JSON: %s", len ? "the file ends inside a value" :
						      "empty file");
		goto out;
	}
	if (!root || jerr != json_tokener_success) {
		ret = fail(&w, "not JSON: %s at byte %zu",
			   json_tokener_error_desc(jerr), end);
		goto out;
	}
	if (strspn(text + end, " \t\r\n") != len - end) {
		ret = fail(&w, "not JSON: text after the object at byte %zu", end);
		goto out;
	}
	ret = parse_root(&w, root, s);
out:
	json_object_put(root);
	json_tokener_free(tok);
	return ret;
}

int settings_load(const char *path, struct settings *s, char *err,
		  size_t errlen)
{
	size_t len = 0;
	int fd, e = 0, ret;
	char *text;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	text = read_all(fd, SETTINGS_MAX, &len, &e);
	close(fd);
	if (!text)
		return -e;
	ret = settings_parse(text, len, s, err, errlen);
	free(text);
	return ret;
}
