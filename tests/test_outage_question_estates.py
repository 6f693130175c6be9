"""Estates and villages named as Xiamen names them are places of an outage question: 上头亭社 (a 社 is a natural village),
联发欣悦学府, 建发央玺公馆, 杏林湾一号 (一号 names many estates, glued to the name); they asked nothing (outages helper)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.outage_question import read_outage_question

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(("query", "area", "day"), [
    ("上头亭社12月9日停电吗", "上头亭社", date(2026, 12, 9)),
    ("明天上头亭社停电吗", "上头亭社", date(2026, 12, 7)),
    ("联发欣悦学府12月9日停水吗", "联发欣悦学府", date(2026, 12, 9)),
    ("建发央玺公馆明天停电吗", "建发央玺公馆", date(2026, 12, 7)),
    ("杏林湾一号12月9日停电吗", "杏林湾一号", date(2026, 12, 9)),
    ("中央公园一号明天停水吗", "中央公园一号", date(2026, 12, 7)),
    ("市政府明天停电吗", "市政府", date(2026, 12, 7)),
])
def test_an_estate_or_village_is_the_place_asked_about(query, area, day):
    question = read_outage_question(query, TODAY)
    assert question is not None and (question.area, question.day) == (area, day)


@pytest.mark.parametrize(("query", "area", "day"), [
    ("湖滨南路一号停电吗", "湖滨南路", date(2027, 1, 1)),  # after a road a Chinese-numeral 号 is still the day
    ("湖滨南路 八号 停气", "湖滨南路", date(2026, 12, 8)),
    ("一号湖滨南路停电吗", "湖滨南路", date(2027, 1, 1)),
    ("湖滨南路七号停电吗", "湖滨南路", date(2026, 12, 7)),
])
def test_a_chinese_numeral_day_after_a_road_is_still_the_day(query, area, day):
    question = read_outage_question(query, TODAY)
    assert question is not None and (question.area, question.day) == (area, day)


def test_a_cooperative_is_no_village_and_asking_nothing_stays_nothing():
    assert read_outage_question("停电期间给您带来不便", TODAY) is None
    assert read_outage_question("信用合作社明天停电吗", TODAY) is None  # 合作社 ends no village's name
