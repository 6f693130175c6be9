"""Crawling without a site definition (--start-url), page limits, and timeouts."""

from __future__ import annotations

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.engine import Engine
from gongkai.settings import load_settings

# Each crawl runs in a child process against the fixture sites on 127.0.0.1: seconds, not milliseconds.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fgw():
    with FixtureSites.from_folder(fixture_sites_dir(), names=["xm-fgw"], slow_seconds=1.5) as sites:
        yield sites


def stored(data_dir):
    engine = Engine(load_settings(data_dir=data_dir))
    try:
        return list(engine.export())
    finally:
        engine.close()


def test_start_url_keeps_only_disclosure_documents_and_their_attachments(fgw, tmp_path):
    home = fgw.base_urls["xm-fgw"] + "/"
    # --fast: no politeness delays (the politeness settings are tested apart); the slow page still takes its 1.5 s.
    [result] = run_in_subprocess(["--start-url", home, "--max-depth", "5", "--backoff", "0.1", "--fast"], tmp_path / "data")
    counts = result["counts"]
    assert result["site"].startswith("127.0.0.1_")
    records = stored(tmp_path / "data")
    urls = sorted(r.url.split("/", 3)[3] for r in records)
    # 7 detail pages and their 3 attachments; the home, news and list pages are followed but not kept.
    assert counts["new"] == 10 and len(records) == 10
    assert not [u for u in urls if u.startswith(("news", "admin")) or u.endswith("index.htm") or u == ""]
    assert sum(u.endswith((".pdf", ".docx")) for u in urls) == 3
    assert counts["errors"].get("robots") == 1  # /admin/login.htm, linked from every page, never fetched
    assert counts["errors"].get("http_404") == 1  # the broken link
    assert not [r for r in fgw.requests() if r.path.startswith("/admin/")]


def test_max_pages_limits_a_discovery_crawl(fgw, tmp_path):
    fgw.clear_log()
    home = fgw.base_urls["xm-fgw"] + "/"
    [result] = run_in_subprocess(["--start-url", home, "--max-pages", "4", "--fast"], tmp_path / "data")
    fetched = [r for r in fgw.requests() if r.path != "/robots.txt"]
    assert len(fetched) <= 4 + 3  # pages, plus attachments of the documents among them
    assert result["counts"]["pages"] == len(fetched)


def test_max_pages_limits_detail_pages_of_a_defined_site(fgw, tmp_path):
    fgw.clear_log()
    args = ["--sites-dir", str(fixture_sites_dir()), "--base-url", f"xm-fgw={fgw.base_urls['xm-fgw']}", "--max-pages", "2", "xm-fgw"]
    [result] = run_in_subprocess(args, tmp_path / "data")
    details = [r for r in fgw.requests() if "/t2024" in r.path]
    assert len(details) == 2 and result["counts"]["list_pages"] == 1


def test_a_page_slower_than_the_timeout_is_an_error_and_the_crawl_goes_on(fgw, tmp_path):
    args = ["--sites-dir", str(fixture_sites_dir()), "--base-url", f"xm-fgw={fgw.base_urls['xm-fgw']}",
            "--timeout", "0.5", "--backoff", "0.1", "xm-fgw"]
    [result] = run_in_subprocess(args, tmp_path / "data")
    counts = result["counts"]
    assert counts["errors"] == {"http_404": 1, "timeout": 1}
    assert counts["new"] == 9  # everything but the slow page
    titles = [r.title for r in stored(tmp_path / "data")]
    assert not [t for t in titles if "春季粮油" in t]


def test_a_file_over_the_size_limit_is_not_downloaded(fgw, tmp_path):
    args = ["--sites-dir", str(fixture_sites_dir()), "--base-url", f"xm-fgw={fgw.base_urls['xm-fgw']}", "--backoff", "0.1", "xm-fgw"]
    [result] = run_in_subprocess(args, tmp_path / "data", env={"GONGKAI_PARSERS__MAX_FILE_BYTES": "10000"})
    counts = result["counts"]
    # The 36 KB DOCX is over settings.parsers.max_file_bytes: cancelled while downloading, counted, the rest stored.
    assert counts["errors"] == {"http_404": 1, "too_large": 1}
    assert counts["new"] == 9
