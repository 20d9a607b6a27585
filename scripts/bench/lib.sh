# Shared by the benchmark scripts: `source "$(dirname "$0")/lib.sh"`, then `bench_build CONFIGURATION`.
#
# bench_build makes a scratch folder ($work, removed on exit), builds dfnsops in CONFIGURATION (debug or
# release) from the repository root, and sets $binary to the built executable. A failed build prints its log.
bench_build() {
    local configuration="$1"
    cd "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    work="$(mktemp -d "${TMPDIR:-/tmp}/dfnsops-bench.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    if ! swift build -c "$configuration" --product dfnsops >"$work/build.log" 2>&1; then
        cat "$work/build.log" >&2
        exit 1
    fi
    binary="$(swift build -c "$configuration" --show-bin-path 2>/dev/null)/dfnsops"
}
