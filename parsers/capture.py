"""What a parser receives (`Capture`: bytes plus what is known about them) and what it raises.

Every failure a parser can meet is one `ParseError` subclass with a human-readable `reason`, so the
caller can quarantine the capture (bytes kept) and show why.
"""

from __future__ import annotations

import json
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
    # Record fields known from outside (feed item, NAME.json sidecar); they win over extracted values.
    sidecar: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_path(cls, path: str | Path, *, max_bytes: int | None = None, source: str = "file") -> "Capture":
        """Read a file (refusing one over `max_bytes` without reading it) and its sidecar, if any.

        The sidecar is `NAME.json` next to the file (`report.pdf.json`, else `report.json`): a JSON
        object of Record fields that win over what the parser extracts.
        """
        path = Path(path)
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise FileTooLarge(f"file is {size} bytes, over the limit of {max_bytes} bytes: {path.name}")
        return cls(
            data=path.read_bytes(),
            filename=path.name,
            source=source,
            url="",
            sidecar=read_sidecar(path),
        )

    def describe(self) -> str:
        """Short name for messages: the filename, else the URL, else the size."""
        return self.filename or self.url or f"<{len(self.data)} bytes>"


def read_sidecar(path: Path) -> dict[str, Any]:
    """The NAME.json sidecar of `path` as a dict ({} when none); a broken one is a ParseError."""
    for candidate in (path.with_name(path.name + ".json"), path.with_suffix(".json")):
        if candidate == path or not candidate.is_file():
            continue
        try:
            value = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorruptFile(f"sidecar {candidate.name} is not valid UTF-8 JSON: {exc}") from None
        if not isinstance(value, dict):
            raise CorruptFile(f"sidecar {candidate.name} must hold a JSON object of record fields")
        return value
    return {}
