"""`gongkai crawl`, `crawl-newspaper` and `sources list|show|check` on the fixture sites.

The commands are mounted on a small Typer app here, as cli/main.py mounts them. `crawl` starts the
Twisted reactor, so it runs in a child process; `sources` runs in-process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
import typer
from typer.testing import CliRunner

from gongkai.cli.context import state
from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir

# Each crawl runs in a child process against the fixture sites on 127.0.0.1: seconds, not milliseconds.
pytestmark = pytest.mark.slow

APP_SOURCE = textwrap.dedent('''
    from pathlib import Path
    from typing import Optional
    import typer
    from gongkai.cli import crawl as crawl_cli
    from gongkai.cli.context import state

    app = typer.Typer()

    @app.callback()
    def main(data_dir: Optional[Path] = typer.Option(None, "--data-dir")) -> None:
        state.data_dir, state._settings, state._engine = data_dir, None, None

    app.command()(crawl_cli.crawl)
    app.command("crawl-newspaper")(crawl_cli.crawl_newspaper)
    app.add_typer(crawl_cli.sources_app, name="sources")
''')


def make_app() -> typer.Typer:
    namespace: dict = {}
    exec(APP_SOURCE, namespace)  # the same app the child processes run
    return namespace["app"]


@pytest.fixture(scope="module")
def served():
    with FixtureSites.from_folder(fixture_sites_dir(), names=["sm-gov", "xm-fgw", "xmrb"], slow_seconds=0.2) as sites:
        yield sites


@pytest.fixture
def site_args(served):
    args = ["--sites-dir", str(fixture_sites_dir())]
    for name, url in served.base_urls.items():
        args += ["--base-url", f"{name}={url}"]
    return args


def run_child(tmp_path, *args: str, columns: int = 80) -> subprocess.CompletedProcess:
    script = tmp_path / "cli_app.py"
    script.write_text(APP_SOURCE + "\napp()\n", encoding="utf-8")
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture(autouse=True)
def fresh_state():
    yield
    if state._engine is not None:
        state._engine.close()
    state.data_dir, state._settings, state._engine = None, None, None


def test_crawl_prints_statistics_and_sources_list_shows_them(tmp_path, site_args):
    data = tmp_path / "data"
    done = run_child(tmp_path, "--data-dir", str(data), "crawl", *site_args, "sm-gov", "--json")
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    assert result["site"] == "sm-gov" and result["counts"]["new"] == 3
    narrow = run_child(tmp_path, "--data-dir", str(data), "crawl", *site_args, "sm-gov", columns=80)
    # Chinese first, the English after (doors3, session 12: English only)
    said = " ".join(narrow.stdout.split())  # as one line: 80 columns fold it
    assert narrow.returncode == 0 and "sm-gov 页面 5 新增 0 变更 0 未变 3 撤下 0" in said and "pages 5 new 0 changed 0 unchanged 3 withdrawn 0" in said
    wide = run_child(tmp_path, "--data-dir", str(data), "crawl", *site_args, "sm-gov", columns=160)
    assert "抓取统计 crawl statistics" in wide.stdout and "│ sm-gov │" in wide.stdout and "┃ 站点" in wide.stdout
    runner = CliRunner()
    listed = runner.invoke(make_app(), ["--data-dir", str(data), "sources", "list", *site_args, "--json"])
    assert listed.exit_code == 0, listed.output
    rows = {row["site"]: row for row in json.loads(listed.output)}
    assert rows["sm-gov"]["last_run"]["counts"]["unchanged"] == 3  # the second crawl
    assert rows["xm-fgw"]["last_run"] is None and rows["xmrb"]["kind"] == "newspaper"
    text = runner.invoke(make_app(), ["--data-dir", str(data), "sources", "list", *site_args]).output
    assert "sm-gov (disclosure, 15 8 * * *)  上次抓取 last crawl" in text and "未变 3" in text and "unchanged 3" in text
    assert "xm-fgw (disclosure, 30 6 * * *)  从未抓取 never crawled" in text
    shown = runner.invoke(make_app(), ["--data-dir", str(data), "sources", "show", "sm-gov", *site_args, "--json"])
    details = json.loads(shown.output)
    assert [r["counts"]["new"] for r in details["runs"]] == [0, 0, 3]
    assert details["known_pages"] == {"unchanged": 3}
    assert details["definition"]["label_overrides"]["公开单位"] == "issuer"


def test_crawl_newspaper_command(tmp_path, site_args):
    done = run_child(tmp_path, "--data-dir", str(tmp_path / "data"), "crawl-newspaper", *site_args, "--date", "2024年5月7日", "--json")
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    assert result["site"] == "xmrb" and result["counts"]["new"] == 5


def test_sources_check_reports_the_fields_found(tmp_path, site_args):
    runner = CliRunner()
    checked = runner.invoke(make_app(), ["--data-dir", str(tmp_path / "data"), "sources", "check", "xm-fgw", *site_args, "--json"])
    assert checked.exit_code == 0, checked.output
    report = json.loads(checked.output)
    assert report["ok"] and len(report["detail_links"]) == 3 and report["next_page"].endswith("/index_1.htm")
    assert report["fields"]["doc_number"] == "厦发改〔2024〕52号" and report["fields"]["index_number"] == "XM00111-0200-2024-00052"
    paper = runner.invoke(make_app(), ["--data-dir", str(tmp_path / "data"), "sources", "check", "xmrb", "--date", "2024-05-06", *site_args, "--json"])
    assert paper.exit_code == 0, paper.output
    assert json.loads(paper.output)["records"] == 4


def test_sources_check_explains_a_definition_that_finds_nothing(tmp_path, served):
    (tmp_path / "defs").mkdir()
    (tmp_path / "defs" / "sm-wrong.toml").write_text(
        f'base_url = "{served.base_urls["sm-gov"]}"\nstart_urls = ["/zfxxgk/list.html"]\ndetail_links = "ul.nothing a"\n', encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(make_app(), ["--data-dir", str(tmp_path / "data"), "sources", "check", "sm-wrong", "--sites-dir", str(tmp_path / "defs")])
    assert checked.exit_code == 1
    assert "found no detail link" in checked.output and "站点定义需要修改 / the definition needs work" in checked.output


def test_bad_input_gives_clear_errors(tmp_path, site_args):
    runner = CliRunner()
    app = make_app()
    unknown = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "crawl", *site_args, "xm-nope"])
    assert unknown.exit_code == 2 and "no site definition named xm-nope" in unknown.output
    paper = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "crawl", *site_args, "xmrb"])
    assert paper.exit_code == 2 and "crawl-newspaper" in paper.output
    bad_date = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "crawl-newspaper", *site_args, "--date", "tomorrow"])
    assert bad_date.exit_code == 2 and "--from" in bad_date.output
    backwards = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "crawl-newspaper", *site_args, "--from", "2024-05-08", "--to", "2024-05-06"])
    assert backwards.exit_code == 2 and "empty" in backwards.output
    since = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "crawl", "--start-url", "http://127.0.0.1:9/", "--since", "2024-05-01"])
    assert since.exit_code == 2 and "--since needs a site definition" in since.output
    bad_url = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "crawl", "--start-url", "ftp://x.gov.cn/"])
    assert bad_url.exit_code == 2 and "http(s) URL" in bad_url.output
    bad_def = tmp_path / "defs"
    bad_def.mkdir()
    (bad_def / "xm-bad.toml").write_text('start_urls = ["/a"]\nnext_page = 3\n', encoding="utf-8")
    invalid = runner.invoke(app, ["--data-dir", str(tmp_path / "d"), "sources", "list", "--sites-dir", str(bad_def)])
    assert invalid.exit_code == 2 and "xm-bad.toml: key 'next_page'" in invalid.output
