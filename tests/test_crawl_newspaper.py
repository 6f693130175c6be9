"""Crawl the fixture 厦门日报 digital edition by date range: notice columns become one record per notice."""

from __future__ import annotations

from collections import Counter

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.settings import load_settings

# Each crawl runs in a child process against the fixture sites on 127.0.0.1: seconds, not milliseconds.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    sites = FixtureSites.from_folder(fixture_sites_dir(), names=["xmrb"])
    sites.start()
    data_dir = tmp_path_factory.mktemp("paper") / "data"
    args = ["--sites-dir", str(fixture_sites_dir()), "--base-url", f"xmrb={sites.base_urls['xmrb']}", "--newspaper", "xmrb"]
    try:
        first = run_in_subprocess([*args, "--from", "2024-05-06", "--to", "2024-05-09"], data_dir)[0]["counts"]
        first_log = sites.requests()
        sites.clear_log()
        again = run_in_subprocess([*args, "--date", "2024-05-07"], data_dir)[0]["counts"]
        again_log = sites.requests()
        yield {"first": first, "again": again, "first_log": first_log, "again_log": again_log, "data_dir": data_dir}
    finally:
        sites.stop()


def notices(data_dir):
    engine = Engine(load_settings(data_dir=data_dir))
    try:
        return [r for r in engine.export() if r.kind == "notice"], engine
    except Exception:
        engine.close()
        raise


def test_notice_columns_become_notice_records(paper):
    counts = paper["first"]
    # Three issues (2024-05-09 has none: counted apart, not as a failure); 12 notices in 8 columns.
    assert counts["errors"] == {"no_issue": 1}
    assert counts["new"] >= 10 and counts["quarantined"] == 0
    records, engine = notices(paper["data_dir"])
    try:
        types = Counter(r.notice_type for r in records)
        assert types["lost"] == 7
        assert types["outage"] >= 2 and types["business_tax"] == 2 and types["land_housing"] == 1
        assert {str(r.publish_date) for r in records} == {"2024-05-06", "2024-05-07", "2024-05-08"}
        assert all(r.source == "site:xmrb" for r in records)
        lost = [r for r in records if "鑫海源贸易有限公司" in r.body]
        assert len(lost) == 1 and lost[0].notice_type == "lost" and "91350203MA2YH3KX5H" in lost[0].body
        hits = engine.search(SearchRequest(q="营业执照 遗失", kind="notice")).hits
        assert lost[0].id in [h.id for h in hits]
        outage_hits = engine.search(SearchRequest(q="吕厝路", notice_type="outage")).hits
        assert len(outage_hits) == 1
    finally:
        engine.close()


def test_only_notice_pages_are_collected(paper):
    paths = [r.path for r in paper["first_log"]]
    assert not [p for p in paths if p.endswith("/content_1.htm")]  # the 要闻 article is news, not a notice
    assert sum(p.endswith("/node_12.htm") for p in paths) == 3


def test_recrawl_of_an_issue_downloads_no_article_again(paper):
    again = paper["again"]
    assert (again["new"], again["changed"], again["quarantined"]) == (0, 0, 0)
    assert again["not_modified"] == 3
    article_bodies = [r for r in paper["again_log"] if "/content_" in r.path and r.bytes > 0]
    assert article_bodies == []
