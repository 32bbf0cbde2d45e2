#!/bin/sh
# tests/cli/test_review.sh — the reviewer's desk (issue 17): check DIR searches a directory as
# convert does; CSVs carry a byte-order mark and fingerprints never look like numbers; a
# baseline of reviewed findings turns the sample's four errors into reviewed ones (exit 0), a
# changed figure into a new error with the old entry stale; --ignore leaves a rule out. TAP;
# run by tests/run.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
SAMPLE="$ROOT/examples/guandu-2017.txt"
export LANG=C.UTF-8

# check DIR, extract DIR
mkdir -p "$T/arch/2024" "$T/arch/.hidden"
cp "$SAMPLE" "$T/arch/guandu-2017.txt"
cp "$ROOT/tests/data/real/2024_huaian_raw.txt" "$T/arch/2024/huaian.txt"
cp "$SAMPLE" "$T/arch/.hidden/skip.txt"
echo "not a report" >"$T/arch/notes.md"
"$N" check "$T/arch" >"$T/out" 2>"$T/err"; rc=$?
check "check DIR: both reports, in path order, exit 1 (the sample's errors)" \
    '[ $rc -eq 1 ] && [ "$(grep -c "个错误" "$T/out")" -eq 2 ] &&
     grep -n "arch/2024/huaian.txt: " "$T/out" | head -1 | grep -q "^[0-9]*:" &&
     [ "$(grep -n "2024/huaian.txt: 0 个错误" "$T/out" | cut -d: -f1)" -lt "$(grep -n "guandu-2017.txt: 4 个错误" "$T/out" | cut -d: -f1)" ]'
check "check DIR: no hidden directory, no other name" '! grep -q "skip.txt\|notes.md" "$T/out"'
"$N" extract --format csv "$T/arch" >"$T/out" 2>"$T/err"; rc=$?
check "extract DIR: the cells of both" \
    '[ $rc -eq 0 ] && grep -q "huaian.txt,gov-2021," "$T/out" && grep -q "guandu-2017.txt,gov-2008," "$T/out"'
mkdir -p "$T/empty"
"$N" check "$T/empty" >"$T/out" 2>"$T/err"; rc=$?
check "check on a directory with no report: exit 66, said" \
    '[ $rc -eq 66 ] && grep -q "no .txt file found" "$T/err"'
"$N" check --format html "$T/arch" >"$T/out" 2>"$T/err"; rc=$?
check "check --format html on a directory of two: a usage error" '[ $rc -eq 2 ]'

# spreadsheets
"$N" extract --format csv "$SAMPLE" >"$T/cells.csv"
check "extract csv: a byte-order mark before the header" \
    '[ "$(head -c 3 "$T/cells.csv" | od -An -tx1 | tr -d " ")" = efbbbf ]'
"$N" check --format csv "$SAMPLE" >"$T/f.csv"
check "check csv: every fingerprint a letter and 16 hex digits, never a number" \
    '[ "$(tail -n +2 "$T/f.csv" | grep -c ",F[0-9a-f]\{16\},")" -eq "$(tail -n +2 "$T/f.csv" | wc -l)" ]'

# a baseline
"$N" check --write-baseline "$T/base.json" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "--write-baseline: the run as usual (exit 1), the baseline written" \
    '[ $rc -eq 1 ] && grep -q "\"nianbao\": \"baseline\"" "$T/base.json" &&
     [ "$(grep -c "\"fingerprint\": \"F" "$T/base.json")" -eq 6 ]'
"$N" check --baseline "$T/base.json" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "--baseline: the four errors reviewed, exit 0" \
    '[ $rc -eq 0 ] && grep -q "0 个错误" "$T/out" && grep -q "已复核 6 项" "$T/out" &&
     [ "$(grep -c ": reviewed: " "$T/out")" -eq 6 ] && ! grep -q "stale\|过时" "$T/out"'
"$N" check --baseline "$T/base.json" --format json "$SAMPLE" >"$T/out"
check "--baseline: JSON marks them \"review\": \"reviewed\"" \
    '[ "$(grep -c "\"review\": \"reviewed\"" "$T/out")" -eq 6 ]'
"$N" check --baseline "$T/base.json" --format csv "$SAMPLE" >"$T/out"
check "--baseline: the CSV's review column" \
    'head -1 "$T/out" | grep -q "fingerprint,review" && [ "$(grep -c ",reviewed.$" "$T/out")" -eq 6 ]'
mkdir -p "$T/changed"
sed 's/门户网站发布98条/门户网站发布97条/' "$SAMPLE" >"$T/changed/guandu-2017.txt"
"$N" check --baseline "$T/base.json" "$T/changed/guandu-2017.txt" >"$T/out" 2>"$T/err"; rc=$?
check "a changed figure: a new error (exit 1), its old entry stale, the rest reviewed" \
    '[ $rc -eq 1 ] && grep -q ":13: error: .*为97.*prose.website" "$T/out" &&
     grep -q "过时的基线条目 F[0-9a-f]* \[prose.website\]" "$T/out" && grep -q "已复核 5 项" "$T/out"'
cp "$SAMPLE" "$T/changed/other-agency.txt"
"$N" check --baseline "$T/base.json" "$T/changed/other-agency.txt" >"$T/out" 2>"$T/err"; rc=$?
check "the same findings in another file are not reviewed by it (file and fingerprint)" \
    '[ $rc -eq 1 ] && grep -q "4 个错误" "$T/out"'
echo '{"findings": 3}' >"$T/bad.json"
"$N" check --baseline "$T/bad.json" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "a file that is no baseline: exit 66, named" '[ $rc -eq 66 ] && grep -q "bad.json: not a nianbao baseline" "$T/err"'
cp "$SAMPLE" "$T/copy.txt"
"$N" check --write-baseline "$T/copy.txt" "$T/copy.txt" >"$T/out" 2>"$T/err"; rc=$?
check "--write-baseline onto an input: refused, the input unchanged" \
    '[ $rc -eq 2 ] && cmp -s "$SAMPLE" "$T/copy.txt"'

# convert: a review page beside each PDF, and index.html of the archive
"$N" convert -q "$T/arch" -o "$T/conv" >/dev/null 2>&1
check "convert: NAME.html beside each PDF, a review page of its own" \
    '[ -s "$T/conv/guandu-2017.html" ] && [ -s "$T/conv/2024/huaian.html" ] &&
     grep -q "<mark class=\"ev" "$T/conv/guandu-2017.html" && [ -s "$T/conv/2024/huaian.pdf" ]'
check "index.html: a row per file, each linking to a page and a PDF that exist" \
    'grep -q "共 2 个文件：1 个有错误" "$T/conv/index.html" &&
     for h in $(grep -o "href=\"[^\"]*\"" "$T/conv/index.html" | sed "s/href=\"//; s/\"$//"); do
         [ -s "$T/conv/$h" ] || exit 1; done &&
     [ "$(grep -o "href=\"[^\"]*\.html\"" "$T/conv/index.html" | wc -l)" -eq 2 ]'
check "index.html and the pages fetch nothing" \
    '! grep -q "src=\|https\?://\|<link" "$T/conv/index.html" "$T/conv/guandu-2017.html"'
rm "$T/conv/guandu-2017.html"
"$N" convert "$T/arch" -o "$T/conv" >"$T/out" 2>"$T/err"
check "a missing review page makes its file converted again, the other up to date" \
    'grep -q "1 converted, 1 up to date" "$T/err" && [ -s "$T/conv/guandu-2017.html" ]'

# --ignore
"$N" check --ignore prose. --ignore doc.text_slip "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "--ignore: a family and a rule left out, the rest as before" \
    '[ $rc -eq 1 ] && ! grep -q "prose\.\|text_slip" "$T/out" && grep -q "active.channels_bound" "$T/out" &&
     grep -q "已忽略 5 项" "$T/out"'
"$N" check --ignore prose. --ignore active.channels_bound "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "--ignore every error: exit 0" '[ $rc -eq 0 ]'
"$N" check --baseline "$T/base.json" --ignore prose.website "$SAMPLE" >"$T/out" 2>"$T/err"
check "a rule ignored stays ignored where the baseline holds it too" \
    '! grep -q "prose.website" "$T/out" && grep -q "已复核 5 项，已忽略 1 项" "$T/out"'
echo "1..$n"
