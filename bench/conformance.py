"""Conformance of gongkai's outputs to validators and clients nobody here wrote (issue 18): the table in the README.

    .venv/bin/python bench/conformance.py                       # prints the Markdown table, writes bench/results/conformance.md
    .venv/bin/python bench/conformance.py --feedvalidator SRC --feedvalidator-python PY [--feedvalidator-version REV]
        # also the W3C feedvalidator, from a source checkout SRC (its src/ folder holds the feedvalidator package)
        # run by an interpreter PY that has its requirements (lxml, html5lib, rdflib); it is on no package
        # registry, so the tests cannot install it: this command is how it is run

Serves the bundled sample records, 40 State Council records and an outage notice (one record withdrawn)
on 127.0.0.1 with small page sizes, so lists, sitemaps and feeds are paged, then checks every response
of each kind. The checks are the tests' own (tests/test_strict_*.py, tests/xml_schemas.py). A checker or
official schema that is not installed (./dev test installs them) leaves out its row or check and says so.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import httpx
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gongkai.feeds.tokens import TokenStore
from gongkai.ops.auth import hash_password
from gongkai.record import NOTICE_TYPES, Record
from tests import test_strict_atom, test_strict_html, test_strict_oai, test_strict_openapi, xml_schemas
from tests.conftest import govcn_records
from tests.support import sample_records, served_engine

OAI = {"oai": "http://www.openarchives.org/OAI/2.0/"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
RESULTS = Path(__file__).resolve().parent / "results"


class Row:
    def __init__(self, checker: str, checker_version: str, what: str) -> None:
        self.checker, self.version, self.what = checker, checker_version, what
        self.checked, self.failures, self.examples = 0, 0, []

    def count(self, problems: list[str] | str | None) -> None:
        self.checked += 1
        problems = [problems] if isinstance(problems, str) else (problems or [])
        if problems:
            self.failures += 1
            self.examples += problems[:2]


def oai_rows(url: str, records: list[Record], withdrawn: Record) -> list[Row]:
    unavailable = xml_schemas.missing(*xml_schemas.OAI_PMH_SCHEMAS)
    identify = not xml_schemas.missing("oai-identifier.xsd")  # Identify's description is validated strictly
    names = "OAI-PMH.xsd, " + ("oai-identifier.xsd, " if identify else "") + "oai_dc.xsd, gongkai-record.xsd"
    what = "every verb, every page of both formats, GetRecord, error cases" + ("" if identify else " (Identify left out: no registry package found that ships oai-identifier.xsd)")
    schema = Row(names, f"lxml {version('lxml')} (libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))})", what)
    prefix = test_strict_oai.PREFIX
    for reason in unavailable + ([] if identify else xml_schemas.missing("oai-identifier.xsd")):
        print(f"note: {reason}", file=sys.stderr)

    def check(params) -> etree._Element:
        response = httpx.get(url, params=params, timeout=30)
        root = etree.fromstring(response.content)
        if not unavailable and (identify or root.find("oai:Identify", OAI) is None):
            schema.count(xml_schemas.errors(xml_schemas.oai_pmh(), response.content))
        return root

    def pages(params: dict) -> None:
        root = check(params)
        token = root.find(".//oai:resumptionToken", OAI)
        while token is not None and token.text:
            root = check([("verb", params["verb"]), ("resumptionToken", token.text)])
            token = root.find(".//oai:resumptionToken", OAI)

    check({"verb": "Identify"})
    check({"verb": "ListMetadataFormats"})
    pages({"verb": "ListSets"})
    for metadata_prefix in ("oai_dc", "gongkai"):
        for verb in ("ListRecords", "ListIdentifiers"):
            pages({"verb": verb, "metadataPrefix": metadata_prefix})
        pages({"verb": "ListRecords", "metadataPrefix": metadata_prefix, "set": "kind:notice", "from": "2000-01-01"})
        for record in [*records[:20], withdrawn]:
            check({"verb": "GetRecord", "metadataPrefix": metadata_prefix, "identifier": prefix + record.id})
    for params in test_strict_oai.BAD_ARGUMENTS + [{}, {"verb": "Harvest"}, {"verb": "ListRecords", "metadataPrefix": "marc21"},
                                                  {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": prefix + "missing"},
                                                  {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "1999-01-01"},
                                                  {"verb": "ListRecords", "resumptionToken": "not-a-token"}]:
        check(params)

    from oaipmh_scythe import Scythe
    from oaipmh_scythe.config import HTTPConfig
    from sickle import Sickle

    live = len(records)
    harvesters = []
    for name, harvest in (
        ("sickle", lambda p: list(Sickle(url, max_retries=0, timeout=30).ListRecords(metadataPrefix=p, ignore_deleted=False))),
        ("oaipmh-scythe", lambda p: list(Scythe(url, http_config=HTTPConfig(timeout=30)).list_records(metadata_prefix=p))),
    ):
        row = Row(f"{name} (harvester)", version("sickle" if name == "sickle" else "oaipmh-scythe"), "records harvested, oai_dc and gongkai (deleted ones included)")
        for metadata_prefix in ("oai_dc", "gongkai"):
            harvested = harvest(metadata_prefix)
            ids = [r.header.identifier for r in harvested]
            for r in harvested:
                row.count(None if (r.deleted or r.metadata) else f"{r.header.identifier}: no metadata")
            if len(set(ids)) != live or [r.header.identifier for r in harvested if r.deleted] != [prefix + withdrawn.id]:
                row.failures += 1
                row.examples.append(f"{metadata_prefix}: {len(set(ids))} distinct identifiers, {live} expected")
        harvesters.append(row)
    harvesters.append(oaipmh_row(url, live, prefix + withdrawn.id))
    return ([] if unavailable else [schema]) + harvesters


def oaipmh_row(url: str, live: int, deleted: str) -> Row:
    """oaipmh, the maintained fork of pyoai (pyoai 2.5 needs lxml < 5): it checks datestamps and granularity itself."""
    from oaipmh.client import Client
    from oaipmh.metadata import MetadataReader, MetadataRegistry, oai_dc_reader

    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    registry.registerReader("gongkai", MetadataReader(fields={"title": ("textList", "g:record/g:title/text()")}, namespaces={"g": "urn:gongkai:record:1.0"}))
    row = Row("oaipmh (harvester; pyoai's maintained fork)", version("oaipmh"), "records harvested, oai_dc and gongkai (deleted ones included)")
    client = Client(url, registry)
    for metadata_prefix in ("oai_dc", "gongkai"):
        harvested = list(client.listRecords(metadataPrefix=metadata_prefix))
        for header, metadata, _ in harvested:
            row.count(None if (header.isDeleted() or (metadata and metadata.getField("title"))) else f"{header.identifier()}: no title")
        ids = {header.identifier() for header, _, _ in harvested}
        if len(ids) != live or [h.identifier() for h, _, _ in harvested if h.isDeleted()] != [deleted]:
            row.failures += 1
            row.examples.append(f"{metadata_prefix}: {len(ids)} distinct identifiers, {live} expected")
    return row


def atom_rows(base: str, records: list[Record], feedvalidator: tuple[str, str, str | None] | None) -> list[Row]:
    site = {"base": base, "records": records, "notices": []}
    issuers = sorted({r.issuer for r in records if r.issuer})
    paths = ([(f"/feeds/notices/{t}.atom", {}) for t in NOTICE_TYPES] + [(f"/feeds/issuer/{name}.atom", {}) for name in issuers]
             + [("/feeds/issuer/不存在的机关.atom", {}), ("/feeds/outages.atom", {"area": "湖里区"}), ("/feeds/outages.atom", {"area": "莲前西路"})]
             + [("/feeds/search.atom", p) for p in ({}, {"q": "停电"}, {"q": "通知", "kind": "disclosure"}, {"kind": "notice", "from": "2024-01-01"}, {"q": "没有这样的词语组合"})])
    row = Row("feedparser (bozo) + RFC 4287 rules of tests/test_strict_atom.py", version("feedparser"), "Atom feeds: every notice type, every issuer, searches, street outage feeds, an empty feed")
    bodies = {}
    for path, params in paths:
        response = httpx.get(base + path, params=params, timeout=30)
        bodies[str(response.request.url)] = response.content
        try:
            test_strict_atom.check_feed(site, response)
            row.count(None)
        except AssertionError as exc:
            row.count(f"{path} {params}: {str(exc)[:200]}")
    rows = [row, uri_row(bodies)]
    if feedvalidator:
        rows.append(w3c_feedvalidator(bodies, *feedvalidator))
    return rows


def uri_row(bodies: dict[str, bytes]) -> Row:
    """RFC 3986's grammar (rfc3986-validator, jsonschema's `uri` format) on every link and id of the feeds."""
    from rfc3986_validator import validate_rfc3986

    atom = "{http://www.w3.org/2005/Atom}"
    row = Row("rfc3986-validator (every Atom link and id)", version("rfc3986-validator"), "the same Atom feeds")
    for url, body in bodies.items():
        root = etree.fromstring(body)
        uris = [link.get("href") for link in root.iter(f"{atom}link")] + [node.text for node in root.iter(f"{atom}id")]
        row.count([f"{url}: {u}" for u in uris if not validate_rfc3986(u)])
    return row


def calendar_rows(base: str, areas: list[str]) -> list[Row]:
    """The street calendars read by five iCalendar clients: the same events (UID, start) for each, RFC 5545 folding."""
    from datetime import date

    import icalendar
    import ics
    import recurring_ical_events
    import vobject
    from ical.calendar_stream import IcsCalendarStream

    names = "icalendar, ical, vobject, ics-py, recurring-ical-events"
    versions = ", ".join(version(n) for n in ("icalendar", "ical", "vobject", "ics", "recurring-ical-events"))
    row = Row(names, versions, "street calendars (/feeds/outages.ics): the same events for each, lines folded at 75 octets")
    for area in areas:
        data = httpx.get(base + "/feeds/outages.ics", params={"area": area}, timeout=30).content
        text = data.decode("utf-8")
        problems = [f"{area}: a line of {len(line)} octets" for line in data.split(b"\r\n") if len(line) > 75]
        ours = sorted((str(e["uid"]), e.decoded("dtstart").isoformat()) for e in icalendar.Calendar.from_ical(data).walk("VEVENT"))
        readings = {
            "ical": sorted((e.uid, e.dtstart.isoformat()) for e in IcsCalendarStream.calendar_from_ics(text).events),
            "vobject": sorted((e.uid.value, e.dtstart.value.isoformat()) for e in getattr(vobject.readOne(text), "vevent_list", [])),
            "ics-py": sorted((e.uid, e.begin.isoformat()) for e in ics.Calendar(text).events),
            "recurring-ical-events": sorted((str(e["uid"]), e.decoded("dtstart").isoformat())
                                            for e in recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(date(1990, 1, 1), date(2100, 1, 1))),
        }
        problems += [f"{area}: {name} read {len(got)} events, icalendar {len(ours)}" for name, got in readings.items() if got != ours]
        row.count(problems)
    return [row]


_FEEDVALIDATOR = r"""
import json, sys
sys.path.insert(0, sys.argv[1] + "/src")
import feedvalidator
from feedvalidator import compatibility
from feedvalidator.formatter.text_plain import Formatter
from feedvalidator.logging import Error
feeds = json.load(sys.stdin)
out = {}
for url, body in feeds.items():
    events = compatibility.AA(feedvalidator.validateString(body.encode("utf-8"), firstOccurrenceOnly=1, base=url)["loggedEvents"])
    out[url] = [line for line, event in zip(Formatter(events), events) if isinstance(event, Error)], list(Formatter(events))
print(json.dumps(out))
"""


def w3c_feedvalidator(bodies: dict[str, bytes], source: str, python: str, revision: str | None) -> Row:
    """The W3C feedvalidator (compatibility level AA, as the online service): errors fail, warnings are listed."""
    revision = revision or subprocess.run(["git", "-C", source, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "?"
    row = Row("W3C feedvalidator (level AA)", f"source {revision}", "the same Atom feeds")
    run = subprocess.run([python, "-c", _FEEDVALIDATOR, source], input=json.dumps({u: b.decode("utf-8") for u, b in bodies.items()}),
                         capture_output=True, text=True, timeout=600)
    if run.returncode:
        raise SystemExit(f"the feedvalidator failed: {run.stderr[-2000:]}")
    warnings = set()
    for url, (errors, everything) in json.loads(run.stdout).items():
        row.count([f"{url}: {e}" for e in errors])
        warnings.update(line.split(" (")[0] for line in everything if line not in errors)
    row.warnings = sorted(warnings)  # type: ignore[attr-defined]
    return row


def sitemap_rows(base: str) -> list[Row]:
    unavailable = xml_schemas.missing("sitemap.xsd", "siteindex.xsd")
    for reason in unavailable:
        print(f"note: {reason}", file=sys.stderr)
    with_index = "siteindex.xsd" not in " ".join(unavailable)
    with_pages = "sitemap.xsd" not in " ".join(unavailable)
    if not (with_index or with_pages):
        return []
    names = ", ".join(n for n, ok in (("sitemap.xsd", with_pages), ("siteindex.xsd", with_index)) if ok)
    what = ("/sitemap.xml (an index) and " if with_index else "") + ("every page" if with_pages else "")
    row = Row(f"{names} (sitemaps.org 0.9)", f"lxml {version('lxml')}", what)
    index = httpx.get(base + "/sitemap.xml", timeout=30).content
    if with_index:
        row.count(xml_schemas.errors(xml_schemas.siteindex(), index))
    for loc in etree.fromstring(index).findall("s:sitemap/s:loc", SITEMAP) if with_pages else []:
        row.count(xml_schemas.errors(xml_schemas.sitemap(), httpx.get(loc.text, timeout=30).content))
    return [row]


def openapi_rows(served: dict) -> list[Row]:
    from openapi_core import Config, OpenAPI
    from openapi_spec_validator import validate

    spec = Row("openapi-spec-validator", version("openapi-spec-validator"), "the served /openapi.json")
    try:
        validate(served["document"])
        spec.count(None)
    except Exception as exc:  # noqa: BLE001 — the row reports it
        spec.count(str(exc)[:300])
    core = Row("openapi-core (response validation)", version("openapi-core"), "real responses of every route: answers and declared errors")
    openapi = OpenAPI.from_dict(served["document"], config=Config(extra_media_type_deserializers=test_strict_openapi._TEXT_TYPES))
    with httpx.Client(base_url=served["base"], timeout=30) as client:
        outage = next(r for r in served["records"][2:] if r.notice_type == "outage")  # structured notice fields
        for method, path, kwargs in [*test_strict_openapi.sample_requests(served), ("GET", f"/api/documents/{outage.id}", {})]:
            response = client.request(method, path, **kwargs)
            try:
                openapi.validate_response(test_strict_openapi._Request(response.request), test_strict_openapi._Response(response))
                core.count(None)
            except Exception as exc:  # noqa: BLE001
                core.count(f"{method} {path} {response.status_code}: {exc!r}"[:300])
    return [spec, core]


def redocly_row(document: dict) -> list[Row]:
    """Redocly's recommended rules on the served document (npm @redocly/cli, pinned in tests/validators/)."""
    from tests import test_strict_openapi_lint as lint

    if not shutil.which("node") or not lint.REDOCLY.is_file():
        print(f"note: Redocly needs node and {lint.REDOCLY} (./dev test installs it)", file=sys.stderr)
        return []
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "openapi.json").write_text(json.dumps(document), encoding="utf-8")
        (Path(tmp) / "redocly.yaml").write_text(lint.CONFIG, encoding="utf-8")
        run = subprocess.run(["node", str(lint.REDOCLY), "lint", "--config", str(Path(tmp) / "redocly.yaml"), "--format=json", str(Path(tmp) / "openapi.json")],
                             capture_output=True, text=True, timeout=120)
    report = json.loads(run.stdout)
    row = Row("Redocly CLI (recommended rules, no-empty-servers off)", report.get("version", "?"), "the served /openapi.json")
    row.count([f"{p['ruleId']}: {p['message']}" for p in report["problems"] if p["severity"] == "error"])
    row.warnings = sorted({p["ruleId"] for p in report["problems"] if p["severity"] != "error"})  # type: ignore[attr-defined]
    return [row]


def html_rows(base: str, paths: dict[str, str]) -> list[Row]:
    rows = []
    pages = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for name, path in paths.items():
            pages[name] = client.get(path, auth=test_strict_html.ADMIN if path.startswith("/admin") else None).text
    if shutil.which("java") and test_strict_html.VNU_JAR.is_file():
        vnu_version = subprocess.run(["java", "-jar", str(test_strict_html.VNU_JAR), "--version"], capture_output=True, text=True).stdout.strip()
        row = Row("Nu Html Checker (vnu-jar)", vnu_version, "pages: " + ", ".join(paths))
        with tempfile.TemporaryDirectory() as workdir:
            errors = test_strict_html.nu_errors(pages, Path(workdir))
        for name in paths:
            row.count([e for e in errors if e.startswith(name + " line")])
        rows.append(row)
    if test_strict_html.CHROMIUM.exists() and test_strict_html.AXE_JS.is_file():
        axe_version = json.loads((test_strict_html.AXE_JS.parent / "package.json").read_text())["version"]
        row = Row("axe-core in Chromium (WCAG 2.2 A/AA + heading rules)", axe_version, "the same pages")
        violations = test_strict_html.axe_violations(base, paths)
        for name in paths:
            row.count([v for v in violations if v.startswith(name + ":")])
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feedvalidator", help="a W3C feedvalidator source checkout")
    parser.add_argument("--feedvalidator-python", default=sys.executable, help="the interpreter that runs it")
    parser.add_argument("--feedvalidator-version", help="its revision, for the table (default: git rev-parse in SRC)")
    parser.add_argument("--out", type=Path, default=RESULTS / "conformance.md")
    args = parser.parse_args()

    records = sample_records() + [Record(**r) for r in govcn_records()] + [test_strict_html.OUTAGE]
    admin = {"admin_user": test_strict_html.ADMIN[0], "admin_password_hash": hash_password(test_strict_html.ADMIN[1], iterations=10_000)}
    with tempfile.TemporaryDirectory(prefix="gongkai-conformance-") as tmp, served_engine(
        Path(tmp) / "data", records, scheduler=admin, feeds={"oai_page_size": 100, "sitemap_page_size": 100, "atom_entries": 50}
    ) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        withdrawn = records[1]  # as in tests/test_strict_openapi.py: its sample expects a 410 there
        engine.withdraw(withdrawn.id, "撤销")
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        served = {"engine": engine, "base": base, "records": records, "token": token, "document": httpx.get(base + "/openapi.json", timeout=30).json()}
        live = next(r for r in records[10:] if r.issuer and r.kind == "disclosure")
        html_paths = {
            "home": "/", "search": "/search?q=通知", "filtered search": f"/search?q=通知&kind=disclosure&issuer={live.issuer}&from=2000-01-01",
            "no result": "/search?q=没有这样的词语组合", "detail": f"/documents/{live.id}?q=通知", "outage notice": f"/documents/{test_strict_html.OUTAGE.id}",
            "outages": "/outages?area=莲前西路&date=2024-03-12", "admin": "/admin", "404": "/documents/nope", "410": f"/documents/{withdrawn.id}",
        }
        rows = (oai_rows(base + "/oai", records, withdrawn) + atom_rows(base, records, (args.feedvalidator, args.feedvalidator_python, args.feedvalidator_version) if args.feedvalidator else None)
                + calendar_rows(base, ["莲前西路", "湖滨南路", "湖里区", "思明区", "不存在的街道"])
                + sitemap_rows(base) + openapi_rows(served) + redocly_row(served["document"]) + html_rows(base, html_paths))

    lines = ["| validator or client | version | what | responses checked | failures |", "| --- | --- | --- | ---: | ---: |"]
    lines += [f"| {r.checker} | {r.version} | {r.what} | {r.checked} | {r.failures} |" for r in rows]
    table = "\n".join(lines)
    print(table)
    for row in rows:
        for example in row.examples[:5]:
            print(f"  {row.checker}: {example}")
        if getattr(row, "warnings", None):
            print(f"  {row.checker} warnings (not failures): {'; '.join(row.warnings)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
