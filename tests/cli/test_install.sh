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
