"""Sitemaps (sitemaps.org 0.9) of the record pages (feeds.record_page_path, /documents/{id}), for search engines.

    body = sitemap_root(store, base_url, page_size)        # None: nothing to list (the route answers 404)
    body = sitemap_page(store, base_url, page_size, n)     # None: past the end
    text = robots_txt(base_url)

One file holds at most `page_size` URLs (the protocol allows 50,000); beyond that /sitemap.xml is a
sitemap index pointing at /sitemap-{n}.xml. The pages sit at the root path because a sitemap may only
list URLs below its own folder (a page under /sitemaps/ could not list /documents/…). An empty
<urlset/> or <sitemapindex/> is invalid against the sitemaps.org schemas, so "nothing" is None, never
an empty document. Withdrawn records are left out.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from lxml import etree

from gongkai.feeds.atom import DEFAULT_PAGE_PATH, record_page_url
from gongkai.store import outbox as changes
from gongkai.uris import path_prefix

if TYPE_CHECKING:
    from gongkai.store.store import Store

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: Highest page number served: 2**31 pages of 50,000 URLs are far more than any store holds, and the
#: offset (number - 1) * page_size then stays well inside SQLite's 64-bit integers.
MAX_PAGE_NUMBER = 2**31 - 1
PAGE_PATH = "/sitemap-{n}.xml"


def page_url(base_url: str, number: int) -> str:
    return base_url.rstrip("/") + PAGE_PATH.format(n=number)


def sitemap_root(store: Store, base_url: str, page_size: int, page_path: str = DEFAULT_PAGE_PATH) -> bytes | None:
    """The urlset itself when everything fits one file, else the index of the pages; None for an empty store."""
    total = store.count(include_withdrawn=False)
    if total <= page_size:
        return sitemap_page(store, base_url, page_size, 1, page_path)
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for number in range(1, math.ceil(total / page_size) + 1):
        node = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        etree.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = page_url(base_url, number)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def sitemap_page(store: Store, base_url: str, page_size: int, number: int, page_path: str = DEFAULT_PAGE_PATH) -> bytes | None:
    """Page `number` (1-based) of the record URLs, by id; None past the end."""
    in_range = 1 <= number <= MAX_PAGE_NUMBER
    rows = changes.live_ids_page(store, (number - 1) * page_size, page_size) if in_range else []
    if not rows:
        return None
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for record_id, changed_at in rows:
        node = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = record_page_url(base_url, record_id, page_path)
        etree.SubElement(node, f"{{{SITEMAP_NS}}}lastmod").text = changed_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def robots_txt(base_url: str) -> str:
    """Crawlers may read the pages; the admin page and the JSON API are not for them; the sitemap is named.
    The rules name the public paths: served under a prefix (public_base_url https://portal/gongkai, a proxy passing
    /gongkai/ on), `Disallow: /admin` kept crawlers out of the portal's /admin and let them into /gongkai/admin."""
    base = base_url.rstrip("/")
    prefix = path_prefix(base)
    return f"User-agent: *\nDisallow: {prefix}/admin\nDisallow: {prefix}/api/\n\nSitemap: {base}/sitemap.xml\n"
