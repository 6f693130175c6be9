"""Run now and stop from the admin page, over a real socket, on a real store, index and drop folder.

The blocking job (hold_until_released, an extra job configured in gongkai.toml) holds a run open until the
test releases it, so "already running" and "stop" are tested deterministically; it runs once in the server
process (started from the page) and once in a real `gongkai jobs run` subprocess (a job running elsewhere).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from gongkai.ops.runner import JobContext
from tests.test_sched_service import wait_for

REPO = Path(__file__).resolve().parents[1]
CORPUS_FILES = REPO.parent / "shared" / "corpus" / "pdf_docx" / "govcn_as_files"
PASSWORD = "运维-secret-2026"
AUTH = ("ops", PASSWORD)


def hold_until_released(ctx: JobContext, signal_dir: str, timeout: float = 60.0) -> dict[str, Any]:
    """A job that blocks until told: writes `started` (its pid), then waits for a `release` file, honouring a
    stop at every turn (ctx.check_stop, as real jobs do between batches)."""
    folder = Path(signal_dir)
    (folder / "started").write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + timeout
    while not (folder / "release").exists():
        ctx.check_stop()
        if time.monotonic() > deadline:
            raise TimeoutError("nobody released the job")
        ctx.stop_event.wait(0.05)
    return {"released": 1}


def _cli_env(config: Path) -> dict[str, str]:
    env = {**os.environ, "GONGKAI_CONFIG": str(config), "PYTHONPATH": str(REPO)}
    env.pop("GONGKAI_DATA_DIR", None)
    return env


_JOBS_CLI = [sys.executable, "-c", "from gongkai.cli.main import app; app()", "jobs"]


def jobs_cli(config: Path, *args: str) -> subprocess.CompletedProcess:
    """`gongkai jobs ARGS` in a real subprocess, on the test's config."""
    return subprocess.run([*_JOBS_CLI, *args], cwd=REPO, env=_cli_env(config), capture_output=True, text=True, timeout=60)


@contextlib.contextmanager
def held_by_cli(config: Path, hold_dir: Path) -> Iterator[subprocess.Popen]:
    """`gongkai jobs run hold --json` in a real subprocess, running (holding the job) when yielded."""
    cli = subprocess.Popen([*_JOBS_CLI, "run", "hold", "--json"], cwd=REPO, env=_cli_env(config),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: (hold_dir / "started").exists() or cli.poll() is not None, what="the CLI's run to start")
        assert cli.poll() is None, cli.communicate()
        yield cli
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()


def write_config(root: Path) -> Path:
    from gongkai.ops.auth import hash_password

    hold_dir = root / "hold"
    hold_dir.mkdir()
    lines = [
        f'data_dir = "{root / "data"}"',
        "[feeds]", "inbox_min_age_seconds = 0",
        "[scheduler]", 'admin_user = "ops"', f'admin_password_hash = "{hash_password(PASSWORD, iterations=50_000)}"',
        "lease_seconds = 30",
        *[f'{key} = "off"' for key in ("crawl", "newspaper", "inbox", "feeds_poll", "sync_push", "maintenance")],
        "[scheduler.extra_jobs.hold]", 'target = "tests.test_admin_jobs:hold_until_released"', 'schedule = "off"',
        f'kwargs = {{ signal_dir = "{hold_dir}" }}',
    ]
    config = root / "gongkai.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real web app (admin router included by create_app) on a real socket; its engine; the config."""
    from gongkai.engine import Engine
    from gongkai.settings import load_settings
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    root = tmp_path_factory.mktemp("admin-jobs")
    config = write_config(root)
    os.environ["GONGKAI_CONFIG"] = str(config)
    try:
        settings = load_settings()
    finally:
        del os.environ["GONGKAI_CONFIG"]
    engine = Engine(settings)
    app = create_app(engine)
    with serve_in_thread(app) as base_url:
        yield engine, base_url, config
        runner = getattr(app.state, "admin_job_runner", None)
        if runner is not None:  # its runs are done; end its heartbeat before the engine closes
            runner.close(10)
    engine.close()


@pytest.fixture
def client(served):
    with httpx.Client(base_url=served[1], timeout=10) as client:
        yield client


@pytest.fixture
def hold_dir(served):
    folder = served[2].parent / "hold"
    for name in ("started", "release"):
        (folder / name).unlink(missing_ok=True)
    return folder


def token_of(client: httpx.Client) -> str:
    page = client.get("/admin", auth=AUTH).text
    return re.search(r'name="csrf" value="([0-9a-f]{64})"', page).group(1)


def press(client: httpx.Client, job: str, action: str, token: str) -> dict[str, str]:
    """Post one of the page's buttons; returns the notice the 303 carries back to /admin."""
    response = client.post(f"/admin/jobs/{job}/{action}", data={"csrf": token}, auth=AUTH)
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["location"])
    assert location.path == "/admin"
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def run_row(engine, run_id: int):
    from gongkai.ops.db import ops_engine
    from gongkai.ops.history import RunLog

    return RunLog(ops_engine(engine.settings.resolved_database_url)).get(run_id)


def finished(engine, run_id: int, timeout: float = 60.0):
    return wait_for(lambda: (run := run_row(engine, run_id)) and run.outcome != "running" and run, timeout, f"run {run_id} to end")


def runs_of(engine, job: str):
    from gongkai.ops.db import ops_engine
    from gongkai.ops.history import RunLog

    return RunLog(ops_engine(engine.settings.resolved_database_url)).recent(job, limit=100)


def test_run_now_ingests_a_real_document_from_the_drop_folder(served, client):
    from gongkai.feeds.inbox import archive_dir, inbox_dir

    engine = served[0]
    entry = {"file": "govcn-5342665.docx", "doc_number": "国发〔2018〕38号", "title": "国务院关于支持自由贸易试验区深化改革创新若干措施的通知"}
    inbox_dir(engine).mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS_FILES / entry["file"], inbox_dir(engine) / entry["file"])
    assert not engine.lookup(doc_number=entry["doc_number"])

    notice = press(client, "inbox", "run", token_of(client))
    assert notice["notice"] == "started" and notice["job"] == "inbox"
    run = finished(engine, int(notice["run"]))
    assert (run.job, run.trigger, run.outcome) == ("inbox", "admin", "ok"), run.message
    assert (run.new, run.changed, run.errors) == (1, 0, 0)
    found = engine.lookup(doc_number=entry["doc_number"])
    assert found and found[0].title == entry["title"]
    assert [p.name for p in archive_dir(engine).rglob("*.docx")] == [entry["file"]]

    page = client.get("/admin", params=notice, auth=AUTH).text
    assert "已启动 started" in page and f'href="/admin/runs/{run.id}"' in page
    detail = client.get(f"/admin/runs/{run.id}", auth=AUTH).text
    assert "admin" in detail and "ok" in detail


def test_a_second_start_is_refused_while_it_runs_and_stop_interrupts_it(served, client, hold_dir):
    engine = served[0]
    token = token_of(client)
    notice = press(client, "hold", "run", token)
    assert notice["notice"] == "started"
    run_id = int(notice["run"])
    wait_for(lambda: (hold_dir / "started").exists(), what="the job to start")

    again = press(client, "hold", "run", token)
    assert again == {"notice": "busy", "job": "hold"}
    page = client.get("/admin", params=again, auth=AUTH).text
    assert "已在运行 already running" in page and f"pid {os.getpid()}" in page
    assert [r.id for r in runs_of(engine, "hold")] == [run_id], "the refused start did not run or record a second run"
    # the running job offers a stop button, with an accessible name saying which job it stops
    assert 'action="/admin/jobs/hold/stop"' in page and 'aria-label="停止 stop: hold"' in page

    stopping = press(client, "hold", "stop", token)
    assert stopping == {"notice": "stopping", "job": "hold"}
    run = finished(engine, run_id, timeout=10)
    assert run.outcome == "interrupted" and "stopped on request" in run.message
    assert not (hold_dir / "release").exists(), "it ended because it was stopped, not released"

    assert press(client, "hold", "stop", token) == {"notice": "not-running", "job": "hold"}
    page = client.get("/admin", params={"notice": "not-running", "job": "hold"}, auth=AUTH).text
    assert "未在运行 not running" in page and 'action="/admin/jobs/hold/stop"' not in page


def test_a_run_that_is_released_ends_ok_and_the_job_can_run_again(served, client, hold_dir):
    engine = served[0]
    token = token_of(client)
    first = int(press(client, "hold", "run", token)["run"])
    wait_for(lambda: (hold_dir / "started").exists(), what="the job to start")
    (hold_dir / "release").touch()
    run = finished(engine, first, timeout=10)
    assert run.outcome == "ok" and run.counts["released"] == 1
    # The run's row says ok a moment before its lease is let go: until then the page answers busy, never an error.
    answers: list[dict[str, str]] = []
    second = int(wait_for(lambda: answers.append(press(client, "hold", "run", token)) or answers[-1].get("run"),
                          timeout=10, what="the job to be free again"))
    assert all(a == {"notice": "busy", "job": "hold"} for a in answers[:-1])
    assert second > first and finished(engine, second, timeout=10).outcome == "ok"


def test_a_job_run_by_another_process_is_refused_and_stopped_from_the_page(served, client, hold_dir):
    """`gongkai jobs run hold` in a real subprocess holds the job; the page refuses to start it again and its
    stop button stops it there (the request crosses processes through the database)."""
    engine, _, config = served
    with held_by_cli(config, hold_dir) as cli:
        assert (hold_dir / "started").read_text() == str(cli.pid)
        token = token_of(client)
        assert press(client, "hold", "run", token) == {"notice": "busy", "job": "hold"}
        page = client.get("/admin", params={"notice": "busy", "job": "hold"}, auth=AUTH).text
        assert f"pid {cli.pid}" in page

        assert press(client, "hold", "stop", token) == {"notice": "stopping", "job": "hold"}
        out, err = cli.communicate(timeout=15)
    assert cli.returncode == 130, err  # stopped before its end: not a success (a714106), its run recorded below
    run = json.loads(out)
    assert run["job"] == "hold" and run["trigger"] == "manual" and run["outcome"] == "interrupted"
    assert run_row(engine, run["id"]).outcome == "interrupted"
    assert press(client, "hold", "stop", token) == {"notice": "not-running", "job": "hold"}


def test_the_buttons_are_forms_with_the_page_token(client):
    page = client.get("/admin", auth=AUTH).text
    for job in ("inbox", "hold", "maintenance"):
        assert re.search(rf'<form method="post" action="/admin/jobs/{job}/run"><input type="hidden" name="csrf" value="[0-9a-f]{{64}}">'
                         rf'<button type="submit" aria-label="立即运行 run now: {job}">立即运行 run now</button></form>', page), job
    assert "<script" not in page and "操作 actions" in page


def test_run_and_stop_need_a_login_the_token_and_a_known_job(served, client):
    engine = served[0]
    token = token_of(client)
    before = len(runs_of(engine, "hold"))
    for action in ("run", "stop"):
        assert client.post(f"/admin/jobs/hold/{action}", data={"csrf": token}).status_code == 401
        assert client.post(f"/admin/jobs/hold/{action}", data={"csrf": token}, auth=("ops", "wrong")).status_code == 401
        forged = client.post(f"/admin/jobs/hold/{action}", data={"csrf": "0" * 64}, auth=AUTH)
        assert forged.status_code == 403 and "CSRF" in forged.text and forged.headers["cache-control"] == "no-store"
        assert client.post(f"/admin/jobs/hold/{action}", auth=AUTH).status_code == 403
        assert client.post(f"/admin/jobs/hold/{action}", data={"csrf": "令牌"}, auth=AUTH).status_code == 403
        missing = client.post(f"/admin/jobs/no-such-job/{action}", data={"csrf": token}, auth=AUTH)
        assert missing.status_code == 404 and "no-such-job" in missing.text
    assert len(runs_of(engine, "hold")) == before, "nothing was started"
    # a notice for a job that does not exist, or of an unknown kind, shows nothing
    page = client.get("/admin", params={"notice": "started", "job": "<script>", "run": "1"}, auth=AUTH).text
    assert "已启动" not in page and "<script>" not in page


def test_closing_a_runner_stops_its_background_runs_at_a_safe_point(served, hold_dir):
    """What a server process does at exit with the runs started from its page."""
    from gongkai.ops.control import known_spec, start_job
    from gongkai.ops.runner import JobRunner

    engine = served[0]
    runner = JobRunner(engine)
    run_id = start_job(runner, known_spec(engine.settings, "hold"))
    wait_for(lambda: (hold_dir / "started").exists(), what="the job to start")
    runner.close(wait_seconds=10)
    run = run_row(engine, run_id)
    assert run.outcome == "interrupted" and run.trigger == "admin"


def test_a_stop_request_left_for_an_earlier_run_does_not_stop_the_next(served, hold_dir):
    from sqlalchemy import insert

    from gongkai.ops import locks
    from gongkai.ops.control import known_spec, start_job, stop_job
    from gongkai.ops.db import ops_engine
    from gongkai.ops.runner import JobRunner
    from gongkai.ops.tables import job_stop_requests
    from gongkai.store.timeutil import to_db, utc_now

    engine = served[0]
    db = ops_engine(engine.settings.resolved_database_url)
    runner = JobRunner(engine)
    try:
        assert stop_job(db, "hold") is None, "nothing runs: nothing to stop, nothing left behind"
        with db.begin() as conn:  # a leftover addressed to this very runner, as if its last run ended just then
            conn.execute(insert(job_stop_requests).values(name="job:hold", owner=runner.owner, run_id=None,
                                                          requested_at=to_db(utc_now()), requested_by="test"))
        run_id = start_job(runner, known_spec(engine.settings, "hold"))
        wait_for(lambda: (hold_dir / "started").exists(), what="the job to start")
        time.sleep(locks.STOP_POLL_SECONDS * 2)  # two heartbeat polls: a live request would have been seen
        assert run_row(engine, run_id).outcome == "running"
        (hold_dir / "release").touch()
        assert finished(engine, run_id, timeout=10).outcome == "ok"
    finally:
        runner.close(10)


def test_a_run_stop_event_sees_the_stop_for_all_runs():
    import threading

    from gongkai.ops.runner import RunStopEvent

    stop_all = threading.Event()
    first, second = RunStopEvent(stop_all), RunStopEvent(stop_all)
    first.set()
    assert first.is_set() and first.wait(0) and not second.is_set() and not stop_all.is_set()
    assert second.wait(0.05) is False
    threading.Timer(0.05, stop_all.set).start()
    started = time.monotonic()
    assert second.wait(5) is True and time.monotonic() - started < 1


def test_gongkai_jobs_stop_stops_a_run_in_another_process(served, hold_dir):
    """`gongkai jobs stop hold` (one process) stops the run of `gongkai jobs run hold` (another)."""

    engine, _, config = served
    not_running = jobs_cli(config, "stop", "hold", "--json")
    assert not_running.returncode == 0, not_running.stderr
    assert json.loads(not_running.stdout) == {"job": "hold", "running": False, "stop_requested": False, "pid": None, "host": None}
    with held_by_cli(config, hold_dir) as cli:
        stopped = jobs_cli(config, "stop", "hold", "--json")
        assert stopped.returncode == 0, stopped.stderr
        answer = json.loads(stopped.stdout)
        assert answer["running"] is True and answer["stop_requested"] is True and answer["pid"] == cli.pid
        out, err = cli.communicate(timeout=15)
    assert cli.returncode == 130, err  # interrupted, as for Ctrl-C
    run = json.loads(out)
    assert run["outcome"] == "interrupted" and run_row(engine, run["id"]).outcome == "interrupted"
    unknown = jobs_cli(config, "stop", "no-such-job")
    assert unknown.returncode != 0 and "no-such-job" in (unknown.stderr + unknown.stdout)
