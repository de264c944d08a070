# SPDX-License-Identifier: GPL-2.0
# A process parked in a new user namespace, for shell tests to fence
# (POSIX sh: runs under busybox in the VM).
#   . "$(dirname "$0")/park.sh"; park; nsfence fence --pid "$parked"; unpark

# park: starts "unshare -U sleep 120" and waits (5 s at most) until it is
# in its new user namespace; sets $parked to its pid.
park() {
	unshare -U sleep 120 &
	parked=$!
	park_self=$(readlink /proc/self/ns/user)
	park_i=0
	while [ "$(readlink /proc/$parked/ns/user)" = "$park_self" ] && [ $park_i -lt 100 ]; do
		sleep 0.05
		park_i=$((park_i + 1))
	done
}

# unpark: kills and reaps it.
unpark() {
	kill "$parked" 2>/dev/null
	wait "$parked" 2>/dev/null
}
