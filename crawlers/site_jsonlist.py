"""A site whose list is a JSON API (common on newer 政务公开 platforms: the list page is filled by
JavaScript from /api/...list?page=N). Detail pages are ordinary HTML disclosure pages.

Use it from a site definition:
    spider = "gongkai.crawlers.site_jsonlist:JsonListSpider"
    start_urls = ["/api/xxgk/list_1.json"]

The JSON is {"list": [{"url": ..., "date": ...}, ...], "next": URL or null}; the keys below say
where each value is, so a similar API needs only a subclass that changes them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from scrapy.http import Response

from gongkai.crawlers.disclosure_spider import DisclosureSpider
from gongkai.dates import parse_date


class JsonListSpider(DisclosureSpider):
    items_key = "list"
    url_key = "url"
    date_key = "date"
    next_key = "next"

    def _payload(self, response: Response) -> dict:
        try:
            data = json.loads(response.body)
        except ValueError:
            self.run_stats.error("bad_list_json")
            return {}
        return data if isinstance(data, dict) else {}

    def detail_links(self, response: Response) -> Iterator[tuple[str, date | None]]:
        for item in self._payload(response).get(self.items_key) or []:
            if isinstance(item, dict) and item.get(self.url_key):
                try:
                    day = parse_date(str(item.get(self.date_key) or ""))
                except ValueError:
                    day = None
                yield response.urljoin(str(item[self.url_key])), day

    def next_page_url(self, response: Response) -> str | None:
        nxt = self._payload(response).get(self.next_key)
        return response.urljoin(str(nxt)) if nxt else None
