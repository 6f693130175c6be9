"""A JSON Lines record reaches the store and the index as a RecordRow of plain values (gongkai.record_row), made by
gongkai.storable.storable_item in the worker process or in the serial reader: it must store and index exactly what
the Record it was made of stores and indexes (the same data JSON and columns, the same validity rows, the same
tantivy document), cross the process boundary unchanged, and give back that Record where a rare path needs it."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.indexer.schema import document_from_prepared, prepare_document, record_to_document
from gongkai.jsonl_worker import _ROW_FIELDS, _pack, _unpacker
from gongkai.record import Record
from gongkai.record_row import RecordRow, RowItem, as_record, with_withdrawn
from gongkai.recordfiles import to_item
from gongkai.storable import storable_item
from gongkai.store.codec import record_to_data
from gongkai.store.store import Store
from tests.conftest import CORPUS, govcn_records


def _lawref_records() -> list[dict]:
    """The 48 real regulations of the corpus (repeals, amendments, effective dates: validity's hard cases)."""
    folder = CORPUS / "lawrefbook_regulations"
    out = []
    for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        name = meta.get("file") or meta.get("path") or meta.get("filename")
        body = (folder / name).read_text(encoding="utf-8") if name and (folder / name).exists() else ""
        out.append({"title": meta.get("title") or Path(name).stem, "body": body, "issuer": meta.get("issuer") or "",
                    "publish_date": meta.get("publish_date") or None, "source": "lawref"})
    return out


def _values() -> list[dict]:
    values = govcn_records() + _lawref_records()
    values += [
        # a notice with typed fields and no dates; a tombstone; OCR read with low confidence; a record without source
        {"kind": "notice", "notice_type": "outage", "title": "停电通知", "body": "因检修，思明区湖滨南路停电。",
         "notice": {"areas": ["湖滨南路"]}, "source": "sgcc"},
        {"title": "已撤回的文件", "body": "正文", "source": "govcn", "withdrawn": True},
        {"title": "扫描件", "body": "扫描的正文", "source": "scan",
         "ocr": {"pages": [{"page": 1, "confidence": 41.5}], "mean_confidence": 41.5, "low_confidence_pages": [1]}},
        {"title": "没有来源的记录", "body": "自二〇二四年一月一日起施行。", "written_date": "2023-12-20"},
    ]
    return values


@pytest.fixture(scope="module")
def items() -> list[tuple[Record, RowItem]]:
    out = []
    for number, value in enumerate(_values(), 1):
        plain = to_item(dict(value), f"test.jsonl:{number}")
        assert plain.record is not None, plain.error
        item = storable_item(to_item(dict(value), f"test.jsonl:{number}"))
        assert isinstance(item, RowItem)
        out.append((plain.record, item))
    assert len(out) > 80
    return out


def test_the_row_holds_the_records_values_and_gives_the_record_back(items):
    for record, item in items:
        row = item.row
        assert row is not None and item.storable is row
        for name in ("id", "kind", "notice_type", "title", "doc_number", "index_number", "issuer", "topic", "written_date",
                     "publish_date", "source", "withdrawn", "content_hash", "year"):
            assert getattr(row, name) == getattr(record, name), name
        assert row.current_content_hash() == record.current_content_hash()
        assert row.to_record() == record and as_record(row) == record
        assert item.record == record and item.row is row  # made on first use; the row stays the storable
    reviews = [item.row.ocr_review for _, item in items if item.row.ocr_review]
    assert len(reviews) == 1 and "low OCR confidence on page(s) 1 (41.5)" in reviews[0]


def test_the_row_stores_the_same_json_and_indexes_the_same_document(items):
    now = datetime(2026, 12, 5, 12, 0, 0)
    for record, item in items:
        stamp = {"content_hash": record.content_hash, "version": 2, "first_seen": now, "last_seen": now, "withdrawn": False}
        assert record_to_data(item.row, head=item.data_head, **stamp) == record_to_data(record, **stamp)
        assert item.prepared == prepare_document(record, bigrams=False)
        for status in ("unknown", "in_force", "repealed"):
            assert (document_from_prepared(item.row, item.prepared, status).to_dict()
                    == record_to_document(record, status).to_dict())


def test_record_json_of_a_record_just_validated_is_pydantic_s_json_byte_for_byte(items):
    """store.codec.record_json(just_validated=True) writes with orjson from the content validation dumped: the very
    bytes of pydantic's model_dump_json, for every notice type of the sample data, the corpus records, OCR (the
    pydantic way) and a record with stamp times (the pydantic way)."""
    from gongkai.store.codec import record_json

    sample = Path(__file__).parent.parent / "gongkai" / "data" / "sample_records.jsonl"
    records = [record for record, _ in items]
    records += [Record.model_validate_json(line) for line in sample.read_text(encoding="utf-8").splitlines()]
    records.append(Record.model_validate({"title": "有时间", "first_seen": "2024-01-02T03:04:05Z", "version": 3}))
    records.append(Record.model_validate({"title": "控制\x1f字符\u2028与\"引号\"\\", "keywords": ["a\tb"]}))
    assert {r.notice_type for r in records} >= {"lost", "outage", "business_tax", "land_housing", "other"}
    for record in records:
        assert record_json(record, just_validated=True) == Record.__pydantic_serializer__.to_json(record) == record_json(record)


def test_an_item_crosses_the_process_boundary_unchanged(items):
    assert tuple(field.name for field in dataclasses.fields(RecordRow)) == _ROW_FIELDS
    unpack = _unpacker()
    for _, item in items:
        back = unpack(_pack(item))
        assert isinstance(back, RowItem)
        made = RowItem(item.input_ref, source=item.source, row=back.row, prepared=back.prepared, data_head=back.data_head,
                       validity=back.validity)
        assert back.__dict__ == made.__dict__  # RowItem.of: the dataclass __init__'s fields, made faster
        assert (back.input_ref, back.source, back.row, back.data_head, back.prepared, back.validity) == (
            item.input_ref, item.source, item.row, item.data_head, item.prepared, item.validity)


def test_a_record_set_on_the_item_replaces_its_row(items):
    record, item = items[0]
    copy = record.model_copy(update={"withdrawn": True})
    replaced = dataclasses.replace(item, record=copy)  # what --apply-withdrawals does (gongkai.ownership)
    assert replaced.row is None and replaced.record is copy and replaced.storable is copy
    withdrawn = with_withdrawn(item.row)
    assert isinstance(withdrawn, RecordRow) and withdrawn.withdrawn and not item.row.withdrawn
    assert withdrawn.to_record() == record.model_copy(update={"withdrawn": True})


def _table_rows(store: Store) -> dict[str, list]:
    """The rows of the tables a batch writes, as text, without the times of the writing (any database)."""
    from sqlalchemy import text

    out = {}
    skip = {"first_seen", "last_seen", "changed_at", "created_at", "status_on"}
    with store.engine.connect() as conn:
        for table in ("records", "outbox", "validity_docs", "validity_edges", "validity_keys"):
            rows = conn.execute(text(f"select * from {table}")).mappings().all()
            out[table] = sorted(tuple(str(bool(v)) if k == "withdrawn" else str(v) for k, v in sorted(row.items())
                                      if k not in skip and (k != "id" or table == "records")) for row in rows)
    return out


def _write_both_ways(items, records_url: str, rows_url: str, raw: Path) -> tuple[Store, Store]:
    now = datetime(2026, 12, 5, 12, 0, 0)
    live = [(record, item) for record, item in items if not record.withdrawn]
    stores = []
    for name, url in (("records", records_url), ("rows", rows_url)):
        store = Store(url, raw / name)
        for start in range(0, len(live), 25):
            part = live[start:start + 25]
            if name == "records":  # the path of every other source: Records, no heads, read here
                outcomes = store.write_batch([record for record, _ in part], now=now)
            else:  # the JSON Lines path: rows with the worker's heads and reads
                outcomes = store.write_batch([item.row for _, item in part], now=now, data_heads=[item.data_head for _, item in part],
                                             validity_reads={item.row.id: item.validity for _, item in part})
            assert [o.status for o in outcomes] == ["new"] * len(part)
        stores.append(store)
    return stores[0], stores[1]


def test_the_store_writes_the_same_rows_for_rows_as_for_records(items, tmp_path):
    by_records, by_rows = _write_both_ways(items, f"sqlite:///{tmp_path}/records.sqlite3", f"sqlite:///{tmp_path}/rows.sqlite3", tmp_path)
    expected = _table_rows(by_records)
    assert _table_rows(by_rows) == expected
    assert len(expected["validity_edges"]) > 10  # the regulations name others
    for store in (by_records, by_rows):
        store.close()


def test_the_same_rows_on_postgresql(items, tmp_path, pg_database):
    by_records, by_rows = _write_both_ways(items, f"sqlite:///{tmp_path}/records.sqlite3", pg_database, tmp_path)
    assert _table_rows(by_rows) == _table_rows(by_records)
    for store in (by_records, by_rows):
        store.close()


def test_a_record_file_through_the_worker_stores_and_quarantines_as_before(settings, tmp_path, monkeypatch):
    import gongkai.inputs

    monkeypatch.setattr(gongkai.inputs, "WORKER_MIN_BYTES", 0)
    path = tmp_path / "records.jsonl"
    lines = [json.dumps(value, ensure_ascii=False) for value in _values()] + ['{"title": ']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    engine = Engine(settings)
    report = engine.ingest_paths([path])
    # the tombstone and the broken line are quarantined; every other record is new
    assert report.as_dict() == {"new": len(lines) - 2, "updated": 0, "unchanged": 0, "quarantined": 2}
    assert engine.ingest_paths([path]).as_dict() == {"new": 0, "updated": 0, "unchanged": len(lines) - 2, "quarantined": 2}
    reasons = [entry["reason"] for entry in engine.store.quarantine_list(limit=50)]
    assert any("OCR" in reason and "41.5" in reason for reason in reasons)  # the scan is also put up for review
    engine.close()
