"""The search box's completions in headless Chromium: a WAI-ARIA combobox over /api/suggest (typing, Up/Down,
Enter, Escape, a click), the same form without JavaScript, and what the results page says when the engine
relaxed the query or found nothing (the relaxed notice, did-you-mean links, hints)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.browser import BROWSER_MARKS, SCREENSHOTS, open_page

pytestmark = BROWSER_MARKS

LABEL = "搜索文号、索引号、关键词、企业名称或街道"


@pytest.fixture
def page(browser):
    context, page, errors = open_page(browser)
    yield page
    context.close()
    assert errors == [], f"browser console errors (CSP violations included): {errors}"


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"suggest-{name}.png"), full_page=True)


def suggestions_of(base_url: str, q: str) -> list[str]:
    body = httpx.get(base_url + "/api/suggest", params={"q": q, "limit": 8}).json()
    return [s["text"] for s in body["suggestions"]]


def type_into_box(page, text: str):
    box = page.get_by_role("combobox", name=LABEL)
    box.click()
    box.press_sequentially(text, delay=30)
    page.locator("#q-suggestions [role=option]").first.wait_for(state="visible")
    return box


def test_typing_opens_a_listbox_of_suggestions(page, base_url):
    page.goto(base_url + "/")
    box = page.get_by_role("combobox", name=LABEL)
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-controls") == "q-suggestions"
    assert box.get_attribute("aria-autocomplete") == "list"
    type_into_box(page, "湖滨")
    assert box.get_attribute("aria-expanded") == "true"
    listbox = page.get_by_role("listbox", name="搜索建议")
    options = listbox.get_by_role("option")
    expected = suggestions_of(base_url, "湖滨")
    assert [t.split("\n")[0] for t in options.locator(".suggest-text").all_inner_texts()] == expected
    assert options.first.locator(".suggest-type").inner_text() == "街道"
    # Screen readers hear how many there are; nothing is selected until an arrow key says so.
    assert page.locator("#q-suggest-status").inner_text() == f"有 {len(expected)} 条建议，用上下方向键选择，回车搜索"
    assert box.get_attribute("aria-activedescendant") is None
    assert box.evaluate("e => e === document.activeElement")
    shot(page, "1-open")


def test_arrow_keys_move_the_active_option_and_enter_searches_it(page, base_url):
    page.goto(base_url + "/")
    box = type_into_box(page, "厦府[2014")
    options = page.locator("#q-suggestions [role=option]")
    expected = suggestions_of(base_url, "厦府[2014")
    assert len(expected) >= 3

    box.press("ArrowDown")
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    box.press("ArrowDown")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.nth(2).get_attribute("id")
    assert first.get_attribute("aria-selected") == "false"
    box.press("ArrowUp")
    second = options.nth(1)
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert box.evaluate("e => e === document.activeElement")  # focus never leaves the box
    shot(page, "2-arrows")

    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert parse_qs(urlsplit(page.url).query)["q"] == [expected[1]]
    assert int(page.locator(".result-count strong").inner_text()) >= 1
    assert page.locator(".hit .hit-meta").first.inner_text().count(expected[1]) == 1  # the 文号 is the first hit's


def test_up_from_the_top_wraps_to_the_last_and_escape_closes_keeping_the_text(page, base_url):
    page.goto(base_url + "/")
    box = type_into_box(page, "湖")
    options = page.locator("#q-suggestions [role=option]")
    box.press("ArrowDown")
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == options.last.get_attribute("id")
    box.press("ArrowDown")  # and down from the last to the first
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.locator("#q-suggestions").is_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "湖"
    # Down opens the list again; Enter with nothing chosen searches what was typed.
    box.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    box.press("Escape")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert parse_qs(urlsplit(page.url).query)["q"] == ["湖"]


def test_a_click_on_a_suggestion_searches_it(page, base_url):
    page.goto(base_url + "/search?q=停电")
    box = page.get_by_role("combobox", name=LABEL)
    box.fill("")
    type_into_box(page, "财政局")
    page.get_by_role("option", name=re.compile("厦门市财政局")).click()
    page.wait_for_url(re.compile(r"/search\?q="))
    assert parse_qs(urlsplit(page.url).query)["q"] == ["厦门市财政局"]
    assert int(page.locator(".result-count strong").inner_text()) >= 1


def test_pinyin_being_composed_is_not_asked_for(page, base_url):
    """An input method shows pinyin letters in the box until a character is chosen: only the chosen text is asked."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "/api/suggest" in request.url else None)
    page.goto(base_url + "/")
    page.get_by_role("combobox", name=LABEL).focus()
    cdp = page.context.new_cdp_session(page)
    for letters in ("h", "hu", "hub", "hubin"):
        cdp.send("Input.imeSetComposition", {"text": letters, "selectionStart": len(letters), "selectionEnd": len(letters)})
    page.wait_for_timeout(400)  # longer than the pause suggest.js waits for
    assert asked == []
    cdp.send("Input.insertText", {"text": "湖滨"})  # the characters chosen: composition ends
    page.locator("#q-suggestions [role=option]").first.wait_for(state="visible")
    assert len(asked) == 1 and "q=%E6%B9%96%E6%BB%A8" in asked[0]


def test_a_tap_on_a_phone_searches_the_suggestion(browser, base_url):
    context, page, errors = open_page(browser, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(base_url + "/")
        type_into_box(page, "杏林")
        option = page.get_by_role("option").first
        box = option.bounding_box()
        assert box and box["width"] <= 390  # the list fits the phone's width
        expected = option.get_attribute("data-value")
        option.tap()
        page.wait_for_url(re.compile(r"/search\?q="))
        assert parse_qs(urlsplit(page.url).query)["q"] == [expected]
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        context.close()
    assert errors == []


def test_without_javascript_the_form_still_searches(browser, base_url):
    context, page, errors = open_page(browser, java_script_enabled=False)
    try:
        page.goto(base_url + "/")
        box = page.get_by_label(LABEL)
        assert box.get_attribute("role") is None  # no combobox promised that would never open
        box.fill("湖滨南路")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/search\?q="))
        assert int(page.locator(".result-count strong").inner_text()) >= 1
        assert page.locator("#q-suggestions").is_hidden()
    finally:
        context.close()
    assert errors == []


def test_placeholder_examples_find_something(page, base_url):
    page.goto(base_url + "/")
    placeholder = page.get_by_role("combobox", name=LABEL).get_attribute("placeholder")
    # One example in the placeholder (three were cut off on a phone), all of them as links under the box.
    examples = page.locator("#q-examples a").all_inner_texts()
    assert len(examples) == 3 and placeholder.removeprefix("例如：") in examples
    for example in examples:
        body = httpx.get(base_url + "/api/search", params={"q": example}).json()
        assert body["total"] >= 1, example


# --- what the results page says when the engine relaxed the query or found nothing ---------------------


def api_search(base_url: str, **params) -> dict:
    response = httpx.get(base_url + "/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_relaxed_result_says_so_and_names_the_missing_words(page, base_url):
    q = "仙岳路停电 厦门大学"  # no record names 厦门大学; several are outages on 仙岳路
    body = api_search(base_url, q=q)
    assert body["relaxed"] is True and "厦门大学" in body["dropped"] and body["total"] >= 1
    page.goto(base_url + "/search?q=" + q)
    notice = page.locator(".relaxed[role=status]")
    assert notice.is_visible()
    text = notice.inner_text()
    assert text.startswith("未找到同时包含全部词语的结果，以下结果包含部分词语")
    assert [w.strip("“”") for w in notice.locator(".dropped").all_inner_texts()] == body["dropped"]
    assert page.locator(".hit").count() == min(body["total"], 10)
    shot(page, "3-relaxed")

    # A query every record answers in full says nothing of the kind.
    page.goto(base_url + "/search?q=仙岳路")
    assert page.locator(".relaxed").count() == 0


def test_did_you_mean_links_search_the_other_spelling(page, base_url):
    q = "湖滨南陆"  # a typo of 湖滨南路
    body = api_search(base_url, q=q)
    assert "湖滨南路" in body["did_you_mean"]
    page.goto(base_url + "/search?q=" + q)
    links = page.locator(".did-you-mean a")
    assert links.all_inner_texts() == body["did_you_mean"]
    shot(page, "4-did-you-mean")
    page.get_by_role("link", name="湖滨南路", exact=True).click()
    page.wait_for_url(re.compile(r"/search\?q="))
    assert parse_qs(urlsplit(page.url).query)["q"] == ["湖滨南路"]
    assert int(page.locator(".result-count strong").inner_text()) >= 1
    assert page.locator(".relaxed").count() == 0


def test_zero_results_give_hints_and_the_filters_to_remove(page, base_url):
    params = {"q": "湖滨南陆", "kind": "notice", "year": "1999"}  # nothing was published in 1999
    body = api_search(base_url, **params)
    assert body["total"] == 0
    page.goto(base_url + "/search?" + "&".join(f"{k}={v}" for k, v in params.items()))
    empty = page.locator(".empty")
    assert "没有找到“湖滨南陆”的相关结果" in empty.inner_text()
    assert page.locator(".did-you-mean a").all_inner_texts() == body["did_you_mean"]
    hints = empty.locator(".hints").inner_text()
    assert "检查错别字" in hints and "文号可以写成" in hints
    remove_year = empty.get_by_role("link", name="年份：1999年")
    assert remove_year.is_visible() and empty.get_by_role("link", name="类别：便民公告").is_visible()
    assert empty.get_by_role("link", name="去掉全部筛选条件再搜索").is_visible()
    shot(page, "5-zero")
    remove_year.click()
    page.wait_for_url(re.compile(r"kind=notice"))
    query = parse_qs(urlsplit(page.url).query)
    assert "year" not in query and query["q"] == ["湖滨南陆"]
    assert int(page.locator(".result-count strong").inner_text()) >= 1


AXE_JS = Path(__file__).resolve().parents[1] / "validators" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def test_the_open_list_has_no_axe_violations(browser, base_url):
    """axe-core (WCAG 2.2 A/AA) on the page with the suggestions open and one highlighted: the combobox,
    the listbox, its options and their contrast."""
    if not AXE_JS.is_file():
        pytest.skip(f"axe-core is not installed at {AXE_JS} (npm axe-core): run ./dev test as root to install it")
    context, page, errors = open_page(browser, bypass_csp=True)  # axe is the test's script, not the page's
    try:
        page.goto(base_url + "/")
        box = type_into_box(page, "湖")
        box.press("ArrowDown")
        box.press("ArrowDown")
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        result = page.evaluate("options => axe.run(document, options)", {"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
        checked = {rule["id"] for rule in result["passes"]}
        assert {"aria-required-children", "aria-required-parent", "aria-valid-attr-value", "color-contrast"} <= checked
    finally:
        context.close()
    assert errors == []
