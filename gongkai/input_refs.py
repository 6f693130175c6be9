"""A file's path as an input reference (text) and back, for any bytes of its name.

A name written in GBK (a zip unpacked from Windows, a share without a UTF-8 mapping) comes from the filesystem with
its bytes surrogate-escaped (os.fsdecode: b"\\xd5\\xd0" is "\\udcd5\\udcd0"), which no database text column holds.
The store writes such a character as the six characters `\\udcd5` (store.codec.db_text), so the reference is kept in
that form here already (the ingest report and the quarantine show the same text), and a reference read back turns
each `\\udcXX` into its byte again: `gongkai quarantine retry` finds the file it names (it looked for a file named
with backslashes and said the input was gone). A name that really holds `\\udcXX` as text is found as written first.
"""

from __future__ import annotations

import os
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


def text_name(name: str) -> str:
    """A file or folder name as text. Names written in GBK (a zip unpacked from Windows, a share without a UTF-8
    mapping) come from the filesystem surrogate-escaped, which no record, quarantine row or report can hold: they are
    read as GB18030, and bytes that are neither are shown as \\xNN. The drop folder claims a file under this name, and
    `gongkai ingest` gives it to a document it reads (doors9: a GBK-named text document was titled by its name's
    surrogates, refused `title: unable to parse raw data as a unicode string`, and `--json` died on that line)."""
    try:
        name.encode("utf-8")
        return gbk_read_as_utf8(name) or name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


#: what a GBK name's bytes make when they happen to be UTF-8 too (a lead byte 0xC2-0xDF before a trail 0x80-0xBF: 通知 is
#: CD A8 D6 AA, read ֪ͨ): IPA, combining marks, Greek, Cyrillic, Armenian, Hebrew, Arabic … (U+0250-U+07FF), never a
#: Chinese name's letters; Latin-1's (é, ü) are left alone: café.pdf is UTF-8
_TWO_BYTE_NOT_LATIN = re.compile("[\u0250-\u07ff]")
_CHINESE_TEXT = re.compile("[\x00-\x7f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]*")


def gbk_read_as_utf8(name: str) -> str | None:
    """The Chinese a GBK name holds when its bytes are valid UTF-8 as well, else None. Such a name came from the
    filesystem as letters of no Chinese clerk's writing (通知.html as ֪ͨ.html): the page and its sidecar were claimed,
    archived and referred to by that mojibake (doors8). Read so when the UTF-8 reading has such letters and nothing of
    three bytes or more, and the GB18030 reading is Chinese text and ASCII only."""
    if not _TWO_BYTE_NOT_LATIN.search(name) or any(ord(c) >= 0x800 for c in name):
        return None
    try:
        chinese = name.encode("utf-8").decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not _CHINESE_TEXT.fullmatch(chinese):
        return None
    try:
        # GB2312's characters only (a trail byte 0xA1-0xBF): a Cyrillic, Greek or Hebrew word in UTF-8 read as GBK holds
        # a trail byte under 0xA1 (capitals, р-я, π-ω, most of Hebrew), a character outside GB2312 (Приказ.txt was
        # 袩褉懈泻邪蟹.txt, Дом.pdf 袛芯屑.pdf: review s17), while a clerk's GBK name that happens to be UTF-8 is of common
        # characters (通知 CD A8 D6 AA). Left: a name of Greek α-ο alone (αβγ.txt) is still read as GBK
        chinese.encode("gb2312")
    except UnicodeEncodeError:
        return None
    return chinese


__all__ = ["gbk_read_as_utf8", "path_ref", "ref_path", "text_name"]
