"""A cheap look at a fetched HTML page, made before the parsers see it.

- `is_disclosure_page`: does the page carry a disclosure metadata block (two or more labelled
  fields such as 索引号, 发布机构, 文号) or an official document's 文号 header? Used by the crawl of a
  site without a definition, which keeps only such pages.
- `says_not_found`: is a page answered 200 a CMS's "页面不存在" page (a soft 404)? A detail page that is one is
  taken as a 404 (crawl5, session 14: it was stored as a record titled 提示信息).

The page's lines are the parsers' own (gongkai.parsers.htmltext), so the crawler and the parser read a
page the same way. A site's unusual labels (`label_overrides`) are a parsing rule: the HTML parser applies
them by the capture's source (settings parsers.label_overrides), never the crawler.
"""

from __future__ import annotations

import re
from typing import Any

from gongkai.identifiers import find_doc_numbers
from gongkai.parsers.encoding import EncodingError, declared_charset, decode_bytes
from gongkai.parsers.htmltext import element_lines, parse_html, strip_noise
from gongkai.parsers.labels import pairs_from_lines, squeeze
from gongkai.parsers.textmeta import header_doc_number, signature


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
    try:
        text, _codec = decode_bytes(data, declared_charset(data, content_type))
    except EncodingError:
        return False
    root = parse_html(text)
    strip_noise(root)
    lines = element_lines(root)
    fields = pairs_from_lines(lines)
    if len(fields) >= 2 and ("index_number" in fields or "doc_number" in fields or "issuer" in fields):
        return True
    # An official document laid out as a page: a line that is one 文号 near the top of the text; not a 文号 cell of a
    # list's row beside the link to its page (a 信息公开目录 of 索引号 | 标题 | 文号 | 发布日期: crawl8, session 21, its list
    # pages were kept as records).
    number = header_doc_number(_after_navigation(lines))
    return bool(number) and not _in_a_linked_row(root, number)


def _in_a_linked_row(root: Any, number: str) -> bool:
    """Does the 文号 stand in a table row or list item that also links a page by a title (a catalogue's row)?"""
    for row in root.iter("tr", "li"):
        if any(number in find_doc_numbers(squeeze(line)) for line in element_lines(row)) and any(
                link.get("href") and len(squeeze(link.text_content())) >= 6 for link in row.iter("a")):
            return True
    return False


def _after_navigation(lines: list[str]) -> list[str]:
    """Skip menu lines (short, many) so that the header of the document itself is inspected."""
    for index, line in enumerate(lines):
        if len(line) >= 12 or re.search(r"〔\d{4}〕|\[\d{4}\]", line):
            return lines[index:]
    return lines


# what a CMS's error page says when it answers 200 for a page that is gone ("soft 404"): 对不起，您访问的页面不存在或已被删除！,
# 该信息已删除, 文章已下线, 页面未找到, 404 Not Found
_NOT_FOUND = re.compile(r"(?:页面|网页|信息|文章|内容|稿件|文件|资源)(?:已经|已)?(?:被)?(?:不存在|删除|下线|撤[销下回]|失效|过期)(?!.*(?:通知|公告|通告|决定|意见|办法|批复|函)$)|"
                        r"(?:找不到|未找到|无法找到|没有找到)(?:该|此|您[要所]?(?:访问|请求|查找|浏览)的)?(?:页面|网页|信息|文章|内容)|"
                        r"^\s*404\b|not\s+found", re.I)
# a notice's closing line: 特此公告。, 特此通知, 特此更正, 现予公告 …
_CLOSING = re.compile(r"\s*(?:特此|现予)(?:公告|通知|通告|更正|说明|声明|公示|函告|告知)")
# the words of that message in the encodings such pages come in: a page holding none is not parsed to look
_NOT_FOUND_BYTES = tuple(word.encode(codec) for word in ("不存在", "删除", "下线", "撤", "失效", "过期", "找到") for codec in ("utf-8", "gbk")) + (
    b"Not Found", b"not found", b"NOT FOUND")


def says_not_found(data: bytes, content_type: str = "") -> bool:
    """Is this page (answered 200) a CMS's "页面不存在" page in place of a document: a short page (its visible text
    under 800 characters, no metadata block) whose <title> or a short line says the page or the information is not there
    or deleted? A document that mentions 删除 in its text is long, or carries its 索引号/文号."""
    if len(data) > 200_000 or not any(word in data for word in _NOT_FOUND_BYTES):
        return False
    lines = page_lines(data, content_type)
    if sum(len(line) for line in lines) > 800:
        return False
    fields = pairs_from_lines(lines)
    if "index_number" in fields or "doc_number" in fields or header_doc_number(lines):
        return False
    # a short notice saying what it announces is gone (下列文件已失效, 登记信息已撤销, 第三条内容已删除) signs or closes as one;
    # an error page does neither (review s14: such a 公告 without 文号 or 索引号 was taken for a 404, its record withdrawn)
    if any(_CLOSING.match(line) for line in lines) or signature(lines)[1] is not None:
        return False
    try:
        text, _codec = decode_bytes(data[:4000], declared_charset(data, content_type))
    except EncodingError:
        text = ""
    head_title = re.search(r"<title[^>]*>([^<]{1,80})</title>", text, re.I)
    # (a document's own title naming deleted or expired things, 关于注销部分信息已过期企业的公告, is no such message)
    return any(_NOT_FOUND.search(line) and "关于" not in line for line in [*([head_title[1]] if head_title else []), *lines] if len(line) <= 40)


# a page that only sends the browser on: <script>window.location.href = "/xxgk/2024/1.html";</script> (TRS's 外链 pages)
_SCRIPT_GO = re.compile(r"""(?:window\.|self\.|top\.|document\.)?location(?:\.href)?\s*=\s*(["'])([^"'\s]+)\1|"""
                        r"""location\.(?:replace|assign)\(\s*(["'])([^"'\s]+)\3\s*\)""")


def script_redirect(data: bytes, content_type: str = "") -> str | None:
    """The URL a page whose whole content is a script sending the browser elsewhere goes to (relative as printed), or
    None: a small page printing next to nothing (under 20 characters of text: 页面跳转中…) whose script sets `location` once."""
    if len(data) > 8000 or b"location" not in data:
        return None
    try:
        text, _codec = decode_bytes(data, declared_charset(data, content_type))
    except EncodingError:
        return None
    targets = {m[2] or m[4] for m in _SCRIPT_GO.finditer(" ".join(re.findall(r"(?is)<script[^>]*>(.*?)</script>", text)))}
    if len(targets) != 1 or sum(len(line) for line in page_lines(data, content_type)) >= 20:
        return None
    target = targets.pop()
    return None if target.startswith(("javascript:", "#")) else target
