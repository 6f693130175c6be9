"""Shared normalisers: 文号 found in prose, canonical 文号/索引号, Chinese dates."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.dates import find_dates, parse_date
from gongkai.identifiers import (
    find_doc_numbers,
    looks_like_doc_number,
    looks_like_index_number,
    normalize_doc_number,
    normalize_index_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("根据厦府办〔2014〕12号", ["厦府办〔2014〕12号"]),
        ("按照国办发[2007]12号文件精神", ["国办发〔2007〕12号"]),
        ("转发厦府办（2014）12 号", ["厦府办〔2014〕12号"]),
        ("依据《通知》（闽政〔2015〕3号）和厦府〔2017〕327号", ["闽政〔2015〕3号", "厦府〔2017〕327号"]),
        ("参照厦府〔2014〕第012号执行", ["厦府〔2014〕12号"]),
        ("国发〔2019〕5号", ["国发〔2019〕5号"]),
    ],
)
def test_find_doc_numbers_leaves_prose_words_out(text: str, expected: list[str]) -> None:
    assert find_doc_numbers(text) == expected


def test_find_doc_numbers_keeps_order_and_drops_repeats() -> None:
    text = "根据国发〔2019〕5号和国办发〔2018〕71号，再次重申国发〔2019〕5号"
    assert find_doc_numbers(text) == ["国发〔2019〕5号", "国办发〔2018〕71号"]


def test_doc_number_bracket_variants_are_one_number() -> None:
    variants = ["厦府[2014]12号", "厦府〔2014〕12号", "厦府（2014）12 号", "厦府【2014】第12号", "厦府〔２０１４〕１２号"]
    assert {normalize_doc_number(v) for v in variants} == {"厦府〔2014〕12号"}
    assert all(looks_like_doc_number(v) for v in variants)


def test_index_numbers() -> None:
    assert normalize_index_number("０００014349／2019－00007") == "000014349/2019-00007"
    assert looks_like_index_number("XM00100-0200-2014-00012")
    assert not looks_like_index_number("厦府〔2014〕12号")


def test_dates_in_signatures_and_metadata() -> None:
    assert parse_date("2019年01月27日") == date(2019, 1, 27)
    assert parse_date("二〇一四年五月六日") == date(2014, 5, 6)
    assert parse_date("二00七年九月三十日") == date(2007, 9, 30)
    assert parse_date("2018 年 11 月 5 日") == date(2018, 11, 5)  # as pdfminer prints it
    assert find_dates("签发：2014年5月6日，印发：二〇一四年五月八日") == [date(2014, 5, 6), date(2014, 5, 8)]
    with pytest.raises(ValueError):
        parse_date("2014年13月40日")


def test_the_canonical_number_shortcuts_give_what_the_full_normalisation_gives(monkeypatch):
    """normalize_doc_number returns a 文号 already canonical (ideographs, 〔year〕, serial, 号, nothing fold() changes) as
    it is, and normalize_index_number an index number of capitals, digits, - and / only, without their passes: random
    numbers near those forms (Traditional and GB2312 characters fold() changes, full-width digits and brackets, 第,
    leading zeros, spaces, lower case, dashes of other widths) give the same with the shortcuts taken and refused."""
    import random
    import re

    from gongkai import identifiers
    from gongkai.identifiers import normalize_doc_number, normalize_index_number

    rng = random.Random(5)
    prefix = "厦府办发廈號乾国令闽政⻔"
    middle = ["〔", "〕", "[", "]", "（", "）", "第", "0", "1", "2", "9", "２", " ", "\u3000", "号", "號"]
    docs = ["厦府〔2014〕12号", "乾政发〔2020〕1号", "廈府〔2023〕88號", "厦府〔2014〕012号", "厦府〔2014〕第12号", ""]
    for _ in range(3000):
        head = "".join(rng.choice(prefix) for _ in range(rng.randint(0, 4)))
        docs.append(head + "〔" + str(rng.randint(1990, 2030)) + "〕" + "".join(rng.choice(middle) for _ in range(rng.randint(0, 4))) + "号")
        docs.append("".join(rng.choice(prefix + "".join(middle)) for _ in range(rng.randint(1, 12))))
        docs.append("".join(rng.choice(prefix) for _ in range(rng.randint(1, 5))) + f"〔{rng.randint(1990, 2030)}〕{rng.randint(1, 300)}号")
    marks = "ABCxyz0129-/－—／ 　ＡＢ"
    indexes = ["XM00100-0500-2022-00001", "000014349/2019-00007", "xm00100-0500", ""]
    indexes += ["".join(rng.choice(marks) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    fast_docs = [normalize_doc_number(d) for d in docs]
    fast_indexes = [normalize_index_number(i) for i in indexes]
    assert sum(identifiers._ALREADY_CANONICAL_RE.fullmatch(d) is not None for d in docs) > 1000  # the shortcut is taken
    monkeypatch.setattr(identifiers, "_ALREADY_CANONICAL_RE", re.compile("(?!)"))
    monkeypatch.setattr(identifiers, "_CANONICAL_INDEX_CHARS", "")
    assert fast_docs == [normalize_doc_number(d) for d in docs]
    assert fast_indexes == [normalize_index_number(i) for i in indexes]
    assert fast_docs[:3] == ["厦府〔2014〕12号", "乾政发〔2020〕1号", "厦府〔2023〕88号"]
