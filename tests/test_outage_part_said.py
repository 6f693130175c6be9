"""outages17 (session 22): places printed with no district or subdistrict lie in the one the notice says they are a part of
(`对海沧区嵩屿街道部分社区轮流停电` above `12月14日：海虹社区`; `对思明区莲前街道下列区域停水：`): the subdistrict, its district and
岛内/岛外 asked find them (they found nothing); a place printing its own district keeps it. Asked over real HTTP."""

from __future__ import annotations

import pytest

from tests.outage_layouts import Layout
from tests.support import assert_api_outage_lookup, days_cut, served_outage_notices

URL = "https://www.xmsgov.example/tdgg/{issued}/t{n}.htm"


def _days(place: str, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    return days_cut(place, 2039, cut, clear)


LAYOUTS = [
    Layout(
        "rolling_days_under_a_part_said",
        "停电通知\n因线路改造，国网厦门供电公司定于12月20日至12月21日每天9:00—12:00对集美区杏林街道部分社区轮流停电，具体如下：\n"
        "12月20日：杏西社区；\n12月21日：锦园社区。\n国网厦门供电公司\n2039年12月17日",
        "20391217",
        _days("杏林街道", "12-20 12-21", "12-22")
        + _days("集美区", "12-20")
        + _days("岛外", "12-21")
        + _days("岛内", "", "12-20")
        + _days("杏西社区", "12-20", "12-21")
        + _days("锦园社区", "12-21", "12-20"),
    ),
    Layout(
        "a_list_below_the_part_said",
        "停水通知\n因管网检修，我司定于12月23日8:00-18:00对思明区莲前街道下列区域停水：\n前埔一里、前埔二里、湖里区江头街道吕厝社区。\n"
        "厦门水务集团有限公司\n2039年12月19日",
        "20391219",
        _days("莲前街道", "12-23", "12-22")
        + _days("前埔二里", "12-23")
        + _days("思明区", "12-23")
        + _days("吕厝社区", "12-23")
        + _days("江头街道", "12-23"),
    ),
]
LOOKUPS = [
    pytest.param(place, day, cut, id=f"{layout.name}-{place}-{day}-{'cut' if cut else 'not'}")
    for layout in LAYOUTS
    for place, day, cut in layout.answers
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_outage_notices(tmp_path_factory.mktemp("part_said") / "data", LAYOUTS, URL, "site:xmsgov") as client:
        yield client


@pytest.mark.parametrize(("place", "day", "cut"), LOOKUPS)
def test_places_lie_in_the_part_said(served, place: str, day: str, cut: bool) -> None:
    assert_api_outage_lookup(served, place, day, cut)
