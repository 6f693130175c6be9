"""outages11 (session 17): "is my street cut tomorrow?", held-out round 11. Outage notices of May–June 2037 naming estates
and buildings (XX花园3号楼, 一期/二期, 小区 names), house ranges by 单号/双号, and the questions citizens type about them:
a building or a 小区 named, 明天/这周末/下周三 relative to a given today. Written (with what must be answered) before running
them. Every notice goes in through the real ingest (bytes → notice parser → SQLite → tantivy) and is asked over real HTTP:
`/api/notices/outages` for each place and day (right both ways) and `/api/search`'s `outage` for each question, its days read
from the `today` given (the clock of gongkai.dates set to it)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.outage_layouts import Layout
from tests.support import assert_api_outage_lookup, assert_search_box_outage_answer, days_cut, served_outage_notices

_P = "\n国网厦门供电公司\n"
_W = "\n厦门水务集团有限公司\n"
_G = "\n华润燃气（厦门）有限公司\n"


def _on(place: str, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    return days_cut(place, 2036, cut, clear)  # a month before July is of the year after: 2037


#: The first round: 14 notices of May 2037 (05-04 is a Monday).
LAYOUTS11: list[Layout] = [
    Layout(
        "o11_estate_buildings_power",
        "停电通知\n停电时间：2037年5月6日8:00-17:00\n停电范围：湖里区五缘湾1号5号楼、6号楼，湖里区五缘湾道12号"
        + _P
        + "2037年5月3日",
        "20370503",
        _on("五缘湾1号", "05-06", "05-05 05-07") + _on("五缘湾道12号", "05-06", "05-07"),
    ),
    Layout(
        "o11_garden_building_range",
        "停水通知\n因二次供水设施改造，定于2037年5月7日9:00-16:00对思明区莲前街道瑞景花园3号楼至8号楼暂停供水，请用户提前储水。"
        + _W,
        "20370504",
        _on("瑞景花园", "05-07", "05-06 05-08"),
    ),
    Layout(
        "o11_phases",
        "停电公告\n5月8日（周五）8:30-12:30，集美区杏林街道杏林湾一号一期停电；5月9日（周六）8:30-12:30，杏林湾一号二期停电。"
        + _P,
        "20370505",
        _on("杏林湾一号", "05-08 05-09", "05-07 05-10"),
    ),
    Layout(
        "o11_odd_even_ranges",
        "停电通知\n停电时间 停电范围\n5月11日7:30-12:00 思明区湖滨南路单号（1-199号）\n5月11日13:00-18:00 思明区湖滨南路双号（2-200号）\n"
        "5月12日7:30-12:00 思明区湖滨南路双号（202-400号）" + _P,
        "20370507",
        _on("湖滨南路101号", "05-11", "05-12")
        + _on("湖滨南路100号", "05-11", "05-12")
        + _on("湖滨南路300号", "05-12", "05-11")
        + _on("湖滨南路301号", "", "05-11 05-12"),
    ),
    Layout(
        "o11_xiaoqu_names_water",
        "停水通知\n因市政管网碰口，2037年5月13日22:00至次日6:00，湖里区江头街道江村小区、金山小区、禾山街道万达广场A区停水。"
        + _W,
        "20370509",
        _on("江村小区", "05-13 05-14", "05-12 05-15") + _on("金山小区", "05-13") + _on("万达广场", "05-14", "05-15"),
    ),
    Layout(
        "o11_gas_estate_cancel_original",
        "停气通知\n因燃气管道改造，定于5月16日9:00-15:00对海沧区新阳街道未来海岸蓝月湾、未来海岸水云湾停气。" + _G,
        "20370510",
        [],
    ),
    Layout(
        "o11_gas_estate_cancel_part",
        "停气调整通知\n原定5月16日对海沧区未来海岸水云湾的停气取消，蓝月湾停气照常进行。" + _G + "2037年5月14日",
        "20370514",
        _on("蓝月湾", "05-16", "05-15") + _on("水云湾", "", "05-16") + _on("未来海岸蓝月湾", "05-16"),
    ),
    Layout(
        "o11_weekend_two_days",
        "停电通知\n因线路迁改，5月16日（星期六）、5月17日（星期日）每天7:00-19:00，同安区大同街道双溪花园、银莲花园停电。"
        + _P,
        "20370512",
        _on("双溪花园", "05-16 05-17", "05-15 05-18") + _on("银莲花园", "05-17"),
    ),
    Layout(
        "o11_paper_prose_buildings",
        "本报讯 记者从国网厦门供电公司获悉，5月20日（下周三）8:00至18:00，思明区厦港街道蜂巢山路3号、5号楼及沙坡尾社区部分用户停电；"
        "同日9:00至12:00，思明区大学路99号至129号停电。",
        "20370513",
        _on("蜂巢山路3号", "05-20", "05-19 05-21")
        + _on("沙坡尾社区", "05-20")
        + _on("大学路110号", "05-20", "05-21")
        + _on("大学路131号", "", "05-20"),
    ),
    Layout(
        "o11_building_number_range_hyphen",
        "停水公告\n停水时间：2037年5月21日 8:30—17:30\n停水范围：集美区侨英街道嘉庚体育馆周边，侨英花园1-12幢，集美学村4号楼"
        + _W,
        "20370515",
        _on("侨英花园", "05-21", "05-20 05-22"),
    ),
    Layout(
        "o11_postponed_estate",
        "停电延期公告\n原定于5月22日8:00-17:00对翔安区新店街道洋唐居住区A区、B区的停电，因天气原因延期至5月25日8:00-17:00进行。"
        + _P
        + "2037年5月20日",
        "20370520",
        _on("洋唐居住区", "05-25", "05-22 05-23"),
    ),
    Layout(
        "o11_district_heading_lines",
        "5月27日停水计划\n思明区\n滨海街道曾厝垵社区 9:00-15:00\n湖里区\n殿前街道高殿社区 22:00-次日5:00" + _W,
        "20370522",
        _on("曾厝垵社区", "05-27", "05-26 05-28") + _on("高殿社区", "05-27 05-28", "05-26 05-29"),
    ),
    Layout(
        "o11_column_heading_with_colon",
        "便民提示\n停电：\n5月28日8:00-12:00 湖里区金山街道金湖花园\n停水：\n5月28日9:00-13:00 思明区嘉莲街道嘉莲花园"
        + _P,
        "20370524",
        _on("金湖花园", "05-28", "05-27 05-29") + _on("嘉莲花园", "05-28", "05-29"),
    ),
    Layout(
        "o11_traditional_building",
        "停電通知\n定於５月２９日（星期五）８：００至１２：００，對湖里區湖里街道海天花園１號樓至６號樓停電。\n國網廈門供電公司",
        "20370525",
        _on("海天花园", "05-29", "05-28 05-30"),
    ),
]

#: 岛内/岛外 and whole districts on a day, by every window above.
GROUPS11 = (
    _on("岛外", "05-08 05-16 05-25", "05-11 05-13")
    + _on("岛内", "05-06 05-11 05-27", "05-08 05-25")
    + _on("思明区", "05-07 05-20", "05-06")
    + _on("翔安区", "05-25", "05-22")
)

#: The first round's questions, typed into the search box (today, query, affected?).
QUESTIONS11 = [
    ("2037-05-05", "五缘湾1号5号楼明天停电吗", True),
    ("2037-05-06", "五缘湾1号5号楼明天停电吗", False),
    ("2037-05-05", "五缘湾1号明天停电吗", True),
    ("2037-05-05", "五缘湾道12号明天停电吗", True),
    ("2037-05-06", "瑞景花园5号楼明天停水吗", True),
    ("2037-05-07", "瑞景花园明天停水吗", False),
    ("2037-05-06", "我家在瑞景花园小区明天停不停水", True),
    ("2037-05-07", "杏林湾一号一期明天停电吗", True),
    ("2037-05-07", "杏林湾一号这周末停电吗", True),
    ("2037-05-09", "杏林湾一号明天停电吗", False),
    ("2037-05-10", "湖滨南路101号明天停电吗", True),
    ("2037-05-10", "湖滨南路单号明天停电吗", True),
    ("2037-05-11", "湖滨南路单号明天停电吗", False),
    ("2037-05-11", "湖滨南路双号明天停电吗", True),
    ("2037-05-11", "湖滨南路300号明天停电吗", True),
    ("2037-05-10", "湖滨南路301号后天停电吗", False),
    ("2037-05-13", "江村小区今晚停水吗", True),
    ("2037-05-14", "江村小区明天停水吗", False),
    ("2037-05-13", "万达广场明天早上有水吗", True),
    ("2037-05-15", "蓝月湾明天停气吗", True),
    ("2037-05-15", "水云湾明天停气吗", False),
    ("2037-05-14", "双溪花园这周末停电吗", True),
    (
        "2037-05-11",
        "双溪花园这周末停电吗",
        True,
    ),  # written False first: 05-11 is a Monday, its weekend the 16th (our error)
    ("2037-05-11", "双溪花园下周六停电吗", False),  # written True first: 下周六 of Monday 05-11 is the 23rd (our error)
    ("2037-05-05", "双溪花园下周六停电吗", True),
    ("2037-05-17", "银莲花园今天停电吗", True),
    ("2037-05-13", "沙坡尾社区下周三停电吗", True),
    ("2037-05-18", "沙坡尾社区这周三停电吗", True),
    ("2037-05-18", "沙坡尾社区下周三停电吗", False),
    ("2037-05-19", "大学路110号明天停电吗", True),
    ("2037-05-19", "蜂巢山路5号楼明天停电吗", True),
    ("2037-05-20", "侨英花园3幢明天停水吗", True),
    ("2037-05-21", "侨英花园明天停水吗", False),
    ("2037-05-21", "洋唐居住区明天停电吗", False),
    ("2037-05-24", "洋唐居住区明天停电吗", True),
    ("2037-05-26", "曾厝垵社区明天停水吗", True),
    ("2037-05-26", "明天思明区停水吗", True),
    ("2037-05-26", "明天湖里停水吗", True),
    ("2037-05-27", "金湖花园明天停电吗", True),
    ("2037-05-27", "金湖花园明天停水吗", False),
    ("2037-05-27", "嘉莲花园明天停水吗", True),
    ("2037-05-28", "海天花園３號樓明天停電嗎", True),
    ("2037-05-29", "海天花园明天停电吗", False),
]

#: The second round: 11 notices of June 2037 (06-01 is a Monday), written before running: buildings by #, 栋 and 座, an estate's
#: 二期 with its buildings, a 小区 named in prose before 等, house ranges said 单号/双号 after the numbers, a 小区 called off, a
#: district alone on its line with its rows' clocks first, Traditional 單號, a night over a weekend.
LAYOUTS11_R2: list[Layout] = [
    Layout(
        "o11b_hash_buildings",
        "停电通知\n停电时间：2037年6月3日（星期三）8:30-16:30\n停电范围：思明区嘉莲街道莲花新城3#-8#楼、莲花五村12栋\n"
        + _P,
        "20370529",
        _on("莲花新城", "06-03", "06-02 06-04") + _on("莲花五村", "06-03", "06-04"),
    ),
    Layout(
        "o11b_phase_two_buildings",
        "停水通知\n因加压泵房检修，2037年6月4日9:00-18:00，湖里区殿前街道禹洲华侨城二期1-5号楼、禹洲华侨城商业街停水。"
        + _W,
        "20370530",
        _on("禹洲华侨城", "06-04", "06-03 06-05"),
    ),
    Layout(
        "o11b_prose_xiaoqu_etc",
        "本报讯 因配套线路改造，6月6日（周六）7:00至19:00，集美区侨英街道叶厝社区的侨英新城小区、滨水小区等停电，请居民提前做好准备。",
        "20370602",
        _on("侨英新城小区", "06-06", "06-05 06-07") + _on("滨水小区", "06-06") + _on("叶厝社区", "06-06", "06-07"),
    ),
    Layout(
        "o11b_odd_after_numbers",
        "停电公告\n6月8日8:00-12:00，思明区厦禾路101号至199号（单号）停电；6月8日14:00-18:00，思明区厦禾路100号至198号（双号）停电。"
        + _P,
        "20370603",
        _on("厦禾路151号", "06-08", "06-07 06-09") + _on("厦禾路150号", "06-08") + _on("厦禾路251号", "", "06-08"),
    ),
    Layout(
        "o11b_xiaoqu_cancel_original",
        "停气通知\n定于6月10日9:00-14:00对湖里区江头街道台湾山庄、金湖小区停气。" + _G,
        "20370604",
        [],
    ),
    Layout(
        "o11b_xiaoqu_cancel",
        "停气取消通知\n原定于6月10日9:00-14:00对湖里区江头街道台湾山庄、金湖小区的停气取消，恢复正常供气。"
        + _G
        + "2037年6月8日",
        "20370608",
        _on("台湾山庄", "", "06-10") + _on("金湖小区", "", "06-10"),
    ),
    Layout(
        "o11b_district_alone_clock_first",
        "6月12日停电计划\n集美区\n8:00-17:00 灌口镇东辉村、上塘村\n同安区\n7:30-12:30 五显镇布塘村" + _P,
        "20370608",
        _on("东辉村", "06-12", "06-11 06-13") + _on("布塘村", "06-12") + _on("灌口镇", "06-12", "06-13"),
    ),
    Layout(
        "o11b_traditional_even",
        "停水通知\n因管網改造，6月13日（星期六）9:00至17:00，思明區中華街道中山路雙號（2-100號）、大同路暫停供水。\n廈門水務集團有限公司",
        "20370609",
        _on("中山路50号", "06-13", "06-12 06-14") + _on("大同路", "06-13", "06-14") + _on("中山路51号", "", "06-13"),
    ),
    Layout(
        "o11b_weekend_night",
        "停水公告\n因主干管碰口施工，6月13日（周六）23:00至6月14日（周日）7:00，海沧区海沧街道海虹社区、未来海岸蓝月湾停水。"
        + _W,
        "20370610",
        _on("海虹社区", "06-13 06-14", "06-12 06-15") + _on("蓝月湾", "06-14", "06-15"),
    ),
    Layout(
        "o11b_block_zuo",
        "停电通知\n停电时间：6月17日（下周三）8:00-17:30\n停电范围：湖里区湖里街道华美社区、华美空间A座、B座" + _P,
        "20370612",
        _on("华美社区", "06-17", "06-16 06-18") + _on("华美空间", "06-17"),
    ),
    Layout(
        "o11b_garden_two_days_sides",
        "停电通知\n6月18日8:00-12:00：翔安区新店街道蔡厝社区、祥福花园一期\n6月19日8:00-12:00：祥福花园二期" + _P,
        "20370613",
        _on("祥福花园", "06-18 06-19", "06-17 06-20") + _on("蔡厝社区", "06-18", "06-19"),
    ),
]

GROUPS11_R2 = _on("岛外", "06-06 06-12 06-13 06-18", "06-08 06-10") + _on(
    "岛内", "06-03 06-08 06-13", "06-12 06-18 06-10"
)

#: The second round's questions (a building by #/栋/座, 二期, 小区, 单号/双号, 这周末/下周三/大后天 relative to today, Traditional).
QUESTIONS11_R2 = [
    ("2037-06-02", "莲花新城5#楼明天停电吗", True),
    ("2037-06-02", "莲花新城5号楼明天停电吗", True),
    ("2037-06-03", "莲花新城明天停电吗", False),
    ("2037-06-01", "莲花五村12栋后天停电吗", True),
    ("2037-06-03", "禹洲华侨城二期3号楼明天停水吗", True),
    ("2037-06-04", "禹洲华侨城二期明天停水吗", False),
    ("2037-06-01", "我家在禹洲华侨城，这周四停水吗", True),
    ("2037-06-05", "侨英新城小区明天停电吗", True),
    ("2037-06-01", "滨水小区这周末停电吗", True),
    ("2037-06-06", "滨水小区明天停电吗", False),
    ("2037-06-07", "厦禾路151号明天上午停电吗", True),
    ("2037-06-07", "厦禾路单号明天停电吗", True),
    ("2037-06-08", "厦禾路双号明天停电吗", False),
    ("2037-06-07", "厦禾路251号明天停电吗", False),
    ("2037-06-09", "台湾山庄明天停气吗", False),
    ("2037-06-09", "金湖小区明天还停气吗", False),
    ("2037-06-11", "东辉村明天停电吗", True),
    ("2037-06-11", "明天集美停电吗", True),
    ("2037-06-12", "布塘村明天停电吗", False),
    ("2037-06-09", "明天灌口停电吗", False),
    ("2037-06-12", "中山路雙號明天停水嗎", True),
    ("2037-06-12", "中山路单号明天停水吗", False),
    ("2037-06-11", "海虹社区这周末停水吗", True),
    ("2037-06-13", "蓝月湾今晚停水吗", True),
    ("2037-06-14", "海虹社区明天停水吗", False),
    ("2037-06-10", "华美社区下周三停电吗", True),
    ("2037-06-15", "华美空间A座这周三停电吗", True),
    ("2037-06-15", "华美社区下周三停电吗", False),
    ("2037-06-15", "祥福花园大后天停电吗", True),
    ("2037-06-18", "祥福花园二期明天停电吗", True),
    ("2037-06-19", "祥福花园明天停电吗", False),
    ("2037-06-17", "蔡厝社区后天停电吗", False),
]


def _on3(place: str, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    """Round 3's answers: days of July 2037 (days_cut reads a month from July on as of the year given)."""
    return days_cut(place, 2037, cut, clear)


#: The third round: 8 notices of July 2037 (07-06 is a Monday), written before running: columns headed 【停电信息】/【停水信息】,
#: buildings by # in a list, 单号 before the range, 三期 with its buildings, a district heading with its colon alone on its line,
#: a weekend range, a night on one side, a town's lines.
LAYOUTS11_R3: list[Layout] = [
    Layout(
        "o11c_bracketed_info_columns",
        "便民服务\n【停电信息】\n7月8日8:00-12:00 湖里区禾山街道康城花园二期\n【停水信息】\n7月8日9:00-15:00 思明区开元街道百家村",
        "20370706",
        _on3("康城花园", "07-08", "07-07 07-09") + _on3("百家村", "07-08", "07-09"),
    ),
    Layout(
        "o11c_hash_list",
        "停电通知\n停电时间：2037年7月9日（星期四）7:30-17:30\n停电区域：翔安区马巷街道琼头社区、滨海佳园1#、2#楼" + _P,
        "20370706",
        _on3("滨海佳园", "07-09", "07-08 07-10") + _on3("琼头社区", "07-09", "07-10"),
    ),
    Layout(
        "o11c_odd_before_range",
        "停水通知\n因管道迁改，7月10日8:00-18:00，同安区大同街道环城南路单号1-99号、碧岳社区停水。" + _W,
        "20370707",
        _on3("环城南路51号", "07-10", "07-09 07-11") + _on3("环城南路52号", "", "07-10") + _on3("碧岳社区", "07-10"),
    ),
    Layout(
        "o11c_phase_three_buildings",
        "停电公告\n7月13日（周一）8:00-12:00，集美区杏林街道杏林湾一号三期7、8号楼停电。" + _P,
        "20370708",
        _on3("杏林湾一号", "07-13", "07-12 07-14"),
    ),
    Layout(
        "o11c_district_colon_alone",
        "7月14日停电计划\n海沧区：\n海沧街道海发社区 8:00-18:00\n新阳街道祥露社区 8:00-12:00" + _P,
        "20370709",
        _on3("海发社区", "07-14", "07-13 07-15") + _on3("祥露社区", "07-14") + _on3("海沧区", "07-14", "07-15"),
    ),
    Layout(
        "o11c_weekend_range",
        "停电通知\n因配网改造，7月11日至12日（周六至周日）每天8:00-18:00，思明区莲前街道瑞景新村停电。" + _P,
        "20370706",
        _on3("瑞景新村", "07-11 07-12", "07-10 07-13"),
    ),
    Layout(
        "o11c_night_even_side",
        "停水通知\n7月15日（周三）22:00至次日5:00，湖里区湖里街道海天路双号2-88号停水。" + _W,
        "20370710",
        _on3("海天路40号", "07-15 07-16", "07-14 07-17") + _on3("海天路41号", "", "07-15"),
    ),
    Layout(
        "o11c_town_lines",
        "停电公告\n7月22日 7:00-19:00\n灌口镇：东辉村、上塘村\n后溪镇：城内村" + _P,
        "20370715",
        _on3("上塘村", "07-22", "07-21 07-23") + _on3("城内村", "07-22") + _on3("后溪镇", "07-22", "07-21"),
    ),
]

#: The third round's questions (a building by # or 号楼, 三期, 单号/双号, 这周末 said on Monday and on Wednesday, 下周三).
QUESTIONS11_R3 = [
    ("2037-07-07", "康城花园二期明天停电吗", True),
    ("2037-07-07", "百家村明天停水吗", True),
    ("2037-07-07", "百家村明天停电吗", False),
    ("2037-07-08", "滨海佳园2#楼明天停电吗", True),
    ("2037-07-09", "滨海佳园明天停电吗", False),
    ("2037-07-09", "环城南路单号明天停水吗", True),
    ("2037-07-09", "环城南路双号明天停水吗", False),
    ("2037-07-09", "环城南路51号明天停水吗", True),
    ("2037-07-12", "杏林湾一号三期8号楼明天停电吗", True),
    ("2037-07-13", "杏林湾一号明天停电吗", False),
    ("2037-07-13", "海发社区明天停电吗", True),
    ("2037-07-13", "明天海沧停电吗", True),
    ("2037-07-08", "瑞景新村这周末停电吗", True),
    ("2037-07-13", "瑞景新村这周末停电吗", False),
    ("2037-07-06", "瑞景新村这周六停电吗", True),
    ("2037-07-08", "海天路双号下周三停水吗", True),
    ("2037-07-15", "海天路40号今晚停水吗", True),
    ("2037-07-14", "海天路41号明天停水吗", False),
    ("2037-07-21", "上塘村明天停电吗", True),
    ("2037-07-21", "今天后溪停电吗", False),
    ("2037-07-21", "明天后溪停电吗", True),
]

#: The fourth round: 24 questions in other forms about the three rounds' notices, written before running (a request, 我住在…，
#: a building by 栋/幢/座 and #, 期 said with its building, 小区 added, 这周六/下周一/大后天, a day of the month with 号, Traditional).
QUESTIONS11_R4 = [
    ("2037-05-05", "请问五缘湾1号6号楼明天会停电吗", True),
    ("2037-05-04", "我住在瑞景花园3栋，周四停水吗", True),
    ("2037-05-04", "瑞景花园5号楼7号停水吗", True),
    ("2037-05-04", "瑞景花园5号楼6号停水吗", False),
    ("2037-05-06", "杏林湾一号二期这周六停电吗", True),
    ("2037-05-10", "湖滨南路双号明天下午停电吗", True),
    ("2037-05-12", "江村小区13号晚上停水吗", True),
    ("2037-05-13", "蓝月湾小区这周六停气吗", True),
    ("2037-05-13", "水云湾小区这周六停气吗", False),
    ("2037-05-18", "蜂巢山路3号后天停电吗", True),
    ("2037-05-19", "侨英花园5幢后天停水吗", True),
    ("2037-05-20", "洋唐居住区A区大后天停电吗", False),
    ("2037-05-22", "洋唐居住区B区下周一停电吗", True),
    ("2037-05-28", "海天花园１号楼明天停电吗", True),
    ("2037-06-02", "莲花新城3#明天停电吗", True),
    ("2037-06-03", "禹洲华侨城二期1号楼明天停水吗", True),
    ("2037-06-05", "帮我查一下侨英新城明天停不停电", True),
    ("2037-06-08", "厦禾路单号今天下午停电吗", False),
    ("2037-06-08", "厦禾路双号今天下午停电吗", True),
    ("2037-06-16", "华美空间B座明天停电吗", True),
    ("2037-06-17", "祥福花园一期明天停电吗", True),
    ("2037-07-07", "滨海佳园1#楼后天停电吗", True),
    ("2037-07-12", "杏林湾一号三期7号楼明天停电吗", True),
    ("2037-07-14", "杏林湾一号三期7号楼明天停电吗", False),
]

#: The fifth round: 7 notices of August 2037 (08-03 is a Monday) and 16 questions, written before running: 里's buildings, a plaza's
#: 二期 beside a side of a road, buildings listed 3号、5号、7号楼, lettered blocks with a number (A1、A2栋), a building range called
#: off, a night into Saturday, a town heading its day's line.
LAYOUTS11_R5: list[Layout] = [
    Layout(
        "o11e_li_buildings",
        "停电通知\n停电时间：2037年8月4日（星期二）8:00-17:00\n停电范围：思明区莲前街道前埔二里1-20号楼、前埔一里" + _P,
        "20370731",
        _on3("前埔二里", "08-04", "08-03 08-05") + _on3("前埔一里", "08-04", "08-05"),
    ),
    Layout(
        "o11e_plaza_phase_and_side",
        "停水通知\n2037年8月5日9:00-17:00，湖里区江头街道SM城市广场二期、江头东路单号（1-99号）暂停供水。" + _W,
        "20370801",
        _on3("SM城市广场", "08-05", "08-04 08-06") + _on3("江头东路51号", "08-05") + _on3("江头东路50号", "", "08-05"),
    ),
    Layout(
        "o11e_buildings_listed",
        "停电公告\n8月6日8:30-12:30，湖里区殿前街道金尚小区3号、5号、7号楼停电。" + _P,
        "20370802",
        _on3("金尚小区", "08-06", "08-05 08-07"),
    ),
    Layout(
        "o11e_lettered_numbered_blocks",
        "停气通知\n因管道检修，8月7日9:00-13:00对海沧区海沧街道海虹花园A1、A2栋停气。" + _G,
        "20370803",
        _on3("海虹花园", "08-07", "08-06 08-08"),
    ),
    Layout(
        "o11e_building_range_original",
        "停电通知\n停电时间：8月12日8:00-18:00\n停电范围：思明区莲前街道瑞景新村1-10号楼" + _P,
        "20370805",
        [],
    ),
    Layout(
        "o11e_building_range_cancelled",
        "停电取消通知\n原定8月12日对思明区莲前街道瑞景新村1-10号楼的停电取消。" + _P + "2037年8月10日",
        "20370810",
        _on3("瑞景新村", "", "08-12"),
    ),
    Layout(
        "o11e_night_into_saturday",
        "停电通知\n8月14日（周五）20:00至8月15日（周六）6:00，集美区后溪镇溪西村、新厝村停电。" + _P,
        "20370808",
        _on3("溪西村", "08-14 08-15", "08-13 08-16") + _on3("后溪镇", "08-15", "08-16"),
    ),
]

QUESTIONS11_R5 = [
    ("2037-08-03", "前埔二里5号楼明天停电吗", True),
    ("2037-08-04", "前埔二里5号楼明天停电吗", False),
    ("2037-08-03", "我家在前埔一里小区，明天停电吗", True),
    ("2037-08-04", "SM城市广场明天停水吗", True),
    ("2037-08-04", "江头东路双号明天停水吗", False),
    ("2037-08-04", "江头东路单号明天有水吗", True),
    ("2037-08-05", "金尚小区5号楼明天停电吗", True),
    ("2037-08-06", "金尚小区明天停电吗", False),
    ("2037-08-06", "海虹花园A2栋明天停气吗", True),
    ("2037-08-07", "海虹花园明天停气吗", False),
    ("2037-08-10", "瑞景新村5号楼后天停电吗", False),
    ("2037-08-11", "瑞景新村明天还停电吗", False),
    ("2037-08-12", "溪西村这周五晚上停电吗", True),
    ("2037-08-12", "溪西村这周末停电吗", True),
    ("2037-08-10", "后溪下周六停电吗", False),
    ("2037-08-13", "今天后溪停电吗", False),
]

#: The sixth round: 16 questions in yet other forms about the notices above, written before running (Traditional and full-width
#: buildings, 栋 said 幢, a building's 单元, two buildings asked at once, 下下周, 这个周末, 周日 alone, 后天晚上, a request first).
QUESTIONS11_R6 = [
    ("2037-05-05", "五緣灣1號5號樓明天停電嗎", True),
    ("2037-05-05", "五缘湾１号５号楼明天停电吗", True),
    ("2037-05-06", "瑞景花园6号楼2单元明天停水吗", True),
    ("2037-05-06", "瑞景花园3号楼和8号楼明天停水吗", True),
    ("2037-05-04", "杏林湾一号二期下周六停电吗", False),
    ("2037-05-04", "杏林湾一号二期这个周末停电吗", True),
    ("2037-05-12", "双溪花园周日停电吗", True),
    ("2037-05-01", "双溪花园下下周六停电吗", True),  # written for 05-04 first: its 下下周六 is the 23rd (our error)
    ("2037-05-11", "江村小区后天晚上停水吗", True),
    ("2037-05-18", "麻烦问下大学路110号后天上午停电吗", True),
    ("2037-05-20", "侨英花园3栋明天停水吗", True),
    ("2037-06-02", "莲花新城5#楼后天停电吗", False),
    ("2037-06-05", "叶厝社区侨英新城小区明天停电吗", True),
    ("2037-07-12", "杏林湾一号三期明天停电吗", True),
    ("2037-08-06", "海虹花园A1栋明天停气吗", True),
    ("2037-08-06", "海虹花园B1栋后天停气吗", False),
]

#: The seventh round: 5 notices of September 2037 (09-07 is a Monday) and 12 questions, written before running: an estate's 期
#: in brackets, buildings said 幢 in a range with 至, a 小区 and its road's side in a table, a whole 小区 moved a week, a town's 村
#: under a district heading with its colon.
LAYOUTS11_R7: list[Layout] = [
    Layout(
        "o11g_phase_in_brackets",
        "停电通知\n停电时间：2037年9月8日 8:00-16:00\n停电范围：湖里区禾山街道万科城（二期）、云顶北路双号" + _P,
        "20370904",
        _on3("万科城", "09-08", "09-07 09-09") + _on3("云顶北路20号", "09-08") + _on3("云顶北路21号", "", "09-08"),
    ),
    Layout(
        "o11g_blocks_range_zhi",
        "停水通知\n因水池清洗，9月9日9:00至18:00，思明区嘉莲街道嘉莲花园1幢至6幢停水，请提前储水。" + _W,
        "20370905",
        _on3("嘉莲花园", "09-09", "09-08 09-10"),
    ),
    Layout(
        "o11g_table_xiaoqu_side",
        "停电计划表\n日期 时间 区域\n9月10日 7:30-12:30 湖里区江头街道绿家园小区、吕岭路单号（201-299号）\n"
        "9月11日 7:30-12:30 湖里区江头街道台湾街双号（2-50号）" + _P,
        "20370906",
        _on3("绿家园小区", "09-10", "09-09 09-11")
        + _on3("吕岭路251号", "09-10", "09-11")
        + _on3("台湾街30号", "09-11", "09-10"),
    ),
    Layout(
        "o11g_week_later_original",
        "停气通知\n定于9月12日9:00-12:00对集美区侨英街道凤林小区停气。" + _G,
        "20370907",
        [],
    ),
    Layout(
        "o11g_week_later",
        "停气延期通知\n原定9月12日9:00-12:00对集美区侨英街道凤林小区的停气推迟一周进行，时间不变。"
        + _G
        + "2037年9月10日",
        "20370910",
        _on3("凤林小区", "09-19", "09-12 09-13"),
    ),
]

QUESTIONS11_R7 = [
    ("2037-09-07", "万科城二期明天停电吗", True),
    ("2037-09-07", "万科城一期明天停电吗", False),
    ("2037-09-08", "万科城明天停电吗", False),
    ("2037-09-07", "云顶北路单号明天停电吗", False),
    ("2037-09-08", "嘉莲花园3幢明天停水吗", True),
    ("2037-09-09", "嘉莲花园3幢明天停水吗", False),
    ("2037-09-09", "绿家园明天停电吗", True),
    ("2037-09-09", "吕岭路单号明天停电吗", True),
    ("2037-09-10", "台湾街双号明天停电吗", True),
    ("2037-09-11", "凤林小区明天停气吗", False),
    ("2037-09-11", "凤林小区下周六停气吗", True),
    ("2037-09-14", "凤林小区这周六停气吗", True),
]

ALL_LAYOUTS = LAYOUTS11 + LAYOUTS11_R2 + LAYOUTS11_R3 + LAYOUTS11_R5 + LAYOUTS11_R7
LOOKUPS = [
    pytest.param(place, day, cut, id=f"{layout.name}-{place}-{day}-{'cut' if cut else 'not'}")
    for layout in ALL_LAYOUTS
    for place, day, cut in layout.answers
]
LOOKUPS += [
    pytest.param(place, day, cut, id=f"group-{place}-{day}-{'cut' if cut else 'not'}")
    for place, day, cut in GROUPS11 + GROUPS11_R2
]
#: Asked for a part of the day, the lookup answered for the whole day: a window of the morning answered 今天下午 too (README
#: Known gaps, outages11). Closed by outages12 (session 18: gongkai.asked_hours); 厦禾路单号今天下午停电吗 passes.
_WHOLE_DAY_ANSWERED: set[tuple[str, str]] = set()
QUESTIONS = [
    pytest.param(*q, marks=[pytest.mark.xfail(strict=True, reason="a part of the day is answered for the whole day")])
    if q[:2] in _WHOLE_DAY_ANSWERED
    else pytest.param(*q)
    for q in QUESTIONS11
    + QUESTIONS11_R2
    + QUESTIONS11_R3
    + QUESTIONS11_R4
    + QUESTIONS11_R5
    + QUESTIONS11_R6
    + QUESTIONS11_R7
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_outage_notices(tmp_path_factory.mktemp("outages11") / "data", ALL_LAYOUTS,
                               "https://epaper.xmnn.cn/xmrb/{issued}/B11-{n}.htm", "paper:xmrb") as client:
        yield client


def test_enough_notices_lookups_and_questions() -> None:
    assert len(ALL_LAYOUTS) >= 14 and len(LOOKUPS) >= 60 and len(QUESTIONS) >= 40
    for cut in (True, False):  # right both ways
        assert sum(case.values[2] is cut for case in LOOKUPS) >= 25 and sum(q.values[2] is cut for q in QUESTIONS) >= 12


@pytest.mark.parametrize(("place", "day", "cut"), LOOKUPS)
def test_the_api_answers_each_place_on_each_day(served, place: str, day: str, cut: bool) -> None:
    assert_api_outage_lookup(served, place, day, cut)


@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS)
def test_the_search_box_answers_each_question(served, monkeypatch, today: str, query: str, affected: bool) -> None:
    assert_search_box_outage_answer(served, monkeypatch, today, query, affected)


def test_a_building_number_after_a_house_number_is_no_day() -> None:
    """五缘湾1号5号楼明天停电吗 (outages9's gap, round 1: 1号 was read as the 1st beside 明天, so nothing was asked): a number with
    号 right before a building's number (5号楼, 2栋, 3单元) is the house it stands at; 7号 alone and after a community stays a day."""
    from gongkai.outage_question import read_outage_question

    def asked(query: str) -> tuple[str, str] | None:
        question = read_outage_question(query, date(2037, 5, 5), printed=lambda name: False)
        return (question.area, question.day.isoformat() if question.day else "") if question else None

    assert asked("五缘湾1号5号楼明天停电吗") == ("五缘湾1号5号楼", "2037-05-06")
    assert asked("湖滨南路1号2栋明天停电吗") == ("湖滨南路1号2栋", "2037-05-06")
    assert asked("高殿社区7号停电吗") == ("高殿社区", "2037-05-07")
    assert asked("7号停电吗") == ("", "2037-05-07")


def test_a_district_alone_on_its_line_heads_the_rows_below() -> None:
    """5月27日停水计划 / 思明区 / 滨海街道曾厝垵社区 9:00-15:00 / 湖里区 / 殿前街道高殿社区 22:00-次日5:00 (round 1: the first window's
    place was 湖里区, the next heading, and 曾厝垵社区 was lost): a district or town alone on its line heads each row below it that
    opens or ends with a clock range."""
    from parsers.notices.outages import find_events

    text = "5月27日停水计划\n思明区\n滨海街道曾厝垵社区 9:00-15:00\n湖里区\n殿前街道高殿社区 22:00-次日5:00\n厦门水务集团有限公司"
    events = find_events(text, date(2037, 5, 22), "water")
    assert [(e.start.isoformat(), [(a.district, a.name) for a in e.areas]) for e in events] == [
        ("2037-05-27T09:00:00", [("思明区", "曾厝垵社区")]),
        ("2037-05-27T22:00:00", [("湖里区", "高殿社区")]),
    ]
    text = "5月28日停电计划\n翔安区\n8:00-12:00 新圩镇诗坂村；14:00-18:00 新圩镇金柄村\n国网厦门供电公司"
    events = find_events(text, date(2037, 5, 22), "power")
    assert [[(a.district, a.name) for a in e.areas] for e in events] == [[("翔安区", "诗坂村")], [("翔安区", "金柄村")]]


@pytest.mark.parametrize(
    ("printed", "name", "subdistrict", "numbers"),
    [
        ("叶厝社区的侨英新城小区", "侨英新城小区", "叶厝社区", ""),
        ("华美空间A座", "华美空间", "", "A座"),
        ("华美空间A座、B座", "华美空间", "", "A座、B座"),
        ("院前社区东瑶小区1-5号楼", "东瑶小区", "院前社区", "1-5号楼"),
        ("保利叁仟栋A区", "保利叁仟栋", "", ""),
    ],
)
def test_an_estate_after_its_communitys_de_and_a_lettered_block(
    printed: str, name: str, subdistrict: str, numbers: str
) -> None:
    """…叶厝社区的侨英新城小区、滨水小区等停电 and 华美空间A座、B座 (round 2: the places were 的侨英新城小区 and 华美空间A座, so
    侨英新城小区 and 华美空间 asked found nothing): the 的 after a community is no part of the estate, and a lettered block (A座,
    B栋) is the estate's building, as 3号楼 is."""
    from gongkai.outage_areas import clean_area

    area = clean_area(printed)
    assert area is not None and (area.name, area.subdistrict, area.numbers) == (name, subdistrict, numbers)


def test_a_column_headed_with_its_info_word_and_numbers_sharing_their_counter() -> None:
    """【停电信息】 / rows / 【停水信息】 / rows (round 3: the power row was read as water and the water row as power, so 康城花园二期
    明天停电吗 found nothing) is headed as 【停电】 is; 杏林湾一号三期7、8号楼 (round 3: the place was 杏林湾一号三期7) lists two
    buildings with their counter said once; 湖滨南路1、3号 two houses."""
    from parsers.notices.outages import find_events

    text = "便民服务\n【停电信息】\n7月8日8:00-12:00 湖里区禾山街道康城花园二期\n【停水信息】\n7月8日9:00-15:00 思明区开元街道百家村"
    events = find_events(text, date(2037, 7, 6), "power")
    assert [(e.utility, [a.name for a in e.areas]) for e in events] == [("power", ["康城花园"]), ("water", ["百家村"])]
    text = "停电公告\n7月13日（周一）8:00-12:00，集美区杏林街道杏林湾一号三期7、8号楼停电。"
    events = find_events(text, date(2037, 7, 8), "power")
    assert [(a.name, a.numbers) for e in events for a in e.areas] == [("杏林湾一号", "7号楼"), ("杏林湾一号", "8号楼")]
    events = find_events("停电通知\n7月13日8:00-12:00 湖滨南路1、3号", date(2037, 7, 8), "power")
    assert [(a.name, a.numbers) for e in events for a in e.areas] == [("湖滨南路", "1号"), ("湖滨南路", "3号")]


@pytest.mark.parametrize(
    ("query", "area", "day"),
    [
        ("瑞景花园5号楼6号停水吗", "瑞景花园5号楼", "2037-05-06"),
        ("莲花新城3#明天停电吗", "莲花新城3#", "2037-05-05"),
        ("大楼7号停电吗", "大楼7号", ""),
        (
            "瑞景花园6号楼2单元明天停水吗",
            "瑞景花园6号楼2单元",
            "2037-05-05",
        ),  # round 6: a building's 单元 asked nothing
    ],
)
def test_a_day_after_a_building_and_a_building_by_its_hash(query: str, area: str, day: str) -> None:
    """瑞景花园5号楼6号停水吗 (round 4: 6号 after the building was read as no day, so the question asked about any day to come)
    is the 6th; 莲花新城3#明天停电吗 (round 4: no question read) asks about building 3# of the estate; after another 楼 a number
    with 号 stays a house's (大楼7号)."""
    from gongkai.outage_question import read_outage_question

    question = read_outage_question(query, date(2037, 5, 4), printed=lambda name: False)
    assert question is not None and (question.area, question.day.isoformat() if question.day else "") == (area, day)


def test_lettered_blocks_listed_are_the_estates_buildings() -> None:
    """海虹花园A1、A2栋停气 (round 5: the places were 海虹花园A1 and A2栋, so 海虹花园 and 海虹花园A2栋 found nothing): lettered blocks
    listed with their counter said once are the estate's buildings, as 7、8号楼 are; 华美空间A座、B座 too."""
    from parsers.notices.outages import find_events

    events = find_events("停气通知\n8月7日9:00-13:00对海沧区海沧街道海虹花园A1、A2栋停气。", date(2037, 8, 2), "gas")
    assert [(a.name, a.numbers) for e in events for a in e.areas] == [("海虹花园", "A1栋"), ("海虹花园", "A2栋")]
    events = find_events("停电通知\n8月7日8:00-12:00 湖里区湖里街道华美空间A座、B座", date(2037, 8, 2), "power")
    assert [(a.name, a.numbers) for e in events for a in e.areas] == [("华美空间", "A座"), ("华美空间", "B座")]


@pytest.mark.parametrize(
    ("printed", "asked", "named"),
    [
        ("万科城（二期）", "万科城一期", False),
        ("万科城（二期）", "万科城2期", True),
        ("万科城（二期）", "万科城", True),
        ("杏林湾一号三期", "杏林湾一号一期", False),
        ("前埔社区一期", "前埔社区", True),
    ],
)
def test_another_phase_of_an_estate_is_not_named(printed: str, asked: str, named: bool) -> None:
    """万科城（二期） printed, 万科城一期明天停电吗 asked (round 7: answered cut): another phase of the estate is not named by it;
    the estate asked whole, or the same phase said in digits, is."""
    from gongkai.outage_areas import area_matches, clean_area

    area, question = clean_area(printed), clean_area(asked)
    assert area is not None and question is not None and area_matches(area, question) is named
