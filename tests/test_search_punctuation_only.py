"""A query holding nothing to search for (。。, ？, ——, !!!, ~~~, a stray accent ͣˮ, a ※ the index does not keep: no
letter, 汉字 or digit the index keeps, no field clause) answers nothing, on the CLI, the API, the page and the feeds alike,
and each says why (a circled ① is the term 1 since index schema 9, tests/test_compatibility_forms.py) (search15, session 20: it was answered as the empty query, every record, which the lead judged wrong;
`ͣˮ`, whose ˮ is a modifier letter, even listed every record without a word). An empty query, filters alone, `issuer:X`
alone and a query of particles only (的了吗: words the index holds) still answer. Real SQLite and Tantivy, real HTTP on
127.0.0.1, the CLI."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread as serving
from tests.cli_run import run

pytestmark = pytest.mark.usefixtures("fresh_cli_state")

NOTHING = ["。。", "？", "——", "!!!", "……", "、，；", "~ - +", "【】", "“”", "~~~", "？？", "。", "-。", "※", "🙂"]


@pytest.fixture
def served(settings):
    engine = Engine(settings)
    engine.ingest_records([
        Record(title="厦门市财政局关于预算公开的通知", issuer="厦门市财政局", body="预算公开的了吗。", publish_date="2024-03-01"),
        Record(title="厦门市教育局关于招生工作的通知", issuer="厦门市教育局", body="招生工作！", publish_date="2024-04-01"),
    ])
    with serving(create_app(engine)) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield engine, client, settings
    engine.close()


def test_the_api_the_page_and_the_feed_answer_nothing_and_say_why(served):
    _, client, _ = served
    for q in NOTHING:
        answer = client.get("/api/search", params={"q": q})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["q"], body["total"], body["hits"], body["nothing_searchable"]) == (q, 0, [], True), q
        assert "没有可检索的文字" in body["message"] and "nothing to search" in body["message"], body["message"]
        # filters beside it do not turn it into browsing: what was typed still holds nothing
        assert client.get("/api/search", params={"q": q, "kind": "disclosure"}).json()["total"] == 0
        page = client.get("/search", params={"q": q})
        assert page.status_code == 200 and "没有可检索的文字" in page.text and "未列出任何记录" in page.text, q
        assert re.search(r"共\s*<strong>0</strong>\s*条结果", page.text), q
        feed = client.get("/feeds/search.atom", params={"q": q})
        assert feed.status_code == 200 and "<entry" not in feed.text and "没有可检索的文字" in feed.text, q


def test_browsing_and_searchable_queries_still_answer(served):
    _, client, _ = served

    def answer(**params: str) -> dict:
        body = client.get("/api/search", params=params).json()
        assert body["nothing_searchable"] is False and body["message"] == "", (params, body)
        return body

    assert answer(q="")["total"] == 2
    assert answer(q="*")["total"] == 2 and answer(q="*:*")["total"] == 2  # what clients send for everything: browsing
    assert answer(q="", issuer="厦门市财政局")["total"] == 1  # filter-only browsing
    assert [h["issuer"] for h in answer(q="issuer:财政局")["hits"]] == ["厦门市财政局"]
    assert [h["issuer"] for h in answer(q="-预算")["hits"]] == ["厦门市教育局"]  # an exclusion alone: every other record
    assert answer(q="预算。")["total"] == 1 and answer(q="？预算")["total"] == 1
    # particles only are words the index holds: searched as typed (required, as a query of stop words alone is)
    particles = answer(q="的了吗")
    assert particles["total"] == 1 and particles["hits"][0]["issuer"] == "厦门市财政局", particles["hits"]
    assert "没有可检索的文字" not in client.get("/search", params={"q": ""}).text
    # ͣˮ over HTTP is 停水's GBK bytes read as Latin-1: the query charset repair reads it as 停水 (web/query_charset.py)
    assert answer(q="ͣˮ")["q"] == "停水"


def test_the_cli_answers_nothing_and_says_why(served):
    _, _, settings = served
    data = settings.data_dir
    for q in ("？", "——", "!!!", "ͣˮ", "。"):
        answer = json.loads(run(data, "search", "--json", q).stdout)
        assert (answer["total"], answer["hits"], answer["nothing_searchable"]) == (0, [], True), q
        assert "没有可检索的文字" in answer["message"]
        shown = run(data, "search", q)
        assert shown.exit_code == 0 and "没有可检索的文字" in shown.output and "共 0 条结果" in shown.output, shown.output
    browsed = json.loads(run(data, "search", "--json", "issuer:财政局").stdout)
    assert browsed["total"] == 1 and browsed["nothing_searchable"] is False and "message" not in browsed
    assert json.loads(run(data, "search", "--json", "--issuer", "厦门市教育局", "").stdout)["total"] == 1


def test_an_alert_on_a_query_with_nothing_to_search_is_refused_with_the_reason(served):
    # answered as the empty query before, such an alert sent every new record; answering nothing, it would never send:
    # it is refused, saying why (an empty query, filters alone, words: kept)
    from gongkai.errors import AlertError
    from gongkai.feeds import alerts

    engine, _, settings = served
    for q in ("。。", "~~~", "-。"):
        with pytest.raises(AlertError, match="没有可检索的文字"):
            alerts.add_alert(engine, q, {}, "atom")
    assert [alerts.add_alert(engine, q, {"kind": "notice"}, "atom").query for q in ("", "*", "预算", "issuer:财政局")] == ["", "*", "预算", "issuer:财政局"]
    refused = run(settings.data_dir, "alerts", "add", "--query", "？？", "--atom")
    assert refused.exit_code == 2 and "没有可检索的文字" in refused.output, refused.output
