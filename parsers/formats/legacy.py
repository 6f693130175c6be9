"""Legacy binary office files (.doc, .wps, .xls; OLE2 compound files).

No pure-Python reader handles .doc/.wps well: with a converter on PATH (antiword for .doc, catdoc for
.doc and .wps; Debian's packages, which `./dev` installs) the text is read through it; otherwise
UnsupportedFormat, and the caller keeps the bytes (quarantine) for a later retry once a converter is installed.
.xls is read by python-calamine (calamine, in Rust): catdoc's xls2csv garbles every character whose UTF-16 low
byte is 0 (一 U+4E00 came out as "N", 第一批 as "第Ny" and the rest of the cell as binary).

The converters wrap lines at 80 columns by default; a break inside a Chinese sentence splits a word for
the phrase search, so they are asked for whole paragraphs (antiword -w 0, catdoc -w). A sheet's rows become
lines of cells separated by two spaces, its sheets blank lines.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from gongkai.parsers.capture import Capture, CorruptFile, EmptyDocument, UnsupportedFormat
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.encoding import decode_bytes
from gongkai.parsers.registry import FormatSpec
from gongkai.settings import ParserSettings

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# format -> converter commands to try (the file path is appended); output is text on stdout.
CONVERTERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "doc": (("antiword", "-w", "0", "-m", "UTF-8.txt"), ("catdoc", "-w", "-d", "utf-8")),
    "wps": (("catdoc", "-w", "-d", "utf-8"),),
}


def sniff(data: bytes) -> bool:
    return data[:8] == OLE2_MAGIC


def converters_for(format_name: str) -> list[tuple[str, ...]]:
    """The converters on PATH for a format, in order of preference."""
    return [command for command in CONVERTERS.get(format_name, ()) if shutil.which(command[0])]


def converter_for(format_name: str) -> tuple[str, ...] | None:
    return next(iter(converters_for(format_name)), None)


def _not_ole2(capture: Capture, format_name: str, settings: ParserSettings) -> ExtractedDocument:
    """A .doc/.wps without the OLE2 header is no Word or WPS file, whatever its name says: sites serve plain
    text under that name (GBK as often as not). catdoc passed such bytes through as if Latin-1, so the
    text was stored as mojibake and random bytes as a record of junk: read as text, or refused as corrupt."""
    from gongkai.parsers.formats import text

    if text.sniff(capture.data):
        return text.extract(capture, settings)
    raise CorruptFile(f"not a {format_name} file (no OLE2 header): {capture.describe()}")


def _extract_with(format_name: str):
    def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
        if not sniff(capture.data):
            return _not_ole2(capture, format_name, settings)
        commands = converters_for(format_name)
        if not commands:
            raise UnsupportedFormat(f"unsupported format: {format_name}")
        refusals = []
        # The next converter reads what one refuses: antiword gives up on a short .doc ("the text stream of
        # this file is too small to handle") that catdoc reads.
        for command in commands:
            body, refusal = _convert(command, format_name, capture, settings)
            if refusal is None:
                break
            refusals.append(refusal)
        else:
            raise CorruptFile("; ".join(refusals))
        if not body.strip():
            raise EmptyDocument(f"{format_name} holds no text: {capture.describe()}")
        return ExtractedDocument(format=format_name, body=body)

    return extract


def _convert(command: tuple[str, ...], format_name: str, capture: Capture, settings: ParserSettings) -> tuple[str, str | None]:
    """The converter's text, or why it could not read the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input.{format_name}"
        path.write_bytes(capture.data)
        try:
            done = subprocess.run([*command, str(path)], capture_output=True, timeout=settings.timeout_seconds)
        except subprocess.TimeoutExpired:
            return "", f"{command[0]} did not finish converting {capture.describe()}"
    if done.returncode != 0:
        # the converter names the temporary copy: the reason names the capture instead
        message = done.stderr.decode("utf-8", "replace").replace(str(path), capture.describe()).strip()[:200]
        return "", f"{command[0]} cannot read {capture.describe()}: {message}"
    return decode_bytes(done.stdout)[0], None


def _extract_sheets(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    return read_workbook(capture, "xls")


def read_workbook(capture: Capture, kind: str) -> ExtractedDocument:
    """A spreadsheet's sheets as text and its title, by calamine (which reads .xls, .et and .xlsx alike)."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(capture.data))
        sheets = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
    except (CalamineError, ValueError) as error:
        raise CorruptFile(f"{kind} cannot be read: {capture.describe()}: {str(error)[:200]}") from None
    body = sheet_lines(sheets)
    if not body.strip():
        raise EmptyDocument(f"{kind} holds no text: {capture.describe()}")
    # The title is the sheet's own title row (one cell, often merged across the table), else the file's name:
    # the heading rule of text documents would join the header and first rows (序号姓名单位金额1张三…).
    first = next((cells for rows in sheets for row in rows if (cells := [t for c in row if (t := cell_text(c))])), [])
    title = first[0] if len(first) == 1 else PurePosixPath(capture.filename or "").stem
    return ExtractedDocument(format=kind, body=body, fields={"title": title} if title else {})


def sheet_lines(sheets: list[list[list[Any]]]) -> str:
    """Sheets as text: each row a line of its non-empty cells (two spaces between), sheets apart."""
    texts = []
    for rows in sheets:
        lines = ("  ".join(text for cell in row if (text := cell_text(cell))) for row in rows)
        texts.append("\n".join(line for line in lines if line))
    return "\n\n".join(text for text in texts if text)


def cell_text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # Excel keeps every number as a float: 1000, not 1000.0
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="minutes") if cell.time() != time() else cell.date().isoformat()
    return str(cell).strip()


def _spec(name: str, mime_types: tuple[str, ...], extensions: tuple[str, ...], notice_column: bool,
          extract: Callable[[Capture, ParserSettings], ExtractedDocument] | None = None, spreadsheet: bool = False) -> FormatSpec:
    return FormatSpec(name=name, mime_types=mime_types, extensions=extensions, sniff=sniff, extract=extract or _extract_with(name),
                      score=60, attachment=True, notice_column=notice_column, spreadsheet=spreadsheet)


DOC = _spec("doc", ("application/msword",), (".doc", ".dot"), notice_column=True)
WPS = _spec("wps", ("application/vnd.ms-works", "application/kswps", "application/wps-office.wps"), (".wps",), notice_column=True)
XLS = _spec("xls", ("application/vnd.ms-excel",), (".xls", ".et"), notice_column=False, extract=_extract_sheets, spreadsheet=True)
