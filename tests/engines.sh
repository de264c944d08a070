#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Real container engines, Debian's own, in a boot of their own (tests/run.sh
# adds build/engines: scripts/engines.sh): Docker (dockerd, containerd;
# runc, and crun as a second runtime) and Podman (crun; runc).  A busybox
# image made offline (docker import, podman import) runs privileged
# containers that try the attacks of the fence's classes:
#   module    init_module of a file (self-protection)
#   autoload  ip link add ... type dummy: module auto-load (modules)
#   sysctl    vm.overcommit_memory written back (sysctl)
#   devmem    a read of /dev/mem (self-protection)
#   mknod     a block device node (devices)
#   disk      the host's disk (/dev/loop0 with a secret on it) (devices)
# First the control: nsfence not loaded, every attack succeeds.  Then
# nsfence is loaded and the administrator's settings applied (nsfence
# apply: the default fence), and the same containers, unchanged (no hook,
# no option), are denied every one; so is a container started before the
# settings were applied, through `exec`.  crun's privileged containers
# need mknod to start: refused, then started with an "m" device rule,
# which lets them make nodes and still open none.
. "$(dirname "$0")/tap.sh"
E=/extra/engines
export PATH=$E/bin:$PATH
ATTACKS="module autoload sysctl devmem mknod disk"
# engine:runtime pairs
RUNS="docker:runc docker:crun podman:crun podman:runc"
# 5 setup checks, 2 applies; 6 attacks x 4 control runs, x 2 fenced runc
# runs, x 2 execs, x 2 fenced crun runs with mknod allowed; 2 crun
# refusals; the dummy module; --userns=auto: a control, disjoint ranges,
# two denials; Docker-in-Docker: 4
PLAN=$((5 + 2 + 6 * 4 + 6 * 2 + 6 * 2 + 6 * 2 + 2 + 1 + 4 + 4))
tap_plan $PLAN

if [ ! -x "$E/bin/dockerd" ]; then
	i=0
	while [ $i -lt $PLAN ]; do
		tap_skip "engines" "no $E (scripts/engines.sh)"
		i=$((i + 1))
	done
	tap_done
fi

# --- the host side of the VM ----------------------------------------------
mkdir -p /etc/docker /etc/containers /var/lib /var/tmp
cp "$E"/etc/docker/* /etc/docker/
cp "$E"/etc/containers/* /etc/containers/
[ -e /var/run ] || ln -s /run /var/run
echo 'containers:1000000:1000000' >/etc/subuid
echo 'containers:1000000:1000000' >/etc/subgid
rmmod nsfence 2>/dev/null
tap_check "control: nsfence is not loaded" [ ! -d /sys/module/nsfence ]

# A disk of the host with a secret on it.
modprobe loop
dd if=/dev/zero of=/tmp/disk bs=1024 count=64 2>/dev/null
printf 'NSFENCE-SECRET' | dd of=/tmp/disk conv=notrunc 2>/dev/null
losetup /dev/loop0 /tmp/disk
tap_check "a host disk with a secret: /dev/loop0" sh -c 'head -c 14 /dev/loop0 | grep -q NSFENCE-SECRET'

# The image: static busybox and the attacks.
mkdir -p /tmp/rootfs/bin /tmp/rootfs/tmp /tmp/rootfs/proc /tmp/rootfs/sys /tmp/rootfs/dev
cp /bin/busybox /tmp/rootfs/bin/busybox
ln -s busybox /tmp/rootfs/bin/sh
cat >/tmp/rootfs/attack.sh <<'EOF'
#!/bin/sh
# One line per attack: ATTACK NAME ok|denied|error: MESSAGE
b=/bin/busybox
say() { echo "ATTACK $1 $2"; }
out=$($b insmod /bin/busybox 2>&1)
case "$out" in
*"not permitted"*) say module denied ;;
*) say module "ok (the kernel read the image: $out)" ;;
esac
if out=$($b ip link add nsf0 type dummy 2>&1); then say autoload ok; else say autoload "denied ($out)"; fi
v=$($b cat /proc/sys/vm/overcommit_memory)
if out=$(echo "$v" 2>&1 >/proc/sys/vm/overcommit_memory); then say sysctl ok; else say sysctl "denied ($out)"; fi
if out=$($b head -c 1 /dev/mem 2>&1 >/dev/null); then say devmem ok; else say devmem "denied ($out)"; fi
if out=$($b mknod /tmp/nsf-blk b 7 0 2>&1); then say mknod ok; else say mknod "denied ($out)"; fi
if $b head -c 14 /dev/loop0 2>/tmp/err | $b grep -q NSFENCE-SECRET; then say disk ok; else say disk "denied ($($b cat /tmp/err))"; fi
EOF
chmod +x /tmp/rootfs/attack.sh

containerd >/tmp/containerd.log 2>&1 &
dockerd --containerd=/run/containerd/containerd.sock >/tmp/dockerd.log 2>&1 &
i=0
while ! docker info >/dev/null 2>&1 && [ $i -lt 180 ]; do sleep 1; i=$((i + 1)); done
tap_check "dockerd answers (after ${i} s)" sh -c 'docker info >/dev/null 2>&1'
[ $tap_failed -eq 0 ] || { tail -20 /tmp/dockerd.log >/tmp/tail.out; diag_file /tmp/tail.out; }
tar -C /tmp/rootfs -c . | docker import - nsfence-bb >/tmp/import.out 2>&1
rc=$?
tap_check "docker import of the busybox image" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || diag_file /tmp/import.out
tar -C /tmp/rootfs -c . | podman import - nsfence-bb >/tmp/import.out 2>&1
rc=$?
tap_check "podman import of the busybox image" [ "$rc" -eq 0 ]
[ "$rc" -eq 0 ] || diag_file /tmp/import.out

# run ENGINE RUNTIME: the attacks in a new privileged container.
run() {
	case "$1" in
	docker) docker run --rm --privileged --network=none --runtime="$2" nsfence-bb /attack.sh ;;
	podman) podman run --rm --privileged --network=none --runtime="$2" localhost/nsfence-bb /attack.sh ;;
	esac
}

# check WHAT WANT FILE [ATTACK...]: one result per attack (default: all),
# "ok" or "denied".
check() {
	what=$1 want=$2 file=$3
	shift 3
	for a in ${*:-$ATTACKS}; do
		got=$(sed -n "s/^ATTACK $a //p" "$file")
		case "$got" in
		"$want"*) tap_pass "$what: $a $want" ;;
		*) tap_fail "$what: $a $want (got: ${got:-nothing})" ;;
		esac
	done
}

# The engines' own messages, as diagnostics: their "WARNING:" lines would
# read as a kernel warning to scripts/vm.
diag_file() {
	sed 's/WARNING:/warning:/g; s/^/# /' "$1"
}

# The dummy module each control loaded goes, so that the next one loads
# it again (and the fenced runs have it to load).
unload_dummy() {
	ip link del nsf0 2>/dev/null
	rmmod dummy 2>/dev/null
}

for r in $RUNS; do
	engine=${r%%:*} runtime=${r#*:}
	unload_dummy
	run "$engine" "$runtime" >/tmp/attack.out 2>&1
	tap_diag "control $engine --runtime=$runtime: $(grep -c '^ATTACK' /tmp/attack.out) attacks"
	grep -q '^ATTACK' /tmp/attack.out || diag_file /tmp/attack.out
	check "control $engine --runtime=$runtime" ok /tmp/attack.out
done
# Podman's --userns=auto: a user namespace of 65,536 ids of its own.  Its
# root auto-loads a module through a network namespace of its own (the
# one podman gives it belongs to the host's user namespace).
AUTOLOAD="/bin/busybox unshare -n /bin/busybox ip link add nsf0 type dummy"
podman run --rm --privileged --userns=auto:size=65536 --network=none \
	localhost/nsfence-bb $AUTOLOAD >/tmp/auto.out 2>&1
rc=$?
[ "$rc" -eq 0 ] || diag_file /tmp/auto.out
tap_check "control podman --userns=auto: auto-loads dummy (rc=$rc)" [ "$rc" -eq 0 ]
unload_dummy

# A container of each engine started before the settings are applied.
docker run -d --name early --privileged --network=none nsfence-bb /bin/busybox sleep 100000 >/dev/null 2>&1
podman run -d --name early --privileged --network=none localhost/nsfence-bb /bin/busybox sleep 100000 >/dev/null 2>&1

# apply JSON-AUTOFENCE: the administrator's settings, as nsfence.service
# applies them at boot.
apply() {
	printf '{ "version": 1, "autoFence": %s, "locked": false }\n' "$1" >/tmp/admin-settings.json
	nsfence apply /tmp/admin-settings.json >/tmp/apply.out 2>&1
	rc=$?
	tap_diag "$(cat /tmp/apply.out)"
	tap_check "nsfence apply $1 (rc=$rc)" [ "$rc" -eq 0 ]
}

# --- the administrator turns the default fence on: every class -------------
modprobe nsfence
apply '{ "enabled": true }'
for r in docker:runc podman:runc; do
	engine=${r%%:*} runtime=${r#*:}
	run "$engine" "$runtime" >/tmp/attack.out 2>&1
	grep -q '^ATTACK' /tmp/attack.out || diag_file /tmp/attack.out
	check "fenced $engine --runtime=$runtime" denied /tmp/attack.out
done
# crun makes a privileged container's device nodes with mknod and, unlike
# runc, does not bind-mount them when that is refused: the container does
# not start (fails closed).  An "m" device rule lets it (next part).
for r in docker:crun podman:crun; do
	engine=${r%%:*} runtime=${r#*:}
	run "$engine" "$runtime" >/tmp/attack.out 2>&1
	rc=$?
	head -3 /tmp/attack.out >/tmp/head.out
	diag_file /tmp/head.out
	tap_check "fenced $engine --runtime=$runtime: refused at mknod, never runs (rc=$rc)" \
		sh -c "[ $rc -ne 0 ] && ! grep -q '^ATTACK' /tmp/attack.out && grep -q 'mknod.*not permitted' /tmp/attack.out"
done
for engine in docker podman; do
	$engine exec early /attack.sh >/tmp/attack.out 2>&1
	grep -q '^ATTACK' /tmp/attack.out || diag_file /tmp/attack.out
	check "started before, $engine exec" denied /tmp/attack.out
done

# --- with mknod allowed ("m"): crun's privileged containers start ----------
# They may make device nodes, and still open none: what the other attacks
# show (the host disk through the node crun made, /dev/mem).
apply '{ "enabled": true, "allowDevices": ["c *:* m", "b *:* m"] }'
for r in docker:crun podman:crun; do
	engine=${r%%:*} runtime=${r#*:}
	run "$engine" "$runtime" >/tmp/attack.out 2>&1
	grep -q '^ATTACK' /tmp/attack.out || diag_file /tmp/attack.out
	check "fenced, mknod allowed, $engine --runtime=$runtime" denied /tmp/attack.out \
		module autoload sysctl devmem disk
	check "fenced, mknod allowed, $engine --runtime=$runtime" ok /tmp/attack.out mknod
done
# --- podman --userns=auto: two at once, disjoint ids, both fenced ---------
for n in 1 2; do
	podman run -d --name "auto$n" --privileged --userns=auto:size=65536 --network=none \
		localhost/nsfence-bb /bin/busybox sleep 100000 >/tmp/auto.out 2>&1 ||
		diag_file /tmp/auto.out
done
m1=$(podman exec auto1 /bin/busybox cat /proc/self/uid_map 2>/dev/null)
m2=$(podman exec auto2 /bin/busybox cat /proc/self/uid_map 2>/dev/null)
tap_diag "uid_map of auto1: $m1; of auto2: $m2"
# "0 START COUNT": [START, START+COUNT) apart, both 65,536 ids.
echo "$m1 $m2" | awk '{ exit !(NF == 6 && $3 == 65536 && $6 == 65536 &&
	($2 + $3 <= $5 || $5 + $6 <= $2)) }'
tap_check "podman --userns=auto: two containers, disjoint 65,536-id ranges" [ $? -eq 0 ]
for n in 1 2; do
	podman exec "auto$n" $AUTOLOAD >/tmp/auto.out 2>&1
	rc=$?
	diag_file /tmp/auto.out
	tap_check "fenced podman --userns=auto ($n): module auto-load denied (rc=$rc)" \
		sh -c "[ $rc -ne 0 ] && grep -q 'not supported' /tmp/auto.out"
done
podman rm -f auto1 auto2 >/dev/null 2>&1

# --- Docker-in-Docker under the default fence ------------------------------
# A privileged container runs its own dockerd (the engines' binaries and
# the VM's libraries mounted in), which starts a privileged and a plain
# container: runc makes cgroups below its own and loads cgroup device
# programs; the inner containers are fenced too (nested namespaces).
# Debian 12's Docker gives --privileged no CAP_BPF: CAP_SYS_ADMIN stands
# in for it, which a fence allows only from 6.9 (kmod/bpfload.c).
cat >/tmp/inner.sh <<'EOF'
#!/bin/sh
b=/bin/busybox
export PATH=/extra/engines/bin:/bin
$b mkdir -p /run /var/lib/docker
$b mount -t tmpfs tmpfs /run && $b mount -t tmpfs tmpfs /tmp
$b ln -s /run /var/run 2>/dev/null
containerd >/tmp/c.log 2>&1 &
dockerd --containerd=/run/containerd/containerd.sock >/tmp/d.log 2>&1 &
i=0
while ! docker info >/dev/null 2>&1 && [ $i -lt 150 ]; do $b sleep 1; i=$((i + 1)); done
docker info >/dev/null 2>&1 && echo "INNER dockerd after $i s" || { $b tail -5 /tmp/d.log; exit 1; }
$b mkdir -p /tmp/r/bin && $b cp /bin/busybox /tmp/r/bin/ && $b ln -s busybox /tmp/r/bin/sh
$b tar -C /tmp/r -c . | docker import - bb >/dev/null
docker run --rm --privileged --network=none bb /bin/busybox sh -c \
	'/bin/busybox ip link add nsf0 type dummy && echo INNER autoload ok || echo INNER autoload denied'
docker run --rm --network=none --security-opt apparmor=unconfined bb /bin/busybox echo INNER plain ran
EOF
chmod +x /tmp/inner.sh
kver=$(uname -r)
kmajor=${kver%%.*} kminor=$(echo "$kver" | cut -d. -f2)
if [ "$kmajor" -gt 6 ] || { [ "$kmajor" -eq 6 ] && [ "$kminor" -ge 9 ]; }; then
	docker run --rm --privileged --network=none -v "$E:$E:ro" -v /lib:/lib:ro \
		-v /lib64:/lib64:ro -v "$E/etc/docker/daemon.json:/etc/docker/daemon.json:ro" \
		-v /tmp/inner.sh:/inner.sh:ro nsfence-bb /inner.sh >/tmp/dind.out 2>&1
	diag_file /tmp/dind.out
	tap_check "Docker-in-Docker: the inner dockerd answers" grep -q '^INNER dockerd' /tmp/dind.out
	tap_check "Docker-in-Docker: a privileged inner container is fenced (auto-load denied)" \
		grep -q '^INNER autoload denied' /tmp/dind.out
	tap_check "Docker-in-Docker: a plain inner container runs (cgroups, device programs)" \
		grep -q '^INNER plain ran' /tmp/dind.out
	tap_check "Docker-in-Docker: the inner dockerd loaded no module" [ ! -d /sys/module/dummy ]
else
	for i in 1 2 3 4; do
		tap_skip "Docker-in-Docker $i" "kernel $kver asks CAP_BPF before any bpf hook, and Debian 12's Docker gives --privileged none: the inner runc loads no program in a fence (docs/threat-model.md)"
	done
fi
tap_check "the dummy module was never loaded for a fenced container" [ ! -d /sys/module/dummy ]
docker rm -f early >/dev/null 2>&1
podman rm -f early >/dev/null 2>&1
nsfence list | sed 's/^/# /'
tap_done
