"""One agency is one source whichever door it uses: its HTTP push (records of source `厦门市财政局`) and its drop folder
(`inbox/厦门市财政局/`, records of source `inbox:厦门市财政局`) bring the same content as the same record.

The rule: a record keeps the door that first brought it. An item of an agency's door whose record is already stored
as it came through the agency's other door takes that record's source (and, when its id is its content's, that id):
the same content is then `unchanged`, one record, whichever door sends it again. Without it a record with neither
索引号 nor URL got two ids (the id hashes the content, the source in it), and one with either flipped its source at
every sending, a version each time.

No id already stored changes (no migration): the first door's id stands, and a record first stored by either door is
found from the other. A record the agency's other door never brought keeps its own door.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from gongkai.ownership import INBOX_AGENCY_PREFIX, inbox_agency
from gongkai.record import BOOKKEEPING_FIELDS, Record, compute_content_hash, content_hash_from_json

if TYPE_CHECKING:
    from gongkai.ingest import IngestItem
    from gongkai.store.store import Store

#: items looked up in the store at once (one query each)
_CHUNK = 500


def doors(agency: str) -> tuple[str, str] | None:
    """The two sources of an agency's records: its push's name and its drop folder's; None for a name that is no
    agency (empty, or `site:…`-like)."""
    if not agency or ":" in agency:
        return None
    return agency, f"{INBOX_AGENCY_PREFIX}{agency}"


def one_record_across_doors(store: Store, items: Iterable[IngestItem], agency: str | None = None) -> Iterator[IngestItem]:
    """The items, each record of an agency's door that is stored as its other door brought it given that record's
    source and id. `agency`: the door's agency for every item (a push); None: each item's drop folder's (item.source
    `inbox:A`; the inbox's root, `inbox`, is the operator's, no agency's door)."""
    chunk: list[IngestItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= _CHUNK:
            yield from _chunk(store, chunk, agency)
            chunk = []
    if chunk:
        yield from _chunk(store, chunk, agency)


def _chunk(store: Store, items: list[IngestItem], agency: str | None) -> list[IngestItem]:
    from gongkai.store.outbox import owners

    # item index -> (the other door, the ids it may be stored under there: its own id, its content's id by that door)
    asked: dict[int, tuple[str, list[str]]] = {}
    for number, item in enumerate(items):
        record = item.storable
        pair = doors(agency or inbox_agency(item.source) or "")
        if record is None or pair is None or record.source not in pair or record.withdrawn:
            continue
        other = pair[1] if record.source == pair[0] else pair[0]
        ids = [record.id]
        if record.id == _hash_id(record.content_hash):  # an id made of the content, the source in it
            ids.append(_hash_id(_content_hash_as(item, other)))
            issuer = _issuer_by(other, record.issuer, pair[0])
            if issuer is not None:  # and the issuer the other door gives a record naming none
                ids.append(_hash_id(_content_hash_as(item, other, issuer)))
        asked[number] = (other, ids)
    if not asked:
        return items
    stored = owners(store, [record_id for _, ids in asked.values() for record_id in ids])
    out = list(items)
    for number, (other, ids) in asked.items():
        found = next((record_id for record_id in ids if stored.get(record_id, ("", ""))[1] == other), None)
        if found is not None:
            out[number] = _as_stored(items[number], found, other, stored[found][0], agency or inbox_agency(items[number].source) or "")
    return out


def _issuer_by(door: str, issuer: str, agency: str) -> str | None:
    """The issuer `door` gives a record its agency sends naming no issuer, where the other door gives another; None when
    both doors give this one. The push fills an empty issuer with its agency; the drop folder leaves it empty."""
    if door == agency and issuer == "":
        return agency
    if door != agency and issuer == agency:
        return ""
    return None


def _hash_id(content_hash: str) -> str:
    """gongkai.record.derive_id of a record with neither 索引号 nor URL."""
    return hashlib.sha256(("hash:" + content_hash).encode("utf-8")).hexdigest()[:20]


def _content_hash_as(item: IngestItem, source: str, issuer: str | None = None) -> str:
    """The content hash the item's record would have with another source (and issuer, when given; everything else as
    it is). A JSON Lines worker's row is read from its JSON (a third of the cost of making its Record again: 20,000
    records of a drop-folder export cost 1.3 s more main-process CPU that way)."""
    changes = {"source": source} if issuer is None else {"source": source, "issuer": issuer}
    row = getattr(item, "row", None)
    if row is not None:
        return content_hash_from_json(row.own, **changes)
    record = item.record
    assert record is not None
    return compute_content_hash(record.model_copy(update=changes))


def _as_stored(item: IngestItem, record_id: str, source: str, stored_issuer: str, agency: str) -> IngestItem:
    """The item as record `record_id` of `source`, with its issuer when the two differ only by the door's filling (the
    push's agency, the drop folder's none): else each door's sending was a new version, its issuer flipped. The
    prepared index text, data head and validity read belong to the record as it was: dropped, made again (as
    feeds.same_file does)."""
    record = item.record
    assert record is not None
    fields = {**record.model_dump(exclude=set(BOOKKEEPING_FIELDS - {"id"})), "id": record_id, "source": source}
    if {record.issuer, stored_issuer} == {"", agency}:
        fields["issuer"] = stored_issuer
    changed = Record.model_validate(fields)
    return replace(item, record=changed, prepared=None, data_head=None, validity=None)


__all__ = ["doors", "one_record_across_doors"]
