#!/bin/sh
# tests/cli/test_cli.sh — the command line: help, version, usage errors and exit codes,
# extract's JSON for the sample in every encoding, standard input, broken input.
# Prints TAP; run by tests/run with $NIANBAO set to the binary under test.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
SAMPLE="$ROOT/examples/guandu-2017.txt"
# expect NAME STATUS COMMAND...: runs COMMAND with stdout in $T/out and stderr in $T/err
expect() {
    name=$1 want=$2
    shift 2
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"; else not_ok "$name (exit $got, want $want)"; fi
}
# has NAME FILE TEXT: FILE contains the fixed string TEXT
has() {
    if grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1 (no '$3' in $(basename "$2"))"; fi
}

expect "--help exits 0" 0 "$N" --help
has "--help lists the commands" "$T/out" "extract"
has "--help names the exit codes" "$T/out" "65 undecodable input"
expect "--version exits 0" 0 "$N" --version
has "--version prints the version" "$T/out" "nianbao 0."
expect "no arguments is a usage error" 2 "$N"
expect "unknown option is a usage error" 2 "$N" --bogus
has "unknown option gives usage" "$T/err" "Usage: nianbao"
expect "unknown command is a usage error" 2 "$N" frobnicate
has "and far from every command it gives the usage" "$T/err" "Usage: nianbao"
expect "a mistyped command is a usage error" 2 "$N" chek "$SAMPLE"
has "that names the command meant" "$T/err" "unknown command 'chek'; did you mean 'check'?"
expect "nianbao help check is check's help" 0 "$N" help check
has "nianbao help check: its usage line" "$T/out" "Usage: nianbao check [OPTIONS] FILE..."
has "nianbao help check: with the options every reading command takes" "$T/out" "--max-row-cells"
expect "nianbao help of a mistyped command" 2 "$N" help pfd
has "names the command meant" "$T/err" "did you mean 'pdf'?"
expect "unknown subcommand option" 2 "$N" extract --bogus "$SAMPLE"
has "subcommand usage error says what to try" "$T/err" "nianbao extract --help"
expect "option without its value" 2 "$N" extract "$SAMPLE" --encoding
expect "unknown encoding" 2 "$N" extract --encoding latin-9 "$SAMPLE"
expect "unknown format" 2 "$N" extract --format yaml "$SAMPLE"
expect "extract without a file" 2 "$N" extract
expect "extract --help" 0 "$N" extract --help
has "extract --help documents --encoding" "$T/out" "--encoding NAME"
expect "an option of another command is refused" 2 "$N" extract --jobs 2 "$SAMPLE"
has "it says the option does not apply" "$T/err" "option -j (--jobs) does not apply to this command"
expect "forms refuses decoding options" 2 "$N" forms --lenient
expect "pdf refuses --quiet" 2 "$N" pdf --quiet "$SAMPLE"

# The sample in each encoding, made here with iconv(1).
cp "$SAMPLE" "$T/utf8.txt"
{ printf '\357\273\277'; cat "$SAMPLE"; } >"$T/utf8bom.txt"
iconv -f UTF-8 -t GB18030 "$SAMPLE" >"$T/gb18030.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$SAMPLE"; } >"$T/utf16le.txt"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$SAMPLE"; } >"$T/utf16be.txt"
iconv -f UTF-8 -t UTF-16LE "$SAMPLE" >"$T/utf16le-nobom.txt"
iconv -f UTF-8 -t UTF-16BE "$SAMPLE" >"$T/utf16be-nobom.txt"
iconv -f UTF-8 -t BIG5 "$ROOT/tests/data/guandu-2017-trad.txt" >"$T/big5.txt"
for v in utf8:UTF-8 utf8bom:UTF-8-BOM gb18030:GB18030 utf16le:UTF-16LE utf16be:UTF-16BE \
    utf16le-nobom:UTF-16LE utf16be-nobom:UTF-16BE big5:BIG5; do
    f=${v%%:*} enc=${v#*:}
    expect "extract $f.txt exits 0" 0 "$N" extract --format json "$T/$f.txt"
    has "extract $f.txt: encoding $enc" "$T/out" "\"encoding\": \"$enc\""
    has "extract $f.txt: 101 lines" "$T/out" '"lines": 101'
    has "extract $f.txt: file name" "$T/out" "\"file\": \"$T/$f.txt\""
done

head -c 2001 "$T/utf16le-nobom.txt" >"$T/utf16-cut.txt"
expect "UTF-16 without a BOM, cut at an odd byte: 65" 65 "$N" extract "$T/utf16-cut.txt"
has "the error names the cut byte" "$T/err" "invalid UTF-16LE byte sequence 0x"
has "the error names its offset" "$T/err" "at byte 2000"

expect "extract reads standard input with -" 0 sh -c "\"$N\" extract - <\"$T/gb18030.txt\""
has "stdin is named in the output" "$T/out" '"file": "<stdin>"'
has "stdin is detected as GB18030" "$T/out" '"encoding": "GB18030"'

expect "several files give JSON Lines" 0 "$N" extract "$T/utf8.txt" "$T/big5.txt"
[ "$(wc -l <"$T/out")" -eq 2 ] && ok "one line per file" || not_ok "one line per file"

expect "--encoding forces a decoding" 0 "$N" extract -e gbk "$T/gb18030.txt"
has "forced encoding is reported" "$T/out" '"encoding": "GB18030"'

# A GBK file with a lone lead byte at the start of line 2, before the ASCII "2017". (Before a
# byte of 0x81-0xFE it would not be lone: the two would make one valid GBK character.)
{ sed -n '1p' "$SAMPLE" | iconv -f UTF-8 -t GBK; printf '\201'; sed -n '2,$p' "$SAMPLE" | iconv -f UTF-8 -t GBK; } >"$T/bad.txt"
off=$(sed -n '1p' "$SAMPLE" | iconv -f UTF-8 -t GBK | wc -c)
expect "broken GBK stops with exit 65" 65 "$N" extract "$T/bad.txt"
has "broken GBK: file, line, column, bytes and offset" "$T/err" \
    "$T/bad.txt:2:1: invalid GB18030 byte sequence 0x81 0x32 at byte $off"
[ -s "$T/out" ] && not_ok "broken input prints no output" || ok "broken input prints no output"
expect "--lenient goes on" 0 "$N" extract --lenient "$T/bad.txt"
has "--lenient warns with the line" "$T/err" "$T/bad.txt:2:1: warning: invalid GB18030 byte sequence 0x81 0x32"
has "--lenient output lists the warning" "$T/out" '"line": 2'
# 1 MB of NULs: each bad byte's column is counted on from the last (it was counted from the
# line's start, 13 s for 128 KB); a CPU-time ceiling far above the linear cost catches a
# quadratic one (not a timing assertion: 1 MB took over 10 minutes before, 0.5 s now)
head -c 1048576 /dev/zero >"$T/nul.txt"
( ulimit -t 60; "$N" extract --lenient --max-warnings 5 "$T/nul.txt" >"$T/out" 2>"$T/err" ); rc=$?
[ $rc -eq 0 ] && grep -q '"warnings_not_listed": 1048571' "$T/out" &&
    ok "--lenient on 1 MB of NULs: linear, every byte counted" || not_ok "--lenient on 1 MB of NULs (exit $rc)"

# memory bounded: a 4 MB pipe table (60 columns of small figures) and 4.2 MB of short
# lines read under a virtual-memory ceiling (20x and 32x the input, with the program itself;
# they needed 30x and 36x before). Not under a sanitizer, which reserves terabytes.
if ! sanitized; then
    python3 -c "
import random
rng = random.Random(15)
print('\n'.join('|'.join(str(rng.randint(0, 99)) for _ in range(60)) for _ in range(23000)))
" >"$T/pipes.txt"
    python3 -c "print('某局2017年政府信息公开年度报告\n一、概述\n' + ''.join('第%d行。\n' % i for i in range(270000)))" >"$T/lines.txt"
    ( ulimit -v 80000; "$N" extract --max-table-rows 1000000 "$T/pipes.txt" >/dev/null 2>"$T/err" ); rc=$?
    [ $rc -eq 0 ] && ok "a 4 MB pipe table is read in 80 MB" || not_ok "a 4 MB pipe table is read in 80 MB (exit $rc)"
    ( ulimit -v 135000; "$N" check "$T/lines.txt" >/dev/null 2>"$T/err" ); rc=$?
    [ $rc -le 1 ] && ok "4.2 MB of short lines are checked in 135 MB" || not_ok "4.2 MB of short lines are checked in 135 MB (exit $rc)"
    # and typeset: the PDF is written a page at a time (with libharu every page stayed in memory
    # until the file was saved: both failed under 300 MB)
    ( ulimit -v 100000; "$N" pdf --max-table-rows 1000000 "$T/pipes.txt" -o "$T/pipes.pdf" >/dev/null 2>"$T/err" ); rc=$?
    [ $rc -eq 0 ] && [ "$(pdfinfo "$T/pipes.pdf" | sed -n 's/^Pages: *//p')" -gt 100 ] &&
        ok "a 4 MB pipe table is typeset in 100 MB" || not_ok "a 4 MB pipe table is typeset in 100 MB (exit $rc)"
    ( ulimit -v 135000; "$N" pdf "$T/lines.txt" -o "$T/lines.pdf" >/dev/null 2>"$T/err" ); rc=$?
    [ $rc -eq 0 ] && [ "$(pdftotext -f 12000 -l 12000 "$T/lines.pdf" - | grep -c '行。')" -gt 0 ] &&
        ok "4.2 MB of short lines are typeset in 135 MB" || not_ok "4.2 MB of short lines are typeset in 135 MB (exit $rc)"
    rm -f "$T/pipes.pdf" "$T/lines.pdf"
    rm -f "$T/pipes.txt" "$T/lines.txt"
fi

printf 'abc\000def\n' >"$T/nul.txt"
expect "a NUL byte is an error" 65 "$N" extract "$T/nul.txt"
has "NUL byte named" "$T/err" "nul.txt:1:4: NUL byte 0x00 at byte 3"

: >"$T/empty.txt"
expect "empty file" 0 "$N" extract "$T/empty.txt"
has "empty file has 0 lines" "$T/out" '"lines": 0'
printf '\357\273\277' >"$T/bomonly.txt"
expect "BOM-only file" 0 "$N" extract "$T/bomonly.txt"
has "BOM-only file: UTF-8-BOM, 0 lines" "$T/out" '"encoding": "UTF-8-BOM"'

expect "missing file" 66 "$N" extract "$T/nope.txt"
has "missing file named" "$T/err" "nope.txt: cannot open"
# (a directory is searched as convert searches one, issue 17: here its undecodable files say 65)
expect "a directory is searched: the files in it read, the undecodable ones exit 65" 65 "$N" extract "$T"
expect "input over --max-input-size" 65 "$N" extract --max-input-size 1K "$SAMPLE"
has "size limit named" "$T/err" "larger than the limit of 1024 bytes"
expect "bad --max-input-size" 2 "$N" extract --max-input-size 12Q "$SAMPLE"
expect "one bad file among good ones: exit 65, good ones printed" 65 "$N" extract "$T/utf8.txt" "$T/bad.txt"
[ "$(wc -l <"$T/out")" -eq 1 ] && ok "good file still printed" || not_ok "good file still printed"

expect "text format" 0 "$N" extract --format text "$T/gb18030.txt"
has "text format summary" "$T/out" "GB18030, 101 lines"
# Forms
expect "forms lists the forms" 0 "$N" forms
has "forms lists gov-2008" "$T/out" "gov-2008"
has "forms lists gov-2021" "$T/out" "gov-2021"
expect "forms takes no file" 2 "$N" forms "$SAMPLE"
# a write that fails is exit 74 with the reason, for help and listings too
if [ -w /dev/full ]; then
    "$N" --help >/dev/full 2>"$T/err"; rc=$?
    [ $rc -eq 74 ] && grep -q "cannot write to standard output" "$T/err" &&
        ok "--help to a full disk: exit 74, said" || not_ok "--help to a full disk: exit 74, said (got $rc)"
    "$N" forms >/dev/full 2>"$T/err"; rc=$?
    [ $rc -eq 74 ] && grep -q "cannot write to standard output" "$T/err" &&
        ok "forms to a full disk: exit 74, said" || not_ok "forms to a full disk: exit 74, said (got $rc)"
    "$N" check "$SAMPLE" >/dev/full 2>"$T/err"; rc=$?
    [ $rc -eq 74 ] && [ "$(grep -c "cannot write" "$T/err")" -eq 1 ] &&
        ok "check to a full disk: exit 74, said once" || not_ok "check to a full disk: exit 74, said once (got $rc)"
fi
# A disk that fills during the PDF's last write (the PDF library did not check its close: a cut
# PDF was renamed into place with exit 0): exit 74, nothing under the name. Needs a small tmpfs.
# (the tmpfs holds half the PDF this binary writes of the sample: its size depends on the fonts
# installed, 150 KB with the Song face, less without it)
mkdir -p "$T/small"
"$N" pdf "$SAMPLE" -o "$T/whole.pdf" >/dev/null 2>&1
half=$(($(wc -c <"$T/whole.pdf") / 2048))
if [ "$half" -gt 8 ] && mount -t tmpfs -o size=${half}k tmpfs "$T/small" 2>/dev/null; then
    "$N" pdf "$SAMPLE" -o "$T/small/sample.pdf" >"$T/out" 2>"$T/err"; rc=$?
    [ $rc -eq 74 ] && [ -z "$(ls -A "$T/small")" ] && grep -q "incomplete\|No space" "$T/err" &&
        ok "a full disk during the PDF write: exit 74, no file left" ||
        not_ok "a full disk during the PDF write: exit 74, no file left (got $rc: $(ls -A "$T/small"))"
    umount "$T/small"
else
    ok "a full disk during the PDF write # SKIP cannot mount a tmpfs here"
fi
# a heading of 25,000 characters: its bookmark is cut (the PDF library refused it: exit 70), the page
# shows it whole
{ echo "某局2017年政府信息公开年度报告"; printf '一、'; head -c 75000 /dev/zero | tr '\0' 'x' | sed 's/xxx/长/g'; echo; echo "本年度依法公开。"; } >"$T/longhead.txt"
expect "a heading of 25,000 characters is typeset" 0 "$N" pdf "$T/longhead.txt" -o "$T/longhead.pdf"
[ "$(pdftotext "$T/longhead.pdf" - | tr -d '\n' | grep -o "长" | wc -l)" -eq 25000 ] &&
    ok "and every character of it reaches the page" || not_ok "and every character of it reaches the page"
# an unbreakable run of 10,000 Latin letters breaks character by character (it ran off the page,
# cut to 1,023 glyphs: 61 visible)
{ echo "某局2017年政府信息公开年度报告"; echo "一、概述"; head -c 10000 /dev/zero | tr '\0' 'a'; echo; } >"$T/latin.txt"
expect "a run of 10,000 Latin letters is typeset" 0 "$N" pdf "$T/latin.txt" -o "$T/latin.pdf"
[ "$(pdftotext "$T/latin.pdf" - | tr -cd 'a' | wc -c)" -eq 10000 ] &&
    ok "and every letter reaches the page" || not_ok "and every letter reaches the page"
# more pages than the most nianbao typesets (32,000): a limit, and no file left (it was exit 70,
# an internal error of the PDF library, after 3.8 GB)
# (each attachment starts a page: 33,000 of them)
python3 -c "print('某局2017年政府信息公开年度报告\n一、概述\n' + '附件1\n本年度依法公开。\n' * 33000)" >"$T/many.txt"
expect "a report of more than 32,000 pages: exit 65" 65 "$N" pdf "$T/many.txt" -o "$T/many.pdf"
has "and it names the limit and the file" "$T/err" "many.txt: the PDF would need more than 32000 pages"
[ ! -e "$T/many.pdf" ] && ok "and leaves no file" || not_ok "and leaves no file"
rm -f "$T/many.txt"
# the stated limits: each checked before what it counts is allocated, each named in its error
# with the option that raises it (exit 65), each raised by that option
expect "--max-pages lowers the page limit" 65 "$N" pdf --max-pages 1 "$SAMPLE" -o "$T/short.pdf"
has "and names the option" "$T/err" "more pages than the limit of 1 (raise it with --max-pages"
[ ! -e "$T/short.pdf" ] && ok "and leaves no file" || not_ok "and leaves no file"
expect "--max-pages above the most: usage error" 2 "$N" pdf --max-pages 32001 "$SAMPLE" -o "$T/short.pdf"
expect "--max-pages is taken by convert too" 65 "$N" convert --max-pages 1 -q "$SAMPLE" -o "$T/lim-out"
# --tables: 表三 of a report copied from pdftotext, bound with high confidence, is set from the form
# (its group rows, which the printed table lost); --tables source sets it as printed
expect "pdf --tables grid: usage error" 2 "$N" pdf --tables grid "$SAMPLE" -o "$T/tables.pdf"
has "and names the choices" "$T/err" "--tables takes form or source, not 'grid'"
if command -v pdftotext >/dev/null; then
    expect "pdf --tables form" 0 "$N" pdf --tables form "$ROOT/tests/data/real/2024_huaian_raw.txt" -o "$T/form.pdf"
    pdftotext "$T/form.pdf" "$T/form.txt"
    has "表三 in the form's layout: its group rows" "$T/form.txt" "（三）不予公开"
    expect "pdf --tables source" 0 "$N" pdf --tables source "$ROOT/tests/data/real/2024_huaian_raw.txt" -o "$T/source.pdf"
    pdftotext "$T/source.pdf" "$T/source.txt"
    grep -qF "（三）不予公开" "$T/source.txt" && not_ok "表三 as printed: no group row the report lacks" || ok "表三 as printed: no group row the report lacks"
    # what pdftotext left of the printed headers (商业企 | 业, 科研机 | 构, 其他结) stands alone on
    # lines above 表三 and 表四: as printed it is set so, in the form's layout the header says it
    for piece in 商业企 科研机 其他结; do
        grep -qx "$piece" "$T/source.txt" || not_ok "as printed: the header piece $piece is set"
        grep -qx "$piece" "$T/form.txt" && not_ok "form's layout: the header piece $piece is not set again"
    done
    ok "header pieces: set as printed, not again over a table in the form's layout"
    has "the form's note over 表三 is kept" "$T/form.txt" "本列数据的勾稽关系为"
    # a line across a printed header (pieces of several labels run together) and the titles of
    # 表四's three printed parts: set as printed, not again over 表四 in the form's layout
    for f in 2024_shanghai_kewei:结果结果其他尚未 2024_shanghai_kewei:未经复议直接起诉复议后起诉 \
        2025_shuyang_xian:行政诉讼（未经复议直接起诉）; do
        "$N" pdf --tables form "$ROOT/tests/data/real/${f%%:*}.txt" -o "$T/t4-form.pdf" 2>/dev/null
        "$N" pdf --tables source "$ROOT/tests/data/real/${f%%:*}.txt" -o "$T/t4-src.pdf" 2>/dev/null
        pdftotext "$T/t4-form.pdf" "$T/t4-form.txt" && pdftotext "$T/t4-src.pdf" "$T/t4-src.txt"
        grep -qx "${f#*:}" "$T/t4-src.txt" && ! grep -qx "${f#*:}" "$T/t4-form.txt" &&
            ok "${f%%:*}: '${f#*:}' set as printed, not again over 表四 set from the form" ||
            not_ok "${f%%:*}: '${f#*:}' set as printed, not again over 表四 set from the form"
    done
    rm -f "$T"/t4-*
fi
# markup a conversion left inside a line of text (Word's conditionals around a list number, as
# in a published report, tests/data/real/heldout/2016_fujian_pingtan_syq_html.txt): listed as a
# note with its line; the PDF sets the text without it
printf '某局2017年政府信息公开年度报告\n一、概述\n<!--[if !supportLists]-->7、<!--[endif]-->公共监管信息公开情况良好&nbsp;。<br>全年发布信息98条。\n' >"$T/inline.txt"
expect "check: markup inside a line of text" 1 "$N" check "$T/inline.txt"
has "is listed as a note with its line" "$T/out" "inline.txt:3: info: 文字行中夹带的网页标记1处，不属报告正文，不予排版：第3行 [doc.debris]"
if command -v pdftotext >/dev/null; then
    expect "pdf: markup inside a line of text" 0 "$N" pdf "$T/inline.txt" -o "$T/inline.pdf"
    pdftotext "$T/inline.pdf" - | tr -d '\n ' >"$T/inline-text"
    has "the PDF sets the text without the markup" "$T/inline-text" "7、公共监管信息公开情况良好。全年发布信息98条。"
    grep -qE '<|&nbsp' "$T/inline-text" && not_ok "and no markup reaches the page" || ok "and no markup reaches the page"
    rm -f "$T/inline.pdf" "$T/inline-text"
fi
python3 -c "print('某局2017年政府信息公开年度报告\n一、概述\n' + '|'.join(['1'] * 5000))" >"$T/cells.txt"
expect "a table row of 5,000 cells: exit 65" 65 "$N" extract "$T/cells.txt"
has "and it names the line and the option" "$T/err" "cells.txt:3: a table row of 5000 cells, more than the limit of 4096 (raise it with --max-row-cells)"
expect "--max-row-cells raises it" 0 "$N" extract --max-row-cells 5000 "$T/cells.txt"
python3 -c "print('某局2017年政府信息公开年度报告\n' + ''.join('（%d）标题\n正文。\n' % i for i in range(1, 20002)))" >"$T/heads.txt"
expect "more than 20,000 headings: exit 65" 65 "$N" extract "$T/heads.txt"
has "and it names the line of the one too many and the option" "$T/err" "heads.txt:40002: more than 20000 headings, the limit (raise it with --max-headings)"
expect "--max-headings raises it" 0 "$N" extract --max-headings 30000 "$T/heads.txt"
expect "--max-headings lowers it" 65 "$N" check --max-headings 3 "$SAMPLE"
rm -f "$T/cells.txt" "$T/heads.txt"
# a table row taller than a page goes on over the next pages (it was cut at the bottom margin:
# 133 of 2,701 characters of this one reached the page), and a cell of 10,000 digits is whole
# (cells were cut at 64 lines: 2,288 digits)
python3 -c "print('某局2017年政府信息公开年度报告\n一、概述\n' + '\n'.join('|'.join(['政府信息公开' * 15] * 60) for _ in range(3)))" >"$T/tall.txt"
expect "a table whose rows are taller than a page is typeset" 0 "$N" pdf "$T/tall.txt" -o "$T/tall.pdf"
[ "$(pdftotext "$T/tall.pdf" - | grep -o "信" | wc -l)" -eq "$(grep -o "信" "$T/tall.txt" | wc -l)" ] &&
    ok "and every character of its cells reaches the page" || not_ok "and every character of its cells reaches the page"
{ echo "某局2017年政府信息公开年度报告"; echo "一、概述"; echo "| 指标 | 数值 |"; printf '| 项目 | '; head -c 10000 /dev/zero | tr '\0' '9'; echo " |"; } >"$T/digits.txt"
expect "a cell of 10,000 digits is typeset" 0 "$N" pdf "$T/digits.txt" -o "$T/digits.pdf"
[ "$(pdftotext "$T/digits.pdf" - | tr -cd '9' | wc -c)" -eq 10000 ] &&
    ok "and every digit reaches the page" || not_ok "and every digit reaches the page"
# a table wider than the measure is set smaller, its figures whole (twelve columns of six
# digits: every figure was broken over two lines, 0 of 60 whole); wider, it is turned on a
# landscape page (fifteen columns of seven digits); wider still, split into groups of columns,
# each with the label column again (fifteen columns of twelve digits)
python3 -c "
import random
rng = random.Random(12)
head = '某局2017年政府信息公开年度报告\n一、概述\n'
print(head + '|项目|' + '|'.join('列%d' % i for i in range(1, 13)) + '|')
for r in range(5): print('|指标名称较长的一行%d|' % r + '|'.join(str(rng.randint(100000, 999999)) for _ in range(12)) + '|')
" >"$T/six.txt"
expect "a table of twelve columns of six-digit figures is typeset" 0 "$N" pdf "$T/six.txt" -o "$T/six.pdf"
pdftotext -layout "$T/six.pdf" "$T/six.out"
[ "$(grep -oE '[0-9]{6}' "$T/six.txt" | sort)" = "$(grep -oE '[0-9]{6}' "$T/six.out" | sort)" ] &&
    ok "and every figure is whole on the page" || not_ok "and every figure is whole on the page"
for digits in 7 12; do
    python3 -c "
import random
rng = random.Random($digits)
head = '某局2017年政府信息公开年度报告\n一、概述\n'
print(head + '|项目|' + '|'.join('第%d列' % i for i in range(1, 16)) + '|')
for r in range(6): print('|指标%d|' % r + '|'.join(str(rng.randint(10 ** ($digits - 1), 10 ** $digits - 1)) for _ in range(15)) + '|')
print('二、其他\n正文。')
" >"$T/wide$digits.txt"
    expect "a table of fifteen columns of $digits-digit figures is typeset" 0 "$N" pdf "$T/wide$digits.txt" -o "$T/wide$digits.pdf"
    pdftotext -layout "$T/wide$digits.pdf" "$T/wide$digits.out"
    [ "$(grep -oE "[0-9]{$digits}" "$T/wide$digits.txt" | sort)" = "$(grep -oE "[0-9]{$digits}" "$T/wide$digits.out" | sort)" ] &&
        ok "and every figure is whole on the page" || not_ok "and every figure is whole on the page"
done
pdfinfo -f 1 -l 9 "$T/wide7.pdf" >"$T/wide7.info"
grep -q "^Page    2 size: *841.89 x 595.276" "$T/wide7.info" && grep -q "^Page    1 size: *595.276 x 841.89" "$T/wide7.info" &&
    grep -q "^Page    3 size: *595.276 x 841.89" "$T/wide7.info" && [ "$(grep -c "指标3" "$T/wide7.out")" -eq 1 ] &&
    ok "seven digits: turned on a landscape page of its own, the text after it upright again" ||
    not_ok "seven digits: turned on a landscape page of its own, the text after it upright again"
[ "$(grep -c "指标3" "$T/wide12.out")" -ge 2 ] && [ "$(grep -c "第15列" "$T/wide12.out")" -eq 1 ] &&
    ok "twelve digits: in groups of columns, each with the labels again" || not_ok "twelve digits: in groups of columns, each with the labels again"
if [ -r /usr/share/java/preflight.jar ]; then
    J=/usr/share/java
    java -cp $J/preflight.jar:$J/pdfbox2.jar:$J/xmpbox.jar:$J/fontbox2.jar:$J/commons-logging.jar:$J/javax.activation.jar:$J/jaxb-api.jar \
        org.apache.pdfbox.preflight.Validator_A1b "$T/wide7.pdf" >"$T/preflight" 2>&1
    has "and the PDF with a landscape page is valid PDF/A-1b (Preflight)" "$T/preflight" "is a valid PDF/A-1b file"
fi
expect "forms --rules lists the checks" 0 "$N" forms --rules
has "forms --rules: the application balance of 表三" "$T/out" "t3.balance"
has "forms --rules: its basis, the template's own note" "$T/out" "依据：国办公开办函〔2019〕60号"
has "forms --rules: the fee rule after 2019 rests on the 信息处理费 measures" "$T/out" "国办函〔2020〕109号"
[ "$(grep -c "依据：" "$T/out")" -ge 24 ] && ! grep -q "（未注明）" "$T/out" &&
    ok "forms --rules: every check says what it rests on" || not_ok "forms --rules: every check says what it rests on"
mkdir -p "$T/badforms"
printf '{"id": "x", "tables": [{"id": "t", "rows": [{"id": "a"}]}]}' >"$T/badforms/broken.json"
expect "a broken form file stops the run" 78 "$N" extract --forms "$T/badforms" "$SAMPLE"
has "broken form: file and JSON path" "$T/err" "broken.json: invalid form file: \$.tables[0].rows[0].label: missing"
expect "forms with a broken file" 78 "$N" forms --forms "$T/badforms"
expect "unknown --form" 2 "$N" extract --form gov-1999 "$SAMPLE"
has "unknown --form named" "$T/err" "unknown form 'gov-1999'"
expect "extract shows the form" 0 "$N" extract "$SAMPLE"
has "sample binds to gov-2008" "$T/out" '"form": "gov-2008"'
has "website cell bound" "$T/out" '"id": "active.channel.website"'
has "prose figure 98" "$T/out" '"text": "门户网站发布98条"'
expect "extract --format csv" 0 "$N" extract --format csv "$SAMPLE" "$T/gb18030.txt"
[ "$(head -1 "$T/out")" = "$(printf '\357\273\277file,form,id,row,column,unit,status,value,raw,line\r')" ] && ok "csv header row, after a byte-order mark" || not_ok "csv header row, after a byte-order mark"
[ "$(grep -c 'active.channel.website' "$T/out")" -eq 2 ] && ok "csv: one header, rows of both files" || not_ok "csv: one header, rows of both files"
has "csv website row" "$T/out" ",active.channel.website,2.政府网站公开政府信息数,,条,number,155,155,41"
expect "--form forces a form" 0 "$N" extract --form gov-2021 --format text "$SAMPLE"
# Check
expect "check on the sample finds FAILs: exit 1" 1 "$N" check "$SAMPLE"
has "check: website 98 vs 155, both lines" "$T/out" "guandu-2017.txt:13: error: 正文第13行“门户网站发布98条”为98，表格第41行“2.政府网站公开政府信息数”为155"
has "check: microblog 300余 vs 200" "$T/out" "为至少300，表格第42行"
has "check: training 3 vs 1" "$T/out" "guandu-2017.txt:8: error:"
has "check: channels vs total" "$T/out" "[active.channels_bound]"
has "check: summary line" "$T/out" "4 个错误"
grep -q "$(printf '\033')" "$T/out" && not_ok "no colour when not a terminal" || ok "no colour when not a terminal"
expect "check --color always" 1 "$N" check --color always "$SAMPLE"
grep -q "$(printf '\033')\[1;31m" "$T/out" && ok "colour when asked" || not_ok "colour when asked"
expect "check --lang en" 1 "$N" check --lang en "$SAMPLE"
has "English messages" "$T/out" "line 13 of the prose says 98"
has "English summary" "$T/out" "4 errors, 0 warnings, 2 notes"
expect "check --show-pass" 1 "$N" check --show-pass "$SAMPLE"
has "--show-pass lists passes" "$T/out" "pass: "
expect "a clean report: exit 0" 0 "$N" check "$ROOT/tests/data/real/2024_huaian_layout.txt"
has "clean report summary" "$T/out" "0 个错误"
expect "check --format json" 1 "$N" check --format json "$SAMPLE"
has "json has findings" "$T/out" '"findings": ['
has "json finding has a fingerprint" "$T/out" '"fingerprint": "'
has "json evidence lines" "$T/out" '"evidence": ['
expect "check json for two files" 1 "$N" check --format json "$SAMPLE" "$T/gb18030.txt"
[ "$(wc -l <"$T/out")" -eq 2 ] && ok "JSON Lines: one object per file" || not_ok "JSON Lines: one object per file"
expect "check --format csv" 1 "$N" check --format csv "$SAMPLE"
[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] && ok "csv starts with a BOM" || not_ok "csv starts with a BOM"
has "csv header" "$T/out" "file,line,severity,status,rule,message,evidence_lines,fingerprint"
has "csv row" "$T/out" ",13,error,FAIL,prose.website,"
expect "check on undecodable input: 65" 65 "$N" check "$T/bad.txt"
expect "check --lenient on it: 65 with its finding" 65 "$N" check --lenient "$T/bad.txt"
has "the undecodable bytes are a finding" "$T/out" "[doc.undecodable]"
expect "check several files" 1 "$N" check "$SAMPLE" "$ROOT/tests/data/real/2024_huaian_layout.txt"
has "check several: overall line" "$T/out" "共检查 2 个文件，1 个有不通过项"
expect "bad --lang" 2 "$N" check --lang fr "$SAMPLE"
# a character no font has, in a table cell: the warning names the cell's line
printf '某局2020年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度主动公开信息10条。\n\n| 项目 | 数量 |\n| 主动公开\360\240\200\200 | 10 |\n' >"$T/cellchar.txt"
expect "pdf with an unknown character in a cell" 0 "$N" pdf "$T/cellchar.txt" -o "$T/cellchar.pdf"
has "its warning names the cell's line" "$T/err" "cellchar.txt:8: warning: no font can draw U+20000"
# issue 18 A: the office is told. pdf lists the sample's findings (it has four error findings:
# prose.trainings at line 8, prose.website and prose.weibo at 13, active.channels_bound at 36)
# and check's summary line on standard error, in Chinese by default; exit 0 unless --strict
expect "pdf of a report with error findings: exit 0" 0 "$N" pdf "$SAMPLE" -o "$T/told.pdf"
has "pdf lists an error finding with its line and rule" "$T/err" "guandu-2017.txt:8: error: "
has "pdf lists the rule of each error" "$T/err" "[active.channels_bound]"
has "pdf prints check's summary line, in Chinese by default" "$T/err" "4 个错误，"
[ ! -s "$T/out" ] && ok "pdf prints nothing on standard output" || not_ok "pdf prints nothing on standard output"
expect "pdf --strict with error findings: exit 1" 1 "$N" pdf --strict "$SAMPLE" -o "$T/strict.pdf"
[ "$(head -c 5 "$T/strict.pdf")" = "%PDF-" ] && ok "and the PDF is written all the same" ||
    not_ok "and the PDF is written all the same"
expect "pdf --strict --lang en" 1 "$N" pdf --strict --lang en "$SAMPLE" -o "$T/strict.pdf"
has "the summary in English under --lang en" "$T/err" "4 errors, 0 warnings, 2 notes"
expect "pdf --strict of a report with no error finding: exit 0" 0 \
    "$N" pdf --strict "$ROOT/tests/data/real/2024_huaian_raw.txt" -o "$T/clean.pdf"
has "and its summary says so" "$T/err" "0 个错误"
expect "pdf --strict -o -: the PDF on standard output, exit 1" 1 "$N" pdf --strict "$SAMPLE" -o -
[ "$(head -c 5 "$T/out")" = "%PDF-" ] && grep -q "prose.website" "$T/err" &&
    ok "the findings stay on standard error" || not_ok "the findings stay on standard error"
expect "--strict belongs to pdf alone" 2 "$N" extract --strict "$SAMPLE"
# pdf's default output: FILE.txt (any case) -> FILE.pdf beside it; never onto the input
cp "$SAMPLE" "$T/UPPER.TXT"
expect "pdf with no -o" 0 "$N" pdf "$T/UPPER.TXT"
[ -s "$T/UPPER.pdf" ] && ok "FILE.TXT gives FILE.pdf" || not_ok "FILE.TXT gives FILE.pdf"
cp "$SAMPLE" "$T/self.pdf"
expect "pdf -o onto its input is refused" 2 "$N" pdf "$T/self.pdf" -o "$T/self.pdf"
cmp -s "$SAMPLE" "$T/self.pdf" && ok "that input is untouched" || not_ok "that input is untouched"

# fonts are checked once, before any work: a bad --font-body is a usage error, not 74 per file
expect "pdf --font-body NOT-A-FONT: 2" 2 "$N" pdf "$SAMPLE" --font-body "$SAMPLE" -o "$T/f.pdf"
has "it names the font and the option" "$T/err" "guandu-2017.txt: not a TrueType font that can be opened (--font-body)"
[ -e "$T/f.pdf" ] && not_ok "no PDF for it" || ok "no PDF for it"
expect "convert --font-heading MISSING: 2" 2 "$N" convert -q "$SAMPLE" --font-heading "$T/none.ttf" -o "$T/fconv"
[ -e "$T/fconv" ] && not_ok "convert made no output tree" || ok "convert made no output tree"
expect "the built-in font missing: 66" 66 env NIANBAO_FONTS="$T/nofonts" "$N" pdf "$SAMPLE" --fonts "$T/nofonts" -o "$T/f.pdf"
has "it says where it looked" "$T/err" "cannot open the default font"

# -o FILE for extract and check: the same bytes as standard output, written whole or not at all
"$N" extract "$SAMPLE" >"$T/extract-stdout.json"
expect "extract -o FILE" 0 "$N" extract "$SAMPLE" -o "$T/extract.json"
cmp -s "$T/extract.json" "$T/extract-stdout.json" && ok "extract -o writes what stdout gets" ||
    not_ok "extract -o writes what stdout gets"
[ -s "$T/out" ] && not_ok "extract -o prints nothing" || ok "extract -o prints nothing"
expect "check -o FILE keeps the findings status" 1 "$N" check --format csv "$SAMPLE" -o "$T/f.csv"
has "check -o wrote the findings" "$T/f.csv" ",13,error,FAIL,prose.website,"
cp "$SAMPLE" "$T/input.txt"
expect "extract -o onto its input is refused" 2 "$N" extract "$T/input.txt" -o "$T/input.txt"
cmp -s "$SAMPLE" "$T/input.txt" && ok "the input is untouched" || not_ok "the input is untouched"
expect "extract -o into a missing directory" 74 "$N" extract "$SAMPLE" -o "$T/no/such/dir/x.json"
[ -e "$T/no" ] && not_ok "nothing is created for it" || ok "nothing is created for it"
ls -A "$T" | grep -q '\.tmp-' && not_ok "no temporary file is left" || ok "no temporary file is left"

# A FIFO or device as -o is written in place, never replaced by a renamed file
mkfifo "$T/fifo"
timeout 60 cat "$T/fifo" >"$T/fifo.json" &
expect "extract -o FIFO" 0 "$N" extract "$SAMPLE" -o "$T/fifo"
wait
[ -p "$T/fifo" ] && ok "the FIFO is still a FIFO" || not_ok "the FIFO is still a FIFO"
cmp -s "$T/fifo.json" "$T/extract-stdout.json" && ok "the reader got the JSON" ||
    not_ok "the reader got the JSON"
timeout 60 cat "$T/fifo" >"$T/fifo.pdf" &
expect "pdf -o FIFO" 0 "$N" pdf "$SAMPLE" -o "$T/fifo"
wait
[ -p "$T/fifo" ] && [ "$(head -c 5 "$T/fifo.pdf")" = "%PDF-" ] && ok "the reader got the PDF" ||
    not_ok "the reader got the PDF"
# a device of our own (the null device's numbers), not /dev/null: a regression must not break
# the machine
if mknod "$T/null" c 1 3 2>/dev/null; then
    expect "check -o DEVICE" 1 "$N" check "$SAMPLE" -o "$T/null"
    [ -c "$T/null" ] && ok "the device is still a device" || not_ok "the device is still a device"
else
    n=$((n + 1)) && echo "ok $n - # SKIP check -o DEVICE: cannot make a device node here"
    n=$((n + 1)) && echo "ok $n - # SKIP the device is still a device"
fi

# A full disk: a 64 KB tmpfs in a private mount namespace (root, or unprivileged user
# namespaces, are needed to mount one; without either these are skipped, and say so).
mkdir "$T/full"
unshare -m --propagation private sh -c 'mount -t tmpfs -o size=64k nb "$1"' sh "$T/full" \
    2>/dev/null
if [ $? -ne 0 ]; then
    for what in pdf extract check convert; do
        n=$((n + 1))
        echo "ok $n - # SKIP full disk ($what): cannot mount a tmpfs here"
    done
else
    # the sample's PDF (150 KB), its JSON with a page of padding, its findings, a converted tree
    awk '{print} END {for (i = 0; i < 2000; i++) print "本报告所列数据均以统计表为准。"}' \
        "$SAMPLE" >"$T/big.txt"
    export FULL="$T/full"
    for what in pdf extract check convert; do
        case $what in
        pdf) set -- "$N" pdf "$SAMPLE" -o "$FULL/out.pdf" ;;
        extract) set -- "$N" extract "$T/big.txt" -o "$FULL/out.json" ;;
        check) set -- "$N" check --format json "$T/big.txt" -o "$FULL/out.json" ;;
        convert) set -- "$N" convert -q -j 2 "$SAMPLE" "$T/big.txt" -o "$FULL/tree" ;;
        esac
        unshare -m --propagation private sh -c 'mount -t tmpfs -o size=64k nb "$FULL" || exit 99
            "$@"; rc=$?; find "$FULL" -type f >"$FULL.left"; exit $rc' sh "$@" >"$T/out" 2>"$T/err"
        got=$?
        if [ "$got" -eq 74 ]; then
            ok "full disk ($what): exit $got"
        else
            not_ok "full disk ($what): exit $got, want 74"
        fi
        has "full disk ($what): says why" "$T/err" "No space left on device"
        if [ "$what" = convert ]; then
            grep -q '\.tmp-' "$FULL.left" && not_ok "full disk (convert): no temporary file left" ||
                ok "full disk (convert): no temporary file left"
        else
            [ -s "$FULL.left" ] && not_ok "full disk ($what): no file left ($(cat "$FULL.left"))" ||
                ok "full disk ($what): no file left"
        fi
    done
fi
echo "1..$n"
