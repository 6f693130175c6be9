"""Held-out round of session 20 (clients10): clients used the way harvesters, feed readers, calendar apps and crawlers
really use them, written with their expected answers (each citing its specification) BEFORE the app was run on them,
against a real server on 127.0.0.1 holding 海沧区 and 思明区 documents, 厦门日报 遗失声明 and a 停电 notice parsed from its
column text.
- OAI-PMH 2.0 (https://www.openarchives.org/OAI/openarchivesprotocol.html): oaipmh-scythe harvesting ListRecords while the
  store changes under it (a new record, a new version of one already harvested, a withdrawal), the idempotent token
  (§3.5.1), the empty last token (§3.5), from/until inclusive at day and second granularity (§3.3.1), sets (§4.6: every
  setSpec of the XSD's syntax, an issuer's set holding its records only), deleted records (§2.5.1), every answer valid
  for OAI-PMH.xsd.
- HTTP (RFC 9110/9112): conditional GETs across a change, HEAD (§9.3.2), gzip (§8.4), Range (§14.2), odd Accept headers
  (§12.5.1), a target too long to parse (RFC 9112 §3: 414), GBK percent-encoded queries, queries past the length limit
  and pages past the end: each a defined answer, never a 500.
- feedparser polling an Atom feed with its ETag; icalendar reading the street calendar (RFC 5545 §3.6.1, §3.7); the
  sitemap against its XSD.
"""

from __future__ import annotations

import gzip
import re
import socket
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, quote_from_bytes

import feedparser
import httpx
import icalendar
import pytest
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig

from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from tests import xml_schemas
from tests.support import served_engine

OAI = xml_schemas.OAI_NS
NS = {"o": OAI, "a": "http://www.w3.org/2005/Atom", "s": xml_schemas.SITEMAP_NS}
HAICANG, SIMING = "厦门市海沧区人民政府办公室", "厦门市思明区人民政府"
PAGE = {"oai_page_size": 3, "sitemap_page_size": 4, "atom_entries": 3}

DOCS = [
    Record(id="HC-2026-061", kind="disclosure", title="海沧区人民政府办公室关于印发海沧区2027年为民办实事项目的通知", issuer=HAICANG,
           doc_number="海政办〔2026〕61号", publish_date="2026-12-02", source="clients10",
           body="各街道办事处，区直各单位：《海沧区2027年为民办实事项目》已经区政府研究同意，现印发给你们，请认真组织实施。",
           url="https://www.haicang.gov.cn/xx/zfxxgkzl/qzfxxgkml/zcwj/202612/t20261202_881201.htm"),
    Record(id="HC-2026-064", kind="disclosure", title="海沧区关于新阳街道兴旺社区老旧小区改造项目的公示", issuer=HAICANG,
           doc_number="海政办〔2026〕64号", publish_date="2026-12-04", source="clients10",
           body="根据《厦门市老旧小区改造工作方案》，现将新阳街道兴旺社区老旧小区改造项目有关情况公示如下，公示期七天。",
           url="https://www.haicang.gov.cn/xx/zfxxgkzl/qzfxxgkml/tzgg/202612/t20261204_881266.htm"),
    Record(id="HC-2026-066", kind="disclosure", title="海沧区人民政府关于划定海沧湾公园禁止燃放烟花爆竹区域的通告", issuer=HAICANG,
           doc_number="海政〔2026〕9号", publish_date="2026-11-28", source="clients10",
           body="为保障公共安全，根据《烟花爆竹安全管理条例》，区政府决定：海沧湾公园及周边区域全年禁止燃放烟花爆竹。",
           url="https://www.haicang.gov.cn/xx/zfxxgkzl/qzfxxgkml/zcwj/202611/t20261128_880977.htm"),
    Record(id="SM-2026-0412", kind="disclosure", title="思明区人民政府关于2026年度区级财政预算调整方案的报告", issuer=SIMING,
           publish_date="2026-11-20", source="clients10",
           body="主任、各位副主任、秘书长、各位委员：受区人民政府委托，现将2026年度区级财政预算调整方案报告如下，请予审议。",
           url="https://www.siming.gov.cn/xxgk/zfxxgkml/czxx/202611/t20261120_990412.htm"),
    Record(id="SM-2026-0418", kind="disclosure", title="思明区关于鼓浪屿家庭旅馆消防安全专项整治的通知", issuer=SIMING,
           doc_number="思政办〔2026〕118号", publish_date="2026-11-26", source="clients10",
           body="各街道、区直有关单位：为切实加强鼓浪屿家庭旅馆消防安全管理，决定开展专项整治，现将有关事项通知如下。",
           url="https://www.siming.gov.cn/xxgk/zfxxgkml/tzgg/202611/t20261126_990418.htm"),
]
LOST = [
    Record(id="LOST-2026-1204-21", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-04", source="clients10",
           title="遗失声明", body="厦门市海沧区鑫源五金商行遗失营业执照副本，统一社会信用代码92350205MA2Y8K7L3X，声明作废。",
           url="https://epaper.xmnn.cn/xmrb/20261204/B06.htm"),
    Record(id="LOST-2026-1205-22", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-05", source="clients10",
           title="遗失声明", body="林志强遗失厦门大学2019届本科毕业证书，证书编号103841201905002137，声明作废。",
           url="https://epaper.xmnn.cn/xmrb/20261205/B07.htm"),
    Record(id="LOST-2026-1206-23", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-06", source="clients10",
           title="遗失声明", body="厦门思明区阿珍沙茶面店遗失食品经营许可证正本，许可证编号JY13502030088451，声明作废。",
           url="https://epaper.xmnn.cn/xmrb/20261206/B05.htm"),
]
POWER_TEXT = """停电通知
因电网设备检修需要，国网厦门供电公司定于2026年12月16日（星期三）8:30至17:30对以下区域停止供电：
海沧区新阳街道兴旺社区、新阳路沿线，海沧街道温厝社区。
停电期间请用户做好准备，如遇雨天检修顺延。
国网厦门供电公司
2026年12月8日"""
POWER_AREA = "新阳路"


def _records(water: bool = True) -> list[Record]:
    power = parse_notices(Capture(data=POWER_TEXT.encode("gb18030"), url="https://epaper.xmnn.cn/xmrb/20261209/A06.htm",
                                  source="paper:xmrb")) if water else []
    return [*DOCS, *LOST, *power]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("clients10") / "data", _records(), feeds=PAGE) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        with httpx.Client(base_url=base, timeout=60) as client:
            yield {"engine": engine, "base": base, "client": client,
                   "oai_id": lambda rid: f"oai:{engine.settings.feeds.oai_repository_identifier}:{rid}"}


def oai(client: httpx.Client, **params: str) -> etree._Element:
    """One OAI-PMH answer, checked against OAI-PMH.xsd (with the metadata schemas)."""
    answer = client.get("/oai", params=params)
    assert answer.status_code == 200, (params, answer.status_code, answer.text[:300])
    assert xml_schemas.errors(xml_schemas.oai_pmh(), answer.content) == [], (params, answer.text[:1500])
    return etree.fromstring(answer.content)


def error_code(root: etree._Element) -> str | None:
    found = root.find("o:error", NS)
    return None if found is None else found.get("code")


def identifiers(client: httpx.Client, **params: str) -> list[tuple[str, str, str | None]]:
    """(identifier, datestamp, status) of every header of a ListIdentifiers harvest, following its tokens."""
    found: list[tuple[str, str, str | None]] = []
    root = oai(client, verb="ListIdentifiers", **params)
    if error_code(root) == "noRecordsMatch":
        return []
    while True:
        assert error_code(root) is None, etree.tostring(root)[:500]
        found += [(h.findtext("o:identifier", namespaces=NS), h.findtext("o:datestamp", namespaces=NS), h.get("status"))
                  for h in root.findall("o:ListIdentifiers/o:header", NS)]
        token = root.findtext("o:ListIdentifiers/o:resumptionToken", namespaces=NS)
        if not token:
            return found
        root = oai(client, verb="ListIdentifiers", resumptionToken=token)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------ OAI-PMH: dates, sets, the last token, deleted records


def test_from_and_until_are_inclusive_at_both_granularities(site):
    """§3.3.1: from and until are inclusive; a day means the whole day (UTC), a second that second."""
    client = site["client"]
    everything = identifiers(client, metadataPrefix="oai_dc")
    ident, stamp, _ = everything[0]
    moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    day = stamp[:10]
    assert ident in [i for i, _, _ in identifiers(client, metadataPrefix="oai_dc", **{"from": day, "until": day})]
    assert ident in [i for i, _, _ in identifiers(client, metadataPrefix="oai_dc", **{"from": stamp, "until": stamp})]
    assert ident not in [i for i, _, _ in identifiers(client, metadataPrefix="oai_dc", until=_stamp(moment - timedelta(seconds=1)))]
    assert ident not in [i for i, _, _ in identifiers(client, metadataPrefix="oai_dc", **{"from": _stamp(moment + timedelta(seconds=1))})]
    # every datestamp within the bounds asked (§3.3.1), at both granularities
    for header_id, header_stamp, _ in identifiers(client, metadataPrefix="oai_dc", **{"from": stamp}):
        assert header_stamp >= stamp, header_id
    next_day = (moment + timedelta(days=1)).strftime("%Y-%m-%d")
    assert error_code(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": next_day})) == "noRecordsMatch"


def test_the_last_page_has_an_empty_token_with_its_counts(site):
    """§3.5: the response holding the last part of a list MUST include an empty resumptionToken; cursor counts from 0."""
    client = site["client"]
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    pages, cursor_seen = 1, []
    while True:
        token = root.find("o:ListRecords/o:resumptionToken", NS)
        assert token is not None  # an incomplete list's every part carries one
        cursor_seen.append(int(token.get("cursor", "-1")))
        if not token.text:
            assert token.get("completeListSize") == str(sum(1 for _ in identifiers(client, metadataPrefix="oai_dc")))
            break
        root = oai(client, verb="ListRecords", resumptionToken=token.text)
        pages += 1
    assert pages >= 3 and cursor_seen == [PAGE["oai_page_size"] * n for n in range(pages)]


def test_a_token_sent_again_gives_the_same_page(site):
    """§3.5.1: a resumptionToken used again while the repository is unchanged returns the same incomplete list."""
    client = site["client"]
    token = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").findtext("o:ListIdentifiers/o:resumptionToken", namespaces=NS)
    first = etree.tostring(oai(client, verb="ListIdentifiers", resumptionToken=token).find("o:ListIdentifiers", NS))
    again = etree.tostring(oai(client, verb="ListIdentifiers", resumptionToken=token).find("o:ListIdentifiers", NS))
    assert first == again


def test_every_set_has_the_xsd_syntax_and_an_issuer_set_holds_its_records_only(site):
    """§4.6 and OAI-PMH.xsd's setSpecType ([A-Za-z0-9\\-_\\.!~\\*'\\(\\)]+ parts joined by `:`): 海沧区's set gives its 3."""
    client = site["client"]
    # ListSets is itself paged (§3.5): my first draft read its first page only (expectation fixed, not the product)
    sets: dict[str, str | None] = {}
    root = oai(client, verb="ListSets")
    while True:
        sets.update({s.findtext("o:setSpec", namespaces=NS): s.findtext("o:setName", namespaces=NS) for s in root.findall("o:ListSets/o:set", NS)})
        token = root.findtext("o:ListSets/o:resumptionToken", namespaces=NS)
        if not token:
            break
        root = oai(client, verb="ListSets", resumptionToken=token)
    assert all(re.fullmatch(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*", spec) for spec in sets), sets
    spec = next(spec for spec, name in sets.items() if name and HAICANG in name)
    got = sorted(i for i, _, _ in identifiers(client, metadataPrefix="oai_dc", set=spec))
    assert got == sorted(site["oai_id"](r.id) for r in DOCS if r.issuer == HAICANG)
    # a set the repository does not have: no record is in it (§3.6 lists noRecordsMatch for an empty selection)
    assert error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="issuer:nosuchset")) in ("noRecordsMatch", "badArgument")


def test_a_gbk_encoded_set_is_a_bad_argument_not_a_500(site):
    """A set named in GBK bytes (an old harvester's encoding): not a setSpec's syntax → badArgument (§3.6), valid XML."""
    raw = "verb=ListRecords&metadataPrefix=oai_dc&set=" + quote_from_bytes("海沧区".encode("gbk"))
    answer = site["client"].get("/oai?" + raw)
    assert answer.status_code == 200
    assert xml_schemas.errors(xml_schemas.oai_pmh(), answer.content) == []
    assert error_code(etree.fromstring(answer.content)) == "badArgument"


# ------------------------------------------------------------------ HTTP: HEAD, gzip, Range, Accept, long targets, GBK


def test_head_gives_the_get_headers_and_no_body(site):
    """RFC 9110 §9.3.2: HEAD sends the header fields GET would (ETag, Content-Type), and no content."""
    client = site["client"]
    for path in ("/oai?verb=Identify", "/sitemap.xml", "/feeds/notices/lost.atom", f"/feeds/outages.ics?area={quote(POWER_AREA)}",
                 "/api/search?q=" + quote("海沧"), "/robots.txt"):
        got, head = client.get(path), client.head(path)
        assert got.status_code == head.status_code == 200, path
        assert head.content == b"", path
        assert head.headers.get("etag") == got.headers.get("etag") and head.headers["content-type"] == got.headers["content-type"], path


def test_gzip_decodes_to_the_identity_bytes(site):
    """RFC 9110 §8.4: gzip is a coding of the same representation; Vary names Accept-Encoding (§12.5.5)."""
    client = site["client"]
    for path in ("/feeds/notices/lost.atom", "/oai?verb=ListRecords&metadataPrefix=gongkai", "/sitemap.xml"):
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        zipped = client.send(client.build_request("GET", path, headers={"Accept-Encoding": "gzip"}), stream=True)
        raw = b"".join(zipped.iter_raw())
        zipped.close()
        if len(plain.content) >= 1024:
            assert zipped.headers.get("content-encoding") == "gzip", path
            assert "accept-encoding" in zipped.headers.get("vary", "").lower(), path
            body = gzip.decompress(raw)
        else:
            body = raw
        if path.startswith("/oai"):  # responseDate moves with the second: compare without it
            body, plain_body = (etree.tostring(_without_date(etree.fromstring(b))) for b in (body, plain.content))
            assert body == plain_body, path
        else:
            assert body == plain.content, path


def _without_date(root: etree._Element) -> etree._Element:
    for node in root.findall("o:responseDate", NS):
        root.remove(node)
    return root


def test_a_range_of_the_sitemap_and_none_of_oai(site):
    """RFC 9110 §14.2: one range of a static document is a 206 of those bytes; a server MAY ignore Range (the OAI answer,
    whose bytes differ between requests): then a 200 whole, with no Content-Range."""
    client = site["client"]
    whole = client.get("/sitemap.xml", headers={"Accept-Encoding": "identity"}).content
    part = client.get("/sitemap.xml", headers={"Range": "bytes=0-99", "Accept-Encoding": "identity"})
    assert part.status_code == 206 and part.content == whole[:100]
    assert part.headers["content-range"] == f"bytes 0-99/{len(whole)}"
    listed = client.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc", headers={"Range": "bytes=0-99"})
    assert listed.status_code == 200 and "content-range" not in listed.headers and listed.content.startswith(b"<?xml")


@pytest.mark.parametrize("accept", ["application/json", "text/html;q=0.9, */*;q=0", ";;;,,,", "application/xml;q=1.5",
                                    "text/*", "*/*;q=0.001", "application/atom+xml, application/rss+xml;q=0.9"])
def test_odd_accept_headers_get_the_representation_or_406(site, accept):
    """RFC 9110 §12.5.1: a server may disregard Accept or answer 406; either way never a 500, and a 200 is the route's type."""
    client = site["client"]
    for path, media in (("/oai?verb=Identify", "text/xml"), ("/feeds/notices/lost.atom", "application/atom+xml"),
                        ("/api/search?q=" + quote("遗失"), "application/json"), ("/sitemap.xml", "")):
        answer = client.get(path, headers={"Accept": accept})
        assert answer.status_code in (200, 406), (path, accept, answer.status_code)
        if answer.status_code == 200:  # a sitemap may be text/xml or application/xml (sitemaps.org names neither): mine was too narrow
            assert answer.headers["content-type"].startswith(media or ("text/xml", "application/xml")), (path, accept, answer.headers["content-type"])


def _raw_status(base: str, target: str) -> int | None:
    """The status line's code of GET `target` sent over a raw socket, or None when the server closed without one."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("ascii"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else None


def test_a_target_too_long_to_parse_is_a_414(site):
    """RFC 9112 §3: a server receiving a request-target longer than any URI it wishes to parse MUST answer 414."""
    target = "/api/search?q=" + quote("海沧区老旧小区改造") * 3000  # about 160 KB: past any parser's line limit
    assert _raw_status(site["base"], target) == 414


def test_a_query_over_the_length_limit_is_a_4xx_with_a_message(site):
    """A long but parsable query (1,500 characters, as pasted from a document): the API says why (JSON), the page too."""
    client = site["client"]
    text = ("根据《厦门市老旧小区改造工作方案》，现将新阳街道兴旺社区老旧小区改造项目有关情况公示如下" * 40)[:1500]
    api = client.get("/api/search", params={"q": text})
    assert api.status_code in (400, 422) and ("message" in api.json() or "detail" in api.json())
    page = client.get("/search", params={"q": text})
    assert 400 <= page.status_code < 500 and "text/html" in page.headers["content-type"] and "500" not in page.text[:200]
    feed = client.get("/feeds/search.atom", params={"q": text})
    assert feed.status_code in (400, 422) and feed.headers["content-type"].startswith("application/json")


def test_gbk_percent_encoded_queries_read_as_the_same_words(site):
    """An old site linking `?q=%BA%A3%B2%D7` (海沧 in GBK): the same answer as the query in UTF-8, on the API, the page
    and the search feed; an issuer feed whose name is in GBK is that issuer's feed."""
    client = site["client"]
    for words in ("海沧", "遗失声明", "老旧小区改造"):
        gbk, utf8 = quote_from_bytes(words.encode("gbk")), quote(words)
        a, b = client.get("/api/search?q=" + gbk), client.get("/api/search?q=" + utf8)
        assert a.status_code == b.status_code == 200, words
        assert [h["id"] for h in a.json()["hits"]] == [h["id"] for h in b.json()["hits"]] and a.json()["hits"], words
        fa, fb = (feedparser.parse(client.get("/feeds/search.atom?q=" + q).content) for q in (gbk, utf8))
        assert [e.id for e in fa.entries] == [e.id for e in fb.entries] and fa.entries, words
        page = client.get("/search?q=" + gbk)
        assert page.status_code == 200 and words in page.text, words
    feed = client.get("/feeds/issuer/" + quote_from_bytes(HAICANG.encode("gbk")) + ".atom")
    assert feed.status_code == 200 and len(feedparser.parse(feed.content).entries) == 3


def test_pages_past_the_end(site):
    """Paging past the last result: the API answers an empty page with the total (no error: the request is valid),
    past max_offset a 4xx saying so; a sitemap page that does not exist is a 404 (never an empty, invalid <urlset/>)."""
    client = site["client"]
    total = client.get("/api/search", params={"q": "海沧"}).json()["total"]
    # the API pages by `page` and `page_size` (it has no `offset`: my draft sent one, and got the 400 naming the parameters)
    past = client.get("/api/search", params={"q": "海沧", "page": 50})
    assert past.status_code == 200 and past.json()["hits"] == [] and past.json()["total"] == total
    too_deep = client.get("/api/search", params={"q": "海沧", "page": 10_000_000})
    assert too_deep.status_code in (400, 422) and too_deep.json()
    assert client.get("/sitemap-99.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404
    page = client.get("/search", params={"q": "海沧", "page": 999})
    assert page.status_code in (200, 400, 422) and "text/html" in page.headers["content-type"]


def test_the_sitemap_validates_and_lists_every_record_page(site):
    """sitemaps.org: the index and each page valid for their XSDs, every <loc> under the public address, every live
    record's page listed once."""
    client, base = site["client"], site["base"]
    root = client.get("/sitemap.xml")
    assert root.status_code == 200
    tree = etree.fromstring(root.content)
    pages = [root.content]
    if tree.tag == f"{{{xml_schemas.SITEMAP_NS}}}sitemapindex":
        assert xml_schemas.errors(xml_schemas.siteindex(), root.content) == []
        pages = [client.get(loc.text[len(base):]).content for loc in tree.findall("s:sitemap/s:loc", NS)]
    locs = []
    for body in pages:
        assert xml_schemas.errors(xml_schemas.sitemap(), body) == []
        locs += [loc.text for loc in etree.fromstring(body).findall("s:url/s:loc", NS)]
    assert all(loc.startswith(base + "/") for loc in locs) and len(locs) == len(set(locs))
    assert sum(1 for loc in locs if "/documents/" in loc) == len(_records())


def test_icalendar_reads_the_street_calendar(site):
    """RFC 5545: VERSION and PRODID (§3.7.3, §3.7.4), each VEVENT with UID and DTSTAMP (§3.6.1 MUST), DTSTART at 8:30
    Beijing time on 2026-12-16, DTEND at 17:30."""
    answer = site["client"].get(f"/feeds/outages.ics?area={quote(POWER_AREA)}")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.content)
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    events = list(calendar.walk("VEVENT"))
    assert events
    beijing = timedelta(hours=8)
    for event in events:
        assert event.get("UID") and event.get("DTSTAMP")
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert (start.astimezone(UTC) + beijing).replace(tzinfo=None) == datetime(2026, 12, 16, 8, 30)
        assert (end.astimezone(UTC) + beijing).replace(tzinfo=None) == datetime(2026, 12, 16, 17, 30)


# ------------------------------------------------------------------ changes under the clients (last: they change the store)


def test_feedparser_polls_with_the_etag_and_sees_a_new_notice(site):
    """feedparser as a reader polls: its etag gives a 304 while unchanged; a new 遗失声明 gives a 200 with the entry."""
    base, engine = site["base"], site["engine"]
    first = feedparser.parse(base + "/feeds/notices/lost.atom")
    assert first.status == 200 and first.etag and not first.bozo
    assert feedparser.parse(base + "/feeds/notices/lost.atom", etag=first.etag).status == 304
    engine.ingest_records([Record(id="LOST-2026-1207-24", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-07",
                                  source="clients10", title="遗失声明", body="陈美玲遗失厦门市残疾人证，证号35020319800101234X42，声明作废。",
                                  url="https://epaper.xmnn.cn/xmrb/20261207/B06.htm")])
    again = feedparser.parse(base + "/feeds/notices/lost.atom", etag=first.etag)
    assert again.status == 200 and any("陈美玲" in (e.get("summary", "") + e.get("content", [{}])[0].get("value", "")) for e in again.entries)


def test_an_oai_tag_held_across_a_change_gets_the_new_list(site):
    """RFC 9110 §13.1.2 on /oai: the tag is a 304 while unchanged; after a record's new version a 200 naming it."""
    client, engine = site["client"], site["engine"]
    path = "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=" + quote("kind:disclosure", safe="")
    first = client.get(path)
    tag = first.headers["etag"]
    assert client.get(path, headers={"If-None-Match": tag}).status_code == 304
    changed = DOCS[3].model_copy(update={"body": DOCS[3].body + "（2026年12月8日更正：附表二数字有误，已更正。）"})
    engine.ingest_records([changed])
    after = client.get(path, headers={"If-None-Match": tag})
    assert after.status_code == 200 and after.headers["etag"] != tag


def test_a_harvest_across_store_changes_misses_nothing(tmp_path):
    """oaipmh-scythe harvesting ListRecords three a page while the store changes between its pages (a new record, a new
    version of one harvested already, a withdrawal of one not yet reached): the harvest ends without an error, every record
    left unchanged comes exactly once, and an incremental harvest `from` the first page's responseDate (§3.3.1, the
    harvester's next run) brings the new record, the new version and the withdrawal as a deleted header (§2.5.1)."""
    with served_engine(tmp_path / "data", _records(water=False), feeds=PAGE) as (engine, base):
        endpoint = base + "/oai"
        with httpx.Client(base_url=base, timeout=60) as client:
            order = [i for i, _, _ in identifiers(client, metadataPrefix="gongkai")]
            # Identify is not schema-checked here (its oai-identifier description needs a schema not installed: Known gaps)
            started = oai(client, verb="ListSets").findtext("o:responseDate", namespaces=NS)
        oai_id = lambda rid: f"oai:{engine.settings.feeds.oai_repository_identifier}:{rid}"  # noqa: E731
        gone = order[-1].rsplit(":", 1)[1]
        seen: list[tuple[str, bool]] = []
        with Scythe(endpoint, http_config=HTTPConfig(timeout=30)) as scythe:
            for n, record in enumerate(scythe.list_records(metadata_prefix="gongkai")):
                seen.append((record.header.identifier, record.header.deleted))
                if n == 1:  # inside the first page: the rest comes after the changes
                    engine.ingest_records([Record(id="HC-2026-070", kind="disclosure", issuer=HAICANG, publish_date="2026-12-06",
                                                  title="海沧区人民政府办公室关于做好2027年元旦春节期间有关工作的通知", source="clients10",
                                                  body="各街道办事处，区直各单位：元旦、春节将至，现就节日期间有关工作通知如下。")])
                    first_id = seen[0][0].rsplit(":", 1)[1]
                    first = engine.get(first_id)
                    engine.ingest_records([first.model_copy(update={"body": first.body + "（更正）"})])
                    assert engine.withdraw(gone, "撤回：重复发布 / published twice")
        untouched = [i for i in order if i not in (oai_id(first_id), oai_id(gone))]
        live = [i for i, deleted in seen if not deleted]
        for ident in untouched:
            assert live.count(ident) == 1, ident
        with httpx.Client(base_url=base, timeout=60) as client:
            later = {i: status for i, _, status in identifiers(client, metadataPrefix="gongkai", **{"from": started})}
        assert later.get(oai_id("HC-2026-070")) is None and oai_id("HC-2026-070") in later
        assert oai_id(first_id) in later and later[oai_id(first_id)] is None
        assert later.get(oai_id(gone)) == "deleted"
        with httpx.Client(base_url=base, timeout=60) as client:
            record = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_id(gone))
        header = record.find("o:GetRecord/o:record/o:header", NS)
        assert header.get("status") == "deleted" and record.find("o:GetRecord/o:record/o:metadata", NS) is None
