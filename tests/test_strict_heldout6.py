"""Held-out material of session 16 (clients6), written with its expectations before the run: 湖里区 documents of two
issuers, a 厦门日报 notice naming no issuer and a withdrawn document, read by harvesters nobody here wrote.

- OAI-PMH set hierarchy (§2.6, §3.3.2): `kind:notice:lost` and `issuer:<hash>` imply the parents `kind` and `issuer`;
  `set=kind` was noRecordsMatch and ListSets named neither. Now both are listed and harvestable (sickle, oaipmh-scythe),
  each the union of its subsets, and every page validates against OAI-PMH.xsd.
- A resumptionToken is read only in the bytes it was written in: the same state in base64's other alphabet, padded,
  with a blank, or as JSON with another key was paged from (a token never issued here); now badResumptionToken.
- A request uvicorn's parser refuses (curl sends a URL's Chinese raw; a header holding a control character) was answered
  `Invalid HTTP request received.` in plain English text; now the API's JSON error, Chinese first, saying how to send it.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
from datetime import datetime
from urllib.parse import urlsplit

import httpx
import pytest
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from sickle import Sickle

from gongkai.record import Record
from tests import xml_schemas
from tests.support import served_engine

OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {"o": OAI}
HULI, EDUCATION = "厦门市湖里区人民政府办公室", "厦门市湖里区教育局"
DOCUMENTS = [Record(id=f"HL-2026-{n:02d}", kind="disclosure", title=f"湖里区关于开展第{n}期老旧小区改造入户调查的通知",
                    issuer=HULI if n % 3 else EDUCATION, body="湖里区老旧小区改造 殿前街道 禾山街道",
                    publish_date=f"2026-10-{n + 1:02d}", doc_number=f"厦湖政办〔2026〕{n}号", source="clients6") for n in range(9)]
NO_ISSUER = Record(id="XMRB-20261012-lost", kind="notice", notice_type="lost", title="遗失声明 厦门市湖里区某某商行营业执照正本",
                   body="声明作废", publish_date="2026-10-12", source="paper:xmrb")
WITHDRAWN = Record(id="HL-2026-gone", kind="disclosure", title="湖里区关于暂停受理临时救助申请的通知", issuer=HULI,
                   body="暂停受理", publish_date="2026-10-05", source="clients6")


@pytest.fixture(scope="module")
def oai(tmp_path_factory):
    data = tmp_path_factory.mktemp("heldout6") / "data"
    with served_engine(data, [*DOCUMENTS, NO_ISSUER, WITHDRAWN], feeds={"oai_page_size": 3}) as (engine, base):
        engine.withdraw(WITHDRAWN.id, "撤回")
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        yield base + "/oai"


def page(url: str, **params: str) -> etree._Element:
    """One answer, checked against the official OAI-PMH.xsd."""
    answer = httpx.get(url, params=params, timeout=20)
    assert answer.status_code == 200
    xml_schemas.require(*xml_schemas.OAI_PMH_SCHEMAS)
    assert xml_schemas.errors(xml_schemas.oai_pmh(), answer.content) == [], (params, answer.text[:1500])
    return etree.fromstring(answer.content)


def headers(url: str, **params: str) -> list[etree._Element]:
    """Every header of a ListIdentifiers harvest, following its tokens, each page schema-checked."""
    found, root = [], page(url, verb="ListIdentifiers", **params)
    while True:
        found += root.findall("o:ListIdentifiers/o:header", NS)
        token = root.findtext("o:ListIdentifiers/o:resumptionToken", namespaces=NS)
        if not token:
            return found
        root = page(url, verb="ListIdentifiers", resumptionToken=token)


def test_the_parent_sets_are_listed_and_hold_their_subsets(oai):
    """sickle and oaipmh-scythe list `kind` and `issuer` among the sets; harvesting `kind` gives every record (each
    header naming a set below it), `issuer` every record of an issuer's set (the notice naming none left out, the
    withdrawn one kept as deleted), in the order and with the datestamps of the whole list."""
    listed = {s.setSpec: s.setName for s in Sickle(oai, max_retries=0, timeout=20).ListSets()}
    with Scythe(oai, http_config=HTTPConfig(timeout=20)) as scythe:
        assert {s.setSpec for s in scythe.list_sets()} == set(listed)
        by_kind = [h.identifier for h in scythe.list_identifiers(metadata_prefix="oai_dc", set_="kind")]
    assert "kind" in listed and "issuer" in listed and len(listed) == len(set(listed))
    every = [(h.findtext("o:identifier", namespaces=NS), h.findtext("o:datestamp", namespaces=NS)) for h in headers(oai, metadataPrefix="oai_dc")]
    assert len(every) == 11 and by_kind == [identifier for identifier, _ in every]
    for header in headers(oai, metadataPrefix="gongkai", set="kind"):
        assert any(spec.text.startswith("kind:") for spec in header.findall("o:setSpec", NS))
    of_issuers = headers(oai, metadataPrefix="oai_dc", set="issuer")
    assert [(h.findtext("o:identifier", namespaces=NS), h.findtext("o:datestamp", namespaces=NS)) for h in of_issuers] == [
        pair for pair in every if not pair[0].endswith(NO_ISSUER.id)]
    assert [h.findtext("o:identifier", namespaces=NS) for h in of_issuers if h.get("status") == "deleted"] == [f"oai:gongkai.localhost:{WITHDRAWN.id}"]
    union = [h for spec in listed if spec.startswith("issuer:") for h in headers(oai, metadataPrefix="oai_dc", set=spec)]
    assert sorted(h.findtext("o:identifier", namespaces=NS) for h in union) == sorted(h.findtext("o:identifier", namespaces=NS) for h in of_issuers)


def test_a_parent_set_pages_its_records_with_sickle(oai):
    """ListRecords of a parent set, three a page, to its last token: every record once, the deleted one a header."""
    harvested = list(Sickle(oai, max_retries=0, timeout=20).ListRecords(metadataPrefix="oai_dc", set="issuer", ignore_deleted=False))
    ids = [record.header.identifier for record in harvested]
    assert len(ids) == len(set(ids)) == 10
    assert [record.header.identifier for record in harvested if record.deleted] == [f"oai:gongkai.localhost:{WITHDRAWN.id}"]


def test_a_token_is_read_only_as_it_was_written(oai):
    """The state of a real token written otherwise (base64's `+/` alphabet, `=` padding, a blank, JSON with a key we
    never write or keys reordered) is badResumptionToken, schema-valid; the token as issued still pages."""
    first = page(oai, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.findtext("o:ListRecords/o:resumptionToken", namespaces=NS)
    state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    compact = json.dumps(state, separators=(",", ":")).encode()
    forged = {
        "standard alphabet": base64.b64encode(json.dumps(state).encode()).decode(),
        "padded": token + "=" * (-len(token) % 4 or 4),
        "blank": token + " ",
        "another key": base64.urlsafe_b64encode(json.dumps({**state, "x": 1}, separators=(",", ":")).encode()).decode().rstrip("="),
        "reordered": base64.urlsafe_b64encode(json.dumps(dict(reversed(state.items())), separators=(",", ":")).encode()).decode().rstrip("="),
    }
    assert base64.urlsafe_b64encode(compact).decode().rstrip("=") == token  # the forgeries hold the same state
    for name, value in forged.items():
        root = page(oai, verb="ListRecords", resumptionToken=value)
        assert root.find("o:error", NS).get("code") == "badResumptionToken", name
    again = page(oai, verb="ListRecords", resumptionToken=token)
    assert len(again.findall("o:ListRecords/o:record", NS)) == 3


def test_a_request_the_parser_refuses_is_answered_in_json_chinese_first(oai):
    """curl does not percent-encode a URL's Chinese (`curl "…/oai?verb=GetRecord&identifier=…停电"`): the HTTP parser
    refuses the request line before the app sees it. The answer is JSON like every API error, says in Chinese how to
    send it, and closes the connection; a header holding a control character (a raw socket: httpx refuses to send one)
    gets the same. The percent-encoded request is answered as usual."""
    base = oai.removesuffix("/oai")
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    done = subprocess.run(["curl", "-s", "-i", f"{base}/api/search?q=停电&issuer={HULI}"], capture_output=True, timeout=30)
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and b"content-type: application/json; charset=utf-8" in head.lower()
    answer = json.loads(body)
    assert answer["error"] == "bad_request" and answer["message"].startswith("无法解析的 HTTP 请求") and "百分号编码" in answer["message"]
    host, port = urlsplit(base).hostname, urlsplit(base).port
    with socket.create_connection((host, port), timeout=10) as raw:
        raw.sendall(b"GET /feeds/notices/lost.atom HTTP/1.1\r\nHost: x\r\nX-Note: a\x01b\r\n\r\n")
        reply = b""
        while chunk := raw.recv(65536):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 400") and json.loads(reply.partition(b"\r\n\r\n")[2])["error"] == "bad_request"
    assert httpx.get(f"{base}/api/search", params={"q": "老旧小区改造"}, timeout=20).json()["total"] == len(DOCUMENTS)


SIMING_2045 = """思明区停电公告
因线路改造，国网厦门供电公司将对下列区域停电。
停电时间：2045年3月10日8:00-18:00
停电范围：思明区莲前西路、莲坂路口
国网厦门供电公司
2045年3月6日"""


def test_a_street_calendar_writes_shanghai_as_one_observance(tmp_path):
    """The VTIMEZONE held Asia/Shanghai's summer times of 1986-1991 and said it "only works from 1970-01-01 to 2038-01-01"
    (icalendar's default span): a notice of 2045 leaned on the app's own zone data. Now it is one +0800 observance from
    1992 (the zone's last change) on; icalendar, recurring-ical-events and ics-py read the 2045 window at 08:00 Beijing."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import icalendar
    import ics
    import recurring_ical_events

    from gongkai.parsers import Capture, parse_notices

    notices = parse_notices(Capture(data=SIMING_2045.encode(), url="https://epaper.xmnn.cn/xmrb/20450306/A08.htm", source="paper:xmrb"))
    with served_engine(tmp_path / "data", notices) as (_, base):
        body = httpx.get(f"{base}/feeds/outages.ics", params={"area": "莲前西路"}, timeout=20).content
        empty = httpx.get(f"{base}/feeds/outages.ics", params={"area": "嘉禾路"}, timeout=20).content
    for calendar in (icalendar.Calendar.from_ical(body), icalendar.Calendar.from_ical(empty)):
        [zone] = calendar.walk("VTIMEZONE")
        assert zone["TZID"] == "Asia/Shanghai" and "2038" not in str(zone.get("COMMENT", ""))
        assert [(part.name, part["TZOFFSETTO"].to_ical()) for part in zone.subcomponents] == [("STANDARD", "+0800")]
    shanghai = ZoneInfo("Asia/Shanghai")
    [event] = recurring_ical_events.of(icalendar.Calendar.from_ical(body)).between(datetime(2045, 3, 10, tzinfo=shanghai), datetime(2045, 3, 11, tzinfo=shanghai))
    assert event["DTSTART"].dt == datetime(2045, 3, 10, 8, 0, tzinfo=shanghai)
    [read] = ics.Calendar(body.decode()).events
    assert read.begin.datetime.utcoffset().total_seconds() == 8 * 3600 and read.begin.datetime.hour == 8


def test_an_issuers_feed_says_a_withdrawn_record_is_gone(oai):
    """An issuer's feed left a withdrawn record out, so a reader that held its entry kept showing a document its agency
    had withdrawn. Now, across the feed's pages (RFC 5005, followed by feedparser), the record is one RFC 6721 tombstone
    naming the id its entry had, at its withdrawal, with nothing else of it (no title); every live record is one entry."""
    import feedparser

    base = oai.removesuffix("/oai")
    url, bodies = f"{base}/feeds/issuer/{HULI}.atom", []
    while url:
        bodies.append(httpx.get(url, timeout=20).content)
        feed = feedparser.parse(bodies[-1])
        assert not feed.bozo
        url = next((link.href for link in feed.feed.links if link.rel == "next"), None)
    entries = [entry.id for body in bodies for entry in feedparser.parse(body).entries]
    assert sorted(entries) == sorted(f"tag:gongkai.localhost,2024:record/{r.id}" for r in DOCUMENTS if r.issuer == HULI)
    tombstones = [t for body in bodies for t in etree.fromstring(body).iter("{http://purl.org/atompub/tombstones/1.0}deleted-entry")]
    assert [(t.get("ref"), len(t)) for t in tombstones] == [(f"tag:gongkai.localhost,2024:record/{WITHDRAWN.id}", 0)]
    assert datetime.fromisoformat(tombstones[0].get("when").replace("Z", "+00:00")).tzinfo is not None
    assert not any(WITHDRAWN.title.encode() in body for body in bodies)
