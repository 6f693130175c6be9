"""The served OpenAPI document linted by Redocly (npm @redocly/cli, its `recommended` rules, pinned in
tests/validators/), the linter API teams and SDK generators' pipelines run: no error. Before session 9 it had 24:
no security scheme (a generated client did not know POST /api/ingest takes a Bearer token, nor GET /api/sources
the operators' login) and notice models in a oneOf that `type` did not tell apart (not required)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import jsonschema
import pytest

from gongkai.record import Record
from tests.support import sample_records, served_engine

REDOCLY = Path(__file__).resolve().parent / "validators" / "node_modules" / "@redocly" / "cli" / "bin" / "cli.js"
#: `no-empty-servers` off: with no `servers` the API is at the document's own host ("/", OAS 3.1 §4.8.1), which is
#: right for every install; a fixed URL would be wrong on all but one.
CONFIG = "extends:\n  - recommended\nrules:\n  no-empty-servers: off\n"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    lost = Record(kind="notice", notice_type="lost", title="遗失声明", issuer="厦门日报", notice={"holder": "张三", "items": ["营业执照"]})
    with served_engine(tmp_path_factory.mktemp("openapi_lint") / "data", [*sample_records()[:5], lost]) as (engine, base):
        yield {"engine": engine, "base": base, "document": httpx.get(base + "/openapi.json", timeout=10).json(), "lost": lost}


def test_redocly_finds_no_error(served, tmp_path):
    if not shutil.which("node") or not REDOCLY.is_file():
        pytest.skip(f"Redocly needs node and {REDOCLY} (npm @redocly/cli): run ./dev test to install it")
    (tmp_path / "openapi.json").write_text(json.dumps(served["document"]), encoding="utf-8")
    (tmp_path / "redocly.yaml").write_text(CONFIG, encoding="utf-8")
    run = subprocess.run(["node", str(REDOCLY), "lint", "--config", str(tmp_path / "redocly.yaml"), "--format=json", str(tmp_path / "openapi.json")],
                         capture_output=True, text=True, timeout=120)
    report = json.loads(run.stdout)
    errors = [f"{p['ruleId']}: {p['message']}" for p in report["problems"] if p["severity"] == "error"]
    assert errors == [] and report["totals"]["errors"] == 0


def test_logins_are_declared_where_they_are_asked(served):
    document = served["document"]
    schemes = document["components"]["securitySchemes"]
    assert schemes["agencyToken"] == {"type": "http", "scheme": "bearer", "description": schemes["agencyToken"]["description"]}
    assert schemes["operatorLogin"]["scheme"] == "basic"
    assert document["paths"]["/api/ingest"]["post"]["security"] == [{"agencyToken": []}]
    assert document["paths"]["/api/sources"]["get"]["security"] == [{"operatorLogin": []}]
    assert document["security"] == [], "every other operation is public, and says so"
    # the declared schemes are what the routes really ask for
    assert httpx.post(served["base"] + "/api/ingest", json={"title": "x"}, timeout=10).status_code == 401
    assert httpx.get(served["base"] + "/api/sources", timeout=10).status_code == 401


def test_a_notice_matches_exactly_one_model_of_the_oneof(served):
    """`type` is required in answers (always written), so the notice models are exclusive: a real answer's notice
    validates against one of them only, however few fields it has."""
    document = served["document"]
    record_schema = document["components"]["schemas"]["Record"]
    members = next(option["oneOf"] for option in record_schema["properties"]["notice"]["anyOf"] if "oneOf" in option)
    resolver_root = {"components": document["components"]}
    notice = httpx.get(f"{served['base']}/api/documents/{served['lost'].id}", timeout=10).json()["record"]["notice"]
    matching = []
    for member in members:
        schema = {**member, "components": document["components"]} if "$ref" not in member else {**resolver_root, "$ref": member["$ref"]}
        declared = document["components"]["schemas"][member["$ref"].rsplit("/", 1)[-1]] if "$ref" in member else member
        assert "type" in declared.get("required", []), declared.get("title")
        if jsonschema.Draft202012Validator(schema).is_valid(notice):
            matching.append(member.get("title") or member["$ref"])
    assert matching == ["LostNotice"]


def test_the_feed_routes_parameters_are_declared(served):
    """The feed routes read their query themselves, so FastAPI declared none of it: a generated client had no `area`
    for a street's calendar, no `q` for a search feed, no OAI-PMH argument. They are declared now, as the API's."""
    paths = served["document"]["paths"]
    names = {(path, method): [(p["name"], p.get("required", False)) for p in operation.get("parameters", []) if p["in"] == "query"]
             for path, methods in paths.items() for method, operation in methods.items()}
    search = dict(names[("/api/search", "get")])
    assert dict(names[("/feeds/search.atom", "get")]) == {**{n: search[n] for n in ("q", "kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "validity", "from", "to")},
                                                          "until": False}  # its pages (RFC 5005, gongkai.feeds.atom_pages)
    assert names[("/feeds/issuer/{name}.atom", "get")] == names[("/feeds/notices/{notice_type}.atom", "get")] == [("before", False), ("after", False)]
    assert names[("/feeds/outages.ics", "get")] == names[("/feeds/outages.atom", "get")] == [("area", True)]
    oai = ["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken"]
    assert [n for n, _ in names[("/oai", "get")]] == oai
    form = paths["/oai"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    assert list(form["properties"]) == oai
    assert paths["/oai"]["post"]["requestBody"]["required"] is False  # no body is badVerb, a 200 (schemathesis ST201)
    # the documents a reader polls take its ETag back (web/conditional.py); since session 19 (clients9) the API and
    # OAI-PMH answers too (tagged by their data state), not the operators' numbers nor liveness
    headers = {path for path, methods in paths.items() if any(p["in"] == "header" for p in methods.get("get", {}).get("parameters", []))}
    assert {"/feeds/search.atom", "/feeds/outages.ics", "/sitemap.xml", "/robots.txt", "/oai", "/api/search"} <= headers
    assert not {"/api/stats", "/healthz"} & headers


@pytest.mark.parametrize(("method", "path", "allow"), [("OPTIONS", "/healthz", "GET, HEAD"), ("OPTIONS", "/oai", "GET, HEAD, POST"),
                                                       ("DELETE", "/api/search", "GET, HEAD"), ("POST", "/feeds/outages.ics", "GET, HEAD")])
def test_a_405_names_every_method_the_path_takes(served, method, path, allow):
    """RFC 9110 §15.5.6: a 405 carries Allow with the target's methods. GET and HEAD of /healthz are two routes, and
    Starlette named the first one's only (`Allow: HEAD`): schemathesis' unsupported-method check (ST205)."""
    response = httpx.request(method, served["base"] + path, timeout=10)
    assert response.status_code == 405 and response.headers["allow"] == allow
    assert response.json()["error"] == "method_not_allowed"


@pytest.mark.parametrize("path", ["/feeds/notices/lost.atom", "/feeds/outages.ics?area=湖滨南路", "/sitemap.xml", "/robots.txt",
                                  "/oai?verb=Identify", "/api/search?q=遗失", "/api/stats", "/healthz", "/", "/openapi.json",
                                  "/search?q=思明区停电", "/search?q=营业执照遗失&sort=date"])
def test_head_is_a_get_without_its_body(served, path):
    """RFC 9110 §9.1: a general-purpose server supports GET and HEAD. HEAD was a 405 on every route but the pages and
    /healthz (FastAPI routes are GET only): link checkers, sitemap tools and `curl -I` use it."""
    get = httpx.get(served["base"] + path, timeout=10, headers={"Accept-Encoding": "identity"})
    head = httpx.head(served["base"] + path, timeout=10, headers={"Accept-Encoding": "identity"})
    assert get.status_code == head.status_code == 200, (get.status_code, head.status_code)
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert int(head.headers["content-length"]) == len(get.content) > 0


def test_a_multipart_push_with_a_part_it_does_not_read_is_refused(served, tmp_path):
    """A misspelt `metadta` part was ignored, so the agency's metadata was lost without a word (schemathesis'
    negative-data check: "schema-violating request accepted"); now 422 naming it, and the schema says so."""
    from gongkai.feeds.tokens import TokenStore

    engine = served["engine"]
    token, _ = TokenStore(engine.store).create("厦门市财政局")
    headers = {"Authorization": f"Bearer {token}"}
    notice = ("notice.txt", "停电通知\n因检修，湖滨南路明天停电。".encode(), "text/plain")
    refused = httpx.post(served["base"] + "/api/ingest", headers=headers, files={"file": notice}, data={"metadta": '{"topic": "电力"}'}, timeout=30)
    assert refused.status_code == 422 and refused.json()["error"] == "unknown_part" and "'metadta'" in refused.json()["message"]
    assert refused.json()["message"].startswith("未知的表单字段")
    stored = httpx.post(served["base"] + "/api/ingest", headers=headers, files={"file": notice}, data={"metadata": '{"topic": "电力"}'}, timeout=30)
    assert stored.status_code == 201, stored.text
    multipart = served["document"]["paths"]["/api/ingest"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert multipart["additionalProperties"] is False
