"""outages14 (session 20): "is my street cut tomorrow?", held-out round 14. Outage notices of August–September 2038 by 国网厦门供电,
厦门水务, 华润燃气 and 厦门日报 as files (`tests/fixtures/heldout20/outages14/`: a pipe table of two districts and two windows a day by
the sides of one road, a GBK 片区 list, a rescheduling (改期) with a place called off, a burst main's repair with the hour water is back,
the paper's columns with Minnan villages, an OCR'd scan (spaced letters, O for 0, 一 for a dash, a place broken over two lines), a DOCX
with a table of districts and a PDF schedule printed by Chromium; round 2: a paper's nights by the sides of a road, a typhoon's
顺延一天 with a place going ahead, an HTML gas table of a 片区's estates, Traditional characters, an SMS with 09月15日, ISO windows
under labels, power back early by its hour, paper columns printing days of the month only (one falling in the next month), a DOCX
with two periods a day; round 3: an OCR'd scan with l for 1, a fault's repair from an hour with no end known, a change to a
night, a tab table of a 片区 with 等, a paper's 本周六, districts numbered 一、二、三、, a paper's 1日 of the next month; round 4: Traditional full-width GB18030, a road cut in two periods, an estate's buildings
in part, a 95598 HTML page with <br>, the paper's 明晚, an SMS calling a window off; round 5: a paper's week table spaced in columns, a notice called off by its day, each night of
a range of days, an even range of houses and an estate's buildings) and the questions citizens type about them (明天/后天/明晚/这周四/
这周末/周日/现在/今晚, a street with its house number or side, a community, an estate).
Written (with what must be answered) before running them. Every notice goes in through the real ingest (bytes → notice parser →
SQLite → tantivy) and is asked over real HTTP, with the harness of tests/test_outages_heldout13.py: `/api/notices/outages` for each
place and day (right both ways) and `/api/search`'s `outage` for each question, its days read from the `today` given."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.outage_layouts import Layout
from tests.support import assert_api_outage_lookup, assert_search_box_outage_answer, days_cut, outage_notices_engine
from tests.test_outages_heldout13 import _encoding

FIXTURES = Path(__file__).parent / "fixtures" / "heldout20" / "outages14"
URL = "https://epaper.xmnn.cn/xmrb/{issued}/B09-{n}.htm"
BINARY = (".pdf", ".docx")  # files ingested as they are (a PDF, a Word file), not as text


def _days(place: str, cut: str, clear: str = "") -> list[tuple[str, str, bool]]:
    return days_cut(place, 2038, cut, clear)  # month-days of August–December: 2038's


#: Each notice's file (its issue day in the name) and the places asked of the lookup on each day: cut, or not.
ANSWERS14: dict[str, list[tuple[str, str, bool]]] = {
    "r1_01_20380802_power_table_two_districts.txt": _days("塔埔东路", "08-05", "08-04 08-06")
    + _days("塔埔东路7号", "08-05", "08-06")
    + _days("塔埔东路8号", "08-05")
    + _days("观音山运营中心", "08-05", "08-06")
    + _days("湖里社区", "08-06", "08-05 08-07")
    + _days("兴华路50号", "08-06", "08-05")
    + _days("兴华路120号", "", "08-06")
    + _days("思明区兴华路", "", "08-06"),
    "r1_02_20380806_water_pianqu.gbk.txt": _days("叶厝社区", "08-10 08-11", "08-09 08-12")
    + _days("侨英花园", "08-10 08-11", "08-12")
    + _days("乐海社区", "08-10", "08-09")
    + _days("集美区", "08-10"),
    "r1_03_20380806_power_original.txt": [],
    "r1_04_20380809_power_rescheduled.txt": _days("岩内村", "08-19", "08-12 08-18 08-20")
    + _days("后溪村", "08-19", "08-12")
    + _days("城内村", "", "08-12 08-19"),
    "r1_05_20380811_burst_main_repair.txt": _days("新阳社区", "08-11", "08-10 08-12")
    + _days("祥露社区", "08-11", "08-12")
    + _days("新阳工业区", "08-11"),
    "r1_06_20380812_paper_columns_minnan.txt": _days("后垵村", "08-14", "08-13 08-15")
    + _days("下峰村", "08-14")
    + _days("后浦社区", "08-14", "08-15")
    + _days("洪厝村", "08-14")
    + _days("过坂村", "08-15", "08-14 08-16")
    + _days("曾厝垵社区", "08-14", "08-15")
    + _days("黄厝社区", "08-14")
    + _days("同安区", "08-14", "08-15")
    + _days("海沧区", "08-15", "08-14"),
    "r1_07_20380818_ocr_scan.txt": _days("莲花五村", "08-23", "08-22 08-24")
    + _days("莲花新村", "08-23")
    + _days("莲岳路251号", "08-23", "08-24")
    + _days("莲岳路100号", "", "08-23"),
    "r1_08_20380816_gas_table.docx": _days("金湖一里", "08-19", "08-18 08-20")
    + _days("金湖二里", "08-19")
    + _days("莲前西路33号", "08-19", "08-20")
    + _days("莲前西路34号", "", "08-19"),
    "r1_09_20380820_schedule.pdf": _days("造水村", "08-24", "08-23 08-25")
    + _days("褒美村", "08-24")
    + _days("军营村", "08-25", "08-24 08-26")
    + _days("潘涂社区", "08-26 08-27", "08-25 08-28"),
    # round 2 (written after round 1 was fixed, before running it)
    "r2_01_20380901_paper_odd_even_nights.txt": _days("嘉禾路101号", "09-03 09-04", "09-02 09-05")
    + _days("嘉禾路100号", "09-04 09-05", "09-03 09-06")
    + _days("嘉禾路301号", "", "09-03")
    + _days("嘉禾路", "09-03 09-04 09-05", "09-06"),
    "r2_02_20380903_power_original.txt": [],
    "r2_03_20380906_power_typhoon_postponed.txt": _days("赵岗村", "09-08", "09-07 09-09")
    + _days("上塘村", "09-08", "09-07")
    + _days("锄山村", "09-07", "09-08"),
    "r2_04_20380906_gas_html_pianqu.htm": _days("水云湾", "09-09", "09-08 09-10")
    + _days("浪琴湾", "09-09", "09-10")
    + _days("未来海岸", "09-09", "09-11")
    + _days("滨湖北路30号", "09-10", "09-09 09-11")
    + _days("滨湖北路80号", "", "09-10")
    + _days("未来海岸蓝湾", "09-09", "09-10")  # added with its fix: an estate said after its area's name
    + _days("未来海岸金湾", "", "09-09"),
    "r2_05_20380910_traditional.txt": _days("台湾山庄", "09-13", "09-12 09-14")
    + _days("江头北路121号", "09-13")
    + _days("江头北路120号", "", "09-13"),
    "r2_06_20380913_sms_zero_padded.txt": _days("金山社区", "09-15", "09-14 09-16"),
    "r2_07_20380914_iso_two_windows.txt": _days("官任社区", "09-16", "09-15 09-17")
    + _days("湖光大厦", "09-16", "09-17")
    + _days("湖滨西路20号", "09-16", "09-15")
    + _days("湖滨西路80号", "", "09-16"),
    "r2_08_20380917_power_original.txt": [],
    "r2_09_20380920_back_early.txt": _days("双岭村", "09-20", "09-19 09-21") + _days("井城村", "09-20"),
    "r2_10_20380922_paper_days_only.txt": _days("苏山村", "09-26", "09-25 09-27")
    + _days("许庄村", "09-26")
    + _days("丙洲社区", "09-27", "09-26 09-28"),
    "r2_11_20380928_paper_days_next_month.txt": _days("龙头路", "10-03 10-04", "09-03 10-02 10-05")
    + _days("福建路", "10-03"),
    "r2_12_20380923_water_two_periods.docx": _days("高殿社区", "09-28", "09-27 09-29")
    + _days("殿前社区", "09-28")
    + _days("后坑社区", "09-28", "09-29"),
    # round 3 (written after round 2 was fixed, before running it)
    "r3_01_20381008_ocr_scan_letters.txt": _days("枋湖社区", "10-12", "10-11 10-13")
    + _days("后坑社区", "10-12")
    + _days("围里社区", "10-12", "10-13"),
    "r3_02_20381009_fault_repair_today.txt": _days("高殿社区", "10-09", "10-08 10-10") + _days("兴隆社区", "10-09", "10-10"),
    "r3_03_20381008_water_original.txt": [],
    "r3_04_20381011_water_moved_to_night.txt": _days("前埔社区", "10-16 10-17", "10-14 10-15")
    + _days("莲前东路40号", "10-16", "10-14")
    + _days("莲前东路41号", "", "10-16"),
    "r3_05_20381013_tab_table_pianqu.txt": _days("浔江社区", "10-19 10-20", "10-18 10-21")
    + _days("岑头社区", "10-19")
    + _days("侨英社区", "10-20", "10-19 10-21"),
    "r3_06_20381015_gas_this_saturday.txt": _days("五缘湾1号", "10-16", "10-15 10-17") + _days("瑞景花园", "10-16", "10-17"),
    "r3_07_20381018_districts_numbered.txt": _days("沙坡尾社区", "10-21", "10-22")
    + _days("大学路50号", "10-21")
    + _days("大学路150号", "", "10-21")
    + _days("金山社区", "10-21", "10-22")
    + _days("新民社区", "10-22", "10-21")
    + _days("城南村", "10-22")
    + _days("同安区", "10-22", "10-21")
    + _days("思明区", "10-21", "10-22"),
    "r3_08_20381028_paper_first_of_next_month.txt": _days("鼎美村", "11-01", "10-01 10-31 11-02"),
    # round 4 (written after round 3 was fixed, before running it)
    "r4_01_20381101_traditional_fullwidth.gb18030.txt": _days("镇海路", "11-03 11-04", "11-02 11-05")
    + _days("大同路50号", "11-03")
    + _days("大同路100号", "", "11-03"),
    "r4_02_20381102_two_periods_road.txt": _days("湖滨南路", "11-05", "11-04 11-06"),
    "r4_03_20381103_estate_buildings.txt": _days("金秋花园3号楼", "11-09", "11-08 11-10")
    + _days("金秋花园8号楼", "", "11-09")
    + _days("金秋花园", "11-09"),
    "r4_04_20381105_html_br_95598.htm": _days("汀溪村", "11-12", "11-11 11-13")
    + _days("前格村", "11-12")
    + _days("隘头村", "11-12", "11-13")
    + _days("同安区", "11-12", "11-13"),
    "r4_05_20381108_gas_tomorrow_night.txt": _days("海新社区", "11-09 11-10", "11-08 11-11") + _days("兴港路", "11-09"),
    "r4_06_20381110_sms_called_off.txt": _days("洪前社区", "", "11-12 11-13") + _days("翔安区", "", "11-13"),
    # round 5 (written after round 4 was fixed, before running it)
    "r5_01_20381201_paper_week_spaced_table.txt": _days("上头亭村", "12-03", "12-02 12-04")
    + _days("田头村", "12-03", "12-04")
    + _days("古宅村", "12-04", "12-03 12-05")
    + _days("大帽山农场", "12-04")
    + _days("苏厝村", "12-05", "12-04 12-06"),
    "r5_02_20381203_water_original.txt": [],
    "r5_03_20381206_water_notice_called_off.txt": _days("吕厝社区", "", "12-07") + _days("江头北路", "", "12-07"),
    "r5_04_20381208_gas_each_night.txt": _days("巡司顶社区", "12-09 12-10 12-11 12-12", "12-08 12-13"),
    "r5_05_20381209_power_even_range_buildings.txt": _days("金尚路100号", "12-13", "12-12 12-14")
    + _days("金尚路101号", "", "12-13")
    + _days("金尚路60号", "", "12-13")
    + _days("金尚小区9号楼", "12-13")
    + _days("金尚小区3号楼", "", "12-13"),
}

#: The parts of a day asked in the lookup's date field (2038-08-05下午), as /outages and the API take them.
HOURS14 = [
    ("塔埔东路7号", "2038-08-05上午", True),
    ("塔埔东路7号", "2038-08-05下午", False),
    ("塔埔东路8号", "2038-08-05上午", False),
    ("塔埔东路8号", "2038-08-05下午", True),
    ("叶厝社区", "2038-08-11凌晨", True),
    ("叶厝社区", "2038-08-11下午", False),
    ("新阳社区", "2038-08-11凌晨", False),
    ("新阳社区", "2038-08-11晚上", True),
    ("军营村", "2038-08-25上午", True),
    ("军营村", "2038-08-25晚上", False),
    ("潘涂社区", "2038-08-26下午", False),
    ("潘涂社区", "2038-08-27凌晨", True),
    # round 2
    ("嘉禾路101号", "2038-09-04凌晨", True),
    ("嘉禾路101号", "2038-09-04晚上", False),
    ("嘉禾路100号", "2038-09-04凌晨", True),  # my error: 凌晨 of a day is its night's small hours too (outages12), 22:00 on
    ("嘉禾路100号", "2038-09-04晚上", True),
    ("滨湖北路30号", "2038-09-10晚上", False),
    ("金山社区", "2038-09-15上午", True),
    ("金山社区", "2038-09-15下午", False),  # 7:30-12:00 ends as the afternoon begins
    ("官任社区", "2038-09-16上午", True),
    ("官任社区", "2038-09-16下午", False),
    ("湖滨西路20号", "2038-09-16上午", False),
    ("湖滨西路20号", "2038-09-16下午", True),
    ("双岭村", "2038-09-20上午", True),
    ("双岭村", "2038-09-20晚上", False),  # power back at 14:30
    ("高殿社区", "2038-09-28凌晨", True),
    ("高殿社区", "2038-09-28下午", False),
    ("后坑社区", "2038-09-28凌晨", False),
    ("后坑社区", "2038-09-28下午", True),
    # round 3
    ("枋湖社区", "2038-10-12上午", True),
    ("枋湖社区", "2038-10-12晚上", False),
    ("兴隆社区", "2038-10-09上午", False),
    ("兴隆社区", "2038-10-09晚上", True),
    ("前埔社区", "2038-10-16下午", False),
    ("前埔社区", "2038-10-17凌晨", True),
    ("侨英社区", "2038-10-20凌晨", False),
    ("浔江社区", "2038-10-20下午", False),
    ("沙坡尾社区", "2038-10-21晚上", False),
    ("金山社区", "2038-10-21上午", False),
    ("金山社区", "2038-10-21下午", True),
    # round 4
    ("镇海路", "2038-11-03下午", False),
    ("镇海路", "2038-11-04早上", True),
    ("湖滨南路", "2038-11-05中午", False),  # 8:00-10:00 and 15:00-17:00: neither touches 11–14
    ("湖滨南路", "2038-11-05下午", True),
    ("湖滨南路", "2038-11-05早上", True),
    ("湖滨南路", "2038-11-05晚上", False),
    ("海新社区", "2038-11-09下午", False),
    ("海新社区", "2038-11-09晚上", True),
    # round 5
    ("上头亭村", "2038-12-03上午", True),
    ("上头亭村", "2038-12-03下午", False),  # 8:00-12:00 ends as the afternoon begins
    ("田头村", "2038-12-03上午", False),
    ("田头村", "2038-12-03下午", True),
    ("巡司顶社区", "2038-12-10下午", False),
    ("巡司顶社区", "2038-12-10晚上", True),
]

#: The questions typed into the search box (today, query, affected?).
QUESTIONS14 = [
    ("2038-08-04", "塔埔东路明天停电吗", True),
    ("2038-08-04", "塔埔东路7号明天下午停电吗", False),
    ("2038-08-04", "塔埔东路8号明天下午停电吗", True),
    ("2038-08-04", "塔埔东路单号明天上午停电吗", True),
    ("2038-08-05", "塔埔东路明天停电吗", False),
    ("2038-08-05", "湖里社区明天停电吗", True),
    ("2038-08-05", "兴华路120号明天停电吗", False),
    ("2038-08-03", "观音山运营中心后天停电吗", True),
    ("2038-08-09", "叶厝社区明晚停水吗", True),
    ("2038-08-10", "侨英花园今天白天停水吗", False),
    ("2038-08-10", "乐海社区明天早上有水吗", True),
    ("2038-08-11", "岩内村明天停电吗", False),
    ("2038-08-16", "岩内村这周四停电吗", True),
    ("2038-08-18", "城内村明天停电吗", False),
    ("2038-08-18", "后溪村明天停电吗", True),
    ("2038-08-11", "新阳社区现在停水吗", True),
    ("2038-08-11", "祥露社区今晚停水吗", True),
    ("2038-08-12", "新阳社区明天还停水吗", False),
    ("2038-08-13", "后垵村明天停电吗", True),
    ("2038-08-13", "后垵村周日停电吗", False),
    ("2038-08-13", "曾厝垵明天停水吗", True),
    ("2038-08-13", "曾厝垵明天停电吗", False),
    ("2038-08-12", "过坂村这周末停电吗", True),
    ("2038-08-13", "洪厝村明天下午停电吗", True),  # 8:30-12:30 touches 12:00-18:00
    ("2038-08-13", "后浦社区明天晚上停电吗", False),
    ("2038-08-18", "金湖二里明天停气吗", True),
    ("2038-08-18", "莲前西路34号明天停气吗", False),
    ("2038-08-18", "莲前西路单号明天停气吗", True),
    ("2038-08-22", "莲花五村明天停电吗", True),
    ("2038-08-22", "莲岳路251号明天停电吗", True),
    ("2038-08-22", "莲花新村明天停电吗", True),
    ("2038-08-23", "汀溪造水村明天停电吗", True),
    ("2038-08-24", "军营村明天晚上停电吗", False),
    ("2038-08-24", "军营村明天上午停电吗", True),
    ("2038-08-26", "潘涂社区今晚停电吗", True),
    ("2038-08-26", "潘涂社区今天白天停电吗", False),
]

TEXT_FILES = sorted(path for path in FIXTURES.iterdir() if path.suffix not in BINARY)
BINARY_FILES = sorted(path for path in FIXTURES.iterdir() if path.suffix in BINARY)
ALL_LAYOUTS = [
    Layout(path.name, path.read_bytes().decode(_encoding(path.name)), path.name.split("_")[2], ANSWERS14[path.name], _encoding(path.name))
    for path in TEXT_FILES
]
LOOKUPS = [
    pytest.param(place, day, cut, id=f"{path.name.split('.')[0]}-{place}-{day}-{'cut' if cut else 'not'}")
    for path in sorted(FIXTURES.iterdir())
    for place, day, cut in ANSWERS14[path.name]
]
LOOKUPS += [pytest.param(place, day, cut, id=f"hours-{place}-{day}-{'cut' if cut else 'not'}") for place, day, cut in HOURS14]
QUESTIONS14_R2 = [
    ("2038-09-03", "嘉禾路单号今晚停水吗", True),
    ("2038-09-03", "嘉禾路双号今晚停水吗", False),
    ("2038-09-04", "嘉禾路100号今晚停水吗", True),
    ("2038-09-04", "嘉禾路101号今晚停水吗", False),
    ("2038-09-02", "嘉禾路这周末停水吗", True),
    ("2038-09-06", "赵岗村明天停电吗", False),
    ("2038-09-07", "赵岗村明天停电吗", True),
    ("2038-09-06", "锄山村明天停电吗", True),
    ("2038-09-08", "水云湾明天停气吗", True),
    ("2038-09-08", "未来海岸蓝湾明天有燃气吗", True),
    ("2038-09-09", "滨湖北路80号明天停气吗", False),
    ("2038-09-12", "臺灣山莊明天停電嗎", True),
    ("2038-09-12", "江头北路120号明天停电吗", False),
    ("2038-09-10", "台湾山庄下周一停电吗", True),
    ("2038-09-14", "金山社区明天几点来电", True),
    ("2038-09-15", "金山社区今天下午停电吗", False),
    ("2038-09-15", "官任社区明天下午停电吗", False),
    ("2038-09-15", "湖滨西路20号明天下午停电吗", True),
    ("2038-09-15", "湖光大厦明天停电吗", True),
    ("2038-09-15", "我们公司在湖滨西路20号，明天停电吗", True),
    ("2038-09-20", "井城村今晚停电吗", False),
    ("2038-09-19", "双岭村明天上午停电吗", True),
    ("2038-09-25", "苏山村明天停电吗", True),
    ("2038-09-26", "丙洲社区明天上午停电吗", True),
    ("2038-09-26", "丙洲社区明天晚上停电吗", False),
    ("2038-10-02", "龙头路明天晚上停水吗", True),
    ("2038-10-03", "福建路今晚停水吗", True),
    ("2038-09-28", "龙头路今天停水吗", False),
    ("2038-09-27", "后坑社区明天上午停水吗", True),  # 9:00-15:00
    ("2038-09-27", "高殿社区明天白天停水吗", False),  # 0:00-6:00 ends as the day (6–18) begins
]
QUESTIONS14_R3 = [
    ("2038-10-11", "枋湖社区明天停水吗", True),
    ("2038-10-12", "后坑社区今晚停水吗", False),
    ("2038-10-09", "高殿社区现在停电吗", True),
    ("2038-10-09", "兴隆社区几点来电", True),
    ("2038-10-10", "高殿社区今天停电吗", False),
    ("2038-10-13", "前埔社区明天停水吗", False),
    ("2038-10-13", "前埔社区这周六晚上停水吗", True),
    ("2038-10-13", "莲前东路双号周六停水吗", True),
    ("2038-10-17", "前埔社区今天早上有水吗", True),
    ("2038-10-18", "浔江社区明晚停水吗", True),
    ("2038-10-19", "侨英社区明天上午停水吗", True),
    ("2038-10-19", "岑头社区今天白天停水吗", False),
    ("2038-10-14", "瑞景花园这周六停气吗", True),
    ("2038-10-15", "五缘湾1号明天有燃气吗", True),
    ("2038-10-16", "瑞景花园明天停气吗", False),
    ("2038-10-20", "沙坡尾明天停电吗", True),
    ("2038-10-20", "大学路150号明天停电吗", False),
    ("2038-10-20", "金山社区明天上午停电吗", False),
    ("2038-10-21", "城南村明天停电吗", True),
    ("2038-10-20", "同安明天停电吗", False),
    ("2038-10-20", "同安后天停电吗", True),
    ("2038-10-31", "鼎美村明天停电吗", True),
    ("2038-10-29", "鼎美村下周一停电吗", True),
    ("2038-09-30", "鼎美村明天停电吗", False),
]
QUESTIONS14_R4 = [
    ("2038-11-02", "镇海路明天晚上停水吗", True),
    ("2038-11-03", "大同路100号今晚停水吗", False),
    ("2038-11-03", "镇海路明早有水吗", True),
    ("2038-11-04", "湖滨南路明天中午停电吗", False),
    ("2038-11-04", "湖滨南路明天下午3点停电吗", True),
    ("2038-11-04", "湖滨南路明天晚上停电吗", False),
    ("2038-11-03", "湖滨南路这周五停电吗", True),
    ("2038-11-08", "金秋花园3号楼明天停水吗", True),
    ("2038-11-08", "金秋花园8号楼明天停水吗", False),
    ("2038-11-06", "金秋花园下周二停水吗", True),
    ("2038-11-10", "前格村后天停电吗", True),
    ("2038-11-10", "汀溪村周六停电吗", False),
    ("2038-11-10", "洪前社区这周六停电吗", False),
    ("2038-11-09", "岛外11月12日停电吗", True),
    ("2038-11-09", "岛内11月12日停电吗", False),
    ("2038-11-09", "海新社区今晚停气吗", True),
    ("2038-11-09", "兴港路今天白天停气吗", False),
    ("2038-11-10", "海新社区今晚停气吗", False),
]
QUESTIONS14_R5 = [
    ("2038-12-02", "上头亭村明天下午停电吗", False),
    ("2038-12-02", "田头村明天下午停电吗", True),
    ("2038-12-03", "大帽山农场明天停电吗", True),
    ("2038-12-04", "苏厝村明天晚上停电吗", True),  # 全天
    ("2038-12-02", "苏厝村这周末停电吗", True),
    ("2038-12-06", "吕厝社区明天停水吗", False),
    ("2038-12-06", "江头北路明天还停水吗", False),
    ("2038-12-09", "巡司顶社区今晚停气吗", True),
    ("2038-12-10", "巡司顶社区今天白天停气吗", False),
    ("2038-12-12", "巡司顶社区今晚停气吗", False),
    ("2038-12-12", "金尚路100号明天停电吗", True),
    ("2038-12-12", "金尚路101号明天停电吗", False),
    ("2038-12-12", "金尚小区3号楼明天停电吗", False),
    ("2038-12-10", "金尚小区下周一停电吗", True),
]
QUESTIONS = [pytest.param(*q) for q in QUESTIONS14 + QUESTIONS14_R2 + QUESTIONS14_R3 + QUESTIONS14_R4 + QUESTIONS14_R5]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The text notices as outage_notices_engine captures them, the PDF and DOCX as captured files of the same site."""
    from gongkai.parsers import Capture
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    engine = outage_notices_engine(tmp_path_factory.mktemp("outages14") / "data", ALL_LAYOUTS, URL, "paper:xmrb")
    try:
        captures = [
            Capture(data=path.read_bytes(), url=URL.format(issued=path.name.split("_")[2], n=100 + n).replace(".htm", path.suffix),
                    source="paper:xmrb")
            for n, path in enumerate(BINARY_FILES)
        ]
        report = engine.ingest_captures(captures, notices=True, parallel=False)
        assert not report.counts.get("quarantined"), report.as_dict()
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            yield client
    finally:
        engine.close()


def test_every_fixture_is_answered_for() -> None:
    assert sorted(ANSWERS14) == sorted(path.name for path in FIXTURES.iterdir())
    for cut in (True, False):  # right both ways
        assert sum(case.values[2] is cut for case in LOOKUPS) >= 20 and sum(q.values[2] is cut for q in QUESTIONS) >= 10


@pytest.mark.parametrize(("place", "day", "cut"), LOOKUPS)
def test_the_api_answers_each_place_on_each_day(served, place: str, day: str, cut: bool) -> None:
    assert_api_outage_lookup(served, place, day, cut)


@pytest.mark.parametrize(("today", "query", "affected"), QUESTIONS)
def test_the_search_box_answers_each_question(served, monkeypatch, today: str, query: str, affected: bool) -> None:
    assert_search_box_outage_answer(served, monkeypatch, today, query, affected)
