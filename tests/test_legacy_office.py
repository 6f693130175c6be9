"""Legacy binary office files: .doc and .wps read through Debian's converters (antiword, catdoc), .xls by
python-calamine.

Chinese government sites still publish many attachments as Word 97 .doc, WPS .wps and Excel 97 .xls files. The
real converters run here (`./dev` installs antiword and catdoc); where they are missing these tests skip and say
so, and the file is kept and quarantined as "unsupported format" (test_parse_files.py checks that path).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gongkai.engine import Engine
from gongkai.parsers import Capture, UnsupportedFormat, detect_type, parse
from gongkai.parsers.formats.legacy import converter_for, sheet_lines
from gongkai.search_types import SearchRequest

LEGACY = Path(__file__).parent / "fixtures" / "legacy"
DOC = LEGACY / "guofa-2018-38.doc"
XLS = LEGACY / "outage-table.xls"
LIST_XLS = LEGACY / "first-batch-list.xls"
SHORT_DOC = LEGACY / "short-notice.doc"


def needs(command: str) -> None:
    if shutil.which(command) is None:
        pytest.skip(f"{command} is not installed (Debian package {'catdoc' if command != 'antiword' else 'antiword'}; ./dev installs it)")


def test_a_word_97_doc_is_read_whole_paragraphs_with_its_title_and_doc_number() -> None:
    needs("antiword")
    capture = Capture(data=DOC.read_bytes(), filename="P020181109.doc", url="http://www.gov.cn/zhengce/P020181109.doc")
    assert detect_type(capture) == "doc"
    record = parse(capture)
    assert record.title == "国务院关于支持自由贸易试验区深化改革创新若干措施的通知"
    assert record.doc_number == "国发〔2018〕38号"
    assert record.issuer == "国务院"
    # one paragraph of the original, unbroken: the converter's 80-column wrapping would split 深化改|革
    assert "是党中央、国务院在新形势下全面深化改革和扩大开放的战略举措。" in record.body
    assert "（二）编制下达全国土地利用计划时" in record.body


def test_catdoc_reads_the_same_doc_when_antiword_is_missing(monkeypatch, tmp_path) -> None:
    needs("catdoc")
    # Only catdoc on PATH: the second converter of the list is the one used.
    (tmp_path / "catdoc").symlink_to(shutil.which("catdoc"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert converter_for("doc")[0] == "catdoc"
    record = parse(Capture(data=DOC.read_bytes(), filename="tongzhi.doc"))
    assert record.doc_number == "国发〔2018〕38号"
    assert "全面深化改革和扩大开放的战略举措" in record.body


def test_a_wps_file_is_read_by_catdoc() -> None:
    """WPS Office's .wps is the Word 97 binary format in an OLE2 file (LibreOffice cannot write .wps, so the
    fixture is the .doc's bytes under a .wps name: what catdoc is given is the same either way)."""
    needs("catdoc")
    capture = Capture(data=DOC.read_bytes(), filename="通知.wps")
    assert detect_type(capture) == "wps"
    record = parse(capture)
    assert record.doc_number == "国发〔2018〕38号" and "自由贸易试验区" in record.title


def test_an_excel_97_sheet_becomes_lines_of_cells() -> None:
    capture = Capture(data=XLS.read_bytes(), filename="停电计划.xls")
    assert detect_type(capture) == "xls"
    record = parse(capture)
    lines = record.body.splitlines()
    assert ["思明区湖滨南路188号至266号", "2024年5月8日8:00-18:00"] in [line.split() for line in lines]  # one row, one line
    assert not any('"' in line for line in lines)  # CSV quoting gone


def test_sheet_lines_keeps_cells_with_commas_and_separates_sheets() -> None:
    sheets = [[["区域", "说明"], ["湖里区", "停电，请做好准备"], ["", ""]], [["第二页", ""], [1000.0, 2.5]]]
    assert sheet_lines(sheets) == "区域  说明\n湖里区  停电，请做好准备\n\n第二页\n1000  2.5"


def test_a_sheet_holding_the_commonest_character_is_read_whole() -> None:
    """catdoc's xls2csv turned 一 (U+4E00: its UTF-16 low byte is 0) into "N" and the rest of the cell into
    binary (厦门市思明区2024年第NybßbU_(u), and lost the names of the rows below. The sheet's own title row
    is the record's title, not the header and first rows joined (序号姓名单位金额1张三…)."""
    record = parse(Capture(data=LIST_XLS.read_bytes(), filename="P020240102.xls"))
    assert record.title == "厦门市思明区2024年第一批拟录用人员名单"
    assert ["1", "张三", "厦门市思明区财政局", "1000"] in [line.split() for line in record.body.splitlines()]
    # Without a title row the file's name is the title (a link's text, given as sidecar, still wins).
    assert parse(Capture(data=XLS.read_bytes(), filename="停电计划.xls")).title == "停电计划"


def test_a_broken_sheet_is_a_corrupt_file_kept_with_its_reason() -> None:
    from gongkai.parsers import CorruptFile

    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    with pytest.raises(CorruptFile) as caught:
        parse(Capture(data=data, filename="table.xls"))
    assert "table.xls" in caught.value.reason


def test_a_short_doc_antiword_refuses_is_read_by_catdoc() -> None:
    """antiword gives up on a short .doc ("the text stream of this file is too small to handle"); the file
    was quarantined as corrupt though catdoc, the next converter, reads it."""
    needs("antiword")
    needs("catdoc")
    record = parse(Capture(data=SHORT_DOC.read_bytes(), filename="gongshi.doc"))
    assert record.title == "关于第一批退休人员名单的公示"
    assert "现将第一批退休人员名单公示如下" in record.body


def test_a_doc_that_is_gbk_text_is_read_as_text_not_mojibake() -> None:
    """Sites serve plain text named .doc; catdoc passed it through as Latin-1, so a GBK notice was stored as
    'ÏÃÃÅÊÐ¼¯ÃÀÇø…' (newuser probe, session 12). Without the OLE2 header it is read as the text it is."""
    needs("catdoc")
    text = "厦门市集美区教育局关于公布2026年秋季学期开学时间的通知\n\n各中小学校：秋季学期于9月1日开学。\n"
    for name in ("kaixue.doc", "kaixue.wps"):
        record = parse(Capture(data=text.encode("gbk"), filename=name))
        assert record.title == "厦门市集美区教育局关于公布2026年秋季学期开学时间的通知"
        assert "秋季学期于9月1日开学" in record.body


def test_random_bytes_named_doc_are_a_corrupt_file_not_a_record() -> None:
    """catdoc 'converted' any bytes: random bytes named .doc became a record of junk."""
    from gongkai.parsers import CorruptFile

    needs("catdoc")
    data = bytes((i * 197 + 89) % 256 for i in range(3000))
    with pytest.raises(CorruptFile) as caught:
        parse(Capture(data=data, filename="附件1.doc"))
    assert "附件1.doc" in caught.value.reason


def test_without_converters_the_file_is_unsupported_and_kept(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no converter anywhere
    data = DOC.read_bytes()
    capture = Capture(data=data, filename="old.doc")
    with pytest.raises(UnsupportedFormat) as caught:
        parse(capture)
    assert caught.value.reason == "unsupported format: doc" and capture.data == data


def test_a_doc_in_the_drop_folder_is_stored_and_found(settings, tmp_path) -> None:
    needs("antiword")
    engine = Engine(settings)
    try:
        report = engine.ingest_paths([DOC])
        assert dict(report.counts).get("new") == 1, report.counts
        hits = engine.search(SearchRequest(q="自贸试验区深化改革")).hits
        assert [hit.title for hit in hits] == ["国务院关于支持自由贸易试验区深化改革创新若干措施的通知"]
        assert engine.search(SearchRequest(q="国发[2018]38号")).hits[0].title.startswith("国务院关于支持自由贸易试验区")
    finally:
        engine.close()
