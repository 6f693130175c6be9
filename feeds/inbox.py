"""The drop folder: agencies put documents (HTML/PDF/DOCX/…) with optional sidecars into an inbox.

    inbox/                      files dropped here come from source "inbox"
    inbox/<agency>/             one level of agency folders: source "inbox:<agency>"
    inbox/<agency>/notices/     notice columns (便民公告: 遗失声明, 停水停电 …): one record per notice
    inbox/.processing/<run>/    files claimed by a running pick-up (same filesystem: os.rename)
    archive/<day>/<run>/…       files whose records went in
    archive/failed/<day>/<run>/… files that were quarantined (the store's quarantine says why)

A document NAME (report.pdf) may come with NAME.json / NAME.xml (report.pdf.json) or STEM.json /
STEM.xml (report.json): record fields that win over what the parser extracts. Which files are
sidecars, and how they are read, is gongkai.parsers.sidecar: the rule `gongkai ingest` follows too.
A .json, .jsonl or .xml file with no document beside it is itself a record file (the interchange format).

A document in an agency's `notices/` folder is a newspaper notice column, split like a polled feed
marked `notices = true` (IngestSession.capture_items(..., notices=True)): one record of kind notice per notice,
a notice that cannot be read is quarantined alone (input `inbox:<agency>/notices/NAME#N`), its
sidecar's publish_date/url/topic/keywords apply to every notice. Record files there are read as
record files. The rule is the folder only: `inbox/notices/` is an agency folder named "notices".

Safety and atomicity:
- only complete files are taken: names ending .part/.tmp/.crdownload/~ and hidden files are being
  written (and hold back the document they belong to); so is any file modified in the last
  `inbox_min_age_seconds`;
- a file is claimed with os.rename into this run's processing folder: of two overlapping runs only
  one rename succeeds, so nothing is picked twice;
- names are directory entries, never paths from the outside; symlinks are neither followed nor
  moved (files are opened with O_NOFOLLOW), folders below the agency level are ignored;
- a run holds an flock on its lock file; a later run that can take the lock of a processing folder
  knows its run died and puts the files back, so a crash mid-batch loses nothing (re-ingesting is
  idempotent: same content, same record id, "unchanged").
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import fcntl
import filecmp
import glob
import hashlib
import logging
import os
import re
import shutil
import stat
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai import inbox_layout
from gongkai.childproc import keep_from_children, release
from gongkai.compressed import ZIP_SUFFIX, inner_name, office_zip_suffixes
from gongkai.feeds.agency_doors import one_record_across_doors
from gongkai.feeds.same_file import SUPERSEDED_BY_SAME_FILE, last_sending_fields, same_file_same_record
from gongkai.inbox_layout import ROOT_AGENCY
from gongkai.ingest import CaptureKey, IngestItem, ItemResult
from gongkai.input_refs import text_name
from gongkai.page_assets import FOLDER_NOISE_SAID, folder_noise, not_a_document, saved_page_assets
from gongkai.parsers.catalogue import Catalogue, entry_ref, may_be_catalogue, missing_reason, read_catalogue
from gongkai.parsers.sidecar import (
    MAX_SIDECAR_BYTES,
    RECORD_FILE_SUFFIXES,
    SidecarError,
    pair_sidecars,
    read_sidecar_bytes,
    sidecar_names,
    the_sidecar,
)
from gongkai.recordfiles import TEXT_OR_TABLE_SUFFIXES, RecordLimits, kind_of

if TYPE_CHECKING:
    from gongkai.engine import Engine
    from gongkai.ingest_session import IngestSession

log = logging.getLogger("gongkai.feeds.inbox")

PROCESSING = ".processing"
NOTICES_DIR = "notices"  # inbox/<agency>/notices/: notice columns
IN_PROGRESS_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", "~")


@dataclass
class InboxReport:
    files: int = 0  # files claimed (documents, sidecars and record files)
    counts: Counter[str] = field(default_factory=Counter)  # new / updated / unchanged / quarantined
    waiting: int = 0  # still being written or too fresh: left for the next run
    refused: list[str] = field(default_factory=list)  # symlinks, nested folders: left alone
    recovered: int = 0  # files put back from a run that died

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            **{k: self.counts.get(k, 0) for k in ("new", "updated", "unchanged", "quarantined")},
            "waiting": self.waiting,
            "refused": self.refused,
            "recovered": self.recovered,
        }


@dataclass
class _Group:
    """What is claimed together: documents with their sidecars, or one record file.

    Documents sharing a sidecar (report.json for report.pdf and report.docx) are one group.
    """

    agency: str
    documents: list[str] = field(default_factory=list)
    sidecars: dict[str, list[str]] = field(default_factory=dict)  # document -> its sidecars (one, unless refused)
    record_file: str | None = None
    notices: bool = False  # from inbox/<agency>/notices/: documents are notice columns
    #: a file's name on disk where it is not its name as text (written in GBK: _text_name), until it is claimed
    on_disk: dict[str, str] = field(default_factory=dict)
    #: each file's (size, mtime) when it was found: a file that changes after that was still being written
    seen: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: a document read by an earlier run, copied back from the archive to be read with its sidecar that came late
    archived: dict[str, Path] = field(default_factory=dict)
    #: the folder its files were claimed into, and the folder they came from (set by InboxRun._claim_group)
    claimed_in: Path | None = None
    came_from: Path | None = None
    #: a catalogue naming the group's documents (index.jsonl, manifest.csv: parsers.catalogue), the fields its lines give
    #: each document, and its lines that serve no document of the group (quarantined, kept)
    catalogue: str | None = None
    catalogued: dict[str, dict[str, Any]] = field(default_factory=dict)
    catalogue_refused: list[Any] = field(default_factory=list)
    #: a document -> the open entry of the line of an earlier run's catalogue it takes (feeds/waiting_lines.py), closed
    #: once it went in
    waiting_lines: dict[str, int] = field(default_factory=dict)

    @property
    def sidecar_files(self) -> list[str]:
        return sorted({name for found in self.sidecars.values() for name in found})

    @property
    def names(self) -> list[str]:
        return [*self.documents, *self.sidecar_files, *([self.record_file] if self.record_file else []),
                *([self.catalogue] if self.catalogue else [])]

    def drop_sidecar(self, name: str) -> None:
        for found in self.sidecars.values():
            if name in found:
                found.remove(name)

    @property
    def where(self) -> Path:
        """Its folder below a run's processing folder or an archive folder (the inbox layout, kept)."""
        folder = Path(inbox_layout.agency_dirname(self.agency))
        return folder / NOTICES_DIR if self.notices else folder

    def display(self, name: str) -> str:
        return _display(self.agency, f"{NOTICES_DIR}/{name}" if self.notices else name)


def inbox_dir(engine: Engine) -> Path:
    return inbox_layout.inbox_dir(engine.settings)


def archive_dir(engine: Engine) -> Path:
    return inbox_layout.archive_dir(engine.settings)


def process_inbox(engine: Engine, now: float | None = None) -> InboxReport:
    """One pick-up run over the drop folder."""
    return InboxRun(engine).run(now)


class InboxRun:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.inbox = inbox_dir(engine)
        self.archive = archive_dir(engine)
        self.min_age = engine.settings.feeds.inbox_min_age_seconds
        self.sidecar_wait = engine.settings.feeds.inbox_sidecar_wait_seconds
        self.run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self.processing_root = self.inbox / PROCESSING
        self.work = self.processing_root / self.run_id
        #: agency folders on a filesystem of their own (a share mounted under the inbox): their files are claimed into
        #: FOLDER/.processing/RUN/, on their own filesystem (a rename cannot cross); folder -> its claim folder, or None
        self._claim_folders: dict[Path, Path | None] = {}
        # (earlier record id, the item of the same bytes that supersedes it): withdrawn after the run's session
        self._superseded: list[tuple[str, IngestItem]] = []
        #: a folder outside the inbox for copies of files the agency pushed that a dropped catalogue names (_pushed_copy)
        self._staged: Path | None = None

    def run(self, now: float | None = None) -> InboxReport:
        report = InboxReport()
        now = now if now is not None else time.time()
        with self.session():
            report.recovered = self._recover_dead_runs()
            report.recovered += self._written_on_after_archiving(now)
            groups = self._claim(now, report)
            if groups:
                self._ingest(groups, report)
        return report

    @contextmanager
    def session(self) -> Iterator[None]:
        """This run's lock (held until the run ends; a crash releases it) and processing folder."""
        self.inbox.mkdir(parents=True, exist_ok=True)
        self.processing_root.mkdir(exist_ok=True)
        lock_path = self.processing_root / f"{self.run_id}.lock"
        with open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            keep_from_children(lock.fileno())  # a parse worker must never hold the run's lock (gongkai.childproc)
            try:
                self.work.mkdir()
                yield
            finally:
                # Whatever ended the run, no claimed file is deleted: any still here (the run failed before
                # archiving them) goes back to the inbox for the next run.
                left = self._put_back_local(self.run_id)
                left += self._put_back(self.work, self.run_id) if self.work.is_dir() else 0
                if left:
                    log.warning("收件箱本次运行提前结束，%d 个已取走的文件已放回收件箱 / inbox run %s ended early: %d claimed files "
                                "put back in the inbox", left, self.run_id, left)
                _remove_empty_folders(self.work)
                if self._staged is not None:
                    shutil.rmtree(self._staged, ignore_errors=True)
                release(lock.fileno())
                lock_path.unlink(missing_ok=True)

    # ---------------------------------------------------------------------------- recovery

    def _recover_dead_runs(self) -> int:
        """Put back the files of processing folders whose run no longer holds its lock."""
        recovered = 0
        for entry in sorted(os.scandir(self.processing_root), key=lambda e: e.name):
            if not entry.is_dir(follow_symlinks=False) or entry.name == self.run_id:
                continue
            lock_path = self.processing_root / f"{entry.name}.lock"
            with open(lock_path, "a") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # that run is alive
                put_back = self._put_back_local(entry.name) + self._put_back(Path(entry.path), entry.name)
                if put_back:
                    log.warning("放回了一次中断运行的 %d 个文件 / put back %d files of a pick-up run that died (%s)", put_back, put_back, entry.name)
                recovered += put_back
                _remove_empty_folders(Path(entry.path))
                lock_path.unlink(missing_ok=True)
        return recovered

    def _put_back(self, run_dir: Path, run_name: str) -> int:
        count = 0
        for agency_entry in os.scandir(run_dir):
            if not agency_entry.is_dir(follow_symlinks=False):
                continue
            agency = inbox_layout.agency_from_dirname(agency_entry.name)
            target_dir = self.inbox / agency if agency else self.inbox
            where = Path(agency_entry.name)
            count += _move_files_back(Path(agency_entry.path), target_dir, run_name, self._run_archive(run_name, where))
            notices = Path(agency_entry.path) / NOTICES_DIR
            if agency and notices.is_dir() and not notices.is_symlink():
                count += _move_files_back(notices, target_dir / NOTICES_DIR, run_name, self._run_archive(run_name, where / NOTICES_DIR))
        return count

    def _put_back_local(self, run_name: str) -> int:
        """Put back the files run `run_name` claimed inside agency folders mounted on their own (FOLDER/.processing/RUN/)."""
        count = 0
        for agency, folder, notices in self._folders(InboxReport()):
            claimed = folder / PROCESSING / run_name
            if agency == ROOT_AGENCY or not claimed.is_dir() or claimed.is_symlink():
                continue
            where = _Group(agency, notices=notices).where
            count += _move_files_back(claimed, folder, run_name, self._run_archive(run_name, where))
            _remove_empty_folders(claimed)
            with contextlib.suppress(OSError):
                (folder / PROCESSING).rmdir()
        return count

    def _run_archive(self, run_name: str, where: Path) -> _RunArchive:
        """What run `run_name` archived of its folder `where` (archive and failed/), to put its claimed files back by."""
        pattern = f"*/{glob.escape(run_name)}/{glob.escape(str(where))}"
        return _RunArchive([*self.archive.glob(pattern), *(self.archive / "failed").glob(pattern)])

    def _written_on_after_archiving(self, now: float) -> int:
        """Copy back to the inbox each file of the last two days' archive written on after its run archived it, once quiet.

        A writer that paused longer than inbox_min_age_seconds and wrote on after the run had read and archived its file
        (an export written in batches, doors14) wrote the rest into the archived file: those records were never read. A
        file only moved into the archive has its change time (the rename) after its last write; a write after that sets
        both to the same moment. The copy is read whole by this run (what went in already is `unchanged`); the archived
        file's time is set back a second so that it is copied once, until it is written again."""
        copied = 0
        days = {datetime.fromtimestamp(now - back, UTC).strftime("%Y-%m-%d") for back in (0, 86_400)}
        for base in (self.archive, self.archive / "failed"):
            for day in sorted(days):
                for root, _dirs, names in os.walk(base / day):
                    for name in names:
                        archived = Path(root) / name
                        try:
                            info = archived.stat(follow_symlinks=False)
                        except OSError:
                            continue
                        if (not stat.S_ISREG(info.st_mode) or name.startswith(".") or info.st_mtime_ns < info.st_ctime_ns
                                or now - info.st_mtime < self.min_age):
                            continue
                        parts = archived.relative_to(base / day).parts  # RUN/[AGENCY/[notices/]]NAME
                        target = self.inbox.joinpath(*parts[1:])
                        if len(parts) < 2 or target.exists():
                            continue  # the agency sent it again meanwhile: that copy is read; this one next time
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(archived, target)
                        os.utime(archived, ns=(info.st_atime_ns, info.st_mtime_ns - 1_000_000_000), follow_symlinks=False)
                        log.warning("收件箱：%s 在归档后又被写入，已放回收件箱重读 / inbox: %s was written on after its run archived it: "
                                    "copied back to be read whole", target, archived)
                        copied += 1
        return copied

    # ------------------------------------------------------------------------------- claim

    def _claim(self, now: float, report: InboxReport) -> list[_Group]:
        claimed: list[_Group] = []
        for agency, folder, notices in self._folders(report):
            for group in self._groups(folder, agency, now, report, notices):
                if self._claim_group(folder, group, report):
                    claimed.append(group)
                    report.files += len(group.names) - len(group.archived)  # (a document copied back is no new file)
        return claimed

    def _folders(self, report: InboxReport) -> Iterator[tuple[str, Path, bool]]:
        """(agency, folder, holds notice columns) of every folder a run reads."""
        entries = sorted(os.scandir(self.inbox), key=lambda e: e.name)  # before the top's files are claimed (moved)
        yield ROOT_AGENCY, self.inbox, False
        # a page saved "complete" at the top: its assets folder is no agency (_groups names it)
        assets = set(saved_page_assets([e.name for e in entries if e.is_dir(follow_symlinks=False)], [e.name for e in entries]))
        for entry in entries:
            if entry.name.startswith(".") or entry.name in assets:
                continue
            if entry.is_symlink():
                report.refused.append(f"{_text_name(entry.name)}: symlink, not followed")
            elif entry.is_dir(follow_symlinks=False):
                # the agency's name as text; its folder keeps its name on disk (a GBK-named folder and its UTF-8 twin
                # are one agency: _claim_group never lets a file of one replace a file of the other). Spaces around it
                # (`厦门市财政局 `, an IME's full-width `厦门市财政局　`) are no part of it: a record's source is stripped of
                # them, so every record of such a folder was quarantined as another agency's (doors6)
                agency = _text_name(entry.name).strip() or _text_name(entry.name)
                if _too_long(agency):
                    report.refused.append(f"{agency[:40]}…/: {_TOO_LONG}")
                    continue
                yield agency, Path(entry.path), False
                notices = Path(entry.path) / NOTICES_DIR
                if notices.is_symlink():
                    report.refused.append(f"{agency}/{NOTICES_DIR}: symlink, not followed")
                elif notices.is_dir():
                    yield agency, notices, True

    def _groups(self, folder: Path, agency: str, now: float, report: InboxReport, notices: bool = False) -> list[_Group]:
        shown = _Group(agency, notices=notices).display  # a name as reports show it
        files: dict[str, os.stat_result] = {}
        busy: set[str] = set()
        on_disk: dict[str, str] = {}  # text name -> name on disk, where they differ
        entries = list(os.scandir(folder))
        taken = {entry.name for entry in entries if _text_name(entry.name) == entry.name}
        # a page saved "complete" beside its documents: its assets folder is no one's delivery (gongkai.page_assets)
        assets = set(saved_page_assets([e.name for e in entries if e.is_dir(follow_symlinks=False)], [e.name for e in entries]))
        for entry in entries:
            name = _text_name(entry.name)
            if name != entry.name and _too_long(name) and not entry.is_dir(follow_symlinks=False):  # (a folder: _folders)
                report.refused.append(f"{shown(name[:40])}…: {_TOO_LONG}")
                continue
            if name != entry.name:
                if name in taken:  # two files would be one name: this one waits to be renamed (nothing overwritten)
                    report.refused.append(f"{shown(name)}: a file of this name (written in UTF-8) is there too; rename one")
                    continue
                taken.add(name)
                on_disk[name] = entry.name
            if entry.is_symlink():
                if not (agency != ROOT_AGENCY and not notices and name == NOTICES_DIR):  # that one: _folders said so
                    report.refused.append(f"{shown(name)}: symlink, not followed")
                continue
            if entry.is_dir(follow_symlinks=False):
                if entry.name in assets:
                    report.refused.append(f"{shown(name)}/: 网页另存时附带的样式、脚本和图片，未读取 / a saved page's assets (styles, "
                                          "scripts, images), not read")
                elif agency != ROOT_AGENCY and not name.startswith(".") and (notices or name != NOTICES_DIR):
                    report.refused.append(f"{shown(name)}/: folders inside an agency folder are not read (only {NOTICES_DIR}/ is)")
                continue
            if name.startswith(".") or name.startswith("~$") or name.lower().endswith(IN_PROGRESS_SUFFIXES):
                # Being written, and holding back the file it becomes, unless left unfinished for longer than a delivery's
                # parts wait for each other: an upload that died as report.docx.part held back the report.docx sent
                # whole later, for ever, neither named (doors2, session 11)
                try:
                    abandoned = now - _written_at(entry.stat(follow_symlinks=False)) >= self.sidecar_wait
                except OSError:
                    continue  # gone meanwhile (renamed to its final name: the next run takes that)
                if not abandoned:
                    busy.add(_strip_in_progress(name.lstrip(".")))
                elif not name.startswith("."):  # hidden files (.DS_Store) are never named: they are no one's delivery
                    report.refused.append(f"{shown(name)}: 未完成的上传或临时文件，久未改动，留在原处，请删除或补完 / an upload or temporary "
                                          "file left unfinished (untouched for over feeds.inbox_sidecar_wait_seconds), left alone, holding "
                                          "back nothing; delete it or finish it")
                continue
            if folder_noise(name):
                report.refused.append(f"{shown(name)}: {FOLDER_NOISE_SAID}")
                continue
            if not_a_document(name):  # a script, a style sheet, media: each was read as a document (a record of jquery.min.js)
                report.refused.append(f"{shown(name)}: 不是文档（网页的脚本、样式、图片、媒体或程序），未读取，留在原处 / not a document "
                                      "(a page asset, media or program), left alone")
                continue
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode):
                files[name] = info
            else:  # a pipe, socket or device: never read (a read of a pipe waits for ever); it was left without a word
                report.refused.append(f"{shown(name)}: not a regular file (a pipe, socket or device), left alone")

        catalogues = self._catalogues(folder, on_disk, files, now, report)
        result = _pair(agency, [n for n in files if n not in catalogues], notices,
                       lambda name: _opens_as_records(folder / on_disk.get(name, name)))
        result = _with_catalogues(result, catalogues, agency, notices, set(files),
                                  lambda catalogue, name: self._archived_copy(agency, notices, name, files[catalogue].st_ctime))
        self._take_waiting_lines(result, agency, notices)
        for group in result:
            group.on_disk = {name: on_disk[name] for name in group.names if name in on_disk}
            group.seen = {name: (files[name].st_size, files[name].st_mtime_ns) for name in group.names if name not in group.archived}

        ready = []
        for group in result:
            names = [name for name in group.names if name not in group.archived]  # (a copy from the archive: not here)
            stems = {n for n in names} | {n.rsplit(".", 1)[0] for n in names}
            if stems & busy or any(now - _written_at(files[n]) < self.min_age for n in names):
                report.waiting += len(names)
            elif group.record_file and (late := self._late_sidecar_of(group, files[group.record_file],
                                                                    folder / on_disk.get(group.record_file, group.record_file))):
                ready.append(late)
            elif group.record_file and _sidecar_name(group.record_file) and now - _written_at(files[group.record_file]) < self.sidecar_wait:
                # report.pdf.json uploaded before report.pdf: read alone it was a record without a title, quarantined,
                # and the PDF went in without its fields
                report.waiting += 1
            else:
                ready.append(group)
        return ready

    def _archived_copy(self, agency: str, notices: bool, name: str, arrived: float | None = None) -> Path | None:
        """The newest archived copy of a document of this folder (a catalogue's file that came in an earlier run), or None.
        `arrived` (the catalogue's arrival, its ctime): only a copy archived within feeds.inbox_sidecar_wait_seconds
        before it, the late sidecar's rule (doors14: an agency naming every export's page 通知.html had last month's page
        retitled by this month's catalogue, sent before its own page, which then took nothing)."""
        if "/" in name or not name or name.startswith("."):
            return None
        # any case: a catalogue written on Windows names T2031_01.HTML for t2031_01.html (Catalogue.served's rule)
        any_case = "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else glob.escape(c) for c in name)
        pattern = f"*/*/{glob.escape(str(_Group(agency, notices=notices).where))}/{any_case}"
        found = []
        for base in (self.archive, self.archive / "failed"):
            for copy in base.glob(pattern):
                with contextlib.suppress(OSError):
                    if stat.S_ISREG((info := copy.stat(follow_symlinks=False)).st_mode):
                        archived_at = _run_started(copy.relative_to(base).parts[1]) or info.st_ctime
                        if arrived is None or arrived - archived_at <= self.sidecar_wait:
                            found.append((copy.name == name, archived_at, str(copy)))
        if not found and agency and not notices and arrived is not None:
            return self._pushed_copy(agency, name, arrived)
        if not found or (not any(exact for exact, _, _ in found) and len({Path(c).name for _, _, c in found}) > 1):
            return None  # (two names equal but for case and neither as written: which one is a guess)
        return Path(max(found)[2])

    def _pushed_copy(self, agency: str, name: str, arrived: float) -> Path | None:
        """The file the agency pushed under `name` (or equal but for case) within feeds.inbox_sidecar_wait_seconds before
        its dropped catalogue arrived, written under its name as sent into a folder of this run outside the inbox (its
        kept bytes: the push archives nothing), or None. One agency, two doors (doors14: the line of a catalogue dropped
        after its files were pushed served nothing, its entry open for ever)."""
        from gongkai.feeds.push import last_sent
        from gongkai.store.errors import CaptureCorruptError, CaptureMissingError

        for sha in self.engine.store.captures_sent_as(agency, name)[:1]:
            with contextlib.suppress(CaptureMissingError, CaptureCorruptError, OSError):
                kept = self.engine.store.get_capture(sha)
                sent_as = str((kept[1].get("meta") or {}).get("filename") or "") if kept is not None else ""
                # when last pushed: the capture row keeps the first sending's time (review22b: a page re-pushed unchanged)
                if kept is None or not sent_as or "/" in sent_as or arrived - last_sent(self.engine, kept) > self.sidecar_wait:
                    return None
                if self._staged is None:
                    self._staged = Path(tempfile.mkdtemp(prefix=f"gongkai-pushed-{self.run_id}-"))
                copy = self._staged / sent_as
                copy.write_bytes(kept[0])
                return copy
        return None

    def _take_waiting_lines(self, groups: list[_Group], agency: str, notices: bool) -> None:
        """Each document of a group without a catalogue takes the line an earlier run's catalogue holds for it (a line
        kept in the quarantine while its file had not come: feeds/waiting_lines.py); its own sidecar still wins."""
        from gongkai.feeds.waiting_lines import agency_doors_refs, waiting_lines

        documents = [name for group in groups if not group.catalogue and not group.record_file for name in group.documents]
        if not documents:
            return
        folder_ref = "inbox:" + _Group(agency, notices=notices).display("")
        # an agency's folder also takes the lines of a catalogue it pushed (its two doors are one sender); the inbox's root
        # is the operator's, no agency's door, and a notice column takes no catalogue's line from the push
        refs = agency_doors_refs(agency) if agency and not notices else (folder_ref,)
        waiting = waiting_lines(self.engine.store, refs, documents)
        for group in groups:
            for name in group.documents if not group.catalogue else ():
                if name in waiting:
                    group.catalogued[name] = waiting[name].fields
                    group.waiting_lines[name] = waiting[name].entry_id

    def _catalogues(self, folder: Path, on_disk: dict[str, str], files: dict[str, os.stat_result], now: float,
                    report: InboxReport) -> dict[str, Catalogue]:
        """The catalogues among a folder's files (parsers.catalogue: index.jsonl, manifest.csv naming the files beside
        them), each to be read with the documents it names. One whose files are not all there yet waits with those that
        are, up to feeds.inbox_sidecar_wait_seconds (a sync tool sends the list first): taken out of `files` for this run."""
        found: dict[str, Catalogue] = {}
        for name, info in list(files.items()):
            if not may_be_catalogue(name, info.st_size):
                continue
            catalogue = read_catalogue(folder / on_disk.get(name, name), RecordLimits.of(self.engine.settings))
            if catalogue is None:
                continue
            served = catalogue.served(set(files) - {name})
            if len(served) < len(catalogue.entries) and now - _written_at(info) < self.sidecar_wait:
                for held in {name, *served.values()}:
                    files.pop(held, None)
                    report.waiting += 1
                continue
            found[name] = catalogue
        return found

    def _late_sidecar_of(self, group: _Group, info: os.stat_result, path: Path) -> _Group | None:
        """The late-sidecar group of a lone record file named as a sidecar (NAME.ext.json), or a STEM.json/.xml of a
        sidecar's size and form (_late_sidecar(stem=True)), else None."""
        name = group.record_file or ""
        if _sidecar_name(name):
            return self._late_sidecar(group, info)
        return self._late_sidecar(group, info, stem=True) if _stem_sidecar_size(name, info) and _one_record_head(path) else None

    def _late_sidecar(self, group: _Group, info: os.stat_result, stem: bool = False) -> _Group | None:
        """A sidecar (`通知.html.json`) come after its document was read: the group of that document, copied back from
        the archive, and the sidecar, or None. An upload in name order (通知.html, then 通知.html.json) with a run between
        the two sent the document in without its fields, and the sidecar, alone, waited an hour and was quarantined
        (`title: Field required`). Read together now, the same bytes with the fields completed are a new version of the
        record (feeds/same_file.py). Only a document archived within feeds.inbox_sidecar_wait_seconds of the sidecar's
        writing: last week's 通知.html is no reason to take this week's sidecar, sent before its own document.
        `stem`: a STEM.json/STEM.xml (通知.json after 通知.html), the other name a sidecar may have: the one document of
        that stem archived so, else None (read alone as the record file its name says, as before; doors7)."""
        sidecar = group.record_file or ""
        document = sidecar.rpartition(".")[0]
        if not stem and _record_file_name(document):  # 十一月.zip.json, 导出.jsonl.gz.json: record files of their own (doors4)
            return None
        pattern = f"*/*/{glob.escape(str(group.where))}/{glob.escape(document)}" + (".*" if stem else "")
        written = info.st_ctime  # when it arrived here (a copy may keep an old mtime)
        found = []
        for copy in [*self.archive.glob(pattern), *(self.archive / "failed").glob(pattern)]:
            try:
                archived = copy.stat(follow_symlinks=False)
            except OSError:
                continue
            if stem and (_record_file_name(copy.name) or sidecar not in sidecar_names(copy.name)):
                continue  # (通知.json.json, 通知.jsonl: no document of that stem)
            if (stat.S_ISREG(archived.st_mode) and abs(archived.st_ctime - written) <= self.sidecar_wait
                    and not _archived_with_sidecar(copy)):
                found.append((archived.st_ctime, copy))
        if not found or (stem and len({copy.name for _, copy in found}) > 1):
            return None  # (two documents of that stem, 通知.pdf and 通知.docx: whose it is would be a guess)
        document = max(found)[1].name
        late = _Group(group.agency, documents=[document], sidecars={document: [sidecar]}, notices=group.notices,
                      on_disk=group.on_disk, seen=group.seen, archived={document: max(found)[1]})
        return late

    def _claim_group(self, folder: Path, group: _Group, report: InboxReport | None = None) -> bool:
        target = self._claim_folder(folder) or self.work / group.where
        target.mkdir(parents=True, exist_ok=True)
        group.claimed_in, group.came_from = target, folder
        if group.archived and not group.catalogue:  # a late sidecar: claimed itself, then its document copied back (_late_sidecar)
            return self._claim_late_sidecar(folder, group, target)
        first, *rest = [name for name in group.names if name not in group.archived]
        if (target / first).exists():
            return False  # a file of that name from the agency's other folder (its name in GBK) was claimed: next run
        try:
            # claimed under its name as text: refs, sources, the archive and a retry see 招生.jsonl, not escapes
            os.rename(folder / group.on_disk.get(first, first), target / first)
        except FileNotFoundError:
            return False  # another run claimed it first
        except OSError as exc:  # e.g. no permission to move it: leave it, say so, go on with the rest
            if report is not None:
                report.refused.append(f"{group.display(first)}: {_CROSS_DEVICE if exc.errno == errno.EXDEV else ''}cannot be claimed: "
                                      f"{exc.strerror or exc}")
            return False
        for name in rest:
            try:
                if (target / name).exists():
                    raise FileExistsError(f"{name} was claimed from another folder of the agency")
                os.rename(folder / group.on_disk.get(name, name), target / name)
            except OSError as exc:
                # vanished (another run grouped the same files differently) or not movable: the group
                # goes on without that file rather than waiting forever; the file stays where it is
                log.warning("inbox: %s could not be claimed with its group: %s", group.display(name), exc)
                if name in group.sidecar_files:
                    group.drop_sidecar(name)
                elif name in group.documents:
                    group.documents.remove(name)
        for name, archived in list(group.archived.items()):  # a late catalogue's documents, copied back (the archive keeps its own)
            if (target / name).exists():
                group.documents.remove(name)
                del group.archived[name]
            else:
                shutil.copy2(archived, target / name)
        return True

    def _claim_folder(self, folder: Path) -> Path | None:
        """FOLDER/.processing/RUN/ for an agency folder on another filesystem than the inbox's processing folder (its
        own mount: a claim is a rename, which no filesystem does across mounts; every run left its files, "Invalid
        cross-device link"), else None: the run's processing folder. Its files are archived by a copy (_archive_move)."""
        if folder not in self._claim_folders:
            try:
                own = folder != self.inbox and os.stat(folder).st_dev != os.stat(self.processing_root).st_dev
            except OSError:
                own = False
            self._claim_folders[folder] = folder / PROCESSING / self.run_id if own else None
        return self._claim_folders[folder]

    def _claim_late_sidecar(self, folder: Path, group: _Group, target: Path) -> bool:
        [sidecar] = group.sidecar_files
        [(document, archived)] = group.archived.items()
        if (target / sidecar).exists() or (target / document).exists():
            return False  # that name is claimed in this run already (its GBK twin): the next run
        try:
            os.rename(folder / group.on_disk.get(sidecar, sidecar), target / sidecar)
        except OSError:
            return False  # taken by another run, or gone: nothing claimed
        shutil.copy2(archived, target / document)  # the archive keeps its copy
        return True

    # ------------------------------------------------------------------------------ ingest

    def _ingest(self, groups: list[_Group], report: InboxReport) -> None:
        outcome: dict[str, list[ItemResult]] = {}

        def collect(result: ItemResult) -> None:
            # A document's items come back under its capture's key (named by the file); a record file's are NAME#N.
            key = result.capture.ref if result.capture is not None else inbox_layout.file_ref(result.input)
            outcome.setdefault(key, []).append(result)
            report.counts[result.status] += 1

        # One session for the run: one parser pool for all its documents, one index commit at its end.
        self._superseded.clear()
        started = datetime.now(UTC)
        with self.engine.ingest_session(on_item=collect) as session:
            # a record the agency pushed first stays that record (feeds/agency_doors.py)
            session.ingest(one_record_across_doors(self.engine.store, self._items(groups, session)))
        for old, item in self._superseded:  # only now that the new records are stored
            stored = item.record is not None and self.engine.store.get(item.record.id) is not None
            if stored and item.record is not None:
                self.engine.withdraw(old, f"{SUPERSEDED_BY_SAME_FILE}{item.record.id}")
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        for group in groups:
            if self._changed_while_read(group):
                # Its writer paused longer than inbox_min_age_seconds and wrote on into the claimed file (an export
                # written in batches): archived, the rest was never read. Back to the inbox, read whole once quiet
                # (what went in already is `unchanged` then).
                log.warning("inbox: %s changed while it was read (still being written): put back for the next run",
                            ", ".join(group.display(name) for name in group.names))
                report.waiting += self._put_group_back(group)
                # what its reading quarantined was cut by that moment (a half line, a character): read whole by the next
                # run, still open it stood beside the record that line went in as (doors7)
                cut = [r.input for name in group.names for r in outcome.get(self._ref(group, name), []) if r.status == "quarantined"]
                if cut:
                    self.engine.store.quarantine_resolve_refs(cut, started)
                continue
            results = [r for name in group.names for r in outcome.get(self._ref(group, name), [])]
            if group.record_file and group.record_file.lower().rstrip(". ").endswith((ZIP_SUFFIX, *office_zip_suffixes())):
                # a zip's records: ZIP/MEMBER#N (a zip of records under an office name too, 公开目录.docx: doors9)
                inside = self._ref(group, group.record_file) + "/"
                results += [r for key, found in outcome.items() if key.startswith(inside) for r in found]
            failed = not results or any(r.status == "quarantined" for r in results)
            destination = (self.archive / "failed" if failed else self.archive) / day / self.run_id / group.where
            destination.mkdir(parents=True, exist_ok=True)
            for name in group.names:
                source = self._claimed(group) / name
                if not failed and name in group.archived:
                    # a document quarantined (no title) and read again with its late sidecar went in: its entry is done
                    self.engine.store.quarantine_resolve_input(self._ref(group, name), _sha256(source))
                went_in = [r for r in outcome.get(self._ref(group, name), [])]
                if name in group.waiting_lines and went_in and all(r.status != "quarantined" for r in went_in):
                    # an earlier catalogue's line this document took: its entry is done (feeds/waiting_lines.py)
                    self.engine.store.quarantine_set_status(group.waiting_lines[name], "resolved")
                if source.exists() or source.is_symlink():
                    _archive_move(source, destination / name)

    def _claimed(self, group: _Group) -> Path:
        return group.claimed_in or self.work / group.where

    def _ref(self, group: _Group, name: str) -> str:
        return "inbox:" + group.display(name)

    def _changed_while_read(self, group: _Group) -> bool:
        for name, before in group.seen.items():
            try:
                info = os.stat(self._claimed(group) / name, follow_symlinks=False)
            except OSError:
                continue
            if (info.st_size, info.st_mtime_ns) != before:
                return True
        return False

    def _put_group_back(self, group: _Group) -> int:
        """Its claimed files back where the agency put them (a file delivered again meanwhile kept beside)."""
        folder = self.inbox / group.agency if group.agency != ROOT_AGENCY else self.inbox
        folder = folder / NOTICES_DIR if group.notices else folder
        if group.claimed_in != self.work / group.where and group.came_from is not None:
            folder = group.came_from  # claimed on its own filesystem: back by a rename there
        folder.mkdir(parents=True, exist_ok=True)
        count = 0
        for name in group.names:
            claimed = self._claimed(group) / name
            if claimed.exists() or claimed.is_symlink():
                target = folder / name if not (folder / name).exists() else folder / _twin_name(self.run_id, name)
                os.rename(claimed, target)
                count += 1
        return count

    def _items(self, groups: list[_Group], session: IngestSession) -> Iterator[IngestItem]:
        from gongkai.parsers import Capture

        source = lambda agency: f"inbox:{agency}" if agency else "inbox"  # noqa: E731
        # Record files (read lazily: a large export streams, it is never held as a list) and unreadable
        # documents, ingested after the documents.
        other: list[Iterable[IngestItem]] = []

        def captures(notices: bool) -> Iterator[tuple[CaptureKey, Capture]]:
            for group in (g for g in groups if g.notices == notices):
                folder = self._claimed(group)
                if group.record_file and not _is_document(folder / group.record_file):
                    other.append(self._record_file_items(folder, group, group.record_file, source(group.agency)))
                    yield from self._zipped_documents(folder / group.record_file, self._ref(group, group.record_file),
                                                      source(group.agency), other)
                    continue
                # A "record file" that is a document (an .xml whose root is no <record>/<records>, a PDF renamed
                # .jsonl) is read as one (no sidecar), as `gongkai ingest` takes it.
                documents = [group.record_file] if group.record_file else group.documents
                read: dict[str, dict[str, Any] | str] = {}  # sidecar name -> its fields, or why it is refused
                if group.catalogue:  # its lines that serve no document here: each an entry, the line kept (doors12)
                    other.append(self._catalogue_refused(group, source(group.agency)))
                for name in documents:
                    ref = self._ref(group, name)
                    sidecar, sidecar_error = _sidecar_fields(folder, name, group.sidecars.get(name, []), read, RecordLimits.of(self.engine.settings))
                    try:
                        data = _read_no_follow(folder / name, self.engine.settings.parsers.max_file_bytes)
                    except OSError as exc:
                        other.append([IngestItem(ref, error=f"{ref}: cannot read the file: {exc.strerror or exc}", source=source(group.agency))])
                        continue
                    sidecar = {**group.catalogued.get(name, {}), **sidecar}  # its own sidecar wins over its catalogue line
                    # the same file sent again keeps what its last sending gave it (feeds/same_file.py; doors13)
                    sidecar = {**last_sending_fields(self.engine.store, hashlib.sha256(data).hexdigest(), source(group.agency)), **sidecar}
                    if sidecar_error:
                        sha = session.keep_bytes(data, source=source(group.agency), meta={"filename": name})
                        other.append([IngestItem(ref, error=f"{ref}: {sidecar_error}", source=source(group.agency), capture_sha256=sha)])
                        continue
                    capture = Capture(
                        data=data,
                        url=str(sidecar.get("url") or ""),
                        filename=name,
                        source=source(group.agency),
                        fetched_at=datetime.fromtimestamp((folder / name).stat().st_mtime, UTC),
                        sidecar=sidecar,
                    )
                    yield CaptureKey(ref), capture

        # All documents of the run go through one pool of worker processes (over the cores), each killed after
        # settings.parsers.timeout_seconds, so a hostile file (a PDF that makes the parser loop) is quarantined
        # instead of hanging the job — without starting a process per file.
        this_run: dict[tuple[str, str], str] = {}
        for item in session.capture_items(captures(notices=False), parallel=True):
            # A file dropped again with its sidecar completed is a new version of its record (feeds/same_file.py).
            item, superseded = same_file_same_record(self.engine.store, item, item.source, this_run)
            self._superseded.extend((old, item) for old in superseded)
            yield item
        # Notice columns: the poller's path for feeds marked `notices`, one item per notice (split in the
        # worker pool too, under the same time limit).
        yield from session.capture_items(captures(notices=True), notices=True, parallel=True)
        for items in other:
            yield from items

    def _catalogue_refused(self, group: _Group, source: str) -> list[IngestItem]:
        name = group.catalogue or ""
        ref = self._ref(group, name)
        return [IngestItem(entry_ref(ref, entry, "#"), error=f"{entry_ref(ref, entry, '#')}: {missing_reason(name, entry)}",
                           payload=entry.payload, source=source) for entry in group.catalogue_refused]

    def _zipped_documents(self, path: Path, ref: str, source: str, other: list[Iterable[IngestItem]]) -> Iterator[tuple[CaptureKey, Any]]:
        """The documents of a zip of documents (gongkai.compressed.document_captures), each a capture `ZIP/MEMBER` of the
        run's pool; a member that cannot be read (a refused sidecar, over the size limit) is its own entry."""
        from gongkai.compressed import document_captures

        if not path.name.lower().endswith(ZIP_SUFFIX):
            return
        settings = self.engine.settings
        for member, capture in document_captures(path, settings.parsers, source, RecordLimits.of(settings)):
            if isinstance(capture, str):
                other.append([IngestItem(f"{ref}/{member}", error=f"{ref}/{member}: {capture}", source=source)])
            else:
                yield CaptureKey(f"{ref}/{member}"), capture

    def _record_file_items(self, folder: Path, group: _Group, name: str, source: str) -> Iterator[IngestItem]:
        """A record file's items by the one reader, as `gongkai ingest` reads it (gongkai.inputs.iter_record_file:
        streamed whatever its size, a large JSON Lines file validated in a worker process; the parsers'
        file limit is for documents)."""
        from gongkai.inputs import iter_record_file, record_file_kind

        ref = self._ref(group, name)
        settings = self.engine.settings
        try:
            # the kind `gongkai ingest` reads it as (a pretty-printed .jsonl is JSON), else its name's
            kind = record_file_kind(folder / name) or kind_of(inner_name(name), b"{") or "lines"
            yield from iter_record_file(
                folder / name, source, RecordLimits.of(settings),
                kind=kind, name=ref, refs=inbox_layout.numbered_ref, parsers=settings.parsers,
            )
        except OSError as exc:  # e.g. replaced by a symlink after the claim (opened with O_NOFOLLOW)
            yield IngestItem(ref, error=f"{ref}: cannot read the file: {exc.strerror or exc}", source=source)
        except Exception as exc:  # a reader's failure on one hostile file is that file's entry
            # (a password zip's RuntimeError, a UTF-16 decoding error ended the whole run: no file of it went in, and every
            # later run met the same file again; doors4). What was read before it went in; the file goes to failed/.
            log.exception("inbox: %s could not be read to its end", ref)
            yield IngestItem(ref, error=f"{ref}: cannot read the file to its end: {type(exc).__name__}: {exc}", source=source)


def _pair(agency: str, names: list[str], notices: bool, opens_as_records: Callable[[str], bool] = lambda _: False) -> list[_Group]:
    """One folder's files as groups: each document with its sidecars (parsers.sidecar's rule), documents
    that share a sidecar together, and every other .json/.jsonl/.xml file as a record file of its own, as is a `.txt` or
    suffix-less file without a sidecar that `opens_as_records` (`gongkai ingest`'s rule: an export opening with `{`, or
    `[{`, a JSON array; in GB18030 too). Read as a document it was ONE record titled by its file name, its records the
    body's text (doors5); a notice column (`notices/`) is never records."""
    pairs = pair_sidecars(names)
    sidecar_names = {s for found in pairs.values() for s in found}
    records = {n for n in names if _record_file_name(n) or (not notices and not pairs.get(n) and n not in sidecar_names
                                                            and (_txt_or_bare(n) or _office_name(n) or _feed_name(n))
                                                            and opens_as_records(n))}
    groups: list[_Group] = []
    group_of: dict[str, _Group] = {}  # sidecar name -> the group that holds it
    for document in sorted(n for n in names if n not in records):
        found = pairs.get(document, [])
        owners: list[_Group] = []
        for sidecar in found:
            if sidecar in group_of and group_of[sidecar] not in owners:
                owners.append(group_of[sidecar])
        group = owners[0] if owners else _Group(agency, notices=notices)
        if not owners:
            groups.append(group)
        for other in owners[1:]:  # this document links two groups: one group takes them all
            group.documents += other.documents
            group.sidecars.update(other.sidecars)
            groups.remove(other)
        group.documents.append(document)
        group.sidecars[document] = list(found)
        for sidecar in group.sidecar_files:
            group_of[sidecar] = group
    lone = sorted(n for n in names if n in records and n not in sidecar_names)
    return groups + [_Group(agency, record_file=name, notices=notices) for name in lone]


def _with_catalogues(groups: list[_Group], catalogues: dict[str, Catalogue], agency: str, notices: bool,
                     present: set[str], archived_copy: Callable[[str, str], Path | None] = lambda _, __: None) -> list[_Group]:
    """Each catalogue with the groups of the documents it names, one group: claimed, read and archived together (a
    document's own sidecars stay its own). A line naming a record file beside it gives it nothing (it is read as itself);
    a line naming a document an earlier run read (`archived_copy`: the CMS exported its list after the files) reads that
    document again with the line, a new version of its record (doors13: it paired with none of them); a line naming no
    file here nor there is refused (_catalogue_refused)."""
    for name, catalogue in catalogues.items():
        joined = _Group(agency, notices=notices, catalogue=name)
        served = catalogue.served(present - {name})
        for entry in catalogue.entries:
            named = served.get(entry.number)
            owner = next((g for g in [joined, *groups] if named in g.documents), None) if named else None
            if owner is not None and owner is not joined:
                groups.remove(owner)
                joined.documents += owner.documents
                joined.sidecars.update(owner.sidecars)
                owner = joined
            if owner is joined and named is not None:
                joined.catalogued[named] = {**entry.fields, **joined.catalogued.get(named, {})}
            elif named is None and (copy := _archived_line_file(entry, partial(archived_copy, name))) is not None:
                written = copy.name  # (its name as it was sent: the line may write it in another case)
                if written not in joined.archived:
                    joined.documents.append(written)
                    joined.archived[written] = copy
                joined.catalogued[written] = {**entry.fields, **joined.catalogued.get(written, {})}
            elif named is None:
                joined.catalogue_refused.append(entry)
        groups.append(joined)
    return groups


def _archived_line_file(entry: Any, archived_copy: Callable[[str], Path | None]) -> Path | None:
    """The archived copy of the document a catalogue's line names (a file of the folder itself, not a record file), or None."""
    path = entry.path() if not entry.error else None
    if path is None or len(path.parts) != 1 or _record_file_name(str(path)):
        return None
    return archived_copy(str(path))


def _record_file_name(name: str) -> bool:
    """A record file by its name: .json/.jsonl/.xml …, one of them gzip-compressed (export.jsonl.gz), or a .zip (of record
    files, else read as a document: gongkai.compressed)."""
    return inner_name(name).lower().endswith(RECORD_FILE_SUFFIXES) or name.lower().endswith(ZIP_SUFFIX)


def _feed_name(name: str) -> bool:
    """A feed's own name (环境信息.atom, rss.rss): its items are records when its bytes open a feed (gongkai.feed_files)."""
    return name.lower().rstrip(". ").endswith((".rss", ".atom", ".rdf"))


def _office_name(name: str) -> bool:
    """An office file's name that may be a zip of record files (公开目录.docx: gongkai.compressed.record_members; doors9)."""
    return name.lower().rstrip(". ").endswith(office_zip_suffixes())


def _txt_or_bare(name: str) -> bool:
    """A name whose bytes say whether it is records: .txt, none, or a spreadsheet's export (.csv: a header naming record
    fields, gongkai.csv_records; it was one text document, doors11)."""
    return name.lower().rstrip(". ").endswith(TEXT_OR_TABLE_SUFFIXES) or "." not in name.lstrip(".")


def _opens_as_records(path: Path) -> bool:
    """A `.txt` or suffix-less file that is records by `gongkai ingest`'s rule (gongkai.inputs.record_file_kind)."""
    from gongkai.inputs import record_file_kind

    try:
        return record_file_kind(path) is not None
    except OSError:
        return False  # gone or unreadable: read (and refused, with why) as the document it is named


def _sidecar_fields(
    folder: Path, document: str, found: list[str], read: dict[str, dict[str, Any] | str], limits: RecordLimits
) -> tuple[dict[str, Any], str | None]:
    """(fields, None) of a document's sidecar ({} when none), or ({}, why it is refused); `read` caches shared ones."""
    try:
        name = the_sidecar(document, found)
    except SidecarError as exc:
        return {}, exc.reason
    if name is None:
        return {}, None
    if name not in read:
        try:
            read[name] = read_sidecar_bytes(_read_no_follow(folder / name, MAX_SIDECAR_BYTES, "sidecars: 1 MiB"), name, limits)
        except SidecarError as exc:
            read[name] = exc.reason
        except OSError as exc:
            read[name] = f"sidecar {name} cannot be read: {exc.strerror or exc}"
    value = read[name]
    return (value, None) if isinstance(value, dict) else ({}, value)


def _remove_empty_folders(folder: Path) -> None:
    """Remove `folder` and the folders below it that are empty; a file left in it keeps it (never deleted)."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for root, dirs, _ in os.walk(folder, topdown=False):
        for name in dirs:
            try:
                os.rmdir(os.path.join(root, name))
            except OSError:
                pass
    try:
        os.rmdir(folder)
    except OSError:
        log.warning("inbox: %s still holds files; a later run puts them back", folder)


@dataclass
class _RunArchive:
    """The archive folders of one run's claimed folder (`archive/DAY/RUN/AGENCY`, `failed/DAY/RUN/AGENCY`), as its
    recovery meets them: the run may have died in the middle of archiving."""

    folders: list[Path]

    def beside(self, name: str) -> Path | None:
        """The folder holding the document whose sidecar `name` is, or None. A run killed between archiving a document
        and its sidecar left the sidecar alone: put back in the inbox it was read later as a record file of its own
        (quarantined: no title), the document having gone in with its fields already."""
        stem, dot, suffix = name.rpartition(".")
        if not dot or suffix.lower() not in ("json", "xml"):
            return None
        for folder in self.folders:
            if (folder / stem).is_file() or any(other.rpartition(".")[0] == stem and not other.lower().endswith(RECORD_FILE_SUFFIXES)
                                                for other in os.listdir(folder)):
                return folder
        return None

    def holds_whole(self, name: str, claimed: Path) -> bool:
        """Whether `claimed` is archived whole already: on another filesystem a file is archived by a copy renamed
        whole, then the claimed file removed; a run killed between the two left it in both places (put back, it was
        read again and archived a second time)."""
        return any((folder / name).is_file() and filecmp.cmp(folder / name, claimed, shallow=False) for folder in self.folders)

    def drop_half_copies(self) -> None:
        """The hidden half copies (`.NAME.part`, _archive_move) of a run killed while copying into another filesystem:
        their claimed files are still in its processing folder, put back whole; the half copy stayed in the archive."""
        for folder in self.folders:
            for entry in os.scandir(folder):
                if entry.name.startswith(".") and entry.name.endswith(".part") and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def _move_files_back(folder: Path, target_dir: Path, run_name: str, archived: _RunArchive | None = None) -> int:
    """Move the files of a dead run's `folder` back to `target_dir` of the inbox; how many. `archived`: what that run
    archived of the folder: a sidecar whose document is there goes beside it, a file archived whole already is only
    removed from the processing folder, a half copy is removed."""
    count = 0
    archived = archived or _RunArchive([])
    archived.drop_half_copies()
    for file_entry in os.scandir(folder):
        if file_entry.is_dir(follow_symlinks=False):
            continue  # the notices/ folder of an agency: put back on its own
        if archived.holds_whole(file_entry.name, Path(file_entry.path)):
            os.unlink(file_entry.path)
            log.warning("inbox: %s was archived whole before its run died; its claimed copy removed", file_entry.name)
            count += 1
            continue
        beside = archived.beside(file_entry.name)
        if beside is not None and not (beside / file_entry.name).exists():
            # with its document, which went in with its fields; the archive may be on another disk (an os.rename there
            # failed, the recovery with it, and every later run the same way)
            _archive_move(Path(file_entry.path), beside / file_entry.name)
            log.warning("inbox: %s archived beside its document (its run died between the two)", file_entry.name)
            count += 1
            continue
        target_dir.mkdir(parents=True, exist_ok=True)  # only for a file: an empty one made each run stood beside a GBK-named one
        target = target_dir / file_entry.name
        if target.exists():  # re-delivered meanwhile: keep both, names still pair up
            target = target_dir / _twin_name(run_name, file_entry.name)
        os.rename(file_entry.path, target)
        count += 1
    return count



#: an agency folder that is a mount of its own (each agency's share mounted under the inbox): a claim is a rename into
#: inbox/.processing/, which no filesystem does across mounts; said so, not only "Invalid cross-device link" (doors6)
_CROSS_DEVICE = ("机构文件夹与收件箱不在同一文件系统（单独挂载），文件无法领取，留在原处；请把共享挂载为整个收件箱或其上级目录 / the agency folder is on "
                 "another filesystem than the inbox (mounted on its own): its files cannot be claimed (a rename), left alone; mount "
                 "the share as the inbox itself or above it: ")
_SUFFIX = re.compile(r"(?:\.[A-Za-z0-9]{1,10}){1,3}$")
_SUFFIX_ROOM = 40  # bytes kept for a name's suffixes (.pdf.json, .jsonl.gz): the same stem is cut the same for both


def _twin_name(run_name: str, name: str) -> str:
    """The name a claimed file goes back under when the agency delivered one of its name meanwhile: `RUN-NAME`, its stem
    cut to fit a folder's 255 bytes (a document and its sidecar cut alike, so they still pair). `RUN-NAME` of a long
    Chinese name (240 bytes) could not be made: the run failed as a whole, its files stayed in the processing folder,
    and every later run failed the same way (doors6)."""
    twin = f"{run_name}-{name}"
    if len(twin.encode("utf-8", "surrogateescape")) <= _NAME_MAX:
        return twin
    found = _SUFFIX.search(name)
    suffixes = found.group(0) if found and found.start() > 0 else ""
    stem = name[: len(name) - len(suffixes)]
    budget = _NAME_MAX - len(f"{run_name}-".encode()) - _SUFFIX_ROOM
    while len(stem.encode("utf-8", "surrogateescape")) > budget:
        stem = stem[:-1]
    return f"{run_name}-{stem}{suffixes}"


def _archived_with_sidecar(document: Path) -> bool:
    """Whether an archived document went in with a sidecar of its own (NAME.json/.xml or STEM.json/.xml beside it): then a
    lone sidecar of that name is no late one of it but a new document's, sent first (an agency naming every day's page
    通知.html): given the old page, it wrote the new page's fields onto it (review s15)."""
    names = set(sidecar_names(document.name))
    return any(other in names for other in os.listdir(document.parent))


def _one_record_head(path: Path) -> bool:
    """Whether a STEM.json/.xml opens as a sidecar does, one object of fields (`{`, `<record>`), not as an export of
    records (`[`, `<records>`): 政府信息公开目录.json, the day's records sent after the page 政府信息公开目录.html, was taken
    for the page's sidecar and refused with it ("must hold one JSON object"), its records unread (review s16)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return not head.startswith(b"[") and b"<records" not in head


def _stem_sidecar_size(name: str, info: os.stat_result) -> bool:
    """A lone STEM.json/STEM.xml that may be a document's late sidecar (_late_sidecar(stem=True)): of a sidecar's size;
    a larger one is an export, read as records without looking in the archive."""
    return name.lower().endswith((".json", ".xml")) and not _sidecar_name(name) and info.st_size <= MAX_SIDECAR_BYTES


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _archive_move(source: Path, target: Path) -> None:
    """A claimed file into the archive: a rename on one filesystem; across filesystems (feeds.archive_dir on another
    disk) a copy under a hidden name, renamed once whole, then the claimed file removed. shutil.move left a half copy
    under the file's own name when that disk filled (the claimed file went back to the inbox, and a quarantine retry,
    which reads the newest archived copy, would have read the half)."""
    try:
        os.rename(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    partial = target.with_name(f".{target.name}.part")
    try:
        shutil.copy2(source, partial, follow_symlinks=False)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.unlink(source)


def _run_started(run_id: str) -> float | None:
    """When an archive's run folder's run started (its name: `20261207T231441-a15f0d5f`, UTC), or None for another name.
    The folder keeps it where a copy or a restore of the archive would not keep the files' ctimes."""
    try:
        return datetime.strptime(run_id.partition("-")[0], "%Y%m%dT%H%M%S").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def _written_at(info: os.stat_result) -> float:
    """When a file was last written, by this machine's clock where the file's own says the future: its mtime (what the
    writer set; a copy keeping an old date is old), else its ctime (set by this filesystem on each write and on arrival).
    A file dated ahead (an agency PC's clock a year wrong, a zip's stored dates) waited that long, `waiting` at each
    run (doors2, session 11); an mtime set into the past (`touch -d`, `cp -p`) still counts as it did."""
    return min(info.st_mtime, info.st_ctime)


def _strip_in_progress(name: str) -> str:
    lowered = name.lower()
    for suffix in IN_PROGRESS_SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _sidecar_name(name: str) -> bool:
    """A sidecar by its name, NAME.json or NAME.xml where NAME is a document's (report.pdf.json): a record file
    is never named so."""
    from gongkai.parsers.registry import formats

    stem, dot, suffix = name.rpartition(".")
    if not dot or suffix.lower() not in ("json", "xml"):
        return False
    stem = stem[:-3] if stem.lower().endswith(".gz") else stem  # 报告.pdf.gz.json: a gzip document's (doors4)
    extension = "." + stem.rpartition(".")[2].lower() if "." in stem else ""
    return bool(extension) and any(extension in spec.extensions for spec in formats() if spec.document)


#: a GBK name is read as its Chinese, whose UTF-8 is half as long again: a 254-byte GBK name is 378 bytes, which no
#: folder can hold, and claiming it under that name raised in every run (doors5: the inbox stuck on one file)
_NAME_MAX = 255
_TOO_LONG = ("文件名用 GBK 写成，转为 UTF-8 后超过 255 字节，留在原处，请改短文件名 / a name written in GBK, over 255 bytes once read as "
             "Chinese (UTF-8): left alone; shorten it")


def _too_long(text_name: str) -> bool:
    return len(text_name.encode("utf-8")) > _NAME_MAX


#: a name as text, the GBK rule (one rule for the drop folder and `gongkai ingest`: gongkai.input_refs.text_name)
_text_name = text_name


def _is_document(path: Path) -> bool:
    """A record file by its name that is a document: an .xml file that is not a record file
    (parsers.sidecar.is_xml_record_file), a .json file that is no JSON, a document renamed .jsonl (a PDF, a DOCX):
    gongkai.inputs.record_file_kind, the rule of `gongkai ingest`."""
    if path.is_symlink():
        return False
    from gongkai.inputs import record_file_kind

    try:
        return record_file_kind(path) is None
    except OSError:
        return False  # read (and refused) as a record file, with the reason


def _read_no_follow(path: Path, max_bytes: int, limit_name: str = "settings parsers.max_file_bytes") -> bytes:
    """Read a regular file, refusing symlinks (O_NOFOLLOW) and files over `max_bytes` (named `limit_name`
    in the message) before reading."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"not a regular file: {path.name}")
        if info.st_size > max_bytes:
            raise OSError(f"file is {info.st_size} bytes, over the limit of {max_bytes} ({limit_name})")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(max_bytes + 1)
    finally:
        os.close(fd)


def _display(agency: str, name: str) -> str:
    return f"{agency}/{name}" if agency else name
