"""Safe highlighting for the page.

`safe_snippet` lets through only the <em> tags of the engine's snippet and escapes everything else,
whatever the engine did or did not escape. `highlight_terms` marks the visitor's words in a record's
full text on the detail page (presentation only: which records match is the engine's business).
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from gongkai.identifiers import DOC_NUMBER_RE, find_doc_numbers, looks_like_index_number, normalize_index_number
from gongkai.textnorm import fold

_EM_TAG = re.compile(r"(</?em>)", re.IGNORECASE)
# Query syntax that is not part of a term: field prefixes, boolean words, operators, quotes, brackets.
_SYNTAX = re.compile(r"\b(?:AND|OR|NOT)\b|[A-Za-z_]+:|[\"'()\[\]{}+\-!^~*?:\\/<>=&|]")
_MAX_TERMS = 20


def safe_snippet(snippet_html: str) -> Markup:
    """The engine's snippet with <em> kept and any other markup shown as text."""
    parts = []
    for piece in _EM_TAG.split(snippet_html or ""):
        if _EM_TAG.fullmatch(piece):
            parts.append("</em>" if piece.startswith("</") else "<em>")
        else:
            # Unescape first so that text the engine already escaped is not escaped twice.
            parts.append(str(escape(html.unescape(piece))))
    text = "".join(parts)
    # Balance the tags so that a cut snippet can never leave the rest of the page emphasised.
    opened = text.count("<em>") - text.count("</em>")
    return Markup(text + "</em>" * max(opened, 0))


def _doc_number_pattern(doc_number: str) -> str:
    """A canonical 文号 as a regex over folded text that accepts any bracket, width or spacing variant."""
    match = re.fullmatch(r"(?P<prefix>.*?)〔(?P<year>\d{4})〕(?P<serial>\d+)号", doc_number)
    if not match:
        return re.escape(fold(doc_number))
    return (
        re.escape(fold(match["prefix"])) + r"\s*[〔\[【(［〖﹝⦗〘{]\s*" + match["year"]
        + r"\s*[〕\]】)］〗﹞⦘〙}]\s*第?\s*0*" + match["serial"] + r"\s*号"
    )


def query_patterns(query: str) -> list[str]:
    """Regexes (over folded text) for what the visitor typed: whole 文号 and 索引号, then words, longest first."""
    patterns = [_doc_number_pattern(number) for number in find_doc_numbers(query)]
    rest = DOC_NUMBER_RE.sub(" ", query)
    words: set[str] = set()
    for token in rest.split():
        if looks_like_index_number(token):
            patterns.append(re.escape(fold(normalize_index_number(token))))
        else:
            words.update(w for w in fold(_SYNTAX.sub(" ", token)).split() if w)
    patterns += [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    return patterns[:_MAX_TERMS]


def highlight_terms(text: str, query: str) -> Markup:
    """`text` escaped, with every occurrence of the query's words (and 文号/索引号) wrapped in <mark>.

    Matching is on folded text (full-width, Traditional, upper case) and, because `fold` keeps
    the length, the marks land on the original characters.
    """
    patterns = query_patterns(query) if query else []
    if not patterns or not text:
        return escape(text)
    pattern = re.compile("|".join(patterns))
    folded = fold(text)
    out: list[str] = []
    position = 0
    for match in pattern.finditer(folded):
        if match.end() == match.start():
            continue
        out.append(str(escape(text[position:match.start()])))
        out.append(f"<mark>{escape(text[match.start():match.end()])}</mark>")
        position = match.end()
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def safe_url(url: str | None) -> str:
    """A link target only for http(s) URLs and site paths: a record's `javascript:` or `data:` URL
    (a hostile or broken source) is not made clickable. CSP would block it too; this is the first wall."""
    text = (url or "").strip()
    if re.match(r"(?i)^https?://", text) or (text.startswith("/") and not text.startswith("//")):
        return text
    return ""
