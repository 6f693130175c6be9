"""The feeds commands (tokens, sync, inbox, poll) run through Typer on a real data dir."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from gongkai.cli import feeds as feeds_cli
from gongkai.cli.context import state
from gongkai.feeds.sync_receiver import SyncReceiver
from gongkai.feeds.tokens import TokenStore
from tests.conftest import govcn_records


@pytest.fixture
def cli(settings, monkeypatch):
    """A `gongkai` with the feeds commands registered the way cli/main.py will, on the test's data dir."""
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        pass

    app.add_typer(feeds_cli.tokens_app, name="tokens")
    app.add_typer(feeds_cli.sync_app, name="sync")
    app.add_typer(feeds_cli.inbox_app, name="inbox")
    app.command("poll")(feeds_cli.poll)
    monkeypatch.setattr(state, "_settings", settings)
    monkeypatch.setattr(state, "_engine", None)
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args))
    if state._engine is not None:
        state._engine.close()


def test_tokens_create_list_revoke(cli):
    created = cli("tokens", "create", "厦门市财政局")
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("gk_")
    assert TokenStore(state.engine.store).verify(token) == "厦门市财政局"
    listed = cli("tokens", "list", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["agency"] for r in rows] == ["厦门市财政局"] and token not in listed.stdout
    assert cli("tokens", "revoke", "厦门市财政局").exit_code == 0
    assert TokenStore(state.engine.store).verify(token) is None
    assert cli("tokens", "revoke", "厦门市财政局").exit_code == 1, "nothing left to revoke"
    assert cli("tokens", "revoke").exit_code == 2


def test_sync_push_status_retry(cli, settings):
    from gongkai.record import Record

    state.engine.ingest_records([Record.model_validate(r) for r in govcn_records()[:3]])
    with SyncReceiver(faults=["500", "500"]) as receiver:
        state.engine.settings.feeds = settings.feeds.model_copy(
            update={"sync_url": receiver.url, "sync_max_attempts": 2, "sync_backoff_seconds": 0.01, "sync_timeout_seconds": 2}
        )
        pushed = cli("sync", "push")
        assert pushed.exit_code == 1 and "parked 3" in pushed.stdout
        status = json.loads(cli("sync", "status", "--json").stdout)
        assert status["failed"] == 3 and status["pending"] == 0 and status["last_success"] is None
        assert "failed (parked) 3" in cli("sync", "status").stdout
        assert "3 entries back" in cli("sync", "retry").stdout
        assert cli("sync", "push").exit_code == 0
        status = json.loads(cli("sync", "status", "--json").stdout)
        assert status["sent"] == 3 and status["last_success"] is not None
        assert len(receiver.received) == 3


def test_sync_without_an_endpoint_is_a_clear_error(cli):
    result = cli("sync", "push")
    assert result.exit_code == 2 and "sync_url" in result.output


def test_inbox_process_and_poll_without_feeds(cli, settings):
    inbox = settings.data_dir / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "records.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in govcn_records()[:4]), encoding="utf-8")
    state.engine.settings.feeds = settings.feeds.model_copy(update={"inbox_min_age_seconds": 0})
    result = cli("inbox", "process", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 4
    polled = cli("poll")
    assert polled.exit_code == 2 and "agency_feeds" in polled.output


def test_sync_push_refuses_to_run_beside_another_pusher(cli, settings):
    from gongkai.feeds import sync
    from gongkai.record import Record

    state.engine.ingest_records([Record.model_validate(r) for r in govcn_records()[:3]])
    with SyncReceiver() as receiver:
        state.engine.settings.feeds = settings.feeds.model_copy(update={"sync_url": receiver.url, "sync_timeout_seconds": 5})
        with sync.sync_lease(state.engine):  # e.g. the scheduler's sync-push job
            busy = cli("sync", "push")
        assert busy.exit_code == 75 and "already running" in busy.output
        assert receiver.posted == []
        done = cli("sync", "push")
        assert done.exit_code == 0 and "sent 3" in done.output


def test_the_operators_lines_are_chinese_first(cli, settings):
    """Doors2, session 11: the feeds commands' summaries and table headers were English only, where the quarantine's
    reasons and the push answers are `中文 / English`. The English stays after (scripts and habits read it)."""
    import os

    from gongkai.cli import quarantine as quarantine_cli

    created = cli("tokens", "create", "厦门市财政局")
    assert created.stderr.startswith("厦门市财政局 的令牌") and "shown once" in created.stderr
    listed = " ".join(cli("tokens", "list").stdout.split())
    assert "令牌编号" in listed and "token id" in listed and "机构" in listed and "有效 active" in listed, listed
    assert cli("tokens", "revoke", "厦门市财政局").stdout.startswith("已吊销 1 个令牌 / revoked 1 token(s)")
    missing = cli("tokens", "revoke")
    assert "请给出机构名或 --id 令牌编号 / give an AGENCY" in " ".join(missing.stderr.split())
    assert cli("sync", "status").stdout.startswith("待发送 0  已发送 0  失败搁置 0 / pending 0")
    nowhere = cli("sync", "push")
    assert nowhere.exit_code == 2 and "未配置同步地址 / no sync endpoint configured" in " ".join(nowhere.stderr.split())

    inbox = settings.data_dir / "inbox" / "厦门市财政局"
    inbox.mkdir(parents=True)
    (inbox / "r.jsonl").write_text('{"title": ""}\n', encoding="utf-8")
    os.utime(inbox / "r.jsonl", (1_000_000_000, 1_000_000_000))  # old enough to be taken
    picked = cli("inbox", "process")
    said = " ".join(picked.stdout.split())
    assert "收件箱 inbox" in said and "文件 1 新增 0 更新 0 未变 0 隔离 1" in said and "/ files 1 new 0" in said, said
    assert picked.stderr.startswith("查看原因 / see why: gongkai quarantine list")

    app = typer.Typer()
    app.callback()(lambda: None)
    app.add_typer(quarantine_cli.app, name="quarantine")
    shown = CliRunner().invoke(app, ["quarantine", "list"])
    listed = " ".join(shown.stdout.split())
    assert shown.exit_code == 0, (shown.output, shown.exception)
    assert "编号" in listed and "原因" in listed and "reason" in listed and "待处理 open" in listed and "记录无效" in listed, listed
    retried = CliRunner().invoke(app, ["quarantine", "retry"]).stdout
    assert ": 仍隔离 quarantined 记录无效" in retried, retried
