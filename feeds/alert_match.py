"""Which of a batch of new store changes each saved search matches, through the one Engine.search.

The batch (records whose change number is above an alert's cursor) is indexed into a throw-away Tantivy
index, and each alert's query and filters are run against it with Engine.search: the same query
understanding (segments, synonyms, the domain word list of the real store), the same filters, the
same substring rules as the search page. Searching the live index instead would have to page through
every old match of a broad query (停水 has thousands) to find the few new ones.

Relaxation is switched off here: an alert sends records that hold every word of its query, never the
"closest" ones a relaxed answer shows a person who would otherwise see nothing.

A place's outage alert (filter `area`: a street's subscription) is matched as the outage lookup answers
(Engine.outages): the index narrows to outage notices holding the place's name, and a notice counts when
one of its events names the place (gongkai.outages.matching_events: a road with its sections and
house-number ranges, 单号/双号 sides, a community by its own name), whatever the day.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai.record import Record

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.notices import OutageArea


def search_key(query: str, filters: dict[str, str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    return query, tuple(sorted(filters.items()))


class BatchMatcher:
    """One per alert run: an Engine over the run's store and a temporary index of one batch at a time."""

    def __init__(self, engine: Engine) -> None:
        from gongkai.engine import Engine

        settings = engine.settings.model_copy(deep=True)
        settings.search.relax = False
        settings.index.writer_heap_mb = 32  # a batch is small; do not reserve the live index's heap
        settings.index.writer_threads = 1
        self.settings = settings
        self._engine = Engine(settings)
        self._engine._store = engine.store  # same store (and so the same domain word list); noqa: SLF001
        self._outer = engine  # the live index: the earlier notices a correction without places calls off
        self._root = Path(tempfile.mkdtemp(prefix="gongkai-alerts-"))
        self._n = 0
        self._live: dict[str, Record] = {}

    def load(self, records: Sequence[Record]) -> None:
        """Index one batch (withdrawn records are left out: nothing is sent about a hidden record)."""
        from gongkai.indexer.search_index import SearchIndex

        self._n += 1
        if self._engine._index is not None:
            shutil.rmtree(self._engine._index.index_dir, ignore_errors=True)
        # with the store's validity statuses (issue 19), so that an alert on validity:in_force matches as search does
        index = SearchIndex(self._root / f"batch-{self._n}", self.settings.index, self.settings.search,
                            validity=self._engine.store.validity_statuses)
        live = [record for record in records if not record.withdrawn]
        self._live = {record.id: record for record in live}
        if live:
            index.add_or_replace(live, absent={record.id for record in live})
        index.commit(0)
        self._engine._index = index

    def match(self, query: str, filters: dict[str, str]) -> list[str]:
        """Ids of the loaded batch's records that the search (query + /api/search filters) finds, all of them;
        for a place's outage alert, those the outage lookup would answer with."""
        from gongkai.feeds.alert_store import AREA
        from gongkai.search_params import build_params

        if filters.get(AREA):
            return self._match_area(filters[AREA])

        params = build_params({"q": query, **filters}, self.settings.search, strict=True)
        request = params.to_request()
        request.sort, request.facets, request.offset = "date", False, 0  # order does not matter, and no facets
        request.limit = self.settings.search.max_page_size
        found: list[str] = []
        while True:
            response = self._engine.search(request)
            if response.relaxed:  # belt and braces: relax is off in these settings
                return []
            found.extend(hit.id for hit in response.hits)
            request.offset += len(response.hits)
            if not response.hits or request.offset >= response.total or request.offset > self.settings.search.max_offset - request.limit:
                return found

    def _match_area(self, area: str) -> list[str]:
        """Engine.outages' two steps over the batch, without its day: the index's candidates (outage notices
        holding the place's name), then the events decide: a window that cuts the place, or one that calls off a
        window of the place (停电取消 naming it: the watcher was told of the cut, so is told it is off)."""
        from gongkai.outage_areas import parse_query
        from gongkai.outages import calling_off, calls_off_place, corrects_without_places, matching_events

        asked = parse_query(area.strip())
        if asked is None:
            return []
        candidates = self.match('"' + asked.name.replace('"', " ") + '"', {"kind": "notice", "notice_type": "outage"})
        found = [found for found in candidates if found in self._live
                 and (matching_events(self._live[found].notice, asked, None) or calling_off(self._live[found].notice, asked))]
        # A correction printing no place (停电取消 of a line, 更正 of the notice of 12月3日, 延期) holds no place's name: it
        # is the watcher's news when it calls off a window of an earlier notice naming the place.
        corrections = [record for record in self._live.values() if corrects_without_places(record) and record.id not in found]
        if corrections:
            earlier = self._earlier_notices(asked, min(record.publish_date or date.max for record in corrections))
            found += [record.id for record in corrections if calls_off_place(record, earlier, asked)]
        return found

    def _earlier_notices(self, asked: OutageArea, until: date) -> list[Record]:
        """The live store's outage notices naming the asked place, published no later than `until` and at most
        search.outage_lookback_days before it (the outage lookup's window)."""
        from gongkai.outage_areas import printed_name
        from gongkai.search_types import SearchRequest

        conf = self.settings.search
        request = SearchRequest(q='"' + printed_name(asked).replace('"', " ") + '"', kind="notice", notice_type="outage",
                                date_from=until - timedelta(days=conf.outage_lookback_days) if until != date.max else None,
                                date_to=until + timedelta(days=1) if until != date.max else None,
                                limit=conf.max_page_size, facets=False, sort="date")
        response = self._outer.search(request)
        if response.relaxed:  # the place's name held by no notice: nothing to call off
            return []
        found = self._outer.store.get_many([hit.id for hit in response.hits])
        return [record for record in found.values() if not record.withdrawn]

    def close(self) -> None:
        shutil.rmtree(self._root, ignore_errors=True)

    def __enter__(self) -> BatchMatcher:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.close()
