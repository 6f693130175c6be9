"""The scheduler process (`python scheduler.py`, `gongkai schedule run`): its logging and its run.

Both ways in go through the CLI (`gongkai schedule run`), which opens the one Engine as for every other command
(a database behind is upgraded, one ahead refused with a clear message, before any job); this module runs the
scheduler on the engine it is handed and opens none of its own (issue 17).
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.engine import Engine


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # APScheduler logs every wakeup at INFO; its warnings and errors are what an operator needs.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def run_scheduler(engine: Engine) -> int:
    """Run the scheduler on `engine` in the foreground until SIGTERM/SIGINT. Returns the exit code; the
    caller closes the engine."""
    from gongkai.ops.jobs import JobConfigError
    from gongkai.ops.schedules import ScheduleError
    from gongkai.ops.service import SchedulerAlreadyRunning, SchedulerService
    from gongkai.parsers.pool import use_fork_server_from_threads

    configure_logging()
    # Jobs run in threads beside the heartbeats and the scheduler's own: their parse workers come from
    # the fork server. Both ways in (gongkai schedule run, scheduler.py) have a __main__ guard.
    use_fork_server_from_threads()
    try:
        return SchedulerService(engine).run_forever()
    except (SchedulerAlreadyRunning, ScheduleError, JobConfigError) as exc:
        logging.getLogger("gongkai.ops.scheduler").error("%s", exc)
        return 1
