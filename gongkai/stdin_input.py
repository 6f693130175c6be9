"""`gongkai ingest -`: record files piped in on standard input (another tool's JSON Lines), kept as a file.

A pipe can be read once, but an input must stay readable: a quarantined line is read again by `gongkai quarantine
retry` from its file ("FILE:12"), and nothing may be lost. So the bytes are first copied, in chunks (any size, the
memory of one chunk), into DATA_DIR/stdin/ under a name made of their SHA-256 (the same input piped twice is one
file), and that file is ingested like any other. Its suffix follows the first byte: "[" a JSON array (.json), "<" XML
records (.xml), anything else JSON Lines (.jsonl; a document's bytes there are still recognised by their magic,
the record files' one rule).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

#: The folder under the data directory that keeps what was piped in.
STDIN_FOLDER = "stdin"
_CHUNK = 1024 * 1024


class StdinIsATerminal(Exception):
    """`-` was given with nothing piped in: reading would wait for typing."""


def keep_stdin(stream: BinaryIO, data_dir: Path, is_terminal: bool = False) -> Path:
    """The path of a file in DATA_DIR/stdin/ holding every byte of `stream`, read to its end."""
    if is_terminal:
        raise StdinIsATerminal("standard input is a terminal: pipe records in (… | gongkai ingest -)")
    folder = data_dir / STDIN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    first = b""
    fd, temporary = tempfile.mkstemp(prefix=".piped-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := stream.read(_CHUNK):
                if len(first) < 1024:  # enough of a gzip stream to unpack its opening (_suffix)
                    first = (first + chunk)[:1024]
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())  # kept before it is read, as a dropped file is
        path = folder / f"{digest.hexdigest()[:32]}{_suffix(first)}"
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _suffix(head: bytes) -> str:
    """By the opening of what is piped: a UTF-16 one decoded, a gzip one unpacked (`… | gzip | gongkai ingest -`: a gzip'd
    XML export was kept as .jsonl and quarantined as not JSON; doors3), its suffix then `.gz` after the record file's."""
    import zlib

    from gongkai.compressed import GZIP_MAGIC
    from gongkai.inputs import opening_bytes

    if head.startswith(GZIP_MAGIC):
        try:
            inner = zlib.decompressobj(wbits=31).decompress(head, 1024)
        except zlib.error:
            inner = b""
        if inner.startswith(GZIP_MAGIC):
            return ".jsonl.gz"
        if inner.strip() and not opening_bytes(inner).startswith((b"{", b"[", b"<")):
            return ".gz"  # a gzip of a document (`gzip -c 报告.pdf | gongkai ingest -`): parsed as one, not 462 lines of binary
        return _suffix(inner) + ".gz"
    if head.startswith(b"PK\x03\x04"):
        return ".zip"  # a zip (of record files or documents, or a DOCX): as a .zip is read; as lines, 318 entries (doors4)
    start = opening_bytes(head)[:1]
    return {b"[": ".json", b"<": ".xml"}.get(start, ".jsonl")


__all__ = ["STDIN_FOLDER", "StdinIsATerminal", "keep_stdin"]
