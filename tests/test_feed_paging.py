"""RFC 5005 paged feeds: an issuer's and a notice type's Atom feed go back page by page through every record (they
were a window of the newest feeds.atom_entries, the rest only in OAI-PMH), by keyed pages that a new record does
not shift. Read by feedparser over a real socket, following the links it reports."""

from __future__ import annotations

from datetime import date, timedelta

import feedparser
import httpx
import pytest

from gongkai.record import Record
from tests.support import served_engine

PAGE = 3


def _lost(n: int, day: date) -> Record:
    return Record(kind="notice", notice_type="lost", issuer="厦门日报", title=f"遗失声明 厦门市思明区某某商行遗失营业执照正本第{n}号",
                  body=f"厦门市思明区某某商行（统一社会信用代码 91350203MA{n:08d}）遗失营业执照正本，声明作废。", publish_date=day)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    first = [_lost(n, date(2025, 3, 1) + timedelta(days=n)) for n in range(7)]  # one batch: one change time, ids break the tie
    others = [Record(kind="notice", notice_type="outage", issuer="国网厦门供电公司", title="停电公告 湖滨南路", body="2025年3月9日 8:00-12:00 湖滨南路停电")]
    # 注销公告: five published on one day, more than a page holds, one the day after and one four days before
    others += [Record(kind="notice", notice_type="business_tax", issuer="厦门日报", title=f"注销公告 厦门某某贸易有限公司第{n}分公司",
                      body=f"厦门某某贸易有限公司第{n}分公司经股东决定注销，请债权人自本公告之日起四十五日内申报债权。", publish_date=day)
               for n, day in enumerate([date(2025, 5, 5)] * 5 + [date(2025, 5, 6), date(2025, 5, 1)])]
    with served_engine(tmp_path_factory.mktemp("paging") / "data", first + others) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base, "atom_entries": PAGE})
        for n in (7, 8, 9):  # three more batches: three more change times
            engine.ingest_records([_lost(n, date(2025, 3, 20) + timedelta(days=n))])
        yield engine, base


def _links(parsed) -> dict[str, str]:
    return {link.rel: link.href for link in parsed.feed.links if link.rel in ("first", "last", "next", "previous")}


def _walk(url: str, rel: str) -> list[feedparser.FeedParserDict]:
    pages, seen = [], set()
    while url:
        assert url not in seen, "a page links back to itself"
        seen.add(url)
        parsed = feedparser.parse(url)
        assert parsed.status == 200 and parsed.bozo == 0, (url, parsed.get("bozo_exception"))
        pages.append(parsed)
        url = _links(parsed).get(rel, "")
    return pages


def test_next_links_reach_every_record_once_newest_first(served):
    _, base = served
    pages = _walk(base + "/feeds/notices/lost.atom", "next")
    assert [len(p.entries) for p in pages] == [3, 3, 3, 1]
    ids = [e.id for p in pages for e in p.entries]
    assert len(ids) == len(set(ids)) == 10  # the outage notice is not in the lost feed
    updated = [e.updated_parsed for p in pages for e in p.entries]
    assert updated == sorted(updated, reverse=True)
    first_id = pages[0].feed.id
    for page in pages:  # one logical feed (RFC 5005 §3): the same id; its own self link; first and last the same
        assert page.feed.id == first_id
        assert _links(page)["first"] == base + "/feeds/notices/lost.atom"
        assert _links(page)["last"] == _links(pages[0])["last"]
    assert "previous" not in _links(pages[0]) and "next" not in _links(pages[-1])
    assert {link.rel: link.href for link in pages[1].feed.links}["self"] == _links(pages[0])["next"]


def test_previous_links_from_the_last_page_come_back_to_the_newest(served):
    _, base = served
    first = feedparser.parse(base + "/feeds/notices/lost.atom")
    backwards = _walk(_links(first)["last"], "previous")
    assert "next" not in _links(backwards[0])  # the last page holds the oldest
    ids = [e.id for p in reversed(backwards) for e in p.entries]
    assert len(ids) == len(set(ids)) == 10
    assert ids[:3] == [e.id for e in first.entries]


def test_a_page_keeps_its_entries_when_new_records_arrive(served):
    engine, base = served
    second_url = _links(feedparser.parse(base + "/feeds/notices/lost.atom"))["next"]
    before = [e.id for e in feedparser.parse(second_url).entries]
    engine.ingest_records([_lost(n, date(2025, 4, 20)) for n in (20, 21)])
    assert [e.id for e in feedparser.parse(second_url).entries] == before
    newest = feedparser.parse(base + "/feeds/notices/lost.atom")
    assert {e.title[-4:] for e in newest.entries[:2]} == {"第20号", "第21号"}  # one batch: one change time, by id
    assert len({e.id for p in _walk(base + "/feeds/notices/lost.atom", "next") for e in p.entries}) == 12


def test_an_issuer_feed_is_paged_and_a_one_page_feed_has_no_paging_links(served):
    _, base = served
    pages = _walk(base + "/feeds/issuer/厦门日报.atom", "next")
    assert sum(len(p.entries) for p in pages) >= 10 and all(p.feed.id == pages[0].feed.id for p in pages)
    single = feedparser.parse(base + "/feeds/notices/outage.atom")
    assert len(single.entries) == 1 and _links(single) == {}


@pytest.mark.parametrize("query", ["before=yesterday", "after=2025", "before=20250301T000000.000000Z~a&after=start",
                                   "before=20250301T000000.000000Z~a&before=20250302T000000.000000Z~b", "before=2025301T000000.0000000Z~a",
                                   "before=２０２５0301T000000.000000Z~a"])
def test_a_bad_cursor_is_a_422_that_says_to_follow_the_links(served, query):
    _, base = served
    response = httpx.get(f"{base}/feeds/notices/lost.atom?{query}", timeout=10)
    assert response.status_code == 422 and response.json()["error"] == "invalid_parameter"
    assert "翻页" in response.json()["message"]


def test_a_search_feed_is_paged_by_whole_publish_days(served):
    """The index orders a search by publish day only, so its pages are days: a page is cut before its oldest day
    (which may go on), a day that fills a page alone is that page, whole; each record is read once."""
    _, base = served
    pages = _walk(base + "/feeds/search.atom?kind=notice&notice_type=business_tax", "next")
    days = [[e.published[:10] for e in p.entries] for p in pages]
    assert days == [["2025-05-06"], ["2025-05-05"] * 5, ["2025-05-01"]]
    assert len({e.id for p in pages for e in p.entries}) == 7 and all(p.feed.id == pages[0].feed.id for p in pages)
    assert _links(pages[1]) == {"first": base + "/feeds/search.atom?kind=notice&notice_type=business_tax",
                                "next": base + "/feeds/search.atom?kind=notice&notice_type=business_tax&until=2025-05-04"}
    lost = _walk(base + "/feeds/search.atom?q=遗失声明&from=2025-03-02", "next")
    assert [len(p.entries) for p in lost][-1] >= 1 and len({e.id for p in lost for e in p.entries}) == sum(len(p.entries) for p in lost)
    assert min(e.published[:10] for p in lost for e in p.entries) == "2025-03-02"  # the client's own from holds on every page


def test_a_search_feed_page_keeps_its_entries_when_new_records_arrive(served):
    engine, base = served
    url = base + "/feeds/search.atom?kind=notice&notice_type=business_tax&until=2025-05-05"
    before = [e.id for e in feedparser.parse(url).entries]
    engine.ingest_records([Record(kind="notice", notice_type="business_tax", issuer="厦门日报", title="注销公告 新到的一条",
                                  body="厦门新到贸易有限公司经股东决定注销。", publish_date=date(2025, 6, 1))])
    assert [e.id for e in feedparser.parse(url).entries] == before
    assert feedparser.parse(base + "/feeds/search.atom?kind=notice&notice_type=business_tax").entries[0].title == "注销公告 新到的一条"


@pytest.mark.parametrize("until", ["2025-5-5", "yesterday", "２０２５-05-05", "2025-02-30"])
def test_a_bad_until_is_a_422(served, until):
    _, base = served
    response = httpx.get(f"{base}/feeds/search.atom", params={"q": "注销", "until": until}, timeout=10)
    assert response.status_code == 422 and "until" in response.json()["message"]
