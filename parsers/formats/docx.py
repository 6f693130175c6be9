"""DOCX with python-docx: paragraphs and tables in document order.

A DOCX is a zip: parsers/archive.py checks it (members, sizes, ratios) before python-docx unzips anything.
"""

from __future__ import annotations

import io

from gongkai.parsers.archive import open_checked_zip
from gongkai.parsers.capture import Capture, CorruptFile, EmptyDocument
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.registry import FormatSpec
from gongkai.settings import ParserSettings


def sniff(data: bytes) -> bool:
    # A zip whose directory names word/document.xml (the name sits in the central directory near the end).
    return data[:4] == b"PK\x03\x04" and b"word/document.xml" in data[-65536:] + data[:4096]


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            lines.append("\t".join(cells))
    return lines


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
