"""A sidecar that arrives before its document (`report.pdf.json` uploaded first, the large PDF still on its way)
waits for it, up to `feeds.inbox_sidecar_wait_seconds` (probe3: read alone as a record file it was quarantined,
"title: Field required", and the PDF then went in without the sidecar's 索引号 and topic). Past the wait it is read
as today, a record file. Real filesystem, SQLite, Tantivy and parsers."""

from __future__ import annotations

import json
import os
import time

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from tests.conftest import CORPUS
from tests.support import inbox_engine

PDF = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf"
NOW = time.time()


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def aged(path, seconds: float) -> None:
    os.utime(path, (NOW - seconds, NOW - seconds))


def test_a_sidecar_waits_for_its_document(engine):
    folder = inbox_dir(engine) / "国务院办公厅"
    folder.mkdir()
    sidecar = folder / "report.pdf.json"
    sidecar.write_text(json.dumps({"index_number": "000014349/2018-00074", "topic": "综合政务"}, ensure_ascii=False), encoding="utf-8")
    aged(sidecar, 60)
    early = process_inbox(engine, now=NOW)
    assert early.waiting == 1 and early.files == 0 and not engine.store.quarantine_list(), early.as_dict()
    (folder / "report.pdf").write_bytes(PDF.read_bytes())
    aged(folder / "report.pdf", 60)
    report = process_inbox(engine, now=NOW)
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 0, report.as_dict()
    [record] = engine.lookup(index_number="000014349/2018-00074")
    assert record.topic == "综合政务"


def test_past_the_wait_a_lone_sidecar_is_read_as_a_record_file(engine):
    folder = inbox_dir(engine) / "国务院办公厅"
    folder.mkdir()
    sidecar = folder / "report.pdf.json"
    sidecar.write_text('{"index_number": "000014349/2018-00074"}', encoding="utf-8")
    aged(sidecar, engine.settings.feeds.inbox_sidecar_wait_seconds + 60)
    report = process_inbox(engine, now=NOW)
    assert report.files == 1 and report.counts["quarantined"] == 1, report.as_dict()
    [entry] = engine.store.quarantine_list()
    assert "title" in entry["reason"]


def test_a_record_file_is_not_held(engine):
    (inbox_dir(engine) / "records.json").write_text('{"title": "不是附属文件的记录"}', encoding="utf-8")
    aged(inbox_dir(engine) / "records.json", 60)
    assert process_inbox(engine, now=NOW).counts["new"] == 1
