#!/bin/sh
# tests/cli/test_coverage.sh — "nothing wrong" never looks like "nothing could be checked"
# (issue 14): an empty file, a README, an HTML page, a report cut off before its tables and a
# report whose table matches no form each exit 1 with one line saying what could not be checked
# and why; a clean report whose only finding is a note exits 0 (exit 1 iff an error finding);
# missing forms and a bad SOURCE_DATE_EPOCH stop before any work (78, 2), SOURCE_DATE_EPOCH=0 is
# 1970.
# Prints TAP; run by tests/run with $NIANBAO set to the binary under test.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
run() { "$N" check "$1" >"$T/out" 2>&1; rc=$?; }

: >"$T/empty.txt"
run "$T/empty.txt"
check "an empty file exits 1" '[ $rc -eq 1 ]'
check "and says it holds no text" 'grep -q "文件没有文字 \[doc.coverage" "$T/out"'

cp "$ROOT/README.md" "$T/readme.txt"
run "$T/readme.txt"
check "this project's README exits 1" '[ $rc -eq 1 ]'
check "and says it is no report" 'grep -q "不是政府信息公开工作年度报告" "$T/out"'

cat >"$T/page.html" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某区2023年政府信息公开工作年度报告</title></head>
<body><div class="content"><p>某区2023年政府信息公开工作年度报告</p>
<p>一、总体情况</p><p>全年主动公开政府信息1200条。</p></div></body></html>
HTML
run "$T/page.html"
check "an HTML page exits 1" '[ $rc -eq 1 ]'
check "and says how to convert it" 'grep -q "HTML网页，请先转换为文本" "$T/out"'

cat >"$T/cut.txt" <<'TXT'
某县交通运输局2023年政府信息公开工作年度报告

一、总体情况
本年度，我局坚持以公开为常态、不公开为例外，全年主动公开政府信息326条。
二、主动公开政府信息情况
TXT
run "$T/cut.txt"
check "a report cut off before its tables exits 1" '[ $rc -eq 1 ]'
check "and says no statistics table was found" 'grep -q "未找到统计表" "$T/out"'

cat >"$T/other-table.txt" <<'TXT'
某县交通运输局2023年政府信息公开工作年度报告
一、总体情况
| 项目 | 数量 |
|---|---|
| 道路养护里程 | 326 |
| 新建桥梁 | 4 |
TXT
run "$T/other-table.txt"
check "a report whose table matches no form exits 1" '[ $rc -eq 1 ]'
check "and says no statistics table was recognized" 'grep -q "doc.coverage" "$T/out"'

sed '0,/。/s//。。/' "$ROOT/tests/check/clean-2019.txt" >"$T/note.txt"
run "$T/note.txt"
check "a clean report with a note (a doubled 。) exits 0" '[ $rc -eq 0 ]'
check "and shows the note" 'grep -q "doc.text_slip" "$T/out"'
run "$ROOT/tests/check/clean-2019.txt"
check "a clean report exits 0 with no coverage finding" '[ $rc -eq 0 ] && ! grep -q "doc.coverage" "$T/out"'

# A report flattened onto one line (a web copy, its label 标题： before the title): its title,
# agency and year are read, and it says why its statistics could not be checked.
{ printf '标题：某市生态环境局2023年政府信息公开工作年度报告 来源：某市生态环境局 本报告根据《条例》编制。'
  printf '一、总体情况 2023年，我局全年通过门户网站发布信息98条，受理政府信息公开申请12件。'
  printf '二、主动公开政府信息情况 第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 '
  printf '规章 0 0 0 行政规范性文件 3 1 12 三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 '
  printf '12 0 0 0 0 0 12 四、存在的主要问题及改进情况 下一步我局将继续加强。\n'; } >"$T/flat.txt"
run "$T/flat.txt"
check "a flattened report exits 1" '[ $rc -eq 1 ]'
# (its 表二 and one row of 表三 kept their blanks and are read; 表四 is not there)
check "and says which table it lacks" 'grep -q "报告不完整：未找到统计表.*（t4）" "$T/out"'
"$N" extract "$T/flat.txt" >"$T/out" 2>&1
check "its title and agency are read without the label, and its year" \
    'grep -q "\"title\": \"某市生态环境局2023年政府信息公开工作年度报告\"" "$T/out" && grep -q "\"agency\": \"某市生态环境局\"" "$T/out" && grep -q "\"year\": 2023" "$T/out"'

# A 2021-form report saved from a web page (tests/data/flat/web-2022.txt, text of our own): the
# body on one line, paragraphs opened by U+3000, the tables' labels and figures run together.
F="$ROOT/tests/data/flat/web-2022.txt"
run "$F"
check "a web copy whose tables ran together exits 1" '[ $rc -eq 1 ]'
check "and says so once, citing the line" \
    '[ "$(grep -c "error:" "$T/out")" -eq 1 ] && grep -q "web-2022.txt:2: error: 报告正文挤在一行.*标签和数字连在一起" "$T/out"'
"$N" extract "$F" >"$T/out" 2>&1
check "its title, agency, year and date are read" \
    'grep -q "\"title\": \"某市交通运输局2022年政府信息公开工作年度报告\"" "$T/out" && grep -q "\"agency\": \"某市交通运输局\"" "$T/out" && grep -q "\"year\": 2022" "$T/out" && grep -q "\"date\": \"2023-01-18\"" "$T/out"'
check "its six sections and two subsections are found in order" \
    '[ "$(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); s=j[\"sections\"]; print(\" \".join(x[\"marker\"]+x[\"title\"] for x in s if x[\"level\"] == 1) + \" | \" + \" \".join(x[\"marker\"] for x in s if x[\"level\"] == 2))" "$T/out")" = "一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项 | （一） （二）" ]'
check "its prose figures are listed, its three tables kept as text and marked fused" \
    'grep -q "\"text\": \"全年受理政府信息公开申请14件\"" "$T/out" && [ "$(grep -c "\"kind\": \"fused_table\"" "$T/out")" -eq 3 ] && grep -q "\"cells\": \[\]" "$T/out"'

# A pre-2019 report from a crawl (tests/data/flat/crawl-2012.txt): a header (标题:, 发布时间:,
# ==== 正文 ====), then the body on one line, the table's cells parted by single spaces.
F="$ROOT/tests/data/flat/crawl-2012.txt"
"$N" extract "$F" >"$T/out" 2>&1
check "a crawl's header is left out: title and agency without labels, the signature date" \
    'grep -q "\"title\": \"某县人民政府2012年政府信息公开工作年度报告\"" "$T/out" && grep -q "\"agency\": \"某县人民政府\"" "$T/out" && grep -q "\"date\": \"2013-01-20\"" "$T/out"'
check "its table is read cell by cell" \
    'python3 -c "import json,sys; c={x[\"id\"]: x[\"value\"] for x in json.load(open(sys.argv[1]))[\"cells\"]}; sys.exit(not (c[\"active.total\"] == 120 and c[\"active.channel.website\"] == 100 and c[\"apply.received\"] == 5 and c[\"apply.received.online\"] == 3 and c[\"litigation\"] == 0))" "$T/out"'
run "$F"
check "checked whole, it exits 0 with no FAIL" '[ $rc -eq 0 ] && ! grep -q "FAIL\]" "$T/out"'
sed 's/2\.政府网站公开政府信息数 条 100/2.政府网站公开政府信息数 条 90/' "$F" >"$T/slip.txt"
run "$T/slip.txt"
check "a slip in its table (100 → 90 on the website row) is found against the prose" \
    '[ $rc -eq 1 ] && grep -q "slip.txt:7: error: .*100.*90\|slip.txt:7: error: .*90.*100" "$T/out"'

# A short text that reads as GB18030 and as Big5 alike (box drawing only): a note names the
# other encoding and --encoding, the JSON says the confidence is low; the sample's is high.
printf '\251\260\251\244\251\244\251\264\n\251\246 1 \251\246\n\251\270\251\244\251\244\251\274\n' >"$T/box.txt"
"$N" extract "$T/box.txt" >"$T/out" 2>"$T/err"
check "a text as likely GB18030 as Big5 gets a note naming --encoding" \
    'grep -q "nearly as likely.*use --encoding" "$T/err" && grep -q "\"encoding_confidence\": \"low\"" "$T/out"'
"$N" extract "$ROOT/examples/guandu-2017.txt" >"$T/out" 2>"$T/err"
check "the sample's encoding confidence is high, with no note" \
    'grep -q "\"encoding_confidence\": \"high\"" "$T/out" && ! grep -q "nearly as likely" "$T/err"'
rm -f "$T/err"

# Configuration errors stop before any report is read.
NIANBAO_FORMS="$T/no-such-dir" "$N" check "$ROOT/tests/check/clean-2019.txt" >"$T/out" 2>&1
rc=$?
check "forms missing: exit 78" '[ $rc -eq 78 ]'
check "naming the directory and the variable, and no report checked" \
    'grep -q "no-such-dir: cannot open the forms directory (set NIANBAO_FORMS" "$T/out" && ! grep -q "个错误" "$T/out"'
NIANBAO_FONTS="$T/no-fonts" "$N" convert -q "$ROOT/tests/check/clean-2019.txt" -o "$T/nf" >"$T/out" 2>&1
rc=$?
check "fonts missing: exit 66 before any work, naming the path and NIANBAO_FONTS" \
    '[ $rc -eq 66 ] && grep -q "no-fonts/.*set NIANBAO_FONTS" "$T/out" && [ ! -e "$T/nf" ]'
SOURCE_DATE_EPOCH=0 "$N" pdf "$ROOT/tests/check/clean-2019.txt" -o "$T/e0.pdf" >"$T/out" 2>&1
check "SOURCE_DATE_EPOCH=0 is 1970, not now" 'grep -aq "CreationDate (D:19700101000000" "$T/e0.pdf"'
SOURCE_DATE_EPOCH=yesterday "$N" pdf "$ROOT/tests/check/clean-2019.txt" -o "$T/e1.pdf" >"$T/out" 2>&1
rc=$?
check "SOURCE_DATE_EPOCH=yesterday is a usage error naming the variable" \
    '[ $rc -eq 2 ] && grep -q "SOURCE_DATE_EPOCH=.yesterday. is not a time" "$T/out" && [ ! -e "$T/e1.pdf" ]'
SOURCE_DATE_EPOCH=99999999999999 "$N" convert -q "$ROOT/tests/check/clean-2019.txt" -o "$T/cv" >"$T/out" 2>&1
rc=$?
check "an out-of-range SOURCE_DATE_EPOCH stops convert too" '[ $rc -eq 2 ] && [ ! -e "$T/cv" ]'

echo "1..$n"
