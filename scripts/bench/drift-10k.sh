#!/usr/bin/env bash
# Times `dfnsops drift` over an organisation of 10,000 objects in a dfns-emulator. Target: under 3 s.
#
# The organisation: 1,000 managed service accounts, declared by 1,000 manifests, with the store holding each
# one's key and token as `dfnsops apply` would have left it (so drift lists every one's credentials acting as
# it, as in real use), and 9,000 unmanaged objects (4,500 service accounts, 3,000 PATs, 1,500 webhooks): 10,000
# in all. Everything is seeded (`--seed`, keys made here with Python `cryptography`, tokens minted through the
# admin API); only the drift run is timed (wall clock, JSON report to a file). Drift then reports the 9,000
# unmanaged objects and nothing else.
#
# Usage: scripts/bench/drift-10k.sh [--release] [MANAGED] [UNMANAGED]
#   --release   build and time the release binaries (default: the debug ones)
#   DFNSOPS_BENCH_KEEP=1 leaves the emulator running and the directory in place, for profiling.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
configuration=debug
managed=1000
unmanaged=9000
numbers=()
for arg in "$@"; do
    case "$arg" in
        --release) configuration=release ;;
        *) numbers+=("$arg") ;;
    esac
done
[[ ${#numbers[@]} -ge 1 ]] && managed="${numbers[0]}"
[[ ${#numbers[@]} -ge 2 ]] && unmanaged="${numbers[1]}"

cd "$root"
if ! python3 -c 'import cryptography' 2>/dev/null; then
    echo "drift-10k.sh needs Python's cryptography package to make the seeded keys (pip install cryptography)" >&2
    exit 1
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/dfnsops-drift-bench.XXXXXX")"
emulator_pid=""
cleanup() {
    if [[ "${DFNSOPS_BENCH_KEEP:-}" == 1 ]]; then
        echo "kept: $work (emulator pid $emulator_pid; operator in $work/bootstrap/operator.env)" >&2
        return
    fi
    if [[ -n "$emulator_pid" ]]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
if ! swift build -c "$configuration" --product dfnsops >"$work/build.log" 2>&1 \
    || ! swift build -c "$configuration" --product dfns-emulator >>"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi
bin="$(swift build -c "$configuration" --show-bin-path 2>/dev/null)"

python3 - "$work" "$managed" "$unmanaged" <<'PY'
import hashlib, json, os, sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
work, managed, unmanaged = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
header = "apiVersion: dfnsops.dev/v1alpha1\n"
def write(path, text):
    full = os.path.join(work, "manifests", path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as fh:
        fh.write(text)
write("settings.yaml", header + "kind: Settings\nmetadata:\n  name: bench\nspec:\n  defaults:\n    store:\n"
      "      ref: local\n    rotation:\n      maxAge: 90d\n      overlap: 3d\n")
write("stores/local.yaml", header + "kind: SecretStore\nmetadata:\n  name: local\nspec:\n  type: file\n  file:\n"
      "    directory: .dfnsops/secrets\n")
keys, accounts_seed = {}, []
for i in range(managed):
    name = f"sa-{i:05d}"
    write(f"service-accounts/g{i // 500:02d}/{name}.yaml", header + f"kind: ServiceAccount\nmetadata:\n"
          f"  name: {name}\n  labels:\n    team: team-{i % 17}\nspec:\n  daysValid: 365\n"
          "  key:\n    algorithm: ecdsa-p256\n")
    key = ec.generate_private_key(ec.SECP256R1())
    spki = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    keys[name] = {
        "pem": key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode().strip(),
        "fingerprint": "sha256:" + hashlib.sha256(spki).hexdigest()[:16],
    }
    accounts_seed.append({"name": name, "externalId": f"dfnsops:ServiceAccount/{name}", "publicKey":
                          key.public_key().public_bytes(serialization.Encoding.PEM,
                                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode()})
accounts = unmanaged // 2
pats = unmanaged // 3
webhooks = unmanaged - accounts - pats
seed = {
    "serviceAccounts": accounts_seed + [{"name": f"hand-made-{i:05d}"} for i in range(accounts)],
    "pats": [{"name": f"laptop-{i:05d}"} for i in range(pats)],
    "webhooks": [{"url": f"https://hooks.example.com/debug/{i}", "events": ["wallet.transfer.confirmed"]}
                 for i in range(webhooks)],
}
with open(os.path.join(work, "seed.json"), "w") as fh:
    json.dump(seed, fh)
with open(os.path.join(work, "keys.json"), "w") as fh:
    json.dump(keys, fh)
PY

"$bin/dfns-emulator" --port 0 --admin --bootstrap-out "$work/bootstrap" --seed "$work/seed.json" --rate-limit 0 \
    --webhook-limit 100000 --log-level error >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 600); do
    grep -q '^listening on ' "$work/emulator.log" 2>/dev/null && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
    sleep 0.1
done
grep -q '^listening on ' "$work/emulator.log" || { echo "dfns-emulator did not start" >&2; exit 1; }
set -a
# shellcheck disable=SC1091
. "$work/bootstrap/operator.env"
set +a

cd "$work"
setup_start=$(date +%s.%N)
# The store dfnsops would have written for each managed service account: its key, credential id and a token.
python3 - "$work" <<'PY'
import json, os, sys, urllib.request
work = sys.argv[1]
api, token = os.environ["DFNS_API_URL"], os.environ["DFNS_AUTH_TOKEN"]
keys = json.load(open(os.path.join(work, "keys.json")))
def call(method, path, bearer=None):
    request = urllib.request.Request(api + path, method=method)
    if bearer:
        request.add_header("Authorization", "Bearer " + bearer)
    with urllib.request.urlopen(request) as response:
        return json.load(response)
accounts, page = [], None
while True:
    answer = call("GET", "/auth/service-accounts?limit=200" + (f"&paginationToken={page}" if page else ""), token)
    accounts += answer["items"]
    page = answer.get("nextPageToken")
    if not page:
        break
def private(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
root = os.path.join(work, ".dfnsops", "secrets")
os.makedirs(root, mode=0o700, exist_ok=True)
os.chmod(root, 0o700)
for account in accounts:
    external = account["userInfo"].get("externalId") or ""
    if not external.startswith("dfnsops:ServiceAccount/"):
        continue
    name = external.split("/", 1)[1]
    access = account["accessTokens"][0]
    minted = call("POST", "/_emulator/tokens/" + access["tokenId"])["accessToken"]
    entry = os.path.join(root, "service-accounts", name)
    os.makedirs(os.path.join(root, "service-accounts"), mode=0o700, exist_ok=True)
    os.makedirs(entry, mode=0o700, exist_ok=True)
    metadata = {"credentialId": access["credId"], "generation": 1, "principalId": account["userInfo"]["userId"]}
    private(os.path.join(entry, "@v1.json"), json.dumps({
        "credentialId": access["credId"], "fingerprint": keys[name]["fingerprint"], "format": 1,
        "kind": "privateKey", "privateKeyPEM": keys[name]["pem"], "token": minted, "version": 1}, indent=2))
    private(os.path.join(entry, "@labels.json"), json.dumps({
        "current": {"createdAt": access["dateCreated"][:19] + "Z", "fingerprint": keys[name]["fingerprint"],
                    "kind": "privateKey", "metadata": metadata, "version": 1},
        "format": 1, "nextVersion": 2}, indent=2))
PY
setup_end=$(date +%s.%N)
start=$(date +%s.%N)
status=0
"$bin/dfnsops" drift manifests --rate-limit 0 --format json >drift.json || status=$?
end=$(date +%s.%N)
if [[ "$status" -ne 2 ]]; then
    echo "dfnsops drift exited $status (expected 2: the unmanaged objects are drift)" >&2
    exit 1
fi
python3 - drift.json "$managed" "$unmanaged" "$start" "$end" "$setup_start" "$setup_end" "$configuration" <<'PY'
import json, sys
path, managed, unmanaged, start, end, setup_start, setup_end, configuration = sys.argv[1:]
report = json.load(open(path))
buckets = {k: v for k, v in report["summary"]["buckets"].items() if v}
total = int(managed) + int(unmanaged)
print(f"setup: store entries for {managed} managed service accounts written in "
      f"{float(setup_end) - float(setup_start):.1f} s")
print(f"findings: {report['summary']['total']} {buckets}")
print(f"dfnsops drift: {total} objects ({managed} managed, {unmanaged} unmanaged) in "
      f"{float(end) - float(start):.3f} s with the {configuration} build (target: < 3 s)")
PY
