"""Schedule strings, as written in settings and site definitions, turned into APScheduler triggers.

    "30 2 * * *"      crontab, 5 fields (minute hour day month weekday), in the scheduler's timezone
    "every 90s"       an interval: s, m or h (seconds are for tests and busy drop folders)
    "off"             not scheduled (the job can still be run by hand: `gongkai jobs run NAME`)
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from gongkai.errors import ScheduleError  # defined in the core, where the shells catch it (issue 17)

OFF = "off"
_EVERY_RE = re.compile(r"^every\s+(\d+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)$", re.I)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


def timezone_of(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"unknown timezone {name!r} (use an IANA name such as Asia/Shanghai)") from None


def is_off(schedule: str) -> bool:
    return schedule.strip().lower() in (OFF, "", "none", "never")


def make_trigger(schedule: str, timezone: tzinfo) -> BaseTrigger | None:
    """The trigger for `schedule`, or None when it is off. Raises ScheduleError for a bad string."""
    text = " ".join(schedule.split())
    if is_off(text):
        return None
    match = _EVERY_RE.match(text)
    if match:
        amount = int(match.group(1))
        if amount < 1:
            raise ScheduleError(f"schedule {schedule!r}: the interval must be at least 1")
        seconds = amount * _UNIT_SECONDS[match.group(2)[0].lower()]
        # A fixed start keeps the phase stable across restarts, so the trigger compares equal (see service.reconcile).
        return IntervalTrigger(seconds=seconds, start_date=datetime(2020, 1, 1, tzinfo=timezone), timezone=timezone)
    if len(text.split(" ")) == 5:
        try:
            return CronTrigger.from_crontab(text, timezone=timezone)
        except ValueError as exc:
            raise ScheduleError(f"schedule {schedule!r}: {exc}") from None
    raise ScheduleError(
        f"schedule {schedule!r} is not understood: use a crontab of 5 fields ('30 2 * * *'), "
        f"'every N s|m|h' ('every 5m') or 'off'"
    )


def trigger_key(trigger: BaseTrigger | None) -> str:
    """A comparable description: equal keys mean the stored job keeps its next run time on restart."""
    return "off" if trigger is None else f"{trigger} tz={getattr(trigger, 'timezone', '')}"


def next_fire(trigger: BaseTrigger | None, now: datetime) -> datetime | None:
    return None if trigger is None else trigger.get_next_fire_time(None, now)
