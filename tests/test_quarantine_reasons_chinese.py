"""Operators read quarantine reasons Chinese first (polish's leftover: `title: Field required` was English only), with
a code for machines, in the CLI (`gongkai quarantine list|retry`, `gongkai ingest`) and the push API; the stored
reason stays the English it was (scripts and a retry's "quarantined before" read it). Real files, real SQLite and
Tantivy, real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from fastapi import FastAPI

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.quarantine_reasons import PATTERNS, explain
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving
from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

GOOD = {"title": "厦门市财政局关于预算公开的通知", "issuer": "厦门市财政局", "body": "预算公开", "publish_date": "2024-03-01"}
HAN = re.compile(r"^[^\x00-\x7f]")


def _lines(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def test_the_cli_says_quarantine_reasons_chinese_first_and_keeps_the_english_and_a_code(tmp_path, monkeypatch):
    data, path = tmp_path / "data", tmp_path / "export.jsonl"
    path.write_text(_lines(GOOD, {"title": "厦门市财政局关于决算公开的通知", "publish_date": "2024-13-01"}, "{broken",
                           {**GOOD, "title": "厦门市财政局关于资金下达的通知", "body": "资金" * 600}), encoding="utf-8")
    monkeypatch.setenv("GONGKAI_RECORDS__MAX_RECORD_BYTES", "1024")
    ingested = run(data, "ingest", str(path))
    assert ingested.exit_code == 0
    said = ingested.stderr if hasattr(ingested, "stderr") and ingested.stderr else ingested.output
    assert "记录无效：publish_date 不是有效日期" in said and "不是有效的 JSON" in said

    entries = [json.loads(line) for line in run(data, "quarantine", "list", "--json").stdout.splitlines()]
    by_code = {entry["reason_code"]: entry for entry in entries}
    assert set(by_code) == {"invalid_record", "bad_json", "record_too_large"}
    assert by_code["record_too_large"]["reason_zh"].startswith("记录有") and "max_record_bytes" in by_code["record_too_large"]["reason_zh"]
    assert "publish_date: not a valid date" in by_code["invalid_record"]["reason"]  # stored as it was
    assert not any(HAN.match(entry["reason"]) for entry in entries)

    table = run(data, "quarantine", "list").stdout
    assert "不是有效的" in table and "记录无效" in table

    retried = [json.loads(line) for line in run(data, "quarantine", "retry", "--json", str(by_code["bad_json"]["id"])).stdout.splitlines()]
    assert retried[0]["error_code"] == "bad_json" and retried[0]["error_zh"] == "不是有效的 JSON"
    shown = run(data, "quarantine", "retry", str(by_code["invalid_record"]["id"])).stdout
    assert "记录无效" in shown and "not a valid date" in shown.replace("\n", " ")


def test_the_push_api_says_quarantine_reasons_chinese_first_with_a_code(settings):
    settings.records = settings.records.model_copy(update={"max_record_bytes": 1024})
    engine = Engine(settings)
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    token, _ = TokenStore(engine.store).create("厦门市财政局")
    try:
        with serving(app) as base, httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:
            body = _lines(GOOD, {**GOOD, "title": "厦门市财政局关于资金下达的通知", "body": "资金" * 600}).encode()
            answer = client.post("/api/ingest", content=body, headers={"Content-Type": "application/x-ndjson"})
            assert answer.status_code == 207, answer.text
            bad = answer.json()["results"][1]
            assert bad["error_code"] == "record_too_large" and bad["error"].startswith("记录有") and "over the limit" in bad["error"]
            gone = client.post("/api/ingest", json={"id": "no-such-record", "withdrawn": True}).json()["results"][0]
            assert gone["error"].startswith("要撤下的记录不存在 / withdrawn: no record no-such-record") and gone["error_code"] == "withdraw_missing"
        assert engine.store.quarantine_list()[0]["reason"].startswith("push:")  # the store keeps the English
    finally:
        engine.close()


def test_every_reason_is_chinese_first():
    samples = [
        "a.jsonl:3: nested more than 32 levels deep (setting records.max_depth)",
        "inbox:A/report.pdf: sidecar report.pdf.json sets fields only the store sets: version",
        "inbox:A/r.jsonl#3: source: a file in inbox/A/ names source 'site:xm-fgw'; an agency's folder stores its own records only",
        "https://x.gov.cn/a.pdf: parsing a.pdf took over 60 s (settings.parsers.timeout_seconds); the parser was stopped",
        "x.xml: refused unsafe XML (EntitiesForbidden: DTDs and entities are not allowed)",
        "a.doc: unsupported format: doc",
        "anything else entirely",
    ]
    for reason in samples:
        said = explain(reason)
        assert HAN.match(said.text()) and said.text().endswith(reason), said
    assert explain(samples[-1]).code == "other"
    assert len({code for code, _, _ in PATTERNS}) >= 30


def test_gongkai_ingest_json_gives_the_code_and_the_chinese_beside_the_stored_reason(tmp_path):
    data, path = tmp_path / "data", tmp_path / "export.jsonl"
    path.write_text(_lines(GOOD, "{broken"), encoding="utf-8")
    lines = [json.loads(line) for line in run(data, "ingest", "--json", str(path)).stdout.splitlines()]
    assert [(item["status"], item.get("error_code"), item.get("error_zh")) for item in lines] == [
        ("new", None, None), ("quarantined", "bad_json", "不是有效的 JSON")]
    assert lines[1]["error"].startswith(f"{path}:2: not valid JSON")  # as stored


def test_a_damaged_or_locked_file_is_said_so():
    """The demo's corrupt PDF read 无法入库 (no pattern knew the parsers' CorruptFile words; session 9)."""
    corrupt = explain("http://127.0.0.1:8/P02.pdf: pdf is corrupt: P02.pdf (PSEOF: Unexpected EOF)")
    assert (corrupt.code, corrupt.chinese) == ("corrupt_file", "文件已损坏或不完整，无法读取")
    assert explain("a.docx: docx is not a valid zip file: a.docx (File is not a zip file)").code == "corrupt_file"
    locked = explain("pdf is encrypted (password required): a.pdf (PDFPasswordIncorrect)")
    assert (locked.code, locked.chinese) == ("encrypted_file", "pdf 文件已加密（需要密码），无法读取")
