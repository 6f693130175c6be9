"""The holiday notice's days in the store (`holiday_days`): written in the transaction that stores the records
(Store.write_batch), read by the freshness watch as a calendar (gongkai.holidays.WorkCalendar).

A record whose title is the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知, or a mirror's
copy of it) has its days read (parsers.holiday_notice) and kept under its id; a new version replaces them, a withdrawn one
(误发) leaves none. Of two notices for one year the one published later is in force (a copy says the same days).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
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
        rows += [{"record_id": record_id, "day": day, "year": schedule.year, "kind": "off", "name": name, "published": published}
                 for day, name in schedule.days_off.items()]
        rows += [{"record_id": record_id, "day": day, "year": schedule.year, "kind": "work", "name": "", "published": published}
                 for day in schedule.working_days if day not in schedule.days_off]
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
                        .select_from(live).where(in_store).distinct()).all()
    for year, published, record_id in rows:
        key = (published or date.min, record_id)
        if year not in chosen or key > (chosen[year][0] or date.min, chosen[year][1]):
            chosen[year] = (published, record_id)
    off: dict[date, str] = {}
    work: set[date] = set()
    in_force = {record_id for _, record_id in chosen.values()}
    for record_id, day, kind, name in conn.execute(select(holiday_days.c.record_id, holiday_days.c.day, holiday_days.c.kind,
                                                          holiday_days.c.name)):
        if record_id not in in_force:
            continue
        if kind == "off":
            off[day] = name
        else:
            work.add(day)
    return WorkCalendar(years=frozenset(chosen), days_off=off, working_days=frozenset(work),
                        set_off=frozenset(days_off), set_working=frozenset(working_days))
