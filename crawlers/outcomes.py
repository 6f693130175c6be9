"""What happened to every URL a crawl met: one row per URL per run, each with its reason.

An operator must be able to name every document a crawl stored, left alone, lost or never fetched, so
the spiders note an outcome for each URL they request or decide not to request, the pipeline for each
capture it ingests, and the runner checks at the end that every requested URL has one ("unexplained"
must stay 0). Rows are written in batches on the run's one database thread (`crawl_outcomes`).

Outcomes (per URL; a notice column that made several records is one URL):
  new, updated, unchanged   the ingest path stored a new record / a new version / nothing new (same content)
  not_modified              304 to a conditional request: nothing downloaded
  quarantined               bytes kept, not parsed into a record (reason: the parser's message)
  empty                     a notice column in which the splitter found no notice (bytes kept)
  gone                      a page that was a document now answers 404/410: its records are withdrawn
  missing                   404/410 of a URL that never made a record (a dead link, a removed list page)
  redirected                answered with a redirect (reason: where to); the target has its own row
  failed                    no usable answer: timeout, connection, dns, http_5xx … (reason: the kind)
  skipped                   a link the crawler decided not to follow (reason: why)
  over_limit                not fetched or cut off by a limit (max_pages, max_list_pages, the file size limit)
  listed                    a list or navigation page read for its links
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from gongkai.crawlers.state import CrawlState, now_utc, url_key
from gongkai.uris import uri

OUTCOMES = ("new", "updated", "unchanged", "not_modified", "quarantined", "empty", "gone", "missing", "redirected",
            "failed", "skipped", "over_limit", "listed")
#: outcomes an operator should look at
ATTENTION = ("quarantined", "gone", "missing", "failed", "skipped", "over_limit", "redirected")
FLUSH_EVERY = 500


@lru_cache(maxsize=1 << 16)
def _key(url: str) -> str:
    """One key for a URL however it is spelled: a link as the page writes it (附件/实施方案 2018.pdf) is requested under
    that text and answered under its percent-encoded URI (probe4: such attachments were 'unexplained' every run)."""
    return url_key(uri(url))


def outcome_of_error(kind: str) -> str:
    """The outcome of a request that failed with this error kind (spider_base.error_kind)."""
    if kind in ("http_404", "http_410", "no_issue"):
        return "missing"
    if kind == "too_large":
        return "over_limit"
    if kind in ("robots", "ignored", "offsite"):
        return "skipped"
    return "failed"


class OutcomeLog:
    """The outcome rows of one run of one site. Noted from the reactor and the ingest thread: locked."""

    def __init__(self, run_id: str, site: str, state: CrawlState | None = None) -> None:
        self.run_id, self.site, self.state = run_id, site, state
        self.submit: Callable[[Callable[[], None]], Any] | None = None  # the run's database thread, set by the runner
        self.on_flush: Callable[[], None] | None = None  # e.g. save the run's counts so far
        self._pending: list[dict[str, Any]] = []
        self._counts: Counter[str] = Counter()
        self._requested: dict[str, str] = {}  # canonical URL -> URL, every URL a request was sent for
        self._explained: set[str] = set()
        self._lock = threading.Lock()

    def requested(self, url: str) -> None:
        with self._lock:
            self._requested.setdefault(_key(url), url)

    def seen(self, url: str) -> bool:
        """Has this URL an outcome in this run already (a link skipped on every page is noted once)?"""
        with self._lock:
            return _key(url) in self._explained

    def note(self, url: str, outcome: str, *, role: str = "", status: int = 0, reason: str = "",
             record_ids: Iterable[str] = ()) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown crawl outcome {outcome!r}")
        row = {"run_id": self.run_id, "site": self.site, "url": url, "role": role, "outcome": outcome, "status": int(status or 0),
               "reason": reason[:2000], "record_ids": " ".join(record_ids), "at": now_utc()}
        with self._lock:
            self._pending.append(row)
            self._counts[outcome] += 1
            self._explained.add(_key(url))
            full = len(self._pending) >= FLUSH_EVERY
        if full and self.submit is not None:
            self.submit(self.flush)

    def flush(self) -> None:
        """Write the pending rows (on the run's database thread, or at the end of the run)."""
        with self._lock:
            rows, self._pending = self._pending, []
        if rows and self.state is not None:
            self.state.add_outcomes(rows)
        if self.on_flush is not None:
            self.on_flush()

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {outcome: self._counts[outcome] for outcome in OUTCOMES if self._counts[outcome]}

    def unexplained(self) -> list[str]:
        """URLs requested in this run that have no outcome: should be none."""
        with self._lock:
            return sorted(url for key, url in self._requested.items() if key not in self._explained)
