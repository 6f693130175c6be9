"""The store's record rules on a real SQLite file with the real gov.cn corpus.

The same tests run on PostgreSQL when GONGKAI_TEST_POSTGRES_URL names a database they may
empty (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/gongkai_test); otherwise those
variants are skipped.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine

from gongkai.record import BOOKKEEPING_FIELDS, Record
from gongkai.store import Store, StoreError
from gongkai.store.schema import metadata
from tests.conftest import govcn_records

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)
T2 = T0 + timedelta(hours=2)


POSTGRES_URL = os.environ.get("GONGKAI_TEST_POSTGRES_URL", "")


def _drop_all(url: str) -> None:
    engine = create_engine(url)
    metadata.drop_all(engine)  # every table of the one MetaData, and Alembic's record of the schema revision
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'gongkai.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("set GONGKAI_TEST_POSTGRES_URL to run the store tests on PostgreSQL too")
    _drop_all(POSTGRES_URL)
    yield POSTGRES_URL
    _drop_all(POSTGRES_URL)


@pytest.fixture
def store(database_url, tmp_path, corpus):
    store = Store(database_url, tmp_path / "raw")
    yield store
    store.close()


@pytest.fixture
def records(corpus) -> list[Record]:
    return [Record(**fields) for fields in govcn_records()]


def content(record: Record) -> dict:
    return record.model_dump(mode="json", exclude=set(BOOKKEEPING_FIELDS))


def revised(record: Record, note: str = "（修订）") -> Record:
    return Record(**{**record.model_dump(exclude=set(BOOKKEEPING_FIELDS)), "id": record.id, "body": record.body + note})


def outbox_rows(store: Store) -> list[tuple]:
    return [(row["record_id"], row["version"], row["change"]) for row in store.outbox_pending(limit=10_000)]


def test_new_records_round_trip_with_chinese_fields_intact(store, records):
    outcomes = store.upsert_batch(records, now=T0)

    assert [(o.id, o.status, o.version) for o in outcomes] == [(r.id, "new", 1) for r in records]
    assert store.count() == 40
    for record in records:
        stored = store.get(record.id)
        assert content(stored) == content(record)
        assert (stored.version, stored.withdrawn, stored.first_seen, stored.last_seen) == (1, False, T0, T0)
        assert stored.content_hash == record.content_hash
    first = store.get(records[0].id)
    assert first.doc_number == "国办函〔2018〕71号"
    assert first.written_date.isoformat() == "2018-10-27"
    assert store.max_seq() == 40
    assert sorted(outbox_rows(store)) == sorted((r.id, 1, "new") for r in records)


def test_same_content_again_only_moves_last_seen(store, records):
    store.upsert_batch(records, now=T0)
    seq_before = store.max_seq()

    outcomes = store.upsert_batch(records, now=T1)

    assert {(o.status, o.version) for o in outcomes} == {("unchanged", 1)}
    assert store.max_seq() == seq_before
    assert store.changes_since(seq_before) == []
    assert len(outbox_rows(store)) == 40
    stored = store.get(records[5].id)
    assert (stored.first_seen, stored.last_seen, stored.version) == (T0, T1, 1)
    assert store.stats()["versions"] == 40


def test_changed_content_makes_a_new_version_and_keeps_the_old(store, records):
    store.upsert_batch(records, now=T0)
    target = records[3]
    changed = revised(target)

    [outcome] = store.upsert_batch([changed], now=T1)

    assert (outcome.status, outcome.version) == ("updated", 2)
    current = store.get(target.id)
    assert current.body.endswith("（修订）")
    assert (current.version, current.first_seen, current.last_seen) == (2, T0, T1)
    history = store.versions(target.id)
    assert [v.version for v in history] == [1, 2]
    assert content(history[0]) == content(target)
    assert content(history[1]) == content(current)
    assert store.changes_since(40) == [(41, current)]
    assert (target.id, 2, "updated") in outbox_rows(store)
    assert store.stats()["versions"] == 41


def test_duplicate_ids_in_one_batch_behave_as_if_upserted_in_order(store, records):
    existing, fresh = records[0], records[1]
    store.upsert_batch([existing], now=T0)

    outcomes = store.upsert_batch(
        [fresh, revised(fresh, "甲"), revised(fresh, "甲"), revised(existing, "乙"), revised(existing, "丙"), existing],
        now=T1,
    )

    assert [(o.id, o.status, o.version) for o in outcomes] == [
        (fresh.id, "new", 1),
        (fresh.id, "updated", 2),
        (fresh.id, "unchanged", 2),
        (existing.id, "updated", 2),
        (existing.id, "updated", 3),
        (existing.id, "updated", 4),
    ]
    assert store.get(fresh.id).body.endswith("甲")
    assert [v.body[-1] for v in store.versions(existing.id)] == [existing.body[-1], "乙", "丙", existing.body[-1]]
    assert content(store.get(existing.id)) == content(existing)
    # one change number per changed record, in the order of their last change: no gaps
    assert [(seq, r.id) for seq, r in store.changes_since(1)] == [(2, fresh.id), (3, existing.id)]
    assert len(outbox_rows(store)) == 1 + 2 + 3


def test_withdraw_keeps_a_tombstone(store, records):
    store.upsert_batch(records, now=T0)
    target = records[7].id

    assert store.withdraw(target, reason="已废止", now=T1) is True

    tomb = store.get(target)
    assert tomb is not None and tomb.withdrawn and tomb.version == 1
    assert store.withdrawn_reason(target) == "已废止"
    assert store.withdraw(target) is False
    assert store.withdraw("no-such-id") is False
    assert store.count() == 39 and store.count(include_withdrawn=True) == 40
    assert target not in {r.id for r in store.iter_records()}
    assert target in {r.id for r in store.iter_records(include_withdrawn=True)}
    assert [(seq, r.id, r.withdrawn) for seq, r in store.changes_since(40)] == [(41, target, True)]
    assert (target, 1, "withdrawn") in outbox_rows(store)
    assert store.stats()["withdrawn"] == 1 and store.stats()["records"] == 39


def test_a_withdrawn_record_that_comes_back_is_restored_as_a_new_version(store, records):
    store.upsert_batch(records[:1], now=T0)
    store.withdraw(records[0].id, now=T1)

    [outcome] = store.upsert_batch(records[:1], now=T2)

    assert (outcome.status, outcome.version) == ("updated", 2)
    back = store.get(records[0].id)
    assert not back.withdrawn and back.first_seen == T0
    assert [v.withdrawn for v in store.versions(records[0].id)] == [True, False]
    assert store.withdrawn_reason(records[0].id) is None


def test_changes_since_pages_through_every_change_once_in_order(store, records):
    store.upsert_batch(records[:25], now=T0)
    store.upsert_batch([revised(records[0])] + records[25:], now=T1)
    store.withdraw(records[1].id, now=T2)

    seen, watermark = [], 0
    while page := store.changes_since(watermark, limit=7):
        seen.extend(page)
        watermark = page[-1][0]

    seqs = [seq for seq, _ in seen]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert sorted(r.id for _, r in seen) == sorted(r.id for r in records)
    assert seen[-1][1].id == records[1].id and seen[-1][1].withdrawn
    assert watermark == store.max_seq() == 25 + 16 + 1


def test_iter_records_pages_by_id_and_filters_on_last_change(store, records):
    store.upsert_batch(records, now=T0)
    store.upsert_batch([revised(records[2]), revised(records[9])], now=T2)
    store.upsert_batch(records[20:], now=T2)  # unchanged: does not count as a change

    everything = list(store.iter_records(batch=7))
    assert [r.id for r in everything] == sorted(r.id for r in records)
    recent = list(store.iter_records(since=T1, batch=1))
    assert sorted(r.id for r in recent) == sorted([records[2].id, records[9].id])
    assert all(r.version == 2 for r in recent)
    with pytest.raises(ValueError):
        list(store.iter_records(batch=0))


def test_stats_count_kinds_sources_and_notice_types(store, records):
    notices = [
        Record(kind="notice", notice_type="outage", title="停电检修通知", body="6时至18时停电", source="xmrb", url="http://xmrb/1"),
        Record(kind="notice", notice_type="lost", title="遗失声明", body="营业执照正本遗失，声明作废。", source="xmrb", url="http://xmrb/2"),
        Record(kind="notice", title="公告", body="其他", source="xmrb", url="http://xmrb/3"),
    ]
    store.upsert_batch([Record(**{**govcn_records()[0]})] + notices, now=T0)

    stats = store.stats()

    assert stats["records"] == 4 and stats["withdrawn"] == 0
    assert stats["by_kind"] == {"disclosure": 1, "notice": 3}
    assert stats["by_source"] == {"govcn": 1, "xmrb": 3}
    assert stats["by_notice_type"] == {"lost": 1, "other": 1, "outage": 1}
    assert stats["outbox_pending"] == 4 and stats["captures"] == 0 and stats["quarantined"] == 0
    assert stats["last_change"] == T0.isoformat()


def test_a_failing_batch_leaves_nothing_behind(store, records):
    store.upsert_batch(records[:2], now=T0)
    broken = Record.model_construct(**{**records[5].model_dump(), "kind": None})  # NOT NULL violation on insert

    with pytest.raises(StoreError, match=r"batch of 3 records not stored, nothing was written: .*\bkind\b"):
        store.upsert_batch([revised(records[0]), records[4], broken], now=T1)

    assert store.count() == 2
    assert store.get(records[0].id).version == 1
    assert store.get(records[4].id) is None
    assert len(store.versions(records[0].id)) == 1
    assert store.max_seq() == 2 and len(outbox_rows(store)) == 2


def test_bad_items_are_refused_with_a_clear_message(store, records):
    with pytest.raises(TypeError, match="item 1 is dict"):
        store.upsert_batch([records[0], {"title": "x"}])
    assert store.count() == 0
    assert store.upsert_batch([]) == []


def test_data_survives_reopening_and_numbers_continue(database_url, tmp_path, records):
    url = database_url
    with Store(url, tmp_path / "raw") as first:
        first.upsert_batch(records[:10], now=T0)
        first.meta_set("crawl:last", "2026-03-01")
    with Store(url, tmp_path / "raw") as second:
        assert second.count() == 10 and second.meta_get("crawl:last") == "2026-03-01"
        [outcome] = second.upsert_batch([records[10]], now=T1)
        assert outcome.status == "new" and second.max_seq() == 11


def test_meta_key_value(store):
    assert store.meta_get("crawl:govcn") is None
    store.meta_set("crawl:govcn", "2026-03-01T08:00:00+00:00")
    store.meta_set("crawl:govcn", "2026-03-02T08:00:00+00:00")
    assert store.meta_get("crawl:govcn") == "2026-03-02T08:00:00+00:00"
    with pytest.raises(ValueError, match="reserved"):
        store.meta_set("store:seq", "0")


def test_from_settings_puts_database_and_raw_dir_in_data_dir(settings, records):
    with Store.from_settings(settings) as store:
        store.upsert_batch(records[:1])
    assert (settings.data_dir / "gongkai.sqlite3").is_file()
    assert settings.raw_dir.is_dir()


def test_sqlite_file_uses_wal_and_checks_foreign_keys(tmp_path, records):
    path = tmp_path / "db" / "gongkai.sqlite3"
    store = Store(f"sqlite:///{path}", tmp_path / "raw")
    store.upsert_batch(records[:1], now=T0)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(StoreError, match="unknown capture"):
        store.link_capture(records[0].id, "0" * 64)
    store.close()


def test_a_new_sqlite_store_has_16k_pages_and_an_old_one_keeps_its_own(tmp_path, records):
    from gongkai.store.codec import record_to_data
    from gongkai.store.database import SQLITE_PAGE_SIZE
    from gongkai.store.timeutil import to_db

    new = tmp_path / "new" / "gongkai.sqlite3"
    with Store(f"sqlite:///{new}", tmp_path / "raw") as store:
        store.upsert_batch(records[:1], now=T0)
    with sqlite3.connect(new) as raw:
        assert raw.execute("PRAGMA page_size").fetchone()[0] == SQLITE_PAGE_SIZE == 16_384
        # the JSON goes in as UTF-8 bytes, CAST to TEXT (store/bulk.py): stored as text, the record's own JSON
        assert raw.execute("SELECT typeof(data), data FROM records").fetchone() == ("text", record_to_data(
            records[0], content_hash=records[0].content_hash, version=1, first_seen=to_db(T0), last_seen=to_db(T0), withdrawn=False))
    # A store made before (SQLite's default 4 KB pages, WAL) opens and takes writes as it is: no rebuild.
    old = tmp_path / "old" / "gongkai.sqlite3"
    old.parent.mkdir()
    with sqlite3.connect(old) as raw:
        raw.execute("PRAGMA page_size = 4096")
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("CREATE TABLE keep (x)")
    with Store(f"sqlite:///{old}", tmp_path / "raw") as store:
        store.upsert_batch(records[:2], now=T0)
        assert store.count() == 2
    with sqlite3.connect(old) as raw:
        assert raw.execute("PRAGMA page_size").fetchone()[0] == 4096
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_bad_database_url_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="not a database URL"):
        Store("this is not a url", tmp_path / "raw")


def test_concurrent_writers_in_threads_lose_nothing(database_url, tmp_path, records):
    url = database_url
    stores = [Store(url, tmp_path / "raw"), Store(url, tmp_path / "raw")]
    errors: list[BaseException] = []

    def write(store: Store, tag: str) -> None:
        try:
            for round_ in range(10):
                copies = [
                    Record(**{**r.model_dump(exclude=set(BOOKKEEPING_FIELDS)), "id": f"{tag}-{round_}-{i}"})
                    for i, r in enumerate(records[:8])
                ]
                store.upsert_batch(copies)
        except BaseException as exc:  # noqa: BLE001 - surfaced by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, tag)) for s, tag in zip(stores, "ab", strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert stores[0].count() == 160
    seqs = [seq for seq, _ in stores[1].changes_since(0, limit=1000)]
    assert seqs == list(range(1, 161))
    for store in stores:
        store.close()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_bytes("这不是数据库".encode() * 100)
    with pytest.raises(StoreError, match=r"cannot open the store at .*notes\.sqlite3"):
        Store(f"sqlite:///{not_a_db}", tmp_path / "raw")


def test_concurrent_writers_of_the_same_ids_serialise_cleanly(database_url, tmp_path, records):
    stores = [Store(database_url, tmp_path / "raw") for _ in range(2)]
    errors: list[BaseException] = []
    batch = records[:10]

    def write(store: Store, note: str) -> None:
        try:
            for round_ in range(8):
                store.upsert_batch([revised(r, f"{note}{round_}") for r in batch])
        except BaseException as exc:  # noqa: BLE001 - surfaced by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s, note)) for s, note in zip(stores, "甲乙", strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for record in batch:
        history = stores[0].versions(record.id)
        assert [v.version for v in history] == list(range(1, 17))  # every write was a change
    assert stores[0].max_seq() == 160 and len(outbox_rows(stores[0])) == 160
    for store in stores:
        store.close()


def test_get_many_reads_current_versions_in_bulk(store, records):
    store.upsert_batch(records)
    changed = Record.model_validate({**records[0].model_dump(), "body": records[0].body + "（更新）"})
    store.upsert_batch([changed])
    ids = [r.id for r in records] * 20 + ["no-such-id"]  # repeats and an unknown id; more than one chunk of 500
    found = store.get_many(ids)
    assert set(found) == {r.id for r in records}
    assert found[records[0].id].version == 2 and found[records[0].id].body.endswith("（更新）")
    assert store.get_many([]) == {}


def test_record_to_data_is_the_json_of_the_stamped_record(records):
    """The spliced JSON is exactly what model_dump_json() of a stamped copy gives (notice with a nested
    content_hash key, odd hashes, aware and naive times, withdrawn)."""
    from gongkai.store.codec import record_to_data
    from gongkai.store.timeutil import from_db

    tricky = Record(title="停电", kind="notice", notice_type="outage", body='引号"与,"content_hash":',
                    notice={"reason": '"content_hash":"x"', "events": [{"text": "8:00", "areas": [{"name": "湖滨南路", "text": ',"content_hash":'}]}]})
    seen = datetime(2024, 5, 6, 7, 8, 9, 123456)
    for record in [*records, tricky]:
        for content_hash, version, first_seen, withdrawn in (
            (record.content_hash, 1, seen, False), ('odd "hash"', 7, seen.replace(tzinfo=UTC), True)
        ):
            expected = record.model_copy(update={
                "content_hash": content_hash, "version": version, "first_seen": from_db(first_seen),
                "last_seen": from_db(seen), "withdrawn": withdrawn,
            }).model_dump_json()
            assert record_to_data(record, content_hash=content_hash, version=version, first_seen=first_seen,
                                  last_seen=seen, withdrawn=withdrawn) == expected


def test_bulk_insert_writes_dates_as_sqlalchemy_does():
    """store/bulk.py writes a plain date with date.isoformat() instead of SQLAlchemy's SQLite DATE processor: the same
    text for every year (1, 999, 9999), and anything else (None, a datetime, a wrong type) still goes to SQLAlchemy's."""
    from datetime import date, datetime

    import pytest
    from sqlalchemy import create_engine

    from gongkai.store.bulk import _compiled
    from gongkai.store.schema import validity_docs
    from gongkai.store.validity import _DOC_COLUMNS

    dialect = create_engine("sqlite://").dialect
    _, _, processors, _ = _compiled(dialect, validity_docs, _DOC_COLUMNS)
    fast = dict(processors)[_DOC_COLUMNS.index("effective_date")]
    plain = validity_docs.c.effective_date.type.dialect_impl(dialect).bind_processor(dialect)
    assert fast is not plain
    days = [date(1, 1, 1), date(999, 12, 31), date(2024, 2, 29), date(9999, 12, 31), datetime(2024, 5, 6, 7, 8, 9), None]
    for day in days:
        assert fast(day) == plain(day), day
    with pytest.raises(TypeError):
        fast("2024-05-06")
