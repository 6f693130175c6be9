"""Quarantine: inputs that could not become records, kept with the reason, never lost.

A mixin of `Store`; built on CapturesMixin because payload bytes are kept as captures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from gongkai.store.blobs import check_sha256
from gongkai.store.captures import CaptureRow, CapturesMixin, insert_capture_rows
from gongkai.store.codec import db_text
from gongkai.store.database import inserted_id
from gongkai.store.errors import StoreError
from gongkai.store.schema import captures, quarantine
from gongkai.store.timeutil import from_db, to_db, utc_now

QUARANTINE_STATUSES = ("open", "resolved", "retried")
#: text payloads up to this size (UTF-8) stay inline in the quarantine row; larger ones become captures
INLINE_PAYLOAD_MAX_BYTES = 64 * 1024


@dataclass
class QuarantineEntry:
    """An input that could not become a record, as the ingest path hands it to the store."""

    input_ref: str
    reason: str
    payload: bytes | str | None = None
    source: str = ""
    capture_sha256: str | None = None


@dataclass
class _PreparedQuarantine:
    row: dict  # the quarantine row's values, times left out
    payload_size: int  # bytes of the payload capture, if the row names one


#: what makes two quarantine rows one failure of one input: where it came from, why, and the bytes kept
_SAME_FAILURE = ("input_ref", "source", "reason", "capture_sha256", "payload_sha256", "payload_text")


def _open_entries(conn: Connection, refs: Sequence[str]) -> dict[tuple, int]:
    """_SAME_FAILURE values -> id of the open entries of these input refs."""
    found: dict[tuple, int] = {}
    columns = [quarantine.c[name] for name in _SAME_FAILURE]
    for start in range(0, len(refs), 500):
        query = select(quarantine.c.id, *columns).where(quarantine.c.status == "open", quarantine.c.input_ref.in_(refs[start:start + 500]))
        for row in conn.execute(query):
            found.setdefault(tuple(row[1:]), row[0])
    return found


class QuarantineMixin(CapturesMixin):
    def quarantine(
        self,
        *,
        input_ref: str,
        reason: str,
        payload: bytes | str | None = None,
        source: str = "",
        capture_sha256: str | None = None,
    ) -> int:
        """Keep an input that could not be used, with why. Returns the quarantine id.

        Bytes payloads become a capture (content-addressed); text up to INLINE_PAYLOAD_MAX_BYTES
        stays inline, longer text becomes a capture of its UTF-8 bytes.
        """
        prepared = self._prepare_quarantine(QuarantineEntry(input_ref, reason, payload, source, capture_sha256))
        with self._engine.begin() as conn:
            return self._write_quarantine(conn, [prepared])[0]

    def _prepare_quarantine(self, entry: QuarantineEntry) -> _PreparedQuarantine:
        """Check the entry and put its payload bytes on disk (before any row names them)."""
        if not entry.input_ref or not entry.reason:
            raise ValueError("quarantine needs an input_ref and a reason")
        input_ref, reason, source = db_text(entry.input_ref), db_text(entry.reason), db_text(entry.source)
        capture_sha256 = check_sha256(entry.capture_sha256) if entry.capture_sha256 is not None else None
        payload = entry.payload
        payload_text: str | None = None
        payload_bytes: bytes | None = None
        if isinstance(payload, str):
            encoded = payload.encode("utf-8", "surrogatepass")
            # inline only what every database keeps exactly; anything else is kept as bytes
            if len(encoded) <= INLINE_PAYLOAD_MAX_BYTES and db_text(payload) == payload:
                payload_text = payload
            else:
                payload_bytes = encoded
        elif payload is not None:
            payload_bytes = bytes(payload)
        payload_sha256 = self.blobs.put(payload_bytes) if payload_bytes is not None else None
        row = {
            "input_ref": input_ref,
            "reason": reason,
            "source": source,
            "capture_sha256": capture_sha256,
            "payload_sha256": payload_sha256,
            "payload_text": payload_text,
            "status": "open",
        }
        return _PreparedQuarantine(row, len(payload_bytes) if payload_bytes is not None else 0)

    def _write_quarantine(self, conn: Connection, prepared: Sequence[_PreparedQuarantine]) -> list[int]:
        """The rows of prepared entries (and their payload captures) inside the caller's transaction."""
        if not prepared:
            return []
        named = sorted({p.row["capture_sha256"] for p in prepared if p.row["capture_sha256"] is not None})
        known = set(conn.execute(select(captures.c.sha256).where(captures.c.sha256.in_(named))).scalars()) if named else set()
        for sha256 in named:
            if sha256 not in known:
                raise StoreError(f"quarantine: unknown capture {sha256} (put_capture it first)")
        moment = to_db(utc_now())
        # The same input failing the same way again (a drop-folder file read again after a crash, put back while its
        # writer wrote on, or sent again; one file given to `gongkai ingest` twice) is its open entry, touched, not a
        # second one: an input is never open twice. One query for the batch, over the open entries only.
        same = _open_entries(conn, sorted({p.row["input_ref"] for p in prepared}))
        ids = []
        for item in prepared:
            row = item.row
            key = tuple(row[name] for name in _SAME_FAILURE)
            if key in same:
                conn.execute(update(quarantine).where(quarantine.c.id == same[key]).values(updated_at=moment))
                ids.append(same[key])
                continue
            if row["payload_sha256"] is not None:
                insert_capture_rows(conn, [CaptureRow(row["payload_sha256"], item.payload_size, row["input_ref"], "",
                                                      row["source"], None, '{"quarantine": true}')])
            ids.append(inserted_id(conn.execute(insert(quarantine).values(created_at=moment, updated_at=moment, **row))))
            same[key] = ids[-1]
        return ids

    def quarantine_list(self, status: str | None = "open", limit: int = 100) -> list[dict]:
        """Newest first; status None lists every status."""
        query = select(
            quarantine.c.id,
            quarantine.c.created_at,
            quarantine.c.input_ref,
            quarantine.c.reason,
            quarantine.c.source,
            quarantine.c.capture_sha256,
            quarantine.c.status,
        ).order_by(quarantine.c.id.desc()).limit(limit)
        if status is not None:
            query = query.where(quarantine.c.status == status)
        with self._reader.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [{**row, "created_at": from_db(row["created_at"])} for row in rows]

    def quarantine_resolve_containing(self, text: str) -> int:
        """Mark resolved the open entries whose reason contains `text` (a remedy applied: the tombstones an operator's
        --apply-withdrawals applied, probe5); how many."""
        with self._engine.begin() as conn:
            return conn.execute(
                update(quarantine)
                .where(quarantine.c.status == "open", quarantine.c.reason.contains(text, autoescape=True))
                .values(status="resolved", updated_at=to_db(utc_now()))
            ).rowcount

    def quarantine_resolve_input(self, input_ref: str, capture_sha256: str) -> int:
        """Mark resolved the open entries of one input whose kept bytes are `capture_sha256`: that input went in since
        (a document quarantined for want of a title, read again with the sidecar that came late; doors6); how many."""
        with self._engine.begin() as conn:
            return conn.execute(
                update(quarantine)
                .where(quarantine.c.status == "open", quarantine.c.input_ref == input_ref, quarantine.c.capture_sha256 == capture_sha256)
                .values(status="resolved", updated_at=to_db(utc_now()))
            ).rowcount

    def quarantine_resolve_refs(self, input_refs: Sequence[str], since: datetime) -> int:
        """Mark resolved the open entries of these exact input refs written or touched since `since`: a drop-folder run's
        entries of a file put back because its writer wrote on while it was read (a half line, a character cut by that
        moment, not by the file; the next run reads it whole and quarantines again what is still wrong); how many."""
        resolved = 0
        with self._engine.begin() as conn:
            for start in range(0, len(input_refs), 500):
                resolved += conn.execute(
                    update(quarantine)
                    .where(quarantine.c.status == "open", quarantine.c.input_ref.in_(list(input_refs[start:start + 500])),
                           quarantine.c.updated_at >= to_db(since))
                    .values(status="resolved", updated_at=to_db(utc_now()))
                ).rowcount
        return resolved

    def quarantine_reasons_starting(self, prefix: str, status: str = "open", limit: int = 100) -> list[dict]:
        """Newest first: the entries whose reason starts with `prefix` (the OCR review entries, issue 21)."""
        query = (
            select(quarantine.c.id, quarantine.c.input_ref, quarantine.c.reason)
            .where(quarantine.c.status == status, quarantine.c.reason.startswith(prefix, autoescape=True))
            .order_by(quarantine.c.id.desc())
            .limit(limit)
        )
        with self._reader.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def quarantine_get(self, qid: int) -> dict | None:
        """The item with `payload` (bytes, or None if none was given; the capture's bytes when
        only a capture was named)."""
        with self._reader.connect() as conn:
            row = conn.execute(select(quarantine).where(quarantine.c.id == qid)).mappings().first()
        if row is None:
            return None
        item = dict(row)
        item["created_at"] = from_db(item["created_at"])
        item["updated_at"] = from_db(item["updated_at"])
        if row["payload_text"] is not None:
            item["payload"] = row["payload_text"].encode("utf-8", "surrogatepass")
        elif row["payload_sha256"] is not None:
            item["payload"] = self.blobs.get(row["payload_sha256"])
        elif row["capture_sha256"] is not None:
            item["payload"] = self.blobs.get(row["capture_sha256"])
        else:
            item["payload"] = None
        return item

    def quarantine_set_status(self, qid: int, status: str) -> None:
        if status not in QUARANTINE_STATUSES:
            raise ValueError(f"quarantine status must be one of {', '.join(QUARANTINE_STATUSES)}, not {status!r}")
        with self._engine.begin() as conn:
            result = conn.execute(
                update(quarantine).where(quarantine.c.id == qid).values(status=status, updated_at=to_db(utc_now()))
            )
            if result.rowcount == 0:
                raise KeyError(f"no quarantine item {qid}")
