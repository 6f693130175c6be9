"""Per-street outage calendar (iCalendar) and feed (Atom): /feeds/outages.ics?area=… and .atom?area=….

One VEVENT per event (window) of a notice that names the street. Its UID is the notice id and the
window's ordinal in the notice (`<id>-w2@authority`): a corrected notice keeps its id (a new version),
so a calendar app that subscribed updates the event instead of adding a second one; SEQUENCE is the
record's version so the update wins. Times are local Chinese time (Asia/Shanghai, a VTIMEZONE is
included), as the notices print them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vText

from gongkai.feeds import atom
from gongkai.notices import OutageEvent
from gongkai.record import Record

LOCAL = ZoneInfo("Asia/Shanghai")
#: The first day after Asia/Shanghai's last change of offset (summer time ended 1991-09-15), and the day after the last a
#: record may hold (2099-12-31): the span a calendar's VTIMEZONE is written for.
VTIMEZONE_FROM, VTIMEZONE_UNTIL = date(1992, 1, 1), date(2100, 1, 1)
_VERBS = {"water": "停水", "power": "停电", "gas": "停气"}


def _summary(event: OutageEvent, area: str) -> str:
    verb = "降压供水" if event.effect == "reduced_pressure" else _VERBS.get(event.utility, "停水停电")
    return f"{area}{verb}"


def event_uid(record: Record, ordinal: int, authority: str) -> str:
    return f"{record.id}-w{ordinal}@{authority}"


#: How often a subscribed calendar app should fetch the calendar again: notices are printed a day or three ahead, and an
#: app's own default may be a day or a week (RFC 7986 REFRESH-INTERVAL; X-PUBLISHED-TTL for Outlook and Apple Calendar).
REFRESH = timedelta(hours=1)


def _dated_ordinal(event: OutageEvent) -> int:
    """The ordinal of a window the lookup dated for a correction that prints none (a place swap, a day moved: gongkai.outages),
    not one of the notice's own: by its start, so two such windows of one correction are two events, the same at every fetch."""
    return int(f"9{event.start:%y%m%d%H%M}") if event.start else 0


def _whole_days(event: OutageEvent) -> bool:
    """Whether a window is whole days: from midnight to a later midnight, local time."""
    midnight = datetime.min.time()
    return bool(event.start and event.end and event.end > event.start and event.start.time() == midnight and event.end.time() == midnight)


def build_calendar(
    area: str, found: list[tuple[Record, list[OutageEvent]]], *, base_url: str, page_path: str, authority: str,
    stamp: datetime | None = None, changed: dict[str, datetime] | None = None, calendar_url: str | None = None,
    called_off: list[tuple[Record, list[OutageEvent]]] | None = None,
) -> bytes:
    """The iCalendar of every window that names `area`: (record, its events naming the area) pairs. `changed`: each
    record's last change (its DTSTAMP; else its last_seen). `calendar_url`: where it is published (RFC 7986 SOURCE).
    `called_off`: the windows naming it that a later notice called off or moved, written as cancelled events (below)."""
    calendar = Calendar()
    calendar.add("prodid", "-//gongkai//outage calendar//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # RFC 7986 NAME (X-WR-CALNAME for the apps that predate it) is TEXT: as vText its "," ";" and backslash are escaped (RFC 5545
    # §3.3.11). icalendar writes a property it does not know as it is, so an area typed `湖滨,南路;1号\楼` made an invalid value.
    calendar.add("name", vText(f"{area} 停水停电"))
    calendar.add("x-wr-calname", vText(f"{area} 停水停电"))
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    if calendar_url:
        calendar.add("source", calendar_url, parameters={"VALUE": "URI"})
    now = stamp or datetime.now(UTC).replace(microsecond=0)
    # A window called off stays, as STATUS:CANCELLED (RFC 5545 §3.8.1.11) under its UID with SEQUENCE one up, so a subscribed
    # app shows the outage called off; left out, the event vanished unsaid. Its DTSTAMP is the calendar's newest change
    # (the notice calling it off is not known here), the same at every fetch until the store changes.
    latest = max((changed or {}).values(), default=None)
    windows = [(record, event, False) for record, events in found for event in events]
    windows += [(record, event, True) for record, events in called_off or [] for event in events if event.effect != "cancelled"]
    for record, event, cancelled in windows:
        ordinals = {id(e): n for n, e in enumerate(record.notice.events, start=1)}  # type: ignore[union-attr]
        page = atom.record_page_url(base_url, record.id, page_path)
        if event.start is None:
            continue  # a window without a known date cannot be put in a calendar
        item = Event()
        item.add("uid", event_uid(record, ordinals.get(id(event)) or _dated_ordinal(event), authority))
        # RFC 5545 §3.8.7.2: with no METHOD, DTSTAMP is when the event was last revised, so the record's last change;
        # last_seen moves at every crawl that finds it unchanged, which calendar apps took as a new revision.
        revised = (latest if cancelled else None) or (changed or {}).get(record.id) or record.last_seen or now
        item.add("dtstamp", revised.astimezone(UTC))
        item.add("sequence", record.version + 1 if cancelled else record.version)
        if cancelled:
            item.add("status", "CANCELLED")
        if _whole_days(event):
            # a whole day (全天, or a day printed without hours: 12月11日停止供水，具体时间另行通知) is an all-day event (RFC 5545
            # §3.6.1, VALUE=DATE, DTEND the day after): as 00:00-24:00 it claimed hours no notice printed, drawn in the day's grid
            item.add("dtstart", event.start.date())
            item.add("dtend", (event.end or event.start).date())
        else:
            item.add("dtstart", event.start.replace(tzinfo=LOCAL))
            if event.end and event.end > event.start:
                # RFC 5545 §3.8.2.2: DTEND must be later than DTSTART; a window with no end (or a pushed one ending
                # before it starts) has none, and the event is then its start (§3.6.1); it was DTEND = DTSTART
                item.add("dtend", event.end.replace(tzinfo=LOCAL))
        item.add("summary", ("【已取消】" if cancelled else "") + _summary(event, area))
        places = "、".join(a.text or a.name for a in event.areas)
        lines = [record.title, f"时段：{event.text}" if event.text else "", f"线路/管段：{event.line}" if event.line else "",
                 f"影响区域：{places}" if places else "", f"发布：{record.issuer}" if record.issuer else "", page]
        item.add("description", "\n".join(line for line in lines if line))
        item.add("location", places or area)
        item.add("url", page)
        item.add("categories", ["停水停电"])
        calendar.add_component(item)
    # The zone's rules over the days a record may hold (VTIMEZONE_UNTIL) from its last change (1991) or the first event if
    # older: icalendar's default span wrote the 1986-1991 summer times in every calendar and said "only works from 1970 to
    # 2038" (clients5), though one +0800 observance holds for any later day.
    first = min((event.start.date() for _, event, _ in windows if event.start), default=VTIMEZONE_FROM)
    calendar.add_missing_timezones(first_date=min(first, VTIMEZONE_FROM), last_date=VTIMEZONE_UNTIL)
    if not calendar.subcomponents:
        # RFC 5545 §3.6: a calendar holds at least one component; a street with no window gets the time zone it names
        calendar.add_component(Timezone.from_tzid("Asia/Shanghai", first_date=VTIMEZONE_FROM, last_date=VTIMEZONE_UNTIL))
    return calendar.to_ical()


def build_atom(
    area: str, found: list[tuple[Record, list[OutageEvent]]], *, feed_url: str, base_url: str, page_path: str, authority: str,
    changed: dict[str, datetime], updated_if_empty: datetime | None = None, id_url: str | None = None,
    gone: Sequence[tuple[Record, datetime]] = (),
) -> bytes:
    """The Atom feed of the notices that name `area`, newest change first (the notices' own entries); `id_url`: the URL
    its id is made of (else `feed_url`); `gone`: (withdrawn notice, its withdrawal), written as RFC 6721 tombstones."""
    entries = sorted([*((record, changed[record.id]) for record, _ in found if record.id in changed), *gone], key=lambda p: p[1], reverse=True)
    return atom.build_feed(
        title=f"{area} 停水停电 — 公开 gongkai",
        subtitle=f"点名“{area}”的停水、停电、停气通知",
        feed_url=feed_url,
        base_url=base_url,
        entries=entries,
        page_path=page_path,
        id_authority=authority,
        updated_if_empty=updated_if_empty,
        id_url=id_url,
    )
