#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DKMS: `dkms add` and `dkms build` accept the tree, for every kernel of the
# matrix, against that kernel's headers (not the running kernel).  A private
# version string keeps a real installation of nsfence untouched.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/tests/tap.sh"

ver=0.0.0selftest$$
src=/usr/src/nsfence-$ver
mapfile -t series < <("$TOP/scripts/kernels.sh" list)
tap_plan $((1 + ${#series[@]}))

if ! command -v dkms >/dev/null || [ "$(id -u)" -ne 0 ]; then
	for s in "${series[@]}"; do tap_skip "dkms build $s" "needs dkms and root"; done
	tap_skip "dkms add" "needs dkms and root"
	tap_done
fi

cleanup() {
	dkms remove "nsfence/$ver" --all >/dev/null 2>&1
	rm -rf "$src" "/var/lib/dkms/nsfence/$ver"
}
trap cleanup EXIT

mkdir -p "$src"
(cd "$TOP" && cp -r Kbuild kmod uapi dkms.conf "$src/")
sed -i "s/^PACKAGE_VERSION=.*/PACKAGE_VERSION=\"$ver\"/" "$src/dkms.conf"
if dkms add "nsfence/$ver" >/tmp/dkms-add.$$ 2>&1; then
	tap_pass "dkms add"
else
	tap_fail "dkms add"
	tap_diag "$(cat /tmp/dkms-add.$$)"
fi
rm -f /tmp/dkms-add.$$

for s in "${series[@]}"; do
	kver=$("$TOP/scripts/kernels.sh" ensure "$s" | cut -d' ' -f2)
	log=$(mktemp)
	if dkms build "nsfence/$ver" -k "$kver" >"$log" 2>&1; then
		ko=$(find "/var/lib/dkms/nsfence/$ver/$kver" -name 'nsfence.ko*' | head -n 1)
		if [ -n "$ko" ] && modinfo -F vermagic "$ko" | grep -q "^$kver "; then
			tap_pass "dkms build $s ($kver): $(basename "$ko")"
		else
			tap_fail "dkms build $s ($kver): no module with vermagic $kver"
		fi
	else
		tap_fail "dkms build $s ($kver)"
		tap_diag "$(tail -n 20 "$log")"
		tap_diag "$(tail -n 20 "/var/lib/dkms/nsfence/$ver/build/make.log" 2>/dev/null)"
	fi
	rm -f "$log"
done
tap_done
