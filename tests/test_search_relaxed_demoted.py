"""A relaxed step's best candidates demoted after one walk, not two (qspeed3, session 19; candidates.demoted_top).

Issue 19 lowers a repealed, expired or suspended record's score (× search.ranking.repealed_factor) inside tantivy's
scoring (ranking.demoted: the query in force or not, the second half boosted). A relaxed step's at-least-k scorer cannot
seek, so each half walked every record holding a word: twice the walk. Now the query is searched once and its best hits
are demoted afterwards by the status their payloads carry, read in the query's order until no record not read can reach
the last one kept. The answer must be the demoted query's to the bit (ids, order, scores, ties by address), and the
search ask tantivy for one walk where it proves its answer.
Real SQLite store and Tantivy index; the bundled Xiamen records, the real 国务院 documents of ../shared/corpus, and
regulations whose own text says when they stopped applying (有效期5年: expired, read by the store at ingest)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tantivy import Occur, Query

from gongkai.indexer import candidates, search_index
from gongkai.indexer.candidates import Reads, demoted_top
from gongkai.indexer.ranking import Demotion
from gongkai.indexer.schema import decode_payload
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records

#: Long questions and pasted titles no record holds whole: relaxed answers (some of their words in the regulations below)
NATURAL = (
    "厦门市医疗器械经营企业监督管理暂行办法什么时候废止的",
    "思明区供水管网维修停水通知明天几点恢复",
    "国务院关于优化营商环境的实施意见怎么落实到厦门",
    "湖里区旧村改造征地拆迁补偿标准是多少",
    "集美区杏林街道杏北路计划停水通知",
    "中华人民共和国政府信息公开条例第十九条规定",
)


def regulations() -> list[Record]:
    """Xiamen 暂行办法 alike in force and expired (a five-year period stated in their own text, as such documents say
    it), several of each with the same text: ties at the edge of what a page takes, on both sides of the demotion."""
    records = []
    for n in range(14):
        expired = n % 2 == 0
        period = "本办法自2015年1月1日起施行，有效期5年。" if expired else "本办法自2024年1月1日起施行。"
        subject = ("医疗器械经营", "供水管网维修", "旧村改造征地拆迁补偿")[n % 3]
        records.append(Record(
            id=f"xm-reg-{n:02d}", kind="disclosure", issuer="厦门市人民政府办公厅", publish_date=date(2014 if expired else 2023, 12, 1),
            title=f"厦门市{subject}监督管理暂行办法",
            body=f"第一条 为加强{subject}监督管理，根据有关规定，结合本市实际，制定本办法。\n第三十条 {period}",
        ))
    return records


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("demoted") / "data", [*sample_records(), *govcn_records(), *regulations()])
    yield built
    built.close()


class CountingSearcher:
    """A real tantivy searcher, its searches counted (each one a walk of the query given)."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.searches = 0

    def search(self, *args, **kwargs):
        self.searches += 1
        return self.searcher.search(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.searcher, name)


def searcher_of(engine):
    engine.search(SearchRequest(q="停水"))  # opens the index
    return engine.index._generation.check_current().searcher()


def hits(found) -> list[tuple[float, int, int]]:
    return [(float(score), address.segment_ord, address.doc) for score, address in found]


def test_the_index_holds_expired_regulations(engine) -> None:
    """The premise: the store read the expiry in their text, and the index's validity field and payload say so."""
    found = engine.search(SearchRequest(q="监督管理暂行办法", limit=50))
    status = {h.id: h.validity for h in found.hits if h.id.startswith("xm-reg-")}
    assert status and {status[i] for i in status if int(i[-2:]) % 2 == 0} == {"expired"}, status
    assert all(status[i] != "expired" for i in status if int(i[-2:]) % 2 == 1), status


@pytest.mark.parametrize("factor", [0.5, 0.25])  # a power of two scales a sum's parts exactly (Demotion.exact)
@pytest.mark.parametrize("minimum", [1, 2, 3])
@pytest.mark.parametrize("fetch", [1, 3, 7, 20, 60])
def test_demoted_after_one_walk_is_the_demoted_query(engine, minimum: int, fetch: int, factor: float) -> None:
    """At least k of some words (the relaxed step's scorer), every depth: the demoted query's hits to the bit, ties in
    its order, found with one search when the records read prove them, the records' payloads kept for the answer."""
    searcher = searcher_of(engine)
    schema = engine.index.schema
    demotion = Demotion(schema, factor)
    words = ["监督", "管理", "暂行", "办法", "停水", "补偿", "经营"]
    query = Query.boolean_query([(Occur.Should, Query.term_query(schema, "all_bigrams", w)) for w in words],
                                minimum_number_should_match=minimum)
    expected = searcher.search(demotion(query), fetch, count=False).hits
    assert expected, (minimum, fetch)
    counting, payloads = CountingSearcher(searcher), {}
    got = demoted_top(counting, schema, query, fetch, demotion, payloads)
    assert hits(got) == hits(expected)
    assert counting.searches == 1, counting.searches
    assert len(payloads) >= len(got)
    if fetch >= 7:  # the expired regulations are among the best: demoting moves them (the order is not the query's)
        assert "expired" in {payload["validity"] for payload in payloads.values()}
        assert hits(got) != hits(searcher.search(query, fetch, count=False).hits)


def test_the_answer_is_the_demoted_query_where_the_best_are_all_demoted(engine) -> None:
    """Where the query's best are all expired, the records read cannot prove the demoted order (a search for one
    hit, each of its best expired): the demoted query itself answers, the same hits."""
    searcher = searcher_of(engine)
    schema = engine.index.schema
    demotion = Demotion(schema, 0.5)
    expired = [decode_payload(searcher.doc(a).get_first("payload"))["id"] for _, a in
               searcher.search(demotion.status(), 100, count=False).hits]
    assert len(expired) > 5 * 4 + 10  # more than demoted_top reads for 5
    for best in (3, len(expired)):  # the first few expired, or every expired record above the rest (none proven by reading)
        query = Query.boolean_query([(Occur.Should, Query.boost_query(Query.term_query(schema, "id", i), 4.0)) for i in expired[:best]]
                                    + [(Occur.Should, Query.term_query(schema, "all_bigrams", "暂行"))])
        for fetch in (1, 2, 5):
            expected = searcher.search(demotion(query), fetch, count=False).hits
            counting = CountingSearcher(searcher)
            assert hits(demoted_top(counting, schema, query, fetch, demotion, {})) == hits(expected), (best, fetch)
            # more expired than read: the records in force found by the query's half in force, a second search
            assert counting.searches == (2 if best > fetch * 4 + 10 else 1), (best, fetch, counting.searches)


@pytest.mark.parametrize("q", NATURAL)
def test_natural_answers_are_the_demoted_walks(engine, monkeypatch, q: str) -> None:
    """Each natural query, pages 1 and 2 and the filled page: the same ids, scores (to the bit), totals and dropped
    words as with every relaxed step's candidates searched through the demoted query (two walks)."""
    requests = [SearchRequest(q=q, limit=10, offset=0), SearchRequest(q=q, limit=10, offset=10),
                SearchRequest(q=q, limit=20, fill=True)]

    def answers() -> list[tuple]:
        engine.index._answers.clear()
        engine.index._facet_counts.clear()
        got = [engine.search(r) for r in requests]
        return [([(h.id, h.score) for h in r.hits], r.total, r.dropped, r.relaxed, r.approximate, r.facets) for r in got]

    calls = []
    real = search_index.Reads

    def counted(demotion=None):
        calls.append(demotion)
        return real(demotion)

    walks = []
    real_top = candidates.demoted_top

    def demoting(*args, **kwargs):
        walks.append(args[3])
        return real_top(*args, **kwargs)

    monkeypatch.setattr(search_index, "Reads", counted)
    monkeypatch.setattr(candidates, "demoted_top", demoting)
    once = answers()
    assert any(isinstance(d, Demotion) for d in calls), "the index holds expired records: the search demotes"
    assert walks, "a relaxed step's candidates were searched once and demoted after"
    monkeypatch.setattr(search_index, "Reads", lambda demotion=None: real(None))  # the demoted query walked (two halves)
    twice = answers()
    assert once == twice
    assert once[0][3], q  # relaxed


def test_no_demotion_without_demoted_records(tmp_path: Path) -> None:
    """An index holding no repealed or expired record is searched as the query scores (nothing to demote)."""
    engine = build_engine(tmp_path / "data", govcn_records())
    try:
        seen = []
        real = search_index.Reads
        search_index.Reads = lambda demotion=None: seen.append(demotion) or real(demotion)  # type: ignore[misc]
        try:
            found = engine.search(SearchRequest(q="国务院关于优化营商环境的实施意见怎么落实到厦门"))
        finally:
            search_index.Reads = real  # type: ignore[misc]
        assert found.hits and seen == [None]
    finally:
        engine.close()


def test_a_factor_that_rounds_is_applied_by_the_demoted_query(engine) -> None:
    """repealed_factor 0.3 is no power of two: tantivy's scores of the demoted query differ from 0.3 × the query's in the
    last bit for some records (where it applies the boost, parts or sum, rounds differently), so the candidates are
    searched through the demoted query itself, not demoted after."""
    searcher = searcher_of(engine)
    schema = engine.index.schema
    words = ["监督", "管理", "暂行", "办法", "停水", "补偿", "经营"]
    query = Query.boolean_query([(Occur.Should, Query.term_query(schema, "all_bigrams", w)) for w in words],
                                minimum_number_should_match=3)
    rough, exact = Demotion(schema, 0.3), Demotion(schema, 0.5)
    assert not rough.exact and exact.exact and Demotion(schema, 0.125).exact and not Demotion(schema, 1.5).exact
    assert not Demotion(schema, 2.0).exact  # raises scores: a record not read could pass those read
    by_query = {address_of(a): float(s) for s, a in searcher.search(rough(query), 100, count=False).hits}
    after = {address_of(a): rough.lowered(s) for s, a in searcher.search(query, 200, count=False).hits}
    assert any(after[a] != score for a, score in by_query.items() if a in after)
    assert Reads(rough)._demotion is None and Reads(exact)._demotion is exact


def address_of(address) -> tuple[int, int]:
    return address.segment_ord, address.doc
