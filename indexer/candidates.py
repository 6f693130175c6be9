"""Broad queries without checking every match: the candidates first, the phrase check only where it decides.

A word of 3 or more Han characters matches where its characters stand as a phrase; the index finds
documents holding its character pairs cheaply (all_bigrams), and checks the phrase by reading the
positions of every character of it in each candidate: at 100,000 records that check is most of the cost
of a broad query (財政专项资金绩效评价: 51,875 matches, about 26 ms of CPU for the check against 5 ms for
the pairs, and it ran twice: once for the best hits, once for the counts).

The query without the checks (segment_query.Plan.candidates) matches a superset and scores every document
it shares with the checked query alike (query_builder._substring_query: the pairs score, the phrase only
checks), so:

- the best hits: the best candidates in order, the checked query run on those alone (`checked_top`);
- whether any record matches (relaxed step-down, did-you-mean): the same on a few candidates (`any_match`);
- the total and the facets (`count`): exact up to `search.exact_count_limit` candidates; above it, those of
  the candidates, an upper bound, and the answer says so (SearchResponse.approximate).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import tantivy
from tantivy import Occur, Query

from gongkai.indexer.schema import decode_payload
from gongkai.search_types import FACET_NAMES

FACET_SIZE = 50
#: Candidates read beyond those wanted, for the ones the phrase check turns away; then once more, wider.
CHECK_MARGIN = 10
CHECK_ROUNDS = (1, 4)  # each round reads (wanted × this + CHECK_MARGIN) candidates


@dataclass
class Counts:
    total: int
    facets: dict[str, dict[str, int]]  # only "kind" when the request asked for no facets
    exact: bool = True  # False: counted on the candidates, an upper bound (more than the exact-count limit)


def _address(address: tantivy.DocAddress) -> tuple[int, int]:
    return address.segment_ord, address.doc


Round = tuple[list[tuple[float, tantivy.DocAddress]], list[dict], set[tuple[int, int]]]


class Reads:
    """One search's reads of candidates: the best ones, their payloads, those passing the check. Kept so that
    the relaxed step-down's "does anything match at k segments?" and the answer at k read them once."""

    def __init__(self) -> None:
        self._rounds: dict[tuple[int, int], tuple[Query, Round]] = {}

    def round(
        self, searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, candidates: Query, fetch: int,
        scoring: Callable[[Query], Query], parts: Sequence[Query], needed: int,
    ) -> Round:
        key = (id(candidates), fetch)  # the query object is kept with its round: its id is not reused meanwhile
        if key not in self._rounds:
            found = searcher.search(scoring(candidates), fetch, count=False).hits
            payloads = [decode_payload(searcher.doc(address).get_first("payload")) for _, address in found]
            passed = _passing(searcher, schema, query, [p["id"] for p in payloads], parts, needed)
            self._rounds[key] = (candidates, (found, payloads, passed))
        return self._rounds[key][1]


def checked_top(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, candidates: Query, want: int,
    scoring: Callable[[Query], Query] = lambda q: q, parts: Sequence[Query] = (), needed: int = 0,
    reads: Reads | None = None,
) -> list[tuple[float, tantivy.DocAddress, dict]] | None:
    """The best `want` hits of `query` as (score, address, payload), found among the best candidates; None
    when too many of those fail the check (the caller then runs `query` itself).

    The candidates are read in score order; the ones `query` also matches keep that order and score, so the
    first `want` of them are the best `want` hits of `query` (or all of them when the candidates run out).
    Their payloads are read anyway for the re-ranking; the check is a search restricted to their ids: of
    `query`, or (`parts`) of each part, a candidate passing when it matches at least `needed` parts (the
    candidates already hold whatever else `query` requires)."""
    want = max(1, want)
    reads = reads or Reads()
    for factor in CHECK_ROUNDS:
        fetch = want * factor + CHECK_MARGIN
        found, payloads, passed = reads.round(searcher, schema, query, candidates, fetch, scoring, parts, needed)
        kept = [(float(score), address, payload) for (score, address), payload in zip(found, payloads)
                if _address(address) in passed]
        if len(kept) >= want or len(found) < fetch:  # enough, or every candidate was seen
            return kept[:want]
    return None


def _passing(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, ids: list[str], parts: Sequence[Query] = (), needed: int = 0,
) -> set[tuple[int, int]]:
    """The addresses, among the records of `ids`, that `query` matches (or at least `needed` of `parts`)."""
    if not ids:
        return set()
    only = Query.const_score_query(Query.term_set_query(schema, "id", ids), 0.0)

    def matching(q: Query) -> list[tuple[int, int]]:
        hits = searcher.search(Query.boolean_query([(Occur.Must, q), (Occur.Must, only)]), len(ids), count=False).hits
        return [_address(address) for _, address in hits]

    if not parts:
        return set(matching(query))
    held = Counter(address for part in parts for address in matching(part))
    return {address for address, count in held.items() if count >= needed}


def any_match(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, candidates: Query | None,
    parts: Sequence[Query] = (), needed: int = 0, want: int = 0, scoring: Callable[[Query], Query] = lambda q: q,
    reads: Reads | None = None,
) -> bool:
    """Whether any record matches `query`: no candidate, no match; a checked one among the best few, a match;
    else the query itself (its best hit: tantivy has no cheaper existence test). With `reads` and the
    `want` and `scoring` of a later checked_top, that one finds the candidates read here."""
    if candidates is not None:
        fetch = want + CHECK_MARGIN
        found, _, passed = (reads or Reads()).round(searcher, schema, query, candidates, fetch, scoring, parts, needed)
        if passed:
            return True
        if len(found) < fetch:
            return False
    return bool(searcher.search(query, 1, count=False).hits)


def count(
    searcher: tantivy.Searcher, query: Query, candidates: Query | None, facets: bool, exact_limit: int,
) -> Counts:
    """The total and (when `facets`) the facet counts of `query`. Every document has exactly one kind, so
    the total is the sum of the kind counts. With candidates: counted on them first (cheap); when they are
    at most `exact_limit`, counted again on `query` itself (exact), else the candidates' counts stand."""
    request = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in (FACET_NAMES if facets else ("kind",))}
    if candidates is not None:
        loose = _aggregate(searcher, candidates, request)
        total = sum(loose["kind"].values())
        if total > exact_limit:
            return Counts(total, loose, exact=False)
    counted = _aggregate(searcher, query, request)
    return Counts(sum(counted["kind"].values()), counted)


def _aggregate(searcher: tantivy.Searcher, query: Query, request: dict) -> dict[str, dict[str, int]]:
    result = searcher.aggregate(query, request)
    return {
        name: {str(bucket["key"]): int(bucket["doc_count"]) for bucket in result.get(name, {}).get("buckets", [])}
        for name in request
    }
