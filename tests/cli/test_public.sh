#!/bin/sh
# tests/cli/test_public.sh — the public interface is enough (issue 16): the renderers and the
# program (src/cli/) compile against include/nianbao.h alone, with no internal header on the
# include path. TAP; run by tests/run.
set -u
. "${NB_ROOT:-.}/tests/cli/tap.sh"
CC=${CC:-cc}
if ! command -v "$CC" >/dev/null 2>&1; then
    echo "ok 1 # SKIP no C compiler"
    exit 0
fi
# (compiled from a copy in a directory of its own: "report.h" beside the source would be found)
# (the program's own headers, src/cli/*.h, go along for src/cli/; a renderer's, render.h,
# which declares the renderers' entry points in nianbao.h's types alone, for the renderers)
alone() {
    rm -rf "$T/alone" && mkdir "$T/alone" && cp "$1" "$T/alone/alone.c" &&
        case "$1" in
        */src/cli/*) cp "$ROOT"/src/cli/*.h "$T/alone/" ;;
        */src/report_*) cp "$ROOT/src/render.h" "$T/alone/" ;;
        esac &&
        "$CC" -std=c11 -Wall -Wextra -Werror -fsyntax-only -D_POSIX_C_SOURCE=200809L \
            -I"$ROOT/include" "$T/alone/alone.c" 2>"$T/err"
}
for f in src/report_text.c src/report_csv.c src/report_json.c src/report_pdf.c src/report_html.c \
    tests/unit/test_api.c src/cli/main.c src/cli/batch.c; do
    check "$f compiles against nianbao.h alone" 'alone "$ROOT/$f"'
done
echo "1..$n"
