#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: boot the 6.12 cloud kernel with nsfence loaded and show it
# working: the module's status, then the verification battery.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
exec "$TOP/scripts/vm" --kernel "${NSFENCE_DEMO_KERNEL:-6.12}" --quiet -- sh -c '
echo "== nsfence --version"; nsfence --version
echo "== nsfence status"; nsfence status
if nsfence help check >/dev/null 2>&1; then
	echo "== nsfence check"; nsfence check
fi'
