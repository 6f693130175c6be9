"""Issue 19, held-out round of validity4 (session 19): a suspension ended by the repeal of the suspending notice or by
that notice's own period running out; an anaphor (该办法, 上述文件, 本规定 under a title naming another document) read
as the document(s) named just before; the part suspended said as printed (第十二条、第十五条第二款) and a list header
naming parts (下列文件中的部分条款暂停执行：); a catalogue table then 上述文件…停止执行; 文号 in [] and 【】; 试行两年; an
extension; a notice 暂停办理 citing a document (tests/fixtures/heldout19/validity4/round1.json, written and committed before
the product read it). Ingested through the real engine (SQLite, Tantivy), and through the store on PostgreSQL one record
at a time, newest first: each record's status against what a careful reader says on 2026-12-07."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gongkai.record import Record
from gongkai.search_types import SearchRequest
from gongkai.store.store import Store
from tests.support import build_engine

DATA = json.loads(
    (Path(__file__).parent / "fixtures" / "heldout19" / "validity4" / "round1.json").read_text(encoding="utf-8")
)
RECORDS = [{**record, "kind": "disclosure"} for record in DATA["records"]]
EXPECTED: dict[str, dict[str, Any]] = DATA["expected"]
SUSPENDED = {rid for rid, exp in EXPECTED.items() if exp.get("status") == "suspended"}
#: the round's statuses hold from 2026-12 to 2030-12 (the fixture's `about`); the store tests derive them on this day
DAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("validity4"), RECORDS)
    yield built
    built.close()


def _ids(view: dict[str, Any], key: str) -> list[str]:
    return [item["id"] for item in view.get(key, [])]


def _check(view: dict[str, Any], expected: dict[str, Any]) -> None:
    if "status_not" in expected:
        assert view["status"] != expected["status_not"], view
    else:
        assert view["status"] == expected["status"], view
    for key in ("repealed_by", "extended_by", "suspended_by", "suspended_in_part_by"):
        if key in expected:
            assert _ids(view, key) == expected[key], (key, view)
    for key in ("expiry_date", "suspended_on", "resumed_on", "repealed_on"):
        if key in expected:
            assert view.get(key) == expected[key], (key, view)
    for src, articles in expected.get("parts", {}).items():
        item = next(i for i in view["suspended_in_part_by"] if i["id"] == src)
        # the part as printed: each article named, in the order the text gives them
        part = item.get("part") or ""
        assert all(article in part for article in articles), (src, item)
        assert [part.find(a) for a in articles] == sorted(part.find(a) for a in articles), item


@pytest.mark.parametrize("record_id", sorted(EXPECTED))
def test_each_document_has_the_status_a_reader_gives_it(engine, record_id):
    _check(engine.validity(record_id)["validity"], EXPECTED[record_id])


def test_the_suspended_filter_holds_what_a_reader_calls_suspended(engine):
    response = engine.search(SearchRequest(q="", validity="suspended", limit=100))
    assert {hit.id for hit in response.hits} == SUSPENDED
    repealed = {hit.id for hit in engine.search(SearchRequest(q="", validity="repealed", limit=100)).hits}
    assert repealed == {rid for rid, exp in EXPECTED.items() if exp.get("status") == "repealed"}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    from tests.test_store import POSTGRES_URL, _drop_all

    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("set GONGKAI_TEST_POSTGRES_URL to run the validity store tests on PostgreSQL too")
        _drop_all(POSTGRES_URL)
        made = Store(POSTGRES_URL, tmp_path / "raw")
    else:
        made = Store(f"sqlite:///{tmp_path / 'v4.db'}", tmp_path / "raw")
    yield made
    made.close()


def test_one_at_a_time_newest_first_gives_the_same_statuses(store):
    """The repealing and suspending notices stored before what they name (the suspended document last): each status
    as a reader gives it once the daily job has derived the day."""
    for record in sorted(RECORDS, key=lambda r: r["publish_date"], reverse=True):
        store.write_batch([Record(**record)])
    store.validity_recompute(DAY)
    for record_id, expected in sorted(EXPECTED.items()):
        _check(store.validity(record_id)["validity"], expected)


def test_the_repeal_of_a_suspending_notice_arriving_last_ends_the_suspension(store):
    """Only the repealing notice comes in a later batch: the suspended document's status follows without a daily job."""
    last = {"h4-taxi-clean", "h4-culture-lift"}
    store.write_batch([Record(**r) for r in RECORDS if r["id"] not in last])
    store.validity_recompute(DAY)
    assert store.validity_statuses(["h4-taxi", "h4-culture"]) == {"h4-taxi": "suspended", "h4-culture": "suspended"}
    store.write_batch([Record(**r) for r in RECORDS if r["id"] in last])
    assert store.validity_statuses(["h4-taxi", "h4-culture"]) == {"h4-taxi": "in_force", "h4-culture": "in_force"}
