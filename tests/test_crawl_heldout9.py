"""Second held-out round of crawl8 (session 21), written with its expected answers before running: 南靖县教育局's 公示公告
(tests/fixtures/heldout21/crawl8/site_e.py says how it is laid out), crawled twice through a site definition as an
operator does. Expected: the 6 documents with their fields from a <span> info bar, each distinct file once (a file linked
twice on a page, or from two pages, is one request and one record; an uppercase .PDF and a name with spaces and full-width
brackets are files), a row with a #fragment and the same page in a 热点 box asked once, robots.txt's wildcard rule obeyed,
the 410 row missing, the other host skipped; the second crawl asks conditionally and stores nothing new."""

from __future__ import annotations

import contextlib
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.settings import load_settings
from tests.fixtures.heldout21.crawl8 import site_e
from tests.support import local_http_server

pytestmark = pytest.mark.slow  # two crawl children on 127.0.0.1


def _records(data: Path) -> list[Record]:
    engine = Engine(load_settings(data_dir=data))
    try:
        return list(engine.export())
    finally:
        engine.close()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("crawl8e")
    defs, data = root / "defs", root / "data"
    defs.mkdir()
    site_e.Handler.log.clear()
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(local_http_server(site_e.Handler))
        (defs / "ze.toml").write_text(f'title = "{site_e.AGENCY}"\nbase_url = "{base}"\n{site_e.DEFINITION}\npoliteness = {{delay_seconds = 0}}\n',
                                      encoding="utf-8")
        first = run_in_subprocess(["--sites-dir", str(defs), "ze"], data)[0]
        first_log = list(site_e.Handler.log)
        records = _records(data)
        site_e.Handler.log.clear()
        second = run_in_subprocess(["--sites-dir", str(defs), "ze"], data)[0]
        second_log = list(site_e.Handler.log)
    return {"base": base, "first": first, "second": second, "first_log": first_log, "second_log": second_log, "records": records,
            "after": _records(data)}


def test_documents_and_their_fields(crawled: dict) -> None:
    pages = {r.doc_number: r for r in crawled["records"] if r.doc_number}
    assert set(pages) == {site_e.doc_number(n) for n in range(1, site_e.DOCS + 1)}
    for n in range(1, site_e.DOCS + 1):
        record = pages[site_e.doc_number(n)]
        assert record.title == site_e.title(n)
        assert record.issuer == site_e.AGENCY
        assert record.publish_date == date(2024, 5, 10 + n)
        assert record.index_number == f"35062700-05-2024-0{n:03d}"
        assert [unquote(urlsplit(a.url).path) for a in record.attachments] == [p for p, _ in site_e.files(n)], n


def test_each_file_once(crawled: dict) -> None:
    files = [unquote(urlsplit(r.url).path) for r in crawled["records"] if not r.doc_number]
    expected = {p for n in range(1, site_e.DOCS + 1) for p, _ in site_e.files(n)}
    assert sorted(files) == sorted(expected)
    titles = {unquote(urlsplit(r.url).path): r.title for r in crawled["records"] if not r.doc_number}
    assert titles["/jyj/gsgg/202405/P020240501_1.PDF"] == "第1批认定结果"
    assert titles["/jyj/gsgg/202405/附件2 南靖县教师名单（2024年第1批）.pdf"] == "南靖县教师名单（2024年第1批）"


def test_nothing_asked_twice_and_robots_obeyed(crawled: dict) -> None:
    asked = Counter(crawled["first_log"])
    assert not {line: n for line, n in asked.items() if n > 1}
    assert not [line for line in crawled["first_log"] if "print=1" in line]
    assert not [line for line in crawled["first_log"] if "fjedu" in line]
    counts = crawled["first"]["counts"]
    assert counts["unexplained"] == 0
    assert counts["urls"]["new"] == site_e.DOCS + len({p for n in range(1, site_e.DOCS + 1) for p, _ in site_e.files(n)})
    assert counts["urls"]["missing"] == 1  # the 410 row (never a record)
    assert counts["urls"]["skipped"] == 2  # robots' wildcard, another host


def test_the_second_crawl_asks_conditionally_and_stores_nothing_new(crawled: dict) -> None:
    counts = crawled["second"]["counts"]
    assert counts["unexplained"] == 0
    assert counts["urls"].get("new", 0) == 0 and counts["urls"].get("updated", 0) == 0, counts["urls"]
    assert len(crawled["after"]) == len(crawled["records"])
    asked = Counter(crawled["second_log"])
    assert not {line: n for line, n in asked.items() if n > 1}
    # every detail page and file is asked with its ETag (304), the list pages whole
    whole = [line for line in crawled["second_log"] if not line.endswith(" 304") and ".shtml" in line and "index" not in line]
    assert whole == [line for line in whole if "t20240509_99" in line], whole
    assert not [line for line in crawled["second_log"] if line.lower().endswith(".pdf")], "files are asked with their ETag"
