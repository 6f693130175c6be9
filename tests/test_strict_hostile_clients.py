"""Hostile records (control characters, C1 controls and noncharacters in every field, astral-plane characters,
`]]>`, `&`, markup, right-to-left marks, a 2,000-character title, empty fields, a scraped URL with a space and `]`)
served on 127.0.0.1 and read back by clients and checkers nobody here wrote: the Nu Html Checker on their pages,
feedparser and an RFC 3986 validator on the Atom feeds, the oaipmh harvester (the maintained pyoai) on
OAI-PMH, ics-py and recurring-ical-events on a street's calendar. Each must read what the record holds, and
nothing a page, feed or calendar carries may be a character HTML or XML forbids."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime

import feedparser
import httpx
import icalendar
import ics
import pytest
import recurring_ical_events
from lxml import etree
from oaipmh.client import Client
from oaipmh.metadata import MetadataRegistry, oai_dc_reader
from rfc3986_validator import validate_rfc3986

from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from tests.conftest import govcn_records
from tests.support import served_engine
from tests.test_strict_html import VNU_JAR, nu_errors

A = "{http://www.w3.org/2005/Atom}"
#: What neither HTML (its "forbidden code points") nor feed readers take: C0 and C1 controls but tab and line
#: breaks, noncharacters, and the bidi controls gongkai drops (a right-to-left override reverses a title).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
DIRT = "\x01\x07\x0b\x85\x80\x9f\ufffe\uffff\ufdd0\u202e\u200f"  # not U+1FFFE …: README Known gaps
HOSTILE = [
    {"kind": "disclosure", "title": f"控制{DIRT}字符 𠀀𪚥😀 ]]> & <b>粗</b> 'q' \"dq\"", "issuer": "厦门市]]>&局\x02",
     "doc_number": "厦府〔2024〕1号\x03", "index_number": "XM-HOSTILE-1\x04", "topic": "财政]]>&\x04",
     "keywords": ["]]>", "&amp;", "\x05键", "𠀀", "\x06"], "summary": "摘要 ]]> & \x06\x85", "body": f"正文{DIRT}尾",
     "publish_date": "2024-05-01", "url": "https://www.xm.gov.cn/路径/a b?x=1&y=]]>\x07", "source": "hostile",
     "attachments": [{"name": "附件\x07一.pdf", "url": "https://www.xm.gov.cn/f\x01.pdf"}]},
    {"kind": "disclosure", "title": "很长的标题" * 400, "issuer": "厦门市长标题局", "body": "正文" * 5000, "publish_date": "2024-05-02",
     "url": "https://www.xm.gov.cn/100%/[1]#a#b", "source": "hostile"},
    {"kind": "notice", "notice_type": "lost", "title": "遗失声明\u202e\u2066 𠀀", "issuer": "厦门日报", "publish_date": "2024-06-02",
     "notice": {"holder": "张三\x04\ufffe", "items": ["营业执照\x05"]}, "source": "hostile"},
    {"kind": "disclosure", "title": "空字段", "source": "hostile"},
    {"kind": "notice", "notice_type": "other", "title": "&amp;&lt;&#x1;--> <!-- 注释", "issuer": "<script>alert(1)</script>",
     "body": "\r\n\r\n\t", "url": "javascript:alert(1)", "source": "hostile"},
    # a scraped link printing a user name and password (clients2, session 12: the Nu Html Checker's "URL includes credentials")
    {"kind": "disclosure", "title": "链接带用户名密码", "issuer": "厦门市网址局", "url": "https://us er:pa ss@www.xm.gov.cn:8443/x y?q=%zz",
     "publish_date": "2024-05-03", "source": "hostile"},
]
OUTAGE = """停电公告
因电网设备检修，国网厦门供电公司将对下列线路停电。
一、停电时间：2024年5月6日（星期一）8:00-17:00
停电线路：10kV湖滨Ⅰ路
停电范围：思明区湖滨南路（禾祥西路至湖滨一里段）、𠀀𠀁路、湖滨一里&]]>小区
国网厦门供电公司
2024年5月4日"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    hostile = [Record.model_validate(data) for data in HOSTILE]
    outage = parse_notices(Capture(data=OUTAGE.encode(), url="https://epaper.xmnn.cn/xmrb/20240504/A12.htm", source="paper:xmrb"))
    govcn = [Record.model_validate(data) for data in govcn_records()[:4]]
    with served_engine(tmp_path_factory.mktemp("strict_hostile") / "data", [*govcn, *hostile, *outage]) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        engine.withdraw(govcn[0].id, "撤销")
        with httpx.Client(base_url=base, timeout=20) as client:
            stored = {r.id: client.get(f"/api/documents/{r.id}").json()["record"] for r in [*hostile, *outage]}
            yield {"engine": engine, "base": base, "client": client, "hostile": hostile, "outage": outage, "stored": stored, "withdrawn": govcn[0].id}


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_no_stored_field_keeps_a_character_html_forbids(site):
    """Every text field is cleaned, not only title/issuer/topic/summary/body: the 文号, 索引号, keywords, URL,
    source, attachments and notice fields kept control characters that the record page then carried."""
    for record in site["stored"].values():
        bad = [text for text in strings(record) if FORBIDDEN.search(text)]
        assert bad == [], record["title"][:40]
    first = site["stored"][site["hostile"][0].id]
    assert first["doc_number"] == "厦府〔2024〕1号" and first["keywords"] == ["]]>", "&amp;", "键", "𠀀"]
    assert first["url"] == "https://www.xm.gov.cn/路径/a b?x=1&y=]]>" and first["attachments"][0]["name"] == "附件一.pdf"
    assert first["title"] == "控制字符 𠀀𪚥😀 ]]> & <b>粗</b> 'q' \"dq\""  # astral characters, markup and quotes kept
    assert site["stored"][site["hostile"][2].id]["notice"]["holder"] == "张三"


def test_hostile_record_pages_pass_the_nu_html_checker(site, tmp_path):
    if not shutil.which("java") or not VNU_JAR.is_file():
        pytest.skip(f"the Nu Html Checker needs Debian's Java and {VNU_JAR} (npm vnu-jar): run ./dev test as root to install them")
    client = site["client"]
    pages = {f"record-{n}": client.get(f"/documents/{r.id}").text for n, r in enumerate(site["hostile"] + site["outage"])}
    pages["search"] = client.get("/search", params={"q": "控制字符"}).text
    pages["issuer"] = client.get("/search", params={"issuer": "厦门市]]>&局"}).text
    pages["outages"] = client.get("/outages", params={"area": "湖滨一里&]]>小区", "date": "2024-05-06"}).text
    # the page types tests/test_strict_html.py does not check, with hostile input where they take some
    pages["hostile query"] = client.get("/search", params={"q": "]]> & <b>粗</b> 𠀀 \u202e"}).text
    pages["outages 400"] = client.get("/outages", params={"area": "湖滨南路", "date": "9999-12-31"}).text
    pages["status"] = client.get("/status").text
    pages["subscribe"] = client.post("/subscriptions", data={"email": "a@b.example", "q": "]]> & <b>"}).text
    pages["confirm"] = client.get("/subscriptions/confirm", params={"id": "x", "key": "]]>&"}).text
    pages["unsubscribe"] = client.get("/subscriptions/unsubscribe", params={"alert": "x", "key": "<b>"}).text
    # the agency's page is linked percent-encoded (a space or "]" is no valid href), javascript: not at all
    assert 'href="https://www.xm.gov.cn/%E8%B7%AF%E5%BE%84/a%20b?x=1&amp;y=%5D%5D%3E"' in pages["record-0"]
    assert 'href="javascript:' not in pages["record-4"] and "原文地址：javascript:alert(1)" in pages["record-4"]
    # a link's user name and password are left out of the href (a public page must not hand them out either)
    assert 'href="https://www.xm.gov.cn:8443/x%20y?q=%25zz"' in pages["record-5"]
    assert nu_errors(pages, tmp_path) == []


def feeds(site) -> dict[str, httpx.Response]:
    client = site["client"]
    paths = {"search 控制": ("/feeds/search.atom", {"q": "控制字符"}), "search all": ("/feeds/search.atom", {}),
             "issuer ]]>&": ("/feeds/issuer/厦门市]]>&局.atom", {}), "lost": ("/feeds/notices/lost.atom", {}),
             "other": ("/feeds/notices/other.atom", {}), "street": ("/feeds/outages.atom", {"area": "𠀀𠀁路"}),
             "query with [ ] # and C1": ("/feeds/search.atom", {"q": "\x85[注释]#"}), "long title": ("/feeds/search.atom", {"q": "很长的标题"})}
    return {name: client.get(path, params=params) for name, (path, params) in paths.items()}


def test_atom_feeds_are_read_alike_by_feed_clients(site):
    titles = {r["id"]: r["title"] for r in site["stored"].values()}
    seen = set()
    for name, response in feeds(site).items():
        assert response.status_code == 200, (name, response.text)
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, (name, parsed.get("bozo_exception"))
        assert not FORBIDDEN.search(response.content.decode("utf-8")), name
        assert not FORBIDDEN.search(parsed.feed.title)
        for entry in parsed.entries:
            record_id = entry.link.rsplit("/", 1)[-1]
            if record_id in titles:  # the reader reads the record's title exactly (U+0085 was read as "…")
                assert entry.title == titles[record_id], name
                seen.add(record_id)
            assert entry.get("summary"), f"{name}: an entry with no text ('Missing textual content')"
        root = etree.fromstring(response.content)
        # RFC 3986 (the W3C feedvalidator's "Invalid character in a URI"): every link and id
        uris = [link.get("href") for link in root.iter(f"{A}link")] + [e.text for e in root.iter(f"{A}id")]
        assert [u for u in uris if not validate_rfc3986(u)] == [], name
    assert seen >= {site["hostile"][0].id, site["hostile"][2].id, site["hostile"][4].id}


def test_a_feed_links_the_agency_page_without_its_credentials(site):
    """The related link of a scraped URL holding `user:password@` leaves them out, as the record page's href does."""
    feed = etree.fromstring(site["client"].get("/feeds/issuer/厦门市网址局.atom").content)
    assert [link.get("href") for link in feed.iter(f"{A}link") if link.get("rel") == "related"] == ["https://www.xm.gov.cn:8443/x%20y?q=%25zz"]


def test_the_feed_self_link_names_the_feed_asked_for(site):
    """A `?` or `#` decoded from the path (%3F, %23) is written escaped again, not as the end of the path."""
    response = site["client"].get("/feeds/issuer/%E5%8E%A6%E9%97%A8%3F%23%25.atom")
    self_link = etree.fromstring(response.content).find(f"{A}link[@rel='self']").get("href")
    assert self_link == site["base"] + "/feeds/issuer/%E5%8E%A6%E9%97%A8%3F%23%25.atom"
    assert feedparser.parse(response.content).feed.title.startswith("厦门?#%")


def test_oai_pmh_harvested_by_the_oaipmh_client(site):
    """oaipmh (the maintained fork of pyoai, which checks datestamps and granularity) harvests every record:
    the hostile titles as stored, the withdrawn one as deleted."""
    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    client = Client(site["base"] + "/oai", registry)
    assert client.identify().granularity() == "YYYY-MM-DDThh:mm:ssZ"
    harvested = {header.identifier().rsplit(":", 1)[-1]: (header, metadata) for header, metadata, _ in client.listRecords(metadataPrefix="oai_dc")}
    assert harvested[site["withdrawn"]][0].isDeleted()
    for record_id, stored in site["stored"].items():
        header, metadata = harvested[record_id]
        assert not header.isDeleted() and metadata.getField("title") == [stored["title"]]
        assert not any(FORBIDDEN.search(v) for values in metadata.getMap().values() for v in values)
    assert [h.identifier() for h in client.listIdentifiers(metadataPrefix="oai_dc", set="kind:notice")]


def test_the_street_calendar_is_read_by_ics_clients(site):
    response = site["client"].get("/feeds/outages.ics", params={"area": "湖滨一里&]]>小区"})
    data = response.content
    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    # RFC 5545 §3.1: lines folded at 75 octets, never inside a UTF-8 character (𠀀 is four octets)
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")
    calendar = ics.Calendar(data.decode("utf-8"))
    assert [(e.name, e.begin.isoformat(), e.location.count("&]]>")) for e in calendar.events] == [
        ("湖滨一里&]]>小区停电", "2024-05-06T08:00:00+08:00", 1)]
    occurrences = recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(date(2024, 5, 1), date(2024, 6, 1))
    assert [str(e["uid"]) for e in occurrences] == [e.uid for e in calendar.events]


def test_a_calendar_escapes_its_name_and_holds_a_component_when_no_window_names_the_area(site):
    """RFC 5545 §3.3.11: a TEXT value's "," ";" and backslash are escaped; icalendar wrote the RFC 7986 NAME (and
    X-WR-CALNAME) as given, so an area typed with them made an invalid value (a backslash before 楼 escapes nothing).
    §3.6: a calendar holds at least one component; a street no notice names had none (clients2, session 12)."""
    from ical.calendar_stream import IcsCalendarStream

    area = "湖滨,南路;1号\\楼"
    response = site["client"].get("/feeds/outages.ics", params={"area": area})
    text = response.content.decode("utf-8").replace("\r\n ", "")  # unfolded
    text_values = [line.partition(":")[2] for line in text.split("\r\n") if line.split(":")[0].split(";")[0] in ("NAME", "X-WR-CALNAME", "SUMMARY", "DESCRIPTION", "LOCATION")]
    assert text_values and all(re.fullmatch(r"([^\\,;]|\\[\\,;nN])*", value) for value in text_values), text_values
    assert IcsCalendarStream.calendar_from_ics(text).name == [f"{area} 停水停电"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert not calendar.walk("VEVENT") and [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]


def test_a_window_with_no_end_or_an_end_before_its_start_has_no_dtend():
    """RFC 5545 §3.8.2.2: DTEND is later than DTSTART. A pushed outage window may have no end, or end before it starts;
    its event was DTEND = DTSTART (or before it). It now has no DTEND: the event is its start (§3.6.1)."""
    from gongkai.feeds.outage_feeds import build_calendar

    def window(end):
        return {"utility": "power", "start": "2024-05-06T08:00:00+08:00", "end": end, "areas": [{"name": "湖滨南路"}]}

    record = Record.model_validate({"kind": "notice", "notice_type": "outage", "title": "停电", "source": "hostile", "notice": {
        "events": [window(None), window("2024-05-06T07:00:00+08:00"), window("2024-05-06T17:00:00+08:00")]}})
    data = build_calendar("湖滨南路", [(record, list(record.notice.events))], base_url="http://x", page_path="/documents/{id}", authority="x")
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert [(e.decoded("dtstart").hour, e.decoded("dtend").hour if "DTEND" in e else None) for e in events] == [(8, None), (8, None), (8, 17)]
    assert len(recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(date(2024, 5, 6), date(2024, 5, 7))) == 3
    assert len(ics.Calendar(data.decode("utf-8")).events) == 3


def test_the_calendar_dtstamp_is_the_last_change_not_the_last_crawl(site):
    """RFC 5545 §3.8.7.2: DTSTAMP (no METHOD) is when the event was last revised. It was the record's last_seen,
    which moves whenever a crawl finds the notice unchanged: calendar apps took each crawl for a revision."""
    client, outage = site["client"], site["outage"][0]

    def stamp() -> str:
        calendar = icalendar.Calendar.from_ical(client.get("/feeds/outages.ics", params={"area": "𠀀𠀁路"}).content)
        return next(e.decoded("dtstamp") for e in calendar.walk("VEVENT")).strftime("%Y-%m-%dT%H:%M:%SZ")

    feed = etree.fromstring(client.get("/feeds/outages.atom", params={"area": "𠀀𠀁路"}).content)
    changed = feed.find(f"{A}entry/{A}updated").text
    assert stamp() == changed
    before = client.get(f"/api/documents/{outage.id}").json()["record"]["last_seen"]
    site["engine"].store.upsert_batch([outage], now=datetime(2030, 1, 1, tzinfo=UTC))  # crawled again, unchanged
    assert client.get(f"/api/documents/{outage.id}").json()["record"]["last_seen"] != before
    assert stamp() == changed


def test_api_answers_about_hostile_records_match_the_openapi_document(site):
    """openapi-core checks the real answers (records, searches, the outage answer, feeds) against the served document."""
    from openapi_core import Config, OpenAPI

    from tests.test_strict_openapi import _TEXT_TYPES, _Request, _Response

    base, client = site["base"], site["client"]
    api = OpenAPI.from_dict(client.get("/openapi.json").json(), config=Config(extra_media_type_deserializers=_TEXT_TYPES))
    requests = [httpx.Request("GET", f"{base}/api/documents/{record_id}") for record_id in site["stored"]]
    requests += [httpx.Request("GET", base + "/api/search", params={"q": q, "explain": "true"}) for q in ("控制字符", "]]> & <b>", "很长的标题", "𠀀")]
    requests += [httpx.Request("GET", base + "/api/notices/outages", params={"area": area, "date": "2024-05-06"}) for area in ("𠀀𠀁路", "湖滨一里&]]>小区")]
    requests += [httpx.Request("GET", base + "/feeds/outages.ics", params={"area": "𠀀𠀁路"}), httpx.Request("GET", base + "/oai", params={"verb": "Identify"})]
    for request in requests:
        response = client.send(request)
        assert response.status_code == 200, (str(request.url), response.text[:200])
        api.validate_response(_Request(request), _Response(response))


def test_a_subscribed_calendar_says_its_name_source_and_how_often_to_refresh(site):
    """RFC 7986 NAME, SOURCE and REFRESH-INTERVAL (and Outlook's X-PUBLISHED-TTL): a calendar app's default may be to
    refresh a subscription daily or weekly, while outage notices are printed a day or three ahead."""
    from datetime import timedelta

    from ical.calendar_stream import IcsCalendarStream

    response = site["client"].get("/feeds/outages.ics", params={"area": "𠀀𠀁路"})
    calendar = IcsCalendarStream.calendar_from_ics(response.text)  # Home Assistant's strict RFC 5545/7986 models
    assert calendar.name == ["𠀀𠀁路 停水停电"] and calendar.refresh_interval == timedelta(hours=1)  # NAME may repeat (one per language)
    assert calendar.source == str(response.request.url)
    assert str(icalendar.Calendar.from_ical(response.content)["x-published-ttl"]) == "PT1H"


def test_a_feed_reader_given_the_street_page_finds_its_feed_and_calendar(site):
    """Autodiscovery: a feed reader or calendar app given the /outages page's address looks for <link rel="alternate">
    in its head (the page linked them only in its text)."""
    from urllib.parse import urljoin

    import lxml.html

    client = site["client"]
    page = client.get("/outages", params={"area": "湖滨一里&]]>小区", "date": "2024-05-06"})
    head = lxml.html.fromstring(page.text).find("head")
    found = {link.get("type"): urljoin(str(page.url), link.get("href")) for link in head.iter("link") if link.get("rel") == "alternate"}
    assert set(found) == {"application/atom+xml", "text/calendar"}
    feed = feedparser.parse(client.get(found["application/atom+xml"]).content)
    assert feed.bozo == 0 and "湖滨一里&]]>小区" in feed.feed.title and feed.entries
    events = icalendar.Calendar.from_ical(client.get(found["text/calendar"]).content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["湖滨一里&]]>小区停电"]


def test_a_record_stored_before_the_cleaning_is_harvested_whole(site):
    """A store of an earlier version keeps a 文号 and a keyword with control characters and the hash of that content;
    read back it is cleaned, and the gongkai format carried the old hash, so a harvester reading it (content_hash is
    checked) took the record for altered. The format carries the hash of the content it writes."""
    from gongkai.feeds.oai_native import record_from_gongkai_xml
    from gongkai.record import compute_content_hash

    clean = Record(title="旧版本存下的记录", doc_number="厦府〔2024〕9号", keywords=["停电"], url="https://www.xm.gov.cn/old", source="old")
    dirty = clean.model_copy(update={"doc_number": "厦府〔2024〕9号\x01", "keywords": ["停电\x02"]})
    site["engine"].store.upsert_batch([dirty.model_copy(update={"content_hash": compute_content_hash(dirty)})], now=datetime(2024, 1, 2, tzinfo=UTC))
    response = site["client"].get("/oai", params={"verb": "GetRecord", "metadataPrefix": "gongkai", "identifier": f"oai:gongkai.localhost:{clean.id}"})
    element = etree.fromstring(response.content).find(".//{urn:gongkai:record:1.0}record")
    back = record_from_gongkai_xml(etree.tostring(element))
    assert (back.doc_number, back.keywords, back.content_hash) == ("厦府〔2024〕9号", ["停电"], clean.content_hash)
