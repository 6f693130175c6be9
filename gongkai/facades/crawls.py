"""Crawls for the shells: the site definitions, crawling them, their state and history, checking a site.

Delegates to gongkai.crawlers (sitedef, in_process, state, check); the crawl runs in this process with the
shell's engine, as `gongkai crawl` always did. The formatting helpers and constants the shells show
(summary and attention lines, the outcomes a URL can have) are re-exported under the same names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai.crawlers.child_process import date_range
from gongkai.crawlers.outcomes import ATTENTION, OUTCOMES
from gongkai.crawlers.sitedef import AnySite, DisclosureSite, NewspaperSite
from gongkai.crawlers.stats import attention_line, summary_line

if TYPE_CHECKING:
    from gongkai.crawlers.check import CheckReport
    from gongkai.crawlers.fixture_server import FixtureSites
    from gongkai.crawlers.in_process import CrawlOptions, EventCallback
    from gongkai.crawlers.state import CrawlState
    from gongkai.engine import Engine
    from gongkai.settings import Settings

__all__ = ["ATTENTION", "OUTCOMES", "AnySite", "Crawls", "DisclosureSite", "NewspaperSite", "attention_line",
           "date_range", "summary_line"]


class Crawls:
    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self._engine = engine

    # -- the site definitions ------------------------------------------------------------------------------
    def sites(self, extra_dirs: Iterable[Path] = (), base_urls: dict[str, str] | None = None) -> dict[str, AnySite]:
        """Every definition by name: the built-in ones, then the folders `extra_dirs` (--sites-dir) and settings
        crawl.sites_dirs in that order, a later site replacing one of the same name. Raises SiteDefinitionError."""
        from gongkai.crawlers.sitedef import load_sites

        return load_sites([*extra_dirs, *self.settings.crawl.sites_dirs], base_urls)

    @staticmethod
    def label_rules(sites: Iterable[AnySite]) -> dict[str, dict[str, str]]:
        """Record source -> the site's label_overrides (what reparse and quarantine retry parse with)."""
        from gongkai.crawlers.sitedef import label_rules

        return label_rules(sites)

    @staticmethod
    def undefined_sources(sites: Iterable[AnySite], stored_sources: Iterable[str]) -> list[str]:
        """The stored records' `site:NAME` sources that none of `sites` defines (left as they are by a reparse)."""
        from gongkai.crawlers.sitedef import undefined_sources

        return undefined_sources(sites, stored_sources)

    # -- crawling ------------------------------------------------------------------------------------------
    @staticmethod
    def options(since: date | None = None, max_pages: int = 0, max_depth: int = 3) -> CrawlOptions:
        from gongkai.crawlers.in_process import CrawlOptions

        return CrawlOptions(since=since, max_pages=max_pages, max_depth=max_depth)

    def crawl_sites(self, sites: list[DisclosureSite | NewspaperSite], options: CrawlOptions | None = None,
                    on_event: EventCallback | None = None) -> list[dict[str, Any]]:
        """Crawl defined sites with this engine; one statistics dict a site."""
        from gongkai.crawlers.in_process import crawl_sites

        return crawl_sites(self.settings, sites, options, on_event, engine=self._engine())

    @staticmethod
    def discovery_site_name(start_url: str, options: CrawlOptions) -> str:
        """The site name a --start-url crawl records under. Raises ValueError for a URL it cannot crawl."""
        from gongkai.crawlers.in_process import discovery_run

        return discovery_run(start_url, options).site_name

    def crawl_start_url(self, start_url: str, options: CrawlOptions | None = None,
                        on_event: EventCallback | None = None) -> list[dict[str, Any]]:
        """A discovery crawl from one URL (no site definition)."""
        from gongkai.crawlers.in_process import crawl_start_url

        return crawl_start_url(self.settings, start_url, options, on_event, engine=self._engine())

    def crawl_newspaper(self, site: NewspaperSite, dates: list[date], options: CrawlOptions | None = None,
                        on_event: EventCallback | None = None) -> list[dict[str, Any]]:
        from gongkai.crawlers.in_process import crawl_newspaper

        return crawl_newspaper(self.settings, site, dates, options, on_event, engine=self._engine())

    # -- what the crawls did -------------------------------------------------------------------------------
    def state(self) -> CrawlState:
        """The crawl state: runs, pages known, what each run did with each URL."""
        from gongkai.crawlers.state import CrawlState

        return CrawlState.from_settings(self.settings)

    def check(self, site: AnySite, day: date | None = None) -> CheckReport:
        """One list page and one detail page fetched and parsed as a crawl would; nothing stored."""
        from gongkai.crawlers.check import check_site

        return check_site(site, self.settings, day)

    # -- the fixture sites (`gongkai demo`: they live in a checkout's tests/fixtures/sites) -------------------
    @staticmethod
    def fixture_sites_found() -> bool:
        from gongkai.crawlers.fixture_server import fixture_sites_dir

        return fixture_sites_dir().is_dir()

    @staticmethod
    def served_fixture_sites() -> AbstractContextManager[FixtureSites]:
        """The fixture sites served on 127.0.0.1 on their documented ports while the block runs."""
        from gongkai.crawlers.demo import served_fixture_sites

        return served_fixture_sites()

    def crawl_fixture_sites(self, sites: FixtureSites) -> list[dict[str, Any]]:
        """Crawl the served fixture sites with the real spiders into this engine."""
        from gongkai.crawlers.demo import crawl_fixture_sites

        return crawl_fixture_sites(self.settings, engine=self._engine(), sites=sites)
