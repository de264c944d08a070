#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `nsfence check` is the "is it active?" battery: it must fail when the
# module is not loaded (exit 3, the module row FAIL, also with --json) and
# hold when it is.  A VM failure (125) is never taken for an answer.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${NSFENCE_BUILD:-$TOP/build}
. "$TOP/tests/tap.sh"
vm=$TOP/scripts/vm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tap_plan 5

if [ ! -x "$BUILD/helper/nsfence" ]; then
	for i in 1 2 3 4 5; do tap_skip "check in the VM" "no $BUILD/helper/nsfence (make helper)"; done
	tap_done
fi

"$vm" --no-module --quiet --log "$tmp/nomod.log" -- nsfence check >"$tmp/out" 2>&1
rc=$?
tap_diag "$(cat "$tmp/out")"
tap_check "without the module: non-zero, not a VM failure (rc=$rc)" [ "$rc" -ne 0 -a "$rc" -ne 125 ]
tap_check "without the module: exit 3, module not loaded (rc=$rc)" [ "$rc" -eq 3 ]
tap_check "without the module: the module row says FAIL" grep -Eq '^module loaded +FAIL ' "$tmp/out"

"$vm" --no-module --quiet --log "$tmp/nomod-json.log" -- nsfence check --json >"$tmp/out" 2>/dev/null
rc=$?
tap_check "without the module, --json: exit 3 and \"ok\": false (rc=$rc)" \
	[ "$rc" -eq 3 -a -n "$(grep '^  "ok": false,' "$tmp/out")" ]

kver=$("$TOP/scripts/kernels.sh" ensure 6.12 2>/dev/null | cut -d' ' -f2)
if [ -f "$BUILD/mod/$kver/nsfence.ko" ]; then
	"$vm" --quiet --log "$tmp/mod.log" -- nsfence check >"$tmp/out" 2>&1
	rc=$?
	tap_check "with the module: exit 0 (rc=$rc)" [ "$rc" -eq 0 ]
	[ "$rc" -eq 0 ] || tap_diag "$(cat "$tmp/out")"
else
	tap_skip "with the module: exit 0" "no module for $kver (make module KVER=$kver)"
fi
tap_done
