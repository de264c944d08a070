#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-built x86-64 kernels for the tests, from Debian's linux-source-6.12:
#
#   builtin  nsfence built in (security/nsfence, CONFIG_SECURITY_NSFENCE=y,
#            first in CONFIG_LSM); its hooks are a real LSM (attach_lsm.c)
#   debug    KASAN, lockdep (PROVE_LOCKING), PROVE_RCU, DEBUG_ATOMIC_SLEEP,
#            kmemleak, DEBUG_OBJECTS; nsfence stays a loadable module
#            (attach_probe.c), built against this kernel by `make module`
#
#   builtin-kernel.sh build FLAVOR    build, or reuse the cache; prints the kernel dir
#   builtin-kernel.sh cached FLAVOR   prints the kernel dir when cached, else exit 1
#   builtin-kernel.sh update FLAVOR   like build, but only when it is cached or
#                                     needs no more than an incremental build
#                                     (same source and config, kmod/ changed);
#                                     else exit 3 (a build that fails: 1)
#   builtin-kernel.sh fragment FLAVOR the config fragment merged into tinyconfig
#
# A kernel dir holds bzImage, kver, cmdline (what to add to the kernel
# command line), config, build-seconds and modules/lib/modules/<kver>/ (its
# "build" link is the object tree, for `make module KDIR=...`): what
# `scripts/vm --kernel DIR/bzImage` expects.  It lives in the cache,
# outside the git tree:
#   $NSFENCE_CACHE/selfbuilt/<flavor>-<key>/
# where <key> hashes the source package version, the config fragment, the
# wiring below and, for builtin, kmod/ and uapi/.  Source tree and object
# trees are kept (selfbuilt/src, selfbuilt/obj-<flavor>) so that a change
# of kmod/ rebuilds incrementally.  Nothing of the kernel tree is copied
# into this repository: the few lines that wire security/nsfence in are
# generated here, into the unpacked tree.
#
# Environment: NSFENCE_CACHE (default ~/.cache/nsfence), JOBS (default
# nproc), NSFENCE_KSRC (the .tar.xz, default /usr/src/linux-source-6.12.tar.xz),
# NSFENCE_SELFBUILT_KEEP (kernels kept per flavor, default 4).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${NSFENCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nsfence}
SB=$CACHE/selfbuilt
TARBALL=${NSFENCE_KSRC:-/usr/src/linux-source-6.12.tar.xz}
SRCPKG=linux-source-6.12
JOBS=${JOBS:-$(nproc)}
# Kernels kept per flavor (a few MB each).
KEEP=${NSFENCE_SELFBUILT_KEEP:-4}
# Bump when the wiring below changes: part of every cache key.
WIRING=1

die() { echo "builtin-kernel.sh: $*" >&2; exit 1; }
log() { echo "builtin-kernel.sh: $*" >&2; }

# Options of both flavors: what scripts/vm and the tests need on top of
# tinyconfig (tests/config is appended).
base_fragment() {
	cat <<'EOF'
CONFIG_64BIT=y
CONFIG_SMP=y
CONFIG_NR_CPUS=4
CONFIG_LOCALVERSION_AUTO=n
CONFIG_KERNEL_GZIP=y
CONFIG_CC_OPTIMIZE_FOR_PERFORMANCE=y
CONFIG_UNWINDER_ORC=y
CONFIG_PRINTK=y
CONFIG_PRINTK_TIME=y
CONFIG_BUG=y
CONFIG_KALLSYMS=y
CONFIG_IKCONFIG=y
CONFIG_IKCONFIG_PROC=y
CONFIG_MULTIUSER=y
CONFIG_FUTEX=y
CONFIG_EPOLL=y
CONFIG_SIGNALFD=y
CONFIG_TIMERFD=y
CONFIG_EVENTFD=y
CONFIG_SHMEM=y
CONFIG_AIO=y
CONFIG_ADVISE_SYSCALLS=y
CONFIG_FHANDLE=y
CONFIG_FILE_LOCKING=y
CONFIG_INOTIFY_USER=y
CONFIG_POSIX_TIMERS=y
CONFIG_HIGH_RES_TIMERS=y
CONFIG_BINFMT_ELF=y
CONFIG_BINFMT_SCRIPT=y
CONFIG_TTY=y
CONFIG_UNIX98_PTYS=y
CONFIG_ACPI=y
CONFIG_PCI=y
CONFIG_X86_IOPL_IOPERM=y
CONFIG_SECCOMP=y
CONFIG_SECCOMP_FILTER=y
CONFIG_CGROUP_BPF=y
CONFIG_UNIX=y
CONFIG_AF_KCM=m
CONFIG_BLOCK=y
CONFIG_BLK_DEV=y
CONFIG_EXT4_FS=y
CONFIG_TMPFS_XATTR=y
EOF
	grep -E '^CONFIG_' "$TOP/tests/config"
}

fragment() {
	base_fragment
	case "$1" in
	builtin)
		cat <<'EOF'
CONFIG_LOCALVERSION="-nsfence"
CONFIG_SECURITY_NSFENCE=y
CONFIG_LSM="nsfence"
EOF
		;;
	debug)
		cat <<'EOF'
CONFIG_LOCALVERSION="-nsfence-debug"
CONFIG_SECURITY_NSFENCE=n
CONFIG_SLUB_TINY=n
CONFIG_PREEMPT=y
CONFIG_DEBUG_KERNEL=y
CONFIG_STACKTRACE=y
CONFIG_KASAN=y
CONFIG_KASAN_GENERIC=y
CONFIG_KASAN_INLINE=y
CONFIG_PROVE_LOCKING=y
CONFIG_PROVE_RCU=y
CONFIG_DEBUG_ATOMIC_SLEEP=y
CONFIG_DEBUG_KMEMLEAK=y
CONFIG_DEBUG_KMEMLEAK_AUTO_SCAN=n
CONFIG_DEBUG_OBJECTS=y
CONFIG_DEBUG_OBJECTS_FREE=y
CONFIG_DEBUG_OBJECTS_TIMERS=y
CONFIG_DEBUG_OBJECTS_WORK=y
CONFIG_DEBUG_OBJECTS_RCU_HEAD=y
CONFIG_DEBUG_LIST=y
EOF
		;;
	*) die "unknown flavor: $1 (builtin|debug)" ;;
	esac
}

# What the booted kernel needs on its command line.
cmdline() {
	case "$1" in
	builtin) echo "lsm=nsfence" ;;
	debug) echo "kmemleak=on" ;;
	esac
}

srcver() {
	dpkg-query -W -f='${Version}' "$SRCPKG" 2>/dev/null ||
		stat -c '%s-%Y' "$TARBALL"
}

# hash_tree DIR...: content hash of the files under DIRs (names + bytes).
hash_tree() {
	(cd "$TOP" && find "$@" -type f -print0 | sort -z |
		xargs -0 sha256sum) | sha256sum | cut -c1-64
}

# tree_key FLAVOR: what an object tree depends on (source, config).
tree_key() {
	{
		echo "src $(srcver) wiring $WIRING"
		fragment "$1"
		cmdline "$1"
	} | sha256sum | cut -c1-16
}

key() {
	{
		tree_key "$1"
		[ "$1" != builtin ] || echo "kmod $(hash_tree kmod uapi)"
	} | sha256sum | cut -c1-16
}

outdir() { echo "$SB/$1-$(key "$1")"; }

# The unpacked source, with security/nsfence wired in.  Idempotent.
prepare_source() {
	local src=$SB/src/linux-source-6.12 ver
	ver=$(srcver)
	if [ "$(cat "$SB/src/version" 2>/dev/null)" != "$ver" ] || [ ! -f "$src/Makefile" ]; then
		[ -f "$TARBALL" ] || die "no $TARBALL (run: scripts/deps.sh --kernel-build)"
		log "unpacking $TARBALL"
		rm -rf "$SB/src" "$SB"/obj-*
		mkdir -p "$SB/src"
		tar -C "$SB/src" -xJf "$TARBALL"
		[ -f "$src/Makefile" ] || die "unexpected layout of $TARBALL"
		echo "$ver" >"$SB/src/version"
	fi
	wire "$src"
	rsync -a --delete --checksum "$TOP/kmod/" "$src/security/nsfence/"
	rsync -a --checksum "$TOP/uapi/linux/nsfence.h" "$src/include/uapi/linux/nsfence.h"
	echo "$src"
}

# wire SRC: the lines a kernel tree needs to know security/nsfence.
wire() {
	local src=$1 last id
	grep -q 'security/nsfence/Kconfig' "$src/security/Kconfig" ||
		sed -i '/^source "security\/integrity\/Kconfig"/i source "security/nsfence/Kconfig"' \
			"$src/security/Kconfig"
	grep -q 'security/nsfence/Kconfig' "$src/security/Kconfig" ||
		die "cannot wire security/Kconfig"
	# shellcheck disable=SC2016 # a make variable, not a shell one
	grep -q 'CONFIG_SECURITY_NSFENCE' "$src/security/Makefile" ||
		echo 'obj-$(CONFIG_SECURITY_NSFENCE)		+= nsfence/' >>"$src/security/Makefile"
	# An LSM id: the next free number of uapi/linux/lsm.h (6.8+).
	if [ -f "$src/include/uapi/linux/lsm.h" ] &&
		! grep -q LSM_ID_NSFENCE "$src/include/uapi/linux/lsm.h"; then
		last=$(grep -E '^#define LSM_ID_[A-Z]+[[:space:]]+[0-9]+' "$src/include/uapi/linux/lsm.h" | tail -n 1)
		id=$(($(echo "$last" | awk '{print $3}') + 1))
		sed -i "/^$(echo "$last" | awk '{print $1" "$2}')[[:space:]]/a #define LSM_ID_NSFENCE\t\t$id" \
			"$src/include/uapi/linux/lsm.h"
		grep -q LSM_ID_NSFENCE "$src/include/uapi/linux/lsm.h" || die "cannot wire lsm.h"
	fi
	# One more LSM to count for the static calls (6.12's MAX_LSM_COUNT).
	if [ -f "$src/include/linux/lsm_count.h" ] &&
		! grep -q NSFENCE_ENABLED "$src/include/linux/lsm_count.h"; then
		sed -i -e '/^#define MAX_LSM_COUNT[[:space:]]*\\$/i #if IS_ENABLED(CONFIG_SECURITY_NSFENCE)\n#define NSFENCE_ENABLED 1,\n#else\n#define NSFENCE_ENABLED\n#endif\n' \
			-e 's/^\([[:space:]]*\)IPE_ENABLED)/\1IPE_ENABLED\t\t\\\n\1NSFENCE_ENABLED)/' \
			"$src/include/linux/lsm_count.h"
		grep -q '^[[:space:]]*NSFENCE_ENABLED)' "$src/include/linux/lsm_count.h" ||
			die "cannot wire lsm_count.h"
	fi
}

# check_config FRAGMENT CONFIG: every option of the fragment took.  Those
# of tests/config only warn: some do not exist in every kernel (TRACEFS) or
# follow other choices (TASKS_RCU needs PREEMPTION).
check_config() {
	local line name val bad=0
	while IFS= read -r line; do
		name=${line%%=*}
		if ! grep -qxF "$line" "$2" && grep -qxF "$line" "$TOP/tests/config"; then
			log "note: $name (tests/config) is not ${line#*=} here"
			continue
		fi
		name=${line%%=*} val=${line#*=}
		if [ "$val" = n ]; then
			! grep -q "^$name=" "$2" || { log "$name: wanted n, got $(grep "^$name=" "$2")"; bad=1; }
		else
			grep -qxF "$line" "$2" || { log "$name: wanted $val, got $(grep -E "^(# )?${name}[= ]" "$2" || echo unset)"; bad=1; }
		fi
	done < <(grep -E '^CONFIG_' "$1")
	return "$bad"
}

build() {
	local flavor=$1 out src obj start secs kver
	out=$(outdir "$flavor")
	if [ -f "$out/bzImage" ] && [ -f "$out/kver" ]; then
		echo "$out"
		return
	fi
	src=$(prepare_source)
	obj=$SB/obj-$flavor
	mkdir -p "$obj"
	start=$(date +%s)
	rm -f "$obj/nsfence.tree-key"
	fragment "$flavor" >"$obj/nsfence.fragment"
	log "configuring $flavor (tinyconfig + $(grep -c '^CONFIG_' "$obj/nsfence.fragment") options)"
	make -s -C "$src" O="$obj" tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" \
		"$obj/nsfence.fragment" >/dev/null
	make -s -C "$src" O="$obj" olddefconfig >/dev/null
	check_config "$obj/nsfence.fragment" "$obj/.config" ||
		die "the $flavor config lacks options above (dependencies missing?)"
	log "building $flavor in $obj (make -j$JOBS)"
	nice make -s -C "$src" O="$obj" -j"$JOBS" bzImage modules >"$obj/build.log" 2>&1 ||
		{ tail -n 40 "$obj/build.log" >&2; die "build of $flavor failed (log: $obj/build.log)"; }
	kver=$(make -s -C "$src" O="$obj" kernelrelease)
	rm -rf "$out.new"
	mkdir -p "$out.new"
	nice make -s -C "$src" O="$obj" INSTALL_MOD_PATH="$out.new/modules" \
		DEPMOD=/sbin/depmod modules_install >>"$obj/build.log" 2>&1 ||
		die "modules_install of $flavor failed (log: $obj/build.log)"
	cp "$obj/arch/x86/boot/bzImage" "$out.new/bzImage"
	cp "$obj/.config" "$out.new/config"
	echo "$kver" >"$out.new/kver"
	cmdline "$flavor" >"$out.new/cmdline"
	secs=$(($(date +%s) - start))
	echo "$secs" >"$out.new/build-seconds"
	tree_key "$flavor" >"$obj/nsfence.tree-key"
	mv "$out.new" "$out"
	# The newest KEEP kernels per flavor stay in the cache: checkouts with
	# different kmod/ (worktrees, branches) share it, and each must find
	# its own built-in kernel again instead of rebuilding it.
	# shellcheck disable=SC2012 # names are ours: flavor-<16 hex digits>
	ls -dt "$SB/$flavor"-???????????????? 2>/dev/null | tail -n +$((KEEP + 1)) |
		xargs -r rm -rf
	log "$flavor kernel $kver built in ${secs}s: $out"
	echo "$out"
}

usage="usage: builtin-kernel.sh build|update|cached|fragment builtin|debug"
cmd=${1:-}
flavor=${2:-}
case "$flavor" in builtin | debug) ;; *) die "$usage" ;; esac
case "$cmd" in
build | update)
	# A cached kernel needs no lock: its dir appears complete (rename).
	out=$(outdir "$flavor")
	if [ -f "$out/bzImage" ] && [ -f "$out/kver" ]; then
		echo "$out"
		exit 0
	fi
	if [ "$cmd" = update ] &&
		[ "$(cat "$SB/obj-$flavor/nsfence.tree-key" 2>/dev/null)" != "$(tree_key "$flavor")" ]; then
		exit 3
	fi
	mkdir -p "$SB"
	exec 9>"$SB/lock"
	flock -n 9 || { log "waiting for another build (lock $SB/lock)"; flock 9; }
	build "$flavor"
	;;
cached)
	out=$(outdir "$flavor")
	[ -f "$out/bzImage" ] && [ -f "$out/kver" ] || exit 1
	echo "$out"
	;;
fragment) fragment "$flavor" ;;
*) die "$usage" ;;
esac
