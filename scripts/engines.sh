#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stage Debian's own container engines for the test VM:
#   build/engines/bin   dockerd, docker, containerd, containerd-shim-runc-v2,
#                       runc, docker-init; podman, conmon, crun
#   build/engines/etc   their configuration for a VM without systemd,
#                       network or disk: vfs storage, cgroupfs, no bridge
# `scripts/vm --add build/engines` puts them at /extra/engines with the
# shared libraries they need; tests/engines.sh runs them there.
#
#   scripts/engines.sh [--check]   --check: exit 1 when a package is missing
#
# The packages (docker.io, podman and what they depend on) are installed by
# scripts/deps.sh --engines; nothing is fetched from elsewhere.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${NSFENCE_BUILD:-$TOP/build}
OUT=$BUILD/engines

# program -> where Debian installs it
progs=(
	/usr/sbin/dockerd /usr/bin/docker /usr/bin/containerd
	/usr/bin/containerd-shim-runc-v2 /usr/sbin/runc /usr/bin/docker-init
	/usr/bin/podman /usr/bin/conmon /usr/bin/crun
)

missing=()
for p in "${progs[@]}"; do
	[ -x "$p" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "engines.sh: missing ${missing[*]} (run: scripts/deps.sh --engines)" >&2
	exit 1
fi
[ "${1:-}" != --check ] || exit 0

rm -rf "$OUT"
mkdir -p "$OUT/bin" "$OUT/etc/docker" "$OUT/etc/containers"
for p in "${progs[@]}"; do
	cp -L "$p" "$OUT/bin/"
done

# dockerd: no iptables, no bridge (the VM has no network to give), vfs
# (overlay over the VM's tmpfs root is not what is under test); crun as a
# second runtime, so that --runtime=crun is tried as well as runc.
cat >"$OUT/etc/docker/daemon.json" <<EOF
{
  "iptables": false,
  "ip6tables": false,
  "bridge": "none",
  "storage-driver": "vfs",
  "runtimes": { "crun": { "path": "/extra/engines/bin/crun" } }
}
EOF

cat >"$OUT/etc/containers/policy.json" <<'EOF'
{ "default": [ { "type": "insecureAcceptAnything" } ] }
EOF
cat >"$OUT/etc/containers/storage.conf" <<'EOF'
[storage]
driver = "vfs"
runroot = "/run/containers/storage"
graphroot = "/var/lib/containers/storage"
EOF
cat >"$OUT/etc/containers/containers.conf" <<'EOF'
[containers]
netns = "none"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "crun"
conmon_path = ["/extra/engines/bin/conmon"]

[engine.runtimes]
crun = ["/extra/engines/bin/crun"]
runc = ["/extra/engines/bin/runc"]
EOF
echo "$OUT"
