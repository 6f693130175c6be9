"""Outage questions as citizens type their days and places (session 8, gaps): 近期/这几天 (today and the next
search.outage_recent_days days), holidays (国庆, 五一, 元旦 fixed; 春节, 中秋 lunar through lunardate), numeric
dates (12-7, 12-07, 12月7号, 7号, 七号, 十二月七号, 周3), 岛内/岛外 as groups of districts (data, not code); the
search beneath such a question never requires its time words; 掉了/不见了 mean 遗失 only beside a thing one declares
lost; a date or number piece (12月) is held whole in a relaxed answer, never partly by a record holding 12.
Real engines: a real corpus notice (泰安 2010, public_notices.jsonl) and the bundled notices in SQLite + tantivy."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from gongkai.holidays import holiday_days, holidays
from gongkai.outage_question import answer_outage_question, question_word_spans, read_asked_day, read_outage_question
from gongkai.parsers import Capture, parse_notices
from gongkai.search_types import SearchRequest
from gongkai.textnorm import fold
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from tests.support import build_engine, sample_records

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TODAY = date(2026, 12, 5)  # a Saturday


@pytest.mark.parametrize(("query", "area", "first", "last"), [
    # 近期, 最近, 这几天: today and the next RECENT_DAYS (7) days, an honest range.
    ("近期停电吗", "", TODAY, TODAY + timedelta(days=7)),
    ("湖滨南路最近停水吗", "湖滨南路", TODAY, TODAY + timedelta(days=7)),
    ("这几天湖里区停电吗", "湖里区", TODAY, TODAY + timedelta(days=7)),
    ("近几天会停电吗", "", TODAY, TODAY + timedelta(days=7)),
    ("最近三天停电吗", "", TODAY, TODAY + timedelta(days=2)),  # a number of days: that many, today the first
    ("未来两天湖滨南路停水", "湖滨南路", TODAY, TODAY + timedelta(days=1)),
    # Holidays: fixed dates (国庆 10-01..10-07, 元旦 01-01, 五一 05-01..05-05), the coming one …
    ("国庆节停电吗", "", date(2027, 10, 1), date(2027, 10, 7)),
    ("国庆期间湖滨南路停电吗", "湖滨南路", date(2027, 10, 1), date(2027, 10, 7)),
    ("国庆节期间停水吗", "", date(2027, 10, 1), date(2027, 10, 7)),
    ("元旦湖滨南路停电吗", "湖滨南路", date(2027, 1, 1), None),
    ("五一停水吗", "", date(2027, 5, 1), date(2027, 5, 5)),
    ("劳动节思明区停电吗", "思明区", date(2027, 5, 1), date(2027, 5, 5)),
    # … and lunar ones from lunardate: 春节 2027 (正月初一 02-06) from 除夕 to 初七, 中秋 2027-09-15.
    ("春节期间停电吗", "", date(2027, 2, 5), date(2027, 2, 12)),
    ("过年湖里区停水吗", "湖里区", date(2027, 2, 5), date(2027, 2, 12)),
    ("中秋停电吗", "", date(2027, 9, 15), None),
    ("中秋节湖滨南路停电吗", "湖滨南路", date(2027, 9, 15), None),
    # Numeric dates as typed: 12-7, 12-07, 12月7号, 12月7, 7号, 七号, 十二月七号 (spoken numerals), 周3.
    ("湖滨南路12-7停电吗", "湖滨南路", date(2026, 12, 7), None),
    ("湖滨南路12-07停电", "湖滨南路", date(2026, 12, 7), None),
    ("12月7号停电吗", "", date(2026, 12, 7), None),
    ("12月7停电吗", "", date(2026, 12, 7), None),
    ("7号湖滨南路停电吗", "湖滨南路", date(2026, 12, 7), None),
    ("七号停电吗", "", date(2026, 12, 7), None),
    ("二十七号停电吗", "", date(2026, 12, 27), None),
    ("十二月七号湖滨南路停电吗", "湖滨南路", date(2026, 12, 7), None),
    ("湖滨南路12月七号停水吗", "湖滨南路", date(2026, 12, 7), None),
    ("3号停电了吗", "", date(2026, 12, 3), None),  # a day just over is this month's
    ("1号停电吗", "", date(2027, 1, 1), None),  # further over: the next month's
    ("周3停水吗", "", date(2026, 12, 9), None),
    ("下周三湖滨南路停电吗", "湖滨南路", date(2026, 12, 9), None),
    ("湖滨南路7日停电", "湖滨南路", date(2026, 12, 7), None),  # 7日 is never a house number
    ("思明区7号会停电吗", "思明区", date(2026, 12, 7), None),  # nor 7号 after a district or a community
    ("高殿社区7号停电吗", "高殿社区", date(2026, 12, 7), None),
    ("十一停电吗", "", date(2027, 10, 1), date(2027, 10, 7)),  # 国庆 in numerals …
    ("十一号停电吗", "", date(2026, 12, 11), None),  # … but not 十一号, 二十一号, 十一月
    ("二十一号停电吗", "", date(2026, 12, 21), None),
    # Two days said as a range (至, 到, -, or side by side): the first to the last.
    ("12月7日至8日湖滨南路停电吗", "湖滨南路", date(2026, 12, 7), date(2026, 12, 8)),
    ("12月7日到12月9日停电吗", "", date(2026, 12, 7), date(2026, 12, 9)),
    ("下周一到周三停电吗", "", date(2026, 12, 7), date(2026, 12, 9)),
    ("7号到9号湖滨南路停电", "湖滨南路", date(2026, 12, 7), date(2026, 12, 9)),
    ("今天明天停电吗", "", TODAY, TODAY + timedelta(days=1)),
    ("周六周日停电吗", "", TODAY, TODAY + timedelta(days=1)),
    ("这周六日停电吗", "", TODAY, TODAY + timedelta(days=1)),
    ("周末两天停电吗", "", TODAY, TODAY + timedelta(days=1)),
    ("12月30日至1月2日停电吗", "", date(2026, 12, 30), date(2027, 1, 2)),
    # One day said twice, in brackets or not (明天（12月6日）, 12月7日(周一)), full-width －, 元旦前后.
    ("明天（12月6日）停电吗", "", TODAY + timedelta(days=1), None),
    ("12月7日(周一)湖滨南路停电", "湖滨南路", date(2026, 12, 7), None),  # it asked about a place 12月7日()湖滨南路
    ("12月7号周一停电吗", "", date(2026, 12, 7), None),  # it asked about a place named 12月7号
    ("１２－７停電", "", date(2026, 12, 7), None),
    ("元旦前后停电吗", "", date(2027, 1, 1), None),
    ("湖滨南路（禾祥西路至湖滨一里段）明天停电吗", "湖滨南路（禾祥西路至湖滨一里段）", TODAY + timedelta(days=1), None),
    # A month: this one from today, the next one whole, or one named (12月份, 十一月).
    ("本月停电吗", "", TODAY, date(2026, 12, 31)),
    ("这个月湖滨南路停水吗", "湖滨南路", TODAY, date(2026, 12, 31)),
    ("下个月停电吗", "", date(2027, 1, 1), date(2027, 1, 31)),
    ("下月湖滨南路停电吗", "湖滨南路", date(2027, 1, 1), date(2027, 1, 31)),  # it asked about a place 下月湖滨南路
    ("1月份湖滨南路停水吗", "湖滨南路", date(2027, 1, 1), date(2027, 1, 31)),
    ("十一月停电吗", "", date(2026, 11, 1), date(2026, 11, 30)),
    # The last week, weekend or month (上周 asked about a place named 上周? it asked nothing).
    ("上周停电了吗", "", date(2026, 11, 23), date(2026, 11, 29)),
    ("上周三湖滨南路停电了吗", "湖滨南路", date(2026, 11, 25), None),
    ("上周末停水了吗", "", date(2026, 11, 28), date(2026, 11, 29)),
    ("上个月停电吗", "", date(2026, 11, 1), date(2026, 11, 30)),
    ("上个月3号停电了吗", "", date(2026, 11, 3), None),
    # A part of a month: 月初 1-10, 月中/中旬 11-20, 月底/下旬 21 to the end (this month's from today).
    ("月底停电吗", "", date(2026, 12, 21), date(2026, 12, 31)),
    ("本月底湖滨南路停水吗", "湖滨南路", date(2026, 12, 21), date(2026, 12, 31)),
    ("下月中旬停电吗", "", date(2027, 1, 11), date(2027, 1, 20)),
    ("1月上旬停电吗", "", date(2027, 1, 1), date(2027, 1, 10)),
    ("月初停电吗", "", TODAY, date(2026, 12, 10)),
    # Spoken days and when it comes back.
    ("湖滨南路明儿停电吗", "湖滨南路", TODAY + timedelta(days=1), None),
    ("今儿个停水吗", "", TODAY, None),
    ("湖滨南路今天几点恢复供电", "湖滨南路", TODAY, None),
    ("湖滨南路什么时候恢复供水", "湖滨南路", None, None),
    ("湖滨南路哪天停电", "湖滨南路", None, None),  # asking when: every window not over yet
    ("湖滨南路几号停水", "湖滨南路", None, None),
    ("湖滨南路还在停电吗", "湖滨南路", None, None),
    ("湖滨南路停电最新消息", "湖滨南路", None, None),
    # Schools, hotels, piers are places (厦门大学明天停电吗 asked nothing); 学校 alone is where the asker is.
    ("厦门大学明天停电吗", "厦门大学", TODAY + timedelta(days=1), None),
    ("实验小学明天停水吗", "实验小学", TODAY + timedelta(days=1), None),
    ("海景酒店今天停电吗", "海景酒店", TODAY, None),
    ("轮渡码头明天停水吗", "轮渡码头", TODAY + timedelta(days=1), None),
    ("我们学校明天停电吗", "", TODAY + timedelta(days=1), None),
    # A district by its short name (data: [short_names]); 集美大道, 集美大学 keep theirs.
    ("思明明天停电吗", "思明区", TODAY + timedelta(days=1), None),
    ("厦门湖里停水吗", "湖里区", None, None),
    ("集美大道明天停电吗", "集美大道", TODAY + timedelta(days=1), None),
    # Where the asker lives, said first (我家在莲花北路，…), and a day in Chinese numerals between spaces.
    ("我家在莲花北路，明早8点停水吗", "莲花北路", TODAY + timedelta(days=1), None),
    ("家住高殿社区，今晚停水停电吗", "高殿社区", TODAY, None),
    ("湖滨南路 八号 停燃气", "湖滨南路", date(2026, 12, 8), None),
    # 岛内/岛外: groups of districts (gongkai/data/outage_area_groups.toml), said back by their first name.
    ("岛内明天停电吗", "岛内", TODAY + timedelta(days=1), None),
    ("厦门岛内下周停电吗", "岛内", date(2026, 12, 7), date(2026, 12, 13)),
    ("岛外近期停水吗", "岛外", TODAY, TODAY + timedelta(days=7)),
    ("岛外停水", "岛外", None, None),
])
def test_days_and_places_as_citizens_type_them(query, area, first, last):
    question = read_outage_question(query, TODAY)
    assert question is not None, query
    assert (question.area, question.day, question.until) == (area, first, last), query


@pytest.mark.parametrize(("query", "area"), [
    ("湖滨南路7号停电吗", "湖滨南路7号"),  # a house number, not the 7th
    ("湖滨南路12-7号停电", "湖滨南路12-7号"),
    ("五一路停电", "五一路"),  # a road named after a holiday is a road
    ("7号楼停电", "7号楼"),
])
def test_house_numbers_and_roads_stay_places(query, area):
    question = read_outage_question(query, TODAY)
    assert question is not None and (question.area, question.day) == (area, None)


@pytest.mark.parametrize("query", ["来电显示", "湖滨南路明天来电咨询", "十一月份工作计划", "1月1日到12月31日停电", "最近99天停电吗"])
def test_no_question_in_these(query):
    assert read_outage_question(query, TODAY) is None


def test_recent_days_is_a_setting_and_the_answer_says_the_range(tmp_path):
    assert read_outage_question("近期停电吗", TODAY, recent_days=3).until == TODAY + timedelta(days=3)
    engine = build_engine(tmp_path, [], search={"outage_recent_days": 2})
    try:
        answer = answer_outage_question(engine, "近期停电吗", TODAY)
    finally:
        engine.close()
    assert answer.question.days == [TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=2)]
    assert answer.question.when == "2026-12-05至2026-12-07（近期）"


def test_the_start_of_the_month_once_it_is_over_is_the_next_one():
    question = read_outage_question("月初停电吗", date(2026, 12, 25))
    assert (question.day, question.until) == (date(2027, 1, 1), date(2027, 1, 10))


def test_which_holiday_is_asked():
    by_name = {h.name: h for h in holidays()}
    # Under way, just over (国庆停电了吗 on 10-10), else the next one.
    assert holiday_days(by_name["国庆"], date(2026, 10, 3)) == (date(2026, 10, 1), date(2026, 10, 7))
    assert holiday_days(by_name["国庆"], date(2026, 10, 10)) == (date(2026, 10, 1), date(2026, 10, 7))
    assert holiday_days(by_name["国庆"], date(2026, 11, 10)) == (date(2027, 10, 1), date(2027, 10, 7))
    assert holiday_days(by_name["春节"], date(2026, 1, 20)) == (date(2026, 2, 16), date(2026, 2, 23))  # 初一 02-17
    assert holiday_days(by_name["中秋"], date(2025, 9, 1)) == (date(2025, 10, 6), date(2025, 10, 6))
    # A one-day holiday is one day for the lookup's date field too; a week is not one day.
    assert read_asked_day("元旦", TODAY) == date(2027, 1, 1) and read_asked_day("国庆", TODAY) is None
    assert read_asked_day("12-7", TODAY) == date(2026, 12, 7) == read_asked_day("七号", TODAY)


def _taian_engine(tmp_path):
    """The real 泰安 notice of 2010-12-03 (windows on 6日, 7日 and 9日) in a real store and index."""
    row = next(r for r in map(json.loads, (CORPUS / "web_page_excerpts" / "public_notices.jsonl").open(encoding="utf-8"))
               if r["id"] == "web-notice-001")
    records = parse_notices(Capture(data=row["text"].encode("utf-8"), url=row["source_url"], source="web",
                                    fetched_at=datetime(2010, 12, 4, 8, tzinfo=UTC)))
    return build_engine(tmp_path, records)


def test_every_way_of_typing_the_seventh_finds_the_real_notice_of_that_day(tmp_path):
    engine = _taian_engine(tmp_path)
    sunday = date(2010, 12, 5)
    try:
        for query in ("12-7停电吗", "12/7停电吗", "12-07停电", "12月7号停电吗", "12月7日停电", "7号停电吗", "七号停电吗",
                      "十二月七号停电吗", "下周二停电吗", "周二停电吗", "星期2停电吗"):
            answer = answer_outage_question(engine, query, sunday)
            assert answer is not None and answer.question.day == date(2010, 12, 7), query
            assert [e.start.isoformat() for _, events in answer.found for e in events] == ["2010-12-07T07:00:00"], query
        # 近期: today and the next 7 days hold every window of the notice; 这两天 only the 6th's.
        recent = answer_outage_question(engine, "近期停电吗", sunday)
        assert sorted({e.start.date() for _, events in recent.found for e in events}) == [
            date(2010, 12, 6), date(2010, 12, 7), date(2010, 12, 9)]
        two = answer_outage_question(engine, "这两天停电吗", sunday)
        assert {e.start.date() for _, events in two.found for e in events} == {date(2010, 12, 6)}
        # A range said with two days, and a week: every window in it, from one lookup (not one a day).
        span = answer_outage_question(engine, "12月7日至9日停电吗", sunday)
        assert sorted({e.start.date() for _, events in span.found for e in events}) == [date(2010, 12, 7), date(2010, 12, 9)]
        calls: list[tuple] = []
        outages_on = engine.outages_on
        engine.outages_on = lambda day, until=None: calls.append((day, until)) or outages_on(day, until)
        week = answer_outage_question(engine, "下周停电吗", sunday)
        assert calls == [(date(2010, 12, 6), date(2010, 12, 12))] and len(week.found) == 1
        assert sum(len(events) for _, events in week.found) == 4
    finally:
        engine.close()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    engine = build_engine(tmp_path_factory.mktemp("time-words"), sample_records())
    yield engine
    engine.close()


def test_the_island_and_beyond_answer_by_district(bundled):
    """岛内 is 思明区 + 湖里区, 岛外 海沧/集美/同安/翔安 (data): on 2026-05-21 only a 思明区 notice has a window."""
    island = answer_outage_question(bundled, "岛内明天停电吗", date(2026, 5, 20))
    assert [record.title for record, _ in island.found] == ["5月21日思明区莲花北路等片区计划停电通知"]
    assert island.as_json()["area"] == "岛内"
    assert answer_outage_question(bundled, "岛外明天停电吗", date(2026, 5, 20)).found == []
    water = answer_outage_question(bundled, "岛外2026年4月15日停水吗", TODAY)
    assert [record.title for record, _ in water.found] == ["厦门水务集团有限公司停水公告"]
    assert all(area.district == "集美区" for _, events in water.found for e in events for area in e.areas)
    assert answer_outage_question(bundled, "岛内2026年4月15日停水吗", TODAY).found == []
    # The lookup takes them too (the API and the CLI call Engine.outages), and a district's short name.
    assert [r.title for r, _ in bundled.outages("厦门岛外", date(2026, 4, 15))] == ["厦门水务集团有限公司停水公告"]
    assert [r.title for r, _ in bundled.outages("集美", date(2026, 4, 15))] == ["厦门水务集团有限公司停水公告"]
    assert bundled.outages("思明", date(2026, 4, 15)) == []


def test_the_island_through_the_api(bundled):
    with serve_in_thread(create_app(bundled)) as base, httpx.Client(base_url=base, timeout=30) as client:
        answer = client.get("/api/notices/outages", params={"area": "岛内", "date": "2026-05-21"})
    assert answer.status_code == 200
    assert [n["title"] for n in answer.json()["notices"]] == ["5月21日思明区莲花北路等片区计划停电通知"]


@pytest.mark.parametrize("query", [
    "湖滨南路下周停电吗", "湖滨南路 下周 停电", "国庆节湖滨南路停电吗", "湖滨南路近期停电吗", "湖滨南路这两天停电吗",
    "湖滨南路12/7停电吗", "湖滨南路12-7停电吗", "7号湖滨南路停电吗", "湖滨南路十二月七号停电吗", "湖滨南路周3停电吗",
    "湖滨南路明天8:00停电吗", "春节期间湖滨南路停电吗", "周末两天湖滨南路停电吗", "国庆节期间湖滨南路停电吗",
    "下个月湖滨南路停电吗", "12月份湖滨南路停电吗", "湖滨南路12月7日至9日停电吗", "2026年12月7日湖滨南路停电吗",
    "莲花北路和湖滨南路下周停电吗",  # several places: no answer box, the search alone, still without 下周
    # The question's own words (they were relaxed answers 未包含“哪天”, “时候”, “几点”, “还”, “最新消息”, “突然”)
    "湖滨南路什么时候停电", "湖滨南路哪天停电", "湖滨南路停电到几点", "湖滨南路停电多久", "湖滨南路还在停电吗",
    "湖滨南路停电最新消息", "湖滨南路又停电了", "湖滨南路突然停电", "下个月湖滨南路停不停电",  # 未包含“停不”
    # Outage words notices never print are looked for as they print them (未包含“断电”, “没电”, “点没电”)
    "湖滨南路明天断电吗", "湖滨南路明早8点没电吗？", "我家在湖滨南路，明天没电吗",
])
def test_the_search_under_a_question_never_requires_its_time_words(bundled, query):
    plain = {h.id for h in bundled.search(SearchRequest(q="湖滨南路 停电", limit=50)).hits}
    if "莲花北路" in query:  # several places: a notice naming any of them (session 9: it required both)
        plain |= {h.id for h in bundled.search(SearchRequest(q="莲花北路 停电", limit=50)).hits}
    response = bundled.search(SearchRequest(q=query, limit=50))
    assert not response.relaxed and response.dropped == [], query
    assert {h.id for h in response.hits} == plain, query


def test_time_words_stay_search_words_outside_outage_queries():
    assert question_word_spans(fold("下周 会议")) == [] and question_word_spans(fold("国庆节放假通知")) == []
    # A whole date is an outage question's day too (2019年9月20日湖滨南路停水吗 was relaxed: 未包含“2019年9月20日”) …
    text = fold("2024年5月8日湖滨南路停电")
    assert [text[a:b] for a, b in question_word_spans(text)] == ["2024年5月8日"]
    # … but typed as a clause of its own it is a search word, as every word between spaces is.
    assert question_word_spans(fold("2024年5月8日"), outage_query="2024年5月8日 湖滨南路 停电") == []
    text = fold("5月21日湖滨南路停电")  # a month and day would be 5月 and 21日 anywhere: no search word
    assert [text[a:b] for a, b in question_word_spans(text)] == ["5月21日"]
    text = fold("下周湖滨南路停电")
    assert [text[a:b] for a, b in question_word_spans(text)] == ["下周"]


def test_everyday_words_for_lost_mean_lost_only_beside_a_lost_item(bundled):
    lost = {h.id for h in bundled.search(SearchRequest(q="遗失", kind="notice", limit=100)).hits}
    assert lost
    for query in ("井盖不见了", "钱包掉了", "小狗丢了"):
        response = bundled.search(SearchRequest(q=query, limit=50))
        assert not {h.id for h in response.hits} & lost, query
    for query in ("营业执照丢了", "身份证掉了", "公章不见了", "营业执照 掉了"):
        response = bundled.search(SearchRequest(q=query, limit=50))
        assert {h.id for h in response.hits} & lost, query


def test_a_number_piece_is_held_whole_or_not_at_all(tmp_path):
    """12月 is not partly held by a record holding 12: a relaxed 12月湖滨南路供水 listed 工作简报第12期 (12 taken as a part
    of 12月) beside the one record holding 湖滨南路 and 供水, and 12月简报 counted the 简报 as holding 12月 partly."""
    from gongkai.record import Record

    bulletin = Record(kind="disclosure", title="工作简报第12期", issuer="厦门市人民政府办公厅",
                      publish_date="2024-03-01", body="本期简报共12页。")
    works = Record(kind="disclosure", title="湖滨南路供水管网改造工程", issuer="厦门市市政园林局",
                   publish_date="2024-05-01", body="湖滨南路供水管网改造。")
    engine = build_engine(tmp_path, [bulletin, works])
    try:
        response = engine.search(SearchRequest(q="12月湖滨南路供水", limit=10, explain=True, fill=True))
        assert response.relaxed and [h.title for h in response.hits] == ["湖滨南路供水管网改造工程"]
        for query in ("12月简报", "十二月简报"):
            response = engine.search(SearchRequest(q=query, limit=10, explain=True, fill=True))
            assert [h.title for h in response.hits] == ["工作简报第12期"], query
            assert response.hits[0].explain["segments_partly_held"] == [], query
    finally:
        engine.close()


def test_a_whole_date_asked_is_no_word_the_search_requires(bundled):
    """2019年9月20日湖滨南路停水吗: the 停水通知 of that day prints 9月20日, not 2019年9月20日; the search was a relaxed answer
    未包含“2019年9月20日”. The answer box reads the date; the search beneath it requires 湖滨南路 and 停水 only."""
    response = bundled.search(SearchRequest(q="2019年9月20日湖滨南路停水吗", limit=50))
    assert not response.relaxed and response.dropped == []
    assert "停水通知" in [h.title for h in response.hits]


def test_a_notice_of_either_utility_answers_a_search_for_both(bundled):
    """本周湖滨南路的停水停电通知: a power notice holding 湖滨南路 is an answer (it was a relaxed one, 未包含“停水”)."""
    both = bundled.search(SearchRequest(q="2019年9月20日湖滨南路的停水停电通知", limit=50))
    assert not both.relaxed
    water = {h.id for h in bundled.search(SearchRequest(q="湖滨南路 停水", limit=50)).hits}
    power = {h.id for h in bundled.search(SearchRequest(q="湖滨南路 停电", limit=50)).hits}
    assert {h.id for h in both.hits} == water | power


def test_questions_as_combined_are_read_and_searched_without_their_time_words(bundled):
    """Place × day × outage word × wording, as the measurement's unseen questions combine them: each is read with its
    place and a day, and the search beneath it drops nothing but a place no notice prints."""
    import itertools

    places = {"湖滨南路": "湖滨南路", "思明": "思明区", "岛外": "岛外", "高殿社区": "高殿社区"}
    days = ["明天上午", "下周三", "这周末", "近几天", "国庆", "12月8号", "12-8", "八号", "本月底", "最近三天"]
    words = ["停电", "断电", "停不停水"]
    wordings = ["{p}{d}{u}吗？", "我家在{p}，{d}{u}吗", "{d}{p}什么时候{u}"]
    for (typed, area), day, word, wording in itertools.product(places.items(), days, words, wordings):
        query = wording.format(p=typed, d=day, u=word)
        question = read_outage_question(query, TODAY)
        assert question is not None and question.area == area and question.day is not None, query
        response = bundled.search(SearchRequest(q=query, limit=5, facets=False))
        assert set(response.dropped) <= {typed}, (query, response.dropped)


def test_the_lookup_takes_the_ranges_the_search_box_reads(bundled):
    """/api/notices/outages, /outages and gongkai outages take 下周, 国庆, 12月7日至9日 … as the search box does (they were
    a 422: the lookup took one day); the answer says the first day and `until`; the search page links its range."""
    import html
    import json as jsonlib
    import re
    from urllib.parse import parse_qs, urlsplit

    from typer.testing import CliRunner

    from gongkai.cli.context import state
    from gongkai.cli.main import app

    with serve_in_thread(create_app(bundled)) as base, httpx.Client(base_url=base, timeout=30) as client:
        api = client.get("/api/notices/outages", params={"area": "湖滨南路", "date": "2019年9月19日至20日"})
        assert api.status_code == 200
        answer = api.json()
        assert (answer["date"], answer["until"]) == ("2019-09-19", "2019-09-20")
        assert "停水通知" in [n["title"] for n in answer["notices"]]
        one = client.get("/api/notices/outages", params={"area": "湖滨南路", "date": "2019-09-20"}).json()
        assert one["until"] is None
        page = client.get("/outages", params={"area": "湖滨南路", "date": "2019-09-19至2019-09-20"})
        # the asked days stand apart from the words around them (newuser3, session 21: 在 2024-05-10 有, 至 spaced)
        assert page.status_code == 200 and "2019-09-19 至 2019-09-20" in page.text and "停水通知" in page.text
        search = client.get("/search", params={"q": "湖滨南路下周停电吗"}).text
        link = html.unescape(re.search(r'href="(/outages\?[^"]+)"', search).group(1))  # the range's link: first至last
        first, _, last = parse_qs(urlsplit(link).query)["date"][0].partition("至")
        assert date.fromisoformat(last) - date.fromisoformat(first) == timedelta(days=6)
        assert client.get(link).status_code == 200
    state._settings, state._engine = bundled.settings, bundled
    try:
        result = CliRunner().invoke(app, ["outages", "湖滨南路", "--date", "2019年9月19日至20日", "--json"], catch_exceptions=False)
    finally:
        state._settings = state._engine = None
    assert result.exit_code == 0 and jsonlib.loads(result.stdout)["until"] == "2019-09-20"


def test_a_kept_api_answer_is_not_replayed_on_another_day(bundled, monkeypatch):
    """date=明天 and 湖滨南路明天停电吗 are read from today in Beijing: the API's response cache replayed yesterday's answer
    after midnight (keyed by index state and query string only; an index may take no commit all night)."""
    import gongkai.dates

    with serve_in_thread(create_app(bundled)) as base, httpx.Client(base_url=base, timeout=30) as client:
        answers = []
        for today in (date(2026, 12, 5), date(2026, 12, 6)):
            monkeypatch.setattr(gongkai.dates, "beijing_today", lambda today=today: today)
            lookup = client.get("/api/notices/outages", params={"area": "湖滨南路", "date": "明天"}).json()
            search = client.get("/api/search", params={"q": "湖滨南路明天停电吗"}).json()["outage"]
            answers.append((lookup["date"], search["date"]))
    assert answers == [("2026-12-06", "2026-12-06"), ("2026-12-07", "2026-12-07")]


def test_a_subdistrict_asked_with_its_district_answers_the_places_under_it(tmp_path):
    """湖里区殿前街道明天停电吗 matched nothing: a subdistrict matched the places printed under it only when asked alone
    (殿前街道), not with its district before it."""
    from gongkai.record import Record

    events = [{"utility": "power", "start": "2026-12-06T08:00", "end": "2026-12-06T12:00", "text": "兴湖路",
               "areas": [{"name": "兴湖路", "district": "湖里区", "subdistrict": "殿前街道", "text": "湖里区殿前街道兴湖路"}]}]
    notice = Record(kind="notice", notice_type="outage", title="殿前街道停电通知", issuer="国网厦门供电公司",
                    publish_date="2026-12-03", body="湖里区殿前街道兴湖路停电。", notice={"utility": "power", "events": events})
    engine = build_engine(tmp_path, [notice])
    try:
        for asked in ("湖里区殿前街道", "殿前街道"):
            assert [r.title for r, _ in engine.outages(asked, date(2026, 12, 6))] == ["殿前街道停电通知"], asked
        assert engine.outages("思明区殿前街道", date(2026, 12, 6)) == []
        answer = answer_outage_question(engine, "湖里区殿前街道明天停电吗", TODAY)
        assert answer.question.area == "湖里区殿前街道" and len(answer.found) == 1
    finally:
        engine.close()
