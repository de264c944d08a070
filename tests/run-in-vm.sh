#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test VM: every *_test program of this directory, each on
# its own (a crash or a hang is one failure, and the run goes on), then one
# "NSFENCE-RESULT name passed failed skipped" line per program for the host.
dir=$(cd "$(dirname "$0")" && pwd)
per_test_timeout=${NSFENCE_TEST_TIMEOUT:-600}
kmemleak=/sys/kernel/debug/kmemleak

# A kmemleak kernel (the debug kernel): forget what boot left behind, so
# that the scan after the suite shows only what the tests leaked.
if [ -w "$kmemleak" ]; then
	echo scan >"$kmemleak" && echo clear >"$kmemleak"
fi

run_one() {
	t=$1
	[ -x "$t" ] || return 0
	name=$(basename "$t")
	out=/tmp/$name.tap
	echo "# ===== $name"
	timeout -s KILL "$per_test_timeout" "$t" >"$out" 2>&1 </dev/null
	rc=$?
	cat "$out"
	set -- $(awk -f "$dir/tap-count.awk" "$out")
	pass=$1 fail=$2 skip=$3 planned=$4 seen=$5
	case "$rc" in
	0 | 1 | 4) ;;
	*) echo "# $name: exited with status $rc (crash or timeout)"; fail=$((fail + 1)) ;;
	esac
	if [ "$planned" != "$seen" ]; then
		echo "# $name: planned $planned results, saw $seen"
		fail=$((fail + 1))
	elif [ "$rc" = 1 ] && [ "$fail" = 0 ]; then
		echo "# $name: exit status 1 without a failed result"
		fail=$((fail + 1))
	fi
	echo "NSFENCE-RESULT $name $pass $fail $skip"
}

# zz_* programs last, after the scripts too: zz_lock_test locks nsfence
# until reboot.
for t in "$dir"/*_test "$dir"/*_test.sh; do
	case "${t##*/}" in zz_*) continue ;; esac
	run_one "$t"
done
for t in "$dir"/zz_*_test "$dir"/zz_*_test.sh; do
	run_one "$t"
done

# kmemleak reports objects still unreferenced after two scans (and older
# than 5 s); anything listed fails the run, as the "kmemleak" result.
if [ -w "$kmemleak" ]; then
	echo "# ===== kmemleak"
	sleep 6
	echo scan >"$kmemleak"
	sleep 6
	echo scan >"$kmemleak"
	leaks=$(grep -c '^unreferenced object' "$kmemleak")
	if [ "$leaks" = 0 ]; then
		echo "ok 1 kmemleak scan after the suite: no leak"
		echo "NSFENCE-RESULT kmemleak 1 0 0"
	else
		echo "not ok 1 kmemleak scan after the suite: $leaks suspected leaks"
		sed 's/^/# /' "$kmemleak" | head -n 200
		echo "NSFENCE-RESULT kmemleak 0 1 0"
	fi
fi
