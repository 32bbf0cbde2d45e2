#!/bin/sh
# tests/cases/test_spec.sh — the examples of tests/cases/spec.md (how nianbao reads a report,
# decided by people) against the binary in $NIANBAO. Prints TAP; run by tests/run.
set -u
ROOT=${NB_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
if ! command -v python3 >/dev/null 2>&1; then
    echo "1..1"
    echo "ok 1 - spec.md # SKIP python3 not found"
    exit 0
fi
NIANBAO=${NIANBAO:-$ROOT/nianbao} NB_ROOT=$ROOT exec python3 "$ROOT/tests/cases/spec.py"
