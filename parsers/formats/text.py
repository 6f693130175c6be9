"""Plain text and Markdown: decoded (GBK or UTF-8), metadata read from the text's layout."""

from __future__ import annotations

import re

from gongkai.parsers.capture import Capture, EmptyDocument
from gongkai.parsers.chrome import drop_chrome
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.encoding import decode_bytes, readable_ratio
from gongkai.parsers.registry import FormatSpec
from gongkai.settings import ParserSettings

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def sniff(data: bytes) -> bool:
    """Weak: any bytes that decode to readable text."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        text, _ = decode_bytes(data[:8192].rsplit(b"\n", 1)[0] if len(data) > 8192 else data)
    except Exception:  # noqa: BLE001 - a sniffer answers no on any bytes it cannot decode
        return False
    return readable_ratio(text) >= 0.9


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    body, _ = decode_bytes(capture.data)
    # An HTML comment (Markdown's `<!-- INFO END -->` under a law's history, a converter's note) is never shown: no text of
    # the document (review19: it was stored in the body of every lawrefbook law and shown in their snippets).
    if "<!--" in body:
        body = _COMMENT.sub("", body)
    if not body.strip():
        raise EmptyDocument(f"text file is empty: {capture.describe()}")
    # A page saved as text keeps its toolbar ("下载 打印 全屏") and back links: not part of the document.
    lines = [line.lstrip("#").strip() for line in drop_chrome(body.splitlines())]
    return ExtractedDocument(format="text", body="\n".join(lines))


FORMAT = FormatSpec(
    name="text",
    mime_types=("text/plain", "text/markdown"),
    extensions=(".txt", ".md", ".markdown", ".text"),
    sniff=sniff,
    extract=extract,
    score=0,  # weak: any readable bytes
    attachment=True,
)
