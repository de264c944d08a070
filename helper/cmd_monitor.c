// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence monitor [--json] [--fence INUM]: denial events, live.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static int monitor_cmd(int argc, char **argv);

const struct cli_cmd cmd_monitor = {
	.name = "monitor",
	.run = monitor_cmd,
	.summary = "print denial events as they happen",
	.usage =
	"Usage: nsfence monitor [--json] [--fence INUM]\n"
	"\n"
	"Print one line per denial (or audit hit) of every fence, as it\n"
	"happens, until interrupted (SIGINT, SIGTERM).  Events are rate-limited\n"
	"per fence by the kernel; lost events are reported as 'dropped' lines,\n"
	"and the total lost while monitoring is printed on exit.  Counters\n"
	"('nsfence status', 'nsfence list') stay exact.  Needs CAP_SYS_ADMIN\n"
	"and an unfenced caller.\n"
	"\n"
	"  -j, --json         one JSON object per line\n"
	"  -f, --fence INUM   only events of the fence on namespace INUM\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit: 0 interrupted, 1 failed, 2 usage, 3 module not loaded.\n",
};

static volatile sig_atomic_t monitor_stop;

static void monitor_on_signal(int sig)
{
	(void)sig;
	monitor_stop = 1;
}

struct monitor_ctx {
	bool json;
	bool filter;
	uint32_t inum;
	uint64_t dropped;	/* module-wide count last seen */
};

static void monitor_print_dropped(const struct monitor_ctx *ctx, uint64_t n,
				  const char *why)
{
	if (ctx->json)
		printf("{\"dropped\":%" PRIu64 ",\"reason\":\"%s\"}\n", n, why);
	else
		printf("dropped %" PRIu64 " events (%s)\n", n, why);
}

static int monitor_print_json(const struct nsfence_event *ev)
{
	struct json_object *obj = json_object_new_object();
	const char *cls = nsfence_class_name(ev->cls);
	const char *ns = nsfence_ns_type_name(ev->ns_type);
	const char *text;

	if (!obj)
		return -ENOMEM;
	if (out_add(obj, "mode", json_object_new_string(
		    ev->mode == NSFENCE_MODE_AUDIT ? "audit" : "denied")) < 0 ||
	    out_add(obj, "class", cls ? json_object_new_string(cls) :
		    json_object_new_int64(ev->cls)) < 0 ||
	    out_add(obj, "pid", json_object_new_int64(ev->pid)) < 0 ||
	    out_add(obj, "tgid", json_object_new_int64(ev->tgid)) < 0 ||
	    out_add(obj, "comm", json_object_new_string(ev->comm)) < 0 ||
	    out_add(obj, "ns_type", ns ? json_object_new_string(ns) :
		    json_object_new_int64(ev->ns_type)) < 0 ||
	    out_add(obj, "ns_inum", json_object_new_int64(ev->ns_inum)) < 0 ||
	    out_add(obj, "object", json_object_new_string(ev->object)) < 0 ||
	    out_add(obj, "dropped", json_object_new_int64((int64_t)ev->dropped)) < 0) {
		json_object_put(obj);
		return -ENOMEM;
	}
	text = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	puts(text);
	json_object_put(obj);
	return 0;
}

static int monitor_event(const struct nsfence_event *ev, void *arg)
{
	struct monitor_ctx *ctx = arg;
	const char *cls = nsfence_class_name(ev->cls);
	const char *ns = nsfence_ns_type_name(ev->ns_type);

	if (ev->dropped > ctx->dropped) {
		monitor_print_dropped(ctx, ev->dropped - ctx->dropped,
				      "rate limit or queue");
		ctx->dropped = ev->dropped;
	}
	if (ctx->filter && ev->ns_inum != ctx->inum)
		return 0;
	if (ctx->json)
		return monitor_print_json(ev);
	printf("%s %s pid=%u tgid=%u comm=\"%s\" fence=%s:%u object=\"%s\"\n",
	       ev->mode == NSFENCE_MODE_AUDIT ? "audit" : "denied",
	       cls ? cls : "?", ev->pid, ev->tgid, ev->comm, ns ? ns : "?",
	       ev->ns_inum, ev->object);
	return 0;
}

static int monitor_loop(struct nsfence_monitor *m, struct monitor_ctx *ctx)
{
	int ret;

	while (!monitor_stop) {
		ret = nsfence_monitor_next(m, monitor_event, ctx);
		if (ret == -EINTR)
			continue;
		if (ret == -ENOBUFS) {
			monitor_print_dropped(ctx, 0, "receive buffer overrun");
			continue;
		}
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int monitor_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "fence", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct monitor_ctx ctx = { 0 };
	struct nsfence_monitor *m;
	struct nsfence_status st;
	struct sigaction sa;
	struct nsfence *h;
	uint64_t start;
	int c, ret;

	while ((c = getopt_long(argc, argv, ":jf:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			ctx.json = true;
			break;
		case 'f':
			if (cli_parse_u32(optarg, &ctx.inum) < 0 || !ctx.inum)
				return cli_usage_error(&cmd_monitor,
						       "bad inode number '%s'",
						       optarg);
			ctx.filter = true;
			break;
		case 'h':
			return cli_help(&cmd_monitor);
		default:
			return cli_bad_option(&cmd_monitor, c, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(&cmd_monitor, "unexpected argument '%s'",
				       argv[optind]);

	ret = cli_open(&h, "monitor");
	if (ret)
		return ret;
	ret = nsfence_get_status(h, &st);
	if (ret < 0) {
		cli_error(h, ret, "monitor");
		nsfence_close(h);
		return EXIT_FAIL;
	}
	start = st.dropped;
	ctx.dropped = start;
	ret = nsfence_monitor_open(&m);
	if (ret < 0) {
		cli_error_admin(NULL, ret, "monitor: subscribe");
		nsfence_close(h);
		return ret == -ENOENT ? EXIT_NOMODULE : EXIT_FAIL;
	}

	/* No SA_RESTART: a signal ends the blocking receive. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = monitor_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	ret = monitor_loop(m, &ctx);
	nsfence_monitor_close(m);
	if (ret < 0) {
		cli_error(NULL, ret, "monitor: receive");
		nsfence_close(h);
		return EXIT_FAIL;
	}
	/* The drops after the last event received, too. */
	if (nsfence_get_status(h, &st) == 0) {
		if (ctx.json)
			printf("{\"dropped_total\":%" PRIu64 "}\n",
			       st.dropped - start);
		else
			printf("dropped %" PRIu64 " events in total while monitoring\n",
			       st.dropped - start);
	}
	nsfence_close(h);
	return EXIT_OK;
}
