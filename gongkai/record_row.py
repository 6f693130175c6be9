"""A validated record as plain values: what the store batch and the index feeder take of it.

A JSON Lines file is read, validated and prepared in a worker process (gongkai.jsonl_worker); the main thread
only writes the store and feeds tantivy. It used to receive each pydantic Record pickled (its state dict: about
15 µs to pickle and 15 to unpickle a record of 1,000 characters) and read a dozen attributes of it. Now the
worker hands over a RecordRow: the few scalar fields the store's columns, the validity resolution, the index's
exact fields and the ownership screen read, the content hash as validated, and the record's own JSON
(store.codec.record_json), from which the stored data and, on the rare paths that need the whole Record (a
refused tombstone's payload, --apply-withdrawals, a validity read made again), the Record itself are made.

The item of such a record is a RowItem; gongkai.storable.storable_item makes it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from gongkai.ingest import IngestItem

if TYPE_CHECKING:
    from gongkai.indexer.schema import PreparedDocument
    from gongkai.record import Record
    from gongkai.validity import RecordRead


@dataclass(slots=True)
class RecordRow:
    """The values of one validated Record that ingest reads in the main thread (the same names as the
    Record's fields, so store and index code takes either), its content hash as validated, the hash
    its validity read was made under (gongkai.validity.fingerprint), the OCR review reason, and the
    record's own JSON (`own`)."""

    id: str
    kind: str
    notice_type: str | None
    title: str
    doc_number: str
    index_number: str
    issuer: str
    topic: str
    written_date: date | None
    publish_date: date | None
    source: str
    withdrawn: bool
    content_hash: str
    fingerprint: int
    ocr_review: str | None
    own: bytes  # store.codec.record_json(record): the stored data and, when needed, the Record are made from it

    @property
    def year(self) -> int | None:
        day = self.publish_date or self.written_date
        return day.year if day else None

    def current_content_hash(self) -> str:
        """As Record.current_content_hash: a row never changes after validation."""
        return self.content_hash

    def to_record(self) -> Record:
        """The Record this row was made from (its JSON validated again: the validators are idempotent)."""
        from gongkai.record import Record

        record = Record.model_validate_json(self.own)
        if record.withdrawn != self.withdrawn:  # a copy that differs in `withdrawn` alone (with_withdrawn)
            record = record.model_copy(update={"withdrawn": self.withdrawn})
        return record


def with_withdrawn(record: Record | RecordRow) -> Record | RecordRow:
    """A withdrawn copy (a record stored under an operator takedown: the index only drops its id)."""
    if isinstance(record, RecordRow):
        return dataclasses.replace(record, withdrawn=True)
    return record.model_copy(update={"withdrawn": True})


def as_record(record: Record | RecordRow) -> Record:
    return record.to_record() if isinstance(record, RecordRow) else record


@dataclass(eq=False)
class RowItem(IngestItem):
    """An IngestItem whose record travels as a RecordRow (`row`): `record` is made from it only when asked
    for (rare paths), and a record given or set replaces the row (it described the old one). The store and
    the index take `storable`: the row while there is one."""

    row: RecordRow | None = None

    def __post_init__(self) -> None:
        if self.__dict__.get("_record") is not None:  # dataclasses.replace(item, record=...): the new record wins
            self.row = None

    @property
    def storable(self) -> Record | RecordRow | None:
        return self.row if self.row is not None else self.__dict__.get("_record")

    @classmethod
    def of(cls, input_ref: str, source: str, row: RecordRow, prepared: PreparedDocument | None, data_head: bytes,
           validity: RecordRead | None) -> RowItem:
        """RowItem(input_ref, source=…, row=…, prepared=…, data_head=…, validity=…) without the dataclass __init__ and
        its property setter: the main thread unpacks the worker's items by the thousand (3.2 -> 2.3 µs an item)."""
        item = cls.__new__(cls)
        item.__dict__.update(_ROW_ITEM_DEFAULTS, input_ref=input_ref, source=source, row=row, prepared=prepared,
                             data_head=data_head, validity=validity)
        return item


def _row_item_record(item: RowItem) -> Record | None:
    record: Record | None = item.__dict__.get("_record")
    if record is None and item.row is not None:
        record = item.__dict__["_record"] = item.row.to_record()
    return record


def _set_row_item_record(item: RowItem, value: Record | None) -> None:
    item.__dict__["_record"] = value
    if value is not None:
        item.row = None


#: The instance fields of a RowItem made by its __init__ with nothing but defaults (`record` lives in `_record`).
_ROW_ITEM_DEFAULTS: dict[str, object] = {"_record": None}
for _field in dataclasses.fields(RowItem):
    if _field.name not in ("record", "input_ref"):  # input_ref: given, the one field without a default
        assert _field.default is not dataclasses.MISSING, f"RowItem.of: {_field.name} has no plain default"
        _ROW_ITEM_DEFAULTS[_field.name] = _field.default

# `record` of a RowItem is made from its row on first use: a property over the inherited field (set after the class
# is made: a dataclass field cannot be overridden by a property in the class body, for the type checker).
setattr(RowItem, "record", property(_row_item_record, _set_row_item_record))  # noqa: B010
