"""Held-out round of session 17 (clients7): strict clients on 集美区 documents and outage notices
(tests/fixtures/heldout17/clients7/round1.py, written before the run; the runner run_round.py beside it drives
oaipmh-scythe, the XSDs, feedparser, the W3C feedvalidator, icalendar/ics/vobject, schemathesis and raw HTTP).

What failed first, each fixed by its rule and tested here:
- a search feed and a street's outage feed left a withdrawn record out with no word (they follow the index, which holds
  live records only): a reader holding its entry kept showing it. Now their first page gives an RFC 6721 tombstone for
  each record withdrawn lately that the same search, or the same street's lookup, matched.
- a feed, calendar or sitemap ignored `Range` (200 whole): a download tool resuming appended the whole document to the
  part it held. Now one range is a 206 (416 past the end), uncompressed; If-Range honoured with the Last-Modified date.
- a CORS preflight asking for a header we did not list (X-Requested-With, which jQuery and widget kits add) was
  Starlette's 400 "Disallowed CORS headers", so the browser refused the GET itself. Now any header is allowed
  (no credentials are).
"""

from __future__ import annotations

import time
from datetime import timedelta

import feedparser
import httpx
import pytest
from lxml import etree

from gongkai.parsers import Capture, parse_notices
from tests.fixtures.heldout17.clients7 import round1 as m
from tests.support import served_engine

TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}deleted-entry"


def notices(pair: tuple[str, str]) -> list:
    day, text = pair
    return parse_notices(Capture(data=text.encode(), url=f"https://epaper.xmnn.cn/xmrb/{day}/A05.htm", source="paper:xmrb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    kept, gone = notices(m.OUTAGE), notices(m.OUTAGE_WITHDRAWN)
    records = [*m.DOCUMENTS, m.WITHDRAWN_DOC, m.WITHDRAWN_LOST, *kept, *gone]
    with served_engine(tmp_path_factory.mktemp("clients7") / "data", records, feeds={"atom_entries": 4}) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        with httpx.Client(base_url=base, timeout=30) as client:
            yield {"engine": engine, "client": client, "gone_notices": [r.id for r in gone]}


def tombstones(body: bytes) -> dict[str, str]:
    return {t.get("ref"): t.get("when") for t in etree.fromstring(body).iter(TOMBSTONE)}


def test_a_search_feed_says_which_of_its_records_were_withdrawn(site):
    """feedparser reads the search feed of 垃圾分类; once JM-2026-gone (which it matched) is withdrawn, the first page holds
    its tombstone (at its withdrawal) and no entry of it; a withdrawn record the search never matched (the 遗失声明), and a
    search that never matched the withdrawn one (学区划分), get none; a later page (?until=) none either."""
    client, engine = site["client"], site["engine"]
    tag = f"tag:gongkai.localhost,2024:record/{m.WITHDRAWN_DOC.id}"
    before = client.get("/feeds/search.atom", params={"q": "垃圾分类"})
    assert tag in {e.id for e in feedparser.parse(before.content).entries}
    assert engine.withdraw(m.WITHDRAWN_DOC.id, "撤回") and engine.withdraw(m.WITHDRAWN_LOST.id, "撤回")
    after = client.get("/feeds/search.atom", params={"q": "垃圾分类"})
    parsed = feedparser.parse(after.content)
    assert not parsed.bozo and tag not in {e.id for e in parsed.entries}
    gone = tombstones(after.content)
    assert list(gone) == [tag], gone
    assert parsed.feed.updated == gone[tag] and after.headers["etag"] != before.headers["etag"]
    assert tombstones(client.get("/feeds/search.atom", params={"q": "学区划分"}).content) == {}
    assert tombstones(client.get("/feeds/search.atom", params={"q": "垃圾分类", "until": "2026-11-30"}).content) == {}


def test_a_street_feed_says_its_withdrawn_notice_is_gone(site):
    """The operator takes down 银江路's outage notice: 银江路's feed gives its tombstone (feedparser reads it, no bozo), and
    杏林湾路's feed, whose notice is another, gives none. Its calendar holds no live event of it."""
    client, engine = site["client"], site["engine"]
    [notice_id] = site["gone_notices"]
    tag = f"tag:gongkai.localhost,2024:record/{notice_id}"
    assert tag in {e.id for e in feedparser.parse(client.get("/feeds/outages.atom", params={"area": "银江路"}).content).entries}
    assert engine.withdraw(notice_id, "误发", operator="clients7")
    body = client.get("/feeds/outages.atom", params={"area": "银江路"}).content
    assert not feedparser.parse(body).bozo and feedparser.parse(body).entries == []
    assert list(tombstones(body)) == [tag]
    assert tombstones(client.get("/feeds/outages.atom", params={"area": "杏林湾路"}).content) == {}
    assert b"BEGIN:VEVENT" not in client.get("/feeds/outages.ics", params={"area": "银江路"}).content


@pytest.mark.parametrize("path", ["/feeds/issuer/厦门市集美区人民政府办公室.atom", "/feeds/search.atom?q=集美区", "/feeds/outages.ics?area=杏林湾路", "/sitemap.xml"])
def test_a_published_document_answers_one_byte_range(site, path):
    """`Range: bytes=0-99` is a 206 with `Content-Range: bytes 0-99/LENGTH` and those bytes of the whole answer, also when
    the client accepts gzip (the range is never compressed); a suffix range the last bytes; a range past the end 416 with
    `bytes */LENGTH`; an If-Range naming our (weak) ETag the whole document (§13.1.5); a 200 says Accept-Ranges."""
    client = site["client"]
    whole = client.get(path, headers={"Accept-Encoding": "identity"})
    size = len(whole.content)
    assert whole.status_code == 200 and whole.headers["accept-ranges"] == "bytes" and size > 200
    part = client.get(path, headers={"Range": "bytes=0-99", "Accept-Encoding": "gzip"})
    assert part.status_code == 206 and part.headers["content-range"] == f"bytes 0-99/{size}"
    assert "content-encoding" not in part.headers and part.content == whole.content[:100] and part.headers["content-length"] == "100"
    tail = client.get(path, headers={"Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == whole.content[-50:]
    past = client.get(path, headers={"Range": f"bytes={size}-"})
    assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{size}" and past.headers["content-length"] == "0"
    other = client.get(path, headers={"Range": "bytes=0-99", "If-Range": whole.headers["etag"]})
    assert other.status_code == 200 and other.content == whole.content
    zipped = client.get(path, headers={"Accept-Encoding": "gzip"})  # without Range: still compressed as before
    assert zipped.status_code == 200 and (size < 1024 or zipped.headers.get("content-encoding") == "gzip")


def test_if_range_with_the_last_modified_date_gets_the_range(site, monkeypatch):
    """A store document's Last-Modified is a strong validator: If-Range with that date gets the range, an older date the
    whole document (the 60 s settle is set to 0 here, as after a minute's wait)."""
    from gongkai.web import conditional

    monkeypatch.setattr(conditional, "SETTLE", timedelta(0))
    monkeypatch.setattr(conditional, "STARTED", conditional.STARTED - timedelta(hours=1))
    client = site["client"]
    whole = client.get("/feeds/notices/outage.atom")
    date = whole.headers.get("last-modified")
    for _ in range(10):  # the store changed within the last second (an earlier test's write): no date until it has passed
        if date is not None:
            break
        time.sleep(0.25)
        whole = client.get("/feeds/notices/outage.atom")
        date = whole.headers.get("last-modified")
    assert date is not None, "no Last-Modified 2.5 s after the store's last change"
    same = client.get("/feeds/notices/outage.atom", headers={"Range": "bytes=10-19", "If-Range": date})
    assert same.status_code == 206 and same.content == whole.content[10:20]
    older = client.get("/feeds/notices/outage.atom", headers={"Range": "bytes=10-19", "If-Range": "Sun, 06 Nov 1994 08:49:37 GMT"})
    assert older.status_code == 200 and older.content == whole.content


@pytest.mark.parametrize("path", ["/api/search?q=集美区", "/feeds/search.atom?q=集美区", "/oai?verb=Identify", "/feeds/outages.ics?area=杏林湾路"])
def test_a_preflight_asking_for_any_header_is_allowed(site, path):
    """A widget on another origin adds X-Requested-With (jQuery, many kits) and a tracing header: the preflight is 200 and
    names them, with no credentials allowed; the GET that follows is readable (Access-Control-Allow-Origin: *)."""
    client = site["client"]
    asked = "X-Requested-With, X-Trace-Id, If-None-Match"
    preflight = client.options(path, headers={"Origin": "https://widget.example.org", "Access-Control-Request-Method": "GET",
                                              "Access-Control-Request-Headers": asked})
    assert preflight.status_code == 200, preflight.text
    allowed = {h.strip().lower() for h in preflight.headers["access-control-allow-headers"].split(",")}
    assert {"x-requested-with", "x-trace-id", "if-none-match"} <= allowed
    assert "access-control-allow-credentials" not in preflight.headers
    got = client.get(path, headers={"Origin": "https://widget.example.org", "X-Requested-With": "XMLHttpRequest"})
    assert got.status_code == 200 and got.headers["access-control-allow-origin"] == "*"
    assert "content-range" in got.headers.get("access-control-expose-headers", "").lower()
    # the operators' routes still get no CORS at all
    admin = client.options("/admin", headers={"Origin": "https://widget.example.org", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in admin.headers


def test_gzip_unchanged_for_a_whole_feed(site):
    """Without Range a large feed is still gzipped (the byte ranges bypass compression only for themselves)."""
    client = site["client"]
    zipped = client.get("/feeds/search.atom", params={"q": "集美区"}, headers={"Accept-Encoding": "gzip"})
    plain = client.get("/feeds/search.atom", params={"q": "集美区"}, headers={"Accept-Encoding": "identity"})
    assert zipped.status_code == 200 and zipped.headers.get("content-encoding") == "gzip" and "content-encoding" not in plain.headers
    assert zipped.content == plain.content and len(plain.content) > 1024  # httpx decodes the gzipped one


def test_a_later_withdrawal_and_a_restore_move_the_tombstones(site):
    """Once the search feed has been read (its matcher of withdrawals built), a later withdrawal of another record it
    matched is told at the next poll, and a restore takes the tombstone away and brings the entry back."""
    client, engine = site["client"], site["engine"]
    record_id = "JM-2026-006"  # 垃圾分类 (round1's sixth topic cycle)
    tag = f"tag:gongkai.localhost,2024:record/{record_id}"
    client.get("/feeds/search.atom", params={"q": "垃圾分类"})
    assert engine.withdraw(record_id, "撤回", operator="clients7")
    assert tag in tombstones(client.get("/feeds/search.atom", params={"q": "垃圾分类"}).content)
    assert engine.restore(record_id, "恢复", operator="clients7")
    body = client.get("/feeds/search.atom", params={"q": "垃圾分类"}).content
    assert tag not in tombstones(body) and tag in {e.id for e in feedparser.parse(body).entries}


def test_a_private_network_preflight_is_allowed_on_the_public_routes(site):
    """Round 3: Chrome's Private Network Access preflight (a public page read by a browser inside the network where gongkai
    runs) was Starlette's 400 'Disallowed CORS private-network'. Now 200 with Access-Control-Allow-Private-Network: true on
    the public routes; /admin still answers no origin."""
    client = site["client"]
    asked = {"Origin": "https://portal.example.gov.cn", "Access-Control-Request-Method": "GET", "Access-Control-Request-Private-Network": "true"}
    for path in ("/api/search?q=招生", "/feeds/outages.ics?area=杏林湾路", "/oai?verb=Identify"):
        preflight = client.options(path, headers=asked)
        assert preflight.status_code == 200 and preflight.headers["access-control-allow-private-network"] == "true", (path, preflight.text)
    assert "access-control-allow-private-network" not in client.options("/admin", headers=asked).headers


def test_a_relaxed_search_feed_says_its_withdrawn_record_is_gone(site):
    """A feed of 垃圾分类 火箭发射 (no record holds both: the feed shows the 垃圾分类 ones, relaxed) listed JM-2026-000; withdrawn,
    it had no tombstone there (the withdrawals were matched on every word). Now on the words the relaxed answer kept."""
    client, engine = site["client"], site["engine"]
    record_id, query = "JM-2026-000", {"q": "垃圾分类 火箭发射"}
    tag = f"tag:gongkai.localhost,2024:record/{record_id}"
    assert tag in {e.id for e in feedparser.parse(client.get("/feeds/search.atom", params=query).content).entries}
    assert engine.withdraw(record_id, "撤回", operator="clients7")
    try:
        assert tag in tombstones(client.get("/feeds/search.atom", params=query).content)
        assert tag not in tombstones(client.get("/feeds/search.atom", params={"q": "学区划分 火箭发射"}).content)
    finally:
        engine.restore(record_id, "恢复", operator="clients7")
