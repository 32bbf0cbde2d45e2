#!/bin/sh
# tests/cli/test_convert.sh — nianbao convert on a tree of 50 mixed reports (several encodings,
# nested directories, broken files): complete outputs, errors listed, identical bytes for -j 1
# and -j 4, resume after a kill with no partial file, up-to-date outputs skipped.
# Prints TAP; run by tests/run with $NIANBAO set to the binary under test.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
export SOURCE_DATE_EPOCH=1700000000

# The tree: 47 reports in 3 encodings and 3 levels, and 3 broken files.
IN="$T/in"
mkdir -p "$IN/2017" "$IN/real/utf8" "$IN/real/gb" "$IN/cases"
for e in UTF-8 GB18030; do
    iconv -f UTF-8 -t "$e" "$ROOT/examples/guandu-2017.txt" >"$IN/2017/guandu-$e.txt"
done
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$ROOT/examples/guandu-2017.txt"; } >"$IN/2017/guandu-utf16.txt"
iconv -f UTF-8 -t BIG5 "$ROOT/tests/data/guandu-2017-trad.txt" >"$IN/2017/guandu-big5.txt"
for f in "$ROOT"/tests/data/real/*.txt; do
    b=$(basename "$f")
    cp "$f" "$IN/real/utf8/$b"
    iconv -f UTF-8 -t GB18030 "$f" >"$IN/real/gb/$b"
done
for f in "$ROOT"/tests/data/flat/*.txt "$ROOT"/tests/check/clean-*.txt; do cp "$f" "$IN/cases/"; done
i=0
while [ "$(find "$IN" -name '*.txt' | wc -l)" -lt 47 ]; do
    i=$((i + 1))
    cp "$ROOT/tests/check/clean-2019.txt" "$IN/cases/copy-$i.txt"
done
printf 'abc\000def\n' >"$IN/broken-nul.txt"
{ printf '一、总体情况\n全年发布信息九十八条，均已公开。\n' | iconv -f UTF-8 -t GBK; printf '\201 abc\n'; } >"$IN/broken-gbk.txt"
head -c 3000 /bin/sh >"$IN/2017/broken-binary.txt"
printf 'not a report' >"$IN/ignored.dat"
check "the tree has 50 reports" '[ "$(find "$IN" -name "*.txt" | wc -l)" -eq 50 ]'

"$N" convert -q -j 4 "$IN" -o "$T/out4" 2>"$T/err"
rc=$?
check "broken files make the exit status 65" '[ $rc -eq 65 ]'
S="$T/out4/summary.csv"
check "summary.csv: a header and 50 rows" '[ "$(wc -l <"$S")" -eq 51 ]'
check "summary.csv starts with a BOM" '[ "$(head -c 3 "$S" | od -An -tx1 | tr -d " ")" = "efbbbf" ]'
check "summary.csv says how many of the form's checks were made" \
    'head -1 "$S" | grep -q ",uncertain,checks_made,checks,status," && grep -q "guandu-UTF-8.txt,UTF-8,gov-2008,2017,官渡区环保局,[0-9]*,6,0,12,12,fail," "$S"'
check "a run-together report whose tables ran together: nothing checked, status fail" \
    'grep -q "cases/web-2022.txt,UTF-8,,2022,某市交通运输局,[0-9]*,0,1,0,0,fail," "$S"'
check "the 3 broken files are listed with their errors" \
    '[ "$(grep -c ",error," "$S")" -eq 3 ] && grep -q "broken-gbk.txt:3:1: invalid GB18030 byte sequence 0x81 0x20" "$S"'
check "broken files name their line" 'grep -q "broken-nul.txt:1:4: NUL byte" "$S"'
check "47 reports converted (status ok, or fail where a report has an error finding)" \
    '[ "$(awk -F, '"'"'$(NF-1) == "ok" || $(NF-1) == "fail"'"'"' "$S" | wc -l)" -eq 47 ]'
check "a report with an error finding has status fail, not ok" \
    'grep "guandu-UTF-8.txt," "$S" | grep -q ",fail,"'
check "47 PDFs and 47 JSON files, mirroring the tree" \
    '[ "$(find "$T/out4" -name "*.pdf" | wc -l)" -eq 47 ] && [ "$(find "$T/out4" -name "*.json" | wc -l)" -eq 47 ] && [ -f "$T/out4/real/gb/2024_huaian_raw.pdf" ]'
check "every PDF passes qpdf --check" \
    'for p in $(find "$T/out4" -name "*.pdf"); do qpdf --check "$p" >/dev/null 2>&1 || exit 1; done'
check "the JSON has the findings and the page count" \
    'grep -q "\"findings\": \[" "$T/out4/2017/guandu-UTF-8.json" && grep -q "\"pdf_pages\": 8" "$T/out4/2017/guandu-UTF-8.json"'
check "findings.csv has the sample's FAILs" 'grep -q "guandu-GB18030.txt,13,error,FAIL,prose.website" "$T/out4/findings.csv"'
check "the encodings are in the summary" \
    'grep -q "guandu-big5.txt,BIG5,gov-2008" "$S" && grep -q "guandu-utf16.txt,UTF-16LE,gov-2008" "$S"'
check "other files are not converted" '[ ! -e "$T/out4/ignored.pdf" ]'
check "no temporary file is left" '[ -z "$(find "$T/out4" -name ".*tmp-*")" ]'

"$N" convert -q -j 1 "$IN" -o "$T/out1" 2>/dev/null
check "-j 1 and -j 4 write the same bytes" 'diff -r "$T/out1" "$T/out4" >/dev/null'

# Up to date: a second run converts nothing and changes nothing.
cp -a "$T/out4" "$T/before"
"$N" convert -j 2 "$IN" -o "$T/out4" 2>"$T/err"
check "a second run skips the up-to-date outputs" 'grep -q "47 up to date" "$T/err"'
check "and leaves them as they were" 'diff -r "$T/before" "$T/out4" >/dev/null'
touch "$IN/2017/guandu-UTF-8.txt"
sleep 1
touch "$IN/2017/guandu-UTF-8.txt"
"$N" convert -j 2 "$IN" -o "$T/out4" 2>"$T/err"
check "a newer input is converted again" 'grep -q "1 converted, 46 up to date" "$T/err"'
# a change right after a run (the same second) is seen: the JSON records the input's size, its
# modification time in nanoseconds and a hash of its text
mkdir -p "$T/fresh/in"
F="$T/fresh/in/a.txt"
cp "$ROOT/examples/guandu-2017.txt" "$F"
"$N" convert -q "$T/fresh/in" -o "$T/fresh/out" 2>/dev/null
echo "补充一行。" >>"$F"
"$N" convert "$T/fresh/in" -o "$T/fresh/out" 2>"$T/err"
check "an input changed right after a run is converted again" 'grep -q "1 converted, 0 up to date" "$T/err"'
# and a change that keeps its size and modification time (a character for another, the time
# put back)
cp -p "$F" "$T/stamp"
sed 's/98条/99条/' "$F" >"$T/changed" && cat "$T/changed" >"$F" && touch -r "$T/stamp" "$F"
"$N" convert "$T/fresh/in" -o "$T/fresh/out" 2>"$T/err"
check "an input changed at the same size and time is converted again" \
    '[ "$(wc -c <"$F")" -eq "$(wc -c <"$T/stamp")" ] && grep -q "1 converted, 0 up to date" "$T/err" && grep -q "门户网站发布99条" "$T/fresh/out/a.json"'
"$N" convert "$T/fresh/in" -o "$T/fresh/out" 2>"$T/err"
check "then it is up to date" 'grep -q "0 converted, 1 up to date" "$T/err"'
"$N" convert -j 2 --force "$IN" -o "$T/out4" 2>"$T/err"
check "--force redoes everything" 'grep -q "47 converted, 0 up to date" "$T/err"'

# Killed midway: no partial file under a final name; the next run completes the job.
"$N" convert -q -j 1 "$IN" -o "$T/killed" 2>/dev/null &
pid=$!
sleep 0.4
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
done_pdfs=$(find "$T/killed" -name "*.pdf" | wc -l)
check "the kill came midway ($done_pdfs of 47 PDFs)" '[ "$done_pdfs" -lt 47 ]'
check "kill -9 leaves no temporary file behind (they have no name until complete)" \
    '[ -z "$(find "$T/killed" -name ".*nbtmp*")" ]'
check "no final PDF is partial" \
    'for p in $(find "$T/killed" -name "*.pdf"); do qpdf --check "$p" >/dev/null 2>&1 || exit 1; done'
check "no final JSON is partial" \
    'for j in $(find "$T/killed" -name "*.json"); do [ "$(tail -c 2 "$j")" = "}" ] || exit 1; done'
"$N" convert -q -j 2 "$IN" -o "$T/killed" 2>/dev/null
check "the next run completes it" \
    '[ "$(find "$T/killed" -name "*.pdf" | wc -l)" -eq 47 ] && [ "$(wc -l <"$T/killed/summary.csv")" -eq 51 ]'
check "and leaves no temporary file" '[ -z "$(find "$T/killed" -name ".*nbtmp*")" ]'

# A user's own files that look like temporaries are never touched (convert swept every
# ".*.tmp-*" under OUTDIR); SIGTERM midway leaves nothing either.
mkdir -p "$T/mine"
echo keep >"$T/mine/.budget.xlsx.tmp-2017"
echo keep >"$T/mine/.guandu-UTF-8.pdf.tmp-123456"
"$N" convert -q "$IN/2017" -o "$T/mine" 2>/dev/null
check "a user's dot-files in OUTDIR survive a run" \
    '[ "$(cat "$T/mine/.budget.xlsx.tmp-2017")" = keep ] && [ "$(cat "$T/mine/.guandu-UTF-8.pdf.tmp-123456")" = keep ]'
mkdir -p "$T/tmpd"
TMPDIR="$T/tmpd" "$N" convert -q -j 1 "$IN" -o "$T/termed" 2>/dev/null &
pid=$!
sleep 0.4
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
check "SIGTERM midway leaves no temporary file" '[ -z "$(find "$T/termed" -name ".*nbtmp*")" ]'
for d in 0.2 0.35 0.5 0.65 0.8; do
    TMPDIR="$T/tmpd" "$N" convert -q -j 2 --force "$IN/real" -o "$T/termed" 2>/dev/null &
    pid=$!
    sleep $d
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
done
check "kill -9 (five times, at different moments) leaves nothing in TMPDIR: font subsets are anonymous files" \
    '[ -z "$(ls -A "$T/tmpd")" ]'

# Two runs into one OUTDIR at once: one waits for the other; both end well, every output whole.
"$N" convert -q -j 2 --force "$IN/real" -o "$T/twice" 2>"$T/err1" &
p1=$!
"$N" convert -q -j 2 --force "$IN/real" -o "$T/twice" 2>"$T/err2" &
p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
check "two concurrent runs into one OUTDIR both succeed" \
    '[ $r1 -le 1 ] && [ $r2 -le 1 ] && [ "$(find "$T/twice" -name "*.pdf" | wc -l)" -eq 10 ] && [ -z "$(find "$T/twice" -name ".*nbtmp*")" ]'
check "and their PDFs are whole" \
    'for p in $(find "$T/twice" -name "*.pdf"); do qpdf --check "$p" >/dev/null 2>&1 || exit 1; done'
# (but for the input records: the inputs' times changed since out1 was made)
check "its outputs equal an uninterrupted run's" 'diff -r -I "\"input_record\"" "$T/killed" "$T/out1" >/dev/null'

"$N" convert -q "$IN" -o /proc/nianbao-cannot 2>"$T/err"
check "an output directory that cannot be made: exit 74" '[ $? -eq 74 ]'
"$N" convert -q "$IN/2017/guandu-UTF-8.txt" -o "$T/single" 2>/dev/null
check "a single file input" '[ -f "$T/single/guandu-UTF-8.pdf" ]'
"$N" convert "$IN" 2>/dev/null
check "no -o is a usage error" '[ $? -eq 2 ]'
# Odd entries under a wanted name are listed, never read or dropped; a link loop is searched once
mkdir -p "$T/odd/sub"
cp "$ROOT/examples/guandu-2017.txt" "$T/odd/a.txt"
mkfifo "$T/odd/pipe.txt"
ln -s /dev/zero "$T/odd/zero.txt"
ln -s missing "$T/odd/dangling.txt"
ln -s .. "$T/odd/sub/loop"
timeout 120 "$N" convert -q "$T/odd" -o "$T/oddout" 2>"$T/err"
check "odd entries: the run ends, exit 65 (not a hang)" '[ $? -eq 65 ]'
check "odd entries: summary has a row for each of the 4 names" \
    '[ "$(wc -l <"$T/oddout/summary.csv")" -eq 5 ]'
check "a FIFO is listed, not read" 'grep -q "pipe.txt: not a regular file" "$T/oddout/summary.csv"'
check "a device is listed, not read" 'grep -q "zero.txt: not a regular file" "$T/oddout/summary.csv"'
check "a broken link is listed" 'grep -q "dangling.txt: a broken symbolic link" "$T/oddout/summary.csv"'
check "the link loop is searched once" 'grep -q "already searched" "$T/err" && [ ! -e "$T/oddout/sub" ]'
# two links to one directory, whatever order readdir gives: its report is converted once
mkdir -p "$T/links/real"
cp "$ROOT/examples/guandu-2017.txt" "$T/links/real/r.txt"
ln -s real "$T/links/0first"
ln -s real "$T/links/zlast"
"$N" convert -q "$T/links" -o "$T/linksout" 2>/dev/null
check "a directory behind two links is converted once" \
    '[ "$(wc -l <"$T/linksout/summary.csv")" -eq 2 ]'
# an output directory inside the input tree is never taken for input, even with --include '*'
mkdir -p "$T/inner"
cp "$ROOT/examples/guandu-2017.txt" "$T/inner/a.txt"
"$N" convert -q --include '*' "$T/inner" -o "$T/inner/out" 2>/dev/null
"$N" convert -q --force --include '*' "$T/inner" -o "$T/inner/out" 2>"$T/err"
check "a second run into an inner output directory: one report" \
    '[ "$(wc -l <"$T/inner/out/summary.csv")" -eq 2 ] && [ ! -e "$T/inner/out/out" ]'
# OUTDIR = the input directory: no output ever replaces an input
mkdir -p "$T/same"
cp "$ROOT/examples/guandu-2017.txt" "$T/same/a.json"
cp "$ROOT/examples/guandu-2017.txt" "$T/same/b.txt"
"$N" convert -q --include '*.json' --include '*.txt' "$T/same" -o "$T/same" 2>"$T/err"
check "an input named like an output: exit 65" '[ $? -eq 65 ]'
check "that input is untouched" 'cmp -s "$T/same/a.json" "$ROOT/examples/guandu-2017.txt"'
check "it is listed with why" 'grep -q "would replace the input" "$T/same/summary.csv"'
check "the other report is converted beside its input" '[ -s "$T/same/b.pdf" ]'
cp "$ROOT/examples/guandu-2017.txt" "$T/same/summary.csv"
"$N" convert -q --include '*.csv' "$T/same" -o "$T/same" 2>"$T/err"
check "summary.csv that is an input is not replaced: exit 74" '[ $? -eq 74 ]'
check "and it is untouched" 'cmp -s "$T/same/summary.csv" "$ROOT/examples/guandu-2017.txt"'
echo "1..$n"
