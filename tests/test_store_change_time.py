"""A batch's change time is taken once it holds the write lock, not before it waited for it (clients4, session 14).

The change time is a record's OAI datestamp, Atom `updated` and sitemap `lastmod`. A batch stamped before it waited
behind another writer (a reparse, another node's ingest) became visible after a harvest answered meanwhile, with a
datestamp before that answer's responseDate: a harvester that takes the responseDate as its next `from` (what OAI-PMH
advises) never lists it. Real SQLite file, a real second connection holding BEGIN IMMEDIATE."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import select

from gongkai.record import Record
from gongkai.store import schema
from gongkai.store.store import Store


def test_a_batch_that_waited_for_the_write_lock_is_stamped_after_the_wait(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'gongkai.sqlite3'}", tmp_path / "raw")
    record = Record(title="厦门市人民政府关于印发停车管理办法的通知", issuer="厦门市人民政府", body="为加强停车管理")
    holder = sqlite3.connect(tmp_path / "gongkai.sqlite3", timeout=30, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another writer: a reparse, another node's batch
    released: list[datetime] = []

    def release_later() -> None:
        time.sleep(1.5)
        released.append(datetime.now(UTC).replace(tzinfo=None))
        holder.rollback()

    thread = threading.Thread(target=release_later)
    called = datetime.now(UTC).replace(tzinfo=None)
    thread.start()
    [outcome] = store.write_batch([record])  # waits on the busy timeout until the other writer lets go
    thread.join()
    holder.close()
    assert outcome.status == "new"
    with store._engine.connect() as conn:  # the stored change time itself
        changed_at = conn.execute(select(schema.records.c.changed_at).where(schema.records.c.id == outcome.id)).scalar_one()
    assert changed_at >= released[0].replace(microsecond=0), (called, released[0], changed_at)
    store.close()
