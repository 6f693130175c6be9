"""The one declaration of file formats: which parser handles which bytes, and what each format is good for.

Each format module declares a `FormatSpec` (MIME types, extensions, a content sniffer and its score, its
extract function, its abilities) and `formats/__init__.py` registers the built-in ones. Every other list of
formats is derived from here: the spiders' file-link filter and default attachment types, the site
definitions' default, the HTML parser's attachment links, the notice-column formats. A new format is one
module plus one line in `formats/__init__.py` (see the README's "Adding a file format").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from gongkai.parsers.capture import Capture
    from gongkai.parsers.document import ExtractedDocument
    from gongkai.settings import ParserSettings

#: Sniff scores below this are weak (plain text: any readable bytes): tried only after content type and extension.
WEAK_SCORE = 10

#: Files agencies link as 附件 that no format reads: recognised as files (noted as skipped, never crawled
#: as pages, listed as a page's attachments), never parsed.
LINKED_UNREAD_EXTENSIONS: tuple[str, ...] = (".ppt", ".pptx", ".ofd", ".zip", ".rar", ".7z", ".csv")
#: Links that are neither pages nor documents (media, page assets, programs): a discovery crawl never follows them.
NON_DOCUMENT_EXTENSIONS: tuple[str, ...] = (
    ".gif", ".css", ".js", ".mp4", ".mp3", ".avi", ".ico", ".svg", ".exe", ".apk",
)


@dataclass(frozen=True)
class FormatSpec:
    name: str  # "html", "pdf", ... as detect_type returns it
    mime_types: tuple[str, ...]
    extensions: tuple[str, ...]  # with the dot, lower case
    sniff: Callable[[bytes], bool]  # True when the content itself says "this is mine"
    extract: Callable[[Capture, ParserSettings], ExtractedDocument]
    # Sniffers run in descending score (registration order among equals): specific magic before loose
    # markup; below WEAK_SCORE only after content type and extension, as plain text must.
    score: int = 50
    # Abilities, read by the code that would otherwise keep its own list of formats:
    document: bool = True  # one file -> one Record (False: a file of records, read by parse_records)
    attachment: bool = False  # agencies link it as 附件: a file link for the spiders and the HTML parser
    crawl_default: bool = False  # fetched from detail pages when a site names no attachment_types
    notice_column: bool = False  # a notice column in it is read from its extracted text, line by line
    spreadsheet: bool = False  # a workbook of sheets: a catalogue kept in one is read as the CSV it would save (parsers/catalogue)

    @property
    def weak_sniff(self) -> bool:
        return self.score < WEAK_SCORE


_REGISTERED: list[FormatSpec] = []
_BUILTINS_LOADED = False


def _load_builtins() -> None:
    """Registering the built-in formats is importing gongkai.parsers.formats (it calls `register`)."""
    global _BUILTINS_LOADED
    if not _BUILTINS_LOADED:
        _BUILTINS_LOADED = True
        import gongkai.parsers.formats  # noqa: F401  (registers on import)


def register(spec: FormatSpec) -> FormatSpec:
    """Add a format (replacing one of the same name); it takes part in detection and every derived list."""
    _load_builtins()  # first, so a built-in loaded later never replaces a format registered before it
    _REGISTERED[:] = [known for known in _REGISTERED if known.name != spec.name] + [spec]
    return spec


def unregister(name: str) -> None:
    _REGISTERED[:] = [known for known in _REGISTERED if known.name != name]


@contextmanager
def registered(*specs: FormatSpec) -> Iterator[None]:
    """Formats registered for the length of a block (tests); whatever they replaced comes back after."""
    _load_builtins()
    before = list(_REGISTERED)
    for spec in specs:
        register(spec)
    try:
        yield
    finally:
        _REGISTERED[:] = before


def formats() -> tuple[FormatSpec, ...]:
    """Every registered format, in detection order (score, then registration)."""
    _load_builtins()
    return tuple(sorted(_REGISTERED, key=lambda spec: -spec.score))


def by_name(name: str) -> FormatSpec:
    for spec in formats():
        if spec.name == name:
            return spec
    raise KeyError(name)


# ---------------------------------------------------------------------- derived lists (extensions without the dot)
def _bare(extensions: tuple[str, ...] | list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for extension in extensions:
        seen.setdefault(extension.lower().lstrip("."), None)
    return list(seen)


def default_attachment_types() -> list[str]:
    """Extensions fetched from a detail page when a site definition names none (pdf, docx)."""
    return _bare([e for spec in formats() if spec.crawl_default for e in spec.extensions])


def attachment_extensions() -> list[str]:
    """Extensions of files agencies link as 附件, read or not: a link to one is a file, not a page."""
    return _bare([e for spec in formats() if spec.attachment for e in spec.extensions] + list(LINKED_UNREAD_EXTENSIONS))


def page_extensions() -> list[str]:
    """Extensions of web pages, static or served by a script (.html, .shtml, .jsp, .aspx …): the HTML format's."""
    return _bare([e for spec in formats() if spec.name == "html" for e in spec.extensions])


def extension_alternation(extensions: list[str]) -> str:
    """Extensions as a regex alternation (`html|htm|…`), escaped, longest first: .shtml before .htm, .html before .htm."""
    return "|".join(sorted(map(re.escape, extensions), key=len, reverse=True))


def non_page_extensions() -> list[str]:
    """Every extension a discovery crawl does not read as a page: files, media, page assets."""
    return _bare(attachment_extensions() + list(NON_DOCUMENT_EXTENSIONS))


def attachment_mime_types() -> list[str]:
    """Content types of files the parsers read as documents when a link without an extension answers with one."""
    return [mime for spec in formats() if spec.attachment for mime in spec.mime_types]


def notice_column_formats() -> frozenset[str]:
    """Formats whose notice columns are read from the extracted text (an e-paper PDF, a column typed into Word)."""
    return frozenset(spec.name for spec in formats() if spec.notice_column)


# ---------------------------------------------------------------------- detection
def capture_extension(capture: Capture) -> str:
    name = capture.filename or urlsplit(capture.url).path
    return PurePosixPath(name).suffix.lower()


def detect(capture: Capture, specs: tuple[FormatSpec, ...] | None = None) -> str:
    """Format name by magic bytes/content, then the declared content type, then the extension."""
    specs = formats() if specs is None else specs
    data = capture.data
    extension = capture_extension(capture)
    mime = capture.content_type.split(";", 1)[0].strip().lower()
    strong = [spec for spec in specs if not spec.weak_sniff and spec.sniff(data)]
    if len(strong) > 1:
        # Same magic for several formats (OLE2 .doc/.wps/.xls): let type or extension choose among them.
        for spec in strong:
            if mime in spec.mime_types or extension in spec.extensions:
                return spec.name
    if strong:
        return strong[0].name
    for spec in specs:
        if mime and mime in spec.mime_types:
            return spec.name
    for spec in specs:
        if extension and extension in spec.extensions:
            return spec.name
    if not data.strip():
        return "unknown"
    for spec in specs:
        if spec.weak_sniff and spec.sniff(data):
            return spec.name
    return "unknown"
