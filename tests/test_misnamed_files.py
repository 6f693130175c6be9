"""A document saved under a record file's name (a PDF renamed .jsonl, a DOCX renamed .json) is read as the document
its bytes are, in the drop folder and by `gongkai ingest` alike (probe3: the PDF became 462 quarantine entries, one per
"line" of its binary, and the drop folder refused the DOCX as "neither UTF-8 nor GB18030 text" while `gongkai ingest`
read it). A record file whose first line is broken text stays a record file. Real SQLite, Tantivy, parsers and files."""

from __future__ import annotations

import json
import time

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from tests.conftest import CORPUS
from tests.support import inbox_engine

FILES = CORPUS / "pdf_docx" / "govcn_as_files"
PDF, DOCX = FILES / "govcn-5339579.pdf", FILES / "govcn-5338761.docx"
LATER = time.time() + 3600


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def titles() -> dict[str, str]:
    lines = (FILES / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return {entry["file"]: entry["title"] for entry in map(json.loads, lines)}


def test_the_drop_folder_reads_a_renamed_document_as_the_document(engine):
    agency = inbox_dir(engine) / "厦门市财政局"
    agency.mkdir()
    (agency / "scan.jsonl").write_bytes(PDF.read_bytes())
    (agency / "report.json").write_bytes(DOCX.read_bytes())
    (agency / "broken-first.jsonl").write_text('这一行不是JSON\n{"title": "第二行的记录"}\n', encoding="utf-8")
    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 3 and report.counts["quarantined"] == 1, report.as_dict()
    stored = {record.title for record in engine.store.iter_records()}
    assert {titles()[PDF.name], titles()[DOCX.name], "第二行的记录"} <= stored
    [entry] = engine.store.quarantine_list()
    assert entry["input_ref"] == "inbox:厦门市财政局/broken-first.jsonl#1"


def test_gongkai_ingest_reads_a_pdf_renamed_jsonl_as_the_pdf(engine, tmp_path):
    renamed = tmp_path / "scan.jsonl"
    renamed.write_bytes(PDF.read_bytes())
    report = engine.ingest_paths([renamed])
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 0, report.as_dict()
    assert [record.title for record in engine.store.iter_records()] == [titles()[PDF.name]]


def test_a_pushed_pdf_named_jsonl_is_the_pdf(tmp_path):
    """The push said 422 "the file holds 946 records: push them as a record batch" of a PDF named scan.jsonl."""
    import httpx

    from tests.support import served_engine

    with served_engine(tmp_path / "data", []) as (engine, base):
        from gongkai.feeds.tokens import TokenStore

        token, _ = TokenStore(engine.store).create("厦门市财政局")
        answer = httpx.post(base + "/api/ingest", headers={"Authorization": f"Bearer {token}"},
                            files={"file": ("scan.jsonl", PDF.read_bytes(), "application/octet-stream")}, timeout=60)
        assert answer.status_code == 201, answer.text
        assert engine.store.get(answer.json()["results"][0]["id"]).title == titles()[PDF.name]
