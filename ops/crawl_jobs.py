"""Crawl jobs: each crawl runs `python -m gongkai.crawlers.run` in a child process (crawlers.run.run_crawl_process).

Why a child: Scrapy's Twisted reactor can start only once per process, and the scheduler lives for months.
A child also contains a crawl that leaks memory or hangs. The child sees the scheduler's settings (same
environment, GONGKAI_CONFIG and working directory) and the same data directory. On a stop request the
child gets SIGTERM, which Scrapy treats as a graceful stop (requests in flight finish, the batch in hand is
ingested); the run is recorded as interrupted with the counts the child reported.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Callable

from gongkai.crawlers.run import CrawlFailed, run_crawl_process
from gongkai.ops.schedules import timezone_of

__all__ = ["CrawlFailed", "crawl_newspaper", "crawl_site"]


#: a crawl still running after this long is killed (a hung site must not hold its job forever)
DEFAULT_TIMEOUT_SECONDS = 6 * 3600
#: after SIGTERM, how long the child may take to finish its batch before it is killed
STOP_GRACE_SECONDS = 60


def _site_args(sites_dir: str | None, base_url: str | None, site: str) -> list[str]:
    args: list[str] = []
    if sites_dir:
        args += ["--sites-dir", str(sites_dir)]
    if base_url:
        args += ["--base-url", f"{site}={base_url}"]
    return args


def _run(engine: Any, args: list[str], should_stop: Callable[[], bool], timeout_seconds: float) -> tuple[list[dict[str, Any]], bool]:
    return run_crawl_process(
        args, engine.settings.data_dir, timeout_seconds=timeout_seconds, should_stop=should_stop,
        stop_grace_seconds=STOP_GRACE_SECONDS,
    )


def _merge(results: list[dict[str, Any]], stopped: bool) -> dict[str, Any]:
    counts: dict[str, Any] = {}
    errors: dict[str, int] = {}
    for result in results:
        for key, value in (result.get("counts") or {}).items():
            if key == "errors" and isinstance(value, dict):
                for kind, n in value.items():
                    errors[kind] = errors.get(kind, 0) + int(n)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                counts[key] = counts.get(key, 0) + value
        counts["crawl_run_id"] = result.get("run_id")
    counts["errors"] = errors
    if stopped:
        counts["stopped"] = True
    return counts


def crawl_site(engine: Any, site: str, should_stop: Callable[[], bool], sites_dir: str | None = None,
               base_url: str | None = None, max_pages: int = 0, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> dict[str, Any]:
    """Job target of `crawl:<site>`: one incremental crawl of a defined disclosure site."""
    args = _site_args(sites_dir, base_url, site)
    if max_pages:
        args += ["--max-pages", str(max_pages)]
    results, stopped = _run(engine, args + [site], should_stop, timeout_seconds)
    return _merge(results, stopped)


def crawl_newspaper(engine: Any, site: str, should_stop: Callable[[], bool], days: int = 1, day: str | None = None,
                    sites_dir: str | None = None, base_url: str | None = None,
                    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> dict[str, Any]:
    """Job target of `newspaper:<site>`: today's issue (in the scheduler's timezone), or the issue of `day`
    (YYYY-MM-DD); days=2 also re-reads the day before, for a paper that publishes late."""
    today = date.fromisoformat(day) if day else datetime.now(timezone_of(engine.settings.scheduler.timezone)).date()
    first = today - timedelta(days=max(days, 1) - 1)
    args = _site_args(sites_dir, base_url, site) + ["--newspaper", site, "--from", first.isoformat(), "--to", today.isoformat()]
    results, stopped = _run(engine, args, should_stop, timeout_seconds)
    return _merge(results, stopped)
