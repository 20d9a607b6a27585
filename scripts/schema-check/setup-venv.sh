#!/usr/bin/env bash
# Creates the Python virtual environment the JSON Schema check uses: .build/venv with jsonschema and PyYAML.
# Idempotent: does nothing when the venv already has both packages.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.build/venv"
if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import jsonschema, yaml' 2>/dev/null; then
    exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check 'jsonschema>=4.18' 'pyyaml>=6'
"$venv/bin/python" -c 'import importlib.metadata as m; print("schema-check venv ready: jsonschema", m.version("jsonschema"))'
