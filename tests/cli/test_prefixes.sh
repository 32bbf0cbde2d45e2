#!/bin/sh
# tests/cli/test_prefixes.sh — every prefix of the GBK and Big5 test files decodes as its own
# encoding or warns (tests/cli/prefixes.py). TAP; run by tests/run with $NIANBAO set.
set -u
: "${NIANBAO:?set NIANBAO to the nianbao binary}"
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 # SKIP python3 is not installed"
    exit 0
fi
exec python3 "${NB_ROOT:-.}/tests/cli/prefixes.py"
