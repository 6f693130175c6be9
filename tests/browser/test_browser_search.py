"""The search page in headless Chromium, on a desktop and a phone viewport: search, filter by a facet,
page through results, open a record and see the highlighted term. Screenshots land in
test-output/screenshots/ for a person to look at."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import BROWSER_MARKS, SCREENSHOTS, open_page

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
}

pytestmark = BROWSER_MARKS


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser):
    context, page, errors = open_page(browser, **VIEWPORTS[request.param])
    page.device = request.param  # type: ignore[attr-defined]
    yield page
    context.close()
    assert errors == [], f"browser console errors (CSP violations included): {errors}"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{page.device}-{name}.png"), full_page=True)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def result_count(page) -> int:
    return int(page.locator(".result-count strong").inner_text())


def test_search_filter_page_and_open_a_record(page, base_url):
    page.goto(base_url + "/")
    shot(page, "1-home")
    page.get_by_label("搜索文号、索引号、关键词、企业名称或街道").fill("施工")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert parse_qs(urlsplit(page.url).query)["q"] == ["施工"]  # the query is in the URL: shareable
    all_results = result_count(page)
    assert all_results > 10
    first_em = page.locator(".snippet em").first
    assert first_em.inner_text() == "施工"
    assert first_em.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"  # visibly marked
    assert no_horizontal_scroll(page)
    shot(page, "2-results")

    # Filter by a facet: 公告类型 → 停水停电通知.
    facet = page.locator("#facet-notice_type + ul a", has_text="停水停电通知")
    expected = int(facet.locator(".count").inner_text())
    facet.click()
    page.wait_for_url(re.compile(r"notice_type=outage"))
    assert result_count(page) == expected < all_results
    assert page.locator(".hit .tag").all_inner_texts() == ["停水停电通知"] * min(expected, 10)
    shot(page, "3-facet")

    # Page through: next page keeps the query and the filter.
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url(re.compile(r"page=2"))
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == ["施工"] and query["notice_type"] == ["outage"]
    assert page.locator('.pagination [aria-current="page"]').inner_text() == "2"
    shot(page, "4-page2")

    # Open a record: the term is highlighted in the full text.
    title = page.locator(".hit-title a").first
    title_text = title.inner_text()
    title.click()
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator("h1").inner_text() == title_text
    assert page.locator(".record mark").first.inner_text() == "施工"
    assert page.locator(".record mark").first.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.locator(".meta th", has_text="发布机构").count() == 1
    # An outage shows its windows as one table, each window with its own streets.
    assert page.locator(".outage-events caption", has_text="停止时段").count() == 1
    assert page.locator(".outage-events tr.outage-event").count() >= 1
    assert no_horizontal_scroll(page)
    shot(page, "5-detail")


def test_disclosure_detail_and_sort_by_date(page, base_url):
    page.goto(base_url + "/search?q=" + "国办函[2018]71号")
    page.locator(".hit-title a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    table = page.locator("table.meta")
    for label in ("索引号", "文号", "发布机构", "成文日期", "发布日期", "主题分类"):
        assert table.locator("th", has_text=label).count() == 1, label
    assert "国办函〔2018〕71号" in table.inner_text()
    assert no_horizontal_scroll(page)
    shot(page, "6-disclosure")

    page.goto(base_url + "/search?q=国务院")
    page.get_by_role("link", name="发布日期").click()
    page.wait_for_url(re.compile(r"sort=date"))
    days = page.locator(".hit-meta time").all_inner_texts()
    assert days == sorted(days, reverse=True) and len(days) == 10


def test_keyboard_skip_link_and_focus_style(page, base_url):
    page.goto(base_url + "/search?q=停电")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0  # shown on screen once focused
    assert skip.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # a visible focus ring
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Every form control has a label.
    unlabeled = page.evaluate(
        """[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
             .filter(e => !e.labels || e.labels.length === 0).map(e => e.name)"""
    )
    assert unlabeled == []


def test_outage_check_page(page, base_url):
    page.goto(base_url + "/outages")
    page.get_by_label("街道、小区或路名").fill("仙岳路")
    page.get_by_label("日期（可不填）").fill("2016-05-29")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"area="))
    assert "2016-05-29 09:00 至 19:00" in page.locator("main").inner_text()
    shot(page, "7-outages")


def test_api_documentation_renders_offline_from_our_own_origin(page, base_url):
    """/docs (Swagger UI) loads its viewer from the server itself: no CDN, so it works without internet."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "/docs")
    page.locator(".opblock-summary-path", has_text="/api/search").first.wait_for(timeout=15_000)
    assert page.locator(".opblock-summary-path", has_text="/api/notices/outages").count() == 1
    shot(page, "docs")
    outside = [url for url in requested if not url.startswith(base_url) and not url.startswith("data:")]
    assert outside == []
