"""`gongkai status` says who withdrew the withdrawn records (session 10): "withdrawn 2" mixed the source's own
withdrawals (its page gone, its tombstone applied; they end when the document comes again) with operators'
takedowns (in force until `gongkai withdraw --undo`), which an operator handles differently. Real CLI, SQLite, Tantivy."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import run
from tests.conftest import govcn_records

pytestmark = pytest.mark.usefixtures("fresh_cli_state")


def _status(data) -> dict:
    result = run(data, "status", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_withdrawn_by_source_and_by_takedown_are_told_apart(tmp_path):
    data = tmp_path / "data"
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in govcn_records()[:3]) + "\n", encoding="utf-8")
    assert run(data, "ingest", str(records)).exit_code == 0
    exported = [json.loads(line) for line in run(data, "export").stdout.splitlines()]
    taken, dropped = exported[0]["id"], exported[1]

    assert run(data, "withdraw", taken, "--reason", "误发", "--by", "ops").exit_code == 0
    tombstone = tmp_path / "tombstone.jsonl"  # the agency withdraws its own record
    tombstone.write_text(json.dumps({**dropped, "withdrawn": True}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(data, "ingest", "--apply-withdrawals", str(tombstone)).exit_code == 0

    status = _status(data)
    assert (status["records"], status["withdrawn"]) == (1, 2)
    assert (status["withdrawn_by_source"], status["withdrawn_by_takedown"]) == (1, 1)
    stats = json.loads(run(data, "stats", "--json").stdout)
    assert (stats["withdrawn_by_source"], stats["withdrawn_by_takedown"]) == (1, 1)
    text = run(data, "status").stdout
    assert "by source 来源撤回 1" in text and "by operator takedown 人工下架 1" in text

    assert run(data, "withdraw", "--undo", taken, "--reason", "核实无误", "--by", "ops").exit_code == 0
    status = _status(data)
    assert (status["withdrawn"], status["withdrawn_by_source"], status["withdrawn_by_takedown"]) == (1, 1, 0)
