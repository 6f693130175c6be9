"""The operator's commands end to end: `gongkai jobs ...`, `gongkai status` on a real store and index."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gongkai.cli import ops
from gongkai.cli.context import state
from tests.test_sched_service import ALL_OFF, write_jsonl

_runner = CliRunner()


def _app() -> typer.Typer:
    """The commands as cli/main.py registers them (built here so these tests do not depend on main.py)."""
    app = typer.Typer()

    @app.callback()
    def main(data_dir: Path | None = typer.Option(None, "--data-dir")) -> None:
        state.data_dir = data_dir

    app.add_typer(ops.jobs_app, name="jobs")
    app.add_typer(ops.schedule_app, name="schedule")
    app.command()(ops.status)
    return app


APP = _app()


def _reset_state() -> None:
    if state._engine is not None:
        state._engine.close()
    state._settings = state._engine = None
    state.data_dir = None


def cli(config: Path, *args: str) -> tuple[int, str, str]:
    """Run one command with `config` as gongkai.toml, like a fresh process would."""
    _reset_state()
    previous = os.environ.get("GONGKAI_CONFIG")
    os.environ["GONGKAI_CONFIG"] = str(config)
    try:
        result = _runner.invoke(APP, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr
    finally:
        if previous is None:
            del os.environ["GONGKAI_CONFIG"]
        else:
            os.environ["GONGKAI_CONFIG"] = previous
        _reset_state()


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GONGKAI_DATA_DIR", raising=False)
    drop = write_jsonl(tmp_path / "drop.jsonl")
    lines = [f'data_dir = "{tmp_path / "data"}"', "[scheduler]"] + [f'{k} = "{v}"' for k, v in ALL_OFF.items() if k != "maintenance"]
    lines += ['maintenance = "30 2 * * *"', "backups_keep = 2",
              "[scheduler.extra_jobs.drop]", 'target = "gongkai.ops.tasks:ingest_paths"', 'schedule = "every 5m"',
              f'kwargs = {{ paths = ["{drop}"] }}',
              "[scheduler.extra_jobs.broken]", 'target = "gongkai.ops.tasks:ingest_paths"', 'schedule = "0 * * * *"',
              f'kwargs = {{ paths = ["{tmp_path / "gone.jsonl"}"] }}']
    path = tmp_path / "gongkai.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    yield path
    _reset_state()


def test_jobs_list_shows_schedule_and_next_run_before_any_run(config):
    code, out, _ = cli(config, "jobs", "list", "--json")
    assert code == 0
    jobs = {job["name"]: job for job in json.loads(out)["jobs"]}
    assert {"drop", "broken", "maintenance", "inbox", "sync-push"} <= set(jobs)
    assert jobs["drop"]["schedule"] == "every 5m" and jobs["drop"]["next_run_estimated"] is True
    assert jobs["maintenance"]["next_run"].endswith("+08:00")  # Asia/Shanghai
    assert jobs["inbox"]["next_run"] is None  # off
    assert jobs["drop"]["last_run"] is None
    code, out, _ = cli(config, "jobs", "list")
    assert code == 0 and "drop" in out and "never ran" in out


def test_jobs_run_records_the_run_and_history_shows_it(config):
    code, out, _ = cli(config, "jobs", "run", "drop", "--json")
    assert code == 0
    run = json.loads(out)
    assert run["outcome"] == "ok" and run["trigger"] == "manual" and run["new"] == 40

    code, out, err = cli(config, "jobs", "run", "broken")
    assert code == 1 and "failed" in out and "gone.jsonl" in out
    assert "Traceback" in err

    code, out, _ = cli(config, "jobs", "history", "--json")
    history = json_lines(out)
    assert [r["job"] for r in history] == ["broken", "drop"]  # newest first
    code, out, _ = cli(config, "jobs", "history", "--failed", "--json")
    [failed] = json_lines(out)
    assert failed["job"] == "broken" and "FileNotFoundError" in failed["message"] and "Traceback" in failed["traceback"]
    code, out, _ = cli(config, "jobs", "show", str(failed["id"]))
    assert code == 0 and "FileNotFoundError" in out

    code, out, _ = cli(config, "jobs", "list", "--json")
    jobs = {job["name"]: job for job in json.loads(out)["jobs"]}
    assert jobs["drop"]["last_run"]["outcome"] == "ok" and jobs["broken"]["last_run"]["outcome"] == "failed"


def test_history_and_show_read_one_clock_and_say_which(config, monkeypatch):
    # The probe read Beijing time in `jobs history` and UTC in `jobs show` for the same run, neither saying so.
    from datetime import datetime
    from zoneinfo import ZoneInfo

    monkeypatch.setattr(ops.console, "_width", 200)  # one table row per line
    code, out, _ = cli(config, "jobs", "run", "drop", "--json")
    run = json.loads(out)
    beijing = datetime.fromisoformat(run["started_at"]).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S")
    code, history, _ = cli(config, "jobs", "history")
    assert code == 0 and beijing in history and "times in Asia/Shanghai" in history
    code, show, _ = cli(config, "jobs", "show", str(run["id"]))
    assert code == 0 and f"started_at: {beijing} (Asia/Shanghai)" in show and "+00:00" not in show
    code, listing, _ = cli(config, "jobs", "list")
    assert beijing in listing and "times in Asia/Shanghai" in listing
    code, out, _ = cli(config, "jobs", "show", str(run["id"]), "--json")
    assert json.loads(out)["started_at"] == run["started_at"]  # machines keep ISO with its offset


def test_pause_and_resume_are_kept_and_unknown_jobs_are_refused(config):
    code, out, _ = cli(config, "jobs", "pause", "drop", "--json")
    assert code == 0 and json.loads(out) == {"job": "drop", "paused": True}
    code, out, _ = cli(config, "jobs", "list", "--json")
    drop = next(j for j in json.loads(out)["jobs"] if j["name"] == "drop")
    assert drop["paused"] is True and drop["next_run"] is None
    code, out, _ = cli(config, "jobs", "resume", "drop")
    assert code == 0 and "resumed" in out
    code, out, _ = cli(config, "jobs", "list", "--json")
    assert next(j for j in json.loads(out)["jobs"] if j["name"] == "drop")["paused"] is False

    code, _, err = cli(config, "jobs", "pause", "no-such-job")
    assert code == 1 and "no job named 'no-such-job'" in err and "drop" in err
    code, _, err = cli(config, "jobs", "run", "no-such-job")
    assert code == 1 and "no job named" in err


def test_status_one_screen_and_json(config):
    cli(config, "jobs", "run", "drop")
    cli(config, "jobs", "run", "broken")
    code, out, _ = cli(config, "status", "--json")
    assert code == 0
    status = json.loads(out)
    assert status["records"] == 40 and status["by_kind"] == {"disclosure": 40} and status["by_source"] == {"govcn": 40}
    assert status["index"]["documents"] == 40 and status["index"]["behind"] == 0 and status["index"]["last_commit"]
    assert status["sync"]["pending"] == 40  # every new record waits in the outbox
    assert status["quarantine"] == {"open": 0}
    assert [r["job"] for r in status["failed_jobs_24h"]] == ["broken"]
    assert status["scheduler"] == {"running": False}
    code, out, _ = cli(config, "status")
    assert code == 0
    # Chinese first, the English after (doors3, session 12: status was English only)
    for part in ("记录 records", "索引 index", "同步 sync", "隔离 quarantine", "人工下架 takedowns: 有效 0 active", "24 小时内失败 failed in the last 24 h",
                 "broken", "未运行 not running", "失败 failed"):
        assert part in out, part


def test_a_bad_schedule_is_reported_clearly(config):
    text = config.read_text(encoding="utf-8").replace('schedule = "every 5m"', 'schedule = "daily at noon"')
    config.write_text(text, encoding="utf-8")
    code, out, _ = cli(config, "jobs", "list", "--json")
    assert code == 0
    drop = next(j for j in json.loads(out)["jobs"] if j["name"] == "drop")
    assert "not understood" in drop["schedule_error"]
