"""Outage time windows as newspapers print them, to ISO start/end datetimes.

06:30—15:30, 0:30-5:30, 7:00至6日18:30, 6时至18时, 8:00-17:00, 2025年5月27日22:00至5月28日5:00前,
2026年3月10日（星期二）8:30-17:30, 下午2时至6时. A window without its own date takes the year and month
from the nearest date printed before it, else from the reference date (newspaper issue, page URL).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from gongkai.parsers.notices.fields import TimeWindow
from gongkai.parsers.notices.normal import fold_all as fold


def _moment(p: str) -> str:
    return (
        rf"(?:(?P<{p}y>(?:19|20)\d{{2}})\s*年\s*)?(?:(?P<{p}m>\d{{1,2}})\s*月\s*)?(?:(?P<{p}d>\d{{1,2}})\s*[日号]\s*)?"
        rf"(?:[（(](?:星期|周)[一二三四五六日天][)）]\s*)?(?P<{p}next>次日|翌日|第二天)?"
        rf"(?:(?P<{p}ap>上午|下午|晚上|凌晨|早上|中午|晚|早)\s*)?"
        rf"(?P<{p}h>\d{{1,2}})(?::(?P<{p}mi>\d{{2}})|\s*[时点](?:\s*(?P<{p}mi2>\d{{1,2}})\s*分|(?P<{p}half>半))?)"
    )


WINDOW_RE = re.compile(_moment("s") + r"\s*(?:—+|-+|–|~|～|至|到|－)\s*" + _moment("e") + r"(?:\s*[前止])?")
_CONTEXT_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_FULL_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年")


def _hour(match: re.Match[str], p: str) -> tuple[int, int]:
    hour = int(match[f"{p}h"])
    minute = int(match[f"{p}mi"] or match[f"{p}mi2"] or (30 if match[f"{p}half"] else 0))
    if match[f"{p}ap"] in ("下午", "晚上", "晚") and hour < 12:
        hour += 12
    return hour, minute


def _context(text: str, position: int, reference: date | None) -> tuple[int | None, int | None]:
    """(year, month) of the nearest full date printed before `position`, else of the reference date."""
    year = reference.year if reference else None
    month = reference.month if reference else None
    for match in _FULL_YEAR.finditer(text[:position]):
        year = int(match["y"])
    last = None
    for match in _CONTEXT_DATE.finditer(text[:position]):
        last = match
    if last is not None:
        month = int(last["m"])
        if last["y"]:
            year = int(last["y"])
    return year, month


def _at(year: int | None, month: int | None, day: int | None, hm: tuple[int, int]) -> datetime | None:
    if year is None or month is None or day is None:
        return None
    hour, minute = hm
    try:
        extra = timedelta(days=1) if hour == 24 else timedelta()
        return datetime(year, month, day, 0 if hour == 24 else hour, minute) + extra
    except ValueError:
        return None


def find_windows(text: str, reference: date | None = None) -> list[TimeWindow]:
    """Every time window in `text`, in order. `reference` supplies a missing year/month/day."""
    folded = fold(text)
    windows: list[TimeWindow] = []
    for match in WINDOW_RE.finditer(folded):
        if not (match["smi"] or match["emi"] or "时" in match.group(0) or "点" in match.group(0)):
            continue
        year, month = _context(folded, match.start(), reference)
        sy = int(match["sy"]) if match["sy"] else year
        sm = int(match["sm"]) if match["sm"] else month
        if match["sd"]:
            sd: int | None = int(match["sd"])
        else:
            # No day printed with the window: the nearest date before it is the day.
            previous = list(_CONTEXT_DATE.finditer(folded[: match.start()]))
            sd = int(previous[-1]["d"]) if previous else (reference.day if reference else None)
        start = _at(sy, sm, sd, _hour(match, "s"))
        ey = int(match["ey"]) if match["ey"] else sy
        em = int(match["em"]) if match["em"] else sm
        ed = int(match["ed"]) if match["ed"] else sd
        end_hm = _hour(match, "e")
        start_hm = _hour(match, "s")
        if not match["eap"] and match["sap"] in ("下午", "晚上", "晚") and end_hm[0] < 12 and end_hm[0] + 12 > start_hm[0]:
            end_hm = (end_hm[0] + 12, end_hm[1])  # 下午2时至6时: the end is in the afternoon too
        end = _at(ey, em, ed, end_hm)
        if end and match["enext"]:
            end += timedelta(days=1)
        elif start and end and end <= start and not match["ed"]:
            end += timedelta(days=1)  # 22:00-5:00 runs overnight
        window = TimeWindow(start=start, end=end, text=text[match.start():match.end()].strip())
        if not any(w.start == window.start and w.end == window.end and (w.start or w.text == window.text) for w in windows):
            windows.append(window)  # a title and its body often print the same window twice
    return windows
