"""The Scrapy item pipeline: hands captures to the one ingest path and keeps the crawl state.

Captures are buffered and handed in batches to the run's ingest session (gongkai.ingest_session: raw
bytes kept, parsed in the session's parser pool, stored, indexed, bad ones quarantined) on one worker
thread, so that downloading goes on while a batch is parsed and stored, and all database writes of the
crawl happen in one place, in order. The session lasts the whole crawl: its parser pool is started once
and the index commits by time, not per batch. Results come back keyed by each capture's CaptureKey.
The item that fills a batch waits for it: a slow store slows the crawl down instead of piling up pages
in memory.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from gongkai import withdrawal_reasons
from gongkai.crawlers.items import CaptureItem, FetchItem, WithdrawItem
from gongkai.crawlers.state import fetch_entry, url_key
from gongkai.crawlers.stats import RunStats
from gongkai.ingest import CaptureKey, ItemResult

logger = logging.getLogger(__name__)
# why a capture's outcome is what it is, when the ingest path gave no message
_REASONS = {"unchanged": "new bytes, same record: no new version", "empty": "no notice found in the column (bytes kept)"}


class IngestPipeline:
    """Needs on the spider: `engine` (gongkai.engine.Engine), `crawl_state` (CrawlState), `run_stats`
    (RunStats), `site_name`, and optionally `on_event(kind, data)` for live progress."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.batch_size = crawler.settings.getint("GONGKAI_INGEST_BATCH", 50)
        self._own_executor: ThreadPoolExecutor | None = None
        self.buffers: dict[bool, list[CaptureItem]] = {False: [], True: []}
        self.fetches: list[FetchItem] = []  # state-only updates, written in batches too
        self.state_batch = max(self.batch_size, 200)
        self._serial = itertools.count(1)  # CaptureKey serials: two captures of one URL stay apart

    @classmethod
    def from_crawler(cls, crawler: Any) -> IngestPipeline:
        return cls(crawler)

    @property
    def spider(self) -> Any:
        return self.crawler.spider

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, CaptureItem):
            buffer = self.buffers[item.notices]
            buffer.append(item)
            if len(buffer) >= self.batch_size:
                batch, self.buffers[item.notices] = buffer, []
                await self._in_worker(self._ingest, batch, item.notices)
        elif isinstance(item, FetchItem):
            self.fetches.append(item)
            if len(self.fetches) >= self.state_batch:
                fetched, self.fetches = self.fetches, []
                await self._in_worker(self._record_fetches, fetched)
        elif isinstance(item, WithdrawItem):
            await self._in_worker(self._withdraw, item)
        return item

    async def close_spider(self) -> None:
        if self.fetches:
            fetched, self.fetches = self.fetches, []
            await self._in_worker(self._record_fetches, fetched)
        for notices, batch in self.buffers.items():
            if batch:
                self.buffers[notices] = []
                await self._in_worker(self._ingest, batch, notices)
        if self._own_executor is not None:
            self._own_executor.shutdown(wait=True)

    @property
    def executor(self) -> ThreadPoolExecutor:
        """The runner's one ingest thread, shared by all sites of a run (one writer for store and index)."""
        shared = getattr(self.spider, "ingest_executor", None)
        if shared is not None:
            return shared
        if self._own_executor is None:
            self._own_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gongkai-ingest")
        return self._own_executor

    async def _in_worker(self, function: Any, *args: Any) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.executor, self._guarded, function, *args)

    def _guarded(self, function: Any, *args: Any) -> None:
        """A failing store or index must not kill the crawl: count it, log it, name the URLs, go on."""
        try:
            function(*args)
        except Exception as exc:  # reported, never swallowed silently
            logger.exception("ingest step %s failed", getattr(function, "__name__", function))
            self.stats.error(f"ingest_{type(exc).__name__}")
            items = args[0] if args and isinstance(args[0], list) else [args[0]] if args else []
            for item in items:
                url = item.capture.url if isinstance(item, CaptureItem) else getattr(item, "url", "")
                if url and not isinstance(item, FetchItem):
                    self.spider.note(url, "failed", role=getattr(item, "role", ""), status=getattr(item, "status", 0),
                                     reason=f"ingest_{type(exc).__name__}: {exc}"[:500])

    @property
    def stats(self) -> RunStats:
        return self.spider.run_stats

    # ------------------------------------------------------------------ worker-thread steps
    def _ingest(self, batch: list[CaptureItem], notices: bool) -> None:
        results: dict[CaptureKey, list[ItemResult]] = defaultdict(list)

        def collect(result: ItemResult) -> None:
            if result.capture is not None:
                results[result.capture].append(result)

        keys = [CaptureKey(item.capture.url, next(self._serial)) for item in batch]
        captures = list(zip(keys, (item.capture for item in batch)))
        session = self.spider.ingest_session
        if session is not None:
            session.ingest_captures(captures, notices=notices, on_item=collect)
        else:  # a spider run without the runner: a session for this batch
            self.spider.engine.ingest_captures(captures, notices=notices, on_item=collect)
        entries = []
        for key, item in zip(keys, batch):
            found = results.get(key, [])
            for result in found:
                self.stats.outcome(result.status)
                self._emit("record", {"url": item.capture.url, "status": result.status, "id": result.id, "error": result.error})
            # No result at all: a notice column in which the splitter found no notice (its bytes are kept).
            statuses = {r.status for r in found}
            outcome = next((s for s in ("new", "updated", "unchanged", "quarantined") if s in statuses), "empty")
            errors = "; ".join(dict.fromkeys(r.error for r in found if r.error))
            self.spider.note(item.capture.url, outcome, role=item.role, status=item.status,
                             record_ids=[r.id for r in found if r.id], reason=errors or _REASONS.get(outcome, ""))
            entries.append(fetch_entry(
                self.spider.site_name, item.capture.url, status=item.status, outcome=outcome, role=item.role,
                parent_url=item.parent_url, etag=item.validators.etag, last_modified=item.validators.last_modified,
                content_sha256=item.validators.sha256, record_ids=[r.id for r in found if r.id],
                attachment_links=item.attachment_links,
            ))
        self.spider.crawl_state.record_fetches(entries)
        if self.spider.outcome_log is not None:
            self.spider.outcome_log.flush()  # this batch's rows and the run's counts so far, committed with it

    def _record_fetches(self, items: list[FetchItem]) -> None:
        touched: dict[tuple[int, str], list[str]] = defaultdict(list)
        entries = []
        for item in items:
            if item.known:
                touched[(item.status, item.outcome)].append(url_key(item.url))
                continue
            validators = item.validators
            entries.append(fetch_entry(
                self.spider.site_name, item.url, status=item.status, outcome=item.outcome, role=item.role,
                etag=validators.etag if validators else None,
                last_modified=validators.last_modified if validators else None,
                content_sha256=validators.sha256 if validators and validators.sha256 else None,
            ))
        for (status, outcome), keys in touched.items():
            self.spider.crawl_state.touch(keys, status, outcome)
        self.spider.crawl_state.record_fetches(entries)

    def _withdraw(self, item: WithdrawItem) -> None:
        withdrawn = 0
        for record_id in item.record_ids:
            if self.spider.engine.withdraw(record_id, withdrawal_reasons.page_gone(item.status, item.url)):
                withdrawn += 1
                self._emit("record", {"url": item.url, "status": "withdrawn", "id": record_id, "error": None})
        self.stats.outcome("withdrawn", withdrawn)
        self.spider.note(item.url, "gone", role=item.role, status=item.status, record_ids=item.record_ids,
                         reason=f"a document before, now HTTP {item.status}: {withdrawn} record(s) withdrawn (kept as tombstones)")
        self.spider.crawl_state.record_fetch(self.spider.site_name, item.url, status=item.status, outcome="withdrawn", role=item.role)

    def _emit(self, kind: str, data: dict[str, Any]) -> None:
        callback = getattr(self.spider, "on_event", None)
        if callback:
            callback(kind, data)
