"""One input failing the same way again is one open quarantine entry, not two (lost): a drop-folder run killed after its
batch was stored but before the file was archived reads the file again, and its bad record was quarantined twice; so
was a bad line of a file given to `gongkai ingest` twice, or sent again by its agency. "A crash never doubles": the
store touches the open entry instead, and a retry that fails the same way leaves that entry open (it must not mark it
`retried` with nothing open left). Real SQLite and Tantivy, the real drop-folder run, a real SIGKILL."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from tests.support import inbox_engine, wait_for

AGENCY = "厦门市财政局"
GOOD = {"title": "厦门市财政局关于预算公开的通知", "body": "预算公开"}
BAD = {"title": "厦门市财政局关于决算公开的通知", "publish_date": "2024-13-01"}
LATER = time.time() + 3600
GONGKAI = Path(sys.executable).parent / "gongkai"


def _lines(*records: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def _open(engine: Engine) -> list[dict]:
    return engine.store.quarantine_list("open")


def test_a_drop_file_read_again_after_a_crash_is_quarantined_once(engine):
    folder = inbox_dir(engine) / AGENCY
    folder.mkdir()
    (folder / "r.jsonl").write_text(_lines(GOOD, BAD), encoding="utf-8")
    assert process_inbox(engine, now=LATER).counts["quarantined"] == 1
    [first] = _open(engine)
    # the run died after its batch was committed, before the archive move: the next run reads the file again
    shutil.copy(next(archive_dir(engine).rglob("r.jsonl")), folder / "r.jsonl")
    again = process_inbox(engine, now=LATER)
    assert again.counts["unchanged"] == 1 and again.counts["quarantined"] == 1  # still reported: it failed this run too
    [entry] = _open(engine)
    assert entry["id"] == first["id"] and engine.store.quarantine_get(entry["id"])["updated_at"] > engine.store.quarantine_get(first["id"])["created_at"]

    # another failure of that input (other bytes, another reason) is another entry
    (folder / "r.jsonl").write_text(_lines(GOOD, {**BAD, "publish_date": "2024-14-01"}), encoding="utf-8")
    process_inbox(engine, now=LATER)
    assert len(_open(engine)) == 2


def test_the_same_file_given_twice_and_a_retry_that_fails_the_same_way(engine, tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(_lines(GOOD, BAD) + "{broken\n", encoding="utf-8")
    engine.ingest_paths([path])
    engine.ingest_paths([path])
    entries = _open(engine)
    assert len(entries) == 2 and {e["input_ref"] for e in entries} == {f"{path}:2", f"{path}:3"}

    for entry in entries:  # nothing was fixed: each fails as before, and stays the item's one open entry
        assert engine.retry_quarantined(entry["id"]).status == "quarantined"
    assert sorted(e["id"] for e in _open(engine)) == sorted(e["id"] for e in entries)

    for entry in entries:  # and again: still one each
        assert engine.retry_quarantined(entry["id"]).status == "quarantined"
    assert len(engine.store.quarantine_list(None)) == 2


def test_a_drop_folder_run_killed_after_storing_reads_again_without_doubling(engine, settings, tmp_path):
    """The crash for real: a `gongkai inbox process` SIGKILLed while its run is held (after its records and
    quarantine rows are committed), then the next run recovers the claimed files and reads them again."""
    folder = inbox_dir(engine) / AGENCY
    folder.mkdir()
    many = [{**GOOD, "title": f"厦门市财政局关于第{n}批资金下达的通知"} for n in range(8000)]
    (folder / "big.jsonl").write_text(_lines(BAD, *many), encoding="utf-8")
    os.utime(folder / "big.jsonl", (time.time() - 3600, time.time() - 3600))
    child = subprocess.Popen([str(GONGKAI), "--data-dir", str(settings.data_dir), "inbox", "process"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "GONGKAI_STORE__BATCH_SIZE": "200"})
    try:
        wait_for(lambda: _open(engine), timeout=60, what="the first batch (with the bad line) committed")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    report = process_inbox(engine, now=LATER)
    assert report.as_dict()["recovered"] >= 1, report.as_dict()
    assert len(_open(engine)) == 1  # the bad line once, whichever run read it
    assert engine.store.count() == 8000


def test_a_retry_failing_another_way_is_a_new_entry_and_the_fix_closes_both(engine, settings, tmp_path):
    path = tmp_path / "big.jsonl"
    text = _lines(GOOD, {**GOOD, "title": "厦门市财政局关于决算公开的通知", "body": "决算" * 2000})
    path.write_text(text, encoding="utf-8")
    engine.settings.records = engine.settings.records.model_copy(update={"max_record_bytes": 2000})
    engine.ingest_paths([path])
    [first] = _open(engine)  # the long line, kept without its bytes: a retry reads it from its file
    path.rename(tmp_path / "moved.jsonl")
    assert "no longer available" in (engine.retry_quarantined(first["id"]).error or "")  # another reason: a new entry
    assert [(e["id"] == first["id"], e["status"]) for e in engine.store.quarantine_list(None)] == [(False, "open"), (True, "retried")]
    (tmp_path / "moved.jsonl").rename(path)
    engine.settings.records = engine.settings.records.model_copy(update={"max_record_bytes": 16 * 1024 * 1024})
    assert engine.retry_quarantined(first["id"]).status == "new"
    assert {e["status"] for e in engine.store.quarantine_list(None)} == {"resolved"}


def test_a_sidecar_left_by_a_run_killed_between_archiving_it_and_its_document_joins_its_document(engine):
    """The run archives a group file by file (documents, then sidecars); a SIGKILL between the two left the sidecar in
    its processing folder, and recovery put it back in the inbox alone: read later as a record file, it was quarantined
    (no title) while its document had gone in with its fields. The state such a kill leaves, on real files."""
    from gongkai.feeds.inbox import PROCESSING

    run_name = "20261206T000000-deadbeef"
    leftover = inbox_dir(engine) / PROCESSING / run_name / AGENCY
    leftover.mkdir(parents=True)
    (leftover / "report.pdf.json").write_text('{"索引号": "XM00105-0200-2024-00001"}', encoding="utf-8")
    (leftover / "other.txt.json").write_text('{"索引号": "XM00105-0200-2024-00002"}', encoding="utf-8")
    (leftover / "other.txt").write_text("厦门市财政局关于预算公开的通知\n\n正文。", encoding="utf-8")  # its document not archived yet
    archived = archive_dir(engine) / "2026-12-06" / run_name / AGENCY
    archived.mkdir(parents=True)
    (archived / "report.pdf").write_bytes(b"%PDF-1.4 archived before the kill")
    (inbox_dir(engine) / PROCESSING / f"{run_name}.lock").touch()  # its run is dead: the lock is free
    report = process_inbox(engine, now=time.time())  # recovers; nothing old enough to read yet
    assert report.as_dict()["recovered"] == 3
    assert (archived / "report.pdf.json").is_file()  # beside its document, not back in the inbox
    assert sorted(p.name for p in (inbox_dir(engine) / AGENCY).iterdir()) == ["other.txt", "other.txt.json"]
    assert not _open(engine)
