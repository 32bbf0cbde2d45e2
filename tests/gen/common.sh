# tests/gen/common.sh — sourced by tests/gen/test_*.sh: N (the binary under test), ROOT (the
# source tree), a TAP SKIP line (then exit) where python3 is not installed, and scaled N: N
# cases, or a quarter of them when the binary is built with a sanitizer (CI's second run looks
# for memory errors, which a quarter of the layouts still meets; the figures are the first
# run's, and the seeds are the same, so a quarter passes or fails the same way each time).
N=${NIANBAO:?set NIANBAO to the nianbao binary}
ROOT=${NB_ROOT:-.}
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 # SKIP python3 is not installed"
    exit 0
fi
scaled() {
    if ldd "$N" 2>/dev/null | grep -q "libasan\|libtsan"; then echo $((($1 + 3) / 4)); else echo "$1"; fi
}
