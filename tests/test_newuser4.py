"""newuser4 (session 22): gongkai tried as an agency clerk, a national-platform harvester and a citizen would, following
the README only. A harvester following a search feed's `next` links must reach every record the search matches: the
feed is paged by publish day and records an agency pushed without a publish date (a DOCX or a scan whose date is only
its 成文日期) were never reached (the day pages bound every search by `date_to`, which no undated record passes)."""

from __future__ import annotations

from datetime import date

import feedparser
import pytest

from gongkai.record import Record
from tests.support import served_engine

PAGE = 2


def _notice(n: int, day: date | None) -> Record:
    return Record(kind="disclosure", issuer="厦门市财政局", title=f"厦门市财政局关于做好2026年预算公开工作的通知（第{n}批）",
                  body=f"各区财政局：为做好第{n}批预算公开工作，现就有关事项通知如下。", publish_date=day)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    dated = [_notice(n, date(2026, 3, n)) for n in range(1, 6)]  # five days: three pages of two
    undated = [_notice(n, None) for n in range(6, 11)]  # pushed documents with no publish date: more than a page
    with served_engine(tmp_path_factory.mktemp("newuser4") / "data", dated + undated) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base, "atom_entries": PAGE})
        yield engine, base


def _walk(url: str) -> list[feedparser.FeedParserDict]:
    pages, seen = [], set()
    while url:
        assert url not in seen, "a page links back to itself"
        seen.add(url)
        parsed = feedparser.parse(url)
        assert parsed.status == 200 and parsed.bozo == 0, (url, parsed.get("bozo_exception"))
        pages.append(parsed)
        url = next((link.href for link in parsed.feed.links if link.rel == "next"), "")
    return pages


def test_a_search_feed_reaches_its_undated_matches_after_the_dated_ones(served):
    _, base = served
    pages = _walk(base + "/feeds/search.atom?q=%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80")  # q=预算公开
    titles = [entry.title for page in pages for entry in page.entries]
    assert len(titles) == len(set(titles)) == 10, titles  # every match once: it was the five dated ones
    assert titles[:5] == [f"厦门市财政局关于做好2026年预算公开工作的通知（第{n}批）" for n in (5, 4, 3, 2, 1)]  # newest first
    assert all("published" not in entry for page in pages for entry in page.entries[5:])


def test_a_search_feed_of_undated_matches_only_lists_them(served):
    _, base = served
    pages = _walk(base + "/feeds/search.atom?q=%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80&until=undated")
    titles = [entry.title for page in pages for entry in page.entries]
    assert sorted(titles) == sorted(f"厦门市财政局关于做好2026年预算公开工作的通知（第{n}批）" for n in range(6, 11))
