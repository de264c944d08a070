#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `nsfence oci-hook` with a real OCI runtime (crun) inside the VM: a
# busybox-style bundle whose config.json names the hook.  A rootful
# container (no user namespace: its pid namespace is fenced) and a
# user-namespace container (its user namespace is fenced) are denied what
# the same container does freely without the hook; a failing hook keeps
# the container from starting.
#
# The container's program is run_test --probe (see run_test.c): it prints
# "ACTION RESULT" per action and exits with the number of unexpected
# results.
. "$(dirname "$0")/tap.sh"
tap_plan 8

dir=$(cd "$(dirname "$0")" && pwd)
probe=$dir/run_test
nsfence_bin=$(command -v nsfence)
work=/tmp/oci_test.$$
crun_bin=$(command -v crun)

skip_all() {
	while [ "$tap_n" -lt "$tap_planned" ]; do tap_skip "oci" "$1"; done
	tap_done
}
[ -n "$crun_bin" ] || skip_all "no crun in the VM"
[ -x "$probe" ] || skip_all "no $probe"
[ -n "$nsfence_bin" ] || skip_all "no nsfence on PATH"
nsfence status >/dev/null 2>&1 || skip_all "the nsfence module is not loaded"
# The auto-load probe needs tipc unloaded (another test may have loaded it).
rmmod tipc 2>/dev/null
tipc=tipc=EAFNOSUPPORT want_m=2 no_tipc="! -e /sys/module/tipc/initstate"
if [ -e /sys/module/tipc/initstate ]; then
	tipc= want_m=1 no_tipc="-n skipped"
fi
# A built-in nsfence (an LSM after the capability LSM) never sees the
# init_module of a user-namespace root: capabilities refuse it first.
want_m_userns=$want_m
if [ -d /sys/module/nsfence ] && [ ! -e /sys/module/nsfence/initstate ]; then
	want_m_userns=$((want_m - 1))
fi
trap '[ -n "${OCI_TEST_KEEP:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$work/out"
chmod 1777 "$work/out"

# all COND...: each argument is a test(1) expression in one string; true
# when every one holds (tap_check takes one command, not a && chain).
all() {
	for c in "$@"; do
		eval "[ $c ]" || { tap_diag "does not hold: $c"; return 1; }
	done
}

# counter CLASS: denied count of CLASS in `nsfence status`.
counter() {
	nsfence status | awk -v c="$1" '$1 == c { print $2 }'
}

# json_args WORD...: ["WORD", ...]
json_args() {
	sep= out=
	for a in "$@"; do
		out="$out$sep\"$a\""
		sep=", "
	done
	echo "[$out]"
}

CAPS='"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
 "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
 "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
 "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
 "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
 "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
 "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
 "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
 "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
 "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ"'

# bundle NAME USERNS(0|1) HOOKKIND(createRuntime|prestart|none) "HOOK ARGS" PROBE-ACTION...
# A privileged container (every capability, /proc/sys writable) whose
# root file system holds only mount points; the VM's /bin, /lib, ... and
# the tests are bind-mounted read-only.
bundle() {
	name=$1 userns=$2 hookkind=$3 hookargs=$4
	shift 4
	b=$work/$name
	mkdir -p "$b/rootfs/proc" "$b/rootfs/dev" "$b/rootfs/tmp" "$b/rootfs/out" \
		"$b/rootfs/extra/tests"
	mounts='{"destination": "/proc", "type": "proc", "source": "proc"},
  {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755", "size=1m"]},
  {"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["mode=1777", "size=1m"]},
  {"destination": "/out", "type": "bind", "source": "'"$work/out"'", "options": ["rbind", "rw"]},
  {"destination": "/extra/tests", "type": "bind", "source": "'"$dir"'", "options": ["rbind", "ro"]}'
	for d in /bin /sbin /lib /lib64 /usr; do
		[ -d "$d" ] || continue
		mkdir -p "$b/rootfs$d"
		mounts="$mounts,
  {\"destination\": \"$d\", \"type\": \"bind\", \"source\": \"$d\", \"options\": [\"rbind\", \"ro\"]}"
	done
	ns='{"type": "pid"}, {"type": "mount"}, {"type": "ipc"}, {"type": "uts"}, {"type": "network"}'
	maps=
	if [ "$userns" = 1 ]; then
		ns="$ns, {\"type\": \"user\"}"
		maps='"uidMappings": [{"containerID": 0, "hostID": 200000, "size": 65536}],
  "gidMappings": [{"containerID": 0, "hostID": 200000, "size": 65536}],'
	fi
	hooks=
	if [ "$hookkind" != none ]; then
		# shellcheck disable=SC2086
		hooks="\"hooks\": {\"$hookkind\": [{\"path\": \"$nsfence_bin\", \"args\": $(json_args $hookargs)}]},"
	fi
	cat >"$b/config.json" <<EOF
{
 "ociVersion": "1.0.2",
 "process": {
  "terminal": false,
  "user": {"uid": 0, "gid": 0},
  "args": $(json_args /extra/tests/run_test --probe "$@"),
  "env": ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],
  "cwd": "/",
  "capabilities": {"bounding": [$CAPS], "effective": [$CAPS], "permitted": [$CAPS]},
  "noNewPrivileges": false
 },
 "root": {"path": "rootfs", "readonly": false},
 "hostname": "oci-$name",
 "mounts": [
  $mounts
 ],
 $hooks
 "linux": {
  $maps
  "namespaces": [$ns]
 }
}
EOF
}

# crun_run NAME: run the bundle; output in $work/NAME.out, status in $rc.
crun_run() {
	crun --root "$work/crun-state" run --no-pivot -b "$work/$1" "oci-$1-$$" \
		>"$work/$1.out" 2>&1 </dev/null
	rc=$?
	crun --root "$work/crun-state" delete -f "oci-$1-$$" >/dev/null 2>&1
	tap_diag "crun run $1: exit $rc"
	tap_diag "$(cat "$work/$1.out")"
}

# 1. Without the hook the privileged rootful container can write a global
#    sysctl and create a /dev/mem node: what the hook must take away.
bundle plain 0 none "" sysctl=ok mknod:/tmp/mem=ok mark:/out/plain
crun_run plain
if [ ! -e "$work/out/plain" ] && grep -q 'cannot\|error' "$work/plain.out"; then
	skip_all "crun cannot run a container here: $(head -n 1 "$work/plain.out")"
fi
tap_check "unfenced rootful container: global sysctl write and mknod work" [ "$rc" = 0 ]

# 2. The same with the createRuntime hook: its pid namespace is fenced.
m0=$(counter modules) s0=$(counter sysctl) d0=$(counter devices)
bundle rootful 0 createRuntime "nsfence oci-hook" \
	sysctl=EPERM mknod:/tmp/mem=EPERM init_module=EPERM $tipc
crun_run rootful
m1=$(counter modules) s1=$(counter sysctl) d1=$(counter devices)
tap_diag "denials: modules +$((m1 - m0)), sysctl +$((s1 - s0)), devices +$((d1 - d0))"
tap_check "rootful container, createRuntime hook: sysctl, mknod, init_module, auto-load denied" \
	all "$rc = 0" "$((m1 - m0)) -ge $want_m" "$((s1 - s0)) -ge 1" "$((d1 - d0)) -ge 1"

if [ -n "$tipc" ]; then
	tap_check "tipc was not auto-loaded" [ ! -e /sys/module/tipc/initstate ]
else
	tap_skip "tipc was not auto-loaded" "tipc is loaded and cannot be unloaded"
fi

# 3. As a prestart hook.
s0=$(counter sysctl)
bundle prestart 0 prestart "nsfence oci-hook" sysctl=EPERM
crun_run prestart
s1=$(counter sysctl)
tap_check "rootful container, prestart hook: global sysctl write denied" \
	all "$rc = 0" "$((s1 - s0)) -ge 1"

# 4. A user-namespace container: its root is host id 200000, so the
#    kernel's DAC refuses the sysctl anyway (EACCES); nsfence's own
#    denials show in the counters and in the auto-load that never happens.
m0=$(counter modules) d0=$(counter devices)
bundle userns 1 createRuntime "nsfence oci-hook --deny all" \
	$tipc mknod:/tmp/mem=EPERM init_module=EPERM mark:/out/userns
crun_run userns
m1=$(counter modules) d1=$(counter devices)
tap_diag "denials: modules +$((m1 - m0)), devices +$((d1 - d0))"
tap_check "user-namespace container: auto-load, init_module, mknod denied by nsfence" \
	all "$rc = 0" "-e $work/out/userns" "$((m1 - m0)) -ge $want_m_userns" "$((d1 - d0)) -ge 1" \
	"$no_tipc"

# 5. A hook that fails (bad option) keeps the container from starting.
bundle badopt 0 createRuntime "nsfence oci-hook --bogus" mark:/out/badopt
crun_run badopt
# crun reports the hook's exit status (2: usage), not its message.
tap_check "failing hook (bad option): the container never starts" \
	all "$rc != 0" "! -e $work/out/badopt" "-n \"\$(grep 'exit code: 2' $work/badopt.out)\""

# 6. Without the module the hook fails, and the container does not start.
nsfence list >/dev/null 2>&1	# reclaims the fences of dead containers
if [ ! -e /sys/module/nsfence/initstate ]; then
	tap_skip "hook without the module" "nsfence is built into this kernel: no unload"
	tap_skip "module reloaded" "nsfence is built into this kernel: no unload"
elif rmmod nsfence 2>"$work/rmmod.err"; then
	bundle nomod 0 createRuntime "nsfence oci-hook" mark:/out/nomod
	crun_run nomod
	tap_check "hook without the module: the container never starts" \
		all "$rc != 0" "! -e $work/out/nomod" "-n \"\$(grep 'exit code: 3' $work/nomod.out)\""
	modprobe nsfence
	tap_check "module reloaded" sh -c "nsfence status >/dev/null"
else
	tap_skip "hook without the module" "rmmod nsfence: $(cat "$work/rmmod.err")"
	tap_skip "module reloaded" "not unloaded"
fi
tap_done
