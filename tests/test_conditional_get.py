"""Conditional GET for the published documents, as feed readers and crawlers poll them: feedparser sends back the
ETag it was given and gets a 304 with no body until the feed changes (it had no validator: every poll downloaded the
whole feed); the calendars, sitemaps and robots.txt the same; the API and the pages are tagged by their data state
(session 19: tests/test_conditional_state.py)."""

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


def test_errors_have_no_etag_and_the_api_and_pages_are_tagged_by_their_data(served):
    _, base = served
    for path in ("/feeds/notices/nope.atom", "/feeds/outages.ics", "/sitemap-9.xml", "/api/documents/nope", "/documents/nope"):
        response = httpx.get(base + path, timeout=10)
        assert response.status_code >= 400 and "etag" not in response.headers, path
    # session 19 (clients9): the API and the pages carry the tag of the data they were built from (test_conditional_state.py)
    for path in ("/api/search?q=遗失", "/"):
        response = httpx.get(base + path, timeout=10)
        assert response.status_code == 200 and response.headers["etag"].startswith('W/"s'), path


# ---------------------------------------------------------------------------------------- Last-Modified (session 13)

STORE_DOCUMENTS = ["/feeds/notices/lost.atom", "/feeds/issuer/厦门日报.atom", "/sitemap.xml", "/sitemap-1.xml", "/robots.txt",
                   "/oai/gongkai-record.xsd"]


@pytest.fixture
def settled(monkeypatch):
    """Writes are taken as committed at once (the default waits conditional.SETTLE after the store's last change)."""
    from datetime import timedelta

    from gongkai.web import conditional

    monkeypatch.setattr(conditional, "SETTLE", timedelta(seconds=-3600))


@pytest.mark.parametrize("path", STORE_DOCUMENTS)
def test_documents_of_the_store_carry_last_modified_and_answer_if_modified_since(served, settled, path):
    from email.utils import format_datetime, parsedate_to_datetime

    _, base = served
    with httpx.Client(base_url=base, timeout=10) as client:
        response = client.get(path)
        assert response.status_code == 200
        date = response.headers["last-modified"]
        assert date.endswith(" GMT") and format_datetime(parsedate_to_datetime(date), usegmt=True) == date  # IMF-fixdate
        not_modified = client.get(path, headers={"If-Modified-Since": date})
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified.headers["etag"] == response.headers["etag"] and not_modified.headers["last-modified"] == date
        # §5.6.7: the obsolete RFC 850 and asctime forms of the same date are read too
        moment = parsedate_to_datetime(date)
        for form in (moment.strftime("%A, %d-%b-%y %H:%M:%S GMT"), moment.strftime("%a %b ") + f"{moment.day:2d}" + moment.strftime(" %H:%M:%S %Y")):
            assert client.get(path, headers={"If-Modified-Since": form}).status_code == 304, form
        older = format_datetime(parsedate_to_datetime(date).replace(year=2020), usegmt=True)
        assert client.get(path, headers={"If-Modified-Since": older}).status_code == 200
        # §13.1.3: with If-None-Match the date is ignored; an invalid or a future date is ignored
        assert client.get(path, headers={"If-Modified-Since": date, "If-None-Match": 'W/"other"'}).status_code == 200
        for ignored in ("yesterday", "Sat, 01 Jan 2999 00:00:00 GMT", f"{date}, {date}"):
            assert client.get(path, headers={"If-Modified-Since": ignored}).status_code == 200, ignored


def test_feedparser_polling_by_date_gets_304_until_the_store_changes(served, settled):
    """feedparser's `modified=` (If-Modified-Since alone): each poll downloaded the feed, as no date was given."""
    import time

    engine, base = served
    url = base + "/feeds/notices/business_tax.atom"
    time.sleep(1.1)  # the last change of an earlier test must be in an earlier second than this poll
    first = feedparser.parse(url)
    assert first.status == 200 and first.bozo == 0 and first.modified
    assert feedparser.parse(url, modified=first.modified).status == 304
    # a change elsewhere in the store dates every store document anew (its feed may not even show it: no wrong 304)
    engine.ingest_records([Record(kind="notice", notice_type="business_tax", title="注销公告 某某商贸有限公司", issuer="厦门日报")])
    time.sleep(1.1)
    changed = feedparser.parse(url, modified=first.modified)
    assert changed.status == 200 and changed.modified != first.modified
    assert changed.entries[0].title == "注销公告 某某商贸有限公司"


def test_no_date_while_a_write_may_still_commit_nor_on_index_documents(served):
    """By default a document is not dated within conditional.SETTLE of the store's last change (an ingest batch
    takes its change time before it commits, so a later commit can carry an older time); the search and street
    feeds follow the index, which lags the store: never dated."""
    engine, base = served
    engine.ingest_records([Record(kind="notice", notice_type="lost", title="遗失声明 刚刚写入", issuer="厦门日报")])
    with httpx.Client(base_url=base, timeout=10) as client:
        for path in ("/feeds/notices/lost.atom", "/sitemap.xml"):
            response = client.get(path)
            assert response.status_code == 200 and "last-modified" not in response.headers, path
            assert client.get(path, headers={"If-Modified-Since": "Sat, 01 Jan 2028 00:00:00 GMT"}).status_code == 200
        for path in ("/feeds/search.atom?q=遗失", "/feeds/outages.atom?area=湖滨南路", "/feeds/outages.ics?area=湖滨南路"):
            assert "last-modified" not in client.get(path).headers, path


def test_an_empty_feed_keeps_its_bytes_between_polls(served):
    """An empty feed was `updated` now: new bytes each second, a new ETag, never a 304 (issuer, search, street)."""
    import time

    _, base = served
    urls = [base + "/feeds/issuer/没有这个机构.atom", base + "/feeds/search.atom?q=没有这样的词语组合", base + "/feeds/outages.atom?area=没有这条路"]
    first = [feedparser.parse(url) for url in urls]
    assert all(f.status == 200 and f.entries == [] and f.feed.updated for f in first)
    time.sleep(1.1)
    assert [feedparser.parse(url, etag=f.etag).status for url, f in zip(urls, first, strict=True)] == [304, 304, 304]


def test_an_empty_store_serves_the_same_empty_feed_between_polls(tmp_path):
    """With no record at all the feed is `updated` at the server's start (what its Last-Modified says), not now."""
    import time

    with served_engine(tmp_path / "data", []) as (_, base):
        first = feedparser.parse(base + "/feeds/notices/lost.atom")
        assert first.status == 200 and first.entries == []
        time.sleep(1.1)
        assert feedparser.parse(base + "/feeds/notices/lost.atom", etag=first.etag).status == 304
