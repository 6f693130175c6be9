"""outages17 (session 22): a repair's window ends when the supply is said to come back, also on a later day or in the night
(`预计8月4日凌晨2时恢复供水`, `预计次日6时恢复供电`, `预计凌晨3时恢复`) and in a line below the places (round 17: the window of a
burst main ran to midnight, so the small hours after it were answered not cut). Asked over real HTTP (/api/notices/outages),
with the part of the day in `date`."""

from __future__ import annotations

import pytest

from tests.outage_layouts import Layout
from tests.support import assert_api_outage_lookup, served_outage_notices

URL = "https://www.xmsgov.example/tdgg/{issued}/t{n}.htm"

LAYOUTS = [
    Layout(
        "burst_back_on_a_dated_night",
        "临时停水通知\n今日（9月14日）下午3时许，思明区厦禾路与湖滨南路交叉口DN500供水管突发爆管，即日起对下列区域临时停水：\n"
        "厦禾路、湖滨南路（湖滨一里至湖滨二里段）、滨北社区。\n"
        "我司正全力抢修，预计9月15日凌晨4时恢复供水，恢复初期水质可能浑浊。\n厦门水务集团有限公司\n2039年9月14日",
        "20390914",
        [
            ("滨北社区", "2039-09-14下午", True),
            ("滨北社区", "2039-09-15凌晨", True),
            ("滨北社区", "2039-09-15上午", False),
            ("厦禾路", "2039-09-15", True),
            ("厦禾路", "2039-09-16", False),
            ("滨北社区", "2039-09-14上午", False),
        ],
    ),
    Layout(
        "fault_back_the_next_morning",
        "故障停电通知\n9月20日22时30分，10kV湖里Ⅱ路发生故障跳闸，湖里区金山社区、五缘湾1号停电，抢修人员已赶赴现场，"
        "预计次日6时恢复供电。\n国网厦门供电公司\n2039年9月20日",
        "20390920",
        [
            ("金山社区", "2039-09-20晚上", True),
            ("金山社区", "2039-09-21凌晨", True),
            ("金山社区", "2039-09-21下午", False),
            ("五缘湾1号", "2039-09-21早上", True),
        ],
    ),
    Layout(
        "open_start_back_in_the_small_hours",
        "临时停气通知\n因燃气管道抢修，9月25日23:00起对集美区侨英街道乐海社区暂停供气，预计凌晨3时恢复供气。\n"
        "华润燃气（厦门）有限公司\n2039年9月25日",
        "20390925",
        [
            ("乐海社区", "2039-09-25晚上", True),
            ("乐海社区", "2039-09-26凌晨", True),
            ("乐海社区", "2039-09-26上午", False),
        ],
    ),
    Layout(
        # the return under its own label below the places (round 17 part 2: the window ran to midnight)
        "burst_back_under_a_label",
        "紧急停水通知\n11月20日21时15分，海沧区新阳街道新阳路DN200给水管突发爆管，需对下列区域停水：\n停水区域：新阳路沿线、祥露社区\n"
        "预计恢复供水时间：11月21日7:30\n厦门水务集团有限公司\n2039年11月20日",
        "20391120",
        [
            ("祥露社区", "2039-11-20晚上", True),
            ("祥露社区", "2039-11-21早上", True),
            ("祥露社区", "2039-11-21下午", False),
        ],
    ),
    Layout(
        "back_the_same_day_as_before",
        "停电通知\n9月28日10:30起，因设备抢修，海沧区新阳街道兴旺社区临时停电，预计当日16:00恢复供电。\n国网厦门供电公司\n2039年9月28日",
        "20390928",
        [("兴旺社区", "2039-09-28下午", True), ("兴旺社区", "2039-09-28晚上", False)],
    ),
]
LOOKUPS = [
    pytest.param(place, day, cut, id=f"{layout.name}-{place}-{day}-{'cut' if cut else 'not'}")
    for layout in LAYOUTS
    for place, day, cut in layout.answers
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_outage_notices(tmp_path_factory.mktemp("back_said") / "data", LAYOUTS, URL, "site:xmsgov") as client:
        yield client


@pytest.mark.parametrize(("place", "day", "cut"), LOOKUPS)
def test_the_window_ends_when_the_supply_is_said_to_come_back(served, place: str, day: str, cut: bool) -> None:
    assert_api_outage_lookup(served, place, day, cut)
