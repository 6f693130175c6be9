"""Engine creation. The only dialect-specific code of the store lives here.

SQLite gets, on every new connection: WAL (readers never block the writer), foreign keys,
a busy timeout (a second writer waits instead of failing) and synchronous=FULL (a committed
batch survives even a power cut, not only a killed process). Python's sqlite3 module is told
not to manage transactions; SQLAlchemy's `begin` event emits BEGIN IMMEDIATE for writes, so
a writer takes the write lock at the start of its transaction instead of upgrading a read
lock half-way (which is how two SQLite writers deadlock). Reads use a plain deferred BEGIN.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, CursorResult, make_url
from sqlalchemy.pool import StaticPool

from gongkai.store.errors import StoreError

#: execution option marking a connection that only reads (plain BEGIN on SQLite)
READ_ONLY_OPTION = "gongkai_read_only"

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: Page size of a new SQLite store. A record row holds its JSON (about 4 KB for 1,000 characters of body): with
#: SQLite's default 4 KB pages nearly every row spills into an overflow page, and each commit and checkpoint moves
#: more pages. 16 KB pages cut the store's share of an ingest's CPU by about a tenth (20,000 bench records: the
#: batches' CPU 1.85 -> 1.62 s, their commits 0.48 -> 0.29 s); 32 and 64 KB gained little more.
SQLITE_PAGE_SIZE = 16_384
#: Page cache of each store connection, in KiB (SQLite's default is 2,000: 125 pages of 16 KB). An ingest batch's
#: inserts land all over the random-order indexes (validity_keys' two, the edges' keys, the records' ids): with the
#: default cache the pages they dirty spill to the WAL mid-transaction and are read back from the file batch after
#: batch, so a record's share of WAL writes and reads grew with the store (18 -> 60 KB written, 11 -> 83 KB read per
#: record from 0 to 40,000 bench records) and so did its CPU. The cache fills only as pages are used: an upper bound.
SQLITE_CACHE_KIB = 65_536


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT added (SQLAlchemy types it optional: None only for
    executemany or a table without a primary key, never for the one-row inserts that ask)."""
    key = result.inserted_primary_key
    if key is None:
        raise StoreError("the insert returned no primary key")
    return int(key[0])


def make_engine(database_url: str) -> Engine:
    """An engine for `database_url`; for a SQLite file, its folder is created."""
    try:
        url = make_url(database_url)
    except Exception as exc:  # noqa: BLE001 - sqlalchemy raises ArgumentError with a terse message
        raise StoreError(f"not a database URL: {database_url!r} ({exc})") from None
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    database = url.database or ""
    in_memory = database in ("", ":memory:") or database.startswith("file::memory:")
    kwargs: dict[str, Any] = {}
    if in_memory:
        # one shared connection, or each checkout would see its own empty database
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    _install_sqlite_hooks(engine, wal=not in_memory)
    return engine


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (persistent: done once per file). Two processes opening a new file at once
    both try to switch; SQLite answers the loser "database is locked" at once, without waiting out the busy
    timeout (the switch needs the lock the other holds), so the switch is tried again until the timeout."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return  # reading the mode takes no lock: a file another opener switched needs nothing more
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _install_sqlite_hooks(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # None: sqlite3 emits no BEGIN of its own; ours comes from the begin event below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if wal:
                # Before WAL: only a new, empty file takes it (an existing one keeps its size; no-op there).
                cursor.execute(f"PRAGMA page_size = {SQLITE_PAGE_SIZE}")
                _use_wal(cursor)
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
