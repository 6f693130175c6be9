"""A relaxed step's best hits scored by their parts (qspeed, session 18; segment_query.Plan.summed, candidates.checked_top).

A relaxed step ("at least k of n words") is tantivy's minimum-should-match scorer, which has no seek: scoring the best
candidates again with the query restricted to them walked every record holding any of the words (and the phrase of the
clause as typed, which no record of a relaxed answer holds, to its end): 30-60 ms of a long question's CPU at 100,000
records. The kept candidates hold at least k words (checked word by word), so each scores the sum of the words it holds
and its bonuses: those parts restricted to the candidates are summed instead. The same parts, added in another order by
tantivy: the answers must be the ones of the walk (ids, order, scores to 1e-6, totals, dropped words), and where two
candidates tie at the edge of what is taken the walk still decides (pages partition as before).
Real SQLite store and Tantivy index; the bundled Xiamen records and the real 国务院 documents of ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.indexer import search_index
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records

#: How citizens type: long questions and pasted titles that no record holds whole (each answered relaxed).
NATURAL = (
    "思明区莲前街道前埔社区居委会办公地点在哪里",
    "厦门市人民政府办公厅关于进一步加强城市道路管理工作的通知",
    "关于2023年度市级财政专项资金绩效评价结果的公示",
    "国务院关于优化营商环境的实施意见怎么落实到厦门",
    "社会保障卡遗失补办需要带什么材料",
    "湖滨南路厦禾路交叉口电力线路改造停电公告",
    "中华人民共和国政府信息公开条例第十九条规定",
    "湖里区旧村改造征地拆迁补偿标准是多少",
    "营业执照正本副本公章财务章遗失",
    "集美区杏林街道杏北路计划停水通知",
)


class Spy:
    """Wraps search_index.checked_top: counts the calls given a summed step, and those whose exact rescore still ran."""

    def __init__(self, monkeypatch, use_summed: bool = True) -> None:
        self.summed = self.exact = 0
        real = search_index.checked_top

        def spied(*args, **kwargs):
            rescore, summed = kwargs.get("rescore"), kwargs.get("summed")
            if not use_summed:
                kwargs["summed"] = None
            elif summed is not None and rescore is not None:
                self.summed += 1

                def counted(only, rescore=rescore):
                    self.exact += 1
                    return rescore(only)

                kwargs["rescore"] = counted
            return real(*args, **kwargs)

        monkeypatch.setattr(search_index, "checked_top", spied)


def answer(response) -> tuple:
    return ([h.id for h in response.hits], response.total, response.dropped, response.relaxed, response.approximate)


def fresh(engine) -> None:
    engine.index._answers.clear()
    engine.index._facet_counts.clear()


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("summed") / "data", [*sample_records(), *govcn_records()])
    yield built
    built.close()


@pytest.mark.parametrize("fill", [False, True], ids=["feed", "page"])
def test_natural_relaxed_answers_are_the_walks_answers(engine, monkeypatch, fill: bool) -> None:
    """Each natural query, first page and the window's pages, as the page asks (fill) and as a feed does: the same as
    with the relaxed step's candidates scored by the walk, and the summed step decided without it for most."""
    spy = Spy(monkeypatch)
    requests = [SearchRequest(q=q, limit=limit, offset=offset, fill=fill, explain=True)
                for q in NATURAL for limit, offset in ((10, 0), (10, 10), (50, 0))]
    fresh(engine)
    summed = [engine.search(r) for r in requests]
    assert all(r.relaxed for r in summed[::3]), [r.q for r, a in zip(requests, summed) if not a.relaxed]
    assert spy.summed >= len(NATURAL) and spy.exact < spy.summed / 2, (spy.summed, spy.exact)
    monkeypatch.undo()
    Spy(monkeypatch, use_summed=False)
    fresh(engine)
    for request, got in zip(requests, summed):
        walked = engine.search(request)
        assert answer(got) == answer(walked), request.q
        assert [h.score for h in got.hits] == pytest.approx([h.score for h in walked.hits], rel=1e-6), request.q


def twins(count: int) -> list[Record]:
    """Records alike but for their ids: they score alike to the bit, each holding every word asked but 营商环境."""
    return [Record(id=f"twin-{n:02d}", kind="notice", notice_type="outage", issuer="国网厦门供电公司",
                   title="计划停电通知", body="因线路检修，湖里区金山街道将计划停电，请用户做好准备。")
            for n in range(count)]


def test_ties_at_the_edge_of_the_window_and_the_pages_past_it(tmp_path: Path, monkeypatch) -> None:
    """Twelve twins and a re-ranked window of 5: the 5th and 6th best tie, and the sum of their parts (another order of the
    same additions than tantivy's walk) takes them in tantivy's order of ties, by address, without the walk. The pages
    past the window are the query's order without the window's records (search_index._past_window): paged 3 by 3, across
    the window and past it, the answer is the one page of 20, each record once."""
    records = [*twins(12), *govcn_records()[:10]]
    engine = build_engine(tmp_path / "data", records, search={"ranking": {"rerank_window": 5}})
    try:
        spy = Spy(monkeypatch)
        q = "湖里区金山街道计划停电营商环境"  # every word held, never together: a step at least k of n
        whole = engine.search(SearchRequest(q=q, limit=20))
        assert whole.relaxed and whole.dropped and set(whole.dropped) <= {"营商环境", "营商", "环境"}, whole.dropped
        assert spy.summed and not spy.exact, (spy.summed, spy.exact)
        assert {h.id for h in whole.hits[:12]} == {f"twin-{n:02d}" for n in range(12)}
        pages = [hit.id for offset in range(0, 20, 3) for hit in engine.search(SearchRequest(q=q, limit=3, offset=offset)).hits]
        assert pages == [hit.id for hit in whole.hits] and len(set(pages)) == len(pages) == whole.total
    finally:
        engine.close()
