#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The nsfence CLI inside the VM: it runs, reports the module, and answers
# bad input with one line on stderr and a non-zero exit status.
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/park.sh"
tap_plan 21

out=$(nsfence --version 2>&1)
rc=$?
ok=0
[ "$rc" -eq 0 ] && echo "$out" | grep -q '^nsfence [0-9]' && ok=1
tap_check "--version runs (rc=$rc): $out" [ "$ok" = 1 ]

nsfence status >/tmp/status.out 2>&1
rc=$?
tap_check "status with the module loaded exits 0 (rc=$rc)" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || tap_diag "$(cat /tmp/status.out)"

# ftrace for the module, lsm when nsfence is built in (no initstate).
mode=ftrace
[ -e /sys/module/nsfence/initstate ] || mode=lsm
tap_check "status names the attach mode ($mode)" grep -q "attach: *$mode" /tmp/status.out

nsfence no-such-command >/tmp/bad.out 2>&1
rc=$?
tap_check "unknown command: exit 2 (rc=$rc)" [ "$rc" -eq 2 ]
tap_check "unknown command: one line of error" [ "$(wc -l </tmp/bad.out)" -eq 1 ]

nsfence fence --pid notanumber >/tmp/bad.out 2>&1
rc=$?
tap_check "non-numeric pid: usage error (rc=$rc)" [ "$rc" -eq 2 ]

# A fence on a parked user namespace, as list shows it.
park
pid=$parked
inum=$(readlink /proc/$pid/ns/user | tr -dc 0-9)
nsfence fence --pid "$pid" >/tmp/fence.out 2>&1
tap_check "fence a parked user namespace ($inum)" [ $? -eq 0 ]
nsfence list >/tmp/list.out 2>&1
tap_check "list: header names DROPPED" grep -q '^NS .* DENIED  *AUDITED  *DROPPED  *DEVICES$' /tmp/list.out
tap_check "list: one row for the fence" [ "$(grep -c "^user  *$inum " /tmp/list.out)" -eq 1 ]
nsfence list --json >/tmp/list.json 2>&1
tr -d ' \n' </tmp/list.json >/tmp/list.flat
tap_check "list --json: the fence with its dropped count" \
	grep -q "\"inum\":$inum,.*}},\"dropped\":[0-9]*}" /tmp/list.flat
nsfence unfence --ns user --inum "$inum" >/tmp/unfence.out 2>&1
tap_check "unfence it" [ $? -eq 0 ]
unpark

# The default fence: on no process, one row in list, removed by type.
nsfence fence --ns default --deny modules >/tmp/default.out 2>&1
rc=$?
tap_check "fence --ns default (rc=$rc)" [ "$rc" -eq 0 ]
nsfence list >/tmp/list.out 2>&1
tap_check "list: one row for the default fence" [ "$(grep -c '^default  *0  *enforce  *modules ' /tmp/list.out)" -eq 1 ]
nsfence list --json | tr -d ' \n' >/tmp/list.flat
tap_check "list --json: ns default, inum 0" grep -q '"ns":"default","inum":0,' /tmp/list.flat
nsfence fence --ns default --pid 1 >/tmp/bad.out 2>&1
rc=$?
tap_check "fence --ns default --pid: usage error (rc=$rc)" [ "$rc" -eq 2 ]
nsfence unfence --ns default >/tmp/unfence.out 2>&1
tap_check "unfence --ns default" [ $? -eq 0 ]
nsfence unfence --ns default >/tmp/unfence.out 2>&1
rc=$?
tap_check "unfence --ns default again: fails (rc=$rc)" [ "$rc" -eq 1 ]

# The administrator's settings file (not locked here: zz_lock_test locks).
cat >/tmp/settings.json <<'EOF'
{"version": 1, "autoFence": {"enabled": true, "classes": ["modules", "devices"],
 "mode": "audit", "allowDevices": ["c 10:200 rwm"]}, "locked": false}
EOF
nsfence apply /tmp/settings.json >/tmp/apply.out 2>&1
rc=$?
tap_diag "$(cat /tmp/apply.out)"
tap_check "apply: sets the default fence (rc=$rc)" [ "$rc" -eq 0 ]
nsfence list >/tmp/list.out 2>&1
tap_check "apply: list shows it as the file says" \
	grep -q '^default  *0  *audit  *modules,devices .* c 10:200 rwm$' /tmp/list.out
sed -i 's/"enabled": true/"enabled": false/' /tmp/settings.json
nsfence apply /tmp/settings.json >/tmp/apply.out 2>&1
rc=$?
tap_check "apply enabled=false: removes it (rc=$rc)" [ "$rc" -eq 0 ]
nsfence list >/tmp/list.out 2>&1
tap_check "apply enabled=false: no default fence left" [ "$(grep -c '^default ' /tmp/list.out)" -eq 0 ]
tap_done
