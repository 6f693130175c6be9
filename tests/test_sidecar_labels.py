"""A JSON sidecar takes the Chinese labels agencies print, as an XML one does (probe3: report.json holding
{"索引号": …, "主题分类": …} was refused, "has fields a record does not have: 主题分类, 索引号", and the document
quarantined, while <索引号> in report.xml went in). Real drop folder, parsers, SQLite and Tantivy."""

from __future__ import annotations

import json
import time

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.indexer import SearchRequest
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


def test_a_record_file_exported_with_chinese_column_names(engine, tmp_path):
    """An agency system's JSON Lines export names every field in Chinese, its body 全文/内容 and its address 原文链接/网址
    (the body's and the address's names were unknown: each record was quarantined, 全文 不接受此项). Through the drop folder."""
    folder = inbox_dir(engine) / "厦门市应急管理局"
    folder.mkdir()
    lines = [
        {"信息名称": "关于做好春节期间安全生产工作的通知", "发布机构": "厦门市应急管理局", "发布日期": "2025-01-20",
         "文号": "厦应急〔2025〕3号", "全文": "各区应急管理局：春节将至，请切实做好安全生产工作。", "原文链接": "https://yjj.xm.gov.cn/a/1.html"},
        {"标题": "厦门市应急管理局2024年政府信息公开工作年度报告", "发布机构": "厦门市应急管理局", "发布日期": "2025-01-15",
         "内容": "本报告根据《中华人民共和国政府信息公开条例》编制。", "网址": "https://yjj.xm.gov.cn/a/2.html"},
    ]
    (folder / "导出.jsonl").write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 2 and report.counts["quarantined"] == 0, report.as_dict()
    [notice] = engine.lookup(doc_number="厦应急〔2025〕3号")
    assert "切实做好安全生产工作" in notice.body and notice.url == "https://yjj.xm.gov.cn/a/1.html"
    hits = engine.search(SearchRequest(q="年度报告 条例")).hits
    assert [(hit.title, hit.url) for hit in hits][:1] == [("厦门市应急管理局2024年政府信息公开工作年度报告", "https://yjj.xm.gov.cn/a/2.html")]
