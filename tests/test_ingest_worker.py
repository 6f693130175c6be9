"""A large JSON Lines file is validated and prepared in a worker process (gongkai.jsonl_worker):
the items must be exactly the serial reader's, in order, whatever happens to the worker."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest
import tantivy

import gongkai.jsonl_worker as jsonl_worker
from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.indexer.schema import prepare_document
from gongkai.inputs import iter_record_file
from tests.conftest import govcn_records


@pytest.fixture
def record_file(tmp_path) -> Path:
    """The 40 real 国务院 records three times over (so ids repeat), with bad and blank lines among them."""
    lines: list[bytes] = []
    for round_ in range(3):
        for number, record in enumerate(govcn_records()):
            lines.append(json.dumps({**record, "summary": f"第{round_}轮"}, ensure_ascii=False).encode("utf-8"))
            if number == 5:
                lines += [b"", b'{"title": "', b'{"body": "no title"}', b"[1, 2]", b'{"title": "\xff\xfe"}',
                          json.dumps({"title": "国标编码的记录"}, ensure_ascii=False).encode("gb18030")]
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def snapshot(items) -> list[tuple]:
    """Everything an item carries to the store and the index: the row of plain values (gongkai.record_row), the
    stored JSON's head, the index text and the validity read, and the Record made from the row."""
    return [(item.input_ref, getattr(item, "row", None), item.data_head, item.prepared, item.validity,
             item.record.to_json() if item.record else None, item.error, item.payload) for item in items]


def check_prepared(items) -> None:
    for item in items:
        if item.record is not None:
            assert item.prepared == prepare_document(item.record, bigrams=False)


def test_the_worker_yields_exactly_the_serial_items_in_order(record_file, monkeypatch):
    monkeypatch.setattr(jsonl_worker, "CHUNK_LINES", 7)  # many chunks, more than there are slots
    serial = list(iter_record_file(record_file, "govcn", prepare_in_worker=False))
    parallel = list(iter_record_file(record_file, "govcn", prepare_in_worker=True))
    assert len(serial) == 3 * (40 + 5) and snapshot(parallel) == snapshot(serial)
    check_prepared(serial)  # the serial reader prepares by the same function (gongkai.record_row.storable_item)
    check_prepared(parallel)
    errors = [item.error for item in parallel if item.error]
    assert len(errors) == 4 * 3 and any("not valid JSON" in e for e in errors) and any("title" in e for e in errors)


def test_a_chunk_too_large_for_a_slot_goes_through_the_socket(record_file, monkeypatch):
    monkeypatch.setattr(jsonl_worker, "CHUNK_LINES", 3)
    monkeypatch.setattr(jsonl_worker, "SLOT_BYTES", 20_000)  # some chunks fit, most do not
    serial = list(iter_record_file(record_file, prepare_in_worker=False))
    assert snapshot(iter_record_file(record_file, prepare_in_worker=True)) == snapshot(serial)


def _worker_processes() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "gongkai-jsonl"]


def test_when_the_worker_dies_the_rest_of_the_file_is_read_here(record_file, monkeypatch):
    monkeypatch.setattr(jsonl_worker, "CHUNK_LINES", 10)
    monkeypatch.setattr(jsonl_worker, "SLOTS", 2)  # the worker cannot be far ahead when it is killed
    serial = list(iter_record_file(record_file, prepare_in_worker=False))
    items = iter_record_file(record_file, prepare_in_worker=True)
    got = [next(items) for _ in range(15)]
    [worker] = _worker_processes()
    worker.kill()
    worker.join()
    got += list(items)
    assert snapshot(got) == snapshot(serial)  # nothing lost, nothing twice


def test_a_reader_that_stops_early_leaves_no_worker_behind(record_file, monkeypatch):
    monkeypatch.setattr(jsonl_worker, "CHUNK_LINES", 5)
    items = iter_record_file(record_file, prepare_in_worker=True)
    next(items)
    assert len(_worker_processes()) == 1
    items.close()
    assert _worker_processes() == []


def test_engine_ingest_of_a_large_file_goes_through_the_worker(settings, record_file, monkeypatch):
    import gongkai.inputs

    monkeypatch.setattr(gongkai.inputs, "WORKER_MIN_BYTES", 0)
    monkeypatch.setattr(jsonl_worker, "CHUNK_LINES", 16)
    started = []
    real = jsonl_worker.iter_jsonl_in_worker

    def counted(*args):
        started.append(1)
        yield from real(*args)

    monkeypatch.setattr(jsonl_worker, "iter_jsonl_in_worker", counted)
    engine = Engine(settings)
    report = engine.ingest_paths([record_file])
    # Each record comes three times (new, then two new versions); the GB18030 line is new, then unchanged twice.
    assert report.as_dict() == {"new": 40 + 1, "updated": 80, "unchanged": 2, "quarantined": 3 * 4}
    assert started == [1]
    first = govcn_records()[0]
    hits = engine.search(SearchRequest(q=first["title"], limit=5)).hits
    assert hits and hits[0].title == first["title"]
    assert engine.get(hits[0].id).summary == "第2轮" and engine.get(hits[0].id).version == 3


KILLED_INGEST = """
import os, sys
import gongkai.inputs, gongkai.jsonl_worker
from gongkai.engine import Engine
from gongkai.settings import load_settings
gongkai.inputs.WORKER_MIN_BYTES = 0
gongkai.jsonl_worker.CHUNK_LINES = 4
settings = load_settings(data_dir=sys.argv[1], store={"batch_size": 10})
seen = []
def on_item(result):
    seen.append(result)
    if len(seen) == 1:
        import multiprocessing
        print("worker", *[p.pid for p in multiprocessing.active_children() if p.name == "gongkai-jsonl"], flush=True)
    if len(seen) == 20:
        print("stored 20", flush=True)
        import time; time.sleep(60)  # killed here, between two batches' store commits
Engine(settings).ingest_paths([sys.argv[2]], on_item=on_item)
"""


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] in ("Z", "X")
    except (FileNotFoundError, IndexError):
        return True


def test_a_killed_ingest_leaves_no_worker_and_a_rerun_completes_it(tmp_path, settings, record_file):
    import signal
    import subprocess
    import sys
    import time

    data = settings.data_dir
    child = subprocess.Popen([sys.executable, "-c", KILLED_INGEST, str(data), str(record_file)], stdout=subprocess.PIPE,
                             text=True, cwd=Path(__file__).resolve().parents[1])
    worker_line = child.stdout.readline().split()
    assert worker_line[0] == "worker" and len(worker_line) == 2
    assert child.stdout.readline().strip() == "stored 20"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    deadline = time.monotonic() + 10
    while not _gone(int(worker_line[1])) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(int(worker_line[1])), "the worker outlived its reader"

    engine = Engine(settings)
    stored = engine.store.count()
    assert 0 < stored < 40 + 1
    report = engine.ingest_paths([record_file])
    assert engine.store.count() == 40 + 1 and engine.index.doc_count() == 40 + 1
    assert report.counts["quarantined"] == 3 * 4


def test_a_prepared_document_is_the_document_record_to_document_makes():
    from gongkai.indexer.schema import document_from_prepared, record_to_document
    from gongkai.record import Record

    for raw in govcn_records()[:10]:
        record = Record(**raw)
        expected = record_to_document(record).to_dict()
        assert document_from_prepared(record, prepare_document(record, bigrams=False)).to_dict() == expected
        assert document_from_prepared(record, prepare_document(record)).to_dict() == expected


def test_intermediate_index_commits_keep_the_writer_and_the_last_one_releases_it(settings):
    """An ingest commits the index every `commit_every` records without letting the writer go (that would
    wait for every merge); at the end the writer is free for another process, even when the last
    intermediate commit was also the end."""
    from gongkai.indexer import IndexLockedError, SearchIndex
    from gongkai.ingest import IndexFeeder
    from gongkai.record import Record

    engine = Engine(settings)
    records = [Record(**raw) for raw in govcn_records()[:4]]
    feeder = IndexFeeder(engine.store, engine.index, commit_every=2)
    engine.store.upsert_batch(records[:2])
    feeder.after_batch(records[:2])  # reaches commit_every: committed, writer kept
    other = SearchIndex(settings.index_dir, settings.index, settings.search, lock_timeout=0)
    assert other.doc_count() == 2
    with pytest.raises(IndexLockedError):
        other.add_or_replace([])
    feeder.commit()  # nothing new since: only lets the writer go
    other.add_or_replace(records[2:])
    other.commit(engine.store.max_seq())
    assert other.doc_count() == 4


def test_an_ingest_commits_the_index_by_time_as_well(settings):
    from gongkai.ingest import IndexFeeder
    from gongkai.record import Record

    engine = Engine(settings)
    records = [Record(**raw) for raw in govcn_records()[:3]]
    feeder = IndexFeeder(engine.store, engine.index, commit_seconds=0.2)
    engine.store.upsert_batch(records[:1])
    feeder.after_batch(records[:1])
    assert engine.index.watermark == 0  # not yet: too soon, too few
    time.sleep(0.25)
    engine.store.upsert_batch(records[1:])
    feeder.after_batch(records[1:])
    assert engine.index.watermark == 3 and engine.index.doc_count() == 3
    feeder.commit()


def test_records_new_to_the_store_are_indexed_once_and_changed_ones_replaced(settings, record_file):
    """New records skip the index's delete-by-id (the index, in step with the store, cannot hold them);
    every later version still replaces its document: one document per id, the newest."""
    engine = Engine(settings)
    engine.ingest_paths([record_file])  # each record new, then twice updated
    engine.ingest_paths([record_file])  # all unchanged now
    assert engine.index.doc_count() == engine.store.count() == 40 + 1
    first = govcn_records()[0]
    hits = engine.search(SearchRequest(q=first["title"], limit=10)).hits
    assert [hit.title for hit in hits].count(first["title"]) == 1


def test_an_item_crosses_as_a_tuple_and_comes_back_whole(record_file):
    """The worker's wire form (_pack/_unpack) keeps every field of the reader's items, the validity read
    (a named tuple, crossing as a plain one) and the record's stored JSON included."""
    import pickle

    from gongkai.store.codec import data_head, record_json
    from gongkai.validity import read_record

    unpack = jsonl_worker._unpacker()
    items = list(iter_record_file(record_file, "govcn", prepare_in_worker=False))[:60]
    for item in items:
        if item.record is not None:
            own = record_json(item.record)
            item.prepared = prepare_document(item.record, bigrams=False, own_json=own)
            item.data_head, item.validity = data_head(own), read_record(item.record)
    back = [unpack(packed) for packed in pickle.loads(pickle.dumps([jsonl_worker._pack(item) for item in items]))]
    assert back == items and any(item.record is None for item in back) and any(item.validity for item in back)


def test_the_stored_rows_and_index_documents_of_the_worker_path_are_the_serial_path_s(tmp_path, record_file):
    """The store's JSON and the index payload cut from the worker's one serialisation: the rows and the
    documents are those of the serial path (no worker), byte for byte, and the content hashes match what the
    next ingest compares them with."""
    from sqlalchemy import select

    from gongkai.settings import load_settings
    from gongkai.store.schema import records as records_table

    def ingest(folder: str, worker: bool) -> tuple[list, list, dict]:
        engine = Engine(load_settings(data_dir=tmp_path / folder))
        items = list(iter_record_file(record_file, "govcn", prepare_in_worker=worker))
        with engine.ingest_session() as session:
            session.ingest(items)
        report = engine.ingest_paths([record_file], source="govcn")
        with engine.store.read_engine.connect() as conn:
            rows = [tuple(row[:4]) for row in conn.execute(
                select(records_table.c.id, records_table.c.content_hash, records_table.c.data, records_table.c.version)
                .order_by(records_table.c.id))]
        engine.index.reload_if_changed()
        searcher = engine.index._generation.check_current().searcher()
        docs = sorted(bytes(searcher.doc(address)["payload"][0])
                      for _, address in searcher.search(tantivy.Query.all_query(), limit=1000).hits)
        return rows, docs, report.as_dict()

    def scrub(rows: list) -> list:  # the stamp's times differ between the two runs; the rest must not
        return [(i, h, json.loads(d) | {"first_seen": None, "last_seen": None}, v) for i, h, d, v in rows]

    serial_rows, serial_docs, serial_again = ingest("serial", False)
    worker_rows, worker_docs, worker_again = ingest("worker", True)
    assert len(worker_rows) == 41 and scrub(worker_rows) == scrub(serial_rows)
    assert worker_docs == serial_docs
    # Again through the worker: the summaries differ by round, so each of the 40 ids is updated three times; the
    # record without an id in the file (the same content thrice) is unchanged: the same outcomes from either store.
    assert worker_again == serial_again and worker_again["new"] == 0
    assert worker_again["unchanged"] == 3 and worker_again["updated"] == 3 * 40
