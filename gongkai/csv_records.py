"""An agency's spreadsheet export (Excel's "CSV (逗号分隔)", "CSV UTF-8", a `;` export of a European-locale Excel,
"文本文件(制表符分隔)" and "Unicode 文本" saved as .txt) read as its rows' records. It was one text document, titled by
its first row, its records the body's text (doors5 to doors10's leftover).

What tells a CSV from a text document (the rule, doors11): a `.csv`, `.tsv`, `.txt` or suffix-less file one of whose
first 6 non-blank lines, cut at one separator (tab, `,` or `;`), is a header naming at least two record fields, the
title among them, by the record files' one label table (`信息名称`/`标题`/`title`, `文号`, `发布日期` …:
gongkai.recordfiles.named_as_fields over parsers/sidecar.py LABELS and parsers/labels.py). Rows above that header (a
merged title row, `导出时间：…`) are no records; a CSV of anything else (a price list) stays a document.

Each row after the header is a record, its cells named by the header (a blank cell gives no field); a row that cannot
be one is that row's entry, named by the row Excel shows (`目录.csv:4`: the header row 1, a quoted cell's line breaks
inside one row), the file kept. Encoding: a BOM (UTF-8, UTF-16) decides, else UTF-8, else GB18030 (GBK, GB2312).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from gongkai.textnorm import fold

#: separators Excel writes, the first tried first (a tab never sits in a Chinese title; `,` and `;` may)
SEPARATORS = ("\t", ",", ";")
#: how many non-blank lines a header may sit below (a merged title row, an export date, a blank row)
HEADER_WITHIN = 6
#: the fields a sheet's merged cell spans rows of (发布机构, 主题分类 merged down a group of documents): saved as CSV, the
#: value is in the group's first row and the rows below are blank; each row takes it (doors13: all but the first had no
#: issuer). A document's own fields (title, 文号, dates, links) are never carried: a blank there is a blank.
MERGED_FIELDS = frozenset({"issuer", "topic"})
#: `=HYPERLINK("http://…","查看原文")`, as Excel writes a link cell into a CSV (doors7's export: the formula was the url)
_HYPERLINK = re.compile(r'=\s*HYPERLINK\(\s*"([^"]+)"\s*(?:[,;]\s*"[^"]*"\s*)?\)', re.I)


#: which record fields a row's cells name, by the record files' one label table (gongkai.recordfiles.header_fields:
#: passed in, so that this module imports no reader and no parser)
Namer = Callable[[list[str]], set[str]]


def header_of(text: str, fields_named: Namer) -> tuple[str, int] | None:
    """(separator, index of the header among the non-blank lines) of a CSV's opening text, or None: not a CSV."""
    lines = [line for line in text.splitlines() if line.strip()][:HEADER_WITHIN]
    for index, line in enumerate(lines):
        for separator in SEPARATORS:
            cells = [_bare(cell) for cell in line.split(separator)]
            if len(cells) < 2:
                continue
            fields = fields_named([cell for cell in cells if cell])
            if "title" in fields and len(fields) >= 2:
                return separator, index
    return None


def _bare(cell: str) -> str:
    """A header cell as a label: unquoted, and Simplified (a Traditional Windows export's 原文鏈接 is 原文链接: the label table
    folds only its own labels)."""
    cell = cell.strip().strip('"').strip()
    return cell if cell.isascii() else fold(cell)


def csv_values(
    handle: IO[bytes], encoding: str | None, fields_named: Namer, max_cell_bytes: int, after: int = 0
) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """(row number, the row's cells by their header's label, or why the row is no record) of every row under the header;
    `after`: skip rows numbered up to it. A file this cannot decode is one reason, row 1."""
    if encoding is None:
        yield 1, "neither UTF-8 nor GB18030 text (nor UTF-16 with its BOM): save the sheet as CSV UTF-8"
        return
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    try:
        yield from _rows(text, encoding, fields_named, max_cell_bytes, after)
    finally:
        text.detach()  # the caller's handle stays open (it closes it)


def _rows(
    text: io.TextIOWrapper, encoding: str, fields_named: Namer, max_cell_bytes: int, after: int
) -> Iterator[tuple[int, dict[str, Any] | str]]:
    try:
        opening = text.read(64 * 1024)
    except UnicodeDecodeError as exc:
        yield 1, f"the bytes are not {encoding} text ({exc.reason})"
        return
    found = header_of(opening, fields_named)
    if found is None:
        yield 1, "no header row naming the record's fields (信息名称, 文号, 发布日期 …) in its first lines"
        return
    separator, _ = found
    text.seek(0)
    csv.field_size_limit(max(csv.field_size_limit(), max_cell_bytes))
    lines = _Lines(text)
    rows = csv.reader(lines, delimiter=separator)
    header: list[str] | None = None
    carried: dict[int, str] = {}  # column -> the value of a merged cell above (MERGED_FIELDS)
    row_number = 0
    while True:
        row_number += 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            if header is not None and row_number > after:
                yield row_number, f"row {row_number} cannot be read as CSV: {exc}"
            continue
        except UnicodeDecodeError as exc:
            yield (
                row_number,
                f"from row {row_number} on, the bytes are not {encoding} text ({exc.reason}): the rest is not read",
            )
            return
        raw = lines.taken()
        if raw.count('"') % 2 and _open_quote_at_end(raw, separator):
            # the file ends inside a quoted cell (an upload cut off, a quote left open): the csv module reads it to the end
            # as one cell without a word, so the cut row went in short and a row after an open quote was swallowed
            yield (
                row_number,
                (
                    f"row {row_number}: the CSV file ends inside a quoted cell (a quote left open, or the upload cut off): this row "
                    "and any after it were not read; send the file again whole"
                ),
            )
            return
        if header is None:
            line = separator.join(row)
            if header_of(line, fields_named) is not None:
                header = [_bare(cell) for cell in row]
                carried = {column: "" for column, label in enumerate(header) if label and fields_named([label]) & MERGED_FIELDS}
            continue  # a row above the header (a merged title, the export's date) or the header itself
        if not any(cell.strip() for cell in row):
            carried = dict.fromkeys(carried, "")  # an empty row (Excel writes `,,,,,` for one) is no record, and ends a group
            continue
        row = _merged_down(row, carried)
        if row_number <= after:
            continue
        yield row_number, _cells(row, header, row_number)


def _merged_down(row: list[str], carried: dict[int, str]) -> list[str]:
    """The row with each blank cell of a merged column (MERGED_FIELDS) given the value above it; `carried` updated."""
    row = list(row)
    for column in carried:
        row += [""] * (column + 1 - len(row))  # (a short row: Excel leaves trailing blanks out)
        if row[column].strip():
            carried[column] = row[column]
        elif carried[column]:
            row[column] = carried[column]
    return row


class _Lines:
    """The text's lines as the csv reader takes them, the ones of the row being read kept (a row may span lines)."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self._text = text
        self._taken: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._text.readline()
        if not line:
            raise StopIteration
        self._taken.append(line)
        return line

    def taken(self) -> str:
        raw, self._taken = "".join(self._taken), []
        return raw


def _open_quote_at_end(raw: str, separator: str) -> bool:
    """Whether a row's text ends inside a quoted cell, by Excel's rule: a cell opening with `"` runs to the next `"` not
    doubled; a quote inside an unquoted cell (`5"屏`) is a character. Asked only of a row holding an odd number of quotes."""
    quoted = False
    at_start = True
    i, end = 0, len(raw)
    while i < end:
        char = raw[i]
        if quoted:
            if char == '"':
                if i + 1 < end and raw[i + 1] == '"':
                    i += 1
                else:
                    quoted = False
        elif char == '"' and at_start:
            quoted = True
        at_start = not quoted and char in (separator, "\n", "\r")
        i += 1
    return quoted


def _cells(row: list[str], header: list[str], row_number: int) -> dict[str, Any] | str:
    extra = [cell for cell in row[len(header) :] if cell.strip()]
    if extra:
        return f"row {row_number} has {len(header) + len(extra)} cells, the header {len(header)}: a separator inside an unquoted cell?"
    cells: dict[str, Any] = {}
    for label, cell in zip(header, row, strict=False):
        value = cell.strip()
        if not label or not value:
            continue
        if "\x00" in value:
            return f"row {row_number}: the cell {label} holds a NUL byte (\\x00): an export's damaged text; fix the cell and send the file again"
        link = _HYPERLINK.fullmatch(value)  # Excel's link cell exported as its formula: the address it opens
        cells[label] = link[1] if link else value.replace("\r\n", "\n")
    return cells
