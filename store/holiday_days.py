"""The holiday notice's days in the store (`holiday_days`): written in the transaction that stores the records
(Store.write_batch), read by the freshness watch as a calendar (gongkai.holidays.WorkCalendar).

A record whose title is the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知, or a mirror's
copy of it) has its days read (parsers.holiday_notice) and kept under its id; a new version replaces them, a withdrawn one
(误发) leaves none. Of two notices for one year the one published later is in force (a copy says the same days). A later
notice changing one holiday (调整2019年劳动节假期, 延长2020年春节假期) keeps its rows apart (`adj_off`, `adj_work`, `adj_to`) and
is applied over the year's notice when the calendar is read.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from gongkai.holidays import WorkCalendar, read_schedule
from gongkai.record import Record
from gongkai.record_row import RecordRow, as_record
from gongkai.store.schema import holiday_days, records

_CHUNK = 500


def refresh(conn: Connection, batch: Sequence[Record | RecordRow], fresh: Collection[str] = ()) -> None:
    """Redo the rows of the batch's records (the new or changed ones). `fresh`: ids new to the store, which have no rows
    to delete; the others cost one delete by key, on a table of a few dozen rows a year."""
    latest = {record.id: record for record in batch}
    ids = [record_id for record_id in latest if record_id not in fresh]
    for start in range(0, len(ids), _CHUNK):
        conn.execute(delete(holiday_days).where(holiday_days.c.record_id.in_(ids[start:start + _CHUNK])))
    rows = []
    for record_id, record in latest.items():
        if record.withdrawn:
            continue
        schedule = read_schedule(record.title, partial(_body, record))
        if schedule is None:
            continue
        published = record.publish_date or record.written_date
        off, work = ("adj_off", "adj_work") if schedule.adjusts else ("off", "work")
        rows += [{"record_id": record_id, "day": day, "year": schedule.year, "kind": off, "name": name, "published": published}
                 for day, name in schedule.days_off.items()]
        rows += [{"record_id": record_id, "day": day, "year": schedule.year, "kind": work, "name": schedule.adjusts,
                  "published": published} for day in schedule.working_days if day not in schedule.days_off]
        if schedule.extended_to is not None and schedule.extended_to not in schedule.days_off.keys() | schedule.working_days:
            # (a day is one row of a record: the key; a day off already printed runs the holiday on as far)
            rows.append({"record_id": record_id, "day": schedule.extended_to, "year": schedule.year, "kind": "adj_to",
                         "name": schedule.adjusts, "published": published})
    if rows:
        conn.execute(insert(holiday_days), rows)


def _body(record: Record | RecordRow) -> str:
    return as_record(record).body  # a JSON Lines row carries no body: made only for a holiday notice's title


def read_calendar(conn: Connection, days_off: Sequence[date] = (), working_days: Sequence[date] = ()) -> WorkCalendar:
    """The calendar of every year a stored notice sets, the later notice of a year in force; `days_off` and
    `working_days` (the operator's settings) over it."""
    # a notice withdrawn since (its source's 误发, an operator's takedown: store/withdrawals.py, outside write_batch) sets nothing
    live = holiday_days.join(records, records.c.id == holiday_days.c.record_id)
    in_store = records.c.withdrawn == False  # noqa: E712 - SQL
    chosen: dict[int, tuple[date | None, str]] = {}
    rows = conn.execute(select(holiday_days.c.year, holiday_days.c.published, holiday_days.c.record_id)
                        .select_from(live).where(in_store, holiday_days.c.kind.in_(("off", "work"))).distinct()).all()
    for year, published, record_id in rows:
        key = (published or date.min, record_id)
        if year not in chosen or key > (chosen[year][0] or date.min, chosen[year][1]):
            chosen[year] = (published, record_id)
    off: dict[date, str] = {}
    off_year: dict[date, int] = {}  # the year whose notice sets the day off (元旦's 12-30 is the next year's)
    work: set[date] = set()
    in_force = {record_id for _, record_id in chosen.values()}
    changes: dict[str, _Change] = {}
    for record_id, day, kind, name, published, year in conn.execute(
            select(holiday_days.c.record_id, holiday_days.c.day, holiday_days.c.kind, holiday_days.c.name,
                   holiday_days.c.published, holiday_days.c.year).select_from(live).where(in_store)):
        if kind.startswith("adj_"):
            change = changes.setdefault(record_id, _Change(published or date.min, record_id, name, year))
            if kind == "adj_off":
                change.off.add(day)
            elif kind == "adj_work":
                change.work.add(day)
            else:
                change.extended_to = day
        elif record_id not in in_force:
            continue
        elif kind == "off":
            off[day] = name
            off_year[day] = year
        else:
            work.add(day)
    for change in sorted(changes.values(), key=lambda c: (c.published, c.record_id)):
        change.apply(off, work, off_year)
    return WorkCalendar(years=frozenset(chosen), days_off=off, working_days=frozenset(work),
                        set_off=frozenset(days_off), set_working=frozenset(working_days))


#: The make-up working days of a holiday lie within this many days of its days off (春节's 调休 Saturdays: a week or two).
_MAKE_UP_WITHIN = timedelta(days=14)


@dataclass
class _Change:
    """A later State Council notice changing one holiday (调整劳动节假期, 延长春节假期): applied over the year's notice, the
    changes in the order they were published."""

    published: date
    record_id: str
    holiday: str
    year: int  # the year whose holiday it changes: that name's days of other years stay (review22)
    off: set[date] = field(default_factory=set)
    work: set[date] = field(default_factory=set)
    extended_to: date | None = None

    def apply(self, off: dict[date, str], work: set[date], off_year: dict[date, int]) -> None:
        # the holiday's days as its year's notice set them (国庆节、中秋节 is the 国庆节's too); not another year's 劳动节
        before = sorted(day for day, name in off.items() if self.holiday and off_year.get(day) == self.year
                        and (self.holiday in name or name in self.holiday))
        name = off[before[-1]] if before else self.holiday
        if self.off:  # new days and make-up days replace the old ones, and the old make-up days around them
            for day in before:
                del off[day]
            if before:
                work.difference_update({day for day in work if before[0] - _MAKE_UP_WITHIN <= day <= before[-1] + _MAKE_UP_WITHIN})
            off.update(dict.fromkeys(self.off, self.holiday))
            off_year.update(dict.fromkeys(self.off, self.year))
            work.update(self.work - self.off)
        if self.extended_to is not None and before:
            day = before[-1] + timedelta(days=1)
            while day <= self.extended_to:  # 延长至2月2日: the days on to it are off, a make-up Saturday among them too
                off[day] = name
                off_year[day] = self.year
                work.discard(day)
                day += timedelta(days=1)
