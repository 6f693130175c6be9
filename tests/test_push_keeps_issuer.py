"""One rule for a pushed document's issuer (probe5): the issuer is what the document says (发文机关, read from its
text), its sender is its `source`. A push overwrote the extracted issuer with the token's agency (a 市政府办公厅
relaying a 国务院办公厅 document stored it as the 市政府办公厅's), while the drop folder kept the document's. An issuer
the agency itself states (metadata) must still be its own name. Real push over a served app, real drop folder."""

from __future__ import annotations

import json
import shutil

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds.inbox import process_inbox
from gongkai.feeds.tokens import TokenStore
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from tests.conftest import CORPUS

RELAY = "厦门市人民政府办公厅"
ISSUER = "国务院办公厅"  # the document's own 发文机关
DOCX = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5338761.docx"
OTHER_DOCX = CORPUS / "pdf_docx" / "govcn_as_files" / "govcn-5342665.docx"


@pytest.fixture
def served(settings):
    engine = Engine(settings)
    relay, _ = TokenStore(engine.store).create(RELAY)
    issuer, _ = TokenStore(engine.store).create(ISSUER)
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            yield engine, client, {"Authorization": f"Bearer {relay}"}, {"Authorization": f"Bearer {issuer}"}
    finally:
        engine.close()


def push(client: httpx.Client, headers: dict[str, str], path=DOCX, metadata: dict | None = None) -> httpx.Response:
    return client.post("/api/ingest", headers=headers, files={"file": (path.name, path.read_bytes())},
                       data={"metadata": json.dumps(metadata or {}, ensure_ascii=False)})


def test_a_relayed_document_keeps_its_issuer_as_in_the_drop_folder(served, settings):
    engine, client, relay, _ = served
    answer = push(client, relay)
    assert answer.status_code == 201, answer.text
    pushed = engine.get(answer.json()["results"][0]["id"])
    assert (pushed.issuer, pushed.source) == (ISSUER, RELAY)
    # the drop folder's rule is the same one
    folder = settings.data_dir / "inbox" / RELAY
    folder.mkdir(parents=True)
    shutil.copy(OTHER_DOCX, folder / OTHER_DOCX.name)
    engine.settings.feeds = engine.settings.feeds.model_copy(update={"inbox_min_age_seconds": 0})
    assert process_inbox(engine).as_dict()["new"] == 1
    [dropped] = [r for r in engine.export() if r.source == f"inbox:{RELAY}"]
    assert dropped.issuer == "国务院"  # its own 发文机关 (国发〔2018〕38号), not the folder's agency


def test_the_agency_s_own_claim_must_still_be_its_name_and_the_record_stays_the_sender_s(served):
    engine, client, relay, issuer = served
    assert push(client, relay, metadata={"issuer": "国务院"}).status_code == 403
    record_id = push(client, relay).json()["results"][0]["id"]
    # the body named as issuer does not own the copy another agency sent: it cannot withdraw or overwrite it
    refused = client.post("/api/ingest", headers=issuer, json={"id": record_id, "withdrawn": True})
    assert refused.status_code == 403, refused.text
    assert not engine.get(record_id).withdrawn
    # the sender still can
    assert client.post("/api/ingest", headers=relay, json={"id": record_id, "withdrawn": True}).status_code == 200


def test_a_document_naming_no_issuer_is_the_agency_s_and_a_reparse_keeps_it(served, tmp_path):
    engine, client, relay, _ = served
    text = tmp_path / "通知.txt"
    text.write_text("关于暂停办理业务的通知\n因系统升级，本周六暂停办理窗口业务，恢复时间另行通知。\n", encoding="utf-8")
    answer = push(client, relay, path=text)
    assert answer.status_code == 201, answer.text
    record_id = answer.json()["results"][0]["id"]
    assert engine.get(record_id).issuer == RELAY
    report, _ = engine.reparse([record_id])
    assert report.as_dict()["unchanged"] == 1 and engine.get(record_id).issuer == RELAY
