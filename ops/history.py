"""The run history: one row per job run in ops_job_runs (see tables.py).

A run whose process is gone is shown as lost as soon as anyone looks (`reap_lost`, called by every read):
its row says 'running' but its job lease is free, expired, taken over, or held by a dead pid of this host.
It ends at the time it was last seen alive (the heartbeat's `last_seen`), with the counts it had committed
by then (written by the same heartbeat), not at the moment someone noticed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update

from gongkai.ops.db import read_only
from gongkai.ops.tables import job_runs
from gongkai.store.database import inserted_id
from gongkai.store.timeutil import from_db, to_db, utc_now

OUTCOMES = ("running", "ok", "failed", "interrupted", "skipped", "missed", "lost")
#: outcomes an operator must look at
BAD_OUTCOMES = ("failed", "lost", "missed")


@dataclass
class JobRun:
    id: int
    job: str
    trigger: str
    owner: str
    started_at: datetime
    ended_at: datetime | None
    outcome: str
    new: int = 0
    changed: int = 0
    errors: int = 0
    counts: dict[str, Any] = field(default_factory=dict)
    message: str = ""
    traceback: str | None = None
    last_seen: datetime | None = None

    @property
    def duration_seconds(self) -> float | None:
        return (self.ended_at - self.started_at).total_seconds() if self.ended_at else None

    def as_dict(self, with_traceback: bool = True) -> dict[str, Any]:
        data = {
            "id": self.id, "job": self.job, "trigger": self.trigger, "owner": self.owner,
            "started_at": self.started_at.isoformat(), "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "duration_seconds": self.duration_seconds, "outcome": self.outcome,
            "new": self.new, "changed": self.changed, "errors": self.errors, "counts": self.counts, "message": self.message,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
        }
        if with_traceback:
            data["traceback"] = self.traceback
        return data


def _run_from_row(row) -> JobRun:
    try:
        counts = json.loads(row.counts or "{}")
    except ValueError:
        counts = {}
    return JobRun(
        id=row.id, job=row.job, trigger=row.trigger, owner=row.owner, started_at=from_db(row.started_at),
        ended_at=from_db(row.ended_at), outcome=row.outcome, new=row.new, changed=row.changed, errors=row.errors,
        counts=counts, message=row.message or "", traceback=row.traceback, last_seen=from_db(row.last_seen),
    )


def _count_columns(counts: dict[str, Any]) -> dict[str, Any]:
    return dict(new=int(counts.get("new", 0)), changed=int(counts.get("changed", 0)), errors=int(counts.get("errors", 0)),
                counts=json.dumps(counts, ensure_ascii=False, default=str))


LOST_MESSAGE = "last seen alive {seen} UTC; the process running this job ended without finishing it (killed or crashed)"


def _now(conn: Any) -> datetime:
    """When a run starts, is seen alive and ends: by the clock leases use (ops.locks.db_now, the database server's on
    PostgreSQL), since another node judges these times: whether a lost run is recent enough to take over (its `ended_at`
    is its last heartbeat). A node whose clock jumped back an hour wrote a last heartbeat an hour old, and its run,
    killed, was never taken over (alerts5)."""
    from gongkai.ops import locks  # locks needs nothing from here; imported late to keep the modules apart

    return locks.db_now(conn)


class RunLog:
    def __init__(self, db: Engine) -> None:
        self.db = db

    def start(self, job: str, trigger: str, owner: str) -> int:
        with self.db.begin() as conn:
            now = to_db(_now(conn))
            result = conn.execute(
                insert(job_runs).values(
                    job=job, trigger=trigger, owner=owner, started_at=now, last_seen=now, outcome="running",
                    new=0, changed=0, errors=0, counts="{}", message="",
                )
            )
            return inserted_id(result)

    def beat(self, run_id: int, counts: dict[str, Any] | None = None) -> None:
        """The run's process is alive now (called by its lease heartbeat), with these counts committed so far."""
        with self.db.begin() as conn:
            values: dict[str, Any] = {"last_seen": to_db(_now(conn))}
            if counts:
                values.update(_count_columns(counts))
            conn.execute(update(job_runs).where(job_runs.c.id == run_id, job_runs.c.outcome == "running").values(**values))

    def finish(
        self,
        run_id: int,
        outcome: str,
        counts: dict[str, Any] | None = None,
        message: str = "",
        traceback: str | None = None,
    ) -> None:
        if outcome not in OUTCOMES or outcome == "running":
            raise ValueError(f"not a final outcome: {outcome!r}")
        counts = counts or {}
        with self.db.begin() as conn:
            conn.execute(
                update(job_runs).where(job_runs.c.id == run_id).values(
                    ended_at=to_db(_now(conn)), outcome=outcome,
                    new=int(counts.get("new", 0)), changed=int(counts.get("changed", 0)), errors=int(counts.get("errors", 0)),
                    counts=json.dumps(counts, ensure_ascii=False, default=str), message=message[:10_000], traceback=traceback,
                )
            )

    def note(self, job: str, trigger: str, outcome: str, message: str, owner: str = "") -> int:
        """A run that did not start (skipped because it was running, missed its slot): begun and ended at once."""
        with self.db.begin() as conn:
            now = to_db(_now(conn))
            result = conn.execute(
                insert(job_runs).values(
                    job=job, trigger=trigger, owner=owner, started_at=now, ended_at=now, outcome=outcome,
                    new=0, changed=0, errors=0, counts="{}", message=message,
                )
            )
            return inserted_id(result)

    def mark_lost(self, job: str | None, owner: str) -> int:
        """Runs left 'running' by a process that died (SIGKILL, power cut) become 'lost', ending when they were
        last seen alive and keeping the counts their heartbeat wrote."""
        conditions = [job_runs.c.outcome == "running", job_runs.c.owner == owner]
        if job is not None:
            conditions.append(job_runs.c.job == job)
        with self.db.begin() as conn:
            rows = conn.execute(select(job_runs.c.id).where(*conditions)).scalars().all()
            for run_id in rows:
                self._lose(conn, run_id)
            return len(rows)

    @staticmethod
    def _lose(conn: Any, run_id: int) -> None:
        row = conn.execute(select(job_runs.c.last_seen, job_runs.c.started_at).where(job_runs.c.id == run_id)).first()
        seen = row.last_seen or row.started_at
        conn.execute(update(job_runs).where(job_runs.c.id == run_id, job_runs.c.outcome == "running").values(
            outcome="lost", ended_at=seen,
            message=LOST_MESSAGE.format(seen=from_db(seen).isoformat(timespec="seconds"))))

    def reap_lost(self) -> int:
        """Mark lost every 'running' run whose process is gone (see the module docstring); how many.

        A read first (no write lock while nothing is lost); each suspect is checked again inside the write
        transaction, so a run that just finished and released its lease is never overwritten."""
        from gongkai.ops import locks  # locks needs nothing from here; imported late to keep the modules apart

        with read_only(self.db).connect() as conn:
            running = conn.execute(select(job_runs.c.id, job_runs.c.job, job_runs.c.owner)
                                   .where(job_runs.c.outcome == "running")).all()
        suspects = [row for row in running if not locks.held_by(self.db, f"job:{row.job}", row.owner)]
        if not suspects:
            return 0
        lost = 0
        with self.db.begin() as conn:
            for row in suspects:
                still = conn.execute(select(job_runs.c.outcome).where(job_runs.c.id == row.id)).scalar()
                if still == "running" and not locks.held_by(self.db, f"job:{row.job}", row.owner):
                    self._lose(conn, row.id)
                    lost += 1
        return lost

    def get(self, run_id: int) -> JobRun | None:
        self.reap_lost()
        with read_only(self.db).connect() as conn:
            row = conn.execute(select(job_runs).where(job_runs.c.id == run_id)).first()
        return _run_from_row(row) if row else None

    def recent(
        self, job: str | None = None, failed_only: bool = False, limit: int = 50, since: datetime | None = None
    ) -> list[JobRun]:
        """Newest first. `job` may end with '*' to match a prefix (crawl:*)."""
        self.reap_lost()
        query = select(job_runs).order_by(job_runs.c.id.desc()).limit(limit)
        if job:
            query = query.where(job_runs.c.job.startswith(job[:-1]) if job.endswith("*") else job_runs.c.job == job)
        if failed_only:
            query = query.where(job_runs.c.outcome.in_(BAD_OUTCOMES))
        if since is not None:
            query = query.where(job_runs.c.started_at >= to_db(since))
        with read_only(self.db).connect() as conn:
            return [_run_from_row(row) for row in conn.execute(query)]

    def last_per_job(self) -> dict[str, JobRun]:
        """The latest run of every job that ever ran. A slot noted 'skipped' (it came while the job was running)
        is not a run: it would hide the run that is going on, or was lost, behind it."""
        self.reap_lost()
        latest = select(func.max(job_runs.c.id)).where(job_runs.c.outcome != "skipped").group_by(job_runs.c.job)
        with read_only(self.db).connect() as conn:
            rows = conn.execute(select(job_runs).where(job_runs.c.id.in_(latest))).all()
        return {row.job: _run_from_row(row) for row in rows}

    def failed_since(self, hours: float = 24) -> list[JobRun]:
        return self.recent(failed_only=True, limit=1000, since=utc_now() - timedelta(hours=hours))

    def prune(self, older_than_days: int) -> int:
        cutoff = to_db(utc_now() - timedelta(days=older_than_days))
        with self.db.begin() as conn:
            result = conn.execute(delete(job_runs).where(job_runs.c.started_at < cutoff, job_runs.c.outcome != "running"))
            return result.rowcount
