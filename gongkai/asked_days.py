"""When a question asks about: the day or days a Chinese text names, from today (Beijing).

明天, 后天, 周三, 下周, 周末, 这两天, 近期, 最近三天, 本月, 下个月初, 国庆 (gongkai.holidays), 5月21日, 十二月七号, 12/7, 12-7,
7号, a date in any form gongkai.dates reads, and a range of two of them (12月7日至9日, 下周一到周三). The outage question
(gongkai.outage_question) and the outage lookup's date field (read_asked_day) read days here, so they read them alike.
`take_days` gives (first day, last day when several, the words that said it, the text without them).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from gongkai.dates import cn_number, date_spans, year_month_spans
from gongkai.holidays import YEAR_WORDS, find_holiday, holiday_days, lunar_day
from gongkai.place_ends import ESTATE_ENDS, HOUSE_NUMBER_AFTER, NAMED_ONE_ENDS
from gongkai.textnorm import fold

#: Days said in words, from today (Beijing).
DAY_WORDS: dict[str, int] = {"大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明早": 1, "明晚": 1, "今天": 0, "今日": 0,
                             "今晚": 0, "今早": 0, "昨天": -1, "昨日": -1, "昨晚": -1, "前天": -2,
                             # spoken (明儿个 before 明儿: the longer word first)
                             "明儿个": 1, "明儿": 1, "今儿个": 0, "今儿": 0, "后儿个": 2, "昨儿个": -1, "昨儿": -1,
                             # now: today (现在停电了吗, 刚刚湖滨南路停电了吗: the lookup answers for the day)
                             "现在": 0, "目前": 0, "此刻": 0, "刚刚": 0, "刚才": 0}
#: The part of the day (明天早上): no part of the place; the hours it asks are gongkai.asked_hours'.
PARTS_OF_DAY = ("早上", "上午", "中午", "下午", "晚上", "傍晚", "夜里", "夜间", "凌晨", "白天", "全天",
                "早晨", "一早", "清早", "晚间", "半夜", "深夜")  # outages12: 明天一早, 今天半夜 asked nothing
#: Taken out before the day is read (湖滨南路 明天 停电吗, 明天，湖滨南路停电吗, 湖滨南路【明天】停电吗: 【】《》「」『』 too;
#: not ()（）, read by the outage question as a bracketed day, nor 〔〕 of a 文号).
PUNCTUATION = re.compile(r"[\s？?。！!，,、：:；;“”\"'【】《》「」『』…]+")
#: A time of day (3点, 8:00, 上午8点半, 8点到12点): the lookup answers for the whole day; left in, 明天下午3点湖滨南路停电吗
#: asked about a place named 3点湖滨南路 and 湖滨南路明天8:00停电吗 nothing (8:00 lost its colon with the punctuation).
_CLOCK = r"(?:(?<![\d.])(?:[01]?\d|2[0-4])\s*[:：]\s*[0-5]\d|(?<![\d号.])(?:[01]?\d|2[0-4]|[一二三四五六七八九十两俩]{1,3})\s*[点时](?:\s*(?:半|[0-5]?\d\s*分|[一二三四五]?十?[一二三四五六七八九]?分))?)"
#: Before or after a time (十一点后, 8点以前): 后/前 alone only before the outage word or a particle (8点后埔社区 is 后埔社区).
_CLOCK_SIDE = r"(?:\s*(?:以后|之后|过后|以前|之前|[前后](?=[停断没有会要还是吗呢么]|$)))?"
CLOCK_TIMES = re.compile(rf"{_CLOCK}(?:\s*(?:到|至|-|—|~|～)\s*(?:次日|第二天|翌日)?\s*(?:{'|'.join(PARTS_OF_DAY)})?\s*{_CLOCK})?{_CLOCK_SIDE}")  # 9点至下午5点, 10点到次日凌晨2点
#: Full-width ／ and ． typed in a date (１２／７): textnorm.fold keeps them (it folds letters and digits), _SLASH_DAY reads / and .
DATE_MARKS = str.maketrans({"／": "/", "．": ".", "－": "-"})
#: 夭 typed for 天 after a day's first character (明夭, 今夭, 后夭: the two look alike and sit side by side in pinyin
#: candidate lists); 夭 ends no day word, so only there is it read as 天.
_DAY_TYPO = re.compile(r"(?<=[明今后昨前])夭")
#: 号 typed for 日 after a whole date (2026年12月7号, 二〇二六年十二月七号): gongkai.dates reads 日 only, so 2026年12月7 was
#: the date and 号 a place, and the Chinese form no date at all (both asked nothing).
_WHOLE_DATE_HAO = re.compile(r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                             r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*号")


def as_typed_day(text: str) -> str:
    """`text` (folded) with its date marks and typos read as meant (１２／７ → 12/7, 明夭 → 明天, 2026年12月7号 → …7日),
    one character for one: offsets into it are those of `text`."""
    text = _DAY_TYPO.sub("天", text.translate(DATE_MARKS))
    return _WHOLE_DATE_HAO.sub(lambda match: match.group()[:-1] + "日", text) if "号" in text else text
_CN_NUMBER = "(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
#: A two-digit year said in Chinese numerals (二十六年, 二六年), as 26年 is: 2026.
_CN_YEAR = "(?<![〇零一二三四五六七八九十])(?:二十[一二三四五六七八九]?|[一二][〇零一二三四五六七八九])"
#: 5月21日, 十二月七日, this month's or next month's day (本月7日, 下个月3号), and a year said in words before it
#: (今年12月7日, 明年1月1日: that year's).
_MONTH_DAY = re.compile(rf"(?<![\d年〇零一二三四五六七八九十])(?P<y>今年|明年|去年|(?<!\d)\d{{2}}\s*年|{_CN_YEAR}\s*年)?\s*(?P<m>1[0-2]|0?[1-9]|{_CN_NUMBER}|本|这个|下个?|上个?)\s*月\s*"
                        rf"(?P<d>3[01]|[12]\d|0?[1-9]|{_CN_NUMBER})\s*(?:[日号]|(?![\d〇零一二三四五六七八九十日号楼栋]))")
#: 12/7, 12.7 and 12-7 (month/day, as dates are written in Chinese; a length has no / or . between, and a
#: house number 12-7号 or a floor 12-7栋 keeps what follows it), but not a quantity before its counter (停电3.5小时,
#: 2-3天, 1/2天, 12.5万户: they were read as 3月5日, 2月3日, 1月2日, 12月5日 and dropped from the search).
_SLASH_DAY = re.compile(r"(?<![\d./-])(?P<m>1[0-2]|0?[1-9])[/.-](?P<d>3[01]|[12]\d|0?[1-9])"
                        r"(?![\d./%]|-(?!(?:1[0-2]|0?[1-9])[/.](?:3[01]|[12]\d|0?[1-9])(?![\d./]))|号|栋|幢|楼|室|单元|层|#|小时|个|天|周|万|千|百|户|次|倍|公里|千米|米|元|吨|度|伏|千伏|kv|秒|分钟)")
#: A date with a two-digit year (26.12.7, 26/12/7, 26-12-07): that year's (2026), as 26年12月7日 is.
_SHORT_YEAR_DAY = re.compile(r"(?<![\d./-])(?P<y>\d{2})(?P<sep>[/.-])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d./%号栋幢楼室])")
#: A day of the month alone (7号, 七号, 二十七日): not a house number, so not after the end of a road's or a
#: building's name (湖滨南路7号) nor before 楼/栋 (7号楼); not 号 after 月 (12月7号 is _MONTH_DAY's). In Chinese numerals it is
#: the day wherever it stands (湖滨南路 八号 停气: house numbers are written in digits). After a district or
#: a community it is the day (思明区7号停电吗, 高殿社区7号停电吗): they are numbered by their roads' houses, not their own.
#: Before a building's number (五缘湾1号5号楼, 1号3栋) it is the house that building stands at.
#: After a building's number (瑞景花园5号楼6号停水吗, outages11: read as no day, the question asked about any day to come) it is
#: the day; after another 楼 (大楼7号) a house's.
#: Glued to an estate's name (杏林湾一号, 中央公园一号, 海峡一号: 一号 names many estates) a Chinese-numeral 号 is that name.
#: After these a number with 号 is a house's (gongkai.place_ends, the notice parser's too); 楼 only after no 号 (below).
_NO_DAY_AFTER = HOUSE_NUMBER_AFTER.replace("楼", "")
_DAY_OF_MONTH = re.compile(rf"(?<![\d〇零一二三四五六七八九十月])(?:(?P<d>3[01]|[12]\d|0?[1-9]|{_CN_NUMBER})\s*日|"
                           # …号到9号: the end of a house range (湖滨南路7号到9号, outages8: 9号 was the 9th, the question unanswered); a
                           # range of days opening with a day (7号到9号) is read whole by _RANGE_END after its first day
                           rf"(?<![{_NO_DAY_AFTER}#-])(?<![^号#]楼)(?<!号到)(?<!号至)(?<!号~)(?<!号～)(?<!号—)(?P<n>3[01]|[12]\d|0?[1-9])\s*号|"
                           rf"(?<![{ESTATE_ENDS}{NAMED_ONE_ENDS}])(?P<c>{_CN_NUMBER}|(?<![一二三四五六七八九十])[两俩])\s*号)(?![楼栋幢院室座线])"
                           # …1号5号楼: a building's number right after it makes it a house number (五缘湾1号5号楼, outages11: the 1st)
                           r"(?!\s*(?:\d{1,4}|[一二三四五六七八九十]{1,3})\s*(?:号楼|号院|号?[栋幢座]|单元|室))")
#: A house number and a join right before a number with 号 (湖滨南路7号和9号, 湖滨南路7和9号, 7、9号 read as 7和9号): that one
#: is the road's next house, not a day.
_HOUSE_LIST_BEFORE = re.compile(r"(?:[路街巷弄]|大道)(?:\d{1,4}号?(?:和|及|与|或|、))+$")
#: A lunar date (正月初七, 腊月二十, 八月初三, 初七 alone: the lunar month under way): lunar when the month is 正/冬/腊 or the
#: day is said 初X or 廿X, as the lunar calendar says them (十二月七日 stays the solar one).
#: 初一 and 十五 alone are the days of the new and the full moon (初一停电吗), but not a junior school's first year (初一学生,
#: 初一年级, 初一(3)班) nor a count (十五天, 十五个, 十五中, 十五岁, 十五路, 十五楼, 第十五; 二十五 is no 十五).
_NEW_OR_FULL_MOON = r"初一(?![年班级学生的届])|(?<![〇零一二三四五六七八九十百第])十五(?![天个中岁路楼栋层分点元万人年条期届班米公])"
_LUNAR_DAY_WORDS = r"初[一二三四五六七八九十]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|十[一二三四五六七八九]|三十"
_LUNAR = re.compile(rf"(?<![\d〇零一二三四五六七八九十])(?:(?P<m>正|冬|腊)月(?P<d>{_LUNAR_DAY_WORDS})|(?P<m2>十[一二]|[一二三四五六七八九十])月"
                    rf"(?P<d2>初[一二三四五六七八九十]|廿[一二三四五六七八九])|(?<!月)(?P<d3>初[二三四五六七八九十]|{_NEW_OR_FULL_MOON}))"
                    r"(?![\d〇零一二三四五六七八九十日号])")
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
#: Within (本周内, 本月内, 三天内, 一周之内): the same days.
_WITHIN = r"(?:内|之内|以内)"
#: A part of a month (月初 1-10, 月中 11-20, 月底 21 to the end; 上旬, 中旬, 下旬 likewise).
_PART = r"(?P<p>初|上旬|中旬|下旬|中|底|末)?"
_PARTS = {"初": (1, 10), "上旬": (1, 10), "中": (11, 20), "中旬": (11, 20), "底": (21, 31), "末": (21, 31), "下旬": (21, 31)}
#: This month or the next, said alone (本月, 这个月: today to the month's last day; 下个月, 下月: all of it), or a part
#: of it (月底, 本月初, 下个月中旬; 月初 alone is the next month's once this month's is over); not 本月7日.
_MONTH = re.compile(rf"(?:(?P<w>本|这个?|下个?|上个?)月(?:份)?|(?<![\d〇零一二三四五六七八九十])月(?=初|上旬|中旬|下旬|底|末|中(?![午心学]))){_PART}"
                    rf"{_WITHIN}?")  # 本月内
#: A month named alone (12月份, 十一月, 1月, 12月底): all of it (or the part said), this year's, or the next year's when
#: this year's is over and the next begins within _YEAR_TURN (1月份 asked in December); not a month and day (12月7号).
_MONTH_NAMED = re.compile(rf"(?<![\d年〇零一二三四五六七八九十])(?P<m>1[0-2]|0?[1-9]|{_CN_NUMBER})\s*月(?:份)?{_PART}"
                          rf"(?![\d〇零一二三四五六七八九十日号初底])")
#: 近期, 最近, 这几天 …: today and the next search.outage_recent_days days (an honest range: notices announce
#: outages days ahead; the past ones are no answer to 最近停电吗 asked as a warning).
_RECENT = re.compile(r"近期|最近几天|最近一段时间|最近|近几天|这几天|近日|这段时间|未来几天|接下来几天|这些天|近来|过几天|过两天|过些天|过些日子")
#: A number of days or weeks from today (近三天, 未来两天, 这三天, 最近7天, 未来一周, 三天内, 一周之内): today and the days
#: after it, that many in all. Without 近/未来/这 before it, only with 内 after it (三天内; 三天 alone is a length).
_N = r"[一两俩二三四五六七八九十]|[1-9]\d?"  # 俩: spoken 两
_N_DAYS = re.compile(rf"(?:(?:最近|近|未来|接下来的?|这)(?P<n>{_N})个?(?P<u>天|周|星期|礼拜){_WITHIN}?|"
                     rf"(?<![\d〇零一二三四五六七八九十])(?P<n2>{_N})个?(?P<u2>天|周|星期|礼拜){_WITHIN})")
#: The default of search.outage_recent_days (gongkai.settings), for callers without the settings.
RECENT_DAYS = 7
#: A weekday (周一, 星期五, 下周三, 这个礼拜天, 周3): 周一 is the coming one (today included), 这周一 this week's, 下周一 next week's.
_WEEKDAY = re.compile(r"(?P<w>下下|下|这|本|上上|上)?个?(?:周|星期|礼拜)(?P<d>[一二三四五六日天]|[1-7](?!\d))")
#: The weekend (周末, 这个周末, 下周末): Saturday and Sunday, asked as two days.
_WEEKEND = re.compile(r"(?P<w>下下|下|这|本|上上|上)?个?(?:周末|双休日|(?:周|星期|礼拜)六日)")
#: A week (这周, 本星期, 下周, 下个礼拜), not a weekday of it (下周三) nor its weekend: this week from today, or next week.
_WEEK = re.compile(rf"(?P<w>下下|下|这|本|上上|上)个?(?:周|星期|礼拜)(?![一二三四五六日天末1-7]){_WITHIN}?")  # 本周内
#: Two days said as one (这两天, 明后天): the first and the last day from today. Read before DAY_WORDS (明后天 holds 后天).
DAY_RANGES: dict[str, tuple[int, int]] = {"今明两天": (0, 1), "今明天": (0, 1), "这两天": (0, 1), "这俩天": (0, 1), "明后两天": (1, 2),
                                         "明后天": (1, 2)}


def read_asked_day(text: str, today: date) -> date | None:
    """One day said as the search box reads it (今天, 明天, 后天, 周一, 下周三, 5月21日, 十二月七日, 12/7), for the outage
    lookup's date field (/outages, /api/notices/outages, gongkai outages --date), beside the written dates
    gongkai.dates reads; None when the text is no such day (周末 is two days: the lookup takes one)."""
    taken = take_days(_only_days(text), today)  # the search box's own reading, of a text that is nothing but one day
    if taken is None or taken.last is not None or taken.rest:
        return None
    return taken.first


def read_asked_days(text: str, today: date) -> tuple[date, date | None] | None:
    """The day or the days said as the search box reads them (read_asked_day, and 下周, 周末, 国庆, 近期, 本月,
    12月7日至9日, 2026-12-07至2026-12-13): (first day, last day or None for one day); None when the text says no day."""
    taken = take_days(_only_days(text), today)
    if taken is None or taken.first is None or taken.rest:
        return None
    return taken.first, taken.last


def read_listed_days(text: str, today: date) -> tuple[date, ...]:
    """The two days a text says apart (12月7日和12月9日, 2026-12-07和2026-12-09: not the 8th), as read_asked_days reads it;
    () when it says one day or a range."""
    taken = take_days(_only_days(text), today)
    return taken.only if taken is not None and not taken.rest else ()


def _only_days(text: str) -> str:
    """The lookup's date field as the search box reads it: folded, typos read as meant, the time of day, the part of
    the day (后天晚上, 周一上午: the day) and the punctuation taken out."""
    text = PUNCTUATION.sub("", CLOCK_TIMES.sub("", as_typed_day(fold(text or ""))).replace("、", "和"))  # 7日、9日: two days
    for word in PARTS_OF_DAY:
        text = text.replace(word, "")
    return text


class Taken(NamedTuple):
    """What take_day gives: the first day (None: no day said), the last day when several, the words that said it,
    and the text without them; and, for two days said apart (12月7日和12月9日: not the 8th), those days alone."""

    first: date | None
    last: date | None
    words: str
    rest: str
    only: tuple[date, ...] = ()  # () : every day from first to last


#: Between the two days of a range (12月7日至9日, 下周一到周三, 今天明天, 周六周日): nothing, or one of these.
_RANGE_JOINS = ("", "至", "到", "和", "或", "还是", "及", "与", "-", "~", "～", "—", "——")
#: Between two days said apart (12月7日和12月9日, 7号或9号; 、 is read as 和): those two days, not the range between.
_SET_JOINS = ("和", "或", "还是", "及", "与")
#: The end of a range written right after a date (7号-9号, 12.7-12.9, 12月7日~9日): a day of the month, or a month and
#: day; a day after a dash has no lookbehind of its own there (_DAY_OF_MONTH reads 12-7号 as a house number).
_RANGE_END = re.compile(r"\s*(?:至|到|-|~|～|—{1,2})\s*(?:(?P<m>1[0-2]|0?[1-9])\s*[月./])?(?P<d>3[01]|[12]\d|0?[1-9])\s*(?P<u>[日号])?"
                        r"(?![\d./:：点时楼栋幢室])")
#: The longest range of days asked as one question (a longer one is no range: 1月1日到12月31日).
_LONGEST_RANGE = timedelta(days=31)


#: Said before a day (从明天到后天, 自明天起): no part of the place.
_FROM = ("从", "自", "由")
#: Said after a day: until it (月底前, 10号之前: today to that day) or from it on (明天起, 后天以后, 从明天开始: that day and the
#: recent days after it, as 近期 asks). A bare 前 only before the end, a blank (the outage word's place) or a particle:
#: 明天前埔社区停电吗 is 前埔社区 tomorrow.
_UNTIL = re.compile(r"(?:之前|以前|前(?=$|[\s\0会要有是吗呢还]))")
_ONWARD = re.compile(r"(?:以后|之后|开始|[起后](?=$|[\s\0会要有是吗呢还]))")  # 碧岳社区国庆节后停电吗 (outages9: it asked nothing)


_BARE = {"前": re.compile("前"), "后": re.compile("后")}


def _bare_before(text: str, at: int, word: str = "前") -> re.Match[str] | None:
    """A bare 前 at `at` right before a place (10号前湖滨南路: until the 10th, at 湖滨南路) when the search's segmenter cuts it
    off as a word of its own before a word of two or more characters (前 | 湖滨南路, 前 | 湖里区); not the first character of
    a place's name (前埔社区: 前埔 | 社区; 前村, 前厝路: 前 | 村, 前 | 厝 | 路, a one-character word after it). Likewise a bare
    后 (`word`): 国庆后碧岳社区 is from 国庆 on (outages8: it was asked about 后碧岳社区), 明天后埔社区 stays 后埔社区."""
    if not text.startswith(word, at) or at + 1 >= len(text) or not "\u4e00" <= text[at + 1] <= "\u9fff":
        return None
    from gongkai.indexer import segmenter  # loaded once per process, as the outage question's reader loads it

    run = re.match(r"[\u4e00-\u9fff]+", text[at:])
    tokens = segmenter.cut(run.group()) if run else []
    return _BARE[word].match(text, at) if len(tokens) > 1 and tokens[0] == word and len(tokens[1]) >= 2 else None


def take_days(text: str, today: date, recent_days: int = RECENT_DAYS) -> Taken | None:
    """The day or days a text names (_take_days_said), with what is said around them: 从/自 before, and after, until it
    (月底前: today to the month's last day) or from it on (明天起: tomorrow and the recent days after it)."""
    taken = _take_days_said(text, today, recent_days)
    if taken is None or taken.first is None:
        return taken
    at = cut_at(text, taken.words, taken.rest)
    start, end = at, at + len(taken.words)
    if start > 0 and text[start - 1] in _FROM:
        start -= 1
    first, last = taken.first, taken.last
    if (until := _UNTIL.match(text, end) or _bare_before(text, end)) is not None and (taken.last or taken.first) >= today:
        first, last, end = today, taken.last or taken.first, until.end()
    elif (onward := _ONWARD.match(text, end) or _bare_before(text, end, "后")) is not None:
        first, last, end = taken.first, (taken.last or taken.first) + timedelta(days=recent_days), onward.end()
    if (start, end) == (at, at + len(taken.words)):
        return taken
    if last is not None and (last < first or last - first > _LONGEST_RANGE):
        return None  # 春节前 asked in December: more than a month, no question one lookup answers
    return Taken(first, last if last != first else None, text[start:end], _cut(text, start, end), taken.only)


def _take_days_said(text: str, today: date, recent_days: int = RECENT_DAYS) -> Taken | None:
    """The day or days a text names (take_day), and two days said together: a range (12月7日至9日, 12月7日到12月9日,
    下周一到周三, 今天明天, 周六周日, 7号-9号, 12.7-12.9), either end possibly several days (今天到月底: to the month's
    last day; 明天到下周: to next Sunday), from the first said to the last; or two days said apart (12月7日和12月9日,
    7号或9号: `only` those two). The words of both and what stands between them are taken out."""
    if (listed := _day_list(text, today)) is not None:
        return listed
    first = take_day(text, today, recent_days)
    if first is None or first.first is None:
        return first
    at = cut_at(text, first.words, first.rest)
    if (ended := _range_end(text, at, first, today)) is not None:
        return ended
    masked = text[:at] + "\0" * len(first.words) + text[at + len(first.words):]
    second = take_day(masked, today, recent_days)
    if second is None or second.first is None:
        return first
    where = cut_at(masked, second.words, second.rest)
    earlier, later = (first, second) if at < where else (second, first)
    start, end = sorted((at, where))
    between = text[start + len(earlier.words) : end]
    if between not in _RANGE_JOINS:
        return first
    if (first.last is not None or second.last is not None) and between == "":
        return first  # 下周明天, 月底今天: no range
    assert earlier.first is not None and later.first is not None
    other = later.first
    if (earlier.last is None and between not in _SET_JOINS
            and (match := _DAY_OF_MONTH.fullmatch(later.words)) is not None):  # 12月7日至9日: the 9th after the 7th (9号和7号: each its own)
        other = _day_of_month(_number(match["d"] or match["n"] or match["c"]), earlier.first, past=timedelta(0)) or other
    if ((week := _WEEKDAY.fullmatch(earlier.words)) is not None and week["w"] and (bare := _WEEKDAY.fullmatch(later.words)) is not None
            and not bare["w"]):  # 下周一到周三, 这周三还是周四: the second weekday is of the first one's week
        other = _weekday(week, today) - timedelta(days=_weekday(week, today).weekday()) + timedelta(days=_weekday(bare, today).weekday())
    # said first, first (今天明天; 明天 is read first); a second of several days ends the range with its last (今天到月底)
    low, high = earlier.first, (later.last or other)
    words = text[start : max(at + len(first.words), where + len(second.words))]
    rest = _cut(text, start, start + len(words))
    if low == high:  # one day said twice (12月7号周一, 明天（12月6日）, 今天到现在): both words are the day
        return Taken(low, None, words, rest)
    if high < low and earlier.last is None and later.last is None and between in ("", *_SET_JOINS):
        low, high = high, low  # 明天今天, 9号和7号: said last first, the same days
    if high <= low or high - low > _LONGEST_RANGE:
        return first
    if between in _SET_JOINS and earlier.last is None and later.last is None and high - low > timedelta(days=1):
        return Taken(low, high, words, rest, (low, high))  # 12月7日和12月9日: two days, not the 8th
    return Taken(low, high, words, rest)


#: Days of a month listed with their counter said once (7、9号 read as 7和9号, 12月7、8、9号, 7和8和10日): a bare number
#: before a join is a day of the list, not a place (7和湖滨南路 was asked about); never after a road (湖滨南路7和9号: houses).
_DAY_LIST = re.compile(r"(?:(?<!\d)(?P<m>1[0-2]|0?[1-9])\s*月|(?<![\d路街巷弄道号月]))(?P<list>(?:(?:3[01]|[12]\d|0?[1-9])[日号]?(?:和|或|及|与)){1,5}"
                       r"(?:3[01]|[12]\d|0?[1-9]))\s*[日号](?![楼栋幢室])")


def _day_list(text: str, today: date) -> Taken | None:
    """A list of days (_DAY_LIST) whose first is a bare number or that holds three or more: every day of it, a range when
    they follow one another, else those days alone (`only`); None when the text holds none (two days said each with its
    counter, 7号和9号, are take_days' own)."""
    match = next((m for m in _DAY_LIST.finditer(text) if not _HOUSE_LIST_BEFORE.search(text, 0, m.start())), None)
    if match is None:  # (湖滨南路7和8和9号: the road's houses)
        return None
    items = re.findall(r"(\d{1,2})([日号]?)", match["list"])
    if len(items) < 3 and items[0][1]:
        return None
    numbers = [int(number) for number, _ in items]
    first = _month_day(match["m"], numbers[0], today) if match["m"] else _day_of_month(numbers[0], today)
    if first is None:
        return None
    later = [_day_of_month(number, first, past=timedelta(0)) for number in numbers[1:]]
    found = [first, *(day for day in later if day is not None)]
    if len(found) < len(numbers) or found != sorted(set(found)) or found[-1] - found[0] > _LONGEST_RANGE:
        return None  # a day that does not exist, or not in order
    rest = _cut(text, *match.span())
    if found[-1] - found[0] == timedelta(days=len(found) - 1):  # 7、8、9号: the range
        return Taken(found[0], found[-1], match.group(), rest)
    return Taken(found[0], found[-1], match.group(), rest, tuple(found))


def _range_end(text: str, at: int, first: Taken, today: date) -> Taken | None:
    """A range whose end is written right after a date (7号-9号, 12.7-12.9, 12月7日~9日, 12月7日至12月9日); None when none."""
    if first.last is not None or first.first is None or said_in_words(first.words):
        return None
    match = _RANGE_END.match(text, at + len(first.words))
    if match is None or not (match["m"] or match["u"]):
        return None
    day = int(match["d"])
    other = _month_day(match["m"], day, today) if match["m"] else _day_of_month(day, first.first, past=timedelta(0))
    if other is None or not first.first < other <= first.first + _LONGEST_RANGE:
        return None
    return Taken(first.first, other, text[at : match.end()], _cut(text, at, match.end()))


def cut_at(text: str, word: str, rest: str) -> int:
    """Where `word` was cut out of `text` to leave `rest` (not text.find: 明天广场明天停电 cut the second 明天), the first
    such place; -1 when nowhere."""
    at = text.find(word)
    while at >= 0 and text[:at] + text[at + len(word):] != rest:
        at = text.find(word, at + 1)
    return at


#: What a place's name goes on with after a time word that begins it (上周村, 月初村, 明天广场, 今日家园, 下个月路, 十一中学
#: in gongkai.holidays): no time word there. Not before 里/内/上/头/边: 明天村里停电吗 and 下周路上 say where the asker is;
#: not 小区/社区 either: 明天小区停水吗 asks about the asker's own (gongkai.outage_question._NO_PLACE). A holiday's word
#: has its own, wider list (gongkai.holidays._PLACE_AFTER: 国庆小区 is a name, nobody says 国庆 for "at the holiday, our 小区").
_NAME_GOES_ON = re.compile(r"(?:[路街巷弄村镇桥]|之(?![前后内间])|广场|中学|小学|大学|学校|幼儿园|家园|花园|新村|大厦|公寓)(?![里内上头边])")


def _said(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of a time word's pattern that begins no place's name (上周 in 上周村 does)."""
    return next((match for match in pattern.finditer(text) if not _NAME_GOES_ON.match(text, match.end())), None)


def _said_word(word: str, text: str) -> int:
    """Where a day's word (明天) stands in `text` and begins no place's name (明天广场); -1 when nowhere."""
    at = text.find(word)
    while at >= 0 and _NAME_GOES_ON.match(text, at + len(word)):
        at = text.find(word, at + 1)
    return at


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + text[end:]


def take_day(text: str, today: date, recent_days: int = RECENT_DAYS) -> Taken | None:
    """The day a text names, the first way found: (first day or None, last day when several, the words that said
    it, the text without them); None when it names a day that does not exist (2月30日). The order matters: 周末
    before 周, 明后天 before 后天, 最近三天 before 最近, a weekday after the day words, a written date before a
    month and day, a month and day before a day of the month alone, those before a month."""
    if (match := _said(_WEEKEND, text)) is not None:
        saturday = _weekend(match, today)
        return Taken(saturday, saturday + timedelta(days=1), match.group(), _cut(text, *match.span()))
    for word, (first, last) in DAY_RANGES.items():
        if (at := _said_word(word, text)) >= 0:
            return Taken(today + timedelta(days=first), today + timedelta(days=last), word, _cut(text, at, at + len(word)))
    if (match := _said(_N_DAYS, text)) is not None and (days := _days_counted(match)) >= 1:
        if days > _LONGEST_RANGE.days:
            return None  # 最近99天: no question one lookup answers (a search instead)
        return Taken(today, today + timedelta(days=days - 1), match.group(), _cut(text, *match.span()))
    if (match := _said(_RECENT, text)) is not None:
        return Taken(today, today + timedelta(days=recent_days), match.group(), _cut(text, *match.span()))
    if (found := find_holiday(text)) is not None:
        match, holiday = found
        start = match.start()
        year_word = text[start - 2 : start] if text[max(0, start - 2) : start] in YEAR_WORDS else ""  # 今年年底, 明年春节
        period = holiday_days(holiday, today, year_word)
        if period is None:
            return None
        opening, closing = period
        start -= len(year_word)
        return Taken(opening, (closing if closing != opening else None), text[start : match.end()], _cut(text, start, match.end()))
    if (match := _said(_WEEK, text)) is not None:
        return Taken(*_week(match, today), match.group(), _cut(text, *match.span()))
    for word, offset in DAY_WORDS.items():
        if (at := _said_word(word, text)) >= 0:
            return Taken(today + timedelta(days=offset), None, word, _cut(text, at, at + len(word)))
    if (match := _said(_WEEKDAY, text)) is not None:
        return Taken(_weekday(match, today), None, match.group(), _cut(text, *match.span()))
    if (match := _said(_LUNAR, text)) is not None:
        return _lunar(match, text, today)
    if (dated := _take_date(text, today)) is not None:
        return None if dated is _NO_SUCH_DAY else dated
    return _take_month(text, today) or Taken(None, None, "", text)


def _lunar(match: re.Match[str], text: str, today: date) -> Taken | None:
    """A lunar date said (_LUNAR) as take_day's one day; None when no such day."""
    month_text, day_text = (match["m"], match["d"]) if match["m"] else (match["m2"], match["d2"]) if match["m2"] else (None, match["d3"])
    month = None if month_text is None else _LUNAR_MONTHS.get(month_text) or _numeral(month_text)
    day = _numeral(day_text.replace("初", "").replace("廿", "二十"))
    solar = lunar_day(month, day, today)
    return None if solar is None else Taken(solar, None, match.group(), _cut(text, *match.span()))


#: _take_date's answer for a day that does not exist (2月30日, 31号 in no month ahead).
_NO_SUCH_DAY = Taken(None, None, "", "")


def _take_date(text: str, today: date) -> Taken | None:
    """A date as written (2024年5月8日), a month and day (5月21日, 12/7) or a day of the month alone (7号): take_day's
    (one day); _NO_SUCH_DAY for one that does not exist (2月30日); None when the text has none."""
    spans = date_spans(text)
    if spans:
        start, end, day = spans[0]
        return Taken(day, None, text[start:end], _cut(text, start, end))
    if (match := _SHORT_YEAR_DAY.search(text)) is not None:
        month_day = _month_day(match["m"], int(match["d"]), today, match["y"] + "年")
        return _NO_SUCH_DAY if month_day is None else Taken(month_day, None, match.group(), _cut(text, *match.span()))
    if (match := _MONTH_DAY.search(text) or _SLASH_DAY.search(text)) is not None:
        month_day = _month_day(match["m"], _number(match["d"]), today, match.groupdict().get("y"))
        return _NO_SUCH_DAY if month_day is None else Taken(month_day, None, match.group(), _cut(text, *match.span()))
    if (match := next((m for m in _DAY_OF_MONTH.finditer(text) if not _HOUSE_LIST_BEFORE.search(text, 0, m.start())), None)) is not None:
        of_month = _day_of_month(_number(match["d"] or match["n"] or match["c"]), today)
        return _NO_SUCH_DAY if of_month is None else Taken(of_month, None, match.group(), _cut(text, *match.span()))
    return None


#: A month with a year said in words (今年12月, 明年1月份, 去年12月底): all of it, or the part said; a year written
#: (2026年12月, 二〇二六年十二月) is gongkai.dates.year_month_spans'.
_YEAR_MONTH = re.compile(rf"(?P<yw>今年|明年|去年)\s*(?P<m>1[0-2]|0?[1-9]|{_CN_NUMBER})\s*月(?:份)?{_PART}(?![\d〇零一二三四五六七八九十日号初底])")
#: What may follow a written year and month (2026年12月份, 2026年12月底).
_AFTER_YEAR_MONTH = re.compile(rf"(?:份)?{_PART}(?![\d〇零一二三四五六七八九十日号])")


def _take_month(text: str, today: date) -> Taken | None:
    """This month, the next or the last (本月, 下个月, 月底, 下个月初), a month named (12月份, 十一月) or with its year
    (2026年12月, 今年12月): its days from today, or the part said; None when the text names none."""
    for start, end, year, written in year_month_spans(text):  # 2026年12月, 二〇二六年十二月 (a year alone is no question's)
        if written is not None and (after := _AFTER_YEAR_MONTH.match(text, end)) is not None:
            opening, closing = _month_part(date(year, written, 1), after["p"])
            return Taken(opening, closing, text[start : after.end()], _cut(text, start, after.end()))
    if (match := _said(_YEAR_MONTH, text)) is not None and 1 <= (month := _number(match["m"])) <= 12:
        opening, closing = _month_part(date(today.year + _YEAR_STEP[match["yw"]], month, 1), match["p"])
        return Taken(opening, closing, match.group(), _cut(text, *match.span()))
    if (match := _said(_MONTH, text)) is not None:
        opening, closing = _month(_MONTH_STEP.get(match["w"][:1] if match["w"] else "", 0), today)
        if match["p"]:
            opening, closing = _month_part(opening.replace(day=1), match["p"])
            if closing < today and not match["w"]:  # 月初 asked on the 25th: the next month's
                opening, closing = _month_part((opening + timedelta(days=32)).replace(day=1), match["p"])
            opening = max(opening, today) if opening <= today <= closing else opening
        return Taken(opening, closing, match.group(), _cut(text, *match.span()))
    if (match := _said(_MONTH_NAMED, text)) is not None and 1 <= (month := _number(match["m"])) <= 12:
        opening, closing = _month_part(date(today.year, month, 1), match["p"])
        if closing < today and date(today.year + 1, month, 1) - today <= _YEAR_TURN:
            opening, closing = _month_part(date(today.year + 1, month, 1), match["p"])
        return Taken(opening, closing, match.group(), _cut(text, *match.span()))
    return None


#: How near the turn of the year a month and day without a year may be another year's (1月1日 asked on 12月31日).
_YEAR_TURN = timedelta(days=60)


def _days_counted(match: re.Match[str]) -> int:
    """近三天: 3, 未来两周: 14 (_N_DAYS)."""
    number, unit = (match["n"], match["u"]) if match["n"] else (match["n2"], match["u2"])
    return _number(number) * (1 if unit == "天" else 7)


def _number(text: str) -> int:
    """12 or 十二 (up to 三十一; 两 and spoken 俩 are 2)."""
    return 2 if text == "俩" else _numeral(text)


def _numeral(text: str) -> int:
    """A number the patterns above took as one (十二, 两, 12): gongkai.dates.cn_number's."""
    value = cn_number(text)
    if value is None:  # the patterns let through no other text
        raise ValueError(f"not a number: {text!r}")
    return value


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


_YEAR_STEP = {"今年": 0, "明年": 1, "去年": -1}


def _month_day(month_text: str, day: int, today: date, year_word: str | None = None) -> date | None:
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
    if year_word:  # 今年, 明年, 去年, 26年: that year's, however far
        year = (2000 + int(year_word.rstrip("年 ")) if year_word[:1].isdigit() else today.year + _YEAR_STEP[year_word]
                if year_word in _YEAR_STEP else 2000 + _numeral(year_word.rstrip("年 ")))  # 二十六年, 二六年
        try:
            return date(year, month, day)
        except ValueError:
            return None
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
    """周三 the coming one (today included), 这周三 this week's, 下周三 next week's, 上周三 the last one's; 周日/礼拜天 and
    周7 are Sunday."""
    weekday = int(match["d"]) - 1 if match["d"].isdigit() else min("一二三四五六日天".index(match["d"]), 6)
    if not match["w"]:
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    return _monday(match, today) + timedelta(days=weekday)


def said_in_words(day_text: str) -> bool:
    """Whether the words that named a day are words (明天, 周末, 近期, 国庆节, 下个月), said back beside the date, not
    a date itself (5月21日)."""
    return bool(day_text in DAY_WORDS or day_text in DAY_RANGES or _WEEKDAY.fullmatch(day_text) or _WEEKEND.fullmatch(day_text)
                or _WEEK.fullmatch(day_text) or _RECENT.fullmatch(day_text) or _N_DAYS.fullmatch(day_text) or _MONTH.fullmatch(day_text)
                or ((found := find_holiday(day_text)) and found[0].group() == day_text))
