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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_box_lines(paragraph) -> list[str]:
    """The lines of the text boxes anchored in a body paragraph (a 文号 or 版头 a template draws in a box: python-docx's
    paragraph text holds none of it, and the document had no 文号, fields10). A box is written twice, as a shape and as
    its VML fallback for old Words: the fallback's copy is skipped."""
    lines: list[str] = []
    for box in paragraph.iter(f"{_W}txbxContent"):
        if any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors()):
            continue
        for inner in box.iter(f"{_W}p"):
            text = "".join(node.text or "" for node in inner.iter(f"{_W}t")).strip()
            if text:
                lines.append(text)
    return lines


def _header_doc_numbers(document) -> list[str]:
    """The 文号 line a template prints in the first page's header (湘交发〔2024〕15号 under the 版头): the document's own,
    put first as a printed page shows it. Only a line that is a 文号: a header's other lines (the agency's name, 内部资料,
    a page number) are no part of the text."""
    from gongkai.parsers.textmeta import is_doc_number_line

    if not document.sections:
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    try:
        paragraphs = [] if header.is_linked_to_previous else header.paragraphs
    except (KeyError, ValueError):  # a header part the package names and does not hold
        return []
    return [text for text in (p.text.strip() for p in paragraphs) if text and is_doc_number_line(text)]


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    name = capture.describe()
    with open_checked_zip(capture.data, settings, name, "docx") as archive:
        if "word/document.xml" not in archive.namelist():
            # a zip of files named .docx (a clerk zipped the day's export and typed the Word file's name): say what it
            # holds and what to do, not only what it lacks (doors8)
            held = [n for n in archive.namelist() if not n.endswith("/")]
            shown = ", ".join(held[:3]) + (f" … ({len(held)} files)" if len(held) > 3 else "")
            raise CorruptFile(f"zip has no word/document.xml, not a docx: {name}"
                              + (f"; it is a zip archive of {shown}: rename it .zip to have them read" if held else ""))
    try:
        document = docx.Document(io.BytesIO(capture.data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises KeyError, XMLSyntaxError, BadZipFile, ...
        raise CorruptFile(f"docx cannot be read: {name} ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(_text_box_lines(child))
            text = Paragraph(child, document).text.strip()
            if text:
                lines.append(text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
    # the header's 文号 unless the text prints it too (a template's header and its body alike)
    lines = [line for line in _header_doc_numbers(document) if line not in lines[:10]] + lines
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
