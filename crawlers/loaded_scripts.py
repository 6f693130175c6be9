"""A list page's pager or row-opener function kept in a .js file the page loads (`<script src="/js/list.js">`):
`goPage(2)` or `showDetail('8a81f3')` is called in the HTML, but the URL it opens is written only in the file. When a
list page's rows or its 下一页 call a function its own scripts do not hold, the crawl fetches the page's scripts from its
own host (once a crawl each; libraries such as jQuery left out) and reads the function there, as it reads one printed in
the page (crawlers/list_links.py). A declared `page_url` still wins for the pager.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

# files that hold no site's pager: the common libraries and statistics scripts
_LIBRARIES = re.compile(r"jquery|bootstrap|vue|react|layui|layer\.js|swiper|echarts|html5shiv|respond|polyfill|axios|lodash|"
                        r"hm\.js|stat|analytics|wza|aria|barrierfree", re.I)
MAX_SCRIPTS = 8  # a crawl's .js files read per site


def page_script_urls(page: Any, page_url: str) -> list[str]:
    """The .js files a page loads from its own host, libraries aside, in order."""
    if not hasattr(page, "xpath"):
        return []
    host = urlsplit(page_url).netloc.lower()
    urls: list[str] = []
    for src in page.xpath("//script/@src").getall():
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
