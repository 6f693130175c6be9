"""The scheduler process (`python scheduler.py`, `gongkai schedule run`): its logging and its run.

Both ways in go through the CLI (`gongkai schedule run`), which opens the one Engine as for every other command
(a database behind is upgraded, one ahead refused with a clear message, before any job); this module runs the
scheduler on the engine it is handed and opens none of its own (issue 17).
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.engine import Engine


class ZonedFormatter(logging.Formatter):
    """Log times on the scheduler's clock with their offset (2026-12-06 16:25:14+08:00): the lines carried the
    machine's local time without a zone (UTC on a server), beside tables that all say `times in Asia/Shanghai`."""

    def __init__(self, zone: tzinfo) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.zone = zone

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return datetime.fromtimestamp(record.created, self.zone).isoformat(sep=" ", timespec="seconds")


def configure_logging(level: int = logging.INFO, zone: tzinfo = UTC) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ZonedFormatter(zone))
    logging.basicConfig(level=level, handlers=[handler])
    # APScheduler logs every wakeup at INFO; its warnings and errors are what an operator needs.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def _zone_of(engine: Engine) -> tzinfo:
    from gongkai.ops.schedules import ScheduleError, timezone_of

    try:
        return timezone_of(engine.settings.scheduler.timezone)
    except ScheduleError:  # said by the scheduler itself when it starts
        return UTC


def run_scheduler(engine: Engine) -> int:
    """Run the scheduler on `engine` in the foreground until SIGTERM/SIGINT. Returns the exit code; the
    caller closes the engine."""
    from gongkai.ops.jobs import JobConfigError
    from gongkai.ops.schedules import ScheduleError
    from gongkai.ops.service import SchedulerAlreadyRunning, SchedulerService
    from gongkai.parsers.pool import use_fork_server_from_threads

    configure_logging(zone=_zone_of(engine))
    # Jobs run in threads beside the heartbeats and the scheduler's own: their parse workers come from
    # the fork server. Both ways in (gongkai schedule run, scheduler.py) have a __main__ guard.
    use_fork_server_from_threads()
    try:
        return SchedulerService(engine).run_forever()
    except (SchedulerAlreadyRunning, ScheduleError, JobConfigError) as exc:
        logging.getLogger("gongkai.ops.scheduler").error("%s", exc)
        return 1
