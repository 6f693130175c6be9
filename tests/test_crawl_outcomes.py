"""Every crawl outcome is a row an operator can list (issue #23 items 2-4), on a real fault site.

tests/fixtures/fault_site.py builds an agency site served on 127.0.0.1 by the fixture server: documents,
a PDF linked only from a list page, a corrupt PDF, a file over the size limit, a redirect, a dead link, a
page answering 500, a robots.txt exclusion, a link to another host, a page past --max-depth; then pages
edited, added and removed (404 and 410). It is crawled twice with `--start-url` in child processes; what
the operator sees is read through the real `gongkai` command (crawl history, sources list/show, --json),
`gongkai status --json` and the admin page.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from typer.testing import CliRunner

from gongkai.cli.context import state
from gongkai.cli.main import app as gongkai_app
from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites
from gongkai.crawlers.outcomes import OUTCOMES
from tests.fixtures.fault_site import EXPECTED, OTHER_HOST, crawl_twice

pytestmark = pytest.mark.slow
_runner = CliRunner()


class Crawled:
    def __init__(self, data_dir: Path, base_url: str, first: dict, second: dict, served: set[str]) -> None:
        self.data_dir, self.base_url, self.first, self.second, self.served = data_dir, base_url, first, second, served

    @property
    def site(self) -> str:
        return self.second["site"]

    def gongkai(self, *args: str) -> str:
        state._settings = state._engine = None
        try:
            result = _runner.invoke(gongkai_app, ["--data-dir", str(self.data_dir), *args], catch_exceptions=False)
        finally:
            if state._engine is not None:
                state._engine.close()
            state._settings = state._engine = None
            state.data_dir = None
        assert result.exit_code == 0, result.stdout + result.stderr
        return result.stdout

    def json(self, *args: str):
        return json.loads(self.gongkai(*args, "--json"))

    def path(self, url: str) -> str:
        return url if not url.startswith(self.base_url) else (urlsplit(url).path or "/")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Crawled:
    root = tmp_path_factory.mktemp("fault")
    base, first, second, served = crawl_twice(root)
    return Crawled(root / "data", base, first, second, served)


def test_every_url_of_a_crawl_has_one_outcome_with_its_reason(crawled):
    run_id = crawled.second["run_id"]
    rows = crawled.json("crawl", "history", "--run", run_id)
    by_path = {crawled.path(row["url"]): row for row in rows}
    assert len(by_path) == len(rows)  # one row per URL
    assert {p: by_path[p]["outcome"] for p in by_path} == {p: outcome for p, (outcome, _) in EXPECTED.items()}
    for path, (_, reason) in EXPECTED.items():
        assert reason in by_path[path]["reason"], (path, by_path[path])
    # every URL the server was asked for is named (0 unexplained), and the counts agree with the rows
    assert crawled.served <= {urlsplit(row["url"]).path or "/" for row in rows}
    counts = crawled.second["counts"]
    assert counts["unexplained"] == 0 and "unexplained_urls" not in counts
    assert counts["urls"] == {o: n for o in OUTCOMES if (n := sum(1 for e in EXPECTED.values() if e[0] == o))}
    assert sum(counts["urls"].values()) == len(rows)
    # the gone documents name their withdrawn records; a 304 names the records it stands for
    assert by_path["/xxgk/d3.htm"]["status"] == 404 and by_path["/xxgk/d4.htm"]["status"] == 410
    assert all(by_path[p]["record_ids"] for p in ("/xxgk/d3.htm", "/xxgk/d4.htm", "/xxgk/d1.htm"))
    assert by_path["/old/notice.htm"]["reason"] == f"to {crawled.base_url}/xxgk/d5.htm"


def test_runs_are_listed_with_their_counts_per_outcome(crawled):
    runs = crawled.json("crawl", "history", crawled.site)
    assert [r["run_id"] for r in runs] == [crawled.second["run_id"], crawled.first["run_id"]]
    assert runs[0]["urls"] == crawled.second["counts"]["urls"]
    assert runs[1]["urls"]["new"] == 8  # d1-d5, d7, d8 and the PDF linked only from the list page
    text = crawled.gongkai("crawl", "history")
    assert crawled.second["run_id"] in text and "gone 2" in text


def test_a_url_has_a_history_across_runs_and_failures_filter(crawled):
    rows = crawled.json("crawl", "history", "--url", "/xxgk/d3.htm")
    assert [(r["outcome"], r["status"]) for r in rows] == [("gone", 404), ("new", 200)]
    failed = crawled.json("crawl", "history", "--run", crawled.second["run_id"], "--outcome", "failed")
    assert [crawled.path(r["url"]) for r in failed] == ["/xxgk/broken.htm"]


def test_a_pdf_linked_only_from_a_list_page_is_fetched_and_stored(crawled):
    rows = crawled.json("crawl", "history", "--run", crawled.first["run_id"], "--outcome", "new")
    [pdf] = [r for r in rows if r["url"].endswith("/files/only-on-list.pdf")]
    record = crawled.json("show", pdf["record_ids"][0])
    assert record["title"] == "2024年项目清单" and "海沧大道改造工程" in record["body"]


def test_a_start_url_crawl_is_a_source_of_its_own(crawled):
    listed = {row["site"]: row for row in crawled.json("sources", "list")}
    source = listed[crawled.site]
    assert source["kind"] == "discovery" and source["start_url"] == crawled.base_url + "/"
    assert source["last_run"]["run_id"] == crawled.second["run_id"]
    shown = crawled.json("sources", "show", crawled.site)
    assert shown["definition"] is None and shown["source"]["options"] == {"max_depth": 2, "max_pages": 500}
    assert {(crawled.path(g["url"]), g["status"]) for g in shown["gone"]} == {("/xxgk/d3.htm", 404), ("/xxgk/d4.htm", 410)}
    assert len(shown["last_run_urls"]) == len(EXPECTED) and len(shown["runs"]) == 2
    text = crawled.gongkai("sources", "show", crawled.site)
    assert "gone HTTP 404" in text and "no definition" in text and "/xxgk/broken.htm" in text
    assert crawled.site in crawled.gongkai("sources", "list")


def test_short_body_of_a_crawled_notice_is_its_body(crawled):
    rows = crawled.json("crawl", "history", "--url", "/xxgk/d1.htm")
    record = crawled.json("show", rows[-1]["record_ids"][0])
    assert record["body"] == "定于五月六日停水。" and record["index_number"] == "XM99ACC-0100-2024-00001"


def test_status_and_admin_page_show_the_crawl(crawled):
    status = crawled.json("status")
    [site] = [s for s in status["crawl"] if s["site"] == crawled.site]
    assert site["last_crawl"]["counts"]["urls"]["gone"] == 2

    from gongkai.engine import Engine
    from gongkai.ops.auth import hash_password
    from gongkai.settings import load_settings
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    engine = Engine(load_settings(data_dir=crawled.data_dir, scheduler={
        "admin_user": "ops", "admin_password_hash": hash_password("值班", iterations=50_000)}))
    try:
        with serve_in_thread(create_app(engine)) as base_url:
            page = httpx.get(f"{base_url}/admin", auth=("ops", "值班"), timeout=10).text
    finally:
        engine.close()
    assert crawled.site in page and "URLs: " in page and "gone 2" in page and OTHER_HOST not in page


def test_a_defined_site_names_what_its_limits_and_filters_left_out(tmp_path):
    """xm-fgw crawled with --max-pages 2, then with --since: every detail link not fetched is a row with the
    limit or the filter that left it out, and nothing requested is unexplained."""
    from gongkai.crawlers.fixture_server import fixture_sites_dir
    from gongkai.crawlers.state import CrawlState
    from gongkai.settings import load_settings

    with FixtureSites.from_folder(fixture_sites_dir(), names=["xm-fgw"], slow_seconds=0.2) as sites:
        args = ["--sites-dir", str(fixture_sites_dir()), "--base-url", f"xm-fgw={sites.base_urls['xm-fgw']}", "--fast", "--backoff", "0.05"]
        [limited] = run_in_subprocess([*args, "--max-pages", "2", "xm-fgw"], tmp_path / "a")
        [recent] = run_in_subprocess([*args, "--since", "2024-04-01", "xm-fgw"], tmp_path / "b")
    assert limited["counts"]["unexplained"] == recent["counts"]["unexplained"] == 0
    state = CrawlState.from_settings(load_settings(data_dir=tmp_path / "a"))
    over = state.outcomes(run_id=limited["run_id"], outcome="over_limit")
    state.close()
    assert limited["counts"]["new"] <= 2 + 3  # two detail pages and their attachments
    assert over and all("max_pages=2" in row["reason"] for row in over)
    state = CrawlState.from_settings(load_settings(data_dir=tmp_path / "b"))
    skipped = state.outcomes(run_id=recent["run_id"], outcome="skipped")
    state.close()
    assert skipped and all("before --since 2024-04-01" in row["reason"] or "older than --since" in row["reason"] for row in skipped)
