"""A road printed after the island, park or new town it lies in (鼓浪屿龙头路, 火炬园区创新路): the road asked alone is
answered, the locality asked alone answers every road under it, and names that only begin like one keep their name."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.engine import Engine
from gongkai.outage_areas import area_matches, clean_area, parse_query
from gongkai.parsers import Capture, parse_notices
from gongkai.settings import load_settings

NOTICE = """国网厦门供电公司停电公告
因电力设施检修，定于2026年12月9日8:30-17:30停电。
停电范围：思明区鼓浪屿龙头路、鼓浪屿泉州路，湖里区火炬园区创新路2号至20号。
国网厦门供电公司
2026年12月4日"""


@pytest.mark.parametrize(("printed", "name", "where"), [
    ("鼓浪屿龙头路", "龙头路", "鼓浪屿"),
    ("湖里区火炬园区创新路", "创新路", "火炬园区"),
    ("集美新城杏林湾路", "杏林湾路", "集美新城"),
    ("鼓浪屿", "鼓浪屿", ""),  # the locality alone keeps its name
    ("鼓浪屿路", "鼓浪屿路", ""),  # a road named after it: one name
    ("火炬园区", "火炬园区", ""),
])
def test_a_locality_before_a_road_is_where_it_lies_not_its_name(printed, name, where):
    area = clean_area(printed)
    assert area is not None and (area.name, area.subdistrict) == (name, where)


def test_the_lookup_answers_the_road_and_the_locality(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    engine.ingest_records([r for r in parse_notices(Capture(data=NOTICE.encode("utf-8"), url="https://epaper.example/1", source="web"))
                           if r.notice_type == "outage"])
    day = date(2026, 12, 9)
    for asked in ("龙头路", "鼓浪屿龙头路", "思明区龙头路", "泉州路", "鼓浪屿", "创新路", "创新路10号", "火炬园区"):
        assert engine.outages(asked, day), asked
    for asked in ("鼓浪屿路", "创新路30号", "湖里区龙头路"):
        assert not engine.outages(asked, day), asked
    assert not engine.outages("龙头路", date(2026, 12, 10))


def test_a_locality_asked_alone_does_not_match_another_localitys_road():
    assert not area_matches(clean_area("火炬园区创新路"), parse_query("鼓浪屿"))
    assert area_matches(clean_area("鼓浪屿龙头路"), parse_query("鼓浪屿"))
