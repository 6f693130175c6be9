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

import heapq
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import tantivy
from tantivy import Occur, Query

from gongkai.indexer.ranking import DEMOTED_STATUSES, Demotion
from gongkai.indexer.schema import SAMPLE_SLOTS, decode_payload
from gongkai.record import KINDS
from gongkai.search_types import FACET_NAMES

FACET_SIZE = 50
#: A sample estimate is taken instead of candidates' counts only when the sample holds at least this many records (about
#: ±4.5%, 1/√500): search_index's work-keyed sampling (search.sample_counts_work). Below it the candidates are counted
#: too, after the sample: at 1,000,000 records 思明区停电's sample (580) and candidates (9,277) cost 4.3 ms each.
SAMPLE_FLOOR = 500
#: A relaxed step's candidates are counted in one sample slot first (count's `in_slot`) only when the term dictionary allows
#: at least this many of them (segment_query.Plan.most_candidates, an upper bound): the slot's walk costs a fifth to a third
#: of the candidates' (qspeed5, 36 relaxed steps at 100,000 records), wasted where the slot then holds fewer than
#: SAMPLE_FLOOR. Their bound ran 1.1-7x over their count (3.0-1.1x for those above 8,000); 4x the floor's misses one.
SLOT_FIRST_ABOVE = 4 * SAMPLE_SLOTS * SAMPLE_FLOOR
#: Candidates read beyond those wanted, for the ones the phrase check turns away; then once more, wider.
CHECK_MARGIN = 10
CHECK_ROUNDS = (1, 4)  # each round reads (wanted × this + CHECK_MARGIN) candidates
#: A page ending deeper than this (not re-ranked) is found by the query itself: its candidates' check would read
#: as many payloads as the page is deep.
CHECKED_DEPTH = 200


#: Bounds are widened by this share: tantivy computes scores in 32-bit floats.
BOUND_MARGIN = 0.01
BM25_K1 = 1.2  # tantivy's
#: Two sums of the same 32-bit parts in another order differ by less than this share.
FLOAT_NOISE = 1e-5
#: Those holding a bonus are searched first only when the query matches at least this many records and at
#: most 1/BONUS_SHARE of them hold a bonus (both estimated from doc_freq): that search walks every record
#: holding a bonus and seeks the query's terms in each (at 100,000 records 財政 专项资金 绩效 评价: 8,676 of
#: 51,916, 8.0 -> 4.9 ms; 国有建设用地: 11,924 titles for 3,316 matches, 5.3 -> 6.8 ms).
BONUS_FIRST_MATCHES = 20_000
BONUS_SHARE = 4


@dataclass
class ScoreBounds:
    """A query's score as required parts plus optional bonuses. The required parts score at most `constant`
    plus each term's most (`terms`: (field, term), term_bound); each bonus matches at least every document it
    adds score to. Then the best hits can be looked for among the documents holding a bonus first."""

    terms: list[tuple[str, str]] = field(default_factory=list)
    constant: float = 0.0
    bonuses: list[Query] = field(default_factory=list)
    matches: int = 2**62  # at most this many records match (those holding the rarest term)
    held: int = 0  # at most this many records hold a bonus
    # Per bonus: the boost the query gives it (a title match's title_boost; None: no bound known, always searched
    # first) and how many records hold it at most: the rarest are searched first (best_hits' tiers).
    boosts: list[float | None] = field(default_factory=list)
    holders: list[int] = field(default_factory=list)
    # Per bonus: the (field, term)s its score is the sum of, when it is such a sum (a title's pairs); else None
    parts: list[list[tuple[str, str]] | None] = field(default_factory=list)

    def add_bonus(self, bonus: Query, holders: int, boost: float | None = None, parts: list[tuple[str, str]] | None = None) -> None:
        self.bonuses.append(bonus)
        self.boosts.append(boost)
        self.holders.append(holders)
        self.parts.append(parts)
        self.held += holders


def best_hits(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, fetch: int,
    scoring: Callable[[Query], Query] = lambda q: q, bounds: ScoreBounds | None = None,
    restrict: Callable[[Query], Query] | None = None, demotion: Demotion | None = None,
    payloads: dict[tuple[int, int], dict] | None = None, walks: Walks | None = None,
) -> list[tuple[float, tantivy.DocAddress]]:
    """The best `fetch` hits of `scoring(query)`, as searcher.search gives them. tantivy's block-max pruning skips
    nothing in a conjunction of common words (it scores every one of 520,134 candidates at 1,000,000 records),
    so with `bounds` the search runs first on the documents holding a bonus (a word in the title, the query
    as typed): when its `fetch`-th score is above the most any other document can score, those are the best
    hits of the whole query, in the same order (every document scoring as much is among them). With `demotion` (the
    `scoring`: Reads gives it for the candidates, a relaxed step's at-least-k scorer) the whole query's are found by
    demoted_top, `payloads` keeping those it read (`walks`: the query's walks kept for a deeper call)."""
    # Worth it while the holders searched are few beside the matches: the rarest bonuses' at least (issue 20: at
    # 1,000,000 records 厦门市财政局专项资金绩效评价's 15,132 titles holding 财政局, of 374,884 holding any of its words)
    cheapest = min((h for h, boost in zip(bounds.holders, bounds.boosts) if boost is not None), default=bounds.held) if bounds else 0
    if bounds is not None and bounds.bonuses and BONUS_FIRST_MATCHES <= bounds.matches >= cheapest * BONUS_SHARE:
        docs = _scored_docs(searcher)
        base = bounds.constant + sum(term_bound(searcher.doc_freq(f, t), docs) for f, t in bounds.terms)
        tiers = _tiers(searcher, schema, bounds, base)
        # the rest hold more: the full search costs less
        tiers = [(tier, outside) for tier, outside in tiers
                 if sum(bounds.holders[n] for n in tier if n < len(bounds.holders)) * BONUS_SHARE <= bounds.matches]
        reached = None  # the fetch-th score of a tier searched: each later tier (a superset) reaches at least as much
        number = 0
        while number < len(tiers):
            if reached is not None:
                # straight to the first tier that score proves (its bound is below it): the ones before it may fail
                number = next((n for n in range(number, len(tiers)) if _beats(reached, tiers[n][1])), number)
            tier, outside = tiers[number]
            held = Query.const_score_query(Query.boolean_query([(Occur.Should, bounds.bonuses[n]) for n in tier]), 0.0)
            # `restrict` (segment_query.Plan.restricted): the same scores, its optional parts restricted too (cheap to reach)
            restricted = restrict(held) if restrict is not None else Query.boolean_query([(Occur.Must, query), (Occur.Must, held)])
            hits = searcher.search(scoring(restricted), fetch, count=False).hits
            if len(hits) == fetch and _beats(hits[-1][0], outside):
                return list(hits)
            if len(hits) == fetch:
                reached = max(reached or 0.0, float(hits[-1][0]))
            number += 1
    if demotion is not None:
        return demoted_top(searcher, schema, query, fetch, demotion, {} if payloads is None else payloads, walks)
    return list(searcher.search(scoring(query), fetch, count=False).hits)


#: demoted_top searches this many times the hits wanted (one walk, whatever the depth: only the records it reads cost)
DEMOTED_DEPTH = 4
#: ... and walks this many times deeper than that, kept (`Walks`): checked_top's next round asks for at most
#: CHECK_ROUNDS[-1] times the first's depth, found in the kept walk instead of a second walk of the at-least-k scorer
#: (qspeed4: at 100,000 records 厦门市城市管理行政执法局关于违法建设查处的通告's step 7.2 ms a walk; 250 → 850 deep +0.2-0.7)
WALK_AHEAD = CHECK_ROUNDS[-1] // CHECK_ROUNDS[0]

#: ... and demoted_top reads on in a kept walk up to this many times its depth before it walks the half in force (below):
#: of 111 natural queries at 100,000 records two were proven past 250 records read, at 260 and 262 (qspeed4: a payload
#: read costs about 0.02 ms, the second walk 11-12 ms: 厦门市交通运输局关于调整公交线路的公告)
READ_FURTHER = 2

#: One search's walks of a query (by its id: the query object kept with them), deepest first: (query, depth, hits)
Walks = dict[int, tuple[Query, int, list[tuple[float, tantivy.DocAddress]]]]


def walked(searcher: tantivy.Searcher, query: Query, depth: int, walks: Walks | None) -> list[tuple[float, tantivy.DocAddress]]:
    """The best `depth` hits of `query`, as searcher.search gives them: from a deeper walk of it kept in `walks` (tantivy's
    top-k is ordered by score, then address: the best `depth` of a deeper list are those of a walk that deep), else one
    walk WALK_AHEAD times deeper, kept."""
    if walks is None:
        return list(searcher.search(query, depth, count=False).hits)
    kept = walks.get(id(query))
    if kept is None or kept[0] is not query or kept[1] < depth:
        deeper = depth * WALK_AHEAD
        kept = walks[id(query)] = (query, deeper, list(searcher.search(query, deeper, count=False).hits))
    return kept[2][:depth]


def demoted_top(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, fetch: int, demotion: Demotion,
    payloads: dict[tuple[int, int], dict], walks: Walks | None = None,
) -> list[tuple[float, tantivy.DocAddress]]:
    """The best `fetch` hits of `demotion(query)`, scores and order the same, with one walk of `query` (qspeed3: the
    two halves of ranking.demoted each walk a relaxed step's at-least-k scorer, which cannot seek: 6.3 against 12.9 ms).
    Demotion only lowers a score, so a record not read scores at most the undemoted score of the next one in the
    query's order: the records are read in that order (their payloads, which carry the status the index's validity
    field holds, kept in `payloads`: the answer reads them anyway) until `fetch` of them score more than that bound.
    Then no record not read reaches or ties the `fetch`-th, and those read are in tantivy's order (ties by address)."""
    depth = fetch * DEMOTED_DEPTH + CHECK_MARGIN
    hits = walked(searcher, query, depth, walks)
    reach = depth
    kept_walk = walks.get(id(query)) if walks is not None else None
    if kept_walk is not None and kept_walk[0] is query:  # the walk went deeper: read on in it before a second walk (below)
        reach = min(kept_walk[1], depth * READ_FURTHER)
        hits = kept_walk[2][:reach]
    every = len(hits) < reach  # every match is in hand
    scored: list[tuple[float, tantivy.DocAddress]] = []
    best: list[float] = []  # the `fetch` best scores read (a heap: the fetch-th best first)
    for number, (score, address) in enumerate(hits):
        payload = payloads.get(_address(address))
        if payload is None:
            payload = payloads[_address(address)] = decode_payload(searcher.doc(address).get_first("payload"))
        lowered = demotion.lowered(score) if payload.get("validity") in DEMOTED_STATUSES else float(score)
        scored.append((lowered, address))
        if len(best) < fetch:
            heapq.heappush(best, lowered)
        elif lowered > best[0]:
            heapq.heapreplace(best, lowered)
        bound = float(hits[number + 1][0]) if number + 1 < len(hits) else None if every else float(hits[-1][0])
        if bound is None or (len(best) == fetch and best[0] > bound):
            return sorted(scored, key=lambda hit: (-hit[0], _address(hit[1])))[:fetch]
    if every:  # no match at all
        return []
    # Not proven by the records searched: the best undemoted so many alike that their demoted half falls below the
    # records not read (read up to READ_FURTHER times the depth in a kept walk). The records in force are
    # found by the query's half in force (one walk, their own scores), the demoted ones are those read (any other
    # scores at most the last read, lowered): the two merged, when the fetch-th beats that.
    kept = searcher.search(Query.boolean_query([(Occur.Must, query), (Occur.MustNot, demotion.status())]), fetch, count=False).hits
    lowered_read = [(score, address) for score, address in scored if payloads[_address(address)].get("validity") in DEMOTED_STATUSES]
    merged = sorted([(float(score), address) for score, address in kept] + lowered_read, key=lambda hit: (-hit[0], _address(hit[1])))
    if len(merged) >= fetch and merged[fetch - 1][0] > demotion.lowered(float(hits[-1][0])):
        return merged[:fetch]
    return list(searcher.search(demotion(query), fetch, count=False).hits)  # the demoted query itself


def _beats(score: float, outside: float) -> bool:
    """Whether a score is surely above `outside` (tantivy's 32-bit scores: with a margin)."""
    return score > outside * (1 + BOUND_MARGIN) + BOUND_MARGIN


def _tiers(searcher: tantivy.Searcher, schema: tantivy.Schema, bounds: ScoreBounds, base: float) -> list[tuple[list[int], float]]:
    """The sets of bonuses whose holders are searched first, each with the most a record holding none of them can
    score: the base, plus the most each bonus left out adds (its boost times its own best score, which tantivy
    finds by block-max without scoring every holder). The rarest bonuses first (those without a known bound
    always in), each set taken while it holds at most half the holders of all of them; then all of them (the
    base alone outside). At 1,000,000 records 财政 专项资金 绩效 评价: the records with 绩效 or 评价 in the title
    rather than every one with any of the four words there (issue 20)."""
    boosts = [bounds.boosts[n] if n < len(bounds.boosts) else None for n in range(len(bounds.bonuses))]
    always = [n for n, boost in enumerate(boosts) if boost is None]
    rest = sorted((n for n, boost in enumerate(boosts) if boost is not None), key=lambda n: bounds.holders[n])
    tiers: list[tuple[list[int], float]] = []
    most: dict[int, float] = {}
    for size in range(1, len(rest)):
        tier = always + rest[:size]
        if sum(bounds.holders[n] for n in tier) * 2 > bounds.held:
            break
        for n in rest[size:]:
            if n not in most:
                most[n] = _most(searcher, schema, bounds, n, boosts[n])  # type: ignore[arg-type]
        tiers.append((tier, base + sum(most[n] for n in rest[size:])))
    tiers.append((always + rest, base))
    return tiers


def _most(searcher: tantivy.Searcher, schema: tantivy.Schema, bounds: ScoreBounds, n: int, boost: float) -> float:
    """The most bonus `n` adds to a record's score: its best score, or (a sum of term scores) the sum of each term's
    best, as much or a little more and found by block-max on each term alone, where a conjunction of common pairs
    scores every holder (at 1,000,000 records 厦门市 in 298,812 titles: 3.0 against 7.6 ms, 3.067 against 3.068)."""
    parts = bounds.parts[n] if n < len(bounds.parts) else None
    if parts is None:
        best = searcher.search(Query.boost_query(bounds.bonuses[n], boost), 1, count=False).hits
        return float(best[0][0]) if best else 0.0
    total = 0.0
    for field_name, term in parts:
        best = searcher.search(Query.term_query(schema, field_name, term), 1, count=False).hits
        if not best:
            return 0.0  # no record holds this part: none holds the bonus
        total += float(best[0][0])
    return boost * total


def union_top(
    searcher: tantivy.Searcher, query: Query, union: Query, conditional: Query | None, fetch: int,
) -> list[tuple[float, tantivy.DocAddress]]:
    """The best `fetch` hits of `query` (segment_query.Plan.union: a query of one 2-character word), found without
    scoring each of its matches: `union` is `query` without its bonuses that go to some records only
    (`conditional`: a recent notice...), a pure disjunction of term queries, whose top-k tantivy finds by
    block-WAND (at 1,000,000 records 通知 has 585,534 matches); the records holding such a bonus are searched
    apart, with `query` itself. Merged, these are the best hits of `query`: a record without the bonuses scores
    the same in both, so if it is among the best of `query` it is among the best of `union` (every record
    scores at least as much in `query`); a record holding one is among the best of those holding one. A record
    of the first list that holds one has the lower score there: when it is not among the best of the second,
    `fetch` records score more than it does, so it falls off the merged list too."""
    hits = {_address(address): (float(score), address) for score, address in searcher.search(union, fetch, count=False).hits}
    if conditional is not None:
        holding = Query.boolean_query([(Occur.Must, query), (Occur.Must, Query.const_score_query(conditional, 0.0))])
        hits.update({_address(address): (float(score), address) for score, address in searcher.search(holding, fetch, count=False).hits})
    ranked = sorted(hits.values(), key=lambda hit: (-hit[0], _address(hit[1])))  # tantivy's order: ties by address
    return ranked[:fetch]


def term_bound(doc_freq: int, docs: int) -> float:
    """The most a term of this document frequency can score: tantivy's BM25 is idf × (1 + k1) × tf / (tf + k1 ×
    length norm), below idf × (1 + k1) (tantivy's own maximum for block-max pruning)."""
    return (1 + BM25_K1) * math.log(1 + (docs - doc_freq + 0.5) / (doc_freq + 0.5))


def _scored_docs(searcher: tantivy.Searcher) -> int:
    """The N of tantivy's idf: every document of the segments, deleted ones too (num_docs leaves those out).
    Every document has one kind and doc_freq counts deleted documents, so the kinds' doc_freqs sum to it."""
    return max(searcher.num_docs, sum(searcher.doc_freq("kind", kind) for kind in KINDS))


@dataclass
class Counts:
    total: int
    facets: dict[str, dict[str, int]]  # only "kind" when the request asked for no facets
    exact: bool = True  # False: counted on the candidates, an upper bound (more than the exact-count limit)

    def plus(self, other: Counts) -> Counts:
        """These counts and another set's (records counted in neither twice), as a new Counts."""
        facets = {name: dict(values) for name, values in self.facets.items()}
        for name, values in other.facets.items():
            merged = facets.setdefault(name, {})
            for key, n in values.items():
                merged[key] = merged.get(key, 0) + n
        return Counts(self.total + other.total, facets, self.exact and other.exact)


def _address(address: tantivy.DocAddress) -> tuple[int, int]:
    return address.segment_ord, address.doc


#: What a candidate must hold: queries (at least `needed` of them), or a function giving them restricted to some records.
Parts = Sequence[Query] | Callable[[Query], Sequence[Query]]
Round = tuple[list[tuple[float, tantivy.DocAddress]], list[dict], set[tuple[int, int]]]


class Reads:
    """One search's reads of candidates: the best ones, their payloads, those passing the check. Kept so that
    the relaxed step-down's "does anything match at k segments?" and the answer at k read them once."""

    def __init__(self, demotion: Demotion | None = None) -> None:
        self._rounds: dict[tuple[int, int], tuple[Query, Round]] = {}
        # the candidates' best found undemoted, demoted after (best_hits' demoted_top): the payloads it read; only with a
        # factor that scales scores exactly (Demotion.exact), else the demoted query itself
        self._demotion = demotion if demotion is not None and demotion.exact else None
        self._payloads: dict[tuple[int, int], dict] = {}
        self._walks: Walks = {}  # demoted_top's walks of candidates: a second round reads deeper in the first's
        # per candidates query (its id: kept in _rounds), the most of its parts a candidate read holds, checked (most_read)
        self._most: dict[int, int] = {}

    def round(
        self, searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, candidates: Query, fetch: int,
        scoring: Callable[[Query], Query], parts: Parts, needed: int, bounds: ScoreBounds | None = None,
        restrict: Callable[[Query], Query] | None = None,
    ) -> Round:
        key = (id(candidates), fetch)  # the query object is kept with its round: its id is not reused meanwhile
        if key not in self._rounds:
            demotion = self._demotion if self._demotion is not None and scoring is self._demotion else None
            found = best_hits(searcher, schema, candidates, fetch, scoring, bounds, restrict, demotion, self._payloads, self._walks)
            # a shallower round of the same candidates read the first of them (the same best first, in the same order):
            # their payloads and checks are kept, only the others read (qspeed2: a second round checked 210 records again)
            read, payloads, passed = 0, [], set()
            for (kept, (earlier, old_payloads, old_passed)) in self._rounds.values():
                if kept is candidates and len(earlier) > read and [_address(a) for _, a in earlier] == [_address(a) for _, a in found[: len(earlier)]]:
                    read, payloads, passed = len(earlier), list(old_payloads), set(old_passed)
            fresh = [self._payloads.get(_address(address)) or decode_payload(searcher.doc(address).get_first("payload"))
                     for _, address in found[read:]]
            ids = [p["id"] for p in fresh]
            if parts and ids:
                held = _held(searcher, schema, ids, parts)
                passed |= {address for address, number in held.items() if number >= needed}
                self._most[id(candidates)] = max(self._most.get(id(candidates), 0), max(held.values(), default=0))
            else:
                passed |= _passing(searcher, schema, query, ids, parts, needed)
            self._rounds[key] = (candidates, (found, payloads + fresh, passed))
        return self._rounds[key][1]

    def most_read(self, candidates: Query) -> int:
        """The most of their parts any candidate of `candidates` read by a round holds, checked (0: none read). A relaxed
        step-down whose probe at k found no record holding k learns from it that some record holds this many (qspeed6)."""
        return self._most.get(id(candidates), 0)


def checked_top(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, candidates: Query, want: int,
    scoring: Callable[[Query], Query] = lambda q: q, parts: Parts = (), needed: int = 0,
    reads: Reads | None = None, bounds: ScoreBounds | None = None, rescore: Callable[[Query], Query] | None = None,
    restrict: Callable[[Query], Query] | None = None, summed: Callable[[Query], Query] | None = None,
    seen: Checked | None = None,
) -> list[tuple[float, tantivy.DocAddress, dict]] | None:
    """The best `want` hits of `query` as (score, address, payload), found among the best candidates; None
    when too many of those fail the check (the caller then runs `query` itself).

    The candidates are read in score order; the ones `query` also matches keep that order and score, so the
    first `want` of them are the best `want` hits of `query` (or all of them when the candidates run out).
    Their payloads are read anyway for the re-ranking; the check is a search restricted to their ids: of
    `query`, or (`parts`) of each part, a candidate passing when it matches at least `needed` parts (the
    candidates already hold whatever else `query` requires). `summed` (segment_query.Plan.summed, a relaxed step): the
    kept candidates are scored by their parts restricted to them instead of by `rescore`, which walks every record
    holding a segment (the at-least-k scorer has no seek). The same parts, which tantivy adds in another order: equal to
    FLOAT_NOISE, so the `want`-th must score more than any candidate not read by more than that; records tying within it
    are taken in tantivy's order of ties (by address), and the pages past the window leave its records out
    (search_index._past_window) rather than count on the query's own order to agree. `seen`: given every checked
    record the answering round kept, past `want` too, and the bound on those it did not read (Checked)."""
    want = max(1, want)
    reads = reads or Reads()
    for factor in CHECK_ROUNDS:
        fetch = want * factor + CHECK_MARGIN
        found, payloads, passed = reads.round(searcher, schema, query, candidates, fetch, scoring, parts, needed, bounds, restrict)
        kept = [(float(score), address, payload) for (score, address), payload in zip(found, payloads)
                if _address(address) in passed]
        if rescore:
            # Candidates may score above the query (a bonus given unchecked): the kept ones scored by the query itself
            # are its best when the want-th of them scores more than any candidate not read (at most the last read),
            # or, none of them scoring less than as a candidate, as without the bonus (ties: in tantivy's order).
            only = ids_query(schema, [payload["id"] for _, _, payload in kept])
            loose = {_address(address): score for score, address, _ in kept}
            # (summed: the parts restricted to them, in another order than tantivy's walk adds them: scores to FLOAT_NOISE)
            kept = _rescored(searcher, schema, (summed or rescore)(only), kept, scoring)
            noise = FLOAT_NOISE if summed is not None else 0.0
            lowered = any(score < loose[_address(address)] * (1 - FLOAT_NOISE) for score, address, _ in kept)
            if len(found) < fetch or (len(kept) >= want and (not lowered or kept[want - 1][0] > float(found[-1][0]) * (1 + noise))):
                return _seen(kept, found, fetch, seen)[:want]
            continue
        if len(kept) >= want or len(found) < fetch:  # enough, or every candidate was seen
            return _seen(kept, found, fetch, seen)[:want]
    return None


@dataclass
class Checked:
    """What checked_top's answering round read: every candidate it kept, checked, in its answer's order and scores
    (`kept`, past the best asked for too), and the most any record it did not read can score (`beyond`: the last
    candidate read's score, which a match never exceeds; None: every candidate was read). A tie group at the window's
    edge is then found among them (ties.window_of's `deeper`) instead of by a second search of the query, a relaxed
    step's at-least-k walk (ties2: 交通运输局关于调整公交线路的公告 46 → 104 ms of CPU at 100,000 records for it)."""

    kept: list[tuple[float, tantivy.DocAddress, dict]] = field(default_factory=list)
    beyond: float | None = math.inf  # (nothing read yet: no score is known to be held)

    def holds_every(self, score: float) -> bool:
        """Whether every record scoring `score` is among `kept`: a record not read scores at most `beyond` (as the
        query: a kept record's score may be its parts summed, FLOAT_NOISE apart, so with that margin)."""
        return self.beyond is None or score > self.beyond * (1 + FLOAT_NOISE)


def _seen(
    kept: list[tuple[float, tantivy.DocAddress, dict]], found: list[tuple[float, tantivy.DocAddress]], fetch: int,
    seen: Checked | None,
) -> list[tuple[float, tantivy.DocAddress, dict]]:
    """`kept`, recorded in `seen` with the bound on the candidates not read (`found`: the round's, `fetch` asked)."""
    if seen is not None:
        seen.kept = list(kept)
        seen.beyond = float(found[-1][0]) if len(found) >= fetch else None
    return kept


def _rescored(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, kept: list[tuple[float, tantivy.DocAddress, dict]],
    scoring: Callable[[Query], Query] = lambda q: q,
) -> list[tuple[float, tantivy.DocAddress, dict]]:
    """`kept` with the scores `scoring(query)` gives them, in its order; `query`: the query restricted to records of
    given ids (segment_query.Plan.restricted, which gives each the query's own score). A demotion that scales exactly
    (ranking.Demotion.exact) is applied after one search, by the status each payload carries, as demoted_top does: each
    half of ranking.demoted searched the query again (qspeed7: at 100,000 records an outage question's day bonuses walk
    their phrases of common characters, 12月9日, from each record asked about to their next match, 36 of its 42 ms in
    思明区莲花新村明天几点开始停电, half of it the second half's)."""
    if not kept:
        return kept
    after = scoring if isinstance(scoring, Demotion) and scoring.exact else None
    hits = searcher.search(query if after is not None else scoring(query), len(kept), count=False).hits
    scores = {_address(address): float(score) for score, address in hits}
    if after is not None:
        lowered = {_address(address) for _, address, payload in kept if payload.get("validity") in DEMOTED_STATUSES}
        scores = {address: after.lowered(score) if address in lowered else score for address, score in scores.items()}
    rescored = [(scores[_address(address)], address, payload) for _, address, payload in kept if _address(address) in scores]
    return sorted(rescored, key=lambda hit: (-hit[0], _address(hit[1])))


def ids_query(schema: tantivy.Schema, ids: Sequence[str]) -> Query:
    """The records of these ids, scoring 0: a union of term queries, not a term set, which marks its matches in a
    bit set as large as the index (at 100,000 records 0.35 against 0.08 ms for 60 ids; the set grows with the index)."""
    return Query.const_score_query(Query.boolean_query([(Occur.Should, Query.term_query(schema, "id", i)) for i in ids]), 0.0)


def _passing(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, ids: list[str], parts: Parts = (), needed: int = 0,
) -> set[tuple[int, int]]:
    """The addresses, among the records of `ids`, that `query` matches (or at least `needed` of `parts`)."""
    if not ids:
        return set()
    if not parts:
        return set(_matching(searcher, query, ids_query(schema, ids), len(ids)))
    return {address for address, count in _held(searcher, schema, ids, parts).items() if count >= needed}


def _matching(searcher: tantivy.Searcher, query: Query, only: Query, most: int) -> list[tuple[int, int]]:
    hits = searcher.search(Query.boolean_query([(Occur.Must, query), (Occur.Must, only)]), most, count=False).hits
    return [_address(address) for _, address in hits]


def _held(searcher: tantivy.Searcher, schema: tantivy.Schema, ids: list[str], parts: Parts) -> Counter[tuple[int, int]]:
    """How many of `parts` each record of `ids` matches (those matching none left out): one search of the parts, each
    scoring 1 (qspeed4: a search per part cost 0.3-1.9 ms at 100,000 records, 30 of them for a pasted title's two rounds)."""
    only = ids_query(schema, ids)
    if callable(parts):  # segment_query.Plan.checks_within: each part restricted to these records itself
        parts = parts(only)
    else:
        parts = [Query.boolean_query([(Occur.Must, part), (Occur.Must, only)]) for part in parts]
    if not parts:
        return Counter()
    counting = Query.boolean_query([(Occur.Should, Query.const_score_query(part, 1.0)) for part in parts])
    # a sum of a few 1.0s: exact in tantivy's 32-bit floats
    return Counter({_address(address): round(score) for score, address in searcher.search(counting, len(ids), count=False).hits})


def most_held(
    searcher: tantivy.Searcher, schema: tantivy.Schema, coverage: Query, parts: Parts, fetch: int,
) -> int | None:
    """The most of `parts` (a relaxed step's segments, checked) any record matches, when the best `fetch` records of
    `coverage` (each record scored by how many of them it holds unchecked: Plan.coverage, at least as many) prove it:
    the most of those records holds at least as many as the `fetch`-th holds unchecked, so no record not read holds
    more. None when they do not prove it. Where the most a record holds unchecked is not held checked by any (a word's
    characters held apart), this replaces the relaxed step-down's binary search, whose every probe walks the union of
    the words (tantivy's at-least-k scorer cannot skip: 16-28 ms each at 100,000 records, qspeed2)."""
    hits = searcher.search(coverage, fetch, count=False).hits
    if not hits:
        return 0
    ids = [decode_payload(searcher.doc(address).get_first("payload"))["id"] for _, address in hits]
    best = max(_held(searcher, schema, ids, parts).values(), default=0)
    unread = round(float(hits[-1][0])) if len(hits) == fetch else 0  # a record not read holds at most this many
    return best if best >= unread else None


def any_match(
    searcher: tantivy.Searcher, schema: tantivy.Schema, query: Query, candidates: Query | None,
    parts: Parts = (), needed: int = 0, want: int = 0, scoring: Callable[[Query], Query] = lambda q: q,
    reads: Reads | None = None, bounds: ScoreBounds | None = None, restrict: Callable[[Query], Query] | None = None,
) -> bool:
    """Whether any record matches `query`: no candidate, no match; a checked one among the best few, a match;
    else the query itself (its best hit: tantivy has no cheaper existence test). With `reads` and the
    `want` and `scoring` of a later checked_top, that one finds the candidates read here."""
    if candidates is not None:
        fetch = want + CHECK_MARGIN
        found, _, passed = (reads or Reads()).round(searcher, schema, query, candidates, fetch, scoring, parts, needed, bounds, restrict)
        if passed:
            return True
        if len(found) < fetch:
            return False
    return bool(searcher.search(query, 1, count=False).hits)


def count(
    searcher: tantivy.Searcher, query: Query, candidates: Query | None, facets: bool, exact_limit: int,
    sample: Query | None = None, sample_above: int = 0, recount: Query | None = None, work: int = 0, work_limit: int = 0,
    read_below: int = 0, in_slot: Query | None = None,
) -> Counts:
    """The total and (when `facets`) the facet counts of `query`. Every document has exactly one kind, so
    the total is the sum of the kind counts. With candidates: counted on them first (cheap); when they are
    at most `exact_limit`, counted again on `query` itself (exact), else the candidates' counts stand.

    With `sample` (the records of one sample slot: the caller expects more than `sample_above` matches), the
    counts are those of the sample times SAMPLE_SLOTS, approximate, when they come to more than `sample_above`:
    a count walks every match, and at 1,000,000 records a common word has over half a million (issue 20).

    `work` (segment_query.Plan.check_work): the records the exact count's phrase checks read, however few the
    candidates (tantivy walks a phrase from each candidate to its next match); above `work_limit` the candidates'
    counts stand too, approximate (issue 20: `湖滨南路 停电` at 1,000,000 records read 湖滨南路's phrase in 32,695
    records for 2,302 matches, 22 of its 38 ms).

    `in_slot` (a relaxed step: segment_query.Plan.candidates_within one sample slot): the candidates of that slot, reached
    without the at-least-k walk of every record holding a word. When the slot holds at least SAMPLE_FLOOR of them and
    they scale above `exact_limit` (the counts would be the candidates' anyway, approximate), the counts are the slot's
    times SAMPLE_SLOTS (qspeed5: at 100,000 records a step of 53,080 candidates 15 ms of walk, its slot about 1 ms)."""
    request = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in (FACET_NAMES if facets else ("kind",))}
    if sample is not None:
        within = Query.boolean_query([(Occur.Must, candidates if candidates is not None else query), (Occur.Must, sample)])
        sampled = {name: {key: value * SAMPLE_SLOTS for key, value in counts.items()}
                   for name, counts in _aggregate(searcher, within, request).items()}
        total = sum(sampled["kind"].values())
        if total > sample_above:
            return Counts(total, sampled, exact=False)
    if in_slot is not None and candidates is not None:
        slot = _aggregate(searcher, in_slot, request)
        held = sum(slot["kind"].values())
        if held >= SAMPLE_FLOOR and held * SAMPLE_SLOTS > exact_limit:
            scaled = {name: {key: value * SAMPLE_SLOTS for key, value in counts.items()} for name, counts in slot.items()}
            return Counts(held * SAMPLE_SLOTS, scaled, exact=False)
    if candidates is not None:
        loose = _aggregate(searcher, candidates, request)
        total = sum(loose["kind"].values())
        if total > exact_limit or (total and 0 < work_limit < work) or 0 < total < read_below:
            # (`read_below`: fewer candidates than the best hits read, each checked there: the caller counts those
            # passing exactly, count_found, without this walk of every record holding a word: qspeed2)
            return Counts(total, loose, exact=False)
    # `recount`: the same matches as `query`, found in the candidates (segment_query.Plan.recount: cheaper)
    counted = _aggregate(searcher, recount if candidates is not None and recount is not None else query, request)
    return Counts(sum(counted["kind"].values()), counted)


def count_found(searcher: tantivy.Searcher, schema: tantivy.Schema, ids: list[str], facets: bool) -> Counts:
    """The counts of a query whose every match is in hand (it found no more than its hits): aggregated over
    those records alone (their ids), not by walking the query once more (a 文号's phrase over every record
    holding its characters and numbers: half of an identifier query's cost at 1,000,000 records)."""
    request = {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in (FACET_NAMES if facets else ("kind",))}
    counted = _aggregate(searcher, ids_query(schema, ids), request) if ids else {name: {} for name in request}
    return Counts(sum(counted["kind"].values()), counted)


def _aggregate(searcher: tantivy.Searcher, query: Query, request: dict) -> dict[str, dict[str, int]]:
    result = searcher.aggregate(query, request)
    return {
        name: {str(bucket["key"]): int(bucket["doc_count"]) for bucket in result.get(name, {}).get("buckets", [])}
        for name in request
    }
