"""Pages served under a portal's path (feeds.public_base_url https://portal/gongkai, a reverse proxy passing /gongkai/…
on with the prefix stripped): every link, form, script and stylesheet a page prints, its redirects and the search box's
suggestion URL name their paths under the prefix (lead, session 18; clients8 found the pages printing /search, /documents/…
root-relative, so a reader on https://portal/gongkai/ followed them to the portal's own paths). Real engine and app over a
socket; the reader's browser is played by following each link with the prefix stripped, as the proxy does."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

from gongkai.uris import path_prefix
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from tests.support import build_engine, sample_records

PREFIX = "/gongkai"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.suggest_base: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value and value.startswith("/"):
                self.found.append(value)
            if name == "data-suggest-base":
                self.suggest_base.append(value or "")


def _links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    engine = build_engine(tmp_path_factory.mktemp("prefix") / "data", sample_records(),
                          feeds={"public_base_url": f"https://portal.example{PREFIX}/"})
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            yield client
    finally:
        engine.close()


def _page_paths(client: httpx.Client) -> dict[str, str]:
    first = client.get("/search", params={"q": "停电"}).text
    record = re.search(r'href="/gongkai/documents/([0-9a-f]+)', first)
    assert record is not None, "no result links under the prefix"
    return {
        "home": "/", "search": "/search?q=停电", "filtered": "/search?q=通知&kind=notice&sort=date",
        "document": f"/documents/{record.group(1)}?q=停电", "outages": "/outages?area=湖滨南路",
        "none found": "/search?q=火星基地量子纠缠", "not found": "/documents/no-such-record", "sources": "/sources",
    }


def test_every_root_relative_link_of_a_page_is_under_the_prefix_and_leads_somewhere(portal) -> None:
    followed: set[str] = set()
    for name, path in _page_paths(portal).items():
        page = portal.get(path)
        assert page.status_code in (200, 404), (name, page.status_code)
        links = _links(page.text)
        assert links.found, name
        outside = [link for link in links.found if not link.startswith(PREFIX + "/")]
        assert not outside, (name, outside[:5])
        assert set(links.suggest_base) <= {PREFIX}, name  # the search box's script asks /gongkai/api/suggest
        for link in links.found:
            stripped = link[len(PREFIX):].split("#")[0]
            if link.startswith(PREFIX + "/api/documents/") or stripped in followed or len(followed) > 60:
                continue
            followed.add(stripped)
            if stripped.startswith(("/subscriptions", "/feeds/")):
                continue  # a form's POST target; feeds are checked by their own tests
            reply = portal.get(stripped)  # what the proxy passes on
            assert reply.status_code < 400, (name, link, reply.status_code)


def test_links_built_in_python_are_under_the_prefix_too(portal) -> None:
    # the outage page's feeds and the detail page's way back are built in Python, not in a template
    outages = _links(portal.get("/outages", params={"area": "湖滨南路"}).text).found
    assert any(link.startswith(f"{PREFIX}/feeds/outages.ics?") for link in outages)
    detail = portal.get(_page_paths(portal)["document"]).text
    assert f'href="{PREFIX}/search?q=' in detail


def test_without_a_path_in_the_public_base_links_are_as_before() -> None:
    assert path_prefix("") == "" and path_prefix("https://portal.example/") == "" and path_prefix("https://p.example") == ""
    assert path_prefix("https://portal.example/gongkai/") == "/gongkai" and path_prefix("http://x/a/b") == "/a/b"


def test_a_proxy_that_does_not_strip_the_prefix_reaches_the_same_pages(portal) -> None:
    # Some portals pass /gongkai/search on as it came: every page, link and API answer is the same under the prefix.
    for name, path in _page_paths(portal).items():
        stripped, unstripped = portal.get(path), portal.get(PREFIX + path)
        assert unstripped.status_code == stripped.status_code, (name, unstripped.status_code, stripped.status_code)
        assert _links(unstripped.text).found == _links(stripped.text).found, name
    for link in _links(portal.get(PREFIX + "/search", params={"q": "停电"}).text).found:
        if not link.startswith(PREFIX + "/subscriptions"):
            assert portal.get(link.split("#")[0]).status_code < 400, link  # followed as printed, prefix and all
    api = portal.get(PREFIX + "/api/search", params={"q": "停电"})
    assert api.status_code == 200 and api.json()["total"] == portal.get("/api/search", params={"q": "停电"}).json()["total"]
    assert portal.get(PREFIX).status_code == 200  # the portal's bare path is the home page
    assert portal.get(PREFIX + "x/search").status_code == 404  # /gongkaix is not under /gongkai


def test_a_prefix_that_is_one_of_the_apps_own_paths_is_not_stripped(tmp_path) -> None:
    # public_base_url https://portal/api: stripping /api from /api/search would take the API's own path away
    engine = build_engine(tmp_path / "data", sample_records(), feeds={"public_base_url": "https://portal.example/api/"})
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            reply = client.get("/api/search", params={"q": "停电"})
            assert reply.status_code == 200 and reply.json()["total"] > 0
    finally:
        engine.close()


def test_a_prefix_printed_percent_encoded_is_stripped_as_the_server_decodes_it(tmp_path) -> None:
    # public_base_url https://portal.example/%E5%85%AC%E5%BC%80/ (公开): the server sees /公开/search (review19 read it)
    engine = build_engine(tmp_path / "data", sample_records(), feeds={"public_base_url": "https://portal.example/%E5%85%AC%E5%BC%80/"})
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            for path in ("/%E5%85%AC%E5%BC%80/api/search", "/公开/api/search", "/api/search"):
                reply = client.get(path, params={"q": "停电"})
                assert reply.status_code == 200 and reply.json()["total"] > 0, path
    finally:
        engine.close()


@pytest.mark.parametrize("raw", [b"/%E5%85%AC%E5%BC%80/search", b"/%e5%85%ac%e5%bc%80/search", b"/%E5%85%ac%e5%BC%80/search",
                                 "/公开/search".encode()])
def test_the_raw_path_loses_the_prefix_however_the_client_encoded_it(raw: bytes) -> None:
    # review19: a lower-case escape (/%e5%85%ac…) kept the prefix in raw_path, which a route building a URL from it reads
    import asyncio

    from gongkai.web.public_prefix import PublicPrefixMiddleware

    seen: dict[str, object] = {}

    async def app(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        seen.update(path=scope["path"], raw_path=scope["raw_path"])

    middleware = PublicPrefixMiddleware(app, "/%E5%85%AC%E5%BC%80", frozenset({"api", "search"}))
    scope = {"type": "http", "path": "/公开/search", "raw_path": raw}
    asyncio.run(middleware(scope, None, None))  # type: ignore[arg-type]
    assert seen == {"path": "/search", "raw_path": b"/search"}
