"""`gongkai reparse ID` of an id the store does not know says so (probe5): it said "not parsed again (no kept
capture, or withdrawn) … 先 gongkai withdraw --undo", sending the operator who mistyped an id to lift a takedown
that does not exist. Real CLI, SQLite, Tantivy."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import run
from tests.conftest import govcn_records

pytestmark = pytest.mark.usefixtures("fresh_cli_state")


def test_an_unknown_id_is_named_as_unknown(tmp_path):
    data = tmp_path / "data"
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(govcn_records()[0], ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(data, "ingest", str(records)).exit_code == 0
    known = json.loads(run(data, "export").stdout)["id"]  # a record file's record: no kept capture

    answer = run(data, "reparse", "0000nosuchrecord0000", known)
    assert answer.exit_code == 1
    assert "没有这个编号的记录 / no such record: 0000nosuchrecord0000" in answer.output
    assert f"not parsed again (no kept capture, or withdrawn): {known}" in answer.output
    assert "withdraw --undo): 0000nosuchrecord0000" not in answer.output
