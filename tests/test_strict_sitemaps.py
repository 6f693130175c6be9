"""Sitemaps of a served gongkai (the whole app, real socket) validated against the official sitemaps.org
XSDs (tests/xml_schemas.py takes them from registry packages; a check whose schema is not there skips, naming
it): the index and its pages at the root path, only URLs below each file's folder, no empty <urlset/> (past
the end, empty store: a JSON 404), robots.txt naming the sitemap."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx
import pytest
from lxml import etree

from tests import xml_schemas
from tests.support import sample_records, served_engine

S = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    records = sample_records()[:40]
    with served_engine(tmp_path_factory.mktemp("strict_sitemaps") / "data", records, feeds={"sitemap_page_size": 15}) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        yield {"engine": engine, "base": base, "records": records}


def get(url: str, **kwargs) -> httpx.Response:
    return httpx.get(url, timeout=10, **kwargs)


def assert_below_own_folder(file_url: str, urls: list[str]) -> None:
    """sitemaps.org: a sitemap at /a/sitemap.xml may only list URLs under /a/ of the same host."""
    folder = file_url.rsplit("/", 1)[0] + "/"
    assert urls and all(u.startswith(folder) for u in urls), (file_url, urls[:3])


def test_split_sitemap_pages_validate_at_the_root(split_site):
    xml_schemas.require("sitemap.xsd")
    base = split_site["base"]
    index = get(base + "/sitemap.xml")
    assert index.status_code == 200 and index.headers["content-type"].startswith("text/xml")
    pages = [loc.text for loc in etree.fromstring(index.content).findall("s:sitemap/s:loc", S)]
    assert pages == [f"{base}/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert_below_own_folder(base + "/sitemap.xml", pages)
    urls = []
    for page in pages:
        response = get(page)
        assert response.status_code == 200
        assert xml_schemas.errors(xml_schemas.sitemap(), response.content) == []
        listed = [loc.text for loc in etree.fromstring(response.content).findall("s:url/s:loc", S)]
        assert_below_own_folder(page, listed)
        urls += listed
    assert len(urls) == len(set(urls)) == 40


def test_split_sitemap_index_validates(split_site):
    index = get(split_site["base"] + "/sitemap.xml")
    assert etree.fromstring(index.content).tag == f"{{{S['s']}}}sitemapindex"
    xml_schemas.require("siteindex.xsd")
    assert xml_schemas.errors(xml_schemas.siteindex(), index.content) == []


#: W3C Datetime as the sitemaps protocol allows it for <lastmod> (YYYY-MM-DD, or with hh:mm[:ss[.s]] and a zone).
W3C_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?")


def test_the_sitemap_index_follows_the_protocol_beyond_its_schema(split_site):
    """The protocol's rules for index files (sitemaps.org/protocol.html, "Using Sitemap index files"), some of which
    siteindex.xsd cannot say (same host, the limits, UTF-8), and which stand alone where it is not installed: root
    <sitemapindex> in the 0.9 namespace and nothing else at the top; each <sitemap> exactly one <loc> (an absolute
    URL under 2,048 characters, XML-escaped, on this host) and at most one <lastmod> (W3C Datetime) and no other
    child; at most 50,000 sitemaps, 50 MB; UTF-8."""
    index = get(split_site["base"] + "/sitemap.xml")
    assert index.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>') or index.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(index.content)
    assert root.tag == f"{{{S['s']}}}sitemapindex" and len(index.content) < 50 * 1024 * 1024
    entries = list(root)
    assert 0 < len(entries) <= 50_000 and all(e.tag == f"{{{S['s']}}}sitemap" for e in entries)
    host = urlsplit(split_site["base"]).netloc
    for entry in entries:
        names = [child.tag.split("}")[1] for child in entry]
        assert names.count("loc") == 1 and names.count("lastmod") <= 1 and set(names) <= {"loc", "lastmod"}, names
        loc = entry.findtext("s:loc", namespaces=S)
        parts = urlsplit(loc)
        assert parts.scheme in ("http", "https") and parts.netloc == host and len(loc) < 2048, loc
        lastmod = entry.findtext("s:lastmod", namespaces=S)
        assert lastmod is None or W3C_DATETIME.fullmatch(lastmod), lastmod


def test_past_the_end_and_bad_numbers_are_json_404s_never_an_empty_urlset(split_site):
    base = split_site["base"]
    for path in ("/sitemap-4.xml", "/sitemap-0.xml", "/sitemap-abc.xml", "/sitemap-99999999999999999999.xml", "/sitemaps/abc.xml", "/sitemaps/0.xml"):
        response = get(base + path)
        assert response.status_code == 404 and response.headers["content-type"] == "application/json", (path, response.text[:200])
        assert response.json()["error"] == "not_found"
    moved = get(base + "/sitemaps/2.xml", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == base + "/sitemap-2.xml"


def test_robots_txt_names_the_sitemap_and_the_host_header_is_ignored(split_site):
    base = split_site["base"]
    response = get(base + "/robots.txt", headers={"Host": "evil.example"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    sitemap_lines = [line for line in response.text.splitlines() if line.lower().startswith("sitemap:")]
    assert sitemap_lines == [f"Sitemap: {base}/sitemap.xml"]
    assert "evil.example" not in get(base + "/sitemap.xml", headers={"Host": "evil.example"}).text
    assert get(urlsplit(sitemap_lines[0].split(" ", 1)[1]).geturl()).status_code == 200


def test_one_file_sitemap_validates_and_an_empty_store_has_none(tmp_path):
    with served_engine(tmp_path / "empty", []) as (_engine, base):
        response = get(base + "/sitemap.xml")
        assert response.status_code == 404 and response.json()["error"] == "not_found"
        assert get(base + "/sitemap-1.xml").status_code == 404
    with served_engine(tmp_path / "one", sample_records()[:5]) as (_engine, base):
        response = get(base + "/sitemap.xml")
        urls = [loc.text for loc in etree.fromstring(response.content).findall("s:url/s:loc", S)]
        assert len(urls) == 5 and all(u.startswith("http://localhost:8000/documents/") for u in urls)  # the documented default
        xml_schemas.require("sitemap.xsd")  # last: it skips where npm sitemap is not installed
        assert xml_schemas.errors(xml_schemas.sitemap(), response.content) == []


def test_the_sitemap_schemas_refuse_an_empty_urlset():
    """What the issue found (an empty <urlset/>) is invalid: the check above can fail."""
    xml_schemas.require("sitemap.xsd")
    empty = b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    assert xml_schemas.errors(xml_schemas.sitemap(), empty)


def test_the_siteindex_schema_refuses_what_an_index_must_not_be():
    """The index check can fail too: an empty index, a <sitemap> without <loc>, a lastmod that is not a W3C
    date, and a <url> entry (a urlset's child) are each refused; a well-formed index passes."""
    xml_schemas.require("siteindex.xsd")
    head = b'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    good = b"<sitemap><loc>https://example.org/sitemap-1.xml</loc><lastmod>2026-12-05T08:00:00+08:00</lastmod></sitemap>"
    assert xml_schemas.errors(xml_schemas.siteindex(), head + good + b"</sitemapindex>") == []
    for bad in (b"", b"<sitemap><lastmod>2026-12-05</lastmod></sitemap>",
                b"<sitemap><loc>https://example.org/sitemap-1.xml</loc><lastmod>yesterday</lastmod></sitemap>",
                b"<url><loc>https://example.org/documents/1</loc></url>"):
        assert xml_schemas.errors(xml_schemas.siteindex(), head + bad + b"</sitemapindex>"), bad


def test_a_sitemap_client_nobody_here_wrote_finds_every_record(split_site):
    """ultimate-sitemap-parser (what many crawlers use) starts from the home page as a search engine does:
    robots.txt -> the sitemap index -> its pages; it reads them all without an invalid-sitemap note and lists
    every visible record's page once."""
    from usp.objects.sitemap import InvalidSitemap
    from usp.tree import sitemap_tree_for_homepage

    base, engine = split_site["base"], split_site["engine"]
    tree = sitemap_tree_for_homepage(base + "/", use_known_paths=False)

    def invalid(sitemap) -> list:
        own = [sitemap] if isinstance(sitemap, InvalidSitemap) else []
        return own + [bad for child in getattr(sitemap, "sub_sitemaps", []) for bad in invalid(child)]

    assert invalid(tree) == []
    pages = [page.url for page in tree.all_pages()]
    visible = {f"{base}/documents/{record.id}" for record in engine.store.iter_records(include_withdrawn=False)}
    assert len(pages) == len(set(pages)) and set(pages) == visible
