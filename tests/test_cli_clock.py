"""`gongkai tokens list` shows its times on the operators' clock (the scheduler's timezone) and says so, as `gongkai
jobs` and `gongkai quarantine list` do (probe3: it printed UTC without a word, 01:59 for a token made at 09:59 in
Xiamen, beside a quarantine list in Beijing time). Real SQLite and CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app

runner = CliRunner()

pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py


def test_tokens_list_says_its_clock(tmp_path):
    data = tmp_path / "data"
    assert runner.invoke(app, ["--data-dir", str(data), "tokens", "create", "厦门市财政局"]).exit_code == 0
    [row] = [json.loads(line) for line in runner.invoke(app, ["--data-dir", str(data), "tokens", "list", "--json"]).stdout.splitlines()]
    table = runner.invoke(app, ["--data-dir", str(data), "tokens", "list"])
    assert table.exit_code == 0 and "times in Asia/Shanghai" in table.stdout
    created = datetime.fromisoformat(str(row["created_at"]))
    beijing = (created.replace(tzinfo=created.tzinfo or UTC) + timedelta(hours=8)).strftime("%H:%M:%S")
    assert beijing in table.stdout and "+00:00" in row["created_at"]  # the table on Beijing's clock; --json keeps UTC


def test_sources_status_says_its_clock(tmp_path):
    data, records = tmp_path / "data", tmp_path / "r.jsonl"
    records.write_text('{"title": "财政局通知", "source": "厦门市财政局"}\n', encoding="utf-8")
    assert runner.invoke(app, ["--data-dir", str(data), "ingest", str(records)]).exit_code == 0
    rows = json.loads(runner.invoke(app, ["--data-dir", str(data), "sources", "status", "--json"]).stdout)
    [row] = [r for r in rows if r["name"] == "厦门市财政局"]
    table = runner.invoke(app, ["--data-dir", str(data), "sources", "status"], env={"COLUMNS": "160"})
    assert "times in Asia/Shanghai" in table.stdout
    newest = datetime.fromisoformat(row["last_new_record"])
    beijing = (newest.replace(tzinfo=newest.tzinfo or UTC) + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    assert beijing in table.stdout, table.stdout
