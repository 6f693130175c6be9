"""A file's path as an input reference (text) and back, for any bytes of its name.

A name written in GBK (a zip unpacked from Windows, a share without a UTF-8 mapping) comes from the filesystem with
its bytes surrogate-escaped (os.fsdecode: b"\\xd5\\xd0" is "\\udcd5\\udcd0"), which no database text column holds.
The store writes such a character as the six characters `\\udcd5` (store.codec.db_text), so the reference is kept in
that form here already (the ingest report and the quarantine show the same text), and a reference read back turns
each `\\udcXX` into its byte again: `gongkai quarantine retry` finds the file it names (it looked for a file named
with backslashes and said the input was gone). A name that really holds `\\udcXX` as text is found as written first.
"""

from __future__ import annotations

import re
from pathlib import Path

#: the characters os.fsdecode makes of bytes that are not UTF-8 (surrogateescape: U+DC80..U+DCFF), as db_text writes them
_ESCAPED_BYTE = re.compile(r"\\udc([89a-f][0-9a-f])")


def path_ref(path: str | Path) -> str:
    """The text reference of a path: itself, with each undecodable byte of its name written `\\udcXX`."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def ref_path(ref: str) -> Path:
    """The path a text reference names: `\\udcXX` turned back into the name's byte, unless the name as written exists."""
    if not _ESCAPED_BYTE.search(ref) or Path(ref).exists():
        return Path(ref)
    return Path(_ESCAPED_BYTE.sub(lambda found: chr(0xDC00 + int(found[1], 16)), ref))


__all__ = ["path_ref", "ref_path"]
