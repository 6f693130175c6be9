"""Held-out round 4 of session 20 (clients10), written with its expectations BEFORE the app was run on it: HTTP method
semantics as download tools, link checkers and caches exercise them on the published documents, OAI-PMH and the API.
- RFC 9110 §14.2: range handling is defined for GET only; a server MUST ignore Range on any other method (curl -I -r,
  a link checker's HEAD with the Range its GET would send): a HEAD with Range is the HEAD of the whole document.
- §15.5.6: a 405 MUST carry Allow (a client learns what the resource takes).
- §13.2.1: preconditions are ignored when the answer without them would not be 2xx or 412: a page that does not exist is
  a 404 whatever If-None-Match or If-Match say (a cache revalidating a page gone must not get a 304 or a 412).
"""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

from gongkai.record import Record
from tests.support import served_engine

TONGAN = "厦门市同安区人民政府"
DOCS = [
    Record(id=f"TA-2026-{n:03d}", kind="disclosure", issuer=TONGAN, publish_date=f"2026-10-{n + 12:02d}", source="clients10",
           title=title, body=body)
    for n, (title, body) in enumerate([
        ("同安区人民政府关于公布2026年度区级河长名单的通知", "各镇（街）、区直有关单位：根据人事变动情况，现将2026年度区级河长名单予以公布。"),
        ("同安区人民政府关于莲花镇军营村传统村落保护发展规划的批复", "莲花镇人民政府：你镇报来的军营村传统村落保护发展规划收悉，经研究，原则同意。"),
        ("同安区人民政府关于汀溪水库饮用水水源保护区划定方案的公告", "根据《中华人民共和国水污染防治法》，现将汀溪水库饮用水水源保护区划定方案公告如下。"),
        ("同安区人民政府关于2026年秋冬季大气污染防治攻坚行动的通知", "各镇（街）：为打好秋冬季大气污染防治攻坚战，现就有关事项通知如下。"),
        ("同安区人民政府关于城东工业区道路命名的公告", "经区政府研究同意，对城东工业区新建道路予以命名，现公告如下。"),
    ])
]
PUBLISHED = ["/sitemap.xml", "/feeds/issuer/" + quote(TONGAN) + ".atom", "/robots.txt", "/feeds/notices/lost.atom"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("clients10d") / "data", DOCS, feeds={"sitemap_page_size": 2}) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        with httpx.Client(base_url=base, timeout=60) as client:
            yield client


@pytest.mark.parametrize("path", PUBLISHED)
def test_a_head_with_range_is_the_head_of_the_whole_document(site, path):
    """§14.2: Range is ignored on HEAD: 200 with the whole document's length, no Content-Range (the GET with it is a 206)."""
    whole = site.get(path, headers={"Accept-Encoding": "identity"})
    assert whole.status_code == 200
    assert site.get(path, headers={"Range": "bytes=0-9", "Accept-Encoding": "identity"}).status_code == 206
    head = site.head(path, headers={"Range": "bytes=0-9", "Accept-Encoding": "identity"})
    assert head.status_code == 200 and "content-range" not in head.headers, (path, head.status_code)
    assert head.headers.get("content-length") == str(len(whole.content)), path


@pytest.mark.parametrize("method, path", [
    ("PUT", "/sitemap.xml"), ("DELETE", "/feeds/notices/lost.atom"), ("PUT", "/oai"), ("DELETE", "/api/search"),
    ("PATCH", "/api/documents/TA-2026-000"), ("POST", "/robots.txt"), ("POST", "/sitemap-1.xml"),
])
def test_a_method_not_allowed_says_what_is(site, method, path):
    """§15.5.6: 405 with Allow naming the methods the resource takes (GET among them)."""
    answer = site.request(method, path)
    assert answer.status_code == 405, (method, path, answer.status_code)
    allowed = {m.strip() for m in answer.headers.get("allow", "").split(",")}
    assert "GET" in allowed, (method, path, answer.headers.get("allow"))


@pytest.mark.parametrize("path", ["/sitemap-99.xml", "/documents/TA-2099-404", "/api/documents/TA-2099-404",
                                  # an issuer with no record has a feed (200, empty: one may subscribe ahead): my case was wrong
                                  "/feeds/notices/nosuchtype.atom", "/oai/nothing.xsd"])
@pytest.mark.parametrize("condition", [{"If-None-Match": "*"}, {"If-Match": '"nope"'}, {"If-None-Match": 'W/"s0"'},
                                       {"If-Modified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"}])
def test_preconditions_on_a_missing_document_leave_its_404(site, path, condition):
    """§13.2.1: the answer without the preconditions is a 404, so they are ignored: 404, never 304 or 412."""
    assert site.get(path).status_code == 404, path
    assert site.get(path, headers=condition).status_code == 404, (path, condition)
