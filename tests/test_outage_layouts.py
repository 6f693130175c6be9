"""Is my street cut on this day: the lookup's answer for notices in the layouts Xiamen's utilities and 厦门日报 print
(tests/outage_layouts.py: tables flattened to text, daily windows over a range, 上午/下午/全天 without a clock, 暂定 and
如遇…顺延, villages and buildings, odd/even sides, cancellations and changes, power back early, full-width digits,
Traditional characters, GBK bytes). Every notice goes in through the real ingest (raw bytes → notice parser → SQLite →
tantivy) into a temp data dir and is asked through Engine.outages (the lookup /api/notices/outages, /outages and
`gongkai outages` answer with) and Engine.outages_on (the whole city), for a place inside and outside it, on its days and
the days around them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from gongkai.parsers import Capture
from tests.outage_layouts import LAYOUTS
from tests.support import assert_outage_lookup, outage_lookup_cases, outage_notices_engine


def _day(text: str) -> date:
    return date.fromisoformat(text if len(text) == 10 else f"2026-{text}")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = outage_notices_engine(tmp_path_factory.mktemp("outage-layouts") / "data", LAYOUTS,
                                   "https://epaper.xmnn.cn/xmrb/{issued}/A12-{n}.htm", "paper:xmrb")
    yield engine
    engine.close()


CASES = outage_lookup_cases(LAYOUTS)


def test_enough_layouts_and_answers() -> None:
    assert len(LAYOUTS) >= 25 and len(CASES) >= 150
    assert sum(cut for *_, cut in (case.values for case in CASES)) >= 60  # both ways: cut and not cut


@pytest.mark.parametrize(("place", "day", "cut"), CASES)
def test_the_lookup_answers_each_place_on_each_day(engine, place: str, day: str, cut: bool) -> None:
    assert_outage_lookup(engine, place, _day(day), cut)


def test_a_called_off_window_is_listed_for_the_whole_city_only_where_still_cut(engine) -> None:
    found = engine.outages_on(date(2026, 12, 8))
    # the cancellation itself cuts nothing; the notice it corrects still cuts 大同路 that day
    assert "停电取消通知" not in [record.title for record, _ in found]
    assert "大同路" in {area.name for _, events in found for event in events for area in event.areas}
    assert all(event.effect != "cancelled" for _, events in found for event in events)


def test_cancelled_and_moved_windows_as_stored(engine) -> None:
    [(changed, _)] = [(r, e) for r, e in engine.outages("仙岳路", date(2026, 12, 11))]
    effects = [(event.effect, event.start.day, [area.name for area in event.areas]) for event in changed.notice.events]
    assert effects == [("cancelled", 9, ["仙岳路"]), ("cut", 11, ["仙岳路"])]  # 停电范围不变: the places of the window it moves
    [(_, events)] = engine.outages("杏林路", date(2026, 12, 9))
    assert [event.effect for event in events] == ["cut"]  # cut until 12:00 on the 9th, called off after


def test_a_postponement_day_keeps_the_condition_as_printed(engine) -> None:
    [(_, events)] = engine.outages("西柯街", date(2026, 12, 13))
    assert [event.text for event in events] == ["如遇雨天顺延至12月13日"]


def test_traditional_and_gbk_notices_read_as_simplified_places(engine) -> None:
    [(_, [event])] = engine.outages("思明区鹭江道", date(2026, 12, 9))
    assert (event.areas[0].district, event.areas[0].name, event.areas[0].text) == ("思明区", "鹭江道", "思明區鷺江道")
    assert engine.outages("湖里区吕岭路", date(2026, 12, 9)) and not engine.outages("思明区吕岭路", date(2026, 12, 9))


def test_the_api_and_the_pages_answer_a_cancellation_as_the_engine_does(tmp_path) -> None:
    """Over a real socket: /api/notices/outages and /outages answer 镇海路 not cut on the day its outage was called off,
    大同路 (the same first notice) cut; the cancellation's record page shows its window as 已取消."""
    import httpx

    from gongkai.parsers import parse_notices
    from tests.support import served_engine

    wanted = {"cancelled_outage_original", "cancelled_outage"}
    records = [record for n, layout in enumerate(LAYOUTS) if layout.name in wanted
               for record in parse_notices(Capture(data=layout.text.encode(), url=f"https://epaper.xmnn.cn/xmrb/{layout.issued}/A12-{n}.htm",
                                                   source="paper:xmrb"))]
    with served_engine(tmp_path / "data", records) as (_, base_url), httpx.Client(base_url=base_url, timeout=10) as client:
        cut = client.get("/api/notices/outages", params={"area": "大同路", "date": "2026-12-08"}).json()
        off = client.get("/api/notices/outages", params={"area": "镇海路", "date": "2026-12-08"}).json()
        assert cut["affected"] is True and off["affected"] is False and off["notices"] == []
        assert "没有查到" in client.get("/outages", params={"area": "镇海路", "date": "2026-12-08"}).text
        [cancellation] = [r for r in records if r.title == "停电取消通知"]
        page = client.get(f"/documents/{cancellation.id}").text
        assert "已取消" in page and "镇海路" in page


def test_reduced_pressure_alone_is_no_cut_for_the_whole_city(engine) -> None:
    found = [(record, events) for record, events in engine.outages_on(date(2026, 12, 8)) if record.title == "降压供水通知"]
    assert [[event.effect for event in events] for _, events in found] == [["reduced_pressure"]]


def test_each_window_keeps_its_own_utility(engine) -> None:
    """停水停电通知: the 12-08 window is a power cut, the 12-09 one a water cut, so the search box's question narrowed to
    停电 or 停水 answers each day as printed (it used to label both with the notice's one utility)."""
    from gongkai.outage_question import answer_outage_question

    [(_, events)] = engine.outages("大生里", None)
    assert [(event.start.day, event.utility) for event in events] == [(8, "power"), (9, "water")]
    today = date(2026, 12, 7)
    asked = {query: answer_outage_question(engine, query, today) for query in ("明天大生里停电吗", "后天大生里停电吗", "后天大生里停水吗")}
    assert {query: bool(answer.as_json()["affected"]) for query, answer in asked.items() if answer is not None} == {
        "明天大生里停电吗": True, "后天大生里停电吗": False, "后天大生里停水吗": True}


def test_a_place_named_after_a_utility_does_not_change_the_windows_utility() -> None:
    """The real 泰安 notice names a place 迎胜自来水 among the places of a power cut: every window stays a power cut."""
    import json
    from pathlib import Path

    from gongkai.parsers import parse_notices

    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "web_page_excerpts" / "public_notices.jsonl"
    row = next(r for r in map(json.loads, corpus.open(encoding="utf-8")) if r["id"] == "web-notice-001")
    [notice] = parse_notices(Capture(data=row["text"].encode("utf-8"), url=row["source_url"], source="web"))
    assert {event.utility for event in notice.notice.events} == {"power"}


def test_a_pressure_drop_clause_is_reduced_pressure_never_a_cut(engine) -> None:
    """受此影响由高殿水厂供水的集美学村、侨英等区域供水压力也将有所下降 (session 9): those places are reduced, not cut, and the
    plant (由高殿水厂) is no place; 23:00时至次日（星期五）早8:00时 is the window."""
    [(record, events)] = engine.outages("集美学村", date(2026, 12, 24))
    assert [event.effect for event in events] == ["reduced_pressure"]
    cut = [event for event in record.notice.events if event.effect == "cut"]
    assert [area.name for event in cut for area in event.areas] == ["湖里区", "殿前", "禾山", "江头"]
    assert (cut[0].start.isoformat(), cut[0].end.isoformat()) == ("2026-12-24T23:00:00", "2026-12-25T08:00:00")


def test_power_back_early_on_the_same_day_calls_off_from_that_moment(engine) -> None:
    """已于当日12:30提前完成，已恢复供电 (session 9): the window is called off from 12:30, not from 8:00 (当日 and 提前完成 between
    the moment and 恢复供电 were not read, so the whole morning's cut was called off)."""
    [back] = [r for r in engine.store.iter_records() if r.title == "提前送电"]
    [event] = back.notice.events
    assert (event.effect, event.start.isoformat(), event.end.isoformat()) == ("cancelled", "2027-03-20T12:30:00", "2027-03-20T18:00:00")


def test_a_district_heading_a_bracket_of_roads_is_not_cut_whole(engine) -> None:
    """思明区（鹭江道、升平路）停电 (session 9): its roads are cut, under 思明区; the district itself is no area of the event
    (鹭江道, ending in 道, was not read as a road, so the event's one area was 思明区, the whole district)."""
    [(record, _)] = engine.outages("升平路", date(2027, 4, 10))
    assert [(area.district, area.name) for event in record.notice.events for area in event.areas] == [("思明区", "鹭江道"), ("思明区", "升平路")]


def test_a_correction_of_a_place_calls_off_the_old_place_and_cuts_the_new_one(engine) -> None:
    """W的停电范围“湖里区高崎南五路”应为“湖里区高崎南八路” (outages2, session 9): the window is called off for the place
    replaced and cut for the one given (the quoted sentence was read as one place, 的停电范围“…”应为“…”, so neither matched)."""
    [correction] = [r for r in engine.store.iter_records() if r.title == "更正"]
    assert [(e.effect, e.start.isoformat(), [a.name for a in e.areas]) for e in correction.notice.events] == [
        ("cancelled", "2027-06-22T08:00:00", ["高崎南五路"]), ("cut", "2027-06-22T08:00:00", ["高崎南八路"])]


def test_an_exports_csv_rows_are_windows_with_their_places(engine) -> None:
    """停电区域,停电开始时间,停电结束时间 / 湖里区吕厝路,2027-07-02 08:00,2027-07-02 17:00 (outages2, session 9): each row one
    window from its start cell to its end cell, its place the other cell (the notice had no event)."""
    [(_, [event])] = engine.outages("吕厝路", date(2027, 7, 2))
    assert (event.start.isoformat(), event.end.isoformat(), event.areas[0].district) == ("2027-07-02T08:00:00", "2027-07-02T17:00:00", "湖里区")


def test_postponed_one_day_keeps_the_condition_as_printed(engine) -> None:
    """停电时间：11月12日8:00-17:00（若当天下雨，则顺延一天） (outages2, session 9): the next day, with the condition shown."""
    [(_, events)] = engine.outages("坂尚社区", date(2027, 11, 13))
    assert [(event.start.isoformat(), event.text) for event in events] == [("2027-11-13T08:00:00", "若当天下雨，则顺延一天")]


def test_nights_back_within_a_long_window_leave_each_days_daytime(engine) -> None:
    """2月27日8:00至2月29日18:00（其中每天18:00至次日8:00恢复供电） (outages2, session 9): three day windows, no night one (the
    nights were read as a cut of their own, and the long window had no place)."""
    [(record, _)] = engine.outages("五峰村", date(2028, 2, 28))
    assert [(e.start.isoformat(), e.end.isoformat()) for e in record.notice.events] == [
        (f"2028-02-{day}T08:00:00", f"2028-02-{day}T18:00:00") for day in (27, 28, 29)]


def test_a_start_ends_when_its_sentence_says(engine) -> None:
    """2月23日9:00开始停气，预计停气8小时 ends at 17:00; 2月25日8:00起停电，预计持续至当日18:00 at 18:00 (they ran to midnight)."""
    ends = {place: [e.end.isoformat() for _, events in engine.outages(place, date(2028, 2, day)) for e in events]
            for place, day in (("美溪路", 23), ("双溪社区", 25))}
    assert ends == {"美溪路": ["2028-02-23T17:00:00"], "双溪社区": ["2028-02-25T18:00:00"]}


def test_the_windows_of_the_first_outages3_round_as_printed(engine) -> None:
    """outages3, first round (session 10): 上午八时二十分起至下午十二时二十五分 is 08:20–12:25 (起至 was read as a start to midnight);
    延期至9月27日同一时段 is a cut that day with the hours and places called off; 改期至W2 cuts W2 (both were called off);
    明天9时至后天8时 counts from the issue day (no window was read)."""
    [(_, [morning])] = engine.outages("曾厝垵路", date(2028, 9, 14))
    assert (morning.start.isoformat(), morning.end.isoformat()) == ("2028-09-14T08:20:00", "2028-09-14T12:25:00")
    [(_, [moved])] = engine.outages("高林中路", date(2028, 9, 27))
    assert (moved.effect, moved.start.isoformat(), moved.end.isoformat()) == ("cut", "2028-09-27T08:00:00", "2028-09-27T17:00:00")
    [(_, [rescheduled])] = engine.outages("禾祥花园", date(2028, 9, 9))
    assert (rescheduled.start.isoformat(), rescheduled.end.isoformat()) == ("2028-09-09T22:00:00", "2028-09-10T12:00:00")
    [(_, [news])] = engine.outages("屏山路", date(2028, 9, 30))
    assert (news.start.isoformat(), news.end.isoformat()) == ("2028-09-30T09:00:00", "2028-10-01T08:00:00")
    [(_, [landmark])] = engine.outages("莲前东路", date(2028, 9, 12))
    assert (landmark.areas[0].name, landmark.areas[0].section) == ("莲前东路", "万达广场")


def test_the_windows_and_effects_of_the_second_outages3_round(engine) -> None:
    """outages3, second round (session 10): 对杏林街道、灌口镇…等区域也将实行降压供水 is reduced pressure over the main cut's window
    (晚上8点开始至10月4日晚上8点, which was a start to midnight); 今天(10月6日)晚10时至明天(10月7日)晚8时 is 22:00–20:00 (no window);
    于16:00停产…恢复供水时间预计为20:00左右 is 16:00–20:00 on the issue day; 每周二、四 keeps only those weekdays."""
    [(_, [pressure])] = engine.outages("灌口镇", date(2028, 10, 4))
    assert (pressure.effect, pressure.start.isoformat(), pressure.end.isoformat()) == ("reduced_pressure", "2028-10-03T20:00:00", "2028-10-04T20:00:00")
    [(_, [tonight])] = engine.outages("侨英街道", date(2028, 10, 7))
    assert (tonight.effect, tonight.start.isoformat(), tonight.end.isoformat()) == ("reduced_pressure", "2028-10-06T22:00:00", "2028-10-07T20:00:00")
    [(_, [emergency])] = engine.outages("殿前街道", date(2028, 10, 10))
    assert (emergency.start.isoformat(), emergency.end.isoformat()) == ("2028-10-10T16:00:00", "2028-10-10T20:00:00")
    [(record, _)] = engine.outages("城南社区", date(2028, 11, 7))
    assert [event.start.day for event in record.notice.events] == [31, 2, 7, 9, 14, 16]


def test_the_windows_of_the_third_outages3_round(engine) -> None:
    """outages3, third round (session 10): 从周五晚上10点开始至周日晚上8点结束 in a notice of Monday 2028-11-06 is Friday 22:00 to
    Sunday 20:00 (it was the issue day to midnight); 推迟一天 moves the same hours a day on; 1-99号（除35号外） keeps 35号 out."""
    [(_, [weekend])] = engine.outages("杏林湾一号", date(2028, 11, 11))
    assert (weekend.start.isoformat(), weekend.end.isoformat()) == ("2028-11-10T22:00:00", "2028-11-12T20:00:00")
    [(_, [moved])] = engine.outages("金湖路", date(2028, 11, 17))
    assert (moved.effect, moved.start.isoformat(), moved.end.isoformat()) == ("cut", "2028-11-17T08:00:00", "2028-11-17T17:00:00")
    [(_, [road])] = engine.outages("大同路37号", date(2028, 11, 8))
    assert (road.areas[0].name, road.areas[0].numbers) == ("大同路", "1-99号除35号")



def test_the_windows_of_the_fourth_outages3_round(engine) -> None:
    """outages3, fourth round (session 10): 22:00起进行为期36小时的停气 ends 36 hours on (it ran to midnight); 取消12月20日10kV洪前线
    停电计划 calls the whole day off for that line (no event was read); 1. 同安区工业集中区 heads the window printed under it."""
    [(_, [gas])] = engine.outages("围里社区", date(2028, 12, 9))
    assert (gas.start.isoformat(), gas.end.isoformat()) == ("2028-12-08T22:00:00", "2028-12-10T10:00:00")
    [cancel] = [r for r in engine.store.iter_records() if r.title == "停电取消通知" and r.publish_date == date(2028, 12, 18)]
    assert [(e.effect, e.start.isoformat(), e.line) for e in cancel.notice.events] == [("cancelled", "2028-12-20T00:00:00", "10kV洪前线")]
    [(_, [item])] = engine.outages("同安区工业集中区", date(2028, 12, 11))
    assert (item.start.isoformat(), item.end.isoformat()) == ("2028-12-11T08:30:00", "2028-12-11T16:30:00")


def test_the_windows_of_the_fifth_outages3_round(engine) -> None:
    """outages3, fifth round (session 10): （遇雨顺延） with no day is the next day in case, its clause the window's text (it was a
    Known gap: no window); 水压偏低 in a 供水公告 is reduced pressure (the notice was no outage notice)."""
    [(_, events)] = engine.outages("军营村", date(2029, 1, 7))
    assert [(e.start.isoformat(), e.text) for e in events] == [("2029-01-07T07:00:00", "遇雨顺延")]
    [(record, [low])] = engine.outages("侨英街道", date(2029, 1, 24))
    assert (record.notice_type, low.effect) == ("outage", "reduced_pressure")


def test_the_windows_of_the_sixth_outages3_round(engine) -> None:
    """outages3, sixth round (session 10): 星期六（二月十日）晚上九时至翌日（二月十一日）早上五时 is 21:00–05:00 (no window was read);
    思明區介乎中山路…和大同路範圍內全部樓宇的沖廁水供應，將由…暫停 gives the roads under 思明区 (the notice was no outage notice)."""
    [(_, [night])] = engine.outages("金湖路", date(2029, 2, 10))
    assert (night.start.isoformat(), night.end.isoformat()) == ("2029-02-10T21:00:00", "2029-02-11T05:00:00")
    [(_, [flush])] = engine.outages("镇邦路", date(2029, 2, 8))
    assert [(a.district, a.name) for a in flush.areas] == [("思明区", "中山路"), ("思明区", "思明北路"), ("思明区", "镇邦路"), ("思明区", "大同路")]


def test_a_printed_day_wins_over_its_weekday() -> None:
    """A weekday said before a clock is the coming one from the issue day only when no day is printed with it (outages3):
    12月15日周二8:00 in a notice of 12月1日 is the 15th, not the coming Tuesday."""
    from gongkai.parsers.notices.timewindows import find_windows

    [window] = find_windows("停电时间：12月15日周二8:00-17:00", date(2026, 12, 1))
    assert (window.start.isoformat(), window.end.isoformat()) == ("2026-12-15T08:00:00", "2026-12-15T17:00:00")
    [weekday] = find_windows("停电时间：下周二8:00-17:00", date(2026, 12, 1))
    assert weekday.start.isoformat() == "2026-12-08T08:00:00"

#: outages3 (session 10): questions as people type them about the first three rounds' notices, written before running (36, 2
#: wrong first: 蓝水郡 did not end as a place's name, 有燃气吗 was no outage word), through the search box's reader and the lookup.
QUESTIONS_OUTAGES3 = [  # (today, query, affected?)
    ("2028-09-13", "明天曾厝垵路停电吗", True),
    ("2028-09-13", "曾厝垵路明天会不会停电", True),
    ("2028-09-13", "我家在文曾路，明天停电不", True),
    ("2028-09-13", "明天环岛南路停水吗", False),
    ("2028-09-21", "明天思明区前埔北路停电吗", True),
    ("2028-09-21", "湖里区前埔北路明天停电吗", False),
    ("2028-09-21", "明天前埔南路有电吗", True),
    ("2028-09-29", "屏山路明天停水吗", True),
    ("2028-09-29", "金尚路这两天停水吗", True),
    ("2028-10-02", "仙岳路明天停水吗", True),
    ("2028-10-02", "杏林街道明天水压低吗", True),
    ("2028-11-06", "杏林湾一号这周末停水吗", True),
    ("2028-11-06", "杏林湾一号小区周五停水不", True),
    ("2028-11-06", "我家在大同路35号，后天停水吗", False),
    ("2028-11-06", "大同路37号后天停水吗", True),
    ("2028-11-15", "金湖路明天停电吗", False),
    ("2028-11-15", "金湖路后天停电吗", True),
    ("2028-10-19", "明天洪塘村停电吗", False),
    ("2028-09-24", "高林中路周一停电吗", False),
    ("2028-09-24", "高林中路周三停电吗", True),
    ("2028-10-08", "新民镇明天停电吗", True),
    ("2028-11-02", "明天海韵园教工住宅区停水吗", True),
    ("2028-09-12", "今晚莲前东路停水吗", True),
    ("2028-09-12", "万达广场今晚停水吗", True),
    ("2028-10-11", "明天馨悦小区停电吗", True),
    ("2028-10-11", "明天县后社区会停电吗", True),
    ("2028-10-30", "城南社区明天停水吗", True),
    ("2028-10-30", "城南社区后天停水吗", False),
    ("2028-11-19", "巷北村明天停电吗", True),
    ("2028-11-19", "明天内厝镇停电吗", False),
    ("2028-11-26", "明天蓝水郡停气吗", True),
    ("2028-11-26", "蓝水郡明天有燃气吗", True),
    ("2028-11-28", "五缘湾道明天凌晨停水吗", True),
    ("2028-09-17", "汀溪镇明后天停电吗", True),
    ("2028-09-20", "莲花镇明天停电吗", True),
    ("2028-09-20", "莲花镇今天停电吗", False),
    # a second round (22, about the fourth to sixth rounds' notices; 1 wrong first: 吕岭路明天停气不, the road printed before the
    # label 吕岭路段停气小区单位：, outages._road_before_label)
    ("2028-12-01", "金尚小区明天停水吗", True),
    ("2028-12-01", "金尚小区这个周末会停水吗", True),
    ("2028-12-03", "下周一怡园小区停气吗", True),
    ("2028-12-03", "怡园小区下周一有天然气吗", True),
    ("2028-12-05", "吕岭路明天停气不", True),
    ("2028-12-08", "围里社区明后天有气吗", True),
    ("2028-12-10", "明天同安区工业集中区停水吗", True),
    ("2028-12-10", "祥平街道明天停水吗", False),
    ("2028-12-19", "洪前村明天停电吗", False),
    ("2028-12-17", "大嶝街道明天停电吗", True),
    ("2029-01-05", "军营村明天停电吗", True),
    ("2029-01-05", "军营村周日停电吗", True),
    ("2029-01-08", "我家在杏东路50号，明天停电吗", True),
    ("2029-01-08", "杏东路120号明天停电吗", False),
    ("2029-01-17", "开禾路明天停电吗", False),
    ("2029-01-17", "开禾路后天停电吗", True),
    ("2029-01-23", "侨英街道明天水压低吗", True),
    ("2029-02-03", "镇海路明天停水吗", True),
    ("2029-02-07", "鎮邦路明天停水嗎", True),
    ("2029-02-09", "金湖路明天停水吗", True),
    ("2029-02-15", "大帽山社这周末停水吗", True),
    ("2029-02-19", "茂林村明天停电吗", True),
    # a third round (18, phone-typed, about the fifth to eighth rounds' notices; 1 wrong, left: 同安郭山村, see README Known gaps)
    ("2029-01-05", "请问军营村明天会停电吗", True),
    ("2029-01-05", "军营村明儿停电不", True),
    ("2029-01-09", "杏东路今天几点来电", True),
    ("2029-01-09", "杏东路今天停电到几点", True),
    ("2029-01-11", "开元路这周末晚上停水吗", True),
    ("2029-01-11", "开元路下周一停水吗", False),
    ("2029-01-15", "中山路步行街明天中午停电吗", True),
    ("2029-01-19", "听说开禾路今天停电是真的吗", True),
    ("2029-03-04", "乌山村明天停电吗", True),
    ("2029-03-04", "金柄村明天停电吗", False),
    ("2029-03-21", "黄厝村明天停电吗", False),
    ("2029-03-13", "双沪社区明天停电吗", True),
    ("2029-04-03", "高殿社区明天凌晨停水吗", True),
    ("2029-04-09", "前埔社区明天停电吗", True),
    ("2029-04-09", "前埔社区二期明天停电吗", True),
    ("2029-04-11", "文灶社区明天什么时候恢复供电", True),
    ("2029-04-17", "厦门市同安区郭山村明天停电吗", True),
]


@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS_OUTAGES3)
def test_questions_about_the_outages3_notices(engine, today: str, query: str, affected: bool) -> None:
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(engine, query, date.fromisoformat(today))
    assert answer is not None and answer.as_json()["affected"] is affected, query


#: outages4 (session 11): 53 questions about outages4's notices and the Known gaps it took on, written before running (16 wrong
#: first: 7 the gaps' own, 4 from held-out notices read wrong, 巡司顶 no place's ending, 翔安东园村/同安白交祠村/海沧温厝社区 a district's
#: short name glued to a village or community).
QUESTIONS_OUTAGES4 = [  # (today, query, affected?)
    ("2029-06-01", "明天蓝月湾停电吗", True),
    ("2029-06-01", "蓝月湾小区明天停电不", True),
    ("2029-06-01", "天琴湾明天会停电吗", True),
    ("2029-06-07", "洪前村明天停电吗", False),
    ("2029-06-07", "洪前村后天停电吗", True),
    ("2029-06-07", "翔安东园村后天停电不", True),
    ("2029-06-13", "枋湖南路明天停电吗", True),
    ("2029-06-13", "明天枋湖北二路停电吗", False),
    ("2029-04-17", "同安郭山村明天停电吗", True),
    ("2029-06-13", "集美学村明天停电吗", False),
    ("2029-06-15", "杏北小区明天停气吗", True),
    ("2029-06-15", "杏苑小区明天有燃气吗", True),
    ("2029-06-18", "芗城区胜利路今晚停水吗", True),
    ("2029-06-18", "胜利路明天停水吗", True),
    ("2029-06-19", "丰泽区东星社区明天停电吗", True),
    ("2029-06-21", "兴隆路后天停电吗", True),
    ("2029-06-21", "鹭江道明天停电吗", True),
    ("2029-06-24", "白交祠村明天停电吗", True),
    ("2029-06-26", "白交祠村明天停电吗", False),
    ("2029-06-26", "槟榔西里明天停水吗", True),
    ("2029-06-26", "槟榔路明天水压低吗", True),
    ("2029-06-28", "金湖一里明天停气吗", True),
    ("2029-07-01", "岩内村明天停电吗", True),
    ("2029-07-01", "城内村明天停电吗", False),
    ("2029-07-04", "海虹社区明天几点停电", True),
    ("2029-07-06", "鼓楼区五四路明晚停水吗", True),
    ("2029-07-08", "乌涂村明天停电吗", True),
    ("2029-07-10", "金尚路明天上午停电吗", True),
    ("2029-07-11", "育秀东路这几天晚上停水吗", True),
    ("2029-07-15", "井城村明天停电吗", False),
    ("2029-07-15", "铁山村明天停电吗", True),
    ("2029-07-19", "巡司顶明天停电吗", True),
    ("2029-07-21", "叶厝社区明天停水吗", True),
    ("2029-07-23", "兴旺社区明天停水吗", True),
    ("2029-07-23", "兴旺社区明天停气吗", False),
    ("2029-07-23", "兴旺社区后天停气吗", True),
    ("2029-07-25", "明天吕厝社区停电吗", True),
    ("2029-07-29", "前埔二里明天停电吗", True),
    ("2029-07-31", "龙阳大道明晚停水吗", True),
    ("2029-08-04", "厦禾路1100号明天停电吗", True),
    ("2029-08-04", "厦禾路1101号明天停电吗", False),
    ("2029-08-08", "锦园社区8月9号停水吗", True),
    ("2029-08-06", "锦园社区明天停水吗", False),
    ("2029-08-11", "许厝村明天停电吗", False),
    ("2029-08-13", "大同路后天晚上停电吗", True),
    ("2029-08-20", "枋湖社区明天停气吗", True),
    ("2029-08-26", "文屏路这两天停电吗", True),
    ("2029-08-30", "温厝社区这周六停水吗", True),
    ("2029-09-02", "云头村后天停电吗", True),
    ("2029-09-05", "巷南社区明晚停水吗", True),
    ("2029-09-08", "兴隆社区明天停气吗", True),
    ("2029-06-24", "同安白交祠村明天停电吗", True),
    ("2029-08-30", "海沧温厝社区周六停水吗", True),
]


#: outages4's second round (26 questions about its 24 notices, written before running; 2 wrong first: 莲坂社区's line printed above the
#: window, 我小区 read as a place; 禹洲尊海明天停水吗, an estate's name ending as no place's does, left: README Known gaps).
QUESTIONS_OUTAGES4_R2 = [  # (today, query, affected?)
    ("2029-09-11", "官任社区明天停电吗", True),
    ("2029-09-14", "东屿社区今晚停水吗", True),
    ("2029-09-14", "东屿社区明天早上有水吗", True),
    ("2029-09-15", "侨英社区明天停气吗", True),
    ("2029-09-17", "乐海社区明天停水吗", False),
    ("2029-09-19", "乐海社区明天停水吗", True),
    ("2029-09-21", "思明区莲花南路明天停电吗", True),
    ("2029-09-21", "湖里区莲花南路明天停电吗", False),
    ("2029-09-28", "三秀山村明天停电吗", True),
    ("2029-10-03", "刘五店社区后天停电吗", True),
    ("2029-10-05", "寨上社区明天下午停电吗", True),
    ("2029-10-05", "湖里寨上社区明天停电吗", True),
    ("2029-10-09", "后许村明天停电吗", True),
    ("2029-10-11", "贞庵村这几天停电吗", True),
    ("2029-10-15", "莲坂社区明天停电吗", False),
    ("2029-10-17", "江头街道明晚水压低吗", True),
    ("2029-10-19", "瑞景公园明天停气吗", True),
    ("2029-10-21", "三社村明天停电吗", True),
    ("2029-10-23", "湖里区嘉禾路明天停水吗", True),
    ("2029-10-25", "后溪村明天停电吗", True),
    ("2029-10-27", "云杉苑明天停电吗", True),
    ("2029-10-27", "海屿湾小区明天停电吗", True),
    ("2029-10-29", "鼓浪屿泉州路明天停电吗", True),
    ("2029-11-01", "祥露社区明天停水吗", False),
    ("2029-11-01", "祥露社区后天停水吗", True),
]


#: outages4's third round (14 questions about its 12 notices, written before running; 1 wrong first: 林和西路, printed after 广州市天河区).
QUESTIONS_OUTAGES4_R3 = [  # (today, query, affected?)
    ("2029-11-07", "莲花北村今晚停水吗", True),
    ("2029-11-07", "福田区莲花北村明早停水吗", True),
    ("2029-11-08", "上头村明天停电吗", True),
    ("2029-11-10", "前格村明天停电吗", True),
    ("2029-11-13", "县后社区今天停电吗", True),
    ("2029-11-14", "西林社区后天停水吗", True),
    ("2029-11-17", "海新社区明天下午停气吗", True),
    ("2029-11-19", "大嶝街道明天停电吗", True),
    ("2029-11-20", "金林湾花园明天停电吗", True),
    ("2029-11-22", "柑岭村后天停电吗", True),
    ("2029-11-24", "杏锦路明天停水吗", True),
    ("2029-11-26", "赵厝村明天停电吗", True),
    ("2029-11-26", "翔安赵厝村明天会停电不", True),
    ("2029-11-04", "林和西路明天停电吗", True),
]


@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS_OUTAGES4 + QUESTIONS_OUTAGES4_R2 + QUESTIONS_OUTAGES4_R3)
def test_questions_about_the_outages4_notices(engine, today: str, query: str, affected: bool) -> None:
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(engine, query, date.fromisoformat(today))
    assert answer is not None and answer.as_json()["affected"] is affected, query


#: outages5 (session 12): 52 questions about its 43 notices and the Known gaps it took on (禹洲尊海, 国贸天琴湾), written before
#: running; 3 wrong first: 湖光路今晚 my expectation (its window is the next night), and another city's short name before its
#: district or road (广州白云区齐富路, 漳州延安北路) read as part of the place.
QUESTIONS_OUTAGES5 = [  # (today, query, affected?)
    ("2030-01-07", "广州白云区齐富路明天停电吗", True),
    ("2030-01-09", "前埔北区一里明晚停水吗", True),
    ("2030-01-10", "莲前东路今晚停水吗", True),
    ("2030-01-11", "金尚路明天停气吗", True),
    ("2030-01-11", "金尚路明天有燃气吗", True),
    ("2030-01-14", "三秀路明天停电吗", True),
    ("2030-01-14", "城南村明天会停电不", True),
    ("2030-01-15", "宁海一里这几天停电吗", True),
    ("2030-01-19", "宁海二里明天停电吗", False),
    ("2030-01-18", "大宅村明天停电吗", True),
    ("2030-01-21", "霞阳村明天停电吗", True),
    ("2030-01-21", "祥露社区明天停电吗", False),
    ("2030-01-23", "沙坡尾片区明天还停电吗", False),
    ("2030-01-23", "大学路明天停电吗", True),
    ("2030-01-27", "金湖三里明天停电吗", False),
    ("2030-01-29", "金湖三里明天停电吗", True),
    ("2030-02-25", "凤林社区明天停水吗", False),
    ("2030-02-26", "凤林社区明天停水吗", True),
    ("2030-03-01", "围里社区明天停水吗", True),
    ("2030-03-03", "漳州延安北路明晚停水吗", True),
    ("2030-03-05", "乐安社区明天停气吗", True),
    ("2030-03-07", "小坪村明天停电吗", True),
    ("2030-03-09", "镇海路今晚停电吗", True),
    ("2030-03-10", "兴隆路明天停电吗", True),
    ("2030-03-10", "厦禾路503号后天停电吗", True),
    ("2030-03-12", "官路村明天停电吗", True),
    ("2030-03-14", "温厝社区明天停电吗", False),
    ("2030-03-14", "温厝社区后天停电吗", True),
    ("2030-03-20", "鼎美村这两天停电吗", True),
    ("2030-03-22", "西林社区下周一停电吗", True),
    ("2030-03-22", "前埔东社区下周二停电吗", True),
    ("2030-03-28", "台湾街明天停水吗", True),
    ("2030-04-01", "丰泽区东海湾社区明天停气吗", True),
    ("2030-04-03", "浦口村明天停电吗", False),
    ("2030-04-03", "三社村明天停电吗", True),
    ("2030-04-05", "金域华府明天停水吗", True),
    ("2030-04-07", "建发央誉明天停水吗", True),
    ("2030-04-07", "联发天境明天有水吗", True),
    ("2030-04-09", "兴华社区明天停电吗", True),
    ("2030-04-11", "湖光路今晚停水吗", True),
    ("2030-04-11", "叶厝社区明天停气吗", True),
    ("2030-04-14", "苏厝村明天停电吗", True),
    ("2030-04-16", "海虹社区明天停电吗", True),
    ("2030-04-18", "吕厝社区明天停电吗", True),
    ("2030-04-21", "升平路明天凌晨停水吗", True),
    ("2030-04-22", "丙洲社区这周停电吗", True),
    ("2030-04-27", "莲坂社区明天停电吗", False),
    ("2030-04-20", "丙洲社区24号停电吗", True),
    ("2029-09-30", "禹洲尊海明天停水吗", False),
    ("2029-10-01", "禹洲尊海明天停水吗", True),
    ("2029-05-28", "国贸天琴湾下周停电吗", False),
    ("2029-05-25", "国贸天琴湾下周停电吗", True),
]


#: outages5's second round: 40 questions about its 25 notices, written before running; 4 wrong first: 古宅村 and 海天路 (their
#: notices read wrong: a rain clause between the day and its hours, a second power line's row of places), 岑头社区后天 my
#: expectation (a day off), and 槟榔社区明天停水吗 (only its pressure drops: the lookup answers reduced pressure as affected, by design,
#: showing 降压供水; my expectation was no).
QUESTIONS_OUTAGES5_R2 = [  # (today, query, affected?)
    ("2030-05-05", "囷瑶村明天停电吗", True),
    ("2030-05-05", "后井村明天下午停电不", True),
    ("2030-05-06", "石塘村明儿停电吗", True),
    ("2030-05-07", "塘边社区明天停电吗", True),
    ("2030-05-06", "华荣路星期三停电吗", True),
    ("2030-05-10", "金榜社区今晚停水吗", True),
    ("2030-05-10", "文园路明早有水吗", True),
    ("2030-05-10", "瑞景新村这周日停电吗", True),
    ("2030-05-12", "马垅社区明天有燃气吗", True),
    ("2030-05-13", "岑头社区后天停水吗", True),
    ("2030-05-13", "造水村这周五停电吗", True),
    ("2030-05-13", "隘头村这周六停电吗", True),
    ("2030-05-13", "隘头村这周五停电吗", False),
    ("2030-05-18", "古宅村下周一停电吗", True),
    ("2030-05-21", "上头村明天还停电吗", False),
    ("2030-05-21", "深青村明天停电吗", True),
    ("2030-05-23", "五星村明天停电吗", False),
    ("2030-05-23", "五星村后天停电吗", True),
    ("2030-05-26", "穆厝社区明天停电吗", True),
    ("2030-05-26", "枋湖社区明天停电吗", False),
    ("2030-05-28", "中山社区明天停电吗", True),
    ("2030-05-28", "金尚社区后天停电吗", True),
    ("2030-05-29", "三秀社区这周末停电吗", True),
    ("2030-05-30", "叶厝社区下周一停电吗", True),
    ("2030-06-01", "巡司頂4号停電嗎", True),
    ("2030-06-03", "碧山路明天停电吗", True),
    ("2030-06-05", "贞庵村这两天停电吗", True),
    ("2030-06-02", "贞庵村端午停电吗", False),
    ("2030-06-05", "江村社区这周六下午停水吗", True),
    ("2030-06-09", "后溪村明天停电吗", True),
    ("2030-06-09", "后溪村这两天停电吗", True),
    ("2030-06-12", "莲塘村明天停电吗", True),
    ("2030-06-14", "港中路明天停电吗", True),
    ("2030-06-14", "海天路明天停电吗", True),
    ("2030-06-16", "郭山村明天停水吗", True),
    ("2030-06-18", "振兴社区明天停水吗", True),
    ("2030-06-18", "槟榔社区明天停水吗", True),
    ("2030-06-18", "槟榔社区明天水压低吗", True),
    ("2030-05-05", "帮我查下海沧区海沧街道囷瑶村明天是不是要停电", True),
    ("2030-06-05", "请问一下湖里江头街道江村社区8号会停水吗谢谢", True),
]


#: outages5's third round: 13 questions about its 11 notices, written before running (after the rule for a place's day moved with
#: no first day was written: outages4 left it, README Known gaps); none wrong.
QUESTIONS_OUTAGES5_R3 = [  # (today, query, affected?)
    ("2030-07-01", "高林社区明天停电吗", False),
    ("2030-07-03", "高林社区明天停电吗", True),
    ("2030-07-01", "金林社区明天停电吗", True),
    ("2030-07-07", "宁海三里明天停水吗", False),
    ("2030-07-09", "宁海三里明天停水吗", True),
    ("2030-07-11", "兴旺社区明天上午停电吗", True),
    ("2030-07-13", "后埔社区明天停水吗", True),
    ("2030-07-13", "后埔社区这几天停水吗", True),
    ("2030-07-18", "龙山社区今晚停水吗", True),
    ("2030-07-19", "西滨社区明天有燃气吗", True),
    ("2030-07-21", "前埔西社区明天停电吗", True),
    ("2030-07-23", "乌涂村明天停电吗", False),
    ("2030-07-23", "柑岭村明天停电吗", True),
]


#: outages5's fourth round: 34 questions a resident types about the rounds' notices (礼拜, 大后天, 八号下午, 端午, a district's and a
#: town's short names, 我家住…, 要是下雨, 十一点后, 哪几天, 停不停电), written before running; 7 wrong first: 1 mine (李林村 asked on a
#: day before its window), 翔安建发央誉 and 翔安新店大宅村/集美杏林宁海一里 (a district's and a town's short names before the place),
#: 十一点后 (a time's 后 left in the place), 哪几天, 要是下雨.
QUESTIONS_OUTAGES5_R4 = [  # (today, query, affected?)
    ("2030-05-29", "三秀社区这礼拜六停电吗", True),
    ("2030-05-29", "三秀社区礼拜天停电吗", True),
    ("2030-05-28", "同安大同街道三秀社区周日会停电吗", True),
    ("2030-05-26", "穆厝社区下礼拜一停电吗", True),
    ("2030-05-24", "穆厝社区大后天停电吗", True),
    ("2030-06-01", "江村社区8号停水吗", True),
    ("2030-06-01", "江村社区八号下午会不会停水", True),
    ("2030-06-01", "江村社区七号停水吗", False),
    ("2030-06-03", "贞庵村端午节停电吗", False),
    ("2030-06-04", "贞庵村6月6号到7号停电吗", True),
    ("2030-06-12", "莲塘村明天上午十点有电吗", True),
    ("2030-04-05", "万科金域华府明天停水吗", True),
    ("2030-04-07", "我家住建发央誉，明天停水吗", True),
    ("2030-04-07", "翔安建发央誉明天停水吗", True),
    ("2030-01-09", "前埔北区二里明晚会停水吗", True),
    ("2030-01-18", "翔安新店大宅村明天停电吗", True),
    ("2030-01-18", "大宅村明天要是下雨还停电吗", True),
    ("2030-03-08", "镇海路明晚十一点后停电吗", True),
    ("2030-03-10", "厦禾路502号后天停电吗", False),
    ("2030-01-15", "宁海一里最近三天停电吗", True),
    ("2030-01-15", "集美杏林宁海一里这几天上午停电吗", True),
    ("2030-04-23", "丙洲社区这周哪几天停电", True),
    ("2030-04-23", "丙洲社区几号停电", True),
    ("2030-07-03", "高林社区明天几点停电", True),
    ("2030-07-03", "高林社区后天停电吗", False),
    ("2030-03-26", "台湾街这周五晚上停水吗", True),
    ("2030-03-29", "吕岭路今晚停水吗", True),
    ("2030-03-19", "李林村今天恢复供电了吗", True),
    ("2030-05-21", "深青村明天停不停电", True),
    ("2030-05-21", "上头村明天停不停电", False),
    ("2030-06-14", "东渡路明儿停电不", True),
    ("2030-04-09", "兴华社区明天停电吗？", True),
    ("2030-04-09", "殿前街道明天停电吗", True),
    ("2030-04-09", "湖里区明天哪里停电", True),
]


@pytest.mark.parametrize(("query", "area", "day"), [
    ("翔安新店大宅村明天停电吗", "翔安区大宅村", "2030-01-19"), ("集美杏林宁海一里明天停电吗", "集美区宁海一里", "2030-01-19"),
    ("海沧新阳街道海新社区明天停气吗", "海沧区新阳街道海新社区", "2030-01-19"), ("同安郭山村明天停水吗", "同安区郭山村", "2030-01-19"),
    ("集美学村明天停电吗", "集美学村", "2030-01-19"), ("思明南路明天停电吗", "思明南路", "2030-01-19"),
    ("镇海路明晚十一点后停电吗", "镇海路", "2030-01-19"), ("镇海路明天8点以前停电吗", "镇海路", "2030-01-19"),
    ("明天8点后埔社区停水吗", "后埔社区", "2030-01-19"), ("明天8点前埔社区停水吗", "前埔社区", "2030-01-19"),
    ("大宅村明天要是下雨还停电吗", "大宅村", "2030-01-19"), ("丙洲社区明天哪几个小时停电", "丙洲社区", "2030-01-19"),
    ("湖里禾山坂美社区明天停水吗", "湖里区坂美社区", "2030-01-19"), ("坂美社区明天几点开始停水", "坂美社区", "2030-01-19"),
    ("海发社区明天有没有天然气", "海发社区", "2030-01-19"), ("海沧温厝社区明天停水吗", "海沧区温厝社区", "2030-01-19"),
])
def test_places_and_days_of_phone_typed_questions(query: str, area: str, day: str) -> None:
    from gongkai.outage_question import read_outage_question

    question = read_outage_question(query, date(2030, 1, 18))
    assert question is not None and (question.area, question.day) == (area, date.fromisoformat(day)), query


#: outages5's fifth round: 15 questions about its 12 notices, written before running; 4 wrong first, each a notice read wrong (3 of
#: 12): two labels above a table's rows (以下区域停电：, the header cell 停电范围) taken for one list a window, 五缘湾泗水道 one name,
#: 海后路临时 (临时停电) a place.
QUESTIONS_OUTAGES5_R5 = [  # (today, query, affected?)
    ("2030-08-04", "乐海社区明天停电吗", True),
    ("2030-08-05", "西亭社区明天停电吗", True),
    ("2030-08-12", "洪塘村今晚停电吗", True),
    ("2030-08-12", "过坂村明早有电吗", True),
    ("2030-08-14", "坂美社区明天停水吗", True),
    ("2030-08-16", "西山社区明天停电吗", True),
    ("2030-08-18", "美仁社区明天停电吗", True),
    ("2030-08-18", "东港社区明天停电吗", False),
    ("2030-08-21", "莲花五村明天停水吗", True),
    ("2030-08-20", "洪厝社区周六停电吗", True),
    ("2030-08-25", "泗水道明天停电吗", True),
    ("2030-08-28", "海后路现在停电吗", True),
    ("2030-09-01", "钟宅社区明天停电吗", False),
    ("2030-09-03", "海发社区这周末有燃气吗", True),
    ("2030-09-03", "海沧海发社区周末停气吗", True),
]


def test_labels_above_a_tables_rows_a_bays_area_before_its_road_and_an_emergency() -> None:
    """将对以下区域停电： then a table's header cells (停电时间 / 停电范围) are not one list per window (both windows had no place); 五缘湾
    before a road is where the road lies (泗水道567-601号); 海后路临时停电 is 海后路."""
    from gongkai.outage_areas import clean_area
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停电公告\n因电网检修，国网厦门供电公司将对以下区域停电：\n停电时间\n停电范围\n2030年8月5日 8:00-17:00\n"
                         "集美区侨英街道孙厝社区、乐海社区\n2030年8月6日 9:00-12:00\n集美区杏滨街道西亭社区\n国网厦门供电公司", date(2030, 8, 1), "power")
    assert [[area.name for area in event.areas] for event in events] == [["孙厝社区", "乐海社区"], ["西亭社区"]]
    area = clean_area("五缘湾泗水道567-601号")
    assert area is not None and (area.subdistrict, area.name, area.numbers) == ("五缘湾", "泗水道", "567-601号")
    for kept in ("五缘湾北二路", "杏林湾路", "五缘湾道", "天琴湾"):
        assert clean_area(kept).name == kept  # type: ignore[union-attr]
    [event] = find_events("临时停电通知\n因设备故障抢修，今日13:00-18:00思明区鹭江街道镇邦路、海后路临时停电。\n国网厦门供电公司\n2030年8月28日",
                          date(2030, 8, 28), "power")
    assert [area.name for area in event.areas] == ["镇邦路", "海后路"]
    assert [clean_area(printed).name for printed in ("东山村等村", "厦门大学等地", "兴隆社区等社区")] == ["东山村", "厦门大学", "兴隆社区"]  # type: ignore[union-attr]


#: outages5's sixth round: 24 questions (several places, 岛内/岛外, a district's and a town's short names, 有没有天然气, 几点开始, a
#: place on both sides of the question), written before running; 8 wrong first: 4 a town's short name before a community of four
#: characters (禾山坂美社区 was one name), 有没有天然气 no outage word, 几点开始, 城南村明天停电吗？三秀路呢 (one place 城南村三秀路);
#: 洪厝社区明天一整天都停电吗 left (都 before the outage word stays in the place: README Known gaps).
QUESTIONS_OUTAGES5_R6 = [  # (today, query, affected?)
    ("2030-08-04", "乐海社区和孙厝社区明天停电吗", True),
    ("2030-08-04", "集美侨英乐海社区明天停电吗", True),
    ("2030-08-04", "明天集美区哪里停电", True),
    ("2030-08-04", "明天岛外停电吗", True),
    ("2030-08-04", "明天岛内停电吗", False),
    ("2030-08-11", "洪塘村12号晚上停电吗", True),
    ("2030-08-11", "海沧东孚洪塘村明晚停电吗", True),
    ("2030-08-14", "坂美社区明天几点开始停水", True),
    ("2030-08-14", "湖里禾山坂美社区明天停水吗", True),
    ("2030-08-16", "西山社区周六停电吗", True),
    ("2030-08-16", "同安祥平西山社区明天停电吗", True),
    ("2030-08-18", "美仁社区明天上午会不会停电呀", True),
    ("2030-08-18", "美仁社区、东港社区这两天停电吗", True),
    ("2030-08-23", "翔安新店洪厝社区明天停电吗", True),
    ("2030-08-25", "五缘湾泗水道明天停电吗", True),
    ("2030-08-25", "泗水道580号明天停电吗", True),
    ("2030-08-28", "海后路今天下午停电吗", True),
    ("2030-08-28", "鹭江街道今天停电吗", True),
    ("2030-09-05", "海发社区下周末停气吗", False),
    ("2030-09-05", "海发社区这个周末停气吗", True),
    ("2030-09-05", "海发社区周六周日有没有天然气", True),
    ("2030-01-14", "城南村明天停电吗？三秀路呢", True),
    ("2030-04-07", "联发天境明天几点停水", True),
]


#: outages5's seventh round: 13 questions about its 12 notices, written before running; 1 wrong first, its notice read wrong:
#: 东山村等村停电 (等村 was part of the place: outage_areas._TRAILING).
QUESTIONS_OUTAGES5_R7 = [  # (today, query, affected?)
    ("2030-09-09", "兴隆社区明天停电吗", True),
    ("2030-09-12", "湖滨社区今晚停水吗", True),
    ("2030-09-12", "湖滨社区明早有水吗", True),
    ("2030-09-13", "禾山村明天下午停电吗", True),
    ("2030-09-15", "金湖社区明天上午停电吗", True),
    ("2030-09-17", "欧厝社区明天停电吗", True),
    ("2030-09-19", "田头村明天停电吗", True),
    ("2030-09-21", "新阳居住区明天停气吗", True),
    ("2030-09-23", "文园社区明天停电吗", True),
    ("2030-09-24", "汀溪村明天停电吗", True),
    ("2030-09-25", "东山村明后天停电吗", True),
    ("2030-09-27", "城内村明天停电吗", False),
    ("2030-09-28", "城内村明天停电吗", True),
]


#: outages5's eighth round: 9 questions about its 8 notices, written before running; 2 wrong first: another city's short name
#: before a community (漳州朝阳社区) and before a name no rule reads (福州东街口, asked of the notices as 东街口).
QUESTIONS_OUTAGES5_R8 = [  # (today, query, affected?)
    ("2030-10-08", "福州东街口今晚停水吗", True),
    ("2030-10-09", "丰泽区普明社区明天停电吗", True),
    ("2030-10-11", "漳州朝阳社区明天停气吗", True),
    ("2030-10-14", "科技园社区今晚停水吗", True),
    ("2030-10-15", "新罗区龙腾社区明天停电吗", True),
    ("2030-10-17", "东岩社区明天停电吗", False),
    ("2030-10-17", "延寿社区明天停电吗", True),
    ("2030-10-20", "前埔北社区明天停水吗", True),
    ("2030-10-20", "园山社区明天有水吗", True),
]


#: outages6 (session 13): 58 questions about its 41 notices, written before running (今晚, 明天早上, 后天, 下周一/二, 这周末, 这周六,
#: 这几天, 7号, 五一期间, 明天要是下雨, 一整天都, another city's short name before a community); 13 wrong first: 都 kept in the place
#: (上塘社区都), 汕头/宁波/东莞/杭州/晋江 before a community (no notice prints 汕头金泰社区), and the notices read wrong (a moved
#: day in prose, a place cancelled in part, 全天 in the name, 晋江市 before its 街道).
QUESTIONS_OUTAGES6 = [  # (today, query, affected?)
    ("2031-03-04", "汕头金泰社区今晚停水吗", True),
    ("2031-03-04", "金晖社区明天早上有水吗", True),
    ("2031-03-03", "金泰社区明天停水吗", True),
    ("2031-03-05", "瑞景社区明天下午停电吗", True),
    ("2031-03-05", "洪文社区明天会停电吗", True),
    ("2031-03-07", "内林社区明天停水吗", True),
    ("2031-03-08", "内林社区明天停水吗", False),
    ("2031-03-08", "内林社区后天停水吗", True),
    ("2031-03-10", "舫山村明天停电吗", True),
    ("2031-03-10", "五星村明天要是下雨还停电吗", True),
    ("2031-03-12", "高殿社区明天停气吗", True),
    ("2031-03-12", "寨上社区明天有燃气吗", False),
    ("2031-03-13", "寨上社区明天有燃气吗", True),
    ("2031-03-17", "东屿社区明天停气吗", False),
    ("2031-03-17", "东屿社区20号停气吗", True),
    ("2031-03-20", "碧岳社区明天停水吗", False),
    ("2031-03-20", "三秀山社区明天停水吗", True),
    ("2031-03-21", "福州瀛洲社区明天停气吗", True),
    ("2031-03-24", "宁波华泰社区今晚停水吗", True),
    ("2031-03-22", "布塘村下周二停电吗", True),
    ("2031-03-24", "布塘村这几天停电吗", True),
    ("2031-03-25", "后坑社区明天几点停电", True),
    ("2031-03-25", "湖边社区明天下午停电吗", True),
    ("2031-03-26", "都市花园明天停水吗", True),
    ("2031-03-26", "京都大厦明天停水吗", True),
    ("2031-03-27", "上塘社区明天一整天都停电吗", True),
    ("2031-03-27", "上塘社区明天都停电吗", True),
    ("2031-03-28", "祥露社区明天停水吗", True),
    ("2031-04-02", "茂林社区这周末停气吗", True),
    ("2031-04-02", "茂林社区周日有天然气吗", True),
    ("2031-04-02", "茂林社区下周一停气吗", False),
    ("2031-04-03", "苏店村7号停电吗", True),
    ("2031-04-07", "岩内村后天停电吗", True),
    ("2031-04-09", "江头社区后天停水吗", True),
    ("2031-04-10", "江头社区今晚停水吗", True),
    ("2031-04-11", "莲塘村明天停电吗", False),
    ("2031-04-11", "赵岗村明天停电吗", True),
    ("2031-04-10", "曾厝垵社区下周一停电吗", True),
    ("2031-04-10", "曾厝垵社区下周二下午停电吗", True),
    ("2031-04-15", "莆田宫口社区明天停水吗", True),
    ("2031-04-16", "金尚社区明天停电吗", True),
    ("2031-04-17", "温厝社区明天停水吗", False),
    ("2031-04-17", "温厝社区后天停水吗", True),
    ("2031-04-18", "巡司顶社区后天停电吗", True),
    ("2031-04-20", "叶厝社区后天凌晨停气吗", True),
    ("2031-04-22", "阳翟社区明天停电吗", True),
    ("2031-04-22", "祥桥社区明天停电吗", False),
    ("2031-04-23", "东莞宏图社区明天停水吗", True),
    ("2031-04-24", "镇海社区明天停气吗", True),
    ("2031-04-22", "鼎美村这周六停电吗", True),
    ("2031-04-22", "鼎美村下周一停电吗", False),
    ("2031-04-27", "军营村这几天停电吗", True),
    ("2031-05-01", "西滨社区3号停水吗", True),
    ("2031-05-01", "日东社区五一期间停水吗", True),
    ("2031-05-06", "杭州德加社区今晚停水吗", True),
    ("2031-05-08", "东辉村明天停电吗", False),
    ("2031-05-08", "李厝村明天停电吗", True),
    ("2031-05-11", "晋江阳光社区明天停气吗", True),
]


#: outages6's second round: 27 questions about its 20 notices, written before running; 3 wrong first, each a notice read wrong
#: (三忠村 under a 【同安区】 heading, 厦禾路102号 beside 厦禾路（1-299号单号）, 镇邦社区 of a notice cancelled by its day in a bracket).
QUESTIONS_OUTAGES6_R2 = [  # (today, query, affected?)
    ("2031-06-02", "美仁社区明天停电吗", True),
    ("2031-06-02", "溪岸社区后天上午停电吗", True),
    ("2031-06-05", "塘边社区明天停电吗", False),
    ("2031-06-06", "塘边社区明天停电吗", True),
    ("2031-06-08", "西柯社区明晚停水吗", True),
    ("2031-06-08", "西柯社区这几天晚上停水吗", True),
    ("2031-06-11", "孙厝社区明天停电吗", True),
    ("2031-06-13", "海虹社区明天停电吗", True),
    ("2031-06-15", "后埔社区今天停水吗", True),
    ("2031-06-16", "田墘社区这周四停电吗", True),
    ("2031-06-16", "田墘社区礼拜四有电吗", True),
    ("2031-06-16", "三忠村这周五停电吗", True),
    ("2031-06-19", "李林村明天停电吗", True),
    ("2031-06-18", "莲华社区这周日停气吗", True),
    ("2031-06-18", "莲华社区这周六停气吗", False),
    ("2031-06-24", "锦园社区今晚停电吗", True),
    ("2031-06-25", "美仁新村明天停水吗", True),
    ("2031-06-25", "厦禾路101号明天停水吗", True),
    ("2031-06-25", "厦禾路102号明天停水吗", False),
    ("2031-06-25", "青礁村大后天停电吗", True),
    ("2031-06-30", "诗坂村明天停电吗", True),
    ("2031-07-01", "金湖二里后天停水吗", True),
    ("2031-07-04", "漳州西湖社区明晚停水吗", True),
    ("2031-07-07", "镇邦社区明天停水吗", False),
    ("2031-07-07", "打铜社区明天停水吗", True),
    ("2031-07-08", "祥平社区这周六停气吗", True),
    ("2031-07-08", "祥平社区12号停气吗", True),
]


#: outages6's third round: 30 phone questions about the rounds' notices (下礼拜一要停电不, 请问一下…8号, 4月29号有电没, 能用燃气吗,
#: 几点来电, 停不停电啊, 几个地方一问), written before running; 2 wrong first, 1 expectation of mine wrong: 请问一下内林社区 (一下 before a
#: one-character word stayed in the place) and 后天茂林社区能用燃气吗 (能用燃气 was no outage word).
QUESTIONS_OUTAGES6_R3 = [  # (today, query, affected?)
    ("2031-04-10", "我住在曾厝垵社区，下礼拜一要停电不", True),
    ("2031-03-06", "请问一下内林社区8号会停水吗", True),
    ("2031-04-27", "军营村4月29号有电没", True),
    ("2031-04-04", "后天茂林社区能用燃气吗", True),
    ("2031-03-27", "明天早上8点半上塘社区停电吗", True),
    ("2031-03-22", "下周二布塘村几点来电", True),
    ("2031-04-22", "周六鼎美村停不停电啊", True),
    ("2031-04-02", "这个礼拜六茂林社区停气吗", True),
    ("2031-03-04", "瑞景社区6号下午有电吗", True),
    ("2031-03-07", "内林社区这周哪几天停水", True),
    ("2031-04-08", "江头社区周四晚上停水吗", True),
    ("2031-04-17", "叶厝社区下周一晚上停气吗", True),
    ("2031-04-15", "金尚社区17号停电吗", True),
    ("2031-04-14", "宫口社区后天停不停水", True),
    ("2031-05-06", "德加社区今天晚上有水吗", True),
    ("2031-03-17", "东屿社区20号有没有燃气", True),
    ("2031-06-13", "明天海虹社区会不会停电", True),
    ("2031-06-16", "田墘社区这礼拜四几点停电", True),
    ("2031-06-08", "西柯社区下周一晚上停水吗", True),
    ("2031-06-08", "西柯社区下周五停水吗", False),
    ("2031-06-21", "莲华社区明天全天停气吗", True),
    ("2031-07-09", "中山社区明晚停水吗", True),
    ("2031-07-10", "祥平社区后天停气吗", True),
    ("2031-07-02", "漳州西湖社区这周六停水吗", True),
    ("2031-03-25", "都市花园和京都大厦后天停水吗", True),
    ("2031-03-26", "京都大厦明天也停水吗", True),
    ("2031-03-10", "舫山村、五星村明天停电吗", True),
    ("2031-05-08", "李厝村和东辉村明天停电吗", True),
    ("2031-04-19", "沙坡尾社区明天停电吗", True),
    ("2031-03-20", "碧岳社区明天还停水吗", False),
]


#: outages6's fourth round: 13 questions about its 12 notices, written before running; 1 wrong first, its notice read wrong:
#: 受台风影响，原定7月25日海沧区…海新社区的停水取消，具体时间另行通知 (the day read twice, the cause taken for the place, the places after
#: the day dropped as a title's rest because the sentence ended in 通知).
QUESTIONS_OUTAGES6_R4 = [  # (today, query, affected?)
    ("2031-07-13", "洪厝社区明天一整天都停电吗", True),
    ("2031-07-14", "造水村明天下午停电吗", True),
    ("2031-07-15", "兴隆社区明天上午有水吗", True),
    ("2031-07-16", "凤林社区明天凌晨停气吗", True),
    ("2031-07-17", "柑岭村明天停电吗", True),
    ("2031-07-19", "官任社区今晚停水吗", True),
    ("2031-07-18", "官任社区后天晚上停水吗", True),
    ("2031-07-17", "双十社区下周二停电吗", True),
    ("2031-07-17", "枋湖社区下周一停电吗", True),
    ("2031-07-22", "岭兜社区明天停电吗", True),
    ("2031-07-23", "城内村明天停电吗", True),
    ("2031-07-24", "海新社区明天停水吗", False),
    ("2031-07-26", "江村社区明晚停水吗", True),
]


#: outages7 (session 14): 67 questions a phone types about its 41 notices, written before running, days relative to the
#: `today` given (never the day the tests run); 5 wrong first, all of notices read wrong (街 for 街道, a time corrected in
#: quotes, 原定D进行的X停水取消).
QUESTIONS_OUTAGES7 = [  # (today, query, affected?)
    ("2032-03-08", "明溪村明天停电吗", True),
    ("2032-03-07", "溪西村后天停电吗", True),
    ("2032-03-09", "明溪村明天还停电吗", False),
    ("2032-03-05", "3月9号明溪村停电吗", True),
    ("2032-03-09", "华景新城明天停电吗", True),
    ("2032-03-10", "龙口西路明天停电吗", True),
    ("2032-03-12", "莲花五村今晚停水吗", True),
    ("2032-03-12", "莲花五村明天早上有水吗", True),
    ("2032-03-14", "金湖一里明天停气吗", True),
    ("2032-03-13", "金湖二里后天有燃气吗", True),
    ("2032-03-17", "杏滨社区明晚停电吗", True),
    ("2032-03-17", "杏林湾路15号明天停电吗", True),
    ("2032-03-17", "杏林湾路16号明天停电吗", False),
    ("2032-03-22", "洪塘村明天停电吗", False),
    ("2032-03-22", "过坂村明天停电吗", True),
    ("2032-03-24", "后坑社区明天停水吗", False),
    ("2032-03-24", "后坑社区后天停水吗", True),
    ("2032-03-28", "厦禾路100号明天停电吗", True),
    ("2032-03-28", "厦禾路101号明天停电吗", False),
    ("2032-03-28", "厦禾路101号后天停电吗", True),
    ("2032-03-31", "巷南村这两天停电吗", True),
    ("2032-04-01", "巷南村后天停电吗", True),
    ("2032-04-01", "巷南村大后天停电吗", False),
    ("2032-04-07", "内厝澳路这周末停电吗", True),
    ("2032-04-07", "鼓浪屿内厝澳路周六停电吗", True),
    ("2032-04-12", "园山社区明天晚上停电吗", True),
    ("2032-04-14", "田头村明天停气吗", True),
    ("2032-04-14", "井城村明天停气吗", False),
    ("2032-04-14", "井城村后天停气吗", True),
    ("2032-04-15", "景田北街后天停电吗", True),
    ("2032-04-18", "黄厝社区明天停水吗", True),
    ("2032-04-18", "曾厝垵社区明天有水吗", True),
    ("2032-04-19", "丙洲社区明天停电吗", False),
    ("2032-04-19", "丙洲社区22号停电吗", True),
    ("2032-04-20", "华昌路100号明天停电吗", True),
    ("2032-04-20", "华昌路130号明天停电吗", False),
    ("2032-04-22", "前埔北社区明天停电吗", True),
    ("2032-04-22", "古宅村明天停电吗", False),
    ("2032-04-22", "古宅村后天停电吗", True),
    ("2032-04-22", "寨上社区明天上午停电吗", True),
    ("2032-04-28", "岩内村后天停电吗", True),
    ("2032-04-28", "溪岸社区明天停水吗", False),
    ("2032-05-03", "周四赵岗村停水吗", True),
    ("2032-05-05", "赵岗村这几天停水吗", True),
    ("2032-05-01", "5月8号赵岗村停水吗", True),
    ("2032-05-08", "这周末宁海二里停气吗", True),
    ("2032-05-09", "宁海二里今晚停气吗", True),
    ("2032-05-10", "宁海二里今天早上有气吗", True),
    ("2032-05-10", "蟾蜍石东路明天停电吗", True),
    ("2032-05-11", "湖滨北路31号明天停电吗", True),
    ("2032-05-11", "湖滨北路53号明天停电吗", False),
    ("2032-05-13", "金山路明天停电吗", True),
    ("2032-05-13", "金尚路明天停电吗", False),
    ("2032-05-14", "苏店村下周一停水吗", True),
    ("2032-05-16", "苏店村下周六停水吗", False),
    ("2032-05-16", "下周三苏店村停水吗", True),
    ("2032-05-17", "鹭江新城明天停电吗", True),
    ("2032-05-18", "囷瑶村明天停水吗", True),
    ("2032-05-19", "金林湾社区明天上午停电吗", True),
    ("2032-05-24", "坂上社区后天停电吗", True),
    ("2032-05-24", "坂上社区27号停电吗", False),
    ("2032-05-27", "思北社区明天停水吗", True),
    ("2032-05-29", "龙潭村明天停电吗", True),
    ("2032-05-31", "马垅社区今晚停气吗", True),
    ("2032-06-01", "马垅社区明天停气吗", False),
    ("2032-06-01", "东坑村明天停电吗", True),
    ("2032-06-02", "升平路明天停气吗", False),
]


#: outages7's second round: 21 questions about its second round's notices, written before running; 2 wrong first, both my
#: expectations (后天 asked on the 15th is the 17th; 这周 asked on a Sunday is that day).
QUESTIONS_OUTAGES7_R2 = [  # (today, query, affected?)
    ("2032-06-02", "金榜社区明天晚上停电吗", True),
    ("2032-06-03", "金榜社区明天早上有电吗", True),
    ("2032-06-07", "文灶社区明天停电吗", True),
    ("2032-06-07", "槟榔西社区明天下午停电吗", True),
    ("2032-06-08", "浔江社区明后天停水吗", True),
    ("2032-06-10", "前埔南社区明天停电吗", True),
    ("2032-06-10", "洪文社区明天有电吗", True),
    ("2032-06-13", "体育路今晚停水吗", True),
    ("2032-06-14", "城东社区明天停电吗", False),
    ("2032-06-14", "东山社区明天停电吗", True),
    ("2032-06-15", "蔡厝社区明天停水吗", False),
    ("2032-06-15", "蔡厝社区18号停水吗", True),
    ("2032-06-19", "兴华社区明天有燃气吗", True),
    ("2032-06-21", "贞庵社区明天停电吗", True),
    ("2032-06-21", "塘边社区后天停水吗", True),
    ("2032-06-23", "银江路100号明天停电吗", True),
    ("2032-06-23", "银江路200号明天停电吗", False),
    ("2032-06-24", "海虹路明天一整天都停水吗", True),
    ("2032-06-26", "金山社区下周一停电吗", True),
    ("2032-06-27", "美仁社区下周停水吗", True),
    ("2032-07-01", "美仁社区今晚还停水吗", True),
]

#: outages7's third round: 16 questions about its third round's notices, written before running; 4 wrong first, all of
#: notices read wrong (每周二、周四; a day corrected by a notice whose issuer was not read).
QUESTIONS_OUTAGES7_R3 = [  # (today, query, affected?)
    ("2032-07-05", "阳翟社区明天停水吗", True),
    ("2032-07-06", "阳翟社区明天停水吗", False),
    ("2032-07-10", "阳翟社区下周四停水吗", True),
    ("2032-07-07", "田墘社区这两天停电吗", True),
    ("2032-07-09", "田墘社区今天下午有电吗", True),
    ("2032-07-16", "金湖三里今晚停水吗", True),
    ("2032-07-16", "金湖三里明天早上停水吗", True),
    ("2032-07-18", "吕岭路11号明天停电吗", True),
    ("2032-07-18", "吕岭路12号明天停电吗", False),
    ("2032-07-18", "安岭路10号明天停电吗", True),
    ("2032-07-20", "新垵村明天停气吗", False),
    ("2032-07-20", "新垵村后天停气吗", True),
    ("2032-07-25", "后溪村明天停电吗", True),
    ("2032-07-24", "后溪村下周一停电吗", True),
    ("2032-07-22", "请问一下后溪村26号停电吗", True),
    ("2032-07-15", "听说金湖三里明晚停水是真的吗", True),
]

#: outages7's fourth round: 12 questions about its fourth round's notices, written before running; 1 wrong first (连续三天);
#: a 13th, `钟宅社区和石塘社区明天停吗`, asks nothing (停吗 names no utility: a search, as designed).
QUESTIONS_OUTAGES7_R4 = [  # (today, query, affected?)
    ("2032-08-02", "柑岭社区明天停电吗", True),
    ("2032-08-01", "下周二柑岭社区停电吗", True),
    ("2032-08-04", "侨英社区明天下午有水吗", True),
    ("2032-08-05", "大学路15号明天停电吗", True),
    ("2032-08-05", "大学路16号明天停电吗", False),
    ("2032-08-05", "石塘社区这周六停水吗", True),
    ("2032-08-06", "石塘社区周末停水吗", True),
    ("2032-08-09", "钟宅社区今晚停气吗", True),
    ("2032-08-11", "钟宅社区明天停气吗", True),
    ("2032-08-12", "钟宅社区明天停气吗", False),
    ("2032-08-09", "后埔社区明天停电吗", False),
    ("2032-08-10", "植村明天停电吗", True),
]

@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS_OUTAGES7 + QUESTIONS_OUTAGES7_R2 + QUESTIONS_OUTAGES7_R3 + QUESTIONS_OUTAGES7_R4)
def test_questions_about_the_outages7_notices(engine, today: str, query: str, affected: bool) -> None:
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(engine, query, date.fromisoformat(today))
    assert answer is not None and answer.as_json()["affected"] is affected, query


@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS_OUTAGES6 + QUESTIONS_OUTAGES6_R2 + QUESTIONS_OUTAGES6_R3 + QUESTIONS_OUTAGES6_R4)
def test_questions_about_the_outages6_notices(engine, today: str, query: str, affected: bool) -> None:
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(engine, query, date.fromisoformat(today))
    assert answer is not None and answer.as_json()["affected"] is affected, query


#: outages8 (session 15): 75 questions a phone types about its 45 notices, written before running, days relative to the `today`
#: given (never the day the tests run); 5 wrong first, all of notices read wrong (石湾镇街道, 发布的X停水通知 corrected, one clock
#: over day lines, 照常停电).
QUESTIONS_OUTAGES8 = [  # (today, query, affected?)
    ("2033-01-09", "东风路明天停电吗", True),
    ("2033-01-10", "紫洞村明天停电吗", True),
    ("2033-01-10", "罗格村后天停电吗", False),
    ("2033-01-11", "屏基村明天停电吗", True),
    ("2033-01-12", "杨家牌楼社区明天停电吗", False),
    ("2033-01-13", "东梅社区明天是否停水", True),
    ("2033-01-12", "东星社区后天停水吗", True),
    ("2033-01-15", "冶山社区明天有气吗", True),
    ("2033-01-14", "冶山社区这周末停气吗", True),
    ("2033-01-19", "冶山社区明天停气吗", False),
    ("2033-01-19", "汀溪村明天停电吗", True),
    ("2033-01-19", "褒美村后天停电吗", True),
    ("2033-01-31", "台湾街明天停电吗", True),
    ("2033-01-31", "枋钟路明天停电吗", False),
    ("2033-01-31", "枋钟路后天停电吗", True),
    ("2033-01-27", "江头西路下周四停电吗", True),
    ("2033-02-05", "五缘湾社区今晚停水吗", True),
    ("2033-02-04", "瑞景社区明天停水吗", False),
    ("2033-02-04", "瑞景社区明天停电吗", True),
    ("2033-02-04", "叶厝社区后天停气吗", True),
    ("2033-02-07", "长塘村明天停电吗", True),
    ("2033-02-08", "仙葫大道明天停电吗", True),
    ("2033-02-10", "祥坂社区今晚停水吗", True),
    ("2033-02-13", "芸美村明天停电吗", False),
    ("2033-02-16", "内林社区明天停水吗", True),
    ("2033-02-15", "内林社区明天停水吗", False),
    ("2033-02-17", "金柄村明天停电吗", True),
    ("2033-02-17", "官路村明天会停电吗", True),
    ("2033-02-16", "琼头村18号停电吗", True),
    ("2033-02-19", "颐和路明天停电吗", True),
    ("2033-02-19", "江苏路20号明天停电吗", True),
    ("2033-02-19", "江苏路40号明天停电吗", False),
    ("2033-02-21", "榕门路社区明天停气吗", True),
    ("2033-02-23", "李林村后天停电吗", True),
    ("2033-02-23", "双岭村明天停电吗", True),
    ("2033-02-28", "东坪山社区明天停气吗", False),
    ("2033-02-28", "东坪山社区3号停气吗", True),
    ("2033-03-05", "嘉园社区今晚停水吗", True),
    ("2033-03-04", "嘉园社区明后天停水吗", True),
    ("2033-03-08", "东浦社区今晚停电吗", True),
    ("2033-03-09", "郭山村明天停电吗", False),
    ("2033-03-09", "石浔村明天停电吗", True),
    ("2033-03-11", "科技园社区明天停电吗", True),
    ("2033-03-12", "中华北路明天停电吗", True),
    ("2033-03-16", "翠湖社区周末停电吗", True),
    ("2033-03-16", "翠湖社区这周六停电吗", True),
    ("2033-03-20", "芙蓉街这两天停电吗", True),
    ("2033-03-23", "后埭溪社区明天停水吗", False),
    ("2033-03-23", "后埭溪社区后天停水吗", True),
    ("2033-03-26", "双沪社区明天停电吗", True),
    ("2033-03-29", "杏东社区明天停水吗", True),
    ("2033-03-30", "杏东社区明天停水吗", False),
    ("2033-04-01", "仑上村明天停电吗", True),
    ("2033-04-03", "官任社区下周日停水吗", False),
    ("2033-04-03", "官任社区周三晚上停水吗", True),
    ("2033-04-08", "盛光路后天停电吗", True),
    ("2033-04-08", "徐厝社区明天停电吗", True),
    ("2033-04-11", "银河北路明天停气吗", True),
    ("2033-04-13", "观音山花园明天停电吗", True),
    ("2033-04-13", "蓝湾国际明天停电吗", True),
    ("2033-04-15", "坂美社区明天停电吗", False),
    ("2033-04-16", "坂美社区明天停电吗", True),
    ("2033-04-18", "温厝社区今晚停气吗", True),
    ("2033-04-20", "环城南路明天停电吗", True),
    ("2033-04-20", "三秀路明天停电吗", False),
    ("2033-04-22", "海达路明天停电吗", True),
    ("2033-04-25", "成功社区明天停水吗", True),
    ("2033-04-28", "祥桥社区下周一停水吗", True),
    ("2033-04-28", "祥桥社区2号停水吗", True),
    ("2033-05-03", "湖滨一里明天停电吗", False),
    ("2033-05-03", "湖滨二里明天停电吗", True),
    ("2033-05-06", "澳头社区下周六停电吗", False),
    ("2033-05-06", "澳头社区下周三停电吗", True),
    ("2033-05-15", "杏北社区明天停电吗", True),
    ("2033-05-15", "西亭社区明天停电吗", False),
]

#: outages8's second round: 34 questions about its second round's notices, written before running; 7 wrong first, all of notices
#: read wrong (周一：A under a range, 今日停水/明日停电 heads, places after ；).
QUESTIONS_OUTAGES8_R2 = [  # (today, query, affected?)
    ("2033-05-17", "关山村明天停电吗", True),
    ("2033-05-19", "三忠村明天停水吗", True),
    ("2033-05-21", "布塘村明天是否停水", True),
    ("2033-05-22", "三忠村明天停水吗", False),
    ("2033-05-22", "华泰路明天停电吗", True),
    ("2033-05-22", "华美路明天停电吗", False),
    ("2033-05-23", "华美路明天停电吗", True),
    ("2033-05-21", "兴湖路下周三停电吗", True),
    ("2033-05-26", "东园村周末停电吗", True),
    ("2033-05-27", "吕塘村明天有电吗", True),
    ("2033-05-30", "沙坡尾社区今晚停气吗", True),
    ("2033-06-01", "后坑社区今天停水吗", True),
    ("2033-06-01", "锦园社区明天停电吗", True),
    ("2033-06-03", "仁安社区今晚停水吗", True),
    ("2033-06-02", "仁安社区明天晚上有水吗", True),
    ("2033-06-03", "后溪村明天停电吗", True),
    ("2033-06-04", "城内村明天停电吗", True),
    ("2033-06-06", "海农社区明天停电吗", True),
    ("2033-06-08", "吕厝社区明天停气吗", False),
    ("2033-06-08", "新丰社区这周六停电吗", True),
    ("2033-06-12", "瑞京路明天停水吗", True),
    ("2033-06-14", "寨上社区明天停电吗", False),
    ("2033-06-15", "寨上社区明天停电吗", True),
    ("2033-06-17", "镇海社区明天停电吗", True),
    ("2033-06-17", "营平社区明天停水吗", True),
    ("2033-06-17", "镇海社区明天停水吗", False),
    ("2033-06-18", "中山社区明天停气吗", True),
    ("2033-06-20", "新垵村明天停电吗", True),
    ("2033-06-20", "祥露村后天停电吗", True),
    ("2033-06-23", "黄庄村明后天停电吗", True),
    ("2033-06-26", "莲花路31号明天停电吗", True),
    ("2033-06-26", "莲花路30号明天停电吗", False),
    ("2033-06-26", "莲岳路150号明天停电吗", True),
    ("2033-06-20", "莲岳路下周一停电吗", True),
]

#: outages8's third round: 30 questions in other forms (是否停水？, 停不停电, 停气不, 有没有电, a greeting, another city's short name
#: before the place) about the same notices, written before running; 2 wrong first: 南京颐和路, 昆明翠湖社区 (a city named only by its
#: utility, 国网南京供电公司 / 昆明供电局, was not read as printed by the notices: only 南京市 was).
QUESTIONS_OUTAGES8_R3 = [  # (today, query, affected?)
    ("2033-01-09", "请问东风路明天会不会停电", True),
    ("2033-01-09", "明天东风路停不停电", True),
    ("2033-01-09", "紫洞村11号有没有电", True),
    ("2033-01-15", "湖东路50号明天停气不", True),
    ("2033-01-15", "请问冶山社区这两天会停气吗", True),
    ("2033-01-13", "东星社区明天是否停水？", True),
    # False since outages12 (session 18): the part of the day asked counts, and the cut is the night of 02-05 from 22:00, not its morning
    ("2033-02-04", "你好，五缘湾社区明天早上有水吗", False),
    ("2033-02-09", "福州上浦路明天停水吗", True),
    ("2033-02-13", "寨后村明天还停电吗", False),
    ("2033-02-16", "请问一下金柄村后天停电吗", True),
    ("2033-02-19", "南京颐和路明天停电吗", True),
    ("2033-02-20", "江苏路1号今天停电吗", True),
    ("2033-03-07", "东浦社区明晚停电吗", True),
    ("2033-03-16", "昆明翠湖社区周日停电吗", True),
    ("2033-03-17", "芙蓉街下周二停电吗", True),
    ("2033-03-26", "双沪社区后天停电吗", True),
    ("2033-04-08", "大同路30号明天停电吗", True),
    ("2033-04-08", "大同路60号明天停电吗", False),
    ("2033-04-13", "海韵台小区明天停电吗", True),
    ("2033-04-17", "温厝社区明天凌晨停气吗", True),
    ("2033-04-30", "祥桥社区下周一是否停水", True),
    ("2033-05-13", "杏北社区下周一停电吗", True),
    ("2033-05-19", "三忠村这个周末停水吗", True),
    ("2033-05-29", "沙坡尾社区明天凌晨有气吗", True),
    ("2033-06-02", "仁安社区明天晚上停水么", True),
    ("2033-06-09", "新丰社区周六白天停电吗", True),
    ("2033-06-17", "中山社区后天停气吗", True),
    ("2033-06-20", "霞阳村明天有电吗", True),
    ("2033-06-23", "黄庄村25号停电吗", True),
    ("2033-06-26", "莲岳路90号明天停电吗", False),
]


#: outages8's fourth round: 22 questions about its third round's notices, written before running; 3 wrong first, all of notices
#: read wrong (而非, one day of a range called off).
QUESTIONS_OUTAGES8_R4 = [  # (today, query, affected?)
    ("2033-07-01", "上头村明天停电吗", True),
    ("2033-07-02", "深青村明天停电吗", True),
    ("2033-07-02", "上头村明天停电吗", False),
    ("2033-07-05", "金山社区今晚停气吗", True),
    ("2033-07-05", "金山社区明天早上有燃气吗", True),
    ("2033-07-07", "军营村明天停电吗", True),
    ("2033-07-07", "白交祠村这几天停电吗", True),
    ("2033-07-11", "沙美社区明天停水吗", True),
    ("2033-07-13", "莲花村明天停电吗", True),
    ("2033-07-13", "鼎美村明天有电吗", True),
    ("2033-07-15", "祥吴社区明天下午停电吗", True),
    ("2033-07-20", "前埔一里今晚停水吗", True),
    ("2033-07-21", "高林社区明天停电吗", False),
    ("2033-07-22", "高林社区明天停电吗", True),
    ("2033-07-24", "苎溪村明天停电吗", True),
    ("2033-07-26", "上李社区明天停水吗", True),
    ("2033-07-28", "大磡社区这周六停电吗", True),
    ("2033-07-31", "巡司顶社区明天凌晨停电吗", True),
    ("2033-08-03", "后亭村明天停电吗", False),
    ("2033-08-04", "后亭村明天停电吗", True),
    ("2033-08-05", "瑞景新村后天停水吗", True),
    ("2033-08-06", "国贸金沙湾明天停水吗", True),
]

#: outages8's fifth round: 18 questions about its fourth round's notices, written before running; 3 wrong first, all of notices
#: read wrong (a clock before its day in brackets, an ordinal in the place, labelled cells in a row).
QUESTIONS_OUTAGES8_R5 = [  # (today, query, affected?)
    ("2033-08-08", "后塘村明天停电吗", True),
    ("2033-08-09", "许厝村明天停电吗", True),
    ("2033-08-11", "林后社区明天停水吗", True),
    ("2033-08-12", "凤路村明天停电吗", True),
    ("2033-08-12", "古宅村明天停电吗", False),
    ("2033-08-12", "乐海社区这周日停气吗", True),
    ("2033-08-14", "贞岱村明后天停电吗", True),
    ("2033-08-16", "茂林村明天停电吗", False),
    ("2033-08-17", "厦禾路明天停电吗", True),
    ("2033-08-19", "兴隆社区今晚停水吗", True),
    ("2033-08-20", "杏西社区明天停电吗", True),
    ("2033-08-21", "梧侣村明天下午停电吗", True),
    ("2033-08-22", "上川社区明天停电吗", True),
    ("2033-08-24", "松柏社区今晚停水吗", True),
    ("2033-08-25", "青礁村明天停电吗", True),
    ("2033-08-24", "南山社区明天停水吗", True),
    ("2033-08-28", "新垵村明天停电吗", True),
    ("2033-08-28", "许庄村后天停电吗", True),
]

#: outages8's sixth round: a notice called off only by naming it (本公司8月28日发布的停水通知因故取消): 2 of 3 wrong before the rule.
QUESTIONS_OUTAGES8_R6 = [  # (today, query, affected?)
    ("2033-09-01", "虎溪社区明天停水吗", False),
    ("2033-09-01", "百家村社区明天停水吗", False),
    ("2033-09-01", "百家村社区明天停气吗", True),
]


#: outages8's seventh round: 27 questions in more phone forms (几点停电, 停电到几点, 停不停水, 停电不, 会停电么, a house range 江苏路10号到20号,
#: 8号到10号 after a village) about the notices above, written before running; 1 wrong first (军营村8号到10号停电吗 asked nothing: the
#: range's end 10号 was read as the 10th, and 湖滨南路7号到9号 likewise), and its rule's other forms added after.
QUESTIONS_OUTAGES8_R7 = [  # (today, query, affected?)
    ("2033-01-09", "东风路 明天 停电？", True),
    ("2033-01-13", "请问东梅社区是否停水", True),
    ("2033-01-19", "汀溪村明天几点停电", True),
    ("2033-01-19", "汀溪村明天停电到几点", True),
    ("2033-02-04", "明天早上瑞景社区有没有电", True),
    ("2033-02-16", "内林社区明天上午停不停水", True),
    ("2033-02-19", "江苏路20号明天会停电吗？", True),
    ("2033-03-16", "翠湖社区这周末停电不", True),
    ("2033-03-08", "东浦社区今晚会停电么", True),
    ("2033-04-03", "周三官任社区停水吗", True),
    ("2033-04-13", "蓝湾国际小区明天是否停电", True),
    ("2033-04-30", "祥桥社区2号停水吗", True),
    ("2033-05-21", "兴湖路下周三会停电吗", True),
    ("2033-05-26", "东园村28号停电吗", True),
    ("2033-06-10", "新丰社区11号白天停电吗", True),
    ("2033-07-07", "军营村8号到10号停电吗", True),
    ("2033-07-19", "前埔一里20号晚上停水吗", True),
    ("2033-08-08", "后塘村明天几点停电", True),
    ("2033-08-13", "古宅村明天下午停电吗", True),
    ("2033-08-18", "兴隆社区明天晚上11点停水吗", True),
    ("2033-08-23", "松柏社区明天晚上停水吗", True),
    ("2033-08-27", "新垵村后天停电吗", True),
    ("2033-06-26", "莲花路31号明天有电吗", True),
    ("2033-02-09", "上浦路11号停水吗", True),
    ("2033-01-15", "冶山社区停气到什么时候", True),
    ("2033-02-19", "江苏路10号到20号明天停电吗", True),
    ("2033-02-19", "江苏路40号到50号明天停电吗", False),
]

#: outages8's eighth round: 17 questions about its sixth round's notices, written before running; 7 wrong first, all of notices
#: read wrong (above).
QUESTIONS_OUTAGES8_R8 = [  # (today, query, affected?)
    ("2033-09-05", "村里社区明天停电吗", True),
    ("2033-09-06", "三社村明天停水吗", True),
    ("2033-09-07", "西柯社区明天下午停电吗", True),
    ("2033-09-08", "白芒社区明天停电吗", True),
    ("2033-09-08", "茶光社区明天停电吗", True),
    ("2033-09-09", "东蔡社区明天停电吗", True),
    ("2033-09-10", "华瑞花园明天停电吗", True),
    ("2033-12-31", "嘉莲社区今晚停水吗", True),
    ("2033-12-31", "嘉莲社区元旦停水吗", True),
    ("2033-09-14", "东荣社区明天凌晨停水吗", True),
    ("2033-09-15", "金湖路明天停气吗", True),
    ("2033-09-16", "兴旺社区明天停电吗", True),
    ("2033-09-17", "凤林社区明天停水吗", True),
    ("2033-09-19", "蓝月湾明天停水吗", True),
    ("2033-09-23", "官任社区明天停水吗", True),
    ("2033-09-23", "湖滨一里明天停气吗", True),
    ("2033-09-23", "湖滨一里明天停水吗", False),
]

#: outages8's ninth round: 13 questions about its seventh round's notices, written before running; 1 wrong first (期间, above).
QUESTIONS_OUTAGES8_R9 = [  # (today, query, affected?)
    ("2033-10-07", "碧岳社区明天停电吗", True),
    ("2033-10-08", "高崎社区明天上午停水吗", True),
    ("2033-10-09", "大社社区明天停电吗", True),
    ("2033-10-11", "舫山村明天早上有水吗", True),
    ("2033-10-11", "莲福社区明天停水吗", True),
    ("2033-10-12", "日东社区明天停气吗", True),
    ("2033-10-15", "东瑶村明天停电吗", True),
    ("2033-10-16", "金湖花园明天停电吗", True),
    ("2033-10-16", "金尚小区明天停电吗", True),
    ("2033-10-17", "凤岗社区明天停水吗", True),
    ("2033-10-18", "大同路明天停电吗", True),
    ("2033-10-20", "李林村今天停电吗", True),
    ("2033-10-22", "金林湾社区今晚停水吗", True),
]

#: outages8's tenth round: 14 questions in other forms (Traditional characters, full-width digits, 岛内/岛外, a district, a district's
#: short name, 这周末, 下周, 国庆以后, 水压低) about the seventh round's notices, written before running; 2 wrong first: 下周 asked on a
#: Sunday (my expectation: the window is the Monday after next week), 国庆后碧岳社区 (a bare 后 after a day: now read before a word of
#: two characters or more, 国庆后集美区; 碧岳 is no word to the segmenter, so that one is left, asked here with 以后).
QUESTIONS_OUTAGES8_R10 = [  # (today, query, affected?)
    ("2033-10-07", "碧岳社區明天停電嗎", True),
    ("2033-10-08", "高崎社区１０月９号停水吗", True),
    ("2033-10-15", "岛外明天停电吗", True),
    ("2033-10-16", "岛内明天停电吗", True),
    ("2033-10-10", "舫山村这周末停水吗", False),
    ("2033-10-09", "下周金湖花园停电吗", False),
    ("2033-10-05", "国庆以后碧岳社区停电吗", True),
    ("2033-10-16", "湖里区明天停电吗", True),
    ("2033-10-16", "思明区明天停电吗", False),
    ("2033-10-17", "同安凤岗社区明天停水吗", True),
    ("2033-10-19", "李林村明天停电吗", True),
    ("2033-10-21", "金林湾社区明晚停水吗", True),
    ("2033-10-12", "日东社区明天白天有燃气吗", True),
    ("2033-10-11", "莲前社区明天水压低吗", True),
]

@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS_OUTAGES8 + QUESTIONS_OUTAGES8_R2 + QUESTIONS_OUTAGES8_R3 + QUESTIONS_OUTAGES8_R4 + QUESTIONS_OUTAGES8_R5
                         + QUESTIONS_OUTAGES8_R6 + QUESTIONS_OUTAGES8_R7 + QUESTIONS_OUTAGES8_R8 + QUESTIONS_OUTAGES8_R9
                         + QUESTIONS_OUTAGES8_R10)
def test_questions_about_the_outages8_notices(engine, today: str, query: str, affected: bool) -> None:
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(engine, query, date.fromisoformat(today))
    assert answer is not None and answer.as_json()["affected"] is affected, query


def test_a_notice_called_off_by_naming_it_is_one_undated_placeless_cancel(engine) -> None:
    """本公司8月28日发布的停水通知因故取消 (outages8; a Known gap until then: no event, so nothing was called off): one cancelled
    event with neither window nor place, which the lookup applies to the windows of the water notices published that day."""
    [cancel] = [r for r in engine.store.iter_records() if r.title == "关于取消停水的通知"]
    assert [(e.effect, e.start, e.areas, e.utility) for e in cancel.notice.events] == [("cancelled", None, [], "water")]
    assert not engine.outages("虎溪社区", date(2033, 9, 2)) and engine.outages("百家村社区", date(2033, 9, 2))


def test_a_citys_short_name_is_read_off_only_where_the_notices_print_that_city(engine) -> None:
    """汕头金泰社区: 金泰社区 of a notice printing 汕头市 (outages6; [other_cities] lists ten cities); a first two characters that
    no notice of the rest prints as a city stay the place's (东高殿社区 is no 高殿社区, 汕头瑞景社区 no 瑞景社区: its notice is Xiamen's)."""
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(engine, "汕头金泰社区今晚停水吗", date(2031, 3, 4))
    assert answer is not None and answer.question.area == "金泰社区"
    for query, today in (("汕头瑞景社区明天停电吗", date(2031, 3, 5)), ("东高殿社区明天停气吗", date(2031, 3, 12))):
        answer = answer_outage_question(engine, query, today)
        assert answer is not None and answer.as_json()["affected"] is False, query


@pytest.mark.parametrize(("query", "area"), [
    ("上塘社区明天一整天都停电吗", "上塘社区"), ("上塘社区明天都停电吗", "上塘社区"), ("湖滨南路也停电吗", "湖滨南路"),
    ("京都大厦明天都停水吗", "京都大厦"), ("都市花园明天停水吗", "都市花园"),
])
def test_all_said_of_a_place_is_no_part_of_it(query: str, area: str) -> None:
    """都/也 before the outage word (outages5 left 洪厝社区明天一整天都停电吗 asking about 洪厝社区都): taken off where what is left
    ends as a place's name does; 都 inside a name stays (京都大厦, 都市花园), and 成都/京都 alone ask nothing, as before."""
    from gongkai.outage_question import read_outage_question

    question = read_outage_question(query, date(2031, 3, 27))
    assert question is not None and question.area == area, query
    assert read_outage_question("京都明天停电吗", date(2031, 3, 27)) is None


@pytest.mark.parametrize(("text", "moved_to"), [
    ("原定3月18日东屿社区的停气改到3月20日，停气时间不变。", "2031-03-20"),
    ("原定3月18日的停气因故改到3月20日，停气时间、范围不变。", "2031-03-20"),
    ("原定3月18日的停气因天气原因推迟至3月21日，停气时间、范围不变。", "2031-03-21"),
])
def test_a_moved_day_in_prose_with_places_or_a_reason_between(text: str, moved_to: str) -> None:
    """原定D1 …的停气改到D2 with the places or a reason (因故) between the days (outages6: only 原定D1的停气改到D2 was read, so the
    gas and water notices moved in prose stayed cut on the first day and not on the second)."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停气改期通知\n" + text + "\n华润燃气（厦门）有限公司", date(2031, 3, 16), "gas")
    assert [(e.effect, e.start.date().isoformat()) for e in events] == [("cancelled", "2031-03-18"), ("cut", moved_to)]


def test_a_day_moved_in_prose_moves_only_the_places_it_names_with_their_hours(engine) -> None:
    """原定3月18日东屿社区的停气改到3月20日，停气时间不变: 东屿社区's window (9:00-17:00 on the 18th) moves to the 20th with its hours;
    石塘社区, cut by the same issuer on the 18th, stays (outages6: the change's places were not read, so every window of the issuer
    that day would move)."""
    [(record, [event])] = engine.outages("东屿社区", date(2031, 3, 20))
    assert record.title == "停气改期通知" and (event.start.isoformat(), event.end.isoformat()) == ("2031-03-20T09:00:00", "2031-03-20T17:00:00")
    assert not engine.outages("东屿社区", date(2031, 3, 18))
    [(record, [event])] = engine.outages("石塘社区", date(2031, 3, 18))
    assert record.title == "停气通知" and event.start.isoformat() == "2031-03-18T09:00:00"


def test_a_day_then_a_place_called_off_of_its_outage() -> None:
    """5月9日李厝村、东辉村的停电，其中东辉村停电取消 (no 原定, no clock: outages6 read nothing): 东辉村's day called off only."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停电变更通知\n5月9日集美区灌口镇李厝村、东辉村的停电，其中东辉村停电取消，李厝村停电不变。\n国网厦门供电公司",
                         date(2031, 5, 7), "power")
    assert [(e.effect, e.start.isoformat(), [a.name for a in e.areas]) for e in events] == [("cancelled", "2031-05-09T00:00:00", ["东辉村"])]


@pytest.mark.parametrize("days", ["本周六、周日（4月5日至6日）每天", "4月5日至6日（周六、周日）每天", "本周六、周日（4月5日、6日）"])
def test_days_in_a_bracket_or_their_weekdays_after_them(days: str) -> None:
    """A range or list of days in a bracket after their weekdays, or the weekdays in one after them (outages6: only the last
    day was cut)."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events(f"停气通知\n{days}8:30-17:00，翔安区新店街道茂林社区停气。", date(2031, 4, 2), "gas")
    assert [(e.start.day, e.start.hour, e.end.hour) for e in events] == [(5, 8, 17), (6, 8, 17)]


@pytest.mark.parametrize(("printed", "parts"), [
    ("杭州西湖区文新街道德加社区", ("西湖区", "文新街道", "德加社区")), ("武汉洪山区珞南街道", ("洪山区", "", "珞南街道")),
    ("晋江市青阳街道阳光社区", ("", "青阳街道", "阳光社区")), ("福清市龙山街道龙江社区", ("", "龙山街道", "龙江社区")),
    ("集美区后溪镇岩内村全天", ("集美区", "后溪镇", "岩内村")),
    ("火炬高新区创新路", ("", "火炬高新区", "创新路")), ("海沧新阳工业区", ("", "", "海沧新阳工业区")), ("城市花园", ("", "", "城市花园")),
])
def test_another_citys_name_by_the_shape_of_what_follows(printed: str, parts: tuple[str, str, str]) -> None:
    """Any city's short name before a district of two characters and a place in it (杭州西湖区…: [other_cities] lists ten), and a
    county-level city before its 街道 or 镇 (晋江市青阳街道): no part of the place (outages6); a zone (高新区, 工业区) keeps its own."""
    from gongkai.outage_areas import clean_area

    area = clean_area(printed)
    assert area is not None and (area.district, area.subdistrict, area.name) == parts, printed


@pytest.mark.parametrize("lines", ["集美区：灌口镇东辉村、李林村\n同安区：五显镇三忠村", "【集美区】灌口镇东辉村、李林村\n【同安区】五显镇三忠村",
                                   "停电范围：\n【集美区】灌口镇东辉村、李林村\n【同安区】五显镇三忠村"])
def test_district_headed_lines_below_the_window(lines: str) -> None:
    """Lines each headed by a district (集美区：… or 【集美区】…) below the window, with or without a label (outages6: without one
    only the first line was read, without its district; 【同安区】 kept its bracket in the name)."""
    from gongkai.parsers.notices.outages import find_events

    [event] = find_events(f"计划停电通知\n停电时间：2031年6月20日7:00-19:00\n{lines}\n国网厦门供电公司", date(2031, 6, 16), "power")
    assert [(a.district, a.name) for a in event.areas] == [("集美区", "东辉村"), ("集美区", "李林村"), ("同安区", "三忠村")]


def test_house_numbers_in_a_bracket_and_a_notice_cancelled_by_its_day_in_one() -> None:
    """厦禾路（1-299号单号）: the numbers of the road, not a section (outages6: every number was cut); 停水通知（7月8日…镇邦社区停水）取消:
    that day called off for the place in the bracket (nothing was read)."""
    from gongkai.outage_areas import clean_area
    from gongkai.parsers.notices.outages import find_events

    area = clean_area("思明区厦禾路（1-299号单号）")
    assert area is not None and (area.name, area.section, area.numbers) == ("厦禾路", "", "1-299号单号")
    [event] = find_events("停水取消通知\n本公司7月4日发布的停水通知（7月8日思明区鹭江街道镇邦社区停水）取消，届时正常供水。\n厦门水务集团有限公司",
                          date(2031, 7, 6), "water")
    assert (event.effect, event.start.isoformat(), [a.name for a in event.areas]) == ("cancelled", "2031-07-08T00:00:00", ["镇邦社区"])


def test_a_cancel_after_its_cause_names_the_places_after_the_day() -> None:
    """受台风影响，原定7月25日海沧区新阳街道海新社区的停水取消，具体时间另行通知 (outages6): one day called off (原定7月25日 and its
    7月25日 were two), for 海新社区 (the cause 受台风影响 was the place, and the places were dropped: the sentence ends in 通知)."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停水取消通知\n受台风影响，原定7月25日海沧区新阳街道海新社区的停水取消，具体时间另行通知。\n厦门水务集团有限公司",
                         date(2031, 7, 23), "water")
    assert [(e.effect, e.start.isoformat(), [(a.district, a.name) for a in e.areas]) for e in events] == [
        ("cancelled", "2031-07-25T00:00:00", [("海沧区", "海新社区")])]


def test_an_outage_record_with_a_body_only_has_its_events_read() -> None:
    """A record file's or a push's outage notice giving a title and a body only (no `notice` fields) has its events read from the
    body as a notice column's are (alerts2, session 12, left it without events: neither the lookup nor an alert saw it); a
    record carrying its fields keeps them."""
    from gongkai.record import Record

    fields = {"kind": "notice", "notice_type": "outage", "title": "停水通知", "issuer": "厦门水务集团有限公司", "publish_date": "2031-04-14",
              "body": "因管道维修，4月18日9:00-15:00，海沧区海沧街道温厝社区停水。"}
    record = Record.model_validate(fields)
    assert record.notice is not None and record.notice.utility == "water"
    assert [(e.start.isoformat(), [a.name for a in e.areas]) for e in record.notice.events] == [("2031-04-18T09:00:00", ["温厝社区"])]
    again = Record.model_validate_json(record.to_json())
    assert again.content_hash == record.content_hash and again.notice == record.notice
    given = Record.model_validate({**fields, "notice": {"utility": "water", "events": []}})
    assert given.notice is not None and given.notice.events == []


@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS_OUTAGES5 + QUESTIONS_OUTAGES5_R2 + QUESTIONS_OUTAGES5_R3 + QUESTIONS_OUTAGES5_R4 + QUESTIONS_OUTAGES5_R5
                         + QUESTIONS_OUTAGES5_R6 + QUESTIONS_OUTAGES5_R7 + QUESTIONS_OUTAGES5_R8)
def test_questions_about_the_outages5_notices(engine, today: str, query: str, affected: bool) -> None:
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(engine, query, date.fromisoformat(today))
    assert answer is not None and answer.as_json()["affected"] is affected, query


def test_a_name_ending_as_no_places_is_asked_when_the_notices_print_it_as_a_place(engine) -> None:
    """禹洲尊海, 建发央誉 end as no place's name does: the question asks the lookup for them because an outage notice prints
    them as places (outages4 left 禹洲尊海明天停水吗 asking nothing); a name the notices print only in prose asks nothing."""
    from gongkai.outage_question import answer_outage_question, printed_place

    assert printed_place(engine, "禹洲尊海") and printed_place(engine, "建发央誉") and not printed_place(engine, "温馨提示")
    answer = answer_outage_question(engine, "建发央誉明天停水吗", date(2030, 4, 7))
    assert answer is not None and answer.question.area == "建发央誉" and answer.as_json()["affected"]
    for query in ("温馨提示明天停水吗", "停电期间给您带来不便", "敬请谅解明天停电吗"):
        assert answer_outage_question(engine, query, date(2030, 4, 7)) is None, query


@pytest.mark.parametrize("text", [
    "本报2月22日刊登的停水通知中，2月26日停水改在2月27日，停水时间、范围不变。",
    "因天气原因，原定2月26日的停水推迟至2月27日进行，停水时间、范围不变。",
    "本报2月22日刊登的停水通知中，停水日期由2月26日更正为2月27日，停水时间、范围不变。",
])
def test_a_day_moved_with_no_time_without_its_date_word(text: str) -> None:
    """A day moved printing no time, said without 日期由 (outages4 read only 停电日期由D1…为D2): the day it moves from called
    off whole, the day it moves to cut whole, neither with a place (the lookup gives it the hours and places of the first)."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("更正启事\n" + text + "\n厦门水务集团有限公司", date(2030, 2, 24), "water")
    assert [(e.effect, e.start.isoformat(), e.end.isoformat(), e.areas) for e in events] == [
        ("cancelled", "2030-02-26T00:00:00", "2030-02-27T00:00:00", []), ("cut", "2030-02-27T00:00:00", "2030-02-28T00:00:00", [])]


def test_moved_days_keep_the_hours_of_the_day_they_move_from(engine) -> None:
    [(record, [event])] = engine.outages("凤林社区", date(2030, 2, 27))
    assert record.title == "更正启事" and (event.start.isoformat(), event.end.isoformat()) == ("2030-02-27T09:00:00", "2030-02-27T17:00:00")
    [(_, [event])] = engine.outages("金湖三里", date(2030, 1, 30))
    assert (event.start.isoformat(), event.end.isoformat()) == ("2030-01-30T08:30:00", "2030-01-30T17:30:00")


def test_a_places_outage_moved_to_a_day_with_no_time_keeps_its_hours(engine) -> None:
    """湖里区金山街道高林社区停电改在7月4日，停电时间不变 (no day it moves from; outages4 read only 日期由D1…为D2): the place's window of the
    notice before it (7月2日9:00-17:00) is called off and cut on the 4th with its hours; 金林社区 of that window stays cut on the 2nd."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停电改期通知\n受降雨影响，湖里区金山街道高林社区停电改在7月4日，停电时间不变。\n国网厦门供电公司", date(2030, 7, 1), "power")
    assert [(e.effect, e.start and e.start.isoformat(), [a.name for a in e.areas]) for e in events] == [
        ("cut", "2030-07-04T00:00:00", ["高林社区"]), ("cancelled", None, ["高林社区"])]
    [(record, [event])] = engine.outages("高林社区", date(2030, 7, 4))
    assert record.title == "停电改期通知" and (event.start.isoformat(), event.end.isoformat()) == ("2030-07-04T09:00:00", "2030-07-04T17:00:00")
    assert not engine.outages("高林社区", date(2030, 7, 2)) and engine.outages("金林社区", date(2030, 7, 2))
    [(_, [water])] = engine.outages("宁海三里", date(2030, 7, 10))
    assert (water.start.isoformat(), water.end.isoformat()) == ("2030-07-10T08:00:00", "2030-07-10T14:00:00")


def test_a_rain_clause_between_the_day_and_its_hours_and_power_lines_heading_their_places() -> None:
    """2030年5月20日（遇雨顺延至5月21日）7:00-19:00: the 20th cut, the 21st in case (it read the 21st alone as a window moved to,
    and an undated cancel); 10kV东渡Ⅱ路：东渡路、港中路 / 10kV海天线：海天路 below the window: both lines' places (海天路 was lost)."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停电通知\n停电时间：2030年5月20日（遇雨顺延至5月21日）7:00-19:00\n停电范围：翔安区新圩镇古宅村\n国网厦门供电公司",
                         date(2030, 5, 16), "power")
    assert [(e.effect, e.start.isoformat(), e.end.isoformat()) for e in events] == [
        ("cut", "2030-05-20T07:00:00", "2030-05-20T19:00:00"), ("cut", "2030-05-21T07:00:00", "2030-05-21T19:00:00")]
    assert "遇雨" in events[1].text
    [event] = find_events("停电通知\n停电时间：2030年6月15日8:00-17:00\n10kV东渡Ⅱ路：湖里区东渡路、港中路\n10kV海天线：湖里区海天路部分\n"
                          "国网厦门供电公司", date(2030, 6, 11), "power")
    assert [area.name for area in event.areas] == ["东渡路", "港中路", "海天路"]


@pytest.mark.parametrize(("printed", "district", "name"), [
    ("漳州延安北路", "", "延安北路"), ("广州白云区齐富路", "白云区", "齐富路"), ("漳州芗城区胜利西路", "芗城区", "胜利西路"),
    ("漳州路", "", "漳州路"), ("泉州路12号", "", "泉州路"), ("福州大学", "", "福州大学"), ("漳州朝阳社区", "", "朝阳社区"),
    ("漳州村", "", "漳州村"),
])
def test_another_citys_short_name_before_its_district_or_road_is_no_part_of_the_place(printed: str, district: str, name: str) -> None:
    from gongkai.outage_areas import clean_area

    area = clean_area(printed)
    assert area is not None and (area.district, area.name) == (district, name)


def test_a_place_swapped_without_its_window_is_cut_in_the_window_of_the_notice_it_corrects(engine) -> None:
    """停电范围“湖里区枋湖北二路”应为“湖里区枋湖南路” (no window printed; outages2's Known gap): 枋湖南路 is cut in the window of the
    notice of the day it names, 枋湖北二路 is not, 高林社区 of that window still is."""
    [(record, [event])] = engine.outages("枋湖南路", date(2029, 6, 14))
    assert record.title == "更正声明" and (event.start.isoformat(), event.end.isoformat()) == ("2029-06-14T08:00:00", "2029-06-14T17:00:00")
    assert [area.name for area in event.areas] == ["枋湖南路"]
    assert not engine.outages("枋湖北二路", date(2029, 6, 14)) and engine.outages("高林社区", date(2029, 6, 14))
    assert "枋湖南路" in {area.name for _, events in engine.outages_on(date(2029, 6, 14)) for e in events for area in e.areas}


def test_a_day_moved_with_hours_and_places_unchanged() -> None:
    """停电日期由6月8日更正为6月9日，停电时间、范围不变 (outages3's Known gap): the first day called off, the second cut, neither
    with a place of its own (停电时间 was one): the lookup gives the second the places of the first (test above: 洪前村)."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("更正启事\n本报6月4日刊登的《停电通知》中，停电日期由6月8日更正为6月9日，停电时间、范围不变。\n国网厦门供电公司",
                         date(2029, 6, 6), "power")
    assert [(e.effect, e.start.day, e.areas) for e in events] == [("cancelled", 8, []), ("cut", 9, [])]


def test_affected_estates_beside_stopped_ones_are_reduced_not_cut() -> None:
    """停气小区单位：… then 受影响小区单位：… (a gas notice's two lists; outages3 read both as cut): the second at lower pressure."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停气通知\n计划于6月16日7:00-19:00停气。\n停气小区单位：集美区杏林街道杏北小区、杏苑小区。\n"
                         "受影响小区单位：杏林湾花园、新村小区（供气压力偏低）。", date(2029, 6, 13), "gas")
    assert [(e.effect, [a.name for a in e.areas]) for e in events] == [
        ("cut", ["杏北小区", "杏苑小区"]), ("reduced_pressure", ["杏林湾花园", "新村小区"])]
    # a 受影响 list alone is the cut list (受影响区域包括：…)
    [alone] = find_events("停水通知\n6月20日9:00-17:00停水，受影响区域包括：思明区槟榔西里。", date(2029, 6, 13), "water")
    assert alone.effect == "cut" and [a.name for a in alone.areas] == ["槟榔西里"]


def test_an_estate_after_its_larger_area_is_found_by_its_own_name() -> None:
    """海沧区未来海岸蓝月湾 (outages3's Known gap): 蓝月湾 asked alone, or with 小区, finds it; short or other names do not."""
    from gongkai.outage_areas import area_matches, clean_area, parse_query

    printed = clean_area("海沧区未来海岸蓝月湾")
    assert printed is not None
    for asked, found in [("蓝月湾", True), ("蓝月湾小区", True), ("未来海岸蓝月湾", True), ("月湾", False), ("海岸", False),
                         ("思明区蓝月湾", False)]:
        place = parse_query(asked)
        assert place is not None and area_matches(printed, place) is found, asked
    for printed_text, asked in [("湖滨一里", "一里"), ("南湖滨一里", "湖滨一里"), ("前埔社区", "埔社区"), ("东高殿社区", "高殿社区")]:
        place, where = parse_query(asked), clean_area(printed_text)
        assert place is not None and where is not None and not area_matches(where, place), (printed_text, asked)


def test_a_day_moved_keeps_the_hours_and_places_of_the_notice_it_names(engine) -> None:
    """The lookup moves the named notice's window (8:30-16:30 on 6月8日) to 6月9日 with its places: not the whole day."""
    [(record, [event])] = engine.outages("东园村", date(2029, 6, 9))
    assert record.title == "更正启事" and event.effect == "cut"
    assert (event.start.isoformat(), event.end.isoformat()) == ("2029-06-09T08:30:00", "2029-06-09T16:30:00")
    assert [area.name for area in event.areas] == ["洪前村", "东园村"]
    assert not engine.outages("东园村", date(2029, 6, 8))
    whole_city = [(r.title, e.start) for r, events in engine.outages_on(date(2029, 6, 9)) for e in events]
    assert ("更正启事", datetime(2029, 6, 9, 8, 30)) in whole_city and ("更正启事", datetime(2029, 6, 9, 0, 0)) not in whole_city


def test_a_line_printed_above_the_window_is_the_windows_line() -> None:
    """停电线路：10kV莲坂线 above 停电时间：… (outages4, second round): the window's line, so 因故取消10月16日10kV莲坂线停电计划 calls
    it off (the line was only read below the window or on its line)."""
    from gongkai.parsers.notices.outages import find_events

    [event] = find_events("停电通知\n停电线路：10kV莲坂线\n停电时间：10月16日8:00-17:00\n停电范围：思明区莲坂社区", date(2029, 10, 11), "power")
    assert event.line == "10kV莲坂线" and [area.name for area in event.areas] == ["莲坂社区"]


def test_windows_dated_for_a_correction_stay_when_several_places_are_asked(engine) -> None:
    """The window a place swap's new place is cut in is dated by the lookup (not one of the correction's own events): asked with
    another place at once (枋湖南路、高林社区, answers merged), it stays in the answer (merged_answers kept only the notices' own)."""
    found = engine.outages("枋湖南路、高林社区", date(2029, 6, 14))
    assert {record.title for record, _ in found} == {"更正声明", "停电通知"}
    [(_, [event])] = [(record, events) for record, events in found if record.title == "更正声明"]
    assert event.start.isoformat() == "2029-06-14T08:00:00" and [area.name for area in event.areas] == ["枋湖南路"]


def test_another_citys_name_before_its_district_is_no_part_of_the_place() -> None:
    """广州市天河区林和西路 (outages4, third round): district 天河区, name 林和西路 (it was one name, so 林和西路 found nothing);
    城市花园 keeps its name."""
    from gongkai.outage_areas import clean_area

    for printed, parts in [("广州市天河区林和西路", ("天河区", "林和西路")), ("广东省深圳市福田区华富街道莲花北村", ("福田区", "莲花北村")),
                           ("城市花园", ("", "城市花园"))]:
        area = clean_area(printed)
        assert area is not None and (area.district, area.name) == parts, printed


@pytest.mark.parametrize(("below", "places"), [("停电原因：线路检修", ["乌涂村"]), ("供电单位：国网厦门供电公司", ["乌涂村"]),
                                               ("地点：同安区新民镇柑岭村", ["柑岭村"])])
def test_a_label_line_below_the_window(below: str, places: list[str]) -> None:
    """A line below the window is no place when it labels something else (停电原因：线路检修 was the place, outages4); the places
    are then the list above. A label of where (地点：…) stays the window's place."""
    from gongkai.parsers.notices.outages import find_events

    text = f"计划停电信息\n停电区域：同安区新民镇乌涂村\n停电时段：2029年7月9日 06:00-14:00\n{below}"
    if below.startswith("地点"):
        text = f"停电通知\n停电时间：2029年7月9日 06:00-14:00\n{below}"
    [event] = find_events(text, date(2029, 7, 6), "power")
    assert [area.name for area in event.areas] == places


def test_windows_dated_for_a_correction_have_calendar_uids_of_their_own(engine) -> None:
    """A window the lookup dates for a correction that prints none is no event of the notice: its calendar UID is by its start
    (every such window had ordinal 0, so two of one correction were one calendar event), and stays the same at each fetch."""
    from icalendar import Calendar

    from gongkai.feeds.outage_feeds import build_calendar

    found = engine.outages("枋湖南路", date(2029, 6, 14)) + engine.outages("东园村", date(2029, 6, 9))
    uids = []
    for _ in range(2):
        ics = build_calendar("枋湖南路", found, base_url="http://127.0.0.1", page_path="/documents/", authority="gongkai.test")
        uids.append([str(component["uid"]) for component in Calendar.from_ical(ics).walk("VEVENT")])
    assert uids[0] == uids[1] and len(set(uids[0])) == 2 and all("-w0@" not in uid for uid in uids[0]), uids


def test_the_dates_before_a_window_are_read_once_a_text_as_they_were_each_time() -> None:
    """timewindows._context reads each text's dates once (outages6, after review s13: every window read the dates before it
    again, so a plan of 600 rows took 1.6 s and one of 1,500 about 10 s; 0.5 s and 3 s now): the year, month and turn at every
    position are those of reading the text up to it, across a year printed alone and a turn of the year."""
    from gongkai.parsers.notices import timewindows

    text = timewindows.fold("2030年度停电计划\n12月28日8:00-17:00 甲村\n1月3日8:00-17:00 乙村\n2031年2月5日 丙村\n2031-03-04 丁村\n4月1日 戊村")

    def read_up_to(position: int) -> tuple[int | None, int | None, int | None]:
        year, month, turn = 2030, 12, 12
        before = text[:position]
        marks = sorted([(m.start(), m) for m in timewindows._FULL_YEAR.finditer(before)]
                       + [(m.start(), m) for m in timewindows._CONTEXT_DATE.finditer(before)], key=lambda pair: pair[0])
        for _, match in marks:
            if match.re is timewindows._FULL_YEAR:
                year, turn = int(match["y"]), None
                continue
            printed_year, printed_month, _ = timewindows._ymd(match)
            year = int(printed_year) if printed_year else (timewindows._year_near(year, turn, int(printed_month)) if turn else year)
            month = turn = int(printed_month)
        return year, month, turn

    # where the reader asks: a date's start (a window's, a day's), and any place outside a date
    asked = sorted({0, len(text), *(m.start() for m in timewindows._CONTEXT_DATE.finditer(text)), *(n for n, ch in enumerate(text) if ch in "\n 村")})
    assert len(asked) > 20 and [timewindows._context(text, at, date(2030, 12, 20)) for at in asked] == [read_up_to(at) for at in asked]


@pytest.mark.parametrize(("printed", "subdistrict", "name"), [
    ("天河区棠下街华景新城", "棠下街", "华景新城"), ("白云区同和街蟾蜍石东路", "同和街", "蟾蜍石东路"),
    ("天河区天河南街龙口西路（双号）", "天河南街", "龙口西路"),
    ("思明区台湾街", "", "台湾街"), ("思明区中山路步行街", "", "中山路步行街"), ("棠下街华景新城", "", "棠下街华景新城"),
])
def test_a_street_printed_for_its_subdistrict_before_a_road_or_estate(printed: str, subdistrict: str, name: str) -> None:
    """广州's notices print 街 for 街道 after the district (outages7: 龙口西路, 蟾蜍石东路 were found by no lookup); a road
    ending 街 alone, and one printed without its district, keep their names."""
    from gongkai.outage_areas import clean_area

    area = clean_area(printed)
    assert area is not None and (area.subdistrict, area.name) == (subdistrict, name)


def test_a_time_corrected_in_quotes_keeps_the_places_printed_before_it() -> None:
    """后坑社区停水时间“3月25日9:00-18:00”应为“3月26日9:00-18:00” (outages7): 后坑社区's window moved, it had no place."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("更正启事\n本报3月21日刊登的停水通知中，后坑社区停水时间“3月25日9:00-18:00”应为“3月26日9:00-18:00”，特此更正。",
                         date(2032, 3, 22), "water")
    assert [(e.effect, e.start.day, [a.name for a in e.areas]) for e in events] == [("cancelled", 25, ["后坑社区"]), ("cut", 26, ["后坑社区"])]


def test_a_day_called_off_with_the_work_said_before_its_places() -> None:
    """原定4月29日进行的思明区开元街道溪岸社区停水取消 (outages7): the places after 进行的 are called off (it called off nothing)."""
    from gongkai.parsers.notices.outages import find_events

    [event] = find_events("停水取消通知\n原定4月29日进行的思明区开元街道溪岸社区停水取消。", date(2032, 4, 27), "water")
    assert (event.effect, event.start.day, [a.name for a in event.areas]) == ("cancelled", 29, ["溪岸社区"])


def test_a_backslash_printed_in_a_place_is_no_part_of_its_name() -> None:
    """思明区莲前西路;厦禾路,文园路\\1号 (an export's escape; the clients' review, session 13): 文园路 at number 1, not the street
    `文园路\\` no lookup found."""
    from gongkai.outage_areas import area_matches, clean_area, parse_query
    from gongkai.parsers.notices.outages import find_events

    [event] = find_events("停电通知\n停电时间：2026年12月8日8:00-17:00\n停电范围：思明区莲前西路;厦禾路,文园路\\1号\n国网厦门供电公司",
                          date(2026, 12, 6), "power")
    assert [(area.name, area.numbers) for area in event.areas] == [("莲前西路", ""), ("厦禾路", ""), ("文园路", "1号")]
    printed = clean_area("文园路\\1号")
    assert printed is not None and area_matches(printed, parse_query("文园路")) and not area_matches(printed, parse_query("文园路3号"))


def test_weekdays_listed_before_a_window_opening_with_its_own_weekday() -> None:
    """7月6日至7月15日每周二、周四9:00-12:00 (outages7): every Tuesday and Thursday of the range (the window, opening at 周四,
    was the coming Thursday alone)."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停水通知\n7月6日至7月15日每周二、周四9:00-12:00，同安区祥平街道阳翟社区停水。", date(2032, 7, 2), "water")
    assert [event.start.day for event in events] == [6, 8, 13, 15]


@pytest.mark.parametrize(("printed", "days"), [
    ("自8月9日起每天夜间23:00至次日5:00，连续三天，湖里区禾山街道钟宅社区停气。", [9, 10, 11]),
    ("8月9日起连续3天每晚23:00至次日5:00，湖里区钟宅社区停气。", [9, 10, 11]),
    ("从8月9日起每日8:00-12:00（共两天），钟宅社区停气。", [9, 10]),
])
def test_a_first_day_and_how_many_days_from_it(printed: str, days: list[int]) -> None:
    """自D起每天W，连续N天 (outages7): N days from D, each with the window (it was D alone, and 连续三天 a place)."""
    from gongkai.parsers.notices.outages import find_events

    events = find_events("停气通知\n" + printed, date(2032, 8, 5), "gas")
    assert [event.start.day for event in events] == days and all([a.name for a in e.areas] == ["钟宅社区"] for e in events)
