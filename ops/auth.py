r"""Operator passwords: PBKDF2-SHA256 hashes kept in settings (scheduler.admin_password_hash).

    python -m gongkai.ops.auth            # asks for a password twice, prints the hash to put in gongkai.toml
    printf '%s\n' "$PW" | python -m gongkai.ops.auth --stdin   # the password as one line of standard input (scripts)

Without a terminal and without --stdin it refuses with a message, exit 2 (getpass would echo, then end in a traceback).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import sys
import threading
from typing import NoReturn

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
        ok = hmac.compare_digest(digest, _unb64(expected))
    except (ValueError, TypeError):  # binascii.Error is a ValueError: a malformed hash is a refusal, never a 500
        return False
    if ok:
        with _verified_lock:
            if len(_verified) > 1000:
                _verified.clear()
            _verified.add(cache_key)
    return ok


_NO_TERMINAL = ("没有终端，无法不回显地读取密码 / no terminal to read the password without echoing it: run this in a "
                "terminal, or pipe the password in with --stdin (printf '%s\\n' \"$PW\" | python -m gongkai.ops.auth --stdin)")


def _fail(message: str) -> NoReturn:
    """The command's refusal: the message on stderr, exit 2 (a usage problem), never a traceback."""
    print(message, file=sys.stderr)
    raise SystemExit(2)


def _password(from_stdin: bool) -> str:
    """The password, asked twice on a terminal, or one line of standard input with --stdin."""
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""  # (None: started with <&-)
    # getpass without a terminal falls back to echoing and then dies at the end of the piped input (EOFError).
    if sys.stdin is None or not sys.stdin.isatty():
        _fail(_NO_TERMINAL)
    try:
        password = getpass.getpass("admin password: ")
        if password != getpass.getpass("again: "):
            _fail("两次输入的密码不同 / the two passwords differ")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        _fail("已取消，未生成密码哈希 / cancelled: no hash made")
    return password


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if any(arg not in ("--stdin", "-h", "--help") for arg in args):
        _fail("用法 / usage: python -m gongkai.ops.auth [--stdin]")
    if "-h" in args or "--help" in args:
        print(__doc__)
        return
    password = _password("--stdin" in args)
    if not password:
        _fail("密码不能为空 / the password must not be empty")
    print(hash_password(password))
    # on stderr: standard output is the hash alone, so HASH=$(… --stdin) captures one line (it captured both, and
    # every admin login answered 500)
    print("put it in gongkai.toml under [scheduler] admin_password_hash, or in GONGKAI_SCHEDULER__ADMIN_PASSWORD_HASH",
          file=sys.stderr)


if __name__ == "__main__":
    main()
