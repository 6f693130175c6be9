"""Store queries for the feeds package: the sync outbox and the record change times.

Functions over a `Store` rather than methods on it, so that store.py keeps only the record store's own tables and rules.
They use the same engine and the same transaction rules (BEGIN IMMEDIATE for writes on SQLite).

Outbox rows are written by the store itself, in the transaction of each record change; here they
are only read, claimed for sending and marked. Change-time queries (records.changed_at) serve the
OAI-PMH provider (selective harvesting, cursor paging), the Atom feeds and the sitemap, because a
Record carries first_seen/last_seen but not the time it last *changed*.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, and_, func, or_, select, update

from gongkai.record import Record
from gongkai.store.codec import record_from_row
from gongkai.store.schema import RECORD_READ_COLUMNS, outbox, records
from gongkai.store.timeutil import database_now, from_db, to_db

if TYPE_CHECKING:
    from gongkai.store.store import Store



def sql_engine(store: Store) -> Engine:
    """The store's SQLAlchemy engine, for packages that keep small tables of their own (API tokens)."""
    return store._engine  # the store package lends its engine to its own helpers


def _reader(store: Store) -> Engine:
    return store._reader


# --------------------------------------------------------------------------------------- outbox


@dataclass
class OutboxEntry:
    id: int
    record_id: str
    version: int
    change: str  # new | updated | withdrawn
    created_at: datetime
    status: str  # pending | sent | failed
    attempts: int
    last_error: str | None

    @property
    def idempotency_key(self) -> str:
        """Stable across outbox rebuilds: one key per record state the platform must see once."""
        suffix = ":withdrawn" if self.change == "withdrawn" else ""
        return f"{self.record_id}:{self.version}{suffix}"


def _entry(row: Any) -> OutboxEntry:
    return OutboxEntry(
        id=row.id,
        record_id=row.record_id,
        version=row.version,
        change=row.change,
        created_at=from_db(row.created_at),
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
    )


_OUTBOX_COLUMNS = (
    outbox.c.id,
    outbox.c.record_id,
    outbox.c.version,
    outbox.c.change,
    outbox.c.created_at,
    outbox.c.status,
    outbox.c.attempts,
    outbox.c.last_error,
)


def sendable_entries(store: Store, limit: int) -> list[OutboxEntry]:
    """The next entry of each record, if it is pending, oldest first.

    Only the earliest unsent entry of a record may go: entries of one record must reach the platform
    in version order, so a later one waits while an earlier one is pending (retrying) or parked.
    """
    earlier = outbox.alias("earlier")
    unsent_before = (
        select(earlier.c.id)
        .where(earlier.c.record_id == outbox.c.record_id)
        .where(earlier.c.status != "sent")
        .where(earlier.c.id < outbox.c.id)
        .exists()
    )
    query = (
        select(*_OUTBOX_COLUMNS)
        .where(outbox.c.status == "pending")
        .where(~unsent_before)
        .order_by(outbox.c.id)
        .limit(limit)
    )
    with _reader(store).connect() as conn:
        return [_entry(row) for row in conn.execute(query)]


def entries(store: Store, status: str | None = None, limit: int = 100) -> list[OutboxEntry]:
    """Entries with `status` (all when None), oldest first."""
    query = select(*_OUTBOX_COLUMNS).order_by(outbox.c.id).limit(limit)
    if status is not None:
        query = query.where(outbox.c.status == status)
    with _reader(store).connect() as conn:
        return [_entry(row) for row in conn.execute(query)]


def mark_sent(store: Store, entry_ids: Sequence[int]) -> None:
    store.outbox_mark_sent(entry_ids)


def record_failure(store: Store, entry_ids: Sequence[int], error: str, max_attempts: int) -> list[int]:
    """Count one failed attempt for each entry; park those that reached `max_attempts`.

    One transaction. Returns the ids parked by this call.
    """
    ids = [int(i) for i in entry_ids]
    if not ids:
        return []
    with sql_engine(store).begin() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(ids), outbox.c.status == "pending")
            .values(attempts=outbox.c.attempts + 1, last_error=error[:2000])
        )
        parked = [
            row.id
            for row in conn.execute(
                select(outbox.c.id).where(
                    outbox.c.id.in_(ids), outbox.c.status == "pending", outbox.c.attempts >= max_attempts
                )
            )
        ]
        if parked:
            conn.execute(update(outbox).where(outbox.c.id.in_(parked)).values(status="failed"))
    return parked


def retry_parked(store: Store, entry_ids: Iterable[int] | None = None) -> int:
    """Put parked entries back in the queue with a fresh attempt count. Returns how many."""
    query = update(outbox).where(outbox.c.status == "failed")
    if entry_ids is not None:
        query = query.where(outbox.c.id.in_([int(i) for i in entry_ids]))
    with sql_engine(store).begin() as conn:
        return conn.execute(query.values(status="pending", attempts=0)).rowcount


def status_counts(store: Store) -> dict[str, Any]:
    """pending / sent / failed counts, the last successful send and the oldest pending entry's age."""
    with _reader(store).connect() as conn:
        counts = {status: 0 for status in ("pending", "sent", "failed")}
        for status, count in conn.execute(select(outbox.c.status, func.count()).group_by(outbox.c.status)):
            counts[status] = int(count)
        last_sent = conn.execute(select(func.max(outbox.c.sent_at))).scalar()
        oldest_pending = conn.execute(
            select(func.min(outbox.c.created_at)).where(outbox.c.status == "pending")
        ).scalar()
    return {**counts, "last_success": from_db(last_sent), "oldest_pending": from_db(oldest_pending)}


def record_state(store: Store, record_id: str, version: int) -> Record | None:
    """The record as it was at `version` (the current row, or a superseded version)."""
    for record in reversed(store.versions(record_id)):
        if record.version == version:
            return record
    return None


# ------------------------------------------------------------------------------- change times


@dataclass
class ChangedRecord:
    record: Record
    changed_at: datetime  # aware UTC, microseconds kept (cursor paging needs the exact value)


def _changed(row: Any) -> ChangedRecord:
    return ChangedRecord(record_from_row(row), from_db(row["changed_at"]))


def records_by_change(
    store: Store,
    *,
    since: datetime | None = None,
    before: datetime | None = None,
    after: tuple[datetime, str] | None = None,
    kind: str | None = None,
    notice_type: str | None = None,
    issuers: Sequence[str] | None = None,
    with_issuer: bool = False,
    include_withdrawn: bool = True,
    limit: int = 100,
) -> list[ChangedRecord]:
    """Records ordered by (changed_at, id) ascending: the order of selective harvesting.

    `since` is inclusive, `before` exclusive; `after` is the (changed_at, id) cursor of the last
    row of the previous page. A record that changes during a harvest moves to the end and is seen again.
    """
    conditions = _filters(since, before, kind, notice_type, issuers, include_withdrawn, with_issuer=with_issuer)
    if after is not None:
        moment, last_id = to_db(after[0]), after[1]
        conditions.append(
            or_(records.c.changed_at > moment, and_(records.c.changed_at == moment, records.c.id > last_id))
        )
    query = select(*RECORD_READ_COLUMNS).where(*conditions).order_by(records.c.changed_at, records.c.id).limit(limit)
    with _reader(store).connect() as conn:
        return [_changed(row) for row in conn.execute(query).mappings()]


def count_by_change(
    store: Store,
    *,
    since: datetime | None = None,
    before: datetime | None = None,
    kind: str | None = None,
    notice_type: str | None = None,
    issuers: Sequence[str] | None = None,
    with_issuer: bool = False,
    include_withdrawn: bool = True,
) -> int:
    conditions = _filters(since, before, kind, notice_type, issuers, include_withdrawn, with_issuer=with_issuer)
    with _reader(store).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(records).where(*conditions)).scalar_one())


def latest_changes(
    store: Store,
    *,
    issuer: str | None = None,
    kind: str | None = None,
    notice_type: str | None = None,
    limit: int = 50,
) -> list[ChangedRecord]:
    """The most recently changed live records, newest first: an Atom feed's first page (feed_page)."""
    return feed_page(store, issuer=issuer, kind=kind, notice_type=notice_type, limit=limit)[0]


def feed_page(
    store: Store,
    *,
    issuer: str | None = None,
    kind: str | None = None,
    notice_type: str | None = None,
    limit: int = 50,
    before: tuple[datetime, str] | None = None,
    after: tuple[datetime, str] | None = None,
    include_withdrawn: bool = False,
) -> tuple[list[ChangedRecord], bool, bool]:
    """One page of an Atom feed's live records by (changed_at, id), newest first: the `limit` just older than the
    `before` key, or just newer than the `after` key (neither: the newest). Returns (page, older ones exist, newer ones
    exist), for RFC 5005's next and previous links. Keyed, not offset, so a new record never shifts a page.
    `include_withdrawn`: withdrawn records too, at their withdrawal (the feeds' RFC 6721 tombstones)."""
    conditions = _filters(None, None, kind, notice_type, [issuer] if issuer is not None else None, include_withdrawn)
    key = (records.c.changed_at, records.c.id)
    if after is not None:
        query = select(*RECORD_READ_COLUMNS).where(*conditions, _beyond(after, newer=True)).order_by(*key).limit(limit + 1)
    else:
        where = [*conditions, _beyond(before, newer=False)] if before is not None else conditions
        query = select(*RECORD_READ_COLUMNS).where(*where).order_by(*(c.desc() for c in key)).limit(limit + 1)
    with _reader(store).connect() as conn:
        rows = [_changed(row) for row in conn.execute(query).mappings()]
        more, rows = len(rows) > limit, rows[:limit]
        if after is not None:
            rows.reverse()

        def exists(edge: tuple[datetime, str], newer: bool) -> bool:
            probe = select(records.c.id).where(*conditions, _beyond(edge, newer=newer)).limit(1)
            return conn.execute(probe).first() is not None

        if after is not None:
            return rows, exists((rows[-1].changed_at, rows[-1].record.id) if rows else after, newer=False), more
        newer_exist = before is not None and exists((rows[0].changed_at, rows[0].record.id) if rows else before, newer=True)
        return rows, more, newer_exist


def withdrawn_since(store: Store, since: datetime, limit: int) -> list[tuple[str, datetime]]:
    """(id, withdrawal time) of the records withdrawn (and still so) at or after `since`, newest first, at most `limit`:
    the search and street feeds' tombstones (gongkai.feeds.withdrawn_matches). One walk down ix_records_changed_at."""
    query = (select(records.c.id, records.c.changed_at).where(records.c.withdrawn == True, records.c.changed_at >= to_db(since))  # noqa: E712
             .order_by(records.c.changed_at.desc(), records.c.id.desc()).limit(limit))
    with _reader(store).connect() as conn:
        return [(row.id, from_db(row.changed_at)) for row in conn.execute(query)]


def _beyond(edge: tuple[datetime, str], *, newer: bool) -> Any:
    """Rows after (newer=True) or before the (changed_at, id) key `edge`, strictly."""
    moment, record_id = to_db(edge[0]), edge[1]
    if newer:
        return or_(records.c.changed_at > moment, and_(records.c.changed_at == moment, records.c.id > record_id))
    return or_(records.c.changed_at < moment, and_(records.c.changed_at == moment, records.c.id < record_id))


def change_times(store: Store, record_ids: Sequence[str]) -> dict[str, datetime]:
    """id -> last change time (aware UTC) for the given ids that exist."""
    found: dict[str, datetime] = {}
    ids = list(dict.fromkeys(record_ids))
    with _reader(store).connect() as conn:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            for row in conn.execute(select(records.c.id, records.c.changed_at).where(records.c.id.in_(part))):
                found[row.id] = from_db(row.changed_at)
    return found


def owners(store: Store, record_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """id -> (issuer, source) for the given ids that exist: who may overwrite a record."""
    found: dict[str, tuple[str, str]] = {}
    ids = list(dict.fromkeys(record_ids))
    with _reader(store).connect() as conn:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            for row in conn.execute(select(records.c.id, records.c.issuer, records.c.source).where(records.c.id.in_(part))):
                found[row.id] = (row.issuer, row.source)
    return found


def earliest_change(store: Store) -> datetime | None:
    with _reader(store).connect() as conn:
        return from_db(conn.execute(select(func.min(records.c.changed_at))).scalar())


def store_clock(store: Store) -> datetime:
    """Now by the database's clock, the one changes are stamped with (timeutil.change_time): OAI-PMH's responseDate, the
    `from` a harvester asks next, must be on it, not on the serving node's clock (3 hours ahead, a harvest from its
    responseDate missed every change of those 3 hours; nodes3, session 22)."""
    with _reader(store).connect() as conn:
        return database_now(conn)


def latest_change(store: Store) -> datetime | None:
    """The newest change time of any record (new, changed, withdrawn, restored, its validity status moved): what a
    document read from the store alone can have changed by (HTTP Last-Modified). One look at ix_records_changed_at."""
    with _reader(store).connect() as conn:
        return from_db(conn.execute(select(func.max(records.c.changed_at))).scalar())


def distinct_issuers(store: Store) -> list[str]:
    """Every non-empty issuer of a record (withdrawn included: harvesters must see their deletions)."""
    with _reader(store).connect() as conn:
        rows = conn.execute(select(records.c.issuer).where(records.c.issuer != "").distinct().order_by(records.c.issuer))
        return [row.issuer for row in rows]


def live_ids_page(store: Store, offset: int, limit: int) -> list[tuple[str, datetime]]:
    """(id, changed_at) of live records by id, one page (sitemaps)."""
    query = (
        select(records.c.id, records.c.changed_at)
        .where(records.c.withdrawn == False)  # noqa: E712 (SQL expression)
        .order_by(records.c.id)
        .offset(offset)
        .limit(limit)
    )
    with _reader(store).connect() as conn:
        return [(row.id, from_db(row.changed_at)) for row in conn.execute(query)]


def _filters(
    since: datetime | None,
    before: datetime | None,
    kind: str | None,
    notice_type: str | None,
    issuers: Sequence[str] | None,
    include_withdrawn: bool,
    *,
    with_issuer: bool = False,
) -> list[Any]:
    conditions: list[Any] = []
    if since is not None:
        conditions.append(records.c.changed_at >= to_db(since))
    if before is not None:
        conditions.append(records.c.changed_at < to_db(before))
    if kind is not None:
        conditions.append(records.c.kind == kind)
    if notice_type is not None:
        conditions.append(records.c.notice_type == notice_type)
    if issuers is not None:
        conditions.append(records.c.issuer.in_(list(issuers)))
    if with_issuer:  # OAI-PMH's parent set `issuer`: every record some issuer's set holds (distinct_issuers' rule)
        conditions.append(records.c.issuer != "")
    if not include_withdrawn:
        conditions.append(records.c.withdrawn == False)  # noqa: E712
    return conditions
