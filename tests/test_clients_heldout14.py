"""Held-out round 5 of session 20 (clients10), written with its expectations BEFORE the app was run on it.
- The street calendar as strict iCalendar readers take it (RFC 5545): CRLF line ends (§3.1 MUST), lines of at most 75
  octets (§3.1 SHOULD: Chinese is 3 octets a character, so a long SUMMARY must be folded by octets, not characters),
  DTSTAMP in UTC (§3.8.7.2 MUST), a VTIMEZONE for every TZID used (§3.2.19 MUST), TEXT with `,` `;` escaped (§3.3.11),
  UIDs unique and the same on the next fetch (§3.8.4.7: a calendar app updates the event it has by its UID).
- The agency feed poller as an HTTP and XML client of CMSs as they are configured: the charset of the Content-Type
  header (RFC 7303 §3: authoritative over the XML declaration for XML media types) on a feed whose bytes are GBK, a
  gzip-coded feed (RFC 9110 §8.4), and a 304 to its second poll (nothing fetched again, nothing stored twice).
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from http.server import BaseHTTPRequestHandler
from typing import ClassVar
from urllib.parse import quote

import httpx
import icalendar
import pytest

from gongkai.engine import Engine
from gongkai.feeds.poll import FeedPoller
from gongkai.parsers import Capture, parse_notices
from gongkai.settings import AgencyFeed
from tests.support import local_http_server, served_engine

POWER_TEXT = """停电通知
因10千伏线路改造工程需要，国网厦门供电公司定于2026年12月18日（星期五）7:30至18:30对以下区域停止供电：
湖里区殿前街道高殿社区、高林居住区、五缘湾道（金山路至环岛东路段）；禾山街道枋湖社区、枋湖北二路、安岭二路沿线；江头街道;吕岭路,台湾街部分用户。
请用户提前做好停电准备，停电期间请勿靠近施工现场，如遇恶劣天气检修顺延。
国网厦门供电公司
2026年12月10日"""
AREA = "枋湖北二路"


@pytest.fixture(scope="module")
def calendar_site(tmp_path_factory):
    notices = parse_notices(Capture(data=POWER_TEXT.encode("utf-8"), url="https://epaper.xmnn.cn/xmrb/20261211/A05.htm", source="paper:xmrb"))
    assert notices
    with served_engine(tmp_path_factory.mktemp("clients10e") / "data", notices) as (_, base), httpx.Client(base_url=base, timeout=60) as client:
        yield client


def _calendar(client: httpx.Client) -> bytes:
    answer = client.get(f"/feeds/outages.ics?area={quote(AREA)}")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/calendar")
    return answer.content


def test_calendar_lines_end_in_crlf_and_fold_within_75_octets(calendar_site):
    body = _calendar(calendar_site)
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)  # no bare LF or CR: every line ends CRLF
    assert all(len(line) <= 75 for line in lines), [len(line) for line in lines if len(line) > 75]


def test_calendar_stamps_zones_text_and_uids(calendar_site):
    body = _calendar(calendar_site)
    unfolded = re.sub(rb"\r\n[ \t]", b"", body).decode("utf-8")
    stamps = re.findall(r"^DTSTAMP[^:]*:(.*)$", unfolded, re.MULTILINE)
    assert stamps and all(re.fullmatch(r"\d{8}T\d{6}Z", s.strip()) for s in stamps), stamps
    used = set(re.findall(r";TZID=([^:;]+)[:;]", unfolded))
    defined = set(re.findall(r"^TZID:(.*)$", unfolded, re.MULTILINE))
    assert used <= {d.strip() for d in defined}, (used, defined)
    for line in re.findall(r"^(?:SUMMARY|LOCATION|DESCRIPTION)[^:]*:(.*)$", unfolded, re.MULTILINE):
        assert not re.search(r"(?<!\\)[,;]", line), line  # §3.3.11: COMMA and SEMICOLON in TEXT are escaped
    calendar = icalendar.Calendar.from_ical(body)
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids and len(uids) == len(set(uids))
    again = [str(event["UID"]) for event in icalendar.Calendar.from_ical(_calendar(calendar_site)).walk("VEVENT")]
    assert again == uids


# ------------------------------------------------------------------ the poller as a client of CMSs' feeds

ITEM_TITLES = ["关于2026年度部门预算公开的说明", "关于调整城乡居民医疗保险缴费标准的通知"]


def _rss(base: str, declaration: str) -> str:
    items = "".join(f"<item><title>{title}</title><link>{base}/p{n}.html</link><guid>{base}/p{n}.html</guid>"
                    f"<pubDate>Tue, 0{n + 1} Dec 2026 09:00:00 +0800</pubDate></item>" for n, title in enumerate(ITEM_TITLES))
    return f"{declaration}<rss version=\"2.0\"><channel><title>厦门市湖里区财政局</title><link>{base}/</link>" \
           f"<description>通知公告</description>{items}</channel></rss>"


def _page(n: int) -> bytes:
    return (f'<html><head><meta charset="gbk"><title>{ITEM_TITLES[n]}</title></head><body><div id="zoom"><p>{ITEM_TITLES[n]}。'
            f"各有关单位：现将有关事项说明如下。</p></div></body></html>").encode("gbk")


class Cms:
    """Feeds as CMSs misconfigure them, by path: (Content-Type header, declaration, body encoding, gzip?)."""

    FEEDS: ClassVar[dict[str, tuple[str, str, str, bool]]] = {
        "/header-gbk-no-declaration.xml": ("application/rss+xml; charset=GBK", "", "gbk", False),
        "/header-gb2312-declares-utf8.xml": ("text/xml; charset=gb2312", '<?xml version="1.0" encoding="utf-8"?>', "gbk", False),
        "/gzip.xml": ("application/rss+xml; charset=utf-8", '<?xml version="1.0" encoding="utf-8"?>', "utf-8", True),
        "/etag.xml": ("application/rss+xml", '<?xml version="1.0" encoding="UTF-8"?>', "utf-8", False),
    }

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()

    def handler(self) -> type:
        cms = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args):
                pass

            def do_GET(self):
                cms.hits[self.path] += 1
                base = f"http://{self.headers['Host']}"
                if self.path in Cms.FEEDS:
                    content_type, declaration, encoding, zipped = Cms.FEEDS[self.path]
                    if self.path == "/etag.xml" and self.headers.get("If-None-Match") == '"v1"':
                        self.send_response(304)
                        self.send_header("ETag", '"v1"')
                        self.end_headers()
                        return
                    body = _rss(base, declaration).encode(encoding)
                    if zipped:
                        body = gzip.compress(body)
                    self.send_response(200)
                    self.send_header("Content-Type", content_type)
                    if zipped:
                        self.send_header("Content-Encoding", "gzip")
                    if self.path == "/etag.xml":
                        self.send_header("ETag", '"v1"')
                elif self.path in ("/p0.html", "/p1.html"):
                    body = _page(int(self.path[2]))
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=gbk")
                else:
                    body = b"not found"
                    self.send_response(404)
                    self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture
def cms():
    site = Cms()
    with local_http_server(site.handler()) as base:
        yield site, base


@pytest.fixture
def engine(settings):
    engine = Engine(settings)
    yield engine
    engine.close()


@pytest.mark.parametrize("path", list(Cms.FEEDS))
def test_the_poller_reads_each_cms_feed_with_its_titles(engine, cms, path):
    _, base = cms
    with FeedPoller(engine) as poller:
        report = poller.poll(AgencyFeed(name="厦门市湖里区财政局", url=base + path))
    assert report.counts.get("new") == 2 and not report.errors, report.as_dict()
    titles = sorted(record.title for record in engine.store.iter_records())
    assert titles == sorted(ITEM_TITLES), titles


def test_a_304_to_the_second_poll_fetches_and_stores_nothing(engine, cms):
    site, base = cms
    feed = AgencyFeed(name="厦门市湖里区财政局", url=base + "/etag.xml")
    with FeedPoller(engine) as poller:
        first = poller.poll(feed)
    with FeedPoller(engine) as poller:
        second = poller.poll(feed)
    assert first.counts.get("new") == 2 and not second.errors, second.as_dict()
    assert not second.counts.get("new") and not second.counts.get("updated"), second.as_dict()
    assert site.hits["/p0.html"] == 1 and site.hits["/p1.html"] == 1 and site.hits["/etag.xml"] == 2
    assert len(list(engine.store.iter_records())) == 2
