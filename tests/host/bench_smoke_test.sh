#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark works: one smoke round on 6.12 produces a table and a JSON
# file with every case.  Its numbers are not checked (timing is no test).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${NSFENCE_BUILD:-$TOP/build}
. "$TOP/tests/tap.sh"
cases="open-unfenced open-fenced devnull-fenced sysctl-own-netns open-depth32 open-10k-fences denied-10k-fences fences-memory denied-monitor run-vs-unshare run-vs-crun startup-vs-unshare"
tap_plan 2
out=$("$TOP/scripts/bench.sh" --kernel 6.12 --smoke 2>&1)
rc=$?
tap_check "bench --smoke runs (rc=$rc)" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || tap_diag "$(echo "$out" | tail -n 15)"
missing=
for c in $cases; do
	grep -Eq "\"name\": *\"$c\"" "$BUILD/bench/6.12.json" 2>/dev/null || missing="$missing $c"
done
tap_check "JSON has every case${missing:+ (missing:$missing)}" [ -z "$missing" ]
tap_done
