"""A killed job is shown as lost at once (issue #23 item 5): a real scheduler process, SIGKILLed mid-run.

Nobody takes over (no second scheduler): the next `gongkai jobs list`, `jobs history`, `status` and the admin
page already show the run as lost, with the counts it had committed (written by its lease heartbeat) and
ending when it was last seen alive, not when someone looked.
"""

from __future__ import annotations

import json
import os
import signal
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.ops.auth import hash_password
from gongkai.ops.db import ops_engine
from gongkai.ops.history import RunLog
from tests.test_ops_cli import cli
from tests.test_sched_process import settings_of, start_scheduler
from tests.test_sched_service import ALL_OFF, wait_for, write_jsonl

pytestmark = pytest.mark.slow
PASSWORD = "值班-2026"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    monkeypatch.delenv("GONGKAI_CONFIG", raising=False)
    monkeypatch.delenv("GONGKAI_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)


def write_config(tmp_path: Path, big: Path) -> Path:
    lines = [f'data_dir = "{tmp_path / "data"}"', "[store]", "batch_size = 50", "[scheduler]",
             "lease_seconds = 3",  # heartbeat every second
             'admin_user = "ops"', f'admin_password_hash = "{hash_password(PASSWORD, iterations=50_000)}"']
    lines += [f'{key} = "{value}"' for key, value in ALL_OFF.items()]
    lines += ["[scheduler.extra_jobs.big]", 'target = "gongkai.ops.tasks:ingest_paths"', 'schedule = "every 1s"',
              f'kwargs = {{ paths = ["{big}"] }}']
    config = tmp_path / "gongkai.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def parse_time(iso: str) -> datetime:
    moment = datetime.fromisoformat(iso)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_sigkilled_scheduler_run_is_lost_at_once_with_its_committed_counts(tmp_path):
    big = write_jsonl(tmp_path / "big.jsonl", copies=60)  # 2,400 records in batches of 50: many seconds
    config = write_config(tmp_path, big)
    engine = Engine(settings_of(config))
    runs = RunLog(ops_engine(engine.settings.resolved_database_url))
    proc = start_scheduler(config, tmp_path / "scheduler.log")
    try:
        # the heartbeat has written committed counts into the running row
        wait_for(lambda: [r for r in runs.recent("big") if r.outcome == "running" and r.new >= 100], timeout=60,
                 what="a heartbeat with committed counts")
        _, out, _ = cli(config, "jobs", "list", "--json")
        assert next(j for j in json.loads(out)["jobs"] if j["name"] == "big")["last_run"]["outcome"] == "running"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    killed_at = datetime.now(UTC)
    stored = engine.store.count()

    # jobs list: lost, not running, with the counts it had committed
    code, out, _ = cli(config, "jobs", "list", "--json")
    assert code == 0
    job = next(j for j in json.loads(out)["jobs"] if j["name"] == "big")
    assert job["running"] is None
    last = job["last_run"]
    assert last["outcome"] == "lost"
    assert 100 <= last["new"] <= stored < 2400  # what the heartbeat saw committed; never more than is stored
    assert last["counts"]["new"] == last["new"]
    # it ends when it was last seen alive (a heartbeat at most ~1 s before the kill), not at the look
    assert last["ended_at"] == last["last_seen"]
    assert 0 <= (killed_at - parse_time(last["ended_at"])).total_seconds() < 3
    assert "last seen alive" in last["message"] and "killed or crashed" in last["message"]

    code, out, _ = cli(config, "jobs", "list")
    assert "lost" in out
    code, out, _ = cli(config, "jobs", "show", str(last["id"]))
    assert "lost" in out and "last seen alive" in out

    # jobs history: the same row
    code, out, _ = cli(config, "jobs", "history", "big", "--json")
    history = [json.loads(line) for line in out.splitlines() if line.strip()]  # JSON Lines, one run a line
    [lost] = [r for r in history if r["outcome"] == "lost"]
    assert lost["id"] == last["id"] and lost["new"] == last["new"] and not [r for r in history if r["outcome"] == "running"]

    # status: among the failed runs of the last 24 h
    code, out, _ = cli(config, "status", "--json")
    status = json.loads(out)
    assert [r["id"] for r in status["failed_jobs_24h"]] == [last["id"]]
    code, out, _ = cli(config, "status")
    assert "failed jobs: none" not in out and "big" in out

    # the admin page
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    os.environ["GONGKAI_CONFIG"] = str(config)
    try:
        with serve_in_thread(create_app(engine)) as base_url:
            page = httpx.get(f"{base_url}/admin", auth=("ops", PASSWORD), timeout=10).text
            run_page = httpx.get(f"{base_url}/admin/runs/{last['id']}", auth=("ops", PASSWORD), timeout=10).text
    finally:
        del os.environ["GONGKAI_CONFIG"]
    assert "1 次失败 failed runs in the last 24 h" in page
    assert f'<a href="/admin/runs/{last["id"]}">{last["id"]}</a></td><td>big</td>' in page
    assert ">lost<" in page or "lost " in page
    assert "last seen alive" in page and "last seen alive" in run_page
    # looking again changes nothing: the row is final
    assert runs.get(last["id"]).as_dict(with_traceback=False) == {**last}
    engine.close()


def test_a_crawl_job_killed_with_its_process_is_lost_with_the_crawl_counts_and_the_crawl_stops(tmp_path):
    """`gongkai jobs run` of a crawl, SIGKILLed mid-crawl: the run is lost with what the crawl child had
    committed (copied from crawl_runs while it ran), and the orphaned child stops itself and records its crawl."""
    import subprocess
    import sys

    from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
    from gongkai.crawlers.state import CrawlState

    # xm-fgw's slow page (6 s) keeps the crawl going when it is killed
    with FixtureSites.from_folder(fixture_sites_dir(), names=["xm-fgw"], slow_seconds=6) as sites:
        lines = [f'data_dir = "{tmp_path / "data"}"', "[scheduler]", "lease_seconds = 3"]
        lines += [f'{key} = "{value}"' for key, value in ALL_OFF.items()]
        lines += ["[scheduler.extra_jobs.fgw]", 'target = "gongkai.ops.crawl_jobs:crawl_site"', 'schedule = "off"',
                  f'kwargs = {{ site = "xm-fgw", sites_dir = "{fixture_sites_dir()}", base_url = "{sites.base_urls["xm-fgw"]}", batch = 1 }}']
        config = tmp_path / "gongkai.toml"
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        env = {**os.environ, "GONGKAI_CONFIG": str(config)}
        env.pop("GONGKAI_DATA_DIR", None)
        proc = subprocess.Popen([sys.executable, "-c", "from gongkai.cli.main import app; app()", "jobs", "run", "fgw"],
                                env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        engine = Engine(settings_of(config))
        runs = RunLog(ops_engine(engine.settings.resolved_database_url))
        try:
            wait_for(lambda: [r for r in runs.recent("fgw") if r.outcome == "running" and r.new >= 2], timeout=60,
                     what="the crawl's committed counts in the job's heartbeat")
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        _, out, _ = cli(config, "jobs", "history", "fgw", "--json")
        [run] = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert run["outcome"] == "lost" and run["new"] >= 2 and run["counts"]["pages"] >= run["new"]
        assert run["ended_at"] == run["last_seen"]
        # the crawl child saw its parent die and stopped gracefully: its crawl is recorded as finished
        state = CrawlState.from_settings(engine.settings)
        try:
            finished = wait_for(lambda: [c for c in state.runs("xm-fgw") if c["finished_at"] is not None], timeout=30,
                                what="the orphaned crawl child to stop and record its run")
        finally:
            state.close()
        assert finished[0]["counts"]["new"] >= run["new"]
    engine.close()
