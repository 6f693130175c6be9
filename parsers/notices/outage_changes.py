"""Outage notices that call off or move an earlier window (停电取消通知, 停电时间变更通知, 更正启事, power back early).

`standing` tells a printed window apart: called off, the one a change moves to, or as announced; `from_when_back`
narrows a window called off because the power came back early to the time it came back.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from gongkai.parsers.notices.fields import TimeWindow
from gongkai.parsers.notices.timewindows import WINDOW_RE, WindowSpan
from gongkai.place_ends import HOUSE_NUMBER_AFTER

# A window a notice calls off or moves (停电取消通知, 停电时间变更通知): printed after 原定/原计划/取消 in its sentence,
# or followed there by 取消 or the words of a change (停电时间由W调整为…), unless in case (如遇…取消). A window printed
# after the words of a change (变更为W) is the one it moved to: a cut, with the places of the window it replaces
# when it prints none (停电范围不变).
_MOVED_TO = (r"改期至|改期到|改期为|变更为|变更至|调整为|调整至|调整到|更改为|更正为|修改为|应为|应是|改为|改在|改至|改到|推迟至|推迟到|推后至|延期至|延期到|延后至|"
             r"延至|顺延至|顺延到|提前至|提前到")
_OFF_BEFORE = re.compile(rf"原定|原计划|原通知|原公告|原于|取消|{_MOVED_TO}")
_OFF_AFTER = re.compile(rf"取消|不再停|{_MOVED_TO}|延期|推迟|暂缓|提前完成|提前恢复|已恢复|已于[^。；;\n]{{0,20}}恢复")
# The places a change names before its window (思明区公园南路停电时间由W调整为…, 湖里区泗水道停电时间调整为W); after a clock, not
# inside it (原定3月13日7:30-18:30翔安区…田墘社区的停电延期至W, outages10: the place 30翔安区…, found by no lookup).
_PLACE_BEFORE = re.compile(rf"(?:^|[，,：]|(?<!\d):(?!\d)|(?<=\d[:：]\d\d))(?P<area>[^，,。；;\n:：]{{2,60}}?)的?(?:停电|停水|停气)(?:时间|日期|计划|工作)?(?:由|从|{_MOVED_TO})?\s*[“「『]?\s*$")  # 停水时间“W1”应为“W2”
# Power back early (已于12月9日12:00恢复供电): the window is called off from then on only.
_BACK_AT = re.compile(
    # 已于12月9日12:00恢复供电; 已于当日12:30提前完成，已恢复供电
    r"(?:已于|已在|于)\s*(?:当日|当天)?\s*(?:(?P<m>\d{1,2})\s*月\s*)?(?:(?P<d>\d{1,2})\s*日\s*)?(?P<h>\d{1,2})(?::(?P<mi>\d{2})|\s*[时点](?:\s*(?P<mi2>\d{1,2})\s*分)?)"
    r"\s*(?:提前)?\s*(?:完成|结束)?[，,]?\s*(?:已|提前)?\s*恢复(?:正常)?(?:供电|供水|供气|送电|通电|通水|通气)"  # 恢复送电 (outages15)
)
# 原计划18:00恢复供电，现提前至15:00恢复供电; 恢复供水时间提前至14:00 (outages12: the whole window was called off, the morning's cut lost)
_MOMENT = (r"\s*(?:当日|当天)?\s*(?:(?P<m>\d{1,2})\s*月\s*)?(?:(?P<d>\d{1,2})\s*日\s*)?(?P<pm>下午|晚上)?"
           r"(?P<h>\d{1,2})(?::(?P<mi>\d{2})|\s*[时点](?:\s*(?P<mi2>\d{1,2})\s*分)?)")
_BACK_EARLIER = (re.compile(r"(?:提前|改|调整|更改|变更)(?:至|到|为|在)" + _MOMENT + r"\s*(?:前)?\s*恢复(?:正常)?(?:供电|供水|供气)"),
                 re.compile(r"恢复(?:供电|供水|供气)时间(?:提前|改|调整|更改|变更)(?:至|到|为)" + _MOMENT))
_IN_CASE = re.compile(r"如遇|若遇|如果|如有|遇有|遇到|如因|若因|若|遇(?:雨|雷|恶劣|台风|大风|天气|特殊)")  # （遇雨顺延至5月21日）
# 停电范围“湖里区高崎南五路”应为“湖里区高崎南八路”: a correction of the places, the window kept (fold makes 「」 “”)
_PLACES_CORRECTED = re.compile(
    r"“(?P<old>[^”“\n]{2,80})”\s*(?:应为|应是|更正为|修改为|改为|变更为|调整为)\s*“(?P<new>[^”“\n]{2,80})”"
)


def standing(folded: str, span: WindowSpan) -> str:
    """"called_off", "moved" (the window a change moves to) or "" (a window as announced)."""
    sentence_start = max(folded.rfind(ch, 0, span.start) for ch in "\n。；;") + 1
    ends = [i for i in (folded.find(ch, span.end) for ch in "\n。；;") if i >= 0]
    before, after = folded[sentence_start:span.start], folded[span.end:min(ends, default=len(folded))]
    # a day called off with no time: 原定于12月8日 is the span; a day moved to with none: 更正为2月27日 (timewindows)
    own = re.match(rf"\s*(?:原定|原计划|取消|{_MOVED_TO})", folded[span.start:span.end])
    before += own.group(0).strip() if own else ""
    last_before = list(_OFF_BEFORE.finditer(before))
    if last_before:
        word = last_before[-1]
        if _IN_CASE.search(before[: word.start()][-8:]):
            return ""
        return "moved" if re.fullmatch(_MOVED_TO, word.group(0)) else "called_off"
    first_after = _OFF_AFTER.search(after)
    if first_after and not _IN_CASE.search(after[: first_after.start()]) and not WINDOW_RE.search(after[: first_after.start()]):
        return "called_off"
    return ""


# 原定于W对李林村、双岭村的停电，其中双岭村的停电取消: only the places after 其中 are called off
# …乌山村、金柄村停电计划中，金柄村不再停电: a clause of its own naming one of the places too (outages checks it is one)
#: A clause opening with a join after the comma (…民族路5号、7号，以及厦禾路10号的停水取消, outages12) goes on with the list before
#: it: no part of it called off alone, no other places going ahead (the places before the comma were kept cut).
_LIST_GOES_ON = r"以及|及|并|还有"  # not 和/与: 和平社区, 和通里 open names
_PART_CALLED_OFF = re.compile(rf"(?:其中|(?<=[，,])(?!{_LIST_GOES_ON}))(?P<area>[^，,。；;\n]{{2,60}}?)的?(?:停电|停水|停气)?(?:计划|工作|检修)?(?:取消|不再停(?:电|水|气)?|暂缓|延期)")


# …的停电取消，湖滨二里照常停电 / 过坂村停电按原计划进行: a clause of places whose window stands (outages8: the SMS printed the
# window before its places, so the kept place was read into the called-off list)
_GOING_AHEAD = re.compile(rf"(?:(?<=[，,])(?!{_LIST_GOES_ON})|其余|其他)(?P<area>[^，,。；;\n]{{2,60}}?)的?(?:停电|停水|停气)?(?:计划|工作|检修)?"
                          r"(?:(?:照常|仍按原计划|按原计划|仍按计划|按计划|如期|仍将|仍)(?:进行|停电|停水|停气|实施|执行)"
                          r"|(?<=停电|停水|停气)照常(?=[。；;，,\s]|$))")  # 李林村停电照常。 (outages13: it was called off too)


# 本公司8月28日发布的停水通知取消 (a notice called off by naming it: no window, no place printed; outages8): every window of the
# notices of that issuer published that day (gongkai.outages reads which).
_NOTICE_CALLED_OFF = re.compile(
    r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:发布|刊登|刊发|公布|发出)的[^。；;\n]{0,30}?(?:停电|停水|停气)"
    r"(?:通知|公告|通告|信息)[”」』]?\s*(?:因故|现|予以|已)?\s*(?:取消|作废|撤销|撤回|不再执行)"
)


def notice_called_off(folded: str) -> tuple[int, int] | None:
    """Where a notice calls off an earlier one by naming it by its day, with neither window nor place (本公司8月28日发布的停水通知取消)."""
    match = _NOTICE_CALLED_OFF.search(folded)
    return match.span() if match else None


# …原定于8月12日对岩内村、后溪村的停电，改期至8月19日…进行；城内村的停电取消 (outages14): a clause of its own, after ；or 。, calling off
# places with no window of its own calls them off in the window the notice says was planned (城内村 stayed cut on the 12th); not
# the clause printing that window itself (原定12月10日对大元路的停电取消: a day, 原定 or a 【sender】 before its 取消).
_CLAUSE_CALLED_OFF = re.compile(r"(?:^|(?<=[；;。\n]))[ \t]*(?:另外|此外|同时|其中|另)?[，,]?(?![^，,。；;\n]*?(?:原定|原计划|原通知|\d\s*[月日]|【))(?P<area>[^，,。；;\n:：]{2,60}?)的?(?:停电|停水|停气)(?:计划|工作|检修)?"
                                r"(?:也|亦|则|均)?(?:予以|因故)?(?:取消|不再进行)(?=[。；;，,\s]|$)")


#: An item read among a change's places that is none: the cause said in a clause of its own (因施工准备不足，顺延至…) or the
#: words of the change alone (…的停电，顺延至W: 顺延至 was the moved window's only place, so its places were lost; outages15).
_NO_PLACE = re.compile(rf"(?:因|由于)[^、]{{1,20}}?(?:原因|不足|影响|需要|需|问题|变化|变动|调整|安排|未完成|故障)|(?:现|将|拟|特)?(?:{_MOVED_TO}|顺延|改期|推迟|延期)"
                       r"|的?(?:停电|停水|停气)(?:计划|工作|检修)?(?:取消|照常|不变)")  # …4月26日的停水取消: the day's words, no place


def no_place(item: str) -> bool:
    """Whether a printed item (folded) is a cause or a change's words, not a place."""
    return _NO_PLACE.fullmatch(item.strip(" \t，,。；;")) is not None


def clauses_called_off(folded: str) -> list[tuple[int, int]]:
    """Where clauses of their own call places off with no window (城内村的停电取消), in printed order."""
    return [match.span("area") for match in _CLAUSE_CALLED_OFF.finditer(folded)]


def going_ahead(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a cancellation names places whose window goes ahead, with the words saying so (湖滨二里照常停电), in
    folded[start:end]."""
    match = _GOING_AHEAD.search(folded, start, end)
    return (match.start("area"), match.end()) if match else None


def part_called_off(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a cancellation names the only places it calls off (其中双岭村的停电取消) in folded[start:end]."""
    match = _PART_CALLED_OFF.search(folded, start, end)
    return match.span("area") if match else None


def corrected_places(folded: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where a correction prints the places it replaces and the places it gives (“A”应为“B”) in folded[start:end];
    None when there is none or the quotes hold a window (停电时间“W1”更正为“W2” moves a window)."""
    match = _PLACES_CORRECTED.search(folded, start, end)
    if not match or WINDOW_RE.search(match["old"]) or WINDOW_RE.search(match["new"]):
        return None
    return match.span("old"), match.span("new")


# 原定于9月25日8:00-17:00…的停电检修工作延期至9月27日同一时段进行: the hours called off, on the day it moves to
_MOVED_TO_SAME_HOURS = re.compile(
    r"(?:延期|推迟|推后|延后|顺延|改期|调整|变更|改)(?:至|到|为|在)\s*(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?"
    r"(?P<d>\d{1,2})\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?\s*的?(?:同一时段|同一时间|同时段|相同时段|原时段|原定时段|原时间)"
    # …的停电推迟一天进行，停电时间不变: the same hours that many days later
    r"|(?:延期|推迟|推后|延后|顺延)(?P<n>一|两|二|三|[1-3])(?:天|日)"
    # …的停水推迟一周进行，停水时间、范围不变 (outages10: the old day was called off and no new one cut): that many weeks later
    r"|(?:延期|推迟|推后|延后|顺延)(?P<w>一|两|二|[12])(?:个)?(?:周|星期|礼拜)"
)


def moved_to_same_hours(text: str, folded: str, start: int, end: int, window: TimeWindow) -> TimeWindow | None:
    """The window a change moves a called-off one to when it prints only the new day (延期至9月27日同一时段): the same
    hours that day; None when it says no such thing."""
    match = _MOVED_TO_SAME_HOURS.search(folded, start, end)
    if not match or window.start is None or window.end is None:
        return None
    if match["n"] or match["w"]:
        later = {"一": 1, "两": 2, "二": 2, "三": 3}.get(match["n"] or match["w"]) or int(match["n"] or match["w"])
        shift = timedelta(days=later * (7 if match["w"] else 1))
        return TimeWindow(start=window.start + shift, end=window.end + shift, text=text[match.start():match.end()])
    try:
        day = datetime(int(match["y"] or window.start.year), int(match["m"] or window.start.month), int(match["d"]))
    except ValueError:
        return None
    if day.month < window.start.month - 6 and not match["y"]:
        day = day.replace(year=day.year + 1)  # 12月30日 moved to 1月3日
    shift = day - datetime.combine(window.start.date(), datetime.min.time())
    if not shift:
        return None
    return TimeWindow(start=window.start + shift, end=window.end + shift, text=text[match.start():match.end()])


#: The day a change calls off, opening what stands before its outage word (原定3月18日东屿社区的停气改到…): no place.
_ORIGINAL_DAY = re.compile(r"(?:原定|原计划)(?:于|在)?\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?(?:对|在)?\s*")


#: The notice a change corrects named by its places (2月12日发布的内林社区停水通知), not by its kind alone (发布的停水通知).
_NOTICE_OF_PLACES = re.compile(r"(?:发布|刊登|刊发|公布|发出)的(?:关于)?(?P<area>[^，,。；;\n“”]{2,40}?)的?(?:计划)?(?:停电|停水|停气)(?:检修)?(?:通知|公告|通告|信息)")

#: The days planned and their places, then the day called off in a clause of its own (原定8月3日至8月5日后亭村的停电，8月4日停电取消,
#: outages8): the places of the days planned.
_DAYS_PLANNED = re.compile(r"(?:原定|原计划)(?:于|在)?\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号]\s*(?:至|到|-|—|~|～)\s*"
                           r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号](?:对|在)?(?P<area>[^，,。；;\n\d]{2,40}?)的?(?:停电|停水|停气)(?:计划|工作|检修)?[，,]\s*(?:其中)?\s*$")  # 其中4月26日的停水取消 (outages15)
#: The day planned and its places, then the change of its hours in a clause of its own (原定2月11日湖滨一里、湖滨二里的停水，停水时间由W1
#: 调整为W2, outages12: no place was read, so the old hours stood beside the new).
_DAY_PLANNED_THEN_HOURS = re.compile(
    r"(?:原定|原计划)(?:于|在)?\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?(?:对|在)?"
    r"(?P<area>[^，,。；;\n\d]{2,40}?)的?(?:停电|停水|停气)(?:计划|工作|检修)?[，,]\s*(?:停电|停水|停气)?(?:时间|时段)\s*(?:由|从)\s*$")
_ISSUER = re.compile(r"公司|集团|供电|水务|燃气|电网|自来水|局$")


#: Before a number printed with 号: a place's last character, or one and a house number opening a range (厦禾路801号至899号)
_HOUSE_BEFORE = re.compile(rf"[{HOUSE_NUMBER_AFTER}]\s*(?:\d{{1,4}}\s*号?\s*(?:至|到|-|—+|~|～)\s*)?$")


def _day_by_hao(area: str) -> bool:
    """Whether `area` prints a day with 号 (12号的停电时间由…), not a house's or a building's number (厦禾路801号至899号,
    国贸新城1号楼至12号楼: alerts6, such a change's places were refused as a day and its watchers never told)."""
    for number in re.finditer(r"\d{1,4}(?=\s*号)", area):
        after = area[number.end():].lstrip()[1:].lstrip()
        if not (after[:1] in ("楼", "栋", "幢", "座") or _HOUSE_BEFORE.search(area, 0, number.start())):
            return True
    return False


def places_before(folded: str, window_start: int) -> tuple[int, int] | None:
    """Where a change names its places before its window in its sentence (思明区公园南路停电时间由W调整为…)."""
    sentence = max(folded.rfind(ch, 0, window_start) for ch in "\n。；;") + 1
    match = _PLACE_BEFORE.search(folded[sentence:window_start])
    if match and (day := _ORIGINAL_DAY.match(match["area"])) and len(match["area"]) - day.end() >= 2:
        # 原定3月18日东屿社区的停气改到3月20日 (outages6): the places after the day called off are the change's
        return sentence + match.start("area") + day.end(), sentence + match.end("area")
    if not match or re.search(r"原定|原计划|\d\s*[月日]|通知|公告|通告|启事|刊登|本报", match["area"]) or _day_by_hao(match["area"]):
        # 原定于3月12日的停电延期至W: the day called off, not a place; 原通知中停水日期由…: the notice, not a place, unless
        # it names its places (我司2月12日发布的内林社区停水通知，停水日期更正为W, outages8)
        named = (_NOTICE_OF_PLACES.search(folded, sentence, window_start) or _DAYS_PLANNED.search(folded, sentence, window_start)
                 or _DAY_PLANNED_THEN_HOURS.search(folded, sentence, window_start))
        return named.span("area") if named and not _ISSUER.search(named["area"]) else None  # 刊登的国网厦门供电公司停电通知
    return sentence + match.start("area"), sentence + match.end("area")


def from_when_back(folded: str, start: int, end: int, window: TimeWindow) -> TimeWindow:
    """A window called off because the power came back early: called off from that moment (已于12月9日12:00恢复供电),
    so its earlier days stay cut. Any other window called off: the whole of it."""
    back = _BACK_AT.search(folded, start, end)  # after the window, to the end of its block
    back = back or next((found for pattern in _BACK_EARLIER if (found := pattern.search(folded, start, end))), None)
    if not back or window.start is None or window.end is None:
        return window
    hour = int(back["h"]) + (12 if back.groupdict().get("pm") and int(back["h"]) < 12 else 0)  # 提前至下午3点恢复
    try:
        moment = datetime(window.start.year, int(back["m"] or window.start.month), int(back["d"] or window.start.day),
                          hour, int(back["mi"] or back["mi2"] or 0))
    except ValueError:
        return window
    return window.model_copy(update={"start": moment}) if window.start < moment < window.end else window


# 原定于W对嘉禾路300号至388号的停电，停电范围调整为嘉禾路300号至350号，停电时间不变: the window stands, for other places (the
# words of a change made it a window called off for the old places only: 320号, still cut, was answered not cut; alerts4).
# 停电范围增加X / 新增X / 扩大至X: the old places stay cut, X is cut too.
_PLACES_CHANGED = re.compile(
    r"(?:(?:范围|区域|地点|小区|路段)(?P<kind>调整|变更|更正|更改|修改|缩小|缩减|减少|改|增加|新增|扩大)"
    r"(?:为|至|成|到)?|调整后的?(?:停电|停水|停气)?(?:范围|区域)(?:为|是)?|(?P<add>增加|新增)(?:停电|停水|停气)(?:范围|区域|用户)?)"
    r"\s*[：:]?\s*(?P<new>[^，,。；;\n]{2,120}?)\s*(?=[，,。；;\n]|$)"
)


#: The words of such a change: a notice holding none is not searched for one (the search's first characters, 区, 路, are
#: in every notice; these are rare).
_PLACES_CHANGE_HINT = re.compile(r"调整|变更|更正|更改|修改|缩小|缩减|减少|增加|新增|扩大|改为|改成|改至|改到")


#: What follows 范围调整 in an ordinary notice's boilerplate, not places: 停水区域调整后将另行通知, 停电范围调整以实际为准,
#: 调整时另行公告 (read as the places 后将另行通知, the window's own places were called off: review s16).
_NO_PLACES = re.compile(r"^(?:后|时|的|将|如|请|以|另)|另行|通知|公告|为准|届时|告知")


def may_change_places(folded: str) -> bool:
    """Whether a notice may change a window's places alone (places_changed); read once a notice."""
    return _PLACES_CHANGE_HINT.search(folded) is not None


def places_changed(folded: str, start: int, end: int) -> tuple[tuple[int, int], bool] | None:
    """Where a change of a window's places alone prints the new ones (停电范围调整为P, 停电范围增加P) in folded[start:end], and
    whether they are added to the old ones (增加, 新增, 扩大) rather than replacing them; None when there is none."""
    match = _PLACES_CHANGED.search(folded, start, end)
    if not match or WINDOW_RE.search(match["new"]) or re.match(r"不变|同上|详见", match["new"]) or _NO_PLACES.search(match["new"]):
        return None
    return match.span("new"), bool(match["add"]) or match["kind"] in ("增加", "新增", "扩大")
