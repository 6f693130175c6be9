"""The API's own validation messages (FastAPI's 422 for a parameter's constraint) are Chinese first, English after a
slash, as the search parameters' are (polish, probe3's leftover: /api/suggest?q= answered "String should have at
least 1 character"). Real server on 127.0.0.1, real SQLite and Tantivy."""

from __future__ import annotations

import re

import httpx
import pytest

from gongkai.validation_messages import chinese_first
from tests.support import served_engine

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    record = {"title": "思明区停电通知", "kind": "notice", "notice_type": "outage", "body": "停电", "publish_date": "2024-05-06"}
    with served_engine(tmp_path_factory.mktemp("messages") / "data", [record]) as (_, url):
        yield url


@pytest.mark.parametrize(("path", "params", "parameter", "chinese"), [
    ("/api/suggest", {"q": ""}, "q", "不能为空"),
    ("/api/suggest", {}, "q", "缺少此项"),
    ("/api/suggest", {"q": "停", "limit": "0"}, "limit", "不能小于1"),
    ("/api/suggest", {"q": "停", "limit": "x"}, "limit", "应为整数"),
    ("/api/notices/outages", {"area": ""}, "area", "不能为空"),
    ("/api/search", {"q": "停电", "page_size": "100000"}, "page_size", "不能大于"),
])
def test_a_constraint_is_told_in_chinese_first(base, path, params, parameter, chinese):
    answer = httpx.get(base + path, params=params)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    [item] = [d for d in body["detail"] if d["parameter"] == parameter]
    said, _, english = item["message"].partition(" / ")
    assert chinese in said and english and HAN.search(said), item
    assert body["message"].startswith(f"{parameter}: {said} / ")


def test_every_error_type_reads_chinese_first():
    # A type without its own phrase still begins in Chinese, pydantic's English after the slash.
    said = chinese_first({"type": "some_new_type", "msg": "Something new"})
    assert said == "取值无效 / Something new"
    assert chinese_first({"type": "string_too_long", "msg": "String should have at most 5 characters", "ctx": {"max_length": 5}}) \
        == "最多5个字符 / String should have at most 5 characters"


BAD_REQUESTS = [
    "/api/lookup", "/api/notices/outages?area=%20", "/api/notices/outages?area=路", "/feeds/outages.atom",
    "/feeds/outages.ics?area=路", "/feeds/issuer/" + "字" * 201 + ".atom", "/feeds/issuer/a%01b.atom",
    "/api/suggest?q=停&types=nope", "/api/search?kind=x", "/feeds/search.atom?year=abc",
    # the search feed borrows /api/search's bounds in the OpenAPI document and took values past them (schemathesis: an issuer
    # of 201 characters answered 200; clients2, session 12)
    "/feeds/search.atom?issuer=" + "0" * 201, "/feeds/search.atom?topic=" + "字" * 201, "/feeds/search.atom?from=" + "2" * 41,
    "/feeds/search.atom?validity=" + "现" * 41,
]


@pytest.mark.parametrize("path", ["/feeds/notices/nope.atom", "/feeds/notices/%00.atom", "/sitemap-0.xml", "/sitemaps/0.xml",
                                  "/sitemap-01.xml", "/api/documents/a%2Fb", "/feeds/Search.atom", "/api/nope", "/alerts/nope/feed.atom?key=x"])
def test_a_feed_route_404_is_chinese_first(base, path):
    # An unknown notice type's feed said it in English alone (clients2, session 12); so did a path no route takes
    # (Starlette's "Not Found": an id holding %2F, a feed name in capitals; clients4, session 14). `sitemap-01.xml`
    # was page 1 again, a second address of it.
    answer = httpx.get(base + path, follow_redirects=False)
    assert answer.status_code == 404, answer.text
    chinese, slash, english = answer.json()["message"].partition(" / ")
    assert slash and english and HAN.search(chinese) and not re.search(r"[A-Za-z]{3}", chinese), answer.text


@pytest.mark.parametrize("path", BAD_REQUESTS)
def test_every_message_of_a_422_is_chinese_first(base, path):
    # Some said it English first ("give doc_number or index_number / 请提供文号或索引号") or in English alone.
    answer = httpx.get(base + path)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    said = [item["message"] for item in body.get("detail") or []] or [body["message"].split(": ", 1)[-1]]
    for message in said:
        chinese, slash, english = message.partition(" / ")
        assert english, message
        assert slash and HAN.search(chinese) and not re.search(r"[A-Za-z]{3}", chinese), message


def test_a_pushed_record_refused_is_told_in_chinese_first(tmp_path):
    # The agency reads the push's answer: "title: 缺少此项 / Field required", not pydantic's English alone.
    from gongkai.feeds.tokens import TokenStore

    with served_engine(tmp_path / "served", []) as (engine, base):
        token, _ = TokenStore(engine.store).create("厦门市财政局")
        answer = httpx.post(base + "/api/ingest", headers={"Authorization": f"Bearer {token}"}, timeout=60,
                            json=[{"body": "没有标题"}, {"title": "日期不对", "publish_date": "2024-13-01"}, {"title": "好的"}])
        assert answer.status_code == 207, answer.text
        said = [item.get("error") for item in answer.json()["results"]]
        assert said[0].startswith("title: 缺少此项 / ") and said[1].startswith("publish_date: ") and " / " in said[1], said
        assert "2024-13-01" in said[1]  # the validator's own words stay, after the slash
        reasons = " ".join(entry["reason"] for entry in engine.store.quarantine_list())
        assert "title: Field required" in reasons  # the operator's quarantine reason stays as it was


def test_a_form_too_large_to_read_is_told_chinese_first(base):
    # Starlette's form parser refuses a field over 1 MB with its own English ("Field exceeded maximum size of 1024KB.").
    answer = httpx.post(base + "/oai", content=b"verb=Identify&x=" + b"a" * 1_100_000,
                        headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    assert answer.status_code == 400, answer.text
    chinese, slash, english = answer.json()["message"].partition(" / ")
    assert slash and "1024KB" in english and HAN.search(chinese), answer.text


GBK_STOP = "".join(f"%{b:02X}" for b in "停电".encode("gbk"))  # %CD%A3%B5%E7, as older Chinese sites link a search


def test_a_query_percent_encoded_in_gbk_is_read_as_gbk(base):
    """`q=%CD%A3%B5%E7` was read as UTF-8 with U+FFFD (`ͣ��`), which the cleaning emptied: /api/search and the search
    feed answered every record to a search for 停电 (clients4, session 14). feedparser reads the feed from the URL."""
    import feedparser

    answer = httpx.get(f"{base}/api/search?q={GBK_STOP}").json()
    assert answer["q"] == "停电" and answer["total"] == 1
    feed = feedparser.parse(f"{base}/feeds/search.atom?q={GBK_STOP}")
    assert not feed.bozo and [entry.title for entry in feed.entries] == ["思明区停电通知"]
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link.endswith("q=%E5%81%9C%E7%94%B5")  # named in UTF-8 from then on


@pytest.mark.parametrize("path", ["/api/search?q=%FF%FE", "/feeds/search.atom?q=%E9t%E9", "/feeds/outages.ics?area=%FF"])
def test_a_query_in_neither_utf8_nor_gbk_is_refused_not_emptied(base, path):
    answer = httpx.get(base + path)
    assert answer.status_code == 400, answer.text
    chinese, slash, english = answer.json()["message"].partition(" / ")
    assert slash and english and HAN.search(chinese)
