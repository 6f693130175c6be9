"""`gongkai ingest FOLDER` where FOLDER holds the data directory (`gongkai ingest .` beside the default index_data/)
leaves gongkai's own files alone (probe3: it read its SQLite database, its WAL, the index's segments and lock and its raw
captures as inputs: 14 quarantine entries such as "gongkai.sqlite3: unsupported format" from two files of records, and
each further run added more). A file of the data directory named on purpose (an archived drop-folder file) is read.
Real SQLite, Tantivy and CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py


def test_a_folder_holding_the_data_directory_is_read_without_it(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    data = work / "index_data"
    (work / "a.jsonl").write_text('{"title": "第一批记录"}\n', encoding="utf-8")
    assert run(data, "ingest", str(work)).exit_code == 0  # the data directory is made by this first run
    (work / "b.jsonl").write_text('{"title": "第二批记录"}\n{"title": "坏日期", "publish_date": "2024-13-01"}\n', encoding="utf-8")
    again = run(data, "ingest", "--json", str(work))
    inputs = [json.loads(line)["input"] for line in again.stdout.splitlines()]
    assert not [i for i in inputs if i.startswith(str(data))], inputs
    assert sorted(Path(i.split(":")[0]).name for i in inputs) == ["a.jsonl", "b.jsonl", "b.jsonl"]
    quarantined = [json.loads(line) for line in run(data, "quarantine", "list", "--json").stdout.splitlines()]
    assert [entry["input_ref"] for entry in quarantined] == [f"{work / 'b.jsonl'}:2"]


def test_a_file_inside_the_data_directory_named_on_purpose_is_read(tmp_path):
    data = tmp_path / "data"
    archived = data / "inbox-archive" / "failed" / "2026-01-01" / "run"
    archived.mkdir(parents=True)
    (archived / "fixed.jsonl").write_text('{"title": "修好后重新导入的记录"}\n', encoding="utf-8")
    result = run(data, "ingest", str(archived))
    assert result.exit_code == 0 and "new: 1" in result.stdout, result.stdout
