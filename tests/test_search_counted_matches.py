"""A query's candidates counted without their bonuses (qspeed7, session 22; issue 14; segment_query.Plan.counted, recount).

The facet thread counts a query's candidates (Plan.counted) and, at or below the exact-count limit, its matches found among
them (Plan.recount). Both carried every bonus of the candidates (the whole query as typed, a place's entity bonus, the
recency tiers, an outage question's day): a bonus beside required parts adds score, not matches, yet a count walks it. At
100,000 records the five writings of 明天's day (12月9日 …, phrases of common characters) cost 16 ms of each count, for
records none of which held them. Now the counts walk the required parts only: the same records, so the same totals and
facets. Real SQLite store and Tantivy index: the bundled Xiamen records, the real 国务院 documents, and outage notices of
this week printing tomorrow's day as notices print it (the day bonus held by some)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tantivy import Occur, Query

from gongkai.dates import beijing_today
from gongkai.indexer import segment_query
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records

#: Outage questions (a day said from today, a place), pasted titles and questions: strict answers whose words of 3+
#: characters leave phrases unchecked (loosened candidates), and relaxed steps.
QUERIES = (
    "思明区莲花新村明天几点开始停电",
    "湖里区江头街道明天停水吗",
    "明天厦禾路供电线路检修停电通知",
    "集美区杏林街道杏北路计划停水通知",
    "国务院关于优化营商环境的实施意见怎么落实到厦门",
    "思明区人民政府办公室关于印发背街小巷改造提升三年行动方案的通知",
)


def outage_notices() -> list[Record]:
    """This week's notices printing tomorrow's day in the writings notices use (12月9日, 12月09日, 十二月九日), and older
    ones of other days: some records hold the day bonus, most do not."""
    today = beijing_today()
    tomorrow = today + timedelta(days=1)
    writings = (f"{tomorrow.month}月{tomorrow.day}日", f"{tomorrow.month}月{tomorrow.day:02d}日", f"{tomorrow.month}月{tomorrow.day}号")
    places = (("思明区", "莲花新村", "莲花路"), ("湖里区", "江头街道", "江头北路"), ("思明区", "厦禾路", "厦禾路"), ("集美区", "杏林街道", "杏北路"))
    records = []
    for n in range(12):
        district, area, road = places[n % 4]
        recent = n % 3 != 2
        day = writings[n % 3] if recent else "3月14日"
        utility = "停电" if n % 2 == 0 else "停水"
        records.append(Record(
            id=f"outage-{n:02d}", kind="notice", notice_type="outage", issuer="国网厦门供电公司" if utility == "停电" else "厦门水务集团",
            publish_date=today - timedelta(days=1 + n % 4) if recent else today - timedelta(days=400 + n),
            title=f"{district}{area}计划{utility}通知",
            body=f"因{road}供电线路检修（管网改造），定于{day}8:30至17:30对{district}{area}{road}一带暂停供{'电' if utility == '停电' else '水'}，"
                 f"届时请用户做好准备。",
        ))
    return records


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("counted") / "data", [*sample_records(), *govcn_records(), *outage_notices()])
    yield built
    built.close()


def plans_of(engine, monkeypatch, q: str) -> list[segment_query.Plan]:
    """Every plan a search of `q` builds (its strict query, the relaxed steps it tries, the fill)."""
    built: list[segment_query.Plan] = []
    real = segment_query.build

    def keeping(*args, **kwargs):
        plan = real(*args, **kwargs)
        built.append(plan)
        return plan

    monkeypatch.setattr(segment_query, "build", keeping)
    engine.index._answers.clear()
    engine.index._facet_counts.clear()
    engine.search(SearchRequest(q=q, limit=10, fill=True))
    monkeypatch.setattr(segment_query, "build", real)
    return built


def matched(searcher, query: Query) -> list[tuple[int, int]]:
    total = searcher.search(query, 1, count=True).count
    return sorted((a.segment_ord, a.doc) for _, a in searcher.search(query, max(total, 1), count=False).hits)


def facets(searcher, query: Query) -> dict:
    return searcher.aggregate(query, {name: {"terms": {"field": name, "size": 50}} for name in ("kind", "issuer", "year")})


@pytest.mark.parametrize("q", QUERIES)
def test_counted_and_recount_match_what_they_counted_before(engine, monkeypatch, q: str) -> None:
    """Plan.counted matches the candidates' records (the bonuses only scored them), Plan.recount the query's own; the
    facets alike."""
    plans = [p for p in plans_of(engine, monkeypatch, q) if p.counted is not None]
    assert plans, q  # words of 3+ characters: loosened candidates, counted
    searcher = engine.index._generation.check_current().searcher()
    for plan in plans:
        assert plan.candidates is not None
        assert matched(searcher, plan.counted) == matched(searcher, plan.candidates)
        assert facets(searcher, plan.counted) == facets(searcher, plan.candidates)
        if plan.recount is not None:
            assert matched(searcher, plan.recount) == matched(searcher, plan.query)


def test_the_bonuses_are_left_out_of_the_counts(engine, monkeypatch) -> None:
    """The premise: the candidates carry bonuses some records hold (the day asked, printed by this week's notices; the place),
    which score them above what the counted query gives the same records; the counts walk none of them."""
    plans = [p for p in plans_of(engine, monkeypatch, QUERIES[0]) if p.counted is not None and p.candidates is not None]
    searcher = engine.index._generation.check_current().searcher()
    raised = 0
    for plan in plans:
        scored = {(a.segment_ord, a.doc): s for s, a in searcher.search(plan.candidates, 50, count=False).hits}
        counted = {(a.segment_ord, a.doc): s for s, a in searcher.search(plan.counted, 200, count=False).hits}
        raised += sum(1 for address, score in scored.items() if address in counted and score > counted[address] + 1.0)
    assert raised, "a bonus the candidates give (the day, the place) is not in the counted query"


def test_day_bonus_holders_counted_once(engine) -> None:
    """An outage question's answer counts this week's notices printing tomorrow as the matches they are: total and facets
    the sum of the kinds, whatever bonus a record holds."""
    engine.index._answers.clear()
    engine.index._facet_counts.clear()
    found = engine.search(SearchRequest(q=QUERIES[0], limit=10))
    assert found.total == sum(found.facets["kind"].values())
    ids = {h.id for h in found.hits}
    assert any(i.startswith("outage-") for i in ids), ids
    searcher = engine.index._generation.check_current().searcher()
    held = Query.boolean_query([(Occur.Must, Query.term_query(engine.index.schema, "kind", "notice"))])
    assert searcher.search(held, 1, count=True).count >= 12
