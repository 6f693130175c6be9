"""`gongkai outages AREA [--date D] [--json]`: is this street cut on this day, and by which windows.

The same answer as /api/notices/outages and the /outages page (gongkai.engine.Engine.outages): affected
only when an event of a notice names the place and covers the day; only those events' windows listed.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from gongkai.asked_days import read_listed_days
from gongkai.asked_hours import lookup_hours
from gongkai.cli.context import fail, state
from gongkai.dates import beijing_today
from gongkai.errors import QueryError
from gongkai.outages import answer_json, on_days
from gongkai.search_params import ParameterError, parse_lookup_days

console = Console()


def outages(
    area: Annotated[str, typer.Argument(help="街道、小区或楼栋 / Street, community or building (湖滨南路, 高殿社区, 湖滨南路200号).")],
    date: Annotated[str | None, typer.Option("--date", help="日期，如 明天、周一、下周；不填则为任何一天 / The day (2024-05-06, 2024年5月6日, 5月6日, 12/7, 明天, 周一) or days (下周, 国庆, 12月7日至9日; 12月7日和12月9日: those two); omitted: any day.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（与 API 相同） / The API's answer: {area, date, affected, count, notices}.")] = False,
) -> None:
    """停水停电查询 / Is AREA cut (停水/停电/停气) on this day? Lists the notices and only the windows that name it."""
    try:
        day, until = parse_lookup_days("--date", date)
    except ParameterError as exc:
        raise fail(str(exc), 2) from None
    area = area.strip()
    if not area:
        raise fail("请填写街道或小区 / AREA must not be empty", 2)
    try:
        found = state.engine.outages(area, day, until, hours=lookup_hours(date))  # --date 明天下午: those hours (outages12)
    except QueryError as exc:
        raise fail(str(exc), 2) from None
    if date and (listed := read_listed_days(date, beijing_today())):  # 12月7日和12月9日: those two days' windows alone
        found = on_days(found, listed)
    answer = answer_json(area, day, found, until)
    notices = answer["notices"]
    if as_json:
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        return
    when = f"在 {day.isoformat()}{'至' + until.isoformat() if until else ''} " if day else ""
    if not notices:
        console.print(f"没有查到“{escape(area)}”{when}的停水停电通知（只包含已收录的公告；以供水、供电单位通知为准）。")
        return
    console.print(f"[bold]“{escape(area)}”{when}受影响[/]：{len(notices)} 条通知")
    for notice in notices:
        console.print(f"\n[bold]{escape(notice['title'])}[/]  {escape(notice['issuer'] or '')} {notice['publish_date'] or ''}  id {notice['id']}")
        print_windows(notice)


def print_windows(notice: dict[str, Any], indent: str = "  ") -> None:
    """The matching windows of one notice of an outage answer (gongkai.outages.answer_json), a line each."""
    from gongkai.web.presenters import format_window

    for window in notice["matching_windows"]:
        effect = "降压供水" if window["effect"] == "reduced_pressure" else {"water": "停水", "power": "停电", "gas": "停气"}.get(window["utility"], "停止供应")
        # as the page says it, 2026-05-21 09:30 至 14:00 (it printed 2026-05-21 09:30:00+08:00 至 2026-05-21 14:00:00+08:00)
        span = format_window(window) if window["start"] else f"? 至 {window['end'] or '?'}"
        console.print(f"{indent}{span}  {effect}  {escape('、'.join(window['areas']))}")
