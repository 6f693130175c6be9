"""The lossless `gongkai` OAI-PMH metadata format: harvested with sickle over uvicorn on 127.0.0.1,
validated against the XSD the server serves, and read back into Records equal to the stored ones."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from fastapi import FastAPI
from lxml import etree
from sickle import Sickle, oaiexceptions

from gongkai.engine import Engine
from gongkai.feeds.oai_native import (
    NAMESPACE,
    GongkaiXMLError,
    gongkai_xml,
    record_from_gongkai_xml,
    unescape_xml_text,
    xml_text,
)
from gongkai.record import Attachment, Record
from gongkai.web.routes_feeds import router
from gongkai.web.server import serve_in_thread as serving
from tests.conftest import govcn_records
from tests.support import sample_records

NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "g": NAMESPACE}
PAGE = 50
#: A 14+ character Chinese title with a BEL in it (the record validator drops it from titles), and
#: control characters where the Record keeps them: keywords, 文号, notice fields, attachment names.
CONTROL_TITLE = "厦门市思明区关于二〇二四年部分区域计划停电\x07检修的通知"
CONTROL_RECORD = Record(
    kind="notice",
    notice_type="outage",
    title=CONTROL_TITLE,
    doc_number="厦电〔2024〕12号\x01",
    issuer="国网厦门供电公司",
    keywords=["停电\x02", "检修", "反斜杠\\u0041"],
    body="3月12日 8:00-17:00 停电\x00，请提前做好准备。",
    source="xmrb",
    notice={"type": "outage", "utility": "power", "reason": "检修\x03", "events": [
        {"utility": "power", "start": "2024-03-12T08:00", "end": "2024-03-12T17:00", "text": "8:00-17:00",
         "areas": [{"name": "湖里区\x1f", "text": "湖里区\x1f"}, {"name": "思明区"}]}]},
    attachments=[Attachment(name="停电范围\x04.pdf", url="https://example.invalid/a.pdf", sha256="ab" * 32, content_type="application/pdf", size=0)],
)


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, tzinfo=UTC)


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """40 real State Council records, the 400 bundled sample records (notices with structured fields,
    attachments), one record with control characters, one record in version 2, one withdrawal."""
    from gongkai.settings import load_settings

    settings = load_settings(data_dir=tmp_path_factory.mktemp("oai_native") / "data")
    settings.feeds = settings.feeds.model_copy(update={"oai_page_size": PAGE})
    engine = Engine(settings)
    govcn = [Record.model_validate(data) for data in govcn_records()]
    samples = sample_records()
    engine.store.upsert_batch(govcn, now=at(1, 9))
    engine.store.upsert_batch(samples, now=at(2, 9))
    engine.store.upsert_batch([CONTROL_RECORD], now=at(3, 9))
    engine.store.upsert_batch([govcn[1].model_copy(update={"summary": "第二版的内容概述"})], now=at(4, 9))
    engine.store.withdraw(govcn[5].id, "撤销", now=at(5, 8))
    app = FastAPI()
    app.include_router(router)
    app.state.engine = engine
    with serving(app) as base:
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})  # links use it only
        yield {"engine": engine, "url": base + "/oai", "govcn": govcn, "samples": samples, "count": len(govcn) + len(samples) + 1}
    engine.close()


@pytest.fixture(scope="module")
def served_schema(repository) -> etree.XMLSchema:
    """The XSD as the server serves it at the URL ListMetadataFormats names."""
    formats = {f.metadataPrefix: f for f in Sickle(repository["url"], max_retries=0, timeout=10).ListMetadataFormats()}
    response = httpx.get(formats["gongkai"].schema, timeout=10)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/xml")
    return etree.XMLSchema(etree.fromstring(response.content))


@pytest.fixture(scope="module")
def harvest(repository) -> list:
    """Everything, as a harvester would fetch it: ListRecords with metadataPrefix=gongkai, every page."""
    return list(Sickle(repository["url"], max_retries=0, timeout=30).ListRecords(metadataPrefix="gongkai"))


def metadata_record(oai_record) -> etree._Element:
    element = oai_record.xml.find("oai:metadata/g:record", NS)
    assert element is not None, etree.tostring(oai_record.xml)[:500]
    return element


def test_harvest_pages_through_resumption_tokens_keeping_the_prefix(repository, harvest):
    ids = [r.header.identifier for r in harvest]
    assert len(ids) == len(set(ids)) == repository["count"] > 2 * PAGE, "several pages"
    live = [r for r in harvest if not r.header.deleted]
    assert len(live) == repository["count"] - 1
    # every page, not just the first, carries the gongkai format: the resumption token kept the prefix
    assert all(metadata_record(r) is not None for r in live[-PAGE:])
    root = etree.fromstring(httpx.get(repository["url"], params={"verb": "ListRecords", "metadataPrefix": "gongkai"}, timeout=10).content)
    assert len(root.findall(".//g:record", NS)) == PAGE
    token = root.find(".//oai:resumptionToken", NS)
    assert token.get("completeListSize") == str(repository["count"])
    second = etree.fromstring(httpx.get(repository["url"], params={"verb": "ListRecords", "resumptionToken": token.text}, timeout=10).content)
    assert len(second.findall(".//g:record", NS)) == PAGE and not second.findall(".//oai_dc:dc", {"oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/"})
    headers = etree.fromstring(httpx.get(repository["url"], params={"verb": "ListIdentifiers", "metadataPrefix": "gongkai"}, timeout=10).content)
    assert len(headers.findall(".//oai:header", NS)) == PAGE and not headers.findall(".//g:record", NS)


def test_every_harvested_record_reads_back_equal_to_the_stored_record(repository, harvest):
    store = repository["engine"].store
    checked = 0
    for oai_record in harvest:
        if oai_record.header.deleted:
            continue
        record = record_from_gongkai_xml(metadata_record(oai_record))
        assert oai_record.header.identifier == "oai:gongkai.localhost:" + record.id
        stored = store.get(record.id)
        assert record == stored, record.id
        assert record.model_dump() == stored.model_dump(), "every field, bookkeeping included"
        checked += 1
    assert checked == repository["count"] - 1
    # the round trip really covered what oai_dc loses
    stored = [store.get(r.id) for r in repository["samples"]]
    assert sum(1 for r in stored if r.notice) >= 100 and sum(1 for r in stored if r.attachments) >= 20
    assert any(r.first_seen and r.last_seen for r in stored)
    assert store.get(repository["govcn"][1].id).version == 2


def test_every_harvested_record_validates_against_the_served_schema(repository, harvest, served_schema):
    for oai_record in harvest:
        if not oai_record.header.deleted:
            served_schema.assertValid(metadata_record(oai_record))
    # and the schema is not a rubber stamp: a broken record fails it
    broken = gongkai_xml(repository["govcn"][0])
    broken.find("g:kind", NS).text = "leaflet"
    assert not served_schema.validate(broken)
    unordered = gongkai_xml(repository["govcn"][0])
    unordered.append(unordered.find("g:title", NS))
    assert not served_schema.validate(unordered)


def test_the_fields_oai_dc_flattens_have_their_own_elements(repository):
    govcn = repository["govcn"][12]
    root = etree.fromstring(httpx.get(repository["url"], params={"verb": "GetRecord", "metadataPrefix": "gongkai", "identifier": "oai:gongkai.localhost:" + govcn.id}, timeout=10).content)
    element = root.find(".//g:record", NS)
    assert element.findtext("g:doc_number", namespaces=NS) == govcn.doc_number != ""
    assert element.findtext("g:index_number", namespaces=NS) == govcn.index_number != ""
    assert element.findtext("g:topic", namespaces=NS) == govcn.topic != ""
    assert element.findtext("g:written_date", namespaces=NS) == govcn.written_date.isoformat()
    assert [k.text for k in element.findall("g:keyword", NS)] == govcn.keywords
    assert element.find("g:notice", NS) is None and element.find("g:summary", NS) is None, "empty fields are left out"
    schema_location = element.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    assert schema_location == f"{NAMESPACE} {repository['url']}/gongkai-record.xsd"


@pytest.mark.parametrize("which", ["notice with structured fields", "disclosure with attachments"])
def test_get_record_round_trips_notices_and_attachments(repository, served_schema, which):
    store = repository["engine"].store
    if which.startswith("notice"):
        sample = next(r for r in repository["samples"] if r.notice and len(r.notice.model_dump()) >= 3)
    else:
        sample = next(r for r in repository["samples"] if r.attachments)
    record = Sickle(repository["url"], max_retries=0, timeout=10).GetRecord(identifier="oai:gongkai.localhost:" + sample.id, metadataPrefix="gongkai")
    element = metadata_record(record)
    served_schema.assertValid(element)
    assert len(element.findall("g:attachment", NS)) == len(sample.attachments)
    assert len(element.findall("g:notice/*", NS)) == len(sample.notice.model_dump() if sample.notice else {})
    assert record_from_gongkai_xml(element) == store.get(sample.id)
    assert record_from_gongkai_xml(record.xml.find("oai:metadata", NS)) == store.get(sample.id), "the <metadata> wrapper is accepted too"


def test_control_characters_and_a_long_chinese_title_survive_exactly(repository, served_schema):
    stored = repository["engine"].store.get(CONTROL_RECORD.id)
    assert stored.title == "厦门市思明区关于二〇二四年部分区域计划停电检修的通知" and len(stored.title) >= 14
    # Every text field is cleaned when the record is made (session 9: a 文号 or keyword kept them, and the record
    # page then carried characters HTML forbids); the format answers the stored record exactly.
    assert stored.doc_number == "厦电〔2024〕12号" and stored.keywords[0] == "停电" and stored.notice.reason == "检修"
    response = httpx.get(repository["url"], params={"verb": "GetRecord", "metadataPrefix": "gongkai", "identifier": "oai:gongkai.localhost:" + stored.id}, timeout=10)
    element = etree.fromstring(response.content).find(".//g:record", NS)
    served_schema.assertValid(element)
    assert element.findtext("g:title", namespaces=NS) == stored.title
    assert element.findall("g:keyword", NS)[2].text == "反斜杠\\u0041", "no escapes in a value without unsafe characters"
    assert record_from_gongkai_xml(etree.tostring(element)) == stored  # the bytes path: parsed again, safely
    # A record holding them (made in memory: the store reads records back cleaned) is still written well-formed,
    # each such value escaped, and the escapes read back as the characters.
    dirty = stored.model_copy(update={"doc_number": "厦电〔2024〕12号\x01", "keywords": ["停电\x02", *stored.keywords[1:]],
                                      "notice": stored.notice.model_copy(update={"reason": "检修\x03"})})
    element = etree.fromstring(etree.tostring(gongkai_xml(dirty)))  # well-formed although the record holds characters XML 1.0 forbids
    served_schema.assertValid(element)
    assert element.find("g:doc_number", NS).get("escaped") == "true"
    assert element.find("g:keyword", NS).text == "停电\\u0002"
    assert unescape_xml_text(element.find("g:doc_number", NS).text) == "厦电〔2024〕12号\x01"


def test_a_withdrawn_record_is_a_deleted_header_without_metadata(repository):
    withdrawn = repository["govcn"][5]
    record = Sickle(repository["url"], max_retries=0, timeout=10).GetRecord(identifier="oai:gongkai.localhost:" + withdrawn.id, metadataPrefix="gongkai")
    assert record.header.deleted and record.xml.find("oai:metadata", NS) is None
    assert record.header.datestamp == "2024-03-05T08:00:00Z"


def test_an_unknown_prefix_still_cannot_be_disseminated(repository):
    client = Sickle(repository["url"], max_retries=0, timeout=10)
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        list(client.ListRecords(metadataPrefix="gongkai_v2"))
    root = etree.fromstring(httpx.get(repository["url"], params={"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "oai:gongkai.localhost:" + repository["govcn"][0].id}, timeout=10).content)
    error = root.find("oai:error", NS)
    assert error.get("code") == "cannotDisseminateFormat" and "oai_dc or gongkai" in error.text


# --------------------------------------------------------------------------- the reader alone


def test_every_bundled_sample_record_round_trips_without_a_server():
    for record in sample_records():
        assert record_from_gongkai_xml(etree.tostring(gongkai_xml(record))) == record
        # a harvester that re-indents what it stored, or comments it, still reads the same record
        pretty = etree.tostring(gongkai_xml(record), pretty_print=True, encoding="unicode")
        commented = pretty.replace("<title>", "<title><!-- 信息名称 -->", 1)
        assert record_from_gongkai_xml(commented) == record


def test_json_values_in_notices_keep_their_types():
    # Notices are typed (gongkai/notices.py): numbers, booleans, nulls and nested models come back as they went.
    notice = {"type": "business_tax", "company": "某某有限公司\x05", "claim_period_days": 45, "claim_deadline": None, "action": "注销"}
    record = Record(kind="notice", notice_type="business_tax", title="测试公告", notice=notice)
    back = record_from_gongkai_xml(etree.tostring(gongkai_xml(record)))
    assert back.notice == record.notice and type(back.notice.claim_period_days) is int and back.notice.claim_deadline is None
    lost = Record(kind="notice", notice_type="lost", title="遗失声明", notice={"holder": "张三", "declared_void": True, "numbers": [{"label": "证号", "value": "0"}]})
    back = record_from_gongkai_xml(etree.tostring(gongkai_xml(lost)))
    assert back.notice.declared_void is True and back.notice.numbers[0].value == "0"
    assert Record(title="无通知").notice is None
    empty = Record(kind="notice", title="空通知", notice={})
    assert record_from_gongkai_xml(gongkai_xml(empty)).notice == empty.notice


def test_lossless_escaping_is_the_inverse_of_unescaping():
    for text in ["", "普通文本", "a\\b", "\\u0041", "\x00\x01\x1f", "\ud800", "\ufffe\uffff", "tab\tnew\nline\rcr", "混合\\\x02\\u"]:
        escaped = xml_text(text, lossless=True)
        assert unescape_xml_text(escaped) == text
        etree.fromstring(f"<a>{escaped.replace('&', '&amp;').replace('<', '&lt;')}</a>")  # XML can carry it
    assert xml_text("停电\x00通知") == "停电通知", "the display form drops them"


def test_the_reader_refuses_unsafe_altered_or_foreign_xml(repository):
    record = repository["govcn"][0]
    good = etree.tostring(gongkai_xml(record), encoding="unicode")
    with pytest.raises(GongkaiXMLError, match="unsafe"):
        record_from_gongkai_xml('<!DOCTYPE r [<!ENTITY a "aaaa">]>' + good.replace("<kind>", "<kind>&a;", 1))
    with pytest.raises(GongkaiXMLError, match="unsafe"):
        record_from_gongkai_xml('<!DOCTYPE r SYSTEM "file:///etc/passwd">' + good)
    with pytest.raises(GongkaiXMLError, match="does not hash"):
        record_from_gongkai_xml(good.replace(record.title, record.title + "（篡改）"))
    with pytest.raises(GongkaiXMLError, match="unknown element <colour>"):
        record_from_gongkai_xml(good.replace("<version>", "<colour>red</colour><version>"))
    with pytest.raises(GongkaiXMLError, match="twice"):
        record_from_gongkai_xml(good.replace("<version>1</version>", "<version>1</version><version>2</version>"))
    with pytest.raises(GongkaiXMLError, match="publish_date"):
        record_from_gongkai_xml(good.replace(record.publish_date.isoformat(), "2024-02-30"))
    with pytest.raises(GongkaiXMLError, match="not a valid record: title"):
        record_from_gongkai_xml(good.replace(f"<title>{record.title}</title>", ""))
    with pytest.raises(GongkaiXMLError, match="expected a <record>"):
        record_from_gongkai_xml("<record>x</record>")
    with pytest.raises(GongkaiXMLError, match="well-formed"):
        record_from_gongkai_xml(good[:-10])


def test_the_schema_ships_in_the_package():
    """An installed (non-editable) gongkai must still serve the XSD: pyproject's package-data covers it."""
    import fnmatch
    import tomllib

    from gongkai.feeds.oai_native import SCHEMA_FILE, SCHEMA_PATH

    pyproject = tomllib.loads((SCHEMA_PATH.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"].get("gongkai.feeds", [])
    assert any(fnmatch.fnmatch(SCHEMA_FILE, pattern) for pattern in patterns)
    assert pyproject["tool"]["setuptools"]["package-dir"]["gongkai.feeds"] == SCHEMA_PATH.parent.name
