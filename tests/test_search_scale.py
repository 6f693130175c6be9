"""Issue 20, query cost at scale: the title bonus as term queries on the title's character pairs, and the counts of
a query matching very many records estimated from one sample slot (search.sample_counts_above), marked approximate.
Real SQLite store, real Tantivy index, the real HTTP server on 127.0.0.1 for the API's answer."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from tantivy import Query

from gongkai.indexer.schema import SAMPLE_SLOTS, sample_slot
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine, served_engine

BROAD = 480  # records holding 通知 in the body
QUOTED_BROAD = '"有关事项"'  # in each of them too


def broad_records() -> list[Record]:
    issuers = ("厦门市财政局", "思明区人民政府", "湖里区人民政府")
    return [
        Record(id=f"n-{n:04d}", kind="notice" if n % 3 else "disclosure", notice_type="other" if n % 3 else None,
               issuer=issuers[n % 3], title=f"第{n}号工作安排", body=f"现将第{n}项工作的有关事项通知如下，请遵照执行。")
        for n in range(BROAD)
    ]


def apart_records() -> list[Record]:
    """停水 in 150 records, 管网 in 150 others, both in 3: each word is common, the two together are not."""
    water = [Record(id=f"w-{n:03d}", kind="disclosure", title=f"供水安排{n}", body="因施工需要停水一天。") for n in range(150)]
    pipes = [Record(id=f"p-{n:03d}", kind="disclosure", title=f"改造安排{n}", body="老旧管网改造工程。") for n in range(150)]
    both = [Record(id=f"b-{n}", kind="notice", notice_type="outage", title=f"停水通告{n}", body="因管网改造停水。") for n in range(3)]
    return [*water, *pipes, *both]


@pytest.fixture(scope="module")
def broad(tmp_path_factory):
    engine = build_engine(tmp_path_factory.mktemp("broad") / "data", [*broad_records(), *apart_records()],
                          search={"sample_counts_above": 100, "cache_entries": 0})
    yield engine
    engine.close()


def test_a_query_matching_very_many_is_counted_on_one_sample_slot(broad) -> None:
    sampled = broad.search(SearchRequest(q="通知", limit=50))
    in_slot = sum(1 for r in broad_records() if sample_slot(r.id) == 0)
    assert 0 < in_slot < BROAD  # the slot holds some, not all
    assert sampled.approximate
    assert sampled.total == in_slot * SAMPLE_SLOTS  # the slot's count, scaled
    assert sum(sampled.facets["kind"].values()) == sampled.total
    assert all(count % SAMPLE_SLOTS == 0 for counts in sampled.facets.values() for count in counts.values())
    assert set(sampled.facets["issuer"]) == {"厦门市财政局", "思明区人民政府", "湖里区人民政府"}
    # The hits are the exact ones: the same as with the counts taken exactly (sampling off).
    broad.index.search_settings = broad.index.search_settings.model_copy(update={"sample_counts_above": 0})
    try:
        exact = broad.search(SearchRequest(q="通知", limit=50))
    finally:
        broad.index.search_settings = broad.index.search_settings.model_copy(update={"sample_counts_above": 100})
    assert exact.total == BROAD and not exact.approximate
    assert exact.facets["issuer"] == {"厦门市财政局": 160, "思明区人民政府": 160, "湖里区人民政府": 160}
    assert [(h.id, h.score) for h in sampled.hits] == [(h.id, h.score) for h in exact.hits]


def test_a_query_expected_to_match_many_that_matches_few_is_counted_exactly(broad) -> None:
    # Each word is in 153 records (over the limit of 100), both in 3: the sample finds too few, the count is exact.
    response = broad.search(SearchRequest(q="停水 管网"))
    assert response.total == 3 and not response.approximate
    assert sorted(h.id for h in response.hits) == ["b-0", "b-1", "b-2"]


def test_narrow_queries_are_never_sampled(broad) -> None:
    response = broad.search(SearchRequest(q="第7号工作安排"))
    assert not response.approximate and response.total == 1


def test_the_api_says_a_sampled_count_is_approximate(tmp_path: Path) -> None:
    with served_engine(tmp_path / "data", broad_records(), search={"sample_counts_above": 100}) as (_, base_url):
        answer = httpx.get(f"{base_url}/api/search", params={"q": "通知"}, timeout=30).json()
        page = httpx.get(f"{base_url}/search", params={"q": "通知"}, timeout=30).text
    assert answer["approximate"] is True and answer["total"] % SAMPLE_SLOTS == 0
    assert "条数和分类计数为估计值\">约</abbr>" in page


def test_the_title_bonus_is_the_title_holding_the_word_as_typed(tmp_path: Path) -> None:
    """A title holding 通 and 知 apart (通过告知书) gets no title bonus for 通知: its pair is not in the title."""
    body = "现将有关事项通知如下。"
    records = [
        Record(id="apart", kind="disclosure", title="关于通过告知书的答复", body=body),
        Record(id="typed", kind="disclosure", title="关于做好有关工作的通知", body=body),
        Record(id="none", kind="disclosure", title="关于做好有关工作的答复", body=body),
    ]
    engine = build_engine(tmp_path / "data", records)
    try:
        response = engine.search(SearchRequest(q="通知", explain=True))
        index = engine.index._generation.check_current().searcher()
        assert index.doc_freq("title_bigrams", "通知") == 1 and index.doc_freq("title_bigrams", "告知") == 1
    finally:
        engine.close()
    assert response.hits[0].id == "typed"
    scores = {h.id: h.explain["bm25_and_boosts"] for h in response.hits}
    assert scores["typed"] > scores["apart"]
    assert scores["apart"] == pytest.approx(scores["none"], rel=0.05)  # no bonus: as a title without either character


def test_sample_slots_are_stable() -> None:
    assert sample_slot("b0000001") == sample_slot("b0000001")
    slots = {sample_slot(f"r{n}") for n in range(1000)}
    assert slots == set(range(SAMPLE_SLOTS))


def test_a_one_word_query_found_by_block_wand_is_the_full_search(tmp_path: Path, monkeypatch) -> None:
    """通知 through Plan.union (candidates.union_top): the same hits, order and scores as the query scoring every
    match, recent notices (the recency bonus goes to them only) and titles holding the word included."""
    from datetime import date, timedelta

    from gongkai.indexer import candidates, search_index, segment_query

    today = date.today()
    records = [
        Record(id=f"r-{n:03d}", kind="notice" if n % 2 else "disclosure", notice_type="other" if n % 2 else None,
               title=f"关于第{n}项工作的通知" if n % 5 == 0 else f"第{n}项工作安排",
               body="现将有关事项通知如下。" * (1 + n % 3) + "请各单位遵照执行。" * (n % 7),
               publish_date=today - timedelta(days=10 + n) if n % 4 == 1 else date(2015, 1, 1) + timedelta(days=n))
        for n in range(120)
    ]
    engine = build_engine(tmp_path / "data", records, search={"cache_entries": 0, "ranking": {"rerank_window": 20}})
    used = []
    real = candidates.union_top
    monkeypatch.setattr(search_index, "union_top", lambda *args: used.append(1) or real(*args))
    try:
        requests = [SearchRequest(q="通知", limit=10, offset=offset, explain=True) for offset in (0, 10, 30)]
        requests.append(SearchRequest(q="通知", limit=20, facets=False))
        fast = [engine.search(r) for r in requests]
        assert used  # the union path ran
        monkeypatch.setattr(segment_query, "_union_form", lambda *args: None)
        full = [engine.search(r) for r in requests]
    finally:
        engine.close()
    for a, b in zip(fast, full):
        assert [(h.id, h.score) for h in a.hits] == [(h.id, h.score) for h in b.hits]
        assert a.total == b.total == 120
    assert any(h.explain["recency"] > 1 for h in fast[0].hits)  # recent notices are among the best


def test_the_whole_query_bonus_is_checked_on_the_best_candidates_only(tmp_path: Path, monkeypatch) -> None:
    """国有建设用地 (three words): the candidates give the whole-query bonus to every record holding its pairs, unchecked;
    decoys hold every pair (国有, 有建, 建设, 设用, 用地) but never the words in a row, and would lead with the bonus.
    The answer is the one of the query scoring every match: the same ids, order and scores."""
    from gongkai.indexer import candidates, search_index

    typed = [Record(id=f"typed-{n:02d}", kind="disclosure", title=f"第{n}号地块出让公告",
                    body="本地块为国有建设用地使用权出让。" + "请竞买人按照规定办理手续。" * (2 + n % 5)) for n in range(12)]
    decoys = [Record(id=f"decoy-{n:02d}", kind="disclosure", title=f"第{n}号通报",
                     body="国有资产，所有建筑，建设用房，用地审批。" * (1 + n % 3)) for n in range(12)]
    engine = build_engine(tmp_path / "data", [*typed, *decoys], search={"cache_entries": 0, "ranking": {"rerank_window": 5}})
    rescored = []
    real = candidates._rescored
    monkeypatch.setattr(candidates, "_rescored", lambda *args: rescored.append(1) or real(*args))
    try:
        requests = [SearchRequest(q="国有建设用地", limit=5, offset=offset, explain=True) for offset in (0, 5, 10, 20)]
        fast = [engine.search(r) for r in requests]
        assert rescored  # the candidates' path, scored again
        monkeypatch.setattr(search_index, "checked_top", lambda *args, **kwargs: None)
        full = [engine.search(r) for r in requests]
    finally:
        engine.close()
    for a, b in zip(fast, full):
        assert [(h.id, h.score) for h in a.hits] == [(h.id, h.score) for h in b.hits]
        assert a.total == b.total == 24 and not a.approximate
    assert all(h.id.startswith("typed") for h in fast[0].hits)  # the bonus went to the words as typed only


def test_the_best_hits_of_common_words_are_found_among_the_rarest_title_matches_first(tmp_path: Path, monkeypatch) -> None:
    """candidates.best_hits' tiers: 专项资金 and 绩效 in 80 bodies, 专项资金 in 30 titles, 绩效 in 6 of those: the records with
    绩效 in the title are searched first, and their last wanted score is above what any other can score (the base plus
    the best title score of 专项资金 alone), so that search answers: the same hits in the same order as the full one."""
    from gongkai.indexer import candidates, search_index

    monkeypatch.setattr(candidates, "BONUS_FIRST_MATCHES", 0)  # a small index: always try it
    monkeypatch.setattr(candidates, "BONUS_SHARE", 1)
    records = [
        Record(id=f"r-{n:02d}", kind="disclosure", issuer="厦门市财政局",
               title=f"第{n}批专项资金绩效安排" if n < 6 else f"第{n}批专项资金安排" if n < 30 else f"第{n}批项目安排",
               body="专项资金绩效情况通报。" * (1 + n % 4) + "各单位要按照规定组织实施。" * (n % 5))
        for n in range(80)
    ]
    engine = build_engine(tmp_path / "data", records)
    try:
        index = engine.index
        searcher = index._generation.check_current().searcher()
        clauses = search_index.parse_query("专项资金 绩效", 100)
        plan = search_index.segment_query.build(index.schema, clauses, index.understanding.understand_clauses(clauses),
                                                SearchRequest(), None, index.search_settings.ranking, [], doc_freq=searcher.doc_freq)
        assert plan.bounds is not None and sorted(plan.bounds.holders) == [6, 30]
        tiers = candidates._tiers(searcher, index.schema, plan.bounds, 0.0)
        # a title bonus's most: the sum of its pairs' best scores (block-max on each term), never below its own best
        for n, boost in enumerate(plan.bounds.boosts):
            own = searcher.search(Query.boost_query(plan.bounds.bonuses[n], boost), 1, count=False).hits[0][0]
            assert plan.bounds.parts[n] and own * (1 - 1e-5) <= candidates._most(searcher, index.schema, plan.bounds, n, boost) <= own * 1.5
        assert [len(tier) for tier, _ in tiers] == [1, 2]  # 绩效's holders, then both
        real_tiers = candidates._tiers
        monkeypatch.setattr(candidates, "_tiers", lambda *args: real_tiers(*args)[:1])  # the first tier must prove it
        for fetch in (3, 6):
            full = [(score, a.segment_ord, a.doc) for score, a in searcher.search(plan.query, fetch, count=False).hits]
            searched = []  # the queries searched: the first tier's, and `plan.query` itself if it did not prove its answer
            best = candidates.best_hits(searcher, index.schema, plan.query, fetch, lambda q, searched=searched: searched.append(q) or q, plan.bounds)
            assert [(score, a.segment_ord, a.doc) for score, a in best] == full
            assert len(searched) == 1 and searched[0] is not plan.query
        # 7 wanted: the 6 records of the first tier are too few, the full search answers (the same)
        searched = []
        best = candidates.best_hits(searcher, index.schema, plan.query, 7, lambda q: searched.append(q) or q, plan.bounds)
        assert searched[-1] is plan.query
        assert [a.doc for _, a in best] == [a.doc for _, a in searcher.search(plan.query, 7, count=False).hits]
        # a tier that fails tells the score every later tier reaches: straight to the first one that score proves
        first, _ = real_tiers(searcher, index.schema, plan.bounds, 0.0)[0]
        proved_by_first = searcher.search(plan.query, 3, count=False).hits[-1][0] / 2  # below the first tier's 3rd score
        monkeypatch.setattr(candidates, "_tiers", lambda *args: [(first, 1e6), ([0, 1], 1e6), ([0, 1], proved_by_first), ([0, 1], 0.0)])
        searched = []
        best = candidates.best_hits(searcher, index.schema, plan.query, 3, lambda q: searched.append(q) or q, plan.bounds)
        assert len(searched) == 2 and plan.query not in searched  # the first tier, then the third (the second skipped)
        assert [(s, a.doc) for s, a in best] == [(s, a.doc) for s, a in searcher.search(plan.query, 3, count=False).hits]
    finally:
        engine.close()


def test_a_word_of_several_forms_is_looked_for_within_the_pairs_of_the_others(tmp_path: Path, monkeypatch) -> None:
    """A segment of several forms (a date's writings, 停电 or 暂停供电) is a union, which tantivy reaches by filling windows
    of 4,096 documents, reading each form's phrase there; beside other required words each form is looked for within
    their pairs (segment_query._restrictions): the same hits, scores, totals and step-downs as without (issue 20)."""
    from datetime import date

    from gongkai.indexer import segment_query
    from gongkai.indexer.query import parse_query

    bodies = ["2024年5月8日湖滨南路停电。", "2024-05-08湖滨南路暂停供电。", "二〇二四年五月八日湖滨南路停电检修。",
              "2024.5.8湖滨南路停电", "2024年5月9日湖滨南路停电。", "湖滨南路停电，2024年5月8日恢复。", "2024年5月8日停水。",
              "湖滨南路暂停供水。", "2024年5月8日湖滨北路停电。"]
    records = [Record(id=f"d-{n:02d}", kind="notice", notice_type="outage", title=f"停电通知{n}" if n % 2 else f"公告{n}",
                      body=body * (1 + n % 3), publish_date=date(2024, 5, 1 + n % 9))
               for n, body in enumerate(bodies * 3)]
    engine = build_engine(tmp_path / "data", records, search={"cache_entries": 0})
    queries = ["2024年5月8日停电", "湖滨南路 停电", "2024年5月8日 湖滨南路 停电", "湖滨南路2024年5月8日暂停供电", "停电 2024-05-08 冥王星"]
    try:
        index = engine.index
        searcher = index._generation.check_current().searcher()
        clauses = parse_query("2024年5月8日 湖滨南路 停电", 100)
        understood = index.understanding.understand_clauses(clauses)
        restricted = segment_query._restrictions(index.schema, understood, frozenset(), searcher.doc_freq)
        assert len(restricted) == 2  # the date (five forms and its day) and 停电 (or 暂停供电); 湖滨南路 has one form
        answers = [engine.search(SearchRequest(q=q, limit=50, explain=True)) for q in queries]
        assert {"d-01", "d-10", "d-19"} <= {h.id for h in answers[0].hits}  # 暂停供电 on 2024-05-08
        assert not {"d-06", "d-24"} & {h.id for h in answers[0].hits}  # the day's 停水, no 停电 in their titles
        monkeypatch.setattr(segment_query, "_restrictions", lambda *args: {})
        for q, answer in zip(queries, answers):
            plain = engine.search(SearchRequest(q=q, limit=50, explain=True))
            assert [(h.id, h.score) for h in plain.hits] == [(h.id, h.score) for h in answer.hits], q
            assert (plain.total, plain.relaxed, plain.dropped, plain.facets) == (answer.total, answer.relaxed, answer.dropped, answer.facets), q
    finally:
        engine.close()


def test_counts_approximate_anyway_and_long_to_walk_are_estimated_from_the_sample(tmp_path: Path, monkeypatch) -> None:
    """search.sample_counts_work: "有关事项" (quoted: one phrase) in 400 records, more than exact_count_limit (its counts are the candidates'
    anyway); its candidates' count reads 400 × 3 pairs, more than the work allowed: one sample slot, scaled, when the slot
    holds enough records (candidates.SAMPLE_FLOOR); else the candidates' counts as before. The hits are the same."""
    from gongkai.indexer import candidates

    monkeypatch.setattr(candidates, "SAMPLE_FLOOR", 1)
    monkeypatch.setattr("gongkai.indexer.search_index.SAMPLE_FLOOR", 1)
    records = broad_records()[:400]
    engine = build_engine(tmp_path / "data", records,
                          search={"exact_count_limit": 10, "sample_counts_work": 1000, "cache_entries": 0})
    try:
        in_slot = sum(1 for r in records if sample_slot(r.id) == 0)
        sampled = engine.search(SearchRequest(q=QUOTED_BROAD, limit=20))
        assert sampled.approximate and sampled.total == in_slot * SAMPLE_SLOTS != len(records)
        engine.index.search_settings = engine.index.search_settings.model_copy(update={"sample_counts_work": 2000})
        walked = engine.search(SearchRequest(q=QUOTED_BROAD, limit=20))  # 1,200 postings: within the work allowed
        assert walked.approximate and walked.total == len(records)  # the candidates' count (over the exact-count limit)
        assert [(h.id, h.score) for h in walked.hits] == [(h.id, h.score) for h in sampled.hits]
    finally:
        engine.close()
