"""The database connection of the operations tables: the store's database, the store's engine."""

from __future__ import annotations

from sqlalchemy import Engine

from gongkai.store.database import READ_ONLY_OPTION
from gongkai.store.engines import dispose_shared, shared_engine


def ops_engine(database_url: str) -> Engine:
    """The process's one engine for `database_url` (gongkai.store.database.shared_engine), its schema brought
    up to date on first open. make_engine gives SQLite WAL, a busy timeout and BEGIN IMMEDIATE for writes, so
    the scheduler, a CLI `jobs run` and an ingest can all write to the one file without "database is locked"."""
    return shared_engine(database_url)


def dispose_all() -> None:
    """Close every pooled connection (tests; a process about to exit)."""
    dispose_shared()


def read_only(db: Engine) -> Engine:
    """The same engine for reads: a plain BEGIN on SQLite, so a status page or a `jobs list` never takes
    the write lock (BEGIN IMMEDIATE) and never waits behind an ingest batch or holds one up."""
    return db.execution_options(**{READ_ONLY_OPTION: True})
