"""The operator's feeds commands as a script reads them (session 10): times in --json as ISO 8601 with a T
(`quarantine list`, `tokens list`, `sync status` wrote str(datetime), "2026-12-06 08:09:55+00:00", which JavaScript's
Date and strict ISO readers refuse, beside `jobs`' 2026-12-06T08:09:55+00:00); `sync status` on the jobs' clock and
saying so (it printed the stored UTC time unsaid); `sync push --json` (there was none); and `sync push` to an
endpoint that took nothing (refused, down) exits 1 (it exited 0, "sent 0"). Real CLI, SQLite, a real closed port."""

from __future__ import annotations

import json
import re
import socket
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.cli_run import run
from tests.conftest import govcn_records

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?\+00:00")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def data(tmp_path):
    data = tmp_path / "data"
    records = tmp_path / "records.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in govcn_records()[:2]] + ['{"title": "缺日期", "publish_date": "去年某天"}']
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(data, "ingest", str(records)).exit_code == 0  # two stored, one quarantined
    assert run(data, "tokens", "create", "厦门市财政局").exit_code == 0
    return data


def test_json_times_are_iso_with_a_t(data):
    [entry] = [json.loads(line) for line in run(data, "quarantine", "list", "--json").stdout.splitlines()]
    [token] = [json.loads(line) for line in run(data, "tokens", "list", "--json").stdout.splitlines()]
    status = json.loads(run(data, "sync", "status", "--json").stdout)
    for value in (entry["created_at"], token["created_at"], status["oldest_pending"]):
        assert ISO.fullmatch(value), value
        assert datetime.fromisoformat(value).utcoffset() is not None


def test_sync_status_text_is_on_the_jobs_clock(data):
    oldest = datetime.fromisoformat(json.loads(run(data, "sync", "status", "--json").stdout)["oldest_pending"])
    text = run(data, "sync", "status").stdout
    beijing = oldest.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S")
    assert beijing in text and "times in Asia/Shanghai" in text and "+00:00" not in text


def test_sync_push_to_an_endpoint_that_takes_nothing_fails(data, monkeypatch):
    monkeypatch.setenv("GONGKAI_FEEDS__SYNC_URL", f"http://127.0.0.1:{_closed_port()}/sync")
    monkeypatch.setenv("GONGKAI_FEEDS__SYNC_BACKOFF_SECONDS", "0.01")
    monkeypatch.setenv("GONGKAI_FEEDS__SYNC_MAX_ATTEMPTS", "5")
    result = run(data, "sync", "push", "--max-batches", "1", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["sent"] == 0 and report["parked"] == 0 and report["failed_attempts"] >= 1
    assert any("connection" in error.lower() for error in report["errors"])
    result = run(data, "sync", "push", "--max-batches", "1")
    assert result.exit_code == 1 and "nothing was sent" in result.stderr
    assert json.loads(run(data, "sync", "status", "--json").stdout)["pending"] == 2  # still there to send


def test_tokens_create_json_gives_the_secret_and_its_id(data):
    """`tokens create` had no --json: a provisioning script parsed the token id out of a stderr sentence."""
    result = run(data, "tokens", "create", "厦门市教育局", "--json")
    assert result.exit_code == 0, result.output
    made = json.loads(result.stdout)
    assert made["token"].startswith("gk_") and made["agency"] == "厦门市教育局" and ISO.fullmatch(made["created_at"])
    listed = [json.loads(line) for line in run(data, "tokens", "list", "厦门市教育局", "--json").stdout.splitlines()]
    assert [row["token_id"] for row in listed] == [made["token_id"]]
    assert run(data, "tokens", "revoke", "--id", made["token_id"]).exit_code == 0
