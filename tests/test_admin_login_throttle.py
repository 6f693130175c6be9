"""The admin login throttle over a real socket (issue 16 item 7): 429 + Retry-After after N failures per
client address and per user name, decided before any PBKDF2 work (counted with a spy on the real function)."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.ops.auth import hash_password
from gongkai.settings import load_settings
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread

PASSWORD = "运维-口令-2026"


@pytest.fixture
def pbkdf2_runs(monkeypatch):
    """How many times the real PBKDF2 ran (the spy calls it)."""
    calls = []
    real = hashlib.pbkdf2_hmac

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counting)
    return calls


def serve(tmp_path, **limits):
    settings = load_settings(data_dir=tmp_path / "data", scheduler={
        "admin_user": "ops", "admin_password_hash": hash_password(PASSWORD, iterations=20_000), **limits,
    })
    engine = Engine(settings)
    return engine, serve_in_thread(create_app(engine))  # the served app as `gongkai serve` builds it


def client_from(base: str, address: str) -> httpx.Client:
    """A client whose connections come from `address` (any 127.x.y.z reaches the server on 127.0.0.1)."""
    return httpx.Client(base_url=base, timeout=10, transport=httpx.HTTPTransport(local_address=address))


def test_a_client_is_throttled_after_its_failures_before_any_password_work(tmp_path, pbkdf2_runs):
    engine, serving = serve(tmp_path, admin_login_max_failures=3, admin_login_user_max_failures=0, admin_login_window_seconds=60)
    pbkdf2_runs.clear()  # the hash made for the settings
    with serving as base, client_from(base, "127.0.0.2") as prober, client_from(base, "127.0.0.3") as operator:
        assert [prober.get("/admin/status.json", auth=("ops", f"guess{n}")).status_code for n in range(3)] == [401] * 3
        assert len(pbkdf2_runs) == 3
        for auth in [("ops", "guess4"), ("ops", PASSWORD), ("someone", "x")]:
            refused = prober.get("/admin/status.json", auth=auth)
            assert refused.status_code == 429, refused.text
            assert 1 <= int(refused.headers["retry-after"]) <= 60
            assert "admin_login_max_failures" in refused.json()["message"]
        assert len(pbkdf2_runs) == 3  # the refused attempts cost no PBKDF2 run, the right password neither
        # another address is not affected; its successful logins count nothing
        for _ in range(5):
            assert operator.get("/admin/status.json", auth=("ops", PASSWORD)).status_code == 200
    engine.close()


def test_a_user_name_is_throttled_across_addresses(tmp_path, pbkdf2_runs):
    engine, serving = serve(tmp_path, admin_login_max_failures=0, admin_login_user_max_failures=4, admin_login_window_seconds=60)
    with serving as base:
        clients = [client_from(base, f"127.0.0.{n}") for n in range(2, 6)]
        assert [c.get("/admin", auth=("ops", "wrong")).status_code for c in clients] == [401] * 4
        fresh = client_from(base, "127.0.0.9")
        refused = fresh.get("/admin", auth=("ops", PASSWORD))
        assert refused.status_code == 429 and "admin_login_user_max_failures" in refused.json()["message"]
        assert int(refused.headers["retry-after"]) >= 1
        runs = len(pbkdf2_runs)
        # made-up user names count under one shared name, not against the operator's
        assert [fresh.get("/admin", auth=(f"user{n}", "x")).status_code for n in range(4)] == [401] * 4
        assert fresh.get("/admin", auth=("user9", "x")).status_code == 429
        assert len(pbkdf2_runs) == runs + 4
        for c in [*clients, fresh]:
            c.close()
    engine.close()


def test_the_limits_default_on(tmp_path):
    settings = load_settings(data_dir=tmp_path / "data")
    conf = settings.scheduler
    assert (conf.admin_login_max_failures, conf.admin_login_user_max_failures, conf.admin_login_window_seconds) == (5, 20, 300)
