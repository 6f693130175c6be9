"""Record files delivered compressed: gzip (`export.jsonl.gz`, `records.json.gz`, `records.xml.gz`: what a CMS's export
or a nightly job writes to save the transfer) and a `.zip` whose every member is a record file (a month's exports zipped on
a clerk's PC), in the drop folder, to `gongkai ingest` and to a quarantine retry alike.

A file is gzip by its first bytes (an `export.jsonl` that is gzip inside is unpacked too); it is read as the record file
its name without `.gz` names, streamed through the decompressor (never unpacked to disk nor held whole). Before any
record is read the whole stream is checked by the archive-safety limits (parsers.archive.check_gzip: a bomb refuses the
file whole with the reason, its records never read; a stream cut short is read up to the cut, the cut quarantined with
its reason, gongkai.inputs); the compressed file is the raw input kept (the drop folder's archive, the path `gongkai
ingest` read). A gzip document (`report.pdf.gz`) is unpacked by the parsers (gongkai.parsers.unpacked), not here; a zip
holding anything else than record files stays a document (a DOCX is a zip).

A zip is checked by the same limits (parsers.archive.check_zip, from its directory, before anything is inflated); its
members are read one after another, in name order, each as the record file its name says, its records named
`ARCHIVE/MEMBER` then the record's number (`inbox:A/2026.zip/一月.jsonl#3`). Member names a Windows zip wrote in GBK
(no UTF-8 flag) are read as the Chinese they are.
"""

from __future__ import annotations

import gzip
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from gongkai.recordfiles import open_no_follow
from gongkai.settings import ParserSettings

if TYPE_CHECKING:
    from gongkai.parsers.capture import ParseError

GZIP_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"


def inner_name(name: str) -> str:
    """The name of what a compressed file holds: `export.jsonl.gz` -> `export.jsonl` (other names unchanged)."""
    return name[: -len(GZIP_SUFFIX)] if name.lower().endswith(GZIP_SUFFIX) and len(name) > len(GZIP_SUFFIX) else name


def is_gzip(path: Path) -> bool:
    """The file starts as a gzip stream does (never read through a symlink)."""
    try:
        with open_no_follow(path) as handle:
            return handle.read(2) == GZIP_MAGIC
    except OSError:
        return False


def open_record_file(path: Path) -> IO[bytes]:
    """A record file opened for reading (never through a symlink), unpacked as it is read when it is gzip."""
    handle = open_no_follow(path)
    try:
        if handle.peek(2)[:2] != GZIP_MAGIC:  # type: ignore[attr-defined]  # a BufferedReader (os.fdopen)
            return handle
        stream = gzip.GzipFile(fileobj=handle, mode="rb")
        stream.myfileobj = handle  # type: ignore[assignment]  # closed with the stream (GzipFile closes its own file only)
        return cast(IO[bytes], stream)
    except BaseException:
        handle.close()
        raise


def head(path: Path, size: int = 1024) -> bytes:
    """The first `size` bytes a record file holds (unpacked when gzip; what could be unpacked of a damaged one)."""
    try:
        with open_record_file(path) as handle:
            return handle.read(size)
    except (EOFError, OSError):
        return b""


def refused(path: Path, parsers: ParserSettings, name: str) -> ParseError | None:
    """Why a gzip record file cannot be read whole (parsers.archive.check_gzip): a bomb (read not at all), or a stream cut
    short or damaged (parsers.archive.CutShort: its records before the cut are read, then the cut is quarantined); None
    when it can or is not gzip."""
    from gongkai.parsers.archive import check_gzip
    from gongkai.parsers.capture import ParseError

    try:
        with open_no_follow(path) as handle:
            if handle.read(2) != GZIP_MAGIC:
                return None
            handle.seek(0)
            check_gzip(handle, os.fstat(handle.fileno()).st_size, parsers, name)
    except ParseError as exc:
        return exc
    return None


ZIP_SUFFIX = ".zip"
#: members a zip tool adds that are nobody's records (macOS' resource forks, folders)
_ZIP_NOISE = ("__MACOSX/",)


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as text: a name without the UTF-8 flag is cp437 to zipfile, but a Chinese Windows zip wrote GBK."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def record_members(path: Path) -> list[zipfile.ZipInfo] | None:
    """The members of a `.zip` of record files (every member a .json/.jsonl/.xml … by its name), or None when it is not
    one (another name, not a zip, a zip of documents: a DOCX's members are no record files)."""
    from gongkai.recordfiles import kind_of

    if not path.name.lower().endswith(ZIP_SUFFIX):
        return None
    try:
        with open_no_follow(path) as handle, zipfile.ZipFile(handle) as archive:
            members = [info for info in archive.infolist() if not info.is_dir() and not info.filename.startswith(_ZIP_NOISE)
                       and not Path(member_name(info)).name.startswith(".")]
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    if not members or any(kind_of(Path(member_name(info)).name) is None for info in members):
        return None
    return sorted(members, key=member_name)


def zip_members(path: Path, parsers: ParserSettings, name: str) -> Iterator[tuple[str, IO[bytes]]]:
    """(member name, its bytes as a stream) of a zip of record files, its limits checked first (parsers.archive.check_zip:
    a ParseError, the whole archive refused)."""
    from gongkai.parsers.archive import check_zip

    with open_no_follow(path) as handle, zipfile.ZipFile(handle) as archive:
        check_zip(archive, parsers, name)
        for info in record_members(path) or []:
            with archive.open(info) as stream:
                yield member_name(info), stream
