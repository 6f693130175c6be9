"""Turn files and folders given to `gongkai ingest` into ingest items.

JSON Lines files, .json files of record objects and .xml files of <record>/<records> are records
already; every other file is a document (HTML, PDF, DOCX, text) whose type is recognised by its
content, kept as a raw capture, and handed to the parsers with its sidecar (NAME.json / NAME.xml:
which files are sidecars, and how they are read, is gongkai.parsers.sidecar, as for the drop folder).
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai import compressed
from gongkai.compressed import inner_name, open_record_file
from gongkai.feed_files import is_feed
from gongkai.ingest import CaptureKey, IngestItem
from gongkai.input_refs import path_ref, ref_path, text_name
from gongkai.record_file_kinds import (  # noqa: F401 - re-exported: callers name them here
    TAIL_BYTES,
    claimed_by_document,
    opening_bytes,
    record_file_kind,
    renamed_document,
)
from gongkai.recordfiles import (
    Kind,
    RecordLimits,
    RefStyle,
    default_ref,
    kind_of,
    line_value,
    read_items,
    to_item,
)
from gongkai.settings import ParserSettings

if TYPE_CHECKING:
    from gongkai.ingest_session import IngestSession

log = logging.getLogger("gongkai.inputs")

SKIPPED_NAMES = {".DS_Store", "Thumbs.db", ".gitkeep"}
#: A JSON Lines file this large (about 250 records of 1,000 characters) is read by a worker process:
#: below it, starting one costs more than it saves.
WORKER_MIN_BYTES = 1024 * 1024


def iter_files(paths: list[Path], own: Path | None = None) -> Iterator[Path]:
    """Files under the given paths, folders recursed in a stable (sorted) order, hidden files skipped. `own`: the data
    directory, left out of a folder that holds it (`gongkai ingest .` beside index_data/ read the store's database, the
    index's segments and the raw captures as inputs); a path named inside it (an archived drop-folder file) is read."""
    from gongkai.page_assets import FOLDER_NOISE_SAID, folder_noise, not_a_document, saved_page_assets

    own = own.resolve() if own is not None else None
    for path in paths:
        if path.is_dir():
            inside = own is not None and path.resolve().is_relative_to(own)
            # a folder that cannot be listed (no permission) was passed over in silence, its files neither read nor
            # named (doors7): it is an input of its own, refused with why (iter_path_items)
            unlisted: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=unlisted.append):
                while unlisted:
                    yield Path(unlisted.pop(0).filename)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for assets in saved_page_assets(dirs, files):
                    dirs.remove(assets)
                    log.warning("%s: 网页另存时附带的样式、脚本和图片，已跳过 / a saved page's assets (styles, scripts, images), left out",
                                Path(root) / assets)
                if own is not None and not inside and own.parent == Path(root).resolve() and own.name in dirs:
                    dirs.remove(own.name)
                    log.warning("%s: the data directory, left out (gongkai's own files; name a file in it to read it)", own)
                for name in sorted(files):
                    if name.startswith(".") or name in SKIPPED_NAMES:
                        continue
                    if folder_noise(name):  # Thumbs.db, desktop.ini (doors8)
                        log.warning("%s: %s", Path(root) / name, FOLDER_NOISE_SAID)
                        continue
                    if not_a_document(name):  # a script, a style sheet, media: read as text before
                        log.warning("%s: 不是文档，已跳过 / not a document (a page asset, media or program), left out", Path(root) / name)
                        continue
                    yield Path(root) / name
            yield from (Path(error.filename) for error in unlisted)
        else:
            yield path


def iter_record_file(
    path: Path, source: str = "", limits: RecordLimits | None = None, prepare_in_worker: bool | None = None,
    kind: Kind | None = None, name: str | None = None, refs: RefStyle = default_ref, parsers: ParserSettings | None = None,
) -> Iterator[IngestItem]:
    """Records of a record file by the one reader (gongkai.recordfiles), streamed; `name` (default: the
    path) and `refs` make the items' input references.

    A JSON Lines file is validated (and its index text prepared) in a worker process when
    `prepare_in_worker`, by default when it is at least WORKER_MIN_BYTES (see gongkai.jsonl_worker); else here,
    by the same function (gongkai.record_row.storable_item), so both paths store and index the same values.
    """
    limits = limits or RecordLimits()
    kind = kind or kind_of(inner_name(path.name), b"{") or "lines"
    # a gzip file is checked whole first (`parsers`: the archive-safety limits): a bomb is refused as one item before any
    # of its records is read; a stream cut short (an upload or copy cut off) is read up to the cut, then the cut is one
    # item with the reason (it was refused whole: every record of a day's export lost for its last bytes)
    from gongkai.parsers.archive import CutShort

    ref = name or path_ref(path)
    why = compressed.refused(path, parsers or ParserSettings(), ref)
    if why is not None and not isinstance(why, CutShort):
        yield IngestItem(ref, error=f"{ref}: {why.reason}", source=source)
        return
    if compressed.member_zip(path):
        yield from _zip_items(path, source, limits, ref, refs, parsers or ParserSettings())
        return
    if why is not None:  # cut short: read here, not in a worker, so that the cut is caught where it is met
        yield from _up_to_the_cut(path, source, limits, kind, ref, refs, why.reason)
        return
    yield from _whole_record_file(path, source, limits, prepare_in_worker, kind, name, refs)


def _up_to_the_cut(path: Path, source: str, limits: RecordLimits, kind: Kind, ref: str, refs: RefStyle, why: str) -> Iterator[IngestItem]:
    """The records of a gzip record file cut short that come before the cut, then the cut as one item: its ref is the
    file's (a retry reads the archived file again: what went in is unchanged, a file sent again whole is read whole). The
    record the cut left unfinished is the cut's loss, not an entry of its own."""
    from gongkai.storable import storable_item

    read, last = 0, None
    handle, raw = compressed.open_up_to_the_cut(path)
    with handle:
        for _, item in read_items(handle, ref, kind, limits, source, refs=refs):
            if last is not None:
                read += not last.error
                yield last
            last = storable_item(item) if kind == "lines" and not item.error else item
    if last is not None and not (raw.cut and last.error):
        read += not last.error
        yield last
    yield IngestItem(ref, error=f"{ref}: {why}; {read} records before the cut were read, the rest is lost: send the file "
                     "again whole", source=source)


def _whole_record_file(
    path: Path, source: str, limits: RecordLimits, prepare_in_worker: bool | None, kind: Kind, name: str | None, refs: RefStyle,
) -> Iterator[IngestItem]:
    if kind != "lines":
        with open_record_file(path) as handle:
            for _, item in read_items(handle, name or path_ref(path), kind, limits, source, refs=refs):
                yield item
        return

    def lines(after: int) -> Iterator[tuple[int, IngestItem]]:
        return iter_jsonl_lines(path, source, limits, after, name, refs)

    if prepare_in_worker is None:
        prepare_in_worker = path.stat().st_size >= WORKER_MIN_BYTES
    if prepare_in_worker:
        from gongkai.jsonl_worker import iter_jsonl_in_worker

        yield from iter_jsonl_in_worker(lines)
    else:
        from gongkai.storable import storable_item

        yield from (storable_item(item) for _, item in lines(0))


def _zip_items(path: Path, source: str, limits: RecordLimits, name: str, refs: RefStyle, parsers: ParserSettings) -> Iterator[IngestItem]:
    """The records of a zip of record files, member after member (`NAME/MEMBER`, numbered as that member's file would be);
    an archive over a limit (a bomb) or damaged is one item, refused whole before any record is read."""
    import zipfile
    import zlib

    from gongkai.parsers.capture import ParseError

    if compressed.empty_zip(path):
        yield IngestItem(name, error=f"{name}: the zip is empty (0 bytes): it holds no file", source=source)
        return
    try:
        for member, stream in compressed.zip_members(path, parsers, name):
            if isinstance(stream, str):  # a gzipped member over a limit or cut short: it alone
                yield IngestItem(f"{name}/{member}", error=f"{name}/{member}: {stream}", source=source)
                continue
            kind = kind_of(inner_name(Path(member).name), b"{") or "lines"
            try:
                for _, item in read_items(stream, f"{name}/{member}", kind, limits, source, refs=refs):
                    yield item
            except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError, zlib.error) as exc:
                # a damaged member (bad CRC, cut short; a deflate stream damaged in transit is zlib's own error, which
                # refused the whole zip, its whole members too: doors7), or a method zipfile lacks (Deflate64): it alone
                yield IngestItem(f"{name}/{member}", error=f"{name}/{member}: zip member is corrupt: {exc}", source=source)
    except ParseError as exc:
        yield IngestItem(name, error=f"{name}: {exc.reason}", source=source)
        return
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:  # (a member zipfile cannot open)
        yield IngestItem(name, error=f"{name}: zip is corrupt: {exc}", source=source)
        return
    for member, why in compressed.unread_members(path):  # beside the record files: a zip inside the zip, each its own entry
        yield IngestItem(f"{name}/{member}", error=f"{name}/{member}: {why}", source=source)


def iter_jsonl_lines(
    path: Path, source: str = "", limits: RecordLimits | None = None, after: int = 0, name: str | None = None, refs: RefStyle = default_ref
) -> Iterator[tuple[int, IngestItem]]:
    """(line number, item) for each non-blank line of a JSON Lines file whose number is above `after`."""
    with open_record_file(path) as handle:
        yield from read_items(handle, name or path_ref(path), "lines", limits or RecordLimits(), source, refs=refs, after=after)


def iter_path_items(paths: list[Path], session: IngestSession, notices: bool = False, source: str = "") -> Iterator[IngestItem]:
    """Items of files and folders: record files by the one reader, documents kept and parsed by the session."""
    from gongkai.catalogued import catalogued, named_beside

    documents: list[Path] = []
    files = list(iter_files(paths, own=session.settings.data_dir))
    files += named_beside(paths, files, session.record_limits)  # `gongkai ingest index.jsonl`: the files it lists too
    sidecars = _sidecars(files)
    # a catalogue naming the files beside it (index.jsonl, manifest.csv) is their sidecars, no records (doors12)
    catalogues = catalogued(files, paths, session.record_limits, source or "file")
    yield from catalogues.refused
    for path in files:
        if path in sidecars or path in catalogues.catalogues:
            continue  # read by the parsers together with its document
        ref = path_ref(path)  # a name's bytes that are no UTF-8 kept so that a retry finds the file (gongkai.input_refs)
        try:
            if not path.exists():
                # a dangling symlink or a loop (循环 -> .) said only "no such file or folder" while `ls` lists it (doors5)
                why = "a symlink that leads nowhere (dangling, or a loop): " if path.is_symlink() else ""
                yield IngestItem(ref, error=f"{ref}: {why}no such file or folder", source=source or "file")
            elif path.is_dir():  # a folder iter_files could not list: what stops it is this item's reason (below)
                os.listdir(path)
                yield IngestItem(ref, error=f"{ref}: a folder that could not be listed", source=source or "file")
            elif not path.is_file():
                yield IngestItem(ref, error=f"{ref}: not a regular file", source=source or "file")
            elif not notices and (kind := record_file_kind(path)) is not None:
                before = _state(path)
                yield from iter_record_file(path, source, session.record_limits, kind=kind, parsers=session.settings.parsers)
                if compressed.document_members(path):
                    documents.append(path)  # a zip of documents: they are parsed with the others (_document_items)
                if _state(path) != before:
                    # an export still being written: what was read went in, the rest is in the file, unread (the drop
                    # folder puts such a file back; here the operator is told, and runs it again once it is complete)
                    log.warning("%s 在读取时发生了变化（仍在写入？），其余内容未读取：写完后请再次运行 gongkai ingest（已导入的记录届时为 unchanged）"
                                " / changed while it was read (still being written?): the rest was not read; run gongkai ingest "
                                "again once it is complete (what went in is unchanged then)", ref)
            else:
                documents.append(path)
        except OSError as exc:  # unreadable (permissions, I/O error): this item fails, the run goes on
            yield IngestItem(ref, error=f"{ref}: cannot read: {exc.strerror or exc}", source=source or "file")
        except Exception as exc:  # a reader's failure on one hostile file is its entry, not the run's end
            log.exception("%s could not be read to its end", ref)
            yield IngestItem(ref, error=f"{ref}: cannot read the file to its end: {type(exc).__name__}: {exc}", source=source or "file")
    if documents:
        yield from _document_items(documents, session, notices, source or "file", catalogues.fields)


def _document_items(paths: list[Path], session: IngestSession, notices: bool, source: str,
                    catalogued: dict[Path, dict[str, Any]] | None = None) -> Iterator[IngestItem]:
    """Read each file with its NAME.json sidecar and parse it; a file over the size limit is never read."""
    from gongkai.parsers import Capture, FileTooLarge, ParseError

    limit = session.settings.parsers.max_file_bytes
    unreadable: list[IngestItem] = []

    def captures() -> Iterator[tuple[CaptureKey, Capture]]:
        for number, path in enumerate(paths):
            ref = path_ref(path)
            if path.name.lower().endswith(compressed.ZIP_SUFFIX) and compressed.document_members(path):
                # a zip of documents: each member is a capture, named ZIP/MEMBER (its records were read already)
                for member, capture in compressed.document_captures(path, session.settings.parsers, source, session.record_limits):
                    if isinstance(capture, str):
                        unreadable.append(IngestItem(f"{ref}/{member}", error=f"{ref}/{member}: {capture}", source=source))
                    else:
                        yield CaptureKey(f"{ref}/{member}", number), capture
                continue
            try:
                capture = Capture.from_path(path, max_bytes=limit, source=source, record_limits=session.record_limits,
                                            catalogue=(catalogued or {}).get(path))
            except FileTooLarge as exc:
                # No payload: the file stays where it is and the quarantine names it, so that
                # `gongkai quarantine retry` reads it again once the limit is raised.
                unreadable.append(IngestItem(ref, error=f"{ref}: file too large: {exc.reason} (setting parsers.max_file_bytes)", source=source))
                continue
            except ParseError as exc:  # e.g. a sidecar that is not valid JSON
                unreadable.append(IngestItem(ref, error=f"{ref}: {exc.reason}", payload=_read_or_none(path), source=source))
                continue
            except OSError as exc:
                unreadable.append(IngestItem(ref, error=f"{ref}: cannot read: {exc.strerror or exc}", source=source))
                continue
            # the name as the drop folder reads it (GBK bytes as their Chinese); the ref keeps the bytes for a retry
            capture.filename = text_name(capture.filename)
            # No file:// URL on purpose: a local path is no source link for citizens.
            capture.fetched_at = capture.fetched_at or datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            yield CaptureKey(ref, number), capture  # items are reported by the path as given

    yield from session.capture_items(captures(), notices=notices, parallel=True)
    yield from unreadable


def _state(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time, to tell that it changed while it was read (None: gone)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _sidecars(files: list[Path]) -> set[Path]:
    """The files that are the sidecar of a document beside them (parsers.sidecar's rule, per folder):
    skipped as inputs, Capture.from_path reads them with their document."""
    from gongkai.parsers.sidecar import sidecars_of

    by_folder: dict[Path, list[str]] = {}
    for path in files:
        by_folder.setdefault(path.parent, []).append(path.name)
    return {folder / name for folder, names in by_folder.items() for name in sidecars_of(names)}


def _archived_document(session: IngestSession, ref: str, seen_until: datetime | None) -> Path | None:
    """The archived copy of a drop-folder document (`inbox:AGENCY/NAME`) under archive/failed/, if it is there."""
    if not ref.startswith("inbox:"):
        return None
    from gongkai.inbox_layout import archived_input

    return archived_input(session.settings, ref, seen_until)


_ZIP_MEMBER = re.compile(r"(.+?\.zip)/([^#]+)", re.IGNORECASE)


def _zipped_document(session: IngestSession, ref: str, source: str, seen_until: datetime | None) -> list[IngestItem] | None:
    """The items of a zip of documents' member refused before it was parsed (its sidecar member refused, over the size
    limit: no bytes kept), read again from the zip (`inbox:A/十一月.zip/报告.pdf`: the run's archived copy; a `gongkai ingest`
    path: the zip where it lies) with its sidecar member; None when the ref names no such member. Its retry was
    `原始输入已不存在` (doors4)."""
    from gongkai.compressed import document_captures

    named = _ZIP_MEMBER.fullmatch(ref)
    if named is None:
        return None
    where = _archived_document(session, named[1], seen_until) if ref.startswith("inbox:") else ref_path(named[1])
    if where is None or not where.is_file():
        return None
    for member, capture in document_captures(where, session.settings.parsers, source, session.record_limits):
        if member != named[2]:
            continue
        if isinstance(capture, str):
            return [IngestItem(ref, error=f"{ref}: {capture}", source=source)]
        items = list(session.capture_items([(CaptureKey(ref), capture)], parallel=True))
        for item in items:
            item.input_ref = ref
        return items
    return None


def _catalogue_line(ref: str, session: IngestSession, source: str) -> list[IngestItem] | None:
    """The retry of a catalogue's line that served no file (`目录.jsonl:3`, gongkai.catalogued): the file it names, once
    it is there, read with its line (gongkai.catalogued finds the catalogue beside it); the same reason while it is not.
    None when the ref names no line of a catalogue. (Read as a record, the line failed again another way: `file: Extra
    inputs are not permitted`.)"""
    from gongkai.catalogued import served_on_disk
    from gongkai.parsers.catalogue import missing_reason, read_catalogue

    line = re.fullmatch(r"(.+):(\d+)", ref)
    if line is None or not ref_path(line[1]).is_file():
        return None
    where = ref_path(line[1])
    catalogue = read_catalogue(where, session.record_limits)
    entry = next((e for e in catalogue.entries if e.number == int(line[2])), None) if catalogue is not None else None
    if catalogue is None or entry is None:
        return None
    named = served_on_disk(where, catalogue).get(entry.number)
    if named is None:
        return [IngestItem(ref, error=f"{ref}: {missing_reason(catalogue.name, entry)}", payload=entry.payload, source=source)]
    return list(iter_path_items([where.parent / named], session, source=source))


def _before(entry: dict, ref: str) -> str:
    """Why the entry was quarantined first, for the entry a failed retry makes (the operator still sees it)."""
    reason = str(entry.get("reason") or "").removeprefix(f"{ref}: ")
    first = reason.rpartition("; quarantined before: ")[2]  # a retry of a retry names the first reason once
    return f"; quarantined before: {first}" if first else ""


#: The reason the reader before session 10 gave a JSON array written as a line (an export of one array named .jsonl):
#: the array whole was one entry, its kept payload the array.
WHOLE_ARRAY_REASON = "a record must be a JSON object, got list"


def _whole_array(entry: dict, ref: str, source: str, limits: RecordLimits) -> list[IngestItem] | None:
    """The items of an entry made for several records read as one line, or None for any other entry: a whole JSON array
    (before session 10), or JSON Lines ended by lone CRs (before session 11: `not valid JSON: Extra data`). Its retry read
    the file's copy (which the reader now takes as its records) and stored the first alone, marking the entry resolved:
    the other records were lost without a word. The records of the first line are the file's, numbered as a read of the
    file numbers them now (`export.jsonl#1`, `#2` …; `gongkai ingest`'s `[1]` or `:1` …); an array on a later line
    cannot be numbered so, and its retry is refused with what to do."""
    payload = entry.get("payload")
    if payload is None:
        return None
    reason = str(entry.get("reason") or "")
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    held = data.strip()
    cr_lines = "not valid JSON: Extra data" in reason and b"\r" in held and b"\n" not in held
    glued = "not valid JSON: Extra data" in reason and not cr_lines and b"\n" not in held
    if WHOLE_ARRAY_REASON not in reason and not cr_lines and not glued:
        return None
    numbered = re.fullmatch(r"(.+?)(?::(\d+)|\[(\d+)\]|#(\d+))", ref)
    if numbered is None:
        return None
    if glued:
        # records glued on one line (`{…}{…}`: a `cat` of two exports, `curl -d`), quarantined whole before doors8: read
        # as the reader reads such a line now, each record with the line's reference (the line put at its number); a
        # line that is no such records stays one entry, refused again (doors9: it was refused again whatever it held)
        if numbered[3] is not None:
            return None
        from gongkai.inbox_layout import numbered_ref as inbox_ref

        number = int(numbered[2] or numbered[4])
        refs_of: RefStyle = inbox_ref if numbered[4] else default_ref
        items = [item for _, item in read_items(io.BytesIO(b"\n" * (number - 1) + held + b"\n"), numbered[1], "lines", limits, source, refs=refs_of)]
        return items if len(items) > 1 else None
    if next(group for group in numbered.groups()[1:] if group) != "1":
        if cr_lines:
            return None
        return [IngestItem(ref, source=source, error=f"{ref}: this entry holds a whole JSON array read as one line (before session 10), "
                           f"not its file's first: its records cannot be retried one by one; deliver the file again (it is read as "
                           f"its records now), then close this entry with gongkai quarantine resolve {entry['id']}")]
    from gongkai.inbox_layout import numbered_ref

    refs: RefStyle = numbered_ref if ref.endswith("#1") else default_ref
    kind: Kind = "lines" if cr_lines else "json"
    return [item for _, item in read_items(io.BytesIO(held + b"\r"), numbered[1], kind, limits, source, refs=refs)]


def items_from_quarantine(entry: dict, session: IngestSession) -> Iterator[IngestItem]:
    """Rebuild the ingest item(s) of a quarantined entry: the kept capture parsed again as it first was
    (same URL, sidecar, notice-column or not), a JSON line validated again, or a file read again from its path."""
    ref, source = str(entry.get("input_ref") or entry["id"]), entry.get("source") or ""
    kept = session.kept_capture(entry["capture_sha256"]) if entry.get("capture_sha256") else None
    seen_until = entry.get("updated_at") or entry.get("created_at")  # the entry's run's copy, not a later delivery's
    archived = _archived_document(session, ref, seen_until) if kept is None or not kept[1] else None
    if archived is not None:
        # A drop-folder file is read again where the run archived it, with its sidecar as it is now (the
        # operator may have fixed either): the kept bytes alone would lose the fields of a refused sidecar
        # (the document went in without them), and a kept payload is no record file.
        where = path_ref(archived)
        for item in iter_path_items([archived], session, source=source):
            if item.input_ref.startswith(where):  # named as the run named it (a record file's lines keep their number)
                # `gongkai ingest` numbers a file's records `:3` / `[3]`, the drop folder `#3` (inbox_layout.numbered_ref):
                # a record failing again keeps the drop folder's reference, which a later retry finds in the archive
                old = item.input_ref
                # (a zip's member keeps its name before the number: `/一月.jsonl#3`)
                item.input_ref = ref + re.sub(r"(?::(\d+)|\[(\d+)\])$", lambda m: "#" + (m[1] or m[2]), old[len(where):])
                if item.error and item.error.startswith(old):  # the reason names the input as the entry does, not the archive
                    item.error = item.input_ref + item.error[len(old):]
            yield item
        return
    zipped = _zipped_document(session, ref, source, seen_until) if kept is None else None
    if zipped is not None:
        yield from zipped
        return
    if kept is not None:
        capture, is_column = kept
        items = session.capture_items([capture], notices=is_column, parallel=True)
        for item in items:
            mark = re.search(r"#\d+$", item.input_ref)  # a notice's number; a "#" of the file's name is no number
            item.input_ref = ref + (mark[0] if mark else "")
            yield item
        return
    payload = entry.get("payload")
    line_of_catalogue = _catalogue_line(ref, session, source)
    if line_of_catalogue is not None:
        yield from line_of_catalogue
        return
    path = ref_path(ref)  # the file's own name bytes (a GBK name is kept escaped in the ref)
    if path.is_file():
        # A document refused before parsing (too large, a broken sidecar) is read again from where it
        # is, with its sidecar as it is now: the operator may have fixed either. (A JSON line's ref is
        # "file:line", no file.) The payload kept with the entry is the fallback once the file is gone.
        yield from iter_path_items([path], session, source=source)
        return
    whole = _whole_array(entry, ref, source, session.record_limits)
    if whole is not None:
        yield from whole
        return
    line = re.fullmatch(r"(.+):(\d+)", ref)
    if payload is None and line and ref_path(line[1]).is_file():
        # A line kept without its bytes (over settings.records.max_record_bytes): read again from its file,
        # by the limits as they are now.
        number = int(line[1 + 1])
        for found, item in iter_jsonl_lines(ref_path(line[1]), source, session.record_limits, after=number - 1, name=line[1]):
            if found == number:
                yield item
                return
            break
    if ref.startswith("inbox:"):
        # A drop-folder record is read again from its file's copy under archive/failed/ (its run's), as a document is:
        # the clerk may have fixed the line there (the kept payload was read instead, so the fix changed nothing and
        # the retry failed again), and a record over the size limit has no other bytes. The payload once it is gone.
        from gongkai.inbox_layout import archived_record

        again = archived_record(session.settings, ref, source, session.record_limits, seen_until)
        if again is not None:
            yield again
            return
    if payload is None:
        yield IngestItem(ref, error=f"{ref}: the original input is no longer available{_before(entry, ref)}", source=source)
        return
    # A kept payload is one record (a JSON line) or, for a file refused as a whole, the file: read by the one reader.
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    kind = None if re.search(r"(:\d+|\[\d+\]|#\d+)$", ref) else kind_of(ref)
    if kind != "csv" and re.search(r"(:\d+|\[\d+\]|#\d+)$", ref) is None and is_feed(opening_bytes(data[:1024]), data[-1024:]):
        kind = "feed"  # a kept feed file (a push of one): its items, as it is read at every door (gongkai.feed_files)
    if kind is None:
        yield to_item(line_value(data, session.record_limits), ref, source)
        return
    for _, item in read_items(io.BytesIO(data), ref, kind, session.record_limits, source):
        yield item
