"""The process's one engine per database URL, shared by the store, the crawl state, the operations tables and
the feeds' tokens: one connection set-up (store/database.py) and one pool, its schema brought up to date when
first opened (store/migrate.py). An in-memory SQLite database gets an engine of its own each time (a shared
one would hand one test's rows to the next)."""

from __future__ import annotations

import os
import threading

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from gongkai.store.database import make_engine
from gongkai.store.errors import StoreError
from gongkai.store.migrate import ensure_current

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def shared_engine(database_url: str, *, check: bool = False) -> Engine:
    """The engine for `database_url`; its schema is ensured when it is made, and again when `check` (the store
    checks at every open, so that a database emptied under a running process is made again)."""
    if _in_memory(database_url):
        engine = make_engine(database_url)
        ensure_current(engine)
        return engine
    with _lock:
        cached = _engines.get(database_url)
        fresh = cached is None
        engine = make_engine(database_url) if cached is None else cached
        if fresh or check:
            try:
                ensure_current(engine)
            except StoreError:
                if fresh:
                    engine.dispose()
                raise
        if fresh:
            _engines[database_url] = engine
        return engine


def dispose_shared() -> None:
    """Close every pooled connection and forget the engines (tests; a process about to exit)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def _forget_in_child() -> None:
    """A forked child (parser workers, the fork server) must not use its parent's pooled connections: it
    gets engines of its own if it opens the database at all (SQLAlchemy's advice: dispose(close=False))."""
    global _lock
    _lock = threading.Lock()  # the parent's may have been held by another thread at the fork
    for engine in _engines.values():
        engine.dispose(close=False)
    _engines.clear()


os.register_at_fork(after_in_child=_forget_in_child)


def _in_memory(database_url: str) -> bool:
    try:
        url = make_url(database_url)
    except Exception:  # noqa: BLE001 - make_engine reports a bad URL with its own message
        return False
    database = url.database or ""
    return url.get_backend_name() == "sqlite" and (database in ("", ":memory:") or database.startswith("file::memory:"))
