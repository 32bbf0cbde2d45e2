#!/bin/sh
# tests/gen/test_prose.sh — the prose phrasing property test (tests/gen/prosetest.py) for
# tests/run: NB_PROSE_CASES generated reports (default 1000; every other one also with a slipped
# figure) whose prose states figures of their tables in the phrasings of tests/gen/prose.py, read
# back by $NIANBAO. TAP lines: stated figures bound to their statistic (>= 98 %), none to another,
# none read where nothing is stated, no prose FAIL on matching data, every slip found.
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/prosetest.py" --tap --cases "${NB_PROSE_CASES:-$(scaled 1000)}" --nianbao "$N"
