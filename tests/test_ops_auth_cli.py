"""`python -m gongkai.ops.auth` without a terminal (polish, probe3's leftover: one line piped in echoed the password
prompt, then ended in an EOFError traceback at "again:"). It refuses with a message in Chinese and English, exit 2,
and takes the password as one line of standard input with --stdin (scripts). The real module in a subprocess."""

from __future__ import annotations

import subprocess
import sys

from gongkai.ops.auth import verify_password


def _auth(*args: str, stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai.ops.auth", *args], input=stdin, capture_output=True, timeout=60, check=False)


def test_one_line_piped_in_without_a_terminal_is_a_message_and_exit_2():
    done = _auth(stdin=b"s3cret-pass\n")
    assert done.returncode == 2, done
    err = done.stderr.decode()
    assert "Traceback" not in err and "没有终端" in err and "--stdin" in err
    assert b"s3cret-pass" not in done.stdout + done.stderr  # never echoed, never hashed silently
    assert done.stdout == b""


def test_stdin_takes_the_password_as_one_line():
    done = _auth("--stdin", stdin=b"s3cret-pass\n")
    assert done.returncode == 0, done.stderr.decode()
    stored = done.stdout.decode().splitlines()[0]
    assert verify_password("s3cret-pass", stored) and not verify_password("s3cret-pass\n", stored)


def test_an_empty_password_or_an_unknown_argument_is_a_message_and_exit_2():
    for args, stdin, said in [(("--stdin",), b"", "密码不能为空"), (("--stdin",), b"\n", "密码不能为空"), (("--nope",), b"", "用法")]:
        done = _auth(*args, stdin=stdin)
        assert done.returncode == 2 and said in done.stderr.decode() and "Traceback" not in done.stderr.decode(), (args, done)


def test_a_closed_standard_input_is_a_message_and_exit_2():
    for args in ("", "--stdin"):
        done = subprocess.run(f"'{sys.executable}' -m gongkai.ops.auth {args} <&-", shell=True, capture_output=True, timeout=60, check=False)
        assert done.returncode == 2 and b"Traceback" not in done.stderr and done.stderr, (args, done)
