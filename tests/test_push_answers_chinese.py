"""Every refusal of `POST /api/ingest` is said Chinese first, and a Windows client's GBK form parts are read as the
Chinese they are (doors, session 10). Over a real socket, with real SQLite and Tantivy.

The clerk of an agency reads the push's answers: a wrong token, a body too large, a form without its file, another
agency's issuer (403), metadata with a field a record does not have, an empty file, a zip bomb were English only (or
`无法入库` before the English). A multipart push from a client writing GBK (an old Windows form, a C# tool on the system
code page) had its metadata decoded as latin-1 (`{"索引号": …}` became `{"Ë÷ÒýºÅ": …}` and was refused as a field a
record does not have) and its file name stored as mojibake."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from tests.hostile_cases import FILES, zip_bomb_docx
from tests.support import agency_push_client

AGENCY = "厦门市财政局"
NOTICE = "厦门市财政局关于2026年部门预算公开的通知\n各区财政局：\n现将2026年部门预算公开有关事项通知如下。\n厦门市财政局\n2026年3月1日\n"
CHINESE_FIRST = re.compile(r"^[\u4e00-\u9fff（]")


@pytest.fixture
def pushing(settings):
    settings = settings.model_copy(update={"feeds": settings.feeds.model_copy(update={"push_max_bytes": 4_000_000, "push_max_items": 3})})
    with agency_push_client(settings, AGENCY) as pushed:
        yield pushed


def _multipart(parts: list[tuple[bytes, bytes]], boundary: bytes = b"gongkai-boundary") -> tuple[bytes, str]:
    """A multipart body written byte for byte (a client on a GBK code page: no client library writes one so)."""
    body = b"".join(b"--" + boundary + b"\r\nContent-Disposition: form-data; " + disposition + b"\r\n\r\n" + value + b"\r\n"
                    for disposition, value in parts)
    return body + b"--" + boundary + b"--\r\n", f"multipart/form-data; boundary={boundary.decode()}"


def _two_records_file() -> bytes:
    return "\n".join(json.dumps({"title": f"通知{n}", "body": "正文"}, ensure_ascii=False) for n in (1, 2)).encode()


def test_every_refusal_of_the_push_is_said_chinese_first(pushing):
    engine, client = pushing
    pdf = (FILES / "govcn-5339579.pdf").read_bytes()
    sent = {
        "wrong token": client.post("/api/ingest", content=b"{}", headers={"Authorization": "Bearer gk_nope"}),
        "too large": client.post("/api/ingest", content=b"[" + b" " * 4_100_000 + b"]", headers={"Content-Type": "application/json"}),
        "a form": client.post("/api/ingest", data={"title": "x"}),
        "empty body": client.post("/api/ingest", content=b"  ", headers={"Content-Type": "application/json"}),
        "not text": client.post("/api/ingest", content=b"\xff\xfe\x00{", headers={"Content-Type": "application/json"}),
        "a string": client.post("/api/ingest", content=b'"hello"', headers={"Content-Type": "application/json"}),
        "too many": client.post("/api/ingest", content=json.dumps([{"title": f"通知{n}"} for n in range(5)]).encode(),
                                headers={"Content-Type": "application/json"}),
        "no file part": client.post("/api/ingest", files={"metadata": (None, "{}")}),
        "broken multipart": client.post("/api/ingest", content=b"abc", headers={"Content-Type": "multipart/form-data"}),
        "metadata not json": client.post("/api/ingest", files={"file": ("a.txt", NOTICE.encode())}, data={"metadata": "{oops"}),
        "metadata field": client.post("/api/ingest", files={"file": ("a.txt", NOTICE.encode())}, data={"metadata": '{"colour": "red"}'}),
        "metadata store field": client.post("/api/ingest", files={"file": ("a.txt", NOTICE.encode())}, data={"metadata": '{"version": 3}'}),
        "another issuer": client.post("/api/ingest", files={"file": ("a.txt", NOTICE.encode())}, data={"metadata": '{"issuer": "国务院"}'}),
        "another source": client.post("/api/ingest", json={"title": "通知", "body": "正文", "source": "site:xm-fgw"}),
        "withdrawal without id": client.post("/api/ingest", json={"withdrawn": True}),
        "two records in a file": client.post("/api/ingest", files={"file": ("two.jsonl", _two_records_file())}),
        "empty file": client.post("/api/ingest", files={"file": ("empty.pdf", b"")}),
        "cut pdf": client.post("/api/ingest", files={"file": ("cut.pdf", pdf[:4000])}),
        "zip bomb": client.post("/api/ingest", files={"file": ("bomb.docx", zip_bomb_docx())}),
    }
    for what, answer in sent.items():
        assert 400 <= answer.status_code < 500, (what, answer.status_code, answer.text)
        body = answer.json()
        said = [body["message"]] + [result["error"] for result in body.get("results", []) if result.get("error")]
        for message in said:
            assert CHINESE_FIRST.match(message) and " / " in message, (what, message)
            assert not message.startswith("无法入库"), (what, message)  # a reason no pattern knows: say what it is
    assert engine.store.count() == 0


def test_a_gbk_form_is_read_as_the_chinese_it_is(pushing):
    engine, client = pushing
    metadata = json.dumps({"索引号": "XM-CZ-2026-03", "主题分类": "财政"}, ensure_ascii=False).encode("gbk")
    body, content_type = _multipart([
        (b'name="file"; filename="' + "部门预算公开.txt".encode("gbk") + b'"', NOTICE.encode("gbk")),
        (b'name="metadata"', metadata),
    ])
    answer = client.post("/api/ingest", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == 201, answer.text
    [record] = list(engine.export())
    assert record.index_number == "XM-CZ-2026-03" and record.topic == "财政"
    assert record.title == "厦门市财政局关于2026年部门预算公开的通知"
    # the file's name, as the quarantine shows it when the file is refused
    empty, content_type = _multipart([(b'name="file"; filename="' + "决算说明.pdf".encode("gbk") + b'"', b"")])
    refused = client.post("/api/ingest", content=empty, headers={"Content-Type": content_type})
    assert refused.status_code == 422 and "决算说明.pdf" in refused.json()["message"], refused.text
    assert any("决算说明.pdf" in entry["reason"] for entry in engine.store.quarantine_list("open"))
    # a UTF-8 form still reads as UTF-8
    utf8 = client.post("/api/ingest", files={"file": ("决算公开.txt", NOTICE.replace("预算", "决算").encode())},
                       data={"metadata": json.dumps({"索引号": "XM-CZ-2026-04"}, ensure_ascii=False)})
    assert utf8.status_code == 201, utf8.text
    assert {record.index_number for record in engine.export()} == {"XM-CZ-2026-03", "XM-CZ-2026-04"}


def test_metadata_in_no_known_encoding_is_refused_with_the_reason(pushing):
    engine, client = pushing
    body, content_type = _multipart([(b'name="file"; filename="a.txt"', NOTICE.encode()), (b'name="metadata"', b'{"title": "\x80\xff"}')])
    answer = client.post("/api/ingest", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == 400 and answer.json()["error"] == "bad_metadata", answer.text
    assert CHINESE_FIRST.match(answer.json()["message"]) and engine.store.count() == 0


def test_zip_helper_is_a_real_docx():
    """The zip bomb of the first test is a real DOCX around its bomb (so the refusal is the bomb's, not a broken file's)."""
    with zipfile.ZipFile(io.BytesIO(zip_bomb_docx())) as archive:
        assert "word/document.xml" in archive.namelist()


def test_a_refused_record_of_a_batch_has_its_code_as_every_refused_line(pushing):
    """A batch's record with a date that is none was answered with its error and no `error_code`, where a line that is
    no JSON had `bad_json` beside it: a client sorting the refusals by code found nothing for it (newuser2)."""
    _, client = pushing
    lines = [{"title": "甲", "body": "正文甲", "publish_date": "2026-12-01"}, {"title": "乙", "body": "正文", "publish_date": "2026-13-45"}]
    answer = client.post("/api/ingest", content="\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode() + b"\nnot json\n",
                         headers={"Content-Type": "application/x-ndjson"})
    refused = [result for result in answer.json()["results"] if result["status"] == "rejected"]
    assert [result.get("error_code") for result in refused] == ["invalid_record", "bad_json"], refused
