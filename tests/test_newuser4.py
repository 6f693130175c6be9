"""newuser4 (session 22): gongkai tried as an agency clerk, a national-platform harvester and a citizen would, following
the README only. A harvester following a search feed's `next` links must reach every record the search matches: the
feed is paged by publish day and records an agency pushed without a publish date (a DOCX or a scan whose date is only
its 成文日期) were never reached (the day pages bound every search by `date_to`, which no undated record passes)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import feedparser
import pytest

from gongkai.record import Record
from tests.support import served_engine

PAGE = 2


def _notice(n: int, day: date | None) -> Record:
    return Record(kind="disclosure", issuer="厦门市财政局", title=f"厦门市财政局关于做好2026年预算公开工作的通知（第{n}批）",
                  body=f"各区财政局：为做好第{n}批预算公开工作，现就有关事项通知如下。", publish_date=day)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    dated = [_notice(n, date(2026, 3, n)) for n in range(1, 6)]  # five days: three pages of two
    undated = [_notice(n, None) for n in range(6, 11)]  # pushed documents with no publish date: more than a page
    with served_engine(tmp_path_factory.mktemp("newuser4") / "data", dated + undated) as (engine, base):
        engine.settings.feeds = engine.settings.feeds.model_copy(update={"public_base_url": base, "atom_entries": PAGE})
        yield engine, base


def _walk(url: str) -> list[feedparser.FeedParserDict]:
    pages, seen = [], set()
    while url:
        assert url not in seen, "a page links back to itself"
        seen.add(url)
        parsed = feedparser.parse(url)
        assert parsed.status == 200 and parsed.bozo == 0, (url, parsed.get("bozo_exception"))
        pages.append(parsed)
        url = next((link.href for link in parsed.feed.links if link.rel == "next"), "")
    return pages


def test_a_search_feed_reaches_its_undated_matches_after_the_dated_ones(served):
    _, base = served
    pages = _walk(base + "/feeds/search.atom?q=%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80")  # q=预算公开
    titles = [entry.title for page in pages for entry in page.entries]
    assert len(titles) == len(set(titles)) == 10, titles  # every match once: it was the five dated ones
    assert titles[:5] == [f"厦门市财政局关于做好2026年预算公开工作的通知（第{n}批）" for n in (5, 4, 3, 2, 1)]  # newest first
    assert all("published" not in entry for page in pages for entry in page.entries[5:])


def test_a_search_feed_of_undated_matches_only_lists_them(served):
    _, base = served
    pages = _walk(base + "/feeds/search.atom?q=%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80&until=undated")
    titles = [entry.title for page in pages for entry in page.entries]
    assert sorted(titles) == sorted(f"厦门市财政局关于做好2026年预算公开工作的通知（第{n}批）" for n in range(6, 11))


# --- a clerk's files with a catalogue: the record page links the file as published ---------------------------------
# A CMS's catalogue (目录.csv, GBK) gives each file its 原文链接: the article page on the agency's site, not the file. The
# record then had a URL, so its page looked for no kept original: a citizen on a phone could not open the PDF or the
# Word file the clerk sent (a pushed or dropped file without a catalogue linked it).

CATALOGUE = (
    "序号,文件名,标题,发布日期,原文链接\r\n"
    "1,国办函71号.docx,国务院办公厅关于印发《政府网站集约化试点工作方案》的通知,2018年10月29日,http://czj.xm.gov.cn/zwgk/zcwj/201810/t20181029_2016.htm\r\n"
    "2,国办函74号.pdf,国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知,2018-11-06,"
    "http://czj.xm.gov.cn/zwgk/zcwj/201811/t20181106_2017.htm\r\n"
)


@pytest.fixture(scope="module")
def catalogued(tmp_path_factory):
    import shutil

    import httpx

    from gongkai.engine import Engine
    from gongkai.settings import load_settings
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread
    from tests.conftest import CORPUS

    root = tmp_path_factory.mktemp("newuser4_catalogue")
    folder = root / "厦门市财政局"
    folder.mkdir()
    files = CORPUS / "pdf_docx" / "govcn_as_files"
    shutil.copy(files / "govcn-5338761.docx", folder / "国办函71号.docx")
    shutil.copy(files / "govcn-5339579.pdf", folder / "国办函74号.pdf")
    (folder / "目录.csv").write_bytes(CATALOGUE.encode("gbk"))
    engine = Engine(load_settings(data_dir=root / "data"))
    results: list = []
    engine.ingest_paths([folder], on_item=results.append)
    ids = {r.input.rsplit("/", 1)[-1]: r.id for r in results if r.id}
    try:
        with serve_in_thread(create_app(engine)) as base_url, httpx.Client(base_url=base_url, timeout=10) as client:
            yield client, ids, files
    finally:
        engine.close()


@pytest.mark.parametrize(("name", "corpus_name", "label"), [("国办函74号.pdf", "govcn-5339579.pdf", "原件（PDF"),
                                                            ("国办函71号.docx", "govcn-5338761.docx", "原件（Word")])
def test_a_catalogued_file_links_its_kept_original_beside_the_agency_page(catalogued, name, corpus_name, label):
    client, ids, files = catalogued
    record_id = ids[name]
    page = client.get(f"/documents/{record_id}")
    assert page.status_code == 200
    assert "http://czj.xm.gov.cn/zwgk/zcwj/" in page.text  # the catalogue's 原文链接 is there
    assert f'href="/documents/{record_id}/original"' in page.text and label in page.text
    original = client.get(f"/documents/{record_id}/original")
    assert original.status_code == 200 and original.content == (files / corpus_name).read_bytes()


# --- a PDF whose text sits in a form XObject --------------------------------------------------------------------------
# The clerk's PDF printed from the agency's page (Chromium; a seal drawn over the signature with a blend mode puts the
# page's text in a transparency group, a form XObject): pdfminer lays out no text inside a figure unless asked, so
# the body was one line with no break, and title, 文号, 发文机关 and 成文日期 were not read (the record was titled by its
# file name). The same documents scanned read all four by OCR.

PRINTED = Path(__file__).parent / "fixtures" / "ocr_scans"


@pytest.mark.parametrize(("name", "expected"), [
    ("joint_caijiao.pdf", ("闽财教〔2025〕7号", "福建省财政厅福建省教育厅关于下达2025年学生资助补助资金预算的通知", date(2025, 2, 20))),
    ("zhangjiao_signer.pdf", ("漳教〔2025〕31号", "漳州市教育局关于做好2025年义务教育招生入学工作的请示", date(2025, 4, 2))),
])
def test_a_pdf_whose_text_is_in_a_form_xobject_is_read_line_by_line(tmp_path, name, expected):
    from gongkai.parsers import Capture, parse
    from gongkai.settings import load_settings

    record = parse(Capture(data=(PRINTED / name).read_bytes(), filename=name), load_settings(data_dir=tmp_path).parsers)
    assert record.ocr is None  # a text layer, read as text
    assert (record.doc_number, record.title, record.written_date) == expected
    assert record.body.count("\n") >= 5
