"""Outage time windows as newspapers print them, to ISO start/end datetimes.

06:30—15:30, 0:30-5:30, 7:00至6日18:30, 6时至18时, 8:00-17:00, 2025年5月27日22:00至5月28日5:00前,
2026年3月10日（星期二）8:30-17:30, 下午2时至6时. A window without its own date takes the year and month
from the nearest date printed before it, else from the reference date (newspaper issue, page URL).
A daily window repeats on each day printed before it: 2024年11月26日至27日每天8:00—18:00 (a range with
每天/每日), 5月6日至8日8:00-17:00 (a range whose last day opens the window), 5月6日、8日8:00-17:00 and 2026年1月16日、17日、18日，每日0:30-5:30 (a list).
A day with a part of it and no clock is a window too (12月9日上午 8:00-12:00, 下午 12:00-18:00, 全天 the whole day,
12月8日至12月9日全天 each day), and so is a day called off with no time (原定于12月8日…取消: the whole day); a window
followed by 如遇雨天顺延至12月13日 repeats on that day, in case, its text the clause as printed. Also read: numeric dates
(2026-12-08 08:30:00, 2026.12.9), times with a dot after a date (8.30-17.30), 至当日15:00, a start and an end under labels
of their own (停电时间：… / 预计恢复时间：…), a start with no end (8:30起, 至当日工作结束: to the end of that day), 晚12点 (midnight).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from gongkai.parsers.notices.fields import TimeWindow
from gongkai.parsers.notices.normal import fold_all as fold
from gongkai.place_ends import HOUSE_NUMBER_AFTER

# What may stand in brackets after a day: its weekday, or when it is said from the notice's day (7月10日（今晚）22:00至次日（明晨）6:00)
_WEEKDAY_OR_DAY_WORD = r"(?:(?:星期|周)[一二三四五六日天]|今天|今日|今晚|今早|今晨|明天|明日|明晚|明早|明晨|后天)"
# A day said from the notice's day right before a clock (具体停水施工时间为明天9时至后天8时): that many days after it.
_SAID_DAY = r"今天|今日|今晚|今早|今晨|明天|明日|明晚|明早|明晨|后天|(?:本|下)?(?:周|星期)[一二三四五六日天]"  # 从周五晚上10点开始至周日…
_DAYS_AFTER_ISSUE = {"今": 0, "明": 1, "后": 2}


def _moment(p: str) -> str:
    return (
        rf"(?:(?P<{p}y>(?:19|20)\d{{2}})\s*年\s*)?(?:(?P<{p}m>\d{{1,2}})\s*月\s*)?(?:(?P<{p}d>\d{{1,2}})\s*[日号]\s*)?"
        rf"(?:[（(]{_WEEKDAY_OR_DAY_WORD}[)）]\s*)?(?:[（(]暂定[)）]\s*)?(?:当日|当天|同日)?(?P<{p}next>次日|翌日|第二天)?"
        rf"(?:(?P<{p}rel>{_SAID_DAY})\s*)?"  # 明天9时至后天8时: from the notice's day
        rf"(?:\s*[（(]{_WEEKDAY_OR_DAY_WORD}[)）])?\s*"  # 次日（星期四）早8:00, 次日（明晨）6:00
        rf"(?:(?P<{p}ap>上午|下午|晚上|夜间|凌晨|早上|中午|晚|早)\s*)?"
        # 23:00时 (a clock and 时 both printed)
        rf"(?P<{p}h>\d{{1,2}})(?::(?P<{p}mi>\d{{2}})(?:\s*时(?!\s*\d))?|\s*[时点](?:\s*(?P<{p}mi2>\d{{1,2}})\s*分|(?P<{p}half>半))?)"
        r"(?:\s*(?:许|左右))?"  # 8时许至12时, 上午8时左右至下午5时左右: about that time
    )


# 自上午八时二十分起至下午十二时二十五分, 晚上8点开始至…: 起 or 开始 before 至 is still one window
WINDOW_RE = re.compile(_moment("s") + r"\s*(?:(?:起|开始)\s*)?(?:—+|-+|–|~|～|至|到|－)\s*" + _moment("e") + r"(?:\s*[前止])?")
# The start and the end under labels of their own, one below the other (停电开始时间：2026年12月8日8:30 / 恢复送电时间：…17:30).
SPLIT_WINDOW_RE = re.compile(
    # …or after a ； on the same line (停水时间：9月18日8:00；恢复供水时间：9月18日17:00, outages8)
    # …or after a comma (停气时间：W1，复气时间：W2; outages9: 复气 was no end's label, and the comma no place between them)
    # …or said with 为 (复气时间预计为当日17:00, outages9)
    _moment("s") + r"[ \t]*[\n；;，,][ \t]*[^\n:：]{0,8}?(?:恢复|结束|送电|复电|来电|来水|复水|复气|通水|通气|通电)[^\n:：]{0,6}?(?:[:：]|为)[ \t]*" + _moment("e")
)
# A start with its end in the next clause, said as the moment the supply is back (8月14日8:00起，预计8月15日18:00恢复供水;
# 5月10日22:00起停水，11日6:00起逐步恢复供水).
START_THEN_BACK_RE = re.compile(
    _moment("s") + r"\s*(?:起|开始)\s*(?:停水|停电|停气|断水|断电)?\s*[，,]\s*(?:预计|计划|将|约)?\s*(?:于|在)?\s*" + _moment("e")
    + r"\s*(?:前|起)?\s*(?:逐步|陆续|开始)?\s*(?:恢复|来水|复水|送电|复电|来电|通水|通气)"
)
# A stop said with its moment and the moment the supply is back said later in the sentence (于16:00停产，目前正在抢修，
# 恢复供水时间预计为20:00左右): one window between them.
STOPPED_THEN_BACK_RE = re.compile(
    r"(?:于|自|从)\s*" + _moment("s") + r"\s*(?:起)?\s*(?:停产|停水|停电|停气|断水|断电|(?:停止|暂停|中断)(?:供水|供电|供气))[^。；;\n]{0,30}?"
    r"恢复(?:供水|供电|供气|送电|正常供水|正常供电)的?时间\s*(?:预计|计划|约)?\s*(?:为|是|在)?\s*" + _moment("e")
)
_CONTEXT_DATE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?<!\d)(?P<ny>(?:19|20)\d{2})(?P<sep>[-./])(?P<nm>\d{1,2})(?P=sep)(?P<nd>\d{1,2})(?!\d)"  # 停电日期：2026-12-10
)


def _ymd(match: re.Match[str]) -> tuple[str | None, str, str]:
    """(year, month, day) of a _CONTEXT_DATE match, as printed."""
    return (match["y"], match["m"], match["d"]) if match["m"] else (match["ny"], match["nm"], match["nd"])
_FULL_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年")
# A month heading a schedule, no day printed with it (6月计划停电, 5月份停水计划): the month of the days printed alone below it
# (2日（周六）7:00-19:00: outages9, they fell in the issue's month). Only with a plan's or an outage's word on its line.
_MONTH_HEADING_BODY = (r"[ \t]*(?:(?:19|20)\d{2}\s*年\s*)?(?P<m>\d{1,2})\s*月份?(?![\s\d]*[日号\d])"
                       r"(?=[^\n]{0,12}?(?:计划|安排|停电|停水|停气|检修))")
_MONTH_HEADING = re.compile(r"\n" + _MONTH_HEADING_BODY)  # a line's start (a newline first: the search skips to newlines)
_MONTH_HEADING_FIRST = re.compile(_MONTH_HEADING_BODY)  # the first line's


def _hour(match: re.Match[str], p: str) -> tuple[int, int]:
    hour = int(match[f"{p}h"])
    minute = int(match[f"{p}mi"] or match[f"{p}mi2"] or (30 if match[f"{p}half"] else 0))
    part = match[f"{p}ap"] or ("晚" if (match[f"{p}rel"] or "").endswith("晚") else None)  # 今晚10时, 明晚8点
    if part in ("下午", "晚上", "晚") and hour < 12:
        hour += 12
    elif part in ("晚上", "晚", "夜间") and hour == 12:
        hour = 24  # 晚12点: midnight, not noon
    return hour, minute


def _context(text: str, position: int, reference: date | None) -> tuple[int | None, int | None, int | None]:
    """(year, month) of the nearest date printed before `position`, else of the reference date, and the month
    a month printed next is compared with for the turn of the year (None after a year printed alone: 2026年度…
    1月3日 is that year's). The dates are read in order from the reference: one printed without its year takes
    the year before it, the next across its turn (_year_near: 12月28日 … 1月3日)."""
    ends, states = _context_marks(text, reference)
    at = bisect_right(ends, position)  # the dates printed whole before `position`
    if at:
        return states[at - 1]
    month = reference.month if reference else None
    return (reference.year if reference else None), month, month


def _on_or_after(folded: str, position: int, reference: date | None, day: int | None) -> tuple[int, int] | None:
    """(year, month) of a day of the month printed with no month and no date printed before it anywhere (齐鲁晚报's
    `检修时间：6日7:00至6日18:30`): the nearest such day on or after the reference (the issue, the fetch day), as a reader
    of that issue reads it; None when a date printed before it gives the month (read as before), or nothing is known.
    It was the reference's month always, so a file ingested on the 20th put its 6日 before the notice itself. A month
    without that day is passed over (30日 in a notice of 1月31日 is 3月30日; review20b: 2月30日 left the window no date)."""
    if reference is None or day is None or reference.day <= day <= monthrange(reference.year, reference.month)[1]:
        return None
    ends, _ = _context_marks(folded, reference)
    if bisect_right(ends, position):
        return None
    following = reference.replace(day=1)
    for _ in range(3):  # a 29th, 30th or 31st is in one of the next three months; a 32nd in none (read as before)
        following = (following + timedelta(days=32)).replace(day=1)
        if day <= monthrange(following.year, following.month)[1]:
            return following.year, following.month
    return None


@lru_cache(maxsize=16)
def _context_marks(text: str, reference: date | None) -> tuple[list[int], list[tuple[int | None, int | None, int | None]]]:
    """Each date printed in `text`, in order: where it ends, and _context's (year, month, turn) after it. Read once a text
    (outages6, after review s13: each window read the dates before it again, so a weekly plan of 1,500 rows took 31-50 s);
    the ends rise with the starts (a year alone, 2026年, ends first where a whole date begins)."""
    year = reference.year if reference else None
    month = turn = reference.month if reference else None
    marks = sorted([(m.start(), m) for m in _FULL_YEAR.finditer(text)] + [(m.start(), m) for m in _CONTEXT_DATE.finditer(text)]
                   + [(m.start("m"), m) for m in (_MONTH_HEADING_FIRST.match(text), *_MONTH_HEADING.finditer(text)) if m],
                   key=lambda pair: pair[0])
    ends: list[int] = []
    states: list[tuple[int | None, int | None, int | None]] = []
    for _, match in marks:
        if match.re is _FULL_YEAR:
            year, turn = int(match["y"]), None
        elif match.re is _MONTH_HEADING or match.re is _MONTH_HEADING_FIRST:
            if year is not None and turn is not None:
                year = _year_near(year, turn, int(match["m"]))
            month = turn = int(match["m"])
        else:
            printed_year, printed_month, _ = _ymd(match)
            if printed_year:
                year = int(printed_year)
            elif year is not None and turn is not None:
                year = _year_near(year, turn, int(printed_month))
            month = turn = int(printed_month)
        ends.append(match.end())
        states.append((year, month, turn))
    return ends, states


@lru_cache(maxsize=16)
def _printed_dates(text: str) -> tuple[list[int], list[re.Match[str]]]:
    """Each date printed in `text` (_CONTEXT_DATE) and where it ends, read once a text."""
    found = list(_CONTEXT_DATE.finditer(text))
    return [m.end() for m in found], found


def _date_before(text: str, position: int) -> re.Match[str] | None:
    """The last date printed whole before `position` (each window without its day read all the text before it again)."""
    ends, found = _printed_dates(text)
    at = bisect_right(ends, position)
    return found[at - 1] if at else None


def _year_near(year: int, month: int, printed_month: int) -> int:
    """The year of a month printed without one, from the year and month before it (the date printed before it,
    else the reference date): that year, except across its turn (a notice of 12月6日 announcing
    1月10日 means next January; one of 1月3日 recalling 12月30日 last December: it was put 11 months away).
    Within 3 months of the turn only: a notice's windows are weeks ahead, not seasons."""
    if printed_month - month <= -9:
        return year + 1
    if printed_month - month >= 9:
        return year - 1
    return year


def _said_day(match: re.Match[str], p: str, reference: date | None, after: date | None = None) -> date | None:
    """The day of a moment said from the notice's day (明天9时, 后天8时, 今晚22时), or None. A weekday (周五晚上10点) is the
    coming one, the notice's day or the start (`after`) included; 下周五 the one of next week."""
    said = match[f"{p}rel"]
    if not said or reference is None:
        return None
    if "周" not in said and "星期" not in said:
        return reference + timedelta(days=_DAYS_AFTER_ISSUE[said[0]])
    base = after or reference
    if said.startswith("下"):
        return reference + timedelta(days=7 - reference.weekday() + _WEEKDAY_NUMBER[said[-1]])
    return base + timedelta(days=(_WEEKDAY_NUMBER[said[-1]] - base.weekday()) % 7)


def _at(year: int | None, month: int | None, day: int | None, hm: tuple[int, int]) -> datetime | None:
    if year is None or month is None or day is None:
        return None
    hour, minute = hm
    try:
        extra = timedelta(days=1) if hour == 24 else timedelta()
        return datetime(year, month, day, 0 if hour == 24 else hour, minute) + extra
    except ValueError:
        return None


_DAY = r"(?:(?:(?P<{p}y>(?:19|20)\d{{2}})\s*年\s*)?(?P<{p}m>\d{{1,2}})\s*月\s*)?(?P<{p}d>\d{{1,2}})\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?"
# Days before a window: "11月26日至27日每天", "5月6日、8日", "1月16日、17日、18日，每日".
# 每 alone at the end: 每晚23:00至次日5:00, whose 晚 the window itself reads as its part of the day.
# 每天分两个时段停电：8:00-10:00，15:00-17:00 and 每天停电时间：… (outages12: the last day alone was read): how each day is cut, said
# between 每天 and its windows.
_EACH_DAY = (r"(?:(?:每天|每日|每晚|每(?=\s*$))(?:\s*(?:分\s*[两二三四五\d]?\s*个?\s*(?:时段|时间段|次)|(?:停电|停水|停气)?(?:时间|时段))"
             r"\s*(?:进行)?\s*(?:停电|停水|停气)?\s*[:：]?)?)")  # one group: `_EACH_DAY?` is optional whole
# How many days, said between the days and the window: 12月8日、9日两天, 12月8日至9日（共两天）, 12月8日至12月10日期间每天.
_SO_MANY_DAYS = r"(?:[（(]\s*共?\s*[两二三四五六七八九十\d]{1,2}\s*天\s*[)）]|共?[两二三四五六七八九十\d]{1,2}天)"
# 自2月15日起至2月17日止，每天…: 起 and 止 around the range as printed; 5月24日-5月26日（每天8:30-17:30）: 每天 in a bracket;
# 2月12日至2月14日，8:00-17:00: no 每天, as 5月6日至8日8:00-17:00 (each day of a range before a clock)
# 2028年9月19-20日每天: the first day's 日 left out after its month
_FIRST_DAY = _DAY.replace(r"\s*[日号]", r"\s*(?:[日号]|(?<=月\d)|(?<=月\d\d))", 1)
# 本周六、周日（4月5日至6日）每天 and 4月5日至6日（周六、周日）每天 (outages6): the range in a bracket, or the weekdays after it
_AFTER_RANGE = r"(?:\s*[（(](?:(?:星期|周)[一二三四五六日天]\s*[、，,和至到—-]?\s*)+[)）]|[)）])?"
_DAY_RANGE = re.compile(_FIRST_DAY.format(p="a") + r"\s*起?\s*(?:至|到|-|—+|~|～)\s*" + _DAY.format(p="b") + _AFTER_RANGE
                        + r"\s*止?[，,\s]*(?:" + _SO_MANY_DAYS + r"[，,\s]*" + _EACH_DAY + r"?|(?:期间|内)?[，,\s（(]*" + _EACH_DAY + r"?)[，,\s]*$")
# "5月6日至8日8:00-17:00": a range of days whose last day opens the window itself: the window repeats on
# each day of the range, as with 每天 (a single span over the nights would be printed 6日8:00至8日17:00).
# 10月31日至11月16日每周二、四9:00-16:00: the days of the range on those weekdays
_WEEKLY = re.compile(_FIRST_DAY.format(p="a") + r"\s*起?\s*(?:至|到|-|—+|~|～)\s*" + _DAY.format(p="b") + r"\s*止?[，,\s]*(?:期间|内)?[，,\s]*"
                     r"每(?:周|星期)(?P<wd>[一二三四五六日天](?:\s*[、和及与,，]\s*(?:周|星期)?[一二三四五六日天])*)[，,\s]*(?:的)?$")
_WEEKDAY_NUMBER = {ch: n for n, ch in enumerate("一二三四五六日")} | {"天": 6}
# A first day and how many days from it (自8月9日起每天…，连续三天; 8月9日起连续3天每晚…): that many days, each day's window
_LASTING = r"(?:连续|共)\s*(?P<n>[两二三四五六七八九十]{1,2}|\d{1,2})\s*天"
_FROM_DAY_EACH = re.compile(r"(?:自|从)?\s*" + _DAY.format(p="a") + r"\s*起\s*[，,]?\s*(?:" + _LASTING + r"\s*[，,]?\s*)?"
                            + r"每(?:天|日|晚)?\s*$")  # 每晚23:00: the window reads 晚
_FOR_DAYS_AFTER = re.compile(r"\s*[，,（(]?\s*" + _LASTING)
_CHINESE_COUNT = {ch: n for n, ch in enumerate("一二三四五六七八九十", 1)} | {"两": 2}


def _count(said: str) -> int:
    """2, 3, 两, 三, 十二, 二十 as a number (0 when it is none of those)."""
    if said.isdigit():
        return int(said)
    if len(said) == 1:
        return _CHINESE_COUNT.get(said, 0)
    tens, ones = said[0], said[1]  # 十二, 二十
    return 10 + _CHINESE_COUNT.get(ones, 0) if tens == "十" else (_CHINESE_COUNT.get(tens, 0) * 10 if ones == "十" else 0)
_DAY_RANGE_INTO_WINDOW = re.compile(_DAY.format(p="a") + r"\s*(?:至|到|-|—+|~|～)\s*$")
_DAY_ITEM = re.compile(_DAY.format(p="i"))
# 7月4日、5日（周二、周三）8:00-17:00: the days' weekdays in one bracket after them
_DAY_LIST_TAIL = re.compile(r"(?:" + _DAY.format(p="x") + r"\s*(?:、|和|及|,|，)\s*)+" + r"(?:" + _DAY.format(p="z") + r")?"
                            + r"(?:\s*[（(](?:(?:星期|周)[一二三四五六日天][、，,]?)+[)）]|[)）])?[，,\s]*"
                            + _SO_MANY_DAYS + r"?[，,\s]*" + _EACH_DAY + r"?[，,\s]*$")


@dataclass
class WindowSpan:
    """Where a printed window is (start/end offsets in the text) and the windows it stands for:
    one, or one a day for a daily window."""

    start: int
    end: int
    windows: list[TimeWindow]


def _days_before(folded: str, match: re.Match[str], year: int | None, month: int | None) -> tuple[list[date], int]:
    """The days a daily window repeats on, read from the dates printed just before it, and where they
    start; ([], start of the window) if none."""
    days, where = _daily(folded, match, year, month)
    return (days, where) if len(days) > 1 else ([], match.start())


def _daily(folded: str, match: re.Match[str], year: int | None, month: int | None) -> tuple[list[date], int]:
    line_start = max(folded.rfind(ch, 0, match.start()) for ch in "\n。；;") + 1
    before = folded[line_start: match.start()]
    # 每周二、周四9:00-12:00: the window begins at its own weekday, the last of the list (outages7: it was that one day alone)
    said = match["srel"] or ""
    weekly = _WEEKLY.search(before + said if re.fullmatch(r"(?:周|星期)[一二三四五六日天]", said) else before) if not match["sd"] else None
    if weekly:
        return _weekly_days(weekly, year, month), line_start + weekly.start()
    started = _FROM_DAY_EACH.search(before) if not match["sd"] else None
    if started:  # 自8月9日起每天夜间23:00至次日5:00，连续三天 (outages7: the first night alone)
        said = started["n"] or ((after := _FOR_DAYS_AFTER.match(folded, match.end())) and after["n"])
        count = _count(said) if said else 0
        try:
            first = date(int(started["ay"]) if started["ay"] else year, int(started["am"]) if started["am"] else month, int(started["ad"]))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return [], 0
        if 2 <= count <= 62:
            return [first + timedelta(days=n) for n in range(count)], line_start + started.start()
    ranged = _DAY_RANGE.search(before)
    if ranged and not match["sd"]:
        y = int(ranged["ay"]) if ranged["ay"] else year
        m = int(ranged["am"]) if ranged["am"] else month
        try:
            first = date(y, m, int(ranged["ad"]))  # type: ignore[arg-type]
            last = date(int(ranged["by"]) if ranged["by"] else y, int(ranged["bm"]) if ranged["bm"] else m, int(ranged["bd"]))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return [], 0
        if first <= last and (last - first).days <= 62:
            return [first + timedelta(days=n) for n in range((last - first).days + 1)], line_start + ranged.start()
        return [], 0
    opened = _DAY_RANGE_INTO_WINDOW.search(before) if match["sd"] else None
    if opened:
        y = int(opened["ay"]) if opened["ay"] else year
        m = int(opened["am"]) if opened["am"] else month
        try:
            first = date(y, m, int(opened["ad"]))  # type: ignore[arg-type]
            last = date(int(match["sy"]) if match["sy"] else y, int(match["sm"]) if match["sm"] else m, int(match["sd"]))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return [], 0
        if first < last and (last - first).days <= 62:
            return [first + timedelta(days=n) for n in range((last - first).days + 1)], line_start + opened.start()
        return [], 0
    listed = _DAY_LIST_TAIL.search(before)
    if not listed:
        return [], 0
    days: list[date] = []
    y, m = year, month
    items = list(_DAY_ITEM.finditer(before, listed.start()))
    for item in items:
        y = int(item["iy"]) if item["iy"] else y
        m = int(item["im"]) if item["im"] else m
        try:
            days.append(date(y, m, int(item["id"])))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return [], 0
    if match["sd"]:
        try:
            days.append(date(int(match["sy"]) if match["sy"] else y, int(match["sm"]) if match["sm"] else m, int(match["sd"])))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return [], 0
    return days, line_start + listed.start()


def _weekly_days(weekly: re.Match[str], year: int | None, month: int | None) -> list[date]:
    """The days of `10月31日至11月16日每周二、四` on those weekdays (none when the range is not one of up to 62 days)."""
    y = int(weekly["ay"]) if weekly["ay"] else year
    m = int(weekly["am"]) if weekly["am"] else month
    try:
        first = date(y, m, int(weekly["ad"]))  # type: ignore[arg-type]
        last = date(int(weekly["by"]) if weekly["by"] else first.year, int(weekly["bm"]) if weekly["bm"] else first.month, int(weekly["bd"]))
    except (TypeError, ValueError):
        return []
    if last < first and not weekly["by"]:
        last = last.replace(year=last.year + 1)  # 12月20日至1月10日
    weekdays = {_WEEKDAY_NUMBER[ch] for ch in re.findall(r"[一二三四五六日天]", weekly["wd"])}
    span = (last - first).days
    return [first + timedelta(days=n) for n in range(span + 1) if (first + timedelta(days=n)).weekday() in weekdays] if 0 < span <= 62 else []


# 今天(10月6日)晚10时: the day word said with its date in brackets is that date (晚 kept for the clock)
# 星期六（2月10日）晚上9时至翌日（2月11日）早上5时 too
#: A day, a bracket saying what happens in case (遇雨顺延至5月21日, 如遇恶劣天气顺延), then the day's hours.
_IN_CASE_BETWEEN = re.compile(
    r"(?P<day>(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?)"
    r"\s*(?P<clause>[（(](?:如|若)?遇[^（()）\n]{0,12}?(?:顺延|延期|推迟)[^（()）\n]{0,12}[)）])"
    r"\s*(?P<clock>\d{1,2}\s*[:：]\s*\d{2}\s*(?:-|—+|–|~|～|至|到)\s*(?:次日\s*)?\d{1,2}\s*[:：]\s*\d{2})")
_SAID_DAY_WITH_DATE = re.compile(r"(?:今天|今日|明天|明日|后天|翌日|次日|(?:星期|周)[一二三四五六日天])\s*[（(](?P<date>(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号])[)）]")


#: The day of the date printed before, said again with a part of it and no clock (1月9日上午，金湖路停水；当天下午，莲前西路停水:
#: outages12, the afternoon was read as no window).
_SAME_DAY_PART = re.compile(r"(?:当天|当日|同日|同一天)(?=\s*(?:上午|下午|全天|白天|晚上|夜间)(?!\s*\d))")  # a clock after: its own rules
_PRINTED_DAY = re.compile(r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]")


def same_day_with_date(text: str) -> str:
    """当天下午 after 1月9日上午 → 1月9日下午: the day said again is the date printed last before it (one sentence or the next)."""
    if not any(word in text for word in ("当天", "当日", "同日", "同一天", "當天", "當日")):
        return text  # (most notices: no fold)
    folded = fold(text)
    if not _SAME_DAY_PART.search(folded):
        return text
    out, done = [], 0
    for match in _SAME_DAY_PART.finditer(folded):
        dates = list(_PRINTED_DAY.finditer(folded, max(0, match.start() - 200), match.start()))
        if dates:
            out += [text[done:match.start()], text[dates[-1].start():dates[-1].end()]]
            done = match.end()
    return "".join(out) + text[done:]


def said_days_with_dates(text: str) -> str:
    """今天(10月6日)晚10时至明天(10月7日)晚8时 → 10月6日晚10时至10月7日晚8时: the printed date is the day, the word its echo;
    2030年5月20日（遇雨顺延至5月21日）7:00-19:00 → 2030年5月20日7:00-19:00（遇雨顺延至5月21日): the clause in case, printed
    between the day and its hours, read after them (as 如遇雨天顺延 is: _POSTPONED)."""
    text = _SAID_DAY_WITH_DATE.sub(lambda m: m["date"], text)
    if "延" not in text:
        return text
    return _IN_CASE_BETWEEN.sub(lambda m: m["day"] + m["clock"] + m["clause"], text)


def find_window_spans(text: str, reference: date | None = None) -> list[WindowSpan]:
    """Every printed window of `text` in order, with where it is printed and, for a daily window,
    one TimeWindow per day. `reference` supplies a missing year/month/day."""
    folded = _numeric_dates(fold(text))
    spans = _clock_spans(text, folded, reference)
    spans += _open_spans(text, folded, reference, spans)
    spans += _part_of_day_spans(text, folded, reference, spans)
    spans.sort(key=lambda span: span.start)
    spans = _nights_back(folded, spans)
    spans = sorted(spans + _hours_as_above(text, folded, spans, reference), key=lambda span: span.start)
    for span in spans:
        span.windows += _postponed(text, folded, span, reference) + _same_hours(text, folded, span, reference)
    return spans


# 二、8月20日，翔安区窗东村停电，停电时间同上: a day whose hours are the window's printed before it
_AS_ABOVE = re.compile(r"(?:停电|停水|停气)?(?:时间|时段)\s*(?:同上|与上同|同前)")


def _hours_as_above(text: str, folded: str, spans: list[WindowSpan], reference: date | None) -> list[WindowSpan]:
    found: list[WindowSpan] = []
    for said in _AS_ABOVE.finditer(folded):
        sentence = max(folded.rfind(ch, 0, said.start()) for ch in "\n。；;") + 1
        day = next((m for m in _CONTEXT_DATE.finditer(folded, sentence, said.start()) if m["d"]), None)
        before = [span for span in spans if span.end <= sentence and span.windows and span.windows[0].start and span.windows[0].end]
        if day is None or not before or any(span.start < said.end() and sentence < span.end for span in spans):
            continue
        window = before[-1].windows[0]
        on = _resolve_day(day, folded, reference)
        if on is None:
            continue
        shift = datetime.combine(on, window.start.time()) - window.start  # type: ignore[operator, union-attr]
        found.append(WindowSpan(day.start(), day.end(), [TimeWindow(start=window.start + shift, end=window.end + shift,  # type: ignore[operator]
                                                                    text=text[day.start():day.end()])]))
    return found


# 2月27日8:00至2月29日18:00（其中每天18:00至次日8:00恢复供电）: the supply is back each night, so the cut is each day's daytime
_BACK_WITHIN = re.compile(r"其中\s*(?:每天|每日|每晚|夜间)?\s*$")
_BACK_AFTER = re.compile(r"\s*(?:恢复|正常)\s*(?:供电|供水|供气|送电|通水|通气)")


def _nights_back(folded: str, spans: list[WindowSpan]) -> list[WindowSpan]:
    """A window over several days whose nights are said back (其中每天18:00至次日8:00恢复供电) is one window a day; the
    nights' window is no cut."""
    kept: list[WindowSpan] = []
    for span in spans:
        back = span.windows[0] if len(span.windows) == 1 else None
        if (kept and back is not None and back.start is not None and back.end is not None and back.end.date() > back.start.date()
                and _BACK_WITHIN.search(folded[max(0, span.start - 12): span.start].rstrip()) and _BACK_AFTER.match(folded, span.end)):
            kept[-1].windows = [piece for window in kept[-1].windows for piece in _daytimes(window, back.start.time(), back.end.time())]
            continue
        kept.append(span)
    return kept


def _daytimes(window: TimeWindow, back_from: time, back_until: time) -> list[TimeWindow]:
    """Each day's part of `window` outside the nights from `back_from` to `back_until` the next morning."""
    if window.start is None or window.end is None:
        return [window]
    pieces: list[TimeWindow] = []
    day = window.start.date()
    while day <= window.end.date():
        start, end = max(window.start, datetime.combine(day, back_until)), min(window.end, datetime.combine(day, back_from))
        if start < end:
            pieces.append(window.model_copy(update={"start": start, "end": end}))
        day += timedelta(days=1)
    return pieces or [window]


_NUMERIC_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?P<after>[ \tT\u3000]|(?!\d))")
_SECONDS = re.compile(r"(?<=\d:\d\d):\d\d(?!\d)")


def _numeric_dates(folded: str) -> str:
    """2026-12-08 08:30:00, 2026.12.8 8:30, 2026/12/08T08:30 (the 95598 system's and tables' dates) as 年月日, and the seconds
    dropped, keeping every offset: the space or T after the date becomes 日, else a leading zero of the month or day
    is dropped for it (2026-12-08 → 2026年12月8日); a date with neither stays as printed."""
    def rewrite(match: re.Match[str]) -> str:
        y, m, d, after = match["y"], match["m"], match["d"], match["after"]
        if after:
            return f"{y}年{m}月{d}日"
        if len(d) == 2 and d.startswith("0"):
            return f"{y}年{m}月{d[1]}日"
        if len(m) == 2 and m.startswith("0"):
            return f"{y}年{m[1]}月{d}日"
        return match.group(0)

    dated = _NUMERIC_DATE.sub(rewrite, folded)
    return _DOT_TIMES.sub(lambda m: m.group(0).replace(".", ":"), _SECONDS.sub(lambda m: " " * len(m.group(0)), dated))


# 12月8日8.30-17.30: times with a dot, right after a date or a part of the day (never 停电日期：12.08-12.10, a range of days).
_DOT_TIMES = re.compile(r"(?<=[日号)）午晨上间\s])(?:[01]?\d|2[0-4])\.[0-5]\d\s*(?:—+|-+|–|~|～|至|到)\s*(?:[01]?\d|2[0-4])\.[0-5]\d(?!\d)")


def _resolve_day(match: re.Match[str], folded: str, reference: date | None) -> date | None:
    """The day of a date printed as `y年m月d日` with parts missing (groups y, m, d), read as a window's date is."""
    year, month, turn = _context(folded, match.start(), reference)
    month = int(match["m"]) if match["m"] else month
    ahead = None if match["m"] else _on_or_after(folded, match.start(), reference, int(match["d"]))
    if ahead is not None:
        year, month, turn = ahead[0], ahead[1], None  # the year is the day's own (12月20日's 6日 is January's)
    if match["y"]:
        year = int(match["y"])
    elif year is not None and turn is not None and month is not None:
        year = _year_near(year, turn, month)
    try:
        return date(year, month, int(match["d"]))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# A part of the day printed without a clock (2026年12月9日上午，金山路停电; 12月10日全天): the hours it stands
# for, and whether it runs into the next morning (夜间). Never before a verb of reporting (12月6日上午从供电公司获悉).
_PARTS_OF_DAY: dict[str, tuple[int, int, bool]] = {
    "全天": (0, 24, False), "全日": (0, 24, False), "整天": (0, 24, False), "上午": (8, 12, False), "下午": (12, 18, False),
    "白天": (8, 18, False), "晚上": (18, 24, False), "夜间": (22, 6, True),
}
_PART_OF_DAY_RE = re.compile(
    # 12月8日至12月9日全天: each day of the range; 12月8日、9日上午: each day of the list
    r"(?:(?:(?P<ay>(?:19|20)\d{2})\s*年\s*)?(?:(?P<am>\d{1,2})\s*月\s*)?(?P<ad>\d{1,2})\s*[日号]\s*(?:至|到|-|—+|~|～)\s*"
    r"|(?P<lst>(?:(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]\s*(?:、|和|及)\s*)+))?"
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]\s*"
    r"(?:[（(](?:星期|周)[一二三四五六日天][)）]\s*)?(?:[（(]暂定[)）]\s*)?(?:每天|每日)?"
    r"(?P<part>" + "|".join(_PARTS_OF_DAY) + r")(?![\s（(]*(?:\d|从|获悉|接到|召开|发布|了解|举行))"
)
# A day called off with no time printed (原定于12月8日对镇海路的停电取消): the whole day.
# 因故取消12月20日10kV洪前线停电计划: 取消 before the day too (a line's voltage after it is no clock)
_CALLED_OFF_DAY_RE = re.compile(
    r"(?:原定|原计划|取消)(?:于|在)?\s*(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]"
    r"(?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?(?P<part>)"
    r"(?![\s（(]*(?:\d(?!\d*\s*(?:kv|千伏))|上午|下午|全天|全日|整天|白天|晚上|夜间|凌晨|早上|中午|至|到|-|—|~|～))"
)


# A day printed as the outage's time with no clock (停电时间：2026年12月9日; 定于2026年12月9日对金湖路停止供电，具体时间另行通知):
# the utility cuts that day at hours it has not said, so the day is cut whole (asked "is my street cut on the 9th", yes; the
# answer shows the day as printed). A clock printed for that day elsewhere (停电日期：12月9日 / 停电时间：8:00-17:00) wins.
_DAY_WITHOUT_CLOCK_RE = re.compile(
    r"(?:(?P<label>停电|停水|停气|断电|施工|检修)(?:时间|日期)\s*[:：]|(?<!原)(?:定于|计划于|拟于))\s*"  # 原定于: a day called off
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]"
    r"(?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?(?P<part>)"
    r"(?![\s（(]*(?:\d|上午|下午|全天|全日|整天|白天|晚上|夜间|凌晨|早上|中午|至|到|-|—|~|～|、|和|及|起|前|后|以前|之前|以后))"
    # what stops that day, in the day's own clause (定于12月9日对金湖路停止供电); a later clause's 停电 is another
    # matter (计划于12月20日完成改造，改造后将减少停电; 此前定于12月3日的检修已完成，未造成停电)
    r"(?=[^。；;\n，,]{0,60}?(?<![不未无少])(?:停电|停水|停气|断电|(?:暂停|停止|中断)(?:供电|供水|供气))|\s*(?:$|[\n。；;，,]))"
)
# a notice that stops something (施工时间：12月15日 of road works whose notice says 不停水不停电 or nothing stops: no outage)
_STOPS = re.compile(r"(?<![不未无少])(?:停电|停水|停气|断电|(?:暂停|停止|中断)(?:供电|供水|供气))")


# 因天气原因，3月22日翔安区内厝镇黄厝村的停电取消: a day whose clause calls its outage off, no time printed (the whole day)
_DAY_THEN_CALLED_OFF_RE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?(?P<part>)"
    # …通知（7月8日镇邦社区停水）取消; …后亭村的停电，8月4日停电取消 (outages8): no place in the day's clause, the sentence's before
    r"(?=[^。；;\n，,\d]{0,40}?的?(?:停电|停水|停气)(?:计划|检修|工作)*[)）]?(?:取消|不再进行)"
    # 5月9日李厝村、东辉村的停电，其中东辉村停电取消 (outages6): the day's outage, then the part of it called off
    r"|[^。；;\n，,\d]{2,40}?的(?:停电|停水|停气)(?:计划|检修|工作)*[，,]\s*其中[^。；;\n，,\d]{2,30}?(?:取消|不再))"
)


# 停电日期由2月26日更正为2月27日，停电时间、范围不变: a day moved with no time printed, each day whole (the day it moves from is
# called off, the one it moves to is a cut: outage_changes.standing); the lookup gives the second the first's places. Also
# without 日期由 (outages5): 2月26日停电改在2月27日 (the day opening its clause), 原定2月26日的停电推迟至2月28日进行 (原定: the
# called-off day _CALLED_OFF_DAY_RE reads).
_NO_CLOCK_AFTER = r"(?![\s（(]*(?:\d|上午|下午|全天|全日|整天|白天|晚上|夜间|凌晨|早上|中午|同一|相同|原|至|到|-|—|~|～))"
_CHANGE_WORD = r"(?:更正|调整|变更|修改|改|推迟|延期|顺延|推后|延后)(?:为|至|到|在)"
#: Between the day moved from and the change's word: 的停电, 停水计划 … (no place, no other word).
_MOVE_GLUE = re.compile(r"\s*的?(?:停电|停水|停气)?(?:计划|检修|工作|施工|作业)*\s*(?:因[^，,。；;\n\d]{1,8}?)?\s*")  # 因故: a reason
#: After 原定D1 the places of its outage too, before the outage word (原定3月18日东屿社区的停气改到3月20日; outages6).
_MOVE_GLUE_AFTER_ORIGINAL = re.compile(r"[^，,。；;\n\d]{0,30}?的?(?:停电|停水|停气)(?:计划|检修|工作|施工|作业)*\s*"
                                       r"(?:因[^，,。；;\n\d]{1,8}?)?\s*|" + _MOVE_GLUE.pattern)
_DAY_CHANGED_FROM_RE = re.compile(
    r"(?:(?<=日期由)|(?<=[，,：:\n中]))\s*(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]"
    r"(?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?(?P<part>)"
    rf"(?=\s*的?(?:停电|停水|停气)?(?:计划|检修|工作|施工|作业)*\s*{_CHANGE_WORD})")
_DAY_CHANGED_TO_RE = re.compile(
    rf"{_CHANGE_WORD}\s*(?:(?P<y>(?:19|20)\d{{2}})\s*年\s*)?(?:(?P<m>\d{{1,2}})\s*月\s*)?"
    r"(?P<d>\d{1,2})\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?(?P<part>)" + _NO_CLOCK_AFTER)
#: Places, then their outage word, right before the day moved to (湖里区高林社区停电改在2月27日): the places' windows of the notices
#: before it move (outage_changes.places_before gives the window those places; the lookup calls off their earlier windows).
_PLACE_THEN_OUTAGE = re.compile(r"(?:^|[，,：:\n])[^，,。；;\n:：\d]{2,30}?[^\d日号](?:停电|停水|停气)(?:时间|日期|工作|计划)?\s*$")
#: The notice a change moves named by its day right before the day moved to (本公司12月10日发布的翔安区内厝镇官路村停电通知，因天气
#:原因延期至12月28日实施, outages10: no window was read, so the old day stayed cut and the new one was not): the places it names,
#: or the issuer's notice of that day, move (outage_changes.places_before; gongkai.outages).
_NOTICE_NAMED_THEN = re.compile(r"(?:发布|刊登|刊发|公布|发出)的[^。；;\n]{0,40}?(?:停电|停水|停气)(?:检修)?(?:通知|公告|通告|信息)[”」』]?"
                                r"\s*[，,]?\s*(?:现|已)?\s*(?:因[^，,。；;\n\d]{1,10}?[，,]?)?\s*(?:现|将|拟)?\s*$")
#: A change's word: no notice without one reads the patterns above.
_MOVE_HINT = re.compile(_CHANGE_WORD)


def _days_moved(folded: str, called_off: list[re.Match[str]]) -> list[re.Match[str]]:
    """A day moved with no time printed: the day it moves from (after 日期由 or opening its clause; one 原定 prints is
    among `called_off` already) and the day it moves to, each only with the other right beside it."""
    if not _MOVE_HINT.search(folded):
        return []
    froms = [*_DAY_CHANGED_FROM_RE.finditer(folded)]
    tos = [to for to in _DAY_CHANGED_TO_RE.finditer(folded)
           if any(_MOVE_GLUE.fullmatch(folded, one.end(), to.start()) for one in froms)
           or any(_MOVE_GLUE_AFTER_ORIGINAL.fullmatch(folded, one.end(), to.start()) for one in called_off)
           or _PLACE_THEN_OUTAGE.search(folded, max(0, to.start() - 40), to.start())
           or _NOTICE_NAMED_THEN.search(folded, max(0, to.start() - 80), to.start())]
    return [one for one in froms if any(_MOVE_GLUE.fullmatch(folded, one.end(), to.start()) for to in tos)] + tos


def _part_of_day_spans(text: str, folded: str, reference: date | None, clock: list[WindowSpan]) -> list[WindowSpan]:
    """Windows printed as a day and a part of it, no clock. A day that also prints a clock window keeps that one only
    (a title's 12月9日上午 over the body's 12月9日8:00-12:00)."""
    clock_days = {w.start.date() for span in clock for w in span.windows if w.start}
    unclocked: set[date] = set()  # days read by _DAY_WITHOUT_CLOCK_RE
    spans: list[WindowSpan] = []
    called_off = [*_CALLED_OFF_DAY_RE.finditer(folded)]
    matches = sorted([*_PART_OF_DAY_RE.finditer(folded), *called_off, *_DAY_THEN_CALLED_OFF_RE.finditer(folded),
                      *_days_moved(folded, called_off), *_DAY_WITHOUT_CLOCK_RE.finditer(folded)], key=lambda m: m.start())
    for match in matches:
        if any(span.start < match.end() and match.start() < span.end for span in (*clock, *spans)):
            continue  # 上午9时至下午5时: a clock window already; 原定7月25日 read, its 7月25日 again by another rule (outages6)
        if match.re is _PART_OF_DAY_RE and not _said_of_an_outage(folded, match):
            continue
        if _house_number(folded, match):
            continue  # 兴隆路1号至30号的停电取消: the street's houses, not a day called off
        day = _resolve_day(match, folded, reference)
        if day is None or day in clock_days:
            continue
        if match.re is _DAY_WITHOUT_CLOCK_RE:
            if match["label"] in ("施工", "检修") and not _STOPS.search(folded):
                continue  # works' day in a notice where nothing stops
            if day in unclocked:
                continue  # 定于12月9日…停电 and 停电时间：12月9日 in one notice: one window
            unclocked.add(day)
        days = [day]
        if match.re is _PART_OF_DAY_RE and match["ad"]:
            first_day = _first_of_range(match, day)
            days = [first_day + timedelta(days=n) for n in range((day - first_day).days + 1)] if first_day else days
        elif match.re is _PART_OF_DAY_RE and match["lst"]:
            days = _listed_days(match["lst"], day) + days
        first, last, overnight = _PARTS_OF_DAY.get(match["part"], (0, 24, False))
        windows = [TimeWindow(start=datetime.combine(one, datetime.min.time()) + timedelta(hours=first),
                              end=datetime.combine(one, datetime.min.time()) + timedelta(hours=last, days=1 if overnight else 0),
                              text=text[match.start():match.end()]) for one in days]
        spans.append(WindowSpan(match.start(), match.end(), windows))
    return spans


#: Before a number printed with 号 and no month: a place's last character (兴隆路30号, 湖滨一里6号, 五缘湾1号: gongkai.place_ends), or one and a house number
#: opening a range (兴隆路1号至30号): the number is a house's, not a day's (nodes6: 兴隆路1号至30号的停电取消 read as the 30th)
_HOUSE_BEFORE = re.compile(rf"[{HOUSE_NUMBER_AFTER}]\s*(?:\d{{1,4}}\s*号?\s*(?:至|到|-|—+|~|～)\s*)?$")


def _house_number(folded: str, match: re.Match[str]) -> bool:
    """Whether the day `match` read is a house number: printed with 号, no month before it, after a place (_HOUSE_BEFORE)."""
    groups = match.groupdict()
    if groups.get("d") is None or groups.get("m") is not None:
        return False
    after = folded[match.end("d"): match.end("d") + 3].lstrip()
    if re.match(r"号\s*[楼栋幢座]", after):
        return True  # 1号楼至12号楼的停电取消: a building's number is no day (alerts6: read as the 12th, the estate unnamed)
    return after.startswith("号") and _HOUSE_BEFORE.search(folded, max(0, match.start("d") - 16), match.start("d")) is not None


_OUTAGE_WORD = re.compile(r"停电|停水|停气|断电|(?:暂停|停止|中断)(?:供电|供水|供气)|降压|检修|施工")


def _said_of_an_outage(folded: str, match: re.Match[str]) -> bool:
    """A day and a part of it is a window under a time label (停电时间：12月9日上午) or in a sentence saying what stops
    (2026年12月9日上午，金山路停电); not in a story's opening (12月6日上午，国网厦门供电公司发布通知：…)."""
    line_start = folded.rfind("\n", 0, match.start()) + 1
    ends = [i for i in (folded.find(ch, match.end()) for ch in "\n。；;：:") if i >= 0]
    sentence = folded[match.end(): min(ends, default=len(folded))]
    # …or a schedule's item, the day and its part as the label of its places (12月19日（周六）全天：海沧区马青路…)
    labelled = re.match(r"\s*[:：]\s*\S", folded[match.end():]) is not None and line_start == max(
        folded.rfind(ch, 0, match.start()) for ch in "\n。；;") + 1 and not folded[line_start:match.start()].strip()
    # …or under a label naming what stops (计划停电：9月10日（周六）全天，东蔡社区, outages8)
    before = folded[line_start:match.start()]
    # …or a schedule's row opening its line, its places after a space, under a heading naming what stops (2034年12月份计划停电安排 /
    # 18日 全天 闽侯县南屿镇南井村, outages9: the rows with a clock were read, the whole day's not), or its cells one a line (an HTML
    # table flattened: 6月4日（周五） / 全天 / 寨上社区, outages13)
    return bool(re.search(r"时间|日期|时段|(?:停电|停水|停气)[^:：\n]{0,4}[:：]\s*$", before) or _OUTAGE_WORD.search(sentence) or labelled
                or (not before.strip() and re.match(r"[ \t]+[^\s\d]|[ \t]*\n[ \t]*[^\s\d]", folded[match.end():])
                    and _OUTAGE_WORD.search(folded, 0, line_start)))


def _listed_days(listed: str, last: date) -> list[date]:
    """The days of `12月8日、9日` before a part of the day, read in the year and month of the day after them."""
    days = []
    for item in _DAY_ITEM.finditer(listed):
        try:
            days.append(date(int(item["iy"]) if item["iy"] else last.year, int(item["im"]) if item["im"] else last.month, int(item["id"])))
        except ValueError:
            continue
    return [day for day in days if timedelta(0) < last - day <= timedelta(days=62)]


def _first_of_range(match: re.Match[str], last: date) -> date | None:
    """The first day of `12月8日至12月9日全天`, from the last one's year and month; None unless within 62 days before it."""
    try:
        first = date(int(match["ay"]) if match["ay"] else last.year, int(match["am"]) if match["am"] else last.month, int(match["ad"]))
    except ValueError:
        return None
    return first if timedelta(0) < last - first <= timedelta(days=62) else None


# "如遇雨天顺延至12月13日": the same hours on the later day, in case. Said of the windows of its own sentence only.
# "若当天下雨，则顺延一天" / "如遇雨天顺延至次日": the next day (or the days said), in case.
_POSTPONED = re.compile(
    r"[^。；;\n]{0,40}?(?P<clause>(?:如遇|若遇|遇有|遇|若|如果|如)[^。；;\n]{0,20}?(?:顺延|延期|推迟)(?:(?:至|到)\s*"
    r"(?:(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]|(?P<next>次日|第二天|翌日))"
    r"|\s*(?P<n>一|二|两|三|[1-3])\s*(?:天|日)"
    # （遇雨顺延）, 如遇雨天顺延。: 顺延 alone is to the next day (延期/推迟 alone say no day: 另行通知)
    r"|(?<=顺延)(?P<bare>)(?=\s*(?:[)）。；;，,\n]|$))))"
)

# 7月1日8:00至17:00，7月2日同一时段; …停水（7月14日同）: the same hours on the day printed
_SAME_HOURS = re.compile(
    r"[^。；;\n]{0,40}?(?:^|[（(，,、；;\s])(?P<clause>(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]"
    r"\s*(?:同一时段|同一时间|同时段|亦同|同)(?![\u4e00-\u9fff]))"
)


def _same_hours(text: str, folded: str, span: WindowSpan, reference: date | None) -> list[TimeWindow]:
    match = _SAME_HOURS.match(folded, span.end)
    if not match or len(span.windows) != 1 or span.windows[0].start is None or span.windows[0].end is None:
        return []
    window = span.windows[0]
    day = _resolve_day(match, folded, reference)
    if day is None or day == window.start.date():  # type: ignore[union-attr]
        return []
    shift = datetime.combine(day, window.start.time()) - window.start  # type: ignore[operator, union-attr]
    return [TimeWindow(start=window.start + shift, end=window.end + shift, text=text[match.start("clause"):match.end("clause")])]  # type: ignore[operator]


_DAYS_SAID = {"一": 1, "二": 2, "两": 2, "三": 3, "1": 1, "2": 2, "3": 3}


def _postponed(text: str, folded: str, span: WindowSpan, reference: date | None) -> list[TimeWindow]:
    match = _POSTPONED.match(folded, span.end)
    if not match or len(span.windows) != 1 or span.windows[0].start is None or span.windows[0].end is None:
        return []
    window = span.windows[0]
    later = 1 if match["next"] or match["bare"] is not None else _DAYS_SAID.get(match["n"] or "", 0)
    day = window.start.date() + timedelta(days=later) if later else _resolve_day(match, folded, reference)  # type: ignore[union-attr]
    if day is None or day <= window.start.date():  # type: ignore[union-attr]
        return []
    shift = datetime.combine(day, window.start.time()) - window.start  # type: ignore[operator, union-attr]
    return [TimeWindow(start=window.start + shift, end=window.end + shift, text=text[match.start("clause"):match.end()])]  # type: ignore[operator]


# A start with no end printed (2026年12月8日8:30起; 8:30至当日工作结束; 自…8:00起…恢复时间另行通知): the rest of that day.
OPEN_WINDOW_RE = re.compile(
    _moment("s") + r"\s*(?:起(?!止)|开始(?!时间)|(?:至|到)\s*(?:当日|当天)?(?:工作|工程|施工|检修|作业|抢修)?(?:结束|完成|完工)(?:为止|止)?)"
)
# A start whose end is not known, said in the end's place (14:30—恢复时间另行通知) or under its own label below (预计恢复时间：待定;
# outages9: no window was read). Looked for only in a notice printing such words (_UNKNOWN_END_HINT): one regex less for the rest.
_UNKNOWN_END_WORDS = ("另行通知", "待定", "未定", "另行告知", "视抢修情况而定")
OPEN_UNKNOWN_END_RE = re.compile(
    _moment("s") + r"(?:\s*(?:—+|-|~|～|至|到)\s*(?:恢复|送电|复电|来电|来水|复水|复气|供水|供电|供气)?(?:时间)?\s*"
    r"|[ \t]*[\n；;，,][ \t]*(?:预计)?(?:恢复|送电|复电|来电|来水|复水|复气|结束)[^\n:：]{0,6}[:：][ \t]*)"
    r"(?:另行通知|待定|未定|另行告知|视抢修情况而定)"
)


# The end of a start with no end printed, said after it in its sentence: 预计停气8小时, 预计持续至当日18:00.
_HOURS_SAID = re.compile(r"[^。；;\n]{0,16}?(?:预计|约|计划|为期|共计|历时)(?:停电|停水|停气|持续|历时)?(?:约)?\s*(?P<h>\d{1,2})\s*(?:个)?小时")  # 22:00起进行为期36小时的停气
_LASTING_UNTIL = re.compile(r"[^。；;\n]{0,16}?(?:持续|延续|停电|停水|停气)(?:至|到)\s*(?:当日|当天)?\s*(?P<h>\d{1,2}):(?P<mi>\d{2})")


#: 10:30起…临时停电，预计14:00恢复供电 (outages13: a repair's window ran to the end of the day): when the power comes back.
#: The day and part of it said before the hour (outages17: 预计8月4日凌晨2时恢复供水, 预计次日6时: the window ended at midnight).
_BACK_DAY = (r"(?:(?:(?P<bm>\d{1,2})\s*月\s*)?(?P<bd>\d{1,2})\s*[日号]|(?P<next>次日|翌日|明日|明天|第二天)|当日|当天)?\s*"
             r"(?P<part>凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜间)?\s*")
_BACK_AT = re.compile(r"[^。；;\n]{0,60}?(?:预计|计划|将|可)(?:于|在)?\s*" + _BACK_DAY + r"(?P<h>\d{1,2})\s*(?:[:：]\s*(?P<mi>\d{2})|[时点](?:\s*(?P<mi2>\d{1,2})\s*分)?)"
                      r"(?:左右|前|之前)?(?:恢复|送电|复电|来电|复水|复气)")


# A burst main's or a fault's moment printed with no 起 (今日（8月11日）10时许，…供水管道突发爆管…将停水，预计20:00恢复供水;
# outages14: no window was read): the supply stops then, until the hour its return is said in the same paragraph (across its
# sentences), else to the end of the day. Only where the words of an incident follow the moment in its paragraph.
_INCIDENT = r"爆管|爆裂|破裂|故障|突发|跳闸|漏水|漏气|泄漏|抢修"
INCIDENT_START_RE = re.compile(_moment("s") + rf"(?=\s*[，,][^\n]{{0,80}}?(?:{_INCIDENT}))")
#: (outages17: and in the lines below the places, up to two: 预计8月4日凌晨2时恢复供水 printed after the list of streets)
_BACK_IN_PARAGRAPH = re.compile(
    r"(?:[^\n]{0,160}\n){0,2}?[^\n]{0,160}?(?:预计|计划|将|可|已)(?:于|在)?\s*" + _BACK_DAY
    + r"(?P<h>\d{1,2})\s*(?:[:：]\s*(?P<mi>\d{2})|[时点](?:\s*(?P<mi2>\d{1,2})\s*分)?)"
    r"(?:左右|前|之前)?(?:逐步|陆续)?(?:恢复|送电|复电|来电|复水|复气)"
)
#: (outages17) the return under its own label in the lines below: 预计恢复供水时间：10月18日8:00 (the window ran to midnight)
_BACK_LABELLED = re.compile(
    r"(?:[^\n]{0,160}\n){0,3}?(?:[^\n]{0,160}?[，,；;])?[ \t]*(?:预计)?(?:恢复(?:供水|供电|供气|通水|送电)?|送电|复电|来电|来水|复水|复气)"
    r"(?:时间)?[ \t]*[:：][ \t]*" + _BACK_DAY + r"(?P<h>\d{1,2})\s*(?:[:：]\s*(?P<mi>\d{2})|[时点](?:\s*(?P<mi2>\d{1,2})\s*分)?)"
)
_AFTERNOON = ("下午", "傍晚", "晚上", "夜间")


def _back_end(back: re.Match[str] | None, start: datetime) -> datetime | None:
    """When the supply comes back as said (预计14:00恢复, 预计8月4日凌晨2时恢复, 预计次日6时恢复), after `start`; None else."""
    if back is None:
        return None
    hour, minute = int(back["h"]), int(back["mi"] or back["mi2"] or 0)
    hour += 12 if back["part"] in _AFTERNOON and hour < 12 else 0
    if hour >= 24 or minute >= 60:
        return None
    day = start.date()
    if back["next"]:
        day += timedelta(days=1)
    elif back["bd"]:
        month = int(back["bm"]) if back["bm"] else day.month
        year = day.year + (1 if month < day.month else 0)  # 12月31日22:00起…预计1月1日恢复
        try:
            day = date(year, month, int(back["bd"]))
        except ValueError:
            return None
        if not day - start.date() <= timedelta(days=3):  # a return said within the next days, not another day printed
            return None
    end = datetime.combine(day, time(hour, minute))
    if end <= start and back["part"] == "凌晨" and not back["bd"] and not back["next"]:
        end += timedelta(days=1)  # 22:00起…预计凌晨2时恢复: the night after
    return end if end > start else None


def _incident_end(folded: str, after: int, start: datetime) -> datetime | None:
    return _back_end(_BACK_IN_PARAGRAPH.match(folded, after), start) or _back_end(_BACK_LABELLED.match(folded, after), start)


def _said_end(folded: str, after: int, start: datetime) -> datetime | None:
    if (end := _back_end(_BACK_AT.match(folded, after), start)) is not None:
        return end
    hours = _HOURS_SAID.match(folded, after)
    if hours and 0 < int(hours["h"]) <= 72:
        return start + timedelta(hours=int(hours["h"]))
    until = _LASTING_UNTIL.match(folded, after)
    if until and int(until["h"]) < 24 and int(until["mi"]) < 60:
        end = datetime.combine(start.date(), time(int(until["h"]), int(until["mi"])))
        return end if end > start else None
    return None


def _open_spans(text: str, folded: str, reference: date | None, taken: list[WindowSpan]) -> list[WindowSpan]:
    spans: list[WindowSpan] = []
    unknown_end = any(word in folded for word in _UNKNOWN_END_WORDS)
    incident = re.search(_INCIDENT, folded) is not None
    for match in [*OPEN_WINDOW_RE.finditer(folded), *(OPEN_UNKNOWN_END_RE.finditer(folded) if unknown_end else ()),
                  *(INCIDENT_START_RE.finditer(folded) if incident else ())]:
        if any(span.start < match.end() and match.start() < span.end for span in (*taken, *spans)):
            continue
        if not (match["smi"] or "时" in match.group(0) or "点" in match.group(0)):
            continue
        year, month, turn = _context(folded, match.start(), reference)
        sm = int(match["sm"]) if match["sm"] else month
        sy = int(match["sy"]) if match["sy"] else year
        if not match["sy"] and sy is not None and turn is not None and sm is not None:
            sy = _year_near(sy, turn, sm)
        previous = list(_CONTEXT_DATE.finditer(folded[: match.start()]))
        sd = int(match["sd"]) if match["sd"] else int(_ymd(previous[-1])[2]) if previous else (reference.day if reference else None)
        ahead = None if match["sm"] else _on_or_after(folded, match.start(), reference, sd)
        sy, sm = ahead if ahead else (sy, sm)
        said = None if match["sd"] else _said_day(match, "s", reference)
        if said is not None:
            sy, sm, sd = said.year, said.month, said.day
        start = _at(sy, sm, sd, _hour(match, "s"))
        if start is None:
            continue
        end = ((_incident_end(folded, match.end(), start) if match.re is INCIDENT_START_RE else None) or _said_end(folded, match.end(), start)
               or datetime.combine(start.date(), datetime.min.time()) + timedelta(days=1))
        spans.append(WindowSpan(match.start(), match.end(), [TimeWindow(start=start, end=end, text=text[match.start():match.end()])]))
    return spans


#: Between a daily window and the next one of the same days (每天8:00-10:00，15:00-17:00; 上午第一时段…，第二时段…): glue only.
_NEXT_PERIOD = re.compile(r"[\s、，,和及或]*(?:第[一二三四五六]个?时段)?[\s:：]*")


def _clock_spans(text: str, folded: str, reference: date | None) -> list[WindowSpan]:
    """The windows printed with a clock (8:00-17:00, 6时至18时), in order."""
    spans: list[WindowSpan] = []
    ranged = list(WINDOW_RE.finditer(folded))
    ranged_ends = [r.end() for r in ranged]  # rising, as the starts: the first ending after a match's start is the one it may overlap

    def overlaps_ranged(m: re.Match[str]) -> bool:
        at = bisect_right(ranged_ends, m.start())
        return at < len(ranged) and ranged[at].start() < m.end()

    split = [m for pattern in (SPLIT_WINDOW_RE, START_THEN_BACK_RE, STOPPED_THEN_BACK_RE) for m in pattern.finditer(folded)
             if not overlaps_ranged(m)]
    daily: tuple[int, list[date]] | None = None  # the last daily window's end and days
    for match in sorted(ranged + split, key=lambda m: m.start()):
        if not (match["smi"] or match["emi"] or "时" in match.group(0) or "点" in match.group(0)):
            continue
        year, month, turn = _context(folded, match.start(), reference)
        sm = int(match["sm"]) if match["sm"] else month
        sy = int(match["sy"]) if match["sy"] else year
        if not match["sy"] and sy is not None and turn is not None and sm is not None:
            sy = _year_near(sy, turn, sm)  # 1月10日 in a notice of 12月6日: next January
        monthless = not match["sm"] and bool(match["sd"])  # a day printed with no month (6日7:00至6日18:30)
        if match["sd"]:
            sd: int | None = int(match["sd"])
        else:
            # No day printed with the window: the nearest date before it is the day; a day printed alone earlier in
            # its sentence (本月15日，金尚路…将于7时至12时停电; 23日，…) is nearer than any full date before the sentence.
            previous = _date_before(folded, match.start())
            sd = int(_ymd(previous)[2]) if previous else (reference.day if reference else None)
            alone = _day_alone_before(folded, match.start(), previous.end() if previous else 0)
            if alone is not None:
                sd = int(alone["d"])
                monthless = not match["sm"] and not alone["this"] and not alone["next"]  # 23日，…7时至12时停电
                if alone["next"] and sm is not None:
                    sm = sm % 12 + 1
                    sy = sy + 1 if sy is not None and sm == 1 else sy
        ahead = _on_or_after(folded, match.start(), reference, sd) if monthless else None  # no month printed anywhere before
        sy, sm = ahead if ahead else (sy, sm)
        said_start = None if match["sd"] else _said_day(match, "s", reference)  # a printed day wins: 12月8日周二8:00
        if said_start is not None:
            sy, sm, sd = said_start.year, said_start.month, said_start.day
        start = _at(sy, sm, sd, _hour(match, "s"))
        em = int(match["em"]) if match["em"] else sm
        ey = int(match["ey"]) if match["ey"] else (sy + 1 if sy is not None and em is not None and sm is not None and em < sm else sy)  # 12月31日22时至1月1日6时
        ed = int(match["ed"]) if match["ed"] else sd
        said_end = None if match["ed"] else _said_day(match, "e", reference, date(sy, sm, sd) if said_start and sy and sm and sd else None)
        if said_end is not None:
            ey, em, ed = said_end.year, said_end.month, said_end.day
        end_hm = _hour(match, "e")
        start_hm = _hour(match, "s")
        if not match["eap"] and match["sap"] in ("下午", "晚上", "晚") and end_hm[0] < 12 and end_hm[0] + 12 > start_hm[0]:
            end_hm = (end_hm[0] + 12, end_hm[1])  # 下午2时至6时: the end is in the afternoon too
        elif not match["eap"] and not match["enext"] and match["sap"] in ("晚上", "晚", "夜间") and end_hm == (12, 0):
            end_hm = (24, 0)  # 晚10点至12点: to midnight
        end = _at(ey, em, ed, end_hm)
        if end and match["enext"]:
            end += timedelta(days=1)
        elif start and end and end <= start and not match["ed"]:
            end += timedelta(days=1)  # 22:00-5:00 runs overnight
        days, printed_from = _days_before(folded, match, sy, sm) if start and end else ([], match.start())
        if not days and daily is not None and not match["sd"] and start and _NEXT_PERIOD.fullmatch(folded, daily[0], match.start()):
            days = daily[1]  # 每天8:00-10:00，15:00-17:00: the second period of each day too (outages12: the last day alone)
        daily = (match.end(), days) if len(days) > 1 else None
        printed = re.sub(r"\s*\n\s*", " ", text[printed_from:match.end()].strip())  # a daily window with its days (5月6日、8日8:00-17:00)
        if days:
            length = end - start  # type: ignore[operator]
            windows = [TimeWindow(start=datetime.combine(day, start.time()), end=datetime.combine(day, start.time()) + length,  # type: ignore[union-attr]
                                  text=printed) for day in days]
        else:
            windows = [TimeWindow(start=start, end=end, text=printed)]
        spans.append(WindowSpan(match.start(), match.end(), windows))
    return spans


# A day of the month printed without its month (本月15日, 23日, 下月2号): not 45日内 (a period), not 3日后.
_DAY_ALONE = re.compile(r"(?:(?P<this>本月)|(?P<next>下月))?(?<!\d)(?P<d>[1-9]|[12]\d|3[01])\s*[日号](?![内后起前以])")


def _day_alone_before(folded: str, position: int, after: int) -> re.Match[str] | None:
    """The last day printed alone in the sentence before `position`, past `after` (the last full date)."""
    # looked for past `after` only (a stop before it gives `after` anyway; from 0, a stop never printed read the whole text per window)
    sentence = max(folded.rfind(ch, after, position) for ch in "。\n；;") + 1
    found = list(_DAY_ALONE.finditer(folded, max(sentence, after), position))
    return found[-1] if found else None


def find_windows(text: str, reference: date | None = None) -> list[TimeWindow]:
    """Every time window in `text`, in order, each once. `reference` supplies a missing year/month/day."""
    windows: list[TimeWindow] = []
    for span in find_window_spans(text, reference):
        for window in span.windows:
            if not any(w.start == window.start and w.end == window.end and (w.start or w.text == window.text) for w in windows):
                windows.append(window)  # a title and its body often print the same window twice
    return windows
