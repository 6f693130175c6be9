"""The page of a record another one took the place of (probe4). An agency that sends a file again with its 索引号
(`feeds/same_file.py`) gets a new record, and the first, made without one, is withdrawn as superseded; its page said
“已被发布机关撤销，内容不再提供” (revoked by the issuing body), though the document is right here under its new id, so
whoever kept the first link (an alert's email, a bookmark, a search engine) was told it was revoked. The old page
now sends the reader on (301) to the record that replaced it; a record withdrawn by its agency or an operator still
answers 410 已撤销. Real push over a served app (token, multipart file), real store and index."""

from __future__ import annotations

import json

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from tests.conftest import CORPUS

AGENCY = "国务院办公厅"
PDF = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf"


@pytest.fixture
def served(settings):
    engine = Engine(settings)
    token, _ = TokenStore(engine.store).create(AGENCY)
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=30) as client:
            client.headers["Authorization"] = f"Bearer {token}"
            yield engine, client
    finally:
        engine.close()


def push(client: httpx.Client, metadata: dict[str, str]) -> dict:
    response = client.post("/api/ingest", files={"file": (PDF.name, PDF.read_bytes(), "application/pdf")},
                           data={"metadata": json.dumps(metadata, ensure_ascii=False)})
    assert response.status_code in (200, 201), response.text
    return response.json()["results"][0]


def test_the_page_of_a_superseded_record_sends_the_reader_to_its_successor(served):
    engine, client = served
    first = push(client, {"topic": "综合政务"})
    second = push(client, {"index_number": "000014349/2018-00999", "topic": "综合政务"})
    assert first["id"] != second["id"] and engine.get(first["id"]).withdrawn
    page = client.get(f"/documents/{first['id']}", params={"q": "污染源普查"}, follow_redirects=False)
    assert page.status_code == 301
    assert page.headers["location"] == f"/documents/{second['id']}?q=%E6%B1%A1%E6%9F%93%E6%BA%90%E6%99%AE%E6%9F%A5"
    landed = client.get(f"/documents/{first['id']}", follow_redirects=True)
    assert landed.status_code == 200 and "污染源普查领导小组" in landed.text and "已撤销" not in landed.text


def test_a_record_its_agency_withdrew_still_answers_410(served):
    _, client = served
    first = push(client, {"topic": "综合政务"})
    second = push(client, {"index_number": "000014349/2018-00999"})
    # the agency withdraws the new record: nothing replaces it, so both pages say 已撤销
    answer = client.post("/api/ingest", json={"id": second["id"], "withdrawn": True})
    assert answer.status_code == 200, answer.text
    gone = client.get(f"/documents/{second['id']}", follow_redirects=False)
    assert gone.status_code == 410 and "已撤销" in gone.text
    old = client.get(f"/documents/{first['id']}", follow_redirects=False)
    assert old.status_code == 410 and "已撤销" in old.text  # its successor is withdrawn too: no redirect to a 410


def test_the_api_names_the_record_that_replaced_a_withdrawn_one(served):
    _, client = served
    first = push(client, {"topic": "综合政务"})
    second = push(client, {"index_number": "000014349/2018-00999"})
    gone = client.get(f"/api/documents/{first['id']}")
    assert gone.status_code == 410
    body = gone.json()
    assert body["error"] == "withdrawn" and body["id"] == first["id"]
    assert body["replaced_by"] == second["id"] and body["replaced_by_url"] == f"/api/documents/{second['id']}"
    assert body["message"].startswith("已由新记录取代")
    # withdrawn by its agency: no successor named
    client.post("/api/ingest", json={"id": second["id"], "withdrawn": True})
    body = client.get(f"/api/documents/{second['id']}").json()
    assert body.get("replaced_by") is None and body["message"].startswith("已撤销 / ")  # Chinese first, as every API message
    missing = client.get("/api/documents/0123456789abcdef0123")
    assert missing.status_code == 404 and missing.json()["message"].startswith("没有这个编号的记录 / ")
