"""Search behaviour on a real tantivy index (in a temporary directory) of real corpus records."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from gongkai.dates import chinese_numeral
from gongkai.indexer import SearchIndex, SearchRequest
from gongkai.record import Record
from gongkai.textnorm import fold
from tests.test_index_helpers import all_records, default_settings, searchable_text


@pytest.fixture(scope="module")
def records() -> list[Record]:
    return all_records()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, records: list[Record]) -> SearchIndex:
    index_settings, search_settings = default_settings()
    built = SearchIndex(tmp_path_factory.mktemp("index"), index_settings, search_settings)
    built.add_or_replace(records)
    built.commit(watermark=len(records))
    return built


def ids(index: SearchIndex, q: str = "", **filters) -> list[str]:
    response = index.search(SearchRequest(q=q, limit=100, facets=False, **filters))
    assert response.total <= 100, "test query too broad for one page"
    return [hit.id for hit in response.hits]


def expected_ids(records: list[Record], *substrings: str, excluded: tuple[str, ...] = ()) -> set[str]:
    """Brute force: records whose text fields contain every substring (folded) and none of the excluded."""
    found = set()
    for record in records:
        text = searchable_text(record)
        if all(fold(s) in text for s in substrings) and not any(fold(s) in text for s in excluded):
            found.add(record.id)
    return found


def test_every_record_is_indexed(index: SearchIndex, records: list[Record]) -> None:
    assert index.doc_count() == len(records)
    assert index.watermark == len(records)
    assert index.size_bytes() > 0


@pytest.mark.parametrize("query", ["停电", "停水", "限行", "大桥", "中医", "公示", "集约", "融资", "幼儿", "疫情", "厦门"])
def test_two_character_queries_find_every_record_containing_them(index, records, query: str) -> None:
    expected = expected_ids(records, query)
    assert expected, f"corpus has no {query}"
    assert set(ids(index, query)) == expected


def test_traditional_query_matches_simplified_text_and_the_reverse(index, records) -> None:
    assert set(ids(index, "停電")) == expected_ids(records, "停电")
    # web-notice-008 is written in Traditional characters: a Simplified query finds it.
    assert "web-notice-008" in ids(index, "湖里区 施工期间")
    assert "web-notice-008" in ids(index, "湖里區")


def test_a_forty_character_title_is_found_whole_and_by_any_part(index, records) -> None:
    record = next(r for r in records if len(r.title) >= 40)
    title = record.title
    assert ids(index, title.replace(" ", ""))[0] == record.id
    middle = title[10:26]  # 16 characters from the middle: longer than tantivy's default token limit
    assert record.id in ids(index, middle)


def test_all_long_titles_are_findable(index, records) -> None:
    for record in records:
        if len(record.title) >= 14 and " " not in record.title and '"' not in record.title:
            assert record.id in ids(index, f"“{record.title}”"), record.title


@pytest.mark.parametrize("query", ["厦府[2014]12号", "厦府〔2014〕12号", "厦府（2014）12 号", "厦府【2014】第12号", "厦府(2014)12号"])
def test_doc_number_variants_put_the_document_first(index, query: str) -> None:
    found = ids(index, query)
    assert found[0] == "xm-doc-12"
    if "第" not in query:  # the citing text has no 第: only the exact 文号 field matches that variant
        assert found[1:] == ["xm-mention-12"]  # the document citing it is still found, below


def test_doc_number_of_a_real_document(index, records) -> None:
    record = next(r for r in records if r.doc_number == "国办函〔2018〕71号")
    for query in ("国办函[2018]71号", "国办函（2018）71 号", "doc_number:国办函〔2018〕71号", "文号：国办函(2018)71号"):
        assert ids(index, query)[0] == record.id, query


def test_index_number_finds_the_document_first(index, records) -> None:
    record = records[5]
    assert ids(index, record.index_number)[0] == record.id
    assert ids(index, f"index_number:{record.index_number.lower()}") == [record.id]
    assert ids(index, "XM00100-0200-2014-00012")[0] == "xm-doc-12"


def test_title_matches_rank_above_body_matches(index) -> None:
    # xm-parking-title has 停车设施 once, in its title; xm-mention-12 has it three times in its body.
    found = ids(index, "停车设施")
    assert found.index("xm-parking-title") < found.index("xm-mention-12")
    # Two characters take another path (the pair alone decides the match): same ranking rule.
    found = ids(index, "配建")
    assert found[0] == "xm-parking-title"
    hits = index.search(SearchRequest(q="停车", limit=100, facets=False)).hits
    in_title = [h.id for h in hits if "停车" in h.title]
    assert in_title and [h.id for h in hits[: len(in_title)]] == in_title


def test_character_pairs_apart_are_not_a_match(index, records) -> None:
    assert "xm-pairs-apart" not in ids(index, "营业执照")
    assert "xm-pairs-apart" in ids(index, "营业")
    assert set(ids(index, "营业执照")) == expected_ids(records, "营业执照")
    assert "xm-pairs-apart" in ids(index, "“营业时间”")


def test_words_are_anded(index, records) -> None:
    assert set(ids(index, "停电 检修")) == expected_ids(records, "停电", "检修")
    assert set(ids(index, "通知 幼儿园")) == expected_ids(records, "通知", "幼儿园") != set()


def test_exclusions(index, records) -> None:
    found = set(ids(index, "通知 -国务院 -北京"))
    assert found == expected_ids(records, "通知", excluded=("国务院", "北京"))
    assert found  # the Xiamen records remain
    assert "xm-mention-12" not in set(ids(index, "停车 -厦府〔2014〕12号"))


def test_only_exclusions_means_everything_else(index, records) -> None:
    response = index.search(SearchRequest(q="-国务院", limit=1, facets=False))
    assert response.total == len(records) - len(expected_ids(records, "国务院"))


def test_a_quoted_phrase_requires_adjacency(index, records) -> None:
    phrase = set(ids(index, "“政府网站集约化”"))
    assert phrase == expected_ids(records, "政府网站集约化")
    words = set(ids(index, "政府网站 集约化"))
    assert phrase <= words
    assert set(ids(index, '"湖里區 天圓大橋"')) == {"web-notice-008"}  # spaces inside a phrase do not matter


EVERYTHING = None  # a lone * (what clients send for everything): like an empty query, it lists every record
#: Nothing searchable is left of the query: it answers nothing and says so (search15, session 20, by the lead's rule: it
#: listed every record, as an empty query does; `nothing_searchable` in the response, a message on the page and API)
NOTHING = ()


@pytest.mark.parametrize(
    ("query", "literal_words"),
    [
        ('"停电', ("停电",)), ("停电 AND (", ("停电", "AND")), ("-", NOTHING), ("- 停电", ("停电",)),
        ("issuer:", ("issuer:",)), ("issuer: 停电", ("issuer:", "停电")), ("foo:bar", ("foo:bar",)), ("((", NOTHING),
        ("*", EVERYTHING), ("停电)", ("停电",)), ("year:abc", ("year:abc",)), ("kind:", ("kind:",)), ('""', NOTHING),
        ("“”", NOTHING), ("\\", NOTHING), ("title:停电", ("title:停电",)), ("停电^2", ("停电^2",)),
        ("停电~1", ("停电", "~1")), ("a" * 2000, ("a" * 2000,)), ("：", NOTHING), ('-"', NOTHING), ("～！＠＃", NOTHING),
    ],
)
def test_malformed_queries_never_error(index, records, query: str, literal_words: tuple[str, ...] | None) -> None:
    # Not well-formed syntax is literal text (indexer/query.py): the total is that of the words taken literally.
    response = index.search(SearchRequest(q=query, limit=1, facets=False))
    if literal_words == NOTHING:
        assert (response.total, response.nothing_searchable) == (0, True)
        return
    assert not response.nothing_searchable
    expected = len(records) if literal_words is EVERYTHING else len(expected_ids(records, *literal_words))
    if response.relaxed:  # no record holds every word: the answer holds some of them, and says so (issue #14)
        assert expected == 0 and response.dropped
    elif literal_words is not EVERYTHING and any(w.startswith("~") for w in literal_words):
        # 停电~1: the ~ is punctuation between two segments, 停电 and the whole number 1, each anywhere.
        holding = {r.id for r in records if "停电" in searchable_text(r) and re.search(r"(?<![0-9a-z])1(?![0-9a-z])", searchable_text(r).lower())}
        assert response.total == len(holding)
    else:
        assert response.total == expected


def test_malformed_queries_fall_back_to_literal_text(index, records) -> None:
    assert set(ids(index, '"停电')) == expected_ids(records, "停电")  # the stray quote is punctuation
    assert set(ids(index, "停电)")) == expected_ids(records, "停电")
    assert set(ids(index, "- 停电")) == expected_ids(records, "停电")  # a lone - has nothing to match
    # An unknown field is plain text: "title:停电" is the words title and 停电. No record holds both: the
    # answer is relaxed to the records holding 停电, and says that "title" was dropped.
    relaxed = index.search(SearchRequest(q="title:停电", limit=100, facets=False))
    assert relaxed.relaxed and relaxed.dropped == ["title"]
    assert {h.id for h in relaxed.hits} == expected_ids(records, "停电")


def test_empty_query_matches_all_newest_first(index, records) -> None:
    response = index.search(SearchRequest(q="", limit=20, facets=False))
    assert response.total == len(records)
    dates = [hit.publish_date for hit in response.hits]
    assert dates == sorted(dates, reverse=True)


def test_field_queries(index, records) -> None:
    assert set(ids(index, "issuer:办公厅")) == {r.id for r in records if "办公厅" in r.issuer}
    assert set(ids(index, "kind:notice notice_type:outage")) == {
        r.id for r in records if r.notice_type == "outage"
    }
    assert set(ids(index, "year:2019 issuer:国务院办公厅")) == {
        r.id for r in records if r.year == 2019 and "国务院办公厅" in r.issuer
    }
    assert set(ids(index, "topic:工商")) == {r.id for r in records if "工商" in r.topic}
    assert set(ids(index, "政府 -issuer:办公厅 issuer:国务院")) == expected_ids(
        [r for r in records if "国务院" in r.issuer and "办公厅" not in r.issuer], "政府"
    )


def test_request_filters(index, records) -> None:
    assert set(ids(index, "通知", issuer="国务院")) == expected_ids([r for r in records if r.issuer == "国务院"], "通知")
    assert set(ids(index, "", kind="disclosure", year=2019)) == {
        r.id for r in records if r.kind == "disclosure" and r.year == 2019
    }
    assert ids(index, "", notice_type="lost") == ["xm-script"]
    topic = records[0].topic
    assert set(ids(index, "", topic=topic)) == {r.id for r in records if r.topic == topic}
    assert ids(index, "", issuer="国务") == []  # the issuer filter is an exact facet value


def test_date_range_is_inclusive(index, records) -> None:
    low, high = date(2019, 1, 1), date(2019, 1, 31)
    expected = {r.id for r in records if r.publish_date and low <= r.publish_date <= high}
    assert expected
    assert set(ids(index, "", date_from=low, date_to=high)) == expected
    day = next(r.publish_date for r in records if r.publish_date and r.publish_date.year == 2019)
    assert set(ids(index, "", date_from=day, date_to=day)) == {r.id for r in records if r.publish_date == day}
    since = date(2021, 1, 1)
    assert set(ids(index, "", date_from=since)) == {r.id for r in records if r.publish_date and r.publish_date >= since}


def test_sort_by_date_newest_first(index, records) -> None:
    response = index.search(SearchRequest(q="通知", sort="date", limit=50, facets=False))
    dates = [hit.publish_date or date.min for hit in response.hits]
    assert dates == sorted(dates, reverse=True)
    assert response.total == len(expected_ids(records, "通知"))


def test_facets_count_the_matching_records(index, records) -> None:
    response = index.search(SearchRequest(q="", limit=0))
    assert response.facets["kind"] == dict(Counter(r.kind for r in records))
    assert response.facets["issuer"] == dict(Counter(r.issuer for r in records if r.issuer))
    assert response.facets["notice_type"] == dict(Counter(r.notice_type for r in records if r.notice_type))
    assert response.facets["year"] == {str(y): n for y, n in Counter(r.year for r in records if r.year).items()}
    assert sum(response.facets["topic"].values()) == sum(1 for r in records if r.topic)

    filtered = index.search(SearchRequest(q="通知", kind="disclosure", limit=0))
    assert sum(filtered.facets["kind"].values()) == filtered.total
    assert set(filtered.facets["kind"]) == {"disclosure"}
    assert index.search(SearchRequest(q="通知", facets=False)).facets == {}


def test_hits_carry_what_the_page_shows(index, records) -> None:
    record = next(r for r in records if r.doc_number == "国办函〔2018〕71号")
    [hit] = index.search(SearchRequest(q="doc_number:国办函〔2018〕71号")).hits
    assert (hit.id, hit.title, hit.doc_number, hit.index_number, hit.issuer, hit.publish_date, hit.kind, hit.url) == (
        record.id, record.title, record.doc_number, record.index_number, record.issuer, record.publish_date,
        record.kind, record.url,
    )
    assert hit.notice_type is None
    assert isinstance(hit.publish_date, date)
    ranked = index.search(SearchRequest(q="政府网站集约化")).hits
    assert all(h.score > 0 for h in ranked)
    assert [h.score for h in ranked] == sorted((h.score for h in ranked), reverse=True)


def test_snippets_highlight_the_original_traditional_text(index) -> None:
    hit = next(h for h in index.search(SearchRequest(q="湖里区 大桥")).hits if h.id == "web-notice-008")
    assert "<em>湖里區</em>" in hit.snippet_html
    assert "【大橋】" in hit.snippet_text


def test_snippets_escape_html_from_the_body(index) -> None:
    hit = index.search(SearchRequest(q="公章")).hits[0]
    assert hit.id == "xm-script"  # the shortest text with the word ranks first
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<em>公章</em>" in hit.snippet_html
    assert "&amp;" in hit.snippet_html


def test_title_only_match_snippet_is_the_start_of_the_body(index) -> None:
    # 停车设施 (停车 + 设施) is in the title only; 配建标准 would now mark 配建 and 标准 in the body (issue #14).
    hit = index.search(SearchRequest(q="停车设施")).hits[0]
    assert hit.id == "xm-parking-title"
    assert hit.snippet_text.startswith("第一条 为规范本市建设项目配建要求")
    assert "<em>" not in hit.snippet_html


def test_paging(index, records) -> None:
    first = index.search(SearchRequest(q="通知", limit=5, offset=0, facets=False))
    second = index.search(SearchRequest(q="通知", limit=5, offset=5, facets=False))
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert first.total == second.total
    capped = index.search(SearchRequest(q="", limit=100_000, facets=False))
    assert len(capped.hits) == index.search_settings.max_page_size
    assert index.search(SearchRequest(q="", limit=-3, offset=-1, facets=False)).hits == []


def test_bad_sort_is_a_clear_error(index) -> None:
    with pytest.raises(ValueError, match="sort must be one of relevance, date"):
        index.search(SearchRequest(q="停电", sort="popularity"))


def test_punctuation_breaks_a_match_and_line_breaks_do_not(index, records) -> None:
    record = next(r for r in records if "权限;行政" in r.body or "权限；行政" in r.body)
    assert record.id not in ids(index, "限行")
    # A phrase broken over two lines of a body still matches (a line break is no punctuation).
    for record in records[:40]:
        for cut in (i for i, ch in enumerate(record.body) if ch == "\n"):
            before, after = record.body[cut - 4 : cut], record.body[cut + 1 : cut + 5]
            phrase = before + after
            if len(phrase) == 8 and all("\u4e00" <= ch <= "\u9fff" for ch in phrase) and phrase not in record.title:
                assert record.id in ids(index, f"“{phrase}”"), phrase
                return
    pytest.fail("no line-broken phrase found in the corpus")


@pytest.mark.parametrize("query", ["通知", "停电", "“政府网站集约化”", "-国务院", "", "issuer:办公厅", "不存在的词语"])
def test_total_is_the_same_with_and_without_facets(index, query: str) -> None:
    # With facets the total is their kind counts' sum (the top-hits pass then skips counting).
    with_facets = index.search(SearchRequest(q=query, limit=5))
    without = index.search(SearchRequest(q=query, limit=5, facets=False))
    assert with_facets.total == without.total
    assert [h.id for h in with_facets.hits] == [h.id for h in without.hits]


@pytest.mark.parametrize(
    "query",
    [
        "8397",  # the start of phone numbers 83970053, 83970027 ... (a prefix)
        "0053",  # the end of one (a suffix)
        "9700",  # the middle of several (a part)
        "zyjk",  # the start of the letters zyjkjc
        "1434",  # inside the 索引号 prefix 000014349
        "201",  # years 2018, 2019 ... and more
    ],
)
def test_a_part_of_a_letter_or_digit_run_finds_every_record_containing_it(index, records, query: str) -> None:
    expected = expected_ids(records, query)
    assert expected, f"corpus has no {query}"
    response = index.search(SearchRequest(q=query, limit=100, facets=False))
    assert response.total == len(expected)
    if response.total <= 100:
        assert {hit.id for hit in response.hits} == expected


def test_ascii_runs_inside_a_query_stay_whole_runs(index, records) -> None:
    # 第12号 must not find 第120号: the run 12 is bounded by Han characters on both sides of the query.
    # A year typed is also held by the records of that year (search13, session 18: published then, or numbered so in
    # their 文号): every record printing 2018年 comes back, and any other is one of 2018.
    found, printed = set(ids(index, "2018年")), expected_ids(records, "2018年")
    assert printed <= found
    assert all(r.year == 2018 or "2018" in r.doc_number for r in records if r.id in found - printed)
    numbered = [(r, m.group(0)) for r in records if (m := re.search(r"[\u4e00-\u9fff]\d{2,}号", searchable_text(r)))]
    assert len(numbered) >= 3
    for record, text in numbered[:8]:  # e.g. 第12号: no record holding only 第120号 or 第312号 may come back
        assert record.id in ids(index, text)
        # Whitespace is no gap in the index (第 52 号 is 第52号), so the brute force ignores it too. 第82号 is also how a
        # 文号's serial is said (the document prints 〔1996〕82号) and written 第八十二号 (search10, session 16): those
        # count, the run 82 still whole (not 182号).
        forms = [text]
        if serial := re.fullmatch(r"第([1-9][0-9]?)号", text):  # (a serial of up to 99: understand._serial_forms)
            forms += [f"第{chinese_numeral(int(serial[1]))}号"]
        expected = {r.id for r in records if any(form in re.sub(r"\s", "", searchable_text(r)) for form in forms)
                    or (serial and re.search(rf"(?<!\d){serial[1]}号", re.sub(r"\s", "", searchable_text(r))))}
        assert set(ids(index, text)) == expected


def test_a_long_letter_run_is_matched_whole_not_rejected(index) -> None:
    run = "x" * 200  # past the regex automaton's size: taken as a complete run, no error
    assert index.search(SearchRequest(q=run, facets=False)).total == 0
    relaxed = index.search(SearchRequest(q="停电" + run, facets=False))  # no record has both: the 停电 ones, relaxed
    assert relaxed.relaxed and relaxed.dropped == [run]


def test_a_part_shaped_like_a_suoyinhao_finds_the_longer_number(index, records) -> None:
    """010-6440 looks like a 索引号 but no document carries it: it is the start of the phone number 010-64405719."""
    from gongkai.identifiers import looks_like_index_number

    phones = [(r, m) for r in records if (m := re.search(r"(?<!\d)(\d{3,4})-(\d{7,8})(?!\d)", searchable_text(r)))]
    assert phones
    record, match = phones[0]
    part = f"{match.group(1)}-{match.group(2)[:4]}"
    assert looks_like_index_number(part)
    assert record.id in ids(index, part)
    # A complete 索引号 the index holds is still matched whole: its document comes first.
    carrier = next(r for r in records if r.index_number)
    assert ids(index, carrier.index_number)[0] == carrier.id
