"""The outage answer from a notice's events: is this place cut on this day, and by which windows.

An event counts when it names the place (gongkai.outage_areas.area_matches: a road with any of its
sections or house-number ranges, a community by its own name) and its window covers the day. Only
those events' windows are listed, so a street of window 2 is not "affected" on the day of window 1.
A window called off (an event of effect `cancelled`: 停电取消, 时间变更, power back early) cuts nothing, and takes its
places out of the same window of the notices published before it (answer_events).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from gongkai.notices import OutageArea, OutageEvent, OutageNotice, with_offset
from gongkai.outage_areas import area_group, area_matches, names_a_whole_area
from gongkai.record import Record
from gongkai.textnorm import fold


def covered_days(event: OutageEvent) -> tuple[date, date] | None:
    """First and last calendar day the event's window touches; None when its date is not known.
    A window ending at 00:00 does not touch the day it ends on (8:00-24:00 is one day)."""
    if event.start is None:
        return None
    end = event.end or event.start
    last = (end - timedelta(microseconds=1)).date() if end.time() == datetime.min.time() and end > event.start else end.date()
    return event.start.date(), last


def covers(event: OutageEvent, day: date, until: date | None = None) -> bool:
    """Whether the event's window touches the day (or any day from `day` to `until`)."""
    days = covered_days(event)
    return days is not None and days[0] <= (until or day) and day <= days[1]


def matching_events(notice: Any, asked: OutageArea | None, day: date | None, until: date | None = None) -> list[OutageEvent]:
    """The events of an outage notice that name the asked place (any place: None, the whole city) and, with a
    day, cover it (with `until`: touch any day from `day` to `until`, 下周, 国庆)."""
    if not isinstance(notice, OutageNotice):
        return []
    return [
        event for event in notice.events
        if event.effect != "cancelled"  # a window the notice calls off (停电取消, 时间变更) cuts nothing
        and (asked is None or any(area_matches(area, asked) for area in event.areas)) and (day is None or covers(event, day, until))
    ]


def calling_off(notice: Any, asked: OutageArea) -> list[OutageEvent]:
    """The windows an outage notice calls off (停电取消, 时间变更: events of effect `cancelled`) that name the asked place:
    news for whoever watches that place (a street's alert), though they cut nothing."""
    if not isinstance(notice, OutageNotice):
        return []
    return [event for event in notice.events
            if event.effect == "cancelled" and any(area_matches(area, asked) for area in event.areas)]


#: Words of a notice that corrects another (停电取消, 更正为, 时间变更 …): the lookup of a place also reads the outage notices of
#: its days holding one, since a correction may print no place (Engine._outage_lookup).
#: 改期, 改到, 改在: outages6; 作业暂停, 暂停实施, 暂缓: outages13 (原定7月9日的停气作业暂停，恢复作业时间另行通知: still cut)
CORRECTION_WORDS = ("取消", "更正", "变更", "调整", "推迟", "延期", "改期", "改到", "改在", "作业暂停", "暂停实施", "暂缓",
                    # a notice voided by its day (本公司3月3日发布的停水通知作废: outages15, its window stayed cut), as the parser reads one
                    "作废", "撤销", "不再执行")


def corrects_without_places(record: Record) -> bool:
    """Whether an outage notice calls off a window without printing its places (found by its words, not a place's name)."""
    return isinstance(record.notice, OutageNotice) and any(e.effect == "cancelled" and not e.areas for e in record.notice.events)


def calls_off_a_whole_area(record: Record) -> bool:
    """Whether an outage notice calls off a window for a district or subdistrict as a whole (原定于10月20日在海沧区东孚街道的计划
    停电取消): the places it calls off are printed under that name in the notice it corrects, not by their own (found by its
    words, as one printing no place)."""
    return isinstance(record.notice, OutageNotice) and any(
        e.effect == "cancelled" and any(names_a_whole_area(area.name) for area in e.areas) for e in record.notice.events)


def calls_off_places(record: Record) -> bool:
    """Whether an outage notice calls off a window of places it names (read for a district or town asked: it may name them
    without it)."""
    return isinstance(record.notice, OutageNotice) and any(e.effect == "cancelled" and e.areas for e in record.notice.events)


def on_days(found: list[tuple[Record, list[OutageEvent]]], days: Iterable[date],
            hours: HourSpans | None = None) -> list[tuple[Record, list[OutageEvent]]]:
    """The lookup's answer narrowed to the windows touching one of `days` (two days said apart, 12月7日和12月9日: the
    lookup read every day between), or with `hours` those hours of one of them (7号和9号凌晨: the night after the 7th is
    the 7th's, outages13; it was lost as a window of the 8th); each notice kept while one of its windows is."""
    days = list(days)
    narrowed = [(record, [event for event in events
                          if any(_asked_hours(event, day, None, hours) if hours else covers(event, day) for day in days)])
                for record, events in found]
    return [(record, events) for record, events in narrowed if events]


def calls_off_place(correction: Record, earlier: Iterable[Record], asked: OutageArea) -> bool:
    """Whether a correction that prints no place (corrects_without_places: 停电取消 by its line, 更正 of the notice it
    names by its day, 延期 of an issuer's day's work) calls off a window of one of the `earlier` notices for the asked
    place, by the lookup's own rule (_calls_off): news for whoever watches that place, though it names none."""
    offs = [event for event in correction.notice.events if event.effect == "cancelled" and not event.areas
            and event.start is not None] if isinstance(correction.notice, OutageNotice) else []
    earlier = list(earlier)
    if any(_calls_off(correction, off, record, event, area, (event.start, event.end or event.start))
           for record in earlier for event in matching_events(record.notice, asked, None) if event.start is not None
           for area in event.areas if area_matches(area, asked) for off in offs):
        return True
    # 本公司8月28日发布的停水通知取消 (outages8): the windows of the notices it names, dated as its own cancelled events
    return any(other is correction and any(area_matches(area, asked) for area in off.areas)
               for other, off in _notices_called_off([correction, *earlier]))


def only_calls_off(record: Record, asked: OutageArea) -> bool:
    """Whether an outage notice, to a watcher of the asked place, only calls a window off (marked 已取消): it calls off
    one naming the place, or prints no place at all (a correction found by calls_off_place), and cuts nothing there."""
    notice = record.notice
    if not isinstance(notice, OutageNotice) or matching_events(notice, asked, None):
        return False
    if calling_off(notice, asked):
        return True
    return corrects_without_places(record) and all(event.effect == "cancelled" for event in notice.events)


#: The hours of each day asked (gongkai.asked_hours.Hours.spans): minutes from its midnight, an end past 24:00 in the next day.
HourSpans = tuple[tuple[int, int], ...]


def answer_events(records: Iterable[Record], asked: OutageArea | None, day: date | None, until: date | None = None,
                  hours: HourSpans | None = None) -> list[tuple[Record, list[OutageEvent]]]:
    """(record, its matching events) for each record with any, less what a notice calls off: a cut window whose places
    (the asked one; for the whole city, all of them) a notice published no earlier calls off for an overlapping time
    (停电取消通知, 停电时间变更通知: their `cancelled` events). Events are the notice's own objects (the calendar's UIDs
    count them). With `hours` (今天下午, 8点到10点: outages12), only windows touching those hours of a day asked, and called
    off only over those hours (water back at 20:00 leaves 今晚9点以后 not cut)."""
    records = list(records)
    day_asked, last_asked = day, until  # the days asked; `until` is read a day further for a night asked
    if hours and day is not None and any(end > _DAY_MINUTES for _, end in hours):
        until = (until or day) + timedelta(days=1)  # 今天夜里, 明天凌晨: the night runs into the day after
    called_off = [(record, event) for record in records if isinstance(record.notice, OutageNotice)
                  for event in record.notice.events if event.effect == "cancelled" and event.start is not None]
    undated = _undated_called_off(records)
    called_off += undated + _notices_called_off(records)
    moved_hours = _moved_hours(undated)
    swapped_off, swapped_in = _swapped(records)
    called_off += swapped_off
    moved_places = _moved_places(records, called_off)
    moved_days = _moved_days(records, called_off)
    whole = asked is not None and (names_a_whole_area(asked.name) or area_group(asked.name) is not None)  # 灌口镇, 岛外
    found: list[tuple[Record, list[OutageEvent]]] = []
    for record in records:
        events = matching_events(record.notice, asked, day, until)
        if record.id in moved_days:  # 停电日期由6月8日更正为6月9日: the windows it moves, on the new day, not the whole day
            moved_to = [day for off in record.notice.events if off.effect == "cancelled" and _whole_day(off)  # type: ignore[union-attr]
                        for day in _days_moved_to(record.notice, off)]  # type: ignore[arg-type]
            events = [event for event in events if not _whole_day(event) or (event.areas and event not in moved_to)]
        if record.id in moved_hours:  # 高林社区停电改在2月27日: likewise, the windows of its places it moves
            events = [event for event in events if not _whole_day(event)]
        events += [event for event in swapped_in.get(record.id, []) + moved_days.get(record.id, []) + moved_hours.get(record.id, [])
                   if (day is None or covers(event, day, until))
                   and (asked is None or any(area_matches(area, asked) for area in event.areas))]
        if record.id in moved_places and asked is not None and record.id not in moved_days:  # its windows name no place: those of the windows they move
            events += [event for event in matching_events(record.notice, None, day, until)
                       if not event.areas and any(area_matches(area, asked) for area in moved_places[record.id])]
        if hours and day_asked is not None:
            events = [event for event in events
                      if (parts := _asked_hours(event, day_asked, last_asked, hours))
                      and (not called_off or any(_still_on(record, event, asked, called_off, part) for part in parts))]
        else:
            events = [event for event in events if not called_off or _still_on(record, event, asked, called_off, _asked_part(event, day, until))]
        if whole:
            events += [event for event in _moved_under(record, records, asked, day, until, called_off)  # type: ignore[arg-type]
                       if not hours or day_asked is None or _asked_hours(event, day_asked, last_asked, hours)]
        if events:
            found.append((record, events))
    return found


def _moved_under(record: Record, records: list[Record], asked: OutageArea, day: date | None, until: date | None,
                 called_off: list[tuple[Record, OutageEvent]]) -> list[OutageEvent]:
    """A change's windows for a place it prints without the district or town asked (原定3月27日黄庄村的停电提前至3月26日…, where
    the notice it moves printed 集美区灌口镇黄庄村; outages10: 灌口镇 and 岛外 found nothing that day): cut for the asked area where
    a place of that name, printed under it in a notice no newer, is one this change calls off."""
    if not isinstance(record.notice, OutageNotice):
        return []
    offs = {area.name for event in record.notice.events if event.effect == "cancelled" for area in event.areas}
    if not offs:
        return []
    under = {area.name for other in records if other.id != record.id and isinstance(other.notice, OutageNotice)
             and not (other.publish_date and record.publish_date and other.publish_date > record.publish_date)
             for event in other.notice.events if event.effect == "cut"
             for area in event.areas if area.name in offs and area_matches(area, asked)}
    return [event for event in record.notice.events if under and event.effect == "cut" and (day is None or covers(event, day, until))
            and not any(area_matches(area, asked) for area in event.areas)  # (matched already)
            and any(area.name in under and not area.district for area in event.areas)
            and (not called_off or _still_on(record, event, None, called_off, _asked_part(event, day, until)))]


MOVED_WITHIN = timedelta(days=14)


def swaps_places(notice: Any) -> bool:
    """Whether an outage notice swaps places without printing the window (本报6月18日刊登的停电通知中，停电范围“湖里区高崎南五路”
    应为“湖里区高崎南八路”): undated events only, the old places called off and the new ones cut."""
    return (isinstance(notice, OutageNotice) and bool(notice.events) and all(event.start is None for event in notice.events)
            and {event.effect for event in notice.events if event.areas} == {"cancelled", "cut"})


def swapped_out(records: Iterable[Record]) -> list[OutageArea]:
    """The places the place swaps among `records` take out: the lookup reads the notices printing them too (Engine._outage_lookup),
    since the window a swap's new place is cut in lives there."""
    return [area for record in records if swaps_places(record.notice) for event in record.notice.events  # type: ignore[union-attr]
            if event.effect == "cancelled" for area in event.areas]


def _swapped(records: list[Record]) -> tuple[list[tuple[Record, OutageEvent]], dict[str, list[OutageEvent]]]:
    """A place swap (swaps_places) in the windows of the notices it corrects: those of the notice published on the day it names
    (本报6月18日刊登的), else of any published no later, that name an old place and were not over when it was published. Per
    window, its old places called off (dated cancelled events of the swap) and its new places cut (dated cut events of the swap,
    by its record id)."""
    off: list[tuple[Record, OutageEvent]] = []
    cut: dict[str, list[OutageEvent]] = {}
    for swap in records:
        if not swaps_places(swap.notice) or swap.publish_date is None:
            continue
        events = swap.notice.events  # type: ignore[union-attr]
        old = [area for event in events if event.effect == "cancelled" for area in event.areas]
        new = next(event for event in events if event.effect == "cut" and event.areas)
        named = _named_days(swap)
        for record in records:
            if (record.id == swap.id or not isinstance(record.notice, OutageNotice) or record.publish_date is None
                    or record.publish_date > swap.publish_date or (named and record.publish_date not in named)):
                continue
            for event in record.notice.events:
                if event.effect == "cancelled" or event.start is None or (event.end or event.start).date() < swap.publish_date:
                    continue
                places = [area for area in event.areas if any(area_matches(area, printed) for printed in old)]
                if not places or ("unknown" not in (event.utility, new.utility) and event.utility != new.utility):
                    continue
                window = {"start": event.start, "end": event.end, "text": event.text, "line": event.line}
                off.append((swap, events[0].model_copy(update={**window, "effect": "cancelled", "areas": places})))
                cut.setdefault(swap.id, []).append(new.model_copy(update=window))
    return off, cut


def _notices_called_off(records: list[Record]) -> list[tuple[Record, OutageEvent]]:
    """A notice calling off an earlier one by naming it by its day, printing no window and no place (本公司8月28日发布的
    停水通知取消: an undated cancelled event without places) calls off every window of the notices it names (published that
    day, the same utility, the same issuer where both were read, none newer than it): as dated cancelled events of it."""
    found: list[tuple[Record, OutageEvent]] = []
    for other in records:
        notice = other.notice
        # the parser gives such a notice its one event (outage_changes.notice_called_off): a cheap test for every lookup
        if not isinstance(notice, OutageNotice) or len(notice.events) != 1 or other.publish_date is None:
            continue
        off = notice.events[0]
        if off.effect != "cancelled" or off.start is not None or off.areas or not (named := _named_days(other)):
            continue
        for record in records:
            if (record.id == other.id or not isinstance(record.notice, OutageNotice) or record.publish_date not in named
                    or record.publish_date > other.publish_date or (record.issuer and other.issuer and record.issuer != other.issuer)):
                continue
            found += [(other, off.model_copy(update={"start": event.start, "end": event.end or event.start, "areas": event.areas}))
                      for event in record.notice.events if event.effect != "cancelled" and event.start is not None and event.areas
                      and ("unknown" in (event.utility, off.utility) or event.utility == off.utility)]
    return found


def _undated_called_off(records: list[Record]) -> list[tuple[Record, OutageEvent]]:
    """A change that moves a window it does not print (湖滨南路停电时间调整为12月9日…: an undated cancelled event with the
    places) calls off, for those places, the windows of older notices of the same utility that were still to come when it
    was published and lie within MOVED_WITHIN of a window it moves to: as dated cancelled events of the change."""
    found: list[tuple[Record, OutageEvent]] = []
    for other in records:
        notice = other.notice
        if not isinstance(notice, OutageNotice) or other.publish_date is None:
            continue
        undated = [event for event in notice.events if event.effect == "cancelled" and event.start is None and event.areas]
        moved_to = [event.start for event in notice.events if event.effect != "cancelled" and event.start is not None]
        if not undated or not moved_to:
            continue
        for record in records:
            if record.id == other.id or not isinstance(record.notice, OutageNotice) or (record.publish_date or date.max) > other.publish_date:
                continue
            for event in record.notice.events:
                if (event.effect == "cancelled" or event.start is None or event.start.date() < other.publish_date
                        or not any(abs(event.start - start) <= MOVED_WITHIN for start in moved_to)
                        or ("unknown" not in (event.utility, undated[0].utility) and event.utility != undated[0].utility)):
                    continue
                places = [area for area in event.areas if any(area_matches(area, off) for off in undated[0].areas)]
                if places:
                    found.append((other, undated[0].model_copy(update={"start": event.start, "end": event.end or event.start, "areas": places})))
    return found


def _moved_hours(undated: list[tuple[Record, OutageEvent]]) -> dict[str, list[OutageEvent]]:
    """A change moving its places' outage to a day it prints no time for (湖里区高林社区停电改在2月27日，停电时间不变: a whole day cut
    with the places, an undated cancel): per change, the windows it calls off (`undated`, dated by _undated_called_off) with
    their hours on that day."""
    moved: dict[str, list[OutageEvent]] = {}
    for change, off in undated:
        days = [event for event in change.notice.events if event.effect == "cut" and event.areas and _whole_day(event)]  # type: ignore[union-attr]
        if len(days) != 1 or days[0].start is None or off.start is None:
            continue
        start = datetime.combine(days[0].start.date(), off.start.time())
        moved.setdefault(change.id, []).append(days[0].model_copy(update={
            "start": start, "end": start + ((off.end or off.start) - off.start), "areas": off.areas}))
    return moved


def _moved_places(records: list[Record], called_off: list[tuple[Record, OutageEvent]]) -> dict[str, list[OutageArea]]:
    """A correction that prints no place (更正为…，停电范围不变; a line's window called off): per correcting notice, the places
    of the windows it calls off, which its own windows without places cut instead."""
    moved: dict[str, list[OutageArea]] = {}
    for other, off in called_off:
        if off.areas:
            continue
        for record in records:
            notice = record.notice
            if not isinstance(notice, OutageNotice):
                continue
            for event in notice.events:
                if event.effect != "cancelled" and event.areas and event.start is not None and _calls_off(
                        other, off, record, event, event.areas[0], (event.start, event.end or event.start)):
                    moved.setdefault(other.id, []).extend(event.areas)
    return moved


def _whole_day(event: OutageEvent) -> bool:
    return (event.start is not None and event.end is not None and event.start.time() == datetime.min.time()
            and event.end - event.start == timedelta(days=1))


def _moved_days(records: list[Record], called_off: list[tuple[Record, OutageEvent]]) -> dict[str, list[OutageEvent]]:
    """A correction that moves a day and prints neither hours nor places (停电日期由6月8日更正为6月9日，停电时间、范围不变: a whole
    day called off, a whole day cut, no place): per correcting notice, the windows of the day it calls off moved to the new day,
    each with its hours and places (dated copies of its cut day)."""
    moved: dict[str, list[OutageEvent]] = {}
    for other, off in called_off:
        if off.line or not _whole_day(off) or not isinstance(other.notice, OutageNotice):
            continue
        days = _days_moved_to(other.notice, off)
        if len(days) != 1 or days[0].start is None or off.start is None:
            continue
        shift = days[0].start - off.start
        for record in records:
            if not isinstance(record.notice, OutageNotice):
                continue
            for event in record.notice.events:
                if event.effect == "cancelled" or not event.areas or event.start is None:
                    continue
                part = (event.start, event.end or event.start)
                # 原定3月18日东屿社区的停气改到3月20日 (outages6): only the places it names move, with their window's hours
                areas = [area for area in event.areas if _calls_off(other, off, record, event, area, part)] if off.areas else (
                    event.areas if _calls_off(other, off, record, event, event.areas[0], part) else [])
                if areas:
                    moved.setdefault(other.id, []).append(days[0].model_copy(update={
                        "start": event.start + shift, "end": (event.end or event.start) + shift, "areas": areas, "line": event.line}))
    return moved


def _days_moved_to(notice: OutageNotice, off: OutageEvent) -> list[OutageEvent]:
    """The whole days a change cuts for the whole day `off` it calls off: printing the same places (none, or those it names)."""
    names = sorted(area.name for area in off.areas)
    return [event for event in notice.events if event.effect == "cut" and _whole_day(event) and sorted(a.name for a in event.areas) == names]


def dated_by_others(record: Record) -> bool:
    """Whether an outage notice changes windows it does not print, which the notices it corrects date (a place swap with no
    window, a day moved with no time: a whole day cut with no place): the lookup dates them (answer_events); a street's
    alert reads them there too (changed_windows)."""
    notice = record.notice
    return isinstance(notice, OutageNotice) and (swaps_places(notice) or any(
        event.effect == "cut" and (not event.areas or any(off.start is None and off.effect == "cancelled" for off in notice.events))
        and _whole_day(event) for event in notice.events))


def changed_windows(records: Iterable[Record], correction: Record, asked: OutageArea) -> list[OutageEvent]:
    """The asked place's windows a correction printing none changes (dated_by_others), dated as the lookup dates them from
    `records` (the notices it may correct): those it calls off, cancelled with the hours they had, and those it cuts instead
    (the swap's new place in the old place's window; the moved day with the hours of the day it moves from). [] when it
    changes none of the place's windows."""
    records = [record for record in records if record.id != correction.id] + [correction]

    def names_it(event: OutageEvent) -> bool:
        return any(area_matches(area, asked) for area in event.areas)

    swapped_off, swapped_in = _swapped(records)
    called_off = [(record, event) for record in records if isinstance(record.notice, OutageNotice)
                  for event in record.notice.events if event.effect == "cancelled" and event.start is not None]
    moved = _moved_days(records, called_off)
    undated = [(other, event) for other, event in _undated_called_off(records) if other.id == correction.id]
    off = [event for other, event in swapped_off + undated if other.id == correction.id and names_it(event)]
    for other, day_off in called_off:
        if other.id != correction.id or day_off.areas or correction.id not in moved or not _whole_day(day_off):
            continue
        for record in records:  # the windows the moved day called off, with their own hours
            for event in record.notice.events if isinstance(record.notice, OutageNotice) else ():
                area = next((area for area in event.areas if area_matches(area, asked)), None)
                if event.effect != "cancelled" and event.start is not None and area is not None and _calls_off(
                        correction, day_off, record, event, area, (event.start, event.end or event.start)):
                    off.append(day_off.model_copy(update={"start": event.start, "end": event.end, "areas": [area], "line": event.line}))
    cut = [event for event in swapped_in.get(correction.id, []) + moved.get(correction.id, []) + _moved_hours(undated).get(correction.id, [])
           if names_it(event)]
    return sorted(off + cut, key=lambda event: (event.start or datetime.min, event.effect))


def _asked_part(event: OutageEvent, day: date | None, until: date | None) -> tuple[datetime, datetime] | None:
    """The part of the event's window on the days asked (all of it without a day)."""
    if event.start is None:
        return None
    start, end = event.start, event.end or event.start
    if day is not None:
        start = max(start, datetime.combine(day, datetime.min.time()))
        end = min(end, datetime.combine(until or day, datetime.min.time()) + timedelta(days=1))
    return start, end


_DAY_MINUTES = 24 * 60


def _asked_hours(event: OutageEvent, day: date, until: date | None, hours: HourSpans) -> list[tuple[datetime, datetime] | None]:
    """The parts of the event's window within the hours asked of each day from `day` to `until` ([None]: its day is not known,
    kept as the lookup keeps it); [] when it touches none. A window with no end runs to the end of its day."""
    if event.start is None:
        return [None]
    end = event.end if event.end is not None and event.end > event.start else datetime.combine(event.start.date() + timedelta(days=1), datetime.min.time())
    parts: list[tuple[datetime, datetime] | None] = []
    for n in range(((until or day) - day).days + 1):
        midnight = datetime.combine(day + timedelta(days=n), datetime.min.time())
        for first, last in hours:
            start, stop = max(event.start, midnight + timedelta(minutes=first)), min(end, midnight + timedelta(minutes=last))
            if start < stop:
                parts.append((start, stop))
    return parts


def _still_on(record: Record, event: OutageEvent, asked: OutageArea | None, called_off: list[tuple[Record, OutageEvent]],
              part: tuple[datetime, datetime] | None) -> bool:
    if not event.areas or part is None:
        return True
    live = [area for area in event.areas if not any(_calls_off(other, off, record, event, area, part) for other, off in called_off)]
    return any(area_matches(area, asked) for area in live) if asked is not None else bool(live)


def _calls_off(other: Record, off: OutageEvent, record: Record, event: OutageEvent, area: OutageArea, part: tuple[datetime, datetime]) -> bool:
    """Whether `off` (a cancelled event of `other`) calls off `event`'s place `area` on the part of its window asked about:
    a notice not older, the same utility, the same place, and that whole part called off (power back at 12:00 on the
    second day of three leaves the first two cut)."""
    if other.id == record.id or off.start is None:
        return False
    if other.publish_date and record.publish_date and other.publish_date < record.publish_date:
        return False  # an older notice cannot call off a newer one's window
    if "unknown" not in (off.utility, event.utility) and off.utility != event.utility:
        return False
    if not (off.start <= part[0] and (off.end or off.start) >= part[1]):
        return False
    if not off.areas:  # no place printed: the line's window (对10kV湖滨Ⅰ路停电…取消), else the very same window of the
        # notice it names by its day (本报12月3日刊登的…停电通知中，停电时间“W1”更正为“W2”)
        if off.line:
            return _same_line(off.line, event.line)
        if off.end is not None and off.start.time() == datetime.min.time() and off.end - off.start == timedelta(days=1):
            # 受台风影响，原定于12月8日进行的停电检修工作延期: the day's work of that issuer, whatever its places; of the notice it
            # names by its day when it names one (本报6月4日刊登的…停电日期由6月8日更正为6月9日)
            named = _named_days(other)
            if other.issuer and other.issuer == record.issuer:
                return not named or record.publish_date in named
            # an issuer not read on one of them (a signature without its date below): the notice it names by its day, of the
            # same utility (outages7: 我司7月16日发布的停气通知，停气日期由7月21日更正为7月22日 moved nothing)
            return not (other.issuer and record.issuer) and record.publish_date in named
        return (off.start, off.end) == (event.start, event.end) and record.publish_date in _named_days(other)
    return any(area_matches(area, printed) for printed in off.areas)


_NAMED_DAY = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:刊登|发布|刊发|公布|刊载|登载)")


def _named_days(correction: Record) -> set[date]:
    """The days a correction names as when the notice it corrects was published (本报12月3日刊登的)."""
    days = set()
    for match in _NAMED_DAY.finditer(fold(correction.body or "")):
        year = int(match["y"]) if match["y"] else (correction.publish_date.year if correction.publish_date else None)
        if not match["y"] and year is not None and correction.publish_date and int(match["m"]) > correction.publish_date.month + 6:
            year -= 1  # 本报12月30日刊登的, corrected in January
        try:
            days.add(date(year, int(match["m"]), int(match["d"])))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return days


def _same_line(one: str, other: str) -> bool:
    return bool(one and other) and re.sub(r"\s+", "", fold(one)) == re.sub(r"\s+", "", fold(other))


def outage_fields(record: Record) -> OutageNotice:
    """The typed fields of a record that Engine.outages answered with (only outage notices have events)."""
    if not isinstance(record.notice, OutageNotice):
        raise TypeError(f"record {record.id} is not an outage notice")
    return record.notice


def window_dict(event: OutageEvent) -> dict[str, Any]:
    """One matching window as the API gives it: ISO start/end, effect, and the window as printed."""
    return {
        # Beijing time with its offset, as the notice's own JSON writes it (gongkai.notices.LocalTime).
        "start": with_offset(event.start) if event.start else None,
        "end": with_offset(event.end) if event.end else None,
        "effect": event.effect,
        "utility": event.utility,
        "line": event.line,
        "text": event.text,
        "areas": [area.text or area.name for area in event.areas],
    }


def answer_json(area: str, day: date | None, found: list[tuple[Record, list[OutageEvent]]], until: date | None = None) -> dict[str, Any]:
    """The outage answer as the API, `gongkai outages --json` and a search's `outage` give it: area, date,
    affected, count, and per notice its fields, the matching windows and every window."""
    notices = []
    for record, events in found:
        fields = outage_fields(record)
        notices.append({
            "id": record.id, "title": record.title, "issuer": record.issuer,
            "publish_date": record.publish_date.isoformat() if record.publish_date else None,
            "utility": fields.utility, "areas": fields.area_texts(), "reason": fields.reason,
            "matching_windows": [window_dict(e) for e in events], "windows": [window_dict(e) for e in fields.events],
            "url": record.url, "page_url": f"/documents/{record.id}",
        })  # fmt: skip
    return {"area": area, "date": day.isoformat() if day else None, "until": until.isoformat() if until else None,
            "affected": bool(notices), "count": len(notices), "notices": notices}
