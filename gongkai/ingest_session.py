"""The ingest session: the one ingest path, owned for the length of a run (a crawl, a drop-folder run, a
`gongkai ingest`, a push request, a reparse, a quarantine retry).

    with engine.ingest_session(on_item=report_it) as session:
        session.ingest_captures([(CaptureKey(url), capture), ...])   # bytes kept, parsed, stored, indexed
        session.ingest(items)                                        # records (or why they cannot be)

For its whole run the session owns:
- the store's transaction batches: each batch of `store.batch_size` items is one transaction holding its
  records, the rows of the raw captures they were parsed from (the bytes are on disk before it, named by
  their hash), the links between the two, and the quarantine rows of its bad items: all or none. A crash
  never leaves a record without its capture, nor an input neither stored nor quarantined; a source learns
  an item's result only once it is committed (a crawl records its URL as done, the drop folder archives
  the file, after that), so a crash before a commit leaves the input to be read again, never lost or doubled;
- the index feeder: it repairs the index from the store once at the start, then commits by time
  (`commit_seconds`, default `IndexFeeder.COMMIT_SECONDS`) or size, and once at the end, however many calls
  the run makes; between calls it lets go of the index writer unless documents are pending (IndexFeeder.pause).
  It holds `index.feeding` per batch, not per call: another ingest of the process (a push) goes in between;
- the parser pool: worker processes started on the first capture and kept until the session closes;
- the record reader's limits (settings.records) and the parsers' settings, with the run's parsing rules
  (a site's `label_overrides`, gongkai.parsers.labels) for the captures of their source.

Every call reports results by item; items parsed from a capture carry the source's `CaptureKey`. A bad
item is quarantined with its reason and the run goes on.
"""

from __future__ import annotations

import gc
import itertools
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Union

from gongkai.ingest import (
    OCR_REVIEW_PREFIX,
    CaptureKey,
    IndexFeeder,
    IngestItem,
    IngestReport,
    ItemResult,
    ingest_call,
    withheld_note,
)
from gongkai.ownership import screen  # tombstones and empty-source takeovers are quarantined, not stored
from gongkai.record_row import RecordRow, with_withdrawn
from gongkai.recordfiles import RecordLimits
from gongkai.settings import ParserSettings, Settings

if TYPE_CHECKING:
    from gongkai.indexer.schema import PreparedDocument
    from gongkai.indexer.search_index import SearchIndex
    from gongkai.parsers import Capture
    from gongkai.parsers.pool import ParserPool
    from gongkai.record import Record
    from gongkai.store.captures import CaptureRow
    from gongkai.store.store import Store

OnItem = Callable[[ItemResult], None]
#: What a source hands the session: a capture, or a capture with the key its results come back under.
CaptureInput = Union["Capture", tuple[CaptureKey, "Capture"]]


class IngestSession:
    """See the module. Not thread-safe: one thread at a time calls it (a crawl's one ingest thread)."""

    def __init__(
        self,
        store: Store,
        index: SearchIndex,
        settings: Settings,
        *,
        on_item: OnItem | None = None,
        fork_server: bool = False,
        label_overrides: Mapping[str, Mapping[str, str]] | None = None,
        batch_size: int | None = None,
        commit_seconds: float | None = None,  # None: IndexFeeder.COMMIT_SECONDS
    ) -> None:
        self.store, self.index, self.settings = store, index, settings
        self.on_item = on_item
        self.fork_server = fork_server  # for a caller in a threaded server (see gongkai.parsers.pool)
        self.batch_size = batch_size or settings.store.batch_size
        self.commit_seconds = IndexFeeder.COMMIT_SECONDS if commit_seconds is None else commit_seconds
        self.record_limits = RecordLimits.of(settings)
        self.parser_settings: ParserSettings = settings.parsers
        if label_overrides:  # the run's site rules win over the operator's settings for their source
            merged = {**settings.parsers.label_overrides, **{k: dict(v) for k, v in label_overrides.items() if v}}
            self.parser_settings = settings.parsers.model_copy(update={"label_overrides": merged})
        self.report = IngestReport()  # the whole run's; each call also returns its own
        self._feeder: IndexFeeder | None = None
        self._pool: ParserPool | None = None
        self._pending: dict[str, CaptureRow] = {}  # capture rows whose bytes are kept, written with the next batch
        self._sendings: dict[str, str] = {}  # capture sha256 -> metadata JSON of its latest sending in this session
        self._serial = itertools.count(1)
        self._closed = False

    # -- the run --------------------------------------------------------------------------------------
    def __enter__(self) -> IngestSession:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Write the capture rows still pending, commit the index, stop the parser pool. Idempotent."""
        if self._closed:
            return
        self._closed = True
        try:
            self._flush_captures()
        finally:
            try:
                if self._pool is not None:
                    self._pool.close()  # before the commit: a worker is a fork of this process (see gongkai.childproc)
            finally:
                if self._feeder is not None:
                    self._feeder.commit()

    # -- sources hand in items or captures -------------------------------------------------------------
    def ingest(self, items: Iterable[IngestItem], on_item: OnItem | None = None) -> IngestReport:
        """Store the items batch by batch, quarantine the bad ones; returns this call's report. When it
        returns, every item it reported on, and every capture it was given, is committed to the store."""
        if self._closed:
            raise RuntimeError("the ingest session is closed")
        report = IngestReport()
        # `index.feeding` is held per batch, from the store commit to the index add (the fast path adds new ids
        # without a delete: no other feeder of this process may index them in between), not for the call: the
        # items are read and parsed without it, and another ingest of this process (a push behind a long crawl
        # or drop file) writes its batches between ours. The sessions share one feeder state (FeedState), and
        # the follower stands aside while any call runs (ingest_call).
        with _fewer_collections(), ingest_call(self.index):
            feeder = self._feeder_ready()
            for batch in _batches(items, self.batch_size):
                with self.index.feeding:
                    results = self._write(batch, feeder)
                for result in results:
                    for total in (report, self.report):
                        total.counts[result.status] += 1
                        total.withheld += result.withheld
                    for callback in (on_item, self.on_item):
                        if callback is not None:
                            callback(result)
            with self.index.feeding:
                self._flush_captures()  # captures that gave no item (a column without notices) are kept too
                feeder.pause()  # commit if due; the index writer is let go between calls
        return report

    def ingest_captures(
        self, captures: Iterable[CaptureInput], *, notices: bool = False, parallel: bool = True, on_item: OnItem | None = None
    ) -> IngestReport:
        """Keep each capture's bytes, parse it (one record, or one per notice with `notices`), store, index."""
        return self.ingest(self.capture_items(captures, notices=notices, parallel=parallel), on_item)

    def capture_items(self, captures: Iterable[CaptureInput], *, notices: bool = False, parallel: bool = True) -> Iterator[IngestItem]:
        """The items of captures: each one's bytes kept (content-addressed; its row is written with the next
        batch), then parsed into one item, or one per notice (`ref#N`: a bad notice is quarantined alone).

        `parallel`: parsed in the session's worker processes (over all cores, each item under
        settings.parsers.timeout_seconds: a parser that hangs is killed); else in this process."""
        from gongkai.parsers import ParseError, parse, parse_notices_each

        def keep(entry: CaptureInput) -> tuple[CaptureKey, Capture, str]:
            key, capture = entry if isinstance(entry, tuple) else (None, entry)
            row = self.store.keep_capture(
                capture.data, url=capture.url, content_type=capture.content_type, source=capture.source,
                fetched_at=capture.fetched_at,
                # What `gongkai reparse` needs to parse these bytes again the same way.
                meta={"filename": capture.filename, "sidecar": capture.sidecar, "notice_column": notices},
            )
            self._pending.setdefault(row.sha256, row)
            self._sendings[row.sha256] = row.meta_json  # this sending's metadata: its records' links keep it
            return key or CaptureKey(_capture_ref(capture, row.sha256), next(self._serial)), capture, row.sha256

        if parallel:
            kept: dict[int, tuple[CaptureKey, str]] = {}  # id(capture) -> its key and hash, until its result is back

            def kept_captures() -> Iterator[Capture]:
                for entry in captures:
                    key, capture, sha = keep(entry)
                    kept[id(capture)] = (key, sha)
                    yield capture

            # The pool hands back the very capture objects it was given, in completion order.
            for capture, result in self.pool.parse(kept_captures(), notices=notices):
                key, sha = kept.pop(id(capture))
                yield from _result_items(key, key.ref, sha, capture.source, result)
            return
        for entry in captures:
            key, capture, sha = keep(entry)
            try:
                parsed: Any = parse_notices_each(capture, self.parser_settings) if notices else parse(capture, self.parser_settings)
            except ParseError as exc:
                parsed = exc
            except Exception as exc:  # noqa: BLE001 - a parser bug on one capture must not end the run: its bytes are kept
                parsed = ParseError(f"parser failed: {type(exc).__name__}: {exc}")
            yield from _result_items(key, key.ref, sha, capture.source, parsed)

    def keep_bytes(self, data: bytes, *, source: str = "", meta: dict[str, Any] | None = None) -> str:
        """Keep bytes refused before parsing (an item quarantined with them names the hash); their row is
        written with the next batch. Returns the sha256."""
        row = self.store.keep_capture(data, source=source, meta=meta)
        self._pending.setdefault(row.sha256, row)
        return row.sha256

    def kept_capture(self, sha256: str, record_id: str | None = None) -> tuple[Capture, bool] | None:
        """A capture kept in the store, as it was handed in (for `record_id`: as the sending that record came from, an
        agency's corrected sidecar for the same bytes; else the first), and whether it was a notice column."""
        from gongkai.parsers import Capture

        kept = self.store.get_capture(sha256)
        if kept is None:
            return None
        data, info = kept
        meta = (self.store.sending_meta(record_id, sha256) if record_id else None) or info.get("meta") or {}
        capture = Capture(
            data=data, url=info.get("url") or "", content_type=info.get("content_type") or "", filename=meta.get("filename") or "",
            source=info.get("source") or "", fetched_at=info.get("fetched_at"), sidecar=dict(meta.get("sidecar") or {}),
        )
        return capture, bool(meta.get("notice_column"))

    @property
    def pool(self) -> ParserPool:
        if self._pool is None:
            from gongkai.parsers.pool import ParserPool

            self._pool = ParserPool(self.parser_settings, fork_server=self.fork_server)
        return self._pool

    # -- inside ----------------------------------------------------------------------------------------
    def _feeder_ready(self) -> IndexFeeder:
        if self._feeder is None:
            self._feeder = IndexFeeder(self.store, self.index, commit_seconds=self.commit_seconds, shared=True)
            self._feeder.catch_up(repair=True)  # repair an index left behind by a crash before adding more
        return self._feeder

    def _take_captures(self) -> list[CaptureRow]:
        rows, self._pending = list(self._pending.values()), {}
        return rows

    def _flush_captures(self) -> None:
        rows = self._take_captures()
        if rows:
            try:
                self.store.write_batch([], captures=rows)
            except Exception:
                self._pending.update((row.sha256, row) for row in rows)
                raise

    def _write(self, batch: list[IngestItem], feeder: IndexFeeder) -> list[ItemResult]:
        """One batch, one transaction (records, capture rows and links, quarantine rows); then the index."""
        from gongkai.store.quarantine import QuarantineEntry  # here: importing this module stays free of SQLAlchemy

        batch = screen(batch, self.store)
        # `storable`: the Record, or the plain values a JSON Lines worker made of it (gongkai.record_row): the store and
        # the index read the same attributes of either, so a worker's record is never rebuilt as a pydantic model here.
        records = [item.storable for item in batch]
        valid = [(item, record) for item, record in zip(batch, records) if record is not None]
        links = [(record.id, item.capture_sha256, self._sendings.get(item.capture_sha256)) for item, record in valid if item.capture_sha256]
        bad = [
            QuarantineEntry(item.input_ref, item.error or "invalid input", item.payload, item.source, item.capture_sha256)
            for item, record in zip(batch, records)
            if record is None
        ]
        reads = {record.id: item.validity for item, record in valid if item.validity is not None}
        rows = self._take_captures()
        try:
            # The store answers one outcome per input record, in order (the same id twice in a batch is new,
            # then updated), so outcomes pair with items by position, not by id.
            outcomes = iter(self.store.write_batch([record for _, record in valid],
                                                   capture_links=links, quarantined=bad, validity_reads=reads, captures=rows,
                                                   data_heads=[item.data_head for item, _ in valid]))
        except Exception:
            self._pending.update((row.sha256, row) for row in rows)  # their bytes are kept: the rows go with a later batch
            raise
        results: list[ItemResult] = []
        changed: dict[str, tuple[Record | RecordRow, PreparedDocument | None]] = {}
        new_ids: set[str] = set()
        for item, record in zip(batch, records):
            if record is None:
                results.append(ItemResult(item.input_ref, None, "quarantined", item.error, capture=item.capture))
                continue
            outcome = next(outcomes)
            note = withheld_note(outcome.status, outcome.version) if outcome.withheld else None
            if outcome.status == "new":
                new_ids.add(record.id)
            if outcome.withheld and outcome.status != "unchanged":
                # stored withdrawn: the index only drops the id (it holds none under a takedown)
                changed[record.id] = (with_withdrawn(record), None)
            elif outcome.status != "unchanged":
                # duplicates in one batch: the later one wins, as in the store
                changed[record.id] = (record, item.prepared)
            results.append(ItemResult(item.input_ref, record.id, outcome.status, note=note, capture=item.capture))
            if outcome.status != "unchanged":
                self._quarantine_for_review(item, record)
        feeder.after_batch([pair[0] for pair in changed.values()], [pair[1] for pair in changed.values()], new_ids)
        return results

    def _quarantine_for_review(self, item: IngestItem, record: Record | RecordRow) -> None:
        """A record stored from a scan read with low confidence, or with pages over the OCR time limit, is
        also put in the quarantine (open) for a person to look at (issue 21); the record stays searchable."""
        if isinstance(record, RecordRow):
            reason = record.ocr_review  # read by the worker (gongkai.record_row.row_of)
        else:
            ocr = record.ocr
            reason = ocr.review_reason() if ocr is not None and not isinstance(ocr, str) else None
            if ocr is not None:
                self._close_unread_pages_entries(record.id)
        if reason:
            self.store.quarantine(
                input_ref=item.input_ref, reason=f"{OCR_REVIEW_PREFIX}{record.id}: {reason}", source=item.source,
                capture_sha256=item.capture_sha256,
            )


    def _close_unread_pages_entries(self, record_id: str) -> None:
        """A new version read from the scan again tried the pages an earlier one left unread over the OCR time
        limit: their entries are closed (probe5: they stayed open after a reparse had read every page); pages
        still unread are the new version's own entry. Entries about low confidence wait for a person."""
        prefix = f"{OCR_REVIEW_PREFIX}{record_id}: "
        for entry in self.store.quarantine_reasons_starting(prefix):
            if _UNREAD_ONLY.fullmatch(entry["reason"][len(prefix):]):
                self.store.quarantine_set_status(entry["id"], "resolved")


#: an OCR review reason of pages over the time limit only (gongkai.record.OcrInfo.review_reason)
_UNREAD_ONLY = re.compile(r"page\(s\) [\d, ]+ not read: OCR over the time limit")


def ingest_items(
    items: Iterable[IngestItem],
    store: Store,
    index: SearchIndex,
    settings: Settings,
    on_item: OnItem | None = None,
) -> IngestReport:
    """One call, one session: store the items, keep the index in step, commit."""
    with IngestSession(store, index, settings, on_item=on_item) as session:
        return session.ingest(items)


#: Container allocations between two young-generation collections during an ingest call (Python's default: 700).
INGEST_GC_THRESHOLD = 50_000


_gc_lock = threading.Lock()
_gc_calls = 0  # ingest calls running in this process (threads of a server: a crawl, a push)
_gc_before: tuple[int, int, int] = (700, 10, 10)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector runs less often during an ingest call: a batch makes and drops tens of
    thousands of containers (records, unpickled chunks, rows), nearly all freed by their reference counts, and
    collecting every 700 of them cost 4-6% of the CPU of each process (measured: the main thread 5.53 -> 5.19 s
    and the JSON Lines worker, forked inside the call, 7.75 -> 7.46 s for 20,000 records, three rounds each).
    The first call in the process raises the threshold, the last one to return puts the old one back."""
    global _gc_calls, _gc_before
    with _gc_lock:
        if _gc_calls == 0:
            _gc_before = gc.get_threshold()
            gc.set_threshold(max(_gc_before[0], INGEST_GC_THRESHOLD), *_gc_before[1:])
        _gc_calls += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_calls -= 1
            if _gc_calls == 0:
                gc.set_threshold(*_gc_before)


def _batches(items: Iterable[IngestItem], size: int) -> Iterator[list[IngestItem]]:
    batch: list[IngestItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _result_items(key: CaptureKey, ref: str, sha: str, source: str, result: Any) -> Iterator[IngestItem]:
    """The ingest item(s) of one parse result: a Record, a ParseError, or a notice column's list of
    them, one item per notice (`ref#N`): a bad notice is quarantined alone, the good ones beside it go in."""
    from gongkai.parsers import ParseError

    if isinstance(result, list):
        for number, notice in enumerate(result, 1):
            yield from _result_items(key, f"{ref}#{number}", sha, source, notice)
    elif isinstance(result, ParseError):
        yield IngestItem(ref, error=f"{ref}: {result.reason}", source=source, capture_sha256=sha, capture=key)
    else:
        yield IngestItem(ref, record=result, source=source, capture_sha256=sha, capture=key)


def _capture_ref(capture: Capture, sha: str) -> str:
    return capture.url or capture.filename or f"capture:{sha[:12]}"
