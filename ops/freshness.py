"""Freshness watch (issue 22): per source, when it last ran, when it last brought something new, how often
it is expected to, and whether it is overdue; for newspapers, the editions missing in the last 60 days.

Sources: the site definitions (disclosure sites and newspapers; crawl runs from crawlers/state.py), the
polled agency feeds (settings feeds.agency_feeds, source "feed:NAME"; the feeds-poll job's runs), the drop
folder (sources "inbox" and "inbox:AGENCY"; the inbox job's runs), the pushing agencies (their API tokens;
a push is their run), and any other source records carry.

Expected cadence of new records: settings `freshness.cadence_days` by source name, else the site
definition's own `cadence_days`, else 1 day for a newspaper (a daily edition), else learned: the median gap between the distinct publish dates of the
source's records in the last year (at least 3 dates; fewer: unknown, never overdue on records).
Overdue when no new record (first seen by gongkai) for `overdue_factor` × cadence, or no finished run for
`overdue_factor` × the run schedule's interval; `since` is the moment that limit passed.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from gongkai.holidays import offices_closed_days, paper_pause_days
from gongkai.store.holiday_days import read_calendar
from gongkai.store.schema import records
from gongkai.store.timeutil import from_db, utc_now

if TYPE_CHECKING:
    from gongkai.engine import Engine

MISSING_WINDOW_DAYS = 60
LEARN_WINDOW_DAYS = 365


@dataclass
class SourceFreshness:
    name: str
    kind: str  # site | newspaper | feed | drop-folder | push | other
    records: int = 0
    last_run: datetime | None = None  # last finished run (crawl, poll, pick-up) or push
    last_new_record: datetime | None = None  # when gongkai first saw its newest new record
    newest_publish_date: date | None = None
    cadence_days: float | None = None
    cadence_from: str = "unknown"  # setting | definition | newspaper | learned | unknown
    run_interval_hours: float | None = None
    overdue: bool = False
    overdue_since: datetime | None = None
    reasons: list[str] = field(default_factory=list)
    missing_editions: list[date] | None = None  # newspapers only
    paused_since: datetime | None = None  # its job paused by the operator (`gongkai jobs pause`): not judged meanwhile

    def as_dict(self) -> dict[str, Any]:
        iso = lambda v: v.isoformat() if v is not None else None  # noqa: E731
        return {
            "name": self.name, "kind": self.kind, "records": self.records, "last_run": iso(self.last_run),
            "last_new_record": iso(self.last_new_record), "newest_publish_date": iso(self.newest_publish_date),
            "expected_cadence_days": self.cadence_days, "cadence_from": self.cadence_from,
            "run_interval_hours": self.run_interval_hours, "overdue": self.overdue, "overdue_since": iso(self.overdue_since),
            "reasons": self.reasons,
            "missing_editions": [iso(d) for d in self.missing_editions] if self.missing_editions is not None else None,
            "paused": self.paused_since is not None, "paused_since": iso(self.paused_since),
        }


def learned_cadence(days: list[date]) -> float | None:
    """Median gap in days between distinct dates (None with fewer than 3)."""
    distinct = sorted(set(days))
    if len(distinct) < 3:
        return None
    return float(statistics.median((b - a).days for a, b in itertools.pairwise(distinct)))


def run_interval_hours(schedule: str, zone: Any, now: datetime) -> float | None:
    """Hours between two runs of a schedule (its next two fire times), None when it is off or unreadable."""
    from gongkai.ops.schedules import ScheduleError, make_trigger

    try:
        trigger = make_trigger(schedule, zone)
    except ScheduleError:
        return None
    if trigger is None:
        return None
    first = trigger.get_next_fire_time(None, now)
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1)) if first else None
    return (second - first).total_seconds() / 3600 if first and second else None


def _store_facts(engine: Engine, today: date) -> tuple[dict[str, dict[str, Any]], dict[str, list[date]]]:
    """Per source: counts and times (one grouped query), and its publish dates of the last year."""
    facts: dict[str, dict[str, Any]] = {}
    dates: dict[str, list[date]] = {}
    with engine.store.read_engine.connect() as conn:
        query = select(records.c.source, func.count(), func.max(records.c.first_seen), func.max(records.c.last_seen),
                       func.max(records.c.publish_date)).group_by(records.c.source)
        for source, count, first_seen, last_seen, newest in conn.execute(query):
            facts[source] = {"records": int(count), "last_new": from_db(first_seen), "last_seen": from_db(last_seen), "newest": newest}
        # the newest date not after today: one page misdated next year must not hide dates that stopped moving
        query = select(records.c.source, func.max(records.c.publish_date)).where(records.c.publish_date <= today).group_by(records.c.source)
        for source, newest in conn.execute(query):
            if source in facts:
                facts[source]["newest_past"] = newest
        query = select(records.c.source, records.c.publish_date).where(and_(
            records.c.publish_date >= today - timedelta(days=LEARN_WINDOW_DAYS), records.c.publish_date <= today)).distinct()
        for source, day in conn.execute(query):
            dates.setdefault(source, []).append(day)
    return facts, dates


def _paused_jobs(ops: Any) -> dict[str, datetime]:
    """Job name -> when the operator paused it (`gongkai jobs pause`, the admin page's button)."""
    from gongkai.ops.tables import job_state

    with ops.connect() as conn:
        return {row.job: from_db(row.updated_at) for row in conn.execute(
            select(job_state.c.job, job_state.c.updated_at).where(job_state.c.paused == True))}  # noqa: E712


def _last_ok_run(runlog: Any, job: str) -> datetime | None:
    for run in runlog.recent(job, limit=50):
        if run.outcome == "ok" and run.ended_at:
            return run.ended_at
    return None


def sources_status(engine: Engine, now: datetime | None = None) -> list[SourceFreshness]:
    from gongkai.ops.db import ops_engine
    from gongkai.ops.history import RunLog
    from gongkai.ops.schedules import timezone_of

    settings = engine.settings
    conf = settings.freshness
    now = now or utc_now()
    zone = timezone_of(settings.scheduler.timezone)
    today = now.astimezone(zone).date()
    facts, dates = _store_facts(engine, today)
    with engine.store.read_engine.connect() as conn:  # the holiday notices' days (调休 too) and the operator's (alerts7)
        calendar = read_calendar(conn, conf.days_off, conf.working_days)
    ops = ops_engine(settings.resolved_database_url)
    runlog = RunLog(ops)
    paused_jobs = _paused_jobs(ops)
    job_of: dict[str, str] = {}  # source name -> the scheduler job that brings its records
    revoked: dict[str, datetime] = {}  # a pushing agency whose every token the operator revoked -> when
    found: dict[str, SourceFreshness] = {}
    defined_cadence: dict[str, float] = {}  # a site definition's own cadence_days
    # A site is listed by its name, but its crawls store records under its source, "site:NAME".
    stored_as: dict[str, str] = {}

    try:  # the site definitions and their crawl runs
        from gongkai.crawlers.sitedef import load_sites
        from gongkai.crawlers.state import CrawlState

        sites = load_sites(list(settings.crawl.sites_dirs))
        crawl_state = CrawlState.from_settings(settings)
        try:
            for name, site in sites.items():
                kind = "newspaper" if getattr(site, "kind", "") == "newspaper" else "site"
                entry = found[name] = SourceFreshness(name, kind)
                job_of[name] = f"{'newspaper' if kind == 'newspaper' else 'crawl'}:{name}"  # ops/jobs.py's names
                stored_as[name] = site.source
                if site.cadence_days is not None:
                    defined_cadence[name] = site.cadence_days
                finished = [run["finished_at"] for run in crawl_state.runs(name, limit=20) if run["finished_at"]]
                entry.last_run = from_db(max(finished)) if finished else None
                schedule = site.schedule if settings.scheduler.crawl.strip().lower() == "site" else settings.scheduler.crawl
                entry.run_interval_hours = run_interval_hours(schedule, zone, now)
        finally:
            crawl_state.close()
    except Exception as exc:  # noqa: BLE001 - a broken definition must not hide the other sources
        found["(site definitions)"] = SourceFreshness("(site definitions)", "site", reasons=[f"cannot load: {exc}"])

    poll_run = _last_ok_run(runlog, "feeds-poll")
    for feed in settings.feeds.agency_feeds:
        entry = found[f"feed:{feed.name}"] = SourceFreshness(f"feed:{feed.name}", "feed", last_run=poll_run)
        job_of[entry.name] = "feeds-poll"
        entry.run_interval_hours = run_interval_hours(settings.scheduler.feeds_poll, zone, now)
    inbox_run = _last_ok_run(runlog, "inbox")
    for source in facts:
        if source == "inbox" or source.startswith("inbox:"):
            found[source] = SourceFreshness(source, "drop-folder", last_run=inbox_run,
                                            run_interval_hours=run_interval_hours(settings.scheduler.inbox, zone, now))
            job_of[source] = "inbox"
    try:
        from gongkai.feeds.tokens import TokenStore

        tokens = TokenStore(engine.store).list(include_revoked=True)
        active = {token.agency for token in tokens if token.revoked_at is None}
        for token in tokens:
            found.setdefault(token.agency, SourceFreshness(token.agency, "push"))
            if token.agency not in active and token.revoked_at is not None:  # every token revoked: it stopped on purpose
                revoked[token.agency] = max(revoked.get(token.agency, token.revoked_at), token.revoked_at)
    except Exception as exc:  # noqa: BLE001 - the same for the push tokens: named in the report, the rest shows
        found["(push agencies)"] = SourceFreshness("(push agencies)", "push", reasons=[f"cannot list tokens: {exc}"])
    claimed = set(stored_as.values())
    for source in facts:
        if source and source not in found and source not in claimed:
            found[source] = SourceFreshness(source, "other")

    for name, entry in found.items():
        fact = facts.get(stored_as.get(name, name), {})
        entry.records = fact.get("records", 0)
        entry.last_new_record = fact.get("last_new")
        entry.newest_publish_date = fact.get("newest")
        if entry.kind == "push":
            entry.last_run = fact.get("last_seen")  # a push is the agency's run: it moves last_seen even when nothing changed
        if name in conf.cadence_days:  # the operator's setting wins over what the definition says
            entry.cadence_days, entry.cadence_from = float(conf.cadence_days[name]), "setting"
        elif name in defined_cadence:
            entry.cadence_days, entry.cadence_from = defined_cadence[name], "definition"
        elif entry.kind == "newspaper":
            entry.cadence_days, entry.cadence_from = 1.0, "newspaper"
        else:
            learned = learned_cadence(dates.get(stored_as.get(name, name), []))
            if learned is not None:
                entry.cadence_days, entry.cadence_from = max(learned, 1.0), "learned"
        window = (today - timedelta(days=MISSING_WINDOW_DAYS), today)
        # 春节: a paper prints no edition for days (alerts3: 5 false "missing", overdue on 初二); an agency publishes nothing
        # over the holiday weeks (春节, 国庆, 五一: alerts4, a feed quiet from 除夕 was overdue on 初三)
        paused = paper_pause_days(*window) if entry.kind == "newspaper" else offices_closed_days(*window, calendar)
        entry.paused_since = paused_jobs.get(job_of.get(name, "")) or revoked.get(name)
        if entry.paused_since is not None:
            # Paused on purpose (a site being rebuilt, a feed moved, an agency's push tokens revoked): no run and no record
            # is what the operator asked for, not news to tell them every run (alerts5: a paused paper was overdue and in
            # every operators' notice; an agency whose tokens were revoked became an `other` source, overdue for good).
            # Resumed (a new token), it is judged again from its last run and record.
            how = f"gongkai jobs resume {job_of[name]}" if name in job_of else "令牌已全部撤销 / every API token revoked"
            entry.reasons.append(f"已由运维暂停（自 {beijing(entry.paused_since)}，北京时间；{how}）/ "
                                 f"paused by the operator since {entry.paused_since:%Y-%m-%d %H:%M} UTC")
        else:
            _judge(entry, now, conf.overdue_factor, paused, fact.get("newest_past"))
        if entry.kind == "newspaper":
            have = set(dates.get(stored_as.get(name, name), []))
            entry.missing_editions = [day for n in range(MISSING_WINDOW_DAYS, 0, -1)
                                      if (day := today - timedelta(days=n)) not in have and day not in paused]
            if entry.missing_editions:
                entry.reasons.append(f"近 {MISSING_WINDOW_DAYS} 天缺 {len(entry.missing_editions)} 期 / "
                                     f"{len(entry.missing_editions)} editions missing in the last {MISSING_WINDOW_DAYS} days")
    return sorted(found.values(), key=lambda e: (not e.overdue, e.kind, e.name))


BEIJING = timezone(timedelta(hours=8))


def beijing(moment: datetime) -> str:
    """A stored UTC time as the operators read it (a naive one is UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return f"{aware.astimezone(BEIJING):%Y-%m-%d %H:%M}"


def _judge(entry: SourceFreshness, now: datetime, factor: float, paused: Collection[date] = (),
           newest_dated: date | None = None) -> None:
    """The reasons are for operators: Chinese first (Beijing time), then the English words the JSON always had. `paused`:
    days (Beijing calendar) the source may bring nothing (a newspaper's 春节): they do not run its clock. `newest_dated`:
    the newest publish date not after today, the second clock: new records whose dates stopped moving (a site serving
    its archive again, a list stuck on one page) are no news (alerts4: such a source was never overdue)."""
    limits: list[tuple[datetime, str]] = []
    if entry.cadence_days is not None:
        if entry.last_new_record is None:
            entry.reasons.append("尚无记录 / no record yet")
        else:
            since = entry.last_new_record.astimezone(BEIJING).date()
            limit = entry.last_new_record + timedelta(days=entry.cadence_days * factor + sum(since < day for day in paused))
            if now > limit:
                limits.append((limit, f"自 {beijing(entry.last_new_record)}（北京时间）起无新记录（应每 {entry.cadence_days:g} 天有新记录）/ "
                                      f"no new record since {entry.last_new_record:%Y-%m-%d %H:%M} UTC "
                                      f"(expected every {entry.cadence_days:g} days)"))
            elif newest_dated is not None:  # records still come: do their dates?
                start = datetime.combine(newest_dated + timedelta(days=1), datetime.min.time(), BEIJING)
                limit = start + timedelta(days=entry.cadence_days * factor + sum(newest_dated < day for day in paused))
                if now > limit:
                    limits.append((limit, f"新记录的发布日期停在 {newest_dated:%Y-%m-%d}（应每 {entry.cadence_days:g} 天有新发布）/ "
                                          f"new records come, but none is dated after {newest_dated:%Y-%m-%d} "
                                          f"(expected every {entry.cadence_days:g} days)"))
    if entry.run_interval_hours is not None:
        if entry.last_run is None:
            limits.append((now, "从未完整运行 / never ran to the end"))
        else:
            limit = entry.last_run + timedelta(hours=entry.run_interval_hours * factor)
            if now > limit:
                limits.append((limit, f"自 {beijing(entry.last_run)}（北京时间）起无完成的运行（应每 {entry.run_interval_hours:g} 小时一次）/ "
                                      f"no finished run since {entry.last_run:%Y-%m-%d %H:%M} UTC "
                                      f"(scheduled every {entry.run_interval_hours:g} h)"))
    if limits:
        entry.overdue = True
        entry.overdue_since = min(limit for limit, _ in limits)
        entry.reasons = [reason for _, reason in limits] + entry.reasons


def public_agencies(engine: Engine, limit: int = 500) -> list[dict[str, Any]]:
    """For the public /status page: per issuing agency (the issuers of disclosure documents; a notice's issuer
    may be a company or a person), the date of its newest document and when gongkai last checked (the latest
    time one of its records was seen again by a crawl, poll, pick-up or push)."""
    with engine.store.read_engine.connect() as conn:
        query = (select(records.c.issuer, func.count(), func.max(records.c.publish_date), func.max(records.c.last_seen))
                 .where(records.c.withdrawn == False, records.c.issuer != "", records.c.kind == "disclosure")  # noqa: E712
                 .group_by(records.c.issuer).order_by(records.c.issuer).limit(limit))
        return [{"agency": issuer, "documents": int(count), "newest_document": newest.isoformat() if newest else None,
                 "last_checked": from_db(seen).isoformat() if seen else None}
                for issuer, count, newest, seen in conn.execute(query)]
