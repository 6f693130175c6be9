"""The one place formats are registered: add a module with a FormatSpec and list it here.

Order matters for content sniffing: binary magic first, then markup, then records, text last.
"""

from __future__ import annotations

from gongkai.parsers.formats import docx, html, image, jsonl, legacy, pdf, text
from gongkai.parsers.registry import FormatSpec

FORMATS: tuple[FormatSpec, ...] = (
    pdf.FORMAT,
    image.FORMAT,
    docx.FORMAT,
    legacy.DOC,
    legacy.WPS,
    legacy.XLS,
    html.FORMAT,
    jsonl.FORMAT,
    text.FORMAT,
)
BY_NAME: dict[str, FormatSpec] = {spec.name: spec for spec in FORMATS}
