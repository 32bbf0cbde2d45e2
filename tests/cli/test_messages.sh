#!/bin/sh
# tests/cli/test_messages.sh — the messages in Chinese (issue 16): every format the library
# gives nb_error_set, and every message the program prints with cli_say or cli_msg, has a
# Chinese form, with the same conversions in the same order (a wrong one would print garbage
# or crash); and the errors, warnings and notes a user meets come out Chinese under a zh_*
# locale and English under --lang en. TAP; run by tests/run.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 # SKIP no python3"
    echo "1..1"
    exit 0
fi
python3 - "$ROOT" >"$T/cat.tap" <<'PY'
import glob, re, sys
root = sys.argv[1]
def literals(text):
    """C string literals joined where adjacent, with escapes for \\n, \\r, \\" kept simple."""
    return re.sub(r'"\s*"', '', text)
def unescape(s):
    return s.encode().decode('unicode_escape').encode('latin-1').decode('utf-8')
def catalogue(path, opener):
    src = open(path, encoding='utf-8').read()
    body = src[src.index(opener):]
    body = body[:body.index('};')]
    pairs = re.findall(r'\{\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\}', body)
    def join(lits):
        return unescape(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', lits)))
    return {join(a): join(b) for a, b in pairs}
conv = re.compile(r'%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t)?[diouxXcspfeEgG%]')
n = 0
def report(ok, name):
    global n
    n += 1
    print(('ok' if ok else 'not ok') + ' %d - %s' % (n, name))
lib = catalogue(root + '/src/error.c', 'ZH[] = {')
cli = catalogue(root + '/src/cli/msg.c', 'MSG_ZH[][2] = {')
report(len(lib) > 40 and len(cli) > 40, 'the catalogues were read (%d library, %d program messages)' % (len(lib), len(cli)))
bad = [(en, zh) for cat in (lib, cli) for en, zh in cat.items()
       if [c for c in conv.findall(en)] != [c for c in conv.findall(zh)]]
report(not bad, 'every Chinese form has the conversions of its English one, in order' +
       ''.join('\n# %r / %r' % b for b in bad))
missing = []
for path in glob.glob(root + '/src/*.c'):
    text = open(path, encoding='utf-8').read()
    for m in re.finditer(r'nb_(?:error_set|message_format)\((.*?)\);\s*\n', text, re.S):
        lits = re.findall(r'((?:"(?:[^"\\]|\\.)*"\s*)+)', m.group(1))
        if not lits:
            continue
        fmt = unescape(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', lits[-1])))
        if fmt in ('%s', '') or fmt in lib:
            continue
        missing.append('%s: %s' % (path.split('/')[-1], fmt))
report(not missing, 'every message format of the library has a Chinese form' +
       ''.join('\n# ' + x for x in missing))
missing = []
for path in glob.glob(root + '/src/cli/*.c'):
    text = open(path, encoding='utf-8').read()
    for m in re.finditer(r'cli_(?:say|msg)\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)', text):
        fmt = unescape(''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))))
        if fmt not in cli:
            missing.append('%s: %s' % (path.split('/')[-1], fmt))
report(not missing, 'every message of the program has a Chinese form' +
       ''.join('\n# ' + x for x in missing))
PY
cat "$T/cat.tap"
n=$(grep -c '^\(not \)\?ok' "$T/cat.tap")

zh() { env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 "$N" "$@"; }
en() { env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$N" "$@"; }
zh check "$T/missing.txt" >/dev/null 2>"$T/err"; rc=$?
check "a file that cannot be opened: exit 66, in Chinese" \
    '[ $rc -eq 66 ] && grep -q "missing.txt: 无法打开：" "$T/err"'
zh --lang en check "$T/missing.txt" >/dev/null 2>"$T/err"
check "and in English with --lang en" 'grep -q "missing.txt: cannot open: " "$T/err"'
# (GB18030 throughout, one broken pair on line 3 after three characters)
{
    printf '某局2017年政府信息公开年度报告\n一、概述\n本年度' | iconv -f UTF-8 -t GB18030
    printf '\201\040'
    printf '公开信息。\n' | iconv -f UTF-8 -t GB18030
} >"$T/gbk.txt"
zh check --encoding gb18030 "$T/gbk.txt" >/dev/null 2>"$T/err"; rc=$?
check "an undecodable byte: exit 65, named in Chinese with its line and column" \
    '[ $rc -eq 65 ] && grep -q "gbk.txt:3:4: 无效的 GB18030 字节序列 0x81 0x20（第 [0-9]* 字节）" "$T/err"'
en check --encoding gb18030 "$T/gbk.txt" >/dev/null 2>"$T/err"
check "the same in English" 'grep -q "gbk.txt:3:4: invalid GB18030 byte sequence 0x81 0x20 at byte" "$T/err"'
zh extract --lenient --encoding gb18030 "$T/gbk.txt" >/dev/null 2>"$T/err"
check "--lenient: the warning in Chinese" \
    'grep -q "gbk.txt:3:4：警告：无效的 GB18030 字节序列 0x81 0x20（第 [0-9]* 字节），已替换为 U+FFFD" "$T/err"'
zh check --max-line-length 10 "$ROOT/examples/guandu-2017.txt" >/dev/null 2>"$T/err"; rc=$?
check "a limit: exit 65, the option named, in Chinese" \
    '[ $rc -eq 65 ] && grep -q "超过 10 字节的上限（可用 --max-line-length 调高）" "$T/err"'
printf '某局2020年政府信息公开工作年度报告\n一、总体情况\n𠀀字无法显示。\n' >"$T/astral.txt"
zh pdf "$T/astral.txt" -o "$T/astral.pdf" >/dev/null 2>"$T/err"
check "pdf: a character no font has, warned in Chinese" \
    'grep -q "astral.txt:3：警告：没有字体能显示 U+20000 𠀀（超出 U+FFFF，页面的字体容纳不了），以〓代替" "$T/err"'
en pdf "$T/astral.txt" -o "$T/astral.pdf" >/dev/null 2>"$T/err"
check "and in English" 'grep -q "astral.txt:3: warning: no font can draw U+20000" "$T/err"'
mkdir -p "$T/in"
cp "$ROOT/examples/guandu-2017.txt" "$T/in/"
zh convert "$T/in" -o "$T/out" >/dev/null 2>"$T/err"
check "convert: the summary line in Chinese" 'grep -q "nianbao convert：1 个文件：转换 1 个" "$T/err"'
zh forms --forms "$T/nowhere" >/dev/null 2>"$T/err"; rc=$?
check "forms: a missing forms directory, in Chinese" '[ $rc -eq 78 ] && grep -q "无法打开表式目录" "$T/err"'
echo "1..$n"
