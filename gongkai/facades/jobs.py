"""Scheduled jobs for the shells: the configured jobs, running, stopping, pausing, their history.

Delegates to gongkai.ops (control, jobs, overview, runner, history, service); the scheduler's own database
engine (ops.db) is opened here, so a shell never handles it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from gongkai.ops import control, history, jobs, overview, schedules, service
from gongkai.ops.auth import verify_password
from gongkai.ops.db import ops_engine
from gongkai.ops.runner import JobBusyError, JobRunner

if TYPE_CHECKING:
    import sqlalchemy

    from gongkai.engine import Engine
    from gongkai.ops.history import JobRun
    from gongkai.ops.jobs import JobSpec
    from gongkai.ops.locks import LeaseHolder
    from gongkai.settings import Settings

# JobBusyError carries the lease holder (an ops type), so it stays in ops; shells catch it from here.
# verify_password: the operators' login checks scheduler.admin_password_hash (PBKDF2, gongkai.ops.auth).
__all__ = ["JobBusyError", "JobRunner", "Jobs", "run_scheduler", "verify_password"]

Progress = Callable[[str, Mapping[str, int]], None]


class Jobs:
    def __init__(self, settings: Settings, engine: Callable[[], Engine]) -> None:
        self.settings = settings
        self._engine = engine

    @property
    def _db(self) -> sqlalchemy.Engine:
        return ops_engine(self.settings.resolved_database_url)

    # -- what is configured ------------------------------------------------------------------------------
    def specs(self) -> tuple[list[JobSpec], list[str]]:
        """Every configured job and the warnings about the configuration. Raises JobConfigError."""
        return jobs.build_job_specs(self.settings)

    def spec(self, name: str) -> JobSpec:
        """The job `name`. Raises UnknownJobError, or JobConfigError for a broken configuration."""
        return control.known_spec(self.settings, name)

    def overview(self, specs: list[JobSpec] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
        """One row a job (schedule, next run, last run, running now) and the warnings."""
        return overview.job_overview(self.settings, specs)

    def timezone(self) -> tzinfo:
        """The scheduler's timezone (times are shown in it). Raises ScheduleError for an unknown name."""
        return schedules.timezone_of(self.settings.scheduler.timezone)

    # -- running -----------------------------------------------------------------------------------------
    def runner(self, stop_event: threading.Event | None = None) -> JobRunner:
        """A runner of this process (its own lease owner and heartbeat); close() it when done."""
        return JobRunner(self._engine(), stop_event)

    def run_now(self, runner: JobRunner, spec: JobSpec, trigger: str = "manual",
                progress: Progress | None = None) -> JobRun:
        """Run in the foreground until the job ends; the recorded run. Raises JobBusyError."""
        return control.run_job_now(runner, spec, trigger=trigger, progress=progress)

    def start(self, runner: JobRunner, spec: JobSpec, trigger: str = "admin") -> int:
        """Start in a background thread; the run id. Raises JobBusyError."""
        return control.start_job(runner, spec, trigger=trigger)

    def stop(self, name: str, requested_by: str = "") -> LeaseHolder | None:
        """Ask the running job to stop at its next safe point; who runs it, or None when it does not run."""
        return control.stop_job(self._db, name, requested_by=requested_by)

    def set_paused(self, name: str, paused: bool) -> None:
        service.set_paused(self._db, name, paused)

    # -- what ran ----------------------------------------------------------------------------------------
    def history(self, name: str | None = None, *, failed_only: bool = False, limit: int = 50) -> list[JobRun]:
        """Past runs, newest first (`crawl:*` matches every crawl job)."""
        return history.RunLog(self._db).recent(name, failed_only=failed_only, limit=limit)

    def run(self, run_id: int) -> JobRun | None:
        return history.RunLog(self._db).get(run_id)

    # -- the scheduler process -----------------------------------------------------------------------------
    def start_background_scheduler(self) -> Callable[[], None]:
        """The scheduler inside this process (`gongkai serve --with-scheduler`); returns its stop function.
        Raises SchedulerAlreadyRunning."""
        from gongkai.parsers.pool import use_fork_server_from_threads

        use_fork_server_from_threads()  # jobs parse from threads beside the server's: see gongkai.ops.main
        return service.start_background_scheduler(self._engine())


def run_scheduler(engine: Engine) -> int:
    """The scheduler on the shell's engine, in the foreground until SIGTERM/SIGINT (`gongkai schedule run`,
    `python scheduler.py`); its exit code. The caller closes the engine."""
    from gongkai.ops.main import run_scheduler as run

    return run(engine)
