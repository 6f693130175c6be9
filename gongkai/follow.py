"""The index follower: keeps this node's Tantivy index in step with the store's change feed by itself.

Several `gongkai serve` nodes, each with its own data directory and index, share one database (issue 20);
a record stored through any of them reaches every node's index through the store's change numbers
(Store.changes_since), the same feed the catch-up after a crash reads. Each round:
- an empty index (watermark 0) of a non-empty store is built whole (`reindex`: a new generation from
  the store, much faster than replaying every change), then followed; so is an index this gongkai
  cannot search (built by an older version with another schema, or damaged): upgrading a node is
  installing the new gongkai and restarting `gongkai serve`, whose follower rebuilds the index;
- otherwise, when the store's last change number is above the index's watermark, the changes above it
  are indexed and committed (IndexFeeder.catch_up, which commits at least every 2 s on a long backlog).
A round only tries the index writer: an ingest call in this process (gongkai.ingest.ingest_running; it
holds `index.feeding` batch by batch), a reindex in this process (it holds `index.feeding`) or
in another process on this data directory (it holds tantivy's lock) indexes its changes itself, and the
follower looks again next round. Rounds run every `index.follow_interval_seconds`; on PostgreSQL a
listener thread LISTENs on the channel the store NOTIFYs at each commit and wakes the follower at once.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from gongkai.engine import Engine

log = logging.getLogger("gongkai.follow")

#: wait before reconnecting a listener whose database connection broke (the follower polls meanwhile)
LISTEN_RETRY_SECONDS = 5.0


@dataclass
class FollowRound:
    indexed: int = 0  # records indexed (or, for a build, documents in the new index)
    built: bool = False  # the index was built from the store
    skipped: bool = False  # the writer was busy: an ingest or reindex indexes these changes itself
    watermark: int = 0


def follow_once(engine: Engine) -> FollowRound:
    """One round: bring the index up to the store's last change, unless another writer is at it."""
    from gongkai.ingest import IndexFeeder, ingest_running

    store, index = engine.store, engine.index
    index.reload_if_changed()  # another process (an ingest on this data dir) may have moved it already
    # The watermark before the store's last change: an ingest elsewhere commits its store rows, then its index, so read
    # in this order the watermark is never above the head but after a restore (read the other way, an ingest in another
    # process landing between the reads made a live index look ahead, and it was rebuilt whole: review s16).
    mark = index.watermark
    head = store.max_seq()
    if mark == head and index.usable:
        return FollowRound(watermark=index.watermark)
    # Everything below only while no ingest of this process feeds the index: an empty index may be a fresh
    # node's first ingest under way, which indexes its own records (a build beside it was wasted work).
    if not index.feeding.acquire(blocking=False):
        return FollowRound(skipped=True, watermark=index.watermark)
    if ingest_running(index):  # between two batches of an ingest call: it indexes its own changes and commits
        index.feeding.release()
        return FollowRound(skipped=True, watermark=index.watermark)
    try:
        # An index ahead of its store (watermark above the store's last change) indexed changes the store no longer has:
        # the database was put back from a backup under a running server. Followed on, it answered the lost records and
        # never indexed the ones stored next (numbered at or below its watermark); opening the index rebuilds it so
        # (Engine.index), and now a running node's next round does too (alerts5).
        ahead = mark > head
        if ahead:
            log.warning("搜索索引已索引到第 %d 号改动，超过数据库的最后改动 %d（数据库是否从备份恢复过？），正在从数据库重建 / the index has "
                        "indexed up to change %d, beyond the store's last change %d (was the database restored?): rebuilding it",
                        mark, head, mark, head)
        if ahead or not index.usable or (index.watermark == 0 and index.doc_count() == 0):
            # A new node, or an index of another schema: build a generation from the store (its own lock; an
            # ingest in another process may go on). Searches answer an error until the new generation is live.
            from gongkai.indexer.errors import IndexLockedError

            try:
                count = engine.reindex()
            except IndexLockedError:
                return FollowRound(skipped=True, watermark=index.watermark)
            return FollowRound(indexed=count, built=True, watermark=index.watermark)
        if not index.try_acquire_writer():
            return FollowRound(skipped=True, watermark=index.watermark)
        feeder = IndexFeeder(store, index)
        try:
            done = feeder.catch_up(repair=True)
        finally:
            feeder.commit()  # releases the writer: the next ingest, here or in another process, gets it
        return FollowRound(indexed=done, watermark=index.watermark)
    finally:
        index.feeding.release()


class Follower:
    """A daemon thread running follow_once every interval, woken early by `wake()` (and by NOTIFY)."""

    def __init__(self, engine: Engine, interval: float | None = None, listen: bool = True) -> None:
        self.engine = engine
        self.interval = interval if interval is not None else engine.settings.index.follow_interval_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="gongkai-index-follower", daemon=True)
        self._listener: threading.Thread | None = None
        url = engine.settings.resolved_database_url
        if listen and url.startswith(("postgresql", "postgres")):
            self._listener = threading.Thread(target=self._listen, args=(url,), name="gongkai-index-listen", daemon=True)
        self.rounds = 0
        self.last: FollowRound | None = None

    def start(self) -> Follower:
        self._thread.start()
        if self._listener is not None:
            self._listener.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.ident is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def run_forever(self) -> None:
        """The foreground form (`gongkai index follow`): the loop in this thread until stop() or Ctrl-C."""
        if self._listener is not None:
            self._listener.start()
        self._loop()

    def _loop(self) -> None:
        last_error = ""
        while not self._stop.is_set():
            self._wake.clear()  # before the round: a NOTIFY arriving during it asks for one more round
            try:
                self.last = follow_once(self.engine)
                self.rounds += 1
                last_error = ""
                if self.last.indexed:
                    log.info("index follower: %d records indexed, watermark %d%s", self.last.indexed,
                             self.last.watermark, " (built from the store)" if self.last.built else "")
            except Exception as exc:  # a database or index hiccup must not end following; the next round retries
                if str(exc) != last_error:  # once per distinct error, not every interval (a damaged index waits for reindex)
                    log.exception("index follower: round failed")
                last_error = str(exc)
            self._wake.wait(self.interval)

    def _listen(self, url: str) -> None:
        """LISTEN on the store's channel; every notification wakes the follower."""
        import psycopg
        from sqlalchemy.engine import make_url

        from gongkai.store.upsert import CHANGES_CHANNEL

        conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANGES_CHANNEL}")
                    self._wake.set()  # changes made while we were not listening
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=1.0):
                            self._wake.set()
            except Exception as exc:  # noqa: BLE001 - the database restarted or is unreachable: poll, and listen again later
                log.warning("index follower: LISTEN connection lost (%s); polling every %g s meanwhile", exc, self.interval)
                self._stop.wait(LISTEN_RETRY_SECONDS)


def start_for_server(engine: Engine) -> Follower | None:
    """The follower thread of a server process (`gongkai serve`), unless index.follow is off."""
    if not engine.settings.index.follow:
        return None
    return Follower(engine).start()
