""""Is my street cut tomorrow?" typed into the search box (gongkai/outage_question.py): the question read from
the query, and the search page answering it with the outage lookup's answer above the results. Real bundled
notices in a real store and index, the page over a real socket."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import httpx
import pytest

from gongkai.dates import beijing_today
from gongkai.outage_question import answer_outage_question, answered_events, read_outage_question
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from tests.support import build_engine, sample_records

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(("query", "area", "day", "utility"), [
    ("湖滨南路明天停电吗", "湖滨南路", TODAY + timedelta(days=1), "电"),
    ("明天湖滨南路会停水吗", "湖滨南路", TODAY + timedelta(days=1), "水"),
    ("请问莲花北路5月21日停电吗？", "莲花北路", date(2026, 5, 21), "电"),
    ("2024年5月6日湖滨南路停电", "湖滨南路", date(2024, 5, 6), "电"),
    ("二〇二四年五月六日 湖滨南路 停电", "湖滨南路", date(2024, 5, 6), "电"),
    ("湖滨南路200号后天停电", "湖滨南路200号", TODAY + timedelta(days=2), "电"),
    ("思明区停电", "思明区", None, "电"),
    ("会展中心停电吗", "会展中心", None, "电"),  # 会 begins the name: only trailing particles go
    ("鼓浪屿停水停电", "鼓浪屿", None, "水电"),
    ("万达广场今天停气吗", "万达广场", TODAY, "气"),
    # Typed as citizens type them (probe, session 6): Traditional characters, full-width digits, the part of the
    # day, weekdays (TODAY is a Saturday), yesterday, the city before the place, 哪里 beside a district.
    ("湖濱南路明天停電嗎", "湖滨南路", TODAY + timedelta(days=1), "电"),
    ("莲花北路５月２１日停电吗", "莲花北路", date(2026, 5, 21), "电"),
    ("湖滨南路明天早上会停电吗", "湖滨南路", TODAY + timedelta(days=1), "电"),
    ("湖滨南路明晚停电吗", "湖滨南路", TODAY + timedelta(days=1), "电"),
    ("湖滨南路今天还停电吗", "湖滨南路", TODAY, "电"),
    ("湖滨南路昨天停电了吗", "湖滨南路", TODAY - timedelta(days=1), "电"),
    ("湖滨南路周一停电吗", "湖滨南路", date(2026, 12, 7), "电"),
    ("湖滨南路星期六停水吗", "湖滨南路", TODAY, "水"),
    ("湖滨南路下周三停电吗", "湖滨南路", date(2026, 12, 9), "电"),
    ("湖滨南路怎么又停电了", "湖滨南路", None, "电"),
    ("湖滨南路停电到几点", "湖滨南路", None, "电"),
    ("厦门湖滨南路明天停电吗", "湖滨南路", TODAY + timedelta(days=1), "电"),
    ("厦门市思明区湖滨南路123号停电吗", "思明区湖滨南路123号", None, "电"),
    ("厦门北站明天停电吗", "厦门北站", TODAY + timedelta(days=1), "电"),
    ("思明区明天哪些地方停电", "思明区", TODAY + timedelta(days=1), "电"),
    ("湖滨南路明天有停电吗", "湖滨南路", TODAY + timedelta(days=1), "电"),
    ("湖滨南路明天停不停电", "湖滨南路", TODAY + timedelta(days=1), "电"),
    ("明天湖滨南路那边停电没", "湖滨南路", TODAY + timedelta(days=1), "电"),
    ("湖滨南路明天要不要停水", "湖滨南路", TODAY + timedelta(days=1), "水"),
    ("湖滨南路周边明天停自来水吗", "湖滨南路", TODAY + timedelta(days=1), "水"),
    ("湖滨南路明天停天然气吗", "湖滨南路", TODAY + timedelta(days=1), "气"),
    ("湖滨南路停电时间", "湖滨南路", None, "电"),
    ("软件园信息大厦明天停电吗", "软件园信息大厦", TODAY + timedelta(days=1), "电"),  # 信息 taken out at the end only
    ("还珠路明天停电吗", "还珠路", TODAY + timedelta(days=1), "电"),  # 还 (今天还停电吗) taken out at the end only
    ("湖滨南路十二月二十一日停电吗", "湖滨南路", date(2026, 12, 21), "电"),
    ("湖滨南路下个月3号停电吗", "湖滨南路", date(2027, 1, 3), "电"),  # it asked about 湖滨南路下个月3号
    ("湖滨南路本月31日停电吗", "湖滨南路", date(2026, 12, 31), "电"),
    ("因线路检修，湖滨南路明天停电", "湖滨南路", TODAY + timedelta(days=1), "电"),  # the cause is no part of the place
    ("软件园二期明天停电吗", "软件园二期", TODAY + timedelta(days=1), "电"),
    # A notice's title pasted: its place is asked (思明区莲花北路等片区 named no place the lookup knows).
    ("5月21日思明区莲花北路等片区计划停电通知", "思明区莲花北路", date(2026, 5, 21), "电"),
])
def test_outage_questions_as_citizens_type_them(query, area, day, utility):
    question = read_outage_question(query, TODAY)
    assert question is not None, query
    assert (question.area, question.day, question.utility) == (area, day, utility)


@pytest.mark.parametrize("query", [
    "停电", "停电通知", "营业执照遗失", "关于停电的通知", "停电期间给您带来不便", "供电公司停电",
    "湖滨南路", "厦府〔2014〕12号", "2月30日湖滨南路停电",
    "关于集美区部分区域燃气管道检修停气的通知",  # a 管道 is no 道 (road)
    "厦门市停电",  # the whole city with no day: a search, not a question (it would list every window ever)
    "湖滨南路3.5米停电",  # a length is no month.day
    # Where the asker is, with no day: no place to answer for (they were answered 没有查到“这里”的停电通知).
    "这里停电", "我这里停电了", "家里停电了", "小区停电", "这个小区停电", "村里停电", "本市停电", "全市停电",
    # Several places are each answered (session 9: tests/test_outage_question_forms.py), but not more than MOST_PLACES.
    "湖滨南路、莲花北路、厦禾路、嘉禾路、禾祥西路、湖滨北路停电",
])
def test_queries_that_ask_no_outage_question(query):
    assert read_outage_question(query, TODAY) is None


@pytest.mark.parametrize(("query", "area", "day", "until", "utility"), [
    # A day and no place: the whole city that day (the session-6 gap: these asked nothing).
    ("明天哪里停电", "", TODAY + timedelta(days=1), None, "电"),
    ("明天哪些地方停电", "", TODAY + timedelta(days=1), None, "电"),
    ("今天停电吗", "", TODAY, None, "电"),
    ("厦门市明天停电吗", "", TODAY + timedelta(days=1), None, "电"),
    ("2024年5月8日停电", "", date(2024, 5, 8), None, "电"),
    ("关于2024年5月8日停水的通知", "", date(2024, 5, 8), None, "水"),
    # The weekend: two days (TODAY is a Saturday: 周末 is today and tomorrow; 下周末 next week's).
    ("湖滨南路周末停电吗", "湖滨南路", TODAY, TODAY + timedelta(days=1), "电"),
    ("这个周末停水吗", "", TODAY, TODAY + timedelta(days=1), "水"),
    ("下周末湖里区停电吗", "湖里区", date(2026, 12, 12), date(2026, 12, 13), "电"),
    ("思明区双休日停电吗", "思明区", TODAY, TODAY + timedelta(days=1), "电"),
    # Two days said as one, and a week (TODAY is a Saturday: 这周 is today and tomorrow; 下周 Monday to Sunday);
    # 明后天 holds 后天 but asks both days.
    ("这两天停电吗", "", TODAY, TODAY + timedelta(days=1), "电"),
    ("湖滨南路明后天停水吗", "湖滨南路", TODAY + timedelta(days=1), TODAY + timedelta(days=2), "水"),
    ("今明两天湖里区停电吗", "湖里区", TODAY, TODAY + timedelta(days=1), "电"),
    ("湖滨南路下周停电吗", "湖滨南路", date(2026, 12, 7), date(2026, 12, 13), "电"),
    ("本星期思明区停水吗", "思明区", TODAY, TODAY + timedelta(days=1), "水"),
    ("下个星期停电吗", "", date(2026, 12, 7), date(2026, 12, 13), "电"),
    # Month/day written with / or . (12/7, 12.7), as people type dates.
    ("湖滨南路12/7停电吗", "湖滨南路", date(2026, 12, 7), None, "电"),
    ("12.7湖滨南路停电", "湖滨南路", date(2026, 12, 7), None, "电"),
    ("湖滨南路1/5停水吗", "湖滨南路", date(2027, 1, 5), None, "水"),  # near the turn of the year: next January
    # Full-width ／ and ． (a Chinese input method's): the same day (they asked nothing).
    ("１２／７停电", "", date(2026, 12, 7), None, "电"),
    ("湖滨南路１２．７停电吗", "湖滨南路", date(2026, 12, 7), None, "电"),
    # Which community, which place: the whole city, not a place named 小区 (明天哪些小区停水 asked about 小区).
    ("明天哪些小区停水", "", TODAY + timedelta(days=1), None, "水"),
    ("明天哪个小区停电", "", TODAY + timedelta(days=1), None, "电"),
    ("明天哪个地方停电", "", TODAY + timedelta(days=1), None, "电"),
    ("思明区明天哪个小区停电", "思明区", TODAY + timedelta(days=1), None, "电"),
    # Where the asker is, with a day: the whole city that day, not a place named 这里 or 小区.
    ("我们这里明天停电吗", "", TODAY + timedelta(days=1), None, "电"),
    ("家里明天停电吗", "", TODAY + timedelta(days=1), None, "电"),
    ("我们小区明天停水吗", "", TODAY + timedelta(days=1), None, "水"),
    ("我们村明天停电吗", "", TODAY + timedelta(days=1), None, "电"),
    ("整个厦门明天停电吗", "", TODAY + timedelta(days=1), None, "电"),
    ("第一医院明天停电吗", "第一医院", TODAY + timedelta(days=1), None, "电"),  # a hospital named is a place
    # A time of day is no part of the place (3点湖滨南路) and no end of the question (8:00 lost its colon).
    ("明天下午3点湖滨南路停电吗", "湖滨南路", TODAY + timedelta(days=1), None, "电"),
    ("湖滨南路明天8:00停电吗", "湖滨南路", TODAY + timedelta(days=1), None, "电"),
    ("明天上午八点到十二点湖滨南路停电吗", "湖滨南路", TODAY + timedelta(days=1), None, "电"),
    ("明天早上7点半停水吗", "", TODAY + timedelta(days=1), None, "水"),
    ("明天上午9点至下午5点湖滨南路停电吗", "湖滨南路", TODAY + timedelta(days=1), None, "电"),  # 至 下午: one range
    ("湖滨南路12/7 8:00-12:00停电", "湖滨南路", date(2026, 12, 7), None, "电"),
])
def test_the_whole_city_the_weekend_and_slash_dates(query, area, day, until, utility):
    question = read_outage_question(query, TODAY)
    assert question is not None, query
    assert (question.area, question.day, question.until, question.utility) == (area, day, until, utility)
    assert question.place == (area or "全市")
    assert question.days == ([day] if until is None else [day + timedelta(days=n) for n in range((until - day).days + 1)])


def test_a_weekend_asked_on_a_sunday_is_the_weekend_under_way():
    sunday = date(2026, 12, 6)
    question = read_outage_question("周末停电吗", sunday)
    assert (question.day, question.until, question.when) == (date(2026, 12, 5), sunday, "2026-12-05至2026-12-06（周末）")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    engine = build_engine(tmp_path_factory.mktemp("outage-question"), sample_records())
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield engine, client
    engine.close()


def _answer(client: httpx.Client, query: str) -> str | None:
    page = client.get("/search", params={"q": query})
    assert page.status_code == 200
    found = re.search(r'<section class="notice-box outage-answer".*?</section>', page.text, re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found.group()))) if found else None


def test_the_search_page_answers_an_outage_question_with_the_lookup(served):
    _, client = served
    # The bundled 停水通知 of 2019-09-20 names 湖滨南路: asked for that day, water, it is the answer.
    answer = _answer(client, "2019年9月20日湖滨南路停水吗")
    assert answer is not None and "“湖滨南路”2019-09-20有1条停水通知" in answer.replace(" ", "")
    assert "13:30" in answer
    # The same day for power: the water notice is no answer.
    assert "没有查到“湖滨南路”2019-09-20的停电通知" in _answer(client, "2019年9月20日湖滨南路停电").replace(" ", "")
    # Tomorrow (Beijing), said in words, is said back with its date.
    tomorrow = (beijing_today() + timedelta(days=1)).isoformat()
    assert f"没有查到“湖滨南路”{tomorrow}（明天）的停电通知" in _answer(client, "湖滨南路明天停电吗").replace(" ", "")
    # Not a question: no box; the search results are what they were.
    assert _answer(client, "营业执照遗失") is None
    assert _answer(client, "停电") is None


def test_the_whole_city_is_answered_with_every_outage_of_the_day(served):
    """明天哪里停电 / 2019年9月20日停水吗: every outage notice with a window on that day, wherever it is, on the page,
    the API (area "") and the engine (Engine.outages_on); a weekend answers both days, each notice once."""
    engine, client = served
    answer = _answer(client, "2019年9月20日停水吗").replace(" ", "")
    assert "“全市”2019-09-20有1条停水通知" in answer and "13:30" in answer and "22:00" in answer
    api = client.get("/api/search", params={"q": "2019年9月20日停水吗"}).json()["outage"]
    assert (api["area"], api["date"], api["until"], api["count"]) == ("", "2019-09-20", None, 1)
    assert [n["title"] for n in api["notices"]] == ["停水通知"]
    # Power that day: the water notice is no answer, and the city has no power outage then.
    assert "没有查到“全市”2019-09-20的停电通知" in _answer(client, "2019年9月20日停电").replace(" ", "")
    # Every notice the city-wide lookup finds names a window covering the day (the place is not asked).
    found = engine.outages_on(date(2026, 5, 21))
    assert [record.title for record, _ in found] == ["5月21日思明区莲花北路等片区计划停电通知"]
    assert all(event.start.date() <= date(2026, 5, 21) for _, events in found for event in events)
    # A weekend (2018-06-23 is a Saturday): the Saturday's window answers 周末 asked that week, once.
    weekend = answer_outage_question(engine, "周末停电吗", date(2018, 6, 19))
    assert weekend.question.days == [date(2018, 6, 23), date(2018, 6, 24)]
    assert [(record.title, [e.start.isoformat() for e in events]) for record, events in weekend.found] == [
        ("6月19日思明区莲前西路等片区计划停电通知", ["2018-06-23T13:30:00"]),
    ]
    assert weekend.as_json()["until"] == "2018-06-24"


def test_the_whole_city_reads_the_outage_notices_published_last(tmp_path, monkeypatch):
    """A whole-city answer reads at most CITY_WIDE_CANDIDATES outage notices, the last published before the day
    first (a large store holds thousands in the lookback): with room for one, the newest is the one read."""
    import gongkai.engine as engine_module

    engine = build_engine(tmp_path, sample_records())
    day = date(2026, 5, 21)
    everything = engine.outages_on(day)
    assert [record.title for record, _ in everything] == ["5月21日思明区莲花北路等片区计划停电通知"]
    read: list[list[str]] = []
    get_many = engine.store.get_many
    monkeypatch.setattr(engine.store, "get_many", lambda ids: read.append(list(ids)) or get_many(ids))
    monkeypatch.setattr(engine_module, "CITY_WIDE_CANDIDATES", 1)
    engine._outage_cache().clear()
    capped = engine.outages_on(day)
    assert len(read) == 1 and len(read[0]) == 1  # one notice read, not every one of the lookback
    newest = max(r.publish_date for r in sample_records()
                 if r.notice_type == "outage" and r.publish_date and r.publish_date <= date(2026, 5, 22))
    assert engine.get(read[0][0]).publish_date == newest
    assert [record.title for record, _ in capped] == [record.title for record, _ in everything]  # it is that one
    engine.close()


def test_the_lookup_takes_the_days_the_search_box_reads(served, tmp_path):
    """/outages?date=明天, /api/notices/outages?date=12/7 and gongkai outages --date 明天 answer as the search box
    does (probe, session 7: the lookup refused them); the answer says the day it read."""
    from typer.testing import CliRunner

    from gongkai.cli.context import state
    from gongkai.cli.main import app
    from gongkai.outage_question import read_asked_day

    engine, client = served
    today = beijing_today()
    assert read_asked_day("明天", TODAY) == TODAY + timedelta(days=1)
    assert read_asked_day("周一", TODAY) == date(2026, 12, 7) and read_asked_day("12/7", TODAY) == date(2026, 12, 7)
    assert read_asked_day("五月二十一日", TODAY) == date(2026, 5, 21)
    assert read_asked_day("１２／７", TODAY) == date(2026, 12, 7)  # full-width, as an input method types it
    # The part of the day or a time, as the search box reads them (后天晚上 was a 422 beside 后天晚上停电吗's answer).
    assert read_asked_day("后天晚上", TODAY) == TODAY + timedelta(days=2)
    assert read_asked_day("周一上午", TODAY) == date(2026, 12, 7) and read_asked_day("12/7 8:00", TODAY) == date(2026, 12, 7)
    assert read_asked_day("晚上", TODAY) is None
    assert read_asked_day("2024年5月8日晚上", TODAY) == date(2024, 5, 8) == read_asked_day("2024-05-08 08:00", TODAY)
    assert read_asked_day("周末", TODAY) is None and read_asked_day("湖滨南路", TODAY) is None
    api = client.get("/api/notices/outages", params={"area": "湖滨南路", "date": "明天"})
    assert api.status_code == 200 and api.json()["date"] == (today + timedelta(days=1)).isoformat()
    api = client.get("/api/notices/outages", params={"area": "湖滨南路", "date": "9/20"}).json()
    assert api["date"].endswith("-09-20")
    page = client.get("/outages", params={"area": "湖滨南路", "date": "明天"})
    assert page.status_code == 200 and "无法识别" not in page.text
    bad = client.get("/outages", params={"area": "湖滨南路", "date": "某天"})
    assert "日期“某天”无法识别" in bad.text
    state._settings, state._engine = engine.settings, engine
    try:
        result = CliRunner().invoke(app, ["outages", "湖滨南路", "--date", "明天", "--json"], catch_exceptions=False)
        refused = CliRunner().invoke(app, ["outages", "湖滨南路", "--date", "某天"], catch_exceptions=False)
    finally:
        state._settings = state._engine = None
    assert result.exit_code == 0 and __import__("json").loads(result.stdout)["date"] == (today + timedelta(days=1)).isoformat()
    assert refused.exit_code == 2 and "--date" in refused.output


def test_without_a_day_only_what_is_not_over_answers(served):
    engine, _ = served
    question = read_outage_question("湖滨南路停电", TODAY)
    found = engine.outages(question.area, None)
    assert answered_events(question, found, TODAY) == []  # every window of 湖滨南路 is over by 2026
    answer = answered_events(question, found, date(2018, 6, 1))
    assert [(record.title, [event.start.date() for event in events]) for record, events in answer] == [
        ("6月19日思明区莲前西路等片区计划停电通知", [date(2018, 6, 23)]),  # power only: 2019's 停水通知 is water
    ]


@pytest.mark.parametrize(("query", "today", "day"), [
    ("湖滨南路1月1日停电吗", date(2026, 12, 31), date(2027, 1, 1)),  # tomorrow, not a year ago
    ("湖滨南路1月5号停电吗", date(2026, 12, 5), date(2027, 1, 5)),
    ("湖滨南路12月31日停电了吗", date(2027, 1, 1), date(2026, 12, 31)),  # yesterday, not a year ahead
    ("湖滨南路5月21日停电吗", date(2026, 12, 5), date(2026, 5, 21)),  # far from the turn: this year's
    ("湖滨南路6月1日停电吗", date(2026, 12, 31), date(2026, 6, 1)),
])
def test_a_month_and_day_near_the_turn_of_the_year(query, today, day):
    question = read_outage_question(query, today)
    assert question is not None and question.day == day


def test_a_district_asked_alone_answers_with_the_places_printed_under_it(served):
    """思明区停电 (the README's own example) answered nothing: the lookup matched 思明区 only as a place's name,
    and notices print 思明区 as the district of their roads."""
    engine, _ = served
    question = read_outage_question("思明区明天停电吗", date(2026, 5, 20))
    answer = answered_events(question, engine.outages(question.area, question.day), date(2026, 5, 20))
    assert [record.title for record, _ in answer] == ["5月21日思明区莲花北路等片区计划停电通知"]
    assert engine.outages("湖里区", date(2026, 5, 21)) == []  # another district's name is no answer
    assert engine.outages("金山小区", date(2026, 5, 21)) == []  # a 小区 is a place's name, not a district


def test_a_relaxed_answer_offers_no_other_street(served):
    """湖滨南路停电赔偿吗 is answered relaxed (赔偿 is in no notice); 湖滨北路… is no better spelling of it. (It was
    湖滨南路下个月停电吗: 下个月 is now the question's month, never a search word, so that one is answered in full.)"""
    engine, _ = served
    from gongkai.search_types import SearchRequest

    response = engine.search(SearchRequest(q="湖滨南路停电赔偿吗"))
    assert response.relaxed and response.did_you_mean == []
    assert not engine.search(SearchRequest(q="湖滨南路下个月停电吗")).relaxed


def test_the_day_words_of_a_question_decide_no_match(served):
    """明天, 今天, 这, 会 are stop words (probe, session 7): the search under 湖滨南路明天停电吗 is no relaxed answer
    saying 未包含“明天” (notices print dates, not 明天); the records holding 湖滨南路 and 停电 are its answer."""
    engine, client = served
    from gongkai.search_types import SearchRequest

    plain = engine.search(SearchRequest(q="湖滨南路 停电", limit=50))
    for query in ("湖滨南路明天停电吗", "明天湖滨南路会停电吗", "湖滨南路今天停电吗", "湖滨南路明天上午停电吗", "明天下午湖滨南路停电吗"):
        response = engine.search(SearchRequest(q=query, limit=50))
        assert not response.relaxed and response.dropped == [], query
        assert {h.id for h in response.hits} == {h.id for h in plain.hits}, query
    assert "未包含" not in client.get("/search", params={"q": "湖滨南路明天停电吗"}).text


def test_the_api_and_the_cli_give_the_same_outage_answer(served, tmp_path):
    """/api/search and `gongkai search --json` carry the question's answer as `outage` (the shape of
    /api/notices/outages, with the utility asked about); a query that asks none has null."""
    import json as jsonlib

    from typer.testing import CliRunner

    from gongkai.cli.context import state
    from gongkai.cli.main import app

    engine, client = served
    api = client.get("/api/search", params={"q": "2019年9月20日湖滨南路停水吗"}).json()["outage"]
    assert (api["area"], api["date"], api["utility"], api["affected"], api["count"]) == ("湖滨南路", "2019-09-20", "水", True, 1)
    [notice] = api["notices"]
    assert notice["title"] == "停水通知" and [w["start"] for w in notice["matching_windows"]] == ["2019-09-20T13:30:00+08:00"]
    lookup = client.get("/api/notices/outages", params={"area": "湖滨南路", "date": "2019-09-20"}).json()
    assert [n["id"] for n in lookup["notices"] if n["utility"] == "water"] == [notice["id"]]
    assert client.get("/api/search", params={"q": "营业执照遗失"}).json()["outage"] is None
    assert client.get("/api/search", params={"q": "2019年9月20日湖滨南路停水吗", "page": 2}).json()["outage"] is None

    state._settings, state._engine = engine.settings, engine
    try:
        result = CliRunner().invoke(app, ["search", "2019年9月20日湖滨南路停水吗", "--json"], catch_exceptions=False)
    finally:
        state._settings = state._engine = None
    assert result.exit_code == 0, result.stderr
    assert jsonlib.loads(result.stdout)["outage"] == api


def test_the_city_before_a_road_is_dropped_by_the_lookup_too(served):
    """厦门市湖滨南路: notices print 湖滨南路; /api/notices/outages answers as for 湖滨南路 (the search box already did)."""
    _, client = served
    plain = client.get("/api/notices/outages", params={"area": "湖滨南路", "date": "2019-09-20"}).json()
    city = client.get("/api/notices/outages", params={"area": "厦门市湖滨南路", "date": "2019-09-20"}).json()
    assert plain["count"] >= 1 and [n["id"] for n in city["notices"]] == [n["id"] for n in plain["notices"]]
    # 厦门大学 keeps its city: it is the name
    from gongkai.outage_areas import without_city

    assert without_city("厦门大学") == "厦门大学" and without_city("福建省厦门市思明区湖滨南路") == "思明区湖滨南路"


def test_the_answer_box_lists_at_most_ten_windows(tmp_path):
    """A notice with twelve windows naming the street on one day: ten listed above the results, the rest said."""
    from gongkai.record import Record
    from gongkai.web.pages import OUTAGE_WINDOWS_SHOWN

    events = [{"utility": "power", "start": f"2024-03-12T{8 + n // 2:02d}:{30 * (n % 2):02d}", "end": f"2024-03-12T{9 + n // 2:02d}:00",
               "text": f"第{n + 1}时段", "areas": [{"name": "莲前西路", "district": "思明区", "text": "思明区莲前西路"}]} for n in range(12)]
    notice = Record(kind="notice", notice_type="outage", title="莲前西路分时段停电通知", issuer="国网厦门供电公司",
                    publish_date="2024-03-10", body="思明区莲前西路分十二个时段停电。", notice={"utility": "power", "events": events})
    engine = build_engine(tmp_path / "data", [notice])
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=30) as client:
            answer = _answer(client, "2024年3月12日莲前西路停电吗")
    finally:
        engine.close()
    assert answer is not None and answer.count("莲前西路分时段停电通知") == OUTAGE_WINDOWS_SHOWN == 10
    assert "另有 2 个停电时段" in answer
