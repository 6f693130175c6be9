"""A notice printing the outage's day and no clock (停电时间：2026年12月9日; 定于…对金湖路停止供电，具体时间另行通知): the
day is cut, at hours the utility has not said. It was no window at all, so "is 金湖路 cut on the 9th" answered no and the
street's calendar had no event (held-out probe, clients2). Through the real ingest, the lookup and the calendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from icalendar import Calendar

from gongkai.engine import Engine
from gongkai.feeds.outage_feeds import build_calendar
from gongkai.parsers import Capture
from gongkai.parsers.notices.timewindows import find_windows
from gongkai.settings import load_settings

NOTICES = {
    "labelled": "停电通知\n因线路检修，定于2026年12月9日对湖里区金山街道金湖路停止供电，具体时间另行通知。\n停电时间：2026年12月9日\n"
                "停电范围：湖里区金湖路\n国网厦门供电公司\n2026年12月6日",
    "clock_under_its_own_label": "停水通知\n停水日期：2026年12月10日\n停水时间：8:00-17:00\n停水范围：思明区莲前西路\n厦门水务集团\n2026年12月6日",
    "called_off": "停电通知\n受台风影响，原定于12月12日进行的海沧区东孚大道停电检修工作延期，具体时间另行通知。\n海沧供电服务中心\n2026年12月10日",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = Engine(load_settings(data_dir=tmp_path_factory.mktemp("noclock") / "data"))
    captures = [Capture(data=text.encode(), url=f"https://epaper.xmnn.cn/xmrb/20261206/A12-{n}.htm", source="paper:xmrb")
                for n, text in enumerate(NOTICES.values())]
    report = engine.ingest_captures(captures, notices=True, parallel=False)
    assert report.counts["new"] == 3, report.counts
    yield engine
    engine.close()


def _windows(engine: Engine, area: str, day: date) -> list[tuple[datetime | None, datetime | None]]:
    return [(event.start, event.end) for _, events in engine.outages(area, day) for event in events]


def test_a_day_printed_without_a_clock_is_cut_whole_once(engine: Engine) -> None:
    assert _windows(engine, "金湖路", date(2026, 12, 9)) == [(datetime(2026, 12, 9), datetime(2026, 12, 10))]
    assert _windows(engine, "金湖路", date(2026, 12, 8)) == [] and _windows(engine, "金湖路", date(2026, 12, 10)) == []


def test_a_clock_printed_under_its_own_label_wins(engine: Engine) -> None:
    assert _windows(engine, "莲前西路", date(2026, 12, 10)) == [(datetime(2026, 12, 10, 8), datetime(2026, 12, 10, 17))]


def test_a_day_called_off_is_no_day_without_a_clock(engine: Engine) -> None:
    assert _windows(engine, "东孚大道", date(2026, 12, 12)) == []


def test_the_streets_calendar_has_the_day(engine: Engine) -> None:
    found = engine.outages("金湖路", date(2026, 12, 9))
    ical = build_calendar("金湖路", found, base_url="http://127.0.0.1:8000", page_path=load_settings().feeds.record_page_path,
                          authority="127.0.0.1")
    events = list(Calendar.from_ical(ical).walk("VEVENT"))
    # a day printed without hours is an all-day event (VALUE=DATE; session 15, tests/test_strict_heldout5.py)
    assert len(events) == 1 and events[0].decoded("dtstart") == date(2026, 12, 9) and events[0].decoded("dtend") == date(2026, 12, 10)


# review2 (session 12): days that are no outage's, written before running (4 of 7 read as a whole day cut): a day in
# a clause where nothing stops (计划于…前完成, 开工, a story's 此前定于…的检修已完成), and a works' label in a notice
# where nothing stops (施工日期 of road works).
@pytest.mark.parametrize(("text", "cut"), [
    ("湖里区金湖路雨污分流改造工程计划于2026年12月20日完成，届时将恢复通行。", []),
    ("供电公司计划于12月20日前完成全部线路改造工作，改造完成后将减少停电次数。", []),
    ("记者了解到，此前定于12月3日对思明区部分线路的检修已顺利完成，未造成大面积停电。", []),
    ("道路施工公告\n施工日期：2026年12月15日\n施工路段：集美区杏林湾路，施工期间车辆绕行。", []),
    ("杏林湾路改造工程计划于12月15日开工，工期三个月，施工期间不停水不停电。", []),
    ("停电公告\n发布日期：2026年12月5日\n停电时间：2026年12月9日8:00-17:00\n停电范围：湖里区金湖路", [(datetime(2026, 12, 9, 8), datetime(2026, 12, 9, 17))]),
    ("停水通知\n因管网改造，定于12月11日对同安区西柯街道停止供水，具体时间另行通知。", [(datetime(2026, 12, 11), datetime(2026, 12, 12))]),
], ids=["计划于…完成", "计划于…前完成", "a story's 此前定于", "施工日期, nothing stops", "计划于…开工, 不停电", "发布日期 label", "定于…停止供水"])
def test_a_day_where_nothing_stops_is_no_outage(text: str, cut: list[tuple[datetime, datetime]]) -> None:
    assert [(w.start, w.end) for w in find_windows(text, date(2026, 12, 6))] == cut
