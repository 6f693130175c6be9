"""A site whose layout needs code (a JSON list API) is a definition naming a small subclass;
--since limits a crawl to recently listed documents."""

from __future__ import annotations

import re

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.crawlers.sitedef import load_site_file
from gongkai.engine import Engine
from gongkai.settings import load_settings

# Each crawl runs in a child process against the fixture sites on 127.0.0.1: seconds, not milliseconds.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served():
    with FixtureSites.from_folder(fixture_sites_dir(), names=["sm-gov", "xm-fgw"], slow_seconds=0.2) as sites:
        yield sites


def titles(data_dir) -> list[str]:
    engine = Engine(load_settings(data_dir=data_dir))
    try:
        return sorted(r.title for r in engine.export())
    finally:
        engine.close()


def test_json_list_site_is_crawled_by_its_subclass(served, tmp_path):
    defs = tmp_path / "defs"
    defs.mkdir()
    (defs / "sm-api.toml").write_text(f"""
title = "思明区 政务公开平台 (JSON list)"
base_url = "{served.base_urls['sm-gov']}"
start_urls = ["/api/xxgk_list_1.json"]
spider = "gongkai.crawlers.site_jsonlist:JsonListSpider"
[label_overrides]
"公开单位" = "issuer"
[politeness]
delay_seconds = 0
""", encoding="utf-8")
    assert load_site_file(defs / "sm-api.toml").spider.endswith(":JsonListSpider")
    [result] = run_in_subprocess(["--sites-dir", str(defs), "sm-api"], tmp_path / "data")
    assert result["counts"]["new"] == 3 and result["counts"]["list_pages"] == 2 and result["counts"]["errors"] == {}
    assert len(titles(tmp_path / "data")) == 3
    [since] = run_in_subprocess(["--sites-dir", str(defs), "--since", "2024-04-01", "sm-api"], tmp_path / "since")
    assert since["counts"]["new"] == 2  # 2024-05-10 and 2024-04-23; 2024-02-06 is older


def test_a_definition_naming_a_missing_spider_fails_clearly(tmp_path):
    defs = tmp_path / "defs"
    defs.mkdir()
    (defs / "sm-x.toml").write_text('base_url = "http://127.0.0.1:9"\nstart_urls = ["/a"]\nspider = "gongkai.crawlers.nope:Spider"\n', encoding="utf-8")
    with pytest.raises(RuntimeError, match=re.escape("spider 'gongkai.crawlers.nope:Spider': cannot import it")):
        run_in_subprocess(["--sites-dir", str(defs), "sm-x"], tmp_path / "data")


def test_since_skips_older_rows_and_stops_paginating(served, tmp_path):
    served.clear_log()
    args = ["--sites-dir", str(fixture_sites_dir()), "--base-url", f"xm-fgw={served.base_urls['xm-fgw']}", "--since", "2024年4月25日", "xm-fgw"]
    [result] = run_in_subprocess(args, tmp_path / "data")
    counts = result["counts"]
    # Listed on or after 2024-04-25: two documents of the first list page, each with an attachment.
    assert (counts["new"], counts["errors"]) == (4, {})
    # The second list page has only older rows: the third is never asked for.
    assert counts["list_pages"] == 2
    assert "/xxgk/zfxxgk/index_2.htm" not in [r.path for r in served.requests("xm-fgw")]
    pages = [t for t in titles(tmp_path / "data") if t.startswith("厦门市发展和改革委员会关于")]
    assert len(pages) == 2 and not [t for t in pages if "节能监察" in t]  # 2024-04-19: older than --since
