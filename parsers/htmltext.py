"""HTML to text lines, and the main-content block of a page without navigation and footer.

Block elements and table cells each start a line, so a metadata table comes out as
"label line, value line" pairs that `labels.pairs_from_lines` reads.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from lxml import html as lxml_html
from lxml.etree import ParserError, _Comment, _Element, _ProcessingInstruction

from gongkai.parsers.chrome import drop_chrome
from gongkai.parsers.content import after_metadata, declared_content, holds, inside, named_content

_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "select", "button", "head")
_BLOCK = {"p", "div", "br", "tr", "td", "th", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
          "table", "tbody", "thead", "section", "article", "header", "footer", "nav", "aside", "form", "blockquote",
          "pre", "hr", "center", "address", "figure", "figcaption", "caption", "main"}
# Class/id words of page chrome, matched per token ("main-nav", "footer_1"): "inside" or "sidebar-free
# content" words must not match by substring.
_BOILERPLATE_PREFIXES = ("nav", "menu", "footer", "foot", "header", "breadcrumb", "crumb", "share", "copyright",
                         "banner", "sidebar", "login", "search", "toolbar", "related", "recommend", "weixin", "qrcode",
                         "friendlink", "bdshare", "jiathis")
_BOILERPLATE_WORDS = {"side", "print", "position", "location", "link", "links", "top", "bottom", "dh", "bq", "wzdh", "fxd"}
_SPACES = re.compile(r"[ \t\u00a0\u3000\u200b\ufeff]+")


def parse_html(text: str) -> _Element:
    """An lxml tree of a page or fragment; scripts, styles and the like removed."""
    try:
        root = lxml_html.document_fromstring(text)
    except (ParserError, ValueError):
        root = lxml_html.fragment_fromstring(text or "<div></div>", create_parent="div")
    return root


def strip_noise(root: _Element) -> None:
    for element in list(root.iter(*_DROP)):
        if element is not root and element.getparent() is not None:
            element.drop_tree()
    for element in list(root.iter()):
        if isinstance(element, (_Comment, _ProcessingInstruction)) and element.getparent() is not None:
            element.drop_tree()


def element_lines(element: _Element) -> list[str]:
    """The visible text of `element`, one line per block element or table cell, spaces collapsed; lines of
    page chrome (返回版面, 上一篇：…, 打印本页 …: `chrome.drop_chrome`) left out, whatever their markup."""
    parts: list[str] = []

    def walk(node: _Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _DROP:
            if node.tail:
                parts.append(node.tail)
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        if node.text and not isinstance(node, (_Comment, _ProcessingInstruction)):
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail and node is not element:
            parts.append(node.tail)

    walk(element)
    lines = []
    for raw in "".join(parts).split("\n"):
        line = _SPACES.sub(lambda m: "\u3000" if "\u3000" in m.group(0) and len(m.group(0)) < 3 else " ", raw).strip()
        if line:
            lines.append(line)
    return drop_chrome(lines)


def is_boilerplate(element: _Element) -> bool:
    """Navigation, header, footer, share bar... by tag or by a class/id word."""
    return _is_boilerplate(element)


def _is_boilerplate(element: _Element) -> bool:
    if element.tag in ("nav", "footer", "header", "aside"):
        return True
    marker = f"{element.get('id', '')} {element.get('class', '')}".lower()
    for token in re.split(r"[\s_\-]+", marker):
        if token and (token in _BOILERPLATE_WORDS or token.startswith(_BOILERPLATE_PREFIXES)):
            return True
    return False


def _link_text_length(element: _Element) -> int:
    return sum(len(a.text_content().strip()) for a in element.iter("a"))


def main_content(root: _Element, metadata: Collection[_Element] = ()) -> _Element:
    """The element holding the article: what the page marks as content (`parsers.content`), else the densest
    text block outside its metadata tables (`metadata`), else the text after them."""
    declared = declared_content(root, metadata, _is_boilerplate)
    if declared is not None:
        return declared
    region = named_content(root, metadata, _is_boilerplate)
    densest = _densest(region if region is not None else root, metadata)
    if densest is not None:
        return densest
    if region is not None:
        return region
    following = after_metadata(metadata, _is_boilerplate)
    return following if following is not None else root


def _densest(root: _Element, metadata: Collection[_Element]) -> _Element | None:
    """Readability-style: every paragraph of 20 characters or more scores its parent (and half to the
    grandparent); nothing in or around a metadata table scores."""
    scores: dict[_Element, float] = {}
    for paragraph in root.iter("p", "td", "pre", "div", "span", "font"):
        text = (paragraph.text or "").strip() + "".join((c.tail or "").strip() for c in paragraph)
        if len(text) < 20 or (paragraph.tag in ("div", "td") and len(paragraph) > 10):
            continue
        score = 1 + len(text) / 50 + text.count("，") + text.count("。")
        parent = _scored_container(paragraph)
        for weight, node in ((1.0, parent), (0.5, parent.getparent() if parent is not None else None)):
            if node is None or _is_boilerplate(node) or (metadata and (inside(node, metadata) or holds(node, metadata))):
                continue
            scores[node] = scores.get(node, 0.0) + score * weight
    if not scores:
        return None

    def adjusted(node: _Element) -> float:
        total = len(node.text_content()) or 1
        return scores[node] * (1 - min(_link_text_length(node) / total, 1.0))
    return max(scores, key=adjusted)


#: Inline tags a paragraph's text may sit in (a Word export's <p><span><b>…</b></span></p>).
_INLINE = frozenset({"span", "font", "b", "strong", "em", "i", "u", "a", "o:p"})


def _scored_container(paragraph: _Element) -> _Element | None:
    """The element a paragraph's text scores: a <p>'s parent, a block's self. Text in a <span> or <font> scores as its
    paragraph's: a Word export prints every paragraph as <p><span>…</span></p>, so its <p>s scored themselves, the
    longest one won alone and the body was that one paragraph, without its 文号 line and signature (lead, session 19)."""
    node = paragraph
    while node.tag in _INLINE and node.getparent() is not None:
        node = node.getparent()
    if node is paragraph and paragraph.tag not in ("p", "span", "font"):
        return paragraph
    return node.getparent() if node.tag == "p" else node


def content_lines(root: _Element, metadata: Collection[_Element] = ()) -> list[str]:
    """Main-text lines of the page: the content block minus boilerplate and metadata tables inside it."""
    block = main_content(root, metadata)
    for element in list(block.iter()):
        if (element is not block and isinstance(element.tag, str) and (_is_boilerplate(element) or element in metadata)
                and element.getparent() is not None):
            element.drop_tree()
    return element_lines(block)
