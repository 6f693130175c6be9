"""Outgoing Atom feeds and sitemaps, read back with feedparser and lxml as a reader or crawler would."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree

from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.web.routes_feeds import router
from tests.conftest import govcn_records

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def site(settings):
    settings.feeds = settings.feeds.model_copy(update={"public_base_url": "https://gk.example.cn", "atom_entries": 10, "sitemap_page_size": 15})
    engine = Engine(settings)
    records = [Record.model_validate(data) for data in govcn_records()]
    engine.store.upsert_batch(records[:20], now=datetime(2024, 1, 1, tzinfo=UTC))
    engine.store.upsert_batch(records[20:], now=datetime(2024, 2, 1, tzinfo=UTC))
    engine.ingest_records([])  # brings the index up to the store
    notices = [
        Record(kind="notice", notice_type="outage", title=f"思明区第{n}批停电检修通知", issuer="国网厦门供电公司", body=f"{n}日停电", publish_date=f"2024-03-{n:02d}")
        for n in range(1, 4)
    ] + [Record(kind="notice", notice_type="lost", title="遗失声明 营业执照正本", issuer="厦门日报", body="声明作废")]
    engine.ingest_records(notices)
    engine.withdraw(records[0].id, "撤销")
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    yield {"client": TestClient(app), "engine": engine, "records": records, "notices": notices}
    engine.close()


def test_notice_type_feed_lists_the_latest_outage_notices(site):
    response = site["client"].get("/feeds/notices/outage.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.startswith("停水停电通知")
    titles = [e.title for e in feed.entries]
    assert sorted(titles) == sorted(n.title for n in site["notices"][:3])
    entry = feed.entries[0]
    assert entry.link.startswith("https://gk.example.cn/documents/") and entry.author == "国网厦门供电公司"
    assert site["client"].get("/feeds/notices/unknown.atom").status_code == 404


def test_issuer_feed_is_newest_change_first_and_leaves_out_withdrawn(site):
    body = site["client"].get("/feeds/issuer/国务院办公厅.atom").content
    feed = feedparser.parse(body)
    assert not feed.bozo
    # atom_entries (10) a page: the withdrawn record, the newest change, is a tombstone there (RFC 6721), not an entry
    assert len(feed.entries) == 9
    [tombstone] = etree.fromstring(body).findall("{http://purl.org/atompub/tombstones/1.0}deleted-entry")
    assert tombstone.get("ref") == f"tag:gongkai.localhost,2024:record/{site['records'][0].id}"
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    withdrawn_link = f"https://gk.example.cn/documents/{site['records'][0].id}"
    assert withdrawn_link not in [e.link for e in feed.entries]
    empty = feedparser.parse(site["client"].get("/feeds/issuer/不存在的机关.atom").content)
    assert empty.entries == [] and not empty.bozo


def test_search_feed_takes_the_search_parameters(site):
    client = site["client"]
    feed = feedparser.parse(client.get("/feeds/search.atom", params={"q": "停电", "kind": "notice"}).content)
    assert not feed.bozo
    assert sorted(e.title for e in feed.entries) == sorted(n.title for n in site["notices"][:3])
    dated = feedparser.parse(client.get("/feeds/search.atom", params={"kind": "notice", "notice_type": "outage", "from": "2024-03-02", "to": "2024年3月3日"}).content)
    assert sorted(e.title for e in dated.entries) == ["思明区第2批停电检修通知", "思明区第3批停电检修通知"]
    assert client.get("/feeds/search.atom", params={"kind": "poster"}).status_code == 422
    assert client.get("/feeds/search.atom", params={"from": "not a date"}).status_code == 422


def test_sitemap_index_and_pages_cover_every_live_record_once(site):
    client = site["client"]
    root = etree.fromstring(client.get("/sitemap.xml").content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    pages = [loc.text for loc in root.findall("s:sitemap/s:loc", SITEMAP_NS)]
    live = site["engine"].store.count()
    assert live == 43 and len(pages) == 3 and pages[0] == "https://gk.example.cn/sitemap-1.xml"  # at the root: a sitemap lists only URLs below its folder
    urls = []
    for page in pages:
        urlset = etree.fromstring(client.get(page.removeprefix("https://gk.example.cn")).content)
        urls += [loc.text for loc in urlset.findall("s:url/s:loc", SITEMAP_NS)]
    assert len(urls) == len(set(urls)) == 43
    assert f"https://gk.example.cn/documents/{site['records'][0].id}" not in urls
    assert f"https://gk.example.cn/documents/{site['records'][1].id}" in urls


def test_small_sitemap_is_a_plain_urlset_with_lastmod(site):
    site["engine"].settings.feeds = site["engine"].settings.feeds.model_copy(update={"sitemap_page_size": 50_000})
    root = etree.fromstring(site["client"].get("/sitemap.xml").content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    lastmods = {el.text for el in root.findall("s:url/s:lastmod", SITEMAP_NS)}
    assert {"2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"} <= lastmods


def test_record_page_path_follows_the_setting(site):
    engine = site["engine"]
    engine.settings.feeds = engine.settings.feeds.model_copy(update={"record_page_path": "/documents/{id}", "sitemap_page_size": 50_000})
    feed = feedparser.parse(site["client"].get("/feeds/notices/lost.atom").content)
    assert [e.link for e in feed.entries] == [f"https://gk.example.cn/documents/{site['notices'][3].id}"]
    root = etree.fromstring(site["client"].get("/sitemap.xml").content)
    assert all(loc.text.startswith("https://gk.example.cn/documents/") for loc in root.findall("s:url/s:loc", SITEMAP_NS))


def test_an_agency_page_with_an_uppercase_scheme_is_linked_as_the_record_page_links_it():
    """RFC 3986 §3.1: a scheme is case-insensitive. A scraped `HTTPS://WWW.…` was linked by the record page (its
    safe_url filter reads any case) but left out of the feed entry, which only knew `https://` (probe, session 13)."""
    from gongkai.feeds.atom import build_feed

    record = Record(kind="disclosure", title="关于大写协议网址的通知", issuer="厦门市人民政府", url="HTTPS://WWW.XM.GOV.CN/zwgk/通知.html")
    root = etree.fromstring(build_feed(title="t", subtitle="", feed_url="https://gk.example.cn/feeds/x.atom", base_url="https://gk.example.cn",
                                       entries=[(record, datetime(2025, 2, 4, tzinfo=UTC))]))
    related = [link.get("href") for link in root.iter("{http://www.w3.org/2005/Atom}link") if link.get("rel") == "related"]
    assert related == ["https://WWW.XM.GOV.CN/zwgk/%E9%80%9A%E7%9F%A5.html"]  # the scheme normalised (§6.2.2.1)
