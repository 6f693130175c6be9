"""The generic disclosure-site spider, driven by a site definition (crawlers/sites/*.toml).

List pages (start_urls, then `next_page` links, at most max_list_pages) are fetched every run;
detail links (`detail_links`, filtered by `detail_url_pattern`) are fetched incrementally, and so
are the attachments of `attachment_types` linked from a detail page: read from a new or changed page,
and from the crawl state's memory of its links when it answers 304 (an agency may replace a PDF at
the same URL and leave the page alone).

Attachments: each PDF/DOCX is its own capture, ingested as its own record (id from its URL) with
sidecar {"title": the link text without 附件N： and extension}; the page record lists it in
`attachments` (name, url: the parser reads them from the page) and the crawl state keeps the
link from the file to its page (crawl_pages.parent_url).

With `since`, detail links whose list row shows an older date are skipped, and pagination stops
at the first list page whose rows are all older. A site whose layout needs code subclasses this
class in one file and names it in its definition (spider = "module:Class").
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response
from scrapy.selector import Selector

from gongkai.crawlers.json_lists import ApiRequest, answer_links, answer_of, api_request, next_request
from gongkai.crawlers.list_links import PostBack, link_target, next_list_target, page_base, page_scripts, script_calls
from gongkai.crawlers.list_scripts import (
    JpageGroup,
    datastore_rows,
    has_datastore,
    jpage_first_group,
    jpage_next_group,
    rendered_list,
    script_next_page,
)
from gongkai.crawlers.loaded_scripts import ScriptReadingSpider
from gongkai.crawlers.pagetext import script_redirect
from gongkai.crawlers.sitedef import DisclosureSite
from gongkai.crawlers.spider_base import attachment_title, header_text
from gongkai.crawlers.state import url_key
from gongkai.dates import find_dates
from gongkai.parsers.file_links import file_kind
from gongkai.parsers.registry import page_extensions


class DisclosureSpider(ScriptReadingSpider):
    name = "disclosure"
    site: DisclosureSite
    since: date | None = None

    async def start(self) -> AsyncIterator[Any]:
        if self.site.json_list is not None:
            yield self.api_list_request(api_request(self.site.json_list, self.site.base_url, self.site.json_list.first_page), list_page=1)
            return
        for url in self.site.absolute_start_urls:
            yield self.list_request(url, self.parse_list, list_page=1)

    # ------------------------------------------------------------------ list pages
    def parse_list(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        self.run_stats.add(list_pages=1)
        needed = self.scripts_needed(response)
        if needed:  # its rows or its 下一页 call a function written in a .js file: read those first (loaded_scripts.py)
            yield self.script_request(needed, response)
            return
        yield from self.read_list(response)

    def read_list(self, response: Response) -> Iterator[Any]:
        """A list page's rows and its next page, once the .js files its functions are in are read."""
        pattern = re.compile(self.site.detail_url_pattern) if self.site.detail_url_pattern else None
        recent_rows = listed = 0
        for url, row_date in self.detail_links(response):
            listed += 1
            if pattern and not pattern.search(url):
                self.skip(url, f"does not match detail_url_pattern {self.site.detail_url_pattern!r}")
                continue
            if self.since and row_date is not None and row_date < self.since:
                self.skip(url, f"listed on {row_date}, before --since {self.since}")
                continue
            recent_rows += 1
            request = self.document_request(url, self.parse_detail)
            if request is not None:
                yield request
        page = response.meta.get("list_page", 1)
        if not listed and not response.meta.get("framed"):
            # An older site's list page that frames its list (<iframe src="list.jsp?lmid=12">, a <frameset>): the list
            # is the framed page, read as this list page (once: a framed page's own frames are not followed).
            for url in framed_pages(response, response.url):
                yield self.list_request(url, self.parse_list, list_page=page, framed=True)
        following = self.next_list_page(response)
        if following is None:
            return
        next_url = following if isinstance(following, str) else following.url
        # The next list page is read unless a limit or --since says otherwise; then it is named with the reason.
        if page >= self.site.max_list_pages:
            self.skip(next_url, f"max_list_pages={self.site.max_list_pages} read", outcome="over_limit", role="list")
        elif not self.budget_left():
            self.skip(next_url, f"max_pages={self.max_pages} reached: list page not read", outcome="over_limit", role="list")
        elif self.since and not recent_rows:
            self.skip(next_url, f"every row of the previous list page is older than --since {self.since}", role="list")
        else:
            yield self.next_list_request(following, response, page + 1)

    # ------------------------------------------------------------------ a list's functions kept in .js files
    def scripts_needed(self, response: Response) -> list[str]:
        """The same-host .js files of a list page still to read: only when its rows or its 下一页 call a function the
        page does not hold (a declared page_url reads the pager)."""
        if response.meta.get("api_request") is not None or not hasattr(response, "text"):
            return []
        view = self.list_view(response)
        if not script_calls(view, self.site.detail_links, "" if self.site.page_url else self.site.next_page):
            return []
        return self.scripts_to_read(view, response.meta.get("jpage_page_url") or response.url)

    def after_scripts(self, response: Response) -> Iterator[Any]:
        yield from self.read_list(response)

    def next_list_request(self, following: str | JpageGroup | ApiRequest | PostBack, response: Response, page: int) -> scrapy.Request:
        """The request for a next list page as next_list_page names it: a page, a Hanweb proxy group, a JSON API page, an
        ASP.NET postback (the page's form POSTed back: each page's answer carries the next one's __VIEWSTATE)."""
        if isinstance(following, PostBack):
            self.will_request(following.url)
            return scrapy.FormRequest(following.url, formdata=following.form, callback=self.parse_list, errback=self.on_error,
                                      meta={"listing": True, "list_page": page})
        if isinstance(following, ApiRequest):
            return self.api_list_request(following, list_page=page)
        if isinstance(following, JpageGroup):
            return self.jpage_request(following, response, list_page=page)
        return self.list_request(following, self.parse_list, list_page=page)

    def next_list_page(self, response: Response) -> str | JpageGroup | ApiRequest | PostBack | None:
        """The next list page's URL, or a Hanweb list's next group of rows (a proxy request), or a JSON list's next
        API page, or None."""
        api: ApiRequest | None = response.meta.get("api_request")
        if api is not None and self.site.json_list is not None:
            spec = self.site.json_list
            answer = answer_of(response.body)
            rows, _ = answer_links(spec, answer, self.html_rows)
            return next_request(spec, self.site.base_url, api, rows, answer)
        group: JpageGroup | None = response.meta.get("jpage_group")
        if group is not None:  # a proxy's answer: the group after it
            return jpage_next_group(group, len(datastore_rows(_text(response))), _text(response))
        text = _text(response)
        if has_datastore(text):
            found = jpage_first_group(response.url, text)
            if found is not None:
                return found
        return self.next_page_url(response)

    def jpage_request(self, group: JpageGroup, response: Response, **meta: Any) -> scrapy.Request:
        """The POST a Hanweb list's jpage script sends for a group of rows; the answer is read as rows of the page
        the list is on (`jpage_page`: their links are found by the definition's selector as in the browser)."""
        self.will_request(group.url)
        page_html = response.meta.get("jpage_page") or _text(response)
        meta.update(listing=True, jpage_group=group, jpage_page=page_html, jpage_page_url=response.meta.get("jpage_page_url", response.url))
        return scrapy.FormRequest(group.url, formdata=group.form, callback=self.parse_list, errback=self.on_error, meta=meta,
                                  headers={"X-Requested-With": "XMLHttpRequest"})

    def api_list_request(self, api: ApiRequest, **meta: Any) -> scrapy.Request:
        """A JSON list's API page, sent as the site's script sends it (GET, or a POST of a form or JSON)."""
        self.will_request(api.url)
        meta.update(listing=True, api_request=api)
        headers = {"Accept": "application/json, text/javascript, */*; q=0.01", "X-Requested-With": "XMLHttpRequest"}
        if api.content_type:
            headers["Content-Type"] = api.content_type
        # Each API page is asked every run (a list), and a POST's URL may be the same for every page: no dedup.
        return scrapy.Request(api.url, method=api.method, body=api.body, headers=headers, callback=self.parse_list,
                              errback=self.on_error, meta=meta, dont_filter=True)

    def list_view(self, response: Response) -> Any:
        """What the definition's selectors read on a list page: the response, or for a Hanweb list the page with its
        rows written in (a proxy's answer: the rows of that group, in the page they belong to)."""
        group = response.meta.get("jpage_group")
        if group is not None:
            return Selector(text=rendered_list(response.meta.get("jpage_page") or "", datastore_rows(_text(response))))
        text = _text(response)
        return Selector(text=rendered_list(text)) if has_datastore(text) else response

    # The two methods a site subclass overrides when its list pages are not plain HTML links.
    def detail_links(self, response: Response) -> Iterator[tuple[str, date | None]]:
        """(absolute detail URL, the date printed in its list row or None) for each link on a list page."""
        spec = self.site.json_list
        if spec is not None and response.meta.get("api_request") is not None:
            answer = answer_of(response.body)
            if answer is None:
                self.run_stats.error("bad_list_json")
                self.note(response.url, "failed", role="list", status=response.status, reason="the list API answered no JSON")
                return
            for link, day in answer_links(spec, answer, self.html_rows)[1]:
                yield urljoin(self.site.base_url + "/" if self.site.base_url else response.url, link), day
            return
        # a proxy's rows link from their page; a page's from its <base href> if it prints one
        base = response.meta.get("jpage_page_url") or page_base(response, response.url)
        view = self.list_view(response)
        for anchor, href in detail_hrefs(view, self.site, self.loaded_text(view, response.meta.get("jpage_page_url") or response.url)):
            yield urljoin(base, href), self._row_date(anchor) if self.since else None

    def html_rows(self, fragment: str) -> list[tuple[str, date | None]]:
        """A JSON list's rows given as HTML (json_list.html): its links by the site's selector, dates from their rows."""
        return [(href, self._row_date(anchor)) for anchor, href in detail_hrefs(Selector(text=fragment), self.site)]

    def next_page_url(self, response: Response) -> str | PostBack | None:
        """The `next_page` link (or the page its script opens, or an ASP.NET postback); else, on a list page paged by
        TRS's script, the page after this one; else a 下一页 link (crawlers/list_links.py)."""
        scripts = self.loaded_text(response, response.url)  # a pager function kept in a .js file the page loads
        return next_list_target(response, response.url, _text(response) + ("\n" + scripts if scripts else ""), self.site.next_page, self.site.page_url,
                                response.meta.get("list_page", 1))

    @staticmethod
    def _row_date(anchor: Any) -> date | None:
        """The date printed in the list row around a link (li, tr, dd or div), if any: the one printed alone in its own
        cell or span (`<span>2024-06-03</span>`, `<td>[2024年06月05日]</td>`), else one outside the link's text, else
        any. A title naming a day (关于2024年5月1日起调整公交线路的通告) does not date its row (crawl5: --since skipped
        such rows, and stopped at a page whose titles all named an older day)."""
        row = anchor.xpath("ancestor-or-self::*[self::li or self::tr or self::dd or self::div][1]")  # a clicked row: itself
        if not row:
            return None
        texts = [t.strip() for t in row.xpath(".//text()").getall() if t.strip()]
        for text in texts:  # a date alone in its element (brackets and a 发布日期： label aside)
            found = find_dates(text)
            if found and not _ALONE.sub("", text):
                return found[0]
        title = " ".join(anchor.xpath(".//text()").getall()) if anchor.root is not row[0].root else ""
        outside = " ".join(texts).replace(title.strip(), " ") if title.strip() else ""
        found = find_dates(outside) or find_dates(" ".join(texts))
        return found[0] if found else None

    # ------------------------------------------------------------------ detail pages and attachments
    def parse_detail(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        gone_to = script_redirect(response.body, header_text(response, "Content-Type")) if response.status == 200 else None
        if gone_to is not None:  # a page that only sends the browser on by script: followed as a redirect, not stored
            target = urljoin(response.url, gone_to)
            self.note(response.url, "redirected", role="detail", status=200, reason=f"to {target} (by script)")
            if urlsplit(target).netloc.lower() != urlsplit(response.url).netloc.lower():
                self.skip(target, f"another host, reached by script from {response.url}")
                return
            request = self.document_request(target, self.parse_detail)
            if request is not None:
                yield request
            return
        yield from self.read_detail(response)

    def read_detail(self, response: Response) -> Iterator[Any]:
        """A detail page (its frames written in when it has any: _next_frame) and its attachments."""
        # No sidecar: the page's own labels, label_overrides included, are read by the HTML parser (by the
        # capture's source), so `gongkai reparse` applies a fixed definition. Sidecars carry outside facts only.
        types = self.site.attachment_types
        if self.changed_document(response):
            frames = [url for url in framed_pages(response, response.url) if url_key(url) != url_key(response.url)][:MAX_FRAMES]
            if frames and not response.meta.get("frames_done"):  # its 信息索引 card is a page of its own: read it first
                yield self.frame_request(frames, response, {})
                return
            links = self.page_attachment_links(response, types)
            yield from self.document_outcome(response, attachment_links=links)
            yield from self.attachment_requests(links, types, self.parse_attachment, response.url)
        else:  # 304 or the same bytes: not parsed; the files it linked are asked again
            yield from self.document_outcome(response)
            yield from self.remembered_attachments(response, types, self.parse_attachment)

    # ------------------------------------------------------------------ a detail page's frames
    def frame_request(self, frames: list[str], page: Response, read: dict[str, str]) -> scrapy.Request:
        """A detail page's next frame on its host (`<iframe src="/xxgk/meta.jsp?id=12">`, where many 政务公开 systems
        show the 信息索引 card of 索引号, 文号 and 发布机构): read before the page is, and written into it."""
        self.will_request(frames[0])
        return scrapy.Request(frames[0], callback=self.parse_frame, errback=self.frame_failed, dont_filter=True,
                              meta={"role": "frame", "frame_of": page, "frames_left": frames[1:], "frames_read": read})

    def parse_frame(self, response: Response) -> Iterator[Any]:
        self.run_stats.add(downloaded_bytes=len(response.body))
        page = response.meta["frame_of"]
        self.note(response.url, "listed", role="frame", status=response.status, reason=f"a frame of {page.url}: written into its page")
        if response.status == 200 and hasattr(response, "text"):
            response.meta["frames_read"][response.request.url if response.request else response.url] = response.text
        yield from self._next_frame(response.meta)

    def frame_failed(self, failure: Any) -> Iterator[Any]:
        self.on_error(failure)  # the page is still read, without this frame
        yield from self._next_frame(failure.request.meta)

    def _next_frame(self, meta: Any) -> Iterator[Any]:
        page, read = meta["frame_of"], meta["frames_read"]
        if meta["frames_left"]:
            yield self.frame_request(meta["frames_left"], page, read)
            return
        encoding = str(getattr(page, "encoding", None) or "utf-8")
        composed = page.replace(body=framed_document(page.text, page.url, encoding, read)) if read else page
        composed.meta["frames_done"] = True  # (the request's meta, shared with the page)
        composed.meta["page_sha256"] = hashlib.sha256(page.body).hexdigest()  # the page's own bytes tell a change next time
        yield from self.read_detail(composed)

    def parse_attachment(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        title = attachment_title(response.meta.get("link_text", ""))
        yield from self.document_outcome(response, sidecar={"title": title} if title else {}, parent_url=response.meta.get("parent_url", ""))


# what surrounds a date printed alone in a list row's cell: brackets, a label, a clock time
_ALONE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?|[\s\[\]()（）【】]|"
                    r"(?:发布|成文|更新|公开)?(?:日期|时间)\s*[:：]")


def detail_hrefs(page: Any, site: DisclosureSite, loaded: str = "") -> Iterator[tuple[Any, str]]:
    """(element, href) of every usable link the site's `detail_links` selector finds on a list page
    (a Scrapy response or selector): an <a href>, or a row clicked to its page (`<tr onclick="window.open('…')">`,
    `<li data-href>`, `showDetail('123')` built by a function of the page's scripts, or of the .js files `loaded`:
    list_links.link_target). Shared by the spider and `gongkai sources check`, so that the check shows the links a
    crawl would follow."""
    scripts: str | None = None
    for anchor in page.css(site.detail_links):
        href = link_target(anchor)
        if href is None:
            if scripts is None:  # read once a page, only when a row has no link of its own
                scripts = page_scripts(page) + "\n" + loaded
            href = link_target(anchor, scripts)
        if href:
            yield anchor, href


def load_spider_class(path: str) -> type[DisclosureSpider]:
    """'module:Class' from a site definition -> the DisclosureSpider subclass."""
    import importlib

    module_name, _, class_name = path.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"spider {path!r}: cannot import it: {exc}") from None
    if not (isinstance(cls, type) and issubclass(cls, DisclosureSpider)):
        raise ValueError(f"spider {path!r} is not a DisclosureSpider subclass")
    return cls


MAX_FRAMES = 2  # a detail page's frames read into it


def framed_document(page_text: str, page_url: str, encoding: str, frames: dict[str, str]) -> bytes:
    """The detail page with each frame read (URL -> its HTML) written in place of its `<iframe>`, as the browser shows it:
    the frame's body in a `<div class="gongkai-frame" data-src="…">`, in the page's encoding, so that the parser reads the
    card's labels with the page's. Shared by the spider and `gongkai sources check`."""
    text = page_text
    for url, frame in frames.items():
        body = re.search(r"<body[^>]*>(.*)</body>", frame, re.S | re.I)
        inner = body[1] if body else re.sub(r"(?is)<head.*?</head>|</?html[^>]*>", "", frame)
        for tag in re.finditer(r"<iframe\b[^>]*?\bsrc\s*=\s*([\"']?)([^\"'\s>]+)\1[^>]*>(?:.*?</iframe>)?", text, re.S | re.I):
            if urljoin(page_url, html.unescape(tag[2])) == url:
                text = text[: tag.start()] + f'<div class="gongkai-frame" data-src="{html.escape(url)}">{inner}</div>' + text[tag.end():]
                break
    return text.encode(encoding or "utf-8", "xmlcharrefreplace")


def framed_pages(page: Any, page_url: str) -> list[str]:
    """The pages a list page (a Scrapy response or selector at `page_url`) shows in its frames (<iframe src>,
    <frame src>) on its own host, files aside. Shared by the spider and `gongkai sources check`."""
    if not hasattr(page, "css"):
        return []
    host = urlsplit(page_url).netloc.lower()
    pages = set(page_extensions())  # a frame showing a PDF is a file, not the list
    found: list[str] = []
    for src in page.css("iframe::attr(src), frame::attr(src)").getall():
        src = src.strip()
        if not src or src.startswith(("javascript:", "about:", "data:", "#")):
            continue
        url = urljoin(page_url, src)
        kind = file_kind(url)
        if urlsplit(url).netloc.lower() == host and (kind is None or kind in pages) and url not in found:
            found.append(url)
    return found


def _text(response: Response) -> str:
    # A list URL that answers with a file (a PDF in place of the list) has no text.
    return response.text if hasattr(response, "text") else ""


__all__ = ["DisclosureSpider", "load_spider_class", "script_next_page"]

