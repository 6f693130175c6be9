"""alerts5's held-out material (session 16): new notices and citizens' inputs (not the corpus's, not alerts4's), modelled
on 国网厦门供电公司's and 厦门市人民政府's pages: a saved search whose page answer is relaxed, a search filtered by issuer and
date, street alerts on a 单号 side and on a notice printed in Traditional characters, a mail server down for one run, one
refusing some recipients, an unsubscribe link used after the operator removed the alert, plus-addressed and IDN addresses,
a node's index put back from a backup, two nodes running the alerts job at once, a node whose clock jumped back, and a
source paused on purpose. Real SMTP (aiosmtpd), real HTTP on 127.0.0.1, real PostgreSQL where GONGKAI_TEST_POSTGRES_URL
is set. Expectations were written before the first run."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import threading
from datetime import date

import httpx
import pytest

from gongkai.engine import Engine
from gongkai.feeds import alerts as A
from gongkai.feeds.alert_store import get_alerts
from gongkai.follow import follow_once
from gongkai.indexer.models import SearchRequest
from gongkai.record import Record
from gongkai.settings import load_settings
from gongkai.web.server import serve_in_thread
from tests.alert_receiver import Receiver
from tests.test_alert_mail import free_port
from tests.test_alert_streets import notice
from tests.test_follow import _all_ids
from tests.test_subscriptions import link_in

ODD_SIDE = """国网厦门供电公司停电公告
因配网设备检修，定于2026年12月18日08:00至12:00对下列区域停电：
思明区莲前东路1号至201号（单号）、莲前西路沿线用户。
国网厦门供电公司
2026年12月12日"""
TRADITIONAL = """停電通知
因電纜遷改，2026年12月19日9:00-15:00，思明區湖濱南路300號至360號停電。
國網廈門供電公司
2026年12月13日"""
ODD_SIDE_WORDS = """停电通知
因线路改造，2026年12月21日8:30-17:00，湖里区枋湖北二路单号一侧（1号至99号）停电。
国网厦门供电公司
2026年12月14日"""

#: (as typed, told) — the side of the road, Traditional in the notice or in the subscription
STREETS = [("莲前东路55号", 1), ("莲前东路56号", 0), ("思明区莲前东路201号", 1), ("莲前东路203号", 0), ("蓮前東路55號", 1),
           ("湖滨南路320号", 1), ("湖濱南路320號", 1), ("思明區湖濱南路300號", 1), ("湖滨南路370号", 0),
           ("枋湖北二路35号", 1), ("枋湖北二路36号", 0), ("枋湖北二路１０１号", 0)]


def test_street_alerts_on_a_side_of_the_road_and_a_notice_in_traditional(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    with Receiver() as receiver:
        watching = {area: A.add_alert(engine, "", {"area": area}, "webhook", receiver.url) for area, _ in STREETS}
        engine.ingest_records([notice(ODD_SIDE, "https://www.xm.sgcc.example/s5/1"), notice(TRADITIONAL, "https://www.xm.sgcc.example/s5/2"),
                               notice(ODD_SIDE_WORDS, "https://www.xm.sgcc.example/s5/3")])
        assert not A.run_alerts(engine).errors
        told = {}
        for body in receiver.accepted.values():
            told.setdefault(body["alert_id"], []).extend(r["title"] for r in body["records"])
    assert {area: len(told.get(alert.id, [])) for area, alert in watching.items()} == dict(STREETS)


def _plan(n: int, issuer: str = "厦门市人民政府", day: str = "2026-12-05", title: str = "") -> Record:
    return Record(kind="disclosure", title=title or f"{issuer}关于同安区控制性详细规划调整的批复（第{n}件）", issuer=issuer,
                  body=f"同意同安区第{n}片区控制性详细规划调整方案。", publish_date=day, doc_number=f"厦府〔2026〕{n}号",
                  url=f"https://www.xm.gov.example/zfxxgk/{n}.htm")


def test_an_alert_on_a_search_filtered_by_issuer_and_date_sends_what_the_page_would_show(tmp_path):
    """Issuer and date filters exactly as /api/search takes them: a late-stored document dated before date_from and one of
    another issuer are not sent; an issuer typed as the page's facet shows it is the same filter."""
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    with Receiver() as receiver:
        alert = A.add_alert(engine, "控制性详细规划", {"issuer": "厦门市人民政府", "date_from": "2026-12-01"}, "webhook", receiver.url)
        until = A.add_alert(engine, "控制性详细规划", {"date_to": "2026-11-30"}, "webhook", receiver.url)
        engine.ingest_records([_plan(1), _plan(2, day="2026-11-20"), _plan(3, issuer="厦门市自然资源和规划局"),
                               _plan(4, day="2026-12-06", title="厦门市人民政府关于同安区控制性详细规划的公告")])
        assert not A.run_alerts(engine).errors
        sent = {aid: sorted(r["title"][-6:] for b in receiver.accepted.values() if b["alert_id"] == aid for r in b["records"])
                for aid in (alert.id, until.id)}
    page = engine.search(SearchRequest(q="控制性详细规划", issuer="厦门市人民政府", date_from=date(2026, 12, 1), limit=20))
    assert sorted(h.id for h in page.hits) == sorted([_plan(1).id, _plan(4, day="2026-12-06", title="厦门市人民政府关于同安区控制性详细规划的公告").id])
    assert len(sent[alert.id]) == 2 and sent[until.id] == ["复（第2件）"]


def test_a_relaxed_page_tells_the_subscriber_what_the_alert_will_send(tmp_path):
    """The page for 鹭岛贸易 遗失公章 声明作废 税务登记证 answers with the closest records (relaxed); the alert made from its form
    sends only records holding every word. The form says so, and the alert keeps its promise."""
    from aiosmtpd.controller import Controller

    from gongkai.web.app import create_app
    from tests.test_alert_mail import Wire

    port, wire = free_port(), Wire()
    controller = Controller(wire, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
        engine.ingest_records([Record(kind="notice", notice_type="lost", title="厦门鹭岛贸易有限公司遗失公章声明", issuer="厦门鹭岛贸易有限公司",
                                      body="厦门鹭岛贸易有限公司不慎遗失公章一枚，声明作废。", publish_date="2026-12-01",
                                      url="https://epaper.xmnn.cn/xmrb/20261201/l-1.htm")])
        query = "鹭岛贸易 遗失 税务登记证"
        with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
            page = client.get("/search", params={"q": query}).text
            assert "relaxed" in page and 'action="/subscriptions"' in page
            form = page[page.index('action="/subscriptions"'):]
            form = form[: form.index("</form>")]
            assert "全部" in form  # the promise: only new records holding every word
            assert client.post("/subscriptions", data={"email": "clerk@example.cn", "q": query}).status_code == 200
            [confirmation] = [email.message_from_bytes(raw, policy=email.policy.default) for raw in wire.raw]
            fields = dict(re.findall(r'name="(id|key)" value="([^"]+)"', client.get(link_in(confirmation, "/subscriptions/confirm")).text))
            assert client.post("/subscriptions/confirm", data=fields).status_code == 200
        wire.raw.clear()
        engine.ingest_records([Record(kind="notice", notice_type="lost", title="厦门鹭岛贸易有限公司遗失公章声明（二）", issuer="厦门鹭岛贸易有限公司",
                                      body="不慎遗失公章一枚，声明作废。", publish_date="2026-12-08", url="https://epaper.xmnn.cn/xmrb/20261208/l-2.htm"),
                               Record(kind="notice", notice_type="lost", title="厦门鹭岛贸易有限公司遗失税务登记证声明", issuer="厦门鹭岛贸易有限公司",
                                      body="不慎遗失税务登记证正本，声明作废。", publish_date="2026-12-08", url="https://epaper.xmnn.cn/xmrb/20261208/l-3.htm")])
        A.run_alerts(engine)
        [mail] = [email.message_from_bytes(raw, policy=email.policy.default) for raw in wire.raw]
        text = mail.get_body(("plain",)).get_content()
        assert "遗失税务登记证声明" in text and "（二）" not in text
    finally:
        controller.stop()


class Refusing:
    """An SMTP server refusing some recipients: 550 for a mailbox it does not have, 450 (busy, try later) for another."""

    def __init__(self, refuse: dict[str, str]) -> None:
        self.refuse, self.raw, self.rcpt = refuse, [], []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # aiosmtpd calls it
        self.rcpt.append(address)
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.raw.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"


def _lost(n: int) -> Record:
    return Record(kind="notice", notice_type="lost", title=f"厦门海沧建材有限公司遗失营业执照副本声明（{n}）", issuer="厦门海沧建材有限公司",
                  body=f"厦门海沧建材有限公司遗失营业执照副本一份，编号91350205{n:04d}，声明作废。", publish_date="2026-12-09",
                  url=f"https://epaper.xmnn.cn/xmrb/20261209/y-{n}.htm")


def test_a_mail_server_down_for_one_run_loses_no_alert_and_doubles_none(tmp_path):
    from aiosmtpd.controller import Controller

    from tests.test_alert_mail import Wire

    port = free_port()  # nothing listens yet
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    who = ["a@example.cn", "b@example.cn", "c@example.cn"]
    alerts = [A.add_alert(engine, "遗失营业执照", {}, "email", address) for address in who]
    engine.ingest_records([_lost(1), _lost(2)])
    down = A.run_alerts(engine)
    assert down.delivered == 0 and down.failed_tries == 3 and down.given_up == 0
    assert all("无法连接邮件服务器" in (a["last_error"] or "") for a in A.list_alerts(engine))
    wire = Wire()
    controller = Controller(wire, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        engine.ingest_records([_lost(3)])
        back = A.run_alerts(engine)
        again = A.run_alerts(engine)
    finally:
        controller.stop()
    mails = [email.message_from_bytes(raw, policy=email.policy.default) for raw in wire.raw]
    per = {address: [m for m in mails if m["To"] == address] for address in who}
    assert back.delivered == 6 and again.delivered == 0
    assert {a: len(m) for a, m in per.items()} == dict.fromkeys(who, 2)  # the missed delivery and the new one
    assert all("（1）" in m[0].get_body(("plain",)).get_content() and "（3）" in m[1].get_body(("plain",)).get_content() for m in per.values())
    listed = {a["target"]: a for a in A.list_alerts(engine)}
    assert all(listed[w]["failing"] is False and listed[w]["deliveries"]["sent"] == 2 for w in who)
    assert len(alerts) == 3


def test_a_mail_server_refusing_some_recipients_keeps_each_ones_outcome(tmp_path):
    """550 (no such mailbox) is permanent: given up at once, said so, not tried 8 times over hours; 450 (busy) is tried
    again and sent; the other subscribers are sent at once, each outcome on its own alert."""
    from aiosmtpd.controller import Controller

    refusing = Refusing({"gone@example.cn": "550 5.1.1 <gone@example.cn>: Recipient address rejected: User unknown",
                         "busy@example.cn": "450 4.2.1 Mailbox busy, try again later"})
    port = free_port()
    controller = Controller(refusing, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
        who = ["ok1@example.cn", "gone@example.cn", "busy@example.cn", "ok2@example.cn"]
        ids = {address: A.add_alert(engine, "遗失营业执照", {}, "email", address).id for address in who}
        engine.ingest_records([_lost(11)])
        first = A.run_alerts(engine)
        listed = {a["target"]: a for a in A.list_alerts(engine)}
        assert first.delivered == 2
        assert listed["ok1@example.cn"]["deliveries"]["sent"] == 1 and not listed["ok1@example.cn"]["failing"]
        gone = listed["gone@example.cn"]
        assert gone["deliveries"]["failed"] == 1 and gone["deliveries"]["pending"] == 0  # given up at once
        assert "收件地址被邮件服务器拒收" in gone["last_error"] and "550" in gone["last_error"] and "稍后重试" not in gone["last_error"]
        busy = listed["busy@example.cn"]
        assert busy["deliveries"]["pending"] == 1 and busy["deliveries"]["failed"] == 0
        del refusing.refuse["busy@example.cn"]
        second = A.run_alerts(engine)
        assert second.delivered == 1
        assert sorted(tos for tos, _ in refusing.raw) == [["busy@example.cn"], ["ok1@example.cn"], ["ok2@example.cn"]]
        assert A.run_alerts(engine).delivered == 0 and refusing.rcpt.count("gone@example.cn") == 1  # never asked again
        assert set(ids) == set(who)
        from gongkai.feeds.subscriptions import subscribe

        with pytest.raises(A.AlertError, match="拒收此邮箱地址"):  # the form: check the address, not "try again later"
            subscribe(engine, "gone@example.cn", "遗失营业执照", {})
    finally:
        controller.stop()


@pytest.fixture
def mail_server():
    from aiosmtpd.controller import Controller

    from tests.test_alert_mail import Wire

    port, wire = free_port(), Wire()
    controller = Controller(wire, hostname="127.0.0.1", port=port, enable_SMTPUTF8=True)
    controller.start()
    yield port, wire
    controller.stop()


def _confirm_all(client: httpx.Client, wire) -> None:
    for raw in wire.raw:
        mail = email.message_from_bytes(raw, policy=email.policy.default)
        fields = dict(re.findall(r'name="(id|key)" value="([^"]+)"', client.get(link_in(mail, "/subscriptions/confirm")).text))
        assert client.post("/subscriptions/confirm", data=fields).status_code == 200
    wire.raw.clear()


def test_unsubscribing_after_the_operator_removed_the_alert(tmp_path, mail_server):
    """The operator removed a citizen's alert (`gongkai alerts remove`); the citizen then clicks the unsubscribe link of a
    mail they got before: it says they are unsubscribed (not 链接无效), and the address is erased (the removal erased it)."""
    from gongkai.store.schema import subscriptions
    from gongkai.web.app import create_app

    port, wire = mail_server
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert client.post("/subscriptions", data={"email": "resident@example.cn", "q": "遗失营业执照"}).status_code == 200
        confirmation = email.message_from_bytes(wire.raw[0], policy=email.policy.default)
        confirm = link_in(confirmation, "/subscriptions/confirm")
        _confirm_all(client, wire)
        engine.ingest_records([_lost(21)])
        A.run_alerts(engine)
        mail = email.message_from_bytes(wire.raw[0], policy=email.policy.default)
        unsubscribe = mail["List-Unsubscribe"].strip().strip("<>").removeprefix("http://localhost:8000")
        [alert] = get_alerts(engine.store)
        assert A.remove_alert(engine, alert.id)
        with engine.store.read_engine.connect() as conn:
            kept = [tuple(r) for r in conn.execute(subscriptions.select().with_only_columns(subscriptions.c.email, subscriptions.c.status))]
        assert kept == [("", "unsubscribed")]  # removing the alert ends its subscription: no address kept for nothing
        click = client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"})
        assert click.status_code == 200 and "已退订" in click.text
        assert client.get(confirm).status_code == 404 and "已退订" in client.get(confirm).text
        assert client.post("/subscriptions/unsubscribe", data={"alert": "a000000000000", "key": "x"}).status_code == 404


def test_plus_addressing_and_an_idn_domain(tmp_path, mail_server):
    """zhang.wei+gongkai@例子.中国 is mailed at its IDNA domain with the +tag kept; ｗａｎｇ＋ａｌｅｒｔ＠… typed full-width is
    wang+alert@…; two tags of one mailbox are two subscribers (the tag is how people filter their mail), each told once."""
    from gongkai.web.app import create_app

    port, wire = mail_server
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        for typed in ["zhang.wei+gongkai@例子.中国", "ｗａｎｇ＋ａｌｅｒｔ＠ｅｘａｍｐｌｅ．ｃｎ", "wang+other@example.cn"]:
            answer = client.post("/subscriptions", data={"email": typed, "q": "遗失营业执照"})
            assert answer.status_code == 200, answer.text
        tos = [email.message_from_bytes(raw, policy=email.policy.default)["To"] for raw in wire.raw]
        assert tos == ["zhang.wei+gongkai@xn--fsqu00a.xn--fiqs8s", "wang+alert@example.cn", "wang+other@example.cn"]
        _confirm_all(client, wire)
        assert sorted(a.target for a in get_alerts(engine.store)) == ["wang+alert@example.cn", "wang+other@example.cn", "zhang.wei+gongkai@例子.中国"]
        engine.ingest_records([_lost(31)])
        A.run_alerts(engine)
        mails = [email.message_from_bytes(raw, policy=email.policy.default) for raw in wire.raw]
        assert sorted(m["To"] for m in mails) == ["wang+alert@example.cn", "wang+other@example.cn", "zhang.wei+gongkai@xn--fsqu00a.xn--fiqs8s"]
        idn = next(m for m in mails if m["To"].startswith("zhang"))
        unsubscribe = idn["List-Unsubscribe"].strip().strip("<>").removeprefix("http://localhost:8000")
        assert client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"}).status_code == 200
        assert sorted(a.target for a in get_alerts(engine.store)) == ["wang+alert@example.cn", "wang+other@example.cn"]


def _doc(n: int, v: int = 1) -> Record:
    return Record(kind="disclosure", title=f"厦门市湖里区人民政府关于第{n}号征收事项的公告", issuer="厦门市湖里区人民政府",
                  body=f"第{n}号征收事项，第{v}稿。", publish_date="2026-11-25", doc_number=f"厦湖政〔2026〕{n}号",
                  url=f"https://www.huli.example/zs/{n}.htm")


def test_a_nodes_index_put_back_from_a_backup_catches_up_and_the_other_node_is_unaffected(tmp_path):
    """Node A's index folder is replaced by last night's copy (the disk restored from a backup) while A is down: A opens it,
    behind its store, and its follower brings it up (the withdrawals since too); node B never saw A's index."""
    url = f"sqlite:///{tmp_path}/store.db"

    def node(name: str) -> Engine:
        return Engine(load_settings(data_dir=tmp_path / name, database_url=url))

    a, b = node("a"), node("b")
    a.ingest_records([_doc(n) for n in range(60)])
    a.index  # noqa: B018 - opened
    shutil.copytree(tmp_path / "a", tmp_path / "a-backup")
    a.ingest_records([_doc(n, 2) for n in range(10)] + [_doc(n) for n in range(60, 90)])
    for n in range(50, 55):
        a.withdraw(_doc(n).id, "误发")
    follow_once(b)
    a.close()
    shutil.rmtree(tmp_path / "a")
    shutil.copytree(tmp_path / "a-backup", tmp_path / "a")
    a = node("a")
    follow_once(a)
    live = sorted(r.id for r in a.store.iter_records())
    assert sorted(_all_ids(a)) == live == sorted(_all_ids(b)) and len(live) == 85
    assert a.search(SearchRequest(q="第5号征收事项", limit=3)).hits[0].id == _doc(5).id
    assert "第2稿" in (a.store.get(_doc(5).id).body or "")


def test_a_running_nodes_follower_notices_its_store_put_back_from_a_backup(tmp_path):
    """The database file is copied back from a backup by hand while node B's server (its follower) runs: B's index holds
    changes the store no longer has, and the records stored next take numbers at or below its watermark. The follower's
    next round rebuilds (as opening the index does): the records stored after the restore are found, the lost ones not."""
    db = tmp_path / "store.db"
    url = f"sqlite:///{db}"
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=url))
    b = Engine(load_settings(data_dir=tmp_path / "b", database_url=url))
    a.ingest_records([_doc(n) for n in range(40)])
    follow_once(b)
    a.close()
    shutil.copy(db, tmp_path / "backup.db")
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=url))
    a.ingest_records([_doc(n) for n in range(100, 130)])  # stored, then lost by the restore
    follow_once(b)
    a.close()
    b.store.close()
    shutil.copy(tmp_path / "backup.db", db)  # restored by hand
    for stale in tmp_path.glob("store.db-*"):
        stale.unlink()
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=url, index={"rebuild_on_open": True}))
    a.ingest_records([_doc(n) for n in range(200, 205)])  # the restored store numbers them after the backup's last change
    follow_once(b)  # B kept running
    assert sorted(_all_ids(b)) == sorted(r.id for r in a.store.iter_records())
    assert b.search(SearchRequest(q="第202号征收事项", limit=3)).hits[0].id == _doc(202).id


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_two_nodes_running_the_alerts_job_at_once_send_each_delivery_once(tmp_path, database, request):
    from gongkai.ops.alert_runs import run_alerts_alone

    url = f"sqlite:///{tmp_path}/store.db" if database == "sqlite" else request.getfixturevalue("pg_database")

    def node(name: str) -> Engine:
        return Engine(load_settings(data_dir=tmp_path / name, database_url=url, alerts={"backoff_seconds": 0}))

    a, b = node("a"), node("b")
    with Receiver(delay=0.05) as receiver:
        for n in range(12):
            A.add_alert(a, "遗失营业执照" if n % 2 else "征收事项", {}, "webhook", receiver.url)
        a.ingest_records([_lost(n) for n in range(40, 50)] + [_doc(n) for n in range(300, 310)])
        follow_once(b)
        reports = []
        threads = [threading.Thread(target=lambda e=e: reports.append(run_alerts_alone(e))) for e in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert receiver.repeats == 0 and len(receiver.accepted) == 12 == sum(r.delivered for r in reports)
        assert sorted(len(body["records"]) for body in receiver.accepted.values()) == [10] * 12


# Was a known gap (strict xfail) of alerts5: nodes6 (session 17) tells backlog by records.first_seq, no clock.
def test_a_record_stored_by_a_node_whose_clock_jumped_back_an_hour_is_still_news(tmp_path):
    """Node B's clock jumped back an hour (an NTP step; a VM resumed): a notice it stores a minute after a citizen confirmed
    a subscription on node A carries a first_seen an hour before the alert. It is a new record, not the backlog: sent."""
    from datetime import timedelta

    from sqlalchemy import update

    from gongkai.store.outbox import sql_engine
    from gongkai.store.schema import records
    from gongkai.store.timeutil import to_db

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    engine.ingest_records([_lost(60)])
    with Receiver() as receiver:
        alert = A.add_alert(engine, "遗失营业执照", {}, "webhook", receiver.url)
        engine.ingest_records([_lost(61)])
        with sql_engine(engine.store).begin() as conn:  # as node B wrote it
            conn.execute(update(records).where(records.c.id == _lost(61).id).values(first_seen=to_db(alert.created_at - timedelta(minutes=59))))
        assert not A.run_alerts(engine).errors
        titles = [r["title"] for body in receiver.accepted.values() for r in body["records"]]
    assert titles == [_lost(61).title]


def test_a_source_paused_by_the_operator_is_not_overdue_and_not_told(tmp_path):
    """`gongkai jobs pause newspaper:xmrb` (the paper's site is being rebuilt, say): the paper is shown paused (暂停), not
    overdue, and the operators' notice leaves it out; resumed, it is judged again and told when behind."""
    from gongkai.ops.db import ops_engine
    from gongkai.ops.freshness import sources_status
    from gongkai.ops.service import set_paused

    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    with Receiver() as receiver:
        ops = A.add_alert(engine, "", {}, "webhook", receiver.url)
        engine.settings.freshness.notify_alert = ops.id
        ops_db = ops_engine(engine.settings.resolved_database_url)
        set_paused(ops_db, "newspaper:xmrb", True)
        by_name = {s.name: s for s in sources_status(engine)}
        paper = by_name["xmrb"]
        assert not paper.overdue and paper.as_dict().get("paused") is True
        assert any("暂停" in reason for reason in paper.reasons)
        A.run_alerts(engine)
        told = [s["name"] for body in receiver.accepted.values() for s in body.get("sources", [])]
        assert "xmrb" not in told and told  # the other sources that never ran are told
        set_paused(ops_db, "newspaper:xmrb", False)
        assert {s.name: s for s in sources_status(engine)}["xmrb"].overdue
        A.run_alerts(engine)
        told = [s["name"] for body in receiver.accepted.values() for s in body.get("sources", [])]
        assert told.count("xmrb") == 1


TRADITIONAL_ODD = """停電通知
因配電設備檢修，2026年12月22日8:00-12:00，思明區廈禾路301號至359號（單號）、禾祥東路雙號一側停電。
國網廈門供電公司
2026年12月15日"""

#: round 2: a side printed in Traditional (單號, 雙號一側), a side typed by the subscriber
SIDES = [("厦禾路321号", 1), ("厦禾路320号", 0), ("廈禾路３２１號", 1), ("禾祥东路12号", 1), ("禾祥东路13号", 0),
         ("莲前东路单号", 1), ("莲前东路（单号）", 1)]


def test_round2_sides_printed_in_traditional_and_typed_by_the_subscriber(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    with Receiver() as receiver:
        watching = {area: A.add_alert(engine, "", {"area": area}, "webhook", receiver.url) for area, _ in SIDES}
        engine.ingest_records([notice(TRADITIONAL_ODD, "https://www.xm.sgcc.example/s5/4"), notice(ODD_SIDE, "https://www.xm.sgcc.example/s5/1")])
        assert not A.run_alerts(engine).errors
        told: dict[str, list[str]] = {}
        for body in receiver.accepted.values():
            told.setdefault(body["alert_id"], []).extend(r["title"] for r in body["records"])
    assert {area: len(told.get(alert.id, [])) for area, alert in watching.items()} == dict(SIDES)


def test_round2_one_mailbox_typed_two_ways_is_one_subscriber(tmp_path, mail_server):
    """The form sent again with the domain in capitals (phones capitalise), or an IDN domain as its IDNA form: the same
    mailbox, so one alert and one mail per notice (as a second click of the same address, alerts4)."""
    from gongkai.web.app import create_app

    port, wire = mail_server
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
    with serve_in_thread(create_app(engine)) as base, httpx.Client(base_url=base, timeout=10) as client:
        for typed in ["li.na@example.cn", "li.na@EXAMPLE.CN", "zhao@例子.中国", "zhao@xn--fsqu00a.xn--fiqs8s", "Zhao@例子。中国"]:
            assert client.post("/subscriptions", data={"email": typed, "q": "遗失营业执照"}).status_code == 200
        _confirm_all(client, wire)
        engine.ingest_records([_lost(71)])
        A.run_alerts(engine)
        tos = sorted(email.message_from_bytes(raw, policy=email.policy.default)["To"].lower() for raw in wire.raw)
    assert tos == ["li.na@example.cn", "zhao@xn--fsqu00a.xn--fiqs8s"]


def test_round2_a_running_nodes_index_folder_replaced_by_a_backup(tmp_path):
    """Node A's index folder is put back from last night's copy while A's server runs (the operator restored the disk's
    folder, not the database): A's follower finds the index behind and catches up; nothing is indexed twice."""
    url = f"sqlite:///{tmp_path}/store.db"
    a = Engine(load_settings(data_dir=tmp_path / "a", database_url=url))
    a.ingest_records([_doc(n) for n in range(400, 440)])
    shutil.copytree(tmp_path / "a" / "index", tmp_path / "index-backup")
    a.ingest_records([_doc(n, 2) for n in range(400, 405)] + [_doc(n) for n in range(440, 460)])
    a.withdraw(_doc(410).id, "误发")
    shutil.rmtree(tmp_path / "a" / "index")
    shutil.copytree(tmp_path / "index-backup", tmp_path / "a" / "index")
    follow_once(a)
    follow_once(a)
    assert sorted(_all_ids(a)) == sorted(r.id for r in a.store.iter_records())
    assert a.search(SearchRequest(q="第455号征收事项", limit=3)).hits[0].id == _doc(455).id


# Was a known gap (strict xfail) of alerts5; outages9's fifth round made a side asked and a side printed compare.
def test_round2_a_side_asked_is_not_cut_by_the_other_sides_range(tmp_path):
    engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"backoff_seconds": 0}))
    with Receiver() as receiver:
        even = A.add_alert(engine, "", {"area": "莲前东路双号"}, "webhook", receiver.url)
        engine.ingest_records([notice(ODD_SIDE, "https://www.xm.sgcc.example/s5/1")])  # 莲前东路1号至201号（单号）
        A.run_alerts(engine)
        assert [b for b in receiver.accepted.values() if b["alert_id"] == even.id] == []


def test_round2_an_agency_whose_push_tokens_were_revoked_is_paused_not_overdue(tmp_path):
    """厦门市财政局 pushed daily, then moved to the national platform and the operator revoked its tokens: it is a stopped
    source (paused since the revocation), not an `other` source overdue for good; a new token judges it again."""
    from datetime import timedelta

    from gongkai.feeds.tokens import TokenStore
    from gongkai.ops.freshness import sources_status
    from gongkai.store.timeutil import utc_now

    engine = Engine(load_settings(data_dir=tmp_path / "data"))
    tokens = TokenStore(engine.store)
    tokens.create("厦门市财政局")
    today = utc_now().date()
    engine.ingest_records([Record(kind="disclosure", title=f"厦门市财政局关于第{n}批专项资金的公示", issuer="厦门市财政局", source="厦门市财政局",
                                  publish_date=today - timedelta(days=30 + n), url=f"https://czj.xm.example/{n}.htm") for n in range(10)])
    assert tokens.revoke("厦门市财政局") == 1
    later = utc_now() + timedelta(days=20)
    entry = {s.name: s for s in sources_status(engine, now=later)}["厦门市财政局"]
    assert entry.kind == "push" and not entry.overdue and entry.as_dict()["paused"]
    tokens.create("厦门市财政局")
    assert {s.name: s for s in sources_status(engine, now=later)}["厦门市财政局"].overdue


class RudeAtQuit:
    """Takes every message, then answers QUIT with 421 (some servers close so after a slow conversation)."""

    def __init__(self) -> None:
        self.raw: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it
        self.raw.append(envelope.original_content or envelope.content)
        return "250 2.0.0 Ok: queued"

    async def handle_QUIT(self, server, session, envelope):
        return "421 4.4.2 mx.example.cn Error: timeout exceeded"


def test_round2_a_message_the_server_took_is_sent_whatever_it_answers_to_quit(tmp_path):
    """The message was accepted (250 to DATA); the server's 421 to QUIT came after. It was a failed try, so the next
    run sent the same mail again (and again, up to 8 times)."""
    from aiosmtpd.controller import Controller

    rude, port = RudeAtQuit(), free_port()
    controller = Controller(rude, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        engine = Engine(load_settings(data_dir=tmp_path / "data", alerts={"smtp_host": "127.0.0.1", "smtp_port": port, "backoff_seconds": 0}))
        A.add_alert(engine, "遗失营业执照", {}, "email", "clerk@example.cn")
        engine.ingest_records([_lost(81)])
        first = A.run_alerts(engine)
        second = A.run_alerts(engine)
    finally:
        controller.stop()
    assert (first.delivered, first.failed_tries, second.delivered, len(rude.raw)) == (1, 0, 0, 1)


#: Node B, whose clock jumped back an hour: it starts a run of argv[2] holding the job's lease (argv[3] s), beats, and waits
#: to be killed (SIGKILL: the machine lost power).
NODE_BEHIND = r"""
import sys, time
from datetime import timedelta
from gongkai.ops import history, locks
from gongkai.ops.db import ops_engine
from gongkai.store import timeutil

real = timeutil.utc_now
locks.utc_now = history.utc_now = lambda: real() - timedelta(hours=1)
locks.HOST = "node-b"
db, job, lease = ops_engine(sys.argv[1]), sys.argv[2], float(sys.argv[3])
owner = locks.new_owner_id()
assert isinstance(locks.acquire(db, f"job:{job}", owner, lease), locks.Acquired)
runs = history.RunLog(db)
run = runs.start(job, "scheduled", owner)
runs.beat(run, {"new": 7})
print(run, flush=True)
time.sleep(600)
"""


def test_round2_a_run_on_a_node_whose_clock_jumped_back_is_taken_over_when_it_dies(pg_database):
    """Another node takes over a run lost within the last lease + 5 minutes, judged against the run's last heartbeat. Node
    B's clock had jumped back an hour: its heartbeat said an hour ago, so its run, killed, was never run again (alerts5).
    The runs' times are the database's clock now, as the leases' are."""
    import subprocess
    import sys
    import time
    from datetime import timedelta
    from pathlib import Path

    from gongkai.ops import locks
    from gongkai.ops.db import ops_engine
    from gongkai.ops.history import RunLog
    from gongkai.ops.service import TAKEOVER_WINDOW_SECONDS

    db = ops_engine(pg_database)
    node_b = subprocess.Popen([sys.executable, "-c", NODE_BEHIND, pg_database, "crawl:xm-huli", "2"], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[1])
    try:
        run_id = int(node_b.stdout.readline())
    finally:
        node_b.kill()
        node_b.wait()
    time.sleep(2.5)  # its lease (2 s) expires: the run is lost
    runs = RunLog(db)
    runs.reap_lost()
    run = runs.get(run_id)
    with db.connect() as conn:
        now = locks.db_now(conn)
    assert run.outcome == "lost" and run.ended_at is not None
    assert now - timedelta(seconds=120 + TAKEOVER_WINDOW_SECONDS) <= run.ended_at <= now  # within the takeover window


def test_round2_the_feeds_and_the_drop_folder_paused_by_their_jobs(tmp_path):
    """`gongkai jobs pause feeds-poll` pauses every polled feed's clock, `inbox` the drop folder's; a site stays judged."""
    from gongkai.ops.db import ops_engine
    from gongkai.ops.freshness import sources_status
    from gongkai.ops.service import set_paused

    engine = Engine(load_settings(data_dir=tmp_path / "data", feeds={"agency_feeds": [{"name": "水务", "url": "http://127.0.0.1:9/feed.xml"}]}))
    engine.ingest_records([Record(kind="notice", notice_type="outage", title="停水通知", issuer="厦门水务集团", source="inbox:厦门水务集团",
                                  publish_date="2026-11-01", url="https://water.example/inbox/1")])
    ops_db = ops_engine(engine.settings.resolved_database_url)
    before = {s.name: s for s in sources_status(engine)}
    assert before["feed:水务"].overdue and before["inbox:厦门水务集团"].overdue  # never ran
    set_paused(ops_db, "feeds-poll", True)
    set_paused(ops_db, "inbox", True)
    after = {s.name: s for s in sources_status(engine)}
    assert [after[n].overdue for n in ("feed:水务", "inbox:厦门水务集团")] == [False, False]
    assert after["xmrb"].overdue and not after["xmrb"].as_dict()["paused"]
