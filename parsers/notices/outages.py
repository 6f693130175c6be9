"""An outage notice's events: every printed window with the places printed with it.

A notice is cut into blocks, one per printed window (or per run of windows printed together:
`5月6日8:00-12:00、14:00-18:00`). A block starts at the beginning of its window's line or sentence and
runs to the next block, so a numbered item (一、停电时间 … 停电线路 … 停电范围 …), a sentence
(`定于…对以下区域停电：…`, `…8:00-17:00，高殿社区停电。`) or a line of the Taian/Pingdingshan kind each
keep their own places. Places found before the first window (`下列区域停水：…。停水时间：…`) go to the
blocks that print none of their own. The same window printed twice (the title and the body) is one
block. 降压供水 places get their own event with effect `reduced_pressure`. A table row flattened to text
(停电时间 | 停电范围 | 停电线路, or cells between spaces under a header row) gives the places of its other cells.
A window a notice calls off (停电取消通知, 原定于…调整为…, power back early) is an event with effect `cancelled`;
the window it moves to is a cut with the places of the one it replaces when it prints none (停电范围不变).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from gongkai.notices import OutageArea, OutageEvent, TimeWindow
from gongkai.outage_areas import VILLAGE_GROUP, clean_area
from gongkai.parsers.notices import outage_changes
from gongkai.parsers.notices.normal import fold_all as fold
from gongkai.parsers.notices.outage_rows import key_value_rows, row_cells
from gongkai.parsers.notices.printed_numbers import (
    arabic_dates,
    clock_columns,
    day_after_clock,
    days_under_one_clock,
    dotted_days,
    ocr_misreads,
)
from gongkai.parsers.notices.timewindows import WindowSpan, find_window_spans, said_days_with_dates, same_day_with_date
from gongkai.place_ends import HOUSE_NUMBER_AFTER

_MARKER_CUT = (
    r"停电范围|停水范围|停气范围|停电区域|停水区域|停气区域|影响范围|影响区域|涉及区域|涉及范围|受影响区域|主要影响|"
    r"停[电水气](?:小区)?(?:及)?单位|受?影响(?:的)?(?:小区)?(?:及)?单位|涉及单位|"  # 2、停水单位：…; 吕岭路段停气小区单位：…; 受影响小区单位：…
    r"停[电水气]的?区域范围|停[电水气]的范围|停[电水气]的区域|(?:受)?影响(?:的)?(?:地区|楼宇|地段)|停电地区|停水地区|"  # 停水的范围包括…, 停电区域范围包括…, 受影响地区
    r"影响用户|停电地段|停水地段|停电用户|停水用户|停气用户|涉及用户|(?:涉及|影响)(?:燃气|天然气)用户|停电地点|停水地点|停气地点|停电小区|停水小区|影响小区|涉及小区|"
    r"(?<![\u4e00-\u9fff])范围|"  # 时间：…；范围：… (the label alone after a clause)
    r"(?:以下|下列)[\u4e00-\u9fff]{0,4}?(?:将|会)?(?:停水|停电|停气|(?:暂停|停止|中断)(?:供水|供电|供气))"  # 届时以下区域将停水：…
)
_MARKER_LOW = r"(?:以下|下列)[\u4e00-\u9fff]{0,4}?(?:将|会)?(?:实行|实施)?(?:降压|减压)供水|(?:降压|减压)供水范围|(?:降压|减压)供水区域|(?:降压|减压)范围|(?:降压|减压)区域|水压降低区域|低压供水范围|(?:降压|减压)供水用户"
_AREA_MARKER = re.compile(
    # 停电范围：…, 停电范围为…, 受影响区域包括：…, 【停电范围】…
    rf"(?:(?P<low>{_MARKER_LOW})|(?:{_MARKER_CUT}))[ \t]*(?:如下)?(?:[:：]|[】\]]|(?:为|是|包括|包含)[:：]?|(?=[ \t]*\n[ \t]*(?:[-•·\d]|[\u4e00-\u9fff]{{2,4}}(?:区|县|街道|镇|乡)[:：])))[ \t]*(?P<areas>[^。\n]*)"
)
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.、．)）]|[（(]\d{1,2}[)）]|[①-⑳]|[-•·])\s*")
_AFFECTED_INLINE = re.compile(
    r"届时(?!请|敬请)(?P<area>[^，,。；\n]{2,80}?)(?:将|会)?(?:(?:暂停|停止|中断)(?:供水|供电|供气)|停水|停电|停气)"  # 届时屏山路…两侧沿线用户将停水
    # 将影响湖滨南路、湖滨一里的用电; not 受此影响由高殿水厂供水的… (what is affected follows, as a pressure drop)
    r"|(?:将|会)?(?<!受此)(?<!受其)影响(?P<use>[^，,。；\n:：]{2,80}?)的?(?:正常)?(?:用电|用水|用气|供电|供水|供气)"
    # …对洪前村停电检修，同时大嶝街道田墘社区部分用户也将停电: the places of a clause added with 同时
    r"|同时(?P<also>[^，,。；;\n]{2,60}?)(?:也|亦)?(?:将|会)?(?:停电|停水|停气|(?:暂停|停止|中断)(?:供电|供水|供气))"
    # 抢修期间湖里区殿前街道、禾山街道等区域用水将会受到影响
    r"|(?:期间|届时)(?P<hit>[^，,。；;\n]{2,80}?)的?(?:用水|用电|用气|供水|供电|供气)(?:将|会|也)*(?:受到|受)影响"
    # 受此影响，新阳街道新阳社区、祥露社区将停水 (a burst main's notice, outages14): the places that lose the supply, not the place
    # of the burst printed after the moment it happened
    r"|受(?:此|其)影响[，,]?\s*(?P<lost>[^，,。；;\n:：]{2,80}?)(?:均|也|等区域|等地)?(?:将|会)?(?:出现)?(?:停水|停电|停气|(?:暂停|停止|中断)(?:供水|供电|供气))"
)
# 屿后南路实行降压供水; 这段时间岛外减压供水; 由高殿水厂供水的集美学村、杏林等区域供水压力也将有所下降
_LOW_INLINE = re.compile(
    r"(?:^|[，,。；;\n])(?:这段时间|此期间|期间|届时|同时|此外)?(?:受此影响)?(?:由[^，,。；;\n]{1,12}?供水的)?"
    r"(?:[^，,。；;\n:：]{0,20}?(?<![\u4e00-\u9fff]{3}[路街道巷村])对)?"  # 厦门水务集团将对杏滨街道…实行降压供水: who, then the places
    r"(?P<area>[^，,。；;\n:：]{2,80}?)"
    r"(?:也|亦)?(?:将|会)?(?:实行|实施)?(?:(?:降压|减压)供水|的?(?:供水压力|水压)(?:也)?(?:将|会)?(?:有所|出现)?(?:下降|降低|偏低))"  # …部分区域水压偏低
)
# 原定于10月20日在海沧区东孚街道的计划停电取消: 在 as 对
_TO_INLINE = re.compile(r"^\s*(?:将|拟|会)?\s*(?:对|在)(?P<area>[^。；;\n]{2,200}?)的?(?:计划|检修)?(?:实施|进行)?(?:停止供|暂停供|中断供|停)(?:水|电|气)")
_LINE = re.compile(
    r"(?:检修线路|停电线路|线路名称|停电设备|检修设备|施工管段|停水管段)\s*[:：]\s*(?P<line>[^。；;，,\n]+)"
    r"|(?P<kv>\d+\s*(?:kv|千伏)\s*[\u4e00-\u9fff0-9#Ⅰ-Ⅻⅰ-ⅻ]{1,12}?(?:线|路))"  # ⅰ: Ⅰ as fold lower-cases it
)
_ITEM = re.compile(r"(?m)^[ \t]*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])")
# A day moved to printed right after the one it moves from (日期由2月26日更正为2月27日): not one run with it.
_CHANGED_TO = re.compile(r"\s*(?:更正|调整|变更|修改|改|推迟|延期|顺延|推后|延后)(?:为|至|到|在)")
# Between two windows printed together there is only glue (、，；和 或 以及 每天), no words of a place.
_GLUE = re.compile(r"^(?:[\s、，,；;和及或以每天日]|第[一二三四五六]个?时段)*$")  # 第一时段6:00-7:00，第二时段17:00-18:00


@dataclass
class _Block:
    start: int
    spans: list[WindowSpan] = field(default_factory=list)
    end: int = 0
    own: list[tuple[str, str]] | None = None  # places given to it by the areas-first layout

    def key(self) -> tuple:
        return tuple((w.start, w.end, "" if w.start else w.text) for span in self.spans for w in span.windows)


# 及/以及 join any two places; 和/与 only after a place's last word (高殿社区和兴隆社区, 钟林路和兴港路), so 和平路 and
# 思明区和平路 keep their names.
_AND = re.compile(
    r"(?<=[\u4e00-\u9fff\)）])(?:以及|及)(?=[\u4e00-\u9fff])"
    r"|(?:(?<=[路街道巷村社里园苑城楼厦场站号栋幢座弄])|(?<=社区|小区|片区|园区|校区))(?:和|与)(?=[\u4e00-\u9fff])"
)
# Words that say the places are elsewhere (停电范围不变, 同上, 详见附件), not a place.
_NO_PLACE = re.compile(r"不变$|同上$|^(?:停[电水气])?(?:时间|日期|时段|范围)$|详见|另行通知|见附件|^(?:实施|进行|执行)$|^(?:现|现已|已|均|均已|予以)?(?:取消|撤销)$|^\d+\s*(?:kv|KV|kV|Kv|千伏)|^(?:共计?|合计|历时|约|为期)\d+(?:个)?(?:小时|天)$")  # 共计8小时: how long  # 对10kV湖滨Ⅰ路停电: the line, not a place  # 延期至12月28日实施: when, not where  # …停电，现取消: what becomes of it, not where


_SPACE_BETWEEN = re.compile(r"(?<=[\u4e00-\u9fff)）])[ \t\u3000]+(?=[\u4e00-\u9fff])")
_BARE_DISTRICT = re.compile(r"^[\u4e00-\u9fff]{2,4}(?<![小片园校社景厂商营])(?:区|县|街道|镇|乡)$")


def _spaced(items: list[str]) -> list[str]:
    """Places printed between spaces (思明区湖滨南路 湖滨一里 湖滨二里) are places of their own; a district printed before
    a space heads the next (思明区 湖滨南路). Spaces inside a name of one-character pieces (湖 滨 南 路) are no list."""
    out: list[str] = []
    for item in items:
        pieces = [piece for piece in _SPACE_BETWEEN.split(item.strip()) if piece]
        if len(pieces) < 2 or any(len(piece) < 2 for piece in pieces) or "(" in item or "（" in item:
            out.append(item)
            continue
        glued: list[str] = []
        for piece in pieces:
            if glued and _BARE_DISTRICT.match(glued[-1]):
                glued[-1] += piece
            else:
                glued.append(piece)
        out += glued
    return out


_FED_BY_LINE = re.compile(r"^\d+\s*(?:kv|千伏)[^、，,]{1,16}?线(?:路)?(?:所)?(?:供电|所带|带)的", re.IGNORECASE)
_HOUSEHOLDS = re.compile(r"等?(?:共|合计)?(?:约|近|计)?\d+(?:余|多)?(?:户|家)(?:居民|用户|客户)?$")


_BETWEEN_WORDS = (
    re.compile(r"^(?:[\u4e00-\u9fff]{2,3}区)?(?P<cut>介乎|介于|位于)(?=[\u4e00-\u9fff]{2})"),
    re.compile(r"(?<=[\u4e00-\u9fff])(?P<cut>(?:范围内|范围之内)?(?:之|的)?(?:全部|所有|部分)?楼宇(?:的|之)?[\u4e00-\u9fff]*)$"),
    re.compile(r"(?<=[\u4e00-\u9fff])(?P<cut>一带的?\d+(?:条|个|座)(?:乡村|村庄|村落|村))$"),
)


def _without_folded(part: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """`part` without what `patterns` match (group `cut`) in its folded form (Traditional characters read as Simplified; fold
    keeps one character for one, so the offsets hold): 位于镇海路, 大同路範圍內全部樓宇的沖廁水供應, 五洲路一帶的18條鄉村."""
    for pattern in patterns:
        match = pattern.search(fold(part))
        if match:
            part = part[: match.start("cut")] + part[match.end("cut"):]
    return part


#: A join opening an item after a comma (…民族路9号，以及厦禾路10号): no part of the place.
_JOIN_FIRST = re.compile(r"^(?:以及|及|并且|还有)(?=[\u4e00-\u9fff]{2})")


def split_items(text: str) -> list[str]:
    """Split a list at top level on 、，；及 — never inside brackets (融汇温泉城(A1区、A2区)) — and on a slash between names
    (吕岭路/安岭路/华瑞花园, outages8; never 1/2 or 10kV/…)."""
    if "/" in text or "／" in text:
        text = re.sub(r"(?<=[\u4e00-\u9fff])[/／](?=[\u4e00-\u9fff])", "、", text)
    items, depth, current = [], 0, ""
    for ch in text:
        if ch in "(（[【":
            depth += 1
        elif ch in ")）]】":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、,，;；":
            items.append(current)
            current = ""
            continue
        current += ch
    items.append(current)
    out: list[str] = []
    for item in _spaced(items):
        item = re.sub(r"(?<=[\u4e00-\u9fff])的(?:所有|全部|部分|各|相关)[\u4e00-\u9fff]*$", "", item)  # 侨英街道的所有直供小区和含高层小区…
        for part in _AND.split(item) if depth == 0 else [item]:
            part = re.sub(r"\s+", "", part).strip("。.")
            part = _JOIN_FIRST.sub("", part)  # …9号，以及厦禾路10号 (outages12): the join after a comma goes on with the list
            part = _FED_BY_LINE.sub("", part)  # 10kV彭厝线供电的翔安区彭厝村: the line is no part of the place
            part = _HOUSEHOLDS.sub("", part)  # 湖头小区等共约1200户: how many, not where
            part = re.sub(r"(?:等(?:沿途|沿线|周边)?(?:用户|单位|区域|片区|地|处|小区|周边)?|周边)$", "", part)  # 胡里山炮台等沿途单位, 桂湖别苑等周边片区
            part = re.sub(r"^[\u4e00-\u9fff]{2,8}?(?:片区|区域)的(?=[\u4e00-\u9fff]{2})", "", part)  # 五缘湾片区的五缘湾1号: where it lies
            part = _YOURS.sub("", part)  # 您所在的集美区侨英街道侨英花园 (an SMS, outages13: the place was 您所在的集美区侨英街)
            # 位于镇海路…的楼宇, 思明区介乎中山路…和大同路范围内全部楼宇的冲厕水供应, 五洲路一带的18条乡村: the places between
            part = _without_folded(part, _BETWEEN_WORDS)
            # 对湖里区仙岳路的停电; 对…洪前社区、大宅村实施的计划停电 (outages13: the place was 大宅村实施): the work's verb is none
            part = re.sub(r"(?<=[\u4e00-\u9fff])(?:(?:实施|进行|执行|开展)的?|的)$", "", part)
            if re.fullmatch(r"其?(?:支路|支巷|周边|附近|沿线)", part):
                continue  # 英村路及其支路: the road's branches, printed after 及, no place of their own
            if len(part) >= 2 and not _NO_PLACE.search(part) and re.search(r"[\u4e00-\u9fff]", part):  # 00 (a clock's seconds) is none
                out += _community_and_its_road(part)
    return out


#: A community printed before a road of it and its houses (前埔社区前埔路100号至288号), after a district or subdistrict heading.
_COMMUNITY_ROAD = re.compile(r"^(?P<head>(?:[\u4e00-\u9fff]{2,4}?(?:区|县))?(?:[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))?[:：]?)"
                             r"(?P<c>[\u4e00-\u9fff]{2,5}?社区)(?P<road>[\u4e00-\u9fff]{2,8}?(?:路|大道|街|巷)(?:\d[^\u4e00-\u9fff]*[号].*)?)$")


def _community_and_its_road(part: str) -> list[str]:
    """前埔社区前埔路100号至288号: the community (part of it is cut) and the road with its houses, two places (outages17: one
    name 前埔社区前埔路 was read, so neither 前埔路150号 nor 前埔社区 was answered); the heading before stays on the first."""
    match = _COMMUNITY_ROAD.match(part)
    return [match["head"] + match["c"], match["road"]] if match else [part]


def _item_starts(folded: str, spans: list[WindowSpan]) -> list[int]:
    """Starts of the numbered items (一、 1. （一）) that hold a window: a block begins there, so an item
    that prints its places before its time (一、停电范围：… 停电时间：…) keeps them. Numbered lists of
    places (停水范围：1.… 2.…) hold no window and do not count."""
    starts = [m.start() for m in _ITEM.finditer(folded)]
    # the items a window starts in, each found by bisection (review s13: each item looked at every window, the square of a plan's rows)
    held = {bisect_right(starts, span.start) - 1 for span in spans}
    holding = [start for n, start in enumerate(starts) if n in held]
    # One item "holding" a window is the last of a list with the next window below it, not a layout.
    return holding if len(holding) >= 2 else []


def _blocks(folded: str, spans: list[WindowSpan]) -> list[_Block]:
    blocks: list[_Block] = []
    items = _item_starts(folded, spans)
    for span in spans:
        if blocks and _GLUE.match(folded[blocks[-1].spans[-1].end: span.start]) and not _CHANGED_TO.match(folded, span.start):
            blocks[-1].spans.append(span)
            continue
        previous_end = blocks[-1].spans[-1].end if blocks else 0
        # a window matched from the line break before it (10月15日（星期五）\n00:00-04:00 …\n22:00-24:00 …) begins on its own line
        printed_at = span.start + len(folded[span.start:span.end]) - len(folded[span.start:span.end].lstrip())
        # looked for from the previous window on (before it, the boundary is the previous end anyway: from 0 each
        # rfind of a mark the text never prints read the whole text again, per window)
        boundary = max(folded.rfind(ch, max(previous_end - 1, 0), printed_at) for ch in "\n。；;") + 1
        at = bisect_right(items, span.start)
        item = items[at - 1] if at else -1
        if item >= previous_end:
            boundary = item
        elif boundary < previous_end:
            # Two windows in one sentence (W1，湖滨南路停电，W2，莲花北路停电): the second begins at its own clause, so
            # the places printed after the first stay the first's.
            boundary = max(folded.rfind(ch, previous_end, span.start) for ch in "，,") + 1
        blocks.append(_Block(start=max(boundary, previous_end), spans=[span]))
    for block, following in itertools.pairwise(blocks):
        block.end = following.start
    if blocks:
        blocks[-1].end = len(folded)
    return blocks


def _road_before_label(text: str, folded: str, at: int, match: re.Match[str]) -> list[tuple[str, str]]:
    """A road printed before a label on its line (吕岭路段停气小区单位：…, 金湖路受影响小区单位：…) is a place of that list too: the
    label lists the estates and units along it."""
    line_start = folded.rfind("\n", 0, at) + 1
    road = re.fullmatch(r"[ \t]*(?P<road>[\u4e00-\u9fff]{2,8}?[路街道巷])段?[ \t]*", folded[line_start:at])
    if not road:
        return []
    return [(text[line_start + road.start("road"): line_start + road.end("road")], "reduced_pressure" if match["low"] else "cut")]


def _marker_areas(text: str, match: re.Match[str], start: int, end: int) -> list[tuple[str, str]]:
    """The places of one "停电范围：…" label (matched at `start` in the folded text), inline or listed below it."""
    effect = "reduced_pressure" if match["low"] or _affected_beside_stopped(text, match) else "cut"
    inline = text[start + match.start("areas"): start + match.end("areas")]
    for label in _NEXT_LABEL.finditer(inline):  # 停气范围：…；恢复供气时间：… (the next label ends the list)
        if not re.search(r"(?:区|县|街道|镇|乡)$", label["label"]):
            inline = inline[: label.start()]
            break
    if inline.strip():
        return [(a, effect) for a in split_items(_LIST_NUMBER.sub("", inline))]
    return _lines_below(text, start + match.end(), end, effect)


# 受影响小区单位：… beside 停气小区单位：… (a 停水/停气 list of its own): the places whose supply is affected, not stopped
_AFFECTED_LABEL = re.compile(r"[\u4e00-\u9fff]{0,8}?受影响")
_STOPPED_LABEL = re.compile(r"停[水气](?:小区)?(?:及)?(?:单位|范围|区域|用户|小区)[:：]")


def _affected_beside_stopped(text: str, match: re.Match[str]) -> bool:
    """Whether a 受影响… label lists places affected beside a list of those stopped (华润燃气: 吕岭路段停气小区单位：… /
    金湖路受影响小区单位：…, the gas at lower pressure there): reduced, not cut. Water and gas only (影响用户 of a power
    notice is its cut list), and only beside a list of stopped places (受影响区域包括：… alone is the cut list)."""
    return bool(_AFFECTED_LABEL.match(match.group(0))) and bool(_STOPPED_LABEL.search(fold(text)))


_NEXT_LABEL = re.compile(r"[；;，,]\s*(?P<label>[\u4e00-\u9fff]{2,8})[:：]")


def _lines_below(text: str, position: int, end: int, effect: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    # "停水范围：" ending its line: the places are the lines below it, numbered or not (思明区湖滨南路 / 思明区湖滨一里),
    # up to a line that is no place: a label, a sentence, a date, the signature, the closing words.
    lines = text[position: end].split("\n")[1:]
    numbered = bool(lines) and bool(_LIST_NUMBER.match(lines[0].strip()))
    for line in lines:
        item = line.strip().rstrip("。；;")  # the list's last line ends the sentence
        # …对下列线路停电： then 10kV湖滨Ⅰ回线：思明区湖滨南路188号至266号: the line heads its places, as a district does
        # (alerts3: the colon ended the list, no place was read)
        if (head := re.match(r"[^:：]{1,24}[:：]\s*(?=\S)", item)) is not None and _LINE_HEAD.fullmatch(fold(head.group(0)).rstrip(":： \t")):
            item = item[head.end():]
        if not item or len(item) > 80 or re.search(r"。|[:：](?!\s*\S)", item) or (numbered and not _LIST_NUMBER.match(item)):
            break
        if re.search(r"[:：]", item) and not _HEADING.match(_LIST_NUMBER.sub("", item)):
            break  # a label (停电时间：…), not a district heading (思明区：湖滨南路、湖滨一里)
        if not numbered and (_NOT_A_LIST_LINE.search(fold(item)) or re.search(r"\d{1,2}\s*[月日]|\d{1,2}:\d{2}", item)):
            break
        found += [(a, effect) for a in split_items(_LIST_NUMBER.sub("", item))]
    return found


_DISTRICT_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:区|县|街道|镇|乡)\s*[:：]")
#: What ends a list at its ； (the next window, a label, the words of an outage or a request): 停水：6月18日9:00…
_NOT_MORE_PLACES = re.compile(r"\d{1,2}:\d{2}|\d\s*[月日时点]|[:：]|停|断|降压|减压|恢复|通知|请|敬请|特此|期间|如遇|届时|另行")
_HEADING = re.compile(r"^[\u4e00-\u9fff]{2,10}(?:区|县|街道|镇|乡)\s*[:：]")  # 思明区嘉莲街道：
_NOT_A_LIST_LINE = re.compile(r"公司|集团|供电局|水务|燃气|记者|特此|通知|公告|通告|敬请|谅解|不便|请|届时|如遇|期间|停电时间|停水时间|停气时间|"
                              r"恢复供|完毕后")  # 施工完毕后将立即恢复供气 below a list (outages15: read as a place)


def _headed_cells(cells: list[str]) -> list[str]:
    """A table's district or subdistrict in a cell of its own (思明区 | 莲前街道 | 前埔北路、前埔南路 | W) heads the places of the
    cell after it, as 思明区莲前街道前埔北路 does: it is where they lie, not a place cut whole."""
    out: list[str] = []
    heading = ""
    road = ""  # a road cell heading every estate cell after it in the row
    places = [cell.strip() for cell in cells if cell.strip() and not _BUILDINGS_CELL.fullmatch(cell.strip())]
    for cell in cells:
        if _BARE_DISTRICT.match(cell.strip()) or _DISTRICT_AND_SUBDISTRICT.fullmatch(cell.strip()):
            heading += cell.strip()  # 集美区侨英街道 | 杏林湾一号 too (outages16: the subdistrict was cut whole)
            continue
        if out and _BUILDINGS_CELL.fullmatch(cell.strip()) and _ESTATE_CELL.search(out[-1].strip()):
            out[-1] = out[-1].rstrip() + cell.strip()  # 万科城 | 1#-8#楼: the estate's buildings (outages16: 9号楼 was cut)
            continue
        if _ROAD_CELL.search(cell.strip()) and _only_estates_after(places, cell.strip()):
            if places[-2:-1] == [cell.strip()] and _one_name(cell.strip() + places[-1]):
                # 集美区杏林湾路 | 万科城 | 1#-8#楼: a road in the cell before the row's one estate is where the estate lies, as
                # a subdistrict is (outages16: the road was cut whole)
                heading += cell.strip()
                continue
            # 思明区禾祥西路 | 禾祥西苑 | 龙山花园 | 碧湖花园: a road before the row's several estates, or before one its name would
            # read as the road's stretch at a landmark (杏林湾路乐海花园, as 莲前东路万达广场), is where they lie too (outages17:
            # the road was cut whole); each estate keeps the cell's district and subdistrict, not the road
            road = heading + _DISTRICT_PREFIX.match(cell.strip()).group(0)  # type: ignore[union-attr]
            heading = ""
            continue
        if road and cell.strip():
            out.append(road + cell.strip())
            continue
        out.append(heading + cell if heading and cell.strip() else cell)
        heading = "" if cell.strip() else heading
    return out + ([heading] if heading else [])


#: The district and subdistrict a cell opens with (思明区 of 思明区禾祥西路, 集美区侨英街道 of 集美区侨英街道杏林湾路), maybe none.
_DISTRICT_PREFIX = re.compile(r"(?:[\u4e00-\u9fff]{2,4}(?<![小片园校社景厂商营])(?:区|县))?(?:[\u4e00-\u9fff]{2,4}(?:街道|镇|乡))?")


def _one_name(glued: str) -> bool:
    """True when a road glued to the estate after it reads as one place, not as the road's stretch at the estate."""
    area = clean_area(glued)
    return area is not None and not area.section


def _only_estates_after(places: list[str], road: str) -> bool:
    """True when the row's place cells after `road` are one or more estates and nothing else."""
    after = places[places.index(road) + 1:] if road in places else []
    return bool(after) and all(_ESTATE_CELL.search(place) for place in after)


#: A district and its subdistrict in one cell (集美区侨英街道), heading the cell after it as either alone does.
_DISTRICT_AND_SUBDISTRICT = re.compile(r"[\u4e00-\u9fff]{2,4}(?<![小片园校社景厂商营])区[\u4e00-\u9fff]{2,4}(?:街道|镇|乡)")
#: A cell of buildings alone (1#-8#楼, 3号楼, 5-7栋): the estate's in the cell before it.
_BUILDINGS_CELL = re.compile(r"\d{1,3}\s*(?:#|号楼|号|栋|幢|座)?(?:\s*(?:至|到|-|—+|~|～|、)\s*\d{1,3}\s*(?:#|号楼|号|栋|幢|座)?)*\s*(?:楼|号楼|栋|幢|座|#)")
#: A cell holding a road with no house number (集美区杏林湾路), and one ending as an estate's name does (万科城, 杏林湾一号).
_ROAD_CELL = re.compile(r"[\u4e00-\u9fff]{2}(?:路|大道|大街|街)$")  # {2}: as _ESTATE_CELL below
#: (outages17: a numbered 村 of an estate, 莲花五村, and a phase or lettered part after the name, 华侨城一期, 洋唐居住区A区)
# Read as a yes/no only (search, match): two characters before the ending are as good as more, and a pattern of {2,}
# tried from every start backtracked quadratically over one long run of characters (review22b: 130 s on 100 KB).
_ESTATE_CELL = re.compile(r"[\u4e00-\u9fff]{2}(?:[湾苑园府郡邸墅庭城里]|花园|公馆|山庄|家园|公寓|华庭|学府|小区|新村|[一二三四五六七八九十]号|[一二三四五六七八九十]村)"
                          r"(?:[一二三四五六七八九十\d]{1,2}期|[A-Za-z]\d?区)?(?:\d{1,3}\s*(?:#|号楼|栋|幢|座).*)?$")


def _segment_areas(text: str, folded: str, start: int, end: int, after: int | None, window_start: int | None = None) -> list[tuple[str, str]]:
    """(printed place, effect) found in text[start:end]; `after` is where the block's window ends (`window_start` where it begins)."""
    found: list[tuple[str, str]] = []
    segment = folded[start:end]
    lost = False  # places said to lose the supply 受此影响: the window's, whatever follows it (the burst's own place)
    for match in _AFFECTED_INLINE.finditer(segment):
        group = next(name for name in ("area", "use", "also", "hit", "lost") if match[name])
        lost = lost or group == "lost"
        found += [(a, "cut") for a in split_items(text[start + match.start(group): start + match.end(group)])]
    if lost:
        return found
    for match in _LOW_INLINE.finditer(segment):
        if not _AREA_MARKER.search(match["area"]):
            found += [(a, "reduced_pressure") for a in split_items(text[start + match.start("area"): start + match.end("area")])]
    marked = list(_AREA_MARKER.finditer(segment))
    for match in marked:
        found += _road_before_label(text, folded, start + match.start(), match) + _marker_areas(text, match, start, end)
    if marked or after is None:
        return found
    cells = row_cells(text, folded, after if window_start is None else window_start, after)
    if cells is not None:
        return found + [(a, "cut") for cell in _headed_cells(cells) for a in split_items(cell)]
    # No label: the places follow the window ("1月10日6时至18时，新华路中段沿线高低压用户；",
    # "…06:30—15:30对以下区域停电：思明区…", "…22:00至11日6:00对吕厝路、台湾街停止供水").
    # (a clause saying why, 8月19日6时至18时，因线路改造，鼎美村停电, is skipped: the places follow it)
    # (期间, after the window and before its clause's comma, is when: 9:00至16:00期间，日东社区停止供气, outages8)
    tail = re.match(r"[，,\s]*(?:期间[，,]\s*)?(?:(?:因|由于)[^，,。；;\n:：]{1,30}[，,])?(?P<rest>[^。；;\n]*)", folded[after:end])
    # (glue alone after the window joins it to the next one printed with it: 上午…至下午12时25分、下午1时20分至…; 第一时段W1，第二时段W2)
    # A line below the window is no place when it is a label of something else (停电原因：线路检修, 供电单位：…; not 地点：…).
    if not tail or _GLUE.match(tail["rest"]) or ("\n" in tail.group(0) and (
            _NOT_A_LIST_LINE.search(tail["rest"]) or _OTHER_LABEL.match(tail["rest"]))):
        # nothing after the window on its line (the next line the signature, a request): the places printed before it
        return found + _leading_places(text, folded, start, window_start)
    rest_start = after + tail.start("rest")
    rest = text[rest_start: rest_start + len(tail["rest"])]
    if folded[after + tail.end(): after + tail.end() + 1] in ("；", ";"):
        # 思明区嘉莲街道：莲花路（1-99号单号）；莲岳路（100-200号） (outages8): a list going on past its ； to the line's end, with
        # no window, label or words of its own there, is the same list (the places after ； were lost)
        line_end = folded.find("\n", after + tail.end(), end)
        more = text[after + tail.end() + 1: end if line_end < 0 else line_end]
        if more.strip() and not _NOT_MORE_PLACES.search(fold(more)):
            rest += "、" + more.rstrip("。；; \t")
    if _OUTAGE_WORD_ONLY.fullmatch(fold(_BEFORE_REQUEST.split(rest)[0])):
        # …将于7时至12时停电。: the window's verb, no place; the places are the sentence's subject, before the window
        return found + _leading_places(text, folded, start, window_start)
    colon = re.search(r"(?<!\d)[:：]", rest)  # not a clock's (预计当日17:30恢复供电)
    below: list[tuple[str, str]] = []  # the places of further lines' rows (10kV海天线：海天路)
    towards = _TO_INLINE.match(fold(rest))
    if colon and not rest[colon.end():].strip() and re.search(r"以下|下列|如下|范围|区域", rest[:colon.start()]):
        # "…对以下区域暂停供水：" ending its line: the places are the lines below it
        return found + _lines_below(text, rest_start + colon.end(), end, "cut")
    if colon and "\n" in tail.group(0) and _DISTRICT_HEAD.match(fold(rest)):
        # 集美区：灌口镇东辉村 / 同安区：五显镇三忠村 on the lines below the window, no label (outages6: only the first line's places
        # were read, without their district): the district-headed lines as a list below a label are read
        return found + _lines_below(text, text.rfind("\n", 0, rest_start), end, "cut")
    if colon and colon.start() <= 20:
        heading = rest[:colon.end()] if _HEADING.match(fold(rest)) else ""  # 思明区嘉莲街道：莲花路: the district kept
        if _LINE_HEAD.fullmatch(fold(rest[:colon.start()]).strip()):  # 10kV东渡Ⅱ路：东渡路、港中路 / 10kV海天线：海天路: each line's places
            at = rest_start + len(rest)
            while (row := _LINE_ROW.match(folded, at, end)) is not None:
                below += [(a, "cut") for a in split_items(text[row.start("p"):row.end("p")])]
                at = row.end()
        rest = heading + rest[colon.end():]
    elif towards and not re.match(r"(?:以下|下列|如下)", towards["area"]):
        rest = rest[towards.start("area"): towards.end("area")]
    elif (done := re.match(r"\s*(?:进行|实施|执行)的(?=[\u4e00-\u9fff]{2})(?!停|断|检修|施工|计划|工作|作业)", rest)) is not None:
        rest = rest[done.end():]  # 原定4月29日进行的溪岸社区停水取消 (outages7): the work's places follow
        rest = re.split(r"[”」』]", _BEFORE_REQUEST.split(rest)[0])[0]
    # 而非7月22日 (高林社区停电时间应为W，而非7月22日, outages8): the day corrected, no place; 8月4日停电取消: the verb
    elif re.match(r"\s*(?:对|在|将|进行|期间|届时|暂停|停止|请|敬请|如遇|若遇|特此|因|而非|而不是|并非|(?:停电|停水|停气)取消)", rest) or re.search(r"(?:通知|公告|通告)$", re.split(r"[，,]", rest)[0]):
        return found  # a verb, not a place; or the rest of a title (关于…5:00前晋安区桂湖路工程项目的停水通知)
    else:
        rest = re.split(r"[”」』]", _BEFORE_REQUEST.split(rest)[0])[0]  # “…叶厝社区停电”有误: the quote ends the places
        # A clause naming 降压 lists reduced places, found above: the cut places are the other clauses
        # ("湖里区仙岳路降压供水，金尚路停水" cuts 金尚路 only).
        # A clause saying the work is done or the power back (已于12:00恢复供电) names no place; one going on after its
        # place's outage word (杏林路停电工作已提前完成) is cut there.
        rest = "、".join(re.split(r"(?:停电|停水|停气)(?=工作|施工|检修|作业|计划|已)", clause)[0] for clause in re.split(r"[，,]", rest)
                        if not re.search(r"降压|减压|压力|水压|另行通知|特此|(?:通知|公告|通告)$", clause)  # …，具体时间另行通知 (outages6): no place
                        and not re.search(r"恢复|完成|结束", clause.split("停")[0] if "停" in clause else clause))
    found += [(a, "cut") for a in split_items(rest)]
    return found + below


#: A power line heading the places it feeds, one a line below the window (10kV东渡Ⅱ路：湖里区东渡路、港中路), and the rows after the first.
_LINE_HEAD = re.compile(r"\d+\s*(?:kv|千伏)\s*[\u4e00-\u9fff0-9#Ⅰ-Ⅻⅰ-ⅻivx]{1,12}?(?:线|路)")
_LINE_ROW = re.compile(r"\n[ \t]*\d+\s*(?:kv|千伏)\s*[\u4e00-\u9fff0-9#Ⅰ-Ⅻⅰ-ⅻ]{1,12}?(?:线|路)\s*[:：]\s*(?P<p>[^\n:：]+?)[。；;]?[ \t]*(?=\n|$)")
_OTHER_LABEL = re.compile(r"[\u4e00-\u9fff]{0,4}(?:原因|事由|类型|线路|设备|编号|备注|说明|联系人|电话|性质|内容|状态|来源|供电单位|供水单位|供气单位|发布单位)\s*[:：]")
_NOT_A_LEAD = re.compile(r"我小区|本小区|我苑|本苑|我园|本园|时间|日期|时段|提示|提醒|注意|说明|备注|安排|信息|情况|内容|定于|将于|计划|因|为|对|于|停电|停水|停气|检修|施工|通知|公告|公司|我司|本司|集团|如下|以下|下列|获悉|记者|原定|调整|变更|\d+\s*[年月日时点:]|\d{5,}")
# 您户号0123456789所在的集美区杏东路（1-99号）因…计划于W停电 (a 95598 message): whose account, before where it is
_WHERE_IT_IS = re.compile(r"^.*?(?:所在的|所在地|位于)")


# …，此二时段分别实施工作停电: the periods and the work, said before the verb, are no place either
_OUTAGE_WORD_ONLY = re.compile(
    r"\s*(?:此|该|这)?(?:[一二两三四\d]个?时段)?(?:均|分别|将|会)*(?:实施|进行)?(?:工作|作业|计划|检修|施工)?(?:将|会)?(?:临时|紧急|计划)?"
    r"(?:停电|停水|停气|断电|断水|(?:暂停|停止|中断)(?:供电|供水|供气)?)(?:检修|施工)?[\s。]*")  # …的食水供应，将由W暂停
# A request or a caution closing the window's sentence (…停电，请当地用户预作准备)
# …临时停电，目前正在抢修，恢复送电时间另行通知 (a repair's state and when it ends, outages14: read as places)
_BEFORE_REQUEST = re.compile(r"[，,](?=请|如遇|届时|停电期间|停水期间|敬请|给您带来|给你带来|由此带来|目前|正在|现正|预计|恢复)")  # …停电，给您带来不便敬请谅解
# What a clause says after its places and before its window: 思明区莲前西路、前埔社区将于8时30分至12时停电
_LEAD_VERB = re.compile(r"(?:将于|将由|预定于|预定|预计于|原定于|原计划于|定于|计划于|拟于|将在|将|于|由|在)$")  # 思明区曾厝垵一带预定9月14日…
# A clause of the sentence that only dates it (本月15日，…) or says why (因电缆接线，…): no place there, look further back
_DATE_ONLY = re.compile(r"^(?:本月|下月)?(?:\d{4}\s*年)?(?:\d{1,2}\s*月)?\d{1,2}\s*[日号](?:[（(][^）)]*[)）])?$")


# A daily window's places said day by day (12月20日至21日每天8:00-17:00停电（20日：同安区褒美村；21日：同安区西山村）), or
# weekday by weekday (5月23日（周一）至5月27日（周五）8:00-17:00分段停电：/ 周一：华泰路 / 周二：华美路, outages8)
_DAY_PLACES = re.compile(r"(?:(?<=[（(；;，,\s])|^)(?:(?:\d{1,2}\s*月\s*)?(?P<d>\d{1,2})\s*[日号]|(?:星期|周)(?P<w>[一二三四五六日天]))"
                         r"\s*[:：]\s*(?P<places>[^；;（()）\n:：]+)")
_WEEKDAY_INDEX = {name: n for n, name in enumerate("一二三四五六日")} | {"天": 6}


def _places_by_day(text: str, folded: str, block: _Block, windows: list[TimeWindow]) -> dict[int, list[tuple[str, str]]]:
    """{day of the month: places} for a daily window whose places are listed under each of its days, after the window."""
    after = block.spans[-1].end
    by_weekday = {w.start.weekday(): w.start.day for w in windows if w.start is not None}
    found: dict[int, list[tuple[str, str]]] = {}
    for match in _DAY_PLACES.finditer(folded, after, block.end):
        day = int(match["d"]) if match["d"] else by_weekday.get(_WEEKDAY_INDEX[match["w"]])
        if day is not None:
            found[day] = [(a, "cut") for a in split_items(text[match.start("places"): match.end("places")])]
    return found


# A list broken at its 、 (a table cell or a PDF line: 集美区杏西路、 / 杏东路) goes on in the next line when that line is
# places only: no label, cell border, date or clock.
_LIST_BROKEN = re.compile(r"、[ \t]*\n(?=[^\n:：|｜\t]{2,60}$)(?![^\n]*(?:\d\s*[月日号时点:]|公司|集团|中心|通知|公告|特此|敬请|请))", re.MULTILINE)


# A place's name broken at a line's end (a scan or a PDF line: 停电范围：…莲花五村、莲花 / 新村（1-30号楼）、…; outages14: 莲花 and
# 新村 were read as two places): the line's last item no name of a place ends so, the next line places only, as above.
_NAME_BROKEN = re.compile(
    rf"(?<=[、：:])(?P<part>[\u4e00-\u9fff]{{1,6}})(?<![{HOUSE_NUMBER_AFTER}区镇乡社组厂站场校所司馆店院心])[ \t]*\n"
    r"(?=[\u4e00-\u9fff][^\n:：|｜\t]{1,60}$)(?![^\n]*(?:\d\s*[月日时点:]|公司|集团|中心|通知|公告|特此|敬请|请))",
    re.MULTILINE,
)


def _continued_lists(text: str) -> str:
    text = _NAME_BROKEN.sub(lambda m: m["part"], text) if "\n" in text else text
    return _LIST_BROKEN.sub("、", text)


_OUR_ESTATE = re.compile(r"我小区|本小区|我苑|本苑|我园|本园")
_ESTATE_NAMED = re.compile(
    r"\A[ \t]*(?P<e>[\u4e00-\u9fff]{2,12}?(?:小区|花园|苑|公寓|大厦|家园|山庄|新村|花城|广场|城))(?:关于)?[^\n]{0,12}?(?:停水|停电|停气)"
    r"|^[ \t]*(?P<s>[\u4e00-\u9fff]{2,12}?(?:小区|花园|苑|公寓|大厦|家园|山庄|新村|花城|广场|城))物业(?:管理处|服务中心|管理中心|公司)"
    # 海沧区未来海岸物业管理处: an estate's own office names it, whatever its name ends with (not a company: 万科物业服务有限公司)
    r"|^[ \t]*(?P<o>[\u4e00-\u9fff]{2,12}?)物业(?:管理处|服务中心|管理中心)[ \t]*$",
    re.MULTILINE,
)


def _our_estate(text: str, folded: str, block: _Block) -> list[tuple[str, str]]:
    """我小区将于…停水 (a property manager's notice): the estate its title (云埔花园停水通知) or its signature (云埔花园物业管理处) names."""
    if not _OUR_ESTATE.search(folded, block.start, block.end):
        return []
    named = _ESTATE_NAMED.search(folded)
    if not named:
        return []
    group = next(name for name in ("e", "s", "o") if named[name])
    return [(text[named.start(group): named.end(group)], "cut")]


# 海韵园教工住宅区（已更换水表）住户： the notice's addressee names its place (not 尊敬的电力客户：, 各位业主：)
_ADDRESSEE = re.compile(r"^[ \t]*(?!尊敬|亲爱|各位|广大|全体)(?P<a>[\u4e00-\u9fff][^\n:：，,。]{1,40}?)(?:全体|各位)?(?:住户|业主|居民|用户)[ \t]*[:：][ \t]*$", re.MULTILINE)


def _item_heading(text: str, folded: str, block: _Block) -> list[tuple[str, str]]:
    """The heading of the numbered item a window is printed under, when it is a place alone (1. 同安区工业集中区 / 位置：… /
    时间：周一（11日）早上8点半至下午四点半): that item's place."""
    window = block.spans[0].start
    starts = [m for m in _ITEM.finditer(folded, 0, window)]
    if not starts:
        return []
    item = starts[-1]
    line_end = folded.find("\n", item.end())
    if line_end < 0 or line_end >= window:
        return []  # the window is on the item's own line: its places are read there
    heading = folded[item.end(): line_end].strip()
    if not 2 <= len(heading) <= 30 or re.search(r"[:：\d]|时间|日期|通知|公告|停电|停水|停气", heading):
        return []
    return [(text[item.end(): line_end].strip(), "cut")]


def _addressed(text: str, folded: str, before: int) -> list[tuple[str, str]]:
    """The place an addressee line before the first window names (海韵园教工住宅区（已更换水表）住户：)."""
    match = _ADDRESSEE.search(folded, 0, before)
    if not match or re.search(r"电力|燃气|天然气|供水|自来水|用电|用水|用气", match["a"]):
        return []
    return [(text[match.start("a"): match.end("a")], "cut")]


# 关于湖里区兴隆社区停气的通知 (the title names the place; the body only when): the place before the outage word
_TITLED = re.compile(
    r"\A[ \t\n]*(?:关于)?(?P<p>[\u4e00-\u9fff0-9、（）()]{2,40}?)(?:部分区域|部分用户|等区域|等片区|一带|片区)?(?:计划|临时|施工)?"
    r"(?:停电|停水|停气|(?:暂停|停止)(?:供电|供水|供气))(?:检修|施工)?的?(?:通知|公告|通告|告知书|预告|公示)[ \t]*\n")
_TITLED_PLACE = re.compile(r"(?:路|街|道|巷|村|社|社区|小区|花园|苑|城|府|湾|里|大厦|广场|公寓|新村|街道|镇|郡|居)$")


def _titled(text: str, folded: str) -> list[tuple[str, str]]:
    """The place a title names (关于湖里区兴隆社区停气的通知) when the body prints none: a place's name before the outage
    word, not a body (国网厦门供电公司停电公告) or a kind of notice (计划停电通知)."""
    match = _TITLED.match(folded)
    if not match or not _TITLED_PLACE.search(match["p"]) or re.search(r"公司|集团|供电|水务|燃气|自来水|关于|计划", match["p"]):
        return []
    return [(a, "cut") for a in split_items(text[match.start("p"): match.end("p")])]


#: Whose the place is, said before it in a message to the account holder (您所在的, 您家所在的, 你所在的).
_YOURS = re.compile(r"^(?:您|你)(?:家|小区)?所在(?:的|地)?")
#: A clause that is only the window's label (，停电时间0时至24时): its places are in the clause before.
_TIME_LABEL_ONLY = re.compile(r"(?:计划)?(?:停电|停水|停气|施工|检修)?(?:时间|时段)(?:为)?")


#: What stops said between the places and their windows (思明区湖滨南路分两个时段停电：8:00-10:00，15:00-17:00; outages14: no place was read).
_VERB_BEFORE_WINDOW = re.compile(r"(?:将|会)?(?:分[两二三四五\d]?个?时段|分段|分时段)?(?:停电|停水|停气|(?:暂停|停止)(?:供电|供水|供气))$")


def _leading_places(text: str, folded: str, start: int, window_start: int | None) -> list[tuple[str, str]]:
    """Places printed before their window in its clause (湖滨南路：12月8日8:30-17:30; 思明区湖滨南路 12月8日…;
    1.思明区湖滨南路，12月8日…), when nothing follows it: the words there name no time, verb or body. A clause that
    only says when (将于), or why, sends the search to the clause before it in the sentence (本月15日，湖里区金尚路、
    枋湖社区因新增变压器接线等原因，将于7时至12时停电: the places before 因)."""
    if window_start is None:
        return []
    sentence_start = max(start, max(folded.rfind(ch, 0, window_start) for ch in "\n。") + 1)
    end = window_start
    while end > sentence_start:
        lead_text = folded[sentence_start:end].rstrip("：:，, \t")
        clause = max(lead_text.rfind(ch) for ch in "，,；;：:") + 1
        if end == window_start and (verb := _VERB_BEFORE_WINDOW.search(lead_text)) and verb.start() > clause:
            end = sentence_start + verb.start()  # …湖滨南路分两个时段停电：W1，W2 (outages14): the places before the verb
            continue
        begin = sentence_start + clause
        lead = _LIST_NUMBER.sub("", folded[begin:end].rstrip("：:，, \t"))
        trimmed = _LEAD_VERB.sub("", _WHERE_IT_IS.sub("", lead))
        because = trimmed.find("因")
        if because > 0:
            trimmed = trimmed[:because]  # 湖里区金尚路、枋湖社区因…原因: the places before the reason
        if end != window_start and (not trimmed or trimmed.startswith("因") or _DATE_ONLY.match(trimmed)):
            end = begin - 1  # a clause of when or why, before the window's: the places are further back
            continue
        if end == window_start and not trimmed and lead != trimmed:
            end = begin - 1  # the window's own clause says only 将于: its places are in the clause before
            continue
        if end == window_start and _TIME_LABEL_ONLY.fullmatch(trimmed):
            end = begin - 1  # 10kV西柯线：西柯社区、潘涂社区，停电时间0时至24时 (outages13): the label alone, the places before it
            continue
        if not 2 <= len(trimmed) <= 60 or _NOT_A_LEAD.search(trimmed):
            return []
        printed = text[begin: begin + len(folded[begin:end].rstrip("：:，, \t"))]
        printed = _LEAD_VERB.sub("", _WHERE_IT_IS.sub("", _LIST_NUMBER.sub("", printed)))
        cut = printed.find("因")
        return [(a, "cut") for a in split_items(printed[:cut] if cut > 0 else printed)]
    return []


def _line_of(text: str, folded: str, block: _Block, spans_on_line: int) -> str:
    """停电线路/检修线路 printed in the block, or on the window's own line when it holds no other window."""
    line_start = folded.rfind("\n", 0, block.spans[0].start) + 1
    line_end = folded.find("\n", block.spans[0].end)
    line_end = len(folded) if line_end < 0 else line_end
    scopes = ([(line_start, line_end)] if spans_on_line == 1 else []) + [(block.start, block.end)]
    for begin, finish in scopes:
        match = _LINE.search(folded, begin, finish)
        if match:
            group = "line" if match["line"] else "kv"
            return text[match.start(group): match.end(group)].strip()
    return ""


#: a clause in case printed before the places (6月18日8:00至17:00（如遇雨天顺延）翔安区新店镇停电): the windows read it (timewindows),
#: the place's name is what follows it (it was `(如遇雨天顺延)翔安区新店镇`, and 新店镇 found no outage)
_IN_CASE_FIRST = re.compile(r"^\s*[（(](?:如|若)?遇[^（()）\n]{0,12}?(?:顺延|延期|推迟)[^（()）\n]{0,12}[)）]\s*")


#: Numbers listed with their counter said once (杏林湾一号三期7、8号楼, outages11: the place was 杏林湾一号三期7, found by no one
#: asking for 杏林湾一号): a place ending in a bare number before one with its counter takes that counter.
#: Lettered blocks too (海虹花园A1、A2栋, outages11's fifth round: the place was 海虹花园A1).
_COUNTER_AFTER = re.compile(r"(?:[A-Za-z]?\d{1,4}|[A-Za-z])\s*(?P<c>号楼|号|[栋幢座]|#楼?)(?:$|(?=停|暂停|等|[（(]))")
_BARE_NUMBER_LAST = re.compile(r"(?<=[\u4e00-\u9fff])(?:[A-Za-z]?\d{1,4}|[A-Za-z])$")


def _counters_said_once(printed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = list(printed)
    for n in range(len(out) - 2, -1, -1):
        (place, effect), (following, _) = out[n], out[n + 1]
        if _BARE_NUMBER_LAST.search(place) and (counter := _COUNTER_AFTER.match(following.strip())) is not None:
            out[n] = (place + counter["c"], effect)
    return out


def _areas(printed: list[tuple[str, str]], effect: str) -> list[OutageArea]:
    seen: dict[str, OutageArea] = {}
    previous: OutageArea | None = None
    for place, place_effect in _counters_said_once(printed):
        if place_effect != effect:
            continue
        area = clean_area(_IN_CASE_FIRST.sub("", place))
        if area is None:
            continue
        if previous is not None and _BARE_NUMBER.fullmatch(area.name):
            # 金林湾花园3-5栋、8幢: a number alone is another building of the place before it
            area = previous.model_copy(update={"numbers": area.name, "section": "", "text": area.text})
        elif previous is not None and (re.fullmatch(r"[A-Za-z]\d?区|[一二三四五六七八九十\d]{1,3}期", area.name)
                                       or (previous.name.endswith("村") and re.fullmatch(VILLAGE_GROUP, area.name))):  # 许厝村3组、5组
            area = previous.model_copy(update={"section": area.name, "numbers": "", "text": area.text})  # 保利叁仟栋A区、B区; 前埔社区一期、二期
        area = _carry_district(area, previous)
        previous = area
        seen.setdefault(area.text, area)
        children = _places_in_brackets(area) + _landmark_of_road(area) + _building_after_number(area)
        for child in children:
            seen.setdefault(child.text, child)
        if children and _BARE_DISTRICT.match(area.name):
            del seen[area.text]  # 思明区（鹭江道、升平路）: the district heads its roads; it is not cut whole
    return list(seen.values())


# {2} then *: the same names as {2,} then *, without the two runs trying every split of a long one (review22b)
_SUB_PLACE = re.compile(r"^[\u4e00-\u9fff]{2}[\u4e00-\u9fff0-9]*(?:里|村|社|社区|小区|花园|园|苑|城|府|湾|路|街|道|巷|大厦|广场|公寓|新村)"
                        r"(?:\d{1,3}\s*(?:#|号楼|栋|幢|座)?(?:\s*(?:至|到|-|—+|~|～)\s*\d{1,3}\s*(?:#|号楼|栋|幢|座)?)?\s*(?:号楼|栋|幢|座|#楼|#|楼))?$")


_LANDMARK = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:广场|大厦|商场|中心|酒店|公园|医院|学校|小学|中学|大学|小区|花园|公寓|新村|家园|山庄)$")


_BUILDING_AFTER_NUMBER = re.compile(
    r"\d+\s*号(?P<b>[\u4e00-\u9fff]{2,12}?(?:大厦|大楼|广场|中心|酒店|宾馆|公寓|花园|小区|商场|医院|学校|写字楼))")


def _building_after_number(area: OutageArea) -> list[OutageArea]:
    """A building printed after its house number (厦禾路888号国际银行大厦) is a place too (it was dropped with the number)."""
    match = _BUILDING_AFTER_NUMBER.search(fold(area.text))
    if not match or not area.numbers:
        return []
    child = clean_area(area.text[match.start("b"): match.end("b")])
    return [child.model_copy(update={"district": area.district, "subdistrict": area.subdistrict})] if child else []


def _landmark_of_road(area: OutageArea) -> list[OutageArea]:
    """A road's stretch at a landmark or estate printed after it (莲前东路万达广场一带: section 万达广场) is that place too."""
    if not _LANDMARK.match(area.section) or not re.search(r"[路街道巷]$", area.name) or area.text.find(area.section) < 0:
        return []
    if re.search(r"[（(]", area.text):
        return []  # 湖滨南路（松柏小区）: a section in brackets stays the road's
    child = clean_area(area.section)
    return [child.model_copy(update={"district": area.district, "subdistrict": area.subdistrict})] if child else []


#: A community or village (its name ends so) and the places of its own a bracket after it lists: its 社, its estates.
_HOLDS_PLACES = re.compile(r"[\u4e00-\u9fff]{2,}(?:社区|村)$")
#: (outages17: with its buildings after it, 县后社区（县后新城1-20号楼）: 县后新城 found nothing)
_OWN_PLACE = re.compile(r"[\u4e00-\u9fff]{2}(?:社|小区|花园|新村|家园|公寓|山庄|公馆|华庭|学府|[湾苑园府郡邸庭城里]|[一二三四五六七八九十]号)"  # 宝龙一城
                        r"(?:\d{1,3}\s*(?:#|号楼|栋|幢|座)?(?:\s*(?:至|到|-|—+|~|～)\s*\d{1,3}\s*(?:#|号楼|栋|幢|座)?)?\s*(?:号楼|栋|幢|座|#楼|#|楼))?$")
_PART = re.compile(r"[A-Za-z]\d*区|[一二三四五六七八九十\d]{1,3}期|\d+\s*(?:号楼|栋|幢|座|#)|部分|全部|[单双]号|[A-Za-z]\d*")


def _places_in_brackets(area: OutageArea) -> list[OutageArea]:
    """Places listed in a bracket after an area (湖滨南路片区（湖滨一里、湖滨二里）, 江头街道（吕厝社区、江头社区）) are places
    too, under the area's district (and subdistrict, when the area is one); a bracket of parts (融汇温泉城(A1区、A2区)) is not."""
    listed = re.sub(r"^(?:含|包含|包括|其中)[:：]?", "", area.section)  # 欧厝路（含下后滨小区、东园小区）
    items = [item.strip() for item in re.split(r"[、，,]", listed)] if listed else []
    # 华美社区（华美空间、联发大厦）: places, one of them ending as places do; not 融汇温泉城(A1区、A2区) or （一期、二期）, its parts
    # 山头社区（后垵社）: one 社 or estate of a community or village is its place too (outages16: 山头社区后垵社 asked found nothing)
    one_of_its_own = len(items) == 1 and bool(_HOLDS_PLACES.search(area.name)) and bool(_OWN_PLACE.search(items[0]))
    if (len(items) < 2 and not one_of_its_own) or not any(_SUB_PLACE.match(item) for item in items) or any(
        _PART.fullmatch(item) or len(item) < 2 for item in items
    ):
        return []
    # the 社 and estates of a 社区 or 村 lie in it (田墘社区（东埕社、西埕社）: 山头社区东埕社 asked is another 东埕社, outages16)
    subdistrict = area.name if re.search(r"(?:街道|镇|乡)$", area.name) or _HOLDS_PLACES.search(area.name) else area.subdistrict
    district = area.name if re.search(r"(?<![小片园校社景厂商营])(?:区|县)$", area.name) else area.district  # 思明区（鹭江道、升平路）
    children = [clean_area(item) for item in items]
    return [child.model_copy(update={"district": child.district or district, "subdistrict": child.subdistrict or subdistrict})
            for child in children if child is not None]


# 禾山路单号1-99号、双号2-88号: the other side's numbers, printed with its 单号/双号 first, are the same road's too
# 海虹花园A1、A2栋, 华美空间A座、B座: a lettered block alone is the estate's before it too (outages11)
_BARE_NUMBER = re.compile(r"(?:[单双]号\s*)?\d+\s*#?(?:\s*(?:至|到|-|—+|~|～)\s*\d+\s*#?)?\s*(?:号楼|号|栋|幢|座|#楼|#|楼)(?:[（(]?[单双]号[)）]?)?"
                          r"|[A-Za-z]\d{0,3}\s*[栋幢座]")


def _carry_district(area: OutageArea, previous: OutageArea | None) -> OutageArea:
    """A district (and subdistrict) printed once heads the places after it: 湖里区江头北路、长青路 cuts
    湖里区's 长青路, so 思明区长青路 is not answered as cut; 殿前街道高殿社区、兴隆社区 the same. A place printing
    its own district or subdistrict keeps it (and heads the places after it); a subdistrict printed without its district after
    another subdistrict takes the district printed with that one (海沧区新阳街道：…；东孚街道：东瑶村)."""
    if previous is not None and area.subdistrict and not area.district and previous.district and previous.subdistrict:
        # 海沧区新阳街道：新阳路；东孚街道：东瑶村: a subdistrict heading after another one is in the district printed before
        return area.model_copy(update={"district": previous.district})
    if previous is None or area.district or area.subdistrict or not (previous.district or previous.subdistrict):
        return area
    return area.model_copy(update={"district": previous.district, "subdistrict": previous.subdistrict})


def _bracketed_place(text: str, folded: str, span: WindowSpan) -> list[tuple[str, str]] | None:
    """A window in brackets after its place (停电范围：思明区湖滨南路（12月8日8:30-17:30）、莲花北路（12月9日…）): that place."""
    opening = folded.rfind("（", 0, span.start), folded.rfind("(", 0, span.start)
    bracket = max(opening)
    if bracket < 0 or folded[bracket + 1: span.start].strip() or not re.match(r"\s*[)）]", folded[span.end:]):
        return None
    begin = max(folded.rfind(ch, 0, bracket) for ch in "、，,；;：:\n") + 1
    place = text[begin:bracket].strip()
    return [(a, "cut") for a in split_items(place)] if 2 <= len(place) <= 40 else None


# Only the words saying what stops: a place may be named after a utility (迎胜自来水, 燃气公司宿舍).
_UTILITY_WORDS = {"power": re.compile(r"停电|断电|(?:暂停|停止|中断)供电"), "water": re.compile(r"停水|断水|(?:暂停|停止|中断)供水"),
                  "gas": re.compile(r"停气|(?:暂停|停止|中断)供气")}


def _areas_by_utility(areas: list[OutageArea], block: str, notice_utility: str) -> list[tuple[str, list[OutageArea]]]:
    """A window's places by the utility each clause says stops (9月24日9:00-16:00，官任社区停水，湖滨一里停气, outages8: both were
    water), when the window's words name more than one; a place printed without the word takes the next one's (A、B停水，C停气)."""
    named = [utility for utility, words in _UTILITY_WORDS.items() if words.search(block)]
    if len(named) < 2 or not areas:
        return [(named[0] if len(named) == 1 else notice_utility, areas)]
    groups: dict[str, list[OutageArea]] = {}
    said = notice_utility
    for area in reversed(areas):
        said = next((utility for utility, words in _UTILITY_WORDS.items() if words.search(area.text)), said)
        groups.setdefault(said, []).insert(0, area)
    return list(reversed(groups.items()))


def _block_utility(block: str, notice_utility: str) -> str:
    """The utility a window's own words say stops (停水停电通知: 12月8日…湖滨南路停电；12月9日…湖滨南路停水), when they say
    one only; else the notice's."""
    named = [utility for utility, words in _UTILITY_WORDS.items() if words.search(block)]
    return named[0] if len(named) == 1 else notice_utility


#: A district or town heading its line in a bracket (【集美区】灌口镇东辉村 / 【同安区】五显镇三忠村, outages6): the heading as
#: printed with a colon (集美区：…), which the lists read; the second line's places were lost and the first kept 【集美区】 in its name.
_BRACKETED_HEADING = re.compile(r"(?m)^([ \t]*)[【\[]([\u4e00-\u9fff]{2,10}?(?:区|县|街道|镇|乡))[】\]][ \t]*[:：]?(?=[\u4e00-\u9fff])")


def _bracketed_headings(text: str) -> str:
    return _BRACKETED_HEADING.sub(r"\1\2：", text) if "【" in text or "[" in text else text


#: A district or town heading a line of windows (【翔安区】8:00-12:00 新圩镇诗坂村；14:00-18:00 新圩镇金柄村, or 翔安区：8:00-…,
#: outages10): the heading is every window's on that line, printed before each one's places (they were read without it, so
#: 12月27日翔安停电吗 and 岛外 found nothing there).
_LINE_HEADING = r"[\u4e00-\u9fff]{2,10}?(?<![小片园校社景厂商营])(?:区|县|街道|镇|乡)"
_CLOCK_RANGE = r"\d{1,2}[:：]\d{2}\s*(?:-|—+|–|~|～|至|到)\s*(?:次日)?\d{1,2}[:：]\d{2}"
#: …after the day and with what stops said before its colon (2月9日（星期二）翔安区新圩镇分段停电：9:00-11:00 诗坂村；13:00-15:00 金柄村,
#: outages12: the villages were read without their district, so 岛外 found nothing that day).
_DATE_LEAD = r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号](?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?[ \t，,]*"
_WHAT_STOPS = r"(?:分段|分时段|计划|临时|检修)?(?:停电|停水|停气)(?:安排|计划)?"
_HEADING_BEFORE_CLOCKS = re.compile(
    rf"(?m)^(?P<indent>[ \t]*(?:{_DATE_LEAD})?)(?:[【\[](?P<b>{_LINE_HEADING})[】\]]|(?P<c>{_LINE_HEADING})(?:{_WHAT_STOPS})?[:：])"
    r"[ \t]*[:：]?[ \t]*(?P<rest>\d{1,2}[:：]\d{2}[^\n]*)$"
)
_CLOCKS_THEN_PLACE = re.compile(rf"({_CLOCK_RANGE})[ \t]*(?=[\u4e00-\u9fff])(?!次日)")
#: …with the places first and the clock last on the line (海沧区：东孚街道鼎美村 7:00-19:00, outages10: 岛外 found nothing): the
#: heading is the places' district, printed before them without its colon (read as a label, it was dropped).
_HEADING_PLACES_CLOCK = re.compile(
    rf"(?m)^(?P<indent>[ \t]*)(?:[【\[](?P<b>{_LINE_HEADING})[】\]]|(?P<c>{_LINE_HEADING})[:：])[ \t]*[:：]?[ \t]*"
    rf"(?P<places>[\u4e00-\u9fff][^\n]*?)[ \t]+(?P<clock>{_CLOCK_RANGE})[ \t]*$"
)
#: …alone on its line, with no colon, over rows each opening or ending with a clock range (思明区 / 滨海街道曾厝垵社区 9:00-15:00 /
#: 湖里区 / …, outages11: the rows' places were lost and the next heading read as the window's place): each row is headed by it.
#: …numbered (一、思明区, 2.湖里区, （三）同安区) over rows each opening with their day (10月21日（周四）8:30-12:30 厦港街道…; outages14: 思明区
#: and 同安区 found nothing): the day stays first, the heading before the clock (read as _HEADING_BEFORE_CLOCKS reads it).
_HEADING_NUMBER = r"(?:[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[)）])?"
_HEADING_ALONE = re.compile(
    rf"(?m)^[ \t]*{_HEADING_NUMBER}[ \t]*(?:[【\[](?P<b>{_LINE_HEADING})[】\]]|(?P<c>{_LINE_HEADING}))[ \t]*[:：]?[ \t]*\n"
    rf"(?P<rows>(?:[ \t]*(?:(?:{_DATE_LEAD})?{_CLOCK_RANGE}[ \t]*[\u4e00-\u9fff][^\n]*|[\u4e00-\u9fff][^\n]*?[ \t]+{_CLOCK_RANGE}[ \t]*)(?:\n|$))+)"
)
_DATED_ROW = re.compile(rf"(?P<day>{_DATE_LEAD})(?P<rest>{_CLOCK_RANGE}[\s\S]*)")
#: A day's part in brackets after it (1月12日（全天）, 12月9日（周三）（上午）, outages10: no window was read): as printed without them.
_BRACKETED_PART_OF_DAY = re.compile(r"(?<=[日号])(?P<week>\s*[（(](?:星期|周)[一二三四五六日天][)）])?\s*[（(](?P<part>全天|全日|整天|白天|上午|下午|晚上|夜间|凌晨)[)）]")


def _headings_before_clocks(text: str) -> str:
    def headed(match: re.Match[str]) -> str:
        heading, rest = match["b"] or match["c"], match["rest"]
        return match["indent"] + _CLOCKS_THEN_PLACE.sub(lambda m: m[0] if rest.startswith(heading, m.end()) else f"{m[1]} {heading}", rest)

    def placed(match: re.Match[str]) -> str:
        heading, places = match["b"] or match["c"], match["places"]
        return f"{match['indent']}{'' if places.startswith(heading) else heading}{places} {match['clock']}"

    def alone(match: re.Match[str]) -> str:
        heading = match["b"] or match["c"]

        def row_headed(row: str) -> str:
            dated = _DATED_ROW.fullmatch(row)
            return f"{dated['day']}{heading}：{dated['rest']}" if dated else f"{heading}：{row}"

        return "".join(f"{row_headed(row.strip())}{newline}" for row, newline in re.findall(r"([^\n]*)(\n|$)", match["rows"]) if row.strip())

    if "\n" in text:
        text = _HEADING_ALONE.sub(alone, text)
    text = _HEADING_PLACES_CLOCK.sub(placed, _HEADING_BEFORE_CLOCKS.sub(headed, text))
    return _BRACKETED_PART_OF_DAY.sub(lambda m: (m["week"] or "") + m["part"], text) if "（" in text or "(" in text else text


#: A paper's column headed by the day and what stops (今日停水 / 9:00-17:00 湖里区禾山街道后坑社区 / 明日停电 / 8:00-18:00 …,
#: outages8): each row below is that day's and that utility's; the rows were read on the paper's day, under the next heading's word.
_DAY_HEADING = re.compile(r"(?m)^[ \t]*(?P<day>今日|今天|明日|明天|后天)(?P<what>停电|停水|停气)(?:信息|预告|安排|通知|计划)?[ \t]*[:：]?[ \t]*\n"
                          r"(?P<rows>(?:[ \t]*\d{1,2}\s*[:：时点][^\n]*(?:\n|$))+)")


#: A paper's column headed by what stops alone (停电 / 3月15日8:00-17:00 沙坡尾社区 / 停水 / 3月15日22:00-次日5:00 …, outages10):
#: each row below is that utility's; the heading below a row was read as that row's (the power row answered 停水, the water row 停气).
#: 【停电信息】, 停水安排： too (outages11: the power rows were read as water, the water rows as power), not a title (停电通知).
_UTILITY_HEADING = re.compile(r"(?m)^[ \t]*[【\[]?(?P<what>停电|停水|停气)(?:信息|预告|安排)?[】\]]?[ \t]*[:：]?[ \t]*\n"  # alone: not a title
                              r"(?P<rows>(?:[ \t]*\d{1,2}\s*(?:月|日|号|[:：时点])[^\n]*(?:\n|$))+)")


def _utility_headed_rows(text: str) -> str:
    def rows(match: re.Match[str]) -> str:
        lines = match["rows"].split("\n")
        return "\n".join(f"{line.rstrip('。；; ')}{match['what']}" if line.strip() else line for line in lines)

    return _UTILITY_HEADING.sub(rows, text) if "停" in text else text


def _day_headed_rows(text: str) -> str:
    if "日停" not in text and "天停" not in text:
        return text

    def rows(match: re.Match[str]) -> str:
        lines = match["rows"].split("\n")
        return "\n" + "\n".join(f"{match['day']}{line.strip()}{match['what']}" if line.strip() else line for line in lines)

    return _DAY_HEADING.sub(rows, text)


# A table's row glued to the last place of the row above (a PDF's text layer: …莲花镇军营村8月26日 22:00-次日6:00; outages14: the
# place was 军营村8月26日 and the row above lost it): a day and its clock right after a place's last character open a line.
_GLUED_ROW = re.compile(rf"(?<=[{HOUSE_NUMBER_AFTER}区镇社组号])(?=\d{{1,2}}月\d{{1,2}}日[ \t]*(?:[（(][^）)\n]{{1,6}}[)）])?[ \t]*\d{{1,2}}[:：]\d{{2}})")


def _glued_rows(text: str) -> str:
    return _GLUED_ROW.sub("\n", text) if "月" in text else text


# A district under a label of its own above the places (95598's 停电区域：同安区 / 停电范围：汀溪镇汀溪村; outages14: the district was read
# as a place cut whole, the villages without it, so 岛外 found nothing and a call-off of the village left 翔安区 cut): it heads them.
_DISTRICT_LABEL = re.compile(r"(?m)^[ \t]*(?:停电|停水|停气)?区域[ \t]*[:：][ \t]*(?P<d>[\u4e00-\u9fff]{2}(?:区|县))[ \t]*\n"
                             r"(?P<label>[ \t]*(?:停电|停水|停气)?范围[ \t]*[:：][ \t]*)(?!(?P=d))")


def _district_labelled(text: str) -> str:
    return _DISTRICT_LABEL.sub(lambda m: m["label"] + m["d"], text) if "区域" in text else text


def find_events(text: str, reference: date | None, utility: str) -> list[OutageEvent]:
    """The events of one outage notice, in printed order (its dates and clocks read in digits first: printed_numbers)."""
    text = same_day_with_date(said_days_with_dates(day_after_clock(days_under_one_clock(clock_columns(dotted_days(key_value_rows(_continued_lists(arabic_dates(_day_headed_rows(_utility_headed_rows(_bracketed_headings(_headings_before_clocks(_district_labelled(_glued_rows(ocr_misreads(text))))))))))))))))
    folded = fold(text)
    spans = [span for span in find_window_spans(text, reference)]
    blocks = _blocks(folded, spans)
    preamble = _segment_areas(text, folded, 0, blocks[0].start if blocks else len(text), None)
    # "停电范围：A\n停电时间：W1\n停电范围：B\n停电时间：W2": each list printed above its window. Told by a
    # list before the first window and as many lists as windows; the k-th list is the k-th window's.
    markers = list(_AREA_MARKER.finditer(folded))
    if blocks and markers and len(markers) == len(blocks) > 1 and all(  # each list between the window before and its own (not
            (blocks[k - 1].start if k else -1) < marker.start() < block.start  # two labels above a table's rows: 以下区域：/ 停电范围)
            for k, (marker, block) in enumerate(zip(markers, blocks, strict=True))):
        for block, marker in zip(blocks, markers):
            block.own = _marker_areas(text, marker, 0, len(text))
        preamble = []
    for block in blocks:
        own = _bracketed_place(text, folded, block.spans[0])
        if own:
            block.own = own
    # 停电线路：10kV莲坂线 printed above the window (a label of the notice as a whole): the line of windows that print none
    lines_above = [m for m in _LINE.finditer(folded, 0, blocks[0].start) if m["line"]] if blocks else []
    preamble_line = text[lines_above[0].start("line"): lines_above[0].end("line")].strip() if len(lines_above) == 1 else ""
    merged: dict[tuple, tuple[_Block, list[tuple[str, str]], list[str]]] = {}
    # the windows printed on each line, counted once (each block counted every window's line: the square of a plan's rows)
    per_line = Counter(folded.rfind("\n", 0, s.start) for s in spans)
    for block in blocks:
        printed: list[tuple[str, str]] = []
        for index, span in enumerate(block.spans):
            if block.own is not None:
                printed = list(block.own)
                break
            stop = block.spans[index + 1].start if index + 1 < len(block.spans) else block.end
            begin = block.start if index == 0 else span.start
            printed += _segment_areas(text, folded, begin, stop, span.end, span.start)
        line = _line_of(text, folded, block, per_line[folded.rfind("\n", 0, block.spans[0].start)]) or preamble_line
        key = block.key()
        if key in merged and (printed and merged[key][1]):
            key = key + (block.start,)  # the same window for other places (two lines cut 6日7:00至18:30)
        if key in merged:  # the same window printed again (title and body): one block
            merged[key][1].extend(printed)
            if line and not merged[key][2]:
                merged[key][2].append(line)
        else:
            merged[key] = (block, printed, [line] if line else [])
    events: list[OutageEvent] = []
    called_off: list[tuple[str, str]] = []  # the places of the last window called off, for the one it moved to
    standings: list[str] = []  # each event's: called_off, moved or ""
    may_change = outage_changes.may_change_places(folded)
    for block, printed, lines in merged.values():
        printed = [(a, effect) for a, effect in printed if not outage_changes.no_place(fold(a))]  # 因施工准备不足, 顺延至
        corrected = outage_changes.corrected_places(folded, block.start, block.end)
        # “A”应为“B” of places keeps the window: not the words of a change of time (停电时间“W1”应为“W2”)
        standing = "" if corrected else outage_changes.standing(folded, block.spans[0])
        if not printed and standing:
            before = outage_changes.places_before(folded, block.spans[0].start)
            printed = [(a, "cut") for a in split_items(text[before[0]:before[1]])] if before else []
        if not printed:
            printed = called_off if standing == "moved" and called_off else preamble
        if not printed:
            printed = (_our_estate(text, folded, block) or _item_heading(text, folded, block) or _addressed(text, folded, blocks[0].start)
                       or _titled(text, folded))
        part = outage_changes.part_called_off(folded, block.start, block.end) if standing == "called_off" else None
        named = [(a, "cut") for a in split_items(text[part[0]:part[1]])] if part else []
        listed = {area.name for area in _areas(printed, "cut")}
        if named and all((area := clean_area(a)) is not None and area.name in listed for a, _ in named):
            printed = named  # the other places keep their window (其中双岭村的停电取消; …，金柄村不再停电: one of those listed)
        if standing == "called_off" and (ahead := outage_changes.going_ahead(folded, block.start, block.end)):
            # …湖滨一里的停电取消，湖滨二里照常停电: the places said to go ahead keep the window they had
            said = text[ahead[0]:ahead[1]]  # the places and the words saying so, read as one item when printed last (过坂村停电按原计划进行)
            # (a place and its house numbers: 厦禾路12号照常 keeps 厦禾路10号 called off, outages12)
            kept = {(area.name, area.numbers) for area in _areas([(a, "cut") for a in split_items(said)], "cut")}
            printed = [(a, effect) for a, effect in printed
                       if a.strip() not in said and ((area := clean_area(a)) is None or (area.name, area.numbers) not in kept)]
        if standing == "called_off":
            called_off = printed
        windows: list[TimeWindow] = [w for span in block.spans for w in span.windows]
        if standing == "called_off":
            windows = [outage_changes.from_when_back(folded, block.spans[-1].end, block.end, w) for w in windows]
            moved_to = [moved for w in windows if (moved := outage_changes.moved_to_same_hours(text, folded, block.start, block.end, w))]
        changed = (outage_changes.places_changed(folded, block.spans[-1].end, block.end)
                   if may_change and not corrected and (standing == "" or (standing == "called_off" and not moved_to)) else None)
        if changed:
            # …的停电，停电范围调整为嘉禾路300号至350号，停电时间不变: the window stands for the new places, called off for the
            # old ones it no longer names (the lookup's newest notice wins); 增加/新增 keeps the old ones cut as well
            (new_start, new_end), added = changed
            new_places = text[new_start:new_end]
            old = [(a, effect) for a, effect in printed if a.strip() not in new_places and new_places not in a]
            if not added and old:  # (no old place printed: nothing to call off, never the whole window)
                for window in windows:
                    events.append(OutageEvent(utility=_block_utility(folded[block.start:block.end], utility), effect="cancelled",
                                              start=window.start, end=window.end, line=lines[0] if lines else "",
                                              areas=_areas(old, "cut"), text=window.text))
                    standings.append("corrected")
            printed = (old if added else []) + [(a, "cut") for a in split_items(new_places)]
            standing = ""
        if corrected:
            # 本报6月18日刊登的停电通知中，W的停电范围“A”应为“B”: A's window is called off, B is cut in it
            (old_start, old_end), (new_start, new_end) = corrected
            printed = [(a, "cut") for a in split_items(text[new_start:new_end])]
            off = _areas([(a, "cut") for a in split_items(text[old_start:old_end])], "cut")
            for window in windows:
                events.append(OutageEvent(utility=_block_utility(folded[block.start:block.end], utility), effect="cancelled",
                                          start=window.start, end=window.end, line=lines[0] if lines else "", areas=off,
                                          text=window.text))
                standings.append("corrected")
        by_effect = {effect: _areas(printed, effect) for effect in ("cut", "reduced_pressure")}
        by_day = _places_by_day(text, folded, block, windows) if len(windows) > 1 else {}
        for effect, areas in by_effect.items():
            if not areas and (effect == "reduced_pressure" or by_effect["reduced_pressure"]):
                continue  # 降压供水 only (自…起，屿后南路实行降压供水): no cut without places beside it
            for window in windows:
                day = window.start.day if window.start else None
                window_areas = _areas(by_day[day], effect) if day in by_day else areas
                for own_utility, own_areas in _areas_by_utility(window_areas, folded[block.start:block.end], utility):
                    events.append(OutageEvent(utility=own_utility, effect="cancelled" if standing == "called_off" else effect,
                                              start=window.start, end=window.end, line=lines[0] if lines else "",
                                              areas=own_areas, text=window.text))
                    standings.append(standing)
            for moved in moved_to if standing == "called_off" else []:  # 延期至9月27日同一时段: cut then, the same places
                events.append(OutageEvent(utility=_block_utility(folded[block.start:block.end], utility), effect=effect,
                                          start=moved.start, end=moved.end, line=lines[0] if lines else "", areas=areas, text=moved.text))
                standings.append("moved")
    # 原定于12月6日的停电调整至12月8日…，停电范围：湖滨南路: the window called off without places is the moved one's places'
    moved_areas = [area for event, standing in zip(events, standings, strict=True) if standing == "moved" for area in event.areas]
    events = [event.model_copy(update={"areas": list({area.text: area for area in moved_areas}.values())})
              if event.effect == "cancelled" and not event.areas and moved_areas else event for event in events]
    planned = [event for event, standing in zip(events, standings, strict=True) if standing == "called_off" and event.start is not None]
    for start, end in outage_changes.clauses_called_off(folded) if planned else ():
        # …；城内村的停电取消: the places of a clause calling off with no window, called off in the window planned (原定…)
        clause_areas = _areas([(a, "cut") for a in split_items(text[start:end])], "cut")
        # and out of the window it moved to (…顺延至1月15日；其中金柄村的停电取消, outages15: 金柄村 was cut on the 15th)
        gone = {(area.name, area.numbers) for area in clause_areas}
        events = [event.model_copy(update={"areas": [a for a in event.areas if (a.name, a.numbers) not in gone]})
                  if standing == "moved" and event.effect != "cancelled" else event for event, standing in zip(events, standings, strict=True)]
        listed = {area.name for event in events for area in event.areas}
        off = [area for area in clause_areas if area.name not in listed]
        events += [event.model_copy(update={"areas": off}) for event in {(e.start, e.end): e for e in planned}.values()] if off else []
    if moved_areas and "called_off" not in standings:
        # 湖滨南路停电时间调整为12月9日…: the window it moves is an earlier notice's, not printed here. An undated
        # cancelled event says so; the lookup calls off those places' earlier windows near the new one (gongkai.outages).
        events.append(OutageEvent(utility=utility, effect="cancelled", areas=list({a.text: a for a in moved_areas}.values()),
                                  text="此前公布的停电时间"))
    if not blocks and (corrected := outage_changes.corrected_places(folded, 0, len(folded))):
        # 本报6月18日刊登的停电通知中，停电范围“湖里区高崎南五路”应为“湖里区高崎南八路”: no window printed; the lookup finds it in
        # the notice corrected (gongkai.outages.swaps_places): the old places called off there, the new ones cut
        (old_start, old_end), (new_start, new_end) = corrected
        return [OutageEvent(utility=utility, effect="cancelled", areas=_areas([(a, "cut") for a in split_items(text[old_start:old_end])], "cut"),
                            text="此前公布的停电范围"),
                OutageEvent(utility=utility, effect="cut", areas=_areas([(a, "cut") for a in split_items(text[new_start:new_end])], "cut"),
                            text="更正后的停电范围")]
    if not events and not blocks and (naming := outage_changes.notice_called_off(folded)):
        # 本公司8月28日发布的停水通知取消: undated and placeless, it calls off the windows of the notice it names (gongkai.outages)
        return [OutageEvent(utility=utility, effect="cancelled", text=text[naming[0]:naming[1]])]
    if not events and preamble:
        for effect in ("cut", "reduced_pressure"):
            areas = _areas(preamble, effect)
            if areas:
                events.append(OutageEvent(utility=utility, effect=effect, areas=areas))
    return _in_the_part_said(folded, events)


#: Where the places listed below lie, said before them: 对海沧区嵩屿街道部分社区轮流停电 / 对思明区莲前街道下列区域停水.
_PART_SAID = re.compile(r"(?P<d>[\u4e00-\u9fff]{2}(?:区|县))?(?P<s>[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡))"
                        r"(?:的)?(?:部分|下列|以下)(?:社区|区域|村庄|村居|村|小区|片区|用户|地区)")


def _in_the_part_said(folded: str, events: list[OutageEvent]) -> list[OutageEvent]:
    """The places printed with no district or subdistrict lie in the one the notice says its places are a part of (outages17:
    12月14日：海虹社区 under 对海沧区嵩屿街道部分社区轮流停电 was in neither, so 嵩屿街道, 海沧区 and 岛外 found nothing)."""
    where = _PART_SAID.search(folded)
    if where is None or any(area.name == where["s"] for event in events for area in event.areas):
        return events  # 侨英街道部分区域水压偏低: the subdistrict is the place itself, not where a list of them lies
    def placed(area: OutageArea) -> OutageArea:
        if area.district or area.subdistrict or re.search(r"(?<![小片园校社景厂商营])(?:区|县)$|(?:街道|镇|乡)$", area.name):
            return area
        return area.model_copy(update={"district": where["d"] or "", "subdistrict": where["s"]})
    return [event.model_copy(update={"areas": [placed(area) for area in event.areas]}) for event in events]
