"""outages16 (session 21): held-out round 16, and outages15's four leftovers, asked over real HTTP. Outage notices of June
2039 (`tests/fixtures/heldout21/outages16/`): a day printed only as 本月6日 under a date in Chinese numerals, a water
notice's day in Chinese numerals (六月九日, 上午九时至下午五时), a gas table whose cells print a road (杏林湾路) or a
subdistrict (侨英街道) before the estate cut, villages' 社 each inside its own 社区 (田墘社区（东埕社…）、山头社区（后垵社）),
an OCR'd scan spacing out its digits too (2 0 3 9 年 6 月 1 6 日, 8 : 0 0 - 1 7 : 0 0), a day printed as 廿二日. Written, with
what must be answered, before running them; the harness is tests/test_outages_heldout15.py's (bytes → notice parser →
SQLite → tantivy → the app on 127.0.0.1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.outage_layouts import Layout
from tests.support import assert_api_outage_lookup, assert_search_box_outage_answer, days_cut, served_outage_notices
from tests.test_outages_heldout13 import _encoding

FIXTURES = Path(__file__).parent / "fixtures" / "heldout21" / "outages16"
URL = "https://www.xmsgov.example/tdgg/{issued}/t{n}.htm"


def _days(place: str, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    return days_cut(place, 2038, cut, clear)  # month-days of January–June: 2039's


ANSWERS16: dict[str, list[tuple[str, str, bool]]] = {
    "r1_01_20390601_power_this_month.txt": _days("叶厝社区", "06-06", "06-05 06-07")
    + _days("兑山社区", "06-06", "06-01"),
    "r1_02_20390603_water_chinese_day.txt": _days("碧溪路", "06-09", "06-08 06-10")
    + _days("阳翟社区", "06-09", "06-03"),
    # leftover (b): a road or subdistrict in the cell before an estate is where the estate lies, not a place cut whole
    "r1_03_20390605_gas_column_road_estate.txt": _days("万科城", "06-08", "06-07 06-09")
    + _days("万科城3号楼", "06-08")
    + _days("万科城9号楼", "", "06-08")
    + _days("杏林湾路", "", "06-08")
    + _days("杏林湾路万科城", "06-08")
    + _days("杏林湾一号", "06-08", "06-09"),
    # leftover (c): the 社区 said before a 社 is checked against the one printed
    "r1_04_20390610_power_she_of_community.txt": _days("田墘社区东埕社", "06-14", "06-13")
    + _days("山头社区东埕社", "", "06-14")
    + _days("山头社区后垵社", "06-14", "06-15")
    + _days("田墘社区后垵社", "", "06-14")
    + _days("东埕社", "06-14"),
    # leftover (d): an OCR's spaced digits
    "r1_05_20390612_ocr_spaced_digits.txt": _days("枋湖社区", "06-16", "06-15 06-17")
    + _days("钟宅社区", "06-16", "06-12"),
    "r1_06_20390618_power_nian_day.txt": _days("官任社区", "06-22", "06-21 06-23"),
    # round 2 (written after round 1 was fixed, before running it)
    "r2_01_20390620_water_tab_table.txt": _days("水云湾", "06-25", "06-24 06-27")
    + _days("未来海岸水云湾3号楼", "06-25")
    + _days("未来海岸水云湾13号楼", "", "06-25")
    + _days("滨湖路", "", "06-25")
    + _days("兴旺社区", "06-25 06-26", "06-24 06-27")
    + _days("新阳街道", "06-25", "06-24"),
    "r2_02_20390622_power_fullwidth_spaced.txt": _days("西柯社区", "06-28", "06-27 06-29")
    + _days("潘涂社区", "06-28", "06-22"),
    "r2_03_20390623_power_sms_this_month.txt": _days("盈翠社区", "06-29", "06-28 06-30"),
    "r2_04_20390624_gas_community_estates.txt": _days("华瑞花园", "06-30", "06-29")
    + _days("吕厝社区华瑞花园", "06-30")
    + _days("台湾街社区华瑞花园", "", "06-30")
    + _days("宝龙一城", "06-30")
    + _days("吕厝社区", "06-30", "06-29"),
}

QUESTIONS16 = [
    ("2039-06-05", "叶厝社区明天停电吗", True),
    ("2039-06-06", "兑山社区今天下午有电吗", True),
    ("2039-06-06", "兑山社区明天停电吗", False),
    ("2039-06-08", "碧溪路明天停水吗", True),
    ("2039-06-08", "阳翟社区明天下午有水吗", True),
    ("2039-06-09", "阳翟社区今天晚上停水吗", False),  # until 下午五时
    ("2039-06-07", "万科城明天停气吗", True),
    ("2039-06-07", "万科城9号楼明天停气吗", False),
    ("2039-06-07", "杏林湾路明天停气吗", False),
    ("2039-06-07", "杏林湾一号明天有燃气吗", True),
    ("2039-06-13", "山头社区东埕社明天停电吗", False),
    ("2039-06-13", "田墘社区东埕社明天停电吗", True),
    ("2039-06-13", "山头社区后垵社明天停电吗", True),
    ("2039-06-15", "枋湖社区明天停电吗", True),
    ("2039-06-16", "钟宅社区今天上午停电吗", True),
    ("2039-06-16", "钟宅社区明天停电吗", False),
    ("2039-06-21", "官任社区明天停电吗", True),
    ("2039-06-21", "官任社区今天停电吗", False),
    # round 2
    ("2039-06-24", "水云湾明天停水吗", True),
    ("2039-06-24", "滨湖路明天停水吗", False),
    ("2039-06-25", "兴旺社区今晚停水吗", True),
    # my error: 现在有水吗 was expected not cut, but 现在 asks the whole day (README), whose night until 6:00 is cut; asked so:
    ("2039-06-26", "兴旺社区今天凌晨停水吗", True),
    ("2039-06-27", "西柯社区明天停电吗", True),
    ("2039-06-27", "潘涂社区明天晚上停电吗", False),  # until 17:30
    ("2039-06-28", "盈翠社区明天上午停电吗", True),
    ("2039-06-28", "盈翠社区明天下午停电吗", False),
    ("2039-06-29", "吕厝社区华瑞花园明天停气吗", True),
    ("2039-06-29", "台湾街社区华瑞花园明天停气吗", False),
    ("2039-06-29", "宝龙一城明天有燃气吗", True),
]

#: leftover (a): the search beneath an outage question lists first the notice printing the asked day, however it prints it
#: (本月6日, 六月九日, 廿二日, spaced digits): (today, query, the issue day in the first hit's address)
RANKED16 = [
    ("2039-06-05", "6月6日停电", "20390601"),
    ("2039-06-05", "集美区6月6日停电吗", "20390601"),
    ("2039-06-08", "6月9日停水", "20390603"),
    # left by outages16 as a strict xfail (r2_02's issue date 2039年6月22日 got the bonus too); passes since outages17
    # (session 22): a notice's own issue date earns no day bonus (indexer/printed_days.py)
    ("2039-06-20", "6月22日停电", "20390618"),
    ("2039-06-20", "思明区6月22日停电吗", "20390618"),
    ("2039-06-13", "6月16日停电", "20390612"),
    # round 2
    ("2039-06-27", "6月28日停电", "20390622"),
    ("2039-06-28", "思明区明天停电吗", "20390623"),
]

LAYOUTS = [
    Layout(
        path.name,
        path.read_bytes().decode(_encoding(path.name)),
        path.name.split("_")[2],
        ANSWERS16[path.name],
        _encoding(path.name),
    )
    for path in sorted(FIXTURES.iterdir())
]
LOOKUPS = [
    pytest.param(place, day, cut, id=f"{path.name.split('.')[0]}-{place}-{day}-{'cut' if cut else 'not'}")
    for path in sorted(FIXTURES.iterdir())
    for place, day, cut in ANSWERS16[path.name]
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_outage_notices(tmp_path_factory.mktemp("outages16") / "data", LAYOUTS, URL, "site:xmsgov") as client:
        yield client


def test_every_fixture_is_answered_for() -> None:
    assert sorted(ANSWERS16) == sorted(path.name for path in FIXTURES.iterdir())
    for cut in (True, False):  # right both ways
        assert sum(case.values[2] is cut for case in LOOKUPS) >= 10 and sum(q[2] is cut for q in QUESTIONS16) >= 5


@pytest.mark.parametrize(("place", "day", "cut"), LOOKUPS)
def test_the_api_answers_each_place_on_each_day(served, place: str, day: str, cut: bool) -> None:
    assert_api_outage_lookup(served, place, day, cut)


@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS16)
def test_the_search_box_answers_each_question(served, monkeypatch, today: str, query: str, affected: bool) -> None:
    assert_search_box_outage_answer(served, monkeypatch, today, query, affected)


@pytest.mark.parametrize(("today", "query", "issued"), RANKED16)
def test_the_notice_printing_the_asked_day_comes_first(
    served, monkeypatch, today: str, query: str, issued: str
) -> None:
    import gongkai.dates
    import gongkai.indexer.search_index

    for module in (gongkai.dates, gongkai.indexer.search_index):  # the ranking reads the day asked from today too
        monkeypatch.setattr(module, "beijing_today", lambda: date.fromisoformat(today))
    reply = served.get("/api/search", params={"q": query, "page_size": 10})
    assert reply.status_code == 200, reply.text
    urls = [hit["url"] for hit in reply.json()["hits"]]
    assert urls and f"/{issued}/" in urls[0], urls
