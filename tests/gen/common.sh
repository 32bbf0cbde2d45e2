# tests/gen/common.sh — sourced by tests/gen/test_*.sh: N (the binary under test), ROOT (the
# source tree), and a TAP SKIP line (then exit) where python3 is not installed.
N=${NIANBAO:?set NIANBAO to the nianbao binary}
ROOT=${NB_ROOT:-.}
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 # SKIP python3 is not installed"
    exit 0
fi
