"""A title typed with one word more (probe5): 国务院工作规则附件 found one record holding the five words scattered
(a 号牌 notice) above 国务院关于印发《国务院工作规则》的通知, shown after it as a partial match since it lacks 附件.
A title holding the query but its last word (six characters or more) leads the page's partial fill now;
bench/search_quality.py unchanged (1.5% / 0.905 / 0.900 / 0.666). Real store, Tantivy and HTTP on 127.0.0.1."""

from __future__ import annotations

import httpx

from gongkai.engine import Engine
from gongkai.record import Record
from gongkai.web.app import create_app
from gongkai.web.server import serve_in_thread
from tests.conftest import govcn_records

RULES = "国务院关于印发《国务院工作规则》的通知"


def test_the_title_typed_with_a_word_more_comes_first(settings):
    engine = Engine(settings)
    try:
        engine.ingest_records([Record.model_validate(r) for r in govcn_records()])
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=30) as client:
            hits = client.get("/api/search", params={"q": "国务院工作规则附件"}).json()["hits"]
            assert hits[0]["title"] == RULES and hits[0]["partial"], [h["title"] for h in hits[:3]]
            assert not hits[1]["partial"]  # the record holding every word follows it
            # the page: the title first, saying it holds some of the words; the full match after it is not under
            # the partial section's 以下结果只包含部分词语 (which opens after the last full match)
            page = client.get("/search", params={"q": "国务院工作规则附件"}).text
            titles = page.split('class="hit-title"')[1:]
            assert "工作规则" in titles[0] and 'class="partial-hit"' in titles[0] and "号牌" in titles[1]
            assert 'class="partial-hit"' not in titles[1] and "以下结果只包含部分词语" not in titles[0] + titles[1].split("</li>")[0]
            # a query the title holds whole: unchanged, the one full match
            whole = client.get("/api/search", params={"q": "国务院工作规则"}).json()["hits"]
            assert whole[0]["title"] == RULES and not whole[0]["partial"]
            # too short a phrase is no title: 国务院通知 + 附件 keeps full matches first
            short = client.get("/api/search", params={"q": "国务院 通知 附件"}).json()["hits"]
            assert short and not short[0]["partial"]
    finally:
        engine.close()
