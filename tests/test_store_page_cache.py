"""Every SQLite connection of the store, writer and reader alike, runs with the page cache of
store/database.SQLITE_CACHE_KIB (ingest22, session 22): with SQLite's default 2 MB an ingest batch's dirty index pages
spilled to the WAL mid-transaction and were read back next batch, so a record's store CPU grew with the store."""

from __future__ import annotations

from gongkai.store.database import SQLITE_CACHE_KIB
from gongkai.store.store import Store


def test_every_store_connection_has_the_larger_page_cache(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/gongkai.sqlite3", tmp_path / "raw")
    assert SQLITE_CACHE_KIB * 1024 > 2_000 * 1024  # above SQLite's default, or the setting does nothing
    for engine in (store._engine, store._reader):
        with engine.connect() as conn:
            # negative: KiB (a positive number would be pages)
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -SQLITE_CACHE_KIB


def test_a_crawl_state_engine_on_the_store_file_has_it_too(tmp_path):
    from gongkai.store.engines import shared_engine

    engine = shared_engine(f"sqlite:///{tmp_path}/gongkai.sqlite3")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -SQLITE_CACHE_KIB
