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


#: the files Windows and macOS write into a folder by themselves (Explorer's thumbnails and folder settings, Finder's
#: view settings): nobody's delivery
FOLDER_NOISE = frozenset({"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", ".ds_store"})

#: how a run names such a file it leaves alone
FOLDER_NOISE_SAID = ("Windows 或 macOS 自动生成的文件夹文件（缩略图、文件夹设置），未读取，留在原处 / a file Windows or macOS writes into "
                     "every folder (thumbnails, folder settings), left alone")


def folder_noise(name: str) -> bool:
    """Thumbs.db, desktop.ini, .DS_Store: an agency's folder copied from Explorer or Finder brings them. desktop.ini
    (UTF-16 text) was stored as a document titled by its name, Thumbs.db quarantined as an unknown format (doors8)."""
    return name.lower() in FOLDER_NOISE
