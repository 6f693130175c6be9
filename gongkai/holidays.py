"""Holidays said in a question (国庆节停电吗, 春节期间停水吗, 中秋停电吗): the days each one asks about.

The holidays, their words and their days are data (gongkai/data/holidays.toml), not code. A lunar holiday's
solar date comes from the lunardate library (正月初一 of 2027 is 2027-02-06), a solar term's (清明, 冬至) from the
lunar-python library's table of terms: kept libraries, not tables written here. Calendar words that are no holiday
(年底, 年初) are periods of the same data. Which year's: the one under way, else the one just over (at most JUST_OVER days ago: 国庆停电了吗
asked on 10-10), else the next one.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from lunardate import LunarDate

from gongkai.parsers.holiday_notice import HolidaySchedule, is_holiday_notice, read_holiday_notice

#: A holiday over at most this long ago is the one asked about (国庆停电了吗 asked on 10-10), not next year's.
JUST_OVER = timedelta(days=14)
#: What follows a word that begins a place's name instead (五一路, 中秋路, 国庆小区, 十一中学): no holiday then. (The other
#: time words have their own list, gongkai.asked_days._NAME_GOES_ON, without 小区/社区: 明天小区 is the asker's.)
_PLACE_AFTER = r"(?![路街巷弄道村镇桥园苑楼广场区]|小区|社区|花园|大厦|新村|中学|小学|大学|学校)"
#: A holiday said in numerals (十一, 五一) is no number: not inside a longer one (二十一, 第十一) nor before a counter
#: or a clock (十一月, 十一号, 十一点), nor a school's number (十一中: 第十一中学; 十一中午 is 国庆's noon).
_NUMERALS = frozenset("〇零一二三四五六七八九十百两")
#: A count of years before a word beginning with 年 (两年前, 2024年底, 三年后): years ago or a year's end, not 年前 (before the
#: Spring Festival) nor 年底 of this year.
_YEARS_BEFORE = r"(?<![〇零一二三四五六七八九十百两几多半\d])"
_NUMBER_AROUND = (r"(?<![〇零一二三四五六七八九十百两第\d])", r"(?![〇零一二三四五六七八九十\d月号日点时届条款项个次]|中(?!午))")


@dataclass(frozen=True)
class Holiday:
    name: str  # 国庆, 春节 …: how the answer says it back
    words: tuple[str, ...]  # what people type for it
    days: int
    offset: int = 0  # the first day, from the date below (春节: -1, from 除夕)
    month: int = 0  # a fixed date (国庆: 10-01) …
    day: int = 0
    lunar_month: int = 0  # … or a lunar one (中秋: 8-15) …
    lunar_day: int = 0
    term: str = ""  # … or a solar term's day (清明, 冬至: 2027-04-05, 2026-12-22)
    papers_pause: bool = False  # newspapers may print no edition on its days (春节): ops.freshness counts none missing
    offices_close: bool = False  # government offices publish nothing on its days (春节, 国庆, 五一): an agency's clock stops

    def period(self, year: int) -> tuple[date, date] | None:
        """First and last day of this holiday in `year` (the year of its main date); None outside the lunar
        library's years (1900-2099)."""
        try:
            main = (date(year, self.month, self.day) if self.month else _solar_term(self.term, year) if self.term else
                    LunarDate(year, self.lunar_month, self.lunar_day).to_solar_date())
        except ValueError:
            return None
        if main is None:
            return None
        first = main + timedelta(days=self.offset)
        return first, first + timedelta(days=self.days - 1)


@lru_cache(maxsize=1)
def holidays() -> tuple[Holiday, ...]:
    """The holidays of gongkai/data/holidays.toml."""
    data = tomllib.loads(resources.files("gongkai.data").joinpath("holidays.toml").read_text(encoding="utf-8"))
    return tuple(Holiday(name=h["name"], words=tuple(h["words"]), days=int(h.get("days", 1)), offset=int(h.get("offset", 0)),
                         month=int(h.get("month", 0)), day=int(h.get("day", 0)),
                         lunar_month=int(h.get("lunar_month", 0)), lunar_day=int(h.get("lunar_day", 0)), term=str(h.get("term", "")),
                         papers_pause=bool(h.get("papers_pause", False)), offices_close=bool(h.get("offices_close", False)))
                 for h in data["holiday"])


def _solar_term(name: str, year: int) -> date | None:
    """The day of a solar term (清明, 冬至) in a solar year, from lunar-python's table of the terms of the lunar years
    around it (a lunar year's table runs from the 冬至 before it); None outside the library's years."""
    from lunar_python import Lunar

    for lunar_year in (year, year + 1):
        try:
            table = Lunar.fromYmd(lunar_year, 1, 1).getJieQiTable()
        except Exception:  # noqa: BLE001 - a year the library does not hold is no day, never a failed question
            return None
        solar = table.get(name)
        if solar is not None and solar.getYear() == year:
            return date(solar.getYear(), solar.getMonth(), solar.getDay())
    return None


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], dict[str, Holiday]]:
    by_word = {word: holiday for holiday in holidays() for word in holiday.words}
    longest_first = sorted(by_word, key=len, reverse=True)  # 国庆节 before 国庆, 五一劳动节 before 五一
    alternatives = [f"{_NUMBER_AROUND[0]}{re.escape(w)}{_NUMBER_AROUND[1]}" if set(w) <= _NUMERALS
                    else f"{_YEARS_BEFORE}{re.escape(w)}" if w.startswith("年") else re.escape(w) for w in longest_first]
    return re.compile("(?:" + "|".join(alternatives) + ")" + _PLACE_AFTER), by_word


def find_holiday(text: str) -> tuple[re.Match[str], Holiday] | None:
    """The first holiday word of a text and its holiday; None when it names none."""
    pattern, by_word = _words()
    match = pattern.search(text)
    return (match, by_word[match.group()]) if match else None


def lunar_day(month: int | None, day: int, today: date, past: timedelta = timedelta(days=3)) -> date | None:
    """A lunar date said without a year (正月初七, 腊月二十; 初七 alone: `month` None, the lunar month under way) as the solar
    day of the coming one: this lunar year's (or month's) unless over by more than `past`, then the next; None when no such
    day (a 三十 of a short month) within the lunardate library's years."""
    try:
        now = LunarDate.from_solar_date(today.year, today.month, today.day)
    except ValueError:
        return None
    if month is None:  # this lunar month's, else the next month's (a leap month's own days are not asked for)
        tries = [(now.year, now.month, now.is_leap_month)] + [(now.year + (now.month + n - 1) // 12, (now.month + n - 1) % 12 + 1, False)
                                                           for n in (1, 2)]
    else:
        tries = [(now.year + n, month, False) for n in (-1, 0, 1)]
    for year, lunar_month, leap in tries:
        try:
            solar = LunarDate(year, lunar_month, day, leap).to_solar_date()
        except ValueError:
            continue
        if solar >= today - past:
            return solar
    return None


#: A year said before a holiday (今年年底, 明年春节, 去年国庆): that year's, however far.
YEAR_WORDS = {"今年": 0, "明年": 1, "去年": -1}


def holiday_days(holiday: Holiday, today: date, year_word: str = "") -> tuple[date, date] | None:
    """The days a holiday asks about, seen from today: the one under way, else the one over at most JUST_OVER
    ago, else the next one; with a year said before it (YEAR_WORDS), that year's."""
    if year_word in YEAR_WORDS:
        return holiday.period(today.year + YEAR_WORDS[year_word])
    periods = [p for year in (today.year - 1, today.year, today.year + 1) if (p := holiday.period(year)) is not None]
    for first, last in periods:
        if first <= today <= last or timedelta(0) < today - last <= JUST_OVER:
            return first, last
    coming = [p for p in periods if p[0] > today]
    return min(coming) if coming else None


def paper_pause_days(first: date, last: date) -> set[date]:
    """The days from `first` to `last` on which a newspaper may print no edition (the holidays marked papers_pause: 春节
    from 除夕): the freshness watch neither counts them missing nor lets them make a newspaper overdue."""
    return _days_marked(first, last, "papers_pause")


@dataclass(frozen=True)
class WorkCalendar:
    """Days off and make-up working days (调休) as the State Council's yearly notices set them (read when stored:
    parsers.holiday_notice, store.holiday_days), and the operator's own (settings freshness.days_off / working_days)."""

    years: frozenset[int] = frozenset()  # the years a notice sets: their fixed-date holidays give way to it
    days_off: Mapping[date, str] = field(default_factory=dict)  # day -> holiday name
    working_days: frozenset[date] = frozenset()  # a Saturday or Sunday at work
    set_off: frozenset[date] = frozenset()  # the operator's (a local holiday), over everything
    set_working: frozenset[date] = frozenset()


def read_schedule(title: str, body: Callable[[], str]) -> HolidaySchedule | None:
    """The days of a record that is the yearly holiday notice (the title says so; only then is its body read), else None."""
    if not is_holiday_notice(title):
        return None
    return read_holiday_notice(title, body())


def offices_closed_days(first: date, last: date, calendar: WorkCalendar | None = None) -> set[date]:
    """The days from `first` to `last` on which government offices publish nothing: an agency's site, feed, drop folder
    or push is not overdue for them (alerts4: a feed quiet from 除夕 was overdue on 初三). Saturdays and Sundays (alerts6:
    a daily feed last heard on a Friday was overdue every Sunday) unless the year's notice makes one a working day (调休:
    alerts7, a 7-day source silent from a Friday was told a day late), and the holidays: a year whose notice is stored
    (`calendar`) has its days (端午 2025 was Saturday to Monday, the fixed rule counted one day, a Saturday); any other year
    the fixed rules of the holiday weeks marked offices_close (春节, 国庆, 五一) and the one-day holidays. The operator's
    days (settings) go over both."""
    calendar = calendar or WorkCalendar()
    fixed = _days_marked(first, last, "offices_close")
    closed: set[date] = set()
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        if day in calendar.set_off:
            shut = True
        elif day in calendar.set_working or day in calendar.working_days:
            shut = False
        elif day in calendar.days_off or day.weekday() >= 5:
            shut = True
        else:
            shut = day.year not in calendar.years and day in fixed
        if shut:
            closed.add(day)
    return closed


def _days_marked(first: date, last: date, mark: str) -> set[date]:
    days: set[date] = set()
    for holiday in holidays():
        if not getattr(holiday, mark):
            continue
        for year in range(first.year - 1, last.year + 2):
            if (period := holiday.period(year)) is not None:
                start, end = max(period[0], first), min(period[1], last)
                days.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    return days
