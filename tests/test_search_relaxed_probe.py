"""The relaxed step-down's failed probe proves the step below it from what it read (qspeed6, session 21; issue 14).

The step-down probes its ceiling (the most words a record holds by their characters): "does a record hold k words, each
word's phrase checked?" reads the best candidates holding k words unchecked and checks each. When none passes, a
candidate it read that holds k - 1 words checked proves the step k - 1 (no record holds k, one holds k - 1) with no
further search; before, the best records by coverage were searched for it (candidates.most_held: 6-10 ms at 100,000
records, 厦府办〔2023〕关于印发进一步支持民营经济发展若干措施的通知). A candidate read holding fewer proves nothing (a
record not read may hold k - 1): most_held or the binary search decides, as before. Either way the answer must be the
binary search's. Real SQLite store and Tantivy index; the bundled Xiamen records and the real 国务院 documents."""

from __future__ import annotations

import pytest

from gongkai.indexer import search_index
from gongkai.record import Record
from gongkai.search_types import SearchRequest
from tests.support import build_engine, sample_records
from tests.test_index_helpers import govcn_records

#: No record holds the four words; apart-1 holds three by their characters (海沧区人民政府 held apart: 思明区人民政府 …
#: 海沧区) and two of them checked (马銮湾, 清淤): the probe at three reads it, and it proves two.
PROVEN = "海沧区人民政府马銮湾清淤复函"
#: 湖里区人民政府 思明区人民政府 马銮湾 复函: scattered-1 holds three by their characters but one checked (马銮湾; both
#: governments held apart: 集美区人民政府会同湖里区、思明区); pair-1 holds two checked (马銮湾, 复函), apart-1 two (思明区人民政府,
#: 马銮湾). The probe at three reads scattered-1 only: a record holding one proves nothing of two.
UNPROVEN = "湖里区人民政府思明区人民政府马銮湾复函"


def records() -> list[Record]:
    return [
        Record(id="apart-1", kind="disclosure", issuer="思明区人民政府", title="思明区人民政府关于马銮湾清淤衔接工作的意见",
               body="思明区人民政府会同海沧区做好马銮湾清淤衔接工作，统筹道路和管网建设。"),
        Record(id="held-1", kind="disclosure", issuer="海沧区人民政府", title="海沧区人民政府关于马銮湾片区建设的通知",
               body="海沧区人民政府决定加快马銮湾片区建设，各单位抓好落实。"),
        Record(id="scattered-1", kind="disclosure", issuer="集美区人民政府", title="集美区人民政府关于马銮湾岸线整治的意见",
               body="集美区人民政府会同湖里区、思明区推进马銮湾岸线整治，清理河道淤泥。"),
        Record(id="pair-1", kind="disclosure", issuer="厦门市水利局", title="关于马銮湾排涝工程的复函",
               body="你单位关于马銮湾排涝工程的来函收悉，现复函如下。"),
    ]


def answer(response) -> tuple:
    return ([h.id for h in response.hits], [round(h.score, 6) for h in response.hits], response.total, response.dropped,
            response.relaxed, response.approximate, response.facets, response.did_you_mean)


def fresh(engine) -> None:
    engine.index._answers.clear()
    engine.index._facet_counts.clear()


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("probe") / "data", [*sample_records(), *govcn_records(), *records()])
    yield built
    built.close()


def spy_most_held(monkeypatch) -> list[int | None]:
    proven: list[int | None] = []
    real = search_index.most_held

    def spied(*args, **kwargs):
        proven.append(real(*args, **kwargs))
        return proven[-1]

    monkeypatch.setattr(search_index, "most_held", spied)
    return proven


def binary_searchs(engine, monkeypatch, requests: list[SearchRequest]) -> list[tuple]:
    """The answers with neither proof: the binary search of probes decides the step."""
    monkeypatch.setattr(search_index, "most_held", lambda *args, **kwargs: None)
    monkeypatch.setattr(search_index.Reads, "most_read", lambda self, candidates: 0)
    fresh(engine)
    return [answer(engine.search(r)) for r in requests]


def pages(q: str) -> list[SearchRequest]:
    return [SearchRequest(q=q, limit=10, offset=offset, fill=fill) for offset, fill in ((0, False), (10, False), (0, True))]


def test_a_failed_probe_proves_the_step_below_from_its_reads(engine, monkeypatch) -> None:
    proven = spy_most_held(monkeypatch)
    fresh(engine)
    read_off = [engine.search(r) for r in pages(PROVEN)]
    assert proven == [], "the probe's reads proved the step: the best records by coverage were not searched"
    first = read_off[0]
    assert first.relaxed and {"held-1", "apart-1"} <= {h.id for h in first.hits}, [h.id for h in first.hits]
    assert set(first.dropped) & {"清淤", "复函"}, first.dropped
    assert [answer(r) for r in read_off] == binary_searchs(engine, monkeypatch, pages(PROVEN))


def test_a_probe_read_holding_fewer_proves_nothing(engine, monkeypatch) -> None:
    proven = spy_most_held(monkeypatch)
    fresh(engine)
    read_off = [engine.search(r) for r in pages(UNPROVEN)]
    assert proven, "one word held by the probe's record proves nothing: the best records by coverage decide"
    first = read_off[0]
    assert first.relaxed and {"pair-1", "apart-1"} <= {h.id for h in first.hits}, [h.id for h in first.hits]
    assert [answer(r) for r in read_off] == binary_searchs(engine, monkeypatch, pages(UNPROVEN))
