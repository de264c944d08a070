#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: boot each kernel of the matrix and run tests/bench/bench.c
# inside ONE boot per kernel (interleaved rounds; ratios only).  Prints the
# table and writes build/bench/<kernel>.json.
#
#   scripts/bench.sh [--kernel SERIES]... [--rounds N] [--smoke]
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${NSFENCE_BUILD:-$TOP/build}
kernels=() args=() smoke=0
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernels+=("$2"); shift 2 ;;
	--rounds) args+=(--rounds "$2"); shift 2 ;;
	--smoke) args+=(--smoke); smoke=1; shift ;;
	*) echo "bench.sh: unknown option: $1" >&2; exit 2 ;;
	esac
done
[ ${#kernels[@]} -gt 0 ] || mapfile -t kernels < <("$TOP/scripts/kernels.sh" list)
make -s -C "$TOP/tests/bench" O="$BUILD/bench/bin" HELPER_O="$BUILD/helper"
mkdir -p "$BUILD/bench"

# Inside the VM: a busybox bundle for crun, then the benchmark.
guest='set -e
mkdir -p /tmp/bundle/rootfs/bin
cp /bin/busybox /tmp/bundle/rootfs/bin/busybox
ln -s busybox /tmp/bundle/rootfs/bin/true
cd /tmp/bundle && crun spec
sed -i -e "s/\"terminal\": true/\"terminal\": false/" -e "s/\"sh\"/\"\/bin\/true\"/" config.json
cd /
exec /extra/bin/bench --crun-bundle /tmp/bundle "$@"'

status=0
for k in "${kernels[@]}"; do
	out=$BUILD/bench/$k.out
	echo "== bench on $k (one boot; this takes a while under TCG)"
	if ! "$TOP/scripts/vm" --kernel "$k" --quiet --mem 3072 --timeout "${NSFENCE_BENCH_TIMEOUT:-3600}" \
		--log "$BUILD/bench/$k.console.log" --add "$BUILD/bench/bin" \
		-- sh -c "$guest" bench "${args[@]}" >"$out" 2>&1; then
		echo "bench.sh: $k failed:" >&2
		tail -n 20 "$out" >&2
		status=1
		continue
	fi
	sed -n '/^BENCH-TABLE-BEGIN$/,/^BENCH-TABLE-END$/{/^BENCH-TABLE-/d;p}' "$out"
	sed -n '/^BENCH-JSON-BEGIN$/,/^BENCH-JSON-END$/{/^BENCH-JSON-/d;p}' "$out" >"$BUILD/bench/$k.json"
	echo "(JSON: $BUILD/bench/$k.json)"
	[ "$smoke" = 0 ] || echo "(smoke mode: 1 round, tiny batches; ratios mean nothing)"
done
exit "$status"
