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
