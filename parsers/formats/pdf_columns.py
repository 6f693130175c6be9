"""Reading order of a PDF page printed in columns (a newspaper's notice page: 遗失声明, 注销公告 … in two or three columns).

pdfminer orders a page's text boxes by its own grouping, which on a two-column page interleaves the columns (the right
column's first line between the left column's notices: a notice's text went to the next notice's heading). Here a page is
cut into bands by the boxes that run across most of its width (a masthead, a title), and a band whose narrower boxes stand in
columns (a gutter no box crosses, at least 3 boxes and 80 characters on each side, their lines not side by side as a
table's cells are) is read column by column, each top to bottom. A page without such a band keeps pdfminer's order: an
official document's right-aligned signature or a table never moves.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

#: a box at least this share of the text's width runs across the columns (a title, a masthead): it cuts the page in bands
_FULL_WIDTH = 0.6
#: each column of a band holds at least this many boxes and characters (a signature and a date beside a paragraph are no column)
_MIN_BOXES = 3
_MIN_CHARS = 80
#: side by side as a table's cells: a box's middle within this many points of a box's middle in the next column
_ROW_TOLERANCE = 2.0


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float  # PDF space: y grows upwards
    x1: float
    y1: float
    chars: int
    # one line of a sentence that goes on in the box below (a comma in it, no sentence end at its end): set by the reader
    runs_on: bool = False


def _near(sorted_values: list[float], value: float) -> bool:
    """Whether a value of the sorted list is within _ROW_TOLERANCE of `value`."""
    at = bisect.bisect_left(sorted_values, value - _ROW_TOLERANCE)
    return at < len(sorted_values) and sorted_values[at] <= value + _ROW_TOLERANCE


def _columns(boxes: list[int], all_boxes: list[Box]) -> list[list[int]] | None:
    """The band's boxes (indices) in columns, left to right, when they stand in columns; else None."""
    spans = sorted((all_boxes[i].x0, all_boxes[i].x1, i) for i in boxes)
    columns: list[list[int]] = []
    right = float("-inf")
    for x0, x1, index in spans:
        if columns and x0 < right:  # overlaps the column so far
            columns[-1].append(index)
            right = max(right, x1)
        else:
            columns.append([index])
            right = x1
    if len(columns) < 2:
        return None
    for column in columns:
        if len(column) < _MIN_BOXES or sum(all_boxes[i].chars for i in column) < _MIN_CHARS:
            return None
    for left, right_column in itertools.pairwise(columns):
        if _wrapped_prose(left, all_boxes) and _wrapped_prose(right_column, all_boxes):
            continue  # lines of two columns of prose on one baseline grid (a newspaper's): level, yet no table's rows
        # sorted middles and a bisection: a table page of a thousand cells is no quadratic walk
        middles = sorted((all_boxes[i].y0 + all_boxes[i].y1) / 2 for i in right_column)
        side_by_side = sum(1 for i in left if _near(middles, (all_boxes[i].y0 + all_boxes[i].y1) / 2))
        if side_by_side * 2 >= len(left):
            return None  # rows of a table: read across, as pdfminer does
    return [sorted(column, key=lambda i: -all_boxes[i].y1) for column in columns]


def _wrapped_prose(column: list[int], all_boxes: list[Box]) -> bool:
    """Whether the column holds at least _MIN_BOXES lines of running text wrapped at its right edge (within two characters,
    a line's height each, of the column's widest line): a notice page printed line by line (notices9: each line its own box,
    level with the other column's lines, was read across as a table's row). A table's cells hold no sentence running on."""
    right = max(all_boxes[i].x1 for i in column)
    return sum(1 for i in column if all_boxes[i].runs_on
               and all_boxes[i].x1 >= right - 2 * (all_boxes[i].y1 - all_boxes[i].y0)) >= _MIN_BOXES


def column_order(boxes: list[Box]) -> list[int] | None:
    """The boxes' indices in reading order when some band of the page stands in columns; None to keep pdfminer's order."""
    if len(boxes) < 2 * _MIN_BOXES:
        return None
    left = min(b.x0 for b in boxes)
    width = max(b.x1 for b in boxes) - left
    if width <= 0:
        return None
    wide = sorted((i for i, b in enumerate(boxes) if b.x1 - b.x0 >= _FULL_WIDTH * width), key=lambda i: -boxes[i].y1)
    # bands: the narrower boxes between two wide ones (by their middle), top to bottom
    cuts = [(boxes[i].y0 + boxes[i].y1) / 2 for i in wide]
    bands: list[list[int]] = [[] for _ in range(len(wide) + 1)]
    wide_set = set(wide)
    for i, b in enumerate(boxes):
        if i in wide_set:
            continue
        middle = (b.y0 + b.y1) / 2
        bands[sum(1 for cut in cuts if cut > middle)].append(i)
    ordered: list[int] = []
    found = False
    for number, band in enumerate(bands):
        columns = _columns(band, boxes) if len(band) >= 2 * _MIN_BOXES else None
        if columns:
            found = True
            ordered.extend(i for column in columns for i in column)
        else:
            ordered.extend(band)  # pdfminer's order within the band
        if number < len(wide):
            ordered.append(wide[number])
    return ordered if found else None
