#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel matrix: the newest Debian cloud-amd64 kernel of each series.
#
#   kernels.sh list               the series of the matrix, one per line
#   kernels.sh kver SERIES        newest available version (e.g. 6.12.117+deb12-cloud-amd64)
#   kernels.sh ensure [SERIES...] install image + headers if missing (apt) and
#                                 record them under $NSFENCE_CACHE/kernels/SERIES/;
#                                 prints "SERIES KVER" per series
#   kernels.sh dir SERIES         the cache dir of an ensured series:
#                                 kver, vmlinuz, modules/, headers/
#
# Nothing is hard-coded but the series: versions come from apt-cache.  Images
# and headers are Debian packages (the headers of 6.12 depend on the image);
# the cache holds links to them and the resolved version, and is reused
# when present.  NSFENCE_OFFLINE=1 uses what is cached without asking apt.
set -euo pipefail

SERIES=(6.1 6.12)
CACHE=${NSFENCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nsfence}

die() { echo "kernels.sh: $*" >&2; exit 1; }

# newest_kver SERIES: from the apt lists, without any network access.
newest_kver() {
	local re=${1//./\\.}
	apt-cache search --names-only "^linux-image-${re}\.[0-9]+[-+][0-9a-z]+-cloud-amd64-unsigned\$" 2>/dev/null |
		sed -nE "s/^linux-image-(${re}\.[0-9]+[-+][0-9a-z]+-cloud-amd64)-unsigned .*/\1/p" |
		sort -V | tail -n 1
}

kver_of() {
	local kver
	kver=$(newest_kver "$1")
	if [ -z "$kver" ]; then
		apt-get update -qq >/dev/null 2>&1 || true
		kver=$(newest_kver "$1")
	fi
	[ -n "$kver" ] || die "no linux-image-$1.*-cloud-amd64-unsigned in the apt lists"
	echo "$kver"
}

installed() {
	[ -f "/boot/vmlinuz-$1" ] && [ -d "/lib/modules/$1/kernel" ] &&
		[ -e "/lib/modules/$1/build/Makefile" ]
}

ensure_one() {
	local series=$1 kver dir
	dir=$CACHE/kernels/$series
	if [ "${NSFENCE_OFFLINE:-0}" = 1 ] && [ -f "$dir/kver" ]; then
		kver=$(cat "$dir/kver")
	else
		kver=$(kver_of "$series")
	fi
	if ! installed "$kver"; then
		[ "$(id -u)" -eq 0 ] || die "kernel $kver is missing; run as root to install it"
		echo "kernels.sh: installing kernel $kver (image + headers)" >&2
		# INITRD=No: the host never boots it; the VM builds its own initramfs.
		DEBIAN_FRONTEND=noninteractive INITRD=No \
			apt-get install -y -qq --no-install-recommends \
			"linux-image-$kver-unsigned" "linux-headers-$kver" >/dev/null ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive INITRD=No \
			apt-get install -y -qq --no-install-recommends \
			"linux-image-$kver-unsigned" "linux-headers-$kver" >/dev/null; } ||
			die "cannot install kernel $kver"
		installed "$kver" || die "kernel $kver incomplete after install"
	fi
	mkdir -p "$dir"
	echo "$kver" >"$dir/kver.new" && mv "$dir/kver.new" "$dir/kver"
	ln -sfn "/boot/vmlinuz-$kver" "$dir/vmlinuz"
	ln -sfn "/lib/modules/$kver" "$dir/modules"
	ln -sfn "$(readlink -f "/lib/modules/$kver/build")" "$dir/headers"
	echo "$series $kver"
}

cmd=${1:-list}
[ $# -gt 0 ] && shift
case "$cmd" in
list) printf '%s\n' "${SERIES[@]}" ;;
kver) [ $# -eq 1 ] || die "usage: kernels.sh kver SERIES"; kver_of "$1" ;;
ensure)
	[ $# -gt 0 ] || set -- "${SERIES[@]}"
	for s in "$@"; do ensure_one "$s"; done
	;;
dir)
	[ $# -eq 1 ] || die "usage: kernels.sh dir SERIES"
	[ -f "$CACHE/kernels/$1/kver" ] || die "series $1 not ensured; run: scripts/kernels.sh ensure $1"
	echo "$CACHE/kernels/$1"
	;;
*) die "unknown command: $cmd (list|kver|ensure|dir)" ;;
esac
