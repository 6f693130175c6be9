"""The CLI as a new operator reads it on an 80-column terminal (newuser3, session 21).

Rich cut Chinese text short and put `…` where words had been: `gongkai --help` said the data directory holds
`数据库、索引、原始抓取和 …` (隔离区 gone), `export` wrote to `standar…` output, and `gongkai status` printed a crawl's
counts as `页面 5  新增 3…`. Two rules of rich's line wrapping measured Chinese wrongly: the blank at a line's end was
trimmed by characters, not by the two cells a Chinese character takes (so the line was cut with `…` instead), and a run
of Chinese with no space in it counted as one word, cut at the width instead of broken (Chinese breaks anywhere).
"""

from __future__ import annotations

import re

import pytest
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

import gongkai.cli.main  # noqa: F401  (sets up the CLI's rich, as `gongkai` does)
from gongkai.cli.main import app

pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py
WIDTH = {"COLUMNS": "80", "TERMINAL_WIDTH": "80"}


def _said(text: str) -> str:
    """What a reader sees, the frame and the line breaks taken out."""
    return re.sub(r"[\s│╭╮╰╯─┃┏┓┗┛━┡┩╇┳┻└┘┌┐┬┴├┤┼]+", "", text)


def _commands(command: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    found = [(path, command)]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += _commands(sub, (*path, name))
    return found


def _ellipses_written(command: object) -> int:
    """The `…` the help texts of a command, its options and its sub-commands hold themselves (`issuer:…`)."""
    texts = [getattr(command, "help", None) or ""]
    texts += [getattr(param, "help", None) or "" for param in getattr(command, "params", [])]
    texts += [getattr(sub, "help", None) or "" for sub in getattr(command, "commands", {}).values()]
    return sum(text.count("…") for text in texts)


def test_no_help_at_any_level_is_cut_short_on_an_80_column_terminal() -> None:
    import typer.main

    cut: list[str] = []
    for path, command in _commands(typer.main.get_command(app)):
        result = CliRunner(env=WIDTH).invoke(app, [*path, "--help"], catch_exceptions=False)
        assert result.exit_code == 0, (path, result.output)
        if result.output.count("…") > _ellipses_written(command):
            cut += [f"gongkai {' '.join(path)}: {line.strip()}" for line in result.output.splitlines() if "…" in line]
    assert not cut, "\n".join(cut)


def test_the_help_says_every_word_of_the_data_dir_and_export() -> None:
    top = _said(CliRunner(env=WIDTH).invoke(app, ["--help"], catch_exceptions=False).output)
    assert "数据目录：存放数据库、索引、原始抓取和隔离区/Store,index,rawcapturesandquarantinelivehere" in top, top
    assert "导出全部记录/WriteeveryrecordasJSONLinestostandardoutput(theinterchangeformat)." in top, top


@pytest.mark.parametrize("cell", [
    "页面 5  新增 3  变更 0  未变 0  撤下 0  隔离 0  错误 0 / pages 5  new 3  changed 0  unchanged 0",
    "文件已损坏或不完整，无法读取 / inbox:厦门市财政局/坏文件.pdf: pdf is corrupt",
    "厦门市思明区人民政府关于思明区片区综合开发项目房屋征收补偿方案征求意见的公告",
])
def test_a_table_cell_of_chinese_is_wrapped_whole_not_cut(cell: str) -> None:
    """The tables of `status`, `quarantine list`, `jobs` … are rich tables in a column narrower than their text."""
    console = Console(width=60, record=True, color_system=None)
    table = Table("站点 site", "计数 counts")
    table.add_row("xm-fgw", cell)
    console.print(table)
    shown = console.export_text()
    assert "…" not in shown, shown
    assert _said(cell) in _said(shown.replace("xm-fgw", "")), shown


WATER_CUT = """停水通知
因供水管网改造施工，厦门水务集团有限公司定于2024年5月10日8:00至18:00对湖里区江头街道吕厝路、台湾街停止供水，请用户提前做好储水准备。
厦门水务集团有限公司
2024年5月8日"""


def test_the_outage_page_sets_its_day_apart_from_the_words_on_both_sides(tmp_path) -> None:
    """The outage page's answer read `“吕厝路”在 2024-05-10有 1 条停水停电通知` and `没有查到“吕厝路”在 2024-05-11的…`:
    a blank before the day and none after it (the count beside it has one on each side)."""
    import httpx

    from gongkai.parsers import Capture, parse_notices
    from tests.support import served_engine

    records = parse_notices(Capture(data=WATER_CUT.encode(), url="https://epaper.xmnn.cn/xmrb/20240508/A12.htm", source="paper:xmrb"))
    with served_engine(tmp_path / "data", records) as (_, base_url), httpx.Client(base_url=base_url, timeout=30) as client:
        said = {day: re.sub(r"<[^>]+>", "", client.get("/outages", params={"area": "吕厝路", **day_and_until}).text)
                for day, day_and_until in (("one", {"date": "2024-05-10"}), ("range", {"date": "2024-05-09", "until": "2024-05-12"}),
                                           ("none", {"date": "2024-05-11"}))}
    assert "“吕厝路”在 2024-05-10 有 1 条停水停电通知" in said["one"], said["one"]
    assert "“吕厝路”在 2024-05-09 至 2024-05-12 有 1 条停水停电通知" in said["range"], said["range"]
    assert "没有查到“吕厝路”在 2024-05-11 的停水停电通知" in said["none"], said["none"]


def test_inbox_process_says_why_files_wait(tmp_path) -> None:
    """A new operator drops a file into the inbox and runs `gongkai inbox process` at once: the run said `文件 0 … 等待 1
    / files 0 … waiting 1` and nothing more, so the file looked ignored. A file written in the last
    feeds.inbox_min_age_seconds (5) waits for the next run: the run says so, and how to take it."""
    data_dir = tmp_path / "data"
    (data_dir / "inbox" / "厦门市财政局").mkdir(parents=True)
    (data_dir / "inbox" / "厦门市财政局" / "通知.txt").write_text(
        "关于2026年部门预算公开的通知\n厦门市财政局\n2026年12月1日\n各单位：请按时公开部门预算。", encoding="utf-8")
    result = CliRunner(env=WIDTH).invoke(app, ["--data-dir", str(data_dir), "inbox", "process"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "等待 1" in said, said
    assert "等待 1：刚写入或仍在上传的文件（5 秒内有改动" in said and "下次运行再取" in said, said
    assert "waiting 1: files written in the last 5 s" in said, said


def test_every_option_and_argument_says_what_it_is_chinese_first() -> None:
    """`gongkai export --help` showed `--include-withdrawn / --no-withdrawn  [default: include-withdrawn]` and nothing
    more, `alerts add --topic` and `--year` nothing, `withdraw`'s and `sources show`'s argument nothing, 23 `--json`s
    nothing; and `gongkai crawl history --help`, a command the crawl group hands on by hand (so no walk of the groups met
    it), was English only. Each now says what it is, Chinese first (newuser3, session 21)."""
    import typer.main

    from gongkai.cli.crawl import history_app

    cjk = re.compile(r"[\u4e00-\u9fff]")
    unsaid: list[str] = []

    def walk(command: object, path: str) -> None:
        if not cjk.match((getattr(command, "help", None) or "").strip()):
            unsaid.append(path)
        for param in getattr(command, "params", []):
            typers_own = param.name in ("help", "install_completion", "show_completion")
            if not typers_own and not cjk.match((getattr(param, "help", None) or "").strip()):
                unsaid.append(f"{path} {param.name}")
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "gongkai")
    walk(typer.main.get_command(history_app), "gongkai crawl history")
    assert not unsaid, unsaid
    shown = " ".join(CliRunner(env=WIDTH).invoke(app, ["crawl", "history", "--help"], catch_exceptions=False).output.split())
    assert "抓取记录" in shown, shown
