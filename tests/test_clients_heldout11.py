"""Held-out round 2 of session 20 (clients10), written with its expectations BEFORE the app was run on it: pyoai (the
`oaipmh` package, the harvester library many repositories' tools are built on) harvesting as a scheduled harvester does
(a first run from the epoch, then incremental runs `from` a datetime it formats by the granularity Identify declares,
sets, a withdrawn record), OAI-PMH date arguments at the edges of their syntax (§3.3.1, §3.3.2, the XSD's
UTCdatetimeType), and HTTP caches' requests on the tagged answers (RFC 9110 §13.1.2 lists, HEAD, request directives,
codings we do not have).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

import httpx
import pytest
from lxml import etree
from oaipmh.client import Client
from oaipmh.metadata import MetadataRegistry, oai_dc_reader

from gongkai.record import Record
from tests import xml_schemas
from tests.support import served_engine

OAI = xml_schemas.OAI_NS
NS = {"o": OAI}
JIMEI = "厦门市集美区人民政府"
DOCS = [
    Record(id=f"JM-2026-{n:03d}", kind="disclosure", issuer=JIMEI, publish_date=f"2026-11-{n + 10:02d}", source="clients10",
           title=title, body=body, doc_number=f"厦集政〔2026〕{n + 20}号")
    for n, (title, body) in enumerate([
        ("集美区人民政府关于调整杏林湾片区交通管制措施的通告", "为保障杏林湾路改造施工安全，自2026年12月1日起对杏林湾路部分路段实施交通管制。"),
        ("集美区人民政府关于公布第三批区级非物质文化遗产代表性项目名录的通知", "经专家评审和公示，区政府同意公布第三批区级非物质文化遗产代表性项目名录。"),
        ("集美区人民政府关于印发集美区冬春季森林防火工作方案的通知", "各镇、街道：现将《集美区冬春季森林防火工作方案》印发给你们，请认真贯彻执行。"),
        ("集美区人民政府关于灌口镇农村宅基地审批有关事项的批复", "灌口镇人民政府：你镇《关于农村宅基地审批有关事项的请示》收悉。经研究，批复如下。"),
        ("集美区人民政府关于2026年度区级政府投资项目计划调整的通知", "区直各单位：经区政府研究，对2026年度区级政府投资项目计划作如下调整。"),
    ])
]
WITHDRAWN = DOCS[3].id


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("clients10b") / "data", DOCS, feeds={"oai_page_size": 2}) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        registry = MetadataRegistry()
        registry.registerReader("oai_dc", oai_dc_reader)
        with httpx.Client(base_url=base, timeout=60) as client:
            yield {"engine": engine, "base": base, "client": client, "pyoai": Client(base + "/oai", registry),
                   "oai_id": lambda rid: f"oai:{engine.settings.feeds.oai_repository_identifier}:{rid}"}


def _answer(client: httpx.Client, query: str) -> etree._Element:
    got = client.get("/oai?" + query)
    assert got.status_code == 200, (query, got.status_code)
    assert xml_schemas.errors(xml_schemas.oai_pmh(), got.content) == [], (query, got.text[:800])
    return etree.fromstring(got.content)


def _code(root: etree._Element) -> str | None:
    error = root.find("o:error", NS)
    return None if error is None else error.get("code")


def _ids(client: httpx.Client, query: str) -> list[str]:
    found, root = [], _answer(client, "verb=ListIdentifiers&" + query)
    if _code(root) == "noRecordsMatch":
        return []
    while True:
        assert _code(root) is None, etree.tostring(root)[:400]
        found += [h.findtext("o:identifier", namespaces=NS) for h in root.findall("o:ListIdentifiers/o:header", NS)]
        token = root.findtext("o:ListIdentifiers/o:resumptionToken", namespaces=NS)
        if not token:
            return found
        root = _answer(client, "verb=ListIdentifiers&resumptionToken=" + quote(token, safe=""))


# ------------------------------------------------------------------ pyoai as a scheduled harvester


def test_pyoai_first_run_from_the_epoch_then_incremental(site):
    """A harvester's first run asks `from` 1970-01-01 (pyoai formats the datetime by Identify's granularity): every
    record; its next run `from` the newest datestamp it saw gets that record again (inclusive, §3.3.1) and the one
    changed since, nothing older."""
    pyoai, engine = site["pyoai"], site["engine"]
    identify = pyoai.identify()
    assert identify.granularity() == "YYYY-MM-DDThh:mm:ssZ" and identify.deletedRecord() in ("persistent", "transient")
    first = {h.identifier(): h.datestamp() for h, _, _ in pyoai.listRecords(metadataPrefix="oai_dc", from_=datetime(1970, 1, 1))}
    assert sorted(first) == sorted(site["oai_id"](r.id) for r in DOCS)
    assert all(identify.earliestDatestamp() <= stamp for stamp in first.values())
    newest = max(first.values())
    engine.ingest_records([DOCS[1].model_copy(update={"body": DOCS[1].body + "（附件名录已更新）"})])
    again = {h.identifier(): h.datestamp() for h, _, _ in pyoai.listRecords(metadataPrefix="oai_dc", from_=newest)}
    assert site["oai_id"](DOCS[1].id) in again
    assert all(stamp >= newest for stamp in again.values())


def test_pyoai_sees_the_withdrawal_in_the_set_and_by_get_record(site):
    """§2.5.1 (deletedRecord persistent): a withdrawn record stays a deleted header in ListIdentifiers of its set and in
    GetRecord, which then has no metadata; ListSets followed to its last page holds the set."""
    pyoai, engine = site["pyoai"], site["engine"]
    sets = {spec: name for spec, name, _ in pyoai.listSets()}
    spec = next(spec for spec, name in sets.items() if name and JIMEI in name)
    assert engine.withdraw(WITHDRAWN, "撤回：批复已由新文件替代 / replaced by a later reply")
    headers = {h.identifier(): h for h in pyoai.listIdentifiers(metadataPrefix="oai_dc", set=spec)}
    assert headers[site["oai_id"](WITHDRAWN)].isDeleted()
    assert sum(not h.isDeleted() for h in headers.values()) == len(DOCS) - 1
    header, metadata, _ = pyoai.getRecord(metadataPrefix="oai_dc", identifier=site["oai_id"](WITHDRAWN))
    assert header.isDeleted() and metadata is None
    # its formats are still listed for it: a deleted record is not an unknown identifier (§4.4 idDoesNotExist is for those)
    assert [prefix for prefix, _, _ in pyoai.listMetadataFormats(identifier=site["oai_id"](WITHDRAWN))]


# ------------------------------------------------------------------ date arguments at the edges of their syntax


@pytest.mark.parametrize("query", [
    "metadataPrefix=oai_dc&from=0001-01-01",  # UTCdatetimeType is xs:date | xs:dateTime: year 1 is legal
    "metadataPrefix=oai_dc&from=1900-01-01T00:00:00Z",
    "metadataPrefix=oai_dc&until=9999-12-31",
    "metadataPrefix=oai_dc&from=1970-01-01&until=2999-12-31",
])
def test_a_legal_date_far_from_the_records_selects_them_all(site, query):
    """§3.3.1: from/until are UTCdatetime values; a legal one before every record or after every record bounds nothing
    (badArgument is for illegal syntax, §3.6)."""
    assert len(_ids(site["client"], query)) == len(DOCS)


@pytest.mark.parametrize("query", [
    "metadataPrefix=oai_dc&from=2026-12-07T10:00:00.000Z",  # finer than the repository's seconds (§3.3.2)
    "metadataPrefix=oai_dc&from=2026-12-07T10:00Z",  # minutes: no granularity of OAI-PMH
    "metadataPrefix=oai_dc&from=2026-12-07T10:00:00%2B08:00",  # an offset: UTC only, with Z (§3.3.1)
    "metadataPrefix=oai_dc&from=20261207",
    "metadataPrefix=oai_dc&until=2026-02-30",  # not a day
    "metadataPrefix=oai_dc&from=2026-12-07&until=2026-12-07T23:59:59Z",  # two granularities (§3.3.1)
])
def test_an_illegal_date_is_a_bad_argument(site, query):
    assert _code(_answer(site["client"], "verb=ListIdentifiers&" + query)) == "badArgument"


def test_a_very_long_token_is_a_bad_resumption_token(site):
    """§3.5 / §3.6: a token the repository did not issue (10,000 characters, as a broken harvester's state file) is
    badResumptionToken, in a valid answer."""
    assert _code(_answer(site["client"], "verb=ListRecords&resumptionToken=" + "QUJD" * 2500)) == "badResumptionToken"


# ------------------------------------------------------------------ caches' requests on the tagged answers


def test_if_none_match_lists_as_caches_send_them(site):
    """RFC 9110 §13.1.2: If-None-Match is a list (OWS around commas, several tags, the weak and strong forms); HEAD with
    it is a 304 too; a request's own `Cache-Control: max-age=0` (a browser's reload) changes nothing."""
    client = site["client"]
    for path in ("/oai?verb=ListRecords&metadataPrefix=oai_dc", "/api/search?q=" + quote("集美区 通知"), "/feeds/issuer/" + quote(JIMEI) + ".atom"):
        tag = client.get(path).headers["etag"]
        for held in (f'W/"0000" ,  {tag}', f'{tag},W/"0000"', f'"abc", {tag.removeprefix("W/")}'):
            assert client.get(path, headers={"If-None-Match": held}).status_code == 304, (path, held)
        assert client.head(path, headers={"If-None-Match": tag}).status_code == 304, path
        assert client.get(path, headers={"If-None-Match": tag, "Cache-Control": "max-age=0"}).status_code == 304, path
        assert client.get(path, headers={"If-None-Match": tag, "Pragma": "no-cache", "Cache-Control": "no-cache"}).status_code == 304, path


@pytest.mark.parametrize("coding", ["br", "zstd", "deflate", "compress", "br;q=1.0, zstd;q=0.9"])
def test_a_coding_we_do_not_have_gets_the_identity_bytes(site, coding):
    """RFC 9110 §12.5.3: with no acceptable coding available (identity not refused), the representation goes uncoded."""
    client = site["client"]
    for path in ("/oai?verb=ListRecords&metadataPrefix=oai_dc", "/feeds/issuer/" + quote(JIMEI) + ".atom", "/sitemap.xml"):
        got = client.get(path, headers={"Accept-Encoding": coding})
        assert got.status_code == 200 and "content-encoding" not in got.headers, (path, coding)
        assert got.content.lstrip().startswith(b"<?xml"), (path, coding)
