"""One folding for matching notice text: gongkai.textnorm.fold (Traditional -> Simplified, A-Z -> a-z)
plus full-width ASCII punctuation and digits to half-width (：－～０-９), so patterns can be written once.

Length-preserving, like fold: a position found in folded text is the same in the original.
"""

from __future__ import annotations

from gongkai.textnorm import fold

_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_all(text: str) -> str:
    return fold(text).translate(_HALFWIDTH)
