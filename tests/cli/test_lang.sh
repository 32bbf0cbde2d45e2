#!/bin/sh
# tests/cli/test_lang.sh — help and the program's messages in Chinese when the locale is zh_*
# (LC_ALL, LC_MESSAGES, LANG, in that order) or --lang zh is given anywhere, in English
# otherwise; --lang for every command, convert's findings included. TAP; run by tests/run.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
SAMPLE="$ROOT/examples/guandu-2017.txt"
zh() { env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 "$N" "$@"; }
en() { env -u LC_ALL -u LC_MESSAGES LANG=C "$N" "$@"; }

check "LANG=zh_CN.UTF-8: the general help is Chinese" 'zh --help | grep -q "^用法：nianbao 命令"'
check "LANG=C: English" 'en --help | grep -q "^Usage: nianbao COMMAND"'
check "LC_ALL comes before LANG" \
    'env LC_ALL=zh_CN.UTF-8 LANG=C "$N" --help | grep -q "^用法"'
check "--lang en overrides a Chinese locale" 'zh --lang en --help | grep -q "^Usage"'
check "--lang zh before the command" 'en --lang zh help check | grep -q "^用法：nianbao check"'
check "--lang=zh after it" 'en check --lang=zh --help | grep -q "^用法：nianbao check"'
for cmd in extract check pdf convert forms; do
    zh help "$cmd" >"$T/zh.txt"
    en help "$cmd" >"$T/en.txt"
    check "$cmd: the Chinese help is Chinese" 'grep -q "^用法：nianbao $cmd" "$T/zh.txt"'
    # the same options in both (the completion reads them from the help, in the user's locale)
    grep -oE -- '--[a-z][a-z-]*' "$T/zh.txt" | sort -u >"$T/zh.opts"
    grep -oE -- '--[a-z][a-z-]*' "$T/en.txt" | sort -u >"$T/en.opts"
    check "$cmd: the Chinese help lists the options the English one does" \
        'diff "$T/en.opts" "$T/zh.opts" >"$T/err"'
done
zh check --bogus "$SAMPLE" >/dev/null 2>"$T/err"; rc=$?
check "a usage error in Chinese: exit 2, the option named" \
    '[ $rc -eq 2 ] && grep -q "没有“--bogus”这个选项" "$T/err" && grep -q "nianbao check --help" "$T/err"'
zh chek "$SAMPLE" >/dev/null 2>"$T/err"; rc=$?
check "a mistyped command in Chinese, with the nearest one" \
    '[ $rc -eq 2 ] && grep -q "是不是“check”" "$T/err"'
en --lang xx forms >/dev/null 2>"$T/err"; rc=$?
check "an unknown language is a usage error" '[ $rc -eq 2 ] && grep -q "unknown language" "$T/err"'
# findings: Chinese by default whatever the locale; --lang en for check and convert
check "check's findings are Chinese by default, under LANG=C too" \
    'en check "$SAMPLE" | grep -q "不一致"'
check "check --lang en" 'zh check --lang en "$SAMPLE" | grep -q "but the table has"'
en convert -q --lang en "$SAMPLE" -o "$T/out" >/dev/null 2>&1
check "convert --lang en: findings.csv and the JSON in English" \
    'grep -q "but the table has" "$T/out/findings.csv" &&
     grep -q "\"message\": \"line 8 of the prose" "$T/out/guandu-2017.json"'
en convert "$SAMPLE" -o "$T/out" >"$T/out.txt" 2>&1
check "and a run in the other language redoes the outputs" \
    'grep -q "1 converted" "$T/out.txt" && grep -q "不一致" "$T/out/findings.csv"'
echo "1..$n"
