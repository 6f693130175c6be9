"""A relaxed step found and counted without walking the union of its words more than needed (qspeed2, session 19; issue 14).

A relaxed answer holds the most words some record holds ("at least k of n"): tantivy's at-least-k scorer cannot skip, so
each probe of the step-down and each exact count walks every record holding any of the words.

- Below the ceiling (the most words a record holds by their characters, `most`): when no record holds that many with each
  word's phrase checked (a word's characters held apart: 思明区人民政府 … 海沧区 holds the pairs of 海沧区人民政府), the
  most held is read off the best records by that count (candidates.most_held), not found by a binary search of probes.
  The answer must be the binary search's.
- A relaxed step's total and facets are its candidates' above search.relaxed_exact_count_limit, marked approximate (an
  upper bound); at or below it, exact.
Real SQLite store and Tantivy index; the bundled Xiamen records and the real 国务院 documents of ../shared/corpus."""

from __future__ import annotations

import pytest

from gongkai.indexer import search_index
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records

#: 海沧区人民政府 马銮湾 清淤 复函: no record holds more than two of them, one holds three by their characters (the district
#: government's name held apart: 思明区人民政府 and 海沧区), so the step-down's ceiling (3) finds no record.
QUERY = "海沧区人民政府马銮湾清淤复函"


def apart() -> list[Record]:
    return [
        Record(id="apart-1", kind="disclosure", issuer="思明区人民政府", title="思明区人民政府关于马銮湾清淤衔接工作的意见",
               body="思明区人民政府会同海沧区做好马銮湾清淤衔接工作，统筹道路和管网建设。"),
        Record(id="held-1", kind="disclosure", issuer="海沧区人民政府", title="海沧区人民政府关于马銮湾片区建设的通知",
               body="海沧区人民政府决定加快马銮湾片区建设，各单位抓好落实。"),
    ]


def answer(response) -> tuple:
    return ([h.id for h in response.hits], [round(h.score, 6) for h in response.hits], response.total, response.dropped,
            response.relaxed, response.approximate, response.facets, response.did_you_mean)


def fresh(engine) -> None:
    engine.index._answers.clear()
    engine.index._facet_counts.clear()


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("steps") / "data", [*sample_records(), *govcn_records(), *apart()])
    yield built
    built.close()


def test_the_most_held_below_the_ceiling_is_the_binary_searchs(engine, monkeypatch) -> None:
    """The ceiling fails (apart-1 holds three words only by their characters): the most held, two, is read off the records
    with the most words, proven there, and the answer (pages 1 and 2, the filled page) is the binary search's."""
    proven: list[int | None] = []
    real = search_index.most_held

    def spied(*args, **kwargs):
        proven.append(real(*args, **kwargs))
        return proven[-1]

    monkeypatch.setattr(search_index, "most_held", spied)
    # the failed probe's own reads prove this step first (qspeed6, tests/test_search_relaxed_probe.py): off, most_held decides
    monkeypatch.setattr(search_index.Reads, "most_read", lambda self, candidates: 0)
    requests = [SearchRequest(q=QUERY, limit=10, offset=offset, fill=fill) for offset, fill in ((0, False), (10, False), (0, True))]
    fresh(engine)
    read_off = [engine.search(r) for r in requests]
    assert proven and proven[0] == 2, proven
    first = read_off[0]
    assert first.relaxed and "held-1" in [h.id for h in first.hits] and "apart-1" in [h.id for h in first.hits]
    assert set(first.dropped) & {"清淤", "复函"}, first.dropped
    monkeypatch.setattr(search_index, "most_held", lambda *args, **kwargs: None)  # the binary search decides
    fresh(engine)
    for request, got in zip(requests, read_off, strict=True):
        assert answer(got) == answer(engine.search(request)), (request.offset, request.fill)


def test_a_relaxed_steps_count_is_its_candidates_above_the_limit(tmp_path) -> None:
    """Above search.relaxed_exact_count_limit a relaxed step's total and facets are its candidates' (records holding k
    words' characters), marked approximate, never below the exact count here (a step whose term-dictionary bound reaches
    candidates.SLOT_FIRST_ABOVE, 32,000 candidates, is counted in one sample slot and scaled: an estimate either side,
    qspeed5, session 21; tests/test_search_relaxed_slot.py); at the default limit (100) the same query is
    counted exactly. The facets' kinds sum to the total either way. (A step whose every match is among the first hits is
    counted on those exactly: a window of 5 leaves this one's 20-odd matches out.)"""
    records = [*sample_records(), *govcn_records(), *apart()]
    settings = {"ranking": {"rerank_window": 5}}
    exact_engine = build_engine(tmp_path / "exact", records, search=settings)
    loose_engine = build_engine(tmp_path / "loose", records, search={**settings, "relaxed_exact_count_limit": 1})
    try:
        request = SearchRequest(q="集美区杏林街道杏北路计划停水通知", limit=5)
        exact = exact_engine.search(request)
        loose = loose_engine.search(request)
        assert exact.relaxed and not exact.approximate and exact.total > 5, (exact.total, exact.approximate)
        assert loose.relaxed and loose.approximate and loose.total >= exact.total
        assert [h.id for h in loose.hits] == [h.id for h in exact.hits] and loose.dropped == exact.dropped
        for response in (exact, loose):
            assert sum(response.facets["kind"].values()) == response.total
    finally:
        exact_engine.close()
        loose_engine.close()


def test_a_relaxed_step_fewer_than_its_best_hits_read_is_counted_on_them(engine, monkeypatch) -> None:
    """A relaxed step with fewer candidates than its best hits read (the re-ranked window): every one of them is checked
    there, so its counts are those passing (count_found), exact, without the walk of every record holding a word; the
    answer (total, facets, hits, pages) is the one of that walk."""
    counted = []
    real = search_index.count_matches

    def spied(*args, **kwargs):
        counted.append(real(*args, **kwargs))
        return counted[-1]

    monkeypatch.setattr(search_index, "count_matches", spied)
    requests = [SearchRequest(q=QUERY, limit=10, offset=offset, fill=fill) for offset, fill in ((0, False), (10, False), (0, True))]
    fresh(engine)
    read = [engine.search(r) for r in requests]
    assert counted and not counted[-1].exact and counted[-1].total == 2, counted  # the step: held-1 and apart-1
    assert not read[0].approximate and read[0].total > 2  # …and the records holding fewer words that follow them

    def walked(*args, **kwargs):
        return real(*args[:10], **kwargs)  # without read_below: the exact count walks the step

    monkeypatch.setattr(search_index, "count_matches", walked)
    fresh(engine)
    for request, got in zip(requests, read, strict=True):
        assert answer(got) == answer(engine.search(request)), (request.offset, request.fill)
