"""Dates as Chinese government documents write them, parsed to `datetime.date`.

2014-05-06, 2014/5/6, 2014.5.6, 20140506, 2014年5月6日, 2026-01-31T11:00:00.000Z and the
Chinese-numeral forms of signatures: 二〇一四年五月六日, 二00七年九月三十日.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from gongkai.textnorm import FULLWIDTH_ASCII_AND_SPACE, FULLWIDTH_DIGITS

#: China Standard Time (UTC+8, no daylight saving): notices print Beijing times, documents take effect on Beijing days.
CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")
_ZERO_LIKE = {ord(c): "〇" for c in "0Oo○零О"}
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}

#: A date's separators as typed and printed: ASCII, the full-width ones a Chinese IME types (２０２４－０５－０８, 2024／5／8,
#: 2024．5．8) and the dashes a word processor makes of a hyphen (2024–05–08): one character each, so offsets stay the text's.
_DATE_DASHES = "-/.－／．‐‑‒–—"
#: the day's digits end the number (?!\d): a span of months, 2019.3—2020.12, was the day 2019-03-20 (review18)
_NUMERIC = re.compile(
    rf"(?P<y>(?:19|20)\d{{2}})\s*(?:[{_DATE_DASHES}年])\s*(?P<m>\d{{1,2}})\s*(?:[{_DATE_DASHES}月])\s*(?P<d>\d{{1,2}})(?!\d)\s*日?"
)
_COMPACT = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)")
_CHINESE = re.compile(
    r"(?P<y>[〇一二三四五六七八九0Oo○零]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"
)


#: A digit of a Chinese numeral as documents and people print it: 〇/○/零 (二〇一四, 一百零五), 两 (两年, 两周).
_CN_DIGIT_VALUE = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NONZERO = "一二两三四五六七八九"
# Positional numerals up to 九百九十九: 十, 十二, 二十, 四十五, 一百, 一百零五, 一百一十, 两百三十 (and 二百十, as some print it).
_CN_POSITIONAL = re.compile(
    f"(?:(?P<h>[{_CN_NONZERO}])百)?(?:(?P<t>[{_CN_NONZERO}])?(?P<ten>十)|(?P<zero>[零〇○]))?(?P<u>[{_CN_NONZERO}])?"
)


def cn_number(text: str) -> int | None:
    """A number as Chinese text prints it, or None when the text is not one number: Arabic digits (3, ３),
    positional numerals (十二, 二十, 一百零五, 两), digit by digit (一四九, 二〇二六, a year's 二六).

    The one converter for every layer: dates and the days a question names (gongkai.dates, gongkai.asked_days),
    validity periods and 令 numbers (parsers.validity), notices' clocks and claim periods (parsers.notices)."""
    text = text.strip().translate(FULLWIDTH_DIGITS)
    if not text:
        return None
    if text.isdigit():
        return int(text) if text.isascii() else None
    if all(c in _CN_DIGIT_VALUE for c in text) and (len(text) > 1 or text in _CN_DIGIT_VALUE):
        return int("".join(str(_CN_DIGIT_VALUE[c]) for c in text))  # 一四九, 二〇二六, 两
    match = _CN_POSITIONAL.fullmatch(text)
    if match is None or not (match["h"] or match["ten"]) or (match["zero"] and not (match["h"] and match["u"])):
        return None  # 十十, 百, 零五: not one number
    value = _CN_DIGIT_VALUE[match["h"]] * 100 if match["h"] else 0
    if match["ten"]:
        value += (_CN_DIGIT_VALUE[match["t"]] if match["t"] else 1) * 10
    return value + (_CN_DIGIT_VALUE[match["u"]] if match["u"] else 0)


def _chinese_match_to_date(match: re.Match[str]) -> date:
    year_text = match["y"].translate(_ZERO_LIKE)
    year = int("".join(str(_CN_DIGIT[c]) for c in year_text))
    month, day = cn_number(match["m"]), cn_number(match["d"])
    if month is None or day is None:  # 十十: not a number (parse_date says "not a valid date")
        raise ValueError(f"{match['m']}月{match['d']}日 is not a month and day")
    return date(year, month, day)


def parse_date(value: str | date | datetime | None) -> date | None:
    """Parse one date value; empty means None; anything else unparseable raises ValueError."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    # the whole full-width ASCII block, not the digits alone: an IME left in full-width mode types the separators so too
    # (２０３０－０３－０６, 2030．3．7 were refused, "not a recognised date", where ２０３０年３月５日 was read; doors10)
    text = str(value).translate(FULLWIDTH_ASCII_AND_SPACE).strip()
    if not text:
        return None
    try:
        for pattern in (_NUMERIC, _CHINESE):
            match = pattern.fullmatch(text) or pattern.match(text)
            if match and (pattern is _CHINESE or _tail_is_time(text[match.end():])):
                if pattern is _CHINESE:
                    return _chinese_match_to_date(match)
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
        match = _COMPACT.fullmatch(text)
        if match:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a valid date: {value!r} ({exc})") from None
    raise ValueError(f"not a recognised date: {value!r}")


def _tail_is_time(tail: str) -> bool:
    """What may follow a date inside one value: nothing, or a time of day (T11:00:00.000Z, 10:30)."""
    return re.fullmatch(r"(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*", tail) is not None


def find_dates(text: str) -> list[date]:
    """Every valid date written in `text`, in order of appearance (numeric and Chinese-numeral forms)."""
    found: list[tuple[int, date]] = []
    for match in _NUMERIC.finditer(text.translate(FULLWIDTH_DIGITS)):
        try:
            found.append((match.start(), date(int(match["y"]), int(match["m"]), int(match["d"]))))
        except ValueError:
            continue
    for match in _CHINESE.finditer(text):
        try:
            found.append((match.start(), _chinese_match_to_date(match)))
        except (ValueError, KeyError):
            continue
    return [d for _, d in sorted(found, key=lambda item: item[0])]


def date_spans(text: str) -> list[tuple[int, int, date]]:
    """(start, end, date) of every valid date written in `text` (numeric and Chinese-numeral forms),
    sorted, overlaps dropped; offsets are those of `text` (full-width digits are one character too)."""
    found: list[tuple[int, int, date]] = []
    for match in _NUMERIC.finditer(text.translate(FULLWIDTH_DIGITS)):
        try:
            found.append((match.start(), match.end(), date(int(match["y"]), int(match["m"]), int(match["d"]))))
        except ValueError:
            continue
    for match in _CHINESE.finditer(text):
        try:
            found.append((match.start(), match.end(), _chinese_match_to_date(match)))
        except (ValueError, KeyError):
            continue
    spans: list[tuple[int, int, date]] = []
    for span in sorted(found, key=lambda item: item[0]):
        if not spans or span[0] >= spans[-1][1]:
            spans.append(span)
    return spans


# The compact form of `parse_date` found in running text: a run of exactly eight digits (20240508), not inside a longer
# run of letters or digits.
_COMPACT_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])" + _COMPACT.pattern + r"(?![0-9A-Za-z])")


def compact_date_spans(text: str) -> list[tuple[int, int, date]]:
    """(start, end, date) of every valid date typed as eight digits in `text` (20240508; 20241340 is none)."""
    found: list[tuple[int, int, date]] = []
    for match in _COMPACT_IN_TEXT.finditer(text.translate(FULLWIDTH_DIGITS)):
        try:
            found.append((match.start(), match.end(), date(int(match["y"]), int(match["m"]), int(match["d"]))))
        except ValueError:
            continue
    return found


# A year, or a year and month, without a day (2014年, 2024年5月, 二〇一四年, 二〇二四年五月): what a searcher
# types for "documents of that year / month". Not part of a longer number (12014年) or of a full date
# (date_spans is read first and wins).
_YEAR_MONTH_NUMERIC = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年(?:\s*(?P<m>\d{1,2})\s*月)?")
_YEAR_MONTH_CHINESE = re.compile(
    r"(?<![〇一二三四五六七八九0Oo○零])(?P<y>[〇一二三四五六七八九0Oo○零]{4})\s*年(?:\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月)?"
)


def year_month_spans(text: str) -> list[tuple[int, int, int, int | None]]:
    """(start, end, year, month or None) of every year or year-month written in `text`, in digits or in
    Chinese numerals, sorted, overlaps dropped; a year outside 1900-2099 or a month outside 1-12 is none."""
    found: list[tuple[int, int, int, int | None]] = []
    for match in _YEAR_MONTH_NUMERIC.finditer(text.translate(FULLWIDTH_DIGITS)):
        month = int(match["m"]) if match["m"] else None
        found.append((match.start(), match.end(), int(match["y"]), month))
    for match in _YEAR_MONTH_CHINESE.finditer(text):
        year = int("".join(str(_CN_DIGIT[c]) for c in match["y"].translate(_ZERO_LIKE)))
        month = cn_number(match["m"]) if match["m"] else None
        if match["m"] and month is None:  # 十 in a month where it cannot stand (十十)
            continue
        found.append((match.start(), match.end(), year, month))
    spans: list[tuple[int, int, int, int | None]] = []
    for span in sorted(found, key=lambda item: item[0]):
        start, _end, year, month = span
        if not 1900 <= year <= 2099 or (month is not None and not 1 <= month <= 12):
            continue
        if not spans or start >= spans[-1][1]:
            spans.append(span)
    return spans


_CN_WRITTEN = "〇一二三四五六七八九"


def chinese_numeral(value: int) -> str:
    """1..99 as written in dates and serials: 八, 十, 十二, 二十, 三十一 (第二十四届)."""
    tens, units = divmod(value, 10)
    if not tens:
        return _CN_WRITTEN[units]
    return ("" if tens == 1 else _CN_WRITTEN[tens]) + "十" + (_CN_WRITTEN[units] if units else "")


def written_forms(day: date) -> list[str]:
    """The ways a document writes `day`: 2024-05-08, 2024.5.8 (also 2024/5/8 and 2024-5-8: punctuation
    is one gap for the index), 2024年5月8日, 2024年05月08日, 二〇二四年五月八日."""
    y, m, d = day.year, day.month, day.day
    chinese_year = "".join(_CN_WRITTEN[int(c)] for c in str(y))
    return [
        f"{y}-{m:02d}-{d:02d}", f"{y}.{m}.{d}", f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日",
        f"{chinese_year}年{chinese_numeral(m)}月{chinese_numeral(d)}日",
    ]


def written_month_forms(year: int, month: int | None) -> list[str]:
    """The ways a document writes a year (2014年, 二〇一四年) or a month of it (2024年5月, 2024年05月, 二〇二四年五月)."""
    chinese_year = "".join(_CN_WRITTEN[int(c)] for c in str(year))
    if month is None:
        return [f"{year}年", f"{chinese_year}年"]
    return [f"{year}年{month}月", f"{year}年{month:02d}月", f"{chinese_year}年{chinese_numeral(month)}月"]


def beijing_today() -> date:
    """Today's date in Beijing: the day notices and citizens mean by 今天."""
    return datetime.now(CHINA_STANDARD_TIME).date()
