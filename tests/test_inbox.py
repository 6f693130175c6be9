"""The drop folder on a real filesystem: sidecars, incomplete files, symlinks, races and crashes."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.feeds.inbox import InboxRun, archive_dir, inbox_dir, process_inbox
from tests.conftest import CORPUS, REPO, govcn_records
from tests.support import inbox_engine

FILES = CORPUS / "pdf_docx" / "govcn_as_files"
LATER = time.time() + 3600  # "now" for runs that should see every file as old enough

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<record><title>&lol4;</title></record>"""


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def corpus_index() -> dict[str, dict]:
    lines = (FILES / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return {entry["file"]: entry for entry in map(json.loads, lines)}


def archived(engine: Engine) -> list[str]:
    root = archive_dir(engine)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def left_in_inbox(engine: Engine) -> list[str]:
    root = inbox_dir(engine)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() or p.is_symlink())


def test_documents_with_sidecars_and_record_files_go_in_and_are_archived(engine):
    inbox, index = inbox_dir(engine), corpus_index()
    agency = inbox / "国务院办公厅"
    agency.mkdir()
    docx, pdf = "govcn-5338761.docx", "govcn-5339579.pdf"
    (agency / docx).write_bytes((FILES / docx).read_bytes())
    (agency / f"{docx}.json").write_text(json.dumps({"index_number": "000014349/2018-00071", "topic": "综合政务"}, ensure_ascii=False), encoding="utf-8")
    (agency / pdf).write_bytes((FILES / pdf).read_bytes())
    (agency / "govcn-5339579.xml").write_text(
        "<record><索引号>000014349/2018-00074</索引号><主题分类>国务院组织机构</主题分类><关键词>普查、领导小组</关键词></record>", encoding="utf-8"
    )
    (inbox / "batch.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in govcn_records()[:5]), encoding="utf-8")
    (inbox / "one.xml").write_text("<record><title>厦门市停车设施配建标准</title><issuer>厦门市人民政府</issuer><文号>厦府[2020]3号</文号></record>", encoding="utf-8")

    report = process_inbox(engine, now=LATER)
    assert report.files == 6 and report.counts["new"] == 8 and report.counts["quarantined"] == 0, report.as_dict()
    assert left_in_inbox(engine) == []
    assert len(archived(engine)) == 6 and not any(p.startswith("failed") for p in archived(engine))

    from_docx = engine.lookup(index_number="000014349/2018-00071")[0]
    assert from_docx.title == index[docx]["title"] and from_docx.doc_number == index[docx]["doc_number"]
    assert from_docx.topic == "综合政务" and from_docx.source == "inbox:国务院办公厅"
    from_pdf = engine.lookup(index_number="000014349/2018-00074")[0]
    assert from_pdf.doc_number == index[pdf]["doc_number"] and from_pdf.keywords == ["普查", "领导小组"]
    xml_record = engine.lookup(doc_number="厦府〔2020〕3号")[0]
    assert xml_record.title == "厦门市停车设施配建标准" and xml_record.source == "inbox"
    assert engine.store.count() == 8

    # the same files delivered again: no duplicates
    (inbox / "batch.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in govcn_records()[:5]), encoding="utf-8")
    again = process_inbox(engine, now=LATER)
    assert again.counts["unchanged"] == 5 and engine.store.count() == 8


def test_files_still_being_written_wait_for_the_next_run(engine, settings):
    inbox = inbox_dir(engine)
    engine.settings.feeds = engine.settings.feeds.model_copy(update={"inbox_min_age_seconds": 60})
    (inbox / "report.docx.part").write_bytes(b"half a file")
    (inbox / "report.docx.json").write_text('{"topic": "交通"}', encoding="utf-8")  # its document is not complete yet
    (inbox / "note.tmp").write_bytes(b"x")
    (inbox / "fresh.jsonl").write_text(json.dumps(govcn_records()[0], ensure_ascii=False), encoding="utf-8")
    report = process_inbox(engine)  # now: fresh.jsonl was modified less than 60 s ago
    assert report.files == 0 and report.waiting == 2 and engine.store.count() == 0
    os.rename(inbox / "report.docx.part", inbox / "report.docx")
    (inbox / "report.docx").write_bytes((FILES / "govcn-5342665.docx").read_bytes())
    report = process_inbox(engine, now=LATER)
    assert report.files == 3 and report.counts["new"] == 2
    assert left_in_inbox(engine) == ["note.tmp"]
    assert [r for r in engine.export() if r.topic == "交通"], "the sidecar travelled with its document"


def test_failures_go_to_the_quarantine_with_the_reason_and_the_file_is_kept(engine):
    inbox = inbox_dir(engine)
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n this is not really a pdf")
    (inbox / "doc.docx").write_bytes((FILES / "govcn-5344146.docx").read_bytes())
    (inbox / "doc.docx.json").write_text('{"titel": "typo"}', encoding="utf-8")
    (inbox / "bomb.docx").write_bytes((FILES / "govcn-5345291.docx").read_bytes())
    (inbox / "bomb.docx.xml").write_bytes(BILLION_LAUGHS)
    (inbox / "bad.jsonl").write_text('{"title": "好的记录", "issuer": "厦门市财政局"}\n{"issuer": "没有标题"}\nnot json\n', encoding="utf-8")
    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 5, report.as_dict()
    reasons = {q["input_ref"]: q["reason"] for q in engine.store.quarantine_list()}
    assert "broken.pdf" in reasons["inbox:broken.pdf"]
    assert "titel" in reasons["inbox:doc.docx"]
    assert "unsafe XML" in reasons["inbox:bomb.docx"]
    assert "title" in reasons["inbox:bad.jsonl#2"] and "not valid JSON" in reasons["inbox:bad.jsonl#3"]
    failed = [p for p in archived(engine) if p.startswith("failed/")]
    assert sorted(Path(p).name for p in failed) == ["bad.jsonl", "bomb.docx", "bomb.docx.xml", "broken.pdf", "doc.docx", "doc.docx.json"]
    # the bytes of a document refused for its sidecar are in the store too: a retry can use them
    entry = next(q for q in engine.store.quarantine_list() if q["input_ref"] == "inbox:doc.docx")
    assert entry["capture_sha256"] and engine.store.get_capture(entry["capture_sha256"])[0] == (FILES / "govcn-5344146.docx").read_bytes()


def test_symlinks_are_not_followed_and_nested_folders_not_read(engine, tmp_path):
    inbox = inbox_dir(engine)
    secret = tmp_path / "secret.jsonl"
    secret.write_text(json.dumps({"title": "不应被读取", "issuer": "外部"}, ensure_ascii=False), encoding="utf-8")
    (inbox / "link.jsonl").symlink_to(secret)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.jsonl").write_text(json.dumps({"title": "外部文件夹"}, ensure_ascii=False), encoding="utf-8")
    (inbox / "agency-link").symlink_to(outside, target_is_directory=True)
    (inbox / "厦门市财政局" / "deeper").mkdir(parents=True)
    (inbox / "厦门市财政局" / "deeper" / "y.jsonl").write_text(json.dumps({"title": "深层"}, ensure_ascii=False), encoding="utf-8")
    report = process_inbox(engine, now=LATER)
    assert report.files == 0 and engine.store.count() == 0
    assert any("link.jsonl" in r for r in report.refused) and any("agency-link" in r for r in report.refused)
    assert any("deeper" in r for r in report.refused)
    assert (inbox / "link.jsonl").is_symlink() and secret.exists() and (outside / "x.jsonl").exists()


def test_a_file_claimed_by_an_overlapping_run_is_not_picked_twice(engine):
    inbox = inbox_dir(engine)
    for n, record in enumerate(govcn_records()[:6]):
        (inbox / f"r{n}.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    first, second = InboxRun(engine), InboxRun(engine)
    from gongkai.feeds.inbox import InboxReport

    with second.session():
        seen_by_second = second._groups(inbox, "", LATER, InboxReport())  # second lists the files ...
        assert len(seen_by_second) == 6
        report = first.run(now=LATER)  # ... first claims and ingests them all ...
        assert report.files == 6 and report.recovered == 0
        assert [second._claim_group(inbox, g) for g in seen_by_second] == [False] * 6  # ... second's renames fail
    assert engine.store.count() == 6 and len(archived(engine)) == 6


def test_a_live_run_is_left_alone_and_a_dead_run_is_recovered(engine):
    inbox = inbox_dir(engine)
    processing = inbox / ".processing"
    for run, record in (("alive", govcn_records()[0]), ("dead", govcn_records()[1])):
        folder = processing / run / "@root"
        folder.mkdir(parents=True)
        (folder / f"{run}.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with open(processing / "alive.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another process's run, still going
        report = process_inbox(engine, now=LATER)
        assert report.recovered == 1 and report.counts["new"] == 1
        assert (processing / "alive" / "@root" / "alive.jsonl").exists()
    assert not (processing / "dead").exists()
    assert engine.get(engine.store.iter_records().__next__().id) is not None


CRASHING_RUN = """
import os, sys
from gongkai.engine import Engine
from gongkai.feeds.inbox import InboxRun
from gongkai.settings import load_settings

engine = Engine(load_settings(data_dir=sys.argv[1]))
run = InboxRun(engine)
original = engine.ingest_session

def session_that_dies(*args, **kwargs):
    session = original(*args, **kwargs)
    ingest = session.ingest

    def ingest_then_die(items, on_item=None):
        # store the first batch, then die like a killed process: no archive move, no cleanup
        items = list(items)
        ingest(items[:3], on_item)
        os._exit(9)

    session.ingest = ingest_then_die
    return session

engine.ingest_session = session_that_dies
run.run(now=float(sys.argv[2]))
"""


def test_a_crash_mid_batch_loses_nothing(engine, settings):
    inbox = inbox_dir(engine)
    records = govcn_records()[:8]
    for n, record in enumerate(records):
        (inbox / f"r{n}.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO.parent)}
    crashed = subprocess.run([sys.executable, "-c", CRASHING_RUN, str(settings.data_dir), str(LATER)], env=env, cwd=settings.data_dir.parent, capture_output=True, text=True, timeout=120)
    assert crashed.returncode == 9, crashed.stderr
    assert left_in_inbox(engine) and all(p.startswith(".processing/") for p in left_in_inbox(engine))
    report = process_inbox(engine, now=LATER)
    assert report.recovered == 8 and report.counts["new"] + report.counts["unchanged"] == 8
    assert engine.store.count() == 8 and left_in_inbox(engine) == []
    assert len(archived(engine)) == 8


def test_scheduler_job_target_processes_the_inbox(engine):
    from gongkai.feeds import process_inbox as job

    engine.settings.feeds = engine.settings.feeds.model_copy(update={"inbox_min_age_seconds": 0})
    (inbox_dir(engine) / "r.jsonl").write_text(json.dumps(govcn_records()[0], ensure_ascii=False), encoding="utf-8")
    assert job(engine=engine).as_dict()["new"] == 1


def _parser_that_hangs(capture, settings):
    time.sleep(30)  # "forever" for a test; in-process it would hold the whole run this long


@pytest.fixture
def hanging_format(monkeypatch):
    """A format whose parser hangs (workers are forked: they see it), as in tests/test_parse_many.py."""
    from gongkai.parsers.registry import FormatSpec, registered

    with registered(FormatSpec("hang", (), (".hang",), lambda data: data.startswith(b"HANG"), _parser_that_hangs)):
        yield


def test_a_document_whose_parser_hangs_is_quarantined_and_the_run_goes_on(engine, hanging_format):
    engine.settings.parsers = engine.settings.parsers.model_copy(update={"timeout_seconds": 1.0})
    inbox = inbox_dir(engine)
    (inbox / "stuck.hang").write_bytes(b"HANG forever")
    pdf = "govcn-5339579.pdf"
    (inbox / pdf).write_bytes((FILES / pdf).read_bytes())

    report = process_inbox(engine, now=LATER)
    assert report.counts["new"] == 1 and report.counts["quarantined"] == 1, report.as_dict()
    [entry] = engine.store.quarantine_list()
    assert entry["input_ref"] == "inbox:stuck.hang" and "took over 1 s (settings.parsers.timeout_seconds)" in entry["reason"], entry
    assert entry["capture_sha256"], "the bytes are kept for a later reparse"
    assert any(p.startswith("failed") and p.endswith("stuck.hang") for p in archived(engine))
    assert engine.lookup(doc_number=corpus_index()[pdf]["doc_number"]), "the good file beside it went in"


def test_the_same_file_dropped_twice_in_one_run_is_one_record(engine):
    """The same bytes under two names in one run, one with a sidecar: neither is stored when the other is read,
    so the store's link of bytes to records cannot tell; the run's own map does. It made two records."""
    agency = inbox_dir(engine) / "国务院办公厅"
    agency.mkdir()
    data = (FILES / "govcn-5342665.docx").read_bytes()
    (agency / "a.docx").write_bytes(data)
    (agency / "b.docx").write_bytes(data)
    (agency / "b.docx.json").write_text(json.dumps({"topic": "综合政务"}, ensure_ascii=False), encoding="utf-8")
    counts = process_inbox(engine, now=LATER).counts
    assert (counts["new"], counts["updated"]) == (1, 1), counts
    [record] = list(engine.store.iter_records())
    assert record.version == 2


def test_a_file_dropped_again_with_its_sidecar_completed_is_a_new_version(engine):
    """An agency drops a file with no 索引号 (its id is its content's), then the same bytes again with a sidecar
    adding a 文号 and a topic: a new version of the same record, not a second record. Dropped once more with a
    索引号, it takes that id and the earlier record is withdrawn (superseded, as for a pushed file)."""
    inbox = inbox_dir(engine)
    agency = inbox / "国务院办公厅"
    agency.mkdir()
    name = "govcn-5342665.docx"
    data = (FILES / name).read_bytes()

    def drop(sidecar: dict | None) -> dict:
        (agency / name).write_bytes(data)
        if sidecar is not None:
            (agency / f"{name}.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
        return process_inbox(engine, now=LATER).counts

    assert drop(None)["new"] == 1
    [first] = list(engine.store.iter_records())
    assert drop({"doc_number": "国发〔2018〕99号", "topic": "综合政务"})["updated"] == 1
    [again] = list(engine.store.iter_records())
    assert again.id == first.id and again.topic == "综合政务" and again.version == 2
    assert drop({"doc_number": "国发〔2018〕99号", "topic": "综合政务", "index_number": "000014349/2018-00999"})["new"] == 1
    assert engine.store.get(first.id).withdrawn
    assert [r.index_number for r in engine.store.iter_records(include_withdrawn=False)] == ["000014349/2018-00999"]


def test_a_drop_folder_line_over_the_size_limit_is_retried_from_the_archived_file(settings, tmp_path):
    # The probe: `quarantine retry` of inbox:厦门市财政局/huge.jsonl#2 (over records.max_record_bytes, kept without
    # its bytes) answered "the original input is no longer available" though the file lay in inbox-archive/failed/.
    from gongkai.settings import load_settings

    small = load_settings(data_dir=settings.data_dir, records={"max_record_bytes": 2000})
    rows = [{"title": f"厦门市财政局关于{what}的通知", "body": what * n, "issuer": "厦门市财政局", "publish_date": "2024-05-06"}
            for what, n in (("预算", 10), ("决算", 1000), ("采购", 10))]
    with inbox_engine(small) as engine:
        agency = inbox_dir(engine) / "厦门市财政局"
        agency.mkdir()
        (agency / "huge.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        assert process_inbox(engine, now=LATER).counts["quarantined"] == 1
        [entry] = engine.store.quarantine_list()
        assert entry["input_ref"] == "inbox:厦门市财政局/huge.jsonl#2" and "over the limit" in entry["reason"]
        # Still over the limit: quarantined again for that reason, read from the archived file.
        assert "over the limit" in engine.retry_quarantined(entry["id"]).error
        [again] = engine.store.quarantine_list()
        assert again["input_ref"] == entry["input_ref"] and "over the limit" in again["reason"]
    with closing(Engine(load_settings(data_dir=settings.data_dir))) as engine:  # the limit raised
        result = engine.retry_quarantined(again["id"])
        assert result.status == "new" and engine.get(result.id).title == "厦门市财政局关于决算的通知"
        assert engine.store.quarantine_list() == []
        # Only line 2 was read again: lines 1 and 3 went in with the first run, once.
        assert engine.store.count() == 3


def test_a_retry_that_finds_no_input_keeps_the_first_reason(settings):
    with inbox_engine(settings) as engine:
        first = engine.store.quarantine(input_ref="inbox:厦门市财政局/gone.jsonl#2", source="inbox:厦门市财政局",
                                        reason="inbox:厦门市财政局/gone.jsonl#2: the record is 3766 bytes, over the limit")
        error = engine.retry_quarantined(first).error
        assert error == ("inbox:厦门市财政局/gone.jsonl#2: the original input is no longer available; "
                         "quarantined before: the record is 3766 bytes, over the limit")
        [second] = engine.store.quarantine_list()
        assert engine.retry_quarantined(second["id"]).error == error  # the first reason, once
