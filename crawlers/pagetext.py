"""Cheap looks at a fetched HTML page, made before the parsers see it.

- `is_disclosure_page`: does the page carry a disclosure metadata block (two or more labelled
  fields such as 索引号, 发布机构, 文号) or an official document's 文号 header? Used by the crawl of a
  site without a definition, which keeps only such pages.
- `labelled_values`: values of a site's unusual labels (`label_overrides` in its definition), handed
  to the parser as sidecar fields, which win over what it extracts.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from gongkai.parsers.encoding import EncodingError, declared_charset, decode_bytes
from gongkai.parsers.labels import pairs_from_lines, squeeze
from gongkai.parsers.textmeta import header_doc_number

_BLOCK_TAGS = {"p", "div", "tr", "li", "br", "h1", "h2", "h3", "h4", "table", "dd", "dt", "section", "article", "td", "th"}
_SKIP_TAGS = {"script", "style", "noscript", "template"}


def page_lines(data: bytes, content_type: str = "") -> list[str]:
    """The visible text of an HTML page, one line per block or table cell; [] when it cannot be read."""
    try:
        text, _codec = decode_bytes(data, declared_charset(data, content_type))
    except EncodingError:
        return []
    try:
        root = lxml.html.fromstring(text)
    except (etree.ParserError, ValueError):
        return []
    parts: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if tag not in _SKIP_TAGS and element.text:
            parts.append(element.text)
        if element.tail and (element.getparent() is None or str(element.getparent().tag).lower() not in _SKIP_TAGS):
            parts.append(element.tail)
    return [line.strip() for line in "".join(parts).split("\n") if line.strip()]


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


def labelled_values(data: bytes, overrides: dict[str, str], content_type: str = "") -> dict[str, str]:
    """{Record field: value} for the site's own labels ('文件字号' -> doc_number), first value wins."""
    if not overrides:
        return {}
    lines = page_lines(data, content_type)
    wanted = {squeeze(label).rstrip("：:"): field for label, field in overrides.items()}
    found: dict[str, str] = {}
    for index, line in enumerate(lines):
        compact = squeeze(line)
        for label, field in wanted.items():
            if field in found or not compact.startswith(label):
                continue
            rest = compact[len(label):]
            if rest.startswith(("：", ":")):
                value = line.split("：", 1)[-1] if "：" in line else line.split(":", 1)[-1]
                value = value.strip()
                if value:
                    found[field] = value
            elif not rest and index + 1 < len(lines):
                found[field] = lines[index + 1]
    return found
