"""Content-addressed files: raw_dir/ab/cd/<sha256>. Bytes in, sha256 out, never rewritten.

A file is written to a temporary name in its final folder, flushed to disk, then renamed
into place (os.replace is atomic on POSIX), so a reader or a crash never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from gongkai.store.errors import CaptureCorruptError, CaptureMissingError

_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_sha256(sha256: str) -> str:
    """The hex digest in canonical form, or ValueError: a name never becomes a path otherwise."""
    canonical = sha256.strip().lower() if isinstance(sha256, str) else ""
    if not _SHA256_RE.fullmatch(canonical):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return canonical


class BlobDir:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        sha256 = check_sha256(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        sha256 = sha256_of(data)
        target = self.path_for(sha256)
        if target.is_file() and target.stat().st_size == len(data):
            return sha256
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return sha256

    def get(self, sha256: str) -> bytes:
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CaptureMissingError(f"capture {sha256} is recorded but its file {path} is missing") from None
        if sha256_of(data) != check_sha256(sha256):
            raise CaptureCorruptError(f"capture file {path} does not hash to its name: the file was altered")
        return data

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, harmless to skip there.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
