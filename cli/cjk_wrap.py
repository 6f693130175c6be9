"""Rich's line wrapping made right for Chinese, for every table and --help this CLI prints (newuser3, session 21).

Rich cut Chinese short with `…` on an 80-column terminal (`原始抓取和 …` for 原始抓取和隔离区, `新增 3…`), two rules of
its wrapping written for Latin text:
- the blank at the end of a wrapped line is trimmed while the line is longer than the width in *characters*; a Chinese
  character takes two cells, so the blank stayed and the line was then cut, a word and the blank replaced by `…`;
- a word is what lies between blanks and is broken only when the overflow is "fold"; Chinese has no blanks, so a whole
  clause (a title, a reason) was one word, cut at the width. Chinese may break between any two characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import rich._wrap
import rich.text
from rich.cells import cell_len

_TRAILING_BLANK = re.compile(r"\s+$")
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _rstrip_end(self: rich.text.Text, size: int) -> None:
    """Rich's `Text.rstrip_end`, measuring in cells as `truncate` does after it."""
    excess = cell_len(self.plain) - size
    blank = _TRAILING_BLANK.search(self.plain) if excess > 0 else None
    if blank is not None:
        self.right_crop(min(len(blank.group(0)), excess))


def _folding_wide_words(divide_line: Callable[..., list[int]]) -> Callable[..., list[int]]:
    def divide(text: str, width: int, fold: bool = True) -> list[int]:
        # a line holding Chinese folds a word longer than the width: Chinese breaks anywhere, nothing is cut
        return divide_line(text, width, fold=fold or _WIDE.search(text) is not None)

    divide._gongkai = True  # type: ignore[attr-defined]
    return divide


def install() -> None:
    """Set up rich's wrapping for Chinese (idempotent); rich is loaded by the CLI anyway, this costs nothing more."""
    text_module: Any = rich.text
    if getattr(text_module.divide_line, "_gongkai", False):
        return
    text_module.Text.rstrip_end = _rstrip_end
    text_module.divide_line = _folding_wide_words(rich._wrap.divide_line)
