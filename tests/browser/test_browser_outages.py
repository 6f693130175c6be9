"""The outage page in headless Chromium: a State Grid notice with three windows, each with its own
streets, and a daily water cut, parsed by the real notice parser. A resident types a street and a day
into the form: the street of window 2 is affected on day 2 only, a daily window covers each of its
days, the answer lists only the matching window, and the record page shows each window with its streets."""

from __future__ import annotations

import pytest

from tests.browser import BROWSER_MARKS, CHROMIUM, LAUNCH_ARGS, SCREENSHOTS
from tests.support import served_engine
from tests.test_outage_lookup import notices

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with served_engine(tmp_path_factory.mktemp("browser_outages") / "data", notices()) as (_, url):
        yield url


@pytest.fixture(scope="module")
def page(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        browser.close()
        assert errors == []


def ask(page, base_url: str, area: str, day: str) -> str:
    page.goto(f"{base_url}/outages")
    page.fill("#area", area)
    page.fill("#date", day)  # <input type=date> takes ISO
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page.locator("#outage-answer").inner_text()


def test_the_street_of_window_2_is_affected_on_day_2_only(page, base_url):
    assert "没有查到" in ask(page, base_url, "建业路", "2024-05-06")
    answer = ask(page, base_url, "建业路", "2024-05-07")
    assert "有 1 条停水停电通知" in answer
    windows = page.locator("li.window").all_inner_texts()
    assert len(windows) == 1 and "2024-05-07 08:30 至 12:30" in windows[0] and "建业路" in windows[0]
    assert "湖滨南路" not in windows[0]
    assert "没有查到" in ask(page, base_url, "湖滨南路", "2024-05-07")  # window 1's street, on day 2
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ask(page, base_url, "建业路", "2024-05-07")
    page.screenshot(path=str(SCREENSHOTS / "outages-window-2.png"), full_page=True)


def test_a_daily_window_covers_each_of_its_days(page, base_url):
    for day in ("2024-11-26", "2024-11-27"):
        assert "有 1 条停水停电通知" in ask(page, base_url, "杏林湾路", day)
        [window] = page.locator("li.window").all_inner_texts()
        assert f"{day} 08:00 至 18:00" in window
    assert "没有查到" in ask(page, base_url, "杏林湾路", "2024-11-28")


def test_the_answer_links_the_calendar_and_the_record_shows_each_window_with_its_streets(page, base_url):
    ask(page, base_url, "湖滨南路", "2024-05-06")
    ics = page.locator("a.feed-ics")
    assert "订阅此街道的停水停电" in page.locator("p.subscribe").inner_text()
    assert ics.get_attribute("href").startswith("/feeds/outages.ics?area=")
    response = page.request.get(base_url + ics.get_attribute("href"))
    assert response.ok and b"BEGIN:VEVENT" in response.body()
    page.locator("h3.hit-title a").first.click()
    page.wait_for_load_state()
    rows = page.locator("tr.outage-event").all_inner_texts()
    assert len(rows) == 3
    assert "湖滨南路" in rows[0] and "建业路" not in rows[0]
    assert "建业路" in rows[1] and "湖滨南路" not in rows[1]
    assert "莲前西路" in rows[2]
    text = page.locator("section.notice-fields").inner_text()
    for raw in ("utility", "events", "power", "outage"):
        assert raw not in text
