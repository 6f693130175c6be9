"""Review of session 21's changes (review21): each case a bug found by reading the diffs, written before its fix.

1. The holiday notice's 补休 (a day off in lieu, printed after 放假 in the same sentence): the 2015-2017 notices print a
   one-day holiday falling on a weekend as `4月5日放假，4月6日（星期一）补休。`; the Monday was not read, so the freshness
   watch counted it a working day (the year's notice stored, the fixed rules give way to it).
2. A line an OCR spaced one character at a time (parsers.notices.spaced_characters_joined): the places printed after it,
   separated by spaces, were joined into one name.
"""

from __future__ import annotations

from datetime import date

from gongkai.holidays import WorkCalendar, offices_closed_days
from gongkai.parsers.holiday_notice import read_holiday_notice
from gongkai.parsers.notices import spaced_characters_joined

# 国务院办公厅关于2015年部分节假日安排的通知 (国办发明电〔2014〕28号), as gov.cn printed it
NOTICE_2015 = """国务院办公厅关于2015年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2015年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。
二、春节：2月18日至24日放假调休，共7天。2月15日（星期日）、2月28日（星期六）上班。
三、清明节：4月5日放假，4月6日（星期一）补休。
四、劳动节：5月1日放假，与周末连休。
五、端午节：6月20日放假，6月22日（星期一）补休。
六、中秋节：9月27日放假。
七、国庆节：10月1日至7日放假调休，共7天。10月10日（星期六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2014年12月16日"""

# 国务院办公厅关于2017年部分节假日安排的通知: 元旦 on a Sunday, the Monday in lieu (a PDF's line broken inside it)
NOTICE_2017_NEW_YEAR = """一、元旦：1月1日放假，1月2日（星期
一）补休。
二、春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。"""


def test_a_day_in_lieu_printed_after_its_holiday_is_a_day_off():
    schedule = read_holiday_notice(NOTICE_2015.splitlines()[0], NOTICE_2015)
    assert schedule is not None and schedule.year == 2015
    assert schedule.days_off.get(date(2015, 4, 6)) == "清明节"
    assert schedule.days_off.get(date(2015, 6, 22)) == "端午节"
    assert date(2015, 4, 5) in schedule.days_off and date(2015, 9, 27) in schedule.days_off
    assert schedule.working_days == {date(2015, 1, 4), date(2015, 2, 15), date(2015, 2, 28), date(2015, 10, 10)}
    calendar = WorkCalendar(years=frozenset({2015}), days_off=schedule.days_off, working_days=frozenset(schedule.working_days))
    assert offices_closed_days(date(2015, 6, 19), date(2015, 6, 23), calendar) == {
        date(2015, 6, 20), date(2015, 6, 21), date(2015, 6, 22)}


def test_a_day_in_lieu_across_a_pdf_line_break():
    schedule = read_holiday_notice("国务院办公厅关于2017年部分节假日安排的通知", NOTICE_2017_NEW_YEAR)
    assert schedule is not None
    assert {date(2017, 1, 1), date(2017, 1, 2)} <= set(schedule.days_off)
    assert date(2017, 1, 3) not in schedule.days_off


def test_spaced_characters_joined_keeps_words_spaced_apart_on_the_same_line():
    # an OCR'd table row: the label spaced one character at a time, the places beside it words apart
    joined = spaced_characters_joined("停 水 区 域 ： 湖滨南路 莲前西路 仙岳路")
    assert "湖滨南路 莲前西路 仙岳路" in joined
    assert joined.startswith("停水区域：")
    # what it is for still works: a run glued to digits (定 于 …（星 期 二）) is joined beside them too
    assert spaced_characters_joined("定 于 2039年3月3日（星 期 二）8:30-17:00 对 以 下 区 域 停 止 供 水 ：") == (
        "定于 2039年3月3日（星期二）8:30-17:00 对以下区域停止供水：")
    assert spaced_characters_joined("思明区 湖滨南路") == "思明区 湖滨南路"


def test_a_catalogue_pushed_after_files_named_in_chinese_titles_them(settings):
    """3. Store.captures_sent_as (feeds/push.py: a catalogue pushed after its files finds them by the names they were sent
    under) looked the name up in the capture's meta JSON, which is written with ensure_ascii: a name in Chinese, as most
    agencies' files are named, was never found, so the files kept their column's title and the lines waited for ever."""
    from tests.doors12_cases import CZ_PAGES, CZ_TITLES
    from tests.doors13_cases import cz_catalogue_lines, jsonl
    from tests.support import agency_push_client

    names = ["关于加强2031年预算绩效管理的通知.html", "财政局公告（第2号）.html"]
    lines = [dict(line, file=name) for line, name in zip(cz_catalogue_lines(), names)]
    with agency_push_client(settings, "厦门市财政局") as (engine, client):
        for name, page in zip(names, CZ_PAGES.values()):
            assert client.post("/api/ingest", files={"file": (name, page)}).status_code < 300
        answer = client.post("/api/ingest", files={"file": ("目录.jsonl", jsonl(lines))})
        assert answer.status_code == 202, answer.text
        live = sorted(r.title for r in engine.export() if not r.withdrawn)
        assert live == sorted(CZ_TITLES[:2]), live
        assert engine.store.quarantine_list("open", limit=100) == []
