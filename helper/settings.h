/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The administrator's settings file, /etc/nsfence/admin-settings.json:
 * what `nsfence apply` makes the kernel do at boot (the default fence,
 * the lock).  Schema version 1, in nsfence(8):
 *
 *   {
 *     "version": 1,
 *     "autoFence": {
 *       "enabled": true,
 *       "classes": ["modules", "sysctl", "devices"],
 *       "mode": "enforce",
 *       "allowDevices": ["c 10:200 rwm"]
 *     },
 *     "locked": true
 *   }
 */
#ifndef NSFENCE_HELPER_SETTINGS_H
#define NSFENCE_HELPER_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nsfence.h"

#define SETTINGS_PATH "/etc/nsfence/admin-settings.json"
/* Larger files are refused: the schema has no room for more. */
#define SETTINGS_MAX (64 * 1024)

/**
 * struct settings - a validated settings file
 * @auto_fence: the default fence is set (else it is removed)
 * @classes: its deny classes (bit mask of enum nsfence_class)
 * @mode: its mode (enum nsfence_mode)
 * @nr_devices: its device exceptions
 * @devices: the exceptions
 * @locked: lock nsfence once applied
 */
struct settings {
	bool auto_fence;
	uint32_t classes;
	uint32_t mode;
	unsigned int nr_devices;
	struct nsfence_devrule devices[NSFENCE_MAX_DEVICES];
	bool locked;
};

/*
 * Parses and validates @len bytes of @text.  Returns 0, or -EINVAL with
 * @err holding what is wrong: the JSON path of the value and what is
 * allowed there ("$.autoFence.mode: \"x\" is not a mode (enforce,
 * audit)").
 */
int settings_parse(const char *text, size_t len, struct settings *s,
		   char *err, size_t errlen);

/* Reads and parses @path; -errno when it cannot be read, as above else. */
int settings_load(const char *path, struct settings *s, char *err,
		  size_t errlen);

#endif /* NSFENCE_HELPER_SETTINGS_H */
