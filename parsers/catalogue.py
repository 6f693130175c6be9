"""Catalogues: a record file whose every entry names a file beside it (`{"file": "报告.txt", "title": …, "publish_date": …,
"source_url": …}`), the list a download tool, a CMS's attachment export or a corpus writes next to the files it saved:
`index.jsonl`, `manifest.csv` (文件名,标题,发布日期 …), `files.json` (a JSON list). It is no record file: each entry is a
sidecar of the file it names (its fields win over what the parser extracts; the file's own sidecar, NAME.json, wins over
the entry). Read as records, each line was quarantined, `file: Extra inputs are not permitted`, and the files went in
without their titles and dates (doors12, session 20).

Known by its content, whatever its name: a JSON Lines, JSON or CSV file each of whose records names a file (FILE_KEYS)
by a name with a suffix. An entry's keys are read by the sidecars' label table (title, 标题, source_url, 发布日期 …);
keys no record field holds (a catalogue's own bookkeeping: province, chars, 序号, title_in_text) are ignored with a note.
An entry naming a path out of its folder (`../x`, `/etc/passwd`) reads nothing there: it is refused, as is one naming
a file not delivered (gongkai.inputs, the drop folder: quarantined with the line kept, never lost).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import IO, Any

from gongkai.parsers.sidecar import RECORD_FIELDS, SIDECAR_FORBIDDEN, field_of
from gongkai.recordfiles import (
    LINE_SUFFIXES,
    TEXT_OR_TABLE_SUFFIXES,
    BadRecord,
    RecordLimits,
    kind_of,
    open_no_follow,
    read_values,
)

log = logging.getLogger(__name__)

#: the keys that name an entry's file (a download tool's, a CMS's, a spreadsheet's)
FILE_KEYS = ("file", "filename", "file_name", "fileName", "filepath", "file_path", "文件名", "文件名称", "文件")
#: a catalogue is a list of files, not an export: a record file larger than this is read as records unlooked at
MAX_CATALOGUE_BYTES = 8 * 1024 * 1024


@lru_cache(maxsize=1)
def workbook_suffixes() -> tuple[str, ...]:
    """A workbook a clerk keeps the list in (目录.xlsx, WPS's .et, Excel 97's .xls): read as the CSV it would save (doors13:
    an .xlsx catalogue was one document, its pages went in without their titles). The registry's spreadsheet formats."""
    from gongkai.parsers.registry import formats  # the registry loads every format: asked when a name is checked

    return tuple(extension for spec in formats() if spec.spreadsheet for extension in spec.extensions)


@lru_cache(maxsize=1)
def catalogue_suffixes() -> tuple[str, ...]:
    """The suffixes a catalogue is written under (JSON Lines, JSON, CSV/TSV; .txt: Excel's "Unicode 文本" and
    文本文件(制表符分隔)): the record files' own lists (gongkai.recordfiles: a new record-file suffix is a catalogue's too)
    and the workbooks."""
    return (*LINE_SUFFIXES, ".json", *TEXT_OR_TABLE_SUFFIXES, *workbook_suffixes())


@dataclass(frozen=True)
class Entry:
    """One line of a catalogue: the file it names (as written), its record fields, or why it is refused."""

    number: int
    file: str
    fields: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    payload: bytes | str | None = None

    def path(self) -> PurePosixPath | None:
        """The file it names, relative to the catalogue's folder (a Windows `附件\\1.pdf` too), or None: a path out of
        the folder (absolute, `..`), which is never looked at."""
        written = self.file.replace("\\", "/").strip()
        relative = PurePosixPath(written)
        if not written or relative.is_absolute() or ".." in relative.parts or ":" in relative.parts[0]:
            return None
        parts = [part for part in relative.parts if part not in ("", ".")]
        return PurePosixPath(*parts) if parts else None


@dataclass(frozen=True)
class Catalogue:
    name: str
    entries: list[Entry]

    def served(self, present: set[str]) -> dict[int, str]:
        """Entry number -> the name among `present` (paths relative to the catalogue's folder, `/`-separated) of the file
        it names: as written, else the one name equal but for case (a catalogue written on Windows, where case does not
        matter, names `T2031_01.HTML` for `t2031_01.html`)."""
        folded: dict[str, list[str]] = {}
        for name in present:
            folded.setdefault(name.casefold(), []).append(name)
        served: dict[int, str] = {}
        for entry in self.entries:
            path = entry.path() if not entry.error else None
            if path is None:
                continue
            written = str(path)
            alike = folded.get(written.casefold(), [])
            if written in present or len(alike) == 1:
                served[entry.number] = written if written in present else alike[0]
        return served


def may_be_catalogue(name: str, size: int) -> bool:
    """Whether a file is worth reading as a catalogue: a JSON Lines, JSON or CSV name, and a catalogue's size."""
    return name.lower().rstrip(". ").endswith(catalogue_suffixes()) and 0 < size <= MAX_CATALOGUE_BYTES


def read_catalogue(path: Path, limits: RecordLimits | None = None) -> Catalogue | None:
    """The catalogue at `path`, or None when it is no catalogue (a record file, a document, unreadable)."""
    try:
        size = path.stat(follow_symlinks=False).st_size
        if not may_be_catalogue(path.name, size):
            return None
        with open_no_follow(path) as handle:
            return read_catalogue_from(handle, path.name, limits, str(path))
    except Exception:  # noqa: BLE001 - whatever stops the reading, the file is read as itself, which says why
        return None


def read_catalogue_from(handle: IO[bytes], name: str, limits: RecordLimits | None = None, shown: str = "") -> Catalogue | None:
    """The catalogue a seekable stream holds (a file, a zip's member read whole), or None."""
    try:
        if name.lower().rstrip(". ").endswith(workbook_suffixes()):
            handle, name = _workbook_as_csv(handle.read(MAX_CATALOGUE_BYTES + 1)), name.rstrip(". ") + ".csv"
        head = handle.read(4096)
        kind = kind_of(name, head)
        if kind not in ("lines", "json", "csv"):
            return None
        handle.seek(0)
        values = []
        for value in read_values(handle, name, kind, limits or RecordLimits()):
            if isinstance(value[2], dict) and not _file_key(value[2]):
                return None  # a record file (its first record names no file: it is read no further here)
            values.append(value)
    except Exception:  # noqa: BLE001 - whatever stops the reading, the file is read as itself, which says why
        return None
    read = [value for _, _, value in values if isinstance(value, dict)]
    if not read:
        return None
    path = shown or name
    catalogue = Catalogue(name, [_entry(number, value) for _, number, value in values])
    ignored = sorted({label for value in read for label in value if _ignored(label)})
    if ignored:
        log.warning("%s: 文件目录中的 %s 不是记录字段，已忽略 / a catalogue's own columns, no record field: ignored", path, "、".join(ignored))
    return catalogue


def _workbook_as_csv(data: bytes) -> IO[bytes]:
    """A workbook's first sheet as the CSV Excel would save of it (its cells as the sheet shows them: a date cell its day),
    so a catalogue kept in a workbook is read by the CSV catalogue's rule (a title row above the header, labels)."""
    import csv
    import io

    from python_calamine import CalamineWorkbook

    from gongkai.parsers.formats.legacy import cell_text

    if len(data) > MAX_CATALOGUE_BYTES:
        raise ValueError("over a catalogue's size")
    if data.startswith(b"PK"):  # an .xlsx is a zip: its members' sizes and ratios checked before calamine unzips (a bomb)
        from gongkai.parsers.archive import open_checked_zip
        from gongkai.settings import ParserSettings

        open_checked_zip(data, ParserSettings(), "catalogue", "xlsx").close()
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows = book.get_sheet_by_index(0).to_python()
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([cell_text(cell) for cell in row] for row in rows)
    return io.BytesIO(text.getvalue().encode())


def _ignored(label: str) -> bool:
    found = field_of(label)
    return label not in FILE_KEYS and (found is None or found not in RECORD_FIELDS)


def _file_key(value: dict[str, Any]) -> str | None:
    """The key naming the entry's file: a file name with a suffix (not a URL, not a text of several lines)."""
    for key in FILE_KEYS:
        named = value.get(key)
        if isinstance(named, str) and named.strip() and "://" not in named and "\n" not in named:
            last = named.replace("\\", "/").rstrip("/").rpartition("/")[2]
            if "." in last.strip(".") and len(named) <= 1024:
                return key
    return None


def _entry(number: int, value: dict[str, Any] | BadRecord) -> Entry:
    if isinstance(value, BadRecord):
        return Entry(number, "", error=value.reason, payload=value.payload)
    payload = json.dumps(value, ensure_ascii=False, default=str)
    key = _file_key(value)
    if key is None:
        return Entry(number, "", error="names no file (文件名/file)", payload=payload)
    fields: dict[str, Any] = {}
    named: dict[str, str] = {}
    for label, item in value.items():
        if label in FILE_KEYS or _ignored(label):
            continue  # the catalogue's own bookkeeping (province, chars, 序号, title_in_text)
        found = str(field_of(label))
        if found in SIDECAR_FORBIDDEN:
            return Entry(number, value[key], error=f"sets {found}, a field only the store sets", payload=payload)
        if found in named:
            return Entry(number, value[key], error=f"gives {found} twice: {named[found]} and {label}", payload=payload)
        named[found] = label
        if item is None or (isinstance(item, str) and not item.strip()):
            continue  # an empty cell: no value given
        fields[found] = item
    return Entry(number, value[key].strip(), fields, payload=payload)


def line_entry(number: int, payload: bytes | str | None) -> Entry | None:
    """The entry a catalogue's line kept in the quarantine holds (its payload, the line as JSON), or None: no such line."""
    try:
        value = json.loads(payload or b"")
    except ValueError:
        return None
    return _entry(number, value) if isinstance(value, dict) else None


def entry_ref(catalogue_ref: str, entry: Entry, style: str = ":") -> str:
    """A catalogue line's input reference: `index.jsonl:3` (`gongkai ingest`), `inbox:A/index.jsonl#3` (the drop folder)."""
    return f"{catalogue_ref}{style}{entry.number}"


def missing_reason(catalogue: str, entry: Entry, why: str = "") -> str:
    """Why a line of a catalogue serves no file (English, as the quarantine keeps reasons: gongkai.quarantine_reasons says
    it Chinese first)."""
    if entry.error:
        return f"a line of the catalogue {catalogue} cannot be used: {entry.error}"
    if entry.path() is None:
        return f"the catalogue {catalogue} names {entry.file}, a path out of its folder: not read"
    return f"the catalogue {catalogue} names {entry.file}, which is not beside it{why}: deliver the file with the catalogue again"
