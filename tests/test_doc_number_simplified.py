"""A 文号 folded to Simplified (gongkai.identifiers): Traditional characters only, never a standard Simplified one.

textnorm.fold's table (zhconv) also maps 乾 to 干, 於 to 于, 後 to 后: characters of GB2312, standard Simplified in
names such as 乾县 and 乾安县. Folded, 乾县人民政府's 乾政发〔2020〕15号 was stored and shown as 干政发〔2020〕15号.
"""

from __future__ import annotations

import pytest

from gongkai.identifiers import find_doc_numbers, normalize_doc_number, typed_doc_number


@pytest.mark.parametrize("number", ["乾政发〔2020〕15号", "乾安政发〔2019〕3号", "乾府办〔2021〕7号"])
def test_a_simplified_doc_number_keeps_its_characters(number: str) -> None:
    assert normalize_doc_number(number) == number
    assert find_doc_numbers(f"根据{number}文件精神，现通知如下") == [number]
    assert typed_doc_number(number.replace("〔", "").replace("〕", "年")) == number  # the lookup finds it


def test_traditional_characters_are_still_folded() -> None:
    assert normalize_doc_number("廈府〔2023〕88號") == "厦府〔2023〕88号"
    assert find_doc_numbers("根據廈府〔2023〕88號　閩政［２０２２］５號") == ["厦府〔2023〕88号", "闽政〔2022〕5号"]
    assert typed_doc_number("廈府2014年12號") == "厦府〔2014〕12号"
    assert typed_doc_number("ABC-123") == "ABC-123"
