"""For `gongkai demo`: crawl the bundled fixture sites (three agency sites and 厦门日报) into the data dir.

    from gongkai.crawlers.demo import crawl_fixture_sites, served_fixture_sites
    results = crawl_fixture_sites(settings, engine=engine)   # starts and stops the fixture servers
    with served_fixture_sites() as sites:                     # or: keep them up after the crawl (demo page links)
        results = crawl_fixture_sites(settings, engine=engine, sites=sites)

The sites are served on the ports of their definitions' base_url (127.0.0.1:8801-8804), so every run
crawls the same URLs: the records, their ids and the counts are the same when the demo runs again, and
`python -m gongkai.crawlers.fixture_server` brings the records' source links back after the demo.
Starts the Twisted reactor: call it once per process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from gongkai.crawlers.fixture_server import FixtureSites, fixture_sites_dir
from gongkai.crawlers.in_process import CrawlOptions, EventCallback, crawl_sites
from gongkai.crawlers.sitedef import load_sites

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

DEMO_ISSUES = [date(2024, 5, 6), date(2024, 5, 7), date(2024, 5, 8)]


@contextmanager
def served_fixture_sites() -> Iterator[FixtureSites]:
    """The fixture sites served on their documented ports (a taken port falls back: see FixtureSites.moved)."""
    sites = FixtureSites.from_folder(fixture_sites_dir(), slow_seconds=0.5)
    sites.start(documented_ports=True)
    try:
        yield sites
    finally:
        sites.stop()


def crawl_fixture_sites(settings: Any, engine: Engine | None = None, on_event: EventCallback | None = None,
                        sites: FixtureSites | None = None) -> list[dict[str, Any]]:
    """Crawl the fixture sites (fast, robots.txt still obeyed); served here for the crawl unless `sites` are given."""
    if sites is None:
        with served_fixture_sites() as served:
            return crawl_fixture_sites(settings, engine, on_event, served)
    definitions = load_sites([fixture_sites_dir()], sites.base_urls)
    demo_sites = [definitions[name] for name in sites.base_urls if name in definitions]
    return crawl_sites(settings, demo_sites, CrawlOptions(polite=False, retry_backoff_seconds=0.2), on_event,
                       newspaper_dates=DEMO_ISSUES, engine=engine)
