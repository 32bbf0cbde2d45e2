# tests/cli/tap.sh — sourced by the CLI tests: N (the binary under test), ROOT (the source
# tree), T (a scratch directory removed on exit), and TAP helpers. check NAME SHELL-TEST prints
# "ok"/"not ok"; a failing one shows the first lines of $T/err or $T/out, whichever exists.
N=${NIANBAO:?set NIANBAO to the nianbao binary}
ROOT=${NB_ROOT:-.}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1))
    echo "not ok $n - $1"
    for f in err out; do [ -f "$T/$f" ] && sed "s/^/# $f: /" "$T/$f" | head -20; done
    return 0
}
check() { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }
# sanitized: the binary under test is built with a sanitizer (memory ceilings and plain programs
# linked against its library do not apply)
sanitized() { ldd "$N" 2>/dev/null | grep -q "libasan\|libtsan"; }
