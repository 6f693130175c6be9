"""Legacy binary office files (.doc, .wps, .xls; OLE2 compound files).

No pure-Python reader handles them well: with a converter on PATH (antiword for .doc, catdoc for
.doc and .wps, catdoc's xls2csv for .xls; Debian's packages, which `./dev` installs) the text is read
through it; otherwise UnsupportedFormat, and the caller keeps the bytes (quarantine) for a later retry
once a converter is installed.

The converters wrap lines at 80 columns by default; a break inside a Chinese sentence splits a word for
the phrase search, so they are asked for whole paragraphs (antiword -w 0, catdoc -w). xls2csv prints CSV:
its rows become lines of cells separated by two spaces, its sheets (form feeds) blank lines.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

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
    "xls": (("xls2csv", "-d", "utf-8"),),
}


def sniff(data: bytes) -> bool:
    return data[:8] == OLE2_MAGIC


def converter_for(format_name: str) -> tuple[str, ...] | None:
    for command in CONVERTERS.get(format_name, ()):
        if shutil.which(command[0]):
            return command
    return None


def _extract_with(format_name: str):
    def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
        command = converter_for(format_name)
        if command is None:
            raise UnsupportedFormat(f"unsupported format: {format_name}")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input.{format_name}"
            path.write_bytes(capture.data)
            try:
                done = subprocess.run([*command, str(path)], capture_output=True, timeout=settings.timeout_seconds)
            except subprocess.TimeoutExpired:
                raise CorruptFile(f"{command[0]} did not finish converting {capture.describe()}") from None
        if done.returncode != 0:
            # the converter names the temporary copy: the reason names the capture instead
            message = done.stderr.decode("utf-8", "replace").replace(str(path), capture.describe()).strip()[:200]
            raise CorruptFile(f"{command[0]} cannot read {capture.describe()}: {message}")
        body, _ = decode_bytes(done.stdout)
        if format_name == "xls":
            body = sheet_lines(body)
        if not body.strip():
            raise EmptyDocument(f"{format_name} holds no text: {capture.describe()}")
        return ExtractedDocument(format=format_name, body=body)

    return extract


def sheet_lines(csv_text: str) -> str:
    """xls2csv's CSV as text: each row a line of its non-empty cells (two spaces between), sheets apart."""
    sheets = []
    for sheet in csv_text.split("\f"):
        rows = ("  ".join(cell.strip() for cell in row if cell.strip()) for row in csv.reader(io.StringIO(sheet)))
        sheets.append("\n".join(row for row in rows if row))
    return "\n\n".join(sheet for sheet in sheets if sheet)


def _spec(name: str, mime_types: tuple[str, ...], extensions: tuple[str, ...], notice_column: bool) -> FormatSpec:
    return FormatSpec(name=name, mime_types=mime_types, extensions=extensions, sniff=sniff, extract=_extract_with(name),
                      score=60, attachment=True, notice_column=notice_column)


DOC = _spec("doc", ("application/msword",), (".doc", ".dot"), notice_column=True)
WPS = _spec("wps", ("application/vnd.ms-works", "application/kswps", "application/wps-office.wps"), (".wps",), notice_column=True)
XLS = _spec("xls", ("application/vnd.ms-excel",), (".xls", ".et"), notice_column=False)
