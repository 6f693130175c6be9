"""A number with its unit finds the quantity in the unit's other writings (search18): documents print 土地面积1200㎡,
建筑面积89.5m², 18公里, 10kV; people type 1200m2, 89.5平方米, 18km, 10千伏. Each writing is indexed as printed (㎡ the term
m2, m² the run 1200m then 2, m2 typed the run 1200m2), so before this a writing typed found only records printing that
writing: 1200m2 found nothing. Real SQLite and tantivy; the rule's edges through `understand`."""

from __future__ import annotations

import pytest

from gongkai.indexer.query import parse_query
from gongkai.indexer.understand import Rules, understand
from gongkai.indexer.units import quantity_forms
from gongkai.indexer.vocabulary import build_vocabulary
from gongkai.record import Record
from gongkai.settings import SearchSettings
from tests.support import build_engine, search

RECORDS = [
    Record(id="land", title="国有建设用地使用权挂牌出让公告（2024T07）", issuer="厦门市自然资源和规划局", publish_date="2024-09-12",
           body="地块编号2024T07，位于同安区，土地面积1200㎡，计容建筑面积不超过3600㎡。"),
    Record(id="house", title="遗失声明", issuer="陈志明", publish_date="2025-11-04",
           body="陈志明不慎遗失房屋所有权证，建筑面积89.5m²，声明作废。"),
    Record(id="road", title="关于环岛路改造工程的批复", issuer="厦门市发展和改革委员会", publish_date="2023-03-01",
           body="道路全长18公里，占地面积3.2公顷，新建10kV电缆线路，路灯用电每千瓦时补贴2分钱。"),
    Record(id="broadband", title="关于推进千兆宽带进小区的通知", issuer="厦门市通信管理局", publish_date="2023-05-01",
           body="小区宽带由100M提升至1000M，1200户受益。"),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = build_engine(tmp_path_factory.mktemp("units") / "data", RECORDS)
    yield engine
    engine.close()


@pytest.mark.parametrize(("query", "expected"), [
    ("1200m2", "land"), ("1200平方米", "land"), ("1200平米", "land"), ("１２００ｍ２", "land"), ("3600m²", "land"),
    ("89.5m2", "house"), ("89.5平方米", "house"), ("89.5㎡ 遗失", "house"),
    ("18km", "road"), ("18千米", "road"), ("3.2ha", "road"), ("10千伏", "road"), ("每kwh补贴2分钱", "road"),
])
def test_a_quantity_typed_in_one_writing_finds_it_printed_in_another(engine, query, expected) -> None:
    assert [hit.id for hit in search(engine, query).hits] == [expected], query


def test_another_number_with_the_unit_is_no_match(engine) -> None:
    # the number is whole: 200m2 is not the end of 1200㎡, nor 89m2 the start of 89.5m²
    assert all(hit.id != "land" for hit in search(engine, "200m2").hits)
    assert all(hit.id != "house" for hit in search(engine, "89m2").hits)


def test_what_is_no_unit_stays_as_typed() -> None:
    settings = SearchSettings()
    vocab, rules = build_vocabulary([], [], []), Rules(settings.stop_words, settings.synonyms)
    # a plot code's letter, a bandwidth's M, a count of households and kVA are no unit of the groups: as typed
    for typed in ("2024T07", "100M宽带", "1200户", "10kVA"):
        assert all(s.alternatives == (s.text,) for s in understand(typed, vocab, rules).segments if not s.stop), typed
    segments = understand("土地面积1200m2", vocab, rules).segments
    assert any(set(quantity_forms("1200", "m2")) <= set(s.alternatives) for s in segments)
    assert quantity_forms("18", "km") == ("18km", "18公里", "18㎞", "18千米")
    # a unit after 每 or a rate's /: its writings but those said only with a number (平方 is part of 平方公里)
    [unit] = [s for s in understand("元/m2", vocab, rules).segments if s.text == "m2"]
    assert "平方米" in unit.alternatives and "平方" not in unit.alternatives
    assert all(s.alternatives == (s.text,) for s in understand("每平方米", vocab, rules).segments)


def test_a_number_and_its_unit_typed_apart_are_one_clause() -> None:
    # 48594 m² was the clauses 48594 and m², the second a word of its own found in records printing another area
    assert [c.text for c in parse_query("48594 m² 仓储")] == ["48594m²", "仓储"]
    assert [c.text for c in parse_query("10 kV 新阳线")] == ["10kV", "新阳线"]
    assert [c.text for c in parse_query("2024 年 停电")] == ["2024", "年", "停电"]  # 年 is no unit
    assert [c.text for c in parse_query('3736 "平方米"')] == ["3736", "平方米"]  # quoted: as typed
