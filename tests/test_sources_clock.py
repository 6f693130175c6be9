"""`gongkai sources list|show` and `crawl history --json` read one clock with the other operator commands (session 10):
`sources list` printed a crawl's start as stored, UTC and unsaid ("2026-12-06 07:56" beside `crawl history`'s
15:56 for the same run), its --json wrote "2026-12-06 07:56:11" and `crawl history --json` "2026-12-06T07:56:11",
both without an offset (a reader took them for Beijing time); a site crawled with a definition not loaded now (after
`gongkai demo`) was "sm-gov (undefined, )" and `sources show` said it was "crawled with --start-url  ()".
A real crawl of a fixture site in a child process, then the commands in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from tests.cli_run import run

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fresh_cli_state")]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data = tmp_path_factory.mktemp("sources") / "data"
    with FixtureSites.from_folder(fixture_sites_dir(), names=["sm-gov"]) as sites:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "gongkai"), "--data-dir", str(data), "crawl", "sm-gov", "--sites-dir", str(fixture_sites_dir()),
             "--base-url", f"sm-gov={sites.base_urls['sm-gov']}", "--json"],
            capture_output=True, text=True, timeout=180,
        )
    assert done.returncode == 0 and json.loads(done.stdout), done.stderr[-2000:]
    return data


def test_times_carry_their_offset_and_the_text_is_on_the_jobs_clock(crawled):
    sites = ["--sites-dir", str(fixture_sites_dir())]
    [row] = [row for row in json.loads(run(crawled, "sources", "list", *sites, "--json").stdout) if row["site"] == "sm-gov"]
    started = datetime.fromisoformat(row["last_run"]["started_at"])
    assert started.utcoffset() is not None and "T" in row["last_run"]["started_at"]
    [history] = json.loads(run(crawled, "crawl", "history", "--json").stdout)
    assert datetime.fromisoformat(history["started_at"]) == started
    shown = json.loads(run(crawled, "sources", "show", "sm-gov", *sites, "--json").stdout)
    assert datetime.fromisoformat(shown["runs"][0]["started_at"]) == started

    beijing = started.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    for args in (["sources", "list", *sites], ["sources", "show", "sm-gov", *sites]):
        text = run(crawled, *args).stdout
        assert beijing in text and "times in Asia/Shanghai" in text, text


def test_a_site_whose_definition_is_not_loaded_says_what_to_do(crawled):
    text = run(crawled, "sources", "list").stdout
    assert "sm-gov (undefined)" in text
    assert "找不到站点定义" in text and "--sites-dir" in text and "(undefined, )" not in text
    shown = run(crawled, "sources", "show", "sm-gov").stdout
    assert "找不到站点定义" in shown and "--start-url" not in shown


def test_status_says_a_crawls_counts_as_sources_list_does(crawled):
    """`gongkai status` listed every number of the run (list_pages, downloaded_bytes, same_hash, seconds …) in its
    crawls table: a cell of 14 lines to find "new 3" in."""
    text = run(crawled, "status").stdout
    assert "new 3" in text and "quarantined 0" in text
    for noise in ("list_pages", "downloaded_byt", "same_hash", "seconds"):
        assert noise not in text, noise
