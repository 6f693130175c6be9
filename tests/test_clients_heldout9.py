"""Held-out round of session 19 (clients9): clients and rules no earlier round used, written with their expectations
BEFORE the app was run on them, against a real server on 127.0.0.1 holding 同安区 and 集美区 documents, 厦门日报 遗失声明
of several kinds and a 停水 notice parsed from its column text, then changed under the clients (a new version, a
withdrawal, a takedown).
- RFC 4287 as written (tests/atom_rfc4287.py, a checker from the RFC's text, not from our feed code) on every Atom feed we
  publish and every page its paging links lead to, before and after a withdrawal (its tombstone page too).
- The data-state ETags of the pages, the API and OAI-PMH (web/conditional.state_etag) as caches use them: the 304 framed
  right by h11 on one keep-alive connection (no body, the 200's validators), a HEAD's tag the GET's, `requests` (another
  client stack) revalidating, and never a 304 for a copy of an older data state: a record's new version, a withdrawal,
  an operator's takedown, an ingest elsewhere in the store each give every held tag a 200 with the new answer.
- Two apps in one process over two data directories (one embedding serving two sites): one tag never names both.
- OAI-PMH edge requests as harvesters and validators send them (repeated verb, repeated argument, an exclusive
  resumptionToken beside other arguments, mixed granularities, lower-case verb, an argument Identify does not take),
  each answered with the code the specification names, each answer valid for xmlschema (an XSD processor of its own).
"""

from __future__ import annotations

import socket
from urllib.parse import quote, urlsplit

import h11
import httpx
import pytest
import requests
import xmlschema
from lxml import etree

from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from tests import xml_schemas
from tests.atom_rfc4287 import problems
from tests.support import served_engine

OAI = xml_schemas.OAI_NS
ATOM = "http://www.w3.org/2005/Atom"
TONGAN, JIMEI_EDU = "厦门市同安区人民政府办公室", "厦门市集美区教育局"

DOCS = [
    Record(id="TA-2026-101", kind="disclosure", title="同安区人民政府办公室关于印发同安区2026年冬季森林防火工作方案的通知",
           issuer=TONGAN, doc_number="同政办〔2026〕41号", publish_date="2026-11-18", source="clients9",
           body="各镇人民政府、街道办事处，区直各单位：《同安区2026年冬季森林防火工作方案》已经区政府同意，现印发给你们，请认真贯彻执行。",
           url="https://www.xmta.gov.cn/zwgk/zfxxgkzl/zc/202611/t20261118_123456.htm"),
    Record(id="TA-2026-102", kind="disclosure", title="同安区关于汀溪水库库区生态补偿资金分配的公示", issuer=TONGAN,
           doc_number="同政办[2026]44号", publish_date="2026-11-25", source="clients9",
           body="根据《厦门市汀溪水库库区生态补偿办法》，现将2026年度生态补偿资金分配情况公示如下：汀溪镇……五显镇……",
           url="https://www.xmta.gov.cn/zwgk/tzgg/202611/t20261125_123501.htm"),
    Record(id="JM-2026-031", kind="disclosure", title="集美区教育局关于2027年春季学期义务教育阶段插班生招生工作的通知",
           issuer=JIMEI_EDU, doc_number="厦集教〔2026〕87号", publish_date="2026-12-01", source="clients9",
           body="各中小学：为做好2027年春季学期插班生招生工作，现将有关事项通知如下：一、招生对象……二、报名时间：2026年12月15日至12月20日……",
           url="http://www.jimei.gov.cn/xxgk/F397/zfxxgkml/jyxx/202612/t20261201_998877.htm"),
    Record(id="JM-2026-032", kind="disclosure", title="集美区教育局关于杏林湾片区新建学校命名的公告", issuer=JIMEI_EDU,
           doc_number="厦集教〔2026〕90号", publish_date="2026-12-03", source="clients9",
           body="经研究，决定将杏林湾片区新建九年一贯制学校命名为“厦门市集美区杏林湾学校”。特此公告。",
           url="http://www.jimei.gov.cn/xxgk/F397/zfxxgkml/jyxx/202612/t20261203_998901.htm"),
]
LOST = [
    Record(id="LOST-2026-1201-01", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-01", source="clients9",
           title="遗失声明", body="厦门市集美区禾丰贸易有限公司遗失公章一枚，声明作废。", url="https://epaper.xmnn.cn/xmrb/20261201/B07.htm"),
    Record(id="LOST-2026-1202-02", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-02", source="clients9",
           title="遗失声明", body="陈秀兰遗失厦门市社会保障卡，卡号3502031958******21，声明作废。",
           url="https://epaper.xmnn.cn/xmrb/20261202/B08.htm"),
    Record(id="LOST-2026-1203-03", kind="notice", notice_type="lost", issuer="厦门日报", publish_date="2026-12-03", source="clients9",
           title="遗失声明", body="厦门同安区阿明小吃店遗失食品经营许可证正本，许可证编号JY23502120045678，声明作废。",
           url="https://epaper.xmnn.cn/xmrb/20261203/B06.htm"),
]
WATER_TEXT = """停水通知
因市政管网改造施工需要，厦门水务集团定于2026年12月10日（星期四）9:00至21:00对以下区域暂停供水：
集美区杏林街道杏林湾路、杏锦路沿线，杏滨街道锦园社区。
请相关用户提前做好储水准备，给您带来不便，敬请谅解。
厦门水务集团有限公司
2026年12月4日"""
WATER_AREA = "杏锦路"
PAGE = {"oai_page_size": 3, "sitemap_page_size": 5, "atom_entries": 2}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    water = parse_notices(Capture(data=WATER_TEXT.encode(), url="https://epaper.xmnn.cn/xmrb/20261205/A07.htm", source="paper:xmrb"))
    records = [*DOCS, *LOST, *water]
    with served_engine(tmp_path_factory.mktemp("clients9") / "data", records, feeds=PAGE) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        with httpx.Client(base_url=base, timeout=60) as client:
            yield {"engine": engine, "base": base, "client": client, "water": water,
                   "oai_id": lambda rid: f"oai:{engine.settings.feeds.oai_repository_identifier}:{rid}"}


# ------------------------------------------------------------------ RFC 4287, as written, on every feed and every page


def _feed_pages(client: httpx.Client, path: str, base: str) -> dict[str, bytes]:
    """The feed at `path` and every page its first/next/previous/last links lead to (at most 40)."""
    seen: dict[str, bytes] = {}
    todo = [path]
    while todo and len(seen) < 40:
        target = todo.pop()
        if target in seen:
            continue
        response = client.get(target)
        assert response.status_code == 200, (target, response.status_code, response.text[:200])
        assert response.headers["content-type"].startswith("application/atom+xml"), target
        seen[target] = response.content
        for link in etree.fromstring(response.content).findall(f"{{{ATOM}}}link"):
            if link.get("rel") in ("first", "next", "previous", "last"):
                href = link.get("href")
                assert href.startswith(base), href
                todo.append(href[len(base):])
    return seen


def _every_feed(site) -> list[str]:
    return ["/feeds/search.atom?q=" + quote("通知"), "/feeds/search.atom?q=" + quote("遗失") + "&kind=notice",
            f"/feeds/issuer/{quote(TONGAN)}.atom", f"/feeds/issuer/{quote(JIMEI_EDU)}.atom", "/feeds/issuer/" + quote("厦门日报") + ".atom",
            *(f"/feeds/notices/{kind}.atom" for kind in ("lost", "outage", "business_tax", "land_housing", "other")),
            f"/feeds/outages.atom?area={quote(WATER_AREA)}"]


def test_every_atom_feed_and_page_keeps_rfc_4287(site):
    client, base = site["client"], site["base"]
    broken = {}
    pages = 0
    for path in _every_feed(site):
        for target, body in _feed_pages(client, path, base).items():
            pages += 1
            if found := problems(body):
                broken[target] = found[:4]
    assert pages > len(_every_feed(site))  # atom_entries=2: the issuers' and lost notices' feeds are paged
    assert not broken, broken


def test_feeds_with_tombstones_keep_rfc_4287(site):
    """After a source withdrawal and an operator's takedown, the feeds carrying their at:deleted-entry still keep the RFC
    (an extension element of another namespace, §6.4), and the withdrawn entries are not shown as entries."""
    engine, client, base = site["engine"], site["client"], site["base"]
    assert engine.withdraw("TA-2026-102", "公示期满，撤回")
    assert engine.withdraw("LOST-2026-1202-02", "重复刊登", operator="clients9")
    for path in (f"/feeds/issuer/{quote(TONGAN)}.atom", "/feeds/notices/lost.atom", "/feeds/search.atom?q=" + quote("遗失") + "&kind=notice"):
        pages = _feed_pages(client, path, base)
        for target, body in pages.items():
            assert problems(body) == [], (target, problems(body)[:4])
        ids = [e.text for body in pages.values() for e in etree.fromstring(body).iter(f"{{{ATOM}}}id")]
        assert not any(i.endswith(("record/TA-2026-102", "record/LOST-2026-1202-02")) for i in ids), (path, ids)


# ------------------------------------------------------------------ the data-state ETags, as caches use them


class Wire:
    """One keep-alive connection read by h11 (a strict HTTP/1.1 state machine: a body on a 304 or a HEAD, or a length
    that does not match, is a protocol error on the next answer)."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host = parts.netloc
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=60)
        self.conn = h11.Connection(our_role=h11.CLIENT)

    def close(self) -> None:
        self.sock.close()

    def request(self, method: str, target: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        fields = [("Host", self.host), *(headers or {}).items()]
        self.sock.sendall(self.conn.send(h11.Request(method=method, target=target, headers=fields)) + self.conn.send(h11.EndOfMessage()))
        status, got, body = 0, {}, b""
        while True:
            event = self.conn.next_event()
            if event is h11.NEED_DATA:
                self.conn.receive_data(self.sock.recv(65536))
            elif isinstance(event, h11.Response):
                status = event.status_code
                for name, value in event.headers:
                    key = name.decode().lower()
                    got[key] = f"{got[key]}, {value.decode()}" if key in got else value.decode()
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage):
                self.conn.start_next_cycle()
                return status, got, body


def _tagged_targets(site) -> list[str]:
    return ["/", "/search?q=" + quote("同安区 森林防火"), "/search?q=" + quote("遗失") + "&kind=notice&page=2",
            "/documents/TA-2026-101", "/documents/JM-2026-031?q=" + quote("插班生"), "/outages?area=" + quote(WATER_AREA),
            "/api/search?q=" + quote("集美区教育局"), "/api/documents/JM-2026-032", "/api/lookup?doc_number=" + quote("厦集教[2026]87号"),
            "/api/suggest?q=" + quote("同安"), "/api/notices/outages?area=" + quote(WATER_AREA),
            "/oai?verb=ListRecords&metadataPrefix=gongkai", "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier="
            + quote(site["oai_id"]("JM-2026-031")), "/oai?verb=ListSets"]


def _vary(headers: dict[str, str]) -> set[str]:
    return {v.strip().lower() for v in headers.get("vary", "").split(",") if v.strip()}


def test_h11_reads_the_tagged_answers_and_their_304s_on_one_connection(site):
    """Each page, API answer and OAI-PMH answer: a 200 with a weak tag and `Cache-Control: no-cache` (RFC 9111 §5.2.2.4:
    kept, revalidated before each use, so no heuristic freshness serves it unasked), HEAD with the GET's tag, then
    If-None-Match (alone, in a list, unquoted-W/ form) answered 304 with no body and the 200's ETag, Cache-Control and
    Vary (RFC 9110 §15.4.5), gzip or not, all on one keep-alive connection h11 frames without an error."""
    wire = Wire(site["base"])
    try:
        for target in _tagged_targets(site):
            for encoding in ("gzip", "identity"):
                status, full, body = wire.request("GET", target, {"Accept-Encoding": encoding})
                assert status == 200 and body, (target, status)
                tag = full.get("etag", "")
                assert tag.startswith('W/"'), (target, full)
                assert "no-cache" in full.get("cache-control", ""), (target, full.get("cache-control"))
                head_status, head, head_body = wire.request("HEAD", target, {"Accept-Encoding": encoding})
                assert (head_status, head.get("etag"), head_body) == (200, tag, b""), target
                for sent in (tag, f'"a", {tag}, "b"', tag.removeprefix("W/")):
                    status, headers, body = wire.request("GET", target, {"Accept-Encoding": encoding, "If-None-Match": sent})
                    assert (status, body) == (304, b""), (target, sent, status)
                    assert headers.get("etag") == tag and headers.get("cache-control") == full.get("cache-control"), target
                    assert _vary(headers) == _vary(full), (target, encoding, headers.get("vary"), full.get("vary"))
                    assert "date" in headers, target
                status, _, _ = wire.request("HEAD", target, {"If-None-Match": tag})
                assert status == 304, target
    finally:
        wire.close()


def test_distinct_requests_have_distinct_tags_and_a_tag_from_elsewhere_gets_the_whole_answer(site):
    client = site["client"]
    tags = {target: client.get(target).headers["etag"] for target in _tagged_targets(site)}
    assert len(set(tags.values())) == len(tags)
    # the same search asked with another page size, filter or sort is another answer
    other = client.get("/api/search", params={"q": "集美区教育局", "sort": "date"}).headers["etag"]
    assert other != tags["/api/search?q=" + quote("集美区教育局")]
    # a tag of one route sent to another: the whole answer
    for target in tags:
        stranger = next(t for u, t in tags.items() if u != target)
        response = client.get(target, headers={"If-None-Match": stranger})
        assert response.status_code == 200 and response.content, target


def test_requests_revalidates_and_never_gets_a_304_for_an_older_state(site):
    """`requests` (urllib3, not httpx) holds each answer with its tag, as a cache does, and revalidates after each change
    of the data: a new version of a document (same id, new title), an ingest of a new notice, a source withdrawal, an
    operator's takedown. Each change gives every held tag of an answer that changed a 200 with the new answer, and the
    answer is the new state's (its new title, its new total, its 410, its deleted header)."""
    engine = site["engine"]
    targets = {"page": "/documents/JM-2026-031", "api": "/api/documents/JM-2026-031", "search": "/api/search?q=" + quote("遗失声明"),
               "oai": "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" + quote(site["oai_id"]("JM-2026-031")),
               "lost page": "/documents/LOST-2026-1203-03", "home": "/"}
    with requests.Session() as session:
        def held() -> dict[str, requests.Response]:
            got = {name: session.get(site["base"] + target, timeout=60) for name, target in targets.items()}
            assert all(r.status_code == 200 and r.headers.get("etag") for r in got.values()), {n: r.status_code for n, r in got.items()}
            return got

        def revalidate(copies: dict[str, requests.Response], name: str) -> requests.Response:
            return session.get(site["base"] + targets[name], headers={"If-None-Match": copies[name].headers["etag"]}, timeout=60)

        copies = held()
        assert all(revalidate(copies, name).status_code == 304 for name in targets)
        # a new version of JM-2026-031: its title corrected by the bureau
        changed = DOCS[2].model_copy(update={"title": "集美区教育局关于2027年春季学期义务教育阶段插班生招生工作的通知（更正）"})
        engine.ingest_records([changed])
        for name in ("page", "api", "oai"):
            again = revalidate(copies, name)
            assert again.status_code == 200 and "（更正）" in again.text, name
        copies = held()
        total = copies["search"].json()["total"]
        engine.ingest_records([Record(id="LOST-2026-1206-04", kind="notice", notice_type="lost", issuer="厦门日报",
                                      publish_date="2026-12-06", source="clients9", title="遗失声明",
                                      body="厦门杏林湾物业管理有限公司遗失开户许可证，核准号J3930001234567，声明作废。",
                                      url="https://epaper.xmnn.cn/xmrb/20261206/B05.htm")])
        again = revalidate(copies, "search")
        assert again.status_code == 200 and again.json()["total"] == total + 1
        copies = held()
        assert engine.withdraw("JM-2026-031", "招生方案调整，撤回")
        assert revalidate(copies, "page").status_code == 410
        assert revalidate(copies, "api").status_code == 410
        oai_answer = revalidate(copies, "oai")
        assert oai_answer.status_code == 200 and b'status="deleted"' in oai_answer.content
        assert revalidate(copies, "home").status_code == 200  # another record's withdrawal: the home page's state moved too
        copies = held_live(session, site, targets)
        assert engine.withdraw("LOST-2026-1203-03", "当事人申请撤下", operator="clients9")
        assert revalidate(copies, "lost page").status_code == 410


def held_live(session: requests.Session, site, targets: dict[str, str]) -> dict[str, requests.Response]:
    """The answers of `targets` that are still 200 (the withdrawn ones left out)."""
    got = {name: session.get(site["base"] + target, timeout=60) for name, target in targets.items()}
    return {name: r for name, r in got.items() if r.status_code == 200}


def test_two_sites_in_one_process_never_share_a_tag(tmp_path):
    """One process serving two data directories (two apps, e.g. an intranet and a public copy): the same path on each,
    built from other data, has another tag, so a cache or a proxy carrying one's tag to the other gets the whole answer."""
    first = [Record(id=f"A-{n}", kind="disclosure", title=f"同安区关于第{n}批农村危房改造的公示", issuer=TONGAN, body="公示如下。",
                    publish_date="2026-11-0" + str(n + 1), source="clients9") for n in range(3)]
    second = [Record(id=f"B-{n}", kind="disclosure", title=f"集美区关于第{n}批老旧小区改造的公示", issuer=JIMEI_EDU, body="公示如下。",
                     publish_date="2026-11-0" + str(n + 1), source="clients9") for n in range(3)]
    with served_engine(tmp_path / "a", first) as (_, base_a), served_engine(tmp_path / "b", second) as (_, base_b):
        for path in ("/api/search?q=" + quote("公示"), "/", "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc"):
            a, b = httpx.get(base_a + path, timeout=60), httpx.get(base_b + path, timeout=60)
            assert a.status_code == b.status_code == 200 and a.content != b.content, path
            assert a.headers["etag"] != b.headers["etag"], path
            assert httpx.get(base_b + path, headers={"If-None-Match": a.headers["etag"]}, timeout=60).status_code == 200, path


# ------------------------------------------------------------------ OAI-PMH edge requests, each valid for xmlschema


@pytest.fixture(scope="module")
def oai_schema(tmp_path_factory):
    names = ("OAI-PMH.xsd", "oai_dc.xsd", "simpledc20021212.xsd", "xml.xsd", "gongkai-record.xsd")
    xml_schemas.require(*names)
    folder = tmp_path_factory.mktemp("xsd9")
    for name in names:
        (folder / name).write_bytes(xml_schemas.schema_bytes(name))

    def local(url: str) -> str:
        name = url.rstrip("/").rsplit("/", 1)[-1]
        return str(folder / name) if (folder / name).exists() else url

    imports = {OAI: "OAI-PMH.xsd", xml_schemas.OAI_DC_NS: "oai_dc.xsd", xml_schemas.GONGKAI_NS: "gongkai-record.xsd"}
    driver = folder / "driver.xsd"
    driver.write_text('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
                      + "".join(f'<xs:import namespace="{ns}" schemaLocation="{n}"/>' for ns, n in imports.items()) + "</xs:schema>")
    return xmlschema.XMLSchema11(str(driver), allow="local", uri_mapper=local)


EDGE_REQUESTS = [
    # (raw query string, the error code the specification names; None: a normal answer)
    ("verb=Identify&verb=Identify", "badVerb"),  # §3.6: the verb argument repeated
    ("verb=identify", "badVerb"),  # verbs are case sensitive
    ("verb=Identify&metadataPrefix=oai_dc", "badArgument"),  # Identify takes no argument
    ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", "badArgument"),  # an argument repeated
    ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument"),  # resumptionToken is exclusive
    ("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-11-01&until=2026-12-31T23:59:59Z", "badArgument"),  # §3.3.1 granularities
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-11-01T00:00:00", "badArgument"),  # a time without its Z
    ("verb=GetRecord&identifier=oai%3Agongkai.localhost%3ATA-2026-101", "badArgument"),  # no metadataPrefix
    ("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai%3Agongkai.localhost%3ATA-2099-999", "idDoesNotExist"),
    ("verb=GetRecord&metadataPrefix=mods&identifier=oai%3Agongkai.localhost%3ATA-2026-101", "cannotDisseminateFormat"),
    ("verb=ListMetadataFormats&identifier=oai%3Agongkai.localhost%3ANOPE", "idDoesNotExist"),
    ("verb=ListSets&resumptionToken=%E5%90%8C%E5%AE%89", "badResumptionToken"),
    ("verb=ListRecords&metadataPrefix=oai_dc&until=1990-01-01", "noRecordsMatch"),
    ("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-01-01&until=2099-12-31", None),
    ("verb=ListRecords&metadataPrefix=gongkai&set=kind%3Adisclosure", None),
    ("verb=ListMetadataFormats", None),
]


@pytest.mark.parametrize(("query", "code"), EDGE_REQUESTS)
def test_oai_edge_requests_answer_the_specified_code_and_validate(site, oai_schema, query, code):
    response = site["client"].get("/oai?" + query)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/xml"), (query, response.status_code)
    root = etree.fromstring(response.content)
    errors = [e.get("code") for e in root.findall(f"{{{OAI}}}error")]
    assert errors == ([code] if code else []), (query, errors, response.text[:300])
    found = [f"{e.path}: {e.reason}" for e in oai_schema.iter_errors(root)][:5]
    assert not found, (query, found)
    if code in ("badVerb", "badArgument"):  # §3.2: the request element then carries no attribute
        assert root.find(f"{{{OAI}}}request").attrib == {}, query
    # an edge answer is tagged like any other, and answers 304 to its tag
    again = site["client"].get("/oai?" + query, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304, query


# ------------------------------------------------------------------ round 2 (written before it ran): OpenAPI and RFC 9110's corners


def test_openapi_core_accepts_the_304_and_412_of_the_api_and_oai(site):
    """openapi-core (the document's own validator) reads the 200, the 304 and the 412 of each tagged API route and of
    OAI-PMH's GET against /openapi.json: a client generated from the document (or checking answers with it) must find
    each status and the ETag it gets declared."""
    from openapi_core import Config, OpenAPI
    from openapi_core.deserializing.media_types.util import plain_loads

    from tests.test_strict_openapi import _Request, _Response

    client = site["client"]
    document = client.get("/openapi.json").json()
    openapi = OpenAPI.from_dict(document, config=Config(extra_media_type_deserializers={"text/xml": plain_loads}))
    targets = [("/api/search", {"q": "同安区"}), ("/api/documents/JM-2026-032", {}), ("/api/lookup", {"doc_number": "同政办〔2026〕41号"}),
               ("/api/suggest", {"q": "集美"}), ("/api/notices/outages", {"area": WATER_AREA}), ("/oai", {"verb": "ListSets"}),
               ("/api/documents/TA-2026-101/diff", {})]
    problems_found = []
    for path, params in targets:
        first = client.get(path, params=params)
        assert first.status_code == 200 and first.headers.get("etag"), (path, first.status_code)
        not_modified = client.get(path, params=params, headers={"If-None-Match": first.headers["etag"]})
        refused = client.get(path, params=params, headers={"If-Match": '"not-this-one"'})
        assert (not_modified.status_code, refused.status_code) == (304, 412), path
        for response in (first, not_modified, refused):
            try:
                openapi.validate_response(_Request(response.request), _Response(response))
            except Exception as exc:  # noqa: BLE001 - every route's failures reported together
                problems_found.append(f"{path} {response.status_code}: {exc!r}"[:300])
    assert problems_found == []


def test_rfc_9110_corners_of_the_tagged_answers(site):
    """The corners a strict cache or download tool reaches: a Range on a page gets the whole 200 (no Accept-Ranges is
    promised there), an If-Range with the page's tag too; If-Modified-Since alone is ignored (no Last-Modified: 200);
    If-None-Match takes precedence over If-Modified-Since (§13.2.2); a long list holding our tag, or our tag with extra
    blanks, is a 304; a malformed tag is no match; If-Match * on a record that does not exist leaves its 404 (§13.2.1);
    HEAD with a failing If-Match is a 412 with no body; a query percent-encoded in GBK (older Chinese sites' links)
    and the same in UTF-8 each answer 304 to their own tag."""
    client = site["client"]
    page = "/search?q=" + quote("森林防火")
    whole = client.get(page)
    tag = whole.headers["etag"]
    ranged = client.get(page, headers={"Range": "bytes=0-99"})
    assert ranged.status_code == 200 and "content-range" not in ranged.headers and len(ranged.content) > 100
    assert client.get(page, headers={"Range": "bytes=0-99", "If-Range": tag}).status_code == 200
    assert client.get(page, headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}).status_code == 200
    assert client.get(page, headers={"If-None-Match": '"other"', "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}).status_code == 200
    many = ", ".join([f'W/"{n:032x}"' for n in range(120)] + [tag])
    assert client.get(page, headers={"If-None-Match": many}).status_code == 304
    # blanks inside the list (a leading or trailing blank is no legal field value: httpx refuses to send it; mine, wrong)
    assert client.get(page, headers={"If-None-Match": f'"x",{tag} ,  "y"'}).status_code == 304
    for malformed in ("W/", '""', "W/\"\"", tag.removeprefix("W/").strip('"')):
        assert client.get(page, headers={"If-None-Match": malformed}).status_code == 200, malformed
    assert client.get("/documents/TA-2099-404", headers={"If-Match": "*"}).status_code == 404
    assert client.get("/api/documents/TA-2099-404", headers={"If-None-Match": "*"}).status_code == 404
    head = client.head("/api/documents/JM-2026-032", headers={"If-Match": '"x"'})
    assert head.status_code == 412 and head.content == b""
    utf8 = client.get("/api/search?q=%E5%81%9C%E6%B0%B4")  # 停水
    gbk = client.get("/api/search?q=%CD%A3%CB%AE")  # 停水 in GBK
    assert utf8.status_code == gbk.status_code == 200 and utf8.json()["total"] == gbk.json()["total"] >= 1
    for response in (utf8, gbk):
        again = client.get(str(response.request.url.raw_path, "ascii"), headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304, response.request.url


# ------------------------------------------------------------------ round 4 (written before it ran): a crawler's recrawl


def test_a_crawler_recrawls_the_sitemap_with_protego_and_the_tags(site):
    """A search engine's recrawl: ultimate-sitemap-parser (usp) walks robots.txt to every sitemap; Protego (Scrapy's
    robots.txt rules, as Baiduspider and Googlebot read them) allows every URL the sitemaps list (a sitemap listing a
    disallowed URL is a crawler's error report); every listed URL is a live record page (withdrawn ones gone), answers 200
    with a tag, and the recrawl sending that tag back gets 304s, until a record changes: then that page alone is a 200."""
    from protego import Protego
    from usp.tree import sitemap_tree_for_homepage

    engine, client, base = site["engine"], site["client"], site["base"]
    robots = Protego.parse(client.get("/robots.txt").text)
    tree = sitemap_tree_for_homepage(base + "/", use_known_paths=False)
    listed = [page.url for page in tree.all_pages()]
    assert listed and len(listed) == len(set(listed))
    live = {r.id for r in [*DOCS, *LOST, *site["water"]]} - {"TA-2026-102", "LOST-2026-1202-02", "JM-2026-031", "LOST-2026-1203-03"}
    assert {url.rsplit("/", 1)[-1] for url in listed} >= live - {"JM-2026-031"}
    for url in listed:
        assert url.startswith(base + "/documents/"), url
        for agent in ("Baiduspider", "Googlebot", "Sogou web spider", "*"):
            assert robots.can_fetch(url, agent), (agent, url)
    tags = {}
    for url in listed:
        response = client.get(url)
        assert response.status_code == 200 and response.headers["etag"].startswith('W/"'), url
        tags[url] = response.headers["etag"]
    assert all(client.get(url, headers={"If-None-Match": tag}).status_code == 304 for url, tag in tags.items())
    for agent in ("Baiduspider", "Googlebot"):
        assert not robots.can_fetch(base + "/api/search?q=x", agent) and not robots.can_fetch(base + "/admin", agent)
    target = next(url for url in listed if url.endswith("/JM-2026-032"))
    engine.ingest_records([DOCS[3].model_copy(update={"body": DOCS[3].body + "（2026年12月7日更新：校址为杏林湾路1号。）"})])
    again = client.get(target, headers={"If-None-Match": tags[target]})
    assert again.status_code == 200 and "杏林湾路1号" in again.text
