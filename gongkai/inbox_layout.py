"""Where the drop folder keeps its files: the inbox, the archive, an agency's folder name, and where a failed
input, or the file of a record quarantined alone, now lies. Below both the drop folder (feeds/inbox.py, which files them) and quarantine retry
(gongkai/inputs.py, which reads them again), so the core never imports a feed (tests/test_layers.py)."""

from __future__ import annotations

import glob
import re
from datetime import UTC, datetime
from pathlib import Path

from gongkai.compressed import inner_name, open_record_file
from gongkai.ingest import IngestItem
from gongkai.record_file_kinds import record_file_kind
from gongkai.recordfiles import CSV_SUFFIXES, RecordLimits, kind_of, read_items
from gongkai.settings import Settings

#: the number of a record of a drop-folder record file (`inbox:A/export.jsonl#3`) or of a notice of a column, at the end
#: of its reference; a file's own name may hold "#" (`报告#2.pdf`, `通知#1.jsonl`)
NUMBERED = re.compile(r"#\d+$")
ROOT_AGENCY = ""  # files straight in the inbox
ROOT_DIRNAME = "@root"  # their folder in the archive


def inbox_dir(settings: Settings) -> Path:
    return Path(settings.feeds.inbox_dir or settings.data_dir / "inbox")


def archive_dir(settings: Settings) -> Path:
    return Path(settings.feeds.archive_dir or settings.data_dir / "inbox-archive")


def agency_dirname(agency: str) -> str:
    return ROOT_DIRNAME if agency == ROOT_AGENCY else agency


def agency_from_dirname(name: str) -> str:
    return ROOT_AGENCY if name == ROOT_DIRNAME else name


def archived_input(settings: Settings, ref: str, seen_until: datetime | None = None) -> Path | None:
    """Where a drop-folder input quarantined as a whole file (`inbox:AGENCY/NAME`, no bytes kept with the
    entry) now lies: the newest copy under archive/failed/, so `gongkai quarantine retry` can read it again
    (e.g. a JSON Lines export refused as over parsers.max_file_bytes before record files were streamed).
    `seen_until` (the entry's last sighting): the newest copy of a run that started by then, the entry's own, not a
    file of the same name delivered later (a daily export.jsonl), whose line N is another record."""
    if not ref.startswith("inbox:") or NUMBERED.search(ref):
        return None
    shown = ref[len("inbox:"):]
    agency, name = shown.split("/", 1) if "/" in shown else (ROOT_AGENCY, shown)
    if not name or ".." in Path(name).parts or (agency and agency.startswith(".")):
        return None
    failed = archive_dir(settings) / "failed"
    pattern = f"*/*/{glob.escape(agency_dirname(agency))}/{glob.escape(name)}"
    found = sorted(failed.glob(pattern), reverse=True)  # day/run names sort by time
    for path in found:
        started = _run_started(path.relative_to(failed).parts[1])
        if path.is_file() and not path.is_symlink() and (seen_until is None or started is None or started <= seen_until):
            return path
    return None


def _run_started(run: str) -> datetime | None:
    """When a pick-up run started, from its folder's name (feeds/inbox.py: `%Y%m%dT%H%M%S-…`, UTC)."""
    try:
        return datetime.strptime(run[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def file_ref(ref: str) -> str:
    """The file a drop-folder reference names: without a record's or notice's number (`#3`), a "#" of the name kept.
    The first "#" was taken for the number, so a good `通知#1.jsonl` was archived as failed (its records were counted
    under `通知`), and a retry of `报告#2.pdf` read its kept bytes instead of the copy fixed in the archive."""
    return NUMBERED.sub("", ref)


def numbered_ref(name: str, place: str, number: int) -> str:
    """Drop-folder input references: `inbox:AGENCY/FILE#N` for the Nth record of a record file."""
    return name if place == "only" else f"{name}#{number}"


def archived_record(settings: Settings, ref: str, source: str, limits: RecordLimits,
                    seen_until: datetime | None = None) -> IngestItem | None:
    """The Nth record of a drop-folder record file (`inbox:AGENCY/NAME#N`) read again from the file's copy under
    archive/failed/ (its run's: `seen_until`, see archived_input), by the limits as they are now; None when the ref
    names no record file or the copy is gone. A record over records.max_record_bytes is quarantined without its bytes:
    its file is all that holds it; a line the clerk fixed there is read as fixed."""
    file_ref, mark, number = ref.rpartition("#")
    by_name = kind_of(inner_name(file_ref))
    # a notice of a column (notices/NAME.txt#7) is a document's part, kept as a capture; a .txt export outside notices/ is
    # records when its bytes say so (feeds/inbox._opens_as_records), checked on the archived copy below
    bare = file_ref.rpartition("/")[2]
    txt = (bare.lower().endswith((".txt", *CSV_SUFFIXES)) or "." not in bare.lstrip(".")) and "/notices/" not in file_ref
    if not mark or not number.isdigit() or int(number) < 1 or (by_name is None and not txt):
        return None
    wanted = int(number)
    zipped = _zip_member(file_ref)
    if zipped is not None:  # a zip member's record (A/2026.zip/一月.jsonl#3): read again from the archived zip
        return _archived_member_record(settings, ref, source, limits, seen_until, *zipped, wanted)
    path = archived_input(settings, file_ref, seen_until)
    if path is None:
        return None
    from gongkai.parsers.catalogue import missing_reason, read_catalogue

    catalogue = read_catalogue(path, limits)
    if catalogue is not None:  # a catalogue's line that served no file of its run (feeds/inbox.py): still none (doors12)
        entry = next((e for e in catalogue.entries if e.number == wanted), None)
        return None if entry is None else IngestItem(ref, error=f"{ref}: {missing_reason(catalogue.name, entry)}",
                                                     payload=entry.payload, source=source)
    try:
        # The inbox reads a record file by its name as this does (feeds/inbox.py), so the numbers are the same.
        kind = record_file_kind(path) or by_name  # as the run read it (feeds/inbox.py)
        if kind is None:
            return None  # a text document after all
        with open_record_file(path) as handle:  # an export.jsonl.gz unpacked as it is read
            for found, item in read_items(handle, file_ref, kind, limits, source,
                                          refs=numbered_ref, after=wanted - 1):
                return item if found == wanted else None
    except OSError as exc:
        return IngestItem(ref, error=f"{ref}: cannot read {path}: {exc.strerror or exc}", source=source)
    return None


def _zip_member(file_ref: str) -> tuple[str, str] | None:
    """(the zip's ref, the member's name) of a zip member's ref: `A/2026.zip/一月.jsonl`, or a zip of records under an
    office file's name, `A/公开目录.docx/目录.jsonl` (read so since doors9; its retry looked for `.zip` alone and read the
    entry's kept bytes, or said the input was gone: doors10), a trailing dot or space of Windows' kept (`公开目录.docx.`)."""
    from gongkai.compressed import ZIP_SUFFIX, office_zip_suffixes

    suffixes = "|".join(re.escape(suffix) for suffix in (ZIP_SUFFIX, *office_zip_suffixes()))
    zipped = re.fullmatch(rf"(.+?(?:{suffixes})[. ]*)/([^/]+)", file_ref, flags=re.IGNORECASE)
    return (zipped[1], zipped[2]) if zipped is not None else None


def _archived_member_record(settings: Settings, ref: str, source: str, limits: RecordLimits, seen_until: datetime | None,
                            zip_ref: str, member: str, wanted: int) -> IngestItem | None:
    """The Nth record of a member of an archived zip (gongkai.compressed), by the limits as they are now; None when the zip
    or the member is gone."""
    import zipfile

    from gongkai.compressed import member_name, member_stream
    from gongkai.parsers.capture import ParseError

    path = archived_input(settings, zip_ref, seen_until)
    if path is None:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            info = next((info for info in archive.infolist() if member_name(info) == member), None)
            if info is None:
                return None
            with member_stream(archive, info, settings.parsers, f"{zip_ref}/{member}") as stream:
                for found, item in read_items(stream, f"{zip_ref}/{member}", kind_of(inner_name(member), b"{") or "lines", limits,
                                              source, refs=numbered_ref, after=wanted - 1):
                    return item if found == wanted else None
    except (OSError, zipfile.BadZipFile, ParseError) as exc:
        return IngestItem(ref, error=f"{ref}: cannot read {path}: {exc}", source=source)
    return None
