"""`gongkai ingest` of files whose names are GBK bytes (a zip unpacked from Windows): the quarantine keeps a reference
that `gongkai quarantine retry` can follow back to the file (it kept the bytes escaped, `\\udcd5…`, and the retry said
"the original input is no longer available"). Real files with GBK name bytes, real SQLite and Tantivy, the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gongkai.input_refs import path_ref, ref_path
from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

GOOD = {"title": "厦门市教育局关于招生工作的通知", "issuer": "厦门市教育局", "body": "招生工作", "publish_date": "2024-03-01"}
LONG = {**GOOD, "title": "厦门市教育局关于学位申请的通知", "body": "学位申请" * 400}


def _gbk_path(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / os.fsdecode(name.encode("gbk"))


def _entries(data: Path) -> list[dict]:
    return [json.loads(line) for line in run(data, "quarantine", "list", "--status", "all", "--json").stdout.splitlines()]


def test_a_line_kept_unread_in_a_gbk_named_file_is_retried_from_that_file(tmp_path, monkeypatch):
    data = tmp_path / "data"
    path = _gbk_path(tmp_path / "exports", "招生.jsonl")
    path.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n" + json.dumps(LONG, ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_RECORDS__MAX_RECORD_BYTES", "1024")  # the long line is quarantined without its bytes
    assert run(data, "ingest", str(tmp_path / "exports")).exit_code == 0
    [entry] = _entries(data)
    assert entry["input_ref"] == path_ref(path) + ":2" and "\\udcd5" in entry["input_ref"]

    monkeypatch.delenv("GONGKAI_RECORDS__MAX_RECORD_BYTES")
    retried = run(data, "quarantine", "retry", "--json")
    assert retried.exit_code == 0, retried.stdout
    assert json.loads(retried.stdout)["status"] == "new"
    assert [e["status"] for e in _entries(data)] == ["resolved"]
    assert "学位申请" in run(data, "search", "--json", "学位申请").stdout


def test_a_gbk_named_document_over_the_size_limit_is_read_again_once_the_limit_is_raised(tmp_path, monkeypatch):
    data = tmp_path / "data"
    path = _gbk_path(tmp_path / "docs", "招生通知.txt")  # 招生 is no UTF-8 (通知 alone would be)
    path.write_text("厦门市教育局关于招生工作的通知\n\n为做好招生工作，现将有关事项通知如下。" * 40, encoding="utf-8")
    monkeypatch.setenv("GONGKAI_PARSERS__MAX_FILE_BYTES", "1024")
    assert run(data, "ingest", str(path.parent)).exit_code == 1  # the folder: the CLI's argument is text
    [entry] = _entries(data)
    assert entry["input_ref"] == path_ref(path) and "file too large" in entry["reason"]

    monkeypatch.delenv("GONGKAI_PARSERS__MAX_FILE_BYTES")
    retried = run(data, "quarantine", "retry", "--json")
    assert json.loads(retried.stdout)["status"] == "new", retried.stdout


def test_refs_round_trip_for_any_name_bytes_and_a_name_holding_the_escape_as_text_is_itself(tmp_path):
    for raw in ("招生".encode("gbk"), b"\xff\xfe", "公告".encode("big5"), "ok-名".encode()):
        path = tmp_path / os.fsdecode(raw + b".jsonl")
        ref = path_ref(path)
        ref.encode("utf-8")  # text every database column holds
        assert os.fsencode(ref_path(ref)) == os.fsencode(path)
    literal = tmp_path / "a\\udcd5.jsonl"  # a name that really reads so
    literal.write_text("{}")
    assert ref_path(path_ref(literal)) == literal
