"""A street's outage alert also tells its watcher when the street's outage is called off (停电取消, 时间变更):
the cut notice was news to them, so is its cancellation. Real parsing (parse_notices on the text as a
厦门日报 column prints it), a real store and index, a real webhook receiver on 127.0.0.1."""

from __future__ import annotations

from gongkai.feeds import alerts as A
from gongkai.feeds.alert_delivery import email_text
from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from tests.alert_receiver import Receiver
from tests.test_alerts import make_engine

CUT = """国网厦门供电公司停电公告
因电力设施检修，定于2026年12月8日8:30-17:30停电。
停电范围：思明区湖滨南路188号至266号、思明区鼓屏路。
国网厦门供电公司
2026年12月3日"""

CALLED_OFF = """国网厦门供电公司停电取消公告
原定于2026年12月8日8:30-17:30对思明区湖滨南路188号至266号的停电取消，届时正常供电。
国网厦门供电公司
2026年12月5日"""


def notices(text: str, url: str) -> list[Record]:
    found = [r for r in parse_notices(Capture(data=text.encode("utf-8"), url=url, source="web")) if r.notice_type == "outage"]
    assert found, text
    return found


def test_a_streets_alert_tells_of_the_cut_and_then_of_its_cancellation(tmp_path):
    engine = make_engine(tmp_path)
    with Receiver() as receiver:
        street = A.add_alert(engine, "", {"area": "湖滨南路200号"}, "webhook", receiver.url)
        elsewhere = A.add_alert(engine, "", {"area": "湖滨南路300号"}, "webhook", receiver.url)  # outside 188-266
        other_road = A.add_alert(engine, "", {"area": "鼓屏路"}, "webhook", receiver.url)  # cut, not called off

        engine.ingest_records(notices(CUT, "https://epaper.example/cut"))
        assert not A.run_alerts(engine).errors
        first = {body["alert_id"]: body for body in receiver.accepted.values()}
        assert set(first) == {street.id, other_road.id}
        assert [r["called_off"] for r in first[street.id]["records"]] == [False]

        receiver.accepted.clear()
        engine.ingest_records(notices(CALLED_OFF, "https://epaper.example/off"))
        assert not A.run_alerts(engine).errors
        second = {body["alert_id"]: body for body in receiver.accepted.values()}
        assert set(second) == {street.id}  # 湖滨南路300号 was never cut, 鼓屏路's window was not called off
        [entry] = second[street.id]["records"]
        assert entry["called_off"] is True and "取消" in entry["title"]
        _, text = email_text(second[street.id])
        assert "【已取消】" in text
    assert elsewhere.id not in first
    # the outage lookup agrees: nothing is cut on 湖滨南路200号 that day any more, 鼓屏路 still is
    from datetime import date

    assert engine.outages("湖滨南路200号", date(2026, 12, 8)) == []
    assert engine.outages("鼓屏路", date(2026, 12, 8))


LINE_CUT = """国网厦门供电公司停电通知
因线路检修，国网厦门供电公司定于2026年12月10日8:30-17:30对10kV水仙线停电。
停电范围：思明区水仙路、镇邦路
国网厦门供电公司
2026年12月4日"""

LINE_CALLED_OFF = """停电取消通知
原定于2026年12月10日8:30-17:30对10kV水仙线停电检修的计划取消，届时正常供电。
国网厦门供电公司
2026年12月6日"""

DAY_CUT = """停电通知
因线路检修，国网厦门供电公司定于2026年12月8日8:30-17:30对湖里区海天路、海山路停电。
国网厦门供电公司
2026年12月3日"""

DAY_MOVED = """更正启事
本报12月3日刊登的国网厦门供电公司停电通知中，停电时间“2026年12月8日8:30-17:30”更正为“2026年12月9日8:30-17:30”，停电范围不变。特此更正。
国网厦门供电公司
2026年12月6日"""


def test_a_cancellation_naming_no_place_reaches_the_watchers_of_the_places_it_calls_off(tmp_path):
    """停电取消 of a line's window and 更正 of the notice of 12月3日 print no place: the watchers of the places of the
    window they call off get them (the first marked 已取消, the second a change, not 已取消); others get nothing."""
    engine = make_engine(tmp_path)
    with Receiver() as receiver:
        shuixian = A.add_alert(engine, "", {"area": "水仙路"}, "webhook", receiver.url)
        haitian = A.add_alert(engine, "", {"area": "海天路"}, "webhook", receiver.url)
        elsewhere = A.add_alert(engine, "", {"area": "鼓屏路"}, "webhook", receiver.url)  # never cut
        engine.ingest_records(notices(LINE_CUT, "https://epaper.example/line") + notices(DAY_CUT, "https://epaper.example/day"))
        assert not A.run_alerts(engine).errors
        assert {body["alert_id"] for body in receiver.accepted.values()} == {shuixian.id, haitian.id}

        receiver.accepted.clear()
        engine.ingest_records(notices(LINE_CALLED_OFF, "https://epaper.example/line-off")
                              + notices(DAY_MOVED, "https://epaper.example/day-moved"))
        assert not A.run_alerts(engine).errors
        second = {body["alert_id"]: body for body in receiver.accepted.values()}
        assert set(second) == {shuixian.id, haitian.id}, second
        [line_off] = second[shuixian.id]["records"]
        assert line_off["called_off"] is True and "取消" in line_off["title"]
        assert [(w["start"], w["effect"]) for w in line_off["windows"]] == [("2026-12-10T08:30:00", "cancelled")]
        assert "【已取消】" in email_text(second[shuixian.id])[1]
        [moved] = second[haitian.id]["records"]
        assert moved["called_off"] is False and "更正" in moved["title"]
        assert sorted((w["start"], w["effect"]) for w in moved["windows"]) == [("2026-12-08T08:30:00", "cancelled"),
                                                                             ("2026-12-09T08:30:00", "cut")]
    assert elsewhere.id not in second


SWAP_CUT = """停电通知
因10kV高林线检修，国网厦门供电公司定于2026年12月10日8:00-17:00对湖里区枋湖北二路、湖里区高林社区停电。
国网厦门供电公司
2026年12月4日"""

SWAP = """更正声明
本报12月4日刊登的停电通知中，停电范围“湖里区枋湖北二路”应为“湖里区枋湖南路”，特此更正。
国网厦门供电公司
2026年12月6日"""

DAY_ONLY_CUT = """停电通知
因线路检修，国网厦门供电公司定于2026年12月15日8:30-17:30对集美区杏林湾路、杏滨路停电。
国网厦门供电公司
2026年12月10日"""

DAY_ONLY_MOVED = """更正启事
本报12月10日刊登的停电通知中，12月15日停电改在12月16日，停电时间、范围不变。特此更正。
国网厦门供电公司
2026年12月12日"""


def test_a_swap_and_a_day_moved_without_a_window_tell_the_watcher_the_windows_hours(tmp_path):
    """A place swap printing no window (“枋湖北二路”应为“枋湖南路”) and a day moved printing no time (12月15日停电改在12月16日): the
    watchers are told the windows the lookup dates for them (outages5: the swap's new place was told no time, the moved
    day's watcher the whole day 00:00-24:00), the old place's window marked called off."""
    engine = make_engine(tmp_path)
    with Receiver() as receiver:
        new_place = A.add_alert(engine, "", {"area": "枋湖南路"}, "webhook", receiver.url)
        old_place = A.add_alert(engine, "", {"area": "枋湖北二路"}, "webhook", receiver.url)
        moved_day = A.add_alert(engine, "", {"area": "杏林湾路"}, "webhook", receiver.url)
        engine.ingest_records(notices(SWAP_CUT, "https://epaper.example/swap-cut") + notices(DAY_ONLY_CUT, "https://epaper.example/day-cut"))
        assert not A.run_alerts(engine).errors
        receiver.accepted.clear()
        engine.ingest_records(notices(SWAP, "https://epaper.example/swap") + notices(DAY_ONLY_MOVED, "https://epaper.example/moved"))
        assert not A.run_alerts(engine).errors
        sent = {body["alert_id"]: body for body in receiver.accepted.values()}
    [swapped_in] = sent[new_place.id]["records"]
    assert [(w["start"], w["end"], w["effect"]) for w in swapped_in["windows"]] == [
        ("2026-12-10T08:00:00", "2026-12-10T17:00:00", "cut")]
    [swapped_out] = sent[old_place.id]["records"]
    assert swapped_out["called_off"] is True
    assert [(w["start"], w["end"], w["effect"]) for w in swapped_out["windows"]] == [
        ("2026-12-10T08:00:00", "2026-12-10T17:00:00", "cancelled")]
    [moved] = sent[moved_day.id]["records"]
    assert [(w["start"], w["end"], w["effect"]) for w in moved["windows"]] == [
        ("2026-12-15T08:30:00", "2026-12-15T17:30:00", "cancelled"), ("2026-12-16T08:30:00", "2026-12-16T17:30:00", "cut")]
    assert "2026-12-16 08:30 至 17:30" in email_text(sent[moved_day.id])[1]
    # the lookup agrees
    from datetime import date

    assert not engine.outages("杏林湾路", date(2026, 12, 15)) and engine.outages("杏林湾路", date(2026, 12, 16))
    assert engine.outages("枋湖南路", date(2026, 12, 10)) and not engine.outages("枋湖北二路", date(2026, 12, 10))


PLACE_CUT = """停电通知
因线路检修，国网厦门供电公司定于2026年12月20日9:00-17:00对湖里区金山街道高林社区、金林社区停电。
国网厦门供电公司
2026年12月15日"""

PLACE_MOVED = """停电改期通知
受降雨影响，湖里区金山街道高林社区停电改在12月22日，停电时间不变。
国网厦门供电公司
2026年12月18日"""


def test_a_places_outage_moved_to_a_day_with_no_time_tells_the_watcher_its_hours(tmp_path):
    """高林社区停电改在12月22日，停电时间不变 prints neither the day it moves from nor the hours: the watcher is told the window of
    12-20 called off and 12-22 cut with its hours (not the whole day); 金林社区's watcher hears nothing more."""
    engine = make_engine(tmp_path)
    with Receiver() as receiver:
        moved = A.add_alert(engine, "", {"area": "高林社区"}, "webhook", receiver.url)
        stays = A.add_alert(engine, "", {"area": "金林社区"}, "webhook", receiver.url)
        engine.ingest_records(notices(PLACE_CUT, "https://epaper.example/place-cut"))
        assert not A.run_alerts(engine).errors
        receiver.accepted.clear()
        engine.ingest_records(notices(PLACE_MOVED, "https://epaper.example/place-moved"))
        assert not A.run_alerts(engine).errors
        sent = {body["alert_id"]: body for body in receiver.accepted.values()}
    assert set(sent) == {moved.id} and stays.id not in sent
    [entry] = sent[moved.id]["records"]
    assert [(w["start"], w["end"], w["effect"]) for w in entry["windows"]] == [
        ("2026-12-20T09:00:00", "2026-12-20T17:00:00", "cancelled"), ("2026-12-22T09:00:00", "2026-12-22T17:00:00", "cut")]


BY_LINE = """停电通知
因10kV文兴Ⅱ回线检修，定于2026年12月22日08:00至18:00对下列区域停电：思明区文兴东路1号至50号。
国网厦门供电公司
2026年12月14日"""
LINE_MOVED = """关于10kV文兴Ⅱ回线停电时间调整的通知
原定于2026年12月22日08:00至18:00的10kV文兴Ⅱ回线停电，调整为2026年12月23日08:00至18:00。
国网厦门供电公司
2026年12月16日"""


def test_a_correction_naming_its_power_line_where_a_place_goes_reaches_the_lines_places(tmp_path):
    """alerts4 (session 15): 原定于…18:00的10kV文兴Ⅱ回线停电，调整为… printed the line where a notice prints its place: the
    place was read as 的10kV文兴Ⅱ回线停电, so the correction was one with a place (no one's) and 文兴东路's watcher, told of
    the 22nd, never heard it moved. A power line is no place: the correction reaches the places of the notice it corrects."""
    engine = make_engine(tmp_path)
    with Receiver() as receiver:
        street = A.add_alert(engine, "", {"area": "文兴东路20号"}, "webhook", receiver.url)
        engine.ingest_records(notices(BY_LINE, "https://www.xm.sgcc.example/n/wx"))
        A.run_alerts(engine)
        receiver.accepted.clear()
        [moved] = notices(LINE_MOVED, "https://www.xm.sgcc.example/n/wx-moved")
        assert all(not event.areas for event in moved.notice.events)
        engine.ingest_records([moved])
        assert not A.run_alerts(engine).errors
        [body] = [b for b in receiver.accepted.values() if b["alert_id"] == street.id]
        [entry] = body["records"]
        assert [(w["start"][:16], w["effect"]) for w in entry["windows"]] == [("2026-12-22T08:00", "cancelled"), ("2026-12-23T08:00", "cut")]
