"""A number with its unit, in the unit's other writings: 1200m2 finds 1200㎡, 1200平方米 and 1200m² (search18).

Documents print a unit one way (土地面积1200㎡, 建筑面积89.5m², 18公里, 10kV), people type it another (1200m2, 1200平米,
89.5平方米, 18km, 10千伏): the same quantity. The index keeps each writing as it is (㎡ is the term m2 after the number's
term, m² is 1200m then 2, m2 typed is the run 1200m2, 平方米 three characters), so a writing typed found only records
printing that writing (1200m2 found nothing where the notice printed 1200㎡). A number followed by a unit of a group is
one word whose alternatives are the number with each writing of the group. Pure: no index, no I/O.
"""

from __future__ import annotations

import re

#: The writings of one unit, the Chinese name first (as folded: ASCII lowercase; the squared and cubed signs as printed).
#: Only units written after a number with letters no code holds there: a bare m (米 or 兆 of 100M宽带) and t (吨, or a
#: plot code's letter: 2024T07) are left out.
UNIT_WRITINGS: tuple[tuple[str, ...], ...] = (
    ("平方米", "㎡", "m²", "m2", "平米", "平方"),
    ("平方公里", "㎢", "km²", "km2", "平方千米"),
    ("立方米", "㎥", "m³", "m3", "立方"),
    ("公顷", "ha", "hm²", "hm2"),
    ("公里", "㎞", "km", "千米"),
    ("千伏", "㎸", "kv"),
    ("千瓦时", "kwh", "kw·h"),
    ("千瓦", "㎾", "kw"),
    ("兆瓦", "㎿", "mw"),
    ("公斤", "㎏", "kg", "千克"),
)

_GROUP_OF = {writing: group for group in UNIT_WRITINGS for writing in group}


def _is_han(writing: str) -> bool:
    """Whether the writing is the unit's Chinese name (平方米), not a sign or letters (㎡, m2)."""
    return all("\u4e00" <= c <= "\u9fff" for c in writing)


# Longest writing first, so 平方公里 is never 平方 + 公里 and kwh never kw + h.
_WRITINGS = sorted(_GROUP_OF, key=len, reverse=True)
#: A number (digits, a decimal part) not inside a longer run of letters or digits, then a unit writing; a writing of
#: letters must end there (10kv江头, not kvA; 1200m2, not m2a).
QUANTITY_RE = re.compile(
    r"(?<![0-9a-z.])(?P<number>[0-9]+(?:\.[0-9]+)?)\s?(?P<unit>" + "|".join(re.escape(w) for w in _WRITINGS) + r")(?![0-9a-z²³])"
)


#: A unit's sign or letters after 每 or the / of a rate (每kwh加价2分钱, 元/m2): documents print 每千瓦时, 元/平方米; a unit named
#: in Chinese there is left as typed (each writing of it is printed too, and 平方 alone is part of 平方公里).
PER_UNIT_RE = re.compile(
    r"(?<=[每/])(?P<unit>" + "|".join(re.escape(w) for w in _WRITINGS if not _is_han(w)) + r")(?![0-9a-z²³])"
)
#: Writings people type but documents seldom print alone: a number anchors them (1200平方), nothing else does.
_SAID_ONLY = frozenset(("平方", "立方"))


def unit_forms(unit: str) -> tuple[str, ...]:
    """A unit standing alone (after 每 or /): each writing of its group but those said only."""
    return tuple(dict.fromkeys((unit, *(w for w in _GROUP_OF[unit] if w not in _SAID_ONLY))))


def quantity_forms(number: str, unit: str) -> tuple[str, ...]:
    """The number with each writing of its unit (the one typed first)."""
    return tuple(dict.fromkeys((f"{number}{unit}", *(f"{number}{writing}" for writing in _GROUP_OF[unit]))))


def is_unit(text: str) -> bool:
    """Whether `text` (folded) is a unit's writing alone (m², 平方米, kv): the unit of a number typed before it apart."""
    return text in _GROUP_OF
