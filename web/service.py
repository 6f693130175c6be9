"""What the API and the page both ask of the engine, with the engine's failures turned into clear errors.

No search logic lives here: `engine.search` decides what matches and how it ranks.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gongkai.search_params import SearchParams

if TYPE_CHECKING:  # for annotations only: at run time the engine is handed in, never imported here
    from datetime import date

    from gongkai.engine import Engine
    from gongkai.outage_question import OutageAnswer
    from gongkai.record import Record
    from gongkai.search_types import SearchResponse, Suggestion
    from gongkai.settings import Settings

log = logging.getLogger("gongkai.web")


class BadQuery(ValueError):
    """The engine cannot take this query (syntax it rejects); the message says why."""


@dataclass
class WebContext:
    """Everything a route needs: the engine and the limits.

    `engine.search` calls `engine.refresh()` itself (cheap: a stat of the index's meta file), so a
    long-running server sees commits and generation swaps of other processes without a restart.
    """

    engine: Engine
    settings: Settings

    def __post_init__(self) -> None:
        from gongkai.web.app_identity import code_digest

        code_digest()  # the files as this process started on them (once a process), not as they are at its first request

    def search(self, params: SearchParams) -> SearchResponse:
        request = params.to_request()
        request.fill = True  # the page and the API: a short first page is followed by partial matches (Hit.partial)
        try:
            return self.engine.search(request)
        except BadQuery:
            raise
        except ValueError as exc:
            # The engine reports a query it cannot take as a ValueError: the visitor's input is at fault,
            # not the server. Anything else is a bug and becomes a logged 500.
            log.info("query refused by the engine: %r: %s", params.q[:100], exc)
            raise BadQuery(_first_line(exc) or "the query could not be parsed") from exc

    def index_state(self) -> Hashable:
        """What the searches see now (index generation and commit), after picking up other processes' commits."""
        self.engine.refresh()
        return self.engine.index.state_key()

    def data_state(self, path: str) -> Hashable:
        """What an answer to GET `path` built after this call reads (web/conditional.state_etag), named alike in every
        process serving this data directory with the same settings and code (clients10: the workers of `serve --workers
        N` answer a tag of another with a 304): the settings and code (web/app_identity), the commit the index's searcher
        loaded (its generation and the digest of its meta.json; on a node whose index holds the store's last change, that
        change, as on every other node of the deployment: clients11), what the in-memory word lists were built from (query
        understanding's, rebuilt in the background, and the completions of /api/suggest), the store's last change number
        (each commit takes the next numbers, under one lock, so every commit moves it) and the day in Beijing (明天, a
        repeal still to come)."""
        from gongkai.dates import beijing_today
        from gongkai.web.app_identity import app_identity

        self.engine.refresh()  # other processes' commits and generation switches
        seq = self.engine.store.max_seq()
        index = self.engine.index.shared_state_key(seq)  # by the change alone once the index holds it: alike on every node
        vocabulary, completions = self.engine.word_lists_built_from(suggestions=path == "/api/suggest")
        # A word list not built yet is built by the answer, from the state read here: named so, a process that has not
        # built it yet and one that built it from this very state give one tag. OAI-PMH reads the store alone: a worker that
        # searched and rebuilt its word list and one that did not give a harvester one tag.
        words = (vocabulary or (index, seq), completions) if path not in _READ_FROM_THE_STORE_ALONE else None
        return app_identity(self.settings), index, words, seq, beijing_today()

    def get(self, record_id: str) -> Record | None:
        """The record, or None (also for an id that cannot exist, without asking the store)."""
        return self.engine.get(record_id) if _may_exist(record_id) else None

    def versions(self, record_id: str) -> list[Record]:
        """Every version, oldest first (the last is current); [] for an unknown id."""
        return list(self.engine.versions(record_id)) if _may_exist(record_id) else []

    def lookup(self, doc_number: str | None, index_number: str | None) -> list[Record]:
        return list(self.engine.lookup(doc_number=doc_number, index_number=index_number))

    def suggest(self, prefix: str, limit: int, types: list[str] | None) -> list[Suggestion]:
        return list(self.engine.suggest(prefix, limit, types))

    def outages(self, area: str, day: date | None, until: date | None = None,
                hours: tuple[tuple[int, int], ...] | None = None) -> list[tuple[Record, list[Any]]]:
        """(record, the events naming the area on the day, within `hours` of it when given: 下午) pairs; an area that is no
        place (路) is an invalid parameter (422), as a blank one is."""
        from gongkai.errors import QueryError
        from gongkai.search_params import ParameterError

        try:
            return list(self.engine.outages(area, day, until, hours=hours))
        except QueryError as exc:
            raise ParameterError("area", f"请填写街道、小区或路名 / {_first_line(exc)}") from exc

    def outage_answer(self, query: str) -> OutageAnswer | None:
        """The search box's outage question (湖滨南路明天停电吗) answered by the outage lookup, or None when the
        query asks none (gongkai.outage_question)."""
        from gongkai.outage_question import answer_outage_question

        return answer_outage_question(self.engine, query)

    def stats(self) -> dict[str, Any]:
        # The operators' status (gongkai status) cut down to what anyone may see: with last crawl and sync.
        from gongkai.facades import Facades

        return Facades.of(self.engine).status.public_stats()


#: GET routes whose answers use no in-memory word list (web ETags): OAI-PMH is built from the store's rows.
_READ_FROM_THE_STORE_ALONE = frozenset({"/oai"})


def _may_exist(record_id: str) -> bool:
    # Ids are short ASCII: anything else (a visitor's typo, a hostile URL) cannot exist, and is not
    # worth a store round-trip.
    return len(record_id) <= 128 and record_id.isascii()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().split("\n", 1)[0][:300]
