"""Archive safety for every zip-based format (DOCX today; XLSX, ODT, OFD would use it too), and for a gzip-compressed
record file (an export.jsonl.gz in the drop folder: check_gzip, by the same limits).

The declared sizes in a zip's central directory are checked before anything is inflated: too many
members, too many bytes in all, or a member that inflates far beyond its compressed size (a zip bomb)
is refused unread. zipfile never returns more than a member's declared size, so the check holds.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from typing import IO

from gongkai.parsers.capture import CorruptFile, FileTooLarge
from gongkai.settings import ParserSettings

#: Members smaller than this are never called a bomb whatever their ratio (a page of spaces compresses 1000:1).
RATIO_FLOOR_BYTES = 1_000_000


def check_zip(archive: zipfile.ZipFile, settings: ParserSettings, name: str, kind: str = "zip") -> None:
    """Raise FileTooLarge or CorruptFile when the archive's declared contents break a limit of settings.parsers."""
    members = archive.infolist()
    if len(members) > settings.max_zip_members:
        raise FileTooLarge(
            f"{kind} holds {len(members)} members, over settings.parsers.max_zip_members={settings.max_zip_members}: "
            f"zip bomb refused: {name}"
        )
    total = compressed = 0
    for member in members:
        total += member.file_size
        compressed += member.compress_size
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > settings.max_compression_ratio * max(member.compress_size, 1):
            raise CorruptFile(
                f"{kind} member {member.filename} inflates {member.compress_size} -> {member.file_size} bytes "
                f"(ratio over {settings.max_compression_ratio}): zip bomb refused: {name}"
            )
    # Many small members, each under the floor, can still add up to a bomb: the whole archive's ratio too.
    check_unpacked(kind, compressed, total, settings, name)


def check_unpacked(kind: str, packed: int, unpacked: int, settings: ParserSettings, name: str) -> None:
    """Raise when `unpacked` bytes (a zip's members in all, a gzip stream as far as read) break the limits on a whole
    archive: FileTooLarge over max_uncompressed_bytes, CorruptFile over max_compression_ratio of the `packed` bytes
    (past RATIO_FLOOR_BYTES: a small file may compress well). Both say "zip bomb refused" (quarantine reason zip_bomb)."""
    if unpacked > settings.max_uncompressed_bytes:
        raise FileTooLarge(
            f"{kind} unzips to {unpacked} bytes or more, over settings.parsers.max_uncompressed_bytes={settings.max_uncompressed_bytes}: "
            f"zip bomb refused: {name}"
        )
    if unpacked > RATIO_FLOOR_BYTES and unpacked > settings.max_compression_ratio * max(packed, 1):
        raise CorruptFile(
            f"{kind} inflates {packed} -> {unpacked} bytes or more in all (ratio over {settings.max_compression_ratio}): "
            f"zip bomb refused: {name}"
        )


def open_checked_zip(data: bytes, settings: ParserSettings, name: str, kind: str = "zip") -> zipfile.ZipFile:
    """The archive in `data`, its limits checked (see check_zip); CorruptFile when it is no zip at all."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        if data.startswith(b"PK\x03\x04"):
            # a zip's start without its end (the central directory): a DOCX or zip cut short in transfer, not something
            # else named .docx, as "not a valid zip file" had the agency believe (doors8)
            raise CorruptFile(f"{kind} is corrupt or cut short (a zip's start without its end, the central directory): {name} ({exc})") from None
        raise CorruptFile(f"{kind} is not a valid zip file: {name} ({exc})") from None
    try:
        check_zip(archive, settings, name, kind)
    except Exception:
        archive.close()
        raise
    return archive


class CutShort(CorruptFile):
    """A gzip stream that ends before its end mark or is damaged part-way (an upload or a copy cut off): what comes before
    the damage reads as it was written, unlike a bomb, which is refused unread."""


#: a gzip stream's first bytes (RFC 1952)
GZIP_MAGIC = b"\x1f\x8b"


def check_gzip(handle: IO[bytes], size: int, settings: ParserSettings, name: str) -> None:
    """Raise FileTooLarge or CorruptFile when a gzip stream (`handle`, `size` bytes compressed) breaks a limit of
    settings.parsers (the zip limits: max_uncompressed_bytes, max_compression_ratio), or is not whole (truncated, a
    damaged member). One streaming pass, nothing kept: gzip's own stated size (ISIZE) is modulo 4 GiB and a bomb may lie
    in it, so the bytes are inflated and counted, stopping at the first limit crossed."""
    total = 0
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as stream:
            while chunk := stream.read(1024 * 1024):
                total += len(chunk)
                check_unpacked("gzip", size, total, settings, name)  # stopping at the first limit crossed
    except (EOFError, OSError, zlib.error) as exc:  # BadGzipFile is an OSError: a truncated or damaged stream
        raise CutShort(f"gzip is corrupt or truncated: {name} ({exc})") from None


def gunzip_document(data: bytes, settings: ParserSettings, name: str) -> bytes:
    """The document a gzip file holds (`report.pdf.gz`, what a mail gateway or a nightly job compressed), checked whole by
    check_gzip first (a bomb: FileTooLarge/CorruptFile "zip bomb refused"; a truncated or damaged stream: CorruptFile).
    A document has no records to read up to a cut: half a PDF is no document."""
    check_gzip(io.BytesIO(data), len(data), settings, name)
    return gzip.decompress(data)  # within max_uncompressed_bytes: checked above
