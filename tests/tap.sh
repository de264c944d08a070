# SPDX-License-Identifier: GPL-2.0
# TAP 13 helpers for shell tests (POSIX sh: runs under busybox in the VM).
#   . "$(dirname "$0")/tap.sh"; tap_plan 3; tap_ok "name" cmd...; tap_done
tap_n=0 tap_failed=0 tap_skipped=0 tap_planned=0

tap_plan() { tap_planned=$1; echo "TAP version 13"; echo "1..$1"; }
tap_diag() { echo "$*" | sed 's/^/# /'; }
tap_pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n $1"; }
tap_fail() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n $1"; }
tap_skip() { tap_n=$((tap_n + 1)); tap_skipped=$((tap_skipped + 1)); echo "ok $tap_n $1 # SKIP $2"; }
# tap_check NAME CONDITION-COMMAND...: pass when the command succeeds.
tap_check() {
	name=$1
	shift
	if "$@"; then tap_pass "$name"; else tap_fail "$name"; fi
}
tap_done() {
	echo "# Totals: pass:$((tap_n - tap_failed - tap_skipped)) fail:$tap_failed skip:$tap_skipped"
	[ "$tap_failed" -eq 0 ] || exit 1
	[ "$tap_skipped" -lt "$tap_planned" ] || exit 4
	exit 0
}
