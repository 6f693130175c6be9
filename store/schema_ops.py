"""The operations tables (gongkai.ops: job runs, leases, stop requests, pause switches). On the store's one
MetaData, so that the store creates and migrates them with its own (store/migrations)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, DateTime, Index, Integer, String, Table, Text

from gongkai.store.metadata import metadata

#: one row per run of a job: what ran, when, how it ended, what it did, and why it failed
job_runs = Table(
    "ops_job_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job", String(200), nullable=False),
    Column("trigger", String(16), nullable=False),  # scheduled | manual (CLI) | admin (the admin page)
    Column("owner", String(200), nullable=False, default=""),  # host:pid:token of the process that ran it
    Column("started_at", DateTime, nullable=False),
    Column("ended_at", DateTime),
    # running | ok | failed | interrupted | skipped | missed | lost
    Column("outcome", String(16), nullable=False),
    Column("new", BigInteger, nullable=False, default=0),
    Column("changed", BigInteger, nullable=False, default=0),
    Column("errors", BigInteger, nullable=False, default=0),
    Column("counts", Text, nullable=False, default="{}"),  # every count the job reported, as JSON
    Column("message", Text, nullable=False, default=""),
    Column("traceback", Text),
    # when the run's process was last seen alive (its lease heartbeat); a lost run ends here, not at the takeover
    Column("last_seen", DateTime),
    Index("ix_ops_job_runs_job_id", "job", "id"),
    Index("ix_ops_job_runs_outcome_started", "outcome", "started_at"),
)

#: leases: at most one holder per name across every process on the database
job_locks = Table(
    "ops_job_locks",
    metadata,
    Column("name", String(200), primary_key=True),  # "job:<job name>" or "scheduler"
    Column("owner", String(200), nullable=False),
    Column("host", String(200), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("run_id", Integer),
    Column("acquired_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

#: an operator's request that the current holder of a lease stop (the admin page's stop button). Keyed by the
#: lease name; it reaches only the holder it names (owner), so a request can never stop a later run.
job_stop_requests = Table(
    "ops_job_stop_requests",
    metadata,
    Column("name", String(200), primary_key=True),  # the lease: "job:<job name>"
    Column("owner", String(200), nullable=False),  # host:pid:token of the holder asked to stop
    Column("run_id", Integer),
    Column("requested_at", DateTime, nullable=False),
    Column("requested_by", String(200), nullable=False, default=""),
)

#: operator switches per job (pause/resume), read by the scheduler process every few seconds
job_state = Table(
    "ops_job_state",
    metadata,
    Column("job", String(200), primary_key=True),
    Column("paused", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime, nullable=False),
)

#: APScheduler's own job store table (created by APScheduler's SQLAlchemyJobStore, not here)
SCHEDULER_JOBS_TABLE = "ops_scheduler_jobs"
