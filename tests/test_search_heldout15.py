"""Held-out citizen queries, session 20 (search15), each round written with its expectations before it was run (the rounds
are files: tests/fixtures/heldout20/search15/round*.tsv, one query a line: check, query, expected), over the demo data and
the corpus's documents: a lost item by its holder in everyday words, a company's 减资/注销/分立/合并/清算 by its short name,
land, 拆迁 and 拍卖 notices, streets' outages and closures, 文号 said every which way, titles remembered with small changes,
the State Council's and a Beijing bureau's documents, questions (多少钱, 什么时候, 在哪里), pinyin initials, Traditional.
Real records through the real ingest path, store and index."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import assert_held_out_query, demo_and_corpus_fixture, held_out_query_cases

demo = demo_and_corpus_fixture("heldout15")

ROUNDS = Path(__file__).parent / "fixtures" / "heldout20" / "search15"

#: Queries of the rounds whose failure is left (README Known gaps, search15), with why.
LEFT: dict[str, str] = {}

CASES = held_out_query_cases(ROUNDS, LEFT)


@pytest.mark.parametrize(("check", "query", "expected"), CASES)
def test_held_out_query(demo, check, query, expected) -> None:
    assert_held_out_query(demo, check, query, expected)
