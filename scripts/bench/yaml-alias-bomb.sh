#!/usr/bin/env bash
# Times how fast `dfnsops validate` refuses YAML alias bombs, which the loader must refuse at its node budget
# (100,000 nodes) without ever expanding them: a billion-laughs document of 10^9 and of 10^20 leaves, and a
# mapping key built from an alias of 10^12 leaves (refused before Yams would hash it). Target: under 1 s each.
# (YAMLComposerTests checks that they are refused and how; this script says how fast.)
#
# Usage: scripts/bench/yaml-alias-bomb.sh [--release]
#   --release   build and time the release binary (default: the debug binary, built if missing)
set -euo pipefail
configuration=debug
for arg in "$@"; do
    case "$arg" in
        --release) configuration=release ;;
        *) echo "usage: $0 [--release]" >&2; exit 64 ;;
    esac
done

source "$(dirname "$0")/lib.sh"
bench_build "$configuration"

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
def bomb(levels, last):
    lines = ["apiVersion: dfnsops.dev/v1alpha1", "kind: SecretStore", "metadata:", "  name: lol",
             "spec:", "  type: file", "  file:", "    directory: .dfnsops/secrets",
             "  l0: &l0 [" + ", ".join(['"lol"'] * 10) + "]"]
    for level in range(1, levels):
        lines.append(f"  l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    lines += last(levels - 1)
    return "\n".join(lines) + "\n"
cases = {
    "billion-laughs-9": bomb(9, lambda top: [f"  all: *l{top}"]),
    "billion-laughs-20": bomb(20, lambda top: [f"  all: *l{top}"]),
    "alias-as-key-12": bomb(12, lambda top: [f"  ? *l{top}", "  : x"]),
}
for name, text in cases.items():
    os.makedirs(os.path.join(work, name))
    with open(os.path.join(work, name, "bomb.yaml"), "w") as fh:
        fh.write(text)
PY

for name in billion-laughs-9 billion-laughs-20 alias-as-key-12; do
    start=$(date +%s.%N)
    set +e
    "$binary" validate "$work/$name" >"$work/$name.out" 2>&1
    status=$?
    set -e
    end=$(date +%s.%N)
    if [[ $status -ne 1 ]] || ! grep -q "alias" "$work/$name.out"; then
        echo "$name: expected a refusal (exit 1 naming the alias expansion), got exit $status:" >&2
        cat "$work/$name.out" >&2
        exit 1
    fi
    seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
    echo "dfnsops validate refuses $name in ${seconds} s with the $configuration build (target: < 1 s)"
done
