#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The VM runner itself: it must be able to fail.  A harness that cannot
# report a failure would make every other test meaningless.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/tap.sh"
vm=$TOP/scripts/vm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tap_plan 7

"$vm" --kernel 6.1 --quiet --log "$tmp/false.log" -- false >"$tmp/out" 2>&1
rc=$?
tap_check "failing command fails the run (6.1, rc=$rc)" [ "$rc" -ne 0 ]

"$vm" --quiet --log "$tmp/true.log" -- true >"$tmp/out" 2>&1
rc=$?
tap_check "succeeding command passes (6.12 with module, rc=$rc)" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || tap_diag "$(tail -n 5 "$tmp/out")"

"$vm" --quiet --no-module --log "$tmp/seven.log" -- sh -c 'exit 7' >"$tmp/out" 2>&1
rc=$?
tap_check "exit status is passed through (rc=$rc)" [ "$rc" -eq 7 ]

token=$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')
mkdir -p "$tmp/payload/sub"
echo "$token" >"$tmp/payload/sub/file"
out=$("$vm" --quiet --no-module --log "$tmp/add.log" --add "$tmp/payload" -- cat /extra/payload/sub/file 2>&1)
tap_check "--add copies a directory to /extra/<name>" [ "$out" = "$token" ]

start=$(date +%s)
"$vm" --quiet --no-module --timeout 20 --log "$tmp/timeout.log" -- sleep 600 >"$tmp/out" 2>&1
rc=$?
took=$(($(date +%s) - start))
tap_check "a hung command is a timeout failure (rc=$rc, ${took}s)" [ "$rc" -eq 125 ] && [ "$took" -lt 60 ]

"$vm" --quiet --no-module --log "$tmp/crash.log" -- sh -c 'echo c >/proc/sysrq-trigger; sleep 30' >"$tmp/out" 2>&1
rc=$?
tap_check "a kernel crash fails the run (rc=$rc)" [ "$rc" -eq 125 ]

out=$("$vm" --quiet --no-module --log "$tmp/quote.log" -- printf '%s|' 'a b' '$HOME' "it's" 2>&1)
tap_check "arguments reach the guest unchanged" [ "$out" = "a b|\$HOME|it's|" ]
[ "$out" = "a b|\$HOME|it's|" ] || tap_diag "got: $out"

tap_done
