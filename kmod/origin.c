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
 * "crypto-md4" with the initial credentials, while the task waits.  A
 * template that is built in goes on to look up algorithms whose names
 * are not in the one the task asked for ("gcm(aes)" needs "ctr(aes)" and
 * "ghash"), each through one more kernel thread.
 *
 * Nothing links those kernel threads to the task.  So after a fenced
 * task's crypto request is denied, every crypto request of a kernel
 * thread is denied for ORIGIN_TTL, and counted against that fence.  The
 * price: for that time, a crypto module that a host task's lookup needs
 * a kernel thread to load is refused (the host tasks' own requests are
 * not affected, nor are modules already loaded); a container can renew
 * that window as long as it runs.  The threat model says so.
 */

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "origin.h"

#define ORIGIN_TTL	(30 * HZ)

static DEFINE_SPINLOCK(origin_lock);
/* Protected by origin_lock: the last fenced crypto request denied. */
static unsigned long origin_expires;
static const void *origin_fence_key;

static bool crypto_request(const char *kmod_name)
{
	static const char prefix[] = "crypto-";

	return !strncmp(kmod_name, prefix, sizeof(prefix) - 1);
}

/**
 * nsfence_origin_record() - remember a fenced task's denied crypto request
 * @kmod_name: the module alias its request_module() asked for
 * @fence_key: the namespace of the fence that denied it (compared only)
 *
 * Anything but "crypto-..." is ignored.
 */
void nsfence_origin_record(const char *kmod_name, const void *fence_key)
{
	if (!crypto_request(kmod_name))
		return;
	spin_lock(&origin_lock);
	origin_fence_key = fence_key;
	origin_expires = jiffies + ORIGIN_TTL;
	spin_unlock(&origin_lock);
}

/**
 * nsfence_origin_match() - may a kernel thread's request be a fenced task's
 * @kmod_name: the module alias a kernel thread asks for
 * @fence_key: set to the namespace of the fence whose task was denied last
 *
 * Return: true if @kmod_name is a crypto request and a fenced task's
 * crypto request was denied less than ORIGIN_TTL ago.
 */
bool nsfence_origin_match(const char *kmod_name, const void **fence_key)
{
	bool found;

	if (!crypto_request(kmod_name))
		return false;
	spin_lock(&origin_lock);
	found = origin_fence_key && time_before(jiffies, origin_expires);
	if (found)
		*fence_key = origin_fence_key;
	spin_unlock(&origin_lock);
	return found;
}
