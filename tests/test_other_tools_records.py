"""Records written by other tools (crawlers' and exports' JSON Lines), read by the record files' one label table
(parsers/sidecar.OTHER_TOOLS_NAMES): the corpus's 国务院 policy crawl (index_no, doc_no, topic_category, body_text,
source_url, crawl bookkeeping) and 北京市中医管理局 list crawl (publisher, often null; article_text beside article_html;
attachments as {mark, link}) were refused whole, "Extra inputs are not permitted" (review18; lead, session 19). A
misspelt key is still refused: a field is never lost silently."""

from __future__ import annotations

import json
from datetime import date

from gongkai.engine import Engine
from gongkai.settings import load_settings
from tests.conftest import CORPUS


def _ingest(tmp_path, path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    report = engine.ingest_paths([path])
    return engine, report


def test_a_policy_crawls_records_are_stored_with_their_fields(tmp_path) -> None:
    source = CORPUS / "govcn_state_council_policies" / "records.jsonl"
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    engine, report = _ingest(tmp_path, source)
    try:
        assert (report.counts["new"], report.counts["quarantined"]) == (len(lines), 0)
        stored = {record.url: record for record in engine.export()}
        for line in lines:
            record = stored[line["source_url"]]
            assert record.title == line["title"] and record.issuer == line["issuer"]
            assert record.index_number == line["index_no"] and record.topic == line["topic_category"]
            assert record.doc_number.replace("[", "〔").replace("]", "〕") == line["doc_no"].replace("[", "〔").replace("]", "〕")
            assert record.written_date is not None and record.body.startswith(line["body_text"].strip()[:20])
        first = stored[lines[0]["source_url"]]
        assert first.written_date == date(2018, 10, 27)  # 2018年10月27日 as printed
    finally:
        engine.close()


def test_a_list_crawls_records_with_null_publishers_and_attachment_marks(tmp_path) -> None:
    source = CORPUS / "beijing_tcm_bureau_notices" / "records.jsonl"
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    engine, report = _ingest(tmp_path, source)
    try:
        assert (report.counts["new"], report.counts["quarantined"]) == (len(lines), 0)
        stored = {record.url: record for record in engine.export()}
        for line in lines:
            record = stored[line["source_url"]]
            assert record.title == line["title"].strip()
            if line.get("publisher") and line["publisher"].strip("\u3000\u200b "):
                assert record.issuer == line["publisher"].strip("\u3000\u200b ")
            if line.get("attachments"):
                assert [(a.name, a.url) for a in record.attachments] == [(a["mark"], a["link"]) for a in line["attachments"]]
            if line.get("article_text"):
                assert record.body.strip()
    finally:
        engine.close()


def test_a_misspelt_key_and_a_field_given_twice_are_still_refused(tmp_path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(value, ensure_ascii=False) for value in (
        {"title": "甲", "titel": "乙", "body": "正文"},
        {"title": "丙", "body": "正文", "text": "另一份正文"},
        {"title": "丁", "text": "正文", "site": "某站", "crawl_time": "2024-05-06 08:00"},
    )) + "\n", encoding="utf-8")
    engine, report = _ingest(tmp_path, path)
    try:
        assert (report.counts["new"], report.counts["quarantined"]) == (1, 2)
        reasons = " ".join(entry["reason"] for entry in engine.store.quarantine_list())
        assert "titel" in reasons and "body twice" in reasons
        assert next(engine.export()).title == "丁"
    finally:
        engine.close()


def test_a_page_extractions_text_without_a_title_is_parsed_as_a_document(tmp_path) -> None:
    # {"text": …, "source_url": …, "doc_no_in_text": …, "issuer_in_text": …}: no title, so the text is read as a text
    # file is, the record's own fields winning (they were refused, "title: Field required")
    source = CORPUS / "web_page_excerpts" / "gov_document_pages.jsonl"
    lines = {value["id"]: value for value in map(json.loads, source.read_text(encoding="utf-8").splitlines())}
    engine, report = _ingest(tmp_path, source)
    try:
        assert (report.counts["new"], report.counts["quarantined"]) == (len(lines), 0)
        stored = {record.id: record for record in engine.export()}
        for key, line in lines.items():
            record = stored[key]
            assert record.url == line["source_url"] and record.title and record.body.strip()
            assert record.issuer == line["issuer_in_text"]
            if line.get("doc_no_in_text"):
                assert record.doc_number == line["doc_no_in_text"]
        assert stored["web-gov-005"].title == "厦门市人民政府关于印发多规合一业务协同平台运行规则的通知"
        assert stored["web-gov-005"].written_date == date(2017, 9, 14)  # read from the text's signature
    finally:
        engine.close()


def test_our_own_record_without_a_title_is_still_refused(tmp_path) -> None:
    # an agency's export that lost its title column is told so; only another tool's text is read as a document
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"body": "厦门市财政局关于预算公开的通知\n正文"}, ensure_ascii=False) + "\n"
                    + json.dumps({"正文": "厦门市财政局关于决算公开的通知\n正文"}, ensure_ascii=False) + "\n", encoding="utf-8")
    engine, report = _ingest(tmp_path, path)
    try:
        assert (report.counts["new"], report.counts["quarantined"]) == (0, 2)
        assert all("title" in entry["reason"] for entry in engine.store.quarantine_list())
    finally:
        engine.close()
