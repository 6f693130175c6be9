"""Citizens' email subscriptions (issue 22) end to end over real sockets: the page's form, the confirmation
email from a local aiosmtpd server, double opt-in, an alert email with List-Unsubscribe, one-click unsubscribe."""

from __future__ import annotations

import email
import email.policy
import json
import re
import socket

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.feeds.alert_store import get_alerts
from gongkai.parsers import Capture, parse_notices
from gongkai.record import Record
from gongkai.settings import load_settings
from gongkai.store.schema import subscriptions
from gongkai.web.server import serve_in_thread
from tests.conftest import CORPUS
from tests.test_alerts import outage
from tests.test_outage_events import STATE_GRID


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
    controller = Controller(Keep(), hostname="127.0.0.1", port=port, enable_SMTPUTF8=False)
    controller.start()
    yield port, got
    controller.stop()


def link_in(message, path: str) -> str:
    return re.search(rf"http://localhost:8000({re.escape(path)}\?\S+)", message.get_body(("plain",)).get_content()).group(1)


def test_subscribe_confirm_receive_and_unsubscribe(tmp_path, smtp):
    from gongkai.web.app import create_app

    port, got = smtp
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    engine.ingest_records([outage(1)])
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        page = client.get("/outages", params={"area": "湖里区"})
        assert 'action="/subscriptions"' in page.text and 'name="area" value="湖里区"' in page.text  # a street's: below
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
        assert "湖里区停水通知（第3号）" in mail.get_body(("plain",)).get_content() and "第2号" not in mail.get_body(("plain",)).get_content()
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = mail["List-Unsubscribe"].strip().strip("<>")  # aiosmtpd's Message handler re-folds headers
        assert unsubscribe in mail.get_body(("plain",)).get_content()

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


def test_a_failed_confirmation_email_tells_the_citizen_without_the_mail_servers_details(tmp_path, caplog):
    """The page is public: it says the email could not be sent, not the SMTP host, port or the server's
    error (which named the mail server's address and its file paths); operators find those in the log."""
    from gongkai.web.app import create_app

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": closed}))
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=30) as client:
        answer = client.post("/subscriptions", data={"email": "a@example.cn", "area": "湖滨南路200号"})
    assert answer.status_code == 422 and "确认邮件发送失败" in answer.text
    assert "127.0.0.1" not in answer.text and str(closed) not in answer.text and "Error" not in answer.text
    assert any(str(closed) in record.getMessage() for record in caplog.records)  # the reason is logged


# ------------------------------------------------------------------ a street's subscription: the outage lookup's rule

#: The layout of 福州市自来水有限公司's real notices (web-notice-004/005 of the corpus), with one side of a
#: road (双号) and a house-number range as such notices print them.
FUZHOU_SIDES = """关于2025年6月3日22:00至6月4日5:00前鼓楼区杨桥东路工程项目的停水通知
为配合杨桥东路供水管网改造工程,我司将于2025年6月3日22:00至6月4日5:00前对鼓楼区杨桥东路给水管线进行施工,届时杨桥东路双号、鼓屏路100号至150号两侧沿线用户将暂停供水,辐射周边区域用户水压下降。
主要影响:屏东城、鼓屏大厦等用户。
请上述区域内的单位和居民做好停水、降压前的蓄水准备和相关供用水设施的管理工作,以免造成损失!因施工给您的生产生活带来的不便,敬请谅解。
福州市自来水有限公司
2025年6月1日"""


def _outage_notices() -> list[Record]:
    """Real notices of the corpus (福州 黄巷 water, 泰安 power), the 厦门日报-layout grid notice, the sides one."""
    real = {}
    with (CORPUS / "web_page_excerpts" / "public_notices.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            real[entry["id"]] = entry
    texts = [(real["web-notice-005"]["text"], real["web-notice-005"]["source_url"]),
             (real["web-notice-001"]["text"], real["web-notice-001"]["source_url"]),
             (STATE_GRID, "https://epaper.xmnn.cn/xmrb/20240504/A12.htm"), (FUZHOU_SIDES, "http://www.hcygmm.com/news/1.html")]
    found = []
    for text, url in texts:
        found += [r for r in parse_notices(Capture(data=text.encode("utf-8"), url=url, source="web")) if r.notice_type == "outage"]
    assert len(found) == 4 and len({r.title for r in found}) == 4
    return found


def _confirm(client: httpx.Client, got: list, address: str) -> None:
    [confirmation] = [m for m in got if m["To"] == address]
    page = client.get(link_in(confirmation, "/subscriptions/confirm"))
    fields = dict(re.findall(r'name="(id|key)" value="([^"]+)"', page.text))
    assert client.post("/subscriptions/confirm", data=fields).status_code == 200


def test_a_streets_subscription_is_alerted_exactly_when_the_outage_lookup_answers_cut(tmp_path, smtp):
    """湖滨南路200号 lies in 188号至266号; 鼓屏路120号 in 100号至150号, 180号 not; 杨桥东路12号 on the cut 双号
    side, 13号 not; 通湖路 is only in the 黄巷 notice's reason (a text search found it); 湖滨 is part of a name;
    迎胜社区 is printed 迎胜社区居委会."""
    from gongkai.web.app import create_app

    port, got = smtp
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    engine.ingest_records([outage(1)])
    asked = ["湖滨南路200号", "鼓屏路120号", "鼓屏路180号", "杨桥东路12号", "杨桥东路13号", "黄巷", "通湖路", "湖滨", "迎胜社区"]
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        page = client.get("/outages", params={"area": "湖滨南路200号"})
        form = page.text[page.text.index('action="/subscriptions"'):]
        assert 'name="area" value="湖滨南路200号"' in form and 'name="q"' not in form.split("</form>")[0]
        for n, area in enumerate(asked):
            answer = client.post("/subscriptions", data={"email": f"r{n}@example.cn", "area": area})
            assert answer.status_code == 200, answer.text
            _confirm(client, got, f"r{n}@example.cn")
        refused = client.post("/subscriptions", data={"email": "x@example.cn", "area": "用户"})
        assert refused.status_code == 422 and "街道" in refused.text
        assert {a.filters["area"] for a in get_alerts(engine.store)} == set(asked)
        assert all(a.query == "" and set(a.filters) == {"area"} for a in get_alerts(engine.store))

        got.clear()
        notices = _outage_notices()
        engine.ingest_records(notices)
        report = A.run_alerts(engine)
        assert not report.errors
    mailed = {mail["To"]: mail.get_body(("plain",)).get_content() for mail in got}
    sent = {area: sorted(r.title for r in notices if r.title in mailed.get(f"r{n}@example.cn", "")) for n, area in enumerate(asked)}
    lookup = {area: sorted(record.title for record, _ in engine.outages(area)) for area in asked}
    assert sent == lookup  # alerted exactly when the lookup answers "cut"
    [grid, huangxiang, taian, sides] = [[r.title] for word in ("停电公告", "黄巷", "因供电设施检修", "杨桥东路") for r in notices
                                        if r.title.startswith(word) or f"区{word}" in r.title]
    assert sent == {"湖滨南路200号": grid, "鼓屏路120号": sides, "鼓屏路180号": [], "杨桥东路12号": sides, "杨桥东路13号": [],
                    "黄巷": huangxiang, "通湖路": [], "湖滨": [], "迎胜社区": taian}
    mail = mailed["r0@example.cn"]
    assert "湖滨南路200号" in mail and "停水停电通知" in mail


def test_the_outage_page_offers_no_subscription_for_a_place_it_refused(tmp_path):
    """'路' (no place) or a misread date: the page says what is wrong; it offered to subscribe to that place anyway
    (the subscription was then refused)."""
    from gongkai.web.app import create_app

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": 9}))
    engine.ingest_records([outage(1)])
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert 'action="/subscriptions"' in client.get("/outages", params={"area": "湖滨南路200号"}).text
        for params in ({"area": "路"}, {"area": "湖滨南路200号", "date": "某天"}, {"area": "湖滨南路" * 30}):
            page = client.get("/outages", params=params)
            assert page.status_code == 400 and 'action="/subscriptions"' not in page.text, params


def test_the_search_page_offers_no_subscription_for_a_query_it_refused(tmp_path):
    """A query over search.max_query_length is refused with a message (400); the form offered to subscribe to it."""
    from gongkai.web.app import create_app

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": 9}))
    engine.ingest_records([outage(1)])
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert 'action="/subscriptions"' in client.get("/search", params={"q": "停水"}).text
        page = client.get("/search", params={"q": "停水" * 400})
        assert page.status_code == 400 and 'role="alert"' in page.text and 'action="/subscriptions"' not in page.text


def test_an_address_typed_on_a_chinese_keyboard_is_read(tmp_path, smtp):
    """alerts2 (session 12): a full-width ＠ and letters, and 。 for the dot, as a Chinese input method types them,
    were refused as 'not a valid email address'; they are the ASCII address, and the page says which."""
    from gongkai.web.app import create_app

    port, got = smtp
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port}))
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        answer = client.post("/subscriptions", data={"email": " ｌｉｓｉ＠ｅｘａｍｐｌｅ。ｃｎ ", "area": "湖滨南路200号"})
        assert answer.status_code == 200 and "确认邮件已发往 lisi@example.cn" in answer.text
        assert client.post("/subscriptions", data={"email": "wang＠example．cn", "q": "停电"}).status_code == 200
        assert client.post("/subscriptions", data={"email": "张三 <zs@example.cn>", "q": "停电"}).status_code == 422  # one address only
    assert [mail["To"] for mail in got] == ["lisi@example.cn", "wang@example.cn"]


def test_the_full_stop_typed_after_an_address_is_no_part_of_it():
    """review2 (session 12): 'lisi@example.cn。' (a sentence's end, typed on a Chinese keyboard) was taken as the address
    lisi@example.cn. with its trailing dot, and the confirmation mailed there."""
    from gongkai.feeds.subscriptions import typed_address

    assert typed_address(" lisi@example.cn。") == typed_address("ｌｉｓｉ＠ｅｘａｍｐｌｅ。ｃｎ．") == "lisi@example.cn"


def test_an_address_with_a_chinese_domain_is_mailed_and_a_chinese_name_before_the_at_is_told_plainly(tmp_path):
    """alerts3 (session 14), a mail server without SMTPUTF8 (as many are): zhangsan@例子.中国 was
    never mailed (smtplib refuses a non-ASCII address there) and the page said "try again later"; its domain goes in
    IDNA (xn--…), which every server takes. 张三@例子.中国 cannot go through such a server at all: the page says to use
    another address, not to try later. A `mailto:` pasted from a link is dropped."""
    from aiosmtpd.controller import Controller

    from gongkai.web.app import create_app

    envelopes: list = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it
            envelopes.append((envelope.rcpt_tos, envelope.original_content or envelope.content))
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port, enable_SMTPUTF8=False)
    controller.start()
    try:
        engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port}))
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
            answer = client.post("/subscriptions", data={"email": "zhangsan@例子.中国", "area": "湖滨南路200号"})
            assert answer.status_code == 200 and "确认邮件已发往 zhangsan@例子.中国" in answer.text
            refused = client.post("/subscriptions", data={"email": "张三@例子.中国", "area": "湖滨南路200号"})
            assert refused.status_code == 422 and "换用" in refused.text and "稍后" not in refused.text
            assert client.post("/subscriptions", data={"email": "mailto:zs@163.com", "q": "停电"}).status_code == 200
    finally:
        controller.stop()
    assert [to for to, _ in envelopes] == [["zhangsan@xn--fsqu00a.xn--fiqs8s"], ["zs@163.com"]]
    assert b"\r\nTo: zhangsan@xn--fsqu00a.xn--fiqs8s\r\n" in envelopes[0][1]


def test_a_confirmation_link_opened_again_says_what_became_of_it(tmp_path, smtp):
    """alerts4 (session 15): the link opened a second time after confirming (from the mail again, a second tab) answered
    链接无效 (404), as did an expired one and a forged one: a citizen told their confirmed subscription was invalid. Each
    says what it is now: confirmed (200), expired (subscribe again), unsubscribed, invalid."""
    from datetime import timedelta

    from sqlalchemy import update

    from gongkai.store.outbox import sql_engine
    from gongkai.store.timeutil import to_db, utc_now
    from gongkai.web.app import create_app

    port, got = smtp
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port}))
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        for address in ("again@example.cn", "late@example.cn"):
            assert client.post("/subscriptions", data={"email": address, "area": "金尚小区"}).status_code == 200
        again, late = (link_in(mail, "/subscriptions/confirm") for mail in got)
        fields = dict(re.findall(r'name="(id|key)" value="([^"]+)"', client.get(again).text))
        assert client.post("/subscriptions/confirm", data=fields).status_code == 200
        opened = client.get(again)
        assert opened.status_code == 200 and "已确认" in opened.text and "无效" not in opened.text

        late_id = re.search(r"id=(\w+)", late).group(1)
        with sql_engine(engine.store).begin() as conn:
            conn.execute(update(subscriptions).where(subscriptions.c.id == late_id).values(created_at=to_db(utc_now() - timedelta(days=8))))
        expired = client.get(late)
        assert expired.status_code == 404 and "已过期" in expired.text and "重新订阅" in expired.text
        refused = client.post("/subscriptions/confirm", data=dict(re.findall(r"(id|key)=([^&\s]+)", late)))
        assert refused.status_code == 404 and "已过期" in refused.text

        [alert] = get_alerts(engine.store)
        assert A.unsubscribe_url(engine, alert.id, alert.secret).endswith(alert.secret)
        assert client.post(A.unsubscribe_url(engine, alert.id, alert.secret).removeprefix("http://localhost:8000")).status_code == 200
        assert "已退订" in client.get(again).text
        forged = client.get(again.replace("key=", "key=x"))
        assert forged.status_code == 404 and "无效" in forged.text


def test_a_subscription_sent_twice_is_one_alert(tmp_path, smtp):
    """alerts4 (session 15): the form sent three times for one place (a double click, a reload, the place typed with spaces)
    and each confirmation clicked made three alerts: every notice came three times. A confirmation whose address already
    has the same search or place active joins that alert; one click unsubscribes all of them."""
    from gongkai.web.app import create_app

    port, got = smtp
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        for area in ("厦禾路88号", "厦禾路88号", " 厦禾路88号 "):
            assert client.post("/subscriptions", data={"email": "dup@example.cn", "area": area}).status_code == 200
        assert client.post("/subscriptions", data={"email": "dup@example.cn", "area": "厦禾路90号"}).status_code == 200  # another place
        for confirmation in list(got):
            page = client.get(link_in(confirmation, "/subscriptions/confirm"))
            assert client.post("/subscriptions/confirm", data=dict(re.findall(r'name="(id|key)" value="([^"]+)"', page.text))).status_code == 200
        assert sorted(alert.filters["area"] for alert in get_alerts(engine.store)) == ["厦禾路88号", "厦禾路90号"]
        got.clear()
        text = "停电通知\n因电网改造，2026年12月17日9:00-17:00，思明区厦禾路60号至120号（双号）停电。\n国网厦门供电公司\n2026年12月11日"
        engine.ingest_records([r for r in parse_notices(Capture(data=text.encode("utf-8"), url="https://www.xm.sgcc.example/d/1", source="web"))
                               if r.notice_type == "outage"])
        A.run_alerts(engine)
        assert sorted(mail["Subject"].split("：")[1].split(" ")[0] for mail in got) == ["厦禾路88号", "厦禾路90号"]
        unsubscribe = next(m for m in got if "88号" in m["Subject"])["List-Unsubscribe"].strip().strip("<>")
        assert client.post(unsubscribe.removeprefix("http://localhost:8000")).status_code == 200
    with engine.store.read_engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(subscriptions.select().with_only_columns(subscriptions.c.email, subscriptions.c.status))]
    assert sorted(rows) == [("", "unsubscribed")] * 3 + [("dup@example.cn", "active")]
