"""An agency's own 有效性 (polish's leftover: a sidecar's 有效/废止 was ignored like the catalogue labels no field holds) is
kept in the record (`stated_validity`) and read by validity (issue 19) as an explicit statement with who made it:
its 废止/失效 wins over all but a repeal or expiry the documents say; its other words stand where nothing was read.
Records without it keep their content hashes. Real drop folder, real HTTP push, real SQLite and Tantivy."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import date

import httpx
import orjson
import pytest

from gongkai.engine import Engine
from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.feeds.tokens import TokenStore
from gongkai.record import BOOKKEEPING_FIELDS, Record
from gongkai.search_types import SearchRequest
from gongkai.validity import Incoming, derive
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread as serving
from tests.support import inbox_engine

AGENCY = "厦门市财政局"
LATER = time.time() + 3600
TEXT = "厦门市财政局关于印发政府采购管理办法的通知\n\n各区财政局：现将《厦门市政府采购管理办法》印发给你们，请遵照执行。\n"


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def _status(engine: Engine, record_id: str) -> dict:
    return engine.validity(record_id)["validity"]


def test_a_sidecars_stated_validity_is_read_with_its_source(engine):
    folder = inbox_dir(engine) / AGENCY
    folder.mkdir()
    (folder / "caigou.txt").write_text(TEXT, encoding="utf-8")
    (folder / "caigou.txt.json").write_text(json.dumps({"索引号": "XM00105-0200-2019-00007", "有效性": "已废止"}, ensure_ascii=False), encoding="utf-8")
    (folder / "records.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"title": "厦门市财政局关于预算公开的通知", "body": "预算公开", "有效性": "有效"},
        {"title": "厦门市财政局关于决算公开的通知", "body": "决算公开", "效力状态": "失效"},
        {"title": "厦门市财政局关于资金下达的通知", "body": "资金下达", "有效性": "长期"},  # no status in these words
        {"title": "厦门市财政局关于绩效评价的通知", "body": "绩效评价"},
    ]), encoding="utf-8")
    assert process_inbox(engine, now=LATER).counts["new"] == 5
    by_title = {hit.title: hit.id for hit in engine.search(SearchRequest(q="", limit=10)).hits}
    caigou = by_title["厦门市财政局关于印发政府采购管理办法的通知"]
    assert engine.get(caigou).stated_validity == "已废止"
    assert _status(engine, caigou)["status"] == "repealed"
    assert _status(engine, caigou)["stated"] == {"status": "repealed", "text": "已废止", "source": f"inbox:{AGENCY}"}
    assert _status(engine, by_title["厦门市财政局关于预算公开的通知"])["status"] == "in_force"
    assert _status(engine, by_title["厦门市财政局关于决算公开的通知"])["status"] == "expired"
    assert _status(engine, by_title["厦门市财政局关于资金下达的通知"]) | {"stated": None} == _status(engine, by_title["厦门市财政局关于绩效评价的通知"])
    assert _status(engine, by_title["厦门市财政局关于绩效评价的通知"])["status"] == "unknown"
    # the search's validity filter sees it, as for any derived status
    assert [hit.id for hit in engine.search(SearchRequest(q="", validity="repealed")).hits] == [caigou]


def test_a_pushed_stated_validity_and_a_change_of_it(engine):
    app = create_app(engine)
    token, _ = TokenStore(engine.store).create(AGENCY)
    record = {"title": "厦门市财政局关于政府采购的通知", "body": "政府采购", "index_number": "XM00105-0200-2020-00001"}
    with serving(app) as base, httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:
        first = client.post("/api/ingest", json={**record, "有效性": "有效"}).json()["results"][0]
        assert _status(engine, first["id"])["status"] == "in_force"
        assert _status(engine, first["id"])["stated"]["source"] == AGENCY
        changed = client.post("/api/ingest", json={**record, "有效性": "废止"}).json()["results"][0]
        assert changed["status"] == "updated" and _status(engine, first["id"])["status"] == "repealed"
        shown = client.get(f"/api/documents/{first['id']}")
        assert shown.status_code == 200 and shown.json()["validity"]["stated"] == {"status": "repealed", "text": "废止", "source": AGENCY}
        assert shown.json()["record"]["stated_validity"] == "废止"
        page = client.get(f"/documents/{first['id']}").text  # the citizen's page says whose word it is
        assert "已废止" in page and "发布机构标注：废止" in page


def test_how_the_agencys_word_weighs_against_what_the_documents_say():
    today = date(2026, 12, 6)
    said = {"status": "in_force", "text": "有效", "source": AGENCY}
    repeal = Incoming("b", "repeals", "关于废止的决定", "", date(2025, 1, 1), "现予废止")
    assert derive(today, None, None, False, [repeal], True, stated=said).status == "repealed"  # a document's repeal wins
    assert derive(today, None, None, False, [repeal], True, stated=said).detail["stated"] == said
    gone = {"status": "repealed", "text": "已废止", "source": AGENCY}
    ruled = derive(today, date(2020, 1, 1), None, False, [], True, stated=gone)
    assert ruled.status == "repealed" and ruled.detail["derived"] == "in_force"  # the agency's 废止 wins over a date
    assert derive(today, date(2020, 1, 1), None, False, [], True, stated=said).status == "in_force"
    assert derive(today, None, None, False, [], False, stated=said).status == "in_force"  # nothing read: its word stands
    assert derive(today, None, None, False, [], False, stated=gone, override={"status": "in_force"}).status == "in_force"  # an operator still decides


def test_records_without_it_keep_their_content_hashes():
    record = Record(title="厦门市财政局关于预算公开的通知", issuer=AGENCY, body="预算公开")
    content = record.model_dump(mode="json", exclude=set(BOOKKEEPING_FIELDS) | {"ocr", "stated_validity"})
    assert record.content_hash == hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()
    assert Record(title=record.title, issuer=AGENCY, body="预算公开", stated_validity="有效").content_hash != record.content_hash


def test_the_oai_gongkai_format_carries_it_and_reads_it_back():
    """The OAI-PMH `gongkai` format is lossless: a record holding an agency's 有效性 written without it read back as
    another record, whose content did not hash to the content_hash it carried (GongkaiXMLError)."""
    from pathlib import Path

    from lxml import etree

    from gongkai.feeds.oai_native import gongkai_xml, record_from_gongkai_xml

    schema = etree.XMLSchema(etree.parse(str(Path(__file__).resolve().parents[1] / "feeds" / "gongkai-record.xsd")))
    stated = Record(title="厦门市财政局关于政府采购的通知", issuer=AGENCY, body="政府采购", source=AGENCY, stated_validity="已废止",
                    attachments=[{"name": "附件.pdf", "url": "https://cz.xm.gov.cn/a.pdf"}])
    plain = Record(title="厦门市财政局关于预算公开的通知", issuer=AGENCY, body="预算公开")
    for record in (stated, plain):
        element = gongkai_xml(record)
        schema.assertValid(element)
        assert record_from_gongkai_xml(etree.tostring(element)) == record
    assert b"stated_validity" not in etree.tostring(gongkai_xml(plain))  # written only when given
