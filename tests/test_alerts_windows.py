"""A place's outage alert says when the place is cut (probe4): the email listed the notice's title, issuer and
publish date (停电公告 国网厦门供电公司 2026-12-03), so a citizen reading it on a phone had to open the page to learn
the day and hours. Each notice now carries the windows that name the place (`windows` in the webhook payload:
start, end, effect, utility, text), and the email prints them under its title (2026-12-08 08:30 至 17:30 停电); a
notice calling the place's window off prints the window called off. Real parsing, store, index and webhook receiver."""

from __future__ import annotations

from gongkai.feeds import alerts as A
from gongkai.feeds.alert_delivery import email_text
from tests.alert_receiver import Receiver
from tests.test_alerts import make_engine
from tests.test_alerts_called_off import CALLED_OFF, notices

TWO_WINDOWS = """国网厦门供电公司停电公告
因电力设施检修，定于2026年12月8日8:30-17:30对思明区湖滨南路188号至266号停电；
2026年12月9日8:00-12:00对思明区鼓屏路停电。
国网厦门供电公司
2026年12月3日"""


def test_the_email_and_the_payload_say_when_the_place_is_cut_and_only_its_windows(tmp_path):
    engine = make_engine(tmp_path)
    with Receiver() as receiver:
        street = A.add_alert(engine, "", {"area": "湖滨南路200号"}, "webhook", receiver.url)
        searched = A.add_alert(engine, "停电", {}, "webhook", receiver.url)  # a search alert: no place, no windows
        engine.ingest_records(notices(TWO_WINDOWS, "https://epaper.example/cut"))
        assert not A.run_alerts(engine).errors
        sent = {body["alert_id"]: body for body in receiver.accepted.values()}
        [entry] = sent[street.id]["records"]
        # only the street's window, not 鼓屏路's on the 9th
        assert [(w["start"][:16], w["end"][:16], w["effect"]) for w in entry["windows"]] == [
            ("2026-12-08T08:30", "2026-12-08T17:30", "cut")]
        _, text = email_text(sent[street.id])
        assert "2026-12-08 08:30 至 17:30 停电" in text and "2026-12-09" not in text
        assert all("windows" not in record for record in sent[searched.id]["records"])

        receiver.accepted.clear()
        engine.ingest_records(notices(CALLED_OFF, "https://epaper.example/off"))
        assert not A.run_alerts(engine).errors
        [entry] = next(b for b in receiver.accepted.values() if b["alert_id"] == street.id)["records"]
        assert entry["called_off"] is True and [w["effect"] for w in entry["windows"]] == ["cancelled"]
        _, text = email_text(next(b for b in receiver.accepted.values() if b["alert_id"] == street.id))
        assert "【已取消】" in text and "2026-12-08 08:30 至 17:30 停电（已取消）" in text


PLANNED = """思明区莲前西路计划停电公告
因线路检修，定于2026年12月18日08:00至17:00对思明区莲前西路2号至200号停电。
国网厦门供电公司
2026年12月12日"""
MOVED = """停电时间变更通知
原定于2026年12月18日08:00至17:00对思明区莲前西路2号至200号的停电，因天气原因，时间变更为2026年12月19日08:00至17:00。
给您带来不便，敬请谅解。
国网厦门供电公司
2026年12月14日"""


def test_a_moved_outage_is_told_once_with_the_window_it_leaves_and_the_new_one(tmp_path):
    """alerts4 (session 15): a 停电时间变更通知 printing the place reached its watcher with the new window only (12-19), so
    the mail did not say the 18th, which they had been told of, is off; it prints both now, the old one 已取消. Not marked
    called off as a whole (it still cuts), and its reprint elsewhere is not told again."""
    engine = make_engine(tmp_path)
    with Receiver() as receiver:
        street = A.add_alert(engine, "", {"area": "莲前西路100号"}, "webhook", receiver.url)
        engine.ingest_records(notices(PLANNED, "https://www.xm.sgcc.example/n/lq"))
        A.run_alerts(engine)
        receiver.accepted.clear()
        engine.ingest_records(notices(MOVED, "https://www.xm.sgcc.example/n/lq-moved"))
        assert not A.run_alerts(engine).errors
        [body] = [b for b in receiver.accepted.values() if b["alert_id"] == street.id]
        [entry] = body["records"]
        assert entry["called_off"] is False
        assert [(w["start"][:16], w["effect"]) for w in entry["windows"]] == [("2026-12-18T08:00", "cancelled"), ("2026-12-19T08:00", "cut")]
        _, text = email_text(body)
        assert "2026-12-18 08:00 至 17:00 停电（已取消）" in text and "2026-12-19 08:00 至 17:00 停电\n" in text and "【已取消】" not in text
        engine.ingest_records(notices(MOVED, "http://www.xm.gov.cn/bmgz/tdtz/202612/t20261214_3.htm"))  # reprinted
        A.run_alerts(engine)
        assert len(receiver.accepted) == 1
