"""The drop folder's agency folders: a file in `inbox/<agency>/` stores records of that agency only (probe3).

A record file dropped into one agency's folder kept whatever `source` its records named, so it could store records
as another agency or a crawled site, and replace a record that site owns (its title changed, `updated`), which the
HTTP push refuses (403). Now such a record is quarantined with the reason, and a quarantine retry keeps the rule. The
inbox's root stays the operator's: records there keep the source they name, as `gongkai ingest` does.
Real SQLite, real Tantivy, the real drop-folder run."""

from __future__ import annotations

import json
import time

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.record import Record
from tests.support import inbox_engine

LATER = time.time() + 3600  # every file old enough


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def crawled(engine) -> Record:
    record = Record(title="厦门市发展和改革委员会关于印发重点项目计划的通知", issuer="厦门市发展和改革委员会",
                    url="https://fgw.xm.gov.cn/zwgk/1.htm", source="site:xm-fgw", body="各区人民政府：……")
    engine.ingest_records([record])
    return record


def drop(engine, where: str, name: str, *records: dict) -> None:
    folder = inbox_dir(engine) / where if where else inbox_dir(engine)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_an_agency_folder_stores_its_own_records_only(engine):
    site = crawled(engine)
    drop(engine, "厦门市财政局", "r.jsonl",
         {"title": "财政局的记录", "body": "正文"},  # no source: the folder's
         {"title": "财政局自报来源", "body": "正文", "source": "厦门市财政局"},  # the agency's own name, as its push stores it
         {"title": "冒名的记录", "body": "正文", "source": "厦门市人民政府"},
         {"id": site.id, "title": "篡改的标题", "body": "正文", "source": "site:xm-fgw"},
         {"id": site.id, "title": "篡改的标题二", "body": "正文"})
    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 2 and report.counts["quarantined"] == 3, report.as_dict()
    assert engine.store.get(site.id).title == site.title and engine.store.get(site.id).version == 1  # untouched
    reasons = [item["reason"] for item in engine.store.quarantine_list()]
    assert sum("names source '厦门市人民政府'" in r for r in reasons) == 1
    assert sum("names source 'site:xm-fgw'" in r for r in reasons) == 1
    assert sum(f"record {site.id} belongs to source 'site:xm-fgw'" in r for r in reasons) == 1
    assert all("inbox/厦门市财政局/" in r for r in reasons)  # each names the folder
    titles = {engine.store.get(r["id"]).title: engine.store.get(r["id"]).source for r in _ids(engine)}
    assert titles["财政局的记录"] == "inbox:厦门市财政局" and titles["财政局自报来源"] == "厦门市财政局"
    assert "冒名的记录" not in titles

    # a retry, with the archived file as it is, keeps the rule
    for item in engine.store.quarantine_list():
        assert engine.retry_quarantined(item["id"]).status == "quarantined"
    assert engine.store.get(site.id).title == site.title


def test_the_agency_may_update_its_own_records_and_the_root_keeps_named_sources(engine):
    drop(engine, "厦门市财政局", "a.jsonl", {"id": "czj-1", "title": "财政局通知", "body": "第一版"})
    process_inbox(engine, now=LATER)
    drop(engine, "厦门市财政局", "b.jsonl", {"id": "czj-1", "title": "财政局通知", "body": "第二版"})
    drop(engine, "", "root.jsonl", {"title": "运维导入的记录", "body": "正文", "source": "厦门市教育局"})
    report = process_inbox(engine, now=LATER)
    assert report.counts["updated"] == 1 and report.counts["new"] == 1 and report.counts["quarantined"] == 0, report.as_dict()
    assert engine.store.get("czj-1").version == 2
    assert {engine.store.get(r["id"]).source for r in _ids(engine)} == {"inbox:厦门市财政局", "厦门市教育局"}


def _ids(engine) -> list[dict]:
    from gongkai.store.outbox import live_ids_page

    return [{"id": record_id} for record_id, _ in live_ids_page(engine.store, 0, 1000)]


def test_a_folder_named_like_a_site_cannot_speak_for_it(engine):
    site = crawled(engine)
    drop(engine, "site:xm-fgw", "r.jsonl", {"id": site.id, "title": "篡改的标题", "body": "正文", "source": "site:xm-fgw"})
    report = process_inbox(engine, now=LATER)
    assert report.counts["quarantined"] == 1 and engine.store.get(site.id).title == site.title, report.as_dict()


def test_the_agency_updates_and_withdraws_by_push_what_it_dropped(settings, tmp_path):
    """One agency, two channels: a record from its folder inbox/xm-czj/ (source inbox:xm-czj, issuer the document's)
    was another agency's to the push of token xm-czj (403 to update or withdraw it)."""
    import httpx

    from gongkai.feeds.tokens import TokenStore
    from tests.support import served_engine

    with served_engine(tmp_path / "served", []) as (engine, base):
        (inbox_dir(engine)).mkdir(parents=True, exist_ok=True)
        drop(engine, "xm-czj", "r.jsonl", {"id": "czj-7", "title": "预算公开通知", "issuer": "厦门市财政局", "body": "第一版"})
        assert process_inbox(engine, now=LATER).counts["new"] == 1
        token, _ = TokenStore(engine.store).create("xm-czj")
        headers = {"Authorization": f"Bearer {token}"}
        updated = httpx.post(base + "/api/ingest", headers=headers,
                             json={"id": "czj-7", "title": "预算公开通知", "issuer": "xm-czj", "body": "第二版"})
        assert updated.status_code == 200 and updated.json()["results"][0]["status"] == "updated", updated.text
        gone = httpx.post(base + "/api/ingest", headers=headers, json={"id": "czj-7", "withdrawn": True})
        assert gone.status_code == 200 and gone.json()["results"][0]["status"] == "withdrawn", gone.text
