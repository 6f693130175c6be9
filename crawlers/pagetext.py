"""A cheap look at a fetched HTML page, made before the parsers see it.

- `is_disclosure_page`: does the page carry a disclosure metadata block (two or more labelled
  fields such as 索引号, 发布机构, 文号) or an official document's 文号 header? Used by the crawl of a
  site without a definition, which keeps only such pages.

The page's lines are the parsers' own (gongkai.parsers.htmltext), so the crawler and the parser read a
page the same way. A site's unusual labels (`label_overrides`) are a parsing rule: the HTML parser applies
them by the capture's source (settings parsers.label_overrides), never the crawler.
"""

from __future__ import annotations

import re

from gongkai.parsers.encoding import EncodingError, declared_charset, decode_bytes
from gongkai.parsers.htmltext import element_lines, parse_html, strip_noise
from gongkai.parsers.labels import pairs_from_lines
from gongkai.parsers.textmeta import header_doc_number


def page_lines(data: bytes, content_type: str = "") -> list[str]:
    """The visible text of an HTML page, one line per block or table cell; [] when it cannot be read."""
    try:
        text, _codec = decode_bytes(data, declared_charset(data, content_type))
    except EncodingError:
        return []
    root = parse_html(text)
    strip_noise(root)
    return element_lines(root)


def is_disclosure_page(data: bytes, content_type: str = "") -> bool:
    lines = page_lines(data, content_type)
    fields = pairs_from_lines(lines)
    if len(fields) >= 2 and ("index_number" in fields or "doc_number" in fields or "issuer" in fields):
        return True
    # An official document laid out as a page: a line that is one 文号 near the top of the text.
    return bool(header_doc_number(_after_navigation(lines)))


def _after_navigation(lines: list[str]) -> list[str]:
    """Skip menu lines (short, many) so that the header of the document itself is inspected."""
    for index, line in enumerate(lines):
        if len(line) >= 12 or re.search(r"〔\d{4}〕|\[\d{4}\]", line):
            return lines[index:]
    return lines
