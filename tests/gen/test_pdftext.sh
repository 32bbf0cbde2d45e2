#!/bin/sh
# tests/gen/test_pdftext.sh — the PDF text-layer property (tests/gen/pdftext.py) for tests/run:
# NB_PDFTEXT_CASES generated reports (default 40) typeset by $NIANBAO; every Chinese character of
# the input comes back from pdftotext.
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/pdftext.py" --tap --cases "${NB_PDFTEXT_CASES:-$(scaled 40)}" --nianbao "$N"
