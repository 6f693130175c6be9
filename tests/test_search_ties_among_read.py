"""A relaxed answer's tie group at the re-ranked window's edge is settled from the candidates checked_top reads (qspeed8,
session 22): the records it kept, when they hold every record scoring as the window's last (Checked.holds_every: the last
candidate read scores less), not by a second search of the query, which for a relaxed step walks the at-least-k scorer of
every record holding a word (ties2: 交通运输局关于调整公交线路的公告 46 → 104 ms of CPU at 100,000 records); a group running past
them is still looked for by that search. Either way the window is the group's smallest ids, whatever order the records
went in. Real ingest, store and index; the search's own `_among_read` is wrapped only to see which way it went."""

from __future__ import annotations

from pathlib import Path

import pytest

import gongkai.indexer.search_index as search_index
from gongkai.record import Record
from tests.support import build_engine, search

#: A question naming a bureau no record names: answered relaxed, its window scored by its parts (Plan.summed)
QUESTION = "厦门市交通运输局关于调整公交线路的公告"
WINDOW = 50  # search.ranking.rerank_window's default


def _routes(n: int, start: int = 0, title: str = "关于调整公交线路的公告") -> list[Record]:
    # the same bus-route notice printed for n routes (bodies alike in length): every one scores alike
    return [Record(kind="disclosure", title=title, issuer="厦门市公交集团",
                   body=f"{chr(0x4e00 + 300 + k)}{chr(0x4e00 + 600 + k)}路公交线路自下月起调整走向，请市民留意。",
                   url=f"http://jtj.xm.gov.cn/gjxl/{k}.htm") for k in range(start, start + n)]


def _built(path: Path, records: list[Record], layout: str):
    if layout == "forward":  # in file order, one writer thread
        return build_engine(path, records, index={"writer_threads": 1})
    backwards = list(reversed(records))  # in reverse, in batches, two threads: every address differs
    engine = build_engine(path, backwards[:37], index={"writer_threads": 2})
    for start in range(37, len(backwards), 37):
        engine.ingest_records(backwards[start : start + 37])
    return engine


@pytest.mark.parametrize(("tied", "weaker", "way"), [
    (65, 40, "kept"),  # the group ends among the candidates the window's own read kept: settled from those
    (130, 0, "searched"),  # the group runs past every candidate read: the query searched deeper
])
def test_a_relaxed_tie_group_is_settled_from_the_candidates_read(tmp_path, monkeypatch, tied: int, weaker: int, way: str) -> None:
    # `weaker`: the route notice without 公告 in its title, scoring below the group (the candidates read past it)
    records = _routes(tied) + _routes(weaker, start=tied, title="公交线路调整")
    group = {r.id for r in records[:tied]}
    ways: list[str] = []
    among_read = search_index._among_read

    def watched(seen, hits, window, payloads, searched):  # type: ignore[no-untyped-def]
        def searched_again(depth: int):  # type: ignore[no-untyped-def]
            ways.append("searched")
            return searched(depth)
        deeper = among_read(seen, hits, window, payloads, searched_again)

        def asked(depth: int):  # type: ignore[no-untyped-def]
            ways.append("deeper")
            return deeper(depth)
        return asked

    monkeypatch.setattr(search_index, "_among_read", watched)
    windows = []
    for layout in ("forward", "batches"):
        ways.clear()
        engine = _built(tmp_path / layout, records, layout)
        try:
            answer = search(engine, QUESTION, limit=WINDOW, facets=[])
            ids = [hit.id for hit in answer.hits]
            assert answer.relaxed and len(ids) == WINDOW, (answer.relaxed, len(ids))
            assert set(ids) <= group and sorted(ids) == sorted(group)[:WINDOW], layout  # the group's smallest ids
            windows.append(ids)
        finally:
            engine.close()
        assert "deeper" in ways, ways  # the group ran past the window's own hits: a deeper look was needed
        assert ("searched" in ways) == (way == "searched"), ways  # the query searched again only when the group ran past
    assert windows[0] == windows[1]
