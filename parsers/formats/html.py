"""Government disclosure detail pages: metadata block, main text, attachment links."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from gongkai.parsers.capture import Capture, ParseError
from gongkai.parsers.document import ExtractedDocument
from gongkai.parsers.encoding import declared_charset, decode_bytes
from gongkai.parsers.error_pages import error_page
from gongkai.parsers.file_links import (
    download_name,
    file_kind,
    scripted_download,
    viewer_target,
    without_attachment_label,
)
from gongkai.parsers.htmltext import content_lines, element_lines, is_boilerplate, main_content, parse_html, strip_noise
from gongkai.parsers.labels import field_for_label, labelled_values, pairs_from_lines, pairs_in_line, squeeze
from gongkai.parsers.registry import FormatSpec, attachment_extensions
from gongkai.record import Attachment
from gongkai.settings import ParserSettings

# <meta name=...> of Chinese CMSs (and of the national standard for government sites) -> Record field;
# keywords/description are read apart (_own_meta_text): many CMSs fill them with site-wide text.
_META_FIELDS = {
    "articletitle": "title", "pubdate": "publish_date", "firstpublishedtime": "publish_date",
    "publishdate": "publish_date", "contentsource": "issuer",
}
# "标题_栏目_站点", "标题 - 站点" or "标题- 站点": site and column names after the title. A bare hyphen is left alone
# (2016-2020年 is part of many titles), and so is one followed by a digit: a year range typed 2021- 2025年 (no site's name
# begins with a digit).
_TITLE_SUFFIX = re.compile(r"(?:\s*(?:_+|[|｜]|\s*[-—]+\s(?!\s*\d))\s*[^_|｜]{0,40}?){1,3}$")
#: The site's name after a plain space or a dash with no spaces (`…的通知 江苏省人民政府`, `…的通知-福州市人民政府`): a name that ends
#: as a site's or a government's does,
#: cut only when at least a title's length is left (`2024年 XX市人民政府` is no title and its site).
_TITLE_SITE_AFTER_SPACE = re.compile(r"(?<=\S{8})(?:[\s\u3000]+|[\s\u3000]*[-—－]+[\s\u3000]*)[^\s\u3000\-—－]{2,24}(?:人民政府|政府|门户网站|网站|门户|政务网|信息网)$")

#: …or a ministry's or bureau's name after a bare dash (`…的通知-人力资源和社会保障部`): cut when what is before it ends as a title
_AGENCY_AFTER_DASH = re.compile(r"[\s\u3000]*[-—－]+[\s\u3000]*(?P<site>[^\s\u3000\-—－]{2,24})$")


def _without_agency_after_dash(title: str) -> str:
    # imported here as in _lesser_headings: textmeta loads after the formats
    from gongkai.parsers.textmeta import ends_as_title, looks_like_org

    match = _AGENCY_AFTER_DASH.search(title)
    if match and ends_as_title(title[:match.start()]) and looks_like_org(match["site"]):
        return title[:match.start()]
    return title


#: a <title> printing the document's number, its title in brackets after it: 海关总署公告2024年第56号（关于公布…的公告）
_NUMBER_THEN_TITLE = re.compile(r"(?P<n>[^（(]{2,40}?(?:(?:19|20)\d{2}年第\d{1,4}号|〔(?:19|20)\d{2}〕\d{1,5}号|第\d{1,5}号))"
                                r"[（(](?P<t>[^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*)[）)]")


def _title_after_its_number(title: str) -> str:
    """The title a <title> holds in brackets after the document's number (customs.gov.cn's 海关总署公告2024年第56号（关于…的公告）,
    fields14), else the <title> as it is: the number is the 文号, the bracket what the document is called."""
    from gongkai.parsers.textmeta import ends_as_title

    match = _NUMBER_THEN_TITLE.fullmatch(title)
    return match["t"] if match and ends_as_title(match["t"]) else title


# a <title> naming only the site or the agency: 安溪县人民政府, 漳州市人民政府门户网站, 政府信息公开
_SITE_NAME = re.compile(r"[^\s，。：、]{2,24}(?:人民政府|政府|门户网站|网站|门户|政务网|信息网|信息公开)(?:门户网站|网站)?")


def _lesser_headings(root: Any) -> list[str]:
    """The titles a page without an <h1> prints in an <h2>/<h3> or a block classed title, outside its chrome, in
    document order (a box's 通知公告 heading is short; the article's title is at least 8 characters)."""
    from gongkai.parsers.textmeta import ends_as_title

    found = []
    for element in root.iter("h2", "h3", "div", "p", "td"):
        if element.tag in ("div", "p", "td") and "title" not in (element.get("class") or "").lower():
            continue
        text = " ".join(element.text_content().split())
        if 8 <= len(text) <= 120 and not _BREADCRUMB.search(text) \
                and not (any(is_boilerplate(n) for n in element.iterancestors()) or is_boilerplate(element)):
            found.append(text)
    # one ending as a title ends (…的通知, 办法) first: a side box's heading (政务公开目录导航, 热点新闻推荐) may come before it
    # (review s13: it was taken)
    return sorted(dict.fromkeys(found), key=lambda text: not ends_as_title(text))


#: a breadcrumb (当前位置：首页 > 政务公开 > 通知公告), which a template may put in a block classed title
_BREADCRUMB = re.compile(r"当前位置|您的位置|您现在的位置|所在位置|[>›»]\s*\S+\s*[>›»]")


def sniff(data: bytes) -> bool:
    """A document that opens like HTML, or a fragment that starts with a common HTML tag. UTF-16 with its BOM too (Word's
    "Unicode" web page; served without a page's type or name it was a text document titled by its URL's last part, doors9)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data[:4096].decode("utf-16", errors="ignore").encode()
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    if head.startswith(b"<?xml") and b"<html" in data[:4096].lower():
        return True  # XHTML
    return head.startswith(b"<") and re.search(rb"<(?:div|p|table|body|head|meta|span|td|br|h[1-6])\b", head) is not None


#: div: a CMS that draws its table in divs (<div class="name">索引号</div><div class="val">…</div>, no colon): a colon-less
#: label is trusted as the others are, when its value follows and another label shares its ancestors (_table_pairs)
_LABEL_TAGS = ("td", "th", "dt", "span", "b", "strong", "label", "em", "font", "div")
_CONTAINERS = ("table", "ul", "ol", "dl")


#: a 来源 that names no body: the site's word for itself or for its own writing
_NO_ISSUER = re.compile(r"本站|本网|本网站|本站原创|原创|网站|综合|[-—－/]+")


def _label_value(cell) -> str:
    """The value printed after a label element: its tail text, else the next element's text. A colon printed
    on its own between them (`<td>索引号</td><td>:</td><td>XM…</td>`, a common CMS table) is skipped."""
    tail = (cell.tail or "").strip()
    if tail.strip(_COLONS):
        return tail.lstrip(_COLONS).strip()
    following = cell.getnext()
    while following is not None and (not isinstance(following.tag, str) or _only_colon(following.text_content())):
        following = following.getnext()
    return " ".join(element_lines(following)).strip().lstrip(_COLONS).strip() if following is not None else ""


#: colon marks and the spaces around them: a value cell holding only these is the label's colon, not its value
_COLONS = ":：\u3000 \t\r\n\xa0"


def _only_colon(text: str) -> bool:
    return bool(text.strip()) and not text.strip(_COLONS)


def _container(cell):
    node = cell.getparent()
    for _ in range(4):
        if node is None or node.tag in _CONTAINERS:
            break
        node = node.getparent()
    return node


def _table_pairs(root) -> tuple[dict[str, str], list]:
    """Label element -> the value after it (gov.cn and xm.gov.cn tables, <dt>/<dd>, <span>label</span>value),
    and the metadata tables/lists themselves (those holding two labels or more: never the body).

    A lone label without a colon ("名称" heading a column of a body table) is not trusted: a pair
    counts when its label ends in a colon or its table/list holds at least two labels.
    """
    candidates: list[tuple[Any, str, str, bool]] = []  # Any: lxml elements (lxml has no types)
    for cell in root.iter(*_LABEL_TAGS):
        raw = cell.text_content()
        name = field_for_label(raw)
        if name is None and cell.tag == "div":
            continue  # a div's text runs its blocks' lines together (索引号：X文号：Y): the lines are read as lines
        if name is None and cell.tag in ("td", "th") and (broken := _label_over_value(cell)) is not None:
            candidates.append((_container(cell), *broken, False))  # <td>索引号<br>LH001-…</td>: trusted as a colon-less label
            continue
        if name is None:
            # <span>发文字号：海政办〔2024〕12号</span><span>成文日期：2024年05月30日</span>: label and value in one
            # element, the elements side by side with no space (one line of text would run them together). Trusted
            # like a colon-less label: when its parent holds another such pair.
            # a cell of pairs one under another (<td>索引号：X<br>文号：Y</td>) is read line by line: run together, 文号 (too short
            # to end a value glued to it) went into the 索引号 (fields11)
            lines = element_lines(cell) if cell.find("br") is not None else [raw]
            candidates.extend((cell.getparent(), own, value, False) for line in lines for own, value in _own_pairs(line))
            continue
        parent = cell.getparent()
        if cell.tag not in ("td", "th", "dt") and parent is not None and parent.tag in ("td", "th", "dt") \
                and field_for_label(parent.text_content()) is not None:
            continue  # <td><b>索 引 号：</b></td>: the cell itself is the label
        value = _label_value(cell)
        if field_for_label(value) is not None:
            value = ""
        has_colon = squeeze(raw).rstrip("】]").endswith(("：", ":"))
        candidates.append((_container(cell), name, value, has_colon))
    labels_per_container: dict[Any, set[str]] = {}
    for container, name, _, _ in candidates:
        labels_per_container.setdefault(container, set()).add(name)
    # a list of one pair each, row after row (<dl><dt>文号</dt><dd>…</dd></dl><dl><dt>成文时间</dt>…, fields10): the rows of one
    # parent are one card; a row's lone colon-less label was not trusted when the label beside it was one not known
    rows_per_parent: dict[Any, set[str]] = {}
    for container, names in labels_per_container.items():
        if container is not None and container.tag in _CONTAINERS and container.getparent() is not None:
            rows_per_parent.setdefault(container.getparent(), set()).update(names)
    for container in labels_per_container:
        if container is not None and container.tag in _CONTAINERS and len(rows_per_parent.get(container.getparent(), ())) >= 3:
            labels_per_container[container] = rows_per_parent[container.getparent()]
    # a data table's header row (序号 | 文件名称 | 文号 of a 废止目录) names columns: its labels have no value beside them,
    # and the table is the body's, not metadata (it was cut from the body, and the text before it with it)
    valued = {container for container, _, value, _ in candidates if value}
    found: dict[str, str] = {}
    for container, name, value, has_colon in candidates:
        if container not in valued and not has_colon:
            continue
        if has_colon or len(labels_per_container[container]) >= 2:
            # An empty value is kept as "": the field is known to be blank, not to be looked for elsewhere.
            found.setdefault(name, value)
    tables = [container for container, names in labels_per_container.items()
              if container is not None and container.tag in _CONTAINERS and len(names) >= 2 and container in valued]
    for table, columns in _column_tables(root):
        for name, value in columns.items():
            found.setdefault(name, value)
        tables.append(table)
    return found, tables


#: a card's labels of the days a document takes effect and lapses (UNUSED_LABELS: no Record field), read by parsers.validity
_VALIDITY_CARD_LABELS = frozenset({"施行日期", "生效日期", "实施日期", "失效日期", "废止日期"})
_CARD_DAY = re.compile(r"^(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2})")


def _validity_card_lines(root) -> list[str]:
    """`生效日期：2022年11月1日` lines of the page's metadata card (a label element, its value after it: a cell, a <dd>, a span's
    tail), a day each, the first of each label, in the card's order."""
    lines: dict[str, str] = {}
    for cell in root.iter(*_LABEL_TAGS):
        raw = cell.text or ""
        if len(raw) > 16 or "日期" not in raw:
            continue  # one look at the element's own text: most labels are of other fields
        label = squeeze(raw).strip("：:【】[]")
        if label not in _VALIDITY_CARD_LABELS or label in lines:
            continue
        day = _CARD_DAY.match(_label_value(cell))
        if day:
            lines[label] = f"{label}：{' '.join(day.group(0).split())}"
    return list(lines.values())


def _label_over_value(cell) -> tuple[str, str] | None:
    """(field, value) of a cell printing its label, a <br>, then its value (<td>文号<br>龙海政〔2024〕4号</td>), else None."""
    first = cell[0] if len(cell) else None
    if first is None or first.tag != "br" or (name := field_for_label(cell.text or "")) is None:
        return None
    value = " ".join(" ".join(element_lines(cell)[1:]).split())
    return (name, value) if value else None


def _column_tables(root) -> list[tuple[Any, dict[str, str]]]:
    """Tables of two rows whose first row is all labels and whose second holds their values, column by column
    (索引号 | 文号 | 发布机构 / ZZ001-… | 漳政综〔2024〕28号 | 漳州市人民政府). A catalogue's header row (序号 | 文件名称 | 文号) is
    none: 序号 names no field, and a row of labels naming a title (文件名称 | 文号 over one repealed document) is a list of
    documents, not the page's own."""
    found = []
    for table in root.iter("table"):
        rows = [row for row in table.iter("tr") if _container(row[0] if len(row) else row) is table]
        if len(rows) != 2 or len(rows[0]) < 2 or len(rows[0]) != len(rows[1]):
            continue
        names = [field_for_label(cell.text_content()) for cell in rows[0]]
        if any(name is None for name in names) or len(set(names)) != len(names) or "title" in names:
            continue
        values = [" ".join(cell.text_content().split()) for cell in rows[1]]
        if any(field_for_label(value) is not None for value in values):
            continue
        found.append((table, {name: value for name, value in zip(names, values) if name and value}))
    return found


def _own_pairs(text: str) -> list[tuple[str, str]]:
    """The (field, value) pairs of an element's text that opens with a label and its colon, else none."""
    text = text.strip()
    pairs = pairs_in_line(text) if len(text) <= 160 else []
    return pairs if pairs and field_for_label(re.split(r"[：:]", text, maxsplit=1)[0]) == pairs[0][0] else []


def _metadata_lines(root, block) -> list[str]:
    """Page lines where a metadata block can be: outside the article, plus the article's first lines."""
    page = element_lines(root)
    if block is root:
        return page[:30] + page[-15:]
    article = element_lines(block)
    if not article:
        return page
    try:
        start = page.index(article[0])
    except ValueError:
        return page[:30] + page[-15:]
    return page[: start + 10] + page[start + len(article):]


def _meta_values(root, names: dict[str, str]) -> dict[str, str]:
    """The first non-blank content of each <meta name> in `names` (case and blanks of the name ignored), by field."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = names.get((meta.get("name") or "").strip().lower())
        value = (meta.get("content") or "").strip()
        if name and value:
            found.setdefault(name, value)
    return found


#: <meta name="Keywords"> and <meta name="Description">: the 政府网站发展指引 asks each article page for its own, and many
#: CMSs print the site's instead (山西省人民政府网是…; 山西;山西省人民政府网站). Read only when they are the article's (below).
_TEXT_META = {"keywords": "keywords", "description": "summary", "sitename": "site"}
_KEYWORD_SPLIT = re.compile(r"[;；,，、|｜\s]+")
_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def _text_meta(root) -> dict[str, str]:
    """The page's meta keywords, description and site name (the first of each), its blanks run together."""
    return {name: " ".join(value.split()) for name, value in _meta_values(root, _TEXT_META).items()}


#: where a page's <title> parts its article's title from the site's names (关于X的通知_通知公告_厦门市人民政府门户网站)
_HEAD_TITLE_PARTS = re.compile(r"\s*(?:_+|[|｜]|\s[-—–]+\s)\s*")


def site_names(head_title: str, title: str, site: str = "") -> list[str]:
    """The names a page gives its site (the <title>'s parts after the article's, <meta name=SiteName>), longest first."""
    parts = [part.strip() for part in _HEAD_TITLE_PARTS.split(head_title or "")] + [site.strip()]
    return sorted({part for part in parts if len(part) >= 2 and part != title.strip()}, key=len, reverse=True)


def _own_meta_text(found: dict[str, str], title: str, body: str, sites: list[str] | None = None) -> dict[str, str]:
    """The page's meta keywords and description when they are the article's own, not the site's.

    The rule (a site's text is the same on every page, so it is told apart by what this page says): every keyword
    is printed in the title or the text (a site's list names the site: 山西省人民政府网站 is in no article), and at
    least half of the description's pairs of Han characters are (an article's description is its first lines or
    a summary of them; the site's describes the site). A description that only repeats the title says nothing, nor
    one that is the title and the site's name (`sites`: 关于X的通知_厦门市人民政府, what many CMSs write): the pairs are
    counted without the title and those names, and more than half of them must be the page's (the site's name and its
    sections, 厦门市人民政府门户网站，政务公开、政务服务, shared half their pairs with an article naming the portal)."""
    page = f"{title}\n{body}"
    own: dict[str, str] = {}
    words = [w for w in _KEYWORD_SPLIT.split(found.get("keywords", "")) if w]
    if words and len(words) <= 20 and all(len(w) <= 20 and w in page for w in words):
        own["keywords"] = " ".join(dict.fromkeys(words))
    description = found.get("summary", "")
    said = description
    for name in [title.strip(), *(sites or [])]:
        if name:
            said = said.replace(name, "\n")  # a break: no pair across what is taken out
    pairs = set(_HAN_PAIR.findall(said))
    if len(pairs) >= 4 and 2 * sum(p in page for p in pairs) > len(pairs):
        own["summary"] = description
    return own


def _attachments(root, base_url: str, shown: list[Attachment]) -> list[Attachment]:
    seen: dict[str, Attachment] = {}
    extensions = set(attachment_extensions())
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            href = scripted_download(href, link.get("onclick") or "") or ""  # javascript:download('/attach/x.docx')
            if not href:
                continue
        name = re.sub(r"\s+", " ", link.text_content()).strip()
        url = viewer_target(urljoin(base_url, href) if base_url else href)
        # typed by its path, a parameter naming the file (downfile.jsp?filename=….pdf) or its text (parsers/file_links.py)
        if not (file_kind(url, name) in extensions or name.startswith("附件")):
            continue
        if url not in seen:
            label = without_attachment_label(name) or download_name(url, b"", name)
            seen[url] = Attachment(name=label, url=url)
    for attachment in shown:
        seen.setdefault(attachment.url, attachment)
    return list(seen.values())


def _shown_files(root, base_url: str) -> list[Attachment]:
    """The files a page shows in itself (an 在线预览 page: <iframe src="/pdfjs/web/viewer.html?file=…pdf">, <embed
    src="….pdf">), read before strip_noise drops those elements."""
    extensions = set(attachment_extensions())
    found: list[Attachment] = []
    for element, attribute in (("iframe", "src"), ("embed", "src"), ("object", "data")):
        for shown in root.iter(element):
            src = (shown.get(attribute) or "").strip()
            url = viewer_target(urljoin(base_url, src) if base_url else src) if src else ""
            if url and file_kind(url) in extensions:
                found.append(Attachment(name=download_name(url), url=url))
    return found


def extract(capture: Capture, settings: ParserSettings) -> ExtractedDocument:
    text, _codec = decode_bytes(capture.data, declared_charset(capture.data, capture.content_type))
    root = parse_html(text)
    title_hints: list[str] = []
    head_title = root.findtext(".//title") or ""
    meta = _meta_values(root, _META_FIELDS)
    text_meta = _text_meta(root)
    shown = _shown_files(root, capture.url)
    strip_noise(root)
    fields, metadata_tables = _table_pairs(root)
    # The site's own labels (its definition's label_overrides, by the capture's source) win over the usual ones.
    fields.update(labelled_values(element_lines(root), settings.label_overrides.get(capture.source) or {}))
    for name, value in pairs_from_lines(_metadata_lines(root, main_content(root, metadata_tables))).items():
        fields.setdefault(name, value)
    if _NO_ISSUER.fullmatch(fields.get("issuer", "")):
        del fields["issuer"]  # 来源：本站: the site says the page is its own, naming nobody (the title's body or the text's tell)
    for name, value in meta.items():
        if name == "title":
            title_hints.append(value)
        else:
            fields.setdefault(name, value)
    # <h1 class="logo"> in a page header names the site: headings in chrome rank after the others
    # (not dropped: "article-header" holds the real title on some sites).
    headings = [(any(is_boilerplate(n) for n in h.iterancestors()) or is_boilerplate(h), " ".join(h.text_content().split()))
                for h in root.iter("h1")]
    for _, heading_text in sorted(headings, key=lambda item: item[0]):
        if 4 <= len(heading_text) <= 120:
            title_hints.append(heading_text)
    if head_title.strip():
        shown_title = _TITLE_SUFFIX.sub("", head_title.strip()) or head_title.strip()
        shown_title = _TITLE_SITE_AFTER_SPACE.sub("", shown_title)
        shown_title = _without_agency_after_dash(shown_title)
        shown_title = _title_after_its_number(shown_title)
        if not title_hints and _SITE_NAME.fullmatch(shown_title):
            # a county template's <title> that is the site's name alone (安溪县人民政府), its article's title in an
            # <h2>/<h3> or a block classed title: that heading first
            title_hints.extend(_lesser_headings(root))
        title_hints.append(shown_title)
    attachments = _attachments(root, capture.url, shown)
    # The body is what the page marks as its content, never a metadata cell however short the text (issue #23).
    body_lines = content_lines(root, metadata_tables)
    # …save the card's days of taking effect and lapsing: no Record field holds them, validity reads them off a card's label
    # lines at the body's head (生效日期：2022年11月1日 on a 河南 card was cut with the card, fields10)
    card = [line for line in _validity_card_lines(root) if line not in body_lines[:40]]
    body = "\n".join(card + body_lines)
    title = next(iter(title_hints), "")
    status = error_page([head_title, *title_hints], body) if not fields.get("index_number") else None
    if status is not None:  # a server's 404/502 page saved or answered in the document's place (doors10)
        raise ParseError(f"an HTTP error page ({status}), not a document: the download or export failed; send the document itself")
    for name, value in _own_meta_text(text_meta, title, body, site_names(head_title, title, text_meta.get("site", ""))).items():
        fields.setdefault(name, value)  # a printed 关键词/内容概述 label wins
    # An empty body is decided on in build_record: a sidecar title can still make an image-only page a record.
    return ExtractedDocument(format="html", body=body, fields=fields, attachments=attachments, title_hints=title_hints)


FORMAT = FormatSpec(
    name="html",
    mime_types=("text/html", "application/xhtml+xml"),
    extensions=(".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"),
    sniff=sniff,
    extract=extract,
    score=40,
)
