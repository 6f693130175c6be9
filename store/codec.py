"""Record ↔ stored row. The `data` column holds the Record's JSON; the bookkeeping columns
(version, withdrawn, first_seen, last_seen, content_hash) are authoritative and win on read,
because `last_seen` moves on every sighting without rewriting the JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from gongkai.notices import upgrade_stored
from gongkai.record import Record
from gongkai.record_row import RecordRow
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


class _Stamp(BaseModel):
    """The bookkeeping fields that close a Record's JSON, with the Record's own types and order."""

    content_hash: str
    first_seen: datetime | None
    last_seen: datetime | None
    version: int
    withdrawn: bool


_STAMP_FIELDS = tuple(_Stamp.model_fields)
# record_to_data replaces the record's own last fields by the stamp: they must be these, in this order.
assert tuple(Record.model_fields)[-len(_STAMP_FIELDS):] == _STAMP_FIELDS, "Record's last fields moved: fix _Stamp"
_HASH_KEY = b',"content_hash":'


def record_json(record: Record, *, just_validated: bool = False) -> bytes:
    """The record's own JSON (its model_dump_json() as UTF-8): the one serialisation of a record that an
    ingest makes, from which the store's data (data_head) and the index payload
    (indexer.schema.payload_from_record_json) are both cut.

    `just_validated`: the caller promises the record is as its validation left it (gongkai.storable, on the
    reader's records): the JSON is then written by orjson from the content validation dumped for the hash
    (Record._content_memo), the same bytes (pydantic's JSON mode made those values; orjson writes str, int,
    bool, null, lists and objects as pydantic does: tests/test_record_row.py compares them) at two thirds of the
    cost (7.5 -> 5 µs a bench record). Not for a record with OCR (floats) or with stamp times (pydantic's own
    datetime form)."""
    if just_validated and record.first_seen is None and record.last_seen is None:
        private = record.__pydantic_private__  # not record._content_memo: pydantic's __getattr__ costs 2.5 µs
        memo = private.get("_content_memo") if private else None
        content = memo.content if memo is not None else None
        if content is not None and "ocr" not in content:  # _content_of drops ocr only when it is None
            try:
                # stated_validity, the last content field, is left out of the content when empty (gongkai.record)
                return orjson.dumps({"id": record.id, **content, "stated_validity": content.get("stated_validity", ""),
                                     "ocr": None, "content_hash": record.content_hash,
                                     "first_seen": None, "last_seen": None, "version": record.version,
                                     "withdrawn": record.withdrawn})
            except orjson.JSONEncodeError:
                pass  # a lone surrogate, an int beyond 64 bits: pydantic says what it says
    return Record.__pydantic_serializer__.to_json(record)


# record_json's fast way writes id, the content fields in model order (ocr last), then the stamp: they must be so.
assert next(iter(Record.model_fields)) == "id" and tuple(Record.model_fields)[-6:] == ("ocr", *_STAMP_FIELDS), (
    "Record's fields moved: fix record_json")


def data_head(own: bytes) -> bytes:
    """What record_to_data keeps of the record's own JSON (record_json): everything before its top-level
    content_hash key, which depends only on the record's id and content, never on the stamp. The last
    `,"content_hash":` of the JSON is the top-level key: a quote inside a string is escaped, and nested
    objects (notice) come before it."""
    return own[: own.rindex(_HASH_KEY)]


def record_to_data(
    record: Record | RecordRow,
    *,
    content_hash: str,
    version: int,
    first_seen: datetime,
    last_seen: datetime,
    withdrawn: bool,
    head: bytes | None = None,
) -> str:
    """The record's JSON with the given bookkeeping values: the same text as model_dump_json() of a
    model_copy(update=...), made without the copy (half the time): the record's JSON up to its
    content_hash key (data_head), then the stamp. `head`: data_head(record_json(record)) made ahead, by the
    JSON Lines worker from the record it validated (gongkai.jsonl_worker): the record is not serialised again
    (a RecordRow holds its record's JSON)."""
    return record_data_utf8(record, content_hash=content_hash, version=version, first_seen=first_seen,
                            last_seen=last_seen, withdrawn=withdrawn, head=head).decode("utf-8")


def record_data_utf8(
    record: Record | RecordRow,
    *,
    content_hash: str,
    version: int,
    first_seen: datetime,
    last_seen: datetime,
    withdrawn: bool,
    head: bytes | None = None,
) -> bytes:
    """record_to_data's text as UTF-8, not decoded: SQLite takes it as it is (store/bulk.py, `utf8_text`)."""
    if head is None:
        head = data_head(record.own if isinstance(record, RecordRow) else record_json(record))
    if content_hash.isascii() and content_hash.isalnum():  # a hex digest: nothing to escape
        tail = b',"content_hash":"' + content_hash.encode("ascii") + b'"' + _stamp_rest(version, first_seen, last_seen, withdrawn)
    else:
        stamp = _Stamp(content_hash=content_hash, first_seen=from_db(first_seen), last_seen=from_db(last_seen),
                       version=version, withdrawn=withdrawn)
        tail = b"," + _Stamp.__pydantic_serializer__.to_json(stamp)[1:-1] + b"}"
    return head + tail


@lru_cache(maxsize=64)
def _stamp_rest(version: int, first_seen: datetime, last_seen: datetime, withdrawn: bool) -> bytes:
    """The stamp after content_hash, closing the object: a batch's records mostly share it."""
    stamp = _Stamp(content_hash="", first_seen=from_db(first_seen), last_seen=from_db(last_seen), version=version,
                   withdrawn=withdrawn)
    json = _Stamp.__pydantic_serializer__.to_json(stamp)
    return json[json.index(b',"first_seen":'):]


def _record_of(data: str) -> Record:
    """The Record of a stored JSON text. Notices stored before their fields were typed are upgraded
    (gongkai.notices.upgrade_stored) when they do not validate as they are: old rows stay readable."""
    try:
        return Record.model_validate_json(data)
    except ValidationError:
        raw = json.loads(data)
        if not isinstance(raw, dict) or not isinstance(raw.get("notice"), dict):
            raise
        raw["notice"] = upgrade_stored(raw.get("notice_type"), raw["notice"])
        return Record.model_validate(raw)


def record_from_row(row: Mapping[Any, Any]) -> Record:  # a RowMapping: keyed by name or column
    """A row of `records` (needs data, version, withdrawn, first_seen, last_seen, content_hash)."""
    record = _record_of(row["data"])
    return record.model_copy(
        update={
            "version": row["version"],
            "withdrawn": bool(row["withdrawn"]),
            "first_seen": from_db(row["first_seen"]),
            "last_seen": from_db(row["last_seen"]),
            "content_hash": row["content_hash"],
        }
    )


def record_from_version_row(row: Mapping[Any, Any]) -> Record:
    """A row of `record_versions`: the JSON as it was when that version was current."""
    record = _record_of(row["data"])
    return record.model_copy(update={"version": row["version"], "content_hash": row["content_hash"]})
