"""The State Council's yearly holiday notice read when stored, and the freshness watch's calendar (alerts7, session 21).

Fixtures (tests/fixtures/holiday_notices/): the 2026 notice as gov.cn printed it (国办发明电〔2025〕7号), a 2027 one in the
same layout (gov.cn's paragraphs indented with full-width spaces), that one as a Traditional mirror prints it, the 2026 one
in full-width digits, the 2019 one of the older layout (the year printed where it differs, 与周末连休), and the 2026 one
printed to PDF by Chromium (make_pdf.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from gongkai.engine import Engine
from gongkai.holidays import WorkCalendar, offices_closed_days
from gongkai.parsers.holiday_notice import is_holiday_notice, read_holiday_notice
from gongkai.record import Record
from gongkai.settings import load_settings

HERE = Path(__file__).parent / "fixtures" / "holiday_notices"


def _read(name: str):
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    return read_holiday_notice(text.splitlines()[0], text)


def _span(first: str, last: str) -> set[date]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    return {a + timedelta(days=n) for n in range((b - a).days + 1)}


def test_the_2026_notice_as_gov_cn_prints_it():
    schedule = _read("sc_2026")
    assert schedule is not None and schedule.year == 2026
    expected = (_span("2026-01-01", "2026-01-03") | _span("2026-02-15", "2026-02-23") | _span("2026-04-04", "2026-04-06")
                | _span("2026-05-01", "2026-05-05") | _span("2026-06-19", "2026-06-21") | _span("2026-09-25", "2026-09-27")
                | _span("2026-10-01", "2026-10-07"))
    assert set(schedule.days_off) == expected
    assert schedule.days_off[date(2026, 2, 15)] == "春节" and schedule.days_off[date(2026, 10, 7)] == "国庆节"
    assert schedule.working_days == {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
                                     date(2026, 9, 20), date(2026, 10, 10)}


def test_a_three_day_duanwu_from_a_wednesday_and_a_one_day_zhongqiu():
    schedule = _read("sc_2027")
    assert schedule is not None
    assert _span("2027-06-09", "2027-06-11") <= set(schedule.days_off)
    assert date(2027, 9, 15) in schedule.days_off and date(2027, 9, 16) not in schedule.days_off
    assert {date(2027, 6, 6), date(2027, 6, 12), date(2027, 1, 31)} <= schedule.working_days
    assert len(schedule.days_off) == 3 + 9 + 3 + 5 + 3 + 1 + 7


def test_traditional_and_full_width_copies_read_the_same_days():
    assert _read("sc_2027_traditional") == _read("sc_2027")
    assert _read("sc_2026_fullwidth") == _read("sc_2026")


def test_the_older_layout_with_the_year_printed_where_it_differs():
    schedule = _read("sc_2019_older")
    assert schedule is not None and schedule.year == 2019
    assert _span("2018-12-30", "2019-01-01") <= set(schedule.days_off)
    assert date(2018, 12, 29) in schedule.working_days  # a make-up day of the year before
    assert {date(2019, 4, 5), date(2019, 5, 1), date(2019, 6, 7), date(2019, 9, 13)} <= set(schedule.days_off)
    assert date(2019, 4, 6) not in schedule.days_off  # 与周末连休: the weekend stays a weekend, not a holiday day


def test_only_the_notice_is_read():
    assert is_holiday_notice("厦门市人民政府办公厅转发国务院办公厅关于2026年部分节假日安排的通知")
    assert not is_holiday_notice("关于做好2026年元旦春节期间安全生产工作的通知")
    assert read_holiday_notice("厦门市水务局关于春节期间停水安排的通知", "一、春节：2月15日至23日放假调休。") is None


def _engine(tmp_path: Path, **freshness) -> Engine:
    return Engine(load_settings(data_dir=tmp_path / "data", freshness={"cadence_days": {"feed:水务": 1}, **freshness}))


def _stored_days(engine: Engine) -> dict[str, set[date]]:
    from gongkai.store.schema import holiday_days

    with engine.store.read_engine.connect() as conn:
        rows = conn.execute(select(holiday_days.c.kind, holiday_days.c.day)).all()
    return {kind: {day for k, day in rows if k == kind} for kind in ("off", "work")}


def test_the_pdf_ingested_stores_the_years_days_and_a_new_version_replaces_them(tmp_path):
    engine = _engine(tmp_path)
    engine.ingest_paths([HERE / "sc_2026.pdf"])
    stored = _stored_days(engine)
    assert stored["off"] == set(_read("sc_2026").days_off) and date(2026, 9, 20) in stored["work"]
    text = (HERE / "sc_2027.txt").read_text(encoding="utf-8")
    url = "https://www.gov.cn/zhengce/content/2027notice.htm"
    engine.ingest_records([Record(title=text.splitlines()[0], issuer="国务院办公厅", body=text, publish_date="2026-11-10", url=url)])
    assert date(2027, 9, 15) in _stored_days(engine)["off"]
    # corrected (中秋 printed as three days): the new version's days replace the old ones
    engine.ingest_records([Record(title=text.splitlines()[0], issuer="国务院办公厅", publish_date="2026-11-10", url=url,
                                  body=text.replace("9月15日（周三）放假，共1天", "9月15日（周三）至17日（周五）放假，共3天"))])
    assert _span("2027-09-15", "2027-09-17") <= _stored_days(engine)["off"]
    assert len(_stored_days(engine)["off"]) == 33 + 31 + 2  # 2026, 2027 and the two days the correction adds


def _feed_quiet_since(engine: Engine, last_seen: datetime) -> None:
    from gongkai.store.schema import records
    from gongkai.store.timeutil import to_db

    engine.ingest_records([Record(title="厦门市水务局关于供水设施改造项目的公示", issuer="厦门市水务局", body="项目公示。",
                                  publish_date=last_seen.date(), url="https://sw.xm.example/gs/1.htm", source="feed:水务")])
    with engine.store._engine.begin() as conn:
        conn.execute(records.update().where(records.c.source == "feed:水务").values(first_seen=to_db(last_seen)))


def _overdue(engine: Engine, beijing: str) -> bool:
    from gongkai.ops.freshness import sources_status

    now = datetime.fromisoformat(beijing + "+08:00").astimezone(UTC)
    return {s.name: s for s in sources_status(engine, now=now)}["feed:水务"].overdue


def _with_notice(tmp_path: Path, name: str, **freshness) -> Engine:
    engine = _engine(tmp_path, **freshness)
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    engine.ingest_records([Record(title=text.splitlines()[0], issuer="国务院办公厅", body=text, url=f"https://www.gov.cn/{name}.htm")])
    return engine


def test_a_holiday_week_is_quiet_the_three_day_duanwu_from_a_wednesday(tmp_path):
    """2027: 端午 06-09 (Wed) to 06-11 (Fri) off, 06-12 (Sat) at work. A daily feed last heard Tuesday 06-08 17:00 is quiet
    on Friday evening and on Monday morning; silent through Tuesday 06-15 (Saturday and two weekdays at work), it is
    overdue. The fixed rule counted 端午 one day: overdue on the Friday."""
    engine = _with_notice(tmp_path, "sc_2027")
    _feed_quiet_since(engine, datetime(2027, 6, 8, 9, tzinfo=UTC))
    assert not _overdue(engine, "2027-06-11T20:00")
    assert not _overdue(engine, "2027-06-14T10:00")
    assert _overdue(engine, "2027-06-15T20:00")


def test_a_tiaoxiu_sunday_counts_as_a_working_day(tmp_path):
    """2026-09-20 (Sun) is at work before 国庆: a daily feed last heard Friday 09-18 17:00, silent that Sunday and Monday,
    is overdue on Monday 09-21 at 20:00 (it was not: every Sunday was a day off)."""
    engine = _with_notice(tmp_path, "sc_2026_fullwidth")
    _feed_quiet_since(engine, datetime(2026, 9, 18, 9, tzinfo=UTC))
    assert not _overdue(engine, "2026-09-20T20:00")
    assert _overdue(engine, "2026-09-21T20:00")


def test_the_settings_add_a_day_off_and_a_working_day(tmp_path):
    """The operator's days (a local holiday; a make-up day of a year whose notice is not stored) go over the notice."""
    engine = _with_notice(tmp_path, "sc_2026", days_off=["2026-09-21"])
    _feed_quiet_since(engine, datetime(2026, 9, 18, 9, tzinfo=UTC))
    assert not _overdue(engine, "2026-09-21T20:00")
    calendar = WorkCalendar(set_working=frozenset({date(2028, 10, 7)}))
    assert date(2028, 10, 7) not in offices_closed_days(date(2028, 10, 1), date(2028, 10, 8), calendar)


def test_a_year_without_a_notice_keeps_the_fixed_rules(tmp_path):
    engine = _with_notice(tmp_path, "sc_2026")
    from gongkai.store.holiday_days import read_calendar

    with engine.store.read_engine.connect() as conn:
        calendar = read_calendar(conn)
    assert calendar.years == {2026}
    closed = offices_closed_days(date(2028, 9, 28), date(2028, 10, 9), calendar)
    assert _span("2028-10-01", "2028-10-07") <= closed and date(2028, 10, 9) not in closed  # 国庆 week, then a Monday
    closed_2026 = offices_closed_days(date(2026, 1, 1), date(2026, 1, 5), calendar)
    assert closed_2026 == _span("2026-01-01", "2026-01-03")  # 01-04 (Sun) at work, 01-02 (Fri) off as the notice says


def test_a_withdrawn_notice_sets_nothing_and_restored_it_counts_again(tmp_path):
    """Withdrawn by an operator's takedown (or its source's 误发), outside the batch that stored it: its days stop counting."""
    from gongkai.store.holiday_days import read_calendar

    engine = _with_notice(tmp_path, "sc_2026")
    [record_id] = [r.id for r in engine.store.iter_records() if "节假日" in r.title]

    def years() -> frozenset[int]:
        with engine.store.read_engine.connect() as conn:
            return read_calendar(conn).years

    assert years() == {2026}
    assert engine.store.withdraw(record_id, "误发", operator="ops")
    assert years() == frozenset()
    assert engine.store.restore(record_id, "已核实", operator="ops")
    assert years() == {2026}


def test_the_upgrade_to_0007_reads_the_notices_the_database_already_holds(tmp_path):
    """A database at 0006 holding the 2026 notice (stored before the table existed): opening it upgrades and fills the
    year's days at once, not at the notice's next crawl."""
    from sqlalchemy import text

    from gongkai.store.holiday_days import read_calendar

    engine = _with_notice(tmp_path, "sc_2026")
    url = engine.settings.resolved_database_url
    engine.close()
    from gongkai.store.database import make_engine

    raw = make_engine(url)
    with raw.begin() as conn:  # as 0006 left it: no table, the notice's record in place
        conn.execute(text("DROP TABLE holiday_days"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0006'"))
    raw.dispose()
    again = Engine(load_settings(data_dir=tmp_path / "data"))
    with again.store.read_engine.connect() as conn:
        calendar = read_calendar(conn)
    assert calendar.years == {2026} and len(calendar.days_off) == 33 and date(2026, 9, 20) in calendar.working_days


def _calendar_with(tmp_path: Path, *notices: tuple[str, str]) -> WorkCalendar:
    """The calendar read back from the store after ingesting each (fixture, publish date) notice."""
    from gongkai.store.holiday_days import read_calendar

    engine = _engine(tmp_path)
    try:
        for name, published in notices:
            text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
            engine.ingest_records([Record(title=text.splitlines()[0], issuer="国务院办公厅", body=text, publish_date=published,
                                          url=f"https://www.gov.cn/zhengce/{name}.htm")])
        with engine.store.read_engine.connect() as conn:
            return read_calendar(conn)
    finally:
        engine.close()


def test_a_later_notice_changing_one_holiday_is_read_over_the_years_notice(tmp_path):
    """review21 (session 21): 关于调整2019年劳动节假期安排的通知 was not read (no 节假日 in its title, no 一、 items), so the
    2019 calendar kept 劳动节 one day (05-01) and 04-28, 05-05 as plain Sundays. Read over the year's notice: 05-01 to 05-04
    off, the two Sundays at work, the year's other holidays as they were."""
    adjusted = _read("sc_2019_labour_adjusted")
    assert adjusted is not None and adjusted.adjusts == "劳动节" and set(adjusted.days_off) == _span("2019-05-01", "2019-05-04")
    calendar = _calendar_with(tmp_path, ("sc_2019_older", "2018-12-06"), ("sc_2019_labour_adjusted", "2019-03-22"))
    assert _span("2019-05-01", "2019-05-04") <= set(calendar.days_off) and date(2019, 5, 5) not in calendar.days_off
    assert {date(2019, 4, 28), date(2019, 5, 5), date(2019, 2, 2), date(2018, 12, 29)} <= calendar.working_days
    assert date(2019, 10, 7) in calendar.days_off and date(2019, 6, 7) in calendar.days_off  # the others kept
    closed = offices_closed_days(date(2019, 4, 27), date(2019, 5, 6), calendar)
    assert closed == {date(2019, 4, 27)} | _span("2019-05-01", "2019-05-04")  # Sunday 04-28 and 05-05 at work


def test_a_holiday_extended_runs_on_and_its_make_up_saturday_is_off(tmp_path):
    """关于延长2020年春节假期的通知: 春节 01-24..01-30 runs on to 02-02; 02-01, a make-up Saturday of the year's notice, is
    now off; 01-19 stays a working day; 02-03 起正常上班 makes no day of its own."""
    extended = _read("sc_2020_spring_extended")
    assert extended is not None and extended.adjusts == "春节" and extended.extended_to == date(2020, 2, 2)
    assert not extended.working_days
    calendar = _calendar_with(tmp_path, ("sc_2020", "2019-11-21"), ("sc_2020_spring_extended", "2020-01-26"))
    assert _span("2020-01-24", "2020-02-02") <= set(calendar.days_off) and date(2020, 2, 3) not in calendar.days_off
    assert date(2020, 1, 19) in calendar.working_days and date(2020, 2, 1) not in calendar.working_days
    assert offices_closed_days(date(2020, 1, 31), date(2020, 2, 3), calendar) == _span("2020-01-31", "2020-02-02")
    # stored before the year's notice (a mirror late with it): still applied over it
    late = _calendar_with(tmp_path / "late", ("sc_2020_spring_extended", "2020-01-26"), ("sc_2020", "2019-11-21"))
    assert late.days_off == calendar.days_off and late.working_days == calendar.working_days


def test_a_day_of_its_own_and_notices_that_change_nothing(tmp_path):
    """A State Council notice setting a day of its own (the 2015 commemoration, its year in the body only) adds its days;
    a school's or company's 端午节放假的通知 and a 值班安排 are no such notice."""
    own = _read("sc_2015_commemoration")
    assert own is not None and set(own.days_off) == _span("2015-09-03", "2015-09-05") and own.working_days == {date(2015, 9, 6)}
    assert not is_holiday_notice("厦门市第一中学关于2024年端午节放假的通知")
    assert read_holiday_notice("厦门某某有限公司关于端午节放假的通知", "6月10日放假，6月11日上班。") is None
    assert not is_holiday_notice("国务院办公厅关于2026年春节假期值班安排的通知")
    assert is_holiday_notice("厦门市人民政府办公厅转发国务院办公厅关于调整2019年劳动节假期安排的通知")
