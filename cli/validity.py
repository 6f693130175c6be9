"""`gongkai validity set|recompute` and `gongkai graph` (issue 19): is a document still in force."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from gongkai.cli.context import fail, state
from gongkai.search_params import validity_status
from gongkai.validity import STATUS_LABELS, STATUSES, record_repeal_day

app = typer.Typer(help="文件效力 / Validity of documents: derived from their statements; an operator may override it.", no_args_is_help=True)
console = Console()


@app.command("set")
def set_status(
    record_id: Annotated[str, typer.Argument(help="记录编号 / Record id.")],
    status: Annotated[str, typer.Argument(help="效力状态；auto 或 自动 恢复为推算的状态 / in_force | not_yet_in_force | expired | repealed | suspended | amended | unknown (or 现行有效, 尚未施行, 已失效, 已废止, 暂停执行, 已修改, 未知) | auto (back to the derived status)")],
    reason: Annotated[str, typer.Option("--reason", help="原因（保存并显示） / Why (kept and shown).")] = "",
    by: Annotated[str, typer.Option("--by", help="决定人（保存并显示） / Who decides (kept and shown).")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """人工设定效力 / Override the derived status of one record, recorded with who and why."""
    if not by.strip():
        raise fail("--by is required: an override names who made it", 2)
    code = _status_code(status)
    if code is None:
        raise fail(f"应为 {'、'.join(STATUS_LABELS.values())} 或 auto / status must be one of {', '.join(STATUSES)} or auto, not {status!r}", 2)
    try:
        state.engine.validity_set(record_id, code, reason, by.strip())
    except KeyError:
        raise fail(f"没有这个编号的记录 / no record with id {record_id!r}", 1) from None
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    view = state.engine.validity(record_id)["validity"]
    if as_json:
        sys.stdout.write(json.dumps(view, ensure_ascii=False) + "\n")
    else:
        console.print(f"{escape(record_id)}: {view['status']} {STATUS_LABELS.get(view['status'], '')}")


def _status_code(typed: str) -> str | None:
    """The status an operator names, in English or Chinese as the search filter takes it (已废止, 现行有效 …: the page's
    badge words; `validity set ID 已废止` was refused while `search --validity 已废止` worked), or auto."""
    if typed.strip().lower() in ("auto", "自动"):
        return "auto"
    return validity_status(typed)


@app.command()
def recompute(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """重新推算效力 / Read records not yet read and derive every status for today (what the daily job does)."""
    result = state.engine.validity_daily()
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        console.print(f"读取 {result['read']} 条记录，{result['changed']} 条效力状态有变化 / read {result['read']} records; "
                      f"{result['changed']} statuses changed", soft_wrap=True)


def graph(
    record_id: Annotated[str, typer.Argument(help="记录编号 / Record id.")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=5, help="追溯层数（1-5） / Steps to follow (1-5).")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """文件关系 / What a document cites, what repealed or amended it, what it repealed or amended."""
    if state.engine.get(record_id) is None:
        raise fail(f"没有这个编号的记录 / no record with id {record_id!r}", 1)
    state.engine.validity(record_id)  # read it now if it never was
    result = state.engine.graph(record_id, depth)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    from gongkai.validity_graph import lines

    for line in lines(result) or ["(no references)"]:
        console.print(escape(line))


def print_validity(view: dict, title: str = "", doc_number: str = "") -> None:
    """The validity lines of `gongkai show`: status, dates, who repealed or amended it, with the sentence (`title`,
    `doc_number`: the record's, whose own day a sentence repealing several documents prints)."""
    from gongkai.validity import STATUS_LABELS

    v = view["validity"]
    line = f"[bold]效力[/] {STATUS_LABELS.get(v['status'], v['status'])} ({v['status']})"
    if v.get("effective_date"):
        line += f"  施行 {v['effective_date']}"
    if v.get("expiry_date"):
        line += f"  有效期至 {v['expiry_date']}"
    if v.get("suspended_on"):
        line += f"  暂停执行自 {v['suspended_on']}" + (f" 至 {v['suspended_until']}" if v.get("suspended_until") else "")
    elif v.get("resumed_on"):
        line += f"  恢复执行自 {v['resumed_on']}"
    console.print(line)
    if v.get("override"):
        o = v["override"]
        console.print(f"  人工设定 by {escape(o['by'])} at {o['at']}: {escape(o['reason'])}")
    for label, key in (("废止于", "repealed_by"), ("修改于", "amended_by"), ("有效期延长，由", "extended_by"), ("废止", "repeals"),
                       ("修改", "amends"), ("延长有效期", "extends"), ("暂停执行，由", "suspended_by"), ("恢复执行，由", "resumed_by"),
                       ("部分条款暂停执行，由", "suspended_in_part_by"), ("暂停执行", "suspends"), ("恢复执行", "resumes")):
        for item in v.get(key, []):
            said = label
            if key == "repealed_by" and v["status"] != "repealed" and item["id"]:
                # a repeal not in force yet (its document takes effect later): when, not 'repealed by' (probe4)
                # 《X》自2027年1月1日起废止 (this record's day, not the sentence's first), else its document's effective date
                printed = record_repeal_day(item["statement"], title, doc_number)
                day = printed.isoformat() if printed else state.engine.validity(item["id"])["validity"].get("effective_date")
                said = f"将于 {day} 起废止，由" if day else "将被废止，由"
            if key == "suspended_in_part_by" and item.get("part"):
                said = f"{item['part']} 暂停执行，由"  # which part, as printed (validity4)
            console.print(f"  {said} {escape(item['id'] or '[未收录]')} 《{escape(item['title'])}》 {escape(item['doc_number'])}  “{escape(item['statement'][:120])}”")
    console.print(f"  引用 {len(view['cites'])} 件，被引用 {view.get('cited_by_total', len(view['cited_by']))} 件")


def show_diff(record_id: str, from_version: int | None, to_version: int | None, as_json: bool) -> None:
    try:
        result = state.engine.diff(record_id, from_version, to_version)
    except KeyError:
        raise fail(f"没有这个编号的记录 / no record with id {record_id!r}", 1) from None
    except ValueError as exc:
        raise fail(str(exc), 1) from None
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    if result["from"] == result["to"]:  # it printed "第 1 版 → 第 1 版  正文未变", as if it had compared two versions
        console.print(f"[bold]{escape(record_id)}[/] 只有第 {result['to']} 版，没有可比较的更早版本 / "
                      f"only version {result['to']} is stored: nothing to compare")
        return
    console.print(f"[bold]{escape(record_id)}[/] 第 {result['from']} 版 → 第 {result['to']} 版")
    for name, change in result["fields"].items():
        console.print(f"  {name}: {escape(str(change['from']))} → {escape(str(change['to']))}")
    if not result["body_changed"]:
        console.print("  正文未变")
        return
    parts = []
    for op in result["body"]:
        text = escape(op["text"])
        parts.append(text if op["op"] == "equal" else f"[red strike][-{text}-][/]" if op["op"] == "delete" else f"[green]{{+{text}+}}[/]")
    console.print("".join(parts))
