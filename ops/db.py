"""The database connection of the operations tables: the store's database, the store's connection rules."""

from __future__ import annotations

import threading

from sqlalchemy import Engine

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
            metadata.create_all(engine)
            _engines[database_url] = engine
        return engine


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
