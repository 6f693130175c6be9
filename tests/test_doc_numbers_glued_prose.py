"""A 文号 glued to the prose before it is read without that prose (review s14).

DOC_NUMBER_RE's prefix is greedy (up to 15 characters); lead words are trimmed only at its start and, since session 14,
whatever comes up to a 的. A verb or phrase of the sentence glued to the number stayed in it: 本办法同时废止厦府办〔2019〕3号
gave the 文号 `本办法同时废止厦府办〔2019〕3号`, so the repeal it states resolved to nothing (6 of 10 held-out sentences)."""

from __future__ import annotations

import pytest

from gongkai.identifiers import find_doc_numbers


@pytest.mark.parametrize(("sentence", "number"), [
    ("本办法同时废止厦府办〔2019〕3号", "厦府办〔2019〕3号"),
    ("现将国办发〔2024〕3号转发给你们", "国办发〔2024〕3号"),
    ("请认真贯彻执行闽政〔2023〕7号精神", "闽政〔2023〕7号"),
    ("市政府决定废止厦府〔2015〕88号", "厦府〔2015〕88号"),
    ("经研究，现就落实国发〔2019〕5号提出如下意见", "国发〔2019〕5号"),
    ("我局于2020年发布厦市监〔2020〕5号", "厦市监〔2020〕5号"),
    # the prefixes that stay whole
    ("按国办发明电〔2020〕5号要求", "国办发明电〔2020〕5号"),
    ("此前印发的厦府办〔2018〕1号同时废止", "厦府办〔2018〕1号"),
    ("财税〔2019〕13号", "财税〔2019〕13号"),
    ("中发〔2021〕7号", "中发〔2021〕7号"),
])
def test_a_doc_number_glued_to_prose_is_read_alone(sentence: str, number: str) -> None:
    assert find_doc_numbers(sentence) == [number]
