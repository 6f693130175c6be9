"""An outage question's day bonus searched once per search, then by its holders' ids (qspeed7, session 22; issue 14).

A question naming a day from today (明天, 今天) gives the notices printing that day a bonus (segment_query._day_bonus): the
day's writings are phrases of common characters (12月9日, 12月09日, 12月9号), which tantivy walks from every record a query
is asked about to their next match: at 100,000 records 3-5 ms a writing each time a query scores (the candidates' walk,
their rescoring), 20 ms of each for 思明区莲花新村明天几点开始停电, whose day no record printed. Now each bonus's records are
found once per search (search_index's `holding`) and the bonus is the same constant on those records by their ids (none:
an empty query); more than HOLDERS_BY_ID holders keep the phrases. The answers must be the same: ids, scores, totals,
facets, pages. Real SQLite store and Tantivy index: the bundled records, the real 国务院 documents, and this week's outage
notices printing tomorrow's day (tests/test_search_counted_matches.py)."""

from __future__ import annotations

import pytest

from gongkai.indexer import search_index, segment_query
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records
from tests.test_search_counted_matches import outage_notices

#: Days said from today beside a place and a utility (some notices print tomorrow), a day no notice prints (后天), a
#: question whose only words are the day and the utility, and a day typed as notices print it.
QUESTIONS = (
    "思明区莲花新村明天几点开始停电",
    "湖里区江头街道明天停水吗",
    "明天厦禾路供电线路检修停电通知",
    "杏林街道后天会停水吗",
    "明天停电",
    "今天莲花新村停电到几点",
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("dayholders") / "data", [*sample_records(), *govcn_records(), *outage_notices()])
    yield built
    built.close()


def answers(engine, q: str) -> list[tuple]:
    engine.index._answers.clear()
    engine.index._facet_counts.clear()
    got = [engine.search(r) for r in (SearchRequest(q=q, limit=10), SearchRequest(q=q, limit=10, offset=10),
                                      SearchRequest(q=q, limit=20, fill=True))]
    return [([(h.id, h.score) for h in r.hits], r.total, r.dropped, r.relaxed, r.approximate, r.facets, r.did_you_mean)
            for r in got]


def without_holding(monkeypatch) -> None:
    """The day bonus as its own query (as before): every plan built without `holding`."""
    real = segment_query.build

    def phrases(*args, **kwargs):
        kwargs["holding"] = None
        return real(*args, **kwargs)

    monkeypatch.setattr(segment_query, "build", phrases)


def day_bonuses(engine, monkeypatch, q: str) -> list[str]:
    """The day bonuses the search's plans carried (their text)."""
    seen: list[str] = []
    real = segment_query._day_bonus

    def keeping(*args, **kwargs):
        bonuses = real(*args, **kwargs)
        seen.extend(repr(b) for b in bonuses)
        return bonuses

    monkeypatch.setattr(segment_query, "_day_bonus", keeping)
    answers(engine, q)
    monkeypatch.setattr(segment_query, "_day_bonus", real)
    return seen


@pytest.mark.parametrize("q", QUESTIONS)
def test_answers_are_those_of_the_day_phrases(engine, monkeypatch, q: str) -> None:
    once = answers(engine, q)
    assert once[0][0], q
    without_holding(monkeypatch)
    assert answers(engine, q) == once


@pytest.mark.parametrize("q", QUESTIONS[:2])
def test_many_holders_keep_the_phrases(engine, monkeypatch, q: str) -> None:
    """Above HOLDERS_BY_ID holders the bonus stays its own query: the same answers again."""
    once = answers(engine, q)
    monkeypatch.setattr(search_index, "HOLDERS_BY_ID", 1)
    bonuses = day_bonuses(engine, monkeypatch, q)
    assert bonuses and any("notice" in b for b in bonuses)  # the phrases, not ids
    assert answers(engine, q) == once


def test_the_bonus_is_searched_by_its_holders(engine, monkeypatch) -> None:
    """The premise: a day this week's notices print is held by them, found by id; a day none prints holds nothing."""
    tomorrow = day_bonuses(engine, monkeypatch, QUESTIONS[0])
    assert any("outage-0" in b for b in tomorrow), tomorrow[:1]
    assert not any("printed" in b or "notice\"" in b for b in tomorrow)
    after = day_bonuses(engine, monkeypatch, QUESTIONS[3])  # 后天: printed by none
    assert after and not any("outage-" in b for b in after)
    top = engine.search(SearchRequest(q=QUESTIONS[0], limit=5)).hits
    assert top and top[0].id.startswith("outage-"), [h.id for h in top]
