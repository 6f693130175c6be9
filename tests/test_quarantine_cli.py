"""`gongkai quarantine list` as an operator types it: a status it does not know is an error with the choices,
exit 2, not an empty table (probe, 2026-12-05: `--status opened` printed an empty table and exit 0, as if
nothing were quarantined)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app

runner = CliRunner()


pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py


def run(data_dir: Path, *args: str):
    return runner.invoke(app, ["--data-dir", str(data_dir), *args], catch_exceptions=False)


def test_quarantine_list_refuses_a_status_it_does_not_know(tmp_path):
    data, bad = tmp_path / "data", tmp_path / "bad.jsonl"
    bad.write_text('{"title": "坏日期", "publish_date": "2024-13-45"}\n', encoding="utf-8")
    assert run(data, "ingest", str(bad)).exit_code == 1  # an input quarantined
    listed = run(data, "quarantine", "list", "--json")
    assert listed.exit_code == 0 and [json.loads(line)["status"] for line in listed.stdout.splitlines()] == ["open"]
    for status in ("open", "all"):
        assert len(run(data, "quarantine", "list", "--status", status, "--json").stdout.splitlines()) == 1
    typo = run(data, "quarantine", "list", "--status", "opened")
    assert typo.exit_code == 2 and "open, resolved, retried, all" in typo.stderr and typo.stdout == ""
    assert run(data, "quarantine", "list", "--limit", "0").exit_code == 2


def test_quarantine_list_says_its_clock_and_a_retry_that_stores_nothing_exits_1(tmp_path):
    """probe2: the list printed UTC times without saying so while `gongkai jobs` prints the scheduler's timezone;
    a retry that put nothing in exited 0 as if it had worked."""
    from datetime import UTC, datetime, timedelta

    data, bad = tmp_path / "data", tmp_path / "bad.jsonl"
    bad.write_text('{"title": "坏日期", "publish_date": "2024-13-45"}\n', encoding="utf-8")
    run(data, "ingest", str(bad))
    entry = json.loads(run(data, "quarantine", "list", "--json").stdout)
    table = run(data, "quarantine", "list")
    assert table.exit_code == 0 and "times in Asia/Shanghai" in table.stdout
    stored = datetime.fromisoformat(str(entry["created_at"]))
    beijing = (stored.replace(tzinfo=stored.tzinfo or UTC) + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    assert beijing in table.stdout  # the stored UTC time shown as Beijing's clock
    again = run(data, "quarantine", "retry", str(entry["id"]))
    assert again.exit_code == 1 and "quarantined" in again.stdout  # the bad date is still bad: nothing went in
