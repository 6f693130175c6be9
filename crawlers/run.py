"""`python -m gongkai.crawlers.run`: one crawl in a fresh process, results as JSON on stdout.

The Twisted reactor starts once per process, so tests, the benchmark and anything else that crawls
more than once run each crawl through this entry point:

    python -m gongkai.crawlers.run --data-dir DATA --sites-dir tests/fixtures/sites \
        --base-url xm-fgw=http://127.0.0.1:5001 xm-fgw
    python -m gongkai.crawlers.run --data-dir DATA --start-url http://127.0.0.1:5001/ --max-pages 50
    python -m gongkai.crawlers.run --data-dir DATA --sites-dir ... --base-url xmrb=... --newspaper xmrb \
        --from 2024-05-06 --to 2024-05-08
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path

from gongkai.crawlers.runner import CrawlOptions, crawl_newspaper, crawl_sites, crawl_start_url
from gongkai.crawlers.sitedef import NewspaperSite, SiteDefinitionError, load_sites
from gongkai.dates import parse_date
from gongkai.settings import SettingsError, load_settings


def date_range(start: date, end: date) -> list[date]:
    if end < start:
        raise ValueError(f"the date range is empty: {start} is after {end}")
    if (end - start).days > 366:
        raise ValueError("a date range may cover at most one year")
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gongkai.crawlers.run", description=__doc__.split("\n\n")[0])
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
    args = parser.parse_args(argv)
    try:
        settings = load_settings(data_dir=args.data_dir)
        base_urls = dict(item.split("=", 1) for item in args.base_url)
        options = CrawlOptions(
            since=parse_date(args.since) if args.since else None, max_pages=args.max_pages, max_depth=args.max_depth,
            polite=not args.fast, timeout_seconds=args.timeout, retry_backoff_seconds=args.backoff,
            ingest_batch=args.batch, log_level=args.log_level,
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
                start = parse_date(args.day or args.date_from) or date.today()
                end = parse_date(args.day or args.date_to) or start
                results = crawl_newspaper(settings, site, date_range(start, end), options)
            else:
                unknown = [name for name in args.sites if name not in sites]
                if unknown:
                    raise ValueError(f"no site definition named {', '.join(unknown)}")
                chosen = [sites[n] for n in args.sites] if args.sites else [s for s in sites.values() if not isinstance(s, NewspaperSite)]
                results = crawl_sites(settings, chosen, options)
    except (SettingsError, SiteDefinitionError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    json.dump(results, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())


def run_in_subprocess(args: list[str], data_dir: Path | str, timeout: float = 300, env: dict[str, str] | None = None) -> list[dict]:
    """Run one crawl in a fresh Python process (a fresh reactor) and return its results.

    Raises RuntimeError with the child's stderr when it fails: tests and the benchmark show why.
    """
    import os
    import subprocess

    command = [sys.executable, "-m", "gongkai.crawlers.run", "--data-dir", str(data_dir), *args]
    child_env = {**os.environ, **(env or {})}
    child_env.pop("GONGKAI_CONFIG", None)
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=child_env)
    if done.returncode != 0:
        raise RuntimeError(f"crawl failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
