"""Outage notice tables flattened to text: a row's cells (停电时间 | 停电范围 | 停电线路), told apart from prose.

A row is a line with cell borders (|, ｜, tabs), or any line below a header row of column names (序号 停电范围 停电时间),
where the borders became spaces, or commas (an export's CSV: 停电区域,停电开始时间,停电结束时间). The places are the cells other than the window's, the line's and the row number's.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CELL = re.compile(r"\s*[|｜\t]\s*")
_SPACED_CELL = re.compile(r"\s*[|｜\t]\s*|[ \u3000]+")
_NOT_A_PLACE_CELL = re.compile(
    r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})$|^\d+\s*(?:kv|千伏)|(?:线|线路|开关|变|站)$"
    r"|^(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*[（(][^)）]{1,4}[)）])?$"  # the window's date in a cell of its own
)
# A table's header row: column names only (序号 停电时间 停电线路 停电范围), two or more. Below it a row's cells may be
# separated by spaces alone, as tabs and cell borders become when a table is flattened to text.
_HEADER_WORD = r"(?:序号|编号|(?:停电|停水|停气|检修|施工|计划)?(?:开始|结束|起始|终止|恢复)?(?:时间|日期|时段)|(?:停电|停水|停气|影响|涉及)?(?:范围|区域|地段|用户)|(?:停电|检修)?(?:线路|设备)(?:名称)?|工作内容|备注)"
_HEADER_ROW = re.compile(rf"(?m)^[ \t]*{_HEADER_WORD}(?:(?:[ \t\u3000|｜]+|[ \t]*,[ \t]*){_HEADER_WORD})+[ \t]*$")
# An export's rows between commas (停电区域,停电开始时间,停电结束时间), under a header row between commas only
_COMMA_CELL = re.compile(r"\s*,\s*")


@lru_cache(maxsize=16)
def _first_header(folded: str) -> re.Match[str] | None:
    """The text's first header row, looked for once a text (each row looked for it in all the text above it again:
    a plan of 1,500 rows without cell borders read its rows' text a thousand times over, review s13)."""
    return _HEADER_ROW.search(folded)


def row_cells(text: str, folded: str, window_start: int, after: int) -> list[str] | None:
    """A table row flattened to text (停电时间 | 停电范围 | 停电线路, or cells between tabs): the places are its cells
    other than the window's, the line's (10kV湖滨Ⅰ路) and the row's number, in whatever order the columns come.
    None when the window's line is no row."""
    line_start = folded.rfind("\n", 0, after) + 1
    line_end = folded.find("\n", after)
    line_end = len(folded) if line_end < 0 else line_end
    separator = _CELL
    if not _CELL.search(folded, line_start, line_end):
        header = _first_header(folded)
        if not header or header.end() > line_start:
            return None
        separator = _COMMA_CELL if "," in header.group(0) else _SPACED_CELL
    cells, position = [], line_start
    for part in separator.split(folded[line_start:line_end]):
        begin = folded.find(part, position)
        position = begin + len(part)
        if (begin < after and window_start < position) or not part.strip() or _NOT_A_PLACE_CELL.search(part.strip()):
            continue  # the window's own cells (2026-12-08 08:30至…), an empty one, the row's number, the line
        cells.append(text[begin:position])
    return cells


# A two-column table of labels and values (| 项目 | 内容说明 | / | 停水时间 | 2027年8月3日 8:00 至 … | / | 影响范围 | 整个鼓锣社区 |):
# each row is the label line it stands for. A row of two column names (| 停电时间 | 停电范围 |, a header) is not.
_KEY_VALUE_ROW = re.compile(
    r"(?m)^[ \t]*[|｜][ \t]*(?P<key>[\u4e00-\u9fff]{2,10}?(?:时间|日期|时段|范围|区域|地段|用户|小区|原因|单位|线路|设备))[ \t]*[|｜]"
    r"[ \t]*(?P<value>[^|｜\n]*?)[ \t]*[|｜]?[ \t]*$"
)


# A row of cells each holding its label and value (日期：8月26日 | 时间：8:00-17:00 | 区域：海沧区青礁村, outages8): a line each, as the
# labelled lines they stand for (the day and the clock were read apart, the labels as places).
_LABELLED_CELLS = re.compile(
    r"(?m)^[ \t]*[|｜]?[ \t]*(?P<cells>[\u4e00-\u9fff]{0,6}(?:时间|日期|时段|范围|区域|地点)[ \t]*[:：][^|｜\t\n]+"
    r"(?:(?:[ \t]*[|｜][ \t]*|\t+)[\u4e00-\u9fff]{0,6}(?:时间|日期|时段|范围|区域|地点|线路|设备|原因)[ \t]*[:：][^|｜\t\n]+)+)[ \t]*[|｜]?[ \t]*$"
)


def key_value_rows(text: str) -> str:
    """| 停水时间 | W | → 停水时间：W, for each row of a label and its value; 日期：D | 时间：W | 区域：P → a line each."""
    def row(match: re.Match[str]) -> str:
        value = match["value"].strip()
        if not value or re.fullmatch(_HEADER_WORD, value):
            return match.group(0)
        return f"{match['key']}：{value}"

    if "|" in text or "｜" in text or "\t" in text:
        text = _LABELLED_CELLS.sub(lambda m: "\n".join(cell.strip() for cell in re.split(r"[|｜\t]", m["cells"])), text)
    return _KEY_VALUE_ROW.sub(row, text)

