"""SIGTERM (the scheduler stopping a crawl job) ends a crawl cleanly: what was fetched is stored,
its crawl state written, the run's statistics saved and printed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.crawlers.state import CrawlState
from gongkai.engine import Engine
from gongkai.settings import load_settings

# Each crawl runs in a child process against the fixture sites on 127.0.0.1: seconds, not milliseconds.
pytestmark = pytest.mark.slow


def test_sigterm_stops_a_polite_crawl_cleanly(tmp_path):
    with FixtureSites.from_folder(fixture_sites_dir(), names=["xm-fgw"], slow_seconds=0.2) as sites:
        defs = tmp_path / "defs"
        defs.mkdir()
        # The fixture site, crawled politely: one request at a time, a second apart.
        (defs / "xm-fgw-polite.toml").write_text(f"""
base_url = "{sites.base_urls['xm-fgw']}"
start_urls = ["/xxgk/zfxxgk/index.htm"]
detail_links = "ul.xxgk_list li a"
next_page = "div.page a.next"
[politeness]
concurrency = 1
delay_seconds = 1.0
""", encoding="utf-8")
        command = [sys.executable, "-m", "gongkai.crawlers.child_process", "--data-dir", str(tmp_path / "data"), "--sites-dir", str(defs), "xm-fgw-polite"]
        env = {k: v for k, v in os.environ.items() if k != "GONGKAI_CONFIG"}
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len([r for r in sites.requests() if "/t2024" in r.path]) < 2:
            time.sleep(0.1)
        child.send_signal(signal.SIGTERM)
        stopped_at = time.monotonic()
        stdout, stderr = child.communicate(timeout=60)
        assert child.returncode == 0, stderr
        assert time.monotonic() - stopped_at < 15  # a few delays, not the rest of the site
        [result] = json.loads(stdout.strip().splitlines()[-1])
        fetched = [r for r in sites.requests() if "/t2024" in r.path and r.status == 200]
    counts = result["counts"]
    assert 1 <= counts["new"] < 10  # stopped part-way
    settings = load_settings(data_dir=tmp_path / "data")
    engine = Engine(settings)
    try:
        assert engine.store.count() == counts["new"]  # everything fetched before the stop was stored
    finally:
        engine.close()
    state = CrawlState(settings.resolved_database_url)
    try:
        [run] = state.runs("xm-fgw-polite")
        assert run["finished_at"] is not None and run["counts"]["new"] == counts["new"]
        assert sum(state.page_counts("xm-fgw-polite").values()) >= len(fetched) - 1
    finally:
        state.close()
