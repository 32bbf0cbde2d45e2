#!/bin/sh
# tests/gen/test_flat.sh — the run-together text property test (tests/gen/flattest.py) for
# tests/run: NB_FLAT_CASES generated reports (default 200, every third also with a slip), each with
# its line breaks taken away three ways (paragraph indents, single blanks, nothing), read back by
# $NIANBAO and compared with the same report read with its line breaks. TAP lines: title, headings
# and prose figures as written; table cells as from the line-broken text; fused tables said out
# loud; no FAIL on clean data; every slip found or said out loud.
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/flattest.py" --tap --cases "${NB_FLAT_CASES:-$(scaled 200)}" --nianbao "$N"
