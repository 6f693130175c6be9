"""outages12 (session 18): "is my street cut tomorrow?", held-out round 12. Outage notices of November 2037 by 国网厦门供电,
厦门水务, 华润燃气 and 厦门日报 in their own layouts (several windows a notice, a morning and an afternoon of one road by its
sides, nights over midnight said 次日, Traditional full-width postponements, a call-off listing its places across ，以及, an
estate's lettered parts, 临时停电 for a 抢修, water back early, a table of gas windows) and the questions citizens type about
them, many asking a part of the day (今天下午, 明天凌晨, 今晚, 周六晚上, 8点到10点) or an estate by its number (五缘湾1号).
Written (with what must be answered) before running them. Every notice goes in through the real ingest (bytes → notice
parser → SQLite → tantivy) and is asked over real HTTP: `/api/notices/outages` for each place and day (right both ways) and
`/api/search`'s `outage` for each question, its days read from the `today` given (the clock of gongkai.dates set to it)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.outage_layouts import Layout
from tests.support import assert_api_outage_lookup, assert_search_box_outage_answer, days_cut, served_outage_notices

_P = "\n国网厦门供电公司\n"
_W = "\n厦门水务集团有限公司\n"
_G = "\n华润燃气（厦门）有限公司\n"


def _on(place: str, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    return days_cut(place, 2037, cut, clear)


#: The first round: 15 notices of November 2037 (11-02 is a Monday).
LAYOUTS12: list[Layout] = [
    Layout(
        "o12_road_sides_morning_afternoon",
        "停电通知\n尊敬的客户：因10kV厦禾线设备检修，我公司计划对以下区域停电：\n"
        "停电时间：2037年11月4日（星期三）8:00-12:00\n停电范围：思明区厦禾路单号（1-299号）\n"
        "停电时间：2037年11月4日（星期三）14:00-18:00\n停电范围：思明区厦禾路双号（2-300号）\n"
        "停电期间给您带来不便，敬请谅解。" + _P + "2037年10月30日",
        "20371030",
        _on("厦禾路101号", "11-04", "11-03 11-05") + _on("厦禾路100号", "11-04", "11-05") + _on("厦禾路", "11-04"),
    ),
    Layout(
        "o12_water_night_next_day",
        "停水通知\n因湖里区江头片区市政管网碰口施工，定于2037年11月5日22:00至次日6:00对湖里区江头街道台湾街、"
        "吕岭路（江头段）暂停供水，届时请用户提前做好储水准备。" + _W + "2037年11月2日",
        "20371102",
        _on("台湾街", "11-05 11-06", "11-04 11-07") + _on("吕岭路", "11-05 11-06", "11-07"),
    ),
    Layout(
        "o12_estate_number_gas",
        "停气通知\n因燃气管道碰接作业，定于11月10日（周二）9:00-14:00对湖里区五缘湾1号、五缘湾道8号及海峡一号小区暂停供气，"
        "请用户关闭燃气阀门。" + _G,
        "20371105",
        _on("五缘湾1号", "11-10", "11-09 11-11")
        + _on("五缘湾道8号", "11-10", "11-11")
        + _on("海峡一号", "11-10", "11-09"),
    ),
    Layout(
        "o12_water_houses_original",
        "停水通知\n停水时间：2037年11月12日9:00-17:00\n停水范围：思明区中华街道民族路5号、7号、9号，厦禾路10号、12号\n"
        "停水原因：供水管道更换" + _W,
        "20371106",
        [],
    ),
    Layout(
        "o12_water_houses_called_off_yiji",
        "停水取消通知\n原定于11月12日9:00-17:00对思明区民族路5号、7号、9号，以及厦禾路10号的停水取消，厦禾路12号停水照常进行。"
        + _W
        + "2037年11月10日",
        "20371110",
        _on("民族路7号", "", "11-12")
        + _on("民族路5号", "", "11-12")
        + _on("厦禾路10号", "", "11-12")
        + _on("厦禾路12号", "11-12", "11-13"),
    ),
    Layout(
        "o12_lettered_part_of_estate",
        "停电通知\n停电时间：11月13日（周五）8:00-17:30\n停电范围：翔安区新店街道洋唐居住区B区、洋塘路双号\n"
        "停电原因：配电设备更换" + _P,
        "20371108",
        _on("洋唐居住区B区", "11-13", "11-12 11-14") + _on("洋唐居住区", "11-13") + _on("洋唐居住区A区", "", "11-13"),
    ),
    Layout(
        "o12_traditional_original",
        "停電通知\n定於２０３７年１１月１６日（星期一）８：３０至１７：３０，對集美區灌口鎮鐵山村、上塘村停電檢修。\n國網廈門供電公司",
        "20371109",
        [],
    ),
    Layout(
        "o12_traditional_postponed",
        "停電延期通知\n原定於１１月１６日（星期一）８：３０至１７：３０對集美區灌口鎮鐵山村的停電，因天氣原因推遲至１１月１８日（星期三）"
        "同一時段進行，上塘村停電照常。\n國網廈門供電公司\n２０３７年１１月１３日",
        "20371113",
        _on("铁山村", "11-18", "11-16 11-17") + _on("上塘村", "11-16", "11-18"),
    ),
    Layout(
        "o12_paper_two_windows_same_day",
        "本报讯（记者 陈莹 通讯员 林辉）记者昨日从国网厦门供电公司获悉，11月20日（周五）7:30—12:00，同安区大同街道城东社区、"
        "三秀路停电；同日14时至18时，同安区祥平街道阳翟社区停电。届时请市民做好准备。",
        "20371117",
        _on("城东社区", "11-20", "11-19 11-21") + _on("三秀路", "11-20") + _on("阳翟社区", "11-20", "11-21"),
    ),
    Layout(
        "o12_temporary_repair",
        "临时停电通知\n因10kV兴隆线电缆故障抢修，11月21日（星期六）13:00至17:00湖里区殿前街道高殿社区、兴隆路临时停电，"
        "具体恢复供电时间视抢修进度而定，给您带来不便敬请谅解。" + _P + "2037年11月21日",
        "20371121",
        _on("高殿社区", "11-21", "11-20 11-22") + _on("兴隆路", "11-21"),
    ),
    Layout(
        "o12_water_two_days_original",
        "停水通知\n因新阳水厂出水管道改造，11月24日8:00至11月25日20:00，海沧区新阳街道新阳工业区、霞阳社区暂停供水。"
        + _W,
        "20371119",
        _on("新阳工业区", "11-24 11-25", "11-23 11-26"),
    ),
    Layout(
        "o12_water_back_early",
        "提前恢复供水公告\n原定于11月24日8:00至11月25日20:00对海沧区霞阳社区的停水，经连夜抢修，已于11月24日22:00提前恢复供水。"
        "新阳工业区仍按原计划停水。" + _W + "2037年11月24日",
        "20371124",
        _on("霞阳社区", "11-24", "11-25"),
    ),
    Layout(
        "o12_gas_table",
        "停气计划表\n序号 停气日期 停气时间 停气范围\n1 11月26日 9:00-12:00 思明区莲前街道前埔一里\n"
        "2 11月26日 14:00-17:00 思明区莲前街道前埔二里\n3 11月27日 9:00-12:00 思明区莲前街道瑞景新村" + _G,
        "20371120",
        _on("前埔一里", "11-26", "11-25 11-27") + _on("前埔二里", "11-26", "11-27") + _on("瑞景新村", "11-27", "11-26"),
    ),
    Layout(
        "o12_weekend_night_odd_houses",
        "停电公告\n停电时间：2037年11月28日（星期六）20:00至11月29日（星期日）8:00\n"
        "停电范围：湖里区湖里街道华昌路1号至59号（单号）、华荣路\n工作内容：线路迁改" + _P,
        "20371123",
        _on("华昌路31号", "11-28 11-29", "11-27 11-30")
        + _on("华昌路32号", "", "11-28")
        + _on("华荣路", "11-29", "11-30"),
    ),
    Layout(
        "o12_whole_call_off",
        "停电取消通知\n原定于11月30日（周一）8:00-18:00对集美区侨英街道叶厝社区、孙厝社区的计划停电取消，请相互转告。"
        + _P
        + "2037年11月27日",
        "20371127",
        _on("叶厝社区", "", "11-30") + _on("孙厝社区", "", "11-30"),
    ),
    Layout(
        "o12_whole_call_off_original",
        "停电通知\n停电时间：2037年11月30日8:00-18:00\n停电范围：集美区侨英街道叶厝社区、孙厝社区、侨英花园" + _P,
        "20371125",
        _on("侨英花园", "11-30", "11-29"),
    ),
]

#: 岛内/岛外 and whole districts on a day, by every window above.
GROUPS12 = (
    _on("岛外", "11-13 11-18 11-20 11-24 11-30", "11-19")
    + _on("岛内", "11-04 11-05 11-10 11-21 11-26", "11-19 11-25")
    + _on("翔安区", "11-13", "11-12")
    + _on("思明区", "11-04 11-12 11-27", "11-05")
)

#: The first round's questions, typed into the search box (today, query, affected?).
QUESTIONS12 = [
    # a part of the day asked: a morning window does not answer the afternoon, nor the other way
    ("2037-11-04", "厦禾路单号今天下午停电吗", False),
    ("2037-11-04", "厦禾路单号今天上午停电吗", True),
    ("2037-11-04", "厦禾路双号今天下午停电吗", True),
    ("2037-11-03", "厦禾路101号明天上午停电吗", True),
    ("2037-11-03", "厦禾路101号明天下午会停电吗", False),
    ("2037-11-03", "厦禾路100号明天早上停电吗", False),
    ("2037-11-03", "请问厦禾路明天下午3点停电吗", True),
    ("2037-11-03", "厦禾路101号明天8点到10点停电吗", True),
    ("2037-11-03", "厦禾路101号明天下午两点到四点停电吗", False),
    # a night over midnight
    ("2037-11-05", "台湾街今晚停水吗", True),
    ("2037-11-05", "台湾街明天凌晨停水吗", True),
    ("2037-11-05", "台湾街今天下午停水吗", False),
    ("2037-11-05", "台湾街明天下午停水吗", False),
    ("2037-11-04", "吕岭路明天夜里会停水吗", True),
    # an estate said with its number
    ("2037-11-09", "五缘湾1号明天停气吗", True),
    ("2037-11-10", "五缘湾1号明天停气吗", False),
    ("2037-11-09", "五缘湾１号明天会停气吗", True),
    ("2037-11-09", "海峡一号明天停气吗", True),
    # a call-off across ，以及
    ("2037-11-11", "民族路7号明天停水吗", False),
    ("2037-11-11", "厦禾路10号明天停水吗", False),
    ("2037-11-11", "厦禾路12号明天停水吗", True),
    # a lettered part of an estate
    ("2037-11-12", "洋唐居住区A区明天停电吗", False),
    ("2037-11-12", "洋唐居住区B区明天停电吗", True),
    ("2037-11-12", "洋唐居住区明天停电吗", True),
    # postponed (Traditional, full-width)
    ("2037-11-14", "铁山村周一停电吗", False),
    ("2037-11-14", "铁山村周三上午停电吗", True),
    ("2037-11-15", "上塘村明天停电吗", True),
    # two windows of a paper's notice on one day
    ("2037-11-18", "阳翟社区周五上午停电吗", False),
    ("2037-11-18", "阳翟社区周五下午停电吗", True),
    ("2037-11-18", "城东社区周五上午停电吗", True),
    # 临时停电 for a repair
    ("2037-11-21", "高殿社区今天早上停电吗", False),
    ("2037-11-21", "高殿社区今天下午3点停电吗", True),
    ("2037-11-21", "兴隆路今天8点到10点停电吗", False),
    ("2037-11-21", "兴隆路今天会停电吗", True),
    # water back early
    ("2037-11-24", "霞阳社区明天还停水吗", False),
    ("2037-11-24", "新阳工业区明天停水吗", True),
    # a table of gas windows
    ("2037-11-25", "前埔二里明天上午停气吗", False),
    ("2037-11-25", "前埔一里明天上午停气吗", True),
    ("2037-11-25", "瑞景新村后天早上停气吗", True),
    ("2037-11-25", "前埔二里明天下午有燃气吗", True),
    # a weekend night, odd houses
    ("2037-11-26", "华昌路31号周六晚上停电吗", True),
    ("2037-11-26", "华昌路32号周六晚上停电吗", False),
    ("2037-11-26", "华荣路周日下午停电吗", False),
    ("2037-11-26", "华荣路周日早上停电吗", True),
    ("2037-11-26", "华荣路周六白天停电吗", False),
    # called off whole
    ("2037-11-29", "叶厝社区明天停电吗", False),
    ("2037-11-29", "侨英花园明天停电吗", True),
    ("2037-11-29", "侨英花园明天下午停电吗", True),
]

#: The second round: 14 notices of December 2037 (12-07 is a Monday), written before running: a paper's column of power and water
#: with a night into the next day, 临时停电 with no end known, a postponement to a new window, water back early (停水提前结束),
#: estates named with their numbers in a numbered list, an estate's lettered part in a new town, a call-off with ，及, a Traditional
#: table in GB18030, a night said 22时至次日6时, a repair's cut beside reduced pressure, a weekend's mornings, even houses of a road.
LAYOUTS12_R2: list[Layout] = [
    Layout(
        "o12b_paper_column_power_water",
        "便民信息\n【停电】\n12月8日（周二）8:00—12:30 思明区鹭江街道镇海路、大同路（1-99号单号）\n"
        "12月8日（周二）13:30—18:00 思明区鹭江街道中山路\n【停水】\n12月8日（周二）23:00—次日5:00 思明区中华街道思明南路（1-200号）",
        "20371205",
        _on("镇海路", "12-08", "12-07 12-09")
        + _on("大同路35号", "12-08")
        + _on("大同路36号", "", "12-08")
        + _on("中山路", "12-08", "12-09")
        + _on("思明南路100号", "12-08 12-09", "12-07 12-10")
        + _on("思明南路300号", "", "12-08"),
    ),
    Layout(
        "o12b_temporary_no_end",
        "临时停电通知\n因10kV仙岳线故障抢修，12月9日（星期三）10:30起湖里区湖里街道仙岳路（兴隆路至华昌路段）、湖里大道临时停电，"
        "恢复供电时间另行通知。" + _P,
        "20371209",
        _on("仙岳路", "12-09", "12-08 12-10") + _on("湖里大道", "12-09", "12-10"),
    ),
    Layout(
        "o12b_postponed_original",
        "停水通知\n12月10日（周四）9:00-16:00，集美区杏林街道杏东路、杏林村暂停供水，请用户提前储水。" + _W,
        "20371203",
        [],
    ),
    Layout(
        "o12b_postponed_new_window",
        "停水延期通知\n原定于12月10日（周四）9:00-16:00对集美区杏林街道杏东路、杏林村的停水，因施工调整推迟至12月12日（周六）8:30-12:30进行。"
        + _W
        + "2037年12月8日",
        "20371208",
        _on("杏东路", "12-12", "12-10 12-11") + _on("杏林村", "12-12", "12-10 12-13"),
    ),
    Layout(
        "o12b_two_days_original",
        "停水通知\n停水时间：12月14日（星期一）8:00至12月15日（星期二）18:00\n停水范围：海沧区海沧街道东屿社区、海沧大道（东段）"
        + _W,
        "20371209",
        [],
    ),
    Layout(
        "o12b_water_ends_early",
        "停水提前结束通知\n因施工顺利，原定12月14日8:00至12月15日18:00对海沧区东屿社区、海沧大道（东段）的停水已提前结束，于12月14日20:00恢复供水。"
        + _W
        + "2037年12月14日",
        "20371214",
        _on("东屿社区", "12-14", "12-13 12-15") + _on("海沧大道", "12-14", "12-15"),
    ),
    Layout(
        "o12b_estates_by_number_list",
        "停气通知\n因中压燃气管道迁改，定于2037年12月16日（周三）9:00-15:00对以下小区暂停供气：\n1. 湖里区五缘湾中央公园1号\n"
        "2. 湖里区五缘湾蓝湾3号\n3. 思明区观音山海峡一号\n请用户提前关闭燃气阀门。" + _G,
        "20371211",
        _on("中央公园1号", "12-16", "12-15 12-17")
        + _on("蓝湾3号", "12-16", "12-17")
        + _on("海峡一号", "12-16", "12-15"),
    ),
    Layout(
        "o12b_new_town_lettered_part",
        "停电公告\n12月17日（星期四）8:30-17:00，集美区集美街道集美新城C区、杏林湾路（单号）停电，给您带来不便，敬请谅解。"
        + _P,
        "20371212",
        _on("集美新城C区", "12-17", "12-16 12-18")
        + _on("集美新城D区", "", "12-17")
        + _on("杏林湾路55号", "12-17")
        + _on("杏林湾路56号", "", "12-17"),
    ),
    Layout(
        "o12b_call_off_ji_original",
        "停电通知\n停电时间：12月18日（周五）7:30-18:30\n停电范围：同安区大同街道碧岳社区、东桥社区、凤山路1号至50号"
        + _P,
        "20371212",
        [],
    ),
    Layout(
        "o12b_call_off_ji",
        "停电取消公告\n原定于12月18日对同安区碧岳社区，及东桥社区的停电取消，凤山路1号至50号仍按计划停电。"
        + _P
        + "2037年12月16日",
        "20371216",
        _on("碧岳社区", "", "12-18") + _on("东桥社区", "", "12-18") + _on("凤山路20号", "12-18", "12-19"),
    ),
    Layout(
        "o12b_traditional_table_gb18030",
        "停電計劃表\n日期\t時間\t停電範圍\n12月21日\t8:00-12:00\t翔安區新店街道洋唐村\n12月21日\t14:00-18:00\t翔安區新店街道東園村\n"
        "12月22日\t8:00-12:00\t翔安區新店街道洋唐村\n國網廈門供電公司",
        "20371216",
        _on("洋唐村", "12-21 12-22", "12-20 12-23") + _on("东园村", "12-21", "12-22"),
        encoding="gb18030",
    ),
    Layout(
        "o12b_night_shi_next_day",
        "停水通知\n因管网改造，定于12月23日（星期三）22时至次日6时，对湖里区金山街道金湖一里、金湖二里停止供水，请提前储水。"
        + _W,
        "20371218",
        _on("金湖一里", "12-23 12-24", "12-22 12-25") + _on("金湖二里", "12-24", "12-25"),
    ),
    Layout(
        "o12b_repair_cut_and_low_pressure",
        "抢修停水通知\n因供水主管爆管抢修，12月25日（周五）13:00至20:00，思明区莲前街道前埔东路、前埔社区停水，莲前东路沿线降压供水。"
        + _W,
        "20371225",
        _on("前埔社区", "12-25", "12-24 12-26") + _on("前埔东路", "12-25", "12-26"),
    ),
    Layout(
        "o12b_weekend_mornings",
        "停电通知\n12月26日（星期六）、12月27日（星期日）每天9:00-11:30，海沧区新阳街道新垵村分段停电。" + _P,
        "20371221",
        _on("新垵村", "12-26 12-27", "12-25 12-28"),
    ),
    Layout(
        "o12b_even_houses_of_a_road",
        "停电通知\n停电时间：12月29日8:00—17:30\n停电范围：湖里区江头街道江头北路2号至88号（双号）" + _P,
        "20371224",
        _on("江头北路40号", "12-29", "12-28 12-30")
        + _on("江头北路41号", "", "12-29")
        + _on("江头北路90号", "", "12-29"),
    ),
]

GROUPS12_R2 = (
    _on("岛外", "12-12 12-17 12-21", "12-10")
    + _on("岛内", "12-08 12-09 12-16", "12-10")
    + _on("海沧区", "12-14 12-26", "12-15")
    + _on("翔安区", "12-21", "12-23")
)

#: The lookup's date field holding a part of the day (2037-12-08上午, as the search box's link and citizens give it): the part
#: answered, as the question's is.
LOOKUPS12_R2_HOURS = [
    ("中山路", "2037-12-08上午", False),
    ("中山路", "2037-12-08下午", True),
    ("仙岳路", "2037-12-09早上", False),
    ("仙岳路", "2037-12-09晚上", True),
    ("洋唐村", "2037-12-21下午", False),
    ("东园村", "2037-12-21下午", True),
    ("金湖一里", "2037-12-23夜里", True),
    ("金湖一里", "2037-12-23上午", False),
]

QUESTIONS12_R2 = [
    ("2037-12-07", "中山路明天上午停电吗", False),
    ("2037-12-07", "中山路明天下午停电吗", True),
    ("2037-12-07", "镇海路明天中午停电吗", True),
    ("2037-12-07", "思明南路明天晚上停水吗", True),
    ("2037-12-07", "思明南路100号明天白天停水吗", False),
    ("2037-12-07", "大同路36号明天停电吗", False),
    ("2037-12-09", "仙岳路今天早上停电吗", False),
    ("2037-12-09", "仙岳路今天晚上停电吗", True),
    ("2037-12-09", "湖里大道今天下午会停电吗", True),
    ("2037-12-08", "杏东路周四停水吗", False),
    ("2037-12-08", "杏林村周六上午停水吗", True),
    ("2037-12-08", "杏林村周六晚上停水吗", False),
    ("2037-12-14", "东屿社区明天停水吗", False),
    ("2037-12-14", "东屿社区今晚9点以后还停水吗", False),
    ("2037-12-13", "东屿社区明天上午停水吗", True),
    ("2037-12-15", "中央公园1号明天停气吗", True),
    ("2037-12-14", "蓝湾3号后天停气吗", True),
    ("2037-12-16", "蓝湾3号明天停气吗", False),
    ("2037-12-15", "海峡一号明天下午停气吗", True),
    ("2037-12-16", "集美新城D区明天停电吗", False),
    ("2037-12-16", "集美新城Ｃ区明天停电吗", True),
    ("2037-12-16", "东桥社区周五停电吗", False),
    ("2037-12-16", "凤山路20号周五上午停电吗", True),
    ("2037-12-19", "洋唐村周一下午停电吗", False),
    ("2037-12-19", "東園村周一下午停電嗎", True),
    ("2037-12-19", "洋唐村周二上午停电吗", True),
    ("2037-12-23", "金湖一里今天夜里停水吗", True),
    ("2037-12-23", "金湖二里明天早上有水吗", True),
    ("2037-12-23", "金湖一里明天下午停水吗", False),
    ("2037-12-25", "前埔社区今天上午停水吗", False),
    ("2037-12-25", "前埔东路今天傍晚停水吗", True),
    ("2037-12-24", "新垵村周末下午停电吗", False),
    ("2037-12-24", "新垵村周日上午停电吗", True),
    ("2037-12-24", "新垵村这周末停电吗", True),
    ("2037-12-28", "江头北路41号明天停电吗", False),
    ("2037-12-28", "江头北路40号明天下午停电吗", True),
    ("2037-12-28", "江头北路40号明天晚上8点以后停电吗", False),
]

#: The third round: 9 notices of January 2038 (01-04 is a Monday), written before running: two periods a day for three days, a
#: paper's 上午/当天下午 with no clock, lettered parts listed with their 区 said once, power back early on the day (提前送电), a night
#: moved a day (推迟一天), a road's odd houses in Chinese brackets with a road's stretch, a full-width night, a gas call-off across
#: ，以及 with the rest going ahead.
LAYOUTS12_R3: list[Layout] = [
    Layout(
        "o12c_two_periods_a_day",
        "停电通知\n因配网改造，1月6日（周三）至1月8日（周五）每天分两个时段停电：8:00-10:00，15:00-17:00。\n"
        "停电范围：思明区嘉莲街道莲花路、嘉莲社区" + _P,
        "20380101",
        _on("莲花路", "01-06 01-07 01-08", "01-05 01-09") + _on("嘉莲社区", "01-07", "01-09"),
    ),
    Layout(
        "o12c_paper_parts_without_clock",
        "本报讯（记者 林晓云）记者从厦门水务集团获悉，1月9日（周六）上午，湖里区金山街道金湖路、金尚路停水；当天下午，思明区莲前街道莲前西路停水。",
        "20380106",
        _on("金湖路", "01-09", "01-08 01-10") + _on("金尚路", "01-09") + _on("莲前西路", "01-09", "01-10"),
    ),
    Layout(
        "o12c_lettered_parts_listed",
        "停气通知\n因燃气设施改造，1月12日（星期二）9:00-16:00，海沧区新阳街道海投天湖城A区、C区停气，请用户做好准备。"
        + _G,
        "20380107",
        _on("海投天湖城A区", "01-12", "01-11 01-13")
        + _on("海投天湖城C区", "01-12")
        + _on("海投天湖城B区", "", "01-12")
        + _on("海投天湖城", "01-12"),
    ),
    Layout(
        "o12c_power_back_early_original",
        "停电通知\n停电时间：1月13日（周三）8:00-18:00\n停电范围：集美区灌口镇深青村、上头亭社" + _P,
        "20380108",
        [],
    ),
    Layout(
        "o12c_power_back_early",
        "提前送电公告\n原定1月13日8:00-18:00对集美区灌口镇深青村、上头亭社的停电检修工作已于当日14:30提前完成，已恢复供电。"
        + _P
        + "2038年1月13日",
        "20380113",
        _on("深青村", "01-13", "01-12 01-14") + _on("上头亭社", "01-13"),
    ),
    Layout(
        "o12c_night_one_day_later_original",
        "停水通知\n1月15日（周五）22:00至次日6:00，同安区祥平街道祥平社区、阳翟二路停水。" + _W,
        "20380111",
        [],
    ),
    Layout(
        "o12c_night_one_day_later",
        "停水延期通知\n原定1月15日22:00至次日6:00对同安区祥平社区、阳翟二路的停水推迟一天进行，停水时间不变。"
        + _W
        + "2038年1月14日",
        "20380114",
        _on("祥平社区", "01-16 01-17", "01-15 01-18") + _on("阳翟二路", "01-16", "01-15"),
    ),
    Layout(
        "o12c_odd_houses_and_stretch",
        "停电通知\n定于2038年1月19日（星期二）7:30至12:30，对思明区筼筜街道湖滨北路单号（1号至201号）、湖滨中路（湖滨北路至湖滨南路段）停电。"
        + _P,
        "20380114",
        _on("湖滨北路101号", "01-19", "01-18 01-20")
        + _on("湖滨北路102号", "", "01-19")
        + _on("湖滨中路", "01-19", "01-20"),
    ),
    Layout(
        "o12c_full_width_night",
        "停水通知\n因管道碰口，定于１月２１日（星期四）２３：００至次日５：００，对湖里区禾山街道枋湖社区、枋湖北二路停止供水。"
        + _W,
        "20380118",
        _on("枋湖社区", "01-21 01-22", "01-20 01-23") + _on("枋湖北二路", "01-22", "01-23"),
    ),
    Layout(
        "o12c_gas_call_off_original",
        "停气通知\n1月26日（周二）9:00-17:00，集美区侨英街道侨英花园、凤林小区、叶厝社区停气。" + _G,
        "20380121",
        [],
    ),
    Layout(
        "o12c_gas_call_off_yiji",
        "停气调整通知\n原定1月26日对集美区侨英花园，以及凤林小区的停气取消，叶厝社区停气照常进行。"
        + _G
        + "2038年1月24日",
        "20380124",
        _on("侨英花园", "", "01-26") + _on("凤林小区", "", "01-26") + _on("叶厝社区", "01-26", "01-27"),
    ),
]

GROUPS12_R3 = (
    _on("岛内", "01-06 01-19 01-21", "01-10") + _on("岛外", "01-12 01-13 01-26") + _on("同安区", "01-16", "01-15")
)

LOOKUPS12_R3_HOURS = [
    ("莲花路", "2038-01-06 12:00", False),
    ("莲花路", "2038-01-06 09:00", True),
    ("深青村", "2038-01-13下午", True),
    ("深青村", "2038-01-13晚上", False),
    ("枋湖社区", "2038-01-21夜里", True),
    ("枋湖社区", "2038-01-21上午", False),
]

QUESTIONS12_R3 = [
    ("2038-01-05", "莲花路明天中午停电吗", False),
    ("2038-01-05", "嘉莲社区明天下午停电吗", True),
    ("2038-01-05", "莲花路后天上午9点停电吗", True),
    ("2038-01-05", "莲花路明天11点到下午2点停电吗", False),
    ("2038-01-08", "金湖路明天下午停水吗", False),
    ("2038-01-08", "莲前西路明天下午停水吗", True),
    ("2038-01-08", "金尚路明早有水吗", True),
    ("2038-01-11", "海投天湖城B区明天停气吗", False),
    ("2038-01-11", "海投天湖城C区明天上午停气吗", True),
    ("2038-01-13", "深青村今天下午4点停电吗", False),
    ("2038-01-13", "上头亭社今天上午停电吗", True),
    ("2038-01-13", "深青村今天傍晚停电吗", False),
    ("2038-01-15", "祥平社区今晚停水吗", False),
    ("2038-01-15", "祥平社区明晚停水吗", True),
    ("2038-01-18", "湖滨北路101号明天一早停电吗", True),
    ("2038-01-18", "湖滨北路102号明天停电吗", False),
    ("2038-01-18", "湖滨中路明天下午停电吗", True),
    ("2038-01-18", "湖滨北路101号明天下午1点停电吗", False),
    ("2038-01-21", "枋湖社区今天半夜停水吗", True),
    ("2038-01-21", "枋湖社区今天白天停水吗", False),
    ("2038-01-21", "枋湖北二路明天早上有水吗", True),
    ("2038-01-21", "枋湖社区今晚十点以后停水吗", True),
    ("2038-01-21", "枋湖社区今晚8点停水吗", False),
    ("2038-01-25", "侨英花园明天停气吗", False),
    ("2038-01-25", "叶厝社区明天下午停气吗", True),
    ("2038-01-25", "明儿下午叶厝社区有燃气吗", True),
]

#: The fourth round: 10 notices of February 2038 (02-01 is a Monday), written before running: parts printed with their clocks
#: (上午8:30—下午5:30), the small hours of a day (凌晨0:00至6:00), a Friday night into Saturday said 晚/早, a town's villages by period
#: on one day, power back at an earlier hour (原计划18:00恢复供电，现提前至15:00), hours narrowed (由9:00-17:00调整为9:00-12:00), a
#: whole day of gas; and the whole city, 岛内/岛外 asked for a part of the day.
LAYOUTS12_R4: list[Layout] = [
    Layout(
        "o12d_parts_with_clocks",
        "停电通知\n停电时间：2月3日（周三）上午8:30—下午5:30\n停电范围：湖里区殿前街道兴隆社区、兴湖路" + _P,
        "20380129",
        _on("兴隆社区", "02-03", "02-02 02-04") + _on("兴湖路", "02-03", "02-04"),
    ),
    Layout(
        "o12d_small_hours",
        "停水通知\n因水厂设备检修，2月4日（星期四）凌晨0:00至6:00，集美区杏林街道杏滨社区、杏林湾路（杏林段）暂停供水。"
        + _W,
        "20380201",
        _on("杏滨社区", "02-04", "02-03 02-05") + _on("杏林湾路", "02-04", "02-05"),
    ),
    Layout(
        "o12d_friday_night",
        "停电公告\n2月5日（周五）晚22:00至2月6日（周六）早6:00，思明区开元街道开禾路、百家村停电。" + _P,
        "20380201",
        _on("开禾路", "02-05 02-06", "02-04 02-07") + _on("百家村", "02-05 02-06", "02-07"),
    ),
    Layout(
        "o12d_villages_by_period",
        "分段停电通知\n2月9日（星期二）翔安区新圩镇分段停电：9:00-11:00 诗坂村；13:00-15:00 金柄村；15:30-17:30 乌山村。"
        + _P,
        "20380204",
        _on("诗坂村", "02-09", "02-08 02-10") + _on("金柄村", "02-09", "02-10") + _on("乌山村", "02-09", "02-10"),
    ),
    Layout(
        "o12d_back_earlier_original",
        "停电通知\n停电时间：2月10日（周三）8:00-18:00\n停电范围：海沧区海沧街道海沧社区、沧林路" + _P,
        "20380205",
        [],
    ),
    Layout(
        "o12d_back_earlier",
        "提前恢复供电通知\n原定2月10日8:00-18:00对海沧区海沧社区、沧林路的停电，原计划18:00恢复供电，现提前至15:00恢复供电。"
        + _P
        + "2038年2月9日",
        "20380209",
        _on("海沧社区", "02-10", "02-09 02-11") + _on("沧林路", "02-10"),
    ),
    Layout(
        "o12d_hours_narrowed_original",
        "停水通知\n2月11日（周四）9:00-17:00，思明区筼筜街道湖滨一里、湖滨二里停水。" + _W,
        "20380205",
        [],
    ),
    Layout(
        "o12d_hours_narrowed",
        "停水时间调整通知\n原定2月11日湖滨一里、湖滨二里的停水，停水时间由9:00-17:00调整为9:00-12:00，停水范围不变。"
        + _W
        + "2038年2月9日",
        "20380209",
        _on("湖滨一里", "02-11", "02-10 02-12") + _on("湖滨二里", "02-11"),
    ),
    Layout(
        "o12d_whole_day_gas",
        "停气通知\n2月12日（周五）全天，同安区祥平街道阳翟社区、阳翟一路停气，请用户关闭燃气阀门。" + _G,
        "20380207",
        _on("阳翟社区", "02-12", "02-11 02-13") + _on("阳翟一路", "02-12"),
    ),
]

GROUPS12_R4 = (
    _on("岛外", "02-04 02-09 02-12") + _on("岛内", "02-03 02-05 02-11", "02-08") + _on("同安区", "02-12", "02-13")
)

LOOKUPS12_R4_HOURS = [
    ("诗坂村", "2038-02-09 10:00", True),
    ("诗坂村", "2038-02-09 12:00", False),
    ("开禾路", "2038-02-06上午", False),
    ("开禾路", "2038-02-06凌晨", True),
    ("湖滨一里", "2038-02-11下午", False),
    ("湖滨二里", "2038-02-11上午", True),
    ("沧林路", "2038-02-10 16:00", False),
]

QUESTIONS12_R4 = [
    ("2038-02-02", "兴隆社区明天傍晚停电吗", True),
    ("2038-02-02", "兴湖路明天晚上停电吗", False),
    ("2038-02-02", "兴隆社区明天下午３点停电吗", True),
    ("2038-02-03", "杏滨社区明天凌晨停水吗", True),
    ("2038-02-03", "杏滨社区明天上午停水吗", False),
    ("2038-02-03", "杏滨社区今天夜里停水吗", True),
    ("2038-02-04", "开禾路明晚停电吗", True),
    ("2038-02-04", "百家村周六白天停电吗", False),
    ("2038-02-04", "百家村周六早上停电吗", True),
    ("2038-02-08", "诗坂村明天下午停电吗", False),
    ("2038-02-08", "金柄村明天下午停电吗", True),
    ("2038-02-08", "乌山村明天上午停电吗", False),
    ("2038-02-08", "乌山村明天傍晚停电吗", True),
    ("2038-02-09", "海沧社区明天上午停电吗", True),
    ("2038-02-09", "沧林路明天下午4点停电吗", False),
    ("2038-02-09", "海沧社区明天下午停电吗", True),
    ("2038-02-10", "湖滨一里明天下午停水吗", False),
    ("2038-02-10", "湖滨二里明天上午停水吗", True),
    ("2038-02-11", "阳翟社区明天晚上停气吗", True),
    ("2038-02-11", "阳翟一路明天一早有气吗", True),
    ("2038-02-08", "明天下午哪里停电", True),
    ("2038-02-02", "明天晚上8点哪里停电", False),
    ("2038-02-04", "岛内明晚停电吗", True),
    ("2038-02-08", "岛外明天中午停电吗", True),
    ("2038-02-08", "明天上午10点到11点岛外停电吗", True),
]

ALL_LAYOUTS = LAYOUTS12 + LAYOUTS12_R2 + LAYOUTS12_R3 + LAYOUTS12_R4
LOOKUPS = [
    pytest.param(place, day, cut, id=f"{layout.name}-{place}-{day}-{'cut' if cut else 'not'}")
    for layout in ALL_LAYOUTS
    for place, day, cut in layout.answers
]
LOOKUPS += [
    pytest.param(place, day, cut, id=f"group-{place}-{day}-{'cut' if cut else 'not'}")
    for place, day, cut in GROUPS12 + GROUPS12_R2 + GROUPS12_R3 + GROUPS12_R4
]
LOOKUPS += [
    pytest.param(place, day, cut, id=f"hours-{place}-{day}-{'cut' if cut else 'not'}")
    for place, day, cut in LOOKUPS12_R2_HOURS + LOOKUPS12_R3_HOURS + LOOKUPS12_R4_HOURS
]
QUESTIONS = [pytest.param(*q) for q in QUESTIONS12 + QUESTIONS12_R2 + QUESTIONS12_R3 + QUESTIONS12_R4]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_outage_notices(tmp_path_factory.mktemp("outages12") / "data", ALL_LAYOUTS,
                               "https://epaper.xmnn.cn/xmrb/{issued}/B12-{n}.htm", "paper:xmrb") as client:
        yield client


def test_enough_notices_lookups_and_questions() -> None:
    assert len(ALL_LAYOUTS) >= 14 and len(LOOKUPS) >= 60 and len(QUESTIONS) >= 40
    for cut in (True, False):  # right both ways
        assert sum(case.values[2] is cut for case in LOOKUPS) >= 20 and sum(q.values[2] is cut for q in QUESTIONS) >= 15


@pytest.mark.parametrize(("place", "day", "cut"), LOOKUPS)
def test_the_api_answers_each_place_on_each_day(served, place: str, day: str, cut: bool) -> None:
    assert_api_outage_lookup(served, place, day, cut)


@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS)
def test_the_search_box_answers_each_question(served, monkeypatch, today: str, query: str, affected: bool) -> None:
    assert_search_box_outage_answer(served, monkeypatch, today, query, affected)


@pytest.mark.parametrize(
    ("query", "area", "day", "until", "words"),
    [
        # round 1: 五缘湾1号明天停气吗 was read as 五缘湾 from the 1st (of the next month) to tomorrow
        ("五缘湾1号明天停气吗", "五缘湾1号", "2037-11-10", "", ""),
        ("五缘湾１号明天会停气吗", "五缘湾1号", "2037-11-10", "", ""),
        ("海峡一号明天停气吗", "海峡一号", "2037-11-10", "", ""),
        ("高殿社区7号停电吗", "高殿社区", "2037-11-07", "", ""),  # after a community 7号 stays the day
        # the part of the day and the time asked (outages11's gap: answered for the whole day)
        ("厦禾路单号今天下午停电吗", "厦禾路单号", "2037-11-09", "", "下午"),
        ("台湾街今晚停水吗", "台湾街", "2037-11-09", "", "今晚"),
        ("厦禾路101号明天下午两点到四点停电吗", "厦禾路101号", "2037-11-10", "", "下午两点到四点"),
        ("白天鹅宾馆明天停电吗", "白天鹅宾馆", "2037-11-10", "", ""),  # 白天 is the hotel's name
    ],
)
def test_how_the_question_is_read(query: str, area: str, day: str, until: str, words: str) -> None:
    from gongkai.outage_question import read_outage_question

    question = read_outage_question(query, date(2037, 11, 9), printed=lambda name: False)
    assert question is not None
    said = (
        question.area,
        question.day.isoformat() if question.day else "",
        question.until.isoformat() if question.until else "",
    )
    assert said + (question.hours.words if question.hours else "",) == (area, day, until, words)


@pytest.mark.parametrize(
    ("said", "spans"),
    [
        ("下午", [(12 * 60, 18 * 60)]),
        ("明天8点到10点", [(8 * 60, 10 * 60)]),
        ("下午两点到四点", [(14 * 60, 16 * 60)]),
        ("9点至下午5点", [(9 * 60, 17 * 60)]),
        ("下午3点", [(15 * 60, 15 * 60 + 1)]),
        ("八点半", [(8 * 60 + 30, 8 * 60 + 31)]),
        ("晚上10点到凌晨2点", [(22 * 60, 26 * 60)]),
        ("晚上10点到次日凌晨2点", [(22 * 60, 26 * 60)]),  # CLOCK_TIMES read no 次日 inside a range (written first, failed)
        ("10点前", [(0, 10 * 60)]),
        ("凌晨", [(0, 6 * 60), (24 * 60, 30 * 60)]),
    ],
)
def test_the_hours_asked(said: str, spans: list[tuple[int, int]]) -> None:
    from gongkai.asked_hours import asked_hours

    hours = asked_hours(said)
    assert hours is not None and list(hours.spans) == spans


def test_the_house_number_endings_are_one_definition() -> None:
    """A number with 号 after a place's last character is a house number on both sides of the lookup, by one definition
    (gongkai.place_ends): the question (7号 after it is no day) and the notice (a call-off's 1号至30号 is no 30th)."""
    from gongkai.asked_days import take_day
    from gongkai.place_ends import HOUSE_NUMBER_AFTER
    from parsers.notices.outages import find_events

    for end in HOUSE_NUMBER_AFTER:
        taken = take_day(f"金{end}7号 停电", date(2037, 11, 9))
        assert taken is not None and taken.first is None, end
        text = f"原定于2037年11月12日08:00至17:00湖里区金{end}1号至30号停电取消。"
        events = find_events(text, date(2037, 11, 10), "power")
        assert [(e.effect, e.start.day if e.start else None, [a.numbers for a in e.areas]) for e in events] == [
            ("cancelled", 12, ["1号至30号"])
        ], end


def test_a_call_off_across_yiji_names_every_place() -> None:
    """原定于…民族路5号、7号、9号，以及厦禾路10号的停水取消，厦禾路12号停水照常进行 (round 1: only 厦禾路10号's clause, then nothing, was
    called off): the clause opening with 以及 goes on with the list, and 厦禾路12号 going ahead keeps 厦禾路10号 called off."""
    from parsers.notices.outages import find_events

    text = (
        "停水取消通知\n原定于11月12日9:00-17:00对思明区民族路5号、7号、9号，以及厦禾路10号的停水取消，厦禾路12号停水照常进行。"
        + _W
    )
    events = find_events(text, date(2037, 11, 10), "water")
    assert [(e.effect, [(a.name, a.numbers) for a in e.areas]) for e in events] == [
        ("cancelled", [("民族路", "5号"), ("民族路", "7号"), ("民族路", "9号"), ("厦禾路", "10号")])
    ]


@pytest.mark.parametrize(
    ("printed", "asked", "named"),
    [
        ("洋唐居住区B区", "洋唐居住区A区", False),
        ("洋唐居住区B区", "洋唐居住区b区", True),
        ("洋唐居住区B区", "洋唐居住区", True),
        ("万科城（二期）", "万科城一期", False),
    ],
)
def test_another_lettered_part_of_an_estate_is_not_named(printed: str, asked: str, named: bool) -> None:
    from gongkai.outage_areas import area_matches, clean_area

    area, question = clean_area(printed), clean_area(asked)
    assert area is not None and question is not None and area_matches(area, question) is named


def test_each_days_periods_and_the_same_day_said_again() -> None:
    """Round 3: 1月6日至1月8日每天分两个时段停电：8:00-10:00，15:00-17:00 (the 8th alone was read: the words between 每天 and the
    clock, and a second period after the first) and 1月9日上午…；当天下午，莲前西路停水 (the afternoon was read as no window)."""
    from parsers.notices.outages import find_events

    text = "停电通知\n1月6日（周三）至1月8日（周五）每天分两个时段停电：8:00-10:00，15:00-17:00。\n停电范围：思明区嘉莲街道莲花路"
    events = find_events(text, date(2038, 1, 1), "power")
    assert sorted((e.start.day, e.start.hour) for e in events if e.start) == [
        (day, hour) for day in (6, 7, 8) for hour in (8, 15)
    ]
    text = "1月9日（周六）上午，湖里区金山街道金湖路停水；当天下午，思明区莲前街道莲前西路停水。"
    events = find_events(text, date(2038, 1, 6), "water")
    assert [(e.start.isoformat() if e.start else "", [a.name for a in e.areas]) for e in events] == [
        ("2038-01-09T08:00:00", ["金湖路"]),
        ("2038-01-09T12:00:00", ["莲前西路"]),
    ]


@pytest.mark.parametrize(
    ("query", "area", "words"),
    [("湖滨北路101号明天一早停电吗", "湖滨北路101号", "一早"), ("枋湖社区今天半夜停水吗", "枋湖社区", "半夜")],
)
def test_more_parts_of_the_day_are_no_place(query: str, area: str, words: str) -> None:
    """Round 3: 一早 and 半夜 stayed on the place, so nothing was asked."""
    from gongkai.outage_question import read_outage_question

    question = read_outage_question(query, date(2038, 1, 18), printed=lambda name: False)
    assert (
        question is not None and question.area == area and question.hours is not None and question.hours.words == words
    )


@pytest.mark.parametrize(
    ("text", "utility", "read"),
    [
        # round 4: the whole window was called off (原计划18:00恢复供电，现提前至15:00恢复供电), the morning's cut lost
        (
            "提前恢复供电通知\n原定2月10日8:00-18:00对海沧区海沧社区的停电，原计划18:00恢复供电，现提前至15:00恢复供电。",
            "power",
            [("cancelled", "2038-02-10T15:00:00", ["海沧区海沧社区"])],
        ),
        # round 4: no place was read, so the old hours stood beside the new
        (
            "停水时间调整通知\n原定2月11日湖滨一里、湖滨二里的停水，停水时间由9:00-17:00调整为9:00-12:00，停水范围不变。",
            "water",
            [
                ("cancelled", "2038-02-11T09:00:00", ["湖滨一里", "湖滨二里"]),
                ("cut", "2038-02-11T09:00:00", ["湖滨一里", "湖滨二里"]),
            ],
        ),
        # round 4: the villages were read without the district heading them after the day
        (
            "分段停电通知\n2月9日（星期二）翔安区新圩镇分段停电：9:00-11:00 诗坂村；13:00-15:00 金柄村",
            "power",
            [("cut", "2038-02-09T09:00:00", ["翔安区诗坂村"]), ("cut", "2038-02-09T13:00:00", ["翔安区金柄村"])],
        ),
    ],
)
def test_back_earlier_hours_narrowed_and_a_heading_after_the_day(text: str, utility: str, read: list) -> None:
    from parsers.notices.outages import find_events

    events = find_events(text, date(2038, 2, 4), utility)
    assert [
        (e.effect, e.start.isoformat() if e.start else "", [a.district + a.name for a in e.areas]) for e in events
    ] == read
