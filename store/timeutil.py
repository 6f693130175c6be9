"""Times cross the store boundary as aware UTC datetimes and are stored as naive UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy import func, select


def utc_now() -> datetime:
    return datetime.now(UTC)


def database_now(conn: Any) -> datetime:
    """The database's own clock, read inside the caller's transaction: PostgreSQL's server clock (clock_timestamp()),
    SQLite's `now` (the clock of the machine the file is on, read by SQLite itself, to the millisecond). Leases and the
    times other processes judge (a run's heartbeats, a delivery's next try) are written and compared by it, so
    processes whose own clocks disagree never both hold one lease (nodes7: on SQLite a lease taken by a process 65
    minutes behind was found long expired by the others, and two alerts runs sent one delivery twice)."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        return from_db(conn.execute(select(func.clock_timestamp())).scalar_one())
    if dialect == "sqlite":
        moment = conn.execute(select(func.strftime("%Y-%m-%d %H:%M:%f", "now"))).scalar_one()
        return datetime.fromisoformat(moment).replace(tzinfo=UTC)
    return utc_now()


def change_time(conn: Any, given: datetime | None = None) -> datetime:
    """The naive UTC time a record change is stamped with (records.changed_at: the OAI-PMH datestamp a harvester's `from`
    compares, the Atom `updated`, HTTP Last-Modified): `given` when the caller says when, else the database's clock read
    in the writing transaction (call it once the change counter is locked), the one clock every node shares. Each node's
    own clock stamped a change made on a node 65 minutes behind an hour in the past, so a harvest `from` the last
    responseDate, or a feed polled with If-Modified-Since, never saw it (nodes3, session 22)."""
    return to_db(given) if given is not None else to_db(database_now(conn))


# Overloads: a datetime in is a datetime out, so callers that pass one need no None check.
@overload
def to_db(moment: datetime) -> datetime: ...
@overload
def to_db(moment: None) -> None: ...
@overload
def to_db(moment: datetime | None) -> datetime | None: ...
def to_db(moment: datetime | None) -> datetime | None:
    """Aware → naive UTC; a naive value is taken to be UTC already."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


@overload
def from_db(moment: datetime) -> datetime: ...
@overload
def from_db(moment: None) -> None: ...
@overload
def from_db(moment: datetime | None) -> datetime | None: ...
def from_db(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def to_iso(moment: datetime | None) -> str | None:
    aware = from_db(moment)
    return aware.isoformat() if aware else None
