#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by tests/run.sh in a boot of the built-in kernel with an lsm= that
# leaves nsfence out: no hook of nsfence runs then, so it must refuse
# every fence and say why, rather than report fences it does not enforce.
# The control is every other boot of the same kernel, where the same
# fence is taken (helper_test.sh) and enforced (the whole suite).
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/park.sh"
tap_plan 5

lsms=$(cat /sys/kernel/security/lsm 2>/dev/null)
tap_diag "lsm order: $lsms; cmdline: $(cat /proc/cmdline)"
case ",$lsms," in
*,nsfence,*) tap_fail "nsfence is left out of /sys/kernel/security/lsm" ;;
*) tap_pass "nsfence is left out of /sys/kernel/security/lsm" ;;
esac

nsfence status >/tmp/status.out 2>&1
tap_check "status still answers" [ $? -eq 0 ]
tap_check "status says attach: none" grep -q 'attach: *none' /tmp/status.out
[ $tap_failed -eq 0 ] || tap_diag "$(cat /tmp/status.out)"

park
pid=$parked
nsfence fence --pid "$pid" >/tmp/fence.out 2>&1
rc=$?
tap_diag "fence: rc=$rc: $(cat /tmp/fence.out)"
tap_check "fence is refused (rc=$rc)" [ "$rc" -ne 0 ]
tap_check "the refusal names the LSM order" grep -q 'LSM order' /tmp/fence.out
unpark
tap_done
