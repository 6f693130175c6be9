"""A bad search parameter is told in Chinese first, on the citizens' page and in the API (probe3: the page said
"已忽略无效的筛选条件（year: must be a year between 1900 and 2100）" to a citizen; the dates already read
"不是有效日期 / not a valid date"). Real server on 127.0.0.1, real SQLite and Tantivy."""

from __future__ import annotations

import re

import httpx
import pytest

from gongkai.search_params import ParameterError, build_params
from gongkai.settings import SearchSettings
from tests.support import served_engine

LIMITS = SearchSettings(max_query_length=50, default_page_size=10, max_page_size=20, max_offset=100)
HAN = re.compile(r"[\u4e00-\u9fff]")
BAD = [{"issuer": "字" * 51}, {"kind": "x"}, {"notice_type": "天气"}, {"sort": "random"}, {"validity": "不知道"},
       {"year": "3000"}, {"facets": "maybe"}, {"explain": "maybe"}, {"page": "x"}, {"page_size": "500"}, {"page": "0"},
       {"date_from": "2024-13-01"}, {"q": "字" * 51}]


@pytest.mark.parametrize("raw", BAD, ids=lambda raw: next(iter(raw)))
def test_every_parameter_message_says_why_in_chinese_first(raw):
    with pytest.raises(ParameterError) as caught:
        build_params(raw, LIMITS, strict=True)
    chinese, _, english = caught.value.message.partition(" / ")
    assert HAN.search(chinese) and english, caught.value.message  # 中文 / English, as the dates already were


def test_the_page_and_the_api_say_it_in_chinese(tmp_path):
    record = {"title": "思明区停电通知", "kind": "notice", "notice_type": "outage", "body": "停电", "publish_date": "2024-05-06"}
    with served_engine(tmp_path / "data", [record]) as (_, base):
        page = httpx.get(base + "/search", params={"q": "停电", "year": "abc"})
        assert page.status_code == 200 and "年份应在1900至2100之间" in page.text
        answer = httpx.get(base + "/api/search", params={"q": "停电", "kind": "x"})
        assert answer.status_code == 422 and "不是可选的值" in answer.json()["message"]
