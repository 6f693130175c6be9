"""Which links of a page are files, and of what type, as government CMSs print them. The type is the URL path's
extension (`/upload/2024/附件1.pdf`), else:
- a query parameter naming the file (Hanweb's `/module/download/downfile.jsp?classid=0&filename=2305041621.pdf`, a
  download servlet's `?fileName=实施细则.docx`, pdf.js's `viewer.html?file=%2Fupload%2Fx.pdf`);
- the link's text naming it (`<a href="/attach/download?id=123">附件1：实施细则.docx</a>`), else its `title` or `download`
  attribute (`<a href="/download.jsp?id=5" title="实施细则.docx">附件1</a>`);
- a download run by script, the file's path its argument (`onclick="downLoad('/u/cms/202406/实施细则.pdf')"`);
and besides `<a>` links, a file shown in the page itself: `<iframe>`/`<embed src>`/`<object data>` of a PDF (an 在线预览
page), a pdf.js viewer's `file=` parameter. Such files were never fetched: the crawl read the page's few lines and
not the document it shows or offers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from gongkai.parsers.registry import page_extensions

_EXTENSION = re.compile(r"\.([A-Za-z0-9]{2,5})$")
#: A file name at the end of a link's text, before an optional size: `实施细则.docx`, `附件.pdf（235KB）`.
_NAMED_IN_TEXT = re.compile(r"\.([A-Za-z0-9]{2,5})\s*(?:[（(【\[]\s*[\d.,]+\s*[KMG]?B?\s*[）)】\]])?\s*$", re.I)
#: Java servlets' paths besides the HTML format's own extensions (parsers.registry.page_extensions): pages or
#: scripts that serve files, not files.
_SERVLET_SUFFIXES = (".do", ".action")
#: a file's path given to a download function: downLoad('/u/cms/www/202406/实施细则.pdf'), openFile("附件.docx")
#: Bounded and anchored at a name's start (review21b): unbounded, a 100 KB onclick was read in 18 s (tried at every
#: character, each run scanned to its end), and the HTML parser reads every javascript:/# link's onclick.
_SCRIPT_FILE = re.compile(r"""(?<![\w$.])[\w$.]{1,100}\(\s*(["'])([^"'\s]{1,1000}\.[A-Za-z0-9]{2,5})\1""")
#: pdf.js and similar viewers: the file is a parameter of the viewer's URL.
_VIEWER_PARAMS = ("file", "url", "src", "path", "filepath", "fileurl")


def file_kind(url: str, text: str = "") -> str | None:
    """The file type (extension, lower case) a link points to, or None when nothing names one (see the module)."""
    parts = urlsplit(url)
    found = _EXTENSION.search(parts.path)
    if found and not _is_page(parts.path):
        return found.group(1).lower()
    for _, value in parse_qsl(parts.query, keep_blank_values=False):
        named = _EXTENSION.search(unquote(value).split("?", 1)[0].strip())
        if named:
            return named.group(1).lower()
    named = _NAMED_IN_TEXT.search(text.strip()) if text else None
    if named:
        return named.group(1).lower()
    return found.group(1).lower() if found else None


def _is_page(path: str) -> bool:
    """A page's or a script's path (index.html, downfile.jsp, list.do), not a file's."""
    lowered = path.lower()
    return lowered.endswith(_SERVLET_SUFFIXES) or any(lowered.endswith("." + e) for e in page_extensions())


def viewer_target(url: str) -> str:
    """The file a viewer page shows (`/pdfjs/web/viewer.html?file=/upload/x.pdf` -> /upload/x.pdf, resolved against the
    viewer's URL), else the URL itself."""
    parts = urlsplit(url)
    if "viewer" in parts.path.lower():
        for key, value in parse_qsl(parts.query):
            if key.lower() in _VIEWER_PARAMS and _EXTENSION.search(unquote(value).split("?", 1)[0]):
                return urljoin(url, unquote(value))
    return url


def scripted_download(href: str, onclick: str = "") -> str | None:
    """The file's path a link downloads by script (`href="javascript:download('/attach/2024/名单.docx')"`,
    `onclick="downLoad('/u/cms/www/202406/实施细则.pdf')"`: the path its function is given), else None. The crawl and the
    HTML parser's attachment list read it alike (the parser skipped such links: a page's record listed no attachment
    while the crawl stored the file)."""
    script = (href if href.startswith("javascript:") else "") + ";" + onclick
    called = _SCRIPT_FILE.search(script)
    return called[2] if called and not _is_page(called[2]) else None


def file_links(page: Any, base_url: str) -> Iterator[tuple[str, str, str | None]]:
    """(absolute URL, link text, file type or None) of each link of a page (a Scrapy response or selector): its `<a href>`
    links, then the files it shows in `<iframe src>`, `<embed src>`, `<object data>` (text empty)."""
    for anchor in page.css("a[href]"):
        href = (anchor.attrib.get("href") or "").strip()
        text = " ".join(t.strip() for t in anchor.css("::text").getall() if t.strip())
        if not href or href.startswith(("javascript:", "mailto:", "#", "tel:")):
            called = scripted_download(href, anchor.attrib.get("onclick") or "")
            if called:
                url = urljoin(base_url, called)
                yield url, text, file_kind(url, text)
            continue
        url = viewer_target(urljoin(base_url, href))
        kind = file_kind(url, text)
        if kind is None or _is_page("." + kind):
            # a servlet link whose text names no file (附件1, 点击下载): its title or download attribute may
            # (<a href="/download.jsp?id=5" title="防汛应急预案.docx">附件1</a>)
            for said in (anchor.attrib.get("title"), anchor.attrib.get("download")):
                if said and _NAMED_IN_TEXT.search(said.strip()) and not _is_page(said.strip()):
                    text, kind = said.strip(), file_kind(url, said)
                    break
        yield url, text, kind
    for element, attribute in (("iframe", "src"), ("embed", "src"), ("object", "data")):
        for shown in page.css(f"{element}[{attribute}]"):
            src = (shown.attrib.get(attribute) or "").strip()
            if not src or src.startswith(("javascript:", "about:", "data:")):
                continue
            url = viewer_target(urljoin(base_url, src))
            kind = file_kind(url)
            if kind is not None:
                yield url, "", kind


_DISPOSITION_STAR = re.compile(r"filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)", re.I)
_DISPOSITION = re.compile(r"""filename\s*=\s*(?:"([^"]*)"|([^;]+))""", re.I)


def download_name(url: str, disposition: bytes = b"", text: str = "") -> str:
    """The file's name: the server's Content-Disposition (RFC 6266 `filename*=UTF-8''…`, or a `filename=` sent as UTF-8,
    GBK or percent-encoded, as Chinese servers do), else the name a parameter or the link's text gives, else the path's
    last part. A download servlet's own name (`downfile.jsp`) is no file's name: a parser took the type from it."""
    if disposition:
        star = _DISPOSITION_STAR.search(disposition.decode("latin-1"))
        if star:
            try:
                return _base(unquote(star[2].strip().strip('"'), encoding=star[1], errors="strict"))
            except (LookupError, UnicodeDecodeError):
                pass
        plain = _DISPOSITION.search(disposition.decode("latin-1"))
        if plain:
            raw = (plain[1] if plain[1] is not None else plain[2]).strip().encode("latin-1")
            for encoding in ("utf-8", "gb18030"):
                try:
                    name = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                name = raw.decode("latin-1")
            if "%" in name:
                name = unquote(name)
            if _base(name):
                return _base(name)
    parts = urlsplit(url)
    last = unquote(parts.path.rsplit("/", 1)[-1])
    if not _EXTENSION.search(last) or _is_page(last):
        for _, value in parse_qsl(parts.query):
            named = unquote(value).split("?", 1)[0].strip()
            if _EXTENSION.search(named):
                return _base(named)
        found = _NAMED_IN_TEXT.search(text.strip()) if text else None
        if found:
            name = without_attachment_label(text.strip()[: found.end(1)].strip())
            if name:
                return _base(name)
    return last


#: The label a page prints before an attachment's name: 附件, 附件2：, 附件 3.
_ATTACHMENT_LABEL = re.compile(r"^附件\s*\d*\s*[：:.、]?\s*")


def without_attachment_label(text: str) -> str:
    """'附件2：实施细则.docx' -> '实施细则.docx'."""
    return _ATTACHMENT_LABEL.sub("", text)


def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()
