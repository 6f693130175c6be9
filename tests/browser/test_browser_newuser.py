"""The search page as a new user meets it (newuser, session 12): the address of a search holds what was asked. Every
search from the box read /search?q=…&date_from=&date_to= (the closed 按发布日期筛选's empty fields), the URL a citizen
copies or shares; an empty date field is now left out, a filled one kept, and Back gives the fields again."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.browser import BROWSER_MARKS, open_page

pytestmark = BROWSER_MARKS


def test_a_search_from_the_box_has_no_empty_date_fields_in_its_address(browser, base_url):
    context, page, errors = open_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page.goto(base_url + "/")
        page.fill("#q", "停电")
        with page.expect_navigation():
            page.press("#q", "Enter")
        assert parse_qs(urlsplit(page.url).query, keep_blank_values=True) == {"q": ["停电"]}, page.url

        page.click("summary")  # 按发布日期筛选
        page.fill("#date_from", "2024-05-01")
        with page.expect_navigation():
            page.click(".date-range button")
        asked = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
        assert asked == {"q": ["停电"], "date_from": ["2024-05-01"]}, page.url
        assert "发布日期：2024-05-01" in page.inner_text("main")

        page.go_back()
        page.wait_for_load_state()
        assert page.locator("#date_to").is_enabled() and page.locator("#date_from").is_enabled()
    finally:
        context.close()
    assert errors == []


def test_the_outage_lookup_has_no_empty_date_fields_in_its_address(browser, base_url):
    """The outage lookup typed on a phone read /outages?area=湖滨南路&date=&until= (its two optional days left empty),
    the address a citizen shares; the search box's rule is every GET form's now (newuser2, session 14)."""
    context, page, errors = open_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page.goto(base_url + "/outages")
        page.type("#area", "湖滨南路", delay=20)
        with page.expect_navigation():
            page.press("#area", "Enter")
        assert parse_qs(urlsplit(page.url).query, keep_blank_values=True) == {"area": ["湖滨南路"]}, page.url
        assert "湖滨南路" in page.inner_text("main")

        page.fill("#date", "2024-05-06")
        with page.expect_navigation():
            page.press("#area", "Enter")
        assert parse_qs(urlsplit(page.url).query, keep_blank_values=True) == {"area": ["湖滨南路"], "date": ["2024-05-06"]}, page.url
        page.go_back()
        page.wait_for_load_state()
        assert page.locator("#until").is_enabled()
    finally:
        context.close()
    assert errors == []
