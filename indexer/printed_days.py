"""The day bonuses an outage question's asked day gave a notice for a print that is not that day (outages17).

tantivy gives a notice the day bonus for printing the asked day as a phrase (segment_query._day_bonus): its month and day
(8月26日), 本月26日 from a notice of that month, and 26日 alone from one published within the 30 days before. A phrase cannot
see what stands around it, so two prints earned a bonus they should not: the notice's own issue date (2039年8月9日 under a
notice about the 16th: the newer notice came first for 8月9日停电) and the same day of another month (7月26日 in a notice of
8月12日, for 8月26日). The re-rank (ranking.rerank) takes those bonuses back: for each family of forms its phrase matched in
the text, one bonus when no print of the day itself is left once the issue date and other months' days are set aside."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

#: How long before a day a notice printing it as a day of the month alone (22日, 廿二日) is published: within the month.
DAY_ALONE_LEAD_DAYS = 30
_DIGIT_WORDS = "〇一二三四五六七八九"
_NUMERAL = "〇零一二三四五六七八九十廿卅两"


def in_words(number: int) -> list[str]:
    """A month's or a day's number as notices print it in Chinese numerals: 6 六, 16 十六, 22 二十二 and 廿二, 30 三十 and 卅
    (segment_query's day bonus asks for these writings; this module reads them back)."""
    tens, ones = divmod(number, 10)
    if tens == 0:
        return [_DIGIT_WORDS[ones]]
    written = ("" if tens == 1 else _DIGIT_WORDS[tens]) + "十" + (_DIGIT_WORDS[ones] if ones else "")
    short = {2: "廿", 3: "卅"}.get(tens)
    return [written] + ([short + (_DIGIT_WORDS[ones] if ones else "")] if short else [])


def _number(value: int) -> str:
    """The number in digits (with a leading 0 allowed) or in Chinese numerals."""
    return rf"(?:(?<!\d)0?{value}(?!\d)|(?<![{_NUMERAL}])(?:{'|'.join(in_words(value))})(?![{_NUMERAL}]))"


@lru_cache(maxsize=512)
def _patterns(month: int, day: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(the month and day, 本月 and the day, the day alone) as notices print them, spaces allowed between the parts."""
    number = _number(day)
    return (
        re.compile(rf"{_number(month)}\s*月\s*{number}\s*[日号]"),
        re.compile(rf"本月\s*{number}\s*[日号]"),
        re.compile(rf"{number}\s*日"),
    )


@lru_cache(maxsize=512)
def _in_digits(year: int, month: int, day: int) -> re.Pattern[str]:
    """The day as 95598 pages and tables print it (2039-08-26, 2039.08.26, 2039/08/26): the phrase of its numbers that
    segment_query._day_forms asks for, no issue date's 年月日 signature."""
    return re.compile(rf"(?<!\d){year}\s*[-./]\s*{month:02d}\s*[-./]\s*{day:02d}(?!\d)")


#: A month printed right before a day (7月26日, 七月二十六日, 本月26日): the day is no day alone.
_MONTH_BEFORE = re.compile(rf"(?:\d{{1,2}}|[{_NUMERAL}]{{1,3}}|本)\s*月\s*$")


def _issue_dates(published: date) -> re.Pattern[str]:
    """The notice's own issue date printed as the last thing on its line (its signature: 2039年8月9日, 二〇三九年八月九日)."""
    year_words = "".join(_DIGIT_WORDS[int(c)] for c in str(published.year))
    year = rf"(?:{published.year}|{year_words}|{year_words.replace('〇', '零')})"
    return re.compile(
        rf"{year}\s*年\s*{_number(published.month)}\s*月\s*{_number(published.day)}\s*[日号]?[ \t]*(?=\n|$)"
    )


def _within(published: date, window: tuple[date, date] | None) -> bool:
    return window is None or window[0] <= published <= window[1]


def _month_of_day_alone(day: int, published: date) -> int:
    """The month a day printed without its month falls in, read from the notice's issue date: the issue's month, or the
    next when that day of it is over (26日 in a notice of 8月5日 is 8月26日; 3日 in one of 8月28日, 9月3日)."""
    return published.month if day >= published.day else published.month % 12 + 1


def false_bonuses(
    folded: str, published: date, month: int, day: int, on: date | None, window: tuple[date, date] | None,
    digits_year: int | None = None,
) -> int:
    """How many of the asked day's bonuses (month and day within `window`; 本月 in the day's month; the day alone within
    DAY_ALONE_LEAD_DAYS before `on`, the asked day) the notice earned only by its issue date or another month's same day.
    `digits_year`: the day's writings hold it in digits of that year (2039-08-26), a print of it as genuine as 8月26日
    (review22: a notice issued the day it announces, 2039-08-26 14:00 in its body, lost the bonus to its signature)."""
    whole, this_month, alone = _patterns(month, day)
    kept = _issue_dates(published).sub(" ", folded) if published.month == month and published.day == day else folded
    genuine_whole = whole.search(kept) is not None or (
        digits_year is not None and _in_digits(digits_year, month, day).search(folded) is not None
    )
    genuine_this_month = published.month == month and this_month.search(kept) is not None
    genuine_alone = (
        genuine_whole
        or genuine_this_month
        or any(
            not _MONTH_BEFORE.search(kept, max(0, match.start() - 6), match.start())
            and _month_of_day_alone(day, published) == month
            for match in alone.finditer(kept)
        )
    )
    false = 0
    if _within(published, window) and whole.search(folded) and not genuine_whole:
        false += 1
    if on is not None and on.replace(day=1) <= published <= on and this_month.search(folded) and not genuine_this_month:
        false += 1
    if (
        on is not None
        and 0 <= (on - published).days <= DAY_ALONE_LEAD_DAYS
        and alone.search(folded)
        and not genuine_alone
    ):
        false += 1
    return false
