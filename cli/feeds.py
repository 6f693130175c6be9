"""Commands of the feeds package, kept out of cli/main.py so that file stays a list of commands; it registers them:

    app.add_typer(feeds.tokens_app, name="tokens")   # gongkai tokens create|list|revoke AGENCY
    app.add_typer(feeds.sync_app, name="sync")       # gongkai sync push|status|retry
    app.add_typer(feeds.inbox_app, name="inbox")     # gongkai inbox process
    app.command("poll")(feeds.poll)                  # gongkai poll
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gongkai.cli.context import fail, json_value, state

console = Console()
err_console = Console(stderr=True)

tokens_app = typer.Typer(help="机构推送用的令牌 / API tokens with which agencies push records (POST /api/ingest).", no_args_is_help=True)
sync_app = typer.Typer(help="同步到国家平台 / Sync of record changes to the national platform (the outbox).", no_args_is_help=True)
inbox_app = typer.Typer(help="投递文件夹：机构在此放入文件 / The drop folder where agencies deliver documents and record files.", no_args_is_help=True)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=json_value) + "\n")


def _tokens():
    return state.facades.feeds.tokens()


# ---------------------------------------------------------------------------------- tokens


@tokens_app.command("create")
def tokens_create(
    agency: Annotated[str, typer.Argument(help="令牌所属机构（发布机构），如 厦门市财政局 / The agency the token publishes for, e.g. 厦门市财政局.")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（令牌仅此一次显示） / token, token_id, agency, created_at (the token only here, once).")] = False,
) -> None:
    """新建令牌，只显示一次 / Create a token; it is printed once and only its hash is kept."""
    try:
        token, info = _tokens().create(agency)
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    if as_json:  # a provisioning script reads the id it revokes by later beside the secret (it had to parse stderr)
        _print_json({"token": token, "token_id": info.token_id, "agency": info.agency, "created_at": info.created_at})
        return
    err_console.print(f"{escape(info.agency)} 的令牌 {info.token_id}（只显示这一次，请妥善保管） / token {info.token_id} for {escape(info.agency)} (shown once; keep it secret):")
    sys.stdout.write(token + "\n")


@tokens_app.command("list")
def tokens_list(
    agency: Annotated[str | None, typer.Argument(help="只列此机构的令牌 / Only this agency's tokens.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """列出令牌（编号，不含密钥） / Tokens (ids, never the secrets), active and revoked."""
    infos = _tokens().list(agency)
    if as_json:
        for info in infos:
            _print_json({"token_id": info.token_id, "agency": info.agency, "created_at": info.created_at, "revoked_at": info.revoked_at, "last_used_at": info.last_used_at})
        return
    if not infos:  # an empty table said nothing (review20; `alerts list` says 没有提醒)
        whose = escape(agency) if agency else "AGENCY"
        console.print(f"没有令牌 / no tokens{' (' + escape(agency) + ')' if agency else ''}")
        console.print(f"新建 / create one: gongkai tokens create {whose}")
        return
    from gongkai.cli.ops import display_time, zone_caption

    def when(moment: object) -> str:  # on the jobs' clock, said under the table, as quarantine list (UTC, unsaid, before)
        return display_time(str(moment)) if moment else ""

    table = Table("令牌编号\ntoken id", "机构\nagency", "创建\ncreated", "最近使用\nlast used", "状态\nstatus", caption=zone_caption())
    for info in infos:
        table.add_row(info.token_id, escape(info.agency), when(info.created_at), when(info.last_used_at),
                      "有效 active" if info.active else f"已吊销 revoked {when(info.revoked_at)}")
    console.print(table)


@tokens_app.command("revoke")
def tokens_revoke(
    agency: Annotated[str | None, typer.Argument(help="吊销此机构的全部令牌 / Revoke every token of this agency.")] = None,
    token_id: Annotated[str | None, typer.Option("--id", help="只吊销此编号的令牌 / Revoke only this token.")] = None,
) -> None:
    """吊销令牌，立即生效 / Revoke an agency's tokens (or one token with --id); pushes with them get 401 at once."""
    if not agency and not token_id:
        raise fail("请给出机构名或 --id 令牌编号 / give an AGENCY or --id TOKEN_ID", 2)
    count = _tokens().revoke(agency=agency, token_id=token_id)
    if not count:
        raise fail("没有匹配的有效令牌 / no active token matched")
    console.print(f"已吊销 {count} 个令牌 / revoked {count} token(s)")


# ------------------------------------------------------------------------------------ sync


def _iso(moment: object) -> str:
    return json_value(moment)


@sync_app.command("push")
def sync_push(
    max_batches: Annotated[int | None, typer.Option(help="最多发送的批数 / Stop after this many batches.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON 报告 / The report: sent, failed_attempts, parked, batches, errors.")] = False,
) -> None:
    """发送待同步的改动 / Send pending changes to the configured endpoint (feeds.sync_url), with retries and backoff."""
    from gongkai.errors import SyncBusyError, SyncError

    try:
        report = state.facades.feeds.sync_push(max_batches)
    except SyncBusyError as exc:
        from gongkai.run_failures import said_chinese_first

        raise fail(said_chinese_first(str(exc)), 75) from None  # 75 = EX_TEMPFAIL: nothing is wrong, run it again later
    except SyncError as exc:
        raise fail(str(exc), 2) from None
    data = report.as_dict()
    if as_json:
        _print_json(data)
    else:
        console.print(f"已发送 {data['sent']}  失败尝试 {data['failed_attempts']}  搁置 {data['parked']}  批次 {data['batches']} / "
                      f"sent {data['sent']}  failed attempts {data['failed_attempts']}  parked {data['parked']}  batches {data['batches']}")
        for error in data["errors"]:
            err_console.print(f"[yellow]{escape(error)}[/]")
    if report.parked or (not data["sent"] and data["failed_attempts"]):
        # parked entries, or an endpoint that took nothing (refused, down, 5xx): it said exit 0 with nothing sent
        if not as_json and not report.parked:
            err_console.print("未发送任何记录 / nothing was sent; the entries stay pending (gongkai sync status)")
        raise typer.Exit(1)


@sync_app.command("status")
def sync_status(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """同步状态 / Pending, sent and parked (failed) entries, and the last successful send."""
    info = state.facades.feeds.sync_status()
    if as_json:
        _print_json(info)
        return
    console.print(f"待发送 {info['pending']}  已发送 {info['sent']}  失败搁置 {info['failed']} / "
                  f"pending {info['pending']}  sent {info['sent']}  failed (parked) {info['failed']}")
    from gongkai.cli.ops import display_time, zone_caption

    # on the jobs' clock and said, as `gongkai status` shows the sync (it printed the stored UTC time, unsaid)
    console.print(f"上次成功 / last success: {display_time(_iso(info['last_success'])) if info['last_success'] else '从未 never'}")
    console.print(f"最早待发送 / oldest pending: {display_time(_iso(info['oldest_pending'])) if info['oldest_pending'] else '-'}")
    console.print(f"[dim]{zone_caption()}[/]")
    if info["parked"]:
        table = Table("条目\nentry", "记录\nrecord", "版本\nversion", "变更\nchange", "尝试\nattempts", "最近错误\nlast error")
        for item in info["parked"]:
            table.add_row(str(item["id"]), item["record_id"], str(item["version"]), item["change"], str(item["attempts"]), escape(str(item["last_error"] or ""))[:120])
        console.print(table)
        console.print("排除原因后运行 / after fixing the cause: gongkai sync retry")


@sync_app.command("retry")
def sync_retry(ids: Annotated[list[int] | None, typer.Argument(help="发件箱条目编号；不填则为所有搁置的条目 / Outbox entry ids; none: every parked entry.")] = None) -> None:
    """重发搁置的条目 / Put parked entries back in the queue; the next `gongkai sync push` sends them."""
    count = state.facades.feeds.sync_retry(ids or None)
    console.print(f"{count} 个条目已放回队列 / {count} entries back in the queue")


# ----------------------------------------------------------------------------------- inbox


_INBOX_REPORT: dict[str, Any] = {"files": 0, "new": 0, "updated": 0, "unchanged": 0, "quarantined": 0, "waiting": 0,
                                  "refused": [], "recovered": 0}


def _run_as_job(name: str) -> Any:
    """A run by hand is the job's run (probe5): it takes the job's lease (never beside a scheduled run of it), is in
    `gongkai jobs history` (trigger manual) and counts for the freshness watch, which read a pick-up by hand as
    "never ran to the end". A run that ends otherwise than ok is recorded with its reason; JobBusyError: exit 1."""
    from gongkai.errors import JobConfigError, UnknownJobError
    from gongkai.facades.jobs import JobBusyError

    jobs = state.facades.jobs
    try:
        spec = jobs.spec(name)
    except (JobConfigError, UnknownJobError) as exc:
        raise fail(str(exc), 2) from None
    runner = jobs.runner()
    try:
        return jobs.run_now(runner, spec, trigger="manual")
    except JobBusyError as exc:  # said Chinese first, as every operator's message (it was English only)
        from gongkai.run_failures import said_chinese_first

        raise fail(said_chinese_first(str(exc))) from None
    finally:
        runner.close()


@inbox_app.command("process")
def inbox_process(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """处理投递文件夹中已写完的文件：入库、归档或隔离 / Pick up complete files from the drop folder, ingest them, archive or quarantine them (as the inbox job's run)."""
    from gongkai.cli.stop_signal import stop_on_sigterm
    from gongkai.run_failures import said_chinese_first

    with stop_on_sigterm():  # its claimed files back in the inbox, its run recorded as interrupted
        run = _run_as_job("inbox")
    if run.outcome != "ok":  # a run that failed as a whole (a full disk, the store down): its files went back
        message = run.message or ""
        raise fail(said_chinese_first(message, inbox=run.outcome == "failed", english=f"inbox: {run.outcome}: {message} (gongkai jobs show {run.id})"))
    # the job's counts are the pick-up's report (gongkai.feeds.inbox.InboxReport.as_dict), with its lists
    data = {key: run.counts.get(key, default) for key, default in _INBOX_REPORT.items()}
    if as_json:
        _print_json(data)
        return
    # Chinese first, as the push answers and the quarantine (the summary was English only)
    console.print(f"收件箱 inbox {escape(str(state.facades.feeds.inbox_dir()))}：文件 {data['files']}  新增 {data['new']}  更新 {data['updated']}  "
                  f"未变 {data['unchanged']}  隔离 {data['quarantined']}  等待 {data['waiting']}  恢复 {data['recovered']} / "
                  f"files {data['files']}  new {data['new']}  updated {data['updated']}  "
                  f"unchanged {data['unchanged']}  quarantined {data['quarantined']}  waiting {data['waiting']}  recovered {data['recovered']}")
    for refused in data["refused"]:
        err_console.print(f"[yellow]未处理，留在原处 / left alone:[/] {escape(refused)}")
    if data["waiting"]:  # a file dropped just before the run read as ignored: `等待 1` was all it said (newuser3)
        age = f"{state.settings.feeds.inbox_min_age_seconds:g}"
        err_console.print(f"等待 {data['waiting']}：刚写入或仍在上传的文件（{age} 秒内有改动，或 .part、.tmp 名）和先于文档到达的旁注文件，"
                          f"下次运行再取（定时作业 inbox，或再运行 gongkai inbox process） / waiting {data['waiting']}: files written in the last "
                          f"{age} s or still uploading (.part, .tmp) and sidecars that came before their document, taken by a later run")
    if data["quarantined"]:
        err_console.print("查看原因 / see why: gongkai quarantine list")


@inbox_app.command("prune")
def inbox_prune(
    days: Annotated[int | None, typer.Option("--days", help="保存超过此天数的删除；默认取设置 scheduler.kept_inputs_days / Kept longer than this; default: setting scheduler.kept_inputs_days.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """删除保存期满的输入 / Delete kept inputs (the drop folder's archive, standard input kept for `gongkai ingest -`) older than DAYS,
    except what a quarantine entry points to. 0 (the setting's default) deletes nothing: kept for ever."""
    from gongkai.kept_inputs import prune_kept_inputs

    settings = state.engine.settings
    days = settings.scheduler.kept_inputs_days if days is None else days
    if days < 0:
        raise fail("--days: must be 0 or more / 天数不能为负", 2)
    report = prune_kept_inputs(settings, state.engine.store, days)
    if as_json:
        _print_json({"days": days, **report.as_dict()})
        return
    if not days:
        console.print("已保留全部（scheduler.kept_inputs_days = 0）/ nothing pruned: kept inputs are kept for ever (setting scheduler.kept_inputs_days = 0)")
        return
    console.print(f"删除 {len(report.deleted)} 个文件（{report.freed_bytes} 字节，其中无记录引用的原始文件 {report.orphan_captures} 个）；"
                  f"因隔离记录仍引用而保留 {len(report.kept_for_quarantine)} 个 / "
                  f"deleted {len(report.deleted)} files ({report.freed_bytes} bytes) kept over {days} days, {report.orphan_captures} of them "
                  f"raw captures no record or entry names (their run failed as a whole); kept {len(report.kept_for_quarantine)} a quarantine entry points to")


# ------------------------------------------------------------------------------------ poll


def poll(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """拉取机构订阅源 / Poll the agencies' RSS/Atom feeds (settings feeds.agency_feeds) once."""
    if not state.engine.settings.feeds.agency_feeds:
        raise fail("未配置任何订阅源 / no feeds configured: add [[feeds.agency_feeds]] entries (name, url) to gongkai.toml", 2)
    from gongkai.run_failures import said_chinese_first

    run = _run_as_job("feeds-poll")  # as the inbox: the job's run, counted by the freshness watch (probe5)
    if run.outcome != "ok":
        message = run.message or ""
        raise fail(said_chinese_first(message, english=f"feeds-poll: {run.outcome}: {message} (gongkai jobs show {run.id})"))
    data = {key: run.counts.get(key, 0) for key in ("feeds", "not_modified", "entries", "new", "updated", "unchanged", "quarantined")}
    data["errors"] = run.counts.get("error_messages", [])
    if as_json:
        _print_json(data)
        return
    console.print(f"订阅源 {data['feeds']}  未更新 {data['not_modified']}  条目 {data['entries']}  新增 {data['new']}  更新 {data['updated']}  "
                  f"未变 {data['unchanged']}  隔离 {data['quarantined']} / "
                  f"feeds {data['feeds']}  not modified {data['not_modified']}  entries {data['entries']}  new {data['new']}  "
                  f"updated {data['updated']}  unchanged {data['unchanged']}  quarantined {data['quarantined']}")
    for error in data["errors"]:
        err_console.print(f"[yellow]{escape(error)}[/]")
