#!/usr/bin/env bash
# Generates 10,000 manifests (one file each: service accounts, PATs and webhooks, plus a SecretStore and
# Settings) and prints how long `dfnsops validate` takes on them. Target: under 2 s.
#
# Usage: scripts/bench/validate-10k.sh [--release] [COUNT]
#   --release   build and time the release binary (default: the debug binary, built if missing)
set -euo pipefail
configuration=debug
count=10000
for arg in "$@"; do
    case "$arg" in
        --release) configuration=release ;;
        *) count="$arg" ;;
    esac
done

source "$(dirname "$0")/lib.sh"
bench_build "$configuration"

python3 - "$work" "$count" <<'PY'
import os, sys
work, count = sys.argv[1], int(sys.argv[2])
header = "apiVersion: dfnsops.dev/v1alpha1\n"
def write(path, text):
    full = os.path.join(work, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as fh:
        fh.write(text)
write("settings.yaml", header + "kind: Settings\nmetadata:\n  name: bench\nspec:\n  defaults:\n    store:\n      ref: local\n"
      "    rotation:\n      maxAge: 90d\n      overlap: 3d\n")
write("stores/local.yaml", header + "kind: SecretStore\nmetadata:\n  name: local\nspec:\n  type: file\n  file:\n"
      "    directory: .dfnsops/secrets\n")
algorithms = ["ecdsa-p256", "ed25519", "rsa-2048", "rsa-3072", "rsa-4096"]
for i in range(count - 2):
    group = f"g{i // 500:03d}"
    if i % 3 == 0:
        write(f"{group}/webhook-{i:05d}.yaml", header + f"kind: Webhook\nmetadata:\n  name: webhook-{i:05d}\n"
              f"  labels:\n    team: team-{i % 17}\nspec:\n  url: https://hooks.example.com/dfns/{i}\n"
              "  events:\n    - wallet.transfer.confirmed\n    - wallet.transfer.failed\n    - policy.approval.pending\n"
              f"  description: Generated webhook {i}\n  secret:\n    rotation:\n      maxAge: 180d\n      overlap: 7d\n")
    elif i % 3 == 1:
        write(f"{group}/sa-{i:05d}.yaml", header + f"kind: ServiceAccount\nmetadata:\n  name: sa-{i:05d}\n"
              f"  labels:\n    team: team-{i % 17}\nspec:\n  permissions:\n    - Wallets Reader\n  daysValid: 365\n"
              f"  key:\n    algorithm: {algorithms[i % 5]}\n    rotation:\n      maxAge: P90D\n      overlap: PT36H\n"
              f"      retain: 30d\n      strategy: {'replace' if i % 7 == 0 else 'rekey'}\n"
              f"  store:\n    ref: local\n    path: sa/{i}\n")
    else:
        write(f"{group}/pat-{i:05d}.yaml", header + f"kind: PersonalAccessToken\nmetadata:\n  name: pat-{i:05d}\n"
              f"spec:\n  name: Token {i}\n  secondsValid: 86400\n  key:\n    rotation:\n      maxAge: 2w\n"
              "      overlap: 12h\n")
PY

rm -f "$work/build.log"
files=$(find "$work" -name '*.yaml' | wc -l | tr -d ' ')
start=$(date +%s.%N)
"$binary" validate "$work" >/dev/null
end=$(date +%s.%N)
seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
echo "dfnsops validate: $files manifests ($files files) in ${seconds} s with the $configuration build (target: < 2 s)"
