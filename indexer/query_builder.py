"""Turns parsed clauses (query.py) and a SearchRequest's filters into one tantivy Query."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import cast

import tantivy
from tantivy import FieldType, Occur, Query

from gongkai.identifiers import normalize_doc_number, normalize_index_number
from gongkai.indexer.analysis import han_bigrams, positioned_tokens
from gongkai.indexer.ascii_terms import as_regex, expand_open_runs
from gongkai.indexer.codes import complete_code, dash_forms
from gongkai.indexer.query import Clause, parse_query
from gongkai.indexer.schema import TITLE_BOOST, day_number, url_key
from gongkai.search_types import SearchRequest
from gongkai.textnorm import fold

#: A query that IS a 文号/索引号 puts the document carrying it first, far above mere mentions.
IDENTIFIER_BOOST = 50.0


#: An ASCII run at the edge of a query may be part of a longer run in the text (202 in 2024, 18030 in
#: GB18030): from this length on it is matched as a part of a term. A single letter or digit stays a
#: whole term (as a part it would match nearly every number in the index).
ASCII_PART_MIN = 2
#: Longer runs are taken as complete (a code, a hash): tantivy's regex automaton has a size limit.
ASCII_PART_MAX = 40


def edge_patterns(tokens: list[tuple[int, str]]) -> list[str] | None:
    """Regexes for the tokens when an ASCII run at an edge may continue in the text, else None.

    Han characters are whole tokens, so a Chinese query's edges are exact already. An ASCII token
    is one whole run of letters/digits in the index, so the query's first run may be the END of a
    longer run, its last run the START of one, and a lone run any PART of one. Runs inside the
    query are bounded by its other tokens and stay exact.
    """
    first, last = 0, len(tokens) - 1
    patterns: list[str] = []
    widened = False
    for number, (_, token) in enumerate(tokens):
        pattern = re.escape(token)
        if token.isascii() and ASCII_PART_MIN <= len(token) <= ASCII_PART_MAX:
            if number == first:
                pattern, widened = ".*" + pattern, True
            if number == last:
                pattern, widened = pattern + ".*", True
        patterns.append(pattern)
    return patterns if widened else None


def _tokens_query(
    schema: tantivy.Schema, field: str, tokens: list[tuple[int, str]], widen: bool = True, patterns: list[str] | None = None
) -> Query:
    if patterns is None:
        patterns = edge_patterns(tokens) if widen else None
    if patterns is not None:  # a term dictionary scan (about 22 ms at 100,000 records): only for ASCII edges
        # … unless the search listed the terms (ascii_terms): an open run is then named by its expansions
        expanded = expand_open_runs(field, tokens, patterns)
        if expanded is None:  # a run no term holds
            return Query.empty_query()
        if len(tokens) == 1:
            if isinstance(expanded[0], tuple):  # const-scored like the regex query: the same terms, the same score
                return Query.term_set_query(schema, field, list(expanded[0]))
            return Query.regex_query(schema, field, patterns[0])
        try:
            return Query.regex_phrase_query(schema, field, [(position, as_regex(p)) for (position, _), p in zip(tokens, expanded)])
        except ValueError:  # expansions over tantivy's automaton size (~150 literals): the open regex answers alike
            return Query.regex_phrase_query(schema, field, [(position, p) for (position, _), p in zip(tokens, patterns)])
    if len(tokens) == 1:
        return Query.term_query(schema, field, tokens[0][1])
    # explicit positions: punctuation gaps must line up (the cast: tantivy's stub takes a list of str or pairs)
    return Query.phrase_query(schema, field, cast("list[str | tuple[int, str]]", tokens))


#: Whether an exact identifier is in the index: (field, normalised value) -> bool. Given by the searcher.
KnownIdentifier = Callable[[str, str], bool]


def _identifier_value(clause: Clause) -> str:
    if clause.identifier == "doc_number":
        return normalize_doc_number(clause.text)
    if clause.identifier == "url":
        return url_keys(clause.text)[0]
    return normalize_index_number(clause.text)


def url_keys(text: str) -> list[str]:
    """The url_keys a pasted link may be stored under: as pasted, then without its query string (a share link's
    ?from=timeline), each with or without its scheme (url_key drops it)."""
    typed = fold(text).strip()
    if "://" not in typed:
        typed = "//" + typed
    keys = [url_key(typed)]
    if "?" in typed:
        keys.append(url_key(typed.split("?", 1)[0]))
    return list(dict.fromkeys(keys))


def any_of(alternatives: list[Query]) -> Query | None:
    """A query matching any of the alternatives (None for none; a single one as it is, unwrapped)."""
    if not alternatives:
        return None
    if len(alternatives) == 1:
        return alternatives[0]
    return Query.boolean_query([(Occur.Should, q) for q in alternatives])


def text_query(
    schema: tantivy.Schema, clause: Clause, known: KnownIdentifier | None = None, checked: bool = True
) -> Query | None:
    """The clause's text as a substring of any text field (title boosted), or its exact identifier;
    `checked` False: a Han phrase's positions are not checked (the candidates: _substring_query)."""
    tokens = positioned_tokens(clause.text)
    alternatives: list[Query] = []
    if tokens:
        # A complete 文号/索引号 (one the index holds) is matched as typed: its runs are whole, which is
        # fast. Something shaped like one that no document carries is probably a part of something
        # longer (0592-8397 of the phone number 0592-83970053): its edges may continue, as for any text.
        # A link is matched whole where a text cites it (its runs as typed: no term-dictionary scan).
        # A phone number typed whole (0592-1234567, shaped like a 索引号) is a whole number too (indexer/codes.py).
        widen = clause.identifier != "url" and not complete_code(clause.text) and (
            clause.identifier is None or (known is not None and not known(clause.identifier, _identifier_value(clause))))
        alternatives.append(_substring_query(schema, tokens, widen=widen, checked=checked))
        if widen and clause.identifier == "index_number":  # no 索引号 it names: a code typed with dashes (2023-Y45)
            for joined in dash_forms(clause.text)[1:]:  # printed joined too
                alternatives.append(_substring_query(schema, positioned_tokens(joined), widen=True, checked=checked))
    if clause.identifier == "doc_number":
        exact = Query.term_query(schema, "doc_number", normalize_doc_number(clause.text))
        alternatives.append(Query.boost_query(exact, IDENTIFIER_BOOST))
    elif clause.identifier == "index_number":
        exact = Query.term_query(schema, "index_number", normalize_index_number(clause.text))
        alternatives.append(Query.boost_query(exact, IDENTIFIER_BOOST))
    elif clause.identifier == "url":  # the page's own record first; texts citing the link follow
        alternatives.extend(Query.boost_query(Query.term_query(schema, "url", key), IDENTIFIER_BOOST) for key in url_keys(clause.text))
    return any_of(alternatives)


def _substring_query(
    schema: tantivy.Schema, tokens: list[tuple[int, str]], widen: bool = True, title_boost: float = TITLE_BOOST,
    patterns: list[str] | None = None, checked: bool = True,
) -> Query:
    """Matches the documents holding the tokens as a phrase in any text (all_text); title matches score more.

    The Han character pairs (all_bigrams, no positions) select candidates cheaply. A 2-character
    word IS its pair, so nothing else is needed; a longer word is checked as a phrase on the
    candidates only. Everything required is one intersection (no union of phrase scorers: tantivy
    evaluates a union window by window, which verified the phrase on every candidate, measured up
    to 10x slower in multi-word queries); the title bonus is an optional clause, evaluated only on
    documents that already match.

    A word of Han characters only is scored by its pairs; its phrase only checks (score 0). So the
    query without the check (`checked=False`: the candidates, a superset) gives every document it
    shares with the checked query the same score, and the best checked hits can be found among the
    best candidates (SearchIndex._checked_top) without checking the phrase on every candidate:
    the phrase check reads the positions of every character and is most of a broad query's cost.
    """
    pairs = han_bigrams(tokens)
    required: list[tuple[Occur, Query]] = [(Occur.Must, Query.term_query(schema, "all_bigrams", p)) for p in pairs]
    if not (len(tokens) == 2 and len(pairs) == 1):  # not exactly one pair: check the phrase itself
        phrase = _tokens_query(schema, "all_text", tokens, widen, patterns)
        if patterns is None and checks_pairs(tokens):
            if checked:
                required.append((Occur.Must, Query.const_score_query(phrase, 0.0)))
        else:
            required.append((Occur.Must, phrase))
    title_bonus = Query.boost_query(title_query(schema, tokens, widen, patterns), title_boost)
    return Query.boolean_query([*required, (Occur.Should, title_bonus)])


def title_query(
    schema: tantivy.Schema, tokens: list[tuple[int, str]], widen: bool = True, patterns: list[str] | None = None
) -> Query:
    """The records whose title holds the tokens (what the title bonus scores). Han characters in a row: their
    pairs in title_bigrams (term queries: a 2-character word's pair is its phrase; a longer word's pairs may
    stand apart in a title, rarely, and only the bonus is given then), not a phrase read from the positions
    of every match: that cost a common word most of its time at 1,000,000 records (issue 20)."""
    pairs = han_bigrams(tokens)
    if patterns is None and ((len(tokens) == 2 and len(pairs) == 1) or checks_pairs(tokens)):
        if len(pairs) == 1:
            return Query.term_query(schema, "title_bigrams", pairs[0])
        return Query.boolean_query([(Occur.Must, Query.term_query(schema, "title_bigrams", p)) for p in pairs])
    return _tokens_query(schema, "title", tokens, widen, patterns)


def checks_pairs(tokens: list[tuple[int, str]]) -> bool:
    """Whether the tokens are 3 or more Han characters in a row: their phrase only checks what their pairs
    find (and score), so the query without the check is a superset scored alike (the candidates)."""
    return len(tokens) > 2 and len(han_bigrams(tokens)) == len(tokens) - 1 and not any(t.isascii() for _, t in tokens)


def loosens(clause: Clause) -> bool:
    """Whether the clause's candidates (checked=False) differ from its query: a positive text clause, quoted
    or not, of 3 or more Han characters in a row (a negated one stays checked: it must exclude exactly)."""
    return clause.field is None and not clause.negated and checks_pairs(positioned_tokens(clause.text))


def field_query(schema: tantivy.Schema, clause: Clause) -> Query | None:
    field = clause.field
    if field in ("issuer", "topic"):  # a substring of the name, like a word
        tokens = positioned_tokens(clause.text)
        return _tokens_query(schema, f"{field}_text", tokens) if tokens else None
    if field == "year":
        return Query.term_query(schema, "year", int(clause.text))
    if field == "doc_number":
        return Query.term_query(schema, "doc_number", normalize_doc_number(clause.text))
    if field == "index_number":
        return Query.term_query(schema, "index_number", normalize_index_number(clause.text))
    if field in ("kind", "notice_type"):
        return Query.term_query(schema, field, clause.text)
    if field == "validity":  # selects, does not score: every hit of validity:x holds it alike
        return Query.const_score_query(Query.term_query(schema, "validity", clause.text), 0.0)
    return None


def searches_something(clause: Clause) -> bool:
    """Whether the clause gives a query (clause_query is not None) without building it: a field clause but an issuer: or
    topic: whose value holds no index term, a text clause holding one (a letter, 汉字 or digit the index keeps: not 。。,
    ~~~ or a lone accent ͣˮ). A query none of whose clauses does holds nothing to search (search15)."""
    if clause.field is None:
        return bool(positioned_tokens(clause.text)) or clause.identifier is not None
    return clause.field not in ("issuer", "topic") or bool(positioned_tokens(clause.text))


#: What clients send to list everything (Lucene's and Solr's habit): the empty query, not a query of nothing searchable.
MATCH_ALL = frozenset({"*", "*:*", "＊"})


def nothing_to_search(query: str, clauses: list[Clause]) -> bool:
    """Typed, yet none of its clauses gives a query (。。, ~~~, -。): it answers nothing (search15). Empty, or a lone `*`,
    is browsing: every record (with the filters)."""
    typed = query.strip()
    return bool(typed) and typed not in MATCH_ALL and not any(searches_something(clause) for clause in clauses)


def holds_something_to_search(query: str, max_length: int | None = None) -> bool:
    """Whether a query holds something to search for, or lists everything (empty, `*`): an alert or subscription to a
    query of punctuation or symbols only (。。, ~~~) is refused (search15)."""
    return not nothing_to_search(query, parse_query(query, max_length))


def clause_query(
    schema: tantivy.Schema, clause: Clause, known: KnownIdentifier | None = None, checked: bool = True
) -> Query | None:
    return text_query(schema, clause, known, checked) if clause.field is None else field_query(schema, clause)


def filter_queries(schema: tantivy.Schema, request: SearchRequest) -> list[Query]:
    """Exact filters of the request; they select, they do not score."""
    filters: list[Query] = []
    for field in ("kind", "issuer", "notice_type", "topic", "validity"):
        value = getattr(request, field, None)
        if value:
            filters.append(Query.term_query(schema, field, value))
    if request.year is not None:
        filters.append(Query.term_query(schema, "year", int(request.year)))
    if request.date_from is not None or request.date_to is not None:
        low = day_number(request.date_from) if request.date_from else 1  # 1: records without a date never match
        high = day_number(request.date_to) if request.date_to else None
        filters.append(Query.range_query(schema, "publish_day", FieldType.Integer, low, high))
    return [Query.const_score_query(f, 0.0) for f in filters]


def build_query(
    schema: tantivy.Schema, clauses: list[Clause], request: SearchRequest, known: KnownIdentifier | None = None
) -> tuple[Query, bool]:
    """(the query, whether it has scoring text clauses). Clauses with no searchable tokens are dropped."""
    must: list[Query] = []
    must_not: list[Query] = []
    scored = False
    for clause in clauses:
        scored = place_clause(schema, clause, known, must, must_not) or scored
    return combine(schema, request, must, must_not), scored


def build_candidates(
    schema: tantivy.Schema, clauses: list[Clause], request: SearchRequest, known: KnownIdentifier | None = None
) -> Query | None:
    """build_query's query without the phrase checks of its Han phrases of 3+ characters (a quoted
    "统一社会信用代码" too): a superset of its matches, each scored alike (candidates.py finds the best hits
    and the counts on it). None when no clause has such a phrase."""
    if not any(loosens(clause) for clause in clauses):
        return None
    must: list[Query] = []
    must_not: list[Query] = []
    for clause in clauses:
        place_clause(schema, clause, known, must, must_not, checked=False)
    return combine(schema, request, must, must_not)


def place_clause(
    schema: tantivy.Schema, clause: Clause, known: KnownIdentifier | None, must: list[Query], must_not: list[Query],
    checked: bool = True,
) -> bool:
    """Adds the clause's query to must or must_not (none when it has no searchable tokens); True when it scores.
    `checked` False leaves out the phrase check of a positive clause (never of a negated one)."""
    query = clause_query(schema, clause, known, checked or clause.negated)
    if query is None:
        return False
    if clause.negated:
        must_not.append(query)
        return False
    must.append(query)
    return clause.field is None  # a field clause (title:, issuer: …) selects, free text scores


def combine(
    schema: tantivy.Schema, request: SearchRequest, must: list[Query], must_not: list[Query], should: Sequence[Query] = ()
) -> Query:
    """One query of the parts plus the request's filters; nothing required: every record."""
    must = must + filter_queries(schema, request) or [Query.all_query()]
    parts = [(Occur.Must, q) for q in must] + [(Occur.MustNot, q) for q in must_not] + [(Occur.Should, q) for q in should]
    return must[0] if len(parts) == 1 else Query.boolean_query(parts)
