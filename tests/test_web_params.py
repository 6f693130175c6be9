"""Search parameters shared by the API (strict) and the page (lenient), against the configured limits."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.search_params import ParameterError, SearchParams, build_params
from gongkai.settings import SearchSettings

LIMITS = SearchSettings(max_query_length=50, default_page_size=10, max_page_size=20, max_offset=100)


def test_defaults_and_chinese_dates():
    params = build_params({"q": "  停电\x00通知 ", "date_from": "2014年5月6日", "date_to": "二〇一四年五月七日"}, LIMITS, strict=True)
    assert params.q == "停电 通知"  # control characters out, blanks trimmed
    assert (params.date_from, params.date_to) == (date(2014, 5, 6), date(2014, 5, 7))
    assert (params.page, params.page_size, params.sort, params.facets) == (1, 10, "relevance", True)


@pytest.mark.parametrize(
    "raw, name",
    [({"q": "字" * 51}, "q"), ({"page_size": "21"}, "page_size"), ({"page": "12", "page_size": "10"}, "page"),
     ({"kind": "x"}, "kind"), ({"year": "二〇一四"}, "year"), ({"date_from": "2014-13-01"}, "date_from"),
     ({"page": "-1"}, "page"), ({"page": "１"}, "page"), ({"year": "9" * 5000}, "year")],
)  # fmt: skip
def test_strict_mode_names_the_bad_parameter(raw, name):
    with pytest.raises(ParameterError) as caught:
        build_params(raw, LIMITS, strict=True)
    assert caught.value.name == name


def test_a_negative_number_is_told_its_bounds_not_that_it_is_no_number():
    """`gongkai search 停电 --limit -1` said "--limit: must be a whole number" (as /api/search?page_size=-1 did)."""
    with pytest.raises(ParameterError) as caught:
        build_params({"page_size": "-1"}, LIMITS, strict=True)
    assert caught.value.name == "page_size" and "between 1 and 20" in str(caught.value), caught.value
    with pytest.raises(ParameterError) as caught:
        build_params({"page": "-3"}, LIMITS, strict=True)
    assert "at least 1" in str(caught.value), caught.value
    with pytest.raises(ParameterError) as caught:
        build_params({"page": "-x"}, LIMITS, strict=True)
    assert "whole number" in str(caught.value)


def test_lenient_mode_drops_bad_filters_and_clamps_pages():
    params = build_params({"q": "停电", "kind": "x", "page": "99", "page_size": "500"}, LIMITS, strict=False)
    assert params.kind is None and params.page_size == 20 and params.page == 6  # offset 100 = max_offset
    assert len(params.problems) == 3
    with pytest.raises(ParameterError):  # an over-long query is refused even here
        build_params({"q": "字" * 51}, LIMITS, strict=False)


def test_urls_leave_defaults_out_and_round_trip():
    params = SearchParams(q="厦府〔2014〕12号", kind="notice", year=2014, sort="date", page=3)
    url = params.url()
    assert url.startswith("/search?q=") and "page=3" in url and "page_size" not in url
    assert params.url(page=1).count("page=") == 0
    from urllib.parse import parse_qsl, urlsplit

    again = build_params(dict(parse_qsl(urlsplit(url).query)), LIMITS, strict=True)
    assert (again.q, again.kind, again.year, again.sort, again.page) == (params.q, "notice", 2014, "date", 3)


def test_a_chosen_page_size_stays_in_page_links():
    params = build_params({"q": "停电", "page_size": "20"}, LIMITS, strict=True)
    assert "page_size=20" in params.url(page=2)
    assert "page_size" not in build_params({"q": "停电"}, LIMITS, strict=True).url(page=2)


def test_last_page_is_bounded_by_total_and_deep_paging():
    params = SearchParams(page_size=10)
    assert params.last_page(0, LIMITS) == 1
    assert params.last_page(35, LIMITS) == 4
    assert params.last_page(10_000, LIMITS) == 11  # offset 100 is the deepest page start
