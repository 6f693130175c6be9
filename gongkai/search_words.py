"""The domain word list of query understanding, built from the store (the source of truth) and the index.

Issuers come from the store's issuer column; streets, roads, communities and companies from the notices'
structured fields (outage areas, the company of a business notice; not the holders of lost-item notices,
who are often private persons);
文号 prefixes from the index's 文号 field (a column scan, no record is read). The engine rebuilds it when
the index has taken new commits (store changes reach the index as commits), at most every
`search.vocabulary_refresh_seconds`, in a background thread; the first one is built before the first search.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from gongkai.indexer.vocabulary import DomainVocabulary, build_vocabulary

#: Notices whose names join the word list: outage areas and the companies of business notices. Not the
#: holders of lost-property notices: private persons, whom did-you-mean must never offer.
_NAMED_NOTICES = ("outage", "business_tax")


def _issuers(store: Any) -> list[str]:
    from gongkai.store.schema import records

    with store.read_engine.connect() as conn:
        rows = conn.execute(select(records.c.issuer).where(records.c.withdrawn == False).distinct())  # noqa: E712
        return [row[0] for row in rows if row[0]]


def _notices(store: Any, batch: int = 5000) -> Iterator[dict | None]:
    """The `notice` field of the notices that name places or companies, extracted by the database (json_extract
    on SQLite, ->> on PostgreSQL, as store/suggest_rows.py does): the bodies never leave it."""
    from sqlalchemy import JSON, cast, type_coerce

    from gongkai.store.schema import records

    engine = store.read_engine
    data = type_coerce(records.c.data, JSON) if engine.dialect.name == "sqlite" else cast(records.c.data, JSON)
    after = ""
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                select(records.c.id, data["notice"])
                .where(records.c.kind == "notice", records.c.notice_type.in_(_NAMED_NOTICES), records.c.withdrawn == False,  # noqa: E712
                       records.c.id > after)
                .order_by(records.c.id).limit(batch)
            ).all()
        for _, notice in rows:
            if isinstance(notice, str):  # a driver that hands the JSON back undecoded
                try:
                    notice = json.loads(notice)
                except ValueError:
                    continue
            yield notice if isinstance(notice, dict) else None
        if len(rows) < batch:
            return
        after = rows[-1][0]


def store_vocabulary(store: Any, index: Any) -> DomainVocabulary:
    return build_vocabulary(_issuers(store), _notices(store), index.field_values("doc_number"))


class VocabularyKeeper:
    """Keeps the index's word list in step with the store, keyed by the index state (generation, commit)."""

    def __init__(self, refresh_seconds: float) -> None:
        self.refresh_seconds = refresh_seconds
        self._key: object = None
        #: What the word list in use was built from, alike in every process (web ETags): the index's shared name and the
        #: store's change number, read before building it; None before the first.
        self.built_from: object = None
        self._built_at = 0.0
        self._lock = threading.Lock()
        self._running = False

    def ensure(self, store: Any, index: Any) -> None:
        key = index.state_key()
        if key == self._key:
            return
        if self._key is None:  # the first search of the process waits for it: answers do not depend on timing
            with self._lock:
                if self._key is None:
                    self._build(store, index, key)
            return
        if self._running or time.monotonic() - self._built_at < self.refresh_seconds:
            return
        with self._lock:
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._build_in_background, args=(store, index, key), name="gongkai-vocabulary", daemon=True).start()

    def _build_in_background(self, store: Any, index: Any, key: object) -> None:
        try:
            self._build(store, index, key)
        finally:
            self._running = False

    def _build(self, store: Any, index: Any, key: object) -> None:
        seq = store.max_seq()
        built_from = (index.shared_state_key(seq), seq)  # named by the change alone on a node caught up (clients11)
        index.understanding.set_vocabulary(store_vocabulary(store, index))
        self._key, self.built_from = key, built_from
        self._built_at = time.monotonic()
