"""A notice called off only by naming it (本公司12月3日发布的停水通知因故取消: no window, no place printed; a Known gap until
outages8, session 15: it had no event, so nothing was called off). Real parsing of the texts as a utility's site prints them,
a real store and index, a real webhook receiver on 127.0.0.1: the lookup no longer answers the named notice's windows, the gas
notice of the same day stands, and a street's alert tells its watcher of the cancellation."""

from __future__ import annotations

from datetime import date

from gongkai.feeds import alerts as A
from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from tests.alert_receiver import Receiver
from tests.test_alerts import make_engine

WATER = """停水通知
因管道维修，定于2026年12月8日9:00-17:00对思明区开元街道虎溪社区、百家村社区停止供水。
厦门水务集团有限公司
2026年12月3日"""

GAS = """停气通知
2026年12月8日9:00-12:00，思明区开元街道虎溪社区停气。
华润燃气（厦门）有限公司
2026年12月3日"""

CALLED_OFF = """关于取消停水的通知
本公司12月3日发布的停水通知因故取消，届时正常供水。特此通知。
厦门水务集团有限公司
2026年12月5日"""


def notices(text: str, url: str) -> list[Record]:
    found = [r for r in parse_notices(Capture(data=text.encode("utf-8"), url=url, source="web")) if r.notice_type == "outage"]
    assert found, text
    return found


def test_a_notice_called_off_by_naming_it(tmp_path) -> None:
    engine = make_engine(tmp_path)
    [cancel] = notices(CALLED_OFF, "https://water.example/off")
    assert [(e.effect, e.start, e.areas, e.utility) for e in cancel.notice.events] == [("cancelled", None, [], "water")]
    with Receiver() as receiver:
        street = A.add_alert(engine, "", {"area": "虎溪社区"}, "webhook", receiver.url)
        engine.ingest_records(notices(WATER, "https://water.example/cut") + notices(GAS, "https://gas.example/cut"))
        assert not A.run_alerts(engine).errors
        receiver.accepted.clear()
        engine.ingest_records([cancel])
        assert not A.run_alerts(engine).errors
        [body] = [body for body in receiver.accepted.values() if body["alert_id"] == street.id]
        assert [(r["title"], r["called_off"]) for r in body["records"]] == [("关于取消停水的通知", True)]
    found = engine.outages("虎溪社区", date(2026, 12, 8))
    assert [(record.title, [event.utility for event in events]) for record, events in found] == [("停气通知", ["gas"])]
    assert engine.outages("百家村社区", date(2026, 12, 8)) == []
