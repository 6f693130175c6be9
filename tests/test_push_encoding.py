"""A push whose body is compressed (Content-Encoding: gzip, as some HTTP clients send by default) is refused as what it
is, 415 naming the encoding, and nothing is stored (probe3: it was 400 "the body is neither UTF-8 nor GB18030 text",
which sent the agency looking for a charset problem). Real server on 127.0.0.1, real SQLite and Tantivy."""

from __future__ import annotations

import gzip

import httpx

from gongkai.feeds.tokens import TokenStore
from tests.support import served_engine


def test_a_compressed_body_is_refused_by_its_encoding(tmp_path):
    with served_engine(tmp_path / "data", []) as (engine, base):
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        body = '{"title": "压缩的记录"}'.encode()
        refused = httpx.post(base + "/api/ingest", content=gzip.compress(body), headers={**headers, "Content-Encoding": "gzip"})
        assert refused.status_code == 415 and refused.json()["error"] == "unsupported_encoding", refused.text
        assert "gzip" in refused.json()["message"] and engine.store.count() == 0
        plain = httpx.post(base + "/api/ingest", content=body, headers={**headers, "Content-Encoding": "identity"})
        assert plain.status_code == 201 and engine.store.count() == 1


def test_one_record_written_with_a_byte_order_mark_is_answered_as_one_record(tmp_path):
    """Notepad and PowerShell write a BOM: {"title": …} so written was answered 200 as a batch of one, not 201."""
    with served_engine(tmp_path / "data", []) as (engine, base):
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        for n, body in enumerate(['\ufeff{"title": "带BOM的记录一"}'.encode("utf-8"), '{"title": "带BOM的记录二"}'.encode("utf-16"),
                                  '{"title": "带BOM的记录三"}'.encode("utf-16-be").join([b"\xfe\xff", b""])]):
            answer = httpx.post(base + "/api/ingest", content=body, headers=headers)
            assert answer.status_code == 201 and answer.json()["results"][0]["status"] == "new", (n, answer.text)
