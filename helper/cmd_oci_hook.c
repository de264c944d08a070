// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence oci-hook [--ns user|pid] [--deny CLASSES] [--audit]
 *                  [--allow-device RULE]...
 *
 * An OCI runtime hook (createRuntime, or prestart): the runtime writes the
 * container's state on stdin,
 *
 *   {"ociVersion": "1.0.2", "id": "c1", "status": "creating",
 *    "pid": 4242, "bundle": "/path/to/bundle", ...}
 *
 * and aborts the container when the hook exits non-zero.  The hook fences
 * the user namespace of "pid" (its pid namespace when the container
 * shares the host's user namespace), so the container's process is fenced
 * before the runtime starts the user's program in it.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json.h>

#include "cli.h"
#include "readall.h"

static int oci_hook_cmd(int argc, char **argv);

const struct cli_cmd cmd_oci_hook = {
	.name = "oci-hook",
	.run = oci_hook_cmd,
	.summary = "OCI createRuntime/prestart hook: fence a container",
	.usage =
	"Usage: nsfence oci-hook [--ns user|pid] [--deny CLASSES] [--audit]\n"
	"                        [--allow-device RULE]...\n"
	"\n"
	"An OCI runtime hook, for createRuntime (or prestart).  Reads the\n"
	"container state JSON from stdin (ociVersion, id, status, pid,\n"
	"bundle) and fences the container's user namespace, or its pid\n"
	"namespace when it shares the host's user namespace.  On any failure\n"
	"it prints one line and exits non-zero, so the runtime does not start\n"
	"the container.  In config.json:\n"
	"\n"
	"  \"hooks\": {\"createRuntime\": [{\"path\": \"/usr/sbin/nsfence\",\n"
	"             \"args\": [\"nsfence\", \"oci-hook\"]}]}\n"
	"\n"
	"  -n, --ns user|pid        the namespace to fence (default: as fence)\n"
	"  -d, --deny CLASSES       deny classes (default all), as for fence\n"
	"  -a, --audit              allow and report instead of denying\n"
	"  -D, --allow-device RULE  allow a device (\"c 10:237 rw\"); repeatable\n"
	"  -h, --help               show this help\n"
	"\n"
	"Exit: 0 fenced, 1 failed (bad state, no such process, refused),\n"
	"2 usage, 3 module not loaded.\n",
};

/* A state document is small; anything larger is not one. */
#define OCI_STATE_MAX (1024 * 1024)

/**
 * struct oci_state - the fields of the state the hook uses
 * @id: container id, for messages
 * @pid: the container's process, in the runtime's pid namespace
 */
struct oci_state {
	char id[128];
	pid_t pid;
};

/*
 * Parse and check the state; on failure print one line for @ctx and
 * return EXIT_FAIL.
 */
static int oci_parse_state(const char *text, size_t len, struct oci_state *st)
{
	struct json_object *root = NULL, *v;
	struct json_tokener *tok;
	enum json_tokener_error jerr;
	const char *status;
	int64_t pid;
	int ret = EXIT_FAIL;

	tok = json_tokener_new();
	if (!tok) {
		cli_msg("oci-hook: %s", strerror(ENOMEM));
		return EXIT_FAIL;
	}
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	if (!root || jerr != json_tokener_success) {
		cli_msg("oci-hook: container state on stdin is not JSON: %s",
			len ? json_tokener_error_desc(jerr) : "empty input");
		goto out;
	}
	if (strspn(text + json_tokener_get_parse_end(tok), " \t\r\n") !=
	    len - json_tokener_get_parse_end(tok)) {
		cli_msg("oci-hook: container state on stdin: text after the JSON object");
		goto out;
	}
	if (!json_object_is_type(root, json_type_object)) {
		cli_msg("oci-hook: container state on stdin is not a JSON object");
		goto out;
	}
	if (!json_object_object_get_ex(root, "ociVersion", &v) ||
	    !json_object_is_type(v, json_type_string)) {
		cli_msg("oci-hook: container state: no \"ociVersion\" string");
		goto out;
	}
	if (!json_object_object_get_ex(root, "id", &v) ||
	    !json_object_is_type(v, json_type_string)) {
		cli_msg("oci-hook: container state: no \"id\" string");
		goto out;
	}
	snprintf(st->id, sizeof(st->id), "%s", json_object_get_string(v));
	if (!json_object_object_get_ex(root, "status", &v) ||
	    !json_object_is_type(v, json_type_string)) {
		cli_msg("oci-hook: container %s: no \"status\" string", st->id);
		goto out;
	}
	status = json_object_get_string(v);
	if (!strcmp(status, "stopped")) {
		cli_msg("oci-hook: container %s is stopped: nothing to fence",
			st->id);
		goto out;
	}
	if (!json_object_object_get_ex(root, "pid", &v) ||
	    !json_object_is_type(v, json_type_int)) {
		cli_msg("oci-hook: container %s: no \"pid\" integer (status %s)",
			st->id, status);
		goto out;
	}
	errno = 0;
	pid = json_object_get_int64(v);
	if (errno || pid <= 0 || pid > INT_MAX) {
		cli_msg("oci-hook: container %s: bad pid %lld", st->id,
			(long long)pid);
		goto out;
	}
	st->pid = (pid_t)pid;
	/* "bundle" is required by the spec but not needed here. */
	if (json_object_object_get_ex(root, "bundle", &v) &&
	    !json_object_is_type(v, json_type_string)) {
		cli_msg("oci-hook: container %s: \"bundle\" is not a string",
			st->id);
		goto out;
	}
	ret = 0;
out:
	json_object_put(root);
	json_tokener_free(tok);
	return ret;
}

static int oci_hook_cmd(int argc, char **argv)
{
	static struct nsfence_devrule devices[NSFENCE_MAX_DEVICES];
	struct nsfence_fence_req req = {
		.classes = NSFENCE_CLASSES_ALL,
		.mode = NSFENCE_MODE_ENFORCE,
		.devices = devices,
	};
	struct oci_state st = { .id = "" };
	struct cli_target t = { 0 };
	struct nsfence *h;
	char ctx[192];
	size_t len = 0;
	int ret, err = 0;
	char *text;

	ret = cli_fence_args(&cmd_oci_hook, argc, argv, false, &t, &req, devices);
	if (ret >= 0)
		return ret;
	if (optind < argc)
		return cli_usage_error(&cmd_oci_hook,
				       "unexpected argument '%s' (the state comes on stdin)",
				       argv[optind]);
	if (t.have_ns && t.ns_type == NSFENCE_NS_DEFAULT)
		return cli_usage_error(&cmd_oci_hook,
				       "--ns default: a hook fences its container's namespace (user or pid)");

	text = read_all(STDIN_FILENO, OCI_STATE_MAX, &len, &err);
	if (!text) {
		cli_msg("oci-hook: read the container state from stdin: %s",
			strerror(err));
		return EXIT_FAIL;
	}
	ret = oci_parse_state(text, len, &st);
	free(text);
	if (ret)
		return ret;

	snprintf(ctx, sizeof(ctx), "oci-hook: container %s (pid %ld)", st.id,
		 (long)st.pid);
	ret = cli_open(&h, ctx);
	if (ret)
		return ret;
	req.ns_type = t.ns_type;
	ret = cli_resolve_ns(st.pid, t.have_ns, &req.ns_type, &req.ns_inum, ctx);
	if (ret)
		goto out_close;
	req.pid = (uint32_t)st.pid;
	ret = nsfence_fence(h, &req);
	if (ret < 0) {
		cli_error_admin(h, ret, "%s: fence its %s namespace", ctx,
				nsfence_ns_type_name(req.ns_type));
		ret = EXIT_FAIL;
	}
out_close:
	nsfence_close(h);
	return ret;
}
