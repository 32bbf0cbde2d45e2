#!/bin/sh
# tests/cli/test_years.sh — year against year (issue 17, point 4), on reports written here from
# the clean test reports: --previous pairs a report with the year before's; check over several
# files groups them by agency (short forms, a city before the district, traditional characters)
# and lists the grouping; each cross-year finding comes once, citing both files and lines (text,
# JSON, CSV); years not consecutive, a form change and an ambiguous name are said; convert
# writes agencies.csv and redoes a report whose year before changed. The generated archives are
# tests/gen/test_years.sh. TAP; run by tests/run.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
export LANG=C.UTF-8
C19="$ROOT/tests/check/clean-2019.txt"
C08="$ROOT/tests/check/clean-2008.txt"

# clean-2019 is 某区司法局's report for 2019: 上年结转 2 (自然人 2), 结转下年度继续办理 1 (自然人
# 1, line 41); 规章 对外公开总数量 5 (line 9). Written as an agency's years:
#   a: 2019, 昆明市官渡区司法局, as it is
#   b: 2020, 官渡区司法局, carried 1 as a's carry_next says (new 11 for the balance); 规章 total 5
#   c: 2021, 官渡区司法局 in 2019's form, 上年结转 3 (自然人 3, new 9): b carried 1 to the next year
mkdir -p "$T/arch"
sed 's/某区司法局/昆明市官渡区司法局/' "$C19" >"$T/arch/a.txt"
sed -e 's/某区司法局2019年/官渡区司法局2020年/' -e 's/^某区司法局$/官渡区司法局/' \
    -e 's/^2019年，/2020年，/' -e 's/2020年1月20日/2021年1月20日/' \
    -e 's/受理政府信息公开申请12件，上年结转2件/受理政府信息公开申请13件，上年结转1件/' \
    -e 's/^| 一、本年新收政府信息公开申请数量 | 10 | 1 | 0 | 0 | 1 | 0 | 12 |/| 一、本年新收政府信息公开申请数量 | 11 | 1 | 0 | 0 | 1 | 0 | 13 |/' \
    -e 's/^| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |/| 二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |/' \
    "$C19" >"$T/arch/b.txt"
sed -e 's/某区司法局2019年/官渡区司法局2021年/' -e 's/^某区司法局$/官渡区司法局/' \
    -e 's/^2019年，/2021年，/' -e 's/2020年1月20日/2022年1月20日/' \
    -e 's/受理政府信息公开申请12件，上年结转2件/受理政府信息公开申请11件，上年结转3件/' \
    -e 's/^| 一、本年新收政府信息公开申请数量 | 10 | 1 | 0 | 0 | 1 | 0 | 12 |/| 一、本年新收政府信息公开申请数量 | 9 | 1 | 0 | 0 | 1 | 0 | 11 |/' \
    -e 's/^| 二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |/| 二、上年结转政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |/' \
    -e 's/| 规章 | 0 | 0 | 5 |/| 规章 | 0 | 0 | 4 |/' \
    "$C19" >"$T/arch/c.txt"
# another agency of the same district, for 2020: never compared with a
sed -e 's/某区司法局2019年/昆明市官渡区财政局2020年/' -e 's/^某区司法局$/昆明市官渡区财政局/' \
    -e 's/^2019年，/2020年，/' -e 's/2020年1月20日/2021年1月20日/' "$C19" >"$T/arch/d.txt"

for f in a b c d; do
    "$N" check "$T/arch/$f.txt" >/dev/null 2>&1
    [ $? -eq 0 ] || echo "# $f.txt is not clean on its own"
done
check "the written reports are clean each on its own" \
    'for f in a b c d; do "$N" check "$T/arch/$f.txt" >/dev/null 2>&1 || exit 1; done'

# --previous: b against a holds; c against b breaks 上年结转 in two columns (自然人, 总计)
"$N" check --previous "$T/arch/a.txt" "$T/arch/b.txt" >"$T/out" 2>"$T/err"; rc=$?
check "--previous: a consistent year before gives no finding across years, exit 0" \
    '[ $rc -eq 0 ] && ! grep -q "years\." "$T/out"'
"$N" check --previous "$T/arch/b.txt" "$T/arch/c.txt" >"$T/out" 2>"$T/err"; rc=$?
check "--previous: 上年结转 against last year's 结转下年度继续办理, once per broken column, exit 1" \
    '[ $rc -eq 1 ] && [ "$(grep -c "error: .*\[years.carried\]" "$T/out")" -eq 2 ] &&
     grep "years.carried" "$T/out" | grep -q "（自然人列）" &&
     grep "years.carried" "$T/out" | grep -q "（总计列）"'
check "--previous: each cites this file's line and the year before's file and line" \
    '[ "$(grep -c "c.txt:20: error: .*为3（第20行）.*合计1（上年报告 $T/arch/b.txt 第41行）" "$T/out")" -eq 2 ]'
check "--previous: 对外公开总数量 below last year's is a warning citing both" \
    'grep -q "c.txt:9: warning: .*上年规章（对外公开总数量）为5（上年报告 $T/arch/b.txt 第9行）.*4（第9行） \[years.public_total\]" "$T/out"'
"$N" check --lang en --format json --previous "$T/arch/b.txt" "$T/arch/c.txt" >"$T/json" 2>"$T/err"
check "JSON: the evidence of the year before has its file; the report names its previous" \
    'python3 - "$T/json" "$T/arch/b.txt" <<EOF
import json, sys
d = json.load(open(sys.argv[1]))
assert d["previous"] == sys.argv[2], d.get("previous")
f = [x for x in d["findings"] if x["rule"] == "years.carried" and x["status"] == "FAIL"]
assert len(f) == 2, f
for x in f:
    ev = sorted((e.get("file", ""), e["line"], e["value"]) for e in x["evidence"])
    assert ev == [("", 20, "3"), (sys.argv[2], 41, "1")], ev
    assert "last year" in x["message"] and sys.argv[2] in x["message"]
EOF'
"$N" check --format csv --previous "$T/arch/b.txt" "$T/arch/c.txt" >"$T/csv" 2>"$T/err"
check "CSV: the year before's evidence line is FILE:LINE" \
    'grep "years.carried" "$T/csv" | grep -q ",20 $T/arch/b.txt:41,"'
"$N" check --previous "$T/arch/a.txt" "$T/arch/c.txt" >"$T/out" 2>"$T/err"; rc=$?
check "--previous two years back: UNCERTAIN, not compared" \
    'grep -q "warning: .*不是相邻年度.*\[years.pair UNCERTAIN\]" "$T/out" && ! grep -q "years.carried" "$T/out"'
"$N" check --previous "$T/arch/d.txt" "$T/arch/c.txt" >"$T/out" 2>"$T/err"
check "--previous names another agency's report: said, and compared as asked" \
    'grep -q "昆明市官渡区财政局" "$T/err" && grep -q "years\." "$T/out"'
"$N" check --previous "$T/arch/a.txt" "$T/arch/b.txt" "$T/arch/c.txt" >"$T/out" 2>"$T/err"; rc=$?
check "--previous with two files: usage error" '[ $rc -eq 2 ]'

# check over the archive: grouped by agency whatever each year signs, ordered by year
"$N" check "$T/arch" >"$T/out" 2>"$T/err"; rc=$?
check "check DIR: each cross-year finding once, at the year it concerns" \
    '[ $rc -eq 1 ] && [ "$(grep -c "\[years.carried\]" "$T/out")" -eq 2 ] &&
     [ "$(grep -c "c.txt:20: error: .*上年报告 $T/arch/b.txt 第41行" "$T/out")" -eq 2 ] &&
     [ "$(grep -c "\[years.public_total\]" "$T/out")" -eq 1 ] && ! grep -q "^$T/arch/[abd].txt.*years\." "$T/out"'
check "check DIR: the grouping listed: one agency over three years, the other apart" \
    'grep -A3 "逐年核对（按机关分组）" "$T/out" | grep -q "昆明市官渡区司法局：2019 $T/arch/a.txt；2020 $T/arch/b.txt（署名官渡区司法局）；2021 $T/arch/c.txt（署名官渡区司法局）" &&
     ! grep -A5 "逐年核对" "$T/out" | grep -q "财政局"'
"$N" check --format json "$T/arch" >"$T/json" 2>"$T/err"
check "check DIR --format json: previous of b is a, of c is b, none for a and d" \
    'python3 - "$T/json" <<EOF
import json, sys
prev = {}
for line in open(sys.argv[1]):
    d = json.loads(line)
    prev[d["file"].rsplit("/", 1)[1]] = (d.get("previous") or "").rsplit("/", 1)[-1]
assert prev == {"a.txt": "", "b.txt": "a.txt", "c.txt": "b.txt", "d.txt": ""}, prev
EOF'

# a traditional-character copy and a short form group too; 2008's form to 2019's is a note
sed -e 's/官渡区环保局2017年/官渡區環保局2018年/' -e 's/2017/2018/g' "$C08" >"$T/arch/e.txt"
"$N" check "$T/arch/e.txt" "$T/arch/a.txt" >"$T/out" 2>"$T/err"
check "官渡區環保局 (traditional, short form) and 昆明市官渡区司法局 are not one agency" \
    '! grep -A3 "逐年核对" "$T/out" | grep -q "e.txt.*a.txt\|a.txt.*e.txt"'
sed 's/某区司法局/昆明市官渡区环境保护局/' "$C19" >"$T/f.txt"
"$N" check "$T/arch/e.txt" "$T/f.txt" >"$T/out" 2>"$T/err"
check "官渡區環保局 2018 and 昆明市官渡区环境保护局 2019 are one agency (folded, written out, city); the form change is a note" \
    'grep -q "昆明市官渡区环境保护局：2018 $T/arch/e.txt（署名官渡區環保局）；2019 $T/f.txt" "$T/out" &&
     grep -q "f.txt: info: .*\[years.form\]" "$T/out" && ! grep -q "years.carried" "$T/out"'

# a name that could be two agencies' is grouped with neither, and said
mkdir -p "$T/amb"
sed 's/某区司法局/昆明市官渡区司法局/' "$C19" >"$T/amb/x.txt"
sed 's/某区司法局/曲靖市官渡区司法局/' "$C19" >"$T/amb/y.txt"
cp "$T/arch/b.txt" "$T/amb/z.txt"
"$N" check --lang en "$T/amb" >"$T/out" 2>"$T/err"
check "an ambiguous short name: compared with neither, said in the grouping" \
    '! grep -q "years\." "$T/out" && grep -q "官渡区司法局: 2020 $T/amb/z.txt — the name could be more than one agency" "$T/out"'

# convert: agencies.csv; a report is redone when its year before changes
"$N" convert -q "$T/arch" -o "$T/conv" >"$T/out" 2>"$T/err"; rc=$?
check "convert: agencies.csv lists each file's group and year before" \
    'grep -q "\"$T/arch/c.txt\",\"官渡区司法局\",\"官渡区司法局\",\"昆明市官渡区司法局\",2021,\"$T/arch/b.txt\"" "$T/conv/agencies.csv" &&
     grep -q "\"$T/arch/a.txt\",.*,2019,\"\"" "$T/conv/agencies.csv"'
check "convert: the cross-year findings are in findings.csv and c's JSON" \
    '[ "$(grep -c "c.txt,20,error,FAIL,years.carried" "$T/conv/findings.csv")" -eq 2 ] &&
     grep -q "\"previous\": \"$T/arch/b.txt\"" "$T/conv/c.json"'
"$N" convert "$T/arch" -o "$T/conv" >"$T/out" 2>"$T/err"
check "convert again: all up to date" 'grep -q "0 converted, 5 up to date" "$T/err"'
sed -i 's/| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |/| 四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |/' "$T/arch/b.txt"
sed -i 's/本年度未收取信息处理费。/本年度未收取任何信息处理费。/' "$T/arch/b.txt"
"$N" convert "$T/arch" -o "$T/conv" >"$T/out" 2>"$T/err"
check "convert after the year before changed: it and the year after are redone" \
    'grep -q "2 converted, 3 up to date" "$T/err"'
echo "1..$n"
