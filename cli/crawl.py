"""`gongkai crawl`, `gongkai crawl history`, `gongkai crawl-newspaper` and `gongkai sources list|show|check`.

Kept out of cli/main.py so that file stays a list of commands; it registers them:
    app.command("crawl", cls=crawl.CrawlCommand)(crawl.crawl); app.command("crawl-newspaper")(crawl.crawl_newspaper)
    app.add_typer(crawl.sources_app, name="sources")
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table
from typer.core import TyperCommand

from gongkai.cli.context import day_option, fail, json_value, state
from gongkai.cli.words import header
from gongkai.dates import beijing_today

console = Console()
err_console = Console(stderr=True)

SitesDirOption = Annotated[
    list[Path] | None,
    typer.Option("--sites-dir", help="另一个站点定义文件夹 / Extra folder of site definitions (*.toml or */site.toml); also settings crawl.sites_dirs."),
]
BaseUrlOption = Annotated[
    list[str] | None,
    typer.Option("--base-url", metavar="SITE=URL", help="站点改用另一个网址（示例站点、镜像） / Serve a site from another base URL (fixture sites, mirrors)."),
]


def _load_sites(sites_dir: list[Path] | None, base_url: list[str] | None) -> dict[str, Any]:
    from gongkai.errors import SiteDefinitionError

    overrides: dict[str, str] = {}
    for item in base_url or []:
        name, sep, url = item.partition("=")
        if not sep or not url:
            raise fail(f"--base-url wants SITE=URL, got {item!r}", 2)
        overrides[name] = url
    try:
        return state.facades.crawls.sites(sites_dir or [], overrides)
    except SiteDefinitionError as exc:
        raise fail(str(exc), 2) from None


def site_label_rules(sites_dir: list[Path] | None = None) -> dict[str, dict[str, str]]:
    """The defined sites' label_overrides by record source (built-in sites, settings crawl.sites_dirs and
    --sites-dir), as the definitions say now: what `gongkai reparse` and `quarantine retry` parse with."""
    return state.facades.crawls.label_rules(_load_sites(sites_dir, None).values())


def undefined_site_sources(sites_dir: list[Path] | None = None) -> list[str]:
    """The stored records' crawled-site sources (`site:NAME`) with no site definition loaded: a reparse reads
    their pages without that site's label_overrides (e.g. `gongkai demo`'s fixture sites, defined elsewhere)."""
    return state.facades.crawls.undefined_sources(_load_sites(sites_dir, None).values(), state.engine.stats()["by_source"])


class LiveProgress:
    """One table row per site, updated from crawl events (reactor and ingest threads)."""

    COLUMNS = ("pages", "new", "changed", "unchanged", "withdrawn", "quarantined", "errors")

    def __init__(self, sites: list[str]) -> None:
        self.rows = {site: dict.fromkeys(self.COLUMNS, 0) for site in sites}
        self.last = ""
        self.lock = threading.Lock()  # events come from the reactor and the ingest thread, rendering from rich's

    def on_event(self, site: str, kind: str, data: dict[str, Any]) -> None:
        with self.lock:
            self._count(site, kind, data)

    def _count(self, site: str, kind: str, data: dict[str, Any]) -> None:
        row = self.rows.setdefault(site, dict.fromkeys(self.COLUMNS, 0))
        if kind == "page":
            row["pages"] += 1
            self.last = data.get("url", "")
        elif kind == "error":
            row["errors"] += 1
        elif kind == "record":
            status = {"updated": "changed"}.get(data["status"], data["status"])
            if status in row:
                row[status] += 1

    def __rich__(self) -> Table:
        table = Table(title="crawling", title_justify="left", caption=escape(self.last[-100:]), caption_justify="left")
        table.add_column("site")
        for column in self.COLUMNS:
            table.add_column(column, justify="right")
        with self.lock:
            for site, row in self.rows.items():
                table.add_row(site, *(str(row[c]) for c in self.COLUMNS))
        return table


def _run_with_progress(sites: list[str], as_json: bool, run: Any) -> list[dict[str, Any]]:
    if as_json or not err_console.is_terminal:
        return run(None)
    progress = LiveProgress(sites)
    with Live(progress, console=err_console, refresh_per_second=4, transient=True):
        return run(progress.on_event)


def _print_results(results: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
        return
    if console.width < 110:  # a narrow terminal: one line per site instead of a table of ellipses
        from gongkai.facades.crawls import summary_line

        for result in results:
            c = result["counts"]
            console.print(f"[bold]{escape(result['site'])}[/]  {escape(summary_line(c))}  "
                          f"({c['downloaded_bytes'] / 1024:.0f} KB in {c.get('seconds', 0):.1f} s)")
        return
    from gongkai.facades.crawls import attention_line

    table = Table(title="抓取统计 crawl statistics", title_justify="left",
                  caption="每个链接的结果和原因 / every URL with its outcome and reason: gongkai crawl history --run RUN", caption_justify="left")
    for column in ("site", "pages", "new", "changed", "unchanged", "withdrawn", "quarantined", "downloaded", "time", "errors", "URLs to look at"):
        table.add_column(header(_COLUMNS_ZH[column], column), justify="left" if column in ("site", "errors", "URLs to look at") else "right",
                         no_wrap=column == "site")
    for result in results:
        c = result["counts"]
        errors = ", ".join(f"{k}={v}" for k, v in c["errors"].items()) or "0"
        table.add_row(result["site"], *(str(c[k]) for k in ("pages", "new", "changed", "unchanged", "withdrawn", "quarantined")),
                      f"{c['downloaded_bytes'] / 1024:.0f} KB", f"{c.get('seconds', 0):.1f} s", escape(errors),
                      escape(attention_line(c) or "—"))
    console.print(table)
    for result in results:
        console.print(f"[dim]{escape(result['site'])}: 运行 run {result['run_id']}[/]")


class CrawlCommand(TyperCommand):
    """`gongkai crawl [SITE…]`, and `gongkai crawl history …` (the word `history` cannot name a site).

    `crawl` takes site names as arguments, so `history` cannot be a Click subcommand beside them; this
    command hands `crawl history ARGS` to `crawl_history` and everything else to `crawl`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] == "history":
            ctx.meta["gongkai.crawl_history_args"] = list(args[1:])
            return []
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        rest = ctx.meta.pop("gongkai.crawl_history_args", None)
        if rest is None:
            return super().invoke(ctx)
        from gongkai.cli.context import READ_ONLY_GROUP_COMMANDS

        # it only reads: a data directory that does not exist is refused, not made (cli/context.py; it said "no crawl
        # recorded" and left an empty store at a mistyped --data-dir)
        state.reads_only = f"{ctx.info_name} history" in READ_ONLY_GROUP_COMMANDS
        command = typer.main.get_command(history_app)
        # named "crawl history" under crawl's parent: the usage line then reads `gongkai crawl history …`
        with command.make_context(f"{ctx.info_name} history", rest, parent=ctx.parent) as sub:
            return command.invoke(sub)


def crawl(
    sites: Annotated[list[str] | None, typer.Argument(help="要抓取的站点（默认全部信息公开站点） / Defined sites to crawl (default: every disclosure site).")] = None,
    since: Annotated[str | None, typer.Option(help="只抓取此日期及以后的文件 / Only documents listed with this date or later (2024-05-01, 2024年5月1日).")] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", help="每个站点最多抓取的详情页数（0 为不限） / At most this many detail pages per site (0: no limit).")] = 0,
    start_url: Annotated[str | None, typer.Option("--start-url", help="从此网址抓取没有站点定义的网站 / Crawl a site without a definition from this URL.")] = None,
    max_depth: Annotated[int, typer.Option("--max-depth", help="与 --start-url 同用：链接深度 / With --start-url: how many links deep to follow.")] = 3,
    sites_dir: SitesDirOption = None,
    base_url: BaseUrlOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出统计 / Print the statistics as JSON.")] = False,
) -> None:
    """抓取机构网站 / Crawl agency disclosure sites incrementally: new and changed documents are parsed, stored and indexed.

    `gongkai crawl history [SITE] [--run RUN] [--url URL] [--outcome O] [--json]`: what each run did with each URL."""
    from gongkai.facades.crawls import NewspaperSite

    crawls = state.facades.crawls
    options = crawls.options(since=day_option(since, "--since"), max_pages=max_pages, max_depth=max_depth)
    if start_url:
        if sites:
            raise fail("站点名和 --start-url 只能给其一 / give either site names or --start-url, not both", 2)
        if since:
            raise fail("--since needs a site definition (list pages with dates); a --start-url crawl has none", 2)
        try:
            name = crawls.discovery_site_name(start_url, options)
        except ValueError as exc:
            raise fail(str(exc), 2) from None
        results = _run_with_progress([name], as_json, lambda cb: crawls.crawl_start_url(start_url, options, cb))
    else:
        defined = _load_sites(sites_dir, base_url)
        unknown = [s for s in sites or [] if s not in defined]
        if unknown:
            raise fail(f"没有这个站点定义（见 gongkai sources list） / no site definition named {', '.join(unknown)} (see `gongkai sources list`)", 2)
        chosen = [defined[s] for s in sites] if sites else [s for s in defined.values() if not isinstance(s, NewspaperSite)]
        newspapers = [s.name for s in chosen if isinstance(s, NewspaperSite)]
        if newspapers:
            raise fail(f"{', '.join(newspapers)}: a newspaper; use `gongkai crawl-newspaper`", 2)
        if not chosen:
            raise fail("还没有定义任何公开站点 / no disclosure site is defined", 2)
        results = _run_with_progress([s.name for s in chosen], as_json,
                                     lambda cb: crawls.crawl_sites(chosen, options, cb))
    _print_results(results, as_json)
    _fail_when_a_site_answered_nothing(results)


def _fail_when_a_site_answered_nothing(results: list[dict[str, Any]]) -> None:
    """Exit 1 when a site gave no response at all (DNS, connection refused, robots, timeouts): it crawled nothing
    and said so only as 'errors dns=1', exit 0 (the crawl job's rule: gongkai.ops.crawl_jobs)."""
    silent = [(r["site"], r["counts"].get("errors") or {}) for r in results
              if not r["counts"].get("pages") and r["counts"].get("errors") and not r["counts"].get("stopped")]
    for site, errors in silent:
        said = ", ".join(f"{kind} {n}" for kind, n in sorted(errors.items()))
        err_console.print(f"[red]站点无响应 / nothing answered from {escape(site)}[/]: no page was fetched ({escape(said)}); "
                          f"check the network and its base_url, then gongkai crawl history {escape(site)}")
    if silent:
        raise typer.Exit(1)


def crawl_newspaper(
    site: Annotated[str, typer.Option(help="报纸的站点定义 / The newspaper's site definition.")] = "xmrb",
    day: Annotated[str | None, typer.Option("--date", help="某一期（默认为北京时间今天） / One issue (default: today in Beijing).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="起始一期 / First issue of a range.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="最后一期 / Last issue of a range (default: --from).")] = None,
    sites_dir: SitesDirOption = None,
    base_url: BaseUrlOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False,
) -> None:
    """抓取厦门日报便民公告 / Crawl 厦门日报 issues by date; their notice columns are split into one record per notice."""
    from gongkai.facades.crawls import NewspaperSite, date_range

    if day and (date_from or date_to):
        raise fail("--date 和 --from/--to 只能给其一 / give --date or --from/--to, not both", 2)
    newspaper = _load_sites(sites_dir, base_url).get(site)
    if not isinstance(newspaper, NewspaperSite):
        raise fail(f"没有这个报纸的站点定义：{site}（见 gongkai sources list） / {site!r} is not a defined newspaper (see `gongkai sources list`)", 2)
    start = day_option(day or date_from, "--from") or beijing_today()  # the edition's day is Beijing's, not the machine's
    end = day_option(day or date_to, "--to") or start
    try:
        dates = date_range(start, end)
    except ValueError as exc:
        raise fail(str(exc), 2) from None
    results = _run_with_progress([site], as_json, lambda cb: state.facades.crawls.crawl_newspaper(newspaper, dates, None, cb))
    _print_results(results, as_json)


# ---------------------------------------------------------------------------------------------- sources
sources_app = typer.Typer(help="站点定义 / Site definitions: list them with their last crawl, show one, check a new one.", no_args_is_help=True)


@sources_app.command("list")
def sources_list(sites_dir: SitesDirOption = None, base_url: BaseUrlOption = None,
                 as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """列出站点 / Every defined site with its schedule and the statistics of its last crawl."""
    defined = _load_sites(sites_dir, base_url)
    crawl_state = state.facades.crawls.state()
    rows = []
    for name, site in sorted(defined.items()):
        last = crawl_state.last_run(name)
        rows.append({"site": name, "kind": site.kind, "title": site.title, "schedule": site.schedule, "file": site.file,
                     "last_run": None if last is None else _jsonable(last)})
    # Sites crawled without a definition (--start-url) are sources of their own.
    for name, source in _undefined_sources(crawl_state, defined).items():
        last = crawl_state.last_run(name)
        rows.append({"site": name, "kind": source["kind"], "title": source["start_url"], "schedule": "", "file": "",
                     "start_url": source["start_url"],
                     "last_run": None if last is None else _jsonable(last)})
    crawl_state.close()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    from gongkai.cli.ops import display_time, zone_caption

    # on the operators' clock and said, as `crawl history` and `status` show the same runs (UTC, unsaid, before)
    if console.width < 110:
        from gongkai.facades.crawls import summary_line

        for row in rows:
            last = row["last_run"]
            when = (f"上次抓取 last crawl {display_time(last['started_at'])}: {summary_line(last['counts'])}" if last
                    else "从未抓取 never crawled")
            console.print(f"[bold]{escape(row['site'])}[/] ({row['kind']}" + (f", {escape(row['schedule'])}" if row["schedule"] else "") + f")  {escape(when)}")
        console.print(f"[dim]{zone_caption()}[/]")
        _say_undefined(rows)
        return
    table = Table(title="来源 sources", title_justify="left", caption=zone_caption())
    for column in ("site", "kind", "schedule", "last crawl", "pages", "new", "changed", "unchanged", "withdrawn", "errors"):
        table.add_column(header(_COLUMNS_ZH[column], column), no_wrap=column in ("site", "schedule", "last crawl"))
    for row in rows:
        last = row["last_run"]
        c = last["counts"] if last else {}
        errors = sum((c.get("errors") or {}).values()) if last else ""
        table.add_row(row["site"], row["kind"], row["schedule"] or "—", display_time(last["started_at"])[:16] if last else "从未 never",
                      *(str(c.get(k, "")) for k in ("pages", "new", "changed", "unchanged", "withdrawn")), str(errors))
    console.print(table)
    _say_undefined(rows)


#: the tables' headers, Chinese over the English (they were English only)
_COLUMNS_ZH = {"site": "站点", "pages": "页面", "new": "新增", "changed": "变更", "unchanged": "未变", "withdrawn": "撤下", "quarantined": "隔离",
               "downloaded": "下载", "time": "用时", "errors": "错误", "URLs to look at": "需查看的链接", "kind": "类型", "schedule": "计划",
               "last crawl": "上次抓取"}

_UNDEFINED_HINT = ("crawled with a site definition that is not loaded now (built-in, crawl.sites_dirs, --sites-dir): "
                   "pass --sites-dir DIR with it (after gongkai demo: tests/fixtures/sites)")


def _say_undefined(rows: list[dict[str, Any]]) -> None:
    """What kind `undefined` means, and what to do (it was a bare word with an empty schedule)."""
    undefined = [row["site"] for row in rows if row["kind"] == "undefined"]
    if undefined:
        console.print(f"[yellow]undefined[/] 找不到站点定义 ({escape(', '.join(undefined))}): {_UNDEFINED_HINT}")


@sources_app.command("show")
def sources_show(site: Annotated[str, typer.Argument(help="站点名称（gongkai sources list） / Site name (gongkai sources list).")], sites_dir: SitesDirOption = None, base_url: BaseUrlOption = None,
                 as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """查看站点 / A site's definition, the pages known for it and its recent crawls."""
    defined = _load_sites(sites_dir, base_url)
    crawl_state = state.facades.crawls.state()
    try:
        source = _undefined_sources(crawl_state, defined).get(site)
        if site not in defined and source is None:
            raise fail(f"没有这个站点定义，也没有这个名字的抓取记录（见 gongkai sources list） / no site definition named {site!r}, and no crawl of that name (see `gongkai sources list`)", 1)
        definition = defined.get(site)
        runs = crawl_state.runs(site, limit=10)
        pages = crawl_state.page_counts(site)
        gone = crawl_state.gone_pages(site)
        last_urls = crawl_state.outcomes(run_id=runs[0]["run_id"], site=site, limit=100_000) if runs else []
    finally:
        crawl_state.close()
    crawled: dict[str, Any] = source or {}  # without a definition there is a crawl of that name (refused above)
    data = {"site": site, "kind": definition.kind if definition else crawled["kind"],
            "definition": definition.model_dump(mode="json") if definition else None,
            "source": _jsonable(source) if source else None, "known_pages": pages,
            "runs": [_jsonable(r) for r in runs], "gone": [_jsonable(g) for g in gone],
            "last_run_urls": [_jsonable(row) for row in last_urls]}
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    if definition is not None:
        console.print(f"[bold]{escape(site)}[/]  {escape(definition.title)}  [dim]{escape(definition.file)}[/]")
        for key, value in data["definition"].items():
            if key not in ("name", "title", "file"):
                console.print(f"  {key}: {escape(json.dumps(value, ensure_ascii=False))}")
    elif crawled["kind"] == "undefined":  # its runs had a definition; it is not loaded now (not a --start-url crawl)
        console.print(f"[bold]{escape(site)}[/]  找不到站点定义: {_UNDEFINED_HINT}")
    else:
        options = ", ".join(f"{k} {v}" for k, v in crawled["options"].items())
        console.print(f"[bold]{escape(site)}[/]  用 --start-url 抓取，没有站点定义 / crawled with --start-url {escape(crawled['start_url'])} "
                      f"({escape(options)}), no definition")
    console.print("已知页面（按上次结果） known pages by last outcome: " + (", ".join(f"{k or '?'}={v}" for k, v in pages.items()) or "无 none"))
    from gongkai.cli.ops import display_time, zone_caption

    for page in data["gone"]:
        console.print(f"  [red]已删除 gone[/] HTTP {page['status']} 自 since {display_time(page['gone_since'])}  {escape(page['url'])}")
    from gongkai.facades.crawls import summary_line

    for run in data["runs"]:
        console.print(f"  {display_time(run['started_at'])}  {run['run_id']}  {escape(summary_line(run['counts']))}")
    console.print(f"[dim]{zone_caption()}[/]")
    from gongkai.facades.crawls import ATTENTION

    attention = [row for row in data["last_run_urls"] if row["outcome"] in ATTENTION]
    if attention:
        console.print(f"上次运行有 {len(attention)} 个链接需查看 / last run: {len(attention)} URL(s) to look at "
                      f"(全部 all: gongkai crawl history --run {runs[0]['run_id']}):")
        _print_url_rows(attention)


def _undefined_sources(crawl_state: Any, defined: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Sites crawled without a definition (--start-url), and any other site with runs but no definition."""
    found = {name: source for name, source in crawl_state.sources().items() if name not in defined}
    for name in crawl_state.run_sites():
        if name not in defined and name not in found:
            found[name] = {"name": name, "kind": "undefined", "start_url": "", "options": {}, "first_crawled": None, "last_crawled": None}
    return found


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """A crawl row for --json: times ISO 8601 with their offset (the crawl tables keep UTC without one, which a
    reader took for local time: 2026-12-06T07:56:11 was Beijing's 15:56)."""
    return {key: _iso(value) if isinstance(value, datetime) else (value.isoformat() if hasattr(value, "isoformat") else value)
            for key, value in row.items()}


def _iso(moment: datetime) -> str:
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).isoformat()


def _print_url_rows(rows: list[dict[str, Any]]) -> None:
    if console.width < 110:
        for row in rows:
            status = f" {row['status']}" if row["status"] else ""
            console.print(f"  {row['outcome']}{status}  {escape(row['url'])}  [dim]{escape(row['reason'])}[/]")
        return
    table = Table(box=None)
    for zh, column in (("结果", "outcome"), ("状态码", "status"), ("角色", "role"), ("链接", "url"), ("原因", "reason")):
        table.add_column(header(zh, column), overflow="fold")
    for row in rows:
        table.add_row(row["outcome"], str(row["status"] or ""), row["role"], escape(row["url"]), escape(row["reason"]))
    console.print(table)


# ---------------------------------------------------------------------------------------------- crawl history
history_app = typer.Typer(add_completion=False)


@history_app.command()
def crawl_history(
    site: Annotated[str | None, typer.Argument(help="只看此站点 / Only this site (a definition's name or a --start-url crawl's).")] = None,
    run: Annotated[str | None, typer.Option("--run", help="一次抓取遇到的每个网址 / One run (its id or the start of it): every URL it met.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="此网址在每次抓取中的结果 / Every run's outcome for this URL (or part of a URL).")] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="只看此结果 / Only this outcome (new, gone, failed, skipped, …).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="最多显示的行数 / At most this many rows.")] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / JSON: runs with their outcome counts, or the URL rows.")] = False,
) -> None:
    """抓取记录：每次抓取对每个网址做了什么 / What each crawl run did with each URL: stored, unchanged, not modified, quarantined, gone, missing,
    redirected, failed, skipped or over a limit, with the reason. Without --run/--url/--outcome: the recent
    runs with their counts per outcome."""
    from gongkai.facades.crawls import OUTCOMES
    if outcome and outcome not in OUTCOMES:
        raise fail(f"--outcome 只能是 {'、'.join(OUTCOMES)} / --outcome must be one of {', '.join(OUTCOMES)}", 2)
    crawl_state = state.facades.crawls.state()
    try:
        if run or url or outcome:
            rows = [_jsonable(r) for r in crawl_state.outcomes(run_id=run, site=site, url=url, outcome=outcome, limit=limit)]
            if as_json:
                sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
                return
            if not rows:
                console.print("没有匹配的抓取结果 / no crawl outcome matches")
                return
            _print_url_rows(rows)
            return
        runs = crawl_state.runs(site, limit=min(limit, 100))
        data = [{**_jsonable(r), "urls": crawl_state.outcome_counts(r["run_id"], r["site"])} for r in runs]
    finally:
        crawl_state.close()
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    if not data:
        console.print("没有抓取记录 / no crawl recorded" + (f" for {escape(site)}" if site else ""))
        return
    from gongkai.cli.ops import display_time, zone_caption

    for entry in data:
        counts = entry["counts"]
        state_word = "运行中或被终止 running or killed" if not entry["finished_at"] else f"未说明 unexplained {counts.get('unexplained', 0)}"
        # on the operators' clock, as gongkai status shows the same crawl (UTC, unsaid, before)
        console.print(f"[bold]{entry['run_id']}[/]  {escape(entry['site'])}  {display_time(entry['started_at'])}  ({state_word})  "
                      + "  ".join(f"{k} {v}" for k, v in entry["urls"].items()))
    console.print(f"[dim]{zone_caption()}[/]")


@sources_app.command("check")
def sources_check(site: Annotated[str, typer.Argument(help="站点名称（gongkai sources list） / Site name (gongkai sources list).")], day: Annotated[str | None, typer.Option("--date", help="报纸：要检查的一期 / Newspapers: the issue to check.")] = None,
                  sites_dir: SitesDirOption = None, base_url: BaseUrlOption = None,
                  as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / as JSON")] = False) -> None:
    """试抓站点，不入库 / Fetch one list page and one detail page of a site and print the fields found (nothing is stored)."""
    from dataclasses import asdict

    defined = _load_sites(sites_dir, base_url)
    if site not in defined:
        raise fail(f"没有这个站点定义（见 gongkai sources list） / no site definition named {site!r}", 1)
    report = state.facades.crawls.check(defined[site], day_option(day, "--date"))
    if as_json:
        sys.stdout.write(json.dumps({**asdict(report), "ok": report.ok}, ensure_ascii=False, default=json_value) + "\n")
    else:
        console.print(f"列表页 list page  {escape(report.list_url)}  → HTTP {report.list_status}, "
                      f"详情链接 {len(report.detail_links)} detail links")
        for link in report.detail_links[:5]:
            console.print(f"   {escape(link)}")
        if report.next_page:
            console.print(f"下一页 next page  {escape(report.next_page)}")
        if report.detail_url:
            console.print(f"详情页 detail     {escape(report.detail_url)}  → HTTP {report.detail_status}"
                          + (f", 公告 {report.records} notices" if defined[site].kind == "newspaper" else ""))
        table = Table(show_header=False, box=None)
        for key, value in report.fields.items():
            table.add_row(f"[bold]{key}[/]", escape(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value))
        console.print(table)
        for problem in report.problems:
            err_console.print(f"[yellow]问题 problem:[/] {escape(problem)}")
        console.print("[green]正常 ok[/]" if report.ok else "[red]站点定义需要修改 / the definition needs work[/]")
    if not report.ok:
        raise typer.Exit(1)
