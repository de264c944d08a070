// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence list [--json]: every fence, as a table or a JSON array.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "output.h"

static int list_cmd(int argc, char **argv);

const struct cli_cmd cmd_list = {
	.name = "list",
	.run = list_cmd,
	.summary = "list the fences",
	.usage =
	"Usage: nsfence list [--json]\n"
	"\n"
	"List every fence: namespace type and inode number, mode, deny\n"
	"classes, age, denied and audited operations, denial events dropped,\n"
	"device exceptions.\n"
	"\n"
	"  -j, --json   print a JSON array, one object per fence\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit: 0 ok, 1 failed, 2 usage, 3 module not loaded.\n",
};

struct list_state {
	struct json_object *arr;	/* NULL: text output */
	uint64_t now_ns;		/* CLOCK_BOOTTIME */
	int error;			/* -errno of the output */
};

static uint64_t list_age_ns(const struct list_state *ls,
			    const struct nsfence_fence_info *f)
{
	return ls->now_ns > f->created_ns ? ls->now_ns - f->created_ns : 0;
}

static const char *list_name(const char *name, char *buf, size_t len,
			     uint32_t v)
{
	if (name)
		return name;
	snprintf(buf, len, "%u", v);
	return buf;
}

static int list_json_one(struct list_state *ls,
			 const struct nsfence_fence_info *f)
{
	struct json_object *obj = json_object_new_object();
	const char *ns = nsfence_ns_type_name(f->ns_type);
	const char *mode = nsfence_mode_name(f->mode);

	if (!obj)
		return -ENOMEM;
	if (out_add(obj, "ns", ns ? json_object_new_string(ns) :
			json_object_new_int64(f->ns_type)) < 0 ||
	    out_add(obj, "inum", json_object_new_int64(f->ns_inum)) < 0 ||
	    out_add(obj, "mode", mode ? json_object_new_string(mode) :
			json_object_new_int64(f->mode)) < 0 ||
	    out_add(obj, "classes", out_classes_json(f->classes)) < 0 ||
	    out_add(obj, "created_ns", json_object_new_uint64(f->created_ns)) < 0 ||
	    out_add(obj, "age_s", json_object_new_uint64(list_age_ns(ls, f) /
							   1000000000ULL)) < 0 ||
	    out_add(obj, "devices", out_devices_json(f->devices,
						     f->nr_devices)) < 0 ||
	    out_add(obj, "counters", out_counters_json(&f->counters)) < 0 ||
	    out_add(obj, "dropped", json_object_new_uint64(f->dropped)) < 0 ||
	    json_object_array_add(ls->arr, obj) < 0) {
		json_object_put(obj);
		return -ENOMEM;
	}
	return 0;
}

static void list_text_one(struct list_state *ls,
			  const struct nsfence_fence_info *f)
{
	char ns[12], mode[12], classes[128], age[32];

	nsfence_format_classes(f->classes, classes, sizeof(classes));
	out_age(list_age_ns(ls, f), age, sizeof(age));
	printf("%-7s %10u  %-7s  %-22s %7s %8" PRIu64 " %8" PRIu64 " %8" PRIu64 "  ",
	       list_name(nsfence_ns_type_name(f->ns_type), ns, sizeof(ns),
			 f->ns_type),
	       f->ns_inum,
	       list_name(nsfence_mode_name(f->mode), mode, sizeof(mode),
			 f->mode),
	       classes, age, out_sum(f->counters.denied),
	       out_sum(f->counters.audited), f->dropped);
	out_devices_text(f->devices, f->nr_devices);
	putchar('\n');
}

static int list_one(const struct nsfence_fence_info *f, void *arg)
{
	struct list_state *ls = arg;

	if (ls->arr) {
		ls->error = list_json_one(ls, f);
		return ls->error ? 1 : 0;
	}
	list_text_one(ls, f);
	return 0;
}

static int list_cmd(int argc, char **argv)
{
	struct list_state ls = { 0 };
	struct timespec ts;
	struct nsfence *h;
	bool json;
	int ret;

	ret = cli_read_options(&cmd_list, argc, argv, &json);
	if (ret >= 0)
		return ret;

	ret = cli_open(&h, "list");
	if (ret)
		return ret;

	if (!clock_gettime(CLOCK_BOOTTIME, &ts))
		ls.now_ns = (uint64_t)ts.tv_sec * 1000000000ULL +
			    (uint64_t)ts.tv_nsec;
	if (json) {
		ls.arr = json_object_new_array();
		if (!ls.arr) {
			ret = -ENOMEM;
			goto out_output;
		}
	} else {
		printf("%-7s %10s  %-7s  %-22s %7s %8s %8s %8s  %s\n", "NS",
		       "INUM", "MODE", "CLASSES", "AGE", "DENIED", "AUDITED",
		       "DROPPED", "DEVICES");
	}

	ret = nsfence_list(h, list_one, &ls);
	if (ret < 0 || (ret > 0 && !ls.error)) {
		cli_error(h, ret < 0 ? ret : -EIO, "list");
		json_object_put(ls.arr);
		ret = EXIT_FAIL;
		goto out_close;
	}
	ret = ls.error;
	if (!ret && ls.arr) {
		ret = out_json_print(ls.arr);
		ls.arr = NULL;
	}
out_output:
	json_object_put(ls.arr);
	if (ret < 0) {
		cli_error(NULL, ret, "list: output");
		ret = EXIT_FAIL;
	}
out_close:
	nsfence_close(h);
	return ret;
}
