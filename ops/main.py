"""Entry point of the scheduler process (`python scheduler.py`, `gongkai schedule run`)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from gongkai.ops.schedules import ScheduleError


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # APScheduler logs every wakeup at INFO; its warnings and errors are what an operator needs.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def run_scheduler(data_dir: Path | None = None) -> int:
    """Run the scheduler in the foreground until SIGTERM/SIGINT. Returns the exit code."""
    from gongkai.engine import Engine
    from gongkai.ops.jobs import JobConfigError
    from gongkai.ops.service import SchedulerAlreadyRunning, SchedulerService
    from gongkai.parsers.pool import use_fork_server_from_threads
    from gongkai.settings import SettingsError, load_settings

    configure_logging()
    # Jobs run in threads beside the heartbeats and the scheduler's own: their parse workers come from
    # the fork server. Both ways in (gongkai schedule run, scheduler.py) have a __main__ guard.
    use_fork_server_from_threads()
    log = logging.getLogger("gongkai.ops.scheduler")
    try:
        settings = load_settings(data_dir=data_dir)
    except SettingsError as exc:
        log.error("%s", exc)
        return 2
    engine = Engine(settings)
    try:
        return SchedulerService(engine).run_forever()
    except (SchedulerAlreadyRunning, ScheduleError, JobConfigError) as exc:
        log.error("%s", exc)
        return 1
    finally:
        engine.close()


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="scheduler.py", description="Run gongkai's scheduled jobs until SIGTERM/SIGINT.")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default: settings / GONGKAI_DATA_DIR)")
    args = parser.parse_args(argv)
    return run_scheduler(args.data_dir)


if __name__ == "__main__":
    raise SystemExit(main())
