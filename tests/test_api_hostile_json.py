"""Client JSON the API cannot read is a 4xx with a message, never a 500 (issue 16 item 5), over a real socket.

json.loads fails in three ways on hostile input: a syntax error, a ValueError for an integer of more than
4,300 digits and a RecursionError for deep nesting. The multipart metadata of POST /api/ingest let the last
two out as 500s; the catch-all middleware now answers any such error a route lets out with 422 (logged).
"""

from __future__ import annotations

import json
import logging

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.web.errors import CatchAllMiddleware
from gongkai.web.server import serve_in_thread

OFFICE = "国务院办公厅"
HUGE = "9" * 5000
DEEP = "[" * 3000 + "]" * 3000
DOCX = "pdf_docx/govcn_as_files/govcn-5338761.docx"


@pytest.fixture
def pushed(settings):
    from gongkai.web.app import create_app

    engine = Engine(settings)
    token, _ = TokenStore(engine.store).create(OFFICE)
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
        yield engine, client, {"Authorization": f"Bearer {token}"}
    engine.close()


@pytest.mark.parametrize(
    "metadata, status, words",
    [
        ('{"title": ' + HUGE + "}", 422, "4300"),
        ('{"notice": ' + DEEP + "}", 422, "nested too deeply"),
        ('{"notice": ' + "[" * 40 + "]" * 40 + "}", 422, "records.max_depth"),
        (DEEP, 422, "nested too deeply"),
        ("{oops", 400, "not valid JSON"),
        ('{"title": "unterminated', 400, "Unterminated string starting at line 1 column 11"),  # not "at at line"
        ('{"withdrawn": true}', 422, "only the store sets: withdrawn"),
        ('{"version": 7, "first_seen": "2020-01-01T00:00:00"}', 422, "first_seen, version"),
    ],
    ids=["huge-number", "deep-value", "deeper-than-the-setting", "deep-metadata", "syntax", "unterminated", "withdrawn", "store-fields"],
)
def test_multipart_metadata_that_cannot_be_read_is_a_4xx_with_a_message(pushed, corpus, metadata, status, words):
    engine, client, headers = pushed
    data = (corpus / DOCX).read_bytes()
    response = client.post("/api/ingest", files={"file": ("a.docx", data)}, data={"metadata": metadata}, headers=headers)
    assert response.status_code == status, response.text
    body = response.json()
    assert words in body["message"] and body["error"] in ("bad_metadata", "rejected")
    assert engine.store.count() == 0


@pytest.mark.parametrize("line, words", [('{"title": ' + HUGE + "}", "4300"), (DEEP, "nested"), ('{"title": "x", "notice": ' + DEEP + "}", "nested")])
@pytest.mark.parametrize("content_type", ["application/json", "application/x-ndjson"])
def test_record_pushes_with_a_huge_number_or_deep_nesting_get_their_own_400(pushed, line, words, content_type):
    engine, client, headers = pushed
    good = json.dumps({"title": "关于印发某办法的通知", "url": "https://www.gov.cn/a.htm"}, ensure_ascii=False)
    body = (line + "\n" + good).encode()
    response = client.post("/api/ingest", content=body, headers={**headers, "Content-Type": content_type})
    assert response.status_code == 207, response.text
    first, second = response.json()["results"]
    assert first["http_status"] == 400 and words in first["error"]
    assert second["http_status"] == 201 and engine.store.count() == 1


def test_client_caused_errors_a_route_lets_out_are_422_and_logged_and_bugs_stay_500(caplog):
    """The general guard: what only hostile input raises is a 422 with a message; anything else a 500; both logged."""
    router = APIRouter()

    @router.get("/api/deep")
    def deep() -> dict:
        return json.loads(DEEP)

    @router.get("/api/huge")
    def huge() -> dict:
        return {"n": int(HUGE)}

    @router.get("/api/bug")
    def bug() -> dict:
        raise ValueError("a server bug")

    app = FastAPI()
    app.include_router(router)
    app.add_middleware(CatchAllMiddleware)
    with caplog.at_level(logging.ERROR, logger="gongkai.web"), serve_in_thread(app) as base:
        answers = {name: httpx.get(f"{base}/api/{name}", timeout=10) for name in ("deep", "huge", "bug")}
    assert answers["deep"].status_code == 422 and "nested too deeply" in answers["deep"].json()["message"]
    assert answers["huge"].status_code == 422 and "4,300 digits" in answers["huge"].json()["message"]
    assert answers["bug"].status_code == 500 and answers["bug"].json()["error"] == "internal_error"
    logged = [r for r in caplog.records if r.name == "gongkai.web" and r.exc_info]
    assert len(logged) == 3 and sum("answered 422" in r.getMessage() for r in logged) == 2
