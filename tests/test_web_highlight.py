"""Highlighting on the page: only <em> survives from snippets; the visitor's words, 文号 and 索引号 are
marked in full texts whatever their width, script or bracket variant."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from gongkai.engine import Engine
from gongkai.settings import Settings
from gongkai.web.highlight import highlight_terms, safe_snippet, safe_url


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Engine:
    # Engine.marks opens neither store nor index: the page's marks come from the index's rules through the engine.
    return Engine(Settings(data_dir=tmp_path_factory.mktemp("marks")))


@pytest.fixture
def mark(engine):
    def marked(text: str, query: str) -> Markup:
        return highlight_terms(text, engine.marks(query))

    return marked


def test_snippet_keeps_em_and_escapes_everything_else():
    assert safe_snippet("因<em>停电</em>检修 &amp; 维护") == "因<em>停电</em>检修 &amp; 维护"
    assert safe_snippet("<script>alert(1)</script><em>x</em>") == "&lt;script&gt;alert(1)&lt;/script&gt;<em>x</em>"
    assert safe_snippet('<em onclick="x">a</em>') == '&lt;em onclick=&#34;x&#34;&gt;a</em>'
    assert safe_snippet("cut <em>off") == "cut <em>off</em>"  # never leaves the rest of the page emphasised


def test_words_are_marked_across_width_script_and_case(mark):
    assert mark("厦門市停電通知 ＡＢＣ", "停电 abc") == "厦門市<mark>停電</mark>通知 <mark>ＡＢＣ</mark>"
    assert mark("<b>停电</b>", "停电") == "&lt;b&gt;<mark>停电</mark>&lt;/b&gt;"
    assert mark("无关内容", "") == "无关内容"


def test_a_document_number_is_marked_whole_in_any_bracket_variant(mark):
    text = "根据国办函［2018］71号和国办函〔2018〕71号，2018年起实施。"
    marked = mark(text, "国办函[2018]71号")
    assert marked == "根据<mark>国办函［2018］71号</mark>和<mark>国办函〔2018〕71号</mark>，2018年起实施。"


def test_an_index_number_is_marked_whole(mark):
    marked = mark("索引号：000014349/2018-00204；2018", "000014349／2018－00204")
    assert marked == "索引号：<mark>000014349/2018-00204</mark>；2018"


def test_the_marks_are_what_the_search_matched(mark):
    # Excluded words are not marked: the search required their absence, not their presence.
    assert mark("停电检修通知", "停电 -检修") == "<mark>停电</mark>检修通知"
    # A phrase is marked whole; quotes are syntax, not text.
    assert mark("计划停电检修，停电", '"停电检修"') == "计划<mark>停电检修</mark>，停电"
    # No operators and no unknown fields: AND and title: are text, and marked where the text has them.
    assert mark('title:停电 AND ("检修")', 'title:停电 AND ("检修")') == '<mark>title:停电</mark> <mark>AND</mark> (&#34;<mark>检修</mark>&#34;)'
    # Letters and digits as the index matches them: open at a query's edges, whole inside it.
    assert mark("2024年第120号", "202") == "<mark>202</mark>4年第120号"
    assert mark("2024年第120号", "第12号") == "2024年第120号"


def test_no_query_and_no_marks_mark_nothing(engine):
    assert highlight_terms("停电通知", None) == "停电通知"
    assert highlight_terms("<b>停电</b>", engine.marks("")) == "&lt;b&gt;停电&lt;/b&gt;"
    assert engine.marks("停电 -检修").spans("停电检修") == [(0, 2)]


def test_only_web_urls_become_links():
    assert safe_url("https://www.gov.cn/a.html") == "https://www.gov.cn/a.html"
    assert safe_url("/documents/abc") == "/documents/abc"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example/x", "vbscript:x", ""):
        assert safe_url(bad) == ""
