"""A field given twice with two values, in one JSON object, is refused at every door (doors, session 10).

`{"title": "甲", "title": "乙"}` (a clerk copying a line in Notepad and editing one copy, a CMS template printing one
column twice) was read by json/orjson as the last value without a word: a sidecar's wrong title won over the document's,
a record line went in under one of its two titles. The rule that already refused `title` and `信息名称` together now
sees the same key twice: the item is quarantined (the sidecar's document with it, the record line alone) naming the key
and both values, `同一字段给了两次`; the same value twice is no doubt and is read. Real drop-folder runs, the CLI's
quarantine retry, and the push over a socket."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from gongkai.quarantine_reasons import explain
from tests.support import agency_push_client, inbox_engine

AGENCY = "厦门市财政局"
DOCUMENT = "厦门市财政局关于2026年部门预算公开的通知\n各区财政局：\n现将2026年部门预算公开有关事项通知如下。\n厦门市财政局\n2026年3月1日\n"
LATER = 4_000_000_000.0


def _line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_a_sidecar_giving_the_title_twice_quarantines_its_document_and_a_fixed_retry_stores_it(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "budget.txt").write_text(DOCUMENT, encoding="utf-8")
        (folder / "budget.txt.json").write_text('{"title": "2026年部门预算公开", "索引号": "XM-CZ-2026-01", "title": "2025年部门决算公开"}',
                                                encoding="utf-8")
        report = process_inbox(engine, now=LATER)
        assert report.counts["quarantined"] == 1 and engine.store.count() == 0, report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert "gives 'title' twice" in entry["reason"] and "2025年部门决算公开" in entry["reason"], entry["reason"]
        said = explain(entry["reason"])
        assert said.code == "given_twice" and said.text().startswith("同一字段给了两次")
        # the clerk fixes the sidecar where the run archived it, and retries
        [sidecar] = (archive_dir(engine) / "failed").rglob("budget.txt.json")
        sidecar.write_text('{"title": "2026年部门预算公开", "索引号": "XM-CZ-2026-01"}', encoding="utf-8")
        result = engine.retry_quarantined(entry["id"])
        assert result.status == "new", result
        [record] = list(engine.export())
        assert record.title == "2026年部门预算公开" and record.index_number == "XM-CZ-2026-01"


def test_a_record_line_giving_a_key_twice_is_quarantined_alone(settings):
    good = {"title": "厦门市财政局关于预算执行情况的通报", "issuer": AGENCY, "body": "预算执行情况良好。", "publish_date": "2026-02-01"}
    twice = '{"title": "厦门市财政局关于国库集中支付的通知", "publish_date": "2026-02-03", "body": "通知", "publish_date": "2026-02-04"}'
    same = '{"title": "厦门市财政局关于政府采购的通知", "body": "采购", "body": "采购"}'  # the same value twice: read
    nested = {"title": "厦门市财政局关于专项资金的通知", "body": "附件两份。",
              "attachments": [{"name": "附件1", "url": "https://cz.xm.gov.cn/a1.pdf"}, {"name": "附件2", "url": "https://cz.xm.gov.cn/a2.pdf"}]}
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "export.jsonl").write_text("\n".join([_line(good), twice, same, _line(nested)]) + "\n", encoding="utf-8")
        report = process_inbox(engine, now=LATER)
        assert report.counts["new"] == 3 and report.counts["quarantined"] == 1, report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/export.jsonl#2"
        assert "gives 'publish_date' twice" in entry["reason"] and '"2026-02-03"' in entry["reason"] and '"2026-02-04"' in entry["reason"]
        titles = sorted(record.title for record in engine.export())
        assert titles == sorted([good["title"], "厦门市财政局关于政府采购的通知", nested["title"]])


@pytest.fixture
def pushing(settings):
    with agency_push_client(settings, AGENCY) as pushed:
        yield pushed


def test_a_push_giving_a_key_twice_is_refused_with_the_reason(pushing, tmp_path: Path):
    engine, client = pushing
    body = '{"title": "厦门市财政局关于预算的通知", "body": "正文", "title": "厦门市财政局关于决算的通知"}'
    answer = client.post("/api/ingest", content=body.encode(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    result = answer.json()["results"][0]
    assert result["error_code"] == "given_twice" and result["error"].startswith("同一字段给了两次"), result
    assert engine.store.count() == 0 and len(engine.store.quarantine_list("open")) == 1
    metadata = '{"索引号": "XM-CZ-2026-02", "title": "甲", "title": "乙"}'
    document = client.post("/api/ingest", files={"file": ("notice.txt", DOCUMENT.encode())}, data={"metadata": metadata})
    assert document.status_code == 422 and document.json()["error"] == "bad_metadata", document.text
    assert "gives 'title' twice" in document.json()["message"]
    assert engine.store.count() == 0


def test_a_key_given_twice_once_printed_with_a_space_before_its_colon_is_quarantined(settings):
    # Hand-edited: the copied line lost its space, `"title" :` is not counted as a key's `":`, and the count of `":`
    # matched the keys: the record went in as its second title without a word.
    twice = '{"title" : "厦门市财政局关于国库集中支付的通知", "title": "厦门市财政局关于国库集中支付的补充通知", "body": "通知"}'
    spaced = '{"title" : "厦门市财政局关于政府采购的通知", "body" : "采购"}'  # spaced but given once: read
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / AGENCY
        folder.mkdir()
        (folder / "export.jsonl").write_text(f"{twice}\n{spaced}\n", encoding="utf-8")
        report = process_inbox(engine, now=LATER)
        assert report.counts["new"] == 1 and report.counts["quarantined"] == 1, report.as_dict()
        [entry] = engine.store.quarantine_list("open")
        assert entry["input_ref"] == f"inbox:{AGENCY}/export.jsonl#1" and "gives 'title' twice" in entry["reason"]
        assert [record.title for record in engine.export()] == ["厦门市财政局关于政府采购的通知"]
