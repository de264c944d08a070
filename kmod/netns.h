/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - what reaches the host's network namespace from another one
 */
#ifndef _NSFENCE_NETNS_H
#define _NSFENCE_NETNS_H

#include <linux/skbuff.h>
#include <linux/types.h>
#include <net/sock.h>

bool nsfence_netns_kept_host_socket(const struct sock *sk);
bool nsfence_netns_rtnl_names_host(const struct sock *sk,
				   const struct sk_buff *skb);
bool nsfence_netns_fd_is_host(int fd);
bool nsfence_netns_sock_ioctl_configures(unsigned int cmd);
bool nsfence_netns_sockopt_configures(int level, int optname);

#endif /* _NSFENCE_NETNS_H */
