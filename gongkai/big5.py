"""Big5 records read as Big5, not as GB18030 mojibake (doors5, session 14).

The record reader's rule is UTF-8, else GB18030. Big5 bytes (a Traditional-Chinese export: a Hong Kong or Taiwan office's
tool, a 繁体 site's CMS) almost always decode as GB18030 too, silently, into nonsense (`廈門市財政局` -> `稨カ癩現Ы`): such
records were stored with mojibake titles, where the same bytes as a document were read right (parsers.encoding, by
charset-normalizer). Big5's commonest lead bytes (0xA4, 0xA5: 中, 人, 大 …) are GBK's kana rows, its others Cyrillic and
private-use rows, so a GB18030 reading of Big5 is full of kana, Cyrillic and private-use characters that Chinese
government text does not hold; when a GB18030 text is, and the bytes read as Big5 (HKSCS) without any, they are Big5.
Only text that is not UTF-8 is looked at, its first WINDOW characters: about 5 µs a GBK line (a 2 KB line decodes in
80-100 µs), nothing for a UTF-8 export."""

from __future__ import annotations

import re

BIG5 = "big5hkscs"  # Big5 with Hong Kong's additions (parsers.encoding widens big5 to it too)
#: kana, Cyrillic, private use: what GB18030 makes of Big5's lead bytes 0xA4-0xAF, 0xF8-0xF9
_MOJIBAKE = re.compile("[\u0400-\u04ff\u3040-\u30ff\ue000-\uf8ff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_NOT_KANA = re.compile("[\u0400-\u04ff\ue000-\uf8ff]")


#: characters looked at: Big5 mojibake is dense, and a whole record's scan cost 23 µs a 2 KB GBK line (5 µs so)
WINDOW = 256


def looks_misread(text: str) -> bool:
    """A GB18030 reading that is Big5 mojibake: at least 3 such characters in its first WINDOW, and at least 1 in 20 of
    their non-ASCII ones (a real text's odd kana or private-use rare name does not count)."""
    text = text[:WINDOW]
    if not _MOJIBAKE.search(text):
        return False
    marks = len(_MOJIBAKE.findall(text))
    return marks >= 3 and marks * 20 >= len(_NON_ASCII.findall(text))


def big5_instead(raw: bytes, gb18030_text: str) -> str | None:
    """The Big5 reading of `raw` when its GB18030 reading `gb18030_text` is Big5 mojibake and the Big5 one is clean; None:
    keep the GB18030 reading."""
    if not looks_misread(gb18030_text):
        return None
    try:
        text = raw.decode(BIG5)
    except UnicodeDecodeError:
        return None
    if _MOJIBAKE.search(text):
        return None
    # kana alone may be a Japanese title in a GBK export (its GBK bytes read as Big5 are common characters too); Big5's
    # Cyrillic and private-use readings are not Japanese
    share = _common_share(raw)
    return text if share >= 0.95 or (share >= 0.8 and _NOT_KANA.search(gb18030_text)) else None


def _common_share(raw: bytes) -> float:
    """Share of the Big5 characters of `raw` that are Big5's common ones (常用字, lead bytes 0xA4-0xC6): nearly all of a
    real Big5 text; about half of GBK bytes read as Big5 (a Japanese title in a GBK export: kana make it look misread)."""
    leads = [byte for byte in re.findall(rb"[\x81-\xfe][\x40-\x7e\xa1-\xfe]", raw) if byte[0] >= 0xA4]
    return sum(1 for lead in leads if lead[0] <= 0xC6) / len(leads) if leads else 0.0
