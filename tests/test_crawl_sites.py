"""Crawl the three fixture agency sites with real Scrapy over real HTTP on 127.0.0.1, three times:
first crawl, re-crawl of the unchanged sites, re-crawl after one page per site changed and one
disappeared. Each crawl runs in its own process (the Twisted reactor starts once per process);
the store and the index are then read here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.crawlers.child_process import run_in_subprocess
from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.crawlers.state import CrawlState
from gongkai.engine import Engine
from gongkai.indexer.models import SearchRequest
from gongkai.settings import load_settings

# Each crawl runs in a child process against the fixture sites on 127.0.0.1: seconds, not milliseconds.
pytestmark = pytest.mark.slow

SITES = ["xm-fgw", "xm-zrzy", "sm-gov"]
FGW_CHANGED = "/xxgk/zfxxgk/202404/t20240418_2843190.htm"
FGW_REMOVED = "/xxgk/zfxxgk/202403/t20240326_2839011.htm"
ZRZY_CHANGED = "/zwgk/gsgg/202404/t20240403_1027.html"
ZRZY_GONE = "/zwgk/gsgg/202402/t20240220_1005.html"
#: The edited phrase is quoted: unquoted, a phrase no record holds any more gets a relaxed answer (issue 14).
QUERIES = ('"自查报告报送时间延长"', "服务业发展引导资金", "不动产登记 一件事", "节能监察")


class Crawls:
    """The fixture sites, one data directory, and the results of the three crawls."""

    def __init__(self, data_dir: Path, sites: FixtureSites) -> None:
        self.data_dir, self.sites = data_dir, sites
        self.results: dict[str, dict[str, dict]] = {}
        self.downloads: dict[str, list] = {}
        self.snapshots: dict[str, dict[str, int]] = {}  # label -> {record id: version}
        self.records: dict[str, dict] = {}  # label -> {record id: Record} as stored after that crawl
        self.hits: dict[str, dict[str, list[str]]] = {}  # label -> {query: hit ids} after that crawl

    def crawl(self, label: str, *extra: str) -> None:
        self.sites.clear_log()
        args = ["--sites-dir", str(fixture_sites_dir()), "--backoff", "0.2", "--timeout", "10"]
        for name, url in self.sites.base_urls.items():
            args += ["--base-url", f"{name}={url}"]
        results = run_in_subprocess([*args, *extra, *SITES], self.data_dir)
        self.results[label] = {r["site"]: r["counts"] for r in results}
        self.downloads[label] = self.sites.requests()
        with self.engine() as engine:
            self.records[label] = {r.id: r for r in engine.export()}
            self.snapshots[label] = {rid: r.version for rid, r in self.records[label].items()}
            self.hits[label] = {q: [h.id for h in engine.search(SearchRequest(q=q)).hits] for q in QUERIES}

    def engine(self) -> _EngineContext:
        return _EngineContext(self.data_dir)

    def url(self, site: str, path: str) -> str:
        return self.sites.base_urls[site] + path


class _EngineContext:
    def __init__(self, data_dir: Path) -> None:
        self.engine = Engine(load_settings(data_dir=data_dir))

    def __enter__(self) -> Engine:
        return self.engine

    def __exit__(self, *_exc: object) -> None:
        self.engine.close()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    sites = FixtureSites.from_folder(fixture_sites_dir(), names=SITES, slow_seconds=1.0)
    sites.start()
    try:
        runs = Crawls(tmp_path_factory.mktemp("crawl") / "data", sites)
        runs.crawl("first")
        runs.crawl("again")
        sites.switch("changed")
        runs.crawl("changed")
        sites.switch("initial")  # the agency undoes both: the edit is reverted, the removed page is back
        runs.crawl("restored")
        yield runs
    finally:
        sites.stop()


def record_id_of(crawls: Crawls, site: str, path: str) -> str:
    state = CrawlState(load_settings(data_dir=crawls.data_dir).resolved_database_url)
    try:
        page = state.get(crawls.url(site, path))
    finally:
        state.close()
    assert page is not None and len(page.record_ids) == 1, page
    return page.record_ids[0]


def test_first_crawl_stores_every_document_and_attachment(crawls):
    fgw, zrzy, sm = (crawls.results["first"][s] for s in SITES)
    # xm-fgw: 7 detail pages + 3 attachments (2 PDF, 1 DOCX); the broken link is a 404 and the crawl goes on.
    assert (fgw["new"], fgw["quarantined"], fgw["errors"]) == (10, 0, {"http_404": 1})
    assert fgw["list_pages"] == 3
    # xm-zrzy (GBK): 5 detail pages; its PDF attachment is corrupt: quarantined, nothing lost.
    assert (zrzy["new"], zrzy["quarantined"], zrzy["errors"]) == (5, 1, {})
    assert (sm["new"], sm["errors"]) == (3, {})
    assert len(crawls.snapshots["first"]) == 18


def test_records_carry_the_metadata_of_each_layout(crawls):
    with crawls.engine() as engine:
        table = engine.get(record_id_of(crawls, "xm-fgw", "/xxgk/zfxxgk/202405/t20240506_2849101.htm"))
        gbk = engine.get(record_id_of(crawls, "xm-zrzy", "/zwgk/gsgg/202404/t20240412_1032.html"))
        dl = engine.get(record_id_of(crawls, "sm-gov", "/zfxxgk/2024/content_81301.html"))
    assert table.title == "厦门市发展和改革委员会关于印发《厦门市2024年重点项目建设计划》的通知"
    assert (table.doc_number, table.index_number, table.issuer) == ("厦发改〔2024〕52号", "XM00111-0200-2024-00052", "厦门市发展和改革委员会")
    assert table.source == "site:xm-fgw" and str(table.publish_date) == "2024-05-08"
    assert [a.name for a in table.attachments] == ["厦门市2024年重点项目建设计划表.pdf"]
    # The GBK page decoded: Chinese text intact, fields from the label list.
    assert gbk.title.startswith("厦门市自然资源和规划局关于翔安区新店街道2024P03地块")
    assert (gbk.doc_number, gbk.issuer) == ("厦资源规划告〔2024〕31号", "厦门市自然资源和规划局")
    assert "洪钟大道与翔安北路交叉口" in gbk.body
    # The <dl> layout with the site's own labels (label_overrides): 公开单位, 成文时间.
    assert (dl.issuer, str(dl.written_date), dl.doc_number) == ("厦门市思明区人民政府办公室", "2024-04-22", "厦思政办〔2024〕19号")


def test_attachments_are_records_linked_to_their_page(crawls):
    pdf_url = crawls.url("xm-fgw", "/xxgk/zfxxgk/202405/P020240508391028453215.pdf")
    docx_url = crawls.url("xm-fgw", "/xxgk/zfxxgk/202404/P020240430512736184012.docx")
    state = CrawlState(load_settings(data_dir=crawls.data_dir).resolved_database_url)
    try:
        pdf_state, docx_state = state.get(pdf_url), state.get(docx_url)
    finally:
        state.close()
    assert pdf_state.role == "attachment" and docx_state.role == "attachment"
    with crawls.engine() as engine:
        pdf = engine.get(pdf_state.record_ids[0])
        docx = engine.get(docx_state.record_ids[0])
        hits = engine.search(SearchRequest(q="天马第8.6代新型显示面板")).hits
    assert pdf.title == "厦门市2024年重点项目建设计划表" and "中创新航厦门基地二期项目" in pdf.body
    assert docx.title == "厦门市居民生活用天然气阶梯价格表" and "每立方米3.37元" in docx.body
    assert pdf.id in [hit.id for hit in hits]


def test_corrupt_attachment_is_quarantined_with_its_bytes(crawls):
    with crawls.engine() as engine:
        entries = engine.store.quarantine_list()
        assert len(entries) == 1
        entry = entries[0]
        assert entry["input_ref"].endswith("/P020240412338170523610.pdf") and "corrupt" in entry["reason"]
        kept = engine.store.get_capture(entry["capture_sha256"])
    assert kept is not None and kept[0].startswith(b"%PDF-1.4")


def test_robots_txt_is_obeyed_and_the_slow_and_flaky_pages_arrive(crawls):
    first = crawls.downloads["first"]
    assert not [r for r in first if r.path.startswith("/admin/")]
    assert ("/robots.txt", 200) in [(r.path, r.status) for r in first if r.site == "xm-fgw"]
    flaky = [r.status for r in first if r.path == "/xxgk/zfxxgk/202401/t20240115_2826733.htm"]
    assert flaky == [503, 503, 200]  # retried with backoff, then stored
    with crawls.engine() as engine:
        assert engine.search(SearchRequest(q="政府信息公开工作年度报告")).total >= 1
        assert engine.search(SearchRequest(q="春季粮油市场供应")).total == 1  # the slow page


def test_recrawl_of_unchanged_sites_downloads_little_and_stores_nothing(crawls):
    assert crawls.snapshots["again"] == crawls.snapshots["first"]  # no new record, no new version
    for site in SITES:
        counts = crawls.results["again"][site]
        assert (counts["new"], counts["changed"], counts["withdrawn"], counts["quarantined"]) == (0, 0, 0, 0), site
    fgw, zrzy, sm = (crawls.results["again"][s] for s in SITES)
    assert fgw["not_modified"] == 10 and fgw["unchanged"] == 10  # ETag: 7 pages and, asked again, their 3 attachments
    assert zrzy["not_modified"] == 6  # Last-Modified only: 5 pages and the corrupt PDF
    assert sm["same_hash"] == 3 and sm["not_modified"] == 0  # no validators: body hash
    first_bytes = sum(r.bytes for r in crawls.downloads["first"])
    again_bytes = sum(r.bytes for r in crawls.downloads["again"])
    assert again_bytes < 0.35 * first_bytes  # list pages and the validator-less site only
    # The attachments of the unchanged pages are asked again (a file may be replaced at its URL): 304, no bytes.
    attachments = [(r.status, r.bytes, r.conditional) for r in crawls.downloads["again"] if r.path.endswith((".pdf", ".docx"))]
    assert attachments == [(304, 0, True)] * 4


def test_changed_page_makes_version_2(crawls):
    fgw, zrzy = crawls.results["changed"]["xm-fgw"], crawls.results["changed"]["xm-zrzy"]
    # xm-fgw: the edited page, and the plan's PDF replaced under its unchanged page (tests/test_crawl_attachments.py)
    assert (fgw["changed"], fgw["new"]) == (2, 0) and (zrzy["changed"], zrzy["new"]) == (1, 0)
    record_id = record_id_of(crawls, "xm-fgw", FGW_CHANGED)
    with crawls.engine() as engine:
        versions = engine.versions(record_id)[:2]  # a later crawl reverts the edit: version 3
        gbk_versions = engine.versions(record_id_of(crawls, "xm-zrzy", ZRZY_CHANGED))[:2]
    assert [v.version for v in versions] == [1, 2]
    assert "2024年5月31日" in versions[0].body and "2024年6月28日" in versions[1].body
    assert crawls.records["changed"][record_id].version == 2
    assert crawls.hits["changed"]['"自查报告报送时间延长"'] == [record_id]
    assert crawls.hits["again"]['"自查报告报送时间延长"'] == []
    assert [v.version for v in gbk_versions] == [1, 2] and "共45日" in gbk_versions[1].body
    changed_ids = {rid for rid, version in crawls.snapshots["changed"].items() if version != crawls.snapshots["again"].get(rid)}
    assert len(changed_ids) == 3


def test_disappeared_pages_are_withdrawn_kept_and_hidden(crawls):
    assert crawls.results["changed"]["xm-fgw"]["withdrawn"] == 1  # 404
    assert crawls.results["changed"]["xm-zrzy"]["withdrawn"] == 1  # 410
    removed = record_id_of(crawls, "xm-fgw", FGW_REMOVED)
    gone = record_id_of(crawls, "xm-zrzy", ZRZY_GONE)
    after = crawls.records["changed"]
    for record_id in (removed, gone):
        assert after[record_id].withdrawn and not crawls.records["again"][record_id].withdrawn  # kept, marked
    assert removed in crawls.hits["again"]["服务业发展引导资金"] and removed not in crawls.hits["changed"]["服务业发展引导资金"]
    assert gone in crawls.hits["again"]["不动产登记 一件事"] and gone not in crawls.hits["changed"]["不动产登记 一件事"]
    assert crawls.hits["changed"]["节能监察"]  # the rest is still there


def test_run_statistics_are_persisted_per_run_and_site(crawls):
    state = CrawlState(load_settings(data_dir=crawls.data_dir).resolved_database_url)
    try:
        runs = state.runs("xm-fgw")
        page_counts = state.page_counts("xm-fgw")
        untouched = state.get(crawls.url("xm-fgw", "/xxgk/zfxxgk/202405/t20240506_2849101.htm"))
    finally:
        state.close()
    assert [r["counts"]["new"] for r in runs] == [0, 0, 0, 10]  # newest first
    assert runs[1]["counts"]["withdrawn"] == 1 and runs[0]["finished_at"] is not None
    assert len({r["run_id"] for r in runs}) == 4
    assert page_counts["updated"] == 3 and page_counts["error"] == 1  # the edited page, the PDF replaced and put back
    # An unchanged page: checked again (304), its validators and record kept for the next crawl.
    assert (untouched.last_status, untouched.last_outcome) == (304, "unchanged")
    assert untouched.etag.startswith('"') and len(untouched.record_ids) == 1


def test_a_page_that_comes_back_is_restored_and_a_reverted_edit_is_a_new_version(crawls):
    fgw = crawls.results["restored"]["xm-fgw"]
    assert (fgw["changed"], fgw["new"], fgw["withdrawn"]) == (3, 0, 0)  # the page back, the edit and the PDF reverted
    removed = record_id_of(crawls, "xm-fgw", FGW_REMOVED)
    edited = record_id_of(crawls, "xm-fgw", FGW_CHANGED)
    assert not crawls.records["restored"][removed].withdrawn
    assert removed in crawls.hits["restored"]["服务业发展引导资金"]
    with crawls.engine() as engine:
        versions = engine.versions(edited)
        reason = engine.store.withdrawn_reason(record_id_of(crawls, "xm-zrzy", ZRZY_GONE))
    assert [v.version for v in versions] == [1, 2, 3] and versions[2].body == versions[0].body
    assert crawls.results["restored"]["xm-zrzy"]["changed"] == 2
    assert not reason  # the 410 page is back too
