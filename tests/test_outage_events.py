"""Outage notices as events: every printed window with the places printed with it, in the layouts
newspapers use (texts shaped like the real notices of ../shared/corpus and the 厦门日报 fixture pages)."""

from __future__ import annotations

import pytest

from gongkai.notices import OutageArea, OutageNotice
from gongkai.outage_areas import area_matches, clean_area
from gongkai.outages import covers
from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record

STATE_GRID = """停电公告
尊敬的电力客户：
因电网设备检修，国网厦门供电公司将对下列线路停电，停电期间给您带来不便，敬请谅解。
一、停电时间：2024年5月6日（星期一）8:00-17:00
停电线路：10kV湖滨Ⅰ路
停电范围：思明区湖滨南路（禾祥西路至湖滨一里段）、湖滨一里、湖滨南路188号至266号
二、停电时间：2024年5月7日（星期二）8:30-12:30
停电线路：10kV建业路
影响范围：湖里区建业路、金尚小区部分楼栋
三、停电时间：5月8日7:00-11:00
停电线路：10kV莲坂线
停电范围：思明区莲前西路及周边
国网厦门供电公司
2024年5月4日"""


def parse_one(text: str, url: str = "https://epaper.xmnn.cn/xmrb/20240504/A12.htm") -> Record:
    [notice] = [n for n in parse_notices(Capture(data=text.encode("utf-8"), url=url, source="paper:xmrb")) if n.notice_type == "outage"]
    assert isinstance(notice.notice, OutageNotice)
    return notice


def spans(record: Record) -> list[tuple[str, str, str]]:
    return [(e.start.isoformat(), e.end.isoformat(), e.effect) for e in record.notice.events]


def names(event) -> list[str]:
    return [a.name for a in event.areas]


def test_numbered_items_keep_each_windows_own_streets() -> None:
    notice = parse_one(STATE_GRID)
    one, two, three = notice.notice.events
    assert spans(notice) == [
        ("2024-05-06T08:00:00", "2024-05-06T17:00:00", "cut"),
        ("2024-05-07T08:30:00", "2024-05-07T12:30:00", "cut"),
        ("2024-05-08T07:00:00", "2024-05-08T11:00:00", "cut"),  # no year printed: the issue's
    ]
    assert (one.line, two.line, three.line) == ("10kV湖滨Ⅰ路", "10kV建业路", "10kV莲坂线")
    assert names(one) == ["湖滨南路", "湖滨一里", "湖滨南路"] and names(two) == ["建业路", "金尚小区"] and names(three) == ["莲前西路"]
    road, _, numbered = one.areas
    assert (road.district, road.name, road.section) == ("思明区", "湖滨南路", "禾祥西路至湖滨一里段")
    assert (numbered.name, numbered.numbers) == ("湖滨南路", "188号至266号")
    assert road.text == "思明区湖滨南路（禾祥西路至湖滨一里段）"  # as printed
    assert all(e.utility == "power" for e in notice.notice.events)


def test_one_sentence_with_one_window_and_a_list() -> None:
    # The 2024-05-08 停水通知 of the 厦门日报 fixture: the list follows "对", the verb ends it.
    notice = parse_one("停水通知\n因供水管网改造施工，厦门水务集团定于2024年5月10日22:00至11日6:00对湖里区江头街道吕厝路、"
                       "江头北路（吕岭路至仙岳路段）、台湾街停止供水，请用户提前做好储水准备。\n厦门水务集团有限公司 2024年5月8日",
                       "http://127.0.0.1/xmrb/html/2024-05/08/content_301.htm")
    [event] = notice.notice.events
    assert spans(notice) == [("2024-05-10T22:00:00", "2024-05-11T06:00:00", "cut")]  # across midnight
    assert names(event) == ["吕厝路", "江头北路", "台湾街"]
    assert (event.areas[0].district, event.areas[0].subdistrict) == ("湖里区", "江头街道")


def test_trailing_words_leave_the_name() -> None:
    notice = parse_one("停电通知\n因线路检修，国网厦门供电公司定于2024年5月8日06:30—15:30对以下区域停电：思明区莲前西路（莲花五村至莲秀里段）、"
                       "莲花五村1—42号、金尚小区部分楼栋。\n2024年5月9日8:00-17:00，湖里区殿前街道高殿社区、兴隆路（高殿路至马垄路段）停电。"
                       "停电期间如遇天气原因，工作顺延。\n国网厦门供电公司 2024年5月6日")
    first, second = notice.notice.events
    assert [(a.name, a.section, a.numbers) for a in first.areas] == [
        ("莲前西路", "莲花五村至莲秀里段", ""), ("莲花五村", "", "1—42号"), ("金尚小区", "", ""),
    ]
    assert [(a.name, a.section) for a in second.areas] == [("高殿社区", ""), ("兴隆路", "高殿路至马垄路段")]
    assert second.areas[1].text == "兴隆路（高殿路至马垄路段）停电"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("停水通知\n因管道接驳，厦门水务集团有限公司定于2024年11月26日至27日每天8:00—18:00对集美区杏林湾路、杏滨路停止供水。\n"
         "厦门水务集团有限公司\n2024年11月22日",
         [("2024-11-26T08:00:00", "2024-11-26T18:00:00", "cut"), ("2024-11-27T08:00:00", "2024-11-27T18:00:00", "cut")]),
        ("停电通知\n因线路检修，5月6日、8日8:00-17:00，思明区湖滨南路、禾祥西路停电。\n国网厦门供电公司\n2024年5月3日",
         [("2024-05-06T08:00:00", "2024-05-06T17:00:00", "cut"), ("2024-05-08T08:00:00", "2024-05-08T17:00:00", "cut")]),
        # a range whose last day opens the window, without 每天: each day of the range, not its last day only
        ("停电通知\n因线路检修，定于2024年5月6日至8日8:00-17:00对思明区湖滨南路停电。\n国网厦门供电公司\n2024年5月3日",
         [("2024-05-06T08:00:00", "2024-05-06T17:00:00", "cut"), ("2024-05-07T08:00:00", "2024-05-07T17:00:00", "cut"),
          ("2024-05-08T08:00:00", "2024-05-08T17:00:00", "cut")]),
        ("停电通知\n2024年1月16日、17日、18日，每日0:30-5:30，湖里区天圆路停电。\n国网厦门供电公司\n2024年1月10日",
         [("2024-01-16T00:30:00", "2024-01-16T05:30:00", "cut"), ("2024-01-17T00:30:00", "2024-01-17T05:30:00", "cut"),
          ("2024-01-18T00:30:00", "2024-01-18T05:30:00", "cut")]),
    ],
)
def test_a_daily_window_is_an_event_on_each_day(text: str, expected: list) -> None:
    notice = parse_one(text)
    assert spans(notice) == expected
    assert all(names(e) == names(notice.notice.events[0]) and e.areas for e in notice.notice.events)
    assert any(mark in notice.notice.events[0].text for mark in "每、至")  # printed with its days


def test_reduced_pressure_beside_cut_areas() -> None:
    notice = parse_one("停水通知\n因管网改造，厦门水务集团有限公司定于2024年5月8日23:00至5月9日6:00暂停供水。\n"
                       "停水范围：湖里区吕厝路、江头北路。\n降压供水范围：湖里区仙岳路（金尚路至湖里大道段）、金湖一里。\n"
                       "厦门水务集团有限公司\n2024年5月6日")
    cut, low = notice.notice.events
    assert spans(notice) == [("2024-05-08T23:00:00", "2024-05-09T06:00:00", "cut"), ("2024-05-08T23:00:00", "2024-05-09T06:00:00", "reduced_pressure")]
    assert names(cut) == ["吕厝路", "江头北路"] and names(low) == ["仙岳路", "金湖一里"]
    inline = parse_one("停水通知\n因管道抢修，2024年5月10日22:00至次日6:00，湖里区吕厝路停水，仙岳路、江头北路降压供水。\n厦门水务集团有限公司\n2024年5月8日")
    assert [(e.effect, names(e)) for e in inline.notice.events] == [("cut", ["吕厝路"]), ("reduced_pressure", ["仙岳路", "江头北路"])]
    # the reduced clause first: its places are not cut
    reversed_order = parse_one("停水通知\n因管道抢修，2024年5月10日22:00至次日6:00，湖里区仙岳路降压供水，金尚路停水。\n厦门水务集团有限公司\n2024年5月8日")
    assert [(e.effect, names(e)) for e in reversed_order.notice.events] == [("cut", ["金尚路"]), ("reduced_pressure", ["仙岳路"])]


def test_chinese_hours_full_width_digits_and_the_year_of_the_issue() -> None:
    notice = parse_one("停气通知\n受燃气管道改造影响，定于５月１０日上午９时至下午５时对海沧区新阳路停止供气。\n华润燃气\n",
                       "https://epaper.xmnn.cn/xmrb/20240508/A12.htm")
    assert spans(notice) == [("2024-05-10T09:00:00", "2024-05-10T17:00:00", "cut")]
    assert names(notice.notice.events[0]) == ["新阳路"] and notice.notice.utility == "gas"


@pytest.mark.parametrize(
    ("printed", "district", "name", "section", "numbers"),
    [
        ("思明区湖滨南路（禾祥西路至湖滨一里段）停电", "思明区", "湖滨南路", "禾祥西路至湖滨一里段", ""),
        ("湖滨南路188号至266号", "", "湖滨南路", "", "188号至266号"),
        ("新华路中段沿线高低压用户", "", "新华路", "中段", ""),
        ("东联小区周边区域", "", "东联小区", "", ""),
        ("黄巷两侧沿线用户", "", "黄巷", "", ""),
        ("湖里区江头北路部分路段", "湖里区", "江头北路", "", ""),
        ("莲前西路及周边", "", "莲前西路", "", ""),
        ("融汇温泉城(A1区、 A2区)", "", "融汇温泉城", "A1区、A2区", ""),
        ("湖里区湖边水库片区", "湖里区", "湖边水库片区", "", ""),
    ],
)
def test_areas_are_cleaned_not_rewritten(printed: str, district: str, name: str, section: str, numbers: str) -> None:
    area = clean_area(printed)
    assert (area.district, area.name, area.section, area.numbers) == (district, name, section, numbers)
    assert area.text == printed


def test_a_road_matches_its_sections_and_numbers_a_community_its_own_name() -> None:
    printed = [clean_area(t) for t in ("思明区湖滨南路（禾祥西路至湖滨一里段）", "湖滨南路188号至266号", "高殿社区", "泰前街道迎胜社区居委会")]
    section, numbered, community, committee = printed

    def asked(text: str) -> OutageArea:
        return clean_area(text)

    assert area_matches(section, asked("湖滨南路")) and area_matches(section, asked("思明区湖滨南路"))
    assert not area_matches(section, asked("湖里区湖滨南路"))  # another district's road of that name
    assert area_matches(numbered, asked("湖滨南路200号")) and not area_matches(numbered, asked("湖滨南路300号"))
    assert not area_matches(section, asked("湖滨")) and not area_matches(section, asked("湖滨北路"))
    assert area_matches(community, asked("高殿社区")) and not area_matches(community, asked("高殿"))
    assert area_matches(committee, asked("迎胜社区"))


def test_a_window_across_midnight_covers_both_days_and_one_ending_at_midnight_one() -> None:
    notice = parse_one("停水通知\n2024年5月10日22:00至次日6:00，湖里区吕厝路停水。\n2024年5月12日8:00至24:00，台湾街停水。\n"
                       "厦门水务集团有限公司\n2024年5月8日")
    overnight, whole_day = notice.notice.events
    from datetime import date

    assert covers(overnight, date(2024, 5, 10)) and covers(overnight, date(2024, 5, 11)) and not covers(overnight, date(2024, 5, 12))
    assert covers(whole_day, date(2024, 5, 12)) and not covers(whole_day, date(2024, 5, 13))


def test_older_stored_outage_notices_are_read_as_events() -> None:
    """Records stored before events (flat windows + areas) still read: each window names every area."""
    old = {"type": "outage", "utility": "water", "windows": [{"start": "2016-05-29T09:00", "end": "2016-05-29T19:00", "text": "5月29日09:00至19:00"},
                                                               {"start": "2016-05-31T13:00", "end": "2016-05-31T17:00"}],
           "areas": ["湖里区仙岳路", "江头社区"], "reason": "因检修"}
    record = Record.model_validate_json(Record(title="停水通知", kind="notice", notice_type="outage", notice=old).to_json())
    events = record.notice.events
    assert [e.start.isoformat() for e in events] == ["2016-05-29T09:00:00", "2016-05-31T13:00:00"]
    assert all(names(e) == ["仙岳路", "江头社区"] and e.utility == "water" for e in events)
    assert record.notice.area_texts() == ["湖里区仙岳路", "江头社区"]


def test_a_notice_dict_must_fit_its_model() -> None:
    with pytest.raises(ValueError, match="windowz"):
        Record(title="停电", kind="notice", notice_type="outage", notice={"windowz": []})
    with pytest.raises(ValueError, match="does not match"):
        Record(title="停电", kind="notice", notice_type="lost", notice={"type": "outage"})
    # Without `type` the notice is read as the record's notice_type.
    assert Record(title="遗失", kind="notice", notice_type="lost", notice={"holder": "张三"}).notice.holder == "张三"


@pytest.mark.parametrize("numbered", [True, False])
def test_places_printed_above_their_window_stay_with_it(numbered: bool) -> None:
    one, two = ("一、", "二、") if numbered else ("", "")
    notice = parse_one(f"停电通知\n{one}停电范围：思明区湖滨南路、湖滨一里\n停电时间：2024年5月6日8:00-17:00\n"
                       f"{two}停电范围：湖里区建业路\n停电时间：2024年5月7日8:00-12:00\n国网厦门供电公司\n2024年5月4日")
    first, second = notice.notice.events
    assert names(first) == ["湖滨南路", "湖滨一里"] and names(second) == ["建业路"]


def test_a_numbered_list_of_places_is_no_layout_of_windows() -> None:
    notice = parse_one("停水通知\n因管网改造，2024年5月6日8:00-17:00暂停供水。\n停水范围：\n1.湖里区金山小区\n2.金尚路两侧商铺\n3.高林居住区\n"
                       "2024年5月7日8:00-12:00，湖里区建业路停水。\n厦门水务集团有限公司\n2024年5月4日")
    first, second = notice.notice.events
    assert names(first) == ["金山小区", "金尚路", "高林居住区"] and names(second) == ["建业路"]


def test_district_headings_odd_even_sides_and_two_windows_in_one_sentence() -> None:
    notice = parse_one("停电通知\n停电时间：2024年05月06日08:00至2024年05月06日17:00\n停电区域：湖里区：金山路、金湖路；思明区：莲前西路\n"
                       "国网厦门供电公司\n2024年5月4日")
    [event] = notice.notice.events
    # A district heading covers the places after it, up to the next heading.
    assert [(a.district, a.name) for a in event.areas] == [("湖里区", "金山路"), ("湖里区", "金湖路"), ("思明区", "莲前西路")]
    jinhu = event.areas[1]
    assert area_matches(jinhu, clean_area("金湖路")) and area_matches(jinhu, clean_area("湖里区金湖路"))
    assert not area_matches(jinhu, clean_area("思明区金湖路"))
    water = parse_one("停水通知\n5月6日（周一）22:00—5月7日6:00，思明区厦禾路（美仁宫至江头段）双号、文园路停水，鹭江道降压供水。\n"
                      "厦门水务集团\n2024年5月4日")
    cut, low = water.notice.events
    road = cut.areas[0]
    assert (road.name, road.section, road.numbers) == ("厦禾路", "美仁宫至江头段", "双号") and names(low) == ["鹭江道"]
    assert area_matches(road, clean_area("厦禾路200号")) and not area_matches(road, clean_area("厦禾路201号"))
    two = parse_one("停电通知\n2024年5月6日8:00-12:00、14:00-18:00，海沧区沧林路停电。\n国网\n2024年5月4日")
    assert [(e.start.hour, e.end.hour, names(e)) for e in two.notice.events] == [(8, 12, ["沧林路"]), (14, 18, ["沧林路"])]


def test_a_district_printed_once_heads_the_places_after_it() -> None:
    notice = parse_one("停电通知\n2024年5月8日8:00-17:00，湖里区江头北路、长青路，殿前街道高殿社区、兴隆社区停电。\n国网厦门供电公司\n2024年5月6日")
    [event] = notice.notice.events
    assert [(a.district, a.subdistrict, a.name) for a in event.areas] == [
        ("湖里区", "", "江头北路"), ("湖里区", "", "长青路"), ("", "殿前街道", "高殿社区"), ("", "殿前街道", "兴隆社区")]


def test_the_line_as_printed_in_a_sentence() -> None:
    notice = parse_one("停电公告\n因电力设施检修，2024年5月6日8:00-18:00对10千伏湖滨Ⅰ路停电，停电范围：湖滨南路、湖滨一里。\n国网厦门供电公司\n2024年5月4日")
    [event] = notice.notice.events
    assert event.line == "10千伏湖滨Ⅰ路" and names(event) == ["湖滨南路", "湖滨一里"]
