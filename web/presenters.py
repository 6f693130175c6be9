"""Turning engine results and records into what the templates show (no HTML here, only data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from gongkai.labels import (
    EFFECT_LABELS,
    FACET_LABELS,
    NOTICE_FIELD_LABELS,
    NOTICE_FIELDS_NOT_ROWS,
    UTILITY_LABELS,
    facet_value_label,
)
from gongkai.search_params import SearchParams

_FACETS_SHOWN = 8  # per group before "更多"; the rest fold into a <details>


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    url: str
    active: bool


@dataclass
class FacetGroup:
    key: str
    label: str
    values: list[FacetValue]
    shown: int = _FACETS_SHOWN
    clear_url: str | None = None


def facet_groups(params: SearchParams, facets: dict[str, dict[str, int]]) -> list[FacetGroup]:
    groups = []
    for key, label in FACET_LABELS.items():
        counts = facets.get(key) or {}
        current = getattr(params, key, None)
        current_text = str(current) if current is not None else None
        if key == "year":
            ordered = sorted(counts.items(), key=lambda item: str(item[0]), reverse=True)
        else:
            ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        values = []
        for value, count in ordered:
            value = str(value)
            if not value or count <= 0:
                continue
            active = value == current_text
            link_value = None if active else (int(value) if key == "year" and value.isdigit() else value)
            values.append(FacetValue(value, facet_value_label(key, value), count, params.url(**{key: link_value, "page": 1}), active))
        if current_text and not any(v.active for v in values):
            # The active filter always stays visible (and removable), even with no count in this result.
            values.insert(0, FacetValue(current_text, facet_value_label(key, current_text), 0, params.url(**{key: None, "page": 1}), True))
        if values:
            clear = params.url(**{key: None, "page": 1}) if current_text else None
            groups.append(FacetGroup(key, label, values, clear_url=clear))
    return groups


@dataclass
class PageLink:
    number: int
    url: str
    current: bool


def page_links(params: SearchParams, last_page: int, width: int = 2) -> list[PageLink | None]:
    """1 … 4 5 [6] 7 8 … 20 — None marks a gap."""
    wanted = {1, last_page, *range(params.page - width, params.page + width + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= last_page)
    links: list[PageLink | None] = []
    previous = 0
    for number in numbers:
        if number > previous + 1:
            links.append(None)
        links.append(PageLink(number, params.url(page=number), number == params.page))
        previous = number
    return links


#: A query echoed in a heading or the page title is cut to this many characters (with …); the box keeps it whole.
QUERY_SHOWN_CHARS = 40


def shorten(text: str, limit: int = QUERY_SHOWN_CHARS) -> str:
    """`text` as shown in a heading: at most `limit` characters, the last one … when it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_day(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")


def _parse_moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def format_window(window: dict[str, Any]) -> str:
    """{'start': '2024-05-06T08:00', 'end': '2024-05-06T17:30'} -> '2024-05-06 08:00 至 17:30'."""
    start, end = _parse_moment(window.get("start")), _parse_moment(window.get("end"))
    if start and end:
        if start.date() == end.date():
            return f"{start:%Y-%m-%d %H:%M} 至 {end:%H:%M}"
        return f"{start:%Y-%m-%d %H:%M} 至 {end:%Y-%m-%d %H:%M}"
    return " 至 ".join(str(window.get(k) or "?") for k in ("start", "end"))


@dataclass
class NoticeField:
    label: str
    text: str | None = None
    items: list[str] | None = None


def notice_fields(notice: Any) -> list[NoticeField]:
    """A notice model's fields as Chinese label/value rows, in the model's order; outage events are
    shown by outage_events (each window with its own places), `type` by the tag above."""
    if notice is None:
        return []
    rows = []
    for key in type(notice).model_fields:
        value = getattr(notice, key)
        if key in NOTICE_FIELDS_NOT_ROWS or value in (None, "", [], {}):
            continue
        label = NOTICE_FIELD_LABELS.get(key, key)
        if key == "utility":
            rows.append(NoticeField(label, text=UTILITY_LABELS.get(value, value)))
        elif isinstance(value, bool):
            rows.append(NoticeField(label, text="是" if value else "否"))
        elif isinstance(value, list):
            rows.append(NoticeField(label, items=[_flat(v) for v in value]))
        else:
            rows.append(NoticeField(label, text=_flat(value)))
    return rows


@dataclass
class OutageEventRow:
    when: str
    effect: str
    line: str
    areas: list[str]


def area_label(area: Any) -> str:
    """思明区 湖滨南路（禾祥西路至湖滨一里段）188号至266号: the place as cleaned, its parts in reading order."""
    text = "".join(part for part in (area.district, area.subdistrict, area.name) if part)
    if area.section:
        text += f"（{area.section}）"
    return text + (area.numbers or "")


def outage_events(notice: Any) -> list[OutageEventRow]:
    """Each window of an outage notice with the places printed with it (not two flat lists)."""
    return event_rows(getattr(notice, "events", None) or [])


def event_rows(events: list[Any]) -> list[OutageEventRow]:
    rows = []
    for event in events:
        when = format_window({"start": event.start, "end": event.end}) if event.start else (event.text or "时间未注明")
        effect = EFFECT_LABELS[event.effect] if event.effect != "cut" else UTILITY_LABELS.get(event.utility, "停止供应")
        rows.append(OutageEventRow(when, effect, event.line, [area_label(a) for a in event.areas]))
    return rows


def _flat(value: Any) -> str:
    if isinstance(value, BaseModel):  # IdentifierNumber: 证号：350203…, the label as printed
        fields = value.model_dump()
        if set(fields) == {"label", "value"}:
            return f"{fields['label']}：{fields['value']}"
        return "；".join(f"{NOTICE_FIELD_LABELS.get(k, k)}：{_flat(v)}" for k, v in fields.items() if v not in (None, ""))
    if isinstance(value, (date, datetime)):
        return format_day(value)
    if isinstance(value, list):
        return "、".join(_flat(v) for v in value)
    return str(value)


def paragraphs(body: str) -> list[str]:
    return [line for line in (body or "").split("\n") if line.strip()]


def pending_repeals(engine: Any, validity: dict[str, Any], title: str = "", doc_number: str = "") -> dict[str, str]:
    """Repealing document id -> the day it takes effect, for a repeal not in force yet (the record keeps its status
    until then: issue 19), so the page says 将于 DAY 起废止 (probe4). {} when the record is repealed or repealed by none.
    `title`, `doc_number`: the record's, whose own day a sentence repealing several documents prints."""
    from gongkai.dates import beijing_today
    from gongkai.validity import record_repeal_day

    if validity.get("status") == "repealed":
        return {}
    today, days = beijing_today().isoformat(), {}
    for item in validity.get("repealed_by") or []:
        if item.get("id"):
            # the day its sentence prints (《X》自2027年1月1日起废止), else the repealing document's effective date
            printed = record_repeal_day(item.get("statement") or "", title, doc_number)
            effective = printed.isoformat() if printed else str(engine.validity(item["id"])["validity"].get("effective_date") or "")
            if not effective or effective > today:  # a day gone by: the daily job makes it repealed (已废止)
                days[item["id"]] = effective
    return days

