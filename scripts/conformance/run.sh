#!/usr/bin/env bash
# Conformance of dfns-emulator with the official Dfns Python SDK (dfns-sdk on PyPI).
#
# Usage: scripts/conformance/run.sh [ecdsa-p256|ed25519|rsa-2048 ...]   (default: all three)
#
# For each operator key algorithm: start the built dfns-emulator on a free port with a fresh
# bootstrap, run check_sdk.py against it with the SDK's own KeySigner, stop the emulator.
# Ends with the line `N passed, N failed[, N skipped]`; exits non-zero on any failure.
#
# Environment:
#   PYTHON                      interpreter used to create the venv (default python3, >= 3.10)
#   DFNS_EMULATOR_BIN           use this emulator binary instead of building it with SwiftPM
#   CONFORMANCE_START_TIMEOUT   seconds to wait for `listening on ...` (default 120)
#   CONFORMANCE_KEEP=1          keep the per-run temporary folders (keys, logs) for debugging
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.build/conformance-venv"
requirements="$here/requirements.txt"
python="${PYTHON:-python3}"
start_timeout="${CONFORMANCE_START_TIMEOUT:-120}"

# Names this script uses -> values of the emulator's --operator-key-algorithm flag.
declare -A emulator_alg=(
    [ecdsa-p256]="ecdsa-p256"
    [ed25519]="ed25519"
    [rsa-2048]="rsa-2048"
)

if (($# > 0)); then
    algorithms=("$@")
else
    algorithms=(ecdsa-p256 ed25519 rsa-2048)
fi
for alg in "${algorithms[@]}"; do
    if [[ -z "${emulator_alg[$alg]:-}" ]]; then
        echo "unknown algorithm '$alg' (known: ${!emulator_alg[*]})" >&2
        exit 2
    fi
done

passed=0
failed=0
skipped=0
failures=()
emulator_pids=()
tmpdirs=()

cleanup() {
    local pid dir
    for pid in "${emulator_pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            sleep 0.5
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    if [[ "${CONFORMANCE_KEEP:-0}" != 1 ]]; then
        for dir in "${tmpdirs[@]}"; do rm -rf "$dir"; done
    elif ((${#tmpdirs[@]} > 0)); then
        echo "kept: ${tmpdirs[*]}" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); failures+=("$1: $2"); echo "FAIL $1: $2"; }

closing() {
    local line="$passed passed, $failed failed"
    ((skipped > 0)) && line+=", $skipped skipped"
    if ((${#failures[@]} > 0)); then
        echo
        echo "failures:"
        printf '  %s\n' "${failures[@]}"
    fi
    echo
    echo "$line"
}

# Print the end of an emulator log, without anything that looks like a token or a key.
show_log() {
    local file="$1" title="$2"
    [[ -s "$file" ]] || return 0
    echo "  --- $title (last 30 lines, redacted) ---"
    tail -n 30 "$file" \
        | sed -E -e 's/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/<jwt>/g' \
            -e 's/(secret|token|key)("?[:=] ?"?)[^", ]{12,}/\1\2<redacted>/Ig' \
            -e '/PRIVATE KEY|^[A-Za-z0-9+\/=]{40,}$/d' \
        | sed 's/^/  | /'
}

# ------------------------------------------------------------------ Python venv with the SDK
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || {
    echo "FAIL setup.python: $python is older than 3.10 (dfns-sdk needs >= 3.10)"
    echo "0 passed, 1 failed"
    exit 1
}
want_stamp="$(sha256sum "$requirements" | cut -d' ' -f1) $("$python" -c 'import sys; print(sys.version.split()[0])')"
stamp_file="$venv/.conformance-stamp"
if [[ -x "$venv/bin/python" && -f "$stamp_file" && "$(cat "$stamp_file")" == "$want_stamp" ]] \
    && "$venv/bin/python" -c 'import dfns_sdk, cryptography, httpx' 2>/dev/null; then
    echo "conformance: reusing $venv"
else
    echo "conformance: creating $venv"
    rm -rf "$venv"
    mkdir -p "$root/.build"
    "$python" -m venv "$venv"
    if ! "$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$requirements"; then
        rm -rf "$venv"
        echo "FAIL setup.venv: pip could not install $(tr '\n' ' ' <"$requirements" | sed 's/#[^=]*==[^ ]* //g')"
        echo "0 passed, 1 failed"
        exit 1
    fi
    echo "$want_stamp" >"$stamp_file"
fi
"$venv/bin/python" - <<'PY'
from importlib.metadata import version
print("conformance: " + ", ".join(f"{name} {version(name)}" for name in ("dfns-sdk", "cryptography", "httpx")))
PY

# ------------------------------------------------------------------ the emulator binary
if [[ -n "${DFNS_EMULATOR_BIN:-}" ]]; then
    emulator="$DFNS_EMULATOR_BIN"
else
    echo "conformance: swift build --product dfns-emulator"
    build_log="$(mktemp "${TMPDIR:-/tmp}/dfns-conformance-build.XXXXXX")"
    tmpdirs+=("$build_log")
    if ! (cd "$root" && swift build --product dfns-emulator) >"$build_log" 2>&1; then
        grep -v '^    /' "$build_log" | tail -n 40
        echo "FAIL setup.build: swift build --product dfns-emulator failed"
        echo "0 passed, 1 failed"
        exit 1
    fi
    tail -n 1 "$build_log"
    emulator="$(cd "$root" && swift build --show-bin-path)/dfns-emulator"
fi
if [[ ! -x "$emulator" ]]; then
    echo "FAIL setup.emulator: $emulator is not an executable"
    echo "0 passed, 1 failed"
    exit 1
fi

# ------------------------------------------------------------------ one run per algorithm
run_algorithm() {
    local alg="$1" tmp boot out err pid url="" rc=0 deadline result
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/dfns-conformance.XXXXXX")"
    tmpdirs+=("$tmp")
    boot="$tmp/bootstrap"
    out="$tmp/emulator.stdout"
    err="$tmp/emulator.stderr"
    mkdir -m 700 "$boot"
    : >"$out"
    : >"$err"

    echo
    echo "=== $alg: $emulator --port 0 --admin --bootstrap-out <tmp> --operator-key-algorithm ${emulator_alg[$alg]}"
    "$emulator" --port 0 --admin --bootstrap-out "$boot" \
        --operator-key-algorithm "${emulator_alg[$alg]}" >"$out" 2>"$err" </dev/null &
    pid=$!
    emulator_pids+=("$pid")

    deadline=$((SECONDS + start_timeout))
    while ((SECONDS < deadline)); do
        url="$(sed -n -E 's#^listening on (http://127\.0\.0\.1:[0-9]+)/?[[:space:]]*$#\1#p' "$out" | head -n 1 || true)"
        [[ -n "$url" && -s "$boot/operator.env" ]] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if [[ -z "$url" || ! -s "$boot/operator.env" ]]; then
        local why="no 'listening on http://127.0.0.1:PORT' line on stdout within ${start_timeout}s"
        [[ -n "$url" ]] && why="listening, but no operator.env in --bootstrap-out within ${start_timeout}s"
        if ! kill -0 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null || rc=$?
            why="emulator exited with status $rc before it was ready"
        fi
        fail "$alg/emulator.start" "$why"
        show_log "$out" "emulator stdout"
        show_log "$err" "emulator stderr"
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        return 0
    fi
    pass "$alg/emulator.start"

    rc=0
    "$venv/bin/python" "$here/check_sdk.py" --alg "$alg" --env-file "$boot/operator.env" --base-url "$url" \
        | tee "$tmp/check.out" || rc=$?
    result="$(grep -E '^RESULT passed=[0-9]+ failed=[0-9]+ skipped=[0-9]+$' "$tmp/check.out" | tail -n 1 || true)"
    if [[ -n "$result" ]]; then
        [[ "$result" =~ passed=([0-9]+)\ failed=([0-9]+)\ skipped=([0-9]+) ]]
        passed=$((passed + BASH_REMATCH[1]))
        failed=$((failed + BASH_REMATCH[2]))
        skipped=$((skipped + BASH_REMATCH[3]))
        while IFS= read -r line; do failures+=("${line#FAIL }"); done < <(grep '^FAIL ' "$tmp/check.out" || true)
    else
        fail "$alg/check_sdk" "check_sdk.py ended with status $rc and no RESULT line"
    fi

    # Stop: SIGTERM must end the emulator cleanly (issue 3: "stops cleanly on SIGINT and SIGTERM").
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0 status=0
    while kill -0 "$pid" 2>/dev/null && ((waited < 100)); do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        fail "$alg/emulator.sigterm" "still running 10 s after SIGTERM (killed)"
    else
        wait "$pid" 2>/dev/null || status=$?
        if ((status == 0)); then
            pass "$alg/emulator.sigterm"
        else
            fail "$alg/emulator.sigterm" "exited with status $status after SIGTERM, expected 0"
        fi
    fi
    if ((rc != 0)) || grep -q '^FAIL ' "$tmp/check.out"; then
        show_log "$err" "emulator stderr"
    fi
}

for alg in "${algorithms[@]}"; do
    run_algorithm "$alg"
done

closing
((failed == 0 && skipped == 0))
