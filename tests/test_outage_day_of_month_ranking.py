"""outages16 (session 21): outages15's leftover (a), over real HTTP (bytes → notice parser → SQLite → tantivy → the app).
A notice printing the asked day only as a day of its own month (本月26日, 26日) or in Chinese numerals (五月二十六日,
廿六日) gets the asked day's bonus in the search beneath an outage question, as one printing 5月26日 does: it was listed
below a newer notice of the same place printing another day, and below last year's printing 5月26日."""

from __future__ import annotations

from datetime import date

import pytest

from tests.outage_layouts import Layout
from tests.support import served_outage_notices

URL = "https://epaper.xmnn.cn/xmrb/{issued}/B10-{n}.htm"
G, W = "\n国网厦门供电公司\n", "\n厦门水务集团有限公司\n"
NOTICES = [
    (
        "this-month",
        "20390520",
        "停电通知\n因线路检修，国网厦门供电公司定于本月26日（星期四）8:00-17:00对思明区莲前街道前埔社区停电。"
        + G
        + "2039年5月20日",
    ),
    (
        "power-later",
        "20390523",
        "停电通知\n定于2039年5月28日8:00-17:00对思明区莲前街道前埔社区、前埔北区停电。" + G + "2039年5月23日",
    ),
    (
        "power-last-year",
        "20380520",
        "停电通知\n定于2038年5月26日8:00-17:00对思明区莲前街道前埔社区停电。" + G + "2038年5月20日",
    ),
    (
        "water-numerals",
        "20390518",
        "停水通知\n因管道碰接，厦门水务集团定于五月二十六日上午九时至下午五时对思明区前埔社区停水。"
        + W
        + "二〇三九年五月十八日",
    ),
    (
        "water-later",
        "20390524",
        "停水通知\n定于2039年5月30日9:00-17:00对思明区前埔社区、洪文社区停水。" + W + "2039年5月24日",
    ),
    (
        "water-nian",
        "20390521",
        "停水通知\n定于廿七日（星期五）8:30—16:30对湖里区江头街道江头社区停水。" + W + "2039年5月21日",
    ),
    (
        "water-later-jiangtou",
        "20390524",
        "停水通知\n定于2039年5月31日9:00-17:00对湖里区江头街道江头社区停水。" + W + "2039年5月24日",
    ),
]
TODAY = date(2039, 5, 25)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    layouts = [Layout(name, text, issued, []) for name, issued, text in NOTICES]
    with served_outage_notices(tmp_path_factory.mktemp("day_of_month") / "data", layouts, URL, "paper:xmrb") as client:
        yield client


@pytest.fixture
def today(monkeypatch):
    import gongkai.dates
    import gongkai.indexer.search_index

    for module in (gongkai.dates, gongkai.indexer.search_index):
        monkeypatch.setattr(module, "beijing_today", lambda: TODAY)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("前埔社区明天停电吗", "this-month"),  # 本月26日
        ("前埔社区5月26日停电吗", "this-month"),
        ("5月26日前埔社区停水吗", "water-numerals"),  # 五月二十六日
        ("前埔社区明天停水吗", "water-numerals"),
        ("江头社区27号停水吗", "water-nian"),  # 廿七日
        ("江头社区5月27日停水吗", "water-nian"),
        # right both ways: the day of another notice lists that one first
        ("前埔社区5月28日停电吗", "power-later"),
        ("江头社区5月31日停水吗", "water-later-jiangtou"),
    ],
)
def test_the_notice_printing_the_asked_day_comes_first(served, today, query: str, first: str) -> None:
    reply = served.get("/api/search", params={"q": query, "page_size": 10})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["outage"] is not None and body["outage"]["affected"] is True, body["outage"]
    by_url = {URL.format(issued=issued, n=n): name for n, (name, issued, _) in enumerate(NOTICES)}
    names = [by_url.get(hit["url"], hit["url"]) for hit in body["hits"]]
    assert names and names[0] == first, names
