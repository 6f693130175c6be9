"""A relaxed step's candidates walked once for every round, and each candidate's words checked in one search (qspeed4,
session 20; candidates.walked, candidates._held).

checked_top reads a relaxed step's best candidates in rounds (CHECK_ROUNDS: 60, then 210 at a window of 50); each round's
demoted_top searched the at-least-k scorer again, which cannot seek: a second walk of every record holding a word (7-12 ms
at 100,000 records). The first walk now goes WALK_AHEAD times deeper and is kept: tantivy's top-k is ordered by score
then address, so the best d of a deeper list are the best d. The words each candidate holds were one search per word;
now one search of the words, each scoring 1: the sum is the count. Both must give what the searches they replace gave.
Real SQLite store and Tantivy index: the bundled Xiamen records, the real 国务院 documents of ../shared/corpus and
expired and in-force regulations (tests/test_search_relaxed_demoted.py's)."""

from __future__ import annotations

from collections import Counter

import pytest
from tantivy import Occur, Query

from gongkai.indexer import candidates
from gongkai.indexer.candidates import WALK_AHEAD, demoted_top, ids_query, walked
from gongkai.indexer.ranking import Demotion
from gongkai.indexer.schema import decode_payload
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records
from tests.test_search_relaxed_demoted import CountingSearcher, hits, regulations, searcher_of

WORDS = ["监督", "管理", "暂行", "办法", "停水", "补偿", "经营", "通知", "国务院"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("walks") / "data", [*sample_records(), *govcn_records(), *regulations()])
    yield built
    built.close()


def at_least(schema, minimum: int) -> Query:
    return Query.boolean_query([(Occur.Should, Query.term_query(schema, "all_bigrams", w)) for w in WORDS],
                               minimum_number_should_match=minimum)


@pytest.mark.parametrize("minimum", [1, 2, 3])
def test_a_kept_walk_answers_every_shallower_depth_as_a_search_would(engine, minimum: int) -> None:
    """Depths rising within the first walk's reach, then past it: each the search's own hits (ties by address), one
    walk for all those it reaches, one more past them."""
    searcher = searcher_of(engine)
    query = at_least(engine.index.schema, minimum)
    counting, walks = CountingSearcher(searcher), {}  # type: ignore[var-annotated]
    first = 3
    for depth in (first, 1, 5, 8, first * WALK_AHEAD):
        assert hits(walked(counting, query, depth, walks)) == hits(searcher.search(query, depth, count=False).hits), depth
    assert counting.searches == 1
    deeper = first * WALK_AHEAD + 4
    assert hits(walked(counting, query, deeper, walks)) == hits(searcher.search(query, deeper, count=False).hits)
    assert counting.searches == 2
    # another query object is another walk, whatever it holds
    assert hits(walked(counting, at_least(engine.index.schema, minimum), 2, walks)) == hits(searcher.search(query, 2, count=False).hits)
    assert counting.searches == 3


@pytest.mark.parametrize("minimum", [1, 2])
def test_a_second_round_of_demoted_candidates_reads_the_first_walk(engine, minimum: int) -> None:
    """checked_top's rounds (want × 1, then × 4, plus the margin): the demoted query's hits to the bit each time, the
    second without a search of its own."""
    searcher = searcher_of(engine)
    schema = engine.index.schema
    demotion = Demotion(schema, 0.5)
    query = at_least(schema, minimum)
    counting, walks, payloads = CountingSearcher(searcher), {}, {}  # type: ignore[var-annotated]
    want = 5
    for factor in candidates.CHECK_ROUNDS:
        fetch = want * factor + candidates.CHECK_MARGIN
        got = demoted_top(counting, schema, query, fetch, demotion, payloads, walks)
        assert hits(got) == hits(searcher.search(demotion(query), fetch, count=False).hits), fetch
    assert counting.searches == 1, counting.searches
    assert "expired" in {payload.get("validity") for payload in payloads.values()}  # the demotion had something to move


def test_demoted_records_read_on_in_the_kept_walk_before_a_second_walk(engine) -> None:
    """The best of a query all expired, more of them than demoted_top's depth reads but fewer than READ_FURTHER times
    it: read on in the kept walk, proven there, one search (without a kept walk: the half in force walked, two); the
    demoted query's hits either way."""
    searcher = searcher_of(engine)
    schema = engine.index.schema
    demotion = Demotion(schema, 0.5)
    expired = [decode_payload(searcher.doc(a).get_first("payload"))["id"] for _, a in
               searcher.search(demotion.status(), 100, count=False).hits]
    fetch = 1
    depth = fetch * candidates.DEMOTED_DEPTH + candidates.CHECK_MARGIN
    best = depth + 6
    assert len(expired) > best and best + 2 < depth * candidates.READ_FURTHER
    query = Query.boolean_query([(Occur.Should, Query.boost_query(Query.term_query(schema, "id", i), 4.0)) for i in expired[:best]]
                                + [(Occur.Should, Query.term_query(schema, "all_bigrams", "暂行"))])
    expected = hits(searcher.search(demotion(query), fetch, count=False).hits)
    searches = []
    for walks in ({}, None):
        counting = CountingSearcher(searcher)
        assert hits(demoted_top(counting, schema, query, fetch, demotion, {}, walks)) == expected
        searches.append(counting.searches)
    assert searches[0] == 1 and searches[1] > 1, searches


def test_the_words_a_candidate_holds_counted_in_one_search(engine) -> None:
    """Plain parts (each restricted to the candidates here) and parts the caller restricts (Plan.checks_within): the
    count of each record is the number of per-part searches it matched, records matching none left out."""
    searcher = searcher_of(engine)
    schema = engine.index.schema
    found = searcher.search(at_least(schema, 1), 40, count=False).hits
    ids = [decode_payload(searcher.doc(a).get_first("payload"))["id"] for _, a in found]
    parts = [Query.phrase_query(schema, "all_text", list(word)) for word in ("监督管理", "暂行办法", "停水", "国务院", "补偿")]
    parts += [Query.term_query(schema, "all_bigrams", w) for w in ("经营", "通知")]
    only = ids_query(schema, ids)
    expected: Counter[tuple[int, int]] = Counter()
    for part in parts:
        both = Query.boolean_query([(Occur.Must, part), (Occur.Must, only)])
        expected.update((a.segment_ord, a.doc) for _, a in searcher.search(both, len(ids), count=False).hits)
    assert len(set(expected.values())) > 2  # records holding different numbers of the words
    counting = CountingSearcher(searcher)
    assert candidates._held(counting, schema, ids, parts) == expected
    assert counting.searches == 1

    def within(restricted: Query) -> list[Query]:
        return [Query.boolean_query([(Occur.Must, restricted), (Occur.Must, part)]) for part in parts]

    assert candidates._held(searcher, schema, ids, within) == expected
    assert candidates._held(searcher, schema, ids, []) == Counter()


@pytest.mark.parametrize("q", ["监督管理暂行办法什么时候废止的国务院通知", "思明区供水管网维修停水通知明天几点恢复",
                               "湖里区旧村改造征地拆迁补偿标准是多少"])
def test_natural_answers_unchanged_by_the_kept_walk(engine, monkeypatch, q: str) -> None:
    """The engine's answers (pages 1 and 2, the filled page: ids, scores to the bit, totals, facets) the same with the
    walks kept and with every round walking again."""
    requests = [SearchRequest(q=q, limit=10, offset=0), SearchRequest(q=q, limit=10, offset=10),
                SearchRequest(q=q, limit=20, fill=True)]

    def answers() -> list[tuple]:
        engine.index._answers.clear()
        engine.index._facet_counts.clear()
        got = [engine.search(r) for r in requests]
        return [([(h.id, h.score) for h in r.hits], r.total, r.dropped, r.relaxed, r.approximate, r.facets) for r in got]

    kept = answers()
    original = candidates.walked
    monkeypatch.setattr(candidates, "walked", lambda searcher, query, depth, walks: original(searcher, query, depth, None))
    assert answers() == kept
    assert kept[0][3], q  # relaxed
