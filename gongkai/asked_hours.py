"""The hours of its day a question asks about: a part of the day (上午, 下午, 今晚, 凌晨, 夜里) or a time of day (下午3点,
8点到10点, 下午两点到四点, 8:00, 3点以后).

厦禾路单号今天下午停电吗 asks about the afternoon: a window of the morning does not answer it (outages11's Known gap: the
lookup answered for the whole day). Hours are minutes from the asked day's midnight; an end past 24:00 runs into the next
day (夜里 is the night after the day said, to 6:00). The spans are the everyday ones, wide rather than narrow (a window that
touches them answers), as the notices' own 上午/下午 are read (parsers.notices.timewindows: 上午 8–12, 下午 12–18).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gongkai.asked_days import CLOCK_TIMES
from gongkai.dates import cn_number
from gongkai.textnorm import fold

_HOUR = 60
_DAY = 24 * _HOUR


class Hours(NamedTuple):
    """The spans of a day asked about, in minutes from its midnight (an end may pass 24:00), and the words that said them."""

    spans: tuple[tuple[int, int], ...]
    words: str



#: The parts of the day and their hours. 全天 asks the whole day: no span. 早上 runs from midnight (早上5点 is said, and a night's
#: cut ending at 5:00 is the morning's question: 明天早上有水吗); 凌晨 is the small hours of the day said and, as often meant, of
#: the night after it (明天凌晨 said of the night from 明天 into 后天: both are answered).
PART_HOURS: dict[str, tuple[tuple[int, int], ...]] = {
    "凌晨": ((0, 6 * _HOUR), (_DAY, _DAY + 6 * _HOUR)),
    "早上": ((0, 10 * _HOUR),), "早晨": ((0, 10 * _HOUR),), "清早": ((0, 9 * _HOUR),), "一早": ((0, 9 * _HOUR),),
    "上午": ((6 * _HOUR, 12 * _HOUR),),
    "中午": ((11 * _HOUR, 14 * _HOUR),),
    "下午": ((12 * _HOUR, 18 * _HOUR),),
    "傍晚": ((17 * _HOUR, 19 * _HOUR),),
    "晚上": ((18 * _HOUR, _DAY),), "晚间": ((18 * _HOUR, _DAY),),
    "夜里": ((20 * _HOUR, _DAY + 6 * _HOUR),), "夜间": ((20 * _HOUR, _DAY + 6 * _HOUR),), "半夜": ((22 * _HOUR, _DAY + 5 * _HOUR),), "深夜": ((22 * _HOUR, _DAY + 5 * _HOUR),),
    "白天": ((6 * _HOUR, 18 * _HOUR),),
}
#: Day words that say a part of their day too (今晚, 明早: gongkai.asked_days.DAY_WORDS).
DAY_WORD_PARTS = {"今晚": "晚上", "明晚": "晚上", "昨晚": "晚上", "今早": "早上", "明早": "早上"}
#: A part said before a clock that turns it into the afternoon's or the evening's hours (下午3点 is 15:00).
_AFTERNOON = ("下午", "傍晚", "晚上", "晚间", "夜里", "夜间")
_PARTS = re.compile("|".join(sorted(PART_HOURS, key=len, reverse=True)))
#: One time of day in a clock phrase CLOCK_TIMES found (8:00, 8点, 八点半, 3点15分, 两点), with the part said before it.
_ONE_CLOCK = re.compile(r"(?P<part>" + "|".join(PART_HOURS) + r")?\s*(?:(?P<h>[01]?\d|2[0-4])\s*[:：]\s*(?P<m>[0-5]\d)|"
                        r"(?P<h2>[01]?\d|2[0-4]|[一二三四五六七八九十两俩]{1,3})\s*[点时](?:\s*(?P<half>半)|\s*(?P<m2>[0-5]?\d)\s*分)?)")
_AFTER = re.compile(r"\s*(?:以后|之后|过后|后)$")
_BEFORE = re.compile(r"\s*(?:以前|之前|前)$")


def lookup_hours(text: str | None) -> tuple[tuple[int, int], ...] | None:
    """The hours the outage lookup's date field asks (2037-12-08下午, 明天8点到10点: /api/notices/outages, /outages, gongkai
    outages --date), read as the search box reads them; None for the whole day."""
    hours = asked_hours(fold(text or ""))
    return hours.spans if hours else None


def asked_hours(text: str, day_words: str = "") -> Hours | None:
    """The hours of the day `text` (folded) asks about: a time of day said (下午3点, 8点到10点) first, else a part of the day
    (下午, 凌晨) or one the day's words say (今晚); None for the whole day (none said, or 全天)."""
    if (clock := CLOCK_TIMES.search(text)) is not None and clock.group().strip():
        return _clock_hours(text, clock, day_words) or _part_hours(text, day_words)
    return _part_hours(text, day_words)


def _part_hours(text: str, day_words: str) -> Hours | None:
    match = _PARTS.search(text)
    part = match.group() if match else DAY_WORD_PARTS.get(day_words, "")
    if not part:
        return None
    return Hours(PART_HOURS[part], part if match else day_words)  # 今晚: the day's words said it


def _clock_hours(text: str, clock: re.Match[str], day_words: str) -> Hours | None:
    """The span of a clock phrase: a moment (3点: that minute), a range (8点到10点), or from or until it (8点以后, 10点前); in
    the afternoon or evening when a part said before it, or the day's words, say so (下午3点, 今晚9点以后: 21:00 on)."""
    before = text[max(0, clock.start() - 2) : clock.start()]
    said = (before if before in PART_HOURS else "") + clock.group()
    part = before if before in PART_HOURS else DAY_WORD_PARTS.get(before) or DAY_WORD_PARTS.get(day_words, "")
    times: list[int] = []
    for piece in _ONE_CLOCK.finditer(said):
        part = piece["part"] or part  # 下午两点到四点: the second in the afternoon too
        hour = cn_number(piece["h2"].replace("俩", "两")) if piece["h2"] and not piece["h2"].isdigit() else int(piece["h"] or piece["h2"])
        if hour is None or hour > 24:
            return None  # 九十点: no time of day
        minute = 30 if piece["half"] else int(piece["m"] or piece["m2"] or 0)
        if part in _AFTERNOON and hour < 12:
            hour += 12
        times.append(hour * _HOUR + minute)
    if not times:
        return None
    if len(times) >= 2:
        start, end = times[0], times[1]
        return Hours(((start, end if end > start else end + _DAY),), said.strip())
    if _AFTER.search(said):
        return Hours(((times[0], _DAY),), said.strip())
    if _BEFORE.search(said):
        return Hours(((0, times[0]),), said.strip())
    return Hours(((times[0], times[0] + 1),), said.strip())  # a moment: the window must hold that minute
