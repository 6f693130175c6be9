"""Hostile and random input never makes the server fail: every answer is 200, 400 or 422 (pages: 200/400),
with a JSON error body on the API, and the server keeps answering normal queries afterwards."""

from __future__ import annotations

import random
from urllib.parse import quote

import httpx
import pytest

from tests.support import sample_records, served_engine

MALICIOUS = [
    '"', '""', '"""', "'", "''", '"停电', '停电"', ":", "::", "title:", ":停电", "title:停电", "body:\"\"", "doc_number:",
    "(", ")", "((((", "))))", "(停电", "停电)", "[", "]", "{", "}", "[1 TO", "[* TO *]", "{a TO b}", "*", "?", "~", "^",
    "停电^100", "停电~2", "+", "-", "+-+-", "AND", "OR", "NOT", "AND OR NOT", "停电 AND", "OR 停电", "NOT NOT NOT",
    "\\", "\\\\", "\\\"", "/", "/.*/", "/[/", "!", "&&", "||", "a && || b", "%", "%00", "%%", "$", "#", "@", "`",
    "' OR '1'='1", "'; DROP TABLE records; --", "1; SELECT * FROM records", "\" OR 1=1 --", "UNION SELECT",
    "<script>alert(1)</script>", "<em>", "</em>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "&lt;", "&#x3C;",
    "\x00", "停\x00电", "\x01\x02\x03", "\t\n\r", "\x7f", "\u200b", "\ufeff", "\u3000", "\u3000\u3000停电\u3000",
    "\ud7ff", "\U0001f600", "停电\U0001f4a1", "\U0001f1e8\U0001f1f3", "\u202e反转", "\u0301", "e\u0301",
    "厦府〔2014〕12号", "厦府[2014]12号", "厦府【2014】12号", "〔〕", "〔2014〕", "[2014]", "号", "第号",
    "XM00100-0200-2014-00012", "000014349/2019-00007", "////", "----", "-2014-", "0" * 200,
    "停电 " * 100, "字" * 500, "a" * 500, " " * 500, "停" * 499 + '"', "(" * 250, '"' * 500, ":" * 500,
    "廈門 停電", "ＡＢＣ", "ｔｉｔｌｅ：停電", "null", "None", "undefined", "NaN", "-1", "1e309", "🙂" * 100,
]

ALPHABET = list('"\':()[]{}*?~^+-!&|\\/<>=%#@$` \t\n\x00\x1f\x7f') + list("停电水厦门府号〔〕（）【】ＡＢ　") + list("abcXYZ019") + ["\U0001f600", "\u200b"]


def random_queries(count: int, seed: int = 20241125) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60))) for _ in range(count)]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    # Rate limits off: every hostile body must reach the parsers, not stop at a 429.
    no_limits = {"push_rate_limit": 0, "push_rate_burst": 0}
    with served_engine(tmp_path_factory.mktemp("fuzz") / "data", sample_records(), feeds=no_limits) as (engine, base_url):
        yield engine, base_url


@pytest.fixture(scope="module")
def client(served):
    with httpx.Client(base_url=served[1], timeout=30) as client:
        yield client


def check_api(response: httpx.Response) -> None:
    assert response.status_code in (200, 400, 422), (response.status_code, response.request.url, response.text[:300])
    body = response.json()
    if response.status_code == 200:
        assert isinstance(body["total"], int) and isinstance(body["hits"], list)
        for hit in body["hits"]:
            # Whatever the query held, the snippet carries no markup but <em>.
            assert "<script" not in hit["snippet_html"] and "<img" not in hit["snippet_html"]
    else:
        assert body["error"] in ("invalid_parameter", "bad_query", "unknown_parameter", "repeated_parameter") and body["message"]


def test_malicious_queries_never_fail_the_api(client):
    for q in MALICIOUS:
        check_api(client.get("/api/search", params={"q": q}))
        check_api(client.get("/api/search", params={"q": q, "sort": "date", "kind": "notice"}))


def test_random_queries_never_fail_the_api(client):
    for q in random_queries(300):
        check_api(client.get("/api/search", params={"q": q}))


def test_over_long_queries_are_refused_not_run(client):
    for q in ("字" * 501, "a" * 10_000, '"' * 5_000):
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 422 and response.json()["detail"][0]["parameter"] == "q"


def test_hostile_values_in_every_parameter(client):
    hostile = ["'", '"', "<script>", "\x00", "🙂", "字" * 300, "-1", "1e9", "[", "NaN", "%00"]
    names = ["kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "sort", "page", "page_size", "facets"]
    for name in names:
        for value in hostile:
            check_api(client.get("/api/search", params={"q": "停电", name: value}))
    for value in hostile + MALICIOUS[:40]:
        for path, param in (("/api/lookup", "doc_number"), ("/api/lookup", "index_number"), ("/api/notices/outages", "area")):
            response = client.get(path, params={param: value})
            assert response.status_code in (200, 422), (path, value, response.status_code, response.text[:200])
        response = client.get("/api/notices/outages", params={"area": "仙岳路", "date": value})
        assert response.status_code in (200, 422)


def test_raw_malformed_query_strings(client):
    # Bytes a browser would never send: broken percent-escapes, invalid UTF-8, repeated parameters.
    for raw in ("q=%", "q=%zz", "q=%ff%fe", "q=%e5%81", "q=a&q=b&q=c", "q&&&=&", "page=1&page=2", "q=%00%00", "=x", "q=%C0%AF"):
        check_api(client.get(f"/api/search?{raw}"))


def test_hostile_queries_on_the_page_are_escaped(client):
    for q in MALICIOUS + random_queries(60, seed=7):
        response = client.get("/search", params={"q": q})
        assert response.status_code in (200, 400), (q, response.status_code)
        assert "<script>alert(1)</script>" not in response.text
        assert "<img src=x" not in response.text


def test_server_still_answers_after_the_fuzzing(client):
    body = client.get("/api/search", params={"q": "停电"}).json()
    assert body["total"] > 5


# ------------------------------------------------------------------ feeds: OAI-PMH, sitemaps, Atom, push

#: Values no harvester, crawler or agency should send: control characters, huge numbers, odd unicode, long strings.
HOSTILE_VALUES = [
    "\x00", "%00", "a\x00b", "\x01\x02\x1f", "\x7f", "\x0b\x0c", "\ufffe", "\uffff", "\U0001f600", "\u202e反转", "\u200b",
    "99999999999999999999", "-99999999999999999999", "1" * 5000, "1e309", "NaN", "-1", "0", "",
    "字" * 5000, "a" * 20_000, "<script>alert(1)</script>", "]]>", "&amp;", "'\"", "oai_dc\x00", "oai:gongkai:\x00",
    "2014-05-06\x00", "9999-99-99", "99999-01-01", "0000-00-00T00:00:00Z", "2014-05-06T25:61:61Z",
]


def check_oai(response: httpx.Response) -> None:
    from lxml import etree

    assert response.status_code == 200, (response.status_code, response.request.url, response.text[:300])
    root = etree.fromstring(response.content)  # always well-formed XML, whatever was sent
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"


def test_oai_control_character_in_a_token_is_a_bad_argument(client):
    response = client.get("/oai?verb=ListRecords&resumptionToken=%00")
    check_oai(response)
    assert 'code="badArgument"' in response.text


def test_hostile_values_in_every_oai_verb_and_argument(client):
    arguments = ["identifier", "metadataPrefix", "from", "until", "set", "resumptionToken", "verb"]
    verbs = ["Identify", "ListMetadataFormats", "ListSets", "GetRecord", "ListIdentifiers", "ListRecords", "\x00", "字" * 300]
    for verb in verbs:
        for name in arguments:
            for value in HOSTILE_VALUES:
                params = {"verb": verb, "metadataPrefix": "oai_dc", name: value}
                check_oai(client.get("/oai", params=params))
        check_oai(client.post("/oai", data={"verb": verb, "identifier": "\x00", "metadataPrefix": "\x01"}))


def test_hostile_resumption_tokens(client):
    import base64
    import json as jsonlib

    def token(state: object) -> str:
        return base64.urlsafe_b64encode(jsonlib.dumps(state).encode()).decode().rstrip("=")

    good = {"p": "oai_dc", "f": None, "u": None, "s": None, "t": "2024-01-01T00:00:00+00:00", "i": "x", "c": 0}
    tokens = [
        "[" * 100_000, token("[" * 50_000), token([[[[]]]]), token({**good, "c": "9" * 5000}),
        token({**good, "c": 99999999999999999999}), token({**good, "c": -1}), token({**good, "t": "\x00"}),
        token({**good, "f": "\x00"}), token({**good, "s": "kind:\x00"}), token({**good, "p": "\x00"}),
        token(None), token(1e308), "=" * 1000, "!!!!", "\x00" * 10,
    ]
    # Well-formed but odd positions (past the end, before the beginning): an answer, maybe an empty page.
    odd = [token({**good, "t": "9999-12-31T23:59:59+00:00"}), token({**good, "t": "0001-01-01T00:00:00-23:59"}), token({**good, "i": {"a": 1}})]
    for value in odd:
        check_oai(client.post("/oai", data={"verb": "ListRecords", "resumptionToken": value}))
    for value in tokens:
        for verb in ("ListRecords", "ListIdentifiers", "ListSets"):
            # POST: some tokens are longer than a URL may be
            response = client.post("/oai", data={"verb": verb, "resumptionToken": value})
            check_oai(response)
            assert "<error" in response.text, (verb, value[:80])


def test_sitemap_page_numbers_are_bounded(client):
    for number in ("99999999999999999999", "9" * 400, "-99999999999999999999", "0", "-1", "1e9", "abc", "%00"):
        for path in (f"/sitemap-{number}.xml", f"/sitemaps/{number}.xml"):  # the pages, and their old address
            response = client.get(path, follow_redirects=False)
            assert response.status_code in (404, 422), (path, response.status_code, response.text[:200])
    assert client.get("/sitemaps/1.xml", follow_redirects=False).status_code == 301
    assert client.get("/sitemap-2147483647.xml").status_code in (200, 404)


def test_hostile_values_in_the_atom_feeds(client):
    names = ["q", "kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "from", "to"]
    for name in names:
        for value in HOSTILE_VALUES + MALICIOUS[:40]:
            response = client.get("/feeds/search.atom", params={"q": "停电", name: value})
            assert response.status_code in (200, 400, 422), (name, value[:40], response.status_code, response.text[:200])
    for value in HOSTILE_VALUES[:19] + ["..", "%2e%2e%2f", "字" * 150, " ", "a/b"]:
        for template in ("/feeds/issuer/{}.atom", "/feeds/notices/{}.atom"):
            response = client.get(template.format(quote(value, safe="")))
            assert response.status_code in (200, 404, 422), (template, value[:40], response.status_code, response.text[:200])


@pytest.fixture(scope="module")
def ingest_headers(served):
    from gongkai.feeds.tokens import TokenStore

    engine, _ = served
    token, _ = TokenStore(engine.store).create("厦门市测试局")
    return {"Authorization": f"Bearer {token}"}


def test_hostile_ingest_bodies(client, ingest_headers):
    deep = "[" * 100_000 + "]" * 100_000
    deep_object = '{"a":' * 50_000 + "1" + "}" * 50_000
    bodies = [
        b"", b"{", b"}", b"[", b"]", b"{{{{", b"\x00", b"\xff\xfe", b"null", b"true", b"1", b"\"x\"", b"[]", b"[[]]",
        deep.encode(), deep_object.encode(), ("1" * 5000).encode(), ('{"title": ' + "9" * 5000 + "}").encode(),
        b'{"title": 1e999}', b'{"title": NaN}', b'{"title": -Infinity}', b'{"publish_date": 99999999999999999999}',
        b'{"title": ["a"], "body": {"x": 1}, "kind": 5, "attachments": "x", "keywords": 7}',
        b'{"title": "\\u0000", "body": "\\ud800"}', b'{"id": {"$ne": 1}}', ('{"title": "' + "字" * 100_000 + '"}').encode(),
        b'[1, "a", null, [], {}]', ("\n".join(["{"] * 50)).encode(), b'{"a":1}\n[[[[[[\n' + deep.encode(),
    ]
    for content_type in ("application/json", "application/x-ndjson", "text/plain", "application/xml", "multipart/form-data"):
        for body in bodies:
            response = client.post("/api/ingest", content=body, headers={**ingest_headers, "Content-Type": content_type})
            assert response.status_code < 500, (content_type, body[:60], response.status_code, response.text[:300])
            assert response.status_code != 429
            assert response.json()  # always a JSON answer
    response = client.post("/api/ingest", content=deep.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 401
