/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence CLI: text tables and JSON documents (json-c) for read commands.
 */
#ifndef NSFENCE_OUTPUT_H
#define NSFENCE_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include <json.h>

#include "nsfence.h"

/*
 * Add @val under @key to the JSON object @obj.  A NULL @val (json-c out
 * of memory) or a failed add returns -ENOMEM; @val is owned by @obj or
 * freed either way.
 */
int out_add(struct json_object *obj, const char *key, struct json_object *val);

/* ["modules","sysctl",...] for a class mask; NULL when out of memory. */
struct json_object *out_classes_json(uint32_t mask);

/* {"modules":{"denied":N,"audited":N},...} for every class, or NULL. */
struct json_object *out_counters_json(const struct nsfence_counters *c);

/* ["c 10:237 rw",...], or NULL. */
struct json_object *out_devices_json(const struct nsfence_devrule *d,
				     unsigned int n);

/* "c 10:237 rw, b 7:* r" on stdout, "-" for none; no newline. */
void out_devices_text(const struct nsfence_devrule *d, unsigned int n);

/* Print @obj pretty on stdout, free it; 0 or -errno. */
int out_json_print(struct json_object *obj);

/* Print the per-class counters as a table, each line prefixed by @indent. */
void out_counters_table(const struct nsfence_counters *c, const char *indent);

/* Short age such as "45s", "3m12s", "5h02m", "2d03h". */
void out_age(uint64_t ns, char *buf, size_t len);

/* Sum of a counter array over all classes. */
uint64_t out_sum(const uint64_t v[__NSFENCE_CLASS_COUNT]);

#endif /* NSFENCE_OUTPUT_H */
