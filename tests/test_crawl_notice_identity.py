"""A 厦门日报 column corrected online and crawled again: the corrected notice is a new version of its record and
the notice inserted above the others is the only new record (ids from gongkai.notice_identity)."""

from __future__ import annotations

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.engine import Engine
from gongkai.settings import load_settings

# Each crawl runs in a child process against the fixture sites on 127.0.0.1: seconds, not milliseconds.
pytestmark = pytest.mark.slow


def notices(data_dir) -> dict:
    engine = Engine(load_settings(data_dir=data_dir))
    try:
        return {r.id: r for r in engine.export() if r.kind == "notice"}
    finally:
        engine.close()


def test_a_corrected_column_crawled_again_gives_versions_not_duplicates(tmp_path):
    data = tmp_path / "data"
    with FixtureSites.from_folder(fixture_sites_dir(), names=["xmrb"]) as sites:
        args = ["--sites-dir", str(fixture_sites_dir()), "--base-url", f"xmrb={sites.base_urls['xmrb']}", "--newspaper", "xmrb",
                "--date", "2024-05-06"]
        first = run_in_subprocess(args, data)[0]["counts"]
        before = notices(data)
        sites.switch("changed")  # tests/fixtures/sites/xmrb/changes: the 2024-05-06 columns as corrected
        second = run_in_subprocess(args, data)[0]["counts"]
    after = notices(data)
    assert first["new"] == 6 and len(before) == 6
    assert (second["new"], second["changed"], second["quarantined"]) == (1, 1, 0), second
    assert set(before) < set(after) and len(after) == 7
    [inserted] = [after[i] for i in set(after) - set(before)]
    assert inserted.title == "厦门鹭岛印务有限公司遗失声明"
    [power] = [r for r in after.values() if r.title == "停电通知"]
    assert power.id in before and power.version == 2 and "07:00—16:00" in power.body
    assert all(after[i].version == 1 for i in before if i != power.id)
