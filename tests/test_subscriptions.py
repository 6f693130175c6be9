"""Citizens' email subscriptions (issue 22) end to end over real sockets: the page's form, the confirmation
email from a local aiosmtpd server, double opt-in, an alert email with List-Unsubscribe, one-click unsubscribe."""

from __future__ import annotations

import email
import email.policy
import re
import socket

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.feeds.alert_store import get_alerts
from gongkai.settings import load_settings
from gongkai.store.schema import subscriptions
from gongkai.web.server import serve_in_thread
from tests.test_alerts import outage


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    got: list = []

    class Keep(Message):
        def handle_message(self, message):
            got.append(email.message_from_bytes(message.as_bytes(), policy=email.policy.default))

    with socket.socket() as probe:  # aiosmtpd's Controller cannot take port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, got
    controller.stop()


def link_in(message, path: str) -> str:
    return re.search(rf"http://localhost:8000({re.escape(path)}\?\S+)", message.get_content()).group(1)


def test_subscribe_confirm_receive_and_unsubscribe(tmp_path, smtp):
    from gongkai.web.app import create_app

    port, got = smtp
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    engine.ingest_records([outage(1)])
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        page = client.get("/outages", params={"area": "湖里区"})
        assert 'action="/subscriptions"' in page.text and 'name="notice_type" value="outage"' in page.text
        search_page = client.get("/search", params={"q": "停水", "notice_type": "outage"})
        assert 'id="subscribe-email"' in search_page.text
        assert client.post("/subscriptions", data={"email": "not an address", "q": "停水"}).status_code == 422
        answer = client.post("/subscriptions", data={"email": "resident@example.cn", "q": "湖里区", "notice_type": "outage"})
        assert answer.status_code == 200 and "确认邮件" in answer.text
        [confirmation] = got
        assert confirmation["To"] == "resident@example.cn" and "请确认订阅" in confirmation["Subject"]
        confirm = link_in(confirmation, "/subscriptions/confirm")

        # not yet confirmed: nothing is sent
        engine.ingest_records([outage(2)])
        A.run_alerts(engine)
        assert len(got) == 1 and get_alerts(engine.store) == []

        page = client.get(confirm)  # a mail scanner fetching the link changes nothing
        assert page.status_code == 200 and "确认订阅" in page.text and get_alerts(engine.store) == []
        fields = dict(re.findall(r'name="(id|key)" value="([^"]+)"', page.text))
        assert client.post("/subscriptions/confirm", data={**fields, "key": "wrong"}).status_code == 404
        assert client.post("/subscriptions/confirm", data=fields).status_code == 200
        assert client.post("/subscriptions/confirm", data=fields).status_code == 200  # a second click: same alert
        [alert] = get_alerts(engine.store)
        assert alert.channel == "email" and alert.filters == {"notice_type": "outage"}

        engine.ingest_records([outage(3), outage(4, "思明区")])  # after confirmation: 湖里区 only
        assert A.run_alerts(engine).delivered == 1
        mail = got[-1]
        assert "湖里区停水通知（第3号）" in mail.get_content() and "第2号" not in mail.get_content()
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = mail["List-Unsubscribe"].strip("<>")
        assert unsubscribe in mail.get_content()

        # RFC 8058 one-click: the mail client POSTs to the URL
        one_click = httpx.post(base + unsubscribe.removeprefix("http://localhost:8000"), data={"List-Unsubscribe": "One-Click"})
        assert one_click.status_code == 200 and "已退订" in one_click.text
        assert get_alerts(engine.store) == []
        with engine.store.read_engine.connect() as conn:
            assert [tuple(r) for r in conn.execute(subscriptions.select().with_only_columns(subscriptions.c.email, subscriptions.c.status))] == [("", "unsubscribed")]
        engine.ingest_records([outage(5)])
        A.run_alerts(engine)
        assert len(got) == 2  # nothing after unsubscribing
        assert httpx.post(base + unsubscribe.removeprefix("http://localhost:8000")).status_code == 200  # twice: still fine


def test_no_smtp_no_form_and_a_clear_refusal(tmp_path):
    from gongkai.web.app import create_app

    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    engine.ingest_records([outage(1)])
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert 'action="/subscriptions"' not in client.get("/search", params={"q": "停水"}).text
        answer = client.post("/subscriptions", data={"email": "a@example.cn", "q": "停水"})
        assert answer.status_code == 422 and "未开通" in answer.text
