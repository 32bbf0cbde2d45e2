#!/bin/sh
# tests/gen/test_sample_layouts.sh — the sample's table rewritten one cell per line, aligned, boxed
# and tabbed gives the pipe original's 58 cells and four errors (tests/gen/sample_layouts.py).
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
NIANBAO=$N exec python3 "$ROOT/tests/gen/sample_layouts.py"
