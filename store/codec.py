"""Record ↔ stored row. The `data` column holds the Record's JSON; the bookkeeping columns
(version, withdrawn, first_seen, last_seen, content_hash) are authoritative and win on read,
because `last_seen` moves on every sighting without rewriting the JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from gongkai.record import Record
from gongkai.store.timeutil import from_db


def db_text(value: str) -> str:
    """Text every database's text column accepts: no NUL (PostgreSQL refuses it) and no lone
    surrogates (not encodable as UTF-8; kept visible as \\udcxx escapes)."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def record_to_data(
    record: Record,
    *,
    content_hash: str,
    version: int,
    first_seen: datetime,
    last_seen: datetime,
    withdrawn: bool,
) -> str:
    stamped = record.model_copy(
        update={
            "content_hash": content_hash,
            "version": version,
            "first_seen": from_db(first_seen),
            "last_seen": from_db(last_seen),
            "withdrawn": withdrawn,
        }
    )
    return stamped.model_dump_json()


def record_from_row(row: Mapping[str, Any]) -> Record:
    """A row of `records` (needs data, version, withdrawn, first_seen, last_seen, content_hash)."""
    record = Record.model_validate_json(row["data"])
    return record.model_copy(
        update={
            "version": row["version"],
            "withdrawn": bool(row["withdrawn"]),
            "first_seen": from_db(row["first_seen"]),
            "last_seen": from_db(row["last_seen"]),
            "content_hash": row["content_hash"],
        }
    )


def record_from_version_row(row: Mapping[str, Any]) -> Record:
    """A row of `record_versions`: the JSON as it was when that version was current."""
    record = Record.model_validate_json(row["data"])
    return record.model_copy(update={"version": row["version"], "content_hash": row["content_hash"]})
