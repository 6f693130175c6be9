"""The terms of an index state's text fields, listed once, to expand an ASCII run that may continue in the text.

A query's ASCII run at an open edge is matched as a part of longer runs (`.*gov`, `.*18030.*`: GB18030 in
the text). tantivy answers such a regex by walking the whole term dictionary of every segment, because a
leading `.*` prunes nothing: about 22 ms a field at 100,000 records, again for every query, field and step of
a relaxed answer, so a run no record holds (`www.xm.gov.cn`, `COVID-19`) cost up to a second of CPU. Here the
terms of each field are listed once per index state (one walk, ~170 ms at 100,000 records, paid by the first
such query after a commit) and a run's expansions are found by a plain string search of that list (~1 ms);
the query then names them exactly (a regex of literals, which the dictionary walk follows without detours).
The matches and the scores are the same as the open regex's: the same terms, found another way.

A list is only right for the index state it was read from: `SearchIndex` keeps one per (generation,
version) and its readers reload only when told (`config_reader("Manual")`), so a searcher never holds terms
its list lacks. Outside a search that set a list (`active_terms`), patterns stay regexes.

After a reload (a commit of this process or another's), the fields the state before had listed are listed again
for the new state by a background thread (`warm`): the listing is tantivy's work and releases the GIL for most of
it, so the first citizen whose query needs a list after a commit no longer waits for it (a serving process during
a long ingest reloads once a minute). A query needing a field that is being listed waits for that listing only.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import tantivy

#: More expansions than this: the open regex is kept (a short common run such as 20 is part of tens of
#: thousands of numbers; a regex of that many literals would be larger than tantivy's automaton allows).
MAX_EXPANSIONS = 512
#: Cached expansions per list (a relaxed answer asks for the same run in several steps and fields).
_CACHE_LIMIT = 4096


class TermLists:
    """The terms of one index state, per field, read on first use; a run's expansions by string search."""

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self._searcher = searcher
        self._joined: dict[str, str] = {}
        self._expansions: dict[tuple[str, str, bool], tuple[str, ...] | None] = {}
        self._locks: dict[str, threading.Lock] = {}  # per field: two threads needing one field's list read it once
        self._locks_lock = threading.Lock()
        # the fields a query of this state asked for: only they are listed ahead for the next state, so a serving
        # process whose citizens stopped typing such runs stops listing after every commit
        self._asked: set[str] = set()

    def asked_fields(self) -> tuple[str, ...]:
        """The fields whose terms a search of this state needed (warming alone does not count)."""
        return tuple(sorted(self._asked))

    def warm(self, fields: tuple[str, ...]) -> threading.Thread:
        """List `fields` in a background thread (see the module); returns the thread (tests join it)."""
        thread = threading.Thread(target=self._list_all, args=(fields,), name="gongkai-term-lists", daemon=True)
        thread.start()
        return thread

    def _list_all(self, fields: tuple[str, ...]) -> None:
        for field in fields:
            try:
                self._terms_of(field)
            except Exception:  # noqa: BLE001 - a warm-up that fails leaves the listing to the query that needs it
                return

    def _terms_of(self, field: str) -> str:
        joined = self._joined.get(field)
        if joined is None:
            with self._locks_lock:
                lock = self._locks.setdefault(field, threading.Lock())
            with lock:
                joined = self._joined.get(field)
                if joined is None:
                    terms = self._searcher.terms_with_prefix(field, "")
                    # one string, a term a line: a run is found in all of them by one str.find loop (C speed)
                    joined = "\n" + "\n".join(term for term, _ in terms) + "\n"
                    self._joined[field] = joined
        return joined

    def ending_or_holding(self, field: str, run: str, open_right: bool) -> tuple[str, ...] | None:
        """The field's terms ending with `run` (`open_right` False) or holding it anywhere (True), or None when
        they are more than MAX_EXPANSIONS (the caller keeps the regex)."""
        self._asked.add(field)
        key = (field, run, open_right)
        try:  # one lookup (`in` then `[]`: another thread's clear() between them raised KeyError)
            return self._expansions[key]
        except KeyError:
            pass
        expansions = _find(self._terms_of(field), run, open_right)
        if len(self._expansions) >= _CACHE_LIMIT:
            self._expansions.clear()
        self._expansions[key] = expansions
        return expansions


def _find(joined: str, run: str, open_right: bool) -> tuple[str, ...] | None:
    """The lines of `joined` ending with `run` (or holding it: `open_right`); None past MAX_EXPANSIONS."""
    found: dict[str, None] = {}
    position = joined.find(run)
    while position != -1:
        end = position + len(run)
        line_end = joined.find("\n", end)
        if open_right or line_end == end:
            found[joined[joined.rfind("\n", 0, position) + 1 : line_end]] = None
            if len(found) > MAX_EXPANSIONS:
                return None
        position = joined.find(run, position + 1)
    return tuple(found)


#: The term lists of the index state the current search reads (set by SearchIndex.search).
active_terms: ContextVar[TermLists | None] = ContextVar("active_terms", default=None)


@contextmanager
def terms_in_use(terms: TermLists | None) -> Iterator[None]:
    """Queries built inside expand their open ASCII runs from `terms` (None: they stay regexes)."""
    token = active_terms.set(terms)
    try:
        yield
    finally:
        active_terms.reset(token)


#: A token's pattern as it is (a regex) or the exact terms it stands for.
Expanded = str | tuple[str, ...]


def expand_open_runs(field: str, tokens: list[tuple[int, str]], patterns: list[str]) -> list[Expanded] | None:
    """`patterns` with each open-left run (`.*run`, `.*run.*`) replaced by the terms it stands for, from the
    active lists; a pattern it cannot expand stays a regex; None: a run no term holds (nothing matches).
    Runs open only to the right (`run.*`) stay regexes: tantivy follows that prefix in the dictionary."""
    terms = active_terms.get()
    if terms is None:
        return list(patterns)
    out: list[Expanded] = []
    for (_, token), pattern in zip(tokens, patterns):
        escaped = re.escape(token)
        if pattern in (".*" + escaped, ".*" + escaped + ".*"):
            expansions = terms.ending_or_holding(field, token, pattern.endswith(".*"))
            if expansions is not None:
                if not expansions:
                    return None
                out.append(expansions)
                continue
        out.append(pattern)
    return out


def as_regex(expanded: Expanded) -> str:
    """A pattern for tantivy's regex queries: expansions as an alternation of literals."""
    if isinstance(expanded, str):
        return expanded
    return "(?:" + "|".join(map(re.escape, expanded)) + ")"
