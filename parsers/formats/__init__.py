"""The built-in formats, registered on import: a new format is a module with a FormatSpec and a line here.

Detection order comes from each spec's sniff score (see parsers/registry.py), not from this list.
"""

from __future__ import annotations

from gongkai.parsers.formats import docx, html, image, jsonl, legacy, pdf, text
from gongkai.parsers.registry import register

for _spec in (pdf.FORMAT, image.FORMAT, docx.FORMAT, legacy.DOC, legacy.WPS, legacy.XLS, html.FORMAT, jsonl.FORMAT, text.FORMAT):
    register(_spec)
