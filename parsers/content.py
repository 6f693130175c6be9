"""Which element of a page holds its content: what the page itself says, never length alone.

A notice or 公示 page often has a body of a dozen characters and a metadata table whose 索引号 cell is
longer; choosing the "densest" block by length alone stored the 索引号 as the body (issue #23). So, in
order: the containers the CMS names as content (id="UCAP-CONTENT", class="TRS_Editor" …), an
`<article>`; then the densest text inside an element whose class or id says content/article (or that
element itself when its text is too short to score); then the densest text elsewhere, never in or
around a metadata table; then the text after the metadata table.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection

from lxml.etree import _Element

# Known content containers of Chinese government CMSs (TRS, 云成, 大汉...), best first.
CONTENT_IDS = ("UCAP-CONTENT", "zoom", "Zoom", "fontzoom", "contentText", "content", "article_content", "mainText")
CONTENT_CLASSES = ("TRS_Editor", "TRS_UEDITOR", "pages_content", "article-body", "article-content", "art_con",
                   "xxgk_content", "zw", "news_content", "detail-content", "content_text")
# class/id tokens that name a content block in other CMSs ("con_text", "newsContent", "zhengwen")
_CONTENT_WORD = re.compile(r"content|article|zhengwen|正文", re.I)
# … unless the same marker says it is something else about the content (a list, a title, a tool bar)
_NOT_CONTENT_WORD = re.compile(r"list|title|tit\b|head|info|meta|attr|source|tool|share|nav|menu|foot|side|"
                               r"related|page|print|time|date|author", re.I)


def _text(element: _Element) -> str:
    return element.text_content().strip()


def inside(element: _Element, others: Collection[_Element]) -> bool:
    return element in others or any(ancestor in others for ancestor in element.iterancestors())


def holds(element: _Element, others: Collection[_Element]) -> bool:
    return any(element in other.iterancestors() for other in others)


def _usable(element: _Element, metadata: Collection[_Element], is_boilerplate) -> bool:
    """A candidate with text of its own, not the metadata table, not page chrome."""
    if is_boilerplate(element) or inside(element, metadata):
        return False
    if not holds(element, metadata):
        return bool(_text(element))
    # A wrapper of the metadata table and the body: usable when something beyond the table is in it.
    table_text = sum(len(_text(m)) for m in metadata if element in m.iterancestors())
    return len(_text(element)) > table_text


def declared_content(root: _Element, metadata: Collection[_Element], is_boilerplate) -> _Element | None:
    """The element the page marks as its content, or None when it marks none."""
    for content_id in CONTENT_IDS:
        for found in root.xpath(f'//*[@id="{content_id}"]'):
            if _usable(found, metadata, is_boilerplate):
                return found
    for class_name in CONTENT_CLASSES:
        for found in root.xpath(f'//*[contains(concat(" ", normalize-space(@class), " "), " {class_name} ")]'):
            if _usable(found, metadata, is_boilerplate):
                return found
    for found in root.iter("article"):
        if _usable(found, metadata, is_boilerplate):
            return found
    return None


def named_content(root: _Element, metadata: Collection[_Element], is_boilerplate) -> _Element | None:
    """An element whose class or id says content ("con_text", "newsContent", "zhengwen"): a region to look
    in (it may also hold the title), or the body itself when its text is too short to score."""
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        markers = [token for token in re.split(r"\s+", f"{element.get('id', '')} {element.get('class', '')}") if token]
        if any(_CONTENT_WORD.search(t) and not _NOT_CONTENT_WORD.search(t) for t in markers) \
                and _usable(element, metadata, is_boilerplate) and not holds(element, metadata):
            return element
    return None


def after_metadata(metadata: Collection[_Element], is_boilerplate) -> _Element | None:
    """A new <div> of what follows the last metadata table in the page, up to the page's chrome.

    Pages without a content container put the body after the table (often after an <h1> title,
    which is left out: it is the title, not the text)."""
    if not metadata:
        return None
    first = next(iter(metadata))
    order = {element: position for position, element in enumerate(first.getroottree().getroot().iter())}
    table = max(metadata, key=lambda element: order.get(element, -1))
    node: _Element | None = table
    while node is not None and node.tag not in ("body", "html"):
        following = [s for s in node.itersiblings() if isinstance(s.tag, str)]
        kept = [s for s in following if not is_boilerplate(s) and s.tag != "h1" and _text(s)]
        tail = (node.tail or "").strip()
        if kept or tail:
            block = table.makeelement("div", {})
            if tail:
                block.text = tail
            for sibling in kept:
                clone = copy.deepcopy(sibling)
                block.append(clone)
            return block
        node = node.getparent()
    return None
