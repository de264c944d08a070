// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence fence --pid PID [--ns user|pid] [--deny CLASSES] [--audit]
 *               [--allow-device RULE]...
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static int fence_cmd(int argc, char **argv);

const struct cli_cmd cmd_fence = {
	.name = "fence",
	.run = fence_cmd,
	.summary = "fence the user or pid namespace of a running task",
	.usage =
	"Usage: nsfence fence --pid PID [--ns user|pid] [--deny CLASSES]\n"
	"                     [--audit] [--allow-device RULE]...\n"
	"\n"
	"Fence the user or pid namespace of task PID (or replace the policy\n"
	"of its fence).  Needs CAP_SYS_ADMIN and an unfenced caller.\n"
	"\n"
	"  -p, --pid PID            a task of the namespace\n"
	"  -n, --ns user|pid        the namespace to fence; default: the task's\n"
	"                           user namespace, or its pid namespace when its\n"
	"                           user namespace is the one of /proc/1\n"
	"  -d, --deny CLASSES       comma-separated deny classes: modules,\n"
	"                           sysctl, devices; or all (default), none\n"
	"  -a, --audit              allow and report instead of denying\n"
	"  -D, --allow-device RULE  allow a device, device-cgroup syntax\n"
	"                           (\"c 10:237 rw\", \"b 7:* rwm\"); repeatable,\n"
	"                           at most 64\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit: 0 ok, 1 failed, 2 usage, 3 module not loaded.\n",
};

static int fence_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "ns", required_argument, NULL, 'n' },
		{ "deny", required_argument, NULL, 'd' },
		{ "audit", no_argument, NULL, 'a' },
		{ "allow-device", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct nsfence_devrule devices[NSFENCE_MAX_DEVICES];
	struct nsfence_fence_req req = {
		.classes = NSFENCE_CLASSES_ALL,
		.mode = NSFENCE_MODE_ENFORCE,
		.devices = devices,
	};
	bool have_ns = false;
	struct nsfence *h;
	char ctx[64];
	pid_t pid = 0;
	int c, ret;

	while ((c = getopt_long(argc, argv, ":p:n:d:aD:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (cli_parse_pid(optarg, &pid) < 0)
				return cli_usage_error(&cmd_fence,
						       "bad pid '%s'", optarg);
			break;
		case 'n':
			if (nsfence_parse_ns_type(optarg, &req.ns_type) < 0)
				return cli_usage_error(&cmd_fence,
						       "bad namespace type '%s' (user or pid)",
						       optarg);
			have_ns = true;
			break;
		case 'h':
			return cli_help(&cmd_fence);
		default:
			ret = cli_fence_option(&cmd_fence, c, optarg, &req, devices);
			if (ret < 0)
				return cli_bad_option(&cmd_fence, c, argv);
			if (ret)
				return ret;
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_fence, "unexpected argument '%s'",
				       argv[optind]);
	if (!pid)
		return cli_usage_error(&cmd_fence, "--pid is required");

	snprintf(ctx, sizeof(ctx), "fence pid %ld", (long)pid);
	ret = cli_open(&h, ctx);
	if (ret)
		return ret;
	ret = cli_resolve_ns(pid, have_ns, &req.ns_type, &req.ns_inum, ctx);
	if (ret)
		goto out_close;
	req.pid = (uint32_t)pid;

	ret = nsfence_fence(h, &req);
	if (ret < 0) {
		cli_error_admin(h, ret, "%s", ctx);
		ret = EXIT_FAIL;
	}
out_close:
	nsfence_close(h);
	return ret;
}
