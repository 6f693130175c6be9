"""What a query matched in a text, for the page's <mark>s (Engine.marks): the marks agree with the hits.

The query is read by the index's own parser (gongkai.indexer.query: its positive words and phrases, not the
excluded ones, no field names or operators) and each is found as the snippets find it (gongkai.indexer.snippets:
on folded text, a 文号 in any bracket or width variant, letters and digits as the index matches them). The
page asks for it once per request and marks every title and paragraph with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.indexer.query import highlight_terms, parse_query
from gongkai.indexer.snippets import compile_terms, find_matches

#: At most this many words or phrases of a query are marked (a pasted paragraph is not a list of 200 regexes).
MAX_TERMS = 20


@dataclass(frozen=True)
class QueryMarks:
    """The compiled words of one query; `spans(text)` is what to mark in `text` (gongkai.search_types.TextMarks)."""

    patterns: tuple[re.Pattern[str], ...] = ()

    def spans(self, text: str) -> list[tuple[int, int]]:
        if not self.patterns or not text:
            return []
        return [(start, end) for start, end, _ in find_matches(text, list(self.patterns))]


def query_marks(query: str) -> QueryMarks:
    return QueryMarks(tuple(compile_terms(highlight_terms(parse_query(query))[:MAX_TERMS]))) if query else QueryMarks()
