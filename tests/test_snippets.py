"""Snippets (gongkai.indexer.snippets): folded matching, original text shown, HTML-safe, best window."""

from __future__ import annotations

import html
import json

from gongkai.indexer.snippets import best_window, compile_terms, find_matches, leading_snippet, make_snippet
from tests.test_index_helpers import CORPUS


def _traditional_notice() -> str:
    with (CORPUS / "web_page_excerpts" / "public_notices.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            if raw["script"] == "traditional":
                return raw["text"]
    raise AssertionError("the corpus has no Traditional-character notice")


def test_simplified_query_highlights_the_original_traditional_characters() -> None:
    body = _traditional_notice()
    snippet = make_snippet(body, ["湖里区", "大桥"], 120)
    assert snippet is not None
    assert "<em>湖里區</em>" in snippet.html
    assert "<em>大橋</em>" in snippet.html
    assert "【湖里區】" in snippet.text
    assert "湖里区" not in snippet.text  # the original is shown, not the folded form


def test_traditional_query_highlights_simplified_text_and_fullwidth_digits() -> None:
    snippet = make_snippet("通知：２０１４年停电检修安排", ["停電", "2014"], 40)
    assert snippet is not None
    assert snippet.text == "通知：【２０１４】年【停电】检修安排"


def test_html_in_the_body_is_escaped_and_only_matches_are_marked() -> None:
    body = '遗失声明：<script>alert("x")</script> & 公章作废'
    snippet = make_snippet(body, ["公章"], 100)
    assert snippet is not None
    assert "<script>" not in snippet.html
    assert snippet.html == html.escape('遗失声明：<script>alert("x")</script> & ') + "<em>公章</em>作废"
    assert snippet.html.count("<em>") == 1


def test_a_query_looking_like_markup_is_escaped_too() -> None:
    snippet = make_snippet("a <b>bold</b> claim", ["b"], 40)
    assert snippet is not None
    assert snippet.html == "a &lt;<em>b</em>&gt;bold&lt;/<em>b</em>&gt; claim"


def test_doc_number_variants_highlight_the_document_number_as_written() -> None:
    body = "根据《通知》（厦府〔2014〕12号）精神，特制定本办法。"
    for query in ("厦府[2014]12号", "厦府（2014）12 号", "厦府〔2014〕12号"):
        snippet = make_snippet(body, [query], 60)
        assert snippet is not None
        assert "【厦府〔2014〕12号】" in snippet.text, query


def test_ascii_runs_inside_a_term_are_whole_but_its_edges_may_continue() -> None:
    # Inside the query 12 is bounded (by 第 and 号): 第120号 does not hold 第12号.
    assert make_snippet("共第120号文件", ["第12号"], 40) is None
    snippet = make_snippet("第12号与第120号", ["第12号"], 40)
    assert snippet is not None and snippet.text == "【第12号】与第120号"
    # At the query's edges a run may continue, as a substring does: 202 is in 2024, 18030 in GB18030.
    assert make_snippet("二〇二四年即2024年", ["202"], 40).text == "二〇二四年即【202】4年"
    assert make_snippet("字符集GB18030标准", ["18030标准"], 40).text == "字符集GB【18030标准】"
    assert make_snippet("字符集GB18030标准", ["字符集GB1"], 40).text == "【字符集GB1】8030标准"
    # A single letter or digit stays a whole run (as part of runs it would match nearly every number).
    assert make_snippet("共120号文件", ["2"], 40) is None


def test_offsets_are_characters_not_utf8_bytes() -> None:
    body = "一二三四五六七八九十" * 30 + "停电" + "甲乙丙丁" * 30
    snippet = make_snippet(body, ["停电"], 40)
    assert snippet is not None
    assert "【停电】" in snippet.text
    [(start, end, _)] = find_matches(body, compile_terms(["停电"]))
    assert body[start:end] == "停电"


def test_window_prefers_the_place_where_all_terms_meet() -> None:
    body = "停电" + "。" * 200 + "思明区今日停电，请居民做好准备" + "。" * 200 + "停电"
    snippet = make_snippet(body, ["停电", "思明区"], 40)
    assert snippet is not None
    assert "【思明区】今日【停电】" in snippet.text
    assert snippet.text.startswith("…") and snippet.text.endswith("…")


def test_window_width_is_respected_and_matches_are_not_cut() -> None:
    body = "甲" * 100 + "厦门市人民政府办公厅" + "乙" * 100
    start, end = best_window(find_matches(body, compile_terms(["厦门市人民政府办公厅"])), len(body), 8)
    assert "厦门市人民政府办公厅" in body[start:end]  # wider than 8: a match is never cut
    snippet = make_snippet(body, ["人民"], 30)
    assert snippet is not None
    assert len(snippet.text.replace("【", "").replace("】", "").strip("…")) == 30


def test_no_match_gives_none_and_leading_snippet_shows_the_start() -> None:
    assert make_snippet("今天天气很好", ["停电"], 50) is None
    assert make_snippet("今天天气很好", ["!!!"], 50) is None  # a term without searchable characters
    lead = leading_snippet("第一行\n第二行<b>", 50)
    assert lead.text == "第一行 第二行<b>"
    assert lead.html == "第一行 第二行&lt;b&gt;"
    assert leading_snippet("很长的正文" * 50, 10).text == "很长的正文很长的正文…"


def test_punctuation_separates_and_whitespace_does_not() -> None:
    # The index works the same way (tests/test_index.py checks 限行 against the corpus).
    assert make_snippet("审查是否超越法定权限;行政执法文书是否完备", ["限行"], 40) is None
    snippet = make_snippet("关于印发《政府网站集约化\n试点工作方案》的通知", ["集约化试点"], 40)
    assert snippet is not None
    assert "【集约化 试点】" in snippet.text  # the line break shows as a space
