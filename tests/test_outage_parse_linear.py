"""Reading an outage notice's events grows with its length, not its square (outages7, review s13: a plan of 1,500 rows took
~3 s of CPU, each window re-reading what was printed before it: the lines' windows counted per block, the numbered items per
window, the header row and the dates before each row looked for from the text's start, stops never printed looked for back
to it). Measured two ways that do not depend on the machine's load: the calls made (a profile hook counting Python and C
calls, exact) and the CPU time of 4 times the rows against the time of 1 (a ratio, the best of two runs)."""

from __future__ import annotations

import sys
import time
from datetime import date

import pytest

from gongkai.parsers.notices.outages import find_events


def _plan(shape: str, rows: int) -> str:
    """A yearly plan of `rows` windows, one a row, in the shapes 国网/水务 print long plans in."""
    lines = []
    for i in range(rows):
        day = f"{1 + (i // 28) % 12}月{1 + i % 28}日"
        lines.append({"rows": f"{day} 8:00-17:00 同安区新民镇第{i}村",
                      "table": f"{i + 1} | {day} 8:00-17:00 | 10kV线{i} | 同安区新民镇第{i}村、第{i}小区 | 如遇雨顺延",
                      "items": f"{i + 1}、停电时间：{day}8:00至17:00。停电范围：思明区第{i}路。",
                      "prose": f"{day}8时至17时，湖里区第{i}社区停电；"}[shape])
    header = "序号 | 停电时间 | 停电线路 | 停电范围 | 备注\n" if shape == "table" else ""
    return "2031年停电计划\n" + header + "\n".join(lines) + "\n国网厦门供电公司\n"


def _calls(text: str) -> int:
    calls = 0

    def hook(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(hook)
    try:
        events = find_events(text, date(2030, 12, 20), "power")
    finally:
        sys.setprofile(None)
    assert events
    return calls


SHAPES = ["rows", "table", "items", "prose"]


@pytest.mark.parametrize("shape", SHAPES)
def test_the_calls_grow_with_the_rows(shape: str) -> None:
    # before: 7.0, 6.0, 6.9 and 7.0 times the calls for 3 times the rows (each window looked at every other)
    small, large = _calls(_plan(shape, 100)), _calls(_plan(shape, 300))
    assert large <= 3.2 * small, (small, large)


@pytest.mark.parametrize("shape", ["rows", "prose"])
def test_the_cpu_time_grows_with_the_rows(shape: str) -> None:
    # before: 10.2 and 10.3 times the CPU for 4 times the rows (a regex or rfind scanning back to the text's start per row,
    # one call each, which the call count cannot see); about 4 now
    def cpu(rows: int) -> float:
        text = _plan(shape, rows)
        best = float("inf")
        for _ in range(2):
            started = time.process_time()
            assert len(find_events(text, date(2030, 12, 20), "power")) == rows
            best = min(best, time.process_time() - started)
        return best

    cpu(20)  # the parsers' caches and imports warm
    small, large = cpu(300), cpu(1200)
    assert large <= 6.5 * small, (small, large)


def test_the_windows_of_a_long_plan_are_read_as_in_a_short_one() -> None:
    """The 1,500th row's window and place are read as the first's: the year turns after December (2031 → 2032 as printed
    in order: 1月… after 12月28日), the place after its window."""
    events = find_events(_plan("prose", 1500), date(2030, 12, 20), "power")
    assert len(events) == 1500
    first, last = events[0], events[-1]
    assert (first.start.isoformat(), first.areas[0].name) == ("2031-01-01T08:00:00", "第0社区")
    assert (last.start.isoformat(), last.areas[0].name) == ("2035-06-16T08:00:00", "第1499社区")  # row 1,499: 4 years on, 6月16日
