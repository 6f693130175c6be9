"""Character-level text folding shared by the index, the query parser and the snippets.

`fold` maps one character to exactly one character (full-width digits and letters to ASCII, the
ideographic space to a space, Traditional to Simplified Chinese, upper to lower case). Because the
length never changes, an offset found in folded text is the same offset in the original text:
snippets highlight the original words while matching folded ones.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import zhconv

#: The one full-width table: full-width ASCII (U+FF01 ！ to U+FF5E ～) to ASCII. Every other width
#: table is a part of it, so no module keeps its own range.
FULLWIDTH_ASCII: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
IDEOGRAPHIC_SPACE = 0x3000
#: Full-width ASCII plus the ideographic space as an ASCII space (identifiers, notice and area matching).
FULLWIDTH_ASCII_AND_SPACE: dict[int, int] = {**FULLWIDTH_ASCII, IDEOGRAPHIC_SPACE: 0x20}
#: Full-width digits only (dates: a full-width bracket or colon around a date keeps its meaning).
FULLWIDTH_DIGITS: dict[int, int] = {code: half for code, half in FULLWIDTH_ASCII.items() if chr(half).isdigit()}


#: Radicals a PDF's font maps its glyphs to where the ideograph they look like is meant (Chrome's, WPS's and other PDF
#: makers' ToUnicode tables: 厦⻔市湖⾥区⼈⺠政府, 2025年3月18⽇): the CJK Radicals Supplement's look-alikes of whole
#: characters (from Unicode's EquivalentUnifiedIdeograph.txt), pairs of radical and ideograph. The Kangxi Radicals
#: (U+2F00-U+2FD5) and the compatibility ideographs decompose to their ideographs by NFKC and are not listed.
_RADICAL_LOOKALIKES = ("⺁厂⺊卜⺌小⺒巳⺓幺⺗心⺜日⺝月⺟母⺠民⺩王⺬示⺮竹⺳网⺶羊⻁虎⻄西⻅见⻆角⻉贝⻊足⻋车⻑長⻓长⻔门⻗雨"
                       "⻘青⻙韦⻚页⻛风⻜飞⻝食⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻱龜⻳龟")
_RADICAL_OR_COMPATIBILITY = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


@lru_cache(maxsize=1)
def ideograph_table() -> dict[int, int]:
    """Radical or compatibility ideograph -> the unified ideograph it stands for (one character each)."""
    table: dict[int, int] = {}
    for code in [*range(0x2F00, 0x2FD6), *range(0xF900, 0xFB00)]:
        unified = unicodedata.normalize("NFKC", chr(code))
        if len(unified) == 1 and unified != chr(code):  # the twelve unified ideographs among the compatibility block stay
            table[code] = ord(unified)
    for radical, ideograph in zip(_RADICAL_LOOKALIKES[::2], _RADICAL_LOOKALIKES[1::2], strict=True):
        table[ord(radical)] = ord(ideograph)
    return table


def unify_ideographs(text: str) -> str:
    """`text` with radicals and compatibility ideographs written as the ideographs they stand for (same length): what a
    reader sees and types, so that 2025年3月18⽇ is a date and 厦⻔ is 厦门. A text without any is returned as it is."""
    return text.translate(ideograph_table()) if _RADICAL_OR_COMPATIBILITY.search(text) else text


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    # Traditional -> Simplified, single characters only (keeps fold() length-preserving).
    # Phrase-level conversions are skipped on purpose: they are slow and rarely matter for search.
    zhconv.zhconv.loaddict()
    for trad, simp in zhconv.zhconv.getdict("zh-hans").items():
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            table[ord(trad)] = ord(simp)
    # Full-width digits and letters -> ASCII. Full-width punctuation is left alone: the tokenizer
    # ignores punctuation anyway, and leaving it out lets most Chinese text skip translate() entirely.
    for code, half in FULLWIDTH_ASCII.items():
        if chr(code).isalnum():
            table[code] = half
    table[IDEOGRAPHIC_SPACE] = 0x20
    # A radical standing for an ideograph is that ideograph (then Simplified: ⻑ is 長 is 长), so 厦⻔ printed by a PDF's
    # font is found by 厦门, and the query's look-alike finds the text's ideograph
    for code, unified in ideograph_table().items():
        table[code] = table.get(unified, unified)
    return table


_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


@lru_cache(maxsize=1)
def _fold_keys() -> frozenset[str]:
    return frozenset(chr(code) for code in _fold_table())


#: From this length on, whether a text holds a character to fold is told by numpy (below).
_LONG_TEXT = 200


@lru_cache(maxsize=1)
def _fold_mask() -> Any:
    """A numpy array of every code point (0 to U+10FFFF, 1.1 MB): True where fold() changes the character."""
    import numpy as np

    mask = np.zeros(0x110000, dtype=bool)
    mask[list(_fold_table())] = True
    return mask


def _needs_folding(text: str) -> bool:
    # frozenset.isdisjoint walks the text a character at a time, making and hashing a str object for each: 68 µs for a
    # body of 1,000 characters, and a search folds the title and first 1,200 characters of each of the 50 hits it ranks
    # (4 ms of a 25 ms search at 100,000 records). As UTF-32 code points looked up in a mask: 8 µs. Short texts (titles,
    # query words) stay with isdisjoint: 1 µs against numpy's fixed 4.
    if len(text) < _LONG_TEXT:
        return not _fold_keys().isdisjoint(text)
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return bool(_fold_mask()[codes].any())


def fold(text: str) -> str:
    """Fold for matching: same length as `text`, see the module docstring."""
    # translate() costs ~0.2 µs a character; most text has nothing to translate, and _needs_folding says so fast.
    if _needs_folding(text):
        text = text.translate(_fold_table())
    lowered = text.lower()
    # lower() can lengthen a few rare characters (İ): then lower-case ASCII only, keeping the length.
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0\u200b\ufeff]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")
# Control characters (NUL included) come from broken extractions; PostgreSQL refuses NUL in text.
# Bidi controls (LRM/RLM, the embeddings and overrides U+202A-E, the isolates U+2066-9) too: Chinese
# text never needs them, and a right-to-left override in a title reverses what the page and feeds show.
BIDI_CONTROL_CLASS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C1 controls (U+0080-U+009F, a Windows-1252 page read as Latin-1) and the BMP's noncharacters (U+FDD0-U+FDEF,
# U+FFFE, U+FFFF) too: HTML forbids them (the Nu Html Checker's "Forbidden code point"), XML 1.0 refuses U+FFFE/U+FFFF,
# and feed readers read U+0085 as "…" (feedparser takes it for Windows-1252). Not the other planes' last two code
# points (U+1FFFE …): listed in the class they made every scan of a body twelve times slower (5 -> 61 µs for 900
# characters; record.py scans every body with this class), for characters no scraped text was seen to hold.
NONCHARACTER_CLASS = "\x80-\x9f\ufdd0-\ufdef\ufffe\uffff"
_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{BIDI_CONTROL_CLASS}{NONCHARACTER_CLASS}]")


def remove_controls(text: str) -> str:
    """`text` without the characters above; line breaks and tabs kept (a notice's fields as printed)."""
    return text if _CONTROL.search(text) is None else _CONTROL.sub("", text)


def has_controls(text: str) -> bool:
    return _CONTROL.search(text) is not None


def clean_text(text: str) -> str:
    """Normalise whitespace for storage: collapse runs of spaces, keep paragraph breaks."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACE_RUN.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def strip_controls(text: str) -> str:
    """`text` without control characters (line breaks and tabs included) and bidi controls, ends stripped:
    for values whose spaces mean something (a URL, a file name)."""
    if _CONTROL.search(text) is None and "\n" not in text and "\r" not in text and "\t" not in text and text == text.strip():
        return text
    return re.sub(r"[\t\n\r]", "", _CONTROL.sub("", text)).strip()


def clean_inline(text: str) -> str:
    """A one-line field value (title, issuer): no line breaks, no stray zero-width or padding spaces."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    return _SPACE_RUN.sub(" ", text.replace("\n", " ").replace("\r", " ")).strip()
