"""Held-out material of session 15 (clients5) read by clients nobody here wrote: a street's calendar (icalendar,
recurring-ical-events) keeps a window a later notice calls off, as a cancelled event under the UID it had; a feed has one
id (feedparser) however its URL orders its parameters or adds ones it ignores; an OAI-PMH POST of 10,000 arguments is an
OAI-PMH answer (OAI-PMH.xsd), not Starlette's JSON 400, and costs no more than a GET."""

from __future__ import annotations

import time
from datetime import date, datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import feedparser
import httpx
import icalendar
import ics
import pytest
import recurring_ical_events

from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from tests import xml_schemas
from tests.support import served_engine

SHANGHAI = ZoneInfo("Asia/Shanghai")
CUT = """同安区停电公告
因线路检修，国网厦门供电公司将对下列区域停电。
停电时间：2027年1月8日8:30-17:30
停电范围：同安区城东路、银湖中路
停电时间：2027年1月9日8:00-12:00
停电范围：同安区城东路
国网厦门供电公司
2027年1月4日"""
WHOLE_DAY = """翔安区停水通知
因管网改造，翔安区新店镇将停水。
停水时间：2027年1月5日全天
停水范围：翔安区新店镇洪钟大道
厦门水务集团
2027年1月3日"""
CALLED_OFF = """同安区停电取消公告
原定于2027年1月8日8:30-17:30对同安区城东路的停电取消，届时正常供电。
国网厦门供电公司
2027年1月6日"""


ISSUER = "厦门市翔安区人民政府"
#: 翔安区's documents, published on 12 days: the search feed for them is several pages (atom_entries=4)
DOCUMENTS = [Record(id=f"XA-2026-{n:03d}", kind="disclosure", title=f"翔安区关于做好第{n}批农村公路养护工作的通知", issuer=ISSUER,
                    body="翔安区农村公路养护", publish_date=f"2026-11-{n % 12 + 1:02d}", source="clients5") for n in range(14)]


def notices(text: str, day: str) -> list:
    return parse_notices(Capture(data=text.encode(), url=f"https://epaper.xmnn.cn/xmrb/{day}/A10.htm", source="paper:xmrb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("heldout5") / "data"
    records = [*notices(CUT, "20270104"), *notices(WHOLE_DAY, "20270103"), *DOCUMENTS]
    with (served_engine(data, records, feeds={"atom_entries": 4}) as (engine, base),
          httpx.Client(base_url=base, timeout=20) as client):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})  # links followed here
        yield {"engine": engine, "client": client}


def events(client: httpx.Client, area: str) -> dict[str, icalendar.Event]:
    """The calendar's events between December and February, as recurring-ical-events expands them, by UID."""
    answer = client.get("/feeds/outages.ics", params={"area": area})
    assert answer.status_code == 200
    calendar = icalendar.Calendar.from_ical(answer.content)
    found = recurring_ical_events.of(calendar).between(datetime(2026, 12, 1, tzinfo=SHANGHAI), datetime(2027, 2, 1, tzinfo=SHANGHAI))
    return {str(event["UID"]): event for event in found}


def test_a_window_called_off_stays_in_the_calendar_as_cancelled(site):
    """The calendar left a called-off window out (the lookup's answer), so a subscribed app deleted the event unsaid.
    Now it is the same event (its UID), STATUS:CANCELLED with a higher SEQUENCE so the update wins (RFC 5545 §3.8.1.11,
    §3.8.7.4); the notice's other windows, and the same window for a street it does not call off, stay as they were.
    The street's Atom feed lists the notice calling it off (feedparser): it listed the cuts only."""
    client = site["client"]
    before, other_street = events(client, "城东路"), events(client, "银湖中路")
    assert len(before) == 2 and all("STATUS" not in event for event in before.values())
    site["engine"].ingest_records(notices(CALLED_OFF, "20270106"))
    after = events(client, "城东路")
    assert after.keys() == before.keys()  # nothing vanished, nothing added
    [(uid, cancelled)] = [(uid, event) for uid, event in after.items() if event.get("STATUS") == "CANCELLED"]
    assert cancelled["DTSTART"].dt == datetime(2027, 1, 8, 8, 30, tzinfo=SHANGHAI)
    assert cancelled["SEQUENCE"] > before[uid]["SEQUENCE"] and str(cancelled["SUMMARY"]).startswith("【已取消】")
    [kept] = [event for key, event in after.items() if key != uid]
    assert kept["DTSTART"].dt == datetime(2027, 1, 9, 8, 0, tzinfo=SHANGHAI) and "STATUS" not in kept
    assert events(client, "银湖中路").keys() == other_street.keys()
    assert all("STATUS" not in event for event in events(client, "银湖中路").values())
    # the cancelled event is in the bytes a poller validates: the same calendar again is a 304 to its ETag
    first = client.get("/feeds/outages.ics", params={"area": "城东路"})
    again = client.get("/feeds/outages.ics", params={"area": "城东路"}, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    # the street's feed lists the notice calling it off (a feed reader heard of the cut, and now of its end)
    feed = feedparser.parse(client.get("/feeds/outages.atom", params={"area": "城东路"}).content)
    assert not feed.bozo and [entry.title for entry in feed.entries] == ["同安区停电取消公告", "同安区停电公告"]
    assert [entry.title for entry in feedparser.parse(client.get("/feeds/outages.atom", params={"area": "银湖中路"}).content).entries] == ["同安区停电公告"]
    # the lookup's answer is unchanged: a called-off window is no outage on its day
    assert client.get("/api/notices/outages", params={"area": "城东路", "date": "2027-01-08"}).json()["affected"] is False


def test_a_whole_day_is_an_all_day_event(site):
    """停水时间：2027年1月5日全天 was a timed event from 00:00 to 00:00 the next day, which apps draw across the day's hours; an
    all-day event (VALUE=DATE, RFC 5545 §3.6.1) is what the notice says. icalendar reads dates, recurring-ical-events finds
    it at noon that day and not the next, and ics-py (another reader) takes it as all-day."""
    body = site["client"].get("/feeds/outages.ics", params={"area": "洪钟大道"}).content
    [event] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2027, 1, 5), date(2027, 1, 6))
    at = recurring_ical_events.of(icalendar.Calendar.from_ical(body))
    assert len(at.between(datetime(2027, 1, 5, 12, tzinfo=SHANGHAI), datetime(2027, 1, 5, 13, tzinfo=SHANGHAI))) == 1
    assert at.between(datetime(2027, 1, 6, 0, 30, tzinfo=SHANGHAI), datetime(2027, 1, 6, 23, tzinfo=SHANGHAI)) == []
    [read] = ics.Calendar(body.decode()).events
    assert read.all_day and read.begin.date() == date(2027, 1, 5)


def feed_pages(client: httpx.Client, url: str) -> list[feedparser.FeedParserDict]:
    """The feed at `url` and every page its `next` links lead to, as feedparser reads them."""
    pages = []
    while url and len(pages) < 20:
        page = feedparser.parse(client.get(url).content)
        assert not page.bozo, page.get("bozo_exception")
        pages.append(page)
        url = next((link.href for link in page.feed.links if link.rel == "next"), None)
    return pages


@pytest.mark.parametrize("feed", ["/feeds/search.atom?q=" + quote("养护") + "&kind=disclosure", "/feeds/issuer/" + quote(ISSUER) + ".atom",
                                  "/feeds/outages.atom?area=" + quote("城东路")])
def test_a_feed_has_one_id_whatever_its_url_adds_or_orders(site, feed):
    """The id (and the first and next links) was the query as sent: `?kind=…&q=…`, and the same URL with `utm_source=`
    (a link shared on WeChat) or a cache buster `_=`, were three feeds to a reader, and every page echoed what the feed
    ignores. Now the feed's own parameters, in one order; the self link stays the URL that was asked. A street's feed
    (one page) likewise."""
    path, _, query = feed.partition("?")
    reordered = "&".join(reversed(query.split("&"))) if query else ""
    urls = [feed, f"{path}?utm_source=wechat&{reordered}&_=1733540000", f"{path}?{reordered}&utm_medium=social"]
    runs = [feed_pages(site["client"], url) for url in urls]
    assert len({page.feed.id for pages in runs for page in pages}) == 1
    assert [len(pages) for pages in runs] == [len(runs[0])] * 3 and (len(runs[0]) > 1 or "outages" in feed)  # paged, alike
    for pages in runs:
        assert [entry.id for page in pages for entry in page.entries] == [entry.id for page in runs[0] for entry in page.entries]
        links = [link.href for page in pages for link in page.feed.links if link.rel != "self"]
        assert not [href for href in links if "utm_" in href or "_=" in href]
    assert runs[1][0].feed.links[0].rel == "self" and "utm_source=wechat" in runs[1][0].feed.links[0].href


def test_a_search_feed_bounded_by_either_name_of_its_days_is_one_feed(site):
    """`date_from` (/api/search's name) and `from` (the feed's) bound the same days: one feed, one id, and its paging links
    spell `from`."""
    spelt = [feed_pages(site["client"], "/feeds/search.atom?q=" + quote("养护") + f"&{name}=2026-11-04") for name in ("from", "date_from")]
    assert len({page.feed.id for pages in spelt for page in pages}) == 1 and spelt[0][0].feed.id.endswith("&from=2026-11-04")
    assert [e.id for p in spelt[0] for e in p.entries] == [e.id for p in spelt[1] for e in p.entries] and len(spelt[0]) > 1


def test_an_issuer_named_in_gbk_in_the_path_is_that_issuer(site):
    """/feeds/issuer/<the name percent-encoded in GBK>.atom, as older Chinese systems link, was the feed of an issuer
    "\ufffd\ufffd…" (the server read the path as UTF-8 with U+FFFD): an empty feed whose self link named %EF%BF%BD. Now the
    name read as GB18030, as a query is (web/query_charset.py); bytes that are neither are a 422 with a message."""
    client = site["client"]
    utf8 = feedparser.parse(client.get("/feeds/issuer/" + quote(ISSUER) + ".atom").content)
    gbk = feedparser.parse(client.get("/feeds/issuer/" + quote(ISSUER.encode("gbk")) + ".atom").content)
    assert not gbk.bozo and gbk.feed.id == utf8.feed.id and ISSUER in gbk.feed.title
    assert [entry.id for entry in gbk.entries] == [entry.id for entry in utf8.entries] != []
    assert "%EF%BF%BD" not in gbk.feed.links[0].href and quote(ISSUER) in gbk.feed.links[0].href
    refused = client.get("/feeds/issuer/%FF%FF.atom")
    assert refused.status_code == 422 and refused.json()["message"].startswith("发布机构名称不是 UTF-8")
    assert client.get("/feeds/issuer/" + quote("\ufffd") + ".atom").status_code == 200  # U+FFFD sent in UTF-8 is a name


def test_an_oai_post_of_ten_thousand_arguments_is_an_oai_answer(site):
    """Starlette's form parser stops at 1,000 fields with a JSON 400, which no harvester reads; reading the form as a GET's
    query is read, the provider's check counted each name with list.count (quadratic: seconds for 10,000). Now a
    badArgument naming ten of them, valid against OAI-PMH.xsd, as fast as a GET."""
    xml_schemas.require("OAI-PMH.xsd")
    body = "verb=Identify&" + "&".join(f"extra{n}=1" for n in range(10_000))
    started = time.perf_counter()
    answer = site["client"].post("/oai", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert time.perf_counter() - started < 2
    assert answer.status_code == 200 and xml_schemas.errors(xml_schemas.oai_pmh(), answer.content) == []
    assert b'<error code="badArgument">illegal argument for Identify: extra0, extra1,' in answer.content
    assert "(10000 in all)" in answer.text and len(answer.content) < 2000
    # a harvester's POST is read as before
    records = site["client"].post("/oai", data={"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert xml_schemas.errors(xml_schemas.oai_pmh(), records.content) == [] and b"<identifier>" in records.content
