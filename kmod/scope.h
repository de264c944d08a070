/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nsfence - what a fenced task may reach: its own namespaces and below
 */
#ifndef _NSFENCE_SCOPE_H
#define _NSFENCE_SCOPE_H

#include <linux/types.h>

struct net;
struct task_struct;
struct user_namespace;

bool nsfence_scope_user_ns(const struct user_namespace *ns);
bool nsfence_scope_net(const struct net *net);
bool nsfence_scope_task(struct task_struct *task);

#endif /* _NSFENCE_SCOPE_H */
