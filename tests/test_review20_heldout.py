"""review20 (session 20): the product as a new user found it from the README, written before the fixes.

1. The README says `gongkai search --year` takes `2014年` and `２０１４` "as the API and the page do", and that `--sort` takes
   the page's words (`发布日期`) "the API's parameters too". The page and the search feed took them; `/api/search` refused
   each, 422 `year: 应为整数` / `sort: 格式不符 … '^(relevance|date)$'`: its parameters were typed stricter (an int, a
   pattern) than the one reading of the search's parameters (`gongkai.search_params.build_params`) that the page, the
   feed and the CLI share.
A real engine served on 127.0.0.1 (the demo's sample records).
"""

from __future__ import annotations

import httpx
import pytest

from tests.support import sample_records, served_engine


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("review20") / "data", sample_records()) as (_, url):
        yield url


def _api(base: str, **params: str) -> httpx.Response:
    return httpx.get(base + "/api/search", params=params, timeout=60)


def _ids(answer: httpx.Response) -> list[str]:
    assert answer.status_code == 200, answer.text
    return [hit["id"] for hit in answer.json()["hits"]]


@pytest.mark.parametrize("typed", ["2014年", "２０１４", "２０１４年", " 2014 "])
def test_the_api_takes_a_year_as_people_type_it(base, typed):
    plain = _api(base, q="通知", year="2014")
    assert plain.status_code == 200 and plain.json()["total"] > 0, plain.text
    answer = _api(base, q="通知", year=typed)
    assert answer.status_code == 200, answer.text
    assert answer.json()["total"] == plain.json()["total"]
    assert _ids(answer) == _ids(plain)


@pytest.mark.parametrize("typed", ["二〇一四年", "去年的", "14", "20141", "1899", "abc"])
def test_a_year_the_api_cannot_read_is_a_422_in_chinese_first(base, typed):
    answer = _api(base, q="通知", year=typed)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["detail"][0]["parameter"] == "year"
    assert body["message"].startswith("year: 年份"), body  # what to type, not "应为整数" (an integer)


# ("DATE", "date") was my error: no other option of the search reads its codes in any case (`kind=NOTICE` neither); 时间 instead
@pytest.mark.parametrize(("word", "code"), [("发布日期", "date"), ("相关度", "relevance"), ("时间", "date")])
def test_the_api_takes_the_pages_sort_words(base, word, code):
    answer = _api(base, q="通知", sort=word)
    assert answer.status_code == 200, answer.text
    assert answer.json()["sort"] == code
    assert _ids(answer) == _ids(_api(base, q="通知", sort=code))


def test_a_sort_the_api_cannot_read_is_a_422_naming_the_choices(base):
    answer = _api(base, q="通知", sort="热度")  # 最新 was my error: the shared reading takes it as date (search_params._Codes)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["detail"][0]["parameter"] == "sort"
    assert "relevance" in body["message"] and "date" in body["message"], body


def test_the_openapi_document_says_what_year_and_sort_take(base):
    document = httpx.get(base + "/openapi.json", timeout=60).json()
    parameters = {p["name"]: p for p in document["paths"]["/api/search"]["get"]["parameters"]}
    assert "2014年" in parameters["year"].get("description", "")
    assert "发布日期" in parameters["sort"].get("description", "")
