#!/usr/bin/env python3
"""Conformance check of dfns-emulator against the official Dfns Python SDK (dfns-sdk).

Every mutating call goes through the SDK's own user-action flow (HttpClient._get_user_action_token:
POST /auth/action/init -> dfns_sdk.KeySigner.sign -> POST /auth/action -> real request with
X-DFNS-USERACTION), so the emulator sees exactly what the SDK sends to Dfns.

Run by scripts/conformance/run.sh, once per operator key algorithm:

    check_sdk.py --alg ecdsa-p256 --env-file DIR/operator.env [--base-url http://127.0.0.1:PORT]

Prints `PASS name`, `FAIL name: reason` or `SKIP name: needs ...` per check and a last line
`RESULT passed=N failed=N skipped=N`. Exit status 0 only if every check passed.
Never prints tokens, private keys or webhook secrets: at most a short SHA-256 fingerprint.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
import threading
import time
import traceback
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

try:
    import httpx
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    from dfns_sdk import DfnsClient, DfnsClientConfig, DfnsError, KeySigner
except ImportError as exc:  # pragma: no cover - environment problem, reported plainly
    print(f"FAIL setup.imports: {exc}")
    print("RESULT passed=0 failed=1 skipped=0")
    sys.exit(2)


ALGORITHMS = ("ecdsa-p256", "ed25519", "rsa-2048")

# Field sets, from ../shared/reference/dfns-api.md (§4.2, §5.1, §7.1, §9.1) and the SDK's
# generated TypedDicts (dfns_sdk/generated/{auth,webhooks}/types.py). "Required" fields must be
# present with the given type; "optional" ones are type-checked when present and not null.
USER_REQUIRED = {
    "userId": str, "username": str, "name": str, "kind": str, "credentialUuid": str,
    "isActive": bool, "isServiceAccount": bool, "isRegistered": bool, "isSSORequired": bool,
    "permissionAssignments": list,
}
USER_OPTIONAL = {"orgId": str, "tenantId": str, "permissions": list, "credentialId": str}
SA_USERINFO_REQUIRED = {
    "userId": str, "username": str, "name": str, "kind": str, "credentialUuid": str, "orgId": str,
    "isActive": bool, "isServiceAccount": bool, "isRegistered": bool, "permissionAssignments": list,
}
SA_USERINFO_OPTIONAL = {"permissions": list, "accountId": str, "isSSORequired": bool}
TOKEN_REQUIRED = {
    "tokenId": str, "credId": str, "publicKey": str, "isActive": bool, "dateCreated": str,
    "kind": str, "linkedUserId": str, "orgId": str, "permissionAssignments": list,
}
TOKEN_OPTIONAL = {"name": str, "linkedAppId": str, "accessToken": str}
TOKEN_KINDS = {"Pat", "ServiceAccount", "Token", "Code", "Recovery", "Temp", "Application"}
CREDENTIAL_REQUIRED = {
    "kind": str, "credentialId": str, "credentialUuid": str, "dateCreated": str,
    "isActive": bool, "name": str, "publicKey": str,
}
CREDENTIAL_OPTIONAL = {"relyingPartyId": str, "origin": str}
CREDENTIAL_KINDS = {"Fido2", "Key", "Password", "PasswordProtectedKey", "RecoveryKey", "SessionKey", "Totp"}
WEBHOOK_REQUIRED = {
    "id": str, "url": str, "events": list, "status": str, "dateCreated": str, "dateUpdated": str,
}
WEBHOOK_OPTIONAL = {"description": str}
ASSIGNMENT_REQUIRED = {"permissionName": str, "permissionId": str, "assignmentId": str}
ID_PATTERN = r"-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{14,16}"  # reference §11 (OAS pattern)


# --------------------------------------------------------------------------------------------
# Output hygiene


def fingerprint(value: str | bytes) -> str:
    data = value.encode() if isinstance(value, str) else value
    return "sha256:" + hashlib.sha256(data).hexdigest()[:12]


class Redactor:
    """Replaces every registered secret, any JWT-looking string and any PEM block in text."""

    JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
    PEM = re.compile(r"-----BEGIN [A-Z ]+-----.*?-----END [A-Z ]+-----", re.S)

    def __init__(self) -> None:
        self._secrets: list[str] = []

    def add(self, value: str | None) -> None:
        if value and len(value) >= 6 and value not in self._secrets:
            self._secrets.append(value)

    def __call__(self, text: str) -> str:
        for value in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(value, f"<redacted {fingerprint(value)}>")
        text = self.JWT.sub("<jwt>", text)
        return self.PEM.sub("<pem>", text)


REDACT = Redactor()


class Skip(Exception):
    """Raised inside a check that cannot run (not a failure of the emulator)."""


class Runner:
    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.ok: set[str] = set()

    def run(self, name: str, fn: Callable[[], Any], needs: tuple[str, ...] = ()) -> Any:
        label = self.prefix + name
        missing = [n for n in needs if n not in self.ok]
        if missing:
            self.skipped += 1
            print(f"SKIP {label}: needs {', '.join(missing)}", flush=True)
            return None
        try:
            result = fn()
        except Skip as exc:
            self.skipped += 1
            print(f"SKIP {label}: {REDACT(str(exc))}", flush=True)
            return None
        except AssertionError as exc:
            self._fail(label, str(exc) or "assertion failed")
        except DfnsError as exc:
            self._fail(label, describe_dfns_error(exc))
        except httpx.HTTPError as exc:
            self._fail(label, f"transport error {type(exc).__name__}: {exc}")
        except Exception as exc:  # noqa: BLE001 - any crash is a failed check, with its origin
            origin = traceback.extract_tb(exc.__traceback__)[-1]
            self._fail(label, f"{type(exc).__name__}: {exc} (at {os.path.basename(origin.filename)}:{origin.lineno})")
        else:
            self.passed += 1
            self.ok.add(name)
            print(f"PASS {label}", flush=True)
            return result
        return None

    def _fail(self, name: str, reason: str) -> None:
        self.failed += 1
        reason = REDACT(" ".join(reason.split()))
        if len(reason) > 600:
            reason = reason[:600] + "…"
        print(f"FAIL {name}: {reason}", flush=True)


def describe_dfns_error(exc: DfnsError) -> str:
    text = f"HTTP {exc.status_code}: {exc.message}"
    if exc.error_code:
        text += f" (code {exc.error_code})"
    if exc.details:
        text += f" details={json.dumps(exc.details, ensure_ascii=False)[:200]}"
    return text


# --------------------------------------------------------------------------------------------
# Shape assertions


def check_fields(obj: Any, required: dict[str, type], optional: dict[str, type], where: str) -> dict:
    assert isinstance(obj, dict), f"{where} is {type(obj).__name__}, expected an object"
    for key, typ in required.items():
        assert key in obj, f"{where}.{key} missing (keys: {sorted(obj)})"
        check_type(obj[key], typ, f"{where}.{key}")
    for key, typ in optional.items():
        if obj.get(key) is not None:
            check_type(obj[key], typ, f"{where}.{key}")
    return obj


def check_type(value: Any, typ: type, where: str) -> None:
    ok = isinstance(value, typ) and not (typ is int and isinstance(value, bool))
    assert ok, f"{where} is {type(value).__name__} ({short(value)}), expected {typ.__name__}"


def short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return REDACT(text if len(text) <= 60 else text[:60] + "…")


def check_id(value: Any, prefix: str, where: str) -> None:
    check_type(value, str, where)
    assert re.fullmatch(re.escape(prefix) + ID_PATTERN, value) and len(value) <= 64, (
        f"{where} = {value!r} does not match {prefix}{ID_PATTERN}"
    )


def check_date(value: Any, where: str) -> None:
    check_type(value, str, where)
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise AssertionError(f"{where} = {value!r} is not an ISO-8601 date-time") from None


def check_assignments(items: list, where: str) -> None:
    for i, item in enumerate(items):
        check_fields(item, ASSIGNMENT_REQUIRED, {"operations": list}, f"{where}[{i}]")


def check_user(user: Any, where: str) -> dict:
    check_fields(user, USER_REQUIRED, USER_OPTIONAL, where)
    check_id(user["userId"], "us", f"{where}.userId")
    assert user["kind"] in {"CustomerEmployee", "EndUser", "TenantUser"}, f"{where}.kind = {user['kind']!r}"
    check_assignments(user["permissionAssignments"], f"{where}.permissionAssignments")
    return user


def check_service_account(sa: Any, where: str, *, with_token: bool) -> dict:
    assert isinstance(sa, dict), f"{where} is {type(sa).__name__}, expected an object"
    assert set(sa) >= {"userInfo", "accessTokens"}, f"{where} lacks userInfo/accessTokens (keys: {sorted(sa)})"
    info = check_fields(sa["userInfo"], SA_USERINFO_REQUIRED, SA_USERINFO_OPTIONAL, f"{where}.userInfo")
    check_id(info["userId"], "us", f"{where}.userInfo.userId")
    assert info["isServiceAccount"] is True, f"{where}.userInfo.isServiceAccount is {info['isServiceAccount']!r}"
    assert info["kind"] == "CustomerEmployee", f"{where}.userInfo.kind = {info['kind']!r}, expected CustomerEmployee"
    check_assignments(info["permissionAssignments"], f"{where}.userInfo.permissionAssignments")
    tokens = sa["accessTokens"]
    check_type(tokens, list, f"{where}.accessTokens")
    assert tokens, f"{where}.accessTokens is empty"
    for i, token in enumerate(tokens):
        tw = f"{where}.accessTokens[{i}]"
        check_fields(token, TOKEN_REQUIRED, TOKEN_OPTIONAL, tw)
        check_id(token["tokenId"], "to", f"{tw}.tokenId")
        check_date(token["dateCreated"], f"{tw}.dateCreated")
        assert token["kind"] in TOKEN_KINDS, f"{tw}.kind = {token['kind']!r}"
        assert token["linkedUserId"] == info["userId"], f"{tw}.linkedUserId is not userInfo.userId"
        check_assignments(token["permissionAssignments"], f"{tw}.permissionAssignments")
        if with_token and i == 0:
            assert isinstance(token.get("accessToken"), str) and token["accessToken"], (
                f"{tw}.accessToken missing from the create response (the only copy of the token)"
            )
        elif not with_token:
            assert "accessToken" not in token or token["accessToken"] is None, (
                f"{tw}.accessToken present outside the create response (token must be returned once)"
            )
    return sa


def check_credential(cred: Any, where: str) -> dict:
    check_fields(cred, CREDENTIAL_REQUIRED, CREDENTIAL_OPTIONAL, where)
    assert cred["kind"] in CREDENTIAL_KINDS, f"{where}.kind = {cred['kind']!r}"
    assert cred["credentialUuid"], f"{where}.credentialUuid is empty"
    check_date(cred["dateCreated"], f"{where}.dateCreated")
    return cred


def check_webhook(hook: Any, where: str, *, with_secret: bool) -> dict:
    check_fields(hook, WEBHOOK_REQUIRED, WEBHOOK_OPTIONAL, where)
    check_id(hook["id"], "wh", f"{where}.id")
    assert hook["status"] in {"Enabled", "Disabled"}, f"{where}.status = {hook['status']!r}"
    assert hook["events"] and all(isinstance(e, str) for e in hook["events"]), f"{where}.events = {short(hook['events'])}"
    check_date(hook["dateCreated"], f"{where}.dateCreated")
    check_date(hook["dateUpdated"], f"{where}.dateUpdated")
    if with_secret:
        assert isinstance(hook.get("secret"), str) and hook["secret"], f"{where}.secret missing from the create response"
    else:
        assert "secret" not in hook or hook["secret"] is None, f"{where} carries `secret` (only the create response may)"
    return hook


def expect_dfns_error(fn: Callable[[], Any], status: int, what: str) -> DfnsError:
    try:
        fn()
    except DfnsError as exc:
        assert exc.status_code == status, f"{what}: expected HTTP {status}, got {describe_dfns_error(exc)}"
        assert exc.message and exc.message != "Unknown error", (
            f"{what}: HTTP {status} without error.message (Dfns error envelope expected)"
        )
        return exc
    raise AssertionError(f"{what}: expected HTTP {status}, but the call succeeded")


# --------------------------------------------------------------------------------------------
# Keys and the Key-credential attestation (reference §4.4; the SDK has no helper for it)


def generate_private_key(alg: str):
    if alg == "ecdsa-p256":
        return ec.generate_private_key(ec.SECP256R1())
    if alg == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    if alg == "rsa-2048":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    raise ValueError(f"unknown algorithm {alg}")


def private_pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def public_pem(key, *, pkcs1: bool = False) -> str:
    fmt = serialization.PublicFormat.PKCS1 if pkcs1 else serialization.PublicFormat.SubjectPublicKeyInfo
    return key.public_key().public_bytes(serialization.Encoding.PEM, fmt).decode()


def key_matches(key, alg: str) -> bool:
    if alg == "ecdsa-p256":
        return isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    if alg == "ed25519":
        return isinstance(key, ed25519.Ed25519PrivateKey)
    if alg == "rsa-2048":
        return isinstance(key, rsa.RSAPrivateKey) and key.key_size >= 2048
    return False


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def build_key_attestation(challenge: str, new_key, cred_id: str, origin: str) -> tuple[dict, str]:
    """credentialInfo for a Key credential, as reference §4.4 describes.

    The signature over the fingerprint uses the SDK's own KeySigner signing primitive
    (`_sign_bytes`: ECDSA/SHA-256 DER, Ed25519 raw, RSA PKCS#1 v1.5/SHA-256), hex-encoded.
    Returns (credentialInfo, public key PEM).
    """
    pem = public_pem(new_key)
    client_data = json.dumps(
        {"type": "key.create", "challenge": challenge, "origin": origin, "crossOrigin": False},
        separators=(",", ":"),
    ).encode()
    fingerprint_json = json.dumps(
        {"clientDataHash": hashlib.sha256(client_data).hexdigest(), "publicKey": pem},
        separators=(",", ":"),
    ).encode()
    signer = KeySigner(credential_id=cred_id, private_key=private_pem(new_key), app_origin=origin)
    signature = signer._sign_bytes(fingerprint_json)  # the SDK's signing primitive
    attestation = json.dumps({"publicKey": pem, "signature": signature.hex()}, separators=(",", ":")).encode()
    info = {"credId": cred_id, "clientData": b64url(client_data), "attestationData": b64url(attestation)}
    return info, pem


# --------------------------------------------------------------------------------------------


class WebhookReceiver:
    """A local HTTP endpoint that records webhook deliveries and answers 200."""

    def __init__(self) -> None:
        self.deliveries: list[tuple[dict[str, str], bytes]] = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with receiver.arrived:
                    receiver.deliveries.append(({k.lower(): v for k, v in self.headers.items()}, body))
                    receiver.arrived.notify_all()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/conformance-hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[tuple[dict[str, str], bytes]]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.deliveries) >= count, timeout=timeout)
            return list(self.deliveries)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def parse_env_file(path: str) -> dict[str, str]:
    values: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("export "):
                line = line[len("export "):].lstrip()
            key, sep, value = line.partition("=")
            if not sep:
                continue
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values[key.strip()] = value
    return values


def make_client(base_url: str, token: str, cred_id: str, key_pem: str) -> DfnsClient:
    signer = KeySigner(credential_id=cred_id, private_key=key_pem)
    return DfnsClient(DfnsClientConfig(auth_token=token, base_url=base_url, signer=signer))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--alg", required=True, choices=ALGORITHMS)
    parser.add_argument("--env-file", required=True, help="operator.env written by dfns-emulator --bootstrap-out")
    parser.add_argument("--base-url", help="URL from the emulator's `listening on` line (compared with DFNS_API_URL)")
    args = parser.parse_args()

    alg = args.alg
    tag = f"{alg}-{secrets.token_hex(4)}"
    r = Runner(prefix=f"{alg}/")
    ctx: dict[str, Any] = {}

    # ---------------------------------------------------------------- bootstrap
    def bootstrap() -> None:
        env = parse_env_file(args.env_file)
        for key in ("DFNS_API_URL", "DFNS_AUTH_TOKEN", "DFNS_CRED_ID", "DFNS_PRIVATE_KEY"):
            assert env.get(key), f"{key} missing from operator.env"
        REDACT.add(env["DFNS_AUTH_TOKEN"])
        url = env["DFNS_API_URL"].rstrip("/")
        if args.base_url:
            assert url == args.base_url.rstrip("/"), (
                f"DFNS_API_URL {url!r} differs from the listening URL {args.base_url!r}"
            )
        key_ref = env["DFNS_PRIVATE_KEY"]
        if key_ref.lstrip().startswith("-----BEGIN"):
            raise AssertionError("DFNS_PRIVATE_KEY holds PEM text; expected the path of a PEM key file")
        key_path = key_ref if os.path.isabs(key_ref) else os.path.join(os.path.dirname(args.env_file), key_ref)
        assert os.path.isfile(key_path), f"DFNS_PRIVATE_KEY file {key_ref!r} does not exist"
        for path in (args.env_file, key_path):
            mode = stat.S_IMODE(os.stat(path).st_mode)
            assert mode & 0o077 == 0, f"{os.path.basename(path)} has mode {mode:o}, expected 600"
        with open(key_path, encoding="utf-8") as fh:
            key_pem = fh.read()
        key = serialization.load_pem_private_key(key_pem.encode(), password=None)
        assert key_matches(key, alg), f"operator key is {type(key).__name__}, expected {alg}"
        ctx.update(url=url, op_token=env["DFNS_AUTH_TOKEN"], op_cred=env["DFNS_CRED_ID"], op_key=key_pem)
        ctx["op"] = make_client(url, env["DFNS_AUTH_TOKEN"], env["DFNS_CRED_ID"], key_pem)
        print(f"  operator credId={env['DFNS_CRED_ID']} token={fingerprint(env['DFNS_AUTH_TOKEN'])}"
              f" key={fingerprint(key_pem)} url={url}", flush=True)

    r.run("bootstrap.operator-env", bootstrap)
    if "bootstrap.operator-env" not in r.ok:
        return finish(r)
    op: DfnsClient = ctx["op"]

    def action_challenge() -> None:
        ch = op.auth.create_user_action_challenge({
            "userActionHttpMethod": "POST", "userActionHttpPath": "/webhooks",
            "userActionPayload": "{}", "userActionServerKind": "Api",
        })
        check_fields(ch, {"challenge": str, "challengeIdentifier": str, "allowCredentials": dict}, {
            "supportedCredentialKinds": list, "userVerification": str, "rp": dict,
            "externalAuthenticationUrl": str}, "challenge")
        keys = ch["allowCredentials"].get("key")
        assert isinstance(keys, list), "allowCredentials.key missing"
        ids = [c.get("id") for c in keys]
        assert ctx["op_cred"] in ids, "allowCredentials.key does not list the operator's DFNS_CRED_ID"
        assert all(c.get("type") == "public-key" for c in keys), "allowCredentials.key[].type is not public-key"

    r.run("action.init.allow-credentials", action_challenge, needs=("bootstrap.operator-env",))

    # ---------------------------------------------------------------- service accounts (as operator)
    def sa_list_initial() -> None:
        res = op.auth.list_service_accounts()
        check_fields(res, {"items": list}, {}, "list")
        for i, sa in enumerate(res["items"]):
            check_service_account(sa, f"items[{i}]", with_token=False)

    r.run("service-accounts.list", sa_list_initial)

    def sa_create() -> None:
        key = generate_private_key(alg)
        name = f"conformance-sa-{tag}"
        body = {"name": name, "publicKey": public_pem(key), "externalId": f"conformance-{tag}", "daysValid": 30}
        sa = check_service_account(op.auth.create_service_account(body), "created", with_token=True)
        info, token = sa["userInfo"], sa["accessTokens"][0]
        assert info["name"] == name, f"userInfo.name = {info['name']!r}, expected {name!r}"
        assert info["isActive"] is True, "new service account is not active"
        assert token["isActive"] is True, "new service-account token is not active"
        REDACT.add(token["accessToken"])
        ctx.update(sa_id=info["userId"], sa_name=name, sa_token=token["accessToken"],
                   sa_cred=token["credId"], sa_key=private_pem(key), sa_token_id=token["tokenId"])
        REDACT.add(ctx["sa_key"])
        print(f"  service account {info['userId']} token={fingerprint(token['accessToken'])}"
              f" credId={token['credId']}", flush=True)

    r.run("service-accounts.create", sa_create)

    def sa_list_contains() -> None:
        res = op.auth.list_service_accounts()
        found = [sa for sa in res["items"] if sa.get("userInfo", {}).get("userId") == ctx["sa_id"]]
        assert len(found) == 1, f"created service account listed {len(found)} times"
        check_service_account(found[0], "listed", with_token=False)

    r.run("service-accounts.list.contains-created", sa_list_contains, needs=("service-accounts.create",))

    def sa_get() -> None:
        sa = check_service_account(op.auth.get_service_account(ctx["sa_id"]), "get", with_token=False)
        assert sa["accessTokens"][0]["tokenId"] == ctx["sa_token_id"], "get returns another tokenId"
        assert sa["accessTokens"][0]["credId"] == ctx["sa_cred"], "get returns another credId"

    r.run("service-accounts.get", sa_get, needs=("service-accounts.create",))

    def sa_update(new_name: str) -> None:
        sa = op.auth.update_service_account(ctx["sa_id"], {"name": new_name, "externalId": f"conformance-{tag}-2"})
        check_service_account(sa, "updated", with_token=False)
        assert sa["userInfo"]["name"] == new_name, f"userInfo.name = {sa['userInfo']['name']!r} after update"
        again = op.auth.get_service_account(ctx["sa_id"])
        assert again["userInfo"]["name"] == new_name, "get after update does not show the new name"
        ctx["sa_name"] = new_name

    r.run("service-accounts.update", lambda: sa_update(f"conformance-sa-{tag}-renamed"),
          needs=("service-accounts.create",))
    # Non-ASCII on purpose: the SDK signs `json.dumps` text (\u escapes) while httpx sends raw UTF-8,
    # so the emulator must compare the user-action payload with the body as JSON values (issue 3).
    r.run("service-accounts.update.non-ascii", lambda: sa_update(f"conformance-sa-{tag}-ünïcödé-✓"),
          needs=("service-accounts.create",))

    # ---------------------------------------------------------------- acting as the service account
    def sa_client(cred_key: str = "sa_cred", key_key: str = "sa_key") -> DfnsClient:
        return make_client(ctx["url"], ctx["sa_token"], ctx[cred_key], ctx[key_key])

    def as_sa_credentials_list() -> None:
        res = sa_client().auth.list_credentials()
        check_fields(res, {"items": list}, {}, "list")
        for i, cred in enumerate(res["items"]):
            check_credential(cred, f"items[{i}]")
        mine = [c for c in res["items"] if c["credentialId"] == ctx["sa_cred"]]
        assert mine, "the service account's own credential (accessTokens[0].credId) is not listed"
        assert mine[0]["kind"] == "Key" and mine[0]["isActive"] is True, "own credential is not an active Key"
        ctx["sa_cred_uuid"] = mine[0]["credentialUuid"]

    r.run("as-sa.credentials.list", as_sa_credentials_list, needs=("service-accounts.create",))

    def as_sa_credential_create() -> None:
        client = sa_client()
        init = client.auth.create_credential_challenge({"kind": "Key"})
        check_fields(init, {"kind": str, "challenge": str, "challengeIdentifier": str, "user": dict,
                            "pubKeyCredParams": list}, {"rp": dict, "attestation": str,
                                                        "temporaryAuthenticationToken": str}, "init")
        assert init["kind"] == "Key", f"init.kind = {init['kind']!r}"
        check_fields(init["user"], {"id": str, "name": str, "displayName": str}, {}, "init.user")
        new_key = generate_private_key(alg)
        cred_id = b64url(secrets.token_bytes(32))
        info, pem = build_key_attestation(init["challenge"], new_key, cred_id, "https://app.dfns.io")
        name = f"conformance-key-{tag}"
        cred = client.auth.create_credential({
            "credentialKind": "Key", "credentialName": name,
            "challengeIdentifier": init["challengeIdentifier"], "credentialInfo": info,
        })
        check_credential(cred, "created")
        assert cred["kind"] == "Key", f"created.kind = {cred['kind']!r}"
        assert cred["credentialId"] == cred_id, "created.credentialId is not the credId we chose"
        assert cred["name"] == name, f"created.name = {cred['name']!r}"
        assert cred["isActive"] is True, "new credential is not active"
        ctx.update(sa_cred2=cred_id, sa_key2=private_pem(new_key), sa_cred2_uuid=cred["credentialUuid"])
        REDACT.add(ctx["sa_key2"])

    r.run("as-sa.credentials.create", as_sa_credential_create, needs=("service-accounts.create",))

    def as_sa_new_credential_allowed() -> None:
        ch = sa_client().auth.create_user_action_challenge({
            "userActionHttpMethod": "POST", "userActionHttpPath": "/auth/service-accounts/credentials",
            "userActionPayload": "", "userActionServerKind": "Api",
        })
        ids = [c.get("id") for c in ch.get("allowCredentials", {}).get("key", [])]
        for which in ("sa_cred", "sa_cred2"):
            assert ctx[which] in ids, f"allowCredentials.key does not list {which} ({ctx[which]})"

    r.run("as-sa.action.init.lists-new-credential", as_sa_new_credential_allowed,
          needs=("as-sa.credentials.create",))

    def as_sa_sa_credential_create() -> None:
        # Signed with the credential added above: proves it is usable for a real mutating call.
        client = sa_client("sa_cred2", "sa_key2")
        key = generate_private_key(alg)
        pem = public_pem(key, pkcs1=(alg == "rsa-2048"))  # PKCS#1 RSA PEM is allowed (reference §2.2)
        name = f"conformance-sa-cred-{tag}"
        cred = client.auth.create_service_account_credential({"publicKey": pem, "name": name})
        check_credential(cred, "created")
        assert cred["kind"] == "Key", f"created.kind = {cred['kind']!r}"
        assert cred["isActive"] is True, "new credential is not active"
        assert cred["name"] == name, f"created.name = {cred['name']!r}"
        ctx.update(sa_cred3=cred["credentialId"], sa_cred3_uuid=cred["credentialUuid"], sa_key3=private_pem(key))
        REDACT.add(ctx["sa_key3"])

    r.run("as-sa.service-account-credentials.create", as_sa_sa_credential_create,
          needs=("as-sa.credentials.create",))

    def as_sa_credentials_list_after() -> None:
        res = sa_client("sa_cred3", "sa_key3").auth.list_credentials()  # GET: no signature needed
        by_id = {c.get("credentialId"): c for c in res["items"]}
        for which in ("sa_cred", "sa_cred2", "sa_cred3"):
            assert ctx[which] in by_id, f"{which} is not listed"
            check_credential(by_id[ctx[which]], which)
            assert by_id[ctx[which]]["isActive"] is True, f"{which} is not active"

    r.run("as-sa.credentials.list.after-create", as_sa_credentials_list_after,
          needs=("as-sa.service-account-credentials.create",))

    def as_sa_sa_credential_delete() -> None:
        client = sa_client("sa_cred3", "sa_key3")  # signed with the newest credential
        res = client.auth.delete_service_account_credential(ctx["sa_cred2_uuid"])
        assert res is None or isinstance(res, dict), f"delete answered {short(res)}"
        listed = sa_client().auth.list_credentials()["items"]
        assert not any(c.get("credentialUuid") == ctx["sa_cred2_uuid"] for c in listed), (
            "deleted credential is still listed")

    r.run("as-sa.service-account-credentials.delete", as_sa_sa_credential_delete,
          needs=("as-sa.service-account-credentials.create",))

    # ---------------------------------------------------------------- users
    def users_list() -> None:
        res = op.auth.list_users()
        check_fields(res, {"items": list}, {"nextPageToken": str}, "list")
        assert res["items"], "no users listed (the operator at least should be)"
        for i, user in enumerate(res["items"]):
            check_user(user, f"items[{i}]")
        humans = [u for u in res["items"] if u["kind"] == "CustomerEmployee" and not u["isServiceAccount"]]
        assert humans, "no CustomerEmployee (the bootstrap operator) listed"
        if "sa_id" in ctx:
            everyone = {u["userId"]: u for u in walk_users(op, limit=200)}
            assert ctx["sa_id"] in everyone, "the service account is not among the users"
            assert everyone[ctx["sa_id"]]["isServiceAccount"] is True, "the SA's user has isServiceAccount false"

    r.run("users.list", users_list)

    def users_list_paginated() -> None:
        pages = walk_users(op, limit=1, pages=True)
        all_ids = [u["userId"] for page in pages for u in page]
        assert all(len(page) <= 1 for page in pages), "limit=1 returned more than one user on a page"
        assert len(all_ids) == len(set(all_ids)), "pagination repeats users"
        full = [u["userId"] for u in walk_users(op, limit=200)]
        assert sorted(all_ids) == sorted(full), "limit=1 pages do not add up to the full list"
        if len(full) > 1:
            assert len(pages) > 1, "more than one user but limit=1 gave a single page (no nextPageToken)"

    r.run("users.list.paginated", users_list_paginated, needs=("users.list",))

    # ---------------------------------------------------------------- policy approvals (read only)
    def approvals_list() -> None:
        res = op.policies.list_approvals({"status": "Pending"})
        check_fields(res, {"items": list}, {"nextPageToken": str}, "list")
        for i, item in enumerate(res["items"]):
            check_fields(item, {"id": str, "initiatorId": str, "status": str, "activity": dict}, {}, f"items[{i}]")
            assert item["status"] == "Pending", f"items[{i}].status is {item['status']!r} with status=Pending"
        expect_dfns_error(lambda: op.policies.list_approvals({"status": "Held"}), 400, "status=Held")

    r.run("policy-approvals.list", approvals_list)

    # ---------------------------------------------------------------- service account lifecycle end
    def sa_deactivate(body: dict) -> None:
        sa = op.auth.deactivate_service_account(ctx["sa_id"], body)
        check_service_account(sa, "deactivated", with_token=False)
        assert sa["userInfo"]["isActive"] is False, "userInfo.isActive is still true after deactivate"
        again = op.auth.get_service_account(ctx["sa_id"])
        assert again["userInfo"]["isActive"] is False, "get after deactivate shows isActive true"

    r.run("service-accounts.deactivate", lambda: sa_deactivate({"force": False}), needs=("service-accounts.create",))

    def sa_token_refused() -> None:
        expect_dfns_error(lambda: sa_client().auth.list_credentials(), 401, "deactivated SA token")

    r.run("service-accounts.deactivated-token-401", sa_token_refused, needs=("service-accounts.deactivate",))

    def sa_activate() -> None:
        sa = op.auth.activate_service_account(ctx["sa_id"])
        check_service_account(sa, "activated", with_token=False)
        assert sa["userInfo"]["isActive"] is True, "userInfo.isActive is false after activate"
        sa_client().auth.list_credentials()  # the token works again

    r.run("service-accounts.activate", sa_activate, needs=("service-accounts.deactivate",))

    # The SDK signs userActionPayload "" for an empty dict (`if body` is false) while httpx still
    # sends the body `{}`: the natural call `deactivate_service_account(id, {})` must work too.
    r.run("service-accounts.deactivate.empty-body", lambda: sa_deactivate({}), needs=("service-accounts.activate",))

    def sa_delete() -> None:
        sa = op.auth.delete_service_account(ctx["sa_id"])  # no query: avoids the §2.4 path/query conflict
        # Response: the SA object (legacy "Archive" example: isActive false, accessTokens possibly []).
        assert isinstance(sa, dict) and "userInfo" in sa, f"delete answered {short(sa)}, expected the SA object"
        info = check_fields(sa["userInfo"], SA_USERINFO_REQUIRED, SA_USERINFO_OPTIONAL, "deleted.userInfo")
        assert info["userId"] == ctx["sa_id"], "deleted.userInfo.userId is another id"
        assert info["isActive"] is False, "deleted SA still has userInfo.isActive true"
        check_type(sa.get("accessTokens"), list, "deleted.accessTokens")
        for i, token in enumerate(sa["accessTokens"]):
            assert token.get("accessToken") is None, f"deleted.accessTokens[{i}] carries accessToken"
        listed = [s.get("userInfo", {}).get("userId") for s in op.auth.list_service_accounts()["items"]]
        if ctx["sa_id"] in listed:
            state = op.auth.get_service_account(ctx["sa_id"])["userInfo"]["isActive"]
            assert state is False, "deleted SA is still listed as active"
        expect_dfns_error(lambda: sa_client().auth.list_credentials(), 401, "deleted SA token")

    r.run("service-accounts.delete", sa_delete, needs=("service-accounts.create",))

    # ---------------------------------------------------------------- webhooks
    receiver = WebhookReceiver()

    def webhook_create() -> None:
        body = {
            "url": receiver.url,
            "events": ["wallet.created", "key.created"],
            "status": "Enabled",
            "description": f"conformance {tag}",
        }
        hook = check_webhook(op.webhooks.create_webhook(body), "created", with_secret=True)
        REDACT.add(hook["secret"])
        assert hook["url"] == body["url"], f"url = {hook['url']!r}"
        assert set(hook["events"]) == set(body["events"]), f"events = {short(hook['events'])}"
        assert hook["status"] == "Enabled", f"status = {hook['status']!r}"
        assert hook.get("description") == body["description"], f"description = {short(hook.get('description'))}"
        ctx.update(wh_id=hook["id"], wh_desc=body["description"], wh_secret=hook["secret"])
        print(f"  webhook {hook['id']} secret={fingerprint(hook['secret'])}", flush=True)

    r.run("webhooks.create", webhook_create)

    def webhook_get() -> None:
        hook = check_webhook(op.webhooks.get_webhook(ctx["wh_id"]), "get", with_secret=False)
        assert hook["id"] == ctx["wh_id"], "get returns another id"
        assert hook.get("description") == ctx["wh_desc"], "description differs from the one sent"

    r.run("webhooks.get", webhook_get, needs=("webhooks.create",))

    def webhook_list() -> None:
        res = op.webhooks.list_webhooks({"limit": 200})
        check_fields(res, {"items": list}, {"nextPageToken": str}, "list")
        for i, hook in enumerate(res["items"]):
            check_webhook(hook, f"items[{i}]", with_secret=False)
        assert any(h["id"] == ctx["wh_id"] for h in res["items"]), "created webhook not listed"
        first = op.webhooks.list_webhooks({"limit": 1})
        assert len(first["items"]) <= 1, "limit=1 returned more than one webhook"

    r.run("webhooks.list", webhook_list, needs=("webhooks.create",))

    def webhook_ping() -> None:
        before = len(receiver.deliveries)
        res = op.webhooks.ping_webhook(ctx["wh_id"])
        check_fields(res, {"status": str}, {"error": str}, "ping")
        assert res["status"] == "200", f"ping status = {res['status']!r}, expected '200' (the receiver's answer)"
        deliveries = receiver.wait_for(before + 1)
        assert len(deliveries) == before + 1, f"receiver got {len(deliveries) - before} deliveries, expected 1"
        headers, raw = deliveries[-1]
        signature = headers.get("x-dfns-webhook-signature", "")
        expected = "sha256=" + hmac.new(ctx["wh_secret"].encode(), raw, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(signature, expected), (
            "X-DFNS-WEBHOOK-SIGNATURE is not sha256=<hex HMAC-SHA256(secret from the create response, raw body)>")
        other = "sha256=" + hmac.new(b"whs-not-the-secret", raw, hashlib.sha256).hexdigest()
        assert not hmac.compare_digest(signature, other), "the signature also verifies with another secret"
        event = json.loads(raw)
        check_fields(event, {"id": str, "kind": str, "date": str, "data": dict, "deliveryAttempt": int,
                             "timestampSent": int}, {"retryOf": str}, "delivery")
        check_id(event["id"], "whe", "delivery.id")
        check_date(event["date"], "delivery.date")
        assert event["deliveryAttempt"] >= 1, f"delivery.deliveryAttempt = {event['deliveryAttempt']}"
        assert abs(time.time() - event["timestampSent"]) < 300, "delivery.timestampSent is not within 300 s of now"

    r.run("webhooks.ping", webhook_ping, needs=("webhooks.create",))

    def webhook_update() -> None:
        body = {"status": "Disabled", "events": ["*"], "description": f"conformance {tag} updated"}
        hook = check_webhook(op.webhooks.update_webhook(ctx["wh_id"], body), "updated", with_secret=False)
        assert hook["status"] == "Disabled", f"status = {hook['status']!r} after update"
        assert hook["events"] == ["*"], f"events = {short(hook['events'])} after update"
        assert hook.get("description") == body["description"], "description not updated"
        again = op.webhooks.get_webhook(ctx["wh_id"])
        assert again["status"] == "Disabled", "get after update does not show status Disabled"

    r.run("webhooks.update", webhook_update, needs=("webhooks.create",))

    def webhook_delete() -> None:
        res = op.webhooks.delete_webhook(ctx["wh_id"])
        assert isinstance(res, dict) and res.get("deleted") is True, f"delete answered {short(res)}, expected {{deleted: true}}"
        expect_dfns_error(lambda: op.webhooks.get_webhook(ctx["wh_id"]), 404, "get of a deleted webhook")
        listed = op.webhooks.list_webhooks({"limit": 200})["items"]
        assert not any(h.get("id") == ctx["wh_id"] for h in listed), "deleted webhook still listed"

    r.run("webhooks.delete", webhook_delete, needs=("webhooks.create",))

    receiver.close()
    op.close()
    return finish(r)


def walk_users(client: DfnsClient, *, limit: int, pages: bool = False, max_pages: int = 100):
    collected: list = []
    token = None
    for _ in range(max_pages):
        query: dict[str, Any] = {"limit": limit}
        if token:
            query["paginationToken"] = token
        res = client.auth.list_users(query)
        check_fields(res, {"items": list}, {"nextPageToken": str}, "list")
        collected.append(res["items"])
        token = res.get("nextPageToken")
        if not token:
            break
    else:
        raise AssertionError(f"pagination did not end after {max_pages} pages")
    return collected if pages else [u for page in collected for u in page]


def finish(r: Runner) -> int:
    print(f"RESULT passed={r.passed} failed={r.failed} skipped={r.skipped}", flush=True)
    return 0 if r.failed == 0 and r.skipped == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
