"""`gongkai`: the operator's command line. Every command is a thin shell over gongkai.engine."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from gongkai.cli.cjk_wrap import install as install_cjk_wrap
from gongkai.cli.context import day_option, fail, group_reads_only, json_value, state
from gongkai.cli.usage_errors import install as install_usage_errors
from gongkai.errors import QueryError
from gongkai.ingest import ItemResult
from gongkai.labels import FACET_LABELS, facet_value_label, kind_label, notice_type_label
from gongkai.record import NOTICE_TYPES, Record

app = typer.Typer(
    name="gongkai",
    help="公开 gongkai：收集、保存、检索政府信息公开与便民公告 / collect, store and search Chinese government disclosures and public notices.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
console = Console()
err_console = Console(stderr=True)
# The panels of every --help and Click's refusals of a mistyped command line (Typer's and Click's words): Chinese first,
# as the commands and options in them
install_usage_errors()
# rich cut Chinese short with … in tables and --help (原始抓取和 … for 原始抓取和隔离区): measured in cells, folded anywhere
install_cjk_wrap()


@app.callback()
def main(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", envvar="GONGKAI_DATA_DIR", help="数据目录：存放数据库、索引、原始抓取和隔离区 / Store, index, raw captures and quarantine live here (default: index_data)."),
    ] = None,
) -> None:
    from gongkai.cli.context import READ_ONLY_COMMANDS

    # An engine or settings left by an earlier command in this process (a script or a test calling the app twice) belong
    # to that command's data directory: a command naming another one opens its own (a later `stats --data-dir B` showed
    # A's store). Named no directory, it keeps what it was given (tests hand the CLI an engine).
    if data_dir is not None and state._settings is not None and state._settings.data_dir.resolve() != data_dir.resolve():
        if state._engine is not None:
            state._engine.close()
        state._settings = state._engine = None
    state.data_dir = data_dir
    # checked when the command opens the store (its --help opens none), and for this command only
    state.reads_only = ctx.invoked_subcommand in READ_ONLY_COMMANDS
    ctx.call_on_close(lambda: setattr(state, "reads_only", False))


def _kind_said(kind: str, notice_type: str | None) -> str:
    """A record's kind as the search hits say it, the page's word then the code: 停水停电通知 notice/outage."""
    word = notice_type_label(notice_type) if notice_type else kind_label(kind)
    return f"{word} {kind}" + (f"/{notice_type}" if notice_type else "")


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=json_value) + "\n")


def _item_json(result: ItemResult) -> dict[str, object]:
    """An ingest result for --json: a quarantined item's `error` as stored (English) with its code and Chinese beside
    (gongkai.quarantine_reasons), as `gongkai quarantine retry --json` gives them."""
    data: dict[str, object] = result.as_dict()
    if result.error:
        from gongkai.quarantine_reasons import explain

        said = explain(result.error)
        data.update(error_code=said.code, error_zh=said.chinese)
    return data


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="记录文件、文档或文件夹（含子文件夹）；- 读标准输入 / JSON Lines, JSON or XML record files, documents (HTML/PDF/DOCX/TXT), their .gz or a .zip of them, or folders (recursed); - for JSON Lines on standard input.")],
    notices: Annotated[bool, typer.Option("--notices", help="输入是便民公告版面，每条公告一条记录 / The inputs are notice columns (text or HTML): split into one record per notice.")] = False,
    source: Annotated[str, typer.Option(help="未注明来源的记录所记的来源；机构名即其推送的来源 / Source name recorded on records that do not carry one (an agency's name: its push's door).")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="每个输入项输出一行 JSON / One JSON line per input item.")] = False,
    apply_withdrawals: Annotated[bool, typer.Option(
        "--apply-withdrawals", help='执行撤下标记（"withdrawn": true），撤下相应记录；不加此项则隔离 / Apply the tombstones ("withdrawn": true, e.g. from gongkai export): withdraw their records. Without it they are quarantined.')] = False,
) -> None:
    """导入记录和文件，无效的进隔离区 / Ingest records and documents; invalid items go to the quarantine with their reason, the rest go in.
    `-` reads JSON Lines from standard input (kept in DATA_DIR/stdin/ first, so a quarantined line can be retried)."""
    if any(str(p) == "-" for p in paths):
        from gongkai.stdin_input import StdinIsATerminal, keep_stdin

        if sys.stdin is None:  # started with standard input closed (<&-)
            raise fail("gongkai ingest -: 标准输入已关闭，请用管道传入记录 / standard input is closed: pipe records in (… | gongkai ingest -)", 2)
        try:
            piped = keep_stdin(sys.stdin.buffer, state.settings.data_dir, is_terminal=sys.stdin.isatty())
        except StdinIsATerminal as exc:
            raise fail(f"gongkai ingest -: {exc}", 2) from None
        except OSError as exc:  # a disk full, a file size limit: nothing was kept, so nothing is ingested (no half input)
            raise fail(f"gongkai ingest -: 无法保存标准输入，未导入任何记录 / standard input could not be kept in "
                       f"{state.settings.data_dir / 'stdin'}: {exc.strerror or exc}; nothing was ingested: pipe it again "
                       "once there is room", 1) from None
        paths = list(dict.fromkeys(piped if str(p) == "-" else p for p in paths))
    missing = [str(p) for p in paths if not p.exists()]
    if missing:  # a typing mistake, not bad input: refuse before doing anything
        raise fail("文件或文件夹不存在 / no such file or folder: " + ", ".join(missing), 2)
    # named from the root: a quarantined line kept without its bytes is read again from its file by a retry that
    # may run from another folder (record ids do not depend on the path)
    paths = [p.absolute() for p in paths]
    engine = state.engine
    # --source 厦门市财政局: the agency's records loaded for it, one record with what it dropped in its folder (agency_doors)
    feeds = state.facades.feeds
    # a document given again (its sidecar completed, the parsers upgraded) is a new version of its record, not a second
    # record beside it, as in the drop folder and the push (feeds/same_file.py; review18). Not the notices of a column:
    # they share its bytes, each its own record.
    superseded: list[Any] = []

    def prepare(items: Any) -> Any:
        items = items if notices else feeds.same_file_same_record(items, superseded)
        return feeds.one_record_across_doors(items, source) if source else items

    from gongkai.cli.stop_signal import stop_on_sigterm

    with stop_on_sigterm():  # what went in stays, the rest is read by the next run
        report = _ingest(engine, paths, notices, source, as_json, apply_withdrawals, prepare)
    feeds.withdraw_superseded(superseded)
    if report.total == 0:
        raise fail("没有找到可导入的内容 / no input items found in " + ", ".join(map(str, paths)))
    if report.counts["quarantined"] and report.counts["quarantined"] == report.total:
        raise typer.Exit(1)


def _ingest(engine: Any, paths: list[Path], notices: bool, source: str, as_json: bool, apply_withdrawals: bool, doors: Any) -> Any:
    """`gongkai ingest`'s run and its report (the one line of counts unless --json)."""
    if as_json:
        return engine.ingest_paths(paths, notices=notices, source=source, on_item=lambda r: _print_json(_item_json(r)),
                                   apply_withdrawals=apply_withdrawals, prepare=doors)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} items"), TimeElapsedColumn(),
                  console=err_console, transient=True, disable=not err_console.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)

        from gongkai.quarantine_reasons import chinese_first  # the operator's reason, Chinese first

        def on_item(result: ItemResult) -> None:
            progress.advance(task)
            if result.status == "quarantined":
                err_console.print(f"[yellow]已隔离 quarantined[/] {escape(chinese_first(result.error) or '')}")

        report = engine.ingest_paths(paths, notices=notices, source=source, on_item=on_item, apply_withdrawals=apply_withdrawals,
                                     prepare=doors)
    from gongkai.cli.words import counts

    # one line whatever the terminal's width (a script greps "quarantined: 1"; 80 columns cut it before the number)
    console.print(counts(report.as_dict()), soft_wrap=True)  # "withheld" is there only when a takedown kept items down
    if report.withheld:
        console.print("[dim]仍下架：已保存，但运维下架仍然有效（gongkai withdraw --undo ID 可解除） / withheld: stored, but kept "
                      "down by an operator takedown (gongkai withdraw --undo ID lifts one)[/]")
    return report


# ignore_unknown_options: a query may start with an exclusion (`gongkai search "-检修 思明区"`); without it
# Click reads "-检修" as an unknown option. A mistyped option still fails (it leaves an extra argument).
@app.command(context_settings={"ignore_unknown_options": True})
def search(
    query: Annotated[str, typer.Argument(help='搜索词（须全部包含）、"短语"、-排除词、issuer:…、文号或索引号 / Words (ANDed), "a phrase", -excluded, issuer:…, a 文号 or a 索引号.')] = "",
    kind: Annotated[str | None, typer.Option(help="类别：政府信息公开 disclosure 或 便民公告 notice / disclosure | notice")] = None,
    issuer: Annotated[str | None, typer.Option(help="发布机构（完整名称） / Exact issuing body (发布机构).")] = None,
    notice_type: Annotated[str | None, typer.Option("--notice-type", help="公告类型 / " + " | ".join(NOTICE_TYPES))] = None,
    topic: Annotated[str | None, typer.Option(help="主题分类（完整名称） / Exact topic (主题分类).")] = None,
    year: Annotated[str | None, typer.Option(help="发布年份 / Publication year.")] = None,  # checked by build_params, in Chinese first as the API
    date_from: Annotated[str | None, typer.Option("--from", help="发布日期不早于 / Published on or after (2014-05-06, 2014年5月6日 …).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="发布日期不晚于 / Published on or before.")] = None,
    validity: Annotated[str | None, typer.Option(help="效力 / in_force | amended | repealed | expired | not_yet_in_force | suspended | unknown (or 现行有效, 已废止, 暂停执行 …)")] = None,
    sort: Annotated[str, typer.Option(help="排序：相关度 relevance 或 日期 date / relevance | date")] = "relevance",
    limit: Annotated[int, typer.Option(help="每页条数 / Hits per page.")] = 10,
    offset: Annotated[int, typer.Option(help="跳过前多少条 / Skip this many hits.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / Machine-readable output.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="显示每条结果的排序依据 / Show why each hit ranks where it does.")] = False,
) -> None:
    """全文搜索 / Full-text search with filters, facets and highlighted snippets."""
    from gongkai.search_params import ParameterError, build_params, nothing_searchable_note

    # The one validator of search parameters (issue 17): the API and the page take theirs through it too.
    raw = {"q": query, "kind": kind, "issuer": issuer, "notice_type": notice_type, "topic": topic,
           "year": year, "date_from": date_from, "date_to": date_to,
           "validity": validity, "sort": sort, "page_size": str(limit), "explain": "true" if explain else None}
    try:
        params = build_params(raw, state.settings.search, strict=True)
    except ParameterError as exc:
        raise fail(f"{_SEARCH_OPTION.get(exc.name, '--' + exc.name.replace('_', '-'))}: {exc.message}", 2) from None
    request = params.to_request()
    request.offset = offset  # the CLI pages by offset; the engine refuses one past search.max_offset
    try:
        response = state.engine.search(request)
    except QueryError as exc:
        raise fail(str(exc), 2) from None
    # 湖滨南路明天停电吗: the outage lookup's answer beside the results, as the page and the API give it
    from gongkai.outage_question import answer_outage_question

    outage = answer_outage_question(state.engine, params.q) if offset == 0 else None
    # 。。, ~~~: nothing searched, nothing listed, and said why (search15)
    note = nothing_searchable_note(params.q) if response.nothing_searchable else ""
    if as_json:
        _print_json({**response_to_json(response), "outage": outage.as_json() if outage is not None else None,
                     **({"message": note} if note else {})})
        return
    if note:
        err_console.print(f"[yellow]{escape(note)}[/]")
    if outage is not None:
        _print_outage_answer(outage)
    # Chinese first, as the page says it (共 5 条结果), the English after as it was (newuser, session 12: English only)
    about = ("约", "about ") if response.approximate else ("", "")
    console.print(f"{about[0]}共 [bold]{response.total}[/] 条结果 / {about[1]}{response.total} results")
    if response.relaxed:
        console.print(f"[yellow]未找到同时包含全部词语的结果，以下结果包含部分词语 (not required: {escape(' '.join(response.dropped))})[/]")
    if response.did_you_mean:
        console.print(f"[yellow]您是不是要找 / did you mean: {escape('  '.join(response.did_you_mean))}[/]")
    for number, hit in enumerate(response.hits, start=offset + 1):
        ident = "  ".join(x for x in (hit.doc_number, hit.index_number) if x)
        console.print(f"[bold cyan]{number}. {escape(hit.title)}[/]  [dim]{hit.id}[/]")
        console.print(f"   {escape(hit.issuer or '')}  {hit.publish_date or ''}  {escape(ident)}  {escape(_kind_said(hit.kind, hit.notice_type))}")
        if hit.snippet_text:
            console.print("   " + escape(hit.snippet_text).replace("【", "[reverse]").replace("】", "[/reverse]"))
        if hit.explain:
            console.print("   [dim]" + escape(", ".join(f"{k}={_explain_value(v)}" for k, v in hit.explain.items())) + "[/]")
    if response.facets:
        for name, values in response.facets.items():
            if values:
                top = "，".join(f"{_facet_value(name, k)} ({v})" for k, v in list(values.items())[:8])
                console.print(f"[dim]{FACET_LABELS.get(name, name)} {name}: {escape(top)}[/]")


def _facet_value(facet: str, value: str) -> str:
    """政府信息公开 disclosure: the page's word, then the code the --kind/--notice-type/--validity options take."""
    label = facet_value_label(facet, value)
    return label if label == value or facet == "year" else f"{label} {value}"


def _print_outage_answer(outage) -> None:
    from gongkai.cli.outages import print_windows

    asked = outage.question
    if not outage.found:
        console.print(f"[yellow]停水停电查询：没有查到“{escape(asked.place)}”{asked.when}的停{asked.utility}通知[/]")
        return
    console.print(f"[bold yellow]停水停电查询：“{escape(asked.place)}”{asked.when}有 {len(outage.found)} 条停{asked.utility}通知[/]")
    for notice in outage.as_json()["notices"]:
        console.print(f"   {escape(notice['title'])}  [dim]{notice['id']}[/]")
        print_windows(notice, indent="     ")


#: A search parameter's name in the CLI, for error messages (the validator names the API's parameters).
_SEARCH_OPTION = {"q": "QUERY", "date_from": "--from", "date_to": "--to", "page_size": "--limit", "page": "--offset"}


def _explain_value(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list):
        return "/".join(str(v) for v in value)
    return str(value)


def response_to_json(response) -> dict:
    return {
        "total": response.total,
        "relaxed": response.relaxed,
        "dropped": list(response.dropped),
        "did_you_mean": list(response.did_you_mean),
        "approximate": response.approximate,
        "nothing_searchable": response.nothing_searchable,
        "hits": [
            {
                "id": h.id, "title": h.title, "doc_number": h.doc_number, "index_number": h.index_number,
                "issuer": h.issuer, "publish_date": h.publish_date.isoformat() if h.publish_date else None,
                "kind": h.kind, "notice_type": h.notice_type, "url": h.url, "snippet": h.snippet_html, "score": h.score,
                "validity": h.validity,
                **({"explain": h.explain} if h.explain is not None else {}),
            }
            for h in response.hits
        ],
        "facets": response.facets,
    }


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(help="记录编号（见搜索结果） / Record id (from search results).")],
    versions: Annotated[bool, typer.Option("--versions", help="所有版本，最早的在前 / All stored versions, oldest first.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="两个版本之间的改动 / What changed between two versions (--from, --to; default the last change).")] = False,
    from_version: Annotated[int | None, typer.Option("--from", help="与 --diff 同用：较早的版本 / With --diff: the older version.")] = None,
    to_version: Annotated[int | None, typer.Option("--to", help="与 --diff 同用：较新的版本 / With --diff: the newer version.")] = None,
) -> None:
    """查看一条记录 / Show one record in full, with its validity (issue 19)."""
    engine = state.engine
    if diff:
        from gongkai.cli.validity import show_diff

        return show_diff(record_id, from_version, to_version, as_json)
    records = engine.versions(record_id) if versions else [r for r in [engine.get(record_id)] if r]
    if not records:
        raise fail(f"没有这个编号的记录 / no record with id {record_id!r}", 1)
    if as_json:
        for record in records:
            if versions:
                sys.stdout.write(record.to_json() + "\n")
            else:  # the current record also says whether it is in force, and what it cites and is cited by
                sys.stdout.write(json.dumps({**json.loads(record.to_json()), **engine.validity(record.id)}, ensure_ascii=False) + "\n")
        return
    for record in records:
        table = Table(show_header=False, box=None)
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")  # nothing cut to "…"
        for label, value in (
            ("id", record.id), ("版本 version", record.version), ("信息名称", record.title), ("索引号", record.index_number),
            ("文号", record.doc_number), ("发布机构", record.issuer), ("主题分类", record.topic), ("关键词", " ".join(record.keywords)),
            ("成文日期", record.written_date), ("发布日期", record.publish_date), ("类别", _kind_said(record.kind, record.notice_type)),
            # whether it is published, not whether it is in force (效力, below): "状态 有效" stood beside "效力 已废止"
            ("公开状态", "已撤下 withdrawn" if record.withdrawn else "公开 published"),
        ):
            if value not in (None, ""):
                table.add_row(f"[bold]{label}[/]", escape(str(value)))
        console.print(table)
        # The source URL on a line of its own, wrapped by the terminal only: in the table rich cut it to
        # "…/A10/content_000009…" (a link nobody could open), or folded it with a newline that a copy keeps.
        # A file given to gongkai ingest (or dropped, or pushed) has no URL: the file it was sent as is named beside its
        # source ("来源 file" alone told nobody which file)
        sent_as = "" if record.url else engine.store.sent_file_name(record.id)
        console.print(f"[bold]来源[/]  {escape(record.url or record.source)}" + (f"  文件 file: {escape(sent_as)}" if sent_as else ""), soft_wrap=True)
        if record.notice:
            _print_notice(record)
        for attachment in record.attachments:
            console.print(f"[bold]附件[/] {escape(attachment.name)} {escape(attachment.url)}")
        if not versions:
            from gongkai.cli.validity import print_validity

            print_validity(engine.validity(record.id), record.title, record.doc_number)
            console.print(escape(record.body))
        console.print()


def _print_notice(record: Record) -> None:
    """A notice's fields as the record page says them (公告要点: 遗失物, 证号 …; each outage window with its places);
    it printed the model as one JSON line (the windows' ISO times and every empty area part). --json has the fields."""
    from gongkai.web.presenters import notice_fields, outage_events

    console.print(f"[bold]{escape(notice_type_label(record.notice_type or ''))}要点[/]")
    for row in notice_fields(record.notice):
        console.print(f"  {escape(row.label)}  {escape(row.text or '' if row.items is None else '、'.join(row.items))}", soft_wrap=True)
    for event in outage_events(record.notice):
        places = "、".join(event.areas) or "未注明"
        console.print(f"  {escape(event.when)}  {escape(event.effect)}  {escape(event.line or '—')}  {escape(places)}", soft_wrap=True)


@app.command()
def export(
    since: Annotated[str | None, typer.Option(help="只导出此时间之后改动的记录 / Only records changed since this date/time (ISO).")] = None,
    include_withdrawn: Annotated[bool, typer.Option("--include-withdrawn/--no-withdrawn", help="含已撤下的记录（默认含） / Include withdrawn records, each marked so (default); --no-withdrawn leaves them out.")] = True,
    validity: Annotated[bool, typer.Option("--validity", help="附上每条记录的效力 / Add each record's derived \"validity\" (as /api/documents/{id}); ingest ignores it.")] = False,
) -> None:
    """导出全部记录 / Write every record as JSON Lines to standard output (the interchange format)."""
    since_dt: datetime | None = None
    if since:
        try:
            since_dt = datetime.fromisoformat(since)
        except ValueError:
            d = day_option(since, "--since")
            since_dt = datetime(d.year, d.month, d.day) if d else None
    out = sys.stdout
    for record in state.engine.export(since=since_dt, include_withdrawn=include_withdrawn):
        line = record.to_json()
        if validity:  # issue 19: derived data, spliced in as the record's last key; a receiving store derives its own
            derived = json.dumps(state.engine.validity(record.id)["validity"], ensure_ascii=False, separators=(",", ":"))
            line = line[:-1] + ',"validity":' + derived + "}"
        out.write(line + "\n")


@app.command()
def reindex() -> None:
    """重建索引 / Rebuild the index from the store into a new directory and swap it in atomically."""
    with Progress(TextColumn("正在重建索引 reindexing"), TextColumn("{task.completed} 条 records"), TimeElapsedColumn(), console=err_console,
                  transient=True, disable=not err_console.is_terminal) as progress:
        task = progress.add_task("reindex", total=None)
        count = state.engine.reindex(progress=lambda n: progress.update(task, completed=n))
    console.print(f"索引已重建，可检索 {count} 条 / index rebuilt: {count} searchable records")


@app.command()
def reparse(
    record_ids: Annotated[list[str] | None, typer.Argument(help="记录编号；不填则为所有保存了原始文件的记录 / Record ids; none: every record that has a kept capture.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="每条重新解析的记录输出一行 JSON / One JSON line per re-parsed item.")] = False,
    ocr: Annotated[bool, typer.Option("--ocr", help="扫描件重新识别（不用缓存） / Read scanned pages by OCR again instead of from the OCR cache.")] = False,
    sites_dir: Annotated[list[Path] | None, typer.Option(
        "--sites-dir", help="另一个站点定义文件夹 / Extra folder of site definitions whose label_overrides apply (also settings crawl.sites_dirs).")] = None,
    without_site_rules: Annotated[bool, typer.Option(
        "--without-site-rules", help="找不到站点定义的记录也按通用规则解析 / Parse the records of sites whose definition is not found too, without their label_overrides.")] = False,
) -> None:
    """重新解析 / Parse records again from their kept raw bytes with the current parsers and site definitions (after a fix)."""
    from gongkai.cli.crawl import site_label_rules, undefined_site_sources

    undefined = undefined_site_sources(sites_dir)
    left = [] if without_site_rules else undefined
    if undefined:
        # Parsed without its site's label rules a page loses what they gave (after `gongkai demo`: sm-gov's 发布机构 and
        # 成文日期): those records are left as they are unless the operator says otherwise.
        what = ("parsed without its label_overrides (--without-site-rules)" if without_site_rules else
                "left as they are (未重新解析); pass --sites-dir DIR with the definitions, or --without-site-rules")
        err_console.print(f"[yellow]warning:[/] 找不到站点定义 / no site definition found for {escape(', '.join(undefined))} "
                          f"(built-in, crawl.sites_dirs, --sites-dir): their records are {what}")
    on_item = (lambda r: _print_json(r.as_dict())) if as_json else None
    report, skipped = state.engine.reparse(record_ids or None, on_item=on_item, ocr=ocr, label_overrides=site_label_rules(sites_dir),
                                           leave_sources=left)
    left_count, left_ids = _left_count(record_ids, left)
    if not as_json:
        # Chinese first, as ingest's (review18: English only); the English as it was, so a script's grep still finds it
        from gongkai.cli.words import counts

        summary = {**report.as_dict(), "without a kept capture or withdrawn": len(skipped)}
        if left_count:
            summary["left (no site definition)"] = left_count
        console.print(counts(summary), soft_wrap=True)
    if left_ids:
        raise fail("未重新解析（找不到站点定义） / not parsed again (no site definition found): " + ", ".join(left_ids))
    if record_ids and skipped:
        # an id the store does not know is named so (probe5: a mistyped id was sent to gongkai withdraw --undo)
        unknown = [record_id for record_id in skipped if state.engine.get(record_id) is None]
        kept = [record_id for record_id in skipped if record_id not in unknown]
        lines = [f"没有这个编号的记录 / no such record: {', '.join(unknown)}"] if unknown else []
        if kept:
            lines.append("未重新解析（没有保存的原始文件，或已撤销：先 gongkai withdraw --undo） / not parsed again (no kept capture, "
                         "or withdrawn): " + ", ".join(kept))
        raise fail("\n".join(lines))


def _left_count(record_ids: list[str] | None, sources: list[str]) -> tuple[int, list[str]]:
    """How many records a reparse left as they are for their source, and which of the ids asked for they are
    (none asked: every live record of those sources)."""
    if not sources:
        return 0, []
    if record_ids:
        ids = [record_id for record_id in record_ids if (record := state.engine.get(record_id)) is not None and record.source in sources]
        return len(ids), ids
    by_source = state.engine.stats()["by_source"]
    return sum(by_source.get(source, 0) for source in sources), []


@app.command()
def stats(as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """统计 / Records by kind, source and notice type; index size; quarantine."""
    data = state.engine.stats()
    if as_json:
        _print_json(data)
        return
    for key, value in data.items():
        if key == "ocr_review":  # records read from scans a person should look at (issue 21)
            from gongkai.ingest import OCR_REVIEW_PREFIX
            from gongkai.quarantine_reasons import explain

            console.print(f"[bold]{key}[/]: {len(value)} 条扫描件记录待人工核对 / scanned records to check")
            for row in value:
                # Chinese first, as the quarantine says it (the reason was English only; doors3, session 12)
                said = explain(f"{OCR_REVIEW_PREFIX}{row['record_id']}: {row['reason']}").chinese
                console.print(escape(f"  {row['record_id']}  {said} / {row['reason']}  (隔离条目 quarantine {row['quarantine_id']})"))
        elif isinstance(value, dict):
            console.print(f"[bold]{key}[/]: " + escape(", ".join(f"{k}={v}" for k, v in value.items())))
        else:
            console.print(f"[bold]{key}[/]: {escape(str(value))}")


@app.command()
def withdraw(
    record_id: Annotated[str, typer.Argument(help="记录编号（见搜索结果） / Record id (from search results).")],
    reason: Annotated[str, typer.Option(help="撤下原因 / Why (kept with the takedown, shown when it is lifted too).")] = "",
    undo: Annotated[bool, typer.Option("--undo", help="恢复已撤下的记录 / Lift the takedown (or any withdrawal): visible and searchable again.")] = False,
    by: Annotated[str | None, typer.Option("--by", help="操作人（默认为登录名） / Who takes it down or lifts it (default: your login name).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / One JSON object: the record id, the action and the takedown.")] = False,
) -> None:
    """撤下一条记录 / Take a record down: kept in the store as a tombstone, hidden from search and the API, deleted
    on the national platform, and kept down when crawls or feeds bring it again, until --undo."""
    engine = state.engine
    operator = by or _login_name()
    known = engine.get(record_id)
    if known is None:
        raise fail(f"没有这个编号的记录 / no record with id {record_id!r}")
    if undo:
        if not engine.restore(record_id, reason, operator=operator):
            raise fail(f"这条记录没有被撤下，无需恢复 / {record_id!r} is not withdrawn: nothing to undo")
        action = "restored"
    elif not engine.withdraw(record_id, reason, operator=operator):
        current = engine.takedown(record_id)
        raise fail(
            f"{record_id!r} is already taken down (by {current.taken_down_by}, {current.taken_down_at:%Y-%m-%d %H:%M} UTC)"
            if current else f"{record_id!r} could not be taken down"
        )
    else:
        action = "withdrawn"
    history = engine.store.takedowns_of(record_id)
    if as_json:
        _print_json({"id": record_id, "action": action, "takedown": history[-1].as_dict() if history else None})
    else:
        console.print(f"{action}: {record_id} (by {escape(operator)})")


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "operator"


from gongkai.cli import crawl as _crawl  # noqa: E402
from gongkai.cli import demo as _demo  # noqa: E402  (registers `demo`)
from gongkai.cli import feeds as _feeds  # noqa: E402
from gongkai.cli import follow as _follow  # noqa: E402  (issue 20: gongkai index follow)
from gongkai.cli import lookup as _lookup  # noqa: E402  (gongkai lookup 文号或索引号)
from gongkai.cli import ops as _ops  # noqa: E402
from gongkai.cli import outages as _outages  # noqa: E402
from gongkai.cli import quarantine as _quarantine  # noqa: E402
from gongkai.cli import serve as _serve  # noqa: E402
from gongkai.cli import validity as _validity  # noqa: E402  (issue 19: validity set|recompute, graph)

app.command("outages")(_outages.outages)
app.command("lookup")(_lookup.lookup)

app.command()(_demo.demo)
app.add_typer(_quarantine.app, name="quarantine", callback=group_reads_only)
app.add_typer(_follow.index_app, name="index", callback=group_reads_only)
app.add_typer(_validity.app, name="validity", callback=group_reads_only)
app.command("graph")(_validity.graph)
app.add_typer(_feeds.tokens_app, name="tokens", callback=group_reads_only)
app.add_typer(_feeds.sync_app, name="sync", callback=group_reads_only)
app.add_typer(_feeds.inbox_app, name="inbox", callback=group_reads_only)
app.command("poll")(_feeds.poll)
app.command("crawl", cls=_crawl.CrawlCommand)(_crawl.crawl)  # also `gongkai crawl history`
app.command("crawl-newspaper")(_crawl.crawl_newspaper)
app.add_typer(_crawl.sources_app, name="sources", callback=group_reads_only)
from gongkai.cli import alerts as _alerts  # noqa: E402  (issue 22: saved-search alerts)

app.add_typer(_alerts.app, name="alerts", callback=group_reads_only)
from gongkai.cli import freshness as _freshness  # noqa: E402  (issue 22: gongkai sources status)

_crawl.sources_app.command("status")(_freshness.status)
app.command("serve")(_serve.serve)
app.add_typer(_ops.jobs_app, name="jobs", callback=group_reads_only)
app.add_typer(_ops.schedule_app, name="schedule", callback=group_reads_only)
app.command("status")(_ops.status)
from gongkai.cli import db as _db  # noqa: E402  (issue 17: gongkai db current|upgrade|revision)

app.add_typer(_db.app, name="db", callback=group_reads_only)
