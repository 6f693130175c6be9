"""Kept inputs and their retention (polish's leftover: DATA_DIR/stdin/ was never pruned): standard input kept for
`gongkai ingest -` and the drop folder's archive are pruned past `scheduler.kept_inputs_days` (0, the default: kept
for ever), never a file a quarantine entry points to, so its retry still reads it. Real files, real SQLite and Tantivy,
the real drop-folder run, the CLI and the nightly maintenance job."""

from __future__ import annotations

import io
import json
import os
import threading
import time

import pytest

from gongkai.engine import Engine
from gongkai.feeds.inbox import archive_dir, inbox_dir, process_inbox
from gongkai.kept_inputs import prune_kept_inputs
from gongkai.stdin_input import keep_stdin
from tests.cli_run import run
from tests.support import inbox_engine

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

AGENCY = "厦门市财政局"
GOOD = {"title": "厦门市财政局关于预算公开的通知", "issuer": AGENCY, "body": "预算公开", "publish_date": "2024-03-01"}
OTHER = {**GOOD, "title": "厦门市财政局关于决算公开的通知", "body": "决算公开"}
BAD = {"title": "厦门市财政局关于资金下达的通知", "publish_date": "2024-13-01"}
LATER = time.time() + 3600
DAY = 86400


def _lines(*records: dict) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def _files(engine: Engine) -> set[str]:
    data = engine.settings.data_dir
    return {str(p.relative_to(data)) for folder in (data / "stdin", archive_dir(engine)) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def engine(settings):
    with inbox_engine(settings) as engine:
        yield engine


def _deliver(engine: Engine) -> tuple[str, str]:
    """Two standard inputs (one with a bad line) and a drop-folder run (one good file, one with a bad record, a document
    whose sidecar is refused): the names of the two kept standard inputs."""
    data = engine.settings.data_dir
    clean, broken = keep_stdin(io.BytesIO(_lines(GOOD)), data), keep_stdin(io.BytesIO(_lines(OTHER, BAD)), data)
    engine.ingest_paths([clean, broken])
    folder = inbox_dir(engine) / AGENCY
    folder.mkdir()
    (folder / "ok.jsonl").write_bytes(_lines({**GOOD, "title": "厦门市财政局关于采购公开的通知"}))
    (folder / "bad.jsonl").write_bytes(_lines({**GOOD, "title": "厦门市财政局关于绩效公开的通知"}, BAD))
    (folder / "report.txt").write_text("厦门市财政局关于预算执行情况的报告\n\n各单位：现将预算执行情况报告如下。" * 5, encoding="utf-8")
    (folder / "report.txt.json").write_text('{"version": 3}', encoding="utf-8")  # a store-set field: refused
    counts = process_inbox(engine, now=LATER).counts
    assert counts["quarantined"] == 2 and counts["new"] == 2, counts
    return str(clean.relative_to(data)), str(broken.relative_to(data))


def test_old_kept_inputs_are_pruned_but_never_what_a_quarantine_entry_points_to(engine):
    clean, broken = _deliver(engine)
    before = _files(engine)
    assert len(before) == 6
    assert prune_kept_inputs(engine.settings, engine.store, 0, now=time.time() + 400 * DAY).deleted == []  # 0: for ever
    assert prune_kept_inputs(engine.settings, engine.store, 2).deleted == []  # all younger than 2 days

    report = prune_kept_inputs(engine.settings, engine.store, 2, now=time.time() + 3 * DAY)
    after = _files(engine)
    assert before - after == {clean, next(f for f in before if f.endswith(f"{AGENCY}/ok.jsonl") and "failed" not in f)}
    assert broken in after and report.freed_bytes > 0 and len(report.kept_for_quarantine) == 4
    assert {f.rpartition("/")[2] for f in after if "failed/" in f} == {"bad.jsonl", "report.txt", "report.txt.json"}

    # every quarantined item still finds its input: the line of the kept standard input and the archived drop files
    for entry in engine.store.quarantine_list():
        assert "no longer available" not in (engine.retry_quarantined(entry["id"]).error or ""), entry
    # resolved entries keep theirs too (a retry still takes them)
    for entry in engine.store.quarantine_list("open"):
        engine.store.quarantine_set_status(entry["id"], "resolved")
    assert prune_kept_inputs(engine.settings, engine.store, 2, now=time.time() + 3 * DAY).deleted == []
    assert not [p for p in archive_dir(engine).rglob("*") if p.is_dir() and not any(p.iterdir())]  # no empty folders left


def test_the_setting_the_command_and_the_nightly_job(engine, settings, monkeypatch):
    from gongkai.ops.runner import JobContext
    from gongkai.ops.tasks import maintenance

    _deliver(engine)
    data = settings.data_dir
    kept = run(data, "inbox", "prune", "--json")
    assert kept.exit_code == 0 and json.loads(kept.stdout)["days"] == 0 and json.loads(kept.stdout)["deleted"] == 0
    assert "kept for ever" in run(data, "inbox", "prune").stdout
    assert json.loads(run(data, "inbox", "prune", "--days", "1", "--json").stdout)["deleted"] == 0  # all young
    assert run(data, "inbox", "prune", "--days", "-1").exit_code == 2

    engine.settings.scheduler = engine.settings.scheduler.model_copy(update={"kept_inputs_days": 1, "maintenance_reindex": False})
    result = maintenance(engine, JobContext("maintenance", engine, threading.Event()))
    assert result["kept_inputs_pruned"] == 0 and result["kept_inputs_for_quarantine"] == 0  # nothing old yet
    assert len(_files(engine)) == 6


def test_raw_captures_of_a_run_that_failed_as_a_whole_are_pruned_with_the_kept_inputs(engine):
    """Doors2, session 11: a run that fails as a whole (a full disk) has put its documents' bytes in DATA_DIR/raw/ before
    the batch that writes their rows; with no row they were kept for ever unless the same bytes came again. Past
    `kept_inputs_days` they are deleted with the kept inputs, and a half write's `.tmp-` file too; a capture a record was
    parsed from is kept, and an old capture kept again is made young (its run is writing the row)."""
    from tests.hostile_cases import FILES

    folder = inbox_dir(engine) / AGENCY
    folder.mkdir()
    document = FILES / "govcn-5342665.docx"
    (folder / document.name).write_bytes(document.read_bytes())
    assert process_inbox(engine, now=LATER).counts["new"] == 1
    [record] = list(engine.store.iter_records())
    [linked] = engine.store.captures_of(record.id)
    # what the failed batch left: its documents' bytes on disk (IngestSession keeps them so), no row
    orphan = engine.store.keep_capture("厦门市财政局关于第二批专项资金的通知（未入库的批次）".encode(), source=f"inbox:{AGENCY}").sha256
    raw = engine.settings.raw_dir
    half = raw / "ab" / "cd" / ".tmp-x1y2z3"
    half.parent.mkdir(parents=True, exist_ok=True)
    half.write_bytes(b"half a capture")

    assert prune_kept_inputs(engine.settings, engine.store, 2, now=time.time() + DAY).orphan_captures == 0  # too young
    report = prune_kept_inputs(engine.settings, engine.store, 2, now=time.time() + 3 * DAY)
    assert report.orphan_captures == 2 and len(report.deleted) == 2 + 1, report.as_dict()  # and the archived document
    assert not engine.store.blobs.exists(orphan) and not half.exists()
    assert engine.store.blobs.exists(linked)
    assert engine.reparse([record.id])[0].counts.get("quarantined", 0) == 0  # the record's own capture still reads

    # an old capture kept again (a later run of the same bytes, its row about to be written) is made young
    path = engine.store.blobs.path_for(linked)
    os.utime(path, (time.time() - 3 * DAY, time.time() - 3 * DAY))
    engine.store.keep_capture(document.read_bytes(), source=f"inbox:{AGENCY}")
    assert path.stat().st_mtime > time.time() - 60

    said = run(engine.settings.data_dir, "inbox", "prune", "--days", "2")
    assert said.exit_code == 0 and "其中无记录引用的原始文件 0 个" in " ".join(said.stdout.split()), said.stdout
