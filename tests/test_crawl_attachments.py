"""Attachments of a page that did not change are asked again: an agency replaces a PDF at the same URL (a corrected
table) and leaves the HTML page as it was. Real Scrapy crawls of the xm-fgw fixture site on 127.0.0.1, in child
processes; between the two crawls the server switches to the site's `changes/` (the plan's PDF replaced, its page
unchanged, one other page edited, one removed). The crawl state remembers each parsed page's attachment links
(crawl_pages.attachment_links, migration 0004), so the page's 304 still leads to its files.
"""

from __future__ import annotations

import json
import shutil
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.crawlers.state import CrawlState
from gongkai.engine import Engine
from gongkai.settings import load_settings
from gongkai.store import Store

pytestmark = pytest.mark.slow

PAGE = "/xxgk/zfxxgk/202405/t20240506_2849101.htm"  # unchanged between the crawls
PLAN_PDF = "/xxgk/zfxxgk/202405/P020240508391028453215.pdf"  # replaced under it
CREDIT_PDF = "/xxgk/zfxxgk/202402/P020240228409317726519.pdf"  # unchanged
GAS_DOCX = "/xxgk/zfxxgk/202404/P020240430512736184012.docx"  # unchanged
OLD_DATABASE = Path(__file__).parent / "fixtures" / "db_v1"


class Run:
    def __init__(self, sites: FixtureSites, data_dir: Path) -> None:
        self.sites, self.data_dir = sites, data_dir
        self.base = sites.base_urls["xm-fgw"]
        self.results: dict[str, dict] = {}
        self.served: dict[str, dict[str, list[tuple[int, int, bool]]]] = {}  # label -> path -> [(status, bytes, conditional)]
        self.versions: dict[str, dict[str, int]] = {}  # label -> record id -> version

    def crawl(self, label: str, args: list[str]) -> None:
        self.sites.clear_log()
        [result] = run_in_subprocess([*args, "--backoff", "0.1", "--timeout", "10"], self.data_dir)
        self.results[label] = result
        served: dict[str, list[tuple[int, int, bool]]] = {}
        for r in self.sites.requests("xm-fgw"):
            served.setdefault(r.path, []).append((r.status, r.bytes, r.conditional))
        self.served[label] = served
        with self.engine() as engine:
            self.versions[label] = {r.id: r.version for r in engine.export()}

    def engine(self) -> closing[Engine]:
        return closing(Engine(load_settings(data_dir=self.data_dir)))

    def state(self, path: str):
        crawl_state = CrawlState(load_settings(data_dir=self.data_dir).resolved_database_url)
        return crawl_state.get(self.base + path)

    def record_id(self, path: str) -> str:
        page = self.state(path)
        assert page is not None and len(page.record_ids) == 1, page
        return page.record_ids[0]

    def outcomes(self, label: str) -> dict[str, tuple[str, str, int]]:
        """path -> (outcome, role, status) of one run's rows."""
        crawl_state = CrawlState(load_settings(data_dir=self.data_dir).resolved_database_url)
        rows = crawl_state.outcomes(run_id=self.results[label]["run_id"], limit=10_000)
        return {row["url"].removeprefix(self.base): (row["outcome"], row["role"], row["status"]) for row in rows}


def _crawl_twice(tmp_path: Path, args_of, removed: tuple[str, ...] = ()) -> Run:
    sites = FixtureSites.from_folder(fixture_sites_dir(), names=["xm-fgw"], slow_seconds=0.2)
    for path in removed:  # taken down after the first crawl, as removed.txt does for pages
        sites.sites[0].removed[path] = 404  # type: ignore[attr-defined]
    sites.start()
    try:
        run = Run(sites, tmp_path / "data")
        run.crawl("first", args_of(run.base))
        sites.switch("changed")
        run.crawl("changed", args_of(run.base))
        return run
    finally:
        sites.stop()


@pytest.fixture(scope="module")
def defined(tmp_path_factory) -> Run:
    """The site by its definition (DisclosureSpider)."""
    return _crawl_twice(tmp_path_factory.mktemp("defined"), lambda base: [
        "--sites-dir", str(fixture_sites_dir()), "--base-url", f"xm-fgw={base}", "xm-fgw"])


@pytest.fixture(scope="module")
def discovered(tmp_path_factory) -> Run:
    """The site without a definition (DiscoverySpider, --start-url)."""
    return _crawl_twice(tmp_path_factory.mktemp("discovered"), lambda base: [
        "--start-url", base + "/", "--max-depth", "5", "--fast"])


@pytest.fixture(scope="module")
def docx_removed(tmp_path_factory) -> Run:
    """The site by its definition; after the first crawl the gas price DOCX answers 404, its page unchanged."""
    return _crawl_twice(tmp_path_factory.mktemp("removed"), lambda base: [
        "--sites-dir", str(fixture_sites_dir()), "--base-url", f"xm-fgw={base}", "xm-fgw"], removed=(GAS_DOCX,))


@pytest.fixture(params=["defined", "discovered"])
def run(request) -> Run:
    return request.getfixturevalue(request.param)


def test_a_pdf_replaced_under_an_unchanged_page_is_version_2(run):
    page_id, pdf_id = run.record_id(PAGE), run.record_id(PLAN_PDF)
    # The page answered 304 to its conditional request: not downloaded, not parsed, no new version.
    assert run.served["changed"][PAGE] == [(304, 0, True)]
    assert run.versions["changed"][page_id] == run.versions["first"][page_id] == 1
    # Its PDF was asked with its own validators, answered with the new bytes, and is version 2 of its record.
    [(status, size, conditional)] = run.served["changed"][PLAN_PDF]
    assert (status, conditional) == (200, True) and size > 0
    assert run.versions["first"][pdf_id] == 1 and run.versions["changed"][pdf_id] == 2
    with run.engine() as engine:
        versions = engine.versions(pdf_id)
    assert [v.version for v in versions] == [1, 2]
    assert "共486个项目" in versions[0].body and "共487个项目" in versions[1].body and "厦门市第三医院扩建工程" in versions[1].body
    # The title still comes from the link text the page gave it (remembered with the link), not from the file.
    assert versions[1].title == versions[0].title == "厦门市2024年重点项目建设计划表"
    assert not [rid for rid in run.versions["changed"] if rid not in run.versions["first"]]  # no second record


def test_unchanged_attachments_answer_304_and_stay_as_they_were(run):
    for path in (CREDIT_PDF, GAS_DOCX):
        assert run.served["changed"][path] == [(304, 0, True)], path
        record_id = run.record_id(path)
        assert run.versions["changed"][record_id] == run.versions["first"][record_id] == 1


def test_every_attachment_has_its_outcome_row_in_the_run(run):
    second = run.outcomes("changed")
    assert second[PAGE] == ("not_modified", "detail", 304)
    assert second[PLAN_PDF] == ("updated", "attachment", 200)
    assert second[CREDIT_PDF] == second[GAS_DOCX] == ("not_modified", "attachment", 304)
    assert run.results["changed"]["counts"]["unexplained"] == 0


def test_an_attachment_taken_down_under_an_unchanged_page_is_withdrawn(docx_removed):
    """A file that now answers 404 under a page that did not change is noticed like a page gone: its record is
    withdrawn (kept as a tombstone, hidden from search), and the run names it."""
    run = docx_removed
    docx_id, page_id = run.record_id(GAS_DOCX), run.record_id("/xxgk/zfxxgk/202404/t20240429_2846677.htm")
    assert run.served["changed"][GAS_DOCX] == [(404, run.served["changed"][GAS_DOCX][0][1], True)]
    assert run.outcomes("changed")[GAS_DOCX] == ("gone", "attachment", 404)
    assert run.results["changed"]["counts"]["withdrawn"] == 2  # the DOCX, and the page the fixture removes
    with run.engine() as engine:
        assert engine.get(docx_id).withdrawn and not engine.get(page_id).withdrawn


def test_the_crawl_state_remembers_each_page_s_attachment_links(defined):
    page = defined.state(PAGE)
    assert page.attachment_links == ((defined.base + PLAN_PDF, "附件1：厦门市2024年重点项目建设计划表.pdf"),)
    assert defined.state("/xxgk/zfxxgk/202403/t20240311_2835507.htm").attachment_links == ()  # a page without any
    assert defined.state(PLAN_PDF).attachment_links == ()  # a file remembers none


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request, tmp_path) -> str:
    """The database made before Alembic (tests/fixtures/db_v1, revision-less: every migration runs on it)."""
    if request.param == "sqlite":
        path = tmp_path / "data" / "gongkai.sqlite3"
        path.parent.mkdir(parents=True)
        shutil.copyfile(OLD_DATABASE / "gongkai.sqlite3", path)
        return f"sqlite:///{path}"
    import psycopg

    url = request.getfixturevalue("pg_database")
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute((OLD_DATABASE / "postgresql.sql").read_text(encoding="utf-8"))
    return url


def test_the_upgrade_fills_the_links_from_what_the_crawl_state_knew(old_database, tmp_path):
    """Migration 0004 on a database made before it: each page gets the attachments whose parent_url names it."""
    url = old_database
    page, pdf, docx = "https://fgw.xm.gov.cn/xxgk/t1.htm", "https://fgw.xm.gov.cn/xxgk/P1.pdf", "https://fgw.xm.gov.cn/xxgk/P2.docx"
    raw = create_engine(url)
    with raw.begin() as conn:
        for key, address, role, parent, seen in (("//fgw.xm.gov.cn/xxgk/t1.htm", page, "detail", "", datetime(2026, 1, 1, 8, 0, 0)),
                                                 ("//fgw.xm.gov.cn/xxgk/P2.docx", docx, "attachment", page, datetime(2026, 1, 1, 8, 0, 2)),
                                                 ("//fgw.xm.gov.cn/xxgk/P1.pdf", pdf, "attachment", page, datetime(2026, 1, 1, 8, 0, 1))):
            conn.execute(text("INSERT INTO crawl_pages (url_key, site, url, role, parent_url, etag, last_modified, content_sha256, "
                              "record_ids, last_status, last_outcome, first_seen, last_checked) VALUES (:key, 'xm-fgw', :url, :role, "
                              ":parent, '', '', '', 'r1', 200, 'new', :seen, :seen)"),
                         {"key": key, "url": address, "role": role, "parent": parent, "seen": seen})
    raw.dispose()
    Store(url, tmp_path / "raw").close()  # opening upgrades
    state = CrawlState(url)
    assert state.get(page).attachment_links == ((pdf, ""), (docx, ""))  # in the order they were first seen
    assert state.get(pdf).attachment_links == ()
    raw = create_engine(url)
    with raw.connect() as conn:
        stored = dict(conn.execute(text("SELECT url, attachment_links FROM crawl_pages")).all())
    raw.dispose()
    assert json.loads(stored[page]) == [[pdf, ""], [docx, ""]] and stored[pdf] == ""
