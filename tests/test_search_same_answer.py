"""One answer for one query, whatever the order the records went in (search17): the same records indexed in file order
and in reverse order (one writer thread each, so every record's address differs between the two) answer every query with
the same ten records in the same order. tantivy breaks equal scores by address, and a writer of several threads (or a
merge) gives addresses in no fixed order, so the records scoring alike at the edge of the re-ranked window were another
set from one build to the next (`chinaguosongcom`, `我心目中的团委`: relaxed answers whose partial matches tie; search16
saw the QBQTC figures move between runs of the same code). Real judged web titles (QBQTC) and the demo and corpus records,
real ingest, store and index."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gongkai.record import Record
from tests.support import build_engine, sample_records, search
from tests.test_index_helpers import all_records

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))
from search_quality import DEFAULT_JSONL, load_judgements, title_id  # noqa: E402

#: QBQTC queries whose answers changed with the build before (ties at the window's edge), then every 8th query
TIED = ["chinaguosongcom", "我心目中的团委", "鞋柜摆放在进门右边好吗", "煲鸡汤放什么药材好-有来医生"]


def _answers(engine, queries: list[str]) -> dict[str, list[str]]:
    return {q: [hit.id for hit in search(engine, q, facets=[]).hits] for q in queries}


def _built(path: Path, records: list, layout: str, **search: object):
    """An engine holding `records` in one of two layouts: "forward", in file order at once by one writer thread (one
    segment); "batches", in reverse order in batches of 97 by two writer threads (a segment or more a batch, merged as
    tantivy's merge policy likes): every record's address differs between the two (ties2, session 22)."""
    if layout == "forward":
        return build_engine(path, records, index={"writer_threads": 1}, search=search)
    backwards = list(reversed(records))
    engine = build_engine(path, backwards[:97], index={"writer_threads": 2}, search=search)
    for start in range(97, len(backwards), 97):
        engine.ingest_records(r if isinstance(r, Record) else Record(**r) for r in backwards[start : start + 97])
    return engine


def _both_orders(tmp_path: Path, records: list, queries: list[str]) -> tuple[dict, dict]:
    # search.ranking.settle_ties at its default (on since ties2, session 22)
    answers = []
    for layout in ("forward", "batches"):
        engine = _built(tmp_path / layout, records, layout)
        try:
            answers.append(_answers(engine, queries))
        finally:
            engine.close()
    return answers[0], answers[1]


@pytest.mark.skipif(not DEFAULT_JSONL.exists(), reason=f"the QBQTC sample is not on this machine: {DEFAULT_JSONL}")
def test_qbqtc_answers_do_not_depend_on_the_order_records_went_in(tmp_path) -> None:
    judged, titles = load_judgements(DEFAULT_JSONL, None)
    records = [{"id": title_id(t), "kind": "disclosure", "title": t, "body": t, "source": "qbqtc"} for t in titles]
    # A query of an exclusion alone (`-2loglikelihood`) is a listing, newest first, one day's records by id (ties2) up to
    # ties.TIE_DEPTH of them: QBQTC's 1,951 titles have no date, one group deeper than that (README Known gaps); every
    # other query is compared
    queries = TIED + [q for q in list(judged)[::8] if not q.lstrip().startswith("-")]
    forward, backward = _both_orders(tmp_path, records, queries)
    differing = [(q, forward[q], backward[q]) for q in queries if forward[q] != backward[q]]
    assert not differing, differing[:5]
    assert all(forward[q] for q in TIED)  # they answer something (relaxed): the comparison compared answers


def test_demo_and_corpus_answers_do_not_depend_on_the_order_records_went_in(tmp_path) -> None:
    records = sample_records()
    known = {r.id for r in records}
    records += [r for r in all_records() if r.id not in known]
    rounds = Path(__file__).parent / "fixtures" / "heldout21"
    queries = [line.split("\t")[1] for path in sorted(rounds.glob("search1[67]/round*.tsv"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    queries += ["通知", "公告", "厦门", "遗失声明", "停电", "2024", "关于"]  # words many records hold alike
    forward, backward = _both_orders(tmp_path, records, queries)
    differing = [(q, forward[q], backward[q]) for q in queries if forward[q] != backward[q]]
    assert not differing, differing[:5]


def _twins(n: int) -> list:
    # The same lost-licence declaration printed for n companies the query does not name: every hit scores alike.
    return [Record(kind="notice", notice_type="lost", title="遗失声明", issuer="厦门日报",
                   body=f"本公司{chr(0x4e00 + 300 + k)}{chr(0x4e00 + 600 + k)}不慎遗失营业执照正本，声明作废。",
                   url=f"http://epaper.xmrb.com/lost/{k}.htm") for k in range(n)]


def test_pages_across_a_settled_window_partition_the_answer(tmp_path) -> None:
    """Twelve records scoring alike and a re-ranked window of 5: the window keeps the 5 smallest ids, and the pages past
    it (paged 3 by 3, across the window's edge and past it) hold each other record once, in either ingest order."""
    records = _twins(12)
    answers = []
    for name, ordered in (("forward", records), ("reversed", list(reversed(records)))):
        engine = build_engine(tmp_path / name, ordered, index={"writer_threads": 1}, search={"ranking": {"rerank_window": 5, "settle_ties": True}})
        try:
            whole = [hit.id for hit in search(engine, "营业执照遗失", limit=12).hits]
            pages = [hit.id for offset in range(0, 12, 3) for hit in search(engine, "营业执照遗失", limit=3, offset=offset).hits]
            assert len(whole) == 12 and pages == whole and len(set(pages)) == 12, (whole, pages)
            assert whole[:5] == sorted(whole)[:5]  # the window: the smallest ids of the tied records
            answers.append(whole)
        finally:
            engine.close()
    assert answers[0][:5] == answers[1][:5]


@pytest.mark.parametrize("tied", [53, 58, 130])
def test_a_tie_across_the_default_window_settles_alike_in_either_layout(tmp_path, tied: int) -> None:
    """Records scoring alike across the default window of 50 (ties2, session 22): 53 and 58 tie groups end among the
    hits the window's own search asks for past it (ties.TIE_MARGIN), 130 runs past them (the same search asked deeper).
    Either way the window is the group's 50 smallest ids, and the two layouts answer the same pages: the first, the
    filled first page, a page across the window's edge and one past it."""
    records = _twins(tied)
    pages = []
    for layout in ("forward", "batches"):
        engine = _built(tmp_path / layout, records, layout)
        try:
            ids = [hit.id for offset in (0, 100) for hit in search(engine, "营业执照遗失", limit=100, offset=offset).hits]
            assert len(ids) == len(set(ids)) == tied
            assert sorted(ids[:50]) == sorted(ids)[:50]  # the window: the smallest ids of the tied records
            pages.append([[hit.id for hit in search(engine, "营业执照遗失", limit=10, offset=offset, **more).hits]
                          for offset, more in ((0, {}), (0, {"fill": True}), (45, {}), (50, {}))])
            assert pages[-1][2] == ids[45:55] and pages[-1][3] == ids[50:60], layout  # the pages are the answer's
        finally:
            engine.close()
    assert pages[0] == pages[1]


def _dated(n: int) -> list:
    # n lost-licence declarations printed on three days (厦门日报 prints dozens a day): most share the day of another
    from datetime import date

    return [Record(kind="notice", notice_type="lost", title="遗失声明", issuer="厦门日报", publish_date=date(2025, 3, 3 + k % 3),
                   body=f"本公司{chr(0x4e00 + 300 + k)}{chr(0x4e00 + 600 + k)}不慎遗失营业执照正本，声明作废。",
                   url=f"http://epaper.xmrb.com/lost/{k}.htm") for k in range(n)]


@pytest.mark.parametrize("listing", [{"q": "-检修"}, {"q": "", "kind": "notice"}, {"q": "遗失声明", "sort": "date"}])
def test_a_listing_orders_one_day_by_id_in_either_layout(tmp_path, listing: dict) -> None:
    """A listing without words (an exclusion alone, filters only) or by date is newest first; the records of one day
    were in the index's order (by address), so two builds listed them otherwise (search17's gap). Now by id (ties2):
    the same pages in both layouts, every page in (day, id) order, the pages together the whole answer."""
    records = _dated(75)
    pages = []
    for layout in ("forward", "batches"):
        engine = _built(tmp_path / layout, records, layout)
        try:
            paged = [search(engine, limit=10, offset=offset, **listing).hits for offset in range(0, 80, 10)]
            hits = [hit for page in paged for hit in page]
            assert len({hit.id for hit in hits}) == len(hits) == 75, layout
            assert [(hit.publish_date, hit.id) for hit in hits] == sorted(((hit.publish_date, hit.id) for hit in hits),
                                                                        key=lambda pair: (-pair[0].toordinal(), pair[1]))
            pages.append([[hit.id for hit in page] for page in paged])
        finally:
            engine.close()
    assert pages[0] == pages[1]
