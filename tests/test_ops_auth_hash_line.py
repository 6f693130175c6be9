"""The admin password hash as an operator's script makes and sets it (session 10): `HASH=$(printf '%s\n' "$PW" |
python -m gongkai.ops.auth --stdin)` captured two lines (the hint was on standard output too), the server started,
and every admin login answered 500 with a base64 traceback. Now the hint is on stderr, a malformed hash is refused
when the settings load (naming the setting, never echoing a secret), and verify_password never raises.
A real child process for the command; the real settings loader."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gongkai.ops.auth import hash_password, verify_password
from gongkai.settings import SettingsError, load_settings


def test_standard_output_is_the_hash_alone():
    done = subprocess.run([sys.executable, "-m", "gongkai.ops.auth", "--stdin"], input="值班密码 2026\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    [line] = done.stdout.splitlines()
    assert line.startswith("pbkdf2_sha256$") and verify_password("值班密码 2026", line)
    assert "admin_password_hash" in done.stderr


@pytest.mark.parametrize("stored", ["{hash}\nput it in gongkai.toml", "pbkdf2_sha256$1000$abc$x", "pbkdf2_sha256$1000$!!$??"])
def test_a_malformed_hash_is_a_refusal_never_an_error(stored):
    good = hash_password("pw", iterations=1000)
    assert verify_password("pw", stored.format(hash=good)) is False


def test_the_settings_refuse_what_is_not_one_hash_and_never_echo_it(monkeypatch):
    good = hash_password("pw", iterations=10_000)
    monkeypatch.setenv("GONGKAI_SCHEDULER__ADMIN_PASSWORD_HASH", good)
    assert load_settings().scheduler.admin_password_hash == good
    for wrong in (good + "\nput it in gongkai.toml under [scheduler]", "s3cret-在明文里"):
        monkeypatch.setenv("GONGKAI_SCHEDULER__ADMIN_PASSWORD_HASH", wrong)
        with pytest.raises(SettingsError) as refused:
            load_settings()
        assert "scheduler.admin_password_hash" in str(refused.value) and "gongkai.ops.auth" in str(refused.value)
        assert "s3cret" not in str(refused.value) and good not in str(refused.value)
