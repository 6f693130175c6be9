"""Held-out round of session 21 (crawl8): four agency sites laid out as real 政府信息公开 sites are and unlike the earlier
fixtures (tests/fixtures/heldout21/crawl8/sites.py says how each is laid out), written with their expected answers before
the crawler was run on them, and crawled as an operator does: three by a site definition each (`--sites-dir`), one by
`--start-url`. Expected: every document a record with its fields, every attachment stored and listed by its page, every
URL's outcome a row of `gongkai crawl history` (a 404, a 500, a redirect loop, a robots.txt exclusion among them), no URL
asked twice, robots.txt obeyed."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from gongkai.cli.context import state
from gongkai.cli.main import app as gongkai_app
from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.settings import load_settings
from tests.fixtures.heldout21.crawl8 import sites
from tests.support import local_http_server

pytestmark = pytest.mark.slow  # two crawl children on 127.0.0.1
_runner = CliRunner()


class Crawl:
    def __init__(self, data: Path, bases: dict[str, str], results: dict[str, dict], records: list[Record], log: list[str]) -> None:
        self.data, self.bases, self.results, self.records, self.log = data, bases, results, records, log

    def history(self, site: str) -> list[dict]:
        """The rows `gongkai crawl history --run RUN --json` lists for the site's run."""
        state._settings = state._engine = None
        try:
            result = _runner.invoke(gongkai_app, ["--data-dir", str(self.data), "crawl", "history", "--run", self.results[site]["run_id"], "--json"],
                                    catch_exceptions=False)
        finally:
            if state._engine is not None:
                state._engine.close()
            state._settings = state._engine = None
            state.data_dir = None
        assert result.exit_code == 0, result.stdout
        return json.loads(result.stdout)

    def outcomes(self, site: str) -> dict[str, str]:
        """path?query (unquoted) -> outcome, of the site's run."""
        # one crawl of several sites is one run: its rows name their site (the test first read them all as one site's)
        rows = [row for row in self.history(site) if row["site"] == self.results[site]["site"]]  # zd: named after its host
        # a POSTed list page (a form POST pager) is its URL and what it POSTed: one row per page
        by_url = {_local(row["url"]) + (f" {row['reason']}" if row["reason"].startswith("POST ") else ""): row["outcome"] for row in rows}
        assert len(by_url) == len(rows), "one row per URL"
        return by_url

    def pages(self, site: str) -> list[Record]:
        return [r for r in self.records if r.url.startswith(self.bases[site]) and r.doc_number]

    def files(self, site: str) -> list[Record]:
        return [r for r in self.records if r.url.startswith(self.bases[site]) and not r.doc_number]


def _local(url: str) -> str:
    parts = urlsplit(url)
    return unquote(parts.path) + (f"?{unquote(parts.query)}" if parts.query else "")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory) -> Crawl:
    root = tmp_path_factory.mktemp("crawl8")
    defs, data = root / "defs", root / "data"
    defs.mkdir()
    sites.Handler.log.clear()
    with contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(local_http_server(type(f"H{name}", (sites.Handler,), {"site": name}))) for name in sites.PAGES}
        for name, definition in sites.DEFS.items():
            (defs / f"{name}.toml").write_text(f'title = "{sites.AGENCY[name]} 信息公开"\nbase_url = "{bases[name]}"\n{definition}\n'
                                               "politeness = {delay_seconds = 0}\n", encoding="utf-8")
        results = {r["site"]: r for r in run_in_subprocess(["--sites-dir", str(defs), *sites.DEFS], data)}
        started = run_in_subprocess(["--start-url", f"{bases['zd']}/", "--max-depth", "4"], data)
        assert len(started) == 1
        results["zd"] = started[0]
    engine = Engine(load_settings(data_dir=data))
    try:
        records = list(engine.export())
    finally:
        engine.close()
    return Crawl(data, bases, results, records, list(sites.Handler.log))


@pytest.mark.parametrize("site", ["za", "zb", "zc", "zd"])
def test_every_document_is_a_record_with_its_fields(crawl: Crawl, site: str) -> None:
    pages = {r.doc_number: r for r in crawl.pages(site)}
    docs = range(1, sites.DOCS[site] + 1)
    assert set(pages) == {sites.doc_number(site, n) for n in docs}, site
    for n in docs:
        record = pages[sites.doc_number(site, n)]
        assert record.title == sites.title(site, n), (site, n)
        assert record.issuer == sites.AGENCY[site], (site, n)
        day = date.fromisoformat(sites.published(site, n))
        if site in ("za", "zb"):
            assert record.publish_date == day, (site, n)
        else:  # 生成日期 / 发文日期: the date the document was written
            assert record.written_date == day, (site, n)
        if site != "zb":  # zb prints no 索引号
            assert record.index_number == sites.index_number(site, n), (site, n)
        assert "各" in record.body or "收悉" in record.body or "公示" in record.body, (site, n)
    if site == "za":
        assert pages[sites.doc_number("za", 1)].written_date == date(2024, 6, 1)
        assert pages[sites.doc_number("za", 1)].topic.startswith("城乡建设")


@pytest.mark.parametrize("site", ["za", "zb", "zc", "zd"])
def test_attachments_are_stored_and_listed_by_their_page(crawl: Crawl, site: str) -> None:
    expected = {n: (sites.attachment_name(site, n), sites.attachment_path(site, n)) for n in range(1, sites.DOCS[site] + 1)
                if sites.attachment_name(site, n)}
    files = {_local(r.url): r for r in crawl.files(site)}
    assert set(files) == {path for _, path in expected.values()}, site
    pages = {r.doc_number: r for r in crawl.pages(site)}
    for n, (name, path) in expected.items():
        stem = name.split("：")[-1].rsplit(".", 1)[0]
        assert files[path].title == stem, (site, n, files[path].title)  # the link's text without 附件1： and extension
        listed = pages[sites.doc_number(site, n)].attachments
        assert [_local(a.url) for a in listed] == [path], (site, n, listed)
        assert stem in listed[0].name, (site, n, listed[0].name)


def test_each_url_has_its_outcome(crawl: Crawl) -> None:
    za = crawl.outcomes("za")
    assert za["/xxgk/xxgkml/202406/t20240601_9404.html"] == "missing"
    assert za["/xxgk/xxgkml/202406/t20240601_9500.html"] == "failed"
    assert za["/xxgk/nbwj/t20240602_1.html"] == "skipped"
    assert [p for p, o in za.items() if o == "listed" and "index" in p] == [
        "/xxgk/xxgkml/index.html", "/xxgk/xxgkml/index_1.html", "/xxgk/xxgkml/index_2.html"]
    zb = crawl.outcomes("zb")
    assert zb["/zwgk/tzgg/print/1201.html"] == "skipped"
    loop = {p: o for p, o in zb.items() if f"id={sites.ZB_LOOP}" in p}
    assert loop and not set(loop.values()) & {"new", "updated", "unchanged"}, loop  # a loop: no record, each URL named
    assert sorted(p for p, o in zb.items() if o == "listed" and "list.jsp" in p) == [
        "/zwgk/tzgg/list.jsp", "/zwgk/tzgg/list.jsp?page=2", "/zwgk/tzgg/list.jsp?page=3"]
    zc = crawl.outcomes("zc")
    assert zc["/gkml/detail.do?id=9500"] == "failed"
    assert sorted(p for p, o in zc.items() if o == "listed") == [
        "/gkml/list.do POST channelId=3301&pageNo=2", "/gkml/list.do POST channelId=3301&pageNo=3", "/gkml/list.do?channelId=3301"]
    zd = crawl.outcomes("zd")
    assert zd["/about/"] == "missing" and zd["/zwgk/xxgkml/202403/t20240301_9404.html"] == "missing"
    assert zd["/zwgk/internal/notice.html"] == "skipped"
    assert "/zwgk/loop.html" in zd and zd["/zwgk/loop.html"] not in ("new", "updated", "unchanged")
    for site, result in crawl.results.items():
        counts = result["counts"]
        assert counts["unexplained"] == 0, (site, counts.get("unexplained_urls"))
        assert counts["urls"].get("new") == sites.DOCS[site] + len(crawl.files(site)), (site, counts["urls"])


def test_nothing_is_fetched_twice_and_robots_is_obeyed(crawl: Crawl) -> None:
    asked = Counter(crawl.log)
    # a page answering 500 is asked again by design (retries with backoff); everything else once
    twice = {line: n for line, n in asked.items() if n > 1 and "9500" not in line}
    assert not twice, twice
    assert all(n <= 4 for line, n in asked.items() if "9500" in line)
    for site, folder in sites.ROBOTS.items():
        assert not [line for line in crawl.log if line.startswith(f"{site} GET {folder}")], site
        assert f"{site} GET /robots.txt" in crawl.log
    # the form-POSTed list pages were asked by POST, as the page's script does
    assert [line.split("pageNo=")[1] for line in crawl.log if line.startswith("zc POST /gkml/list.do")] == ["2", "3"]
