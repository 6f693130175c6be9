"""An undated notice column is dated by the Beijing day it came in, not the UTC one (probe, 2026-12-05).

The drop folder stamps a file with its modification time in UTC; from 16:00 UTC that is the day before in
Beijing. A column dropped at 01:00 on 6月1日 (Beijing) was dated 5月31日 and its 1日停电 put on 5月1日, so
湖滨南路6月1日停电吗 found nothing on the very day of the cut.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

import pytest

from gongkai.feeds.inbox import inbox_dir, process_inbox
from gongkai.parsers import Capture, parse_notices
from tests.support import inbox_engine

COLUMN = "停电通知\n因线路检修，定于1日8:00至1日12:00对思明区湖滨南路停电。\n国网厦门供电公司\n"
ONE_AM_JUNE_1_BEIJING = datetime(2026, 5, 31, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("fetched", [ONE_AM_JUNE_1_BEIJING, ONE_AM_JUNE_1_BEIJING.replace(tzinfo=None)])  # naive: UTC
def test_the_fetch_day_of_an_undated_column_is_beijings(fetched):
    [notice] = parse_notices(Capture(data=COLUMN.encode("utf-8"), filename="A12.txt", source="inbox", fetched_at=fetched))
    assert notice.publish_date == date(2026, 6, 1)
    [event] = notice.notice.events
    assert (event.start.date(), event.start.hour) == (date(2026, 6, 1), 8)


def test_a_column_dropped_after_midnight_in_beijing_answers_that_day(settings):
    with inbox_engine(settings) as engine:
        folder = inbox_dir(engine) / "厦门日报" / "notices"
        folder.mkdir(parents=True)
        dropped = folder / "A12.txt"
        dropped.write_text(COLUMN, encoding="utf-8")
        os.utime(dropped, (ONE_AM_JUNE_1_BEIJING.timestamp(), ONE_AM_JUNE_1_BEIJING.timestamp()))
        report = process_inbox(engine, now=4_000_000_000.0)
        assert report.counts["new"] == 1, report.as_dict()
        [(record, events)] = engine.outages("湖滨南路", date(2026, 6, 1))
        assert record.publish_date == date(2026, 6, 1) and len(events) == 1
        assert engine.outages("湖滨南路", date(2026, 5, 1)) == []
