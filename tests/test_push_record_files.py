"""A record file (JSON, JSON Lines) pushed as a multipart file, over a real socket: read by the one record
reader like a pushed XML record file, never parsed as a text document (probe, 2026-12-05: a JSON array file was
stored as a record titled "array" holding the JSON as its body, a pretty-printed object as one titled "{", a
GBK JSON Lines file was refused 403 "source ''", and a JSON Lines file of three records was quarantined as
"read it with parse_records")."""

from __future__ import annotations

import json

import httpx
import pytest
from fastapi import FastAPI

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving
from tests.conftest import govcn_records

OFFICE = "国务院办公厅"


@pytest.fixture
def server(settings):
    engine = Engine(settings)
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    token, _ = TokenStore(engine.store).create(OFFICE)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:
        yield engine, client
    engine.close()


def records() -> list[dict]:
    """Real records as an agency's system holds them: no source (the receiver sets it)."""
    return [{k: v for k, v in r.items() if k != "source"} for r in govcn_records() if r["issuer"] == OFFICE]


def push_file(client: httpx.Client, name: str, data: bytes, metadata: dict | None = None) -> httpx.Response:
    extra = {"metadata": json.dumps(metadata, ensure_ascii=False)} if metadata else None
    return client.post("/api/ingest", files={"file": (name, data)}, data=extra)


@pytest.mark.parametrize("name, encode", [
    ("one.json", lambda r: json.dumps(r, ensure_ascii=False, indent=2).encode("utf-8")),  # pretty-printed
    ("one.json", lambda r: json.dumps([r], ensure_ascii=False).encode("utf-8")),  # an array of one
    ("one.jsonl", lambda r: json.dumps(r, ensure_ascii=False).encode("gb18030") + b"\n"),  # GBK JSON Lines
    ("one.txt", lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8")),  # the drop folder's rule: .txt opening with {
])
def test_a_pushed_record_file_is_its_record(server, name, encode):
    engine, client = server
    record = records()[0]
    response = push_file(client, name, encode(record), {"topic": "推送主题"})
    assert response.status_code == 201, response.text
    stored = engine.get(response.json()["results"][0]["id"])
    assert stored.title == record["title"] and stored.doc_number == record["doc_number"]
    assert stored.source == OFFICE and stored.topic == "推送主题"  # the agency filled in, the metadata wins
    assert engine.store.count() == 1


def test_a_pushed_file_of_several_records_is_refused_with_what_to_do(server):
    engine, client = server
    several = "\n".join(json.dumps(r, ensure_ascii=False) for r in records()[:3]).encode("utf-8")
    for name, data in (("batch.jsonl", several), ("batch.json", json.dumps(records()[:2], ensure_ascii=False).encode())):
        response = push_file(client, name, data)
        assert response.status_code == 422, response.text
        assert "push them as a record batch" in response.json()["message"]
    assert engine.store.count() == 0


def test_a_broken_pushed_record_file_is_quarantined_with_its_reason(server):
    engine, client = server
    bad_date = json.dumps({**records()[0], "publish_date": "2024-13-45"}, ensure_ascii=False).encode("utf-8")
    response = push_file(client, "bad.jsonl", bad_date)
    assert response.status_code == 422 and "publish_date" in response.json()["message"]
    broken = push_file(client, "broken.json", b'{"title": "unfinished')
    assert broken.status_code == 422, broken.text
    reasons = [item["reason"] for item in engine.store.quarantine_list("open")]
    assert len(reasons) == 2 and any("publish_date" in reason for reason in reasons)
    assert engine.store.count() == 0


@pytest.mark.parametrize("name, data", [
    ("broken.json", b'{"title": "unfinished, '),
    ("empty.jsonl", b"\n\n"),
])
def test_a_retried_pushed_record_file_is_read_as_that_file(server, name, data):
    """The quarantine entry names the pushed file, and a retry reads its kept bytes as that file, with the same
    reason (probe2: 'the file holds no record' came back as 'Expecting value at column 1', read as one record)."""
    engine, client = server
    first = push_file(client, name, data)
    assert first.status_code == 422, first.text
    [entry] = engine.store.quarantine_list("open")
    assert entry["input_ref"] == f"push:{OFFICE}:file:{name}"
    retried = engine.retry_quarantined(entry["id"])
    assert retried.status == "quarantined"
    said = first.json()["message"].partition(" / ")[2]  # the agency reads it Chinese first; the quarantine keeps the English
    assert said and retried.error is not None and retried.error.startswith(f"push:{OFFICE}:file:{name}: {said}")


def test_a_document_is_still_parsed_as_one(server):
    engine, client = server
    text = "国务院办公厅关于2024年政务公开工作的通知\n各省、自治区、直辖市人民政府：现将有关事项通知如下。\n国务院办公厅\n2024年3月1日\n"
    response = push_file(client, "notice.txt", text.encode("gbk"))
    assert response.status_code == 201, response.text
    assert engine.get(response.json()["results"][0]["id"]).title == "国务院办公厅关于2024年政务公开工作的通知"


@pytest.mark.parametrize("content_type", ["text/plain", "application/json", ""])
def test_a_document_sent_as_the_body_is_a_400_naming_the_multipart_push(server, content_type):
    # It was a 207 with one rejected item ("not valid JSON: unexpected text …"), as if a batch had half gone in.
    engine, client = server
    text = "国务院办公厅关于2024年政务公开工作的通知\n现将有关事项通知如下。\n国务院办公厅\n2024年3月1日\n".encode("gbk")
    response = client.post("/api/ingest", content=text, headers={"Content-Type": content_type} if content_type else {})
    assert response.status_code == 400, response.text
    answer = response.json()
    assert answer["error"] == "not_json" and "multipart/form-data" in answer["message"]
    assert engine.store.count() == 0
