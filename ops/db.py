"""The database connection of the operations tables: the store's database, the store's connection rules."""

from __future__ import annotations

import threading

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from gongkai.ops.tables import metadata
from gongkai.store.database import READ_ONLY_OPTION, make_engine

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def ops_engine(database_url: str) -> Engine:
    """One SQLAlchemy engine per URL per process, with the ops tables created.

    make_engine gives SQLite WAL, a busy timeout and BEGIN IMMEDIATE for writes, so the scheduler,
    a CLI `jobs run` and an ingest can all write to the one file without "database is locked".
    """
    with _lock:
        engine = _engines.get(database_url)
        if engine is None:
            engine = make_engine(database_url)
            try:
                metadata.create_all(engine)
                _add_missing_columns(engine)
            except DBAPIError:
                # Two nodes starting at once on one PostgreSQL (issue 20): the loser's CREATE fails on the
                # catalog's unique index; by now the tables exist, so the second look finds them.
                metadata.create_all(engine)
                _add_missing_columns(engine)
            _engines[database_url] = engine
        return engine


def _add_missing_columns(engine: Engine) -> None:
    """Columns added to the ops tables after a database was made (create_all adds tables, not columns):
    ALTER TABLE … ADD COLUMN, nullable, so an older database keeps working after an upgrade."""
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present and column.nullable:
                kind = column.type.compile(dialect=engine.dialect)
                with engine.begin() as conn:
                    conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}'))


def dispose_all() -> None:
    """Close every pooled connection (tests; a process about to exit)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def read_only(db: Engine) -> Engine:
    """The same engine for reads: a plain BEGIN on SQLite, so a status page or a `jobs list` never takes
    the write lock (BEGIN IMMEDIATE) and never waits behind an ingest batch or holds one up."""
    return db.execution_options(**{READ_ONLY_OPTION: True})
