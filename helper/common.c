// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence CLI: error reporting, opening the family, argument parsers.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/capability.h>

#include "cli.h"

static void cli_verror(const struct nsfence *h, int err, const char *extra,
		       const char *fmt, va_list ap)
{
	const char *msg = h ? nsfence_errmsg(h) : "";

	fputs("nsfence: ", stderr);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s", strerror(err < 0 ? -err : err));
	if (msg[0])
		fprintf(stderr, ": %s", msg);
	else if (extra)
		fprintf(stderr, ": %s", extra);
	fputc('\n', stderr);
}

void cli_error(const struct nsfence *h, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_verror(h, err, NULL, fmt, ap);
	va_end(ap);
}

void cli_error_admin(const struct nsfence *h, int err, const char *fmt, ...)
{
	const char *extra = NULL;
	va_list ap;

	if (err == -EPERM && cli_lacks_sys_admin())
		extra = "CAP_SYS_ADMIN in the initial user namespace is needed";
	va_start(ap, fmt);
	cli_verror(h, err, extra, fmt, ap);
	va_end(ap);
}

void cli_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("nsfence: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nsfence: %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'nsfence %s --help')\n", cmd->name);
	return EXIT_USAGE;
}

int cli_help(const struct cli_cmd *cmd)
{
	fputs(cmd->usage, stdout);
	return EXIT_OK;
}

int cli_bad_option(const struct cli_cmd *cmd, int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs an argument",
				       arg);
	if (optopt)
		return cli_usage_error(cmd, "unknown option '-%c'", optopt);
	return cli_usage_error(cmd, "unknown option '%s'", arg);
}

int cli_open(struct nsfence **h, const char *ctx)
{
	int ret;

	ret = nsfence_open(h);
	if (!ret)
		return 0;
	if (ret == -ENOENT) {
		cli_msg("%s: generic netlink family \"%s\" not found: "
			"is the module loaded? modprobe nsfence",
			ctx, NSFENCE_GENL_NAME);
		return EXIT_NOMODULE;
	}
	cli_error(NULL, ret, "%s: cannot open the nsfence family", ctx);
	return EXIT_FAIL;
}

static int cli_parse_ul(const char *s, unsigned long max, unsigned long *v)
{
	unsigned long n;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || n > max)
		return -ERANGE;
	*v = n;
	return 0;
}

int cli_parse_pid(const char *s, pid_t *pid)
{
	unsigned long v;
	int ret;

	ret = cli_parse_ul(s, INT_MAX, &v);
	if (ret < 0)
		return ret;
	if (!v)
		return -ERANGE;
	*pid = (pid_t)v;
	return 0;
}

int cli_parse_u32(const char *s, uint32_t *v)
{
	unsigned long n;
	int ret;

	ret = cli_parse_ul(s, UINT32_MAX, &n);
	if (ret < 0)
		return ret;
	*v = (uint32_t)n;
	return 0;
}

int cli_resolve_ns(pid_t pid, bool have_type, uint32_t *ns_type,
		   uint32_t *inum, const char *ctx)
{
	int ret;

	if (have_type) {
		ret = nsfence_ns_inum(pid, *ns_type, inum);
		if (ret == -ENOENT) {
			cli_error(NULL, -ESRCH, "%s", ctx);
			return EXIT_FAIL;
		}
		if (ret < 0) {
			cli_error(NULL, ret, "%s: /proc/%ld/ns/%s", ctx,
				  (long)pid, nsfence_ns_type_name(*ns_type));
			return EXIT_FAIL;
		}
		return 0;
	}

	ret = nsfence_default_ns_type(pid, ns_type, inum);
	switch (ret) {
	case 0:
		return 0;
	case -ENOENT:
		cli_error(NULL, -ESRCH, "%s", ctx);
		return EXIT_FAIL;
	case -EINVAL:
		cli_msg("%s: the task is in the initial user and pid namespaces: "
			"nothing to fence", ctx);
		return EXIT_FAIL;
	default:
		cli_error(NULL, ret, "%s: cannot compare with /proc/1/ns "
			  "(give --ns)", ctx);
		return EXIT_FAIL;
	}
}

bool cli_lacks_sys_admin(void)
{
	cap_flag_value_t v = CAP_CLEAR;
	cap_t caps;

	caps = cap_get_proc();
	if (!caps)
		return false;
	if (cap_get_flag(caps, CAP_SYS_ADMIN, CAP_EFFECTIVE, &v) < 0)
		v = CAP_SET;
	cap_free(caps);
	return v != CAP_SET;
}

int cli_fence_option(const struct cli_cmd *cmd, int c, const char *arg,
		     struct nsfence_fence_req *req,
		     struct nsfence_devrule *devices)
{
	switch (c) {
	case 'd':
		if (nsfence_parse_classes(arg, &req->classes) < 0)
			return cli_usage_error(cmd, "bad class list '%s'", arg);
		return 0;
	case 'a':
		req->mode = NSFENCE_MODE_AUDIT;
		return 0;
	case 'D':
		if (req->nr_devices >= NSFENCE_MAX_DEVICES)
			return cli_usage_error(cmd, "more than %u device rules",
					       NSFENCE_MAX_DEVICES);
		if (nsfence_parse_devrule(arg, &devices[req->nr_devices]) < 0)
			return cli_usage_error(cmd, "bad device rule '%s'", arg);
		req->nr_devices++;
		return 0;
	default:
		return -1;
	}
}

int cli_target_option(const struct cli_cmd *cmd, int c, const char *arg,
		      struct cli_target *t)
{
	switch (c) {
	case 'p':
		if (cli_parse_pid(arg, &t->pid) < 0)
			return cli_usage_error(cmd, "bad pid '%s'", arg);
		return 0;
	case 'n':
		if (nsfence_parse_ns_type(arg, &t->ns_type) < 0)
			return cli_usage_error(cmd,
					       "bad namespace type '%s' (user, pid or default)",
					       arg);
		t->have_ns = true;
		return 0;
	default:
		return -1;
	}
}

int cli_fence_args(const struct cli_cmd *cmd, int argc, char **argv,
		   bool with_pid, struct cli_target *t,
		   struct nsfence_fence_req *req,
		   struct nsfence_devrule *devices)
{
	/* --pid first: without it, the table starts one entry later. */
	static const struct option opts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "ns", required_argument, NULL, 'n' },
		{ "deny", required_argument, NULL, 'd' },
		{ "audit", no_argument, NULL, 'a' },
		{ "allow-device", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *optstring = with_pid ? ":p:n:d:aD:h" : ":n:d:aD:h";
	int c, ret;

	while ((c = getopt_long(argc, argv, optstring, opts + !with_pid,
				NULL)) != -1) {
		if (c == 'h')
			return cli_help(cmd);
		ret = cli_target_option(cmd, c, optarg, t);
		if (ret < 0)
			ret = cli_fence_option(cmd, c, optarg, req, devices);
		if (ret < 0)
			return cli_bad_option(cmd, c, argv);
		if (ret)
			return ret;
	}
	return -1;
}

int cli_read_options(const struct cli_cmd *cmd, int argc, char **argv,
		     bool *json)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*json = false;
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			*json = true;
			break;
		case 'h':
			return cli_help(cmd);
		default:
			return cli_bad_option(cmd, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	return -1;
}
