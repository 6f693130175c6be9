"""The State Council's yearly holiday notice (国务院办公厅关于2026年部分节假日安排的通知): the year's days off and make-up
working days (调休), as gov.cn prints them:

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
    六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。

Older notices print the year where it differs (`2018年12月30日至2019年1月1日放假调休`, `2018年12月29日（星期六）上班`) and
`放假，与周末连休`; a mirror may print it in Traditional characters or full-width digits (folded first, length kept). Pure
functions: the store keeps what is read (store/holiday_days.py), the freshness watch uses it (gongkai.holidays).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.dates import cn_number
from gongkai.textnorm import fold

#: The notice's own title, whatever the mirror calls it around it (国务院办公厅关于…的通知, a 转发 of it).
_TITLE = re.compile(r"关于\s*([0-9〇零一二三四五六七八九○Ｏ]{4})\s*年\s*(?:部分)?\s*节假日\s*(?:放假)?\s*安排的通知")
#: One item: 一、元旦： (the colon full-width or ASCII); its text runs to the next item or the end.
_ITEM = re.compile(r"(?:^|\n|。)\s*[一二三四五六七八九十]{1,2}\s*[、.．]\s*([^：:\n]{1,20}?)\s*[：:]")
_NUMBER = r"[0-9〇零一二三四五六七八九十○]{1,4}"
#: A date as the notice prints it: [YYYY年][M月]D日, then what the notice says of it in brackets (周四, 农历除夕、周二).
_DAY = re.compile(rf"(?:({_NUMBER})\s*年\s*)?(?:({_NUMBER})\s*月\s*)?({_NUMBER})\s*日\s*(?:[（(][^）)]*[）)])?")
#: what comes between two dates of a range
_THROUGH = re.compile(r"\s*(?:至|到|—|－|-|~|～)\s*$")


#: A State Council notice (its title names 国务院, a mirror's 转发 too) changing one holiday of a year after the yearly notice (国务院办公厅关于调整2019年劳动节假期安排的通知, 关于延长2020年
#: 春节假期的通知), or setting a day of its own (国务院关于…胜利70周年纪念日调休放假的通知, its year printed in the body only).
_ADJUST_TITLE = re.compile(r"关于\s*(调整|延长)?\s*(?:([0-9〇零一二三四五六七八九○Ｏ]{4})\s*年\s*)?([^\s的]{1,40}?(?:节|纪念日))\s*"
                           r"(?:假期|调休放假|放假调休|放假)\s*(?:调整)?\s*(?:安排)?\s*的通知")
#: 延长…假期至2月2日: the holiday's days off run on to that day.
_EXTENDED_TO = re.compile(rf"延长.{{0,20}}?假期\s*至\s*(?:({_NUMBER})\s*年\s*)?({_NUMBER})\s*月\s*({_NUMBER})\s*日")
_BODY_YEAR = re.compile(r"([0-9]{4})\s*年")


@dataclass
class HolidaySchedule:
    """One year's holidays as the State Council's notice sets them, or (`adjusts` set) one holiday's days as a later notice
    changes them: its days off and make-up days replace that holiday's, `extended_to` runs its days off on to a day."""

    year: int
    days_off: dict[date, str] = field(default_factory=dict)  # day -> the holiday's name (春节, 国庆节、中秋节)
    working_days: set[date] = field(default_factory=set)  # make-up working days (调休: a Saturday or Sunday at work)
    adjusts: str = ""  # the holiday a later notice changes (劳动节); "" for the yearly notice
    extended_to: date | None = None  # 延长春节假期至2月2日


def is_holiday_notice(title: str) -> bool:
    """Whether a title is (a copy of) the yearly holiday notice or a notice changing a holiday; cheap enough for every
    stored record."""
    if "假" not in title:
        return False
    folded = fold(title)
    return ("节假日" in folded and _TITLE.search(folded) is not None) or _adjustment_title(folded) is not None


def _adjustment_title(folded_title: str) -> re.Match[str] | None:
    """The title of a State Council notice changing a holiday (folded), else None: not the yearly notice (节假日), and only
    a title naming 国务院 (a school's or a company's 端午节放假的通知 sets no country's days)."""
    if "节假日" in folded_title or "国务院" not in folded_title:
        return None
    return _ADJUST_TITLE.search(folded_title)


def read_holiday_notice(title: str, body: str) -> HolidaySchedule | None:
    """The days a holiday notice sets; None when the title is not such a notice or its body names no day off."""
    folded_title = fold(title)
    match = _TITLE.search(folded_title)
    if match is None:
        return _read_adjustment(folded_title, body)
    year = cn_number(match.group(1))
    if year is None or not 1949 <= year <= 2200:
        return None
    schedule = HolidaySchedule(year)
    text = fold(body).replace("\r", "")
    items = list(_ITEM.finditer(text))
    for n, item in enumerate(items):
        end = items[n + 1].start() if n + 1 < len(items) else len(text)
        # a PDF's lines break anywhere (至3日 / （周六）放假, 上 / 班) and its characters may come spaced: one run of text
        _read_item(item.group(1).strip(), re.sub(r"\s+", "", text[item.end():end]), year, schedule)
    return schedule if schedule.days_off else None


def _read_adjustment(folded_title: str, body: str) -> HolidaySchedule | None:
    """A notice changing one holiday (review21: 关于调整2019年劳动节假期安排的通知 and 关于延长2020年春节假期的通知 were not
    read, the year's first notice stood): its sentences as one item's, the holiday named in its title; its year the
    title's, else the body's first."""
    match = _adjustment_title(folded_title)
    if match is None:
        return None
    text = re.sub(r"\s+", "", fold(body).replace("\r", ""))
    year_said = match.group(2) or ((found := _BODY_YEAR.search(text)) and found.group(1))
    year = cn_number(year_said) if year_said else None
    if year is None or not 1949 <= year <= 2200:
        return None
    name = match.group(3)
    schedule = HolidaySchedule(year, adjusts=name)
    if (extended := _EXTENDED_TO.search(text)) is not None:
        y, m, d = (cn_number(part) if part else None for part in extended.groups())
        try:
            schedule.extended_to = date(y or year, m or 0, d or 0)
        except ValueError:
            schedule.extended_to = None
        text = text[:extended.start()] + text[extended.end():]
    # 2月3日起正常上班 says when work resumes, no make-up day: left out
    _read_item(name, re.sub(rf"{_DAY.pattern}\s*起\s*(?:正常)?上班", "", text), year, schedule)
    return schedule if schedule.days_off or schedule.extended_to else None


def _read_item(name: str, text: str, year: int, schedule: HolidaySchedule) -> None:
    """One holiday's sentences: the dates before 放假 or 补休 are off (a range through its last day), those before 上班 at
    work. A clause is read on its own: the 2015-2017 notices print a weekend holiday's day in lieu after it
    (`4月5日放假，4月6日（星期一）补休。`: review21, the Monday was not read)."""
    # (a comma inside a date's brackets, （星期日，农历三月十七）, splits nothing)
    for sentence in re.split(r"[。；;：:]|[，,](?![^（(]*[）)])", text):
        if "补休" in sentence and "放假" not in sentence:
            sentence = sentence.replace("补休", "放假", 1)
        if "放假" in sentence:
            said = sentence[:sentence.index("放假")]
            for first, last in _ranges(said, year):
                day = first
                while day <= last:
                    schedule.days_off[day] = name
                    day += timedelta(days=1)
        elif "上班" in sentence:
            said = sentence[:sentence.index("上班")]
            schedule.working_days.update(first for first, _ in _ranges(said, year))


def _ranges(text: str, year: int) -> list[tuple[date, date]]:
    """The dates of a sentence part as (first, last) ranges: `1月1日（周四）至3日（周六）` one range, `9月28日（周日）、10月11日
    （周六）` two single days. A date printing no month or year takes the one before it (至3日), else the notice's year."""
    found: list[tuple[date, date]] = []
    month = 0
    last_end = 0
    for match in _DAY.finditer(text):
        y = cn_number(match.group(1)) if match.group(1) else None
        m = cn_number(match.group(2)) if match.group(2) else None
        d = cn_number(match.group(3))
        if (m is None and not month) or d is None:
            continue
        if y is not None:
            year = y
        month = m or month
        try:
            day = date(year, month, d)
        except ValueError:
            continue
        if found and _THROUGH.search(text[last_end:match.start()]) and day >= found[-1][0]:
            found[-1] = (found[-1][0], day)  # the end of a range
        elif found and _THROUGH.search(text[last_end:match.start()]) and m is None and day < found[-1][0]:
            # 12月30日至1月1日 printed without the next month would go back: the range runs into the next month
            nxt = date(year + (month == 12), month % 12 + 1, d)
            found[-1] = (found[-1][0], nxt)
        else:
            found.append((day, day))
        last_end = match.end()
    return found
