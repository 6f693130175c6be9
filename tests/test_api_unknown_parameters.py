"""The JSON API refuses a query parameter it does not take (doors2, session 11): `/api/search?keyword=停电` answered
every record (the parameter was ignored, `q` empty), and `limit=3` ten hits. Now: 400 `unknown_parameter`, Chinese
first, naming the parameter and the ones the operation takes; `limit` is page_size by another name (accepted);
jQuery's cache buster `_` is ignored. A real engine served on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest

from tests.support import sample_records, served_engine


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("strict") / "data", sample_records()[:60]) as (_, url):
        yield url


@pytest.mark.parametrize(("path", "params", "name"), [
    ("/api/search", {"keyword": "停电"}, "keyword"),
    ("/api/search", {"q": "停电", "pagesize": "3"}, "pagesize"),
    ("/api/suggest", {"q": "厦门", "size": "3"}, "size"),
    ("/api/lookup", {"wenhao": "厦府〔2014〕12号"}, "wenhao"),
    ("/api/notices/outages", {"area": "湖滨南路", "day": "明天"}, "day"),
])
def test_a_parameter_the_operation_does_not_take_is_refused_by_name(base, path, params, name):
    answer = httpx.get(base + path, params=params, timeout=30)
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["error"] == "unknown_parameter" and body["detail"] == [{"parameter": name, "message": "未知参数 / unknown parameter"}]
    assert body["message"].startswith(f"未知参数 '{name}'") and f"unknown parameter(s) '{name}'" in body["message"], body


def test_limit_is_page_size_and_the_two_must_agree(base):
    every = httpx.get(base + "/api/search", params={"q": "厦门"}, timeout=30).json()
    assert every["total"] > 3
    three = httpx.get(base + "/api/search", params={"q": "厦门", "limit": 3}, timeout=30).json()
    assert three["page_size"] == 3 and len(three["hits"]) == 3
    same = httpx.get(base + "/api/search", params={"q": "厦门", "limit": 3, "page_size": 3}, timeout=30)
    assert same.status_code == 200 and same.json()["page_size"] == 3
    both = httpx.get(base + "/api/search", params={"q": "厦门", "limit": 3, "page_size": 5}, timeout=30)
    assert both.status_code == 422 and both.json()["detail"][0]["parameter"] == "limit"


def test_a_cache_buster_and_the_declared_aliases_are_taken(base):
    answer = httpx.get(base + "/api/search", params={"q": "厦门", "_": "1733475600000", "from": "2000-01-01"}, timeout=30)
    assert answer.status_code == 200, answer.text
    assert httpx.get(base + "/api/suggest", params={"q": "厦门", "limit": 2, "_": "1"}, timeout=30).status_code == 200


def test_a_parameter_given_twice_is_refused_not_half_read(base):
    """`kind=notice&kind=disclosure` answered the last alone (the first dropped unsaid): 400 `repeated_parameter`."""
    answer = httpx.get(base + "/api/search?q=%E5%8E%A6%E9%97%A8&kind=notice&kind=disclosure", timeout=30)
    assert answer.status_code == 400 and answer.json()["error"] == "repeated_parameter", answer.text
    assert answer.json()["message"].startswith("参数 'kind' 重复") and answer.json()["detail"][0]["parameter"] == "kind"
    assert httpx.get(base + "/api/suggest?q=厦门&_=1&_=2", timeout=30).status_code == 200  # cache busters, ignored
