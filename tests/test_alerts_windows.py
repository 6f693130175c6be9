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
