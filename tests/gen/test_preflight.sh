#!/bin/sh
# tests/gen/test_preflight.sh — a generated report of each table layout (tests/gen/gen.py's
# families, the three forms in turn) typeset by $NIANBAO with its tables in the form's layout:
# PDF/A-1b by PDFBox Preflight, fonts embedded and subset (tests/gen/preflight.py).
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/preflight.py" --tap --nianbao "$N"
