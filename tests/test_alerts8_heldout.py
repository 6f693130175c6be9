"""alerts8's held-out material (session 22), written before the product ran on it and unlike rounds 4-7: a saved search typed
in Traditional characters and one with a unit (1200m2); a record corrected (a new version) and then withdrawn after an alert
sent it; a street subscription whose cut is called off and another's moved (改期) (tests/fixtures/heldout22/alerts8/, modelled
on 国网厦门供电公司's notices); two alerts matching one record; an unsubscribe link used twice; an address typed full-width
and in upper case; a webhook answering 500 then 200; a run SIGKILLed mid-delivery and run again. Real SMTP (aiosmtpd) and real
HTTP on 127.0.0.1; no timed asserts."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.feeds.alert_store import get_alerts
from gongkai.record import Record
from gongkai.settings import load_settings
from gongkai.web.server import serve_in_thread
from tests.alert_receiver import Receiver
from tests.test_alert_mail import Wire, free_port
from tests.test_alert_streets import notice
from tests.test_alerts5_heldout import _confirm_all

HERE = Path(__file__).parent / "fixtures" / "heldout22" / "alerts8"


def _text(name: str) -> str:
    return (HERE / f"{name}.txt").read_text(encoding="utf-8")


def _engine(tmp_path: Path, **alerts: Any) -> Engine:
    return Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0, **alerts}))


def _lost(n: int, title: str, body: str, day: str = "2027-01-08") -> Record:
    return Record(kind="notice", notice_type="lost", title=title, issuer="", body=body, publish_date=day,
                  url=f"https://epaper.xmnn.cn/xmrb/{day.replace('-', '')}/a8-yishi-{n}.htm")


def _told(receiver: Receiver, alert_id: str) -> list[dict[str, Any]]:
    return [r for body in receiver.accepted.values() if body["alert_id"] == alert_id for r in body["records"]]


def test_a_traditional_query_and_a_query_with_a_unit(tmp_path):
    """遺失營業執照 (typed on a Taiwan/HK keyboard) is told of 厦门日报's Simplified 遗失营业执照 notice; 1200m2 of the land
    notice printing 1200㎡ and the one printing 1200平方米, not of 11200㎡ nor of 1200元."""
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        trad = A.add_alert(engine, "遺失營業執照", {}, "webhook", receiver.url)
        unit = A.add_alert(engine, "1200m2", {}, "webhook", receiver.url)
        engine.ingest_records([
            _lost(1, "厦门市湖里区金山便利店遗失营业执照声明", "厦门市湖里区金山便利店遗失营业执照正本，声明作废。"),
            Record(kind="disclosure", title="厦门市自然资源和规划局关于湖里区金山街道地块出让的公告", issuer="厦门市自然资源和规划局",
                   body="地块位于湖里区金山街道，出让面积1200㎡，用途为商业。", publish_date="2027-01-08",
                   url="https://zygh.xm.example/gg/a8-1.htm"),
            Record(kind="disclosure", title="厦门市自然资源和规划局关于集美区杏林地块挂牌出让的公告", issuer="厦门市自然资源和规划局",
                   body="宗地位于集美区杏林街道，土地面积1200平方米，挂牌出让。", publish_date="2027-01-08",
                   url="https://zygh.xm.example/gg/a8-2.htm"),
            Record(kind="disclosure", title="厦门市自然资源和规划局关于翔安区马巷地块出让的公告", issuer="厦门市自然资源和规划局",
                   body="宗地位于翔安区马巷镇，出让面积11200㎡，用途为工业。", publish_date="2027-01-08",
                   url="https://zygh.xm.example/gg/a8-3.htm"),
            Record(kind="disclosure", title="厦门市湖里区关于收取停车服务费的公示", issuer="厦门市湖里区人民政府",
                   body="年度停车服务费1200元。", publish_date="2027-01-08", url="https://hl.xm.example/gs/a8-4.htm"),
        ])
        assert not A.run_alerts(engine).errors
        trad_titles = [r["title"] for r in _told(receiver, trad.id)]
        unit_titles = sorted(r["title"] for r in _told(receiver, unit.id))
    assert trad_titles == ["厦门市湖里区金山便利店遗失营业执照声明"]
    assert unit_titles == sorted(["厦门市自然资源和规划局关于湖里区金山街道地块出让的公告",
                                  "厦门市自然资源和规划局关于集美区杏林地块挂牌出让的公告"])


def _lost_notice(version_note: str) -> Record:
    return Record(kind="notice", notice_type="lost", title="厦门鹭江船务有限公司遗失公章声明", issuer="",
                  body=f"厦门鹭江船务有限公司遗失公章一枚，{version_note}声明作废。", publish_date="2027-01-08",
                  url="https://epaper.xmnn.cn/xmrb/20270108/a8-gongzhang.htm")


def test_a_corrected_record_then_withdrawn_after_it_was_sent(tmp_path):
    """Both alerts sent the notice; the paper corrects it (a new version): the --updates alert is told `updated`, the other
    nothing; then the paper withdraws it (误发): each alert is told `withdrawn` once, and a further run tells nothing."""
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        plain = A.add_alert(engine, "遗失公章", {}, "webhook", receiver.url)
        updates = A.add_alert(engine, "遗失公章", {}, "webhook", receiver.url, updates=True)
        engine.ingest_records([_lost_notice("")])
        assert not A.run_alerts(engine).errors
        engine.ingest_records([_lost_notice("编号3502030012345，")])
        assert not A.run_alerts(engine).errors
        assert engine.withdraw(_lost_notice("").id, "误发")
        assert not A.run_alerts(engine).errors
        assert not A.run_alerts(engine).errors
        plain_told = [r["change"] for r in _told(receiver, plain.id)]
        updates_told = [r["change"] for r in _told(receiver, updates.id)]
    assert plain_told[0] in ("new", "", None) and plain_told[1:] == ["withdrawn"]
    assert updates_told[1:] == ["updated", "withdrawn"]
    assert receiver.repeats == 0


def test_a_streets_cut_called_off_and_anothers_moved(tmp_path):
    """前埔路520号 is told of the cut, then of its cancellation (called_off); 莲前西路36号 of the cut, then of its move to the
    19th (the 12th cancelled, the 19th cut); 莲前西路37号 (odd side) and 前埔路600号 of nothing."""
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        places = ["前埔路520号", "莲前西路36号", "莲前西路37号", "前埔路600号"]
        alerts = {p: A.add_alert(engine, "", {"area": p}, "webhook", receiver.url) for p in places}
        for n, name in enumerate(["grid_cut", "grid_called_off", "grid_moved"]):
            engine.ingest_records([notice(_text(name), f"https://www.xm.sgcc.example/a8/{n}/{name}")])
            assert not A.run_alerts(engine).errors
        told = {p: _told(receiver, a.id) for p, a in alerts.items()}
    assert {p: len(t) for p, t in told.items()} == {"前埔路520号": 2, "莲前西路36号": 2, "莲前西路37号": 0, "前埔路600号": 0}
    cut, off = told["前埔路520号"]
    assert cut["called_off"] is False and off["called_off"] is True
    assert any(w["start"].startswith("2027-01-12T08:00") and w["effect"] == "cancelled" for w in off["windows"]), off["windows"]
    cut, moved = told["莲前西路36号"]
    assert moved["called_off"] is False
    assert any(w["start"].startswith("2027-01-19T08:00") and w["effect"] == "cut" for w in moved["windows"]), moved["windows"]
    assert any(w["start"].startswith("2027-01-12T08:00") and w["effect"] == "cancelled" for w in moved["windows"])


def test_two_alerts_matching_one_record_each_get_it_once_and_a_500_then_200_is_not_doubled(tmp_path):
    """Two alerts (遗失 and 营业执照) on one receiver match one notice: two deliveries, one each. The receiver answers the
    first request 500; the next run retries that delivery under its id; nothing is accepted twice."""
    engine = _engine(tmp_path)
    with Receiver(fail_every=0) as receiver:
        first = A.add_alert(engine, "遗失", {}, "webhook", receiver.url)
        second = A.add_alert(engine, "营业执照", {}, "webhook", receiver.url)
        receiver.always_fail = True
        engine.ingest_records([_lost(2, "厦门市思明区鹭岛茶行遗失营业执照声明", "厦门市思明区鹭岛茶行遗失营业执照副本，声明作废。")])
        one = A.run_alerts(engine)
        receiver.always_fail = False
        two, three = A.run_alerts(engine), A.run_alerts(engine)
        told = {a.id: [r["title"] for r in _told(receiver, a.id)] for a in (first, second)}
    assert (one.delivered, one.failed_tries, two.delivered, three.delivered) == (0, 2, 2, 0)
    assert told == {first.id: ["厦门市思明区鹭岛茶行遗失营业执照声明"], second.id: ["厦门市思明区鹭岛茶行遗失营业执照声明"]}
    assert receiver.repeats == 0 and receiver.requests == 4
    assert all(a["failing"] is False for a in A.list_alerts(engine))


@pytest.fixture
def mail_server():
    from aiosmtpd.controller import Controller

    port, wire = free_port(), Wire()
    controller = Controller(wire, hostname="127.0.0.1", port=port, enable_SMTPUTF8=True)
    controller.start()
    yield port, wire
    controller.stop()


def test_an_address_full_width_and_upper_case_is_one_subscriber_and_its_link_used_twice(tmp_path, mail_server):
    """ＷＡＮＧ．ｆａｎｇ＠１６３．ＣＯＭ (full-width, phone capitals) and Wang.Fang@163.com are one mailbox: one alert, mail to
    @163.com. Its unsubscribe link clicked twice (the page's button, then again from an older mail): both answer 200, the
    second says 已退订 (never 链接无效 nor a 500), and no mail follows."""
    from gongkai.web.app import create_app

    port, wire = mail_server
    engine = _engine(tmp_path, smtp_host="127.0.0.1", smtp_port=port)
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        for typed in ["ＷＡＮＧ．ｆａｎｇ＠１６３．ＣＯＭ", "Wang.Fang@163.com"]:
            answer = client.post("/subscriptions", data={"email": typed, "q": "遗失营业执照"})
            assert answer.status_code == 200, answer.text
        _confirm_all(client, wire)
        assert len(get_alerts(engine.store)) == 1
        engine.ingest_records([_lost(3, "厦门市海沧区新阳五金店遗失营业执照声明", "新阳五金店遗失营业执照正本，声明作废。")])
        A.run_alerts(engine)
        [raw] = wire.raw
        mail = email.message_from_bytes(raw, policy=email.policy.default)
        assert mail["To"].lower() == "wang.fang@163.com"
        link = mail["List-Unsubscribe"].strip().strip("<>").removeprefix("http://localhost:8000")
        wire.raw.clear()
        once = client.post(link, content=b"List-Unsubscribe=One-Click",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        twice = client.post(link, content=b"List-Unsubscribe=One-Click",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        page = client.get(link)
        assert (once.status_code, twice.status_code, page.status_code) == (200, 200, 200)
        assert "已退订" in twice.text and "已退订" in page.text and "无效" not in twice.text
        engine.ingest_records([_lost(4, "厦门市海沧区新阳五金店遗失公章声明", "新阳五金店遗失营业执照副本，声明作废。")])
        A.run_alerts(engine)
    assert wire.raw == []
    assert get_alerts(engine.store) == [] or all(a.status != "active" for a in get_alerts(engine.store))


def test_a_run_killed_mid_delivery_and_run_again_sends_each_record_once_to_each_alert(tmp_path):
    """Two alerts (停水, 思明区) share 240 water notices in deliveries of 25; the run is SIGKILLed after the receiver took 3;
    the next run sends the rest: each alert has each of its records once, a resend (same delivery id) is deduplicated."""
    engine = _engine(tmp_path)
    with Receiver(delay=0.15) as receiver:
        water = A.add_alert(engine, "停水", {}, "webhook", receiver.url)
        siming = A.add_alert(engine, "思明区", {}, "webhook", receiver.url)
        districts = ["思明区", "湖里区", "集美区"]
        records = [Record(kind="notice", notice_type="outage", title=f"{districts[n % 3]}第{n}号片区停水通知", issuer="厦门市水务集团有限公司",
                          body=f"因管道维修，{districts[n % 3]}第{n}号片区于2027年1月{10 + n % 15}日09:00至18:00停水。",
                          publish_date="2027-01-08", url=f"https://www.xmwater.example/a8/kill/{n}")
                   for n in range(240)]
        engine.ingest_records(records)
        helper = Path(__file__).parent / "alerts_kill_helper.py"
        child = subprocess.Popen([sys.executable, str(helper), str(tmp_path / "data")], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, cwd=str(Path(__file__).parent.parent),
                                 env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
        deadline = time.monotonic() + 120
        while receiver.requests < 3 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert receiver.requests >= 3, child.stdout.read().decode() if child.stdout else ""
        assert not A.run_alerts(engine).errors
        water_ids = [r["id"] for r in _told(receiver, water.id)]
        siming_ids = [r["id"] for r in _told(receiver, siming.id)]
    assert len(water_ids) == len(set(water_ids)) == 240
    assert len(siming_ids) == len(set(siming_ids)) == 80
    assert all(a["deliveries"]["pending"] == 0 for a in A.list_alerts(engine))


# Round 2 (written after round 1 was fixed, before the product ran on it).


def test_round2_an_operators_email_alert_unsubscribed_twice_from_its_mail(tmp_path, mail_server):
    """An email alert the operator made (`gongkai alerts add --email`, no subscription form): its mail's one-click link
    POSTed by the mail client, then the citizen clicks the link in the same mail: 200 both times, the second and the opened
    page say 已退订 (not 链接无效), and no mail follows."""
    from gongkai.web.app import create_app

    port, wire = mail_server
    engine = _engine(tmp_path, smtp_host="127.0.0.1", smtp_port=port)
    A.add_alert(engine, "遗失公章", {}, "email", "Office.Clerk@Example.CN")
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        engine.ingest_records([_lost(5, "厦门市同安区顺通物流有限公司遗失公章声明", "顺通物流有限公司遗失公章一枚，声明作废。")])
        A.run_alerts(engine)
        [raw] = wire.raw
        mail = email.message_from_bytes(raw, policy=email.policy.default)
        link = mail["List-Unsubscribe"].strip().strip("<>").removeprefix("http://localhost:8000")
        wire.raw.clear()
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        once = client.post(link, content=b"List-Unsubscribe=One-Click", headers=form)
        twice = client.post(link, content=b"List-Unsubscribe=One-Click", headers=form)
        page = client.get(link)
        assert (once.status_code, twice.status_code, page.status_code) == (200, 200, 200)
        assert "已退订" in twice.text and "已退订" in page.text
        engine.ingest_records([_lost(6, "厦门市同安区顺通物流有限公司遗失财务章声明", "顺通物流有限公司遗失公章及财务章，声明作废。")])
        A.run_alerts(engine)
    assert wire.raw == []


def test_round2_a_cut_reprinted_corrected_is_not_told_again_to_a_place_typed_in_traditional(tmp_path):
    """莲前西路36號 (Traditional, 號) is told of the cut once; the same notice corrected on its page (a new version: a phone
    number added, the window unchanged) is not told again, nor is 厦门日报's reprint of it."""
    engine = _engine(tmp_path)
    with Receiver() as receiver:
        alert = A.add_alert(engine, "", {"area": "莲前西路36號"}, "webhook", receiver.url)
        cut = _text("grid_cut")
        engine.ingest_records([notice(cut, "https://www.xm.sgcc.example/a8/r2/cut")])
        assert not A.run_alerts(engine).errors
        corrected = cut.replace("停电期间请勿靠近电力设施。", "停电期间请勿靠近电力设施。咨询电话：95598。")
        engine.ingest_records([notice(corrected, "https://www.xm.sgcc.example/a8/r2/cut")])
        assert not A.run_alerts(engine).errors
        engine.ingest_records([notice(corrected, "https://epaper.xmnn.cn/xmrb/20270109/a8-tingdian.htm")])
        assert not A.run_alerts(engine).errors
        told = [r["title"] for r in _told(receiver, alert.id)]
    assert told == ["国网厦门供电公司停电公告"]
