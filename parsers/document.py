"""The intermediate result of a format parser, before it becomes a Record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.record import Attachment, OcrInfo


@dataclass
class ExtractedDocument:
    """Text and metadata pulled out of one file, still raw (labels' values as printed)."""

    format: str
    body: str
    # Record field name -> value as found in a metadata block (table, header lines, <meta> tags).
    fields: dict[str, Any] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)
    page_count: int | None = None
    # Title candidates of lower trust than a labelled 标题 (<h1>, <title>), best first.
    title_hints: list[str] = field(default_factory=list)
    # Pages read by OCR (issue 21); "unavailable" when some needed it and Tesseract is missing.
    ocr: OcrInfo | str | None = None
