"""The same file sent again by the same agency is the same record, whatever metadata comes with it.

A record's id derives from its 索引号, else its URL, else its content hash (gongkai.record.derive_id); a file
pushed (/api/ingest) or dropped into the inbox folder without the first two gets the hash, so sending it
again with a 文号, a title or a topic added (an agency completing its metadata) would make a second record
beside the first. The file's bytes (its kept capture) say it is the same document: the item keeps the id of
the agency's record already linked to those bytes (the newest). When the new sending gives the file a 索引号
or URL, its id is that identity's, and the agency's earlier records of the same bytes that had neither are
returned, to be withdrawn once the new one is stored (a harvester then sees the old id deleted and the new one
added, not two copies). An id the agency named itself (metadata or sidecar `id`) is its choice: left alone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from gongkai import withdrawal_reasons
from gongkai.record import derive_id

if TYPE_CHECKING:
    from gongkai.ingest import IngestItem
    from gongkai.store.store import Store

#: The reason an earlier record is withdrawn when the same file comes again with a 索引号 or URL.
SUPERSEDED_BY_SAME_FILE = withdrawal_reasons.SAME_FILE_PREFIX


def same_file_same_record(store: Store, item: IngestItem, source: str,
                          this_run: dict[tuple[str, str], str] | None = None) -> tuple[IngestItem, list[str]]:
    """The item with the id of `source`'s earlier record of the same bytes (when its own id is its content's),
    and the ids of earlier records to withdraw once it is stored (when it now has a 索引号 or URL).
    `this_run` (source, bytes -> id) holds the items of a run not stored yet: the same file dropped twice in one
    run of the drop folder (a.pdf, then a copy with its sidecar completed) is one record too."""
    record = item.record
    if record is None or not item.capture_sha256 or record.id != derive_id(record):
        return item, []
    key = (source, item.capture_sha256)
    plain = not (record.index_number or record.url)
    if this_run is not None and plain and this_run.get(key, record.id) != record.id:
        return _with_id(item, this_run[key]), []
    earlier = [
        found
        for found in (store.get(record_id) for record_id in store.records_of_capture(item.capture_sha256))
        if found is not None and found.id != record.id and found.source in _doors_of(source) and not found.withdrawn
    ]
    if not plain:
        return item, [found.id for found in earlier if not found.index_number and not found.url]
    same = _with_id(item, earlier[-1].id) if earlier else item
    if this_run is not None:
        this_run[key] = same.record.id if same.record is not None else record.id
    return same, []


def last_sending_fields(store: Store, sha256: str, source: str) -> dict[str, Any]:
    """The fields the newest live record of `source`'s doors made from these bytes was sent with (its sending's sidecar,
    catalogue line or metadata), {} when none: the same file sent again alone keeps them (the new sending's own fields win
    over them). A page that took its catalogue's title and link went back to its column's name, 通知公告, when the sync
    tool sent it again alone (doors13)."""
    for record_id in reversed(store.records_of_capture(sha256)):
        record = store.get(record_id)
        if record is None or record.withdrawn or record.source not in _doors_of(source):
            continue
        meta = store.sending_meta(record_id, sha256)
        if meta is None:  # from the row: the kept bytes may be gone, and the sender has them in hand (doors14: a 500)
            meta = store.capture_meta(sha256)
        sidecar = (meta or {}).get("sidecar") if isinstance(meta, dict) else None
        return dict(sidecar) if isinstance(sidecar, dict) else {}
    return {}


def _doors_of(source: str) -> tuple[str, ...]:
    """The sources of one sender: an agency's push (`厦门市财政局`) and its drop folder (`inbox:厦门市财政局`) are one agency
    (feeds/agency_doors.py), so a file dropped and then pushed with a 索引号 supersedes the dropped record (it stayed
    beside the pushed one); any other source is itself."""
    from gongkai.feeds.agency_doors import doors
    from gongkai.ownership import inbox_agency

    agency = inbox_agency(source) or ("" if source == "inbox" else source)  # the inbox's root is the operator's
    return doors(agency) or (source,)


def _with_id(item: IngestItem, record_id: str) -> IngestItem:
    """The item as a new version of record `record_id`. The prepared index text, data head and validity read
    belong to the record as it was: dropped, made again."""
    assert item.record is not None
    return replace(item, record=item.record.model_copy(update={"id": record_id}), prepared=None, data_head=None, validity=None)
