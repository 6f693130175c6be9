"""A withdrawn record's page says who withdrew it (probe5). A notice a column reparse no longer gave was shown as
"已被发布机关撤销" (revoked by its issuer), as was a page a site took down and an operator's takedown. Real store,
real reparse of a kept column, real push with a token, real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds.tokens import TokenStore
from gongkai.ingest import IngestItem
from gongkai.record import Record
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from gongkai.withdrawal_reasons import page_gone, words_zh
from tests.conftest import CORPUS

PAGE = Path(__file__).resolve().parent / "fixtures" / "sites" / "xmrb" / "pages" / "xmrb" / "html" / "2024-05" / "06" / "content_102.htm"
URL = "http://127.0.0.1:8804/xmrb/html/2024-05/06/content_102.htm"
PDF = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5339579.pdf"
AGENCY = "国务院办公厅"


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


def test_a_notice_a_column_reparse_left_out_is_not_said_revoked_by_its_issuer(served):
    engine, client = served
    sha = engine.store.put_capture(PAGE.read_bytes(), url=URL, content_type="text/html; charset=utf-8", source="site:xmrb",
                                   meta={"filename": PAGE.name, "sidecar": {"publish_date": "2024-05-06"}, "notice_column": True})
    old = Record(id="0ld0notice0by0place2", kind="notice", title="上一篇：遗失声明", body="上一篇：遗失声明", url=URL, source="site:xmrb")
    engine.ingest_items([IngestItem(f"{URL}#0", record=old, source=old.source, capture_sha256=sha)])
    engine.reparse()
    assert engine.get(old.id).withdrawn
    page = client.get(f"/documents/{old.id}")
    assert page.status_code == 410 and "已撤销" in page.text
    assert "发布机关撤销" not in page.text and "发布机构" not in page.text
    assert "重新识别所在报纸版面" in page.text


def test_the_page_names_an_agency_withdrawal_and_an_operator_takedown_apart(served):
    engine, client = served
    pushed = client.post("/api/ingest", files={"file": (PDF.name, PDF.read_bytes(), "application/pdf")},
                         data={"metadata": json.dumps({"index_number": "000014349/2018-00999"})})
    assert pushed.status_code == 201, pushed.text
    record_id = pushed.json()["results"][0]["id"]
    assert client.post("/api/ingest", json={"id": record_id, "withdrawn": True}).status_code == 200
    page = client.get(f"/documents/{record_id}")
    assert page.status_code == 410 and f"已被发布机构（{AGENCY}）撤销" in page.text
    # an operator's takedown over it: the operator's, not the agency's
    assert engine.withdraw(record_id, "侵犯个人隐私", operator="admin")
    page = client.get(f"/documents/{record_id}")
    assert page.status_code == 410 and "已由本站管理员下架" in page.text and "发布机构" not in page.text
    assert "侵犯个人隐私" not in page.text  # the operator's reason is for operators


def test_each_stored_reason_reads_as_who_withdrew_it():
    assert "HTTP 404" in words_zh(page_gone(404, "https://example.gov.cn/a.htm")) and "原发布网页" in words_zh(page_gone(404, "x"))
    assert words_zh("") == "已撤下，内容不再提供。"
    assert words_zh(None, taken_down=True).startswith("已由本站管理员下架")
