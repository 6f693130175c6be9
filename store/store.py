"""The store: the source of truth. Records with their versions, raw captures, quarantine,
the sync outbox and a little key/value bookkeeping, behind one class.

Every write is one transaction; on SQLite it starts with BEGIN IMMEDIATE (see database.py).
Reads run in short transactions of their own, so a slow consumer of `iter_records` never holds
the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from gongkai.record import Record
from gongkai.record_row import RecordRow, with_withdrawn
from gongkai.store import holiday_days as _holiday_days
from gongkai.store import schema
from gongkai.store import validity as _validity
from gongkai.store.blobs import open_blobs
from gongkai.store.captures import CaptureLink, CaptureRow, insert_capture_links, insert_capture_rows
from gongkai.store.codec import record_from_row, record_from_version_row
from gongkai.store.database import READ_ONLY_OPTION
from gongkai.store.engines import shared_engine
from gongkai.store.errors import StoreError
from gongkai.store.quarantine import INLINE_PAYLOAD_MAX_BYTES, QUARANTINE_STATUSES, QuarantineEntry, QuarantineMixin
from gongkai.store.schema import captures, meta, outbox, quarantine, record_versions, records, takedowns
from gongkai.store.timeutil import change_time, from_db, to_db, to_iso, utc_now
from gongkai.store.upsert import UpsertOutcome, next_seq_locked
from gongkai.store.upsert import upsert_batch as _upsert_batch
from gongkai.store.withdrawals import Takedown, WithdrawalsMixin

if TYPE_CHECKING:
    from gongkai.settings import Settings
    from gongkai.validity import RecordRead

__all__ = ["INLINE_PAYLOAD_MAX_BYTES", "QUARANTINE_STATUSES", "QuarantineEntry", "Store", "Takedown", "UpsertOutcome"]



class Store(QuarantineMixin, WithdrawalsMixin, _validity.ValidityMixin):
    """Records (this module), captures (captures.py), quarantine (quarantine.py) and withdrawals
    (withdrawals.py) in one object."""

    def __init__(self, database_url: str, raw_dir: Path | str, blob_endpoint_url: str = "") -> None:
        self.database_url = database_url
        self.blobs = open_blobs(raw_dir, blob_endpoint_url)  # a folder, or an s3:// bucket (issue 20)
        self._engine = self._open(database_url)
        self._reader = self._engine.execution_options(**{READ_ONLY_OPTION: True})
        self._ensure_seq()

    @classmethod
    def from_settings(cls, settings: Settings) -> Store:
        return cls(settings.resolved_database_url, settings.blob_location, settings.store.blob_endpoint_url)

    @staticmethod
    def _open(database_url: str) -> Engine:
        """The process's engine for this database, its schema created or upgraded (migrate.py); a database
        newer than this code is refused (SchemaError, a StoreError)."""
        try:
            return shared_engine(database_url, check=True)
        except DBAPIError as exc:
            where = make_url(database_url).render_as_string(hide_password=True)
            raise StoreError(f"cannot open the store at {where}: {exc.orig}") from exc

    def _ensure_seq(self) -> None:
        try:
            with self._engine.begin() as conn:
                if conn.execute(select(meta.c.key).where(meta.c.key == schema.SEQ_KEY)).first() is None:
                    conn.execute(insert(meta).values(key=schema.SEQ_KEY, value="0"))
        except IntegrityError:
            pass  # another process created it between our look and our insert
        except DBAPIError as exc:
            where = make_url(self.database_url).render_as_string(hide_password=True)
            raise StoreError(f"cannot open the store at {where}: {exc.orig}") from exc

    @property
    def engine(self) -> Engine:
        """The write engine (BEGIN IMMEDIATE on SQLite), for store helpers such as store/outbox.py."""
        return self._engine

    @property
    def read_engine(self) -> Engine:
        """The same pool, for reads (deferred BEGIN on SQLite)."""
        return self._reader

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ records

    def upsert_batch(self, records_: Sequence[Record], now: datetime | None = None) -> list[UpsertOutcome]:
        """One transaction: the batch is stored completely or not at all. One outcome per input."""
        return self.write_batch(records_, now=now)

    def write_batch(
        self,
        records_: Sequence[Record | RecordRow],
        *,
        capture_links: Sequence[CaptureLink] = (),
        quarantined: Sequence[QuarantineEntry] = (),
        now: datetime | None = None,
        validity_reads: Mapping[str, RecordRead] | None = None,
        captures: Sequence[CaptureRow] = (),
        data_heads: Sequence[bytes | None] | None = None,
    ) -> list[UpsertOutcome]:
        """An ingest batch in one transaction: the records (versions, outbox), the (record_id, sha256)
        links to the captures they were parsed from, and the quarantine rows of the batch's bad inputs.
        All of it is committed or none of it, so a crash never leaves a record without its capture
        link or an input neither stored nor quarantined. One outcome per record, in order.
        `validity_reads`: what the records say about validity, read ahead by id (gongkai.validity.read_record,
        e.g. in the ingest worker); records without one (or whose text differs) are read here.
        `captures`: rows of captures whose bytes are kept (keep_capture), written first (gongkai.ingest_session).
        `data_heads`: by position, each record's stored JSON made ahead (store.codec.data_head; None: made here); a
        RecordRow (the JSON Lines worker's plain values of a record, gongkai.record_row) always comes with its head."""
        if not records_ and not capture_links and not quarantined and not captures:
            return []
        # Payload bytes go to disk before the transaction (content-addressed: a crash leaves an unnamed file).
        prepared = [self._prepare_quarantine(entry) for entry in quarantined]
        try:
            with self._engine.begin() as conn:
                # The change time is taken once the write lock is held (SQLite: BEGIN IMMEDIATE), not before waiting for
                # it: a batch that waited behind another writer was stamped before a harvest answered meanwhile, so a
                # harvester taking that answer's responseDate as its next `from` never listed it (clients4, session 14).
                # On PostgreSQL the counter's row lock is that wait: taken first, so the database's clock is read after it.
                if records_:
                    next_seq_locked(conn)
                moment = change_time(conn, now)
                outcomes = _upsert_batch(conn, records_, moment, data_heads) if records_ else []
                # issue 19: statements, edges and statuses derived in the same transaction as the records
                changed = [with_withdrawn(r) if o.withheld else r for r, o in zip(records_, outcomes) if o.status != "unchanged"]
                fresh = {o.id for o in outcomes if o.status == "new"}
                _validity.refresh(conn, changed, _validity.beijing_day(moment), validity_reads, fresh, moment)
                _holiday_days.refresh(conn, changed, fresh)  # the State Council's holiday notice: its days (alerts7)
                insert_capture_rows(conn, captures)
                insert_capture_links(conn, capture_links, moment)
                self._write_quarantine(conn, prepared)
                return outcomes
        except DBAPIError as exc:
            # The driver's own message is short and names the column; SQLAlchemy's repeats the batch.
            also = f" and {len(quarantined)} quarantined inputs" if quarantined else ""
            raise StoreError(f"batch of {len(records_)} records{also} not stored, nothing was written: {exc.orig}") from exc

    def get(self, record_id: str) -> Record | None:
        with self._reader.connect() as conn:
            row = conn.execute(select(*schema.RECORD_READ_COLUMNS).where(records.c.id == record_id)).mappings().first()
        return record_from_row(row) if row else None

    def get_many(self, record_ids: Sequence[str]) -> dict[str, Record]:
        """Current versions of the given ids (unknown ids are absent), in one query per 500 ids."""
        found: dict[str, Record] = {}
        ids = list(dict.fromkeys(record_ids))
        with self._reader.connect() as conn:
            for start in range(0, len(ids), 500):
                rows = conn.execute(select(*schema.RECORD_READ_COLUMNS).where(records.c.id.in_(ids[start : start + 500]))).mappings()
                for row in rows:
                    record = record_from_row(row)
                    found[record.id] = record
        return found

    def versions(self, record_id: str) -> list[Record]:
        """Every version, oldest first; the last one is the current record (same as `get`)."""
        with self._reader.connect() as conn:
            old = conn.execute(
                select(record_versions.c.version, record_versions.c.content_hash, record_versions.c.data)
                .where(record_versions.c.record_id == record_id)
                .order_by(record_versions.c.version)
            ).mappings().all()
            current = conn.execute(select(*schema.RECORD_READ_COLUMNS).where(records.c.id == record_id)).mappings().first()
        result = [record_from_version_row(row) for row in old]
        if current:
            result.append(record_from_row(current))
        return result

    def changes_since(self, seq: int, limit: int = 1000) -> list[tuple[int, Record]]:
        """Current versions (withdrawn included) whose change number is above `seq`, in order.

        Each commit takes the next numbers, one per changed record, so a record changed again
        moves to a higher number (the lower one is then unused). Feed the last returned
        number back in to continue.
        """
        with self._reader.connect() as conn:
            rows = conn.execute(
                select(*schema.RECORD_READ_COLUMNS).where(records.c.seq > seq).order_by(records.c.seq).limit(limit)
            ).mappings().all()
        return [(row["seq"], record_from_row(row)) for row in rows]

    def max_seq(self) -> int:
        with self._reader.connect() as conn:
            return int(conn.execute(select(func.coalesce(func.max(records.c.seq), 0))).scalar_one())

    def change_ids(self, after: int, up_to: int) -> list[tuple[int, str]]:
        """(change number, id) of the records numbered in (after, up_to], in order, without reading them: the
        index's fast path checks that an ingest batch holds exactly these numbers (issue 19: a batch may also
        renumber records whose validity status it changed, above its own)."""
        with self._reader.connect() as conn:
            query = select(records.c.seq, records.c.id).where(records.c.seq > after, records.c.seq <= up_to).order_by(records.c.seq)
            return [(int(seq), record_id) for seq, record_id in conn.execute(query)]

    def iter_records(
        self, since: datetime | None = None, include_withdrawn: bool = False, batch: int = 1000, after: str | None = None,
    ) -> Iterator[Record]:
        """Every record (current version), by id, `batch` rows per short read transaction.

        `since` keeps records whose last change (new version or withdrawal) is at or after it; `after`, those whose id
        sorts after it (a pass taken up where it stopped).
        Records changed while iterating may show their newer state; each id comes once.
        """
        if batch < 1:
            raise ValueError("batch must be at least 1")
        conditions = []
        if since is not None:
            conditions.append(records.c.changed_at >= to_db(since))
        if not include_withdrawn:
            conditions.append(records.c.withdrawn == False)  # noqa: E712 (SQL expression)
        while True:
            page_conditions = list(conditions)
            if after is not None:
                page_conditions.append(records.c.id > after)
            with self._reader.connect() as conn:
                rows = conn.execute(
                    select(*schema.RECORD_READ_COLUMNS).where(*page_conditions).order_by(records.c.id).limit(batch)
                ).mappings().all()
            for row in rows:
                yield record_from_row(row)
            if len(rows) < batch:
                return
            after = rows[-1]["id"]

    def count(self, include_withdrawn: bool = False) -> int:
        query = select(func.count()).select_from(records)
        if not include_withdrawn:
            query = query.where(records.c.withdrawn == False)  # noqa: E712
        with self._reader.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def stats(self) -> dict[str, Any]:
        """Counts for `gongkai stats`; `records` and the `by_*` counts leave withdrawn records out."""
        live = records.c.withdrawn == False  # noqa: E712
        with self._reader.connect() as conn:

            def scalar(query: Any) -> Any:
                return conn.execute(query).scalar_one()

            def grouped(column: Any) -> dict[str, int]:
                rows = conn.execute(select(column, func.count()).where(live).group_by(column).order_by(column))
                return {str(key): int(n) for key, n in rows if key is not None and key != ""}

            current = scalar(select(func.count()).select_from(records))
            withdrawn = scalar(select(func.count()).select_from(records).where(records.c.withdrawn == True))  # noqa: E712
            # Two kinds of withdrawn, which an operator handles differently: an operator's takedown (in force
            # until lifted: `gongkai withdraw --undo`) and the source's own (its page gone, its withdrawal
            # record; it ends when the document comes again).
            active_takedowns = select(takedowns.c.record_id).where(takedowns.c.lifted_at.is_(None))
            taken_down = scalar(
                select(func.count()).select_from(records)
                .where(records.c.withdrawn == True, records.c.id.in_(active_takedowns))  # noqa: E712
            )
            last_change = scalar(select(func.max(records.c.changed_at)))
            return {
                "records": int(current - withdrawn),
                "withdrawn": int(withdrawn),
                "withdrawn_by_source": int(withdrawn - taken_down),
                "withdrawn_by_takedown": int(taken_down),
                "by_kind": grouped(records.c.kind),
                "by_source": grouped(records.c.source),
                "by_notice_type": grouped(records.c.notice_type),
                # every version kept, the current ones included
                "versions": int(current + scalar(select(func.count()).select_from(record_versions))),
                "quarantined": int(
                    scalar(select(func.count()).select_from(quarantine).where(quarantine.c.status == "open"))
                ),
                "captures": int(scalar(select(func.count()).select_from(captures))),
                "outbox_pending": int(
                    scalar(select(func.count()).select_from(outbox).where(outbox.c.status == "pending"))
                ),
                "last_change": to_iso(last_change),
            }

    # ------------------------------------------------------------------- outbox

    def outbox_pending(self, limit: int = 100) -> list[dict]:
        """Oldest first: id, record_id, version, change, created_at, attempts, last_error."""
        with self._reader.connect() as conn:
            rows = conn.execute(
                select(
                    outbox.c.id,
                    outbox.c.record_id,
                    outbox.c.version,
                    outbox.c.change,
                    outbox.c.created_at,
                    outbox.c.attempts,
                    outbox.c.last_error,
                )
                .where(outbox.c.status == "pending")
                .order_by(outbox.c.id)
                .limit(limit)
            ).mappings().all()
        return [{**row, "created_at": from_db(row["created_at"])} for row in rows]

    def outbox_mark_sent(self, outbox_ids: Sequence[int], now: datetime | None = None) -> None:
        moment = to_db(now or utc_now())
        with self._engine.begin() as conn:
            for part in _int_chunks(outbox_ids):
                conn.execute(
                    update(outbox)
                    .where(outbox.c.id.in_(part))
                    .values(status="sent", sent_at=moment, attempts=outbox.c.attempts + 1, last_error=None)
                )

    def outbox_mark_failed(self, outbox_id: int, error: str, *, give_up: bool = False) -> None:
        """Count a failed attempt; the row stays pending (retried later) unless `give_up`."""
        with self._engine.begin() as conn:
            conn.execute(
                update(outbox)
                .where(outbox.c.id == outbox_id)
                .values(
                    attempts=outbox.c.attempts + 1,
                    last_error=error,
                    status="failed" if give_up else "pending",
                )
            )

    # --------------------------------------------------------------------- meta

    def meta_get(self, key: str) -> str | None:
        with self._reader.connect() as conn:
            return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()

    def meta_set(self, key: str, value: str) -> None:
        if not key or key.startswith(schema.RESERVED_META_PREFIX):
            raise ValueError(f"meta key {key!r} is empty or reserved (prefix {schema.RESERVED_META_PREFIX!r})")
        if not isinstance(value, str):
            raise TypeError(f"meta value must be str, got {type(value).__name__}")
        with self._engine.begin() as conn:
            result = conn.execute(update(meta).where(meta.c.key == key).values(value=value))
            if result.rowcount == 0:
                conn.execute(insert(meta).values(key=key, value=value))


def _int_chunks(values: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    items = [int(v) for v in values]
    for start in range(0, len(items), size):
        yield items[start : start + size]
