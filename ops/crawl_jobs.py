"""Crawl jobs: each crawl runs `python -m gongkai.crawlers.child_process` in a child process (crawlers.child_process.run_crawl_process).

Why a child: Scrapy's Twisted reactor can start only once per process, and the scheduler lives for months.
A child also contains a crawl that leaks memory or hangs. The child sees the scheduler's settings (same
environment, GONGKAI_CONFIG and working directory) and the same data directory. On a stop request the
child gets SIGTERM, which Scrapy treats as a graceful stop (requests in flight finish, the batch in hand is
ingested); the run is recorded as interrupted with the counts the child reported.
While the child runs, its counts so far (crawl_runs, saved by the child with every ingest batch) are copied
into the job's counts, which the job's heartbeat writes into its run: a scheduler killed mid-crawl leaves a
run shown lost with what the crawl had committed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from gongkai.crawlers.child_process import CrawlFailed, run_crawl_process
from gongkai.ops.schedules import timezone_of

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

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


def _run(engine: Engine, args: list[str], should_stop: Callable[[], bool], timeout_seconds: float,
         ctx: Any = None) -> tuple[list[dict[str, Any]], bool]:
    run_id = uuid.uuid4().hex[:16]
    return run_crawl_process(
        [*args, "--run-id", run_id], engine.settings.data_dir, timeout_seconds=timeout_seconds, should_stop=should_stop,
        stop_grace_seconds=STOP_GRACE_SECONDS, on_tick=_follower(engine, run_id, ctx) if ctx is not None else None,
    )


def _follower(engine: Engine, run_id: str, ctx: Any, every_seconds: float = 2.0) -> Callable[[], None]:
    """Copies the child's committed counts (crawl_runs rows of `run_id`) into the job's counts."""
    from gongkai.crawlers.state import CrawlState

    last = [0.0]

    def follow() -> None:
        if time.monotonic() - last[0] < every_seconds:
            return
        last[0] = time.monotonic()
        state = CrawlState.from_settings(engine.settings)
        try:
            rows = [run for run in state.runs(limit=50) if run["run_id"] == run_id]
        finally:
            state.close()
        merged = _merge([{"counts": row["counts"], "run_id": run_id} for row in rows], False)
        numbers = {k: v for k, v in merged.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        ctx.counts.clear()
        ctx.counts.update(numbers)
    return follow


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


def crawl_site(engine: Engine, site: str, should_stop: Callable[[], bool], sites_dir: str | None = None,
               base_url: str | None = None, max_pages: int = 0, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
               batch: int = 0, ctx: Any = None) -> dict[str, Any]:
    """Job target of `crawl:<site>`: one incremental crawl of a defined disclosure site (`batch`: captures
    per ingest batch, 0 for the crawler's default of 50)."""
    args = _site_args(sites_dir, base_url, site)
    if max_pages:
        args += ["--max-pages", str(max_pages)]
    if batch:
        args += ["--batch", str(batch)]
    results, stopped = _run(engine, args + [site], should_stop, timeout_seconds, ctx)
    counts = _merge(results, stopped)
    _fail_when_nothing_answered(site, counts, ctx)
    return counts


def _fail_when_nothing_answered(site: str, counts: dict[str, Any], ctx: Any) -> None:
    """A disclosure crawl that got no response at all (DNS, connection refused, robots, timeouts on its list pages)
    reached nothing: a failed run, in `status`'s failed jobs and the alerts. It was recorded "ok … errors 1"."""
    errors = counts.get("errors") or {}
    if counts.get("stopped") or counts.get("pages") or not errors:
        return
    if ctx is not None:  # the failed run keeps the counts (the runner reads them from the job's context)
        ctx.counts.update({k: v for k, v in counts.items() if isinstance(v, (int, float)) and not isinstance(v, bool)})
        ctx.counts["errors"] = sum(errors.values())
    said = ", ".join(f"{kind} {n}" for kind, n in sorted(errors.items()))
    raise CrawlFailed(f"站点无响应 / nothing answered from {site}: no page was fetched ({said}); see gongkai crawl history {site}")


def crawl_newspaper(engine: Engine, site: str, should_stop: Callable[[], bool], days: int = 1, day: str | None = None,
                    sites_dir: str | None = None, base_url: str | None = None,
                    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS, ctx: Any = None) -> dict[str, Any]:
    """Job target of `newspaper:<site>`: today's issue (in the scheduler's timezone), or the issue of `day`
    (YYYY-MM-DD); days=2 also re-reads the day before, for a paper that publishes late."""
    today = date.fromisoformat(day) if day else datetime.now(timezone_of(engine.settings.scheduler.timezone)).date()
    first = today - timedelta(days=max(days, 1) - 1)
    args = _site_args(sites_dir, base_url, site) + ["--newspaper", site, "--from", first.isoformat(), "--to", today.isoformat()]
    results, stopped = _run(engine, args, should_stop, timeout_seconds, ctx)
    return _merge(results, stopped)
