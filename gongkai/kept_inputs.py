"""Inputs kept as files, and how long: standard input kept for `gongkai ingest -` (DATA_DIR/stdin/) and the drop
folder's archive (inbox-archive/DAY/RUN/…, failed ones under failed/).

They are kept for ever by default, as the raw captures are (setting `scheduler.kept_inputs_days`, 0). With a number of
days, the nightly maintenance (and `gongkai inbox prune`) deletes such files kept longer than that, but never one a
quarantine entry still points to, whatever its status (`gongkai quarantine retry ID` takes resolved entries too): a
kept standard input named by a line's reference (`…/stdin/ab12….jsonl:3`), or an archived drop-folder file
(`inbox:厦门市财政局/r.jsonl#2`, every run's copy of it) with its sidecar beside it (a retry reads it as it lies).
A file's age is counted from when it was kept: its status change time (a rename into the archive sets it; the mtime is
the agency's own).

Orphan raw captures go by the same days: a capture's bytes are put on disk (DATA_DIR/raw/ab/cd/SHA256) before the batch
that writes its row, so a run that failed as a whole (a full disk, the store down) leaves the bytes of its documents
with no row. The next run of the same bytes finds them by their SHA-256 and writes the row; one that never comes (the
file was taken back) leaves them for ever. A folder of captures (not an s3:// bucket) is walked for files older than
the days with no row, and for the `.tmp-` halves a killed write left; both are deleted. Days old: another node's batch
that put its bytes a moment ago has long written its row.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from gongkai.inbox_layout import agency_dirname, archive_dir
from gongkai.input_refs import ref_path
from gongkai.settings import Settings
from gongkai.stdin_input import STDIN_FOLDER

#: a reference's part after its file: a line (":12"), an array element ("[3]"), a record or notice of a file ("#2")
_PART = re.compile(r"(:\d+|\[\d+\]|#\d+)$")


class QuarantineRefs(Protocol):
    def quarantine_list(self, status: str | None = ..., limit: int = ...) -> list[dict]: ...
    def known_captures(self, sha256s: Sequence[str]) -> set[str]: ...


#: a capture's file name (store/blobs.py: ROOT/ab/cd/SHA256), and what a killed write leaves beside it
_CAPTURE_NAME = re.compile(r"[0-9a-f]{64}")
_CAPTURE_TEMP = ".tmp-"


@dataclass
class PruneReport:
    deleted: list[str] = field(default_factory=list)
    kept_for_quarantine: list[str] = field(default_factory=list)
    freed_bytes: int = 0
    orphan_captures: int = 0  # of `deleted`: raw captures with no row (their run failed as a whole)

    def as_dict(self) -> dict[str, object]:
        return {"deleted": len(self.deleted), "kept_for_quarantine": len(self.kept_for_quarantine),
                "freed_bytes": self.freed_bytes, "orphan_captures": self.orphan_captures, "files": self.deleted}


def prune_kept_inputs(settings: Settings, store: QuarantineRefs, days: int, now: float | None = None) -> PruneReport:
    """Delete kept inputs older than `days` days that no quarantine entry points to; `days` 0 deletes nothing."""
    report = PruneReport()
    if days <= 0:
        return report
    cutoff = (time.time() if now is None else now) - days * 86400
    refs = [str(item["input_ref"]) for item in store.quarantine_list(None, limit=10**9)]
    # by name (the SHA-256 of the bytes): a reference holds the path as the data directory was given then (relative?)
    stdin_named = {path.name for path in (ref_path(_PART.sub("", ref)) for ref in refs) if path.parent.name == STDIN_FOLDER}
    archive = archive_dir(settings)
    archived_named = _archived_places(refs)
    for path in _files(settings.data_dir / STDIN_FOLDER):
        _prune(path, path.name in stdin_named, cutoff, report)
    for path in _files(archive):
        inside = path.relative_to(archive).parts
        # failed/DAY/RUN/AGENCY/NAME…: a retry reads it from there (gongkai.inbox_layout.archived_input), with its sidecar
        named = inside[:1] == ("failed",) and len(inside) >= 5 and _named(inside[3:], archived_named)
        _prune(path, named, cutoff, report)
    _remove_emptied_folders(report.deleted, (settings.data_dir / STDIN_FOLDER, archive))
    if not settings.store.blob_url or settings.store.blob_url.startswith("file://"):
        _prune_orphan_captures(Path(settings.store.blob_url[len("file://"):]) if settings.store.blob_url else settings.raw_dir,
                               store, cutoff, report)
    return report


def _prune_orphan_captures(root: Path, store: QuarantineRefs, cutoff: float, report: PruneReport) -> None:
    """Delete the capture files older than `cutoff` that have no capture row, and old `.tmp-` halves (module text)."""
    old: list[Path] = []
    for path in _files(root):
        if path.name.startswith(_CAPTURE_TEMP):
            before = len(report.deleted)
            _prune(path, False, cutoff, report)
            report.orphan_captures += len(report.deleted) - before
        elif _CAPTURE_NAME.fullmatch(path.name) and _older(path, cutoff):
            old.append(path)
    for start in range(0, len(old), 500):
        chunk = old[start:start + 500]
        known = store.known_captures([path.name for path in chunk])
        for path in chunk:
            if path.name not in known:
                before = len(report.deleted)
                _prune(path, False, cutoff, report)
                report.orphan_captures += len(report.deleted) - before


def _older(path: Path, cutoff: float) -> bool:
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return max(info.st_ctime, info.st_mtime) < cutoff


def _archived_places(refs: Iterable[str]) -> set[tuple[str, ...]]:
    """(agency folder, subfolders…, file name) of each drop-folder reference's file, as the archive's run folders hold it."""
    places = set()
    for ref in refs:
        if not ref.startswith("inbox:"):
            continue
        shown = _PART.sub("", ref[len("inbox:"):])
        agency, name = shown.split("/", 1) if "/" in shown else ("", shown)
        place = (agency_dirname(agency), *Path(name).parts)
        places.add(place)
        for end, part in enumerate(place[1:-1], start=2):
            if part.lower().endswith(".zip"):  # a record of a zip's member (A/2026.zip/一月.jsonl#3): the zip holds it
                places.add(place[:end])
        if "." in place[-1]:  # its STEM.json / STEM.xml sidecar: (…, STEM, "")
            places.add((*place[:-1], place[-1].rpartition(".")[0], ""))
    return places


def _named(parts: tuple[str, ...], places: set[tuple[str, ...]]) -> bool:
    """The file a reference names (any run's copy), or a sidecar beside one (NAME.json/.xml, STEM.json/.xml)."""
    if parts in places:
        return True
    stem, dot, suffix = parts[-1].rpartition(".")
    if not dot or suffix.lower() not in ("json", "xml"):
        return False
    return (*parts[:-1], stem) in places or (*parts[:-1], stem, "") in places


def _files(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            # a .piped-… copy a killed `gongkai ingest -` left too: one being copied now is young (written to)
            yield Path(root) / name


def _prune(path: Path, named: bool, cutoff: float, report: PruneReport) -> None:
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return
    if max(info.st_ctime, info.st_mtime) >= cutoff:
        return
    if named:
        report.kept_for_quarantine.append(str(path))
        return
    try:
        path.unlink()
    except OSError:
        return  # gone meanwhile, or not ours to delete: left
    report.deleted.append(str(path))
    report.freed_bytes += info.st_size


def _remove_emptied_folders(deleted: list[str], roots: tuple[Path, ...]) -> None:
    """The folders that deleting left empty, deepest first, up to their root: only those (a run may be filling a new
    folder of today's right now; the files deleted are days old, in folders of their own day)."""
    folders = {parent for name in deleted for parent in Path(name).parents if any(parent.is_relative_to(root) and parent != root for root in roots)}
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty


__all__ = ["PruneReport", "prune_kept_inputs"]
