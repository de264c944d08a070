/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence CLI: what the command files share.
 */
#ifndef NSFENCE_CLI_H
#define NSFENCE_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "nsfence.h"

/* Exit codes of every command except `run` (see nsfence(8)). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* the operation failed */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NOMODULE = 3,	/* family "nsfence" not registered */
};

/* Exit codes of `run` when the failure is nsfence's, not CMD's. */
enum {
	EXIT_RUN_FAIL = 125,	/* setup or fencing failed; CMD never ran */
	EXIT_RUN_NOEXEC = 126,	/* CMD found but could not be executed */
	EXIT_RUN_NOENT = 127,	/* CMD not found */
};

/**
 * struct cli_cmd - one command
 * @name: the word after "nsfence"
 * @run: the command; argv[0] is @name; returns an exit code
 * @summary: one line for `nsfence --help`
 * @usage: full help text for `nsfence help NAME` / `NAME --help`
 */
struct cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;
};

extern const struct cli_cmd cmd_status, cmd_fence, cmd_unfence, cmd_list,
	cmd_lock, cmd_monitor, cmd_run, cmd_check, cmd_oci_hook, cmd_apply;

/* "nsfence: CTX: strerror(-err)[: extack]" on stderr. */
void cli_error(const struct nsfence *h, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Same for commands that need CAP_SYS_ADMIN: an -EPERM without kernel text
 * from a process lacking CAP_SYS_ADMIN gets that as its explanation.
 */
void cli_error_admin(const struct nsfence *h, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "nsfence: MSG" on stderr. */
void cli_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Usage error of @cmd: one line "nsfence: CMD: MSG (see 'nsfence CMD
 * --help')" on stderr; returns EXIT_USAGE.
 */
int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * One of the options that describe a fence, shared by fence, run and
 * oci-hook: 'd' (--deny CLASSES), 'a' (--audit), 'D' (--allow-device
 * RULE, into @devices, NSFENCE_MAX_DEVICES entries, counted in @req).
 * Returns 0 when taken, -1 when @c is none of them, or EXIT_USAGE after
 * a usage error of @cmd was printed.
 */
int cli_fence_option(const struct cli_cmd *cmd, int c, const char *arg,
		     struct nsfence_fence_req *req,
		     struct nsfence_devrule *devices);

/**
 * struct cli_target - the namespace a command acts on, as options name it
 * @pid: --pid, 0 when not given
 * @ns_type: --ns, valid when @have_ns
 * @have_ns: --ns was given
 */
struct cli_target {
	pid_t pid;
	uint32_t ns_type;
	bool have_ns;
};

/*
 * One of the options that name a namespace, shared by fence, unfence and
 * oci-hook: 'p' (--pid PID) and 'n' (--ns user|pid).  Returns 0 when
 * taken, -1 when @c is neither, or EXIT_USAGE after a usage error of
 * @cmd was printed.
 */
int cli_target_option(const struct cli_cmd *cmd, int c, const char *arg,
		      struct cli_target *t);

/*
 * The options of a command that fences: --pid (when @with_pid), --ns,
 * --deny, --audit, --allow-device, --help.  Returns -1 to go on, with
 * optind at the first operand, else the exit code to return: EXIT_OK
 * after --help, EXIT_USAGE after a usage error.
 */
int cli_fence_args(const struct cli_cmd *cmd, int argc, char **argv,
		   bool with_pid, struct cli_target *t,
		   struct nsfence_fence_req *req,
		   struct nsfence_devrule *devices);

/*
 * The options of a read command that takes only --json and --help.
 * Returns -1 to go on (with @json set), else the exit code to return:
 * EXIT_OK after --help, EXIT_USAGE after a usage error.
 */
int cli_read_options(const struct cli_cmd *cmd, int argc, char **argv,
		     bool *json);

/* Print @cmd's usage on stdout; returns EXIT_OK. */
int cli_help(const struct cli_cmd *cmd);

/*
 * Open the family; on failure print the error for @ctx (with the hint to
 * load the module when it is missing) and return the exit code, else 0.
 */
int cli_open(struct nsfence **h, const char *ctx);

/*
 * Report what getopt_long() (optstring starting with ':') returned as @c
 * for an unknown option or a missing argument; returns EXIT_USAGE.
 */
int cli_bad_option(const struct cli_cmd *cmd, int c, char **argv);

/* Strict number parsers: whole string, in range; 0 or -EINVAL/-ERANGE. */
int cli_parse_pid(const char *s, pid_t *pid);
int cli_parse_u32(const char *s, uint32_t *v);

/*
 * Resolve the namespace of @pid to fence or unfence: @ns_type as given
 * (when *have_type), else nsfence_default_ns_type(); prints errors for
 * @ctx.  Returns 0 or an exit code.
 */
int cli_resolve_ns(pid_t pid, bool have_type, uint32_t *ns_type,
		   uint32_t *inum, const char *ctx);

/* True when the process lacks CAP_SYS_ADMIN in its effective set. */
bool cli_lacks_sys_admin(void);

#endif /* NSFENCE_CLI_H */
