#!/usr/bin/env bash
# dir-store.sh: a complete dfnsops secret-store plugin that keeps each key in a file under one directory.
#
# Configure it as an exec store whose command is this script followed by the store directory:
#
#     command: ["/opt/dfnsops/dir-store.sh", "/var/lib/dfnsops-secrets"]
#
# dfnsops appends the operation (get, get-metadata, put, delete or list) as the last argument and writes one
# JSON request on stdin; this script answers with one JSON object on stdout. The protocol is specified in
# docs/secret-stores.md. Secrets arrive on stdin only and leave on stdout only: they never appear in an
# argument list (everything below that touches a value is a bash builtin), in the environment, or on stderr.
#
# Requirements: bash 4.4+ and coreutils (mkdir, mktemp, mv, rm, rmdir, sync, stat, find). No jq, no python.
# Values are kept as the base64 text dfnsops sends, so this script never decodes them.

set -euo pipefail
umask 077

die() {
    printf 'dir-store: %s\n' "$*" >&2
    exit 1
}

[[ $# -eq 2 ]] || die "usage: dir-store.sh STORE_DIR OPERATION  (with the JSON request on stdin)"
root=${1%/}
operation=$2

# Read the whole request with a builtin (no temporary file, no subprocess).
request=
IFS= read -r -d '' request || true

# field NAME: print the string member NAME of the request. Keys are restricted to [A-Za-z0-9._@/-] and values
# are base64, so a string member never contains a quote or a backslash and a regular expression is enough.
field() {
    local pattern="\"$1\"[[:space:]]*:[[:space:]]*\"([^\"]*)\""
    if [[ $request =~ $pattern ]]; then
        printf '%s' "${BASH_REMATCH[1]}"
    else
        return 1
    fi
}

valid_key() {
    [[ $1 =~ ^[A-Za-z0-9._@-]+(/[A-Za-z0-9._@-]+)*$ ]] && ! [[ $1 =~ (^|/)\. ]]
}

# The store directory: created 0700 when missing, refused when group or others can reach it.
if [[ ! -d $root ]]; then
    mkdir -p -- "$root" || die "cannot create the store directory $root"
fi
mode=$(stat -c '%a' -- "$root")
if (( 8#$mode & 8#077 )); then
    die "store directory $root is accessible by group or others (mode $mode); run \`chmod 700 $root\`"
fi

case $operation in
get | get-metadata)
    # get-metadata reads a labels record (never a secret value); one directory serves both alike.
    key=$(field key) || die "$operation: the request has no key"
    valid_key "$key" || die "$operation: invalid key"
    if [[ -f $root/$key ]]; then
        value=
        IFS= read -r value <"$root/$key" || true
        printf '{"value": "%s"}\n' "$value"
    else
        printf '{"found": false}\n'
    fi
    ;;
put)
    key=$(field key) || die "put: the request has no key"
    valid_key "$key" || die "put: invalid key"
    value=$(field value) || die "put: the request has no value"
    path=$root/$key
    directory=${path%/*}
    mkdir -p -- "$directory"
    temporary=$(mktemp -- "$directory/.dir-store-tmp.XXXXXX")
    printf '%s' "$value" >"$temporary"
    sync -- "$temporary"           # the bytes are on disk ...
    mv -f -- "$temporary" "$path"  # ... before the name points at them (rename is atomic) ...
    sync -- "$directory"           # ... and the rename itself is on disk before we answer.
    printf '{}\n'
    ;;
delete)
    key=$(field key) || die "delete: the request has no key"
    valid_key "$key" || die "delete: invalid key"
    path=$root/$key
    rm -f -- "$path"
    directory=${path%/*}
    while [[ $directory != "$root" ]] && rmdir -- "$directory" 2>/dev/null; do
        directory=${directory%/*}
    done
    sync -- "$directory"
    printf '{}\n'
    ;;
list)
    prefix=$(field prefix) || prefix=
    [[ -z $prefix || $prefix =~ ^[A-Za-z0-9._@/-]+$ ]] || die "list: invalid prefix"
    start=$root/${prefix%"${prefix##*/}"}
    printf '{"keys": ['
    separator=
    if [[ -d $start ]]; then
        while IFS= read -r -d '' file; do
            key=${file#"$root"/}
            if [[ $key == "$prefix"* ]]; then
                printf '%s"%s"' "$separator" "$key"
                separator=', '
            fi
        done < <(find "$start" -type f ! -name '.dir-store-tmp.*' -print0)
    fi
    printf ']}\n'
    ;;
*)
    die "unknown operation '$operation' (expected get, get-metadata, put, delete or list)"
    ;;
esac

# ---------------------------------------------------------------------------------------------------------------
# Variants for real secret managers. Each replaces one branch of the case above; the value always travels on a
# pipe into the tool's stdin, never as an argument. `value` is the base64 text dfnsops sent; store it as is.
# `get-metadata` can share the `get` branch (`get | get-metadata)`): dfnsops sends it only for keys ending in
# `/@labels`, so a job that must not read values (a pull-request plan) can run the plugin with credentials whose
# policy allows reading those keys only.
#
# HashiCorp Vault (KV v2 mounted at secret/; `value=-` makes vault read the value from stdin):
#
#   get)    if out=$(vault kv get -field=value "secret/dfnsops/$key" 2>/dev/null); then
#               printf '{"value": "%s"}\n' "$out"
#           else
#               printf '{"found": false}\n'
#           fi ;;
#   put)    printf '%s' "$value" | vault kv put "secret/dfnsops/$key" value=- >/dev/null
#           printf '{}\n' ;;
#   delete) vault kv metadata delete "secret/dfnsops/$key" >/dev/null; printf '{}\n' ;;
#   list)   # vault kv list is one level deep; walk it recursively, or keep an index key.
#
# AWS Secrets Manager (`file:///dev/stdin` makes the CLI read the secret string from stdin):
#
#   get)    if out=$(aws secretsmanager get-secret-value --secret-id "dfnsops/$key" \
#                        --query SecretString --output text 2>/dev/null); then
#               printf '{"value": "%s"}\n' "$out"
#           else
#               printf '{"found": false}\n'
#           fi ;;
#   put)    printf '%s' "$value" | aws secretsmanager put-secret-value --secret-id "dfnsops/$key" \
#               --secret-string file:///dev/stdin >/dev/null \
#           || printf '%s' "$value" | aws secretsmanager create-secret --name "dfnsops/$key" \
#               --secret-string file:///dev/stdin >/dev/null
#           printf '{}\n' ;;
#   delete) aws secretsmanager delete-secret --secret-id "dfnsops/$key" --force-delete-without-recovery \
#               >/dev/null 2>&1 || true
#           printf '{}\n' ;;
#   list)   aws secretsmanager list-secrets --filters Key=name,Values="dfnsops/$prefix" \
#               --query 'SecretList[].Name' --output json | jq -c '{keys: map(ltrimstr("dfnsops/"))}' ;;
#
# GitHub Actions secrets (`gh secret set` reads the value from stdin when --body is not given). GitHub
# secrets are write-only, so `get` cannot work: use this only to mirror `current` into a repository, next to
# a readable store, never as the store itself.
#
#   put)    name=$(printf '%s' "${key//[^A-Za-z0-9]/_}" | tr '[:lower:]' '[:upper:]')
#           printf '%s' "$value" | base64 -d | gh secret set "DFNSOPS_$name" --repo "$GITHUB_REPOSITORY"
#           printf '{}\n' ;;
