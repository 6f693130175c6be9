"""What is saved beside a document but is none: a saved page's assets folder, and scripts, styles, media and programs.

One rule for every door that walks a folder (`gongkai ingest` of a folder, the drop folder): a page saved "complete" by
a browser (`NAME.html` + `NAME_files/`) made records of its jquery.min.js, style.css and logo (newuser, session 12), and
the drop folder read a stray `.js` or `.css` beside the documents as a document still (newuser2, session 14).
"""

from __future__ import annotations


def saved_page_assets(dirs: list[str], files: list[str]) -> list[str]:
    """The folders among `dirs` that hold the assets of a page saved beside them: `NAME_files/` (Chrome, Firefox,
    Edge), `NAME.files/` (older IE and 360), `NAME_文件/` (a Chinese Windows) next to `NAME.html`."""
    from gongkai.parsers.registry import formats, page_extensions

    # a browser's web archive (.mht, the registry's mhtml format) saves one page too
    suffixes = tuple(f".{extension}" for extension in page_extensions()) + tuple(e for spec in formats() if spec.name == "mhtml" for e in spec.extensions)
    stems = {name[: -len(suffix)] for name in files for suffix in suffixes if name.lower().endswith(suffix)}
    return [d for d in dirs if any(d in (f"{stem}_files", f"{stem}.files", f"{stem}_文件") for stem in stems)]


def not_a_document(name: str) -> bool:
    """A file whose extension the formats registry declares no document (`.js`, `.css`, `.gif`, `.svg`, `.ico`, media,
    programs): read as text, each was a record."""
    from gongkai.parsers.registry import NON_DOCUMENT_EXTENSIONS

    return name.lower().endswith(NON_DOCUMENT_EXTENSIONS)
