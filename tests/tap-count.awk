# SPDX-License-Identifier: GPL-2.0
# Counts the top-level TAP 13 results of one test program's output.
# Prints: passed failed skipped planned seen
/^1\.\.[0-9]+/ { planned = substr($0, 4) + 0; next }
/^ok [0-9]+/ { seen++; if ($0 ~ /# *SKIP/) skip++; else pass++; next }
/^not ok [0-9]+/ { seen++; fail++; next }
END { printf "%d %d %d %d %d\n", pass, fail, skip, planned, seen }
