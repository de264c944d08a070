// SPDX-License-Identifier: GPL-2.0
/*
 * nsfence - module loads that kernel threads do for fenced tasks
 *
 * Some loads are not requested by the task that causes them.  The crypto
 * API is the one reachable from any container: a fenced task asks for
 * "hmac(md4)" (AF_ALG, keyctl's DH KDF, TCP-AO, MACsec, xfrm, fscrypt);
 * its own request_module("crypto-hmac(md4)") is denied, but the lookup
 * then hands the name to the crypto manager, whose cryptomgr_probe kernel
 * thread instantiates the template and requests "crypto-hmac" and
 * "crypto-md4" with the initial credentials, while the task waits.
 *
 * Nothing links that kernel thread to the task.  So when a fenced task's
 * crypto request is denied, its algorithm name is remembered for
 * ORIGIN_TTL; a kernel thread that asks for that name, or for one of the
 * names it is built from, within that time is denied too, and the denial
 * is counted against the fence.  The price: for ORIGIN_TTL, a host task
 * whose own lookup of the same composite name needs a kernel thread to
 * load a module finds it refused (the host's task-context loads are not
 * affected); it succeeds once the time is over.
 */

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "origin.h"

#define ORIGIN_SLOTS	16
#define ORIGIN_TTL	(30 * HZ)
/* CRYPTO_MAX_ALG_NAME, without depending on the crypto headers. */
#define ORIGIN_NAME_MAX	128

/**
 * struct origin - one denied crypto request of a fenced task
 * @expires: jiffies after which the record no longer matches
 * @fence_key: the namespace of the fence that denied it (compared only)
 * @name: the algorithm name, e.g. "hmac(md4)"
 */
struct origin {
	unsigned long expires;
	const void *fence_key;
	char name[ORIGIN_NAME_MAX];
};

static DEFINE_SPINLOCK(origin_lock);
/* Protected by origin_lock; a ring, the oldest record overwritten. */
static struct origin origins[ORIGIN_SLOTS];
static unsigned int origin_next;

/* "crypto-NAME" or "crypto-NAME-all": NAME and its length, or NULL. */
static const char *crypto_alg(const char *kmod_name, size_t *len)
{
	static const char prefix[] = "crypto-";
	static const char all[] = "-all";
	size_t n;

	if (strncmp(kmod_name, prefix, sizeof(prefix) - 1))
		return NULL;
	kmod_name += sizeof(prefix) - 1;
	n = strlen(kmod_name);
	if (n >= sizeof(all) - 1 && !strcmp(kmod_name + n - (sizeof(all) - 1), all))
		n -= sizeof(all) - 1;
	if (!n || n >= ORIGIN_NAME_MAX)
		return NULL;
	*len = n;
	return kmod_name;
}

static bool name_separator(char c)
{
	return c == '\0' || c == '(' || c == ')' || c == ',';
}

/* Is @alg (@len bytes) @name, or one of the names @name is built from? */
static bool name_contains(const char *name, const char *alg, size_t len)
{
	const char *p;

	/* After a match of @len non-NUL bytes, p[len] is still in @name. */
	for (p = name; *p; p++)
		if ((p == name || name_separator(p[-1])) &&
		    !strncmp(p, alg, len) && name_separator(p[len]))
			return true;
	return false;
}

/**
 * nsfence_origin_record() - remember a fenced task's denied crypto request
 * @kmod_name: the module alias its request_module() asked for
 * @fence_key: the namespace of the fence that denied it
 *
 * Anything but "crypto-..." is ignored.
 */
void nsfence_origin_record(const char *kmod_name, const void *fence_key)
{
	struct origin *slot;
	const char *alg;
	size_t len;

	alg = crypto_alg(kmod_name, &len);
	if (!alg)
		return;
	spin_lock(&origin_lock);
	slot = &origins[origin_next++ % ORIGIN_SLOTS];
	memcpy(slot->name, alg, len);
	slot->name[len] = '\0';
	slot->fence_key = fence_key;
	slot->expires = jiffies + ORIGIN_TTL;
	spin_unlock(&origin_lock);
}

/**
 * nsfence_origin_match() - is a kernel thread's request a fenced task's
 * @kmod_name: the module alias a kernel thread asks for
 * @fence_key: set to the namespace of the fence whose task caused it
 *
 * Return: true if a fenced task's denied crypto request of the last
 * ORIGIN_TTL names @kmod_name's algorithm or is built from it.
 */
bool nsfence_origin_match(const char *kmod_name, const void **fence_key)
{
	unsigned long now = jiffies;
	bool found = false;
	const char *alg;
	unsigned int i;
	size_t len;

	alg = crypto_alg(kmod_name, &len);
	if (!alg)
		return false;
	spin_lock(&origin_lock);
	for (i = 0; i < ORIGIN_SLOTS && !found; i++) {
		const struct origin *o = &origins[i];

		if (!o->fence_key || time_after(now, o->expires))
			continue;
		if (name_contains(o->name, alg, len)) {
			*fence_key = o->fence_key;
			found = true;
		}
	}
	spin_unlock(&origin_lock);
	return found;
}
