"""One folding for matching notice text: gongkai.textnorm.fold (Traditional -> Simplified, A-Z -> a-z)
plus full-width ASCII punctuation and digits to half-width (：－～０-９), so patterns can be written once.

Length-preserving, like fold: a position found in folded text is the same in the original.
"""

from __future__ import annotations

from gongkai.textnorm import FULLWIDTH_ASCII_AND_SPACE, fold


def fold_all(text: str) -> str:
    return fold(text).translate(FULLWIDTH_ASCII_AND_SPACE)
