#!/bin/sh
# tests/browser/test_html.sh — the review page (check --format html) as a browser builds it:
# for the sample and every real report of tests/data/real (the five, and the dev and held-out
# halves of the corpus; NB_HTML_ALL=1: also tests/data/*.txt, tests/check/*.txt and the planted
# slips), the page is written, Debian's chromium loads it headless (--dump-dom; a screenshot of
# the sample's and the five's), and tests/browser/check_html.py
# checks the DOM against the JSON of the same binary: every non-PASS finding once with its rule,
# line, message and evidence; every mark in the line it cites with the value it cites; every
# side of every finding marked; the text's lines; the statistics' cells and their classes;
# nothing fetched from the network or another file; the script ran. Then English (--lang en),
# --show-pass, the filters at work, and HTML-special characters of a report escaped.
# Skipped when chromium is not installed. Prints TAP; run by tests/run with $NIANBAO set.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
if ! command -v chromium >/dev/null 2>&1; then
    echo "ok 1 # SKIP no chromium"
    echo "1..1"
    exit 0
fi
PY="$ROOT/tests/browser/check_html.py"
CHROMIUM_MS=0
PAGES=0
# browser ARGS... URL: headless chromium with its own profile in the scratch directory and none
# of its background traffic; its own chatter goes to $T/chromium.err
browser() {
    t0=$(date +%s%N)
    timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$T/profile" \
        --no-first-run --no-default-browser-check --disable-extensions --disable-sync \
        --disable-background-networking --disable-component-update --disable-default-apps \
        "$@" 2>"$T/chromium.err"
    brc=$?
    t1=$(date +%s%N)
    CHROMIUM_MS=$((CHROMIUM_MS + (t1 - t0) / 1000000))
    PAGES=$((PAGES + 1))
    return $brc
}
# dom PAGE: the DOM chromium builds of PAGE (after its script ran) into $T/dom.html
dom() { browser --dump-dom "file://$1" >"$T/dom.html" && [ -s "$T/dom.html" ]; }
# png FILE: FILE is a PNG of some size
png() {
    [ "$(od -An -tx1 -N8 "$1" 2>/dev/null | tr -d ' \n')" = 89504e470d0a1a0a ] &&
        [ "$(wc -c <"$1")" -gt 1000 ]
}
# page FILE [CHECK_HTML ARGS...]: writes the page and the JSON of FILE, loads the page and
# checks it; the checker's summary is added to $T/tally
page() {
    report=$1
    shift
    name=${report#"$ROOT"/}
    rm -f "$T/x.html" "$T/x.json"
    # (EXTRA: options of both runs, e.g. --previous)
    "$N" check ${EXTRA:-} --format html "$report" -o "$T/x.html" 2>"$T/err"
    rc=$?
    check "$name: the page is written (exit $rc)" '[ $rc -le 1 ] && [ -s "$T/x.html" ]'
    "$N" check ${EXTRA:-} --format json "$report" >"$T/x.json" 2>"$T/err"
    check "$name: chromium loads it" 'dom "$T/x.html"'
    if python3 "$PY" "$T/dom.html" "$T/x.json" --page "$T/x.html" "$@" >"$T/out" 2>&1; then
        ok "$name: the DOM agrees with the JSON ($(tail -1 "$T/out"))"
    else
        not_ok "$name: the DOM agrees with the JSON"
    fi
    tail -1 "$T/out" >>"$T/tally"
}

: >"$T/tally"
for input in "$ROOT/examples/guandu-2017.txt" "$ROOT"/tests/data/real/*.txt; do
    page "$input"
    rm -f "$T/x.png"
    check "${input#"$ROOT"/}: a screenshot of it is a PNG" \
        'browser --screenshot="$T/x.png" --window-size=1200,3000 "file://$T/x.html" >/dev/null && png "$T/x.png"'
done

# year against year: the year before's lines are named on the page, not linked or marked here
sed 's/某区司法局/官渡区司法局/' "$ROOT/tests/check/clean-2019.txt" >"$T/last.txt"
sed -e 's/某区司法局2019年/官渡区司法局2020年/' -e 's/^某区司法局$/官渡区司法局/' -e 's/^2019年，/2020年，/' \
    -e 's/2020年1月20日/2021年1月20日/' "$ROOT/tests/check/clean-2019.txt" >"$T/this.txt"
EXTRA="--previous $T/last.txt" page "$T/this.txt"
grep -q "<span class=\"other\">$T/last.txt 第41行</span>" "$T/x.html"
check "year against year: the year before's file and line named on the page" '[ $? -eq 0 ]'
# (under a sanitizer, the suite's second run in CI, the sample and the five are enough: the
# renderer is the same, the browser's minute is not spent twice)
set -- "$ROOT"/tests/data/real/dev/*.txt "$ROOT"/tests/data/real/heldout/*.txt
sanitized && [ "${NB_HTML_ALL:-}" != 1 ] && set --
if [ "${NB_HTML_ALL:-}" = 1 ]; then
    set -- "$@" "$ROOT"/tests/data/*.txt "$ROOT"/tests/check/*.txt
fi
for input in "$@"; do page "$input"; done

# NB_HTML_ALL=1: also the planted slips of tests/check/mutations.tsv, each in its clean report
# (the page and its DOM only)
if [ "${NB_HTML_ALL:-}" = 1 ]; then
    mkdir "$T/mut"
    python3 - "$ROOT/tests/check" "$T/mut" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(f"{src}/mutations.tsv", encoding="utf-8")
        if l.strip() and not l.startswith("#")]
for i, r in enumerate(rows):
    text = open(f"{src}/{r[0]}", encoding="utf-8").read()
    find, repl = r[1].replace("\\n", "\n"), r[2].replace("\\n", "\n")
    with open(f"{dst}/{i:03d}-{r[3]}.txt", "w", encoding="utf-8") as f:
        f.write(text.replace(find, repl, 1))
PY
    for input in "$T"/mut/*.txt; do page "$input"; done
fi

SAMPLE="$ROOT/examples/guandu-2017.txt"
"$N" check --format html "$SAMPLE" -o "$T/g.html"
check "the sample: both sides of prose.website marked (98 in line 13, 155 in line 41)" \
    'grep -q "id=\"L13\".*<mark class=\"ev[^>]*data-value=\"98\"[^>]*>98</mark>" "$T/g.html" &&
     grep -q "id=\"L41\".*<mark class=\"ev[^>]*data-value=\"155\"[^>]*>155</mark>" "$T/g.html"'
check "the sample: the table cell 155 is a failed one" \
    'grep -q "<td class=\"cell number cell-fail\" data-cell=\"active.channel.website\"" "$T/g.html"'
check "the sample: Chinese headings" \
    'grep -q "问题清单" "$T/g.html" && grep -q "报告原文" "$T/g.html" && grep -q "统计数据" "$T/g.html" && grep -q "核对覆盖" "$T/g.html"'

# English
"$N" check --format html --lang en "$SAMPLE" -o "$T/en.html"
"$N" check --format json --lang en "$SAMPLE" >"$T/en.json"
check "--lang en: English headings and no Chinese label" \
    'grep -q "<h2>Findings" "$T/en.html" && grep -q "<h2>Report text" "$T/en.html" &&
     ! grep -q "问题清单\|报告原文\|核对覆盖" "$T/en.html"'
check "--lang en: chromium loads it" 'dom "$T/en.html"'
check "--lang en: the DOM agrees with the English JSON" \
    'python3 "$PY" "$T/dom.html" "$T/en.json" --lang en >"$T/out" 2>&1'

# the checks that passed too
"$N" check --format json "$SAMPLE" >"$T/g.json"
"$N" check --format html --show-pass "$SAMPLE" -o "$T/pass.html"
check "--show-pass: chromium loads it" 'dom "$T/pass.html"'
check "--show-pass: the passes are listed too (and not marked)" \
    'python3 "$PY" "$T/dom.html" "$T/g.json" --show-pass >"$T/out" 2>&1'

# the filters: a script added at the end unticks a severity, or chooses a rule, as a reader would
filter() {
    sed "s|</body>|<script>$1</script></body>|" "$T/g.html" >"$T/f.html"
    dom "$T/f.html"
}
check "the filters: unticking errors hides the errors and fades their marks" \
    'filter "var c=document.querySelector(\"input[value=error]\");c.checked=false;c.dispatchEvent(new Event(\"change\",{bubbles:true}));" &&
     python3 "$PY" "$T/dom.html" "$T/g.json" --hidden-severity error >"$T/out" 2>&1'
check "the filters: choosing a rule shows its findings alone" \
    'filter "var s=document.querySelector(\"#filters select\");s.value=\"doc.text_slip\";s.dispatchEvent(new Event(\"change\",{bubbles:true}));" &&
     python3 "$PY" "$T/dom.html" "$T/g.json" --only-rule doc.text_slip >"$T/out" 2>&1'

# HTML-special characters in the report are text, not markup
printf '%s\n' '某区人民政府2023年政府信息公开工作年度报告' '一、总体情况' \
    '本年度通过<script>alert("x")</script>门户网站发布信息98条 & 回复<b>留言</b>12条，'"'"'引号'"'"'。' \
    '二、其他' >"$T/special.txt"
printf '页脚\f第二页\n' >>"$T/special.txt"
"$N" check --format html "$T/special.txt" -o "$T/special.html" 2>"$T/err"
"$N" check --format json "$T/special.txt" >"$T/special.json" 2>"$T/err"
# (<b> is markup a conversion may leave inside a line: the doc.debris note marks it, so the
# page has it escaped inside that mark)
check "special characters: escaped in the page as written" \
    'grep -qF "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" "$T/special.html" &&
     grep -qF " &amp; 回复<mark " "$T/special.html" && grep -qF ">&lt;b&gt;</mark>留言&lt;/b&gt;12条" "$T/special.html" &&
     grep -qF "&#39;引号&#39;" "$T/special.html"'
check "special characters: the page has its one script alone" \
    '[ "$(grep -c "<script>" "$T/special.html")" -eq 1 ]'
check "special characters: chromium loads it" 'dom "$T/special.html"'
check "special characters: the line reads as written, a form feed shown as ␌" \
    'python3 "$PY" "$T/dom.html" "$T/special.json" --text "<script>alert(\"x\")</script>" \
        --text " & 回复<b>留言</b>12条" --text "页脚␌第二页" >"$T/out" 2>&1'

# one page is one report
"$N" check --format html "$SAMPLE" "$SAMPLE" >"$T/out" 2>"$T/err"
rc=$?
check "two files are a usage error" '[ $rc -eq 2 ]'

awk '{f += $2; m += $4; p += $6; l += $8; c += $10; n++}
     END {printf "# %d reports: %d findings, %d value marks, %d phrase marks, %d marked lines, %d cells checked\n", n, f, m, p, l, c}' "$T/tally"
[ "$PAGES" -gt 0 ] && echo "# chromium: $PAGES runs, $((CHROMIUM_MS / PAGES)) ms each on average"
echo "1..$n"
