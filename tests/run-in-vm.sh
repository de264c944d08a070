#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the test VM: every *_test program of this directory, each on
# its own (a crash or a hang is one failure, and the run goes on), then one
# "NSFENCE-RESULT name passed failed skipped" line per program for the host.
#
# After each program the kernel log is searched for reports that must
# never appear (KASAN, lockdep, RCU, sleep-in-atomic, debug objects, oops,
# WARN): a new one fails that program, and is passed on to the VM runner
# as NSFENCE-VM-KERNEL-ISSUE (which fails the whole run too).  Searching
# after each program, not only at the end, keeps a report from being lost
# when the log buffer wraps during a long run, and names the program that
# caused it.  How long each program took is printed, never asserted.
dir=$(cd "$(dirname "$0")" && pwd)
per_test_timeout=${NSFENCE_TEST_TIMEOUT:-600}
kmemleak=/sys/kernel/debug/kmemleak
issues='Kernel panic|BUG: |Oops: |WARNING: |general protection fault|kernel BUG at|Call Trace:|UBSAN:|KASAN:|possible circular locking|suspicious RCU usage|ODEBUG:|DEBUG_LOCKS_WARN_ON|unreferenced object'
seen_issues=/tmp/nsfence-kernel-issues
: >"$seen_issues"

# new_kernel_issues: prints the lines of the kernel log matching $issues
# that were not printed before.
new_kernel_issues() {
	dmesg | grep -E "$issues" | while IFS= read -r line; do
		if ! grep -qxF -- "$line" "$seen_issues"; then
			echo "$line" >>"$seen_issues"
			echo "$line"
		fi
	done
}

# A kmemleak kernel (the debug kernel): forget what boot left behind, so
# that the scan after the suite shows only what the tests leaked.
if [ -w "$kmemleak" ]; then
	start=$(date +%s)
	echo scan >"$kmemleak" && echo clear >"$kmemleak"
	echo "# kmemleak: what boot left behind cleared ($(($(date +%s) - start)) s)"
fi
new_kernel_issues | sed 's/^/NSFENCE-VM-KERNEL-ISSUE: (boot) /'

run_one() {
	t=$1
	[ -x "$t" ] || return 0
	name=$(basename "$t")
	out=/tmp/$name.tap
	echo "# ===== $name"
	start=$(date +%s)
	timeout -s KILL "$per_test_timeout" "$t" >"$out" 2>&1 </dev/null
	rc=$?
	secs=$(($(date +%s) - start))
	cat "$out"
	set -- $(awk -f "$dir/tap-count.awk" "$out")
	pass=$1 fail=$2 skip=$3 planned=$4 seen=$5
	case "$rc" in
	0 | 1 | 4) ;;
	137) echo "# $name: killed after ${per_test_timeout} s (the per-program limit)"; fail=$((fail + 1)) ;;
	*) echo "# $name: exited with status $rc (crash or timeout)"; fail=$((fail + 1)) ;;
	esac
	if [ "$planned" != "$seen" ]; then
		echo "# $name: planned $planned results, saw $seen"
		fail=$((fail + 1))
	elif [ "$rc" = 1 ] && [ "$fail" = 0 ]; then
		echo "# $name: exit status 1 without a failed result"
		fail=$((fail + 1))
	fi
	found=$(new_kernel_issues)
	if [ -n "$found" ]; then
		echo "# $name: the kernel reported a problem during the program:"
		echo "$found" | sed 's/^/# /'
		echo "$found" | sed "s/^/NSFENCE-VM-KERNEL-ISSUE: ($name) /"
		fail=$((fail + 1))
	fi
	echo "# $name: ${secs} s"
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

# Lockdep switches itself off after its first report: if it is off now,
# a report was made, even if the log lost it.
if [ -r /proc/lockdep_stats ] &&
	grep -qE '^ *debug_locks: *0$' /proc/lockdep_stats; then
	echo "NSFENCE-VM-KERNEL-ISSUE: lockdep is off (debug_locks: 0): it reported a problem"
fi

# kmemleak reports objects still unreferenced after two scans (and older
# than 5 s); anything listed fails the run, as the "kmemleak" result, and
# so does a scan that cannot be made (kmemleak switched itself off).
if [ -e "$kmemleak" ]; then
	echo "# ===== kmemleak"
	sleep 6
	if echo scan >"$kmemleak" && sleep 6 && echo scan >"$kmemleak"; then
		leaks=$(grep -c '^unreferenced object' "$kmemleak")
		if [ "$leaks" = 0 ]; then
			echo "ok 1 kmemleak scan after the suite: no leak"
			echo "NSFENCE-RESULT kmemleak 1 0 0"
		else
			echo "not ok 1 kmemleak scan after the suite: $leaks suspected leaks"
			sed 's/^/# /' "$kmemleak" | head -n 200
			echo "NSFENCE-RESULT kmemleak 0 1 0"
		fi
	else
		echo "not ok 1 kmemleak scan after the suite: cannot scan (kmemleak off?)"
		dmesg | grep -i kmemleak | tail -n 5 | sed 's/^/# /'
		echo "NSFENCE-RESULT kmemleak 0 1 0"
	fi
fi
