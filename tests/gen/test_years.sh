#!/bin/sh
# tests/gen/test_years.sh — year against year on generated archives (tests/gen/years.py) for
# tests/run: NB_YEARS_ARCHIVES archives (default 100) of two or three agencies over consecutive
# years, names varied, layouts drawn, chains planted and broken, read back by $NIANBAO. TAP
# lines: every pair compared with the right year and no other, every cross-year finding the data
# hold given once citing both files, no years.* FAIL the data do not hold.
set -u
. "${NB_ROOT:-.}/tests/gen/common.sh"
exec python3 "$ROOT/tests/gen/years.py" --tap --archives "${NB_YEARS_ARCHIVES:-$(scaled 100)}" --nianbao "$N"
