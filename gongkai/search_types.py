"""The request and response types of search: what the engine, the CLI and the API exchange with the index.

In the core, not the indexer (issue 17): the shells and the feeds build requests and read responses without
importing the index; the indexer implements them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

#: Facet names, in the order a UI shows them.
FACET_NAMES: tuple[str, ...] = ("kind", "issuer", "notice_type", "topic", "year", "validity")

SORTS: tuple[str, ...] = ("relevance", "date")


@dataclass
class SearchRequest:
    q: str = ""  # user query text; empty: every record (with the filters)
    kind: str | None = None  # "disclosure" | "notice"
    issuer: str | None = None  # exact issuer (a facet value)
    notice_type: str | None = None
    topic: str | None = None
    year: int | None = None
    validity: str | None = None  # a status of gongkai.validity.STATUSES (in_force, repealed, …; issue 19)
    date_from: date | None = None  # publish_date range, inclusive
    date_to: date | None = None
    sort: str = "relevance"  # "relevance" | "date" (newest first)
    limit: int = 10
    offset: int = 0
    facets: bool = True
    explain: bool = False  # each hit says why it ranks where it does (Hit.explain)
    # A first page that has fewer records holding every word than it shows is followed by records holding some of
    # them (Hit.partial; `total` still counts only the first). The page and /api/search ask for it; feeds and
    # alerts never do (a partial match is no match for them).
    fill: bool = False


@dataclass
class Hit:
    id: str
    title: str
    doc_number: str
    index_number: str
    issuer: str
    publish_date: date | None
    kind: str
    notice_type: str | None
    url: str
    snippet_html: str  # matched text in <em>..</em>, everything else HTML-escaped
    snippet_text: str  # matched text in 【..】, for terminals
    score: float
    explain: dict[str, float | str | list[str]] | None = None  # named ranking factors, when the request asked
    validity: str = "unknown"  # the record's status when it was indexed (issue 19)
    partial: bool = False  # holds only some of the query's words: follows the full matches (SearchRequest.fill)


@dataclass
class SearchResponse:
    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # keys: FACET_NAMES
    relaxed: bool = False  # no record held every query segment: these hold most of them
    dropped: list[str] = field(default_factory=list)  # the segments the relaxed answer does not require
    did_you_mean: list[str] = field(default_factory=list)  # other spellings, offered when nothing matched
    # True: `total` and the facet counts are upper bounds, counted on the records holding every word's
    # character pairs without the phrase check (more of them than search.exact_count_limit); the hits are exact
    approximate: bool = False
    # The query typed holds nothing the index can match (。。, ~~~, a stray accent ͣˮ: no letter, 汉字 or digit it keeps, and no
    # field clause): nothing is answered, and the shells say why (an empty query, or filters alone, still lists everything)
    nothing_searchable: bool = False


#: The search box's suggestion types, in the order the API documents them (gongkai.indexer.suggest makes them).
SUGGESTION_TYPES: tuple[str, ...] = ("issuer", "title", "doc_number", "street", "outage")


@dataclass(frozen=True)
class Suggestion:
    """One completion of the search box: its text, its type (SUGGESTION_TYPES) and how many records carry it."""

    text: str
    type: str
    count: int


class TextMarks(Protocol):
    """What a query matched in a text, by the index's rules (Engine.marks; gongkai.indexer.marks makes it): the page
    wraps these in <mark>. `spans(text)`: (start, end) str offsets into `text`, sorted, never overlapping."""

    def spans(self, text: str) -> list[tuple[int, int]]: ...
