"""Times cross the store boundary as aware UTC datetimes and are stored as naive UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


def utc_now() -> datetime:
    return datetime.now(UTC)


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
