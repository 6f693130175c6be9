"""Crawl a site that has no definition: `gongkai crawl --start-url URL`.

Follows links inside the start URL's host, breadth first, at most `max_depth` links deep and
`max_pages` pages in all, and keeps the pages that read as disclosure documents (a metadata block,
or an official document's 文号 header: gongkai.crawlers.pagetext.is_disclosure_page) plus the
PDF/DOCX files linked from any page it reads: from a document (its attachments) and from a list
page (an agency's 附件 list is a list of documents). Pages already known as documents, and files,
are fetched conditionally like the detail pages of a defined site; every other page is fetched each
run (it may list new ones). Links not followed (another host, a file type not crawled, deeper than
max_depth, over max_pages) are noted with their reason (crawlers.outcomes).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response
from scrapy.selector import Selector

from gongkai.crawlers.list_links import (
    PostBack,
    in_pager,
    link_target,
    next_list_target,
    page_base,
    page_scripts,
    script_calls,
)
from gongkai.crawlers.list_scripts import (
    JpageGroup,
    datastore_rows,
    has_datastore,
    jpage_first_group,
    jpage_next_group,
    rendered_list,
)
from gongkai.crawlers.loaded_scripts import ScriptReadingSpider
from gongkai.crawlers.pagetext import is_disclosure_page
from gongkai.crawlers.spider_base import attachment_title, header_text
from gongkai.crawlers.state import url_key
from gongkai.parsers.file_links import file_kind
from gongkai.parsers.registry import attachment_mime_types, default_attachment_types, non_page_extensions


class DiscoverySpider(ScriptReadingSpider):
    name = "discovery"
    start_url: str
    max_depth: int = 3
    attachment_types: tuple[str, ...] = ()  # empty: the registry's default attachment types (pdf, docx)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.host = urlsplit(self.start_url).netloc.lower()
        self.attachment_types = tuple(self.attachment_types or default_attachment_types())
        # file, media and asset extensions (from the parser registry): never read as pages
        self.skipped_extensions = frozenset(non_page_extensions())
        self.pages_requested = 0
        # links met only past max_depth, noted at the end: a shallower page may still lead to them
        self.too_deep: dict[str, str] = {}

    async def start(self) -> AsyncIterator[Any]:
        request = self.page_request(self.start_url, depth=0)
        if request is not None:
            yield request

    def page_request(self, url: str, depth: int) -> scrapy.Request | None:
        key = url_key(url)
        if key in self.requested:
            return None
        if self.max_pages and self.pages_requested >= self.max_pages:
            self.skip(url, f"max_pages={self.max_pages} pages read: not fetched", outcome="over_limit", role="page")
            return None
        self.pages_requested += 1
        known = self.known.get(key)
        if known and known.known_record:
            self.requested.discard(key)
            return self.document_request(url, self.parse_page, role="detail", page_depth=depth)
        self.requested.add(key)
        self.will_request(url)
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error, dont_filter=True,
                              meta={"page_depth": depth, "role": "page", "handle_httpstatus_list": [304, 404, 410]})

    def parse_page(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        content_type = header_text(response, "Content-Type").lower()
        if response.status == 200 and "html" not in content_type:
            # A link without a file extension that answers with a file: a document when it is one.
            if content_type.split(";", 1)[0].strip() in attachment_mime_types():
                yield from self.document_outcome(response, parent_url=response.meta.get("parent_url", ""))
            else:
                self.note(response.url, "skipped", role="page", status=200, reason=f"content type {content_type or '?'}: not a page or a document")
            return
        known = self.known.get(url_key(response.url))
        is_document = response.status == 200 and is_disclosure_page(response.body, content_type)
        if is_document or (known and known.known_record):
            types = list(self.attachment_types)
            if self.changed_document(response) and is_document:
                links = self.page_attachment_links(response, types)
                yield from self.document_outcome(response, attachment_links=links)
                yield from self.attachment_requests(links, types, self.parse_attachment, response.url)
            else:  # 304 or the same bytes: the files it linked when last parsed are asked again
                yield from self.document_outcome(response)
                yield from self.remembered_attachments(response, types, self.parse_attachment)
        else:
            self.run_stats.add(list_pages=1)
            if response.status in (404, 410):
                self.run_stats.error(f"http_{response.status}")
                self.note(response.url, "missing", role="page", status=response.status, reason=f"http_{response.status}")
                return
            self.note(response.url, "listed", role="page", status=response.status,
                      reason="no metadata block or 文号 header: read for its links")
        if response.status != 200:
            return
        if not is_document and self.scripts_needed(response):  # a list's row or pager function kept in a .js file
            yield self.script_request(self.scripts_needed(response), response)
            return
        yield from self.follow_links(response, response.meta.get("page_depth", 0), is_document)

    def scripts_needed(self, response: Response) -> list[str]:
        """A list page's .js files still to read when a row or its 下一页 calls a function the page does not hold."""
        if not hasattr(response, "text") or has_datastore(response.text):
            return []
        if not script_calls(response, "[onclick], a[href^='javascript:']", ""):
            return []
        return self.scripts_to_read(response, response.url)

    def after_scripts(self, response: Response) -> Iterator[Any]:
        yield from self.follow_links(response, response.meta.get("page_depth", 0), False)

    def follow_links(self, response: Response, depth: int, is_document: bool, page: Any = None, base: str = "") -> Iterator[Any]:
        """Every link of the page inside the host: files of the attachment types are fetched (an agency's 附件
        list is a list of documents), pages followed to max_depth; whatever is left is noted with its reason.
        `page`, `base`: the links of a Hanweb proxy's rows, written into the page they belong to (parse_jpage)."""
        text = response.text
        if page is None:
            # A Hanweb list's rows are a script's XML until jpage writes them in (crawlers/list_scripts.py): read as written.
            page = Selector(text=rendered_list(text)) if has_datastore(text) else response
        base = base or page_base(page, response.url)
        # A list's next page (a 下一页 link, a pager script, an ASP.NET postback: crawlers/list_links.py) is a sibling,
        # read at this page's depth; a TRS list's comes from its createPageHTML script (list_scripts.script_next_page).
        loaded = self.loaded_text(page, response.url) if response.meta.get("jpage_group") is None else ""
        following = None if response.meta.get("jpage_group") is not None else \
            next_list_target(page, response.url, text + ("\n" + loaded if loaded else ""), "", "", response.meta.get("list_page", 1))
        # links, and rows clicked to their page (<tr onclick="window.open('…')">, data-href: list_links.link_target)
        scripts: str | None = None
        for anchor in page.css("a[href], [onclick], [data-href], [data-url], [data-link]"):
            href = link_target(anchor)
            if href is None and (anchor.attrib.get("onclick") or (anchor.attrib.get("href") or "").startswith("javascript:")):
                scripts = page_scripts(page) + "\n" + loaded if scripts is None else scripts  # showDetail('123'): its function
                href = link_target(anchor, scripts)
            if href is None:
                continue
            url = urljoin(base, href).split("#", 1)[0]
            if url == following:
                continue  # requested below, at this page's depth
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                continue  # javascript:, mailto:, tel: are not links to documents
            if parts.netloc.lower() != self.host:
                self.skip(url, f"another host ({parts.netloc}): a --start-url crawl stays on {self.host}")
                continue
            extension = _extension(parts.path)
            link_text = " ".join(t.strip() for t in anchor.css("::text").getall() if t.strip())
            # typed by its path, a parameter naming the file, or its text (gongkai.parsers.file_links)
            if file_kind(url, link_text) in self.attachment_types:
                if not is_document:  # a document page's own attachments are requested with it (when it changed)
                    request = self.document_request(url, self.parse_attachment, role="attachment", parent_url=base,
                                                    link_text=link_text)
                    if request is not None:
                        yield request
                continue
            if extension in self.skipped_extensions:
                self.skip(url, f"file type .{extension} is not crawled (attachment types: {', '.join(self.attachment_types)})")
                continue
            # a paged list's own pager (首页, 末页, its page numbers) leads to the list's other pages: siblings, read at
            # this page's depth as its 下一页 is (the last page's rows reached through 末页 were one level too deep)
            sibling = following is not None and _pager_link(link_text) and in_pager(anchor)
            if depth >= self.max_depth and not sibling:
                self.too_deep.setdefault(url_key(url), url)
                continue
            request = self.page_request(url, depth if sibling else depth + 1)
            if request is not None:
                yield request
        # A Hanweb list's next rows come from its proxy (list_scripts.jpage_first_group), read at this page's depth.
        group = jpage_first_group(base, text) if response.meta.get("jpage_group") is None and has_datastore(text) else None
        if group is not None and urlsplit(group.url).netloc.lower() == self.host:
            yield self.jpage_request(group, text, base, depth)
        list_page = response.meta.get("list_page", 1) + 1
        if isinstance(following, PostBack) and urlsplit(following.url).netloc.lower() == self.host:
            if self.max_pages and self.pages_requested >= self.max_pages:
                self.skip(following.url, f"max_pages={self.max_pages} pages read: not fetched", outcome="over_limit", role="page")
            else:  # the same URL POSTed with the next page's event: not deduplicated by URL
                self.pages_requested += 1
                self.will_request(following.url)
                yield scrapy.FormRequest(following.url, formdata=following.form, callback=self.parse_page, errback=self.on_error,
                                         meta={"page_depth": depth, "role": "page", "list_page": list_page})
        elif isinstance(following, str) and urlsplit(following).netloc.lower() == self.host:
            request = self.page_request(following, depth)
            if request is not None:
                request.meta["list_page"] = list_page
                yield request

    def jpage_request(self, group: JpageGroup, page_html: str, page_url: str, depth: int) -> scrapy.Request:
        """The POST of a Hanweb list's next group of rows, as its jpage script sends it."""
        self.will_request(group.url)
        self.pages_requested += 1
        meta = {"page_depth": depth, "role": "page", "jpage_group": group, "jpage_page": page_html, "jpage_page_url": page_url}
        return scrapy.FormRequest(group.url, formdata=group.form, callback=self.parse_jpage, errback=self.on_error, meta=meta,
                                  headers={"X-Requested-With": "XMLHttpRequest"})

    def parse_jpage(self, response: Response) -> Iterator[Any]:
        """A Hanweb proxy's answer: its rows' links, read in the page they belong to, then the next group."""
        self.count_response(response)
        self.run_stats.add(list_pages=1)
        meta = response.meta
        if response.status != 200:
            return
        text = response.text if hasattr(response, "text") else ""
        rows = datastore_rows(text)
        page = Selector(text=rendered_list(meta["jpage_page"], rows))
        yield from self.follow_links(response, meta["page_depth"], False, page=page, base=meta["jpage_page_url"])
        following = jpage_next_group(meta["jpage_group"], len(rows), text)
        if following is not None:
            if self.max_pages and self.pages_requested >= self.max_pages:
                self.skip(following.url, f"max_pages={self.max_pages} pages read: not fetched", outcome="over_limit", role="page")
            else:
                yield self.jpage_request(following, meta["jpage_page"], meta["jpage_page_url"], meta["page_depth"])

    def closed(self, reason: str) -> None:
        for key, url in self.too_deep.items():
            if key not in self.requested:
                self.skip(url, f"deeper than --max-depth {self.max_depth}")
        super().closed(reason)

    def parse_attachment(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        title = attachment_title(response.meta.get("link_text", ""))
        yield from self.document_outcome(response, sidecar={"title": title} if title else {}, parent_url=response.meta.get("parent_url", ""))


def _pager_link(text: str) -> bool:
    """A pager's link to another page of the list: 首页, 末页/尾页, 上一页, a page number."""
    said = "".join(text.split())
    return said.isdigit() or said.strip("[]<>«»") in ("首页", "末页", "尾页", "最后一页", "上一页", "上页", "第一页")


def _extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""
