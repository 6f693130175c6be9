"""`gongkai reparse` leaves alone the records of a crawled site whose definition it cannot find (session 10).

After `gongkai demo` (its fixture sites are defined in tests/fixtures/sites, not built in), `gongkai reparse` as the
README says to run it after a parser fix parsed sm-gov's pages without the site's label_overrides, and stored the
worse parse as a new version: 发布机构 厦门市思明区人民政府办公室 → 思明区人民政府办公室, 成文日期 2024-02-05 → none.
It warned, and degraded the records anyway. Now those records are left as they are (counted, named when asked by id,
exit 1), unless --without-site-rules; with --sites-dir they are parsed with their rules. Real engine, CLI, SQLite.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.ingest import CaptureKey
from gongkai.parsers import Capture
from gongkai.settings import load_settings
from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

SITES = Path(__file__).parent / "fixtures" / "sites"
PAGE = SITES / "sm-gov" / "pages" / "zfxxgk" / "2024" / "content_81234.html"
URL = "http://127.0.0.1:8803/zfxxgk/2024/content_81234.html"
RULES = {"site:sm-gov": {"公开单位": "issuer", "成文时间": "written_date", "公开时间": "publish_date"}}


@pytest.fixture
def crawled(tmp_path):
    """sm-gov's page stored as its crawl stores it: parsed with the site's label rules, its bytes kept."""
    data = tmp_path / "data"
    engine = Engine(load_settings(data_dir=data))
    try:
        with engine.ingest_session(label_overrides=RULES) as session:
            capture = Capture(data=PAGE.read_bytes(), url=URL, source="site:sm-gov", content_type="text/html")
            report = session.ingest(session.capture_items([(CaptureKey(URL, 0), capture)]))
        assert report.as_dict()["new"] == 1
        [record] = list(engine.store.iter_records())
    finally:
        engine.close()
    assert (record.issuer, record.written_date) == ("厦门市思明区人民政府办公室", date(2024, 2, 5))
    return data, record.id


def _current(data: Path, record_id: str) -> dict:
    return json.loads(run(data, "show", record_id, "--json").stdout)


def test_a_plain_reparse_leaves_the_records_of_an_undefined_site_alone(crawled):
    data, record_id = crawled
    result = run(data, "reparse")
    assert result.exit_code == 0, result.output
    assert "site:sm-gov" in result.stderr and "--sites-dir" in result.stderr and "left (no site definition): 1" in result.stdout
    record = _current(data, record_id)
    assert (record["version"], record["issuer"], record["written_date"]) == (1, "厦门市思明区人民政府办公室", "2024-02-05")

    result = run(data, "reparse", record_id)  # asked for by id: named, exit 1
    assert result.exit_code == 1 and record_id in result.stderr and "找不到站点定义" in result.stderr
    assert _current(data, record_id)["version"] == 1


def test_with_its_definition_it_is_parsed_with_its_rules(crawled):
    data, _ = crawled
    result = run(data, "reparse", "--sites-dir", str(SITES), "--json")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["status"] for line in result.stdout.splitlines()] == ["unchanged"]


def test_without_site_rules_is_the_operators_choice(crawled):
    data, record_id = crawled
    result = run(data, "reparse", "--without-site-rules", record_id)
    assert result.exit_code == 0, result.output
    record = _current(data, record_id)
    assert record["version"] == 2 and record["written_date"] is None  # what the general rules read, as asked
