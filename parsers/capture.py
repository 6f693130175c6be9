"""What a parser receives (`Capture`: bytes plus what is known about them) and what it raises.

Every failure a parser can meet is one `ParseError` subclass with a human-readable `reason`, so the
caller can quarantine the capture (bytes kept) and show why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


class ParseError(Exception):
    """A capture could not become a Record; `reason` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        # Results cross process boundaries in parse_many: keep the subclass and the reason.
        return (type(self), (self.reason,))

    @property
    def kind(self) -> str:
        """Short machine name of the failure: 'unsupported_format', 'corrupt_file', ..."""
        name = type(self).__name__
        return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


class UnsupportedFormat(ParseError):
    """No parser for this format (legacy .doc/.wps/.xls without a converter, unknown bytes)."""


class FileTooLarge(ParseError):
    """Over a configured limit (bytes, pages, uncompressed size)."""


class CorruptFile(ParseError):
    """The bytes do not form a valid file of their type (truncated, encrypted, zip bomb...)."""


class ParseTimeout(ParseError):
    """The parser ran longer than settings.parsers.timeout_seconds and was killed."""


class EmptyDocument(ParseError):
    """The file is valid but holds no text (empty page, scanned PDF without a text layer)."""


class EncodingError(ParseError):
    """The text is in no encoding we can recognise."""


@dataclass
class Capture:
    """Bytes plus what is known about them."""

    data: bytes
    url: str = ""
    content_type: str = ""  # from HTTP headers; may be wrong or empty
    filename: str = ""
    source: str = ""  # e.g. "site:xm-gov", "feed:agency-x", "file"
    fetched_at: datetime | None = None
    # Record fields known from outside (feed item, NAME.json / NAME.xml sidecar); they win over extracted values.
    sidecar: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_path(
        cls, path: str | Path, *, max_bytes: int | None = None, source: str = "file", record_limits: Any = None,
        catalogue: dict[str, Any] | None = None,
    ) -> Capture:
        """Read a file (refusing one over `max_bytes` without reading it) and its sidecar, if any.

        The sidecar is NAME.json / NAME.xml next to the file (report.pdf.json), else STEM.json /
        STEM.xml (report.json): Record fields that win over what the parser extracts (the rule and
        the reader are in parsers.sidecar; a broken sidecar raises its SidecarError, a ParseError).
        `catalogue`: the fields of the file's line in a catalogue beside it (parsers.catalogue), under its own sidecar's.
        """
        from gongkai.parsers.sidecar import read_sidecar  # imports this module: not at the top

        path = Path(path)
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise FileTooLarge(f"file is {size} bytes, over the limit of {max_bytes} bytes: {path.name}")
        sidecar = read_sidecar(path, record_limits)  # settings.records (gongkai.recordfiles.RecordLimits)
        sidecar = {**(catalogue or {}), **sidecar}
        return cls(
            data=path.read_bytes(),
            filename=path.name,
            source=source,
            url=str(sidecar.get("url") or ""),  # as the drop folder does: the sidecar names where it came from
            sidecar=sidecar,
        )

    def describe(self) -> str:
        """Short name for messages: the filename, else the URL, else the size."""
        return self.filename or self.url or f"<{len(self.data)} bytes>"

