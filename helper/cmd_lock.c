// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence lock: the one-way switch.
 */
#include <getopt.h>

#include "cli.h"

static int lock_cmd(int argc, char **argv);

const struct cli_cmd cmd_lock = {
	.name = "lock",
	.run = lock_cmd,
	.summary = "lock nsfence until reboot (irreversible)",
	.usage =
	"Usage: nsfence lock\n"
	"\n"
	"Lock nsfence until the next reboot: from then on no fence can be\n"
	"removed or loosened and the module cannot be unloaded.  There is no\n"
	"way back.  Needs CAP_SYS_ADMIN and an unfenced caller.\n"
	"\n"
	"  -h, --help   show this help\n"
	"\n"
	"Exit: 0 ok, 1 failed, 2 usage, 3 module not loaded.\n",
};

static int lock_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct nsfence *h;
	int c, ret;

	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(&cmd_lock);
		return cli_bad_option(&cmd_lock, c, argv);
	}
	if (optind < argc)
		return cli_usage_error(&cmd_lock, "unexpected argument '%s'",
				       argv[optind]);

	ret = cli_open(&h, "lock");
	if (ret)
		return ret;
	ret = nsfence_lock(h);
	if (ret < 0) {
		cli_error_admin(h, ret, "lock");
		ret = EXIT_FAIL;
	}
	nsfence_close(h);
	return ret;
}
