"""Re-parse stored records from their kept raw captures, after a parser fix or a settings change.

Each record remembers the captures it was parsed from (store.captures_of). The newest one is parsed
again with the current parsers and goes through the normal ingest path, so a record whose fields
come out differently gets a new version and one that comes out the same is left `unchanged`.
Records that arrived as structured JSON have no capture and are skipped.

A notice column parsed again may no longer yield a record it yielded before: a line of page chrome that
the old parser took for a notice (上一篇：遗失声明), or a notice whose id was made by an older rule (its
position and text, before gongkai/notice_identity.py). Such records are superseded: `ColumnTracker`
collects, per column, the records asked for and the ids the new parse gave, and the engine withdraws the
rest once the new records are stored (a source-driven withdrawal: kept as a tombstone, reported as deleted
to harvesters). A column with any notice that failed to parse supersedes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from gongkai import withdrawal_reasons
from gongkai.ingest import CaptureKey, IngestItem
from gongkai.store.errors import StoreError

if TYPE_CHECKING:
    from gongkai.ingest_session import IngestSession
    from gongkai.parsers import Capture


SUPERSEDED_REASON = withdrawal_reasons.COLUMN_REPARSE


@dataclass
class ColumnTracker:
    """Per notice column (capture sha256): the records asked for, the ids its new parse gave, and whether any
    of its notices failed."""

    asked: dict[str, set[str]] = field(default_factory=dict)
    given: dict[str, set[str]] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def track(self, sha256: str, items: Iterable[IngestItem]) -> Iterator[IngestItem]:
        for item in items:
            if item.record is not None:
                self.given.setdefault(sha256, set()).add(item.record.id)
            else:
                self.failed.add(sha256)
            yield item

    def superseded(self) -> list[str]:
        """Ids asked for that their column, parsed again without a failure, no longer gives."""
        return sorted(record_id for sha256, asked in self.asked.items() if sha256 not in self.failed
                      for record_id in asked - self.given.get(sha256, set()))


def reparse_items(session: IngestSession, record_ids: Iterable[str], skipped: list[str],
                  columns: ColumnTracker | None = None) -> Iterator[IngestItem]:
    """Ingest items for the given records' newest captures, parsed by the session (its parser pool and
    parsing rules); ids with no capture, and withdrawn records, are added to `skipped`; notice columns are reported to
    `columns` (see ColumnTracker)."""
    columns = columns if columns is not None else ColumnTracker()

    columns_done: set[str] = set()  # a notice column is one capture for many records: parse it once
    # A document's bytes found at two URLs are two records sharing one capture (its row keeps the first URL):
    # each record is parsed under its own URL, so each gets its own new version. capture sha256 -> URLs parsed.
    documents_done: dict[str, set[str]] = {}
    documents: list[tuple[CaptureKey, Capture]] = []
    asked: dict[CaptureKey, str] = {}  # each document's capture key -> the record it is parsed again for
    for record_id in record_ids:
        stored = session.store.get(record_id)
        if stored is not None and stored.withdrawn:
            # Parsed again it would be stored as a live version: a superseded record beside its successor, a takedown back.
            skipped.append(record_id)
            continue
        shas = session.store.captures_of(record_id)
        try:
            kept = session.kept_capture(shas[-1], record_id) if shas else None
        except StoreError:  # the kept file is missing or altered: that record is skipped, the others go on
            kept = None
        if kept is None:
            skipped.append(record_id)
            continue
        capture, is_column = kept
        if is_column:
            columns.asked.setdefault(shas[-1], set()).add(record_id)
            if shas[-1] not in columns_done:
                columns_done.add(shas[-1])
                yield from columns.track(shas[-1], session.capture_items([capture], notices=True, parallel=True))
            continue
        url = stored.url if stored is not None and stored.url else capture.url
        parsed_under = documents_done.setdefault(shas[-1], set())
        if url in parsed_under:
            continue
        parsed_under.add(url)
        key = CaptureKey(url or capture.filename or f"capture:{shas[-1][:12]}", len(documents))
        asked[key] = record_id
        documents.append((key, capture if url == capture.url else replace(capture, url=url)))
    for item in session.capture_items(documents, parallel=True):
        yield _as_asked(item, asked.get(item.capture) if item.capture is not None else None)


def _as_asked(item: IngestItem, record_id: str | None) -> IngestItem:
    """The document parsed again is the record asked for. One that came without a URL or 索引号 has an id made
    from its content (gongkai.record.derive_id): with a field changed by the new parse it would be stored as a
    second record beside the old one, which search would keep listing."""
    if item.record is None or record_id is None or item.record.id == record_id:
        return item
    # The item's worker-made parts belong to the record as parsed: dropped with it (see IngestItem.data_head).
    return replace(item, record=item.record.model_copy(update={"id": record_id}), prepared=None, validity=None, data_head=None)
