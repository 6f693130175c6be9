"""A credit code, an ID number or a phone number typed whole is matched whole (indexer/codes.py, session 14).

Found by probing with codes no record holds: `91350200MA31234567` (a company's 统一社会信用代码, the way a citizen looks for
its 注销公告) cost 0.8 s of CPU at 100,000 records and was answered, "relaxed", by the notices holding `91350200`: another
company's code cut into pieces; a phone number nobody printed cost ~115 ms of term-dictionary scans. Real engine, real
SQLite and Tantivy; notices written as 厦门日报 prints them."""

from __future__ import annotations

import pytest

from gongkai.indexer import SearchRequest
from gongkai.indexer.codes import complete_code
from gongkai.indexer.understand import Rules, characters, finer, understand
from gongkai.indexer.vocabulary import build_vocabulary
from gongkai.settings import SearchSettings
from tests.support import build_engine

CLOSED = {
    "kind": "notice", "notice_type": "business_tax", "issuer": "厦门日报", "publish_date": "2024-05-08",
    "title": "注销公告",
    "body": "厦门宏盛餐饮管理有限公司（统一社会信用代码：91350200MA82A0Q362）经股东会决议解散，已成立清算组。"
            "请债权人自本公告见报之日起四十五日内向清算组申报债权。联系人：陈先生，联系电话：0592-5123456，13906001234。",
}
#: Holders of the same division code (913502…) and of numbers sharing digits: what pieces of a code would find.
NEIGHBOURS = [
    {"kind": "notice", "notice_type": "business_tax", "issuer": "厦门日报", "publish_date": "2024-05-09",
     "title": "减资公告", "body": f"厦门{name}有限公司（统一社会信用代码：{code}）经股东决定，注册资本由1000万元减至100万元。"
                                 "请债权人自本公告见报之日起四十五日内向本公司申报债权。联系电话：0592-5123457。"}
    for name, code in (("鹭岛贸易", "91350200MA31234568"), ("海沧物流", "913502003123456789"), ("集美科技", "91350211MA2Y0ABC12"))
]
#: Phone numbers printed in groups, as notices often do.
GROUPED = {
    "kind": "notice", "notice_type": "outage", "issuer": "厦门日报", "publish_date": "2024-05-11", "title": "停水通知",
    "body": "因管网改造，5月12日8:00至18:00思明区莲前西路停水。咨询电话：139-5012-3456，服务热线：400-800-1234。",
}
LOST_ID = {
    "kind": "notice", "notice_type": "lost", "issuer": "厦门日报", "publish_date": "2024-05-10", "title": "遗失声明",
    "body": "林某某遗失居民身份证，公民身份号码：350203198001011234，声明作废。",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("codes") / "data", [CLOSED, *NEIGHBOURS, GROUPED, LOST_ID])
    yield built
    built.close()


def titles(engine, q: str) -> tuple[list[str], bool]:
    answer = engine.search(SearchRequest(q=q, limit=20))
    return [hit.title for hit in answer.hits], answer.relaxed


@pytest.mark.parametrize("typed", ["91350200MA82A0Q362", "91350200ma82a0q362", "９１３５０２００ＭＡ８２Ａ０Ｑ３６２",
                                   "宏盛餐饮91350200MA82A0Q362", "0592-5123456", "13906001234"])
def test_a_code_typed_whole_finds_its_notice_only(engine, typed) -> None:
    assert titles(engine, typed) == (["注销公告"], False)


@pytest.mark.parametrize("typed", ["13950123456", "4008001234", "莲前西路停水13950123456"])
def test_a_phone_typed_joined_finds_it_printed_in_groups(engine, typed) -> None:
    """4008001234 did not find 400-800-1234: the index cuts digits at a dash (indexer/codes.printed_forms)."""
    assert titles(engine, typed) == (["停水通知"], False)


def test_an_id_number_typed_whole_finds_its_declaration(engine) -> None:
    assert titles(engine, "350203198001011234") == (["遗失声明"], False)


@pytest.mark.parametrize("typed", ["91350200MA31234567", "350203198001011235", "13906001235", "0592-5123450"])
def test_a_code_no_record_holds_answers_nothing_rather_than_its_pieces(engine, typed) -> None:
    """91350200MA31234567 was answered by the notices holding 91350200 (relaxed, 'dropped 31234567')."""
    assert titles(engine, typed) == ([], False)


def test_a_part_of_a_code_is_still_found_inside_it(engine) -> None:
    """Only a complete code is whole: its last eight characters, or a phone without its area code, are parts."""
    assert titles(engine, "82A0Q362") == (["注销公告"], False)
    assert titles(engine, "5123456")[0] == ["注销公告"]


def test_a_code_beside_words_is_dropped_whole_when_no_record_holds_both(engine) -> None:
    answer = engine.search(SearchRequest(q="注销公告91350200MA31234567", limit=20))
    assert answer.relaxed and answer.dropped == ["91350200ma31234567"]
    assert [hit.title for hit in answer.hits] == ["注销公告"]


def test_understanding_keeps_a_complete_code_one_closed_segment_at_every_level() -> None:
    settings = SearchSettings()
    rules = Rules(settings.stop_words, settings.synonyms)
    vocab = build_vocabulary([], [], [])
    for typed in ("91350200MA31234567", "0592-5123456", "13906001234", "35020319800101123X"):
        understood = understand(typed, vocab, rules)
        [segment] = understood.segments
        assert (segment.open_left, segment.open_right) == (False, False), typed
        assert finer(understood, rules) is None and characters(understood, rules) is None, typed
    # a part stays open at its edges (it may continue in the text), and the last resort still cuts a run that is no code
    [part] = understand("82A0Q362", vocab, rules).segments
    assert part.open_left and part.open_right
    assert characters(understand("lf125ma", vocab, rules), rules) is not None


@pytest.mark.parametrize(("text", "whole"), [
    ("91350200MA82A0Q362", True), ("91350200ma82a0q362", True), ("350203198001011234", True), ("35020319800101123x", True),
    ("350200100012345", True), ("13906001234", True), ("0592-5123456", True), ("010-12345678", True), ("400-800-1234", True),
    ("91350200MA82A0Q36", False), ("91350200MA82A0O362", False), ("12906001234", False), ("0592-8397", False),
    ("2024", False), ("XM00100-0200-2014-00012", False), ("gb18030", False),
])
def test_the_shapes_of_complete_codes(text, whole) -> None:
    assert complete_code(text) is whole
