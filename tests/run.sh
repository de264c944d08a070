#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The host test runner of `make check`: boots every kernel of the matrix,
# runs every test program inside (tests/run-in-vm.sh), runs the host tests
# (tests/host/*_test.sh), prints one summary per kernel and, as the last
# line, "N passed, N failed, N skipped".  Besides the suite's boot, each
# kernel gets boots of its own for what lasts until reboot or needs more:
# zz_lock_test --at-load (the lock), lsm_off.sh (built-in kernel booted
# without nsfence in lsm=), engines.sh (Debian's Docker and Podman, on the
# Debian kernels).
#
#   tests/run.sh [--kernel SERIES|builtin|debug]... [--cached-only] [--jobs N]
#                [--host-only] [--vm-only]
#
# builtin and debug are the self-built kernels of scripts/builtin-kernel.sh
# (nsfence built in; KASAN + lockdep + kmemleak with the loadable module),
# built when missing from the cache; with --cached-only only reused (an
# incremental rebuild after a change of kmod/ included) or else skipped
# with a "SKIP" line that counts as one skipped test.
#
# --jobs N runs up to N kernels at a time (each VM is one host thread
# under TCG), the debug kernel first: its suite is the longest; the host
# tests come last, as one more job.  The lines of each are printed when
# all are done, in the usual order.
#
# Logs: build/test-logs/<kernel>.{out,console.log}, build/test-logs/host-*.out
set -uo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${NSFENCE_BUILD:-$TOP/build}
LOGS=$BUILD/test-logs
TESTS=$BUILD/tests
kernels=() run_vm=1 run_host=1 cached_only=0 jobs=1
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernels+=("$2"); shift 2 ;;
	--cached-only) cached_only=1; shift ;;
	--jobs) jobs=$2; shift 2 ;;
	--host-only) run_vm=0; shift ;;
	--vm-only) run_host=0; shift ;;
	*) echo "run.sh: unknown option: $1" >&2; exit 2 ;;
	esac
done
[ ${#kernels[@]} -gt 0 ] || mapfile -t kernels < <("$TOP/scripts/kernels.sh" list)
mkdir -p "$LOGS"

total_pass=0 total_fail=0 total_skip=0

# add LABEL PASS FAIL SKIP
add() {
	total_pass=$((total_pass + $2)) total_fail=$((total_fail + $3)) total_skip=$((total_skip + $4))
}

# selfbuilt_args FLAVOR: build (or find in the cache) a self-built kernel
# and set vm_args to boot it; for debug, build the module against it.
selfbuilt_args() {
	local flavor=$1 kdir kver how=build
	[ "$cached_only" = 0 ] || how=update
	local rc=0
	kdir=$("$TOP/scripts/builtin-kernel.sh" "$how" "$flavor") || rc=$?
	if [ "$rc" -eq 3 ]; then
		echo "SKIP kernel $flavor: not cached: run make check-kernels (it builds it)"
		return 1
	elif [ "$rc" -ne 0 ]; then
		# An incremental rebuild after a kmod/ change that fails is a failure.
		echo "  FAIL kernel $flavor: scripts/builtin-kernel.sh $how $flavor failed"
		return 2
	fi
	kver=$(cat "$kdir/kver")
	echo "kernel $flavor: $kver, built in $(cat "$kdir/build-seconds" 2>/dev/null || echo '?') s ($kdir)"
	vm_args=(--kernel "$kdir/bzImage")
	if [ "$flavor" = debug ]; then
		make -s -C "$TOP" module KVER="$kver" KDIR="$kdir/modules/lib/modules/$kver/build" ||
			{ echo "  FAIL kernel $flavor: module build against $kdir failed"; return 2; }
		# KASAN and lockdep make every step slower: more memory and time.
		vm_args+=(--module "$BUILD/mod/$kver/nsfence.ko" --mem 2048)
		vm_timeout=${NSFENCE_DEBUG_VM_TIMEOUT:-4500} test_timeout=900
	else
		vm_args+=(--no-module)
	fi
}

# lock_at_load SERIES: zz_lock_test --at-load in a boot of its own (the
# lock lasts until reboot), with run_kernel's vm_args: reloads the module
# through the modprobe.d example, locked from the start.  Sets lp lf ls.
lock_at_load() {
	local series=$1 out=$LOGS/$1.lock-at-load.out rc planned n
	"$TOP/scripts/vm" "${vm_args[@]}" --quiet --timeout 600 \
		--log "$LOGS/$1.lock-at-load.console.log" --add "$TESTS" \
		-- /extra/tests/zz_lock_test --at-load >"$out" 2>&1
	rc=$?
	read -r lp lf ls planned n < <(awk -f "$TOP/tests/tap-count.awk" "$out")
	case "$rc" in 0 | 1 | 4) ;; *) lf=$((lf + 1)) ;; esac
	[ "$planned" = "$n" ] || lf=$((lf + 1))
	[ "$lf" = 0 ] || echo "  FAIL $series zz_lock_test --at-load ($lf failed; see $out)"
}

# engines SERIES: tests/engines.sh in a boot of its own, with Debian's
# Docker and Podman (scripts/engines.sh stages them in build/engines) and
# the memory they need.  Sets lp lf ls.
engines() {
	local series=$1 out=$LOGS/$1.engines.out rc planned n add=()
	# Without them, engines.sh says SKIP with the reason.
	[ ! -d "$BUILD/engines/bin" ] || add=(--add "$BUILD/engines")
	"$TOP/scripts/vm" "${vm_args[@]}" --quiet --timeout 1200 --mem 3072 \
		--log "$LOGS/$1.engines.console.log" --add "$TESTS" \
		"${add[@]}" -- /extra/tests/engines.sh >"$out" 2>&1
	rc=$?
	read -r lp lf ls planned n < <(awk -f "$TOP/tests/tap-count.awk" "$out")
	case "$rc" in 0 | 1 | 4) ;; *) lf=$((lf + 1)) ;; esac
	[ "$planned" = "$n" ] || lf=$((lf + 1))
	[ "$lf" = 0 ] || echo "  FAIL $series engines.sh ($lf failed; see $out)"
}

# lsm_off: the built-in kernel booted with an lsm= that leaves nsfence
# out (tests/lsm_off.sh), in a boot of its own.  Sets lp lf ls.
lsm_off() {
	local out=$LOGS/builtin.lsm-off.out rc planned n
	"$TOP/scripts/vm" "${vm_args[@]}" --append "lsm=capability" --quiet \
		--timeout 300 --log "$LOGS/builtin.lsm-off.console.log" \
		--add "$TESTS" -- /extra/tests/lsm_off.sh >"$out" 2>&1
	rc=$?
	read -r lp lf ls planned n < <(awk -f "$TOP/tests/tap-count.awk" "$out")
	case "$rc" in 0 | 1 | 4) ;; *) lf=$((lf + 1)) ;; esac
	[ "$planned" = "$n" ] || lf=$((lf + 1))
	[ "$lf" = 0 ] || echo "  FAIL builtin lsm_off.sh ($lf failed; see $out)"
}

run_kernel() {
	local series=$1 out=$LOGS/$1.out log=$LOGS/$1.console.log
	local pass=0 fail=0 skip=0 rc start name p f s t
	local -A seen=()
	local vm_args=(--kernel "$series") vm_timeout=${NSFENCE_VM_TIMEOUT:-1500} test_timeout=600
	start=$(date +%s)
	case "$series" in
	builtin | debug)
		selfbuilt_args "$series"
		case $? in
		0) ;;
		1) if [ "$cached_only" = 1 ]; then add "$series" 0 0 1; else add "$series" 0 1 0; fi; return ;;
		*) add "$series" 0 1 0; return ;;
		esac
		;;
	esac
	"$TOP/scripts/vm" "${vm_args[@]}" --quiet --timeout "$vm_timeout" --log "$log" \
		--add "$TESTS" -- env NSFENCE_TEST_TIMEOUT="$test_timeout" \
		/extra/tests/run-in-vm.sh >"$out" 2>&1
	rc=$?
	while read -r _ name p f s; do
		seen[$name]=1
		pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
		[ "$f" = 0 ] || echo "  FAIL $series $name ($f failed; see $out)"
	done < <(grep '^NSFENCE-RESULT ' "$out")
	for t in "$TESTS"/*_test "$TESTS"/*_test.sh; do
		[ -x "$t" ] || continue
		name=$(basename "$t")
		if [ -z "${seen[$name]:-}" ]; then
			echo "  FAIL $series $name (no result: the VM died or timed out)"
			fail=$((fail + 1))
		fi
	done
	if [ "$series" != builtin ]; then
		lock_at_load "$series"
	else
		lsm_off
	fi
	pass=$((pass + lp)) fail=$((fail + lf)) skip=$((skip + ls))
	# Real engines on the Debian kernels (the self-built ones have no
	# module to unload for the control, or take too long under KASAN).
	case "$series" in
	builtin | debug) ;;
	*)
		engines "$series"
		pass=$((pass + lp)) fail=$((fail + lf)) skip=$((skip + ls))
		;;
	esac
	[ "$fail" = 0 ] || grep -E '^(not ok |# .*:[0-9]+: )' "$out" | head -n 40 | sed 's/^/    /'
	if [ "$rc" = 125 ]; then
		echo "  FAIL $series vm: $(grep '^vm: ' "$out" | tail -n 1)"
		fail=$((fail + 1))
	fi
	echo "kernel $series: $pass passed, $fail failed, $skip skipped ($(($(date +%s) - start)) s)"
	add "$series" "$pass" "$fail" "$skip"
}

run_host_test() {
	local t=$1 name out rc p f s planned seen_n
	name=$(basename "$t")
	out=$LOGS/host-$name.out
	timeout -k 10 "${NSFENCE_HOST_TEST_TIMEOUT:-1200}" "$t" >"$out" 2>&1 </dev/null
	rc=$?
	read -r p f s planned seen_n < <(awk -f "$TOP/tests/tap-count.awk" "$out")
	case "$rc" in 0 | 1 | 4) ;; *) f=$((f + 1)); echo "  FAIL host $name: exit status $rc" ;; esac
	[ "$planned" = "$seen_n" ] || { f=$((f + 1)); echo "  FAIL host $name: planned $planned, saw $seen_n"; }
	[ "$f" = 0 ] || { grep -E '^(not ok|# )' "$out" | sed 's/^/    /' | head -20; }
	echo "host $name: $p passed, $f failed, $s skipped"
	add host "$p" "$f" "$s"
}

run_host_tests() {
	local t
	for t in "$TOP"/tests/host/*_test.sh; do
		[ -x "$t" ] && run_host_test "$t"
	done
}

# run_job NAME: a kernel (run_kernel), or "host" (the host tests), in the
# background: its lines into $LOGS/job-NAME.summary, its counts into
# $LOGS/job-NAME.counts.
# shellcheck disable=SC2030,SC2031 # the subshell's totals go through a file
run_job() {
	rm -f "$LOGS/job-$1.summary" "$LOGS/job-$1.counts"
	(
		total_pass=0 total_fail=0 total_skip=0
		if [ "$1" = host ]; then
			run_host_tests
		else
			run_kernel "$1"
		fi >"$LOGS/job-$1.summary" 2>&1
		echo "$total_pass $total_fail $total_skip" >"$LOGS/job-$1.counts"
	) &
}

# The engines of tests/engines.sh, once for every kernel.
if [ "$run_vm" = 1 ] && ! "$TOP/scripts/engines.sh" >/dev/null; then
	echo "engines: not staged; tests/engines.sh will skip"
fi

order=()
[ "$run_vm" = 0 ] || for k in "${kernels[@]}"; do [ "$k" != debug ] || order+=("$k"); done
[ "$run_vm" = 0 ] || for k in "${kernels[@]}"; do [ "$k" = debug ] || order+=("$k"); done
[ "$run_host" = 0 ] || order+=(host)
if [ "$jobs" -gt 1 ] && [ ${#order[@]} -gt 1 ]; then
	running=0
	for k in "${order[@]}"; do
		if [ "$running" -ge "$jobs" ]; then
			wait -n
			running=$((running - 1))
		fi
		run_job "$k"
		running=$((running + 1))
	done
	wait
	shown=()
	[ "$run_vm" = 0 ] || shown+=("${kernels[@]}")
	[ "$run_host" = 0 ] || shown+=(host)
	for k in "${shown[@]}"; do
		cat "$LOGS/job-$k.summary" 2>/dev/null
		if read -r p f s <"$LOGS/job-$k.counts"; then
			add "$k" "$p" "$f" "$s"
		else
			echo "  FAIL $k: its runner died (see $LOGS/job-$k.summary)"
			add "$k" 0 1 0
		fi
	done
else
	[ "$run_vm" = 0 ] || for k in "${kernels[@]}"; do run_kernel "$k"; done
	[ "$run_host" = 0 ] || run_host_tests
fi
# shellcheck disable=SC2031 # these totals are the parent's own
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
# shellcheck disable=SC2031
[ "$total_fail" = 0 ]
