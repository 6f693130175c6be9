"""Raw captures: original bytes kept content-addressed on disk, a metadata row per capture,
and links from records to the captures they were parsed from (for `gongkai reparse`).

A mixin of `Store`: it uses the store's engines (`_engine` writes, `_reader` reads) and `blobs`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select

from gongkai.store.blobs import BlobDir, check_sha256
from gongkai.store.bulk import bulk_insert
from gongkai.store.codec import db_text
from gongkai.store.errors import StoreError
from gongkai.store.schema import captures, record_captures
from gongkai.store.timeutil import from_db, to_db, utc_now

#: ids per IN (...) look-up: well under every database's limit on bound parameters
LOOKUP_CHUNK = 500


class CapturesMixin:
    _engine: Engine
    _reader: Engine
    blobs: BlobDir

    def put_capture(
        self,
        data: bytes,
        *,
        url: str = "",
        content_type: str = "",
        source: str = "",
        fetched_at: datetime | None = None,
        meta: dict | None = None,
    ) -> str:
        """Keep original bytes; returns their sha256. The same bytes again change nothing
        (the first metadata stays). The file is on disk before its row exists."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"put_capture needs bytes, got {type(data).__name__}")
        data = bytes(data)
        url, content_type, source = db_text(url), db_text(content_type), db_text(source)
        meta_json = json.dumps(meta or {}, ensure_ascii=True, sort_keys=True, default=str)
        sha256 = self.blobs.put(data)
        with self._engine.begin() as conn:
            self._insert_capture_row(conn, sha256, len(data), url, content_type, source, fetched_at, meta_json)
        return sha256

    def _insert_capture_row(
        self,
        conn: Connection,
        sha256: str,
        size: int,
        url: str,
        content_type: str,
        source: str,
        fetched_at: datetime | None,
        meta_json: str,
    ) -> None:
        if conn.execute(select(captures.c.sha256).where(captures.c.sha256 == sha256)).first() is not None:
            return
        conn.execute(
            insert(captures).values(
                sha256=sha256,
                size=size,
                url=url,
                content_type=content_type,
                source=source,
                fetched_at=to_db(fetched_at),
                meta=meta_json,
                created_at=to_db(utc_now()),
            )
        )

    def get_capture(self, sha256: str) -> tuple[bytes, dict] | None:
        """(bytes, metadata) or None if unknown. Raises CaptureMissingError/CaptureCorruptError
        when the row exists but the file is gone or altered: that is damage, not absence."""
        sha256 = check_sha256(sha256)
        with self._reader.connect() as conn:
            row = conn.execute(select(captures).where(captures.c.sha256 == sha256)).mappings().first()
        if row is None:
            return None
        info = {
            "sha256": row["sha256"],
            "size": row["size"],
            "url": row["url"],
            "content_type": row["content_type"],
            "source": row["source"],
            "fetched_at": from_db(row["fetched_at"]),
            "created_at": from_db(row["created_at"]),
            "meta": json.loads(row["meta"] or "{}"),
        }
        return self.blobs.get(sha256), info

    def link_capture(self, record_id: str, sha256: str) -> None:
        """Remember that `record_id` was parsed from capture `sha256`. Idempotent."""
        with self._engine.begin() as conn:
            insert_capture_links(conn, [(record_id, sha256)], to_db(utc_now()))

    def captures_of(self, record_id: str) -> list[str]:
        """sha256 of the captures a record came from, oldest link first."""
        with self._reader.connect() as conn:
            rows = conn.execute(
                select(record_captures.c.sha256)
                .where(record_captures.c.record_id == record_id)
                .order_by(record_captures.c.linked_at, record_captures.c.sha256)
            )
            return [row.sha256 for row in rows]


def insert_capture_links(conn: Connection, pairs: Sequence[tuple[str, str]], now: datetime) -> None:
    """Link records to captures ((record_id, sha256) pairs) inside the caller's transaction: one look
    for the captures, one for the links already there, one executemany. Links already there are kept
    as they are; an unknown capture is an error (put_capture it first)."""
    wanted = list(dict.fromkeys((record_id, check_sha256(sha256)) for record_id, sha256 in pairs))
    if not wanted:
        return
    if any(not record_id for record_id, _ in wanted):
        raise ValueError("link_capture: empty record id")
    named = sorted({sha256 for _, sha256 in wanted})
    record_ids = sorted({record_id for record_id, _ in wanted})
    known: set[str] = set()
    for start in range(0, len(named), LOOKUP_CHUNK):
        part = named[start : start + LOOKUP_CHUNK]
        known.update(conn.execute(select(captures.c.sha256).where(captures.c.sha256.in_(part))).scalars())
    for _, sha256 in wanted:
        if sha256 not in known:
            raise StoreError(f"link_capture: unknown capture {sha256} (put_capture it first)")
    present: set[tuple[str, str]] = set()
    for start in range(0, len(record_ids), LOOKUP_CHUNK):
        part = record_ids[start : start + LOOKUP_CHUNK]
        rows = conn.execute(
            select(record_captures.c.record_id, record_captures.c.sha256).where(record_captures.c.record_id.in_(part))
        )
        present.update((row.record_id, row.sha256) for row in rows)
    bulk_insert(
        conn,
        record_captures,
        ("record_id", "sha256", "linked_at"),
        [(record_id, sha256, now) for record_id, sha256 in wanted if (record_id, sha256) not in present],
    )
