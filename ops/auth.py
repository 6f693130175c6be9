"""Operator passwords: PBKDF2-SHA256 hashes kept in settings (scheduler.admin_password_hash).

    python -m gongkai.ops.auth            # asks for a password, prints the hash to put in gongkai.toml
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading

SCHEME = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 200_000

# A verified (hash, password digest) pair is remembered so that HTTP Basic, which sends the password with
# every request, does not cost a PBKDF2 run per request. Only a SHA-256 of hash+password is kept.
_verified: set[str] = set()
_verified_lock = threading.Lock()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str, iterations: int = DEFAULT_ITERATIONS) -> str:
    if not password:
        raise ValueError("the password must not be empty")
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{SCHEME}${iterations}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True if `password` matches `stored`; False for a wrong password or an empty/malformed hash."""
    if not stored or not password:
        return False
    cache_key = hashlib.sha256(f"{stored}\0{password}".encode()).hexdigest()
    with _verified_lock:
        if cache_key in _verified:
            return True
    try:
        scheme, iterations, salt, expected = stored.split("$")
        if scheme != SCHEME:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), _unb64(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    ok = hmac.compare_digest(digest, _unb64(expected))
    if ok:
        with _verified_lock:
            if len(_verified) > 1000:
                _verified.clear()
            _verified.add(cache_key)
    return ok


def main() -> None:
    import getpass

    password = getpass.getpass("admin password: ")
    if password != getpass.getpass("again: "):
        raise SystemExit("the two passwords differ")
    print(hash_password(password))
    print("put it in gongkai.toml under [scheduler] admin_password_hash, or in GONGKAI_SCHEDULER__ADMIN_PASSWORD_HASH")


if __name__ == "__main__":
    main()
