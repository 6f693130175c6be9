"""A record whose validity status changes takes a new change number (issue 19).

The status is derived data that changes without the record changing: an edge resolves when the repealing
or the repealed document arrives, a date passes (the daily job), an operator sets one. The search index
holds each record's status (its `validity` field) and follows the store by change numbers (records.seq:
IndexFeeder.catch_up, the follower of every node), so a record whose status moved is given the next
number, as a withdrawal is: every index re-reads it, with its new status, and nothing else is needed.
The record's version, data and outbox are untouched (the record itself did not change).

Its change time (records.changed_at) moves too when the caller says when (`at`): it is the OAI-PMH
datestamp, the Atom entry's updated and the sitemap's lastmod, and all three carry the status (the gongkai
format's <validity>, Atom's validity category, the page's badge), so a harvester's `from=` must find the
record again. A record read for the first time (the backfill of a store older than issue 19) keeps its
time: its text did not change and a whole store would otherwise be harvested again.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.engine import Connection

from gongkai.store.schema import records
from gongkai.store.upsert import next_seq_locked, save_seq


def renumber(conn: Connection, record_ids: Collection[str], at: datetime | None = None) -> int:
    """Give each of `record_ids` the next change number (and the change time `at`, naive UTC as the store
    keeps it, when given), inside the caller's transaction; returns how many."""
    ids = sorted(set(record_ids))
    if not ids:
        return 0
    last = next_seq_locked(conn)  # locked as upsert_batch locks it: numbers stay unique and in commit order
    rows = [{"rid": record_id, "new_seq": last + number} for number, record_id in enumerate(ids, 1)]
    values: dict[str, Any] = {"seq": bindparam("new_seq")}
    if at is not None:
        values["changed_at"] = at
    conn.execute(update(records).where(records.c.id == bindparam("rid")).values(**values), rows)
    save_seq(conn, last + len(ids))
    return len(ids)
