"""Document files as the shells show them: which URLs name one, and how a kept original is served.

The parsers' registry declares each format once (parsers/registry.py: its extensions, MIME types, magic); the web
app, which may not import the parsers, asks here. A kept original is served when the registry reads it as a
document file (PDF, a scan, Word, WPS, Excel), never HTML or text (a page is its extracted text).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

#: How the record page names a file of each registered format (查看原件（PDF）, 下载原件（Word）); a format missing
#: here is not served.
_LABELS = {"pdf": "PDF", "image": "图片", "docx": "Word", "doc": "Word", "wps": "WPS", "xls": "Excel"}
#: Opened in the browser rather than downloaded.
_INLINE = frozenset({"pdf", "image"})
_XLSX_PART = "xl/workbook.xml"  # an Excel 2007+ file: linked by agencies, read by no parser (the registry has no format)


@dataclass(frozen=True)
class ServedFile:
    media_type: str
    label: str
    extension: str  # with the dot
    inline: bool


@lru_cache(maxsize=1)
def document_file_suffixes() -> tuple[str, ...]:
    """`.pdf`, `.docx`, `.png` …: every extension of a file agencies publish as a document or attachment."""
    from gongkai.parsers.registry import attachment_extensions  # the registry fills itself on import

    return tuple(f".{extension}" for extension in attachment_extensions())


def served_file(data: bytes, filename: str = "") -> ServedFile | None:
    """How a kept original is served (media type, label, extension, inline), or None when it is not a document file."""
    from gongkai.parsers import Capture
    from gongkai.parsers.registry import by_name, capture_extension, detect

    capture = Capture(data=data, filename=filename)
    name = detect(capture)
    if name == "unknown" and data.startswith(b"PK\x03\x04"):
        return _office_zip(data)
    if name not in _LABELS:
        return None
    spec = by_name(name)
    extension = capture_extension(capture)
    extension = extension if extension in spec.extensions else spec.extensions[0]
    media_type = spec.mime_types[0]
    if name == "image":  # one format, several types: the picture's own
        media_type, extension = _image_type(data) or (media_type, extension)
    return ServedFile(media_type, _LABELS[name], extension, name in _INLINE)


@lru_cache(maxsize=1)
def served_media_types() -> tuple[str, ...]:
    """Every media type `served_file` may answer (pictures as `image/*`: their own type is Pillow's)."""
    from gongkai.parsers.registry import by_name

    types = {by_name(name).mime_types[0] for name in _LABELS if name != "image"}
    return ("image/*", *sorted(types), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _image_type(data: bytes) -> tuple[str, str] | None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as picture:
            kind = picture.format or ""
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a damaged file; it is then not served as a picture
        return None
    media_type = Image.MIME.get(kind)
    extension = Image.registered_extensions()
    suffix = next((ext for ext, fmt in extension.items() if fmt == kind), "")
    return (media_type, suffix) if media_type and suffix else None


def _office_zip(data: bytes) -> ServedFile | None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if _XLSX_PART in names:
        return ServedFile("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", ".xlsx", False)
    return None
