"""The scheduler's log lines on the scheduler's clock, with their offset (session 10): `gongkai schedule run` logged
"2026-12-06 08:25:14,481 INFO …" (the machine's local time, UTC on a server, no zone) while every table of the
operator's commands says `times in Asia/Shanghai`. The real logging machinery, the scheduler's own formatter and
timezone reading."""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime, timedelta

from gongkai.ops.main import ZonedFormatter, _zone_of
from gongkai.settings import load_settings


class _Settings:
    def __init__(self, timezone: str) -> None:
        self.settings = load_settings(scheduler={"timezone": timezone})


def test_log_lines_carry_the_schedulers_clock(tmp_path):
    zone = _zone_of(_Settings("Asia/Shanghai"))  # what run_scheduler hands configure_logging
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(ZonedFormatter(zone))
    log = logging.getLogger("gongkai.ops.scheduler.test-clock")
    log.addHandler(handler)
    log.propagate, log.level = False, logging.INFO
    try:
        log.info("scheduler started: 1 job (inbox)")
    finally:
        log.removeHandler(handler)
    stamp = re.match(r"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+08:00) INFO gongkai\.ops\.scheduler\.test-clock: scheduler started", stream.getvalue())
    assert stamp, stream.getvalue()
    moment = datetime.fromisoformat(stamp[1])
    assert abs(datetime.now(moment.tzinfo) - moment) < timedelta(minutes=1)


def test_an_unknown_timezone_falls_back_to_utc_said():
    zone = _zone_of(_Settings("Mars/Olympus"))
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    assert ZonedFormatter(zone).format(record).split(" INFO ")[0].endswith("+00:00")
