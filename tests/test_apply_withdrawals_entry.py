"""`gongkai ingest --apply-withdrawals` resolves the entries of the tombstones it applies (probe5): an export
ingested plainly quarantines its tombstones ("a record file cannot withdraw record ID … an operator runs gongkai
ingest --apply-withdrawals FILE"); once the operator did just that, the entry stayed open. Real CLI, SQLite, Tantivy."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import run
from tests.conftest import govcn_records

pytestmark = pytest.mark.usefixtures("fresh_cli_state")


def test_applying_a_tombstone_resolves_its_quarantine_entry(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in govcn_records()[:3]) + "\n", encoding="utf-8")
    assert run(first, "ingest", str(records)).exit_code == 0
    gone = json.loads(run(first, "export").stdout.splitlines()[0])["id"]
    assert run(first, "withdraw", gone, "--reason", "撤销", "--by", "ops").exit_code == 0
    export = tmp_path / "export.jsonl"
    export.write_text(run(first, "export").stdout, encoding="utf-8")

    assert run(second, "ingest", str(export)).exit_code == 0  # the tombstone is quarantined with its remedy
    [entry] = [json.loads(line) for line in run(second, "quarantine", "list", "--json").stdout.splitlines()]
    assert "--apply-withdrawals" in entry["reason"]
    applied = run(second, "ingest", "--apply-withdrawals", str(export), "--json")
    assert {json.loads(line)["status"] for line in applied.stdout.splitlines()} == {"unchanged", "withdrawn"}
    assert run(second, "quarantine", "list", "--json").stdout.strip() == ""  # the remedy was applied: resolved
    resolved = [json.loads(line) for line in run(second, "quarantine", "list", "--status", "resolved", "--json").stdout.splitlines()]
    assert [item["id"] for item in resolved] == [entry["id"]]
