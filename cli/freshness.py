"""`gongkai sources status` (issue 22): the freshness watch over every source (ops/freshness.py)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gongkai.cli.context import state
from gongkai.cli.words import header

console = Console()


def _short(iso: str | None) -> str:
    """On the operators' clock (the scheduler's timezone, said under the table), as gongkai status: UTC, unsaid, before."""
    from gongkai.cli.ops import display_time

    return display_time(iso)[:16] if iso else "—"


def status(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """各来源是否按时更新 / Per source: last finished run, last new record, expected cadence, overdue since when; newspapers' missing
    editions. Exits 1 when a source is overdue."""
    rows = [entry.as_dict() for entry in state.facades.status.sources()]
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        raise typer.Exit(1 if any(row["overdue"] for row in rows) else 0)  # exit 1: some source is overdue
    from gongkai.cli.ops import zone_caption

    # Chinese over the English (doors3, session 12: the table was English only)
    table = Table(header("来源", "source"), header("类型", "kind"), header("记录", "records"), header("上次运行", "last run"),
                  header("最近新记录", "last new record"), header("应有频率", "cadence"), header("逾期", "overdue"),
                  title="来源 sources", title_justify="left", caption=zone_caption())
    for row in rows:
        cadence = f"{row['expected_cadence_days']:g} 天 d ({row['cadence_from']})" if row["expected_cadence_days"] else "未知 unknown"
        overdue = f"[red]自 since {_short(row['overdue_since'])}[/]" if row["overdue"] else "暂停 paused" if row.get("paused") else "否 no"
        table.add_row(escape(row["name"]), row["kind"], str(row["records"]), _short(row["last_run"]), _short(row["last_new_record"]), cadence, overdue)
    console.print(table)
    for row in rows:
        if row["reasons"]:
            console.print(f"[bold]{escape(row['name'])}[/]: " + "; ".join(escape(r) for r in row["reasons"]))
        if row["missing_editions"]:
            console.print(f"  缺少的版面 missing editions: {', '.join(row['missing_editions'][:60])}")
    if any(row["overdue"] for row in rows):
        raise typer.Exit(1)
