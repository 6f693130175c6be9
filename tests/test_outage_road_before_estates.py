"""outages17 (session 22): a plan table's cell printing a road before the row's estates (`思明区禾祥西路 | 禾祥西苑 | 龙山花园`)
says where they lie; the road is no place cut whole (the lead's leftover of outages16: only a road before one estate whose
glued name reads as one place was read so). Asked over real HTTP (/api/notices/outages) against the notice parser's rows."""

from __future__ import annotations

import pytest

from tests.outage_layouts import Layout
from tests.support import assert_api_outage_lookup, days_cut, served_outage_notices

URL = "https://www.xmsgov.example/tdgg/{issued}/t{n}.htm"


def _days(place: str, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    return days_cut(place, 2039, cut, clear)


LAYOUTS = [
    Layout(
        "several_estates_after_a_road",
        "国网厦门供电公司停电计划\n停电日期  停电线路  停电区域  停电范围\n"
        "9月6日 8:00-18:00  10kV仙岳线  湖里区仙岳路  华侨城一期 仙岳花园 祥店小区\n"
        "9月7日 8:00-18:00  10kV莲岳线  思明区莲岳路  莲花五村 莲岳里\n国网厦门供电公司\n2039年9月2日",
        "20390902",
        _days("华侨城一期", "09-06", "09-05")
        + _days("仙岳花园", "09-06")
        + _days("祥店小区", "09-06")
        + _days("仙岳路", "", "09-06")
        + _days("湖里区", "09-06")
        + _days("莲花五村", "09-07", "09-06")
        + _days("莲岳里", "09-07")
        + _days("莲岳路", "", "09-07"),
    ),
    Layout(
        # one estate whose name glued to the road reads as the road's stretch at a landmark (莲前东路万达广场)
        "one_garden_after_a_road",
        "华润燃气停气通知\n停气时间  区域  停气范围\n9月9日9:00-16:00  集美区杏林湾路  乐海花园\n"
        "华润燃气（厦门）有限公司\n2039年9月3日",
        "20390903",
        _days("乐海花园", "09-09", "09-08") + _days("杏林湾路", "", "09-09") + _days("集美区", "09-09"),
    ),
    Layout(
        # a road before an estate and a place of another kind stays a place of its own (it is no heading of estates)
        "a_road_before_an_estate_and_a_road",
        "停电通知\n停电时间  停电范围\n9月12日7:30-12:00  思明区厦禾路  鹭江花园  思北路\n国网厦门供电公司\n2039年9月8日",
        "20390908",
        _days("厦禾路", "09-12", "09-11") + _days("思北路", "09-12") + _days("鹭江花园", "09-12"),
    ),
]
LOOKUPS = [
    pytest.param(place, day, cut, id=f"{layout.name}-{place}-{day}-{'cut' if cut else 'not'}")
    for layout in LAYOUTS
    for place, day, cut in layout.answers
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_outage_notices(tmp_path_factory.mktemp("road_estates") / "data", LAYOUTS, URL, "site:xmsgov") as client:
        yield client


@pytest.mark.parametrize(("place", "day", "cut"), LOOKUPS)
def test_a_road_before_estates_is_where_they_lie(served, place: str, day: str, cut: bool) -> None:
    assert_api_outage_lookup(served, place, day, cut)
