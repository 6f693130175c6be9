"""Raw captures: original bytes kept content-addressed on disk, a metadata row per capture,
and links from records to the captures they were parsed from (for `gongkai reparse`).

A mixin of `Store`: it uses the store's engines (`_engine` writes, `_reader` reads) and `blobs`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select

from gongkai.store.blobs import Blobs, check_sha256
from gongkai.store.bulk import bulk_insert
from gongkai.store.codec import db_text
from gongkai.store.errors import StoreError
from gongkai.store.schema import captures, record_captures
from gongkai.store.timeutil import from_db, to_db, utc_now

#: ids per IN (...) look-up: well under every database's limit on bound parameters
LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class CaptureRow:
    """A capture whose bytes are on disk (Store.keep_capture) and whose row is still to be written, in the
    transaction of the ingest batch that links records to it (Store.write_batch(captures=...))."""

    sha256: str
    size: int
    url: str
    content_type: str
    source: str
    fetched_at: datetime | None
    meta_json: str


class CapturesMixin:
    _engine: Engine
    _reader: Engine
    blobs: Blobs

    def keep_capture(
        self,
        data: bytes,
        *,
        url: str = "",
        content_type: str = "",
        source: str = "",
        fetched_at: datetime | None = None,
        meta: dict | None = None,
    ) -> CaptureRow:
        """Put the bytes on disk (content-addressed: a crash leaves an unnamed file, nothing else) and
        return the row to write with the batch that uses it."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"put_capture needs bytes, got {type(data).__name__}")
        data = bytes(data)
        meta_json = json.dumps(meta or {}, ensure_ascii=True, sort_keys=True, default=str)
        sha256 = self.blobs.put(data)
        return CaptureRow(sha256, len(data), db_text(url), db_text(content_type), db_text(source), fetched_at, meta_json)

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
        row = self.keep_capture(data, url=url, content_type=content_type, source=source, fetched_at=fetched_at, meta=meta)
        with self._engine.begin() as conn:
            insert_capture_rows(conn, [row])
        return row.sha256

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

    def known_captures(self, sha256s: Sequence[str]) -> set[str]:
        """Those of `sha256s` that have a capture row (a file on disk without one is an orphan: its batch failed)."""
        found: set[str] = set()
        with self._reader.connect() as conn:
            for start in range(0, len(sha256s), LOOKUP_CHUNK):
                chunk = list(sha256s[start:start + LOOKUP_CHUNK])
                found.update(row[0] for row in conn.execute(select(captures.c.sha256).where(captures.c.sha256.in_(chunk))))
        return found

    def link_capture(self, record_id: str, sha256: str) -> None:
        """Remember that `record_id` was parsed from capture `sha256`. Idempotent."""
        with self._engine.begin() as conn:
            insert_capture_links(conn, [(record_id, sha256)], to_db(utc_now()))

    def sending_meta(self, record_id: str, sha256: str) -> dict | None:
        """The metadata of the sending `record_id` was parsed from, when it is not capture `sha256`'s own (see
        record_captures.meta); None: the capture's own."""
        with self._reader.connect() as conn:
            meta = conn.execute(select(record_captures.c.meta).where(
                record_captures.c.record_id == record_id, record_captures.c.sha256 == check_sha256(sha256))).scalar()
        return json.loads(meta) if meta else None

    def capture_meta(self, sha256: str) -> dict | None:
        """A capture's metadata from its row alone (its bytes are not read: they may be gone), or None if unknown."""
        with self._reader.connect() as conn:
            meta = conn.execute(select(captures.c.meta).where(captures.c.sha256 == check_sha256(sha256))).scalar()
        return json.loads(meta or "{}") if meta is not None else None

    def sent_file_name(self, record_id: str) -> str:
        """The file name a record's newest capture was sent as (`gongkai ingest`, the drop folder, a push), from the
        rows only (its bytes are not read); "" when it came with none (a crawled page, a record file's line)."""
        shas = self.captures_of(record_id)
        if not shas:
            return ""
        with self._reader.connect() as conn:
            meta = conn.execute(select(record_captures.c.meta).where(
                record_captures.c.record_id == record_id, record_captures.c.sha256 == shas[-1])).scalar()
            meta = meta or conn.execute(select(captures.c.meta).where(captures.c.sha256 == shas[-1])).scalar()
        name = json.loads(meta or "{}").get("filename") if meta else ""
        return name if isinstance(name, str) else ""

    def captures_sent_as(self, source: str, filename: str) -> list[str]:
        """sha256 of `source`'s captures first sent under the file name `filename` (else one equal but for case), newest
        first (a catalogue pushed after its files names them so: feeds/push.py, doors13)."""
        query = (select(captures.c.sha256, captures.c.meta).where(captures.c.source == source)
                 .order_by(captures.c.created_at.desc(), captures.c.sha256))
        # the meta JSON is written with ensure_ascii: a name is looked for as it is written there (关于… as \u5173…; review21:
        # no Chinese name was ever found), in either case of each letter, ＰＰＰ as \uff30 or \uff50 (doors14: a name
        # differing in the case of a non-ASCII letter was missed), a cheap filter before each candidate's JSON is read
        written = _escaped_any_case(filename)
        with self._reader.connect() as conn:
            # equal but for case too (a catalogue written on Windows): the exact name first
            found = [(json.loads(meta).get("filename") != filename, sha) for sha, meta in conn.execute(query)
                     if (written.search(meta or "") or filename.casefold() in (meta or "").casefold())
                     and str(json.loads(meta).get("filename") or "").casefold() == filename.casefold()]
        return [sha for _, sha in sorted(found, key=lambda pair: pair[0])]

    def records_of_capture(self, sha256: str) -> list[str]:
        """Ids of the records parsed from capture `sha256`, oldest link first (the reverse of captures_of)."""
        return self._linked("sha256", sha256, "record_id")

    def captures_of(self, record_id: str) -> list[str]:
        """sha256 of the captures a record came from, oldest link first."""
        return self._linked("record_id", record_id, "sha256")

    def _linked(self, by: str, value: str, wanted: str) -> list[str]:
        """The `wanted` side of the record-capture links whose `by` side is `value`, oldest link first."""
        column = record_captures.c[wanted]
        with self._reader.connect() as conn:
            rows = conn.execute(
                select(column).where(record_captures.c[by] == value).order_by(record_captures.c.linked_at, column)
            )
            return [row[0] for row in rows]


def _escaped_any_case(name: str) -> re.Pattern[str]:
    """A pattern of `name` as json.dumps(ensure_ascii=True) writes it, each letter in either case (the escape's hex digits
    in either case too)."""
    def forms(char: str) -> str:
        variants = sorted({json.dumps(c, ensure_ascii=True)[1:-1] for c in {char, char.lower(), char.upper()} if len(c) == 1})
        return "(?:" + "|".join(map(re.escape, variants)) + ")"

    return re.compile("".join(forms(char) for char in name), re.IGNORECASE)


def insert_capture_rows(conn: Connection, rows: Sequence[CaptureRow]) -> None:
    """Capture rows inside the caller's transaction; a capture already there keeps its first metadata."""
    wanted = {row.sha256: row for row in reversed(rows)}  # the first row of a hash wins, as put_capture's does
    if not wanted:
        return
    present: set[str] = set()
    named = sorted(wanted)
    for start in range(0, len(named), LOOKUP_CHUNK):
        part = named[start : start + LOOKUP_CHUNK]
        present.update(conn.execute(select(captures.c.sha256).where(captures.c.sha256.in_(part))).scalars())
    now = to_db(utc_now())
    fresh = [row for sha, row in wanted.items() if sha not in present]
    if fresh:
        conn.execute(insert(captures), [
            {"sha256": row.sha256, "size": row.size, "url": row.url, "content_type": row.content_type, "source": row.source,
             "fetched_at": to_db(row.fetched_at), "meta": row.meta_json, "created_at": now}
            for row in fresh
        ])


#: A record-capture link as the ingest hands it: (record_id, sha256), or with the metadata JSON of the sending it came
#: from (CaptureRow.meta_json), kept on the link when it is not the capture's own.
CaptureLink = tuple[str, str] | tuple[str, str, str | None]


def insert_capture_links(conn: Connection, pairs: Sequence[CaptureLink], now: datetime) -> None:
    """Link records to captures inside the caller's transaction: one look for the captures, one for the links already
    there, one executemany. A link already there keeps its time; its sending's metadata becomes the one given, so
    the same bytes sent again with a corrected sidecar are parsed with it by `gongkai reparse`. An unknown capture is
    an error (put_capture it first)."""
    wanted: dict[tuple[str, str], str | None] = {}
    for link in pairs:
        record_id, sha256 = link[0], check_sha256(link[1])
        meta = link[2] if len(link) > 2 else None
        if (record_id, sha256) not in wanted or meta is not None:
            wanted[(record_id, sha256)] = meta
    if not wanted:
        return
    if any(not record_id for record_id, _ in wanted):
        raise ValueError("link_capture: empty record id")
    named = sorted({sha256 for _, sha256 in wanted})
    record_ids = sorted({record_id for record_id, _ in wanted})
    own_meta: dict[str, str] = {}  # each capture's own (first sending's) metadata
    for start in range(0, len(named), LOOKUP_CHUNK):
        part = named[start : start + LOOKUP_CHUNK]
        own_meta.update((row.sha256, row.meta) for row in conn.execute(select(captures.c.sha256, captures.c.meta).where(captures.c.sha256.in_(part))))
    for _, sha256 in wanted:
        if sha256 not in own_meta:
            raise StoreError(f"link_capture: unknown capture {sha256} (put_capture it first)")
    present: dict[tuple[str, str], str | None] = {}
    for start in range(0, len(record_ids), LOOKUP_CHUNK):
        part = record_ids[start : start + LOOKUP_CHUNK]
        rows = conn.execute(
            select(record_captures.c.record_id, record_captures.c.sha256, record_captures.c.meta)
            .where(record_captures.c.record_id.in_(part))
        )
        present.update(((row.record_id, row.sha256), row.meta) for row in rows)

    def link_meta(sha256: str, meta: str | None) -> str | None:
        return None if meta is None or meta == own_meta[sha256] else meta

    bulk_insert(
        conn,
        record_captures,
        ("record_id", "sha256", "linked_at", "meta"),
        [(record_id, sha256, now, link_meta(sha256, meta)) for (record_id, sha256), meta in wanted.items()
         if (record_id, sha256) not in present],
    )
    for (record_id, sha256), meta in wanted.items():
        if meta is None or (record_id, sha256) not in present:
            continue
        kept = link_meta(sha256, meta)
        if kept != present[(record_id, sha256)]:
            conn.execute(record_captures.update()
                         .where(record_captures.c.record_id == record_id, record_captures.c.sha256 == sha256)
                         .values(meta=kept))
