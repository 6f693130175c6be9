"""A broad relaxed step counted in one sample slot, each word restricted to it (qspeed5, session 21; issue 14).

A relaxed step (records holding at least k of the query's words) is counted on its candidates, an upper bound, above
search.relaxed_exact_count_limit: one walk of tantivy's at-least-k scorer over every record holding any word (it has no
seek: at 100,000 records 10-15 ms for the broadest pasted titles). Where the slot's records hold enough of them
(candidates.SAMPLE_FLOOR) the counts are that slot's times SAMPLE_SLOTS, found by the same at-least-k of each word
restricted to the slot (segment_query.Plan.candidates_within): it must match exactly the candidates within the slot.
Tried only when the term dictionary allows many candidates (Plan.most_candidates, an upper bound of the step's count).
Real SQLite store and Tantivy index: the bundled Xiamen records and the real 国务院 documents of ../shared/corpus."""

from __future__ import annotations

import pytest
from tantivy import Occur, Query

from gongkai.indexer import candidates, search_index, segment_query
from gongkai.indexer.schema import SAMPLE_SLOTS, decode_payload
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records

#: Long questions and pasted titles no record holds whole, as citizens type them: relaxed answers
NATURAL = (
    "国务院关于优化营商环境的实施意见怎么落实到厦门",
    "思明区供水管网维修停水通知明天几点恢复",
    "国务院办公厅关于印发政府信息公开工作要点的通知在哪里看",
    "湖里区旧村改造征地拆迁补偿标准是多少",
    "中华人民共和国政府信息公开条例第十九条规定",
    "國務院關於優化營商環境的實施意見怎麼落實到廈門",  # Traditional (關於進一步加強政務公開工作的意見 is held whole here)
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    # every relaxed step above 10 candidates counted on them (approximate), as the broad ones of a large index are
    built = build_engine(tmp_path_factory.mktemp("slot") / "data", [*sample_records(), *govcn_records()],
                         search={"relaxed_exact_count_limit": 10})
    yield built
    built.close()


def relaxed_steps(engine, monkeypatch, q: str) -> list[segment_query.Plan]:
    """The relaxed steps' plans the search of `q` built (segment_query.build recorded, not replaced)."""
    built: list[segment_query.Plan] = []
    real = segment_query.build

    def recording(*args, **kwargs):
        plan = real(*args, **kwargs)
        built.append(plan)
        return plan

    engine.index._answers.clear()  # the search runs again, its plans built
    engine.index._facet_counts.clear()
    monkeypatch.setattr(segment_query, "build", recording)
    response = engine.search(SearchRequest(q=q, limit=10))
    monkeypatch.setattr(segment_query, "build", real)
    assert response.relaxed, q
    return [plan for plan in built if plan.candidates_within is not None]


def ids(searcher, query) -> set[str]:
    return {decode_payload(searcher.doc(a).get_first("payload"))["id"] for _, a in searcher.search(query, 100_000).hits}


@pytest.mark.parametrize("q", NATURAL)
def test_the_slot_query_matches_the_candidates_in_the_slot(engine, monkeypatch, q: str) -> None:
    """Each relaxed step's candidates within each slot, reached word by word, are exactly the candidates there; and the
    term dictionary's bound is never below the step's candidates (it decides whether the slot is tried)."""
    steps = relaxed_steps(engine, monkeypatch, q)
    assert steps, q
    searcher = engine.index._generation.check_current().searcher()
    schema = engine.index.schema
    for plan in steps:
        everywhere = ids(searcher, plan.candidates)
        assert everywhere, q
        assert len(everywhere) <= plan.most_candidates(), (q, len(everywhere), plan.most_candidates())
        for slot in range(SAMPLE_SLOTS):
            only = Query.const_score_query(Query.term_query(schema, "sample", slot), 0.0)
            expected = ids(searcher, Query.boolean_query([(Occur.Must, plan.candidates), (Occur.Must, only)]))
            assert ids(searcher, plan.candidates_within(only)) == expected, (q, slot)


def counted_in_slot(engine, monkeypatch, q: str) -> tuple[object, int | None, object]:
    """The answer of `q` (facets asked), how many candidates of its counted step slot 0 holds (None: no slot tried) and
    that step's counts; the counting function recorded, not replaced."""
    calls: list[tuple] = []
    real = search_index.count_matches

    def recording(*args, **kwargs):
        counts = real(*args, **kwargs)
        calls.append((args, counts))
        return counts

    engine.index._answers.clear()
    engine.index._facet_counts.clear()
    monkeypatch.setattr(search_index, "count_matches", recording)
    response = engine.search(SearchRequest(q=q, limit=10, facets=True))
    monkeypatch.setattr(search_index, "count_matches", real)
    slots = [(args[-1], counts) for args, counts in calls if args[-1] is not None]
    searcher = engine.index._generation.check_current().searcher()
    return response, (len(ids(searcher, slots[-1][0])) if slots else None), (slots[-1][1] if slots else None)


# (not NATURAL[2]: here only 要点 is dropped, the other words all required: no at-least-k step to count)
@pytest.mark.parametrize("q", [q for q in NATURAL if q != NATURAL[2]])
def test_a_step_counted_in_its_slot(engine, monkeypatch, q: str) -> None:
    """With the slot tried and holding enough of a step's candidates (the bound and the floor lowered to what this small
    index holds), the answer's total and facets are the slot's times SAMPLE_SLOTS, marked approximate, where the
    candidates' would have stood (above relaxed_exact_count_limit, here 10, and a full first window); the hits are the same."""
    before, untried, _ = counted_in_slot(engine, monkeypatch, q)
    assert before.relaxed and untried is None, q  # this small index: no step's bound reaches SLOT_FIRST_ABOVE
    monkeypatch.setattr(search_index, "SLOT_FIRST_ABOVE", 0)
    monkeypatch.setattr(candidates, "SAMPLE_FLOOR", 1)
    after, in_slot, step = counted_in_slot(engine, monkeypatch, q)
    assert in_slot is not None, q
    assert [(h.id, h.score) for h in after.hits] == [(h.id, h.score) for h in before.hits], q
    if before.approximate and in_slot * SAMPLE_SLOTS > 10:
        assert not step.exact and step.total == in_slot * SAMPLE_SLOTS, (q, step, in_slot)
        assert sum(step.facets["kind"].values()) == step.total
        assert all(n % SAMPLE_SLOTS == 0 for counts in step.facets.values() for n in counts.values())
        # the answer says so; its total is the step's, plus the records holding fewer words that fill a short first window
        assert after.approximate and after.total >= step.total and sum(after.facets["kind"].values()) == after.total
    else:  # counted exactly (few candidates, or every match among the first window's): as before
        assert (after.total, after.facets, after.approximate) == (before.total, before.facets, before.approximate), q
