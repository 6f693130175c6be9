"""Saved-search alerts (issue 22): add, list, remove, and the run that matches new records and delivers them.

An alert is a search (query + the /api/search filter parameters) and a delivery channel: a signed
webhook, an email address, or its own Atom feed. It starts at the store's change number of the moment
it is made (`cursor_seq`), so it sends what arrives after, never the backlog.

A run (`run_alerts`), per batch of store changes above the lowest cursor:
1. match: the batch is searched for every alert (feeds/alert_match.py, the one Engine.search);
2. plan: each matching record once per alert (a new version again only for `updates` alerts; without
   `updates` a record that was already in the store when the alert was made is never sent);
3. commit: the planned deliveries (payload fixed, one id each), what they cover and the new cursors in
   one transaction (feeds/alert_store.py: commit_step);
then 4. deliver every pending delivery that is due. A crash before 3 repeats the matching; a crash
after 3 leaves pending deliveries that the next run sends; a crash in the middle of a send resends the
same delivery id, which the receiver deduplicates. A failed try waits alerts.backoff_seconds × 2^(n−1)
(capped at alerts.backoff_max_seconds) and is given up after alerts.max_attempts tries (8 by default).
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from gongkai.errors import AlertError  # defined in the core, where the shells catch it (issue 17)
from gongkai.feeds import alert_store as db
from gongkai.feeds.alert_delivery import DeliveryError, post_webhook, send_email
from gongkai.feeds.alert_store import AREA, Alert, PlannedDelivery
from gongkai.feeds.atom import record_page_url
from gongkai.record import Record
from gongkai.store.timeutil import to_iso, utc_now

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.notices import OutageArea, OutageEvent

log = logging.getLogger("gongkai.feeds.alerts")

CHANNELS = ("webhook", "email", "atom")
#: the filters an alert keeps: exactly the /api/search filter parameters (gongkai/search_params.py FILTER_NAMES)
FILTER_NAMES = ("kind", "issuer", "notice_type", "topic", "year", "date_from", "date_to", "validity")


# ------------------------------------------------------------------------------------------ add/list


def check_search(engine: Engine, query: str, filters: dict[str, str | None]) -> tuple[str, dict[str, str]]:
    """(query, filters) as /api/search would take them, or AlertError naming the bad parameter."""
    from gongkai.search_params import ParameterError, build_params

    raw = {name: str(value) for name, value in filters.items() if value not in (None, "")}
    unknown = sorted(set(raw) - {*FILTER_NAMES, AREA})
    if unknown:
        raise AlertError(f"unknown filter {', '.join(unknown)}; filters are {', '.join(FILTER_NAMES)}, or {AREA} alone")
    if AREA in raw:
        return "", {AREA: check_area(engine, query, raw)}
    try:
        params = build_params({"q": query, **raw}, engine.settings.search, strict=True)
    except ParameterError as exc:
        raise AlertError(str(exc)) from None
    if not engine.holds_something_to_search(params.q):  # 。。 would never match: refused, not kept silent (search15)
        from gongkai.search_params import nothing_searchable_note

        raise AlertError(nothing_searchable_note(params.q))
    return params.q, {name: value for name, value in params.query_items() if name in FILTER_NAMES}


def check_area(engine: Engine, query: str, raw: dict[str, str]) -> str:
    """The place of an outage alert, as the outage lookup takes it (gongkai.outage_areas.parse_query)."""
    from gongkai.outage_areas import parse_query

    area = raw[AREA].strip()
    others = sorted(set(raw) - {AREA, "kind", "notice_type"})
    if query.strip() or others or raw.get("kind", "notice") != "notice" or raw.get("notice_type", "outage") != "outage":
        raise AlertError("停水停电提醒只按地点订阅，不带搜索词或其他筛选 / an area alert takes no query and no other filter")
    if len(area) > engine.settings.search.max_query_length:
        raise AlertError(f"地点过长 / area is {len(area)} characters; at most {engine.settings.search.max_query_length} are allowed")
    if parse_query(area) is None:
        raise AlertError("请填写街道、小区或楼宇名称 / area must name a street, community or building")
    from gongkai.outage_question import places_asked

    if len(places_asked(area) or ()) > 1:  # 湖滨南路、厦禾路: the lookup answers each, an alert watches one place
        raise AlertError("每条提醒只订阅一个地点，请分别订阅 / an area alert watches one place: subscribe to each")
    return area


def add_alert(engine: Engine, query: str, filters: dict[str, str | None], channel: str, target: str = "",
              updates: bool = False) -> Alert:
    """Check the search as /api/search would, then store the alert at the store's current change number."""
    q, kept = check_search(engine, query, filters)
    if channel not in CHANNELS:
        raise AlertError(f"channel must be one of {', '.join(CHANNELS)}")
    target = target.strip()
    if channel == "webhook" and not target.startswith(("http://", "https://")):
        raise AlertError("a webhook alert needs an http:// or https:// URL")
    if channel == "email":
        if "@" not in parseaddr(target)[1]:
            raise AlertError(f"not an email address: {target!r}")
        if not engine.settings.alerts.smtp_host:
            raise AlertError("email alerts need an SMTP server: set alerts.smtp_host (GONGKAI_ALERTS__SMTP_HOST)")
    if channel == "atom":
        target = ""
    alert = Alert(
        id="a" + secrets.token_hex(6), query=q, filters=kept, channel=channel, target=target,
        secret=secrets.token_urlsafe(32), updates=updates, created_at=utc_now(), cursor_seq=engine.store.max_seq(),
    )
    db.insert_alert(engine.store, alert)
    return alert


def feed_path(alert: Alert) -> str:
    """The Atom feed of an alert: the secret in the URL, since a feed reader cannot send headers."""
    return f"/alerts/{alert.id}/feed.atom?key={alert.secret}"


def describe(engine: Engine, alert: Alert) -> dict[str, Any]:
    """An alert and its receipts, as `gongkai alerts list --json` and the admin page show them (no secret)."""
    receipts = db.receipts(engine.store, alert.id)
    failing = bool(receipts["deliveries"]["failed"]) or bool(alert.last_error)
    return {
        "id": alert.id, "query": alert.query, "filters": alert.filters, "channel": alert.channel, "target": alert.target,
        "updates": alert.updates, "created_at": to_iso(alert.created_at), "cursor_seq": alert.cursor_seq,
        "last_run_at": to_iso(alert.last_run_at), "last_error": alert.last_error, "failing": failing, **receipts,
    }


def list_alerts(engine: Engine) -> list[dict[str, Any]]:
    return [describe(engine, alert) for alert in db.get_alerts(engine.store)]


def failing_alerts(engine: Engine) -> list[dict[str, Any]]:
    """For `gongkai status`: alerts whose last try failed or that gave a delivery up."""
    return [{"id": a["id"], "query": a["query"], "channel": a["channel"], "error": a["last_error"],
             "given_up": a["deliveries"]["failed"], "pending": a["deliveries"]["pending"]}
            for a in list_alerts(engine) if a["failing"]]


def remove_alert(engine: Engine, alert_id: str) -> bool:
    return db.remove_alert(engine.store, alert_id)


# ------------------------------------------------------------------------------------------------ run


@dataclass
class RunReport:
    alerts: int = 0
    changes_read: int = 0
    matched: int = 0  # record versions planned for delivery
    deliveries_made: int = 0
    delivered: int = 0
    failed_tries: int = 0
    given_up: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def record_entry(engine: Engine, record: Record, change: str) -> dict[str, Any]:
    feeds = engine.settings.feeds
    return {
        "id": record.id, "title": record.title, "kind": record.kind, "notice_type": record.notice_type,
        "issuer": record.issuer, "doc_number": record.doc_number,
        "publish_date": record.publish_date.isoformat() if record.publish_date else None,
        "written_date": record.written_date.isoformat() if record.written_date else None,
        "version": record.version, "change": change,
        "url": record_page_url(feeds.public_base(), record.id, feeds.record_page_path), "source_url": record.url,
    }


def _asked_area(alert: Alert) -> OutageArea | None:
    """The place of a place's outage alert, read once per alert (None for other alerts)."""
    from gongkai.outage_areas import parse_query

    area = alert.filters.get(AREA)
    return parse_query(area) if area else None


def _mark_called_off(engine: Engine, asked: OutageArea | None, record: Record, entry: dict[str, Any]) -> dict[str, Any]:
    """A place's outage alert says of each notice whether it only calls the place's outage off (停电取消):
    `called_off` true then, and the email marks it 已取消 (the watcher was told of the cut before); and `windows`, the
    notice's windows naming the place (those it calls off, for such a notice), so the email says when (probe4); for a
    correction printing no window (a place swap, a day moved with no time) the windows the lookup dates for it (outages5:
    the swap's new place was told no time, a moved day's watcher the whole day 00:00-24:00)."""
    if asked is not None:
        from gongkai.outages import (
            calling_off,
            corrects_without_places,
            dated_by_others,
            matching_events,
            only_calls_off,
        )

        entry["called_off"] = only_calls_off(record, asked)
        events = calling_off(record.notice, asked) if entry["called_off"] else matching_events(record.notice, asked, None)
        if not entry["called_off"] and events:  # 时间变更: the window it moves the place's cut from, 已取消, before the new one
            cut = {id(event) for event in events}
            events = sorted([*events, *(event for event in calling_off(record.notice, asked) if id(event) not in cut)],
                            key=lambda event: (event.start is None, event.start or datetime.min))
        if not events and corrects_without_places(record):  # 停电取消 of a line, 更正 of a day: its windows print no place
            events = [event for event in record.notice.events if not event.areas]  # type: ignore[union-attr]
        if dated_by_others(record):
            events = _dated_windows(engine, asked, record) or events
        entry["windows"] = [
            {"start": event.start.isoformat() if event.start else None, "end": event.end.isoformat() if event.end else None,
             "effect": event.effect, "utility": event.utility, "text": event.text}
            for event in events
        ]
    return entry


def _dated_windows(engine: Engine, asked: OutageArea, record: Record) -> list[OutageEvent]:
    """The asked place's windows a correction printing none changes, dated as the outage lookup dates them: from the live
    store's outage notices printing the place (or, for a swap, the place it replaces), published up to the correction and
    within search.outage_lookback_days before it (gongkai.outages.changed_windows)."""
    from gongkai.outage_areas import printed_name
    from gongkai.outages import changed_windows, swapped_out
    from gongkai.search_types import SearchRequest

    day = record.publish_date
    conf = engine.settings.search
    earlier: dict[str, Record] = {}
    for name in dict.fromkeys([printed_name(asked), *(printed_name(area) for area in swapped_out([record]))]):
        request = SearchRequest(q='"' + name.replace('"', " ") + '"', kind="notice", notice_type="outage", sort="date",
                                date_from=day - timedelta(days=conf.outage_lookback_days) if day else None,
                                date_to=day + timedelta(days=1) if day else None, limit=conf.max_page_size, facets=False)
        response = engine.search(request)
        if not response.relaxed:
            earlier.update((found.id, found) for found in engine.store.get_many([hit.id for hit in response.hits]).values()
                           if not found.withdrawn)
    return changed_windows(earlier.values(), record, asked)


def _delivery_id(alert_id: str, covers: list[tuple[str, int]]) -> str:
    """Fixed by what the delivery covers, so that the same content always carries the same id."""
    digest = hashlib.sha256("\n".join(f"{i}\t{v}" for i, v in covers).encode("utf-8")).hexdigest()[:24]
    return f"{alert_id}-{digest}"


#: How far two nodes' clocks may disagree, for records stored before migration 0006 (no first_seq): their first_seen was
#: written by the node that stored them, an alert's created_at by the node where it was made (alerts4: a node 2 minutes
#: behind stored a new record "before" the alert confirmed elsewhere a minute earlier, and it was never sent as backlog).
CLOCK_SLACK = timedelta(minutes=5)


def _backlog(alert: Alert, record: Record, first_seq: int | None) -> bool:
    """Was the record in the store when the alert was made? By the change number it entered the store with against the
    alert's cursor (the store's last change number then): no clock. A node whose clock jumped back stored records with a
    first_seen before an alert made elsewhere, one whose clock ran ahead made alerts after the records stored next
    (nodes6: neither was ever sent). A record stored before that number was kept is judged by first_seen, with
    CLOCK_SLACK."""
    if first_seq is not None:
        return first_seq <= alert.cursor_seq
    return record.first_seen is not None and record.first_seen < alert.created_at - CLOCK_SLACK


def _plan(engine: Engine, alert: Alert, matched: list[tuple[int, Record]]) -> list[PlannedDelivery]:
    ids = [record.id for _, record in matched]
    sent = db.sent_versions(engine.store, alert.id, ids)
    entered = db.first_seqs(engine.store, ids)
    chosen: list[tuple[Record, str]] = []
    for _, record in matched:
        before = sent.get(record.id)
        backlog = _backlog(alert, record, entered.get(record.id))
        if alert.updates:
            if before is not None and before >= record.version:
                continue
            chosen.append((record, "new" if before is None and not backlog else "updated"))
        else:
            # Once per record; one already in the store when the alert was made is backlog, not news.
            if before is not None or backlog:
                continue
            chosen.append((record, "new"))
    size = engine.settings.alerts.max_records_per_delivery
    if alert.channel == "email":  # a burst (500 遗失声明 of one edition) is one digest mail per batch, not three mails
        size = max(size, EMAIL_DIGEST_RECORDS)
    asked = _asked_area(alert)
    entries = [(record, _mark_called_off(engine, asked, record, record_entry(engine, record, change))) for record, change in chosen]
    if asked is not None and entries:
        entries = _not_told_again(engine, alert, entries)
    plans = []
    for start in range(0, len(entries), size):
        part = entries[start : start + size]
        covers = [(record.id, record.version) for record, _ in part]
        delivery_id = _delivery_id(alert.id, covers)
        payload = {
            "delivery_id": delivery_id, "alert_id": alert.id, "query": alert.query, "filters": alert.filters,
            "records": [entry for _, entry in part],
        }
        plans.append(PlannedDelivery(delivery_id, alert.id, payload, covers))
    return plans


def _not_told_again(engine: Engine, alert: Alert, entries: list[tuple[Record, dict[str, Any]]]) -> list[tuple[Record, dict[str, Any]]]:
    """A street's alert: a new notice whose every window of the place was told already (by another record: the power
    company's notice reprinted on the government site and in the newspaper) is the same outage, not news (alerts3: one
    cut, three mails). Windows told in search.outage_lookback_days count; a changed or called-off window is news."""
    since = utc_now() - timedelta(days=engine.settings.search.outage_lookback_days)
    told = db.told_windows(engine.store, alert.id, since)
    kept = []
    for record, entry in entries:
        keys = {db.window_key(window) for window in entry.get("windows") or []}
        if keys and keys <= told and all(key[0] for key in keys) and entry.get("change") == "new":  # undated windows: unknown
            continue
        told |= keys
        kept.append((record, entry))
    return kept


def _plan_withdrawn(engine: Engine, alert: Alert, gone: list[Record]) -> list[PlannedDelivery]:
    """Records this alert sent that were withdrawn since: each told once (`"change": "withdrawn"`, 【已撤回】 in the
    email), as a street's watcher hears a cut called off. alert_sent then holds the version negated: told, and a
    record restored later is a new version to an `--updates` alert. Atom alerts are read, not told: their feed
    leaves withdrawn records out."""
    if alert.channel == "atom" or not gone:
        return []
    sent = db.sent_versions(engine.store, alert.id, [record.id for record in gone])
    told = [record for record in gone if sent.get(record.id, 0) > 0]
    size = engine.settings.alerts.max_records_per_delivery
    plans = []
    for start in range(0, len(told), size):
        part = told[start : start + size]
        covers = [(record.id, -int(record.version or 1)) for record in part]
        delivery_id = _delivery_id(alert.id, covers)
        payload = {"delivery_id": delivery_id, "alert_id": alert.id, "query": alert.query, "filters": alert.filters,
                   "records": [record_entry(engine, record, "withdrawn") for record in part]}
        plans.append(PlannedDelivery(delivery_id, alert.id, payload, covers))
    return plans


def indexed_head(engine: Engine) -> int:
    """The store change a run matches up to: this node's live index's, once brought up to the store (a follower round).
    A correction printing no place, and one printing no window, is matched and dated against the earlier notices of the
    live index (BatchMatcher._earlier_notices, _dated_windows); on a node whose index lagged (back after a day down, its
    follower not round yet) they were missing, and the place's watcher was never told (alerts4). What lies above waits
    for the next run; a node whose index is up to date pays one max(seq) query."""
    from gongkai.follow import follow_once

    head = engine.store.max_seq()
    try:
        follow_once(engine)  # stands aside while an ingest or the follower feeds the index: they commit it
    except Exception as exc:  # noqa: BLE001 - an index another process holds: match up to what it has committed
        log.warning("alerts: the index could not be brought up to the store here (%s)", exc)
    engine.index.reload_if_changed()
    return min(head, engine.index.watermark)


def match_new(engine: Engine, alerts: list[Alert], report: RunReport) -> None:
    """Steps 1-3 over every store change up to now, one batch (and one transaction) at a time."""
    from gongkai.feeds.alert_match import BatchMatcher, search_key

    if not alerts:
        return
    head = indexed_head(engine)
    cursors = {alert.id: alert.cursor_seq for alert in alerts}
    pull_only = {alert.id for alert in alerts if alert.channel == "atom"}
    by_id = {alert.id: alert for alert in alerts}
    with BatchMatcher(engine) as matcher:
        while True:
            behind = [alert_id for alert_id, cursor in cursors.items() if cursor < head]
            if not behind:
                return
            low = min(cursors[alert_id] for alert_id in behind)
            batch = [(seq, record) for seq, record in engine.store.changes_since(low, engine.settings.alerts.batch_records) if seq <= head]
            end = batch[-1][0] if batch else head
            report.changes_read += len(batch)
            matcher.load([record for _, record in batch])
            answers: dict[Any, set[str]] = {}
            planned: list[PlannedDelivery] = []
            step = {alert_id: cursors[alert_id] for alert_id in behind if cursors[alert_id] < end}
            for alert_id, cursor in step.items():
                alert = by_id[alert_id]
                key = search_key(alert.query, alert.filters)
                if key not in answers:
                    try:
                        answers[key] = set(matcher.match(alert.query, alert.filters))
                    except Exception as exc:  # noqa: BLE001 - one broken alert must not stop the others (its error is reported)
                        report.errors.append(f"alert {alert_id}: {type(exc).__name__}: {exc}")
                        answers[key] = set()
                hits = answers[key]
                matched = [(seq, record) for seq, record in batch if seq > cursor and record.id in hits]
                planned += _plan(engine, alert, matched)
                planned += _plan_withdrawn(engine, alert, [record for seq, record in batch if seq > cursor and record.withdrawn])
            moved = db.commit_step(engine.store, step, end, planned, pull_only)
            report.matched += sum(len(p.covers) for p in planned if p.alert_id in moved)
            report.deliveries_made += sum(1 for p in planned if p.alert_id in moved)
            for alert_id in step:
                cursors[alert_id] = end if alert_id in moved else head  # moved by another run: leave it to that run


def deliver_due(engine: Engine, alerts: dict[str, Alert], report: RunReport, now: datetime | None = None) -> None:
    """Step 4: every due pending delivery, oldest first per alert; after a failure that alert's later ones
    wait for the next run. Alerts are served side by side (alerts.parallel_deliveries), each in order."""
    from concurrent.futures import ThreadPoolExecutor

    from gongkai.feeds.alert_delivery import webhook_client

    conf = engine.settings.alerts
    queues: dict[str, list[db.Delivery]] = {}
    for delivery in db.due_deliveries(engine.store, list(alerts), now):
        if delivery.alert_id in alerts:
            queues.setdefault(delivery.alert_id, []).append(delivery)
    if not queues:
        return
    with webhook_client(conf.timeout_seconds) as client:

        def serve(alert_id: str) -> list[tuple[db.Delivery, DeliveryError | None]]:
            alert = alerts[alert_id]
            done: list[tuple[db.Delivery, DeliveryError | None]] = []
            for delivery in queues[alert_id]:
                try:
                    if alert.channel == "webhook":
                        post_webhook(client, alert.target, alert.secret, delivery.id, alert.id, delivery.payload)
                    elif alert.channel == "email":
                        send_email(conf, alert.target, delivery.id, alert.id, delivery.payload, unsubscribe_url(engine, alert.id, alert.secret))
                except DeliveryError as exc:
                    done.append((delivery, exc))
                    break
                # Written the moment the receiver took it: a mail has no idempotency key, so a run killed later resends
                # only what it had not written (nodes6: a run killed -9 after 8 of 24 mails had written none, as the
                # outcomes waited for the other alerts and went in by the hundred: 8 citizens got their mail twice).
                db.mark_delivered(engine.store, [(delivery.id, delivery.alert_id)])
                done.append((delivery, None))
            return done

        with ThreadPoolExecutor(max_workers=conf.parallel_deliveries) as pool:
            # A send is written as sent by its thread at once; a crash before that resends that delivery under the
            # same id (a webhook receiver deduplicates; a mail is sent again, with the same Message-ID).
            for outcomes in pool.map(serve, list(queues)):
                for delivery, error in outcomes:
                    if error is None:
                        report.delivered += 1
                        continue
                    report.failed_tries += 1
                    if db.mark_failed(engine.store, delivery, str(error), None, conf.max_attempts, conf.backoff_seconds,
                                      conf.backoff_max_seconds, permanent=error.permanent):
                        report.given_up += 1
                        log.warning("alert %s: delivery %s given up: %s", delivery.alert_id, delivery.id, error)


OVERDUE_META_KEY = "alerts:overdue_notified"


def unsubscribe_url(engine: Engine, alert_id: str, secret: str) -> str:
    """The one-click unsubscribe link of an alert email (served by web/routes_subscriptions.py). Here, not in
    subscriptions.py, which imports this module: no import cycle (tests/test_layers.py)."""
    return engine.settings.feeds.public_base() + "/subscriptions/unsubscribe?" + urlencode({"alert": alert_id, "key": secret})


def notify_overdue(engine: Engine, report: RunReport) -> None:
    """Sources that became overdue since the last notice go out as one delivery of the alert named by
    settings freshness.notify_alert (its webhook or email, with its retries and receipts). The delivery id
    is fixed by the sources and their overdue times, so a crash before the notified set is saved makes no
    second notice."""
    from gongkai.ops.freshness import sources_status

    alert_id = engine.settings.freshness.notify_alert
    if not alert_id:
        return
    if not db.get_alerts(engine.store, [alert_id]):
        report.errors.append(f"freshness.notify_alert names no alert: {alert_id!r}")
        return
    overdue = [entry.as_dict() for entry in sources_status(engine) if entry.overdue]
    before = set(json.loads(engine.store.meta_get(OVERDUE_META_KEY) or "[]"))
    fresh = [entry for entry in overdue if entry["name"] not in before]
    if fresh:
        key = "\n".join(f"{e['name']}\t{e['overdue_since']}" for e in fresh)
        delivery_id = f"{alert_id}-overdue-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}"
        payload = {"delivery_id": delivery_id, "alert_id": alert_id, "kind": "sources_overdue", "sources": fresh, "records": []}
        if db.add_delivery(engine.store, PlannedDelivery(delivery_id, alert_id, payload)):
            report.deliveries_made += 1
    engine.store.meta_set(OVERDUE_META_KEY, json.dumps(sorted(e["name"] for e in overdue), ensure_ascii=False))  # recovered ones may notify again


#: An email is a digest: every record of one matched batch (alerts.batch_records changes) in one mail, however many a
#: webhook's POST may carry (alerts.max_records_per_delivery): alerts3 met 3 mails for one burst of 500.
EMAIL_DIGEST_RECORDS = 2000

def run_alerts(engine: Engine, ids: list[str] | None = None) -> RunReport:
    """One run over the given alerts (all when None): match what is new, then deliver what is due. Callers that may
    overlap (the scheduler's job, `gongkai alerts run`) go through ops.alert_runs.run_alerts_alone, which holds the
    one-run-at-a-time lease (a source does not import the scheduler)."""
    started = time.monotonic()
    report = RunReport()
    alerts = db.get_alerts(engine.store, ids)
    if ids is not None:
        missing = sorted(set(ids) - {alert.id for alert in alerts})
        if missing:
            raise AlertError(f"no alert with id {', '.join(missing)}")
    report.alerts = len(alerts)
    match_new(engine, alerts, report)
    if ids is None:  # the scheduled run (all alerts) also watches the sources
        try:
            notify_overdue(engine, report)
        except Exception as exc:  # noqa: BLE001 - the alerts themselves must still be delivered (the error is reported)
            report.errors.append(f"freshness notice: {type(exc).__name__}: {exc}")
    deliver_due(engine, {alert.id: alert for alert in alerts}, report)
    db.mark_ran(engine.store, [alert.id for alert in alerts], utc_now())
    report.seconds = round(time.monotonic() - started, 3)
    return report


def job_result(report: RunReport) -> dict[str, Any]:
    """A run as the scheduler's history shows it (ops.alert_runs.alerts_job): matches as `new`, and as `errors` the
    given-up deliveries and the alerts that could not run (their messages under `error_messages`)."""
    return {**report.as_dict(), "new": report.matched, "errors": len(report.errors) + report.given_up, "error_messages": report.errors}
