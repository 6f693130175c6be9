"""One Chinese-numeral converter (gongkai.dates.cn_number) for every layer that reads numbers written in Chinese.

There were four (parsers.validity.cn_number, gongkai.dates.cn_small_number, a table in parsers.notices.extract and
asked_days' year reader), each with its own subset: 两 or not, 零 or not, 百 or not, an error or None. The core owns
the one (parsers may import the core, not the other way round); each caller below gets the same answers.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from gongkai.asked_days import read_asked_day, read_asked_days
from gongkai.dates import cn_number, find_dates, parse_date, year_month_spans
from gongkai.parsers.notices.extract import extract_business
from gongkai.parsers.notices.printed_numbers import arabic_dates
from gongkai.parsers.validity import order_number, read_statements

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3), ("３", 3), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("四十五", 45), ("九十", 90),
        ("一百", 100), ("一百零五", 105), ("一百〇五", 105), ("一百一十", 110), ("一百十", 110), ("两百三十", 230),
        ("七百零九", 709), ("两", 2), ("〇", 0), ("零", 0), ("一四九", 149), ("二〇二六", 2026), ("二○二六", 2026), ("二六", 26),
    ],
)
def test_numbers_as_printed(text: str, value: int) -> None:
    assert cn_number(text) == value


@pytest.mark.parametrize("text", ["", "十十", "百", "五百百", "十五十", "abc", "²", "三点五"])
def test_not_one_number_is_none(text: str) -> None:
    assert cn_number(text) is None


def test_no_layer_keeps_a_converter_of_its_own() -> None:
    """Only gongkai/dates.py defines a Chinese-numeral converter; the others import it."""
    own = []
    for folder in ("gongkai", "parsers", "indexer", "feeds", "crawlers", "web", "cli", "ops", "store"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef) and ("cn_number" in node.name or "cn_small_number" in node.name or node.name == "_cn_year"):
                    own.append(f"{path.relative_to(ROOT)}:{node.name}")
    assert own == ["gongkai/dates.py:cn_number"]


def test_dates_read_by_the_core() -> None:
    assert parse_date("二〇一四年十二月三十一日") == date(2014, 12, 31)
    assert find_dates("二○二六年三月十日起施行；二〇二六年十十月一日") == [date(2026, 3, 10)]  # 十十 is no month
    assert [(y, m) for _, _, y, m in year_month_spans("二〇二六年十一月的安排")] == [(2026, 11)]


def test_days_a_question_names() -> None:
    today = date(2026, 12, 6)
    assert read_asked_day("十二月三十一号", today) == date(2026, 12, 31)
    assert read_asked_day("二六年一月五号", today) == date(2026, 1, 5)
    assert read_asked_day("二十七年一月五号", today) == date(2027, 1, 5)
    assert read_asked_days("近两周", today) == (date(2026, 12, 6), date(2026, 12, 19))


def test_validity_periods_and_order_numbers() -> None:
    st = read_statements("x", "本办法自2015年1月1日起施行，有效期两年。", None)
    assert (st.period, st.expiry_date) == ("2年", date(2016, 12, 31))
    st = read_statements("x", "《中华人民共和国外商投资法实施条例》（国务院令第七百零九号）同时废止。", None)
    assert [r.doc_number for r in st.of_kind("repeals")] == ["国令第709号"]
    assert order_number("公安部", "一百零二") == "公安部令第102号"
    assert order_number("公安部", "十十") == "公安部令第十十号"  # not a number: kept as printed (it was 令第20号)


def test_notices_claim_periods_and_clocks() -> None:
    notice = extract_business(
        "厦门某某贸易有限公司注销公告",
        "厦门某某贸易有限公司经股东会决议，拟申请注销登记，请债权人自本公告见报之日起四十五日内向本公司清算组申报债权。",
        date(2024, 5, 6),
    )
    assert (notice.claim_period_days, notice.claim_deadline) == (45, date(2024, 6, 20))
    assert arabic_dates("二〇二六年十二月十六日上午八时三十分至下午五时") == "2026年12月16日上午8时30分至下午5时"
