"""Outage questions session 9's first round left unread (README Known gaps), each a rule: two days said last first
(明天今天), a length in a row (连续三天), 年前/年后 (before and after the Spring Festival: data, gongkai/data/holidays.toml),
a two-digit year in Chinese numerals (二十六年), a date with a two-digit year (26.12.7), 初一/十五 alone, a bare 前 before
a place (10号前湖滨南路), pinyin typed for the particle (停电ma), and the request a question opens with read from the
search's own list (search.request_words: 看看, 帮我查一下, 麻烦问一下). Then NATURAL: 60 more questions a Xiamen resident
types on a phone, written before their fixes and checked one by one against what the notices answer."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.outage_question import question_word_spans, read_outage_question

T = date(2026, 12, 5)  # a Saturday; lunar 2026-10-27 (十月廿七)


def d(m: int, day: int, y: int = 2026) -> date:
    return date(y, m, day)


def _read(query: str, **kwargs) -> tuple | None:
    question = read_outage_question(query, T, **kwargs)
    if question is None:
        return None
    days = ("set", *question.listed) if question.listed else ("range", question.day, question.until)
    return list(question.areas), days


def ONE(a: date) -> tuple:
    return ("range", a, None)


def R(a: date, b: date) -> tuple:
    return ("range", a, b)


ANY = ("range", None, None)

#: Each form the first round left unread, as the notices answer it (all failed before these rules).
LEFTOVERS = [
    ("明天今天湖滨南路停电吗", ["湖滨南路"], R(T, d(12, 6))),  # said last first: the same two days
    ("后天明天思明区停水吗", ["思明区"], R(d(12, 6), d(12, 7))),
    ("湖滨南路连续三天停水", ["湖滨南路"], ANY),  # how long, no place named 湖滨南路连续三天
    ("莲花北路连着两天停电吗", ["莲花北路"], ANY),
    ("年前湖里区停电吗", ["湖里区"], R(d(1, 29, 2027), d(2, 5, 2027))),  # the week before 除夕 (2027-02-05)
    ("年后停水吗", [], R(d(2, 13, 2027), d(2, 20, 2027))),  # 正月初八 .. 元宵
    ("过完年湖滨南路停电吗", ["湖滨南路"], R(d(2, 13, 2027), d(2, 20, 2027))),
    ("二十六年十二月七日湖滨南路停电吗", ["湖滨南路"], ONE(d(12, 7))),
    ("二六年十二月七号停电吗", [], ONE(d(12, 7))),
    ("26.12.7湖滨南路停电吗", ["湖滨南路"], ONE(d(12, 7))),
    ("26/12/9思明区停水吗", ["思明区"], ONE(d(12, 9))),
    ("初一停电吗", [], ONE(d(12, 9))),  # 十一月初一 of lunar 2026
    ("十五湖里区停电吗", ["湖里区"], ONE(d(12, 23))),  # 十一月十五
    ("10号前湖滨南路停电吗", ["湖滨南路"], R(T, d(12, 10))),  # until the 10th; 前湖滨南路 is no place
    ("月底前湖里区停水吗", ["湖里区"], R(T, d(12, 31))),
    ("湖滨南路明天停电ma", ["湖滨南路"], ONE(d(12, 6))),
    ("湖滨南路明天停水MA", ["湖滨南路"], ONE(d(12, 6))),
    ("湖滨南路今天停电ne", ["湖滨南路"], ONE(T)),
    ("看看湖滨南路停水", ["湖滨南路"], ANY),  # the search's request words (search.request_words)
    ("看看湖滨南路明天停水吗", ["湖滨南路"], ONE(d(12, 6))),
    ("帮忙看看湖里区明天停电吗", ["湖里区"], ONE(d(12, 6))),
    ("给我查下思明区明天停水吗", ["思明区"], ONE(d(12, 6))),
    ("麻烦你问一下湖滨南路停电吗", ["湖滨南路"], ANY),
    ("我想知道湖滨南路明天停电吗", ["湖滨南路"], ONE(d(12, 6))),
]

#: What those rules must leave alone (each read so before them).
KEPT = [
    ("明天前埔社区停电吗", ["前埔社区"], ONE(d(12, 6))),  # 前埔 | 社区: the place's own 前
    ("明天广场停电吗", ["明天广场"], ANY),  # a stop word (明天) is no request
    ("初一学生明天停电吗", None, None),  # a school year, no lunar day (and no place)
    ("湖滨南路十五号停电吗", ["湖滨南路"], ONE(d(12, 15))),
    ("二十五号停电吗", [], ONE(d(12, 25))),
    ("湖滨南路12-7号停电吗", ["湖滨南路12-7号"], ANY),  # a house number, not 12.7
    ("我家在莲花北路明天停水吗", ["莲花北路"], ONE(d(12, 6))),
    ("湖里区和平社区停电吗", ["湖里区和平社区"], ANY),
]


@pytest.mark.parametrize(("query", "areas", "days"), LEFTOVERS)
def test_the_forms_left_unread(query, areas, days):
    assert _read(query) == (areas, days), query


@pytest.mark.parametrize(("query", "areas", "days"), KEPT)
def test_what_the_rules_leave_alone(query, areas, days):
    assert _read(query) == ((areas, days) if areas is not None else None), query


def test_years_ago_and_a_count_are_no_day():
    """两年前 is years ago (no 年前), 十五天 a count (no 十五): no day is read from them."""
    for query in ("两年前湖滨南路停电", "停电十五天湖滨南路", "三年后湖里区停水"):
        question = read_outage_question(query, T)
        assert question is None or question.day is None, query


def test_the_question_reads_the_searchs_request_words():
    """One list: a request word added to search.request_words is the question's too (瞧瞧 is none by default)."""
    assert _read("瞧瞧湖滨南路明天停电吗") == (["瞧瞧湖滨南路"], ONE(d(12, 6)))
    assert _read("瞧瞧湖滨南路明天停电吗", request_words=["瞧瞧"]) == (["湖滨南路"], ONE(d(12, 6)))


def test_the_new_day_words_are_no_search_words():
    """The search beneath does not require 年前, 26.12.7, 初一 or 连续三天 (notices print dates, not these)."""
    for query, said in (("年前湖里区停电吗", "年前"), ("26.12.7湖滨南路停电吗", "26.12.7"), ("初一停电吗", "初一"),
                        ("湖滨南路连续三天停水", "连续三天")):
        spans = question_word_spans(query, T)
        assert any(query[a:b] == said for a, b in spans), (query, [query[a:b] for a, b in spans])


#: A notice printing a place whose name begins with 和 (和通里, 湖里区), as the paper's tables print them.
_HETONG = ("停电公告\n因10kV线路检修，国网厦门供电公司计划停电如下：\n停电时间\n停电范围\n停电线路\n"
           "2026年12月9日8:00-17:00\n湖里区和通里、嘉禾路300-400号\n10kV和通线\n国网厦门供电公司\n2026年12月6日")


@pytest.fixture(scope="module")
def layouts(tmp_path_factory):
    """The notices of tests/outage_layouts.py (windows on 2026-12-08 … 12-12) and _HETONG, through the real ingest."""
    from gongkai.engine import Engine
    from gongkai.parsers import Capture
    from gongkai.settings import load_settings
    from tests.outage_layouts import LAYOUTS

    engine = Engine(load_settings(data_dir=tmp_path_factory.mktemp("leftovers") / "data"))
    texts = [(layout.text, layout.encoding, layout.issued) for layout in LAYOUTS] + [(_HETONG, "utf-8", "20261206")]
    engine.ingest_captures([Capture(data=text.encode(encoding), url=f"https://epaper.xmnn.cn/xmrb/{issued}/A12-{n}.htm",
                                    source="paper:xmrb") for n, (text, encoding, issued) in enumerate(texts)], notices=True, parallel=False)
    yield engine
    engine.close()


def test_a_join_that_begins_a_printed_name_is_the_names(layouts):
    """嘉禾路和通里: rjieba has no word 和通, so 和 read as a join asked about 通里, which no notice prints (没有查到 beside
    嘉禾路); the notices print 和通里, so that is the place. 莲花北路和湖滨南路 stays two places (no notice prints 和湖滨南路)."""
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(layouts, "嘉禾路和通里12月9日停电吗", date(2026, 12, 6))
    assert answer is not None and answer.question.areas == ("嘉禾路", "和通里")
    assert [event.start.strftime("%m-%d %H:%M") for _, events in answer.found for event in events] == ["12-09 08:00", "12-09 08:00"]
    assert any(area.name == "和通里" for _, events in answer.found for event in events for area in event.areas)
    answer = answer_outage_question(layouts, "莲花北路和湖滨南路停电吗", date(2026, 12, 6))
    assert answer is not None and answer.question.areas == ("莲花北路", "湖滨南路")


@pytest.mark.parametrize("query", ["莲花北路和湖滨南路明天停电吗", "莲花北路、湖滨南路停电", "湖滨南路湖滨北路和莲花北路下周停电吗"])
def test_the_search_beneath_several_places_finds_a_notice_naming_any(layouts, query):
    """The search under a question asking about several places required every one of them: no notice prints both, so it
    was a relaxed answer (未包含“湖滨南路”) listing 50 records; now a notice naming any of them is a full answer, the
    notices the outage answer gives."""
    from gongkai.search_types import SearchRequest

    response = layouts.search(SearchRequest(q=query))
    assert not response.relaxed and response.dropped == [], query
    question = read_outage_question(query, date(2026, 12, 6))
    assert question is not None and len(question.areas) >= 2
    naming_any = {record.id for area in question.areas for record, _ in layouts.outages(area, None)}
    assert {hit.id for hit in response.hits} == naming_any, query


def test_one_place_is_still_required(layouts):
    from gongkai.search_types import SearchRequest

    response = layouts.search(SearchRequest(q="湖滨南路停电"))
    assert [hit.title for hit in response.hits] == ["国网厦门供电公司停电公告"]


#: 62 more questions a Xiamen resident types on a phone (places, days, utilities, Traditional characters, full-width digits,
#: voice input's run-ons), written before their fixes: 9 failed (FAILED_FIRST), each fixed at its rule: Minnan village
#: names end 厝/垵/埔/坂/林/埭/墩 (曾厝垵, 吕厝, 前埔, 莲坂, 杏林: they asked nothing), a place said after the question
#: (明天会停水吗？莲岳路 asked about 会吗莲岳路), a sentence run on after it (明天湖滨南路停电吗我在家办公: voice input, no
#: stop), and a district's short name before its subdistrict (海沧新阳街道: notices print 海沧区新阳街道).
NATURAL = [
 ("我家在湖滨南路明天会不会停电啊", ["湖滨南路"], ONE(d(12,6))),
 ("厦禾路今晚停水吗", ["厦禾路"], ONE(T)),
 ("请问软件园二期明天停电吗", ["软件园二期"], ONE(d(12,6))),
 ("莲前东路下周二停电吗", ["莲前东路"], ONE(d(12,8))),
 ("集美区杏林明天停水吗", ["集美区杏林"], ONE(d(12,6))),
 ("海沧区明天停电吗", ["海沧区"], ONE(d(12,6))),
 ("仙岳路周一会停电吗", ["仙岳路"], ONE(d(12,7))),
 ("湖里区殿前街道下周停水吗", ["湖里区殿前街道"], R(d(12,7), d(12,13))),
 ("明天五缘湾停电吗", ["五缘湾"], ONE(d(12,6))),
 ("曾厝垵明天停水吗", ["曾厝垵"], ONE(d(12,6))),
 ("鼓浪屿今天停电了吗", ["鼓浪屿"], ONE(T)),
 ("中山路步行街明天停电吗", ["中山路步行街"], ONE(d(12,6))),
 ("環島路明天停電嗎", ["环岛路"], ONE(d(12,6))),
 ("湖濱北路１２月８日停水嗎", ["湖滨北路"], ONE(d(12,8))),
 ("思明区莲坂明天停电吗", ["思明区莲坂"], ONE(d(12,6))),
 ("同安区大同街道这周末停电吗", ["同安区大同街道"], R(T, d(12,6))),
 ("翔安区马巷镇明天停水吗", ["翔安区马巷镇"], ONE(d(12,6))),
 ("嘉禾路明天早上八点停电吗", ["嘉禾路"], ONE(d(12,6))),
 ("金山社区后天停水吗", ["金山社区"], ONE(d(12,7))),
 ("我住在江头北路，下礼拜三停电吗", ["江头北路"], ONE(d(12,9))),
 ("吕厝明天停电吗", ["吕厝"], ONE(d(12,6))),
 ("明后天集美大道停电吗", ["集美大道"], R(d(12,6), d(12,7))),
 ("这周思明区哪些地方停水", ["思明区"], R(T, d(12,6))),
 ("元旦湖里区停电吗", ["湖里区"], ONE(d(1,1,2027))),
 ("下个月初海沧区停气吗", ["海沧区"], R(d(1,1,2027), d(1,10,2027))),
 ("明天枋湖路会停电不", ["枋湖路"], ONE(d(12,6))),
 ("厦门市思明区明天有停电吗", ["思明区"], ONE(d(12,6))),
 ("今天下午湖滨西路为什么停电了", ["湖滨西路"], ONE(T)),
 ("湖里大道12月10号停水吗", ["湖里大道"], ONE(d(12,10))),
 ("12月12日到14日仙岳路停电吗", ["仙岳路"], R(d(12,12), d(12,14))),
 ("前埔明天停水吗", ["前埔"], ONE(d(12,6))),
 ("明天何厝停电不", ["何厝"], ONE(d(12,6))),
 ("瑞景新村明天停电吗", ["瑞景新村"], ONE(d(12,6))),
 ("观音山明天停电吗", ["观音山"], ONE(d(12,6))),
 ("火车站附近明天停电吗", ["火车站"], ONE(d(12,6))),
 ("明天莲花一村停水吗", ["莲花一村"], ONE(d(12,6))),
 ("体育路周三停电吗", ["体育路"], ONE(d(12,9))),
 ("明儿个嘉禾路停电不", ["嘉禾路"], ONE(d(12,6))),
 ("明天湖滨南路停电吗我在家办公", ["湖滨南路"], ONE(d(12,6))),
 ("同安明天停电吗", ["同安区"], ONE(d(12,6))),
 ("翔安下周停水吗", ["翔安区"], R(d(12,7), d(12,13))),
 ("思明区１２月９日停电吗", ["思明区"], ONE(d(12,9))),
 ("湖里区明天停電", ["湖里区"], ONE(d(12,6))),
 ("后天早上厦禾路会停水吗", ["厦禾路"], ONE(d(12,7))),
 ("东渡路明天停电几个小时", ["东渡路"], ONE(d(12,6))),
 ("我在集美学村明天会停电吗", ["集美学村"], ONE(d(12,6))),
 ("明天湖里区江头街道停电么", ["湖里区江头街道"], ONE(d(12,6))),
 ("大后天思明区停气吗", ["思明区"], ONE(d(12,8))),
 ("这个星期六莲前西路停电吗", ["莲前西路"], ONE(T)),
 ("周日会不会停水 仙岳路", ["仙岳路"], ONE(d(12,6))),
 ("听说明天文屏路要停电", ["文屏路"], ONE(d(12,6))),
 ("12月中旬湖里区停电吗", ["湖里区"], R(d(12,11), d(12,20))),
 ("下周末海沧区停水吗", ["海沧区"], R(d(12,12), d(12,13))),
 ("明天华侨大学停电吗", ["华侨大学"], ONE(d(12,6))),
 ("湖滨南路明天上午九点到十二点停电吗", ["湖滨南路"], ONE(d(12,6))),
 ("今天晚上中山路停电了没有", ["中山路"], ONE(T)),
 ("1２月10日湖里区停電嗎", ["湖里区"], ONE(d(12,10))),
 ("明天会停水吗？莲岳路", ["莲岳路"], ONE(d(12,6))),
 ("今天到周一思明区停电吗", ["思明区"], R(T, d(12,7))),
 ("明天思明区和湖里区会不会停电啊", ["思明区", "湖里区"], ONE(d(12,6))),
 ("厦门北站明天停电吗", ["厦门北站"], ONE(d(12,6))),
 ("海沧新阳街道后天停水吗", ["海沧区新阳街道"], ONE(d(12,7))),
]

FAILED_FIRST = {"集美区杏林明天停水吗", "曾厝垵明天停水吗", "思明区莲坂明天停电吗", "吕厝明天停电吗", "前埔明天停水吗", "明天何厝停电不",
                "明天湖滨南路停电吗我在家办公", "明天会停水吗？莲岳路", "海沧新阳街道后天停水吗"}


@pytest.mark.parametrize(("query", "areas", "days"), NATURAL)
def test_natural_questions_of_the_second_round(query, areas, days):
    assert _read(query) == (areas, days), query


def test_the_second_round_counts():
    assert len(NATURAL) >= 60 and {query for query, _, _ in NATURAL} >= FAILED_FIRST


#: Notices printing those places (the paper's table layout; a water notice in prose), windows on 2026-12-06 … 12-09.
_MINNAN = ("停电公告\n因10kV线路检修，国网厦门供电公司计划停电如下：\n停电时间\n停电范围\n停电线路\n"
           "2026年12月6日8:00-17:00\n思明区曾厝垵、前埔、莲坂\n10kV曾厝线\n"
           "2026年12月7日8:00-12:00\n海沧区新阳街道、湖里区吕厝\n10kV新阳线\n"
           "2026年12月9日8:00-17:00\n集美区杏林、鼓浪屿\n10kV杏林线\n国网厦门供电公司\n2026年12月5日")
_WATER = ("停水通知\n因供水管道施工，厦门水务集团定于2026年12月6日9:00至18:00对下列区域停止供水：湖滨南路、厦禾路、莲岳路。\n"
          "请用户做好储水准备。\n厦门水务集团\n2026年12月5日")


@pytest.fixture(scope="module")
def xiamen(tmp_path_factory):
    from gongkai.engine import Engine
    from gongkai.parsers import Capture
    from gongkai.settings import load_settings

    engine = Engine(load_settings(data_dir=tmp_path_factory.mktemp("second-round") / "data"))
    engine.ingest_captures([Capture(data=text.encode(), url=f"https://epaper.xmnn.cn/xmrb/20261205/A12-{n}.htm", source="paper:xmrb")
                            for n, text in enumerate([_MINNAN, _WATER])], notices=True, parallel=False)
    yield engine
    engine.close()


@pytest.mark.parametrize(("query", "windows"), [
    ("曾厝垵明天停电吗", ["12-06 08:00"]), ("曾厝垵明天停水吗", []),  # the power notice names it, the water one does not
    ("吕厝后天停电吗", ["12-07 08:00"]), ("前埔明天停电吗", ["12-06 08:00"]), ("思明区莲坂明天停电吗", ["12-06 08:00"]),
    ("海沧新阳街道后天停电吗", ["12-07 08:00"]), ("集美区杏林12月9号停电吗", ["12-09 08:00"]), ("鼓浪屿下周停电吗", ["12-09 08:00"]),
    ("明天何厝停电不", []),  # a place read, and no notice names it: 没有查到
    ("明天湖滨南路停水吗我在家办公", ["12-06 09:00"]), ("明天会停水吗？莲岳路", ["12-06 09:00"]), ("厦禾路明天停水吗", ["12-06 09:00"]),
    ("湖滨南路明天停电吗", []),  # water only that day
])
def test_the_second_round_answered_from_the_notices(xiamen, query, windows):
    """Asked on 2026-12-05: the windows answered are those the notices print for the place, day and utility asked."""
    from gongkai.outage_question import answer_outage_question

    answer = answer_outage_question(xiamen, query, T)
    assert answer is not None, query
    assert sorted(event.start.strftime("%m-%d %H:%M") for _, events in answer.found for event in events) == windows, query


#: Session 8's review left these unread too (README Known gaps): each failed before its rule.
SESSION_8 = [
    ("9号和7号湖滨南路停电吗", ["湖滨南路"], ("set", d(12, 7), d(12, 9))),  # said last first, apart: the 7th was read after the 9th (01-07)
    ("停电5天了湖滨南路", ["湖滨南路"], ANY),  # for so long already: no place 5天了湖滨南路
    ("湖滨南路停电三天了", ["湖滨南路"], ANY),
    ("左右村停电吗", ["左右村"], ANY),  # 左右 and 前后 begin villages' names
    ("前后村明天停电吗", ["前后村"], ONE(d(12, 6))),  # was the whole city: 前后 taken out, 村 no place
    ("明日之星幼儿园停电吗", ["明日之星幼儿园"], ANY),  # was 之星幼儿园 tomorrow
]
#: ... and what those rules leave alone.
SESSION_8_KEPT = [
    ("国庆前后湖滨南路停电吗", ["湖滨南路"], R(d(10, 1, 2027), d(10, 7, 2027))),
    ("8点左右湖里区停电吗", ["湖里区"], ANY),
    ("明天之前湖滨南路停电吗", ["湖滨南路"], R(T, d(12, 6))),
    ("12月7日至9日湖滨南路停电吗", ["湖滨南路"], R(d(12, 7), d(12, 9))),
]


@pytest.mark.parametrize(("query", "areas", "days"), SESSION_8 + SESSION_8_KEPT)
def test_session_8s_leftovers(query, areas, days):
    assert _read(query) == (areas, days), query


def test_a_village_beginning_with_a_span_word_is_searched_whole():
    """The search beneath 前后村明天停电吗 keeps 前后 (it was a question word there, and 村 alone found any village)."""
    query = "前后村明天停电吗"
    assert [query[a:b] for a, b in question_word_spans(query, T)] == ["明天", "吗"]


def test_the_lookup_reads_a_join_beginning_a_printed_name_as_the_search_box_does(layouts):
    """/outages, /api/notices/outages and gongkai outages (Engine.outages) asked 莲花北路和通里 as 莲花北路 and 通里 (no notice
    prints 通里: the 和通里 notice was missing); they read the notices' 和通里 as the search box's answer does."""
    hetong = {record.id for record, _ in layouts.outages("和通里", None)}
    assert len(hetong) == 1 and not layouts.outages("通里", None)
    found = {record.id for record, _ in layouts.outages("莲花北路和通里", None)}
    assert found == hetong | {record.id for record, _ in layouts.outages("莲花北路", None)}


#: A third, short round (23 questions, phone-typed): 4 failed (the first, second, third and fifth below; the others are their
#: rules' other forms), each fixed at its rule: the outage word typed as its pinyin's neighbour at the end of the question (停点,
#: 挺电: tingdian), and whether it is on (有电吗, 有水没, 供电正常吗, 正常供电吗).
THIRD_ROUND = [
    ("湖滨南路明天停点吗", ["湖滨南路"], ONE(d(12, 6)), "电"),
    ("湖滨南路明天挺电吗", ["湖滨南路"], ONE(d(12, 6)), "电"),
    ("湖滨南路今天有电吗", ["湖滨南路"], ONE(T), "电"),
    ("湖滨南路明天有水没", ["湖滨南路"], ONE(d(12, 6)), "水"),
    ("湖滨南路明天供电正常吗", ["湖滨南路"], ONE(d(12, 6)), "电"),
    ("明天湖里区供水正常吗", ["湖里区"], ONE(d(12, 6)), "水"),
]


@pytest.mark.parametrize(("query", "areas", "days", "utility"), THIRD_ROUND)
def test_the_third_round(query, areas, days, utility):
    assert _read(query) == (areas, days), query
    assert read_outage_question(query, T).utility == utility


@pytest.mark.parametrize("query", ["公交停点湖滨南路", "湖滨南路有电梯吗"])
def test_no_outage_word_there(query):
    assert read_outage_question(query, T) is None, query


@pytest.mark.parametrize("query", ["湖滨南路明天停点吗", "湖滨南路今天有电吗", "湖滨南路明天供电正常吗", "明天湖滨南路正常供电吗"])
def test_the_search_beneath_the_third_round(layouts, query):
    """The search beneath finds the notice as under 湖滨南路明天停电吗 (停点 looked for as 停电 is; 正常 never required)."""
    from gongkai.search_types import SearchRequest

    response = layouts.search(SearchRequest(q=query))
    assert not response.relaxed and response.dropped == [], query
    assert {hit.id for hit in response.hits} == {hit.id for hit in layouts.search(SearchRequest(q="湖滨南路明天停电吗")).hits}


def test_served_api_and_page(layouts):
    """Through the served app on 127.0.0.1: /api/search answers several places with the notices naming any of them (not a
    relaxed answer), /api/notices/outages decides 和 by the notices, and the page answers a voice-input run-on question."""
    import httpx

    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    with serve_in_thread(create_app(layouts)) as base, httpx.Client(base_url=base, timeout=30) as client:
        api = client.get("/api/search", params={"q": "莲花北路和湖滨南路2026年12月8日至12日停电吗"})
        assert api.status_code == 200
        body = api.json()
        assert body["relaxed"] is False and body["dropped"] == []
        assert body["outage"]["areas"] == ["莲花北路", "湖滨南路"] and body["outage"]["count"] >= 1
        naming_any = {record.id for area in ("莲花北路", "湖滨南路") for record, _ in layouts.outages(area, None)}
        # the full answers (a short first page is followed by partial matches, Hit.partial)
        assert body["total"] == len(naming_any) == len([hit for hit in body["hits"] if not hit["partial"]])
        assert {hit["id"] for hit in body["hits"] if not hit["partial"]} == naming_any
        lookup = client.get("/api/notices/outages", params={"area": "莲花北路和通里"})
        assert lookup.status_code == 200
        assert {n["id"] for n in lookup.json()["notices"]} >= {record.id for record, _ in layouts.outages("和通里", None)}
        page = client.get("/search", params={"q": "看看湖滨南路下周停电吗我在家办公"})
        assert page.status_code == 200 and "“湖滨南路”" in page.text


#: A fourth round (30 questions): 4 failed, fixed at their rules (working hours, why asked as 是因为什么/什么原因, the whole
#: district 全区: question words, in the search beneath too). Two stay as they were, on purpose: 湖滨南路小区 (an estate's
#: name or "my estate on 湖滨南路"?) and 湖滨南路明天停电吗今天呢 (a second day asked apart: a search, as 明天…，后天呢).
FOURTH_ROUND = [
    ("明天上班时间湖滨南路停电吗", ["湖滨南路"], ONE(d(12, 6))),
    ("思明区今天停电是因为什么", ["思明区"], ONE(T)),
    ("湖滨南路停电什么原因", ["湖滨南路"], ANY),
    ("下周一湖里区全区停电吗", ["湖里区"], ONE(d(12, 7))),
    # read before, kept
    ("湖里区金尚路明天停电到几点", ["湖里区金尚路"], ONE(d(12, 6))),
    ("湖滨南路元旦前停电吗", ["湖滨南路"], R(T, d(1, 1, 2027))),
    ("嘉禾路明天早上停电吗那中午呢", ["嘉禾路"], ONE(d(12, 6))),
    ("湖里区明天有哪些小区停水", ["湖里区"], ONE(d(12, 6))),
]


@pytest.mark.parametrize(("query", "areas", "days"), FOURTH_ROUND)
def test_the_fourth_round(query, areas, days):
    assert _read(query) == (areas, days), query


def test_the_fourth_rounds_words_are_no_search_words():
    for query, said in (("明天上班时间湖滨南路停电吗", "上班时间"), ("下周一湖里区全区停电吗", "全区"), ("思明区今天停电是因为什么", "是因为什么")):
        assert said in [query[a:b] for a, b in question_word_spans(query, T)], query


@pytest.mark.parametrize(("query", "areas", "days"), [
    ("帮我查一下下潭尾明天停电吗", ["下潭尾"], ONE(d(12, 6))),  # it kept 一下下 (one word to the segmenter) in the place
    ("看一下下坂村明天停电吗", ["下坂村"], ONE(d(12, 6))),  # it lost the place's 下: 坂村
    ("请问一下下坂村停水吗", ["下坂村"], ANY),
    ("帮我查一下湖滨南路明天停电吗", ["湖滨南路"], ONE(d(12, 6))),
])
def test_a_place_beginning_with_xia_after_the_request_yixia(query, areas, days):
    """一下 then 下 (outages8; Known gaps since outages6): the segmenter's word 一下下 is the request 一下 and the place's first 下."""
    assert _read(query) == (areas, days), query


@pytest.mark.parametrize(("query", "areas", "days"), [
    ("湖滨南路7号到9号停电吗", ["湖滨南路7号到9号"], ANY),  # asked nothing: 9号 was the 9th, 湖滨南路7号到 no place
    ("湖滨南路7号至9号停电吗", ["湖滨南路7号至9号"], ANY),
    ("7号到9号湖滨南路停电吗", ["湖滨南路"], R(d(12, 7), d(12, 9))),  # a range of days opening with a day stays one
    ("思明区7号到9号停电吗", ["思明区"], R(d(12, 7), d(12, 9))),  # after a district: days, as 思明区7号 is
])
def test_a_house_range_after_a_road_is_no_range_of_days(query, areas, days):
    """N号到M号 after a road (outages8): the road's houses N to M, as 湖滨南路7号 is a house; the range's end is no day."""
    assert _read(query) == (areas, days), query


@pytest.mark.parametrize(("query", "areas", "days"), [
    ("明天后湖滨南路停电吗", ["湖滨南路"], R(d(12, 6), d(12, 13))),  # it was asked about 后湖滨南路, tomorrow
    ("国庆后集美区停电吗", ["集美区"], R(d(10, 1, 2027), d(10, 14, 2027))),
    ("明天后埔社区停电吗", ["后埔社区"], ONE(d(12, 6))),  # 后埔 | 社区: the place's own 后
    ("今天后坑社区停水吗", ["后坑社区"], ONE(T)),  # 后 | 坑 | 社区: a one-character word after it
])
def test_a_bare_hou_after_a_day_is_from_that_day_on(query, areas, days):
    """后 after a day, cut off by the segmenter before a word of two or more characters (outages8), is 以后, as 前 is 以前;
    a place it begins stays whole. (国庆后碧岳社区 is left: 碧岳 is no word to the segmenter, 后 | 碧 | 岳 as 后 | 坑.)"""
    assert _read(query) == (areas, days), query
