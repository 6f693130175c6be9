"""`gongkai alerts add|list|remove|run|retry` (issue 22): saved searches that deliver what is new."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from gongkai.cli.context import fail, state
from gongkai.record import NOTICE_TYPES

app = typer.Typer(help="订阅提醒 / Saved-search alerts: a search plus a webhook, an email address or an Atom feed.", no_args_is_help=True)
console = Console()


def _write(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


@app.command("add")
def add(
    query: Annotated[str, typer.Option("--query", "-q", help="搜索词，与搜索框相同（可为空：全部记录） / The search, as typed in the search box (may be empty: every record).")] = "",
    issuer: Annotated[str | None, typer.Option("--issuer", help="发布机构（完整名称） / Exact issuer (a facet value).")] = None,
    notice_type: Annotated[str | None, typer.Option("--notice-type", help="公告类型 / " + " | ".join(NOTICE_TYPES))] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="类别：政府信息公开 disclosure 或 便民公告 notice / disclosure | notice")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="主题分类，与搜索页的筛选相同 / Topic (主题分类), as the page's filter names it.")] = None,
    year: Annotated[str | None, typer.Option("--year", help="发布年份，如 2024 或 2024年 / Publication year, 2024 or 2024年.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="发布日期不早于 / Published on or after.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="发布日期不晚于 / Published on or before.")] = None,
    area: Annotated[str | None, typer.Option("--area", help="街道、小区或楼栋：订阅其停水停电通知 / A street, community or building: its outage notices, "
                                             "as the outage lookup answers (no query or other filter).")] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", help="推送到此网址（签名的 JSON） / POST signed JSON to this URL.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="发邮件到此地址 / Send an email to this address (needs alerts.smtp_host).")] = None,
    atom: Annotated[bool, typer.Option("--atom", help="生成自己的 Atom 订阅地址 / Its own Atom feed URL.")] = False,
    updates: Annotated[bool, typer.Option("--updates", help="记录更新后再次发送 / Send a record again when a new version of it matches.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """新建提醒 / Save a search; it sends the records that arrive from now on (not the backlog). Prints the id and, once, the secret."""
    from gongkai.errors import AlertError

    chosen = [(name, value) for name, value in (("webhook", webhook), ("email", email), ("atom", "" if atom else None)) if value is not None]
    if len(chosen) != 1:
        raise fail("--webhook、--email、--atom 须且只能给其一 / give exactly one of --webhook URL, --email ADDRESS, --atom", 2)
    channel, target = chosen[0]
    filters = {"issuer": issuer, "notice_type": notice_type, "kind": kind, "topic": topic, "year": year,
               "date_from": date_from, "date_to": date_to, "area": area}
    try:
        alert = state.facades.alerts.add(query, filters, channel, target, updates)
    except AlertError as exc:
        raise fail(str(exc), 2) from None
    out: dict[str, Any] = {"id": alert.id, "secret": alert.secret, "channel": alert.channel, "target": alert.target,
           "query": alert.query, "filters": alert.filters, "updates": alert.updates}
    if channel == "atom":
        out["feed_url"] = state.facades.alerts.feed_url(alert)
    if as_json:
        _write(out)
        return
    console.print(f"提醒 [bold]{alert.id}[/] 已保存 / alert saved ({channel}{': ' + escape(alert.target) if alert.target else ''})")
    console.print(f"密钥（只显示这一次；webhook 以它签名） / secret (shown once; webhooks are signed with it): {alert.secret}")
    if "feed_url" in out:
        console.print(f"订阅地址 feed: {escape(out['feed_url'])}")


@app.command("list")
def list_(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """列出提醒 / Every alert with its receipts: last run, deliveries sent, pending and given up, the last error."""
    rows = state.facades.alerts.overview()
    if as_json:
        _write(rows)
        return
    if not rows:
        console.print("没有提醒 / no alerts")
    for row in rows:
        counts = row["deliveries"]
        flag = "[red]失败 FAILING[/] " if row["failing"] else ""
        filters = " ".join(f"{k}={v}" for k, v in row["filters"].items())
        console.print(f"{flag}[bold]{row['id']}[/] {escape(row['query'] or '(全部 all)')} {escape(filters)} → {row['channel']} {escape(row['target'])}"
                      f"{' (含更新 updates)' if row['updates'] else ''}")
        console.print(f"    上次运行 {row['last_run_at'] or '从未'}；已发送 {counts['sent']} 次（{row['records_sent']} 条记录），"
                      f"待发送 {counts['pending']}，已放弃 {counts['failed']} / "
                      f"last run {row['last_run_at'] or 'never'}; sent {counts['sent']} deliveries ({row['records_sent']} records), "
                      f"pending {counts['pending']}, given up {counts['failed']}")
        if row["last_error"]:
            console.print(f"    [red]最近错误 last error:[/] {escape(row['last_error'])}")


@app.command("remove")
def remove(alert_id: Annotated[str, typer.Argument(help="提醒编号 / Alert id.")]) -> None:
    """删除提醒 / Delete an alert and its receipts."""
    if not state.facades.alerts.remove(alert_id):
        raise fail(f"没有这个提醒 / no alert with id {alert_id!r}", 1)
    console.print(f"提醒 {escape(alert_id)} 已删除 / alert {escape(alert_id)} removed")


@app.command("run")
def run(
    alert_ids: Annotated[list[str] | None, typer.Argument(help="提醒编号（默认全部） / Alert ids (default: all).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """立即执行提醒 / Match what is new and deliver what is due, now (the `alerts` job does this every 5 minutes)."""
    from gongkai.errors import AlertError

    try:
        report = state.facades.alerts.run(alert_ids or None)
    except AlertError as exc:
        raise fail(str(exc), 1) from None
    if as_json:
        _write(report.as_dict())
    else:
        console.print(f"提醒 {report.alerts}，读取变更 {report.changes_read}，匹配记录 {report.matched}；已发送 {report.delivered}，"
                      f"失败尝试 {report.failed_tries}，已放弃 {report.given_up} / "
                      f"{report.alerts} alerts, {report.changes_read} changes read, {report.matched} records matched; "
                      f"{report.delivered} deliveries sent, {report.failed_tries} failed tries, {report.given_up} given up "
                      f"({report.seconds:.2f} s)")
        for error in report.errors:
            console.print(f"[red]{escape(error)}[/]")
    if report.errors or report.given_up:
        raise typer.Exit(1)


@app.command("retry")
def retry(alert_id: Annotated[str, typer.Argument(help="提醒编号 / Alert id.")]) -> None:
    """重发放弃的提醒 / Put an alert's given-up deliveries back in the queue (after its receiver is fixed); the next run sends them."""
    count = state.facades.alerts.retry_failed(alert_id)
    console.print(f"{count} 次投递已重新排队 / {count} deliveries queued again")
