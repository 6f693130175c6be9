"""Two schedulers starting at once on a new database both make APScheduler's job table: one of them died
(PostgreSQL: duplicate key in pg_type_typname_nsp_index; tests/test_nodes.py lost a node so 1 run in 5).
gongkai.ops.service makes the table first, one at a time. Real PostgreSQL (skipped without one) and SQLite."""

from __future__ import annotations

import threading

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import create_engine, inspect

from gongkai.ops.service import _create_jobstore_table
from gongkai.ops.tables import SCHEDULER_JOBS_TABLE

ROUNDS = 12
STARTERS = 4


def _race(url: str) -> list[BaseException]:
    """STARTERS threads (one connection each) make the table at the same moment, ROUNDS times on a new table."""
    engine = create_engine(url, pool_size=STARTERS + 1)
    errors: list[BaseException] = []
    try:
        for _ in range(ROUNDS):
            with engine.begin() as conn:
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {SCHEDULER_JOBS_TABLE}")
            barrier = threading.Barrier(STARTERS)

            def start(barrier: threading.Barrier) -> None:
                store = SQLAlchemyJobStore(engine=engine, tablename=SCHEDULER_JOBS_TABLE)
                barrier.wait()
                try:
                    _create_jobstore_table(store)
                    store.jobs_t.create(store.engine, True)  # what APScheduler's start does next
                except BaseException as exc:  # noqa: BLE001 - collected and reported by the test
                    errors.append(exc)

            threads = [threading.Thread(target=start, args=(barrier,)) for _ in range(STARTERS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert inspect(engine).has_table(SCHEDULER_JOBS_TABLE)
    finally:
        engine.dispose()
    return errors


def test_schedulers_starting_at_once_on_a_new_postgresql_database_all_start(pg_database):
    errors = _race(pg_database)
    assert not errors, [repr(error)[:300] for error in errors]


def test_schedulers_starting_at_once_on_a_new_sqlite_database_all_start(tmp_path):
    errors = _race(f"sqlite:///{tmp_path / 'ops.sqlite3'}")
    assert not errors, [repr(error)[:300] for error in errors]


