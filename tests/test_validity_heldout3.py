"""Issue 19, held-out round of validity3 (session 18): a document suspended (暂停执行, 暂缓执行/实施, 中止执行) until
further notice, its suspension ended (恢复执行, 自…起继续执行, 暂停执行至…), a part of it suspended, a list suspended, a
Traditional page, an agency's 有效性 and an extension (tests/fixtures/heldout18/validity3/round1.json, written and committed
before the product read it), ingested through the real engine (SQLite, Tantivy): each record's status against what a
careful reader says, the filter, the facet, the demotion, the query words and the order of arrival."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gongkai.search_types import SearchRequest
from gongkai.validity_graph import lines
from tests.support import build_engine

DATA = json.loads(
    (Path(__file__).parent / "fixtures" / "heldout18" / "validity3" / "round1.json").read_text(encoding="utf-8")
)
RECORDS = [{**record, "kind": "disclosure"} for record in DATA["records"]]
EXPECTED: dict[str, dict[str, Any]] = DATA["expected"]
SUSPENDED = {rid for rid, exp in EXPECTED.items() if exp.get("status") == "suspended"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("validity3"), RECORDS)
    yield built
    built.close()


def _ids(view: dict[str, Any], key: str) -> list[str]:
    return [item["id"] for item in view.get(key, [])]


@pytest.mark.parametrize("record_id", sorted(EXPECTED))
def test_each_document_has_the_status_a_reader_gives_it(engine, record_id):
    expected = EXPECTED[record_id]
    view = engine.validity(record_id)["validity"]
    if "status_not" in expected:
        assert view["status"] != expected["status_not"], view
    else:
        assert view["status"] == expected["status"], view
    for key in ("repealed_by", "extended_by", "suspended_by", "resumed_by"):
        if key in expected:
            assert _ids(view, key) == expected[key], view
    for key in ("expiry_date", "suspended_on"):
        if key in expected:
            assert view.get(key) == expected[key], view


def test_the_suspended_filter_and_facet_hold_what_a_reader_calls_suspended(engine):
    response = engine.search(SearchRequest(q="", validity="suspended", limit=100))
    assert {hit.id for hit in response.hits} == SUSPENDED
    everything = engine.search(SearchRequest(q="", limit=100))
    assert everything.facets["validity"].get("suspended") == len(SUSPENDED)
    in_force = {hit.id for hit in engine.search(SearchRequest(q="", validity="in_force", limit=100)).hits}
    assert not in_force & SUSPENDED


@pytest.mark.parametrize("typed", ["效力:暂停执行", "validity:suspended", "效力:暂停"])
def test_the_status_typed_in_the_query_is_the_filter(engine, typed):
    assert {hit.id for hit in engine.search(SearchRequest(q=typed, limit=100)).hits} == SUSPENDED


def test_a_suspended_document_is_demoted_but_found(engine):
    # 收费 (not 收费管理办法, as first written: h3-bike's title, 公共自行车租赁收费办法, holds no 管理, so it was no hit)
    hits = engine.search(SearchRequest(q="收费", explain=True, limit=20)).hits
    by_id = {hit.id: hit for hit in hits}
    assert by_id["h3-parking"].explain["validity"] == "suspended"
    assert by_id["h3-parking"].explain["validity_factor"] < 1.0
    assert by_id["h3-bike"].explain["validity_factor"] == 1.0


def test_a_citizen_asking_whether_it_is_suspended_finds_it(engine):
    hits = engine.search(SearchRequest(q="厦门市机动车停放服务收费管理办法暂停执行了吗", limit=5)).hits
    assert hits and hits[0].id in ("h3-parking", "h3-parking-pause"), [h.id for h in hits]
    assert "h3-parking" in {h.id for h in hits}


def test_the_graph_reads_a_suspension_from_both_sides(engine):
    suspended = lines(engine.graph("h3-parking", 1))
    assert any(line.startswith("suspended_by") and "h3-parking-pause" in line for line in suspended), suspended
    suspender = lines(engine.graph("h3-parking-pause", 1))
    assert any(line.startswith("suspends") and "h3-parking " in line for line in suspender), suspender


def test_the_order_of_arrival_changes_no_status(engine, tmp_path):
    """Stored one at a time, newest first (the suspended document after what suspends and resumes it): the same
    statuses and edges as one batch."""
    from gongkai.record import Record

    one_by_one = build_engine(tmp_path, [])
    try:
        for record in sorted(RECORDS, key=lambda r: r["publish_date"], reverse=True):
            one_by_one.ingest_records([Record(**record)])
        for record in RECORDS:
            batch, single = engine.validity(record["id"])["validity"], one_by_one.validity(record["id"])["validity"]
            assert (single["status"], single.get("suspended_on")) == (batch["status"], batch.get("suspended_on")), (
                record["id"]
            )
            for key in ("suspended_by", "resumed_by", "suspends", "resumes", "repealed_by"):
                assert _ids(single, key) == _ids(batch, key), (record["id"], key)
    finally:
        one_by_one.close()
