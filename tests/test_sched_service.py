"""The scheduler in this process: real APScheduler, real SQLite store and tantivy index in tmp_path,
jobs that really ingest JSON Lines made from the real gov.cn corpus."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.ops import locks
from gongkai.ops.db import ops_engine
from gongkai.ops.history import JobRun, RunLog
from gongkai.ops.jobs import build_job_specs, find_spec
from gongkai.ops.runner import JobBusyError, JobRunner
from gongkai.ops.service import RECONCILE_SECONDS, SchedulerAlreadyRunning, SchedulerService, set_paused
from gongkai.settings import load_settings
from tests.conftest import govcn_records
from tests.support import wait_for  # other scheduler tests import it from here

#: every built-in job off: each test schedules only its own jobs
ALL_OFF = dict(crawl="off", newspaper="off", inbox="off", feeds_poll="off", sync_push="off", maintenance="off", alerts="off", validity="off")


def write_jsonl(path: Path, copies: int = 1) -> Path:
    """The 40 real gov.cn records; with copies > 1, distinct copies (own 索引号 and URL) for a long ingest."""
    base = govcn_records()
    with path.open("w", encoding="utf-8") as handle:
        for n in range(len(base) * copies):
            record = dict(base[n % len(base)])
            if copies > 1:
                record.update(index_number=f"XM-COPY-{n:06d}", url=record["url"] + f"?copy={n}", title=f"{record['title']}（副本{n}）")
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def ingest_job(paths: list[Path], schedule: str) -> dict[str, Any]:
    return {"target": "gongkai.ops.tasks:ingest_paths", "schedule": schedule, "kwargs": {"paths": [str(p) for p in paths]}}


def make_engine(tmp_path: Path, jobs: dict[str, dict[str, Any]], batch_size: int = 500, **scheduler: Any) -> Engine:
    settings = load_settings(
        data_dir=tmp_path / "data",
        store={"batch_size": batch_size},
        scheduler={**ALL_OFF, "lease_seconds": 30, **scheduler, "extra_jobs": jobs},
    )
    return Engine(settings)


def runs_of(engine: Engine, job: str) -> list[JobRun]:
    """Oldest first."""
    return list(reversed(RunLog(ops_engine(engine.settings.resolved_database_url)).recent(job, limit=1000)))


@pytest.fixture(autouse=True)
def _no_stray_config(monkeypatch, tmp_path):
    monkeypatch.delenv("GONGKAI_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


def test_scheduler_runs_due_jobs_records_every_run_and_a_failing_job_does_not_stop_the_others(tmp_path):
    drop = write_jsonl(tmp_path / "drop.jsonl")
    engine = make_engine(tmp_path, {
        "drop": ingest_job([drop], "every 1s"),
        "broken": ingest_job([tmp_path / "no-such-export.jsonl"], "every 1s"),
        "missing-piece": {"target": "gongkai.not_written_yet:crawl", "schedule": "every 1s"},
        "typo": ingest_job([drop], "every day"),
    })
    service = SchedulerService(engine)
    service.start()
    try:
        wait_for(lambda: len(runs_of(engine, "broken")) >= 2 and len([r for r in runs_of(engine, "drop") if r.outcome == "ok"]) >= 3
                 and any(r.outcome == "failed" for r in runs_of(engine, "missing-piece")),
                 what="two failed runs of 'broken', three runs of 'drop' and a failed run of 'missing-piece'")
    finally:
        service.stop()

    # a slot that came while the previous run was busy is noted 'skipped'; a run cut by the stop is 'interrupted'
    drop_runs = [r for r in runs_of(engine, "drop") if r.outcome not in ("skipped", "interrupted")]
    assert all(r.outcome == "ok" for r in drop_runs), [(r.outcome, r.message) for r in drop_runs]
    first, later = drop_runs[0], drop_runs[1:]
    assert (first.new, first.changed, first.errors) == (40, 0, 0)
    assert first.counts["new"] == 40 and first.ended_at >= first.started_at
    assert all(r.new == 0 and r.counts.get("unchanged") == 40 for r in later)  # re-ingest: no new versions

    # a run still in flight when the scheduler stopped is 'running' or 'interrupted', a late slot 'skipped'
    # or 'missed': every run that ended by itself failed
    all_broken = runs_of(engine, "broken")
    assert not any(r.outcome == "ok" for r in all_broken), [(r.outcome, r.message) for r in all_broken]
    broken = [r for r in all_broken if r.outcome == "failed"]
    assert len(broken) >= 2
    assert "FileNotFoundError" in broken[0].message and "no-such-export.jsonl" in broken[0].message
    assert "Traceback" in broken[0].traceback and "ingest_paths" in broken[0].traceback
    # the others went on after the first failure
    assert any(r.started_at > broken[0].ended_at for r in drop_runs)

    [typo] = runs_of(engine, "typo")  # a bad schedule: recorded once at start, the other jobs run
    assert typo.outcome == "failed" and "not scheduled" in typo.message and "every day" in typo.message
    assert "typo" not in service.scheduled_jobs()

    # (under load its first slot may come while the scheduler is busy: noted 'skipped', as for 'drop')
    missing = [r for r in runs_of(engine, "missing-piece") if r.outcome not in ("skipped", "missed", "interrupted")]
    assert missing and all(r.outcome == "failed" for r in missing), [(r.outcome, r.message) for r in missing]
    assert "cannot load gongkai.not_written_yet:crawl" in missing[0].message

    assert engine.store.count() == 40
    hits = engine.search(SearchRequest(q="国务院办公厅", limit=5))
    assert hits.total > 0
    engine.close()


def test_stop_ends_a_running_ingest_after_a_committed_batch_and_records_it_interrupted(tmp_path):
    big = write_jsonl(tmp_path / "big.jsonl", copies=30)  # 1,200 records, several seconds in batches of 50
    engine = make_engine(tmp_path, {"big": ingest_job([big], "every 1s")}, batch_size=50)
    service = SchedulerService(engine)
    service.start()
    try:
        wait_for(lambda: engine.store.count() >= 100, what="the first batches to be committed")
    finally:
        service.stop(wait=True)

    # slots that came while it ran are noted as skipped; there is one real run
    [run] = [r for r in runs_of(engine, "big") if r.outcome != "skipped"]
    assert run.outcome == "interrupted"
    stored = engine.store.count()
    assert 100 <= stored < 1200
    assert run.new == stored  # every counted record is stored, every stored record is counted: no half batch
    engine.refresh()
    assert engine.index.doc_count() == stored  # and the index caught up before the job ended
    assert locks.all_holders(ops_engine(engine.settings.resolved_database_url)) == []  # leases released

    # the next run picks up where it stopped: the rest is new, nothing stored twice
    runner = JobRunner(engine)
    spec = find_spec(build_job_specs(engine.settings)[0], "big")
    rerun = runner.run(spec, trigger="manual")
    runner.close()
    assert rerun.outcome == "ok"
    assert rerun.new == 1200 - stored and rerun.counts["unchanged"] == stored
    assert engine.store.count() == 1200
    engine.close()


def test_one_run_of_a_job_at_a_time_across_runners(tmp_path):
    big = write_jsonl(tmp_path / "big.jsonl", copies=15)
    engine = make_engine(tmp_path, {"big": ingest_job([big], "off")}, batch_size=50)
    spec = find_spec(build_job_specs(engine.settings)[0], "big")
    first, second = JobRunner(engine), JobRunner(engine)
    done: list[JobRun] = []
    thread = threading.Thread(target=lambda: done.append(first.run(spec, trigger="scheduled")))
    thread.start()
    db = ops_engine(engine.settings.resolved_database_url)
    def running_holder():
        holder = locks.holder_of(db, "job:big")
        return holder if holder is not None and holder.run_id is not None else None

    holder = wait_for(running_holder, what="the first run to hold the lease")
    with pytest.raises(JobBusyError, match="already running"):
        second.run(spec, trigger="manual")
    thread.join(60)
    assert done and done[0].outcome == "ok" and done[0].new == 600
    assert holder.run_id == done[0].id
    again = second.run(spec, trigger="manual")  # free again once the first ended
    assert again.outcome == "ok" and again.new == 0
    assert [r.trigger for r in runs_of(engine, "big")] == ["scheduled", "manual"]  # the refused run left no row
    first.close(), second.close(), engine.close()


def test_a_paused_job_does_not_run_until_resumed_even_when_switched_from_elsewhere(tmp_path):
    drop = write_jsonl(tmp_path / "drop.jsonl")
    engine = make_engine(tmp_path, {"drop": ingest_job([drop], "every 1s")})
    db = ops_engine(engine.settings.resolved_database_url)
    set_paused(db, "drop", True)
    service = SchedulerService(engine)
    service.start()
    try:
        time.sleep(2.5)
        assert runs_of(engine, "drop") == []
        assert service.scheduled_jobs() == {"drop": None}  # None: paused in APScheduler's store too
        set_paused(db, "drop", False)  # what `gongkai jobs resume drop` does, from another process
        wait_for(lambda: runs_of(engine, "drop"), timeout=RECONCILE_SECONDS + 10, what="a run after resume")
        set_paused(db, "drop", True)
        wait_for(lambda: service.scheduled_jobs()["drop"] is None, timeout=RECONCILE_SECONDS + 5, what="the pause to apply")
        time.sleep(0.5)  # a run that had already started may finish
        count = len(runs_of(engine, "drop"))
        time.sleep(2.5)
        assert len(runs_of(engine, "drop")) == count
    finally:
        service.stop()
    engine.close()


def test_only_one_scheduler_per_process(tmp_path):  # per database: see test_sched_process
    engine = make_engine(tmp_path, {"later": ingest_job([tmp_path], "every 1h")})
    first = SchedulerService(engine)
    first.start()
    try:
        other = SchedulerService(Engine(engine.settings))
        with pytest.raises(SchedulerAlreadyRunning, match="already active in this process"):
            other.start()
    finally:
        first.stop()
    again = SchedulerService(engine)  # released on stop: a new one starts
    again.start()
    again.stop()
    engine.close()


def test_restart_keeps_unchanged_jobs_reschedules_changed_ones_and_drops_removed_ones(tmp_path):
    engine = make_engine(tmp_path, {
        "keep": ingest_job([tmp_path], "every 1h"),
        "change": ingest_job([tmp_path], "0 3 * * *"),
        "remove": ingest_job([tmp_path], "every 1h"),
    })
    service = SchedulerService(engine)
    service.start()
    before = service.scheduled_jobs()
    service.stop()
    assert set(before) == {"keep", "change", "remove"}

    settings = load_settings(data_dir=tmp_path / "data", scheduler={**ALL_OFF, "extra_jobs": {
        "keep": ingest_job([tmp_path], "every 1h"),
        "change": ingest_job([tmp_path], "0 4 * * *"),
    }})
    engine2 = Engine(settings)
    service = SchedulerService(engine2)
    service.start()
    after = service.scheduled_jobs()
    service.stop()
    assert set(after) == {"keep", "change"}
    assert after["keep"] == before["keep"]
    assert after["change"].hour == 4 and after["change"] != before["change"]
    engine.close(), engine2.close()


def test_a_run_later_than_the_misfire_grace_is_recorded_missed_not_run(tmp_path):
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    from gongkai.ops.tables import SCHEDULER_JOBS_TABLE

    drop = write_jsonl(tmp_path / "drop.jsonl")
    engine = make_engine(tmp_path, {"nightly": ingest_job([drop], "0 3 * * *")}, misfire_grace_seconds=60)
    service = SchedulerService(engine)
    service.start()
    service.stop()
    # The machine was off at 03:00 and comes back two hours later: beyond the grace of 60 s.
    store = SQLAlchemyJobStore(url=engine.settings.resolved_database_url, tablename=SCHEDULER_JOBS_TABLE)
    store.start(BackgroundScheduler(), "default")
    job = store.lookup_job("nightly")
    job._modify(next_run_time=datetime.now(UTC) - timedelta(hours=2))
    store.update_job(job)
    store.shutdown()

    service = SchedulerService(engine)
    service.start()
    try:
        [missed] = wait_for(lambda: runs_of(engine, "nightly"), what="the missed run to be noted")
        next_run = service.scheduled_jobs()["nightly"]
    finally:
        service.stop()
    assert missed.outcome == "missed" and "60 s late" in missed.message
    assert engine.store.count() == 0  # it did not run
    assert next_run > datetime.now(UTC) and next_run.hour == 3  # it waits for its next slot


def test_background_scheduler_for_a_one_process_install(tmp_path):
    from gongkai.ops.service import start_background_scheduler

    drop = write_jsonl(tmp_path / "drop.jsonl")
    engine = make_engine(tmp_path, {"drop": ingest_job([drop], "every 1s")})
    stop = start_background_scheduler(engine)
    try:
        wait_for(lambda: [r for r in runs_of(engine, "drop") if r.outcome == "ok"], what="a run in the background")
        with pytest.raises(SchedulerAlreadyRunning):
            start_background_scheduler(Engine(engine.settings))
    finally:
        stop()
    stop()  # a second call is harmless
    assert locks.all_holders(ops_engine(engine.settings.resolved_database_url)) == []
    count = len(runs_of(engine, "drop"))
    time.sleep(1.5)
    assert len(runs_of(engine, "drop")) == count  # stopped means stopped
    engine.close()


def test_a_scheduler_whose_lease_was_taken_over_stands_down(tmp_path):
    from sqlalchemy import update

    from gongkai.ops.tables import job_locks

    drop = write_jsonl(tmp_path / "drop.jsonl")
    engine = make_engine(tmp_path, {"drop": ingest_job([drop], "every 1s")}, lease_seconds=3)
    service = SchedulerService(engine)
    service.start()
    try:
        wait_for(lambda: runs_of(engine, "drop"), what="a first run")
        # As if this process had stalled past its lease and a second scheduler had taken over.
        db = ops_engine(engine.settings.resolved_database_url)
        with db.begin() as conn:
            conn.execute(update(job_locks).where(job_locks.c.name == service.lease_name).values(owner="elsewhere:1:cafe0001", host="elsewhere"))
        wait_for(service.lease_lost.is_set, timeout=15, what="the scheduler to notice")
        time.sleep(0.5)
        count = len(runs_of(engine, "drop"))
        time.sleep(2.5)
        assert len(runs_of(engine, "drop")) == count  # no new runs here once the lease is gone
    finally:
        service.stop()
    engine.close()
