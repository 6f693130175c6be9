"""Parsers: raw captures (HTML pages, PDF, DOCX, text, notice columns) to Records.

    from gongkai.parsers import Capture, parse, parse_notices, parse_many, detect_type

`parse` turns one document into one Record, `parse_notices` a newspaper notice column into one
Record per notice, `parse_many` spreads captures over processes with a per-item timeout. Every
failure is a ParseError (see `capture.py`) with a one-line reason; nothing else escapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from gongkai.parsers.build import build_record
from gongkai.parsers.capture import (
    Capture,
    CorruptFile,
    EmptyDocument,
    EncodingError,
    FileTooLarge,
    ParseError,
    ParseTimeout,
    UnsupportedFormat,
)
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.error_pages import passing_error_page
from gongkai.parsers.registry import by_name, detect
from gongkai.record import Record
from gongkai.settings import ParserSettings

__all__ = [
    "Capture",
    "CorruptFile",
    "EmptyDocument",
    "EncodingError",
    "ExtractedDocument",
    "FileTooLarge",
    "ParseError",
    "ParseTimeout",
    "UnsupportedFormat",
    "detect_type",
    "extract",
    "parse",
    "parse_file",
    "parse_many",
    "parse_notices",
    "parse_notices_each",
    "parse_records",
    "passing_error_page",
    "resolve_settings",
]


def resolve_settings(settings: Any = None) -> ParserSettings:
    """ParserSettings from None (defaults), a ParserSettings, or the whole Settings object."""
    if settings is None:
        return ParserSettings()
    if isinstance(settings, ParserSettings):
        return settings
    parsers = getattr(settings, "parsers", None)
    if isinstance(parsers, ParserSettings):
        return parsers
    raise TypeError(f"expected ParserSettings or Settings, got {type(settings).__name__}")


def detect_type(capture: Capture) -> str:
    """"html" | "pdf" | "docx" | "text" | "jsonl" | "doc" | "wps" | "xls" | "unknown":
    by magic bytes/content, then content type, then extension."""
    return detect(capture)


def _check_size(capture: Capture, settings: ParserSettings) -> None:
    if len(capture.data) > settings.max_file_bytes:
        raise FileTooLarge(
            f"{capture.describe()} is {len(capture.data)} bytes, over settings.parsers.max_file_bytes={settings.max_file_bytes}"
        )


def unpacked(capture: Capture, settings: ParserSettings) -> Capture:
    """The document a gzip capture holds (`report.pdf.gz`: gzip by its first bytes), named without `.gz`; others as they
    are. Every door parses through here (drop folder, `gongkai ingest`, push, retry, reparse), so the compressed bytes
    stay the raw capture and a reparse unpacks them again. It was `unsupported format: unknown` (session 12's gap)."""
    from gongkai.parsers.archive import GZIP_MAGIC, gunzip_document

    if not capture.data.startswith(GZIP_MAGIC):
        _refuse_tar(capture)
        return capture
    _check_size(capture, settings)
    name = capture.describe()
    data = gunzip_document(capture.data, settings, name)
    inner = capture.filename[:-3] if capture.filename.lower().endswith(".gz") else capture.filename
    # the HTTP type named the gzip, not what it holds: the parsers sniff the unpacked bytes and the inner name instead
    inner_capture = replace(capture, data=data, filename=inner, content_type="")
    _refuse_tar(inner_capture)
    return inner_capture


def _refuse_tar(capture: Capture) -> None:
    """A tar archive (材料.tar.gz, a Linux server's or a Mac's archive of a folder) is refused whole: the PDF parser read the
    first member's bytes inside it as the document and the members after it were lost without a word (review s13).
    So are the archives and compressed streams no reader unpacks (RAR, common on Chinese office PCs; 7-Zip; xz; bzip2),
    with the same advice: they were `unsupported format: unknown (… starts with b'Rar!…')`, which says nothing to a clerk
    (doors6)."""
    kind = "a tar archive" if capture.data[257:263] in (b"ustar\x00", b"ustar ") else next(  # a POSIX or GNU tar header's magic
        (kind for magic, kind in _ARCHIVE_MAGICS if capture.data.startswith(magic)), None)
    if kind == "a bzip2 stream" and capture.data[4:10] != b"1AY&SY":  # BZh then a level digit, then the block magic
        kind = None
    if kind:
        raise UnsupportedFormat(f"unsupported format: {kind} ({capture.describe()}): send its files one by one or as "
                                "a zip (压缩包请用 zip 格式，或逐个发送文件)")


_ARCHIVE_MAGICS = ((b"Rar!\x1a\x07", "a RAR archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"\xfd7zXZ\x00", "an xz stream"),
                   (b"BZh", "a bzip2 stream"))


def extract(capture: Capture, settings: ParserSettings | None = None) -> ExtractedDocument:
    """Text, raw metadata, attachments and page count of one capture, before normalisation."""
    settings = resolve_settings(settings)
    capture = unpacked(capture, settings)
    _check_size(capture, settings)
    if not capture.data.strip():
        raise EmptyDocument(f"{capture.describe()} is empty ({len(capture.data)} bytes)")
    kind = detect_type(capture)
    if kind == "unknown":
        what = capture.content_type or capture.filename or "no content type or name"
        raise UnsupportedFormat(f"unsupported format: unknown ({what}; starts with {capture.data[:8]!r})")
    try:
        return by_name(kind).extract(capture, settings)
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - a parser bug or a library choking on odd input: report it, never crash the caller
        raise CorruptFile(f"{kind} parser failed on {capture.describe()}: {type(exc).__name__}: {exc}") from None


def parse(capture: Capture, settings: ParserSettings | None = None) -> Record:
    """One document -> one Record; raises ParseError with a clear reason."""
    settings = resolve_settings(settings)
    capture = unpacked(capture, settings)
    if detect_type(capture) == "jsonl":
        records = list(parse_records(capture, settings))
        if len(records) == 1:
            if isinstance(records[0], ParseError):
                raise records[0]
            return records[0]
        raise ParseError(f"{capture.describe()} holds {len(records)} records: read it with parse_records")
    document = extract(capture, settings)
    try:
        return build_record(capture, document, settings)
    except ParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure building the record is that document's parse error
        raise ParseError(f"cannot build a record from {capture.describe()}: {type(exc).__name__}: {exc}") from None


def parse_file(path: Any, settings: ParserSettings | None = None, source: str = "file") -> Record:
    """Read a file (refused unread when over max_file_bytes; NAME.json sidecar applied) and parse it."""
    settings = resolve_settings(settings)
    return parse(Capture.from_path(path, max_bytes=settings.max_file_bytes, source=source), settings)


def parse_records(capture: Capture, settings: ParserSettings | None = None) -> Iterator[Record | ParseError]:
    """A JSONL file of Records (the interchange format): each line a Record or a ParseError naming the line."""
    from gongkai.parsers.formats.jsonl import iter_records

    _check_size(capture, resolve_settings(settings))
    yield from iter_records(capture)


def parse_notices(capture: Capture, settings: ParserSettings | None = None) -> list[Record]:
    """A notice column (text or HTML) -> one Record per notice (kind="notice", notice_type, notice={...})."""
    from gongkai.parsers.notices import parse_notice_column

    settings = resolve_settings(settings)
    return parse_notice_column(unpacked(capture, settings), settings)


def parse_notices_each(capture: Capture, settings: ParserSettings | None = None) -> list[Record | ParseError]:
    """Like parse_notices, but one result per notice: a bad notice is its own ParseError, the others still come."""
    from gongkai.parsers.notices import parse_notice_blocks

    settings = resolve_settings(settings)
    return parse_notice_blocks(unpacked(capture, settings), settings)


def parse_many(captures, settings: ParserSettings | None = None, workers: int = 0, notices: bool = False, fork_server: bool = False):
    """Parse captures over a process pool, each under settings.timeout_seconds; yields (capture, Record | ParseError)
    in completion order. One bad or hanging item never stops the others. notices=True: each capture is a
    notice column and its result is the list parse_notices_each gives (or one ParseError if it overran).
    fork_server=True: for callers in threaded servers (workers forked by a clean fork server)."""
    from gongkai.parsers.pool import parse_many as _parse_many

    return _parse_many(captures, resolve_settings(settings), workers=workers, notices=notices, fork_server=fork_server)
