"""Issue 19: a record whose validity status changes without its text changing (the repealing document
arrives, a validity period ends, an operator sets a status) takes a new change time, so the OAI-PMH
datestamp, the Atom entry's updated and the sitemap's lastmod move and a harvester's `from=` finds it again.
Served by uvicorn on 127.0.0.1 and harvested by sickle (a real OAI-PMH client)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import feedparser
import httpx
import pytest
from fastapi import FastAPI
from lxml import etree
from sickle import Sickle

from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving

PREFIX = "oai:gongkai.localhost:"
NS = {"o": "http://www.openarchives.org/OAI/2.0/", "g": "urn:gongkai:record:1.0", "s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def at(month: int, day: int = 1) -> datetime:
    return datetime(2024, month, day, 9, 0, 0, tzinfo=UTC)


OLD = Record(id="xm-2010-12", title="厦门市城市道路管理办法", doc_number="厦府〔2010〕12号", issuer="厦门市人民政府",
             publish_date=date(2010, 2, 1), body="第一条 为加强城市道路管理，制定本办法。\n第三十条 本办法自2010年3月1日起施行。")
NEW = Record(id="xm-2024-3", title="厦门市城市道路管理办法", doc_number="厦府〔2024〕3号", issuer="厦门市人民政府",
             publish_date=date(2024, 3, 20), body="第一条 为加强城市道路管理，制定本办法。\n第四十条 本办法自2024年4月1日起施行。"
             "2010年2月1日厦门市人民政府发布的《厦门市城市道路管理办法》（厦府〔2010〕12号）同时废止。")
PERIOD = Record(id="xm-2023-7", title="厦门市停车场临时管理办法", doc_number="厦府〔2023〕7号", issuer="厦门市人民政府",
                publish_date=date(2022, 12, 1), body="本办法自2023年1月1日起施行，有效期2年。")
PLAIN = Record(id="xm-2020-5", title="厦门市户外广告设置管理办法", doc_number="厦府〔2020〕5号", issuer="厦门市人民政府",
               publish_date=date(2020, 5, 1), body="本办法自2020年6月1日起施行。")


def harvested(base: str, since: datetime) -> set[str]:
    """Identifiers sickle harvests with from= `since` (second granularity), gongkai format."""
    sickle = Sickle(base + "/oai", max_retries=0, timeout=10)
    stamp = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        return {header.identifier.removeprefix(PREFIX) for header in sickle.ListIdentifiers(metadataPrefix="gongkai", **{"from": stamp})}
    except Exception as exc:  # sickle raises NoRecordsMatch for an empty answer
        if type(exc).__name__ == "NoRecordsMatch":
            return set()
        raise


def datestamp(base: str, record_id: str) -> str:
    root = etree.fromstring(httpx.get(base + "/oai", params={"verb": "GetRecord", "metadataPrefix": "gongkai", "identifier": PREFIX + record_id}, timeout=10).content)
    return root.findtext(".//o:header/o:datestamp", namespaces=NS)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[Engine, str]]:
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=tmp_path_factory.mktemp("validity-stamps") / "data"))
    engine.store.upsert_batch([OLD, PERIOD, PLAIN], now=at(3))
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    with serving(app) as base:
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        yield engine, base
    engine.close()


def test_status_changes_move_the_datestamp_and_from_finds_them(served):
    engine, base = served
    assert harvested(base, at(3, 15)) == set()
    assert datestamp(base, OLD.id) == "2024-03-01T09:00:00Z"

    # the repealing document arrives: the repealed one (unchanged text) is harvested again, with its new status
    engine.store.upsert_batch([NEW], now=at(4))
    assert engine.store.validity_statuses([OLD.id]) == {OLD.id: "repealed"}
    assert harvested(base, at(3, 15)) == {NEW.id, OLD.id}
    assert datestamp(base, OLD.id) == "2024-04-01T09:00:00Z"
    root = etree.fromstring(httpx.get(base + "/oai", params={"verb": "GetRecord", "metadataPrefix": "gongkai", "identifier": PREFIX + OLD.id}, timeout=10).content)
    assert root.findtext(".//g:validity/g:status", namespaces=NS) == "repealed"
    assert engine.store.get(OLD.id).version == 1, "the record itself did not change: no new version"
    assert {r.id for r in engine.export(since=at(3, 15))} == {NEW.id, OLD.id}  # gongkai export --since: the same time

    # an operator's status
    engine.store.validity_set(PLAIN.id, "repealed", "市政府通知已废止", "张三", now=at(5))
    assert harvested(base, at(4, 15)) == {PLAIN.id}

    # the daily job on a day the period is over: the clock's time (the job runs now)
    before = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=1)
    assert engine.store.validity_recompute(date(2025, 1, 2)) >= 1
    assert engine.store.validity_statuses([PERIOD.id]) == {PERIOD.id: "expired"}
    assert PERIOD.id in harvested(base, before)
    assert OLD.id not in harvested(base, before) and NEW.id not in harvested(base, before)


def test_a_change_of_details_only_moves_nothing(served):
    """Deriving again with nothing new (the daily job a day later) keeps every datestamp."""
    engine, base = served
    stamps = {r.id: datestamp(base, r.id) for r in (OLD, NEW, PLAIN)}
    engine.store.validity_recompute(date(2025, 1, 3))
    assert {r.id: datestamp(base, r.id) for r in (OLD, NEW, PLAIN)} == stamps


def test_atom_updated_and_sitemap_lastmod_follow(served):
    _, base = served
    feed = feedparser.parse(httpx.get(base + "/feeds/issuer/厦门市人民政府.atom", timeout=10).content)
    assert feed.bozo == 0
    updated = {entry.link.rsplit("/", 1)[-1]: entry.updated for entry in feed.entries}
    assert updated[OLD.id].startswith("2024-04-01T09:00:00"), "repealed on 04-01: its entry says so"
    assert updated[PLAIN.id].startswith("2024-05-01T09:00:00")
    sitemap = etree.fromstring(httpx.get(base + "/sitemap.xml", timeout=10).content)
    lastmod = {url.findtext("s:loc", namespaces=NS).rsplit("/", 1)[-1]: url.findtext("s:lastmod", namespaces=NS) for url in sitemap.iterfind("s:url", NS)}
    assert lastmod[OLD.id] == "2024-04-01T09:00:00Z"
    assert lastmod[PLAIN.id] == "2024-05-01T09:00:00Z"
