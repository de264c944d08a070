// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence status [--json]: the module's state and counters.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static int status_cmd(int argc, char **argv);

const struct cli_cmd cmd_status = {
	.name = "status",
	.run = status_cmd,
	.summary = "show the module's state and denial counters",
	.usage =
	"Usage: nsfence status [--json]\n"
	"\n"
	"Show the family version, whether nsfence is locked, how the hooks\n"
	"are attached, the attached hooks, the number of fences and the\n"
	"module-wide counters per class.\n"
	"\n"
	"  -j, --json   print a JSON object\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit: 0 ok, 1 failed, 2 usage, 3 module not loaded.\n",
};

/* ["hook_a","hook_b"] from "hook_a,hook_b". */
static struct json_object *status_hooks_json(const char *hooks)
{
	struct json_object *arr = json_object_new_array();
	const char *p = hooks, *end;
	struct json_object *s;
	size_t len;

	if (!arr)
		return NULL;
	while (*p) {
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len) {
			s = json_object_new_string_len(p, (int)len);
			if (!s || json_object_array_add(arr, s) < 0) {
				json_object_put(s);
				json_object_put(arr);
				return NULL;
			}
		}
		if (!end)
			break;
		p = end + 1;
	}
	return arr;
}

static int status_print_json(const struct nsfence_status *st)
{
	struct json_object *obj = json_object_new_object();

	if (!obj)
		return -ENOMEM;
	if (out_add(obj, "version", json_object_new_int64(st->version)) < 0 ||
	    out_add(obj, "locked", json_object_new_boolean(st->locked)) < 0 ||
	    out_add(obj, "attach", json_object_new_string(st->attach)) < 0 ||
	    out_add(obj, "hooks", status_hooks_json(st->hooks)) < 0 ||
	    out_add(obj, "fence_count",
		    json_object_new_int64(st->fence_count)) < 0 ||
	    out_add(obj, "counters", out_counters_json(&st->counters)) < 0) {
		json_object_put(obj);
		return -ENOMEM;
	}
	return out_json_print(obj);
}

static void status_print_text(const struct nsfence_status *st)
{
	printf("version:  %u\n", st->version);
	printf("locked:   %s\n", st->locked ? "yes" : "no");
	printf("attach:   %s\n", st->attach[0] ? st->attach : "-");
	printf("hooks:    %s\n", st->hooks[0] ? st->hooks : "-");
	printf("fences:   %u\n", st->fence_count);
	printf("counters:\n");
	out_counters_table(&st->counters, "  ");
}

static int status_cmd(int argc, char **argv)
{
	struct nsfence_status st;
	struct nsfence *h;
	bool json;
	int ret;

	ret = cli_read_options(&cmd_status, argc, argv, &json);
	if (ret >= 0)
		return ret;

	ret = cli_open(&h, "status");
	if (ret)
		return ret;
	ret = nsfence_get_status(h, &st);
	if (ret < 0) {
		cli_error(h, ret, "status");
		nsfence_close(h);
		return EXIT_FAIL;
	}
	nsfence_close(h);

	if (json) {
		ret = status_print_json(&st);
		if (ret < 0) {
			cli_error(NULL, ret, "status: output");
			return EXIT_FAIL;
		}
	} else {
		status_print_text(&st);
	}
	return EXIT_OK;
}
