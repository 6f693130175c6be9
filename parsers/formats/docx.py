"""DOCX with python-docx: paragraphs and tables in document order.

A DOCX is a zip: parsers/archive.py checks it (members, sizes, ratios) before python-docx unzips anything.
"""

from __future__ import annotations

import io

from gongkai.parsers.archive import open_checked_zip
from gongkai.parsers.capture import Capture, CorruptFile, EmptyDocument
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.labels import field_for_label, is_unused_label, squeeze
from gongkai.parsers.registry import FormatSpec
from gongkai.settings import ParserSettings


def sniff(data: bytes) -> bool:
    # A zip whose directory names word/document.xml (the name sits in the central directory near the end).
    return data[:4] == b"PK\x03\x04" and b"word/document.xml" in data[-65536:] + data[:4096]


def _label_pairs(rows: list[list[str]]) -> list[str] | None:
    """A metadata table's rows as `label：value` lines, one pair a line: every row's cells alternate a known label (发文单位,
    文号, 有效性 …, as a disclosure card prints them without colons) and a value that is none; None for any other table (a
    catalogue's header row 序号 | 文件名称 | 文号 has labels side by side). Joined with tabs, such a header table gave a
    document's title as all its cells and its 文号 with the label's value before it (fields9)."""
    lines: list[str] = []
    for cells in rows:
        if len(cells) % 2:
            return None
        for label, value in zip(cells[0::2], cells[1::2]):
            if not (field_for_label(label) or is_unused_label(label)) or field_for_label(value) or is_unused_label(value):
                return None
            lines.append(f"{squeeze(label).rstrip('：:')}：{value}")
    return lines or None


def _table_lines(table) -> list[str]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(cells)
    return _label_pairs(rows) or ["\t".join(cells) for cells in rows]


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    name = capture.describe()
    with open_checked_zip(capture.data, settings, name, "docx") as archive:
        if "word/document.xml" not in archive.namelist():
            raise CorruptFile(f"zip has no word/document.xml, not a docx: {name}")
    try:
        document = docx.Document(io.BytesIO(capture.data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises KeyError, XMLSyntaxError, BadZipFile, ...
        raise CorruptFile(f"docx cannot be read: {name} ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
    body = "\n".join(lines)
    if not body.strip():
        raise EmptyDocument(f"docx holds no text: {name}")
    # The core-properties title is often a template's leftover ("Normal", an old title): a hint only.
    core_title = (document.core_properties.title or "").strip()
    return ExtractedDocument(format="docx", body=body, title_hints=[core_title] if core_title else [])


FORMAT = FormatSpec(
    name="docx",
    mime_types=("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    extensions=(".docx",),
    sniff=sniff,
    extract=extract,
    score=70,
    attachment=True,
    crawl_default=True,
    notice_column=True,
)
