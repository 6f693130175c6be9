"""OAI-PMH checked by parts nobody here wrote: every verb and error answer of a served repository validated
against the official OAI-PMH.xsd, oai-identifier.xsd, oai_dc.xsd and the gongkai XSD (tests/xml_schemas.py
takes them from the registry packages ./dev test installs; a check whose schema is not there skips, naming it),
and full harvests by two independent harvesters (sickle, oaipmh-scythe) in both metadata formats."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from sickle import Sickle

from gongkai.engine import Engine
from gongkai.feeds.oai import issuer_set_spec
from gongkai.record import Record
from gongkai.web.routes_feeds import router
from tests import xml_schemas
from tests.test_oai import served_repository

NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "id": "http://www.openarchives.org/OAI/2.0/oai-identifier"}
PREFIX = "oai:gongkai.localhost:"
ODD_ID = "push:xm-1.a_b"  # ids may hold ":" (A-Z a-z 0-9 . _ : -): still one valid identifier


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, tzinfo=UTC)


def _two_days(engine: Engine, records: list[Record]) -> None:
    engine.store.upsert_batch(records[:20], now=at(1, 9))
    engine.store.upsert_batch(records[20:], now=at(2, 9))


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    notices = [
        Record(kind="notice", notice_type="outage", title="思明区部分区域停电检修通知", issuer="国网厦门供电公司", body="3月12日 8:00-17:00 停电"),
        Record(kind="notice", notice_type="lost", title="遗失声明 营业执照副本", issuer="厦门日报", body="声明作废"),
        Record(id=ODD_ID, kind="notice", title="一条编号奇特的公告", body="正文"),  # no issuer, no summary, no date
    ]
    with served_repository(tmp_path_factory.mktemp("strict_oai") / "data", _two_days, notices) as repository:
        yield repository


def fetch(repository, params, *, method: str = "GET", validate: bool = True) -> etree._Element:
    """One response, after checking it against the official schemas (the assertion names every error)."""
    if method == "GET":
        response = httpx.get(repository["url"], params=params, timeout=10)
    else:
        response = httpx.post(repository["url"], data=params, timeout=10)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/xml")
    if validate:
        assert_valid(response.content, params)
    return etree.fromstring(response.content)


def assert_valid(body: bytes, params=None) -> None:
    """Valid against the official schemas; skips naming any schema that is not installed. An Identify answer's
    description is validated strictly, so it needs oai-identifier.xsd too."""
    xml_schemas.require(*xml_schemas.OAI_PMH_SCHEMAS)
    if etree.fromstring(body).find("oai:Identify", NS) is not None:
        xml_schemas.require("oai-identifier.xsd")
    assert xml_schemas.errors(xml_schemas.oai_pmh(), body) == [], (params, body[:2000].decode("utf-8", "replace"))


def all_pages(repository, params) -> list[etree._Element]:
    pages = [fetch(repository, params)]
    token = pages[-1].find(".//oai:resumptionToken", NS)
    while token is not None and token.text:
        pages.append(fetch(repository, [("verb", params["verb"]), ("resumptionToken", token.text)]))
        token = pages[-1].find(".//oai:resumptionToken", NS)
    return pages


def test_identify_validates_with_a_domain_style_repository_identifier(repository):
    root = fetch(repository, {"verb": "Identify"}, validate=False)
    assert root.findtext("oai:Identify/oai:baseURL", namespaces=NS) == repository["url"]
    assert root.findtext(".//id:repositoryIdentifier", namespaces=NS) == "gongkai.localhost"
    assert root.findtext(".//id:sampleIdentifier", namespaces=NS).startswith(PREFIX)
    assert root.find("oai:request", NS).attrib == {"verb": "Identify"}
    assert_valid(etree.tostring(root))  # last: it skips where oai-identifier.xsd is not installed


#: The OAI identifier grammar of the specification (openarchives.org, "Specification and XML Schema for the OAI
#: Identifier Format", section 2.1), which oai-identifier.xsd encodes as its two patterns.
REPOSITORY_IDENTIFIER = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
SAMPLE_IDENTIFIER = re.compile(r"oai:[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+:[a-zA-Z0-9\-_\.!~\*'\(\);/\?:@&=\+$,%]+")


def test_identify_without_oai_identifier_xsd_as_far_as_the_official_files_go(repository):
    """Where oai-identifier.xsd is not to be had (no registry ships it: tests/xml_schemas.py), Identify is still
    checked: the response with its oai-identifier description taken out validates against OAI-PMH.xsd, and the
    description follows the specification's grammar, element by element and in its order."""
    xml_schemas.require(*xml_schemas.OAI_PMH_SCHEMAS)
    root = fetch(repository, {"verb": "Identify"}, validate=False)
    [description] = root.findall("oai:Identify/oai:description", NS)
    [identifier] = list(description)
    assert identifier.tag == f"{{{NS['id']}}}oai-identifier"
    assert [child.tag.split("}")[1] for child in identifier] == ["scheme", "repositoryIdentifier", "delimiter", "sampleIdentifier"]
    values = {child.tag.split("}")[1]: child.text or "" for child in identifier}
    assert values["scheme"] == "oai" and values["delimiter"] == ":"
    assert REPOSITORY_IDENTIFIER.fullmatch(values["repositoryIdentifier"]), values
    assert SAMPLE_IDENTIFIER.fullmatch(values["sampleIdentifier"]), values
    assert values["sampleIdentifier"].startswith(f"oai:{values['repositoryIdentifier']}:")
    # every record identifier the repository gives follows the same grammar
    listed = fetch(repository, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    identifiers = [e.text for e in listed.iterfind(".//oai:header/oai:identifier", NS)]
    assert identifiers and all(SAMPLE_IDENTIFIER.fullmatch(i or "") for i in identifiers)
    description.getparent().remove(description)
    assert xml_schemas.errors(xml_schemas.oai_pmh(), etree.tostring(root)) == []


def test_the_grammar_refuses_what_the_issue_found():
    assert not REPOSITORY_IDENTIFIER.fullmatch("gongkai") and not SAMPLE_IDENTIFIER.fullmatch("oai:gongkai:1")
    assert REPOSITORY_IDENTIFIER.fullmatch("lib.xm.gov.cn") and SAMPLE_IDENTIFIER.fullmatch("oai:lib.xm.gov.cn:5a1b")


@pytest.mark.parametrize("prefix", ["oai_dc", "gongkai"])
@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_every_page_of_every_list_validates(repository, verb, prefix):
    pages = all_pages(repository, {"verb": verb, "metadataPrefix": prefix})
    headers = [h for page in pages for h in page.iter(f"{{{NS['oai']}}}header")]
    assert len(pages) == 7 and len(headers) == 43
    deleted = [h.findtext("oai:identifier", namespaces=NS) for h in headers if h.get("status") == "deleted"]
    assert deleted == [PREFIX + repository["withdrawn"].id]


def test_selective_lists_sets_and_formats_validate(repository):
    fetch(repository, {"verb": "ListMetadataFormats"})
    fetch(repository, {"verb": "ListMetadataFormats", "identifier": PREFIX + repository["records"][0].id})
    specs = [s.text for page in all_pages(repository, {"verb": "ListSets"}) for s in page.iter(f"{{{NS['oai']}}}setSpec")]
    assert "kind:notice:outage" in specs
    for params in (
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "kind:notice"},
        {"verb": "ListIdentifiers", "metadataPrefix": "gongkai", "from": "2024-03-02", "until": "2024-03-10"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2024-03-10T12:00:00Z", "until": "2024-03-11T08:00:00Z"},
    ):
        assert fetch(repository, params).find("oai:error", NS) is None, params
    posted = fetch(repository, {"verb": "ListRecords", "metadataPrefix": "gongkai", "set": "kind:notice"}, method="POST")
    assert len(posted.findall(".//oai:record", NS)) == 3


@pytest.mark.parametrize("prefix", ["oai_dc", "gongkai"])
def test_get_record_validates_live_deleted_and_odd_ids(repository, prefix):
    for record_id in (repository["records"][0].id, repository["withdrawn"].id):
        root = fetch(repository, {"verb": "GetRecord", "metadataPrefix": prefix, "identifier": PREFIX + record_id})
        assert root.findtext(".//oai:header/oai:identifier", namespaces=NS) == PREFIX + record_id
    listed = [h.findtext("oai:identifier", namespaces=NS) for h in fetch(repository, {"verb": "ListIdentifiers", "metadataPrefix": prefix, "from": "2024-03-10"}).iter(f"{{{NS['oai']}}}header")]
    odd = PREFIX + ODD_ID
    assert odd in listed
    root = fetch(repository, {"verb": "GetRecord", "metadataPrefix": prefix, "identifier": odd})
    assert root.find("oai:error", NS) is None and root.findtext(".//oai:header/oai:identifier", namespaces=NS) == odd


BAD_ARGUMENTS = [
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-45"},
    {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "yesterday"},
    {"verb": "ListRecords", "metadataPrefix": "oai dc"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "厦门 市"},
    {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "not a uri %%"},
    {"verb": "ListRecords"},
    {"verb": "Identify", "extra": "1"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-03-01", "until": "2024-03-02T00:00:00Z"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-03-05", "until": "2024-03-01"},
    {"verb": "ListRecords", "resumptionToken": "abc", "metadataPrefix": "oai_dc"},
    [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "oai_dc")],
    # full-width digits (an IME's): strptime reads them, the schema's UTCdatetimeType does not, so they were echoed
    # into an invalid <request> (clients2, session 12)
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "２０２４-03-01"},
    {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "2024-03-0１T00:00:00Z"},
]


@pytest.mark.parametrize("params", BAD_ARGUMENTS, ids=lambda p: str(p)[:60])
def test_bad_arguments_validate_and_echo_only_the_base_url(repository, params):
    root = fetch(repository, params)
    assert root.find("oai:error", NS).get("code") == "badArgument"
    request = root.find("oai:request", NS)
    assert request.attrib == {} and request.text == repository["url"]  # OAI-PMH §3.2


@pytest.mark.parametrize("params", [{}, {"verb": "Harvest"}, [("verb", "Identify"), ("verb", "Identify")], {"verb": "厦门\u3000"}])
def test_bad_verbs_validate_and_echo_only_the_base_url(repository, params):
    root = fetch(repository, params)
    assert root.find("oai:error", NS).get("code") == "badVerb" and root.find("oai:request", NS).attrib == {}


@pytest.mark.parametrize(
    "params, code",
    [
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": PREFIX + "missing"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "hdl:1765/315"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": PREFIX + "nope"}, "idDoesNotExist"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "1999-01-01"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "issuer:0000000000000000"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "sets:999999"}, "badResumptionToken"),
    ],
)
def test_other_errors_validate_and_echo_the_request(repository, params, code):
    root = fetch(repository, params)
    assert root.find("oai:error", NS).get("code") == code
    assert root.find("oai:request", NS).attrib == params  # valid arguments are echoed (§3.2)


@pytest.mark.parametrize("until", ["9999-12-31", "9999-12-31T23:59:59Z"])
def test_until_the_last_day_of_the_calendar_lists_everything(repository, until):
    """A harvester's "no end" (9999-12-31, the schema's largest date): the exclusive bound after it overflowed, a 500."""
    def identifiers(params):
        return [h.text for page in all_pages(repository, params) for h in page.iterfind(".//oai:header/oai:identifier", NS)]

    everything = identifiers({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert identifiers({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": until}) == everything
    since = "1970-01-01" if len(until) == 10 else "1970-01-01T00:00:00Z"
    assert identifiers({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": since, "until": until}) == everything


def test_the_host_header_never_reaches_the_response(repository):
    response = httpx.get(repository["url"], params={"verb": "Identify"}, headers={"Host": "evil.example"}, timeout=10)
    assert b"evil.example" not in response.content
    assert etree.fromstring(response.content).findtext("oai:Identify/oai:baseURL", namespaces=NS) == repository["url"]


def test_without_a_public_base_url_the_documented_default_is_used(settings):
    engine = Engine(settings)
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    try:
        body = TestClient(app).get("/oai", params={"verb": "Identify"}, headers={"Host": "evil.example"}).content
        assert etree.fromstring(body).findtext("oai:Identify/oai:baseURL", namespaces=NS) == "http://localhost:8000/oai"
        assert b"evil.example" not in body
        assert_valid(body)  # last: it skips where oai-identifier.xsd is not installed
    finally:
        engine.close()


@pytest.mark.parametrize("prefix", ["oai_dc", "gongkai"])
def test_sickle_and_oaipmh_scythe_harvest_everything(repository, prefix):
    with Scythe(repository["url"], http_config=HTTPConfig(timeout=10)) as scythe:
        scythe_records = list(scythe.list_records(metadata_prefix=prefix))
        scythe_sets = {s.setSpec for s in scythe.list_sets()}
        assert scythe.identify().baseURL == repository["url"]
    sickle_records = list(Sickle(repository["url"], max_retries=0, timeout=10).ListRecords(metadataPrefix=prefix, ignore_deleted=False))
    for harvested in (scythe_records, sickle_records):
        identifiers = [r.header.identifier for r in harvested]
        assert len(identifiers) == len(set(identifiers)) == 43
        assert [r.header.identifier for r in harvested if r.deleted] == [PREFIX + repository["withdrawn"].id]
        assert all(r.metadata for r in harvested if not r.deleted)
    assert {"kind:disclosure", "kind:notice", "kind:notice:outage"} <= scythe_sets
    selective = list(Sickle(repository["url"], max_retries=0, timeout=10).ListIdentifiers(metadataPrefix=prefix, set="kind:notice", ignore_deleted=False))
    assert len(selective) == 3


HEAD = '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>'


def test_the_official_schema_refuses_a_bad_echo_and_a_local_datestamp():
    """The checks above can fail: OAI-PMH.xsd refuses an illegal echoed argument and a datestamp without Z."""
    xml_schemas.require(*xml_schemas.OAI_PMH_SCHEMAS)
    echo = f'{HEAD}<request verb="ListRecords" from="2024-13-45">http://x/oai</request><error code="badArgument">x</error></OAI-PMH>'
    assert "attribute 'from'" in " ".join(xml_schemas.errors(xml_schemas.oai_pmh(), echo.encode()))
    header = (f'{HEAD}<request verb="GetRecord">http://x/oai</request><GetRecord><record><header status="deleted">'
              "<identifier>oai:x.org:1</identifier><datestamp>2024-01-01T08:00:00+08:00</datestamp></header></record></GetRecord></OAI-PMH>")
    assert "datestamp" in " ".join(xml_schemas.errors(xml_schemas.oai_pmh(), header.encode()))


def test_the_official_schemas_refuse_a_non_domain_repository_identifier():
    """What the issue found: oai-identifier.xsd refuses repositoryIdentifier 'gongkai' and its sample identifier."""
    xml_schemas.require(*xml_schemas.OAI_PMH_SCHEMAS, "oai-identifier.xsd")
    identify = (
        f'{HEAD}<request verb="Identify">http://x/oai</request><Identify><repositoryName>x</repositoryName>'
        "<baseURL>http://x/oai</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>a@b.org</adminEmail>"
        "<earliestDatestamp>2024-01-01T00:00:00Z</earliestDatestamp><deletedRecord>no</deletedRecord>"
        '<granularity>YYYY-MM-DD</granularity><description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier">'
        "<scheme>oai</scheme><repositoryIdentifier>gongkai</repositoryIdentifier><delimiter>:</delimiter>"
        "<sampleIdentifier>oai:gongkai:1</sampleIdentifier></oai-identifier></description></Identify></OAI-PMH>"
    )
    complaints = " ".join(xml_schemas.errors(xml_schemas.oai_pmh(), identify.encode()))
    assert "repositoryIdentifier" in complaints and "sampleIdentifier" in complaints


def test_the_server_says_at_start_which_public_base_it_uses(settings, caplog):
    from gongkai.web.app import create_app

    engine = Engine(settings)
    try:
        with caplog.at_level("WARNING", logger="gongkai.web"):
            create_app(engine)
        assert "feeds.public_base_url is not set" in caplog.text and "http://localhost:8000" in caplog.text
        caplog.clear()
        settings.feeds = settings.feeds.model_copy(update={"public_base_url": "https://gk.example.cn"})
        with caplog.at_level("WARNING", logger="gongkai.web"):
            create_app(engine)
        assert "public_base_url" not in caplog.text
    finally:
        engine.close()


@pytest.mark.parametrize("feeds", [{"oai_repository_identifier": "gongkai"}, {"oai_repository_identifier": "1x.example"},
                                   {"public_base_url": "gk.example.cn"}, {"public_base_url": "https://gk.example.cn/?q=1"}])
def test_settings_refuse_a_non_domain_identifier_and_a_relative_base(tmp_path, feeds):
    from gongkai.settings import SettingsError, load_settings

    with pytest.raises(SettingsError, match="feeds"):
        load_settings(data_dir=tmp_path, feeds=feeds)


def test_a_token_whose_remaining_records_left_the_list_ends_it_validly(tmp_path):
    """Harvesting `until` a day, the records after the first page change before the harvester comes back (their
    change is now past `until`): the next page held no record but a resumptionToken, which OAI-PMH.xsd refuses
    (a list holds one record at least; clients4, session 14). Nothing is missing, so it is noRecordsMatch, valid."""
    with served_repository(tmp_path / "data", _two_days, []) as repository:
        params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "2024-03-01T23:59:59Z"}
        first = fetch(repository, params)
        seen = {h.text.removeprefix(PREFIX) for h in first.iterfind(".//oai:header/oai:identifier", NS)}
        token = first.find(".//oai:resumptionToken", NS).text
        rest = [r for r in repository["records"][:20] if r.id not in seen]
        repository["engine"].store.upsert_batch([Record.model_validate({**r.model_dump(), "body": r.body + "（修订）"}) for r in rest], now=at(12))
        root = fetch(repository, [("verb", "ListIdentifiers"), ("resumptionToken", token)])
        assert root.find("oai:error", NS).get("code") == "noRecordsMatch"


@pytest.mark.parametrize("change", [{"c": True}, {"i": {"id": 1}}, {"i": 12}, {"c": 5.0}])
def test_a_token_holding_values_we_never_write_is_bad(repository, change):
    """A token read its record id with str() and its cursor with int(): an object or `true` in their place paged
    from a position no record holds (an empty, schema-invalid list) instead of being refused."""
    import base64
    import json

    first = fetch(repository, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    token = first.find(".//oai:resumptionToken", NS).text
    state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    forged = base64.urlsafe_b64encode(json.dumps({**state, **change}).encode()).decode().rstrip("=")
    root = fetch(repository, [("verb", "ListIdentifiers"), ("resumptionToken", forged)])
    assert root.find("oai:error", NS).get("code") == "badResumptionToken"


def test_list_sets_resumed_after_an_issuer_left_skips_no_set(tmp_path):
    """The ListSets token was a position: an issuer renamed away from its records between two pages shifted the
    list left, and the harvester skipped the set that moved onto the page it had read (clients4, session 14)."""
    with served_repository(tmp_path / "data", _two_days, []) as repository:
        engine = repository["engine"]
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"oai_page_size": 3})
        first = fetch(repository, {"verb": "ListSets"})
        token = first.find(".//oai:resumptionToken", NS).text
        seen = [s.text for s in first.iterfind(".//oai:setSpec", NS)]
        before = seen + [s.text for page in all_pages(repository, {"verb": "ListSets", "resumptionToken": token})
                         for s in page.iterfind(".//oai:setSpec", NS)]
        while not any(spec.startswith("issuer:") for spec in seen):  # into the issuers' sets
            page = fetch(repository, {"verb": "ListSets", "resumptionToken": token})
            seen += [s.text for s in page.iterfind(".//oai:setSpec", NS)]
            token = page.find(".//oai:resumptionToken", NS).text
        gone = next(spec for spec in seen if spec.startswith("issuer:"))  # a set already sent
        renamed = [Record.model_validate({**r.model_dump(), "issuer": "龥龥更名后的机关"}) for r in repository["records"] if issuer_set_spec(r.issuer) == gone]
        assert renamed and token
        engine.store.upsert_batch(renamed, now=at(12))
        while token:
            page = fetch(repository, [("verb", "ListSets"), ("resumptionToken", token)])
            seen += [s.text for s in page.iterfind(".//oai:setSpec", NS)]
            token = page.find(".//oai:resumptionToken", NS).text
        assert set(before) - set(seen) == set(), "every set there before the rename was sent"
        assert issuer_set_spec("龥龥更名后的机关") in seen and len(seen) == len(set(seen))
