"""Content-addressed raw captures: <root>/ab/cd/<sha256>. Bytes in, sha256 out, never rewritten.

Two backends behind one small interface (`Blobs`: put, get, exists), chosen by `open_blobs` from
`store.blob_url` (issue 20: every node of a several-machine install reads what any node captured):
- a folder (`/srv/raw`, `file:///srv/raw`; an NFS mount when shared): a file is written to a temporary
  name in its final folder, flushed to disk, then renamed into place (os.replace is atomic on POSIX),
  so a reader or a crash never sees half a file;
- an S3-compatible bucket (`s3://bucket/prefix`) through fsspec and s3fs: an object appears whole on
  PUT, so no temporary name is needed. Credentials come from the usual AWS variables
  (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION) or the machine's role; the endpoint of
  a non-AWS server (MinIO, Ceph, a cloud's S3 API) from `store.blob_endpoint_url`.
Either way `get` checks that the bytes hash to their name.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Protocol

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


class Blobs(Protocol):
    """What the store needs of a blob backend."""

    def put(self, data: bytes) -> str: ...  # stores the bytes (once), returns their sha256
    def get(self, sha256: str) -> bytes: ...  # CaptureMissingError, CaptureCorruptError
    def exists(self, sha256: str) -> bool: ...


def open_blobs(location: Path | str, endpoint_url: str = "") -> Blobs:
    """The backend for a folder path, a file:// URL or an s3:// URL (see the module's text)."""
    text = str(location)
    if text.startswith("file://"):
        return BlobDir(Path(text[len("file://"):]))
    if text.startswith("s3://"):
        return S3Blobs(text, endpoint_url)
    if "://" in text:
        raise ValueError(f"blob store {text!r}: use a folder path, file://… or s3://bucket/prefix")
    return BlobDir(Path(text))


def _key_path(sha256: str) -> str:
    sha256 = check_sha256(sha256)
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


class BlobDir:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        return self.root / _key_path(sha256)

    def put(self, data: bytes) -> str:
        sha256 = sha256_of(data)
        target = self.path_for(sha256)
        if target.is_file() and target.stat().st_size == len(data):
            # kept again: made young, so the prune of orphan captures (gongkai/kept_inputs.py) leaves it while the batch
            # that names it is written
            try:
                os.utime(target)
            except OSError:
                pass  # a read-only share: the bytes are there all the same
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


class S3Blobs:
    """Captures in an S3-compatible bucket, through fsspec's s3fs (a maintained client on botocore)."""

    def __init__(self, url: str, endpoint_url: str = "") -> None:
        import fsspec  # here: only an s3:// store needs fsspec and s3fs (pip install gongkai[s3])

        options: dict[str, Any] = {
            # Several nodes write the same bucket: never answer from a cached listing or a cached client.
            "use_listings_cache": False,
            "skip_instance_cache": True,
        }
        if endpoint_url:
            options["client_kwargs"] = {"endpoint_url": endpoint_url}
        self.url = url
        self.fs, root = fsspec.core.url_to_fs(url, **options)
        self.root = root.rstrip("/")
        if not self.root:
            raise ValueError(f"blob store {url!r} names no bucket")

    def key_for(self, sha256: str) -> str:
        return f"{self.root}/{_key_path(sha256)}"

    def put(self, data: bytes) -> str:
        sha256 = sha256_of(data)
        key = self.key_for(sha256)
        if not self.exists(sha256):  # content-addressed: an object of that name already holds these bytes
            self.fs.pipe_file(key, data)
        return sha256

    def get(self, sha256: str) -> bytes:
        key = self.key_for(sha256)
        try:
            data = self.fs.cat_file(key)
        except FileNotFoundError:
            raise CaptureMissingError(f"capture {sha256} is recorded but its object s3://{key} is missing") from None
        if sha256_of(data) != check_sha256(sha256):
            raise CaptureCorruptError(f"capture object s3://{key} does not hash to its name: the object was altered")
        return bytes(data)

    def exists(self, sha256: str) -> bool:
        return bool(self.fs.isfile(self.key_for(sha256)))


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
