"""Scanned pages left unread over the OCR time limit (probe5): a push of the scan answered 201 and said nothing of it;
the review entry's Chinese said 识别可信度低 (low confidence) for a timeout; `gongkai quarantine retry` said "nothing
to retry" where `gongkai reparse ID` reads the missing pages; and the entry stayed open after a reparse had read every
page. Real Tesseract, SQLite, Tantivy, HTTP push on 127.0.0.1 and CLI; the time limit set under a second, so every
page is left unread at once (gongkai.parsers.formats.ocr: a budget under 1 s reads nothing)."""

from __future__ import annotations

import json

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.quarantine_reasons import explain
from gongkai.settings import load_settings
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from tests.cli_run import run
from tests.test_ocr import needs_tesseract
from tests.test_quarantine_ocr_review import scan

pytestmark = [pytest.mark.usefixtures("fresh_cli_state"), needs_tesseract]
AGENCY = "国务院办公厅"


def test_a_scan_push_with_pages_left_unread_says_so_and_a_reparse_closes_its_entry(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("GONGKAI_PARSERS__OCR__PAGE_TIMEOUT_SECONDS", "0.5")
    engine = Engine(load_settings(data_dir=data))
    token, _ = TokenStore(engine.store).create(AGENCY)
    try:
        with serve_in_thread(create_app(engine)) as base:
            path = scan(tmp_path)
            answer = httpx.post(f"{base}/api/ingest", headers={"Authorization": f"Bearer {token}"}, timeout=120,
                                files={"file": (path.name, path.read_bytes(), "image/png")})
    finally:
        engine.close()
    assert answer.status_code == 201, answer.text
    [result] = answer.json()["results"]
    # the agency is told its record went in with a page unread
    assert result["review_code"] == "ocr_pages_unread" and "第 1 页" in result["review"], result
    record_id = result["id"]

    [entry] = [json.loads(line) for line in run(data, "quarantine", "list", "--json").stdout.splitlines()]
    said = explain(entry["reason"])
    assert said.code == "ocr_pages_unread" and "超时" in said.chinese and "可信度低" not in said.chinese
    assert f"gongkai reparse {record_id}" in said.chinese

    retried = run(data, "quarantine", "retry")
    assert f"gongkai reparse {record_id}" in retried.stdout, retried.stdout

    monkeypatch.delenv("GONGKAI_PARSERS__OCR__PAGE_TIMEOUT_SECONDS")
    reparsed = run(data, "reparse", record_id)
    assert reparsed.exit_code == 0, reparsed.output
    assert [json.loads(line) for line in run(data, "quarantine", "list", "--json").stdout.splitlines()] == []
    stats = run(data, "stats").stdout
    assert "ocr_review: 0" in stats, stats
