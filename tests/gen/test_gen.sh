#!/bin/sh
# tests/gen/test_gen.sh — the generated-layout property test (tests/gen/proptest.py) for tests/run:
# NB_GEN_CASES generated reports (default 2000) in every table layout family, read back by
# $NIANBAO. Prints one TAP line per family and property (cells bound exactly >= 99.5 %, no error
# FAIL on clean data, every planted slip found), then the figures as TAP comments.
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/proptest.py" --tap --cases "${NB_GEN_CASES:-$(scaled 2000)}" --nianbao "$N"
