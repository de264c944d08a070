// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence unfence --ns user|pid --inum N
 * nsfence unfence --pid PID [--ns user|pid]
 * nsfence unfence --ns default
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static int unfence_cmd(int argc, char **argv);

const struct cli_cmd cmd_unfence = {
	.name = "unfence",
	.run = unfence_cmd,
	.summary = "remove the fence of a namespace",
	.usage =
	"Usage: nsfence unfence --ns user|pid --inum INUM\n"
	"       nsfence unfence --pid PID [--ns user|pid]\n"
	"       nsfence unfence --ns default\n"
	"\n"
	"Remove a fence, named by namespace type and inode number (as shown by\n"
	"'nsfence list'), or by a task of the namespace, or the default fence.\n"
	"Refused once nsfence is locked.  Needs CAP_SYS_ADMIN and an unfenced\n"
	"caller.\n"
	"\n"
	"  -n, --ns user|pid|default\n"
	"                      namespace type; with --pid the default is chosen\n"
	"                      as by 'nsfence fence'\n"
	"  -i, --inum INUM     inode number of the namespace\n"
	"  -p, --pid PID       a task of the namespace\n"
	"  -h, --help          show this help\n"
	"\n"
	"Exit: 0 ok, 1 failed, 2 usage, 3 module not loaded.\n",
};

static int unfence_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ns", required_argument, NULL, 'n' },
		{ "inum", required_argument, NULL, 'i' },
		{ "pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_target t = { 0 };
	bool have_inum = false;
	uint32_t inum = 0;
	struct nsfence *h;
	char ctx[64];
	int c, ret;

	while ((c = getopt_long(argc, argv, ":n:i:p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (cli_parse_u32(optarg, &inum) < 0 || !inum)
				return cli_usage_error(&cmd_unfence,
						       "bad inode number '%s'", optarg);
			have_inum = true;
			break;
		case 'h':
			return cli_help(&cmd_unfence);
		default:
			ret = cli_target_option(&cmd_unfence, c, optarg, &t);
			if (ret < 0)
				return cli_bad_option(&cmd_unfence, c, argv);
			if (ret)
				return ret;
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_unfence, "unexpected argument '%s'",
				       argv[optind]);
	if (t.have_ns && t.ns_type == NSFENCE_NS_DEFAULT) {
		if (have_inum || t.pid)
			return cli_usage_error(&cmd_unfence,
					       "--ns default is on no process: no --inum, no --pid");
		have_inum = true;
	}
	if (have_inum && t.pid)
		return cli_usage_error(&cmd_unfence,
				       "give --inum or --pid, not both");
	if (!have_inum && !t.pid)
		return cli_usage_error(&cmd_unfence, "--inum or --pid is required");
	if (have_inum && !t.have_ns)
		return cli_usage_error(&cmd_unfence, "--inum needs --ns");

	if (t.pid)
		snprintf(ctx, sizeof(ctx), "unfence pid %ld", (long)t.pid);
	else if (t.ns_type == NSFENCE_NS_DEFAULT)
		snprintf(ctx, sizeof(ctx), "unfence default");
	else
		snprintf(ctx, sizeof(ctx), "unfence %s ns %u",
			 nsfence_ns_type_name(t.ns_type), inum);
	ret = cli_open(&h, ctx);
	if (ret)
		return ret;
	if (t.pid) {
		ret = cli_resolve_ns(t.pid, t.have_ns, &t.ns_type, &inum, ctx);
		if (ret)
			goto out_close;
	}

	ret = nsfence_unfence(h, t.ns_type, inum);
	if (ret < 0) {
		cli_error_admin(h, ret, "%s", ctx);
		ret = EXIT_FAIL;
	}
out_close:
	nsfence_close(h);
	return ret;
}
