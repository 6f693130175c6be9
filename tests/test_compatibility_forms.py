"""Numbering and compatibility forms are read as their value (lead, session 21).

Documents number their items ①②, ⑴, ⒈, ❶, ㈠ and grade things with Roman numerals (Ⅲ级响应, Ⅱ类水质); they print
areas in ㎡ and m². People type 第1条, III级, 一, m2. Until index schema 9 these characters were marks (no term), so
`第1条` never found a record printing 第①条, and `①` alone held nothing searchable (search15's gap). Real SQLite and
Tantivy, through the engine's search and over HTTP for the snippet.
"""

from __future__ import annotations

import httpx
import pytest

from gongkai.indexer.analysis import positioned_tokens
from gongkai.record import Record
from tests.support import build_engine, search, served_engine

RECORDS = [
    Record(title="厦门市防汛防台风应急预案", issuer="厦门市应急管理局", publish_date="2024-06-01",
           body="第①条 启动Ⅲ级应急响应。⑵ 各区组织转移。❸ 做好物资保障。"),
    Record(title="关于征收集美区杏林片区房屋的公告", issuer="集美区人民政府", publish_date="2024-07-02",
           body="㈠征收范围：杏林湾路以南。㈡补偿标准：住宅每平方米（㎡）按评估价。被征收房屋面积120m²以上的另行协商。"),
    Record(title="厦门市水环境质量通报", issuer="厦门市生态环境局", publish_date="2024-08-03",
           body="第1条 九龙江入海口水质为Ⅱ类。气温30℃。"),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = build_engine(tmp_path_factory.mktemp("compat"), RECORDS)
    yield engine
    engine.close()


def titles(engine, q: str) -> list[str]:
    return [hit.title for hit in search(engine, q).hits]


def test_a_form_is_one_term_in_the_marks_place():
    # one term where the mark was: the positions of what follows do not move, a neighbouring run keeps its term
    assert positioned_tokens("第①条") == [(0, "第"), (1, "1"), (2, "条")]
    assert positioned_tokens("⑩⑴⒈❶➀") == [(0, "10"), (1, "1"), (2, "1"), (3, "1"), (4, "1")]
    assert positioned_tokens("Ⅲ级") == [(0, "iii"), (1, "级")]
    assert positioned_tokens("㈠征收") == [(0, "一"), (1, "征"), (2, "收")]
    assert positioned_tokens("120m²") == [(0, "120m"), (1, "2")]
    assert positioned_tokens("100㎡") == [(0, "100"), (1, "m2")]
    assert positioned_tokens("ﬁnance") == [(0, "finance")]  # a letter form joins its word
    assert positioned_tokens("30℃") == [(0, "30")]  # ℃ (°C) stays a mark: 30 is still its own term
    assert positioned_tokens("½") == []  # a fraction (1⁄2) is no term


def test_typed_numbers_find_printed_forms(engine):
    assert sorted(titles(engine, '"第1条"')) == ["厦门市水环境质量通报", "厦门市防汛防台风应急预案"]
    assert titles(engine, "III级应急响应") == ["厦门市防汛防台风应急预案"]
    assert titles(engine, "Ⅲ级") == ["厦门市防汛防台风应急预案"]
    assert titles(engine, "ⅲ级") == ["厦门市防汛防台风应急预案"]  # small Roman numerals are the same term
    assert titles(engine, '"II类"') == ["厦门市水环境质量通报"]
    assert titles(engine, '"2各区组织"') == ["厦门市防汛防台风应急预案"]  # ⑵ read as 2, in its place
    assert titles(engine, '"一征收范围"') == ["关于征收集美区杏林片区房屋的公告"]
    assert titles(engine, '"120m"') == ["关于征收集美区杏林片区房屋的公告"]  # the run before m² keeps its term
    assert titles(engine, '"气温30"') == ["厦门市水环境质量通报"]


def test_a_form_alone_is_searchable(engine):
    answer = search(engine, "①")
    assert answer.nothing_searchable is False
    assert "厦门市防汛防台风应急预案" in [hit.title for hit in answer.hits]


def test_the_snippet_marks_the_printed_form(tmp_path):
    with served_engine(tmp_path, RECORDS) as (_, base):
        hits = httpx.get(f"{base}/api/search", params={"q": '"第1条 启动"'}, timeout=30).json()["hits"]
    assert [hit["title"] for hit in hits] == ["厦门市防汛防台风应急预案"]
    assert "<em>第①条 启动</em>" in hits[0]["snippet_html"], hits[0]["snippet_html"]
