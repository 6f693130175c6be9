"""outages17 (session 22): a community printed before a road of it and its houses (`前埔社区前埔路100号至288号`) is two places,
the community (part of it is cut) and the road with those houses (one name 前埔社区前埔路 was read: neither 前埔路150号 nor
前埔社区 was answered); one estate in brackets after a 社区 with its buildings (`金鸡亭社区（金鸡亭花园1#-12#楼）`) is a place of
it (it found nothing). Asked over real HTTP (/api/notices/outages)."""

from __future__ import annotations

import pytest

from tests.outage_layouts import Layout
from tests.support import assert_api_outage_lookup, days_cut, served_outage_notices

URL = "https://www.xmsgov.example/tdgg/{issued}/t{n}.htm"


def _days(place: str, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    return days_cut(place, 2039, cut, clear)


LAYOUTS = [
    Layout(
        "community_before_its_road",
        "停电通知\n停电时间：2039年11月8日8:00至18:00\n"
        "停电范围：思明区莲前街道：前埔社区前埔路100号至288号、金鸡亭社区（金鸡亭花园1#-12#楼）、洪文社区。\n国网厦门供电公司\n2039年11月4日",
        "20391104",
        _days("前埔路150号", "11-08", "11-07")
        + _days("前埔路300号", "", "11-08")
        + _days("前埔社区", "11-08")
        + _days("金鸡亭花园", "11-08", "11-09")
        + _days("金鸡亭花园5号楼", "11-08")
        + _days("金鸡亭花园15号楼", "", "11-08")
        + _days("金鸡亭社区", "11-08")
        + _days("洪文社区", "11-08")
        + _days("莲前街道", "11-08"),
    ),
    Layout(
        "water_community_road_then_communities",
        "停水通知\n11月15日9:00-17:00，湖里区江头街道：吕厝社区吕岭路1-99号（单号）、台湾街社区停水。\n厦门水务集团有限公司\n2039年11月11日",
        "20391111",
        _days("吕岭路51号", "11-15", "11-14")
        + _days("吕岭路52号", "", "11-15")
        + _days("台湾街社区", "11-15", "11-16")
        + _days("吕厝社区", "11-15"),
    ),
]
LOOKUPS = [
    pytest.param(place, day, cut, id=f"{layout.name}-{place}-{day}-{'cut' if cut else 'not'}")
    for layout in LAYOUTS
    for place, day, cut in layout.answers
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_outage_notices(
        tmp_path_factory.mktemp("community_road") / "data", LAYOUTS, URL, "site:xmsgov"
    ) as client:
        yield client


@pytest.mark.parametrize(("place", "day", "cut"), LOOKUPS)
def test_a_community_before_its_road(served, place: str, day: str, cut: bool) -> None:
    assert_api_outage_lookup(served, place, day, cut)
