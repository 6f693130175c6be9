"""What the spiders hand to the ingest pipeline: one item per fetched URL.

- CaptureItem: new or changed bytes: they go through the one ingest path (the run's ingest session).
- FetchItem: nothing to ingest (304, unchanged hash, an error): only the crawl state is updated.
- WithdrawItem: a known page now answers 404/410: its records are withdrawn (kept as tombstones).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.parsers import Capture


@dataclass
class Validators:
    """What the server said about the body: ETag, Last-Modified, and our sha256 of it."""

    etag: str = ""
    last_modified: str = ""
    sha256: str = ""


@dataclass(repr=False)
class CaptureItem:
    capture: Capture
    status: int
    validators: Validators
    role: str = "detail"  # detail | attachment | article | page (a discovered page)
    parent_url: str = ""
    notices: bool = False
    #: a parsed page's attachment links (url, link text), remembered in the crawl state; None: not a page read for them
    attachment_links: tuple[tuple[str, str], ...] | None = None

    def __repr__(self) -> str:  # Scrapy logs items at DEBUG: not the bytes
        return f"CaptureItem({self.capture.url!r}, {len(self.capture.data)} bytes, role={self.role!r}, notices={self.notices})"


@dataclass
class FetchItem:
    url: str
    status: int
    outcome: str  # unchanged | error
    role: str = "detail"
    validators: Validators | None = None
    known: bool = False  # the page has a state row whose validators still hold: only touch it


@dataclass
class WithdrawItem:
    url: str
    status: int
    record_ids: tuple[str, ...] = field(default_factory=tuple)
    role: str = "detail"
