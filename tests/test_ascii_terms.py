"""An ASCII run that may continue in the text is expanded from the listed terms (indexer/ascii_terms.py, session 15).

Found by probing query costs at 100,000 records: a leading `.*` makes tantivy walk the whole term dictionary (~22 ms a
field), again for every field and relaxed step, so `www.xm.gov.cn` cost 811 ms of CPU, `GB18030` 361, `ISO9001` 335.
With the terms listed once per index state they cost 54, 17 and 13 ms. These tests hold the two ways to the same
matches and scores, and hold that a list never outlives the state it was read from. Real engine, SQLite and Tantivy."""

from __future__ import annotations

import time

import pytest

from gongkai.indexer import SearchRequest
from gongkai.indexer.analysis import positioned_tokens
from gongkai.indexer.ascii_terms import MAX_EXPANSIONS, TermLists, _find, expand_open_runs, terms_in_use
from gongkai.indexer.query_builder import _tokens_query, edge_patterns
from tests.support import build_engine

NOTICES = [
    {"kind": "notice", "notice_type": "other", "issuer": "厦门日报", "publish_date": "2024-05-08", "title": title, "body": body}
    for title, body in (
        ("关于执行GB18030-2022标准的通知", "各单位信息系统应于2024年6月1日前支持GB18030-2022《信息技术 中文编码字符集》。"),
        ("政务网站迁移公告", "厦门市人民政府门户网站地址为www.xm.gov.cn，原地址http://old.xm.gov.cn停止访问。"),
        ("质量管理体系认证公告", "本公司通过ISO9001:2015质量管理体系认证，证书编号CN-QMS-2024-0088。"),
        ("空气质量日报", "今日全市PM2.5平均浓度为23微克/立方米，PM10为41微克/立方米，空气质量优。"),
        ("公共场所无线网络开通", "市民广场开通免费Wi-Fi，名称XM-Free-WiFi，每日可用2小时。"),
        ("防控工作通知", "根据COVID-19疫情防控形势变化，调整公共场所管理措施。"),
    )
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    built = build_engine(tmp_path_factory.mktemp("ascii") / "data", NOTICES)
    yield built
    built.close()


def _answers(searcher, query) -> list[tuple[float, int, int]]:
    result = searcher.search(query, 100)
    return sorted((round(score, 5), address.segment_ord, address.doc) for score, address in result.hits)


@pytest.mark.parametrize("text", ["gov", "18030", "gb18030", "9001", "iso", "m2", "wifi", "covid", "www.xm", "xm.gov",
                                  "2015质量", "0088", "24年6月", "19疫情", "nothing9", "zz"])
@pytest.mark.parametrize("field", ["all_text", "title"])
def test_listed_terms_match_and_score_as_the_open_regex_does(engine, text, field) -> None:
    tokens = positioned_tokens(text)
    patterns = edge_patterns(tokens)
    assert patterns is not None  # each case has an open ASCII edge
    searcher = engine.index._generation.check_current().searcher()
    by_regex = _tokens_query(engine.index.schema, field, tokens, patterns=patterns)
    with terms_in_use(TermLists(searcher)):
        by_list = _tokens_query(engine.index.schema, field, tokens, patterns=patterns)
        expanded = expand_open_runs(field, tokens, patterns)
    assert expanded is None or any(isinstance(e, tuple) for e in expanded)  # the list answered, not the regex
    assert _answers(searcher, by_list) == _answers(searcher, by_regex)


def test_engine_answers_runs_inside_longer_runs(engine) -> None:
    def titles(q: str) -> list[str]:
        return [hit.title for hit in engine.search(SearchRequest(q=q, limit=10)).hits]

    assert titles("18030") == ["关于执行GB18030-2022标准的通知"]
    assert "政务网站迁移公告" in titles("www.xm.gov.cn")
    assert titles("ISO9001") == ["质量管理体系认证公告"]


def test_a_list_is_never_used_for_a_later_commit(tmp_path) -> None:
    """A run held only by a record committed after the list was read is found: by this engine and by another one on the
    same data directory (another process's ingest: readers reload only when told, and each reload makes a new list)."""
    first = build_engine(tmp_path / "data", NOTICES[:1])
    try:
        assert [h.title for h in first.search(SearchRequest(q="18030")).hits] == ["关于执行GB18030-2022标准的通知"]
        first.ingest_records([_record("数字编码新规", "新系统采用ZB18030编码。")])
        assert {h.title for h in first.search(SearchRequest(q="18030")).hits} == {"关于执行GB18030-2022标准的通知", "数字编码新规"}
        second = build_engine(tmp_path / "data", [_record("另一进程写入", "终端型号KX18030已停产。")])
        try:
            found = {h.title for h in first.search(SearchRequest(q="18030")).hits}
        finally:
            second.close()
        assert found == {"关于执行GB18030-2022标准的通知", "数字编码新规", "另一进程写入"}
    finally:
        first.close()


def _listed_soon(lists: TermLists, fields: tuple[str, ...], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(field in lists._joined for field in fields):
            return True
        time.sleep(0.01)
    return False


def test_after_a_commit_the_fields_a_search_needed_are_listed_ahead_and_only_while_asked(tmp_path) -> None:
    """The first query needing a field's terms after a commit paid their listing (~170 ms a field at 100,000 records,
    once a minute for a server during a long ingest): the fields a search of the state before asked for are now listed
    for the new state in the background, and give the same answers; a state whose lists nobody asked for hands nothing
    on (warming is not asking), so a server stops listing after each commit once citizens stop typing such runs."""
    engine = build_engine(tmp_path / "data", NOTICES[:1])
    try:
        index = engine.index
        assert [h.title for h in engine.search(SearchRequest(q="18030")).hits] == ["关于执行GB18030-2022标准的通知"]
        asked = index._terms[1].asked_fields()
        assert asked  # the open run needed the listed terms of its fields

        engine.ingest_records([_record("数字编码新规", "新系统采用ZB18030编码。")])  # this process's commit: a reload
        key, lists = index._terms
        assert key == index.state_key()  # made for the new state at the reload, before any search of it
        assert _listed_soon(lists, asked), "the asked fields were not listed ahead"
        assert lists.asked_fields() == ()  # listed by the warm-up, asked by nobody yet
        assert any("zb18030" in lists._joined[field] for field in asked)  # the new state's terms, the new record's run
        assert {h.title for h in engine.search(SearchRequest(q="18030")).hits} == {"关于执行GB18030-2022标准的通知", "数字编码新规"}
        assert index._terms[1] is lists  # the search used the lists made ahead

        engine.ingest_records([_record("另一条", "型号KX18030。")])
        key, lists = index._terms
        assert key == index.state_key() and _listed_soon(lists, asked)  # asked on the state before: listed again

        engine.ingest_records([_record("第三条", "普通文字。")])  # the state before was listed, never asked
        assert index._terms[0] != index.state_key()  # nothing listed ahead: the next such query lists for itself
        assert {h.title for h in engine.search(SearchRequest(q="18030")).hits} == {
            "关于执行GB18030-2022标准的通知", "数字编码新规", "另一条"}
    finally:
        engine.close()


def _record(title: str, body: str):
    from gongkai.record import Record

    return Record(kind="notice", notice_type="other", issuer="厦门日报", publish_date="2024-05-09", title=title, body=body)


def test_phrase_with_more_expansions_than_a_regex_holds_falls_back_to_the_open_regex(tmp_path) -> None:
    """Several hundred numbers ending alike (批次…57合格): the literals exceed tantivy's automaton size, the open regex
    answers, with the same matches."""
    records = [_record(f"抽检结果{n}", f"批次{n:04d}57合格，批次{n:04d}58不合格。") for n in range(300)]
    engine = build_engine(tmp_path / "data", records)
    try:
        tokens = positioned_tokens("57合格")
        patterns = edge_patterns(tokens)
        assert patterns is not None
        searcher = engine.index._generation.check_current().searcher()
        by_regex = _tokens_query(engine.index.schema, "all_text", tokens, patterns=patterns)
        with terms_in_use(TermLists(searcher)):
            by_list = _tokens_query(engine.index.schema, "all_text", tokens, patterns=patterns)
            expanded = expand_open_runs("all_text", tokens, patterns)
        assert expanded is not None and len(expanded[0]) >= 300  # listed (other numbers end so too), too many for one regex
        assert len(_answers(searcher, by_list)) == 100  # the search's limit: all 300 match
        assert _answers(searcher, by_list) == _answers(searcher, by_regex)
        assert searcher.search(by_list, 1).count == 300
    finally:
        engine.close()


def test_find_reads_suffixes_and_parts_and_gives_up_past_the_cap() -> None:
    joined = "\n" + "\n".join(["gb18030", "18030", "180301", "x18030y", "2024"]) + "\n"
    assert _find(joined, "18030", open_right=False) == ("gb18030", "18030")
    assert set(_find(joined, "18030", open_right=True) or ()) == {"gb18030", "18030", "180301", "x18030y"}
    assert _find(joined, "7777", open_right=True) == ()
    many = "\n" + "\n".join(f"{n}57" for n in range(MAX_EXPANSIONS + 1)) + "\n"
    assert _find(many, "57", open_right=False) is None
