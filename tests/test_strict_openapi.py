"""The served OpenAPI document checked by openapi-spec-validator, and real responses of a sample of every
route (answers and errors) validated against it by openapi-core: status declared, media type declared
(Atom, XML, text — not the application/json FastAPI assumes), body matching the declared schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx
import pytest
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.deserializing.media_types.util import plain_loads
from openapi_core.exceptions import OpenAPIError
from openapi_spec_validator import validate
from werkzeug.datastructures import Headers, ImmutableMultiDict

from gongkai.feeds.tokens import TokenStore
from gongkai.record import Record
from tests.support import sample_records, served_engine

#: XML and Atom bodies are strings to OpenAPI (their structure is checked against the XSDs elsewhere).
_TEXT_TYPES = {"text/xml": plain_loads, "application/atom+xml": plain_loads, "text/calendar": plain_loads}


@dataclass
class _Request:
    """An httpx request as openapi-core reads one."""

    request: httpx.Request
    parameters: RequestParameters = field(init=False)

    def __post_init__(self) -> None:
        url = urlsplit(str(self.request.url))
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(url.query, keep_blank_values=True)),
            header=Headers(dict(self.request.headers)),
            cookie=ImmutableMultiDict(),
        )
        self.host_url = f"{url.scheme}://{url.netloc}"
        self.path = unquote(url.path)
        self.method = self.request.method.lower()
        self.body = self.request.content or None
        self.content_type = self.request.headers.get("content-type", "")


@dataclass
class _Response:
    response: httpx.Response

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def data(self) -> bytes:
        return self.response.content

    @property
    def content_type(self) -> str:
        return self.response.headers.get("content-type", "")

    @property
    def headers(self) -> Headers:
        return Headers(dict(self.response.headers))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    records = sample_records()[:60]
    with served_engine(tmp_path_factory.mktemp("strict_openapi") / "data", records, feeds={"sitemap_page_size": 25}) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        engine.withdraw(records[1].id, "撤销")
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        document = httpx.get(base + "/openapi.json", timeout=10).json()
        yield {"engine": engine, "base": base, "records": records, "token": token, "document": document}


def sample_requests(served) -> list[tuple[str, str, dict]]:
    """(method, path, httpx keyword arguments): each route's answers and its declared errors."""
    records = served["records"]
    notice = next(r for r in records if r.kind == "notice")
    auth = {"Authorization": f"Bearer {served['token']}"}
    pushed = Record(title="厦门市财政局关于公开2024年预算的通知", issuer="厦门市财政局", body="预算公开").model_dump(mode="json", exclude_defaults=True)
    return [
        ("GET", "/healthz", {}),
        ("GET", "/api/search", {"params": {"q": "停电"}}),
        ("GET", "/api/search", {"params": {"page_size": "100000"}}),
        ("GET", "/api/search", {"params": {"kind": "poster"}}),
        ("GET", "/api/search", {"params": {"q": "停电", "limit": "3"}}),  # page_size by the name many clients send
        ("GET", "/api/search", {"params": {"keyword": "停电"}}),  # a parameter it does not take: 400 (doors2)
        ("GET", "/api/suggest", {"params": {"q": "厦门", "size": "3"}}),
        ("GET", f"/api/documents/{records[0].id}", {}),
        ("GET", "/api/documents/nope", {}),
        ("GET", f"/api/documents/{records[1].id}", {}),
        ("GET", "/api/lookup", {"params": {"doc_number": records[0].doc_number or "厦府〔2014〕12号"}}),
        ("GET", "/api/notices/outages", {"params": {"area": "思明区", "date": "2024-03-12"}}),
        ("GET", "/api/notices/outages", {"params": {"area": "同集中路", "date": "2023-09-20"}}),  # an answer with a notice in it
        ("GET", "/api/notices/outages", {"params": {"date": "not a date"}}),
        ("GET", "/api/stats", {}),
        ("POST", "/api/ingest", {"json": pushed}),
        ("POST", "/api/ingest", {"json": pushed, "headers": auth}),
        ("POST", "/api/ingest", {"content": b"{", "headers": {**auth, "Content-Type": "application/json"}}),
        ("POST", "/api/ingest", {"content": b"x", "headers": {**auth, "Content-Type": "image/png"}}),
        ("GET", "/feeds/search.atom", {"params": {"q": "停电"}}),
        ("GET", "/feeds/search.atom", {"params": {"kind": "poster"}}),
        ("GET", f"/feeds/issuer/{records[0].issuer or '厦门市人民政府'}.atom", {}),
        ("GET", "/feeds/issuer/%01.atom", {}),
        ("GET", f"/feeds/notices/{notice.notice_type or 'other'}.atom", {}),
        ("GET", "/feeds/notices/poster.atom", {}),
        ("GET", f"/feeds/notices/{notice.notice_type or 'other'}.atom", {"params": {"after": "start"}}),  # paged (RFC 5005)
        ("GET", f"/feeds/notices/{notice.notice_type or 'other'}.atom", {"params": {"before": "yesterday"}}),
        ("GET", "/feeds/search.atom", {"params": {"q": "停电", "until": "2024-03-12"}}),
        ("GET", "/feeds/search.atom", {"params": {"q": "停电", "until": "2024-3-12"}}),
        ("GET", "/feeds/outages.atom", {"params": {"area": "思明区"}}),
        ("GET", "/feeds/outages.ics", {"params": {"area": "思明区"}}),
        ("GET", "/feeds/outages.ics", {}),
        ("GET", "/oai", {"params": {"verb": "Identify"}}),
        ("GET", "/oai", {"params": {"verb": "ListRecords", "metadataPrefix": "oai dc"}}),
        ("POST", "/oai", {"data": {"verb": "ListSets"}}),
        ("GET", "/oai/gongkai-record.xsd", {}),
        ("GET", "/sitemap.xml", {}),
        ("GET", "/sitemap-1.xml", {}),
        ("GET", "/sitemap-9.xml", {}),
        ("GET", "/sitemap-abc.xml", {}),
        ("GET", "/sitemaps/1.xml", {"follow_redirects": False}),
        ("GET", "/sitemaps/abc.xml", {}),
        ("GET", "/robots.txt", {}),
    ]


def test_the_openapi_document_is_valid(served):
    validate(served["document"])  # raises with the first problem
    assert served["document"]["openapi"].startswith("3.")


def test_xml_routes_declare_their_real_media_types(served):
    paths = served["document"]["paths"]

    def declared(path: str, method: str = "get", status: str = "200") -> set[str]:
        return set(paths[path][method]["responses"][status].get("content", {}))

    assert declared("/feeds/search.atom") == {"application/atom+xml"}
    assert declared("/oai") == declared("/oai", "post") == {"text/xml"}
    assert declared("/sitemap.xml") == declared("/sitemap-{number}.xml") == {"text/xml"}
    assert declared("/oai/gongkai-record.xsd") == {"text/xml"}
    assert declared("/robots.txt") == {"text/plain"}
    assert {"401", "413", "415", "422", "429"} <= set(paths["/api/ingest"]["post"]["responses"])
    assert "404" in paths["/feeds/notices/{notice_type}.atom"]["get"]["responses"]


def test_real_responses_of_every_route_conform_to_the_document(served):
    openapi = OpenAPI.from_dict(served["document"], config=Config(extra_media_type_deserializers=_TEXT_TYPES))
    statuses, problems = set(), []
    with httpx.Client(base_url=served["base"], timeout=10) as client:
        for method, path, kwargs in sample_requests(served):
            response = client.request(method, path, **kwargs)
            statuses.add(response.status_code)
            assert response.status_code < 500, (method, path, response.text[:300])
            try:
                openapi.validate_response(_Request(response.request), _Response(response))
            except Exception as exc:  # noqa: BLE001 — collect every failure, then report them together
                problems.append(f"{method} {path} {response.status_code} {response.headers.get('content-type')}: {exc!r}"[:400])
    assert problems == []
    assert {200, 201, 301, 400, 401, 404, 410, 415, 422} <= statuses, statuses


def test_a_304_to_a_client_polling_with_its_etag_conforms_to_the_document(served):
    """Every document the conditional GET covers (feeds, calendars, sitemaps, robots.txt, the OAI schema) declares
    If-None-Match, its ETag and the 304: undeclared, openapi-core refused the answer every polling reader gets
    (clients2, session 12)."""
    openapi = OpenAPI.from_dict(served["document"], config=Config(extra_media_type_deserializers=_TEXT_TYPES))
    polled = [(path, kwargs) for method, path, kwargs in sample_requests(served) if method == "GET" and path.startswith(("/feeds/", "/sitemap", "/robots.txt", "/oai/"))]
    problems, answered = [], 0
    with httpx.Client(base_url=served["base"], timeout=10) as client:
        for path, kwargs in polled:
            first = client.get(path, **kwargs)
            if first.status_code != 200:
                continue
            again = client.get(path, params=kwargs.get("params"), headers={"If-None-Match": first.headers["etag"]})
            assert again.status_code == 304 and again.content == b"", path
            answered += 1
            try:
                openapi.validate_response(_Request(again.request), _Response(again))
                openapi.validate_response(_Request(first.request), _Response(first))
            except Exception as exc:  # noqa: BLE001 — collect every failure, then report them together
                problems.append(f"{path}: {exc!r}"[:300])
    assert answered >= 9 and problems == []


def test_a_structured_outage_notice_conforms_to_the_document(served):
    openapi = OpenAPI.from_dict(served["document"], config=Config(extra_media_type_deserializers=_TEXT_TYPES))
    outage = next(r for r in served["records"][2:] if r.notice_type == "outage")  # records[1] is withdrawn
    response = httpx.get(f"{served['base']}/api/documents/{outage.id}", timeout=10)
    assert response.status_code == 200 and response.json()["record"]["notice"]
    openapi.validate_response(_Request(response.request), _Response(response))


def test_errors_of_machine_routes_are_json(served):
    for path in ("/sitemaps/abc.xml", "/sitemap-abc.xml", "/feeds/notices/poster.atom", "/feeds/nope.atom", "/oai/nope", "/feeds/issuer/%01.atom"):
        response = httpx.get(served["base"] + path, timeout=10)
        assert 400 <= response.status_code < 500 and response.headers["content-type"] == "application/json", (path, response.text[:200])
        assert set(response.json()) >= {"error", "message"}


def test_the_validation_can_fail(served):
    """What the issue found fails this check: a 422 HTML page, and an Atom 200 declared as JSON."""
    openapi = OpenAPI.from_dict(served["document"], config=Config(extra_media_type_deserializers=_TEXT_TYPES))
    request = httpx.Request("GET", served["base"] + "/sitemaps/abc.xml")
    html = httpx.Response(422, headers={"content-type": "text/html; charset=utf-8"}, content=b"<p>bad</p>", request=request)
    with pytest.raises(OpenAPIError):
        openapi.validate_response(_Request(request), _Response(html))
    old_document = {**served["document"], "paths": {**served["document"]["paths"]}}
    old_document["paths"]["/feeds/search.atom"] = {"get": {"responses": {"200": {"description": "", "content": {"application/json": {"schema": {}}}}}}}
    old = OpenAPI.from_dict(old_document, config=Config(extra_media_type_deserializers=_TEXT_TYPES))
    atom_request = httpx.Request("GET", served["base"] + "/feeds/search.atom")
    atom = httpx.get(served["base"] + "/feeds/search.atom", timeout=10)
    with pytest.raises(OpenAPIError):
        old.validate_response(_Request(atom_request), _Response(atom))


def test_a_304_to_a_client_polling_by_date_conforms_to_the_document(served, monkeypatch):
    """The store's documents declare If-Modified-Since and Last-Modified (session 13), so the 304 a client polling by
    date gets conforms too."""
    from datetime import timedelta

    from gongkai.web import conditional

    monkeypatch.setattr(conditional, "SETTLE", timedelta(seconds=-3600))  # the store's last change taken as committed
    openapi = OpenAPI.from_dict(served["document"], config=Config(extra_media_type_deserializers=_TEXT_TYPES))
    answered = 0
    with httpx.Client(base_url=served["base"], timeout=10) as client:
        for path in ("/feeds/notices/lost.atom", "/sitemap.xml", "/robots.txt", "/oai/gongkai-record.xsd"):
            first = client.get(path)
            again = client.get(path, headers={"If-Modified-Since": first.headers["last-modified"]})
            assert again.status_code == 304, path
            openapi.validate_response(_Request(again.request), _Response(again))
            answered += 1
    assert answered == 4


@pytest.mark.parametrize("query", ["/feeds/search.atom?q=停电&q=停水", "/feeds/search.atom?from=2024-01-01&from=2025-01-01",
                                   "/feeds/search.atom?until=2024-03-12&until=2024-03-11", "/feeds/outages.ics?area=思明区&area=湖里区",
                                   "/feeds/outages.atom?area=思明区&area=思明区"])
def test_a_feed_parameter_given_twice_is_refused_as_the_api_refuses_it(served, query):
    """The search feed took the last `q` of `q=停电&q=停水` and dropped the first unsaid (its id and self link named both),
    where /api/search answers 400 repeated_parameter; a street's calendar too (clients4, session 14). The 400 is declared."""
    openapi = OpenAPI.from_dict(served["document"], config=Config(extra_media_type_deserializers=_TEXT_TYPES))
    response = httpx.get(served["base"] + query, timeout=10)
    assert response.status_code == 400 and response.json()["error"] == "repeated_parameter", response.text[:300]
    openapi.validate_response(_Request(response.request), _Response(response))
