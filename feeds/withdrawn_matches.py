"""Which recently withdrawn records a search feed or a street's outage feed matched: their RFC 6721 tombstones.

Those feeds follow the search index, which holds live records only, so a withdrawn record simply left them: a reader
holding its entry (a 垃圾分类 notice a search feed brought, a street's outage notice the operator took down as
misprinted) kept showing it, with no word. The issuer's and notice type's feeds, read from the store, say it with a
tombstone at its withdrawal; these now do too (session 17, clients7).

The records withdrawn in the last `HORIZON` (at most `LIMIT`, newest first) are indexed, as live, into a throw-away
index (gongkai.feeds.alert_match.BatchMatcher: the same query understanding, filters and outage-place rules as the
search and the lookup, relaxation off), rebuilt only when that set of withdrawals changes; a feed's first page asks it
which of them its own search or street matches. A reader polling less often than `HORIZON` misses the tombstone (as it
misses entries paged away), and a record withdrawn before it is never re-announced.
"""

from __future__ import annotations

import threading
import weakref
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from gongkai.record import Record

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.feeds.alert_match import BatchMatcher

#: How long after its withdrawal a record is announced gone by the search and street feeds.
HORIZON = timedelta(days=30)
#: At most this many recent withdrawals are matched (the newest): a mass takedown beyond it is told by the store feeds
#: (an issuer's, a notice type's) and OAI-PMH only. Indexing them is the first search feed's cost after the set changes:
#: 2,000 took 6.6 s at load 12, 200 about 0.5 s (bench: /tmp-style run in the commit message).
LIMIT = 200


class WithdrawnMatches:
    """One per engine (`of`): the recently withdrawn records and a matcher over them, rebuilt when they change."""

    def __init__(self, engine: Engine) -> None:
        self._engine = weakref.ref(engine)
        self._lock = threading.Lock()
        self._key: tuple[tuple[str, datetime], ...] = ()
        self._gone: dict[str, tuple[Record, datetime]] = {}
        self._matcher: BatchMatcher | None = None
        self._stale = True  # the matcher's index is not of the current withdrawals

    def area(self, area: str) -> list[tuple[Record, datetime]]:
        """(withdrawn notice, its withdrawal) of the outage notices whose windows name the street, or call off one
        naming it, as the lookup and a street's alert read them (gongkai.outages); few are withdrawn, so each is read."""
        from gongkai.outage_areas import parse_query
        from gongkai.outages import calling_off, matching_events

        asked = parse_query(area.strip())
        if asked is None:
            return []
        with self._lock:
            self._refresh()
            found = [
                (record, when)
                for record, when in self._gone.values()
                if record.notice_type == "outage"
                and record.notice
                and (matching_events(record.notice, asked, None) or calling_off(record.notice, asked))
            ]
        return sorted(found, key=lambda pair: (pair[1], pair[0].id), reverse=True)

    def search(self, query: str, filters: dict[str, str]) -> list[tuple[Record, datetime]]:
        """(withdrawn record, its withdrawal) of those the search (query + /api/search filters) would have found."""
        from gongkai.feeds.alert_match import BatchMatcher

        with self._lock:
            self._refresh()
            if not self._gone:
                return []
            engine = self._engine()
            if self._matcher is None and engine is not None:  # made once (its engine), indexed again at each change
                self._matcher = BatchMatcher(engine)
                self._stale = True
            if self._stale and self._matcher is not None:  # on the first search after the withdrawals changed
                self._matcher.load(
                    [record.model_copy(update={"withdrawn": False}) for record, _ in self._gone.values()]
                )
                self._stale = False
            found = self._matcher.match(query, filters) if self._matcher is not None else []
            return sorted(
                (self._gone[i] for i in dict.fromkeys(found) if i in self._gone),
                key=lambda pair: (pair[1], pair[0].id),
                reverse=True,
            )

    def _refresh(self) -> None:
        """Read the recent withdrawals (one indexed query); a changed set is indexed again on the next search."""
        from gongkai.store.outbox import withdrawn_since

        engine = self._engine()
        key = tuple(withdrawn_since(engine.store, datetime.now(UTC) - HORIZON, LIMIT)) if engine is not None else ()
        if key == self._key:
            return
        self._stale = True
        found = engine.store.get_many([record_id for record_id, _ in key]) if engine is not None and key else {}
        self._key, self._gone = key, {i: (found[i], when) for i, when in key if i in found and found[i].withdrawn}

    def close(self) -> None:
        with self._lock:
            if self._matcher is not None:
                self._matcher.close()
                self._matcher = None


_BY_ENGINE: weakref.WeakKeyDictionary[Engine, WithdrawnMatches] = weakref.WeakKeyDictionary()
_CREATING = threading.Lock()


def of(engine: Engine) -> WithdrawnMatches:
    """The engine's matcher of recent withdrawals, made on first use."""
    with _CREATING:
        found = _BY_ENGINE.get(engine)
        if found is None:
            found = _BY_ENGINE[engine] = WithdrawnMatches(engine)
            weakref.finalize(engine, found.close)
        return found
