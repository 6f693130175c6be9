"""For `gongkai demo`: crawl the bundled fixture sites (three agency sites and 厦门日报) into the data dir.

    from gongkai.crawlers.demo import crawl_fixture_sites
    results = crawl_fixture_sites(settings, engine=engine)   # starts and stops the fixture servers

Starts the Twisted reactor: call it once per process.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.crawlers.fixture_server import fixture_sites_dir, start_fixture_sites
from gongkai.crawlers.runner import CrawlOptions, EventCallback, crawl_sites
from gongkai.crawlers.sitedef import load_sites

DEMO_ISSUES = [date(2024, 5, 6), date(2024, 5, 7), date(2024, 5, 8)]


def crawl_fixture_sites(settings: Any, engine: Any = None, on_event: EventCallback | None = None) -> list[dict[str, Any]]:
    """Serve the fixture sites on 127.0.0.1, crawl them all (fast, robots.txt still obeyed), stop them."""
    base_urls, stop = start_fixture_sites(slow_seconds=0.5)
    try:
        sites = load_sites([fixture_sites_dir()], base_urls)
        demo_sites = [sites[name] for name in base_urls if name in sites]
        return crawl_sites(settings, demo_sites, CrawlOptions(polite=False, retry_backoff_seconds=0.2), on_event,
                           newspaper_dates=DEMO_ISSUES, engine=engine)
    finally:
        stop()
