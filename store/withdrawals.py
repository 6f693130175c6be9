"""Withdrawals: tombstones, operator takedowns and lifting them.

Two kinds of withdrawal share the `withdrawn` flag of a record:

- source-driven (no `operator`): the page is gone (the crawler saw 404/410). The record comes back
  by itself when its document is ingested again (store/upsert.py).
- an operator's takedown (`operator` names who): a document published by mistake, a privacy
  complaint. A row in `takedowns` keeps who, when and why; while it is active, ingesting the
  document again never makes the record visible (store/upsert.py keeps it withdrawn). Only
  `restore` lifts it.

Every change that the national platform must see writes an outbox entry in the same transaction:
a withdrawal ("withdrawn", the current version), a restore ("updated", a new version, so its
idempotency key differs from the one the platform saw before the withdrawal).

A mixin of `Store`: it uses the store's write and read engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.engine import Connection

from gongkai.store.codec import db_text, record_from_row, record_to_data
from gongkai.store.schema import RECORD_READ_COLUMNS, outbox, record_versions, records, takedowns
from gongkai.store.timeutil import change_time, from_db
from gongkai.store.upsert import next_seq_locked, save_seq


@dataclass
class Takedown:
    """One operator takedown; `lifted_at` is None while it is in force."""

    record_id: str
    reason: str
    taken_down_by: str
    taken_down_at: datetime
    lifted_by: str | None = None
    lifted_at: datetime | None = None
    lift_reason: str | None = None

    @property
    def active(self) -> bool:
        return self.lifted_at is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "record_id": self.record_id,
            "reason": self.reason,
            "taken_down_by": self.taken_down_by,
            "taken_down_at": self.taken_down_at.isoformat(),
            "lifted_by": self.lifted_by,
            "lifted_at": self.lifted_at.isoformat() if self.lifted_at else None,
            "lift_reason": self.lift_reason,
            "active": self.active,
        }


def _check_operator(operator: str) -> str:
    if not isinstance(operator, str) or not operator.strip():
        raise ValueError("an operator takedown must name who takes it down (operator)")
    return db_text(operator.strip())


class WithdrawalsMixin:
    _engine: Engine
    _reader: Engine

    def withdraw(
        self, record_id: str, reason: str = "", now: datetime | None = None, *, operator: str | None = None
    ) -> bool:
        """Tombstone: the record stays, marked withdrawn and hidden from search.

        Without `operator` the withdrawal is source-driven: ingesting the document again brings the
        record back. With `operator` it is a takedown that stays until `restore`; a record already
        withdrawn by its source becomes taken down (nothing new for the platform: it is deleted there).
        False if the record is unknown, or already withdrawn (source-driven), or already taken down.
        """
        who = _check_operator(operator) if operator is not None else None
        reason = db_text(reason)
        with self._engine.begin() as conn:
            seq = next_seq_locked(conn) + 1  # locked first, as in upsert_batch
            moment = change_time(conn, now)  # the database's clock, after the lock (timeutil.change_time)
            row = conn.execute(select(*RECORD_READ_COLUMNS).where(records.c.id == record_id)).mappings().first()
            if row is None:
                return False
            if who is not None:
                if _active_takedown_id(conn, record_id) is not None:
                    return False
                conn.execute(
                    insert(takedowns).values(
                        record_id=record_id, reason=reason, taken_down_by=who, taken_down_at=moment
                    )
                )
                if row["withdrawn"]:
                    conn.execute(update(records).where(records.c.id == record_id).values(withdrawn_reason=reason))
                    return True
            elif row["withdrawn"]:
                return False
            data = record_to_data(
                record_from_row(row),
                content_hash=row["content_hash"],
                version=row["version"],
                first_seen=row["first_seen"],
                last_seen=row["last_seen"],
                withdrawn=True,
            )
            conn.execute(
                update(records)
                .where(records.c.id == record_id)
                .values(seq=seq, withdrawn=True, withdrawn_reason=reason, changed_at=moment, data=data)
            )
            _queue(conn, record_id, row["version"], "withdrawn", moment)
            save_seq(conn, seq)
        return True

    def restore(self, record_id: str, reason: str = "", now: datetime | None = None, *, operator: str) -> bool:
        """Lift a withdrawal (a takedown, or a source-driven one an operator overrules): the record is
        visible again as a new version, queued for the platform as "updated". The takedown row stays,
        marked lifted (who, when, why). False if the record is unknown or not withdrawn."""
        who = _check_operator(operator)
        reason = db_text(reason)
        with self._engine.begin() as conn:
            seq = next_seq_locked(conn) + 1
            moment = change_time(conn, now)
            row = conn.execute(select(*RECORD_READ_COLUMNS).where(records.c.id == record_id)).mappings().first()
            if row is None or not row["withdrawn"]:
                return False
            conn.execute(
                update(takedowns)
                .where(takedowns.c.record_id == record_id, takedowns.c.lifted_at.is_(None))
                .values(lifted_by=who, lifted_at=moment, lift_reason=reason)
            )
            # The withdrawn state becomes a superseded version; the visible one is new, so the
            # platform's idempotency key for it (record_id:version) was never used before.
            conn.execute(
                insert(record_versions).values(
                    record_id=record_id,
                    version=row["version"],
                    content_hash=row["content_hash"],
                    created_at=row["changed_at"],
                    data=row["data"],
                )
            )
            version = row["version"] + 1
            data = record_to_data(
                record_from_row(row),
                content_hash=row["content_hash"],
                version=version,
                first_seen=row["first_seen"],
                last_seen=row["last_seen"],
                withdrawn=False,
            )
            conn.execute(
                update(records)
                .where(records.c.id == record_id)
                .values(seq=seq, version=version, withdrawn=False, withdrawn_reason="", changed_at=moment, data=data)
            )
            _queue(conn, record_id, version, "updated", moment)
            save_seq(conn, seq)
        return True

    def withdrawn_reason(self, record_id: str) -> str | None:
        """Why a record was withdrawn ('' if no reason was given); None if it is not withdrawn."""
        with self._reader.connect() as conn:
            row = conn.execute(
                select(records.c.withdrawn, records.c.withdrawn_reason).where(records.c.id == record_id)
            ).first()
        return row.withdrawn_reason if row and row.withdrawn else None

    def takedown(self, record_id: str) -> Takedown | None:
        """The takedown in force on a record, or None (not withdrawn, or withdrawn by its source)."""
        history = self.takedowns_of(record_id)
        return history[-1] if history and history[-1].active else None

    def takedowns_of(self, record_id: str) -> list[Takedown]:
        """Every takedown of a record, lifted ones included, oldest first."""
        with self._reader.connect() as conn:
            rows = conn.execute(
                select(takedowns).where(takedowns.c.record_id == record_id).order_by(takedowns.c.id)
            ).mappings().all()
        return [
            Takedown(
                record_id=row["record_id"],
                reason=row["reason"],
                taken_down_by=row["taken_down_by"],
                taken_down_at=from_db(row["taken_down_at"]),
                lifted_by=row["lifted_by"],
                lifted_at=from_db(row["lifted_at"]),
                lift_reason=row["lift_reason"],
            )
            for row in rows
        ]

    def active_takedowns(self, limit: int = 200) -> list[Takedown]:
        """The takedowns in force on any record, newest first (the admin page lists them in one query)."""
        with self._reader.connect() as conn:
            rows = conn.execute(
                select(takedowns).where(takedowns.c.lifted_at.is_(None))
                .order_by(takedowns.c.taken_down_at.desc(), takedowns.c.id.desc()).limit(limit)
            ).mappings().all()
        return [Takedown(record_id=row["record_id"], reason=row["reason"], taken_down_by=row["taken_down_by"],
                         taken_down_at=from_db(row["taken_down_at"])) for row in rows]

    def active_takedown_count(self) -> int:
        with self._reader.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(takedowns).where(takedowns.c.lifted_at.is_(None))).scalar_one())



def _active_takedown_id(conn: Connection, record_id: str) -> int | None:
    return conn.execute(
        select(takedowns.c.id).where(takedowns.c.record_id == record_id, takedowns.c.lifted_at.is_(None))
    ).scalar()


def _queue(conn: Connection, record_id: str, version: int, change: str, moment: datetime) -> None:
    conn.execute(
        insert(outbox).values(
            record_id=record_id, version=version, change=change, created_at=moment, status="pending", attempts=0
        )
    )
