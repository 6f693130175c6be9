"""Alert emails as the mail server receives them (alerts2, session 12): the wire bytes of a real SMTP conversation
with a local aiosmtpd server, parsed by Python's email package with policy=default, and a server that refuses or
does not answer."""

from __future__ import annotations

import email
import email.policy
import re
import socket

import pytest

from gongkai.feeds import alerts as A
from gongkai.feeds.alert_store import get_alerts
from tests.test_alerts import make_engine, outage


def free_port() -> int:
    with socket.socket() as probe:  # aiosmtpd's Controller cannot take port 0
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Wire:
    """Keeps each message's bytes as the client sent them (aiosmtpd's Message handler re-folds the headers)."""

    def __init__(self, answer: str = "250 OK") -> None:
        self.answer, self.raw = answer, []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it
        if self.answer.startswith("250"):
            self.raw.append(envelope.original_content or envelope.content)
        return self.answer


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    started = []

    def start(answer: str = "250 OK") -> tuple[int, Wire]:
        wire, port = Wire(answer), free_port()
        controller = Controller(wire, hostname="127.0.0.1", port=port)
        controller.start()
        started.append(controller)
        return port, wire

    yield start
    for controller in started:
        controller.stop()


def test_an_alert_email_on_the_wire(tmp_path, smtp_server):
    """Date (RFC 5322 needs one; smtplib adds none), Message-ID, the subject as UTF-8 encoded words, a text and an
    HTML part, and List-Unsubscribe as a <URL> a mail client reads: the default policy folded the ~110-character
    header as encoded words (`=?utf-8?q?=3Chttp...`), so no client offered the one-click unsubscribe."""
    port, wire = smtp_server()
    engine = make_engine(tmp_path, smtp_host="127.0.0.1", smtp_port=port)
    alert = A.add_alert(engine, "湖里区停水", {}, "email", "居民 <resident@example.cn>")
    engine.ingest_records([outage(1)])
    assert A.run_alerts(engine).delivered == 1
    [raw] = wire.raw
    unfolded = raw.replace(b"\r\n", b"\n")
    assert re.search(rb"\nList-Unsubscribe: <http://localhost:8000/subscriptions/unsubscribe\?alert=" + alert.id.encode() + rb"&key=\S+>\n",
                     unfolded), unfolded[:800]
    assert re.search(rb"\nSubject: [^\n]*=\?utf-8\?", unfolded)
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    assert mail["Subject"] == "gongkai 提醒：“湖里区停水”有 1 条新结果"
    assert mail["Date"].datetime is not None and mail["Date"].datetime.utcoffset() is not None
    assert re.fullmatch(r"<\S+@gongkai>", mail["Message-ID"])
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail.get_content_type() == "multipart/alternative"
    text, page = mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()
    assert "湖里区停水通知（第1号）" in text and "湖里区停水通知（第1号）" in page
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert unsubscribe in text and f'href="{unsubscribe.replace("&", "&amp;")}"' in page


def test_a_refusing_server_keeps_the_delivery_says_why_in_chinese_and_the_retry_sends_it(tmp_path, smtp_server):
    busy, _ = smtp_server("451 4.3.0 mailbox busy")
    engine = make_engine(tmp_path, smtp_host="127.0.0.1", smtp_port=busy)
    A.add_alert(engine, "湖里区停水", {}, "email", "resident@example.cn")
    engine.ingest_records([outage(1)])
    report = A.run_alerts(engine)
    assert report.delivered == 0 and report.failed_tries == 1
    [described] = A.list_alerts(engine)
    assert described["deliveries"]["pending"] == 1
    assert described["last_error"].startswith("邮件服务器暂时拒收（451）"), described["last_error"]
    assert "SMTPDataError" in described["last_error"]  # the details follow, for whoever looks further
    assert described["last_error"].endswith("（第 1 次，共 8 次 / try 1 of 8）")

    port, wire = smtp_server()
    engine.settings.alerts.smtp_port = port  # the operator fixed the mail server
    assert A.run_alerts(engine).delivered == 1 and len(wire.raw) == 1
    assert get_alerts(engine.store)[0].last_error is None


def test_a_silent_server_is_a_timeout_said_in_chinese(tmp_path):
    with socket.socket() as silent:  # accepts the connection, never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        engine = make_engine(tmp_path, smtp_host="127.0.0.1", smtp_port=silent.getsockname()[1], timeout_seconds=1)
        A.add_alert(engine, "湖里区停水", {}, "email", "resident@example.cn")
        engine.ingest_records([outage(1)])
        assert A.run_alerts(engine).delivered == 0
    [described] = A.list_alerts(engine)
    assert described["deliveries"]["pending"] == 1 and described["last_error"].startswith("邮件服务器无应答（超时）")


def test_a_record_sent_then_withdrawn_is_told_once_as_withdrawn(tmp_path, smtp_server):
    """alerts2 (session 12): an outage notice mailed to a subscriber and then withdrawn by its source (误发) was never
    told: the subscriber kept believing the cut. Now it is told once, 【已撤回】, to email and webhook alerts that sent it
    (not to one that never sent it); restored, it is a new version to an --updates alert."""
    from tests.alert_receiver import Receiver

    port, wire = smtp_server()
    engine = make_engine(tmp_path, smtp_host="127.0.0.1", smtp_port=port)
    mailed = A.add_alert(engine, "湖里区停水", {}, "email", "resident@example.cn", updates=True)
    engine.ingest_records([outage(1), outage(2)])
    with Receiver() as receiver:
        hooked = A.add_alert(engine, "湖里区停水", {}, "webhook", receiver.url)  # made after: sent nothing of these
        assert A.run_alerts(engine).delivered == 1
        assert engine.withdraw(outage(1).id, "误发")
        assert A.run_alerts(engine).delivered == 1
        assert receiver.accepted == {}
        A.run_alerts(engine)  # told once
        assert len(wire.raw) == 2
        mail = email.message_from_bytes(wire.raw[-1], policy=email.policy.default)
        assert mail["Subject"] == "gongkai 提醒：“湖里区停水”有 1 条已发送的结果被撤回"
        text = mail.get_body(("plain",)).get_content()
        assert "【已撤回】湖里区停水通知（第1号）" in text and "第2号" not in text

        engine.ingest_records([outage(3)])  # the webhook alert's record, then withdrawn: told to it alone
        A.run_alerts(engine)
        receiver.accepted.clear()
        engine.withdraw(outage(3).id, "误发")
        A.run_alerts(engine)
        [body] = receiver.accepted.values()
        assert body["alert_id"] == hooked.id and [(r["title"], r["change"]) for r in body["records"]] == [("湖里区停水通知（第3号）", "withdrawn")]
    before = len(wire.raw)
    engine.restore(outage(1).id, operator="ops")
    A.run_alerts(engine)
    restored = email.message_from_bytes(wire.raw[-1], policy=email.policy.default)
    assert len(wire.raw) == before + 1 and "有 1 条新结果" in restored["Subject"]
    assert "湖里区停水通知（第1号）" in restored.get_body(("plain",)).get_content() and mailed.id in restored["X-Gongkai-Alert"]


def test_a_burst_of_500_new_records_is_one_digest_mail(tmp_path, smtp_server):
    """alerts3 (session 14): an operator's email alert over 500 遗失声明 of one newspaper edition got 3 mails (100, 200
    and 200 records, alerts.max_records_per_delivery being a webhook's POST size); one run's batch is one mail."""
    from gongkai.record import Record

    port, wire = smtp_server()
    engine = make_engine(tmp_path, smtp_host="127.0.0.1", smtp_port=port)
    A.add_alert(engine, "遗失", {"notice_type": "lost"}, "email", "clerk@example.cn")
    engine.ingest_records([Record(kind="notice", notice_type="lost", title=f"厦门鹭岛贸易有限公司第{n}分店遗失公章声明",
                                  body="本公司不慎遗失公章一枚，特此声明作废。", publish_date="2026-12-05",
                                  url=f"https://epaper.xmnn.cn/xmrb/20261205/{n}.htm") for n in range(500)])
    assert A.run_alerts(engine).delivered == 1
    [raw] = wire.raw
    mail = email.message_from_bytes(raw, policy=email.policy.default)
    assert mail["Subject"] == "gongkai 提醒：“遗失”有 500 条新结果"
    text = mail.get_body(("plain",)).get_content()
    assert all(f"第{n}分店" in text for n in (0, 250, 499))
