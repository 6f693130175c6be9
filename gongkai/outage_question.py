""""Is my street cut tomorrow?" typed into the search box: the place, the day and the utility it asks about.

Citizens type the question, not a form: 湖滨南路明天停电吗, 明天湖滨南路会停水吗, 请问莲花北路5月21日停电吗,
思明区停电. A query is an outage question when it holds an outage word (停电, 停水, 断电, 没水 …) and, once
that word, a day (今天/明天/后天/大后天, a date in any form gongkai.dates reads, or 5月21日 without a year) and
the question's own words (请问, 会不会, 吗 …) are taken out, what is left is a place the outage lookup reads
(gongkai.outage_areas.parse_query). The search page answers it with the outage lookup's own answer
(Engine.outages) above the search results; anything else is no question and changes nothing.

A day with no place (明天哪里停电, 今天停电吗, 厦门市明天停电吗, 2024年5月8日停电) asks about the whole city: the
answer is every outage of that day (Engine.outages_on). 周末 asks about two days (Saturday and Sunday).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from gongkai.dates import cn_small_number, date_spans
from gongkai.holidays import find_holiday, holiday_days
from gongkai.outage_areas import area_group, parse_query, without_city
from gongkai.outages import answer_json, covered_days
from gongkai.textnorm import fold

if TYPE_CHECKING:  # for annotations only: the engine is handed in, never imported here
    from gongkai.engine import Engine

#: The utilities of gongkai.notices.OutageEvent each question's character asks about ("unknown": any question).
_UTILITIES = {"电": "power", "水": "water", "气": "gas"}
#: Outage words and the utility they ask about (电 power, 水 water, 气 gas).
UTILITY_WORDS: dict[str, str] = {
    "停电": "电", "断电": "电", "没电": "电", "限电": "电", "停水": "水", "断水": "水", "没水": "水",
    "停气": "气", "断气": "气", "停燃气": "气", "停水停电": "水电", "停电停水": "水电",
    "停不停电": "电", "停不停水": "水", "停不停气": "气", "停煤气": "气", "停天然气": "气", "停自来水": "水",
    "停供水": "水", "停供电": "电", "暂停供电": "电", "暂停供水": "水", "暂停供气": "气", "停止供电": "电", "停止供水": "水",
    # When it comes back (湖滨南路什么时候来电, 今天几点来水): the same outage's window answers it.
    "来电": "电", "来水": "水", "来气": "气", "复电": "电", "恢复供电": "电", "恢复供水": "水", "恢复供气": "气",
}
#: Days said in words, from today (Beijing).
DAY_WORDS: dict[str, int] = {"大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明早": 1, "明晚": 1, "今天": 0, "今日": 0,
                             "今晚": 0, "今早": 0, "昨天": -1, "昨日": -1, "昨晚": -1, "前天": -2,
                             # spoken (明儿个 before 明儿: the longer word first)
                             "明儿个": 1, "明儿": 1, "今儿个": 0, "今儿": 0, "后儿个": 2, "昨儿个": -1, "昨儿": -1}
#: The part of the day (明天早上): the lookup answers for the whole day.
_PARTS_OF_DAY = ("早上", "上午", "中午", "下午", "晚上", "傍晚", "夜里", "夜间", "凌晨", "白天", "全天")
#: The question's own words, taken out wherever they stand (none is part of a place name).
QUESTION_WORDS = ("请问", "会不会", "是不是", "要不要", "是否", "有没有", "没有", "那边", "周边", "什么时候", "到几点", "几点", "多久", "为什么", "怎么",
                  "我家", "我们家", "我们", "附近", "这边", "一带", "通知", "公告", "安排", "计划", "情况", "查询", "检修",
                  # The part of the day (明天早上): the lookup answers for the whole day.
                  *_PARTS_OF_DAY,
                  # 哪里/哪些地方 ask which places: no place of their own (明天哪里停电 names none; 里 ends place names).
                  # 哪个小区/哪些小区 too: 小区 ends place names, so without them 明天哪些小区停水 asked about a place named 小区.
                  "哪些地方", "哪些区域", "什么地方", "哪个地方", "哪个区域", "哪些小区", "哪个小区", "哪些片区", "哪个片区",
                  "哪些路段", "哪条路", "哪些路", "哪里", "哪儿", "哪些",
                  # A notice's title pasted (5月21日思明区莲花北路等片区计划停电通知): its place without 等片区, 关于.
                  "等片区", "等区域", "等地区", "等路段", "关于",
                  # A holiday's span said around it (国庆节期间停电吗, 春节放假停水吗): the holiday is the day.
                  "期间", "放假", "两天", "前后", "左右")  # 周末两天, 元旦前后
#: Particles, taken out at the end only (会 and 要 begin place names: 会展中心).
TRAILING = "吗呢么吧了的要会啊嘛啦有没不还又"
#: Words taken out at the end only (湖滨南路停电时间): 信息 and 时间 may be part of a name (软件园信息大厦).
TRAILING_WORDS = re.compile(r"(?:时间|信息|范围)$")
_PUNCTUATION = re.compile(r"[\s？?。！!，,、：:；;“”\"']+")
#: A time of day (3点, 8:00, 上午8点半, 8点到12点): the lookup answers for the whole day; left in, 明天下午3点湖滨南路停电吗
#: asked about a place named 3点湖滨南路 and 湖滨南路明天8:00停电吗 nothing (8:00 lost its colon with the punctuation).
_CLOCK = r"(?:(?<![\d.])(?:[01]?\d|2[0-4])\s*[:：]\s*[0-5]\d|(?<![\d号.])(?:[01]?\d|2[0-4]|[一二三四五六七八九十两]{1,3})\s*[点时](?:\s*(?:半|[0-5]?\d\s*分|[一二三四五]?十?[一二三四五六七八九]?分))?)"
_CLOCK_TIMES = re.compile(rf"{_CLOCK}(?:\s*(?:到|至|-|—|~|～)\s*(?:{'|'.join(_PARTS_OF_DAY)})?\s*{_CLOCK})?")  # 9点至下午5点
#: Several places asked at once (莲花北路和湖滨南路, 思明区、湖里区): the lookup reads one place, and the two read as one
#: name matched nothing (没有查到 beside 莲花北路's outage). Such a query stays a search.
_SEVERAL_PLACES = re.compile(r"(?:[路街巷弄道号村]|社区|小区|大厦|花园)(?:和|与|跟|及|以及|或)(?=.{2,}$)|区(?:和|与|跟|及|以及|或)(?=.*区$)")
#: Full-width ／ and ． typed in a date (１２／７): textnorm.fold keeps them (it folds letters and digits), _SLASH_DAY reads / and .
_DATE_MARKS = str.maketrans({"／": "/", "．": ".", "－": "-"})
#: A section printed after a road in brackets (湖滨南路（禾祥西路至湖滨一里段）, pasted from a notice): the name ends before it.
_SECTION_AFTER = re.compile(r"[（(][^（）()]*[)）]$")
#: A day in brackets beside another saying of it (明天（12月6日）, 12月7日(周一)): the brackets go, the day is read once.
_BRACKETED = re.compile(r"[（(]([^（）()]{1,12})[)）]")
#: A clause giving the cause (因线路检修，湖滨南路明天停电): no part of the place.
_CAUSE_CLAUSE = re.compile(r"(?:^|(?<=[。！!，,；;]))\s*(?:因|由于|为了|根据)[^。！!，,；;]*[。！!，,；;]")
#: The whole city is no place the lookup answers for (it would say 没有查到 beside tomorrow's outages).
_CITY_ALONE = frozenset({"厦门", "厦门市", "福建省厦门市", "全市", "本市", "全厦门", "全厦门市", "整个厦门", "整个厦门市"})
#: Where the asker is, not a place the lookup can read (这里停电, 家里明天停电吗, 我们小区停水): they end as names of
#: places end (里, 区, 院), so they were answered 没有查到“这里”的停电通知. As no place: a day asks about the whole city.
_NO_PLACE = frozenset({"这里", "那里", "这儿", "那儿", "家里", "家", "楼里", "楼上", "楼下", "村里", "城里", "市区", "本区",
                       "小区", "社区", "片区", "本小区", "本社区", "本村", "村", "楼", "医院", "隔壁", "单位", "宿舍", "楼道", "院里",
                       "学校", "小学", "中学", "大学", "酒店", "宾馆", "饭店", "码头", "商场", "超市", "体育馆", "图书馆"})
#: "Mine" or "this" before such a word (我这里, 这个小区, 咱们村里): no part of a place's name.
_ASKER = re.compile(r"^(?:我们|咱们|我家|我|咱|这个|那个)")
_CN_NUMBER = "(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
#: 5月21日, 十二月七日, and this month's or next month's day (本月7日, 下个月3号).
_MONTH_DAY = re.compile(rf"(?<![\d年〇零一二三四五六七八九十])(?P<m>1[0-2]|0?[1-9]|{_CN_NUMBER}|本|这个|下个?|上个?)\s*月\s*"
                        rf"(?P<d>3[01]|[12]\d|0?[1-9]|{_CN_NUMBER})\s*(?:[日号]|(?![\d〇零一二三四五六七八九十日号楼栋]))")
#: 12/7, 12.7 and 12-7 (month/day, as dates are written in Chinese; a length has no / or . between, and a
#: house number 12-7号 or a floor 12-7栋 keeps what follows it).
_SLASH_DAY = re.compile(r"(?<![\d./-])(?P<m>1[0-2]|0?[1-9])[/.-](?P<d>3[01]|[12]\d|0?[1-9])(?![\d./%-]|号|栋|幢|楼|室|单元|层|#)")
#: A day of the month alone (7号, 七号, 二十七日): not a house number, so not after the end of a road's or a
#: building's name (湖滨南路7号) nor before 楼/栋 (7号楼); not 号 after 月 (12月7号 is _MONTH_DAY's).
_DAY_OF_MONTH = re.compile(rf"(?<![\d〇零一二三四五六七八九十月])(?:(?P<d>3[01]|[12]\d|0?[1-9]|{_CN_NUMBER})\s*日|"
                           rf"(?<![路街巷弄道里村楼栋幢座院园苑期区坊#-])(?P<n>3[01]|[12]\d|0?[1-9]|{_CN_NUMBER})\s*号)(?![楼栋幢院室座线])")
#: A part of a month (月初 1-10, 月中 11-20, 月底 21 to the end; 上旬, 中旬, 下旬 likewise).
_PART = r"(?P<p>初|上旬|中旬|下旬|中|底|末)?"
_PARTS = {"初": (1, 10), "上旬": (1, 10), "中": (11, 20), "中旬": (11, 20), "底": (21, 31), "末": (21, 31), "下旬": (21, 31)}
#: This month or the next, said alone (本月, 这个月: today to the month's last day; 下个月, 下月: all of it), or a part
#: of it (月底, 本月初, 下个月中旬; 月初 alone is the next month's once this month's is over); not 本月7日.
_MONTH = re.compile(rf"(?:(?P<w>本|这个?|下个?|上个?)月(?:份)?|(?<![\d〇零一二三四五六七八九十])月(?=初|上旬|中旬|下旬|底|末)){_PART}")
#: A month named alone (12月份, 十一月, 1月, 12月底): all of it (or the part said), this year's, or the next year's when
#: this year's is over and the next begins within _YEAR_TURN (1月份 asked in December); not a month and day (12月7号).
_MONTH_NAMED = re.compile(rf"(?<![\d年〇零一二三四五六七八九十])(?P<m>1[0-2]|0?[1-9]|{_CN_NUMBER})\s*月(?:份)?{_PART}"
                          rf"(?![\d〇零一二三四五六七八九十日号初底])")
#: 近期, 最近, 这几天 …: today and the next search.outage_recent_days days (an honest range: notices announce
#: outages days ahead; the past ones are no answer to 最近停电吗 asked as a warning).
_RECENT = re.compile(r"近期|最近几天|最近一段时间|最近|近几天|这几天|近日|这段时间|未来几天|接下来几天|这些天|近来")
#: A number of days from today (近三天, 未来两天, 这三天, 最近7天): today and the days after it, that many in all.
_N_DAYS = re.compile(r"(?:最近|近|未来|接下来的?|这)(?P<n>[两二三四五六七八九十]|[1-9]\d?)(?:个)?天")
#: The default of search.outage_recent_days (gongkai.settings), for callers without the settings.
RECENT_DAYS = 7
#: A weekday (周一, 星期五, 下周三, 这个礼拜天, 周3): 周一 is the coming one (today included), 这周一 this week's, 下周一 next week's.
_WEEKDAY = re.compile(r"(?P<w>下下|下|这|本|上上|上)?个?(?:周|星期|礼拜)(?P<d>[一二三四五六日天]|[1-7](?!\d))")
#: The weekend (周末, 这个周末, 下周末): Saturday and Sunday, asked as two days.
_WEEKEND = re.compile(r"(?P<w>下下|下|这|本|上上|上)?个?(?:周末|双休日|(?:周|星期|礼拜)六日)")
#: A week (这周, 本星期, 下周, 下个礼拜), not a weekday of it (下周三) nor its weekend: this week from today, or next week.
_WEEK = re.compile(r"(?P<w>下下|下|这|本|上上|上)个?(?:周|星期|礼拜)(?![一二三四五六日天末1-7])")
#: Two days said as one (这两天, 明后天): the first and the last day from today. Read before DAY_WORDS (明后天 holds 后天).
DAY_RANGES: dict[str, tuple[int, int]] = {"今明两天": (0, 1), "今明天": (0, 1), "这两天": (0, 1), "明后两天": (1, 2), "明后天": (1, 2)}
_LONGEST_FIRST = sorted(UTILITY_WORDS, key=len, reverse=True)
#: How the names of places end (a road, a community, a building, a district; a house number): what is left of
#: "停电期间给您带来不便" is no place, so that sentence is no question.
_PLACE_END = re.compile(
    r"(?:[路街巷弄里村镇乡区县市岛屿湾山桥院园苑庄寨堡坊湖港站场厂楼栋幢座城]|(?<!管)道|社区|小区|花园|大厦|广场|中心|公寓|新村|家园|"
    r"片区|[一二三四五六七八九十0-9]+期|[0-9０-９]+号(?:楼|院)?|"
    # schools, hotels, halls and piers are named places too (厦门大学明天停电吗 asked nothing)
    r"大学|中学|小学|学校|酒店|宾馆|饭店|码头|体育馆|图书馆|博物馆|展览馆|科技馆|商城|商厦)$"
)


#: How the answer names the whole city (a question with a day and no place).
WHOLE_CITY = "全市"


@dataclass(frozen=True)
class OutageQuestion:
    area: str  # the place, as the outage lookup takes it; "" for the whole city (asked with a day only)
    day: date | None  # None: no day asked (the lookup's answer for any day)
    utility: str  # 电, 水, 气 or 水电
    day_text: str = ""  # the words that named the day (明天, 5月21日)
    until: date | None = None  # the last day asked, when more than one (周末: Saturday, then Sunday)

    @property
    def place(self) -> str:
        """The place as the answer says it back: the area, or 全市."""
        return self.area or WHOLE_CITY

    @property
    def days(self) -> list[date | None]:
        """Each day asked, in order ([None]: any day)."""
        if self.day is None or self.until is None:
            return [self.day]
        return [self.day + timedelta(days=n) for n in range((self.until - self.day).days + 1)]

    @property
    def said_day(self) -> str:
        """The day's word when it was one (明天, 周末), to say it back beside its date; '' for a date."""
        words = (self.day_text in DAY_WORDS or self.day_text in DAY_RANGES or _WEEKDAY.fullmatch(self.day_text)
                 or _WEEKEND.fullmatch(self.day_text) or _WEEK.fullmatch(self.day_text) or _RECENT.fullmatch(self.day_text)
                 or _N_DAYS.fullmatch(self.day_text) or _MONTH.fullmatch(self.day_text)
                 or ((found := find_holiday(self.day_text)) and found[0].group() == self.day_text))
        return self.day_text if words else ""

    @property
    def when(self) -> str:
        """The day as the answer says it back: 2026-12-07（明天）, 2024-05-06, 2026-12-12至2026-12-13（周末）,
        or 今后 with no day asked."""
        if self.day is None:
            return "今后"
        days = self.day.isoformat() + (f"至{self.until.isoformat()}" if self.until else "")
        return days + (f"（{self.said_day}）" if self.said_day else "")


def read_outage_question(query: str, today: date, recent_days: int = RECENT_DAYS) -> OutageQuestion | None:
    """The outage question a search query asks, or None when it asks none. `recent_days`: how many days after
    today 近期/最近/这几天 ask about (search.outage_recent_days)."""
    # Folded: 停電 and ５月２１日 ask what 停电 and 5月21日 ask (one character for one: Traditional, full-width).
    text = _CLOCK_TIMES.sub("", _CAUSE_CLAUSE.sub("", fold(query or "").translate(_DATE_MARKS)))
    text = _BRACKETED.sub(lambda match: match[1] if _only_a_day(match[1], today) else match[0], text)
    text = _PUNCTUATION.sub("", text.replace("、", "和"))  # 、 between places: 和 (_SEVERAL_PLACES)
    utility = next((word for word in _LONGEST_FIRST if word in text), None)
    if utility is None or len(text) > 60:
        return None
    taken = _take_days(text.replace(utility, "", 1), today, recent_days)
    if taken is None:
        return None  # 2月30日: no such day, no question to answer
    day, until, day_text, text = taken
    for word in QUESTION_WORDS:
        text = text.replace(word, "")
    text = without_city(TRAILING_WORDS.sub("", text.rstrip(TRAILING)).rstrip(TRAILING))
    if _ASKER.sub("", text) in _NO_PLACE:
        text = ""
    if day is not None and (text in _CITY_ALONE or not text):
        # A day and no place (明天哪里停电, 今天停电吗): the whole city that day. Without a day, 停电 alone is a search.
        return OutageQuestion(area="", day=day, utility=UTILITY_WORDS[utility], day_text=day_text, until=until)
    if (group := area_group(text)) is not None:  # 岛内, 岛外 (data/outage_area_groups.toml): no name ends as a place's
        return OutageQuestion(area=group.name, day=day, utility=UTILITY_WORDS[utility], day_text=day_text, until=until)
    if len(text) < 2 or text in _CITY_ALONE or any(word in text for word in UTILITY_WORDS) or not _PLACE_END.search(_SECTION_AFTER.sub("", text)) or parse_query(text) is None:
        return None
    if _SEVERAL_PLACES.search(text):
        return None
    return OutageQuestion(area=text, day=day, utility=UTILITY_WORDS[utility], day_text=day_text, until=until)


#: Words said with a day in an outage question (周末两天, 国庆期间, 春节放假): no search words there either.
_TIME_FILLERS = ("两天", "期间", "假期", "放假", "前后", "左右")
def time_word_spans(text: str, today: date | None = None, outage_query: str | None = None) -> list[tuple[int, int]]:
    """Where a query about an outage (one holding an outage word) says when in words notices never print (明天,
    下周, 近期, 国庆节, 周三, 7号, 12/7, 12-7, 十二月七号, a time of day: 3点, 8:00), as (start, end) offsets of `text`
    (folded, as the search folds it): the search under such a query, also one that asks no answerable question
    (several places), must not require them, or it is a relaxed answer 未包含“下周” beside the notices that
    answer it: also 5月21日, which the search would take as 5月 and 21日 anywhere. A whole date (2024年5月8日) stays a
    search word (one segment for every writing of that day, and the records published on it). [] for any other query.
    `outage_query`: the whole query `text` is a part of (湖滨南路 下周 停电: the outage word is in another clause)."""
    masked = text.translate(_DATE_MARKS)  # one character for one: offsets stay those of `text`
    if not any(word in (masked if outage_query is None else outage_query) for word in UTILITY_WORDS):
        return []
    spans = [match.span() for match in _CLOCK_TIMES.finditer(masked)]
    for start, end in spans:
        masked = masked[:start] + "\0" * (end - start) + masked[end:]
    for utility in _LONGEST_FIRST:  # 停电 is no day word, and what stands on both sides of it is no one word
        masked = masked.replace(utility, "\0" * len(utility))
    for _ in range(4):  # 明天 … 下午 …: each way of saying when, once
        taken = _take_days(masked, today or date.today())  # 12月7日至9日: the 至 too
        if taken is None or not taken[2]:
            break
        word = taken[2]
        at = masked.find(word)
        if at < 0:
            break
        if not date_spans(word):  # a whole date (2024年5月8日) is one search word for any writing of it, and its records' day
            spans.append((at, at + len(word)))
        masked = masked[:at] + "\0" * len(word) + masked[at + len(word):]
    for filler in _TIME_FILLERS:  # 周末两天, 国庆期间, 春节放假: said with the day, no more printed than it
        spans.extend(match.span() for match in re.finditer(filler, masked))
    return sorted(spans)


def group_districts(word: str, outage_query: str) -> tuple[str, ...]:
    """The districts an area group (岛内: 思明区, 湖里区) stands for when a query about an outage names it: the search
    under 岛内明天停电吗 looks for them (no notice prints 岛内). () for any other word or query."""
    group = area_group(word)
    if group is None or not any(utility in outage_query for utility in UTILITY_WORDS):
        return ()
    return tuple(sorted(group.districts))


def _only_a_day(text: str, today: date) -> bool:
    taken = _take_day(_PUNCTUATION.sub("", text), today)
    return taken is not None and taken[0] is not None and not taken[3]


def read_asked_day(text: str, today: date) -> date | None:
    """One day said as the search box reads it (今天, 明天, 后天, 周一, 下周三, 5月21日, 十二月七日, 12/7), for the outage
    lookup's date field (/outages, /api/notices/outages, gongkai outages --date), beside the written dates
    gongkai.dates reads; None when the text is no such day (周末 is two days: the lookup takes one)."""
    text = _PUNCTUATION.sub("", _CLOCK_TIMES.sub("", fold(text or "").translate(_DATE_MARKS)))
    for word in _PARTS_OF_DAY:  # 后天晚上, 周一上午 as the search box reads them: the day
        text = text.replace(word, "")
    taken = _take_days(text, today)  # the search box's own reading, of a text that is nothing but one day
    if taken is None or taken[1] is not None or taken[3]:
        return None
    return taken[0]


#: Between the two days of a range (12月7日至9日, 下周一到周三, 今天明天, 周六周日): nothing, or one of these.
_RANGE_JOINS = ("", "至", "到", "和", "或", "及", "与", "-", "~", "～", "—", "——")
#: The longest range of days asked as one question (a longer one is no range: 1月1日到12月31日).
_LONGEST_RANGE = timedelta(days=31)


def _take_days(text: str, today: date, recent_days: int = RECENT_DAYS) -> tuple[date | None, date | None, str, str] | None:
    """The day or days a text names (_take_day), and a range said with two days (12月7日至9日, 12月7日到12月9日, 下周一到
    周三, 今天明天, 周六周日): the first to the last, the words of both and what stands between them taken out."""
    first = _take_day(text, today, recent_days)
    if first is None or first[0] is None or first[1] is not None:
        return first
    at = text.find(first[2])
    masked = text[:at] + "\0" * len(first[2]) + text[at + len(first[2]):]
    second = _take_day(masked, today, recent_days)
    if second is None or second[0] is None or second[1] is not None:
        return first
    where = masked.find(second[2])
    start, end = sorted((at, where))
    between = text[start + len(first[2] if start == at else second[2]) : end]
    if between not in _RANGE_JOINS:
        return first
    day, other = first[0], second[0]
    if where > at and (match := _DAY_OF_MONTH.fullmatch(second[2])) is not None:  # 12月7日至9日: the 9th after the 7th
        other = _day_of_month(_number(match["d"] or match["n"]), day, past=timedelta(0)) or other
    low, high = (day, other) if where > at else (other, day)  # said first, first (今天明天; 明天 is read first)
    words = text[start : max(at + len(first[2]), where + len(second[2]))]
    if low == high and between == "":  # one day said twice (12月7号周一, 明天（12月6日）): both words are the day
        return low, None, words, text.replace(words, "", 1)
    if high <= low or high - low > _LONGEST_RANGE:
        return first
    return low, high, words, text.replace(words, "", 1)


def _take_day(text: str, today: date, recent_days: int = RECENT_DAYS) -> tuple[date | None, date | None, str, str] | None:
    """The day a text names, the first way found: (first day or None, last day when several, the words that said
    it, the text without them); None when it names a day that does not exist (2月30日). The order matters: 周末
    before 周, 明后天 before 后天, 最近三天 before 最近, a weekday after the day words, a written date before a
    month and day, a month and day before a day of the month alone."""
    if (match := _WEEKEND.search(text)) is not None:
        saturday = _weekend(match, today)
        return saturday, saturday + timedelta(days=1), match.group(), text[: match.start()] + text[match.end():]
    for word, (first, last) in DAY_RANGES.items():
        if word in text:
            return today + timedelta(days=first), today + timedelta(days=last), word, text.replace(word, "", 1)
    if (match := _N_DAYS.search(text)) is not None and (days := _number(match["n"])) >= 1:
        if days > _LONGEST_RANGE.days:
            return None  # 最近99天: no question one lookup answers (a search instead)
        return today, today + timedelta(days=days - 1), match.group(), text[: match.start()] + text[match.end():]
    if (match := _RECENT.search(text)) is not None:
        return today, today + timedelta(days=recent_days), match.group(), text[: match.start()] + text[match.end():]
    if (found := find_holiday(text)) is not None:
        match, holiday = found
        period = holiday_days(holiday, today)
        if period is None:
            return None
        opening, closing = period
        return opening, (closing if closing != opening else None), match.group(), text[: match.start()] + text[match.end():]
    if (match := _WEEK.search(text)) is not None:
        return *_week(match, today), match.group(), text[: match.start()] + text[match.end():]
    for word, offset in DAY_WORDS.items():
        if word in text:
            return today + timedelta(days=offset), None, word, text.replace(word, "", 1)
    if (match := _WEEKDAY.search(text)) is not None:
        return _weekday(match, today), None, match.group(), text[: match.start()] + text[match.end():]
    spans = date_spans(text)
    if spans:
        start, end, day = spans[0]
        return day, None, text[start:end], text[:start] + text[end:]
    if (match := _MONTH_DAY.search(text) or _SLASH_DAY.search(text)) is not None:
        month_day = _month_day(match["m"], _number(match["d"]), today)
        return None if month_day is None else (month_day, None, match.group(), text[: match.start()] + text[match.end():])
    if (match := _DAY_OF_MONTH.search(text)) is not None:
        of_month = _day_of_month(_number(match["d"] or match["n"]), today)
        return None if of_month is None else (of_month, None, match.group(), text[: match.start()] + text[match.end():])
    if (match := _MONTH.search(text)) is not None:
        opening, closing = _month(_MONTH_STEP.get(match["w"][:1] if match["w"] else "", 0), today)
        if match["p"]:
            opening, closing = _month_part(opening.replace(day=1), match["p"])
            if closing < today and not match["w"]:  # 月初 asked on the 25th: the next month's
                opening, closing = _month_part((opening + timedelta(days=32)).replace(day=1), match["p"])
            opening = max(opening, today) if opening <= today <= closing else opening
        return opening, closing, match.group(), text[: match.start()] + text[match.end():]
    if (match := _MONTH_NAMED.search(text)) is not None and 1 <= (month := _number(match["m"])) <= 12:
        opening, closing = _month_part(date(today.year, month, 1), match["p"])
        if closing < today and date(today.year + 1, month, 1) - today <= _YEAR_TURN:
            opening, closing = _month_part(date(today.year + 1, month, 1), match["p"])
        return opening, closing, match.group(), text[: match.start()] + text[match.end():]
    return None, None, "", text


#: How near the turn of the year a month and day without a year may be another year's (1月1日 asked on 12月31日).
_YEAR_TURN = timedelta(days=60)


def _number(text: str) -> int:
    """12 or 十二 (up to 三十一; 两 is 2)."""
    return int(text) if text.isdigit() else 2 if text == "两" else cn_small_number(text)


#: A day of the month alone this many days past is still this month's (5号停电了吗 asked on the 6th); further past,
#: the next month's (1号 asked on the 30th is the coming 1st).
_DAY_OF_MONTH_PAST = timedelta(days=3)


def _month_part(first: date, part: str | None) -> tuple[date, date]:
    """The days of a month (its first day given), or of a part of it (初: 1-10, 中: 11-20, 底: 21 to its end)."""
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if not part:
        return first, last
    low, high = _PARTS[part]
    return first.replace(day=low), min(last, first.replace(day=min(high, last.day)))


_MONTH_STEP = {"下": 1, "上": -1}


def _month(step: int, today: date) -> tuple[date, date]:
    """This month from today to its last day (本月, step 0), or the next (下个月, 1) or the last (上个月, -1) whole."""
    first = today.replace(day=1)
    if step > 0:
        first = (first + timedelta(days=32)).replace(day=1)
    elif step < 0:
        first = (first - timedelta(days=1)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return (max(first, today) if step == 0 else first), last


def _day_of_month(day: int, today: date, past: timedelta = _DAY_OF_MONTH_PAST) -> date | None:
    """7号 said alone: this month's 7th, unless it is over by more than `past`, then the next month holding a 7th
    (31号 skips a month of 30 days)."""
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today - past:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _month_day(month_text: str, day: int, today: date) -> date | None:
    """5月21日 of this year; but next year's when it is at most _YEAR_TURN ahead (on 12月31日, 1月1日 is tomorrow)
    and last year's when it is at most _YEAR_TURN past (on 1月1日, 12月31日 was yesterday). 本月/下个月: this
    month's or the next one's."""
    if month_text in ("本", "这个", "下", "下个", "上", "上个"):
        month = today.month + _MONTH_STEP.get(month_text[:1], 0)
        year = today.year + (month - 1) // 12
        try:
            return date(year, (month - 1) % 12 + 1, day)
        except ValueError:
            return None
    month = _number(month_text)
    for year in (today.year + 1, today.year - 1, today.year):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if year == today.year or abs(candidate - today) <= _YEAR_TURN:
            return candidate
    return None


def _monday(match: re.Match[str], today: date) -> date:
    """The Monday of the week a 这/本 (this), 下 (next) or 下下 before 周/星期/礼拜 names (none: this week)."""
    weeks = {None: 0, "这": 0, "本": 0, "下": 1, "下下": 2, "上": -1, "上上": -2}[match["w"]]
    return today - timedelta(days=today.weekday()) + timedelta(weeks=weeks)


def _week(match: re.Match[str], today: date) -> tuple[date, date]:
    """This week from today to its Sunday (这周, 本星期), or next week Monday to Sunday (下周; 下下周 the one after; 上周
    the last one)."""
    monday = _monday(match, today)
    sunday = monday + timedelta(days=6)
    return (max(today, monday) if monday <= today <= sunday else monday), sunday


def _weekend(match: re.Match[str], today: date) -> date:
    """The Saturday of the weekend asked: 周末 and 这周末 this week's (asked on a Sunday, the weekend under way),
    下周末 next week's (weeks begin on Monday)."""
    return _monday(match, today) + timedelta(days=5)


def _weekday(match: re.Match[str], today: date) -> date:
    weekday = int(match["d"]) - 1 if match["d"].isdigit() else min("一二三四五六日天".index(match["d"]), 6)
    if not match["w"]:
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    return _monday(match, today) + timedelta(days=weekday)


@dataclass(frozen=True)
class OutageAnswer:
    """An outage question and the outage lookup's answer to it."""

    question: OutageQuestion
    found: list[tuple[Any, list[Any]]]  # (notice record, its events that answer the question)
    today: date

    def as_json(self) -> dict[str, Any]:
        """The outage lookup's JSON answer for the question's place and day (gongkai.outages.answer_json),
        with the utility asked about (电, 水, 气 or 水电) and the last day asked (`until`, null for one day).
        The whole city's answer has the area ""."""
        until = self.question.until.isoformat() if self.question.until else None
        return {**answer_json(self.question.area, self.question.day, self.found), "utility": self.question.utility, "until": until}


def answer_outage_question(engine: Engine, query: str, today: date | None = None) -> OutageAnswer | None:
    """The outage question a search query asks, answered by the outage lookup (Engine.outages) and narrowed
    to the question (answered_events); None when the query asks none. The search page, /api/search and
    `gongkai search` all show it beside their results."""
    from gongkai.dates import beijing_today
    from gongkai.errors import QueryError

    today = today or beijing_today()
    question = read_outage_question(query, today, engine.settings.search.outage_recent_days)
    if question is None:
        return None
    # One lookup for every day asked (周末, 下周, 国庆: each notice once, its windows on any of those days)
    try:
        if question.area:
            answer = engine.outages(question.area, question.day, question.until)
        else:
            answer = engine.outages_on(question.day, question.until)  # type: ignore[arg-type]
    except QueryError:
        return None
    return OutageAnswer(question, answered_events(question, answer, today), today)


def answered_events(question: OutageQuestion, found: list[tuple[Any, list[Any]]], today: date) -> list[tuple[Any, list[Any]]]:
    """The outage lookup's answer (Engine.outages: notice, its events naming the place) narrowed to the
    question: events of the utility asked about (or of an unknown one), and, with no day asked, those not
    over before today (a citizen typing 思明区停电 wants what is coming, not 2011's)."""
    wanted = {_UTILITIES[ch] for ch in question.utility} | {"unknown"}
    answer = []
    for notice, events in found:
        kept = [e for e in events if e.utility in wanted and (question.day is not None or _not_over(e, today))]
        if kept:
            answer.append((notice, kept))
    return answer


def _not_over(event: Any, today: date) -> bool:
    days = covered_days(event)
    return days is not None and days[1] >= today
