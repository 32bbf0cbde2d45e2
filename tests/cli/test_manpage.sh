#!/bin/sh
# tests/cli/test_manpage.sh — docs/nianbao.1 and a page per command, docs/nianbao-COMMAND.1,
# are the program's own help made manual pages (scripts/manpage): each must be what the
# generator makes from the binary under test (regenerate them with scripts/manpage build/nianbao
# > docs/nianbao.1 and scripts/manpage build/nianbao COMMAND > docs/nianbao-COMMAND.1 when the
# help changes), and man must render each without a warning. TAP; run by tests/run.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 # SKIP python3 is not installed"
    exit 0
fi
python3 "$ROOT/scripts/manpage" "$N" >"$T/nianbao.1" 2>"$T/err"
check "docs/nianbao.1 is what scripts/manpage makes of the help" \
    'cmp -s "$T/nianbao.1" "$ROOT/docs/nianbao.1" || { diff "$ROOT/docs/nianbao.1" "$T/nianbao.1" | head -20 >"$T/err"; false; }'
check "every command has its section" \
    'for c in extract check pdf convert forms; do grep -q "^\.SS nianbao $c " "$ROOT/docs/nianbao.1" || exit 1; done'
if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 -ww -z "$ROOT/docs/nianbao.1" >"$T/out" 2>"$T/err"
    check "groff renders it without a warning" '[ ! -s "$T/err" ]'
fi
for c in extract check pdf convert forms; do
    python3 "$ROOT/scripts/manpage" "$N" "$c" >"$T/page.1" 2>"$T/err"
    check "docs/nianbao-$c.1 is what scripts/manpage makes of 'nianbao help $c'" \
        'cmp -s "$T/page.1" "$ROOT/docs/nianbao-$c.1" || { diff "$ROOT/docs/nianbao-$c.1" "$T/page.1" | head -20 >"$T/err"; false; }'
    if command -v groff >/dev/null 2>&1; then
        groff -man -Tutf8 -ww -z "$ROOT/docs/nianbao-$c.1" >"$T/out" 2>"$T/err"
        check "and groff renders it without a warning" '[ ! -s "$T/err" ]'
    fi
done
echo "1..$n"
