"""What an input may change in the store, checked on the one ingest path before a batch is written.

Two rules (issue 16 items 11 and 12), for every source that hands items to an ingest session (`gongkai
ingest`, the drop folder, polling, crawls, reparse, quarantine retry, push):

- **No withdrawal by record file.** `withdrawn` is set by the store; a record that says
  `"withdrawn": true` (a tombstone, e.g. from `gongkai export`) is quarantined with the reason, never
  stored as a live version while the index drops it, and never applied. The documented ways to withdraw
  are the owning agency's push of its own record with `"withdrawn": true` (feeds.push), an
  operator's `gongkai withdraw ID`, and an operator's `gongkai ingest --apply-withdrawals FILE`
  (OperatorWithdrawals, below). So re-importing an export never hides a live record unless asked to.
- **No takeover by an empty source.** A record whose stored `source` is an agency (or a site) is not
  replaced by an input without a source: that would move its ownership to `""`, after which the agency's
  own push is refused. The input is quarantined with the owner's name; ingest it with that source.
- **An agency's drop folder stores that agency's records only.** An item from `inbox/<agency>/` (its source
  `inbox:<agency>`) may hold a record of source `inbox:<agency>`, `<agency>` (the name its HTTP push stores) or
  none, and may not replace a record another source owns: it is quarantined with the reason, as the push refuses
  (403) a record of another agency. The inbox's root (source `inbox`) is the operator's: its records keep the
  source they name, as with `gongkai ingest`.

The other store-owned fields of an input (`version`, `first_seen`, `last_seen`, `content_hash`) are
ignored, as before: the store sets them, the index does not hold them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from gongkai import withdrawal_reasons
from gongkai.ingest import IngestItem, IngestReport, ItemResult

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.store.store import Store


def tombstone_marker(record_id: str) -> str:
    """What every tombstone_refusal of `record_id` holds, whatever its input."""
    return f": withdrawn: a record file cannot withdraw record {record_id} ("


def tombstone_refusal(input_ref: str, record_id: str) -> str:
    return (
        f"{input_ref}{tombstone_marker(record_id)}the store sets `withdrawn`); "
        "the owning agency pushes it with \"withdrawn\": true, an operator runs `gongkai withdraw ID` "
        "or `gongkai ingest --apply-withdrawals FILE`"
    )


def takeover_refusal(input_ref: str, record_id: str, owner: str) -> str:
    return (
        f"{input_ref}: source: record {record_id} belongs to source {owner!r}; an input without a source "
        f"cannot replace it (give it \"source\": {owner!r}, e.g. `gongkai ingest --source {owner}`)"
    )


#: the source of an agency's drop folder, `inbox:<agency>` (feeds/inbox.py); the inbox's root is `inbox`
INBOX_AGENCY_PREFIX = "inbox:"


def inbox_agency(source: str) -> str | None:
    """The agency whose drop folder an item came from, or None (any other source, the inbox's root included)."""
    return source[len(INBOX_AGENCY_PREFIX):] or None if source.startswith(INBOX_AGENCY_PREFIX) else None


def agency_folder_refusal(input_ref: str, agency: str, record_id: str, named: str, owner: str) -> str | None:
    """Why a drop-folder item of `agency` may not store its record (`named`: the record's source, `owner`: the
    stored record's), or None."""
    # the bare name is the source the agency's push stores; never a `site:`-like source (a folder named site:xm-fgw)
    own = ("", f"{INBOX_AGENCY_PREFIX}{agency}", *((agency,) if ":" not in agency else ()))
    where = f"a file in inbox/{agency}/"
    if named not in own:
        return (f"{input_ref}: source: {where} names source {named!r}; an agency's folder stores its own records only "
                f"(source {' or '.join(repr(name) for name in own[1:])} or none)")
    if owner not in own:
        return f"{input_ref}: source: record {record_id} belongs to source {owner!r}; {where} cannot replace it"
    return None


def screen(batch: list[IngestItem], store: Store) -> list[IngestItem]:
    """The batch, with each item that would withdraw a record, take over its source or, from an agency's drop
    folder, store or replace another source's record, quarantined instead."""
    # `storable`: a JSON Lines worker's record is a row of plain values (gongkai.record_row), its Record made only on refusal
    records = [item.storable for item in batch]
    from_folders = [inbox_agency(item.source) for item in batch]
    asked = [record.id for record, agency in zip(records, from_folders)
             if record is not None and not record.withdrawn and (not record.source or agency)]
    owners: dict[str, tuple[str, str]] = {}
    if asked:  # one query for the batch, and none for the usual batch whose records name their source
        from gongkai.store.outbox import owners as stored_owners

        owners = stored_owners(store, asked)
    if not owners and not any(agency for agency in from_folders) and not any(record is not None and record.withdrawn for record in records):
        return batch
    screened: list[IngestItem] = []
    # who stores a record earlier in this batch owns it for the items after (doors11: two agencies' folders dropping one
    # sheet in one run, both went in, the second agency's copy a new version of the first's record, its source taken over)
    batch_owners: dict[str, str] = {}
    for item, record, agency in zip(batch, records, from_folders):
        reason = None
        if record is not None and record.withdrawn:
            reason = tombstone_refusal(item.input_ref, record.id)
        elif record is not None and agency:
            owner = owners.get(record.id, ("", ""))[1] or batch_owners.get(record.id, "")
            reason = agency_folder_refusal(item.input_ref, agency, record.id, record.source, owner)
        elif record is not None and not record.source and owners.get(record.id, ("", ""))[1]:
            reason = takeover_refusal(item.input_ref, record.id, owners[record.id][1])
        if reason is None:
            if record is not None and agency and record.id not in owners:
                batch_owners.setdefault(record.id, record.source or item.source)
            screened.append(item)
            continue
        full = item.record
        payload = item.payload if item.payload is not None or full is None else full.to_json()
        screened.append(IngestItem(item.input_ref, error=reason, payload=payload, source=item.source, capture_sha256=item.capture_sha256))
    return screened


class OperatorWithdrawals:
    """`gongkai ingest --apply-withdrawals`: the operator's decision to apply the tombstones of record files
    (an export of another instance, a backup), instead of quarantining them.

    A tombstone of a record that is here withdraws that record (source-driven, with the reason; its stored
    content is not replaced by the tombstone's, which may be older). A tombstone of a record that is not
    here is stored from its content, then withdrawn: the record is kept, hidden, as it was where it came
    from. Each such input gets one result, `withdrawn` (or `unchanged` when it already was).
    """

    def __init__(self, engine: Engine, reason: str = withdrawal_reasons.OPERATOR_IMPORT) -> None:
        self.engine, self.reason = engine, reason
        self.pending: list[tuple[str, str]] = []  # (input ref, record id), in input order
        self._stored_first: set[str] = set()  # inputs stored live before their withdrawal: their ingest result is not theirs

    def items(self, items: Iterable[IngestItem]) -> Iterator[IngestItem]:
        from gongkai.store.outbox import owners

        for item in items:
            record = item.storable
            if record is None or not record.withdrawn:
                yield item
                continue
            self.pending.append((item.input_ref, record.id))
            full = item.record  # a tombstone: made from the row here if it is one (rare)
            if full is not None and record.id not in owners(self.engine.store, [record.id]):
                self._stored_first.add(item.input_ref)
                yield replace(item, record=full.model_copy(update={"withdrawn": False}))

    def on_item(self, forward: Callable[[ItemResult], None] | None, report: list[ItemResult]) -> Callable[[ItemResult], None]:
        def handle(result: ItemResult) -> None:
            if result.input in self._stored_first and result.status != "quarantined":
                report.append(result)  # answered after the withdrawal, as one result
            elif forward is not None:
                forward(result)

        return handle

    def apply(self, report: IngestReport, held: list[ItemResult], forward: Callable[[ItemResult], None] | None) -> None:
        stored = {result.input: result for result in held}
        for ref, record_id in self.pending:
            if ref in self._stored_first and ref not in stored:
                continue  # quarantined on its way in: already reported so
            if ref in stored:
                report.counts[stored[ref].status] -= 1
            changed = self.engine.store.withdraw(record_id, self.reason)  # source-driven: its agency's push brings it back
            # its tombstone quarantined by a plain ingest named this as the remedy: done (probe5)
            self.engine.store.quarantine_resolve_containing(tombstone_marker(record_id))
            result = ItemResult(ref, record_id, "withdrawn" if changed else "unchanged")
            report.counts[result.status] += 1
            if forward is not None:
                forward(result)
        if self.pending:
            self.engine.catch_up_index()  # one index commit for all of them
