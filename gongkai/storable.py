"""The one function that makes a JSON Lines line's item ready to store (storable_item): the worker process runs
it (gongkai.jsonl_worker), and so does the serial reader (a small file, no fork, a dead worker), so both paths
store and index the same values. Its result carries the record as a RecordRow (gongkai.record_row).
"""

from __future__ import annotations

from gongkai.indexer.schema import prepare_document
from gongkai.ingest import IngestItem
from gongkai.record import Record
from gongkai.record_row import RecordRow, RowItem
from gongkai.store.codec import data_head, record_json
from gongkai.validity import fingerprint, read_record


def row_of(record: Record, own: bytes) -> RecordRow:
    """The row of a validated record; `own` its record_json."""
    ocr = record.ocr
    review = ocr.review_reason() if ocr is not None and not isinstance(ocr, str) else None
    return RecordRow(
        record.id, record.kind, record.notice_type, record.title, record.doc_number, record.index_number, record.issuer,
        record.topic, record.written_date, record.publish_date, record.source, record.withdrawn, record.content_hash,
        fingerprint(record), review, own,
    )


def storable_item(item: IngestItem) -> IngestItem:
    """A read line's item ready to store: for a valid record, a RowItem with its row, the index text
    (indexer.schema.prepare_document: the payload cut from the record's own JSON, the pairs field left to the
    feeder), the store's JSON up to the content hash and the validity read; a bad line's item as it is."""
    record = item.record
    if record is None:
        return item
    own = record_json(record, just_validated=True)  # the one serialisation: the store's JSON and the index payload
    return RowItem(
        item.input_ref, source=item.source, row=row_of(record, own),
        prepared=prepare_document(record, bigrams=False, own_json=own), data_head=data_head(own),
        validity=read_record(record),  # the statements' regex passes, off the store's thread
    )
