"""outages14 (session 20): a notice printing only days of the month (齐鲁晚报's `检修时间：6日7:00至6日18:30`, no year or month
anywhere) reads each day against the issue it came in (the paper's date, else the day it was fetched or the file's day): the
nearest such day on or after it, as a reader of that issue reads it. It was the issue's month always, so a file ingested on
the 20th put its 6日 on the 6th, before the notice itself, and a lookup of that day answered a window nobody announced."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest

from gongkai.parsers.notices.timewindows import find_windows
from tests.support import assert_search_box_outage_answer

# The real notice's layout (../shared/corpus/web_page_excerpts/public_notices.jsonl, web-notice-001), places kept.
QILU = (
    "停电检修\n因供电设施检修,电力公司计划在下列时段,对以下线路进行停电检修,检修线路、停电区域及主要影响范围如下:\n"
    "6日 检修线路:迎胜站10KV科山线。检修时间:6日7:00至6日18:30。影响范围:泰山区泰前街道迎胜社区居委会、迎胜小区、七里等。\n"
    "9日检修线路:东关站10KV二棉线。检修时间:9日5:30至9日20:30。影响范围:花园小区、三友社区等。\n"
)


def _days(reference: date) -> list[tuple[str, str]]:
    return [(w.start.isoformat(), w.end.isoformat()) for w in find_windows(QILU, reference)]  # type: ignore[union-attr]


def test_days_on_or_after_the_issue_are_its_month() -> None:
    assert _days(date(2010, 12, 3)) == [("2010-12-06T07:00:00", "2010-12-06T18:30:00"), ("2010-12-09T05:30:00", "2010-12-09T20:30:00")]
    assert _days(date(2010, 12, 6))[0] == ("2010-12-06T07:00:00", "2010-12-06T18:30:00")  # the issue's own day


def test_a_day_before_the_issue_is_the_next_months() -> None:
    assert _days(date(2026, 12, 20)) == [("2027-01-06T07:00:00", "2027-01-06T18:30:00"), ("2027-01-09T05:30:00", "2027-01-09T20:30:00")]
    assert _days(date(2027, 1, 8))[0] == ("2027-02-06T07:00:00", "2027-02-06T18:30:00")


def test_a_day_alone_and_a_day_with_its_part_read_alike() -> None:
    """A day printed alone before its clock (23日，…7时至12时) and a day with a part of it (8日上午) take the same rule; 本月
    said keeps this month, and a full date printed before the day still gives its month (read as before)."""
    windows = find_windows("23日，金尚路将于7时至12时停电。\n8日上午，湖滨南路停电。", date(2026, 12, 20))
    assert [w.start.isoformat() for w in windows] == ["2026-12-23T07:00:00", "2027-01-08T08:00:00"]  # type: ignore[union-attr]
    assert find_windows("本月5日，金尚路将于7时至12时停电。", date(2026, 12, 20))[0].start == datetime(2026, 12, 5, 7)
    assert find_windows("12月3日通知：6日8:00-17:00金尚路停电。", date(2026, 12, 20))[0].start == datetime(2026, 12, 6, 8)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The notice ingested as a file on 2026-12-20 (its day: the file's, as `gongkai ingest` stamps it), served over HTTP."""
    from gongkai.engine import Engine
    from gongkai.parsers import Capture
    from gongkai.settings import load_settings
    from gongkai.web.app import create_app
    from gongkai.web.server import serve_in_thread

    engine = Engine(load_settings(data_dir=tmp_path_factory.mktemp("days_of_month") / "data"))
    capture = Capture(data=QILU.encode(), filename="停电检修.txt", source="file", fetched_at=datetime(2026, 12, 20, 2, tzinfo=UTC))
    report = engine.ingest_captures([capture], notices=True, parallel=False)
    assert report.counts.get("quarantined", 0) == 0, report.as_dict()
    try:
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=60) as client:
            yield client
    finally:
        engine.close()


@pytest.mark.parametrize(("day", "cut"), [("2027-01-06", True), ("2026-12-06", False), ("2026-12-21", False), ("2027-01-07", False)])
def test_the_lookup_answers_the_day_read(served, day: str, cut: bool) -> None:
    reply = served.get("/api/notices/outages", params={"area": "迎胜社区", "date": day})
    assert reply.status_code == 200, reply.text
    assert reply.json()["affected"] is cut, reply.json()["notices"]


@pytest.mark.parametrize(
    ("today", "query", "affected"),
    [
        ("2026-12-20", "迎胜社区明天停电吗", False),
        ("2026-12-05", "迎胜社区明天停电吗", False),  # the 6th before the notice: never answered as tomorrow's
        ("2027-01-05", "迎胜社区明天停电吗", True),
        ("2027-01-08", "三友社区明天停电吗", True),
    ],
)
def test_the_search_box_answers_tomorrow(served, monkeypatch, today: str, query: str, affected: bool) -> None:
    assert_search_box_outage_answer(served, monkeypatch, today, query, affected)
