#!/bin/sh
# tests/gen/test_debris.sh — clean body on generated variation (tests/gen/debris.py) for tests/run:
# NB_DEBRIS_CASES generated reports with page footers (default 40) checked and typeset by
# $NIANBAO; every footer and form feed is listed, no character of the report is lost.
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/debris.py" --tap --cases "${NB_DEBRIS_CASES:-$(scaled 40)}" --nianbao "$N"
