"""Batch upsert: the version rules, applied to a whole batch with a handful of bulk statements.

A record under an operator takedown (schema.takedowns) stays withdrawn when it comes again: the
same content is "unchanged", changed content is kept as a new version that is still withdrawn
(outcome `withheld`), with no outbox entry (the platform keeps it deleted). Only a source-driven
withdrawal ends when its document comes again.

A batch behaves exactly as if its records were upserted one by one, in order, inside one
transaction: a duplicate id later in the batch sees the state left by the earlier one. The
plan is made in memory first (one SELECT for the batch's existing ids), then written with
executemany statements, so the cost per record is a few microseconds of SQL, not a round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from gongkai.record import Record
from gongkai.record_row import RecordRow
from gongkai.store.bulk import bulk_insert
from gongkai.store.bulk import select_in as _select_in
from gongkai.store.codec import db_text, record_data_utf8
from gongkai.store.schema import SEQ_KEY, meta, outbox, record_versions, records, takedowns

Status = Literal["new", "updated", "unchanged"]

# Stays well under every database's limit on bound parameters in one statement.
IN_CHUNK = 500


@dataclass
class UpsertOutcome:
    id: str
    status: Status
    version: int
    #: the record is under an operator takedown: stored (a new version if it changed) but still withdrawn
    withheld: bool = False


@dataclass
class _State:
    """The current state of one id while the batch is planned."""

    version: int
    content_hash: str
    withdrawn: bool
    first_seen: datetime
    changed_at: datetime
    in_db: bool  # a row existed before this batch
    withdrawn_reason: str = ""
    taken_down: bool = False  # under an active operator takedown: never un-withdrawn here
    data: bytes | None = None  # JSON (UTF-8) of a state made in this batch
    seq: int | None = None
    changed: bool = False  # made or replaced in this batch
    last_change: int = -1  # position in the batch of its last change: orders the sequence numbers
    db_row_archived: bool = False
    record: Record | RecordRow | None = field(default=None, repr=False)


def chunks(items: Sequence[str], size: int = IN_CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def next_seq_locked(conn: Connection) -> int:
    """The last used change sequence number, with the counter row locked until commit.

    FOR UPDATE serialises writers on PostgreSQL; SQLite renders no FOR UPDATE and is
    serialised by BEGIN IMMEDIATE already.
    """
    value = conn.execute(select(meta.c.value).where(meta.c.key == SEQ_KEY).with_for_update()).scalar()
    if value is None:  # counter lost (hand-edited database): rebuild it from the data
        last = conn.execute(select(func.coalesce(func.max(records.c.seq), 0))).scalar_one()
        conn.execute(insert(meta).values(key=SEQ_KEY, value=str(last)))
        return int(last)
    return int(value)


#: PostgreSQL channel the store NOTIFYs (payload: the last change number) when a batch of changes commits
CHANGES_CHANNEL = "gongkai_changes"


def save_seq(conn: Connection, last_seq: int) -> None:
    conn.execute(update(meta).where(meta.c.key == SEQ_KEY).values(value=str(last_seq)))
    if conn.dialect.name == "postgresql":
        # Delivered at commit only (and not at all on rollback): wakes every node's index follower at once.
        conn.execute(select(func.pg_notify(CHANGES_CHANNEL, str(last_seq))))


def upsert_batch(
    conn: Connection, batch: Sequence[Record | RecordRow], now: datetime, heads: Sequence[bytes | None] | None = None
) -> list[UpsertOutcome]:
    """Apply `batch` inside the caller's transaction; `now` is naive UTC. `heads`: by position, each record's
    JSON up to its content_hash made ahead (codec.data_head, by the JSON Lines worker from the record it validated,
    whose content_hash field is then taken as is; None: made and checked here)."""
    for position, item in enumerate(batch):
        if not isinstance(item, (Record, RecordRow)):
            raise TypeError(f"upsert_batch: item {position} is {type(item).__name__}, not a Record")
        if not item.id:
            raise ValueError(f"upsert_batch: item {position} ({item.title[:40]!r}) has no id")
    # Lock the counter before looking at existing rows: a concurrent writer of the same ids
    # then waits here and sees our rows, instead of inserting them a second time.
    last_seq = next_seq_locked(conn)
    states = _load_states(conn, list(dict.fromkeys(r.id for r in batch)))
    outcomes: list[UpsertOutcome] = []
    archive_from_db: list[str] = []
    archived_in_batch: list[dict] = []
    outbox_rows: list[tuple] = []  # OUTBOX_COLUMNS

    for position, record in enumerate(batch):
        head = heads[position] if heads else None
        # A head made ahead comes with the record as the worker validated it, content_hash its hash (the same promise
        # as the head's: gongkai.ingest.IngestItem.data_head); else it is checked, and computed again only if the
        # record changed since validation.
        content_hash = record.content_hash if head is not None else record.current_content_hash()
        state = states.get(record.id)
        if state is None:
            state = _State(1, content_hash, False, now, now, in_db=False)
            states[record.id] = state
            status: Status = "new"
        elif state.content_hash == content_hash and (state.taken_down or not state.withdrawn):
            outcomes.append(UpsertOutcome(record.id, "unchanged", state.version, withheld=state.taken_down))
            continue
        else:
            # supersede the current state: it goes to record_versions
            if state.in_db and not state.db_row_archived:
                archive_from_db.append(record.id)
                state.db_row_archived = True
            else:
                archived_in_batch.append(
                    {
                        "record_id": record.id,
                        "version": state.version,
                        "content_hash": state.content_hash,
                        "created_at": state.changed_at,
                        "data": state.data.decode("utf-8") if state.data is not None else None,
                    }
                )
            state.version += 1
            state.content_hash = content_hash
            state.withdrawn = state.taken_down
            if not state.taken_down:
                state.withdrawn_reason = ""
            status = "updated"
        state.changed_at = now
        state.changed = True
        state.last_change = position
        state.record = record
        state.data = record_data_utf8(
            record,
            content_hash=content_hash,
            version=state.version,
            first_seen=state.first_seen,
            last_seen=now,
            withdrawn=state.withdrawn,
            head=head,
        )
        if not state.taken_down:  # a withheld version is not published: the platform keeps the record deleted
            outbox_rows.append((record.id, state.version, status, now, "pending", 0))
        outcomes.append(UpsertOutcome(record.id, status, state.version, withheld=state.taken_down))

    # One number per changed id, in the order of their last change: a single writer's numbers
    # have no gaps, so the index can tell from max_seq whether another writer interleaved.
    for state in sorted((s for s in states.values() if s.changed), key=lambda s: s.last_change):
        last_seq += 1
        state.seq = last_seq
    _write(conn, states, now, archive_from_db, archived_in_batch, outbox_rows)
    if any(s.changed for s in states.values()):
        save_seq(conn, last_seq)
    return outcomes


def _load_states(conn: Connection, ids: list[str]) -> dict[str, _State]:
    states: dict[str, _State] = {}
    columns = (
        records.c.id,
        records.c.version,
        records.c.content_hash,
        records.c.withdrawn,
        records.c.withdrawn_reason,
        records.c.first_seen,
        records.c.changed_at,
    )
    # Through the driver (store.bulk.select_in, the columns' result processors applied): SQLAlchemy's
    # select().where(in_()) of a batch's 200 ids cost ~1.1 ms a batch to build and compile.
    for record_id, version, content_hash, withdrawn, withdrawn_reason, first_seen, changed_at in _select_in(
        conn, columns, (records.c.id, ids)
    ):
        states[record_id] = _State(
            version, content_hash, bool(withdrawn), first_seen, changed_at, in_db=True, withdrawn_reason=withdrawn_reason,
        )
    # A takedown always leaves its record withdrawn, so only withdrawn ids need the look (usually none).
    withdrawn_ids = [record_id for record_id, state in states.items() if state.withdrawn]
    for part in chunks(withdrawn_ids):
        for row in conn.execute(
            select(takedowns.c.record_id).where(takedowns.c.record_id.in_(part), takedowns.c.lifted_at.is_(None))
        ):
            states[row.record_id].taken_down = True
    return states


def _write(
    conn: Connection,
    states: dict[str, _State],
    now: datetime,
    archive_from_db: list[str],
    archived_in_batch: list[dict],
    outbox_rows: list[tuple],
) -> None:
    # 1. copy superseded rows into record_versions before they are overwritten
    for part in chunks(archive_from_db):
        conn.execute(
            insert(record_versions).from_select(
                ["record_id", "version", "content_hash", "created_at", "data"],
                select(records.c.id, records.c.version, records.c.content_hash, records.c.changed_at, records.c.data).where(
                    records.c.id.in_(part)
                ),
            )
        )

    new_rows, changed_rows, seen_ids = [], [], []
    for record_id, state in states.items():
        if not state.changed:
            if state.in_db:
                seen_ids.append({"b_id": record_id})
            continue
        row = _row_values(record_id, state, now)
        if state.in_db:
            changed_rows.append({"b_" + name: value for name, value in zip(_ROW_COLUMNS, row)} | {"b_data": row[-1].decode("utf-8")})
        else:
            new_rows.append((*row, state.seq))  # first_seq: the number it enters the store with

    # 2. records: insert new (the JSON as UTF-8: store/bulk.py), rewrite changed, bump last_seen of the unchanged
    bulk_insert(conn, records, _NEW_ROW_COLUMNS, new_rows, utf8_text=("data",))
    if changed_rows:
        conn.execute(
            update(records)
            .where(records.c.id == bindparam("b_id"))
            .values({name: bindparam("b_" + name) for name in _ROW_COLUMNS if name != "id"}),
            changed_rows,
        )
    if seen_ids:
        conn.execute(
            update(records).where(records.c.id == bindparam("b_id")).values(last_seen=bindparam("b_now")),
            [{**item, "b_now": now} for item in seen_ids],
        )

    # 3. versions superseded inside this batch, and the outbox (both reference records)
    if archived_in_batch:
        conn.execute(insert(record_versions), archived_in_batch)
    bulk_insert(conn, outbox, OUTBOX_COLUMNS, outbox_rows)


_ROW_COLUMNS = (
    "id",
    "seq",
    "version",
    "kind",
    "notice_type",
    "issuer",
    "source",
    "publish_date",
    "withdrawn",
    "withdrawn_reason",
    "content_hash",
    "first_seen",
    "last_seen",
    "changed_at",
    "data",
)

#: a new row's columns: first_seq is written once, at insert (an alert tells new records from the backlog by it)
_NEW_ROW_COLUMNS = (*_ROW_COLUMNS, "first_seq")

OUTBOX_COLUMNS = ("record_id", "version", "change", "created_at", "status", "attempts")


def _row_values(record_id: str, state: _State, now: datetime) -> tuple:
    """The values of a records row, in _ROW_COLUMNS order."""
    record = state.record
    assert record is not None  # set for every changed state
    return (
        record_id, state.seq, state.version, record.kind, record.notice_type, db_text(record.issuer),
        db_text(record.source), record.publish_date, state.withdrawn, state.withdrawn_reason, state.content_hash, state.first_seen, now, now,
        state.data,
    )
