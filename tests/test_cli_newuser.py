"""The CLI as a new user meets it (newuser probe, session 12): the refusals one meets in the first hour say it in
Chinese first (they were English only: `gongkai show` of a mistyped id, `gongkai ingest` of a missing file, an empty
`gongkai outages` area, paging too deep, a date range backwards), and a year is taken as people type it (2014年)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai.cli.main import app
from tests.conftest import govcn_records

pytestmark = pytest.mark.usefixtures("fresh_cli_state")  # tests/conftest.py
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(data_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--data-dir", str(data_dir), *args], catch_exceptions=False)
    return result.exit_code, result.stderr


def _reset_state() -> None:
    from gongkai.cli.context import state

    if state._engine is not None:
        state._engine.close()
    state._settings = state._engine = None


@pytest.fixture
def data(tmp_path) -> Path:
    path = tmp_path / "govcn.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in govcn_records()), encoding="utf-8")
    code, _ = run(tmp_path / "data", "ingest", str(path))
    assert code == 0
    _reset_state()
    return tmp_path / "data"


@pytest.mark.parametrize(("args", "code", "english"), [
    (["show", "bc417856"], 1, "no record with id 'bc417856'"),
    (["withdraw", "bc417856"], 1, "no record with id"),
    (["graph", "bc417856"], 1, "no record with id"),
    (["ingest", "/no/such/公告.pdf"], 2, "no such file or folder"),
    (["outages", " "], 2, "AREA must not be empty"),
    (["search", "国务院", "--offset", "99999"], 2, "offset must be between"),
    (["crawl", "no-such-site"], 2, "no site definition named"),
])
def test_a_refusal_says_it_chinese_first(data, args, code, english) -> None:
    exit_code, err = run(data, *args)
    message = err.removeprefix("error: ")
    assert exit_code == code and english in err, err
    assert CJK.match(message) or CJK.search(message.split(" / ")[0]), err  # Chinese before the English


@pytest.mark.parametrize("year", ["2019", "2019年", "２０１９"])
def test_a_year_is_taken_as_people_type_it(data, year) -> None:
    result = CliRunner().invoke(app, ["--data-dir", str(data), "search", "国务院", "--year", year, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)["hits"]
    assert hits and all(hit["publish_date"].startswith("2019") for hit in hits)


def test_a_year_that_is_none_is_refused_in_chinese_not_by_click(data) -> None:
    code, err = run(data, "search", "国务院", "--year", "去年吧")
    assert code == 2 and "年份应在1900至2100之间" in err and "Invalid value" not in err, err


def test_show_says_a_notice_as_the_record_page_does_and_its_whole_url(tmp_path) -> None:
    """`gongkai show` printed a notice's fields as one JSON line (ISO times, every empty area part) and cut its source
    URL to '…/A10/content_000009…' in an 80-column terminal: neither readable nor a link one could open."""
    from tests.support import sample_records

    outage = next(r for r in sample_records() if r.notice_type == "outage" and r.url and len(r.url) > 60 and r.notice.events)
    path = tmp_path / "outage.jsonl"
    path.write_text(outage.to_json() + "\n", encoding="utf-8")
    data = tmp_path / "data"
    assert run(data, "ingest", str(path))[0] == 0
    _reset_state()
    result = CliRunner().invoke(app, ["--data-dir", str(data), "show", outage.id], env={"COLUMNS": "80"}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "停水停电通知要点" in out and '{"type"' not in out and "+08:00" not in out, out
    first = outage.notice.events[0]
    assert f"{first.start:%Y-%m-%d %H:%M} 至 {first.end:%H:%M}" in out, out
    assert any(line.endswith(outage.url) for line in out.splitlines()), out  # whole, on one line


def test_outages_says_a_window_as_the_page_does(tmp_path) -> None:
    """`gongkai outages` printed 2026-05-21 09:30:00+08:00 至 2026-05-21 14:00:00+08:00; the page says 09:30 至 14:00."""
    from tests.support import sample_records

    outage = next(r for r in sample_records() if r.notice_type == "outage" and r.notice.events
                  and r.notice.events[0].start and r.notice.events[0].end and r.notice.events[0].areas)
    path = tmp_path / "outage.jsonl"
    path.write_text(outage.to_json() + "\n", encoding="utf-8")
    data = tmp_path / "data"
    assert run(data, "ingest", str(path))[0] == 0
    _reset_state()
    event = outage.notice.events[0]
    result = CliRunner().invoke(app, ["--data-dir", str(data), "outages", event.areas[0].name, "--date", event.start.date().isoformat()],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert f"{event.start:%Y-%m-%d %H:%M} 至 {event.end:%H:%M}" in result.stdout and "+08:00" not in result.stdout, result.stdout


def test_search_says_its_count_and_facets_chinese_first(data) -> None:
    """`gongkai search` said `40 results` and `kind: disclosure (40)`, English only; the page says 共 40 条结果, 类别 政府信息公开."""
    result = CliRunner().invoke(app, ["--data-dir", str(data), "search", "国务院", "--limit", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    first = out.splitlines()[0]
    assert re.fullmatch(r"共 (\d+) 条结果 / \1 results", first), first
    assert "类别 kind: 政府信息公开 disclosure (" in out and "发布机构 issuer: 国务院" in out, out
    assert re.search(r"年份 year: 20\d\d年 \(", out), out


def test_the_commands_a_citizen_uses_are_named_chinese_first_in_help() -> None:
    """`gongkai --help` listed every command in English only."""
    import typer.main

    group = typer.main.get_command(app)
    assert CJK.match(group.help or ""), group.help
    for name in ("ingest", "search", "show", "lookup", "outages", "demo", "serve", "export", "withdraw", "stats"):
        text = (group.commands[name].help or "").strip()
        assert CJK.match(text) and " / " in text.split("\n")[0], (name, text)


def test_a_pasted_paragraph_names_each_word_it_left_out_once(data) -> None:
    """A paragraph pasted into the box (a word repeated in it) was a relaxed answer listing 未包含：“管理工作”、“管理工作”…
    twelve times on the page, the CLI and the API (`dropped`)."""
    pasted = "国务院办公厅关于进一步加强城市管理工作的通知各区人民政府市直各委办局" * 6
    result = CliRunner().invoke(app, ["--data-dir", str(data), "search", pasted, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["relaxed"] and answer["dropped"], answer
    assert len(answer["dropped"]) == len(set(answer["dropped"])), answer["dropped"]


def test_a_page_saved_by_a_browser_is_one_record_not_its_scripts_and_styles(tmp_path) -> None:
    """A folder holding a page saved as 'complete' (NAME.html + NAME_files/) made records of jquery.min.js, style.css
    and the site's logo beside the page's own (newuser, session 12). Stray scripts and styles elsewhere are left out too."""
    folder = tmp_path / "saved"
    name = "关于做好2026年春节期间安全生产工作的通知"
    assets = folder / f"{name}_files"
    assets.mkdir(parents=True)
    (folder / f"{name}.html").write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{name}_厦门市应急管理局</title>'
        f'<script src="{name}_files/jquery.min.js"></script></head><body><div class="content"><h1>{name}</h1>'
        "<p>文号：厦应急〔2026〕5号</p><p>各区应急管理局，各有关单位：春节将至，现就有关事项通知如下。</p></div></body></html>",
        encoding="utf-8")
    (assets / "jquery.min.js").write_text('/*! jQuery v3.6.0 */!function(e,t){"use strict";var n=[];}(window);\n', encoding="utf-8")
    (assets / "style.css").write_text('body{font-family:"Microsoft YaHei"}\n/* 页面样式 */\n', encoding="utf-8")
    (assets / "logo.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
    (folder / "print.css").write_text("@media print{.header{display:none}}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "ingest", "--json", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    items = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [Path(item["input"]).name for item in items] == [f"{name}.html"], items
    assert items[0]["status"] == "new"


@pytest.mark.parametrize(("option", "word", "code"), [("--kind", "政府信息公开", "disclosure"), ("--sort", "发布日期", "date")])
def test_the_words_search_shows_are_taken_as_options(data, option, word, code) -> None:
    """`gongkai search` shows facets as 政府信息公开 disclosure; the page says 发布日期 for the sort. The Chinese word
    was refused (不是可选的值), so a user refining by what was shown got an error."""
    def hits(value: str) -> list[str]:
        result = CliRunner().invoke(app, ["--data-dir", str(data), "search", "国务院", option, value, "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return [hit["id"] for hit in json.loads(result.stdout)["hits"]]

    assert hits(word) == hits(code) and hits(word)


def test_the_delivery_commands_options_are_said_chinese_first() -> None:
    """The options of `gongkai ingest`, `inbox`, `tokens` and `quarantine` were explained in English only (doors4)."""
    import typer.main

    group = typer.main.get_command(app)
    commands = [("ingest", group.commands["ingest"])]  # type: ignore[attr-defined]
    for name in ("inbox", "tokens", "quarantine"):
        sub = group.commands[name]  # type: ignore[attr-defined]
        assert CJK.match(sub.help or ""), (name, sub.help)
        commands += [(f"{name} {command}", sub.commands[command]) for command in ("process", "prune", "create", "list", "revoke",
                                                                                  "retry", "resolve") if command in sub.commands]
    assert len(commands) == 9, [name for name, _ in commands]
    for name, command in commands:
        assert CJK.match((command.help or "").strip()), (name, command.help)
        for param in command.params:
            if param.name != "help":
                assert CJK.match(getattr(param, "help", None) or ""), (name, param.name, getattr(param, "help", None))


def test_every_command_group_and_option_is_said_chinese_first_in_help() -> None:
    """Every command and group at every level (`crawl`, `jobs run`, `db upgrade` …) and every option's help is said
    Chinese first; they were English only past the commands a citizen uses first (newuser, sessions 12 and 14).
    Typer's own --install-completion and --show-completion are its words, not ours."""
    import typer.main

    english: list[str] = []

    def walk(command: object, path: str) -> None:
        if not CJK.match((getattr(command, "help", None) or "").strip()):
            english.append(path)
        for param in getattr(command, "params", []):
            said = getattr(param, "help", None) or ""  # an option with no help says nothing in English either
            if param.name not in ("help", "install_completion", "show_completion") and said and not CJK.match(said):
                english.append(f"{path} {param.name}: {said}")
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(typer.main.get_command(app), "gongkai")
    assert not english, english


def test_the_help_panels_are_named_chinese_first() -> None:
    result = CliRunner().invoke(app, ["jobs", "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "选项 Options" in result.stdout and "命令 Commands" in result.stdout, result.stdout
    assert "定时作业 / Scheduled jobs" in " ".join(result.stdout.split())


def test_show_names_the_file_a_record_was_ingested_from(tmp_path) -> None:
    """A document given to `gongkai ingest` has no URL: `gongkai show` said `来源 file` and nothing else, so an operator
    could not tell which of the files it was (newuser, session 12). Its kind read `disclosure`, the code only."""
    name = "关于2026年12月莲前西路计划停电的通知.html"
    (tmp_path / name).write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于2026年12月莲前西路计划停电的通知</title></head><body>'
        "<h1>关于2026年12月莲前西路计划停电的通知</h1><p>发布机构：厦门市思明区人民政府 发布日期：2026-12-01</p>"
        "<p>因电网检修需要，定于2026年12月9日08:30至17:00对莲前西路停电检修。</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "ingest", "--json", str(tmp_path / name)], catch_exceptions=False)
    record_id = json.loads(result.stdout.splitlines()[0])["id"]
    _reset_state()
    shown = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "show", record_id], catch_exceptions=False)
    assert shown.exit_code == 0, shown.stderr
    source_line = next(line for line in shown.stdout.splitlines() if line.startswith("来源"))
    assert name in source_line, source_line
    assert "政府信息公开 disclosure" in shown.stdout, shown.stdout


def test_the_drop_folder_leaves_a_saved_pages_assets_and_stray_scripts_alone(tmp_path) -> None:
    """The drop folder read a stray jquery.min.js or print.css beside an agency's documents as a document (a record of
    each), and named a saved page's `NAME_files/` as a folder it does not read, as if misdelivered (newuser, sessions 12
    and 14): the rule `gongkai ingest` of a folder follows (gongkai.page_assets) is the drop folder's too."""
    import os
    import time

    agency = tmp_path / "data" / "inbox" / "厦门市教育局"
    (agency / "关于做好寒假安全工作的通知_files").mkdir(parents=True)
    (agency / "关于做好寒假安全工作的通知.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于做好寒假安全工作的通知</title></head><body>'
        "<h1>关于做好寒假安全工作的通知</h1><p>文号：厦教〔2026〕31号</p><p>各中小学校：寒假将至，现就安全工作通知如下。</p>"
        "</body></html>", encoding="utf-8")
    (agency / "关于做好寒假安全工作的通知_files" / "style.css").write_text("body{margin:0}\n", encoding="utf-8")
    (agency / "jquery.min.js").write_text('/*! jQuery v3.6.0 */!function(e,t){"use strict"}(window);\n', encoding="utf-8")
    (agency / "print.css").write_text("@media print{.nav{display:none}}\n", encoding="utf-8")
    old = time.time() - 600
    for path in agency.iterdir():
        os.utime(path, (old, old))
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), "inbox", "process", "--json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    assert (report["files"], report["new"]) == (1, 1), report
    said = "\n".join(report["refused"])
    assert "关于做好寒假安全工作的通知_files/: 网页另存时附带的样式、脚本和图片" in said, said
    assert "jquery.min.js: 不是文档" in said and "print.css: 不是文档" in said, said
    assert "folders inside an agency folder" not in said
    assert (agency / "jquery.min.js").exists()  # left where it was, not archived as a delivery


def test_the_operators_schema_and_history_answers_are_chinese_first(data) -> None:
    """`gongkai db current` and `db upgrade` answered in English only (`at revision 0005, this gongkai's newest`,
    `already at revision …: nothing to do`), `jobs history` of a new install printed an empty table of ten headers above
    its 没有运行记录, and every table of times said `times in Asia/Shanghai` only (newuser2, session 14)."""
    current = CliRunner().invoke(app, ["--data-dir", str(data), "db", "current"], catch_exceptions=False)
    assert current.exit_code == 0 and current.stdout.startswith("数据库已是最新版本"), current.stdout
    upgrade = CliRunner().invoke(app, ["--data-dir", str(data), "db", "upgrade"], catch_exceptions=False)
    assert upgrade.exit_code == 0 and upgrade.stdout.startswith("已是最新版本"), upgrade.stdout
    as_json = CliRunner().invoke(app, ["--data-dir", str(data), "db", "current", "--json"], catch_exceptions=False)
    assert json.loads(as_json.stdout)["message"].startswith("at revision")  # --json as it was
    history = CliRunner().invoke(app, ["--data-dir", str(data), "jobs", "history"], catch_exceptions=False)
    assert history.exit_code == 0 and history.stdout.strip() == "没有运行记录 / no runs recorded", history.stdout
    jobs = CliRunner().invoke(app, ["--data-dir", str(data), "jobs", "list"], catch_exceptions=False)
    assert "时间为 Asia/Shanghai 时区 / times in Asia/Shanghai" in " ".join(jobs.stdout.split()), jobs.stdout


def test_reindex_says_what_it_did_chinese_first(data) -> None:
    """`gongkai reindex` said `index rebuilt: 5 searchable records` in English only (newuser2)."""
    result = CliRunner().invoke(app, ["--data-dir", str(data), "reindex"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout.startswith("索引已重建，可检索 "), result.stdout


@pytest.mark.parametrize(("args", "chinese"), [
    (["outages"], "缺少参数 area / Missing argument 'area'."),
    (["serch", "停电"], "没有这个命令：serch / No such command 'serch'."),
    (["search", "停电", "--limit", "x"], "取值无效：--limit / Invalid value for '--limit'"),
    (["search", "停电", "--limt", "3"], "多余的参数 / Got unexpected extra argument"),
])
def test_a_mistyped_command_line_is_refused_chinese_first(tmp_path, args, chinese) -> None:
    """Click's own refusals (`Missing argument 'area'.`, `No such command 'serch'.`) were English only, the first words
    a new user who mistypes meets (newuser2); `查看帮助 / Try … for help.` above them."""
    result = CliRunner().invoke(app, ["--data-dir", str(tmp_path / "data"), *args])
    assert result.exit_code == 2
    said = " ".join(result.stderr.replace("│", " ").split())
    assert chinese in said and "查看帮助 / Try 'gongkai" in said, said


def test_the_cli_does_not_load_typers_help_printer_for_a_command() -> None:
    """The Chinese words of --help and of Click's refusals are set when Typer loads its rich_utils to print them; importing
    it for them made every command pay its import (≈40 ms, ≈90 ms at load 12: newuser2)."""
    import subprocess
    import sys

    code = "import sys; import gongkai.cli.main; print('typer.rich_utils' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stdout + done.stderr
