"""A record's kept original file, for the reader to open or download (/documents/{id}/original), and its
attachments' own pages here.

Served by the bytes' type, never by a name or a claimed content type: PDF and images inline (a scan read by OCR,
a PDF an agency pushed), Office files as a download named after the record. Kept HTML and text are never
served: a page is shown by its record page, and a kept page served from our origin could run its scripts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from gongkai.document_files import document_file_suffixes, served_file
from gongkai.record import Record, canonical_url
from gongkai.uris import uri

if TYPE_CHECKING:
    from gongkai.engine import Engine


@dataclass(frozen=True)
class Original:
    data: bytes
    media_type: str
    label: str  # how the page names it: PDF, Word, Excel, 图片
    extension: str
    inline: bool  # opened in the browser (PDF, images), else downloaded
    sha256: str = ""  # the kept capture's (its bytes'): the strong ETag of byte ranges (web/ranges.py)


def kind_of(data: bytes, filename: str = "") -> tuple[str, str, str, bool] | None:
    """(media type, label, extension, inline) of bytes that may be served, else None (HTML, text, unknown): the
    registry's reading of them (gongkai.document_files)."""
    served = served_file(data, filename)
    return (served.media_type, served.label, served.extension, served.inline) if served else None


def original_of(engine: Engine, record: Record) -> Original | None:
    """The newest kept capture of a record when it is a file that may be served; else None."""
    from gongkai.errors import StoreError

    shas = engine.store.captures_of(record.id)
    try:
        kept = engine.store.get_capture(shas[-1]) if shas else None
    except StoreError:  # the kept file is missing or altered: nothing to show, never a 500
        kept = None
    if kept is None:
        return None
    data, info = kept
    kind = kind_of(data, str((info.get("meta") or {}).get("filename") or info.get("url") or ""))
    return Original(data, *kind, sha256=info["sha256"]) if kind else None


def sent_as_stored() -> tuple[str, ...]:
    """The media types an original may be served as, for GZip to leave alone: byte ranges (web/ranges.py) count the
    stored bytes, so the whole answer must be those bytes too (PDFs and pictures are compressed already)."""
    from gongkai.document_files import served_media_types

    return served_media_types()


#: The sources of records fetched from their URL (a crawled site, a polled feed): any other was handed over as a file
#: (pushed, dropped, ingested), whatever URL its sidecar, catalogue line or metadata gave it (feeds/push.py's rule too).
FETCHED_SOURCES = ("site:", "feed:")


def may_have_original(record: Record) -> bool:
    """Whether the record page looks for a kept original (reading and checking the file): a file handed over (pushed,
    dropped, ingested), with or without a link to where it was published, or a crawled one whose URL names a file
    format (a crawled web page's text is the page). Notices are cut from a column; a scan read by OCR always links its
    original (the OCR note), unread."""
    if record.ocr or record.kind == "notice":
        return False
    # handed over with a catalogue's or sidecar's 原文链接, the agency's article page (newuser4, session 22): the file
    # the clerk sent was not linked, its URL naming no file format
    if not record.url or not record.source.startswith(FETCHED_SOURCES):
        return True
    # a crawled URL naming a document file format (the registry's): its kept copy is looked for (agencies move and
    # delete files); kind_of decides which of them are served
    return urlsplit(record.url).path.lower().endswith(document_file_suffixes())


def disposition(original: Original, record: Record) -> str:
    """inline, or attachment named after the record (RFC 6266/5987: the Chinese title percent-encoded)."""
    if original.inline:
        return "inline"
    stem = "".join(ch for ch in (record.title or record.id)[:80] if ch not in '\\/:*?"<>|\r\n\t') or record.id
    name = stem + original.extension
    return f"attachment; filename=\"{record.id}{original.extension}\"; filename*=UTF-8''{quote(name)}"


def attachment_pages(engine: Engine, record: Record) -> dict[str, str]:
    """Attachment URL -> the id of its own record here, for the attachments that are held (and not withdrawn).
    A crawled attachment's id is made from its URL (gongkai.record.derive_id), so no search is needed."""
    found: dict[str, str] = {}
    for attachment in record.attachments:
        if not attachment.url or attachment.url in found:
            continue
        # The page keeps the link as its HTML wrote it (附件/实施方案 2018.pdf); the crawler fetched, and the attachment's
        # record keeps, the URI a client sends (%E9%99%84…): both spellings are asked.
        for spelling in dict.fromkeys((attachment.url, uri(attachment.url), unquote(attachment.url))):
            candidate = hashlib.sha256(("url:" + canonical_url(spelling)).encode("utf-8")).hexdigest()[:20]
            held: Any = engine.get(candidate) if candidate != record.id else None
            if held is not None and not held.withdrawn:
                found[attachment.url] = candidate
                break
    return found
