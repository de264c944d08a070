// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence: command dispatch, --help, --version.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct cli_cmd *const commands[] = {
	&cmd_status, &cmd_fence, &cmd_unfence, &cmd_list, &cmd_lock,
	&cmd_monitor, &cmd_run, &cmd_check, &cmd_oci_hook, &cmd_apply,
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct cli_cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

static int main_help(FILE *out)
{
	size_t i;

	fputs("Usage: nsfence [--version | --help] COMMAND [OPTIONS]\n"
	      "\n"
	      "Fence user and pid namespaces: tasks inside may not load kernel\n"
	      "modules, write global sysctls or access raw devices.\n"
	      "\n"
	      "Commands:\n", out);
	for (i = 0; i < NR_COMMANDS; i++)
		fprintf(out, "  %-9s %s\n", commands[i]->name,
			commands[i]->summary);
	fprintf(out, "  %-9s %s\n", "help", "show help of nsfence or a command");
	fputs("\n"
	      "'nsfence help COMMAND' or 'nsfence COMMAND --help' shows a\n"
	      "command's options.\n"
	      "\n"
	      "Exit status: 0 ok, 1 the operation failed, 2 usage error,\n"
	      "3 the nsfence module is not loaded.  'run' exits with the\n"
	      "status of its command; see nsfence(8).\n", out);
	return EXIT_OK;
}

static int help_cmd(int argc, char **argv)
{
	const struct cli_cmd *cmd;

	if (argc < 2)
		return main_help(stdout);
	if (argc > 2) {
		cli_msg("help: too many arguments");
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help"))
		return main_help(stdout);
	cmd = find_cmd(argv[1]);
	if (!cmd) {
		cli_msg("help: unknown command '%s'", argv[1]);
		return EXIT_USAGE;
	}
	return cli_help(cmd);
}

int main(int argc, char **argv)
{
	const struct cli_cmd *cmd;
	const char *name;

	if (argc < 2) {
		main_help(stderr);
		return EXIT_USAGE;
	}
	name = argv[1];
	if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
		printf("nsfence %s\n", NSFENCE_LIB_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		return main_help(stdout);
	if (!strcmp(name, "help"))
		return help_cmd(argc - 1, argv + 1);

	cmd = find_cmd(name);
	if (!cmd) {
		cli_msg("unknown command '%s' (see 'nsfence --help')", name);
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
