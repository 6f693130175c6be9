"""A query of punctuation only (。。, ？, ——, !!!, full-width or ASCII) holds nothing to search for: it is answered as
the empty query, on the CLI, the API, the page and the feeds alike, and each says the input was ignored (probe3: it
listed every record as if the box were empty, saying nothing; the API echoed it as the query searched). Real SQLite and
Tantivy, real HTTP on 127.0.0.1, the CLI."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.search_params import searchable
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread as serving
from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

PUNCTUATION = ["。。", "？", "——", "!!!", "……", "、，；", "~ - +", "【】", "“”"]


@pytest.fixture
def served(settings):
    engine = Engine(settings)
    engine.ingest_records([
        Record(title="厦门市财政局关于预算公开的通知", issuer="厦门市财政局", body="预算公开。", publish_date="2024-03-01"),
        Record(title="厦门市教育局关于招生工作的通知", issuer="厦门市教育局", body="招生工作！", publish_date="2024-04-01"),
    ])
    with serving(create_app(engine)) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield engine, client, settings
    engine.close()


def test_the_api_the_page_and_the_feed_answer_punctuation_as_the_empty_query_and_say_so(served):
    _, client, _ = served
    empty = client.get("/api/search", params={"q": ""}).json()
    empty_feed = client.get("/feeds/search.atom", params={"q": ""}).text
    assert empty["total"] == 2 and empty["ignored_q"] == ""
    for q in PUNCTUATION:
        answer = client.get("/api/search", params={"q": q})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["q"], body["ignored_q"], body["total"]) == ("", q, 2), q
        page = client.get("/search", params={"q": q})
        assert page.status_code == 200 and "只含标点符号，没有可检索的文字，已按空查询列出全部记录" in page.text
        assert "<title>政府信息公开与便民公告检索" in page.text  # the empty query's page, not "。。 - 搜索"
        feed = client.get("/feeds/search.atom", params={"q": q}).text
        assert "只含标点符号，已按空查询处理" in feed and re.findall(r"<title>[^<]*</title>", feed)[0] == re.findall(r"<title>[^<]*</title>", empty_feed)[0]
        assert re.findall(r"<entry>.*?</entry>", feed, re.S) == re.findall(r"<entry>.*?</entry>", empty_feed, re.S) and feed.count("<entry") == 2
    with_words = client.get("/api/search", params={"q": "预算。"}).json()
    assert (with_words["q"], with_words["ignored_q"], with_words["total"]) == ("预算。", "", 1)


def test_the_cli_answers_punctuation_as_the_empty_query_and_says_so(served):
    _, _, settings = served
    data = settings.data_dir
    for q in ("？", "——", "!!!"):
        answer = json.loads(run(data, "search", "--json", q).stdout)
        assert answer["total"] == 2 and answer["ignored_q"] == q
        shown = run(data, "search", q)
        assert shown.exit_code == 0 and "已按空查询列出全部记录" in shown.output
    assert "ignored_q" not in json.loads(run(data, "search", "--json", "预算").stdout)


def test_what_counts_as_nothing_to_search():
    assert not any(searchable(q) for q in PUNCTUATION)
    assert all(searchable(q) for q in ("预算", "a", "2024", "？预算", "Ⅻ", "①"))
