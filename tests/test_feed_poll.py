"""Polling agency RSS/Atom feeds from a local HTTP server on 127.0.0.1: conditional GETs, follow-up
fetches of real gov.cn pages, transient and permanent failures, and hostile XML (billion laughs, XXE)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gongkai.engine import Engine
from gongkai.feeds.poll import FeedPoller, UnsafeFeed, check_xml_safety
from gongkai.settings import AgencyFeed
from tests.conftest import CORPUS

PAGES = CORPUS / "govcn_state_council_policies" / "html"
IDS = ["govcn-5338761", "govcn-5339579", "govcn-5342665", "govcn-5343366"]


class Site:
    """Routes path -> (status, content type, body, etag); counts requests; honours If-None-Match."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, str | None]] = {}
        self.hits: Counter[str] = Counter()
        self.agents: Counter[str] = Counter()  # User-Agent headers seen
        self.last_modified: dict[str, str] = {}  # path -> Last-Modified value, honoured via If-Modified-Since
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):
                pass

            def do_GET(self):
                site.hits[self.path] += 1
                site.agents[self.headers.get("User-Agent", "")] += 1
                status, content_type, body, etag = site.routes.get(self.path, (404, "text/plain", b"not found", None))
                modified = site.last_modified.get(self.path)
                if (etag and self.headers.get("If-None-Match") == etag) or (modified and self.headers.get("If-Modified-Since") == modified):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                if modified:
                    self.send_header("Last-Modified", modified)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{when}</pubDate></item>"
        for title, link, when in items
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>国务院文件</title><link>http://www.gov.cn/</link><description>政策</description>{body}</channel></rss>'.encode()


@pytest.fixture
def site():
    site = Site()
    for page_id in IDS:
        site.routes[f"/pages/{page_id}.html"] = (200, "text/html; charset=utf-8", (PAGES / f"{page_id}.html").read_bytes(), None)
    yield site
    site.close()


@pytest.fixture
def engine(settings):
    engine = Engine(settings)
    yield engine
    engine.close()


def poll(engine: Engine, feed: AgencyFeed):
    with FeedPoller(engine) as poller:
        return poller.poll(feed)


def test_the_poller_sends_the_one_configured_user_agent(engine, site):
    engine.settings.crawl = engine.settings.crawl.model_copy(update={"user_agent": "xmlib-gongkai/1.0 (+https://www.xmlib.net/)"})
    site.routes["/rss.xml"] = (200, "application/rss+xml", rss([("甲", f"{site.base}/pages/{IDS[0]}.html", "Sat, 10 Nov 2018 08:00:00 +0800")]), None)
    report = poll(engine, AgencyFeed(name="国务院", url=f"{site.base}/rss.xml"))
    assert report.counts["new"] == 1, report.as_dict()
    assert dict(site.agents) == {"xmlib-gongkai/1.0 (+https://www.xmlib.net/)": 2}  # the feed and its page


def test_new_entries_are_fetched_and_ingested_then_304_fetches_nothing(engine, site):
    items = [
        ("国务院办公厅关于印发《政府网站集约化试点工作方案》的通知", f"{site.base}/pages/{IDS[0]}.html", "Sat, 10 Nov 2018 00:30:00 +0800"),
        ("国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知", f"{site.base}/pages/{IDS[1]}.html", "Fri, 16 Nov 2018 10:00:00 +0800"),
    ]
    site.routes["/rss.xml"] = (200, "application/rss+xml", rss(items), '"v1"')
    feed = AgencyFeed(name="国务院", url=f"{site.base}/rss.xml")
    report = poll(engine, feed)
    assert report.entries == 2 and report.counts["new"] == 2 and not report.errors, report.as_dict()
    records = {r.url: r for r in engine.export()}
    first = records[items[0][1]]
    assert first.title == items[0][0] and first.source == "feed:国务院"
    assert first.publish_date == date(2018, 11, 10), "the feed's own (Beijing) calendar day, not UTC's"
    assert first.doc_number == "国办函〔2018〕71号" and first.issuer == "国务院办公厅"
    assert first.index_number == "000014349/2018-00204", "the linked page's metadata table was parsed"

    page_hits = sum(n for path, n in site.hits.items() if path.startswith("/pages/"))
    again = poll(engine, feed)
    assert again.not_modified == 1 and again.entries == 0
    assert sum(n for path, n in site.hits.items() if path.startswith("/pages/")) == page_hits

    # the feed changes: one new entry, the old ones are not fetched again
    items.append(("国务院关于同意设立中国（上海）自由贸易试验区临港新片区的批复", f"{site.base}/pages/{IDS[2]}.html", "Mon, 19 Nov 2018 09:00:00 +0800"))
    site.routes["/rss.xml"] = (200, "application/rss+xml", rss(items), '"v2"')
    third = poll(engine, feed)
    assert third.entries == 1 and third.counts["new"] == 1
    assert site.hits[f"/pages/{IDS[0]}.html"] == 1 and site.hits[f"/pages/{IDS[2]}.html"] == 1
    assert engine.store.count() == 3


def test_a_passing_failure_is_retried_and_a_dead_link_is_quarantined_once(engine, site):
    items = [
        ("第一篇", f"{site.base}/pages/{IDS[0]}.html", "Sat, 10 Nov 2018 08:00:00 +0800"),
        ("暂时失败的页面", f"{site.base}/flaky.html", "Sat, 10 Nov 2018 09:00:00 +0800"),
        ("已删除的页面", f"{site.base}/gone.html", "Sat, 10 Nov 2018 10:00:00 +0800"),
    ]
    site.routes["/rss.xml"] = (200, "application/rss+xml", rss(items), '"v1"')
    site.routes["/flaky.html"] = (503, "text/plain", b"busy", None)
    feed = AgencyFeed(name="test", url=f"{site.base}/rss.xml")
    report = poll(engine, feed)
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 1
    assert any("flaky.html" in e and "503" in e for e in report.errors)
    assert [q["reason"] for q in engine.store.quarantine_list()] == [f"{site.base}/gone.html: the linked page answered HTTP 404"]

    site.routes["/flaky.html"] = (200, "text/html; charset=utf-8", (PAGES / f"{IDS[3]}.html").read_bytes(), None)
    second = poll(engine, feed)  # no 304: the validators were not kept while an entry was pending
    assert second.entries == 1 and second.counts["new"] == 1 and not second.errors
    assert site.hits["/gone.html"] == 1 and site.hits[f"/pages/{IDS[0]}.html"] == 1
    assert len(engine.store.quarantine_list()) == 1 and engine.store.count() == 2


def test_atom_entries_without_a_link_are_ingested_from_their_content(engine, site):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>厦门市信访局</title><id>urn:x</id><updated>2020-05-06T08:00:00+08:00</updated>
<entry><id>urn:notice:1</id><title>厦门市信访局关于调整来访接待时间的通告</title><updated>2020-05-06T08:00:00+08:00</updated>
<content type="html">&lt;p&gt;自2020年5月6日起，市信访局来访接待时间调整为工作日上午8:30至12:00。&lt;/p&gt;</content></entry></feed>""".encode()
    site.routes["/atom.xml"] = (200, "application/atom+xml", atom, None)
    report = poll(engine, AgencyFeed(name="厦门市信访局", url=f"{site.base}/atom.xml"))
    assert report.counts["new"] == 1, report.as_dict()
    record = next(engine.export())
    assert record.title == "厦门市信访局关于调整来访接待时间的通告" and "8:30" in record.body
    assert record.publish_date == date(2020, 5, 6)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rss version="2.0"><channel><title>&i;</title><item><title>&i;</title><link>http://127.0.0.1:9/x</link></item></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&secret;</title><description>&secret;</description></item></channel></rss>"""


@pytest.mark.parametrize("payload, name", [(BILLION_LAUGHS, "billion laughs"), (XXE, "external entity")])
def test_hostile_feeds_are_refused_quickly_and_quarantined(engine, site, payload, name):
    site.routes["/evil.xml"] = (200, "application/rss+xml", payload, '"e1"')
    feed = AgencyFeed(name="evil", url=f"{site.base}/evil.xml")
    started = time.monotonic()
    report = poll(engine, feed)
    assert time.monotonic() - started < 5, f"{name}: refusing must not expand anything"
    assert report.counts["quarantined"] == 1 and report.entries == 0 and engine.store.count() == 0
    assert "unsafe XML" in engine.store.quarantine_list()[0]["reason"]
    again = poll(engine, feed)
    assert again.not_modified == 1 and len(engine.store.quarantine_list()) == 1, "the same feed is not quarantined twice"


def test_safety_check_lets_ordinary_feeds_through_and_stops_broken_ones_with_entities():
    check_xml_safety(rss([("标题", "http://x/1", "Sat, 10 Nov 2018 08:00:00 +0800")]))
    check_xml_safety(b"<rss><channel><title>unclosed")  # malformed but harmless: feedparser may try
    with pytest.raises(UnsafeFeed):
        check_xml_safety(b'<!DOCTYPE x [<!ENTITY a "b">]><rss><channel><title>&a;</title>')


def test_an_unreachable_feed_is_an_error_not_a_crash(engine):
    report = poll(engine, AgencyFeed(name="down", url="http://127.0.0.1:9/rss.xml"))
    assert report.errors and "cannot fetch" in report.errors[0] and engine.store.count() == 0


def test_poll_feeds_polls_every_feed_in_the_settings(engine, site):
    from gongkai.feeds import poll_feeds

    site.routes["/a.xml"] = (200, "application/rss+xml", rss([("甲", f"{site.base}/pages/{IDS[0]}.html", "Sat, 10 Nov 2018 08:00:00 +0800")]), None)
    site.routes["/b.xml"] = (200, "application/rss+xml", rss([("乙", f"{site.base}/pages/{IDS[1]}.html", "Sat, 10 Nov 2018 08:00:00 +0800")]), None)
    engine.settings.feeds = engine.settings.feeds.model_copy(
        update={"agency_feeds": [AgencyFeed(name="a", url=f"{site.base}/a.xml"), AgencyFeed(name="b", url=f"{site.base}/b.xml")]}
    )
    report = poll_feeds(engine=engine)
    assert report.feeds == 2 and report.counts["new"] == 2
    assert sorted(r.source for r in engine.export()) == ["feed:a", "feed:b"]


def test_last_modified_alone_gives_conditional_requests_too(engine, site):
    site.routes["/lm.xml"] = (200, "application/rss+xml", rss([("甲", f"{site.base}/pages/{IDS[0]}.html", "Sat, 10 Nov 2018 08:00:00 +0800")]), None)
    site.last_modified["/lm.xml"] = "Sat, 10 Nov 2018 00:00:00 GMT"
    feed = AgencyFeed(name="lm", url=f"{site.base}/lm.xml")
    assert poll(engine, feed).counts["new"] == 1
    assert poll(engine, feed).not_modified == 1


def _parser_that_hangs(capture, settings):
    time.sleep(30)  # "forever" for a test; in-process it would hold the whole poll this long


@pytest.fixture
def hanging_format():
    """A format whose parser hangs; the parse workers are forked, so they see it (as in tests/test_parse_many.py)."""
    from gongkai.parsers.registry import FormatSpec, registered

    with registered(FormatSpec("hang", (), (".hang",), lambda data: data.startswith(b"HANG"), _parser_that_hangs)):
        yield


def test_a_linked_document_whose_parser_hangs_is_quarantined_and_the_poll_goes_on(engine, site, hanging_format):
    engine.settings.parsers = engine.settings.parsers.model_copy(update={"timeout_seconds": 1.0})
    site.routes["/files/stuck.hang"] = (200, "application/octet-stream", b"HANG forever", None)
    items = [
        ("卡住解析器的文件", f"{site.base}/files/stuck.hang", "Sat, 10 Nov 2018 08:00:00 +0800"),
        ("第二篇", f"{site.base}/pages/{IDS[1]}.html", "Sat, 10 Nov 2018 09:00:00 +0800"),
    ]
    site.routes["/rss.xml"] = (200, "application/rss+xml", rss(items), None)
    report = poll(engine, AgencyFeed(name="国务院", url=f"{site.base}/rss.xml"))
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 1, report.as_dict()
    [entry] = engine.store.quarantine_list()
    assert entry["input_ref"] == f"{site.base}/files/stuck.hang", entry
    assert "took over 1 s (settings.parsers.timeout_seconds)" in entry["reason"] and entry["capture_sha256"], entry
    assert engine.store.count() == 1


def test_an_entry_linking_its_page_with_an_uppercase_scheme_has_its_page_fetched(engine, site):
    """`HTTP://…` is an http URL (RFC 3986 §3.1): such an entry was ingested from its feed text alone, its page (and
    the 文号 and 索引号 in it) never fetched (probe, session 13)."""
    link = f"{site.base}/pages/{IDS[0]}.html".replace("http://", "HTTP://")
    site.routes["/rss.xml"] = (200, "application/rss+xml", rss([("国务院办公厅关于印发《政府网站集约化试点工作方案》的通知", link, "Sat, 10 Nov 2018 00:30:00 +0800")]), None)
    report = poll(engine, AgencyFeed(name="国务院", url=f"{site.base}/rss.xml"))
    assert report.counts["new"] == 1 and site.hits[f"/pages/{IDS[0]}.html"] == 1, report.as_dict()
    assert [r.index_number for r in engine.export()] == ["000014349/2018-00204"]
