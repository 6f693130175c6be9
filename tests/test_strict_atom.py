"""Atom feeds of a served gongkai read by feedparser (bozo == 0) and checked for the RFC 4287 rules that
feed validators enforce: one alternate link per type (the gongkai record page), the agency's page as
related, unique ASCII ids that do not follow the request's Host, RFC 3339 dates, the self link equal to
the (percent-encoded) request URL, a true `updated` on an empty feed, no empty summaries."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import feedparser
import httpx
import pytest
from fastapi import FastAPI
from lxml import etree

from gongkai.engine import Engine
from gongkai.record import NOTICE_TYPES, Record
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread
from tests.conftest import govcn_records

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from gongkai.settings import load_settings

    settings = load_settings(data_dir=tmp_path_factory.mktemp("strict_atom") / "data")
    settings.feeds = settings.feeds.model_copy(update={"atom_entries": 25})
    engine = Engine(settings)
    records = [Record.model_validate(data) for data in govcn_records()]
    engine.store.upsert_batch(records, now=datetime(2024, 1, 1, tzinfo=UTC))
    notices = [
        Record(kind="notice", notice_type="outage", title=f"思明区第{n}批停电检修通知", issuer="国网厦门供电公司", body=f"{n}日停电", publish_date=f"2024-03-{n:02d}", url=f"https://www.xmrb.com/停电/{n}.html")
        for n in range(1, 4)
    ] + [Record(kind="notice", notice_type="lost", title="遗失声明 营业执照正本", issuer="厦门日报")]  # no body, no summary, no url
    engine.ingest_records([*records, *notices])
    engine.withdraw(records[0].id, "撤销")
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    with serve_in_thread(app) as base:
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        yield {"engine": engine, "base": base, "records": records, "notices": notices}
    engine.close()


def feed_paths(site) -> list[tuple[str, dict]]:
    issuers = sorted({r.issuer for r in site["records"] + site["notices"]})
    return (
        [(f"/feeds/notices/{t}.atom", {}) for t in NOTICE_TYPES]
        + [(f"/feeds/issuer/{name}.atom", {}) for name in issuers]
        + [("/feeds/issuer/不存在的机关.atom", {}), ("/feeds/outages.atom", {"area": "思明区"})]
        + [("/feeds/search.atom", params) for params in ({}, {"q": "停电"}, {"q": "国务院 通知", "kind": "disclosure"}, {"kind": "notice", "from": "2024-03-02"}, {"q": "没有这样的词语组合"})]
    )


def check_feed(site, response: httpx.Response) -> feedparser.FeedParserDict:
    """Every rule on one served feed; returns the parsed feed."""
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    root = etree.fromstring(response.content)
    base = site["base"]
    # the self link is the request URL as sent (ASCII, percent-encoded), on the configured base
    self_links = [link.get("href") for link in root.findall(f"{A}link[@rel='self']")]
    assert self_links == [str(response.request.url)]
    feed_id = root.findtext(f"{A}id")
    ids = [feed_id] + [e.findtext(f"{A}id") for e in root.iter(f"{A}entry")]
    assert len(ids) == len(set(ids)), "ids are unique"
    assert all(i.isascii() and URI.fullmatch(i) for i in ids), ids
    for element in root.iter(f"{A}updated", f"{A}published"):
        assert RFC3339.fullmatch(element.text), element.text
    assert not datetime.fromisoformat(root.findtext(f"{A}updated").replace("Z", "+00:00")).year < 2000
    assert all((s.text or "").strip() for s in root.iter(f"{A}summary")), "no empty <summary/>"
    for entry in root.iter(f"{A}entry"):
        links = entry.findall(f"{A}link")
        alternates = Counter(link.get("type") for link in links if link.get("rel", "alternate") == "alternate")
        assert alternates == Counter({"text/html": 1}), "one alternate per type (RFC 4287 §4.1.1)"
        assert all(link.get("rel") in ("alternate", "related") and link.get("href").isascii() for link in links)
        page = next(link.get("href") for link in links if link.get("rel") == "alternate")
        assert re.fullmatch(re.escape(base) + r"/documents/[A-Za-z0-9._:-]+", page)
    for entry in parsed.entries:
        assert entry.link.startswith(base + "/documents/"), "feedparser's entry.link is the gongkai record page"
    return parsed


def test_every_feed_parses_cleanly_and_follows_rfc_4287(site):
    checked = 0
    for path, params in feed_paths(site):
        check_feed(site, httpx.get(site["base"] + path, params=params, timeout=10))
        checked += 1
    assert checked >= 15


def test_entry_links_are_the_record_page_and_the_agency_page(site):
    parsed = check_feed(site, httpx.get(site["base"] + "/feeds/notices/outage.atom", timeout=10))
    by_title = {e.title: e for e in parsed.entries}
    notice = site["notices"][1]
    entry = by_title[notice.title]
    rels = {link.rel: link for link in entry.links}
    assert rels["alternate"].href == f"{site['base']}/documents/{notice.id}" and rels["alternate"].type == "text/html"
    assert rels["related"].href == "https://www.xmrb.com/%E5%81%9C%E7%94%B5/2.html"  # the IRI as a URI
    lost = check_feed(site, httpx.get(site["base"] + "/feeds/notices/lost.atom", timeout=10)).entries[0]
    # no body, summary or url: one link, and a summary saying what it is and who (not none: "Missing textual content")
    assert [link.rel for link in lost.links] == ["alternate"] and lost.summary == "遗失声明 · 厦门日报"


def test_ids_and_links_do_not_follow_the_host_header(site):
    url = site["base"] + "/feeds/issuer/国务院办公厅.atom"
    plain = httpx.get(url, timeout=10).content
    for host in ("evil.example", "localhost", "127.0.0.1"):
        other = httpx.get(url, headers={"Host": host}, timeout=10).content
        assert b"evil.example" not in other
        assert other == plain, "the same feed whatever Host the reader sent"
    ids = [e.findtext(f"{A}id") for e in etree.fromstring(plain).iter(f"{A}entry")]
    assert all(i.startswith("tag:gongkai.localhost,2024:record/") for i in ids)


def test_issuer_feed_self_link_and_id_are_percent_encoded(site):
    response = httpx.get(site["base"] + "/feeds/issuer/国务院办公厅.atom", timeout=10)
    root = etree.fromstring(response.content)
    encoded = "/feeds/issuer/%E5%9B%BD%E5%8A%A1%E9%99%A2%E5%8A%9E%E5%85%AC%E5%8E%85.atom"
    assert root.find(f"{A}link[@rel='self']").get("href") == site["base"] + encoded
    assert root.findtext(f"{A}id") == "tag:gongkai.localhost,2024:" + encoded


def test_an_empty_feed_is_updated_now_not_in_1970(site):
    response = httpx.get(site["base"] + "/feeds/issuer/不存在的机关.atom", timeout=10)
    updated = etree.fromstring(response.content).findtext(f"{A}updated")
    assert abs(datetime.fromisoformat(updated.replace("Z", "+00:00")) - datetime.now(UTC)) < timedelta(minutes=1)
