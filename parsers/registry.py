"""Which parser handles which bytes: each format module declares a `FormatSpec` (MIME types,
extensions, a magic-bytes/content sniffer, its extract function); `formats/__init__.py` lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from gongkai.parsers.capture import Capture
    from gongkai.parsers.document import ExtractedDocument
    from gongkai.settings import ParserSettings


@dataclass(frozen=True)
class FormatSpec:
    name: str  # "html", "pdf", ... as detect_type returns it
    mime_types: tuple[str, ...]
    extensions: tuple[str, ...]  # with the dot, lower case
    sniff: Callable[[bytes], bool]  # True when the content itself says "this is mine"
    extract: "Callable[[Capture, ParserSettings], ExtractedDocument]"
    # Sniffers only look at content; weak ones (plain text) answer only after content type and extension.
    weak_sniff: bool = False


def capture_extension(capture: "Capture") -> str:
    name = capture.filename or urlsplit(capture.url).path
    return PurePosixPath(name).suffix.lower()


def detect(capture: "Capture", formats: tuple[FormatSpec, ...]) -> str:
    """Format name by magic bytes/content, then the declared content type, then the extension."""
    data = capture.data
    extension = capture_extension(capture)
    mime = capture.content_type.split(";", 1)[0].strip().lower()
    strong = [spec for spec in formats if not spec.weak_sniff and spec.sniff(data)]
    if len(strong) > 1:
        # Same magic for several formats (OLE2 .doc/.wps/.xls): let type or extension choose among them.
        for spec in strong:
            if mime in spec.mime_types or extension in spec.extensions:
                return spec.name
    if strong:
        return strong[0].name
    for spec in formats:
        if mime and mime in spec.mime_types:
            return spec.name
    for spec in formats:
        if extension and extension in spec.extensions:
            return spec.name
    if not data.strip():
        return "unknown"
    for spec in formats:
        if spec.weak_sniff and spec.sniff(data):
            return spec.name
    return "unknown"
