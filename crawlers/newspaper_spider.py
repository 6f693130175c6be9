"""The newspaper spider: 厦门日报 digital edition, issue by issue.

For each date: the issue's first page (from the `issue_url` template), the other pages (版面) linked
from it, and on each page the articles. An article is a notice column when its page's name matches
`notice_pages` (便民公告, 分类广告 ...) or its own title is a notice heading matching `notice_titles`
(遗失声明, 停电通知, 注销公告 ...); notice columns go to the notice splitter
(the run's ingest session, notices=True) with the issue date as the sidecar's publish_date.
Other articles (news) are not collected. Articles do not change once printed, but are still
requested conditionally: a re-crawl of the same dates downloads almost nothing.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any

from scrapy.http import Response

from gongkai.crawlers.sitedef import NewspaperSite
from gongkai.crawlers.spider_base import GongkaiSpider
from gongkai.textnorm import clean_inline

_HEADING_MAX_CHARS = 24  # "国有建设用地使用权挂牌出让公告" is a heading; a news headline is longer or not a notice


class NewspaperSpider(GongkaiSpider):
    name = "newspaper"
    site: NewspaperSite
    dates: list[date]

    async def start(self) -> AsyncIterator[Any]:
        for day in self.dates:
            yield self.list_request(self.site.issue_url_for(day), self.parse_page, issue_date=day, page_name="")

    def parse_page(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        self.run_stats.add(list_pages=1)
        day: date = response.meta["issue_date"]
        names = {response.urljoin(a.attrib.get("href", "")): clean_inline(" ".join(a.css("::text").getall()))
                 for a in response.css(self.site.page_links)}
        page_name = response.meta.get("page_name") or names.get(response.url, "") or clean_inline(" ".join(response.css("title::text").getall()))
        if response.meta.get("first_page", True):
            for url, name in names.items():
                if url != response.url:
                    yield self.list_request(url, self.parse_page, issue_date=day, page_name=name, first_page=False)
        notice_page = bool(re.search(self.site.notice_pages, page_name))
        for anchor in response.css(self.site.article_links):
            title = clean_inline(" ".join(anchor.css("::text").getall()))
            if not (notice_page or (len(title) <= _HEADING_MAX_CHARS and re.search(self.site.notice_titles, title))):
                continue
            request = self.document_request(response.urljoin(anchor.attrib.get("href", "")), self.parse_article,
                                            role="article", issue_date=day, column=title)
            if request is not None:
                yield request

    def on_error(self, failure: Any) -> None:
        """An issue that does not exist (no paper that day) is not an error of the crawl."""
        request = getattr(failure, "request", None)
        response = getattr(getattr(failure, "value", None), "response", None)
        if request is not None and request.meta.get("first_page", True) and "issue_date" in request.meta \
                and "role" not in request.meta and response is not None and response.status == 404:
            self.run_stats.error("no_issue")
            self.emit("error", {"url": request.url, "kind": "no_issue"})
            self.note_failure(request, "no_issue", "no paper that day")
            return
        super().on_error(failure)

    def parse_article(self, response: Response) -> Iterator[Any]:
        self.count_response(response)
        day: date = response.meta["issue_date"]
        yield from self.document_outcome(response, notices=True, sidecar={"publish_date": day.isoformat()})
