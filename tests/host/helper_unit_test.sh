#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The helper's unit tests (parsers, formatters, netlink message handling
# against the kernel's own genetlink controller): TAP 13 from the program.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${NSFENCE_BUILD:-$TOP/build}
make -s -C "$TOP/helper" O="$BUILD/helper" "$BUILD/helper/tests/unit_test" "$BUILD/helper/nsfence" >&2 || exit 1
NSFENCE=$BUILD/helper/nsfence exec "$BUILD/helper/tests/unit_test"
