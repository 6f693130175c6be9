"""The search-box parser (gongkai.indexer.query): a pure function, tested without an index."""

from __future__ import annotations

import random

import pytest

from gongkai.indexer.query import Clause, highlight_terms, parse_query


def test_words_separated_by_spaces_are_separate_clauses() -> None:
    assert parse_query("停电  思明区\t通知") == [Clause("停电"), Clause("思明区"), Clause("通知")]


def test_empty_and_blank_queries_have_no_clauses() -> None:
    assert parse_query("") == []
    assert parse_query("   \u3000 ") == []


@pytest.mark.parametrize(
    ("query", "phrase"),
    [('"停水 通知"', "停水 通知"), ("“停水 通知”", "停水 通知"), ("「停水通知」", "停水通知"), ("＂停水＂", "停水")],
)
def test_quoted_text_is_one_phrase_clause(query: str, phrase: str) -> None:
    assert parse_query(query) == [Clause(phrase, quoted=True)]


def test_minus_excludes_a_word_a_phrase_and_a_field() -> None:
    assert parse_query('停电 -检修 -"临时 停电" -issuer:国家电网') == [
        Clause("停电"),
        Clause("检修", negated=True),
        Clause("临时 停电", negated=True, quoted=True),
        Clause("国家电网", field="issuer", negated=True),
    ]


def test_a_hyphen_inside_a_word_is_not_an_exclusion() -> None:
    assert parse_query("COVID-19") == [Clause("COVID-19")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("issuer:厦门市", Clause("厦门市", field="issuer")),
        ('issuer:"厦门市 人民政府"', Clause("厦门市 人民政府", field="issuer", quoted=True)),
        ("发布机构：厦门市人民政府", Clause("厦门市人民政府", field="issuer")),
        ("kind:notice", Clause("notice", field="kind")),
        ("kind:公告", Clause("notice", field="kind")),
        ("KIND:Disclosure", Clause("disclosure", field="kind")),
        ("notice_type:outage", Clause("outage", field="notice_type")),
        ("topic:工商", Clause("工商", field="topic")),
        ("year:2014", Clause("2014", field="year")),
        ("年份：２０１４年", Clause("2014", field="year")),
        ("doc_number:厦府[2014]12号", Clause("厦府[2014]12号", field="doc_number")),
        ("文号：厦府〔2014〕12号", Clause("厦府〔2014〕12号", field="doc_number")),
        ("index_number:XM00100-0200-2014-00012", Clause("XM00100-0200-2014-00012", field="index_number")),
    ],
)
def test_field_clauses(query: str, expected: Clause) -> None:
    assert parse_query(query) == [expected]


@pytest.mark.parametrize("query", ["厦府[2014]12号", "厦府〔2014〕12号", "厦府（2014）12 号", "厦府【2014】第12号"])
def test_a_whole_doc_number_is_one_identifier_clause_even_with_spaces(query: str) -> None:
    [clause] = parse_query(query)
    assert clause.identifier == "doc_number"
    assert clause.text == query


def test_a_doc_number_among_words() -> None:
    assert parse_query("通知 国办函（2018）71 号 政府网站") == [
        Clause("通知"),
        Clause("国办函（2018）71 号", identifier="doc_number"),
        Clause("政府网站"),
    ]


def test_an_index_number_is_an_identifier_clause() -> None:
    assert parse_query("000014349/2019-00007") == [Clause("000014349/2019-00007", identifier="index_number")]
    assert parse_query("2019")[0].identifier is None  # a year is not an index number


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"停电 通知', [Clause('"停电'), Clause("通知")]),  # unbalanced quote: literal words
        ("“停电", [Clause("“停电")]),
        ("-", [Clause("-")]),  # lone minus: literal (it has no searchable characters)
        ("停电 - 检修", [Clause("停电"), Clause("-"), Clause("检修")]),
        ("issuer:", [Clause("issuer:")]),  # field without a value: literal
        ("issuer: 厦门", [Clause("issuer:"), Clause("厦门")]),
        ("foo:bar", [Clause("foo:bar")]),  # unknown field: literal
        ("http://www.xm.gov.cn", [Clause("http://www.xm.gov.cn", identifier="url")]),  # no field: a link (its page first)
        ("kind:news", [Clause("kind:news")]),  # bad value for a known field: literal
        ("year:去年", [Clause("year:去年")]),
        ("year:99999", [Clause("year:99999")]),
        ("停电 AND (", [Clause("停电"), Clause("AND"), Clause("(")]),  # no operators: literal
        ("a OR b NOT c", [Clause("a"), Clause("OR"), Clause("b"), Clause("NOT"), Clause("c")]),
        ('issuer:"厦门', [Clause('"厦门', field="issuer")]),  # unbalanced quote in a value: literal value
    ],
)
def test_malformed_syntax_falls_back_to_literal_text(query: str, expected: list[Clause]) -> None:
    assert parse_query(query) == expected


def test_long_queries_are_cut_at_max_length() -> None:
    assert parse_query("停电" * 400, max_length=10) == [Clause("停电" * 5)]


def test_parsing_never_raises_on_random_syntax_soup() -> None:
    alphabet = ['"', "“", "”", "-", ":", "：", "(", ")", " ", "issuer", "year", "kind", "停", "电", "〔", "2014", "〕", "号",
                "厦府", "\\", "*", "AND", "「", "\u3000", "\n", "－"]
    rng = random.Random(20260101)
    for _ in range(3000):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12)))
        clauses = parse_query(query)
        # Every clause is a non-empty piece of what was typed; text clauses are literally in the query.
        for clause in clauses:
            assert clause.text.strip()
            if clause.field is None:
                assert clause.text in query


def test_highlight_terms_are_the_positive_text_clauses() -> None:
    clauses = parse_query('停电 "思明 区" -检修 issuer:厦门 厦府（2014）12 号')
    assert highlight_terms(clauses) == ["停电", "思明 区", "厦府（2014）12 号"]
