"""A browser's single-file web page (`.mht`/`.mhtml`: IE's and old Word's "网页，单个文件", Chrome's "单个文件"): a MIME
message whose text/html part is the page, often quoted-printable in GB2312. Read as the HTML it holds: it was read as
plain text, titled by its file name, its body the page's quoted-printable markup (doors7)."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import re

from gongkai.parsers.capture import Capture, CorruptFile
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.registry import FormatSpec
from gongkai.settings import ParserSettings

_HEADER = re.compile(rb"^(?:from|subject|date|mime-version|content-type|content-location|x-mimeole)\s*:", re.I | re.M)


def sniff(data: bytes) -> bool:
    """MIME headers first, a multipart/related body with an HTML part: no HTML page nor text file opens so."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head.lower()
    return _HEADER.match(head) is not None and b"multipart/related" in lowered and b"text/html" in lowered


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    from gongkai.parsers.formats.html import extract as extract_html

    message = email.message_from_bytes(capture.data, policy=email.policy.compat32)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    html = page.get_payload(decode=True) if page is not None else None
    if not isinstance(html, bytes) or not html.strip():
        raise CorruptFile(f"a saved web page (.mht) holding no HTML page: {capture.filename or 'the file'}")
    charset = page.get_content_charset() if page is not None else None
    content_type = f"text/html; charset={charset}" if charset else "text/html"
    return extract_html(dataclasses.replace(capture, data=html, content_type=content_type), settings)


FORMAT = FormatSpec(
    name="mhtml",
    mime_types=("multipart/related", "message/rfc822", "application/x-mimearchive"),
    extensions=(".mht", ".mhtml"),
    sniff=sniff,
    extract=extract,
    score=65,  # MIME headers are its magic: before the legacy formats' and HTML's sniffers
)
