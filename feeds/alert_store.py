"""The alert tables (store/schema.py: alerts, alert_deliveries, alert_sent): reads and the transactions.

Functions over a `Store`, as store/outbox.py does, so that store.py keeps only the record store's own tables and rules.
The one write that matters for "nothing lost, nothing twice" is `commit_step`: what a run will deliver
(alert_deliveries rows, their payload fixed), which record versions that covers (alert_sent) and the
alert's new cursor are written in ONE transaction. Sending happens after, from the delivery rows, each
with its own id the receiver can deduplicate on; a crash between the two resends the same id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, or_, select, update

from gongkai.store.outbox import sql_engine
from gongkai.store.schema import alert_deliveries, alert_sent, alerts, records, subscriptions
from gongkai.store.timeutil import database_now, from_db, to_db, to_iso

#: A place's outage alert (a street's subscription on the outage page) has this one filter: it is matched not
#: by the search but by the outage lookup's rule (feeds/alert_match.py): an outage notice is sent when one of
#: its events names the place, exactly when /outages?area=… answers with it.
AREA = "area"

if TYPE_CHECKING:
    from gongkai.store.store import Store


@dataclass
class Alert:
    id: str
    query: str
    filters: dict[str, str]
    channel: str  # webhook | email | atom
    target: str
    secret: str
    updates: bool
    created_at: datetime
    cursor_seq: int
    last_run_at: datetime | None = None
    last_error: str | None = None


@dataclass
class PlannedDelivery:
    """One message a run will send: its id, its body, the (record id, version) pairs it covers."""

    id: str
    alert_id: str
    payload: dict[str, Any]
    covers: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Delivery:
    id: str
    alert_id: str
    created_at: datetime
    payload: str
    records: int
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    sent_at: datetime | None


def _alert(row: Any) -> Alert:
    return Alert(
        id=row.id, query=row.query, filters=json.loads(row.filters or "{}"), channel=row.channel, target=row.target,
        secret=row.secret, updates=bool(row.updates), created_at=from_db(row.created_at), cursor_seq=int(row.cursor_seq),
        last_run_at=from_db(row.last_run_at), last_error=row.last_error,
    )


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=row.id, alert_id=row.alert_id, created_at=from_db(row.created_at), payload=row.payload, records=int(row.records),
        status=row.status, attempts=int(row.attempts), next_attempt_at=from_db(row.next_attempt_at),
        last_error=row.last_error, sent_at=from_db(row.sent_at),
    )


def db_clock(conn: Any) -> datetime:
    """The clock deliveries are timed by (made, due, retried, sent): the database's own (PostgreSQL's server clock,
    SQLite's `now`), which every node reads alike, as leases are (ops.locks.db_now). A node's own clock may be
    off (nodes6: a try refused on a node 3 hours ahead was due, to a node 65 minutes behind, 4 hours later)."""
    return database_now(conn)


def insert_alert(store: Store, alert: Alert) -> None:
    with sql_engine(store).begin() as conn:
        conn.execute(insert(alerts).values(
            id=alert.id, query=alert.query, filters=json.dumps(alert.filters, ensure_ascii=False), channel=alert.channel,
            target=alert.target, secret=alert.secret, updates=alert.updates, created_at=to_db(alert.created_at),
            cursor_seq=alert.cursor_seq,
        ))


def get_alerts(store: Store, ids: Sequence[str] | None = None) -> list[Alert]:
    query = select(alerts).order_by(alerts.c.created_at, alerts.c.id)
    if ids is not None:
        query = query.where(alerts.c.id.in_(list(ids)))
    with store.read_engine.connect() as conn:
        return [_alert(row) for row in conn.execute(query)]


def remove_alert(store: Store, alert_id: str) -> bool:
    """The alert and its receipts go, and the citizens' subscriptions it served end with it (status `unsubscribed`, the
    address erased), whoever removes it: `gongkai alerts remove` left them `active` with the address kept for nothing, and
    the unsubscribe link of a mail sent before answered 链接无效 (alerts5). False if there is no such alert."""
    with sql_engine(store).begin() as conn:
        gone = conn.execute(delete(alerts).where(alerts.c.id == alert_id)).rowcount
        conn.execute(delete(alert_deliveries).where(alert_deliveries.c.alert_id == alert_id))
        conn.execute(delete(alert_sent).where(alert_sent.c.alert_id == alert_id))
        conn.execute(update(subscriptions).where(subscriptions.c.alert_id == alert_id, subscriptions.c.status == "active")
                     .values(status="unsubscribed", email="", ended_at=to_db(db_clock(conn))))
    return bool(gone)


def sent_versions(store: Store, alert_id: str, record_ids: Iterable[str]) -> dict[str, int]:
    """record id -> the version last sent by this alert, for those of `record_ids` it has sent."""
    ids = list(dict.fromkeys(record_ids))
    found: dict[str, int] = {}
    with store.read_engine.connect() as conn:
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            query = select(alert_sent.c.record_id, alert_sent.c.version).where(
                alert_sent.c.alert_id == alert_id, alert_sent.c.record_id.in_(part))
            found.update({row.record_id: int(row.version) for row in conn.execute(query)})
    return found


def first_seqs(store: Store, record_ids: Iterable[str]) -> dict[str, int]:
    """record id -> the change number it first entered the store with (records.first_seq), for those that have one
    (records stored before migration 0006 have none)."""
    ids = list(dict.fromkeys(record_ids))
    found: dict[str, int] = {}
    with store.read_engine.connect() as conn:
        for start in range(0, len(ids), 500):
            query = select(records.c.id, records.c.first_seq).where(records.c.id.in_(ids[start : start + 500]),
                                                                    records.c.first_seq.is_not(None))
            found.update({row.id: int(row.first_seq) for row in conn.execute(query)})
    return found


def commit_step(store: Store, cursors: dict[str, int], new_cursor: int, planned: Sequence[PlannedDelivery],
                pull_only: set[str], now: datetime | None = None) -> set[str]:
    """One transaction: the planned deliveries, what they cover, and every alert's cursor moved to `new_cursor`.

    `cursors` maps each alert to the cursor the run matched from: an alert whose cursor moved meanwhile
    (another run got there first) is left alone, and so are its planned deliveries. Deliveries of
    `pull_only` alerts (Atom) are stored already sent: the feed is read, not pushed. Returns the alerts moved.
    """
    with sql_engine(store).begin() as conn:
        now = now or db_clock(conn)
        rows = conn.execute(select(alerts.c.id, alerts.c.cursor_seq).where(alerts.c.id.in_(list(cursors))))
        moved = {row.id for row in rows if int(row.cursor_seq) == cursors[row.id] and int(row.cursor_seq) < new_cursor}
        if not moved:
            return moved
        conn.execute(update(alerts).where(alerts.c.id.in_(list(moved))).values(cursor_seq=new_cursor))
        for plan in planned:
            if plan.alert_id not in moved:
                continue
            done = plan.alert_id in pull_only
            conn.execute(insert(alert_deliveries).values(
                id=plan.id, alert_id=plan.alert_id, created_at=to_db(now), payload=json.dumps(plan.payload, ensure_ascii=False),
                records=len(plan.covers), status="sent" if done else "pending", attempts=0, next_attempt_at=to_db(now),
                sent_at=to_db(now) if done else None,
            ))
            ids = [record_id for record_id, _ in plan.covers]
            conn.execute(delete(alert_sent).where(alert_sent.c.alert_id == plan.alert_id, alert_sent.c.record_id.in_(ids)))
            conn.execute(insert(alert_sent), [
                {"alert_id": plan.alert_id, "record_id": record_id, "version": version, "delivery_id": plan.id, "sent_at": to_db(now)}
                for record_id, version in plan.covers
            ])
    return moved


def add_delivery(store: Store, plan: PlannedDelivery, now: datetime | None = None) -> bool:
    """A delivery outside the record cursor (an operator notice); False if that id exists already."""
    from sqlalchemy.exc import IntegrityError

    try:
        with sql_engine(store).begin() as conn:
            now = now or db_clock(conn)
            conn.execute(insert(alert_deliveries).values(
                id=plan.id, alert_id=plan.alert_id, created_at=to_db(now), payload=json.dumps(plan.payload, ensure_ascii=False),
                records=0, status="pending", attempts=0, next_attempt_at=to_db(now)))
    except IntegrityError:
        return False
    return True


def due_deliveries(store: Store, alert_ids: Sequence[str] | None, now: datetime | None = None) -> list[Delivery]:
    """Pending deliveries whose next attempt is due, oldest first. One never tried is due whatever the clocks say: its
    next_attempt_at is the planning node's clock, and a node whose clock is behind (nodes6: a run killed -9 on a node, the
    next run on one 65 minutes behind) left the rest of the killed run's deliveries waiting for the difference."""
    with store.read_engine.connect() as conn:
        due = or_(alert_deliveries.c.attempts == 0, alert_deliveries.c.next_attempt_at <= to_db(now or db_clock(conn)))
        query = select(alert_deliveries).where(alert_deliveries.c.status == "pending", due)
        if alert_ids is not None:
            query = query.where(alert_deliveries.c.alert_id.in_(list(alert_ids)))
        return [_delivery(row) for row in conn.execute(query.order_by(alert_deliveries.c.created_at, alert_deliveries.c.id))]


def mark_delivered(store: Store, sent: Sequence[tuple[str, str]], now: datetime | None = None) -> None:
    """(delivery id, alert id) pairs sent: one transaction for the lot. An alert id "" leaves the alert's
    last error as it is (a later delivery of that alert failed in the same run)."""
    if not sent:
        return
    with sql_engine(store).begin() as conn:
        now = now or db_clock(conn)
        ids = [delivery_id for delivery_id, _ in sent]
        conn.execute(update(alert_deliveries).where(alert_deliveries.c.id.in_(ids)).values(
            status="sent", sent_at=to_db(now), attempts=alert_deliveries.c.attempts + 1, last_error=None))
        healthy = list({alert_id for _, alert_id in sent if alert_id})
        if healthy:
            conn.execute(update(alerts).where(alerts.c.id.in_(healthy)).values(last_error=None))


def mark_failed(store: Store, delivery: Delivery, error: str, now: datetime | None, max_attempts: int,
                backoff: float, backoff_max: float, permanent: bool = False) -> bool:
    """Count a failed try; after `max_attempts`, or at once when trying again cannot help (`permanent`: the address
    refused for good), the delivery is given up (status failed). True if given up."""
    attempts = delivery.attempts + 1
    given_up = permanent or attempts >= max_attempts
    wait = min(backoff * (2 ** (attempts - 1)), backoff_max)
    # The error is Chinese first (alert_delivery); the count too, with the English after it.
    message = (f"{error}（第 {attempts} 次，共 {max_attempts} 次{'，已放弃' if given_up else ''} / "
               f"try {attempts} of {max_attempts}{', given up' if given_up else ''}）")[:2000]
    with sql_engine(store).begin() as conn:
        now = now or db_clock(conn)
        conn.execute(update(alert_deliveries).where(alert_deliveries.c.id == delivery.id).values(
            status="failed" if given_up else "pending", attempts=attempts, last_error=message,
            next_attempt_at=to_db(now + timedelta(seconds=wait))))
        conn.execute(update(alerts).where(alerts.c.id == delivery.alert_id).values(last_error=message))
    return given_up


def retry_failed(store: Store, alert_id: str) -> int:
    """Given-up deliveries of an alert back in the queue with a fresh count (after the receiver is fixed)."""
    with sql_engine(store).begin() as conn:
        return conn.execute(update(alert_deliveries).where(
            alert_deliveries.c.alert_id == alert_id, alert_deliveries.c.status == "failed",
        ).values(status="pending", attempts=0, next_attempt_at=to_db(db_clock(conn)))).rowcount


def mark_ran(store: Store, alert_ids: Sequence[str], now: datetime) -> None:
    if alert_ids:
        with sql_engine(store).begin() as conn:
            conn.execute(update(alerts).where(alerts.c.id.in_(list(alert_ids))).values(last_run_at=to_db(now)))


def receipts(store: Store, alert_id: str, recent: int = 5) -> dict[str, Any]:
    """What an alert sent and what failed: counts by status, records sent, the latest deliveries."""
    with store.read_engine.connect() as conn:
        counts = {status: 0 for status in ("pending", "sent", "failed")}
        for status, count in conn.execute(select(alert_deliveries.c.status, func.count()).where(
                alert_deliveries.c.alert_id == alert_id).group_by(alert_deliveries.c.status)):
            counts[status] = int(count)
        records_sent = conn.execute(select(func.coalesce(func.sum(alert_deliveries.c.records), 0)).where(
            alert_deliveries.c.alert_id == alert_id, alert_deliveries.c.status == "sent")).scalar_one()
        rows = conn.execute(select(alert_deliveries).where(alert_deliveries.c.alert_id == alert_id)
                            .order_by(alert_deliveries.c.created_at.desc(), alert_deliveries.c.id.desc()).limit(recent))
        latest = [{
            "id": row.id, "created_at": to_iso(row.created_at), "records": int(row.records), "status": row.status,
            "attempts": int(row.attempts), "sent_at": to_iso(row.sent_at), "last_error": row.last_error,
            "next_attempt_at": to_iso(row.next_attempt_at) if row.status == "pending" else None,
        } for row in rows]
    return {"deliveries": counts, "records_sent": int(records_sent), "latest": latest}


def sent_records(store: Store, alert_id: str, limit: int = 50) -> list[tuple[str, datetime]]:
    """(record id, when sent) of an alert, newest first (its Atom feed)."""
    query = (select(alert_sent.c.record_id, alert_sent.c.sent_at).where(alert_sent.c.alert_id == alert_id)
             .order_by(alert_sent.c.sent_at.desc(), alert_sent.c.record_id).limit(limit))
    with store.read_engine.connect() as conn:
        return [(row.record_id, from_db(row.sent_at)) for row in conn.execute(query)]


def told_windows(store: Store, alert_id: str, since: datetime) -> set[tuple[Any, ...]]:
    """The outage windows (start, end, effect, utility) an alert's deliveries made since `since` told (a street's
    alert: the same window reprinted by another source is the same outage, feeds.alerts)."""
    query = select(alert_deliveries.c.payload).where(alert_deliveries.c.alert_id == alert_id, alert_deliveries.c.created_at >= to_db(since))
    told: set[tuple[Any, ...]] = set()
    with store.read_engine.connect() as conn:
        for (payload,) in conn.execute(query):
            for entry in json.loads(payload).get("records", []):
                told.update(window_key(window) for window in entry.get("windows") or [])
    return told


def window_key(window: dict[str, Any]) -> tuple[Any, ...]:
    return (window.get("start"), window.get("end"), window.get("effect"), window.get("utility"))
