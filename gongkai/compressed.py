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

import contextlib
import gzip
import io
import os
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from gongkai.recordfiles import open_no_follow, suffix_name
from gongkai.settings import ParserSettings

if TYPE_CHECKING:
    from gongkai.parsers.capture import Capture, ParseError

GZIP_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"


#: gzip layers unpacked: a gzip of a gzip (`export.jsonl.gz.gz`, a nightly job compressing what the CMS had compressed)
#: is its record file; it was `不支持的文件格式` (doors5). More layers are no export tool's (refused as not gzip inside).
MAX_GZIP_LAYERS = 2


def inner_name(name: str) -> str:
    """The name of what a compressed file holds: `export.jsonl.gz` -> `export.jsonl`, `export.jsonl.gz.gz` too (other
    names unchanged; trailing dots and spaces, which Windows drops, dropped: recordfiles.suffix_name)."""
    name = suffix_name(name)
    for _ in range(MAX_GZIP_LAYERS):
        if name.lower().endswith(GZIP_SUFFIX) and len(name) > len(GZIP_SUFFIX):
            name = name[: -len(GZIP_SUFFIX)]
    return name


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
        return _gunzipping(handle)
    except BaseException:
        handle.close()
        raise


def _gunzipping(handle: IO[bytes]) -> IO[bytes]:
    """A gzip stream unpacked as it is read, a gzip inside it too (MAX_GZIP_LAYERS); closing it closes `handle`."""
    stream = gzip.GzipFile(fileobj=handle, mode="rb")
    stream.myfileobj = handle  # type: ignore[assignment]  # closed with the stream (GzipFile closes its own file only)
    for _ in range(MAX_GZIP_LAYERS - 1):
        try:
            if stream.peek(2)[:2] != GZIP_MAGIC:
                break
        except (EOFError, OSError, zlib.error):
            break  # damaged: read (and refused) as it is
        outer, stream = stream, gzip.GzipFile(fileobj=stream, mode="rb")
        stream.myfileobj = outer  # type: ignore[assignment]
    return cast(IO[bytes], stream)


class UpToTheCut(io.RawIOBase):
    """A gzip stream cut short, read as far as it goes: the cut reads as the end (`cut` then True). Its last record,
    unfinished, is the reader's to refuse; GzipFile's own read raised at the cut and lost the chunk being read."""

    def __init__(self, stream: gzip.GzipFile) -> None:
        self._stream, self.cut = stream, False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True  # the JSON and XML readers go back to the start (GzipFile reads it again)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self.cut = False
        return self._stream.seek(offset, whence)

    def tell(self) -> int:
        return self._stream.tell()

    def readinto(self, buffer: Any) -> int:
        if self.cut:
            return 0
        try:
            data = self._stream.read1(len(buffer))
        except (EOFError, OSError, zlib.error):
            self.cut = True
            return 0
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def open_up_to_the_cut(path: Path) -> tuple[IO[bytes], UpToTheCut]:
    """A gzip record file cut short opened to be read up to its cut: (the buffered stream, its raw reader, whose `cut`
    says the cut was met)."""
    handle = open_no_follow(path)
    stream = gzip.GzipFile(fileobj=handle, mode="rb")
    stream.myfileobj = handle  # type: ignore[assignment]  # closed with the stream
    raw = UpToTheCut(stream)
    buffered = io.BufferedReader(raw)
    for _ in range(MAX_GZIP_LAYERS - 1):  # a gzip inside: the outer cut is where the inner stream ends too
        if buffered.peek(2)[:2] != GZIP_MAGIC:
            break
        stream = gzip.GzipFile(fileobj=buffered, mode="rb")
        stream.myfileobj = buffered  # type: ignore[assignment]
        raw = UpToTheCut(stream)
        buffered = io.BufferedReader(raw)
    return cast(IO[bytes], buffered), raw


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
            size = os.fstat(handle.fileno()).st_size
            check_gzip(handle, size, parsers, name)
            handle.seek(0)
            _check_inner_layers(handle, size, parsers, name)
    except ParseError as exc:
        return exc
    return None


def _check_inner_layers(handle: IO[bytes], size: int, parsers: ParserSettings, name: str) -> None:
    """check_gzip of the gzip inside a gzip (its ratio counted against the file's own bytes: a bomb wrapped in a modest
    outer layer is still a bomb)."""
    from gongkai.parsers.archive import check_gzip

    stream: IO[bytes] = handle
    with contextlib.ExitStack() as layers:
        for _ in range(MAX_GZIP_LAYERS - 1):
            layer = layers.enter_context(gzip.GzipFile(fileobj=stream, mode="rb"))
            if layer.read(2) != GZIP_MAGIC:
                return
            layer.seek(0)
            check_gzip(cast(IO[bytes], layer), size, parsers, name)
            layer.seek(0)
            stream = cast(IO[bytes], layer)


ZIP_SUFFIX = ".zip"
#: members a zip tool adds that are nobody's records (macOS' resource forks, folders)
_ZIP_NOISE = ("__MACOSX/",)
#: files a zipped Windows folder holds beside the documents: Explorer's thumbnails and folder settings, and Office's
#: owner file of a document open while zipping (~$方案.docx, 162 bytes): one of them made the whole zip unreadable
_FOLDER_NOISE = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini"})


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as text: a name without the UTF-8 flag is cp437 to zipfile, but a Chinese Windows zip wrote GBK.
    Never a way out of the zip's name: `..`, `.` and empty parts are dropped, backslashes are folders (a member named
    `../../etc/x.jsonl` is `etc/x.jsonl` in refs, the archive's paths and a retry's lookup)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return "/".join(part for part in name.replace("\\", "/").split("/") if part not in ("", ".", "..")) or "_"


def files_of(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The files a zip holds: no folders, no zip tools' noise, no hidden files."""
    return [info for info in archive.infolist() if not info.is_dir() and not info.filename.startswith(_ZIP_NOISE)
            and not _noise_name(Path(member_name(info)).name)]


def _noise_name(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in _FOLDER_NOISE


def office_zip_suffixes() -> tuple[str, ...]:
    """The office names a clerk types on a zip of exports (公开目录.docx: the export zipped, named as the Word file beside
    it): the extensions of the registry's formats that are zips (DOCX, XLSX), asked on use (no list of our own)."""
    from gongkai.parsers.registry import formats

    return tuple(extension for spec in formats() if any(_OOXML in mime for mime in spec.mime_types) for extension in spec.extensions)


#: the media types of Office Open XML formats, whose files are zips ([Content_Types].xml inside)
_OOXML = "openxmlformats"


def _members(path: Path, office_name: bool = False) -> list[zipfile.ZipInfo] | None:
    """The files a `.zip` holds (files_of), None when it is no zip of that name (`office_name`: an office file's name
    too, office_zip_suffixes())."""
    name = path.name.lower().rstrip(". ")
    if not name.endswith(ZIP_SUFFIX) and not (office_name and name.endswith(office_zip_suffixes())):
        return None
    try:
        with open_no_follow(path) as handle, zipfile.ZipFile(handle) as archive:
            return files_of(archive)
    except (OSError, zipfile.BadZipFile, ValueError):
        return None


def record_members(path: Path) -> list[zipfile.ZipInfo] | None:
    """The record files of a `.zip` of record files (.json/.jsonl/.xml … by their names, gzipped too: `一日.jsonl.gz`), or
    None when it is not one (another name, not a zip, a zip of documents, an office file: a DOCX's members are no record
    files). Other members beside them (a zip inside the zip) are their own entries (unread_members), not the whole zip's
    refusal (doors5: a month's exports with last year's zip among them were `不支持的文件格式`, none read). A zip of record
    files alone under an office file's name (公开目录.docx) is one too: it was quarantined `rename it .zip`, its records
    unread (doors8's leftover, doors9)."""
    members = _members(path, office_name=True)
    if not members or _documents_among(members) or any(Path(info.filename).name in _OFFICE_MEMBERS for info in members):
        return None
    records = [info for info in members if _record_name(info)]
    if len(records) != len(members) and not path.name.lower().rstrip(". ").endswith(ZIP_SUFFIX):
        return None  # an office name: only a zip of record files alone (a real DOCX holds [Content_Types].xml, above)
    return sorted(records, key=member_name) if records else None


#: members only an office file (DOCX, XLSX, ODT, OFD …) holds: such a file renamed .zip stays one document
_OFFICE_MEMBERS = ("[Content_Types].xml", "mimetype", "OFD.xml")


def document_members(path: Path) -> list[zipfile.ZipInfo]:
    """The documents of a `.zip` of documents (PDFs, Word files, pages a clerk zipped to send at once; record files and
    sidecars may lie beside them; a member no format reads is its own entry), by their names' extensions (parsers.registry);
    [] when it is no such zip (no document in it, an office file renamed .zip). Read as one document it was `不支持的文件格式`
    (doors4)."""
    return _documents_among(_members(path) or [])


def readable_members(members: list[zipfile.ZipInfo]) -> bool:
    """Whether a zip's files are read one by one: record files (others beside them are their own entries, record_members),
    or documents with record files beside them; never an office file renamed .zip (its [Content_Types].xml is no export).
    A pushed zip of exports with a zip among them was parsed as one document, 422 不支持的文件格式, where the drop folder
    reads it: now 422 several_files, which says to put it in the drop folder (doors5)."""
    if not members or any(Path(info.filename).name in _OFFICE_MEMBERS for info in members):
        return False
    return any(_record_name(info) for info in members) or bool(_documents_among(members))


def _record_name(info: zipfile.ZipInfo) -> bool:
    from gongkai.recordfiles import kind_of

    return kind_of(inner_name(Path(member_name(info)).name)) is not None


def _documents_among(members: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    from gongkai.parsers.registry import formats
    from gongkai.recordfiles import kind_of

    if not members or any(Path(info.filename).name in _OFFICE_MEMBERS for info in members):
        return []
    extensions = tuple(extension for spec in formats() if spec.document for extension in spec.extensions)
    documents = [info for info in members if member_name(info).lower().endswith(extensions) and kind_of(inner_name(Path(member_name(info)).name)) is None]
    # a member no format reads beside them (a zip in the zip, an OFD file) is its own entry (document_captures), not the
    # whole zip's refusal: the documents beside it waited on an operator (review s13)
    return sorted(documents, key=member_name)


def unread_members(path: Path) -> list[tuple[str, str]]:
    """(member name, why) of the members of a zip of record files that are no record file (a zip inside the zip)."""
    return _unread_members(path, []) if record_members(path) else []


def _unread_members(path: Path, documents: list[zipfile.ZipInfo]) -> list[tuple[str, str]]:
    """(member name, why) of the members of a zip of documents that are neither a document nor a record file."""
    return _unread_among(_members(path) or [], documents, records_read=True)


def _unread_among(members: list[zipfile.ZipInfo], documents: list[zipfile.ZipInfo], records_read: bool) -> list[tuple[str, str]]:
    """(member name, why) of `members` that are not among the `documents` read, nor their saved pages' files, nor (when
    `records_read`: the outer zip, whose record files the record reader takes) a record file."""
    from gongkai.recordfiles import kind_of

    read = {member_name(info) for info in documents}
    # a browser's saved page keeps its styles, scripts and pictures in a folder named after it (通知.html, 通知_files/)
    pages_files = {name.rsplit(".", 1)[0] + suffix for name in read for suffix in ("_files", ".files")}
    unread = []
    for info in members:
        member = member_name(info)
        if member in read or any(member.startswith(folder + "/") for folder in pages_files):
            continue
        if kind_of(inner_name(Path(member).name)) is not None:
            if not records_read:  # inside a zip inside the zip: no record reader goes there
                unread.append((member, "unsupported format: a record file inside a zip inside the zip: unzip it and send its files "
                                       "(压缩包内的压缩包：请解压后发送其中的文件)"))
            continue
        if member.lower().endswith(ZIP_SUFFIX):
            unread.append((member, "unsupported format: a zip inside the zip: unzip it and send its files (压缩包内的压缩包：请解压后发送其中的文件)"))
        else:
            unread.append((member, f"unsupported format: a zip member no parser reads ({Path(member).suffix or 'no extension'})"))
    return sorted(unread)


def member_zip(path: Path) -> bool:
    """A `.zip` whose members are read one by one: a zip of record files, or of documents (record files beside them), or
    an empty one (read as one: `文件是空的`; it was `不支持的文件格式`)."""
    return record_members(path) is not None or bool(document_members(path)) or _members(path) == []


def empty_zip(path: Path) -> bool:
    """A `.zip` that holds no file (folders, a zip tool's noise at most)."""
    return _members(path) == []


def _sidecars_in(path: Path) -> set[str]:
    """The member names that are a document's sidecar inside a zip of documents (report.pdf + report.pdf.json)."""
    from gongkai.parsers.sidecar import sidecars_of

    documents = document_members(path)
    if not documents:
        return set()
    names = [member_name(info) for info in _members(path) or []]
    folders: dict[str, list[str]] = {}
    for name in names:
        folder, _, base = name.rpartition("/")
        folders.setdefault(folder, []).append(base)
    return {f"{folder}/{base}" if folder else base for folder, bases in folders.items() for base in sidecars_of(bases)}


def catalogues_in(path: Path) -> dict[str, Any]:
    """The members of a zip of documents that are a catalogue of the documents beside them (parsers.catalogue: 目录.jsonl,
    manifest.csv), by member name: their lines are those documents' sidecars, not records (doors12: each line was an entry,
    `file: Extra inputs are not permitted`). Empty when the zip holds no document."""
    from gongkai.parsers.catalogue import may_be_catalogue, read_catalogue_from

    if not document_members(path):
        return {}
    found: dict[str, Any] = {}
    with open_no_follow(path) as handle, zipfile.ZipFile(handle) as archive:
        for info in _members(path) or []:
            member = member_name(info)
            if not _record_name(info) or not may_be_catalogue(member, info.file_size):
                continue
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError, zlib.error):
                continue  # (read as a record member, which says why)
            catalogue = read_catalogue_from(io.BytesIO(data), member.rpartition("/")[2])
            if catalogue is not None:
                found[member] = catalogue
    return found


def _catalogued_members(path: Path, catalogues: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    """(document member -> the fields its catalogue line gives, [(`CATALOGUE:N`, why) of each line serving no member])."""
    from gongkai.parsers.catalogue import missing_reason

    names = {member_name(info) for info in _members(path) or []}
    fields: dict[str, dict[str, Any]] = {}
    refused: list[tuple[str, str]] = []
    for member, catalogue in catalogues.items():
        folder = member.rpartition("/")[0]
        beside = {name[len(folder) + 1:] if folder else name: name for name in names
                  if name != member and (not folder or name.startswith(folder + "/"))}
        served = catalogue.served(set(beside))
        for entry in catalogue.entries:
            if entry.number in served:
                target = beside[served[entry.number]]
                fields[target] = {**entry.fields, **fields.get(target, {})}
            else:
                refused.append((f"{member}:{entry.number}", missing_reason(catalogue.name, entry)))
    return fields, refused


def check_members(archive: zipfile.ZipFile, parsers: ParserSettings, name: str) -> None:
    """parsers.archive.check_zip, and no member locked by a password (a ParseError refusing the whole archive): zipfile
    raises RuntimeError on reading one, which stopped the drop folder's run at every pick-up (doors4)."""
    from gongkai.parsers.archive import check_zip
    from gongkai.parsers.capture import CorruptFile

    check_zip(archive, parsers, name)
    locked = [member_name(info) for info in archive.infolist() if info.flag_bits & 0x1]
    if locked:
        raise CorruptFile(f"zip is encrypted (password protected: {', '.join(locked[:3])}): {name}")


def zip_members(path: Path, parsers: ParserSettings, name: str) -> Iterator[tuple[str, IO[bytes] | str]]:
    """(member name, its bytes as a stream, or why it cannot be read) of the record files of a zip (of record files, or of
    documents with record files beside them: not the documents' sidecars), its limits checked first
    (parsers.archive.check_zip: a ParseError, the whole archive refused). A gzipped member is unpacked (member_stream)."""
    from gongkai.parsers.capture import ParseError

    sidecars = _sidecars_in(path) | set(catalogues_in(path))  # a catalogue's lines are its documents' (document_captures)
    with open_no_follow(path) as handle, zipfile.ZipFile(handle) as archive:
        check_members(archive, parsers, name)
        for info in sorted(_members(path, office_name=True) or [], key=member_name):
            member = member_name(info)
            if not _record_name(info) or member in sidecars:
                continue
            try:
                stream = member_stream(archive, info, parsers, f"{name}/{member}")
            except ParseError as exc:
                yield member, exc.reason
                continue
            except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError, zlib.error) as exc:
                # its first bytes already damaged (a deflate stream broken in transit): it alone; the zip's other
                # members were refused with it, the whole zip one entry (doors7)
                yield member, f"zip member is corrupt: {exc}"
                continue
            with stream:
                yield member, stream


def member_stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, parsers: ParserSettings, name: str) -> IO[bytes]:
    """A zip member's bytes as a stream; a gzipped one (`一日.jsonl.gz`, each day's export compressed before the month was
    zipped: `不支持的文件格式`, doors5) unpacked as it is read, checked first by check_gzip against the member's compressed
    bytes (a bomb or a cut stream: ParseError, the member refused whole)."""
    from gongkai.parsers.archive import check_gzip

    stream = cast(zipfile.ZipExtFile, archive.open(info))
    if stream.peek(2)[:2] != GZIP_MAGIC:
        return cast(IO[bytes], stream)
    stream.close()
    size = max(info.compress_size, 1)
    with archive.open(info) as probe:
        check_gzip(probe, size, parsers, name)
    with archive.open(info) as probe:
        _check_inner_layers(probe, size, parsers, name)
    return _gunzipping(archive.open(info))


def document_captures(path: Path, parsers: ParserSettings, source: str, limits: object = None) -> Iterator[tuple[str, Capture | str]]:
    """(member name, its Capture with its sidecar's fields, or why it cannot be read) of each document of a zip of
    documents; nothing when the zip breaks a limit (its record reading, zip_members, refuses it whole with the reason)."""
    from datetime import UTC, datetime

    from gongkai.parsers.capture import Capture, ParseError
    from gongkai.parsers.sidecar import read_sidecar_bytes, sidecar_names

    documents = document_members(path)
    if not documents:
        return
    by_name = {member_name(info): info for info in _members(path) or []}
    catalogued, refused = _catalogued_members(path, catalogues_in(path))
    with open_no_follow(path) as handle, zipfile.ZipFile(handle) as archive:
        try:
            check_members(archive, parsers, path.name)
        except ParseError:
            return
        yield from refused
        when = datetime.fromtimestamp(os.fstat(handle.fileno()).st_mtime, UTC)
        for info in documents:
            member = member_name(info)
            folder, _, base = member.rpartition("/")
            found = [f"{folder}/{n}" if folder else n for n in sidecar_names(base) if (f"{folder}/{n}" if folder else n) in by_name]
            try:
                if len(found) > 1:
                    raise ParseError(f"{member} has {len(found)} sidecars ({', '.join(found)}): keep one, which would win is a guess")
                if info.file_size > parsers.max_file_bytes:
                    raise ParseError(f"file is {info.file_size} bytes, over the limit of {parsers.max_file_bytes} bytes: {member}")
                sidecar = read_sidecar_bytes(archive.read(by_name[found[0]]), found[0], limits) if found else {}  # type: ignore[arg-type]
                sidecar = {**catalogued.get(member, {}), **sidecar}  # its own sidecar wins over its catalogue line
                data = archive.read(info)
            except ParseError as exc:
                yield member, exc.reason
                continue
            except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError, zlib.error) as exc:  # a method zipfile lacks
                yield member, f"zip member is corrupt: {exc}"
                continue
            yield member, Capture(data=data, filename=Path(member).name, source=source, url=str(sidecar.get("url") or ""),
                                  fetched_at=when, sidecar=sidecar)
        nested: set[str] = set()
        for info in by_name.values():  # a zip of attachments zipped again with the rest (附件.zip inside 三月报送.zip)
            if member_name(info).lower().endswith(ZIP_SUFFIX) and info.file_size <= parsers.max_file_bytes:
                found_inside = list(_nested_documents(archive, info, parsers, source, when))
                if found_inside:
                    nested.add(member_name(info))
                    yield from found_inside
    yield from [(member, why) for member, why in _unread_members(path, documents) if member not in nested]


def _nested_documents(archive: zipfile.ZipFile, info: zipfile.ZipInfo, parsers: ParserSettings, source: str,
                      when: Any) -> Iterator[tuple[str, Capture | str]]:
    """(`INNER.zip/MEMBER`, its Capture or why not) of the documents of a zip of documents inside a zip, one level down,
    checked by the archive limits as the outer one was (a bomb, a password refuse it whole: its own entry); nothing when
    it holds no document (then it is the outer zip's unread member, `压缩包内的压缩包`, as before). Its members were that
    entry, unread, where the drop folder and `gongkai ingest` read the outer zip's other documents (doors13)."""
    from gongkai.parsers.capture import Capture, ParseError

    outer = member_name(info)
    try:
        with zipfile.ZipFile(io.BytesIO(archive.read(info))) as inner:
            members = files_of(inner)
            documents = _documents_among(members)
            if not documents:
                return
            check_members(inner, parsers, outer)
            for document in documents:
                name = member_name(document)
                if document.file_size > parsers.max_file_bytes:
                    yield f"{outer}/{name}", f"file is {document.file_size} bytes, over the limit of {parsers.max_file_bytes} bytes: {name}"
                    continue
                yield f"{outer}/{name}", Capture(data=inner.read(document), filename=Path(name).name, source=source, fetched_at=when)
            # what the inner zip holds beside its documents (a sidecar, a record file, a zip again) is an entry each: never lost
            for name, why in _unread_among(members, documents, records_read=False):
                yield f"{outer}/{name}", why
    except ParseError as exc:
        yield outer, exc.reason
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError, ValueError, zlib.error):
        return  # not a readable zip: the outer zip's unread member, as before
