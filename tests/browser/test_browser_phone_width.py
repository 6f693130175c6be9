"""The pages on a 375 px phone (the narrowest common width, iPhone SE/mini) in headless Chromium: no horizontal scroll,
and the search box's placeholder is whole inside the box (polish, probe3's leftover: "例如：厦府〔2014〕12号、营业执照遗失、
湖滨南路停水" was cut off after 厦府〔2014〕). The examples are links under the box, where they wrap, and each finds something."""

from __future__ import annotations

import httpx
import pytest

from tests.browser import BROWSER_MARKS, open_page

pytestmark = BROWSER_MARKS
PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
PAGES = ["/", "/search?q=停电", "/search?q=没有这样的词语组合xyz", "/outages"]

#: The placeholder's text width (drawn in the input's font) and the room inside the input.
FITS = """(el) => {
  const cs = getComputedStyle(el);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  return [ctx.measureText(el.placeholder).width, el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)];
}"""


@pytest.fixture
def phone(browser):
    context, page, errors = open_page(browser, **PHONE)
    yield page
    context.close()
    assert errors == []


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_at_375_px(phone, base_url, path):
    phone.goto(base_url + path)
    width = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1] == 375, (path, width)


def test_record_pages_fit_at_375_px(phone, base_url):
    # A record page holds the longest unbroken text (文号, 索引号, URLs, attachment names).
    hits = httpx.get(base_url + "/api/search", params={"q": "通知", "page_size": 20}).json()["hits"]
    assert hits
    for hit in hits:
        phone.goto(f"{base_url}/documents/{hit['id']}")
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375, (hit["id"], hit["title"], width)


@pytest.mark.parametrize("path", ["/", "/search?q=停电"])
def test_the_placeholder_is_whole_inside_the_box(phone, base_url, path):
    phone.goto(base_url + path)
    box = phone.locator("#q")
    text, room = box.evaluate(FITS)
    assert box.get_attribute("placeholder") and text <= room, (box.get_attribute("placeholder"), text, room)


def test_the_examples_are_links_under_the_box_that_find_something(phone, base_url):
    phone.goto(base_url + "/")
    links = phone.locator("#q-examples a")
    examples = links.all_inner_texts()
    assert len(examples) == 3
    assert "q-examples" in (phone.locator("#q").get_attribute("aria-describedby") or "")
    for example in examples:
        assert httpx.get(base_url + "/api/search", params={"q": example}).json()["total"] >= 1, example
    links.first.click()
    phone.wait_for_url("**/search?q=*")
    assert phone.locator("#q").input_value() == examples[0]
