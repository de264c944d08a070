// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence apply [--check] [FILE]: the administrator's settings file made
 * true in the kernel (the default fence, the lock).  Run at boot by
 * nsfence.service, before the container engines.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "settings.h"

static int apply_cmd(int argc, char **argv);

const struct cli_cmd cmd_apply = {
	.name = "apply",
	.run = apply_cmd,
	.summary = "apply the administrator's settings file (default fence, lock)",
	.usage =
	"Usage: nsfence apply [--check] [FILE]\n"
	"\n"
	"Read the settings file (default " SETTINGS_PATH "), check every\n"
	"value, then make the kernel follow it: set the default fence that\n"
	"fences every container (or remove it when autoFence.enabled is\n"
	"false), then lock nsfence when \"locked\" is true.  Applying the same\n"
	"file again changes nothing.  Once locked, the default fence can only\n"
	"be tightened.  Needs CAP_SYS_ADMIN and an unfenced caller.\n"
	"\n"
	"  -c, --check   check the file only; the kernel is not asked\n"
	"  -h, --help    show this help\n"
	"\n"
	"The schema is in nsfence(8), SETTINGS FILE.\n"
	"\n"
	"Exit: 0 ok, 1 failed (file unreadable or invalid, or refused),\n"
	"2 usage, 3 module not loaded.\n",
};

static void describe(const char *path, const struct settings *s)
{
	char classes[128];

	if (!s->auto_fence) {
		printf("%s: default fence off%s\n", path,
		       s->locked ? ", locked" : "");
		return;
	}
	nsfence_format_classes(s->classes, classes, sizeof(classes));
	printf("%s: default fence on: deny %s, mode %s, allow ", path, classes,
	       nsfence_mode_name(s->mode));
	out_devices_text(s->devices, s->nr_devices);
	printf("%s\n", s->locked ? "; locked" : "");
}

/* The default fence as @s says; 0 or EXIT_FAIL after a message. */
static int apply_default(struct nsfence *h, const char *path,
			 const struct settings *s)
{
	const struct nsfence_fence_req req = {
		.ns_type = NSFENCE_NS_DEFAULT,
		.classes = s->classes,
		.mode = s->mode,
		.nr_devices = s->nr_devices,
		.devices = s->devices,
	};
	int ret;

	if (s->auto_fence) {
		ret = nsfence_fence(h, &req);
		if (ret) {
			cli_error_admin(h, ret, "apply %s: set the default fence",
					path);
			return EXIT_FAIL;
		}
		return 0;
	}
	ret = nsfence_unfence(h, NSFENCE_NS_DEFAULT, 0);
	if (ret && ret != -ENOENT) {
		cli_error_admin(h, ret, "apply %s: remove the default fence",
				path);
		return EXIT_FAIL;
	}
	return 0;
}

static int apply_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct settings s;
	const char *path = SETTINGS_PATH;
	bool check = false;
	struct nsfence *h;
	char err[512], ctx[128];
	int c, ret;

	while ((c = getopt_long(argc, argv, ":ch", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			check = true;
			break;
		case 'h':
			return cli_help(&cmd_apply);
		default:
			return cli_bad_option(&cmd_apply, c, argv);
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc)
		return cli_usage_error(&cmd_apply, "unexpected argument '%s'",
				       argv[optind]);

	ret = settings_load(path, &s, err, sizeof(err));
	if (ret == -EINVAL) {
		cli_msg("apply %s: %s", path, err);
		return EXIT_FAIL;
	}
	if (ret) {
		cli_msg("apply %s: %s", path, strerror(-ret));
		return EXIT_FAIL;
	}
	if (check) {
		describe(path, &s);
		return EXIT_OK;
	}

	snprintf(ctx, sizeof(ctx), "apply %s", path);
	ret = cli_open(&h, ctx);
	if (ret)
		return ret;
	ret = apply_default(h, path, &s);
	if (!ret && s.locked) {
		ret = nsfence_lock(h);
		if (ret) {
			cli_error_admin(h, ret, "apply %s: lock", path);
			ret = EXIT_FAIL;
		}
	}
	nsfence_close(h);
	if (!ret)
		describe(path, &s);
	return ret;
}
