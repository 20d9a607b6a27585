#!/usr/bin/env bash
# How the key fixtures in this folder were made (OpenSSL 3.0). They are test-only keys.
set -euo pipefail
cd "$(dirname "$0")"
openssl genrsa -traditional -out rsa2048-pkcs1.pem 2048
openssl pkcs8 -topk8 -nocrypt -in rsa2048-pkcs1.pem -out rsa2048-pkcs8.pem
openssl rsa -in rsa2048-pkcs1.pem -pubout -out rsa2048.pub.pem
openssl rsa -in rsa2048-pkcs1.pem -RSAPublicKey_out -out rsa2048-pkcs1.pub.pem
openssl ecparam -name prime256v1 -genkey -noout -out p256-sec1.pem
openssl pkcs8 -topk8 -nocrypt -in p256-sec1.pem -out p256-pkcs8.pem
openssl pkey -in p256-sec1.pem -pubout -out p256.pub.pem
openssl genpkey -algorithm ed25519 -out ed25519-pkcs8.pem
openssl pkey -in ed25519-pkcs8.pem -pubout -out ed25519.pub.pem
# The fingerprint each key should have: sha256 over the SPKI DER, first 16 hex digits.
for pub in rsa2048.pub.pem p256.pub.pem ed25519.pub.pem; do
    printf '%s sha256:%s\n' "$pub" "$(openssl pkey -pubin -in "$pub" -outform DER | sha256sum | cut -c1-16)"
done > fingerprints.txt
