""""Is my street cut tomorrow?" typed into the search box: the place, the day and the utility it asks about.

Citizens type the question, not a form: 湖滨南路明天停电吗, 明天湖滨南路会停水吗, 请问莲花北路5月21日停电吗,
思明区停电. A query is an outage question when it holds an outage word (停电, 停水, 断电, 没水 …) and, once
that word, a day (今天/明天/后天/大后天, a date in any form gongkai.dates reads, or 5月21日 without a year) and
the question's own words (请问, 会不会, 吗 …) are taken out, what is left is a place the outage lookup reads
(gongkai.outage_areas.parse_query). The search page answers it with the outage lookup's own answer
(Engine.outages) above the search results; anything else is no question and changes nothing.

A day with no place (明天哪里停电, 今天停电吗, 厦门市明天停电吗, 2024年5月8日停电) asks about the whole city: the
answer is every outage of that day (Engine.outages_on). 周末, 下周, 近期, 国庆 ask about several days, answered at once.
The days are read by gongkai.asked_days; here, the outage word, the place and the question's own words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gongkai.asked_days import (
    CLOCK_TIMES,
    PARTS_OF_DAY,
    PUNCTUATION,
    RECENT_DAYS,
    as_typed_day,
    cut_at,
    said_in_words,
    take_day,
    take_days,
)
from gongkai.asked_days import read_asked_day as read_asked_day  # the lookup's date field reads days as questions do
from gongkai.asked_hours import PART_HOURS, Hours, asked_hours
from gongkai.dates import beijing_today, date_spans
from gongkai.outage_areas import VILLAGE_GROUP, area_group, parse_query, without_city, without_other_city
from gongkai.outages import answer_json, covered_days, on_days
from gongkai.textnorm import fold

log = logging.getLogger("gongkai.outage_question")

if TYPE_CHECKING:  # for annotations only: the engine is handed in, never imported here
    from gongkai.engine import Engine
    from gongkai.notices import OutageEvent
    from gongkai.record import Record

    #: The outage lookup's answer (Engine.outages): each notice and its events that answer.
    Found = list[tuple[Record, list[OutageEvent]]]

#: The utilities of gongkai.notices.OutageEvent each question's character asks about ("unknown": any question).
_UTILITIES = {"电": "power", "水": "water", "气": "gas"}
#: Outage words and the utility they ask about (电 power, 水 water, 气 gas).
UTILITY_WORDS: dict[str, str] = {
    "停电": "电", "断电": "电", "没电": "电", "限电": "电", "停水": "水", "断水": "水", "没水": "水",
    "停气": "气", "断气": "气", "没气": "气", "停燃气": "气", "停水停电": "水电", "停电停水": "水电",
    "停不停电": "电", "停不停水": "水", "停不停气": "气", "停煤气": "气", "停天然气": "气", "停自来水": "水",
    "停供水": "水", "停供电": "电", "暂停供电": "电", "暂停供水": "水", "暂停供气": "气", "停止供电": "电", "停止供水": "水", "停止供气": "气",
    # When it comes back (湖滨南路什么时候恢复供电): the same outage's window answers it. Not 来电: a phone call
    # (市民来电, 来电咨询) in the documents, and a query holding an outage word has its question words taken out.
    "复电": "电", "恢复供电": "电", "恢复供水": "水", "恢复供气": "气",
    # 来电 asked with when (湖滨南路今天几点来电): the power coming back, not a phone call
    "几点来电": "电", "什么时候来电": "电", "啥时候来电": "电", "何时来电": "电",
    # and water or gas back, or any supply on again, asked with when (前埔北区今天几点来水, 什么时候有水, 几点通气: outages15, asked nothing)
    **{when + verb + utility: utility for when in ("几点", "什么时候", "啥时候", "何时") for verb in ("来", "有", "通")
       for utility in "电水气" if verb + utility != "来电"},
    # reduced pressure (notices print 降压供水: their reduced_pressure windows answer), both at once, and the everyday ways
    "降压供水": "水", "减压供水": "水", "水压低": "水", "水压小": "水", "水压不足": "水",
    "水压会低": "水", "水压会不会低": "水", "水压低不低": "水", "水压会不会小": "水",  # asked as 会不会 (outages9: it asked nothing)
    "停水又停电": "水电", "停电又停水": "水电", "断水断电": "水电", "断电断水": "水电", "停水断电": "水电", "停电断水": "水电",
    # whether it is on (湖滨南路今天有电吗, 明天供水正常吗): the same outage's window answers it
    "有电吗": "电", "有水吗": "水", "有电没": "电", "有水没": "水",
    # asked 有没有 (outages5: 海发社区周六周日有没有天然气 asked nothing)
    # whether it can be used (outages6: 后天茂林社区能用燃气吗 asked nothing)
    "能用燃气": "气", "能用天然气": "气", "能用煤气": "气", "能不能用燃气": "气", "能不能用天然气": "气",
    "能用电吗": "电", "能用水吗": "水", "能不能用电": "电", "能不能用水": "水",
    "有没有电": "电", "有没有水": "水", "有没有燃气": "气", "有没有天然气": "气", "有没有煤气": "气", "有没有气": "气",
    "供电正常": "电", "供水正常": "水", "供气正常": "气",
    "正常供电": "电", "正常供水": "水", "正常供气": "气",
    # the gas asked the same way (outages3: 蓝水郡明天有燃气吗 asked nothing)
    "有气吗": "气", "有燃气吗": "气", "有天然气吗": "气", "有煤气吗": "气", "有气没": "气", "有燃气没": "气", "有天然气没": "气",
    "没有电": "电", "没有水": "水", "没来电": "电", "没来水": "水", "没燃气": "气", "没有燃气": "气", "没天然气": "气", "没煤气": "气",
}
#: The question's own words, taken out wherever they stand (none is part of a place name).
QUESTION_WORDS = (# before the shorter words they hold (到什么时候 before 什么时候): each is taken out whole, the first found
                  # working hours (明天上班时间…停电吗), why (…是因为什么, 什么原因), the whole district (湖里区全区)
                  "上班时间", "下班时间", "上班的时候", "是因为什么", "因为什么", "什么原因", "啥原因", "全区",
                  # which days (丙洲社区这周哪几天停电), and the rain a notice's 遇雨顺延 speaks of (明天要是下雨还停电吗) (outages5)
                  "哪几天", "哪几号", "哪些天", "哪几日", "哪个时间段", "几点开始", "什么时候开始", "几点结束", "哪个时段", "哪些时段",
                  "几点到几点", "要是", "如果", "万一", "假如", "下大雨", "下雨", "刮台风", "天气不好",
                  "到什么时候结束", "到什么时候", "什么时候结束", "什么时候恢复", "怎么回事", "几个小时", "影响范围", "影响区域",
                  "计划表", "时间表", "安排表", "一览表", "一览",
                  "那一片", "这一片", "那块", "这块", "每天", "原因", "恢复", "为啥", "预告", "拉闸",
                  # hearsay, conditions and lengths in days (听说…是真的吗, 停电的话, 停水几天, 一整天, 大概), and the places around one
                  "是真的", "听说", "的话", "多少天", "几天", "一整天", "整天", "一天", "大概", "大约", "附近的小区", "周边的小区", "附近的",
                  # the utility's own name beside its outage word (天然气停气, 自来水…停水): no place
                  "天然气", "燃气", "煤气", "自来水",
                  "请问", "会不会", "是不是", "要不要", "是否", "有没有", "没有", "那边", "周边", "什么时候", "到几点", "几点", "多久", "为什么", "怎么",
                  # when, asked without a day (湖滨南路哪天停电, 几号停电, 还在停电吗, 停电最新消息)
                  "哪一天", "哪天", "几号", "啥时候", "何时", "多长时间", "突然", "还在", "正在", "最新消息", "消息", "最新",
                  "我家", "我们家", "我们", "附近", "这边", "一带", "通知", "公告", "安排", "计划", "情况", "查询", "检修",
                  # The part of the day (明天早上): the lookup answers for the whole day.
                  *PARTS_OF_DAY,
                  # 哪里/哪些地方 ask which places: no place of their own (明天哪里停电 names none; 里 ends place names).
                  # 哪个小区/哪些小区 too: 小区 ends place names, so without them 明天哪些小区停水 asked about a place named 小区.
                  "哪些地方", "哪些区域", "什么地方", "哪个地方", "哪个区域", "哪些小区", "哪个小区", "哪些片区", "哪个片区",
                  "哪些路段", "哪条路", "哪些路", "哪里", "哪儿",
                  # after the ways of asking which places hold them (有哪些地方: 有 then goes at the end, as a particle)
                  "有哪些", "的地方", "哪些",
                  # the places cut, asked without 哪些 (明天停电的小区, 10号后停电的小区: review s16, it asked about a place 的小区)
                  "的小区", "的区域", "的路段", "的片区", "的社区",
                  # A notice's title pasted (5月21日思明区莲花北路等片区计划停电通知): its place without 等片区, 关于.
                  "等片区", "等区域", "等地区", "等路段", "关于",
                  # A holiday's span said around it (国庆节期间停电吗, 春节放假停水吗): the holiday is the day.
                  "期间", "放假", "两天", "前后", "左右",  # 周末两天, 元旦前后
                  "当天", "当日", "那天", "那一天", "这一天")  # 元旦当天 (outages9: 树藩大街当天 was no place)
#: Particles, taken out at the end only (会 and 要 begin place names: 会展中心).
TRAILING = "吗呢么吧了的要会啊嘛啦有没不还又呀哦哇"  # 呀/哦/哇: 湖滨南路明天会不会停电呀 asked nothing
#: Particles that ask, taken out at the start of the place too (明天停水吗湖滨南路): no name begins with one.
_ASKING = "吗呢么吧啊嘛啦呀哦哇"
#: Words taken out at the end only (湖滨南路停电时间): 信息 and 时间 may be part of a name (软件园信息大厦); thanks and haste
#: (…停电吗 谢谢, …停电吗？急: they were asked as a place named 湖滨南路谢谢), and 不停 of 停电不停.
TRAILING_WORDS = re.compile(r"(?:时间|信息|范围|区域|谢谢|多谢|谢了|急|在线等|不停)+$")
#: 马/码/妈 typed for 吗 at the end, right after the outage word (湖滨南路明天停电马: the pinyin candidate next to 吗), and the
#: pinyin itself left unconverted (停电ma, 停水mei, 停电ne, 停电a): a particle, not a place named 湖滨南路ma.
_TYPED_MA = re.compile(r"(?<=[电水气])(?:[马码妈]|ma|me|ne|ba|a|ya|la|mei|le)$")
#: The outage word typed as its pinyin's neighbour (tingdian → 停点, 挺电; 停水 → 挺水): read as meant only at the end of the
#: question, before its particles (湖滨南路明天停点吗), so 公交停点 stays what it is.
_TYPOS = {"停点": "停电", "挺电": "停电", "听电": "停电", "挺水": "停水", "听水": "停水"}
_TYPED_OUTAGE = re.compile(f"(?:{'|'.join(_TYPOS)})(?=[{TRAILING}]*$)")
#: A length of time (8小时, 几个小时, 三个多小时): how long, not when; no part of a place.
_DURATION = re.compile(r"(?:哪(?=几))?(?:\d+|[一两二三四五六七八九十半几俩]+)个?多?(?:小时|钟头)|"
                       # in a row (连续三天, 连着两天, 接连几天): how long, no day and no place (湖滨南路连续三天停水)
                       r"(?:连续|连着|接连|一连)(?:\d+|[一两二三四五六七八九十几俩]+)个?(?:天|日|晚上?|周|星期)|"
                       # for so long already (停电5天了湖滨南路, 湖滨南路停电三天了)
                       r"(?:\d+|[一两二三四五六七八九十几俩]+)个?多?(?:天|星期|礼拜|周)了")
#: Several places joined in what should be one place (a part _PLACE_JOIN left whole): read as one name it matched nothing
#: (没有查到 beside 莲花北路's outage), so such a part is no place (_is_one_place). Two districts need a district after the join, not a community's 社区/小区/片区 (湖里区和平社区, 湖里区和美小区 are one place:
#: a district and a name beginning with 和).
_SEVERAL_PLACES = re.compile(r"(?:[路街巷弄道号村]|社区|小区|大厦|花园)(?:和|与|跟|及|以及|或)(?=.{2,}$)|"
                             r"区(?:和|与|跟|及|以及|或)(?=.*(?<![社小片园景街])区$)")
#: A date shape left once the day is read: a day that does not exist (12月32日) or a year gongkai.dates does not
#: read (2126年), or a second date (12月7日和12月9日). No place's name holds one: the query is a search.
_UNREAD_DATE = re.compile(r"\d+\s*月\s*\d+\s*[日号]|\d{3,4}\s*年")
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
#: Where the asker lives, said before the place (我家在莲花北路，明天停水吗; 家住思明区): 在 is no part of its name.
#: …or where it works (我们公司在湖滨西路20号，明天停电吗; 我店位于…: outages14, the place was 公司在湖滨西路20号).
_LIVES_AT = re.compile(r"^(?:家住|住在|住(?![宅房])|在|(?:公司|单位|店铺|门店|店面|店|工厂|厂房|厂|办公室|铺面)(?:地址)?(?:就)?(?:在|位于))")
#: "Mine" or "this" before such a word (我这里, 这个小区, 咱们村里): no part of a place's name.
_ASKER = re.compile(r"^(?:我们|咱们|我家|我|咱|这个|那个)")
_LONGEST_FIRST = sorted(UTILITY_WORDS, key=len, reverse=True)
_UTILITY_RE = re.compile("|".join(map(re.escape, _LONGEST_FIRST)))  # one pass, the longest word at each place
#: How the names of places end (a road, a community, a building, a district; a house number): what is left of
#: "停电期间给您带来不便" is no place, so that sentence is no question.
_PLACE_END = re.compile(
    # 线路 (a power line: 湖滨南路10kv线路停电) and 管道 are no places
    r"(?:(?<!线)路|[街巷弄里村镇乡区县市岛屿湾山桥院园苑庄寨堡坊湖港站场厂楼栋幢座城]|(?<!管)道|社区|小区|花园|大厦|广场|中心|公寓|新村|家园|"
    r"片区|[一二三四五六七八九十0-9]+期|[0-9０-９]+号(?:楼|院)?|"
    r"(?<=[\u4e00-\u9fff])[0-9０-９]{1,3}[#＃]|"  # a building by its # alone (莲花新城3#, outages11: it asked nothing)
    r"(?<=[楼栋幢座#＃])[0-9０-９一二三四五六七八九十]{1,2}单元|"  # a building's 单元 (瑞景花园6号楼2单元, outages11: it asked nothing)
    # a road's side or its whole length, as the lookup reads them (湖滨南路单号, 会展北路全线)
    r"(?<=[路街巷道])(?:[单双]号|全线|沿线|两侧)|"
    # a village's group (许厝村3组, 岩内村第三村民小组: outages9, the notices print them; it asked nothing)
    r"(?<=村)" + VILLAGE_GROUP + "|"
    # estates and villages as Xiamen names them: 上头亭社 (a 社 is a natural village), 联发欣悦学府, 建发央玺公馆, 杏林湾一号,
    r"(?<!合作)社|[府邸居阁轩郡墅庭]|公馆|"  # 蓝水郡, 湖景别墅, 御景庭 (outages3: 明天蓝水郡停气吗 asked nothing)
    # Minnan villages and neighbourhoods as Xiamen names them (曾厝垵, 吕厝, 何厝, 前埔, 莲坂, 杏林, 后埭, 后墩)
    r"[厝垵埔坂林埭墩]|[一二三四五六七八九十]+号(?:楼|院)?|"
    # a hilltop's or a stretch's end, as Minnan places are named (巡司顶, 沙坡尾, 寨仔尾): after two characters at least
    r"(?<=[\u4e00-\u9fff]{2})[顶尾]|"
    # schools, hotels, halls and piers are named places too (厦门大学明天停电吗 asked nothing)
    r"大学|中学|小学|学校|酒店|宾馆|饭店|码头|体育馆|图书馆|博物馆|展览馆|科技馆|商城|商厦|"
    # a school by its number after its city's or district's name (厦门一中, 集美二中)
    r"(?<=[\u4e00-\u9fff]{2})[一二三四五六七八九十]{1,2}中)$"
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
    listed: tuple[date, ...] = ()  # days said apart (12月7日和12月9日, 7、9、11号): those alone, not every day from day to until
    others: tuple[str, ...] = ()  # the further places asked at once (湖滨南路和厦禾路, 湖滨南路7、8号: 湖滨南路8号)
    hours: Hours | None = None  # the part of each day asked (今天下午, 明天8点到10点): None, the whole day

    @property
    def areas(self) -> tuple[str, ...]:
        """Every place asked, in order (() for the whole city)."""
        return (self.area, *self.others) if self.area else ()

    @property
    def place(self) -> str:
        """The place or places as the answer says them back (湖滨南路、厦禾路), or 全市."""
        return "、".join(self.areas) or WHOLE_CITY

    @property
    def days(self) -> list[date | None]:
        """Each day asked, in order ([None]: any day)."""
        if self.listed:
            return list(self.listed)
        if self.day is None or self.until is None:
            return [self.day]
        return [self.day + timedelta(days=n) for n in range((self.until - self.day).days + 1)]

    @property
    def lookup_days(self) -> str:
        """The days as the outage lookup's date field takes them (/outages?date=): 2026-12-07, 2026-12-07至2026-12-13,
        2026-12-07和2026-12-09 (two days said apart); '' for any day."""
        if self.day is None:
            return ""
        if self.listed:
            return "和".join(day.isoformat() for day in self.listed)
        return self.day.isoformat() + (f"至{self.until.isoformat()}" if self.until else "")

    @property
    def said_day(self) -> str:
        """The day's word when it was one (明天, 周末), to say it back beside its date; '' for a date."""
        return self.day_text if said_in_words(self.day_text) else ""

    @property
    def when(self) -> str:
        """The day as the answer says it back: 2026-12-07（明天）, 2024-05-06, 2026-12-12至2026-12-13（周末）,
        or 今后 with no day asked."""
        if self.day is None:
            return "今后"
        days = self.day.isoformat() + (f"至{self.until.isoformat()}" if self.until else "")
        if self.listed:
            days = "、".join(day.isoformat() for day in self.listed)
        return days + (f"（{self.said_day}）" if self.said_day else "") + (self.hours.words if self.hours and self.hours.words not in self.day_text else "")


def read_outage_question(query: str, today: date, recent_days: int = RECENT_DAYS,
                         request_words: Sequence[str] | None = None, printed: Callable[[str], bool] | None = None,
                         now: int | None = None) -> OutageQuestion | None:
    """The outage question a search query asks, or None when it asks none. `recent_days`: how many days after
    today 近期/最近/这几天 ask about (search.outage_recent_days); `request_words`: the search's own (search.request_words; None: its
    default), the request a place may open with (看看, 帮我查一下); `printed`: whether the store's outage notices print a
    name as a place (printed_place), asked only of a name ending as no place's does (禹洲尊海); `now`: the minutes of today
    gone by in Beijing when known (a part of the day asked without a day is the next of those hours to come)."""
    # Folded: 停電 and ５月２１日 ask what 停电 and 5月21日 ask (one character for one: Traditional, full-width).
    typed = _CAUSE_CLAUSE.sub("", as_typed_day(fold(query or "")))
    text = _DURATION.sub("", CLOCK_TIMES.sub("", typed))
    text = _BRACKETED.sub(lambda match: match[1] if _only_a_day(match[1], today) else match[0], text)
    text = PUNCTUATION.sub("", text.replace("、", "和"))  # 、 between places: 和 (_SEVERAL_PLACES)
    text = _TYPED_OUTAGE.sub(lambda match: _TYPOS[match[0]], _TYPED_MA.sub("吗", text))
    utility = next((word for word in _LONGEST_FIRST if word in text), None)
    if utility is None or len(text) > 60:
        return None
    # a blank where the outage word stood: 湖滨南路停电12号's 12号 is the 12th, not a house number glued to the road
    taken = take_days(text.replace(utility, " ", 1), today, recent_days)
    if taken is None:
        return None  # 2月30日: no such day, no question to answer
    day, rest = taken.first, taken.rest
    if day is not None and _names_a_day(rest, today):
        return None  # 明天湖滨南路停电，后天呢: two days asked apart, and 明天湖滨南路 is no place
    filler = _filler(tuple(request_words or ()))
    place = _place_said(rest, filler)
    if _places_of(place) is None and (said := _ASKED_THEN_MORE.match(rest)) is not None:
        place = _place_said(said["question"], filler)  # 明天湖滨南路停电吗我在家办公: the rest is another sentence
    # the part of the day or the time asked (厦禾路单号今天下午停电吗, outages11's gap: answered for the whole day)
    hours = asked_hours(_DURATION.sub("", typed), taken.words)
    hours_said_the_day = day is None and hours is not None and any(part in hours.words for part in PART_HOURS)
    if hours_said_the_day and hours is not None:
        # 湖滨南路下午停电吗 (outages12's gap: any hour of the days to come): those hours of today, or of tomorrow once the
        # clock says today's are over (the next afternoon to come); today's when the clock is not known. A clock alone
        # (湖滨南路俩点停电吗, 8点左右) says no part of the day (2:00 or 14:00?) and asks, as before, any day
        day = today if now is None or any(end > now for _, end in hours.spans) else today + timedelta(days=1)
    elif day is None:
        hours = None
    whole_city = OutageQuestion(area="", day=day, utility=UTILITY_WORDS[utility], day_text=taken.words, until=taken.last,
                                listed=taken.only, hours=hours)
    if day is not None and (place in _CITY_ALONE or not place):
        # A day and no place (明天哪里停电, 今天停电吗): the whole city that day. Without a day, 停电 alone is a search.
        return whole_city
    areas = _places_of(place)
    if areas is None and printed is not None and _UNENDED_NAME.fullmatch(place):
        # 禹洲尊海明天停水吗: an estate named as no place's name ends, printed by the notices as a place (翔安建发央誉: in its district)
        district = without_city(place[:2])
        named = district + place[2:] if district.endswith("区") and district != place[:2] and len(place) >= 5 else place
        named = without_other_city(named)  # 福州东街口: 东街口 of another city's notice
        areas = [named] if _is_one_place(named, ended=False) and printed(named) else None
    if printed is not None and _TOWN_SAID_SHORT.fullmatch(place) and (
            areas is None or (areas == [place] and len(place) == 2 and not printed(place))):
        # 今天后溪停水: a town or subdistrict said without its ending (后溪 for 后溪镇, 杏林 for 杏林街道, though 林 ends names),
        # where the notices print it as the town of a place and not the name alone as a place (outages10: the question asked
        # nothing, a Known gap since outages9, or about a place 杏林 no notice prints)
        areas = next(([town] for town in (place + "镇", place + "街道") if printed(town)), areas)
    if (printed is not None and areas == [place] and (town_then := _TOWN_THEN_PLACE.fullmatch(place)) is not None
            and town_then["full"] is None and not printed(place) and (printed(place[:2] + "镇") or printed(place[:2] + "街道"))):
        # 后溪岩内村, 汀溪造水村 (outages13: asked nothing found): a town said short before a village or community in it, where the
        # notices print that town (后溪镇) and not the whole name; the place is the village, as after a district's short name
        areas = [town_then["place"]]
    if not areas:
        return None
    if hours is not None and any(hours.words in area for area in areas):
        hours = None  # 白天鹅宾馆明天停电吗: 白天 is the hotel's name, no part of the day
        if hours_said_the_day:
            return replace(whole_city, area=areas[0], others=tuple(areas[1:]), hours=None, day=None)  # 白天鹅宾馆停电吗: no day
    return replace(whole_city, area=areas[0], others=tuple(areas[1:]), hours=hours)


def lookup_fields(place_box: str, date_box: str, today: date) -> tuple[tuple[str, ...], str]:
    """The outage page's (places, date) fields when its place box holds a question (湖滨南路停电吗, 湖滨南路明天下午停水吗,
    review20: 没有查到 for a street the notices print): every place it asks about, as the search box answers each
    (湖滨南路和仙岳路明天停电吗: both; outages15, session 21: the first alone was asked) and, when the date box is empty, the
    days and part of the day it says (2026-12-08下午), as the search box reads the same words. Anything else is left as
    typed: ((place_box,), date_box)."""
    question = read_outage_question(place_box, today) if place_box else None
    if question is None or not question.area:
        return (place_box,), date_box  # no question, or the whole city (the page answers places)
    if not date_box.strip() and question.day is not None:
        date_box = question.lookup_days + (question.hours.words if question.hours else "")
    return question.areas, date_box


#: A name of two or three characters that may be a town's or a subdistrict's said without 镇/街道 (后溪, 灌口, 杏林).
_TOWN_SAID_SHORT = re.compile(r"[\u4e00-\u9fff]{2,3}")


#: A name that may be an estate's though it ends as no place's does (禹洲尊海, 建发央誉, 联发天境): Chinese characters only, three
#: or more; whether it is one the notices decide (printed_place).
_UNENDED_NAME = re.compile(r"[\u4e00-\u9fff]{3,12}")
#: How many outage notices printing a name are read to find it printed as a place.
PRINTED_CANDIDATES = 20


def printed_place(engine: Engine, name: str) -> bool:
    """Whether an outage notice prints `name` as a place (an event's place it names, as the lookup matches one): among the
    PRINTED_CANDIDATES outage notices holding it as a phrase, one index search. 禹洲尊海物业服务中心's 我小区 is 禹洲尊海; a
    name printed only in a notice's prose (供电公司, 给您带来不便) is none."""
    from gongkai.notices import OutageNotice
    from gongkai.outage_areas import area_matches, printed_name
    from gongkai.search_types import SearchRequest

    asked = parse_query(name)
    if asked is None:
        return False
    request = SearchRequest(q='"' + printed_name(asked).replace('"', " ") + '"', kind="notice", notice_type="outage",
                            limit=PRINTED_CANDIDATES, facets=False)
    response = engine.search(request)
    if response.relaxed:
        return False
    records = engine.store.get_many([hit.id for hit in response.hits]).values()
    return any(area_matches(area, asked) for record in records if isinstance(record.notice, OutageNotice)
               for event in record.notice.events for area in event.areas)


#: The most places one question is answered for at once (one lookup each); more stay a search.
MOST_PLACES = 5
#: Where several places said together part (湖滨南路和厦禾路, 湖滨南路、厦禾路: 、 is read as 和): after a road, a house
#: number, a community …; after a district only before another district (湖里区和平社区 is one place: a district and a
#: community whose name begins with 和); between house numbers (湖滨南路7和9号, 7号和9号).
_PLACE_JOIN = re.compile(r"(?:(?<=[路街巷弄道号村])|(?<=社区|小区|大厦|花园))(?:以及|和|与|跟|及|或)(?=.{2,}$)|"
                         r"(?<=区)(?:以及|和|与|跟|及|或)(?=.*(?<![社小片园景街])区$)|"
                         r"(?<=\d)(?:和|与|及|或)(?=\d{1,4}号?(?:(?:和|与|及|或)\d{1,4}号?)*$)")
#: Two places side by side after a road (湖滨南路湖滨北路, 湖滨南路厦禾路; 湖滨南路湖滨一里, 莲花北路松柏小区: a community said
#: with its road, answered for both, not 没有查到 for a name no notice prints): a road's name ends and another road's or a
#: community's whole name follows. A 街 after a road is none (中山路步行街, 美食街: a street of that road, not a second one).
_ROAD_THEN_ROAD = re.compile(r"(?<=[路街巷]|(?<!街)道)(?!道)(?=[\u4e00-\u9fff]{2,8}?(?:路|大道|社区|小区|花园|新村|[里村苑])$)")  # 街道: a subdistrict
#: A house number after its road (湖滨南路7号, 湖滨南路7 before 和9号), and one said alone after it (9号, 9).
_HOUSE_OF_ROAD = re.compile(r"(?P<road>.+?(?:[路街巷弄]|大道))(?P<n>\d{1,4})号?")
_HOUSE_ALONE = re.compile(r"(?P<n>\d{1,4})号?")


def places_asked(area: str) -> list[str] | None:
    """The places an area typed into the outage lookup names (/outages, /api/notices/outages, gongkai outages: the
    question's rules): one, or several said together (湖滨南路、厦禾路, 湖滨南路7、8号), each answered; None when it names
    none the question reader reads (the lookup then reads it as one place, as before)."""
    return _places_of(fold(area or "").replace("、", "和").replace(" ", ""))


def _places_of(text: str) -> list[str] | None:
    """The place or places (at most MOST_PLACES) a question's place text names, each one the lookup reads (or an area
    group, 岛内), in order: 湖滨南路和厦禾路, 湖滨南路湖滨北路 and 湖滨南路7、8号 (湖滨南路7号, 湖滨南路8号) are several;
    None when it names none."""
    parts = _split_places(text)
    if len(parts) > 1:
        areas = [_one_area(part) for part in parts]
        if len(areas) <= MOST_PLACES and all(areas) and len(set(areas)) == len(areas):
            return areas  # type: ignore[return-value]
        return None
    area = _one_area(text)
    return [area] if area else None


def _one_area(text: str) -> str | None:
    """The place as the lookup takes it: an area group's name (岛内, 岛外: data/outage_area_groups.toml), or the place
    when it is one (_is_one_place); None when it is neither."""
    if (group := area_group(text)) is not None:
        return group.name
    return text if _is_one_place(text) else None


def _split_places(text: str) -> list[str]:
    """The parts of a place text said together: at the joins (和, 与, 、 …) and between two roads side by side; a house
    number said alone after one of its road (湖滨南路7号和9号, 湖滨南路7和9号) takes that road."""
    joins = list(_PLACE_JOIN.finditer(text))
    words = _words_of(text) if joins else []  # a 和 inside a word of a name joins nothing (湖滨南路和平里: 和平里)
    parts, at = [], 0
    for join in joins:
        if not _inside_a_longer_word(words, *join.span()):
            parts.append(text[at : join.start()])
            at = join.end()
    parts = [part for part in (*parts, text[at:]) if part]
    parts = [piece.lstrip(_ASKING) for part in parts for piece in _ROAD_THEN_ROAD.split(part) if piece]  # 湖滨南路吗湖滨北路呢
    if len(parts) < 2:
        return [text]
    for n in range(1, len(parts)):  # in order, the road carried on: 湖滨南路7和8和9号
        house, alone = _HOUSE_OF_ROAD.fullmatch(parts[n - 1]), _HOUSE_ALONE.fullmatch(parts[n])
        if house and alone:
            parts[n - 1], parts[n] = f"{house['road']}{house['n']}号", f"{house['road']}{alone['n']}号"
    return parts


def _names_a_day(text: str, today: date) -> bool:
    """Whether what is left once the day is read still says a day (or one that does not exist)."""
    taken = take_day(text, today)
    return taken is None or taken.first is not None


#: A question asked, then more said without a stop (voice input: 明天湖滨南路停电吗我在家办公): the question ends at the particle
#: that asks, right after the outage word (its blank).
_ASKED_THEN_MORE = re.compile(r"(?P<question>[^ ]* [了没有]*[吗呢么嘛])(?P<more>.+)$")


#: 都, 也 said of the place right before its outage word (上塘社区明天一整天都停电吗, 都市花园也停水吗): taken off only where what
#: is left ends as a place's name does, so a name ending in 都 keeps it (成都, 京都: 成, 京 end as no place does).
_ALL_AFTER_PLACE = re.compile(r"(?:全都|都|也|全部)$")


def _place_said(text: str, filler: Filler) -> str:
    """What is left of a question once its outage word and day are out, without the question's own words, the
    particles at its end, where the asker lives (我家在) and the city: the place asked about; "" for none or the
    asker's own (这里, 我们小区)."""
    before, blank, after = text.partition(" ")
    if blank and after.lstrip(_ASKING + "了 "):  # 明天会停水吗？莲岳路: the place after the question, 会 and 吗 around its outage word
        # 城南村明天停电吗？三秀路呢: a place on both sides, two places asked (outages5: they were one, 城南村三秀路)
        two = _said_words(before) and _said_words(after.lstrip(_ASKING + "了 "))
        text = before.rstrip(TRAILING) + ("和" if two else " ") + after.lstrip(_ASKING + "了 ")
    text = _without_request(_without_question_words(text.replace(" ", "")).lstrip(_ASKING), filler)  # 明天停水吗湖滨南路: 吗 after the outage word
    text = TRAILING_WORDS.sub("", text.rstrip(TRAILING)).rstrip(TRAILING)
    if (adverb := _ALL_AFTER_PLACE.search(text)) and _PLACE_END.search(text[:adverb.start()]):
        text = text[:adverb.start()]  # 上塘社区明天一整天都停电吗: 都 says of the place, no part of it
    text = without_city(_LIVES_AT.sub("", _ASKER.sub("", text)) if _LIVES_AT.match(_ASKER.sub("", text)) else text)
    return "" if _ASKER.sub("", text) in _NO_PLACE else _district_in_full(text)


#: A subdistrict or town after its district's short name (海沧新阳街道, 同安大同街道, 翔安马巷镇), or a village or community
#: whose own name has two characters or more before 村/社区 (同安郭山村, 海沧温厝社区); 集美学村 keeps its name (学村: one).
#: (no road in it: 集美大道集美学村 is two places, 集美大道 and 集美学村).
_SUBDISTRICT = re.compile(r"(?!区)[\u4e00-\u9fff]{2,6}(?:街道|镇)|(?!区)(?![\u4e00-\u9fff]*[路道街巷])[\u4e00-\u9fff]{2,3}村|"
                          r"(?!区)(?![\u4e00-\u9fff]*[路道街巷])[\u4e00-\u9fff]{2,4}社区")


def _said_words(text: str) -> str:
    """What a part of a question says besides its question words and particles (湖滨南路那边停电没: 没 says nothing)."""
    said = TRAILING_WORDS.sub("", _without_question_words(text).strip(_ASKING + "了 "))  # 不停 of 停电不停 before 不 alone
    return TRAILING_WORDS.sub("", said.strip(_ASKING + TRAILING + "了 "))


#: A subdistrict or town, in full or by its two characters, then a village, community or estate (新店大宅村, 杏林宁海一里,
#: 新阳街道海新社区): said after a district's short name (翔安新店大宅村), the district's place of that name (outages5).
_TOWN_THEN_PLACE = re.compile(r"(?!区)(?:[\u4e00-\u9fff]{2,4}(?:街道|镇)(?P<full>)|(?![\u4e00-\u9fff]*[路道街巷])[\u4e00-\u9fff]{2})"
                              r"(?P<place>(?![\u4e00-\u9fff]*[路道街巷])(?!街道|镇)[\u4e00-\u9fff]{2,4}(?:村|社区|小区|[一二三四五六七八九十]里))")


def _district_in_full(text: str) -> str:
    """A district's short name before one of its subdistricts or towns named in full (海沧新阳街道 → 海沧区新阳街道, as
    notices print it; data/outage_area_groups.toml [short_names]), or before a town's short name and a village or community in it
    (翔安新店大宅村 → 翔安区大宅村: the lookup matches a place by its district and its own name); not before anything else:
    思明南路, 集美大道 are roads."""
    district = without_city(text[:2])
    if not district.endswith("区") or district == text[:2]:
        return text
    town = _TOWN_THEN_PLACE.fullmatch(text[2:])  # before a whole name: 禾山坂美社区 is 坂美社区 of 禾山街道
    if town:
        return district + (text[2:] if town["full"] is not None else town["place"])
    return district + text[2:] if _SUBDISTRICT.fullmatch(text[2:]) else text


#: Whether a word the segmenter cut is filler at the opening of a query (gongkai.indexer.understand.Rules.is_filler).
Filler = Callable[[str], bool]


@lru_cache(maxsize=4)
def _filler(request_words: tuple[str, ...]) -> Filler:
    """The search's test of a query's opening request (gongkai.indexer.understand.Rules.is_filler, opening), on the search's
    own list (search.request_words: 看看, 帮我, 我想查, 麻烦你; () : the settings' default), so the question and the search
    below it read one list: a word of it, or a run of its words the segmenter keeps as one (我想查, 帮我). Not the stop
    words: a place may begin with one (明天广场, 和平社区)."""
    from gongkai.settings import DEFAULT_REQUEST_WORDS

    words = frozenset(fold(word) for word in (request_words or DEFAULT_REQUEST_WORDS))
    longest = max(map(len, words), default=1)

    def is_request(word: str) -> bool:
        tiled = [True] + [False] * len(word)  # tiled[i]: word[:i] is a run of the words
        for end in range(1, len(word) + 1):
            tiled[end] = any(tiled[start] and word[start:end] in words for start in range(max(0, end - longest), end))
        return tiled[-1]

    return is_request


def _without_request(text: str, filler: Filler) -> str:
    """`text` without the request it opens with (看看湖滨南路, 帮我查一下湖滨南路, 麻烦问下思明区): the search's opening filler,
    word by word as the segmenter cuts it, each taken out only before more filler or a word of two or more characters
    (下潭尾 is 下 | 潭 | 尾: a place's first character, kept)."""
    words = [word for _, word in _cut_words(text)]
    at = 0
    for n, word in enumerate(words[:-1]):
        following = words[n + 1]
        # a filler of two characters before anything (请问一下内林社区: 一下 before 内, outages6); one alone only before a word
        if not (filler(word) and (filler(following) or len(following) >= 2 or len(word) >= 2)):
            break
        if word.endswith("一下下"):  # 帮我查一下下潭尾: the segmenter's one word 一下下 is the request 一下 and the place's 下 (outages8)
            return text[at + len(word) - 1:]
        at += len(word)
    return text[at:]


def _cut_words(text: str) -> list[tuple[int, str]]:
    from gongkai.indexer import segmenter

    spans, at = [], 0
    for token in segmenter.cut(text):
        spans.append((at, token))
        at += len(token)
    return spans


def _without_question_words(text: str) -> str:
    """`text` without the question's own words (QUESTION_WORDS), wherever they stand, but for one the segmenter
    reads inside a longer word: that word is a name's (白天鹅宾馆 kept its 白天 and 湖里区计划生育服务站 its 计划;
    they were asked as 鹅宾馆 and 湖里区生育服务站)."""
    if not any(word in text for word in QUESTION_WORDS):
        return text
    words = _words_of(text)
    gone = bytearray(len(text))  # 1: a question word's character, taken out
    for word in QUESTION_WORDS:
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if (not _inside_a_longer_word(words, start, end) and not any(gone[start:end])
                    and not (word in _SPAN_WORDS and _NAME_GOES_ON.match(text, end))):
                gone[start:end] = b"\1" * len(word)
            start = text.find(word, start + 1)
    return "".join(ch for ch, out in zip(text, gone) if not out)


#: Question words saying a span around a day (国庆前后, 8点左右) that also begin names of villages (前后村, 左右村): kept there.
_SPAN_WORDS = frozenset({"前后", "左右"})
_NAME_GOES_ON = re.compile(r"[村路街巷弄镇桥厝]|社区|小区|新村|花园")


def _words_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word the search's own segmenter (rjieba, loaded once per process) cuts `text` into,
    each run between blanked characters (\0) cut on its own."""
    from gongkai.indexer import segmenter

    spans = []
    for run in re.finditer(r"[^\0]+", text):
        at = run.start()
        for token in segmenter.cut(run.group()):
            spans.append((at, at + len(token)))
            at += len(token)
    return spans


def _inside_a_longer_word(words: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] lies inside one longer word of `words` (白天 in 白天鹅, 计划 in 计划生育)."""
    return any(a <= start and end <= b and b - a > end - start for a, b in words)


def _is_one_place(text: str, ended: bool = True) -> bool:
    """Whether a place said is one the outage lookup reads: named as places end (路, 社区, 大学 …; not asked with
    `ended` False), no second outage word, no date left unread, not the city alone, not several places (莲花北路和湖滨南路)."""
    if _UNREAD_DATE.search(text):
        return False  # 12月32日湖滨南路, 2126年12月7日湖滨南路: no day to answer for, and no place's name either
    return not (len(text) < 2 or text in _CITY_ALONE or any(word in text for word in UTILITY_WORDS)
                or (ended and not _PLACE_END.search(_SECTION_AFTER.sub("", text))) or parse_query(text) is None
                or _SEVERAL_PLACES.search(text))


#: Words said with a day in an outage question (周末两天, 国庆期间, 春节放假): no search words there either.
_TIME_FILLERS = ("两天", "期间", "假期", "放假", "前后", "左右")
#: Those and the question's own words, as one pattern (longest first: 什么时候 before 时候).
_FILLERS = re.compile("|".join(map(re.escape, sorted({*_TIME_FILLERS, *QUESTION_WORDS}, key=len, reverse=True))))


def question_word_spans(text: str, today: date | None = None, outage_query: str | None = None) -> list[tuple[int, int]]:
    """Where a query about an outage (one holding an outage word) says when in words notices never print (明天,
    下周, 近期, 国庆节, 周三, 7号, 12/7, 12-7, 十二月七号, a time of day: 3点, 8:00), as (start, end) offsets of `text`
    (folded, as the search folds it): the search under such a query, also one that asks no answerable question
    (several places), must not require them, or it is a relaxed answer 未包含“下周” beside the notices that
    answer it: also 5月21日, which the search would take as 5月 and 21日 anywhere, and a whole date (2019年9月20日湖滨南路停水吗
    was a relaxed answer 未包含“2019年9月20日” beside the notice of that day, which prints 9月20日). A whole date typed as a
    clause of its own (2024年5月8日 湖滨南路 停电: the search box's syntax for "must hold this") stays a search word.
    The question's own words likewise (QUESTION_WORDS: 哪天, 几号, 什么时候, 到几点, 还在, 最新消息 …, and a particle
    right before the outage word or at the end: 又停电了, 还停电吗): 湖滨南路哪天停电 was a relaxed answer 未包含“哪天”.
    [] for any other query.
    `outage_query`: the whole query `text` is a part of (湖滨南路 下周 停电: the outage word is in another clause)."""
    try:
        return _question_word_spans(text, today, outage_query)
    except Exception:  # called by every search's understanding: a failure here must not fail the search
        log.exception("finding the question's words in %r failed", text)
        return []


def _question_word_spans(text: str, today: date | None, outage_query: str | None) -> list[tuple[int, int]]:
    masked = _TYPED_OUTAGE.sub(lambda match: _TYPOS[match[0]], as_typed_day(text))  # one character for one: offsets stay those of `text`
    if not any(word in (masked if outage_query is None else outage_query) for word in UTILITY_WORDS):
        return []
    spans = [match.span() for match in (*CLOCK_TIMES.finditer(masked), *_DURATION.finditer(masked))]
    for start, end in spans:
        masked = _masked(masked, start, end)
    utilities, after_utilities = [], set()  # where the outage words stand, and where they end
    for match in list(_UTILITY_RE.finditer(masked)):  # 停电 is no day word, and what stands on both sides of it is no one word
        if (normal := match.group().find("正常")) >= 0:  # 供电正常吗: notices print 供电, never 正常
            spans.append((match.start() + normal, match.start() + normal + 2))
        utilities.append(match.start())
        after_utilities.add(match.end())
        masked = _masked(masked, *match.span())
    for _ in range(4):  # 明天 … 下午 …: each way of saying when, once
        taken = take_days(masked, today or beijing_today())  # 12月7日至9日: the 至 too
        if taken is None or not taken.words:
            break
        word = taken.words
        at = cut_at(masked, word, taken.rest)  # not masked.find: 明天广场明天停电's place keeps its 明天
        if at < 0:
            break
        if not (date_spans(word) and word == as_typed_day(text).strip()):  # a whole date as a clause of its own: a search word
            spans.append((at, at + len(word)))
        masked = _masked(masked, at, at + len(word))
    fillers = list(_FILLERS.finditer(masked))  # 周末两天, 国庆期间; 哪天, 什么时候, 还在 (longest first, one pass)
    words = _words_of(masked) if fillers else []  # the outage and day words blanked: 停电通知 is no one word
    for match in fillers:
        if not _inside_a_longer_word(words, *match.span()) and not (match.group() in _SPAN_WORDS and _NAME_GOES_ON.match(masked, match.end())):  # 白天鹅宾馆's 白天, 前后村's 前后 are search words
            spans.append(match.span())
            masked = _masked(masked, *match.span())
    for match in re.finditer("停不(?=停[电水气])", text):  # 停不停电: notices print 停电, never 停不
        spans.append(match.span())
    # 湖滨南路又停电了, 还停电吗: a particle before the outage word or at the end; 明天停水吗湖滨南路: one that asks, after it
    for at in range(len(masked)):
        before_or_last = masked[at] in TRAILING and (at + 1 in utilities or not masked[at + 1:].strip("\0" + TRAILING + " "))
        if before_or_last or (masked[at] in _ASKING and at in after_utilities):
            spans.append((at, at + 1))
    return sorted(spans)


def several_place_spans(text: str, outage_query: str | None = None, today: date | None = None) -> list[tuple[int, int, tuple[str, ...]]]:
    """Where an outage question asking about several places at once (莲花北路和湖滨南路明天停电吗) names them in `text` (a
    clause of `outage_query`, folded), each as (start, end, the places any one of which answers it): the first place's
    span holds them all, the others' (): the search beneath such a question looks for a notice naming any of them, as the
    answer does (it required every place, and listed a relaxed answer). [] for any other query, or fewer than two places
    written as the question names them (湖滨南路7、8号: 湖滨南路8号 is written nowhere)."""
    try:
        question = read_outage_question(outage_query or text, today or beijing_today())
    except Exception:  # called by every search's understanding: a failure here must not fail the search
        log.exception("reading the places of %r failed", text)
        return []
    if question is None or not question.others:
        return []
    spans, at = [], 0
    for area in question.areas:
        start = text.find(area, at)
        if start < 0:
            continue
        spans.append((start, start + len(area)))
        at = start + len(area)
    if len(spans) < 2:
        return []
    places = tuple(text[start:end] for start, end in spans)
    return [(start, end, places if n == 0 else ()) for n, (start, end) in enumerate(spans)]


def _masked(text: str, start: int, end: int) -> str:
    """`text` with start:end blanked out (read once; offsets kept)."""
    return text[:start] + "\0" * (end - start) + text[end:]


#: What notices print for each utility (断电, 没电, 停不停电 are asked; 停电 or 暂停供电 is printed).
_PRINTED = {"电": ("停电", "暂停供电", "停止供电"), "水": ("停水", "暂停供水", "停止供水"), "气": ("停气", "暂停供气", "停止供气")}


def utility_forms(word: str, outage_query: str) -> tuple[str, ...]:
    """The words notices print for an outage word of an outage query, as the search looks for it: 断电, 没电 → 停电 |
    暂停供电 | 停止供电 (湖滨南路明天断电吗 was a relaxed answer 未包含“断电”); asked for two utilities at once (停水停电),
    each word is either's (a power notice answers 停水停电通知). () for any other word."""
    if word in _TYPOS and _TYPED_OUTAGE.search(outage_query):  # 湖滨南路明天停点吗: looked for as 停电 is
        return (word, *utility_forms(_TYPOS[word], outage_query.replace(word, _TYPOS[word])))
    if word not in UTILITY_WORDS and word not in ("停电", "停水", "停气"):
        return ()
    asked = next((UTILITY_WORDS[w] for w in _LONGEST_FIRST if w in outage_query), "")
    utilities = asked if len(asked) > 1 and UTILITY_WORDS.get(word, word[-1]) in asked else UTILITY_WORDS.get(word, word[-1])
    return tuple(dict.fromkeys((word, *(form for utility in utilities for form in _PRINTED.get(utility, ())))))


def group_districts(word: str, outage_query: str) -> tuple[str, ...]:
    """The districts an area group (岛内: 思明区, 湖里区) stands for when a query about an outage names it: the search
    under 岛内明天停电吗 looks for them (no notice prints 岛内). () for any other word or query."""
    group = area_group(word)
    if group is None or not any(utility in outage_query for utility in UTILITY_WORDS):
        return ()
    return tuple(sorted(group.districts))


def _only_a_day(text: str, today: date) -> bool:
    """Whether a bracketed text is nothing but a day (明天（12月6日）'s 12月6日; not 湖滨南路（禾祥西路至湖滨一里段）)."""
    taken = take_day(PUNCTUATION.sub("", text), today)
    return taken is not None and taken.first is not None and not taken.rest



@dataclass(frozen=True)
class OutageAnswer:
    """An outage question and the outage lookup's answer to it."""

    question: OutageQuestion
    found: Found  # (notice record, its events that answer the question)
    today: date

    def as_json(self) -> dict[str, Any]:
        """The outage lookup's JSON answer for the question's place and day (gongkai.outages.answer_json),
        with the utility asked about (电, 水, 气 or 水电) and the last day asked (`until`, null for one day).
        The whole city's answer has the area ""."""
        asked = self.question
        until = asked.until.isoformat() if asked.until else None
        return {**answer_json(asked.area, asked.day, self.found), "utility": asked.utility, "until": until, "areas": list(asked.areas),
                "days": [day.isoformat() for day in asked.listed] or None}


def answer_outage_question(engine: Engine, query: str, today: date | None = None) -> OutageAnswer | None:
    """The outage question a search query asks, answered by the outage lookup (Engine.outages) and narrowed
    to the question (answered_events); None when the query asks none. The search page, /api/search and
    `gongkai search` all show it beside their results."""
    from gongkai import dates  # today looked up when asked (dates.beijing_today), not bound at import
    from gongkai.errors import QueryError

    today = today or dates.beijing_today()
    clock = datetime.now(dates.CHINA_STANDARD_TIME)
    now = clock.hour * 60 + clock.minute if clock.date() == today else None  # a day set apart from the clock's: none known
    try:
        search = engine.settings.search
        question = read_outage_question(query, today, search.outage_recent_days, search.request_words,
                                        printed=lambda name: printed_place(engine, name), now=now)
    except Exception:  # the answer box is beside the search: a reading that fails must not fail the search (no 500)
        log.exception("reading the outage question %r failed", query)
        return None
    if question is None:
        return None
    # One lookup for every day asked (周末, 下周, 国庆: each notice once, its windows on any of those days)
    try:
        reread = lambda text: read_outage_question(  # noqa: E731
            text, today, search.outage_recent_days, search.request_words, printed=lambda name: printed_place(engine, name), now=now)
        question = _village_number_as_day(engine, _day_word_off_the_place(engine, question, fold(query), reread), fold(query), reread)
        question = _without_a_citys_short_name(engine, _with_names_beginning_with_a_join(engine, question, fold(query)))
        hours = question.hours.spans if question.hours else None  # 今天下午: the windows of those hours (gongkai.outages)
        if question.area:
            answer = merged_answers([engine.outages(area, question.day, question.until, hours=hours) for area in question.areas])
        else:
            answer = (engine.outages_on(question.day, question.until, hours) if hours  # type: ignore[arg-type]
                      else engine.outages_on(question.day, question.until))  # type: ignore[arg-type]
    except QueryError:
        return None
    return OutageAnswer(question, answered_events(question, answer, today), today)


#: A bare 后/前 after a day said as 以后/以前 (国庆后碧岳社区: from 国庆 on, at 碧岳社区).
_DAY_ENDS = {"后": "以后", "前": "以前"}


def _day_word_off_the_place(engine: Engine, question: OutageQuestion, text: str,
                            read: Callable[[str], OutageQuestion | None]) -> OutageQuestion:
    """The question with a bare 后/前 after its day read as 以后/以前 where the segmenter left it on the place (国庆后碧岳社区:
    碧岳 is no word to rjieba, so asked_days could not cut 后 off; outages8 asked about 后碧岳社区): when no outage notice
    names the place as read and one names it without its first character. The notices decide, so 明天后埔社区 stays 后埔社区."""
    area = question.area
    if question.others or question.day is None or not question.day_text or area[:1] not in _DAY_ENDS or len(area) < 4:
        return question
    said = question.day_text + area
    if said not in text or engine.outages(area, None) or not engine.outages(area[1:], None):
        return question
    again = read(text.replace(said, question.day_text + _DAY_ENDS[area[0]] + area[1:], 1))
    return again if again is not None and again.area == area[1:] else question


#: A village and a number with 号 that may be a day of the month (郭山村15号还停电吗).
_VILLAGE_NUMBER = re.compile(r"(?P<v>[\u4e00-\u9fff]{2,8}村)(?P<n>3[01]|[12]\d|0?[1-9])号")


#: A place, not a road, and a number with 号 that may be a day of the month said before a part of the day (前埔一里20号晚上).
_PLACE_NUMBER = re.compile(r"(?P<v>[\u4e00-\u9fff]{2,8}(?<![路街巷道]))(?P<n>3[01]|[12]\d|0?[1-9])号")


def _village_number_as_day(engine: Engine, question: OutageQuestion, text: str,
                           read: Callable[[str], OutageQuestion | None]) -> OutageQuestion:
    """The question with a village's N号 read as the day (郭山村15号还停电吗: the 15th, outages10; it asked about a house 15号 of the
    village on any day still to come) when no day was read (or only its part) and no outage notice prints that house (one phrase
    search). A notice printing 军营村8号 keeps it a house."""
    from gongkai.search_types import SearchRequest

    match = _VILLAGE_NUMBER.fullmatch(question.area)
    # 前埔一里20号晚上停水吗, 洪塘村12号晚上 (outages13): a day said only by its part (晚上: today's) is no day said, and before
    # a part of the day the number of any place but a road's (湖滨南路7号下午: a house) is the day where no notice prints the house
    by_its_part = question.day is not None and not question.day_text and question.hours is not None
    if match is None and by_its_part and (number := _PLACE_NUMBER.fullmatch(question.area)) is not None:
        match = number if number.group(0) + question.hours.words in text else None  # type: ignore[union-attr]
    if (question.day is not None and not by_its_part) or question.others or match is None or match.group(0) not in text:
        return question
    request = SearchRequest(q=f'"{match.group(0)}"', kind="notice", notice_type="outage", limit=1, facets=False)
    response = engine.search(request)
    if response.hits and not response.relaxed:
        return question
    again = read(text.replace(match.group(0), f"{match['n']}号{match['v']}", 1))
    return again if again is not None and again.day is not None and again.area == match["v"] else question


def _without_a_citys_short_name(engine: Engine, question: OutageQuestion) -> OutageQuestion:
    """The question's places without another city's short name before them (汕头金泰社区, 宁波华泰社区: outages6; the data's
    [other_cities] names ten): a place no notice names as asked is asked without its first two characters when a notice naming
    the rest prints them as a city (汕头市自来水有限公司, 宁波市鄞州区). The notices decide, so 东高殿社区 stays as asked."""
    areas = list(question.areas)
    for n, area in enumerate(areas):
        short, rest = area[:2], area[2:]
        if (len(rest) < 3 or not _CITY_SHORT.fullmatch(short) or without_city(short) != short or rest.startswith(("区", "县", "市"))
                or not _is_one_place(rest) or engine.outages(area, None)):
            continue
        # the city with 市, or named by its utility (国网南京供电公司, 云南电网昆明供电局, 泉州水务: outages8; such a notice prints no 南京市)
        city = re.compile(short + r"(?:市|供电|水务|自来水|燃气|电力)")
        if any(city.search(fold(f"{record.title or ''}{record.issuer or ''}{record.body or ''}")) for record, _ in engine.outages(rest, None)):
            areas[n] = rest
    return replace(question, area=areas[0], others=tuple(areas[1:])) if areas != list(question.areas) else question


_CITY_SHORT = re.compile(r"[\u4e00-\u9fff]{2}")


#: Joins that also begin names of places (和通里, 和平里, 和美社区, 与...): 嘉禾路和通里 is 嘉禾路 and 通里, or 嘉禾路 and 和通里.
_JOINS_IN_NAMES = ("和",)


def _with_names_beginning_with_a_join(engine: Engine, question: OutageQuestion, text: str) -> OutageQuestion:
    """The question with its places as the notices print them (places_as_printed)."""
    if not question.others:
        return question
    areas = places_as_printed(engine, list(question.areas), text)
    return replace(question, area=areas[0], others=tuple(areas[1:])) if areas != list(question.areas) else question


def places_as_printed(engine: Engine, areas: list[str], text: str) -> list[str]:
    """Several places read from `text` (folded), each said after a join that may begin its name (嘉禾路和通里: 通里, or
    和通里?) read as the notices print it: when no notice names the place as split off (通里) and one names it with the
    join (和通里), the join is the name's; else as read. The segmenter knows no such name (rjieba has no word 和通), the
    notices do. The search box's answer and the outage lookup (Engine.outages) read them alike."""
    areas = list(areas)
    for n, area in enumerate(areas[1:], start=1):
        for join in _JOINS_IN_NAMES:
            named = join + area
            if named in text and _one_area(named) == named and not engine.outages(area, None) and engine.outages(named, None):
                areas[n] = named
    return areas


#: An estate said after the name of the area it lies in (未来海岸蓝湾, printed 未来海岸片区（蓝湾、水云湾、浪琴湾）; outages14: nothing was
#: found, no notice prints the two as one name): the estate's windows that name that area too (未来海岸片区 begins 未来海岸).
_ESTATE_NAME_END = re.compile(r"(?:[湾苑园府郡邸墅庭]|花园|山庄|家园|公寓|华庭|学府)$")


def estate_after_its_area(engine: Engine, area: str, day: date | None, until: date | None,
                          hours: tuple[tuple[int, int], ...] | None) -> Found:
    """The lookup of `area` read as an area's name and an estate in it (未来海岸蓝湾: 蓝湾 where 未来海岸… is printed with it), when
    it ends as an estate's name does; [] else. Asked only once the place as said found nothing (a split each, at most three)."""
    name = fold(area)
    if not _ESTATE_NAME_END.search(name) or not re.fullmatch(r"[\u4e00-\u9fff]{4,10}", name):
        return []
    for cut in range(max(2, len(name) - 4), len(name) - 1):
        prefix, estate = name[:cut], name[cut:]
        kept = [(record, near) for record, found in engine.outages(estate, day, until, hours=hours)
                if (near := [event for event in found if any(fold(a.name).startswith(prefix) for a in event.areas)])]
        if kept:
            return kept
    return []


def merged_answers(answers: list[Found]) -> Found:
    """The lookups' answers for several places asked at once (湖滨南路和厦禾路) as one: each notice once, newest first, with
    the events that answer any of the places, in the notice's order."""
    if len(answers) == 1:
        return answers[0]
    notices: dict[str, Record] = {}
    kept: dict[str, set[int]] = {}
    # windows the lookup dated for a correction that prints none (a place swap, a day moved: gongkai.outages), not the notice's own
    dated: dict[str, dict[tuple, OutageEvent]] = {}
    for answer in answers:
        for record, events in answer:
            notices.setdefault(record.id, record)
            positions = [n for n, event in enumerate(record.notice.events) if any(event is e for e in events)]  # type: ignore[union-attr]
            kept.setdefault(record.id, set()).update(positions)
            for event in events:
                if not any(event is own for own in record.notice.events):  # type: ignore[union-attr]
                    dated.setdefault(record.id, {}).setdefault((event.start, event.end, tuple(a.text for a in event.areas)), event)
    merged = [(record, [record.notice.events[n] for n in sorted(kept[record.id])] + list(dated.get(record.id, {}).values()))  # type: ignore[union-attr]
              for record in notices.values()]
    merged.sort(key=lambda pair: (pair[0].publish_date or date.min, pair[0].id), reverse=True)
    return merged


def answered_events(question: OutageQuestion, found: Found, today: date) -> Found:
    """The outage lookup's answer (Engine.outages: notice, its events naming the place) narrowed to the
    question: events of the utility asked about (or of an unknown one), with two days said apart (12月7日和12月9日)
    those touching one of them (the lookup read the days between too), and, with no day asked, those not
    over before today (a citizen typing 思明区停电 wants what is coming, not 2011's)."""
    wanted = {_UTILITIES[ch] for ch in question.utility} | {"unknown"}
    answer = []
    if question.listed:
        found = on_days(found, question.listed, question.hours.spans if question.hours else None)
    for notice, events in found:
        kept = [e for e in events if e.utility in wanted and (question.day is not None or _not_over(e, today))]
        if kept:
            answer.append((notice, kept))
    return answer


def _not_over(event: OutageEvent, today: date) -> bool:
    days = covered_days(event)
    return days is not None and days[1] >= today
