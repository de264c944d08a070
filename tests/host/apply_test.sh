#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The administrator's settings file, as `nsfence apply --check` reads it
# (no kernel involved): the shipped example is valid, every invalid file
# is refused with the JSON path of what is wrong and what is allowed
# there.  And `make install` writes the boot unit with the path of the
# nsfence it installs.  Applying it in a kernel: tests/helper_test.sh.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${NSFENCE_BUILD:-$TOP/build}
. "$TOP/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nsfence=$BUILD/helper/nsfence

# name | file content | text the error must contain
bad=(
	'version 2|{"version":2,"autoFence":{"enabled":true}}|$.version: 2 is not a version this nsfence reads (1)'
	'no version|{"autoFence":{"enabled":true}}|$.version: missing'
	'misspelt key|{"version":1,"autoFence":{"enabled":true},"loked":true}|$.loked: unknown key (allowed: version, autoFence, locked)'
	'unknown class|{"version":1,"autoFence":{"enabled":true,"classes":["modules","bogus"]}}|$.autoFence.classes[1]: "bogus" is not a class (modules, sysctl, devices'
	'self as a class|{"version":1,"autoFence":{"enabled":true,"classes":["self"]}}|$.autoFence.classes[0]: "self" is not a class'
	'classes in one string|{"version":1,"autoFence":{"enabled":true,"classes":["modules,sysctl"]}}|$.autoFence.classes[0]'
	'class twice|{"version":1,"autoFence":{"enabled":true,"classes":["sysctl","sysctl"]}}|$.autoFence.classes[1]: "sysctl" is listed twice'
	'enabled as a string|{"version":1,"autoFence":{"enabled":"yes"}}|$.autoFence.enabled: string where true or false is allowed'
	'no enabled|{"version":1,"autoFence":{}}|$.autoFence.enabled: missing'
	'bad mode|{"version":1,"autoFence":{"enabled":true,"mode":"enforced"}}|$.autoFence.mode: "enforced" is not a mode ("enforce", "audit")'
	'bad device rule|{"version":1,"autoFence":{"enabled":true,"allowDevices":["c 10:x rw"]}}|$.autoFence.allowDevices[0]: "c 10:x rw" is not a device rule'
	'locked as a number|{"version":1,"autoFence":{"enabled":true},"locked":1}|$.locked: int where true or false is allowed'
	'not an object|[1]|$: array where an object is allowed'
	'truncated|{"version":1,|not JSON: the file ends inside a value'
	'trailing text|{"version":1,"autoFence":{"enabled":true}} x|not JSON'
	'empty|   |not JSON'
)

tap_plan $((2 + 2 * ${#bad[@]} + 3))

if [ ! -x "$nsfence" ]; then
	make -s -C "$TOP/helper" O="$BUILD/helper" >&2 || exit 1
fi

out=$("$nsfence" apply --check "$TOP/contrib/admin-settings.json" 2>&1)
rc=$?
tap_diag "$out"
tap_check "the example contrib/admin-settings.json is valid (rc=$rc)" [ "$rc" -eq 0 ]
tap_check "the example turns the default fence on, locked" \
	grep -q 'default fence on: deny modules,sysctl,devices, mode enforce, allow c \*:\* m, b \*:\* m; locked' <<<"$out"

for entry in "${bad[@]}"; do
	IFS='|' read -r name content want <<<"$entry"
	printf '%s' "$content" >"$tmp/settings.json"
	out=$("$nsfence" apply --check "$tmp/settings.json" 2>&1)
	rc=$?
	tap_check "$name: refused, exit 1 (rc=$rc)" [ "$rc" -eq 1 ]
	tap_check "$name: says '$want' (got: $out)" grep -qF -- "$want" <<<"$out"
done

rm -rf "$tmp/root"
make -s -C "$TOP" install-userspace DESTDIR="$tmp/root" PREFIX=/usr >"$tmp/install.out" 2>&1
rc=$?
tap_diag "$(cat "$tmp/install.out")"
unit=$tmp/root/usr/lib/systemd/system/nsfence.service
tap_check "make install-userspace DESTDIR=... PREFIX=/usr (rc=$rc)" [ "$rc" -eq 0 ]
tap_check "the unit runs the nsfence installed beside it" \
	bash -c "grep -qx 'ExecStart=/usr/sbin/nsfence apply /etc/nsfence/admin-settings.json' '$unit' && [ -x '$tmp/root/usr/sbin/nsfence' ]"
tap_check "modules-load.d and the example settings are installed" \
	bash -c "[ -f '$tmp/root/usr/lib/modules-load.d/nsfence.conf' ] && [ -f '$tmp/root/usr/share/doc/nsfence/admin-settings.json' ]"
tap_done
