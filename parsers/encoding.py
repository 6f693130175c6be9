"""Bytes to text for Chinese pages: the bytes decide, a declared charset is only a hint.

Pages often declare gb2312 while serving UTF-8, or declare nothing. Order: a BOM; strict UTF-8
(valid UTF-8 of any length is almost never an accident); the declared charset, widened to its
superset (gb2312/gbk -> gb18030); GB18030 when the result reads like Chinese; charset-normalizer.
A result that does not read like text is refused with EncodingError instead of storing mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from gongkai.cp1252_strays import gb18030_with_cp1252
from gongkai.parsers.capture import EncodingError
from gongkai.textnorm import fold

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Chinese charsets are decoded with their superset: a page labelled gb2312 routinely uses GBK characters.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
              "euc-cn": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "utf-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def declared_charset(data: bytes, content_type: str = "") -> str:
    """The charset named by the HTTP Content-Type, else by a <meta> tag in the first 4 KB ('' if none)."""
    match = _HEADER_CHARSET.search(content_type or "")
    if match:
        return match.group(1).lower()
    meta = _META_CHARSET.search(data[:4096])
    return meta.group(1).decode("ascii").lower() if meta else ""


def _known_codec(name: str) -> str | None:
    name = _SUPERSETS.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def readable_ratio(text: str) -> float:
    """Share of characters that ordinary Chinese or English text is made of."""
    if not text:
        return 1.0
    good = 0
    for ch in text:
        code = ord(ch)
        if (
            0x20 <= code < 0x7F
            or ch in "\n\r\t"
            or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
            or 0x3000 <= code <= 0x303F  # CJK punctuation
            or 0xFF00 <= code <= 0xFFEF  # full-width forms
            or 0x2000 <= code <= 0x206F  # general punctuation (—, “”, …)
            or 0x00A0 <= code <= 0x00FF
            or 0x2460 <= code <= 0x24FF  # ①②
            or 0x25A0 <= code <= 0x25FF  # ■●◆
        ):
            good += 1
    return good / len(text)


def _gb2312_share(text: str) -> float:
    """Share of the CJK characters that are in GB2312 (common characters), or are the Traditional form of one (廈門
    in a GBK page: GBK holds the Traditional characters, GB2312 not): high for real Chinese text."""
    cjk = [ch for ch in text if 0x4E00 <= ord(ch) <= 0x9FFF]
    if not cjk:
        return 1.0
    common = sum(1 for ch in cjk if _encodes(ch, "gb2312") or _encodes(fold(ch), "gb2312"))
    return common / len(cjk)


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def _plausible(text: str) -> bool:
    # A sample from the start, the middle and the end is enough, and keeps big pages fast.
    sample = text if len(text) <= 30_000 else text[:10_000] + text[len(text) // 2:len(text) // 2 + 10_000] + text[-10_000:]
    return readable_ratio(sample) >= 0.9 and _gb2312_share(sample) >= 0.7


#: at most this many bytes in a thousand that the page's Chinese codec cannot read, read as Windows-1252 instead
_STRAY_PER_MILLE = 1


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """A byte GBK cannot read, read as the Windows-1252 it most likely is: an English phrase pasted from Word or a mail
    (\x93Smart Kitchen\x94, \x96, \x85), which no Chinese codec reads."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("gongkai_stray_cp1252", _stray_as_cp1252)


def _with_stray_bytes(data: bytes, codec: str) -> str | None:
    """`data` in the Chinese codec `codec` but for a few stray bytes (at most _STRAY_PER_MILLE in a thousand, read as
    Windows-1252), when the text is plausible; else None. A GBK page with Word's smart quotes in one sentence was
    quarantined whole, `no recognisable encoding` (doors9), its title and every other sentence fine."""
    if codec not in ("gb18030", "gbk", "gb2312", "big5", "big5hkscs"):
        return None
    stray = data.decode(codec, errors="replace").count("\ufffd")
    if not stray or stray * 1000 > max(len(data), 3000) * _STRAY_PER_MILLE:
        return None
    if codec in ("gb18030", "gbk", "gb2312"):
        # the quotes as Windows-1252 wherever a character starts, not only where GBK fails: an opening quote before a letter
        # or a Chinese character makes a GBK pair with it (\x93S is 揝: `揝mart Kitchen”`; doors10, gongkai.cp1252_strays)
        mended = gb18030_with_cp1252(data, most=max(stray * 2, 4))
        if mended is not None and _plausible(mended):
            return mended
    text = data.decode(codec, errors="gongkai_stray_cp1252")
    return text if _plausible(text) else None


def decode_bytes(data: bytes, declared: str = "") -> tuple[str, str]:
    """Decode `data` to text; returns (text, codec used). Raises EncodingError when nothing fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                # a UTF-8 BOM before GBK text (a tool converting to GBK kept the BOM it found): no text; read with it, the
                # title opened 锘縏 and the first characters were misaligned (doors10)
                data = data.removeprefix(codecs.BOM_UTF8)
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    tried: list[str] = []
    for name in (declared, "gb18030"):
        known = _known_codec(name) if name else None
        if not known or known in tried or known == "utf-8":
            continue
        tried.append(known)
        try:
            text = data.decode(known)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, known
    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _plausible(text):
            return text, best.encoding
    for known in tried:
        mended = _with_stray_bytes(data, known)
        if mended is not None:
            return mended, known
    declared_note = f" (declared {declared!r})" if declared else ""
    raise EncodingError(f"text is in no recognisable encoding{declared_note}: not UTF-8, GB18030 or any charset detected")
