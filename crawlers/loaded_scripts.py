"""A list page's pager or row-opener function kept in a .js file the page loads (`<script src="/js/list.js">`):
`goPage(2)` or `showDetail('8a81f3')` is called in the HTML, but the URL it opens is written only in the file. When a
list page's rows or its 下一页 call a function its own scripts do not hold, the crawl fetches the page's scripts from its
own host (once a crawl each; libraries such as jQuery left out) and reads the function there, as it reads one printed in
the page (crawlers/list_links.py); a file that loads another (`document.write('<script src="/js/pager.js">')`,
`$.getScript('/js/pager.js')`, a script element given that `src`) has that one read after it, as the browser does. A
declared `page_url` still wins for the pager.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response

from gongkai.crawlers.spider_base import GongkaiSpider

# files that hold no site's pager: the common libraries and statistics scripts
_LIBRARIES = re.compile(r"jquery|bootstrap|vue|react|layui|layer\.js|swiper|echarts|html5shiv|respond|polyfill|axios|lodash|"
                        r"hm\.js|stat|analytics|wza|aria|barrierfree", re.I)
MAX_SCRIPTS = 8  # a crawl's .js files read per site


# a script loading another: document.write('<script src="/js/b.js"><\/script>'), $.getScript("/js/b.js"), s.src = "/js/b.js"
_LOADS = re.compile(r"""(?:<script[^>]*?\ssrc\s*=\s*\\?["']|(?:getScript|loadScript|require)\(\s*\[?\s*["']|\.src\s*=\s*["'])"""
                    r"""([^"'\\\s<>]+\.js(?:\?[^"'\\\s<>]*)?)""")


def page_script_urls(page: Any, page_url: str) -> list[str]:
    """The .js files a page loads from its own host, libraries aside, in order."""
    if not hasattr(page, "xpath"):
        return []
    return _own_scripts(page.xpath("//script/@src").getall(), page_url)


def loaded_script_urls(text: str, script_url: str) -> list[str]:
    """The .js files a script loads in its turn (relative to the page it runs in: a root path, as such scripts write)."""
    return _own_scripts([found[1] for found in _LOADS.finditer(text)], script_url)


def _own_scripts(sources: list[str], page_url: str) -> list[str]:
    host = urlsplit(page_url).netloc.lower()
    urls: list[str] = []
    for src in sources:
        url = urljoin(page_url, src.strip()).split("#", 1)[0]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc.lower() == host and not _LIBRARIES.search(parts.path.rsplit("/", 1)[-1]) \
                and url not in urls:
            urls.append(url)
    return urls


def script_text(response: Any) -> str:
    """A .js file's text (only its ASCII URLs matter: a wrong guess of its encoding costs nothing)."""
    try:
        return str(response.text)
    except AttributeError:
        return bytes(response.body).decode("utf-8", "replace")


class ScriptReadingSpider(GongkaiSpider):
    """A spider that reads a list page's .js files before its links when the page needs them: `scripts_needed(response)`
    names them, `script_request` fetches them one after another (each once a crawl), then `after_scripts(response)`
    reads the page with `loaded_text` at hand."""

    def loaded_scripts(self) -> dict[str, str]:
        """The .js files read in this crawl (URL -> text; "" when it could not be read)."""
        return self.__dict__.setdefault("_loaded_scripts", {})

    def scripts_to_read(self, page: Any, page_url: str) -> list[str]:
        loaded = self.loaded_scripts()
        return [url for url in self._page_scripts(page, page_url) if url not in loaded][: max(0, MAX_SCRIPTS - len(loaded))]

    def loaded_text(self, page: Any, page_url: str) -> str:
        """The text of the .js files read that `page` loads (and those they load)."""
        loaded = self.loaded_scripts()
        return "\n".join(loaded[url] for url in self._page_scripts(page, page_url) if loaded.get(url))

    def _page_scripts(self, page: Any, page_url: str) -> list[str]:
        """The page's own .js files, each followed by the files it loads (known once it is read)."""
        loaded = self.loaded_scripts()
        urls = page_script_urls(page, page_url)
        for url in urls:  # grows as it goes: a loaded file's own loads after it
            urls += [more for more in loaded_script_urls(loaded.get(url, ""), url) if more not in urls]
        return urls

    def after_scripts(self, response: Response) -> Iterator[Any]:
        raise NotImplementedError

    def script_request(self, urls: list[str], list_response: Response) -> scrapy.Request:
        self.will_request(urls[0])
        return scrapy.Request(urls[0], callback=self.parse_script, errback=self.script_failed, dont_filter=True,
                              meta={"role": "script", "list_response": list_response, "scripts_left": urls[1:]})

    def parse_script(self, response: Response) -> Iterator[Any]:
        self.run_stats.add(downloaded_bytes=len(response.body))
        loaded = self.loaded_scripts()
        url = response.request.url if response.request else response.url
        loaded[url] = script_text(response)
        self.note(response.url, "listed", role="script", status=response.status,
                  reason=f"a script of {response.meta['list_response'].url}: its pager or row functions read")
        left = response.meta["scripts_left"]
        # the files this one loads are read next (a common.js writing the <script> of the list's pager.js)
        more = [u for u in loaded_script_urls(loaded[url], url) if u not in loaded and u not in left]
        response.meta["scripts_left"] = more[: max(0, MAX_SCRIPTS - len(loaded) - len(left))] + left
        yield from self._next_script(response.meta)

    def script_failed(self, failure: Any) -> Iterator[Any]:
        self.on_error(failure)
        self.loaded_scripts()[failure.request.url] = ""
        yield from self._next_script(failure.request.meta)

    def _next_script(self, meta: Any) -> Iterator[Any]:
        if meta["scripts_left"]:
            yield self.script_request(meta["scripts_left"], meta["list_response"])
        else:
            yield from self.after_scripts(meta["list_response"])
