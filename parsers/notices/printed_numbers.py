"""An outage notice's dates and clocks as the window reader reads them, whatever way they were printed.

Rewrites of the notice text, made before its windows and places are read (parsers/notices/outages.find_events):
- a month and day printed with a dot or slash before a weekday or a clock (9.11（周六）8:00-17:00, 11/5（周五）) become 9月11日;
- Chinese numerals in dates and clocks (十二月十六日上午八时至下午五时, 二〇二六年十二月八日, 次日六时) become digits; a
  place's numeral (十一中学, 湖滨三里, 五一路) is left alone: only a month followed by its day, a four-digit year before
  年, and an hour right after a part of the day or a range word, or right before a range word, are numbers of time;
- a scan's misreads (outages14): O for 0 and l for 1 beside a digit (2O38年, 8:0O, l0月), 一 for a dash between numbers (201号一299号);
- a table's start and end clocks printed in two cells (停电日期 | 开始时间 | 结束时间: `2026-12-08\t08:00\t17:30`) become one
  range (08:00-17:30), and so do a start and an end printed each as a date and clock (an export's CSV row:
  `2027-07-02 08:00,2027-07-02 17:00`), only under a header naming both columns.
"""

from __future__ import annotations

import re

from gongkai.dates import cn_number

_DIGIT = "〇零○一二两三四五六七八九"
_NUMERAL = f"[{_DIGIT}十]"
_YEAR = re.compile(f"(?<![{_DIGIT}十])[〇零○一二三四五六七八九]{{4}}(?=\\s*年)")
_MONTH_DAY = re.compile(f"(?<![{_DIGIT}十])(?P<m>{_NUMERAL}{{1,2}})(?P<mw>\\s*月\\s*)(?P<d>{_NUMERAL}{{1,3}})(?=\\s*[日号])")
# A day of the month alone in numerals, before its weekday or its hours (定于廿二日（星期三）8:30, 二十六日上午九时): its digits, as
# 22日 printed is read (outages16: 廿二日 was no day, so the window was the issue day's). Not a number of days (十五日内), nor
# 号 (杏林湾一号3#楼 is an estate's name). One blank before the weekday's bracket is inside its optional part (review21b):
# `日\s*(…)?\s*` tried a long blank run every way (三日 and 100,000 spaces: 140 s).
_DAY_ALONE = re.compile(
    f"(?<![{_DIGIT}十廿卅第周期初\\d])(?P<d>廿[一二三四五六七八九]?|卅一?|二十[一二三四五六七八九]?|三十一?|十[一二三四五六七八九]?|[一二三四五六七八九])"
    f"(?=\\s*日(?:\\s*[（(](?:星期|周)[一二三四五六日天][)）])?\\s*(?:\\d|上午|下午|凌晨|晚上|早上|中午|夜间|全天|{_NUMERAL}{{1,3}}\\s*[时点]))"
)
# An hour: after a part of the day, a day, 至/到 or a dash, or before one (八时至…); its minutes (三十分) with it; 時/點 as printed
# in Traditional characters (晚上九時至…上午七時).
_HOUR = re.compile(
    f"(?:(?<=上午)|(?<=下午)|(?<=晚上)|(?<=凌晨)|(?<=早上)|(?<=中午)|(?<=夜间)|(?<=[晚早日至到—\\-~～]))\\s*"
    f"(?P<h>{_NUMERAL}{{1,3}})(?P<u>\\s*[时点時點])(?:(?P<mi>{_NUMERAL}{{1,3}})(?=\\s*分))?"
    f"|(?<![{_DIGIT}十])(?P<h2>{_NUMERAL}{{1,3}})(?P<u2>\\s*[时点時點])(?:(?P<mi2>{_NUMERAL}{{1,3}})(?=\\s*分))?(?=\\s*(?:半\\s*)?(?:分\\s*)?(?:至|到|—|-|~|～))"
)
_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def _number(text: str) -> str:
    value = cn_number(text)
    return text if value is None else str(value)


# What OCR makes of a scanned notice's digits (outages14: 2O38年8月23日 8：0O—17：30 read no window; 201号一299号 no range): a
# letter O or o beside a digit is a zero, l or I one (2038年l0月), and 一 between a digit (or its 号) and a digit is a dash. Never inside a Latin word
# (No5, DN400 keep theirs) nor in Chinese numerals (二〇二六, 十一 have no digit beside).
_O_FOR_ZERO = re.compile(r"(?<![A-Za-z])(?<=\d)[Oo](?![A-Za-z])|(?<![A-Za-z])[Oo](?=\d)")
_L_FOR_ONE = re.compile(r"(?<![A-Za-z])(?<=\d)[lI](?![A-Za-z])|(?<![A-Za-z])[lI](?=\d)"  # 2038年l0月, l7：30
                        r"|(?<=[路街巷道里])[lI](?=号)")  # 高崎南五路l号 (outages15): a house 1, after a road's last character
_YI_FOR_DASH = re.compile(r"(?<=\d)(?P<h>号?)\s*一\s*(?=\d)")


def ocr_misreads(text: str) -> str:
    """2O38年 → 2038年, 8:0O → 8:00, l7:30 → 17:30, 201号一299号 → 201号-299号: a scan's misread digits and dashes as printed."""
    if "O" in text or "o" in text:
        text = _O_FOR_ZERO.sub("0", text)
    if "l" in text or "I" in text:
        text = _L_FOR_ONE.sub("1", text)
    return _YI_FOR_DASH.sub(lambda m: m["h"] + "-", text) if "一" in text else text


def arabic_dates(text: str) -> str:
    """十二月十六日上午八时至下午五时 → 12月16日上午8时至下午5时; 二〇二六年 → 2026年; places keep their numerals."""
    if not any(c in text for c in _DIGIT + "十"):
        return text
    text = _YEAR.sub(lambda m: m.group(0).translate(_YEAR_DIGITS), text)
    text = _MONTH_DAY.sub(lambda m: _number(m["m"]) + m["mw"] + _number(m["d"]), text)
    text = _DAY_ALONE.sub(lambda m: _number(m["d"].replace("廿", "二十").replace("卅", "三十")), text)

    def hour(match: re.Match[str]) -> str:
        h, unit, minutes = (match["h"], match["u"], match["mi"]) if match["h"] else (match["h2"], match["u2"], match["mi2"])
        lead = match.group(0)[: match.start("h" if match["h"] else "h2") - match.start()]
        return lead + _number(h) + unit + (_number(minutes) if minutes else "")

    return _HOUR.sub(hour, text)


# A month and day printed with a dot or a slash, as schedules posted online print them (9.11（周六）8:00-17:00, 11/5（周五）): a date only when a weekday
# or a clock follows, at the start of a line or after a label (never 9.11 alone, a number or a version).
_DOTTED_DAY = re.compile(
    r"(?m)(?:^|(?<=[:：]))(?P<lead>[ \t]*)(?P<m>1[0-2]|0?[1-9])[./](?P<d>3[01]|[12]\d|0?[1-9])"
    r"(?=[ \t]*(?:[（(](?:星期|周)?[一二三四五六日天][)）]|\d{1,2}:\d{2}))"  # 2/20(二): the weekday alone
)


def dotted_days(text: str) -> str:
    """9.11（周六）8:00-17:00 → 9月11日（周六）8:00-17:00; 11/5（周五） → 11月5日（周五）."""
    return _DOTTED_DAY.sub(lambda m: f"{m['lead']}{int(m['m'])}月{int(m['d'])}日", text)


_COLUMNS_HEADER = re.compile(r"(?:开始|起始|起)\s*时间.{0,40}?(?:结束|终止|恢复|止)\s*时间")
_CLOCK_CELLS = re.compile(r"(?P<a>\b\d{1,2}:\d{2})(?P<sep>\s*\t\s*|\s*\|\s*|\s*,\s*|[ \u3000]+)(?P<b>\d{1,2}:\d{2}\b)")
# An export's start and end as a date and clock each, in two cells (停电开始时间,停电结束时间: `2027-07-02 08:00,2027-07-02 17:00`)
_STAMP = r"(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2})?"
_STAMP_CELLS = re.compile(rf"(?P<a>(?<!\d){_STAMP})(?:\s*[\t|,]\s*)(?P<b>{_STAMP}(?!\d))")


def clock_columns(text: str) -> str:
    """Under a header naming a start and an end time column, two clocks in adjacent cells are one range."""
    if not _COLUMNS_HEADER.search(text):
        return text
    text = _STAMP_CELLS.sub(lambda m: f"{m['a']} 至 {m['b']}", text)
    return _CLOCK_CELLS.sub(lambda m: f"{m['a']}-{m['b']}", text)


# A clock printed once on its label's line, above lines each opening with a day and a colon (停电时间：每天7:30-18:30 /
# 4月21日：环城南路 / 4月22日：三秀路, outages8): each day's window is that clock; the clock alone was read on the notice's own
# day, with every place below it.
_ONE_CLOCK = re.compile(r"(?m)^(?P<label>[^\n\d]{0,12}?(?:时间|时段)\s*[:：]\s*)(?:每天|每日)?\s*"
                        r"(?P<clock>\d{1,2}:\d{2}\s*(?:-|—+|–|至|到|~|～)\s*\d{1,2}:\d{2})[ \t]*$")
_DAY_HEAD = re.compile(r"(?m)^[ \t]*(?P<day>(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?)"
                       r"\s*[:：](?![^\n]*\d:\d\d)")


def days_under_one_clock(text: str) -> str:
    """停电时间：每天7:30-18:30 / 4月21日：A / 4月22日：B → 4月21日 7:30-18:30：A / 4月22日 7:30-18:30：B (the label kept)."""
    clock = None
    at = text.find("时")  # 时间 or 时段: only the lines holding one are tried (every line's start cost ~1.4 µs a notice)
    while at >= 0 and clock is None:
        clock = _ONE_CLOCK.match(text, text.rfind("\n", 0, at) + 1)
        next_line = text.find("\n", at)
        at = text.find("时", next_line) if next_line >= 0 else -1
    if clock is None or not _DAY_HEAD.search(text, clock.end()):
        return text
    below = _DAY_HEAD.sub(lambda m: f"{m['day']} {clock['clock']}：", text[clock.end():])
    return text[: clock.start()] + clock["label"] + below


# A clock printed before its day in brackets (停电时间：7:30-18:30（8月9日）, outages8): the day first, as windows are read (the
# clock alone was read on the notice's own day).
_CLOCK_THEN_DAY = re.compile(r"(?P<clock>\d{1,2}:\d{2}\s*(?:-|—+|–|至|到|~|～)\s*\d{1,2}:\d{2})\s*[（(]"
                             r"(?P<day>(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号])[)）]")


def day_after_clock(text: str) -> str:
    """7:30-18:30（8月9日） → 8月9日7:30-18:30; 12月31日22:00至次年1月1日6:00 → …至1月1日6:00 (the next year is read from the
    month going back, as a window over the new year printed without 次年 is; outages8: nothing was read)."""
    if "次年" in text or "翌年" in text:
        text = re.sub(r"(?<=[至到—\-~～])\s*(?:次年|翌年)(?=\s*\d{1,2}\s*月)", "", text)
    if "日）" not in text and "日)" not in text and "号）" not in text and "号)" not in text:
        return text
    return _CLOCK_THEN_DAY.sub(lambda m: f"{m['day']}{m['clock']}", text)
