"""outages15 (session 21): two gaps the lead left in session 20, asked over real HTTP (bytes → notice parser → SQLite →
tantivy → the app on 127.0.0.1).

1. A question naming a past month or day (`思明区 停电 2024年5月`, `上个月湖里停电`): the notices whose windows fall in it come
   first in the results beneath the answer, however they print the day (5月8日, 05月26日 as an SMS does, 2024-05-15 as a 95598
   page does, 2024.05.30): those printing digits only were listed below other years' notices.
2. The outage page's place box holding a question of two places (`台湾街和嘉禾路明天停电吗`): both are answered, as the search
   box answers them (the first alone was)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.outage_layouts import Layout
from tests.support import served_outage_notices

G = "\n国网厦门供电公司\n"
URL = "https://epaper.xmnn.cn/xmrb/{issued}/B09-{n}.htm"
#: (name, issue day, text): notices of May 2024 in four ways of printing a day, and notices of other months and years
NOTICES = [
    ("may-cn", "20240506", "停电通知\n因线路检修，定于2024年5月8日06:30—15:30对思明区莲前西路停电。" + G + "2024年5月6日"),
    ("may-table", "20240520", "计划停电公告\n国网厦门供电公司定于2024年5月22日8:00-17:00对10kV湖滨线检修，停电范围：思明区湖滨南路、湖滨一里。" + G + "2024年5月20日"),
    ("may-iso", "20240513", "95598停电信息\n停电时间：2024-05-15 08:00:00 至 2024-05-15 17:00:00\n停电范围：思明区莲花北路（松柏小区）" + G + "2024-05-13"),
    ("may-sms", "20240524", "停电短信\n【国网厦门供电】尊敬的客户：因设备检修，05月26日08:00-18:00思明区莲前街道前埔社区将停电，请做好准备。" + G),
    ("may-dotted", "20240528", "停电公告\n2024.05.30 8:30-16:30，思明区湖滨北路（湖滨中路至湖滨东路段）停电。" + G + "2024.05.28"),
    ("april", "20240410", "停电通知\n定于2024年4月12日8:00-12:00对思明区厦禾路停电。" + G + "2024年4月10日"),
    ("may-2025-iso", "20250512", "95598停电信息\n停电时间：2025-05-14 08:00:00 至 2025-05-14 17:00:00\n停电范围：思明区莲花北路" + G + "2025-05-12"),
    ("nov-2026", "20261120", "停电通知\n定于2026年11月22日8:00-17:00对思明区嘉禾路停电。" + G + "2026年11月20日"),
    ("dec-2026", "20261201", "停电通知\n定于2026年12月3日8:00-17:00对思明区莲前东路、湖里区高殿社区停电。" + G + "2026年12月1日"),
    ("nov-2026-huli-iso", "20261110", "95598停电信息\n停电时间：2026-11-12 08:00:00 至 2026-11-12 17:00:00\n停电范围：湖里区殿前街道高殿社区" + G),
    ("nov-2025-huli", "20251105", "停电通知\n定于2025年11月7日8:00-17:00对湖里区金山社区停电。" + G + "2025年11月5日"),
    ("nov-2026-huli-sms", "20261028", "停电短信\n【国网厦门供电】因线路改造，11月02日08:00-17:00湖里区江头街道台湾街停电。" + G),
    ("two-places", "20261207", "停电通知\n定于2026年12月8日8:00-12:00对湖里区台湾街停电；同日14:00-17:00对思明区嘉禾路300号至398号（双号）停电。" + G + "2026年12月7日"),
]
TODAY = date(2026, 12, 7)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    layouts = [Layout(name, text, issued, []) for name, issued, text in NOTICES]
    with served_outage_notices(tmp_path_factory.mktemp("asked_period") / "data", layouts, URL, "paper:xmrb") as client:
        titles = {}
        for name, issued, _ in NOTICES:  # each notice's id, by its issue day (one notice a day here)
            found = client.get("/api/search", params={"q": "停电", "date_from": f"{issued[:4]}-{issued[4:6]}-{issued[6:]}",
                                                       "date_to": f"{issued[:4]}-{issued[4:6]}-{issued[6:]}", "page_size": 5}).json()
            titles[name] = [hit["id"] for hit in found["hits"]]
        assert all(len(ids) == 1 for ids in titles.values()), titles
        yield client, {name: ids[0] for name, ids in titles.items()}


@pytest.fixture
def today(monkeypatch):
    import gongkai.dates
    import gongkai.web.pages

    monkeypatch.setattr(gongkai.dates, "beijing_today", lambda: TODAY)
    monkeypatch.setattr(gongkai.web.pages, "beijing_today", lambda: TODAY)


@pytest.mark.parametrize(("query", "first"), [
    ("思明区 停电 2024年5月", {"may-cn", "may-table", "may-iso", "may-sms", "may-dotted"}),
    ("2024年5月思明区停电", {"may-cn", "may-table", "may-iso", "may-sms", "may-dotted"}),
    ("思明区停电2024年5月份", {"may-cn", "may-table", "may-iso", "may-sms", "may-dotted"}),
    ("上个月湖里停电", {"nov-2026-huli-iso", "nov-2026-huli-sms"}),
    ("湖里区上个月停电吗", {"nov-2026-huli-iso", "nov-2026-huli-sms"}),
    ("2024年5月15日思明区停电", {"may-iso"}),
    ("2024年5月26日前埔社区停电吗", {"may-sms"}),
])
def test_the_notices_of_the_asked_time_come_first(served, today, query: str, first: set[str]) -> None:
    client, ids = served
    reply = client.get("/api/search", params={"q": query, "page_size": 10})
    assert reply.status_code == 200, reply.text
    hits = [hit["id"] for hit in reply.json()["hits"]]
    names = {ident: name for name, ident in ids.items()}
    assert {names.get(hit) for hit in hits[: len(first)]} == first, [names.get(hit) for hit in hits]


def test_the_search_page_lists_them_first_too(served, today) -> None:
    client, ids = served
    html = client.get("/search", params={"q": "思明区 停电 2024年5月"}).text
    order = sorted((html.find(f"/documents/{ident}"), name) for name, ident in ids.items() if f"/documents/{ident}" in html)
    assert {name for _, name in order[:5]} == {"may-cn", "may-table", "may-iso", "may-sms", "may-dotted"}, order


def test_the_outage_page_answers_each_place_a_question_names(served, today) -> None:
    client, _ = served
    reply = client.get("/outages", params={"area": "台湾街和嘉禾路300号明天停电吗"})
    assert reply.status_code == 200
    html = reply.text
    assert "2026-12-08 08:00 至 12:00" in html and "2026-12-08 14:00 至 17:00" in html  # both places' windows
    assert "“台湾街、嘉禾路300号”在 2026-12-08" in html
    assert 'value="台湾街和嘉禾路300号明天停电吗"' in html  # asked again as typed
    assert "/feeds/outages.ics?area=%E5%8F%B0%E6%B9%BE%E8%A1%97" in html and "/feeds/outages.atom?area=%E5%98%89%E7%A6%BE%E8%B7%AF300%E5%8F%B7" in html
    # right both ways: an odd house of the even range is no place cut, so only 台湾街's window answers
    odd = client.get("/outages", params={"area": "台湾街和嘉禾路301号明天停电吗"}).text
    assert "2026-12-08 08:00 至 12:00" in odd and "14:00 至 17:00" not in odd
    # neither cut the day after
    none = client.get("/outages", params={"area": "台湾街和嘉禾路300号后天停电吗"}).text
    assert "没有查到“台湾街、嘉禾路300号”" in none


def test_the_outage_page_answers_one_place_as_before(served, today) -> None:
    client, _ = served
    html = client.get("/outages", params={"area": "台湾街明天停电吗"}).text
    assert "2026-12-08 08:00 至 12:00" in html and "14:00 至 17:00" not in html and 'value="台湾街"' in html
    assert html.count('rel="alternate" type="text/calendar"') == 1
