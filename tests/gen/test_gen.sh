#!/bin/sh
# tests/gen/test_gen.sh — the generated-layout property test (tests/gen/proptest.py) for tests/run:
# NB_GEN_CASES generated reports (default 2000) in every table layout family, read back by
# $NIANBAO. Prints one TAP line per family and property (cells bound exactly >= 99.5 %, no error
# FAIL on clean data, every planted slip found), then the figures as TAP comments.
set -u
N=${NIANBAO:?set NIANBAO to the nianbao binary}
ROOT=${NB_ROOT:-.}
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 # SKIP python3 is not installed"
    exit 0
fi
exec python3 "$ROOT/tests/gen/proptest.py" --tap --cases "${NB_GEN_CASES:-2000}" --nianbao "$N"
