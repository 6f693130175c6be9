"""XLSX attachments (名单, 项目表, 明细: what agencies attach most after PDF and Word) are read like .xls: each row a
line of its cells (one space apart once the body is cleaned), the sheet's title row the title. They were listed among the files no format reads: kept out of
the crawl, quarantined as "unsupported format" by the drop folder. The files are written by openpyxl, as Excel and
WPS write them (shared strings, numbers, dates, a title row merged across the table, two sheets)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from gongkai.engine import Engine
from gongkai.parsers import Capture, CorruptFile, detect_type, parse
from gongkai.parsers.registry import attachment_extensions
from gongkai.search_types import SearchRequest

TITLE = "2024年度厦门市重点建设项目名单"


def _workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "在建项目"
    sheet.append([TITLE])
    sheet.merge_cells("A1:E1")
    sheet.append(["序号", "项目名称", "建设单位", "总投资（万元）", "开工日期"])
    sheet.append([1, "厦门新体育中心配套道路工程", "厦门路桥建设集团有限公司", 125000, date(2024, 3, 1)])
    sheet.append([2, "翔安机场快速路", "厦门市政集团有限公司", 86000.5, date(2024, 5, 20)])
    other = book.create_sheet("预备项目")
    other.append(["序号", "项目名称"])
    other.append([1, "集美新城中学扩建工程"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_becomes_lines_of_cells_with_its_title_row() -> None:
    data = _workbook()
    capture = Capture(data=data, filename="2024zdxm.xlsx")
    assert detect_type(capture) == "xlsx"
    record = parse(capture)
    assert record.title == TITLE
    lines = record.body.split("\n")
    assert "1 厦门新体育中心配套道路工程 厦门路桥建设集团有限公司 125000 2024-03-01" in lines
    assert "2 翔安机场快速路 厦门市政集团有限公司 86000.5 2024-05-20" in lines
    assert "1 集美新城中学扩建工程" in lines  # the second sheet too


def test_an_xlsx_is_told_from_a_docx_by_its_contents_not_its_name() -> None:
    assert detect_type(Capture(data=_workbook(), filename="名单.docx")) == "xlsx"
    assert detect_type(Capture(data=_workbook(), filename="", content_type="application/octet-stream")) == "xlsx"


def test_a_broken_xlsx_is_a_corrupt_file_with_its_reason() -> None:
    data = _workbook()
    with pytest.raises(CorruptFile, match="xlsx"):
        parse(Capture(data=data[: len(data) // 2] + data[-2000:], filename="broken.xlsx"))
    # a zip bomb dressed as a workbook is refused by the archive checks before anything is unzipped
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 300_000_000)
    with pytest.raises(CorruptFile):
        parse(Capture(data=bomb.getvalue(), filename="bomb.xlsx"))


def test_spiders_and_pages_take_xlsx_links_as_attachments() -> None:
    assert "xlsx" in attachment_extensions()
    page = ('<html><head><meta charset="utf-8"><title>关于公布2024年度重点建设项目的通知</title></head><body>'
            '<div class="TRS_Editor"><p>现将2024年度重点建设项目名单予以公布。</p>'
            '<p>附件：<a href="/files/2024zdxm.xlsx">2024年度重点建设项目名单.xlsx</a></p></div></body></html>')
    record = parse(Capture(data=page.encode(), url="http://www.xm.gov.cn/zwgk/a.html", content_type="text/html"))
    assert [a.url for a in record.attachments] == ["http://www.xm.gov.cn/files/2024zdxm.xlsx"]


def test_an_xlsx_in_the_drop_folder_is_stored_and_found(settings, tmp_path: Path) -> None:
    path = tmp_path / "2024zdxm.xlsx"
    path.write_bytes(_workbook())
    engine = Engine(settings)
    try:
        report = engine.ingest_paths([path])
        assert dict(report.counts).get("new") == 1, report.counts
        hits = engine.search(SearchRequest(q="翔安机场快速路")).hits
        assert [hit.title for hit in hits] == [TITLE]
    finally:
        engine.close()
