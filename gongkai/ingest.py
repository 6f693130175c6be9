"""What the one ingest path moves: items (a record ready to store, or why it cannot be), their results and
a run's report, the key naming a capture; and the index feeder that keeps the index in step with the store.
The path itself, for the length of a run, is the ingest session (gongkai.ingest_session).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gongkai.record import Record

if TYPE_CHECKING:
    from gongkai.indexer.schema import PreparedDocument
    from gongkai.indexer.search_index import SearchIndex
    from gongkai.record_row import RecordRow
    from gongkai.store.store import Store
    from gongkai.validity import RecordRead


@dataclass(frozen=True)
class CaptureKey:
    """Names one capture handed to an ingest session (gongkai.ingest_session): the items parsed from it and
    their results carry it, so a source matches results to its captures by this key, never by splitting
    an input string (a notice column gives several items, `ref#1`, `ref#2`, ... under one key)."""

    ref: str  # how reports name the capture: a URL, an inbox path, a file name
    serial: int = 0  # tells apart two captures under one ref in a run


@dataclass
class IngestItem:
    """One input unit: a record ready to store, or the reason it cannot be, plus where it came from."""

    input_ref: str  # "records.jsonl:12", "inbox/a.pdf", a URL
    record: Record | None = None
    error: str | None = None
    payload: bytes | str | None = None  # the original input, kept in the quarantine on error
    source: str = ""
    capture_sha256: str | None = None
    #: The record's index text made ahead (indexer.schema.prepare_document), e.g. by a worker process.
    prepared: PreparedDocument | None = None
    #: What the record says about validity, read ahead (gongkai.validity.read_record) by the same worker.
    validity: RecordRead | None = None
    #: The record's stored JSON up to its content_hash (gongkai.store.codec.data_head), made by the same worker
    #: from the record it validated, in the one serialisation that also gives `prepared`'s payload. Like
    #: `prepared`, it belongs to `record` as validated, whose content_hash the store then takes without checking it
    #: again: whoever puts another record in the item drops both (a copy that differs in `withdrawn` alone may keep
    #: them: neither holds it, nor does the hash).
    data_head: bytes | None = None
    #: The capture it was parsed from, as its source named it (None: a record, not parsed here).
    capture: CaptureKey | None = None

    @property
    def storable(self) -> Record | RecordRow | None:
        """The record as the store and the index take it: the Record, or (gongkai.record_row.RowItem, a JSON Lines
        worker's item) its RecordRow, whose Record is made only when `record` is asked for. None: a bad item."""
        return self.record


@dataclass
class ItemResult:
    input: str
    id: str | None
    status: str  # new | updated | unchanged | quarantined
    error: str | None = None
    #: set when the record is under an operator takedown: stored, but still withdrawn (see WITHHELD_NOTE)
    note: str | None = None
    #: the capture the item was parsed from (IngestItem.capture), for the source to match results by
    capture: CaptureKey | None = None

    @property
    def withheld(self) -> bool:
        return self.note is not None and self.note.startswith(WITHHELD_PREFIX)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"input": self.input, "id": self.id, "status": self.status, "error": self.error}
        if self.note is not None:
            data["note"] = self.note
        return data


WITHHELD_PREFIX = "withheld"


def withheld_note(status: str, version: int) -> str:
    """What an ItemResult says of a record under an operator takedown (its status stays the store's)."""
    if status == "unchanged":
        return f"{WITHHELD_PREFIX}: under an operator takedown; same content, still withdrawn"
    return f"{WITHHELD_PREFIX}: under an operator takedown; changed content kept as version {version}, still withdrawn"


@dataclass
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    #: items stored but kept withdrawn by an operator takedown (counted in `counts` under their status too)
    withheld: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, int]:
        data = {status: self.counts.get(status, 0) for status in ("new", "updated", "unchanged", "quarantined")}
        if self.withheld:  # only when any: the usual summary stays as it was
            data["withheld"] = self.withheld
        if self.counts.get("withdrawn"):  # gongkai ingest --apply-withdrawals
            data["withdrawn"] = self.counts["withdrawn"]
        return data


@dataclass
class FeedState:
    """What the feeders of one index have fed it in this process: the store sequence its writer holds
    documents up to (committed or pending), how many are pending, the last commit. The ingest sessions of a
    process share one (IndexFeeder(shared=True)): they take turns batch by batch under `index.feeding`, so
    each must see the documents another left pending (a release would drop them, a commit of an older
    watermark would move it backwards)."""

    watermark: int
    uncommitted: int = 0
    last_commit: float = field(default_factory=time.monotonic)
    calls: int = 0  # ingest calls under way in this process: the follower stands aside while any runs


_shared_states: weakref.WeakKeyDictionary[SearchIndex, FeedState] = weakref.WeakKeyDictionary()
_shared_lock = threading.Lock()


def _shared_state(index: SearchIndex) -> FeedState:
    with _shared_lock:
        state = _shared_states.get(index)
        if state is None:
            state = _shared_states[index] = FeedState(index.watermark)
        return state


@contextmanager
def ingest_call(index: SearchIndex) -> Iterator[None]:
    """Marks an ingest call of this process under way: between its batches it lets go of `index.feeding`
    (another ingest, a push, goes in between), but the follower still stands aside (ingest_running)."""
    state = _shared_state(index)
    with _shared_lock:
        state.calls += 1
    try:
        yield
    finally:
        with _shared_lock:
            state.calls -= 1


def ingest_running(index: SearchIndex) -> bool:
    """Whether an ingest call of this process feeds the index (it indexes its own changes and commits)."""
    state = _shared_states.get(index)
    return state is not None and state.calls > 0


class IndexFeeder:
    """Keeps the index in step with the store after each batch.

    The fast path indexes the batch's records straight from memory; when another writer's changes
    interleaved with ours (the sequence numbers do not add up), it reads the changes back from the store.
    Either way the index records the store sequence it has reached (its watermark), so a crash between the
    store commit and the index commit is repaired by the next catch-up.

    Every method runs under `index.feeding` and first syncs with the index (_sync): what another feeder of
    this process committed (the follower, a catch-up, another session's commit) is not fed again.
    `shared`: the ingest sessions' feeder state of this index (FeedState), one per process.
    """

    #: During an ingest the index commits (new records become searchable, a crash has less to redo) every
    #: COMMIT_SECONDS, or every `commit_every` records if that comes first, and at the end. By time, as a
    #: search engine's refresh interval during bulk loads: each commit costs merge work (one every 20,000
    #: records cost 15 us of CPU a record at 100,000), and a minute of indexing is redone in seconds.
    COMMIT_SECONDS = 60.0

    def __init__(
        self, store: Store, index: SearchIndex, commit_every: int = 500_000, commit_seconds: float = COMMIT_SECONDS,
        *, shared: bool = False,
    ) -> None:
        self.store, self.index, self.commit_every, self.commit_seconds = store, index, commit_every, commit_seconds
        self.state = _shared_state(index) if shared else FeedState(index.watermark)

    def _sync(self) -> None:
        """Under `index.feeding`: when nothing is pending, or the index's committed watermark reached ours
        (another feeder of this process committed our documents), start from the index's watermark."""
        committed = self.index.watermark
        if not self.state.uncommitted or committed >= self.state.watermark:
            self.state.watermark, self.state.uncommitted = committed, 0

    #: The catch-up after a crash commits at least this often, so that a run killed again and again (a
    #: crash loop) still moves the index forward: with the 60 s interval, a backlog larger than a run
    #: lives was indexed over and over and never committed (issue 16: 0 documents after four runs).
    CATCH_UP_COMMIT_SECONDS = 2.0

    def catch_up(self, repair: bool = False) -> int:
        """Index everything the store changed since the watermark; returns how many records. `repair`
        (the catch-up before an ingest, after a crash): commit as it goes and once at its end, since a
        backlog is work a crash already cost once and must not wait behind the new batches."""
        done = 0
        with self.index.feeding:  # not interleaved with the follower of this process (gongkai.follow)
            self._sync()
            while True:
                changes = self.store.changes_since(self.state.watermark, limit=500)
                if not changes:
                    break
                self.index.add_or_replace(record for _, record in changes)
                self.state.watermark = changes[-1][0]
                done += len(changes)
                self.state.uncommitted += len(changes)
                if repair and time.monotonic() - self.state.last_commit >= self.CATCH_UP_COMMIT_SECONDS:
                    self.commit(release=False)  # the watermark moves with it: a kill now loses at most this interval
            if repair and done and self.state.uncommitted:  # not for documents another session left pending
                self.commit(release=False)
        return done

    def after_batch(
        self, changed: Sequence[Record | RecordRow], prepared: list[PreparedDocument | None] | None = None, new_ids: Collection[str] = ()
    ) -> None:
        """`prepared`, if given, pairs with `changed` by position (None: prepare it here); `new_ids` are
        the ids the store had never seen before this batch. The caller holds `index.feeding` from before the
        batch's store commit (the fast path's numbers must be the batch's)."""
        with self.index.feeding:
            self._sync()
            self._after_batch(changed, prepared, new_ids)

    def _after_batch(self, changed: Sequence[Record | RecordRow], prepared: list[PreparedDocument | None] | None, new_ids: Collection[str]) -> None:
        if changed:
            max_seq = self.store.max_seq()
            # Writer held before the look at the index's watermark: a follower in another process (another
            # `gongkai serve` on this data dir) cannot commit these records between the look and our adds.
            self.index.acquire_writer()
            own = self.state.watermark + len(changed)  # the batch's numbers, if nothing came between
            fast = self.index.watermark <= self.state.watermark and (
                max_seq == own or (max_seq > own and self._numbered_first(changed, own))
            )
            if fast:
                # In step: the index holds exactly the store's records up to the watermark, so an id new to
                # the store is in no index document, and needs no delete before its add.
                self.index.add_or_replace(changed, prepared, absent=new_ids)
                self.state.watermark = own
                self.state.uncommitted += len(changed)
            if not fast or max_seq > own:
                # Numbers above the batch's: records whose validity status the batch changed (issue 19,
                # renumbered in its transaction), or another writer's; read back from the store.
                self.catch_up()
        if self.state.uncommitted and (
            self.state.uncommitted >= self.commit_every or time.monotonic() - self.state.last_commit >= self.commit_seconds
        ):
            self.commit(release=False)  # more batches follow: keep the writer

    def pause(self) -> None:
        """Between two calls of an ingest session (a crawl hands in 50 pages at a time): commit when the
        interval has passed, and let other writers in whenever nothing is pending. Another process (the drop
        folder in the scheduler while a crawl runs in its child) waits for the writer at most `lock_timeout`
        (30 s): a session whose writer were kept from call to call would lock it out for the whole run."""
        with self.index.feeding:
            self._sync()
            if self.state.uncommitted:
                if time.monotonic() - self.state.last_commit >= self.commit_seconds:
                    self.commit(release=True)
                return  # pending documents keep the writer until the next commit
            self.index.release_writer()  # held after an interval commit inside the call; nothing otherwise

    def _numbered_first(self, changed: Sequence[Record | RecordRow], own: int) -> bool:
        """Whether the numbers right above the watermark are exactly the batch's (others come after them)."""
        numbered = self.store.change_ids(self.state.watermark, own)
        return len(numbered) == len(changed) and {i for _, i in numbered} == {r.id for r in changed}

    def commit(self, release: bool = True) -> None:
        with self.index.feeding:
            self._sync()  # never writes back a watermark older than the index's
            if self.state.uncommitted or self.state.watermark != self.index.watermark:
                self.index.commit(self.state.watermark, release=release)
                self.state.uncommitted = 0
                self.state.last_commit = time.monotonic()
            elif release:
                self.index.release_writer()  # an intermediate commit kept it


#: The quarantine reason of a record stored from a scan that a person should look at (gongkai stats lists them).
OCR_REVIEW_PREFIX = "OCR of record "
