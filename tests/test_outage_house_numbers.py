"""A number printed with 号 after a place is a house number, not a day (nodes6's round 3 of session 17): a call-off printing
its window, then a road with a house range, `…兴隆路1号至30号的停电取消`, was read as the 30th called off whole and its own
window kept no place, so a house's watcher was told the cut and never its call-off."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from gongkai.parsers.notices.outages import find_events

NOTICE_DAY = date(2026, 12, 10)


def events(text: str) -> list[tuple[str, datetime | None, list[tuple[str, str]]]]:
    return [(e.effect, e.start, [(a.name, a.numbers) for a in e.areas]) for e in find_events(text, NOTICE_DAY, "power")]


@pytest.mark.parametrize("houses", ["1号至30号的", "1号至30号", "1-30号的", "1号到30号的"])
def test_a_house_range_after_a_road_is_the_call_offs_place_not_a_day(houses: str) -> None:
    text = f"原定于2026年12月15日08:00至17:00湖里区兴隆路{houses}停电取消。"
    found = events(text)
    assert [(effect, start) for effect, start, _ in found] == [("cancelled", datetime(2026, 12, 15, 8, 0))]
    assert found[0][2][0][0] == "兴隆路" and found[0][2][0][1].endswith("30号")


def test_a_house_number_after_a_lane_is_no_day() -> None:
    found = events("原定于12月15日8:00至17:00湖滨一里6号的停水取消。")
    assert [(effect, start, places) for effect, start, places in found] == [
        ("cancelled", datetime(2026, 12, 15, 8, 0), [("湖滨一里", "6号")])]


@pytest.mark.parametrize(("text", "day"), [("因天气原因，原定30号的停电取消。", date(2026, 12, 30)),
                                           ("因故，12月20号的停电取消。", date(2026, 12, 20))])
def test_a_day_said_with_hao_is_still_a_day(text: str, day: date) -> None:
    """Not after a place: 原定30号, 12月20号 are the days called off, whole."""
    assert [(effect, start.date() if start else None) for effect, start, _ in events(text)] == [("cancelled", day)]


def test_what_becomes_of_the_outage_is_no_place() -> None:
    found = events("原定于2026年12月15日08:00至17:00湖里区兴隆路1号至30号停电，现取消。")
    assert [places for _, _, places in found] == [[("兴隆路", "1号至30号")]]
