#!/bin/sh
# tests/gen/test_formtables.sh — every bound figure in the PDF's text layer (tests/gen/formtables.py)
# for tests/run: the sample, the five real reports and NB_FORMTABLE_CASES generated reports
# (default 40), typeset by $NIANBAO with --tables form and --tables source.
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/formtables.py" --tap --cases "${NB_FORMTABLE_CASES:-$(scaled 40)}" --nianbao "$N"
