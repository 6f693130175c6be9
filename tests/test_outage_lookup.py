"""The outage answer from events, over a real socket, the CLI and the feeds: a multi-window State Grid
notice (each window with its own streets) and a daily water cut, parsed from their text by the real
notice parser, stored in SQLite and indexed by tantivy."""

from __future__ import annotations

import json

import feedparser
import httpx
import icalendar
import pytest

from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from tests.support import served_engine
from tests.test_outage_events import STATE_GRID

DAILY_WATER = """停水通知
因供水管道接驳，厦门水务集团有限公司定于2024年11月26日至27日每天8:00—18:00对集美区杏林湾路、杏滨路停止供水，请用户提前储水。
厦门水务集团有限公司
2024年11月22日"""


def notices() -> list[Record]:
    grid = parse_notices(Capture(data=STATE_GRID.encode(), url="https://epaper.xmnn.cn/xmrb/20240504/A12.htm", source="paper:xmrb"))
    water = parse_notices(Capture(data=DAILY_WATER.encode(), url="https://epaper.xmnn.cn/xmrb/20241122/A12.htm", source="paper:xmrb"))
    return [*grid, *water]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("outages") / "data"
    with (served_engine(data_dir, notices()) as (engine, base_url),
          httpx.Client(base_url=base_url, timeout=10) as client):
        yield engine, client, data_dir


def answer(client: httpx.Client, area: str, day: str | None = None) -> dict:
    response = client.get("/api/notices/outages", params={"area": area, **({"date": day} if day else {})})
    assert response.status_code == 200, response.text
    return response.json()


def windows(body: dict) -> list[tuple[str, str, str]]:
    return [(w["start"], w["end"], w["effect"]) for n in body["notices"] for w in n["matching_windows"]]


def test_the_street_of_window_2_is_affected_on_day_2_only(served):
    _, client, _ = served
    assert answer(client, "建业路", "2024-05-06")["affected"] is False
    day2 = answer(client, "建业路", "2024-05-07")
    assert day2["affected"] is True and day2["count"] == 1
    assert windows(day2) == [("2024-05-07T08:30:00+08:00", "2024-05-07T12:30:00+08:00", "cut")]
    notice = day2["notices"][0]
    assert len(notice["windows"]) == 3 and notice["utility"] == "power"  # today's fields stay
    assert {"id", "title", "issuer", "publish_date", "areas", "reason", "url", "page_url"} <= set(notice)
    assert answer(client, "建业路", "2024-05-08")["affected"] is False


def test_window_1_streets_with_sections_and_house_numbers(served):
    _, client, _ = served
    day1 = answer(client, "湖滨南路", "2024-05-06")
    assert day1["affected"] is True and windows(day1) == [("2024-05-06T08:00:00+08:00", "2024-05-06T17:00:00+08:00", "cut")]
    assert answer(client, "湖滨南路", "2024-05-07")["affected"] is False  # was "affected" when all streets were one list
    assert answer(client, "思明区湖滨南路", "2024-05-06")["affected"] is True
    assert answer(client, "湖滨南路200号", "2024-05-06")["affected"] is True  # in 188号至266号 (and the section)
    assert answer(client, "湖滨", "2024-05-06")["affected"] is False  # a part of a name is no street
    assert answer(client, "金尚小区", "2024-05-07")["affected"] is True  # 金尚小区部分楼栋: the community's own name
    anyday = answer(client, "湖滨南路")
    assert anyday["date"] is None and windows(anyday) == [("2024-05-06T08:00:00+08:00", "2024-05-06T17:00:00+08:00", "cut")]


def test_a_daily_window_covers_each_of_its_days(served):
    _, client, _ = served
    for day in ("2024-11-26", "2024-11-27"):
        body = answer(client, "杏林湾路", day)
        assert body["affected"] is True and windows(body) == [(f"{day}T08:00:00+08:00", f"{day}T18:00:00+08:00", "cut")]
    assert answer(client, "杏林湾路", "2024-11-28")["affected"] is False
    assert answer(client, "杏林湾路", "2024-11-25")["affected"] is False


def test_the_page_answers_the_same_and_links_the_street_feeds(served):
    _, client, _ = served
    html = client.get("/outages", params={"area": "建业路", "date": "2024-05-07"}).text
    assert "有 1 条停水停电通知" in html and "2024-05-07 08:30 至 12:30" in html and "2024-05-06 08:00" not in html
    assert "订阅此街道的停水停电" in html and "/feeds/outages.ics?area=%E5%BB%BA%E4%B8%9A%E8%B7%AF" in html
    assert "没有查到" in client.get("/outages", params={"area": "建业路", "date": "2024-05-06"}).text


def test_the_cli_gives_the_apis_answer(served):
    from typer.testing import CliRunner

    from gongkai.cli.context import state
    from gongkai.cli.main import app

    _, client, data_dir = served
    state._settings = state._engine = None
    try:
        result = CliRunner().invoke(app, ["--data-dir", str(data_dir), "outages", "建业路", "--date", "2024年5月7日", "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout) == answer(client, "建业路", "2024-05-07")
        text = CliRunner().invoke(app, ["--data-dir", str(data_dir), "outages", "建业路", "--date", "2024-05-06"]).stdout
        assert "没有查到" in text
    finally:
        if state._engine is not None:
            state._engine.close()
        state._settings = state._engine = None


def test_the_look_back_window_is_a_setting(served):
    from gongkai.engine import Engine
    from gongkai.settings import load_settings

    engine, _, data_dir = served
    from datetime import date

    assert engine.outages("湖滨南路", date(2024, 5, 6))  # published 2024-05-04, within 180 days
    short = Engine(load_settings(data_dir=data_dir, search={"outage_lookback_days": 1}))
    two = Engine(load_settings(data_dir=data_dir, search={"outage_lookback_days": 2}))
    try:
        assert short.outages("湖滨南路", date(2024, 5, 6)) == []  # published 2 days before the day: outside one day
        assert two.outages("湖滨南路", date(2024, 5, 6))
    finally:
        short.close()
        two.close()


def test_the_street_calendar_has_one_event_per_window_with_stable_uids(served):
    engine, client, _ = served
    response = client.get("/feeds/outages.ics", params={"area": "杏林湾路"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [(e.decoded("dtstart").isoformat(), e.decoded("dtend").isoformat()) for e in events] == [
        ("2024-11-26T08:00:00+08:00", "2024-11-26T18:00:00+08:00"), ("2024-11-27T08:00:00+08:00", "2024-11-27T18:00:00+08:00"),
    ]
    assert all(str(e["summary"]) == "杏林湾路停水" and "杏滨路" in str(e["location"]) for e in events)
    assert list(calendar.walk("VTIMEZONE")), "the local time zone travels with the calendar"
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == 2
    again = icalendar.Calendar.from_ical(client.get("/feeds/outages.ics", params={"area": "杏林湾路"}).content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids  # the same windows, the same UIDs

    # The notice is corrected (a later end): the same record id, a new version: the same UIDs, a higher SEQUENCE.
    water = next(r for r in notices() if r.notice.utility == "water")
    corrected = water.model_copy(update={"body": water.body.replace("8:00—18:00", "8:00—20:00")})
    fixed = parse_notices(Capture(data=f"{corrected.title}\n{corrected.body}".encode(), url=water.url, source=water.source))[0]
    engine.ingest_records([fixed.model_copy(update={"id": water.id})])
    updated = icalendar.Calendar.from_ical(client.get("/feeds/outages.ics", params={"area": "杏林湾路"}).content)
    new_events = list(updated.walk("VEVENT"))
    assert [str(e["uid"]) for e in new_events] == uids
    assert [e.decoded("dtend").hour for e in new_events] == [20, 20]
    assert all(int(e["sequence"]) == 2 for e in new_events)


def test_calendar_clients_nobody_here_wrote_read_the_same_windows(served):
    """The street calendar through two other parsers: `ical` (strict RFC 5545 models, Home Assistant's) and
    vobject: the same windows in Beijing time, the same UIDs as icalendar reads; an empty calendar is valid too."""
    import vobject
    from ical.calendar_stream import IcsCalendarStream

    _, client, _ = served
    text = client.get("/feeds/outages.ics", params={"area": "杏林湾路"}).text
    ours = [(str(e["uid"]), e.decoded("dtstart"), e.decoded("dtend")) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    strict = IcsCalendarStream.calendar_from_ics(text)
    assert [(e.uid, e.dtstart, e.dtend) for e in strict.events] == ours
    assert all(e.summary == "杏林湾路停水" and e.sequence is not None for e in strict.events)
    card = vobject.readOne(text)
    assert [(e.uid.value, e.dtstart.value, e.dtend.value) for e in card.vevent_list] == ours
    assert {e.dtstart.value.utcoffset().total_seconds() for e in card.vevent_list} == {8 * 3600}
    empty = client.get("/feeds/outages.ics", params={"area": "不存在的街道"}).text
    assert IcsCalendarStream.calendar_from_ics(empty).events == []
    assert vobject.readOne(empty).name == "VCALENDAR"


def test_the_street_atom_feed_and_bad_areas(served):
    _, client, _ = served
    response = client.get("/feeds/outages.atom", params={"area": "湖滨南路"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0 and [e.title for e in feed.entries] == ["停电公告"]
    assert "湖滨南路" in feed.feed.title
    for path in ("/feeds/outages.ics", "/feeds/outages.atom"):
        assert client.get(path).status_code == 422
        assert client.get(path, params={"area": "路"}).status_code == 422
        empty = client.get(path, params={"area": "不存在的街道"})
        assert empty.status_code == 200
    assert icalendar.Calendar.from_ical(client.get("/feeds/outages.ics", params={"area": "不存在的街道"}).content).walk("VEVENT") == []


def test_an_area_that_is_no_place_is_a_422_with_a_message(served):
    _, client, _ = served
    response = client.get("/api/notices/outages", params={"area": "路", "date": "2024-05-06"})
    assert response.status_code == 422 and response.json()["error"] == "invalid_parameter"
    assert "street, community or building" in response.json()["message"]
    page = client.get("/outages", params={"area": "路", "date": "2024-05-06"})
    assert page.status_code == 400 and 'role="alert"' in page.text


def test_the_page_refuses_an_over_long_area_as_the_api_does(served):
    """The API answers 422 for an area over 100 characters; the page cut it to 100 and answered 200 (没有查到 the
    cut text) with calendar, feed and subscription links for it."""
    _, client, _ = served
    area = "建业路" * 40
    assert client.get("/api/notices/outages", params={"area": area}).status_code == 422
    page = client.get("/outages", params={"area": area, "date": "2024-05-07"})
    assert page.status_code == 400 and 'role="alert"' in page.text and "100" in page.text
    assert "没有查到" not in page.text and "/feeds/outages.ics" not in page.text
    assert client.get("/outages", params={"area": "建业路" * 33, "date": "2024-05-07"}).status_code == 200  # 99: still asked
