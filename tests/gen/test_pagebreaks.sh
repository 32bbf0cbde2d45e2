#!/bin/sh
# tests/gen/test_pagebreaks.sh — page breaks read back from the PDF (tests/gen/pagebreaks.py)
# for tests/run: the sample, the five real reports and NB_PAGEBREAK_CASES generated reports
# (default 40), each typeset with --tables source and with --tables form: no page ends with a
# heading or a table title, no table cell (nor, in the form's layout, form row) is split.
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/pagebreaks.py" --tap --cases "${NB_PAGEBREAK_CASES:-$(scaled 40)}" --nianbao "$N"
