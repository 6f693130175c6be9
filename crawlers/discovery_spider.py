"""Crawl a site that has no definition: `gongkai crawl --start-url URL`.

Follows links inside the start URL's host, breadth first, at most `max_depth` links deep and
`max_pages` pages in all, and keeps only the pages that read as disclosure documents (a metadata
block, or an official document's 文号 header: gongkai.crawlers.pagetext.is_disclosure_page) plus
the PDF/DOCX files they link to. Pages already known as documents are fetched conditionally like
the detail pages of a defined site; every other page is fetched each run (it may list new ones).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from gongkai.crawlers.pagetext import is_disclosure_page
from gongkai.crawlers.spider_base import GongkaiSpider, attachment_title
from gongkai.record import canonical_url

_SKIPPED_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".css", ".js", ".zip", ".rar", ".mp4", ".xls", ".xlsx", ".doc", ".wps", ".ico", ".svg")


class DiscoverySpider(GongkaiSpider):
    name = "discovery"
    start_url: str
    max_depth: int = 3
    attachment_types: tuple[str, ...] = ("pdf", "docx")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.host = urlsplit(self.start_url).netloc.lower()
        self.pages_requested = 0

    async def start(self) -> AsyncIterator[Any]:
        yield self.page_request(self.start_url, depth=0)

    def page_request(self, url: str, depth: int) -> scrapy.Request | None:
        key = canonical_url(url)
        if key in self.requested or (self.max_pages and self.pages_requested >= self.max_pages):
            return None
        self.pages_requested += 1
        known = self.known.get(key)
        if known and known.known_record:
            self.requested.discard(key)
            return self.document_request(url, self.parse_page, role="detail", page_depth=depth)
        self.requested.add(key)
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error, dont_filter=True,
                              meta={"page_depth": depth, "role": "page", "handle_httpstatus_list": [304, 404, 410]})

    def parse_page(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if response.status == 200 and "html" not in content_type:
            return
        known = self.known.get(canonical_url(response.url))
        is_document = response.status == 200 and is_disclosure_page(response.body, content_type)
        if is_document or (known and known.known_record):
            new_bytes = self.changed_document(response)
            yield from self.document_outcome(response)
            if new_bytes and is_document:
                for request in self.attachment_requests(response, list(self.attachment_types), self.parse_attachment):
                    yield request
        else:
            self.run_stats.add(list_pages=1)
            if response.status in (404, 410):
                self.run_stats.error(f"http_{response.status}")
                return
        if response.status != 200:
            return
        depth = response.meta.get("page_depth", 0)
        if depth >= self.max_depth:
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc.lower() != self.host:
                continue
            if parts.path.lower().endswith(_SKIPPED_EXTENSIONS + tuple("." + t for t in self.attachment_types)):
                continue
            request = self.page_request(url.split("#", 1)[0], depth + 1)
            if request is not None:
                yield request

    def parse_attachment(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        title = attachment_title(response.meta.get("link_text", ""))
        yield from self.document_outcome(response, sidecar={"title": title} if title else {}, parent_url=response.meta.get("parent_url", ""))
