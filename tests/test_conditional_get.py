"""Conditional GET for the published documents, as feed readers and crawlers poll them: feedparser sends back the
ETag it was given and gets a 304 with no body until the feed changes (it had no validator: every poll downloaded the
whole feed); the calendars, sitemaps and robots.txt the same; the API and the pages are not touched."""

from __future__ import annotations

import feedparser
import httpx
import pytest

from gongkai.record import Record
from tests.support import sample_records, served_engine

DOCUMENTS = ["/feeds/notices/lost.atom", "/feeds/search.atom?q=遗失", "/feeds/outages.ics?area=湖滨南路", "/sitemap.xml", "/robots.txt",
             "/oai/gongkai-record.xsd"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("conditional") / "data", sample_records()[:30]) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base})
        yield engine, base


def test_feedparser_polls_with_the_etag_and_gets_304_until_the_feed_changes(served):
    engine, base = served
    url = base + "/feeds/notices/lost.atom"
    first = feedparser.parse(url)
    assert first.status == 200 and first.bozo == 0 and first.etag.startswith('W/"') and first.entries
    again = feedparser.parse(url, etag=first.etag)
    assert again.status == 304 and again.entries == []
    engine.ingest_records([Record(kind="notice", notice_type="lost", title="遗失声明 新的一条", issuer="厦门日报")])
    changed = feedparser.parse(url, etag=first.etag)
    assert changed.status == 200 and changed.etag != first.etag and changed.entries[0].title == "遗失声明 新的一条"


@pytest.mark.parametrize("path", DOCUMENTS)
def test_every_published_document_answers_304_to_its_own_etag(served, path):
    _, base = served
    with httpx.Client(base_url=base, timeout=10) as client:
        response = client.get(path)
        assert response.status_code == 200 and response.headers["etag"].startswith('W/"')
        for sent in (response.headers["etag"], response.headers["etag"].removeprefix("W/"), f'"x", {response.headers["etag"]}', "*"):
            not_modified = client.get(path, headers={"If-None-Match": sent})
            assert not_modified.status_code == 304 and not_modified.content == b"", sent
            assert not_modified.headers["etag"] == response.headers["etag"]
        assert client.get(path, headers={"If-None-Match": 'W/"other"'}).status_code == 200
        # the same document gzipped has the same (weak) tag: a reader that asked compressed gets its 304 too
        assert client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": response.headers["etag"]}).status_code == 304


def test_errors_the_api_and_the_pages_have_no_etag(served):
    _, base = served
    for path in ("/feeds/notices/nope.atom", "/feeds/outages.ics", "/api/search?q=遗失", "/", "/sitemap-9.xml"):
        response = httpx.get(base + path, timeout=10)
        assert "etag" not in response.headers, path
