#!/bin/sh
# tests/cli/test_workbook.sh — the reviewer's workbook (issue 17): check --format xlsx and
# convert's findings.xlsx read back with openpyxl (every finding, with its fingerprint as text;
# Chinese headers, the header row frozen, filters, fitted widths; a 汇总 row per file) and
# converted by LibreOffice headless. TAP; run by tests/run.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
SAMPLE="$ROOT/examples/guandu-2017.txt"
export LANG=C.UTF-8
PY=""
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c "import openpyxl" 2>/dev/null; then PY=$p && break; fi
done

"$N" check --format xlsx "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "--format xlsx without -o: a usage error" '[ $rc -eq 2 ] && grep -q "needs -o" "$T/err"'
"$N" check --format xlsx -o "$T/nodir/x.xlsx" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "an unwritable place: exit 74, said, nothing left" '[ $rc -eq 74 ] && [ ! -e "$T/nodir" ]'
"$N" check --format xlsx -o "$T/one.xlsx" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "check --format xlsx: exit 1 (the sample's errors), the workbook written, nothing on stdout" \
    '[ $rc -eq 1 ] && [ -s "$T/one.xlsx" ] && [ ! -s "$T/out" ]'
sleep 1
"$N" check --format xlsx -o "$T/again.xlsx" "$SAMPLE" >/dev/null 2>&1
check "the same report a second later: the same bytes (dated by the input, not the clock)" \
    'cmp -s "$T/one.xlsx" "$T/again.xlsx"'
"$N" check --format csv "$SAMPLE" >"$T/one.csv"
mkdir -p "$T/arch"
cp "$SAMPLE" "$ROOT"/tests/data/real/2024_*.txt "$T/arch/"
printf '\377\376\000' >"$T/arch/broken.txt"
"$N" convert -q "$T/arch" -o "$T/conv" >/dev/null 2>&1

if [ -z "$PY" ]; then
    n=$((n + 1)) && echo "ok $n # SKIP no python3 with openpyxl (python3-openpyxl)"
else
    "$PY" - "$T/one.xlsx" "$T/one.csv" "$T/conv/findings.xlsx" "$T/conv/summary.csv" >"$T/py.tap" 2>&1 <<'PY'
import csv, sys, openpyxl
one, one_csv, conv, summary_csv = sys.argv[1:5]
n = 0
def report(ok, name):
    global n
    n += 1
    print(('ok' if ok else 'not ok') + ' %d - %s' % (n, name))
wb = openpyxl.load_workbook(one)
report(wb.sheetnames == ['问题清单', '统计数据'], 'one report: the sheets 问题清单 and 统计数据 (%s)' % wb.sheetnames)
ws = wb['问题清单']
head = [c.value for c in ws[1]]
report(head == ['文件', '发布机关', '年度', '行号', '严重程度', '状态', '规则', '说明', '正文一方',
                '表格一方', '指纹', '复核结论'], 'Chinese headers: %s' % head)
rows = list(ws.iter_rows(min_row=2, values_only=True))
want = list(csv.DictReader(open(one_csv, encoding='utf-8-sig')))
report(sorted(r[10] for r in rows) == sorted(w['fingerprint'] for w in want) and len(rows) == 6,
       'every finding of check --format csv, by fingerprint (%d)' % len(rows))
fp = [c for c in ws['K'][1:]]
report(all(c.data_type == 's' and c.value.startswith('F') for c in fp), 'fingerprints are text')
web = [r for r in rows if r[6] == 'prose.website'][0]
report(web[3] == 13 and web[4] == '错误' and '98' in web[8] and '第13行' in web[8] and
       '155' in web[9] and '第41行' in web[9] and web[0].endswith('guandu-2017.txt') and
       web[1] == '官渡区环保局' and web[2] == '2017',
       'the sample discrepancy: line 13, the prose side 98 and the table side 155 (line 41)')
report(ws.freeze_panes == 'A2' and ws.auto_filter.ref == 'A1:L7', 'header frozen, filters over it all (%s %s)' % (ws.freeze_panes, ws.auto_filter.ref))
widths = {k: v.width for k, v in ws.column_dimensions.items()}
report(widths.get('H', 0) >= 40 and widths.get('C', 99) <= 12, 'widths fitted (message wide, year narrow): %s' % widths)
cells = wb['统计数据']
crow = [r for r in cells.iter_rows(min_row=2, values_only=True) if r[2] == 'active.channel.website']
report(len(crow) == 1 and crow[0][7] == 155 and crow[0][9] == 41, 'the bound cell 155 at line 41, as a number')
wb = openpyxl.load_workbook(conv)
report(wb.sheetnames == ['问题清单', '统计数据', '汇总'], 'convert: findings.xlsx with a 汇总 sheet')
summ = list(wb['汇总'].iter_rows(min_row=2, values_only=True))
want = list(csv.DictReader(open(summary_csv, encoding='utf-8-sig')))
report(len(summ) == len(want) == 5 and any(r[0].endswith('broken.txt') and r[11] for r in summ),
       'a 汇总 row per file (%d), the unreadable one with its reason' % len(summ))
print('1..%d' % n)
PY
    sed '/^1\.\./d' "$T/py.tap" >"$T/py2.tap"
    while IFS= read -r l; do
        case "$l" in
        "ok "*) ok "${l#* - }" ;;
        "not ok "*) not_ok "${l#* - }" ;;
        *) echo "# $l" ;;
        esac
    done <"$T/py2.tap"
fi

# the 复核结论 column read back as a baseline: the rows a reviewer filled in are reviewed
if [ -n "$PY" ]; then
    "$PY" - "$T/one.xlsx" "$T/judged.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['问题清单']
for row in ws.iter_rows(min_row=2):
    if row[6].value in ('prose.website', 'prose.weibo'):
        row[11].value = '已核实：正文数字为笔误 & <不改>'
wb.save(sys.argv[2])
PY
    "$N" check --baseline "$T/judged.xlsx" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
    check "a workbook with two verdicts as the baseline: those two reviewed, the other errors stay" \
        '[ $rc -eq 1 ] && [ "$(grep -c ": reviewed: " "$T/out")" -eq 2 ] && grep -q "2 个错误" "$T/out" &&
         grep -q "reviewed: .*prose.website" "$T/out" && grep -q "reviewed: .*prose.weibo" "$T/out"'
    "$N" check --baseline "$T/one.xlsx" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
    check "a workbook with no verdict: nothing reviewed" '[ $rc -eq 1 ] && ! grep -q "reviewed" "$T/out"'
    if command -v soffice >/dev/null 2>&1; then
        mkdir -p "$T/resaved"
        (cd "$T" && HOME="$T" timeout 120 soffice --headless --convert-to xlsx --outdir "$T/resaved" \
            "$T/judged.xlsx" >"$T/lo.log" 2>&1)
        "$N" check --baseline "$T/resaved/judged.xlsx" "$SAMPLE" >"$T/out" 2>"$T/err"
        check "the same workbook saved again by LibreOffice: the same two reviewed" \
            '[ "$(grep -c ": reviewed: " "$T/out")" -eq 2 ]'
    fi
fi
head -c 400 "$T/one.xlsx" >"$T/cut.xlsx"
"$N" check --baseline "$T/cut.xlsx" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "a cut workbook as the baseline: exit 66, said" '[ $rc -eq 66 ] && grep -q "cut.xlsx: not a workbook" "$T/err"'
{ printf 'PK\003\004'; head -c 3000 /dev/urandom; } >"$T/junk.xlsx"
"$N" check --baseline "$T/junk.xlsx" "$SAMPLE" >"$T/out" 2>"$T/err"; rc=$?
check "zip-looking junk as the baseline: exit 66, no crash" '[ $rc -eq 66 ]'

# libxlsxwriter's temporary files are anonymous (a kill -9 while the workbook is written
# must leave nothing in TMPDIR: CI once found one)
if command -v strace >/dev/null 2>&1 && ! sanitized; then
    mkdir -p "$T/tmpd"
    TMPDIR="$T/tmpd" strace -f -e trace=openat -o "$T/trace" \
        "$N" check --format xlsx -o "$T/traced.xlsx" "$SAMPLE" >/dev/null 2>&1
    check "the workbook's temporary files have no name in TMPDIR (O_TMPFILE)" \
        '[ -s "$T/traced.xlsx" ] && grep -q "tmpd\", .*O_TMPFILE" "$T/trace" &&
         ! grep "$T/tmpd/" "$T/trace" | grep -q O_CREAT'
else
    n=$((n + 1)) && echo "ok $n # SKIP no strace (or a sanitized binary)"
fi

if command -v soffice >/dev/null 2>&1; then
    (cd "$T" && HOME="$T" timeout 120 soffice --headless --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 \
        --outdir "$T/lo" "$T/one.xlsx" >"$T/lo.log" 2>&1)
    check "LibreOffice headless opens the workbook (its first sheet as CSV holds every fingerprint)" \
        '[ -s "$T/lo/one.csv" ] && [ "$(grep -c ",F[0-9a-f]\{16\}," "$T/lo/one.csv")" -eq 6 ]'
else
    n=$((n + 1)) && echo "ok $n # SKIP no LibreOffice (libreoffice-calc-nogui)"
fi
echo "1..$n"
