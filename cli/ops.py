"""Operator commands: `gongkai jobs list|run|stop|history|show|pause|resume`, `gongkai schedule run`, `gongkai status`.

Registered by cli/main.py:
    app.add_typer(ops.jobs_app, name="jobs"); app.add_typer(ops.schedule_app, name="schedule"); app.command()(ops.status)
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from gongkai.cli.context import fail, json_value, state
from gongkai.cli.words import counts as said_counts
from gongkai.cli.words import header
from gongkai.cli.words import outcome as said_outcome

jobs_app = typer.Typer(help="定时作业 / Scheduled jobs: what runs when, what ran, what failed; run, stop, pause and resume them.", no_args_is_help=True)
schedule_app = typer.Typer(help="定时调度进程 / The scheduler process.", no_args_is_help=True)
console = Console()
err_console = Console(stderr=True)

OUTCOME_STYLE = {"ok": "green", "failed": "bold red", "lost": "red", "missed": "yellow", "interrupted": "yellow",
                 "skipped": "dim", "running": "cyan"}


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=json_value) + "\n")


def _outcome(outcome: str | None, sep: str = " ") -> str:
    """A run's outcome, Chinese first (`sep` "\n" in a table's cell: the English under the Chinese, never cut mid-word)."""
    if not outcome:
        return f"[dim]从未运行{sep}never ran[/]"
    return f"[{OUTCOME_STYLE.get(outcome, 'white')}]{said_outcome(outcome, sep)}[/]"


def display_time(iso: str | None) -> str:
    """An ISO time shown in the scheduler's timezone (Asia/Shanghai by default), as operators read clocks."""
    if not iso:
        return "—"
    try:
        moment = datetime.fromisoformat(iso)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(_display_zone()).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return iso[:19].replace("T", " ")


def zone_caption() -> str:
    """Said under every table of times: the history, the list and a run's page read one clock (probe: history
    showed Beijing time while `jobs show` printed UTC)."""
    return f"时间为 {_display_zone()} 时区 / times in {_display_zone()}"


def _display_zone() -> tzinfo:
    from gongkai.errors import ScheduleError

    try:
        return state.facades.jobs.timezone()
    except ScheduleError:
        return UTC


def _specs():
    from gongkai.errors import JobConfigError

    try:
        specs, warnings = state.facades.jobs.specs()
    except JobConfigError as exc:
        raise fail(str(exc), 2) from None
    return specs, warnings


def _known_spec(name: str):
    from gongkai.errors import JobConfigError, UnknownJobError

    try:
        return state.facades.jobs.spec(name)
    except JobConfigError as exc:
        raise fail(str(exc), 2) from None
    except UnknownJobError as exc:
        raise fail(str(exc)) from None


@jobs_app.command("list")
def list_jobs(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / Machine-readable output.")] = False) -> None:
    """列出作业 / Every job: schedule, next run, last outcome, running now."""
    specs, _ = _specs()
    rows, warnings = state.facades.jobs.overview(specs)
    if as_json:
        _print_json({"jobs": rows, "warnings": warnings})
        return
    table = Table(header("计划", "schedule"), header("下次运行", "next run"), header("上次运行", "last run"), header("结果", "outcome"),
                  header("新增/变更/错误", "counts"), caption=zone_caption())
    # the name is what `jobs run NAME` takes: whole, never "crawl:xm…" (rich cut it at 80 columns)
    table.columns.insert(0, Column(header("作业", "job"), no_wrap=True))
    table.add_column(header("备注", "note"), overflow="fold")
    for column in table.columns[1:]:
        column.overflow = "fold"  # a time cut to "2026-12…" says nothing: folded onto the next line instead
    for row in rows:
        last = row["last_run"] or {}
        if row["paused"]:
            next_run = "[yellow]已暂停 paused[/]"
        elif row["next_run"]:
            next_run = display_time(row["next_run"]) + (" [dim](估计 est.)[/]" if row["next_run_estimated"] else "")
        else:
            next_run = "[dim]关闭 off[/]"
        note = ""
        if row["running"]:
            note = f"[cyan]运行中 running[/] pid {row['running']['pid']} on {escape(row['running']['host'])}"
        elif row.get("schedule_error"):
            note = f"[red]{escape(row['schedule_error'])}[/]"
        elif last.get("outcome") in ("failed", "lost", "missed"):
            note = escape(last.get("message", ""))[:80]
        counts = f"{last['new']}/{last['changed']}/{last['errors']}" if last else ""
        table.add_row(escape(row["name"]), escape(row["schedule"]), next_run, display_time(last.get("started_at")),
                      _outcome(last.get("outcome"), "\n"), counts, note)
    console.print(table)
    for warning in warnings:
        err_console.print(f"[yellow]警告 warning:[/] {escape(warning)}")


@jobs_app.command("run")
def run_job(
    name: Annotated[str, typer.Argument(help="作业名称 / Job name, as in `gongkai jobs list`.")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出本次运行 / Print the recorded run as JSON.")] = False,
) -> None:
    """立即运行作业 / Run a job now, in the foreground, with progress. Ctrl-C stops it at a safe point (recorded as interrupted)."""
    from gongkai.facades.jobs import JobBusyError

    jobs = state.facades.jobs
    spec = _known_spec(name)
    stop_event = threading.Event()
    runner = jobs.runner(stop_event)

    def on_signal(signum: int, _frame: Any) -> None:
        if stop_event.is_set():
            raise KeyboardInterrupt
        err_console.print("[yellow]stopping at the next safe point (Ctrl-C again to abort)…[/]")
        stop_event.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with err_console.status(f"running {name}…", spinner="dots") if not as_json and err_console.is_terminal else _nullcontext() as status:

            def progress(message: str, counts: Mapping[str, int]) -> None:
                if status is not None:
                    summary = " ".join(f"{k}={v}" for k, v in counts.items())
                    status.update(f"running {escape(name)}… {summary} {escape(message)[:60]}")

            try:
                run = jobs.run_now(runner, spec, trigger="manual", progress=progress)
            except JobBusyError as exc:
                from gongkai.run_failures import said_chinese_first

                raise fail(said_chinese_first(str(exc))) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        runner.close()
    if as_json:
        _print_json(run.as_dict())
    else:
        console.print(f"{escape(name)}: {_outcome(run.outcome)}，用时 {run.duration_seconds or 0:.1f} 秒 — "
                      f"{said_counts({'new': run.new, 'changed': run.changed, 'errors': run.errors}, ' ')}  "
                      f"[dim](运行 run {run.id}; in {run.duration_seconds or 0:.1f} s)[/]", soft_wrap=True)
        if isinstance(run.counts.get("backup"), str) and run.counts["backup"]:  # the maintenance's backup: where it is
            console.print(f"备份 backup: {escape(run.counts['backup'])}", soft_wrap=True)
        if run.message:
            from gongkai.run_failures import said_chinese_first

            # a run that failed or was stopped as a whole says why Chinese first; an ok run's message is its errors' lines
            console.print(escape(said_chinese_first(run.message) if run.outcome != "ok" else run.message))
        if run.outcome == "failed" and run.traceback:
            err_console.print(f"[dim]{escape(run.traceback)}[/]")
    if run.outcome == "failed":
        raise typer.Exit(1)
    if run.outcome == "interrupted":  # stopped before its end (Ctrl-C, SIGTERM, `jobs stop`): not a success
        raise typer.Exit(130)


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_exc: object) -> None:
        return None


@jobs_app.command("history")
def history(
    name: Annotated[str | None, typer.Argument(help="作业名称（crawl:* 为所有抓取）；不填则为全部 / Job name (crawl:* for every crawl); none: all jobs.")] = None,
    failed: Annotated[bool, typer.Option("--failed", help="只列失败、丢失和错过的运行 / Only failed, lost and missed runs.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="条数，最新的在前 / How many runs, newest first.")] = 30,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """运行记录 / Past runs, newest first: when, how long, outcome, counts, error. --json: JSON Lines, one run a line."""
    runs = state.facades.jobs.history(name, failed_only=failed, limit=limit)
    if not runs and name and not name.endswith("*") and not state.facades.jobs.history(name, limit=1):
        _known_spec(name)  # a name no job has and no run had (a typo, a site's name): an error, not an empty answer
    if as_json:
        for run in runs:
            _print_json(run.as_dict())
        if not runs:  # JSON Lines of no run is no line: say so where a person reads it, not in the data
            err_console.print("没有运行记录 / no runs recorded" + (f" for {escape(name)}" if name else "") + (" (--failed)" if failed else ""))
        return
    if not runs:  # said alone: an empty table of ten headers above it read as something broken
        console.print("没有运行记录 / no runs recorded" + (f" for {escape(name)}" if name else "") + (" (--failed)" if failed else ""))
        return
    table = Table(header("运行", "run"), Column(header("作业", "job"), no_wrap=True), header("触发", "trigger"), header("开始", "started"),
                  header("秒", "seconds"), header("结果", "outcome"), header("新增", "new"), header("变更", "changed"),
                  header("错误", "errors"), header("消息", "message"), caption=zone_caption())
    for column in table.columns[2:]:
        column.overflow = "fold"  # folded, never cut to "2026…" at 80 columns (a pipe, a cron mail)
    for run in runs:
        seconds = f"{run.duration_seconds:.1f}" if run.duration_seconds is not None else "—"
        table.add_row(str(run.id), escape(run.job), run.trigger, display_time(run.started_at.isoformat()), seconds,
                      _outcome(run.outcome, "\n"), str(run.new), str(run.changed), str(run.errors), escape(run.message)[:100])
    console.print(table)


_RUN_TIMES = frozenset({"started_at", "ended_at", "last_seen"})
#: `jobs show`'s fields, Chinese first (they were English keys only; doors3, session 12)
_RUN_FIELDS_ZH = {"id": "运行", "job": "作业", "trigger": "触发", "owner": "执行者", "started_at": "开始", "ended_at": "结束",
                  "duration_seconds": "用时（秒）", "outcome": "结果", "new": "新增", "changed": "变更", "errors": "错误",
                  "message": "消息", "counts": "计数", "last_seen": "最近心跳", "stop_requested": "已请求停止"}


@jobs_app.command("show")
def show_run(run_id: Annotated[int, typer.Argument(help="运行编号 / Run number from `gongkai jobs history`.")],
             as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """查看一次运行 / One run in full, with the traceback of a failure."""
    run = state.facades.jobs.run(run_id)
    if run is None:
        raise fail(f"没有编号为 {run_id} 的运行 / no run {run_id}")
    if as_json:
        _print_json(run.as_dict())
        return
    zone = _display_zone()
    for key, value in run.as_dict().items():
        if key in _RUN_TIMES and isinstance(value, str):
            value = f"{display_time(value)} ({zone})"  # the clock of `jobs history`; --json keeps ISO with its offset
        if isinstance(value, dict):  # the run's counts: as the other commands print counts, not a Python dict
            value = ", ".join(f"{k} {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in value.items() if v not in ([], {}))
        if key == "outcome" and isinstance(value, str):
            value = said_outcome(value)
        if key != "traceback" and value not in (None, "", {}):
            # the field's Chinese name first, its key after (what `--json` and scripts call it)
            console.print(f"[bold]{_RUN_FIELDS_ZH.get(key, '')}{' ' if key in _RUN_FIELDS_ZH else ''}{key}[/]: {escape(str(value))}")
    if run.traceback:
        console.print(escape(run.traceback))


def _set_paused(name: str, paused: bool, as_json: bool) -> None:
    spec = _known_spec(name)
    state.facades.jobs.set_paused(spec.name, paused)
    if as_json:
        _print_json({"job": spec.name, "paused": paused})
    else:
        console.print(f"{escape(spec.name)}: {'已暂停 paused' if paused else '已恢复 resumed'} "
                      "[dim](运行中的调度器几秒内生效，正在进行的运行会完成 / a running scheduler applies it within seconds; a run in progress finishes)[/]")


@jobs_app.command("pause")
def pause(name: Annotated[str, typer.Argument(help="作业名称 / Job name.")], as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """暂停作业 / Stop scheduling a job (kept across restarts) until `gongkai jobs resume NAME`."""
    _set_paused(name, True, as_json)


@jobs_app.command("resume")
def resume(name: Annotated[str, typer.Argument(help="作业名称 / Job name.")], as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """恢复作业 / Schedule a paused job again."""
    _set_paused(name, False, as_json)


@jobs_app.command("stop")
def stop(name: Annotated[str, typer.Argument(help="作业名称 / Job name.")], as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """停止正在运行的作业 / Ask a running job to stop at its next safe point, wherever it runs (scheduler, a shell, a server)."""
    import getpass

    spec = _known_spec(name)
    holder = state.facades.jobs.stop(spec.name, requested_by=f"cli:{getpass.getuser()}")
    if as_json:
        _print_json({"job": spec.name, "running": holder is not None, "stop_requested": holder is not None,
                     "pid": holder.pid if holder else None, "host": holder.host if holder else None})
    elif holder is None:
        console.print(f"{escape(spec.name)}: 未在运行 / not running")
    else:
        console.print(f"{escape(spec.name)}: 已请求停止 / stop requested [dim](pid {holder.pid} on "
                      f"{escape(holder.host)} stops at its next safe point, within seconds; "
                      "`gongkai jobs history` shows the run as interrupted)[/]")


@schedule_app.command("run")
def schedule_run() -> None:
    """运行调度器 / Run the scheduler in the foreground until SIGTERM/SIGINT (running jobs stop at a safe point)."""
    from gongkai.facades.jobs import run_scheduler

    engine = state.engine  # opened as for every command: a database ahead is refused here, before any job
    try:
        code = run_scheduler(engine)
    finally:
        engine.close()
    if code:
        raise typer.Exit(code)


def status(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / Machine-readable output (the /api/stats keys and more).")] = False) -> None:
    """运行状态一览 / One screen: records, index, last crawl per site, sync backlog, quarantine, jobs, failures of the last 24 h."""
    data = state.facades.status.collect()
    if as_json:
        _print_json(data)
        return
    render_status(data)


def _withdrawn_line(data: dict[str, Any]) -> str:
    """Withdrawn by whom: the source (its page gone, its own withdrawal; comes back when the document does) or an
    operator's takedown (stays down until lifted). One number said both, and an operator could not tell which."""
    if "withdrawn_by_source" not in data:
        return str(data.get("withdrawn", "?"))
    return (f"{data.get('withdrawn', '?')} (by source 来源撤回 {data['withdrawn_by_source']}: page gone or withdrawn by the agency; "
            f"by operator takedown 人工下架 {data.get('withdrawn_by_takedown', 0)})")


def render_status(data: dict[str, Any]) -> None:
    scheduler = data.get("scheduler") or {}
    running = (f"[green]运行中 running[/] pid {scheduler.get('pid')} on {escape(str(scheduler.get('host')))} since {display_time(scheduler.get('since'))}"
               if scheduler.get("running") else "[yellow]未运行 not running[/]")
    console.print(f"[bold]gongkai status 运行状态[/]  {display_time(data.get('generated_at'))} ({escape(str(_display_zone()))})  "
                  f"数据目录 data: {escape(str(data.get('data_dir')))}")
    console.print(f"[bold]调度器 scheduler[/]: {running}")
    console.print(f"[bold]记录 records[/]: {data.get('records', '?')} 条公开 live  "
                  + escape(", ".join(f"{k} {v}" for k, v in (data.get("by_kind") or {}).items())))
    if data.get("by_source"):
        console.print("  按来源 by source: " + escape(", ".join(f"{k} {v}" for k, v in data["by_source"].items())))
    console.print(f"[bold]已撤下 withdrawn[/]: {_withdrawn_line(data)}")
    index = data.get("index") or {}
    behind = index.get("behind")
    console.print(f"[bold]索引 index[/]: {index.get('documents', '?')} 篇 documents, {(index.get('size_bytes') or 0) / 1e6:.1f} MB, "
                  f"最近提交 last commit {display_time(index.get('last_commit'))}"
                  + (f", [red]落后存储 {behind} 处变更 / {behind} changes behind the store[/]" if behind else ""))
    sync = data.get("sync") or {}
    console.print(f"[bold]同步 sync[/]: 待发送 {sync.get('pending', '?')} pending, "
                  + (f"[red]失败 {sync.get('failed')} failed[/]" if sync.get("failed") else "失败 0 failed")
                  + f", 上次发送 last sent {display_time(sync.get('last_sent'))}")
    quarantined = (data.get("quarantine") or {}).get("open")
    console.print("[bold]隔离 quarantine[/]: " + (f"[yellow]待处理 {quarantined} open[/] (gongkai quarantine list)" if quarantined else "待处理 0 open"))
    takedowns = (data.get("takedowns") or {}).get("active")
    if takedowns is not None:
        console.print(f"[bold]人工下架 takedowns[/]: 有效 {takedowns} active" + (" (管理页面列出 / the admin page lists them)" if takedowns else ""))
    alerts = data.get("alerts") or {}
    if alerts.get("total"):  # issue 22: a failing alert is the operators' business
        failing = alerts.get("failing") or []
        console.print(f"[bold]提醒 alerts[/]: {alerts['total']}, " + (f"[red]失败 {len(failing)} failing[/] (gongkai alerts list)" if failing else "失败 0 failing"))
        for alert in failing:
            console.print(f"  [red]{escape(alert['id'])}[/] {escape(alert.get('query') or '')}: {escape(str(alert.get('error') or ''))[:160]}")
    crawl = data.get("crawl") or []
    if crawl:
        table = Table(header("站点", "site"), header("上次抓取", "last crawl"), header("计数", "counts"), header("作业结果", "job outcome"),
                      header("下次运行", "next run"), title="抓取 crawls")
        for site in crawl:
            last = site.get("last_crawl") or {}
            job_run = site.get("last_job_run") or {}
            counts = last.get("counts") or {k: job_run.get(k) for k in ("new", "changed", "errors")} if (last or job_run) else {}
            when = last.get("finished_at") or last.get("started_at") or job_run.get("started_at")
            from gongkai.facades.crawls import attention_line, summary_line

            attention = attention_line(counts)  # the URLs to look at: `gongkai crawl history --run RUN` names them
            # a crawl's counts as `sources list` says them (every number of the run, list_pages, same_hash, seconds …,
            # made a cell of 14 lines an operator had to read through for "new 3")
            said = summary_line(counts) if last.get("counts") else (
                ", ".join(f"{k} {v}" for k, v in counts.items() if isinstance(v, (int, float))) + (f"; URLs: {attention}" if attention else ""))
            table.add_row(escape(site["site"]), display_time(when), escape(said),
                          _outcome(job_run.get("outcome"), "\n"), display_time(site.get("next_run")))
        console.print(table)
    failed = data.get("failed_jobs_24h") or []
    if failed:
        table = Table(header("运行", "run"), Column(header("作业", "job"), no_wrap=True), header("时间", "when"), header("结果", "outcome"),
                      Column(header("错误", "error"), overflow="fold"), title="[red]24 小时内失败 failed in the last 24 h[/]")
        for run in failed:
            table.add_row(str(run["id"]), escape(run["job"]), display_time(run["started_at"]), _outcome(run["outcome"], "\n"),
                          escape(run.get("message") or "")[:160])
        console.print(table)
        console.print("[dim]详情 details: gongkai jobs show RUN[/]")
    else:
        console.print("[bold]24 小时内失败的作业 failed jobs (24 h)[/]: 无 none")
    for problem in data.get("problems") or []:
        console.print(f"[yellow]问题 problem:[/] {escape(problem)}")
