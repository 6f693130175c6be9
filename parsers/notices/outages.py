"""An outage notice's events: every printed window with the places printed with it.

A notice is cut into blocks, one per printed window (or per run of windows printed together:
`5月6日8:00-12:00、14:00-18:00`). A block starts at the beginning of its window's line or sentence and
runs to the next block, so a numbered item (一、停电时间 … 停电线路 … 停电范围 …), a sentence
(`定于…对以下区域停电：…`, `…8:00-17:00，高殿社区停电。`) or a line of the Taian/Pingdingshan kind each
keep their own places. Places found before the first window (`下列区域停水：…。停水时间：…`) go to the
blocks that print none of their own. The same window printed twice (the title and the body) is one
block. 降压供水 places get their own event with effect `reduced_pressure`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from gongkai.notices import OutageArea, OutageEvent, TimeWindow
from gongkai.outage_areas import clean_area
from gongkai.parsers.notices.normal import fold_all as fold
from gongkai.parsers.notices.timewindows import WindowSpan, find_window_spans

_MARKER_CUT = (
    r"停电范围|停水范围|停气范围|停电区域|停水区域|停气区域|影响范围|影响区域|涉及区域|涉及范围|受影响区域|主要影响|"
    r"影响用户|停电地段|停水地段|停电用户|停水用户"
)
_MARKER_LOW = r"降压供水范围|降压供水区域|降压范围|降压区域|水压降低区域|低压供水范围|降压供水用户"
_AREA_MARKER = re.compile(
    rf"(?:(?P<low>{_MARKER_LOW})|(?:{_MARKER_CUT}))[ \t]*(?:如下)?[:：][ \t]*(?P<areas>[^。\n]*)"
)
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.、．)）]|[（(]\d{1,2}[)）]|[①-⑳]|[-•·])\s*")
_AFFECTED_INLINE = re.compile(r"届时(?P<area>[^，,。；\n]{2,80}?)(?:将|会)?(?:暂停|停止|中断)(?:供水|供电|供气)")
_LOW_INLINE = re.compile(r"(?:^|[，,。；;\n])(?P<area>[^，,。；;\n:：]{2,80}?)(?:将|会)?(?:实行|实施)?降压供水")
_TO_INLINE = re.compile(r"^\s*对(?P<area>[^。；;\n]{2,200}?)(?:实施|进行)?(?:停止供|暂停供|中断供|停)(?:水|电|气)")
_LINE = re.compile(
    r"(?:检修线路|停电线路|线路名称|停电设备|检修设备|施工管段|停水管段)\s*[:：]\s*(?P<line>[^。；;，,\n]+)"
    r"|(?P<kv>\d+\s*(?:kv|千伏)\s*[\u4e00-\u9fff0-9#Ⅰ-Ⅻⅰ-ⅻ]{1,12}?(?:线|路))"  # ⅰ: Ⅰ as fold lower-cases it
)
_ITEM = re.compile(r"(?m)^[ \t]*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])")
# Between two windows printed together there is only glue (、，；和 或 以及 每天), no words of a place.
_GLUE = re.compile(r"^[\s、，,；;和及或以每天日]*$")


@dataclass
class _Block:
    start: int
    spans: list[WindowSpan] = field(default_factory=list)
    end: int = 0
    own: list[tuple[str, str]] | None = None  # places given to it by the areas-first layout

    def key(self) -> tuple:
        return tuple((w.start, w.end, "" if w.start else w.text) for span in self.spans for w in span.windows)


def split_items(text: str) -> list[str]:
    """Split a list at top level on 、，；及 — never inside brackets (融汇温泉城(A1区、A2区))."""
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
    for item in items:
        for part in re.split(r"(?<=[\u4e00-\u9fff\)）])(?:以及|及)(?=[\u4e00-\u9fff])", item) if depth == 0 else [item]:
            part = re.sub(r"\s+", "", part).strip("。.")
            part = re.sub(r"(?:等(?:用户|单位|区域|地|处|小区|周边)?|周边)$", "", part)
            if len(part) >= 2:
                out.append(part)
    return out


def _item_starts(folded: str, spans: list[WindowSpan]) -> list[int]:
    """Starts of the numbered items (一、 1. （一）) that hold a window: a block begins there, so an item
    that prints its places before its time (一、停电范围：… 停电时间：…) keeps them. Numbered lists of
    places (停水范围：1.… 2.…) hold no window and do not count."""
    starts = [m.start() for m in _ITEM.finditer(folded)]
    ends = starts[1:] + [len(folded)]
    holding = [start for start, end in zip(starts, ends) if any(start <= span.start < end for span in spans)]
    # One item "holding" a window is the last of a list with the next window below it, not a layout.
    return holding if len(holding) >= 2 else []


def _blocks(folded: str, spans: list[WindowSpan]) -> list[_Block]:
    blocks: list[_Block] = []
    items = _item_starts(folded, spans)
    for span in spans:
        if blocks and _GLUE.match(folded[blocks[-1].spans[-1].end: span.start]):
            blocks[-1].spans.append(span)
            continue
        previous_end = blocks[-1].spans[-1].end if blocks else 0
        boundary = max(folded.rfind(ch, 0, span.start) for ch in "\n。；;") + 1
        item = max((start for start in items if start <= span.start), default=-1)
        if item >= previous_end:
            boundary = item
        blocks.append(_Block(start=max(boundary, previous_end), spans=[span]))
    for block, following in itertools.pairwise(blocks):
        block.end = following.start
    if blocks:
        blocks[-1].end = len(folded)
    return blocks


def _marker_areas(text: str, match: re.Match[str], start: int, end: int) -> list[tuple[str, str]]:
    """The places of one "停电范围：…" label (matched at `start` in the folded text), inline or listed below it."""
    effect = "reduced_pressure" if match["low"] else "cut"
    inline = text[start + match.start("areas"): start + match.end("areas")]
    if inline.strip():
        return [(a, effect) for a in split_items(_LIST_NUMBER.sub("", inline))]
    found: list[tuple[str, str]] = []
    # "停水范围：" ending its line: the places are the numbered lines below it.
    for line in text[start + match.end(): end].split("\n")[1:]:
        item = line.strip()
        if not item or len(item) > 80 or re.search(r"[:：。]", item) or not _LIST_NUMBER.match(item):
            break
        found += [(a, effect) for a in split_items(_LIST_NUMBER.sub("", item))]
    return found


def _segment_areas(text: str, folded: str, start: int, end: int, after: int | None) -> list[tuple[str, str]]:
    """(printed place, effect) found in text[start:end]; `after` is where the block's window ends."""
    found: list[tuple[str, str]] = []
    segment = folded[start:end]
    for match in _AFFECTED_INLINE.finditer(segment):
        found += [(a, "cut") for a in split_items(text[start + match.start("area"): start + match.end("area")])]
    for match in _LOW_INLINE.finditer(segment):
        if not _AREA_MARKER.search(match["area"]):
            found += [(a, "reduced_pressure") for a in split_items(text[start + match.start("area"): start + match.end("area")])]
    marked = list(_AREA_MARKER.finditer(segment))
    for match in marked:
        found += _marker_areas(text, match, start, end)
    if marked or after is None:
        return found
    # No label: the places follow the window ("1月10日6时至18时，新华路中段沿线高低压用户；",
    # "…06:30—15:30对以下区域停电：思明区…", "…22:00至11日6:00对吕厝路、台湾街停止供水").
    tail = re.match(r"[，,\s]*(?P<rest>[^。；;\n]*)", folded[after:end])
    if not tail:
        return found
    rest_start = after + tail.start("rest")
    rest = text[rest_start: rest_start + len(tail["rest"])]
    colon = re.search(r"[:：]", rest)
    towards = _TO_INLINE.match(fold(rest))
    if colon and colon.start() <= 20:
        rest = rest[colon.end():]
    elif towards and not re.match(r"(?:以下|下列|如下)", towards["area"]):
        rest = rest[towards.start("area"): towards.end("area")]
    elif re.match(r"\s*(?:对|在|将|进行|期间|届时|暂停|停止)", rest) or re.search(r"(?:通知|公告|通告)$", rest):
        return found  # a verb, not a place; or the rest of a title (关于…5:00前晋安区桂湖路工程项目的停水通知)
    else:
        rest = re.split(r"[，,](?=请|如遇|届时|停电期间|停水期间|敬请)", rest)[0]
        # A clause naming 降压 lists reduced places, found above: the cut places are the other clauses
        # ("湖里区仙岳路降压供水，金尚路停水" cuts 金尚路 only).
        rest = "、".join(clause for clause in re.split(r"[，,]", rest) if "降压" not in clause)
    found += [(a, "cut") for a in split_items(rest)]
    return found


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


def _areas(printed: list[tuple[str, str]], effect: str) -> list[OutageArea]:
    seen: dict[str, OutageArea] = {}
    previous: OutageArea | None = None
    for place, place_effect in printed:
        if place_effect != effect:
            continue
        area = clean_area(place)
        if area is None:
            continue
        area = _carry_district(area, previous)
        previous = area
        seen.setdefault(area.text, area)
    return list(seen.values())


def _carry_district(area: OutageArea, previous: OutageArea | None) -> OutageArea:
    """A district (and subdistrict) printed once heads the places after it: 湖里区江头北路、长青路 cuts
    湖里区's 长青路, so 思明区长青路 is not answered as cut; 殿前街道高殿社区、兴隆社区 the same. A place printing
    its own district or subdistrict keeps it (and heads the places after it)."""
    if previous is None or area.district or area.subdistrict or not (previous.district or previous.subdistrict):
        return area
    return area.model_copy(update={"district": previous.district, "subdistrict": previous.subdistrict})


def find_events(text: str, reference: date | None, utility: str) -> list[OutageEvent]:
    """The events of one outage notice, in printed order."""
    folded = fold(text)
    spans = [span for span in find_window_spans(text, reference)]
    blocks = _blocks(folded, spans)
    preamble = _segment_areas(text, folded, 0, blocks[0].start if blocks else len(text), None)
    # "停电范围：A\n停电时间：W1\n停电范围：B\n停电时间：W2": each list printed above its window. Told by a
    # list before the first window and as many lists as windows; the k-th list is the k-th window's.
    markers = list(_AREA_MARKER.finditer(folded))
    if blocks and markers and markers[0].start() < blocks[0].start and len(markers) == len(blocks) > 1:
        for block, marker in zip(blocks, markers):
            block.own = _marker_areas(text, marker, 0, len(text))
        preamble = []
    merged: dict[tuple, tuple[_Block, list[tuple[str, str]], list[str]]] = {}
    for block in blocks:
        printed: list[tuple[str, str]] = []
        for index, span in enumerate(block.spans):
            if block.own is not None:
                printed = list(block.own)
                break
            stop = block.spans[index + 1].start if index + 1 < len(block.spans) else block.end
            begin = block.start if index == 0 else span.start
            printed += _segment_areas(text, folded, begin, stop, span.end)
        on_line = sum(1 for s in spans if folded.rfind("\n", 0, s.start) == folded.rfind("\n", 0, block.spans[0].start))
        line = _line_of(text, folded, block, on_line)
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
    for block, printed, lines in merged.values():
        if not printed:
            printed = preamble
        windows: list[TimeWindow] = [w for span in block.spans for w in span.windows]
        for effect in ("cut", "reduced_pressure"):
            areas = _areas(printed, effect)
            if effect == "reduced_pressure" and not areas:
                continue
            for window in windows:
                events.append(OutageEvent(utility=utility, effect=effect, start=window.start, end=window.end,
                                          line=lines[0] if lines else "", areas=areas, text=window.text))
    if not events and preamble:
        for effect in ("cut", "reduced_pressure"):
            areas = _areas(preamble, effect)
            if areas:
                events.append(OutageEvent(utility=utility, effect=effect, areas=areas))
    return events
