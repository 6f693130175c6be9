"""Sync to the national platform: send the outbox, in batches, until it is empty.

The store writes one outbox entry in the transaction of every record change, so nothing can change
without being queued. This module only reads the queue and marks entries:

- an entry is marked sent only after the receiver acknowledged its idempotency key, in one
  transaction right after the response: a crash before that re-sends it, and the receiver drops the
  duplicate by its key; an acknowledged entry is never sent again;
- only the earliest unsent entry of each record is eligible (store.outbox.sendable_entries), so the
  versions of a record arrive in order even across batches, retries and crashes;
- timeouts, dropped connections, 429 and 5xx are retried with exponential backoff; every failure
  counts one attempt of each entry in the batch, and an entry that reaches `sync_max_attempts` is
  parked (status failed) for an operator (`gongkai sync status`, `gongkai sync retry`);
- an entry the receiver rejects (its own 4xx verdict on that item) is parked at once;
- a refused credential (401/403) stops the run without counting attempts: that is configuration.

Wire format (one POST per batch, body JSON Lines, `Authorization: Bearer <sync_token>`):
    {"idempotency_key": "<record_id>:<version>[:withdrawn]", "change": "new|updated|withdrawn",
     "record_id": "...", "version": 3, "record": {...the record JSON...}}
The receiver answers 200 with {"results": [{"idempotency_key": "...", "status": "accepted" |
"duplicate" | "rejected", "error": "..."}]}; accepted and duplicate both acknowledge the entry.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from gongkai.errors import SyncBusyError, SyncError  # defined in the core, where the shells catch them (issue 17)
from gongkai.store import outbox as queue

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.settings import FeedsSettings
    from gongkai.store.store import Store

log = logging.getLogger("gongkai.feeds.sync")

RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
CONTENT_TYPE = "application/x-ndjson"

#: Characters that end a line for Python's str.splitlines() (and ECMAScript before 2019) but not for JSON: json.dumps
#: writes them raw inside strings, so a receiver splitting the body that way cut a record holding U+2028 in two.
_LINE_BREAKS_IN_STRINGS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(value: dict[str, Any]) -> str:
    """One JSON Lines line: UTF-8 JSON whose only line break is the one after it (the same JSON value: a string's
    U+2028, U+2029 or U+0085 is written as its escape, which decodes to the same character)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_LINE_BREAKS_IN_STRINGS)


#: The lease the scheduler's JobRunner takes for the sync-push job; a push from the CLI takes it too,
#: because sendable_entries() reads without claiming: two pushers at once would post the same entries.
SYNC_LEASE = "job:sync-push"


@dataclass
class PushReport:
    sent: int = 0
    failed_attempts: int = 0  # entry-attempts that failed (an entry may fail several times)
    parked: int = 0
    batches: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "failed_attempts": self.failed_attempts,
            "parked": self.parked,
            "batches": self.batches,
            "errors": self.errors[-5:],
        }


@dataclass
class _Outcome:
    acknowledged: list[int]
    rejected: dict[int, str]  # entry id -> the receiver's reason
    retry_error: str | None = None  # the whole batch failed in a way worth retrying


class SyncPusher:
    """Sends the outbox of one store to one endpoint. `sleep` is injectable so tests need not wait."""

    def __init__(
        self,
        store: Store,
        settings: FeedsSettings,
        *,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not settings.sync_url:
            raise SyncError("未配置同步地址 / no sync endpoint configured: set feeds.sync_url (GONGKAI_FEEDS__SYNC_URL)")
        self.store = store
        self.settings = settings
        self.sleep = sleep
        self._client = client or httpx.Client(timeout=settings.sync_timeout_seconds)
        self._own_client = client is None

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    def __enter__(self) -> SyncPusher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def push(self, max_batches: int | None = None) -> PushReport:
        """Send until the queue holds nothing sendable (or `max_batches` were tried)."""
        report = PushReport()
        failures_in_a_row = 0
        while max_batches is None or report.batches < max_batches:
            batch = queue.sendable_entries(self.store, self.settings.sync_batch_size)
            if not batch:
                break
            report.batches += 1
            outcome = self._send(batch)
            if outcome.acknowledged:
                queue.mark_sent(self.store, outcome.acknowledged)
                report.sent += len(outcome.acknowledged)
            for entry_id, reason in outcome.rejected.items():
                # The receiver looked at the entry and said no: re-sending the same bytes cannot help.
                report.parked += len(self._fail([entry_id], f"rejected by the receiver: {reason}", report, park=True))
            if outcome.retry_error is None:
                failures_in_a_row = 0
                continue
            unacknowledged = [e.id for e in batch if e.id not in outcome.acknowledged and e.id not in outcome.rejected]
            report.parked += len(self._fail(unacknowledged, outcome.retry_error, report))
            delay = min(self.settings.sync_backoff_seconds * 2**failures_in_a_row, self.settings.sync_backoff_max_seconds)
            failures_in_a_row += 1
            log.warning("sync batch failed (%s); retrying in %.1fs", outcome.retry_error, delay)
            self.sleep(delay)
        return report

    def _fail(self, entry_ids: list[int], error: str, report: PushReport, park: bool = False) -> list[int]:
        report.failed_attempts += len(entry_ids)
        report.errors.append(error)
        limit = 0 if park else self.settings.sync_max_attempts
        return queue.record_failure(self.store, entry_ids, error, limit)

    def _send(self, batch: list[queue.OutboxEntry]) -> _Outcome:
        lines, by_key, missing = [], {}, {}
        for entry in batch:
            record = queue.record_state(self.store, entry.record_id, entry.version)
            if record is None:  # cannot happen unless the database was edited by hand; park, do not loop
                missing[entry.id] = f"record {entry.record_id} version {entry.version} is not in the store"
                continue
            data = record.model_dump(mode="json")
            data["withdrawn"] = entry.change == "withdrawn"
            line = {
                "idempotency_key": entry.idempotency_key,
                "change": entry.change,
                "record_id": entry.record_id,
                "version": entry.version,
                "record": data,
            }
            lines.append(json_line(line))
            by_key[entry.idempotency_key] = entry.id
        if not lines:
            return _Outcome([], missing)
        body = ("\n".join(lines) + "\n").encode("utf-8")
        headers = {"Content-Type": CONTENT_TYPE}
        if self.settings.sync_token:
            headers["Authorization"] = f"Bearer {self.settings.sync_token}"
        try:
            response = self._client.post(self.settings.sync_url, content=body, headers=headers)
        except httpx.TimeoutException as exc:
            return _Outcome([], missing, f"timeout: {type(exc).__name__}")
        except httpx.TransportError as exc:  # refused, reset, dropped mid-response
            return _Outcome([], missing, f"connection failed: {type(exc).__name__}: {exc}")
        if response.status_code in (401, 403):
            raise SyncError(f"同步端拒绝了凭据 / the sync endpoint refused the credentials ({response.status_code}); check feeds.sync_token")
        if response.status_code in RETRYABLE_STATUS:
            return _Outcome([], missing, f"HTTP {response.status_code} from the receiver")
        if response.status_code >= 400:
            # The batch as a whole was refused (e.g. 400, 413): count it against every entry, so a
            # permanent refusal ends parked instead of looping forever.
            return _Outcome([], missing, f"HTTP {response.status_code}: {response.text[:300]}")
        return self._read_acknowledgements(response, by_key, missing)

    @staticmethod
    def _read_acknowledgements(response: httpx.Response, by_key: dict[str, int], missing: dict[int, str]) -> _Outcome:
        try:
            results = response.json()["results"]
            if not isinstance(results, list):
                raise TypeError("results is not a list")
        except (ValueError, KeyError, TypeError) as exc:
            return _Outcome([], missing, f"unreadable acknowledgement ({exc}); the batch will be re-sent")
        acknowledged: list[int] = []
        rejected = dict(missing)
        for item in results:
            if not isinstance(item, dict) or item.get("idempotency_key") not in by_key:
                continue
            entry_id = by_key[item["idempotency_key"]]
            if item.get("status") in ("accepted", "duplicate"):
                acknowledged.append(entry_id)
            elif item.get("status") == "rejected":
                rejected[entry_id] = str(item.get("error") or "no reason given")
        unanswered = len(by_key) - len(acknowledged) - (len(rejected) - len(missing))
        error = f"{unanswered} entries not acknowledged" if unanswered else None
        return _Outcome(acknowledged, rejected, error)


def push(
    engine: Engine,
    max_batches: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    *,
    take_lease: bool = True,
) -> PushReport:
    """Send the engine's outbox to the configured endpoint (settings.feeds).

    Holds the `job:sync-push` lease while it runs, so it never overlaps another pusher in any process;
    raises SyncBusyError when one is running. `take_lease=False` is for the scheduler's job, whose
    JobRunner already holds that lease.
    """
    with SyncPusher(engine.store, engine.settings.feeds, sleep=sleep) as pusher:
        if not take_lease:
            return pusher.push(max_batches)
        with sync_lease(engine):
            return pusher.push(max_batches)


@contextmanager
def sync_lease(engine: Engine) -> Iterator[None]:
    """Hold the sync-push job lease (renewed by a heartbeat) for the block; SyncBusyError if it is taken."""
    from gongkai.ops import locks
    from gongkai.ops.db import ops_engine

    db = ops_engine(engine.settings.resolved_database_url)
    owner = locks.new_owner_id()
    lease_seconds = engine.settings.scheduler.lease_seconds
    got = locks.acquire(db, SYNC_LEASE, owner, lease_seconds)
    if isinstance(got, locks.LeaseHolder):
        raise SyncBusyError(f"sync push is already running ({got.describe()}); try again when it has finished")
    heartbeat = locks.Heartbeat(db, lease_seconds)
    heartbeat.hold(SYNC_LEASE, owner)
    try:
        yield
    finally:
        heartbeat.drop(SYNC_LEASE)
        heartbeat.close()
        locks.release(db, SYNC_LEASE, owner)


def status(engine: Engine) -> dict[str, Any]:
    """Counts by status, last success, and the parked entries with their last error."""
    info = queue.status_counts(engine.store)
    info["parked"] = [
        {
            "id": e.id,
            "record_id": e.record_id,
            "version": e.version,
            "change": e.change,
            "attempts": e.attempts,
            "last_error": e.last_error,
        }
        for e in queue.entries(engine.store, status="failed", limit=50)
    ]
    return info


def retry(engine: Engine, entry_ids: list[int] | None = None) -> int:
    """Return parked entries to the queue (all of them, or the given ids)."""
    return queue.retry_parked(engine.store, entry_ids)
