"""`python -m gongkai.crawlers.child_process`: one crawl in a fresh process, results as JSON on stdout.

The Twisted reactor starts once per process, so tests, the benchmark and anything else that crawls
more than once run each crawl through this entry point:

    python -m gongkai.crawlers.child_process --data-dir DATA --sites-dir tests/fixtures/sites \
        --base-url xm-fgw=http://127.0.0.1:5001 xm-fgw
    python -m gongkai.crawlers.child_process --data-dir DATA --start-url http://127.0.0.1:5001/ --max-pages 50
    python -m gongkai.crawlers.child_process --data-dir DATA --sites-dir ... --base-url xmrb=... --newspaper xmrb \
        --from 2024-05-06 --to 2024-05-08
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger("gongkai.crawlers.child_process")


def date_range(start: date, end: date) -> list[date]:
    if end < start:
        raise ValueError(f"the date range is empty: {start} is after {end}")
    if (end - start).days > 366:
        raise ValueError("a date range may cover at most one year")
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


PARENT_ENV = "GONGKAI_CRAWL_PARENT_PID"


def stop_when_orphaned(poll_seconds: float = 1.0) -> None:
    """A crawl child whose parent died (a SIGKILLed scheduler) stops gracefully (SIGTERM to itself: Scrapy
    finishes the batch in hand and records the run) instead of crawling on for hours with nobody to read it."""
    parent = os.environ.get(PARENT_ENV, "")
    if not parent.isdigit():
        return

    def watch() -> None:
        while os.getppid() == int(parent):
            time.sleep(poll_seconds)
        log.warning("the process that started this crawl (pid %s) is gone: stopping", parent)
        os.kill(os.getpid(), signal.SIGTERM)

    import threading

    threading.Thread(target=watch, name="gongkai-orphan-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    # Imported here, in the child: a process that only starts crawl children (the scheduler) never loads Scrapy.
    from gongkai.crawlers.in_process import CrawlOptions, crawl_newspaper, crawl_sites, crawl_start_url
    from gongkai.crawlers.sitedef import DisclosureSite, NewspaperSite, SiteDefinitionError, load_sites
    from gongkai.dates import beijing_today, parse_date
    from gongkai.settings import SettingsError, load_settings

    parser = argparse.ArgumentParser(prog="python -m gongkai.crawlers.child_process", description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="*", help="site names (default: every defined disclosure site)")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--sites-dir", type=Path, action="append", default=[], help="extra folder of site definitions")
    parser.add_argument("--base-url", action="append", default=[], metavar="NAME=URL", help="override a site's base_url")
    parser.add_argument("--since", help="only documents listed with this date or later")
    parser.add_argument("--max-pages", type=int, default=0)
    parser.add_argument("--max-depth", type=int, default=3)
    parser.add_argument("--start-url", help="crawl a site without a definition from this URL")
    parser.add_argument("--newspaper", help="newspaper site name")
    parser.add_argument("--date", dest="day")
    parser.add_argument("--from", dest="date_from")
    parser.add_argument("--to", dest="date_to")
    parser.add_argument("--fast", action="store_true", help="no politeness delays (127.0.0.1 benchmarks only)")
    parser.add_argument("--timeout", type=float, default=None, help="download timeout in seconds")
    parser.add_argument("--backoff", type=float, default=1.0, help="first retry delay in seconds")
    parser.add_argument("--batch", type=int, default=50, help="captures per ingest batch")
    parser.add_argument("--log-level", default="ERROR")
    parser.add_argument("--run-id", default="", help="the run's id in crawl_runs (default: a new one)")
    args = parser.parse_args(argv)
    stop_when_orphaned()
    try:
        settings = load_settings(data_dir=args.data_dir)
        base_urls = dict(item.split("=", 1) for item in args.base_url)
        options = CrawlOptions(
            since=parse_date(args.since) if args.since else None, max_pages=args.max_pages, max_depth=args.max_depth,
            polite=not args.fast, timeout_seconds=args.timeout, retry_backoff_seconds=args.backoff,
            ingest_batch=args.batch, log_level=args.log_level, run_id=args.run_id,
        )
        if args.start_url:
            if args.since:
                raise ValueError("--since needs a site definition (list pages with dates); a --start-url crawl has none")
            results = crawl_start_url(settings, args.start_url, options)
        else:
            sites = load_sites(args.sites_dir, base_urls)
            if args.newspaper:
                site = sites.get(args.newspaper)
                if not isinstance(site, NewspaperSite):
                    raise ValueError(f"{args.newspaper!r} is not a defined newspaper")
                start = parse_date(args.day or args.date_from) or beijing_today()
                end = parse_date(args.day or args.date_to) or start
                results = crawl_newspaper(settings, site, date_range(start, end), options)
            else:
                unknown = [name for name in args.sites if name not in sites]
                if unknown:
                    raise ValueError(f"no site definition named {', '.join(unknown)}")
                chosen: list[DisclosureSite | NewspaperSite] = (
                    [sites[n] for n in args.sites] if args.sites else [s for s in sites.values() if not isinstance(s, NewspaperSite)]
                )
                results = crawl_sites(settings, chosen, options)
    except (SettingsError, SiteDefinitionError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    json.dump(results, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0



class CrawlFailed(RuntimeError):
    """The crawl child failed: it exited with an error, printed no result, or ran past its time limit."""


def crawl_command(args: list[str], data_dir: Path | str) -> list[str]:
    """The command line of one crawl child (`python -m gongkai.crawlers.child_process ...`) on `data_dir`."""
    return [sys.executable, "-m", "gongkai.crawlers.child_process", "--data-dir", str(Path(data_dir).resolve()), *args]


def run_crawl_process(
    args: list[str],
    data_dir: Path | str,
    *,
    timeout_seconds: float = 300,
    should_stop: Callable[[], bool] = lambda: False,
    stop_grace_seconds: float = 60,
    env: dict[str, str] | None = None,
    drop_env: tuple[str, ...] = (),
    on_tick: Callable[[], None] | None = None,
) -> tuple[list[dict[str, Any]], bool]:
    """Run one crawl in a fresh Python process (a fresh Twisted reactor); returns (its results, whether it
    was stopped on request). The one way every caller (scheduler jobs, tests, benchmarks) runs a crawl child.

    When `should_stop()` turns true the child gets SIGTERM, which Scrapy treats as a graceful stop
    (requests in flight finish, the batch in hand is ingested); after `stop_grace_seconds` it is killed.
    A child running past `timeout_seconds` is killed: a hung site must not hold its job forever.
    The child inherits this process's environment (its settings, GONGKAI_CONFIG included) plus `env`,
    minus the names in `drop_env`. `on_tick()` is called every half second while it runs (a job follows the
    child's progress). Raises CrawlFailed with the child's stderr when it fails.
    """
    command = crawl_command(args, data_dir)
    child_env = {name: value for name, value in {**os.environ, **(env or {})}.items() if name not in drop_env}
    child_env[PARENT_ENV] = str(os.getpid())
    log.info("crawl: %s", " ".join(command))
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env)
    started = time.monotonic()
    stop_sent_at: float | None = None
    while True:
        try:
            stdout, stderr = proc.communicate(timeout=0.5)  # retrying after a timeout loses no output
            break
        except subprocess.TimeoutExpired:
            if on_tick is not None:
                try:
                    on_tick()
                except Exception:  # following the progress must never stop the crawl
                    log.exception("crawl progress callback failed")
            now = time.monotonic()
            if stop_sent_at is None and should_stop():
                proc.send_signal(signal.SIGTERM)
                stop_sent_at = now
            elif stop_sent_at is not None and now - stop_sent_at > stop_grace_seconds:
                proc.kill()
            elif now - started > timeout_seconds:
                proc.kill()
                proc.communicate()
                raise CrawlFailed(f"the crawl ran longer than {timeout_seconds:.0f} s and was killed: {' '.join(command)}") from None
    stopped = stop_sent_at is not None
    if proc.returncode != 0 and not (stopped and stdout.strip()):
        raise CrawlFailed(f"the crawl process exited with {proc.returncode}: {' '.join(command)}\n{stderr.strip()[-4000:]}")
    lines = [line for line in stdout.splitlines() if line.strip()]
    try:
        results = json.loads(lines[-1]) if lines else []
    except ValueError:
        raise CrawlFailed(f"the crawl process printed no result: {stdout[-1000:]!r} {stderr[-2000:]}") from None
    return results, stopped


def run_in_subprocess(args: list[str], data_dir: Path | str, timeout: float = 300, env: dict[str, str] | None = None) -> list[dict]:
    """One crawl child to its end, for tests and benchmarks: its results (CrawlFailed says why it failed).

    The child does not read the caller's GONGKAI_CONFIG: a test's crawl depends on its arguments only.
    """
    results, _ = run_crawl_process(args, data_dir, timeout_seconds=timeout, env=env, drop_env=("GONGKAI_CONFIG",))
    return results


if __name__ == "__main__":
    sys.exit(main())
