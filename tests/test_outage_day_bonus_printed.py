"""outages17 (session 22): the search beneath an outage question lists first the notice printing the asked day as the day of
its window, not one printing it only as its own issue date (`2039年8月9日` under a notice about the 16th: the lead's leftover
of outages16), nor one printing the same day of another month (`7月26日` in a notice published 14 days before 8月26日: a day
printed without its month credited every notice of the 30 days before). Asked over real HTTP (/api/search)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.outage_layouts import Layout
from tests.support import served_outage_notices

URL = "https://www.xmsgov.example/tdgg/{issued}/t{n}.htm"

LAYOUTS = [
    Layout(
        "window_on_the_9th",
        "停电通知\n因线路检修，国网厦门供电公司定于8月9日（星期二）8:00-17:00对思明区滨海街道曾厝垵社区停电。\n"
        "国网厦门供电公司\n2039年8月2日",
        "20390802",
    ),
    Layout(
        "issued_on_the_9th",
        "停电通知\n因设备改造，国网厦门供电公司定于8月16日（星期二）8:00-17:00对湖里区金山街道金山社区停电。\n"
        "国网厦门供电公司\n2039年8月9日",
        "20390809",
    ),
    Layout(
        "the_26th_without_its_month",
        "停电通知\n我公司定于26日（星期五）8:00-17:00对集美区灌口镇深青村停电，请用户提前做好准备。\n国网厦门供电公司\n2039年8月5日",
        "20390805",
    ),
    Layout(
        "another_months_26th",
        "停电通知\n因7月26日台风造成线路受损，国网厦门供电公司定于8月15日8:00-12:00对同安区大同街道碧岳社区停电抢修。\n"
        "国网厦门供电公司\n2039年8月12日",
        "20390812",
    ),
    Layout(
        "issued_the_same_day_about_it",
        "临时停电通知\n2039年8月30日9:00至12:00，因线路故障抢修，海沧区新阳街道兴旺社区停电。\n国网厦门供电公司\n2039年8月30日",
        "20390830",
    ),
]

#: (today, query, the issue day in the first hit's address)
RANKED = [
    ("2039-08-09", "8月9日停电", "20390802"),
    ("2039-08-09", "今天停电吗", "20390802"),
    ("2039-08-24", "8月26日停电", "20390805"),
    ("2039-08-24", "26号停电吗", "20390805"),
    ("2039-08-30", "8月30日停电", "20390830"),  # printed in its window too: it keeps its bonus
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with served_outage_notices(tmp_path_factory.mktemp("day_bonus") / "data", LAYOUTS, URL, "site:xmsgov") as client:
        yield client


@pytest.mark.parametrize(("today", "query", "issued"), RANKED)
def test_the_notice_of_the_asked_day_comes_first(served, monkeypatch, today: str, query: str, issued: str) -> None:
    import gongkai.dates
    import gongkai.indexer.search_index

    for module in (gongkai.dates, gongkai.indexer.search_index):  # the ranking reads the day asked from today too
        monkeypatch.setattr(module, "beijing_today", lambda: date.fromisoformat(today))
    reply = served.get("/api/search", params={"q": query, "page_size": 10})
    assert reply.status_code == 200, reply.text
    urls = [hit["url"] for hit in reply.json()["hits"]]
    assert urls and f"/{issued}/" in urls[0], urls
