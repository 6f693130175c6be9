"""Tantivy queries for understood clauses (understand.py): each segment a substring, plus the ranking bonuses.

    strict:   every required segment must match (Must), in any order, at any distance
    relaxed:  at least `minimum` of them (minimum_number_should_match), when strict finds nothing
    bonuses (Should, they only add score): the whole clause as typed (a phrase), a place or company
    name in a notice (entity intent), a recent notice (recency tiers).

Each segment keeps the index's rules (query_builder._substring_query): its characters as a phrase,
the Han pairs as the cheap candidate filter, its title match boosted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import tantivy
from tantivy import Occur, Query

from gongkai.asked_days import take_days
from gongkai.dates import beijing_today
from gongkai.identifiers import normalize_doc_number
from gongkai.indexer.analysis import han_bigrams, positioned_tokens
from gongkai.indexer.candidates import ScoreBounds, term_bound
from gongkai.indexer.printed_days import DAY_ALONE_LEAD_DAYS, in_words
from gongkai.indexer.query import Clause
from gongkai.indexer.query_builder import (
    ASCII_PART_MAX,
    ASCII_PART_MIN,
    KnownIdentifier,
    _substring_query,
    _tokens_query,
    any_of,
    checks_pairs,
    combine,
    filter_queries,
    loosens,
    place_clause,
    text_query,
    title_query,
)
from gongkai.indexer.ranking import AskedDay
from gongkai.indexer.schema import TITLE_BOOST, day_number
from gongkai.indexer.understand import Segment, Understood, with_parts
from gongkai.outage_question import UTILITY_WORDS
from gongkai.settings import RankingSettings
from gongkai.textnorm import fold

#: Recency tiers, in half-lives: a notice younger than each tier gets one more share of the recency bonus.
#: One tier: each is a range query over every notice, which costs about 0.3 ms at 20,000 records.
RECENCY_TIERS = (1.0,)
#: A letter/digit run alone matched as a part of longer runs (a regex over the term dictionary) scores a constant 1 a
#: field where a word scores BM25 (a word in one record of 2,000 to 1,000,000 has an idf of 7 to 13), so it is
#: scored as such a rare word; else a relaxed answer ranked every record holding a common word above the one
#: holding the run (civil3d2015下载: 93 titles with 下载 before autodeskautocadcivil3d2015sp1).
ASCII_PART_SCORE = 10.0
#: Added where the run stands whole (a term of its own): a tie-breaker among the records the pattern finds, not a
#: BM25 score (a common run such as 30 would then outweigh the rare word the pattern is scored as).
ASCII_WHOLE_BONUS = 1.0
#: A date typed in the query also matches a record published that day, with this score.
PUBLISH_DAY_SCORE = 1.0


def side_patterns(tokens: list[tuple[int, str]], open_left: bool, open_right: bool) -> list[str] | None:
    """Regexes when an ASCII run at an open side of the segment may continue in the text, else None."""
    patterns = [re.escape(t) for _, t in tokens]
    widened = False
    first, last = tokens[0][1], tokens[-1][1]
    if open_left and first.isascii() and ASCII_PART_MIN <= len(first) <= ASCII_PART_MAX:
        patterns[0], widened = ".*" + patterns[0], True
    if open_right and last.isascii() and ASCII_PART_MIN <= len(last) <= ASCII_PART_MAX:
        patterns[-1], widened = patterns[-1] + ".*", True
    return patterns if widened else None


#: The number of documents holding a term: (field, term) -> count. Given by the searcher.
DocFreq = Callable[[str, str], int]


def _dictionary_terms(tokens: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """The (field, term) pairs the term dictionary counts a form of a segment by: its Han pairs in `all_bigrams`, then its
    whole terms in `all_text` (an ASCII run a pattern may widen, ASCII_PART_MIN to ASCII_PART_MAX long, is no whole
    term). A record holding the form holds each; what _possible_forms, possible and _records_holding read."""
    return [("all_bigrams", pair) for pair in han_bigrams(tokens)] + [
        ("all_text", t) for _, t in tokens if not t.isascii() or not (ASCII_PART_MIN <= len(t) <= ASCII_PART_MAX)]


def _possible_forms(segment: Segment, doc_freq: DocFreq | None) -> list[str]:
    """The segment's forms that some record could hold: each distinct token sequence once, and without a
    form one of whose Han pairs or whole terms no record has (a union of phrase queries is costly:
    营业执照 | 营业证照 | 工商执照 costs three phrase checks per candidate). The first form always stays."""
    forms: list[str] = []
    seen: set[tuple[tuple[int, str], ...]] = set()
    for number, text in enumerate(segment.alternatives):
        tokens = positioned_tokens(text)
        key = tuple(tokens)  # with positions: 闽D·A1234 (a gap at the dot) and 闽D A1234 (none) are two forms
        if not tokens or key in seen:
            continue
        seen.add(key)
        if number and doc_freq is not None and any(doc_freq(field, term) == 0 for field, term in _dictionary_terms(tokens)):
            continue
        forms.append(text)
    return forms


def _abbreviation_query(schema: tantivy.Schema, segment: Segment, ranking: RankingSettings) -> Query:
    """The characters of the segment in order, at most `slop` apart (no Han pair to filter on: the last resort)."""
    words: list[str | tuple[int, str]] = [(position, token) for position, token in positioned_tokens(segment.text)]
    in_text = Query.phrase_query(schema, "all_text", words, slop=segment.slop)
    in_title = Query.boost_query(Query.phrase_query(schema, "title", words, slop=segment.slop), ranking.title_boost)
    return Query.boolean_query([(Occur.Must, in_text), (Occur.Should, in_title)])


def possible(segment: Segment, doc_freq: DocFreq) -> bool:
    """Whether some record could hold the segment (in one of its forms, or by its publication day)."""
    if segment.day is not None or segment.identifier is not None:
        return True
    if segment.slop:
        return all(doc_freq("all_text", t) for _, t in positioned_tokens(segment.text))
    for text in segment.alternatives:
        tokens = positioned_tokens(text)
        if tokens and all(doc_freq(field, term) for field, term in _dictionary_terms(tokens)):
            return True
    return False


#: Where records print the word typed, another word of its synonym group scores this share of it (search15: 翔安棚户区改造
#: 房屋征收 listed the 集体土地征收 notice, whose rarer 土地征收 outscored it, above the 房屋征收 one): a record printing the
#: word typed goes first, and one printing only another word of its group (土地征收 for 房屋征收) is still found.
SYNONYM_FORM_FACTOR = 0.7


def segment_query(
    schema: tantivy.Schema, segment: Segment, known: KnownIdentifier | None, ranking: RankingSettings,
    doc_freq: DocFreq | None = None, checked: bool = True, within: Query | None = None,
) -> Query | None:
    """Any alternative of the segment as a substring (an identifier also as its exact field); `checked`
    False: a word's phrase is not checked (the candidates: query_builder._substring_query). `within`: each
    alternative restricted to its records (scoring 0): a union of alternatives reached at a few far records
    (tantivy's union fills a window of 4,096 documents at each jump) costs as much as walking it."""
    if segment.slop:
        return _within(_abbreviation_query(schema, segment, ranking), within)
    alternatives: list[Query] = []
    forms = _possible_forms(segment, doc_freq)
    if segment.identifier is not None:
        for text in forms:
            query = text_query(schema, Clause(text, identifier=segment.identifier), known)
            if query is not None:
                alternatives.append(query)
    else:
        parts = segment.alternatives[len(segment.alternatives) - segment.parts :] if segment.parts else ()
        # the word typed goes first where records print it; where none can (社保卡: notices print 社会保障卡), its
        # synonyms are the word and score whole
        typed_first = segment.said_otherwise and (doc_freq is None or all(
            doc_freq(field, term) > 0 for field, term in _dictionary_terms(positioned_tokens(segment.text))))
        for text in forms:
            tokens = positioned_tokens(text)
            if tokens:
                patterns = side_patterns(tokens, segment.open_left, segment.open_right)
                query = _substring_query(schema, tokens, widen=False, title_boost=ranking.title_boost, patterns=patterns,
                                         checked=checked)
                if patterns is not None:
                    if len(tokens) == 1:  # a term-dictionary pattern scores 1 a match, not BM25: scored as a rare word
                        query = Query.boost_query(query, ASCII_PART_SCORE)
                    # A run with more (12月, pf技巧) is a regex phrase, which tantivy scores by BM25 already (the idfs
                    # of the run's expansions summed): boosted too, 12月 in a title scored 660 against 46 for a
                    # record holding 7日 and 停电 of 12月7日停电.
                    # the run standing whole in a text (街头篮球pf技巧) goes before one inside a longer run (…pfjy…)
                    whole = _substring_query(schema, tokens, widen=False, title_boost=ranking.title_boost, checked=checked)
                    query = Query.boolean_query([(Occur.Should, query), (Occur.Should, Query.const_score_query(whole, ASCII_WHOLE_BONUS))])
                if text in parts:  # a part of a compound holds the word partly: it scores so (ranking.part_credit)
                    query = Query.boost_query(query, ranking.part_credit)
                elif typed_first and text != segment.text:  # another word of its synonym group: below the word typed
                    query = Query.boost_query(query, SYNONYM_FORM_FACTOR)
                alternatives.append(query)
    if segment.day is not None:
        alternatives.append(Query.const_score_query(_published_in(schema, segment), PUBLISH_DAY_SCORE))
    return any_of([_within(q, within) for q in alternatives])


def _form_checks(schema: tantivy.Schema, segment: Segment, doc_freq: DocFreq | None) -> Query | None:
    """What a record holding the segment's candidates (its forms' pairs unchecked) must also hold to hold the segment:
    any form's phrase (a form of 3+ Han characters in a row), the form itself (any other form), or the day."""
    checks = []
    for text in _possible_forms(segment, doc_freq):
        tokens = positioned_tokens(text)
        patterns = side_patterns(tokens, segment.open_left, segment.open_right) if tokens else None
        if tokens and patterns is None and checks_pairs(tokens):
            checks.append(Query.phrase_query(schema, "all_text", [(p, t) for p, t in tokens]))
        elif tokens:
            checks.append(_substring_query(schema, tokens, widen=False, patterns=patterns))
    if segment.day is not None:
        checks.append(_published_in(schema, segment))
    return any_of(checks)


def _published_in(schema: tantivy.Schema, segment: Segment) -> Query:
    """The records published on a date segment's day (or within its span: 今年)."""
    first = day_number(segment.day)
    if segment.until is None:
        return Query.term_query(schema, "publish_day", first)
    return Query.range_query(schema, "publish_day", tantivy.FieldType.Integer, first, day_number(segment.until))


def _skeleton(schema: tantivy.Schema, segment: Segment, doc_freq: DocFreq) -> Query | None:
    """Term queries every record holding the segment matches: the Han pairs of each of its forms (any form), which
    _substring_query requires too. None when some way of holding it has no pair (a day, an identifier, a form of
    digits or of one character)."""
    if segment.slop or segment.identifier is not None or segment.day is not None:
        return None
    alternatives = []
    for text in _possible_forms(segment, doc_freq):
        pairs = han_bigrams(positioned_tokens(text))
        if not pairs:
            return None
        terms = [Query.term_query(schema, "all_bigrams", p) for p in pairs]
        alternatives.append(terms[0] if len(terms) == 1 else Query.boolean_query([(Occur.Must, t) for t in terms]))
    return any_of(alternatives)


def _restrictions(
    schema: tantivy.Schema, understood: dict[int, Understood], skip: frozenset[str], doc_freq: DocFreq | None,
) -> dict[int, Query]:
    """Per segment of several forms (a union; a date also matches its day), when every segment is required: the
    pairs of the other segments (their skeletons), within which each form is looked for. A union reached by seeks
    fills a window of 4,096 documents at each jump, reading each form's phrase in every record of it holding its
    characters: at 1,000,000 records 2024年5月8日停电 read its date's five forms of digits and 年/月/日 nearly
    everywhere (21 ms), within the records holding the pairs of 停电 or 暂停供电 8 ms. The restriction scores 0 and
    holds every match (each required segment's records hold its skeleton): the same matches, the same scores."""
    if doc_freq is None:
        return {}
    segments = [s for plan in understood.values() for s in plan.required if s.text not in skip]
    skeletons = [_skeleton(schema, s, doc_freq) for s in segments]
    restrictions: dict[int, Query] = {}
    for number, segment in enumerate(segments):
        if len(_possible_forms(segment, doc_freq)) < 2 and segment.day is None:
            continue  # one form: an intersection reaches its records by itself
        others = [q for n, q in enumerate(skeletons) if n != number and q is not None]
        if others:
            restrictions[id(segment)] = Query.const_score_query(Query.boolean_query([(Occur.Must, q) for q in others]), 0.0)
    return restrictions


def _within(query: Query, within: Query | None) -> Query:
    """`query` restricted to the records of `within` (which scores 0, and is the cheaper part: added first, so the
    score is `query`'s to the bit)."""
    return query if within is None else Query.boolean_query([(Occur.Must, within), (Occur.Must, query)])


@dataclass
class Plan:
    """What build() made: the query and the segments it requires (for relaxing, snippets and explain)."""

    query: Query
    scored: bool
    required: list[Segment]  # every required segment of every understood clause, in order
    places: list[str]  # names the query holds that are places or companies (entity intent)
    skipped: list[Segment] = field(default_factory=list)  # required by the query, but no record holds them
    # The same query without the phrase checks of its words: a superset of its matches, each scored as
    # the query scores it (or higher: `inflated`), at a fraction of the cost on broad queries. None: nothing to leave out.
    candidates: Query | None = None
    # Records holding any required segment (without the checks), each scored by how many it holds (1 each):
    # the best score is an upper bound of the most segments a record holds (the relaxed step-down's start).
    coverage: Query | None = None
    # What a candidate must hold to be a match: at least `needed` of these (the segments' own queries, with
    # their checks). Checked one by one on a few candidates: cheaper than the whole query, whose
    # minimum-should-match walks the union of every segment to reach them.
    segment_checks: list[Query] = field(default_factory=list)
    needed: int = 0
    # The score's parts and their bounds, for finding the best hits among the records holding a bonus first
    # (candidates.best_hits). None: some part has no known bound (an identifier, an ASCII run, another clause).
    bounds: ScoreBounds | None = None
    # A query of one 2-character word: its score without the constant bonuses (recency, entity) as a pure
    # disjunction of term queries (the word's pair, its title pair boosted), which tantivy's block-WAND top-k
    # skips through; `conditional`: the records those bonuses go to (candidates.union_top). None: no such form.
    union: Query | None = None
    conditional: Query | None = None
    # The candidates when they match more records than the query (counted first: candidates.count; their bonuses left out,
    # which add score, not matches: qspeed7); None when
    # they only score some records higher (`inflated`: the whole-query bonus given without its phrase check, so
    # the best candidates are scored again with the query: candidates.checked_top).
    counted: Query | None = None
    inflated: bool = False
    # The query restricted to the records of a query (candidates.ids_query), each scored as the query scores it.
    restricted: Callable[[Query], Query] | None = None
    # segment_checks restricted to the records of a query (candidates.ids_query): cheap to reach a few records in
    checks_within: Callable[[Query], list[Query]] | None = None
    # The query's matches as the candidates holding each word's phrase: counted so, the phrases are read in the
    # candidates only, not in every record holding a word's pairs (the query's own intersection reads them first).
    recount: Query | None = None
    # Plan.restricted of the candidates (candidates.best_hits: the holders of a bonus first)
    candidates_restricted: Callable[[Query], Query] | None = None
    # What counting `recount` reads beyond the candidates: the records whose positions its phrase checks walk
    # (phrase_work), which grows with the corpus, not with the matches (candidates.count, search.exact_count_work).
    check_work: int = 0
    # A relaxed step's score on records known to hold `needed` segments (candidates._passing checked them): each segment
    # and bonus restricted to the records of a query, summed, without the at-least-k scorer (candidates.checked_top).
    # Only for a relaxed answer (the query as typed found nothing): it leaves out the bonus of the clause as typed.
    summed: Callable[[Query], Query] | None = None
    # A relaxed step's candidates among the records of a query (a sample slot's), each segment restricted to them: the
    # same matches there, reached without walking every record holding a segment (qspeed5: counted so, not scored).
    candidates_within: Callable[[Query], Query] | None = None
    # ... and at most how many records hold `needed` segments, by the term dictionary (_most_holding; inf: not told),
    # asked only where it decides (a few dozen doc_freq lookups); None: not a relaxed step
    most_candidates: Callable[[], float] | None = None


def build(
    schema: tantivy.Schema,
    clauses: list[Clause],
    understood: dict[int, Understood],
    request,  # SearchRequest
    known: KnownIdentifier | None,
    ranking: RankingSettings,
    places: list[str],
    minimum: int | None = None,
    today: date | None = None,
    doc_freq: DocFreq | None = None,
    skip: frozenset[str] = frozenset(),
    issuers: Sequence[tuple[str, float]] = (),
    holding: Callable[[Query], Query] | None = None,
) -> Plan:
    """The query of the clauses; `minimum` None: every required segment, else at least that many. With
    `doc_freq`, the parts of its score (Plan.bounds). `issuers`: issuer names the query holds, each with the
    score its own documents get (issuer_bonuses). `holding`: a day bonus's records as a query cheaper to score (search_index:
    found once per search, by their ids)."""
    must: list[Query] = []
    loose_must: list[Query] = []  # the same, a quoted Han phrase's check left out (Plan.candidates)
    phrases: list[Query] = []  # … and those phrases' checked queries
    must_not: list[Query] = []
    should: list[Query] = []
    required: list[Segment] = []
    skipped: list[Segment] = []
    segment_queries: list[Query] = []
    loose_queries: list[Query] = []  # the same without phrase checks (Plan.candidates)
    loosened = False  # the candidates match more records than the query
    inflated = False  # the candidates may score a record above the query (the whole-query bonus unchecked)
    loose_should: list[Query] = []
    form_checks: list[Query] = []  # what the candidates leave unchecked, word by word (Plan.recount)
    check_work = 0  # … and what checking it reads (Plan.check_work)
    covering: list[Query | None] = []  # loose_queries without the restriction below (Plan.coverage)
    wholes: list[Query] = []  # the whole-clause bonuses among `should` (Plan.summed)
    among = _restrictions(schema, understood, skip, doc_freq) if minimum is None else {}
    numbers = [s for u in understood.values() for s in u.required if s.identifier == "doc_number"] if minimum is not None else []
    anchor = numbers[0] if len(numbers) == 1 and _carried(numbers[0], known) else None
    declared = _declared_lost(understood) if minimum is not None else None
    scored = False
    bounds: ScoreBounds | None = ScoreBounds() if doc_freq is not None else None
    for number, clause in enumerate(clauses):
        plan = understood.get(number)
        if plan is None:
            if not clause.negated:
                bounds = None  # its score has no bound here
            before = len(must)
            scored = place_clause(schema, clause, known, must, must_not) or scored
            if loosens(clause):
                place_clause(schema, clause, known, loose_must, [], checked=False)
                phrases.extend(must[before:])
                loosened = True
                check_work += phrase_work([clause.text], doc_freq)
            else:
                loose_must.extend(must[before:])
            continue
        for segment in plan.required:
            if segment.text in skip:  # no record can hold it: not required (a relaxed answer names it dropped)
                # A compound is looked for by its parts instead (平安保险: 平安, 保险): counted among the segments of
                # a step-down, a bonus when the other words are all required (they decide, as without it).
                parts = with_parts(segment, whole=False)
                if not parts.parts or doc_freq is None or not possible(parts, doc_freq):
                    skipped.append(segment)
                    continue
                if minimum is None:
                    skipped.append(segment)
                    bonus = segment_query(schema, parts, known, ranking, doc_freq)
                    if bonus is not None:
                        should.append(bonus)
                        loose_should.append(bonus)
                        bounds = None  # a bonus with no bound here
                    continue
                segment = parts
            elif minimum is not None:  # a relaxed answer: a compound word is held partly by its parts (作息时间: 时间)
                segment = with_parts(segment)
            inside = among.get(id(segment))
            query = segment_query(schema, segment, known, ranking, doc_freq, within=inside)
            if query is not None and ((anchor is not None and segment.identifier == anchor.identifier and segment.text == anchor.text)
                                      or (declared is not None and segment.text == declared)):
                # A 文号 a record carries stays required in every step of a relaxed answer (search12: 同事说要看厦府〔2016〕3号
                # answered the document, then 49 records holding 说 or 看); it counts among the segments as before. Only
                # the query's one 文号: 厦府办〔2014〕6号和厦府办〔2020〕9号 asks for either
                must.append(Query.const_score_query(query, 0.0))
                loose_must.append(Query.const_score_query(query, 0.0))
            if query is not None:
                required.append(segment)
                segment_queries.append(query)
                loose = segment_query(schema, segment, known, ranking, doc_freq, checked=False, within=inside) if _checks_phrase(segment) else None
                if inside is not None:  # the coverage counts the segments a record holds: each one unrestricted
                    covering.append(segment_query(schema, segment, known, ranking, doc_freq, checked=not _checks_phrase(segment)))
                else:
                    covering.append(loose or query)
                check = _form_checks(schema, segment, doc_freq) if loose is not None else None
                if check is not None:
                    form_checks.append(check)
                    check_work += phrase_work(_possible_forms(segment, doc_freq), doc_freq)
                loose_queries.append(loose or query)
                loosened = loosened or loose is not None
                if bounds is not None:
                    bounds = _segment_bounds(schema, segment, doc_freq, bounds, ranking.title_boost)  # type: ignore[arg-type]
        scored = True
        if len(plan.segments) > 1 and ranking.whole_query_boost > 0:
            tokens = positioned_tokens(typed_core(plan))
            if tokens:
                whole = _substring_query(schema, tokens, widen=False, title_boost=ranking.title_boost)
                should.append(Query.boost_query(whole, ranking.whole_query_boost))
                wholes.append(should[-1])
                # The candidates give the bonus to every record holding the pairs of the whole, unchecked: its phrase
                # read in every match was most of a multi-word query's cost (issue 20); checked_top checks the best.
                loose_whole = whole
                if checks_pairs(tokens):
                    loose_whole = _substring_query(schema, tokens, widen=False, title_boost=ranking.title_boost, checked=False)
                    inflated = True
                loose_should.append(Query.boost_query(loose_whole, ranking.whole_query_boost))
                if bounds is not None:
                    bounds = _whole_bounds(schema, tokens, doc_freq, bounds)  # type: ignore[arg-type]
    if scored and (lines := _line_bonus(schema, understood, ranking)):
        should.extend(lines)
        loose_should.extend(lines)
        bounds = None  # a bonus with no bound here (such a query names a line: narrow)
    if scored and (numbered := _numbered_bonus(schema, understood)):
        should.extend(numbered)
        loose_should.extend(numbered)
        bounds = None  # a bonus with no bound here (such a query is narrow: its words' pairs and a serial)
    if scored:
        days = _day_bonus(schema, understood, ranking, today or beijing_today(), holding)
        entity = _entity_bonus(schema, places, ranking) + days
        recent = recency_bonus(schema, ranking, today or beijing_today())
        owners = [(Query.const_score_query(Query.term_query(schema, "issuer", name), 1.0), score) for name, score in issuers]
        should.extend(entity + recent + [Query.boost_query(held, score) for held, score in owners])
        loose_should.extend(entity + recent + [Query.boost_query(held, score) for held, score in owners])
        if bounds is not None and doc_freq is not None:
            for (held, score), (name, _) in zip(owners, issuers):  # a bonus some records hold, as a title match is
                bounds.add_bonus(held, doc_freq("issuer", name), score)
        if bounds is not None:
            # constant scores, small beside a title match: counted in the base (as bonuses they would make the
            # search of those holding a bonus walk every recent notice)
            bounds.constant += ranking.entity_boost * (len(entity) + (DAY_WEIGHT - 1) * len(days)) + sum(share for _, share in recency_tiers(ranking, today or beijing_today()))
    implied = _implied_filter(required, loose_queries, minimum, doc_freq)
    query = combine(schema, request, must + _required(segment_queries, minimum, implied), must_not, should)
    candidates = None
    matching = None  # the candidates' matches, their bonuses left out (Plan.counted, Plan.recount)
    if loosened or inflated:
        candidates = combine(schema, request, loose_must + _required(loose_queries, minimum, implied), must_not, loose_should)
        # (qspeed7) combine's parts are required, a bonus beside them only adds score: the same matches. A count walks every
        # bonus its query carries: at 100,000 records an outage question's day bonuses (明天: 12月9日 in five writings,
        # phrases of common characters) cost 16 ms of each count, for records none of which held them
        matching = combine(schema, request, loose_must + _required(loose_queries, minimum, implied), must_not)
    coverage = None
    if len(covering) > 1:  # the other clauses select only (score 0), so the score counts segments
        held = Query.boolean_query([(Occur.Should, Query.const_score_query(q, 1.0)) for q in covering if q is not None])
        coverage = combine(schema, request, [Query.const_score_query(q, 0.0) for q in loose_must] + [held], must_not)
    union = conditional = None
    if minimum is None and not skip and not must and not must_not and not filter_queries(schema, request) and len(required) == 1:
        union = _union_form(schema, required[0], ranking, doc_freq)
        if union is not None and should:
            conditional = any_of([q for q in should])
    needed = len(segment_queries) if minimum is None else min(max(1, minimum), len(segment_queries))
    checks = segment_queries
    if phrases:
        # A quoted phrase the candidates do not check: each segment's check holds it too, so a candidate
        # passing `needed` of them holds the phrase as typed.
        checks = [Query.boolean_query([(Occur.Must, q), *((Occur.Must, p) for p in phrases)]) for q in segment_queries]
    loose_required_parts = loose_must + _required(loose_queries, minimum, implied)

    def candidates_restricted(only: Query) -> Query:
        # Plan.restricted of the candidates: their scores to the bit, their optional parts cheap to reach a few records in
        limited = combine(schema, request, loose_required_parts, must_not, [_within(q, only) for q in loose_should])
        return Query.boolean_query([(Occur.Must, only), (Occur.Must, limited)])

    recount = None
    if candidates is not None and loosened and minimum is None:
        recount = Query.boolean_query([(Occur.Must, matching if matching is not None else candidates), *((Occur.Must, q) for q in form_checks + phrases)])

    def segments_within(only: Query) -> list[Query]:
        return [segment_query(schema, s, known, ranking, doc_freq, within=only) or only for s in required]

    def checks_within(only: Query) -> list[Query]:
        parts = segments_within(only)
        return [Query.boolean_query([(Occur.Must, q), *((Occur.Must, p) for p in phrases)]) for q in parts] if phrases else parts

    required_parts = must + _required(segment_queries, minimum, implied)

    def restricted(only: Query) -> Query:
        # `only` and the query, with `only` in each optional part too: a union is costly to reach far documents in
        # (tantivy's union fills a window of 4,096 documents at each jump), a union of parts restricted to a few
        # records is not. Each optional part adds `only`'s 0 first, so every score is the query's to the bit (the
        # required parts stay as they are: restricted, their costs would change the order tantivy sums them in).
        limited = combine(schema, request, required_parts, must_not, [_within(q, only) for q in should])
        return Query.boolean_query([(Occur.Must, only), (Occur.Must, limited)])

    # A relaxed answer of one clause: no record holds the clause as typed (it would hold every segment), so its bonus is 0
    # wherever the query matches; left out of Plan.summed, whose phrase, reached at a few records, walks every record
    # holding its characters to the next match (all of them, there being none: 40-60 ms of a pasted title's CPU).
    unheld = {id(q) for q in wholes} if len(understood) == 1 else set()
    bonuses = [q for q in should if id(q) not in unheld]

    def summed(only: Query) -> Query:
        # tantivy's at-least-k scorer has no seek: restricted() walks every record holding any segment to reach a few
        # (30-40 ms of a natural query at 100,000 records). A record holding at least k of them scores the sum of the
        # segments it holds plus its bonuses: each restricted to `only`, a union of ~60 records. The same parts; their
        # sum may differ from the walk's in the last bit (the order tantivy adds them in), which checked_top allows for.
        # (each form restricted, not the union of a segment's forms: a union reached at a few records fills a window of
        # 4,096 documents at each: segments_within)
        held = Query.boolean_query([(Occur.Should, q) for q in segments_within(only)])
        limited = combine(schema, request, must + [held], must_not, [_within(q, only) for q in bonuses])
        return Query.boolean_query([(Occur.Must, only), (Occur.Must, limited)])

    def candidates_within(only: Query) -> Query:
        # (qspeed5) the at-least-k of the segments each restricted to `only`: tantivy's at-least-k scorer has no seek, so
        # the candidates within a sample slot (Must both) walked every record holding a segment; these walk the slot's
        # (the implied filter left out: the same matches, it only narrows that walk; each form restricted, as segments_within)
        held = [segment_query(schema, s, known, ranking, doc_freq, checked=not _checks_phrase(s), within=only) or only
                for s in required]
        return combine(schema, request, loose_must + _required(held, minimum), must_not)

    relaxed_step = minimum is not None and len(segment_queries) > 1 and minimum < len(segment_queries)
    return Plan(query, scored, required, places, skipped, candidates, coverage, checks, needed, bounds, union, conditional,
                matching if loosened else None, inflated, restricted, checks_within, recount,
                candidates_restricted if candidates is not None else None, check_work,
                summed=summed if relaxed_step else None,
                candidates_within=candidates_within if relaxed_step and candidates is not None else None,
                most_candidates=(lambda: _most_holding(required, needed, doc_freq)) if relaxed_step else None)


def phrase_work(texts: Sequence[str], doc_freq: DocFreq | None) -> int:
    """About how many records a check of these texts' phrases reads positions in, wherever the candidates are: tantivy
    walks a phrase to its next match from each record it is asked about, through every record holding all its terms
    (at most those holding the rarest: the term dictionary's count). Each text of more than one token counts."""
    if doc_freq is None:
        return 0
    work = 0
    for text in texts:
        tokens = positioned_tokens(text)
        if len(tokens) > 1:
            work += min(doc_freq("all_text", token) for _, token in tokens)
    return work


def _union_form(schema: tantivy.Schema, segment: Segment, ranking: RankingSettings, doc_freq: DocFreq | None) -> Query | None:
    """Plan.union of a segment that is one 2-character Han word in one form: Should(its pair) + Should(its title
    pair × title_boost), which scores each record as _substring_query does (the pair, plus the title bonus where
    the title holds it) and matches the same records (a title's pairs are among all_text's)."""
    if segment.slop or segment.identifier is not None or segment.day is not None:
        return None
    forms = _possible_forms(segment, doc_freq)
    if len(forms) != 1:
        return None
    tokens = positioned_tokens(forms[0])
    pairs = han_bigrams(tokens)
    if not (len(tokens) == 2 and len(pairs) == 1):
        return None
    title = Query.boost_query(Query.term_query(schema, "title_bigrams", pairs[0]), ranking.title_boost)
    return Query.boolean_query([(Occur.Should, Query.term_query(schema, "all_bigrams", pairs[0])), (Occur.Should, title)])


def _form_terms(tokens: list[tuple[int, str]]) -> list[tuple[str, str]] | None:
    """The (field, term)s a Han word's own clauses score by (_substring_query: its pairs, or a lone character),
    without its title bonus; None when its phrase scores too (characters apart) or it holds an ASCII run."""
    pairs = han_bigrams(tokens)
    if len(tokens) == 1 and not tokens[0][1].isascii():
        return [("all_text", tokens[0][1])]
    if (len(tokens) == 2 and len(pairs) == 1) or checks_pairs(tokens):
        return [("all_bigrams", p) for p in pairs]
    return None


def _segment_bounds(
    schema: tantivy.Schema, segment: Segment, doc_freq: DocFreq, bounds: ScoreBounds, title_boost: float = TITLE_BOOST,
) -> ScoreBounds | None:
    """The segment's forms added to the bounds: their terms to the base, their title matches as bonuses
    (present where the title holds the form)."""
    if segment.slop or segment.identifier is not None or segment.day is not None:
        return None
    holding = 0  # records holding any form: at most those holding its rarest term
    for text in _possible_forms(segment, doc_freq):
        tokens = positioned_tokens(text)
        terms = _form_terms(tokens)
        if terms is None:
            return None
        bounds.terms += terms
        holding += min(doc_freq(field, term) for field, term in terms)
        pairs = han_bigrams(tokens)
        titles = (min(doc_freq("title_bigrams", p) for p in pairs) if pairs
                  else min(doc_freq("title", token) for _, token in tokens))
        if titles:  # else no title holds it: no bonus
            # its score: the sum of its title pairs' (title_query), or of its one character's
            parts = [("title_bigrams", p) for p in pairs] if pairs else [("title", tokens[0][1])] if len(tokens) == 1 else None
            bounds.add_bonus(title_query(schema, tokens, widen=False), titles, title_boost, parts)
    bounds.matches = min(bounds.matches, holding)
    return bounds


def typed_core(plan: Understood) -> str:
    """The clause as typed without the stop words at its ends (中医药法全文 → 中医药法, 请问国务院工作规则还有效吗 → 国务院工作
    规则), the phrase of the whole-query bonus, when two segments or more are left: a record prints the words typed
    together, rarely the filler a person adds around them (search15: the law titled 《中华人民共和国中医药法》, printing
    中医药法》全文, came second to a 解读 for 中医药法全文, neither holding the query whole). Every record holding the whole
    clause holds this too. Else the clause as typed; and so for an outage question (湖滨南路停电, 停水 …), whose edges are
    the day it asks (12月8日湖滨南路停电吗): trimmed, a notice of another day titled 湖滨南路停电通知 took the bonus from the
    one printing 12月7日至9日 (the re-rank's day bonus reads the day)."""
    if any(word in fold(plan.whole) for word in UTILITY_WORDS):
        return plan.whole
    segments = plan.segments
    start, end = 0, len(segments)
    while start < end and segments[start].stop:
        start += 1
    while end > start and segments[end - 1].stop:
        end -= 1
    if (start, end) == (0, len(segments)) or end - start < 2:
        return plan.whole
    folded = fold(plan.whole)  # same length as typed: its offsets are the typed text's
    head, tail = "".join(s.text for s in segments[:start]), "".join(s.text for s in segments[end:])
    if not (folded.startswith(head) and folded.endswith(tail)):  # a segment not cut from the text as typed
        return plan.whole
    return plan.whole[len(head):len(plan.whole) - len(tail)]


def _whole_bounds(schema: tantivy.Schema, tokens: list[tuple[int, str]], doc_freq: DocFreq, bounds: ScoreBounds) -> ScoreBounds | None:
    """The whole-query bonus as a bonus: present only where all its pairs are (a pair no record holds: never)."""
    pairs = han_bigrams(tokens)
    if not pairs or _form_terms(tokens) is None:
        return None
    if all(doc_freq("all_bigrams", p) for p in pairs):
        holding = Query.boolean_query([(Occur.Must, Query.term_query(schema, "all_bigrams", p)) for p in pairs])
        bounds.add_bonus(holding, min(doc_freq("all_bigrams", p) for p in pairs))
    return bounds


def clause_bounds(schema: tantivy.Schema, clauses: list[Clause], doc_freq: DocFreq) -> ScoreBounds | None:
    """Plan.bounds for clauses not understood (a quoted phrase): each positive text clause of Han characters
    its terms and its title bonus (query_builder._substring_query); None for anything else that scores."""
    bounds: ScoreBounds | None = ScoreBounds()
    for clause in clauses:
        if clause.negated:
            continue
        if clause.field is not None or clause.identifier is not None or bounds is None:
            return None
        bounds = _segment_bounds(schema, Segment(clause.text, (clause.text,)), doc_freq, bounds)
    return bounds if bounds is not None and bounds.terms else None


def _declared_lost(understood: dict[int, Understood]) -> str | None:
    """The word of a query saying something was lost (遗失, 丢失, 丢了 beside a thing one declares lost: its forms hold 遗失),
    which stays required in every step of a relaxed answer, as a carried 文号 does: such a query asks for a 遗失声明, and a
    thing no declaration names is what is dropped (search5's 驾驶证丢了 listed a 号牌 disclosure printing 驾驶证 first)."""
    return next((s.text for u in understood.values() for s in u.required if "遗失" in s.alternatives), None)


def _carried(segment: Segment, known: KnownIdentifier | None) -> bool:
    """Whether the segment is a 文号 some record carries (the index's term dictionary)."""
    return segment.identifier == "doc_number" and known is not None and any(
        known("doc_number", normalize_doc_number(text)) for text in segment.alternatives)


def _required(segment_queries: list[Query], minimum: int | None, implied: Implied | None = None) -> list[Query]:
    """Every segment query, or (relaxed) at least `minimum` of them; `implied` (_implied_filter): records every
    match holds, required in each of them but its own members (which hold it anyway)."""
    if minimum is None or minimum >= len(segment_queries):
        return list(segment_queries)
    if not segment_queries:
        return []
    members = segment_queries if implied is None else [
        q if n in implied.members else _within(q, implied.filter) for n, q in enumerate(segment_queries)]
    return [Query.boolean_query([(Occur.Should, q) for q in members], minimum_number_should_match=max(1, minimum))]


@dataclass(frozen=True)
class Implied:
    """A union of some segments (scoring 0) every match of a relaxed step holds; `members`: their positions."""

    filter: Query
    members: frozenset[int]


#: The implied filter is used when the records it admits are at most this share of those the segments' postings hold.
IMPLIED_SHARE = 0.25


def _implied_filter(segments: list[Segment], loose_queries: list[Query], minimum: int | None,
                    doc_freq: DocFreq | None) -> Implied | None:
    """Records holding at least `minimum` of n segments hold one of any n - minimum + 1 of them (else they hold at
    most minimum - 1): the union of the rarest n - minimum + 1 (unchecked), scoring 0, or None when it would not
    narrow much. tantivy's at-least-k scorer has no seek: it walks every record holding any segment, and reaching a
    few far records (the rescoring of the best candidates, a count) walks them again; each segment required to hold
    the union first walks only the records the union holds (`思明区莲前街道前埔社区居委会办公地点在哪里`: 8 segments, at
    least 6; the union of its 3 rarest). The same matches; every score the same part sums plus zeros."""
    if minimum is None or minimum < 2 or minimum >= len(segments) or doc_freq is None:
        return None
    estimates = [_records_holding(segment, doc_freq) for segment in segments]
    rarest = sorted(range(len(segments)), key=lambda n: estimates[n])[: len(segments) - minimum + 1]
    admitted = sum(estimates[n] for n in rarest)
    # against what the counted segments hold (a day's or an identifier's records are unknown: a union needing one is not taken)
    if math.isinf(admitted) or admitted > IMPLIED_SHARE * sum(e for e in estimates if not math.isinf(e)):
        return None
    union = Query.boolean_query([(Occur.Should, loose_queries[n]) for n in rarest])
    return Implied(Query.const_score_query(union, 0.0), frozenset(rarest))


def _most_holding(segments: list[Segment], minimum: int, doc_freq: DocFreq | None) -> float:
    """(qspeed5) At most how many records hold at least `minimum` of the segments, by the term dictionary: each such record
    holds one of the rarest n - minimum + 1 (_implied_filter), and holds `minimum` of the n (the sum of what each holds,
    over `minimum`); inf when a segment's records are not told (a day, an identifier)."""
    if doc_freq is None or minimum < 1:
        return math.inf
    estimates = sorted(_records_holding(segment, doc_freq) for segment in segments)
    return min(sum(estimates[: len(segments) - minimum + 1]), sum(estimates) / minimum)


def _records_holding(segment: Segment, doc_freq: DocFreq) -> float:
    """At most how many records hold the segment, by the term dictionary (each form's rarest pair or term, summed
    over its forms); infinite when it is not told so (a day, an identifier, an abbreviation)."""
    if segment.day is not None or segment.identifier is not None or segment.slop:
        return math.inf
    total = 0
    for text in segment.alternatives:
        counts = [doc_freq(field, term) for field, term in _dictionary_terms(positioned_tokens(text))]
        if not counts:
            return math.inf
        total += min(counts)
    return total


def _checks_phrase(segment: Segment) -> bool:
    """Whether the segment's query checks a phrase of 3 or more Han characters (what the candidates leave out)."""
    if segment.slop or segment.identifier is not None:
        return False
    return any(len(text) > 2 and not text.isascii() for text in segment.alternatives)


def issuer_bonuses(names: Sequence[tuple[str, str]], doc_freq: DocFreq, docs: int, ranking: RankingSettings,
                   wholes: Sequence[str] = ()) -> list[tuple[str, float]]:
    """(name, score) of each issuer a query names (natural.Understanding.issuers: the issuer, the form typed) that is some
    record's issuer: its own documents get the most the form typed in a title can add (the title bonus of its pairs at
    their best), so an issuer's documents, whose titles seldom name it, rank with the joint documents that do
    (厦门市财政局 listed 厦门市教育局、厦门市财政局… first). A form typed in pieces that is a whole clause (`wholes`, folded:
    思明区教育局 = 思明区 + 教育局) adds what the whole query as typed adds in a title (whole_query_boost): a joint
    document printing it in its title got that too, and came first."""
    bonuses = []
    for name, typed in dict.fromkeys(names):
        if not doc_freq("issuer", name):
            continue
        pairs = [pair for piece in typed.split() for pair in han_bigrams(positioned_tokens(piece))]  # 厦门 财政局: pieces apart
        whole = 1 + ranking.whole_query_boost if " " in typed and typed.replace(" ", "") in wholes else 1
        if pairs:
            bonuses.append((name, whole * ranking.title_boost * sum(term_bound(doc_freq("title_bigrams", p), docs) for p in pairs)))
    return bonuses


#: A line or a building by its number (4号线, 三号线, 5号楼), the segment standing after its name's.
_NUMBERED_LINE_RE = re.compile(r"第?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:号线|号楼|号院)")
_HAN_END_RE = re.compile(r"[\u4e00-\u9fff]$")


def _line_bonus(schema: tantivy.Schema, understood: dict[int, Understood], ranking: RankingSettings) -> list[Query]:
    """A line named with its number (10kV新阳4号线: 新阳 + 4号线, each required apart): the records printing the name and the
    number together get the whole-query bonus of that phrase (search11: the 新阳3号线 notice, also printing 殿前4号线, was
    listed above the notice of 新阳4号线, neither printing the query as typed). A bonus, not a requirement: pages print a
    line as 地铁3号线, 西安三号线 or 轨道交通3号线, the name before the number is not always the one typed."""
    bonuses = []
    for plan in understood.values():
        for before, line in zip(plan.segments, plan.segments[1:]):
            if _NUMBERED_LINE_RE.fullmatch(line.text) and not before.stop and _HAN_END_RE.search(before.text):
                tokens = positioned_tokens(before.text + line.text)
                phrase = _substring_query(schema, tokens, widen=False, title_boost=ranking.title_boost)
                bonuses.append(Query.boost_query(phrase, ranking.whole_query_boost))
    return bonuses


#: A serial typed after a 文号's prefix without its year (国办发115号, 国发38号文, 厦府办6号).
_SERIAL_ONLY_RE = re.compile(r"第?([0-9]{1,5})号")
_PREFIX_RE = re.compile(r"[\u4e00-\u9fff]{2,10}")
#: What a document numbered so (its own 文号 the prefix, any year, the serial) gets over the documents citing it or holding
#: the characters elsewhere: more than the pairs and title of such a short query add (tens), as a 文号 typed whole puts
#: the document carrying it first (its exact term, IDENTIFIER_BOOST × its idf: 231 at 500 records).
SERIAL_BONUS = 200.0


def _numbered_bonus(schema: tantivy.Schema, understood: dict[int, Understood]) -> list[Query]:
    """The documents whose own 文号 is a prefix the query names (a name of the word list) and the serial typed right after
    it without a year: 国办发115号 listed a 厦教 document citing 国办发〔2018〕115号 first, 厦府办6号 a 厦府办函 document
    (search9). A regex on the exact 文号 field, its literal prefix walked in the term dictionary; only for such queries."""
    bonuses = []
    for plan in understood.values():
        for left, right in zip(plan.segments, plan.segments[1:]):
            serial = _SERIAL_ONLY_RE.fullmatch(right.text)
            if serial is not None and left.kind == "name" and _PREFIX_RE.fullmatch(left.text):
                pattern = f"{left.text}〔[0-9]{{4}}〕{int(serial[1])}号"
                bonuses.append(Query.const_score_query(Query.regex_query(schema, "doc_number", pattern), SERIAL_BONUS))
    return bonuses


#: A day written as a notice prints it without its year (5月21日, 11月17号).
_MONTH_DAY_RE = re.compile(r"\d{1,2}月\d{1,2}[日号]")


def days_asked(understood: dict[int, Understood], today: date) -> list[tuple[list[str], tuple[date, date] | None]]:
    """An outage question's days (a stop word: the answer above the results reads it, notices print dates, not 明天): the
    forms a notice prints each in (its writings, its month and day), and for a day said from today or a month (明天, 周三,
    下周, 今年五月, 二〇二五年十一月: days_said) the publication window of a notice announcing it."""
    asked: list[tuple[list[str], tuple[date, date] | None]] = []
    outage = any(word in fold(plan.whole) for plan in understood.values() for word in UTILITY_WORDS)
    for plan in understood.values():
        for segment in plan.segments:
            # a whole date typed as a clause of its own (2025.11.17 停电) is a search word, and its day too: a notice prints
            # 11月17日, so a relaxed answer dropped it and listed the newest 停电 notices
            said_apart = outage and segment.kind == "date" and segment.day is not None and segment.until is None
            if not (segment.stop or said_apart):
                continue
            window = None
            if segment.day is not None and segment.until is None:
                forms = [*segment.alternatives, f"{segment.day.month}月{segment.day.day}日"]
            elif _MONTH_DAY_RE.fullmatch(segment.text):
                forms = [segment.text, segment.text[:-1] + "日"]  # 11月17号 said, 11月17日 printed
            elif _WORDS_MONTH_DAY_RE.fullmatch(segment.text) and (said := days_said(segment.text, today)) is not None:
                forms = said[0]  # 十一月十七号: 11月17日, any year, as 11月17日 typed
            elif numeric := _NUMERIC_MONTH_DAY_RE.fullmatch(segment.text):
                forms = [f"{int(numeric[1])}月{int(numeric[2])}日"]  # 11/17, 11.17: 11月17日, any year, as 11月17日 typed (search14)
            elif outage and (said := days_said(segment.text, today)) is not None:
                forms, window = said
            else:
                continue
            asked.append((forms + _numeral_forms(forms), window))
            asked += _day_of_month_forms(forms, window, today)
    return asked


def _numeral_forms(forms: list[str]) -> list[str]:
    """The asked month-days in Chinese numerals (六月二十二日, 六月廿二日): how a notice dated 二〇三九年六月十八日 prints them."""
    out = []
    for form in forms:
        if match := _PRINTED_DAY_RE.fullmatch(form):
            out += [in_words(int(match[1]))[0] + "月" + day + "日" for day in in_words(int(match[2]))]
    return out


def _day_of_month_forms(forms: list[str], window: tuple[date, date] | None, today: date) -> list[tuple[list[str], tuple[date, date] | None]]:
    """The asked days as a notice prints a day of its own month (本月26日) or a day alone (26日, 二十六日, 廿六日): only from the
    notices published in the month before it (本月: in its own month), since the month is not printed (outages16: a notice
    printing 本月6日 or 廿二日 got no bonus for 6月6日停电). The day's year: the window's, else the question's reading."""
    asked: list[tuple[list[str], tuple[date, date] | None]] = []
    for form in dict.fromkeys(forms):
        if not (match := _PRINTED_DAY_RE.fullmatch(form)):
            continue
        day = _the_day(int(match[1]), int(match[2]), window, today)
        if day is None:
            continue
        words = in_words(day.day)
        asked.append(([f"本月{day.day}日", *(f"本月{w}日" for w in words)], (day.replace(day=1), day)))
        asked.append(([f"{day.day}日", *(f"{w}日" for w in words)], (day - timedelta(days=DAY_ALONE_LEAD_DAYS), day)))
    return asked


def _the_day(month: int, day: int, window: tuple[date, date] | None, today: date) -> date | None:
    if window is not None:
        for year in (window[1].year, window[1].year - 1):
            try:
                if window[0] <= (found := date(year, month, day)) <= window[1]:
                    return found
            except ValueError:
                continue
        return None
    taken = take_days(f"{month}月{day}日", today)
    return None if taken is None else taken.first


_PRINTED_DAY_RE = re.compile(r"(\d{1,2})月(\d{1,2})日")
_DIGITS_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def asked_days(understood: dict[int, Understood], today: date) -> list[AskedDay]:
    """The days of days_asked as month and day, for the re-rank's windows (12月7日至9日 holds the 8th)."""
    days = []
    for forms, window in days_asked(understood, today):
        # (the day in digits, 2039-08-26, is a writing of the same bonus: a print of it is the day's own, printed_days)
        in_digits = {(int(m[2]), int(m[3])): int(m[1]) for form in forms if (m := _DIGITS_DAY_RE.fullmatch(form))}
        for form in forms:
            if match := _PRINTED_DAY_RE.fullmatch(form):
                month, day = int(match[1]), int(match[2])
                days.append(AskedDay(month, day, window, _the_day(month, day, window, today), in_digits.get((month, day))))
    return list(dict.fromkeys(days))


def _day_bonus(schema: tantivy.Schema, understood: dict[int, Understood], ranking: RankingSettings, today: date,
               holding: Callable[[Query], Query] | None = None) -> list[Query]:
    """A notice printing an outage question's day (days_asked), in any of its forms or as its month and day, gets the entity
    bonus twice (5月21日停电 listed a 2025 停电通知 above 5月21日思明区莲花北路等片区计划停电通知); a day said from today or a
    month, from a notice published before it. A window printed around the day (12月7日至9日 for the 8th) is read by the
    re-rank (ranking.window_holds)."""
    bonuses: list[Query] = []
    if ranking.entity_boost <= 0:
        return bonuses
    for forms, window in days_asked(understood, today):
        phrases = [_tokens_query(schema, "all_text", tokens, widen=False) for tokens in map(positioned_tokens, dict.fromkeys(forms)) if tokens]
        printed = any_of(phrases)
        if printed is not None:
            must = [(Occur.Must, Query.term_query(schema, "kind", "notice")), (Occur.Must, printed)]
            if window is not None:
                first, last = window
                must.append((Occur.Must, Query.range_query(schema, "publish_day", tantivy.FieldType.Integer, day_number(first), day_number(last))))
            held = Query.boolean_query(must)
            # `holding` (search_index: once per search): the same records by their ids. The day's writings are phrases of
            # common characters (12月9日), walked from every record a query is asked about to their next match: 3-5 ms each
            # per query scored at 100,000 records, in the candidates' walk and again in their rescoring (qspeed7)
            bonuses.append(Query.const_score_query(holding(held) if holding is not None else held, ranking.entity_boost * DAY_WEIGHT))
    return bonuses


#: The day bonus in entity bonuses: the notice printing the day asked is the answer, more than one naming the place (a
#: 2010 notice of 12月17日 lost to a 2024 停水通知 of other days with the entity bonus alone: its recency and shorter text).
DAY_WEIGHT = 2
#: A month and day said in Chinese numerals (十一月十七号, 四月十二日): read as its digits are.
_WORDS_MONTH_DAY_RE = re.compile(r"[〇零一二三四五六七八九十两]{1,3}月[〇零一二三四五六七八九十两]{1,3}[日号]")
#: A month and day written with a slash, a dot or a dash (11/17, 11.17, 11-17, full width too): read as 11月17日 typed; it
#: was a day said from today, so the 2025 notice of 11月17日 was out of its publication window and got no bonus.
_NUMERIC_MONTH_DAY_RE = re.compile(r"(1[0-2]|0?[1-9])[/.\-／．](3[01]|[12][0-9]|0?[1-9])")


#: How long before the day it names a notice may be published (outage notices come days, at most weeks, ahead).
NOTICE_LEAD_DAYS = 45
#: The most days of a span said (周末, 12月7日至9日) looked for one by one (each a phrase); a longer one (下周, 国庆节) is read as its
#: months: seven phrases cost 下周思明区停电 ~3.5 ms more CPU at 5,000 records (10 → 13.5 ms), one costs none measurable.
MOST_DAYS_SAID = 3


def days_said(text: str, today: date) -> tuple[list[str], tuple[date, date]] | None:
    """The month-and-day forms notices print for the days a question's word names (明天: 12月7日; 周末: each of its days, at
    most MOST_DAYS_SAID; 下周, 今年五月, 这个月: the month, 5月 or 12月 and 1月 across two), and the publication window of a notice announcing them (NOTICE_LEAD_DAYS before
    the first day to the last); None when the word names no day. A notice seldom prints its year (5月21日), so the window
    tells this May's notice from last May's."""
    taken = take_days(text, today)
    if taken is None or taken.first is None or taken.rest.strip():
        return None
    days = list(taken.only) or [taken.first + timedelta(days=n) for n in range(((taken.last or taken.first) - taken.first).days + 1)]
    if len(days) <= MOST_DAYS_SAID:
        forms = [form for day in days for form in _day_forms(day)]
    else:
        forms = [form for month in dict.fromkeys((day.year, day.month) for day in days) for form in _month_forms(*month)]
    return list(dict.fromkeys(forms)), (days[0] - timedelta(days=NOTICE_LEAD_DAYS), days[-1])


def _day_forms(day: date) -> list[str]:
    """The forms a notice prints a day in: 5月8日, and in digits as 95598 pages, SMS and tables print it, 05月08日 and
    2024-05-08 (a phrase of its numbers: 2024.05.08 and 2024/05/08 too). outages15: a notice of 2024年5月 printing only
    2024-05-15 or 05月26日 got no bonus and was listed below other years' notices."""
    return [f"{day.month}月{day.day}日", f"{day.month:02d}月{day.day:02d}日", day.isoformat()]


def _month_forms(year: int, month: int) -> list[str]:
    """The forms a notice prints a month in (its days' windows): 5月, 05月 and 2024-05 (2024.05.30, 2024/05/30 too)."""
    return [f"{month}月", f"{month:02d}月", f"{year}-{month:02d}"]


def _entity_bonus(schema: tantivy.Schema, places: list[str], ranking: RankingSettings) -> list[Query]:
    """A street, community or company the query names: the notices naming it rank above passing mentions."""
    bonuses = []
    for name in places:
        tokens = positioned_tokens(name)
        if not tokens or ranking.entity_boost <= 0:
            continue
        names_it = Query.boolean_query([
            (Occur.Must, Query.term_query(schema, "kind", "notice")),
            (Occur.Must, _substring_query(schema, tokens, widen=False, title_boost=1.0)),
        ])
        bonuses.append(Query.const_score_query(names_it, ranking.entity_boost))
    return bonuses


#: BM25 points the recency tiers add in all, per unit of recency_weight: enough to bring recent notices
#: into the re-ranked window among many equally worded ones (ranking.py applies the real factor there).
RECENCY_POINTS = 4.0


def recency_tiers(ranking: RankingSettings, today: date) -> list[tuple[int, float]]:
    """(first day number of the tier, score) for each tier; a notice in several tiers gets each score."""
    if ranking.recency_weight <= 0:
        return []
    share = RECENCY_POINTS * ranking.recency_weight / len(RECENCY_TIERS)
    return [(day_number(today - timedelta(days=math.ceil(t * ranking.recency_half_life_days))), share) for t in RECENCY_TIERS]


def recency_bonus(schema: tantivy.Schema, ranking: RankingSettings, today: date) -> list[Query]:
    """Notices: the more recent, the more tiers they fall in (steps of a decay by half-lives), so an
    outage notice of last week ranks above one of 2012 with the same words."""
    bonuses = []
    for first, score in recency_tiers(ranking, today):
        recent = Query.boolean_query([
            (Occur.Must, Query.term_query(schema, "kind", "notice")),
            (Occur.Must, Query.range_query(schema, "publish_day", tantivy.FieldType.Integer, first, None)),
        ])
        bonuses.append(Query.const_score_query(recent, score))
    return bonuses
