"""Crawl jobs: each crawl runs `python -m gongkai.crawlers.run` in a child process.

Why a child: Scrapy's Twisted reactor can start only once per process, and the scheduler lives for months.
A child also contains a crawl that leaks memory or hangs. The child sees the scheduler's settings (same
environment, GONGKAI_CONFIG and working directory) and the same data directory. On a stop request the
child gets SIGTERM, which Scrapy treats as a graceful stop (requests in flight finish, the batch in hand is
ingested); the run is recorded as interrupted with the counts the child reported.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable

from gongkai.ops.schedules import timezone_of

log = logging.getLogger("gongkai.ops.crawl")

#: a crawl still running after this long is killed (a hung site must not hold its job forever)
DEFAULT_TIMEOUT_SECONDS = 6 * 3600
#: after SIGTERM, how long the child may take to finish its batch before it is killed
STOP_GRACE_SECONDS = 60


class CrawlFailed(RuntimeError):
    pass


def _base_args(engine: Any, sites_dir: str | None, base_url: str | None, site: str) -> list[str]:
    args = [sys.executable, "-m", "gongkai.crawlers.run", "--data-dir", str(Path(engine.settings.data_dir).resolve())]
    if sites_dir:
        args += ["--sites-dir", str(sites_dir)]
    if base_url:
        args += ["--base-url", f"{site}={base_url}"]
    return args


def run_crawl_child(command: list[str], should_stop: Callable[[], bool], timeout_seconds: float) -> tuple[list[dict[str, Any]], bool]:
    """Run the crawl child; returns (its results, whether it was stopped on request). Raises CrawlFailed."""
    log.info("crawl: %s", " ".join(command))
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    started = time.monotonic()
    stop_sent_at: float | None = None
    while True:
        try:
            stdout, stderr = proc.communicate(timeout=0.5)  # retrying after a timeout loses no output
            break
        except subprocess.TimeoutExpired:
            now = time.monotonic()
            if stop_sent_at is None and should_stop():
                proc.send_signal(signal.SIGTERM)
                stop_sent_at = now
            elif stop_sent_at is not None and now - stop_sent_at > STOP_GRACE_SECONDS:
                proc.kill()
            elif now - started > timeout_seconds:
                proc.kill()
                proc.communicate()
                raise CrawlFailed(f"the crawl ran longer than {timeout_seconds:.0f} s and was killed: {' '.join(command)}")
    stopped = stop_sent_at is not None
    if proc.returncode != 0 and not (stopped and stdout.strip()):
        raise CrawlFailed(f"the crawl process exited with {proc.returncode}: {stderr.strip()[-3000:]}")
    lines = [line for line in stdout.splitlines() if line.strip()]
    try:
        results = json.loads(lines[-1]) if lines else []
    except ValueError:
        raise CrawlFailed(f"the crawl process printed no result: {stdout[-1000:]!r} {stderr[-2000:]}") from None
    return results, stopped


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
    command = _base_args(engine, sites_dir, base_url, site)
    if max_pages:
        command += ["--max-pages", str(max_pages)]
    results, stopped = run_crawl_child(command + [site], should_stop, timeout_seconds)
    return _merge(results, stopped)


def crawl_newspaper(engine: Any, site: str, should_stop: Callable[[], bool], days: int = 1, day: str | None = None,
                    sites_dir: str | None = None, base_url: str | None = None,
                    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS) -> dict[str, Any]:
    """Job target of `newspaper:<site>`: today's issue (in the scheduler's timezone), or the issue of `day`
    (YYYY-MM-DD); days=2 also re-reads the day before, for a paper that publishes late."""
    today = date.fromisoformat(day) if day else datetime.now(timezone_of(engine.settings.scheduler.timezone)).date()
    first = today - timedelta(days=max(days, 1) - 1)
    command = _base_args(engine, sites_dir, base_url, site) + ["--newspaper", site, "--from", first.isoformat(), "--to", today.isoformat()]
    results, stopped = run_crawl_child(command, should_stop, timeout_seconds)
    return _merge(results, stopped)
