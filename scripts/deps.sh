#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, with apt, everything a fresh Debian 12 machine needs to build and
# test nsfence.  Idempotent: prints nothing when all is present.
#
#   scripts/deps.sh          build + test dependencies (the container
#                            engines too: their binaries run in the test
#                            VM, scripts/engines.sh; none is started here)
#   scripts/deps.sh --lint   also what `make lint` needs (checkpatch source)
#   scripts/deps.sh --kernel-build  also what building a kernel needs
set -euo pipefail

pkgs=(
	build-essential bc flex bison libelf-dev libssl-dev dwarves
	kmod cpio busybox-static qemu-system-x86 xz-utils zstd file
	pkg-config libnl-3-dev libnl-genl-3-dev libcap-dev libjson-c-dev
	libbpf-dev dkms sparse crun util-linux procps e2fsprogs
	docker.io podman
)
for arg in "$@"; do
	case "$arg" in
	--lint) pkgs+=(linux-source-6.12) ;;
	--kernel-build) pkgs+=(linux-source-6.12 rsync) ;;
	*) echo "deps.sh: unknown option: $arg" >&2; exit 2 ;;
	esac
done

missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing packages (${missing[*]}); run as root to install them" >&2
	exit 1
fi
echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-install-recommends: dkms would otherwise pull the host's kernel headers.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
