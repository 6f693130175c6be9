"""Held-out citizen queries, session 21 (search16), each round written with its expectations before it was run (the rounds
are files: tests/fixtures/heldout21/search16/round*.tsv, one query a line: check, query, expected), over the demo data and
the corpus's documents: titles typed on a phone with a character of the same sound (同音字) or a near one (错别字), pinyin
left in, titles half remembered; 文号 said aloud (二零一四年四号, 第十六号), numbers in words, colloquial questions, agencies by
their nicknames and old names, Traditional typed on Taiwan and Hong Kong keyboards; a 遗失声明 or a company's notice asked by
what it is about when its title names only its kind, English words mixed in, sentences pasted from a document's body.
Real records through the real ingest path, store and index."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import assert_held_out_query, demo_and_corpus_fixture, held_out_query_cases, search, shown

demo = demo_and_corpus_fixture("heldout16")

ROUNDS = Path(__file__).parent / "fixtures" / "heldout21" / "search16"

#: Queries of the rounds whose failure is left (README Known gaps, search16), with why.
LEFT: dict[str, str] = {
    "杏林湾生太保护三年行动计划": "left (search16): the typo glues 湾 to 生太 (杏林 + 湾生太: 杏林湾 is no word of the vocabulary), so the "
    "answer is relaxed, and there the expired plan asked (validity ×0.5) falls below the in-force 耕地保护三年行动计划, which "
    "lacks 杏林; did-you-mean offers 杏林湾生态保护三年行动计划 (README Known gaps)",
}

CASES = held_out_query_cases(ROUNDS, LEFT)


@pytest.mark.parametrize(("check", "query", "expected"), CASES)
def test_held_out_query(demo, check, query, expected) -> None:
    if check == "all3":  # the first three hits are all among the records expected (ids separated by |)
        hits = search(demo, query).hits
        assert len(hits) >= 3 and all(hit.id in expected.split("|") for hit in hits[:3]), (query, shown(hits[:3]))
    else:
        assert_held_out_query(demo, check, query, expected)
