#!/bin/sh
# tests/cli/test_install.sh — make install into a scratch PREFIX: the installed binary reads the
# forms and fonts installed under PREFIX and nothing else (not this checkout's, not the current
# directory's), and a changed PREFIX is rebuilt into it. TAP; run by tests/run with $NIANBAO set
# (the build directory is the binary's).
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
if ! command -v make >/dev/null 2>&1 || ! command -v readelf >/dev/null 2>&1; then
    echo "ok 1 # SKIP make or readelf is not installed"
    exit 0
fi
BUILDDIR=$(cd "$(dirname "$N")" && pwd)
BUILDREL=${BUILDDIR#"$(cd "$ROOT" && pwd)"/}
inst() { make -C "$ROOT" -s install PREFIX="$1" BUILD="$BUILDREL" >"$T/make.log" 2>&1; }

inst "$T/one" && ok "make install into a scratch PREFIX" || { not_ok "make install"; cat "$T/make.log"; exit 0; }
B="$T/one/bin/nianbao"
check "the binary, library, header, forms, fonts and .pc are installed" \
    '[ -x "$B" ] && [ -f "$T/one/lib/libnianbao.a" ] && [ -f "$T/one/include/nianbao.h" ] &&
     [ -f "$T/one/share/nianbao/forms/gov-2021.json" ] && [ -f "$T/one/lib/pkgconfig/nianbao.pc" ] &&
     ls "$T/one/share/nianbao/fonts/"*.tt? >/dev/null 2>&1'
check "the installed binary names PREFIX's data directories" \
    'readelf -p .rodata "$B" | grep -q "$T/one/share/nianbao/forms"'
check "and no directory of this checkout" \
    '! readelf -p .rodata "$B" | grep -q "$(cd "$ROOT" && pwd)"'
# run from a directory holding a broken forms/ and fonts/: the installed ones are read
mkdir -p "$T/cwd/forms" "$T/cwd/fonts"
echo '{broken' >"$T/cwd/forms/gov-2008.json"
(cd "$T/cwd" && env -u NIANBAO_FORMS -u NIANBAO_FONTS "$B" forms >"$T/out" 2>"$T/err")
check "run elsewhere, it lists the installed forms (not the current directory's)" \
    '[ "$(grep -c "^gov-" "$T/out")" -eq 3 ]'
(cd "$T/cwd" && env -u NIANBAO_FORMS -u NIANBAO_FONTS "$B" pdf "$ROOT/examples/guandu-2017.txt" -o "$T/cwd/out.pdf" >"$T/out" 2>"$T/err")
check "and typesets with the installed font" '[ -s "$T/cwd/out.pdf" ]'
# a form taken away from PREFIX is missing for the installed binary, though this checkout has it
rm "$T/one/share/nianbao/forms/gov-2021.json"
(cd "$T/cwd" && env -u NIANBAO_FORMS "$B" forms >"$T/out" 2>"$T/err")
check "a form removed from PREFIX is gone for it (no fallback to the checkout)" \
    '[ "$(grep -c "^gov-" "$T/out")" -eq 2 ] && ! grep -q "^gov-2021" "$T/out"'
# a program of one's own against the installed library, through pkg-config, shared and static
check "the shared library exports only the names nianbao.h declares (nb_)" \
    '[ -z "$(nm -D --defined-only "$T/one/lib/libnianbao.so" | awk "{print \$3}" | grep -v "^nb_")" ] &&
     [ -n "$(nm -D --defined-only "$T/one/lib/libnianbao.so" | grep " nb_report_open$")" ]'
# a silent library: printing, signal handling and exit codes are the program's (src/cli/); what
# the library needs of the C library names no standard stream, no signal and no exit
check "the library prints nothing, handles no signal, never exits (static and shared)" \
    '! nm -u "$T/one/lib/libnianbao.a" | grep -Eq " (stderr|stdout|sigaction|signal|exit|_exit|abort|isatty|printf|puts|perror)$" &&
     ! nm -D -u "$T/one/lib/libnianbao.so" | grep -Eq " (stderr|stdout|sigaction|signal|exit|_exit|abort|isatty|printf|puts|perror)(@.*)?$"'
check "its soname carries the major version" \
    'readelf -d "$T/one/lib/libnianbao.so" | grep -q "SONAME.*libnianbao.so.[0-9]"'
if sanitized; then
    echo "ok $((n + 1)) # SKIP a program against a sanitized library"
    n=$((n + 1))
elif command -v pkg-config >/dev/null 2>&1 && command -v cc >/dev/null 2>&1; then
    cat >"$T/prog.c" <<'C'
#include <nianbao.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    nb_options opt;
    nb_options_init(&opt);
    opt.check = 1;
    nb_error err;
    nb_report *r = nb_report_open(argv[argc - 1], &opt, &err);
    if (!r) return 2;
    nb_check_counts c;
    nb_report_check_counts(r, &c);
    printf("%zu lines, %zu FAIL, %zu of %zu checks made\n", nb_report_line_count(r), c.fail,
           c.rules_made, c.rules);
    nb_report_free(r);
    return 0;
}
C
    export PKG_CONFIG_PATH="$T/one/lib/pkgconfig"
    # (the installed forms are found at PREFIX: a form was taken away above, put it back)
    cp "$ROOT/forms/gov-2021.json" "$T/one/share/nianbao/forms/"
    cc -o "$T/prog-shared" "$T/prog.c" $(pkg-config --cflags --libs nianbao) 2>"$T/err" &&
        LD_LIBRARY_PATH="$T/one/lib" "$T/prog-shared" "$ROOT/examples/guandu-2017.txt" >"$T/out" 2>>"$T/err"
    check "a program built with pkg-config against the shared library runs" \
        'grep -q "101 lines, 6 FAIL, 12 of 12 checks made" "$T/out" && LD_LIBRARY_PATH="$T/one/lib" ldd "$T/prog-shared" | grep -q "$T/one/lib/libnianbao.so"' 2>/dev/null
    cc -o "$T/prog-static" "$T/prog.c" $(pkg-config --cflags nianbao) "$T/one/lib/libnianbao.a" \
        $(pkg-config --static --libs-only-l nianbao | sed 's/-lnianbao//') 2>"$T/err" &&
        "$T/prog-static" "$ROOT/examples/guandu-2017.txt" >"$T/out" 2>>"$T/err"
    check "and one linked statically with pkg-config --static's libraries" \
        'grep -q "101 lines, 6 FAIL, 12 of 12 checks made" "$T/out" && ! ldd "$T/prog-static" | grep -q libnianbao'
    # the README's example program, as printed there, against the installed library
    sed -n '/^```c$/,/^```$/p' "$ROOT/README.md" | sed '1d;$d' >"$T/readme.c"
    cc -std=c11 -Wall -Wextra -Werror -o "$T/readme" "$T/readme.c" \
        $(pkg-config --cflags --libs nianbao) 2>"$T/err" &&
        LD_LIBRARY_PATH="$T/one/lib" "$T/readme" "$ROOT/examples/guandu-2017.txt" >"$T/out" 2>>"$T/err"
    check "the README's example builds and lists the sample's discrepancy with both sides" \
        'grep -q "^  line 13: 98 (门户网站发布98条)$" "$T/out" &&
         grep -q "^  line 41: 155 (2.政府网站公开政府信息数)$" "$T/out" &&
         grep -q "file,form,id,row,column" "$T/out"'
fi
# the checkout moved away: a tmpfs over it in a private mount namespace (root or unprivileged
# user namespaces needed; skipped, and said, without them). The installed binary checks and
# typesets a copy of the sample, and the program built against the library runs, with no file
# of the checkout in reach.
cp "$ROOT/examples/guandu-2017.txt" "$T/sample.txt"
ABSROOT=$(cd "$ROOT" && pwd)
case "$T" in "$ABSROOT"/*) hideable=no ;; *) hideable=yes ;; esac
if [ $hideable = yes ] && unshare -m --propagation private true 2>/dev/null; then
    unshare -m --propagation private sh -c '
        mount -t tmpfs nb "$1" || exit 9
        echo "visible=$(ls -A "$1" | wc -l)"
        env -u NIANBAO_FORMS -u NIANBAO_FONTS "$2/one/bin/nianbao" check "$2/sample.txt" >"$2/h.check" 2>&1
        echo "check=$?"
        env -u NIANBAO_FORMS -u NIANBAO_FONTS "$2/one/bin/nianbao" pdf "$2/sample.txt" -o "$2/h.pdf" 2>&1
        echo "pdf=$?"
        if [ -x "$2/prog-shared" ]; then LD_LIBRARY_PATH="$2/one/lib" "$2/prog-shared" "$2/sample.txt"; fi
    ' sh "$ABSROOT" "$T" >"$T/out" 2>&1
    check "with the checkout hidden, the installed binary checks and typesets the sample" \
        'grep -q "^visible=0$" "$T/out" && grep -q "^check=1$" "$T/out" &&
         grep -q "不一致" "$T/h.check" && grep -q "^pdf=0$" "$T/out" && [ -s "$T/h.pdf" ]'
    if [ -x "$T/prog-shared" ]; then
        check "and the program built against the installed library runs" \
            'grep -q "101 lines, 6 FAIL, 12 of 12 checks made" "$T/out"'
    fi
else
    n=$((n + 1))
    echo "ok $n # SKIP the checkout cannot be hidden here (no mount namespace, or T inside it)"
fi
# another PREFIX: what embeds it is rebuilt
inst "$T/two" && ok "make install into a second PREFIX" || not_ok "make install into a second PREFIX"
check "the second binary names the second PREFIX" \
    'readelf -p .rodata "$T/two/bin/nianbao" | grep -q "$T/two/share/nianbao/forms" &&
     ! readelf -p .rodata "$T/two/bin/nianbao" | grep -q "$T/one/"'
make -C "$ROOT" -s uninstall PREFIX="$T/two" BUILD="$BUILDREL" >"$T/make.log" 2>&1 &&
    ok "make uninstall" || not_ok "make uninstall"
check "leaves nothing of nianbao under PREFIX" \
    '[ -z "$(find "$T/two" -type f 2>/dev/null)" ]'
echo "1..$n"
