"""Operator takedowns in the store: sticky against re-ingest, lifted only by restore, told to the outbox.

Real SQLite file with the real gov.cn corpus; the same tests on PostgreSQL when
GONGKAI_TEST_POSTGRES_URL is set (see tests/test_store.py).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from gongkai.record import Record
from gongkai.store import Store, StoreError
from gongkai.store import outbox as queue
from gongkai.store.quarantine import QuarantineEntry
from tests.conftest import govcn_records
from tests.test_store import database_url  # noqa: F401 (the sqlite/postgresql fixture)

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
T1, T2, T3, T4 = (T0 + timedelta(hours=n) for n in range(1, 5))


@pytest.fixture
def store(database_url, tmp_path):  # noqa: F811
    store = Store(database_url, tmp_path / "raw")
    yield store
    store.close()


@pytest.fixture
def records() -> list[Record]:
    return [Record(**fields) for fields in govcn_records()[:6]]


def changes(store: Store, record_id: str) -> list[tuple[int, str]]:
    return [(e.version, e.change) for e in queue.entries(store, limit=1000) if e.record_id == record_id]


def test_a_takedown_stays_when_the_same_document_comes_again(store, records):
    store.upsert_batch(records, now=T0)
    target = records[2]
    assert store.withdraw(target.id, "误发：含个人信息", now=T1, operator="alice") is True

    outcome = store.upsert_batch([target], now=T2)[0]
    assert (outcome.status, outcome.version, outcome.withheld) == ("unchanged", 1, True)
    current = store.get(target.id)
    assert current.withdrawn and current.last_seen == T2, "seen again, still withdrawn"
    assert store.withdrawn_reason(target.id) == "误发：含个人信息"
    assert store.count() == len(records) - 1
    assert changes(store, target.id) == [(1, "new"), (1, "withdrawn")]
    taken = store.takedown(target.id)
    assert (taken.taken_down_by, taken.reason, taken.taken_down_at, taken.active) == ("alice", "误发：含个人信息", T1, True)


def test_changed_content_under_a_takedown_is_kept_as_a_withdrawn_version(store, records):
    store.upsert_batch(records, now=T0)
    target = records[0]
    store.withdraw(target.id, "隐私投诉", now=T1, operator="alice")
    revised = target.model_copy(update={"body": target.body + "\n（修订：删去身份证号）"})
    seq_before = store.max_seq()

    outcome = store.upsert_batch([revised], now=T2)[0]
    assert (outcome.status, outcome.version, outcome.withheld) == ("updated", 2, True)
    current = store.get(target.id)
    assert current.withdrawn and current.version == 2 and current.body.endswith("删去身份证号）")
    assert store.withdrawn_reason(target.id) == "隐私投诉", "the takedown's reason stays on the record"
    history = store.versions(target.id)
    assert [v.version for v in history] == [1, 2] and history[0].body == target.body
    # the index learns of the change (a new sequence number: it drops the id), the platform of nothing
    assert store.max_seq() == seq_before + 1
    assert changes(store, target.id) == [(1, "new"), (1, "withdrawn")]
    # the same changed content again: unchanged, still withheld
    again = store.upsert_batch([revised], now=T3)[0]
    assert (again.status, again.version, again.withheld) == ("unchanged", 2, True)


def test_restore_makes_the_latest_content_visible_as_a_new_version(store, records):
    store.upsert_batch(records, now=T0)
    target = records[1]
    store.withdraw(target.id, "误发", now=T1, operator="alice")
    revised = target.model_copy(update={"summary": "更正后的摘要"})
    store.upsert_batch([revised], now=T2)

    assert store.restore(target.id, "已核实，可公开", now=T3, operator="bob") is True
    current = store.get(target.id)
    assert not current.withdrawn and current.version == 3 and current.summary == "更正后的摘要"
    assert store.withdrawn_reason(target.id) is None and store.takedown(target.id) is None
    assert changes(store, target.id) == [(1, "new"), (1, "withdrawn"), (3, "updated")]
    assert queue.record_state(store, target.id, 3).summary == "更正后的摘要"
    assert queue.record_state(store, target.id, 2).withdrawn, "the withheld version stays withdrawn in history"
    (lifted,) = store.takedowns_of(target.id)
    assert (lifted.lifted_by, lifted.lift_reason, lifted.lifted_at, lifted.active) == ("bob", "已核实，可公开", T3, False)
    # lifted: the record follows its sources again, and a second takedown is possible
    assert store.upsert_batch([revised], now=T4)[0].status == "unchanged"
    assert store.withdraw(target.id, "再次撤下", now=T4, operator="carol") is True
    assert [t.taken_down_by for t in store.takedowns_of(target.id)] == ["alice", "carol"]


def test_a_source_driven_withdrawal_ends_when_the_document_comes_again(store, records):
    store.upsert_batch(records, now=T0)
    target = records[3]
    assert store.withdraw(target.id, "the page answered HTTP 404", now=T1) is True
    assert store.takedown(target.id) is None and store.takedowns_of(target.id) == []
    outcome = store.upsert_batch([target], now=T2)[0]
    assert (outcome.status, outcome.version, outcome.withheld) == ("updated", 2, False)
    assert not store.get(target.id).withdrawn and store.withdrawn_reason(target.id) is None
    assert changes(store, target.id) == [(1, "new"), (1, "withdrawn"), (2, "updated")]


def test_an_operator_takes_down_a_record_its_source_had_withdrawn(store, records):
    store.upsert_batch(records, now=T0)
    target = records[4]
    store.withdraw(target.id, "the page answered HTTP 410", now=T1)
    assert store.withdraw(target.id, "确认撤下", now=T2, operator="alice") is True
    assert store.withdrawn_reason(target.id) == "确认撤下"
    assert changes(store, target.id) == [(1, "new"), (1, "withdrawn")], "already deleted on the platform"
    assert store.upsert_batch([target], now=T3)[0].withheld
    assert store.get(target.id).withdrawn


def test_refusals_say_false_or_name_the_problem(store, records):
    store.upsert_batch(records, now=T0)
    target = records[0]
    assert store.withdraw("no-such-id", "x", operator="alice") is False
    assert store.restore("no-such-id", operator="alice") is False
    assert store.restore(target.id, operator="alice") is False, "not withdrawn: nothing to undo"
    assert store.withdraw(target.id, "误发", operator="alice") is True
    assert store.withdraw(target.id, "again", operator="bob") is False, "already taken down"
    assert store.withdraw(target.id, "crawler 404") is False, "a source cannot re-withdraw it either"
    with pytest.raises(ValueError, match="operator"):
        store.withdraw(records[1].id, "x", operator="  ")
    assert [t.taken_down_by for t in store.takedowns_of(target.id)] == ["alice"]


def test_duplicates_of_a_taken_down_id_in_one_batch_stay_withdrawn(store, records):
    store.upsert_batch(records, now=T0)
    target = records[5]
    store.withdraw(target.id, "误发", now=T1, operator="alice")
    first = target.model_copy(update={"summary": "一改"})
    second = target.model_copy(update={"summary": "二改"})
    outcomes = store.upsert_batch([first, target, second, second], now=T2)
    assert [(o.status, o.version, o.withheld) for o in outcomes] == [
        ("updated", 2, True), ("updated", 3, True), ("updated", 4, True), ("unchanged", 4, True),
    ]
    assert store.get(target.id).withdrawn and [v.version for v in store.versions(target.id)] == [1, 2, 3, 4]
    assert all(v.withdrawn for v in store.versions(target.id)[1:])


def test_a_database_made_before_takedowns_gains_the_table_on_open(tmp_path, records):
    path = tmp_path / "old.sqlite3"
    url = f"sqlite:///{path}"
    with Store(url, tmp_path / "raw") as store:
        store.upsert_batch(records, now=T0)
    with sqlite3.connect(path) as raw:  # the schema as it was: no takedowns table, and no schema versions then
        raw.execute("DROP TABLE takedowns")
        raw.execute("DROP TABLE alembic_version")
    with Store(url, tmp_path / "raw") as store:
        assert store.withdraw(records[0].id, "误发", operator="alice")
        assert store.upsert_batch([records[0]])[0].withheld
        assert store.count() == len(records) - 1


# --- the ingest batch's bookkeeping in its own transaction ----------------------------------------------


def test_write_batch_stores_records_links_and_quarantine_together(store, records):
    sha = store.put_capture("<html>国务院文件</html>".encode(), url="https://www.gov.cn/a.htm")
    bad = QuarantineEntry("feed.xml#3", "no title", payload="<item/>", source="gov.cn", capture_sha256=sha)
    outcomes = store.write_batch(records[:2], capture_links=[(records[0].id, sha), (records[1].id, sha)], quarantined=[bad])
    assert [o.status for o in outcomes] == ["new", "new"]
    assert store.captures_of(records[0].id) == [sha] and store.captures_of(records[1].id) == [sha]
    (entry,) = store.quarantine_list()
    assert (entry["input_ref"], entry["reason"], entry["capture_sha256"]) == ("feed.xml#3", "no title", sha)
    # links already there are kept, not duplicated
    store.write_batch(records[:1], capture_links=[(records[0].id, sha)])
    assert store.captures_of(records[0].id) == [sha]


def test_a_batch_with_an_unknown_capture_writes_nothing_at_all(store, records):
    unknown = "ab" * 32
    bad = QuarantineEntry("inbox/x.pdf", "not a PDF", payload=b"%PDF-broken")
    with pytest.raises(StoreError, match=f"unknown capture {unknown}"):
        store.write_batch(records[:3], capture_links=[(records[2].id, unknown)], quarantined=[bad])
    assert store.count() == 0 and store.quarantine_list() == [] and store.max_seq() == 0
    with pytest.raises(StoreError, match="unknown capture"):
        store.write_batch([], quarantined=[QuarantineEntry("x", "y", capture_sha256=unknown)])
    assert store.quarantine_list() == []
