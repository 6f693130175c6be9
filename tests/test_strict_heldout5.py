"""Held-out material of session 15 (clients5) read by clients nobody here wrote: a street's calendar (icalendar,
recurring-ical-events) keeps a window a later notice calls off, as a cancelled event under the UID it had."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import icalendar
import pytest
import recurring_ical_events

from gongkai.parsers import Capture, parse_notices
from tests.support import served_engine

SHANGHAI = ZoneInfo("Asia/Shanghai")
CUT = """同安区停电公告
因线路检修，国网厦门供电公司将对下列区域停电。
停电时间：2027年1月8日8:30-17:30
停电范围：同安区城东路、银湖中路
停电时间：2027年1月9日8:00-12:00
停电范围：同安区城东路
国网厦门供电公司
2027年1月4日"""
CALLED_OFF = """同安区停电取消公告
原定于2027年1月8日8:30-17:30对同安区城东路的停电取消，届时正常供电。
国网厦门供电公司
2027年1月6日"""


def notices(text: str, day: str) -> list:
    return parse_notices(Capture(data=text.encode(), url=f"https://epaper.xmnn.cn/xmrb/{day}/A10.htm", source="paper:xmrb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("heldout5") / "data"
    with served_engine(data, notices(CUT, "20270104")) as (engine, base), httpx.Client(base_url=base, timeout=20) as client:
        yield {"engine": engine, "client": client}


def events(client: httpx.Client, area: str) -> dict[str, icalendar.Event]:
    """The calendar's events between December and February, as recurring-ical-events expands them, by UID."""
    answer = client.get("/feeds/outages.ics", params={"area": area})
    assert answer.status_code == 200
    calendar = icalendar.Calendar.from_ical(answer.content)
    found = recurring_ical_events.of(calendar).between(datetime(2026, 12, 1, tzinfo=SHANGHAI), datetime(2027, 2, 1, tzinfo=SHANGHAI))
    return {str(event["UID"]): event for event in found}


def test_a_window_called_off_stays_in_the_calendar_as_cancelled(site):
    """The calendar left a called-off window out (the lookup's answer), so a subscribed app deleted the event unsaid.
    Now it is the same event (its UID), STATUS:CANCELLED with a higher SEQUENCE so the update wins (RFC 5545 §3.8.1.11,
    §3.8.7.4); the notice's other windows, and the same window for a street it does not call off, stay as they were."""
    client = site["client"]
    before, other_street = events(client, "城东路"), events(client, "银湖中路")
    assert len(before) == 2 and all("STATUS" not in event for event in before.values())
    site["engine"].ingest_records(notices(CALLED_OFF, "20270106"))
    after = events(client, "城东路")
    assert after.keys() == before.keys()  # nothing vanished, nothing added
    [(uid, cancelled)] = [(uid, event) for uid, event in after.items() if event.get("STATUS") == "CANCELLED"]
    assert cancelled["DTSTART"].dt == datetime(2027, 1, 8, 8, 30, tzinfo=SHANGHAI)
    assert cancelled["SEQUENCE"] > before[uid]["SEQUENCE"] and str(cancelled["SUMMARY"]).startswith("【已取消】")
    [kept] = [event for key, event in after.items() if key != uid]
    assert kept["DTSTART"].dt == datetime(2027, 1, 9, 8, 0, tzinfo=SHANGHAI) and "STATUS" not in kept
    assert events(client, "银湖中路").keys() == other_street.keys()
    assert all("STATUS" not in event for event in events(client, "银湖中路").values())
    # the cancelled event is in the bytes a poller validates: the same calendar again is a 304 to its ETag
    first = client.get("/feeds/outages.ics", params={"area": "城东路"})
    again = client.get("/feeds/outages.ics", params={"area": "城东路"}, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    # the lookup's answer is unchanged: a called-off window is no outage on its day
    assert client.get("/api/notices/outages", params={"area": "城东路", "date": "2027-01-08"}).json()["affected"] is False
