#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make lint`: checkpatch --strict, sparse (C=1) and W=1 on kmod/ and uapi/,
# for every kernel of the matrix.  Exit 0 only when all are clean.
#
# checkpatch.pl is not in the headers packages; it is taken from Debian's
# linux-source-6.12 (scripts/deps.sh --lint installs it) and cached.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${NSFENCE_BUILD:-$TOP/build}
CACHE=${NSFENCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nsfence}
failed=0

checkpatch_dir() {
	local tarball dir
	tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n 1)
	[ -n "$tarball" ] || { echo "lint: linux-source-6.12 not installed" >&2; return 1; }
	dir=$CACHE/checkpatch/$(basename "$tarball" | sed 's/\.tar\..*//')
	if [ ! -x "$dir/scripts/checkpatch.pl" ]; then
		mkdir -p "$dir"
		tar -xf "$tarball" -C "$dir" --strip-components=1 \
			linux-source-6.12/scripts/checkpatch.pl \
			linux-source-6.12/scripts/spelling.txt \
			linux-source-6.12/scripts/const_structs.checkpatch
	fi
	echo "$dir"
}

cp_dir=$(checkpatch_dir)
echo "  CHECKPATCH --strict kmod/ uapi/"
# --no-tree: we are not inside a kernel tree; FILE_PATH_CHANGES and
# SPDX on the uapi are irrelevant for an out-of-tree module.
if ! (cd "$TOP" && "$cp_dir/scripts/checkpatch.pl" --strict --no-tree --quiet \
	--ignore FILE_PATH_CHANGES -f kmod/*.c kmod/*.h uapi/linux/*.h); then
	failed=1
fi

for k in $("$TOP/scripts/kernels.sh" ensure | cut -d' ' -f2); do
	d=$BUILD/lint/$k
	rm -rf "$d"
	mkdir -p "$d"
	(cd "$TOP" && cp -rs "$TOP/Kbuild" "$TOP/kmod" "$TOP/uapi" "$d/")
	echo "  SPARSE+W=1 $k"
	out=$(make -s -C "/lib/modules/$k/build" M="$d" W=1 C=1 modules 2>&1) || failed=1
	# Warnings from our own files only: the kernel's headers are not ours.
	# (-F: a kernel version may hold regex characters, e.g. "+deb12".)
	ours=$(echo "$out" | grep -E '(warning|error):' | grep -F -e "$d/kmod/" -e "$d/uapi/" || true)
	if [ -n "$ours" ]; then
		echo "$ours"
		failed=1
	fi
done
if [ "$failed" = 0 ]; then echo "lint: clean"; else echo "lint: FAILED" >&2; fi
exit "$failed"
