"""XLSX (Excel 2007+, and WPS saving as .xlsx): the 名单, 项目表 and 明细 that agencies attach, read like .xls.

An XLSX is a zip: parsers/archive.py checks it (members, sizes, ratios) before calamine unzips anything. Its
sheets become text as a .xls's do (parsers/formats/legacy.read_workbook: each row a line of its cells, the
sheet's own title row the title).
"""

from __future__ import annotations

from gongkai.parsers.archive import open_checked_zip
from gongkai.parsers.capture import Capture, CorruptFile
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.formats.legacy import read_workbook
from gongkai.parsers.registry import FormatSpec
from gongkai.settings import ParserSettings


def sniff(data: bytes) -> bool:
    # A zip whose directory names xl/workbook.xml (the name sits in the central directory near the end).
    return data[:4] == b"PK\x03\x04" and b"xl/workbook.xml" in data[-65536:] + data[:4096]


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    name = capture.describe()
    with open_checked_zip(capture.data, settings, name, "xlsx") as archive:
        if "xl/workbook.xml" not in archive.namelist():
            raise CorruptFile(f"zip has no xl/workbook.xml, not an xlsx: {name}")
    return read_workbook(capture, "xlsx")


FORMAT = FormatSpec(
    name="xlsx",
    mime_types=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",),
    extensions=(".xlsx",),
    sniff=sniff,
    extract=extract,
    score=70,
    attachment=True,
    spreadsheet=True,
)
