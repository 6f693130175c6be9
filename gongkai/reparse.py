"""Re-parse stored records from their kept raw captures, after a parser fix or a settings change.

Each record remembers the captures it was parsed from (store.captures_of). The newest one is parsed
again with the current parsers and goes through the normal ingest path, so a record whose fields
come out differently gets a new version and one that comes out the same is left `unchanged`.
Records that arrived as structured JSON have no capture and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from gongkai.ingest import IngestItem
from gongkai.store.errors import StoreError

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.parsers import Capture


def capture_from_store(engine: Engine, sha256: str) -> tuple[Capture, bool] | None:
    """The kept capture, and whether it was ingested as a notice column (to be split again)."""
    from gongkai.parsers import Capture

    kept = engine.store.get_capture(sha256)
    if kept is None:
        return None
    data, info = kept
    meta = info.get("meta") or {}
    capture = Capture(
        data=data, url=info.get("url") or "", content_type=info.get("content_type") or "", filename=meta.get("filename") or "",
        source=info.get("source") or "", fetched_at=info.get("fetched_at"), sidecar=dict(meta.get("sidecar") or {}),
    )
    return capture, bool(meta.get("notice_column"))


def reparse_items(engine: Engine, record_ids: Iterable[str], skipped: list[str]) -> Iterator[IngestItem]:
    """Ingest items for the given records' newest captures; ids with no capture are added to `skipped`."""
    from gongkai.inputs import capture_items

    done: set[str] = set()  # a notice column is one capture for many records: parse it once
    documents: list[Capture] = []
    for record_id in record_ids:
        shas = engine.store.captures_of(record_id)
        try:
            kept = capture_from_store(engine, shas[-1]) if shas else None
        except StoreError:  # the kept file is missing or altered: that record is skipped, the others go on
            kept = None
        if kept is None:
            skipped.append(record_id)
            continue
        if shas[-1] in done:
            continue
        done.add(shas[-1])
        capture, is_column = kept
        if is_column:
            yield from capture_items([capture], engine, notices=True, parallel=True)
        else:
            documents.append(capture)
    yield from capture_items(documents, engine, parallel=True)
