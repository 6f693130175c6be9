"""POST /api/ingest over a real socket: per-agency tokens, per-item verdicts, limits, idempotency."""

from __future__ import annotations

import json

import httpx
import pytest
from fastapi import FastAPI

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore, _digest, api_tokens
from gongkai.search_types import SearchRequest
from gongkai.store.outbox import sql_engine
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving
from tests.conftest import govcn_records

OFFICE = "国务院办公厅"


@pytest.fixture
def server(settings):
    settings.feeds = settings.feeds.model_copy(update={"push_max_bytes": 2_000_000, "push_max_items": 50})
    engine = Engine(settings)
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    tokens = TokenStore(engine.store)
    office_token, _ = tokens.create(OFFICE)
    council_token, _ = tokens.create("国务院")
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield {"engine": engine, "client": client, "office": office_token, "council": council_token, "tokens": tokens}
    engine.close()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def agency_records() -> list[dict]:
    """The real records as an agency's system would push them: no source (the receiver sets it)."""
    return [{k: v for k, v in r.items() if k != "source"} for r in govcn_records()]


def office_records() -> list[dict]:
    return [r for r in agency_records() if r["issuer"] == OFFICE]


def jsonl(records: list[dict]) -> bytes:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")


def test_single_record_is_created_then_unchanged_on_retry(server):
    client, record = server["client"], office_records()[0]
    first = client.post("/api/ingest", json=record, headers=auth(server["office"]))
    assert first.status_code == 201, first.text
    result = first.json()["results"][0]
    assert result["status"] == "new" and result["http_status"] == 201
    again = client.post("/api/ingest", json=record, headers=auth(server["office"]))
    assert again.status_code == 200 and again.json()["results"][0] == {**result, "status": "unchanged", "http_status": 200}
    stored = server["engine"].get(result["id"])
    assert stored.title == record["title"] and stored.source == OFFICE and stored.doc_number == record["doc_number"]
    changed = client.post("/api/ingest", json={**record, "summary": "更正"}, headers=auth(server["office"]))
    assert changed.json()["results"][0]["status"] == "updated"
    assert [r.version for r in server["engine"].versions(result["id"])] == [1, 2]


def test_a_batch_retried_creates_no_duplicates(server):
    client, records = server["client"], office_records()
    headers = {**auth(server["office"]), "Content-Type": "application/x-ndjson"}
    first = client.post("/api/ingest", content=jsonl(records), headers=headers)
    assert first.status_code == 200 and first.json()["counts"]["new"] == len(records) == 27
    second = client.post("/api/ingest", content=jsonl(records), headers=headers)
    assert second.json()["counts"] == {"new": 0, "updated": 0, "unchanged": 27, "rejected": 0}
    assert server["engine"].store.count() == 27
    # a JSON array is a batch too
    as_array = client.post("/api/ingest", json=records[:3], headers=auth(server["office"]))
    assert as_array.status_code == 200 and as_array.json()["counts"]["unchanged"] == 3


def test_a_token_publishes_only_for_its_agency(server):
    client, records = server["client"], agency_records()
    headers = {**auth(server["office"]), "Content-Type": "application/x-ndjson"}
    response = client.post("/api/ingest", content=jsonl(records), headers=headers)
    assert response.status_code == 207
    results = response.json()["results"]
    for raw, result in zip(records, results):
        if raw["issuer"] == OFFICE:
            assert result["http_status"] == 201
        else:
            assert result["http_status"] == 403 and "not this token's agency" in result["error"]
    assert server["engine"].store.count() == 27
    # a record whose source names another agency is refused the same way
    spoof = {**office_records()[0], "source": "国务院"}
    assert client.post("/api/ingest", json=spoof, headers=auth(server["office"])).status_code == 403


def test_an_agency_cannot_overwrite_another_agencys_record(server):
    client, record = server["client"], office_records()[1]
    created = client.post("/api/ingest", json=record, headers=auth(server["office"])).json()["results"][0]
    hijack = {**record, "id": created["id"], "issuer": "国务院", "title": "篡改的标题"}
    response = client.post("/api/ingest", json=hijack, headers=auth(server["council"]))
    assert response.status_code == 403 and "belongs to another agency" in response.json()["message"]
    assert server["engine"].get(created["id"]).title == record["title"]


def test_missing_bad_and_revoked_tokens_get_401(server):
    client, record = server["client"], office_records()[0]
    assert client.post("/api/ingest", json=record).status_code == 401
    response = client.post("/api/ingest", json=record, headers=auth(server["office"][:-2] + "xx"))
    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")
    assert client.post("/api/ingest", json=record, headers=auth("gk_000000000000_" + "a" * 43)).status_code == 401
    assert server["tokens"].revoke(agency=OFFICE) == 1
    assert client.post("/api/ingest", json=record, headers=auth(server["office"])).status_code == 401
    assert server["engine"].store.count() == 0


def test_tokens_are_stored_hashed(server):
    with sql_engine(server["engine"].store).connect() as conn:
        rows = conn.execute(api_tokens.select()).fetchall()
    stored = {row.token_sha256 for row in rows}
    assert _digest(server["office"]) in stored
    assert not any(server["office"] in str(value) for row in rows for value in row)


def test_bad_items_get_their_own_4xx_and_invalid_records_are_quarantined(server):
    client, good = server["client"], office_records()[0]
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"issuer": OFFICE, "body": "没有标题"}), "[1, 2]"]
    response = client.post(
        "/api/ingest", content="\n".join(lines).encode(), headers={**auth(server["office"]), "Content-Type": "application/x-ndjson"}
    )
    assert response.status_code == 207
    codes = [(r["index"], r["http_status"]) for r in response.json()["results"]]
    assert codes == [(1, 201), (2, 400), (3, 422), (4, 400)]
    assert "title" in response.json()["results"][2]["error"]
    quarantined = server["engine"].store.quarantine_list()
    assert len(quarantined) == 1 and "title" in quarantined[0]["reason"]


def test_body_and_batch_limits_answer_413(server):
    client = server["client"]
    headers = {**auth(server["office"]), "Content-Type": "application/x-ndjson"}
    huge = jsonl([{**office_records()[0], "body": "很长的正文" * 150_000}])
    assert client.post("/api/ingest", content=huge, headers=headers).status_code == 413

    def chunked():  # no Content-Length: the limit must hold while reading
        for _ in range(250):
            yield b" " * 10_000

    assert client.post("/api/ingest", content=chunked(), headers=headers).status_code == 413
    many = jsonl([{"title": f"第{n}号", "issuer": OFFICE} for n in range(51)])
    response = client.post("/api/ingest", content=many, headers=headers)
    assert response.status_code == 413 and response.json()["error"] == "too_many_items"
    assert server["engine"].store.count() == 0


def test_request_level_errors(server):
    client = server["client"]
    assert client.post("/api/ingest", content=b"", headers={**auth(server["office"]), "Content-Type": "application/json"}).status_code == 400
    assert client.post("/api/ingest", content=b"\xff\xfe", headers={**auth(server["office"]), "Content-Type": "application/json"}).status_code == 400
    assert client.post("/api/ingest", content=b"<x/>", headers={**auth(server["office"]), "Content-Type": "application/xml"}).status_code == 415


@pytest.mark.parametrize("body", [b'"hello"', b"42", b"null", b"true", b' "\xe5\x81\x9c\xe7\x94\xb5"\n',
                                  '"停电通知"'.encode("gb18030")])
@pytest.mark.parametrize("content_type", ["application/json", "application/x-ndjson"])
def test_a_single_json_scalar_is_a_400_with_a_message(server, body, content_type):
    # It was answered 207 with one rejected item ("not valid JSON: unexpected text"), while a broken single
    # record got 400: the body as a whole is no record, so the request is refused, as an empty one is.
    response = server["client"].post("/api/ingest", content=body, headers={**auth(server["office"]), "Content-Type": content_type})
    assert response.status_code == 400
    answer = response.json()
    assert answer["error"] == "not_a_record" and "not a record or a list of records" in answer["message"]
    assert server["engine"].store.count() == 0


def test_scalars_inside_a_batch_are_still_items_of_their_own(server):
    headers = {**auth(server["office"]), "Content-Type": "application/x-ndjson"}
    response = server["client"].post("/api/ingest", content=b'"a"\n"b"', headers=headers)
    assert response.status_code == 207 and [r["http_status"] for r in response.json()["results"]] == [400, 400]
    response = server["client"].post("/api/ingest", content=b"[1, 2]", headers={**headers, "Content-Type": "application/json"})
    assert response.status_code == 207 and len(response.json()["results"]) == 2


def test_a_document_file_with_metadata(server, corpus):
    client = server["client"]
    index = [json.loads(line) for line in (corpus / "pdf_docx" / "govcn_as_files" / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    entry = next(e for e in index if e["file"].endswith(".docx"))
    data = (corpus / "pdf_docx" / "govcn_as_files" / entry["file"]).read_bytes()
    metadata = {"index_number": "000014349/2018-00123", "topic": "综合政务"}
    response = client.post(
        "/api/ingest",
        files={"file": ("../../etc/" + entry["file"], data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")},
        data={"metadata": json.dumps(metadata, ensure_ascii=False)},
        headers=auth(server["office"]),
    )
    assert response.status_code == 201, response.text
    record = server["engine"].get(response.json()["results"][0]["id"])
    assert record.issuer == OFFICE and record.source == OFFICE
    assert record.index_number == "000014349/2018-00123" and record.topic == "综合政务"
    assert record.doc_number == entry["doc_number"]
    assert record.title == entry["title"]


def test_a_document_claiming_another_issuer_is_refused(server, corpus):
    data = (corpus / "pdf_docx" / "govcn_as_files" / "govcn-5338761.docx").read_bytes()
    response = server["client"].post(
        "/api/ingest",
        files={"file": ("a.docx", data, "application/octet-stream")},
        data={"metadata": json.dumps({"issuer": "国务院"}, ensure_ascii=False)},
        headers=auth(server["office"]),
    )
    assert response.status_code == 403
    bad = server["client"].post(
        "/api/ingest", files={"file": ("a.docx", data)}, data={"metadata": "{oops"}, headers=auth(server["office"])
    )
    assert bad.status_code == 400 and bad.json()["error"] == "bad_metadata"
    assert server["engine"].store.count() == 0


def test_a_document_whose_parse_overruns_the_time_limit_is_refused_and_the_server_goes_on(server, corpus):
    """Pushed documents are parsed in a worker process under settings.parsers.timeout_seconds."""
    engine = server["engine"]
    engine.settings.parsers = engine.settings.parsers.model_copy(update={"timeout_seconds": 1.0})
    data = (corpus / "pdf_docx" / "中华人民共和国民法典.pdf").read_bytes()  # 231 pages: seconds to parse
    response = server["client"].post(
        "/api/ingest", files={"file": ("民法典.pdf", data, "application/pdf")}, headers=auth(server["office"])
    )
    assert response.status_code == 422, response.text
    assert "took over 1 s" in response.json()["results"][0]["error"]
    quarantined = engine.store.quarantine_list()
    assert len(quarantined) == 1 and "timeout_seconds" in quarantined[0]["reason"]
    # The server is free for the next push: a small document goes in.
    small = (corpus / "pdf_docx" / "govcn_as_files" / "govcn-5338761.docx").read_bytes()
    again = server["client"].post("/api/ingest", files={"file": ("a.docx", small)}, headers=auth(server["office"]))
    assert again.status_code == 201, again.text


def test_push_reads_records_by_the_one_reader(server):
    """GB18030 bodies as `gongkai ingest` reads them; a bad element (a 5,000-digit number, 3,000-deep
    nesting) is rejected alone, the others in the same array go in."""
    client, records = server["client"], office_records()
    headers = {**auth(server["office"]), "Content-Type": "application/json"}
    gbk = json.dumps({**records[0], "title": "国标编码推送的记录"}, ensure_ascii=False).encode("gb18030")
    response = client.post("/api/ingest", content=gbk, headers=headers)
    assert response.status_code == 201, response.text
    assert server["engine"].get(response.json()["results"][0]["id"]).title == "国标编码推送的记录"
    body = "[" + ", ".join([json.dumps(records[1], ensure_ascii=False), '{"title": ' + "9" * 5000 + "}", "[" * 3000 + "]" * 3000,
                            json.dumps(records[2], ensure_ascii=False)]) + "]"
    response = client.post("/api/ingest", content=body.encode(), headers=headers)
    results = response.json()["results"]
    assert response.status_code == 207 and [r["status"] for r in results] == ["new", "rejected", "rejected", "new"]
    assert "4300 digits" in results[1]["error"] and "nested more than" in results[2]["error"]


def test_a_pushed_file_that_declares_a_dtd_is_refused_not_parsed_as_html(server):
    lol = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;">]>\n'
           b"<html><head><title>&lol9;</title></head><body><p>&lol9;</p></body></html>")
    response = server["client"].post("/api/ingest", files={"file": ("page.html", lol, "text/html")}, headers=auth(server["office"]))
    assert response.status_code == 422, response.text
    assert "refused unsafe XML" in response.json()["results"][0]["error"]
    engine = server["engine"]
    assert engine.store.count() == 0
    [entry] = engine.store.quarantine_list()
    assert "DTDs and entities are not allowed" in entry["reason"]  # kept with its reason, not lost


def test_the_same_file_pushed_again_with_more_metadata_is_the_same_record(server, corpus):
    """A file pushed without 索引号 or URL gets an id from its content; pushed again with a 文号 and a topic added
    (an agency completing its metadata) it is a new version of that record, not a second record. Pushed once more
    with a 索引号, it takes the 索引号's id and the earlier record is withdrawn: one visible record, and a
    harvester sees the old id deleted, not two copies."""
    client, engine = server["client"], server["engine"]
    data = (corpus / "pdf_docx" / "govcn_as_files" / "govcn-5338761.docx").read_bytes()

    def push(metadata: dict) -> dict:
        response = client.post("/api/ingest", files={"file": ("notice.docx", data)},
                               data={"metadata": json.dumps(metadata, ensure_ascii=False)}, headers=auth(server["office"]))
        assert response.status_code in (200, 201), response.text
        return response.json()["results"][0]

    first = push({})
    assert first["status"] == "new"
    completed = push({"doc_number": "国办函〔2018〕99号", "topic": "综合政务"})
    assert completed["id"] == first["id"] and completed["status"] == "updated"
    record = engine.get(first["id"])
    assert record.doc_number == "国办函〔2018〕99号" and record.topic == "综合政务"
    assert engine.store.count() == 1
    assert push({"doc_number": "国办函〔2018〕99号", "topic": "综合政务"}) == completed | {"status": "unchanged", "http_status": 200}

    registered = push({"doc_number": "国办函〔2018〕99号", "index_number": "000014349/2018-00999"})
    assert registered["status"] == "new" and registered["id"] != first["id"]
    assert engine.store.get(first["id"]).withdrawn
    assert engine.store.withdrawn_reason(first["id"]).endswith(registered["id"])
    visible = [r.id for r in engine.store.iter_records(include_withdrawn=False)]
    assert visible == [registered["id"]]
    assert engine.search(SearchRequest(q="国办函〔2018〕99号")).total == 1


def test_the_same_bytes_from_another_agency_are_not_taken_over(server, corpus):
    """Same bytes, another agency: its own record (or a refusal), never an update of the first agency's."""
    client = server["client"]
    data = (corpus / "pdf_docx" / "govcn_as_files" / "govcn-5338761.docx").read_bytes()
    first = client.post("/api/ingest", files={"file": ("a.docx", data)}, headers=auth(server["office"])).json()["results"][0]
    other = client.post("/api/ingest", files={"file": ("a.docx", data)}, data={"metadata": json.dumps({"topic": "其他"})},
                        headers=auth(server["council"]))
    assert other.json()["results"][0]["id"] != first["id"] or other.status_code == 403
    assert server["engine"].get(first["id"]).source == OFFICE
