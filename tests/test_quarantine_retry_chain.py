"""`gongkai quarantine retry` as an operator uses it after a fix: an item retried and failing again leaves a new
open entry (with the new reason) and its own one `retried`; once the fix is made, retrying the first entry by its id
must close the failed retry's entry too, else `quarantine list` keeps showing an item that went in (probe3).
Real SQLite, real Tantivy, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py


def entries(data_dir: Path) -> dict[int, dict]:
    listed = run(data_dir, "quarantine", "list", "--status", "all", "--json")
    return {item["id"]: item for item in map(json.loads, listed.stdout.splitlines())}


def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "big.jsonl"
    lines = [{"title": "小的记录", "body": "短"}, {"title": "大的记录", "body": "长" * 3000}]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def test_a_retry_that_succeeds_closes_the_entry_a_failed_retry_left_open(tmp_path, monkeypatch):
    data, path = tmp_path / "data", big_file(tmp_path)
    monkeypatch.setenv("GONGKAI_RECORDS__MAX_RECORD_BYTES", "2000")
    assert run(data, "ingest", str(path)).exit_code == 0  # the small record in, the big one quarantined
    [first] = entries(data)
    assert run(data, "quarantine", "retry", str(first)).exit_code == 1  # still over the limit
    after_fail = entries(data)
    # failing the same way again, it stays its one open entry (tests/test_quarantine_once.py: it was doubled, the first
    # marked retried); a retry failing another way adds an entry for the new reason (test_other_inputs_… below)
    assert [after_fail[i]["status"] for i in sorted(after_fail)] == ["open"]
    monkeypatch.delenv("GONGKAI_RECORDS__MAX_RECORD_BYTES")  # the fix: the default limit, 16 MiB
    again = run(data, "quarantine", "retry", "--json", str(first))
    assert again.exit_code == 0 and json.loads(again.stdout)["status"] == "new"
    final = entries(data)
    assert [final[i]["status"] for i in sorted(final)] == ["resolved"]
    assert run(data, "quarantine", "list", "--json").stdout == ""  # nothing open: the item went in
    assert "大的记录" in run(data, "search", "大的记录").stdout


def test_a_second_failed_retry_leaves_one_open_entry(tmp_path, monkeypatch):
    data, path = tmp_path / "data", big_file(tmp_path)
    monkeypatch.setenv("GONGKAI_RECORDS__MAX_RECORD_BYTES", "2000")
    run(data, "ingest", str(path))
    [first] = entries(data)
    run(data, "quarantine", "retry", str(first))
    run(data, "quarantine", "retry", str(first))  # the operator tries the first id again before the fix
    final = entries(data)
    assert [final[i]["status"] for i in sorted(final)] == ["open"]  # one open entry: it failed the same way each time


def test_other_inputs_of_the_same_name_are_left_alone(tmp_path, monkeypatch):
    """Two different bad lines of files of one name are two items: resolving one keeps the other open."""
    data = tmp_path / "data"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "坏日期一", "publish_date": "2024-13-01"}\n', encoding="utf-8")
    run(data, "ingest", str(bad))
    bad.write_text('{"title": "坏日期二", "publish_date": "2024-13-02"}\n', encoding="utf-8")
    run(data, "ingest", str(bad))
    first, _ = sorted(entries(data))
    run(data, "quarantine", "retry", str(first))  # fails again, the same way: still its one open entry
    assert [e["status"] for _, e in sorted(entries(data).items())] == ["open", "open"]
    run(data, "quarantine", "retry", str(first))  # and again: the second, another input, is left alone
    assert [e["status"] for _, e in sorted(entries(data).items())] == ["open", "open"]


def test_a_file_named_relative_to_the_shell_is_found_again_from_elsewhere(tmp_path, monkeypatch):
    """`gongkai ingest big.jsonl` kept the name as typed; a line kept without its bytes (over the size limit) is read
    again from its file, so a retry run from another folder said "the original input is no longer available"."""
    data, path = tmp_path / "data", big_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GONGKAI_RECORDS__MAX_RECORD_BYTES", "2000")
    run(data, "ingest", path.name)
    [first] = entries(data)
    monkeypatch.delenv("GONGKAI_RECORDS__MAX_RECORD_BYTES")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the operator's shell is somewhere else now
    again = run(data, "quarantine", "retry", "--json", str(first))
    assert again.exit_code == 0 and json.loads(again.stdout)["status"] == "new", again.stdout


def test_an_operator_closes_an_entry_that_needs_no_retry(tmp_path):
    """An agency sends a bad file, then the fixed one: the first entry stayed open for ever (a retry reads the bad copy
    again and fails), so `gongkai status` never showed an empty quarantine. `quarantine resolve` closes it."""
    data, bad = tmp_path / "data", tmp_path / "bad.jsonl"
    bad.write_text('{"title": "坏日期", "publish_date": "2024-13-01"}\n', encoding="utf-8")
    run(data, "ingest", str(bad))
    [first] = entries(data)
    typo = run(data, "quarantine", "resolve", str(first), "999")
    assert typo.exit_code == 1 and "999" in typo.stderr and entries(data)[first]["status"] == "open"  # nothing closed
    closed = run(data, "quarantine", "resolve", "--json", str(first))
    assert closed.exit_code == 0 and json.loads(closed.stdout) == {"quarantine_id": first, "status": "resolved", "was": "open"}
    assert run(data, "quarantine", "list", "--json").stdout == "" and entries(data)[first]["status"] == "resolved"
    assert "(已关闭过 / already)" in run(data, "quarantine", "resolve", str(first)).stdout
