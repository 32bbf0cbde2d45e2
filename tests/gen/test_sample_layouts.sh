#!/bin/sh
# tests/gen/test_sample_layouts.sh — the sample's table rewritten one cell per line, aligned, boxed
# and tabbed gives the pipe original's 58 cells and four errors (tests/gen/sample_layouts.py).
set -u
N=${NIANBAO:?set NIANBAO to the nianbao binary}
ROOT=${NB_ROOT:-.}
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 # SKIP python3 is not installed"
    exit 0
fi
NIANBAO=$N exec python3 "$ROOT/tests/gen/sample_layouts.py"
