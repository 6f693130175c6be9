"""Starting and stopping a job on an operator's word: `gongkai jobs run NAME` and the admin page's buttons.

Both go through JobRunner (runner.py): `gongkai jobs run` runs in the foreground (run_job_now), the admin page
in a background thread of the server process (start_job); the scheduler calls the same JobRunner.run. So every
start takes the job's lease (a job running anywhere is refused with JobBusyError) and is recorded in the history.

A stop (stop_job) is a request to whoever holds the job's lease: a run in this process is told at once, one in
another process (the scheduler, a shell's `jobs run`, another server worker) within locks.STOP_POLL_SECONDS.
The job then stops at its next safe point, exactly as on SIGTERM, and its run is recorded as interrupted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gongkai.errors import UnknownJobError  # defined in the core, where the shells catch it (issue 17)
from gongkai.ops import locks
from gongkai.ops.history import JobRun
from gongkai.ops.jobs import JobSpec, build_job_specs, find_spec
from gongkai.ops.runner import JobRunner, local_runner


def known_spec(settings: Any, name: str) -> JobSpec:
    """The configured job `name`; raises UnknownJobError (and JobConfigError for a broken configuration)."""
    specs, _ = build_job_specs(settings)
    spec = find_spec(specs, name)
    if spec is None:
        names = [s.name for s in specs]
        # a site's name typed for its job (xm-fgw for crawl:xm-fgw): say which job it is
        meant = [job for job in (f"crawl:{name}", f"newspaper:{name}") if job in names]
        hint = f"; did you mean {' or '.join(meant)}?" if meant else ""
        raise UnknownJobError(f"没有这个任务 / no job named {name!r}{hint}; jobs: {', '.join(names)}")
    return spec


def run_job_now(
    runner: JobRunner, spec: JobSpec, trigger: str = "manual",
    progress: Callable[[str, Mapping[str, int]], None] | None = None,
) -> JobRun:
    """Run in the foreground until the job ends; returns the recorded run. Raises JobBusyError."""
    return runner.run(spec, trigger=trigger, progress=progress)


def start_job(runner: JobRunner, spec: JobSpec, trigger: str = "admin") -> int:
    """Start in a background thread of this process; returns the run id once the lease is held and the run
    recorded (the run goes on after this returns). Raises JobBusyError if the job is running anywhere."""
    return runner.start(spec, trigger=trigger)


def stop_job(db: Any, name: str, requested_by: str = "") -> locks.LeaseHolder | None:
    """Ask the running job `name` to stop at its next safe point, wherever it runs; returns who runs it,
    or None if it is not running."""
    holder = locks.request_stop(db, f"job:{name}", requested_by)
    if holder is not None:
        runner = local_runner(holder.owner)
        if runner is not None:  # running in this process: no need to wait for the heartbeat's poll
            runner.stop_run(name)
    return holder
