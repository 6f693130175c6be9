"""Broad queries found through their candidates (indexer/candidates.py, issue 14's latency): a word of 3+ Han
characters is looked up by its character pairs, the phrase checked only where it decides.

Decoys hold every pair of 专项资金 (专项, 项资, 资金) but never the four characters together, and score higher
than the real matches (short, the pairs repeated), so the best candidates are decoys: the answer must still be
exactly the phrase matches, in the order of the checked query itself, with exact counts up to
search.exact_count_limit and counts marked approximate above it. Real SQLite store, real Tantivy index, the real
HTTP server on 127.0.0.1; the real 国务院 documents of ../shared/corpus around them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest

from gongkai.indexer import candidates as candidates_module
from gongkai.indexer import search_index
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine, served_engine
from tests.test_index_helpers import govcn_records

WORD = "专项资金"


def real_matches() -> list[Record]:
    """Documents holding 专项资金 once, in a longer text."""
    return [
        Record(id=f"real-{n:02d}", kind="disclosure", issuer="厦门市财政局", title=f"关于第{n}批项目的通知",
               body=f"为做好第{n}批项目管理工作，现将{WORD}使用情况通报如下。" + "各单位要按照规定组织实施，加强监督检查。" * (3 + n % 4))
        for n in range(20)
    ]


def decoys(count: int) -> list[Record]:
    """Every pair of 专项资金, never the word: 设立专项 / 立项资料 / 资金到位, repeated in a short text."""
    return [
        Record(id=f"decoy-{n:02d}", kind="notice", notice_type="other", title=f"设立专项第{n}号",
               body="设立专项，立项资料，资金到位。" * 3)
        for n in range(count)
    ]


def all_ids(engine, q: str) -> list[str]:
    return [hit.id for hit in engine.search(SearchRequest(q=q, limit=100, facets=False)).hits]


@pytest.fixture(params=[(20, 5), (40, 5), (40, 50)], ids=["second-round", "exact-pass", "one-round"])
def engine(request, tmp_path: Path):
    """(decoys, re-ranked window): 20 decoys and a window of 5 are passed by the second, wider round of
    candidates; 40 decoys outrun both rounds (the checked query runs itself); a window of 50 sees every candidate."""
    count, window = request.param
    built = build_engine(tmp_path / "data", [*decoys(count), *real_matches(), *govcn_records()[:10]],
                         search={"ranking": {"rerank_window": window}})
    yield built
    built.close()



def assert_same_as_checking_every_candidate(engine, monkeypatch, request: SearchRequest, response) -> None:
    """`response` equals the answer of the checked query run on every candidate (no candidates path, caches
    emptied): the same ids in the same order with the same scores, and the same total."""
    monkeypatch.setattr(search_index, "checked_top", lambda *args, **kwargs: None)
    engine.index._answers.clear()
    engine.index._facet_counts.clear()
    exact = engine.search(request)
    assert [(h.id, h.score) for h in exact.hits] == [(h.id, h.score) for h in response.hits]
    assert exact.total == response.total

def test_the_hits_are_exactly_the_phrase_matches_in_the_checked_order(engine, monkeypatch) -> None:
    response = engine.search(SearchRequest(q=WORD, limit=100, explain=True))
    assert sorted(hit.id for hit in response.hits) == sorted(r.id for r in real_matches())
    assert response.total == 20 and not response.approximate
    assert sum(response.facets["kind"].values()) == 20 and response.facets["issuer"] == {"厦门市财政局": 20}
    # the pages partition the same order (the re-ranked window, then tantivy's order)
    pages = [hit.id for offset in range(0, 20, 3) for hit in engine.search(SearchRequest(q=WORD, limit=3, offset=offset)).hits]
    assert pages == [hit.id for hit in response.hits]
    # The same answer as the checked query run on every candidate (the path taken when the candidates fail):
    # same ids, same order, same scores.
    assert_same_as_checking_every_candidate(engine, monkeypatch, SearchRequest(q=WORD, limit=100, explain=True), response)


def test_checked_top_reads_more_candidates_then_gives_up(tmp_path: Path) -> None:
    engine = build_engine(tmp_path / "data", [*decoys(20), *real_matches()])
    try:
        index = engine.index
        searcher = index._generation.check_current().searcher()
        understood = index.understanding.understand_clauses(search_index.parse_query(WORD, 100))
        plan = search_index.segment_query.build(index.schema, search_index.parse_query(WORD, 100), understood,
                                                SearchRequest(q=WORD), None, index.search_settings.ranking, [])
        assert plan.candidates is not None
        # the 20 decoys outscore the real matches: 5 wanted, 15 read first (all decoys), then 30 (10 real)
        assert searcher.search(plan.candidates, 20, count=False).hits  # sanity: candidates exist
        top = candidates_module.checked_top(searcher, index.schema, plan.query, plan.candidates, 5)
        assert top is not None and [p["id"][:4] for _, _, p in top] == ["real"] * 5
        # 40 wanted of 40 candidates + 20 real: fewer read than asked, so every candidate was seen
        everything = candidates_module.checked_top(searcher, index.schema, plan.query, plan.candidates, 40)
        assert everything is not None and len(everything) == 20
        assert candidates_module.any_match(searcher, index.schema, plan.query, plan.candidates)
    finally:
        engine.close()


def test_counts_above_the_limit_are_upper_bounds_and_say_so(tmp_path: Path) -> None:
    # a re-ranked window of 10: the 20 matches are more than the best hits read, so they are not all in hand
    engine = build_engine(tmp_path / "data", [*decoys(30), *real_matches()],
                          search={"exact_count_limit": 40, "ranking": {"rerank_window": 10}})
    try:
        broad = engine.search(SearchRequest(q=WORD, limit=100))
        # 50 candidates > 40: the candidates' counts (upper bounds), marked; the hits are exact all the same
        assert broad.approximate and broad.total == 50
        assert broad.facets["kind"] == {"disclosure": 20, "notice": 30}
        assert sorted(hit.id for hit in broad.hits) == sorted(r.id for r in real_matches())
        assert engine.search(SearchRequest(q=WORD, limit=5, facets=False)).total == 50  # the same total without facets
        # a 2-character word is its pair: nothing to check, its counts are exact however many
        pair = engine.search(SearchRequest(q="资金", limit=5))
        assert not pair.approximate and pair.total == 50
        # a narrower query of the same word (a filter): 20 candidates, counted exactly
        narrow = engine.search(SearchRequest(q=WORD, kind="disclosure"))
        assert not narrow.approximate and narrow.total == 20
    finally:
        engine.close()


def test_a_word_no_record_holds_is_dropped_without_searching_the_whole_query(tmp_path: Path) -> None:
    engine = build_engine(tmp_path / "data", [*decoys(10), *real_matches()])
    try:
        relaxed = engine.search(SearchRequest(q=WORD + "冥王星", limit=100))
        assert relaxed.relaxed and relaxed.dropped == ["冥王星"]
        assert sorted(hit.id for hit in relaxed.hits) == sorted(all_ids(engine, WORD)) and relaxed.total == 20
        # the next page of it comes from the cache of where it settled, with the same total
        assert engine.search(SearchRequest(q=WORD + "冥王星", limit=5, offset=5)).total == 20
    finally:
        engine.close()


def test_a_relaxed_step_down_over_checked_words_gives_the_checked_answer(tmp_path: Path, monkeypatch) -> None:
    """Every word exists but no record holds both: the step-down (one counting search, then the candidates of
    "at least 1 of 2" checked word by word) gives what the checked queries give when run on every record. With
    a third and fourth word (监督 检查, held by the real matches): 3 of 4 words, 20 records, fewer than the
    re-ranked window, so those holding any word follow them (the fill, found among its candidates too)."""
    evaluations = [Record(id=f"eval-{n:02d}", kind="disclosure", title=f"关于开展第{n}次绩效评价的通知",
                          body="各单位按照要求开展绩效评价工作。" * (1 + n % 3)) for n in range(8)]
    engine = build_engine(tmp_path / "data", [*decoys(20), *real_matches(), *evaluations],
                          search={"ranking": {"rerank_window": 40}})
    try:
        queries = (WORD + "绩效评价", WORD + "绩效评价监督检查")
        answers = [engine.search(SearchRequest(q=q, limit=50, explain=True)) for q in queries]
        expected = sorted([r.id for r in real_matches()] + [r.id for r in evaluations])
        for relaxed in answers:
            # The decoys hold 专项 and 资金 apart: the parts of the compound 专项资金, which hold it partly in a relaxed
            # answer (understand.with_parts, search.ranking.part_credit), never as the word itself.
            # The answer holds them too (first query: all 48; second: up to the re-ranked window of 40, the fill's end).
            decoy_ids = {f"decoy-{n:02d}" for n in range(20)}
            found = {hit.id for hit in relaxed.hits}
            assert relaxed.relaxed and relaxed.total == len(relaxed.hits) in (40, 48) and not relaxed.approximate
            assert set(expected) <= found <= set(expected) | decoy_ids
            assert all(WORD not in hit.explain.get("segments_held", ()) for hit in relaxed.hits if hit.id.startswith("decoy-"))
        monkeypatch.setattr(search_index, "checked_top", lambda *args, **kwargs: None)
        monkeypatch.setattr(search_index, "any_match", lambda searcher, schema, query, *args, **kwargs:
                            bool(searcher.search(query, 1, count=False).hits))
        engine.index._answers.clear()
        engine.index._facet_counts.clear()
        for q, relaxed in zip(queries, answers):
            every = engine.search(SearchRequest(q=q, limit=50, explain=True))
            assert [(h.id, h.score) for h in every.hits] == [(h.id, h.score) for h in relaxed.hits]
            assert (every.total, every.dropped, every.relaxed) == (relaxed.total, relaxed.dropped, relaxed.relaxed)
    finally:
        engine.close()


def test_the_api_cli_and_page_say_approximate(tmp_path: Path) -> None:
    records = [*decoys(30), *real_matches()]
    # a re-ranked window of 10: the 20 matches are not all in hand (else they are counted exactly)
    with served_engine(tmp_path / "data", records, search={"exact_count_limit": 40, "ranking": {"rerank_window": 10}}) as (_, base_url), \
            httpx.Client(base_url=base_url) as client:
        body = client.get("/api/search", params={"q": WORD}).json()
        assert body["approximate"] is True and body["total"] == 50 and len(body["hits"]) == 10
        assert client.get("/api/search", params={"q": "资金"}).json()["approximate"] is False
        page = client.get("/search", params={"q": WORD}).text
        assert "约</abbr> <strong>50</strong> 条结果" in page
        assert "约</abbr>" not in client.get("/search", params={"q": "资金"}).text


QUOTED = f'"{WORD}"'


def test_a_quoted_phrase_is_found_through_its_candidates_and_stays_exact(engine, monkeypatch) -> None:
    """A quoted Han phrase takes the candidates path too (issue 20: 165,911 matches of a quoted phrase were
    checked twice at 1,000,000 records): every hit holds the phrase as typed, in the checked query's order."""
    calls = []
    real_checked_top = search_index.checked_top
    monkeypatch.setattr(search_index, "checked_top", lambda *a, **k: calls.append(a[3]) or real_checked_top(*a, **k))
    response = engine.search(SearchRequest(q=QUOTED, limit=30, explain=True))
    assert calls, "the quoted phrase's best hits were not looked for among its candidates"
    assert sorted(hit.id for hit in response.hits) == sorted(r.id for r in real_matches())
    assert response.total == 20 and not response.approximate and response.facets["issuer"] == {"厦门市财政局": 20}
    pages = [hit.id for offset in range(0, 20, 3) for hit in engine.search(SearchRequest(q=QUOTED, limit=3, offset=offset)).hits]
    assert pages == [hit.id for hit in response.hits]
    assert_same_as_checking_every_candidate(engine, monkeypatch, SearchRequest(q=QUOTED, limit=30, explain=True), response)


def test_a_quoted_phrase_beside_other_words_and_excluded(tmp_path: Path, monkeypatch) -> None:
    """Beside an unquoted word (a segmented plan whose candidates leave the quoted phrase unchecked: each
    segment's check holds it), and negated (never loosened: it must exclude exactly); counts above the limit
    are the candidates' and say approximate, the hits exact all the same."""
    engine = build_engine(tmp_path / "data", [*decoys(30), *real_matches()],
                          search={"exact_count_limit": 40, "ranking": {"rerank_window": 10}})
    try:
        both = engine.search(SearchRequest(q=f"{QUOTED} 通报", limit=100, explain=True))
        assert sorted(hit.id for hit in both.hits) == sorted(r.id for r in real_matches())
        assert both.total == 20 and not both.approximate  # the decoys lack 通报: 20 candidates, counted exactly
        broad = engine.search(SearchRequest(q=QUOTED, limit=10))
        assert broad.approximate and broad.total == 50
        assert {hit.id for hit in broad.hits} <= {r.id for r in real_matches()} and len(broad.hits) == 10
        # a page holding fewer hits than it asked for from the first holds every match: counted exactly on those
        whole = engine.search(SearchRequest(q=QUOTED, limit=100))
        assert not whole.approximate and whole.total == 20 and whole.facets["kind"] == {"disclosure": 20}
        assert sorted(hit.id for hit in whole.hits) == sorted(r.id for r in real_matches())
        excluded = engine.search(SearchRequest(q=f'资金 -{QUOTED}', limit=100))
        assert sorted(hit.id for hit in excluded.hits) == sorted(r.id for r in decoys(30))
        assert excluded.total == 30 and not excluded.approximate
        narrow = engine.search(SearchRequest(q=QUOTED, kind="disclosure"))  # 20 candidates: counted exactly
        assert not narrow.approximate and narrow.total == 20
        monkeypatch.setattr(search_index, "checked_top", lambda *args, **kwargs: None)
        engine.index._answers.clear()
        engine.index._facet_counts.clear()
        exact = engine.search(SearchRequest(q=f"{QUOTED} 通报", limit=100, explain=True))
        assert [(h.id, h.score) for h in exact.hits] == [(h.id, h.score) for h in both.hits]
    finally:
        engine.close()


def bonus_records() -> list[Record]:
    """专项资金 in 60 bodies, 15 of them with it in the title too; the rest of the text varies in length, so
    the scores differ."""
    return [
        Record(id=f"body-{n:02d}", kind="disclosure" if n % 3 else "notice", notice_type=None if n % 3 else "other",
               issuer="厦门市财政局", title=(f"第{n}批{WORD}安排" if n < 15 else f"第{n}批项目安排"),
               body=f"{WORD}使用情况通报。" * (1 + n % 5) + "各单位要按照规定组织实施。" * (n % 7))
        for n in range(60)
    ]


def test_the_best_hits_are_found_among_the_title_matches_first_and_are_the_same(tmp_path: Path, monkeypatch) -> None:
    """candidates.best_hits (issue 20: tantivy scores every record of a conjunction of common words): the search
    of the records holding a bonus (the word in the title) gives the best hits when its last score is above
    what a record without one can score (term_bound); the answer is the full search's, same order and scores."""
    monkeypatch.setattr(candidates_module, "BONUS_FIRST_MATCHES", 0)  # a small index: always try it
    monkeypatch.setattr(candidates_module, "BONUS_SHARE", 1)
    engine = build_engine(tmp_path / "data", [*bonus_records(), *decoys(10)], search={"ranking": {"rerank_window": 10}})
    try:
        index = engine.index
        searcher = index._generation.check_current().searcher()
        clauses = search_index.parse_query(f"{WORD} 通报", 100)
        understood = index.understanding.understand_clauses(clauses)
        plan = search_index.segment_query.build(index.schema, clauses, understood, SearchRequest(), None,
                                                index.search_settings.ranking, [], doc_freq=searcher.doc_freq)
        assert plan.bounds is not None and len(plan.bounds.bonuses) == 1  # 专项资金 in a title (通报 is in none: no bonus)
        proved = []
        real_docs = candidates_module._scored_docs
        monkeypatch.setattr(candidates_module, "_scored_docs", lambda s: proved.append(1) or real_docs(s))
        for fetch in (5, 10, 15):
            full = [(round(score, 4), a.segment_ord, a.doc) for score, a in searcher.search(plan.candidates, fetch, count=False).hits]
            best = candidates_module.best_hits(searcher, index.schema, plan.candidates, fetch, bounds=plan.bounds)
            assert [(round(score, 4), a.segment_ord, a.doc) for score, a in best] == full
        assert len(proved) == 3  # the 15 title matches sufficed each time (no record without one scores as much)
        # more than the title matches wanted: fewer found than asked, so the full search answers, the same
        many = candidates_module.best_hits(searcher, index.schema, plan.candidates, 30, bounds=plan.bounds)
        assert [a.doc for _, a in many] == [a.doc for _, a in searcher.search(plan.candidates, 30, count=False).hits]
        # a bound nothing beats: not proved, the full search answers
        high = candidates_module.ScoreBounds(plan.bounds.terms, 1e6, plan.bounds.bonuses)
        assert [a.doc for _, a in candidates_module.best_hits(searcher, index.schema, plan.candidates, 5, bounds=high)] == \
            [a.doc for _, a in searcher.search(plan.candidates, 5, count=False).hits]
        # the search itself: the same answer as without the bounds
        answer = engine.search(SearchRequest(q=f"{WORD} 通报", limit=20, explain=True))
        monkeypatch.setattr(search_index.segment_query, "_segment_bounds", lambda *args: None)
        index._answers.clear()
        index._facet_counts.clear()
        unbounded = engine.search(SearchRequest(q=f"{WORD} 通报", limit=20, explain=True))
        assert [(h.id, h.score) for h in unbounded.hits] == [(h.id, h.score) for h in answer.hits]
    finally:
        engine.close()


def test_the_term_bound_is_above_every_score_and_counts_deleted_documents(tmp_path: Path) -> None:
    """term_bound with _scored_docs (tantivy's N counts deleted documents until a merge) is at least the best
    score of each term, before and after records are deleted."""
    engine = build_engine(tmp_path / "data", [*bonus_records(), *decoys(10), *real_matches()])
    try:
        index = engine.index
        for step in range(2):
            searcher = index._generation.check_current().searcher()
            docs = candidates_module._scored_docs(searcher)
            assert docs >= searcher.num_docs
            for field, term in [("all_bigrams", "专项"), ("all_bigrams", "资金"), ("all_bigrams", "设立"), ("all_text", "通"), ("title", "批")]:
                best = searcher.search(search_index.tantivy.Query.term_query(index.schema, field, term), 1, count=False).hits
                assert best and best[0][0] <= candidates_module.term_bound(searcher.doc_freq(field, term), docs)
            if step == 0:
                index.delete([f"body-{n:02d}" for n in range(0, 60, 2)])
                index.commit(0)
                assert candidates_module._scored_docs(index._generation.check_current().searcher()) > \
                    index._generation.check_current().searcher().num_docs  # the deleted ones still count
    finally:
        engine.close()


def test_a_known_identifier_is_counted_on_its_hits(tmp_path: Path, monkeypatch) -> None:
    """A 文号 the index holds finds it and the records citing it: every match is among the hits, so the counts
    are aggregated over those records (candidates.count_found) instead of walking its phrase again; the same
    total and facets as the walk."""
    number = "厦府〔2014〕12号"
    records = [
        Record(id="doc", kind="disclosure", issuer="厦门市人民政府", title="关于印发某办法的通知", doc_number=number,
               body="各区人民政府，市直各委、办、局：现将办法印发给你们，请遵照执行。"),
        Record(id="cites", kind="notice", notice_type="other", issuer="思明区人民政府", title="转发通知",
               body=f"根据{number}文件精神，现转发如下。"),
        Record(id="other", kind="disclosure", issuer="厦门市人民政府", title="另一个通知", doc_number="厦府〔2014〕13号",
               body="厦府2014年的另一份文件，12号楼。"),
    ]
    engine = build_engine(tmp_path / "data", [*records, *real_matches()])
    try:
        found = []
        real = search_index.count_found
        monkeypatch.setattr(search_index, "count_found", lambda *a: found.append(a[2]) or real(*a))
        for q in (number, "厦府[2014]12号", f"请问{number}文件的内容"):
            answer = engine.search(SearchRequest(q=q))
            assert found and sorted(found[-1]) == ["cites", "doc"]
            assert answer.total == 2 and answer.facets["kind"] == {"disclosure": 1, "notice": 1}
            assert answer.facets["issuer"] == {"厦门市人民政府": 1, "思明区人民政府": 1}
            monkeypatch.setattr(search_index, "_identifier_value", lambda clause: "not in the index")  # the walk
            engine.index._answers.clear()
            engine.index._facet_counts.clear()
            walked = engine.search(SearchRequest(q=q))
            assert (walked.total, walked.facets, [h.id for h in walked.hits]) == (answer.total, answer.facets, [h.id for h in answer.hits])
            monkeypatch.undo()
            monkeypatch.setattr(search_index, "count_found", lambda *a: found.append(a[2]) or real(*a))
            engine.index._answers.clear()
            engine.index._facet_counts.clear()
    finally:
        engine.close()


def test_pages_past_the_window_keep_the_query_order(tmp_path: Path, monkeypatch) -> None:
    """Past the re-ranked window a page is in the query's own BM25 order: a strict query's and a quoted phrase's
    found among their candidates, a relaxed one's (whose candidates score the words a record holds only as
    pairs) by the query itself; both the same as the query run on every record."""
    evaluations = [Record(id=f"eval-{n:02d}", kind="disclosure", title=f"关于开展第{n}次绩效评价的通知",
                          body="各单位按照要求开展绩效评价工作。" * (1 + n % 3)) for n in range(8)]
    # 绩效评价 checked, 专项资金 only as pairs: the relaxed query's candidates score them higher than the query does
    both = [Record(id=f"both-{n:02d}", kind="notice", notice_type="other", title=f"第{n}号",
                   body="设立专项，立项资料，资金到位。" * (1 + n % 3) + "开展绩效评价。") for n in range(8)]
    engine = build_engine(tmp_path / "data", [*decoys(20), *real_matches(), *evaluations, *both],
                          search={"ranking": {"rerank_window": 5}})
    try:
        queries = (WORD, QUOTED, WORD + "绩效评价")
        pages = {q: [(h.id, h.score) for offset in (5, 10, 15) for h in engine.search(SearchRequest(q=q, limit=5, offset=offset)).hits]
                 for q in queries}
        monkeypatch.setattr(search_index, "checked_top", lambda *args, **kwargs: None)
        engine.index._answers.clear()
        engine.index._facet_counts.clear()
        for q in queries:
            assert pages[q] and pages[q] == [(h.id, h.score) for offset in (5, 10, 15)
                                             for h in engine.search(SearchRequest(q=q, limit=5, offset=offset)).hits]
    finally:
        engine.close()


def test_counts_whose_phrase_check_reads_too_much_are_the_candidates_and_say_so(tmp_path: Path) -> None:
    """Issue 20: candidates within exact_count_limit are counted again exactly only while the check reads at most
    search.exact_count_work records' positions (the word's rarest character's records): beyond it the candidates'
    counts stand, marked approximate; a first page holding fewer hits than it asked for is counted on those."""
    records = [*decoys(30), *real_matches()]
    engine = build_engine(tmp_path / "data", records, search={"exact_count_work": 10, "ranking": {"rerank_window": 10}})
    try:
        index = engine.index
        searcher = index._generation.check_current().searcher()
        clauses = search_index.parse_query(WORD, 100)
        plan = search_index.segment_query.build(index.schema, clauses, index.understanding.understand_clauses(clauses),
                                                SearchRequest(q=WORD), None, index.search_settings.ranking, [],
                                                doc_freq=searcher.doc_freq)
        assert plan.check_work == 50  # 专项资金: its rarest character is in the 50 candidates
        broad = engine.search(SearchRequest(q=WORD, limit=10))
        assert broad.approximate and broad.total == 50 and broad.facets["kind"] == {"disclosure": 20, "notice": 30}
        assert {hit.id for hit in broad.hits} <= {r.id for r in real_matches()} and len(broad.hits) == 10
    finally:
        engine.close()
    # the re-ranked window (50) reads every candidate: the 20 matches are in hand, counted on those
    in_hand = build_engine(tmp_path / "in-hand", records, search={"exact_count_work": 10})
    try:
        counted = in_hand.search(SearchRequest(q=WORD, limit=10))
        assert not counted.approximate and counted.total == 20 and counted.facets["kind"] == {"disclosure": 20}
    finally:
        in_hand.close()
    exact = build_engine(tmp_path / "exact", records, search={"exact_count_work": 0, "ranking": {"rerank_window": 10}})
    try:
        counted = exact.search(SearchRequest(q=WORD, limit=10))
        assert not counted.approximate and counted.total == 20 and counted.facets["kind"] == {"disclosure": 20}
    finally:
        exact.close()


def licence_records() -> list[Record]:
    """No record holds all six words of 营业执照正本副本公章财务章遗失; ten hold five of them (公章 or 财务章, the rare
    ones, each missing one of those two), the rest fewer: the common ones in many records."""
    records = []
    for n in range(6):
        records.append(Record(id=f"seal-{n}", kind="notice", notice_type="lost", title=f"遗失声明第{n}号",
                              body=f"厦门某某公司第{n}分店遗失营业执照正本、副本及公章，声明作废。"))
    for n in range(4):
        records.append(Record(id=f"finance-{n}", kind="notice", notice_type="lost", title=f"遗失声明第{n + 10}号",
                              body=f"厦门某某商行第{n}门店遗失营业执照正本、副本及财务章，声明作废。"))
    for n in range(40):
        records.append(Record(id=f"licence-{n:02d}", kind="notice", notice_type="lost", title=f"遗失声明第{n + 20}号",
                              body=f"厦门第{n}家个体户遗失营业执照正本，声明作废。" + "特此声明。" * (n % 3)))
    for n in range(40):
        records.append(Record(id=f"other-{n:02d}", kind="notice", notice_type="lost", title=f"遗失声明第{n + 60}号",
                              body=f"某某第{n}号遗失身份证一张，声明作废。"))
    return records


def test_a_relaxed_step_narrowed_by_its_rarest_words_gives_the_same_answer(tmp_path: Path, monkeypatch) -> None:
    """At least 5 of 6 words: every such record holds 公章 or 财务章 (the two rarest: lacking both, it holds at most
    4), so each word's query is required to hold one of them first (segment_query._implied_filter), which tantivy
    walks instead of every record holding any word. The answer is the one the step gives without it: the same
    records in the same order, the same scores (the same parts summed, plus zeros), total and dropped words."""
    # a re-ranked window below the ten: no fill from the records holding fewer words, the step's answer alone
    engine = build_engine(tmp_path / "data", licence_records(), search={"ranking": {"rerank_window": 5}})
    from gongkai.indexer import segment_query

    made = []
    implied_filter = segment_query._implied_filter

    def spied(*args, **kwargs):
        made.append(implied_filter(*args, **kwargs))
        return made[-1]

    try:
        monkeypatch.setattr(segment_query, "_implied_filter", spied)
        q = "营业执照正本副本公章财务章遗失"
        narrowed = engine.search(SearchRequest(q=q, limit=100, explain=True))
        assert any(f is not None for f in made), "the step at 5 of 6 words was narrowed"
        assert narrowed.relaxed and narrowed.total == 10
        best = {hit.id for hit in narrowed.hits[:10]}
        assert best == {f"seal-{n}" for n in range(6)} | {f"finance-{n}" for n in range(4)}
        monkeypatch.setattr(segment_query, "IMPLIED_SHARE", -1.0)  # never narrowed
        engine.index._answers.clear()
        engine.index._facet_counts.clear()
        made.clear()
        walked = engine.search(SearchRequest(q=q, limit=100, explain=True))
        assert all(f is None for f in made)
        assert [h.id for h in walked.hits] == [h.id for h in narrowed.hits]
        assert [h.score for h in walked.hits] == pytest.approx([h.score for h in narrowed.hits], rel=1e-6)
        assert (walked.total, walked.dropped, walked.relaxed) == (narrowed.total, narrowed.dropped, narrowed.relaxed)
    finally:
        engine.close()


def test_the_implied_union_is_used_only_when_it_narrows_what_is_counted() -> None:
    """segment_query._implied_filter by the term dictionary's counts: the union of the n-k+1 rarest words when it admits
    at most a quarter of what the words hold; a day (its records not counted) never makes a union look narrow."""
    from tantivy import Query

    from gongkai.indexer.segment_query import _implied_filter
    from gongkai.indexer.understand import Segment

    # each word's pairs (营业执照: 营业 业执 执照): a word holds at most as many records as its rarest pair
    counts = {"营业": 900, "业执": 900, "执照": 900, "公章": 6, "财务": 4, "务章": 4, "遗失": 800, "失声": 700, "声明": 700}
    words = [Segment(w, (w,)) for w in ("营业执照", "公章", "财务章", "遗失声明")]
    loose = [Query.all_query() for _ in words]

    def doc_freq(field: str, term: str) -> int:  # a single character is in many records
        return counts.get(term, 0) if field == "all_bigrams" else 10_000

    narrowing = _implied_filter(words, loose, 3, doc_freq)
    assert narrowing is not None and narrowing.members == frozenset({1, 2})  # 公章, 财务章: 10 of 1,610
    assert _implied_filter(words, loose, 2, doc_freq) is None  # 3 rarest: 公章, 财务章, 遗失声明 = 710 of 1,610
    assert _implied_filter(words, loose, 4, doc_freq) is None  # every word required: no step
    assert _implied_filter(words, loose, 1, doc_freq) is None  # any word: the union of all
    day = Segment("明天", ("明天",), kind="date", day=date(2026, 12, 8))
    with_day = [words[0], words[3], day, Segment("公章", ("公章",))]
    # at least 3 of 4: the 2 rarest are 公章 (6) and 遗失声明 (700), the day is never counted as rare
    assert _implied_filter(with_day, [Query.all_query()] * 4, 3, doc_freq) is None  # 706 of 1,606
    number = Segment("厦府〔2014〕12号", ("厦府〔2014〕12号",), kind="identifier", identifier="doc_number")
    # at least 2 of 3: the union would need the day or the 文号, whose records are not counted: not taken as narrow
    assert _implied_filter([words[1], day, number], [Query.all_query()] * 3, 2, doc_freq) is None
