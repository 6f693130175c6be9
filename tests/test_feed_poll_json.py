"""Polling a JSON Feed (jsonfeed.org 1.1 and 1.0) from a local HTTP server on 127.0.0.1, as an RSS or Atom feed is
polled: its items' pages fetched and parsed, the feed's title and day winning, an item with content and no url ingested
from its content, nothing fetched twice (lead, session 19: feedparser 6.0 reads XML only, and a `feed.json` was refused
as no RSS/Atom feed). The corpus's real 人民网 JSON Feed is read item by item."""

from __future__ import annotations

import json
from datetime import date

from gongkai.json_feed import read_json_feed
from gongkai.settings import AgencyFeed
from tests.conftest import CORPUS
from tests.test_feed_poll import IDS, Site, engine, poll, site  # noqa: F401 - the fixtures, shared

PEOPLE = CORPUS / "feeds_format_samples" / "jsonfeed_people_politics.json"


def test_the_corpus_json_feed_gives_its_items_as_entries() -> None:
    document = json.loads(PEOPLE.read_text(encoding="utf-8"))
    feed = read_json_feed(PEOPLE.read_bytes(), "https://exposir.github.io/RSS/feeds/people-politics.json")
    assert feed is not None and feed.title == document["title"] and len(feed.entries) == len(document["items"]) == 5
    for entry, item in zip(feed.entries, document["items"], strict=True):
        assert (entry["id"], entry["link"], entry["title"]) == (item["id"], item["url"], item["title"])
        assert entry.get("published") == item.get("date_published")
        assert entry["content"][0]["value"] == item["content_html"]


def test_what_is_no_json_feed_is_not_read_as_one() -> None:
    for data in (b"", b"[]", b'{"items": []}', b'{"version": "1.0", "items": []}', b"<rss/>", b"{not json", b"[" * 100000):
        assert read_json_feed(data) is None, data[:20]


def json_feed(base: str, items: list[dict]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "国务院文件", "home_page_url": base,
                       "items": items}, ensure_ascii=False).encode("utf-8")


def test_a_json_feeds_items_are_fetched_and_ingested_then_nothing_twice(engine, site) -> None:  # noqa: F811
    items = [
        {"id": "5338761", "url": f"{site.base}/pages/{IDS[0]}.html", "title": "国务院办公厅关于印发《政府网站集约化试点工作方案》的通知",
         "date_published": "2018-11-10T00:30:00+08:00"},
        {"id": "5339579", "url": f"/pages/{IDS[1]}.html", "title": "国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知",
         "date_published": "2018-11-16T10:00:00+08:00"},  # a url relative to the feed's
        {"id": "notice-1", "title": "厦门市信访局关于调整来访接待时间的通告", "date_published": "2020-05-06T08:00:00+08:00",
         "content_text": "自2020年5月6日起，市信访局来访接待时间调整为工作日上午8:30至12:00。\n特此通告。"},
    ]
    site.routes["/feed.json"] = (200, "application/feed+json", json_feed(site.base, items), '"v1"')
    feed = AgencyFeed(name="国务院", url=f"{site.base}/feed.json")
    report = poll(engine, feed)
    assert report.entries == 3 and report.counts["new"] == 3 and not report.errors, report.as_dict()
    records = {r.title: r for r in engine.export()}
    first = records[items[0]["title"]]
    assert first.url == items[0]["url"] and first.source == "feed:国务院"
    assert first.publish_date == date(2018, 11, 10), "the feed's own (Beijing) calendar day, not UTC's"
    assert first.doc_number == "国办函〔2018〕71号" and first.index_number == "000014349/2018-00204"
    assert records[items[1]["title"]].url == f"{site.base}/pages/{IDS[1]}.html"
    notice = records[items[2]["title"]]
    assert "8:30至12:00" in notice.body and notice.publish_date == date(2020, 5, 6)

    again = poll(engine, feed)
    assert again.not_modified == 1 and again.entries == 0
    site.routes["/feed.json"] = (200, "application/feed+json", json_feed(site.base, items), '"v2"')  # same items, new tag
    third = poll(engine, feed)
    assert third.entries == 0 and site.hits[f"/pages/{IDS[0]}.html"] == 1 and engine.store.count() == 3


def test_a_json_document_that_is_no_feed_is_said_so(engine, site) -> None:  # noqa: F811
    site.routes["/feed.json"] = (200, "application/json", b'{"data": [{"title": "x"}]}', None)
    report = poll(engine, AgencyFeed(name="某局", url=f"{site.base}/feed.json"))
    assert report.entries == 0 and engine.store.count() == 0
    assert any("not a readable RSS, Atom or JSON feed" in error for error in report.errors), report.errors
