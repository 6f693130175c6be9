"""`gongkai quarantine list|retry`: what could not be ingested, why, and a retry after a fix."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gongkai.cli.context import fail, json_value, state
from gongkai.cli.ops import display_time, zone_caption
from gongkai.quarantine_reasons import chinese_first, explain

app = typer.Typer(help="隔离区：无法入库的输入及原因 / Inputs that could not be ingested, with their reason: list, retry, resolve.", no_args_is_help=True)
console = Console()
#: What `quarantine list --status` takes: the store's statuses (store/quarantine.py QUARANTINE_STATUSES) and all.
STATUSES = ("open", "resolved", "retried", "all")
#: an entry's status, and a retry's result, as the operator reads them: Chinese first (they were English only)
STATUS_ZH = {"open": "待处理", "resolved": "已关闭", "retried": "已重试", "new": "新增", "updated": "已更新", "unchanged": "未变",
             "quarantined": "仍隔离", "withdrawn": "已撤下"}


def status_said(status: str) -> str:
    return f"{STATUS_ZH[status]} {status}" if status in STATUS_ZH else status


@app.command("list")
def list_items(
    status: Annotated[str, typer.Option(help="状态 / status: open | resolved | retried | all")] = "open",
    limit: Annotated[int, typer.Option(help="最多列出条数 / at most this many")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """列出隔离的输入，最新的在前 / Quarantined items, newest first."""
    if status not in STATUSES:  # a typo (--status opened) listed nothing, as if the quarantine were empty
        raise fail(f"--status: 只能是 {', '.join(STATUSES)} 之一 / must be one of {', '.join(STATUSES)}", 2)
    if limit < 1:
        raise fail("--limit: 至少为 1 / must be at least 1", 2)
    items = state.engine.store.quarantine_list(None if status == "all" else status, limit=limit)
    if as_json:
        for item in items:  # `reason` as stored (English, what scripts match); its code and Chinese beside it
            said = explain(str(item["reason"]))
            sys.stdout.write(json.dumps({**item, "reason_code": said.code, "reason_zh": said.chinese}, ensure_ascii=False, default=json_value) + "\n")
        return
    # the clock of `gongkai jobs` (the scheduler's timezone), said under the table; --json keeps the stored UTC time
    table = Table("编号\nid", caption=zone_caption())
    table.add_column("时间\nwhen", no_wrap=True)  # a time cut over two lines is no time a search finds
    # folded, not cut: rich takes a Chinese reason (no spaces) for one long word and cut it to "文件已损坏或不完 …"
    table.add_column("输入\ninput", overflow="fold")
    table.add_column("原因\nreason", overflow="fold", ratio=2)
    table.add_column("状态\nstatus")
    for item in items:
        when = display_time(str(item["created_at"])) if item["created_at"] else "—"
        table.add_row(str(item["id"]), when, escape(str(item["input_ref"])), escape(explain(str(item["reason"])).text())[:240], status_said(item["status"]))
    console.print(table)


def _records_with_pages_unread(items: list[dict]) -> list[str]:
    """The records of open OCR review entries with pages over the OCR time limit (their reason names the pages)."""
    from gongkai.ingest import OCR_REVIEW_PREFIX

    found: list[str] = []
    for item in items:
        reason = str(item["reason"])
        if reason.startswith(OCR_REVIEW_PREFIX) and "not read: OCR over the time limit" in reason:
            record_id = reason[len(OCR_REVIEW_PREFIX):].partition(": ")[0]
            if record_id not in found:
                found.append(record_id)
    return found


@app.command()
def retry(
    ids: Annotated[list[int] | None, typer.Argument(help="隔离编号；不写则重试全部未处理的 / Quarantine ids; none: every open item.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """重新入库隔离的输入 / Try quarantined items again (after a parser fix or a settings change). Exit 1 when none went in (every one
    quarantined again), as `gongkai ingest` does."""
    from gongkai.cli.crawl import site_label_rules
    from gongkai.ingest import OCR_REVIEW_PREFIX

    engine = state.engine
    # An OCR review entry is no failed input but a record a person should look at: a retry parsed it again
    # (unchanged) and closed it, so a routine retry emptied the review queue with nobody having looked.
    if ids:
        targets = ids
    else:
        open_items = engine.store.quarantine_list("open", limit=100_000)
        reviews = sum(str(item["reason"]).startswith(OCR_REVIEW_PREFIX) for item in open_items)
        targets = [item["id"] for item in open_items if not str(item["reason"]).startswith(OCR_REVIEW_PREFIX)]
        if reviews and not as_json:
            console.print(f"{reviews} 条扫描件识别待人工核对，未重试 / {reviews} OCR review entries left for a person (gongkai stats: ocr_review; "
                          "gongkai quarantine resolve ID once the record is checked)")
            # pages left unread over the time limit: a reparse reads them (probe5: "nothing to retry" said no more)
            for record_id in _records_with_pages_unread(open_items):
                console.print(f"识别超时未读的页 / pages not read (OCR over the time limit): gongkai reparse {record_id}", soft_wrap=True)
    if not targets:
        console.print("没有可重试的条目 / nothing to retry")
        return
    rules = site_label_rules()  # a crawled page is parsed by its site's definition as it is now
    stored = 0
    for qid in targets:
        entry = engine.store.quarantine_get(qid)
        if entry is not None and str(entry["reason"]).startswith(OCR_REVIEW_PREFIX):
            why = f"an OCR review entry, nothing to retry: check the record, then gongkai quarantine resolve {qid}"
            if unread := _records_with_pages_unread([entry]):
                why = f"an OCR review entry with pages not read over the OCR time limit: gongkai reparse {unread[0]} reads them"
            if as_json:
                sys.stdout.write(json.dumps({"quarantine_id": qid, "status": "ocr_review", "error": why}, ensure_ascii=False) + "\n")
            else:
                console.print(f"{qid}: 扫描件识别待人工核对，无需重试 / {why}")
            continue
        try:
            # an agency's drop-folder record pushed meanwhile stays one record (feeds/agency_doors.py)
            result = engine.retry_quarantined(qid, label_overrides=rules, prepare=state.facades.feeds.one_record_across_doors)
        except KeyError:
            raise fail(f"没有编号为 {qid} 的隔离条目 / no quarantined item {qid}") from None
        if as_json:
            extra = {"error_code": explain(result.error).code, "error_zh": explain(result.error).chinese} if result.error else {}
            sys.stdout.write(json.dumps({"quarantine_id": qid, **result.as_dict(), **extra}, ensure_ascii=False) + "\n")
        else:
            console.print(f"{qid}: {status_said(result.status)} {escape(chinese_first(result.error) or result.id or '')}")
        stored += result.status != "quarantined"
    if not stored:
        raise typer.Exit(1)


@app.command()
def resolve(
    ids: Annotated[list[int], typer.Argument(help="要关闭的隔离编号 / Quarantine ids to close.")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """关闭无需重试的条目 / Close entries that need no retry: the agency sent the input again fixed, or it is junk nobody will fix. They
    stay listed (`--status resolved`), with their kept bytes; `gongkai quarantine retry ID` still takes them."""
    store = state.engine.store
    # every id checked first: a typo closes nothing
    entries = {qid: store.quarantine_get(qid) for qid in ids}
    missing = [str(qid) for qid, entry in entries.items() if entry is None]
    if missing:
        raise fail(f"没有编号为 {', '.join(missing)} 的隔离条目 / no quarantined item {', '.join(missing)}")
    for qid, entry in entries.items():
        before = entry["status"] if entry is not None else ""
        if before != "resolved":
            store.quarantine_set_status(qid, "resolved")
        if as_json:
            sys.stdout.write(json.dumps({"quarantine_id": qid, "status": "resolved", "was": before}, ensure_ascii=False) + "\n")
        else:
            console.print(f"{qid}: {status_said('resolved')}" + (" (已关闭过 / already)" if before == "resolved" else f" (原为 {STATUS_ZH.get(before, before)} / was {before})"))
