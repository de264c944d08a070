/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnsfence internals: the handle and the request/reply machinery shared
 * by the command files.  Not installed.
 */
#ifndef NSFENCE_LIB_INTERNAL_H
#define NSFENCE_LIB_INTERNAL_H

#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "nsfence.h"

struct nsfence {
	struct nl_sock *sk;
	int family;
	char errmsg[NSFENCE_ERRMSG_MAX];
};

/*
 * Called for every reply message of a request (doit reply or dump part);
 * returns 0 or a negative errno, or a positive value to stop calling it
 * (the rest of the reply is still read).  The value is what
 * nsf_request() returns when nothing else failed.
 */
typedef int (*nsf_reply_fn)(struct nsfence *h, struct nlmsghdr *nlh,
			    void *arg);

/* New request message for @cmd with nlmsg @flags; NULL when out of memory. */
struct nl_msg *nsf_msg_new(const struct nsfence *h, uint8_t cmd, int flags,
			   size_t size);

/*
 * Send @msg (consumed), read replies until the ACK, error or NLMSG_DONE,
 * calling @fn (may be NULL) for each reply message.  Records the kernel's
 * extack text in h->errmsg.  Return: 0, @fn's positive stop value, or
 * -errno.
 */
int nsf_request(struct nsfence *h, struct nl_msg *msg, nsf_reply_fn fn,
		void *arg);

/*
 * Socket with extended ACKs, close-on-exec, family not resolved yet
 * (h->family 0).  0 or -errno.
 */
int nsf_connect(struct nsfence **out);

/* Parse one STATUS reply / one LIST message; 0 or -EPROTO (errmsg set). */
int nsf_parse_status(struct nsfence *h, struct nlmsghdr *nlh,
		     struct nsfence_status *st);
int nsf_parse_fence(struct nsfence *h, struct nlmsghdr *nlh,
		    struct nsfence_fence_info *f);

/* Negative libnl error code to negative errno. */
int nsf_nlerr_to_errno(int nlerr);

/* printf into h->errmsg. */
void nsf_set_errmsg(struct nsfence *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* NSFENCE_LIB_INTERNAL_H */
