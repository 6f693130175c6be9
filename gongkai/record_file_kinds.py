"""Which record file a file is, by its name and first bytes (a JSON Lines, JSON or XML export, gzipped, zipped, UTF-16,
pretty-printed), or None: a document. One rule for `gongkai ingest` (gongkai.inputs), the drop folder (feeds/inbox.py,
gongkai.inbox_layout) and the push (feeds/push.py); a module of its own so that the drop folder's layout and the
inputs do not import each other."""

from __future__ import annotations

import os
from pathlib import Path

from gongkai import compressed
from gongkai.compressed import GZIP_MAGIC, inner_name
from gongkai.feed_files import FEED_TAIL_BYTES, is_feed
from gongkai.recordfiles import Kind, kind_of, utf16_of


def _tail(path: Path, head: bytes) -> bytes:
    """The last bytes of a file opening as a JSON object, where a JSON Feed written with sorted keys says its version."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return b""
    with path.open("rb") as handle:
        handle.seek(max(0, os.fstat(handle.fileno()).st_size - FEED_TAIL_BYTES))
        return handle.read(FEED_TAIL_BYTES)


def record_file_kind(path: Path) -> Kind | None:
    """Which record file this is (gongkai.recordfiles.kind_of: by name, and by first bytes for names
    without a record suffix); None: a document. An .xml file is records only by the one XML rule
    (parsers.sidecar.is_xml_record_file: <record>/<records>, or a DTD, refused as unsafe)."""
    from gongkai.parsers.sidecar import is_xml_record_file, looks_like_xml_records

    with path.open("rb") as handle:
        head = handle.read(1024)
    name = path.name
    if head.startswith(b"PK") and compressed.member_zip(path):
        # a zip of record files or documents: iter_record_file reads each record member as its own name says, the
        # documents are parsed by the caller's session (gongkai.compressed.document_captures)
        return "lines"
    if head.startswith(GZIP_MAGIC):  # a compressed export (export.jsonl.gz): the record file it holds (gongkai.compressed)
        name, head = inner_name(name), compressed.head(path)
        kind = kind_of(name, head)
        if kind == "lines" and pretty_printed(head):
            return "json"  # export.jsonl.gz of an indent=2 tool: as its unpacked export.jsonl is read
        # a damaged stream of a record file's name is read (and refused whole, with why) as that record file
        return kind if kind != "xml" or not head or is_xml_record_file(head) else None
    kind = kind_of(name, head)
    if kind in ("xml", "json", None) and is_feed(opening_bytes(head), _tail(path, head)) and not (kind == "xml" and looks_like_xml_records(head)):
        # an RSS/Atom/JSON Feed handed over: its items are records (gongkai.feed_files; doors12), a DOCTYPE of its own
        # judged by the one rule for XML from outside when it is read (gongkai.xml_safety; clients11), as the push does
        return "feed"
    if kind == "xml" and not is_xml_record_file(opening_bytes(head)):  # a UTF-16 file's opening decoded (doors3)
        return None  # an XHTML page: a document
    if kind == "lines" and pretty_printed(head):
        return "json"
    if kind == "json" and not opening_bytes(head).startswith(JSON_OPENINGS) and head.strip():
        return None  # not JSON: a document, and the parsers say what it is
    if kind == "lines" and renamed_document(path, head):
        return None
    return kind


#: how a .json file that is meant as JSON opens: a value, or an export tool's comment before it (`// 导出于…`), or one JSON
#: string (a reply saved as .json). Only these are records (then quarantined with what is wrong: a comment is no JSON, a
#: string no record); other text is a document (an HTML error page saved as .json). A commented or string .json was stored
#: as a text document titled `//导出` (doors5).
JSON_OPENINGS = (b"{", b"[", b"//", b"/*", b'"')


def pretty_printed(head: bytes) -> bool:
    """JSON Lines by its name holding pretty-printed JSON (an export tool's `indent=2` under a .jsonl name): its first
    non-blank line opens a value and closes none (`{` or `[` alone). Read by line, each of its lines was a quarantine
    entry and no record went in (doors3, session 12); the JSON reader takes it (objects one after another, or an array)."""
    first = next((line.strip() for line in opening_bytes(head).splitlines() if line.strip()), b"")
    return first in (b"{", b"[")


#: bytes from a file's end a document's magic may need (a zip's directory, where a DOCX names word/document.xml)
TAIL_BYTES = 65536


def renamed_document(path: Path, head: bytes) -> bool:
    """A document under a record file's name (a PDF renamed .jsonl): `claimed_by_document` of its first and last bytes."""
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(len(head), size - TAIL_BYTES))
        return claimed_by_document(head, handle.read())


def claimed_by_document(head: bytes, tail: bytes) -> bool:
    """Bytes named as records that open as no record and that a document format claims by its magic (`head`: the
    first 1024 bytes, `tail`: up to TAIL_BYTES after them from the end). Read as records, each "line" of a PDF's
    binary was a quarantine entry."""
    if opening_bytes(head).startswith((b"{", b"[")) or not head.strip():
        return False
    from gongkai.parsers.registry import formats

    sample = head + tail
    return any(spec.document and not spec.weak_sniff and spec.sniff(sample) for spec in formats())


def opening_bytes(head: bytes) -> bytes:
    """The first bytes as UTF-8 without a BOM and leading blanks. A UTF-16 file (its BOM: what Windows' Notepad and
    PowerShell's Out-File write) is decoded first: read as bytes, `[` is `[\x00` after FF FE, so a UTF-16 JSON export
    was taken for a document and stored as one record, titled by its file name, its records the body's text (doors3)."""
    if encoding := utf16_of(head[:4]):  # without a BOM too (doors4)
        head = head[: len(head) - len(head) % 2].decode(encoding, errors="ignore").encode("utf-8")
    return head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
