// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence fence --pid PID [--ns user|pid] [--deny CLASSES] [--audit]
 *               [--allow-device RULE]...
 * nsfence fence --ns default [--deny CLASSES] [--audit]
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
	"       nsfence fence --ns default [--deny CLASSES] [--audit]\n"
	"                     [--allow-device RULE]...\n"
	"\n"
	"Fence the user or pid namespace of task PID (or replace the policy\n"
	"of its fence).  With --ns default, set the default fence: it applies\n"
	"to every task outside the host's user and pid namespaces that no\n"
	"fence on its namespaces applies to, containers already running too.\n"
	"Needs CAP_SYS_ADMIN and an unfenced caller.\n"
	"\n"
	"  -p, --pid PID            a task of the namespace\n"
	"  -n, --ns user|pid|default\n"
	"                           the namespace to fence; default: the task's\n"
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
	struct nsfence_devrule devices[NSFENCE_MAX_DEVICES];
	struct nsfence_fence_req req = {
		.classes = NSFENCE_CLASSES_ALL,
		.mode = NSFENCE_MODE_ENFORCE,
		.devices = devices,
	};
	struct cli_target t = { 0 };
	struct nsfence *h;
	char ctx[64];
	int ret;

	ret = cli_fence_args(&cmd_fence, argc, argv, true, &t, &req, devices);
	if (ret >= 0)
		return ret;
	if (optind < argc)
		return cli_usage_error(&cmd_fence, "unexpected argument '%s'",
				       argv[optind]);
	if (t.have_ns && t.ns_type == NSFENCE_NS_DEFAULT) {
		if (t.pid)
			return cli_usage_error(&cmd_fence,
					       "--ns default is on no process: no --pid");
		req.ns_type = t.ns_type;
		snprintf(ctx, sizeof(ctx), "fence default");
		ret = cli_open(&h, ctx);
		if (ret)
			return ret;
		goto fence;
	}
	if (!t.pid)
		return cli_usage_error(&cmd_fence, "--pid is required");
	req.ns_type = t.ns_type;

	snprintf(ctx, sizeof(ctx), "fence pid %ld", (long)t.pid);
	ret = cli_open(&h, ctx);
	if (ret)
		return ret;
	ret = cli_resolve_ns(t.pid, t.have_ns, &req.ns_type, &req.ns_inum, ctx);
	if (ret)
		goto out_close;
	req.pid = (uint32_t)t.pid;
fence:
	ret = nsfence_fence(h, &req);
	if (ret < 0) {
		cli_error_admin(h, ret, "%s", ctx);
		ret = EXIT_FAIL;
	}
out_close:
	nsfence_close(h);
	return ret;
}
