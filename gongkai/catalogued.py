"""Which files of a `gongkai ingest` run a catalogue beside them describes (gongkai.parsers.catalogue): the catalogues,
read as no input of their own, the fields each file they name takes, and a refused item per line that serves no file
(a file not delivered, a path out of the folder, a line that cannot be read), never lost. Files named on the command
line take the line of a catalogue in their folder too (a retry of an archived drop-folder document reads it so)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai.ingest import IngestItem
from gongkai.input_refs import path_ref
from gongkai.recordfiles import RecordLimits

if TYPE_CHECKING:
    from gongkai.parsers.catalogue import Catalogue


@dataclass
class Catalogued:
    catalogues: set[Path] = field(default_factory=set)
    fields: dict[Path, dict[str, Any]] = field(default_factory=dict)  # a file -> the fields its catalogue line gives
    refused: list[IngestItem] = field(default_factory=list)


def catalogued(files: list[Path], given: list[Path], limits: RecordLimits, source: str) -> Catalogued:
    """The catalogues among `files` (each line serving a file of `files` in its folder, or refused), and those beside a
    file named in `given` (their lines serve it; the catalogue itself is not read as an input, nor its other lines)."""
    found = Catalogued()
    present = set(files)
    for path in files:  # read_catalogue looks at a file's name and size first: most are no catalogue, read no further
        _read(path, present, limits, source, found, report=True)
    for folder in sorted({path.parent for path in given if path.is_file() and path not in found.catalogues}):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            beside = folder / name
            if beside not in present and not name.startswith("."):
                _read(beside, present, limits, source, found, report=False)
    return found


def named_beside(given: list[Path], files: list[Path], limits: RecordLimits) -> list[Path]:
    """The files that a catalogue named on the command line names and that lie beside it, not among `files`: `gongkai ingest
    下载/index.jsonl` reads the downloads it lists (review20b: each line was refused, `which is not beside it`, untrue)."""
    from gongkai.parsers.catalogue import read_catalogue

    known = set(files)
    found: list[Path] = []
    for path in given:
        catalogue = read_catalogue(path, limits)  # None for a file no catalogue (by its name and size first) or no file
        if catalogue is None:
            continue
        for name in served_on_disk(path, catalogue).values():
            if (target := path.parent / name) not in known and target.is_file():  # a folder named is no file of it
                known.add(target)
                found.append(target)
    return found


def served_on_disk(path: Path, catalogue: Catalogue) -> dict[int, str]:
    """Entry number -> the name (relative to its folder) of the file on disk that the catalogue at `path` names (as written,
    else the one equal but for case)."""
    try:
        present = set(os.listdir(path.parent))
    except OSError:
        return {}
    present |= {str(entry.path()) for entry in catalogue.entries
                if not entry.error and entry.path() is not None and (path.parent / str(entry.path())).is_file()}
    return catalogue.served(present)


def _read(path: Path, present: set[Path], limits: RecordLimits, source: str, found: Catalogued, report: bool) -> None:
    from gongkai.parsers.catalogue import entry_ref, missing_reason, read_catalogue
    from gongkai.record_file_kinds import record_file_kind

    catalogue = read_catalogue(path, limits)
    if catalogue is None:
        return
    if report:
        found.catalogues.add(path)
    beside = {p.relative_to(path.parent).as_posix(): p for p in present if p.is_relative_to(path.parent) and p != path}
    served = catalogue.served(set(beside))
    for entry in catalogue.entries:
        if entry.number in served:
            target = beside[served[entry.number]]
            try:
                if record_file_kind(target) is not None:
                    continue  # a record file the catalogue lists is read as itself: nothing to give it
            except OSError:
                continue  # (its own reading says why)
            found.fields[target] = {**entry.fields, **found.fields.get(target, {})}
        elif report:
            ref = entry_ref(path_ref(path), entry)
            found.refused.append(IngestItem(ref, error=f"{ref}: {missing_reason(path.name, entry)}", payload=entry.payload,
                                            source=source))

