"""Safe highlighting for the page.

`safe_snippet` lets through only the <em> tags of the engine's snippet and escapes everything else,
whatever the engine did or did not escape. `highlight_terms` marks what the visitor's query matched in
a record's full text on the detail page, by the index's own matching rules: the route asks the engine for
the query's marks once (`Engine.marks`) and the templates mark each text with them.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from gongkai.uris import link_uri

if TYPE_CHECKING:
    from gongkai.search_types import TextMarks

_EM_TAG = re.compile(r"(</?em>)", re.IGNORECASE)


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


def highlight_terms(text: str, marks: TextMarks | None) -> Markup:
    """`text` escaped, with what the query matched in it wrapped in <mark>.

    `marks` is `Engine.marks(query)`: the search's own rules (the index's query parsing and snippet matching),
    so the detail page marks exactly what the search found: every positive word or phrase, a 文号 in any
    bracket or width variant, letters and digits as the index matches them; not excluded words. The spans
    are found on folded text and `fold` keeps the length, so the marks land on the original characters.
    None (or a template's undefined name, also false) marks nothing.
    """
    matches = marks.spans(text) if marks and text else []
    if not matches:
        return escape(text)
    out: list[str] = []
    position = 0
    for start, end in matches:
        out.append(str(escape(text[position:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def safe_url(url: str | None) -> str:
    """A link target only for http(s) URLs and site paths: a record's `javascript:` or `data:` URL
    (a hostile or broken source) is not made clickable. CSP would block it too; this is the first wall."""
    text = (url or "").strip()
    if re.match(r"(?i)^https?://", text) or (text.startswith("/") and not text.startswith("//")):
        return link_uri(text)  # percent-encoded, credentials left out: a scraped URL's space or "]" is no valid href (the Nu Html Checker)
    return ""
