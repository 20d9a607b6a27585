#!/usr/bin/env bash
# Creates the Python virtual environment the JSON Schema check uses: .build/venv with jsonschema and PyYAML.
# Idempotent: does nothing when the venv already has both packages. Safe to run several times at once (the
# schema tests run it from a plain `swift test`): a lock on .build/venv.lock lets one run build the venv while the
# others wait, then find it ready.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.build/venv"
lock="$root/.build/venv.lock"

ready() { [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import jsonschema, yaml' 2>/dev/null; }

ready && exit 0
mkdir -p "$root/.build"
if command -v flock >/dev/null; then
    exec 9>"$lock"
    flock 9
else
    # No flock(1) (macOS): a directory is created atomically; wait while another run holds it.
    until mkdir "$lock.d" 2>/dev/null; do sleep 1; done
    trap 'rmdir "$lock.d"' EXIT
fi
ready && exit 0

command -v python3 >/dev/null || { echo "setup-venv.sh: python3 is not on PATH" >&2; exit 1; }
python3 -m venv "$venv" || {
    echo "setup-venv.sh: 'python3 -m venv' failed; install the venv module (Debian/Ubuntu: python3-venv)" >&2
    exit 1
}
"$venv/bin/pip" install --quiet --disable-pip-version-check 'jsonschema>=4.18' 'pyyaml>=6'
"$venv/bin/python" -c 'import importlib.metadata as m; print("schema-check venv ready: jsonschema", m.version("jsonschema"))'
