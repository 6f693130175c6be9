"""The search result cache: repeated queries are answered from memory, and never with stale results."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.indexer import SearchIndex, SearchRequest
from gongkai.record import Record
from gongkai.settings import SearchSettings, load_settings
from tests.test_index_helpers import all_records, default_settings


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return all_records()


def build(path: Path, records: list[Record], cache_entries: int = 64) -> SearchIndex:
    index_settings, _ = default_settings()
    index = SearchIndex(path, index_settings, SearchSettings(cache_entries=cache_entries))
    index.add_or_replace(records)
    index.commit(watermark=len(records))
    return index


def as_tuple(response) -> tuple:
    return response.total, [(h.id, h.snippet_html, h.score) for h in response.hits], response.facets


def test_a_repeated_query_is_answered_from_the_cache_with_the_same_result(tmp_path, records) -> None:
    index = build(tmp_path / "index", records)
    first = index.search(SearchRequest(q="停电"))
    assert first.total > 0
    misses = index.cache_stats()["answers"]["misses"]
    again = index.search(SearchRequest(q="停电"))
    assert as_tuple(again) == as_tuple(first)
    stats = index.cache_stats()["answers"]
    assert stats["hits"] == 1 and stats["misses"] == misses


def test_a_commit_makes_cached_results_unreachable(tmp_path, records) -> None:
    without_outages = [r for r in records if "停电" not in (r.title + r.body + r.summary)]
    with_outages = [r for r in records if r not in without_outages]
    assert with_outages
    index = build(tmp_path / "index", without_outages)
    assert index.search(SearchRequest(q="停电")).total == 0
    index.add_or_replace(with_outages)
    index.commit(watermark=len(records))
    assert index.search(SearchRequest(q="停电")).total == len({r.id for r in with_outages if not r.withdrawn})


def test_a_commit_by_another_writer_is_seen_by_a_server_that_cached_the_query(tmp_path, records) -> None:
    """Two engines on one data dir, as the server and a CLI ingest are: the server's cache must not hide the ingest."""
    settings = load_settings(data_dir=tmp_path / "data")
    server, ingester = Engine(settings), Engine(settings)
    outage = next(r for r in records if "停电" in r.title)
    assert server.search(SearchRequest(q="停电")).total == 0  # cached now
    ingester.ingest_records([outage])
    found = server.search(SearchRequest(q="停电"))
    assert [hit.id for hit in found.hits] == [outage.id]


def test_pages_of_one_query_share_its_facets_and_total(tmp_path, records) -> None:
    index = build(tmp_path / "index", records)
    first = index.search(SearchRequest(q="通知", limit=5))
    assert first.total > 10
    second = index.search(SearchRequest(q="通知", limit=5, offset=5))
    assert index.cache_stats()["facets"]["hits"] == 1
    assert second.total == first.total and second.facets == first.facets
    assert {h.id for h in first.hits}.isdisjoint(h.id for h in second.hits)
    # Without facets the total still comes right (from the cached facet counts, or counted).
    assert index.search(SearchRequest(q="通知", limit=5, offset=10, facets=False)).total == first.total


def test_changing_a_returned_answer_does_not_change_the_cache(tmp_path, records) -> None:
    index = build(tmp_path / "index", records)
    answer = index.search(SearchRequest(q="通知"))
    expected = as_tuple(index.search(SearchRequest(q="通知")))
    answer.hits.clear()
    answer.facets["kind"].clear()
    assert as_tuple(index.search(SearchRequest(q="通知"))) == expected


def test_cache_entries_zero_turns_the_cache_off(tmp_path, records) -> None:
    index = build(tmp_path / "index", records, cache_entries=0)
    first = index.search(SearchRequest(q="停电"))
    assert as_tuple(index.search(SearchRequest(q="停电"))) == as_tuple(first)
    assert index.cache_stats()["answers"] == {"entries": 0, "max_entries": 0, "hits": 0, "misses": 2}


def test_the_cache_keeps_at_most_its_size(tmp_path, records) -> None:
    index = build(tmp_path / "index", records, cache_entries=3)
    for q in ["停电", "停水", "通知", "公示", "厦门"]:
        index.search(SearchRequest(q=q))
    assert index.cache_stats()["answers"]["entries"] == 3


def test_cached_outage_answers_follow_new_notices(tmp_path) -> None:
    from datetime import date

    from tests.support import sample_records

    settings = load_settings(data_dir=tmp_path / "data")
    server, ingester = Engine(settings), Engine(settings)
    day = date(2016, 5, 29)
    names_street = [r for r in sample_records() if r.notice_type == "outage" and "仙岳路" in str(r.notice.area_texts())]
    assert names_street
    ingester.ingest_records([r for r in sample_records() if r not in names_street])
    assert server.outages("仙岳路", day) == []
    assert server.outages("仙岳路", day) == []  # the second answer comes from the cache
    ingester.ingest_records(names_street)
    affected = server.outages("仙岳路", day)
    assert affected and {record.id for record, _ in affected} <= {r.id for r in names_street}
    assert all(windows for _, windows in affected)
