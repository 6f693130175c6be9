"""Run crawls in-process with Scrapy and persist their statistics.

    results = crawl_sites(settings, [site], CrawlOptions(max_pages=100))
    results = crawl_start_url(settings, "http://example.gov.cn/", CrawlOptions(max_depth=3))
    results = crawl_newspaper(settings, newspaper_site, [date(2024, 5, 6)], CrawlOptions())

Each call starts the Twisted reactor, which can run only once per process: a program that crawls
twice runs each crawl in a subprocess (`python -m gongkai.crawlers.child_process`, as the tests do).
All sites of one call are crawled concurrently; their ingest steps share one worker thread, so
the store and the index see one writer.
"""

from __future__ import annotations

import gc
import logging
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from gongkai.crawlers.outcomes import OutcomeLog
from gongkai.crawlers.sitedef import DisclosureSite, NewspaperSite, Politeness, label_rules
from gongkai.crawlers.state import CrawlState
from gongkai.crawlers.stats import RunStats
from gongkai.dates import beijing_today
from gongkai.settings import CrawlSettings

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from scrapy import Spider

    from gongkai.engine import Engine

# The default; operators name themselves with settings crawl.user_agent (GONGKAI_CRAWL__USER_AGENT).
USER_AGENT = CrawlSettings().user_agent
EventCallback = Callable[[str, str, dict[str, Any]], None]  # (site, kind, data)
#: A crawl's ingest session commits the index this often (and at the end): new pages become searchable within
#: it, and another process waiting for the index writer (the drop folder, `gongkai ingest`) gets it well inside
#: its 30 s lock timeout. Before the session, every batch of 50 pages was a commit.
CRAWL_COMMIT_SECONDS = 10.0
#: The cyclic garbage collector's thresholds while a crawl runs (Python's default: 700, 10, 10). Scrapy and Twisted
#: make and drop several hundred containers per request (requests, responses, Deferreds, coroutines), nearly all
#: freed by their reference counts; with the defaults each young collection also walked the crawl's long-lived
#: state (the site's known pages, the run's URL sets): 2,300 collections and 1.8-2.0 s of the 11.8-13.8 s CPU of a
#: re-crawl of 10,000 pages, 37 and 0.14 s with these (issue 17). Cycles are still collected, less often.
CRAWL_GC_THRESHOLD = (10_000, 20, 20)


@dataclass
class CrawlOptions:
    since: date | None = None
    max_pages: int = 0  # detail pages per site (discovery: pages in all); 0: no limit
    max_depth: int = 3  # discovery crawl only
    polite: bool = True  # False: no AutoThrottle, no delay, high concurrency (benchmarks on 127.0.0.1 only)
    user_agent: str = ""  # empty: settings crawl.user_agent
    ingest_batch: int = 50
    retry_backoff_seconds: float = 1.0
    timeout_seconds: float | None = None  # overrides the sites' politeness.timeout_seconds
    log_level: str = "ERROR"
    run_id: str = ""  # empty: a new one; a caller that follows the run's progress in crawl_runs chooses it


@dataclass
class SiteRun:
    """One spider run: built by the crawl_* functions, run together by `run_jobs`."""

    site_name: str
    spider_cls: type
    spider_kwargs: dict[str, Any]
    politeness: Politeness
    start_url: str = ""  # a crawl without a definition (--start-url): remembered as a source of its own
    stats: RunStats = field(init=False)

    def __post_init__(self) -> None:
        self.stats = RunStats(self.site_name)


def scrapy_settings(politeness: Politeness, options: CrawlOptions) -> dict[str, Any]:
    """Per-site Scrapy settings: robots.txt, AutoThrottle, per-domain concurrency, retries with backoff, timeouts."""
    polite = options.polite
    concurrency = politeness.concurrency if polite else 8  # 127.0.0.1: more only adds contention on a small machine
    return {
        "USER_AGENT": options.user_agent or USER_AGENT,
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_USER_AGENT": "gongkai",
        "AUTOTHROTTLE_ENABLED": polite,
        "AUTOTHROTTLE_START_DELAY": max(politeness.delay_seconds, 0.1),
        "AUTOTHROTTLE_MAX_DELAY": politeness.max_delay_seconds,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(concurrency),
        "DOWNLOAD_DELAY": politeness.delay_seconds if polite else 0,
        "DOWNLOAD_DELAY_JITTER": 0.5 if polite else 0,
        # One crawler per site: few requests wait in its queue, so a SIGTERM (graceful stop) ends within a few delays.
        "CONCURRENT_REQUESTS": max(4, 2 * concurrency) if polite else concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_TIMEOUT": options.timeout_seconds or politeness.timeout_seconds,
        "RETRY_TIMES": politeness.retries,
        "RETRY_BACKOFF_BASE": options.retry_backoff_seconds,
        "GONGKAI_INGEST_BATCH": options.ingest_batch,
    }


BASE_SETTINGS: dict[str, Any] = {
    "BOT_NAME": "gongkai",
    "TELNETCONSOLE_ENABLED": False,
    "COOKIES_ENABLED": False,
    "HTTPCACHE_ENABLED": False,
    "LOG_LEVEL": "ERROR",
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "gongkai.crawlers.middlewares.BackoffRetryMiddleware": 550,
        "gongkai.crawlers.middlewares.BackoffDelayMiddleware": 50,
        "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
        "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
        "gongkai.crawlers.middlewares.LoopStoppingRedirectMiddleware": 600,
        "gongkai.crawlers.middlewares.BodyMetaRefreshMiddleware": 580,
    },
    "ITEM_PIPELINES": {"gongkai.crawlers.pipeline.IngestPipeline": 300},
    # Items end on one ingest thread anyway; Scrapy starts CONCURRENT_ITEMS asyncio tasks per callback
    # output (100 by default), which was the largest cost of a re-crawl of 304s.
    "CONCURRENT_ITEMS": 4,
    # Our RunStats are the statistics; Scrapy's per-request downloader counters only cost time.
    "DOWNLOADER_STATS": False,
    # The per-request costs that are pure overhead here, found profiling a re-crawl of 10,000 304s (issue 17):
    # Scrapy re-reads and ast-parses a callback's source when its cache (weakly keyed by the bound method)
    # has lost it: about a tenth of a re-crawl's CPU. tests/test_crawl_units.py does that check on our spiders.
    "WARN_ON_GENERATOR_RETURN_VALUE": False,
    # Scrapy's own counters (nobody reads them: RunStats and crawl_outcomes are the record) and the two
    # spider middlewares that only feed them or warn: DEPTH_LIMIT is 0 (the discovery spider counts its own
    # page_depth) and MetaCopyDetection is a development aid. Each wraps every callback's output.
    "STATS_CLASS": "scrapy.statscollectors.DummyStatsCollector",
    "SPIDER_MIDDLEWARES": {
        "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
        "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
    },
    # They log Scrapy's counters, empty with the dummy collector.
    "EXTENSIONS": {"scrapy.extensions.corestats.CoreStats": None, "scrapy.extensions.logstats.LogStats": None},
    # Scrapy 2.19 starts, in every crawl, an HTTP server on 127.0.0.1 that runs the Python code POSTed to it
    # (RemoteControl, for its MCP server), and writes the port and token to ~/.local/state/scrapy/job_files. A
    # crawl of agency sites needs no remote code execution: off. (It also waited on that server at each stop.)
    "REMOTE_CONTROL_ENABLED": False,
}


def _spider_class(base: type[Spider], site_name: str, custom: dict[str, Any]) -> type[Spider]:
    """A subclass carrying the site's settings (Scrapy applies custom_settings per crawler)."""
    safe = "".join(ch if ch.isalnum() else "_" for ch in site_name)
    return type(f"{base.__name__}_{safe}", (base,), {"custom_settings": custom, "name": f"{base.name}-{site_name}"})


def disclosure_run(site: DisclosureSite, options: CrawlOptions) -> SiteRun:
    from gongkai.crawlers.disclosure_spider import DisclosureSpider, load_spider_class

    base = load_spider_class(site.spider) if site.spider else DisclosureSpider
    kwargs = {"site": site, "since": options.since, "max_pages": options.max_pages,
              "allowed_domains": site.domains(site.absolute_start_urls)}
    return SiteRun(site.name, base, kwargs, site.politeness)


def discovery_run(start_url: str, options: CrawlOptions, politeness: Politeness | None = None) -> SiteRun:
    from gongkai.crawlers.discovery_spider import DiscoverySpider

    host = urlsplit(start_url).netloc.lower()
    if not host or urlsplit(start_url).scheme not in ("http", "https"):
        raise ValueError(f"--start-url must be an http(s) URL, got {start_url!r}")
    kwargs = {"start_url": start_url, "max_pages": options.max_pages or 500, "max_depth": options.max_depth}
    return SiteRun(host.replace(":", "_")[:64], DiscoverySpider, kwargs, politeness or Politeness(), start_url=start_url)


def newspaper_run(site: NewspaperSite, dates: list[date], options: CrawlOptions) -> SiteRun:
    from gongkai.crawlers.newspaper_spider import NewspaperSpider

    kwargs = {"site": site, "dates": dates, "allowed_domains": site.domains([site.issue_url_for(dates[0])]) if dates else []}
    return SiteRun(site.name, NewspaperSpider, kwargs, site.politeness)


def run_jobs(settings: Any, runs: list[SiteRun], options: CrawlOptions, on_event: EventCallback | None = None,
             engine: Engine | None = None) -> list[dict[str, Any]]:
    """Crawl the runs concurrently in this process; returns one result per run:
    {"site", "run_id", "counts": RunStats.as_dict()}. Statistics are saved in crawl_runs."""
    with _fewer_collections():
        return _run_jobs(settings, runs, options, on_event, engine)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """CRAWL_GC_THRESHOLD for the length of a run, the caller's thresholds put back after it."""
    before = gc.get_threshold()
    gc.set_threshold(*CRAWL_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _run_jobs(settings: Any, runs: list[SiteRun], options: CrawlOptions, on_event: EventCallback | None,
              engine: Engine | None) -> list[dict[str, Any]]:
    from scrapy.crawler import CrawlerProcess

    from gongkai.engine import Engine

    own_engine = engine is None
    engine = engine or Engine(settings)
    # One ingest session for the whole run (all its sites): one parser pool, the index committed by time;
    # the HTML parser applies each defined site's label_overrides to the captures of its source.
    session = engine.ingest_session(label_overrides=label_rules(run.spider_kwargs["site"] for run in runs if "site" in run.spider_kwargs),
                                    commit_seconds=CRAWL_COMMIT_SECONDS)
    state = CrawlState.from_settings(settings)
    run_id = options.run_id or uuid.uuid4().hex[:16]
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gongkai-ingest")
    process = CrawlerProcess({**BASE_SETTINGS, "LOG_LEVEL": options.log_level, "LOG_INSTALL_ROOT_HANDLER": options.log_level != "ERROR"})
    logging.getLogger("scrapy").setLevel(options.log_level)
    rows: list[int] = []
    logs: list[OutcomeLog] = []
    try:
        for run in runs:
            row = state.start_run(run_id, run.site_name)
            rows.append(row)
            # on the run's database thread, beside the crawl: deleting a run's worth of rows need not delay its start
            executor.submit(_prune_quietly, state, run.site_name)
            if run.start_url:
                state.remember_source(run.site_name, "discovery", run.start_url,
                                      {k: run.spider_kwargs[k] for k in ("max_depth", "max_pages") if k in run.spider_kwargs})
            outcome_log = OutcomeLog(run_id, run.site_name, state)
            outcome_log.submit = executor.submit
            # a crawl killed later still shows what it had done (crawl_runs.counts, written with each batch of rows)
            outcome_log.on_flush = _counts_saver(state, row, run.stats, outcome_log)
            logs.append(outcome_log)
            custom = scrapy_settings(run.politeness, options)
            # A file over the parsers' size limit is cancelled while downloading, not read into memory.
            custom["DOWNLOAD_MAXSIZE"] = settings.parsers.max_file_bytes
            custom["DOWNLOAD_WARNSIZE"] = min(settings.parsers.max_file_bytes, 10 * 1024 * 1024)
            spider_cls = _spider_class(run.spider_cls, run.site_name, custom)
            site_event = _site_callback(on_event, run.site_name)
            source = run.spider_kwargs["site"].source if "site" in run.spider_kwargs else f"site:{run.site_name}"
            process.crawl(spider_cls, engine=engine, crawl_state=state, run_stats=run.stats, site_name=run.site_name,
                          source=source, on_event=site_event, ingest_executor=executor, ingest_session=session, outcome_log=outcome_log,
                          **run.spider_kwargs)
        process.start(stop_after_crawl=True)
    finally:
        executor.shutdown(wait=True)
        try:
            session.close()  # the index commit, the parser pool stopped
        except Exception:  # the run's counts are still saved below; the next ingest repairs the index
            logging.getLogger(__name__).exception("closing the crawl's ingest session failed")
        results = []
        for run, row, outcome_log in zip(runs, rows, logs):
            outcome_log.on_flush = None
            outcome_log.flush()
            counts = with_url_outcomes(run.stats.as_dict(), outcome_log)
            state.finish_run(row, counts)
            results.append({"site": run.site_name, "run_id": run_id, "counts": counts})
        state.close()
        if own_engine:
            engine.close()
    return results


def _prune_quietly(state: CrawlState, site: str) -> None:
    try:
        state.prune_outcomes(site)
    except Exception:  # old outcome rows stay until the next run; the crawl goes on
        logging.getLogger(__name__).exception("pruning the old outcome rows of %s failed", site)


def with_url_outcomes(counts: dict[str, Any], outcome_log: OutcomeLog) -> dict[str, Any]:
    """A run's counts plus its per-URL outcome counts and the URLs requested without an outcome (none, normally)."""
    unexplained = outcome_log.unexplained()
    counts = {**counts, "urls": outcome_log.counts(), "unexplained": len(unexplained)}
    if unexplained:
        counts["unexplained_urls"] = unexplained[:100]
    return counts


def _counts_saver(state: CrawlState, row: int, stats: RunStats, outcome_log: OutcomeLog) -> Callable[[], None]:
    def save() -> None:
        state.save_counts(row, {**stats.as_dict(), "urls": outcome_log.counts()})  # finished_at stays empty until the end
    return save


def _site_callback(on_event: EventCallback | None, site: str) -> Callable[[str, dict[str, Any]], None] | None:
    if on_event is None:
        return None
    return lambda kind, data: on_event(site, kind, data)


def _with_user_agent(options: CrawlOptions, settings: Any) -> CrawlOptions:
    if options.user_agent:
        return options
    crawl_settings = getattr(settings, "crawl", None)
    return replace(options, user_agent=crawl_settings.user_agent if crawl_settings else USER_AGENT)


def crawl_sites(settings: Any, sites: list[DisclosureSite | NewspaperSite], options: CrawlOptions | None = None,
                on_event: EventCallback | None = None, newspaper_dates: list[date] | None = None, engine: Engine | None = None) -> list[dict[str, Any]]:
    """Crawl defined sites (disclosure sites; newspapers for `newspaper_dates`, default today)."""
    options = _with_user_agent(options or CrawlOptions(), settings)
    runs = []
    for site in sites:
        if isinstance(site, NewspaperSite):
            runs.append(newspaper_run(site, newspaper_dates or [beijing_today()], options))
        else:
            runs.append(disclosure_run(site, options))
    return run_jobs(settings, runs, options, on_event, engine)


def crawl_start_url(settings: Any, start_url: str, options: CrawlOptions | None = None,
                    on_event: EventCallback | None = None, engine: Engine | None = None) -> list[dict[str, Any]]:
    options = _with_user_agent(options or CrawlOptions(), settings)
    return run_jobs(settings, [discovery_run(start_url, options)], options, on_event, engine)


def crawl_newspaper(settings: Any, site: NewspaperSite, dates: list[date], options: CrawlOptions | None = None,
                    on_event: EventCallback | None = None, engine: Engine | None = None) -> list[dict[str, Any]]:
    options = _with_user_agent(options or CrawlOptions(), settings)
    return run_jobs(settings, [newspaper_run(site, dates, options)], options, on_event, engine)
