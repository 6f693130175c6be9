"""A JSON sidecar takes the Chinese labels agencies print, as an XML one does (probe3: report.json holding
{"索引号": …, "主题分类": …} was refused, "has fields a record does not have: 主题分类, 索引号", and the document
quarantined, while <索引号> in report.xml went in). Real drop folder, parsers, SQLite and Tantivy."""

from __future__ import annotations

import json
import time

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from tests.conftest import CORPUS
from tests.support import inbox_engine

PDF = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf"
LATER = time.time() + 3600


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def test_a_json_sidecar_in_chinese_labels(engine):
    folder = inbox_dir(engine) / "国务院办公厅"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(PDF.read_bytes())
    sidecar = {"索引号": "000014349/2018-00074", "主题分类": "综合政务", "关键词": "普查、领导小组", "publish_date": "2018-11-20"}
    (folder / "report.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 0, report.as_dict()
    [record] = engine.lookup(index_number="000014349/2018-00074")
    assert (record.topic, record.keywords, str(record.publish_date)) == ("综合政务", ["普查", "领导小组"], "2018-11-20")


def test_a_field_given_twice_is_refused_with_both_names(engine):
    folder = inbox_dir(engine) / "国务院办公厅"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(PDF.read_bytes())
    (folder / "report.json").write_text(json.dumps({"title": "甲", "信息名称": "乙"}, ensure_ascii=False), encoding="utf-8")
    assert process_inbox(engine, now=LATER).counts["quarantined"] == 1
    [entry] = engine.store.quarantine_list()
    assert "gives title twice: title and 信息名称" in entry["reason"]


def test_a_push_metadata_in_chinese_labels(tmp_path):
    import httpx

    from gongkai.feeds.tokens import TokenStore
    from tests.support import served_engine

    with served_engine(tmp_path / "served", []) as (engine, base):
        token, _ = TokenStore(engine.store).create("国务院办公厅")
        metadata = {"索引号": "000014349/2018-00074", "主题分类": "综合政务"}
        answer = httpx.post(base + "/api/ingest", headers={"Authorization": f"Bearer {token}"}, timeout=60,
                            files={"file": ("report.pdf", PDF.read_bytes(), "application/pdf")},
                            data={"metadata": json.dumps(metadata, ensure_ascii=False)})
        assert answer.status_code == 201, answer.text
        [record] = engine.lookup(index_number="000014349/2018-00074")
        assert record.topic == "综合政务"
