"""A catalogue's lines still waiting for their files (doors13): a line naming a file not delivered with its catalogue is
kept in the quarantine (`catalogue_file_missing`, the line as its payload: gongkai.parsers.catalogue). A file of that name
that the agency delivers later, in another drop-folder run (a sync tool that sends the list first and the files an hour
later, past feeds.inbox_sidecar_wait_seconds), takes that line's fields, and the line's entry is closed once the file
went in. It went in without them, and the entry stayed open for ever (doors12's gap)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gongkai.parsers.catalogue import line_entry

if TYPE_CHECKING:
    from gongkai.store import Store

#: the reason a catalogue's line serving no file is quarantined with (parsers.catalogue.missing_reason)
_WAITING = re.compile(r"the catalogue .+? names (?P<file>.+), which is not beside it")


@dataclass(frozen=True)
class WaitingLine:
    entry_id: int  # its open quarantine entry
    ref: str  # the line's input reference (inbox:A/index.jsonl#3)
    fields: dict[str, Any]


def agency_doors_refs(agency: str) -> tuple[str, ...]:
    """The refs under which an agency's catalogues wait, through either of its doors: its drop folder's own folder
    (`inbox:厦门市财政局/`) and its push (`push:厦门市财政局:file:`). One agency, two doors (feeds/agency_doors.py): a
    catalogue its sync tool drops serves the file its other client pushes, and the other way round (doors14: each door's
    lines served only its own files, and the other's file went in without its line, the line open for ever)."""
    return (f"inbox:{agency}/", f"push:{agency}:file:")


def waiting_lines(store: Store, folder_refs: str | Iterable[str], names: Iterable[str]) -> dict[str, WaitingLine]:
    """File name among `names` -> the newest open line of a catalogue of the folder whose refs start with one of
    `folder_refs` (`inbox:厦门市财政局/`, a catalogue in that folder itself, not in one below it) that names it, as written
    or equal but for case (a catalogue written on Windows)."""
    wanted: dict[str, list[str]] = {}
    for name in names:
        wanted.setdefault(name.casefold(), []).append(name)
    found: dict[str, WaitingLine] = {}
    if not wanted:
        return found
    prefixes = (folder_refs,) if isinstance(folder_refs, str) else tuple(folder_refs)
    rows = [(prefix, row) for prefix in prefixes for row in store.quarantine_reasons_starting(prefix, limit=1_000_000)]
    rows.sort(key=lambda pair: pair[1]["id"], reverse=True)  # newest first, whichever door
    for folder_ref, row in rows:
        catalogue, _, number = row["input_ref"][len(folder_ref):].rpartition("#")
        match = _WAITING.search(row["reason"])
        if not catalogue or "/" in catalogue or not number.isdigit() or match is None:
            continue  # another folder's, or no line waiting for a file
        candidates = wanted.get(match["file"].replace("\\", "/").rpartition("/")[2].casefold(), [])
        if not candidates:
            continue
        kept = store.quarantine_get(row["id"])
        entry = line_entry(int(number), kept.get("payload") if kept else None)
        path = entry.path() if entry is not None and not entry.error else None
        if entry is None or path is None or len(path.parts) != 1:
            continue
        served = str(path) if str(path) in candidates else (candidates[0] if len(candidates) == 1 else None)
        if served is not None and served not in found:
            found[served] = WaitingLine(row["id"], row["input_ref"], entry.fields)
    return found
