"""Issue 19, held-out rounds of validity5 (session 20): 清理结果 notices with catalogues of documents kept, to be amended
and repealed (HTML a cell a line, a DOCX table whose rows carry their verdict), a 决定 amending three 规章 under headings,
a province's repeal list naming a city's notice, a repeal by title and year, a repeal years ahead, a start postponed
(延期至…起施行), Traditional text, 有效期/试行/N年内有效 periods, 执行期限延长至, a part repealed, and 文号 in every bracket
and width (tests/fixtures/heldout20/validity5/round{1,2}.json, written and committed before the product read them).
Ingested through the real engine (SQLite, Tantivy), and through the store (SQLite and PostgreSQL) one record at a time,
newest first: each record's status against what a careful reader says on 2026-12-07."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gongkai.record import Record
from gongkai.store.store import Store
from tests.support import build_engine

HERE = Path(__file__).parent / "fixtures" / "heldout20" / "validity5"
ROUNDS = {name: json.loads((HERE / f"{name}.json").read_text(encoding="utf-8")) for name in ("round1", "round2")}
#: the rounds' statuses hold from 2026-12 to 2029-12 (the fixtures' `about`); the store tests derive them on this day
DAY = date(2026, 12, 7)
#: read wrong still (README Known gaps, validity5): a 清理 table's row printing its title without the issuer and with 的通知
#: elided (关于进一步加强防汛防台风工作, the repealing 市政府's own notice): not read as an item, and the keys are whole titles
KNOWN_GAPS = {"v5-flood": "a row's title without its issuer and 的通知"}
CASES = [
    pytest.param(name, rid, marks=pytest.mark.xfail(reason=KNOWN_GAPS[rid], strict=True))
    if rid in KNOWN_GAPS
    else (name, rid)
    for name, data in ROUNDS.items()
    for rid in sorted(data["expected"])
]


def _records(name: str) -> list[dict[str, Any]]:
    return [{**record, "kind": "disclosure"} for record in ROUNDS[name]["records"]]


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    built = {name: build_engine(tmp_path_factory.mktemp(f"validity5-{name}"), _records(name)) for name in ROUNDS}
    yield built
    for engine in built.values():
        engine.close()


def _ids(view: dict[str, Any], key: str) -> list[str]:
    return sorted(item["id"] for item in view.get(key, []) if item.get("id"))


def _check(view: dict[str, Any], expected: dict[str, Any]) -> None:
    if "status_in" in expected:
        assert view["status"] in expected["status_in"], view
    else:
        assert view["status"] == expected["status"], view
    for key in ("repealed_by", "amended_by", "extended_by"):
        if key in expected:
            assert _ids(view, key) == expected[key], (key, view)
    for key in ("expiry_date", "repealed_on"):
        if key in expected:
            assert view.get(key) == expected[key], (key, view)


@pytest.mark.parametrize(("round_name", "record_id"), CASES)
def test_each_document_has_the_status_a_reader_gives_it(engines, round_name, record_id):
    _check(engines[round_name].validity(record_id)["validity"], ROUNDS[round_name]["expected"][record_id])


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    from tests.test_store import POSTGRES_URL, _drop_all

    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("set GONGKAI_TEST_POSTGRES_URL to run the validity store tests on PostgreSQL too")
        _drop_all(POSTGRES_URL)
        made = Store(POSTGRES_URL, tmp_path / "raw")
    else:
        made = Store(f"sqlite:///{tmp_path / 'v5.db'}", tmp_path / "raw")
    yield made
    made.close()


@pytest.mark.parametrize("round_name", sorted(ROUNDS))
def test_one_at_a_time_newest_first_gives_the_same_statuses(store, round_name):
    """The repealing and amending documents stored before what they name: each status as a reader gives it once the
    daily job has derived the day."""
    for record in sorted(_records(round_name), key=lambda r: r["publish_date"], reverse=True):
        store.write_batch([Record(**record)])
    store.validity_recompute(DAY)
    for record_id, expected in sorted(ROUNDS[round_name]["expected"].items()):
        if record_id in KNOWN_GAPS:  # xfail (strict) in the engine test above
            continue
        _check(store.validity(record_id)["validity"], expected)
