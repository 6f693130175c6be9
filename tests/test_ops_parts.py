"""The parts of operations on their own: schedules, job specs, leases, counts, backups, status."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.ingest import IngestReport
from gongkai.ops import locks
from gongkai.ops.backup import BackupError, backup_sqlite, list_backups
from gongkai.ops.db import ops_engine
from gongkai.ops.history import RunLog
from gongkai.ops.jobs import JobConfigError, build_job_specs, find_spec, resolve_target
from gongkai.ops.runner import JobContext, JobRunner, call_job_function, summarize_counts
from gongkai.ops.schedules import ScheduleError, make_trigger, timezone_of
from gongkai.ops.status import collect_status, public_stats
from gongkai.settings import load_settings
from tests.test_sched_service import ALL_OFF, ingest_job, write_jsonl

SHANGHAI = timezone_of("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _no_stray_config(monkeypatch, tmp_path):
    monkeypatch.delenv("GONGKAI_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


# ---------------------------------------------------------------- schedules

def test_schedules_crontab_interval_and_off():
    nightly = make_trigger("30 2 * * *", SHANGHAI)
    after = datetime(2026, 5, 6, 3, 0, tzinfo=SHANGHAI)
    assert nightly.get_next_fire_time(None, after) == datetime(2026, 5, 7, 2, 30, tzinfo=SHANGHAI)
    five = make_trigger("every 5m", SHANGHAI)
    assert five.get_next_fire_time(None, datetime(2026, 5, 6, 10, 1, tzinfo=SHANGHAI)).minute == 5
    assert make_trigger("every 2s", SHANGHAI).interval.total_seconds() == 2
    assert make_trigger("every 1h", SHANGHAI).interval.total_seconds() == 3600
    for off in ("off", "OFF", "", "  never "):
        assert make_trigger(off, SHANGHAI) is None


@pytest.mark.parametrize("bad", ["every 0s", "every 5 days", "61 * * * *", "daily", "* * * *", "30 2 * * * *"])
def test_bad_schedules_name_themselves(bad):
    with pytest.raises(ScheduleError, match="schedule"):
        make_trigger(bad, SHANGHAI)


def test_unknown_timezone_is_a_clear_error():
    with pytest.raises(ScheduleError, match="unknown timezone 'Mars/Olympus'"):
        timezone_of("Mars/Olympus")


# ---------------------------------------------------------------- job specs

def test_jobs_come_from_settings_and_each_site_definition(tmp_path):
    settings = load_settings(data_dir=tmp_path / "data")
    specs, warnings = build_job_specs(settings)
    names = {spec.name for spec in specs}
    assert {"inbox", "feeds-poll", "sync-push", "maintenance"} <= names
    from gongkai.crawlers.sitedef import load_sites

    sites = load_sites()
    assert sites, "the crawlers ship at least one site definition"
    for site in sites.values():
        prefix = "newspaper" if site.kind == "newspaper" else "crawl"
        spec = find_spec(specs, f"{prefix}:{site.name}")
        assert spec is not None and spec.schedule == site.schedule and spec.kwargs == {"site": site.name}
    assert warnings == []

    one_for_all = load_settings(data_dir=tmp_path / "data", scheduler={"crawl": "every 6h", "newspaper": "off"})
    specs, _ = build_job_specs(one_for_all)
    assert {s.schedule for s in specs if s.kind == "crawl"} == {"every 6h"}
    assert {s.schedule for s in specs if s.kind == "newspaper"} <= {"off"}


def test_a_broken_site_loader_is_a_warning_not_a_failure(tmp_path):
    settings = load_settings(data_dir=tmp_path / "data", scheduler={"sites_target": "gongkai.nowhere:load_sites"})
    specs, warnings = build_job_specs(settings)
    assert not [s for s in specs if s.kind == "crawl"]
    assert "crawl jobs not scheduled" in warnings[0] and "gongkai.nowhere" in warnings[0]
    assert find_spec(specs, "maintenance") is not None


def test_extra_jobs_may_not_take_a_builtin_name(tmp_path):
    settings = load_settings(data_dir=tmp_path / "data", scheduler={"extra_jobs": {"inbox": ingest_job([tmp_path], "off")}})
    with pytest.raises(JobConfigError, match="'inbox' is already a built-in job"):
        build_job_specs(settings)


def test_resolve_target_forms():
    assert resolve_target("gongkai.ops.tasks:maintenance").__name__ == "maintenance"
    assert resolve_target("gongkai.ops.tasks.ingest_paths").__name__ == "ingest_paths"
    with pytest.raises(JobConfigError, match="must look like"):
        resolve_target("maintenance")
    with pytest.raises(ModuleNotFoundError):
        resolve_target("gongkai.no_such_module:run")


# ---------------------------------------------------------------- runner conventions

def _ctx() -> JobContext:
    return JobContext("t", engine=None, stop_event=threading.Event())


def test_counts_from_an_ingest_report_a_dict_or_the_callbacks():
    report = IngestReport()
    report.counts.update(new=3, updated=2, unchanged=5, quarantined=1)
    assert summarize_counts(report, _ctx()) | {} == {"new": 3, "updated": 2, "unchanged": 5, "quarantined": 1, "changed": 2, "errors": 1}
    crawl = summarize_counts({"pages": 10, "new": 1, "changed": 2, "withdrawn": 1, "errors": 3, "site": "xm-fgw"}, _ctx())
    assert (crawl["new"], crawl["changed"], crawl["errors"], crawl["site"]) == (1, 3, 3, "xm-fgw")
    ctx = _ctx()
    ctx.progress(new=2)
    ctx.progress(quarantined=1)
    assert summarize_counts(None, ctx) == {"new": 2, "quarantined": 1, "changed": 0, "errors": 1}


def test_job_functions_get_only_the_names_they_declare():
    seen = {}

    def crawl(site, should_stop, on_item):
        seen.update(site=site, stop=should_stop(), on_item=on_item)

    ctx = _ctx()
    call_job_function(crawl, ctx, {"site": "xm-fgw"})
    assert seen["site"] == "xm-fgw" and seen["stop"] is False and seen["on_item"] == ctx.on_item
    with pytest.raises(TypeError):
        call_job_function(lambda: None, ctx, {"site": "x"})  # a kwarg the function does not take: the run fails


def test_until_stopped_ends_the_input_when_asked():
    ctx = _ctx()
    taken = []
    for n in ctx.until_stopped(range(100)):
        taken.append(n)
        if n == 9:
            ctx.stop_event.set()
    assert taken == list(range(10)) and ctx.stopped_early


# ---------------------------------------------------------------- leases

def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_lease_is_exclusive_renewable_and_taken_over_from_a_dead_process(tmp_path):
    db = ops_engine(f"sqlite:///{tmp_path / 'ops.sqlite3'}")
    me, other = locks.new_owner_id(), locks.new_owner_id()
    got = locks.acquire(db, "job:x", me, 60)
    assert isinstance(got, locks.Acquired) and got.taken_over is None
    held = locks.acquire(db, "job:x", other, 60)
    assert isinstance(held, locks.LeaseHolder) and held.owner == me and "pid" in held.describe()
    assert locks.renew(db, "job:x", me, 60) and not locks.renew(db, "job:x", other, 60)
    locks.release(db, "job:x", me)
    assert locks.holder_of(db, "job:x") is None

    dead = f"{locks.HOST}:{_dead_pid()}:deadbeef"
    assert isinstance(locks.acquire(db, "job:y", dead, 3600), locks.Acquired)
    assert locks.holder_of(db, "job:y") is None  # its process is gone: not a live holder
    took = locks.acquire(db, "job:y", me, 60)
    assert isinstance(took, locks.Acquired) and took.taken_over.owner == dead

    foreign = "elsewhere.example:4242:cafe0001"  # another host: only expiry frees it
    assert isinstance(locks.acquire(db, "job:z", foreign, 1), locks.Acquired)
    assert isinstance(locks.acquire(db, "job:z", me, 60), locks.LeaseHolder)
    time.sleep(1.2)
    assert isinstance(locks.acquire(db, "job:z", me, 60), locks.Acquired)


def test_a_run_cut_off_by_a_dead_process_is_marked_lost_when_its_lease_is_taken_over(tmp_path):
    drop = write_jsonl(tmp_path / "drop.jsonl")
    engine = Engine(load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF, "extra_jobs": {"drop": ingest_job([drop], "off")}}))
    db = ops_engine(engine.settings.resolved_database_url)
    dead = f"{locks.HOST}:{_dead_pid()}:deadbeef"
    runs = RunLog(db)
    orphan = runs.start("drop", "scheduled", dead)
    locks.acquire(db, "job:drop", dead, 3600)
    runner = JobRunner(engine)
    run = runner.run(find_spec(build_job_specs(engine.settings)[0], "drop"))
    runner.close()
    assert run.outcome == "ok" and run.new == 40
    lost = runs.get(orphan)
    assert lost.outcome == "lost" and "killed or crashed" in lost.message
    engine.close()


# ---------------------------------------------------------------- backups and maintenance

def test_backup_is_a_consistent_copy_taken_while_writing_and_old_ones_rotate(tmp_path):
    drop = write_jsonl(tmp_path / "drop.jsonl", copies=5)
    engine = Engine(load_settings(data_dir=tmp_path / "data", store={"batch_size": 20}))
    engine.ingest_paths([write_jsonl(tmp_path / "first.jsonl")])
    writer = threading.Thread(target=lambda: engine.ingest_paths([drop]))
    writer.start()
    backups = tmp_path / "data" / "backups"
    made = [backup_sqlite(engine.settings.resolved_database_url, backups, keep=2, pages_per_step=8) for _ in range(3)]
    writer.join(60)
    assert list_backups(backups) == made[1:]  # the oldest rotated away
    for backup in made[1:]:
        with sqlite3.connect(backup) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = conn.execute("SELECT count(*) FROM records").fetchone()[0]
            seq = int(conn.execute("SELECT value FROM meta WHERE key = 'store:seq'").fetchone()[0])
        assert 40 <= count <= 240 and seq >= count  # a snapshot of committed batches, never a torn one
    assert not list(backups.glob("*.part"))
    engine.close()


def test_backup_refuses_what_it_cannot_copy(tmp_path):
    with pytest.raises(BackupError, match="only a SQLite store"):
        backup_sqlite("postgresql://db.example/gongkai", tmp_path, keep=3)
    with pytest.raises(BackupError, match="does not exist"):
        backup_sqlite(f"sqlite:///{tmp_path / 'absent.sqlite3'}", tmp_path, keep=3)


def test_maintenance_job_backs_up_and_rebuilds_the_index(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF, "backups_keep": 1}))
    engine.ingest_paths([write_jsonl(tmp_path / "drop.jsonl")])
    engine.withdraw(next(iter(engine.export())).id, "test")
    runner = JobRunner(engine)
    spec = find_spec(build_job_specs(engine.settings)[0], "maintenance")
    first = runner.run(spec, trigger="manual")
    second = runner.run(spec, trigger="manual")
    runner.close()
    assert first.outcome == "ok" and second.outcome == "ok", (first.message, second.message)
    assert second.counts["indexed"] == 39  # the withdrawn record is not in the rebuilt index
    assert len(list_backups(tmp_path / "data" / "backups")) == 1
    assert Path(second.counts["backup"]).is_file()
    engine.refresh()
    assert engine.index.doc_count() == 39
    engine.close()


# ---------------------------------------------------------------- status

def test_status_is_a_superset_of_engine_stats_and_survives_a_broken_part(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF}))
    engine.ingest_paths([write_jsonl(tmp_path / "drop.jsonl")])
    engine.store.quarantine(input_ref="inbox/bad.pdf", reason="not a PDF", payload=b"%PDF-garbage")
    status = collect_status(engine)
    stats = engine.stats()
    for key in stats:
        if key != "index":
            assert status[key] == stats[key], key
    assert {"documents", "size_bytes", "watermark", "store_seq"} <= set(status["index"])
    assert status["quarantine"] == {"open": 1}
    assert status["sync"]["pending"] == 40 and status["problems"] == []
    assert status["last_sync"] is None and status["last_crawl"] is None  # the /api/stats keys, nothing yet
    from gongkai.web.schemas import Stats

    Stats(**{k: v for k, v in status.items() if k != "data_dir"})  # the web API's schema accepts it as it is
    public = public_stats(engine)
    assert public["records"] == 40 and public["index"]["documents"] == 40
    assert not {"data_dir", "jobs", "failed_jobs_24h", "scheduler", "problems"} & set(public)
    Stats(**public)

    broken = Engine(load_settings(data_dir=tmp_path / "data", scheduler={"sites_target": "gongkai.nowhere:sites"}))
    (tmp_path / "data" / "index" / "CURRENT").write_text("gen-999999\n")  # points at a missing generation
    status = collect_status(broken)
    assert status["records"] == 40  # the store part still shows
    assert any(p.startswith("crawl jobs not scheduled") for p in status["problems"])
    engine.close(), broken.close()


def test_the_feeds_jobs_are_wired_to_the_feeds_package(tmp_path):
    """inbox, feeds-poll and sync-push call gongkai.feeds with the engine; their reports become the counts."""
    engine = Engine(load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF}))
    inbox = tmp_path / "data" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "records.jsonl").write_text(write_jsonl(tmp_path / "drop.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    old = time.time() - 3600  # the drop folder leaves files alone while they may still be being written
    import os

    os.utime(inbox / "records.jsonl", (old, old))
    specs, _ = build_job_specs(engine.settings)
    runner = JobRunner(engine)
    try:
        runs = {name: runner.run(find_spec(specs, name), trigger="manual") for name in ("inbox", "feeds-poll", "sync-push")}
    finally:
        runner.close()
    for name, run in runs.items():
        assert run.outcome == "ok", (name, run.message, run.traceback)
    assert runs["inbox"].new == 40 and runs["inbox"].counts.get("files", 0) >= 1
    assert engine.store.count() == 40
    engine.close()


def test_the_sync_push_job_and_a_cli_push_share_one_lease(tmp_path):
    """The scheduler's sync-push job pushes under its runner's lease; a CLI push (feeds.sync.push) takes the same one."""
    from gongkai.feeds import sync
    from gongkai.feeds.sync_receiver import SyncReceiver
    from gongkai.ops.runner import JobBusyError

    engine = Engine(load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF}))
    engine.ingest_records(_records_of(write_jsonl(tmp_path / "drop.jsonl"))[:5])
    specs, _ = build_job_specs(engine.settings)
    runner = JobRunner(engine)
    try:
        with SyncReceiver() as receiver:
            engine.settings.feeds = engine.settings.feeds.model_copy(update={"sync_url": receiver.url, "sync_timeout_seconds": 5})
            with sync.sync_lease(engine), pytest.raises(JobBusyError, match="sync-push"):
                runner.run(find_spec(specs, "sync-push"), trigger="manual")
            run = runner.run(find_spec(specs, "sync-push"), trigger="manual")
            assert run.outcome == "ok", (run.message, run.traceback)
            assert len(receiver.posted) == 5 == len(set(receiver.posted))
    finally:
        runner.close()
        engine.close()


def _records_of(path: Path) -> list:
    from gongkai.record import Record

    return [Record.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
