"""One search behaviour in every shell (issue 14): the API, the page and the Atom feed of a search give the
engine's own answer for queries typed without spaces, relaxed queries and synonyms, over a real socket."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import feedparser
import httpx
import lxml.html
import pytest

from gongkai.indexer.models import SearchRequest
from tests.support import sample_records, served_engine

QUERIES = ["湖滨南路停水", "营业执照遗失", "仙岳路停电 厦门大学", "社保卡", "厦府[2014]12号文件"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with (served_engine(tmp_path_factory.mktemp("everywhere") / "data", sample_records()) as (engine, base_url),
          httpx.Client(base_url=base_url, timeout=10) as client):
        yield engine, client


@pytest.mark.parametrize("q", QUERIES)
def test_api_and_page_show_the_engines_answer(server, q):
    engine, client = server
    # the page and the API ask with fill: a short first page goes on with partial matches (Hit.partial)
    direct = engine.search(SearchRequest(q=q, limit=10, fill=True))
    assert direct.total >= 1, q  # every one of these finds something (issue 14's table)
    body = client.get("/api/search", params={"q": q}).json()
    assert [(h["id"], h["partial"]) for h in body["hits"]] == [(h.id, h.partial) for h in direct.hits]
    assert (body["relaxed"], body["dropped"]) == (direct.relaxed, direct.dropped)

    page = lxml.html.fromstring(client.get("/search", params={"q": q}).text)
    ids = [a.get("href").split("?")[0].rsplit("/", 1)[1] for a in page.xpath("//li[@class='hit']//h3/a")]
    assert ids == [h.id for h in direct.hits]
    assert bool(page.xpath("//*[contains(@class, 'relaxed')]")) == direct.relaxed


@pytest.mark.parametrize("q", QUERIES)
def test_atom_feed_of_a_search_is_the_engines_search_by_date(server, q):
    engine, client = server
    size = min(engine.settings.feeds.atom_entries, engine.settings.search.max_page_size)
    direct = engine.search(SearchRequest(q=q, sort="date", limit=size, facets=False))
    response = client.get("/feeds/search.atom", params={"q": q})
    assert response.status_code == 200, response.text
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    pages = [next(link.href for link in entry.links if link.rel == "alternate") for entry in feed.entries]
    ids = [unquote(urlsplit(url).path.rsplit("/", 1)[1]) for url in pages]
    assert ids == [h.id for h in direct.hits] and ids, q
