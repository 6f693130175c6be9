"""OAI-PMH 2.0 provider: harvested with sickle (a real OAI-PMH client) over uvicorn on 127.0.0.1,
checked against the reference responses in the shared corpus, and every protocol error code."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from lxml import etree
from sickle import Sickle, oaiexceptions

from gongkai.engine import Engine
from gongkai.feeds.oai import issuer_set_spec
from gongkai.record import Record
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving
from tests.conftest import CORPUS, govcn_records

NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}
SAMPLES = CORPUS / "oai_pmh_samples"
PAGE = 7
OAI_PREFIX = "oai:gongkai.localhost:"  # the default feeds.oai_repository_identifier


def at(day: int, hour: int = 0, second: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, 0, second, tzinfo=UTC)


@contextlib.contextmanager
def served_repository(data_dir: Path, store_records: Callable[[Engine, list[Record]], None], notices: list[Record]) -> Iterator[dict]:
    """The feeds router on 127.0.0.1 over an engine paged at PAGE: `store_records` stores the State Council
    records as it dates them, then the notices are stored on 03-10 and records[5] withdrawn on 03-11."""
    from gongkai.settings import load_settings

    settings = load_settings(data_dir=data_dir)
    settings.feeds = settings.feeds.model_copy(update={"oai_page_size": PAGE})
    engine = Engine(settings)
    records = [Record.model_validate(data) for data in govcn_records()]
    store_records(engine, records)
    engine.store.upsert_batch(notices, now=at(10, 12))
    engine.store.withdraw(records[5].id, "撤销", now=at(11, 8))
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    with serving(app) as base:
        # Links follow the configured public URL only (never the Host header): configure the served one.
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        yield {"engine": engine, "base": base, "url": base + "/oai", "records": records, "notices": notices, "withdrawn": records[5]}
    engine.close()


def _by_day(engine: Engine, records: list[Record]) -> None:
    for day in range(1, 6):  # eight records a day, stamped by the store's own clock argument
        engine.store.upsert_batch(records[(day - 1) * 8 : day * 8], now=at(day, 9))


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """40 real State Council records changed on 2024-03-01..05, 3 notices on 03-10, one withdrawal."""
    notices = [
        Record(kind="notice", notice_type="outage", title="思明区部分区域停电检修通知", issuer="国网厦门供电公司", body="3月12日 8:00-17:00 停电", source="xmrb"),
        Record(kind="notice", notice_type="lost", title="遗失声明 厦门某某贸易有限公司 营业执照副本", issuer="厦门日报", body="声明作废", source="xmrb"),
        Record(kind="notice", notice_type="outage", title="湖里区停水通知", issuer="厦门市自来水公司", body="3月13日 停水", source="xmrb"),
    ]
    with served_repository(tmp_path_factory.mktemp("oai") / "data", _by_day, notices) as repository:
        yield repository


def sickle(repository) -> Sickle:
    return Sickle(repository["url"], max_retries=0, timeout=10)


def get_xml(repository, **params) -> etree._Element:
    response = httpx.get(repository["url"], params=params, timeout=10)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/xml")
    return etree.fromstring(response.content)


def error_code(repository, **params) -> str:
    root = get_xml(repository, **params)
    errors = root.findall("oai:error", NS)
    assert len(errors) == 1, etree.tostring(root)
    return errors[0].get("code")


def test_identify_matches_the_reference_shape_and_declares_persistent_deletions(repository):
    identify = sickle(repository).Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.earliestDatestamp == "2024-03-01T09:00:00Z"
    assert identify.baseURL == repository["url"]
    ours = [el.tag for el in get_xml(repository, verb="Identify").find("oai:Identify", NS)]
    reference = etree.parse(str(SAMPLES / "pyoai_fake1_00001_Identify.xml")).getroot().find("oai:Identify", NS)
    required = [el.tag for el in reference if el.tag != f"{{{NS['oai']}}}compression"]
    assert ours[: len(required)] == required, "required Identify elements, in the order the schema demands"


def test_list_metadata_formats_offers_oai_dc_like_the_reference_and_gongkai(repository):
    formats = list(sickle(repository).ListMetadataFormats())
    assert [f.metadataPrefix for f in formats] == ["oai_dc", "gongkai"]
    native = formats[1]
    assert native.metadataNamespace == "urn:gongkai:record:1.0"
    assert native.schema == repository["url"] + "/gongkai-record.xsd"
    reference = etree.parse(str(SAMPLES / "pyoai_fake1_00002_ListMetadataFormats.xml")).getroot()
    ref_format = reference.find(".//oai:metadataFormat", NS)
    ours = get_xml(repository, verb="ListMetadataFormats").find(".//oai:metadataFormat", NS)
    assert [(el.tag, el.text) for el in ours] == [(el.tag, el.text) for el in ref_format]
    record_id = OAI_PREFIX + repository["records"][0].id
    assert [f.metadataPrefix for f in sickle(repository).ListMetadataFormats(identifier=record_id)] == ["oai_dc", "gongkai"]
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        list(sickle(repository).ListMetadataFormats(identifier=OAI_PREFIX + "nope"))


def test_harvesting_everything_pages_through_resumption_tokens(repository):
    harvested = list(sickle(repository).ListRecords(metadataPrefix="oai_dc"))
    ids = [r.header.identifier for r in harvested]
    assert len(ids) == len(set(ids)) == 43
    live = {r.header.identifier: r for r in harvested if not r.header.deleted}
    sample = repository["records"][12]
    dc = live[OAI_PREFIX + sample.id].metadata
    assert dc["title"] == [sample.title]
    assert sample.doc_number in dc["identifier"] and sample.index_number in dc["identifier"]
    assert dc["creator"] == [sample.issuer] and dc["language"] == ["zh"]
    assert dc["type"] == ["政府信息公开"]
    # datestamps are the change times, ascending: the order of selective harvesting
    stamps = [r.header.datestamp for r in harvested]
    assert stamps == sorted(stamps) and stamps[0] == "2024-03-01T09:00:00Z"


def test_resumption_token_pages_have_cursor_and_complete_list_size(repository):
    root = get_xml(repository, verb="ListIdentifiers", metadataPrefix="oai_dc")
    headers = root.findall(".//oai:header", NS)
    token = root.find(".//oai:resumptionToken", NS)
    assert len(headers) == PAGE and token.get("cursor") == "0" and token.get("completeListSize") == "43"
    seen = [h.findtext("oai:identifier", namespaces=NS) for h in headers]
    while token is not None and token.text:
        root = get_xml(repository, verb="ListIdentifiers", resumptionToken=token.text)
        seen += [h.findtext("oai:identifier", namespaces=NS) for h in root.findall(".//oai:header", NS)]
        token = root.find(".//oai:resumptionToken", NS)
    assert token is not None and not token.text, "the last page carries an empty resumptionToken"
    assert len(seen) == len(set(seen)) == 43


def test_selective_harvesting_by_from_and_until(repository):
    client = sickle(repository)
    by_day = list(client.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2024-03-02", "until": "2024-03-03"}))
    assert len(by_day) == 16
    assert all(h.datestamp[:10] in ("2024-03-02", "2024-03-03") for h in by_day)
    exact = list(client.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2024-03-10T12:00:00Z", "until": "2024-03-10T12:00:00Z"}))
    assert len(exact) == 3, "until is inclusive at seconds granularity"
    assert len(list(client.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2024-03-10T12:00:01Z"}))) == 1
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(client.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2030-01-01"}))


def test_sets_by_kind_notice_type_and_issuer(repository):
    client = sickle(repository)
    sets = {s.setSpec: s.setName for s in client.ListSets()}
    assert sets["kind:disclosure"] == "政府信息公开" and sets["kind:notice"] == "便民公告"
    assert sets[issuer_set_spec("国务院办公厅")] == "国务院办公厅"
    notices = list(client.ListIdentifiers(metadataPrefix="oai_dc", set="kind:notice"))
    assert len(notices) == 3
    outages = list(client.ListRecords(metadataPrefix="oai_dc", set="kind:notice:outage"))
    assert sorted(r.metadata["title"][0] for r in outages) == ["思明区部分区域停电检修通知", "湖里区停水通知"]
    assert all("kind:notice" in r.header.setSpecs for r in outages)
    office = list(client.ListIdentifiers(metadataPrefix="oai_dc", set=issuer_set_spec("国务院办公厅")))
    expected = sum(1 for r in repository["records"] if r.issuer == "国务院办公厅")
    assert len(office) == expected == 27
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(client.ListIdentifiers(metadataPrefix="oai_dc", set="issuer:0000000000000000"))


def test_withdrawn_records_are_reported_deleted_like_the_reference(repository):
    withdrawn = repository["records"][5]
    record = sickle(repository).GetRecord(identifier=OAI_PREFIX + withdrawn.id, metadataPrefix="oai_dc")
    assert record.header.deleted and not hasattr(record, "metadata")  # sickle parses no metadata for deletions
    assert record.header.datestamp == "2024-03-11T08:00:00Z"
    ours = get_xml(repository, verb="GetRecord", identifier=OAI_PREFIX + withdrawn.id, metadataPrefix="oai_dc")
    reference = etree.parse(str(SAMPLES / "pyoai_fake2_00000_GetRecord_deleted.xml")).getroot()
    def shape(root):
        return [(el.tag, el.get("status")) for el in root.find("oai:GetRecord/oai:record", NS).iter() if el.tag != f"{{{NS['oai']}}}setSpec"]

    assert shape(ours) == shape(reference)
    deleted = [h for h in sickle(repository).ListIdentifiers(metadataPrefix="oai_dc") if h.deleted]
    assert [h.identifier for h in deleted] == [OAI_PREFIX + withdrawn.id]


def test_get_record_matches_the_reference_structure(repository):
    live = repository["records"][0]
    ours = get_xml(repository, verb="GetRecord", identifier=OAI_PREFIX + live.id, metadataPrefix="oai_dc")
    reference = etree.parse(str(SAMPLES / "pyoai_fake1_00004_GetRecord.xml")).getroot()
    def top(root):
        return [el.tag for el in root.find("oai:GetRecord/oai:record", NS)]

    assert top(ours) == top(reference) == [f"{{{NS['oai']}}}header", f"{{{NS['oai']}}}metadata"]
    request = ours.find("oai:request", NS)
    assert request.get("verb") == "GetRecord" and request.get("metadataPrefix") == "oai_dc"


@pytest.mark.parametrize(
    "params, code",
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-03-01", "until": "2024-03-02T00:00:00Z"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-03-05", "until": "2024-03-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": OAI_PREFIX + "missing"}, "idDoesNotExist"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "hdl:1765/315"}, "idDoesNotExist"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "1999-01-01"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
        ({"verb": "ListRecords", "resumptionToken": "eyJ4IjoxfQ"}, "badResumptionToken"),
        ({"verb": "ListRecords", "resumptionToken": "abc", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListSets", "resumptionToken": "abc"}, "badResumptionToken"),
    ],
)
def test_protocol_errors(repository, params, code):
    assert error_code(repository, **params) == code


def test_repeated_arguments_and_bad_verb_echo_no_request_attributes(repository):
    response = httpx.get(repository["url"] + "?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", timeout=10)
    root = etree.fromstring(response.content)
    assert root.find("oai:error", NS).get("code") == "badArgument"
    assert dict(root.find("oai:request", NS).attrib) == {}


def test_post_requests_are_answered_like_get(repository):
    response = httpx.post(repository["url"], data={"verb": "ListSets"}, timeout=10)
    root = etree.fromstring(response.content)
    assert root.find("oai:ListSets", NS) is not None


@pytest.mark.parametrize("content_type", ["Application/X-WWW-Form-URLEncoded", "application/x-www-form-urlencoded; Charset=UTF-8"])
def test_a_post_media_type_is_read_in_any_case(repository, content_type):
    """RFC 9110 §8.3.1: type, subtype and parameter names are case-insensitive; the capitalised type was a badVerb."""
    response = httpx.post(repository["url"], content=b"verb=ListSets", headers={"Content-Type": content_type}, timeout=10)
    root = etree.fromstring(response.content)
    assert root.find("oai:error", NS) is None and root.find("oai:ListSets", NS) is not None


def test_a_record_changed_during_a_harvest_is_not_lost(repository, tmp_path):
    """Cursor paging on (change time, id): a change mid-harvest moves the record to the end."""
    from gongkai.feeds.oai import OAIProvider

    engine = repository["engine"]
    provider = OAIProvider(engine.store, engine.settings.feeds)
    first = etree.fromstring(provider.respond([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc")], "x"))
    token = first.find(".//oai:resumptionToken", NS).text
    first_ids = [h.findtext("oai:identifier", namespaces=NS) for h in first.findall(".//oai:header", NS)]
    changed = next(r for r in repository["records"] if OAI_PREFIX + r.id == first_ids[0])
    engine.store.upsert_batch([changed.model_copy(update={"summary": "中途修改"})], now=at(20))
    seen = list(first_ids)
    while token:
        page = etree.fromstring(provider.respond([("verb", "ListIdentifiers"), ("resumptionToken", token)], "x"))
        seen += [h.findtext("oai:identifier", namespaces=NS) for h in page.findall(".//oai:header", NS)]
        token = page.find(".//oai:resumptionToken", NS).text
    assert set(seen) == {h for h in seen} and len(set(seen)) == 43
    assert seen[-1] == OAI_PREFIX + changed.id, "the changed record is harvested again, at the end"


def test_list_sets_is_paged_with_resumption_tokens(repository):
    first = get_xml(repository, verb="ListSets")
    specs = [s.text for s in first.findall("oai:ListSets/oai:set/oai:setSpec", NS)]
    token = first.find("oai:ListSets/oai:resumptionToken", NS)
    assert len(specs) == PAGE and token is not None and token.text
    total = int(token.get("completeListSize"))
    assert total > PAGE and token.get("cursor") == "0"
    while token is not None and token.text:
        page = get_xml(repository, verb="ListSets", resumptionToken=token.text)
        specs += [s.text for s in page.findall("oai:ListSets/oai:set/oai:setSpec", NS)]
        token = page.find("oai:ListSets/oai:resumptionToken", NS)
    assert token is not None and not token.text  # the last page says the list is complete
    assert len(specs) == total == len(set(specs))
    assert {s.setSpec for s in sickle(repository).ListSets()} == set(specs)
    for bad in ("sets:0", f"sets:{total}", "sets:-1", "sets:x"):
        assert error_code(repository, verb="ListSets", resumptionToken=bad) == "badResumptionToken"
