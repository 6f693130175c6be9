"""An ordinal or a numbered unit is found in digits and in Chinese numerals (lead, session 18).

Pages print 第2季 and 第二季, 2号线 and 二号线, 3号楼 and 三号楼, 一季度 and 1季度 alike, and people type either. Serials
(第6批, 第七〇七号) were read both ways already; a season, a round, an episode or an edition (季, 轮, 集, 版) was cut into
its number and its counter (第2 + 季: each required anywhere), a line or a building said with one Chinese numeral
(二号线) was one word no page printed otherwise, and 第 after a name went with the name (侠岚第 + 6 + 季). Real engine,
SQLite and Tantivy; the QBQTC figures did not move (README, Search)."""

from __future__ import annotations

import pytest

from gongkai.indexer import SearchRequest
from gongkai.indexer.understand import Rules, understand
from gongkai.indexer.vocabulary import build_vocabulary
from gongkai.settings import SearchSettings
from tests.support import build_engine


def _segments(query: str) -> list[tuple[str, set[str]]]:
    settings = SearchSettings()
    understood = understand(query, build_vocabulary([], [], []), Rules(settings.stop_words, settings.synonyms))
    return [(segment.text, set(segment.alternatives)) for segment in understood.segments if not segment.stop]


@pytest.mark.parametrize(("query", "segment", "forms"), [
    ("奔跑吧兄弟第二季", "第二季", {"第二季", "第2季"}),
    ("第2季", "第2季", {"第2季", "第二季"}),
    ("侠岚第6季全集", "第6季", {"第6季", "第六季"}),
    ("第二轮中央环保督察", "第二轮", {"第二轮", "第2轮"}),
    ("且听凤鸣第28集", "第28集", {"第28集", "第二十八集"}),
    ("第二十八集", "第二十八集", {"第二十八集", "第28集"}),
    ("厦门日报第2版", "第2版", {"第2版", "第二版"}),
    ("地铁二号线", "二号线", {"二号线", "2号线"}),
    ("十二号线", "十二号线", {"十二号线", "12号线"}),
    ("三号楼停水", "三号楼", {"三号楼", "3号楼"}),
    ("一季度经济运行", "一季度", {"一季度", "1季度"}),
    ("2024年第1季度", "第1季度", {"第1季度", "第一季度"}),
])
def test_an_ordinal_is_one_segment_in_both_writings(query, segment, forms) -> None:
    assert (segment, forms) in _segments(query)


@pytest.mark.parametrize(("query", "words"), [
    ("第一集团军", {"第一", "集团军"}),  # 集 begins a word: no episode
    ("集美区", {"集美区"}),
    ("一二季度", {"一二", "季度"}),  # two quarters, not the 12th
    ("春夏秋冬四季", {"四季"}),  # the seasons
    ("未删减版1080p", {"版", "1080p"}),  # an edition's word before a number is not that number's
])
def test_what_is_no_ordinal_stays_as_typed(query, words) -> None:
    segments = _segments(query)
    assert words <= {text for text, _ in segments}
    assert all(forms == {text} for text, forms in segments if text in words)


RECORDS = [
    {"kind": "notice", "notice_type": "other", "issuer": "厦门日报", "publish_date": "2024-05-08", "title": title, "body": body}
    for title, body in (
        ("地铁二号线部分站点临时停运公告", "因设备检修，地铁二号线五缘湾站至马青路站区间临时停运。"),
        ("3号楼停水通知", "因管网改造，瑞景新村3号楼明日8:00至12:00停水。"),
        ("2024年1季度全市经济运行情况", "1季度全市地区生产总值同比增长5.2%。"),
        ("第二轮中央生态环境保护督察整改方案", "按照第二轮督察反馈意见，制定整改方案。"),
        ("厦门日报第2版", "本版刊登便民公告。"),
    )
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("ordinals") / "data", RECORDS)
    yield built
    built.close()


@pytest.mark.parametrize(("query", "title"), [
    ("2号线停运", "地铁二号线部分站点临时停运公告"),
    ("三号楼停水", "3号楼停水通知"),
    ("一季度经济运行", "2024年1季度全市经济运行情况"),
    ("第2轮督察整改", "第二轮中央生态环境保护督察整改方案"),
    ("厦门日报第二版", "厦门日报第2版"),
])
def test_the_other_writing_finds_the_record_whole(engine, query, title) -> None:
    response = engine.search(SearchRequest(q=query))
    assert not response.relaxed
    assert [hit.title for hit in response.hits][:1] == [title]
