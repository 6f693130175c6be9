"""What operators look at: every job with its schedule, next run, pause switch, last run and current holder."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import column, select, table
from sqlalchemy import inspect as sa_inspect

from gongkai.ops import locks
from gongkai.ops.db import ops_engine, read_only
from gongkai.ops.history import RunLog
from gongkai.ops.jobs import JobSpec, build_job_specs
from gongkai.ops.schedules import ScheduleError, make_trigger, next_fire, timezone_of
from gongkai.ops.service import SCHEDULER_LEASE, jobstore_url, paused_jobs
from gongkai.ops.tables import SCHEDULER_JOBS_TABLE
from gongkai.store.database import make_engine


def stored_next_runs(settings: Any) -> dict[str, datetime | None] | None:
    """Next run times as the scheduler stored them (None for a paused job); None if it never ran here."""
    url = jobstore_url(settings)
    db = ops_engine(url) if url == settings.resolved_database_url else make_engine(url)
    if not sa_inspect(read_only(db)).has_table(SCHEDULER_JOBS_TABLE):
        return None
    jobs = table(SCHEDULER_JOBS_TABLE, column("id"), column("next_run_time"))
    with read_only(db).connect() as conn:
        rows = conn.execute(select(jobs.c.id, jobs.c.next_run_time)).all()
    return {
        row.id: datetime.fromtimestamp(float(row.next_run_time), UTC) if row.next_run_time is not None else None
        for row in rows
    }


def scheduler_holders(settings: Any) -> list[locks.LeaseHolder]:
    """Every live scheduler on the database (issue 20: any number, on any machines), longest running first."""
    holders = locks.all_holders(ops_engine(settings.resolved_database_url))
    live = [h for h in holders if h.name == SCHEDULER_LEASE or h.name.startswith(SCHEDULER_LEASE + ":")]
    return sorted(live, key=lambda h: h.acquired_at or datetime.min.replace(tzinfo=UTC))


def scheduler_holder(settings: Any) -> locks.LeaseHolder | None:
    holders = scheduler_holders(settings)
    return holders[0] if holders else None


def job_overview(settings: Any, specs: list[JobSpec] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """(one dict per job, warnings). Next run: the stored one when a scheduler has run on this database,
    else computed from the schedule (marked estimated)."""
    warnings: list[str] = []
    if specs is None:
        specs, warnings = build_job_specs(settings)
    db = ops_engine(settings.resolved_database_url)
    stored = stored_next_runs(settings)
    paused = paused_jobs(db)
    last = RunLog(db).last_per_job()
    running = {h.name.removeprefix("job:"): h for h in locks.all_holders(db) if h.name.startswith("job:")}
    tz = timezone_of(settings.scheduler.timezone)
    now = datetime.now(tz)
    rows = []
    for spec in specs:
        entry: dict[str, Any] = {
            "name": spec.name, "kind": spec.kind, "schedule": spec.schedule, "target": spec.target,
            "description": spec.description, "paused": spec.name in paused,
        }
        try:
            trigger = make_trigger(spec.schedule, tz)
        except ScheduleError as exc:
            trigger = None
            entry["schedule_error"] = str(exc)
        if trigger is None or entry["paused"]:
            entry["next_run"], entry["next_run_estimated"] = None, False
        elif stored is not None and spec.name in stored:
            moment = stored[spec.name]
            entry["next_run"], entry["next_run_estimated"] = (moment.astimezone(tz).isoformat() if moment else None), False
        else:
            moment = next_fire(trigger, now)
            entry["next_run"], entry["next_run_estimated"] = (moment.isoformat() if moment else None), True
        run = last.get(spec.name)
        entry["last_run"] = run.as_dict(with_traceback=False) if run else None
        holder = running.get(spec.name)
        entry["running"] = {"pid": holder.pid, "host": holder.host, "since": holder.acquired_at.isoformat() if holder.acquired_at else None,
                            "run_id": holder.run_id} if holder else None
        rows.append(entry)
    return rows, warnings
