"""Review (session 12): a rain clause printed between a notice's hours and its places (6月18日8:00至17:00（如遇雨天顺延）翔安区新店镇停电)
stayed in the place's name, `(如遇雨天顺延)翔安区新店镇`, so 新店镇 asked on that day found no outage. Real capture, real ingest."""

from __future__ import annotations

from datetime import date

from gongkai.engine import Engine
from gongkai.parsers import Capture
from gongkai.settings import load_settings


def test_a_rain_clause_before_the_places_is_no_part_of_their_name(tmp_path):
    text = "计划停电通知\n因线路检修，6月18日8:00至17:00（如遇雨天顺延）翔安区新店镇停电。\n国网厦门供电公司\n2026年6月10日\n"
    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    try:
        report = engine.ingest_captures([Capture(data=text.encode(), url="https://epaper.xmnn.cn/xmrb/2026-06-10/A12-1.htm",
                                                 source="paper:xmrb")], notices=True, parallel=False)
        assert not report.counts.get("quarantined"), report.as_dict()
        for place in ("新店镇", "翔安区新店镇"):
            assert engine.outages(place, date(2026, 6, 18)), place
        assert not engine.outages("新店镇", date(2026, 6, 17))
    finally:
        engine.close()
