"""The scheduler as operators run it: `python scheduler.py` in a real subprocess, stopped with real signals."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import column, select, table

from gongkai.engine import Engine
from gongkai.ops import locks
from gongkai.ops.db import ops_engine
from gongkai.ops.tables import SCHEDULER_JOBS_TABLE
from gongkai.settings import load_settings
from tests.test_sched_service import ALL_OFF, runs_of, wait_for, write_jsonl

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def write_config(tmp_path: Path, jobs: dict[str, tuple[str, list[Path]]], batch_size: int = 500) -> Path:
    """gongkai.toml with only `jobs` (name -> (schedule, paths to ingest)) scheduled."""
    lines = [f'data_dir = "{tmp_path / "data"}"', "[store]", f"batch_size = {batch_size}", "[scheduler]", "lease_seconds = 30"]
    lines += [f'{key} = "{value}"' for key, value in ALL_OFF.items()]
    for name, (schedule, paths) in jobs.items():
        lines += [f"[scheduler.extra_jobs.{name}]", 'target = "gongkai.ops.tasks:ingest_paths"', f'schedule = "{schedule}"',
                  "kwargs = { paths = [" + ", ".join(f'"{p}"' for p in paths) + "] }"]
    config = tmp_path / "gongkai.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def start_scheduler(config: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "GONGKAI_CONFIG": str(config)}
    env.pop("GONGKAI_DATA_DIR", None)
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, str(REPO / "scheduler.py")], cwd=config.parent, env=env, stdout=out, stderr=subprocess.STDOUT)


def stored_jobs(engine: Engine) -> dict[str, float | None]:
    jobs = table(SCHEDULER_JOBS_TABLE, column("id"), column("next_run_time"))
    with ops_engine(engine.settings.resolved_database_url).connect() as conn:
        return {row.id: row.next_run_time for row in conn.execute(select(jobs.c.id, jobs.c.next_run_time))}


def settings_of(config: Path):
    os.environ["GONGKAI_CONFIG"] = str(config)
    try:
        return load_settings()
    finally:
        del os.environ["GONGKAI_CONFIG"]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    monkeypatch.delenv("GONGKAI_CONFIG", raising=False)
    monkeypatch.delenv("GONGKAI_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)


def test_sigkill_and_restart_neither_loses_nor_duplicates_jobs(tmp_path):
    drop = write_jsonl(tmp_path / "drop.jsonl")
    config = write_config(tmp_path, {"tick": ("every 1s", [drop]), "hourly": ("every 1h", [drop]), "nightly": ("0 3 * * *", [drop])})
    log = tmp_path / "scheduler.log"
    engine = Engine(settings_of(config))
    first = start_scheduler(config, log)
    try:
        wait_for(lambda: len(runs_of(engine, "tick")) >= 3, what="three runs of 'tick'")
        before = stored_jobs(engine)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    assert set(before) == {"tick", "hourly", "nightly"}
    db = ops_engine(engine.settings.resolved_database_url)
    # The dead scheduler's lease row is still there; it must not block the restart.
    assert locks.holder_of(db, "scheduler") is None

    # Simulate downtime across three slots of 'hourly' through APScheduler's own job store API:
    # its stored next run now lies three hours in the past, as if the machine had been off since then.
    store = SQLAlchemyJobStore(url=engine.settings.resolved_database_url, tablename=SCHEDULER_JOBS_TABLE)
    store.start(BackgroundScheduler(), "default")
    hourly_job = store.lookup_job("hourly")
    hourly_job._modify(next_run_time=datetime.now(UTC) - timedelta(hours=3, minutes=1))
    store.update_job(hourly_job)
    store.shutdown()
    restarted_at = datetime.now(UTC)

    second = start_scheduler(config, log)
    try:
        wait_for(lambda: any(r.started_at > restarted_at for r in runs_of(engine, "tick")), what="'tick' after the restart")
        wait_for(lambda: runs_of(engine, "hourly"), what="the missed 'hourly' run")
        time.sleep(2.5)
        after = stored_jobs(engine)
        hourly = runs_of(engine, "hourly")
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(30) == 0, log.read_text()

    assert set(after) == {"tick", "hourly", "nightly"}  # nothing lost, nothing added twice
    assert after["nightly"] == before["nightly"]  # a stored job keeps its next run across the restart
    assert len(hourly) == 1 and hourly[0].outcome == "ok"  # three missed slots ran once (coalesced)
    assert after["hourly"] > time.time()
    # a slot that came while the previous run was busy is noted 'skipped' (a loaded machine: a run of 40
    # records can outlast 1 s), a run cut by the SIGTERM 'interrupted': every other run must be ok
    ticks = [r for r in runs_of(engine, "tick") if r.outcome not in ("lost", "skipped", "interrupted")]
    assert ticks and all(r.outcome == "ok" for r in ticks), [(r.outcome, r.message) for r in ticks]
    for earlier, later in itertools.pairwise(ticks):  # never two runs of one job at once
        assert later.started_at >= earlier.ended_at
    assert not [r for r in runs_of(engine, "tick") if r.outcome == "running"]  # a run cut by SIGKILL is marked lost
    assert engine.store.count() == 40
    assert locks.all_holders(db) == []
    engine.close()


def test_sigterm_mid_run_ends_cleanly_records_the_run_and_the_next_start_picks_up(tmp_path):
    big = write_jsonl(tmp_path / "big.jsonl", copies=30)  # 1,200 records in batches of 50: several seconds
    config = write_config(tmp_path, {"big": ("every 1s", [big])}, batch_size=50)
    log = tmp_path / "scheduler.log"
    engine = Engine(settings_of(config))
    proc = start_scheduler(config, log)
    try:
        wait_for(lambda: engine.store.count() >= 100, what="the first committed batches")
        # The operator tries the same job from a shell meanwhile: refused, not overlapped.
        from tests.test_ops_cli import cli

        code, out, err = cli(config, "jobs", "run", "big")
        assert code == 1 and "already running" in err and f"pid {proc.pid}" in err
        code, out, _ = cli(config, "jobs", "list", "--json")
        big = next(job for job in json.loads(out)["jobs"] if job["name"] == "big")
        assert big["running"]["pid"] == proc.pid and big["next_run_estimated"] is False
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0, log.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
    text = log.read_text()
    assert "SIGTERM received" in text and "scheduler stopped" in text

    # slots that came while it ran are noted as skipped; there is one real run
    [run] = [r for r in runs_of(engine, "big") if r.outcome != "skipped"]
    stored = engine.store.count()
    assert run.outcome == "interrupted" and run.ended_at is not None
    assert run.new == stored < 1200  # nothing half-written: what was counted is exactly what is stored
    engine.refresh()
    assert engine.index.doc_count() == stored
    assert locks.all_holders(ops_engine(engine.settings.resolved_database_url)) == []

    proc = start_scheduler(config, log)
    try:
        done = wait_for(lambda: [r for r in runs_of(engine, "big") if r.outcome == "ok"], timeout=90, what="a complete run")
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
    assert done[0].new == 1200 - stored
    assert engine.store.count() == 1200
    engine.refresh()
    assert engine.index.doc_count() == 1200
    engine.close()


def test_two_scheduler_processes_on_one_database_run_each_slot_once(tmp_path):
    """Issue 20: schedulers on several machines (here two processes) share the jobs; every slot runs once."""
    from gongkai.ops.overview import scheduler_holders

    drop = write_jsonl(tmp_path / "drop.jsonl")
    config = write_config(tmp_path, {"tick": ("every 2s", [drop])})
    engine = Engine(settings_of(config))
    first = start_scheduler(config, tmp_path / "first.log")
    second = start_scheduler(config, tmp_path / "second.log")
    try:
        wait_for(lambda: len(scheduler_holders(engine.settings)) == 2, what="both schedulers to start")
        wait_for(lambda: len([r for r in runs_of(engine, "tick") if r.outcome == "ok"]) >= 4, timeout=30, what="four runs")
        assert first.poll() is None and second.poll() is None  # neither refused: both go on
    finally:
        for proc in (first, second):
            proc.send_signal(signal.SIGTERM)
        assert first.wait(30) == 0 and second.wait(30) == 0
    runs = runs_of(engine, "tick")  # a slot fired by both would show a second run, or a 'skipped' note
    slots = [int(r.started_at.timestamp() // 2) for r in runs]
    assert len(slots) == len(set(slots)), [(r.owner, r.outcome, r.started_at) for r in runs]  # no slot ran twice
    assert {r.outcome for r in runs} == {"ok"}
    engine.close()


def test_documents_ingested_by_a_scheduled_job_are_parsed_by_fork_server_workers(tmp_path):
    """`python scheduler.py` parses documents from a job thread: the workers come from the fork server
    (gongkai.ops.main opts in), which re-imports scheduler.py (guarded) and parses real corpus files."""
    from tests.conftest import CORPUS

    files = sorted((CORPUS / "pdf_docx" / "govcn_as_files").glob("*.docx"))[:2]
    assert len(files) == 2
    config = write_config(tmp_path, {"docs": ("every 1s", files)})
    log = tmp_path / "scheduler.log"
    engine = Engine(settings_of(config))
    proc = start_scheduler(config, log)
    try:
        wait_for(lambda: engine.store.count() >= 2, what="both documents stored")
        wait_for(lambda: [r for r in runs_of(engine, "docs") if r.outcome == "ok"], what="an ok run")
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0, log.read_text()
    records = list(engine.export())
    assert len(records) == 2 and all(r.title and r.doc_number for r in records)
    assert not engine.store.quarantine_list(), engine.store.quarantine_list()
    assert "parser process died" not in log.read_text()
    engine.close()
