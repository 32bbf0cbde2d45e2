#!/bin/sh
# tests/cli/test_completion.sh — docs/nianbao.bash, the bash completion: commands, each
# command's options as its help lists them, option values. TAP; run by tests/run with $NIANBAO.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
if ! command -v bash >/dev/null 2>&1; then
    echo "ok 1 # SKIP bash is not installed"
    exit 0
fi
mkdir -p "$T/bin"
ln -s "$N" "$T/bin/nianbao"
# complete WORDS...: what completing the last word offers, space-separated
complete_() {
    PATH="$T/bin:$PATH" bash -c '. "$1/docs/nianbao.bash"; shift; COMP_WORDS=("$@");
        COMP_CWORD=$(($# - 1)); _nianbao; echo "${COMPREPLY[*]}"' _ "$ROOT" "$@"
}
check "a command from its first letters" '[ "$(complete_ nianbao ch)" = "check" ]'
check "check's options as its help lists them" \
    '[ "$(complete_ nianbao check --max-h)" = "--max-headings" ]'
check "pdf's own options" '[ "$(complete_ nianbao pdf --max-p)" = "--max-pages" ]'
check "and not another command's" '[ -z "$(complete_ nianbao extract --max-p)" ]'
check "the forms the program knows for --form" \
    '[ "$(complete_ nianbao check --form gov-20)" = "gov-2008 gov-2019 gov-2021" ]'
check "the values of --format" '[ "$(complete_ nianbao check --format c)" = "csv" ]'
check "help completes commands" '[ "$(complete_ nianbao help co)" = "convert" ]'
check "files otherwise" \
    'touch "$T/report-a.txt" && [ "$(complete_ nianbao check "$T/report-")" = "$T/report-a.txt" ]'
echo "1..$n"
