"""A push whose body is compressed (Content-Encoding: gzip, as some HTTP clients send by default) is refused as what it
is, 415 naming the encoding, and nothing is stored (probe3: it was 400 "the body is neither UTF-8 nor GB18030 text",
which sent the agency looking for a charset problem). Real server on 127.0.0.1, real SQLite and Tantivy."""

from __future__ import annotations

import gzip

import httpx

from gongkai.feeds.tokens import TokenStore
from tests.support import served_engine


def test_a_gzip_body_is_read_and_another_encoding_is_refused_by_its_name(tmp_path):
    """Since doors8 a gzip body is inflated and read (it was 415 "send the body uncompressed": a Java client's
    GZIPOutputStream, a requests hook); an encoding the push does not read (br) is still 415 naming it, nothing stored."""
    with served_engine(tmp_path / "data", []) as (engine, base):
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        body = '{"title": "压缩的记录"}'.encode()
        read = httpx.post(base + "/api/ingest", content=gzip.compress(body), headers={**headers, "Content-Encoding": "gzip"})
        assert read.status_code == 201 and engine.store.count() == 1, read.text
        refused = httpx.post(base + "/api/ingest", content=b"\x1b\x00", headers={**headers, "Content-Encoding": "br"})
        assert refused.status_code == 415 and refused.json()["error"] == "unsupported_encoding", refused.text
        assert "br" in refused.json()["message"] and engine.store.count() == 1
        cut = httpx.post(base + "/api/ingest", content=gzip.compress('{"title": "断了的压缩记录"}'.encode())[:-6],
                         headers={**headers, "Content-Encoding": "gzip"})
        assert cut.status_code == 400 and cut.json()["error"] == "bad_gzip" and engine.store.count() == 1, cut.text
        plain = httpx.post(base + "/api/ingest", content='{"title": "不压缩的记录"}'.encode(), headers={**headers, "Content-Encoding": "identity"})
        assert plain.status_code == 201 and engine.store.count() == 2


def test_one_record_written_with_a_byte_order_mark_is_answered_as_one_record(tmp_path):
    """Notepad and PowerShell write a BOM: {"title": …} so written was answered 200 as a batch of one, not 201."""
    with served_engine(tmp_path / "data", []) as (engine, base):
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        for n, body in enumerate(['\ufeff{"title": "带BOM的记录一"}'.encode("utf-8"), '{"title": "带BOM的记录二"}'.encode("utf-16"),
                                  '{"title": "带BOM的记录三"}'.encode("utf-16-be").join([b"\xfe\xff", b""])]):
            answer = httpx.post(base + "/api/ingest", content=body, headers=headers)
            assert answer.status_code == 201 and answer.json()["results"][0]["status"] == "new", (n, answer.text)
