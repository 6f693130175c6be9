"""Held-out disclosure pages of session 19 (the lead's fields12 round), written with their expectations before the
parsers ran on them: Xiamen's district and bureau CMSs (思明 <li><b>label</b><span>, 人社局's table with colspans and 效力状态,
发改委's pairs run together in one <p> by &nbsp;, 商务局's label/value spans and 【发布时间】 lines, 海沧's GB2312 page with
信息索引号/内容分类/发文日期/文件编号/公开时间, 教育局's <label>s with a written date in Chinese numerals), 福建's <th> labels
spaced with ideographic spaces, a ministry's <dl>, 中国政府网's bd1 table, a 文号 printed only as the body's first line with
the date only in the signature, and a Word export whose title runs over two centred lines. The pages and their
expectations are tests/fields12_pages.py.

Every expectation is what a person reads on the page."""

from __future__ import annotations

import pytest

from gongkai.parsers import Capture, parse
from gongkai.settings import load_settings
from tests.fields12_pages import PAGES, Page


@pytest.mark.parametrize("case", PAGES, ids=[case.name for case in PAGES])
def test_a_held_out_page_gives_its_printed_fields(case: Page) -> None:
    record = parse(Capture(case.html, url=case.url), load_settings().parsers)
    got = {name: str(getattr(record, name) or "") for name in case.expect}
    assert got == case.expect


@pytest.mark.parametrize(("named", "signed", "issuer"), [
    ("市政府办公厅", "厦门市人民政府办公厅", "厦门市人民政府办公厅"),  # the byline's short name of the signed body
    ("区教育局", "思明区教育局", "思明区教育局"),
    ("市场监督管理局", "厦门市市场监督管理局", "厦门市市场监督管理局"),
    ("市教育局", "厦门市财政局", None),  # another body
    ("厦门市教育局", "厦门市人民政府", None),  # a name with its place is no short name
    ("市政府", "市政府", None),
    ("区政府", "", None),
])
def test_a_bylines_short_name_yields_to_the_body_the_document_signs(named: str, signed: str, issuer: str | None) -> None:
    from gongkai.parsers.issuers import fuller_signed_body

    assert fuller_signed_body(named, signed) == issuer
