"""The outage answer from a notice's events: is this place cut on this day, and by which windows.

An event counts when it names the place (gongkai.outage_areas.area_matches: a road with any of its
sections or house-number ranges, a community by its own name) and its window covers the day. Only
those events' windows are listed, so a street of window 2 is not "affected" on the day of window 1.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from gongkai.notices import OutageArea, OutageEvent, OutageNotice, with_offset
from gongkai.outage_areas import area_matches
from gongkai.record import Record


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
        if (asked is None or any(area_matches(area, asked) for area in event.areas)) and (day is None or covers(event, day, until))
    ]


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


def answer_json(area: str, day: date | None, found: list[tuple[Record, list[OutageEvent]]]) -> dict[str, Any]:
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
    return {"area": area, "date": day.isoformat() if day else None, "affected": bool(notices), "count": len(notices), "notices": notices}
